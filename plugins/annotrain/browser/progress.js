/* annotrain progress store: a learner's results, kept in a Storage (localStorage
 * in the browser, a fake in tests) under one versioned key per site.
 *
 * Stored value (key "annotrain:v1:<site>"):
 *   {"format": "annotrain-progress", "version": 1, "site": site,
 *    "exercises": {id: {"best", "last", "lastScore", "passed", "attempts", "hints", "updated"}},
 *    "lessons": {key: {"done", "updated"}},
 *    "quizzes": {id: {"current": attempt in progress | null, "attempts": [submitted]}}}
 * "best", "last", "lastScore" and "passed" (ever passed) appear after the first check.
 * A lesson's key is its page's source path ("week-1/what-is-annotation.md").
 * A quiz's "current" is {version, seed, started, deadline, tasks, responses,
 * position, candidate, checked}, and {ticket: {id, token}} when an exam ticket
 * started it (see startQuiz); each submitted attempt is {submitted, score,
 * passed, critical_failures, attempt} with the full attempt file in "attempt"
 * (score and passed are null in exam mode, where the browser does not grade).
 *
 * The same record is what the progress page exports as a file and imports back
 * (progress-file.js); before an import or a reset replaces it, the current record
 * is kept aside (replace), so nothing the learner did is ever lost.
 *
 * Unreadable or newer-format data is copied aside under "<key>:aside:<ISO time>"
 * and reported, never deleted or overwritten. No function here throws.
 * Node can require it too; in the browser it needs grader.js loaded first.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(require("./grader.js"));
  else {
    root.annotrain = root.annotrain || {};
    root.annotrain.progress = factory(root.annotrain.grader);
  }
})(this, function (grader) {
  "use strict";

  var FORMAT = "annotrain-progress";
  var VERSION = 1;
  var has = Object.prototype.hasOwnProperty;
  var isObject = grader.isObject;
  // Own keys only, so a lesson called "constructor" reads as absent (null).
  var own = grader.get;

  function keyFor(site) {
    return "annotrain:v" + VERSION + ":" + site;
  }

  function fresh(site) {
    return { format: FORMAT, version: VERSION, site: site, exercises: {}, lessons: {}, quizzes: {} };
  }

  // "ok", "future" (a newer site wrote it) or "corrupt".
  function classify(data) {
    if (!isObject(data) || data.format !== FORMAT || typeof data.version !== "number") return "corrupt";
    if (data.version > VERSION) return "future";
    if (data.version !== VERSION || !isObject(data.exercises)) return "corrupt";
    return "ok";
  }

  // Copy `text` to a key of its own; two copies in one millisecond get a suffix.
  function keepAside(storage, key, text, now) {
    var base = key + ":aside:" + now.toISOString();
    var aside = base;
    for (var n = 2; storage.getItem(aside) !== null; n++) aside = base + "-" + n;
    storage.setItem(aside, text);
    return aside;
  }

  /**
   * Read the site's progress. Returns {data, problems, writable}: problems are
   * {kind: "corrupt" | "future", keptAs} or {kind: "unavailable"}; writable is
   * false when saving could lose data (storage unusable, or the unreadable value
   * could not be copied aside), so the caller keeps progress in memory only.
   */
  function open(storage, site, now) {
    var key = keyFor(site);
    var text;
    try {
      text = storage.getItem(key);
    } catch (err) {
      return { data: fresh(site), problems: [{ kind: "unavailable" }], writable: false };
    }
    if (text === null) return { data: fresh(site), problems: [], writable: true };
    var data;
    try {
      data = JSON.parse(text);
    } catch (err) {
      data = undefined;
    }
    var kind = classify(data);
    if (kind === "ok") {
      data.lessons = isObject(data.lessons) ? data.lessons : {};
      data.quizzes = isObject(data.quizzes) ? data.quizzes : {};
      return { data: data, problems: [], writable: true };
    }
    try {
      var keptAs = keepAside(storage, key, text, now || new Date());
      // The original is safe under keptAs: start afresh so it is not set aside again.
      storage.setItem(key, JSON.stringify(fresh(site)));
      return { data: fresh(site), problems: [{ kind: kind, keptAs: keptAs }], writable: true };
    } catch (err) {
      return { data: fresh(site), problems: [{ kind: "unavailable" }], writable: false };
    }
  }

  function entry(data, id) {
    if (!isObject(data.exercises[id])) data.exercises[id] = { attempts: 0, hints: 0 };
    return data.exercises[id];
  }

  function count(value) {
    return typeof value === "number" && value >= 0 ? value : 0;
  }

  /** Record a checked attempt; `best` keeps the highest score. Returns the entry. */
  function recordCheck(data, id, response, grade, hintsUsed, now) {
    var item = entry(data, id);
    item.best = typeof item.best === "number" ? Math.max(item.best, grade.score) : grade.score;
    item.last = response;
    item.lastScore = grade.score;
    item.passed = item.passed === true || grade.passed;
    item.attempts = count(item.attempts) + 1;
    item.hints = Math.max(count(item.hints), hintsUsed);
    item.updated = (now || new Date()).toISOString();
    return item;
  }

  /** Record how many hints the learner has revealed (never decreases). */
  function recordHints(data, id, hintsUsed, now) {
    var item = entry(data, id);
    item.hints = Math.max(count(item.hints), hintsUsed);
    item.updated = (now || new Date()).toISOString();
    return item;
  }

  /** Mark lesson `key` done or not done. Returns its entry {done, updated}. */
  function recordLesson(data, key, done, now) {
    if (!isObject(data.lessons)) data.lessons = {};
    var item = { done: done === true, updated: (now || new Date()).toISOString() };
    data.lessons[key] = item;
    return item;
  }

  /**
   * What the progress page shows for one lesson whose exercises are `ids`:
   * {done, total, passed, attempted, score}, score being the mean best score of
   * the attempted exercises, or null when none was attempted.
   */
  function lessonSummary(data, key, ids) {
    var lesson = own(data.lessons, key);
    var seen = {};
    var result = { done: Boolean(lesson && lesson.done === true), total: 0, passed: 0, attempted: 0, score: null };
    var sum = 0;
    ids.forEach(function (id) {
      if (has.call(seen, id)) return;
      seen[id] = true;
      var item = own(data.exercises, id);
      result.total += 1;
      if (item && item.passed === true) result.passed += 1;
      if (item && typeof item.best === "number" && isFinite(item.best)) {
        result.attempted += 1;
        sum += item.best;
      }
    });
    if (result.attempted) result.score = sum / result.attempted;
    return result;
  }

  /**
   * Replace the site's record by `next` (an import, or a fresh record on reset),
   * first keeping the current one aside under "<key>:aside:<ISO time>": what is
   * stored under the site's key, or `current` when nothing is stored yet.
   * Returns {ok: true, keptAs} or {ok: false, problem: {kind: "unavailable", error}};
   * on failure the stored record is unchanged (at worst a spare copy was made).
   */
  function replace(storage, site, current, next, now) {
    try {
      var key = keyFor(site);
      var text = storage.getItem(key);
      var keptAs = keepAside(storage, key, text === null ? JSON.stringify(current) : text, now || new Date());
      storage.setItem(key, JSON.stringify(next));
      return { ok: true, keptAs: keptAs };
    } catch (err) {
      return { ok: false, problem: { kind: "unavailable", error: err } };
    }
  }

  // --- quizzes ---------------------------------------------------------------------

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
   * attempt on that ticket); responses, position and checked start empty.
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
      checked: {}
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

  /** Practice mode: remember that `taskId` was checked (its answer is then final). */
  function recordQuizCheck(data, id, taskId) {
    var current = quizCurrent(data, id);
    if (!current || current.tasks.indexOf(taskId) === -1) return false;
    if (!isObject(current.checked)) current.checked = {};
    current.checked[taskId] = true;
    return true;
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

  /** Write progress. Returns {ok: true} or {ok: false, problem: {kind: "unavailable", error}}. */
  function save(storage, site, data) {
    try {
      storage.setItem(keyFor(site), JSON.stringify(data));
      return { ok: true };
    } catch (err) {
      // Quota exceeded, or storage refused: the page goes on with memory only.
      return { ok: false, problem: { kind: "unavailable", error: err } };
    }
  }

  return {
    FORMAT: FORMAT,
    VERSION: VERSION,
    keyFor: keyFor,
    fresh: fresh,
    open: open,
    recordCheck: recordCheck,
    recordHints: recordHints,
    recordLesson: recordLesson,
    lessonSummary: lessonSummary,
    quizCurrent: quizCurrent,
    quizAttempts: quizAttempts,
    quizAttemptsLeft: quizAttemptsLeft,
    startQuiz: startQuiz,
    recordQuizAnswer: recordQuizAnswer,
    recordQuizPosition: recordQuizPosition,
    recordQuizCheck: recordQuizCheck,
    recordQuizAttempt: recordQuizAttempt,
    dropQuizCurrent: dropQuizCurrent,
    replace: replace,
    save: save
  };
});
