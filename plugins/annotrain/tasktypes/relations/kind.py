"""``relations``: mark entity spans in a passage, then link them with labelled, directed relations.

The spans are the ``spans`` type's (same fields, offsets, tokens, normalisation and
measures: this type subclasses :class:`~annotrain.tasktypes.spans.kind.SpansType`).
Fields besides the spans type's ``text``, ``labels`` and ``overlap``:
``relation_labels`` (one or more relation names, such as ``works_for``) and
``match`` (``strict``, the default, or ``lenient``: how a relation's ends must match).

Response and gold: the spans, and the relations as indices into that list::

    {"spans": [{"start": 0, "end": 11, "label": "Person"}, ...],
     "relations": [{"from": 0, "to": 1, "label": "works_for"}, ...]}

In gold YAML a span may carry an ``id`` and a relation name its ends by id (or by
the span's place in the gold list, counting from 1)::

    spans: [{id: amina, text: Amina Yusuf, label: Person}, ...]
    relations: [{from: amina, to: brightwater, label: works_for}]

A response is canonicalised: its spans as the spans type does (invalid items dropped,
repeats merged, ordered), and each relation kept only when it is a mapping whose
``from`` and ``to`` are whole-number indices of readable spans of the response's
``spans`` list (as sent), naming two different spans, with a known ``label``; the
indices are moved to the canonical span order, repeats count once, and relations
are ordered by from, to and label order.

**Definitions.** A learner span and a gold span *match* under ``match: strict`` when
they have the same start, end and entity label, and under ``match: lenient`` when
they overlap (each starts before the other ends; labels not compared). A learner
relation *fits* a gold relation when its from span matches the gold relation's
from span, its to span matches the gold to span, and the relation labels are equal.
The *matched* relations are a largest one-to-one pairing of learner and gold
relations that fit (found by augmenting paths, learner relations in order, gold
relations tried in order), M its size. With R the learner's relations and G the
gold relations:

- ``relation_precision`` = M / |R|; when R is empty, 1 if G is empty too, else 0.
- ``relation_recall`` = M / |G|; 1 when G is empty.
- ``relation_f1`` = 2 M / (|R| + |G|); 1 when both are empty.
- ``span_precision``, ``span_recall``, ``span_f1``: the spans type's ``precision``,
  ``recall`` and ``f1`` on the spans (exact match, whatever ``match`` says).

An unmatched learner relation is *reversed* when it would fit a gold relation with
its ends swapped, a *label error* when a gold relation has both ends matching in
the same direction but another label, else *spurious*; an unmatched gold relation
is *missed*. Notes say which.
"""

from __future__ import annotations

from typing import Any

from ...course.fields import Fields, describe, suggest
from ...errors import AuthoringError
from ...messages import fill
from ..shared.values import explicit_list
from ..spans import kind as spans_kind
from ..spans.gold import order_key, read_items, show
from ..spans.kind import SpansType, whole

MATCHES = ("strict", "lenient")
RELATION_FIELDS = ("from", "to", "label")


def _same(a: dict, b: dict) -> bool:
    return a["start"] == b["start"] and a["end"] == b["end"] and a["label"] == b["label"]


def _overlap(a: dict, b: dict) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def _ends(task):
    return _overlap if task.options["match"] == "lenient" else _same


def _fits(task, response: dict, mine: dict, gold: dict, swap: bool = False) -> bool:
    """Whether the ends of learner relation ``mine`` match those of ``gold`` (swapped: reversed)."""
    ends, spans, golds = _ends(task), response["spans"], task.gold["spans"]
    first, second = (gold["to"], gold["from"]) if swap else (gold["from"], gold["to"])
    return ends(spans[mine["from"]], golds[first]) and ends(spans[mine["to"]], golds[second])


def matching(task, response: dict) -> list[int | None]:
    """Per learner relation, the index of the gold relation it is paired with, or None.

    A largest pairing of relations that fit (same label, both ends matching), by
    augmenting paths: learner relations in order, gold relations tried in order.
    """
    mine, gold = response["relations"], task.gold["relations"]
    fits = [
        [
            j
            for j, other in enumerate(gold)
            if other["label"] == rel["label"] and _fits(task, response, rel, other)
        ]
        for rel in mine
    ]
    owner: list[int | None] = [None] * len(gold)

    def augment(i: int, seen: set[int]) -> bool:
        for j in fits[i]:
            if j in seen:
                continue
            seen.add(j)
            if owner[j] is None or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(mine)):
        augment(i, set())
    paired: list[int | None] = [None] * len(mine)
    for j, i in enumerate(owner):
        if i is not None:
            paired[i] = j
    return paired


