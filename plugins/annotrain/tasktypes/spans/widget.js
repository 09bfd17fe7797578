/* annotrain widget "spans": mark entity spans in a passage. Reads and writes
 * {"spans": [{start, end, label}]} with offsets in Unicode code points (the
 * template renders each token with its offsets in data-s and data-e, so nothing
 * here counts characters). Selections snap to tokens.
 *
 * The passage is one focusable listbox (aria-multiselectable, horizontal) whose
 * options are the tokens; aria-activedescendant follows a caret. Mouse: drag, or
 * click and Shift+click. Touch: tap the first token, then the last (the same
 * token twice for a one-word span); a tap after that starts anew.
 * Keys in the passage: Left/Right (and Up/Down) move the caret and select its
 * token, Shift extends, Home/End jump, a label's digit or letter applies it,
 * Delete/Backspace removes the innermost span at the caret, Escape clears the
 * selection. The list under the passage names every span with a label menu and a
 * Remove button (the text alternative, and a second keyboard path). After a check,
 * spans carry a result mark, and a copy of the passage shows the gold spans
 * (dashed underline and "(gold)" tags) with a list of their own. The grader's
 * normalize() orders spans and its findings() classify them; this file only shows
 * them. Every edit dispatches a bubbling "change" event, as native inputs do,
 * and is a step of the undo history (tasktypes/shared/history.js). */
