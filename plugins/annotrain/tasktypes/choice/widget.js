/* annotrain widget "choice": one radio button per label. Reads and writes
 * {"choice": label|null}; after a check marks the gold option and a wrong choice
 * (see options.js). Grading itself is grader.js's job. */
(function (annotrain) {
  "use strict";

  var options = annotrain.options;

  annotrain.widgets = annotrain.widgets || {};
  annotrain.widgets.choice = {
    getResponse: function (root) {
      var chosen = options.checkedValues(root);
      return { choice: chosen.length ? chosen[0] : null };
    },
    setResponse: function (root, response) {
      var choice = response && typeof response.choice === "string" ? response.choice : null;
      options.setChecked(root, choice === null ? [] : [choice]);
    },
    lock: options.lock,
    showResult: function (root, task, grade, response, messages) {
      if (!task.gold) return;
      var chosen = response && response.choice;
      options.markAll(root, function (value) {
        if (value === task.gold.choice) return "gold";
        return value === chosen ? "wrong" : null;
      }, messages);
    },
    clear: options.clear
  };
})(window.annotrain = window.annotrain || {});
