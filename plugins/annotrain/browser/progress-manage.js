/* annotrain progress store, the progress page's part: what it shows for each
 * lesson (lessonSummary), the file it exports (exportName) and imports back
 * (parseImport), and replacing the stored record on an import or a reset, the
 * current one kept aside first (replace). Only the progress page needs it, so
 * it is a file of its own, loaded after progress.js, whose object it extends
 * (as progress-quiz.js does). Node can require it too (it returns that same
 * object). No function here throws.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) {
    module.exports = factory(require("./progress.js"), require("./grader.js"));
  } else factory(root.annotrain.progress, root.annotrain.grader);
})(this, function (progress, grader) {
  "use strict";

  var isObject = grader.isObject;
  // Own keys only, so a lesson called "constructor" reads as absent (null).
  var own = grader.get;

  /**
   * What the progress page shows for one lesson whose exercises are `ids`:
   * {done, total, passed, attempted, score}, score being the mean best score of
   * the attempted exercises, or null when none was attempted.
   */
  function lessonSummary(data, key, ids) {
    var lesson = own(data.lessons, key);
    var seen = Object.create(null);
    var result = { done: Boolean(lesson && lesson.done === true), total: 0, passed: 0, attempted: 0, score: null };
    var sum = 0;
    ids.forEach(function (id) {
      if (seen[id]) return;
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
   * Check the text of a file the learner wants to load as their progress.
   * Returns {ok: true, data, from}: data is the record to store for `site`
   * (its "site" set to `site`), from the site id the file names (null if none).
   * Or {ok: false, problem: {kind, version}}, kind being "import_not_json",
   * "import_wrong_format", "import_future" (a newer site wrote it; version says
   * which) or "import_damaged" (right format, unusable content).
   */
  function parseImport(text, site) {
    var data;
    try {
      data = JSON.parse(String(text).replace(/^\uFEFF/, "")); // editors may add a BOM
    } catch (err) {
      return { ok: false, problem: { kind: "import_not_json" } };
    }
    if (!isObject(data) || data.format !== progress.FORMAT) return { ok: false, problem: { kind: "import_wrong_format" } };
    if (typeof data.version === "number" && data.version > progress.VERSION) {
      return { ok: false, problem: { kind: "import_future", version: data.version } };
    }
    var sections = ["exercises", "lessons", "quizzes"];
    var damaged = typeof data.version !== "number" || data.version < 1 || !isObject(data.exercises) || sections.some(function (name) {
      var section = data[name];
      if (section === undefined) return false;
      if (!isObject(section)) return true;
      return Object.keys(section).some(function (key) { return !isObject(section[key]); });
    });
    if (damaged) return { ok: false, problem: { kind: "import_damaged", version: data.version } };
    var record = {};
    Object.keys(data).forEach(function (name) { record[name] = data[name]; });
    progress.migrate(record);
    record.site = site;
    record.lessons = isObject(data.lessons) ? data.lessons : {};
    record.quizzes = isObject(data.quizzes) ? data.quizzes : {};
    return { ok: true, data: record, from: typeof data.site === "string" ? data.site : null };
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
      var key = progress.keyFor(site);
      var text = storage.getItem(key);
      var keptAs = progress.keepAside(storage, key, text === null ? JSON.stringify(current) : text, now || new Date());
      storage.setItem(key, JSON.stringify(next));
      return { ok: true, keptAs: keptAs };
    } catch (err) {
      return { ok: false, problem: { kind: "unavailable", error: err } };
    }
  }

  function pad(value) {
    return (value < 10 ? "0" : "") + value;
  }

  /** "<site>-progress-<YYYY-MM-DD>.json", the local date of `now`. */
  function exportName(site, now) {
    var safe = String(site).replace(/[^A-Za-z0-9._-]+/g, "-");
    var day = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
    return safe + "-progress-" + day + ".json";
  }

  progress.lessonSummary = lessonSummary;
  progress.parseImport = parseImport;
  progress.replace = replace;
  progress.exportName = exportName;
  return progress;
});
