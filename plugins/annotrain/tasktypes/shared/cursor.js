/* annotrain keyboard cursor for the image stage: a crosshair in natural pixels
 * that arrow keys move, for the types that place points (polygon vertices,
 * keypoints) without a pointer. Shared by tasktypes/polygon/widget.js and
 * tasktypes/keypoints/widget.js; loaded after tasktypes/shared/stage.js.
 *
 *   annotrain.cursor.at(stage)               {x, y}: where it is (the middle of
 *                                            the view until first moved)
 *   annotrain.cursor.move(stage, dx, dy)     move it (clamped to the image), keep
 *                                            it in view, draw it; returns {x, y}
 *   annotrain.cursor.set(stage, point)       put it at a point (after a click)
 *   annotrain.cursor.draw(stage)             re-draw (from spec.rendered)
 * It shows only while the drawing area has keyboard focus (see stage.css). */
(function (annotrain) {
  "use strict";

  var cursors = new WeakMap(); // stage -> {x, y, shown}
  var clamp = annotrain.grader.clamp;

  function state(stage) {
    var cursor = cursors.get(stage);
    if (!cursor) {
      var view = stage.visible();
      cursor = { x: Math.round(view.x + view.w / 2), y: Math.round(view.y + view.h / 2), shown: false };
      cursors.set(stage, cursor);
    }
    return cursor;
  }

  function layer(stage) {
    var group = stage.svg.querySelector(".annotrain-cursor");
    if (!group) group = stage.el("g", { class: "annotrain-cursor" }, stage.svg);
    return group;
  }

  function draw(stage) {
    var cursor = cursors.get(stage);
    var group = layer(stage);
    group.textContent = "";
    if (!cursor || !cursor.shown || stage.locked) return;
    var arm = stage.px(14);
    var gap = stage.px(4);
    var x = cursor.x;
    var y = cursor.y;
    [[x - arm, y, x - gap, y], [x + gap, y, x + arm, y], [x, y - arm, x, y - gap], [x, y + gap, x, y + arm]]
      .forEach(function (line) {
        var ends = { x1: line[0], y1: line[1], x2: line[2], y2: line[3] };
        stage.el("line", Object.assign({ class: "annotrain-cursor-halo" }, ends), group);
        stage.el("line", Object.assign({ class: "annotrain-cursor-line" }, ends), group);
      });
    stage.el("circle", { cx: x, cy: y, r: stage.px(2), class: "annotrain-cursor-line" }, group);
  }

  // Scroll the view so the cursor (with a margin) is visible when zoomed in.
  function reveal(stage, cursor) {
    var view = stage.visible();
    var margin = stage.px(30);
    var scale = 1 / stage.unit();
    if (cursor.x < view.x + margin) stage.view.scrollLeft -= (view.x + margin - cursor.x) * scale;
    else if (cursor.x > view.x + view.w - margin) stage.view.scrollLeft += (cursor.x - view.x - view.w + margin) * scale;
    if (cursor.y < view.y + margin) stage.view.scrollTop -= (view.y + margin - cursor.y) * scale;
    else if (cursor.y > view.y + view.h - margin) stage.view.scrollTop += (cursor.y - view.y - view.h + margin) * scale;
  }

  function move(stage, dx, dy) {
    var cursor = state(stage);
    if (cursor.shown) {
      cursor.x = clamp(cursor.x + dx, 0, stage.width);
      cursor.y = clamp(cursor.y + dy, 0, stage.height);
    }
    cursor.shown = true; // the first press shows it where it is
    reveal(stage, cursor);
    draw(stage);
    return { x: cursor.x, y: cursor.y };
  }

  annotrain.cursor = {
    at: function (stage) {
      var cursor = state(stage);
      cursor.shown = true;
      draw(stage);
      return { x: cursor.x, y: cursor.y };
    },
    move: move,
    set: function (stage, point) {
      var cursor = state(stage);
      cursor.x = clamp(Math.round(point.x), 0, stage.width);
      cursor.y = clamp(Math.round(point.y), 0, stage.height);
      draw(stage);
    },
    draw: draw
  };
})(window.annotrain = window.annotrain || {});
