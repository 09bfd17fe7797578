/* annotrain widget "multi": one checkbox per label. Reads and writes
 * {"choices": [labels]}; after a check marks gold options (found or missed) and
 * wrongly chosen ones (see options.js). Grading itself is grader.js's job. */
(function (annotrain) {
  "use strict";

  var options = annotrain.options;

  function list(response) {
    return response && Array.isArray(response.choices) ? response.choices : [];
  }

  annotrain.widgets = annotrain.widgets || {};
  annotrain.widgets.multi = {
    getResponse: function (root) {
      return { choices: options.checkedValues(root) };
    },
    setResponse: function (root, response) {
      options.setChecked(root, list(response));
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
    clear: options.clear
  };
})(window.annotrain = window.annotrain || {});
