"""The bbox task type: IoU against pycocotools, matching against scipy, the browser's
IoU equal to Python's, response normalisation, and authoring errors with path:line."""

from __future__ import annotations

import random
import shutil

import numpy as np
import pytest
import shapely
from pycocotools import mask as coco_mask
from scipy.optimize import linear_sum_assignment

from annotrain.course.media import MediaLibrary
from annotrain.course.rubrics import RubricLibrary
from annotrain.course.tasks import read_task
from annotrain.course.yamlpos import load
from annotrain.grading.task import grade
from annotrain.tasktypes.bbox.kind import (
    MAX_BOXES,
    _pairs,
    iou,
    max_edge_deviation,
    max_inward_deviation,
    max_outward_deviation,
)

from .conftest import ROOT, dedent
from .lessons import convert, error_of
from .node import evaluate

IMAGES = ROOT / "course" / "assets" / "images"
RUBRICS = RubricLibrary.load(ROOT / "quizzes" / "rubrics.yml")


def box(x, y, w, h, label="A"):
    return {"x": x, "y": y, "w": w, "h": h, "label": label}


def random_boxes(seed: int, count: int) -> list[dict]:
    """Boxes on a small grid (so edges often coincide), fractional ones, and degenerate ones."""
    rng = random.Random(seed)
    boxes = []
    for _ in range(count):
        kind = rng.random()
        if kind < 0.5:
            boxes.append(
                box(rng.randint(0, 20), rng.randint(0, 20), rng.randint(1, 12), rng.randint(1, 12))
            )
        elif kind < 0.9:
            boxes.append(
                box(
                    rng.uniform(0, 50),
                    rng.uniform(0, 50),
                    rng.uniform(0.1, 30),
                    rng.uniform(0.1, 30),
                )
            )
        else:
            boxes.append(
                box(rng.randint(0, 20), rng.randint(0, 20), rng.choice([0, 5]), rng.choice([0, 5]))
            )
    return boxes


def coco(boxes: list[dict]) -> list[list[float]]:
    return [[b["x"], b["y"], b["w"], b["h"]] for b in boxes]


EDGE_CASES = [
    (box(0, 0, 10, 10), box(0, 0, 10, 10), 1.0),  # identical
    (box(0, 0, 10, 10), box(5, 0, 10, 10), 1 / 3),  # half overlapping: 50 / 150
    (box(0, 0, 10, 10), box(10, 0, 10, 10), 0.0),  # touching edges
    (box(0, 0, 10, 10), box(10, 10, 5, 5), 0.0),  # touching corners
    (box(0, 0, 10, 10), box(30, 30, 5, 5), 0.0),  # disjoint
    (box(0, 0, 10, 10), box(2, 2, 4, 4), 16 / 100),  # contained
    (box(0, 0, 10, 10), box(3, 3, 0, 4), 0.0),  # zero width inside
]


@pytest.mark.parametrize("a, b, expected", EDGE_CASES)
def test_iou_edge_cases_match_pycocotools(a, b, expected):
    ours = iou(a, b)
    theirs = coco_mask.iou(coco([a]), coco([b]), [0])[0][0]
    assert ours == pytest.approx(expected, abs=1e-12)
    assert ours == pytest.approx(theirs, abs=1e-12)
    assert iou(b, a) == ours


def test_iou_matches_pycocotools_on_random_boxes():
    detections, truths = random_boxes(1, 80), random_boxes(2, 60)
    theirs = coco_mask.iou(coco(detections), coco(truths), [0] * len(truths))
    ours = np.array([[iou(d, g) for g in truths] for d in detections])
    assert ours.shape == theirs.shape
    np.testing.assert_allclose(ours, theirs, atol=1e-12)
    assert (ours == 0).any() and ((ours > 0) & (ours < 1)).any()


def test_iou_in_the_browser_is_python_s():
    pairs = list(zip(random_boxes(3, 300), random_boxes(4, 300), strict=True))
    browser = evaluate(
        "input.map((p) => modules[1].iou(p[0], p[1]))",
        pairs,
        "browser/grader.js",
        "tasktypes/bbox/grader.js",
    )
    assert browser == [iou(a, b) for a, b in pairs]


