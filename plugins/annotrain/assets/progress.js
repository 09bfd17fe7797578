/* annotrain progress store: a learner's results, kept in a Storage (localStorage
 * in the browser, a fake in tests) under one versioned key per site.
 *
 * Stored value (key "annotrain:v1:<site>"):
 *   {"format": "annotrain-progress", "version": 1, "site": site,
 *    "exercises": {id: {"best", "last", "lastScore", "passed", "attempts", "hints", "updated"}},
 *    "lessons": {}, "quizzes": {}}
 * "best", "last", "lastScore" and "passed" (ever passed) appear after the first check.
 *
 * Unreadable or newer-format data is copied aside under "<key>:aside:<ISO time>"
 * and reported, never deleted or overwritten. No function here throws.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else {
    root.annotrain = root.annotrain || {};
    root.annotrain.progress = factory();
  }
})(this, function () {
  "use strict";

  var FORMAT = "annotrain-progress";
  var VERSION = 1;

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

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
    open: open,
    recordCheck: recordCheck,
    recordHints: recordHints,
    save: save
  };
});
