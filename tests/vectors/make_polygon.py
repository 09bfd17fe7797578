"""Writes tests/vectors/polygon.json: polygon grading cases worked out by hand.

Run from the repository root (image paths are relative to it):
PYTHONPATH=plugins python tests/vectors/make_polygon.py

The gold has three simple shapes whose areas are easy to reckon with: a
100 x 100 square (10 000 px²), an L of 100 x 50 plus 50 x 50 (7 500 px²) and a
right triangle with legs of 100 (5 000 px²). Every IoU, distance and score
below is computed on paper from the definitions in tasktypes/polygon.py (the
arithmetic is written out in each case's name or comment), never by the grader.
"""

from __future__ import annotations

import math

import yaml
from common import blank, blank_cases, crit, grade, named, nogold, task_reader, write

RUBRIC = yaml.safe_load(
    """
pass: 0.8
levels: [{value: 5, name: Gold standard}, {value: 3, name: Acceptable}, {value: 1, name: Needs re-annotation}]
criteria:
  - {id: completeness, name: Completeness, weight: 2, critical: true, measure: recall,
     levels: {5: {min: 1, descriptor: all found}, 3: {min: 0.5, descriptor: half found}, 1: {descriptor: few found}}}
  - {id: labels, name: Labels, measure: label_accuracy,
     levels: {5: {min: 1, descriptor: labels right}, 3: {min: 0.5, descriptor: half right}, 1: {descriptor: labels wrong}}}
  - {id: extras, name: Extras, measure: precision,
     levels: {5: {min: 1, descriptor: no extras}, 3: {min: 0.5, descriptor: some extras}, 1: {descriptor: mostly extras}}}
  - {id: overlap, name: Overlap, measure: mean_iou,
     levels: {5: {min: 0.9, descriptor: tight}, 3: {min: 0.6, descriptor: loose}, 1: {descriptor: far off}}}
  - {id: corners, name: Corners, measure: vertex_deviation,
     levels: {5: {max: 2, descriptor: on the corners}, 3: {max: 10, descriptor: near the corners}, 1: {descriptor: far from the corners}}}
"""
)


task = task_reader({"polygon-all": RUBRIC})


SQUARE = [[100, 100], [200, 100], [200, 200], [100, 200]]
ELL = [[300, 100], [400, 100], [400, 150], [350, 150], [350, 200], [300, 200]]
TRIANGLE = [[100, 300], [200, 300], [100, 400]]

MAP = task(
    f"""
type: polygon
id: map
prompt: Outline every building and the pond.
image: course/assets/images/aerial-01.png
labels: [Building, Water]
rubric: polygon-all
gold:
  polygons:
    - {{label: Building, points: {SQUARE}}}
    - {{label: Building, points: {ELL}}}
    - {{label: Water, points: {TRIANGLE}}}
"""
)
EMPTY = task(
    """
type: polygon
id: empty-map
prompt: Outline every building, if there is one.
image: course/assets/images/aerial-01.png
labels: [Building]
rubric: polygon-all
gold: {polygons: []}
"""
)
UNICODE = task(
    f"""
type: polygon
id: etang
prompt: Entourez l'étang.
image: course/assets/images/aerial-01.png
labels: ["Étang 💧", "Bâtiment"]
match_iou: 0.8
rubric: polygon-all
gold:
  polygons:
    - {{label: "Étang 💧", points: {TRIANGLE}}}
"""
)


def building(points):
    return {"label": "Building", "points": points}


def water(points):
    return {"label": "Water", "points": points}


EXACT = [building(SQUARE), building(ELL), water(TRIANGLE)]
# 600 x 420 image: the diagonal is sqrt(600² + 420²) = sqrt(536 400).
DIAGONAL = math.sqrt(536400)

ALL_FOUND = "You outlined every gold object."
NO_EXTRA = "Every polygon you drew matches a gold object."
LABELS_RIGHT = "Every matched outline has the gold label."
NONE_DRAWN = "You did not draw any polygon."
NO_MATCH = "None of your polygons matches a gold object, so there is no outline to measure."
NOTHING = "The gold has nothing to outline in this image."


def iou_note(name, number, iou):
    return f"{name}: your polygon {number} overlaps it with IoU {iou}."


def on_corners(name):
    return f"{name}: your outline runs through every gold corner."


