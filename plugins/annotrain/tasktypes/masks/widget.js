/* annotrain widget "masks": paint class masks with a brush on the image stage
 * (tasktypes/shared/stage.js). Reads and writes {"masks": [{label, size, counts}]}:
 * one mask per class, COCO run lengths read column by column (see rle.py).
 *
 * The painting lives in a label map (one byte per natural pixel: 0 unpainted,
 * k for the k-th class) shown on a canvas laid over the picture at the image's
 * natural resolution; a class painted over another replaces it. The stage's
 * objects are the encoded masks, one per painted class: the object list, the
 * "change" events and undo (annotrain.history) work on them, and whenever they
 * change from outside the map (undo, Delete in the list, a restored answer) the
 * map is decoded again.
 *
 * Mouse, pen and touch: press and drag to paint with the chosen class; the
 * Eraser button makes the brush remove paint; with Fill on, a click fills the
 * area around it (every pixel of the same paint reachable without crossing
 * another, 4-connected) with the class, or erases it with the eraser on.
 * Keyboard (in the drawing area): arrows move the brush cursor (Shift: 10 px);
 * Space paints a dab, and holding Space while moving paints a stroke (one undo
 * step when Space is let go); [ and ] change the brush size; E toggles the
 * eraser; F fills at the cursor; 1-9 pick the class (the stage's picker);
 * Delete clears the chosen class's mask. */
