/* annotrain grader for "polygon" task types: mirrors tasktypes/polygon/kind.py line
 * for line. Outlines matched one to one to gold by exact polygon IoU: recall,
 * precision, label accuracy, mean IoU, vertex deviation. Needs grader.js,
 * tasktypes/shared/matching.js and tasktypes/shared/polygons.js (loaded first). */
(function (root, factory) {
  if (typeof module === "object" && module.exports) {
    var grader = require("../../browser/grader.js");
    require("../shared/matching.js");
    require("../shared/polygons.js");
    module.exports = factory(grader);
  } else factory(root.annotrain.grader);
})(this, function (grader) {
  "use strict";

  var get = grader.get;
  var fill = grader.fill;
  var message = grader.message;
  var formatNumber = grader.formatNumber;
  var geometry = grader.polygons;
  // Polygons beyond this many in a response are ignored (matching is cubic in the count).
  var MAX_POLYGONS = 100;
  // Points beyond this many in one polygon are ignored (overlaps cost n x m clippings).
  var MAX_POINTS = 500;

  /** A finite number from a JSON value, else null (booleans are not numbers). */
  function finiteNumber(value) {
    return typeof value === "number" && isFinite(value) ? value : null;
  }

  /** A learner's points: pairs of finite numbers, clamped to the image, no repeats. */
  function readPoints(raw, image) {
    var points = [];
    if (!Array.isArray(raw)) return points;
    raw.slice(0, MAX_POINTS).forEach(function (item) {
      if (!Array.isArray(item) || item.length !== 2) return;
      var x = finiteNumber(item[0]);
      var y = finiteNumber(item[1]);
      if (x === null || y === null) return;
      var point = [grader.clamp(x, 0, image.width), grader.clamp(y, 0, image.height)];
      var last = points[points.length - 1];
      if (last && last[0] === point[0] && last[1] === point[1]) return;
      points.push(point);
    });
    while (points.length > 1 && points[points.length - 1][0] === points[0][0] &&
      points[points.length - 1][1] === points[0][1]) points.pop();
    return points;
  }

  /** Names of the gold polygons: the label, numbered when it occurs more than once. */
  function goldNames(task) {
    var polygons = task.gold.polygons;
    return polygons.map(function (polygon, index) {
      var total = 0;
      var before = 0;
      for (var other = 0; other < polygons.length; other++) {
        if (polygons[other].label === polygon.label) {
          total += 1;
          if (other <= index) before += 1;
        }
      }
      return total === 1 ? polygon.label : polygon.label + " " + before;
    });
  }

  // Every measure of one grading asks for the same table, and each IoU costs many
  // triangle clippings: the latest table is kept for as long as the outlines match.
  var latestTable = { key: null, table: null };

  /** IoU of every (gold, learner) pair of outlines. */
  function iouTable(gold, drawn) {
    var outlines = function (polygon) { return polygon.points; };
    var key = JSON.stringify([gold.map(outlines), drawn.map(outlines)]);
    if (latestTable.key !== key) {
      latestTable = {
        key: key,
        table: gold.map(function (g) {
          return drawn.map(function (d) { return geometry.iou(g.points, d.points); });
        })
      };
    }
    return latestTable.table;
  }

  // IoU of every (gold, learner) pair and the one-to-one matching on it.
  function compare(task, response) {
    var gold = task.gold.polygons;
    var drawn = response.polygons;
    var table = iouTable(gold, drawn);
    return {
      gold: gold,
      drawn: drawn,
      iou: table,
      pairs: grader.matching.match(table, task.match_iou),
      names: goldNames(task)
    };
  }

  function crossingNotes(found, messages) {
    var notes = [];
    found.drawn.forEach(function (polygon, index) {
      var edges = geometry.crossing(polygon.points);
      if (edges !== null) {
        notes.push(fill(message(messages, "note_polygon_crossing"), {
          number: index + 1, label: polygon.label, first: edges[0] + 1, second: edges[1] + 1
        }));
      }
    });
    return notes;
  }

  function noPairsNotes(found, messages) {
    if (!found.gold.length) return [message(messages, "note_polygon_nothing_to_outline")];
    return [message(messages, "note_polygon_no_match")];
  }

  function recall(task, response, messages) {
    var found = compare(task, response);
    var gold = found.gold;
    if (!gold.length) return [1, [message(messages, "note_polygon_nothing_to_outline")]];
    var matched = found.pairs.map(function (p) { return p[0]; });
    var notes = [];
    // Missed objects no outline touches: how many (hidden notes give only the count).
    var untouched = found.iou.filter(function (row, g) {
      return matched.indexOf(g) === -1 && !row.some(function (value) { return value > 0; });
    }).length;
    for (var index = 0; index < gold.length; index++) {
      if (matched.indexOf(index) !== -1) continue;
      var best = 0;
      found.iou[index].forEach(function (value) { best = Math.max(best, value); });
      if (best > 0) {
        notes.push(fill(message(messages, "note_polygon_missed_weak"), {
          name: found.names[index],
          iou: formatNumber(best, 2),
          minimum: formatNumber(task.match_iou, 2)
        }));
      } else {
        notes.push(fill(message(messages, "note_polygon_missed"), { name: found.names[index], count: untouched }));
      }
    }
    if (!notes.length) notes.push(message(messages, "note_polygon_all_found"));
    return [found.pairs.length / gold.length, notes];
  }

  function precision(task, response, messages) {
    var found = compare(task, response);
    var drawn = found.drawn;
    if (!drawn.length) return [!found.gold.length ? 1 : 0, [message(messages, "note_polygon_none_drawn")]];
    var matched = found.pairs.map(function (p) { return p[1]; });
    var notes = [];
    drawn.forEach(function (polygon, index) {
      if (matched.indexOf(index) === -1) {
        notes.push(fill(message(messages, "note_polygon_extra"), { number: index + 1, label: polygon.label }));
      }
    });
    if (!notes.length) notes.push(message(messages, "note_polygon_no_extra"));
    return [found.pairs.length / drawn.length, notes.concat(crossingNotes(found, messages))];
  }

  function labelAccuracy(task, response, messages) {
    var found = compare(task, response);
    var pairs = found.pairs;
    if (!pairs.length) return [!found.gold.length ? 1 : 0, noPairsNotes(found, messages)];
    var right = 0;
    var notes = [];
    pairs.forEach(function (pair) {
      var label = found.drawn[pair[1]].label;
      if (label === found.gold[pair[0]].label) right += 1;
      else notes.push(fill(message(messages, "note_polygon_label_wrong"), { name: found.names[pair[0]], label: label, number: pair[1] + 1 }));
    });
    if (!notes.length) notes.push(message(messages, "note_polygon_labels_right"));
    return [right / pairs.length, notes];
  }

  function meanIou(task, response, messages) {
    var found = compare(task, response);
    var gold = found.gold;
    if (!gold.length) {
      return [1, [message(messages, "note_polygon_nothing_to_outline")].concat(crossingNotes(found, messages))];
    }
    var total = 0;
    var notes = [];
    found.pairs.forEach(function (pair) {
      total += found.iou[pair[0]][pair[1]];
      notes.push(fill(message(messages, "note_polygon_iou"), {
        name: found.names[pair[0]], number: pair[1] + 1, iou: formatNumber(found.iou[pair[0]][pair[1]], 2)
      }));
    });
    var matched = found.pairs.map(function (p) { return p[0]; });
    var missed = found.names.filter(function (name, g) { return matched.indexOf(g) === -1; });
    if (missed.length) notes.push(fill(message(messages, "note_polygon_iou_missed"), { items: grader.formatList(missed), count: missed.length }));
    return [total / gold.length, notes.concat(crossingNotes(found, messages))];
  }

  function vertexDeviation(task, response, messages) {
    var found = compare(task, response);
    var pairs = found.pairs;
    if (!pairs.length) {
      var image = task.image;
      var worstCase = !found.gold.length ? 0 : Math.sqrt(image.width * image.width + image.height * image.height);
      return [worstCase, noPairsNotes(found, messages)];
    }
    var worst = 0;
    var notes = [];
    pairs.forEach(function (pair) {
      var goldPoints = found.gold[pair[0]].points;
      var result = geometry.deviation(goldPoints, found.drawn[pair[1]].points);
      worst = Math.max(worst, result[0]);
      var shown = formatNumber(result[0], 1);
      if (shown === "0") {
        notes.push(fill(message(messages, "note_polygon_on_corners"), { name: found.names[pair[0]], number: pair[1] + 1 }));
      } else {
        notes.push(fill(message(messages, "note_polygon_deviation"), {
          name: found.names[pair[0]],
          number: pair[1] + 1,
          distance: shown,
          x: formatNumber(goldPoints[result[1]][0], 1),
          y: formatNumber(goldPoints[result[1]][1], 1)
        }));
      }
    });
    return [worst, notes];
  }

  var polygon = {
    normalize: function (task, response) {
      var raw = get(response, "polygons");
      if (!Array.isArray(raw)) return { polygons: [] };
      var polygons = [];
      raw.slice(0, MAX_POLYGONS).forEach(function (item) {
        if (!grader.isObject(item)) return;
        var label = get(item, "label");
        if (typeof label !== "string" || task.labels.indexOf(label) === -1) return;
        var points = readPoints(get(item, "points"), task.image);
        if (points.length >= 3) polygons.push({ label: label, points: points });
      });
      return { polygons: polygons };
    },
    // The empty list is the deliberate "nothing to outline"; no list is a blank.
    answered: function (task, canonical, response) {
      return grader.explicitList(response, "polygons", canonical.polygons);
    },
    goldNames: goldNames,
    readPoints: readPoints,
    measures: {
      recall: recall,
      precision: precision,
      label_accuracy: labelAccuracy,
      mean_iou: meanIou,
      vertex_deviation: vertexDeviation
    }
  };

  return grader.register("polygon", polygon);
});
