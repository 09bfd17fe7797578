"""``spans``: mark entity spans in a passage (named-entity recognition).

Fields: ``text`` (the passage, required), ``labels`` (one or more entity types),
``overlap: true`` when spans may overlap (nested entities); by default they may not.

Offsets are **Unicode code points** of ``text`` (Python ``str`` indices; the browser
converts with ``Array.from``), end exclusive: a span ``{start: 0, end: 12}`` covers
code points 0 to 11. The learner's selections snap to tokens (words, CJK characters,
punctuation marks; see :mod:`annotrain.tokens`). Response and gold::

    {"spans": [{"start": 0, "end": 12, "label": "Person"}, ...]}

In gold YAML a span may also be written by its text, ``{text: Ada Lovelace, label:
Person}`` (the first place where that text begins and ends on token edges;
``occurrence: 2`` picks the second), resolved to offsets when the exercise is read.
A span with offsets may add ``text`` as a check.

A response is canonicalised: items that are not a mapping with whole-number
``start`` < ``end`` inside the passage and a known ``label`` are dropped, repeats
count once, and spans are ordered by start, end and label order.

**Definitions.** Two spans overlap when each starts before the other ends. With L
the learner's spans and G the gold spans, a learner span is an *exact match* when a
gold span has the same start, end and label (seqeval's strict, entity-level
matching). Each learner span l that overlaps some gold span has a *reference*: the
overlapping gold span with the same range if any, then with the same label, then
with the largest overlap (the earliest in gold order on a tie). Then l is

- *correct*: its reference has l's range and label (an exact match);
- a *boundary error*: same label as its reference, different range;
- a *label error*: same range as its reference, different label;
- a *label and boundary error*: differs from its reference in both;
- *spurious*: it overlaps no gold span.

A gold span is *missed* when no learner span matches it exactly or has it as
reference. With TP the number of exact matches:

- ``precision`` = TP / |L|; when L is empty, 1 if G is empty too, else 0.
- ``recall`` = TP / |G|; 1 when G is empty.
- ``f1`` = 2 TP / (|L| + |G|); 1 when both are empty.
- ``boundary_accuracy``: among learner spans whose reference has the same label
  (correct or boundary errors), the share that are correct.
- ``label_accuracy``: among learner spans that overlap a gold span (every kind but
  spurious), the share whose label is their reference's (correct or boundary errors).

When the "among" set of the last two is empty, the value is 1 if G is empty and 0
otherwise (no credit for marking nothing). So an empty answer to an empty gold
scores 1 on every measure, and any answer to a non-empty gold with no span at all
scores 0 on every measure.
"""

from __future__ import annotations

from typing import Any

from ...course.fields import Fields
from ...messages import fill
from ..base import TaskType
from ..shared.tokens import pieces, tokens
from ..shared.values import explicit_list
from .gold import order_key, quote, show
from .gold import read_gold as read_spans_gold

#: A boundary difference made only of these is called punctuation in notes.
PUNCTUATION = ".,;:!?\u2026'\"\u2018\u2019\u201c\u201d\u00ab\u00bb()[]{}-\u2013\u2014/\u3001\u3002\uff0c\uff1a\uff1b\uff01\uff1f\u300c\u300d"


def _item(task, span: dict, messages: dict) -> str:
    text = show(task.text[span["start"] : span["end"]])
    return fill(messages["note_spans_item"], text=text, label=span["label"])


def _size(a: dict, b: dict) -> int:
    """How many code points ``a`` and ``b`` share (0 or less: they do not overlap)."""
    return min(a["end"], b["end"]) - max(a["start"], b["start"])


def _reference(span: dict, gold: list[dict]) -> int | None:
    best, best_key = None, None
    for index, other in enumerate(gold):
        size = _size(span, other)
        if size <= 0:
            continue
        same = span["start"] == other["start"] and span["end"] == other["end"]
        key = (same, span["label"] == other["label"], size)
        if best is None or key > best_key:
            best, best_key = index, key
    return best


def _findings(task, response: dict) -> list[tuple[dict, int | None, str]]:
    """(learner span, index of its reference gold span or None, kind) per learner span."""
    gold = task.gold["spans"]
    result = []
    for span in response["spans"]:
        ref = _reference(span, gold)
        if ref is None:
            kind = "spurious"
        else:
            other = gold[ref]
            same = span["start"] == other["start"] and span["end"] == other["end"]
            if span["label"] == other["label"]:
                kind = "correct" if same else "boundary"
            else:
                kind = "label" if same else "both"
        result.append((span, ref, kind))
    return result


