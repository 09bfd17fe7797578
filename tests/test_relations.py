"""The relations task type: authoring errors at file:line, gold by span id or number,
and relation precision, recall and F1 against independent computations: plain sets of
(from span, to span, label) for strict ends, and the largest pairing found by trying
every assignment for lenient ones. Agreement between raters by hand."""

from __future__ import annotations

import itertools
import json
import random

import pytest

from annotrain.agreement import TaskRatings, analyse
from annotrain.course.tasks import task_from_json
from annotrain.tasktypes.relations.agreement import read
from annotrain.tasktypes.relations.kind import (
    relation_f1,
    relation_precision,
    relation_recall,
)

from .conftest import VECTORS
from .lessons import convert, error_of
from .responses import relations as random_relations

# Lesson line = body line + 3 (the block's fence and the page's first line).
GOOD = """\
type: relations
id: r1
prompt: Mark and link.
text: Amina Yusuf joined Brightwater Ltd. in Kano.
labels: [Person, Organization, Location]
relation_labels: [works_for, located_in]
gold:
  spans:
    - {id: amina, text: Amina Yusuf, label: Person}
    - {id: bw, text: Brightwater Ltd., label: Organization}
    - {id: kano, text: Kano, label: Location}
  relations:
    - {from: bw, to: kano, label: located_in}
    - {from: amina, to: bw, label: works_for}
"""


def test_gold_by_id_and_by_number_compiles_to_indices_in_span_order():
    task = convert(GOOD).tasks[0]
    assert task.gold["relations"] == [
        {"from": 0, "to": 1, "label": "works_for"},
        {"from": 1, "to": 2, "label": "located_in"},
    ]
    numbered = GOOD.replace("{from: bw, to: kano", "{from: 2, to: 3")
    assert convert(numbered).tasks[0].gold == task.gold
    assert task.options["match"] == "strict"
    assert task.rubric.id == "default-relations"


@pytest.mark.parametrize(
    "old, new, line, fragment",
    [
        ("to: kano,", "to: kanoo,", 16, "no gold span has the id 'kanoo' (did you mean 'kano'?)"),
        ("to: kano,", "to: 4,", 16, "'to' is 4, but there are 3 gold spans"),
        ("to: kano,", "to: [kano],", 16, "'to' must be a span id or a span number"),
        ("to: kano,", "to: bw,", 16, "'from' and 'to' name the same span"),
        ("label: located_in}", "label: based_in}", 16, "relation label 'based_in' is not among"),
        ("{id: kano,", "{id: bw,", 14, "span id 'bw' is already used by gold span 2"),
        ("{id: kano,", "{ident: kano,", 14, "unknown field 'ident'"),
        ("{from: amina, to: bw, label: works_for}", "{from: 1, to: bw, label: works_for}\n"
         "    - {from: amina, to: bw, label: works_for}", 18, "gold relation 3 repeats gold relation 2"),
        ("relation_labels: [works_for, located_in]", "relation_labels: []", 9, "at least one"),
        ("relation_labels: [works_for, located_in]\n", "relation_labels: [works_for, "
         "located_in]\nmatch: loose\n", 10, "'match' must be strict or lenient"),
    ],
)  # fmt: skip
def test_error_names_file_and_line(old, new, line, fragment):
    assert old in GOOD
    error = error_of(GOOD.replace(old, new))
    assert str(error).startswith(f"lesson.md:{line}: "), str(error)
    assert fragment in str(error), str(error)


def test_relations_missing_or_not_a_list():
    cut = GOOD[: GOOD.index("  relations:")]
    assert "gold is missing 'relations'" in str(error_of(cut))
    error = error_of(cut + "  relations: works_for\n")
    assert error.line == 15 and "'relations' must be a list" in str(error)
    assert convert(cut + "  relations: []\n").tasks[0].gold["relations"] == []


def test_without_text_or_relation_labels():
    assert "needs 'text'" in str(error_of(GOOD.replace("text: Amina", "title: Amina")))
    error = error_of(GOOD.replace("relation_labels: [works_for, located_in]\n", ""))
    assert "relation_labels" in str(error)


# --- relation measures against independent computations ------------------------------

TASKS = [
    case["task"]
    for case in json.loads((VECTORS / "relations.json").read_text(encoding="utf-8"))["cases"]
]
TASKS = list({task["id"]: task for task in TASKS}.values())


def ends(spans, rel):
    return tuple(spans[rel["from"]].values()), tuple(spans[rel["to"]].values())


def strict_sets(task, canonical):
    """(from span, to span, label) as tuples of (start, end, label): plain sets."""
    mine = {(*ends(canonical["spans"], r), r["label"]) for r in canonical["relations"]}
    gold = {(*ends(task.gold["spans"], r), r["label"]) for r in task.gold["relations"]}
    return mine, gold


