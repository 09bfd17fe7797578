/* annotrain quiz task list: during an attempt, the list of its tasks to jump to,
 * each saying whether it is answered, flagged for review or the current one; the
 * "Flag for review" toggle on each task; and the bar that carries the position,
 * the timer and the list, kept in view under the site's sticky header (Material's)
 * while the learner scrolls a long task. The position ("Task 3 of 10") is the
 * button that folds the list away and back. On narrow screens the list starts
 * folded and folds again after a jump, so the task it opens is in view.
 *
 * Classic script in the quiz page's bundle, before quiz.js, which calls
 *
 *   annotrain.quizNav.mount(run, hooks)
 *
 * once per quiz, with run the quiz's .annotrain-quiz-run and hooks = {
 *   id (a prefix for element ids), t(key, params), current() (the attempt in
 *   progress, or null), answered(taskId), flagged() (the ids flagged for review),
 *   flag(taskId, on) (store it), jump(index) (show that task and move focus into it)
 * }, and gets back {show() (the attempt's tasks are laid out), here(index) (the task
 * shown or focused), refresh() (answers or flags changed), flagged() (how many),
 * finish() (the attempt is submitted: its tasks lose their flag toggles)}.
 */
(function (annotrain) {
  "use strict";

  var el = annotrain.dom.el;
  var WIDE = "(min-width: 45em)"; // room for the list open beside the task

  function mount(run, hooks) {
    var t = hooks.t;
    var bar = run.querySelector(".annotrain-quiz-bar");
    var status = bar.querySelector(".annotrain-quiz-status");
    var tasks = run.querySelector(".annotrain-quiz-tasks");
    var shown = []; // task ids of the attempt laid out
    var lis = {}; // their task id -> li, found once: a bank may hold a thousand
    var here = 0;

    var panel = bar.appendChild(el("nav", "annotrain-quiz-map"));
    panel.id = hooks.id + "-tasks";
    panel.setAttribute("aria-label", t("quiz_task_list"));
    var buttons = panel.appendChild(el("ol"));
    var summary = panel.appendChild(el("p", "annotrain-quiz-map-summary"));
    // Its name: the position it shows, then what it opens.
    var position = status.querySelector(".annotrain-quiz-position");
    var toggle = status.insertBefore(el("button", "annotrain-quiz-map-toggle"), position);
    toggle.type = "button";
    toggle.setAttribute("aria-controls", panel.id);
    toggle.append(position, el("span", "annotrain-sr-only", ", " + t("quiz_task_list")));

    function open(on) {
      toggle.setAttribute("aria-expanded", String(on));
      panel.hidden = !on;
    }

    function wide() {
      return !window.matchMedia || window.matchMedia(WIDE).matches;
    }

    function flagButton(li) {
      var button = li.querySelector(".annotrain-quiz-flag");
      if (button) return button;
      button = el("button", "md-button annotrain-button annotrain-quiz-flag");
      button.type = "button";
      button.appendChild(el("span", null, "\u2691")).setAttribute("aria-hidden", "true");
      button.appendChild(document.createTextNode(" " + t("quiz_flag")));
      return li.insertBefore(button, li.firstChild);
    }

    function refresh() {
      var marked = hooks.flagged();
      var answered = 0;
      shown.forEach(function (taskId, index) {
        var done = hooks.answered(taskId);
        var flag = marked.indexOf(taskId) !== -1;
        var button = buttons.children[index].firstChild;
        var words = [t("quiz_task_number", { number: index + 1 }), t(done ? "quiz_task_answered" : "quiz_task_open")];
        if (flag) words.push(t("quiz_task_flagged"));
        button.setAttribute("aria-label", words.join(", "));
        button.setAttribute("data-annotrain-answered", String(done));
        button.setAttribute("data-annotrain-flagged", String(flag));
        if (index === here) {
          button.setAttribute("aria-current", "step");
          reveal(button);
        } else {
          button.removeAttribute("aria-current");
        }
        var toggle = flagButton(lis[taskId]);
        toggle.hidden = false;
        toggle.setAttribute("aria-pressed", String(flag));
        if (done) answered += 1;
      });
      summary.textContent = t("quiz_task_summary", { answered: answered, total: shown.length, flagged: marked.length });
    }

    // The current task's number in view inside the list, which scrolls when long.
    function reveal(button) {
      if (panel.hidden) return;
      var box = buttons.getBoundingClientRect();
      var mark = button.getBoundingClientRect();
      if (mark.top < box.top) buttons.scrollTop -= box.top - mark.top + 8;
      else if (mark.bottom > box.bottom) buttons.scrollTop += mark.bottom - box.bottom + 8;
    }

    function show() {
      var attempt = hooks.current();
      shown = attempt ? attempt.tasks.slice() : [];
      here = 0;
      lis = {};
      Array.prototype.forEach.call(tasks.children, function (li) {
        if (shown.indexOf(li.getAttribute("data-annotrain-id")) !== -1) lis[li.getAttribute("data-annotrain-id")] = li;
      });
      buttons.textContent = "";
      shown.forEach(function (taskId, index) {
        var button = buttons.appendChild(el("li")).appendChild(el("button", null, String(index + 1)));
        button.type = "button";
        button.setAttribute("data-annotrain-task", String(index));
      });
      open(wide());
      refresh();
    }

    panel.addEventListener("click", function (event) {
      var button = event.target.closest("[data-annotrain-task]");
      if (!button) return;
      if (!wide()) open(false); // the task, not the list, fills a phone's screen
      hooks.jump(Number(button.getAttribute("data-annotrain-task")));
    });
    panel.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || wide()) return;
      open(false);
      toggle.focus();
    });
    toggle.addEventListener("click", function () {
      open(panel.hidden);
      refresh();
    });
    tasks.addEventListener("click", function (event) {
      var button = event.target.closest(".annotrain-quiz-flag");
      if (!button) return;
      hooks.flag(button.parentNode.getAttribute("data-annotrain-id"), button.getAttribute("aria-pressed") !== "true");
      refresh();
    });
    // With every task on the page, the one the learner works in is the current one.
    // Not in the review after Submit: its tasks keep no flags (a contest there takes focus).
    tasks.addEventListener("focusin", function (event) {
      if (!hooks.current()) return;
      var li = event.target.closest(".annotrain-quiz-task");
      var index = li ? shown.indexOf(li.getAttribute("data-annotrain-id")) : -1;
      if (index !== -1 && index !== here) {
        here = index;
        refresh();
      }
    });

    // The bar sits under the site's header, whatever its height (Material's grows
    // with the screen and with sticky tabs); what gets focus scrolls clear of both.
    function stick() {
      if (!run.isConnected) { // instant navigation took the page away
        if (watch) watch.disconnect();
        return;
      }
      var header = document.querySelector(".md-header");
      var fixed = header && /^(sticky|fixed)$/.test(getComputedStyle(header).position);
      run.style.setProperty("--annotrain-quiz-top", (fixed ? header.offsetHeight : 0) + "px");
      run.style.setProperty("--annotrain-quiz-bar", bar.offsetHeight + "px");
    }
    var watch = window.ResizeObserver ? new ResizeObserver(stick) : null;
    if (watch) {
      watch.observe(bar);
      if (document.querySelector(".md-header")) watch.observe(document.querySelector(".md-header"));
    }

    return {
      show: show,
      here: function (index) {
        here = index;
        refresh();
      },
      refresh: refresh,
      flagged: function () { return hooks.flagged().length; },
      // Hidden one by one, not by a rule on the quiz's view: that made the browser
      // look through every task of the bank on Submit.
      finish: function () {
        shown.forEach(function (taskId) {
          var toggle = lis[taskId].querySelector(".annotrain-quiz-flag");
          if (toggle) toggle.hidden = true;
        });
      }
    };
  }

  annotrain.quizNav = { mount: mount };
})(window.annotrain = window.annotrain || {});
