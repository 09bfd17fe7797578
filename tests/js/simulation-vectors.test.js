/* The running-accuracy rule of a work simulation (tests/vectors/simulation/*.json)
 * through simulation-core.js: the same files pytest runs through grading/simulation.py. */
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

require("./all-graders.js"); // registers every task type with grader.js
const core = require("../../plugins/annotrain/browser/simulation-core.js");

const ROOT = path.join(__dirname, "..", "..");
const FOLDER = path.join(ROOT, "tests", "vectors", "simulation");
const MESSAGES = JSON.parse(fs.readFileSync(path.join(ROOT, "plugins/annotrain/i18n/en.json"), "utf8"));
const FILES = fs.readdirSync(FOLDER).filter((name) => name.endsWith(".json")).sort();

test("simulation vectors exist", () => assert.ok(FILES.length > 0));

for (const file of FILES) {
  const data = JSON.parse(fs.readFileSync(path.join(FOLDER, file), "utf8"));
  for (const c of data.cases) {
    test(`${file}: ${c.name}`, () => {
      const result = data.quiz
        ? core.simulate(data.quiz, c.tasks, c.responses, MESSAGES)
        : core.replay(c.tasks, c.gold, c.responses, c.rule, MESSAGES);
      assert.deepEqual(result, c.expected);
    });
  }
}

test("the steps and the rule are not modified", () => {
  const steps = [["a", false], ["w", null], ["b", true]];
  const rule = { window: 2, min_correct: 2, min_gold: 1 };
  const copy = JSON.stringify([steps, rule]);
  const result = core.runningAccuracy(steps, rule);
  assert.equal(result.stop.task, "a");
  assert.equal(JSON.stringify([steps, rule]), copy);
});
