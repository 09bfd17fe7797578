/* annotrain widget "relations": entity spans (the spans widget, tasktypes/spans/
 * widget.js, mounted on the same root and loaded first) and labelled, directed links
 * between them. Reads and writes {"spans": [...], "relations": [{from, to, label}]},
 * from and to being indices into that spans list.
 *
 * Links: the From, To and Relation menus and the Add link button (mouse, touch and
 * keyboard alike); in the passage, Enter on a marked span starts a link from it (the
 * From menu takes that span and focus moves to To). The list under the menus names
 * every link with a Remove button. A link follows its span when the span is
 * relabelled, and goes when the span is removed. Each edit dispatches a bubbling
 * "change" and is one step of the spans widget's undo history, which keeps the
 * links too (ctx.more). After a check, links carry a result word and the gold links
 * are listed; nothing here needs gold before that (exam mode). */
(function (annotrain) {
  "use strict";

  var el = annotrain.dom.el;
  var spansWidget = annotrain.widgets.spans;
  var states = new WeakMap();
  var P = "annotrain-relations-";
  var RESULT = {
    correct: "relations_result_correct", reversed: "relations_result_reversed", label: "relations_result_label",
    spurious: "relations_result_spurious", found: "relations_result_found", missed: "relations_result_missed"
  };

  function all(scope, selector) {
    return Array.prototype.slice.call(scope.querySelectorAll(selector));
  }

  function copy(span) {
    return { start: span.start, end: span.end, label: span.label };
  }

  function same(a, b) {
    return a.start === b.start && a.end === b.end && a.label === b.label;
  }

  // The learner's spans as the spans widget holds them (its order is the grader's).
  function spansOf(state) {
    var response = spansWidget.getResponse(state.root);
    return response ? response.spans : [];
  }

  function indexOf(spans, span) {
    for (var i = 0; i < spans.length; i++) if (same(spans[i], span)) return i;
    return -1;
  }

  function textOf(state, span) {
    return state.chars.slice(span.start, span.end).join("").replace(/\s+/g, " ").trim();
  }

  function spanName(state, span) {
    return span.label + ": \u201c" + textOf(state, span) + "\u201d";
  }

  function params(state, rel) {
    return { label: rel.label, source: textOf(state, rel.a), target: textOf(state, rel.b) };
  }

  function say(state, text) {
    state.status.textContent = text;
  }

  function changed(state) {
    state.panel.dispatchEvent(new Event("change", { bubbles: true }));
  }

  // Keep each link on its spans: a relabelled span (same words, one span there) keeps
  // its links; a removed one takes them along.
  function follow(state) {
    var spans = spansOf(state);
    function end(span) {
      if (indexOf(spans, span) >= 0) return span;
      var there = spans.filter(function (s) { return s.start === span.start && s.end === span.end; });
      return there.length === 1 ? copy(there[0]) : null;
    }
    var kept = [];
    state.relations.forEach(function (rel) {
      var a = end(rel.a), b = end(rel.b);
      var moved = a && b && { a: a, b: b, label: rel.label };
      if (moved && !same(a, b) && !kept.some(function (k) { return sameLink(k, moved); })) kept.push(moved);
    });
    state.relations = kept;
  }

  function sameLink(x, y) {
    return same(x.a, y.a) && same(x.b, y.b) && x.label === y.label;
  }

  function fillMenu(state, menu, spans) {
    var chosen = menu.value === "" ? null : state.menuSpans[Number(menu.value)];
    menu.textContent = "";
    menu.appendChild(el("option", null, state.t("relations_choose"))).value = "";
    spans.forEach(function (span, n) {
      var option = menu.appendChild(el("option", null, spanName(state, span)));
      option.value = String(n);
      if (chosen && same(chosen, span)) option.selected = true;
    });
  }

  // The links as the grader numbers them (by the spans' order), for the list and the response.
  function ordered(state, spans) {
    var names = state.task.relation_labels;
    return state.relations.map(function (rel) {
      return { from: indexOf(spans, rel.a), to: indexOf(spans, rel.b), label: rel.label, rel: rel };
    }).filter(function (r) { return r.from >= 0 && r.to >= 0; }).sort(function (x, y) {
      return x.from - y.from || x.to - y.to || names.indexOf(x.label) - names.indexOf(y.label);
    });
  }

  function fillList(state, ul, links, result, emptyKey, editable) {
    ul.textContent = "";
    if (!links.length) ul.appendChild(el("li", null, state.t(emptyKey)));
    links.forEach(function (link, n) {
      var li = ul.appendChild(el("li", P + "item"));
      li.appendChild(el("span", null, state.t("relations_list_item", link) + " "));
      var kind = result && result(n);
      if (kind) {
        li.setAttribute("data-annotrain-mark", kind);
        var good = kind === "correct" || kind === "found";
        li.appendChild(el("strong", P + "result", (good ? "\u2713 " : "\u2717 ") + state.t(RESULT[kind])));
      }
      if (!editable) return;
      var remove = li.appendChild(el("button", null, state.t("relations_remove")));
      remove.type = "button";
      remove.setAttribute("data-n", n);
      remove.setAttribute("aria-label", state.t("relations_remove_named", link));
    });
  }

  function render(state) {
    var spans = spansOf(state);
    state.menuSpans = spans;
    fillMenu(state, state.from, spans);
    fillMenu(state, state.to, spans);
    state.shown = ordered(state, spans);
    var found = state.found;
    fillList(state, state.items, state.shown.map(function (r) { return params(state, r.rel); }),
      found && function (n) { return found[n].kind; }, "relations_list_empty", !state.locked);
    [state.from, state.to, state.label, state.add].forEach(function (control) { control.disabled = state.locked; });
  }

  function add(state) {
    if (state.locked) return;
    var spans = state.menuSpans;
    if (state.from.value === "" || state.to.value === "") return say(state, state.t("relations_incomplete"));
    var a = spans[Number(state.from.value)], b = spans[Number(state.to.value)];
    if (same(a, b)) return say(state, state.t("relations_self"));
    var rel = { a: copy(a), b: copy(b), label: state.label.value };
    if (state.relations.some(function (k) { return sameLink(k, rel); })) return say(state, state.t("relations_exists"));
    state.relations = state.relations.concat([rel]);
    state.found = null;
    render(state);
    say(state, state.t("relations_added", params(state, rel)));
    changed(state);
  }

  function remove(state, n) {
    var rel = state.shown[n].rel;
    state.relations = state.relations.filter(function (k) { return k !== rel; });
    render(state);
    say(state, state.t("relations_removed", params(state, rel)));
    changed(state);
    var next = all(state.items, "button")[Math.min(n, state.relations.length - 1)];
    (next || state.from).focus();
  }

  // Enter on a marked span in the passage: link from it (the innermost span at the cursor).
  function linkFromCursor(state) {
    var passage = state.passage;
    var tok = document.getElementById(passage.getAttribute("aria-activedescendant") || "");
    if (!tok) return;
    var s = Number(tok.getAttribute("data-s")), e = Number(tok.getAttribute("data-e"));
    var spans = state.menuSpans;
    var over = spans.filter(function (span) { return span.start < e && s < span.end; })
      .sort(function (x, y) { return (x.end - x.start) - (y.end - y.start); });
    if (!over.length) return say(state, state.t("relations_no_span"));
    state.from.value = String(indexOf(spans, over[0]));
    say(state, state.t("relations_from_here", { text: textOf(state, over[0]) }));
    state.to.focus();
  }

  function listen(state) {
    state.passage.addEventListener("change", function () {
      follow(state);
      state.found = null;
      render(state);
    });
    state.passage.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" || event.altKey || event.ctrlKey || event.metaKey || state.locked) return;
      event.preventDefault();
      linkFromCursor(state);
    });
    state.add.addEventListener("click", function () { add(state); });
    state.items.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-n]");
      if (button && !state.locked) remove(state, Number(button.getAttribute("data-n")));
    });
    // The menus are choices, not answers: they must not reach the quiz runner as edits.
    state.panel.querySelector("fieldset").addEventListener("change", function (event) {
      event.stopPropagation();
    });
  }

  function mount(root, task, ctx) {
    var panel = root.querySelector("." + P.slice(0, -1));
    var state = {
      root: root, task: task, t: ctx.t, panel: panel, relations: [], found: null, locked: false,
      chars: Array.from(task.text), menuSpans: [], shown: [],
      passage: root.querySelector(".annotrain-spans-passage"),
      from: panel.querySelector('[data-annotrain-rel="from"]'),
      to: panel.querySelector('[data-annotrain-rel="to"]'),
      label: panel.querySelector('[data-annotrain-rel="label"]'),
      add: panel.querySelector("." + P + "add"),
      status: panel.querySelector("." + P + "status"),
      items: panel.querySelector("." + P + "items")
    };
    states.set(root, state);
    spansWidget.mount(root, task, {
      t: ctx.t, messages: ctx.messages,
      more: {
        take: function () {
          return state.relations.map(function (rel) { return { a: copy(rel.a), b: copy(rel.b), label: rel.label }; });
        },
        put: function (saved) { state.relations = saved; }
      }
    });
    listen(state);
    render(state);
  }

  // The canonical response's links as span pairs (the spans widget takes its spans).
  function setLinks(state, response) {
    var canonical = annotrain.grader.normalize(state.task, response);
    state.relations = canonical.relations.map(function (r) {
      return { a: copy(canonical.spans[r.from]), b: copy(canonical.spans[r.to]), label: r.label };
    });
  }

  function showResult(root, task, grade, response) {
    var state = states.get(root);
    spansWidget.showResult(root, task, grade, response);
    if (!task.gold) return;
    var grader = annotrain.grader;
    var gold = state.panel.querySelector("." + P + "gold");
    if (gold) gold.remove();
    setLinks(state, response);
    var canonical = grader.normalize(task, response);
    var found = state.found = grader.types.relations.findings(task, canonical);
    render(state);
    var status = task.gold.relations.map(function () { return "missed"; });
    found.forEach(function (f) { if (f.kind === "correct") status[f.ref] = "found"; });
    var box = state.panel.appendChild(el("div", P + "gold"));
    box.appendChild(el("p", "annotrain-spans-list-title", state.t("relations_gold")));
    var links = task.gold.relations.map(function (r) {
      return params(state, { a: task.gold.spans[r.from], b: task.gold.spans[r.to], label: r.label });
    });
    fillList(state, box.appendChild(el("ul")), links, function (n) { return status[n]; }, "note_relations_gold_empty", false);
  }

  function clearGold(state) {
    state.found = null;
    var gold = state.panel.querySelector("." + P + "gold");
    if (gold) gold.remove();
  }

  annotrain.widgets.relations = {
    mount: mount,
    // null while the spans widget has no answer ("nothing here" unticked, no span).
    getResponse: function (root) {
      var state = states.get(root);
      var response = spansWidget.getResponse(root);
      if (!response) return null;
      response.relations = ordered(state, response.spans).map(function (r) {
        return { from: r.from, to: r.to, label: r.label };
      });
      return response;
    },
    setResponse: function (root, response) {
      var state = states.get(root);
      clearGold(state);
      setLinks(state, response);
      spansWidget.setResponse(root, response);
      say(state, "");
      render(state);
    },
    lock: function (root, locked) {
      var state = states.get(root);
      state.locked = locked;
      spansWidget.lock(root, locked);
      say(state, "");
      render(state);
    },
    showResult: showResult,
    clear: function (root) {
      var state = states.get(root);
      clearGold(state);
      state.relations = [];
      spansWidget.clear(root);
      say(state, "");
      render(state);
    },
    focus: function (root) { spansWidget.focus(root); }
  };
})(window.annotrain = window.annotrain || {});
