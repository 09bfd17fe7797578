/* annotrain quiz runner: brings a server-rendered quiz ([data-annotrain-quiz]
 * root, quiz JSON in data-annotrain-quiz-data) to life: intro with past attempts,
 * the run (one task per screen or all at once, timer with warnings, answers saved
 * on every change so a reload resumes where the learner was; the task list and
 * flags for review are quiz-nav.js's), submit, and the result
 * (score, per-criterion breakdown linked to lessons, the answers with gold,
 * attempt file and practice record downloads; in exam mode no score, only the
 * attempt file and what happens next). Draw, scoring and the attempt file
 * are quiz-core.js's; storage is progress.js's; the criteria table and the
 * practice record are built by quiz-result.js; the task widgets are the
 * exercises' own (tasktypes/<type>/widget.js on each task's <li>).
 *
 * Why one file of this size: what is left here is one attempt's life, and every
 * part of it (start, timer, answers, checks, reveal, submit, review, tickets)
 * reads and changes the same state: the attempt in progress, the task items and
 * their widgets, the view shown. Split further, each file would take and hand
 * back that whole state; the pure parts (draw, scoring, attempt file, the task
 * list, the result's parts) already live in files of their own.
 *
 * An exam whose quiz JSON carries "keys" (the site has a public key) starts only
 * with a valid ticket (quiz-ticket.js, checked by tickets.js): the attempt then
 * takes the ticket's seed, candidate and extra time, remembers the ticket, and a
 * reload resumes it on that ticket. Such an exam has no per-browser attempt limit:
 * each ticket is one attempt, and a ticket used in this browser is refused. Only
 * the pages of such exams load the ticket scripts (after this one in the bundle):
 * they are reached when a quiz mounts, and only for a ticketed exam.
 *
 * Classic script in the quiz page's bundle, before annotrain.js; the core calls
 *
 *   annotrain.quizRunner.mount(root, ctx)
 *
 * once per root, with ctx = {
 *   site, data() (the progress record), save(), messages(), typeMessages() (the
 *   messages of task types loaded later join the page's), t(key, params),
 *   percent(0..1), day(iso), now() (ms), feedback(box, task, grade, hints, note),
 *   revealAfter(task, quiz) (wrong checks before a practice task's answer shows
 *   by itself), withoutGold(task) (the task as a check before its answer shows it),
 *   idle(run) (run it when the page is idle)
 * }; annotrain.download (download.js) offers the files. The quiz's controller {start (a promise of the attempt), current, answer,
 * submit, attempts} is what window.annotrain.quiz, defined here, calls.
 *
 * The task types' scripts and styles a quiz root names (data-annotrain-load,
 * data-annotrain-load-style) load when an attempt starts: the page stays light.
 *
 * In practice mode each task has Check: a wrong check names what fell short but
 * not the answer, and offers Try again and Show answer; the answer shows by
 * itself after the quiz's reveal_after wrong checks, and a passing check shows it
 * and makes the answer final. The attempt file lists the tasks whose answer was
 * shown before their final answer ("revealed").
 *
 * A quiz in mode simulation hands part of its run to simulation.js
 * (annotrain.quizSimulation, in the bundle of simulation pages only) at the points
 * marked `sim`: Submit task instead of Next, the gold scored, the rule's trace in
 * the attempt file, and the stop screen or result.
 *
 * After a graded submit the result shows at once and the answers below it are
 * reviewed in small batches; the root carries data-annotrain-reviewed once
 * every answer shows its feedback.
 *
 * A task can be contested (quiz-contest.js): in the review of a graded quiz, and
 * during the attempt in a quiz without review (an exam); the attempt file keeps it.
 */
