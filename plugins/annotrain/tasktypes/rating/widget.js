/* annotrain widget "rating": one group of native radio buttons per criterion
 * (tasktypes/rating/template.html). Reads and writes {"ratings": {criterion
 * id: level value}}, leaving out criteria without a choice. After a check it marks,
 * in each criterion, the gold level and the learner's level with an icon and words
 * (read with the radio through aria-describedby), never by colour alone. Grading
 * itself is grader.js's job. */
(function (annotrain) {
  "use strict";

  function sets(root) {
    return Array.prototype.slice.call(root.querySelectorAll(".annotrain-rate-criterion"));
  }

  function radios(set) {
    return Array.prototype.slice.call(set.querySelectorAll("input[type=radio]"));
  }

  function levels(set) {
    return Array.prototype.slice.call(set.querySelectorAll(".annotrain-rate-level"));
  }

  // kind -> icon and catalog key of the words shown in the level's mark.
  var MARKS = {
    match: { icon: "\u2713", key: "rating_mark_match" },
    gold: { icon: "\u2713", key: "rating_mark_gold" },
    close: { icon: "\u2248", key: "rating_mark_close" },
    wrong: { icon: "\u2717", key: "rating_mark_yours" }
  };

  function mark(level, kind, messages) {
    var spec = MARKS[kind];
    level.setAttribute("data-annotrain-mark", kind);
    annotrain.dom.mark(level.querySelector(".annotrain-mark"), spec.icon, annotrain.grader.message(messages, spec.key));
  }

  function rated(response, id) {
    var ratings = response && response.ratings;
    if (!ratings || typeof ratings !== "object" || !Object.prototype.hasOwnProperty.call(ratings, id)) return null;
    return typeof ratings[id] === "number" ? ratings[id] : null;
  }

  function clear(root) {
    sets(root).forEach(function (set) {
      radios(set).forEach(function (input) { input.checked = false; });
      set.removeAttribute("data-annotrain-unrated");
      set.querySelector(".annotrain-rate-status").textContent = "";
      levels(set).forEach(function (level) {
        level.removeAttribute("data-annotrain-mark");
        level.querySelector(".annotrain-mark").textContent = "";
      });
    });
  }

  annotrain.widgets = annotrain.widgets || {};
  annotrain.widgets.rating = {
    getResponse: function (root) {
      var ratings = {};
      sets(root).forEach(function (set) {
        var chosen = radios(set).filter(function (input) { return input.checked; })[0];
        if (chosen) ratings[set.getAttribute("data-annotrain-criterion")] = Number(chosen.value);
      });
      return { ratings: ratings };
    },
    setResponse: function (root, response) {
      sets(root).forEach(function (set) {
        var value = rated(response, set.getAttribute("data-annotrain-criterion"));
        radios(set).forEach(function (input) { input.checked = value !== null && Number(input.value) === value; });
      });
    },
    lock: function (root, locked) {
      sets(root).forEach(function (set) { set.disabled = locked; });
    },
    showResult: function (root, task, grade, response, messages) {
      if (!task.gold) return;
      var canonical = annotrain.grader.normalize(task, response);
      var levelValues = task.scale.levels.map(function (level) { return level.value; });
      sets(root).forEach(function (set) {
        var id = set.getAttribute("data-annotrain-criterion");
        var gold = task.gold.ratings[id];
        var given = Object.prototype.hasOwnProperty.call(canonical.ratings, id) ? canonical.ratings[id] : null;
        var steps = given === null ? null : Math.abs(levelValues.indexOf(given) - levelValues.indexOf(gold));
        levels(set).forEach(function (level) {
          var value = Number(level.getAttribute("data-annotrain-value"));
          if (value === gold) mark(level, given === gold ? "match" : "gold", messages);
          else if (value === given) mark(level, steps <= task.tolerance ? "close" : "wrong", messages);
        });
        if (given === null) {
          set.setAttribute("data-annotrain-unrated", "");
          set.querySelector(".annotrain-rate-status").textContent =
            annotrain.grader.message(messages, "rating_not_rated");
        }
      });
    },
    clear: clear,
    focus: function (root) {
      var first = root.querySelector(".annotrain-rate-criterion input[type=radio]");
      if (first) first.focus();
    }
  };
})(window.annotrain = window.annotrain || {});
