/* annotrain grader for "rating" task types: mirrors tasktypes/rating/kind.py line for
 * line. Ratings per criterion on a scale; distances in steps along the level list,
 * an unrated criterion counting as the whole scale. Registers itself with grader.js
 * (loaded first), after numbers.js. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) {
    module.exports = factory(require("../../browser/grader.js"), require("../shared/numbers.js"));
  } else factory(root.annotrain.grader, root.annotrain.grader.numbers);
})(this, function (grader, numbers) {
  "use strict";

  var get = grader.get;
  var isObject = grader.isObject;
  var fill = grader.fill;
  var message = grader.message;
  var formatList = grader.formatList;
  var has = Object.prototype.hasOwnProperty;
  var MEAN_DIGITS = 3;

  function span(task) {
    return task.scale.levels.length - 1;
  }

  function index(task, value) {
    var levels = task.scale.levels;
    for (var i = 0; i < levels.length; i++) if (levels[i].value === value) return i;
    return -1;
  }

  function levelText(task, value, messages) {
    var name = task.scale.levels[index(task, value)].name;
    return fill(message(messages, "rating_level"), { value: value, name: name });
  }

  function steps(count, messages) {
    if (count === 1) return message(messages, "rating_one_step");
    return fill(message(messages, "rating_steps"), { count: count });
  }

  // Per criterion in scale order: steps from gold, or null when unrated.
  function distances(task, response) {
    return task.scale.criteria.map(function (criterion) {
      var id = criterion.id;
      if (!has.call(response.ratings, id)) return null;
      var given = index(task, response.ratings[id]);
      return Math.abs(given - index(task, task.gold.ratings[id]));
    });
  }

  function criterionNotes(task, response, messages) {
    var tolerance = task.tolerance;
    var found = distances(task, response);
    return task.scale.criteria.map(function (criterion, i) {
      var id = criterion.id;
      var distance = found[i];
      var gold = levelText(task, task.gold.ratings[id], messages);
      if (distance === null) {
        return fill(message(messages, "note_rating_unrated"), { criterion: criterion.name, gold: gold });
      }
      var params = {
        criterion: criterion.name,
        given: levelText(task, response.ratings[id], messages),
        gold: gold,
        steps: steps(distance, messages)
      };
      var key;
      if (distance === 0) key = "note_rating_exact";
      else if (distance <= tolerance) key = "note_rating_within";
      else key = "note_rating_off";
      return fill(message(messages, key), params);
    });
  }

  function unratedNotes(task, found, messages) {
    var names = task.scale.criteria
      .filter(function (criterion, i) { return found[i] === null; })
      .map(function (criterion) { return criterion.name; });
    if (!names.length) return [];
    return [fill(message(messages, "note_rating_unrated_count"), {
      items: formatList(names), steps: steps(span(task), messages)
    })];
  }

  function filled(task, found) {
    var whole = span(task);
    return found.map(function (distance) { return distance === null ? whole : distance; });
  }

  var rating = {
    normalize: function (task, response) {
      var raw = get(response, "ratings");
      if (!isObject(raw)) return { ratings: {} };
      var values = task.scale.levels.map(function (level) { return level.value; });
      var ratings = {};
      task.scale.criteria.forEach(function (criterion) {
        var id = criterion.id;
        var value = get(raw, id);
        if (typeof value !== "number") return;
        for (var i = 0; i < values.length; i++) {
          if (value === values[i]) { ratings[id] = values[i]; break; }
        }
      });
      return { ratings: ratings };
    },
    answered: function (task, canonical) { return Object.keys(canonical.ratings).length > 0; },
    // What an unanswered response lacks (a catalog key).
    missing: function () { return "no_rating"; },
    measures: {
      within_tolerance: function (task, response, messages) {
        var tolerance = task.tolerance;
        var found = distances(task, response);
        var agreeing = found.filter(function (d) { return d !== null && d <= tolerance; });
        return [agreeing.length / found.length, criterionNotes(task, response, messages)];
      },
      exact: function (task, response, messages) {
        var found = distances(task, response);
        var same = found.filter(function (d) { return d === 0; });
        var note = fill(message(messages, "note_rating_exact_count"), { count: same.length, total: found.length });
        return [same.length / found.length, [note].concat(unratedNotes(task, found, messages))];
      },
      mean_abs_distance: function (task, response, messages) {
        var found = distances(task, response);
        var all = filled(task, found);
        var total = 0;
        for (var i = 0; i < all.length; i++) total += all[i];
        var mean = total / all.length;
        if (mean === 0) return [mean, [message(messages, "note_rating_all_exact")]];
        var note = fill(message(messages, "note_rating_mean"), { mean: numbers.format(mean, MEAN_DIGITS) });
        return [mean, [note].concat(unratedNotes(task, found, messages))];
      },
      max_distance: function (task, response, messages) {
        var found = distances(task, response);
        var all = filled(task, found);
        var largest = Math.max.apply(null, all);
        if (largest === 0) return [0, [message(messages, "note_rating_all_exact")]];
        var names = task.scale.criteria
          .filter(function (criterion, i) { return all[i] === largest; })
          .map(function (criterion) { return criterion.name; });
        var note = fill(message(messages, "note_rating_largest"), {
          steps: steps(largest, messages), items: formatList(names)
        });
        return [largest, [note].concat(unratedNotes(task, found, messages))];
      }
    }
  };

  return grader.register("rating", rating);
});
