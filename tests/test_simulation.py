"""Work simulations: the running-accuracy rule (shared vectors, which simulation-core.js
also runs)."""

from __future__ import annotations

import json

import pytest

from annotrain.course.tasks import task_from_json
from annotrain.grading.simulation import Rule, replay, running_accuracy

from .conftest import VECTORS

CASES = [
    pytest.param(case, id=f"{path.stem}: {case['name']}")
    for path in sorted((VECTORS / "simulation").glob("*.json"))
    for case in json.loads(path.read_text(encoding="utf-8"))["cases"]
]


def test_vectors_exist():
    assert len(CASES) >= 8
    assert {case.values[0]["expected"]["stopped"] for case in CASES} == {True, False}


@pytest.mark.parametrize("case", CASES)
def test_vector(case, messages):
    gold = {tid: task_from_json(data) for tid, data in case["gold"].items()}
    rule = Rule(**case["rule"])
    assert replay(case["tasks"], gold, case["responses"], rule, messages) == case["expected"]


def test_work_items_do_not_move_the_window():
    """The same gold answers with and without work items between them: the same decision."""
    rule = Rule(window=3, min_correct=2, min_gold=3)
    plain = running_accuracy([("a", True), ("b", False), ("c", False)], rule)
    mixed = running_accuracy(
        [("w1", None), ("a", True), ("w2", None), ("b", False), ("w3", None), ("c", False)], rule
    )
    assert plain["stop"]["missed"] == mixed["stop"]["missed"] == ["b", "c"]
    assert (plain["stop"]["index"], mixed["stop"]["index"]) == (2, 5)
    assert plain["stop"]["gold_index"] == mixed["stop"]["gold_index"] == 2
