"""Writes tests/vectors/masks.json: masks grading cases worked out by hand.

Run from the repository root (image paths are relative to it):
PYTHONPATH=plugins python tests/vectors/make_masks.py

The image is 600 x 420 (aerial-01.png). Masks are squares written as COCO run
lengths by ``square`` below (an encoding of its own, column by column, not the
grader's). A 100 x 100 square has 10 000 pixels and 396 boundary pixels (four
sides of 100, corners counted once); every IoU, boundary count and score below
is reckoned on paper, with the reasoning in the case's name or comment.
"""

from __future__ import annotations

import yaml
from common import blank_cases, crit, grade, nogold, task_reader, write

W, H = 600, 420

RUBRIC = yaml.safe_load(
    """
pass: 0.8
levels: [{value: 5, name: Gold standard}, {value: 3, name: Acceptable}, {value: 1, name: Needs re-annotation}]
criteria:
  - {id: overlap, name: Overlap, measure: mean_iou,
     levels: {5: {min: 0.9, descriptor: tight}, 3: {min: 0.5, descriptor: loose}, 1: {descriptor: far off}}}
  - {id: worst, name: Worst class, measure: worst_iou,
     levels: {5: {min: 0.9, descriptor: every class tight}, 3: {min: 0.5, descriptor: a class loose}, 1: {descriptor: a class far off}}}
  - {id: edges, name: Edges, measure: boundary_f,
     levels: {5: {min: 0.9, descriptor: sharp}, 3: {min: 0.45, descriptor: rough}, 1: {descriptor: ragged}}}
"""
)

task = task_reader({"masks-all": RUBRIC})


def square(x0: int, y0: int, side: int = 100) -> list[int]:
    """Counts of the square x0..x0+side-1, y0..y0+side-1: per column, gaps of background."""
    counts = [x0 * H + y0]
    for column in range(side):
        counts.append(side)
        gap = H - side if column < side - 1 else (W - x0 - side) * H + H - y0 - side
        counts.append(gap)
    return counts


def mask(label: str, counts: list[int]) -> dict:
    return {"label": label, "size": [H, W], "counts": counts}


FIELD = task(
    f"""
type: masks
id: field
prompt: Paint the pond as Water and the roof as Roof.
image: course/assets/images/aerial-01.png
labels: [Water, Roof, Road]
rubric: masks-all
gold:
  masks:
    - {{label: Water, polygons: [[[100, 100], [200, 100], [200, 200], [100, 200]]]}}
    - {{label: Roof, counts: {square(300, 200)}}}
"""
)
STRICT = task(
    """
type: masks
id: strict
prompt: Paint the pond, edge pixel for edge pixel.
image: course/assets/images/aerial-01.png
labels: ["Étang 💧"]
boundary_tolerance: 0
rubric: masks-all
gold:
  masks:
    - {label: "Étang 💧", polygons: [[[100, 100], [200, 100], [200, 200], [100, 200]]]}
"""
)
EMPTY = task(
    """
type: masks
id: empty
prompt: Paint the water, if there is any.
image: course/assets/images/aerial-01.png
labels: [Water]
rubric: masks-all
gold: {masks: []}
"""
)

POND = square(100, 100)
ROOF = square(300, 200)
NOTHING = "The gold has nothing to paint in this image, and you painted nothing."


def iou(label, value):
    return f"{label}: your mask overlaps the gold with IoU {value}."


def edges(label, f, p, r, tolerance="2"):
    return f"{label}: boundary F {f} (precision {p}, recall {r}, within {tolerance} px)."


def missed(label):
    return f"{label}: not painted, so it scores 0."


def extra(label, pixels):
    return f"{label}: you painted {pixels} px, but the gold has none of this class here, so it scores 0."


def worst(label, value):
    return f"Lowest class: {label}, IoU {value}."


PERFECT = grade(
    "field",
    "masks",
    1.0,
    True,
    overlap=crit(5, 1.0, "tight", iou("Water", "1"), iou("Roof", "1")),
    worst=crit(5, 1.0, "every class tight", worst("Water", "1")),
    edges=crit(5, 1.0, "sharp", edges("Water", "1", "1", "1"), edges("Roof", "1", "1", "1")),
)

# The pond shifted 10 px right (x 110-209). IoU: 90 x 100 shared / 11 000 = 9/11.
# Its boundary within 2 px of the gold's: top row x 110-199 on the gold's top row,
# x 200 and 201 at 1 and 2 px from the corner (199, 100): 92; the bottom row the
# same, 92; the left column x 110 (y 101-198) only at y 101, 102, 197, 198 (the
# gold's top and bottom rows pass through x 110): 4; the right column x 209 is 10
# px from anything: 0. Precision 188 / 396; recall the same by symmetry; F = 188 / 396.
SHIFTED = 188 / 396
MISSED_ROOF = missed("Roof")

