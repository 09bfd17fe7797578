/* annotrain grader for "transcript" tasks: mirrors tasktypes/transcript/kind.py line
 * for line. WER and CER after the task's normalisation rules, over words and
 * Unicode code points (Array.from, never UTF-16 units); the word alignment (same
 * backtrace tie-break as Python) is exported for the widget. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(require("../../browser/grader.js"));
  else factory(root.annotrain.grader);
})(this, function (grader) {
  "use strict";

  var fill = grader.fill;
  var message = grader.message;
  var formatList = grader.formatList;

  var MAX_CHARS = 5000;
  var WHITESPACE = /[\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+/g;
  var PUNCTUATION = /\p{P}/gu;
  var MAX_NOTES = 6;
  var MAX_QUOTED = 8;

  function normalized(text, rules) {
    text = text.normalize("NFC");
    if (rules["case"] === "ignore") text = text.toLowerCase();
    if (rules.punctuation === "ignore") text = text.replace(PUNCTUATION, "");
    return text.replace(WHITESPACE, " ").replace(/^ +| +$/g, "");
  }

  function words(text) {
    return text ? text.split(" ") : [];
  }

  /** Edit operations turning ref into hyp: [op, ref token, hyp token]. */
  function align(ref, hyp) {
    var n = ref.length, m = hyp.length, i, j;
    var d = [];
    for (i = 0; i <= n; i++) { d.push(new Array(m + 1)); d[i][0] = i; }
    for (j = 0; j <= m; j++) d[0][j] = j;
    for (i = 1; i <= n; i++) {
      for (j = 1; j <= m; j++) {
        var cost = ref[i - 1] === hyp[j - 1] ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j - 1] + cost, d[i - 1][j] + 1, d[i][j - 1] + 1);
      }
    }
    var ops = [];
    i = n; j = m;
    while (i > 0 || j > 0) {
      if (i > 0 && j > 0 && d[i][j] === d[i - 1][j - 1] + (ref[i - 1] === hyp[j - 1] ? 0 : 1)) {
        ops.push([ref[i - 1] === hyp[j - 1] ? "ok" : "sub", ref[i - 1], hyp[j - 1]]);
        i -= 1; j -= 1;
      } else if (i > 0 && d[i][j] === d[i - 1][j] + 1) {
        ops.push(["del", ref[i - 1], null]);
        i -= 1;
      } else {
        ops.push(["ins", null, hyp[j - 1]]);
        j -= 1;
      }
    }
    return ops.reverse();
  }

  function distance(ref, hyp) {
    var previous = [], j;
    for (j = 0; j <= hyp.length; j++) previous.push(j);
    for (var i = 1; i <= ref.length; i++) {
      var row = [i];
      for (j = 1; j <= hyp.length; j++) {
        var cost = ref[i - 1] === hyp[j - 1] ? 0 : 1;
        row.push(Math.min(previous[j - 1] + cost, previous[j] + 1, row[j - 1] + 1));
      }
      previous = row;
    }
    return previous[previous.length - 1];
  }

  function texts(task, response) {
    var rules = task.normalize;
    return [normalized(task.gold.text, rules), normalized(response.text, rules)];
  }

  function quote(tokens) {
    var text = tokens.slice(0, MAX_QUOTED).join(" ");
    return formatList([tokens.length > MAX_QUOTED ? text + " \u2026" : text]);
  }

  // One note per run of consecutive differences: missing, extra or heard-as.
  function differences(ops, messages) {
    var notes = [], ref = [], hyp = [];
    ops.concat([["ok", null, null]]).forEach(function (o) {
      if (o[0] !== "ok") {
        if (o[1] !== null) ref.push(o[1]);
        if (o[2] !== null) hyp.push(o[2]);
        return;
      }
      if (!ref.length && !hyp.length) return;
      if (!hyp.length) notes.push(fill(message(messages, "note_transcript_missing"), { words: quote(ref) }));
      else if (!ref.length) notes.push(fill(message(messages, "note_transcript_extra"), { words: quote(hyp) }));
      else notes.push(fill(message(messages, "note_transcript_heard"), { typed: quote(hyp), gold: quote(ref) }));
      ref = [];
      hyp = [];
    });
    if (notes.length > MAX_NOTES) {
      var more = notes.length - MAX_NOTES;
      notes = notes.slice(0, MAX_NOTES).concat([fill(message(messages, "note_transcript_more"), { count: more })]);
    }
    return notes;
  }

  function wordResult(task, response, messages) {
    var both = texts(task, response);
    var ref = words(both[0]), hyp = words(both[1]);
    var ops = align(ref, hyp);
    var counts = { sub: 0, del: 0, ins: 0 };
    ops.forEach(function (o) { if (o[0] !== "ok") counts[o[0]] += 1; });
    var errors = counts.sub + counts.del + counts.ins;
    var value = errors / Math.max(ref.length, 1);
    if (!hyp.length && ref.length) return [value, [message(messages, "note_transcript_empty")]];
    if (errors === 0) return [value, [message(messages, "note_transcript_exact")]];
    var notes = [fill(message(messages, "note_transcript_counts"), {
      errors: errors, words: ref.length, substituted: counts.sub, missing: counts.del, extra: counts.ins
    })];
    if (value > 1) notes.push(message(messages, "note_transcript_over_one"));
    return [value, notes.concat(differences(ops, messages))];
  }

  var transcript = {
    normalized: normalized,
    words: words,
    align: align,
    distance: distance,
    normalize: function (task, response) {
      var text = grader.get(response, "text");
      return { text: typeof text === "string" ? Array.from(text).slice(0, MAX_CHARS).join("") : "" };
    },
    // Any text is an answer; the empty text is the deliberate "no speech in this clip".
    answered: function (task, canonical, response) { return typeof grader.get(response, "text") === "string"; },
    // What an unanswered response lacks (a catalog key).
    missing: function () { return "no_transcript"; },
    measures: {
      wer: wordResult,
      cer: function (task, response, messages) {
        var both = texts(task, response);
        var ref = Array.from(both[0]), hyp = Array.from(both[1]);
        var edits = distance(ref, hyp);
        var value = edits / Math.max(ref.length, 1);
        if (!hyp.length && ref.length) return [value, [message(messages, "note_transcript_empty")]];
        return [value, [fill(message(messages, "note_transcript_chars"), { edits: edits, chars: ref.length })]];
      },
      accuracy: function (task, response, messages) {
        var result = wordResult(task, response, messages);
        return [Math.max(0, 1 - result[0]), result[1]];
      }
    }
  };

  return grader.register("transcript", transcript);
});
