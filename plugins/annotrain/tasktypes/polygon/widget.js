/* annotrain widget "polygon": labelled outlines drawn point by point on the
 * image stage (tasktypes/shared/stage.js). Reads and writes {"polygons": [{label,
 * points: [[x, y], ...]}]} in natural pixels, whole pixels as placed.
 *
 * Pointer: a press on the image adds a point (drag before releasing to adjust
 * it); a press on the first point, Enter or "Close outline" closes the outline.
 * With a polygon selected, drag a point to move it, drag the hollow dot in the
 * middle of an edge to insert a point there, drag the outline to move it all.
 * Keyboard (in the drawing area): arrows move a cursor (annotrain.cursor; Shift:
 * 10 px), Space adds a point there, Enter closes, Backspace removes the last
 * point of an open outline, Escape closes it (fewer than 3 points: discards);
 * with a polygon selected ([ and ] from the stage), Tab and Shift+Tab step
 * through its points and on to the next polygon, arrows move the selected point,
 * I inserts a point after it, Delete removes it.
 *
 * The outline being drawn is an object with `open: true` in the stage's list; a
 * Check (lock) closes it when it has 3 points or more and drops it otherwise.
 * After a check the gold outlines are drawn dashed over the learner's, each
 * tagged with the name the grader's notes use ("Gold: Building 2"). */