def task_with(gold: list[dict], match_iou: float = 0.3, labels=("A", "B")):
    data = load(
        dedent(
            f"""
            type: bbox
            id: t
            prompt: Box them.
            image: pcb-01.png
            labels: {list(labels)}
            match_iou: {match_iou}
            rubric: boxes-standard
            gold: {{boxes: []}}
            """
        ),
        "course/assets/images/t.md",
    )
    task = read_task(data, "course/assets/images/t.md", RUBRICS, media=MediaLibrary(ROOT))
    task.gold = {"boxes": gold}
    return task


def on_grid(seed: int) -> list[dict]:
    rng = random.Random(seed)
    return [
        box(rng.randint(0, 60), rng.randint(0, 60), rng.randint(5, 40), rng.randint(5, 40))
        for _ in range(rng.randint(0, 6))
    ]


@pytest.mark.parametrize("seed", range(60))
def test_matching_total_iou_is_scipy_s_optimum(seed):
    gold, boxes = on_grid(seed), on_grid(1000 + seed)
    task = task_with(gold, match_iou=0.1)
    pairs = _pairs(task, {"boxes": boxes})
    assert len({g for g, _, _ in pairs}) == len({r for _, r, _ in pairs}) == len(pairs)
    assert all(value > 0.1 for _, _, value in pairs)
    total = sum(value for _, _, value in pairs)
    if not gold or not boxes:
        assert pairs == []
        return
    # The reference: pairs at or below the threshold are worth nothing.
    matrix = np.array([[iou(g, b) for b in boxes] for g in gold])
    matrix[matrix <= 0.1] = 0.0
    rows, cols = linear_sum_assignment(matrix, maximize=True)
    assert total == pytest.approx(matrix[rows, cols].sum(), abs=1e-9)
    assert len(pairs) == int((matrix[rows, cols] > 0).sum())


def test_threshold_filters_before_assignment_so_more_objects_match():
    # Gold 0 overlaps both boxes; gold 1 only box 0. Assigning before filtering could give
    # gold 0 box 0 (IoU 0.5) and gold 1 box 1 (IoU 0 < 0.3): one match. Filtering first
    # gives gold 0 <- box 1 and gold 1 <- box 0: two matches.
    gold = [box(0, 0, 10, 10), box(5, 0, 10, 10)]
    boxes = [box(5, 0, 10, 10), box(2, 0, 10, 10)]
    pairs = _pairs(task_with(gold), {"boxes": boxes})
    assert [(g, r) for g, r, _ in pairs] == [(0, 1), (1, 0)]


def test_normalize_keeps_at_most_max_boxes_and_flips_negative_sizes():
    task = task_with([box(0, 0, 10, 10)])
    many = [box(i, 0, 1, 1) for i in range(MAX_BOXES + 5)]
    assert len(task.kind.normalize(task, {"boxes": many})["boxes"]) == MAX_BOXES
    flipped = task.kind.normalize(task, {"boxes": [box(10, 12, -10, -2, "B")]})
    assert flipped == {"boxes": [box(0, 10, 10, 2, "B")]}
    assert task.kind.normalize(task, {"boxes": [box(0, 0, 1e400, 1)]}) == {"boxes": []}
    assert task.kind.normalize(task, {"boxes": [box(0, 0, 10**400, 1)]}) == {"boxes": []}


def test_a_box_drawn_exactly_on_the_gold_scores_one(messages):
    task = task_with([box(126, 198, 27, 15, "A"), box(60, 48, 121, 101, "B")])
    result = grade(
        task, {"boxes": [box(60, 48, 121, 101, "B"), box(126, 198, 27, 15, "A")]}, messages
    )
    assert result["score"] == 1.0 and result["passed"] is True


# --- edges inside and outside the object ---------------------------------------------

#: Far enough to stand for a half-plane around boxes of this size.
FAR = 1e4


