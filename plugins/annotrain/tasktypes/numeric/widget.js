/* annotrain widget "numeric": one text input (tasktypes/numeric/template.html).
 * Reads {"value": number|null}, parsing what was typed with grader.numbers.parse,
 * the same rule as the Python grader ("0,62"; "62 %" when the unit is %). Says so
 * when the text cannot be read (on leaving the field, or on Enter), and Enter checks
 * the exercise when it has a Check button. After a check it shows the answer next
 * to the input with an icon and words. Grading itself is grader.js's job. */
(function (annotrain) {
  "use strict";

  var tasks = new WeakMap(); // root -> task JSON, from mount

  function input(root) {
    return root.querySelector(".annotrain-numeric-input");
  }

  function unitOf(root) {
    var task = tasks.get(root);
    return task ? task.unit : null;
  }

  function read(root) {
    return annotrain.grader.numbers.parse(input(root).value, unitOf(root));
  }

  // Says whether the typed text can be read; true when it can (or is empty).
  function sayIfUnreadable(root, t) {
    var text = input(root).value;
    var problem = root.querySelector(".annotrain-numeric-problem");
    var readable = !text.trim() || read(root) !== null;
    problem.textContent = readable ? "" : t("numeric_unreadable", { text: text.trim().slice(0, 40) });
    if (readable) input(root).removeAttribute("aria-invalid");
    else input(root).setAttribute("aria-invalid", "true");
    return readable;
  }

  function withUnit(task, number, messages) {
    var grader = annotrain.grader;
    var text = grader.numbers.format(number);
    return task.unit ? grader.fill(grader.message(messages, "numeric_with_unit"), { number: text, unit: task.unit }) : text;
  }

  function clearMarks(root) {
    var field = input(root);
    field.removeAttribute("data-annotrain-mark");
    field.removeAttribute("aria-invalid");
    root.querySelector(".annotrain-numeric-problem").textContent = "";
    var slot = root.querySelector(".annotrain-numeric-mark");
    slot.textContent = "";
    slot.removeAttribute("data-annotrain-mark");
  }

  annotrain.widgets = annotrain.widgets || {};
  annotrain.widgets.numeric = {
    mount: function (root, task, ctx) {
      tasks.set(root, task);
      var field = input(root);
      field.addEventListener("input", function () {
        root.querySelector(".annotrain-numeric-problem").textContent = "";
        field.removeAttribute("aria-invalid");
      });
      field.addEventListener("change", function () { sayIfUnreadable(root, ctx.t); });
      field.addEventListener("keydown", function (event) {
        if (event.key !== "Enter" || event.isComposing) return;
        event.preventDefault();
        if (!sayIfUnreadable(root, ctx.t)) return;
        var check = root.querySelector('[data-annotrain-action="check"]');
        if (check && !check.hidden) check.click();
      });
    },
    getResponse: function (root) {
      return { value: read(root) };
    },
    setResponse: function (root, response) {
      var value = response && typeof response.value === "number" && isFinite(response.value) ? response.value : null;
      input(root).value = value === null ? "" : annotrain.grader.numbers.format(value, 17);
    },
    lock: function (root, locked) {
      input(root).readOnly = locked;
    },
    showResult: function (root, task, grade, response, messages) {
      if (!task.gold) return;
      var grader = annotrain.grader;
      var canonical = grader.normalize(task, response);
      var right = grader.types.numeric.measures.within_tolerance(task, canonical, messages)[0] === 1;
      var kind = right ? "right" : "wrong";
      input(root).setAttribute("data-annotrain-mark", kind);
      var slot = root.querySelector(".annotrain-numeric-mark");
      slot.setAttribute("data-annotrain-mark", kind);
      var key = right ? "numeric_mark_right" : "numeric_mark_wrong";
      annotrain.dom.mark(slot, right ? "\u2713" : "\u2717", grader.fill(grader.message(messages, key), {
        gold: withUnit(task, task.gold.value, messages)
      }));
    },
    clear: function (root) {
      input(root).value = "";
      clearMarks(root);
    },
    focus: function (root) {
      input(root).focus();
    }
  };
})(window.annotrain = window.annotrain || {});