def overlap(a, b):
    return a["start"] < b["end"] and b["start"] < a["end"]


def largest_pairing(task, canonical) -> int:
    """Every way to give gold relations to learner links, the largest count of fits."""
    mine, gold = canonical["relations"], task.gold["relations"]
    spans, golds = canonical["spans"], task.gold["spans"]

    def fits(r, g):
        return (
            r["label"] == g["label"]
            and overlap(spans[r["from"]], golds[g["from"]])
            and overlap(spans[r["to"]], golds[g["to"]])
        )

    best = 0
    slots = list(range(len(gold))) + [None] * len(mine)
    for choice in itertools.permutations(slots, len(mine)):
        best = max(
            best,
            sum(1 for r, j in zip(mine, choice, strict=True) if j is not None and fits(r, gold[j])),
        )
    return best


def scores(found, total_mine, total_gold):
    precision = found / total_mine if total_mine else (1.0 if not total_gold else 0.0)
    recall = found / total_gold if total_gold else 1.0
    f1 = 1.0 if total_mine + total_gold == 0 else 2 * found / (total_mine + total_gold)
    return precision, recall, f1


@pytest.mark.parametrize("task_id", [t["id"] for t in TASKS])
def test_strict_relation_scores_are_set_scores(task_id, messages):
    data = next(t for t in TASKS if t["id"] == task_id)
    rng = random.Random(task_id)
    checked = 0
    for _ in range(150):
        task = task_from_json(dict(data, match="strict"))
        canonical = task.kind.normalize(task, random_relations(rng, data))
        mine, gold = strict_sets(task, canonical)
        assert len(mine) == len(canonical["relations"])  # a link is its ends and label
        want = scores(len(mine & gold), len(mine), len(gold))
        got = tuple(
            measure(task, canonical, messages)[0]
            for measure in (relation_precision, relation_recall, relation_f1)
        )
        assert got == pytest.approx(want), canonical
        checked += bool(mine & gold) and mine != gold
    if data["gold"]["relations"]:
        assert checked > 10, "some responses are partly right"


@pytest.mark.parametrize("task_id", [t["id"] for t in TASKS])
def test_lenient_relation_scores_use_the_largest_pairing(task_id, messages):
    data = next(t for t in TASKS if t["id"] == task_id)
    rng = random.Random("lenient " + task_id)
    for _ in range(100):
        task = task_from_json(dict(data, match="lenient"))
        response = random_relations(rng, data)
        for span in response["spans"]:  # stretch some spans: overlaps, not exact ends
            if isinstance(span, dict) and isinstance(span.get("end"), int) and rng.random() < 0.4:
                span["end"] += rng.randint(0, 6)
        canonical = task.kind.normalize(task, response)
        if len(canonical["relations"]) > 6:
            continue  # keep the permutations few
        found = largest_pairing(task, canonical)
        want = scores(found, len(canonical["relations"]), len(task.gold["relations"]))
        got = tuple(
            measure(task, canonical, messages)[0]
            for measure in (relation_precision, relation_recall, relation_f1)
        )
        assert got == pytest.approx(want), canonical


# --- agreement ----------------------------------------------------------------------


def test_agreement_reads_links_by_span_and_scores_relation_f1_by_hand():
    amina, bw, kano = (
        {"start": 0, "end": 11, "label": "Person"},
        {"start": 19, "end": 35, "label": "Organization"},
        {"start": 39, "end": 43, "label": "Location"},
    )
    ana = {
        "spans": [amina, bw, kano],
        "relations": [
            {"from": 0, "to": 1, "label": "works_for"},
            {"from": 1, "to": 2, "label": "located_in"},
        ],
    }
    # Ben lists the spans in another order and reverses works_for; a link to a
    # missing index and one from a span to itself are not read.
    ben = {
        "spans": [kano, bw, amina],
        "relations": [
            {"from": 1, "to": 2, "label": "works_for"},
            {"from": 1, "to": 0, "label": "located_in"},
            {"from": 1, "to": 7, "label": "located_in"},
            {"from": 2, "to": 2, "label": "works_for"},
        ],
    }
    assert read(ben)[1] == {
        ((19, 35, "Organization"), (0, 11, "Person"), "works_for"),
        ((19, 35, "Organization"), (39, 43, "Location"), "located_in"),
    }
    assert read({"relations": []}) is None
    answers = {"ana": read(ana), "ben": read(ben)}
    report = analyse([TaskRatings("r", "relations", None, answers, {}, None)])
    row = report.tasks[0]
    assert row.measures["mean_pairwise_relation_f1"] == pytest.approx(2 * 1 / 4)
    summary = report.types["relations"]
    assert summary["mean_span_f1"] == 1.0
    labels = {d["label"]: d for d in summary["labels"]}
    assert labels["located_in"]["f1"] == 1.0 and labels["works_for"]["f1"] == 0.0
