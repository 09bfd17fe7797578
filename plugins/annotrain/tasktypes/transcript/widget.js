/* annotrain widget "transcript": a native audio player and a text box
 * (tasktypes/transcript/template.html). Reads and writes {"text": "..."}, the
 * empty text only while "No speech in this clip" is ticked, else null when
 * nothing is typed (a blank; see tasktypes/shared/nothing.js).
 * Keys while the text box or the player has focus: Alt+P plays or pauses, Alt+R
 * goes back 3 seconds (event.code, so they work on any keyboard layout and never
 * type a character). After a check it shows the word alignment that the grader
 * (tasktypes/transcript/grader.js) computes, with each difference named in words. */
(function (annotrain) {
  "use strict";

  var BACK = 3;
  var OPS = { sub: "transcript_op_sub", del: "transcript_op_del", ins: "transcript_op_ins" };
  var count = 0;
  var el = annotrain.dom.el;

  function part(root, name) {
    return root.querySelector(".annotrain-" + name);
  }

  function onKey(root, event) {
    if (!event.altKey || event.ctrlKey || event.metaKey) return;
    var audio = part(root, "audio");
    if (event.code === "KeyP") {
      if (audio.paused) {
        var playing = audio.play();
        if (playing && playing.catch) playing.catch(function () {});
      } else audio.pause();
    } else if (event.code === "KeyR") {
      audio.currentTime = Math.max(0, audio.currentTime - BACK);
    } else return;
    event.preventDefault();
  }

  // One aligned word: the reference above, the learner's below; a difference is
  // named in words (wrong word, missing, extra), never by colour alone.
  function item(op, ref, hyp, t) {
    var li = el("li", "annotrain-align-" + op);
    if (op === "ok") {
      li.textContent = ref;
      return li;
    }
    [[ref, "ref", "transcript_reference"], [hyp, "hyp", "transcript_yours"]].forEach(function (row) {
      var span = li.appendChild(el("span", "annotrain-align-" + row[1]));
      span.appendChild(el("span", "annotrain-sr-only", t(row[2]) + ": "));
      if (row[0] === null) span.appendChild(el("span", null, "\u2014")).setAttribute("aria-hidden", "true");
      else span.appendChild(document.createTextNode(row[0]));
    });
    li.appendChild(el("span", "annotrain-align-op", t(OPS[op])));
    return li;
  }

  var states = new WeakMap();
  var nothing = annotrain.nothing;

  // Typing unticks "No speech in this clip", which needs an empty box (shared/nothing.js).
  function sync(root) {
    var text = part(root, "transcript-text");
    nothing.sync(root, text.value.trim(), text.readOnly);
  }

  // Emptying the box takes the answer back at once, as leaving it would (a "change",
  // on which the quiz runner saves answers, comes only when the text differs on leaving).
  function typed(root) {
    var text = part(root, "transcript-text");
    sync(root);
    if (!text.value.trim()) text.dispatchEvent(new Event("change", { bubbles: true }));
  }

  annotrain.widgets = annotrain.widgets || {};
  annotrain.widgets.transcript = {
    mount: function (root, task, ctx) {
      states.set(root, ctx);
      annotrain.audio.knowDuration(part(root, "audio"), task.audio.duration);
      part(root, "transcript").addEventListener("keydown", function (event) { onKey(root, event); });
      part(root, "transcript-text").addEventListener("input", function () { typed(root); });
    },
    // {"text": ""} only while "No speech in this clip" is ticked; typed spaces alone
    // answer nothing, so the response is null (a blank).
    getResponse: function (root) {
      var text = part(root, "transcript-text").value;
      return nothing.response(root, "text", text.trim() ? text : "", text.trim());
    },
    setResponse: function (root, response) {
      var text = response && typeof response.text === "string" ? response.text : "";
      part(root, "transcript-text").value = text;
      nothing.set(root, response, "text");
      sync(root);
    },
    lock: function (root, locked) {
      // Read-only, not disabled: the learner can still select and read the text.
      part(root, "transcript-text").readOnly = locked;
      sync(root);
    },
    showResult: function (root, task, grade, response, messages) {
      if (!task.gold) return;
      var kind = annotrain.grader.types.transcript;
      var ctx = states.get(root);
      var t = ctx ? ctx.t : function (key) { return annotrain.grader.message(messages, key); };
      var canonical = kind.normalize(task, response);
      var ops = kind.align(
        kind.words(kind.normalized(task.gold.text, task.normalize)),
        kind.words(kind.normalized(canonical.text, task.normalize))
      );
      var box = part(root, "alignment");
      box.textContent = "";
      var title = box.appendChild(el("p", "annotrain-alignment-title", t("transcript_alignment")));
      title.id = "annotrain-alignment-" + (++count);
      var list = box.appendChild(el("ol", "annotrain-align"));
      list.setAttribute("aria-labelledby", title.id);
      ops.forEach(function (o) { list.appendChild(item(o[0], o[1], o[2], t)); });
      box.hidden = false;
    },
    clear: function (root) {
      part(root, "transcript-text").value = "";
      nothing.set(root, null, "text");
      sync(root);
      var box = part(root, "alignment");
      box.textContent = "";
      box.hidden = true;
    },
    focus: function (root) {
      part(root, "transcript-text").focus();
    }
  };
})(window.annotrain = window.annotrain || {});
