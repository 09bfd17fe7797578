/* annotrain progress store: a learner's results, kept in a Storage (localStorage
 * in the browser, a fake in tests) under one versioned key per site.
 *
 * Stored value (key "annotrain:v1:<site>"; the key keeps its "v1" while the
 * record's own "version" says its format, upgraded in place by migrate()):
 *   {"format": "annotrain-progress", "version": 2, "site": site,
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
 * (parseImport); before an import or a reset replaces it, the current record is
 * kept aside (replace), so nothing the learner did is ever lost. Those, and the
 * lesson summaries the progress page shows, are progress-manage.js's: only that
 * page loads it.
 *
 * Unreadable or newer-format data is copied aside under "<key>:aside:<ISO time>"
 * and reported, never deleted or overwritten. No function here throws.
 * Node can require it too; in the browser it needs grader.js loaded first.
 * The quiz records ("quizzes") are read and written by progress-quiz.js, which
 * only pages with a quiz or the progress page load.
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
  var VERSION = 2;
  var isObject = grader.isObject;
  // Own keys only, so a lesson called "constructor" reads as absent (null).
  var own = grader.get;

  function keyFor(site) {
    return "annotrain:v1:" + site;
  }

  function fresh(site) {
    return { format: FORMAT, version: VERSION, site: site, exercises: {}, lessons: {}, quizzes: {} };
  }

  // "ok", "future" (a newer site wrote it) or "corrupt".
  function classify(data) {
    if (!isObject(data) || data.format !== FORMAT || typeof data.version !== "number") return "corrupt";
    if (data.version > VERSION) return "future";
    if (data.version < 1 || !isObject(data.exercises)) return "corrupt";
    return "ok";
  }

  // A stored answer with nothing in it: every value null, an empty list or blank text.
  function empty(response) {
    return isObject(response) && Object.keys(response).every(function (key) {
      var value = response[key];
      return value === null || (value.length === 0) || (typeof value === "string" && !value.trim());
    });
  }

  /**
   * Bring a record of an older format up to VERSION, in place; returns it.
   * Version 1 wrote the empty answer ({"boxes": []}, {"text": ""}) for a task
   * the learner had not answered, which version 2 reads as a deliberate "nothing
   * here": such answers in a quiz attempt in progress become null (not answered,
   * so the learner is asked about them before submitting). Checked exercises'
   * last answers, which were graded as given, and submitted attempts stay as they are.
   */
  function migrate(data) {
    if (data.version === 1) {
      var quizzes = isObject(data.quizzes) ? data.quizzes : {};
      Object.keys(quizzes).forEach(function (id) {
        var responses = own(own(quizzes, id), "current") && quizzes[id].current.responses;
        if (!isObject(responses)) return;
        Object.keys(responses).forEach(function (task) {
          if (empty(responses[task])) responses[task] = null;
        });
      });
    }
    data.version = VERSION;
    return data;
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
      migrate(data);
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
    migrate: migrate,
    keyFor: keyFor,
    fresh: fresh,
    open: open,
    recordCheck: recordCheck,
    recordHints: recordHints,
    recordLesson: recordLesson,
    keepAside: keepAside,
    save: save
  };
});
