/* annotrain grader for "spans" task types: mirrors tasktypes/spans/kind.py line for
 * line. Entity spans in a passage: exact-match precision, recall and F1, boundary
 * and label accuracy. Offsets are Unicode code points, as Python's str indices:
 * the passage is split with Array.from, never indexed as UTF-16. Registers itself
 * with grader.js (loaded first); the spans widget uses its findings() too. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(require("../../browser/grader.js"));
  else factory(root.annotrain.grader);
})(this, function (grader) {
  "use strict";

  var get = grader.get;
  var fill = grader.fill;
  var message = grader.message;
  var formatList = grader.formatList;
  var SPACES = /[ \t\n\r\f\v\u00a0\u2028\u2029\u3000]+/g;
  var PUNCTUATION = ".,;:!?\u2026'\"\u2018\u2019\u201c\u201d\u00ab\u00bb()[]{}-\u2013\u2014/\u3001\u3002\uff0c\uff1a\uff1b\uff01\uff1f\u300c\u300d";
  var ALL_KINDS = ["correct", "boundary", "label", "both", "spurious"];

  function order(labels) {
    return function (a, b) {
      return a.start - b.start || a.end - b.end || labels.indexOf(a.label) - labels.indexOf(b.label);
    };
  }

  function whole(value) {
    return typeof value === "number" && isFinite(value) && Math.floor(value) === value ? value : null;
  }

  // The passage as code points (cached per task object: grading never changes it).
  var points = typeof WeakMap === "function" ? new WeakMap() : null;
  function chars(task) {
    var cached = points && points.get(task);
    if (!cached) {
      cached = Array.from(task.text);
      if (points) points.set(task, cached);
    }
    return cached;
  }

  function slice(task, start, end) {
    return chars(task).slice(start, end).join("");
  }

  function show(text) {
    return text.replace(SPACES, " ").replace(/^ | $/g, "");
  }

  function quote(task, start, end) {
    return formatList([show(slice(task, start, end))]);
  }

  function item(task, span, messages) {
    return fill(message(messages, "note_spans_item"), { text: show(slice(task, span.start, span.end)), label: span.label });
  }

  function size(a, b) {
    return Math.min(a.end, b.end) - Math.max(a.start, b.start);
  }

  // Lexicographic (same range, same label, overlap size); the first on a tie.
  function reference(span, gold) {
    var best = null, bestKey = null;
    gold.forEach(function (other, index) {
      var overlap = size(span, other);
      if (overlap <= 0) return;
      var key = [span.start === other.start && span.end === other.end ? 1 : 0, span.label === other.label ? 1 : 0, overlap];
      if (best === null || key[0] > bestKey[0] || (key[0] === bestKey[0] &&
          (key[1] > bestKey[1] || (key[1] === bestKey[1] && key[2] > bestKey[2])))) {
        best = index;
        bestKey = key;
      }
    });
    return best;
  }

  /** [{span, ref (gold index or null), kind}] per learner span of a canonical response. */
  function findings(task, response) {
    var gold = task.gold.spans;
    return response.spans.map(function (span) {
      var ref = reference(span, gold);
      var kind;
      if (ref === null) kind = "spurious";
      else {
        var other = gold[ref];
        var same = span.start === other.start && span.end === other.end;
        if (span.label === other.label) kind = same ? "correct" : "boundary";
        else kind = same ? "label" : "both";
      }
      return { span: span, ref: ref, kind: kind };
    });
  }

  function part(task, start, end, key, punctKey, messages) {
    var raw = slice(task, start, end);
    var text = show(raw) || raw;
    var punct = punctKey && Array.from(text).every(function (c) { return PUNCTUATION.indexOf(c) !== -1; });
    return fill(message(messages, punct ? punctKey : key), { part: text });
  }

  function boundaryDetails(task, span, ref, messages) {
    var details = [];
    if (span.start < ref.start) details.push(part(task, span.start, ref.start, "note_spans_extra_start", "note_spans_extra_start_punct", messages));
    else if (span.start > ref.start) details.push(part(task, ref.start, span.start, "note_spans_short_start", null, messages));
    if (span.end > ref.end) details.push(part(task, ref.end, span.end, "note_spans_extra_end", "note_spans_extra_end_punct", messages));
    else if (span.end < ref.end) details.push(part(task, span.end, ref.end, "note_spans_short_end", null, messages));
    return details.join("; ");
  }

  function errorNote(task, f, messages) {
    var span = f.span;
    var spanItem = item(task, span, messages);
    if (f.kind === "spurious") return fill(message(messages, "note_spans_spurious"), { span: spanItem });
    var gold = task.gold.spans[f.ref];
    if (f.kind === "label") {
      return fill(message(messages, "note_spans_label"), { text: quote(task, span.start, span.end), label: span.label, gold: gold.label });
    }
    if (f.kind === "boundary") {
      return fill(message(messages, "note_spans_boundary"), {
        span: spanItem, details: boundaryDetails(task, span, gold, messages), gold: quote(task, gold.start, gold.end)
      });
    }
    return fill(message(messages, "note_spans_both"), { span: spanItem, gold: item(task, gold, messages) });
  }

  function learnerNotes(task, found, messages, kinds) {
    if (!found.length) return [message(messages, "note_spans_none")];
    var correct = found.filter(function (f) { return f.kind === "correct"; })
      .map(function (f) { return item(task, f.span, messages); });
    var notes = [];
    if (correct.length && kinds.indexOf("correct") !== -1) notes.push(fill(message(messages, "note_spans_correct"), { items: correct.join(", ") }));
    found.forEach(function (f) {
      if (f.kind !== "correct" && kinds.indexOf(f.kind) !== -1) notes.push(errorNote(task, f, messages));
    });
    return notes;
  }

  function goldNotes(task, found, messages) {
    var gold = task.gold.spans;
    if (!gold.length) return [message(messages, "note_spans_gold_empty")];
    var exact = {}, referenced = {}, count = 0;
    found.forEach(function (f) {
      if (f.kind === "correct" && !exact[f.ref]) { exact[f.ref] = true; count++; }
      if (f.ref !== null) referenced[f.ref] = true;
    });
    var notes = [fill(message(messages, "note_spans_found"), { found: count, total: gold.length })];
    var inexact = [];
    var missed = gold.length - Object.keys(referenced).length;
    gold.forEach(function (span, index) {
      if (exact[index]) return;
      if (referenced[index]) inexact.push(item(task, span, messages));
      else notes.push(fill(message(messages, "note_spans_missed"), { span: item(task, span, messages), count: missed }));
    });
    if (inexact.length) notes.push(fill(message(messages, "note_spans_inexact"), { items: inexact.join(", "), count: inexact.length }));
    return notes;
  }

  function share(part, whole, gold) {
    if (whole === 0) return !gold.length ? 1 : 0;
    return part / whole;
  }

  function exactCount(found) {
    return found.filter(function (f) { return f.kind === "correct"; }).length;
  }

  function judgedNotes(task, found, judged, errors, messages, allRight, nothing) {
    if (!judged.length) {
      if (!task.gold.spans.length) return [message(messages, "note_spans_gold_empty")];
      return [!found.length ? message(messages, "note_spans_none") : message(messages, nothing)];
    }
    var notes = learnerNotes(task, found, messages, errors);
    return notes.length ? notes : [message(messages, allRight)];
  }

  var spans = {
    normalize: function (task, response) {
      var raw = get(response, "spans");
      if (!Array.isArray(raw)) return { spans: [] };
      var labels = task.labels, total = chars(task).length;
      var result = [], seen = {};
      raw.forEach(function (entry) {
        if (!grader.isObject(entry)) return;
        var start = whole(get(entry, "start")), end = whole(get(entry, "end")), label = get(entry, "label");
        if (start === null || end === null || typeof label !== "string" || labels.indexOf(label) === -1) return;
        var key = start + " " + end + " " + labels.indexOf(label);
        if (!(0 <= start && start < end && end <= total) || seen[key]) return;
        seen[key] = true;
        result.push({ start: start, end: end, label: label });
      });
      return { spans: result.sort(order(labels)) };
    },
    // No span at all is a real answer: a passage may have no entities.
    // The empty list is the deliberate "no entities in this text"; no list is a blank.
    answered: function (task, canonical, response) { return grader.explicitList(response, "spans", canonical.spans); },
    findings: findings,
    measures: {
      precision: function (task, response, messages) {
        var found = findings(task, response);
        var value = share(exactCount(found), found.length, task.gold.spans);
        return [value, learnerNotes(task, found, messages, ALL_KINDS)];
      },
      recall: function (task, response, messages) {
        var found = findings(task, response);
        var gold = task.gold.spans;
        var value = !gold.length ? 1 : exactCount(found) / gold.length;
        return [value, goldNotes(task, found, messages)];
      },
      f1: function (task, response, messages) {
        var found = findings(task, response);
        var total = found.length + task.gold.spans.length;
        var value = total === 0 ? 1 : 2 * exactCount(found) / total;
        return [value, learnerNotes(task, found, messages, ALL_KINDS).concat(goldNotes(task, found, messages))];
      },
      boundary_accuracy: function (task, response, messages) {
        var found = findings(task, response);
        var judged = found.filter(function (f) { return f.kind === "correct" || f.kind === "boundary"; });
        var value = share(exactCount(judged), judged.length, task.gold.spans);
        return [value, judgedNotes(task, found, judged, ["boundary"], messages,
          "note_spans_boundaries_right", "note_spans_no_same_label")];
      },
      label_accuracy: function (task, response, messages) {
        var found = findings(task, response);
        var judged = found.filter(function (f) { return f.kind !== "spurious"; });
        var right = judged.filter(function (f) { return f.kind === "correct" || f.kind === "boundary"; }).length;
        var value = share(right, judged.length, task.gold.spans);
        return [value, judgedNotes(task, found, judged, ["label", "both"], messages,
          "note_spans_labels_right", "note_spans_no_overlap")];
      }
    }
  };

  return grader.register("spans", spans);
});
