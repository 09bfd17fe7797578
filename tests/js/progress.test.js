/* The progress store on fake Storage objects: normal round trips, unreadable and
 * newer data kept aside (never deleted), storage that refuses to work. */
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");

// progress-manage.js extends progress.js with the progress page's part (import, export, summaries).
const progress = require("../../plugins/annotrain/browser/progress-manage.js");

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
    format: "annotrain-progress", version: 2, site: "course", exercises: {}, lessons: {}, quizzes: {},
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
  const text = JSON.stringify({ format: "annotrain-progress", version: 3, exercises: { e1: { best: 1 } } });
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
  const stored = { format: "annotrain-progress", version: 2, site: "course", exercises: {},
    lessons: { "week-1": { done: true } }, quizzes: { q: { best: 0.9 } } };
  const storage = fakeStorage({ [KEY]: JSON.stringify(stored) });
  const { data } = progress.open(storage, "course", NOW);
  progress.save(storage, "course", data);
  assert.deepEqual(JSON.parse(storage.items.get(KEY)), stored);
});

// --- lessons marked done ---------------------------------------------------------

test("recordLesson marks a lesson done and not done again, with the time", () => {
  const { data } = progress.open(fakeStorage(), "course", NOW);
  const later = new Date("2025-03-05T00:00:00.000Z");
  assert.deepEqual(progress.recordLesson(data, "week-1/a.md", true, NOW),
    { done: true, updated: "2025-03-04T05:06:07.089Z" });
  progress.recordLesson(data, "week-1/a.md", false, later);
  assert.deepEqual(data.lessons, { "week-1/a.md": { done: false, updated: "2025-03-05T00:00:00.000Z" } });
});

test("recordLesson accepts only true as done, and repairs a missing lessons section", () => {
  const data = { exercises: {} };
  assert.equal(progress.recordLesson(data, "a.md", "yes", NOW).done, false);
  assert.deepEqual(Object.keys(data.lessons), ["a.md"]);
});

test("a lesson marked done survives a save and an open", () => {
  const storage = fakeStorage();
  const { data } = progress.open(storage, "course", NOW);
  progress.recordLesson(data, "week-1/a.md", true, NOW);
  progress.save(storage, "course", data);
  assert.equal(progress.open(storage, "course", NOW).data.lessons["week-1/a.md"].done, true);
});

// --- what the progress page shows per lesson -------------------------------------

test("lessonSummary counts passed, attempted and the mean best score", () => {
  const data = progress.fresh("course");
  progress.recordCheck(data, "e1", {}, grade(1, true), 0, NOW);
  progress.recordCheck(data, "e2", {}, grade(0.5, false), 0, NOW);
  progress.recordHints(data, "e3", 1, NOW); // hints but no check: not attempted
  progress.recordLesson(data, "a.md", true, NOW);
  assert.deepEqual(progress.lessonSummary(data, "a.md", ["e1", "e2", "e3", "e4"]),
    { done: true, total: 4, passed: 1, attempted: 2, score: 0.75 });
});

test("lessonSummary of an untouched lesson: nothing done, no score", () => {
  assert.deepEqual(progress.lessonSummary(progress.fresh("course"), "constructor", ["toString", "x"]),
    { done: false, total: 2, passed: 0, attempted: 0, score: null });
});

test("lessonSummary counts an exercise listed twice once", () => {
  const data = progress.fresh("course");
  progress.recordCheck(data, "e1", {}, grade(1, true), 0, NOW);
  assert.deepEqual(progress.lessonSummary(data, "a.md", ["e1", "e1"]),
    { done: false, total: 1, passed: 1, attempted: 1, score: 1 });
});

// --- importing a file ------------------------------------------------------------

const good = (extra = {}) => JSON.stringify({
  format: "annotrain-progress", version: 2, site: "course",
  exercises: { e1: { best: 1, passed: true, attempts: 1, hints: 0 } },
  lessons: { "a.md": { done: true, updated: "2025-01-01T00:00:00.000Z" } }, quizzes: {}, ...extra,
});

for (const [name, text, problem] of [
  ["empty file", "", { kind: "import_not_json" }],
  ["bad JSON", "{oops", { kind: "import_not_json" }],
  ["JSON array", "[1]", { kind: "import_wrong_format" }],
  ["JSON null", "null", { kind: "import_wrong_format" }],
  ["another format", JSON.stringify({ format: "something-else", version: 1, exercises: {} }), { kind: "import_wrong_format" }],
  ["no format at all", JSON.stringify({ version: 1, exercises: {} }), { kind: "import_wrong_format" }],
  ["future version", good({ version: 3 }), { kind: "import_future", version: 3 }],
  ["version as a string", good({ version: "1" }), { kind: "import_damaged", version: "1" }],
  ["version 0", good({ version: 0 }), { kind: "import_damaged", version: 0 }],
  ["no exercises", good({ exercises: undefined }), { kind: "import_damaged", version: 2 }],
  ["exercises as a list", good({ exercises: [] }), { kind: "import_damaged", version: 2 }],
  ["an exercise entry that is not an object", good({ exercises: { e1: 3 } }), { kind: "import_damaged", version: 2 }],
  ["lessons as a string", good({ lessons: "all" }), { kind: "import_damaged", version: 2 }],
  ["a lesson entry that is null", good({ lessons: { "a.md": null } }), { kind: "import_damaged", version: 2 }],
]) {
  test(`parseImport refuses ${name}`, () => {
    assert.deepEqual(progress.parseImport(text, "course"), { ok: false, problem });
  });
}

