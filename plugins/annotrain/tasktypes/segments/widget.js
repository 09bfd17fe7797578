/* annotrain widget "segments": mark and label time ranges of an audio clip
 * (tasktypes/segments/template.html). Reads and writes
 * {"segments": [{start, end, label}]} in seconds of the original clip: positions
 * on the timeline are shares of its width times the clip's measured duration, so
 * the display size never changes a time.
 *
 * The timeline has one row (lane) per label. Pointer: drag along a lane to add a
 * segment with that label, drag a segment's ends to adjust it, click a segment to
 * select it, click elsewhere to move the cursor. Keyboard (the timeline is a
 * slider for the cursor): arrows move the cursor (Shift: 1 s), Enter or [ and
 * Enter or ] mark start and end, Up/Down select a segment, 1-9 set its label, E
 * picks its start or end, Alt+arrows move that edge, Space plays it, Delete removes
 * it, Escape lets go. The list below is the text alternative: every segment with
 * its label, start and end as form fields, Play and Remove. Every change is a
 * step of the undo history (tasktypes/shared/history.js); a whole drag is one.
 * Each label's row has its own colour and pattern (style.css).
 *
 * After a check, bars and list items carry a mark: the learner's segment that
 * matches a gold one with its label is "gold" (✓), any other "wrong" (✗); a
 * gold segment is "gold" only when found with its label, else "wrong", so a
 * wrong label never looks found on either side.
 *
 * Why one file of this size: the timeline, its keyboard model, the list of
 * segments and the audio player share one state (the cursor, the selection, the
 * segments, the playing range); the waveform drawing is the part that could
 * stand alone, and it is short.
 *
 * The waveform is decoded in the browser (decodeAudioData); where that fails, as
 * from file://, the timeline shows its time ticks only. */
