/* The progress file's learner name: read defensively from whatever a file holds,
 * kept trimmed, removed when empty; it survives an export and import. */
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");

const progress = require("../../plugins/annotrain/browser/progress.js");
const progressFile = require("../../plugins/annotrain/browser/progress-file.js");

const NOW = new Date("2025-03-04T05:06:07.089Z");

test("a name is kept trimmed, with the time, and read back", () => {
  const data = progress.fresh("course");
  assert.equal(progressFile.learnerName(data), "");
  assert.equal(progressFile.setLearnerName(data, "  Ana Lima \n", NOW), "Ana Lima");
  assert.deepEqual(data.learner, { name: "Ana Lima", updated: NOW.toISOString() });
  assert.equal(progressFile.learnerName(data), "Ana Lima");
});

test("an empty name removes it", () => {
  const data = progress.fresh("course");
  progressFile.setLearnerName(data, "Ana", NOW);
  assert.equal(progressFile.setLearnerName(data, "   ", NOW), "");
  assert.equal("learner" in data, false);
  assert.equal(progressFile.learnerName(data), "");
});

test("a very long name is cut to 200 characters", () => {
  const data = progress.fresh("course");
  assert.equal(progressFile.setLearnerName(data, "x".repeat(500), NOW).length, 200);
  data.learner.name = "y".repeat(500); // as a hand-edited file may hold it
  assert.equal(progressFile.learnerName(data).length, 200);
});

for (const [name, learner] of [
  ["a string", "Ana"],
  ["a list", ["Ana"]],
  ["a number as name", { name: 7 }],
  ["null", null],
]) {
  test(`a learner that is ${name} reads as no name`, () => {
    const data = { ...progress.fresh("course"), learner };
    assert.equal(progressFile.learnerName(data), "");
  });
}

test("the name travels in the exported file and back", () => {
  const data = progress.fresh("course");
  progressFile.setLearnerName(data, "Ana Lima", NOW);
  const result = progressFile.parseImport(JSON.stringify(data), "course");
  assert.equal(result.ok, true);
  assert.equal(progressFile.learnerName(result.data), "Ana Lima");
});
