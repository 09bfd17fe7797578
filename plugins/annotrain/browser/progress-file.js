/* annotrain progress file: the learner's progress record as a file of their own,
 * which the progress page downloads (exportName) and loads back (parseImport).
 * The file holds the stored record as it is (see progress.js for its fields),
 * with an optional "learner": {"name"} the progress page asks for.
 *
 * Pure: no DOM, no storage. Only the progress page needs it, so it is in that
 * page's bundle (after progress.js), not in every lesson's. Node can require it
 * too; in the browser it needs grader.js and progress.js loaded first.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) {
    module.exports = factory(require("./grader.js"), require("./progress.js"));
  } else {
    root.annotrain = root.annotrain || {};
    root.annotrain.progressFile = factory(root.annotrain.grader, root.annotrain.progress);
  }
})(this, function (grader, progress) {
  "use strict";

  var FORMAT = progress.FORMAT;
  var VERSION = progress.VERSION;
  var isObject = grader.isObject;

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
    if (!isObject(data) || data.format !== FORMAT) return { ok: false, problem: { kind: "import_wrong_format" } };
    if (typeof data.version === "number" && data.version > VERSION) {
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
    progress.migrate(record); // a file from an older version of the site
    record.site = site;
    record.lessons = isObject(data.lessons) ? data.lessons : {};
    record.quizzes = isObject(data.quizzes) ? data.quizzes : {};
    return { ok: true, data: record, from: typeof data.site === "string" ? data.site : null };
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

  // Longest name kept, in UTF-16 units: a name, not a document.
  var NAME_MAX = 200;

  /** The learner's name in `data` ("learner": {"name"}), or "" when none is usable. */
  function learnerName(data) {
    var learner = grader.get(data, "learner");
    var name = isObject(learner) ? learner.name : null;
    return typeof name === "string" ? name.trim().slice(0, NAME_MAX) : "";
  }

  /** Keep `name` in `data` (trimmed); an empty name removes it. Returns the name kept. */
  function setLearnerName(data, name, now) {
    var kept = String(name || "").trim().slice(0, NAME_MAX);
    if (kept) data.learner = { name: kept, updated: (now || new Date()).toISOString() };
    else delete data.learner;
    return kept;
  }

  return {
    parseImport: parseImport,
    exportName: exportName,
    learnerName: learnerName,
    setLearnerName: setLearnerName
  };
});
