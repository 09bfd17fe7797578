"""Reading typed numbers and writing numbers in notes: numbers.py against the shared
vectors (tests/js/numbers.test.js runs numbers.js on the same file), plus what JSON
cannot carry (NaN, infinities) and round trips on random doubles."""

from __future__ import annotations

import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotrain.tasktypes.shared.numbers import MAX_DIGITS, format_number, parse_number

from .conftest import VECTORS
from .node import evaluate

DATA = json.loads((VECTORS / "numbers" / "numbers.json").read_text(encoding="utf-8"))


def call(case):
    options = {}
    if case["digits"] is not None:
        options["digits"] = case["digits"]
    if case["shift"] is not None:
        options["shift"] = case["shift"]
    return format_number(case["value"], **options)


@pytest.mark.parametrize("case", DATA["format"], ids=lambda c: c["why"])
def test_format(case):
    assert call(case) == case["expected"]


@pytest.mark.parametrize("case", DATA["parse"], ids=lambda c: repr(c["text"])[:30])
def test_parse(case):
    assert parse_number(case["text"], case["unit"]) == case["expected"]


@pytest.mark.parametrize(
    "value, text",
    [(float("nan"), "NaN"), (float("inf"), "Infinity"), (float("-inf"), "-Infinity")],
)
def test_format_of_what_json_cannot_carry(value, text):
    assert format_number(value) == text


@settings(max_examples=300, deadline=None)
@given(value=st.floats(allow_nan=False, allow_infinity=False))
def test_seventeen_digits_read_back_as_the_same_double(value):
    text = format_number(value, 17)
    assert float(text) == value
    if "e" not in text and sum(ch.isdigit() for ch in text) <= MAX_DIGITS:
        assert parse_number(text) == value


def test_javascript_agrees_on_random_doubles():
    """numbers.js writes exactly what numbers.py writes, digit for digit."""
    rng = random.Random(7)
    values = [rng.uniform(-1, 1) * 10 ** rng.randint(-12, 25) for _ in range(400)]
    values += [rng.randint(0, 10**6) / rng.choice([2, 3, 7, 8, 1000]) for _ in range(200)]
    cases = [[v, rng.randint(1, 17), rng.choice([0, 0, 2, -2])] for v in values]
    browser = evaluate(
        "input.map((c) => modules[0].numbers.format(c[0], c[1], c[2]))",
        cases,
        "browser/grader.js",
        "tasktypes/shared/numbers.js",
    )
    assert browser == [format_number(v, d, s) for v, d, s in cases]
