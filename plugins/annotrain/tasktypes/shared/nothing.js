/* annotrain "nothing here" control (rendering/templates/annotrain/nothing.html): a
 * checkbox by which the learner answers that there is nothing to mark, for the
 * types whose right answer can be empty (multi, spans, bbox, polygon, segments,
 * transcript). The rule both graders apply (TaskType.answered): the type's empty
 * list, or empty text, is that deliberate answer, and a widget gives it only while
 * the box is ticked; with nothing marked and the box not ticked it gives null, a
 * blank, which scores 0. So an untouched task, or one whose marks were all taken
 * away again, is not silently answered "nothing". Marking something unticks the
 * box, and it cannot be ticked while anything is marked. */
(function (annotrain) {
  "use strict";

  function box(root) {
    return root.querySelector("[data-annotrain-nothing]");
  }

  annotrain.nothing = {
    /** {key: value} when something is marked (`some`) or the box is ticked, else null. */
    response: function (root, key, value, some) {
      var answer = {};
      answer[key] = value;
      return some || box(root).checked ? answer : null;
    },
    /** Tick the box exactly when `response` holds the empty answer under `key`. */
    set: function (root, response, key) {
      var value = annotrain.grader.get(response, key);
      box(root).checked = value !== null && !value.length;
    },
    /** After every change: something marked unticks the box and, like a lock,
     * disables it. Unticking changes the answer, so it reports a "change" (the
     * quiz runner saves answers on it) even where the mark did not, as typing. */
    sync: function (root, some, locked) {
      var input = box(root);
      input.disabled = Boolean(some || locked);
      if (some && input.checked) {
        input.checked = false;
        input.dispatchEvent(new Event("change", { bubbles: true }));
      }
    }
  };
})(window.annotrain = window.annotrain || {});