CASES = [
    (
        "the gold itself: every class exact",
        FIELD,
        {"masks": [mask("Water", POND), mask("Roof", ROOF)]},
        PERFECT,
    ),
    (
        "the same masks, classes in the other order, counts with empty runs and a tail cut off",
        FIELD,
        {
            "masks": [
                mask("Roof", [0, 0] + ROOF[:-1] + [ROOF[-1] + 5000]),
                mask("Water", POND[:-1]),
            ]
        },
        PERFECT,
    ),
    (
        "pond shifted 10 px right: IoU 9/11, F 188/396; mean IoU (9/11 + 1) / 2, worst 9/11,"
        " mean F (188/396 + 1) / 2 = 0.737; (5 + 3 + 3) / 15",
        FIELD,
        {"masks": [mask("Water", square(110, 100)), mask("Roof", ROOF)]},
        grade(
            "field",
            "masks",
            11 / 15,
            False,
            overlap=crit(5, (9 / 11 + 1) / 2, "tight", iou("Water", "0.82"), iou("Roof", "1")),
            worst=crit(3, 9 / 11, "a class loose", worst("Water", "0.82")),
            edges=crit(
                3,
                (SHIFTED + 1) / 2,
                "rough",
                edges("Water", "0.47", "0.47", "0.47"),
                edges("Roof", "1", "1", "1"),
            ),
        ),
    ),
    (
        "roof missed: its class scores 0; mean IoU 1/2, worst 0, mean F 1/2; (3 + 1 + 3) / 15",
        FIELD,
        {"masks": [mask("Water", POND)]},
        grade(
            "field",
            "masks",
            7 / 15,
            False,
            overlap=crit(3, 0.5, "loose", iou("Water", "1"), MISSED_ROOF),
            worst=crit(1, 0.0, "a class far off", worst("Roof", "0")),
            edges=crit(3, 0.5, "rough", edges("Water", "1", "1", "1"), MISSED_ROOF),
        ),
    ),
    (
        "the roof painted as Road: Roof missed and Road extra, three classes at 1, 0, 0:"
        " mean 1/3; (1 + 1 + 1) / 15",
        FIELD,
        {"masks": [mask("Water", POND), mask("Road", ROOF)]},
        grade(
            "field",
            "masks",
            3 / 15,
            False,
            overlap=crit(1, 1 / 3, "far off", iou("Water", "1"), MISSED_ROOF, extra("Road", 10000)),
            worst=crit(1, 0.0, "a class far off", worst("Roof", "0")),
            edges=crit(
                1,
                1 / 3,
                "ragged",
                edges("Water", "1", "1", "1"),
                MISSED_ROOF,
                extra("Road", 10000),
            ),
        ),
    ),
    (
        "unknown labels, a repeated class, bad counts and an empty mask are dropped:"
        " only the first Water counts",
        FIELD,
        {
            "masks": [
                mask("Lake", POND),
                {"label": "Roof", "counts": [10, "x"]},
                {"label": "Road", "counts": [W * H]},
                mask("Water", POND),
                mask("Water", ROOF),
                {"label": "Roof", "counts": [-1, 5]},
                "Roof",
            ]
        },
        grade(
            "field",
            "masks",
            7 / 15,
            False,
            overlap=crit(3, 0.5, "loose", iou("Water", "1"), MISSED_ROOF),
            worst=crit(1, 0.0, "a class far off", worst("Roof", "0")),
            edges=crit(3, 0.5, "rough", edges("Water", "1", "1", "1"), MISSED_ROOF),
        ),
    ),
    (
        "tolerance 0, pond shifted 1 px right: IoU 9 900 / 10 100; top and bottom rows share"
        " 99 pixels each with the gold's, the sides none: P = R = 198/396 = 0.5; (5 + 5 + 3) / 15",
        STRICT,
        {"masks": [mask("Étang 💧", square(101, 100))]},
        grade(
            "strict",
            "masks",
            13 / 15,
            True,
            overlap=crit(5, 9900 / 10100, "tight", iou("Étang 💧", "0.98")),
            worst=crit(5, 9900 / 10100, "every class tight", worst("Étang 💧", "0.98")),
            edges=crit(3, 0.5, "rough", edges("Étang 💧", "0.5", "0.5", "0.5", "0")),
        ),
    ),
    (
        "nothing in the gold, nothing painted (the explicit empty list): 1 everywhere",
        EMPTY,
        {"masks": []},
        grade(
            "empty",
            "masks",
            1.0,
            True,
            overlap=crit(5, 1.0, "tight", NOTHING),
            worst=crit(5, 1.0, "every class tight", NOTHING),
            edges=crit(5, 1.0, "sharp", NOTHING),
        ),
    ),
    (
        "nothing in the gold, water painted: the class scores 0",
        EMPTY,
        {"masks": [mask("Water", square(0, 0, 10))]},
        grade(
            "empty",
            "masks",
            3 / 15,
            False,
            overlap=crit(1, 0.0, "far off", extra("Water", 100)),
            worst=crit(1, 0.0, "a class far off", worst("Water", "0")),
            edges=crit(1, 0.0, "ragged", extra("Water", 100)),
        ),
    ),
    *blank_cases("masks", FIELD, EMPTY),
]

HIDDEN = "Classes in the image you did not paint score 0: 1."
CASES.append(
    nogold(
        CASES[3],
        overlap=[iou("Water", "1"), HIDDEN],
        worst=["Your lowest class IoU is 0."],
        edges=[edges("Water", "1", "1", "1"), HIDDEN],
    )
)

if __name__ == "__main__":
    write("masks", "masks grading cases worked out by hand (see make_masks.py)", CASES)