(function (annotrain) {
  "use strict";

  var RADII = [0, 1, 2, 4, 7, 12, 20]; // brush: the pixels within this many px of its centre
  var START_SIZE = 3;
  var PALETTE = [[86, 180, 233], [230, 159, 0], [204, 121, 167], [240, 228, 66],
    [213, 94, 0], [0, 114, 178], [0, 158, 115], [187, 187, 187]]; // stage.css, Okabe and Ito
  var ALPHA = 150;
  var ARROWS = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
  var nothing = annotrain.nothing;
  var runs = annotrain.grader.masks;

  function copy(mask) {
    return { label: mask.label, size: mask.size.slice(), counts: mask.counts.slice() };
  }

  function spec(task, t) {
    var width = task.image.width;
    var height = task.image.height;
    var labels = task.labels;
    var map = new Uint8Array(width * height);
    var state = { size: START_SIZE, eraser: false, fill: false, pen: null, shown: [], canvas: null, image: null };
    var goldPaths = new WeakMap(); // gold mask -> its boundary's path
    var stageRef = null;

    function radius() {
      return RADII[state.size];
    }

    function classIndex(stage) {
      return labels.indexOf(stage.label()) + 1;
    }

    // --- the map and its encoding -------------------------------------------------------

    function decode(objects) {
      map.fill(0);
      objects.forEach(function (mask) {
        var value = labels.indexOf(mask.label) + 1;
        runs.intervals(mask.counts).forEach(function (run) {
          for (var i = run[0]; i < run[1]; i++) {
            var x = Math.floor(i / height);
            map[(i - x * height) * width + x] = value;
          }
        });
      });
      state.shown = objects.slice();
    }

    /** The map as masks, one per painted class, in the order of the labels. */
    function encode() {
      var toggles = labels.map(function () { return []; });
      var previous = 0;
      var index = 0;
      for (var x = 0; x < width; x++) {
        for (var y = 0; y < height; y++, index++) {
          var value = map[y * width + x];
          if (value !== previous) {
            if (previous) toggles[previous - 1].push(index);
            if (value) toggles[value - 1].push(index);
            previous = value;
          }
        }
      }
      if (previous) toggles[previous - 1].push(index);
      var masks = [];
      toggles.forEach(function (at, k) {
        if (!at.length) return;
        var counts = [at[0]];
        for (var i = 1; i < at.length; i++) counts.push(at[i] - at[i - 1]);
        counts.push(width * height - at[at.length - 1]);
        masks.push({ label: labels[k], size: [height, width], counts: counts });
      });
      return masks;
    }

    function pixels(label, objects) {
      for (var i = 0; i < objects.length; i++) {
        if (objects[i].label === label) {
          var total = 0;
          runs.intervals(objects[i].counts).forEach(function (run) { total += run[1] - run[0]; });
          return total;
        }
      }
      return 0;
    }

    // --- the canvas -----------------------------------------------------------------------

    function show(x0, y0, x1, y1) {
      if (!state.canvas) return;
      var data = state.image.data;
      for (var y = y0; y < y1; y++) {
        for (var x = x0; x < x1; x++) {
          var value = map[y * width + x];
          var at = (y * width + x) * 4;
          if (value) {
            var colour = PALETTE[(value - 1) % PALETTE.length];
            data[at] = colour[0];
            data[at + 1] = colour[1];
            data[at + 2] = colour[2];
            data[at + 3] = ALPHA;
          } else data[at + 3] = 0;
        }
      }
      state.context.putImageData(state.image, 0, 0, x0, y0, x1 - x0, y1 - y0);
    }

    // --- painting ---------------------------------------------------------------------------

    function pixelOf(point) {
      return {
        x: Math.max(0, Math.min(width - 1, Math.floor(point.x))),
        y: Math.max(0, Math.min(height - 1, Math.floor(point.y)))
      };
    }

    function dab(centre, value) {
      var r = radius();
      var x0 = Math.max(0, centre.x - r);
      var x1 = Math.min(width, centre.x + r + 1);
      var y0 = Math.max(0, centre.y - r);
      var y1 = Math.min(height, centre.y + r + 1);
      for (var y = y0; y < y1; y++) {
        for (var x = x0; x < x1; x++) {
          var dx = x - centre.x;
          var dy = y - centre.y;
          if (dx * dx + dy * dy <= r * r) map[y * width + x] = value;
        }
      }
      show(x0, y0, x1, y1);
    }

    /** Dabs every pixel along the line from `from` to `to` (pixels). */
    function line(from, to, value) {
      var steps = Math.max(Math.abs(to.x - from.x), Math.abs(to.y - from.y));
      for (var s = 1; s <= steps; s++) {
        dab({ x: Math.round(from.x + (to.x - from.x) * s / steps), y: Math.round(from.y + (to.y - from.y) * s / steps) }, value);
      }
      if (!steps) dab(to, value);
    }

    function value(stage) {
      return state.eraser ? 0 : classIndex(stage);
    }

    /** After a stroke or a fill: the map becomes the stage's objects (one undo step). */
    function commit(stage, text) {
      var masks = encode();
      state.shown = masks.slice(); // the stage may splice its own list (Delete)
      stage.objects = masks;
      stage.selected = -1;
      stage.changed(text);
    }

    function paintedText(stage) {
      var label = stage.label();
      return t(state.eraser ? "masks_erased" : "masks_painted", { label: label, pixels: pixels(label, state.shown) });
    }

    function fill(stage, start) {
      var target = map[start.y * width + start.x];
      var paint = value(stage);
      if (target === paint) {
        stage.announce(t("masks_fill_same", { label: paint ? stage.label() : t("masks_eraser") }));
        return;
      }
      var stack = [start.y * width + start.x];
      var filled = 0;
      while (stack.length) {
        var at = stack.pop();
        if (map[at] !== target) continue;
        map[at] = paint;
        filled += 1;
        var x = at % width;
        if (x > 0) stack.push(at - 1);
        if (x < width - 1) stack.push(at + 1);
        if (at >= width) stack.push(at - width);
        if (at < width * (height - 1)) stack.push(at + width);
      }
      show(0, 0, width, height);
      var label = stage.label();
      commit(stage, "");
      stage.announce(t("masks_filled", { filled: filled, label: label, pixels: pixels(label, state.shown) }));
    }

    function pointerdown(stage, point) {
      var at = pixelOf(point);
      annotrain.cursor.set(stage, at);
      if (state.fill) {
        fill(stage, at);
        return null;
      }
      var paint = value(stage);
      var last = at;
      dab(at, paint);
      return {
        move: function (now) {
          var next = pixelOf(now);
          line(last, next, paint);
          last = next;
          brush(stage, next);
        },
        end: function (end, event, cancelled) {
          if (cancelled) {
            decode(stage.objects);
            show(0, 0, width, height);
            return;
          }
          annotrain.cursor.set(stage, last);
          commit(stage, "");
          stage.announce(paintedText(stage));
        }
      };
    }

    // --- tools --------------------------------------------------------------------------------

    function resize(stage, step) {
      state.size = Math.max(0, Math.min(RADII.length - 1, state.size + step));
      tools(stage);
      brush(stage, null);
      stage.announce(t("masks_size_changed", { size: 2 * radius() + 1 }));
    }

    function toggle(stage, which) {
      state[which] = !state[which];
      tools(stage);
      if (which === "eraser") stage.announce(state.eraser ? t("masks_eraser_on") : t("masks_eraser_off", { label: stage.label() }));
      else stage.announce(state.fill ? t("masks_fill_on", { label: stage.label() }) : t("masks_fill_off"));
    }

    function clearClass(stage) {
      var label = stage.label();
      var index = -1;
      stage.objects.forEach(function (mask, i) { if (mask.label === label) index = i; });
      if (index < 0) return false;
      var masks = stage.objects.filter(function (mask) { return mask.label !== label; });
      decode(masks);
      show(0, 0, width, height);
      stage.objects = masks;
      stage.changed(t("masks_cleared", { label: label }));
      return true;
    }

    function tools(stage) {
      var root = stage.root;
      root.querySelector(".annotrain-masks-size").textContent = t("masks_size", { size: 2 * radius() + 1 });
      root.querySelector('[data-annotrain-masks-action="smaller"]').disabled = stage.locked || state.size === 0;
      root.querySelector('[data-annotrain-masks-action="larger"]').disabled = stage.locked || state.size === RADII.length - 1;
      ["eraser", "fill"].forEach(function (which) {
        var button = root.querySelector('[data-annotrain-masks-action="' + which + '"]');
        button.setAttribute("aria-pressed", String(state[which]));
        button.disabled = stage.locked;
      });
    }

    /** The brush's outline at `at` (pixels), or where the keyboard cursor is (null). */
    function brush(stage, at) {
      var group = stage.svg.querySelector(".annotrain-masks-brush");
      if (!group) group = stage.el("g", { class: "annotrain-masks-brush" }, stage.svg);
      group.textContent = "";
      if (stage.locked) return;
      var where = at || state.at;
      if (!where) return;
      state.at = where;
      var attributes = { cx: where.x + 0.5, cy: where.y + 0.5, r: radius() + 0.5 };
      stage.el("circle", Object.assign({ class: "annotrain-masks-brush-halo" }, attributes), group);
      stage.el("circle", Object.assign({ class: "annotrain-masks-brush-ring" }, attributes), group);
    }

    // --- keyboard -----------------------------------------------------------------------------

    function keydown(stage, event) {
      var key = event.key;
      if (event.ctrlKey || event.metaKey || event.altKey) return false;
      if (ARROWS[key]) {
        var size = event.shiftKey ? 10 : 1;
        var to = pixelOf(annotrain.cursor.move(stage, ARROWS[key][0] * size, ARROWS[key][1] * size));
        if (state.pen !== null) line(state.penAt, to, state.pen);
        state.penAt = to;
        brush(stage, to);
        stage.announce(t("masks_cursor", { x: to.x, y: to.y }));
        return true;
      }
      if (key === " ") {
        if (!event.repeat && state.pen === null) {
          state.pen = value(stage);
          var at = pixelOf(annotrain.cursor.at(stage));
          state.penAt = at;
          dab(at, state.pen);
          brush(stage, at);
        }
        return true;
      }
      if (key === "[" || key === "]") {
        resize(stage, key === "]" ? 1 : -1);
        return true;
      }
      if (key === "e" || key === "E") {
        toggle(stage, "eraser");
        return true;
      }
      if (key === "f" || key === "F") {
        fill(stage, pixelOf(annotrain.cursor.at(stage)));
        return true;
      }
      if (key === "Delete" || key === "Backspace") return clearClass(stage);
      return false;
    }

    function keyup(stage, event) {
      if (event.key !== " " || state.pen === null) return;
      state.pen = null;
      if (stage.locked) return;
      commit(stage, "");
      stage.announce(paintedText(stage));
    }

    // --- the stage's parts ---------------------------------------------------------------------

    /** The SVG path of a mask's boundary pixels: one rectangle per vertical run of them. */
    function boundaryPath(mask) {
      var d = goldPaths.get(mask);
      if (d !== undefined) return d;
      var list = runs.boundary(runs.intervals(mask.counts), width, height).list.slice().sort(function (a, b) { return a - b; });
      var parts = [];
      for (var i = 0; i < list.length;) {
        var j = i + 1;
        while (j < list.length && list[j] === list[j - 1] + 1 && list[j] % height !== 0) j++;
        var x = Math.floor(list[i] / height);
        parts.push("M" + x + " " + (list[i] - x * height) + "h1v" + (j - i) + "h-1z");
        i = j;
      }
      d = parts.join("");
      goldPaths.set(mask, d);
      return d;
    }

    function bounds(mask) {
      var box = null;
      runs.intervals(mask.counts).forEach(function (run) {
        var x0 = Math.floor(run[0] / height);
        var x1 = Math.floor((run[1] - 1) / height);
        var y0 = x0 === x1 ? run[0] - x0 * height : 0;
        var y1 = x0 === x1 ? run[1] - 1 - x1 * height : height - 1;
        if (!box) box = { x0: x0, x1: x1, y0: y0, y1: y1 };
        box.x0 = Math.min(box.x0, x0);
        box.x1 = Math.max(box.x1, x1);
        box.y0 = Math.min(box.y0, y0);
        box.y1 = Math.max(box.y1, y1);
      });
      return { x: box.x0, y: box.y0, w: box.x1 - box.x0 + 1, h: box.y1 - box.y0 + 1 };
    }

    function draw(stage, layer, mask, index, view) {
      if (!view.gold) return; // the learner's paint is on the canvas
      stage.el("path", { d: boundaryPath(mask), class: "annotrain-masks-gold" }, layer);
      stage.tag(layer, bounds(mask), mask.label, { gold: true });
    }

    function describe(mask, index, gold) {
      var count = pixels(mask.label, [mask]);
      return t(gold ? "masks_describe_gold" : "masks_describe", { label: mask.label, pixels: count });
    }

    function rendered(stage) {
      // Objects changed outside a stroke (undo, Delete in the list, restored): read them again.
      var same = stage.objects.length === state.shown.length && stage.objects.every(function (mask, i) {
        return mask === state.shown[i];
      });
      if (!same) {
        decode(stage.objects);
        show(0, 0, width, height);
      }
      annotrain.cursor.draw(stage);
      brush(stage, null);
      tools(stage);
      nothing.sync(stage.root, stage.objects.length, stage.locked);
    }

    function mount(stage) {
      stageRef = stage;
      var canvas = document.createElement("canvas");
      canvas.width = width;
      canvas.height = height;
      canvas.className = "annotrain-masks-paint";
      canvas.setAttribute("aria-hidden", "true");
      stage.canvas.insertBefore(canvas, stage.svg);
      state.canvas = canvas;
      state.context = canvas.getContext("2d");
      state.image = state.context.createImageData(width, height);
      stage.view.addEventListener("keyup", function (event) { keyup(stage, event); });
      stage.view.addEventListener("blur", function () { keyup(stage, { key: " " }); });
      stage.svg.addEventListener("pointermove", function (event) {
        if (event.pointerType === "mouse" && !stage.drag) brush(stage, pixelOf(stage.toNatural(event.clientX, event.clientY)));
      });
      stage.root.addEventListener("click", function (event) {
        var button = event.target.closest("[data-annotrain-masks-action]");
        if (!button || !stage.root.contains(button) || stage.locked) return;
        var action = button.getAttribute("data-annotrain-masks-action");
        if (action === "smaller" || action === "larger") resize(stage, action === "larger" ? 1 : -1);
        else toggle(stage, action);
      });
      rendered(stage);
    }

    return {
      noun: function (index) { return stageRef.objects[index].label; },
      describe: describe,
      draw: draw,
      keydown: keydown,
      pointerdown: pointerdown,
      rendered: rendered,
      pick: function (stage, label) { stage.announce(t("masks_class", { label: label })); },
      mount: mount
    };
  }

  function stageOf(root) {
    return annotrain.stage.get(root);
  }

  annotrain.widgets = annotrain.widgets || {};
  annotrain.widgets.masks = {
    mount: function (root, task, ctx) {
      var typeSpec = spec(task, ctx.t);
      var stage = annotrain.stage.create(root, task, ctx, typeSpec);
      typeSpec.mount(stage);
    },
    getResponse: function (root) {
      var masks = stageOf(root).objects.map(copy);
      return nothing.response(root, "masks", masks, masks.length);
    },
    setResponse: function (root, response) {
      var stage = stageOf(root);
      nothing.set(root, response, "masks"); // first: the stage reports the change
      stage.set(annotrain.grader.normalize(stage.task, response).masks);
    },
    lock: function (root, locked) {
      var stage = stageOf(root);
      stage.lock(locked);
      stage.render();
    },
    showResult: function (root, task) {
      if (task.gold) stageOf(root).showGold(task.gold.masks);
    },
    clear: function (root) {
      nothing.set(root, null, "masks");
      stageOf(root).clear();
    },
    focus: function (root) {
      stageOf(root).focus();
    }
  };
})(window.annotrain = window.annotrain || {});