(function (annotrain) {
  "use strict";

  var STEP = 0.1;
  var BIG_STEP = 1;
  var MIN_LENGTH = 0.01;
  var DRAG_PX = 4;
  var TICKS = [0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300];
  var states = new WeakMap();
  var el = annotrain.dom.el;
  var clamp = annotrain.grader.clamp;

  function ms(value) {
    return Math.round(value * 1000) / 1000;
  }

  function fmt(value) {
    return annotrain.grader.types.segments.seconds(value, 2);
  }

  function q(state, name) {
    return state.root.querySelector(".annotrain-" + name);
  }

  function ordered(state) {
    var labels = state.task.labels;
    return state.segments.slice().sort(function (a, b) {
      return a.start - b.start || a.end - b.end || labels.indexOf(a.label) - labels.indexOf(b.label);
    });
  }

  function say(state, key, params) {
    q(state, "seg-status").textContent = state.t(key, params);
  }

  function describe(segment) {
    return { label: segment.label, start: fmt(segment.start), end: fmt(segment.end) };
  }

  function changed(state) {
    render(state);
    state.root.dispatchEvent(new Event("change", { bubbles: true }));
  }

  // --- time <-> position ---------------------------------------------------------

  // The lanes, cursor and ticks fill the timeline inside its border: map over that.
  function timeAt(state, clientX) {
    var line = state.timeline;
    var left = line.getBoundingClientRect().left + line.clientLeft;
    return ms(clamp((clientX - left) / line.clientWidth, 0, 1) * state.duration);
  }

  function percent(state, time) {
    return (time / state.duration) * 100 + "%";
  }

  function currentLabel(state) {
    var checked = state.root.querySelector(".annotrain-seg-labels input:checked");
    return checked ? checked.value : state.task.labels[0];
  }

  function setLabelChoice(state, label) {
    Array.prototype.forEach.call(state.root.querySelectorAll(".annotrain-seg-labels input"), function (input) {
      input.checked = input.value === label;
    });
  }

  // --- cursor and playback -----------------------------------------------------------

  function setCursor(state, time, seek) {
    state.cursor = clamp(ms(time), 0, state.duration);
    state.timeline.setAttribute("aria-valuenow", String(state.cursor));
    state.timeline.setAttribute("aria-valuetext", state.t("segments_time", { time: fmt(state.cursor) }));
    q(state, "seg-cursor").style.left = percent(state, state.cursor);
    if (seek && Math.abs(state.audio.currentTime - state.cursor) > 0.0005) {
      try { state.audio.currentTime = state.cursor; } catch (err) { /* not seekable yet */ }
    }
  }

  function follow(state) {
    if (state.audio.paused) return;
    var now = state.audio.currentTime;
    if (state.stopAt !== null && now >= state.stopAt) {
      state.audio.pause();
      now = state.stopAt;
      state.stopAt = null;
    }
    setCursor(state, now, false);
    window.requestAnimationFrame(function () { follow(state); });
  }

  function play(state, from, to) {
    var audio = state.audio;
    if (from !== null) {
      setCursor(state, from, true);
      state.stopAt = to;
    }
    var started = audio.play();
    if (started && started.catch) started.catch(function () {});
  }

  function togglePlay(state) {
    if (!state.audio.paused) state.audio.pause();
    else {
      state.stopAt = null;
      play(state, null, null);
    }
  }

  // --- editing -----------------------------------------------------------------------

  function select(state, segment, edge) {
    state.selected = segment;
    state.edge = edge || "start";
    if (segment) {
      var params = describe(segment);
      params.edge = state.t(state.edge === "start" ? "segments_edge_start" : "segments_edge_end");
      say(state, "segments_selected", params);
    }
    render(state);
  }

  function add(state, a, b, label) {
    var start = ms(Math.min(a, b)), end = ms(Math.max(a, b));
    if (end - start < MIN_LENGTH) return null;
    var segment = { start: start, end: end, label: label };
    state.segments.push(segment);
    state.selected = segment;
    state.edge = "start";
    say(state, "segments_added", describe(segment));
    changed(state);
    return segment;
  }

  function remove(state, segment) {
    state.segments = state.segments.filter(function (s) { return s !== segment; });
    if (state.selected === segment) state.selected = null;
    say(state, "segments_removed", describe(segment));
    changed(state);
  }

  // Move one edge, keeping the segment at least MIN_LENGTH long and inside the clip.
  function moveEdge(state, segment, edge, time) {
    if (edge === "start") segment.start = ms(clamp(time, 0, segment.end - MIN_LENGTH));
    else segment.end = ms(clamp(time, segment.start + MIN_LENGTH, state.duration));
  }

  function setLabel(state, segment, label) {
    segment.label = label;
    changed(state);
  }

  // --- drawing -------------------------------------------------------------------------

  function lane(state, index) {
    return state.root.querySelectorAll(".annotrain-seg-lane")[index];
  }

  function bar(state, segment, className) {
    var node = el("div", className);
    node.style.left = percent(state, segment.start);
    node.style.width = percent(state, segment.end - segment.start);
    return node;
  }

  function drawSegments(state) {
    Array.prototype.forEach.call(state.root.querySelectorAll(".annotrain-seg-item, .annotrain-seg-gold-item"), function (node) {
      node.remove();
    });
    var labels = state.task.labels;
    var result = state.result;
    (state.gold || []).forEach(function (segment, n) {
      var index = labels.indexOf(segment.label);
      if (index === -1) return;
      var node = lane(state, index).appendChild(bar(state, segment, "annotrain-seg-gold-item"));
      if (result) node.setAttribute("data-annotrain-mark", result.gold[n]);
    });
    state.segments.forEach(function (segment, n) {
      var index = labels.indexOf(segment.label);
      if (index === -1) return;
      var node = bar(state, segment, "annotrain-seg-item");
      if (result) node.setAttribute("data-annotrain-mark", result.mine[n]);
      if (segment === state.selected) node.setAttribute("data-selected", state.edge);
      ["start", "end"].forEach(function (edge) {
        node.appendChild(el("span", "annotrain-seg-handle annotrain-seg-handle-" + edge)).setAttribute("data-edge", edge);
      });
      state.nodes.set(node, segment);
      lane(state, index).appendChild(node);
    });
    var pending = q(state, "seg-pending");
    pending.hidden = state.pending === null;
    if (state.pending !== null) pending.style.left = percent(state, state.pending);
  }

  function field(row, labelText, control) {
    var label = row.appendChild(el("label", "annotrain-seg-field"));
    label.appendChild(el("span", null, labelText));
    label.appendChild(control);
    return control;
  }

  function timeInput(state, segment, edge) {
    var input = el("input", "annotrain-seg-" + edge);
    input.type = "number";
    input.step = "0.01";
    input.min = "0";
    input.max = String(state.duration);
    input.inputMode = "decimal";
    input.value = String(ms(segment[edge])); // a stored 5.015000000000001 reads 5.015
    input.disabled = state.locked;
    // Updated in place, not rebuilt: the browser is moving focus on from this field.
    input.addEventListener("change", function () {
      var value = parseFloat(input.value);
      if (isFinite(value)) moveEdge(state, segment, edge, value);
      drawSegments(state);
      var row = state.rows.get(segment);
      row.querySelector(".annotrain-seg-start").value = String(ms(segment.start));
      row.querySelector(".annotrain-seg-end").value = String(ms(segment.end));
      var params = describe(segment);
      params.number = row.getAttribute("data-number");
      row.setAttribute("aria-label", state.t("segments_row", params));
      say(state, "segments_row", params); // what undo names
      state.root.dispatchEvent(new Event("change", { bubbles: true }));
    });
    return input;
  }

  // A list item holding a named group: the label, times and buttons of one segment.
  function listRow(state, segment, number) {
    var row = el("div", "annotrain-seg-row");
    row.setAttribute("role", "group");
    var params = describe(segment);
    params.number = number;
    row.setAttribute("data-number", String(number));
    row.setAttribute("aria-label", state.t("segments_row", params));
    if (segment === state.selected) row.setAttribute("data-selected", "");
    var select = el("select", "annotrain-seg-select");
    state.task.labels.forEach(function (label) {
      var option = select.appendChild(el("option", null, label));
      option.value = label;
    });
    select.value = segment.label;
    select.disabled = state.locked;
    select.addEventListener("change", function () { setLabel(state, segment, select.value); });
    field(row, state.t("segments_label"), select);
    field(row, state.t("segments_start"), timeInput(state, segment, "start"));
    field(row, state.t("segments_end"), timeInput(state, segment, "end"));
    var playButton = row.appendChild(el("button", "md-button annotrain-button annotrain-seg-play", state.t("segments_play")));
    playButton.type = "button";
    playButton.addEventListener("click", function () { play(state, segment.start, segment.end); });
    var removeButton = row.appendChild(el("button", "md-button annotrain-button annotrain-seg-remove", state.t("segments_remove")));
    removeButton.type = "button";
    removeButton.disabled = state.locked;
    removeButton.addEventListener("click", function () {
      remove(state, segment);
      state.timeline.focus(); // the button is gone with its row
    });
    row.appendChild(el("span", "annotrain-mark"));
    state.rows.set(segment, row);
    return row;
  }

  // Rebuild the list, keeping keyboard focus on the same control of the same segment.
  function drawList(state) {
    var list = q(state, "seg-list");
    var active = document.activeElement;
    var keep = null;
    if (active && list.contains(active)) {
      state.rows.forEach(function (row, segment) {
        // Its own class, not one a focus polyfill may add (Material adds focus-visible).
        var own = String(active.className).match(/annotrain-seg-[a-z]+/);
        if (row.contains(active) && own) keep = { segment: segment, className: own[0] };
      });
    }
    list.textContent = "";
    state.rows = new Map();
    ordered(state).forEach(function (segment, index) {
      list.appendChild(el("li")).appendChild(listRow(state, segment, index + 1));
    });
    q(state, "seg-none").hidden = state.segments.length > 0;
    if (keep && state.rows.has(keep.segment)) {
      var again = state.rows.get(keep.segment).getElementsByClassName(keep.className)[0];
      if (again) again.focus();
    }
  }

  function render(state) {
    annotrain.nothing.sync(state.root, state.segments.length, state.locked);
    drawSegments(state);
    drawList(state);
    if (state.marks) state.marks();
  }

  function drawTicks(state) {
    var axis = q(state, "seg-axis");
    var width = state.timeline.clientWidth || 1;
    var step = TICKS[TICKS.length - 1];
    for (var i = 0; i < TICKS.length; i++) {
      if ((TICKS[i] / state.duration) * width >= 48) { step = TICKS[i]; break; }
    }
    axis.textContent = "";
    // No tick squeezed against the end of the clip: its label would not fit.
    for (var n = 0; (n * step / state.duration) * width <= width - 36; n++) {
      var time = n * step;
      var tick = axis.appendChild(el("span", "annotrain-seg-tick", (step < 1 ? time.toFixed(1) : String(time)) + " s"));
      tick.style.left = percent(state, time);
    }
  }

  function drawWave(state) {
    var canvas = q(state, "seg-wave");
    var ratio = window.devicePixelRatio || 1;
    var width = Math.max(1, Math.round(canvas.clientWidth * ratio));
    var height = Math.max(1, Math.round(canvas.clientHeight * ratio));
    canvas.width = width;
    canvas.height = height;
    if (!state.peaks) return;
    var context = canvas.getContext("2d");
    context.fillStyle = window.getComputedStyle(canvas).color;
    var peaks = state.peaks;
    for (var x = 0; x < width; x++) {
      var from = Math.floor((x / width) * peaks.length);
      var to = Math.max(from + 1, Math.floor(((x + 1) / width) * peaks.length));
      var peak = 0;
      for (var i = from; i < to && i < peaks.length; i++) peak = Math.max(peak, peaks[i]);
      var h = Math.max(1, peak * height);
      context.fillRect(x, (height - h) / 2, 1, h);
    }
  }

  function loadWave(state) {
    var Offline = window.OfflineAudioContext || window.webkitOfflineAudioContext;
    if (!Offline || !window.fetch || window.location.protocol === "file:") return;
    window.fetch(state.audio.currentSrc || state.audio.src)
      .then(function (reply) {
        if (!reply.ok) throw new Error("HTTP " + reply.status);
        return reply.arrayBuffer();
      })
      .then(function (data) {
        return new Promise(function (resolve, reject) {
          var decoding = new Offline(1, 1, 44100).decodeAudioData(data, resolve, reject);
          if (decoding && decoding.catch) decoding.catch(reject);
        });
      })
      .then(function (buffer) {
        var samples = buffer.getChannelData(0);
        var bins = 2000, peaks = new Float32Array(bins), top = 0;
        for (var i = 0; i < samples.length; i++) {
          var bin = Math.floor((i / samples.length) * bins);
          var value = Math.abs(samples[i]);
          if (value > peaks[bin]) peaks[bin] = value;
          if (value > top) top = value;
        }
        for (var b = 0; b < bins && top > 0; b++) peaks[b] /= top;
        state.peaks = peaks;
        state.timeline.setAttribute("data-annotrain-wave", "");
        drawWave(state);
      })
      .catch(function () { /* the ticks alone still give the time axis */ });
  }

  // --- pointer -------------------------------------------------------------------------

  function laneIndex(state, target) {
    var node = target.closest(".annotrain-seg-lane");
    return node ? Number(node.getAttribute("data-annotrain-lane")) : -1;
  }

  function onPointerDown(state, event) {
    if (event.button !== undefined && event.button !== 0) return;
    var time = timeAt(state, event.clientX);
    var handle = event.target.closest(".annotrain-seg-handle");
    var item = event.target.closest(".annotrain-seg-item");
    var segment = item ? state.nodes.get(item) : null;
    state.timeline.focus();
    if (state.locked) {
      if (!segment) setCursor(state, time, true);
      return;
    }
    if (handle && segment) {
      state.drag = { kind: "edge", segment: segment, edge: handle.getAttribute("data-edge") };
      select(state, segment, state.drag.edge);
    } else if (segment) {
      state.drag = null;
      select(state, segment, "start");
      return;
    } else {
      var index = laneIndex(state, event.target);
      state.drag = { kind: "new", from: time, to: time, x: event.clientX, moved: false, label: state.task.labels[index] || currentLabel(state) };
    }
    state.timeline.setPointerCapture(event.pointerId);
    event.preventDefault();
  }

  function onPointerMove(state, event) {
    var drag = state.drag;
    if (!drag) return;
    var time = timeAt(state, event.clientX);
    if (drag.kind === "edge") {
      moveEdge(state, drag.segment, drag.edge, time);
      drawSegments(state);
      return;
    }
    drag.to = time;
    if (Math.abs(event.clientX - drag.x) >= DRAG_PX) drag.moved = true;
    state.pending = drag.moved ? drag.from : null;
    drawSegments(state);
  }

  function onPointerUp(state, event) {
    var drag = state.drag;
    if (!drag) return;
    state.drag = null;
    if (drag.kind === "edge") {
      changed(state);
      return;
    }
    state.pending = null;
    drag.to = timeAt(state, event.clientX);
    if (drag.moved && add(state, drag.from, drag.to, drag.label)) {
      setLabelChoice(state, drag.label);
      return;
    }
    state.selected = null;
    setCursor(state, drag.to, true);
    render(state);
  }

  // --- keyboard ------------------------------------------------------------------------

  function cycle(state, direction) {
    var list = ordered(state);
    if (!list.length) return;
    var at = list.indexOf(state.selected);
    var next = at === -1 ? (direction > 0 ? 0 : list.length - 1) : clamp(at + direction, 0, list.length - 1);
    setCursor(state, list[next].start, true);
    select(state, list[next], "start");
  }

  function mark(state, key) {
    var startKey = key === "[" || (key === "Enter" && state.pending === null);
    if (startKey) {
      state.pending = state.cursor;
      say(state, "segments_started", { time: fmt(state.cursor) });
      drawSegments(state);
      return;
    }
    if (state.pending === null) return;
    var from = state.pending;
    state.pending = null;
    if (!add(state, from, state.cursor, currentLabel(state))) drawSegments(state);
  }

  function onKey(state, event) {
    var key = event.key;
    var step = event.shiftKey ? BIG_STEP : STEP;
    var chosen = state.selected;
    if (key === "ArrowLeft" || key === "ArrowRight") {
      var sign = key === "ArrowLeft" ? -1 : 1;
      if (event.altKey) {
        if (!chosen || state.locked) return;
        moveEdge(state, chosen, state.edge, chosen[state.edge] + sign * step);
        setCursor(state, chosen[state.edge], true);
        changed(state);
      } else setCursor(state, state.cursor + sign * step, true);
    } else if (key === "Home" || key === "End") {
      setCursor(state, key === "Home" ? 0 : state.duration, true);
    } else if (key === "ArrowUp" || key === "ArrowDown") {
      cycle(state, key === "ArrowDown" ? 1 : -1);
    } else if (key === " " || key === "Spacebar") {
      if (chosen && state.audio.paused) play(state, chosen.start, chosen.end);
      else togglePlay(state);
    } else if (key === "Escape") {
      if (state.pending === null && !chosen) return;
      state.pending = null;
      select(state, null);
    } else if (state.locked || event.ctrlKey || event.metaKey || event.altKey) {
      return;
    } else if (key === "Enter" || key === "[" || key === "]") {
      mark(state, key);
    } else if (/^[1-9]$/.test(key) && Number(key) <= state.task.labels.length) {
      var label = state.task.labels[Number(key) - 1];
      setLabelChoice(state, label);
      if (chosen) setLabel(state, chosen, label);
    } else if ((key === "e" || key === "E") && chosen) {
      select(state, chosen, state.edge === "start" ? "end" : "start");
      setCursor(state, chosen[state.edge], true);
    } else if ((key === "Delete" || key === "Backspace") && chosen) {
      remove(state, chosen);
    } else return;
    event.preventDefault();
  }

  // --- after a check ------------------------------------------------------------------

  function markRow(row, text, kind) {
    var slot = row.querySelector(".annotrain-mark");
    slot.textContent = text;
    row.setAttribute("data-annotrain-mark", kind);
  }

  function showResult(root, task, grade, response, messages) {
    var state = states.get(root);
    if (!state || !task.gold) return;
    var kind = annotrain.grader.types.segments;
    var canonical = kind.normalize(task, response);
    var gold = task.gold.segments;
    state.segments = canonical.segments.map(function (s) { return { start: s.start, end: s.end, label: s.label }; });
    state.selected = null;
    state.gold = gold;
    var found = kind.pairs(task, canonical);
    // The learner's segment paired with gold segment g, and the other way round.
    var mine = function (g) { return found.filter(function (p) { return p[0] === g; }).map(function (p) { return state.segments[p[1]]; })[0]; };
    var theirs = function (n) { return found.filter(function (p) { return p[1] === n; }).map(function (p) { return gold[p[0]]; })[0]; };
    state.result = {
      gold: gold.map(function (segment, g) { return mine(g) && mine(g).label === segment.label ? "gold" : "wrong"; }),
      mine: state.segments.map(function (segment, n) { return theirs(n) && theirs(n).label === segment.label ? "gold" : "wrong"; })
    };
    var box = q(state, "seg-gold");
    box.textContent = "";
    box.appendChild(el("p", "annotrain-seg-title", state.t("segments_gold")));
    var list = box.appendChild(el("ol", "annotrain-seg-gold-list"));
    gold.forEach(function (segment, g) {
      var hit = mine(g);
      var params = describe(segment);
      var item = list.appendChild(el("li", null, params.label + ", " + params.start + "\u2013" + params.end + " s "));
      item.appendChild(el("span", "annotrain-mark"));
      markRow(item, state.t(!hit ? "segments_mark_missed" : hit.label !== segment.label ? "segments_mark_gold_label" :
        "segments_mark_found", { label: hit && hit.label }), hit ? state.result.gold[g] : "missed");
    });
    box.hidden = false;
    state.marks = function () {
      state.segments.forEach(function (segment, n) {
        var row = state.rows.get(segment);
        var pair = theirs(n);
        if (!pair) markRow(row, state.t("segments_mark_extra"), "wrong");
        else if (pair.label !== segment.label) markRow(row, state.t("segments_mark_label", { gold: pair.label }), "wrong");
        else markRow(row, state.t("segments_mark_match"), "gold");
      });
    };
    render(state);
  }

  // --- widget ----------------------------------------------------------------------------

  function mount(root, task, ctx) {
    var timeline = root.querySelector(".annotrain-seg-timeline");
    var state = {
      root: root, task: task, t: ctx.t, timeline: timeline, audio: root.querySelector(".annotrain-segments .annotrain-audio"),
      duration: task.audio.duration, segments: [], selected: null, edge: "start", cursor: 0, pending: null,
      stopAt: null, drag: null, locked: false, gold: null, marks: null, result: null, peaks: null,
      nodes: new WeakMap(), rows: new Map()
    };
    states.set(root, state);
    timeline.addEventListener("pointerdown", function (e) { onPointerDown(state, e); });
    timeline.addEventListener("pointermove", function (e) { onPointerMove(state, e); });
    timeline.addEventListener("pointerup", function (e) { onPointerUp(state, e); });
    timeline.addEventListener("pointercancel", function () { state.drag = null; state.pending = null; render(state); });
    timeline.addEventListener("keydown", function (e) { onKey(state, e); });
    state.audio.addEventListener("play", function () { follow(state); });
    state.audio.addEventListener("seeked", function () { if (state.audio.paused) setCursor(state, state.audio.currentTime, false); });
    state.audio.addEventListener("pause", function () { setCursor(state, state.audio.currentTime, false); });
    var redraw = function () { drawTicks(state); drawWave(state); };
    if (window.ResizeObserver) new window.ResizeObserver(redraw).observe(timeline);
    else window.addEventListener("resize", redraw);
    setCursor(state, 0, false);
    redraw();
    render(state);
    loadWave(state);
    annotrain.audio.knowDuration(state.audio, state.duration);
    state.history = annotrain.history(root, {
      take: function () { return ordered(state); },
      put: function (segments) {
        state.segments = segments;
        state.selected = null;
        state.pending = null;
        changed(state);
      },
      said: function () { return q(state, "seg-status").textContent; },
      say: function (text) { q(state, "seg-status").textContent = text; },
      locked: function () { return state.locked || Boolean(state.drag); },
      t: ctx.t
    });
  }

  annotrain.widgets = annotrain.widgets || {};
  annotrain.widgets.segments = {
    mount: mount,
    // {"segments": []} only while "Nothing to mark in this clip" is ticked; else null (shared/nothing.js).
    getResponse: function (root) {
      var segments = ordered(states.get(root)).map(function (s) { return { start: s.start, end: s.end, label: s.label }; });
      return annotrain.nothing.response(root, "segments", segments, segments.length);
    },
    setResponse: function (root, response) {
      var state = states.get(root);
      annotrain.nothing.set(root, response, "segments");
      state.segments = annotrain.grader.types.segments.normalize(state.task, response).segments.map(function (s) {
        return { start: s.start, end: s.end, label: s.label };
      });
      state.selected = null;
      render(state);
      state.history.reset();
    },
    lock: function (root, locked) {
      var state = states.get(root);
      state.locked = locked;
      state.drag = null;
      state.pending = null;
      root.querySelector(".annotrain-seg-labels").disabled = locked;
      render(state);
      state.history.show();
    },
    showResult: showResult,
    clear: function (root) {
      var state = states.get(root);
      annotrain.nothing.set(root, null, "segments");
      state.segments = [];
      state.selected = null;
      state.pending = null;
      state.gold = null;
      state.marks = null;
      state.result = null;
      var box = q(state, "seg-gold");
      box.textContent = "";
      box.hidden = true;
      render(state);
      state.history.reset();
    },
    focus: function (root) {
      states.get(root).timeline.focus();
    }
  };
})(window.annotrain = window.annotrain || {});