def deviation(name, distance, x, y):
    return f"{name}: your outline is up to {distance} px from the gold corner at ({x}, {y})."


def missed_iou(*names):
    return "Missed objects count as IoU 0: " + ", ".join(f"\u201c{n}\u201d" for n in names) + "."


def extra(number, label):
    return f"Your polygon {number} ({label}) matches no gold object."


def missed(name):
    return f"{name} missed."


def crossing(number, label, first, second):
    return (
        f"Your polygon {number} ({label}) crosses itself (edges {first} and {second}); where "
        "its outline loops the other way, that area counts against its overlap."
    )


PERFECT_OVERLAP = [
    iou_note("Building 1", 1, "1"),
    iou_note("Building 2", 2, "1"),
    iou_note("Water", 3, "1"),
]
PERFECT_CORNERS = [on_corners("Building 1"), on_corners("Building 2"), on_corners("Water")]

CASES = [
    (
        "the gold itself: every measure at its best",
        MAP,
        {"polygons": EXACT},
        grade(
            "map",
            "polygon",
            1.0,
            True,
            completeness=crit(5, 1.0, "all found", ALL_FOUND),
            labels=crit(5, 1.0, "labels right", LABELS_RIGHT),
            extras=crit(5, 1.0, "no extras", NO_EXTRA),
            overlap=crit(5, 1.0, "tight", *PERFECT_OVERLAP),
            corners=crit(5, 0.0, "on the corners", *PERFECT_CORNERS),
        ),
    ),
    (
        "the same outlines drawn the other way round and in another order",
        MAP,
        {
            "polygons": [
                water(TRIANGLE[::-1]),
                building(ELL[3:] + ELL[:3]),
                building(SQUARE[::-1]),
            ]
        },
        grade(
            "map",
            "polygon",
            1.0,
            True,
            completeness=crit(5, 1.0, "all found", ALL_FOUND),
            labels=crit(5, 1.0, "labels right", LABELS_RIGHT),
            extras=crit(5, 1.0, "no extras", NO_EXTRA),
            overlap=crit(
                5,
                1.0,
                "tight",
                iou_note("Building 1", 3, "1"),
                iou_note("Building 2", 2, "1"),
                iou_note("Water", 1, "1"),
            ),
            corners=crit(5, 0.0, "on the corners", *PERFECT_CORNERS),
        ),
    ),
    (
        "no response: a blank, 0",
        MAP,
        None,
        blank(MAP),
    ),
    (
        "square shifted 10 px right: IoU 9000 / 11000, mean (9/11 + 2) / 3, worst corner 10 px;"
        " (2*5 + 5 + 5 + 5 + 3) / 30",
        MAP,
        {
            "polygons": [
                building([[110, 100], [210, 100], [210, 200], [110, 200]]),
                building(ELL),
                water(TRIANGLE),
            ]
        },
        grade(
            "map",
            "polygon",
            28 / 30,
            True,
            completeness=crit(5, 1.0, "all found", ALL_FOUND),
            labels=crit(5, 1.0, "labels right", LABELS_RIGHT),
            extras=crit(5, 1.0, "no extras", NO_EXTRA),
            overlap=crit(
                5,
                (9000 / 11000 + 2) / 3,
                "tight",
                iou_note("Building 1", 1, "0.82"),
                iou_note("Building 2", 2, "1"),
                iou_note("Water", 3, "1"),
            ),
            # (100, 100) and (100, 200) are both 10 px from the new left edge: the first is named.
            corners=crit(
                3,
                10.0,
                "near the corners",
                deviation("Building 1", "10", "100", "100"),
                on_corners("Building 2"),
                on_corners("Water"),
            ),
        ),
    ),
    (
        "the L outlined as its bounding rectangle: IoU 7500 / 10000; the inner corner"
        " (350, 150) is 50 px from the rectangle; (2*5 + 5 + 5 + 5 + 1) / 30",
        MAP,
        {
            "polygons": [
                building(SQUARE),
                building([[300, 100], [400, 100], [400, 200], [300, 200]]),
                water(TRIANGLE),
            ]
        },
        grade(
            "map",
            "polygon",
            26 / 30,
            True,
            completeness=crit(5, 1.0, "all found", ALL_FOUND),
            labels=crit(5, 1.0, "labels right", LABELS_RIGHT),
            extras=crit(5, 1.0, "no extras", NO_EXTRA),
            overlap=crit(
                5,
                (1 + 0.75 + 1) / 3,
                "tight",
                iou_note("Building 1", 1, "1"),
                iou_note("Building 2", 2, "0.75"),
                iou_note("Water", 3, "1"),
            ),
            corners=crit(
                1,
                50.0,
                "far from the corners",
                on_corners("Building 1"),
                deviation("Building 2", "50", "350", "150"),
                on_corners("Water"),
            ),
        ),
    ),
    (
        "water outlined as Building, the L missed, an extra square:"
        " recall 2/3, labels 1/2, precision 2/3, mean IoU (1 + 0 + 1) / 3;"
        " (2*3 + 3 + 3 + 3 + 5) / 30",
        MAP,
        {
            "polygons": [
                building(SQUARE),
                building(TRIANGLE),
                water([[500, 300], [550, 300], [550, 350], [500, 350]]),
            ]
        },
        grade(
            "map",
            "polygon",
            20 / 30,
            False,
            completeness=crit(3, 2 / 3, "half found", missed("Building 2")),
            labels=crit(3, 0.5, "half right", "Water outlined as Building."),
            extras=crit(3, 2 / 3, "some extras", extra(3, "Water")),
            overlap=crit(
                3,
                2 / 3,
                "loose",
                iou_note("Building 1", 1, "1"),
                iou_note("Water", 2, "1"),
                missed_iou("Building 2"),
            ),
            corners=crit(5, 0.0, "on the corners", on_corners("Building 1"), on_corners("Water")),
        ),
    ),
    (
        "a 40 x 40 square inside the L overlaps it by 1600 / 7500 = 0.21, not above 0.5:"
        " missed and extra, mean IoU 2/3; (2*3 + 5 + 3 + 3 + 5) / 30",
        MAP,
        {
            "polygons": [
                building(SQUARE),
                building([[300, 100], [340, 100], [340, 140], [300, 140]]),
                water(TRIANGLE),
            ]
        },
        grade(
            "map",
            "polygon",
            22 / 30,
            False,
            completeness=crit(
                3,
                2 / 3,
                "half found",
                "Building 2 missed: your closest outline overlaps it with IoU 0.21;"
                " a match needs more than 0.5.",
            ),
            labels=crit(5, 1.0, "labels right", LABELS_RIGHT),
            extras=crit(3, 2 / 3, "some extras", extra(2, "Building")),
            overlap=crit(
                3,
                2 / 3,
                "loose",
                iou_note("Building 1", 1, "1"),
                iou_note("Water", 3, "1"),
                missed_iou("Building 2"),
            ),
            corners=crit(5, 0.0, "on the corners", on_corners("Building 1"), on_corners("Water")),
        ),
    ),
    (
        "self-crossing square with a small loop at (120, 80): signed area (10000 + 10000 - 2000)"
        " / 2 = 9000; the loop lies outside the gold, so the overlap 9166.7 is clamped to 9000"
        " and IoU = 9000 / 10000; mean (0.9 + 2) / 3",
        MAP,
        {
            "polygons": [
                building([[100, 100], [200, 100], [200, 200], [100, 200], [120, 80]]),
                building(ELL),
                water(TRIANGLE),
            ]
        },
        grade(
            "map",
            "polygon",
            1.0,
            True,
            completeness=crit(5, 1.0, "all found", ALL_FOUND),
            labels=crit(5, 1.0, "labels right", LABELS_RIGHT),
            # Edge 1 runs (100, 100)-(200, 100); edge 4 (100, 200)-(120, 80) crosses it at x = 116.7.
            extras=crit(5, 1.0, "no extras", NO_EXTRA, crossing(1, "Building", 1, 4)),
            overlap=crit(
                5,
                (0.9 + 1 + 1) / 3,
                "tight",
                iou_note("Building 1", 1, "0.9"),
                iou_note("Building 2", 2, "1"),
                iou_note("Water", 3, "1"),
                crossing(1, "Building", 1, 4),
            ),
            corners=crit(5, 0.0, "on the corners", *PERFECT_CORNERS),
        ),
    ),
    (
        "a bow tie over the square: its two lobes cancel (signed area 0), so it has no area"
        " and matches nothing; (2*3 + 5 + 3 + 3 + 5) / 30",
        MAP,
        {
            "polygons": [
                building([[100, 100], [200, 100], [100, 200], [200, 200]]),
                building(ELL),
                water(TRIANGLE),
            ]
        },
        grade(
            "map",
            "polygon",
            22 / 30,
            False,
            completeness=crit(3, 2 / 3, "half found", missed("Building 1")),
            labels=crit(5, 1.0, "labels right", LABELS_RIGHT),
            extras=crit(
                3, 2 / 3, "some extras", extra(1, "Building"), crossing(1, "Building", 2, 4)
            ),
            overlap=crit(
                3,
                2 / 3,
                "loose",
                iou_note("Building 2", 2, "1"),
                iou_note("Water", 3, "1"),
                missed_iou("Building 1"),
                crossing(1, "Building", 2, 4),
            ),
            corners=crit(5, 0.0, "on the corners", on_corners("Building 2"), on_corners("Water")),
        ),
    ),
    (
        "malformed polygons and points are dropped: the square survives its closing repeat,"
        " the triangle its bad points; a three-point line stays, with no area, and folds back;"
        " (2*3 + 5 + 3 + 3 + 5) / 30",
        MAP,
        {
            "polygons": [
                "x",
                None,
                {"label": "Building"},
                {"label": "Roof", "points": SQUARE},
                {"label": ["Building"], "points": SQUARE},
                {"label": "Building", "points": [[100, 100], [200, 100]]},
                {"label": "Building", "points": "100,100 200,100 200,200"},
                {"label": "Building", "points": [*SQUARE, [100, 100]]},
                {
                    "label": "Water",
                    "points": [
                        [100, 300],
                        [True, 5],
                        [200, 300],
                        ["a", 1],
                        [200, 300],
                        [100, 400],
                        [1, 2, 3],
                        {"x": 1, "y": 2},
                        None,
                    ],
                },
                {"label": "Building", "points": [[10, 10], [20, 20], [30, 30]]},
            ]
        },
        grade(
            "map",
            "polygon",
            22 / 30,
            False,
            completeness=crit(3, 2 / 3, "half found", missed("Building 2")),
            labels=crit(5, 1.0, "labels right", LABELS_RIGHT),
            # Closing edge 3 (30, 30)-(10, 10) runs back over edge 1 (10, 10)-(20, 20).
            extras=crit(
                3, 2 / 3, "some extras", extra(3, "Building"), crossing(3, "Building", 1, 3)
            ),
            overlap=crit(
                3,
                2 / 3,
                "loose",
                iou_note("Building 1", 1, "1"),
                iou_note("Water", 2, "1"),
                missed_iou("Building 2"),
                crossing(3, "Building", 1, 3),
            ),
            corners=crit(5, 0.0, "on the corners", on_corners("Building 1"), on_corners("Water")),
        ),
    ),
    (
        "a point below the 420 px image is moved to its edge: the triangle (100, 300),"
        " (200, 300), (100, 420) holds the gold triangle, IoU 5000 / 6000",
        MAP,
        {
            "polygons": [
                building(SQUARE),
                building(ELL),
                water([[100, 300], [200, 300], [100, 900]]),
            ]
        },
        grade(
            "map",
            "polygon",
            1.0,
            True,
            completeness=crit(5, 1.0, "all found", ALL_FOUND),
            labels=crit(5, 1.0, "labels right", LABELS_RIGHT),
            extras=crit(5, 1.0, "no extras", NO_EXTRA),
            overlap=crit(
                5,
                (1 + 1 + 5000 / 6000) / 3,
                "tight",
                iou_note("Building 1", 1, "1"),
                iou_note("Building 2", 2, "1"),
                iou_note("Water", 3, "0.83"),
            ),
            # (100, 400) lies on the new left edge x = 100: every gold corner is on the outline.
            corners=crit(5, 0.0, "on the corners", *PERFECT_CORNERS),
        ),
    ),
    (
        "polygons that are not a list: a blank, 0",
        MAP,
        {"polygons": {"label": "Building", "points": SQUARE}},
        blank(MAP),
    ),
    (
        "empty gold, empty answer: nothing to outline and nothing outlined",
        EMPTY,
        {"polygons": []},
        grade(
            "empty-map",
            "polygon",
            1.0,
            True,
            completeness=crit(5, 1.0, "all found", NOTHING),
            labels=crit(5, 1.0, "labels right", NOTHING),
            extras=crit(5, 1.0, "no extras", NONE_DRAWN),
            overlap=crit(5, 1.0, "tight", NOTHING),
            corners=crit(5, 0.0, "on the corners", NOTHING),
        ),
    ),
    (
        "empty gold, one polygon drawn: precision 0; (2*5 + 5 + 1 + 5 + 5) / 30",
        EMPTY,
        {"polygons": [building(SQUARE)]},
        grade(
            "empty-map",
            "polygon",
            26 / 30,
            True,
            completeness=crit(5, 1.0, "all found", NOTHING),
            labels=crit(5, 1.0, "labels right", NOTHING),
            extras=crit(1, 0.0, "mostly extras", extra(1, "Building")),
            overlap=crit(5, 1.0, "tight", NOTHING),
            corners=crit(5, 0.0, "on the corners", NOTHING),
        ),
    ),
    (
        "Unicode labels; match_iou 0.8: a triangle overlapping the gold by 5000 / 6000 = 0.83"
        " matches; (2*5 + 5 + 5 + 3 + 5) / 30",
        UNICODE,
        {"polygons": [{"label": "Étang 💧", "points": [[100, 300], [220, 300], [100, 400]]}]},
        # Learner triangle (100, 300), (220, 300), (100, 400): area 6000 and it holds the gold
        # triangle. Gold corner (200, 300) lies on its top edge; (100, 400) is a vertex. All 0 px.
        grade(
            "etang",
            "polygon",
            28 / 30,
            True,
            completeness=crit(5, 1.0, "all found", ALL_FOUND),
            labels=crit(5, 1.0, "labels right", LABELS_RIGHT),
            extras=crit(5, 1.0, "no extras", NO_EXTRA),
            overlap=crit(3, 5000 / 6000, "loose", iou_note("Étang 💧", 1, "0.83")),
            corners=crit(5, 0.0, "on the corners", on_corners("Étang 💧")),
        ),
    ),
    (
        "Unicode label on the wrong class, below match_iou 0.8: IoU 5000 / 7000 = 0.71 is a miss",
        UNICODE,
        {"polygons": [{"label": "Bâtiment", "points": [[100, 300], [240, 300], [100, 400]]}]},
        # Area 7000 holding the gold triangle (5000): IoU 5/7 = 0.714, not above 0.8.
        grade(
            "etang",
            "polygon",
            0.2,
            False,
            completeness=crit(
                1,
                0.0,
                "few found",
                "Étang 💧 missed: your closest outline overlaps it with IoU 0.71;"
                " a match needs more than 0.8.",
            ),
            labels=crit(1, 0.0, "labels wrong", NO_MATCH),
            extras=crit(1, 0.0, "mostly extras", extra(1, "Bâtiment")),
            overlap=crit(1, 0.0, "far off", missed_iou("Étang 💧")),
            corners=crit(1, DIAGONAL, "far from the corners", NO_MATCH),
        ),
    ),
]

