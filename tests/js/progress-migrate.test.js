/* Stored progress of older versions is upgraded, never dropped.
 * Version 1, from before blanks scored 0: an empty answer in a quiz attempt in
 * progress was written for a task the learner had not answered, so it is read back
 * as not answered. Version 2, from before wrong checks hid the answer: every check
 * showed it, so a practice quiz's checked tasks count as revealed; an exercise's
 * best score is kept as it is, though it may have been made after the answer was
 * seen (nothing tells). Everything else is kept as it was. */
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");

const progress = require("../../plugins/annotrain/browser/progress-quiz.js");
const progressFile = require("../../plugins/annotrain/browser/progress-file.js");

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
  const result = progressFile.parseImport(JSON.stringify(versionOne()), "course");
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

function versionTwo() {
  return {
    format: "annotrain-progress", version: 2, site: "course", lessons: { "week-1/a.md": { done: true } },
    learner: { name: "Ana", updated: "2026-01-01T00:00:00.000Z" },
    exercises: {
      // Checked twice: wrong, then right after the gold was shown. Version 2 cannot tell.
      e1: { best: 1, last: { choice: "Positive" }, lastScore: 1, passed: true, attempts: 2, hints: 1 },
      e2: { attempts: 0, hints: 2 },
    },
    quizzes: {
      p: {
        current: {
          version: "0123456789abcdef", seed: 7, started: "2026-01-10T09:00:00.000Z", deadline: null,
          tasks: ["c1", "c2", "c3"], position: 1, candidate: {}, flags: {},
          checked: { c1: true, c3: true }, responses: { c1: { choice: "No" }, c2: { choice: "Yes" }, c3: { choice: "Yes" } },
        },
        attempts: [SUBMITTED],
      },
      q: { current: null, attempts: [] },
    },
  };
}

test("a version 2 record opens as the current version: scores kept, checked practice tasks revealed", () => {
  const storage = fakeStorage({ [KEY]: JSON.stringify(versionTwo()) });
  const opened = progress.open(storage, "course", new Date("2026-02-01T00:00:00Z"));
  assert.deepEqual(opened.problems, []);
  assert.equal(opened.data.version, progress.VERSION);
  assert.equal(progress.VERSION, 3);
  const before = versionTwo();
  // The best score stays, even where it may have been made after the answer was seen.
  assert.deepEqual(opened.data.exercises, before.exercises);
  assert.deepEqual(opened.data.lessons, before.lessons);
  assert.deepEqual(opened.data.learner, before.learner);
  assert.deepEqual(progress.quizAttempts(opened.data, "p"), [SUBMITTED]);
  const current = progress.quizCurrent(opened.data, "p");
  assert.deepEqual(current.revealed, { c1: true, c3: true });
  assert.deepEqual(current.responses, before.quizzes.p.current.responses); // version 2 answers stand
  assert.deepEqual(progress.quizTask(opened.data, "p", "c3"), { checked: true, wrong: 0, revealed: true });
  assert.deepEqual(progress.quizTask(opened.data, "p", "c2"), { checked: false, wrong: 0, revealed: false });
  assert.deepEqual([...storage.items.keys()], [KEY]); // upgraded in place, nothing set aside
});

test("an upgraded version 2 record counts checks by the new rules", () => {
  const opened = progress.open(fakeStorage({ [KEY]: JSON.stringify(versionTwo()) }), "course", new Date());
  const item = progress.recordCheck(opened.data, "e2", { choice: "No" }, { score: 0.4, passed: false }, 2, new Date());
  assert.deepEqual([item.best, item.wrong, item.hints], [0.4, 1, 2]);
});

test("an exported version 2 file is upgraded the same way when imported", () => {
  const result = progressFile.parseImport(JSON.stringify(versionTwo()), "course");
  assert.equal(result.ok, true);
  assert.equal(result.data.version, progress.VERSION);
  assert.deepEqual(result.data.exercises, versionTwo().exercises);
  assert.deepEqual(progress.quizCurrent(result.data, "p").revealed, { c1: true, c3: true });
});

test("a version 1 record goes through both upgrades", () => {
  const old = versionOne();
  old.quizzes["week-1"].current.checked = { c1: true };
  const opened = progress.open(fakeStorage({ [KEY]: JSON.stringify(old) }), "course", new Date());
  const current = progress.quizCurrent(opened.data, "week-1");
  assert.equal(current.responses.b1, null);
  assert.deepEqual(current.revealed, { c1: true });
});