(function (annotrain) {
  "use strict";

  var states = new WeakMap(); // stage -> {vertex, owner}: the selected point
  var clamp = annotrain.grader.clamp;
  var nothing = annotrain.nothing;

  function copy(polygon) {
    var result = { label: polygon.label, points: polygon.points.map(function (p) { return [p[0], p[1]]; }) };
    if (polygon.open) result.open = true;
    return result;
  }

  function snap(stage, point) {
    return [clamp(Math.round(point.x), 0, stage.width), clamp(Math.round(point.y), 0, stage.height)];
  }

  function geometry() {
    return annotrain.grader.polygons;
  }

  function state(stage) {
    var st = states.get(stage);
    if (!st) {
      st = { vertex: -1, owner: -1 };
      states.set(stage, st);
    }
    return st;
  }

  /** The selected point of the selected polygon, or -1. */
  function vertexOf(stage) {
    var st = state(stage);
    var polygon = stage.objects[stage.selected];
    if (!polygon || st.owner !== stage.selected || st.vertex >= polygon.points.length) return -1;
    return st.vertex;
  }

  function setVertex(stage, vertex) {
    var st = state(stage);
    st.vertex = vertex;
    st.owner = stage.selected;
  }

  function draftIndex(stage) {
    for (var i = 0; i < stage.objects.length; i++) if (stage.objects[i].open) return i;
    return -1;
  }

  function spec(task, t) {
    // Names of the gold outlines ("Building 2"); an exam page has no gold at all.
    var goldNames = task.gold ? annotrain.grader.types.polygon.goldNames(task) : [];

    // The bounding box of the points, which a tag keeps clear of and the list gives.
    function bounds(points) {
      var xs = points.map(function (p) { return p[0]; });
      var ys = points.map(function (p) { return p[1]; });
      var x = Math.min.apply(null, xs);
      var y = Math.min.apply(null, ys);
      return { x: x, y: y, w: Math.max.apply(null, xs) - x, h: Math.max.apply(null, ys) - y };
    }

    function where(points) {
      var box = bounds(points);
      return t("polygon_where", { left: box.x, right: box.x + box.w, top: box.y, bottom: box.y + box.h });
    }

    function describe(polygon, index, gold) {
      var params = { number: index + 1, label: polygon.label, count: polygon.points.length };
      if (gold) return t("polygon_describe_gold", { name: goldNames[index], count: polygon.points.length, where: where(polygon.points) });
      if (polygon.open) return t("polygon_describe_open", params);
      params.where = where(polygon.points);
      var text = t("polygon_describe", params);
      return geometry().crossing(polygon.points) ? t("polygon_crosses", { text: text }) : text;
    }

    function pointsText(points) {
      return points.map(function (p) { return p.join(","); }).join(" ");
    }

    // The point where edges i and j cross (or a shared point), for the warning mark.
    function crossingPoint(points, edges) {
      var a = points[edges[0]];
      var b = points[(edges[0] + 1) % points.length];
      var c = points[edges[1]];
      var d = points[(edges[1] + 1) % points.length];
      var denominator = (b[0] - a[0]) * (d[1] - c[1]) - (b[1] - a[1]) * (d[0] - c[0]);
      if (!denominator) return b;
      var s = ((c[0] - a[0]) * (d[1] - c[1]) - (c[1] - a[1]) * (d[0] - c[0])) / denominator;
      return [a[0] + s * (b[0] - a[0]), a[1] + s * (b[1] - a[1])];
    }

    function draw(stage, layer, polygon, index, view) {
      var points = polygon.points;
      var tag = polygon.open ? "polyline" : "polygon";
      stage.el(tag, { points: pointsText(points), class: "annotrain-stage-halo" }, layer);
      var shape = stage.el(tag, { points: pointsText(points), class: "annotrain-stage-shape" + (polygon.open ? " annotrain-polygon-open" : "") }, layer);
      if (view.gold) {
        stage.tag(layer, bounds(points), goldNames[index], { gold: true, below: true });
        return;
      }
      if (!polygon.open) stage.hit(shape, index);
      stage.tag(layer, bounds(points), (index + 1) + ": " + polygon.label);
      var edges = polygon.open ? null : geometry().crossing(points);
      if (edges) {
        var mark = crossingPoint(points, edges);
        var r = stage.px(7);
        stage.el("circle", { cx: mark[0], cy: mark[1], r: r, class: "annotrain-polygon-crossing" }, layer);
      }
      if (!view.selected) {
        if (polygon.open) points.forEach(function (p) { stage.el("circle", { cx: p[0], cy: p[1], r: stage.px(3), class: "annotrain-stage-dot" }, layer); });
        return;
      }
      var chosen = vertexOf(stage);
      // Insertion dots on a closed outline only: while drawing, a press adds a point.
      var edgeCount = polygon.open ? 0 : points.length;
      for (var k = 0; k < edgeCount; k++) {
        var a = points[k];
        var b = points[(k + 1) % points.length];
        var middle = stage.handle(layer, (a[0] + b[0]) / 2, (a[1] + b[1]) / 2, index, "m" + k);
        middle.classList.add("annotrain-polygon-midpoint");
      }
      points.forEach(function (p, k) {
        var handle = stage.handle(layer, p[0], p[1], index, "v" + k);
        if (k === chosen) handle.classList.add("annotrain-polygon-chosen");
        if (k === 0 && polygon.open && points.length >= 3) handle.classList.add("annotrain-polygon-first");
      });
    }

    // Follow the pointer with point k of polygon `index` (a new or an existing point).
    function movingPoint(stage, index, k, added) {
      setVertex(stage, k);
      return {
        move: function (now) {
          var polygon = copy(stage.objects[index]);
          polygon.points[k] = snap(stage, now);
          stage.update(index, polygon, true);
        },
        end: function (now, event, cancelled) {
          var polygon = stage.objects[index];
          if (cancelled && added) return removePoint(stage, index, k);
          var p = polygon.points[k];
          annotrain.cursor.set(stage, { x: p[0], y: p[1] });
          stage.changed(t(added ? "polygon_point_added" : "polygon_point_moved", {
            number: k + 1, polygon: index + 1, x: p[0], y: p[1]
          }));
        }
      };
    }

    function movingPolygon(stage, index, point) {
      var start = copy(stage.objects[index]);
      var xs = start.points.map(function (p) { return p[0]; });
      var ys = start.points.map(function (p) { return p[1]; });
      var low = [-Math.min.apply(null, xs), -Math.min.apply(null, ys)];
      var high = [stage.width - Math.max.apply(null, xs), stage.height - Math.max.apply(null, ys)];
      var moved = false;
      return {
        move: function (now) {
          var dx = clamp(Math.round(now.x - point.x), low[0], high[0]);
          var dy = clamp(Math.round(now.y - point.y), low[1], high[1]);
          moved = moved || dx !== 0 || dy !== 0;
          var polygon = copy(start);
          polygon.points = start.points.map(function (p) { return [p[0] + dx, p[1] + dy]; });
          stage.update(index, polygon, true);
        },
        end: function () { if (moved) stage.update(index, stage.objects[index]); }
      };
    }

    function addPoint(stage, point) {
      var draft = draftIndex(stage);
      if (draft < 0) {
        stage.add({ label: stage.label(), points: [point], open: true }, true);
        draft = stage.objects.length - 1;
      } else {
        var polygon = copy(stage.objects[draft]);
        polygon.points.push(point);
        stage.objects[draft] = polygon;
        stage.selected = draft;
      }
      setVertex(stage, stage.objects[draft].points.length - 1);
      return draft;
    }

    function insertPoint(stage, index, k) {
      var polygon = copy(stage.objects[index]);
      var a = polygon.points[k];
      var b = polygon.points[(k + 1) % polygon.points.length];
      polygon.points.splice(k + 1, 0, [Math.round((a[0] + b[0]) / 2), Math.round((a[1] + b[1]) / 2)]);
      stage.objects[index] = polygon;
      setVertex(stage, k + 1);
    }

    function removePoint(stage, index, k) {
      var polygon = copy(stage.objects[index]);
      if (!polygon.open && polygon.points.length <= 3) {
        stage.announce(t("polygon_min_points"));
        return;
      }
      polygon.points.splice(k, 1);
      if (!polygon.points.length) {
        stage.remove(index);
        return;
      }
      stage.objects[index] = polygon;
      setVertex(stage, polygon.open ? -1 : Math.min(k, polygon.points.length - 1));
      stage.changed(t("polygon_point_removed", { number: k + 1, polygon: index + 1 }));
    }

    // Close the outline being drawn (3 points or more), else discard it when `discard`.
    function finish(stage, discard) {
      var draft = draftIndex(stage);
      if (draft < 0) return false;
      var polygon = copy(stage.objects[draft]);
      if (polygon.points.length < 3) {
        if (!discard) {
          stage.announce(t("polygon_need_points"));
          return true;
        }
        stage.objects.splice(draft, 1);
        stage.selected = -1;
        stage.changed(t("polygon_discarded"));
        return true;
      }
      delete polygon.open;
      stage.objects[draft] = polygon;
      stage.selected = -1;
      setVertex(stage, -1);
      stage.changed(t("polygon_closed", { number: draft + 1, count: polygon.points.length }));
      return true;
    }

    function pointerdown(stage, point, hit) {
      var draft = draftIndex(stage);
      var handle = hit && hit.handle;
      if (draft >= 0 && !(hit && hit.index === draft && handle)) {
        addPoint(stage, snap(stage, point));
        stage.render();
        return movingPoint(stage, draft, stage.objects[draft].points.length - 1, true);
      }
      if (handle) {
        var k = Number(handle.slice(1));
        if (handle === "v0" && hit.index === draft && stage.objects[draft].points.length >= 3) {
          finish(stage, false);
          return null;
        }
        if (handle.charAt(0) === "m") {
          insertPoint(stage, hit.index, k);
          return movingPoint(stage, hit.index, k + 1, true);
        }
        setVertex(stage, k);
        stage.render();
        return movingPoint(stage, hit.index, k, false);
      }
      if (hit) {
        if (stage.selected !== hit.index) stage.select(hit.index);
        setVertex(stage, -1);
        return movingPolygon(stage, hit.index, point);
      }
      if (stage.selected >= 0) { // a press beside the selected polygon deselects it
        stage.select(-1);
        return null;
      }
      var index = addPoint(stage, snap(stage, point));
      stage.render();
      return movingPoint(stage, index, 0, true);
    }

    function announcePoint(stage, index, k) {
      var p = stage.objects[index].points[k];
      stage.announce(t("polygon_point_selected", { number: k + 1, count: stage.objects[index].points.length, x: p[0], y: p[1] }));
    }

    // Tab: the next point of the selected polygon, then the first of the next polygon.
    function step(stage, forward) {
      var index = stage.selected;
      var k = vertexOf(stage) + (forward ? 1 : -1);
      if (vertexOf(stage) < 0 && !forward) k = stage.objects[index].points.length - 1;
      while (k < 0 || k >= stage.objects[index].points.length) {
        index += forward ? 1 : -1;
        if (index < 0 || index >= stage.objects.length) {
          stage.select(-1); // past the last point: Tab leaves the drawing area
          return false;
        }
        k = forward ? 0 : stage.objects[index].points.length - 1;
      }
      if (index !== stage.selected) stage.select(index);
      setVertex(stage, k);
      stage.render();
      announcePoint(stage, index, k);
      return true;
    }

    var ARROWS = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

    function keydown(stage, event) {
      var key = event.key;
      if (event.ctrlKey || event.metaKey || event.altKey) return false;
      var draft = draftIndex(stage);
      var chosen = stage.selected >= 0 ? vertexOf(stage) : -1;
      if (ARROWS[key]) {
        var size = event.shiftKey ? 10 : 1;
        var dx = ARROWS[key][0] * size;
        var dy = ARROWS[key][1] * size;
        if (chosen >= 0) {
          var polygon = copy(stage.objects[stage.selected]);
          var p = polygon.points[chosen];
          polygon.points[chosen] = [clamp(p[0] + dx, 0, stage.width), clamp(p[1] + dy, 0, stage.height)];
          stage.update(stage.selected, polygon, true);
          annotrain.cursor.set(stage, { x: polygon.points[chosen][0], y: polygon.points[chosen][1] });
          stage.changed(null); // a step of its own, saved and undone
          announcePoint(stage, stage.selected, chosen);
        } else {
          var at = annotrain.cursor.move(stage, dx, dy);
          stage.announce(t("polygon_cursor", { x: at.x, y: at.y }));
        }
        return true;
      }
      if (key === " " || key === "Spacebar") {
        var cursor = annotrain.cursor.at(stage);
        var index = addPoint(stage, [cursor.x, cursor.y]);
        var count = stage.objects[index].points.length;
        setVertex(stage, -1);
        stage.changed(t("polygon_point_added", { number: count, polygon: index + 1, x: cursor.x, y: cursor.y }));
        return true;
      }
      if (key === "Enter") return finish(stage, false);
      if (key === "Escape") {
        if (draft >= 0) return finish(stage, true);
        if (chosen >= 0) {
          setVertex(stage, -1);
          stage.select(stage.selected);
          return true;
        }
        return false;
      }
      if (key === "Tab") return stage.selected >= 0 && step(stage, !event.shiftKey);
      if ((key === "Delete" || key === "Backspace") && chosen >= 0) {
        removePoint(stage, stage.selected, chosen);
        return true;
      }
      if (key === "Backspace" && draft >= 0) {
        removePoint(stage, draft, stage.objects[draft].points.length - 1);
        return true;
      }
      if ((key === "i" || key === "I") && chosen >= 0) {
        var open = stage.objects[stage.selected].open;
        if (open && chosen === stage.objects[stage.selected].points.length - 1) return true;
        insertPoint(stage, stage.selected, chosen);
        stage.changed(null);
        announcePoint(stage, stage.selected, chosen + 1);
        return true;
      }
      return false;
    }

    function rendered(stage) {
      annotrain.cursor.draw(stage);
      var draft = draftIndex(stage);
      var buttons = stage.root.querySelectorAll("[data-annotrain-polygon-action]");
      Array.prototype.forEach.call(buttons, function (button) {
        var action = button.getAttribute("data-annotrain-polygon-action");
        var ready = false;
        if (action === "close") ready = draft >= 0 && stage.objects[draft].points.length >= 3;
        else if (action === "delete-point") ready = stage.selected >= 0 && vertexOf(stage) >= 0;
        button.disabled = stage.locked || !ready;
      });
    }

    function act(stage, action) {
      if (stage.locked) return;
      if (action === "close") finish(stage, false);
      else if (action === "delete-point" && vertexOf(stage) >= 0) removePoint(stage, stage.selected, vertexOf(stage));
    }

    return {
      noun: function (index) { return t("polygon_polygon", { number: index + 1 }); },
      describe: describe,
      draw: draw,
      keydown: keydown,
      pointerdown: pointerdown,
      rendered: rendered,
      finish: finish,
      act: act
    };
  }

  function stageOf(root) {
    return annotrain.stage.get(root);
  }

  function closed(stage) {
    return stage.objects.filter(function (p) { return !p.open || p.points.length >= 3; }).map(function (p) {
      return { label: p.label, points: p.points.map(function (q) { return [q[0], q[1]]; }) };
    });
  }

  annotrain.widgets = annotrain.widgets || {};
  function sync(root) {
    var stage = stageOf(root);
    nothing.sync(root, stage.objects.length, stage.locked);
  }

  annotrain.widgets.polygon = {
    mount: function (root, task, ctx) {
      var typeSpec = spec(task, ctx.t);
      var stage = annotrain.stage.create(root, task, ctx, typeSpec);
      root.addEventListener("click", function (event) {
        var button = event.target.closest("[data-annotrain-polygon-action]");
        if (button && root.contains(button)) typeSpec.act(stage, button.getAttribute("data-annotrain-polygon-action"));
      });
      // The "nothing to mark" box follows the outlines, a draft included (shared/nothing.js).
      root.addEventListener("change", function () { sync(root); });
      stage.render();
    },
    getResponse: function (root) {
      var polygons = closed(stageOf(root));
      return nothing.response(root, "polygons", polygons, polygons.length);
    },
    setResponse: function (root, response) {
      var stage = stageOf(root);
      nothing.set(root, response, "polygons"); // first: the stage reports the change
      stage.set(annotrain.grader.normalize(stage.task, response).polygons);
    },
    lock: function (root, locked) {
      var stage = stageOf(root);
      // Checking closes the outline being drawn (or drops it, with fewer than 3 points).
      if (locked && draftIndex(stage) >= 0) stage.spec.finish(stage, true);
      stage.lock(locked);
      stage.render();
      sync(root);
    },
    showResult: function (root, task) {
      if (task.gold) stageOf(root).showGold(task.gold.polygons);
    },
    clear: function (root) {
      nothing.set(root, null, "polygons");
      stageOf(root).clear();
    },
    focus: function (root) {
      stageOf(root).focus();
    }
  };
})(window.annotrain = window.annotrain || {});
