"""One-to-one matching: optimal against scipy's linear_sum_assignment, and the
browser's matching.js picks exactly the same pairs (ties included)."""

from __future__ import annotations

import random

import numpy as np
import pytest
from scipy.optimize import linear_sum_assignment

from annotrain.tasktypes.shared.matching import match

from .node import evaluate


def random_similarities(seed: int, count: int) -> list[list[list[float]]]:
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        rows, cols = rng.randint(0, 7), rng.randint(0, 7)
        # Many zeros and repeated values: ties and unmatched objects are the hard part.
        cases.append(
            [
                [rng.choice([0.0, 0.5, round(rng.random(), 3)]) for _ in range(cols)]
                for _ in range(rows)
            ]
        )
    return cases


@pytest.mark.parametrize("similarity", random_similarities(7, 200))
def test_total_similarity_is_optimal(similarity):
    pairs = match(similarity)
    assert len({r for _, r in pairs}) == len(pairs) == len({g for g, _ in pairs})
    assert all(similarity[g][r] > 0 for g, r in pairs)
    total = sum(similarity[g][r] for g, r in pairs)
    if similarity and similarity[0]:
        rows, cols = linear_sum_assignment(np.array(similarity), maximize=True)
        assert total == pytest.approx(
            sum(similarity[g][r] for g, r in zip(rows, cols, strict=True))
        )
    else:
        assert pairs == []


def test_pairs_below_the_minimum_stay_unmatched():
    assert match([[0.9, 0.2], [0.3, 0.1]], minimum=0.25) == [(0, 0)]
    assert match([[0.0, 0.0]]) == []


def test_ties_break_the_same_way_every_time():
    assert match([[1.0, 1.0], [1.0, 1.0]]) == match([[1.0, 1.0], [1.0, 1.0]])


def test_javascript_matching_picks_the_same_pairs():
    cases = random_similarities(11, 300)
    browser = evaluate(
        "input.map((c) => modules[0].match(c))", cases, "tasktypes/shared/matching.js"
    )
    assert browser == [[list(p) for p in match(c)] for c in cases]
