/* annotrain grader for "relations" task types: mirrors tasktypes/relations/kind.py
 * line for line. Entity spans (the spans type's normalisation and measures, from
 * tasktypes/spans/grader.js, loaded first) and labelled, directed relations between
 * them: relation precision, recall and F1 over a largest one-to-one pairing of
 * learner and gold relations whose ends match (strict: same span; lenient:
 * overlapping spans) and whose labels agree. The relations widget uses findings(). */
(function (root, factory) {
  if (typeof module === "object" && module.exports) {
    module.exports = factory(require("../../browser/grader.js"), require("../spans/grader.js"));
  } else factory(root.annotrain.grader, null);
})(this, function (grader, required) {
  "use strict";

  // The spans type's grader: required in Node; in a page, registered by its own file,
  // looked up when first used (whichever of the two files a page loads first).
  function spans() {
    return required || grader.types.spans;
  }

  var get = grader.get;
  var fill = grader.fill;
  var message = grader.message;
  var SPACES = /[ \t\n\r\f\v\u00a0\u2028\u2029\u3000]+/g;

  function whole(value) {
    return typeof value === "number" && isFinite(value) && Math.floor(value) === value ? value : null;
  }

  function same(a, b) {
    return a.start === b.start && a.end === b.end && a.label === b.label;
  }

  function overlap(a, b) {
    return a.start < b.end && b.start < a.end;
  }

  function fits(task, response, mine, gold, swap) {
    var ends = task.match === "lenient" ? overlap : same;
    var golds = task.gold.spans;
    var first = swap ? gold.to : gold.from, second = swap ? gold.from : gold.to;
    return ends(response.spans[mine.from], golds[first]) && ends(response.spans[mine.to], golds[second]);
  }

  function relationOrder(names) {
    return function (a, b) {
      return a.from - b.from || a.to - b.to || names.indexOf(a.label) - names.indexOf(b.label);
    };
  }

  /** Per learner relation, the index of the gold relation it is paired with, or null:
   * a largest pairing by augmenting paths (learner relations in order, gold tried in order). */
  function matching(task, response) {
    var mine = response.relations, gold = task.gold.relations;
    var options = mine.map(function (rel) {
      var list = [];
      gold.forEach(function (other, j) {
        if (other.label === rel.label && fits(task, response, rel, other, false)) list.push(j);
      });
      return list;
    });
    var owner = gold.map(function () { return null; });
    function augment(i, seen) {
      for (var k = 0; k < options[i].length; k++) {
        var j = options[i][k];
        if (seen[j]) continue;
        seen[j] = true;
        if (owner[j] === null || augment(owner[j], seen)) {
          owner[j] = i;
          return true;
        }
      }
      return false;
    }
    mine.forEach(function (rel, i) { augment(i, {}); });
    var paired = mine.map(function () { return null; });
    owner.forEach(function (i, j) { if (i !== null) paired[i] = j; });
    return paired;
  }

  /** [{rel, ref (gold index or null), kind}] per learner relation of a canonical response. */
  function findings(task, response) {
    var gold = task.gold.relations;
    var paired = matching(task, response);
    return response.relations.map(function (rel, i) {
      if (paired[i] !== null) return { rel: rel, ref: paired[i], kind: "correct" };
      var kind = "spurious", ref = null, j;
      for (j = 0; j < gold.length; j++) {
        if (gold[j].label === rel.label && fits(task, response, rel, gold[j], true)) { kind = "reversed"; ref = j; break; }
      }
      if (ref === null) {
        for (j = 0; j < gold.length; j++) {
          if (fits(task, response, rel, gold[j], false)) { kind = "label"; ref = j; break; }
        }
      }
      return { rel: rel, ref: ref, kind: kind };
    });
  }

  function text(task, span) {
    return Array.from(task.text).slice(span.start, span.end).join("").replace(SPACES, " ").replace(/^ | $/g, "");
  }

  function link(task, list, rel, messages) {
    return fill(message(messages, "note_relations_item"), {
      label: rel.label, source: text(task, list[rel.from]), target: text(task, list[rel.to])
    });
  }

  function learnerNotes(task, response, found, messages) {
    if (!found.length) return [message(messages, "note_relations_none")];
    var list = response.spans;
    var correct = found.filter(function (f) { return f.kind === "correct"; })
      .map(function (f) { return link(task, list, f.rel, messages); });
    var notes = correct.length ? [fill(message(messages, "note_relations_correct"), { items: correct.join("; ") })] : [];
    found.forEach(function (f) {
      if (f.kind === "correct") return;
      var named = link(task, list, f.rel, messages);
      if (f.kind === "reversed") {
        notes.push(fill(message(messages, "note_relations_reversed"), {
          label: f.rel.label, source: text(task, list[f.rel.from]), target: text(task, list[f.rel.to])
        }));
      } else if (f.kind === "label") {
        notes.push(fill(message(messages, "note_relations_label"), { link: named, gold: task.gold.relations[f.ref].label }));
      } else notes.push(fill(message(messages, "note_relations_spurious"), { link: named }));
    });
    return notes;
  }

  function goldNotes(task, found, messages) {
    var gold = task.gold.relations;
    if (!gold.length) return [message(messages, "note_relations_gold_empty")];
    var paired = {}, count = 0;
    found.forEach(function (f) { if (f.kind === "correct") { paired[f.ref] = true; count++; } });
    var notes = [fill(message(messages, "note_relations_found"), { found: count, total: gold.length })];
    var missed = gold.length - count;
    gold.forEach(function (rel, index) {
      if (!paired[index]) notes.push(fill(message(messages, "note_relations_missed"), { link: link(task, task.gold.spans, rel, messages), count: missed }));
    });
    return notes;
  }

  function count(found) {
    return found.filter(function (f) { return f.kind === "correct"; }).length;
  }

  var relations = {
    normalize: function (task, response) {
      var list = spans().normalize(task, response).spans;
      var rawSpans = get(response, "spans"), raw = get(response, "relations");
      if (!Array.isArray(rawSpans) || !Array.isArray(raw)) return { spans: list, relations: [] };
      var index = {};
      list.forEach(function (s, i) { index[s.start + " " + s.end + " " + s.label] = i; });
      var where = rawSpans.map(function (entry) {
        var one = spans().normalize(task, { spans: [entry] }).spans;
        return one.length ? index[one[0].start + " " + one[0].end + " " + one[0].label] : null;
      });
      var names = task.relation_labels, result = [], seen = {};
      raw.forEach(function (entry) {
        if (!grader.isObject(entry)) return;
        var first = whole(get(entry, "from")), second = whole(get(entry, "to")), label = get(entry, "label");
        if (typeof label !== "string" || names.indexOf(label) === -1) return;
        if (first === null || second === null) return;
        if (!(0 <= first && first < where.length && 0 <= second && second < where.length)) return;
        first = where[first];
        second = where[second];
        if (first === null || second === null || first === second) return;
        var key = first + " " + second + " " + names.indexOf(label);
        if (seen[key]) return;
        seen[key] = true;
        result.push({ from: first, to: second, label: label });
      });
      return { spans: list, relations: result.sort(relationOrder(names)) };
    },
    // As for spans: the empty list of spans is "no entities here"; no list is a blank.
    answered: function (task, canonical, response) { return grader.explicitList(response, "spans", canonical.spans); },
    findings: findings,
    measures: {
      relation_f1: function (task, response, messages) {
        var found = findings(task, response);
        var total = found.length + task.gold.relations.length;
        var value = total === 0 ? 1 : 2 * count(found) / total;
        return [value, learnerNotes(task, response, found, messages).concat(goldNotes(task, found, messages))];
      },
      relation_precision: function (task, response, messages) {
        var found = findings(task, response);
        var value = !found.length ? (!task.gold.relations.length ? 1 : 0) : count(found) / found.length;
        return [value, learnerNotes(task, response, found, messages)];
      },
      relation_recall: function (task, response, messages) {
        var found = findings(task, response);
        var gold = task.gold.relations;
        var value = !gold.length ? 1 : count(found) / gold.length;
        return [value, goldNotes(task, found, messages)];
      },
      span_f1: function (task, response, messages) { return spans().measures.f1(task, response, messages); },
      span_precision: function (task, response, messages) { return spans().measures.precision(task, response, messages); },
      span_recall: function (task, response, messages) { return spans().measures.recall(task, response, messages); }
    }
  };

  return grader.register("relations", relations);
});