# Wrong checks made before the answer is shown: objects are counted, outlines
# named by the learner's polygon number, corners never placed.
NOGOLD = [
    nogold(
        named(CASES, "water outlined as Building"),
        completeness=["Objects with no outline of yours on them: 1."],
        labels=["Your polygon 2 is labelled Building, which is not the object's label."],
        overlap=[
            "Your polygon 1 overlaps its object with IoU 1.",
            "Your polygon 2 overlaps its object with IoU 1.",
            "Objects missed count as IoU 0: 1.",
        ],
        corners=[
            "Your polygon 1 runs through every corner of its object.",
            "Your polygon 2 runs through every corner of its object.",
        ],
    ),
    nogold(
        named(CASES, "a 40 x 40 square inside the L"),
        completeness=[
            "An object missed: your closest outline overlaps it with IoU 0.21;"
            " a match needs more than 0.5."
        ],
        overlap=[
            "Your polygon 1 overlaps its object with IoU 1.",
            "Your polygon 3 overlaps its object with IoU 1.",
            "Objects missed count as IoU 0: 1.",
        ],
        corners=[
            "Your polygon 1 runs through every corner of its object.",
            "Your polygon 3 runs through every corner of its object.",
        ],
    ),
]


if __name__ == "__main__":
    write(
        "polygon",
        "Polygons: exact IoU matching, recall, precision, labels, mean IoU, vertex deviation;"
        " empty gold, malformed and self-crossing outlines.",
        CASES + blank_cases("polygons", MAP, EMPTY) + NOGOLD,
    )
