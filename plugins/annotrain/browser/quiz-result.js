/* annotrain quiz result parts: the table of a graded attempt's criteria (each
 * with its score and, when below the pass mark, a link to the lesson to review),
 * the sections that held it back and the table of its sections' scores against
 * their minimums (skill gates), and the practice record a passed self-check can
 * download (a page of its own that says plainly it is no qualification). Built
 * from the quiz JSON, the grade or attempt file, and ctx = {t(key, params),
 * percent(0..1), day(iso)}; the runner (quiz.js) puts them in place.
 *
 * Classic script in the quiz page's bundle, before quiz.js:
 *   annotrain.quizResult.criteriaTable(grade, quiz, ctx)   an element
 *   annotrain.quizResult.heldBack(grade, ctx)              elements: one sentence a section
 *   annotrain.quizResult.sectionsTable(grade, ctx)         an element, or null without gates
 *   annotrain.quizResult.practiceRecord(file, quiz, ctx)   an HTML document's text
 */
(function (annotrain) {
  "use strict";

  var el = annotrain.dom.el;

  var RECORD_CSS = [
    "body { margin: 0; padding: 0 0.75rem; font-family: Georgia, 'Times New Roman', serif; color: #1b1b1b; background: #fff; }",
    "main { box-sizing: border-box; max-width: 48rem; margin: 2rem auto; padding: 3rem 2rem;",
    "  border: 6px double #4a4a4a; text-align: center; }",
    ".site { margin: 0; font-size: 1rem; letter-spacing: 0.1em; text-transform: uppercase; }",
    ".title { margin: 1rem 0 2rem; font-size: 2.2rem; }",
    ".lead, .quiz, .score { font-size: 1.2rem; }",
    ".name { margin: 0.5rem 0 1rem; font-size: 2rem; font-style: italic; overflow-wrap: anywhere; }",
    ".note { margin-top: 2rem; color: #555; font-size: 0.9rem; }",
    "@media print { main { margin: 0 auto; } @page { size: landscape; margin: 1.5cm; } }"
  ].join("\n");

  function criteriaTable(grade, quiz, ctx) {
    var t = ctx.t;
    var wrap = el("div", "annotrain-table-wrap");
    wrap.tabIndex = 0; // scrolls sideways on phones: keyboard users must reach it
    wrap.setAttribute("role", "group");
    wrap.setAttribute("aria-label", t("quiz_criteria"));
    var tbl = wrap.appendChild(el("table", "annotrain-table annotrain-quiz-criteria"));
    tbl.appendChild(el("caption", null, t("quiz_criteria")));
    var head = tbl.appendChild(el("thead")).appendChild(el("tr"));
    ["criterion", "quiz_criterion_score", "quiz_criterion_review"].forEach(function (key) {
      head.appendChild(el("th", null, t(key))).scope = "col";
    });
    var body = tbl.appendChild(el("tbody"));
    annotrain.quizCore.criterionRows(grade, quiz.pass).forEach(function (row) {
      var tr = body.appendChild(el("tr"));
      tr.setAttribute("data-annotrain-criterion", row.id);
      tr.setAttribute("data-annotrain-weak", String(row.weak));
      var th = tr.appendChild(el("th", null, row.name));
      th.scope = "row";
      tr.appendChild(el("td", null, ctx.percent(row.value)));
      var cell = tr.appendChild(el("td"));
      var lesson = quiz.lessons && Object.prototype.hasOwnProperty.call(quiz.lessons, row.id) ? quiz.lessons[row.id] : null;
      if (row.weak && lesson && lesson.url) {
        var link = cell.appendChild(el("a", null, t("quiz_review_lesson", { lesson: lesson.name })));
        link.href = lesson.url;
      } else {
        cell.textContent = t(row.weak ? "quiz_below_pass" : "quiz_at_pass");
      }
    });
    return wrap;
  }

  // A section's name in the result: its title, else its place (only an ungated
  // section may be untitled).
  function sectionName(section, index, t) {
    return section.title || t("quiz_section_number", { number: index + 1 });
  }

  // One sentence for each gated section whose score fell short, in quiz order.
  function heldBack(grade, ctx) {
    var out = [];
    grade.sections.forEach(function (section, index) {
      if (section.met !== false) return;
      var line = el("p", "annotrain-quiz-held-back", ctx.t("quiz_held_back", {
        section: sectionName(section, index, ctx.t),
        score: ctx.percent(section.score),
        minimum: ctx.percent(section.min_score)
      }));
      line.setAttribute("data-annotrain-section", section.title);
      out.push(line);
    });
    return out;
  }

  // Each section's score and its minimum, with whether it was reached in words:
  // only when some section has a minimum.
  function sectionsTable(grade, ctx) {
    var t = ctx.t;
    var gated = grade.sections.some(function (section) { return section.min_score !== null; });
    if (!gated) return null;
    var wrap = el("div", "annotrain-table-wrap");
    wrap.tabIndex = 0;
    wrap.setAttribute("role", "group");
    wrap.setAttribute("aria-label", t("quiz_sections"));
    var tbl = wrap.appendChild(el("table", "annotrain-table annotrain-quiz-sections"));
    tbl.appendChild(el("caption", null, t("quiz_sections")));
    var head = tbl.appendChild(el("thead")).appendChild(el("tr"));
    ["quiz_section", "quiz_criterion_score", "quiz_section_minimum"].forEach(function (key) {
      head.appendChild(el("th", null, t(key))).scope = "col";
    });
    var body = tbl.appendChild(el("tbody"));
    grade.sections.forEach(function (section, index) {
      var tr = body.appendChild(el("tr"));
      tr.setAttribute("data-annotrain-met", section.met === null ? "none" : String(section.met));
      tr.appendChild(el("th", null, sectionName(section, index, t))).scope = "row";
      tr.appendChild(el("td", null, ctx.percent(section.score)));
      var minimum = section.min_score === null ? t("quiz_section_no_minimum") :
        t(section.met ? "quiz_section_reached" : "quiz_section_missed", { minimum: ctx.percent(section.min_score) });
      tr.appendChild(el("td", null, minimum));
    });
    return wrap;
  }

  // What the browser can print of a passed self-check: a practice record that
  // says plainly it is not a qualification (the gold is in the page).
  function practiceRecord(file, quiz, ctx) {
    var t = ctx.t;
    var doc = document.implementation.createHTMLDocument(t("record_title"));
    doc.documentElement.lang = document.documentElement.lang || "en";
    var meta = doc.createElement("meta");
    meta.setAttribute("charset", "utf-8");
    doc.head.insertBefore(meta, doc.head.firstChild);
    var viewport = doc.head.appendChild(doc.createElement("meta")); // read on a phone too
    viewport.name = "viewport";
    viewport.content = "width=device-width, initial-scale=1";
    var style = doc.head.appendChild(doc.createElement("style"));
    style.textContent = RECORD_CSS;
    var main = doc.body.appendChild(doc.createElement("main"));
    function line(tag, className, text) {
      var node = main.appendChild(doc.createElement(tag));
      node.className = className;
      node.textContent = text;
      return node;
    }
    var name = file.candidate && file.candidate.name ? file.candidate.name : t("record_candidate");
    if (quiz.site_name) {
      line("p", "site", quiz.site_name);
      doc.title = t("record_title") + " - " + quiz.site_name;
    }
    line("h1", "title", t("record_title"));
    line("p", "lead", t("record_certifies"));
    line("p", "name", name);
    line("p", "quiz", t("record_passed", { quiz: quiz.title || quiz.id }));
    line("p", "score", t("record_score", { score: ctx.percent(file.client.score), date: ctx.day(file.submitted) }));
    line("p", "note", t("record_note"));
    return "<!DOCTYPE html>\n" + doc.documentElement.outerHTML + "\n";
  }

  annotrain.quizResult = {
    criteriaTable: criteriaTable,
    heldBack: heldBack,
    sectionsTable: sectionsTable,
    practiceRecord: practiceRecord
  };
})(window.annotrain = window.annotrain || {});
