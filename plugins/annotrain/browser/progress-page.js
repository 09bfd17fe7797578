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
 *   save():    store the current record after a change made here (the name),
 *   replace(record): keep the current record aside and store `record` instead
 *              (null: a fresh one); returns {ok: true, keptAs} or {ok: false},
 *              and on failure nothing changed,
 *   t(key, params), percent(0..1): the core's messages and number format
 * }.
 * The counting is progress-summary.js's (lessonSummary), the file's format
 * progress-file.js's (parseImport, exportName, learnerName, setLearnerName), and
 * annotrain.download (download.js) offers the files.
 */
(function (annotrain) {
  "use strict";

  var progress = annotrain.progress;
  var progressFile = annotrain.progressFile;
  var el = annotrain.dom.el;

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

  // The exercise names of a table row (id -> name); a malformed map counts as none.
  function exerciseNames(row) {
    try {
      var names = JSON.parse(row.getAttribute("data-annotrain-names") || "{}");
      return annotrain.grader.isObject(names) ? names : {};
    } catch (err) {
      return {};
    }
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

  // A quiz's attempts summed up: {count, best (-1: none graded), passed, key}.
  function quizResult(attempts) {
    var graded = attempts.filter(function (a) { return typeof a.score === "number"; });
    var best = graded.reduce(function (top, a) { return Math.max(top, a.score); }, -1);
    var passed = graded.some(function (a) { return a.passed === true; });
    var key = "progress_quiz_none";
    if (passed) key = "progress_quiz_passed";
    else if (graded.length) key = "progress_quiz_not_passed";
    else if (attempts.length) key = "progress_quiz_submitted";
    return { count: attempts.length, best: best, passed: passed, key: key };
  }

  // A quiz row: attempts so far, the best graded score, and the best result.
  function fillQuizRow(row, attempts, ctx) {
    var t = ctx.t;
    var result = quizResult(attempts);
    var cell = function (name) { return row.querySelector('[data-annotrain-cell="' + name + '"]'); };
    row.setAttribute("data-annotrain-attempts", String(result.count));
    row.setAttribute("data-annotrain-passed", String(result.passed));
    cell("attempts").textContent = String(result.count);
    cell("best").textContent = "";
    if (result.best < 0) dash(cell("best"), t("progress_no_attempts"));
    else cell("best").textContent = ctx.percent(result.best);
    cell("result").textContent = t(result.key);
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
    var name = progressFile.exportName(ctx.site, new Date());
    annotrain.download(name, JSON.stringify(ctx.data(), null, 2) + "\n", "application/json");
    say(root, ctx.t("progress_exported", { file: name }));
  }

  // The title of a plan row's lesson or quiz, and the caption of its table.
  function rowTitle(row) {
    var link = row.querySelector("a");
    return (link || row).textContent.trim();
  }

  function rowSection(row) {
    var table = row.closest("table");
    return table && table.caption ? table.caption.textContent.trim() : "";
  }

  // The site's name: the last part of Material's "Page - Site" title, else the site id.
  function siteName(ctx) {
    var parts = document.title.split(" - ");
    return parts.length > 1 && parts[parts.length - 1].trim() ? parts[parts.length - 1].trim() : ctx.site;
  }

  /**
   * The learner's portfolio: a standalone HTML page (inline style, no script)
   * with the lessons done, the exercises attempted and the quizzes. Built with
   * DOM methods on a detached document, so every text is escaped.
   */
  function portfolio(root, ctx, now) {
    var t = ctx.t;
    var data = ctx.data();
    var doc = document.implementation.createHTMLDocument(t("portfolio_title"));
    doc.documentElement.lang = document.documentElement.lang || "en";
    var meta = doc.createElement("meta");
    meta.setAttribute("charset", "utf-8");
    doc.head.insertBefore(meta, doc.head.firstChild);
    var viewport = doc.head.appendChild(doc.createElement("meta"));
    viewport.name = "viewport";
    viewport.content = "width=device-width, initial-scale=1";
    doc.head.appendChild(doc.createElement("style")).textContent = PORTFOLIO_CSS;
    var main = doc.body.appendChild(doc.createElement("main"));
    function add(parent, tag, text) {
      var node = parent.appendChild(doc.createElement(tag));
      if (text !== undefined) node.textContent = text;
      return node;
    }
    function table(title, heads, rows) {
      add(main, "h2", title);
      if (!rows.length) {
        add(main, "p", t("portfolio_none"));
        return;
      }
      var node = add(main, "table");
      var head = add(add(node, "thead"), "tr");
      heads.forEach(function (text) { add(head, "th", text).setAttribute("scope", "col"); });
      var body = add(node, "tbody");
      rows.forEach(function (cells) {
        var tr = add(body, "tr");
        cells.forEach(function (text) { add(tr, "td", text); });
      });
    }
    var site = siteName(ctx);
    var date = now.toLocaleDateString(doc.documentElement.lang, { year: "numeric", month: "long", day: "numeric" });
    doc.title = t("portfolio_title") + " - " + site;
    add(main, "p", site).className = "site";
    add(main, "h1", t("portfolio_title"));
    var learner = progressFile.learnerName(data);
    if (learner) add(main, "p", t("portfolio_learner", { name: learner })).className = "learner";
    add(main, "p", t("portfolio_date", { date: date })).className = "date";

    var lessons = [];
    var exercises = [];
    var seen = {};
    Array.prototype.forEach.call(root.querySelectorAll("tr[data-annotrain-lesson]"), function (row) {
      var title = rowTitle(row);
      var section = rowSection(row);
      var ids = exerciseIds(row);
      var names = exerciseNames(row);
      if (progress.lessonSummary(data, row.getAttribute("data-annotrain-lesson"), []).done) {
        lessons.push([title, section]);
      }
      ids.forEach(function (id) {
        if (Object.prototype.hasOwnProperty.call(seen, id)) return;
        seen[id] = true;
        var item = Object.prototype.hasOwnProperty.call(data.exercises, id) ? data.exercises[id] : null;
        if (!item || typeof item.best !== "number" || !isFinite(item.best)) return;
        var name = typeof names[id] === "string" && names[id] ? names[id] : id;
        var lesson = section ? t("portfolio_lesson_in", { lesson: title, section: section }) : title;
        exercises.push([name, lesson, ctx.percent(item.best),
          t(item.passed === true ? "progress_quiz_passed" : "progress_quiz_not_passed")]);
      });
    });
    var quizzes = Array.prototype.map.call(root.querySelectorAll("tr[data-annotrain-quiz-row]"), function (row) {
      var result = quizResult(progress.quizAttempts(data, row.getAttribute("data-annotrain-quiz-row")));
      return [rowTitle(row), String(result.count), result.best < 0 ? "\u2014" : ctx.percent(result.best), t(result.key)];
    });
    table(t("portfolio_lessons"), [t("progress_lesson"), t("portfolio_section")], lessons);
    table(t("portfolio_exercises"),
      [t("exercise"), t("progress_lesson"), t("progress_best"), t("progress_result")], exercises);
    if (quizzes.length) {
      table(t("progress_quizzes"), [t("progress_quiz"), t("progress_attempts"), t("progress_best"), t("progress_result")], quizzes);
    }
    return "<!DOCTYPE html>\n" + doc.documentElement.outerHTML + "\n";
  }

  function portfolioFile(root, ctx) {
    var now = new Date();
    var name = progressFile.exportName(ctx.site, now).replace(/-progress-([0-9-]+)\.json$/, "-portfolio-$1.html");
    annotrain.download(name, portfolio(root, ctx, now), "text/html");
    say(root, ctx.t("portfolio_saved", { file: name }));
  }

  // progressFile.parseImport's problem kinds.
  var IMPORT_PROBLEMS = {
    import_not_json: "progress_import_not_json",
    import_wrong_format: "progress_import_wrong_format",
    import_future: "progress_import_future",
    import_damaged: "progress_import_damaged"
  };

  function loadText(root, ctx, name, text) {
    var t = ctx.t;
    var parsed = progressFile.parseImport(text, ctx.site);
    if (!parsed.ok) {
      say(root, t(IMPORT_PROBLEMS[parsed.problem.kind], {
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
    showName(root, ctx);
    var message = t("progress_imported", { file: name });
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
    showName(root, ctx);
    say(root, ctx.t("progress_reset_done"));
  }

  // The portfolio file stands alone: no stylesheet, no script, prints cleanly.
  var PORTFOLIO_CSS = [
    "body { margin: 0; font-family: system-ui, sans-serif; color: #1b1b1b; background: #fff; }",
    "main { max-width: 50rem; margin: 2rem auto; padding: 0 1.5rem; }",
    ".site { margin: 0; font-size: 0.9rem; letter-spacing: 0.08em; text-transform: uppercase; }",
    "h1 { margin: 0.3rem 0; font-size: 1.8rem; } h2 { margin: 2rem 0 0.5rem; font-size: 1.25rem; }",
    ".learner { margin: 0.2rem 0; font-size: 1.15rem; font-weight: 700; overflow-wrap: anywhere; }",
    ".date { color: #555; }",
    "table { width: 100%; border-collapse: collapse; font-size: 0.95rem; }",
    "th, td { padding: 0.35rem 0.6rem; border-bottom: 1px solid #ccc; text-align: left; vertical-align: top; overflow-wrap: break-word; hyphens: auto; }",
    "@media (max-width: 30rem) { main { margin: 1rem auto; padding: 0 0.75rem; } th, td { padding: 0.35rem 0.3rem; } }",
    "thead th { border-bottom: 2px solid #555; }",
    "@media print { main { margin: 0; max-width: none; } tr { break-inside: avoid; } @page { margin: 1.5cm; } }"
  ].join("\n");

  function showName(root, ctx) {
    var input = root.querySelector("[data-annotrain-learner]");
    if (input) input.value = progressFile.learnerName(ctx.data());
  }

  // The learner's name: shown from the record, kept in it when the field changes.
  function learnerField(root, ctx) {
    var input = root.querySelector("[data-annotrain-learner]");
    if (!input) return;
    showName(root, ctx);
    input.addEventListener("change", function () {
      var name = progressFile.setLearnerName(ctx.data(), input.value, new Date());
      input.value = name;
      ctx.save();
      say(root, name ? ctx.t("progress_name_saved", { name: name }) : ctx.t("progress_name_removed"));
    });
  }

  annotrain.progressPage = {
    mount: function (root, ctx) {
      render(root, ctx);
      learnerField(root, ctx);
      root.addEventListener("click", function (event) {
        var target = event.target.closest('[data-annotrain-action="export"], [data-annotrain-action="portfolio"], [data-annotrain-action="reset"]');
        if (!target || !root.contains(target)) return;
        var action = target.getAttribute("data-annotrain-action");
        if (action === "export") exportFile(root, ctx);
        else if (action === "portfolio") portfolioFile(root, ctx);
        else reset(root, ctx);
      });
      root.addEventListener("change", function (event) {
        if (event.target.matches('[data-annotrain-action="import"]')) importFile(root, ctx, event.target);
      });
    }
  };
})(window.annotrain = window.annotrain || {});
