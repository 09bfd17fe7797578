/* annotrain widget "choice": one radio button per label. Reads and writes
 * {"choice": label|null}; after a check marks the gold option and a wrong choice
 * (see options.js). Grading itself is grader.js's job. */
(function (annotrain) {
  "use strict";

  var options = annotrain.options;

  annotrain.widgets = annotrain.widgets || {};
  annotrain.widgets.choice = {
    getResponse: function (root) {
      return { choice: options.chosen(root) };
    },
    setResponse: options.setChosen,
    lock: options.lock,
    showResult: function (root, task, grade, response, messages) {
      options.markChosen(root, task, response, messages);
    },
    clear: options.clear
  };
})(window.annotrain = window.annotrain || {});