(function (annotrain) {
  "use strict";

  var el = annotrain.dom.el;
  var states = new WeakMap();
  var counter = 0;
  var P = "annotrain-spans-";
  // Result words by finding kind (learner spans) and by status (gold spans).
  var RESULT = {
    correct: "spans_result_correct", boundary: "spans_result_boundary", label: "spans_result_label",
    both: "spans_result_both", spurious: "spans_result_spurious", found: "spans_result_found",
    inexact: "spans_result_inexact", missed: "spans_result_missed"
  };

  function mark(kind) {
    return kind === "correct" || kind === "found" ? "\u2713 " : "\u2717 ";
  }

  function all(scope, selector) {
    return Array.prototype.slice.call(scope.querySelectorAll(selector));
  }

  function textOf(state, span) {
    return state.chars.slice(span.start, span.end).join("").replace(/\s+/g, " ").trim();
  }

  function colour(state, label) {
    return " " + P + "c" + (state.task.labels.indexOf(label) % 8);
  }

  function say(state, text, warning) {
    state.status.textContent = text;
    state.status.classList.toggle(P + "warning", Boolean(warning));
  }

  function selection(state) {
    return state.anchor < 0 ? null : [Math.min(state.anchor, state.caret), Math.max(state.anchor, state.caret)];
  }

  // Spans covering token i, innermost (shortest) first.
  function covering(state, spans, i) {
    return spans.filter(function (span) { return span.start < state.ends[i] && state.starts[i] < span.end; })
      .sort(function (a, b) { return (a.end - a.start) - (b.end - b.start); });
  }

  // --- drawing --------------------------------------------------------------------

  // Colour the tokens (and the gaps inside a span) of `passage`, and put a text
  // tag after each span's last token; extra(token, i, spans over it) adds more.
  function paint(state, passage, spans, tagText, extra) {
    all(passage, "." + P + "tag").forEach(function (tag) { tag.remove(); });
    var toks = all(passage, ".annotrain-tok");
    var previous = [];
    toks.forEach(function (tok, i) {
      var over = covering(state, spans, i);
      tok.className = "annotrain-tok" + (over.length ? " " + P + "on" + colour(state, over[0].label) : "");
      var gap = tok.previousElementSibling;
      if (gap && gap.classList.contains("annotrain-gap")) {
        var inside = over.filter(function (span) { return previous.indexOf(span) !== -1; });
        gap.className = gap.className.replace(/ annotrain-spans-on.*$/, "") +
          (inside.length ? " " + P + "on" + colour(state, inside[0].label) : "");
      }
      if (extra) extra(tok, i, over);
      previous = over;
    });
    spans.forEach(function (span, n) {
      var last = 0;
      state.starts.forEach(function (s, i) { if (s < span.end) last = i; });
      var tag = el("span", P + "tag" + colour(state, span.label), tagText(span, n));
      tag.setAttribute("aria-hidden", "true");
      toks[last].parentNode.insertBefore(tag, toks[last].nextSibling);
    });
  }

  function render(state) {
    annotrain.nothing.sync(state.root, state.spans.length, state.locked);
    var sel = selection(state);
    var found = state.found;
    paint(state, state.passage, state.spans, function (span, n) {
      return (found ? mark(found[n].kind) : "") + span.label;
    }, function (tok, i, over) {
      var selected = Boolean(sel && i >= sel[0] && i <= sel[1]);
      tok.setAttribute("aria-selected", String(selected));
      if (selected) tok.className += " " + P + "sel";
      if (i === state.caret) tok.className += " " + P + "caret";
      if (over.length) tok.setAttribute("aria-label", tok.textContent + " (" + over.map(function (s) { return s.label; }).join(", ") + ")");
      else tok.removeAttribute("aria-label");
    });
    state.passage.setAttribute("aria-activedescendant", state.toks[state.caret].id);
    fillList(state, state.items, state.spans, found && function (n) { return found[n].kind; }, "spans_list_empty");
  }

  // One line per span ("Person: “Ada” (characters 0–3)"), its result word after a
  // check, and in the learner's own list, while editing, a label menu and Remove.
  function fillList(state, ul, spans, result, emptyKey) {
    var editable = ul === state.items && !state.locked;
    ul.textContent = "";
    if (!spans.length) ul.appendChild(el("li", null, state.t(emptyKey)));
    spans.forEach(function (span, n) {
      var text = textOf(state, span);
      var li = ul.appendChild(el("li", P + "item"));
      li.appendChild(el("span", P + "swatch" + colour(state, span.label))).setAttribute("aria-hidden", "true");
      li.appendChild(el("span", null, state.t("spans_list_item", { label: span.label, text: text, start: span.start, end: span.end }) + " "));
      var kind = result && result(n);
      if (kind) {
        li.setAttribute("data-annotrain-mark", kind);
        li.appendChild(el("strong", P + "result", mark(kind) + state.t(RESULT[kind])));
      }
      if (!editable) return;
      var menu = li.appendChild(el("select"));
      menu.setAttribute("aria-label", state.t("spans_relabel", { text: text }));
      state.task.labels.forEach(function (label) {
        menu.appendChild(el("option", null, label)).selected = label === span.label;
      });
      var remove = li.appendChild(el("button", null, state.t("spans_remove")));
      remove.type = "button";
      remove.setAttribute("aria-label", state.t("spans_remove_named", { label: span.label, text: text }));
      menu.setAttribute("data-n", n);
      remove.setAttribute("data-n", n);
    });
  }

  // --- editing ----------------------------------------------------------------------

  // Store `spans` in the grader's order, show them and tell listeners (the quiz
  // runner saves answers on "change", as it does for native inputs).
  function update(state, spans, message, warning) {
    state.spans = annotrain.grader.normalize(state.task, { spans: spans }).spans;
    state.anchor = -1;
    say(state, message, warning);
    render(state);
    state.passage.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function apply(state, label) {
    var sel = selection(state);
    if (!sel) return say(state, state.t("spans_select_first"), true);
    var span = { start: state.starts[sel[0]], end: state.ends[sel[1]], label: label };
    var params = { text: textOf(state, span), label: label };
    // The same words again: a new label for that span.
    var others = state.spans.filter(function (s) { return s.start !== span.start || s.end !== span.end; });
    if (others.length < state.spans.length) return update(state, others.concat([span]), state.t("spans_relabelled", params));
    var clash = !state.task.overlap && state.spans.filter(function (s) { return s.start < span.end && span.start < s.end; })[0];
    if (clash) return say(state, state.t("spans_overlap", { text: textOf(state, clash), label: clash.label }), true);
    update(state, state.spans.concat([span]), state.t("spans_marked", params));
  }

  function remove(state, span) {
    update(state, state.spans.filter(function (s) { return s !== span; }),
      state.t("spans_removed", { label: span.label, text: textOf(state, span) }));
  }

  function moveTo(state, i, extend) {
    i = Math.max(0, Math.min(state.toks.length - 1, i));
    if (extend && state.anchor < 0) state.anchor = state.caret;
    state.caret = i;
    if (!extend) state.anchor = i;
    render(state);
    state.toks[i].scrollIntoView({ block: "nearest" });
  }

  var MOVES = { ArrowLeft: -1, ArrowUp: -1, ArrowRight: 1, ArrowDown: 1 };

  function onKey(state, event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var key = event.key;
    // Typed characters belong to the passage, not to Material's page shortcuts
    // (p and n turn pages, s and f open search), which listen on the window.
    if (key.length === 1) event.stopPropagation();
    if (state.locked) return;
    var label = state.keys[key.toLowerCase()];
    if (MOVES[key]) moveTo(state, state.caret + MOVES[key], event.shiftKey);
    else if (key === "Home" || key === "End") moveTo(state, key === "Home" ? 0 : state.toks.length, event.shiftKey);
    else if (key === "Escape") {
      state.anchor = -1;
      render(state);
    } else if (key === "Delete" || key === "Backspace") {
      var over = covering(state, state.spans, state.caret);
      if (over.length) remove(state, over[0]);
      else say(state, state.t("spans_nothing_here"), true);
    } else if (label) apply(state, label);
    else return;
    event.preventDefault();
    event.stopPropagation();
  }

  // --- pointer and touch ------------------------------------------------------------

  function tokenAt(state, x, y) {
    var node = document.elementFromPoint(x, y);
    return node ? state.toks.indexOf(node.closest(".annotrain-tok")) : -1;
  }

  // state.tapped: the token a first tap chose, until a second tap ends the selection.
  function tap(state, i) {
    if (state.tapped >= 0 && state.tapped === state.anchor && state.anchor === state.caret) {
      state.caret = i;
      state.tapped = -1;
    } else state.anchor = state.caret = state.tapped = i;
    render(state);
  }

  function listen(state) {
    var passage = state.passage;
    passage.addEventListener("keydown", function (event) { onKey(state, event); });
    passage.addEventListener("pointerdown", function (event) {
      var i = state.toks.indexOf(event.target.closest(".annotrain-tok"));
      if (state.locked || event.button !== 0 || i < 0) return;
      if (event.pointerType === "touch") {
        state.touched = i; // a tap, decided at pointerup; a swipe scrolls and cancels
        return;
      }
      event.preventDefault(); // no native text selection: the tokens are the selection
      passage.focus({ preventScroll: true });
      if (!event.shiftKey || state.anchor < 0) state.anchor = i;
      state.caret = i;
      state.dragging = event.pointerId;
      passage.setPointerCapture(event.pointerId);
      render(state);
    });
    passage.addEventListener("pointermove", function (event) {
      var i = state.dragging === event.pointerId ? tokenAt(state, event.clientX, event.clientY) : -1;
      if (i >= 0 && i !== state.caret) {
        state.caret = i;
        render(state);
      }
    });
    passage.addEventListener("pointerup", function (event) {
      if (event.pointerType === "touch" && state.touched >= 0 && !state.locked &&
          tokenAt(state, event.clientX, event.clientY) === state.touched) tap(state, state.touched);
      state.touched = state.dragging = -1;
    });
    passage.addEventListener("pointercancel", function () { state.touched = state.dragging = -1; });
    state.root.querySelector("." + P + "labels").addEventListener("click", function (event) {
      var button = event.target.closest("[data-label]");
      if (button && !state.locked) apply(state, button.getAttribute("data-label"));
    });
    state.items.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-n]");
      if (!button || state.locked) return;
      var n = Number(button.getAttribute("data-n"));
      remove(state, state.spans[n]);
      var next = all(state.items, "button")[Math.min(n, state.spans.length - 1)];
      (next || passage).focus();
    });
    state.items.addEventListener("change", function (event) {
      var span = state.spans[Number(event.target.getAttribute("data-n"))];
      var moved = { start: span.start, end: span.end, label: event.target.value };
      update(state, state.spans.filter(function (s) { return s !== span; }).concat([moved]),
        state.t("spans_relabelled", { text: textOf(state, span), label: moved.label }));
      var at = state.spans.filter(function (s) { return s.start === moved.start && s.end === moved.end && s.label === moved.label; })[0];
      all(state.items, "select")[state.spans.indexOf(at)].focus();
    });
  }

  // --- results ----------------------------------------------------------------------

  function clearResult(state) {
    state.found = null;
    var gold = state.root.querySelector("." + P + "gold");
    if (gold) gold.remove();
  }

  function showResult(root, task, grade, response) {
    var state = states.get(root);
    if (!task.gold) return;
    var grader = annotrain.grader;
    var t = state.t;
    clearResult(state);
    state.spans = grader.normalize(task, response).spans;
    var found = state.found = grader.types.spans.findings(task, { spans: state.spans });
    state.anchor = -1;
    render(state);
    var status = task.gold.spans.map(function () { return "missed"; });
    found.forEach(function (f) {
      if (f.kind === "correct") status[f.ref] = "found";
      else if (f.ref !== null && status[f.ref] !== "found") status[f.ref] = "inexact";
    });
    // The gold spans in a copy of the passage (hidden from screen readers: the
    // list under it says the same in words).
    var box = el("div", P + "gold");
    box.appendChild(el("p", P + "list-title", t("spans_gold")));
    var copy = box.appendChild(state.pristine.cloneNode(true));
    copy.setAttribute("aria-hidden", "true");
    paint(state, copy, task.gold.spans, function (span) { return t("spans_gold_tag", { label: span.label }); });
    fillList(state, box.appendChild(el("ul")), task.gold.spans, function (n) { return status[n]; }, "note_spans_gold_empty");
    root.querySelector("." + P + "lists").appendChild(box);
  }

  // --- the widget -------------------------------------------------------------------

  function mount(root, task, ctx) {
    var passage = root.querySelector("." + P + "passage");
    var state = {
      root: root, task: task, t: ctx.t, passage: passage, spans: [], anchor: -1, caret: 0,
      touched: -1, tapped: -1, dragging: -1, locked: false, keys: {}, chars: Array.from(task.text),
      toks: all(passage, ".annotrain-tok"), starts: [], ends: [], pristine: passage.cloneNode(true),
      status: root.querySelector("." + P + "status"), items: root.querySelector("." + P + "items")
    };
    counter += 1;
    state.toks.forEach(function (tok, i) {
      tok.id = P + counter + "-" + i;
      tok.setAttribute("role", "option");
      state.starts.push(Number(tok.getAttribute("data-s")));
      state.ends.push(Number(tok.getAttribute("data-e")));
    });
    all(passage, ".annotrain-gap").forEach(function (gap) { gap.setAttribute("aria-hidden", "true"); });
    all(root, "." + P + "label").forEach(function (button) {
      button.getAttribute("data-keys").split(" ").forEach(function (key) {
        if (key) state.keys[key] = button.getAttribute("data-label");
      });
    });
    passage.setAttribute("role", "listbox");
    passage.setAttribute("aria-multiselectable", "true");
    passage.setAttribute("aria-orientation", "horizontal");
    passage.tabIndex = 0;
    states.set(root, state);
    listen(state);
    render(state);
    // ctx.more: a type that builds on spans (relations) adds its own part of the
    // answer to each undo step: {take() -> a copy of it, put(copy) -> show it}.
    var more = ctx.more;
    state.history = annotrain.history(root, {
      take: function () { return more ? [state.spans, more.take()] : state.spans; },
      put: function (saved) {
        if (more) more.put(saved[1]);
        update(state, more ? saved[0] : saved, "");
      },
      said: function () { return state.status.textContent; },
      say: function (text) { say(state, text); },
      locked: function () { return state.locked; },
      t: ctx.t
    });
  }

  annotrain.widgets = annotrain.widgets || {};
  annotrain.widgets.spans = {
    mount: mount,
    // {"spans": []} only while "No entities in this text" is ticked; else null (shared/nothing.js).
    getResponse: function (root) {
      var spans = states.get(root).spans.map(function (s) { return { start: s.start, end: s.end, label: s.label }; });
      return annotrain.nothing.response(root, "spans", spans, spans.length);
    },
    setResponse: function (root, response) {
      var state = states.get(root);
      annotrain.nothing.set(root, response, "spans");
      clearResult(state);
      state.spans = annotrain.grader.normalize(state.task, response).spans;
      state.anchor = -1;
      render(state);
      state.history.reset();
    },
    lock: function (root, locked) {
      var state = states.get(root);
      state.locked = locked;
      state.passage.setAttribute("aria-disabled", String(locked));
      all(root, "." + P + "label").forEach(function (button) { button.disabled = locked; });
      say(state, "");
      render(state);
      state.history.show();
    },
    showResult: showResult,
    clear: function (root) {
      var state = states.get(root);
      clearResult(state);
      annotrain.nothing.set(root, null, "spans");
      state.spans = [];
      state.anchor = -1;
      say(state, "");
      render(state);
      state.history.reset();
    },
    focus: function (root) { states.get(root).passage.focus(); }
  };
})(window.annotrain = window.annotrain || {});
