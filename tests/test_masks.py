"""The masks type: run-length reading, IoU against pycocotools, boundary F against an
independent pixel-by-pixel computation (numpy), rasterised outlines, authoring errors."""

from __future__ import annotations

import random

import numpy as np
import pytest
import yaml
from pycocotools import mask as coco

from annotrain.course.rubrics import RubricLibrary
from annotrain.course.tasks import read_task
from annotrain.tasktypes.masks import rle

from .conftest import ROOT
from .lessons import error_of

# pycocotools built against numpy 1 warns on its arrays under numpy 2.
pytestmark = pytest.mark.filterwarnings("ignore:__array__ implementation:DeprecationWarning")

IMAGE = "course/assets/images/aerial-01.png"  # 600 x 420


def _counts(bitmap: np.ndarray) -> list[int]:
    """Uncompressed counts by numpy: column-major pixels, runs starting with background."""
    flat = bitmap.T.reshape(-1).astype(np.int8)
    changes = np.flatnonzero(np.diff(np.concatenate([[0], flat, [1 - flat[-1]]])))
    return np.diff(np.concatenate([[0], changes])).tolist()


def blobs(rng: random.Random, height: int, width: int) -> np.ndarray:
    """A few random rectangles and discs, some touching the image's edge."""
    bitmap = np.zeros((height, width), bool)
    ys, xs = np.mgrid[0:height, 0:width]
    for _ in range(rng.randint(1, 4)):
        x, y = rng.randrange(-10, width), rng.randrange(-10, height)
        if rng.random() < 0.5:
            bitmap[max(y, 0) : y + rng.randint(1, 40), max(x, 0) : x + rng.randint(1, 40)] = True
        else:
            bitmap |= (xs - x) ** 2 + (ys - y) ** 2 <= rng.randint(1, 25) ** 2
    return bitmap


def boundary_pixels(bitmap: np.ndarray) -> np.ndarray:
    """Painted pixels with an unpainted 4-neighbour inside the image (edges padded as painted)."""
    padded = np.pad(bitmap, 1, constant_values=True)
    inner = padded[:-2, 1:-1] & padded[2:, 1:-1] & padded[1:-1, :-2] & padded[1:-1, 2:]
    return bitmap & ~inner


def within(source: np.ndarray, target: np.ndarray, tolerance: float) -> int:
    """How many boundary pixels of ``source`` have one of ``target`` within ``tolerance``."""
    ty, tx = np.nonzero(target)
    sy, sx = np.nonzero(source)
    if not len(ty):
        return 0
    distance = (sy[:, None] - ty[None, :]) ** 2 + (sx[:, None] - tx[None, :]) ** 2
    return int((distance.min(axis=1) <= tolerance * tolerance).sum())


def reference_f(drawn: np.ndarray, gold: np.ndarray, tolerance: float) -> float:
    a, b = boundary_pixels(drawn), boundary_pixels(gold)
    if not a.any() and not b.any():
        return 1.0
    if not a.any() or not b.any():
        return 0.0
    precision = within(a, b, tolerance) / a.sum()
    recall = within(b, a, tolerance) / b.sum()
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


def test_counts_round_trip_through_pycocotools():
    rng = random.Random(7)
    bitmap = blobs(rng, 50, 70)
    counts = _counts(bitmap)
    decoded = coco.decode(coco.frPyObjects({"size": [50, 70], "counts": counts}, 50, 70))
    assert (decoded.astype(bool) == bitmap).all()
    assert rle.canonical(counts, 50 * 70) == counts


@pytest.mark.parametrize("seed", range(30))
def test_iou_matches_pycocotools(seed):
    rng = random.Random(seed)
    height, width = rng.randint(5, 80), rng.randint(5, 80)
    first, second = blobs(rng, height, width), blobs(rng, height, width)
    a, b = _counts(first), _counts(second)
    want = coco.iou(
        [coco.frPyObjects({"size": [height, width], "counts": a}, height, width)],
        [coco.frPyObjects({"size": [height, width], "counts": b}, height, width)],
        [0],
    )[0][0]
    got = rle.iou(rle.intervals(a), rle.intervals(b))
    assert got == pytest.approx(want, abs=1e-12)


@pytest.mark.parametrize("seed", range(30))
def test_boundary_f_matches_a_pixel_by_pixel_computation(seed):
    rng = random.Random(100 + seed)
    height, width = rng.randint(5, 60), rng.randint(5, 60)
    first, second = blobs(rng, height, width), blobs(rng, height, width)
    tolerance = rng.choice([0, 1, 1.5, 2, 3, 5])
    a, b = rle.intervals(_counts(first)), rle.intervals(_counts(second))
    got, _, _ = rle.boundary_f(
        rle.boundary(a, width, height), rle.boundary(b, width, height), width, height, tolerance
    )
    assert got == pytest.approx(reference_f(first, second, tolerance), abs=1e-12)
    assert rle.boundary(a, width, height) == {
        x * height + y for y, x in zip(*np.nonzero(boundary_pixels(first)), strict=True)
    }


