/* annotrain justification box: what the "rank" and "pairwise" widgets share. The
 * box (rendering/templates/annotrain/justification.html) exists when the task's
 * justification is optional or required; its text goes into the response as
 * "justification" and is never graded. */
(function (annotrain) {
  "use strict";

  function box(root) {
    return root.querySelector(".annotrain-justification-text");
  }

  annotrain.justification = {
    /** Add the box's text to `response` (when the task has a box); returns it. */
    read: function (root, response) {
      var el = box(root);
      if (el) response.justification = el.value;
      return response;
    },
    write: function (root, response) {
      var el = box(root);
      var text = response && typeof response.justification === "string" ? response.justification : "";
      if (el) el.value = text;
    },
    // Read-only rather than disabled: the text stays readable and focusable.
    lock: function (root, locked) {
      var el = box(root);
      if (el) el.readOnly = locked;
    }
  };
})(window.annotrain = window.annotrain || {});
