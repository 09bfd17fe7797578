/* The progress store once answers can be hidden: a check counts towards the best
 * score, the pass and the wrong checks only when made before the exercise's answer
 * was shown; a practice quiz's attempt in progress counts each task's wrong checks
 * and remembers whose answer was shown. */
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");

const progress = require("../../plugins/annotrain/browser/progress-summary.js");
require("../../plugins/annotrain/browser/progress-quiz.js");

const NOW = new Date("2026-05-01T10:00:00.000Z");
const grade = (score, passed) => ({ id: "e1", type: "choice", score, passed, criteria: {} });

test("checks before the answer is shown make the best score; after it, only the last", () => {
  const data = progress.fresh("course");
  progress.recordCheck(data, "e1", { choice: "A" }, grade(0.2, false), 0, NOW);
  const item = progress.recordCheck(data, "e1", { choice: "B" }, grade(0.6, false), 1, NOW);
  assert.deepEqual([item.best, item.passed, item.wrong, item.revealed], [0.6, false, 2, undefined]);
  progress.recordReveal(data, "e1", NOW);
  progress.recordCheck(data, "e1", { choice: "C" }, grade(1, true), 1, NOW);
  assert.deepEqual(data.exercises.e1, {
    attempts: 3, hints: 1, best: 0.6, passed: false, wrong: 2, revealed: true,
    last: { choice: "C" }, lastScore: 1, updated: NOW.toISOString(),
  });
  // The progress page counts the best score made before the answer was shown.
  assert.deepEqual(progress.lessonSummary(data, "a.md", ["e1"]),
    { done: false, total: 1, passed: 0, attempted: 1, score: 0.6 });
});

test("a pass before the answer is shown counts, and a wrong check after it adds no try", () => {
  const data = progress.fresh("course");
  progress.recordCheck(data, "e1", { choice: "A" }, grade(1, true), 0, NOW);
  progress.recordReveal(data, "e1", NOW); // a passing check shows the answer
  const item = progress.recordCheck(data, "e1", { choice: "B" }, grade(0.2, false), 0, NOW);
  assert.deepEqual([item.best, item.passed, item.wrong, item.lastScore], [1, true, undefined, 0.2]);
  assert.equal(progress.lessonSummary(data, "a.md", ["e1"]).passed, 1);
});

test("revealing an exercise never checked before keeps no score", () => {
  const data = progress.fresh("course");
  progress.recordReveal(data, "e2", NOW);
  progress.recordCheck(data, "e2", { choice: "A" }, grade(1, true), 0, NOW);
  assert.equal(data.exercises.e2.best, undefined);
  assert.deepEqual(progress.lessonSummary(data, "a.md", ["e2"]),
    { done: false, total: 1, passed: 0, attempted: 0, score: null });
});

const START = {
  version: "0123456789abcdef", seed: 42, started: "2026-05-01T10:00:00.000Z", deadline: null,
  tasks: ["t1", "t2"], candidate: {},
};

test("a practice quiz counts each task's wrong checks until its answer is shown", () => {
  const data = progress.fresh("course");
  assert.equal(progress.recordQuizCheck(data, "p", "t1", false), false); // no attempt yet
  progress.startQuiz(data, "p", START);
  assert.deepEqual(progress.quizTask(data, "p", "t1"), { checked: false, wrong: 0, revealed: false });
  assert.equal(progress.recordQuizCheck(data, "p", "t1", false), true);
  assert.equal(progress.recordQuizRetry(data, "p", "t1"), true);
  progress.recordQuizCheck(data, "p", "t1", false);
  assert.deepEqual(progress.quizTask(data, "p", "t1"), { checked: true, wrong: 2, revealed: false });
  assert.equal(progress.recordQuizReveal(data, "p", "t1"), true);
  progress.recordQuizRetry(data, "p", "t1");
  progress.recordQuizCheck(data, "p", "t1", false); // after the answer was shown: no try counted
  assert.deepEqual(progress.quizTask(data, "p", "t1"), { checked: true, wrong: 2, revealed: true });
  progress.recordQuizCheck(data, "p", "t2", true); // a pass is no wrong check
  assert.deepEqual(progress.quizTask(data, "p", "t2"), { checked: true, wrong: 0, revealed: false });
  // Only tasks of the attempt.
  assert.equal(progress.recordQuizReveal(data, "p", "t9"), false);
  assert.equal(progress.recordQuizRetry(data, "p", "t9"), false);
  const current = progress.quizCurrent(data, "p");
  assert.deepEqual([current.checked, current.wrong, current.revealed],
    [{ t1: true, t2: true }, { t1: 2 }, { t1: true }]);
});

test("a task's state reads safely from odd stored values", () => {
  const data = progress.fresh("course");
  progress.startQuiz(data, "p", START);
  const current = progress.quizCurrent(data, "p");
  current.wrong = { t1: "3" };
  current.revealed = null;
  delete current.checked;
  assert.deepEqual(progress.quizTask(data, "p", "t1"), { checked: false, wrong: 0, revealed: false });
  assert.equal(progress.recordQuizCheck(data, "p", "t1", false), true);
  assert.deepEqual(progress.quizTask(data, "p", "t1"), { checked: true, wrong: 1, revealed: false });
});
