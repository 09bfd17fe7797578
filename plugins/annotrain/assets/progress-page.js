/* annotrain progress page: fills the server-rendered plan tables of a
 * [data-annotrain-progress] root with the learner's progress, and runs its
 * export, import and reset actions. Classic script in the progress page's bundle,
 * after progress.js and before annotrain.js; the core calls
 *
 *   annotrain.progressPage.mount(root, ctx)
 *
 * once per root, with ctx = {
 *   site:      the site id (string),
 *   data():    the current progress record (read only here),
 *   replace(record): keep the current record aside and store `record` instead
 *              (null: a fresh one); returns {ok: true, keptAs} or {ok: false},
 *              and on failure nothing changed,
 *   t(key, params), percent(0..1): the core's messages and number format,
 *   download(name, text, type): offer a file to download
 * }.
 * The counting itself is progress.js's (lessonSummary, parseImport, exportName).
 */
(function (annotrain) {
  "use strict";

  var progress = annotrain.progress;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // The exercise ids of a table row; a malformed list counts as none.
  function exerciseIds(row) {
    var ids;
    try {
      ids = JSON.parse(row.getAttribute("data-annotrain-exercises") || "[]");
    } catch (err) {
      ids = null;
    }
    if (!Array.isArray(ids)) {
      console.error("annotrain: progress row " + row.getAttribute("data-annotrain-lesson") + " has no exercise list");
      return [];
    }
    return ids.filter(function (id) { return typeof id === "string"; });
  }

  // A dash for the eye, words for a screen reader.
  function dash(cell, words) {
    cell.appendChild(el("span", null, "\u2014")).setAttribute("aria-hidden", "true");
    cell.appendChild(el("span", "annotrain-sr-only", words));
  }

  function fillRow(row, summary, ctx) {
    var t = ctx.t;
    var cell = function (name) { return row.querySelector('[data-annotrain-cell="' + name + '"]'); };
    var done = cell("done");
    var passed = cell("passed");
    var score = cell("score");
    row.setAttribute("data-annotrain-done", String(summary.done));
    row.setAttribute("data-annotrain-passed", String(summary.passed));
    if (summary.score === null) row.removeAttribute("data-annotrain-score");
    else row.setAttribute("data-annotrain-score", String(summary.score));
    if (done) {
      done.textContent = "";
      if (summary.done) done.appendChild(el("span", "annotrain-tick", "\u2713 ")).setAttribute("aria-hidden", "true");
      done.appendChild(document.createTextNode(t(summary.done ? "progress_cell_done" : "progress_cell_not_done")));
    }
    if (passed) {
      passed.textContent = "";
      if (summary.total) passed.textContent = t("progress_cell_passed", { passed: summary.passed, total: summary.total });
      else dash(passed, t("progress_no_exercises"));
    }
    if (score) {
      score.textContent = "";
      if (summary.score === null) dash(score, t("progress_no_attempts"));
      else score.textContent = ctx.percent(summary.score);
    }
  }

  // A quiz row: attempts so far, the best graded score, and the best result.
  function fillQuizRow(row, attempts, ctx) {
    var t = ctx.t;
    var graded = attempts.filter(function (a) { return typeof a.score === "number"; });
    var best = graded.reduce(function (top, a) { return Math.max(top, a.score); }, -1);
    var passed = graded.some(function (a) { return a.passed === true; });
    var cell = function (name) { return row.querySelector('[data-annotrain-cell="' + name + '"]'); };
    row.setAttribute("data-annotrain-attempts", String(attempts.length));
    row.setAttribute("data-annotrain-passed", String(passed));
    cell("attempts").textContent = String(attempts.length);
    cell("best").textContent = "";
    if (best < 0) dash(cell("best"), t("progress_no_attempts"));
    else cell("best").textContent = ctx.percent(best);
    var key = "progress_quiz_none";
    if (passed) key = "progress_quiz_passed";
    else if (graded.length) key = "progress_quiz_not_passed";
    else if (attempts.length) key = "progress_quiz_submitted";
    cell("result").textContent = t(key);
  }

  function render(root, ctx) {
    var data = ctx.data();
    Array.prototype.forEach.call(root.querySelectorAll("tr[data-annotrain-quiz-row]"), function (row) {
      fillQuizRow(row, progress.quizAttempts(data, row.getAttribute("data-annotrain-quiz-row")), ctx);
    });
    var lessons = 0;
    var done = 0;
    var exercises = {};
    Array.prototype.forEach.call(root.querySelectorAll("tr[data-annotrain-lesson]"), function (row) {
      var ids = exerciseIds(row);
      var summary = progress.lessonSummary(data, row.getAttribute("data-annotrain-lesson"), ids);
      fillRow(row, summary, ctx);
      lessons += 1;
      if (summary.done) done += 1;
      ids.forEach(function (id) { exercises[id] = true; });
    });
    var ids = Object.keys(exercises);
    var passed = progress.lessonSummary(data, "", ids).passed;
    var line = root.querySelector(".annotrain-progress-summary");
    if (line) {
      line.textContent = ctx.t("progress_summary", {
        done: done, lessons: lessons, passed: passed, exercises: ids.length
      });
    }
  }

  function say(root, text) {
    var status = root.querySelector(".annotrain-progress-status");
    if (status) status.textContent = text;
  }

  function exportFile(root, ctx) {
    var name = progress.exportName(ctx.site, new Date());
    ctx.download(name, JSON.stringify(ctx.data(), null, 2) + "\n", "application/json");
    say(root, ctx.t("progress_exported", { file: name }));
  }

  function loadText(root, ctx, name, text) {
    var t = ctx.t;
    var parsed = progress.parseImport(text, ctx.site);
    if (!parsed.ok) {
      say(root, t("progress_" + parsed.problem.kind, {
        file: name, version: parsed.problem.version, supported: progress.VERSION
      }));
      return;
    }
    var replaced = ctx.replace(parsed.data);
    if (!replaced.ok) {
      say(root, t("progress_store_refused"));
      return;
    }
    render(root, ctx);
    var message = t("progress_imported", { file: name, key: replaced.keptAs });
    if (parsed.from !== null && parsed.from !== ctx.site) {
      message += " " + t("progress_imported_other_site", { site: parsed.from });
    }
    say(root, message);
  }

  function importFile(root, ctx, input) {
    var file = input.files && input.files[0];
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () {
      loadText(root, ctx, file.name, reader.result);
    };
    reader.onerror = function () {
      say(root, ctx.t("progress_import_unreadable", { file: file.name }));
    };
    reader.readAsText(file);
    // Choosing the same file again must fire "change" again.
    input.value = "";
  }

  function reset(root, ctx) {
    if (!window.confirm(ctx.t("progress_reset_confirm"))) return;
    var replaced = ctx.replace(null);
    if (!replaced.ok) {
      say(root, ctx.t("progress_store_refused"));
      return;
    }
    render(root, ctx);
    say(root, ctx.t("progress_reset_done", { key: replaced.keptAs }));
  }

  annotrain.progressPage = {
    mount: function (root, ctx) {
      render(root, ctx);
      root.addEventListener("click", function (event) {
        var target = event.target.closest('[data-annotrain-action="export"], [data-annotrain-action="reset"]');
        if (!target || !root.contains(target)) return;
        if (target.getAttribute("data-annotrain-action") === "export") exportFile(root, ctx);
        else reset(root, ctx);
      });
      root.addEventListener("change", function (event) {
        if (event.target.matches('[data-annotrain-action="import"]')) importFile(root, ctx, event.target);
      });
    }
  };
})(window.annotrain = window.annotrain || {});
