/* annotrain matching: one-to-one assignment of learner objects to gold objects,
 * shared by the geometry graders. Mirrors plugins/annotrain/tasktypes/shared/matching.py line for
 * line (same float operations in the same order), so ties break the same way in
 * the browser and in Python. Adds grader.matching; loaded after grader.js. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(require("../../browser/grader.js"));
  else factory(root.annotrain.grader);
})(this, function (grader) {
  "use strict";

  var INF = Infinity;

  function filled(length, value) {
    var list = new Array(length);
    for (var i = 0; i < length; i++) list[i] = value;
    return list;
  }

  // Minimum-cost assignment of every row to a distinct column (rows <= cols).
  function assign(cost, rows, cols) {
    var u = filled(rows + 1, 0);
    var v = filled(cols + 1, 0);
    var owner = filled(cols + 1, 0);
    var way = filled(cols + 1, 0);
    for (var i = 1; i <= rows; i++) {
      owner[0] = i;
      var j0 = 0;
      var least = filled(cols + 1, INF);
      var used = filled(cols + 1, false);
      for (;;) {
        used[j0] = true;
        var i0 = owner[j0];
        var delta = INF;
        var j1 = 0;
        var j;
        for (j = 1; j <= cols; j++) {
          if (!used[j]) {
            var reduced = cost[i0 - 1][j - 1] - u[i0] - v[j];
            if (reduced < least[j]) { least[j] = reduced; way[j] = j0; }
            if (least[j] < delta) { delta = least[j]; j1 = j; }
          }
        }
        for (j = 0; j <= cols; j++) {
          if (used[j]) { u[owner[j]] += delta; v[j] -= delta; }
          else least[j] -= delta;
        }
        j0 = j1;
        if (owner[j0] === 0) break;
      }
      while (j0) {
        j1 = way[j0];
        owner[j0] = owner[j1];
        j0 = j1;
      }
    }
    var pairs = [];
    for (var c = 1; c <= cols; c++) if (owner[c]) pairs.push([owner[c] - 1, c - 1]);
    return pairs;
  }

  /** Pairs [gold index, learner index] maximising total similarity, sorted by gold. */
  function match(similarity, minimum) {
    if (minimum === undefined) minimum = 0;
    var rows = similarity.length;
    var cols = rows ? similarity[0].length : 0;
    if (!rows || !cols) return [];
    var pairs;
    if (rows <= cols) {
      pairs = assign(similarity.map(function (row) { return row.map(function (s) { return -s; }); }), rows, cols);
    } else {
      var cost = [];
      for (var r = 0; r < cols; r++) {
        cost.push(similarity.map(function (row) { return -row[r]; }));
      }
      pairs = assign(cost, cols, rows).map(function (p) { return [p[1], p[0]]; });
    }
    return pairs
      .filter(function (p) { return similarity[p[0]][p[1]] > minimum; })
      .sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
  }

  // Intersection over union of two boxes {x, y, w, h} (w, h >= 0), as bbox/kind.py's
  // iou reckons it: the box types (bbox, tracking) match with it.
  function boxIou(a, b) {
    var width = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
    var height = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
    if (width <= 0 || height <= 0) return 0;
    var inter = width * height;
    var union = a.w * a.h + b.w * b.h - inter;
    return union > 0 ? inter / union : 0;
  }

  grader.matching = { match: match, boxIou: boxIou };
  return grader.matching;
});
