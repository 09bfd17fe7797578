/* annotrain widget "bbox": labelled boxes drawn on the image stage
 * (tasktypes/shared/stage.js), edited as tasktypes/shared/boxes.js does it. Reads
 * and writes {"boxes": [{x, y, w, h, label}]} in natural pixels, whole pixels as
 * drawn. The stage adds labels 1-9, [ ], Delete, zoom. After a check the gold
 * boxes are drawn over the learner's. */
(function (annotrain) {
  "use strict";

  var nothing = annotrain.nothing;
  var boxes = annotrain.boxes;

  function spec(t) {
    return boxes.spec(t, {
      shown: function (box) { return box; },
      put: function (stage, index, box, quiet) { stage.update(index, box, quiet); },
      create: function (stage, box, quiet) { stage.add(box, quiet); },
      noun: function (index) { return t("bbox_box", { number: index + 1 }); },
      describe: function (box, index, gold) {
        return t(gold ? "bbox_describe_gold" : "bbox_describe", { number: index + 1, label: box.label, where: boxes.where(t, box) });
      }
    });
  }

  function stageOf(root) {
    return annotrain.stage.get(root);
  }

  annotrain.widgets = annotrain.widgets || {};
  // The "nothing to mark" box follows the boxes drawn (tasktypes/shared/nothing.js).
  function sync(root) {
    var stage = stageOf(root);
    nothing.sync(root, stage.objects.length, stage.locked);
  }

  annotrain.widgets.bbox = {
    mount: function (root, task, ctx) {
      annotrain.stage.create(root, task, ctx, spec(ctx.t));
      root.addEventListener("change", function () { sync(root); });
    },
    getResponse: function (root) {
      var drawn = stageOf(root).objects.map(boxes.copy);
      return nothing.response(root, "boxes", drawn, drawn.length);
    },
    setResponse: function (root, response) {
      var stage = stageOf(root);
      nothing.set(root, response, "boxes"); // first: the stage reports the change
      stage.set(annotrain.grader.normalize(stage.task, response).boxes);
    },
    lock: function (root, locked) {
      stageOf(root).lock(locked);
      sync(root);
    },
    showResult: function (root, task) {
      if (task.gold) stageOf(root).showGold(task.gold.boxes);
    },
    clear: function (root) {
      nothing.set(root, null, "boxes");
      stageOf(root).clear();
    },
    focus: function (root) {
      stageOf(root).focus();
    }
  };
})(window.annotrain = window.annotrain || {});
