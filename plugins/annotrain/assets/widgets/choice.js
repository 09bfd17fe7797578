/* annotrain widget "choice": one radio button per label (rendered by
 * templates/annotrain/types/choice.html). Reads and writes {"choice": label|null}
 * and marks the learner's option and the gold option after a check, with an icon
 * and words, never colour alone. Grading itself is grader.js's job. */
(function (annotrain) {
  "use strict";

  function options(root) {
    return Array.prototype.slice.call(root.querySelectorAll(".annotrain-option"));
  }

  function input(option) {
    return option.querySelector("input");
  }

  function setMark(option, icon, text) {
    var mark = option.querySelector(".annotrain-mark");
    mark.textContent = "";
    if (!text) return;
    var glyph = document.createElement("span");
    glyph.className = "annotrain-mark-icon";
    glyph.textContent = icon;
    mark.appendChild(glyph);
    mark.appendChild(document.createTextNode(text));
  }

  function unmark(root) {
    options(root).forEach(function (option) {
      option.removeAttribute("data-annotrain-mark");
      setMark(option, "", "");
    });
  }

  annotrain.widgets = annotrain.widgets || {};
  annotrain.widgets.choice = {
    getResponse: function (root) {
      var chosen = options(root).map(input).filter(function (el) { return el.checked; })[0];
      return { choice: chosen ? chosen.value : null };
    },
    setResponse: function (root, response) {
      var choice = response && typeof response.choice === "string" ? response.choice : null;
      options(root).map(input).forEach(function (el) { el.checked = el.value === choice; });
    },
    lock: function (root, locked) {
      root.querySelector(".annotrain-options").disabled = locked;
    },
    showResult: function (root, task, grade, response, messages) {
      if (!task.gold) return;
      var chosen = response && response.choice;
      options(root).forEach(function (option) {
        var value = input(option).value;
        if (value === task.gold.choice) {
          option.setAttribute("data-annotrain-mark", "gold");
          setMark(option, "\u2713", annotrain.grader.message(messages, "gold_answer"));
        } else if (value === chosen) {
          option.setAttribute("data-annotrain-mark", "wrong");
          setMark(option, "\u2717", annotrain.grader.message(messages, "not_gold"));
        }
      });
    },
    clear: function (root) {
      options(root).map(input).forEach(function (el) { el.checked = false; });
      unmark(root);
    }
  };
})(window.annotrain = window.annotrain || {});
