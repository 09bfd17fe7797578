/* annotrain progress store, quiz part: the "quizzes" records of progress.js (the
 * attempt in progress with its answers, position, checks and the tasks flagged
 * for review, {task id: true} (absent, as in attempts stored before flags
 * existed, means none); in practice mode, per task, its wrong checks made before
 * its answer was shown ("wrong", {task id: count}) and the tasks whose answer was
 * shown ("revealed", {task id: true}); submitted attempts
 * with their files). Only pages with a quiz, and the progress page, need it, so
 * it is a file of its own, loaded after progress.js, whose object it extends:
 * annotrain.progress.startQuiz and the rest. Node can require it too (it returns
 * that same object). No function here throws.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) {
    module.exports = factory(require("./progress.js"), require("./grader.js"));
  } else factory(root.annotrain.progress, root.annotrain.grader);
})(this, function (progress, grader) {
  "use strict";

  var isObject = grader.isObject;
  // Own keys only, so a quiz called "constructor" reads as absent (null).
  var own = grader.get;

  function quizEntry(data, id) {
    if (!isObject(data.quizzes)) data.quizzes = {};
    var item = own(data.quizzes, id);
    if (!isObject(item)) item = data.quizzes[id] = {};
    if (!Array.isArray(item.attempts)) item.attempts = [];
    if (item.current === undefined) item.current = null;
    return item;
  }

  function validCurrent(current) {
    return isObject(current) && typeof current.seed === "number" && typeof current.started === "string" &&
      Array.isArray(current.tasks) && isObject(current.responses);
  }

  /** The quiz's attempt in progress, or null (also when what is stored is unusable). */
  function quizCurrent(data, id) {
    var current = own(own(data.quizzes, id), "current");
    return validCurrent(current) ? current : null;
  }

  /** The quiz's submitted attempts, oldest first (unusable entries left out). */
  function quizAttempts(data, id) {
    var attempts = own(own(data.quizzes, id), "attempts");
    return Array.isArray(attempts) ? attempts.filter(isObject) : [];
  }

  /** Attempts left of `allowed` (null: unlimited, and null is returned). */
  function quizAttemptsLeft(data, id, allowed) {
    if (typeof allowed !== "number") return null;
    return Math.max(0, allowed - quizAttempts(data, id).length);
  }

  /**
   * Begin an attempt: `current` is {version, seed, started, deadline, tasks, candidate},
   * with ticket {id, token} when an exam ticket starts it (a reload resumes the
   * attempt on that ticket); responses, position, checked and flags start empty.
   * Replaces any attempt in progress. Returns the stored current attempt.
   */
  function startQuiz(data, id, current) {
    var item = quizEntry(data, id);
    item.current = {
      version: current.version || null,
      seed: current.seed,
      started: current.started,
      deadline: current.deadline || null,
      tasks: current.tasks.slice(),
      responses: {},
      position: 0,
      candidate: isObject(current.candidate) ? current.candidate : {},
      checked: {},
      flags: {},
      wrong: {},
      revealed: {}
    };
    var ticket = current.ticket;
    if (isObject(ticket) && typeof ticket.id === "string" && typeof ticket.token === "string") {
      item.current.ticket = { id: ticket.id, token: ticket.token };
    }
    return item.current;
  }

  /** Record the response to `taskId` of the attempt in progress. Returns false without one. */
  function recordQuizAnswer(data, id, taskId, response) {
    var current = quizCurrent(data, id);
    if (!current || current.tasks.indexOf(taskId) === -1) return false;
    current.responses[taskId] = response;
    return true;
  }

  /** Record the task shown (one-per-screen). Returns false without an attempt in progress. */
  function recordQuizPosition(data, id, position) {
    var current = quizCurrent(data, id);
    if (!current) return false;
    current.position = Math.max(0, Math.min(position, current.tasks.length - 1));
    return true;
  }

  // The attempt in progress, if it has `taskId`, with its `part` ({task id: value}) made sure of.
  function taskPart(data, id, taskId, part) {
    var current = quizCurrent(data, id);
    if (!current || current.tasks.indexOf(taskId) === -1) return null;
    if (!isObject(current[part])) current[part] = {};
    return current[part];
  }

  /**
   * Practice mode: remember that `taskId` was checked (its answer stands until
   * "Try again"); `passed` false, before its answer was shown, counts a wrong check.
   */
  function recordQuizCheck(data, id, taskId, passed) {
    var checked = taskPart(data, id, taskId, "checked");
    if (!checked) return false;
    checked[taskId] = true;
    var task = quizTask(data, id, taskId);
    if (passed === false && !task.revealed) taskPart(data, id, taskId, "wrong")[taskId] = task.wrong + 1;
    return true;
  }

  /** Practice mode: "Try again" on `taskId`: its answer may change until checked again. */
  function recordQuizRetry(data, id, taskId) {
    var checked = taskPart(data, id, taskId, "checked");
    if (checked) delete checked[taskId];
    return Boolean(checked);
  }

  /** Practice mode: the answer of `taskId` was shown (the attempt file lists it in "revealed"). */
  function recordQuizReveal(data, id, taskId) {
    var revealed = taskPart(data, id, taskId, "revealed");
    if (revealed) revealed[taskId] = true;
    return Boolean(revealed);
  }

  /** Practice mode: {checked, wrong (count), revealed} of `taskId` in the attempt in progress. */
  function quizTask(data, id, taskId) {
    var current = quizCurrent(data, id);
    var wrong = own(own(current, "wrong"), taskId);
    return {
      checked: own(own(current, "checked"), taskId) === true,
      wrong: typeof wrong === "number" && wrong > 0 ? wrong : 0,
      revealed: own(own(current, "revealed"), taskId) === true
    };
  }

  /** Flag `taskId` for review, or take the flag away. Returns false without an attempt in progress. */
  function recordQuizFlag(data, id, taskId, flagged) {
    var current = quizCurrent(data, id);
    if (!current || current.tasks.indexOf(taskId) === -1) return false;
    if (!isObject(current.flags)) current.flags = {};
    if (flagged) current.flags[taskId] = true;
    else delete current.flags[taskId];
    return true;
  }

  /** The tasks of the attempt in progress flagged for review, in draw order. */
  function quizFlags(data, id) {
    var current = quizCurrent(data, id);
    var flags = current && isObject(current.flags) ? current.flags : {};
    return current ? current.tasks.filter(function (taskId) { return own(flags, taskId) === true; }) : [];
  }

  /**
   * Store a submitted attempt file (and, outside exam mode, its client grade) and
   * end the attempt in progress. Returns the new attempts entry.
   */
  function recordQuizAttempt(data, id, attempt) {
    var item = quizEntry(data, id);
    var client = isObject(attempt.client) ? attempt.client : {};
    var graded = typeof client.score === "number";
    var entry = {
      submitted: attempt.submitted,
      score: graded ? client.score : null,
      passed: graded ? client.passed === true : null,
      critical_failures: graded ? client.critical_failures : null,
      attempt: attempt
    };
    item.attempts.push(entry);
    item.current = null;
    return entry;
  }

  /** Give up the attempt in progress without recording it (a damaged attempt). */
  function dropQuizCurrent(data, id) {
    quizEntry(data, id).current = null;
  }

  progress.quizCurrent = quizCurrent;
  progress.quizAttempts = quizAttempts;
  progress.quizAttemptsLeft = quizAttemptsLeft;
  progress.startQuiz = startQuiz;
  progress.recordQuizAnswer = recordQuizAnswer;
  progress.recordQuizPosition = recordQuizPosition;
  progress.recordQuizCheck = recordQuizCheck;
  progress.recordQuizRetry = recordQuizRetry;
  progress.recordQuizReveal = recordQuizReveal;
  progress.quizTask = quizTask;
  progress.recordQuizFlag = recordQuizFlag;
  progress.quizFlags = quizFlags;
  progress.recordQuizAttempt = recordQuizAttempt;
  progress.dropQuizCurrent = dropQuizCurrent;
  return progress;
});
