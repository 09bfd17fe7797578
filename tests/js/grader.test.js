/* The browser grader against the shared vectors (tests/vectors/*.json), the same
 * files pytest runs through grading.py (a case with "hide_gold": true is a wrong
 * check made before the answer is shown), plus the grader's own guarantees: no
 * throw on malformed responses, inputs left untouched, Python-identical helpers. */
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const grader = require("./all-graders.js");

const ROOT = path.join(__dirname, "..", "..");
const VECTORS = path.join(ROOT, "tests", "vectors");
const MESSAGES = JSON.parse(fs.readFileSync(path.join(ROOT, "plugins/annotrain/i18n/en.json"), "utf8"));

function vectorFiles() {
  return fs.existsSync(VECTORS)
    ? fs.readdirSync(VECTORS).filter((name) => name.endsWith(".json")).sort()
    : [];
}

function loadCases() {
  return vectorFiles().flatMap((file) =>
    JSON.parse(fs.readFileSync(path.join(VECTORS, file), "utf8")).cases.map((c) => ({ file, ...c }))
  );
}

const CASES = loadCases();

function near(actual, expected, what) {
  assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: ${actual} != ${expected}`);
}

test("the shared vectors exist and hold cases", () => {
  assert.ok(CASES.length > 0, `no grading cases found in ${VECTORS}`);
});

for (const c of CASES) {
  test(`${c.file}: ${c.name}`, () => {
    const got = grader.grade(c.task, c.response, MESSAGES, c.hide_gold === true);
    const want = c.expected;
    assert.equal(got.id, want.id);
    assert.equal(got.type, want.type);
    near(got.score, want.score, "score");
    assert.equal(got.passed, want.passed, "passed");
    assert.deepEqual(Object.keys(got.criteria).sort(), Object.keys(want.criteria).sort());
    for (const [id, expected] of Object.entries(want.criteria)) {
      const actual = got.criteria[id];
      assert.equal(actual.level, expected.level, `${id}.level`);
      if (expected.value === null) assert.equal(actual.value, null, `${id}.value`); // a blank
      else near(actual.value, expected.value, `${id}.value`);
      assert.equal(actual.descriptor, expected.descriptor, `${id}.descriptor`);
      assert.deepEqual(actual.notes, expected.notes, `${id}.notes`);
    }
  });
}

const MALFORMED = [undefined, null, 0, "x", [], [{ choice: "x" }], { choice: 3 }, { choices: null },
  { choices: [null, {}, []] }, { choice: { toString: null } }, Object.create(null)];

test("malformed responses never throw and leave the task untouched", () => {
  for (const c of CASES) {
    const before = JSON.stringify(c.task);
    for (const response of MALFORMED) {
      const got = grader.grade(c.task, response, MESSAGES);
      assert.equal(typeof got.score, "number");
    }
    assert.equal(JSON.stringify(c.task), before);
  }
});

test("grading does not modify the response", () => {
  const c = CASES.find((x) => x.task.type === "multi");
  const response = { choices: ["E", "A", "A"] };
  grader.grade(c.task, response, MESSAGES);
  assert.deepEqual(response, { choices: ["E", "A", "A"] });
});

test("inherited keys are not read as an answer", () => {
  const c = CASES.find((x) => x.task.type === "choice");
  const response = Object.create({ choice: c.task.gold.choice });
  assert.deepEqual(grader.normalize(c.task, response), { choice: null });
});

test("a missing message falls back to its key instead of throwing", () => {
  const c = CASES.find((x) => x.task.type === "choice");
  const got = grader.grade(c.task, null, {});
  assert.deepEqual(Object.values(got.criteria)[0].notes, ["note_not_answered"]);
});

for (const [template, params, expected] of [
  ["{a} and {b}", { a: 1, b: "two" }, "1 and two"],
  ["{missing} stays", {}, "{missing} stays"],
  ["{constructor} is not a param", {}, "{constructor} is not a param"],
  ["{ a } is not a placeholder", { a: 1 }, "{ a } is not a placeholder"],
  ["{a}{a}", { a: "x" }, "xx"],
]) {
  test(`fill(${JSON.stringify(template)})`, () => {
    assert.equal(grader.fill(template, params), expected);
  });
}

test("formatList quotes and joins like messages.format_list", () => {
  assert.equal(grader.formatList(["A", "B c"]), "\u201cA\u201d, \u201cB c\u201d");
  assert.equal(grader.formatList([]), "");
});

test("each type offers the measures the Python types offer", () => {
  assert.deepEqual(Object.keys(grader.measures.choice), ["correct", "ordinal_similarity", "ordinal_distance"]);
  assert.deepEqual(Object.keys(grader.measures.multi), ["precision", "recall", "jaccard", "f1", "exact"]);
  assert.deepEqual(Object.keys(grader.measures.spans), ["precision", "recall", "f1", "boundary_accuracy", "label_accuracy"]);
  assert.deepEqual(Object.keys(grader.measures.rating), ["within_tolerance", "exact", "mean_abs_distance", "max_distance"]);
  assert.deepEqual(Object.keys(grader.measures.numeric), ["within_tolerance", "abs_error", "rel_error"]);
  assert.deepEqual(Object.keys(grader.measures.transcript), ["wer", "cer", "accuracy"]);
  assert.deepEqual(Object.keys(grader.measures.segments),
    ["recall", "precision", "false_positives", "label_accuracy", "mean_iou", "boundary_error"]);
  assert.deepEqual(Object.keys(grader.measures.polygon), ["recall", "precision", "label_accuracy", "mean_iou", "vertex_deviation"]);
  assert.deepEqual(Object.keys(grader.measures.keypoints), ["pck", "completeness", "missing", "visibility_accuracy", "mean_distance"]);
  assert.deepEqual(Object.keys(grader.measures.tracking),
    ["mean_iou", "missed_frames", "invented_frames", "id_switches", "label_accuracy", "mota"]);
  assert.equal(grader.EPSILON, 1e-9);
});

test("a polygon response changed after grading is graded afresh", () => {
  // Every measure reuses the latest IoU table; it must never outlive the outlines.
  const c = CASES.find((item) => item.file === "polygon.json");
  const response = structuredClone(c.response);
  assert.equal(grader.grade(c.task, response, MESSAGES).score, 1);
  for (const point of response.polygons[0].points) point[0] = Math.min(point[0] + 40, c.task.image.width);
  const moved = grader.grade(c.task, response, MESSAGES);
  assert.deepEqual(moved, grader.grade(c.task, structuredClone(response), MESSAGES));
  assert.ok(moved.score < 1);
});

test("clamp keeps a value within its bounds, the upper one winning should they cross", () => {
  assert.equal(grader.clamp(5, 0, 3), 3);
  assert.equal(grader.clamp(-1, 0, 3), 0);
  assert.equal(grader.clamp(2.5, 0, 3), 2.5);
  // A segment starting within its minimum length of the clip's end stays inside the clip.
  assert.equal(grader.clamp(4, 2, 1), 1);
});

test("hideGold: a note says its _nogold variant, once, and an empty variant drops it", () => {
  const c = CASES.find((x) => x.task.type === "multi" && x.task.id === "tags");
  const messages = {
    note_multi_extra: "extra {items}", note_multi_extra_nogold: "extra: {count}",
    note_multi_missed: "missed {items}", note_multi_missed_nogold: "",
  };
  const response = { choices: ["A", "D", "E"] };
  const shown = grader.grade(c.task, response, messages);
  const secret = grader.grade(c.task, response, messages, true);
  assert.deepEqual(shown.criteria.precision.notes, ["extra \u201cD\u201d, \u201cE\u201d"]);
  assert.deepEqual(secret.criteria.precision.notes, ["extra: 2"]);
  assert.deepEqual(secret.criteria.completeness.notes, []);
  assert.equal(secret.score, shown.score);
  assert.deepEqual(grader.hidden({ a: "x", a_nogold: "y", b: "z" }), { a: "y", a_nogold: "y", b: "z" });
});
