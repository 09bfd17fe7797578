"""The numeric type: the flagship course's figures recomputed by the reference
libraries from the tables the exercises show, tolerance against numpy.isclose, the
rendered table and input, and authoring errors at file:line."""

from __future__ import annotations

import functools
import random

import numpy
import pytest
from pycocotools import mask
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import fleiss_kappa

from annotrain.course.loader import load_course
from annotrain.course.rubrics import RubricLibrary
from annotrain.course.tasks import read_task
from annotrain.grading.task import grade

from .conftest import ROOT
from .lessons import RUBRICS, convert, error_of


@functools.cache
def course():
    loaded = load_course(ROOT / "mkdocs.yml")
    assert loaded.errors == []
    return loaded


def exercise(task_id: str):
    return course().exercises[task_id]


def quiz_task(quiz_id: str, task_id: str):
    return course().quizzes[quiz_id].entries[task_id].task


def labels_from_table(table: dict) -> tuple[list[str], list[str]]:
    """Two raters' labels, one pair per item, from a confusion table (A rows, B columns)."""
    first, second = [], []
    for row in table["rows"]:
        for column, count in zip(table["columns"][1:], row[1:], strict=True):
            first += [row[0].removeprefix("A: ")] * int(count)
            second += [column.removeprefix("B: ")] * int(count)
    return first, second


@pytest.mark.parametrize(
    "task",
    [
        pytest.param(lambda: exercise("w7-kappa-urgency-table"), id="lesson 3x3"),
        pytest.param(lambda: quiz_task("week-7", "q7-kappa-defects-typed"), id="quiz 2x2"),
    ],
)
def test_kappa_gold_is_scikit_learn_on_the_exercise_table(task, messages):
    task = task()
    first, second = labels_from_table(task.options["table"])
    reference = cohen_kappa_score(first, second)
    gold = task.gold["value"]
    assert abs(gold - reference) < 5e-5, (gold, reference)  # the gold is rounded to 4 places
    assert abs(gold - reference) <= task.options["tolerance"]["absolute"]
    assert grade(task, {"value": round(reference, 2)}, messages)["passed"]


def test_fleiss_gold_is_statsmodels_on_the_exercise_table():
    task = exercise("w7-fleiss-kappa-clips")
    counts = [[int(cell) for cell in row[1:]] for row in task.options["table"]["rows"]]
    reference = fleiss_kappa(numpy.array(counts), method="fleiss")
    assert abs(task.gold["value"] - reference) < 5e-5, reference


def test_percent_agreement_gold_from_the_exercise_table():
    task = exercise("w7-percent-agreement-comments")
    rows = task.options["table"]["rows"]
    same = sum(row[1] == row[2] for row in rows)
    assert task.options["unit"] == "%"
    assert task.gold["value"] == pytest.approx(100 * same / len(rows))


def test_iou_gold_is_pycocotools_on_the_exercise_table():
    task = exercise("w3-iou-typed")
    boxes = {row[0]: [float(v) for v in row[1:]] for row in task.options["table"]["rows"]}
    assert task.options["table"]["columns"][1:] == ["x", "y", "w", "h"]
    reference = mask.iou([boxes["Annotator"]], [boxes["Gold"]], [0])[0][0]
    assert abs(task.gold["value"] - reference) < 5e-4, reference


def tolerance_task(absolute, relative, gold):
    tolerance = {k: v for k, v in (("absolute", absolute), ("relative", relative)) if v is not None}
    return read_task(
        {
            "type": "numeric",
            "id": "t",
            "prompt": "Figure?",
            "tolerance": tolerance,
            "rubric": "numeric-standard",
            "gold": {"value": gold},
        },
        "t.md",
        library(),
    )


@functools.cache
def library() -> RubricLibrary:
    return RubricLibrary.load(RUBRICS)


def test_within_tolerance_is_numpy_isclose_away_from_the_boundary(messages):
    """Absolute a: numpy.isclose(v, g, rtol=0, atol=a); relative r: rtol=r, atol=0;
    both: either holds. Values within 1e-6 of a boundary are skipped: there the
    documented slack of 1e-9 x max(1, |g|) decides, which numpy does not have."""
    rng = random.Random(3)
    checked = 0
    for _ in range(2000):
        gold = rng.choice([rng.uniform(-100, 100), rng.uniform(-1, 1), float(rng.randint(-5, 5))])
        if gold == 0:
            continue
        absolute = rng.choice([None, rng.uniform(0, 2)])
        relative = (
            rng.choice([None, rng.uniform(0, 0.5)]) if absolute is not None else rng.uniform(0, 0.5)
        )
        value = gold + rng.uniform(-3, 3) * max(absolute or 0, (relative or 0) * abs(gold))
        bounds = [
            b
            for b in (absolute, (relative or 0) * abs(gold) if relative else None)
            if b is not None
        ]
        if any(abs(abs(value - gold) - b) < 1e-6 for b in bounds):
            continue
        reference = False
        if absolute is not None:
            reference |= bool(numpy.isclose(value, gold, rtol=0, atol=absolute))
        if relative is not None:
            reference |= bool(numpy.isclose(value, gold, rtol=relative, atol=0))
        task = tolerance_task(absolute, relative, gold)
        got = grade(task, {"value": value}, messages)["criteria"]["correctness"]["value"]
        assert got == (1.0 if reference else 0.0), (value, gold, absolute, relative)
        checked += 1
    assert checked > 1500


