/* annotrain grader for "pairwise" task types: mirrors tasktypes/pairwise/kind.py line
 * for line. The better of two responses, or "tie" where allowed: preference.
 * Registers itself with grader.js (loaded first). */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(require("../../browser/grader.js"));
  else factory(root.annotrain.grader);
})(this, function (grader) {
  "use strict";

  var get = grader.get;
  var fill = grader.fill;
  var message = grader.message;
  var TIE = "tie";

  function choices(task) {
    var ids = task.responses.map(function (item) { return item.id; });
    return task.allow_tie ? ids.concat([TIE]) : ids;
  }

  function justification(task, canonical) {
    return task.justification !== "required" || canonical.justification.trim() !== "";
  }

  var pairwise = {
    normalize: function (task, response) {
      var choice = get(response, "choice");
      var text = get(response, "justification");
      return {
        choice: choices(task).indexOf(choice) !== -1 ? choice : null,
        justification: typeof text === "string" ? text : ""
      };
    },
    // A missing required justification is asked for before Check, not a blank.
    answered: function (task, canonical) { return canonical.choice !== null; },
    incomplete: function (task, canonical) { return justification(task, canonical) ? null : "no_justification"; },
    measures: {
      preference: function (task, response, messages) {
        var choice = response.choice, gold = task.gold.choice;
        if (choice === null) return [0, [message(messages, "note_pairwise_none")]];
        if (choice === gold) {
          if (gold === TIE) return [1, [message(messages, "note_pairwise_tie_right")]];
          return [1, [fill(message(messages, "note_pairwise_right"), { choice: choice })]];
        }
        if (choice === TIE) return [0.5, [fill(message(messages, "note_pairwise_tie_wrong"), { gold: gold })]];
        if (gold === TIE) return [0.5, [fill(message(messages, "note_pairwise_not_tie"), { choice: choice })]];
        return [0, [fill(message(messages, "note_pairwise_wrong"), { choice: choice, gold: gold })]];
      }
    }
  };

  return grader.register("pairwise", pairwise);
});
