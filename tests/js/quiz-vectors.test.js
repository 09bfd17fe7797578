/* Whole-quiz vectors (tests/vectors/quizzes/*.json) through quiz-core.js: the same
 * files pytest runs through grading/quiz.py. */
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

require("./all-graders.js"); // registers every task type with grader.js
const core = require("../../plugins/annotrain/browser/quiz-core.js");

const ROOT = path.join(__dirname, "..", "..");
const FOLDER = path.join(ROOT, "tests", "vectors", "quizzes");
const MESSAGES = JSON.parse(fs.readFileSync(path.join(ROOT, "plugins/annotrain/i18n/en.json"), "utf8"));
const FILES = fs.readdirSync(FOLDER).filter((name) => name.endsWith(".json")).sort();

test("quiz vectors exist", () => assert.ok(FILES.length > 0));

for (const file of FILES) {
  const data = JSON.parse(fs.readFileSync(path.join(FOLDER, file), "utf8"));
  for (const c of data.cases) {
    test(`${file}: ${c.name}`, () => {
      const result = core.gradeQuiz(data.quiz, c.tasks, c.responses, MESSAGES);
      assert.ok(Math.abs(result.score - c.expected.score) < 1e-12, `score ${result.score}`);
      assert.equal(result.passed, c.expected.passed);
      assert.equal(result.critical_failures, c.expected.critical_failures);
      for (const [id, value] of Object.entries(c.expected.criteria || {})) {
        assert.ok(Math.abs(result.criteria[id].value - value) < 1e-12, `${id} ${result.criteria[id].value}`);
      }
      const fields = (s) => [s.title, s.count, s.min_score, s.met];
      assert.deepEqual(result.sections.map(fields), c.expected.sections.map(fields));
      c.expected.sections.forEach((want, i) => {
        assert.ok(Math.abs(result.sections[i].score - want.score) < 1e-12, `${want.title} ${result.sections[i].score}`);
      });
      assert.deepEqual(result.held_back, c.expected.held_back);
    });
  }
}
