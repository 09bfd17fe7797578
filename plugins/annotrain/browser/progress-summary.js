/* annotrain progress store, progress page part: what the progress page counts
 * from a learner's record (see progress.js for its fields). Only the progress page
 * needs it, so it is a file of its own, loaded after progress.js, whose object it
 * extends: annotrain.progress.lessonSummary. Node can require it too (it returns
 * that same object). No function here throws.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) {
    module.exports = factory(require("./progress.js"), require("./grader.js"));
  } else factory(root.annotrain.progress, root.annotrain.grader);
})(this, function (progress, grader) {
  "use strict";

  var has = Object.prototype.hasOwnProperty;
  // Own keys only, so a lesson called "constructor" reads as absent (null).
  var own = grader.get;

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

  progress.lessonSummary = lessonSummary;
  return progress;
});
