/* annotrain SCORM: the launch page of a SCORM package (annotrain package scorm) and
 * its one SCO. The page (rendering/templates/annotrain/scorm.html) shows the course
 * in a frame and carries its settings in data-annotrain-scorm: {version ("1.2" or
 * "2004"), site, lessons (the keys of the pages with a lesson control, in site
 * order), quizzes ({id: mode}), decides (the quiz that gives the course its score,
 * or null), suspend_limit, course (the first page)}. grader.js, progress.js and
 * progress-quiz.js come before this file: the learner's progress is read and
 * written as the pages do.
 *
 * It finds the LMS's API as the SCORM run-time says (API in 1.2, API_1484_11 in
 * 2004: this window, then its parents, then the opener's), initialises it once
 * for the whole course (pages come and go in the frame; this page stays) and
 * terminates it when this page goes (pagehide). Without an LMS it only opens the
 * course: nothing is sent and nothing is logged.
 *
 * Before the course opens, what cmi.suspend_data kept is restored into the
 * browser's storage where the storage lacks it (another computer): the lessons
 * done, and each quiz's attempt in progress. suspend_data is
 * {"v": 1, "l": [lesson index in settings.lessons, or key], "q": {quiz: attempt in
 * progress}}, rewritten when the progress store changes (the frame's writes reach
 * this page as storage events). When it does not fit (4,096 characters in 1.2)
 * the attempts lose their answers first, then the attempts; submitted attempts and
 * exercise results never go in: they stay in the browser (and in the LMS as
 * objectives and interactions).
 *
 * What the pages announce is reported:
 *   annotrain:lesson-done     -> objective "lesson:<key>" completed (or incomplete);
 *                                every lesson done: the course is completed
 *   annotrain:quiz-submitted  -> objective "quiz:<id>" with its score and passed or
 *                                failed, one interaction per scored task (an exam:
 *                                completed, no score, no interactions); the quiz
 *                                `decides` also sets the course's score and status
 * Each change is committed; the page where the learner is goes in the lesson
 * location, and the course opens there next time.
 */
