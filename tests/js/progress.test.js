/* The progress store on fake Storage objects: normal round trips, unreadable and
 * newer data kept aside (never deleted), storage that refuses to work. */
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");

const progress = require("../../plugins/annotrain/assets/progress.js");

const NOW = new Date("2025-03-04T05:06:07.089Z");
const KEY = "annotrain:v1:course";
const ASIDE = KEY + ":aside:2025-03-04T05:06:07.089Z";

/** A Storage-like object over a Map; `fail` names the methods that throw. */
function fakeStorage(initial = {}, fail = []) {
  const items = new Map(Object.entries(initial));
  const guard = (name) => {
    if (fail.includes(name)) throw new DOMException("refused", "QuotaExceededError");
  };
  return {
    items,
    getItem(key) { guard("getItem"); return items.has(key) ? items.get(key) : null; },
    setItem(key, value) { guard("setItem"); items.set(key, String(value)); },
    removeItem(key) { guard("removeItem"); items.delete(key); },
  };
}

const grade = (score, passed) => ({ id: "e1", type: "choice", score, passed, criteria: {} });

test("no stored data starts a fresh record", () => {
  const { data, problems, writable } = progress.open(fakeStorage(), "course", NOW);
  assert.deepEqual(problems, []);
  assert.equal(writable, true);
  assert.deepEqual(data, {
    format: "annotrain-progress", version: 1, site: "course", exercises: {}, lessons: {}, quizzes: {},
  });
});

test("a saved record reads back", () => {
  const storage = fakeStorage();
  const { data } = progress.open(storage, "course", NOW);
  progress.recordCheck(data, "e1", { choice: "A" }, grade(0.6, false), 1, NOW);
  assert.deepEqual(progress.save(storage, "course", data), { ok: true });
  const again = progress.open(storage, "course", NOW);
  assert.deepEqual(again.problems, []);
  assert.deepEqual(again.data.exercises.e1, {
    attempts: 1, hints: 1, best: 0.6, last: { choice: "A" }, lastScore: 0.6, passed: false,
    updated: "2025-03-04T05:06:07.089Z",
  });
});

for (const [name, text] of [
  ["not JSON", "{oops"],
  ["JSON but not an object", "[1, 2]"],
  ["an object of another format", JSON.stringify({ hello: "world" })],
  ["this format without exercises", JSON.stringify({ format: "annotrain-progress", version: 1 })],
  ["this format with a version that is not a number", JSON.stringify({ format: "annotrain-progress", version: "1", exercises: {} })],
]) {
  test(`${name}: kept aside, reported as corrupt, fresh record started`, () => {
    const storage = fakeStorage({ [KEY]: text });
    const { data, problems, writable } = progress.open(storage, "course", NOW);
    assert.deepEqual(problems, [{ kind: "corrupt", keptAs: ASIDE }]);
    assert.equal(writable, true);
    assert.equal(storage.items.get(ASIDE), text);
    assert.deepEqual(data.exercises, {});
    // Opening again finds the fresh record: nothing is set aside twice.
    assert.deepEqual(progress.open(storage, "course", NOW).problems, []);
  });
}

test("data from a newer version is kept aside as 'future'", () => {
  const text = JSON.stringify({ format: "annotrain-progress", version: 2, exercises: { e1: { best: 1 } } });
  const storage = fakeStorage({ [KEY]: text });
  const { problems } = progress.open(storage, "course", NOW);
  assert.deepEqual(problems, [{ kind: "future", keptAs: ASIDE }]);
  assert.equal(storage.items.get(ASIDE), text);
});

test("an aside key already in use is never overwritten", () => {
  const storage = fakeStorage({ [KEY]: "bad 2", [ASIDE]: "bad 1" });
  const { problems } = progress.open(storage, "course", NOW);
  assert.deepEqual(problems, [{ kind: "corrupt", keptAs: ASIDE + "-2" }]);
  assert.equal(storage.items.get(ASIDE), "bad 1");
  assert.equal(storage.items.get(ASIDE + "-2"), "bad 2");
});

test("storage that throws on read: in-memory record, reported unavailable", () => {
  const storage = fakeStorage({}, ["getItem", "setItem", "removeItem"]);
  const { data, problems, writable } = progress.open(storage, "course", NOW);
  assert.deepEqual(problems, [{ kind: "unavailable" }]);
  assert.equal(writable, false);
  assert.deepEqual(data.exercises, {});
});

test("no storage at all counts as unavailable", () => {
  assert.deepEqual(progress.open(null, "course", NOW).problems, [{ kind: "unavailable" }]);
});

test("unreadable data that cannot be copied aside is left in place", () => {
  const storage = fakeStorage({ [KEY]: "{oops" }, ["setItem"]);
  const { problems, writable } = progress.open(storage, "course", NOW);
  assert.deepEqual(problems, [{ kind: "unavailable" }]);
  assert.equal(writable, false);
  assert.equal(storage.items.get(KEY), "{oops");
});

test("a full storage makes save report, not throw", () => {
  const storage = fakeStorage({}, ["setItem"]);
  const result = progress.save(storage, "course", progress.open(storage, "course", NOW).data);
  assert.equal(result.ok, false);
  assert.equal(result.problem.kind, "unavailable");
  assert.equal(result.problem.error.name, "QuotaExceededError");
});

test("best is the maximum score; last, attempts and passed follow every check", () => {
  const { data } = progress.open(fakeStorage(), "course", NOW);
  progress.recordCheck(data, "e1", { choice: "A" }, grade(0.6, false), 0, NOW);
  progress.recordCheck(data, "e1", { choice: "B" }, grade(1, true), 2, NOW);
  const item = progress.recordCheck(data, "e1", { choice: "C" }, grade(0.2, false), 1, NOW);
  assert.equal(item.best, 1);
  assert.equal(item.lastScore, 0.2);
  assert.deepEqual(item.last, { choice: "C" });
  assert.equal(item.attempts, 3);
  assert.equal(item.passed, true, "passed means passed at least once");
  assert.equal(item.hints, 2, "hints used never decrease");
});

test("recordHints counts hints without touching scores", () => {
  const { data } = progress.open(fakeStorage(), "course", NOW);
  progress.recordHints(data, "e2", 1, NOW);
  const item = progress.recordHints(data, "e2", 2, NOW);
  assert.deepEqual(item, { attempts: 0, hints: 2, updated: "2025-03-04T05:06:07.089Z" });
});

test("other sites' and unrelated keys are never touched", () => {
  const storage = fakeStorage({ "annotrain:v1:other": "{oops", unrelated: "x", [KEY]: "{oops" });
  const { data } = progress.open(storage, "course", NOW);
  progress.save(storage, "course", data);
  assert.equal(storage.items.get("annotrain:v1:other"), "{oops");
  assert.equal(storage.items.get("unrelated"), "x");
  assert.equal(storage.items.size, 4);
});

test("lessons and quizzes recorded by other pages survive a round trip", () => {
  const stored = { format: "annotrain-progress", version: 1, site: "course", exercises: {},
    lessons: { "week-1": { done: true } }, quizzes: { q: { best: 0.9 } } };
  const storage = fakeStorage({ [KEY]: JSON.stringify(stored) });
  const { data } = progress.open(storage, "course", NOW);
  progress.save(storage, "course", data);
  assert.deepEqual(JSON.parse(storage.items.get(KEY)), stored);
});
