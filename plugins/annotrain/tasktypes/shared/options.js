/* annotrain option lists: what the "choice" and "multi" widgets share. Both render
 * one native input per label (tasktypes/choice/template.html, multi.html);
 * this file reads, writes, locks and marks those inputs. Marks after a check carry
 * an icon and words inside the option's label, so screen readers hear them with the
 * option and colour is never the only signal. */
(function (annotrain) {
  "use strict";

  function options(root) {
    return Array.prototype.slice.call(root.querySelectorAll(".annotrain-option"));
  }

  function inputs(root) {
    return options(root).map(function (option) { return option.querySelector("input"); });
  }

  function checkedValues(root) {
    return inputs(root).filter(function (el) { return el.checked; }).map(function (el) { return el.value; });
  }

  function setChecked(root, values) {
    inputs(root).forEach(function (el) { el.checked = values.indexOf(el.value) !== -1; });
  }

  function lock(root, locked) {
    root.querySelector(".annotrain-options").disabled = locked;
  }

  // kind: "gold", "missed" or "wrong"; the catalog gives the words.
  var MARKS = {
    gold: { icon: "\u2713", key: "gold_answer" },
    missed: { icon: "\u2713", key: "gold_missed" },
    wrong: { icon: "\u2717", key: "not_gold" }
  };

  function mark(option, kind, messages) {
    var spec = MARKS[kind];
    option.setAttribute("data-annotrain-mark", kind);
    annotrain.dom.mark(option.querySelector(".annotrain-mark"), spec.icon, annotrain.grader.message(messages, spec.key));
  }

  /** Mark every option by `kindOf(value)` (a MARKS kind, or null for no mark). */
  function markAll(root, kindOf, messages) {
    options(root).forEach(function (option) {
      var kind = kindOf(option.querySelector("input").value);
      if (kind) mark(option, kind, messages);
    });
  }

  // --- one choice among the options (choice, pairwise): {"choice": value|null} ---

  function chosen(root) {
    var values = checkedValues(root);
    return values.length ? values[0] : null;
  }

  function setChosen(root, response) {
    var choice = response && typeof response.choice === "string" ? response.choice : null;
    setChecked(root, choice === null ? [] : [choice]);
  }

  /** Mark the gold option, and the learner's when it is another. */
  function markChosen(root, task, response, messages) {
    if (!task.gold) return;
    var choice = response && response.choice;
    markAll(root, function (value) {
      if (value === task.gold.choice) return "gold";
      return value === choice ? "wrong" : null;
    }, messages);
  }

  function clear(root) {
    setChecked(root, []);
    options(root).forEach(function (option) {
      option.removeAttribute("data-annotrain-mark");
      option.querySelector(".annotrain-mark").textContent = "";
    });
  }

  annotrain.options = {
    checkedValues: checkedValues,
    setChecked: setChecked,
    lock: lock,
    markAll: markAll,
    chosen: chosen,
    setChosen: setChosen,
    markChosen: markChosen,
    clear: clear
  };
})(window.annotrain = window.annotrain || {});
