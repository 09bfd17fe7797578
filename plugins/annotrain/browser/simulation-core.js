/* annotrain simulation core: the running-accuracy rule of a work simulation.
 * Pure: no DOM, inputs never modified. Mirrors grading/simulation.py (its
 * docstring states the rule); both run tests/vectors/simulation/*.json.
 *
 * A gold answer is correct when its task passed; work items never count. After
 * each gold answer the window is the last rule.window gold answers (fewer while
 * fewer exist); once rule.min_gold gold answers exist, the window must hold at
 * least rule.min_correct correct ones. The first judged gold answer after which it
 * does not is the stop point, and the trace ends there.
 *
 * Classic script (works from file://) that Node can also require; in the browser
 * it needs grader.js loaded first.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(require("./grader.js"));
  else {
    root.annotrain = root.annotrain || {};
    root.annotrain.simulationCore = factory(root.annotrain.grader);
  }
})(this, function (grader) {
  "use strict";

  var has = Object.prototype.hasOwnProperty;

  /**
   * Apply `rule` ({window, min_correct, min_gold}) to `steps`: [task id, correct]
   * in batch order, correct null for a work item. Returns {trace: [{task, index,
   * gold_index, correct, correct_in_window, window, judged}], stopped, stop: null
   * or {task, index, gold_index, missed}}; indexes count from 0, missed lists the
   * window's gold tasks that were not correct, in batch order.
   */
  function runningAccuracy(steps, rule) {
    var trace = [];
    var recent = [];
    for (var index = 0; index < steps.length; index++) {
      var id = steps[index][0];
      var correct = steps[index][1];
      if (correct === null || correct === undefined) continue; // a work item
      recent = recent.concat([[id, !!correct]]).slice(-rule.window);
      var right = recent.filter(function (item) { return item[1]; }).length;
      var judged = trace.length + 1 >= rule.min_gold;
      trace.push({
        task: id, index: index, gold_index: trace.length, correct: !!correct,
        correct_in_window: right, window: recent.length, judged: judged
      });
      if (judged && right < rule.min_correct) {
        var missed = recent.filter(function (item) { return !item[1]; }).map(function (item) { return item[0]; });
        return {
          trace: trace, stopped: true,
          stop: { task: id, index: index, gold_index: trace.length - 1, missed: missed }
        };
      }
    }
    return { trace: trace, stopped: false, stop: null };
  }

  /**
   * The rule over a batch: taskIds in the order worked, gold the gold tasks among
   * them (id -> task JSON with gold; the others are work items), responses by
   * task id (a missing one is no answer).
   */
  function replay(taskIds, gold, responses, rule, messages) {
    var steps = taskIds.map(function (id) {
      if (!has.call(gold, id)) return [id, null];
      var response = responses && has.call(responses, id) ? responses[id] : undefined;
      return [id, grader.grade(gold[id], response, messages).passed];
    });
    return runningAccuracy(steps, rule);
  }

  /** The gold tasks of an open simulation's quiz JSON (id -> task): every task but
   * those of sections marked gold: false, the work items. */
  function goldTasks(quiz) {
    var gold = {};
    quiz.sections.forEach(function (section) {
      if (section.gold === false) return;
      section.tasks.forEach(function (id) { gold[id] = quiz.tasks[id].task; });
    });
    return gold;
  }

  /** The rule of the open simulation `quiz` (its JSON, with gold) over an attempt's
   * drawn `taskIds` and `responses`; ids the quiz does not have count as work. */
  function simulate(quiz, taskIds, responses, messages) {
    return replay(taskIds, goldTasks(quiz), responses, quiz.simulation, messages);
  }

  return { runningAccuracy: runningAccuracy, replay: replay, goldTasks: goldTasks, simulate: simulate };
});
