/* annotrain grader for "segments" tasks: mirrors tasktypes/segments/kind.py line for
 * line. Time ranges in seconds matched one-to-one to gold by temporal IoU
 * (tasktypes/shared/matching.js, loaded first): recall, precision, false positives, label
 * accuracy, mean IoU, boundary error. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) {
    module.exports = factory(require("../../browser/grader.js"), require("../shared/matching.js"));
  } else factory(root.annotrain.grader, root.annotrain.grader.matching);
})(this, function (grader, matching) {
  "use strict";

  var fill = grader.fill;
  var message = grader.message;
  var get = grader.get;

  var MAX_SEGMENTS = 200;
  var ON_TIME = 0.05;

  /** value (>= 0) with `digits` decimals, rounded half up, as segments.py does it. */
  function seconds(value, digits) {
    var scale = Math.pow(10, digits);
    var whole = Math.floor(value * scale + 0.5);
    var frac = String(whole % scale);
    while (frac.length < digits) frac = "0" + frac;
    return Math.floor(whole / scale) + "." + frac;
  }

  function iou(a, b) {
    var inter = Math.min(a.end, b.end) - Math.max(a.start, b.start);
    if (inter <= 0) return 0;
    var union = Math.max(a.end, b.end) - Math.min(a.start, b.start);
    return inter / union;
  }

  function pairs(task, response) {
    var gold = task.gold.segments, mine = response.segments;
    var n = Math.min(gold.length, mine.length);
    var same = n + 1;
    var pair = n * (same + 1) + 1;
    var minimum = task.match_iou;
    var similarity = gold.map(function (g) {
      return mine.map(function (r) {
        var value = iou(g, r);
        return value >= minimum ? pair + (g.label === r.label ? same : 0) + value : 0;
      });
    });
    return matching.match(similarity, 0);
  }

  function where(segment) {
    return { label: segment.label, start: seconds(segment.start, 1), end: seconds(segment.end, 1) };
  }

  function matchedSet(found, side) {
    var set = {};
    found.forEach(function (p) { set[p[side]] = true; });
    return set;
  }

  function missedNotes(task, response, found, messages) {
    var matched = matchedSet(found, 0);
    var missed = [];
    var count = task.gold.segments.length - Object.keys(matched).length;
    task.gold.segments.forEach(function (s, i) {
      if (!matched[i]) missed.push(fill(message(messages, "note_segments_missed"), Object.assign(where(s), { count: count })));
    });
    return missed.length ? missed : [message(messages, "note_segments_all_found")];
  }

  function extraNotes(task, response, found, messages) {
    var mine = response.segments;
    if (!mine.length) return [message(messages, "note_segments_none")];
    var matched = matchedSet(found, 1);
    var extra = [];
    mine.forEach(function (s, i) {
      if (!matched[i]) extra.push(fill(message(messages, "note_segments_extra"), where(s)));
    });
    return extra.length ? extra : [message(messages, "note_segments_no_extra")];
  }

  function shift(value, messages) {
    if (Math.abs(value) <= ON_TIME) return message(messages, "note_segments_on_time");
    var key = value > 0 ? "note_segments_late" : "note_segments_early";
    return fill(message(messages, key), { seconds: seconds(Math.abs(value), 2) });
  }

  function edgeNotes(task, response, found, messages) {
    var gold = task.gold.segments, mine = response.segments;
    var notes = [];
    found.forEach(function (p) {
      var start = mine[p[1]].start - gold[p[0]].start;
      var end = mine[p[1]].end - gold[p[0]].end;
      if (Math.abs(start) > ON_TIME || Math.abs(end) > ON_TIME) {
        var params = where(mine[p[1]]);
        params.start_shift = shift(start, messages);
        params.end_shift = shift(end, messages);
        notes.push(fill(message(messages, "note_segments_edges"), params));
      }
    });
    if (notes.length) return notes;
    if (found.length) return [message(messages, "note_segments_edges_right")];
    return missedNotes(task, response, found, messages);
  }

  function isNumber(value) {
    return typeof value === "number" && isFinite(value);
  }

  function sorted(task, segments) {
    var labels = task.labels;
    return segments.sort(function (a, b) {
      return a.start - b.start || a.end - b.end || labels.indexOf(a.label) - labels.indexOf(b.label);
    });
  }

  var segments = {
    seconds: seconds,
    iou: iou,
    pairs: pairs,
    normalize: function (task, response) {
      var raw = get(response, "segments");
      if (!Array.isArray(raw)) return { segments: [] };
      var duration = task.audio.duration;
      var result = [];
      raw.slice(0, MAX_SEGMENTS).forEach(function (item) {
        if (!grader.isObject(item)) return;
        var start = get(item, "start"), end = get(item, "end"), label = get(item, "label");
        if (!isNumber(start) || !isNumber(end) || task.labels.indexOf(label) === -1) return;
        start = Math.max(start, 0);
        end = Math.min(end, duration);
        if (start < end) result.push({ start: start, end: end, label: label });
      });
      return { segments: sorted(task, result) };
    },
    // No segment is an answer only where the clip has nothing to mark.
    // The empty list is the deliberate "nothing to mark in this clip"; no list is a blank.
    answered: function (task, canonical, response) {
      return grader.explicitList(response, "segments", canonical.segments);
    },
    missing: function () { return "no_segments"; },
    measures: {
      recall: function (task, response, messages) {
        var gold = task.gold.segments;
        var found = pairs(task, response);
        var value = !gold.length ? 1 : found.length / gold.length;
        return [value, missedNotes(task, response, found, messages)];
      },
      precision: function (task, response, messages) {
        var gold = task.gold.segments, mine = response.segments;
        var found = pairs(task, response);
        var value = !mine.length ? (!gold.length ? 1 : 0) : found.length / mine.length;
        return [value, extraNotes(task, response, found, messages)];
      },
      false_positives: function (task, response, messages) {
        var found = pairs(task, response);
        return [response.segments.length - found.length, extraNotes(task, response, found, messages)];
      },
      label_accuracy: function (task, response, messages) {
        var gold = task.gold.segments, mine = response.segments;
        var found = pairs(task, response);
        var wrong = found.filter(function (p) { return gold[p[0]].label !== mine[p[1]].label; });
        var value = !found.length ? (!gold.length ? 1 : 0) : (found.length - wrong.length) / found.length;
        var notes = wrong.map(function (p) {
          var params = where(mine[p[1]]);
          params.gold = gold[p[0]].label;
          return fill(message(messages, "note_segments_label"), params);
        });
        if (!notes.length) {
          notes = found.length ? [message(messages, "note_segments_labels_right")] : missedNotes(task, response, found, messages);
        }
        return [value, notes];
      },
      mean_iou: function (task, response, messages) {
        var gold = task.gold.segments, mine = response.segments;
        var found = pairs(task, response);
        var value;
        if (!found.length) value = !gold.length && !mine.length ? 1 : 0;
        else {
          var total = 0;
          found.forEach(function (p) { total += iou(gold[p[0]], mine[p[1]]); });
          value = total / found.length;
        }
        return [value, edgeNotes(task, response, found, messages)];
      },
      boundary_error: function (task, response, messages) {
        var gold = task.gold.segments, mine = response.segments;
        var found = pairs(task, response);
        var value;
        if (!found.length) value = !gold.length ? 0 : task.audio.duration;
        else {
          value = 0;
          found.forEach(function (p) {
            value = Math.max(value, Math.abs(mine[p[1]].start - gold[p[0]].start), Math.abs(mine[p[1]].end - gold[p[0]].end));
          });
        }
        return [value, edgeNotes(task, response, found, messages)];
      }
    }
  };

  return grader.register("segments", segments);
});