def test_errors_match_their_definitions(messages):
    task = tolerance_task(0.01, None, 0.62)
    rng = random.Random(9)
    for _ in range(300):
        value = rng.uniform(-2, 2)
        result = grade(task, {"value": value}, messages)["criteria"]
        assert result["precision"]["value"] == abs(value - 0.62) / 0.62


TABLE = """\
type: numeric
id: kappa-here
prompt: Kappa?
table:
  caption: Counts <b>by</b> rater
  columns: ["", "B: Yes", "B: No"]
  rows:
    - ["A: Yes", 30, 4]
    - ["A: No", 6, 10]
unit: "%"
tolerance: {absolute: 0.5}
rubric: numeric-standard
gold: {value: 52.47}
"""


def test_rendered_table_has_caption_and_header_scopes():
    soup = convert(TABLE).soup
    table = soup.select_one("table.annotrain-data")
    assert table.caption.get_text() == "Counts <b>by</b> rater"
    head = table.thead.tr
    assert head.contents[0].name == "td" and head.contents[0].get_text() == ""
    assert [(th.get_text(), th["scope"]) for th in head.select("th")] == [
        ("B: Yes", "col"),
        ("B: No", "col"),
    ]
    rows = table.tbody.select("tr")
    assert [(r.th.get_text(), r.th["scope"]) for r in rows] == [("A: Yes", "row"), ("A: No", "row")]
    assert [[td.get_text() for td in r.select("td")] for r in rows] == [["30", "4"], ["6", "10"]]
    wrap = table.parent
    assert wrap["tabindex"] == "0" and soup.find(id=wrap["aria-labelledby"]) is table.caption


def test_rendered_input_has_a_label_and_unit():
    soup = convert(TABLE).soup
    field = soup.select_one("input.annotrain-numeric-input")
    assert field["type"] == "text" and field["inputmode"] == "decimal"
    assert soup.find("label", attrs={"for": field["id"]}).get_text() == "Your answer"
    described = [soup.find(id=i) for i in field["aria-describedby"].split()]
    assert all(described)
    assert "Unit: %" in described[1].get_text()
    assert soup.select_one(".annotrain-numeric-unit").get_text() == "%"


GOOD = """\
type: numeric
id: q1
prompt: Percent agreement?
unit: "%"
tolerance:
  absolute: 0.5
rubric: numeric-standard
gold:
  value: 62.5
table:
  caption: Labels
  columns: [Item, A, B]
  rows:
    - [1, Yes, Yes]
    - [2, No, Yes]
"""


def test_good_block_loads():
    assert convert(GOOD).tasks[0].options["table"]["rows"][1] == ["2", "No", "Yes"]


@pytest.mark.parametrize(
    "old, new, line, fragments",
    [
        ("tolerance:\n  absolute: 0.5\n", "", 4, ["missing the required field 'tolerance'"]),
        (
            "  absolute: 0.5",
            "  absolut: 0.5",
            9,
            ["unknown field 'absolut'", "did you mean 'absolute'"],
        ),
        ("  absolute: 0.5", "  relative: 5", 9, ["'relative' must be at most 1"]),
        ("  absolute: 0.5", "  absolute: -1", 9, ["'absolute' must be at least 0"]),
        ("tolerance:\n  absolute: 0.5\n", "tolerance: {}\n", 8, ["needs 'absolute'", "or both"]),
        ("tolerance:\n  absolute: 0.5\n", "tolerance: 0.5\n", 8, ["must be a mapping such as"]),
        ('unit: "%"', "unit: 2x", 7, ["without digits"]),
        ("  value: 62.5", "  value: lots", 12, ["'value' must be a number"]),
        ("gold:\n  value: 62.5\n", "gold: {}\n", 11, ["missing the required field 'value'"]),
        (
            "    - [2, No, Yes]",
            "    - [2, No]",
            18,
            ["row 2 of the table must be a list of 3 cells", "got 2 cells"],
        ),
        (
            "    - [2, No, Yes]",
            "    - [2, No, [Yes]]",
            18,
            ["cell 3 of row 2 of the table must be text or a number"],
        ),
        ("  caption: Labels\n", "", 14, ["the table is missing the required field 'caption'"]),
        ("  columns: [Item, A, B]", "  columns: [Item]", 15, ["'columns' must list 2 to 12"]),
        (
            "  columns: [Item, A, B]",
            "  columns: [Item, '', B]",
            15,
            ["column heading 2 of the table"],
        ),
        (
            "  absolute: 0.5",
            "  relative: 0.5",
            12,
            ["relative tolerance of a gold value of 0", "absolute tolerance"],
        ),
        (
            "rubric: numeric-standard",
            "rubric: numeric-standard",
            12,
            ["criterion 'precision' measures rel_error", "not defined for a gold value of 0"],
        ),
    ],
    ids=[
        "no tolerance",
        "misspelt tolerance",
        "relative as a percentage",
        "negative tolerance",
        "empty tolerance",
        "tolerance not a mapping",
        "unit with digits",
        "gold not a number",
        "gold without value",
        "short row",
        "cell not text",
        "table without caption",
        "one column",
        "empty heading",
        "relative tolerance of gold 0",
        "rel_error of gold 0",
    ],
)
def test_error_names_file_and_line(old, new, line, fragments):
    assert old in GOOD
    body = GOOD.replace(old, new)
    if "gold value of 0" in fragments[0] or "gold value of 0" in fragments[-1]:
        body = body.replace("  value: 62.5", "  value: 0")
    error = error_of(body)
    assert str(error).startswith(f"lesson.md:{line}: "), str(error)
    for fragment in fragments:
        assert fragment in str(error)
