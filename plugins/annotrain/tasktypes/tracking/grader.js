/* annotrain grader for "tracking" task types: mirrors tasktypes/tracking/kind.py
 * line for line (same float operations in the same order, same notes). Tracks of
 * keyframes are expanded to a box (or none) per frame by linear interpolation,
 * then matched to the gold tracks frame by frame as the CLEAR MOT metrics do:
 * mean IoU, missed and invented frames, identity switches, label accuracy, MOTA.
 * Registers itself with grader.js (loaded first). */
(function (root, factory) {
  if (typeof module === "object" && module.exports) {
    module.exports = factory(require("../../browser/grader.js"), require("../shared/matching.js"));
  } else root.annotrain.tracking = factory(root.annotrain.grader, root.annotrain.grader.matching);
})(this, function (grader, matching) {
  "use strict";

  var MAX_TRACKS = 50;
  var MAX_COORD = 1000000;
  var SIDES = ["x", "y", "w", "h"];
  var get = grader.get;
  var fill = grader.fill;
  var message = grader.message;

  function ratio(value) {
    return grader.formatNumber(value, 2);
  }

  function quoted(text) {
    return grader.formatList([text]);
  }

  var iou = matching.boxIou;

  function isNumber(value) {
    return typeof value === "number" && value >= -MAX_COORD && value <= MAX_COORD;
  }

  function frameNumber(value, count) {
    if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > count) return null;
    return value;
  }

  // A keyframe in canonical shape, or null when it is malformed.
  function readKey(item, count) {
    if (!grader.isObject(item)) return null;
    var frame = frameNumber(get(item, "frame"), count);
    if (frame === null) return null;
    if (get(item, "out") === true) return { frame: frame, out: true };
    var values = SIDES.map(function (key) { return get(item, key); });
    if (!values.every(isNumber)) return null;
    var x = values[0], y = values[1], w = values[2], h = values[3];
    if (w < 0) { x = x + w; w = -w; }
    if (h < 0) { y = y + h; h = -h; }
    return { frame: frame, x: x, y: y, w: w, h: h };
  }

  // A response track in canonical shape (keys sorted by frame), or null.
  function readTrack(item, labels, count) {
    if (!grader.isObject(item)) return null;
    var label = get(item, "label");
    if (typeof label !== "string" || labels.indexOf(label) === -1) return null;
    var raw = get(item, "keys");
    if (!Array.isArray(raw)) return null;
    var keys = {};
    raw.forEach(function (entry) {
      var key = readKey(entry, count);
      if (key !== null && !keys[key.frame]) keys[key.frame] = key;
    });
    var frames = Object.keys(keys).map(Number).sort(function (a, b) { return a - b; });
    return { label: label, keys: frames.map(function (f) { return keys[f]; }) };
  }

  function box(key) {
    return { x: key.x, y: key.y, w: key.w, h: key.h };
  }

  // The track's box (or null: out of view) at each of the `count` frames.
  function expand(keys, count) {
    var boxes = [];
    var k = 0; // keys[k] is the first keyframe after the frame
    for (var frame = 1; frame <= count; frame++) {
      while (k < keys.length && keys[k].frame <= frame) k += 1;
      var before = k ? keys[k - 1] : null;
      var after = k < keys.length ? keys[k] : null;
      if (before === null || before.out) boxes.push(null);
      else if (before.frame === frame || after === null || after.out) boxes.push(box(before));
      else {
        var share = (frame - before.frame) / (after.frame - before.frame);
        var moved = {};
        SIDES.forEach(function (side) { moved[side] = before[side] + (after[side] - before[side]) * share; });
        boxes.push(moved);
      }
    }
    return boxes;
  }

  // Every measure needs the same matching: a check asks six times with the same
  // task and canonical response (normalize makes a new one for every grade, and
  // nothing changes it). Another pair is compared by value: the latest matching is
  // kept for as long as the gold, the tracks and the threshold are the same.
  var latest = { task: null, response: null, key: null, result: null };

  function evaluate(task, response) {
    if (latest.task === task && latest.response === response) return latest.result;
    var key = JSON.stringify([task.gold.tracks, response.tracks, task.match_iou, task.frames.length]);
    if (latest.key !== key) latest = { key: key, result: match(task, response) };
    latest.task = task;
    latest.response = response;
    return latest.result;
  }

  // The CLEAR MOT matching of kind.py's docstring, frame by frame.
  function match(task, response) {
    var count = task.frames.length;
    var minimum = task.match_iou;
    var gold = task.gold.tracks.map(function (track) { return expand(track.keys, count); });
    var mine = response.tracks.map(function (track) { return expand(track.keys, count); });
    var objects = gold.map(function () { return { visible: 0, missed: [], iou: 0, switches: [], right: 0 }; });
    var tracks = mine.map(function () { return { invented: [] }; });
    var weight = gold.length + mine.length + 1;
    var last = {};
    var matched = 0;
    for (var f = 0; f < count; f++) {
      var here = [];
      var there = [];
      gold.forEach(function (boxes, g) { if (boxes[f] !== null) here.push(g); });
      mine.forEach(function (boxes, r) { if (boxes[f] !== null) there.push(r); });
      var value = {};
      here.forEach(function (g) {
        there.forEach(function (r) {
          var overlap = iou(gold[g][f], mine[r][f]);
          if (overlap > minimum) value[g + "," + r] = overlap;
        });
      });
      var pairs = [];
      var taken = {};
      var kept = {};
      here.forEach(function (g) { // (1) an object keeps its last track while the pair is valid
        var r = last[g];
        if (r !== undefined && (g + "," + r) in value && !taken[r]) {
          pairs.push([g, r]);
          taken[r] = true;
          kept[g] = true;
        }
      });
      var rows = here.filter(function (g) { return !kept[g]; });
      var cols = there.filter(function (r) { return !taken[r]; });
      var similarity = rows.map(function (g) {
        return cols.map(function (r) {
          var key = g + "," + r;
          return key in value ? weight + value[key] : 0;
        });
      });
      matching.match(similarity, 0).forEach(function (p) { // (2) the rest, most pairs then most IoU
        var g = rows[p[0]];
        var r = cols[p[1]];
        if (last[g] !== undefined && last[g] !== r) objects[g].switches.push([f + 1, last[g], r]);
        pairs.push([g, r]);
      });
      var paired = {};
      var used = {};
      pairs.forEach(function (p) { paired[p[0]] = p[1]; used[p[1]] = true; });
      here.forEach(function (g) {
        var item = objects[g];
        item.visible += 1;
        if (g in paired) {
          var r = paired[g];
          last[g] = r;
          item.iou += value[g + "," + r];
          if (response.tracks[r].label === task.gold.tracks[g].label) item.right += 1;
        } else item.missed.push(f + 1);
      });
      there.forEach(function (r) { if (!used[r]) tracks[r].invented.push(f + 1); });
      matched += pairs.length;
    }
    return { objects: objects, tracks: tracks, matched: matched };
  }

  // Frame numbers as runs: [3, 4, 5, 9] -> "3–5, 9".
  function frameList(frames) {
    var runs = [];
    frames.forEach(function (frame) {
      if (runs.length && runs[runs.length - 1][1] === frame - 1) runs[runs.length - 1][1] = frame;
      else runs.push([frame, frame]);
    });
    return runs.map(function (run) { return run[0] === run[1] ? String(run[0]) : run[0] + "\u2013" + run[1]; }).join(", ");
  }

  function objectName(task, g, messages) {
    return fill(message(messages, "note_tracking_object"), { number: g + 1, label: quoted(task.gold.tracks[g].label) });
  }

  function trackName(response, r, messages) {
    return fill(message(messages, "note_tracking_track"), { number: r + 1, label: quoted(response.tracks[r].label) });
  }

  var tracking = {
    iou: iou,
    expand: expand,
    frameList: frameList,
    normalize: function (task, response) {
      var raw = get(response, "tracks");
      if (!Array.isArray(raw)) return { tracks: [] };
      var count = task.frames.length;
      var tracks = raw.map(function (item) { return readTrack(item, task.labels, count); })
        .filter(function (track) { return track !== null; });
      return { tracks: tracks.slice(0, MAX_TRACKS) };
    },
    answered: function (task, canonical, response) { return grader.explicitList(response, "tracks", canonical.tracks); },
    measures: {
      mean_iou: function (task, response, messages) {
        var objects = evaluate(task, response).objects;
        var total = 0;
        var notes = [];
        objects.forEach(function (item, g) {
          var value = item.iou / item.visible;
          total += value;
          notes.push(fill(message(messages, "note_tracking_iou"), { name: objectName(task, g, messages), iou: ratio(value), count: item.visible }));
        });
        return [total / objects.length, notes];
      },
      missed_frames: function (task, response, messages) {
        var total = 0;
        var notes = [];
        evaluate(task, response).objects.forEach(function (item, g) {
          if (!item.missed.length) return;
          total += item.missed.length;
          notes.push(fill(message(messages, "note_tracking_missed"), {
            name: objectName(task, g, messages), frames: frameList(item.missed), count: item.missed.length
          }));
        });
        if (!notes.length) notes = [message(messages, "note_tracking_none_missed")];
        return [total, notes];
      },
      invented_frames: function (task, response, messages) {
        var total = 0;
        var notes = [];
        evaluate(task, response).tracks.forEach(function (item, r) {
          if (!item.invented.length) return;
          total += item.invented.length;
          notes.push(fill(message(messages, "note_tracking_invented"), {
            track: trackName(response, r, messages), frames: frameList(item.invented), count: item.invented.length
          }));
        });
        if (!notes.length) notes = [message(messages, "note_tracking_none_invented")];
        return [total, notes];
      },
      id_switches: function (task, response, messages) {
        var total = 0;
        var notes = [];
        evaluate(task, response).objects.forEach(function (item, g) {
          item.switches.forEach(function (s) {
            total += 1;
            notes.push(fill(message(messages, "note_tracking_switch"), {
              name: objectName(task, g, messages), frame: s[0],
              before: trackName(response, s[1], messages), after: trackName(response, s[2], messages)
            }));
          });
        });
        if (!notes.length) notes = [message(messages, "note_tracking_no_switch")];
        return [total, notes];
      },
      label_accuracy: function (task, response, messages) {
        var result = evaluate(task, response);
        if (!result.matched) return [0, [message(messages, "note_tracking_none_matched")]];
        var right = 0;
        var notes = [];
        result.objects.forEach(function (item, g) {
          right += item.right;
          var wrong = item.visible - item.missed.length - item.right;
          if (wrong) notes.push(fill(message(messages, "note_tracking_wrong_label"), { name: objectName(task, g, messages), count: wrong }));
        });
        if (!notes.length) notes = [message(messages, "note_tracking_labels_right")];
        return [right / result.matched, notes];
      },
      mota: function (task, response, messages) {
        var result = evaluate(task, response);
        var total = 0, missed = 0, switches = 0, invented = 0;
        result.objects.forEach(function (item) {
          total += item.visible;
          missed += item.missed.length;
          switches += item.switches.length;
        });
        result.tracks.forEach(function (item) { invented += item.invented.length; });
        var value = 1 - (missed + invented + switches) / total;
        return [value, [fill(message(messages, "note_tracking_mota"), {
          missed: missed, invented: invented, switches: switches, total: total, mota: ratio(value)
        })]];
      }
    }
  };

  return grader.register("tracking", tracking);
});
