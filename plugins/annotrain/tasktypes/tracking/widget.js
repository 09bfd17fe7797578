/* annotrain widget "tracking": objects boxed through a sequence of frames on the
 * image stage (tasktypes/shared/stage.js), boxes edited as tasktypes/shared/boxes.js
 * does it. Each stage object is a track {label, keys}: keyframes {frame, x, y, w, h}
 * or {frame, out: true}, frames numbered from 1. The stage shows one frame; a
 * track's box there is its keyframe or interpolated between keyframes (the
 * grader's expand), and editing it makes a keyframe in that frame. Frames load
 * lazily: the current one, and the next one fetched ahead. Frame keys work while
 * the answer is locked, to step through the gold after a check. Reads and writes
 * {"tracks": [{label, keys}]}. */
(function (annotrain) {
  "use strict";

  var boxes = annotrain.boxes;
  var NEW_SHARE = 0.25;
  var bars = new WeakMap(); // root -> its frame bar's update

  function stageOf(root) {
    return annotrain.stage.get(root);
  }

  function webp() {
    var canvas = document.createElement("canvas");
    return canvas.toDataURL && canvas.toDataURL("image/webp").indexOf("data:image/webp") === 0;
  }

  function copyKey(key) {
    return key.out ? { frame: key.frame, out: true } : { frame: key.frame, x: key.x, y: key.y, w: key.w, h: key.h };
  }

  // The keys with `key` in its frame (replacing any there), in frame order.
  function withKey(keys, key) {
    var kept = keys.filter(function (k) { return k.frame !== key.frame; });
    kept.push(key);
    return kept.sort(function (a, b) { return a.frame - b.frame; });
  }

  function mount(root, task, ctx) {
    var t = ctx.t;
    var count = task.frames.length;
    var now = 0; // the frame shown, from 0
    var img = root.querySelector(".annotrain-stage-canvas img");
    var source = root.querySelector(".annotrain-stage-canvas source");
    var prefix = img.getAttribute("src").slice(0, -task.frames[0].src.length);
    var useWebp = webp();
    var frameText = root.querySelector(".annotrain-tracking-frame");
    var stage;

    function boxAt(track, frame) {
      var box = annotrain.tracking.expand(track.keys, count)[frame];
      return box ? { x: box.x, y: box.y, w: box.w, h: box.h, label: track.label } : null;
    }

    function name(index) {
      return t("tracking_track_name", { number: index + 1 });
    }

    function state(track) {
      var box = boxAt(track, now);
      if (!box) return t("tracking_state_out");
      var keyed = track.keys.some(function (k) { return k.frame === now + 1; });
      return t(keyed ? "tracking_state_key" : "tracking_state_between", { where: boxes.where(t, box) });
    }

    function put(stage, index, box, quiet) {
      var track = stage.objects[index];
      var key = { frame: now + 1, x: box.x, y: box.y, w: box.w, h: box.h };
      stage.update(index, { label: track.label, keys: withKey(track.keys, key) }, quiet);
    }

    var spec = boxes.spec(t, {
      shown: function (track) { return boxAt(track, now); },
      put: put,
      create: function (stage, box, quiet) {
        stage.add({ label: box.label, keys: [{ frame: now + 1, x: box.x, y: box.y, w: box.w, h: box.h }] }, quiet);
      },
      noun: name,
      describe: function (track, index, gold) {
        return t(gold ? "tracking_describe_gold" : "tracking_describe", { number: index + 1, label: track.label, state: state(track) });
      }
    });

    function fetch(frame) {
      var file = task.frames[frame];
      return prefix + (useWebp ? file.webp : file.src);
    }

    function show(frame, quiet) {
      now = Math.max(0, Math.min(count - 1, frame));
      if (source) source.setAttribute("srcset", prefix + task.frames[now].webp);
      img.setAttribute("src", prefix + task.frames[now].src);
      if (now + 1 < count) new Image().src = fetch(now + 1); // fetched ahead
      stage.render();
      stage.renderList();
      if (!quiet) {
        var text = frameText.textContent;
        if (stage.selected >= 0) text += ". " + spec.describe(stage.objects[stage.selected], stage.selected);
        stage.announce(text);
      }
    }

    // The selected track's keys changed by `change` (keys -> keys), announced as `said`.
    function edit(change, said) {
      var index = stage.selected;
      if (stage.locked) return;
      if (index < 0) return stage.announce(t("tracking_select_first"));
      var track = stage.objects[index];
      var keys = change(track.keys);
      if (!keys) return;
      stage.objects[index] = { label: track.label, keys: keys };
      stage.changed(t(said, { name: name(index), frame: now + 1 }));
    }

    function goOut() {
      edit(function (keys) { return withKey(keys, { frame: now + 1, out: true }); }, "tracking_went_out");
    }

    function comeIn() {
      edit(function (keys) {
        var track = { keys: keys };
        var box = null;
        for (var f = now; f >= 0 && !box; f--) box = boxAt(track, f);
        for (f = now + 1; f < count && !box; f++) box = boxAt(track, f);
        if (!box) {
          var view = stage.visible();
          var side = Math.max(2, Math.round(Math.min(view.w, view.h) * NEW_SHARE));
          box = { x: Math.round(view.x + (view.w - side) / 2), y: Math.round(view.y + (view.h - side) / 2), w: side, h: side };
        }
        return withKey(keys, { frame: now + 1, x: box.x, y: box.y, w: box.w, h: box.h });
      }, "tracking_came_in");
    }

    function unkey() {
      edit(function (keys) {
        var kept = keys.filter(function (k) { return k.frame !== now + 1; });
        if (kept.length === keys.length) {
          stage.announce(t("tracking_no_key", { name: name(stage.selected) }));
          return null;
        }
        return kept;
      }, "tracking_unkeyed");
    }

    var keydown = spec.keydown;
    spec.keydown = function (stage, event) {
      var plain = !event.ctrlKey && !event.metaKey && !event.altKey;
      var key = event.key;
      if (plain && (key === "o" || key === "O")) goOut();
      else if (plain && (key === "i" || key === "I")) comeIn();
      else if (plain && (key === "k" || key === "K")) unkey();
      else return keydown(stage, event);
      return true;
    };
    // The frame bar: the number shown, and which buttons can act.
    function bar(drawn) {
      var shown = drawn || stage; // while the stage is created, rendered() passes it
      frameText.textContent = t("tracking_frame", { number: now + 1, total: count });
      Array.prototype.forEach.call(root.querySelectorAll("[data-annotrain-tracking-action]"), function (button) {
        var action = button.getAttribute("data-annotrain-tracking-action");
        if (action === "previous") button.disabled = now === 0;
        else if (action === "next") button.disabled = now === count - 1;
        else button.disabled = shown.locked || shown.selected < 0;
      });
    }
    spec.rendered = bar;
    bars.set(root, bar);
    stage = annotrain.stage.create(root, task, ctx, spec);

    // Frame keys, before the stage's own: they work while the answer is locked.
    var steps = { ".": 1, ">": 1, PageDown: 1, ",": -1, "<": -1, PageUp: -1 };
    stage.view.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      var key = event.key;
      if (steps[key]) show(now + steps[key]);
      else if (key === "Home") show(0);
      else if (key === "End") show(count - 1);
      else return;
      event.preventDefault();
      event.stopPropagation();
    });
    root.addEventListener("click", function (event) {
      var button = event.target.closest("[data-annotrain-tracking-action]");
      if (!button || button.disabled) return;
      var action = button.getAttribute("data-annotrain-tracking-action");
      if (action === "previous") show(now - 1);
      else if (action === "next") show(now + 1);
      else if (action === "out") goOut();
      else if (action === "in") comeIn();
      else if (action === "unkey") unkey();
    });
    show(0, true);
  }

  annotrain.widgets = annotrain.widgets || {};
  annotrain.widgets.tracking = {
    mount: mount,
    getResponse: function (root) {
      var tracks = stageOf(root).objects.map(function (track) {
        return { label: track.label, keys: track.keys.map(copyKey) };
      });
      return tracks.length ? { tracks: tracks } : null;
    },
    setResponse: function (root, response) {
      var stage = stageOf(root);
      stage.set(annotrain.grader.normalize(stage.task, response).tracks);
    },
    lock: function (root, locked) {
      stageOf(root).lock(locked);
      bars.get(root)();
    },
    showResult: function (root, task) {
      if (task.gold) stageOf(root).showGold(task.gold.tracks);
    },
    clear: function (root) {
      stageOf(root).clear();
    },
    focus: function (root) {
      stageOf(root).focus();
    }
  };
})(window.annotrain = window.annotrain || {});
