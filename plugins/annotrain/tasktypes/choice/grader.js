/* annotrain grader for "choice" task types: mirrors tasktypes/choice/kind.py line for
 * line. One label; ordinal measures when labels form a scale. Registers itself with grader.js (loaded first). */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(require("../../browser/grader.js"));
  else factory(root.annotrain.grader);
})(this, function (grader) {
  "use strict";

  var get = grader.get;
  var fill = grader.fill;
  var message = grader.message;

  function choiceDistance(task, response) {
    var labels = task.labels;
    var span = labels.length - 1;
    if (response.choice === null) return { distance: null, span: span };
    var distance = Math.abs(labels.indexOf(response.choice) - labels.indexOf(task.gold.choice));
    return { distance: distance, span: span };
  }

  function distanceNotes(task, response, messages, distance, span) {
    if (distance === null) return [message(messages, "note_choice_none")];
    if (distance === 0) return [fill(message(messages, "note_choice_right"), { choice: response.choice })];
    return [fill(message(messages, "note_choice_distance"), {
      choice: response.choice, gold: task.gold.choice, distance: distance, span: span
    })];
  }

  var choice = {
    normalize: function (task, response) {
      var chosen = get(response, "choice");
      return { choice: task.labels.indexOf(chosen) !== -1 ? chosen : null };
    },
    answered: function (task, canonical) { return canonical.choice !== null; },
    measures: {
      correct: function (task, response, messages) {
        var chosen = response.choice, gold = task.gold.choice;
        if (chosen === null) return [0, [message(messages, "note_choice_none")]];
        if (chosen === gold) return [1, [fill(message(messages, "note_choice_right"), { choice: chosen })]];
        return [0, [fill(message(messages, "note_choice_wrong"), { choice: chosen, gold: gold })]];
      },
      ordinal_similarity: function (task, response, messages) {
        var d = choiceDistance(task, response);
        var value = d.distance === null ? 0 : 1 - d.distance / d.span;
        return [value, distanceNotes(task, response, messages, d.distance, d.span)];
      },
      ordinal_distance: function (task, response, messages) {
        var d = choiceDistance(task, response);
        var value = d.distance === null ? d.span : d.distance;
        return [value, distanceNotes(task, response, messages, d.distance, d.span)];
      }
    }
  };


  return grader.register("choice", choice);
});
