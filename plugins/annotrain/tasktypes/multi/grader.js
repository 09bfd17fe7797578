/* annotrain grader for "multi" task types: mirrors tasktypes/multi/kind.py line for
 * line. A set of labels: precision, recall, Jaccard, F1, exact. Registers itself with grader.js (loaded first). */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(require("../../browser/grader.js"));
  else factory(root.annotrain.grader);
})(this, function (grader) {
  "use strict";

  var get = grader.get;
  var fill = grader.fill;
  var message = grader.message;
  var formatList = grader.formatList;

  // (chosen, gold, both) in label order, so notes read the same everywhere.
  function sets(task, response) {
    var labels = task.labels;
    var chosen = labels.filter(function (l) { return response.choices.indexOf(l) !== -1; });
    var gold = labels.filter(function (l) { return task.gold.choices.indexOf(l) !== -1; });
    var both = chosen.filter(function (l) { return gold.indexOf(l) !== -1; });
    return { chosen: chosen, gold: gold, both: both };
  }

  function extraNotes(s, messages) {
    if (!s.chosen.length) return [message(messages, "note_multi_none")];
    var extra = s.chosen.filter(function (l) { return s.gold.indexOf(l) === -1; });
    if (extra.length) return [fill(message(messages, "note_multi_extra"), { items: formatList(extra), count: extra.length })];
    return [message(messages, "note_multi_all_right")];
  }

  function missedNotes(s, messages) {
    var missed = s.gold.filter(function (l) { return s.chosen.indexOf(l) === -1; });
    if (missed.length) return [fill(message(messages, "note_multi_missed"), { items: formatList(missed), count: missed.length })];
    return [message(messages, "note_multi_all_found")];
  }

  function bothNotes(s, messages) {
    return extraNotes(s, messages).concat(missedNotes(s, messages));
  }

  var multi = {
    normalize: function (task, response) {
      var raw = get(response, "choices");
      if (!Array.isArray(raw)) return { choices: [] };
      return { choices: task.labels.filter(function (l) { return raw.indexOf(l) !== -1; }) };
    },
    // The empty list is the deliberate "none of these apply"; no list is a blank.
    answered: function (task, canonical, response) {
      return grader.explicitList(response, "choices", canonical.choices);
    },
    measures: {
      precision: function (task, response, messages) {
        var s = sets(task, response);
        var value = !s.chosen.length ? (!s.gold.length ? 1 : 0) : s.both.length / s.chosen.length;
        return [value, extraNotes(s, messages)];
      },
      recall: function (task, response, messages) {
        var s = sets(task, response);
        var value = !s.gold.length ? 1 : s.both.length / s.gold.length;
        return [value, missedNotes(s, messages)];
      },
      jaccard: function (task, response, messages) {
        var s = sets(task, response);
        var union = s.chosen.length + s.gold.length - s.both.length;
        return [union === 0 ? 1 : s.both.length / union, bothNotes(s, messages)];
      },
      f1: function (task, response, messages) {
        var s = sets(task, response);
        var total = s.chosen.length + s.gold.length;
        return [total === 0 ? 1 : 2 * s.both.length / total, bothNotes(s, messages)];
      },
      exact: function (task, response, messages) {
        var s = sets(task, response);
        var same = s.chosen.length === s.gold.length && s.chosen.every(function (l, i) { return l === s.gold[i]; });
        return [same ? 1 : 0, bothNotes(s, messages)];
      }
    }
  };


  return grader.register("multi", multi);
});