def findings(task, response: dict) -> list[tuple[dict, int | None, str]]:
    """(learner relation, gold index or None, kind) per learner relation.

    Kinds: correct (paired), reversed, label (a gold relation with these ends has
    another label; the index is that relation's), spurious.
    """
    gold = task.gold["relations"]
    result = []
    for rel, paired in zip(response["relations"], matching(task, response), strict=True):
        if paired is not None:
            result.append((rel, paired, "correct"))
            continue
        kind, ref = "spurious", None
        for j, other in enumerate(gold):
            if other["label"] == rel["label"] and _fits(task, response, rel, other, swap=True):
                kind, ref = "reversed", j
                break
        if ref is None:
            for j, other in enumerate(gold):
                if _fits(task, response, rel, other):
                    kind, ref = "label", j
                    break
        result.append((rel, ref, kind))
    return result


def _text(task, span: dict) -> str:
    return show(task.text[span["start"] : span["end"]])


def _link(task, spans: list[dict], rel: dict, messages: dict) -> str:
    return fill(
        messages["note_relations_item"],
        label=rel["label"],
        source=_text(task, spans[rel["from"]]),
        target=_text(task, spans[rel["to"]]),
    )


def _learner_notes(task, response, found, messages: dict) -> list[str]:
    if not found:
        return [messages["note_relations_none"]]
    spans = response["spans"]
    correct = [_link(task, spans, rel, messages) for rel, _, kind in found if kind == "correct"]
    notes = [fill(messages["note_relations_correct"], items="; ".join(correct))] if correct else []
    for rel, ref, kind in found:
        if kind == "correct":
            continue
        link = _link(task, spans, rel, messages)
        if kind == "reversed":
            notes.append(
                fill(
                    messages["note_relations_reversed"],
                    label=rel["label"],
                    source=_text(task, spans[rel["from"]]),
                    target=_text(task, spans[rel["to"]]),
                )
            )
        elif kind == "label":
            gold = task.gold["relations"][ref]["label"]
            notes.append(fill(messages["note_relations_label"], link=link, gold=gold))
        else:
            notes.append(fill(messages["note_relations_spurious"], link=link))
    return notes


def _gold_notes(task, found, messages: dict) -> list[str]:
    gold = task.gold["relations"]
    if not gold:
        return [messages["note_relations_gold_empty"]]
    paired = {ref for _, ref, kind in found if kind == "correct"}
    notes = [fill(messages["note_relations_found"], found=len(paired), total=len(gold))]
    missed = len(gold) - len(paired)
    for index, rel in enumerate(gold):
        if index not in paired:
            link = _link(task, task.gold["spans"], rel, messages)
            notes.append(fill(messages["note_relations_missed"], link=link, count=missed))
    return notes


def _count(found) -> int:
    return sum(1 for _, _, kind in found if kind == "correct")


def relation_precision(task, response, messages):
    found = findings(task, response)
    gold = task.gold["relations"]
    if not found:
        value = 1.0 if not gold else 0.0
    else:
        value = _count(found) / len(found)
    return value, _learner_notes(task, response, found, messages)


def relation_recall(task, response, messages):
    found = findings(task, response)
    gold = task.gold["relations"]
    value = 1.0 if not gold else _count(found) / len(gold)
    return value, _gold_notes(task, found, messages)


def relation_f1(task, response, messages):
    found = findings(task, response)
    total = len(found) + len(task.gold["relations"])
    value = 1.0 if total == 0 else 2 * _count(found) / total
    notes = _learner_notes(task, response, found, messages) + _gold_notes(task, found, messages)
    return value, notes


# --- The type ---------------------------------------------------------------------


