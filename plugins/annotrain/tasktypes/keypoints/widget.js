/* annotrain widget "keypoints": named landmarks placed one by one on the image
 * stage (tasktypes/shared/stage.js). Reads and writes {"points": [{label, x, y} or
 * {label, visible: false}]} in natural pixels, whole pixels as placed.
 *
 * The stage's label picker lists the landmarks: the checked one is the landmark
 * being placed ("Place: Left eye (1 of 5)"). A click or tap on the image places
 * it (drag before releasing to adjust) and moves on to the next landmark without
 * an answer; a press on a placed point selects that landmark and drags the
 * point. "Not visible" marks the current landmark hidden (it then has no
 * position), "Next landmark" skips on, "Remove" clears its answer.
 * Keyboard (in the drawing area): arrows move a cursor (annotrain.cursor), or
 * the current landmark's point once placed (Shift: 10 px); Enter places the
 * current landmark at the cursor; N or Tab goes to the next landmark (Tab
 * leaves after the last), Shift+Tab to the previous; V toggles not visible;
 * Delete removes the answer; 1-9 pick a landmark.
 * After a check each visible gold landmark is drawn as a dashed circle whose
 * radius is its tolerance, tagged "Gold: <name>". */
(function (annotrain) {
  "use strict";

  var currents = new WeakMap(); // stage -> index of the landmark being placed, or -1
  var clamp = annotrain.grader.clamp;

  function copy(point) {
    return point.visible === false ? { label: point.label, visible: false } : { label: point.label, x: point.x, y: point.y };
  }

  function spec(task, t) {
    var names = task.keypoints;
    var stageRef = null;

    function current(stage) {
      var k = currents.get(stage);
      return k === undefined ? 0 : k;
    }

    function indexOf(stage, label) {
      for (var i = 0; i < stage.objects.length; i++) if (stage.objects[i].label === label) return i;
      return -1;
    }

    function answer(stage, k) {
      var index = k >= 0 ? indexOf(stage, names[k]) : -1;
      return index >= 0 ? stage.objects[index] : null;
    }

    function placed(point) {
      return Boolean(point) && point.visible !== false;
    }

    /** Make landmark k the current one; its placed point is selected. */
    function setCurrent(stage, k) {
      currents.set(stage, k);
      stage.setLabel(k >= 0 ? names[k] : null);
      var index = k >= 0 ? indexOf(stage, names[k]) : -1;
      stage.selected = index >= 0 && placed(stage.objects[index]) ? index : -1;
      stage.changed(null);
    }

    function status(stage) {
      var k = current(stage);
      if (k < 0) return t("keypoints_all_done");
      var params = { label: names[k], number: k + 1, total: names.length };
      var given = answer(stage, k);
      if (!given) return t("keypoints_place", params);
      if (!placed(given)) return t("keypoints_current_hidden", params);
      params.x = given.x;
      params.y = given.y;
      return t("keypoints_current_placed", params);
    }

    // The next landmark without an answer after k (wrapping round), or -1.
    function nextOpen(stage, k) {
      for (var n = 1; n <= names.length; n++) {
        var candidate = (k + n) % names.length;
        if (!answer(stage, candidate)) return candidate;
      }
      return -1;
    }

    /** Give landmark k the answer `point` ({x, y} or {visible: false}), in landmark order. */
    function put(stage, k, point) {
      var given = point.visible === false ? { label: names[k], visible: false } : { label: names[k], x: point.x, y: point.y };
      var objects = stage.objects.filter(function (o) { return o.label !== names[k]; });
      objects.push(given);
      objects.sort(function (a, b) { return names.indexOf(a.label) - names.indexOf(b.label); });
      stage.objects = objects;
      stage.selected = placed(given) ? objects.indexOf(given) : -1;
    }

    function unset(stage, k) {
      stage.objects = stage.objects.filter(function (o) { return o.label !== names[k]; });
      stage.selected = -1;
    }

    function snap(stage, point) {
      return { x: clamp(Math.round(point.x), 0, stage.width), y: clamp(Math.round(point.y), 0, stage.height) };
    }

    // Announce what was done, then the landmark now current; undo names only the first.
    function tell(stage, said) {
      stage.announce(said + " " + status(stage));
      stage.said = said;
    }

    // After landmark k got its answer: announce it, then go on to the next open one.
    function advance(stage, k, said) {
      setCurrent(stage, nextOpen(stage, k));
      tell(stage, said);
    }

    function placeAt(stage, k, point) {
      put(stage, k, point);
      annotrain.cursor.set(stage, point);
      advance(stage, k, t("keypoints_placed", { label: names[k], x: point.x, y: point.y }));
    }

    function describe(point, index, gold) {
      var params = { label: point.label, x: point.x, y: point.y };
      if (gold) {
        params.tolerance = task.tolerance[point.label];
        params.number = names.indexOf(point.label) + 1;
        return t(placed(point) ? "keypoints_describe_gold" : "keypoints_describe_gold_hidden", params);
      }
      return t(placed(point) ? "keypoints_describe" : "keypoints_describe_hidden", params);
    }

    // The square around a circle of radius r at point: what its tag keeps clear of.
    function square(point, r) {
      return { x: point.x - r, y: point.y - r, w: 2 * r, h: 2 * r };
    }

    function draw(stage, layer, point, index, view) {
      if (!placed(point)) return;
      if (view.gold) {
        var ring = { cx: point.x, cy: point.y, r: task.tolerance[point.label] };
        stage.el("circle", Object.assign({ class: "annotrain-stage-halo" }, ring), layer);
        stage.el("circle", Object.assign({ class: "annotrain-stage-shape" }, ring), layer);
        stage.el("circle", { cx: point.x, cy: point.y, r: stage.px(2.5), class: "annotrain-keypoints-gold-dot" }, layer);
        stage.tag(layer, square(point, Math.max(ring.r, stage.px(2.5))), point.label, { gold: true, below: true });
        return;
      }
      var r = stage.px(7);
      var dot = { cx: point.x, cy: point.y, r: r };
      stage.el("circle", Object.assign({ class: "annotrain-stage-halo" }, dot), layer);
      stage.hit(stage.el("circle", Object.assign({ class: "annotrain-stage-shape annotrain-keypoints-point" }, dot), layer), index);
      stage.el("circle", { cx: point.x, cy: point.y, r: stage.px(1.5), class: "annotrain-keypoints-centre" }, layer);
      // Names point outwards, so two points side by side (mouth corners) keep apart.
      stage.tag(layer, square(point, r), point.label, { end: point.x < stage.width / 2 });
      if (view.selected) stage.handle(layer, point.x, point.y, index, "point");
    }

    function dragging(stage, index, start) {
      var k = names.indexOf(stage.objects[index].label);
      var moved = false;
      return {
        move: function (now) {
          var point = snap(stage, now);
          moved = moved || point.x !== start.x || point.y !== start.y;
          var given = copy(stage.objects[index]);
          given.x = point.x;
          given.y = point.y;
          stage.update(index, given, true);
        },
        end: function () {
          var given = stage.objects[index];
          annotrain.cursor.set(stage, given);
          if (moved) stage.changed(t("keypoints_placed", { label: given.label, x: given.x, y: given.y }));
          else stage.announce(status(stage));
          currents.set(stage, k);
        }
      };
    }

    function pointerdown(stage, point, hit) {
      if (hit) {
        var k = names.indexOf(stage.objects[hit.index].label);
        setCurrent(stage, k);
        return dragging(stage, stage.selected, stage.objects[stage.selected]);
      }
      var now = current(stage);
      if (now < 0) {
        stage.announce(t("keypoints_all_done"));
        return null;
      }
      var at = snap(stage, point);
      put(stage, now, at);
      stage.render();
      var index = stage.selected;
      var placedAt = at;
      return {
        move: function (moved) {
          placedAt = snap(stage, moved);
          stage.update(index, { label: names[now], x: placedAt.x, y: placedAt.y }, true);
        },
        end: function (end, event, cancelled) {
          if (cancelled) {
            unset(stage, now);
            setCurrent(stage, now);
            return;
          }
          annotrain.cursor.set(stage, placedAt);
          advance(stage, now, t("keypoints_placed", { label: names[now], x: placedAt.x, y: placedAt.y }));
        }
      };
    }

    function toggleHidden(stage) {
      var k = current(stage);
      if (k < 0) return;
      var given = answer(stage, k);
      if (given && !placed(given)) {
        unset(stage, k);
        setCurrent(stage, k);
        tell(stage, t("keypoints_shown", { label: names[k] }));
        return;
      }
      put(stage, k, { visible: false });
      advance(stage, k, t("keypoints_hidden", { label: names[k] }));
    }

    function remove(stage) {
      var k = current(stage);
      if (k < 0 || !answer(stage, k)) return false;
      unset(stage, k);
      setCurrent(stage, k);
      tell(stage, t("keypoints_removed", { label: names[k] }));
      return true;
    }

    function go(stage, k) {
      setCurrent(stage, k);
      stage.announce(status(stage));
    }

    var ARROWS = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

    function keydown(stage, event) {
      var key = event.key;
      if (event.ctrlKey || event.metaKey || event.altKey) return false;
      var k = current(stage);
      if (ARROWS[key]) {
        var size = event.shiftKey ? 10 : 1;
        var dx = ARROWS[key][0] * size;
        var dy = ARROWS[key][1] * size;
        var given = answer(stage, k);
        if (placed(given)) {
          var index = indexOf(stage, given.label);
          var moved = { label: given.label, x: clamp(given.x + dx, 0, stage.width), y: clamp(given.y + dy, 0, stage.height) };
          annotrain.cursor.set(stage, moved);
          stage.update(index, moved); // a step of its own, saved and undone
        } else {
          var at = annotrain.cursor.move(stage, dx, dy);
          stage.announce(t("keypoints_cursor", { x: at.x, y: at.y }));
        }
        return true;
      }
      if (key === "Enter") {
        if (k < 0) {
          stage.announce(t("keypoints_all_done"));
          return true;
        }
        placeAt(stage, k, annotrain.cursor.at(stage));
        return true;
      }
      if (key === "n" || key === "N") {
        go(stage, (k + 1) % names.length);
        return true;
      }
      if (key === "Tab") {
        var next = event.shiftKey ? k - 1 : k + 1;
        if (k < 0 || next < 0 || next >= names.length) return false; // leave the drawing area
        go(stage, next);
        return true;
      }
      if (key === "v" || key === "V") {
        toggleHidden(stage);
        return true;
      }
      if (key === "Delete" || key === "Backspace") return remove(stage);
      return false;
    }

    function rendered(stage) {
      annotrain.cursor.draw(stage);
      var root = stage.root;
      var k = current(stage);
      var given = answer(stage, k);
      root.querySelector(".annotrain-keypoints-status").textContent = stage.locked ? "" : status(stage);
      var hidden = root.querySelector('[data-annotrain-keypoints-action="hidden"]');
      hidden.setAttribute("aria-pressed", String(Boolean(given) && !placed(given)));
      hidden.disabled = stage.locked || k < 0;
      root.querySelector('[data-annotrain-keypoints-action="next"]').disabled = stage.locked;
      root.querySelector('[data-annotrain-keypoints-action="remove"]').disabled = stage.locked || !given;
    }

    function act(stage, action) {
      if (stage.locked) return;
      if (action === "hidden") toggleHidden(stage);
      else if (action === "next") go(stage, (current(stage) + 1) % names.length);
      else if (action === "remove") remove(stage);
    }

    return {
      noun: function (index) { return stageRef.objects[index].label; },
      describe: describe,
      draw: draw,
      keydown: keydown,
      pointerdown: pointerdown,
      rendered: rendered,
      pick: function (stage, label) { go(stage, names.indexOf(label)); },
      act: act,
      start: function (stage) {
        stageRef = stage;
        setCurrent(stage, stage.objects.length ? nextOpen(stage, names.length - 1) : 0);
      }
    };
  }

  function stageOf(root) {
    return annotrain.stage.get(root);
  }

  annotrain.widgets = annotrain.widgets || {};
  annotrain.widgets.keypoints = {
    mount: function (root, task, ctx) {
      var typeSpec = spec(task, ctx.t);
      var stage = annotrain.stage.create(root, task, ctx, typeSpec);
      typeSpec.start(stage);
      root.addEventListener("click", function (event) {
        var button = event.target.closest("[data-annotrain-keypoints-action]");
        if (button && root.contains(button)) typeSpec.act(stage, button.getAttribute("data-annotrain-keypoints-action"));
      });
    },
    getResponse: function (root) {
      return { points: stageOf(root).objects.map(copy) };
    },
    setResponse: function (root, response) {
      var stage = stageOf(root);
      stage.set(annotrain.grader.normalize(stage.task, response).points);
    },
    lock: function (root, locked) {
      var stage = stageOf(root);
      stage.lock(locked);
      stage.render();
    },
    showResult: function (root, task) {
      if (task.gold) stageOf(root).showGold(task.gold.points);
    },
    clear: function (root) {
      stageOf(root).clear();
    },
    focus: function (root) {
      stageOf(root).focus();
    }
  };
})(window.annotrain = window.annotrain || {});
