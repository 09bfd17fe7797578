"""Item analysis of a cohort's re-graded attempts at one quiz. Pure: no I/O.

What ``annotrain report`` shows, computed from the scores ``annotrain grade``
recomputes (never the browser's). For each task, over the candidates whose draw
gave it them:

- *facility*: the mean task score over max score, in % (Moodle's facility index;
  a task score is already a fraction of its maximum, 0 to 1), and the share of
  those candidates who passed the task;
- *discrimination*: the Pearson correlation between the task score and the rest
  of the test, as Moodle's discrimination index ``r(x_p, X_p - x_p)``. The draw
  gives candidates different tasks, so the rest is the weighted mean score of the
  candidate's *other* drawn tasks (with every candidate given the same number of
  equally weighted tasks, this is Moodle's sum up to a constant factor, which a
  correlation ignores). Moodle shows it times 100; here it is in -1 to 1. It is
  None (undefined) with fewer than two candidates or when either score does not
  vary;
- the most common wrong answer: a response's key is its task type's normalised
  reading (the same one the grader measures), as compact JSON; a blank is not an
  answer and is counted apart; *wrong* is any answer short of full marks;
- contests: how many of the candidates contested the task (one attempt counts once)
  and their reasons, each with who gave it, and the same reasons counted.

A task is flagged when its discrimination is negative, or below
:data:`LOW_DISCRIMINATION` (including undefined: nothing tells the strong from the
weak), when its facility is under :data:`HARD` or over :data:`EASY` %, or when
:data:`MANY_CONTESTS` of its candidates contested it. The discrimination and
facility flags wait for :data:`MIN_CANDIDATES` candidates: with fewer, every item
looks broken.

For each criterion: the cohort's mean of the candidates' criterion values (a
candidate's value is the mean level share, level / top level, over their tasks
graded on it), weakest first. For each candidate: score, verdict, sections and
criteria, as graded.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .task import EPSILON

#: Below this item-rest correlation a task hardly tells strong candidates from weak.
LOW_DISCRIMINATION = 0.2
#: Facility (%) under which a task is flagged as too hard, and over which too easy.
HARD = 20.0
EASY = 95.0
#: Share of a task's candidates contesting it that flags it, when at least two did.
MANY_CONTESTS = 0.1
MIN_CONTESTS = 2
#: Candidates a task needs before its facility and discrimination are flagged.
MIN_CANDIDATES = 5
#: Bins of the score histogram (equal widths over 0 to 100 %).
BINS = 10


@dataclass
class Graded:
    """One re-graded attempt as the analysis reads it.

    ``tasks``: task id -> score (0 to 1) for the drawn tasks; ``task_passed``
    likewise; ``answers``: task id -> response key (see :func:`response_key`),
    None for a blank; ``contests``: ``{"task", "reason"}`` objects, as in the
    attempt file.
    """

    file: str
    candidate: str
    score: float
    passed: bool
    tasks: dict[str, float]
    task_passed: dict[str, bool] = field(default_factory=dict)
    answers: dict[str, str | None] = field(default_factory=dict)
    sections: list[dict] = field(default_factory=list)
    criteria: dict[str, float] = field(default_factory=dict)
    contests: list[dict] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    critical_failures: int = 0
    held_back: list[str] = field(default_factory=list)
    stopped_at: str | None = None  # a work simulation's stop point, as `grade` replays it


@dataclass
class Item:
    """A task of the quiz: its id, what to call it, its type, section and weight."""

    id: str
    label: str
    type: str
    section: str = ""
    weight: float = 1.0


@dataclass
class CriterionInfo:
    """A criterion of the quiz's rubrics: its name and the lesson that teaches it."""

    id: str
    name: str
    lesson: str | None = None  # a URL or page path; None when the rubric names none