(function (annotrain) {
  "use strict";

  var MINUTE = 60000;
  var REVIEW_BATCH = 5; // answers reviewed per turn of the event loop after Submit
  var WARN_AT = [5 * MINUTE, MINUTE]; // time left announced once each
  var el = annotrain.dom.el;

  function copy(value) {
    return value === null || value === undefined ? null : JSON.parse(JSON.stringify(value));
  }

  /** A random 32-bit seed: crypto where the browser has it (all current ones do). */
  function newSeed() {
    var cryptoApi = window.crypto;
    if (cryptoApi && typeof cryptoApi.getRandomValues === "function") {
      return cryptoApi.getRandomValues(new Uint32Array(1))[0];
    }
    return Math.floor(Math.random() * 4294967296) >>> 0;
  }

  // Script URL -> promise: a quiz's task types, loaded once. Kept on the namespace:
  // instant navigation runs this file again with each page's bundle.
  var loading = annotrain._loading = annotrain._loading || {};
  var live = annotrain._liveQuizzes = annotrain._liveQuizzes || new WeakMap(); // quiz root -> its controller

  function loadTypes(root, ctx) {
    var src = root.getAttribute("data-annotrain-load");
    if (!src) return Promise.resolve();
    var url = new URL(src, document.baseURI).href;
    linkStyle(root);
    if (!loading[url]) {
      loading[url] = new Promise(function (resolve, reject) {
        var script = el("script");
        script.src = url;
        script.onload = function () {
          ctx.typeMessages();
          resolve();
        };
        script.onerror = function () {
          delete loading[url]; // let a later attempt try again
          reject(new Error("could not load " + url));
        };
        document.head.appendChild(script);
      });
    }
    return loading[url];
  }

  // The types' stylesheet, linked again when it is missing: instant navigation (a new
  // page, or a fragment change) brings the head in line with the served page, which
  // drops the link, while the script it loaded stays in memory.
  function linkStyle(root) {
    var style = root.getAttribute("data-annotrain-load-style");
    var href = style && new URL(style, document.baseURI).href;
    if (!href || document.querySelector('link[href="' + href + '"]')) return;
    var link = document.head.appendChild(el("link"));
    link.rel = "stylesheet";
    link.href = href;
  }

  function need(root, selector) {
    var node = root.querySelector(selector);
    if (!node) throw new Error("the quiz markup has no " + selector);
    return node;
  }

  function mount(root, ctx) {
    var core = annotrain.quizCore;
    var progress = annotrain.progress;
    var grader = annotrain.grader;
    var results = annotrain.quizResult;
    var t = ctx.t;
    var id = root.getAttribute("data-annotrain-quiz");
    var quiz = JSON.parse(root.getAttribute("data-annotrain-quiz-data"));
    if (quiz.id !== id) throw new Error("data-annotrain-quiz " + id + " holds the data of quiz " + quiz.id);
    if (!core) throw new Error("quiz-core.js is not in this page's bundle");
    function typesLoaded() { return loadTypes(root, ctx); }
    // A sealed simulation is graded by the trainer, like an exam (simulation.js runs it).
    var exam = quiz.mode === "exam" || Boolean(quiz.simulation && quiz.simulation.sealed);
    var practice = quiz.mode === "practice";
    var ticketed = exam && quiz.keys !== null && typeof quiz.keys === "object";

    // Every task of the bank: its <li>, task JSON and (once loaded) widget.
    var items = {};
    Array.prototype.forEach.call(root.querySelectorAll(".annotrain-quiz-task[data-annotrain-id]"), function (li) {
      var taskId = li.getAttribute("data-annotrain-id");
      if (Object.prototype.hasOwnProperty.call(quiz.tasks, taskId)) items[taskId] = { li: li, task: quiz.tasks[taskId].task };
    });
    Object.keys(quiz.tasks).forEach(function (taskId) {
      if (!items[taskId]) throw new Error("task " + taskId + " has no .annotrain-quiz-task element");
      if (!exam && !items[taskId].task.gold && !quiz.simulation) throw new Error("task " + taskId + " has no gold in mode " + quiz.mode);
    });

    // The task types' scripts (graders and widgets) arrive when an attempt starts
    // or resumes (typesLoaded): a learner who only reads the intro never loads
    // them. Each widget is mounted on its first use.
    function widgetOf(item) {
      if (!item.widget) {
        var widget = (annotrain.widgets || {})[item.task.type];
        if (!widget) throw new Error("tasktypes/" + item.task.type + "/widget.js is not loaded");
        item.widget = widget; // first: mounting may already report a change
        if (widget.mount) widget.mount(item.li, item.task, { t: ctx.t, messages: ctx.messages() });
      }
      return item.widget;
    }

    var intro = need(root, ".annotrain-quiz-intro");
    var form = need(root, ".annotrain-quiz-start");
    var startButton = need(form, '[data-annotrain-action="start"]');
    var attemptsLine = need(root, ".annotrain-quiz-attempts");
    var run = need(root, ".annotrain-quiz-run");
    var bar = need(run, ".annotrain-quiz-bar");
    var status = need(bar, ".annotrain-quiz-status");
    var position = need(run, ".annotrain-quiz-position");
    var timer = need(run, ".annotrain-quiz-timer");
    var list = need(run, ".annotrain-quiz-tasks");
    var nav = need(run, ".annotrain-quiz-nav");
    var previous = need(nav, '[data-annotrain-action="previous"]');
    var next = need(nav, '[data-annotrain-action="next"]');
    var result = need(root, ".annotrain-quiz-result");
    var gate = null; // the ticket part of the intro (ticketed exams)

    // Parts only the script can use.
    var history = el("ul", "annotrain-quiz-history");
    attemptsLine.parentNode.insertBefore(history, attemptsLine.nextSibling);
    // The timer shows the bare clock; its label sits beside it, on the same line, and names it.
    var timerLabel = el("span", "annotrain-quiz-timer-label", t("quiz_time_left"));
    timerLabel.id = (root.id || "annotrain-quiz-" + id) + "-timer-label";
    var clock = timer.parentNode.insertBefore(el("span", "annotrain-quiz-clock"), timer);
    clock.append(timerLabel, " ", timer);
    timer.setAttribute("aria-labelledby", timerLabel.id);
    // Time warnings show under the clock; the live region says them too.
    var warning = bar.insertBefore(el("p", "annotrain-quiz-warning"), status.nextSibling);
    var announcer = root.appendChild(el("div", "annotrain-sr-only"));
    announcer.setAttribute("role", "status");
    announcer.setAttribute("aria-live", "polite");
    // The result takes the place of the intro: its headings take the intro title's level.
    var title = intro.querySelector("h1, h2, h3, h4, h5, h6");
    var headingTag = title ? title.tagName.toLowerCase() : "h2";
    var reviewTitle = el(headingTag, "annotrain-quiz-review-title", t("quiz_review_title"));
    run.insertBefore(reviewTitle, run.firstChild);
    // Whose attempt is running, on a ticketed exam (and a word on another ticket given meanwhile).
    var ticketNote = el("p", "annotrain-quiz-ticket-note");
    run.insertBefore(ticketNote, bar);
    // The result sits above the answers it sums up.
    root.insertBefore(result, run);
    result.setAttribute("role", "region");
    if (!result.hasAttribute("tabindex")) result.tabIndex = -1;
    Object.keys(items).forEach(function (taskId) {
      var li = items[taskId].li;
      if (!practice) return;
      var box = li.querySelector(".annotrain-feedback");
      [["check-task", "check"], ["retry-task", "try_again"], ["reveal-task", "show_answer"]].forEach(function (spec, i) {
        var button = el("button", "md-button annotrain-button annotrain-quiz-check", t(spec[1]));
        button.type = "button";
        button.hidden = i > 0;
        button.setAttribute("data-annotrain-action", spec[0]);
        li.insertBefore(button, box);
      });
    });

    var ticking = null;
    var warned = {};
    var sim = null; // a simulation's runner (simulation.js): it takes the task list's place

    // "Contest this task" (quiz-contest.js): during the attempt when the quiz has no
    // review, else on each answer of the review.
    var contest = annotrain.quizContest.mount({
      id: id, prefix: root.id || "annotrain-quiz-" + id, t: t, data: ctx.data, save: ctx.save, say: say
    });
    var contestDuring = annotrain.quizContest.noReview(quiz);
    var contestInReview = annotrain.quizContest.inReview(quiz);

    // The task list and flags (quiz-nav.js); a jump shows the task and moves into it.
    var taskNav = annotrain.quizNav.mount(run, {
      id: root.id || "annotrain-quiz-" + id,
      t: t,
      current: current,
      answered: function (taskId) {
        var attempt = current();
        return Boolean(attempt) && core.unanswered(quiz, [taskId], attempt.responses) === 0;
      },
      flagged: function () { return progress.quizFlags(ctx.data(), id); },
      flag: function (taskId, on) {
        progress.recordQuizFlag(ctx.data(), id, taskId, on);
        ctx.save();
      },
      jump: function (index) {
        if (quiz.layout !== "all") return goTo(index);
        var item = items[current().tasks[index]];
        item.li.scrollIntoView();
        focusTask(item);
      }
    });
    if (quiz.simulation) {
      sim = annotrain.quizSimulation.mount(root, quiz, {
        t: t, ctx: ctx, current: current, goTo: goTo, submit: submit, gradeOf: gradeOf, say: say, headingTag: headingTag,
        response: function (taskId) { return widgetOf(items[taskId]).getResponse(items[taskId].li); },
        answer: function (taskId, response) {
          progress.recordQuizAnswer(ctx.data(), id, taskId, response);
          ctx.save();
        }
      });
    }

    // --- grading ahead ------------------------------------------------------------
    // Each answer is graded while the page is idle, so Submit only sums up: grading
    // fifty tasks at once (polygon areas, word alignments) is the slowest part of a
    // submit on a slow phone. A grade counts only for the very response it graded.

    var early = {}; // task id -> {key: the response as JSON, grade}
    var waiting = null; // task ids answered since the last idle run, once one is asked for

    function gradeSoon(taskId) {
      if (exam || (sim && !sim.gold([taskId]).length)) return; // nothing graded here; a work item, never
      if (!waiting) {
        waiting = {};
        ctx.idle(gradeWaiting);
      }
      waiting[taskId] = true;
    }

    function gradeWaiting() {
      var ids = Object.keys(waiting);
      waiting = null;
      var attempt = current();
      if (!attempt) return;
      var responses = attempt.responses || {};
      ids.forEach(function (taskId) {
        gradeOf(taskId, Object.prototype.hasOwnProperty.call(responses, taskId) ? responses[taskId] : undefined);
      });
    }

    // The grade of `response` to a task: from the idle grading if it is the same response.
    function gradeOf(taskId, response) {
      var key = response === undefined ? "" : JSON.stringify(response);
      var kept = early[taskId];
      if (kept && kept.key === key) return kept.grade;
      var grade = grader.grade(items[taskId].task, response, ctx.messages());
      early[taskId] = { key: key, grade: grade };
      return grade;
    }

    var reviewing = 0; // counts reviews of answers begun, so an old one can tell it is stale
    var placed = []; // ids of the tasks laid out for the current or last attempt

    // --- stored state ----------------------------------------------------------------

    function current() {
      return progress.quizCurrent(ctx.data(), id);
    }

    function attemptsLeft() {
      if (ticketed) return null; // each ticket is one attempt: the trainer counts them
      return progress.quizAttemptsLeft(ctx.data(), id, quiz.attempts);
    }

    function setView(name) {
      if (name !== "result") reviewing += 1; // a review still being built stops
      root.setAttribute("data-annotrain-view", name);
      intro.hidden = name !== "intro";
      run.hidden = name === "intro" || (name === "result" && (exam || Boolean(sim)));
      result.hidden = name !== "result";
      bar.hidden = nav.hidden = name !== "run";
      reviewTitle.hidden = name !== "result";
      var container = root.closest(".md-container"); // quiz.css hides "Back to top"
      if (!container) return;
      if (name === "run") container.setAttribute("data-annotrain-quiz-running", "");
      else container.removeAttribute("data-annotrain-quiz-running");
    }

    function say(text) {
      announcer.textContent = text;
    }

    // --- tasks -------------------------------------------------------------------------

    function resetTask(item) {
      var li = item.li;
      li.hidden = true;
      widgetOf(item).lock(li, false);
      widgetOf(item).clear(li);
      li.querySelector(".annotrain-feedback").textContent = "";
      li.removeAttribute("data-annotrain-score");
      li.removeAttribute("data-annotrain-passed");
      li.removeAttribute("data-annotrain-revealed");
      var label = li.querySelector(".annotrain-quiz-number");
      if (label) label.remove();
      contest.detach(li);
      taskButtons(li, true, false, false);
    }

    // Practice mode: which of a task's Check, Try again and Show answer are offered.
    function taskButtons(li, check, retry, reveal) {
      [["check-task", check], ["retry-task", retry], ["reveal-task", reveal]].forEach(function (spec) {
        var button = li.querySelector('[data-annotrain-action="' + spec[0] + '"]');
        if (button) button.hidden = !spec[1];
      });
    }

    function numberTask(item, index, total) {
      var label = el("p", "annotrain-quiz-number", t("quiz_position", { number: index + 1, total: total }));
      item.li.insertBefore(label, item.li.firstChild);
    }

    // A task's grade and feedback, with the gold unless `hidden`; `note`: a message key.
    function showGrade(item, grade, response, hidden, note) {
      var li = item.li;
      var task = hidden ? ctx.withoutGold(item.task) : item.task;
      widgetOf(item).lock(li, true);
      widgetOf(item).showResult(li, task, grade, response, ctx.messages());
      ctx.feedback(li.querySelector(".annotrain-feedback"), task, grade, 0, note);
      li.setAttribute("data-annotrain-score", String(grade.score));
      li.setAttribute("data-annotrain-passed", String(grade.passed));
      li.setAttribute("data-annotrain-revealed", String(!hidden));
      taskButtons(li, false, false, false);
    }

    // Practice mode: the checked task's result. Its notes name no gold until its
    // answer was shown or passed; a passing answer is final, a wrong one may be
    // tried again, and its answer shown.
    function showCheck(item, response, note) {
      var state = progress.quizTask(ctx.data(), id, item.li.getAttribute("data-annotrain-id"));
      var grade = grader.grade(item.task, response, ctx.messages(), !state.revealed);
      var show = state.revealed || grade.passed;
      if (show && !state.revealed) grade = grader.grade(item.task, response, ctx.messages());
      showGrade(item, grade, response, !show, note);
      taskButtons(item.li, false, !grade.passed, !show);
    }

    function focusTask(item) {
      var li = item.li;
      if (widgetOf(item).focus) {
        widgetOf(item).focus(li);
        return;
      }
      var input = li.querySelector("input:checked:not(:disabled)") || li.querySelector("input:not(:disabled), textarea, select");
      if (input) {
        input.focus();
        return;
      }
      var prompt = li.querySelector(".annotrain-prompt") || li;
      if (!prompt.hasAttribute("tabindex")) prompt.tabIndex = -1;
      prompt.focus();
    }

    // Back to the page's state for the tasks laid out last: only those were shown,
    // answered or graded (a bank can hold a thousand tasks; an attempt, a few dozen).
    function resetPlaced() {
      placed.forEach(function (taskId) { resetTask(items[taskId]); });
      placed = [];
    }

    // Lay out the drawn tasks, in draw order, with the stored answers.
    function placeTasks(attempt) {
      resetPlaced();
      placed = attempt.tasks.slice();
      attempt.tasks.forEach(function (taskId) {
        var item = items[taskId];
        list.appendChild(item.li);
        var response = attempt.responses[taskId];
        if (response !== undefined) widgetOf(item).setResponse(item.li, response);
        if (contestDuring) contest.attach(item.li, taskId, null);
      });
    }

    // --- intro -------------------------------------------------------------------------

    function attemptLine(entry, number) {
      var when = ctx.day(entry.submitted);
      if (typeof entry.score !== "number") return t("quiz_history_submitted", { number: number, date: when });
      return t("quiz_history_graded", {
        number: number, date: when, score: ctx.percent(entry.score),
        verdict: t(entry.passed ? "passed" : "not_passed")
      });
    }

    function showIntro() {
      setView("intro");
      var attempts = progress.quizAttempts(ctx.data(), id);
      var left = attemptsLeft();
      if (left === null) attemptsLine.textContent = attempts.length ? t("quiz_attempts_used", { count: attempts.length }) : "";
      else if (left > 0) attemptsLine.textContent = t("quiz_attempt_of", { number: attempts.length + 1, total: quiz.attempts });
      else attemptsLine.textContent = t("quiz_no_attempts_left", { total: quiz.attempts });
      updateStart();
      history.textContent = "";
      attempts.forEach(function (entry, index) {
        var li = history.appendChild(el("li", null, attemptLine(entry, index + 1) + " "));
        if (entry.attempt) {
          var button = li.appendChild(el("button", "annotrain-link-button", t("quiz_history_download", { number: index + 1 })));
          button.type = "button";
          button.setAttribute("data-annotrain-action", "download-attempt");
          button.setAttribute("data-annotrain-attempt", String(index));
        }
      });
    }

    // --- run ---------------------------------------------------------------------------

    function showTask(index, focus) {
      var attempt = current();
      var last = attempt.tasks.length - 1;
      index = Math.max(0, Math.min(index, last));
      attempt.tasks.forEach(function (taskId, i) { items[taskId].li.hidden = i !== index; });
      widgetOf(items[attempt.tasks[index]]); // live on screen, also when not focused (a resume)
      position.textContent = t("quiz_position", { number: index + 1, total: attempt.tasks.length });
      previous.disabled = index === 0;
      next.disabled = index === last;
      if (sim) sim.showing(index);
      taskNav.here(index);
      if (!focus) return;
      var li = items[attempt.tasks[index]].li;
      // After a long task the new one's top may be up under the bar: bring it back.
      if (li.getBoundingClientRect().top < bar.getBoundingClientRect().bottom) li.scrollIntoView();
      focusTask(items[attempt.tasks[index]]);
    }

    function showRun(focus) {
      var attempt = current();
      setView("run");
      var ticket = gate && runningTicket(attempt);
      ticketNote.textContent = ticket ? gate.describe(ticket) : "";
      placeTasks(attempt);
      taskNav.show();
      if (practice) {
        Object.keys(attempt.checked || {}).forEach(function (taskId) {
          var item = items[taskId];
          if (!item || attempt.tasks.indexOf(taskId) === -1) return;
          showCheck(item, attempt.responses[taskId]);
        });
      }
      var all = quiz.layout === "all" || !attempt.tasks.length;
      previous.hidden = next.hidden = all;
      if (all) {
        position.textContent = t("quiz_task_count", { total: attempt.tasks.length });
        attempt.tasks.forEach(function (taskId, i) {
          items[taskId].li.hidden = false;
          widgetOf(items[taskId]); // every task on the page takes input, not only the focused one
          numberTask(items[taskId], i, attempt.tasks.length);
        });
        if (focus && attempt.tasks.length) focusTask(items[attempt.tasks[0]]);
      } else {
        showTask(attempt.position || 0, focus);
      }
      startTimer();
    }

    function move(step) {
      var attempt = current();
      if (attempt) goTo((attempt.position || 0) + step);
    }

    function goTo(index) {
      progress.recordQuizPosition(ctx.data(), id, index);
      ctx.save();
      showTask(current().position, true);
    }

    function stopTimer() {
      if (ticking !== null) clearInterval(ticking);
      ticking = null;
    }

    function tick() {
      if (!root.isConnected) { // instant navigation took the page away
        stopTimer();
        return;
      }
      var attempt = current();
      if (!attempt) {
        stopTimer();
        return;
      }
      var left = core.remaining(attempt.deadline, ctx.now());
      if (left === null) return;
      timer.textContent = core.clock(left);
      WARN_AT.forEach(function (mark) {
        if (left <= mark && left > 0 && !warned[mark] && quiz.time_limit * MINUTE > mark) {
          warned[mark] = true;
          warning.textContent = t("quiz_minutes_left", { minutes: Math.ceil(left / MINUTE) });
          say(warning.textContent);
        }
      });
      if (left <= 0) {
        stopTimer();
        submit({ timeUp: true });
      }
    }

    function startTimer() {
      stopTimer();
      var attempt = current();
      clock.hidden = !attempt.deadline;
      timer.textContent = warning.textContent = "";
      if (!attempt.deadline) return;
      tick();
      if (current()) ticking = setInterval(tick, 1000);
    }

    // Start an attempt once the task types are loaded; a promise of the attempt.
    // A ticketed exam needs options.ticket (a token), checked again here: its
    // window may have closed, or the ticket been used, since the intro checked it.
    function start(options) {
      if (current()) return Promise.reject(new Error("annotrain: quiz " + id + " already has an attempt in progress"));
      if (attemptsLeft() === 0) return Promise.reject(new Error("annotrain: quiz " + id + " has no attempts left"));
      if (!ticketed) return typesLoaded().then(function () { return begin(options); });
      if (!options.ticket) return Promise.reject(new Error("annotrain: quiz " + id + " needs an exam ticket"));
      return startWithTicket(options.ticket).then(function (attempt) {
        if (!attempt) throw new Error("annotrain: quiz " + id + ": the ticket is refused (" + gate.state() + ")");
        return attempt;
      });
    }

    // A promise of the attempt begun on the ticket `token`, or of null when the
    // ticket is refused (the intro then says why).
    function startWithTicket(token) {
      return gate.check(token).then(function (verdict) {
        if (!verdict.ok) return null;
        return typesLoaded().then(function () { return begin({ ticket: verdict }); });
      });
    }

    function begin(options) {
      if (current()) throw new Error("annotrain: quiz " + id + " already has an attempt in progress");
      var now = ctx.now();
      // Only a ticketed exam takes a ticket: only its page loads tickets.js.
      var ticket = ticketed && options.ticket ? options.ticket.claims : null;
      var seed = options.seed === undefined || options.seed === null ? newSeed() : options.seed >>> 0;
      if (ticket) seed = ticket.seed >>> 0; // the trainer's draw, so grading draws the same
      var candidate = ticket ? annotrain.tickets.ticketCandidate(ticket) : {};
      var name = !ticket && typeof options.name === "string" ? options.name.trim() : "";
      if (name) candidate.name = name;
      progress.startQuiz(ctx.data(), id, {
        version: quiz.version,
        seed: seed,
        started: new Date(now).toISOString(),
        deadline: core.deadline(quiz, now, ticket),
        tasks: core.draw(quiz, seed),
        candidate: candidate,
        ticket: ticket ? { id: ticket.id, token: options.ticket.token } : null
      });
      ctx.save();
      root.dispatchEvent(new CustomEvent("annotrain:quiz-started", {
        bubbles: true, detail: { quiz: id, mode: quiz.mode, title: quiz.title, attempt: copy(current()) }
      }));
      warned = {};
      root.removeAttribute("data-annotrain-score");
      root.removeAttribute("data-annotrain-passed");
      result.textContent = "";
      showRun(true);
      return copy(current());
    }

    function answer(taskId, response) {
      var attempt = current();
      if (!attempt) throw new Error("annotrain: quiz " + id + " has no attempt in progress");
      if (attempt.tasks.indexOf(taskId) === -1) throw new Error("annotrain: task " + taskId + " is not in this attempt");
      var item = items[taskId];
      widgetOf(item).setResponse(item.li, response);
      var shown = widgetOf(item).getResponse(item.li); // what the learner would have given
      progress.recordQuizAnswer(ctx.data(), id, taskId, shown);
      ctx.save();
      gradeSoon(taskId);
      taskNav.refresh();
      return copy(shown);
    }

    function onChange(event) {
      var li = event.target.closest(".annotrain-quiz-task");
      var attempt = current();
      if (!li || !attempt) return;
      var taskId = li.getAttribute("data-annotrain-id");
      var item = items[taskId];
      if (!item || attempt.tasks.indexOf(taskId) === -1) return;
      var response = widgetOf(item).getResponse(item.li);
      // A widget starting up, or a landmark picked, reports a change that answers nothing.
      var before = Object.prototype.hasOwnProperty.call(attempt.responses || {}, taskId);
      if (!before && grader.missing(item.task, response)) return;
      progress.recordQuizAnswer(ctx.data(), id, taskId, response);
      ctx.save();
      gradeSoon(taskId);
      taskNav.refresh();
    }

    // Practice mode: grade one task now (see showCheck).
    function checkTask(li) {
      var taskId = li.getAttribute("data-annotrain-id");
      var item = items[taskId];
      var attempt = current();
      if (!item || !attempt || attempt.tasks.indexOf(taskId) === -1) return;
      var response = widgetOf(item).getResponse(li);
      var box = li.querySelector(".annotrain-feedback");
      var missing = grader.missing(item.task, response);
      if (missing) {
        box.textContent = "";
        box.appendChild(el("p", "annotrain-no-answer", t(missing)));
        box.focus();
        return;
      }
      var before = progress.quizTask(ctx.data(), id, taskId);
      var passed = grader.grade(item.task, response, ctx.messages()).passed;
      progress.recordQuizAnswer(ctx.data(), id, taskId, response);
      progress.recordQuizCheck(ctx.data(), id, taskId, passed);
      var auto = !before.revealed && !passed &&
        progress.quizTask(ctx.data(), id, taskId).wrong >= ctx.revealAfter(item.task, quiz);
      if (auto) progress.recordQuizReveal(ctx.data(), id, taskId);
      ctx.save();
      taskNav.refresh();
      showCheck(item, response, auto ? "answer_shown" : null);
      box.focus();
    }

    // Practice mode: the checked task's answer may change again; it stays as it was.
    function retryTask(li) {
      var taskId = li.getAttribute("data-annotrain-id");
      var item = items[taskId];
      var attempt = current();
      if (!item || !attempt || !progress.recordQuizRetry(ctx.data(), id, taskId)) return;
      ctx.save();
      widgetOf(item).lock(li, false);
      widgetOf(item).clear(li);
      widgetOf(item).setResponse(li, attempt.responses[taskId]);
      li.querySelector(".annotrain-feedback").textContent = "";
      li.removeAttribute("data-annotrain-score");
      li.removeAttribute("data-annotrain-passed");
      li.removeAttribute("data-annotrain-revealed");
      taskButtons(li, true, false, false);
      focusTask(item);
    }

    // Practice mode: show the checked task's answer; the attempt file will say so.
    function revealTask(li) {
      var taskId = li.getAttribute("data-annotrain-id");
      var attempt = current();
      if (!attempt || !progress.recordQuizReveal(ctx.data(), id, taskId)) return;
      ctx.save();
      showCheck(items[taskId], attempt.responses[taskId], "answer_shown");
      li.querySelector(".annotrain-feedback").focus();
    }

    // --- submit and result -----------------------------------------------------------

    /**
     * Submit the attempt in progress. options: {timeUp} (the timer ran out),
     * {direct} (no confirmation: the API). Returns the quiz grade (exam mode: the
     * attempt file), or null when there is nothing to submit or the learner
     * cancelled.
     */
    function submit(options) {
      options = options || {};
      var attempt = current();
      if (!attempt) return null;
      if (!options.timeUp && !options.direct) {
        var open = core.unanswered(quiz, attempt.tasks, attempt.responses);
        var flagged = taskNav.flagged();
        var ask = { count: open, flagged: flagged, total: attempt.tasks.length };
        var key = flagged ? (open ? "quiz_confirm_both" : "quiz_confirm_flagged") : "quiz_confirm_unanswered";
        if ((open || flagged) && !window.confirm(t(key, ask))) return null;
      }
      stopTimer();
      var scored = sim ? sim.gold(attempt.tasks) : attempt.tasks; // work items have no gold
      var grade = exam ? null : core.gradeQuiz(quiz, scored, attempt.responses, ctx.messages(), gradeOf);
      var replayed = sim ? sim.finish(attempt, grade) : null; // the rule's verdict joins the grade's
      var file = core.attemptFile(quiz, quiz.site || ctx.site, attempt, new Date(ctx.now()).toISOString(),
        grade ? core.clientSummary(grade) : null);
      if (replayed) file.trace = replayed.trace;
      progress.recordQuizAttempt(ctx.data(), id, file);
      ctx.save();
      if (grade) {
        root.setAttribute("data-annotrain-score", String(grade.score));
        root.setAttribute("data-annotrain-passed", String(grade.passed));
      }
      showResult(file, grade, options.timeUp);
      root.dispatchEvent(new CustomEvent("annotrain:quiz-graded", {
        bubbles: true, detail: grade || { quiz: id, submitted: true }
      }));
      // The attempt file as downloaded; `stopped`: a work simulation's rule ended it.
      root.dispatchEvent(new CustomEvent("annotrain:quiz-submitted", {
        bubbles: true,
        detail: {
          quiz: id, mode: quiz.mode, title: quiz.title, file: file, grade: grade,
          stopped: replayed ? replayed.stop || null : null, submit_to: quiz.submit_to || null
        }
      }));
      if (sim) sim.focus();
      else result.focus();
      return grade || file;
    }

    function actionButton(parent, action, key, primary) {
      var button = parent.appendChild(el("button", "md-button annotrain-button" + (primary ? " md-button--primary" : ""), t(key)));
      button.type = "button";
      button.setAttribute("data-annotrain-action", action);
      return button;
    }

    function showResult(file, grade, timeUp) {
      setView("result");
      taskNav.finish();
      result.textContent = "";
      if (sim) sim.result(result, file, grade, timeUp);
      else quizResult(file, grade, timeUp);
      var actions = result.appendChild(el("div", "annotrain-actions"));
      actionButton(actions, "download-attempt", "quiz_download_attempt", !grade || !grade.passed);
      if (grade && grade.passed) actionButton(actions, "download-record", "quiz_download_record", true);
      if (ticketed) actionButton(actions, "retry", "quiz_ticket_another", false);
      else if (attemptsLeft() !== 0) actionButton(actions, "retry", "try_again", false);
      result.setAttribute("data-annotrain-attempt", String(progress.quizAttempts(ctx.data(), id).length - 1));
      if (grade && !sim) reviewAnswers(file, grade);
      if (sim && contestInReview) contestMissed();
    }

    function quizResult(file, grade, timeUp) {
      // An exam has no result to show here: its heading says what did happen.
      var titleKey = grade ? "quiz_result_title" : "quiz_exam_result_title";
      var heading = result.appendChild(el(headingTag, "annotrain-quiz-result-title", t(titleKey)));
      heading.id = root.id ? root.id + "-result" : "";
      if (heading.id) result.setAttribute("aria-labelledby", heading.id);
      else result.setAttribute("aria-label", t(titleKey));
      if (timeUp) result.appendChild(el("p", "annotrain-quiz-time-up", t("quiz_time_up")));
      if (!grade) {
        result.appendChild(el("p", "annotrain-summary annotrain-quiz-submitted", t("quiz_exam_submitted")))
          .setAttribute("data-annotrain-verdict", "submitted");
        result.appendChild(el("p", "annotrain-quiz-next", t("quiz_exam_next")));
      } else {
        var summary = result.appendChild(el("p", "annotrain-summary", t("result_summary", {
          verdict: t(grade.passed ? "passed" : "not_passed"),
          score: ctx.percent(grade.score),
          pass_mark: ctx.percent(quiz.pass)
        })));
        summary.setAttribute("data-annotrain-verdict", grade.passed ? "passed" : "not-passed");
        results.heldBack(grade, ctx).forEach(function (line) { result.appendChild(line); });
        var critical = result.appendChild(el("p", "annotrain-quiz-critical", t("quiz_critical_failures", {
          count: grade.critical_failures, allowed: quiz.max_critical
        })));
        if (grade.critical_failures > quiz.max_critical) critical.className += " annotrain-critical-failed";
        if (file.revealed.length) {
          result.appendChild(el("p", "annotrain-quiz-revealed", t("quiz_revealed", {
            count: file.revealed.length, total: file.tasks.length
          })));
        }
        var sections = results.sectionsTable(grade, ctx);
        if (sections) result.appendChild(sections);
        if (Object.keys(grade.criteria).length) result.appendChild(results.criteriaTable(grade, quiz, ctx));
      }
    }

    // An open simulation's review is its list of missed control tasks: each can be contested.
    function contestMissed() {
      var stored = Number(result.getAttribute("data-annotrain-attempt"));
      var missed = result.querySelectorAll(".annotrain-sim-missed > li[data-annotrain-id]");
      Array.prototype.forEach.call(missed, function (li) {
        contest.attach(li, li.getAttribute("data-annotrain-id"), stored);
      });
    }

    // The answers, each with its gold and feedback, below the result: in small
    // batches once the result is on screen. Building all fifty of a long quiz at
    // once kept a phone-class processor busy for over 30 ms after Submit. Leaving
    // the result view cancels the rest.
    function reviewAnswers(file, grade) {
      var token = ++reviewing;
      var index = 0;
      var stored = Number(result.getAttribute("data-annotrain-attempt")); // keeps contests made here
      function batch() {
        if (token !== reviewing || !root.isConnected) return;
        var end = Math.min(index + REVIEW_BATCH, file.tasks.length);
        for (; index < end; index++) {
          var item = items[file.tasks[index]];
          item.li.hidden = false;
          if (!item.li.querySelector(".annotrain-quiz-number")) numberTask(item, index, file.tasks.length);
          showGrade(item, grade.tasks[file.tasks[index]], file.responses[file.tasks[index]]);
          if (contestInReview) contest.attach(item.li, file.tasks[index], stored);
        }
        if (index < file.tasks.length) setTimeout(batch, 0);
        else root.setAttribute("data-annotrain-reviewed", "");
      }
      root.removeAttribute("data-annotrain-reviewed");
      setTimeout(batch, 0);
    }

    function storedAttempt(index) {
      var entry = progress.quizAttempts(ctx.data(), id)[index];
      return entry && entry.attempt ? entry.attempt : null;
    }

    function downloadAttempt(file) {
      annotrain.download(core.fileName(file.quiz, "attempt", file.submitted, "json"),
        JSON.stringify(file, null, 2) + "\n", "application/json");
    }

    function downloadRecord(file) {
      annotrain.download(core.fileName(file.quiz, "practice-record", file.submitted, "html"), results.practiceRecord(file, quiz, ctx), "text/html");
    }

    function retry() {
      root.removeAttribute("data-annotrain-score");
      root.removeAttribute("data-annotrain-passed");
      resetPlaced();
      result.textContent = "";
      showIntro();
      if (gate) gate.check(); // the ticket just used is now refused as used
      var first = form.querySelector("input");
      (first || startButton).focus();
    }

    // --- events --------------------------------------------------------------------------

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      // Not disabled while loading: a disabled button would drop keyboard focus.
      if (current() || attemptsLeft() === 0 || root.hasAttribute("aria-busy")) return;
      if (ticketed && !gate.ticket()) {
        gate.check(); // Enter in the ticket field: check what is there
        return;
      }
      root.setAttribute("aria-busy", "true");
      var begun = ticketed
        ? startWithTicket(gate.ticket().token)
        : start({ name: form.elements.name ? form.elements.name.value : "" });
      begun.catch(loadFailed).then(function () { root.removeAttribute("aria-busy"); });
    });
    list.addEventListener("change", onChange);
    root.addEventListener("click", function (event) {
      var target = event.target.closest("[data-annotrain-action]");
      if (!target || !root.contains(target)) return;
      var name = target.getAttribute("data-annotrain-action");
      if (name === "previous") move(-1);
      else if (name === "next") { if (sim) sim.next(); else move(1); }
      else if (name === "submit") submit({});
      else if (name === "check-task") checkTask(target.closest(".annotrain-quiz-task"));
      else if (name === "retry-task") retryTask(target.closest(".annotrain-quiz-task"));
      else if (name === "reveal-task") revealTask(target.closest(".annotrain-quiz-task"));
      else if (name === "retry") retry();
      else if (name === "download-record" || name === "download-attempt") {
        var index = target.hasAttribute("data-annotrain-attempt")
          ? Number(target.getAttribute("data-annotrain-attempt"))
          : Number(result.getAttribute("data-annotrain-attempt"));
        var file = storedAttempt(index);
        if (!file) return;
        if (name === "download-attempt") downloadAttempt(file);
        else if (file.client) downloadRecord(file);
      }
    });

    // --- tickets ----------------------------------------------------------------------------

    /** The claims of the ticket an attempt was started with (stored by this page), or null. */
    function runningTicket(attempt) {
      var token = attempt && attempt.ticket ? attempt.ticket.token : null;
      var parts = token ? annotrain.tickets.splitToken(token) : null;
      return parts ? parts.claims : null;
    }

    // Start is available only when it can start something; focus never stays on
    // a button that was just disabled.
    function updateStart() {
      var off = attemptsLeft() === 0 || Boolean(gate && !gate.ticket());
      if (off && document.activeElement === startButton && gate) ticketField.focus();
      startButton.disabled = off;
    }

    // A ticket in the address (on load, or a link followed on this page): checked
    // in the intro; during an attempt, the attempt in progress goes on and says so
    // if the ticket is another one.
    function ticketFromAddress() {
      if (!root.isConnected) { // instant navigation took the page away
        window.removeEventListener("hashchange", ticketFromAddress);
        return;
      }
      var token = gate.fromAddress();
      if (token === null) return;
      var attempt = current();
      if (attempt) {
        var mine = runningTicket(attempt);
        var given = annotrain.tickets.splitToken(token);
        if (mine && given && given.claims.id !== mine.id) {
          var text = t("ticket_in_progress", { name: mine.candidate.name, attempt: mine.attempt });
          ticketNote.textContent = text;
          say(text);
        }
        return;
      }
      if (root.getAttribute("data-annotrain-view") === "result") retry();
      ticketField.value = token;
      gate.check(token);
    }

    var ticketField = null;
    if (ticketed) {
      ticketField = need(form, 'input[name="ticket"]');
      gate = annotrain.quizTicket.mount({ input: ticketField, status: need(form, ".annotrain-quiz-ticket-status") }, quiz, {
        t: t,
        now: ctx.now,
        used: function () { return annotrain.tickets.usedTickets(progress.quizAttempts(ctx.data(), id)); },
        say: say,
        changed: updateStart
      });
      window.addEventListener("hashchange", ticketFromAddress);
    }

    // --- first view ----------------------------------------------------------------------

    var resumed = current();
    if (resumed && (resumed.version !== quiz.version || resumed.tasks.some(function (taskId) { return !items[taskId]; }))) {
      // Built again with other tasks or settings: that attempt can no longer be graded.
      progress.dropQuizCurrent(ctx.data(), id);
      ctx.save();
      resumed = null;
      showIntro();
      say(t("quiz_changed"));
      attemptsLine.textContent = t("quiz_changed") + " " + attemptsLine.textContent;
    } else if (resumed) {
      showIntro();
      typesLoaded().then(function () {
        showRun(false);
        if (gate) ticketFromAddress(); // another ticket in the link: this attempt goes on
        if (core.remaining(resumed.deadline, ctx.now()) === 0) submit({ timeUp: true });
        else resumed.tasks.forEach(gradeSoon);
      }, loadFailed);
    } else {
      showIntro();
    }
    if (gate && !resumed) {
      if (gate.fromAddress() !== null) ticketFromAddress();
      else if (ticketField.value) gate.check(); // the browser kept what was pasted
    }

    function loadFailed(err) {
      console.error("annotrain: quiz " + id + ": the task types could not be loaded", err);
      attemptsLine.textContent = t("quiz_load_failed");
      say(t("quiz_load_failed"));
    }

    var controller = {
      start: function (options) { return start(options || {}); },
      current: function () { return copy(current()); },
      answer: answer,
      submit: function () { return copy(submit({ direct: true })); },
      attempts: function () { return copy(progress.quizAttempts(ctx.data(), id)); }
    };
    live.set(root, controller);
    return controller;
  }

  function quizRoots() {
    return Array.prototype.filter.call(document.querySelectorAll("[data-annotrain-quiz]"), function (root) {
      return live.has(root);
    });
  }

  function quizFor(id) {
    // By the id quiz.html gives its root first: searching the page for quiz roots
    // cost a large bank's page milliseconds on every call. A theme's copy of
    // quiz.html may lack the id.
    var root = document.getElementById("annotrain-quiz-" + id);
    if (!root || !live.has(root) || root.getAttribute("data-annotrain-quiz") !== id) {
      root = quizRoots().filter(function (r) { return r.getAttribute("data-annotrain-quiz") === id; })[0];
    }
    if (!root) throw new Error('annotrain: no live quiz with id "' + id + '" on this page');
    return live.get(root);
  }

  annotrain.quizRunner = { mount: mount, newSeed: newSeed };
  /** Quizzes on the page, for tests and embedding pages (each its controller above). */
  annotrain.quiz = {
    ids: function () {
      return quizRoots().map(function (root) { return root.getAttribute("data-annotrain-quiz"); });
    },
    start: function (id, options) { return quizFor(id).start(options || {}); },
    current: function (id) { return quizFor(id).current(); },
    answer: function (id, taskId, response) { return quizFor(id).answer(taskId, response); },
    submit: function (id) { return quizFor(id).submit(); },
    attempts: function (id) { return quizFor(id).attempts(); }
  };
})(window.annotrain = window.annotrain || {});
