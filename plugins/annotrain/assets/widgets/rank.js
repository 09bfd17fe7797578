/* annotrain widget "rank": the responses as a list of cards, best first
 * (templates/annotrain/types/rank.html). A card moves by pointer drag on its grip
 * (mouse, pen and touch alike: pointer events with capture), by its Move up and
 * Move down buttons, and by Alt+ArrowUp/Down while the card or one of its buttons
 * has focus; each move is announced in the list's live region. Reads and writes
 * {"order": [ids], "justification": text}; after a check shows each card's gold
 * position and the cards it is the wrong way round against. Grading itself is
 * grader.js's job.
 *
 * Moves never take the moving card out of the document (its neighbours are moved
 * round it instead), so keyboard focus and pointer capture stay on it. */
(function (annotrain) {
  "use strict";

  var states = new WeakMap(); // root -> {initial: [ids], locked, drag, t}
  var justification = annotrain.justification;

  function cards(root) {
    return Array.prototype.slice.call(root.querySelectorAll(".annotrain-card"));
  }

  function idOf(card) {
    return card.getAttribute("data-annotrain-response");
  }

  function order(root) {
    return cards(root).map(idOf);
  }

  function text(root, key, params) {
    return states.get(root).t(key, params);
  }

  // Position texts and which buttons can move, after any change of order or lock.
  function refresh(root) {
    var all = cards(root);
    var locked = states.get(root).locked;
    all.forEach(function (card, i) {
      card.querySelector(".annotrain-card-number").textContent = String(i + 1);
      card.querySelector(".annotrain-card-position").textContent = text(root, "rank_position", { position: i + 1, total: all.length });
      var buttons = card.querySelectorAll("[data-annotrain-move]");
      buttons[0].disabled = locked || i === 0;
      buttons[1].disabled = locked || i === all.length - 1;
    });
  }

  // One step up (-1) or down (+1), by moving the neighbour across the card.
  function step(card, delta) {
    var list = card.parentNode;
    var other = delta < 0 ? card.previousElementSibling : card.nextElementSibling;
    if (!other) return false;
    if (delta < 0) list.insertBefore(other, card.nextElementSibling);
    else list.insertBefore(other, card);
    return true;
  }

  // After the order changed: numbers, announcement, and a change event (quizzes
  // save answers on change).
  function moved(root, card) {
    refresh(root);
    var all = cards(root);
    var status = root.querySelector(".annotrain-rank-status");
    status.textContent = text(root, "rank_moved", { id: idOf(card), position: all.indexOf(card) + 1, total: all.length });
    card.parentNode.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function moveBy(root, card, delta) {
    if (states.get(root).locked || !step(card, delta)) return false;
    moved(root, card);
    return true;
  }

  function onClick(root, event) {
    var button = event.target.closest("[data-annotrain-move]");
    if (!button || !root.contains(button) || button.disabled) return;
    var card = button.closest(".annotrain-card");
    moveBy(root, card, Number(button.getAttribute("data-annotrain-move")));
    // At the top or bottom this button is now disabled, which drops focus: use the other.
    if (button.disabled) {
      var other = card.querySelector("[data-annotrain-move]:not(:disabled)");
      (other || card).focus();
    }
  }

  function onKey(root, event) {
    if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
    var card = event.target.closest(".annotrain-card");
    if (!card || !root.contains(card)) return;
    event.preventDefault();
    moveBy(root, card, event.key === "ArrowUp" ? -1 : 1);
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
    var list = card.parentNode;
    var other;
    card.style.transform = "";
    while ((other = card.previousElementSibling) && y < middle(other)) list.insertBefore(other, card.nextElementSibling);
    while ((other = card.nextElementSibling) && y > middle(other)) list.insertBefore(other, card);
    card.style.transform = "translateY(" + (y - drag.grab - card.getBoundingClientRect().top) + "px)";
    // Near the window's edges, scroll so long lists can be dragged on phones too.
    if (y < 48) window.scrollBy(0, -16);
    else if (y > window.innerHeight - 48) window.scrollBy(0, 16);
  }

  function onPointerDown(root, event) {
    var grip = event.target.closest(".annotrain-grip");
    var state = states.get(root);
    if (!grip || state.locked || state.drag || event.button > 0) return;
    event.preventDefault(); // no text selection, no emulated mouse events
    var card = grip.closest(".annotrain-card");
    grip.setPointerCapture(event.pointerId);
    state.drag = {
      card: card, grip: grip, pointer: event.pointerId, before: order(root).join("\n"),
      grab: event.clientY - card.getBoundingClientRect().top
    };
    card.classList.add("annotrain-dragging");
  }

  function onPointerMove(root, event) {
    var drag = states.get(root).drag;
    if (drag && event.pointerId === drag.pointer) follow(drag, event.clientY);
  }

  function onPointerEnd(root, event) {
    var state = states.get(root);
    var drag = state.drag;
    if (!drag || event.pointerId !== drag.pointer) return;
    state.drag = null;
    drag.card.style.transform = "";
    drag.card.classList.remove("annotrain-dragging");
    if (drag.grip.hasPointerCapture(drag.pointer)) drag.grip.releasePointerCapture(drag.pointer);
    if (order(root).join("\n") !== drag.before) moved(root, drag.card);
    drag.card.focus({ preventScroll: true });
  }

  // --- result marks ---------------------------------------------------------------

  function clearMarks(root) {
    cards(root).forEach(function (card) {
      card.removeAttribute("data-annotrain-mark");
      card.querySelector(".annotrain-card-result").textContent = "";
    });
  }

  function arrange(root, ids) {
    var list = root.querySelector(".annotrain-cards");
    var byId = {};
    cards(root).forEach(function (card) { byId[idOf(card)] = card; });
    ids.forEach(function (id) { list.appendChild(byId[id]); });
    refresh(root);
  }

  // The ids of `response.order` when it is a complete order of these cards, else null.
  function validOrder(root, response) {
    var ids = order(root);
    var given = response && Array.isArray(response.order) ? response.order : null;
    var complete = given && given.length === ids.length &&
      ids.every(function (id) { return given.indexOf(id) !== -1; });
    return complete ? given : null;
  }

  annotrain.widgets = annotrain.widgets || {};
  annotrain.widgets.rank = {
    mount: function (root, task, ctx) {
      states.set(root, { initial: order(root), locked: false, drag: null, t: ctx.t });
      var list = root.querySelector(".annotrain-cards");
      list.addEventListener("click", function (event) { onClick(root, event); });
      list.addEventListener("keydown", function (event) { onKey(root, event); });
      list.addEventListener("pointerdown", function (event) { onPointerDown(root, event); });
      list.addEventListener("pointermove", function (event) { onPointerMove(root, event); });
      ["pointerup", "pointercancel", "lostpointercapture"].forEach(function (name) {
        list.addEventListener(name, function (event) { onPointerEnd(root, event); });
      });
      refresh(root);
    },
    getResponse: function (root) {
      return justification.read(root, { order: order(root) });
    },
    setResponse: function (root, response) {
      arrange(root, validOrder(root, response) || states.get(root).initial);
      justification.write(root, response);
    },
    lock: function (root, locked) {
      states.get(root).locked = locked;
      root.querySelector(".annotrain-cards").setAttribute("data-annotrain-locked", String(locked));
      justification.lock(root, locked);
      refresh(root);
    },
    showResult: function (root, task, grade, response, messages) {
      if (!task.gold) return;
      var gold = task.gold.order;
      var mine = order(root);
      var message = annotrain.grader.message;
      cards(root).forEach(function (card, i) {
        var id = idOf(card);
        var g = gold.indexOf(id);
        // The cards this one is the wrong way round against.
        var against = mine.filter(function (other, j) {
          return other !== id && (gold.indexOf(other) < g) !== (j < i);
        });
        var right = g === i;
        card.setAttribute("data-annotrain-mark", right ? "right" : "wrong");
        var slot = card.querySelector(".annotrain-card-result");
        slot.textContent = "";
        var icon = slot.appendChild(document.createElement("span"));
        icon.className = "annotrain-mark-icon";
        icon.setAttribute("aria-hidden", "true");
        icon.textContent = right ? "\u2713" : "\u2717";
        var words = annotrain.grader.fill(message(messages, "rank_gold_position"), { position: g + 1 });
        if (against.length) {
          words += " " + annotrain.grader.fill(message(messages, "rank_wrong_pairs"), { items: annotrain.grader.formatList(against) });
        }
        slot.appendChild(document.createTextNode(words));
      });
    },
    clear: function (root) {
      clearMarks(root);
      arrange(root, states.get(root).initial);
      justification.write(root, null);
    },
    focus: function (root) {
      cards(root)[0].focus();
    }
  };
})(window.annotrain = window.annotrain || {});
