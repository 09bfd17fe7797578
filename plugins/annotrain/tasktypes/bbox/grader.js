/* annotrain grader for "bbox" task types: mirrors tasktypes/bbox/kind.py line for
 * line (same float operations in the same order, same notes). Boxes matched
 * one-to-one to gold by IoU (tasktypes/shared/matching.js): recall, precision, label
 * accuracy, mean IoU, max and mean edge deviation in pixels, and the worst edge
 * inside and outside the object apart. Registers itself
 * with grader.js (loaded first). */
(function (root, factory) {
  if (typeof module === "object" && module.exports) {
    module.exports = factory(require("../../browser/grader.js"), require("../shared/matching.js"));
  } else factory(root.annotrain.grader, root.annotrain.grader.matching);
})(this, function (grader, matching) {
  "use strict";

  var MAX_BOXES = 100;
  var MAX_COORD = 1000000;
  // Catalog keys of the edge notes, by edge: left, top, right, bottom.
  var OUTSIDE = ["note_bbox_outside_left", "note_bbox_outside_top", "note_bbox_outside_right", "note_bbox_outside_bottom"];
  var INSIDE = ["note_bbox_inside_left", "note_bbox_inside_top", "note_bbox_inside_right", "note_bbox_inside_bottom"];
  var get = grader.get;
  var fill = grader.fill;
  var message = grader.message;

  // A pixel amount for notes: one decimal at most, "7" rather than "7.0".
  function px(value) {
    return grader.formatNumber(value, 1);
  }

  // An IoU for notes: two decimals at most.
  function ratio(value) {
    return grader.formatNumber(value, 2);
  }

  function quoted(text) {
    return grader.formatList([text]);
  }

  var iou = matching.boxIou;

  function edges(box) {
    return [box.x, box.y, box.x + box.w, box.y + box.h];
  }

  // Matched [gold index, learner index, IoU], in gold order.
  function pairs(task, response) {
    var gold = task.gold.boxes;
    var boxes = response.boxes;
    var minimum = task.match_iou;
    var similarity = gold.map(function (g) {
      return boxes.map(function (b) {
        var value = iou(g, b);
        return value > minimum ? value : 0;
      });
    });
    return matching.match(similarity, minimum).map(function (p) {
      return [p[0], p[1], similarity[p[0]][p[1]]];
    });
  }

  function where(box, messages) {
    var e = edges(box);
    return fill(message(messages, "bbox_where"), { left: px(e[0]), right: px(e[2]), top: px(e[1]), bottom: px(e[3]) });
  }

  function goldText(box, messages) {
    return fill(message(messages, "note_bbox_object"), { label: quoted(box.label), where: where(box, messages) });
  }

  function boxName(index, messages) {
    return fill(message(messages, "bbox_box"), { number: index + 1 });
  }

  function nothingMatched(task, messages) {
    if (!task.gold.boxes.length) return [message(messages, "note_bbox_nothing_to_find")];
    return [message(messages, "note_bbox_none_matched")];
  }

  // How far the learner's edge `side` lies inside the gold box (negative: outside).
  // Left and top edges cut into the object when larger, right and bottom when smaller.
  function depth(learner, target, side) {
    if (side < 2) return learner[side] - target[side];
    return target[side] - learner[side];
  }

  // Every matched pair's 4 edge deviations in pair order, and a note per pair.
  function deviations(task, response, messages) {
    var gold = task.gold.boxes;
    var boxes = response.boxes;
    var values = [];
    var notes = [];
    pairs(task, response).forEach(function (pair) {
      var learner = edges(boxes[pair[1]]);
      var target = edges(gold[pair[0]]);
      var parts = [];
      for (var side = 0; side < 4; side++) {
        var value = Math.abs(learner[side] - target[side]);
        values.push(value);
        if (value >= 0.5) {
          var key = (depth(learner, target, side) > 0 ? INSIDE : OUTSIDE)[side];
          parts.push(fill(message(messages, key), { px: px(value) }));
        }
      }
      var name = boxName(pair[1], messages);
      var label = quoted(gold[pair[0]].label);
      if (parts.length) {
        notes.push(fill(message(messages, "note_bbox_edges"), { box: name, label: label, edges: parts.join("; ") }));
      } else {
        notes.push(fill(message(messages, "note_bbox_edges_exact"), { box: name, label: label }));
      }
    });
    return [values, notes];
  }

  function noDeviation(task) {
    if (!task.gold.boxes.length) return 0;
    var width = task.image.width;
    var height = task.image.height;
    return Math.sqrt(width * width + height * height);
  }

  // The worst depth of an edge inside (inward) or outside the gold box over the
  // matched pairs, 0 when no edge lies that way; a note per pair that has such an edge.
  function oneWay(task, response, messages, inward) {
    var matched = pairs(task, response);
    if (!matched.length) return [noDeviation(task), nothingMatched(task, messages)];
    var gold = task.gold.boxes;
    var boxes = response.boxes;
    var keys = inward ? INSIDE : OUTSIDE;
    var worst = 0;
    var notes = [];
    matched.forEach(function (pair) {
      var learner = edges(boxes[pair[1]]);
      var target = edges(gold[pair[0]]);
      var parts = [];
      for (var side = 0; side < 4; side++) {
        var value = depth(learner, target, side);
        if (!inward) value = -value;
        if (value > worst) worst = value;
        if (value >= 0.5) parts.push(fill(message(messages, keys[side]), { px: px(value) }));
      }
      if (parts.length) {
        notes.push(fill(message(messages, "note_bbox_edges"), {
          box: boxName(pair[1], messages), label: quoted(gold[pair[0]].label), edges: parts.join("; ")
        }));
      }
    });
    if (!notes.length) {
      notes = [message(messages, inward ? "note_bbox_no_edge_inside" : "note_bbox_no_edge_outside")];
    }
    return [worst, notes];
  }

  function isNumber(value) {
    return typeof value === "number" && value >= -MAX_COORD && value <= MAX_COORD;
  }

  // A response box in canonical shape, or null when it is malformed.
  function readBox(item, labels) {
    if (!grader.isObject(item)) return null;
    var label = get(item, "label");
    var values = ["x", "y", "w", "h"].map(function (key) { return get(item, key); });
    if (typeof label !== "string" || labels.indexOf(label) === -1 || !values.every(isNumber)) return null;
    var x = values[0], y = values[1], w = values[2], h = values[3];
    if (w < 0) { x = x + w; w = -w; }
    if (h < 0) { y = y + h; h = -h; }
    return { x: x, y: y, w: w, h: h, label: label };
  }

  var bbox = {
    iou: iou,
    normalize: function (task, response) {
      var raw = get(response, "boxes");
      if (!Array.isArray(raw)) return { boxes: [] };
      var boxes = raw.map(function (item) { return readBox(item, task.labels); })
        .filter(function (box) { return box !== null; });
      return { boxes: boxes.slice(0, MAX_BOXES) };
    },
    // The empty list is the deliberate "nothing to box"; no list is a blank.
    answered: function (task, canonical, response) { return grader.explicitList(response, "boxes", canonical.boxes); },
    measures: {
      recall: function (task, response, messages) {
        var gold = task.gold.boxes;
        var matched = pairs(task, response);
        if (!gold.length) return [1, [message(messages, "note_bbox_nothing_to_find")]];
        var found = matched.map(function (p) { return p[0]; });
        var notes = [];
        var count = gold.length - found.length;
        gold.forEach(function (box, g) {
          if (found.indexOf(g) === -1) notes.push(fill(message(messages, "note_bbox_missed"), { object: goldText(box, messages), count: count }));
        });
        if (!notes.length) notes = [fill(message(messages, "note_bbox_all_found"), { count: gold.length })];
        return [matched.length / gold.length, notes];
      },
      precision: function (task, response, messages) {
        var gold = task.gold.boxes;
        var boxes = response.boxes;
        var matched = pairs(task, response);
        if (!boxes.length) return [!gold.length ? 1 : 0, [message(messages, "note_bbox_no_boxes")]];
        var used = matched.map(function (p) { return p[1]; });
        var notes = [];
        boxes.forEach(function (box, r) {
          if (used.indexOf(r) === -1) {
            notes.push(fill(message(messages, "note_bbox_spurious"), {
              box: boxName(r, messages), label: quoted(box.label), where: where(box, messages)
            }));
          }
        });
        if (!notes.length) notes = [message(messages, "note_bbox_no_spurious")];
        return [matched.length / boxes.length, notes];
      },
      label_accuracy: function (task, response, messages) {
        var gold = task.gold.boxes;
        var boxes = response.boxes;
        var matched = pairs(task, response);
        if (!matched.length) return [!gold.length ? 1 : 0, nothingMatched(task, messages)];
        var notes = [];
        var right = 0;
        matched.forEach(function (p) {
          if (boxes[p[1]].label === gold[p[0]].label) right += 1;
          else {
            notes.push(fill(message(messages, "note_bbox_wrong_label"), {
              box: boxName(p[1], messages), label: quoted(boxes[p[1]].label), gold: quoted(gold[p[0]].label)
            }));
          }
        });
        if (!notes.length) notes = [message(messages, "note_bbox_labels_right")];
        return [right / matched.length, notes];
      },
      mean_iou: function (task, response, messages) {
        var gold = task.gold.boxes;
        var matched = pairs(task, response);
        if (!gold.length) return [1, [message(messages, "note_bbox_nothing_to_find")]];
        var total = 0;
        var notes = [];
        matched.forEach(function (p) {
          total += p[2];
          notes.push(fill(message(messages, "note_bbox_iou"), {
            box: boxName(p[1], messages), label: quoted(gold[p[0]].label), iou: ratio(p[2])
          }));
        });
        var missed = gold.length - matched.length;
        if (missed) notes.push(fill(message(messages, "note_bbox_iou_missed"), { count: missed }));
        return [total / gold.length, notes];
      },
      max_edge_deviation: function (task, response, messages) {
        var d = deviations(task, response, messages);
        if (!d[0].length) return [noDeviation(task), nothingMatched(task, messages)];
        return [Math.max.apply(null, d[0]), d[1]];
      },
      mean_edge_deviation: function (task, response, messages) {
        var d = deviations(task, response, messages);
        if (!d[0].length) return [noDeviation(task), nothingMatched(task, messages)];
        var total = 0;
        d[0].forEach(function (value) { total += value; });
        return [total / d[0].length, d[1]];
      },
      max_inward_deviation: function (task, response, messages) {
        return oneWay(task, response, messages, true);
      },
      max_outward_deviation: function (task, response, messages) {
        return oneWay(task, response, messages, false);
      }
    }
  };

  return grader.register("bbox", bbox);
});
