/* annotrain grader: grades a response against its task's rubric. Pure: no DOM,
 * no globals read, inputs never modified, never throws on a malformed response.
 *
 * Mirrors plugins/annotrain/grading.py, tasktypes/*.py and messages.py line for
 * line (same float operations in the same order), so the browser and Python give
 * the same grade; both run the shared vectors in tests/vectors. Classic script
 * (works from file://) that Node can also require.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else {
    root.annotrain = root.annotrain || {};
    root.annotrain.grader = factory();
  }
})(this, function () {
  "use strict";

  // Float slack for the pass mark, so 0.8 computed as 0.7999999999 still passes.
  var EPSILON = 1e-9;
  var PLACEHOLDER = /\{([a-zA-Z_][a-zA-Z0-9_]*)\}/g;
  var has = Object.prototype.hasOwnProperty;

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  // Python's dict.get: own keys only, so "constructor" and friends never leak in.
  function get(object, key) {
    return isObject(object) && has.call(object, key) ? object[key] : null;
  }

  /** Replace {name} with params[name]; unknown placeholders stay as written. */
  function fill(template, params) {
    return String(template).replace(PLACEHOLDER, function (match, key) {
      return params && has.call(params, key) ? String(params[key]) : match;
    });
  }

  /** Join quoted items: “A”, “B”. */
  function formatList(items) {
    return items.map(function (item) { return "\u201c" + item + "\u201d"; }).join(", ");
  }

  /** messages[key], or the key itself: Python would raise KeyError, but a
   * learner must never see an exception. */
  function message(messages, key) {
    var text = get(messages, key);
    return typeof text === "string" ? text : key;
  }

  // --- choice: see tasktypes/choice.py ----------------------------------------

  function choiceDistance(task, response) {
    var labels = task.labels;
    var span = labels.length - 1;
    if (response.choice === null) return { distance: null, span: span };
    var distance = Math.abs(labels.indexOf(response.choice) - labels.indexOf(task.gold.choice));
    return { distance: distance, span: span };
  }

  function distanceNotes(task, response, messages, distance, span) {
    if (distance === null) return [message(messages, "note_choice_none")];
    if (distance === 0) return [fill(message(messages, "note_choice_right"), { choice: response.choice })];
    return [fill(message(messages, "note_choice_distance"), {
      choice: response.choice, gold: task.gold.choice, distance: distance, span: span
    })];
  }

  var choice = {
    normalize: function (task, response) {
      var chosen = get(response, "choice");
      return { choice: task.labels.indexOf(chosen) !== -1 ? chosen : null };
    },
    answered: function (task, canonical) { return canonical.choice !== null; },
    measures: {
      correct: function (task, response, messages) {
        var chosen = response.choice, gold = task.gold.choice;
        if (chosen === null) return [0, [message(messages, "note_choice_none")]];
        if (chosen === gold) return [1, [fill(message(messages, "note_choice_right"), { choice: chosen })]];
        return [0, [fill(message(messages, "note_choice_wrong"), { choice: chosen, gold: gold })]];
      },
      ordinal_similarity: function (task, response, messages) {
        var d = choiceDistance(task, response);
        var value = d.distance === null ? 0 : 1 - d.distance / d.span;
        return [value, distanceNotes(task, response, messages, d.distance, d.span)];
      },
      ordinal_distance: function (task, response, messages) {
        var d = choiceDistance(task, response);
        var value = d.distance === null ? d.span : d.distance;
        return [value, distanceNotes(task, response, messages, d.distance, d.span)];
      }
    }
  };

  // --- multi: see tasktypes/multi.py ------------------------------------------

  // (chosen, gold, both) in label order, so notes read the same everywhere.
  function sets(task, response) {
    var labels = task.labels;
    var chosen = labels.filter(function (l) { return response.choices.indexOf(l) !== -1; });
    var gold = labels.filter(function (l) { return task.gold.choices.indexOf(l) !== -1; });
    var both = chosen.filter(function (l) { return gold.indexOf(l) !== -1; });
    return { chosen: chosen, gold: gold, both: both };
  }

  function extraNotes(s, messages) {
    if (!s.chosen.length) return [message(messages, "note_multi_none")];
    var extra = s.chosen.filter(function (l) { return s.gold.indexOf(l) === -1; });
    if (extra.length) return [fill(message(messages, "note_multi_extra"), { items: formatList(extra) })];
    return [message(messages, "note_multi_all_right")];
  }

  function missedNotes(s, messages) {
    var missed = s.gold.filter(function (l) { return s.chosen.indexOf(l) === -1; });
    if (missed.length) return [fill(message(messages, "note_multi_missed"), { items: formatList(missed) })];
    return [message(messages, "note_multi_all_found")];
  }

  function bothNotes(s, messages) {
    return extraNotes(s, messages).concat(missedNotes(s, messages));
  }

  var multi = {
    normalize: function (task, response) {
      var raw = get(response, "choices");
      if (!Array.isArray(raw)) return { choices: [] };
      return { choices: task.labels.filter(function (l) { return raw.indexOf(l) !== -1; }) };
    },
    // An empty set is a real answer ("none of these apply"): gold may be empty.
    answered: function () { return true; },
    measures: {
      precision: function (task, response, messages) {
        var s = sets(task, response);
        var value = !s.chosen.length ? (!s.gold.length ? 1 : 0) : s.both.length / s.chosen.length;
        return [value, extraNotes(s, messages)];
      },
      recall: function (task, response, messages) {
        var s = sets(task, response);
        var value = !s.gold.length ? 1 : s.both.length / s.gold.length;
        return [value, missedNotes(s, messages)];
      },
      jaccard: function (task, response, messages) {
        var s = sets(task, response);
        var union = s.chosen.length + s.gold.length - s.both.length;
        return [union === 0 ? 1 : s.both.length / union, bothNotes(s, messages)];
      },
      f1: function (task, response, messages) {
        var s = sets(task, response);
        var total = s.chosen.length + s.gold.length;
        return [total === 0 ? 1 : 2 * s.both.length / total, bothNotes(s, messages)];
      },
      exact: function (task, response, messages) {
        var s = sets(task, response);
        var same = s.chosen.length === s.gold.length && s.chosen.every(function (l, i) { return l === s.gold[i]; });
        return [same ? 1 : 0, bothNotes(s, messages)];
      }
    }
  };

  /** Task types by name; a new type (spans, bbox...) adds one entry. */
  var types = { choice: choice, multi: multi };

  function kindOf(task) {
    if (!has.call(types, task.type)) throw new Error("annotrain: unknown task type " + task.type);
    return types[task.type];
  }

  /** Any value -> the canonical response of the task's type (malformed = no answer). */
  function normalize(task, response) {
    return kindOf(task).normalize(task, response);
  }

  // Levels are listed best first; the first whose threshold holds is reached.
  function ruleFor(criterion, value) {
    var rules = criterion.levels;
    for (var i = 0; i < rules.length; i++) {
      var rule = rules[i];
      if (rule.min !== undefined && rule.min !== null) { if (value >= rule.min) return rule; }
      else if (rule.max !== undefined && rule.max !== null) { if (value <= rule.max) return rule; }
      else return rule;
    }
    return rules[rules.length - 1];
  }

  /** Grade `response` for `task` (task JSON with gold): the grade shape of grading.py. */
  function grade(task, response, messages) {
    var kind = kindOf(task);
    var canonical = kind.normalize(task, response);
    var rubric = task.rubric;
    var top = rubric.levels[0].value;
    var bottom = rubric.levels[rubric.levels.length - 1].value;
    var criteria = {};
    var earned = 0;
    var possible = 0;
    var criticalFailed = false;
    rubric.criteria.forEach(function (criterion) {
      var measured = kind.measures[criterion.measure](task, canonical, messages);
      var rule = ruleFor(criterion, measured[0]);
      criteria[criterion.id] = {
        level: rule.level, value: measured[0], descriptor: rule.descriptor, notes: measured[1]
      };
      earned += criterion.weight * rule.level;
      possible += criterion.weight * top;
      if (criterion.critical && rule.level === bottom) criticalFailed = true;
    });
    var score = possible ? earned / possible : 0;
    return {
      id: task.id,
      type: task.type,
      score: score,
      passed: score >= rubric.pass - EPSILON && !criticalFailed,
      criteria: criteria
    };
  }

  var measures = {};
  Object.keys(types).forEach(function (name) { measures[name] = types[name].measures; });

  return {
    EPSILON: EPSILON,
    types: types,
    measures: measures,
    normalize: normalize,
    grade: grade,
    fill: fill,
    formatList: formatList,
    message: message
  };
});
