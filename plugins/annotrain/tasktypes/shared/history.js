/* annotrain undo history, one per exercise, shared by the image stage (bbox,
 * polygon, keypoints), spans and segments. Undo: the Undo button, Ctrl+Z (Cmd+Z
 * on macOS); redo: the Redo button, Ctrl+Shift+Z or Ctrl+Y. The keys act only
 * while focus is inside the exercise and never inside a text field, whose own
 * undo edits its text.
 *
 * A step is one learner action. It is recorded from the bubbling "change" event
 * every edit already dispatches (the quiz runner saves answers on it): once the
 * event's task has run, the widget's state is compared with the last one kept.
 * So a whole drag, or an edit that sends two events (a mark that unticks
 * "nothing to mark"), is one step, and a change of selection is none. The
 * "nothing to mark" box (shared/nothing.js) is part of the state.
 *
 *   var history = annotrain.history(root, {
 *     take()        the widget's state: a copy, as JSON can hold it
 *     put(state)    show that state and dispatch "change", as any edit does
 *     said()        what the learner's last action said ("Added Box 1: ..."),
 *                   named when that step is undone or redone
 *     say(text)     announce text in the widget's live region
 *     locked()      true while edits are refused (after Check, during a drag)
 *     t             the message function
 *   })
 *   history.reset()   forget every step (after clear, and setResponse from outside)
 *   history.show()    enable or disable the buttons (after lock)
 * The buttons are [data-annotrain-history="undo"] and [...="redo"] inside root.
 */
(function (annotrain) {
  "use strict";

  var LIMIT = 200; // steps kept: each is a copy of the whole answer

  // Fields whose own Ctrl+Z undoes typing.
  function typing(target) {
    return target.isContentEditable || target.tagName === "TEXTAREA" ||
      (target.tagName === "INPUT" && !/^(radio|checkbox|button|submit|reset|range|color|file)$/.test(target.type));
  }

  annotrain.history = function (root, opts) {
    var past = [];
    var future = [];
    var kept = null;
    var waiting = false;

    function button(name) {
      return root.querySelector('[data-annotrain-history="' + name + '"]');
    }

    function nothing() {
      return root.querySelector("[data-annotrain-nothing]") || {};
    }

    function state() {
      return JSON.stringify([opts.take(), Boolean(nothing().checked)]);
    }

    function show() {
      var locked = opts.locked();
      if (button("undo")) {
        button("undo").disabled = locked || !past.length;
        button("redo").disabled = locked || !future.length;
      }
    }

    function record() {
      waiting = false;
      var now = state();
      if (now === kept) return;
      // Only the "nothing to mark" box changed: its label names the step.
      var box = now.slice(0, now.lastIndexOf(",")) === kept.slice(0, kept.lastIndexOf(","));
      past.push({ state: kept, said: box ? nothing().parentNode.textContent : opts.said() });
      if (past.length > LIMIT) past.shift();
      future = [];
      kept = now;
      show();
    }

    // Undo (redo false) or redo the last step; returns whether there was one.
    function go(redo) {
      var from = redo ? future : past;
      if (opts.locked() || !from.length) return false;
      var step = from.pop();
      (redo ? past : future).push({ state: kept, said: step.said });
      var saved = JSON.parse(step.state);
      nothing().checked = saved[1];
      opts.put(saved[0]);
      kept = state();
      show();
      opts.say(opts.t(redo ? "history_redone" : "history_undone", { action: step.said || "" }));
      return true;
    }

    root.addEventListener("change", function () {
      if (waiting) return;
      waiting = true;
      Promise.resolve().then(record);
    });
    root.addEventListener("keydown", function (event) {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || typing(event.target)) return;
      var key = String(event.key).toLowerCase(); // autofill sends keydown without a key
      if (key !== "z" && !(key === "y" && !event.shiftKey)) return;
      go(key === "y" || event.shiftKey);
      event.preventDefault();
    });
    root.addEventListener("click", function (event) {
      var target = event.target.closest("[data-annotrain-history]");
      if (!target) return;
      var redo = target.getAttribute("data-annotrain-history") === "redo";
      // A button that just ran out of steps is disabled: focus goes to the other one.
      if (go(redo) && target.disabled) button(redo ? "undo" : "redo").focus();
    });

    var history = {
      reset: function () {
        past = [];
        future = [];
        kept = state();
        show();
      },
      show: show
    };
    history.reset();
    return history;
  };
})(window.annotrain = window.annotrain || {});
