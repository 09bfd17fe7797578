/* annotrain widget "rank": the responses as a list of cards, best first
 * (tasktypes/rank/template.html). A card moves by pointer drag on its grip
 * (mouse, pen and touch alike: pointer events with capture), by its Move up and
 * Move down buttons, and by Alt+ArrowUp/Down while the card or one of its buttons
 * has focus; each move is announced in the list's live region. Reads and writes
 * {"order": [ids], "justification": text}; after a check shows each card's gold
 * position and the cards it is the wrong way round with. Grading itself is
 * grader.js's job.
 *
 * Moves never take the moving card out of the document (its neighbours are moved
 * round it instead), so keyboard focus and pointer capture stay on it. */
(function (annotrain) {
  "use strict";

  var states = new WeakMap(); // root -> {task, list, initial: [ids], locked, drag, t}
  var justification = annotrain.justification;
  var CARD = ".annotrain-card";

  function cards(root) {
    return Array.prototype.slice.call(root.querySelectorAll(CARD));
  }

  function idOf(card) {
    return card.getAttribute("data-annotrain-response");
  }

  function order(root) {
    return cards(root).map(idOf);
  }

  // Position texts and which buttons can move, after any change of order or lock.
  function refresh(root) {
    var state = states.get(root);
    var all = cards(root);
    all.forEach(function (card, i) {
      card.querySelector(".annotrain-card-number").textContent = i + 1;
      card.querySelector(".annotrain-card-position").textContent = state.t("rank_position", { position: i + 1, total: all.length });
      var buttons = card.querySelectorAll("[data-annotrain-move]");
      buttons[0].disabled = state.locked || !i;
      buttons[1].disabled = state.locked || i === all.length - 1;
    });
  }

  // Put `other` just after `card` (delta < 0: card moves up) or just before it.
  function swap(card, other, delta) {
    card.parentNode.insertBefore(other, delta < 0 ? card.nextElementSibling : card);
  }

  // After a move: numbers, announcement, and a change event (quizzes save on change).
  function moved(root, card) {
    var state = states.get(root);
    refresh(root);
    var all = cards(root);
    root.querySelector(".annotrain-rank-status").textContent =
      state.t("rank_moved", { id: idOf(card), position: all.indexOf(card) + 1, total: all.length });
    state.list.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function moveBy(root, card, delta) {
    var other = delta < 0 ? card.previousElementSibling : card.nextElementSibling;
    if (states.get(root).locked || !other) return;
    swap(card, other, delta);
    moved(root, card);
  }

  function onClick(root, event) {
    var button = event.target.closest("[data-annotrain-move]");
    if (!button || button.disabled) return;
    var card = button.closest(CARD);
    moveBy(root, card, Number(button.getAttribute("data-annotrain-move")));
    // At the top or bottom this button is now disabled, which drops focus: use the other.
    if (button.disabled) (card.querySelector("[data-annotrain-move]:not(:disabled)") || card).focus();
  }

  function onKey(root, event) {
    var up = event.key === "ArrowUp";
    if (!event.altKey || (!up && event.key !== "ArrowDown")) return;
    var card = event.target.closest(CARD);
    event.preventDefault();
    moveBy(root, card, up ? -1 : 1);
    if (event.target.disabled) card.focus(); // a Move button that just got disabled
  }

  // --- pointer drag -------------------------------------------------------------

  function middle(card) {
    var box = card.getBoundingClientRect();
    return box.top + box.height / 2;
  }

  // Put the card where the pointer is among its neighbours, and draw it under the pointer.
  function follow(drag, y) {
    var card = drag.card;
    var other;
    card.style.transform = "";
    while ((other = card.previousElementSibling) && y < middle(other)) swap(card, other, -1);
    while ((other = card.nextElementSibling) && y > middle(other)) swap(card, other, 1);
    card.style.transform = "translateY(" + (y - drag.grab - card.getBoundingClientRect().top) + "px)";
    // Near the window's edges, scroll so long lists can be dragged on phones too.
    if (y < 48) scrollBy(0, -16);
    else if (y > innerHeight - 48) scrollBy(0, 16);
  }

  function onPointerDown(root, event) {
    var grip = event.target.closest(".annotrain-grip");
    var state = states.get(root);
    if (!grip || state.locked || state.drag || event.button > 0) return;
    event.preventDefault(); // no text selection, no emulated mouse events
    var card = grip.closest(CARD);
    grip.setPointerCapture(event.pointerId);
    state.drag = {
      card: card, pointer: event.pointerId, before: order(root).join(),
      grab: event.clientY - card.getBoundingClientRect().top
    };
    card.classList.add("annotrain-dragging");
  }

  function onPointer(root, event) {
    var state = states.get(root);
    var drag = state.drag;
    if (!drag || event.pointerId !== drag.pointer) return;
    if (event.type === "pointermove") return follow(drag, event.clientY);
    state.drag = null; // pointerup, pointercancel, lostpointercapture
    drag.card.style.transform = "";
    drag.card.classList.remove("annotrain-dragging");
    if (order(root).join() !== drag.before) moved(root, drag.card);
    drag.card.focus();
  }

  // --- results ----------------------------------------------------------------------

  function arrange(root, ids) {
    var list = states.get(root).list;
    var byId = {};
    cards(root).forEach(function (card) { byId[idOf(card)] = card; });
    ids.forEach(function (id) { list.appendChild(byId[id]); });
    refresh(root);
  }

  annotrain.widgets = annotrain.widgets || {};
  annotrain.widgets.rank = {
    mount: function (root, task, ctx) {
      var list = root.querySelector(".annotrain-cards");
      states.set(root, { task: task, list: list, initial: order(root), locked: false, drag: null, t: ctx.t });
      list.addEventListener("click", function (event) { onClick(root, event); });
      list.addEventListener("keydown", function (event) { onKey(root, event); });
      list.addEventListener("pointerdown", function (event) { onPointerDown(root, event); });
      ["pointermove", "pointerup", "pointercancel", "lostpointercapture"].forEach(function (name) {
        list.addEventListener(name, function (event) { onPointer(root, event); });
      });
      refresh(root);
    },
    getResponse: function (root) {
      return justification.read(root, { order: order(root) });
    },
    setResponse: function (root, response) {
      var state = states.get(root);
      // An incomplete or malformed order (the grader's normalize says) shows the initial one.
      arrange(root, annotrain.grader.normalize(state.task, response).order || state.initial);
      justification.write(root, response);
    },
    lock: function (root, locked) {
      states.get(root).locked = locked;
      states.get(root).list.setAttribute("data-annotrain-locked", locked);
      justification.lock(root, locked);
      refresh(root);
    },
    showResult: function (root, task, grade, response, messages) {
      if (!task.gold) return;
      var t = states.get(root).t;
      var gold = task.gold.order;
      var mine = order(root);
      cards(root).forEach(function (card, i) {
        var at = gold.indexOf(idOf(card));
        // The cards this one is the wrong way round with.
        var against = mine.filter(function (other, j) { return (gold.indexOf(other) < at) !== (j < i); });
        var words = t("rank_gold_position", { position: at + 1 });
        if (against.length) words += " " + t("rank_wrong_pairs", { items: annotrain.grader.formatList(against) });
        annotrain.dom.mark(card.querySelector(".annotrain-card-result"), at === i ? "\u2713" : "\u2717", words);
        card.setAttribute("data-annotrain-mark", at === i ? "gold" : "wrong");
      });
    },
    clear: function (root) {
      cards(root).forEach(function (card) {
        card.removeAttribute("data-annotrain-mark");
        card.querySelector(".annotrain-card-result").textContent = "";
      });
      arrange(root, states.get(root).initial);
      justification.write(root, null);
    },
    focus: function (root) {
      cards(root)[0].focus();
    }
  };
})(window.annotrain = window.annotrain || {});
