/* annotrain widget "pairwise": the two responses, one radio button per verdict
 * ("A is better", "B is better", and "They are equally good" where ties are
 * allowed) and the justification box. Reads and writes {"choice": id|"tie"|null,
 * "justification": text}; after a check marks the gold verdict and a wrong one
 * (see options.js). Grading itself is grader.js's job. */
(function (annotrain) {
  "use strict";

  var options = annotrain.options;
  var justification = annotrain.justification;

  annotrain.widgets = annotrain.widgets || {};
  annotrain.widgets.pairwise = {
    getResponse: function (root) {
      var chosen = options.checkedValues(root);
      return justification.read(root, { choice: chosen.length ? chosen[0] : null });
    },
    setResponse: function (root, response) {
      var choice = response && typeof response.choice === "string" ? response.choice : null;
      options.setChecked(root, choice === null ? [] : [choice]);
      justification.write(root, response);
    },
    lock: function (root, locked) {
      options.lock(root, locked);
      justification.lock(root, locked);
    },
    showResult: function (root, task, grade, response, messages) {
      if (!task.gold) return;
      var chosen = response && response.choice;
      options.markAll(root, function (value) {
        if (value === task.gold.choice) return "gold";
        return value === chosen ? "wrong" : null;
      }, messages);
    },
    clear: function (root) {
      options.clear(root);
      justification.write(root, null);
    }
  };
})(window.annotrain = window.annotrain || {});
