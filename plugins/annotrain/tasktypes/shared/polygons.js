/* annotrain polygon geometry: exact area, intersection and IoU of polygons, and
 * distances to outlines. Mirrors plugins/annotrain/tasktypes/shared/polygons.py line for line
 * (same float operations in the same order), so the browser computes exactly
 * the values Python computes; see that module for the method (signed fan
 * triangles clipped pairwise with Sutherland-Hodgman) and for how a
 * self-crossing outline is graded. Adds grader.polygons; loaded after grader.js. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(require("../../browser/grader.js"));
  else factory(root.annotrain.grader);
})(this, function (grader) {
  "use strict";

  // Twice the signed area of triangle (o, a, b): > 0 when counter-clockwise (y up).
  function cross(o, a, b) {
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  }

  /** Shoelace area as a fan from the first vertex; its sign gives the orientation. */
  function signedArea(points) {
    var total = 0;
    for (var i = 1; i < points.length - 1; i++) total += cross(points[0], points[i], points[i + 1]);
    return total / 2;
  }

  function area(points) {
    return Math.abs(signedArea(points));
  }

  function sign(value) {
    if (value > 0) return 1;
    if (value < 0) return -1;
    return 0;
  }

  // Non-degenerate fan triangles: {corners (counter-clockwise), sign, box}.
  function fan(points) {
    var triangles = [];
    for (var i = 1; i < points.length - 1; i++) {
      var a = points[0];
      var b = points[i];
      var c = points[i + 1];
      var turn = cross(a, b, c);
      if (turn === 0) continue;
      triangles.push({
        corners: turn > 0 ? [a, b, c] : [a, c, b],
        sign: sign(turn),
        box: [
          Math.min(a[0], b[0], c[0]),
          Math.min(a[1], b[1], c[1]),
          Math.max(a[0], b[0], c[0]),
          Math.max(a[1], b[1], c[1])
        ]
      });
    }
    return triangles;
  }

  // The part of convex `subject` on the left of (or on) the directed line a -> b.
  function clip(subject, a, b) {
    var result = [];
    var count = subject.length;
    for (var k = 0; k < count; k++) {
      var p = subject[k];
      var q = subject[(k + 1) % count];
      var dp = cross(a, b, p);
      var dq = cross(a, b, q);
      if (dp >= 0) result.push(p);
      if ((dp >= 0) !== (dq >= 0)) {
        var t = dp / (dp - dq);
        result.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
      }
    }
    return result;
  }

  // Area of the intersection of two counter-clockwise triangles.
  function overlap(first, second) {
    var shape = first;
    for (var k = 0; k < 3; k++) {
      shape = clip(shape, second[k], second[(k + 1) % 3]);
      if (shape.length < 3) return 0;
    }
    return signedArea(shape);
  }

  /** Area of P ∩ Q, exact for simple polygons. */
  function intersectionArea(p, q) {
    var orientation = sign(signedArea(p)) * sign(signedArea(q));
    if (orientation === 0) return 0;
    var total = 0;
    var fanP = fan(p);
    var fanQ = fan(q);
    for (var i = 0; i < fanP.length; i++) {
      var first = fanP[i];
      for (var j = 0; j < fanQ.length; j++) {
        var second = fanQ[j];
        var bp = first.box;
        var bq = second.box;
        if (bp[2] < bq[0] || bq[2] < bp[0] || bp[3] < bq[1] || bq[3] < bp[1]) continue;
        var part = overlap(first.corners, second.corners);
        if (part !== 0) total += first.sign * second.sign * part;
      }
    }
    var value = orientation * total;
    return Math.min(Math.max(value, 0), area(p), area(q));
  }

  /** Intersection over union of two polygons; 0 when either has no area. */
  function iou(p, q) {
    var areaP = area(p);
    var areaQ = area(q);
    if (areaP === 0 || areaQ === 0) return 0;
    var common = intersectionArea(p, q);
    return common / (areaP + areaQ - common);
  }

  function distanceToSegment(point, a, b) {
    var dx = b[0] - a[0];
    var dy = b[1] - a[1];
    var length2 = dx * dx + dy * dy;
    var t = 0;
    if (length2 > 0) {
      t = ((point[0] - a[0]) * dx + (point[1] - a[1]) * dy) / length2;
      t = Math.min(Math.max(t, 0), 1);
    }
    var ex = point[0] - (a[0] + t * dx);
    var ey = point[1] - (a[1] + t * dy);
    return Math.sqrt(ex * ex + ey * ey);
  }

  function distanceToOutline(point, outline) {
    var best = Infinity;
    var count = outline.length;
    for (var k = 0; k < count; k++) {
      best = Math.min(best, distanceToSegment(point, outline[k], outline[(k + 1) % count]));
    }
    return best;
  }

  /** [largest distance from a gold vertex to `outline`, index of that vertex]. */
  function deviation(gold, outline) {
    var worst = -1;
    var where = 0;
    for (var k = 0; k < gold.length; k++) {
      var distance = distanceToOutline(gold[k], outline);
      if (distance > worst) {
        worst = distance;
        where = k;
      }
    }
    return [worst, where];
  }

  function onSegment(a, b, p) {
    return Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) &&
      Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1]);
  }

  /** Whether segments a-b and c-d share at least one point. */
  function segmentsTouch(a, b, c, d) {
    var d1 = cross(c, d, a);
    var d2 = cross(c, d, b);
    var d3 = cross(a, b, c);
    var d4 = cross(a, b, d);
    if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) {
      return true;
    }
    return (d1 === 0 && onSegment(c, d, a)) || (d2 === 0 && onSegment(c, d, b)) ||
      (d3 === 0 && onSegment(a, b, c)) || (d4 === 0 && onSegment(a, b, d));
  }

  // Whether consecutive edges a-b and b-c run back along each other.
  function foldsBack(a, b, c) {
    return cross(a, b, c) === 0 && (b[0] - a[0]) * (c[0] - b[0]) + (b[1] - a[1]) * (c[1] - b[1]) < 0;
  }

  /** The first pair of edges [i, j], i < j, that cross, touch or fold back; else null. */
  function crossing(points) {
    var count = points.length;
    for (var i = 0; i < count; i++) {
      var a = points[i];
      var b = points[(i + 1) % count];
      for (var j = i + 1; j < count; j++) {
        var c = points[j];
        var d = points[(j + 1) % count];
        if (j === i + 1) {
          if (foldsBack(a, b, d)) return [i, j];
        } else if (i === 0 && j === count - 1) {
          if (foldsBack(c, a, b)) return [i, j];
        } else if (segmentsTouch(a, b, c, d)) {
          return [i, j];
        }
      }
    }
    return null;
  }

  grader.polygons = {
    signedArea: signedArea,
    area: area,
    intersectionArea: intersectionArea,
    iou: iou,
    distanceToSegment: distanceToSegment,
    distanceToOutline: distanceToOutline,
    deviation: deviation,
    segmentsTouch: segmentsTouch,
    crossing: crossing
  };
  return grader.polygons;
});
