"""Inter-annotator agreement metrics, in plain Python (no numpy).

Checked against the reference libraries in ``tests/test_agreement.py``:

- :func:`cohen_kappa` for two raters, as scikit-learn's ``cohen_kappa_score``;
- :func:`fleiss_kappa` for a table of items x category counts with the same number
  of raters on every item, as statsmodels' ``fleiss_kappa``;
- :func:`krippendorff_alpha` (nominal) for any raters, missing answers allowed, as
  the ``krippendorff`` package's ``alpha(level_of_measurement="nominal")``;
- :func:`krippendorff_alpha_scaled` at the ordinal or interval level, as the same
  package with ``level_of_measurement="ordinal"`` or ``"interval"``.

A value that a formula cannot give (everyone chose the same label, so there is no
variation to agree on) is a :class:`Metric` with ``value=None`` and the reason, never
``nan`` and never a made-up number.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations


@dataclass(frozen=True)
class Metric:
    """A measured value, or ``value=None`` with the ``reason`` it is undefined."""

    value: float | None
    reason: str = ""

    @property
    def defined(self) -> bool:
        return self.value is not None

    def __str__(self) -> str:
        return f"{self.value:.3f}" if self.value is not None else f"undefined ({self.reason})"

    def to_json(self) -> dict:
        if self.value is None:
            return {"value": None, "undefined": self.reason}
        return {"value": self.value}


def undefined(reason: str) -> Metric:
    return Metric(None, reason)


# --- The metrics ----------------------------------------------------------------


def cohen_kappa(first: Sequence[Hashable], second: Sequence[Hashable]) -> Metric:
    """Cohen's kappa of two raters over the same items, in the same order.

    k = (p_o - p_e) / (1 - p_e), with p_o the share of items on which they agree and
    p_e = sum over labels of (share of rater 1 using it) x (share of rater 2 using it).
    Undefined when p_e = 1 (both raters used one and the same label throughout).
    Raises ValueError when the sequences differ in length.
    """
    if len(first) != len(second):
        raise ValueError("both raters must rate the same items")
    n = len(first)
    if n == 0:
        return undefined("no items rated by both")
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    one, two = Counter(first), Counter(second)
    expected = sum(one[label] * two[label] for label in one) / (n * n)
    if expected >= 1.0:
        label = next(iter(one))
        return undefined(f"both chose {label!r} every time, so chance agreement is already 1")
    return Metric((observed - expected) / (1.0 - expected))


def fleiss_kappa(table: Sequence[Sequence[int]]) -> Metric:
    """Fleiss' kappa of a table: one row per item, one column per category, counts.

    Every row must add up to the same number of raters n >= 2 (ValueError otherwise).
    P_i = (sum_j n_ij^2 - n) / (n (n - 1)), P = mean of P_i, p_j = share of all
    ratings in category j, P_e = sum_j p_j^2, k = (P - P_e) / (1 - P_e). Undefined
    when P_e = 1 (every rating in one category).
    """
    if not table:
        return undefined("no items")
    raters = {sum(row) for row in table}
    if len(raters) != 1:
        raise ValueError("Fleiss' kappa needs the same number of raters on every item")
    n = raters.pop()
    if n < 2:
        raise ValueError("Fleiss' kappa needs at least two raters per item")
    items = len(table)
    agreement = sum((sum(c * c for c in row) - n) / (n * (n - 1)) for row in table) / items
    totals = [sum(column) for column in zip(*table, strict=True)]
    expected = sum((total / (items * n)) ** 2 for total in totals)
    if expected >= 1.0:
        return undefined("every rating is in the same category")
    return Metric((agreement - expected) / (1.0 - expected))


def krippendorff_alpha(units: Iterable[Iterable[Hashable]]) -> Metric:
    """Krippendorff's alpha for nominal data.

    ``units`` holds, for each unit (task), the values given by the raters who rated
    it; missing ratings are simply absent. Units with fewer than two values cannot be
    paired and are left out. With n_uc the count of value c in unit u, m_u the values
    in u and n_c the pairable values c over all units (n in total)::

        alpha = 1 - (n - 1) * sum_u (m_u^2 - sum_c n_uc^2) / (m_u - 1)
                              / (n^2 - sum_c n_c^2)

    Undefined when no unit has two values or every pairable value is the same.
    """
    disagreement = 0.0
    totals: Counter = Counter()
    for unit in units:
        counts = Counter(unit)
        m = sum(counts.values())
        if m < 2:
            continue
        disagreement += (m * m - sum(c * c for c in counts.values())) / (m - 1)
        totals.update(counts)
    n = sum(totals.values())
    if n == 0:
        return undefined("no task has two or more answers")
    expected = n * n - sum(c * c for c in totals.values())
    if expected == 0:
        value = next(iter(totals))
        return undefined(f"every answer is {value!r}, so there is no variation to agree on")
    return Metric(1.0 - (n - 1) * disagreement / expected)


def pair_agreement(values: Sequence[Hashable]) -> float:
    """Share of rater pairs that gave the same value (needs two values or more)."""
    pairs = list(combinations(values, 2))
    return sum(a == b for a, b in pairs) / len(pairs)


def jaccard(first: frozenset, second: frozenset) -> float:
    """|A ∩ B| / |A ∪ B|; 1 when both are empty (both agree nothing applies)."""
    union = first | second
    return 1.0 if not union else len(first & second) / len(union)


def krippendorff_alpha_scaled(units: Iterable[Iterable[float]], level: str) -> Metric:
    """Krippendorff's alpha for ``"ordinal"`` or ``"interval"`` data (numbers).

    ``units`` as for :func:`krippendorff_alpha`. With n_c the number of pairable
    values c (over units with two values or more), n their total and delta the
    level's squared distance::

        D_o = sum_u sum_{i != j in u} delta(v_i, v_j) / (m_u - 1)
        D_e = sum_{c, k} n_c n_k delta(c, k) / (n - 1)
        alpha = 1 - D_o / D_e

    ``interval``: delta(c, k) = (c - k)^2. ``ordinal``: the values' order only
    counts: delta(c, k) = (sum of n_g for c <= g <= k - (n_c + n_k) / 2)^2.
    Undefined as :func:`krippendorff_alpha` is.
    """
    if level not in ("ordinal", "interval"):
        raise ValueError(f"unknown level of measurement {level!r}")
    kept = [list(unit) for unit in units]
    kept = [unit for unit in kept if len(unit) >= 2]
    totals: Counter = Counter(v for unit in kept for v in unit)
    n = sum(totals.values())
    if n == 0:
        return undefined("no task has two or more answers")
    if len(totals) == 1:
        value = next(iter(totals))
        return undefined(f"every answer is {value!r}, so there is no variation to agree on")
    values = sorted(totals)
    if level == "interval":
        # d * d, not d ** 2: a huge answer (1e308) then gives inf instead of an error.
        delta = {(c, k): float(c - k) * float(c - k) for c in values for k in values}
    else:
        delta = {}
        for i, c in enumerate(values):
            running = 0.0
            for k in values[i:]:
                running += totals[k]
                d = (running - (totals[c] + totals[k]) / 2) ** 2
                delta[(c, k)] = delta[(k, c)] = d
    observed = 0.0
    for unit in kept:
        within = sum(delta[(a, b)] for a, b in combinations(unit, 2)) * 2
        observed += within / (len(unit) - 1)
    expected = sum(totals[c] * totals[k] * delta[(c, k)] for c in values for k in values)
    expected /= n - 1
    if not (math.isfinite(observed) and math.isfinite(expected)):
        return undefined("the answers are too large to compare")
    return Metric(1.0 - observed / expected)


def mean(values: Iterable[float]) -> float | None:
    """The arithmetic mean, or None for no values."""
    values = list(values)
    return sum(values) / len(values) if values else None
