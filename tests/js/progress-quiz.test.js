/* Quiz attempts in the progress store: the attempt in progress (answers and
 * position saved as they happen), submitted attempts with their files, attempt
 * limits, and stored data that is damaged or from an older record. */
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");

const progress = require("../../plugins/annotrain/browser/progress-quiz.js");
require("../../plugins/annotrain/browser/progress-manage.js"); // parseImport, on the same object

const START = {
  version: "0123456789abcdef", seed: 42, started: "2026-11-23T10:00:00.000Z",
  deadline: "2026-11-23T10:20:00.000Z", tasks: ["t2", "t1"], candidate: { name: "Ana" },
};

function attemptFile(score, passed) {
  const file = {
    format: "annotrain-attempt/1", site: "course", quiz: "week-1", quiz_version: "0123456789abcdef", seed: 42,
    started: "2026-11-23T10:00:00.000Z", submitted: "2026-11-23T10:10:00.000Z", tasks: ["t2", "t1"],
    responses: { t1: { choice: "A" } }, client: {},
  };
  if (score !== undefined) file.client = { score, passed, critical_failures: 0, criteria: {}, tasks: {} };
  return file;
}

test("a fresh record has no quiz state", () => {
  const data = progress.fresh("course");
  assert.equal(progress.quizCurrent(data, "week-1"), null);
  assert.deepEqual(progress.quizAttempts(data, "week-1"), []);
  assert.equal(progress.quizAttemptsLeft(data, "week-1", 3), 3);
  assert.equal(progress.quizAttemptsLeft(data, "week-1", null), null);
  assert.deepEqual(data.quizzes, {}, "reading creates nothing");
});

test("startQuiz stores the attempt in progress with empty answers", () => {
  const data = progress.fresh("course");
  const current = progress.startQuiz(data, "week-1", START);
  assert.deepEqual(current, {
    version: "0123456789abcdef", seed: 42, started: "2026-11-23T10:00:00.000Z",
    deadline: "2026-11-23T10:20:00.000Z", tasks: ["t2", "t1"], responses: {}, position: 0,
    candidate: { name: "Ana" }, checked: {}, flags: {},
  });
  assert.equal(progress.quizCurrent(data, "week-1"), current);
  assert.deepEqual(data.quizzes["week-1"].attempts, []);
  assert.equal(progress.startQuiz(data, "other", { ...START, deadline: undefined }).deadline, null);
});

test("an attempt started on an exam ticket remembers the ticket, so a reload resumes it", () => {
  const data = progress.fresh("course");
  const ticket = { id: "a".repeat(32), token: "eyJ0eXAiOiJ0aWNrZXQifQ.c2ln" };
  progress.startQuiz(data, "final", { ...START, ticket: { ...ticket, claims: { seed: 1 } } });
  // Stored as saved and read back on the next page load.
  const stored = JSON.parse(JSON.stringify(data));
  assert.deepEqual(progress.quizCurrent(stored, "final").ticket, ticket);
  // A ticket that is not an id and a token is not kept.
  assert.equal("ticket" in progress.startQuiz(data, "other", { ...START, ticket: { id: 5 } }), false);
});

test("answers, position and checks are recorded only for drawn tasks of an attempt in progress", () => {
  const data = progress.fresh("course");
  assert.equal(progress.recordQuizAnswer(data, "week-1", "t1", { choice: "A" }), false);
  assert.equal(progress.recordQuizPosition(data, "week-1", 1), false);
  progress.startQuiz(data, "week-1", START);
  assert.equal(progress.recordQuizAnswer(data, "week-1", "t1", { choice: "A" }), true);
  assert.equal(progress.recordQuizAnswer(data, "week-1", "t1", { choice: "B" }), true);
  assert.equal(progress.recordQuizAnswer(data, "week-1", "t9", { choice: "A" }), false);
  assert.equal(progress.recordQuizCheck(data, "week-1", "t1"), true);
  assert.equal(progress.recordQuizCheck(data, "week-1", "t9"), false);
  progress.recordQuizPosition(data, "week-1", 5);
  assert.equal(progress.quizCurrent(data, "week-1").position, 1, "clamped to the last task");
  progress.recordQuizPosition(data, "week-1", -3);
  const current = progress.quizCurrent(data, "week-1");
  assert.equal(current.position, 0);
  assert.deepEqual(current.responses, { t1: { choice: "B" } });
  assert.deepEqual(current.checked, { t1: true });
});

test("flags for review are kept with the attempt in progress, for drawn tasks only", () => {
  const data = progress.fresh("course");
  assert.equal(progress.recordQuizFlag(data, "week-1", "t1", true), false, "no attempt in progress");
  assert.deepEqual(progress.quizFlags(data, "week-1"), []);
  progress.startQuiz(data, "week-1", START);
  assert.equal(progress.recordQuizFlag(data, "week-1", "t1", true), true);
  assert.equal(progress.recordQuizFlag(data, "week-1", "t2", true), true);
  assert.equal(progress.recordQuizFlag(data, "week-1", "t9", true), false, "not drawn");
  assert.deepEqual(progress.quizFlags(data, "week-1"), ["t2", "t1"], "in draw order");
  progress.recordQuizFlag(data, "week-1", "t2", false);
  // Saved and read back on the next page load.
  const stored = JSON.parse(JSON.stringify(data));
  assert.deepEqual(progress.quizFlags(stored, "week-1"), ["t1"]);
  assert.deepEqual(progress.quizCurrent(stored, "week-1").flags, { t1: true });
});

