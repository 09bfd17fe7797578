/* annotrain xAPI: sends xAPI 1.0.3 statements to the trainer's Learning Record
 * Store as the learner works. Only sites that turn the plugin's `xapi` option on
 * have it: annotrain-xapi.js (browser/bundles.py) sets window.annotrainXapi =
 * {endpoint, auth, site_url, verbs, messages} before it, and each page's bundle
 * fetches that file once the page has loaded (xapi-load.js). Identifiers follow
 * annotrain/xapi.py.
 *
 * It listens to what the other scripts already announce on the page:
 *   a lesson control on the page      -> experienced (lesson opened)
 *   annotrain:lesson-done (done)      -> completed
 *   annotrain:graded (an exercise)    -> answered, score and per-criterion results
 *   annotrain:quiz-started            -> attempted
 *   annotrain:quiz-submitted          -> submitted, the attempt file in a result
 *                                        extension (an exam: no score); a practice
 *                                        quiz also passed or failed; a work
 *                                        simulation that stopped the learner also
 *                                        terminated
 *   annotrain:contested               -> commented (the reason)
 *
 * A quiz that names `submit_to` has each submitted attempt file POSTed there too,
 * through the same consent and queue; on a site without an LRS (no endpoint) that
 * is all this file sends. Each delivery carries its queue id in the
 * X-Annotrain-Delivery header, so a receiver stores a delivery sent twice once.
 *
 * Nothing leaves the browser before the learner agrees, in a box that says what is
 * sent where and asks for a name and e-mail (an exam ticket's candidate names the
 * learner of that attempt). Statements wait in a queue in localStorage, which
 * survives reloads and time offline; the queue is sent one statement at a time,
 * oldest first, with PUT and the statement's own id (a UUID made when it was
 * queued): sending one again, after a reply that never came, stores nothing twice.
 * Failures are retried with a growing delay; the box shows how many are waiting.
 * A statement the LRS refuses (400, or 409: another statement has its id) is kept
 * aside in the store, never dropped. A page opened from a file cannot send.
 */
