/* Stored progress from before blanks scored 0 (record version 1): an empty answer
 * in a quiz attempt in progress was written for a task the learner had not
 * answered, so it is read back as not answered; everything else is kept as it was. */
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");

const progress = require("../../plugins/annotrain/browser/progress-quiz.js");
require("../../plugins/annotrain/browser/progress-manage.js"); // parseImport, on the same object

const KEY = "annotrain:v1:course";

function fakeStorage(items) {
  const map = new Map(Object.entries(items || {}));
  return {
    items: map,
    getItem: (key) => (map.has(key) ? map.get(key) : null),
    setItem: (key, value) => map.set(key, String(value)),
  };
}

const SUBMITTED = { submitted: "2026-01-10T10:00:00.000Z", score: 0.2, passed: false, critical_failures: 1,
  attempt: { format: "annotrain-attempt/2", responses: { m1: { choices: [] } } } };

function versionOne() {
  return {
    format: "annotrain-progress", version: 1, site: "course", lessons: { "week-1/a.md": { done: true } },
    exercises: { e1: { best: 1, last: { boxes: [] }, lastScore: 1, passed: true, attempts: 1, hints: 0 } },
    quizzes: {
      "week-1": {
        current: {
          version: "0123456789abcdef", seed: 7, started: "2026-01-10T09:00:00.000Z", deadline: null,
          tasks: ["m1", "b1", "t1", "s1", "r1", "c1", "k1"], position: 2, candidate: {}, checked: {},
          responses: {
            m1: { choices: [] }, b1: { boxes: [] }, t1: { text: "  " }, s1: { spans: [], note: null },
            r1: { order: ["A", "B"], justification: "" }, c1: { choice: "Yes" }, k1: null,
          },
        },
        attempts: [SUBMITTED],
      },
    },
  };
}

test("a version 1 record opens as the current version, its untouched quiz answers read as not answered", () => {
  const storage = fakeStorage({ [KEY]: JSON.stringify(versionOne()) });
  const opened = progress.open(storage, "course", new Date("2026-02-01T00:00:00Z"));
  assert.deepEqual(opened.problems, []);
  assert.equal(opened.data.version, progress.VERSION);
  assert.deepEqual(progress.quizCurrent(opened.data, "week-1").responses, {
    m1: null, b1: null, t1: null, s1: null, r1: { order: ["A", "B"], justification: "" }, c1: { choice: "Yes" }, k1: null,
  });
  // Nothing else changes: checked answers, lessons, submitted attempts.
  const before = versionOne();
  assert.deepEqual(opened.data.exercises, before.exercises);
  assert.deepEqual(opened.data.lessons, before.lessons);
  assert.deepEqual(progress.quizAttempts(opened.data, "week-1"), [SUBMITTED]);
  assert.deepEqual(opened.data.quizzes["week-1"].current.tasks, before.quizzes["week-1"].current.tasks);
  // Nothing is set aside: the record is upgraded, not replaced.
  assert.deepEqual([...storage.items.keys()], [KEY]);
});

test("a current record keeps its deliberate empty answers", () => {
  const current = versionOne();
  current.version = progress.VERSION;
  const storage = fakeStorage({ [KEY]: JSON.stringify(current) });
  const opened = progress.open(storage, "course", new Date());
  assert.deepEqual(progress.quizCurrent(opened.data, "week-1").responses.m1, { choices: [] });
  assert.deepEqual(progress.quizCurrent(opened.data, "week-1").responses.b1, { boxes: [] });
});

test("saved after opening, the upgraded record opens the same again", () => {
  const storage = fakeStorage({ [KEY]: JSON.stringify(versionOne()) });
  const first = progress.open(storage, "course", new Date()).data;
  progress.save(storage, "course", first);
  const again = progress.open(storage, "course", new Date()).data;
  assert.deepEqual(again, first);
});

test("an exported version 1 file is upgraded the same way when imported", () => {
  const result = progress.parseImport(JSON.stringify(versionOne()), "course");
  assert.equal(result.ok, true);
  assert.equal(result.data.version, progress.VERSION);
  assert.equal(progress.quizCurrent(result.data, "week-1").responses.b1, null);
  assert.deepEqual(progress.quizCurrent(result.data, "week-1").responses.c1, { choice: "Yes" });
});

test("a version 1 record with odd quiz entries still opens", () => {
  const odd = versionOne();
  odd.quizzes = { a: null, b: { current: null }, c: { current: { responses: [] } }, d: "x" };
  const opened = progress.open(fakeStorage({ [KEY]: JSON.stringify(odd) }), "course", new Date());
  assert.deepEqual(opened.problems, []);
  assert.equal(opened.data.version, progress.VERSION);
});