def response_key(normalized: Any) -> str:
    """A response's key: its normalised reading as compact, sorted JSON.

    A reading of one field (``{"choice": "No"}``) is keyed by that field's value.
    """
    if isinstance(normalized, dict) and len(normalized) == 1:
        normalized = next(iter(normalized.values()))
    if isinstance(normalized, str):
        return normalized
    return json.dumps(normalized, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def pearson(xs: list[float], ys: list[float]) -> float | None:
    """Pearson's correlation of two equally long lists; None when undefined."""
    n = len(xs)
    if n < 2:
        return None
    mx, my = math.fsum(xs) / n, math.fsum(ys) / n
    dx = [x - mx for x in xs]
    dy = [y - my for y in ys]
    sxx = math.fsum(d * d for d in dx)
    syy = math.fsum(d * d for d in dy)
    if sxx <= 1e-12 or syy <= 1e-12:
        return None
    r = math.fsum(a * b for a, b in zip(dx, dy, strict=True)) / math.sqrt(sxx * syy)
    return max(-1.0, min(1.0, r))


def rest_score(candidate: Graded, task_id: str, weights: Mapping[str, float]) -> float | None:
    """The weighted mean score of the candidate's drawn tasks other than ``task_id``."""
    total = weight = 0.0
    for other, score in candidate.tasks.items():
        if other != task_id:
            w = weights.get(other, 1.0)
            total += w * score
            weight += w
    return total / weight if weight else None


def analyse(
    graded: Iterable[Graded],
    items: Mapping[str, Item],
    criteria: Mapping[str, CriterionInfo],
) -> dict:
    """The item analysis of ``graded`` (attempts at one quiz) as JSON-ready data.

    ``items`` gives the quiz's tasks in the quiz's order; a task no attempt drew
    still gets a row (``candidates`` 0). Keys: ``summary``, ``tasks``,
    ``criteria`` (weakest first), ``sections``, ``candidates`` and ``histogram``.
    """
    graded = list(graded)
    weights = {tid: item.weight for tid, item in items.items()}
    tasks = [_task_row(tid, item, graded, weights) for tid, item in items.items()]
    scores = [c.score for c in graded]
    summary = {
        "candidates": len(graded),
        "passed": sum(1 for c in graded if c.passed),
        "pass_rate": _mean([1.0 if c.passed else 0.0 for c in graded]),
        "mean_score": _mean(scores),
        "median_score": _median(scores),
        "flagged_tasks": sum(1 for t in tasks if t["flags"]),
        "contests": sum(len(c.contests) for c in graded),
        "stopped": sum(1 for c in graded if c.stopped_at),
    }
    return {
        "summary": summary,
        "tasks": tasks,
        "criteria": _criteria_rows(graded, criteria),
        "sections": _section_rows(graded),
        "candidates": [_candidate_row(c) for c in graded],
        "histogram": histogram(scores),
    }


def _task_row(task_id: str, item: Item, graded: list[Graded], weights) -> dict:
    given = [c for c in graded if task_id in c.tasks]
    scores = [c.tasks[task_id] for c in given]
    pairs = [(c.tasks[task_id], rest_score(c, task_id, weights)) for c in given]
    pairs = [(x, rest) for x, rest in pairs if rest is not None]
    discrimination = pearson([x for x, _ in pairs], [rest for _, rest in pairs])
    facility = None if not given else 100 * math.fsum(scores) / len(given)
    passed = None if not given else sum(1 for c in given if c.task_passed.get(task_id)) / len(given)
    wrong: Counter[str] = Counter()
    blanks = 0
    for c in given:
        key = c.answers.get(task_id)
        if key is None:
            blanks += 1
        elif c.tasks[task_id] < 1 - EPSILON:
            wrong[key] += 1
    common = None
    if wrong:
        key, count = min(wrong.items(), key=lambda kv: (-kv[1], kv[0]))
        common = {"answer": key, "count": count, "share": count / len(given)}
    reasons = []
    contesting = set()
    for c in given:
        for contest in c.contests:
            if contest.get("task") == task_id:
                contesting.add(id(c))
                reasons.append({"candidate": c.candidate, "reason": contest.get("reason", "")})
    contested = None if not given else len(contesting) / len(given)
    row = {
        "task": task_id,
        "label": item.label,
        "type": item.type,
        "section": item.section,
        "weight": item.weight,
        "candidates": len(given),
        "facility": facility,
        "passed": passed,
        "discrimination": discrimination,
        "blanks": blanks,
        "wrong": sum(wrong.values()),
        "common_wrong": common,
        "contested": contested,
        "contests": len(contesting),
        "reasons": reasons,
        "reason_counts": [
            {"reason": reason, "count": count}
            for reason, count in sorted(
                Counter(r["reason"] for r in reasons).items(), key=lambda kv: (-kv[1], kv[0])
            )
        ],
    }
    row["flags"] = task_flags(row)
    return row


def task_flags(row: dict) -> list[str]:
    """Why a task row looks broken (see the module): short phrases, none when it looks fine."""
    flags = []
    if row["candidates"] >= MIN_CANDIDATES:
        d = row["discrimination"]
        if d is None:
            flags.append("discrimination undefined (every candidate scored alike)")
        elif d < 0:
            flags.append("negative discrimination")
        elif d < LOW_DISCRIMINATION:
            flags.append("low discrimination")
        if row["facility"] < HARD:
            flags.append("very hard")
        elif row["facility"] > EASY:
            flags.append("very easy")
    if row["contests"] >= MIN_CONTESTS and (row["contested"] or 0) >= MANY_CONTESTS:
        flags.append("many contests")
    return flags


def _criteria_rows(graded: list[Graded], criteria: Mapping[str, CriterionInfo]) -> list[dict]:
    rows = []
    for cid, info in criteria.items():
        values = [c.criteria[cid] for c in graded if cid in c.criteria]
        if not values:
            continue
        rows.append(
            {
                "criterion": cid,
                "name": info.name,
                "lesson": info.lesson,
                "candidates": len(values),
                "mean": _mean(values),
                "lowest": min(values),
            }
        )
    return sorted(rows, key=lambda r: (r["mean"], r["criterion"]))


def _section_rows(graded: list[Graded]) -> list[dict]:
    """Per section title, in first-seen order: mean score, and for a gate the share that met it."""
    seen: dict[str, list[dict]] = {}
    for c in graded:
        for index, s in enumerate(c.sections):
            seen.setdefault(s["title"] or f"#{index + 1}", []).append(s)
    rows = []
    for title, results in seen.items():
        gated = [s for s in results if s.get("min_score") is not None]
        rows.append(
            {
                "section": title,
                "candidates": len(results),
                "mean": _mean([s["score"] for s in results]),
                "min_score": gated[0]["min_score"] if gated else None,
                "met": _mean([1.0 if s["met"] else 0.0 for s in gated]) if gated else None,
            }
        )
    return rows


def _candidate_row(c: Graded) -> dict:
    return {
        "file": c.file,
        "candidate": c.candidate,
        "score": c.score,
        "passed": c.passed,
        "critical_failures": c.critical_failures,
        "held_back": list(c.held_back),
        "stopped_at": c.stopped_at,
        "sections": [
            {
                "section": s["title"] or f"#{index + 1}",
                "score": s["score"],
                "met": s.get("met"),
            }
            for index, s in enumerate(c.sections)
        ],
        "criteria": dict(c.criteria),
        "contests": len(c.contests),
        "flags": list(c.flags),
    }


def histogram(scores: list[float], bins: int = BINS) -> list[int]:
    """How many scores fall in each of ``bins`` equal bins of 0 to 1 (1 itself in the last)."""
    counts = [0] * bins
    for score in scores:
        counts[min(bins - 1, max(0, math.floor(score * bins + EPSILON)))] += 1
    return counts


def _mean(values: list[float]) -> float | None:
    return math.fsum(values) / len(values) if values else None


def _median(values: list[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2