def rectangle(b: dict):
    return shapely.box(b["x"], b["y"], b["x"] + b["w"], b["y"] + b["h"])


def beyond(shape, b: dict) -> list[float]:
    """How far ``shape`` reaches past each side of box ``b``: its width left of b's left
    edge, height above its top, width right of its right edge, height below its bottom."""
    left, top, right, bottom = b["x"], b["y"], b["x"] + b["w"], b["y"] + b["h"]
    halves = [
        shapely.box(-FAR, -FAR, left, FAR),
        shapely.box(-FAR, -FAR, FAR, top),
        shapely.box(right, -FAR, FAR, FAR),
        shapely.box(-FAR, bottom, FAR, FAR),
    ]
    reach = []
    for side, half in enumerate(halves):
        part = shape.intersection(half)
        if part.is_empty:
            reach.append(0.0)
        else:
            minx, miny, maxx, maxy = part.bounds
            reach.append(maxx - minx if side in (0, 2) else maxy - miny)
    return reach


def near(seed: int) -> tuple[list[dict], list[dict]]:
    """Gold boxes and learner boxes drawn near them, whole and fractional pixels."""
    rng = random.Random(seed)
    gold, boxes = [], []
    for index in range(rng.randint(1, 4)):
        g = box(
            index * 150 + rng.randint(0, 20),
            rng.randint(0, 50),
            rng.randint(20, 90),
            rng.randint(20, 90),
        )
        gold.append(g)
        if rng.random() < 0.8:
            jitter = rng.choice([lambda: rng.randint(-8, 8), lambda: rng.uniform(-8, 8)])
            x, y = g["x"] + jitter(), g["y"] + jitter()
            right, bottom = g["x"] + g["w"] + jitter(), g["y"] + g["h"] + jitter()
            boxes.append(box(x, y, right - x, bottom - y))
    rng.shuffle(boxes)
    return gold, boxes


@pytest.mark.parametrize("seed", range(40))
def test_inward_and_outward_deviation_are_how_far_the_boxes_reach_past_each_other(seed, messages):
    # The reference, from shapes: a learner edge outside the object is the learner box
    # reaching past the gold box's side; an edge inside is the gold box reaching past
    # the learner box's side (the part of the object the box leaves out).
    gold, boxes = near(seed)
    task = task_with(gold)
    response = {"boxes": boxes}
    pairs = _pairs(task, response)
    inward, outward = 0.0, 0.0
    for g, r, _ in pairs:
        outward = max(outward, *beyond(rectangle(boxes[r]), gold[g]))
        inward = max(inward, *beyond(rectangle(gold[g]), boxes[r]))
    got_in, _ = max_inward_deviation(task, response, messages)
    got_out, _ = max_outward_deviation(task, response, messages)
    worst, _ = max_edge_deviation(task, response, messages)
    if not pairs:
        assert got_in == got_out == worst == pytest.approx((640**2 + 400**2) ** 0.5)
        return
    assert got_in == pytest.approx(inward, abs=1e-9)
    assert got_out == pytest.approx(outward, abs=1e-9)
    assert max(got_in, got_out) == worst  # the old measure is the worse of the two


def test_inward_and_outward_deviation_in_the_browser_are_python_s(messages):
    cases = []
    for seed in range(60):
        gold, boxes = near(100 + seed)
        task = task_with(gold)
        response = {"boxes": boxes}
        expected = [
            list(measure(task, response, messages))
            for measure in (max_inward_deviation, max_outward_deviation)
        ]
        data = {"gold": {"boxes": gold}, "match_iou": 0.3, "image": {"width": 640, "height": 400}}
        cases.append({"task": data, "response": response, "expected": expected})
    browser = evaluate(
        """input.cases.map((c) => ["max_inward_deviation", "max_outward_deviation"].map(
            (name) => modules[1].measures[name](c.task, c.response, input.messages)))""",
        {"cases": cases, "messages": messages},
        "browser/grader.js",
        "tasktypes/bbox/grader.js",
    )
    assert browser == [case["expected"] for case in cases]


