/* annotrain core: brings the server-rendered parts of a page to life (exercises,
 * the "mark this lesson as done" control, the progress page through
 * progress-page.js, quizzes through quiz.js, the verify page through verify.js) and exposes the small public API
 * window.annotrain (ready, exercises, task, setResponse, getResponse, check,
 * progressData, now; quiz.js adds quiz on pages with a quiz).
 *
 * Last part of the page's bundle (see browser/bundles.py), after the site settings
 * (window.annotrainSite), grader.js, progress.js, progress-page.js where the page
 * has a progress panel, quiz-core.js and quiz.js where it has a quiz, and the
 * tasktypes/<type>/widget.js the page needs. Material's
 * instant navigation swaps pages without a reload and re-inserts the bundle each
 * time, so running this again only re-runs initialisation; pages are also
 * initialised through document$.
 *
 * A widget (tasktypes/<type>/widget.js) is annotrain.widgets[<type>] = {
 *   mount(root, task, ctx)   optional; called once before anything else: build
 *                            controls, add listeners (ctx: {t, messages})
 *   getResponse(root)        the learner's response, in the type's JSON shape
 *   setResponse(root, r)     show a response (restored progress, tests)
 *   lock(root, locked)       after a check: no edits until "Try again"
 *   showResult(root, task, grade, response, messages)  marks and gold overlay
 *   clear(root)              back to no answer
 *   focus(root)              optional; where keyboard focus goes to start on
 *                            the task (after "Try again", on a quiz task shown)
 * } where root is the exercise's element or a quiz task's <li>; the widget
 * keeps any state of its own on that element (or in a WeakMap keyed by it).
 * When the learner changes the response, a bubbling "change" event must reach
 * root (native inputs fire it; custom widgets dispatch it): quiz.js saves
 * answers on it.
 *
 * Why one file of this size: it is the one script every page with annotrain runs,
 * and its parts (settings and messages, the progress store of the page, the
 * exercises' check, feedback, hints and reveal, the lesson control, the done
 * marks, the public API) share the page's state and one initialisation that
 * instant navigation re-runs. Whatever only some pages need is a file of its own
 * in their bundles (progress-page.js, quiz.js, verify.js, tickets.js...), and
 * each file added to every page would cost a little of the page weight budget.
 */