(function (annotrain) {
  "use strict";

  var site = window.annotrainSite || {};
  var config = window.annotrainXapi;
  if (!config || annotrain.xapi) return; // once per page load

  var el = annotrain.dom.el;
  var KEY = "annotrain-xapi:" + site.site;
  var FIRST_RETRY = 2000; // ms; doubled after each failure
  var LONGEST_RETRY = 5 * 60 * 1000;
  var SHOWN = 20; // waiting statements listed in the box
  var fromFile = location.protocol === "file:";

  function t(key, params) {
    var text = annotrain.grader.message(config.messages, key);
    return params ? annotrain.grader.fill(text, params) : text;
  }

  // --- the store: {consent, learner, tickets, queue, held} -----------------------------

  function fresh() {
    return { consent: null, learner: null, tickets: {}, queue: [], held: [] };
  }

  function storage() {
    try { return window.localStorage; } catch (err) { return null; }
  }

  function load() {
    var state = null;
    try { state = JSON.parse(storage().getItem(KEY)); } catch (err) { state = null; }
    if (!state || typeof state !== "object" || !Array.isArray(state.queue)) return fresh();
    if (!Array.isArray(state.held)) state.held = [];
    if (!state.tickets || typeof state.tickets !== "object") state.tickets = {};
    return state;
  }

  /** Read the store, let `change` edit it, write it back: each change starts from what other tabs saved. */
  function update(change) {
    var state = load();
    change(state);
    try {
      storage().setItem(KEY, JSON.stringify(state));
    } catch (err) {
      console.error("annotrain: xapi cannot keep its queue", err);
    }
    return state;
  }

  // --- statements ----------------------------------------------------------------------

  function uuid() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") return window.crypto.randomUUID();
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 0x100).toString(16).slice(1); }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  function agentOf(learner) {
    return { objectType: "Agent", name: learner.name, mbox: "mailto:" + learner.email };
  }

  /** The learner of an exam ticket: the ticket's candidate, named within this site. */
  function ticketAgent(candidate) {
    var agent = { objectType: "Agent", account: { homePage: config.site_url, name: String(candidate.id) } };
    if (candidate.name) agent.name = String(candidate.name);
    return agent;
  }

  function activity(id, name, type) {
    var definition = { name: { "en-US": name || id } };
    if (type) definition.type = type;
    return { objectType: "Activity", id: id, definition: definition };
  }

  function ext(name) { return config.site_url + "xapi/" + name; }

  var TYPES = {
    lesson: "http://adlnet.gov/expapi/activities/lesson",
    quiz: "http://adlnet.gov/expapi/activities/assessment",
    exercise: "http://adlnet.gov/expapi/activities/cmi.interaction",
    task: "http://adlnet.gov/expapi/activities/question"
  };

  function quizActivity(detail) {
    return activity(config.site_url + "quiz/" + detail.quiz, detail.title, TYPES.quiz);
  }

  /** A lesson key ("week-1/labels.md") as its page's path ("week-1/labels/"). */
  function pagePath(key) {
    var path = key.replace(/\.md$/, "").replace(/(^|\/)(index|README)$/, "$1");
    return path && path.slice(-1) !== "/" ? path + "/" : path;
  }

  /** Queue a statement; `actor` null: the learner who agreed (filled in when sending starts). */
  function record(verb, object, result, actor) {
    if (fromFile || !config.endpoint) return; // no LRS: only quizzes' submit_to

    var statement = {
      id: uuid(),
      verb: { id: config.verbs[verb], display: { "en-US": verb } },
      object: object,
      timestamp: new Date().toISOString(),
      context: { platform: "annotrain", language: site.language || "en" }
    };
    if (result) statement.result = result;
    enqueue(function (s) {
      statement.actor = actor || (s.consent === "agreed" ? agentOf(s.learner) : null);
      return statement;
    });
  }

  /** Queue an attempt file for a quiz's submit_to address (POST, the file as its body). */
  function deliver(url, file, title) {
    if (fromFile) return;
    enqueue(function (s) {
      var body = JSON.parse(JSON.stringify(file));
      if (s.consent === "agreed") withLearner(body, s.learner);
      return { id: uuid(), post: url, body: body, label: title || file.quiz };
    });
  }

  /** A file without a candidate is named by the learner who agreed to send it. */
  function withLearner(file, learner) {
    var candidate = file.candidate || {};
    if (!candidate.name && !candidate.email && learner) file.candidate = { name: learner.name, email: learner.email };
  }

  function enqueue(make) {
    var state = update(function (s) {
      if (s.consent !== "declined") s.queue.push(make(s));
    });
    if (state.consent !== "declined") {
      show();
      send();
    }
  }

  // --- sending -------------------------------------------------------------------------

  var busy = false;
  var failures = 0;
  var problem = null;
  var timer = null;

  function later() {
    var delay = Math.min(LONGEST_RETRY, FIRST_RETRY * Math.pow(2, failures - 1));
    clearTimeout(timer);
    timer = setTimeout(send, delay * (0.75 + Math.random() / 2));
  }

  function put(item) {
    if (item.post) {
      return fetch(item.post, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Annotrain-Delivery": item.id },
        body: JSON.stringify(item.body)
      }).then(function (response) { return response.status; });
    }
    var statement = item;
    return fetch(config.endpoint + "statements?statementId=" + encodeURIComponent(statement.id), {
      method: "PUT",
      headers: {
        "Authorization": config.auth,
        "Content-Type": "application/json",
        "X-Experience-API-Version": config.version
      },
      body: JSON.stringify(statement)
    }).then(function (response) { return response.status; });
  }

  /** Send the queue, oldest first, until it is empty or a try fails. */
  function send() {
    if (busy || fromFile) return;
    var state = load();
    if (state.consent !== "agreed") return;
    var next = state.queue[0];
    if (!next) return show();
    busy = true;
    put(next).then(function (status) {
      busy = false;
      var done = status >= 200 && status < 300;
      var refused = status === 400 || status === 409;
      if (!done && !refused) return failed(t("xapi_refused_status", { status: status, host: host(next.post) }));
      update(function (s) {
        s.queue = s.queue.filter(function (q) { return q.id !== next.id; });
        if (refused) s.held.push({ status: status, statement: next });
      });
      failures = 0;
      problem = null;
      send();
    }, function () {
      busy = false;
      failed(t("xapi_unreachable", { host: host(next.post) }));
    });
  }

  function failed(why) {
    failures += 1;
    problem = why;
    show();
    later();
  }

  // --- the box: consent, then what is waiting ------------------------------------------

  var box = null;

  function host(url) {
    url = url || config.endpoint;
    try { return new URL(url).host; } catch (err) { return url; }
  }

  /** The quizzes on this page that POST their attempts: [{quiz, host}]. */
  function submitHosts() {
    var found = [];
    Array.prototype.forEach.call(document.querySelectorAll("[data-annotrain-quiz][data-annotrain-quiz-data]"), function (root) {
      try {
        var quiz = JSON.parse(root.getAttribute("data-annotrain-quiz-data"));
        if (quiz.submit_to) found.push({ quiz: quiz.title, host: host(quiz.submit_to) });
      } catch (err) { /* quiz.js reports a broken quiz */ }
    });
    return found;
  }

  function button(parent, key, action, primary) {
    var b = parent.appendChild(el("button", "md-button annotrain-button" + (primary ? " md-button--primary" : ""), t(key)));
    b.type = "button";
    b.setAttribute("data-annotrain-xapi-action", action);
    return b;
  }

  function field(form, name, key, type, value) {
    var id = "annotrain-xapi-" + name;
    var label = form.appendChild(el("label", null, t(key)));
    label.htmlFor = id;
    var input = form.appendChild(el("input"));
    input.id = id;
    input.name = name;
    input.type = type;
    input.required = true;
    input.value = value || "";
    return input;
  }

  function askForm(parent, state, focus) {
    var form = parent.appendChild(el("form", "annotrain-xapi-ask"));
    if (config.endpoint) form.appendChild(el("p", null, t("xapi_notice", { host: host() })));
    submitHosts().forEach(function (where) { form.appendChild(el("p", null, t("xapi_notice_submit", where))); });
    var known = state.learner || {};
    var ticket = Object.keys(state.tickets).map(function (k) { return state.tickets[k]; })[0];
    var name = field(form, "name", "xapi_name", "text", known.name || (ticket && ticket.name) || "");
    var email = field(form, "email", "xapi_email", "email", known.email || "");
    var error = form.appendChild(el("p", "annotrain-xapi-error", t("xapi_need_identity")));
    error.hidden = true;
    var actions = form.appendChild(el("div", "annotrain-actions"));
    button(actions, "xapi_agree", "agree", true).type = "submit";
    button(actions, "xapi_decline", "decline", false);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var learner = { name: name.value.trim(), email: email.value.trim() };
      if (!learner.name || !/^[^\s@]+@[^\s@]+$/.test(learner.email)) {
        error.hidden = false;
        (learner.name ? email : name).focus();
        return;
      }
      update(function (s) {
        s.consent = "agreed";
        s.learner = learner;
        s.queue.forEach(function (q) {
          if (q.post) withLearner(q.body, learner);
          else if (!q.actor) q.actor = agentOf(learner);
        });
      });
      show(true);
      send();
    });
    if (focus) name.focus();
  }

  function waitingList(parent, state) {
    var details = parent.appendChild(el("details", "annotrain-xapi-waiting"));
    details.appendChild(el("summary", null, t("xapi_show_waiting")));
    var list = details.appendChild(el("ul"));
    state.queue.slice(0, SHOWN).forEach(function (q) {
      if (q.post) return list.appendChild(el("li", null, t("xapi_waiting_attempt", { quiz: q.label })));
      var name = q.object.definition ? q.object.definition.name["en-US"] : q.object.id;
      list.appendChild(el("li", null, q.verb.display["en-US"] + ": " + name));
    });
    return details;
  }

  /**
   * Bring the box up to date with the store. The title and the status line stay (a
   * status region announces changes to its text); the part below is drawn again
   * only when the state changed, so a half-filled form or an open list stays as it
   * is. `focus`: the learner just chose: move focus into the new part.
   */
  function show(focus) {
    if (!box) return;
    var state = load();
    var waiting = state.queue.length;
    var kind = fromFile ? "file" : state.consent || "ask";
    box.setAttribute("data-annotrain-xapi-waiting", String(waiting));
    box.setAttribute("data-annotrain-xapi-held", String(state.held.length));
    var status = box.querySelector(".annotrain-xapi-status");
    var body = box.querySelector(".annotrain-xapi-body");
    var list = body && body.querySelector("details");
    var redraw = focus || box.getAttribute("data-annotrain-xapi-state") !== kind || kind === "agreed";
    box.setAttribute("data-annotrain-xapi-state", kind);
    status.textContent = statusText(state, kind);
    if (!redraw) return;
    var open = Boolean(list && list.open);
    body.textContent = "";
    if (kind === "ask") askForm(body, state, focus);
    if (kind === "declined") button(actionsIn(body), "xapi_start", "ask", false);
    if (kind === "agreed") {
      var actions = actionsIn(body);
      if (waiting) button(actions, "xapi_send_now", "send", false);
      button(actions, "xapi_stop", "stop", false);
      if (waiting) waitingList(body, state).open = open;
    }
    if (focus && kind !== "ask") status.focus();
  }

  function actionsIn(parent) {
    return parent.appendChild(el("div", "annotrain-actions"));
  }

  function statusText(state, kind) {
    if (kind === "file") return t("xapi_from_file");
    if (kind === "declined") return t("xapi_declined");
    if (kind !== "agreed") return "";
    var waiting = state.queue.length;
    var parts = [waiting ? t("xapi_waiting", { count: waiting }) : config.endpoint ? t("xapi_all_sent", { host: host() }) : t("xapi_all_delivered")];
    if (waiting && problem) parts.push(problem);
    if (state.held.length) parts.push(t("xapi_held", { count: state.held.length }));
    return parts.join(" ");
  }

  function mountBox() {
    if (box && document.body.contains(box)) return;
    var first = document.querySelector(".annotrain-exercise, .annotrain-lesson, [data-annotrain-progress], [data-annotrain-quiz], [data-annotrain-verify]");
    if (!first) return;
    // Without an LRS, the box is where a quiz posts its attempts, or something waits.
    if (!config.endpoint && !submitHosts().length && !load().queue.length) return;
    box = el("section", "annotrain-xapi");
    box.setAttribute("aria-label", t("xapi_title"));
    box.appendChild(el("h2", "annotrain-xapi-title", t("xapi_title")));
    var status = box.appendChild(el("p", "annotrain-xapi-status"));
    status.setAttribute("role", "status");
    status.setAttribute("tabindex", "-1");
    box.appendChild(el("div", "annotrain-xapi-body"));
    first.parentNode.insertBefore(box, first);
    box.addEventListener("click", function (event) {
      var target = event.target.closest("[data-annotrain-xapi-action]");
      var action = target && target.getAttribute("data-annotrain-xapi-action");
      if (action === "decline" || action === "stop") {
        update(function (s) { s.consent = "declined"; s.queue = []; });
        show(true);
      } else if (action === "ask") {
        update(function (s) { s.consent = null; });
        show(true);
      } else if (action === "send") {
        failures = 0;
        clearTimeout(timer);
        send();
      }
    });
    show();
  }

  // --- what happens on the page --------------------------------------------------------

  var opened = typeof WeakSet === "function" ? new WeakSet() : null;

  function pageOpened() {
    mountBox();
    Array.prototype.forEach.call(document.querySelectorAll(".annotrain-lesson[data-annotrain-lesson]"), function (root) {
      if (!opened || opened.has(root)) return;
      opened.add(root);
      record("experienced", lessonActivity(root.getAttribute("data-annotrain-lesson")));
    });
  }

  function lessonActivity(key) {
    var title = document.querySelector("h1");
    return activity(config.site_url + pagePath(key), title ? title.textContent.trim() : key, TYPES.lesson);
  }

  function onLessonDone(event) {
    if (event.detail.done) record("completed", lessonActivity(event.detail.lesson), { completion: true });
  }

  function onGraded(event) {
    var root = event.target.closest(".annotrain-exercise[data-annotrain-id]");
    if (!root || root.closest("[data-annotrain-quiz]")) return; // quiz tasks go with their attempt
    var grade = event.detail;
    var result = { score: { scaled: grade.score, raw: grade.score, min: 0, max: 1 }, success: grade.passed, extensions: {} };
    var criteria = {}; // per criterion: the level reached and the measured value
    Object.keys(grade.criteria || {}).forEach(function (id) {
      criteria[id] = { level: grade.criteria[id].level, value: grade.criteria[id].value };
    });
    result.extensions[ext("criteria")] = criteria;
    var heading = root.querySelector(".annotrain-title");
    var name = heading ? heading.textContent.trim() : grade.id;
    record("answered", activity(config.site_url + "exercise/" + grade.id, name, TYPES.exercise), result);
  }

  /** The agent of an attempt begun on a ticket at `quiz`, else null (the learner who agreed). */
  function attemptAgent(quiz) {
    var candidate = load().tickets[quiz];
    return candidate ? ticketAgent(candidate) : null;
  }

  function onStarted(event) {
    var detail = event.detail;
    var attempt = detail.attempt || {};
    var candidate = attempt.ticket && attempt.candidate && attempt.candidate.id ? attempt.candidate : null;
    update(function (s) {
      if (candidate) s.tickets[detail.quiz] = { id: candidate.id, name: candidate.name || "" };
      else delete s.tickets[detail.quiz];
    });
    var named = box && box.querySelector("#annotrain-xapi-name");
    if (candidate && named && !named.value) named.value = candidate.name || ""; // the ticket's name
    record("attempted", quizActivity(detail), null, attemptAgent(detail.quiz));
  }

  function onSubmitted(event) {
    var detail = event.detail;
    var grade = detail.grade;
    var agent = attemptAgent(detail.quiz);
    var result = { completion: true, extensions: {} };
    result.extensions[ext("attempt")] = detail.file;
    if (grade) { // an exam's browser cannot grade: no score
      result.score = { scaled: grade.score, raw: grade.score, min: 0, max: 1 };
      result.success = grade.passed;
    }
    if (detail.submit_to) deliver(detail.submit_to, detail.file, detail.title);
    var object = quizActivity(detail);
    record("submitted", object, result, agent);
    if (grade && detail.mode === "practice") {
      record(grade.passed ? "passed" : "failed", object, { score: result.score, success: grade.passed, completion: true }, agent);
    }
    if (detail.stopped) {
      var stopped = { completion: false, success: false, extensions: {} };
      stopped.extensions[ext("stopped")] = detail.stopped;
      record("terminated", object, stopped, agent);
    }
    update(function (s) { delete s.tickets[detail.quiz]; });
  }

  function onContested(event) {
    var detail = event.detail;
    if (!detail.reason) return; // a contest withdrawn
    var task = activity(config.site_url + "quiz/" + detail.quiz + "/task/" + detail.task, detail.task, TYPES.task);
    record("commented", task, { response: detail.reason }, attemptAgent(detail.quiz));
  }

  var HANDLERS = {
    "annotrain:lesson-done": onLessonDone,
    "annotrain:graded": onGraded,
    "annotrain:quiz-started": onStarted,
    "annotrain:quiz-submitted": onSubmitted,
    "annotrain:contested": onContested
  };

  function handle(event) {
    try {
      HANDLERS[event.type](event);
    } catch (err) {
      console.error("annotrain: xapi could not record " + event.type, err);
    }
  }

  Object.keys(HANDLERS).forEach(function (name) { document.addEventListener(name, handle); });
  // What the page announced before this file arrived (xapi-load.js kept it).
  var early = annotrain.xapiEarly || [];
  annotrain.xapiEarly = null;
  window.addEventListener("online", function () { failures = 0; send(); });

  function start() {
    pageOpened();
    early.forEach(handle);
    send();
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(function () { pageOpened(); });
    }
  }

  annotrain.xapi = { send: send, queue: function () { return load().queue.slice(); } };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})(window.annotrain = window.annotrain || {});