test("parseImport accepts a file this site exported", () => {
  const result = progress.parseImport(good(), "course");
  assert.equal(result.ok, true);
  assert.equal(result.from, "course");
  assert.deepEqual(result.data, JSON.parse(good()));
});

test("parseImport accepts a file from another site, retitled for this one", () => {
  const result = progress.parseImport(good({ site: "other" }), "course");
  assert.equal(result.ok, true);
  assert.equal(result.from, "other");
  assert.equal(result.data.site, "course");
});

test("parseImport tolerates a BOM, missing optional sections and keeps unknown fields", () => {
  const text = "\uFEFF" + JSON.stringify({ format: "annotrain-progress", version: 1, exercises: {}, note: "mine" });
  const result = progress.parseImport(text, "course");
  assert.equal(result.ok, true);
  assert.equal(result.from, null);
  assert.deepEqual(result.data, {
    format: "annotrain-progress", version: 2, exercises: {}, note: "mine", site: "course", lessons: {}, quizzes: {},
  });
});

test("an imported record opens cleanly once stored", () => {
  const storage = fakeStorage();
  progress.save(storage, "course", progress.parseImport(good({ site: "other" }), "course").data);
  const { data, problems } = progress.open(storage, "course", NOW);
  assert.deepEqual(problems, []);
  assert.equal(data.exercises.e1.best, 1);
});

// --- replacing the record (import, reset): the old one is kept aside ------------

test("replace keeps the stored record aside, then stores the new one", () => {
  const old = good();
  const storage = fakeStorage({ [KEY]: old });
  const next = progress.fresh("course");
  const result = progress.replace(storage, "course", JSON.parse(old), next, NOW);
  assert.deepEqual(result, { ok: true, keptAs: ASIDE });
  assert.equal(storage.items.get(ASIDE), old, "the stored text, byte for byte");
  assert.deepEqual(JSON.parse(storage.items.get(KEY)), next);
  assert.deepEqual(progress.open(storage, "course", NOW).problems, []);
});

test("replace keeps aside what another tab stored, even if this page's copy differs", () => {
  const storage = fakeStorage({ [KEY]: good({ note: "newer" }) });
  progress.replace(storage, "course", progress.fresh("course"), progress.fresh("course"), NOW);
  assert.equal(JSON.parse(storage.items.get(ASIDE)).note, "newer");
});

test("replace with nothing stored yet keeps the in-memory record aside", () => {
  const storage = fakeStorage();
  const current = progress.fresh("course");
  progress.recordLesson(current, "a.md", true, NOW);
  const result = progress.replace(storage, "course", current, progress.fresh("course"), NOW);
  assert.equal(result.keptAs, ASIDE);
  assert.deepEqual(JSON.parse(storage.items.get(ASIDE)), current);
});

test("two replacements in one millisecond keep both old records", () => {
  const storage = fakeStorage({ [KEY]: "first" });
  progress.replace(storage, "course", null, { n: 2 }, NOW);
  const second = progress.replace(storage, "course", null, { n: 3 }, NOW);
  assert.equal(second.keptAs, ASIDE + "-2");
  assert.equal(storage.items.get(ASIDE), "first");
  assert.deepEqual(JSON.parse(storage.items.get(ASIDE + "-2")), { n: 2 });
  assert.deepEqual(JSON.parse(storage.items.get(KEY)), { n: 3 });
});

test("replace on a storage that refuses to write reports and changes nothing", () => {
  const storage = fakeStorage({ [KEY]: good() }, ["setItem"]);
  const result = progress.replace(storage, "course", null, progress.fresh("course"), NOW);
  assert.equal(result.ok, false);
  assert.equal(result.problem.kind, "unavailable");
  assert.equal(storage.items.get(KEY), good());
  assert.equal(storage.items.size, 1);
});

test("replace when only the final write fails leaves the old record in place", () => {
  const storage = fakeStorage({ [KEY]: good() });
  const setItem = storage.setItem;
  storage.setItem = (key, value) => {
    if (key === KEY) throw new DOMException("full", "QuotaExceededError");
    setItem(key, value);
  };
  const result = progress.replace(storage, "course", null, progress.fresh("course"), NOW);
  assert.equal(result.ok, false);
  assert.equal(storage.items.get(KEY), good());
});

test("exportName uses the site id and the local date", () => {
  assert.equal(progress.exportName("course", new Date(2025, 2, 4, 12)), "course-progress-2025-03-04.json");
  assert.equal(progress.exportName("my course/2", new Date(2025, 11, 31, 23, 59)), "my-course-2-progress-2025-12-31.json");
});

// --- learner data cut short (a full disk, a browser closed mid-write, a partial copy)

const realRecord = () => {
  const data = progress.fresh("course");
  progress.recordCheck(data, "e1", { choice: "Positive" }, grade(1, true), 1, NOW);
  progress.recordLesson(data, "week-1/a.md", true, NOW);
  return JSON.stringify(data);
};

test("a stored record cut off halfway is kept aside whole and reported", () => {
  const text = realRecord();
  const cut = text.slice(0, Math.floor(text.length / 2));
  const storage = fakeStorage({ [KEY]: cut });
  const { data, problems } = progress.open(storage, "course", NOW);
  assert.deepEqual(problems, [{ kind: "corrupt", keptAs: ASIDE }]);
  assert.equal(storage.items.get(ASIDE), cut, "byte for byte");
  assert.deepEqual(data.exercises, {});
});

test("an exported file cut off halfway is refused as not JSON, and changes nothing", () => {
  const text = realRecord();
  for (const end of [1, 10, text.length - 1]) {
    assert.deepEqual(progress.parseImport(text.slice(0, end), "course"),
      { ok: false, problem: { kind: "import_not_json" } });
  }
});