def test_rasterised_outline_takes_the_pixels_whose_centres_are_inside():
    # A triangle with legs of 10 along the top and left edges: the pixel (x, y) has
    # its centre inside when x + 0.5 + y + 0.5 < 10, i.e. x + y <= 8: 45 pixels.
    counts = rle.rasterize([[[0, 0], [10, 0], [0, 10]]], 20, 20)
    runs = rle.intervals(counts)
    assert rle.area(runs) == 45
    assert {(p // 20, p % 20) for s, e in runs for p in range(s, e)} == {
        (x, y) for x in range(20) for y in range(20) if x + y <= 8
    }
    # Two squares sharing an edge share no pixel and leave no gap.
    left = rle.intervals(rle.rasterize([[[2, 2], [7.3, 2], [7.3, 9], [2, 9]]], 20, 20))
    right = rle.intervals(rle.rasterize([[[7.3, 2], [12, 2], [12, 9], [7.3, 9]]], 20, 20))
    assert rle.overlap(left, right) == 0
    assert rle.area(left) + rle.area(right) == 10 * 7


PAGE = "course/week-4/lesson.md"  # exercise blocks are converted as if written here
HEAD = "type: masks\nid: m\nprompt: Paint.\nimage: ../assets/images/aerial-01.png\nlabels: [Water, Roof]\n"


def test_gold_polygons_and_counts_give_one_mask():
    rubrics = RubricLibrary.load(ROOT / "quizzes" / "rubrics.yml")

    def load(gold: str):
        spec = yaml.safe_load(HEAD.replace("../assets/images", "course/assets/images") + gold)
        return read_task(spec, "lesson.md", rubrics)

    square = "gold:\n  masks:\n    - {label: Water, polygons: [[[10, 10], [20, 10], [20, 30], [10, 30]]]}\n"
    by_outline = load(square)
    counts = by_outline.gold["masks"][0]["counts"]
    assert rle.area(rle.intervals(counts)) == 200
    by_counts = load(f"gold:\n  masks:\n    - {{label: Water, counts: {counts}}}\n")
    assert by_counts.gold == by_outline.gold
    assert by_counts.gold["masks"][0]["size"] == [420, 600]


# Lines are the page's: the exercise block starts 3 lines into the lesson (tests/lessons.py).
@pytest.mark.parametrize(
    ("gold", "words", "line"),
    [
        (
            "  masks:\n    - {label: Sea, polygons: [[[0, 0], [5, 0], [5, 5]]]}\n",
            "not among the labels",
            11,
        ),
        (
            "  masks:\n    - {label: Water, counts: [5, 5]}\n",
            "add up to 10, but the image has 252000",
            11,
        ),
        ("  masks:\n    - {label: Water, counts: [5, -1]}\n", "count 2 must be a whole number", 11),
        ("  masks:\n    - {label: Water}\n", "either 'counts'", 11),
        (
            "  masks:\n    - label: Water\n      polygons:\n        - [[0, 0], [5, 0]]\n",
            "outline 1 must be a list of 3",
            13,
        ),
        (
            "  masks:\n    - label: Water\n      polygons:\n        - [[0, 0], [5, 0], [700, 5]]\n",
            "outside the 600 x 420",
            13,
        ),
        (
            "  masks:\n    - {label: Water, polygons: [[[0, 0], [0.2, 0], [0.2, 0.2]]]}\n",
            "covers no pixel",
            11,
        ),
        (
            "  masks:\n    - {label: Water, counts: [0, 252000]}\n    - {label: Water, counts: [0, 252000]}\n",
            "one mask per class",
            12,
        ),
        ("  masks: 3\n", "'masks' must be a list", 10),
        ("  masks: []\nboundary_tolerance: 50\n", "'boundary_tolerance' must be at most 20", 11),
    ],
)
def test_authoring_errors_name_file_and_line(gold, words, line):
    error = error_of(HEAD + "gold:\n" + gold, PAGE)
    assert words in error.message
    assert error.path == PAGE
    assert error.line == line, str(error)


def test_a_full_size_mask_grades_from_its_runs():
    # The rasterised pond of the course's first mask exercise against itself shifted.
    assert (ROOT / IMAGE).exists()
    gold = rle.intervals(rle.rasterize([[[50, 40], [560, 60], [520, 390], [80, 380]]], 600, 420))
    shifted = [(s + 420 * 3, e + 420 * 3) for s, e in gold]
    f, precision, recall = rle.boundary_f(
        rle.boundary(shifted, 600, 420), rle.boundary(gold, 600, 420), 600, 420, 2
    )
    assert 0 < f < 1 and precision == pytest.approx(recall, abs=0.05)


def test_agreement_is_the_mean_class_iou_between_raters():
    from annotrain.agreement.ratings import TaskRatings
    from annotrain.tasktypes.masks.agreement import analyse, read

    def square(x0: int, side: int) -> dict:
        # A side x side square at (x0, 0) in a 10 x 10 image: counts column by column.
        counts = [x0 * 10]
        for _ in range(side):
            counts += [side, 10 - side]
        counts[-1] += 100 - (x0 + side) * 10
        return {"label": "Water", "size": [10, 10], "counts": counts}

    a = read({"masks": [square(0, 4)]})
    b = read({"masks": [square(2, 4)]})  # shares 2 x 4 = 8 of 16 + 16 - 8 = 24 pixels
    c = read({"masks": [square(0, 4), {**square(6, 2), "label": "Roof"}]})
    assert read({"masks": [{"label": "Water", "counts": [1, 2]}]}) == {}  # no size
    assert read(None) is None
    rows, summary = analyse(
        [TaskRatings("t", "masks", ("Water", "Roof"), {"1": a, "2": b, "3": c})]
    )
    # Pairs: (a, b) 8/24; (a, c) Water 1, Roof only in c: 0 -> 1/2; (b, c) (8/24 + 0) / 2.
    expected = (8 / 24 + 1 / 2 + 8 / 48) / 3
    assert rows[0].agreement == pytest.approx(expected)
    assert summary["mean_iou"] == pytest.approx(expected)
    assert {d["label"]: d["pairs"] for d in summary["classes"]} == {"Water": 3, "Roof": 2}
