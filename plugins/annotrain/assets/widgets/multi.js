/* annotrain widget "multi": one checkbox per label (rendered by
 * templates/annotrain/types/multi.html). Reads and writes {"choices": [labels]}
 * and marks gold options and wrongly chosen ones after a check, with an icon and
 * words, never colour alone. Grading itself is grader.js's job. */
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

  function list(response) {
    return response && Array.isArray(response.choices) ? response.choices : [];
  }

  annotrain.widgets = annotrain.widgets || {};
  annotrain.widgets.multi = {
    getResponse: function (root) {
      var chosen = options(root).map(input).filter(function (el) { return el.checked; });
      return { choices: chosen.map(function (el) { return el.value; }) };
    },
    setResponse: function (root, response) {
      var choices = list(response);
      options(root).map(input).forEach(function (el) { el.checked = choices.indexOf(el.value) !== -1; });
    },
    lock: function (root, locked) {
      root.querySelector(".annotrain-options").disabled = locked;
    },
    showResult: function (root, task, grade, response, messages) {
      if (!task.gold) return;
      var chosen = list(response);
      options(root).forEach(function (option) {
        var value = input(option).value;
        if (task.gold.choices.indexOf(value) !== -1) {
          option.setAttribute("data-annotrain-mark", "gold");
          setMark(option, "\u2713", annotrain.grader.message(messages, "gold_answer"));
        } else if (chosen.indexOf(value) !== -1) {
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
