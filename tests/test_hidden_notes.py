"""A wrong check made before the answer is shown names no gold value (``hide_gold``).

For many random responses to every task of the shared vectors, the grade with
``hide_gold`` has the plain grade's score, levels and values; and when it does not
pass, none of its notes names what only the gold holds: a label or response id the
response does not use, the position of a gold box, segment or corner, a gold rating
or number, or text quoted from the gold (span or transcript words the response
does not contain). Labels and ids are renamed to distinctive strings first, so that
a label "A" is not mistaken for the "A" of "An object".
"""

from __future__ import annotations

import copy
import json
import random
import re

import pytest

from annotrain.course.tasks import task_from_json
from annotrain.grading.task import grade
from annotrain.messages import NOGOLD, fill, hidden
from annotrain.tasktypes import TASK_TYPES
from annotrain.tasktypes.bbox.kind import where
from annotrain.tasktypes.numeric.kind import _with_unit
from annotrain.tasktypes.segments.kind import seconds
from annotrain.tasktypes.spans.gold import show
from annotrain.tasktypes.transcript.kind import normalized, words

from .conftest import VECTORS
from .responses import KEYS, random_response

TASKS = {
    case["task"]["id"]: case["task"]
    for path in sorted(VECTORS.glob("*.json"))
    for case in json.loads(path.read_text(encoding="utf-8"))["cases"]
}
ROUNDS = 60
#: Types whose answers are labels or response ids; keypoint labels name the landmarks
#: to place, which the learner is told.
LABELLED = ("choice", "multi", "pairwise", "rank", "spans", "bbox", "polygon", "segments")
QUOTED = re.compile("\u201c(.*?)\u201d")


def canary(value):
    """A label or id renamed so that finding it in a note cannot be a coincidence."""
    return f"\u27ea{value}\u27eb" if isinstance(value, str) else value


def _rename_answer(answer, key: str, names: set[str]):
    if not isinstance(answer, dict) or key not in answer:
        return answer
    value = answer[key]
    if isinstance(value, str) and value in names:
        answer[key] = canary(value)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, str) and item in names:
                value[index] = canary(item)
            elif isinstance(item, dict) and item.get("label") in names:
                item["label"] = canary(item["label"])
    return answer


def renamed(task: dict, response):
    """``task`` and ``response`` with every label (or response id) renamed by :func:`canary`.

    Keypoint labels name the landmarks to place, which the learner is told: they stay.
    """
    task, response = copy.deepcopy(task), copy.deepcopy(response)
    kind = task["type"]
    if kind in ("rank", "pairwise"):
        names = {item["id"] for item in task["responses"]}
        for item in task["responses"]:
            item["id"] = canary(item["id"])
    elif "labels" in task and kind != "keypoints":
        names = set(task["labels"])
        task["labels"] = [canary(label) for label in task["labels"]]
    else:
        return task, response
    key = KEYS[kind]
    _rename_answer(task["gold"], key, names)
    return task, _rename_answer(response, key, names)


def _labels(answer: dict, key: str) -> set[str]:
    """The labels (or ids) an answer uses."""
    value = answer.get(key)
    if isinstance(value, str):
        return {value}
    if not isinstance(value, list):  # a rating's mapping, a number, a text
        return set()
    items = value
    return {item if isinstance(item, str) else item.get("label") for item in items}


def _at(segment: dict) -> str:
    """A segment's place as notes give it: "at 1–3 s"."""
    return f"at {seconds(segment['start'], 1)}\u2013{seconds(segment['end'], 1)} s"


def forbidden(task, canonical: dict, messages: dict) -> list[str]:
    """Texts that name gold the response does not hold: none may be in a hidden note."""
    kind, gold = task.type, task.gold
    key = KEYS[kind]
    texts = []
    if kind in LABELLED:
        texts += sorted(_labels(gold, key) - _labels(canonical, key) - {"tie", None})
    if kind == "bbox":
        mine = {where(box, messages) for box in canonical["boxes"]}
        texts += [where(box, messages) for box in gold["boxes"] if where(box, messages) not in mine]
    elif kind == "polygon":
        texts += [f"({x:g}, {y:g})" for polygon in gold["polygons"] for x, y in polygon["points"]]
    elif kind == "segments":
        mine = {_at(segment) for segment in canonical["segments"]}
        texts += [_at(segment) for segment in gold["segments"] if _at(segment) not in mine]
    elif kind == "rating":
        levels = {level["value"]: level["name"] for level in task.options["scale"]["levels"]}
        given = {
            fill(messages["rating_level"], value=v, name=levels[v])
            for v in canonical["ratings"].values()
        }
        texts += sorted(
            {
                fill(messages["rating_level"], value=v, name=levels[v])
                for v in gold["ratings"].values()
            }
            - given
        )
    elif kind == "numeric" and canonical["value"] is not None:
        value, target = canonical["value"], gold["value"]
        named = _with_unit(task, target, messages)
        # How far off the number is may be said, and so may the response's own value:
        # with a response of 0, the distance is the gold's size.
        allowed = {
            _with_unit(task, value, messages),
            _with_unit(task, abs(value - target), messages),
        }
        if named not in allowed:
            texts.append(f"{named} ")  # a whole number, not the start of a longer one
    return texts


