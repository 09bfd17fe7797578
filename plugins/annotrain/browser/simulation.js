/* annotrain work simulation runner: what a quiz in mode simulation adds to the
 * quiz runner (quiz.js). One task per screen, worked in order: the learner
 * answers, presses Submit task and gets the next one, with no word on how the
 * task went; there is no going back and no task list. Control (gold) tasks look
 * like the work items around them.
 *
 * Open simulation (the page has the gold): each submitted gold task is graded
 * silently and the running-accuracy rule (simulation-core.js) judged over the
 * tasks submitted so far; when it stops the learner, the attempt ends at once
 * with the stop screen: why (how many of the last control answers passed, and
 * how many the job needs), the control tasks missed in that window with their
 * feedback and explanation, and the criteria with links to their lessons.
 * Finishing the batch shows the quiz result's criteria. The attempt file's trace
 * is the rule's (annotrain grade recomputes it). Work items are never graded.
 *
 * Sealed simulation (no gold in the page, opaque task ids): nothing is judged;
 * the learner works the whole batch and downloads the attempt file, which
 * annotrain grade replays.
 *
 * Classic script in the bundle of pages with a simulation, after quiz.js, which
 * calls annotrain.quizSimulation.mount(root, quiz, hooks) when it mounts such a
 * quiz, with hooks = {t(key, params), ctx (quiz.js's), current() (the attempt in
 * progress), response(taskId) (what its widget holds now), answer(taskId,
 * response) (record it), goTo(index),
 * submit(options), gradeOf(taskId, response), say(text), headingTag}. It gets
 * back the calls named where quiz.js makes them: next(), showing(index),
 * gold(taskIds), finish(attempt, grade), result(box, file, grade, timeUp),
 * focus().
 */
