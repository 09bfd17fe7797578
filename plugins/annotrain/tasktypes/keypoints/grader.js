/* annotrain grader for "keypoints" task types: mirrors tasktypes/keypoints/kind.py
 * line for line. Named landmarks placed or marked not visible: PCK within a px
 * tolerance, completeness, missing, visibility accuracy, mean distance.
 * Registers itself with grader.js (loaded first). */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(require("../../browser/grader.js"));
  else factory(root.annotrain.grader);
})(this, function (grader) {
  "use strict";

  var get = grader.get;
  var fill = grader.fill;
  var message = grader.message;

  function finiteNumber(value) {
    return typeof value === "number" && isFinite(value) ? value : null;
  }

  function byLabel(points) {
    var table = Object.create(null);
    points.forEach(function (point) { table[point.label] = point; });
    return table;
  }

  // [label, gold point, learner point or null, tolerance] in landmark order.
  function answers(task, response) {
    var gold = byLabel(task.gold.points);
    var given = byLabel(response.points);
    return task.keypoints.map(function (label) {
      return [label, gold[label], label in given ? given[label] : null, task.tolerance[label]];
    });
  }

  function visible(point) {
    return point !== null && point.visible !== false;
  }

  function distance(a, b) {
    var dx = a.x - b.x;
    var dy = a.y - b.y;
    return Math.sqrt(dx * dx + dy * dy);
  }

  function px(value) {
    return grader.formatNumber(value, 1);
  }

  function pck(task, response, messages) {
    var shown = 0;
    var within = 0;
    var notes = [];
    answers(task, response).forEach(function (a) {
      var label = a[0];
      var gold = a[1];
      var given = a[2];
      if (!visible(gold)) return;
      shown += 1;
      if (given === null) notes.push(fill(message(messages, "note_keypoints_not_placed"), { label: label }));
      else if (!visible(given)) notes.push(fill(message(messages, "note_keypoints_hidden_wrong"), { label: label }));
      else {
        var d = distance(given, gold);
        if (d <= a[3]) within += 1;
        else {
          notes.push(fill(message(messages, "note_keypoints_far"), {
            label: label, distance: px(d), tolerance: px(a[3])
          }));
        }
      }
    });
    if (!shown) return [1, [message(messages, "note_keypoints_none_visible")]];
    if (!notes.length) notes.push(message(messages, "note_keypoints_all_within"));
    return [within / shown, notes];
  }

  function incomplete(task, response) {
    var result = [];
    answers(task, response).forEach(function (a) {
      var placed = visible(a[2]);
      var hiddenRight = a[2] !== null && !placed && !visible(a[1]);
      if (!placed && !hiddenRight) result.push(a[0]);
    });
    return result;
  }

  function completenessNotes(missing, messages) {
    if (!missing.length) return [message(messages, "note_keypoints_all_answered")];
    return [fill(message(messages, "note_keypoints_incomplete"), { items: grader.formatList(missing) })];
  }

  function completeness(task, response, messages) {
    var absent = incomplete(task, response);
    var total = task.keypoints.length;
    return [(total - absent.length) / total, completenessNotes(absent, messages)];
  }

  function missing(task, response, messages) {
    var absent = incomplete(task, response);
    return [absent.length, completenessNotes(absent, messages)];
  }

  function visibilityAccuracy(task, response, messages) {
    var answered = 0;
    var agreed = 0;
    var notes = [];
    answers(task, response).forEach(function (a) {
      var label = a[0];
      if (a[2] === null) return;
      answered += 1;
      if (visible(a[2]) === visible(a[1])) agreed += 1;
      else if (visible(a[1])) notes.push(fill(message(messages, "note_keypoints_hidden_wrong"), { label: label }));
      else notes.push(fill(message(messages, "note_keypoints_shown_wrong"), { label: label }));
    });
    if (!answered) return [0, [message(messages, "note_keypoints_none_answered")]];
    if (!notes.length) notes.push(message(messages, "note_keypoints_visibility_right"));
    return [agreed / answered, notes];
  }

  function meanDistance(task, response, messages) {
    var shown = 0;
    var count = 0;
    var total = 0;
    answers(task, response).forEach(function (a) {
      if (!visible(a[1])) return;
      shown += 1;
      if (visible(a[2])) {
        count += 1;
        total += distance(a[2], a[1]);
      }
    });
    if (!shown) return [0, [message(messages, "note_keypoints_none_visible")]];
    if (!count) {
      var image = task.image;
      var diagonal = Math.sqrt(image.width * image.width + image.height * image.height);
      return [diagonal, [message(messages, "note_keypoints_none_placed")]];
    }
    var mean = total / count;
    return [mean, [fill(message(messages, "note_keypoints_mean"), { count: count, total: shown, distance: px(mean) })]];
  }

  var keypoints = {
    normalize: function (task, response) {
      var raw = get(response, "points");
      if (!Array.isArray(raw)) return { points: [] };
      var image = task.image;
      var given = Object.create(null);
      raw.forEach(function (item) {
        var label = get(item, "label");
        if (typeof label !== "string" || task.keypoints.indexOf(label) === -1) return;
        if (label in given) return;
        if (get(item, "visible") === false) {
          given[label] = { label: label, visible: false };
          return;
        }
        var x = finiteNumber(get(item, "x"));
        var y = finiteNumber(get(item, "y"));
        if (x === null || y === null) return;
        if (0 <= x && x <= image.width && 0 <= y && y <= image.height) given[label] = { label: label, x: x, y: y };
      });
      return {
        points: task.keypoints.filter(function (label) { return label in given; })
          .map(function (label) { return given[label]; })
      };
    },
    /** Something is placed or marked not visible. */
    answered: function (task, response) { return response.points.length > 0; },
    // What an unanswered response lacks (a catalog key).
    missing: function () { return "no_keypoints"; },
    measures: {
      pck: pck,
      completeness: completeness,
      missing: missing,
      visibility_accuracy: visibilityAccuracy,
      mean_distance: meanDistance
    }
  };

  return grader.register("keypoints", keypoints);
});