def _part(task, start: int, end: int, key: str, punct_key: str | None, messages: dict) -> str:
    raw = task.text[start:end]
    text = show(raw) or raw
    punct = punct_key and all(char in PUNCTUATION for char in text)
    return fill(messages[punct_key if punct else key], part=text)


def _boundary_details(task, span: dict, ref: dict, messages: dict) -> str:
    details = []
    if span["start"] < ref["start"]:
        details.append(
            _part(
                task,
                span["start"],
                ref["start"],
                "note_spans_extra_start",
                "note_spans_extra_start_punct",
                messages,
            )
        )
    elif span["start"] > ref["start"]:
        details.append(
            _part(task, ref["start"], span["start"], "note_spans_short_start", None, messages)
        )
    if span["end"] > ref["end"]:
        details.append(
            _part(
                task,
                ref["end"],
                span["end"],
                "note_spans_extra_end",
                "note_spans_extra_end_punct",
                messages,
            )
        )
    elif span["end"] < ref["end"]:
        details.append(_part(task, span["end"], ref["end"], "note_spans_short_end", None, messages))
    return "; ".join(details)


def _error_note(task, span: dict, ref: int | None, kind: str, messages: dict) -> str:
    item = _item(task, span, messages)
    if kind == "spurious":
        return fill(messages["note_spans_spurious"], span=item)
    gold = task.gold["spans"][ref]
    if kind == "label":
        text = quote(task.text, span["start"], span["end"])
        return fill(
            messages["note_spans_label"], text=text, label=span["label"], gold=gold["label"]
        )
    if kind == "boundary":
        return fill(
            messages["note_spans_boundary"],
            span=item,
            details=_boundary_details(task, span, gold, messages),
            gold=quote(task.text, gold["start"], gold["end"]),
        )
    return fill(messages["note_spans_both"], span=item, gold=_item(task, gold, messages))


def _learner_notes(task, found, messages: dict, kinds: tuple[str, ...]) -> list[str]:
    """Notes on the learner's spans whose kind is in ``kinds`` (correct ones first, together)."""
    if not found:
        return [messages["note_spans_none"]]
    correct = [_item(task, span, messages) for span, _, kind in found if kind == "correct"]
    notes = []
    if correct and "correct" in kinds:
        notes.append(fill(messages["note_spans_correct"], items=", ".join(correct)))
    for span, ref, kind in found:
        if kind != "correct" and kind in kinds:
            notes.append(_error_note(task, span, ref, kind, messages))
    return notes


def _gold_notes(task, found, messages: dict) -> list[str]:
    gold = task.gold["spans"]
    if not gold:
        return [messages["note_spans_gold_empty"]]
    exact = {ref for _, ref, kind in found if kind == "correct"}
    referenced = {ref for _, ref, kind in found if ref is not None}
    notes = [fill(messages["note_spans_found"], found=len(exact), total=len(gold))]
    inexact = []
    missed = len(gold) - len(referenced)
    for index, span in enumerate(gold):
        if index in exact:
            continue
        if index in referenced:
            inexact.append(_item(task, span, messages))
        else:
            notes.append(
                fill(messages["note_spans_missed"], span=_item(task, span, messages), count=missed)
            )
    if inexact:
        notes.append(
            fill(messages["note_spans_inexact"], items=", ".join(inexact), count=len(inexact))
        )
    return notes


def _share(part: int, whole: int, gold: list) -> float:
    if whole == 0:
        return 1.0 if not gold else 0.0
    return part / whole


ALL_KINDS = ("correct", "boundary", "label", "both", "spurious")


def precision(task, response, messages):
    found = _findings(task, response)
    exact = sum(1 for _, _, kind in found if kind == "correct")
    value = _share(exact, len(found), task.gold["spans"])
    return value, _learner_notes(task, found, messages, ALL_KINDS)


def recall(task, response, messages):
    found = _findings(task, response)
    exact = sum(1 for _, _, kind in found if kind == "correct")
    gold = task.gold["spans"]
    value = 1.0 if not gold else exact / len(gold)
    return value, _gold_notes(task, found, messages)


