/* annotrain grader for "masks" task types: mirrors tasktypes/masks/kind.py and
 * rle.py step for step. Masks are COCO run lengths read column by column,
 * starting with background; per class: IoU on the foreground intervals and the
 * boundary F-score at a tolerance, both computed from the runs, never pixel by
 * pixel. Adds grader.masks (the run helpers); needs grader.js, loaded first. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(require("../../browser/grader.js"));
  else factory(root.annotrain.grader);
})(this, function (grader) {
  "use strict";

  var get = grader.get;
  var fill = grader.fill;
  var message = grader.message;
  var formatNumber = grader.formatNumber;
  var MAX_MASKS = 100;

  /** A non-negative whole JSON number, else null. */
  function whole(value) {
    return typeof value === "number" && isFinite(value) && Math.floor(value) === value && value >= 0 ? value : null;
  }

  /** Counts read leniently (rle.canonical): cut at total, padded, empty runs merged. */
  function canonical(raw, total) {
    if (!Array.isArray(raw)) return null;
    var counts = [0];
    var position = 0;
    var items = raw.slice(0, total + 1);
    for (var index = 0; index < items.length; index++) {
      var length = whole(items[index]);
      if (length === null) return null;
      length = Math.min(length, total - position);
      if (length === 0) continue;
      if ((counts.length % 2 === 0) === (index % 2 === 1)) counts[counts.length - 1] += length;
      else counts.push(length);
      position += length;
    }
    if (position < total) {
      if (counts.length % 2 === 1) counts[counts.length - 1] += total - position;
      else counts.push(total - position);
    }
    return counts;
  }

  /** The foreground as [start, end) intervals of pixel numbers (column-major). */
  function intervals(counts) {
    var found = [];
    var position = 0;
    for (var index = 0; index < counts.length; index++) {
      if (index % 2 === 1 && counts[index] > 0) found.push([position, position + counts[index]]);
      position += counts[index];
    }
    return found;
  }

  function area(runs) {
    var total = 0;
    for (var i = 0; i < runs.length; i++) total += runs[i][1] - runs[i][0];
    return total;
  }

  function overlap(first, second) {
    var shared = 0;
    var i = 0;
    var j = 0;
    while (i < first.length && j < second.length) {
      var low = Math.max(first[i][0], second[j][0]);
      var high = Math.min(first[i][1], second[j][1]);
      if (high > low) shared += high - low;
      if (first[i][1] < second[j][1]) i += 1;
      else j += 1;
    }
    return shared;
  }

  function iou(first, second) {
    var shared = overlap(first, second);
    var union = area(first) + area(second) - shared;
    return union === 0 ? 1 : shared / union;
  }

  function columns(runs, width, height) {
    var found = [];
    for (var x = 0; x < width; x++) found.push([]);
    runs.forEach(function (run) {
      var start = run[0];
      while (start < run[1]) {
        var column = Math.floor(start / height);
        var stop = Math.min(run[1], (column + 1) * height);
        found[column].push([start - column * height, stop - column * height]);
        start = stop;
      }
    });
    return found;
  }

  function subtract(runs, other) {
    var left = [];
    var j = 0;
    runs.forEach(function (run) {
      var start = run[0];
      var end = run[1];
      while (j < other.length && other[j][1] <= start) j += 1;
      for (var k = j; k < other.length && other[k][0] < end; k++) {
        if (other[k][0] > start) left.push([start, other[k][0]]);
        start = Math.max(start, other[k][1]);
      }
      if (start < end) left.push([start, end]);
    });
    return left;
  }

  /** The boundary pixels: {list: pixel numbers, set: Uint8Array over the image}. */
  function boundary(runs, width, height) {
    var byColumn = columns(runs, width, height);
    var set = new Uint8Array(width * height);
    var list = [];
    function add(pixel) {
      if (!set[pixel]) {
        set[pixel] = 1;
        list.push(pixel);
      }
    }
    byColumn.forEach(function (column, x) {
      var base = x * height;
      column.forEach(function (run) {
        if (run[0] > 0) add(base + run[0]);
        if (run[1] < height) add(base + run[1] - 1);
      });
      [x - 1, x + 1].forEach(function (side) {
        if (side < 0 || side >= width) return;
        subtract(column, byColumn[side]).forEach(function (run) {
          for (var y = run[0]; y < run[1]; y++) add(base + y);
        });
      });
    });
    return { list: list, set: set };
  }

  /** Every [dx, dy] within `tolerance` px, nearest first (rle.offsets). */
  function offsets(tolerance) {
    var reach = Math.floor(tolerance);
    var found = [];
    for (var dx = -reach; dx <= reach; dx++) {
      for (var dy = -reach; dy <= reach; dy++) {
        if (dx * dx + dy * dy <= tolerance * tolerance) found.push([dx, dy]);
      }
    }
    return found.sort(function (a, b) {
      return (a[0] * a[0] + a[1] * a[1]) - (b[0] * b[0] + b[1] * b[1]) || a[0] - b[0] || a[1] - b[1];
    });
  }

  function near(pixels, other, width, height, tolerance) {
    var steps = offsets(tolerance);
    var hits = 0;
    pixels.list.forEach(function (pixel) {
      var x = Math.floor(pixel / height);
      var y = pixel - x * height;
      for (var s = 0; s < steps.length; s++) {
        var nx = x + steps[s][0];
        var ny = y + steps[s][1];
        if (nx >= 0 && nx < width && ny >= 0 && ny < height && other.set[nx * height + ny]) {
          hits += 1;
          return;
        }
      }
    });
    return hits;
  }

  /** [F, precision, recall] of the learner's boundary against the gold's (rle.boundary_f). */
  function boundaryF(first, second, width, height, tolerance) {
    if (!first.list.length && !second.list.length) return [1, 1, 1];
    if (!first.list.length || !second.list.length) return [0, 0, 0];
    var precision = near(first, second, width, height, tolerance) / first.list.length;
    var recall = near(second, first, width, height, tolerance) / second.list.length;
    if (precision + recall === 0) return [0, precision, recall];
    return [2 * precision * recall / (precision + recall), precision, recall];
  }

  function readMasks(raw, labels, width, height) {
    var masks = [];
    if (!Array.isArray(raw)) return masks;
    var seen = {};
    raw.slice(0, MAX_MASKS).forEach(function (item) {
      if (!grader.isObject(item)) return;
      var label = get(item, "label");
      if (typeof label !== "string" || labels.indexOf(label) === -1 || seen[label]) return;
      seen[label] = true;
      var counts = canonical(get(item, "counts"), width * height);
      if (counts !== null && counts.length > 1) masks.push({ label: label, size: [height, width], counts: counts });
    });
    return masks;
  }

  // Every measure of one grading asks for the same table: the latest is kept.
  var latest = { key: null, rows: null };

  /** Every class the gold or the learner has, in the order of the labels, measured. */
  function compare(task, response) {
    var width = task.image.width;
    var height = task.image.height;
    var gold = {};
    var drawn = {};
    task.gold.masks.forEach(function (mask) { gold[mask.label] = mask.counts; });
    response.masks.forEach(function (mask) { drawn[mask.label] = mask.counts; });
    var classes = task.labels.filter(function (label) { return gold[label] || drawn[label]; });
    var key = JSON.stringify([width, height, task.boundary_tolerance, classes.map(function (label) {
      return [label, gold[label] || [], drawn[label] || []];
    })]);
    if (latest.key === key) return latest.rows;
    var rows = classes.map(function (label) {
      var goldRuns = intervals(gold[label] || []);
      var drawnRuns = intervals(drawn[label] || []);
      var row = { label: label, gold: area(goldRuns), drawn: area(drawnRuns), iou: 0, f: 0, precision: 0, recall: 0 };
      if (goldRuns.length && drawnRuns.length) {
        row.iou = iou(drawnRuns, goldRuns);
        var result = boundaryF(boundary(drawnRuns, width, height), boundary(goldRuns, width, height),
          width, height, task.boundary_tolerance);
        row.f = result[0];
        row.precision = result[1];
        row.recall = result[2];
      }
      return row;
    });
    latest = { key: key, rows: rows };
    return rows;
  }

  function missed(rows) {
    return rows.filter(function (row) { return !row.drawn; }).length;
  }

  function oneSided(row, count, messages) {
    if (!row.drawn) return fill(message(messages, "note_masks_missed"), { label: row.label, count: count });
    if (!row.gold) return fill(message(messages, "note_masks_extra"), { label: row.label, pixels: row.drawn });
    return null;
  }

  function meanIou(task, response, messages) {
    var rows = compare(task, response);
    if (!rows.length) return [1, [message(messages, "note_masks_nothing")]];
    var total = 0;
    var notes = [];
    rows.forEach(function (row) {
      total += row.iou;
      notes.push(oneSided(row, missed(rows), messages) ||
        fill(message(messages, "note_masks_iou"), { label: row.label, iou: formatNumber(row.iou, 2) }));
    });
    return [total / rows.length, notes];
  }

  function worstIou(task, response, messages) {
    var rows = compare(task, response);
    if (!rows.length) return [1, [message(messages, "note_masks_nothing")]];
    var worst = rows[0];
    rows.forEach(function (row) { if (row.iou < worst.iou) worst = row; });
    return [worst.iou, [fill(message(messages, "note_masks_worst"), { label: worst.label, iou: formatNumber(worst.iou, 2) })]];
  }

  function boundaryScore(task, response, messages) {
    var rows = compare(task, response);
    if (!rows.length) return [1, [message(messages, "note_masks_nothing")]];
    var total = 0;
    var notes = [];
    var tolerance = formatNumber(task.boundary_tolerance, 1);
    rows.forEach(function (row) {
      total += row.f;
      notes.push(oneSided(row, missed(rows), messages) || fill(message(messages, "note_masks_boundary"), {
        label: row.label,
        f: formatNumber(row.f, 2),
        precision: formatNumber(row.precision, 2),
        recall: formatNumber(row.recall, 2),
        tolerance: tolerance
      }));
    });
    return [total / rows.length, notes];
  }

  grader.masks = {
    canonical: canonical,
    intervals: intervals,
    iou: iou,
    boundary: boundary,
    boundaryF: boundaryF
  };

  return grader.register("masks", {
    normalize: function (task, response) {
      return { masks: readMasks(get(response, "masks"), task.labels, task.image.width, task.image.height) };
    },
    // The empty list is the deliberate "nothing to paint"; no list is a blank.
    answered: function (task, canonicalResponse, response) {
      return grader.explicitList(response, "masks", canonicalResponse.masks);
    },
    measures: {
      mean_iou: meanIou,
      worst_iou: worstIou,
      boundary_f: boundaryScore
    }
  });
});
