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
      return justification.read(root, { choice: options.chosen(root) });
    },
    setResponse: function (root, response) {
      options.setChosen(root, response);
      justification.write(root, response);
    },
    lock: function (root, locked) {
      options.lock(root, locked);
      justification.lock(root, locked);
    },
    showResult: function (root, task, grade, response, messages) {
      options.markChosen(root, task, response, messages);
    },
    clear: function (root) {
      options.clear(root);
      justification.write(root, null);
    }
  };
})(window.annotrain = window.annotrain || {});