test("an attempt stored before flags existed has none, and takes new ones", () => {
  const data = progress.fresh("course");
  progress.startQuiz(data, "week-1", START);
  delete data.quizzes["week-1"].current.flags;
  assert.deepEqual(progress.quizFlags(data, "week-1"), []);
  data.quizzes["week-1"].current.flags = "damaged";
  assert.deepEqual(progress.quizFlags(data, "week-1"), []);
  assert.equal(progress.recordQuizFlag(data, "week-1", "t1", true), true);
  assert.deepEqual(progress.quizFlags(data, "week-1"), ["t1"]);
});

test("recordQuizAttempt keeps the file and its grade, and ends the attempt in progress", () => {
  const data = progress.fresh("course");
  progress.startQuiz(data, "week-1", START);
  const entry = progress.recordQuizAttempt(data, "week-1", attemptFile(0.75, false));
  assert.deepEqual(entry, {
    submitted: "2026-11-23T10:10:00.000Z", score: 0.75, passed: false, critical_failures: 0,
    attempt: attemptFile(0.75, false),
  });
  assert.equal(progress.quizCurrent(data, "week-1"), null);
  assert.equal(progress.quizAttemptsLeft(data, "week-1", 3), 2);
  progress.startQuiz(data, "week-1", START);
  progress.recordQuizAttempt(data, "week-1", attemptFile(1, true));
  progress.startQuiz(data, "week-1", START);
  progress.recordQuizAttempt(data, "week-1", attemptFile(0.9, true));
  assert.equal(progress.quizAttemptsLeft(data, "week-1", 3), 0);
  assert.equal(progress.quizAttemptsLeft(data, "week-1", 2), 0, "never negative");
  assert.deepEqual(progress.quizAttempts(data, "week-1").map((a) => a.score), [0.75, 1, 0.9]);
});

test("an exam attempt has no grade in the browser", () => {
  const data = progress.fresh("course");
  progress.startQuiz(data, "final", START);
  const entry = progress.recordQuizAttempt(data, "final", attemptFile());
  assert.equal(entry.score, null);
  assert.equal(entry.passed, null);
  assert.equal(entry.critical_failures, null);
  assert.deepEqual(entry.attempt.client, {});
});

test("dropQuizCurrent gives up the attempt in progress without recording it", () => {
  const data = progress.fresh("course");
  progress.startQuiz(data, "week-1", START);
  progress.dropQuizCurrent(data, "week-1");
  assert.equal(progress.quizCurrent(data, "week-1"), null);
  assert.deepEqual(progress.quizAttempts(data, "week-1"), []);
});

test("damaged quiz entries read as absent, never throw", () => {
  const data = progress.fresh("course");
  data.quizzes = {
    a: { current: { seed: "x", tasks: [] }, attempts: "many" },
    b: { current: { seed: 1, started: "2026", tasks: "t1", responses: {} }, attempts: [null, 3, { score: 1 }] },
  };
  assert.equal(progress.quizCurrent(data, "a"), null);
  assert.deepEqual(progress.quizAttempts(data, "a"), []);
  assert.equal(progress.quizCurrent(data, "b"), null);
  assert.deepEqual(progress.quizAttempts(data, "b"), [{ score: 1 }]);
  assert.equal(progress.quizCurrent(data, "constructor"), null);
  assert.equal(progress.recordQuizAnswer(data, "a", "t1", {}), false);
  // Starting repairs the entry.
  progress.startQuiz(data, "a", START);
  assert.deepEqual(data.quizzes.a.attempts, []);
  assert.equal(progress.quizCurrent(data, "a").seed, 42);
});

test("quiz state survives save, open and import", () => {
  const items = new Map();
  const storage = { getItem: (k) => (items.has(k) ? items.get(k) : null), setItem: (k, v) => items.set(k, String(v)) };
  const data = progress.fresh("course");
  progress.startQuiz(data, "week-1", START);
  progress.recordQuizAnswer(data, "week-1", "t2", { choices: ["A"] });
  progress.startQuiz(data, "week-2", START);
  progress.recordQuizAttempt(data, "week-2", attemptFile(0.5, false));
  assert.deepEqual(progress.save(storage, "course", data), { ok: true });
  const opened = progress.open(storage, "course", new Date());
  assert.deepEqual(opened.problems, []);
  assert.deepEqual(progress.quizCurrent(opened.data, "week-1").responses, { t2: { choices: ["A"] } });
  assert.equal(progress.quizAttempts(opened.data, "week-2").length, 1);
  const imported = progress.parseImport(JSON.stringify(data), "course");
  assert.equal(imported.ok, true);
  assert.deepEqual(imported.data.quizzes, data.quizzes);
});