def f1(task, response, messages):
    found = _findings(task, response)
    exact = sum(1 for _, _, kind in found if kind == "correct")
    total = len(found) + len(task.gold["spans"])
    value = 1.0 if total == 0 else 2 * exact / total
    return value, _learner_notes(task, found, messages, ALL_KINDS) + _gold_notes(
        task, found, messages
    )


def _judged_notes(task, found, judged, errors, messages, all_right, nothing) -> list[str]:
    if not judged:
        if not task.gold["spans"]:
            return [messages["note_spans_gold_empty"]]
        return [messages["note_spans_none"] if not found else messages[nothing]]
    notes = _learner_notes(task, found, messages, errors)
    return notes or [messages[all_right]]


def boundary_accuracy(task, response, messages):
    found = _findings(task, response)
    judged = [kind for _, _, kind in found if kind in ("correct", "boundary")]
    value = _share(judged.count("correct"), len(judged), task.gold["spans"])
    notes = _judged_notes(
        task,
        found,
        judged,
        ("boundary",),
        messages,
        "note_spans_boundaries_right",
        "note_spans_no_same_label",
    )
    return value, notes


def label_accuracy(task, response, messages):
    found = _findings(task, response)
    judged = [kind for _, _, kind in found if kind != "spurious"]
    right = sum(1 for kind in judged if kind in ("correct", "boundary"))
    value = _share(right, len(judged), task.gold["spans"])
    notes = _judged_notes(
        task,
        found,
        judged,
        ("label", "both"),
        messages,
        "note_spans_labels_right",
        "note_spans_no_overlap",
    )
    return value, notes


# --- The type ---------------------------------------------------------------------


class SpansType(TaskType):
    """Mark entity spans in a passage."""

    name = "spans"
    widget_helpers = ("nothing.js", "history.js")
    owns_text = True
    fields = ("labels", "overlap")
    response_fields = ("spans",)
    gold_example = "{spans: [{text: Ada Lovelace, label: Person}]}"
    measures = {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "boundary_accuracy": boundary_accuracy,
        "label_accuracy": label_accuracy,
    }

    def read_options(self, fields: Fields, media) -> dict[str, Any]:
        text = fields.text("text")
        if text is None:
            raise fields.error(None, "a spans exercise needs 'text': the passage to mark")
        if not tokens(text):
            raise fields.error("text", "the passage has no words to mark")
        return {"labels": self.read_labels(fields, minimum=1), "overlap": fields.boolean("overlap")}

    def read_gold(self, task, gold: Fields) -> dict:
        return read_spans_gold(task, gold, self.gold_example)

    def normalize(self, task, response: Any) -> dict:
        raw = response.get("spans") if isinstance(response, dict) else None
        if not isinstance(raw, list):
            return {"spans": []}
        labels, size = task.options["labels"], len(task.text)
        spans, seen = [], set()
        for item in raw:
            if not isinstance(item, dict):
                continue
            start, end, label = (
                whole(item.get("start")),
                whole(item.get("end")),
                item.get("label"),
            )
            if start is None or end is None or not isinstance(label, str) or label not in labels:
                continue
            if not 0 <= start < end <= size or (start, end, label) in seen:
                continue
            seen.add((start, end, label))
            spans.append({"start": start, "end": end, "label": label})
        return {"spans": sorted(spans, key=order_key(labels))}

    def answered(self, task, canonical: dict, response: Any) -> bool:
        # The empty list is the deliberate "no entities in this text"; no list is a blank.
        return explicit_list(response, "spans", canonical["spans"])

    def pieces(self, text: str):
        """Tokens and whitespace for the template (see :func:`annotrain.tokens.pieces`)."""
        return pieces(text)

    def shortcuts(self, labels: list[str]) -> list[tuple[str | None, str | None]]:
        """(digit, letter) keys per label, for the label buttons and the passage.

        Digits 1 to 9 go to the first nine labels; a label's first letter (lower case)
        is its key too when no other label starts with the same letter.
        """
        firsts = [label[0].lower() for label in labels]
        keys = []
        for index, first in enumerate(firsts):
            digit = str(index + 1) if index < 9 else None
            unique = len(first) == 1 and first.isalpha() and firsts.count(first) == 1
            keys.append((digit, first if unique else None))
        return keys


def whole(value: Any) -> int | None:
    """A whole number (``3`` or ``3.0``), else None; true/false are not numbers."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None
