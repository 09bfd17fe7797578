/* annotrain grader for "numeric" task types: mirrors tasktypes/numeric/kind.py line for
 * line. A typed number graded within an absolute or relative tolerance. Registers
 * itself with grader.js (loaded first), after numbers.js. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) {
    module.exports = factory(require("../../browser/grader.js"), require("../shared/numbers.js"));
  } else factory(root.annotrain.grader, root.annotrain.grader.numbers);
})(this, function (grader, numbers) {
  "use strict";

  var get = grader.get;
  var fill = grader.fill;
  var message = grader.message;
  var MAX = Number.MAX_VALUE;
  var SLACK = 1e-9;

  /** A response's value as a finite number, or null (see numeric.py). */
  function readValue(value, unit) {
    if (typeof value === "number") return isFinite(value) ? value : null;
    if (typeof value === "string") return numbers.parse(value, unit);
    return null;
  }

  function withUnit(task, number, messages) {
    var text = numbers.format(number);
    var unit = task.unit;
    return unit ? fill(message(messages, "numeric_with_unit"), { number: text, unit: unit }) : text;
  }

  function allowed(task, messages) {
    var tolerance = task.tolerance;
    var parts = [];
    if (tolerance.absolute !== null) {
      var amount = withUnit(task, tolerance.absolute, messages);
      parts.push(fill(message(messages, "numeric_allowed_absolute"), { amount: amount }));
    }
    if (tolerance.relative !== null) {
      var percent = numbers.format(tolerance.relative, undefined, 2);
      parts.push(fill(message(messages, "numeric_allowed_relative"), { percent: percent }));
    }
    if (parts.length === 2) {
      return fill(message(messages, "numeric_allowed_either"), { absolute: parts[0], relative: parts[1] });
    }
    return parts[0];
  }

  function absError(task, value) {
    if (value === null) return MAX;
    return Math.min(Math.abs(value - task.gold.value), MAX);
  }

  function within(task, value) {
    if (value === null) return false;
    var gold = task.gold.value;
    var error = absError(task, value);
    var slack = SLACK * Math.max(1, Math.abs(gold));
    var tolerance = task.tolerance;
    var absolute = tolerance.absolute, relative = tolerance.relative;
    if (absolute !== null && error <= absolute + slack) return true;
    return relative !== null && error <= relative * Math.abs(gold) + slack;
  }

  var numeric = {
    readValue: readValue,
    normalize: function (task, response) {
      return { value: readValue(get(response, "value"), task.unit) };
    },
    answered: function (task, canonical) { return canonical.value !== null; },
    // What an unanswered response lacks (a catalog key).
    missing: function () { return "no_number"; },
    measures: {
      within_tolerance: function (task, response, messages) {
        var value = response.value;
        if (value === null) return [0, [message(messages, "note_numeric_none")]];
        var params = {
          value: withUnit(task, value, messages),
          gold: withUnit(task, task.gold.value, messages),
          allowed: allowed(task, messages)
        };
        if (value === task.gold.value) return [1, [fill(message(messages, "note_numeric_exact"), params)]];
        if (within(task, value)) return [1, [fill(message(messages, "note_numeric_within"), params)]];
        return [0, [fill(message(messages, "note_numeric_outside"), params)]];
      },
      abs_error: function (task, response, messages) {
        var value = response.value;
        var error = absError(task, value);
        if (value === null) return [error, [message(messages, "note_numeric_none")]];
        if (error === 0) return [error, [message(messages, "note_numeric_no_error")]];
        return [error, [fill(message(messages, "note_numeric_abs_error"), { error: withUnit(task, error, messages) })]];
      },
      rel_error: function (task, response, messages) {
        var value = response.value;
        if (value === null) return [MAX, [message(messages, "note_numeric_none")]];
        var gold = task.gold.value;
        if (gold === 0) {
          if (value === 0) return [0, [message(messages, "note_numeric_no_error")]];
          return [MAX, [message(messages, "note_numeric_rel_undefined")]];
        }
        var error = Math.min(Math.abs(value - gold) / Math.abs(gold), MAX);
        if (error === 0) return [error, [message(messages, "note_numeric_no_error")]];
        var percent = numbers.format(error, 3, 2);
        return [error, [fill(message(messages, "note_numeric_rel_error"), { percent: percent })]];
      }
    }
  };

  return grader.register("numeric", numeric);
});
