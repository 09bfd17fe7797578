"""Keypoint exercises: PCK, completeness and mean distance against a NumPy
computation on random landmarks, lenient reading of responses, and authoring
errors with file:line."""

from __future__ import annotations

import random

import numpy as np
import pytest

from annotrain.course.rubrics import Criterion, Level, LevelRule, Rubric
from annotrain.course.tasks import Task
from annotrain.grading.task import grade
from annotrain.tasktypes.keypoints.kind import (
    KeypointsType,
    completeness,
    mean_distance,
    pck,
    visibility_accuracy,
)

from .conftest import ROOT
from .lessons import convert, error_of

PAGE = "course/week-4/lesson.md"  # exercise blocks are converted as if written here

KIND = KeypointsType()
RUBRIC = Rubric(
    "r",
    "r",
    (Level(1, "ok"), Level(0, "no")),
    (Criterion("c", "c", 1.0, False, "pck", (LevelRule(1, "", 1.0), LevelRule(0, ""))),),
)
IMAGE = {"src": "x.png", "webp": "x.web.webp", "width": 400, "height": 300}


def random_case(rng: random.Random):
    """A random scheme, gold (some hidden), tolerances and a learner response."""
    names = [f"P{i}" for i in range(rng.randint(1, 9))]
    gold, response = [], []
    for name in names:
        if rng.random() < 0.25:
            gold.append({"label": name, "visible": False})
            x, y = rng.uniform(0, 400), rng.uniform(0, 300)
        else:
            x, y = rng.uniform(0, 400), rng.uniform(0, 300)
            gold.append({"label": name, "x": x, "y": y})
        roll = rng.random()
        if roll < 0.15:
            continue
        if roll < 0.3:
            response.append({"label": name, "visible": False})
        else:
            spread = rng.choice([1, 5, 20, 60])
            response.append(
                {
                    "label": name,
                    "x": min(max(x + rng.gauss(0, spread), 0), 400),
                    "y": min(max(y + rng.gauss(0, spread), 0), 300),
                }
            )
    tolerance = {name: rng.choice([3.0, 10.0, 25.0]) for name in names}
    options = {"image": IMAGE, "keypoints": names, "labels": names, "tolerance": tolerance}
    task = Task("t", "keypoints", "p", RUBRIC, {"points": gold}, options=options)
    return task, KIND.normalize(task, {"points": response})


def arrays(task, response):
    """Per landmark: gold visible, placed, marked hidden, distance, tolerance."""
    names = task.options["keypoints"]
    gold = {p["label"]: p for p in task.gold["points"]}
    given = {p["label"]: p for p in response["points"]}
    shown = np.array([gold[n].get("visible", True) for n in names])
    placed = np.array([n in given and given[n].get("visible", True) for n in names])
    hidden = np.array([n in given and not given[n].get("visible", True) for n in names])
    gx = np.array([gold[n].get("x", np.nan) for n in names], dtype=float)
    gy = np.array([gold[n].get("y", np.nan) for n in names], dtype=float)
    lx = np.array([given[n]["x"] if placed[i] else np.nan for i, n in enumerate(names)])
    ly = np.array([given[n]["y"] if placed[i] else np.nan for i, n in enumerate(names)])
    distance = np.hypot(lx - gx, ly - gy)
    tolerance = np.array([task.options["tolerance"][n] for n in names])
    return shown, placed, hidden, distance, tolerance


@pytest.mark.parametrize("seed", range(300))
def test_measures_against_numpy(seed, messages):
    task, response = random_case(random.Random(seed))
    shown, placed, hidden, distance, tolerance = arrays(task, response)
    within = shown & placed & (distance <= tolerance)
    expected_pck = within.sum() / shown.sum() if shown.any() else 1.0
    assert pck(task, response, messages)[0] == pytest.approx(expected_pck, abs=1e-12)
    complete = placed | (hidden & ~shown)
    assert completeness(task, response, messages)[0] == pytest.approx(complete.mean())
    answered = placed | hidden
    agreed = answered & (placed == shown)
    expected_visibility = agreed.sum() / answered.sum() if answered.any() else 0.0
    assert visibility_accuracy(task, response, messages)[0] == pytest.approx(expected_visibility)
    measured = shown & placed
    if not shown.any():
        expected_mean = 0.0
    elif not measured.any():
        expected_mean = float(np.hypot(400, 300))
    else:
        expected_mean = float(distance[measured].mean())
    assert mean_distance(task, response, messages)[0] == pytest.approx(expected_mean, rel=1e-12)


