/* annotrain grader: grades a response against its task's rubric. Pure: no DOM,
 * no globals read, inputs never modified, never throws on a malformed response.
 *
 * Mirrors plugins/annotrain/grading/task.py and messages.py line for line; each task
 * type's measures live in tasktypes/<type>/grader.js (mirroring tasktypes/<type>/kind.py), which
 * register themselves here. Same float operations in the same order, so the
 * browser and Python give the same grade; both run the shared vectors in
 * tests/vectors. Classic scripts (they work from file://) that Node can require.
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

  /** `value` kept between `low` and `high` (`high` wins should they cross). */
  function clamp(value, low, high) {
    return Math.min(Math.max(value, low), high);
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

  /** `value` rounded half up to `places` decimals, written shortest: 6, 6.5, 0.83
   * (messages.format_number). */
  function formatNumber(value, places) {
    var scale = Math.pow(10, places);
    return String(Math.floor(value * scale + 0.5) / scale);
  }

  /** messages[key], or the key itself: Python would raise KeyError, but a
   * learner must never see an exception. */
  function message(messages, key) {
    var text = get(messages, key);
    return typeof text === "string" ? text : key;
  }

  /** `messages` as a wrong check in practice says them: each key with a
   * "<key>_nogold" variant says that instead (messages.hidden). */
  function hidden(messages) {
    var out = {};
    Object.keys(messages || {}).forEach(function (key) {
      var variant = get(messages, key + "_nogold");
      out[key] = typeof variant === "string" ? variant : messages[key];
    });
    return out;
  }

  /** `notes` without empty ones and without repeats, in order. */
  function once(notes) {
    return notes.filter(function (note, index) { return note && notes.indexOf(note) === index; });
  }

  /** Task types by name: each tasktypes/<type>/grader.js adds itself with register(). */
  var types = {};
  var measures = {};

  /** Add a task type: {normalize, answered, measures}, optionally missing
   * (task, canonical) -> the catalog key saying how to answer a blank, and
   * incomplete (task, canonical) -> the key of what an answer still lacks, or null.
   * answered(task, canonical, response) mirrors TaskType.answered: false is a blank. */
  function register(name, kind) {
    types[name] = kind;
    measures[name] = kind.measures;
    return kind;
  }

  function kindOf(task) {
    if (!has.call(types, task.type)) throw new Error("annotrain: unknown task type " + task.type);
    return types[task.type];
  }

  /** Any value -> the canonical response of the task's type (malformed = no answer). */
  function normalize(task, response) {
    return kindOf(task).normalize(task, response);
  }

  /** The response's list `key` is an answer: the empty list (the learner's
   * deliberate "nothing here") or one with readable items (values.explicit_list). */
  function explicitList(response, key, items) {
    var raw = get(response, key);
    return Array.isArray(raw) && (!raw.length || items.length > 0);
  }

  /** null when `response` answers `task` in full, else the catalog key saying what
   * is missing ("no_answer" unless the type says more, e.g. a required justification). */
  function missing(task, response) {
    var kind = kindOf(task);
    var canonical = kind.normalize(task, response);
    if (!kind.answered(task, canonical, response)) return kind.missing ? kind.missing(task, canonical) : "no_answer";
    return kind.incomplete ? kind.incomplete(task, canonical) : null;
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

  /** Grade `response` for `task` (task JSON with gold): the grade shape of grading.py.
   * hideGold: the notes name no gold value (a wrong check before the answer is shown). */
  function grade(task, response, messages, hideGold) {
    if (hideGold) messages = hidden(messages);
    var kind = kindOf(task);
    var canonical = kind.normalize(task, response);
    var answered = kind.answered(task, canonical, response);
    var rubric = task.rubric;
    var top = rubric.levels[0].value;
    var bottom = rubric.levels[rubric.levels.length - 1].value;
    var criteria = {};
    var earned = 0;
    var possible = 0;
    var criticalFailed = false;
    rubric.criteria.forEach(function (criterion) {
      // A blank is not measured: the lowest level, and why.
      var measured = answered ? kind.measures[criterion.measure](task, canonical, messages)
        : [null, [message(messages, "note_not_answered")]];
      var rule = answered ? ruleFor(criterion, measured[0]) : criterion.levels[criterion.levels.length - 1];
      criteria[criterion.id] = {
        level: rule.level, value: measured[0], descriptor: rule.descriptor, notes: hideGold ? once(measured[1]) : measured[1]
      };
      earned += criterion.weight * rule.level;
      possible += criterion.weight * top;
      if (criterion.critical && rule.level === bottom) criticalFailed = true;
    });
    var score = answered && possible ? earned / possible : 0;
    return {
      id: task.id,
      type: task.type,
      score: score,
      passed: answered && score >= rubric.pass - EPSILON && !criticalFailed,
      criteria: criteria
    };
  }

  return {
    EPSILON: EPSILON,
    types: types,
    measures: measures,
    register: register,
    get: get,
    isObject: isObject,
    clamp: clamp,
    normalize: normalize,
    explicitList: explicitList,
    missing: missing,
    grade: grade,
    hidden: hidden,
    fill: fill,
    formatList: formatList,
    formatNumber: formatNumber,
    message: message
  };
});
