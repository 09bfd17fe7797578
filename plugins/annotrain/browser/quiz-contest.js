/* annotrain contests: "Contest this task" on a quiz task. The candidate gives a
 * reason; it goes into the attempt file's "contests" ([{task, reason}], in draw
 * order: quiz-core.js's contestList), where `annotrain report` and the trainer
 * read it. The candidate can change the reason or withdraw the contest.
 *
 * Where it is offered: in the review of a graded quiz (quiz mode, an open
 * simulation), kept in the submitted attempt this browser stores, so the attempt
 * file downloaded afterwards has it; and during the attempt when the quiz shows
 * no review (noReview: an exam, a sealed simulation), kept in the attempt in
 * progress, so a reload keeps it and Submit writes it into the file.
 *
 * Classic script in the quiz page's bundle, after quiz-core.js and before quiz.js:
 *
 *   annotrain.quizContest.noReview(quiz)   true: contested during the attempt
 *   annotrain.quizContest.inReview(quiz)   true: contested in the result's review
 *   annotrain.quizContest.mount(ctx)       {attach(li, taskId, attempt), detach(li)}
 *
 * ctx = {id (the quiz's), prefix (for element ids), t(key, params), data(),
 * save(), say(text) (the quiz's live region)}. attach(li, taskId, attempt) puts
 * the control at the end of the task's <li> (again: it is brought up to date);
 * `attempt` is null for the attempt in progress, else the index of the stored
 * submitted attempt whose file keeps the contest.
 */
