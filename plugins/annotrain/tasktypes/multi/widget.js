/* annotrain widget "multi": one checkbox per label, and "None of these apply".
 * Reads and writes {"choices": [labels]}: the empty list only while "None of
 * these apply" is ticked, null while nothing is (a blank). After a check marks
 * gold options (found or missed) and wrongly chosen ones (see options.js).
 * Grading itself is grader.js's job. */
(function (annotrain) {
  "use strict";

  var options = annotrain.options;
  var nothing = annotrain.nothing;

  function list(response) {
    return response && Array.isArray(response.choices) ? response.choices : [];
  }

  annotrain.widgets = annotrain.widgets || {};
  annotrain.widgets.multi = {
    // "None of these apply" and the labels exclude each other, as GOV.UK's exclusive
    // checkbox does: ticking one side unticks the other (shared/nothing.js).
    mount: function (root) {
      root.addEventListener("change", function (event) {
        var input = event.target;
        if (!input.checked) return;
        if (input.hasAttribute("data-annotrain-nothing")) options.setChecked(root, []);
        else nothing.set(root, null, "choices");
      });
    },
    getResponse: function (root) {
      var chosen = options.checkedValues(root);
      return nothing.response(root, "choices", chosen, chosen.length);
    },
    setResponse: function (root, response) {
      options.setChecked(root, list(response));
      nothing.set(root, response, "choices");
    },
    lock: options.lock,
    showResult: function (root, task, grade, response, messages) {
      if (!task.gold) return;
      var chosen = list(response);
      options.markAll(root, function (value) {
        var isGold = task.gold.choices.indexOf(value) !== -1;
        var isChosen = chosen.indexOf(value) !== -1;
        if (isGold) return isChosen ? "gold" : "missed";
        return isChosen ? "wrong" : null;
      }, messages);
    },
    clear: function (root) {
      options.clear(root);
      nothing.set(root, null, "choices");
    }
  };
})(window.annotrain = window.annotrain || {});