def quoted_from_elsewhere(task, canonical: dict, notes: list[str]) -> list[str]:
    """Quoted texts of spans and transcript notes that the response does not contain."""
    quoted = [text for note in notes for text in QUOTED.findall(note)]
    if task.type == "spans":
        raw = [task.text[s["start"] : s["end"]] for s in canonical["spans"]]
        mine = raw + [show(text) for text in raw]  # notes tidy a span's spaces
        return [text for text in quoted if not any(text in span for span in mine)]
    if task.type == "transcript":
        typed = set(words(normalized(canonical["text"] or "", task.options["normalize"])))
        fragments = [text.removesuffix(" \u2026") for text in quoted]
        return [text for text in fragments if not set(text.split()) <= typed]
    return []


@pytest.mark.parametrize("task_id", sorted(TASKS))
def test_a_hidden_note_names_no_gold(task_id, messages):
    rng = random.Random(task_id)
    wrong = 0
    for _ in range(ROUNDS):
        task_json, response = renamed(TASKS[task_id], random_response(rng, TASKS[task_id]))
        task = task_from_json(task_json)
        shown = grade(task, response, messages)
        secret = grade(task, response, messages, hide_gold=True)
        assert secret["score"] == shown["score"] and secret["passed"] == shown["passed"]
        for cid, criterion in shown["criteria"].items():
            assert secret["criteria"][cid] | {"notes": None} == criterion | {"notes": None}
        if secret["passed"]:
            continue
        wrong += 1
        canonical = task.kind.normalize(task, response)
        notes = [note for c in secret["criteria"].values() for note in c["notes"]]
        text = "\n".join(notes) + "\n"
        leaks = [name for name in forbidden(task, canonical, messages) if name in text]
        assert leaks == [], (response, notes)
        assert quoted_from_elsewhere(task, canonical, notes) == [], (response, notes)
        if task.type == "rank":  # every id is in the order: none but the first may be named
            others = {item["id"] for item in task.options["responses"]}
            first = (canonical["order"] or [None])[0]
            assert [i for i in others - {first} if i in text] == [], notes
    assert wrong, "no wrong response was drawn"


def test_hidden_variants_replace_their_notes_only(messages):
    secret = hidden(messages)
    variants = [key for key in messages if key.endswith(NOGOLD)]
    assert len(variants) > 20
    for key in variants:
        base = key[: -len(NOGOLD)]
        assert base in messages, f"{key} hides no message"
        assert secret[base] == messages[key]
    assert secret["note_choice_right"] == messages["note_choice_right"]


def test_a_hidden_note_said_twice_is_said_once(messages):
    boxes = next(t for t in TASKS.values() if t["type"] == "bbox" and len(t["gold"]["boxes"]) > 1)
    task = task_from_json(boxes)
    far = {"label": boxes["labels"][0], "x": 0, "y": 0, "w": 1, "h": 1}
    shown = grade(task, {"boxes": [far]}, messages)["criteria"]
    secret = grade(task, {"boxes": [far]}, messages, hide_gold=True)["criteria"]
    missed = [c for c in shown.values() if len(c["notes"]) == len(boxes["gold"]["boxes"])]
    assert missed, "one note per missed object when the gold may be named"
    for cid, criterion in secret.items():
        assert len(criterion["notes"]) == len(set(criterion["notes"])), cid
    count = len(boxes["gold"]["boxes"])
    assert any(f"Objects missed: {count}." in c["notes"] for c in secret.values())


def test_every_type_has_tasks_here():
    assert {task["type"] for task in TASKS.values()} == set(TASK_TYPES)
