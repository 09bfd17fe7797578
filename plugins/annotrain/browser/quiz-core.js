/* annotrain quiz core: the draw of a quiz attempt, its score, the attempt file
 * and its time. Pure: no DOM, no clock, no randomness of its own (the seed and
 * every time are passed in), inputs never modified. Exam tickets are
 * tickets.js's, loaded only on pages whose exam needs one.
 *
 * Mirrors the Python quiz code operation for operation (same float operations in
 * the same order) so a re-grade with `annotrain grade` draws the same tasks and
 * computes the same score; both run the same vectors. The rules are the trainer
 * guide's (course/trainer/quizzes.md): "How a quiz is scored", "Drawing tasks",
 * "The attempt file". Classic script (works from file://) that Node can also
 * require; in the browser it needs grader.js loaded first.
 *
 * quiz: the quiz JSON of the page (data-annotrain-quiz-data):
 *   {id, mode, pass, max_critical, shuffle, version,
 *    sections: [{title, draw, tasks, min_score (only when set)}],
 *    tasks: {id: {weight, task}}, ...}
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(require("./grader.js"));
  else {
    root.annotrain = root.annotrain || {};
    root.annotrain.quizCore = factory(root.annotrain.grader);
  }
})(this, function (grader) {
  "use strict";

  var FORMAT = "annotrain-attempt/2";
  var EPSILON = grader.EPSILON;
  var has = Object.prototype.hasOwnProperty;
  var isObject = grader.isObject;

  // object[key] for own keys only, else undefined: a response may be null, or absent.
  function own(object, key) {
    return isObject(object) && has.call(object, key) ? object[key] : undefined;
  }

  // --- the draw -----------------------------------------------------------------

  /** Mulberry32: a function giving floats in [0, 1) from a 32-bit seed. */
  function mulberry32(seed) {
    var a = seed >>> 0;
    return function () {
      a = (a + 0x6d2b79f5) | 0;
      var t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  /** A shuffled copy of `list`: Fisher-Yates from the end, one rand() per step. */
  function shuffle(list, rand) {
    var out = list.slice();
    for (var i = out.length - 1; i > 0; i--) {
      var j = Math.floor(rand() * (i + 1));
      var swap = out[i];
      out[i] = out[j];
      out[j] = swap;
    }
    return out;
  }

  /**
   * The task ids of the attempt with `seed`, in the order shown. Every section is
   * shuffled, even when all of it is drawn, so the random stream is consumed the
   * same way whatever the `draw` values.
   */
  function draw(quiz, seed) {
    var rand = mulberry32(seed);
    var ids = [];
    quiz.sections.forEach(function (section) {
      var mixed = shuffle(section.tasks, rand);
      var count = section.draw === null || section.draw === undefined ? mixed.length : section.draw;
      var kept = mixed.slice(0, count);
      // Without shuffling, the drawn tasks keep the order they are written in.
      if (!quiz.shuffle) kept.sort(function (a, b) { return section.tasks.indexOf(a) - section.tasks.indexOf(b); });
      ids = ids.concat(kept);
    });
    return quiz.shuffle ? shuffle(ids, rand) : ids;
  }

  // --- scoring ------------------------------------------------------------------

  function weightOf(quiz, id) {
    var weight = own(own(quiz.tasks, id), "weight");
    return typeof weight === "number" ? weight : 1;
  }

  function taskOf(quiz, id) {
    var entry = own(quiz.tasks, id);
    if (!entry) throw new Error("annotrain: quiz " + quiz.id + " has no task " + id);
    return entry.task;
  }

  // True when some critical criterion of `task` sits at its rubric's lowest level.
  function failedCritical(task, grade) {
    var levels = task.rubric.levels;
    var bottom = levels[levels.length - 1].value;
    return task.rubric.criteria.some(function (criterion) {
      return criterion.critical && grade.criteria[criterion.id].level === bottom;
    });
  }

  /**
   * Grade the drawn tasks `taskIds` with `responses` (task id -> response; a
   * missing one is no answer). Needs gold in the tasks (not in exam mode).
   * Returns {quiz, score, passed, critical_failures, tasks: {id: grade},
   * criteria: {cid: {name, value, count}}, sections: [{title, score, count,
   * min_score, met}], held_back: [title]}: score the weighted mean task score,
   * value the mean of (level / top level) over the tasks graded on the
   * criterion; sections, in the quiz's order, those with drawn tasks, the
   * weighted mean score of these and, for a section with a skill gate
   * (min_score; else both null), whether the score reaches it; held_back, the
   * titles of the gated sections that fall short or had no drawn task. Passed
   * needs the pass mark, at most max_critical critical failures and no section
   * held back.
   * gradeTask(id, response), if given, grades one task instead of grader.grade
   * (the quiz page passes the grades it worked out while the learner answered).
   */
  function gradeQuiz(quiz, taskIds, responses, messages, gradeTask) {
    var tasks = {};
    var criteria = {};
    var order = [];
    var sums = {};
    var total = 0;
    var weights = 0;
    var criticalFailures = 0;
    taskIds.forEach(function (id) {
      var task = taskOf(quiz, id);
      var response = own(responses, id);
      var grade = gradeTask ? gradeTask(id, response) : grader.grade(task, response, messages);
      var weight = weightOf(quiz, id);
      tasks[id] = grade;
      total += weight * grade.score;
      weights += weight;
      if (failedCritical(task, grade)) criticalFailures += 1;
      var top = task.rubric.levels[0].value;
      task.rubric.criteria.forEach(function (criterion) {
        var cid = criterion.id;
        if (!has.call(sums, cid)) {
          order.push(cid);
          sums[cid] = 0;
          criteria[cid] = { name: criterion.name, value: 0, count: 0 };
        }
        sums[cid] += grade.criteria[cid].level / top;
        criteria[cid].count += 1;
      });
    });
    order.forEach(function (cid) { criteria[cid].value = sums[cid] / criteria[cid].count; });
    var score = weights ? total / weights : 0;
    var sections = sectionScores(quiz, taskIds, tasks);
    var held = heldBack(quiz, sections);
    return {
      quiz: quiz.id,
      score: score,
      passed: taskIds.length > 0 && score >= quiz.pass - EPSILON && criticalFailures <= quiz.max_critical &&
        held.length === 0,
      critical_failures: criticalFailures,
      tasks: tasks,
      criteria: criteria,
      sections: sections,
      held_back: held
    };
  }

  // A section's skill gate, or null: the quiz JSON has min_score only when set.
  function gateOf(section) {
    return typeof section.min_score === "number" ? section.min_score : null;
  }

  /**
   * Each section with drawn tasks, in quiz order: {title, score (weighted mean),
   * count, min_score, met}; min_score and met are null without a gate.
   */
  function sectionScores(quiz, taskIds, grades) {
    var out = [];
    quiz.sections.forEach(function (section) {
      var total = 0;
      var weights = 0;
      var count = 0;
      section.tasks.forEach(function (id) {
        if (taskIds.indexOf(id) === -1) return;
        total += weightOf(quiz, id) * grades[id].score;
        weights += weightOf(quiz, id);
        count += 1;
      });
      if (!count) return;
      var gate = gateOf(section);
      var score = total / weights;
      out.push({
        title: section.title, score: score, count: count, min_score: gate, met: gate === null ? null : score >= gate - EPSILON
      });
    });
    return out;
  }

  /** The titles of the gated sections that hold the attempt back (short of their
   * min_score, or without a drawn task), in quiz order. */
  function heldBack(quiz, sections) {
    var met = {};
    sections.forEach(function (s) { if (s.met === true) met[s.title] = true; });
    return quiz.sections.filter(function (section) {
      return gateOf(section) !== null && !has.call(met, section.title);
    }).map(function (section) { return section.title; });
  }

  /** The attempt file's "client" part for a quiz grade (what a re-grade compares). */
  function clientSummary(grade) {
    var criteria = {};
    var tasks = {};
    Object.keys(grade.criteria).forEach(function (cid) { criteria[cid] = grade.criteria[cid].value; });
    Object.keys(grade.tasks).forEach(function (id) {
      tasks[id] = { score: grade.tasks[id].score, passed: grade.tasks[id].passed };
    });
    return {
      score: grade.score,
      passed: grade.passed,
      critical_failures: grade.critical_failures,
      criteria: criteria,
      tasks: tasks,
      sections: grade.sections.map(function (s) {
        return { title: s.title, score: s.score, count: s.count, min_score: s.min_score, met: s.met };
      }),
      held_back: grade.held_back.slice()
    };
  }

  /**
   * The result page's criterion rows, weakest first (ties keep first-seen order):
   * [{id, name, value, count, weak}], weak when value is under the pass mark.
   */
  function criterionRows(grade, passMark) {
    return Object.keys(grade.criteria).map(function (cid, index) {
      var c = grade.criteria[cid];
      return { id: cid, name: c.name, value: c.value, count: c.count, weak: c.value < passMark - EPSILON, index: index };
    }).sort(function (a, b) {
      return a.value - b.value || a.index - b.index;
    }).map(function (row) {
      delete row.index;
      return row;
    });
  }

  /** How many drawn tasks are not answered in full: no response, a blank (which
   * scores 0), or an answer still lacking what the type requires (grader.missing). */
  function unanswered(quiz, taskIds, responses) {
    return taskIds.filter(function (id) {
      var response = own(responses, id);
      return response === undefined || grader.missing(taskOf(quiz, id), response) !== null;
    }).length;
  }

  // --- the attempt file -----------------------------------------------------------

  /**
   * The attempt file's object (format annotrain-attempt/2, field by field in the
   * trainer guide). current: the stored in-progress attempt {seed, started,
   * tasks, responses, candidate, ticket}; responses are kept for drawn tasks only;
   * candidate only when it has an id, name or e-mail; client (the browser's grade,
   * clientSummary) only when there is one: never in exam mode. ticket: the whole
   * token of the exam ticket the attempt was started with ({id, token} in
   * current), else null. revealed: the drawn tasks whose answer was shown before
   * the final answer (a practice quiz's current.revealed), in draw order.
   * contests: the candidate's contests (contestList of current), in draw order;
   * trace is null here (a simulation's runner, simulation.js, puts the rule's trace in).
   */
  function attemptFile(quiz, site, current, submitted, client) {
    var responses = {};
    current.tasks.forEach(function (id) {
      var response = own(current.responses, id);
      if (response !== undefined) responses[id] = response;
    });
    var attempt = {
      format: FORMAT, site: site, quiz: quiz.id, mode: quiz.mode, quiz_version: quiz.version, seed: current.seed
    };
    var candidate = {};
    ["id", "name", "email"].forEach(function (key) {
      var value = own(current.candidate, key);
      if (typeof value === "string" && value) candidate[key] = value;
    });
    if (Object.keys(candidate).length) attempt.candidate = candidate;
    attempt.started = current.started;
    attempt.submitted = submitted;
    attempt.tasks = current.tasks.slice();
    attempt.responses = responses;
    if (client) attempt.client = client;
    var ticket = own(current.ticket, "token");
    attempt.ticket = typeof ticket === "string" && ticket ? ticket : null;
    attempt.revealed = current.tasks.filter(function (id) { return own(current.revealed, id) === true; });
    attempt.contests = contestList(current);
    attempt.trace = null;
    return attempt;
  }

  /**
   * The contests of `holder` (an attempt in progress or an attempt file: its
   * `contests` and `tasks`) as the attempt file keeps them: [{task, reason}], one
   * per drawn task (the last one given counts), with a non-empty reason, in draw
   * order. Anything else stored there is left out.
   */
  function contestList(holder) {
    var given = isObject(holder) && Array.isArray(holder.contests) ? holder.contests : [];
    var tasks = isObject(holder) && Array.isArray(holder.tasks) ? holder.tasks : [];
    var reasons = {};
    given.forEach(function (contest) {
      var task = own(contest, "task");
      var reason = own(contest, "reason");
      if (typeof task === "string" && typeof reason === "string" && reason) reasons[task] = reason;
    });
    return tasks.filter(function (id) { return has.call(reasons, id); }).map(function (id) {
      return { task: id, reason: reasons[id] };
    });
  }

  /** "<quiz>-<kind>-<YYYY-MM-DD>.<ext>", the UTC date of the ISO time `when`. */
  function fileName(quiz, kind, when, ext) {
    var safe = String(quiz).replace(/[^A-Za-z0-9._-]+/g, "-");
    return safe + "-" + kind + "-" + String(when).slice(0, 10) + "." + ext;
  }

  // --- time -------------------------------------------------------------------------

  /** Milliseconds left before `deadline` (ISO) at `now` (ms), never negative; null without one. */
  function remaining(deadline, now) {
    if (!deadline) return null;
    var end = Date.parse(deadline);
    if (isNaN(end)) return null;
    return Math.max(0, end - now);
  }

  function two(value) {
    return (value < 10 ? "0" : "") + value;
  }

  /** "mm:ss" (or "h:mm:ss") for a duration in ms, rounded up to the second. */
  function clock(ms) {
    var seconds = Math.ceil(Math.max(0, ms) / 1000);
    var hours = Math.floor(seconds / 3600);
    var minutes = Math.floor((seconds % 3600) / 60);
    var rest = two(minutes) + ":" + two(seconds % 60);
    return hours ? hours + ":" + rest : rest;
  }

  /**
   * The deadline (ISO) of an attempt started at `started` (ms): the quiz's
   * time_limit plus the ticket's extra_minutes, and no later than the end of
   * the ticket's window (`annotrain grade` flags an attempt submitted after it);
   * null when neither limits it. ticket: the ticket's claims, or null.
   */
  function deadline(quiz, started, ticket) {
    var extra = own(ticket, "extra_minutes");
    var end = quiz.time_limit ? started + (quiz.time_limit + (typeof extra === "number" && extra > 0 ? extra : 0)) * 60000 : null;
    var until = own(ticket, "until") ? Date.parse(ticket.until) : NaN;
    if (!isNaN(until) && (end === null || until < end)) end = Math.max(until, started);
    return end === null ? null : new Date(end).toISOString();
  }

  return {
    FORMAT: FORMAT,
    mulberry32: mulberry32,
    shuffle: shuffle,
    draw: draw,
    gradeQuiz: gradeQuiz,
    clientSummary: clientSummary,
    criterionRows: criterionRows,
    unanswered: unanswered,
    attemptFile: attemptFile,
    contestList: contestList,
    fileName: fileName,
    remaining: remaining,
    clock: clock,
    deadline: deadline
  };
});