# --- authoring ------------------------------------------------------------------------

GOOD = """\
type: bbox
id: pcb
prompt: Box the defects.
image: pcb-01.png
labels: [Solder Bridge, Scratch]
rubric: boxes-standard
gold:
  boxes:
    - {label: Solder Bridge, x: 126, y: 198, w: 27, h: 15}
    - {label: Scratch, x: 420, y: 327, w: 117, h: 46}
"""


@pytest.fixture
def lesson(tmp_path):
    shutil.copy(IMAGES / "pcb-01.png", tmp_path / "pcb-01.png")
    return tmp_path


def test_good_block_renders_the_image_stage(lesson):
    converted = convert(GOOD, media_root=lesson, site_root="../")
    task = converted.tasks[0]
    assert task.options["image"]["width"] == 640 and task.options["image"]["height"] == 400
    assert task.options["match_iou"] == 0.3
    assert task.gold["boxes"][0] == {"label": "Solder Bridge", "x": 126, "y": 198, "w": 27, "h": 15}
    soup = converted.soup
    img = soup.select_one(".annotrain-stage picture img")
    assert img["width"] == "640" and img["height"] == "400"
    assert img["src"].startswith("../assets/annotrain/media/pcb-01-") and img["src"].endswith(
        ".png"
    )
    assert soup.select_one("picture source")["srcset"].endswith(".web.webp")
    assert soup.select_one(".annotrain-stage svg")["viewbox"] == "0 0 640 400"
    radios = soup.select(".annotrain-stage-labels input[type=radio]")
    assert [r["value"] for r in radios] == ["Solder Bridge", "Scratch"]
    assert img["alt"]  # a default text alternative when the author gives none


@pytest.mark.parametrize(
    "change, line, fragments",
    [
        (
            ("w: 117", "w: 300"),
            13,
            ["gold box 2 (Scratch) spans x 420 to 720", "640 x 400 image", "at most 640"],
        ),
        (("y: 198", "y: -3"), 12, ["gold box 1 (Solder Bridge) spans y -3 to 12", "at least 0"]),
        (("h: 15", "h: 0"), 12, ["gold box 1 (Solder Bridge) has h = 0", "above 0"]),
        (("w: 27", "w: -27"), 12, ["has w = -27"]),
        (
            ("label: Scratch,", "label: Scrach,"),
            13,
            ["gold box 2 has the label 'Scrach'", "did you mean 'Scratch'"],
        ),
        (("x: 126", "x: wide"), 12, ["'x' must be a number"]),
        (("x: 126, ", ""), 12, ["gold box 1 is missing the required field 'x'"]),
        (("h: 15}", "h: 15, z: 1}"), 12, ["unknown field 'z' in gold box 1"]),
        (("image: pcb-01.png", "image: pcb-09.png"), 7, ["image file 'pcb-09.png' not found"]),
        (("image: pcb-01.png\n", ""), 4, ["missing the required field 'image'"]),
        (
            ("labels: [Solder Bridge, Scratch]", "labels: [Solder Bridge, Scratch]\nmatch_iou: 1"),
            9,
            ["'match_iou' must be at most 0.99"],
        ),
        (("  boxes:\n", "  box:\n"), 11, ["unknown field 'box'"]),
    ],
)
def test_authoring_errors_name_path_and_line(lesson, change, line, fragments):
    body = GOOD.replace(*change)
    assert body != GOOD
    message = str(error_of(body, media_root=lesson))
    assert message.startswith(f"lesson.md:{line}:"), message
    for fragment in fragments:
        assert fragment in message, message


def test_gold_boxes_must_be_a_list(lesson):
    message = str(error_of(GOOD.split("gold:")[0] + "gold: {boxes: 3}\n", media_root=lesson))
    assert message.startswith("lesson.md:10:") and "'boxes' must be a list" in message


def test_alt_text_reaches_the_image(lesson):
    soup = convert(GOOD.replace("labels:", "alt: A green board\nlabels:"), media_root=lesson).soup
    assert soup.select_one("picture img")["alt"] == "A green board"