(function (window, document) {
  "use strict";

  var annotrain = (window.annotrain = window.annotrain || {});
  if (annotrain._initPage) {
    annotrain._initPage();
    return;
  }

  var el = annotrain.dom.el;
  var states = new WeakMap(); // live root -> state, or null when it failed
  var store = null; // {data, writable, site} of the current page
  var warnedNoSite = false;
  var formats = {};

  // Every time the quiz runner reads (timer, deadlines, attempt times); tests may
  // replace it. A page swap keeps a replacement made earlier.
  if (typeof annotrain.now !== "function") annotrain.now = function () { return Date.now(); };

  // --- site settings and messages ---------------------------------------------

  function settings() {
    var site = window.annotrainSite;
    if (site && typeof site === "object") return site;
    if (!warnedNoSite) {
      console.error("annotrain: window.annotrainSite is missing (site.js not loaded); showing message keys");
      warnedNoSite = true;
    }
    return { site: "default", language: document.documentElement.lang, messages: {} };
  }

  // Messages of task types loaded later (a quiz's, see quiz.js's loadTypes) join the page's:
  // when they arrive, and on each new page (instant navigation brings new settings).
  function addTypeMessages() {
    var site = window.annotrainSite;
    var extra = annotrain.typeMessages;
    if (!extra || !site || !site.messages) return;
    Object.keys(extra).forEach(function (key) {
      if (!Object.prototype.hasOwnProperty.call(site.messages, key)) site.messages[key] = extra[key];
    });
  }

  function t(key, params) {
    var grader = annotrain.grader;
    var text = grader.message(settings().messages, key);
    return params ? grader.fill(text, params) : text;
  }

  function number(value, options) {
    var language = settings().language || undefined;
    var id = language + JSON.stringify(options);
    if (!formats[id]) {
      try {
        formats[id] = new Intl.NumberFormat(language, options);
      } catch (err) { // an unknown language tag: the browser's own locale
        formats[id] = new Intl.NumberFormat(undefined, options);
      }
    }
    return formats[id].format(value);
  }

  function percent(value) {
    // One decimal, so 79.5% is not shown as the 80% pass mark it failed.
    return number(value, { style: "percent", maximumFractionDigits: 1 });
  }

  function day(iso) {
    var when = new Date(iso);
    if (isNaN(when.getTime())) return String(iso);
    var options = { year: "numeric", month: "long", day: "numeric" };
    try {
      return when.toLocaleDateString(settings().language || undefined, options);
    } catch (err) { // an unknown language tag
      return when.toLocaleDateString(undefined, options);
    }
  }

  function part(state, selector) {
    return state.root.querySelector(selector);
  }

  function action(state, name) {
    return part(state, '[data-annotrain-action="' + name + '"]');
  }

  // --- progress -----------------------------------------------------------------

  function localStorageOrNull() {
    try {
      return window.localStorage; // reading the property itself throws when storage is blocked
    } catch (err) {
      return null;
    }
  }

  function openProgress() {
    var site = settings().site;
    var opened = annotrain.progress.open(localStorageOrNull(), site, new Date());
    store = { data: opened.data, writable: opened.writable, site: site };
    opened.problems.forEach(report);
  }

  function saveProgress() {
    if (!store.writable) return;
    var result = annotrain.progress.save(localStorageOrNull(), store.site, store.data);
    if (!result.ok) report(result.problem);
  }

  // Import and reset: the current record is kept aside first (progress.replace).
  function replaceProgress(next) {
    if (!store.writable) return { ok: false };
    var record = next || annotrain.progress.fresh(store.site);
    var result = annotrain.progress.replace(localStorageOrNull(), store.site, store.data, record, new Date());
    if (result.ok) store.data = record;
    return result;
  }

  // Stored progress that could not be used (progress.load's problem kinds).
  var PROBLEM_MESSAGES = {
    corrupt: "progress_corrupt", future: "progress_future", unavailable: "progress_unavailable"
  };

  // One visible notice per kind of problem and page, before the first annotrain part.
  function report(problem) {
    var first = document.querySelector(".annotrain-exercise, .annotrain-lesson, [data-annotrain-progress], [data-annotrain-quiz]");
    if (!first || document.querySelector('.annotrain-notice[data-annotrain-problem="' + problem.kind + '"]')) return;
    var notice = el("div", "annotrain-notice", t(PROBLEM_MESSAGES[problem.kind], { key: problem.keptAs }));
    notice.setAttribute("role", "status");
    notice.setAttribute("data-annotrain-problem", problem.kind);
    first.parentNode.insertBefore(notice, first);
  }

  // --- feedback -----------------------------------------------------------------

  function levelName(rubric, value) {
    var level = rubric.levels.filter(function (lv) { return lv.value === value; })[0];
    return level ? level.name : String(value);
  }

  function criterionCell(criterion) {
    var cell = el("th");
    cell.scope = "row";
    cell.appendChild(el("span", "annotrain-criterion", criterion.name));
    cell.appendChild(el("span", "annotrain-weight", t("weight", { weight: number(criterion.weight) })));
    if (criterion.critical) cell.appendChild(el("span", "annotrain-critical", t("critical")));
    return cell;
  }

  function levelCell(rubric, result) {
    var cell = el("td");
    var heading = el("span", "annotrain-level");
    heading.appendChild(el("strong", null, levelName(rubric, result.level)));
    heading.appendChild(document.createTextNode(" "));
    heading.appendChild(el("span", "annotrain-level-value", t("level_value", { value: result.level, top: rubric.levels[0].value })));
    cell.appendChild(heading);
    cell.appendChild(el("span", "annotrain-descriptor", result.descriptor));
    return cell;
  }

  function notesCell(notes) {
    var cell = el("td");
    var list = cell.appendChild(el("ul", "annotrain-notes"));
    notes.forEach(function (note) { list.appendChild(el("li", null, note)); });
    return cell;
  }

  function table(task, grade) {
    var wrap = el("div", "annotrain-table-wrap");
    // The wrapper scrolls sideways on phones; keyboard users must reach it too.
    wrap.tabIndex = 0;
    wrap.setAttribute("role", "group");
    wrap.setAttribute("aria-label", t("feedback"));
    var tbl = wrap.appendChild(el("table", "annotrain-table"));
    var head = tbl.appendChild(el("thead")).appendChild(el("tr"));
    ["criterion", "level", "what_we_saw"].forEach(function (key) {
      head.appendChild(el("th", null, t(key))).scope = "col";
    });
    var body = tbl.appendChild(el("tbody"));
    task.rubric.criteria.forEach(function (criterion) {
      var result = grade.criteria[criterion.id];
      var row = body.appendChild(el("tr"));
      row.appendChild(criterionCell(criterion));
      row.appendChild(levelCell(task.rubric, result));
      row.appendChild(notesCell(result.notes));
    });
    return wrap;
  }

  /** Fill `box` with the feedback on `grade`: summary, the line `note` (a message
   * key) if given, criterion table, explanation (when `task` carries one). */
  function feedbackInto(box, task, grade, hints, note) {
    var rubric = task.rubric;
    box.textContent = "";
    var summary = box.appendChild(el("p", "annotrain-summary", t("result_summary", {
      verdict: t(grade.passed ? "passed" : "not_passed"),
      score: percent(grade.score),
      pass_mark: percent(rubric.pass)
    })));
    summary.setAttribute("data-annotrain-verdict", grade.passed ? "passed" : "not-passed");
    if (note) box.appendChild(el("p", "annotrain-answer-note", t(note)));
    if (hints) box.appendChild(el("p", "annotrain-hints-used", t("hints_used", { count: hints })));
    box.appendChild(table(task, grade));
    var bottom = rubric.levels[rubric.levels.length - 1].value;
    rubric.criteria.forEach(function (criterion) {
      if (criterion.critical && grade.criteria[criterion.id].level === bottom) {
        box.appendChild(el("p", "annotrain-critical-failed", t("critical_failed", { criterion: criterion.name })));
      }
    });
    if (task.explain) {
      var explain = box.appendChild(el("div", "annotrain-explain"));
      // Not a heading: the feedback sits at any depth of the page's outline.
      explain.appendChild(el("p", "annotrain-explain-title", t("explain")));
      task.explain.trim().split(/\n\s*\n/).forEach(function (para) {
        if (para.trim()) explain.appendChild(el("p", null, para.trim()));
      });
    }
  }

  // --- the answer, hidden until shown ------------------------------------------------
  // A check made before the answer is shown is graded with hideGold (its notes name
  // no gold) and shown with the task without its gold. A passing check, "Show
  // answer", or the wrong check that reaches reveal_after shows the gold; checks
  // after that do not count towards the best score (progress.recordCheck).

  /** After how many wrong checks the answer of `task` shows by itself (Infinity:
   * only on request): the task's reveal_after, else its quiz's, else the site's. */
  function revealAfter(task, quiz) {
    var given = [task.reveal_after, quiz && quiz.reveal_after, settings().reveal_after].filter(function (value) {
      return value !== undefined && value !== null;
    });
    return typeof given[0] === "number" ? given[0] : Infinity;
  }

  /** `task` without its gold and explanation: what a check made before the answer shows. */
  function withoutGold(task) {
    var copy = {};
    Object.keys(task).forEach(function (key) {
      if (key !== "gold" && key !== "explain") copy[key] = task[key];
    });
    return copy;
  }

  function revealed(state) {
    var item = annotrain.grader.get(store.data.exercises, state.task.id);
    return Boolean(item && item.revealed === true);
  }

  function toggle(state, name, hidden) {
    var button = action(state, name);
    if (button) button.hidden = hidden;
  }

  // The last check's result, with the gold when `show`; `note`: a line above the table.
  function showAnswer(state, grade, show, note) {
    var task = state.task;
    var shown = show ? task : withoutGold(task);
    if (show && !revealed(state)) annotrain.progress.recordReveal(store.data, task.id, new Date());
    state.root.setAttribute("data-annotrain-revealed", String(show));
    state.widget.showResult(state.root, shown, grade, state.response, settings().messages);
    feedbackInto(part(state, ".annotrain-feedback"), shown, grade, state.hints, note);
    toggle(state, "reveal", show);
    toggle(state, "hint", revealed(state) || state.hints >= task.hints.length);
  }

  function showBest(state, restored) {
    var item = store.data.exercises[state.task.id];
    var parts = [];
    if (item && typeof item.best === "number") parts.push(t("best_score", { score: percent(item.best) }));
    if (restored) parts.push(t("last_answer_restored"));
    part(state, ".annotrain-best").textContent = parts.join(" ");
  }

  // --- actions ------------------------------------------------------------------

  function check(state) {
    var task = state.task;
    var root = state.root;
    var messages = settings().messages;
    var response = state.widget.getResponse(root);
    var grader = annotrain.grader;
    var missing = grader.missing(task, response);
    if (missing) {
      var box = part(state, ".annotrain-feedback");
      box.textContent = "";
      box.appendChild(el("p", "annotrain-no-answer", t(missing)));
      return null;
    }
    var counts = !revealed(state); // made before the answer was shown
    var grade = grader.grade(task, response, messages, counts);
    var item = annotrain.progress.recordCheck(store.data, task.id, response, grade, state.hints, new Date());
    var auto = counts && !grade.passed && item.wrong >= revealAfter(task);
    if (counts && (grade.passed || auto)) grade = grader.grade(task, response, messages);
    state.response = response;
    root.setAttribute("data-annotrain-score", String(grade.score));
    root.setAttribute("data-annotrain-passed", String(grade.passed));
    state.widget.lock(root, true);
    showAnswer(state, grade, !counts || grade.passed || auto, counts ? auto && "answer_shown" : "answer_not_counted");
    action(state, "check").hidden = true;
    action(state, "retry").hidden = false;
    saveProgress();
    showBest(state, false);
    root.dispatchEvent(new CustomEvent("annotrain:graded", { bubbles: true, detail: grade }));
    part(state, ".annotrain-feedback").focus();
    return grade;
  }

  // Show the answer of the last check (its feedback, now with the gold).
  function reveal(state) {
    showAnswer(state, annotrain.grader.grade(state.task, state.response, settings().messages), true, "answer_shown");
    saveProgress();
    part(state, ".annotrain-feedback").focus();
  }

  function retry(state) {
    var root = state.root;
    state.widget.lock(root, false);
    state.widget.clear(root);
    // The answer stays, to be mended where the feedback says it fell short.
    state.widget.setResponse(root, state.response);
    part(state, ".annotrain-feedback").textContent = "";
    root.removeAttribute("data-annotrain-score");
    root.removeAttribute("data-annotrain-passed");
    root.removeAttribute("data-annotrain-revealed");
    toggle(state, "reveal", true);
    action(state, "retry").hidden = true;
    action(state, "check").hidden = false;
    showBest(state, false);
    if (state.widget.focus) state.widget.focus(root);
    else {
      var first = part(state, ".annotrain-options input");
      if (first) first.focus();
    }
  }

  // Reveal the next hint; returns its list item, or null when none remain.
  function revealHint(state) {
    var hints = state.task.hints;
    if (state.hints >= hints.length) return null;
    var item = el("li", "annotrain-hint");
    item.tabIndex = -1;
    item.appendChild(el("strong", null, t("hint_label", { number: state.hints + 1, total: hints.length })));
    item.appendChild(document.createTextNode(" " + hints[state.hints]));
    part(state, ".annotrain-hint-list").appendChild(item);
    state.hints += 1;
    var button = action(state, "hint");
    button.textContent = t("hint_more");
    button.hidden = revealed(state) || state.hints >= hints.length;
    return item;
  }

  function hint(state) {
    var item = revealHint(state);
    if (!item) return;
    annotrain.progress.recordHints(store.data, state.task.id, state.hints, new Date());
    saveProgress();
    // The button just disappeared: keep keyboard focus in the hints.
    if (action(state, "hint").hidden) item.focus();
  }

  var ACTIONS = { check: check, retry: retry, hint: hint, reveal: reveal };

  // --- lesson control ("Mark this lesson as done") -------------------------------

  // A toggle button (aria-pressed). Its text names the state it sets or shows,
  // never the opposite action: "Mark this lesson as done", not pressed; "Lesson
  // done", pressed (a tick before it, from the stylesheet). The status beside it
  // gives the date and says that pressing again unmarks the lesson.
  function showLesson(root, key, clicked) {
    var item = annotrain.grader.get(store.data.lessons, key);
    var done = Boolean(item && item.done === true);
    var button = root.querySelector('[data-annotrain-action="done"]');
    button.setAttribute("aria-pressed", String(done));
    button.textContent = t(done ? "lesson_is_done" : "lesson_mark_done");
    root.setAttribute("data-annotrain-done", String(done));
    var status = root.querySelector(".annotrain-lesson-status");
    if (done) status.textContent = t("lesson_done", { date: day(item.updated) });
    else status.textContent = clicked ? t("lesson_not_done") : "";
  }

  // --- done marks in the site's navigation ---------------------------------------

  // The page a lesson key or a link names: "week-1/x.md", "week-1/x/" and
  // "week-1/x.html" (an offline copy) are "week-1/x"; "week-1/index.md",
  // "week-1/" and "week-1/index.html" are "week-1".
  function pageOf(path) {
    return path.replace(/(^|\/)(index|README)\.(md|html)$|(\.md|\.html|\/)$/, "");
  }

  // Material renders its navigation on the server, and anew on every page of
  // instant navigation: after each, the links to lessons marked done get a tick
  // (from the stylesheet) and words for screen readers.
  function markNav() {
    var config = document.getElementById("__config");
    if (!config) return; // not a Material page
    var base = new URL(JSON.parse(config.textContent).base + "/", location.href).href;
    var lessons = store.data.lessons;
    var done = {};
    Object.keys(lessons).forEach(function (key) {
      if (lessons[key] && lessons[key].done === true) done[pageOf(key)] = 1;
    });
    Array.prototype.forEach.call(document.querySelectorAll(".md-nav--primary a.md-nav__link"), function (link) {
      var mark = link.querySelector(".annotrain-nav-done");
      var url = link.href.split("#")[0];
      var wanted = url.indexOf(base) === 0 && done[pageOf(url.slice(base.length))] === 1;
      if (mark && !wanted) mark.remove();
      if (wanted && !mark) {
        link.appendChild(el("span", "annotrain-nav-done")).appendChild(el("span", "annotrain-sr-only", " " + t("lesson_is_done")));
      }
    });
  }

  function createLesson(root) {
    try {
      var key = root.getAttribute("data-annotrain-lesson");
      var button = root.querySelector('[data-annotrain-action="done"]');
      if (!key || !button || !root.querySelector(".annotrain-lesson-status")) {
        throw new Error("the lesson control needs a key, a done button and a status");
      }
      showLesson(root, key, false);
      button.addEventListener("click", function () {
        var done = button.getAttribute("aria-pressed") !== "true";
        annotrain.progress.recordLesson(store.data, key, done, new Date());
        saveProgress();
        showLesson(root, key, true);
        markNav();
        root.dispatchEvent(new CustomEvent("annotrain:lesson-done", { bubbles: true, detail: { lesson: key, done: done } }));
      });
      states.set(root, { root: root });
      root.setAttribute("data-annotrain-ready", "");
    } catch (err) {
      states.set(root, null);
      console.error("annotrain: lesson control failed", err);
    }
  }

  /** Run `run` when the page has nothing else to do (soon, where the browser cannot tell). */
  function whenIdle(run) {
    if (window.requestIdleCallback) window.requestIdleCallback(run, { timeout: 2000 });
    else setTimeout(run, 200);
  }

  // --- page features: progress page, quizzes, verify page ---------------------------
  // Each is a script of its own (progress-page.js, quiz.js, verify.js), in the
  // bundles of the pages that have it: annotrain[name].mount(root, ctx) brings a
  // root to life with what the core offers here.

  function context() {
    return {
      site: store.site,
      data: function () { return store.data; },
      save: saveProgress,
      replace: replaceProgress,
      messages: function () { return settings().messages; },
      typeMessages: addTypeMessages,
      t: t,
      percent: percent,
      day: day,
      now: function () { return annotrain.now(); },
      feedback: feedbackInto,
      revealAfter: revealAfter,
      withoutGold: withoutGold,
      idle: whenIdle
    };
  }

  function feature(name, file) {
    return function (root, final) {
      var script = annotrain[name];
      if (!script && !final) return; // instant navigation: this page's bundle has not run yet
      try {
        if (!script) throw new Error(file + " is not in this page's bundle");
        script.mount(root, context());
        states.set(root, { root: root });
        root.setAttribute("data-annotrain-ready", "");
      } catch (err) {
        states.set(root, null);
        console.error("annotrain: " + file + " failed", err);
      }
    };
  }

  // --- initialisation -----------------------------------------------------------

  function create(root, final) {
    var type = root.getAttribute("data-annotrain-type");
    try {
      var widget = (annotrain.widgets || {})[type];
      if (!widget && !final) return; // instant navigation: this page's bundle has not run yet
      if (!widget) throw new Error("tasktypes/" + type + "/widget.js is not in this page's bundle");
      var task = JSON.parse(root.getAttribute("data-annotrain-task"));
      if (!task.gold) {
        throw new Error("exercise " + task.id + " has no gold in mode " + root.getAttribute("data-annotrain-mode"));
      }
      var state = { root: root, task: task, widget: widget, hints: 0 };
      if (widget.mount) widget.mount(root, task, { t: t, messages: settings().messages });
      var item = store.data.exercises[task.id];
      if (item) {
        for (var n = Math.min(item.hints || 0, task.hints.length); n > 0; n--) revealHint(state);
        if (item.last !== undefined) widget.setResponse(root, item.last);
      }
      showBest(state, Boolean(item && item.last !== undefined));
      // Hints are for before the answer is shown.
      toggle(state, "hint", revealed(state) || state.hints >= task.hints.length);
      var list = part(state, ".annotrain-hint-list");
      if (list) list.setAttribute("aria-live", "polite");
      root.addEventListener("click", function (event) {
        var target = event.target.closest("[data-annotrain-action]");
        if (target && root.contains(target)) ACTIONS[target.getAttribute("data-annotrain-action")](state);
      });
      states.set(root, state);
      root.setAttribute("data-annotrain-ready", "");
    } catch (err) {
      states.set(root, null); // do not retry (and log again) on the next initialisation
      console.error("annotrain: " + type + " widget failed", err);
    }
  }

  var EXERCISES = ".annotrain-exercise[data-annotrain-id]";
  var PARTS = [
    { selector: EXERCISES, create: create },
    { selector: ".annotrain-lesson[data-annotrain-lesson]", create: createLesson },
    { selector: "[data-annotrain-progress]", create: feature("progressPage", "progress-page.js") },
    { selector: "[data-annotrain-quiz]", create: feature("quizRunner", "quiz.js") },
    { selector: "[data-annotrain-verify]", create: feature("verifyPage", "verify.js") }
  ];

  function roots(scope, selector) {
    return Array.prototype.slice.call(scope.querySelectorAll(selector || PARTS.map(function (p) { return p.selector; }).join(", ")));
  }

  function live() {
    return roots(document, EXERCISES).filter(function (root) { return states.get(root); });
  }

  /**
   * Initialise the parts of `scope` not yet initialised. `final` is false when
   * this page's bundle may not have run yet (a document$ emission): parts whose
   * script is missing then wait for the next call instead of failing.
   */
  function createAll(scope, final) {
    var todo = [];
    PARTS.forEach(function (part) {
      roots(scope, part.selector).forEach(function (root) {
        if (!states.has(root)) todo.push(function () { part.create(root, final); });
      });
    });
    if (!todo.length) return;
    openProgress(); // re-read on each page: other pages and tabs may have saved since
    todo.forEach(function (run) { run(); });
  }

  var waiting = []; // resolvers of annotrain.ready for the current page

  function settled() {
    return roots(document).every(function (root) { return states.has(root); });
  }

  function initPage(final) {
    addTypeMessages();
    createAll(document, final !== false);
    markNav();
    if (!settled()) return;
    var ids = exercises();
    waiting.splice(0).forEach(function (resolve) { resolve(ids); });
  }

  // --- public API -----------------------------------------------------------------

  function stateFor(id) {
    var root = live().filter(function (r) { return r.getAttribute("data-annotrain-id") === id; })[0];
    if (!root) throw new Error('annotrain: no live exercise with id "' + id + '" on this page');
    return states.get(root);
  }

  function exercises() {
    return live().map(function (root) { return root.getAttribute("data-annotrain-id"); });
  }

  // Always about the page shown now, also after instant navigation.
  Object.defineProperty(annotrain, "ready", {
    enumerable: true,
    get: function () {
      if (settled()) return Promise.resolve(exercises());
      return new Promise(function (resolve) { waiting.push(resolve); });
    }
  });
  annotrain.exercises = exercises;
  annotrain.task = function (id) { return JSON.parse(JSON.stringify(stateFor(id).task)); };
  annotrain.getResponse = function (id) {
    var state = stateFor(id);
    return state.widget.getResponse(state.root);
  };
  annotrain.setResponse = function (id, response) {
    var state = stateFor(id);
    state.widget.setResponse(state.root, response);
  };
  annotrain.check = function (id) { return check(stateFor(id)); };
  /** A copy of the learner's stored progress record, as export writes it. */
  annotrain.progressData = function () {
    if (!store) openProgress();
    return JSON.parse(JSON.stringify(store.data));
  };
  Object.defineProperty(annotrain, "_initPage", { value: initPage });

  // Initialise at once, then again on each document$ emission (instant
  // navigation). Material's bundle, and so document$, loads after the page
  // content: look for it once the document is parsed. document$ alone is not
  // enough: opened from file://, it was seen never to emit.
  // The first Check on a page paid for work the browser does once: its first
  // number formatter (10 to 40 ms: locale data), and styling and laying out the
  // first feedback table (fonts, table layout). Do that while the page is idle,
  // with the first exercise's gold answer in a hidden box removed at once, not
  // when the learner presses Check.
  function warmUp() {
    whenIdle(function () {
      try {
        percent(0.5);
        number(1);
        var first = live()[0];
        if (first) {
          var state = states.get(first);
          var box = el("div", "annotrain-feedback");
          box.setAttribute("aria-hidden", "true");
          box.style.cssText = "position:absolute;left:-10000px;top:0;visibility:hidden";
          first.appendChild(box);
          feedbackInto(box, state.task, annotrain.grader.grade(state.task, state.task.gold, settings().messages), 0);
          void box.offsetHeight;
          box.remove();
        }
      } catch (err) { /* only a head start: what fails here is reported when it is used */ }
    });
  }

  function start() {
    initPage();
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(function () { initPage(false); });
    }
    warmUp();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})(window, document);
