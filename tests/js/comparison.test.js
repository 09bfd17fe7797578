/* rank and pairwise in the browser grader: which responses count as answered (the
 * others are blanks, scoring 0), and what the learner is told is missing (a
 * required justification is checked here, never graded: without it the task is
 * answered but incomplete). Tasks come from the shared vectors, as the page gets them. */
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const grader = require("./all-graders.js");

const VECTORS = path.join(__dirname, "..", "vectors");

function taskOf(file, id) {
  const cases = JSON.parse(fs.readFileSync(path.join(VECTORS, file), "utf8")).cases;
  return cases.find((c) => c.task.id === id).task;
}

const THREE = taskOf("rank.json", "three"); // justification optional
const FOUR = taskOf("rank.json", "four"); // justification required
const TIE_GOLD = taskOf("pairwise.json", "tie-gold"); // required, ties allowed
const PAIR = taskOf("pairwise.json", "pair"); // optional, no ties

test("the types offer the measures the Python types offer", () => {
  assert.deepEqual(Object.keys(grader.measures.rank),
    ["kendall_tau", "tau_similarity", "pairs_agreeing", "top_match", "exact"]);
  assert.deepEqual(Object.keys(grader.measures.pairwise), ["preference"]);
});

for (const [name, task, response, missing] of [
  ["rank: a complete order, optional justification", THREE, { order: ["A", "B", "C"] }, null],
  ["rank: an incomplete order", THREE, { order: ["A", "B"], justification: "x" }, "no_answer"],
  ["rank: a repeated id", THREE, { order: ["A", "A", "C"] }, "no_answer"],
  ["rank: no response", THREE, null, "no_answer"],
  ["rank: required justification missing", FOUR, { order: ["A", "B", "C", "D"] }, "no_justification"],
  ["rank: required justification blank", FOUR, { order: ["A", "B", "C", "D"], justification: " \n\t" }, "no_justification"],
  ["rank: required justification not text", FOUR, { order: ["A", "B", "C", "D"], justification: 5 }, "no_justification"],
  ["rank: required justification given", FOUR, { order: ["A", "B", "C", "D"], justification: "B is right." }, null],
  ["rank: no order beats no justification", FOUR, { order: [] }, "no_answer"],
  ["pairwise: a choice, optional justification", PAIR, { choice: "A" }, null],
  ["pairwise: tie where ties are not allowed", PAIR, { choice: "tie" }, "no_answer"],
  ["pairwise: required justification missing", TIE_GOLD, { choice: "tie" }, "no_justification"],
  ["pairwise: required justification given", TIE_GOLD, { choice: "tie", justification: "Same answer." }, null],
  ["pairwise: nothing chosen", TIE_GOLD, { choice: null, justification: "x" }, "no_answer"],
]) {
  test(name, () => {
    assert.equal(grader.missing(task, response), missing);
    // Without its required justification the task is answered (not a blank) but incomplete.
    const kind = grader.types[task.type];
    assert.equal(kind.answered(task, grader.normalize(task, response), response), missing !== "no_answer");
  });
}

test("choice and multi still say no_answer when unanswered", () => {
  const cases = JSON.parse(fs.readFileSync(path.join(VECTORS, "choice.json"), "utf8")).cases;
  assert.equal(grader.missing(cases[0].task, {}), "no_answer");
  assert.equal(grader.missing(cases[0].task, { choice: cases[0].task.gold.choice }), null);
});

test("normalising keeps the justification text and copies the order", () => {
  const order = ["C", "A", "B"];
  const canonical = grader.normalize(THREE, { order, justification: "C first." });
  assert.deepEqual(canonical, { order: ["C", "A", "B"], justification: "C first." });
  assert.notEqual(canonical.order, order);
});