def test_pck_boundary_is_inclusive(messages):
    task, _ = random_case(random.Random(1))
    names = task.options["keypoints"]
    task.gold = {"points": [{"label": n, "x": 100.0, "y": 100.0} for n in names]}
    task.options["tolerance"] = dict.fromkeys(names, 10.0)
    at_ten = {"points": [{"label": n, "x": 106, "y": 108} for n in names]}  # 6-8-10
    assert pck(task, KIND.normalize(task, at_ten), messages)[0] == 1.0
    past = {"points": [{"label": n, "x": 106, "y": 108.01} for n in names]}
    assert pck(task, KIND.normalize(task, past), messages)[0] == 0.0


@pytest.mark.parametrize(
    "raw, expected",
    [
        (None, []),
        ({"points": "P0"}, []),
        ({"points": [{"label": "P0", "x": 1, "y": 2}]}, [{"label": "P0", "x": 1, "y": 2}]),
        ({"points": [{"label": "P0", "x": 401, "y": 2}]}, []),  # outside the image
        ({"points": [{"label": "P0", "x": -0.5, "y": 2}]}, []),
        ({"points": [{"label": "P0", "x": 400, "y": 300}]}, [{"label": "P0", "x": 400, "y": 300}]),
        ({"points": [{"label": "P0", "x": True, "y": 2}]}, []),
        ({"points": [{"label": "P0", "x": float("nan"), "y": 2}]}, []),
        ({"points": [{"label": "P0", "x": 10**400, "y": 2}]}, []),
        (
            {"points": [{"label": "P0", "visible": False, "x": 1}]},
            [{"label": "P0", "visible": False}],
        ),
        (
            {"points": [{"label": "P0", "visible": "false", "x": 1, "y": 1}]},
            [{"label": "P0", "x": 1, "y": 1}],
        ),
        (
            {"points": [{"label": "P0", "x": "1", "y": 1}, {"label": "P0", "x": 5, "y": 5}]},
            [{"label": "P0", "x": 5, "y": 5}],
        ),
        ({"points": [{"label": "p0", "x": 1, "y": 1}, ["P0", 1, 1], None]}, []),
    ],
)
def test_responses_are_read_leniently(raw, expected):
    task, _ = random_case(random.Random(3))
    task.options["keypoints"] = ["P0"]
    assert KIND.normalize(task, raw) == {"points": expected}


# --- authoring errors -----------------------------------------------------------

GOOD = """\
type: keypoints
id: face
prompt: Place the landmarks.
image: ../assets/images/face-01.png
keypoints: [Left eye, Right eye, Nose tip]
tolerance: 6
rubric: keypoints-standard
gold:
  points:
    - {label: Left eye, x: 250, y: 160}
    - {label: Right eye, x: 150, y: 160}
    - {label: Nose tip, visible: false}
"""


def test_good_keypoints_block_loads():
    task = convert(GOOD, PAGE).tasks[0]
    assert task.options["tolerance"] == {"Left eye": 6, "Right eye": 6, "Nose tip": 6}
    assert task.options["labels"] == task.options["keypoints"]
    assert task.gold["points"][2] == {"label": "Nose tip", "visible": False}


def test_tolerance_per_landmark():
    task = convert(GOOD.replace("tolerance: 6", "tolerance: {Nose tip: 12}"), PAGE).tasks[0]
    assert task.options["tolerance"] == {"Left eye": 10, "Right eye": 10, "Nose tip": 12}