class RelationsType(SpansType):
    """Mark entity spans, then link them with labelled, directed relations."""

    name = "relations"
    #: The spans type's browser files load first: this type's widget and grader build on them.
    builds_on = ("spans",)
    fields = (*SpansType.fields, "relation_labels", "match")
    response_fields = ("spans", "relations")
    gold_example = (
        "{spans: [{id: ada, text: Ada Lovelace, label: Person}, {id: london, text: London, "
        "label: Location}], relations: [{from: ada, to: london, label: lives_in}]}"
    )
    measures = {
        "relation_f1": relation_f1,
        "relation_precision": relation_precision,
        "relation_recall": relation_recall,
        "span_f1": spans_kind.f1,
        "span_precision": spans_kind.precision,
        "span_recall": spans_kind.recall,
    }

    def read_options(self, fields: Fields, media) -> dict[str, Any]:
        if fields.text("text") is None:
            raise fields.error(None, "a relations exercise needs 'text': the passage to mark")
        options = super().read_options(fields, media)
        relation_labels = fields.text_list("relation_labels", required=True)
        if not relation_labels:
            raise fields.error(
                "relation_labels", "a relations exercise needs at least one relation label"
            )
        match = fields.text("match", default="strict")
        if match not in MATCHES:
            raise fields.error(
                "match",
                f"'match' must be strict or lenient, got {describe(fields.raw('match'))}"
                f"{suggest(str(match), MATCHES)}",
            )
        return {**options, "relation_labels": relation_labels, "match": match}

    def read_gold(self, task, gold: Fields) -> dict:
        labels = task.options["labels"]
        items = read_items(task, gold, self.gold_example, extra=("id",))
        ordered = sorted(range(len(items)), key=lambda i: order_key(labels)(items[i][0]))
        place = {author: canonical for canonical, author in enumerate(ordered)}
        ids: dict[str, int] = {}
        for index, (_, _, span) in enumerate(items):
            if not span.has("id"):
                continue
            name = span.raw("id")
            if isinstance(name, bool) or not isinstance(name, (str, int)):
                raise span.error(
                    "id", f"a span 'id' must be a name such as amina, got {describe(name)}"
                )
            name = str(name)
            if name in ids:
                raise span.error(
                    "id", f"span id {name!r} is already used by gold span {ids[name] + 1}"
                )
            ids[name] = index
        relations = self._read_relations(task, gold, items, ids, place)
        return {
            "spans": [items[i][0] for i in ordered],
            "relations": relations,
        }

    def _read_relations(self, task, gold: Fields, items, ids: dict, place: dict) -> list[dict]:
        if not gold.has("relations"):
            raise gold.error(
                None,
                "gold is missing 'relations' (a list, possibly empty: relations: []), such as "
                + self.gold_example,
            )
        raw = gold.raw("relations")
        if not isinstance(raw, list):
            raise gold.error("relations", f"'relations' must be a list, got {describe(raw)}")
        names = task.options["relation_labels"]
        found: dict[tuple, int] = {}
        relations = []
        for index, item in enumerate(raw):
            line = raw.line_of(index) if hasattr(raw, "line_of") else gold.line_of("relations")
            rel = Fields(item, gold.path, f"gold relation {index + 1}", RELATION_FIELDS, line)
            label = rel.text("label", required=True)
            if label not in names:
                raise rel.error(
                    "label",
                    f"relation label {label!r} is not among the exercise's relation_labels"
                    f"{suggest(label, names)}; relation_labels: {', '.join(names)}",
                )
            ends = [self._end(rel, key, items, ids) for key in ("from", "to")]
            if ends[0] == ends[1]:
                raise rel.error(
                    "to", "a relation links two different spans; 'from' and 'to' name the same span"
                )
            key = (place[ends[0]], place[ends[1]], label)
            if key in found:
                raise AuthoringError(
                    f"gold relation {index + 1} repeats gold relation {found[key]}", gold.path, line
                )
            found[key] = index + 1
            relations.append({"from": key[0], "to": key[1], "label": label})
        return sorted(relations, key=_relation_key(names))

    @staticmethod
    def _end(rel: Fields, key: str, items, ids: dict) -> int:
        """The author's index of the gold span named by ``from`` or ``to``."""
        value = rel.require(key)
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise rel.error(
                key, f"{key!r} must be a span id or a span number, got {describe(value)}"
            )
        if str(value) in ids:
            return ids[str(value)]
        if isinstance(value, int):
            if 1 <= value <= len(items):
                return value - 1
            raise rel.error(
                key,
                f"{key!r} is {value}, but there are {len(items)} gold spans (numbers count from 1)",
            )
        known = f"; span ids: {', '.join(ids)}" if ids else "; no gold span has an 'id'"
        raise rel.error(key, f"no gold span has the id {value!r}{suggest(value, ids)}{known}")

    def normalize(self, task, response: Any) -> dict:
        spans = super().normalize(task, response)["spans"]
        raw_spans = response.get("spans") if isinstance(response, dict) else None
        raw = response.get("relations") if isinstance(response, dict) else None
        if not isinstance(raw_spans, list) or not isinstance(raw, list):
            return {"spans": spans, "relations": []}
        index = {(s["start"], s["end"], s["label"]): i for i, s in enumerate(spans)}
        where = []
        for item in raw_spans:
            one = super().normalize(task, {"spans": [item]})["spans"]
            where.append(index[(one[0]["start"], one[0]["end"], one[0]["label"])] if one else None)
        names = task.options["relation_labels"]
        relations, seen = [], set()
        for item in raw:
            if not isinstance(item, dict):
                continue
            first, second, label = (
                whole(item.get("from")),
                whole(item.get("to")),
                item.get("label"),
            )
            if not isinstance(label, str) or label not in names:
                continue
            if first is None or second is None:
                continue
            if not (0 <= first < len(where) and 0 <= second < len(where)):
                continue
            first, second = where[first], where[second]
            if first is None or second is None or first == second:
                continue
            if (first, second, label) in seen:
                continue
            seen.add((first, second, label))
            relations.append({"from": first, "to": second, "label": label})
        return {"spans": spans, "relations": sorted(relations, key=_relation_key(names))}

    def answered(self, task, canonical: dict, response: Any) -> bool:
        # As for spans: the empty list of spans is "no entities here"; no list is a blank.
        return explicit_list(response, "spans", canonical["spans"])


def _relation_key(names: list[str]):
    return lambda rel: (rel["from"], rel["to"], names.index(rel["label"]))
