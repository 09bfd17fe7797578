/* annotrain box editing on the image stage (tasktypes/shared/stage.js), shared by
 * bbox (an object is a box) and tracking (an object is a track, drawn as its box in
 * the frame shown). Pointer: drag on the image to draw, drag a box to move it, drag
 * one of its 8 handles to resize it. Keyboard (in the drawing area): N adds a box in
 * the middle of the view, arrows move the selected box (Shift: 10 px), Alt+arrows
 * move its right/bottom edge, Ctrl+arrows its left/top edge. Boxes are whole
 * pixels inside the image, in natural pixels.
 *
 *   annotrain.boxes.spec(t, access) -> the stage spec
 *   annotrain.boxes.where(t, box)   -> "x 10–20, y 5–9 px"
 *   annotrain.boxes.copy(box)
 * access (how the type's objects hold their boxes):
 *   shown(object)                the object's box {x, y, w, h, label} now, or null
 *   put(stage, index, box, quiet)  give object index this box (stage.update)
 *   create(stage, box, quiet)    add an object holding box (stage.add)
 *   describe(object, index, gold), noun(index)   as the stage spec's
 */
(function (annotrain) {
  "use strict";

  var HANDLES = ["nw", "n", "ne", "e", "se", "s", "sw", "w"];
  var CORNERS = ["nw", "ne", "se", "sw"];
  var SMALL = 60; // screen pixels: a smaller box gets handles at its corners only
  var NEW_BOX_SHARE = 0.25; // a box made with N: a quarter of the view's smaller side
  var DRAG_START = 4; // screen pixels a press must move before it draws a box
  var clamp = annotrain.grader.clamp;

  function px(value) {
    return annotrain.grader.formatNumber(value, 1); // as the grader writes pixels
  }

  function copy(box) {
    return { x: box.x, y: box.y, w: box.w, h: box.h, label: box.label };
  }

  function where(t, box) {
    return t("bbox_where", { left: px(box.x), right: px(box.x + box.w), top: px(box.y), bottom: px(box.y + box.h) });
  }

  // The box spanning two x and two y positions, in whole pixels inside the image.
  function spanning(stage, x0, y0, x1, y1, label) {
    var left = clamp(Math.round(Math.min(x0, x1)), 0, stage.width);
    var right = clamp(Math.round(Math.max(x0, x1)), 0, stage.width);
    var top = clamp(Math.round(Math.min(y0, y1)), 0, stage.height);
    var bottom = clamp(Math.round(Math.max(y0, y1)), 0, stage.height);
    return { x: left, y: top, w: right - left, h: bottom - top, label: label };
  }

  function spec(t, access) {
    function boxOf(stage, index) {
      return access.shown(stage.objects[index]);
    }

    function draw(stage, layer, object, index, state) {
      var box = access.shown(object, state.gold);
      if (!box) return;
      function rect(className) {
        return stage.el("rect", { x: box.x, y: box.y, width: box.w, height: box.h, class: className }, layer);
      }
      rect("annotrain-stage-halo");
      var shape = rect("annotrain-stage-shape");
      if (!state.gold) stage.hit(shape, index);
      // Gold tags go below the box first, the learner's own above.
      if (state.gold) stage.tag(layer, box, box.label, { gold: true, below: true });
      else stage.tag(layer, box, (index + 1) + ": " + box.label);
      if (!state.selected) return;
      var xs = { w: box.x, n: box.x + box.w / 2, s: box.x + box.w / 2, e: box.x + box.w };
      var ys = { n: box.y, w: box.y + box.h / 2, e: box.y + box.h / 2, s: box.y + box.h };
      var small = Math.min(box.w, box.h) < stage.px(SMALL);
      (small ? CORNERS : HANDLES).forEach(function (name) {
        var x = xs[name.length === 2 ? name[1] : name];
        var y = ys[name.length === 2 ? name[0] : name];
        stage.handle(layer, x, y, index, name);
      });
    }

    // Drag an edge or corner: the opposite edges stay where they are.
    function resizing(stage, index, handle) {
      var start = copy(boxOf(stage, index));
      return {
        move: function (point) {
          var x0 = start.x, x1 = start.x + start.w, y0 = start.y, y1 = start.y + start.h;
          if (handle.indexOf("w") !== -1) x0 = point.x;
          if (handle.indexOf("e") !== -1) x1 = point.x;
          if (handle.indexOf("n") !== -1) y0 = point.y;
          if (handle.indexOf("s") !== -1) y1 = point.y;
          var box = spanning(stage, x0, y0, x1, y1, start.label);
          if (box.w >= 1 && box.h >= 1) access.put(stage, index, box, true);
        },
        end: function () { access.put(stage, index, boxOf(stage, index)); }
      };
    }

    function moving(stage, index, point) {
      var start = copy(boxOf(stage, index));
      var moved = false;
      return {
        move: function (now) {
          var box = copy(start);
          box.x = clamp(Math.round(start.x + now.x - point.x), 0, stage.width - start.w);
          box.y = clamp(Math.round(start.y + now.y - point.y), 0, stage.height - start.h);
          moved = moved || box.x !== start.x || box.y !== start.y;
          access.put(stage, index, box, true);
        },
        end: function () { if (moved) access.put(stage, index, boxOf(stage, index)); }
      };
    }

    function drawing(stage, point) {
      var index = -1;
      var label = stage.label();
      var least = stage.px(DRAG_START);
      return {
        move: function (now) {
          if (index < 0 && Math.abs(now.x - point.x) < least && Math.abs(now.y - point.y) < least) return;
          var box = spanning(stage, point.x, point.y, now.x, now.y, label);
          if (index < 0) {
            access.create(stage, box, true);
            index = stage.objects.length - 1;
          } else access.put(stage, index, box, true);
        },
        end: function (now, event, cancelled) {
          if (index < 0) {
            if (stage.selected >= 0) stage.select(-1); // a click on the picture deselects
            return;
          }
          var box = boxOf(stage, index);
          if (cancelled || box.w < 1 || box.h < 1) stage.remove(index);
          else stage.changed(t("stage_added", { text: access.describe(stage.objects[index], index) }));
        }
      };
    }

    function keydown(stage, event) {
      var key = event.key;
      if ((key === "n" || key === "N") && !event.ctrlKey && !event.metaKey && !event.altKey) {
        var view = stage.visible();
        var side = Math.max(2, Math.round(Math.min(view.w, view.h) * NEW_BOX_SHARE));
        var cx = view.x + view.w / 2;
        var cy = view.y + view.h / 2;
        access.create(stage, spanning(stage, cx - side / 2, cy - side / 2, cx + side / 2, cy + side / 2, stage.label()));
        return true;
      }
      var arrows = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
      var current = stage.selected >= 0 ? boxOf(stage, stage.selected) : null;
      if (!arrows[key] || !current) return false;
      var step = event.shiftKey ? 10 : 1;
      var dx = arrows[key][0] * step;
      var dy = arrows[key][1] * step;
      var box = copy(current);
      var x0 = box.x, y0 = box.y, x1 = box.x + box.w, y1 = box.y + box.h;
      if (event.altKey) { // the right or bottom edge
        x1 = clamp(x1 + dx, x0 + 1, stage.width);
        y1 = clamp(y1 + dy, y0 + 1, stage.height);
      } else if (event.ctrlKey || event.metaKey) { // the left or top edge
        x0 = clamp(x0 + dx, 0, x1 - 1);
        y0 = clamp(y0 + dy, 0, y1 - 1);
      } else { // the whole box
        x0 = clamp(x0 + dx, 0, stage.width - box.w);
        y0 = clamp(y0 + dy, 0, stage.height - box.h);
        x1 = x0 + box.w;
        y1 = y0 + box.h;
      }
      access.put(stage, stage.selected, { x: x0, y: y0, w: x1 - x0, h: y1 - y0, label: box.label });
      return true;
    }

    return {
      noun: access.noun,
      describe: access.describe,
      draw: draw,
      keydown: keydown,
      pointerdown: function (stage, point, hit) {
        if (hit && hit.handle) return resizing(stage, hit.index, hit.handle);
        if (hit) {
          if (stage.selected !== hit.index) stage.select(hit.index);
          return moving(stage, hit.index, point);
        }
        return drawing(stage, point);
      }
    };
  }

  annotrain.boxes = { spec: spec, where: where, copy: copy };
})(window.annotrain = window.annotrain || {});