(function (annotrain) {
  "use strict";

  var el = annotrain.dom.el;
  var has = Object.prototype.hasOwnProperty;

  function mount(root, quiz, hooks) {
    var t = hooks.t;
    var ctx = hooks.ctx;
    var simulationCore = annotrain.simulationCore;
    var sealed = Boolean(quiz.simulation.sealed);
    var rule = quiz.simulation;
    var gold = sealed ? {} : simulationCore.goldTasks(quiz);
    var run = root.querySelector(".annotrain-quiz-run");
    var nav = run.querySelector(".annotrain-quiz-nav");
    var previous = nav.querySelector('[data-annotrain-action="previous"]');
    var next = nav.querySelector('[data-annotrain-action="next"]');
    var submitAll = nav.querySelector('[data-annotrain-action="submit"]');
    var heading = null;
    root.setAttribute("data-annotrain-simulation", sealed ? "sealed" : "open");

    // No task list, no flags (quiz.css hides them), no going back: the tasks come in turn.
    var toggle = run.querySelector(".annotrain-quiz-map-toggle");
    var position = run.querySelector(".annotrain-quiz-position");
    if (toggle && position) {
      toggle.parentNode.insertBefore(position, toggle);
      toggle.remove();
    }
    var map = run.querySelector(".annotrain-quiz-map");
    if (map) map.remove();
    next.textContent = t("sim_submit_task");
    previous.hidden = submitAll.hidden = true;

    /** The gold tasks among taskIds (the scored ones), in their order. */
    function goldOf(taskIds) {
      return taskIds.filter(function (id) { return has.call(gold, id); });
    }

    // The rule over the first `count` tasks of the attempt, gold graded as quiz.js does.
    function judge(attempt, count) {
      var responses = attempt.responses || {};
      var steps = attempt.tasks.slice(0, count).map(function (id) {
        if (!has.call(gold, id)) return [id, null];
        return [id, hooks.gradeOf(id, has.call(responses, id) ? responses[id] : undefined).passed];
      });
      return simulationCore.runningAccuracy(steps, rule);
    }

    /** Submit task: the task shown is final; the next one shows, or the attempt ends. */
    function nextTask() {
      var attempt = hooks.current();
      if (!attempt) return;
      var index = attempt.position || 0;
      var id = attempt.tasks[index];
      var li = root.querySelector('.annotrain-quiz-task[data-annotrain-id="' + id + '"]');
      var response = hooks.response(id);
      var missing = annotrain.grader.missing(quiz.tasks[id].task, response);
      var box = li.querySelector(".annotrain-feedback");
      box.textContent = "";
      if (missing) {
        box.appendChild(el("p", "annotrain-no-answer", t(missing === "no_answer" ? "sim_no_answer" : missing)));
        box.focus();
        return;
      }
      hooks.answer(id, response); // what the widget holds, even if it reported no change
      attempt = hooks.current();
      if (!sealed && judge(attempt, index + 1).stopped) {
        hooks.submit({ direct: true });
        return;
      }
      if (index === attempt.tasks.length - 1) {
        hooks.submit({ direct: true });
        return;
      }
      hooks.goTo(index + 1);
      hooks.say(t("sim_task_submitted", { number: index + 1, next: index + 2, total: attempt.tasks.length }));
    }

    /** A task is on screen: only Submit task moves on, from every task. */
    function showing() {
      previous.hidden = submitAll.hidden = true;
      next.disabled = false;
    }

    /** The rule over the whole attempt, and the grade's verdict with it (null: sealed). */
    function finish(attempt, grade) {
      if (sealed || !grade) return null;
      var replayed = judge(attempt, attempt.tasks.length);
      grade.passed = grade.passed && !replayed.stopped;
      return replayed;
    }

    function subheading() {
      var level = Math.min(6, Number(hooks.headingTag.slice(1)) + 1);
      return "h" + level;
    }

    function para(box, className, text) {
      return box.appendChild(el("p", className, text));
    }

    // The missed control tasks: number in the batch, prompt, feedback with the gold.
    function missedList(box, ids, file) {
      if (!ids.length) return;
      box.appendChild(el(subheading(), "annotrain-sim-missed-title", t("sim_missed_title")));
      var list = box.appendChild(el("ul", "annotrain-sim-missed"));
      ids.forEach(function (id) {
        var task = quiz.tasks[id].task;
        var li = list.appendChild(el("li"));
        li.setAttribute("data-annotrain-id", id);
        para(li, "annotrain-sim-missed-task", t("sim_missed_task", { number: file.tasks.indexOf(id) + 1 }));
        para(li, "annotrain-prompt", task.prompt);
        var feedback = li.appendChild(el("div", "annotrain-feedback"));
        ctx.feedback(feedback, task, hooks.gradeOf(id, file.responses[id]), 0);
      });
    }

    // The window's count at the last gold answer judged: "6 of your last 10 passed".
    function standing(trace) {
      var last = trace[trace.length - 1];
      return { correct: last ? last.correct_in_window : 0, window: last ? last.window : 0, needed: rule.min_correct };
    }

    /** Fill the result box: the stop screen, the result of a finished batch, or (sealed) what next. */
    function result(box, file, grade, timeUp) {
      var replayed = sealed || !grade ? null : judge(file, file.tasks.length);
      var stopped = Boolean(replayed && replayed.stopped);
      var titleKey = sealed ? "sim_sealed_title" : stopped ? "sim_stopped_title" : "quiz_result_title";
      heading = box.appendChild(el(hooks.headingTag, "annotrain-quiz-result-title", t(titleKey)));
      heading.id = (root.id || "annotrain-quiz-" + quiz.id) + "-result";
      heading.tabIndex = -1;
      box.setAttribute("aria-labelledby", heading.id);
      if (timeUp) para(box, "annotrain-quiz-time-up", t("quiz_time_up"));
      if (sealed) {
        para(box, "annotrain-summary annotrain-quiz-submitted", t("sim_sealed_submitted"))
          .setAttribute("data-annotrain-verdict", "submitted");
        para(box, "annotrain-quiz-next", t("sim_sealed_next"));
        return;
      }
      var numbers = standing(replayed.trace);
      var answered = replayed.trace.map(function (step) { return step.task; });
      var shown = core().gradeQuiz(quiz, answered, file.responses, ctx.messages(), hooks.gradeOf);
      if (stopped) {
        var stop = replayed.stop;
        var why = para(box, "annotrain-summary annotrain-sim-why", t("sim_stopped_why", numbers));
        why.setAttribute("data-annotrain-verdict", "stopped");
        para(box, "annotrain-sim-where", t("sim_stopped_where", { number: stop.index + 1, total: file.tasks.length }));
        missedList(box, stop.missed, file);
        if (answered.length) {
          para(box, "annotrain-sim-practice", t("sim_practice"));
          box.appendChild(annotrain.quizResult.criteriaTable(shown, quiz, ctx));
        }
        return;
      }
      para(box, "annotrain-sim-kept", t("sim_kept", numbers)).setAttribute("data-annotrain-kept", "");
      var summary = para(box, "annotrain-summary", t("result_summary", {
        verdict: t(grade.passed ? "passed" : "not_passed"),
        score: ctx.percent(grade.score),
        pass_mark: ctx.percent(quiz.pass)
      }));
      summary.setAttribute("data-annotrain-verdict", grade.passed ? "passed" : "not-passed");
      var critical = para(box, "annotrain-quiz-critical", t("quiz_critical_failures", {
        count: grade.critical_failures, allowed: quiz.max_critical
      }));
      if (grade.critical_failures > quiz.max_critical) critical.className += " annotrain-critical-failed";
      if (Object.keys(grade.criteria).length) box.appendChild(annotrain.quizResult.criteriaTable(grade, quiz, ctx));
      missedList(box, replayed.trace.filter(function (step) { return !step.correct; }).map(function (step) { return step.task; }), file);
    }

    function core() {
      return annotrain.quizCore;
    }

    return {
      sealed: sealed,
      next: nextTask,
      showing: showing,
      gold: goldOf,
      finish: finish,
      result: result,
      focus: function () { if (heading) heading.focus(); }
    };
  }

  annotrain.quizSimulation = { mount: mount };
})(window.annotrain = window.annotrain || {});