@pytest.mark.parametrize(
    "old, new, line, fragments",
    [
        (
            "{label: Left eye, x: 250, y: 160}",
            "{label: Left eye, x: 450, y: 160}",
            13,
            ["gold point 'Left eye' at (450, 160) lies outside the 400 x 400 image"],
        ),
        (
            "{label: Nose tip, visible: false}",
            "{label: Nose tip, visible: false, x: 200}",
            15,
            ["marked visible: false, so it has no position", "remove x and y"],
        ),
        (
            "{label: Nose tip, visible: false}",
            "{label: Nose, visible: false}",
            15,
            ["'Nose' is not one of the keypoints", "did you mean 'Nose tip'"],
        ),
        (
            "{label: Nose tip, visible: false}",
            "{label: Left eye, x: 1, y: 1}",
            15,
            ["'Left eye' is given twice"],
        ),
        (
            "    - {label: Nose tip, visible: false}\n",
            "",
            12,
            ["gold has no point for 'Nose tip'", "visible: false"],
        ),
        (
            "{label: Left eye, x: 250, y: 160}",
            "{label: Left eye, x: 250}",
            13,
            ["missing the required field 'y'"],
        ),
        (
            "{label: Left eye, x: 250, y: 160}",
            "{label: Left eye, x: 250, y: high}",
            13,
            ["'y' must be a number"],
        ),
        (
            "{label: Nose tip, visible: false}",
            "{label: Nose tip, visible: no}",
            15,
            ["'visible' must be true or false"],
        ),
        ("tolerance: 6", "tolerance: {Nose: 12}", 9, ["unknown field 'Nose' in tolerance"]),
        ("tolerance: 6", "tolerance: 0", 9, ["'tolerance' must be at least 0.5"]),
        ("keypoints: [Left eye, Right eye, Nose tip]", "keypoints: []", 8, ["at least one"]),
        (
            "keypoints: [Left eye, Right eye, Nose tip]",
            "keypoints: [Left eye, Left eye, Nose tip]",
            8,
            ["lists 'Left eye' twice"],
        ),
        ("  points:\n", "  landmarks:\n", 12, ["unknown field 'landmarks' in gold"]),
        ("keypoints: [Left", "labels: [A]\nkeypoints: [Left", 8, ["unknown field 'labels'"]),
    ],
)
def test_authoring_errors_name_the_line(old, new, line, fragments):
    assert old in GOOD
    error = error_of(GOOD.replace(old, new), PAGE)
    assert error.path == PAGE
    assert error.line == line, str(error)
    for fragment in fragments:
        assert fragment in error.message, error.message


def lesson_block(path: str, task_id: str) -> str:
    """The YAML of the exercise ``task_id`` in the course lesson at ``path``."""
    text = (ROOT / path).read_text(encoding="utf-8")
    for block in text.split("```annotrain\n")[1:]:
        body = block.split("```", 1)[0]
        if f"id: {task_id}\n" in body:
            return body
    raise AssertionError(f"{task_id} not found in {path}")


def test_three_landmark_cat_one_point_off_is_acceptable_two_are_critical(messages):
    """On a three-landmark scheme one misplaced point is a third of the scheme: the
    cat exercise's rubric makes it Acceptable rather than a critical failure."""
    path = "course/week-4/keypoints.md"
    task = convert(lesson_block(path, "w4-cat-face"), path).tasks[0]
    gold = task.gold["points"]
    tolerance = task.options["tolerance"]["Left eye"]

    def answer(moved: int) -> dict:
        points = [dict(p) for p in gold]
        for point in points[:moved]:
            point["x"] += tolerance + 5  # outside the tolerance
        return {"points": points}

    exact = grade(task, answer(0), messages)
    assert exact["passed"] and exact["score"] == 1.0
    one_off = grade(task, answer(1), messages)
    assert one_off["criteria"]["precision"]["level"] == 3
    assert one_off["passed"], one_off["score"]  # (3 × 3 + 2 × 5 + 2 × 5) / 35 ≈ 0.83
    two_off = grade(task, answer(2), messages)
    assert two_off["criteria"]["precision"]["level"] == 1
    assert not two_off["passed"]
