/* annotrain widget "spans": mark entity spans in a passage. Reads and writes
 * {"spans": [{start, end, label}]} with offsets in Unicode code points (the
 * template renders each token with its offsets in data-s and data-e, so nothing
 * here counts characters). Selections snap to tokens.
 *
 * The passage is one focusable listbox (aria-multiselectable, horizontal) whose
 * options are the tokens; aria-activedescendant follows a caret. Mouse: drag, or
 * click and Shift+click. Touch: tap the first token, then the last (a tap on a
 * single selected token clears it; a tap after a longer selection starts anew).
 * Keys in the passage: Left/Right (and Up/Down) move the caret and select its
 * token, Shift extends, Home/End jump, a label's digit or letter applies it,
 * Delete/Backspace removes the innermost span at the caret, Escape clears the
 * selection. The list under the passage names every span with a label menu and a
 * Remove button (the text alternative, and a second keyboard path). After a check,
 * spans carry a result mark, and a copy of the passage shows the gold spans
 * (dashed underline and "(gold)" tags) with a list of their own. The grader's
 * findings() classify spans; this file only shows them. */
(function (annotrain) {
  "use strict";

  var states = new WeakMap();
  var counter = 0;
  var RIGHT = "\u2713 ", WRONG = "\u2717 ";
  // Result words by finding kind (learner spans) and by status (gold spans).
  var RESULT = {
    correct: "spans_result_correct", boundary: "spans_result_boundary", label: "spans_result_label",
    both: "spans_result_both", spurious: "spans_result_spurious", found: "spans_result_found",
    inexact: "spans_result_inexact", missed: "spans_result_missed"
  };

  function mark(kind) {
    return kind === "correct" ? RIGHT : WRONG;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function all(scope, selector) {
    return Array.prototype.slice.call(scope.querySelectorAll(selector));
  }

  function textOf(state, span) {
    return state.chars.slice(span.start, span.end).join("").replace(/\s+/g, " ").trim();
  }

  function colour(state, label) {
    return " annotrain-spans-c" + (state.task.labels.indexOf(label) % 8);
  }

  function say(state, text, warning) {
    state.status.textContent = text;
    state.status.classList.toggle("annotrain-spans-warning", Boolean(warning));
  }

  function sorted(state, spans) {
    var labels = state.task.labels;
    return spans.sort(function (a, b) {
      return a.start - b.start || a.end - b.end || labels.indexOf(a.label) - labels.indexOf(b.label);
    });
  }

  function selection(state) {
    if (state.anchor < 0) return null;
    return [Math.min(state.anchor, state.caret), Math.max(state.anchor, state.caret)];
  }

  // Spans covering token i, innermost (shortest) first.
  function covering(state, spans, i) {
    var s = state.starts[i], e = state.ends[i];
    return spans.filter(function (span) { return span.start < e && s < span.end; })
      .sort(function (a, b) { return (a.end - a.start) - (b.end - b.start); });
  }

  // --- drawing --------------------------------------------------------------------

  // Colour tokens and gaps of `spans` in `passage`, and put a tag after each span.
  function paint(state, passage, spans, tagText, extra) {
    all(passage, ".annotrain-spans-tag").forEach(function (tag) { tag.remove(); });
    var toks = all(passage, ".annotrain-tok");
    toks.forEach(function (tok, i) {
      var over = covering(state, spans, i);
      tok.className = "annotrain-tok" + (over.length ? " annotrain-spans-on" + colour(state, over[0].label) : "");
      var gap = tok.previousElementSibling;
      if (gap && gap.classList.contains("annotrain-gap")) {
        var inside = i && covering(state, spans, i - 1).filter(function (span) { return over.indexOf(span) !== -1; });
        gap.className = gap.className.replace(/ annotrain-spans-on.*$/, "") +
          (inside && inside.length ? " annotrain-spans-on" + colour(state, inside[0].label) : "");
      }
      if (extra) extra(tok, i, over);
    });
    spans.forEach(function (span, n) {
      var last = 0;
      state.starts.forEach(function (s, i) { if (s < span.end) last = i; });
      var tag = el("span", "annotrain-spans-tag" + colour(state, span.label), tagText(span, n));
      tag.setAttribute("aria-hidden", "true");
      toks[last].parentNode.insertBefore(tag, toks[last].nextSibling);
    });
  }

  function render(state) {
    var sel = selection(state);
    var found = state.found;
    paint(state, state.passage, state.spans, function (span, n) {
      return (found ? mark(found[n].kind) : "") + span.label;
    }, function (tok, i, over) {
      var selected = Boolean(sel && i >= sel[0] && i <= sel[1]);
      tok.setAttribute("aria-selected", String(selected));
      if (selected) tok.className += " annotrain-spans-sel";
      if (i === state.caret) tok.className += " annotrain-spans-caret";
      if (over.length) tok.setAttribute("aria-label", tok.textContent + " (" + over.map(function (s) { return s.label; }).join(", ") + ")");
      else tok.removeAttribute("aria-label");
    });
    state.passage.setAttribute("aria-activedescendant", state.toks[state.caret].id);
    list(state);
  }

  function describe(state, span) {
    return state.t("spans_list_item", { label: span.label, text: textOf(state, span), start: span.start, end: span.end });
  }

  function list(state) {
    var ul = state.items;
    ul.textContent = "";
    if (!state.spans.length) ul.appendChild(el("li", "annotrain-spans-empty", state.t("spans_list_empty")));
    state.spans.forEach(function (span, n) {
      var li = ul.appendChild(el("li", "annotrain-spans-item"));
      li.appendChild(el("span", "annotrain-spans-swatch" + colour(state, span.label))).setAttribute("aria-hidden", "true");
      li.appendChild(el("span", null, describe(state, span) + " "));
      if (state.found) {
        var kind = state.found[n].kind;
        li.setAttribute("data-annotrain-mark", kind);
        li.appendChild(el("strong", "annotrain-spans-result", mark(kind) + state.t(RESULT[kind])));
      }
      var menu = li.appendChild(el("select"));
      menu.setAttribute("aria-label", state.t("spans_relabel", { text: textOf(state, span) }));
      state.task.labels.forEach(function (label) {
        var option = menu.appendChild(el("option", null, label));
        option.value = label;
        option.selected = label === span.label;
      });
      menu.setAttribute("data-n", n);
      var remove = li.appendChild(el("button", null, state.t("spans_remove")));
      remove.type = "button";
      remove.setAttribute("data-n", n);
      remove.setAttribute("aria-label", state.t("spans_remove_named", { label: span.label, text: textOf(state, span) }));
      menu.disabled = remove.disabled = state.locked;
    });
  }

  // --- editing ----------------------------------------------------------------------

  function apply(state, label) {
    var sel = selection(state);
    if (state.locked) return;
    if (!sel) return say(state, state.t("spans_select_first"), true);
    var span = { start: state.starts[sel[0]], end: state.ends[sel[1]], label: label };
    var same = state.spans.filter(function (s) { return s.start === span.start && s.end === span.end; })[0];
    if (same) {
      same.label = label;
      say(state, state.t("spans_relabelled", { text: textOf(state, span), label: label }));
    } else {
      var clash = state.task.overlap ? null : state.spans.filter(function (s) { return s.start < span.end && span.start < s.end; })[0];
      if (clash) return say(state, state.t("spans_overlap", { text: textOf(state, clash), label: clash.label }), true);
      state.spans.push(span);
      say(state, state.t("spans_marked", { text: textOf(state, span), label: label }));
    }
    sorted(state, state.spans);
    state.anchor = -1;
    render(state);
  }

  function remove(state, span) {
    state.spans.splice(state.spans.indexOf(span), 1);
    say(state, state.t("spans_removed", { label: span.label, text: textOf(state, span) }));
    render(state);
  }

  function relabel(state, span, label) {
    var twin = state.spans.filter(function (s) { return s !== span && s.start === span.start && s.end === span.end && s.label === label; })[0];
    if (twin) state.spans.splice(state.spans.indexOf(twin), 1);
    span.label = label;
    sorted(state, state.spans);
    say(state, state.t("spans_relabelled", { text: textOf(state, span), label: label }));
    render(state);
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
    if (state.locked || event.altKey || event.ctrlKey || event.metaKey) return;
    var key = event.key;
    if (MOVES[key]) moveTo(state, state.caret + MOVES[key], event.shiftKey);
    else if (key === "Home" || key === "End") moveTo(state, key === "Home" ? 0 : state.toks.length, event.shiftKey);
    else if (key === "Escape") {
      state.anchor = -1;
      render(state);
    } else if (key === "Delete" || key === "Backspace") {
      var over = covering(state, state.spans, state.caret);
      if (over.length) remove(state, over[0]);
      else say(state, state.t("spans_nothing_here"), true);
    } else if (state.keys[key.toLowerCase()]) apply(state, state.keys[key.toLowerCase()]);
    else return;
    event.preventDefault();
  }

  // --- pointer and touch ------------------------------------------------------------

  function tokenAt(state, x, y) {
    var node = document.elementFromPoint(x, y);
    return node ? state.toks.indexOf(node.closest(".annotrain-tok")) : -1;
  }

  function tap(state, i) {
    if (state.anchor >= 0 && state.anchor === state.caret && i !== state.anchor) state.caret = i;
    else if (state.anchor === i && state.caret === i) state.anchor = -1;
    else state.anchor = state.caret = i;
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
      if (event.shiftKey && state.anchor >= 0) state.caret = i;
      else state.anchor = state.caret = i;
      state.dragging = event.pointerId;
      passage.setPointerCapture(event.pointerId);
      render(state);
    });
    passage.addEventListener("pointermove", function (event) {
      if (state.dragging !== event.pointerId) return;
      var i = tokenAt(state, event.clientX, event.clientY);
      if (i >= 0 && i !== state.caret) {
        state.caret = i;
        render(state);
      }
    });
    passage.addEventListener("pointerup", function (event) {
      if (event.pointerType === "touch" && state.touched >= 0 && !state.locked) {
        var i = tokenAt(state, event.clientX, event.clientY);
        if (i === state.touched) tap(state, i);
      }
      state.touched = state.dragging = -1;
    });
    passage.addEventListener("pointercancel", function () { state.touched = state.dragging = -1; });
    state.root.querySelector(".annotrain-spans-labels").addEventListener("click", function (event) {
      var button = event.target.closest("[data-label]");
      if (button) apply(state, button.getAttribute("data-label"));
    });
    state.items.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-n]");
      if (!button || state.locked) return;
      var n = Number(button.getAttribute("data-n"));
      remove(state, state.spans[n]);
      var next = state.items.querySelectorAll("button[data-n]")[Math.min(n, state.spans.length - 1)];
      (next || passage).focus();
    });
    state.items.addEventListener("change", function (event) {
      var span = state.spans[Number(event.target.getAttribute("data-n"))];
      if (!state.locked) relabel(state, span, event.target.value);
      var menu = state.items.querySelectorAll("select")[state.spans.indexOf(span)];
      if (menu) menu.focus();
    });
  }

  // --- results ----------------------------------------------------------------------

  function clearResult(state) {
    state.found = null;
    var gold = state.root.querySelector(".annotrain-spans-gold");
    if (gold) gold.remove();
  }

  function showResult(root, task, grade, response) {
    var state = states.get(root);
    if (!task.gold) return;
    var grader = annotrain.grader;
    clearResult(state);
    state.spans = grader.normalize(task, response).spans;
    var found = state.found = grader.types.spans.findings(task, { spans: state.spans });
    state.anchor = -1;
    render(state);
    var t = state.t;
    // The gold spans, in a copy of the passage below.
    var status = task.gold.spans.map(function () { return "missed"; });
    found.forEach(function (f) {
      if (f.ref === null) return;
      if (f.kind === "correct") status[f.ref] = "found";
      else if (status[f.ref] !== "found") status[f.ref] = "inexact";
    });
    var box = el("div", "annotrain-spans-gold");
    box.appendChild(el("p", "annotrain-spans-list-title", t("spans_gold")));
    var copy = box.appendChild(state.passage.cloneNode(true));
    copy.className = "annotrain-spans-passage";
    ["role", "tabindex", "aria-activedescendant", "aria-multiselectable", "aria-orientation", "aria-labelledby", "aria-describedby"]
      .forEach(function (name) { copy.removeAttribute(name); });
    all(copy, "[id], [role], [aria-selected], [aria-label]").forEach(function (node) {
      ["id", "role", "aria-selected", "aria-label"].forEach(function (name) { node.removeAttribute(name); });
    });
    copy.setAttribute("aria-hidden", "true"); // the list below says the same in words
    paint(state, copy, task.gold.spans, function (span) { return t("spans_gold_tag", { label: span.label }); });
    var ul = box.appendChild(el("ul", "annotrain-spans-items"));
    task.gold.spans.forEach(function (span, n) {
      var li = ul.appendChild(el("li", "annotrain-spans-item"));
      li.appendChild(el("span", "annotrain-spans-swatch" + colour(state, span.label))).setAttribute("aria-hidden", "true");
      li.appendChild(el("span", null, describe(state, span) + " "));
      li.appendChild(el("strong", "annotrain-spans-result", mark(status[n] === "found" ? "correct" : "") + t(RESULT[status[n]])));
      li.setAttribute("data-annotrain-mark", status[n]);
    });
    if (!task.gold.spans.length) ul.appendChild(el("li", "annotrain-spans-empty", t("note_spans_gold_empty")));
    state.root.querySelector(".annotrain-spans-lists").appendChild(box);
  }

  // --- the widget -------------------------------------------------------------------

  function mount(root, task, ctx) {
    var passage = root.querySelector(".annotrain-spans-passage");
    var state = {
      root: root, task: task, t: ctx.t, passage: passage, spans: [], anchor: -1, caret: 0,
      touched: -1, dragging: -1, locked: false, keys: {}, chars: Array.from(task.text),
      toks: all(passage, ".annotrain-tok"), starts: [], ends: [],
      status: root.querySelector(".annotrain-spans-status"), items: root.querySelector(".annotrain-spans-items")
    };
    counter += 1;
    state.toks.forEach(function (tok, i) {
      tok.id = "annotrain-spans-" + counter + "-" + i;
      tok.setAttribute("role", "option");
      state.starts.push(Number(tok.getAttribute("data-s")));
      state.ends.push(Number(tok.getAttribute("data-e")));
    });
    all(passage, ".annotrain-gap").forEach(function (gap) { gap.setAttribute("aria-hidden", "true"); });
    all(root, ".annotrain-spans-label").forEach(function (button) {
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
  }

  annotrain.widgets = annotrain.widgets || {};
  annotrain.widgets.spans = {
    mount: mount,
    getResponse: function (root) {
      return { spans: states.get(root).spans.map(function (s) { return { start: s.start, end: s.end, label: s.label }; }) };
    },
    setResponse: function (root, response) {
      var state = states.get(root);
      state.spans = annotrain.grader.normalize(state.task, response).spans;
      state.anchor = -1;
      clearResult(state);
      render(state);
    },
    lock: function (root, locked) {
      var state = states.get(root);
      state.locked = locked;
      state.passage.setAttribute("aria-disabled", String(locked));
      all(root, ".annotrain-spans-label, .annotrain-spans-items button, .annotrain-spans-items select")
        .forEach(function (control) { control.disabled = locked; });
    },
    showResult: showResult,
    clear: function (root) {
      var state = states.get(root);
      state.spans = [];
      state.anchor = -1;
      say(state, "");
      clearResult(state);
      render(state);
    },
    focus: function (root) { states.get(root).passage.focus(); }
  };
})(window.annotrain = window.annotrain || {});