(function (annotrain) {
  "use strict";

  var el = annotrain.dom.el;
  var MAX_REASON = 2000; // characters: a reason, not an essay

  /** An exam or a sealed simulation: no review after submitting, so contests come during it. */
  function noReview(quiz) {
    return quiz.mode === "exam" || (quiz.mode === "simulation" && Boolean(quiz.simulation && quiz.simulation.sealed));
  }

  /** A graded quiz or an open simulation: contests come in the review of the answers. */
  function inReview(quiz) {
    return quiz.mode === "quiz" || (quiz.mode === "simulation" && !noReview(quiz));
  }

  function mount(ctx) {
    var t = ctx.t;
    var progress = annotrain.progress;
    var core = annotrain.quizCore;

    // The object whose "contests" and "tasks" keep the contest: the attempt in
    // progress, or a stored submitted attempt's file.
    function holder(attempt) {
      if (attempt === null) return progress.quizCurrent(ctx.data(), ctx.id);
      var entry = progress.quizAttempts(ctx.data(), ctx.id)[attempt];
      return entry && entry.attempt ? entry.attempt : null;
    }

    function reasonOf(attempt, taskId) {
      var found = core.contestList(holder(attempt)).filter(function (c) { return c.task === taskId; })[0];
      return found ? found.reason : null;
    }

    // Store `reason` (null: withdraw) for `taskId`; false when there is nowhere to keep it.
    function store(attempt, taskId, reason) {
      var into = holder(attempt);
      if (!into || into.tasks.indexOf(taskId) === -1) return false;
      var others = core.contestList(into).filter(function (c) { return c.task !== taskId; });
      if (reason !== null) others.push({ task: taskId, reason: reason });
      into.contests = core.contestList({ tasks: into.tasks, contests: others });
      ctx.save();
      return true;
    }

    function button(parent, key, primary) {
      var node = parent.appendChild(el("button", "md-button annotrain-button" + (primary ? " md-button--primary" : ""), t(key)));
      node.type = "button";
      return node;
    }

    function build(li, taskId) {
      var base = ctx.prefix + "-" + taskId + "-contest";
      var box = el("div", "annotrain-contest");
      var state = box.appendChild(el("p", "annotrain-contest-state"));
      var actions = box.appendChild(el("div", "annotrain-contest-actions"));
      var toggle = button(actions, "contest_open", false);
      var withdraw = button(actions, "contest_withdraw", false);
      var form = box.appendChild(el("div", "annotrain-contest-form"));
      form.id = base;
      toggle.setAttribute("aria-controls", form.id);
      var label = form.appendChild(el("label", null, t("contest_reason")));
      var help = form.appendChild(el("p", "annotrain-how", t("contest_help")));
      var field = form.appendChild(el("textarea", "annotrain-contest-text"));
      var error = form.appendChild(el("p", "annotrain-contest-error", t("contest_empty")));
      field.id = label.htmlFor = base + "-reason";
      help.id = base + "-help";
      error.id = base + "-error";
      field.rows = 3;
      field.maxLength = MAX_REASON;
      field.setAttribute("aria-describedby", help.id);
      var buttons = form.appendChild(el("div", "annotrain-contest-actions"));
      var send = button(buttons, "contest_send", true);
      var cancel = button(buttons, "contest_cancel", false);
      var parts = { box: box, state: state, toggle: toggle, withdraw: withdraw, form: form, field: field, error: error };

      function open(on) {
        form.hidden = !on;
        error.hidden = true;
        field.removeAttribute("aria-invalid");
        toggle.setAttribute("aria-expanded", String(on));
        if (on) {
          field.value = reasonOf(box.attempt, taskId) || "";
          field.focus();
        }
      }
      toggle.addEventListener("click", function () { open(form.hidden); });
      cancel.addEventListener("click", function () {
        open(false);
        toggle.focus();
      });
      send.addEventListener("click", function () {
        var reason = field.value.trim();
        if (!reason) {
          error.hidden = false;
          field.setAttribute("aria-invalid", "true");
          field.setAttribute("aria-describedby", error.id + " " + help.id);
          field.focus();
          return;
        }
        field.setAttribute("aria-describedby", help.id);
        if (!store(box.attempt, taskId, reason)) return;
        box.dispatchEvent(new CustomEvent("annotrain:contested", { bubbles: true, detail: { quiz: ctx.id, task: taskId, reason: reason } }));
        open(false);
        show(parts, taskId);
        ctx.say(t("contest_sent"));
        toggle.focus();
      });
      withdraw.addEventListener("click", function () {
        if (!store(box.attempt, taskId, null)) return;
        open(false);
        show(parts, taskId);
        ctx.say(t("contest_withdrawn"));
        toggle.focus();
      });
      // What is typed here is no answer: the task's widget and the quiz's change
      // listener never hear of it (Escape closes the form).
      box.addEventListener("keydown", function (event) {
        event.stopPropagation();
        if (event.key === "Escape" && !form.hidden) {
          open(false);
          toggle.focus();
        }
      });
      ["change", "input", "keyup", "keypress"].forEach(function (name) {
        box.addEventListener(name, function (event) { event.stopPropagation(); });
      });
      box.contestParts = parts;
      open(false);
      return box;
    }

    // The control as the stored contest makes it: the reason and Change / Withdraw, or Contest.
    function show(parts, taskId) {
      var reason = reasonOf(parts.box.attempt, taskId);
      parts.state.hidden = reason === null;
      parts.state.textContent = "";
      if (reason !== null) parts.state.append(el("strong", null, t("contest_shown")), " ", reason);
      parts.toggle.textContent = t(reason === null ? "contest_open" : "contest_change");
      parts.withdraw.hidden = reason === null;
      parts.box.setAttribute("data-annotrain-contested", String(reason !== null));
    }

    function attach(li, taskId, attempt) {
      var box = li.querySelector(".annotrain-contest");
      if (!box) box = li.appendChild(build(li, taskId));
      box.attempt = attempt;
      show(box.contestParts, taskId);
      return box;
    }

    function detach(li) {
      var box = li.querySelector(".annotrain-contest");
      if (box) box.remove();
    }

    return { attach: attach, detach: detach };
  }

  annotrain.quizContest = { noReview: noReview, inReview: inReview, mount: mount };
})(window.annotrain = window.annotrain || {});
