"""What the grading-vector generators (``make_*.py``) share: task JSON made from
authoring YAML by the loader (the browser gets exactly this shape), expected
grades written out by hand, and writing a vector file.

The generators are scripts, run from the repository's root, where the media paths
of their tasks start: ``python tests/vectors/make_bbox.py``. Every expected grade
is worked out by hand from the rubric definitions, never computed by the grader
under test.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import yaml

from annotrain.course.media import MediaLibrary
from annotrain.course.rubrics import RubricLibrary, read_rubric
from annotrain.course.tasks import read_task

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
#: A text in curly quotes, as feedback quotes labels, names and words.
Q = "\u201c{}\u201d"


def quoted(items: Iterable[str]) -> str:
    """“a”, “b”, “c”: items in curly quotes, joined as feedback lists them."""
    return ", ".join(Q.format(item) for item in items)


def library(extra: Mapping[str, dict] | None = None) -> RubricLibrary:
    """The course's shared rubrics (quizzes/rubrics.yml) and ``extra`` ones (id -> YAML mapping)."""
    rubrics = RubricLibrary.load(ROOT / "quizzes" / "rubrics.yml")
    for rid, spec in (extra or {}).items():
        rubrics.rubrics[rid] = read_rubric(spec, "vectors", rid)
    return rubrics


def task_reader(
    extra_rubrics: Mapping[str, dict] | None = None,
    path: str = "vectors",
    media: MediaLibrary | None = None,
) -> Callable[[str], dict]:
    """``task(spec)`` for one generator: a task's authoring YAML -> its JSON, through the loader.

    The shared rubrics and ``extra_rubrics`` are known; the task reads as if written
    at ``path``, its media found by ``media`` (default: from the working folder).
    """
    rubrics = library(extra_rubrics)

    def task(spec: str) -> dict:
        return read_task(yaml.safe_load(spec), path, rubrics, media=media).to_json()

    return task


def grade(tid: str, ttype: str, score: float, passed: bool, **criteria: dict) -> dict:
    """An expected grade, in the shape both graders return."""
    return {"id": tid, "type": ttype, "score": score, "passed": passed, "criteria": criteria}


def crit(level: int, value, descriptor: str, *notes: str) -> dict:
    """One criterion of an expected grade: the level reached, the measured value, feedback."""
    return {"level": level, "value": value, "descriptor": descriptor, "notes": list(notes)}


#: The one note on every criterion of a blank (en.json "note_not_answered").
NOT_ANSWERED = "You did not answer this task."


def blank(task_json: dict) -> dict:
    """The expected grade of a task left unanswered (the rule in the trainer guide).

    Score 0, not passed, and each criterion at its lowest level (the last of its
    levels) with that level's descriptor, no value, and the one note ``NOT_ANSWERED``.
    """
    criteria = {}
    for criterion in task_json["rubric"]["criteria"]:
        lowest = criterion["levels"][-1]
        criteria[criterion["id"]] = crit(lowest["level"], None, lowest["descriptor"], NOT_ANSWERED)
    return grade(task_json["id"], task_json["type"], 0.0, False, **criteria)


def blank_cases(key: str, *tasks: dict) -> list[tuple]:
    """Blanks for each task: no response, and the answer's ``key`` null.

    Each scores 0 (:func:`blank`), whatever the gold: an empty gold too, which only
    the explicit empty answer (the widget's "nothing here" control) reaches.
    """
    cases = []
    for task_json in tasks:
        tid = task_json["id"]
        for what, response in (("no response", None), (f"{key}: null", {key: None})):
            cases.append((f"{tid}: {what} is a blank, 0", task_json, response, blank(task_json)))
    return cases


def named(cases: Iterable[tuple], start: str) -> tuple:
    """The one case of ``cases`` whose name starts with ``start``."""
    (found,) = [case for case in cases if case[0].startswith(start)]
    return found


def nogold(case: tuple, **notes: list[str]) -> tuple:
    """``case`` checked before the answer is shown (``hide_gold``): a wrong check's notes.

    The grade is ``case``'s, but for the notes of the criteria given here, written
    as the catalog's ``_nogold`` variants say them (no gold label, position, rating,
    number or text); criteria not given keep their notes. The case carries
    ``"hide_gold": true`` for the graders.
    """
    name, task_json, response, expected = case
    criteria = {
        cid: {**criterion, "notes": list(notes.get(cid, criterion["notes"]))}
        for cid, criterion in expected["criteria"].items()
    }
    assert set(notes) <= set(criteria), sorted(set(notes) - set(criteria))
    return (f"{name} (gold hidden)", task_json, response, {**expected, "criteria": criteria}, True)


def write(name: str, description: str, cases: Iterable[tuple]) -> None:
    """Write tests/vectors/<name>.json from (case name, task JSON, response, expected grade)
    tuples; a fifth item True marks a case graded with ``hide_gold`` (see :func:`nogold`)."""
    data = {"description": description, "cases": [_case(*case) for case in cases]}
    (HERE / f"{name}.json").write_text(
        json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )


def _case(name: str, task_json: dict, response, expected: dict, hide_gold: bool = False) -> dict:
    case = {"name": name, "task": task_json, "response": response, "expected": expected}
    if hide_gold:
        case["hide_gold"] = True
    return case
