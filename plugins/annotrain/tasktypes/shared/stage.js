/* annotrain image stage: what the image task types (bbox, polygon, keypoints)
 * share. It brings rendering/templates/annotrain/media/image.html to life: the picture
 * with an SVG overlay whose viewBox is the image's natural size, so every
 * coordinate drawn or read is in natural pixels at any displayed size, zoom and
 * device pixel ratio; zoom (buttons, + and -, Ctrl+wheel; the view keeps its
 * height and scrolls) and pan (scrollbars, the Pan tool, arrow keys when nothing
 * is selected); the label picker for new objects (keys 1-9); the live list of
 * objects with a label menu, Select and Delete; announcements; undo and redo
 * (annotrain.history, tasktypes/shared/history.js: every change of the objects
 * is a step); text tags placed clear of every shape and of each other; and the
 * gold layer drawn after a check. A type widget supplies only its geometry.
 *
 * Why one file of this size: zoom, pan, selection, the label picker, the object
 * list and the announcements all act on one stage state and one SVG; split
 * apart, each piece would reach into the others' state.
 *
 *   var stage = annotrain.stage.create(root, task, ctx, spec)
 *   annotrain.stage.get(root)          the stage created for root, or null
 *
 * spec (the type's part; all functions optional except draw and describe):
 *   noun(index)                  "Box 3": the object's name in lists and notes
 *   describe(object, index, gold) the list text: "Box 1: Scratch, x 10-20, y 5-9 px"
 *                                (gold: the text for gold object index)
 *   draw(stage, layer, object, index, state)
 *                                append the object's SVG to layer (state:
 *                                {selected, gold}); mark the clickable parts with
 *                                stage.hit(element, index, handleName)
 *   pointerdown(stage, point, hit, event)
 *                                a press on the drawing surface (point: natural
 *                                pixels; hit: {index, handle} or null); return a
 *                                drag {move(point, event), end(point, event)} to
 *                                follow the pointer, or null
 *   keydown(stage, event)        the type's keys (create, move, resize), asked
 *                                before the stage's own [ ] Escape Delete; return
 *                                true when handled
 *   rendered(stage)              after every re-draw (a cursor, the type's buttons)
 *   pick(stage, label)           when given, the picker (and keys 1-9) choose which
 *                                object to work on rather than a label for new
 *                                ones (keypoints: the landmark to place); objects
 *                                then keep their labels and the list has no label
 *                                menus
 *   start(stage)                 after the objects were set, cleared or restored by
 *                                undo (keypoints: which landmark comes next)
 *
 * The stage holds the objects ({label, ...geometry}, in natural pixels):
 *   stage.objects, stage.selected (index or -1), stage.locked
 *   stage.set(objects)   stage.add(object, quiet)   stage.update(index, object, quiet)
 *   stage.remove(index)  stage.select(index) stage.relabel(index, label)
 *   stage.label()        the label for new objects (the picker's; it never relabels)
 *   stage.changed(text)  after quiet changes: re-draw shapes and list, announce text
 *   stage.toNatural(clientX, clientY)    client (CSS) pixels -> {x, y} natural
 *   stage.visible()                      the natural rectangle in view {x, y, w, h}
 *   stage.px(n)                          n screen pixels in natural pixels
 *   stage.el(tag, attributes, parent)    an SVG element
 *   stage.tag(parent, near, text, options)  a text tag by the shape whose bounding
 *                                        box is near {x, y, w, h} ({gold, below, end})
 *   stage.handle(parent, x, y, index, name)      a drag handle (big on touch)
 *   stage.colour(label)                  the label's palette index (0-7)
 *   stage.announce(text)   stage.lock(locked)   stage.showGold(objects)
 *   stage.clear()          stage.render()       stage.focus()
 *   stage.said                          the last text announced (named by undo)
 * Changes made through these re-draw the shapes and the list and announce
 * themselves; "quiet" ones (during a drag) only re-draw the shapes. set() and
 * clear() also forget the undo history: they come from outside (restored
 * progress, Try again), not from the learner.
 * Shapes use the classes annotrain-stage-halo (a dark outline under) and
 * annotrain-stage-shape (coloured by label; dashed white in the gold layer).
 */
