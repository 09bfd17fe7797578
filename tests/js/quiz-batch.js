/* Draws and grades quiz attempts with the browser's quiz-core.js, for the
 * Python-side agreement test:
 *   node tests/js/quiz-batch.js INPUT.json  ->  prints a JSON list of {draw, grade}.
 * INPUT.json: {"messages": {...}, "quiz": <quiz JSON>, "cases": [{"seed", "responses"}]} */
"use strict";

const fs = require("node:fs");
require("./all-graders.js"); // registers every task type with grader.js
const core = require("../../plugins/annotrain/browser/quiz-core.js");

const input = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const results = input.cases.map((c) => {
  const drawn = core.draw(input.quiz, c.seed);
  return {
    draw: drawn,
    grade: core.gradeQuiz(input.quiz, drawn, c.responses, input.messages),
  };
});
process.stdout.write(JSON.stringify(results));
