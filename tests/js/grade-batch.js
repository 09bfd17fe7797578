/* Grades a batch with the browser grader, for the Python-side agreement test:
 *   node tests/js/grade-batch.js CASES.json  ->  prints a JSON list of grades.
 * CASES.json: {"messages": {...}, "cases": [{"task": ..., "response": ..., "hide_gold": bool}]}
 * (hide_gold optional: the notes of a wrong check made before the answer is shown). */
"use strict";

const fs = require("node:fs");
const grader = require("./all-graders.js");

const input = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const grades = input.cases.map((c) => grader.grade(c.task, c.response, input.messages, c.hide_gold === true));
process.stdout.write(JSON.stringify(grades));