(function (annotrain) {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var ZOOM_STEP = 1.5;
  var MAX_SCALE = 16; // screen pixels per natural pixel at the highest zoom
  var PALETTE_SIZE = 8;
  var TAG_SIZE = 13; // screen pixels
  var TAG_GAP = 3; // screen pixels between a tag and the shapes and tags around it
  var stages = new WeakMap();
  var node = annotrain.dom.el;

  function svgEl(tag, attributes, parent) {
    var el = document.createElementNS(SVG, tag);
    Object.keys(attributes || {}).forEach(function (name) {
      el.setAttribute(name, String(attributes[name]));
    });
    if (parent) parent.appendChild(el);
    return el;
  }

  function coarse() {
    return window.matchMedia && window.matchMedia("(pointer: coarse)").matches;
  }

  function Stage(root, task, ctx, spec) {
    var self = this;
    this.root = root;
    this.task = task;
    this.t = ctx.t;
    this.spec = spec;
    this.box = root.querySelector("[data-annotrain-stage]");
    this.view = this.box.querySelector(".annotrain-stage-view");
    this.canvas = this.box.querySelector(".annotrain-stage-canvas");
    this.svg = this.box.querySelector("svg");
    this.layers = {
      objects: this.svg.querySelector(".annotrain-stage-objects"),
      gold: this.svg.querySelector(".annotrain-stage-gold")
    };
    this.list = this.box.querySelector(".annotrain-stage-list");
    this.goldList = this.box.querySelector(".annotrain-stage-gold-list");
    this.announcer = this.box.querySelector("[data-annotrain-stage-announce]");
    this.zoomText = this.box.querySelector(".annotrain-stage-zoom");
    this.width = task.image.width;
    this.height = task.image.height;
    this.labels = task.labels;
    this.objects = [];
    this.gold = null;
    this.selected = -1;
    this.locked = false;
    this.zoom = 1;
    this.panning = false;
    this.drag = null;
    this.viewWidth = 0;
    this.tags = [];
    this.said = "";

    this.box.addEventListener("click", function (event) { self.onClick(event); });
    this.box.addEventListener("keydown", function (event) { self.onKey(event); });
    this.box.addEventListener("change", function (event) {
      var index = event.target.getAttribute("data-index");
      if (event.target.tagName === "SELECT" && index !== null) self.relabel(Number(index), event.target.value);
      else if (self.spec.pick && event.target.type === "radio") self.spec.pick(self, event.target.value);
    });
    this.svg.addEventListener("pointerdown", function (event) { self.onDown(event); });
    this.svg.addEventListener("pointermove", function (event) { self.onMove(event); });
    this.svg.addEventListener("pointerup", function (event) { self.onUp(event, false); });
    this.svg.addEventListener("pointercancel", function (event) { self.onUp(event, true); });
    this.view.addEventListener("wheel", function (event) {
      if (!event.ctrlKey) return; // a plain wheel scrolls the view (or the page)
      event.preventDefault();
      self.zoomTo(self.zoom * (event.deltaY < 0 ? ZOOM_STEP : 1 / ZOOM_STEP), event.clientX, event.clientY);
    }, { passive: false });
    if (window.ResizeObserver) {
      new ResizeObserver(function () {
        if (self.view.clientWidth !== self.viewWidth) self.layout();
      }).observe(this.view);
    }
    // The fit depends on the window's height too; a page swapped away stops listening.
    window.addEventListener("resize", function onResize() {
      if (document.contains(self.box)) self.layout();
      else window.removeEventListener("resize", onResize);
    });
    this.layout();
    this.history = annotrain.history(root, {
      take: function () { return self.objects; },
      put: function (objects) {
        self.objects = objects;
        self.selected = -1;
        self.changed(null);
        if (spec.start) spec.start(self);
      },
      said: function () { return self.said; },
      say: function (text) { self.announce(text); },
      locked: function () { return self.locked || Boolean(self.drag); },
      t: ctx.t
    });
  }

  var proto = Stage.prototype;

  // --- coordinates and view -------------------------------------------------------

  /** Client (CSS) pixel position -> natural image pixels (not clamped). */
  proto.toNatural = function (clientX, clientY) {
    var rect = this.svg.getBoundingClientRect();
    if (!rect.width || !rect.height) return { x: 0, y: 0 };
    return {
      x: (clientX - rect.left) * this.width / rect.width,
      y: (clientY - rect.top) * this.height / rect.height
    };
  };

  /**
   * Natural pixels per screen (CSS) pixel at the current size. From the width
   * layout() gave the picture, not measured: drawing would otherwise force the
   * page's layout once per shape (after a quiz, once per shape of every task).
   */
  proto.unit = function () {
    return this.shownWidth ? this.width / this.shownWidth : 1;
  };

  proto.px = function (screenPixels) {
    return screenPixels * this.unit();
  };

  /** The part of the image in view, in natural pixels. */
  proto.visible = function () {
    var view = this.view.getBoundingClientRect();
    var a = this.toNatural(view.left, view.top);
    var b = this.toNatural(view.right, view.bottom);
    var x = Math.max(0, a.x);
    var y = Math.max(0, a.y);
    return {
      x: x,
      y: y,
      w: Math.min(this.width, b.x) - x,
      h: Math.min(this.height, b.y) - y
    };
  };

  // Fit the image to the view's width and at most 70% of the window's height;
  // the view keeps that height and zoom multiplies the picture's size inside it,
  // so zooming scrolls the view instead of moving the page.
  proto.layout = function () {
    this.viewWidth = this.view.clientWidth;
    if (!this.viewWidth) return; // hidden (a quiz task not shown yet)
    var fit = Math.min(this.viewWidth, window.innerHeight * 0.7 * this.width / this.height);
    var largest = this.width * MAX_SCALE;
    this.zoom = Math.max(1, Math.min(this.zoom, largest / fit));
    this.view.style.height = Math.ceil(fit * this.height / this.width) + "px";
    this.shownWidth = fit * this.zoom; // the svg fills the canvas
    this.canvas.style.width = this.shownWidth + "px";
    this.showZoom();
    this.render();
  };

  proto.showZoom = function () {
    var percent = Math.round(this.shownWidth / this.width * 100);
    this.zoomText.textContent = this.t("stage_zoom_level", { percent: percent });
  };

  /** Zoom to `zoom` (1 = fit) keeping the natural point under (clientX, clientY) in place. */
  proto.zoomTo = function (zoom, clientX, clientY) {
    var view = this.view.getBoundingClientRect();
    if (clientX === undefined) {
      clientX = view.left + view.width / 2;
      clientY = view.top + view.height / 2;
    }
    var anchor = this.toNatural(clientX, clientY);
    this.zoom = zoom;
    this.layout();
    var rect = this.svg.getBoundingClientRect();
    this.view.scrollLeft += rect.left + anchor.x * rect.width / this.width - clientX;
    this.view.scrollTop += rect.top + anchor.y * rect.height / this.height - clientY;
    this.announce(this.zoomText.textContent);
  };

  proto.setPanning = function (on) {
    this.panning = on;
    this.box.querySelector('[data-annotrain-stage-action="pan"]').setAttribute("aria-pressed", String(on));
    this.box.classList.toggle("annotrain-stage-panning", on);
  };

  // --- labels -----------------------------------------------------------------------

  /** The label new objects get: the checked radio's. */
  proto.label = function () {
    var checked = this.box.querySelector(".annotrain-stage-labels input:checked");
    return checked ? checked.value : this.labels[0];
  };

  proto.setLabel = function (label) {
    Array.prototype.forEach.call(this.box.querySelectorAll(".annotrain-stage-labels input"), function (input) {
      input.checked = input.value === label;
    });
  };

  proto.colour = function (label) {
    var index = this.labels.indexOf(label);
    return (index < 0 ? 0 : index) % PALETTE_SIZE;
  };

  // The label picker sets the label of new objects only; an object's own label
  // changes through its menu in the list, or the number keys while it is selected.
  proto.relabel = function (index, label) {
    var object = this.objects[index];
    if (this.locked || !object || object.label === label) return;
    var changed = {};
    Object.keys(object).forEach(function (key) { changed[key] = object[key]; });
    changed.label = label;
    this.objects[index] = changed;
    this.changed(this.t("stage_relabelled", { name: this.noun(index), label: label }));
  };

  // --- objects ------------------------------------------------------------------------

  proto.noun = function (index) {
    return this.spec.noun ? this.spec.noun(index) : this.t("stage_object", { number: index + 1 });
  };

  proto.set = function (objects) {
    this.objects = objects.slice();
    this.selected = -1;
    this.changed(null);
    if (this.spec.start) this.spec.start(this);
    this.history.reset();
  };

  proto.add = function (object, quiet) {
    this.objects.push(object);
    this.selected = this.objects.length - 1;
    if (quiet) this.render();
    else this.changed(this.t("stage_added", { text: this.spec.describe(object, this.selected) }));
  };

  proto.update = function (index, object, quiet) {
    this.objects[index] = object;
    if (quiet) this.render();
    else this.changed(this.spec.describe(object, index));
  };

  proto.remove = function (index) {
    if (index < 0 || index >= this.objects.length) return;
    var name = this.noun(index);
    this.objects.splice(index, 1);
    if (this.selected === index) this.selected = -1;
    else if (this.selected > index) this.selected -= 1;
    this.changed(this.t("stage_removed", { name: name }));
  };

  proto.select = function (index) {
    this.selected = index >= 0 && index < this.objects.length ? index : -1;
    this.changed(this.selected < 0 ? this.t("stage_none_selected") :
      this.t("stage_selected", { text: this.spec.describe(this.objects[this.selected], this.selected) }));
  };

  proto.cycle = function (step) {
    var count = this.objects.length;
    if (!count) return this.announce(this.t("stage_no_objects"));
    var from = this.selected < 0 ? (step > 0 ? -1 : 0) : this.selected;
    this.select((from + step + count) % count);
  };

  proto.changed = function (announcement) {
    this.render();
    this.renderList();
    if (announcement) this.announce(announcement);
    // As a form control would: the quiz runner saves a task's answer on "change".
    this.box.dispatchEvent(new Event("change", { bubbles: true }));
  };

  proto.clear = function () {
    this.objects = [];
    this.selected = -1;
    this.gold = null;
    this.changed(null);
    if (this.spec.start) this.spec.start(this);
    this.history.reset();
  };

  proto.showGold = function (objects) {
    this.gold = objects;
    this.changed(null);
  };

  proto.lock = function (locked) {
    this.locked = locked;
    this.drag = null;
    this.box.classList.toggle("annotrain-stage-locked", locked);
    this.box.querySelector(".annotrain-stage-labels").disabled = locked;
    this.renderList();
    this.history.show();
  };

  proto.announce = function (text) {
    // Cleared first, so the same words said twice are announced twice.
    var announcer = this.announcer;
    this.said = text;
    announcer.textContent = "";
    window.setTimeout(function () { announcer.textContent = text; }, 50);
  };

  proto.focus = function () {
    this.view.focus();
  };

  // --- drawing ------------------------------------------------------------------------

  proto.el = svgEl;

  /** Mark `element` as object `index` (and as its handle `handle`) for pointer hits. */
  proto.hit = function (element, index, handle) {
    element.setAttribute("data-annotrain-object", String(index));
    if (handle) element.setAttribute("data-annotrain-handle", handle);
    return element;
  };

  /**
   * A text tag naming the shape whose bounding box is `near` ({x, y, w, h},
   * natural pixels). Placed once every shape is drawn (placeTags): above the
   * shape, or below it with options.below; starting at its left edge, or ending
   * at its right edge with options.end. options.gold: text is the label of a
   * gold object, shown as "Gold: <label>".
   */
  proto.tag = function (parent, near, text, options) {
    var label = options && options.gold ? this.t("stage_gold_tag", { label: text }) : text;
    var el = svgEl("text", { "font-size": this.px(TAG_SIZE), class: "annotrain-stage-tag" }, parent);
    el.textContent = label;
    this.tags.push({ el: el, near: near, options: options || {} });
    return el;
  };

  // The width of a tag's text in natural pixels, measured on a canvas in the
  // tags' font (gold tags are italic): no layout of the page is needed.
  proto.textWidth = function (text, italic) {
    var measure = this.measure || (this.measure = document.createElement("canvas").getContext("2d"));
    this.family = this.family || window.getComputedStyle(this.svg).fontFamily;
    measure.font = (italic ? "italic " : "") + "700 " + TAG_SIZE + "px " + this.family;
    return this.px(measure.measureText(text).width);
  };

  function overlap(a, b) {
    var w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
    var h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
    return w > 0 && h > 0 ? w * h : 0;
  }

  /**
   * Put every tag where it covers no shape (their bounding boxes) and no tag
   * placed before it, inside the image: on a phone a tag is as wide as a
   * large part of the picture. Tries rows above and below the shape, nearest
   * first, then its sides; where every place is taken, the least covered one.
   */
  proto.placeTags = function () {
    var self = this;
    var gap = this.px(TAG_GAP);
    var h = this.px(TAG_SIZE) * 1.25;
    var taken = this.tags.map(function (tag) {
      var n = tag.near;
      return { x: n.x - gap, y: n.y - gap, w: n.w + 2 * gap, h: n.h + 2 * gap };
    });
    this.tags.forEach(function (tag) {
      var n = tag.near;
      var w = self.textWidth(tag.el.textContent, tag.options.gold) + gap; // and an italic's overhang
      var xs = [n.x, n.x + n.w - w];
      if (tag.options.end) xs.reverse();
      var spots = [];
      for (var row = 0; row < 8; row++) {
        var above = n.y - gap - h - row * (h + gap);
        var below = n.y + n.h + gap + row * (h + gap);
        (tag.options.below ? [below, above] : [above, below]).forEach(function (y) {
          xs.forEach(function (x) { spots.push({ x: Math.max(0, Math.min(x, self.width - w)), y: y }); });
        });
        if (!row) spots.push({ x: n.x + n.w + gap, y: n.y + (n.h - h) / 2 }, { x: n.x - gap - w, y: n.y + (n.h - h) / 2 });
      }
      var best = null;
      spots.forEach(function (spot) {
        spot.w = w;
        spot.h = h;
        if (spot.x < 0 || spot.y < 0 || spot.x + w > self.width || spot.y + h > self.height) return;
        spot.cost = taken.reduce(function (sum, box) { return sum + overlap(spot, box); }, 0);
        if (!best || spot.cost < best.cost) best = spot;
      });
      best = best || { x: Math.max(0, n.x), y: Math.max(0, n.y), w: w, h: h };
      tag.el.setAttribute("x", best.x);
      tag.el.setAttribute("y", best.y + h * 0.8);
      taken.push({ x: best.x - gap, y: best.y - gap, w: w + 2 * gap, h: h + 2 * gap });
    });
  };

  /** A round drag handle: a visible dot inside a larger invisible target (bigger on touch). */
  proto.handle = function (parent, x, y, index, name) {
    var group = svgEl("g", { class: "annotrain-stage-handle", "data-handle": name }, parent);
    this.hit(svgEl("circle", { cx: x, cy: y, r: this.px(coarse() ? 22 : 10), class: "annotrain-stage-target" }, group), index, name);
    this.hit(svgEl("circle", { cx: x, cy: y, r: this.px(coarse() ? 7 : 5), class: "annotrain-stage-dot" }, group), index, name);
    return group;
  };

  proto.render = function () {
    var self = this;
    var objects = this.layers.objects;
    var gold = this.layers.gold;
    objects.textContent = "";
    gold.textContent = "";
    this.tags = [];
    this.objects.forEach(function (object, index) {
      if (index === self.selected) return; // drawn last, on top
      var group = svgEl("g", { class: "annotrain-stage-object", "data-colour": self.colour(object.label) }, objects);
      self.spec.draw(self, group, object, index, { selected: false, gold: false });
    });
    if (this.selected >= 0) {
      var object = this.objects[this.selected];
      var group = svgEl("g", { class: "annotrain-stage-object annotrain-stage-selected", "data-colour": this.colour(object.label) }, objects);
      this.spec.draw(this, group, object, this.selected, { selected: !this.locked, gold: false });
    }
    (this.gold || []).forEach(function (item, index) {
      var group = svgEl("g", { class: "annotrain-stage-object" }, gold);
      self.spec.draw(self, group, item, index, { selected: false, gold: true });
    });
    this.placeTags();
    if (this.spec.rendered) this.spec.rendered(this);
  };

  // The text alternative: every object with Select and Delete, then the gold.
  proto.renderList = function () {
    var self = this;
    var active = document.activeElement;
    var refocus = active && this.list.contains(active) ? active.getAttribute("data-annotrain-stage-action") : null;
    var refocusIndex = refocus ? Number(active.getAttribute("data-index")) : -1;
    this.list.textContent = "";
    if (!this.objects.length) this.list.appendChild(node("li", "annotrain-stage-empty", this.t("stage_no_objects")));
    this.objects.forEach(function (object, index) {
      var item = self.list.appendChild(node("li"));
      item.setAttribute("data-colour", self.colour(object.label));
      if (index === self.selected) item.setAttribute("aria-current", "true");
      item.appendChild(node("span", "annotrain-stage-swatch")).setAttribute("aria-hidden", "true");
      item.appendChild(node("span", "annotrain-stage-item", self.spec.describe(object, index)));
      if (!self.spec.pick) { // with spec.pick, an object's label is what it is
        var menu = item.appendChild(node("select", "annotrain-stage-tool"));
        self.labels.forEach(function (label) {
          var option = menu.appendChild(node("option", null, label));
          option.value = label;
          option.selected = label === object.label;
        });
        menu.disabled = self.locked;
        menu.setAttribute("data-annotrain-stage-action", "label");
        menu.setAttribute("data-index", String(index));
        menu.setAttribute("aria-label", self.t("stage_label_of", { name: self.noun(index) }));
      }
      var select = item.appendChild(node("button", "annotrain-stage-tool", self.t(index === self.selected ? "stage_selected_button" : "stage_select")));
      select.type = "button";
      select.setAttribute("data-annotrain-stage-action", "select");
      select.setAttribute("data-index", String(index));
      select.setAttribute("aria-pressed", String(index === self.selected));
      select.setAttribute("aria-label", self.t("stage_select_name", { name: self.noun(index) }));
      var remove = item.appendChild(node("button", "annotrain-stage-tool", self.t("stage_delete")));
      remove.type = "button";
      remove.disabled = self.locked;
      remove.setAttribute("data-annotrain-stage-action", "delete");
      remove.setAttribute("data-index", String(index));
      remove.setAttribute("aria-label", self.t("stage_delete_name", { name: self.noun(index) }));
    });
    this.goldList.textContent = "";
    this.goldList.hidden = !this.gold;
    (this.gold || []).forEach(function (item, index) {
      self.goldList.appendChild(node("li", null, self.spec.describe(item, index, true)));
    });
    if (refocus) {
      var same = this.list.querySelector('[data-annotrain-stage-action="' + refocus + '"][data-index="' + refocusIndex + '"]');
      var first = this.list.querySelector("button:not([disabled]), select:not([disabled])");
      (same && !same.disabled ? same : first || this.view).focus();
    }
  };

  // --- events -------------------------------------------------------------------------

  proto.onClick = function (event) {
    var button = event.target.closest("[data-annotrain-stage-action]");
    if (!button || !this.box.contains(button)) return;
    var action = button.getAttribute("data-annotrain-stage-action");
    var index = Number(button.getAttribute("data-index"));
    if (action === "zoom-in") this.zoomTo(this.zoom * ZOOM_STEP);
    else if (action === "zoom-out") this.zoomTo(this.zoom / ZOOM_STEP);
    else if (action === "fit") this.zoomTo(1);
    else if (action === "pan") this.setPanning(!this.panning);
    else if (action === "select") this.select(index === this.selected ? -1 : index);
    else if (action === "delete" && !this.locked) this.remove(index);
  };

  function isTyping(target) {
    return target.tagName === "TEXTAREA" || (target.tagName === "INPUT" && target.type !== "radio");
  }

  proto.onKey = function (event) {
    if (event.defaultPrevented || isTyping(event.target)) return;
    var key = event.key;
    var plain = !event.ctrlKey && !event.metaKey && !event.altKey;
    var handled = true;
    if (plain && /^[1-9]$/.test(key) && Number(key) <= this.labels.length) {
      if (this.locked) return;
      var label = this.labels[Number(key) - 1];
      if (this.spec.pick) {
        this.setLabel(label);
        this.spec.pick(this, label);
      } else if (this.selected >= 0 && event.target === this.view) this.relabel(this.selected, label);
      else {
        this.setLabel(label);
        this.announce(this.t("stage_label_chosen", { label: label }));
      }
    } else if (plain && (key === "+" || key === "=")) this.zoomTo(this.zoom * ZOOM_STEP);
    else if (plain && key === "-") this.zoomTo(this.zoom / ZOOM_STEP);
    else if (plain && key === "0") this.zoomTo(1);
    else if (event.target === this.view) {
      // The type's keys first: a polygon's Delete removes a vertex, not the polygon.
      if (!this.locked && this.spec.keydown && this.spec.keydown(this, event)) handled = true;
      else if (plain && key === "]") this.cycle(1);
      else if (plain && key === "[") this.cycle(-1);
      else if (plain && key === "Escape" && this.selected >= 0) this.select(-1);
      else if (plain && (key === "Delete" || key === "Backspace") && this.selected >= 0 && !this.locked) this.remove(this.selected);
      else handled = false;
    } else handled = false;
    if (!handled) return;
    event.preventDefault();
    // Material's own shortcuts listen on the window: N would open the next page.
    event.stopPropagation();
  };

  proto.onDown = function (event) {
    if (event.button !== 0 || this.drag) return;
    var point = this.toNatural(event.clientX, event.clientY);
    if (this.panning) {
      this.drag = { pan: true, x: event.clientX, y: event.clientY, left: this.view.scrollLeft, top: this.view.scrollTop };
    } else if (!this.locked && this.spec.pointerdown) {
      var target = event.target.closest("[data-annotrain-object]");
      var hit = target && this.layers.objects.contains(target) ? {
        index: Number(target.getAttribute("data-annotrain-object")),
        handle: target.getAttribute("data-annotrain-handle")
      } : null;
      this.drag = this.spec.pointerdown(this, point, hit, event);
    }
    if (!this.drag) return;
    event.preventDefault();
    this.drag.pointer = event.pointerId;
    this.svg.setPointerCapture(event.pointerId);
    this.view.focus({ preventScroll: true });
  };

  proto.onMove = function (event) {
    var drag = this.drag;
    if (!drag || drag.pointer !== event.pointerId) return;
    event.preventDefault();
    if (drag.pan) {
      this.view.scrollLeft = drag.left - (event.clientX - drag.x);
      this.view.scrollTop = drag.top - (event.clientY - drag.y);
    } else drag.move(this.toNatural(event.clientX, event.clientY), event);
  };

  proto.onUp = function (event, cancelled) {
    var drag = this.drag;
    if (!drag || drag.pointer !== event.pointerId) return;
    this.drag = null;
    if (!drag.pan) drag.end(this.toNatural(event.clientX, event.clientY), event, cancelled);
  };

  annotrain.stage = {
    /** Bring the stage inside `root` to life for `task` (see the top of this file). */
    create: function (root, task, ctx, spec) {
      var stage = new Stage(root, task, ctx, spec);
      stages.set(root, stage);
      stage.renderList();
      return stage;
    },
    get: function (root) {
      return stages.get(root) || null;
    }
  };
})(window.annotrain = window.annotrain || {});