(function (annotrain) {
  "use strict";

  var holder = document.querySelector("[data-annotrain-scorm]");
  var frame = document.getElementById("annotrain-scorm-course");
  if (!holder || !frame || annotrain.scorm) return;
  var settings = JSON.parse(holder.getAttribute("data-annotrain-scorm"));
  var progress = annotrain.progress;
  var isObject = annotrain.grader.isObject;
  var own = annotrain.grader.get;
  var v12 = settings.version === "1.2";
  var SAVE_AFTER = 1500; // ms after the progress store changed
  var CALLS = v12 ?
    { init: "LMSInitialize", get: "LMSGetValue", set: "LMSSetValue", commit: "LMSCommit", finish: "LMSFinish", error: "LMSGetLastError" } :
    { init: "Initialize", get: "GetValue", set: "SetValue", commit: "Commit", finish: "Terminate", error: "GetLastError" };
  var CMI = v12 ?
    { status: "cmi.core.lesson_status", location: "cmi.core.lesson_location", exit: "cmi.core.exit", session: "cmi.core.session_time", score: "cmi.core.score", response: "student_response", wrong: "wrong", type: "performance", longest: 255 } :
    { status: "cmi.completion_status", location: "cmi.location", exit: "cmi.exit", session: "cmi.session_time", score: "cmi.score", response: "learner_response", wrong: "incorrect", type: "other", longest: 4000 };

  var lms = null;
  var started = Date.now();
  var finished = false;
  var objectives = {}; // objective id -> its index, found or made this session
  var lastSuspend = null;
  var lastLocation = null;
  var timer = null;

  // --- the LMS -------------------------------------------------------------------------

  function search(win, name) {
    for (var level = 0; win && level < 500; level++) {
      try {
        if (win[name]) return win[name];
      } catch (err) { /* a window of another origin */ }
      if (!win.parent || win.parent === win) break;
      win = win.parent;
    }
    return null;
  }

  function findApi() {
    var name = v12 ? "API" : "API_1484_11";
    var api = search(window, name);
    if (!api && window.opener) api = search(window.opener, name);
    return api;
  }

  function call(name, a, b) {
    try {
      return lms[CALLS[name]](a, b);
    } catch (err) {
      console.warn("annotrain: the LMS failed on " + CALLS[name], err);
      return "";
    }
  }

  function get(element) {
    var value = call("get", element);
    return value === null || value === undefined ? "" : String(value);
  }

  function set(element, value) {
    var ok = String(call("set", element, String(value))) === "true";
    if (!ok) console.warn("annotrain: the LMS refused " + element + " (error " + call("error") + ")");
    return ok;
  }

  function commit() {
    if (!lms || finished) return;
    clearTimeout(timer);
    timer = null;
    saveSuspend();
    noteLocation();
    call("commit", "");
  }

  // --- what resumes: cmi.suspend_data --------------------------------------------------

  function storage() {
    try { return window.localStorage; } catch (err) { return null; }
  }

  function readProgress() {
    var store = storage();
    return store ? progress.open(store, settings.site) : null;
  }

  function doneLessons(data) {
    return Object.keys(data.lessons || {}).filter(function (key) {
      return own(own(data.lessons, key), "done") === true;
    });
  }

  /** An attempt in progress without its answers (what still fits in 1.2). */
  function withoutAnswers(current) {
    var copy = {};
    Object.keys(current).forEach(function (key) { copy[key] = current[key]; });
    copy.responses = {};
    copy.checked = {};
    copy.flags = {};
    copy.position = 0;
    return copy;
  }

  /** suspend_data for the progress record `data`, within the version's limit. */
  function suspendText(data) {
    var limit = settings.suspend_limit;
    var state = { v: 1, l: [], q: {} };
    doneLessons(data).forEach(function (key) {
      var index = settings.lessons.indexOf(key);
      state.l.push(index === -1 ? key : index);
    });
    Object.keys(data.quizzes || {}).forEach(function (id) {
      var current = progress.quizCurrent(data, id);
      if (current) state.q[id] = current;
    });
    var text = JSON.stringify(state);
    if (text.length <= limit) return text;
    Object.keys(state.q).forEach(function (id) { state.q[id] = withoutAnswers(state.q[id]); });
    text = JSON.stringify(state);
    if (text.length <= limit) return text;
    state.q = {};
    text = JSON.stringify(state);
    while (text.length > limit && state.l.length) {
      state.l.pop();
      text = JSON.stringify(state);
    }
    return text;
  }

  function saveSuspend() {
    var opened = readProgress();
    if (!opened) return;
    var text = suspendText(opened.data);
    if (text !== lastSuspend && set("cmi.suspend_data", text)) lastSuspend = text;
  }

  /** Put what suspend_data kept into the browser's storage, where the storage lacks it. */
  function restore(text) {
    var saved = null;
    try { saved = JSON.parse(text); } catch (err) { saved = null; }
    if (!isObject(saved) || saved.v !== 1) return;
    var opened = readProgress();
    if (!opened || !opened.writable) return;
    var data = opened.data;
    var changed = false;
    (Array.isArray(saved.l) ? saved.l : []).forEach(function (entry) {
      var key = typeof entry === "number" ? settings.lessons[entry] : entry;
      if (typeof key !== "string" || own(data.lessons, key)) return;
      progress.recordLesson(data, key, true);
      changed = true;
    });
    var quizzes = isObject(saved.q) ? saved.q : {};
    Object.keys(quizzes).forEach(function (id) {
      var current = quizzes[id];
      if (!isObject(current) || typeof current.started !== "string" || progress.quizCurrent(data, id)) return;
      var submitted = progress.quizAttempts(data, id).some(function (done) {
        return own(own(done, "attempt"), "started") === current.started;
      });
      if (submitted) return; // handed in on this computer after the LMS last heard
      if (!isObject(own(data.quizzes, id))) data.quizzes[id] = { current: null, attempts: [] };
      data.quizzes[id].current = current;
      changed = true;
    });
    if (changed) progress.save(storage(), settings.site, data);
  }

  // --- where the learner is: the lesson location -----------------------------------------

  function folder(path) {
    return path.slice(0, path.lastIndexOf("/") + 1);
  }

  function noteLocation() {
    var path;
    try { path = frame.contentWindow.location.pathname; } catch (err) { return; }
    var base = folder(window.location.pathname);
    if (path.indexOf(base) !== 0) return;
    var here = path.slice(base.length) || settings.course;
    if (here === lastLocation || here.length > (v12 ? 255 : 1000)) return;
    if (set(CMI.location, here)) lastLocation = here;
  }

  /** The page to open: the saved location when it is one of the course's own pages. */
  function firstPage() {
    var saved = lms ? get(CMI.location) : "";
    var safe = /^[A-Za-z0-9._~%\/-]+\.html$/.test(saved) && saved.indexOf("..") === -1 && saved.charAt(0) !== "/";
    if (safe) lastLocation = saved;
    return safe ? saved : settings.course;
  }

  // --- objectives, interactions, the course's status -------------------------------------

  /** An identifier the LMS takes: ASCII letters, digits and -_.:/ only. */
  function safeId(text) {
    return String(text).replace(/[^A-Za-z0-9_.:\/-]/g, "_").slice(0, 250);
  }

  function objective(id) {
    if (objectives[id] !== undefined) return "cmi.objectives." + objectives[id];
    var count = parseInt(get("cmi.objectives._count"), 10) || 0;
    var found = -1;
    for (var n = 0; n < count && found === -1; n++) {
      if (get("cmi.objectives." + n + ".id") === id) found = n;
    }
    if (found === -1) {
      found = count;
      set("cmi.objectives." + found + ".id", id);
    }
    objectives[id] = found;
    return "cmi.objectives." + found;
  }

  function setScore(prefix, score) {
    var raw = Math.round(score * 10000) / 100;
    if (!v12) set(prefix + ".scaled", Math.round(score * 10000) / 10000);
    set(prefix + ".raw", raw);
    set(prefix + ".min", 0);
    set(prefix + ".max", 100);
  }

  function setStatus(prefix, completed, passed) {
    if (v12) {
      set(prefix + ".status", passed === null ? (completed ? "completed" : "incomplete") : passed ? "passed" : "failed");
      return;
    }
    set(prefix + ".completion_status", completed ? "completed" : "incomplete");
    if (passed !== null) set(prefix + ".success_status", passed ? "passed" : "failed");
  }

  /** The course is completed (never un-completed) once every lesson is done. */
  function courseCompletion() {
    var opened = readProgress();
    if (!opened || !settings.lessons.length) return;
    var done = doneLessons(opened.data);
    var all = settings.lessons.every(function (key) { return done.indexOf(key) !== -1; });
    if (all) complete();
  }

  function complete() {
    var status = get(CMI.status);
    if (status !== "completed" && status !== "passed" && status !== "failed") set(CMI.status, "completed");
  }

  function onLessonDone(event) {
    var detail = event.detail;
    setStatus(objective("lesson:" + safeId(detail.lesson)), detail.done === true, null);
    courseCompletion();
    commit();
  }

  function responseText(response) {
    var text = response === undefined ? "" : JSON.stringify(response);
    return text.length > CMI.longest ? text.slice(0, CMI.longest) : text;
  }

  function interactions(quizId, file, grade) {
    file.tasks.forEach(function (task) {
      var result = own(grade.tasks, task);
      if (!isObject(result)) return; // not scored: a work item of a simulation
      var prefix = "cmi.interactions." + (parseInt(get("cmi.interactions._count"), 10) || 0);
      if (!set(prefix + ".id", safeId(quizId + "/" + task))) return;
      set(prefix + ".type", CMI.type);
      set(prefix + ".objectives.0.id", "quiz:" + safeId(quizId));
      var response = responseText(own(file.responses, task) === null ? undefined : file.responses[task]);
      if (response) set(prefix + "." + CMI.response, response);
      set(prefix + ".result", result.passed ? "correct" : CMI.wrong);
    });
  }

  function onSubmitted(event) {
    var detail = event.detail;
    var grade = detail.grade; // null for an exam: the browser does not grade it
    var prefix = objective("quiz:" + safeId(detail.quiz));
    if (grade) setScore(prefix + ".score", grade.score);
    setStatus(prefix, true, grade ? grade.passed === true : null);
    if (grade) interactions(detail.quiz, detail.file, grade);
    if (detail.quiz === settings.decides) {
      if (grade) {
        setScore(CMI.score, grade.score);
        if (v12) set(CMI.status, grade.passed ? "passed" : "failed");
        else set("cmi.success_status", grade.passed ? "passed" : "failed");
      } else {
        complete();
      }
    }
    commit();
  }

  function guard(handler) {
    return function (event) {
      try {
        handler(event);
      } catch (err) {
        console.warn("annotrain: SCORM could not report " + event.type, err);
      }
    };
  }

  // --- the session ------------------------------------------------------------------------

  function sessionTime() {
    var seconds = Math.round((Date.now() - started) / 1000);
    var h = Math.floor(seconds / 3600);
    var m = Math.floor(seconds / 60) % 60;
    var s = seconds % 60;
    if (!v12) return "PT" + h + "H" + m + "M" + s + "S";
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return two(Math.min(h, 9999)) + ":" + two(m) + ":" + two(s);
  }

  function finish() {
    if (!lms || finished) return;
    commit();
    set(CMI.session, sessionTime());
    call("commit", "");
    finished = true;
    call("finish", "");
  }

  var hooked = [];

  function hook() {
    var doc = null;
    try { doc = frame.contentDocument; } catch (err) { doc = null; }
    if (!doc || hooked.indexOf(doc) !== -1) return;
    hooked = [doc]; // the frame's documents before it are gone
    doc.addEventListener("annotrain:lesson-done", guard(onLessonDone));
    doc.addEventListener("annotrain:quiz-submitted", guard(onSubmitted));
    if (doc.title) document.title = doc.title;
    noteLocation();
  }

  function start() {
    var api = findApi();
    if (api) {
      lms = api;
      var ok = String(call("init", "")) === "true";
      if (!ok) {
        console.warn("annotrain: the LMS did not start the session (error " + call("error") + ")");
        lms = null;
      }
    }
    if (lms) {
      restore(get("cmi.suspend_data"));
      var status = get(CMI.status);
      if (!status || status === "not attempted" || status === "unknown") set(CMI.status, "incomplete");
      set(CMI.exit, "suspend"); // keep suspend_data for the next launch
      courseCompletion();
      call("commit", "");
      frame.addEventListener("load", guard(hook));
      window.addEventListener("storage", function (event) {
        if (event.key !== null && event.key !== progress.keyFor(settings.site)) return;
        clearTimeout(timer);
        timer = setTimeout(commit, SAVE_AFTER);
      });
      window.addEventListener("pagehide", finish);
    }
    frame.src = firstPage();
  }

  annotrain.scorm = {
    connected: function () { return Boolean(lms) && !finished; },
    commit: commit,
    suspendText: function () { var opened = readProgress(); return opened ? suspendText(opened.data) : null; }
  };
  start();
})(window.annotrain = window.annotrain || {});
