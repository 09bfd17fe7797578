"""The shared grading vectors through the Python grader (grader.js runs the same files).

A case with ``"hide_gold": true`` is graded as a wrong check made before the answer
is shown: its notes name no gold value.
"""

from __future__ import annotations

import json

import pytest

from .conftest import VECTORS, python_grade

CASES = [
    pytest.param(case, id=f"{path.stem}: {case['name']}")
    for path in sorted(VECTORS.glob("*.json"))
    for case in json.loads(path.read_text(encoding="utf-8"))["cases"]
]


def test_vectors_exist():
    assert len(CASES) >= 20
    hidden = {case.values[0]["task"]["type"] for case in CASES if case.values[0].get("hide_gold")}
    assert len(hidden) >= 11  # every type whose notes can name gold


@pytest.mark.parametrize("case", CASES)
def test_vector(case, messages):
    result = python_grade(case["task"], case["response"], messages, case.get("hide_gold", False))
    expected = case["expected"]
    assert result["id"] == expected["id"]
    assert result["type"] == expected["type"]
    assert result["score"] == pytest.approx(expected["score"], abs=1e-9)
    assert result["passed"] is expected["passed"]
    assert list(result["criteria"]) == list(expected["criteria"])
    for cid, want in expected["criteria"].items():
        got = result["criteria"][cid]
        assert got["level"] == want["level"], cid
        if want["value"] is None:  # a blank: nothing was measured
            assert got["value"] is None, cid
        else:
            assert got["value"] == pytest.approx(want["value"], abs=1e-9), cid
        assert got["descriptor"] == want["descriptor"], cid
        assert got["notes"] == want["notes"], cid
