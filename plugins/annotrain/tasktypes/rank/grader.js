/* annotrain grader for "rank" task types: mirrors tasktypes/rank/kind.py line for
 * line. Responses ordered best first: Kendall's tau, its [0, 1] similarity, share
 * of pairs agreeing, top match, exact order. Registers itself with grader.js
 * (loaded first). */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(require("../../browser/grader.js"));
  else factory(root.annotrain.grader);
})(this, function (grader) {
  "use strict";

  var get = grader.get;
  var fill = grader.fill;
  var message = grader.message;

  // {agreeing: number of pairs in gold's order, reversed: [[gold's higher, lower]]}.
  function pairs(task, response) {
    var gold = task.gold.order;
    var order = response.order;
    var agreeing = 0;
    var reversed = [];
    for (var i = 0; i < gold.length; i++) {
      for (var j = i + 1; j < gold.length; j++) {
        if (order.indexOf(gold[i]) < order.indexOf(gold[j])) agreeing += 1;
        else reversed.push([gold[i], gold[j]]);
      }
    }
    return { agreeing: agreeing, reversed: reversed };
  }

  function pairNotes(reversed, messages) {
    if (!reversed.length) return [message(messages, "note_rank_pairs_right")];
    return reversed.map(function (pair) {
      return fill(message(messages, "note_rank_pair"), { higher: pair[0], lower: pair[1], count: reversed.length });
    });
  }

  // [tau or null, notes]
  function tau(task, response, messages) {
    if (response.order === null) return [null, [message(messages, "note_rank_none")]];
    var p = pairs(task, response);
    var total = p.agreeing + p.reversed.length;
    return [(p.agreeing - p.reversed.length) / total, pairNotes(p.reversed, messages)];
  }

  function justification(task, canonical) {
    return task.justification !== "required" || canonical.justification.trim() !== "";
  }

  var rank = {
    normalize: function (task, response) {
      var wanted = task.responses.map(function (item) { return item.id; });
      var raw = get(response, "order");
      var complete = Array.isArray(raw) && raw.length === wanted.length &&
        wanted.every(function (id) { return raw.indexOf(id) !== -1; });
      var text = get(response, "justification");
      return { order: complete ? raw.slice() : null, justification: typeof text === "string" ? text : "" };
    },
    // A missing required justification is asked for before Check, not a blank.
    answered: function (task, canonical) { return canonical.order !== null; },
    incomplete: function (task, canonical) { return justification(task, canonical) ? null : "no_justification"; },
    measures: {
      kendall_tau: function (task, response, messages) {
        var r = tau(task, response, messages);
        return [r[0] === null ? -1 : r[0], r[1]];
      },
      tau_similarity: function (task, response, messages) {
        var r = tau(task, response, messages);
        return [r[0] === null ? 0 : (r[0] + 1) / 2, r[1]];
      },
      pairs_agreeing: function (task, response, messages) {
        if (response.order === null) return [0, [message(messages, "note_rank_none")]];
        var p = pairs(task, response);
        return [p.agreeing / (p.agreeing + p.reversed.length), pairNotes(p.reversed, messages)];
      },
      top_match: function (task, response, messages) {
        var order = response.order;
        if (order === null) return [0, [message(messages, "note_rank_none")]];
        var first = order[0], gold = task.gold.order[0];
        if (first === gold) return [1, [fill(message(messages, "note_rank_top_right"), { id: first })]];
        return [0, [fill(message(messages, "note_rank_top_wrong"), { id: first, gold: gold })]];
      },
      exact: function (task, response, messages) {
        if (response.order === null) return [0, [message(messages, "note_rank_none")]];
        // Two complete orders are the same when no pair is reversed.
        var reversed = pairs(task, response).reversed;
        return [reversed.length ? 0 : 1, pairNotes(reversed, messages)];
      }
    }
  };

  return grader.register("rank", rank);
});
