"""Writes tests/vectors/bbox.json: shared grading vectors for the bbox task type.

Every expected value below is worked out by hand from the definitions in
``tasktypes/bbox.py`` (its docstring) and the rubric ``boxes-standard`` in
quizzes/rubrics.yml (weights: completeness 3 and correctness 2, both critical;
precision 3; false alarms 1; levels 5/3/1, so the best total is 9 x 5 = 45).
The working is in each case's name and comments, never computed by the grader.
Run: python tests/vectors/make_bbox.py
"""

from __future__ import annotations

import yaml
from common import ROOT, blank, blank_cases, crit, grade, named, nogold, task_reader, write

from annotrain.course.media import MediaLibrary

EXTRA_RUBRICS = yaml.safe_load(
    """
box-overlap:
  pass: 0.8
  levels: [{value: 5, name: Gold standard}, {value: 3, name: Acceptable}, {value: 1, name: Needs re-annotation}]
  criteria:
    - {id: overlap, name: Overlap, measure: mean_iou,
       levels: {5: {min: 0.9, descriptor: close}, 3: {min: 0.5, descriptor: rough}, 1: {descriptor: apart}}}
    - {id: edges, name: Edges, measure: mean_edge_deviation,
       levels: {5: {max: 1, descriptor: tight}, 3: {max: 4, descriptor: loose}, 1: {descriptor: far}}}
"""
)


# Written as if in tests/vectors/bbox.md, so images are found from there; only the
# image's size matters to grading (the diagonal when nothing matches).
task = task_reader(EXTRA_RUBRICS, "tests/vectors/bbox.md", MediaLibrary(ROOT))

LABELS = "[Solder Bridge, Missing Component, Scratch]"
ONE = task(
    f"""
type: bbox
id: one-bridge
prompt: Box the defect.
image: ../../course/assets/images/pcb-01.png
labels: {LABELS}
rubric: boxes-standard
gold:
  boxes:
    - {{label: Solder Bridge, x: 126, y: 198, w: 27, h: 15}}
"""
)
THREE = task(
    f"""
type: bbox
id: three-defects
prompt: Box every defect.
image: ../../course/assets/images/pcb-01.png
labels: {LABELS}
rubric: boxes-standard
gold:
  boxes:
    - {{label: Missing Component, x: 60, y: 48, w: 121, h: 101}}
    - {{label: Solder Bridge, x: 126, y: 198, w: 27, h: 15}}
    - {{label: Scratch, x: 420, y: 327, w: 117, h: 46}}
"""
)
EMPTY = task(
    f"""
type: bbox
id: clean-board
prompt: Box every defect, if there is any.
image: ../../course/assets/images/pcb-02.png
labels: {LABELS}
rubric: boxes-standard
gold: {{boxes: []}}
"""
)
STRICT = task(
    f"""
type: bbox
id: strict-match
prompt: Box the defect.
image: ../../course/assets/images/pcb-01.png
labels: {LABELS}
match_iou: 0.5
rubric: boxes-standard
gold:
  boxes:
    - {{label: Solder Bridge, x: 126, y: 198, w: 27, h: 15}}
"""
)
OVERLAP = task(
    f"""
type: bbox
id: overlap-means
prompt: Box every defect.
image: ../../course/assets/images/pcb-01.png
labels: {LABELS}
rubric: box-overlap
gold:
  boxes:
    - {{label: Missing Component, x: 60, y: 48, w: 121, h: 101}}
    - {{label: Solder Bridge, x: 126, y: 198, w: 27, h: 15}}
    - {{label: Scratch, x: 420, y: 327, w: 117, h: 46}}
"""
)
CAT = task(
    """
type: bbox
id: cat-emoji
prompt: Box the animal.
image: ../../course/assets/images/chelsea.jpg
labels: ["🐈 Cat", "Dog (é)"]
rubric: boxes-standard
gold:
  boxes:
    - {label: "🐈 Cat", x: 100, y: 20, w: 200, h: 250}
"""
)

C5 = "Every object the guideline asks for has a box."
C1 = "A quarter or more of the objects have no box: the model would learn that they are background."
L5 = "Every box carries the label of the object inside it."
L1 = "A quarter or more of the boxes carry the wrong label (or no box found an object)."
P5 = "Every edge lies within 2 px of the object's outline."
P3 = "Every edge lies within 5 px of the outline: tighten the loosest edge."
P1 = "At least one edge is more than 5 px from the outline: the box needs redrawing."
F5 = "Every box encloses an object the guideline asks for."
F1 = "A quarter or more of the boxes enclose nothing the guideline asks for (or none was drawn)."

NOTHING = "There is nothing to box in this image."
NO_MATCH = "No box of yours matched an object, so nothing more could be measured."
LABELS_RIGHT = "Every matched box has the right label."
NO_SPURIOUS = "Every box you drew matches an object."
NO_BOXES = "You drew no box."
BRIDGE_MISSED = "Missed: “Solder Bridge” at x 126–153, y 198–213 px."
#: sqrt(640² + 400²) = sqrt(569600): the edge deviation when nothing was matched.
DIAGONAL = 569600**0.5


def bridge(**changes):
    box = {"x": 126, "y": 198, "w": 27, "h": 15, "label": "Solder Bridge"}
    box.update(changes)
    return box


def exact(number, label="Solder Bridge"):
    return f"Box {number} (“{label}”): every edge within half a pixel of the object."


def nothing_found(tid, response, spurious=None):
    """A response that matches nothing on the one-bridge board: 1*3 + 1*2 + 1*3 + 1*1 = 9 / 45."""
    false_alarms = crit(1, 0.0, F1, *(spurious or [NO_BOXES]))
    return (
        tid,
        ONE,
        response,
        grade(
            "one-bridge",
            "bbox",
            0.2,
            False,
            completeness=crit(1, 0.0, C1, BRIDGE_MISSED),
            correctness=crit(1, 0.0, L1, NO_MATCH),
            precision=crit(1, DIAGONAL, P1, NO_MATCH),
            **{"false-alarms": false_alarms},
        ),
    )


def perfect(tid, response):
    return (
        tid,
        ONE,
        response,
        grade(
            "one-bridge",
            "bbox",
            1.0,
            True,
            completeness=crit(5, 1.0, C5, "You boxed every object (1)."),
            correctness=crit(5, 1.0, L5, LABELS_RIGHT),
            precision=crit(5, 0.0, P5, exact(1)),
            **{"false-alarms": crit(5, 1.0, F5, NO_SPURIOUS)},
        ),
    )


def one_box(tid, response, score, passed, precision, correctness=None, false_alarms=None):
    return (
        tid,
        ONE,
        response,
        grade(
            "one-bridge",
            "bbox",
            score,
            passed,
            completeness=crit(5, 1.0, C5, "You boxed every object (1)."),
            correctness=correctness or crit(5, 1.0, L5, LABELS_RIGHT),
            precision=precision,
            **{"false-alarms": false_alarms or crit(5, 1.0, F5, NO_SPURIOUS)},
        ),
    )


CASES = [
    perfect("exactly on the gold: every criterion at the top, 45 / 45", {"boxes": [bridge()]}),
    one_box(
        # IoU 405/525 > 0.3: matched; right edge 161 vs 153: 8 px > 5: precision 1.
        "right edge 8 px outside: precision needs re-annotation, (15 + 10 + 3 + 5) / 45",
        {"boxes": [bridge(w=35)]},
        33 / 45,
        False,
        crit(1, 8, P1, "Box 1 (“Solder Bridge”): 8 px outside the object on the right."),
    ),
    one_box(
        # edges 126, 200, 157, 213 vs 126, 198, 153, 213: deviations 0, 2, 4, 0.
        "top 2 px inside, right 4 px outside: acceptable, (15 + 10 + 9 + 5) / 45",
        {"boxes": [bridge(y=200, w=31, h=13)]},
        39 / 45,
        True,
        crit(
            3,
            4,
            P3,
            "Box 1 (“Solder Bridge”): 2 px inside the object at the top; "
            "4 px outside the object on the right.",
        ),
    ),
    one_box(
        # left edge 123.75: 2.25 px outside, shown as floor(22.5 + 0.5) / 10 = 2.3.
        "fractional pixels: 2.25 px shown as 2.3, a quarter pixel not mentioned",
        {"boxes": [bridge(x=123.75, y=198.25, w=29.25, h=14.75)]},
        39 / 45,
        True,
        crit(3, 2.25, P3, "Box 1 (“Solder Bridge”): 2.3 px outside the object on the left."),
    ),
    one_box(
        "the right box with the wrong label fails the critical correctness: 37 / 45",
        {"boxes": [bridge(label="Scratch")]},
        37 / 45,
        False,
        crit(5, 0.0, P5, exact(1)),
        correctness=crit(1, 0.0, L1, "Box 1 is labelled “Scratch”; the object is “Solder Bridge”."),
    ),
    one_box(
        "one extra box: precision 1/2, a false alarm, (15 + 10 + 15 + 1) / 45",
        {"boxes": [bridge(), {"x": 300, "y": 300, "w": 20, "h": 20, "label": "Scratch"}]},
        41 / 45,
        True,
        crit(5, 0.0, P5, exact(1)),
        false_alarms=crit(
            1, 0.5, F1, "Box 2 (“Scratch”, x 300–320, y 300–320 px) matches no object."
        ),
    ),
    one_box(
        # Two equal IoUs: the assignment takes the first learner box (the lower index).
        "a duplicate box: the first is matched, the second is a false alarm",
        {"boxes": [bridge(), bridge()]},
        41 / 45,
        True,
        crit(5, 0.0, P5, exact(1)),
        false_alarms=crit(
            1, 0.5, F1, "Box 2 (“Solder Bridge”, x 126–153, y 198–213 px) matches no object."
        ),
    ),
    perfect(
        "negative width and height describe the same rectangle",
        {"boxes": [bridge(x=153, y=213, w=-27, h=-15)]},
    ),
    perfect(
        "extra keys in a box are ignored",
        {"boxes": [bridge(colour="red", id=7)], "note": "hello"},
    ),
    nothing_found("no boxes: nothing matched, edge deviation the image diagonal", {"boxes": []}),
    ("no response at all: a blank, 0", ONE, None, blank(ONE)),
    ("boxes that are not a list: a blank, 0", ONE, {"boxes": "126,198,27,15"}, blank(ONE)),
    (
        "only malformed boxes (not a mapping, text, true, too large, unknown label): a blank, 0",
        ONE,
        {
            "boxes": [
                1,
                [126, 198, 27, 15],
                bridge(x="126"),
                bridge(w=True),
                bridge(x=1e9),
                bridge(label="Bridge"),
                bridge(label=None),
                {"x": 126, "y": 198, "w": 27},
            ]
        },
        blank(ONE),
    ),
    nothing_found(
        "a zero-area box overlaps nothing: a false alarm",
        {"boxes": [bridge(w=0)]},
        ["Box 1 (“Solder Bridge”, x 126–126, y 198–213 px) matches no object."],
    ),
    nothing_found(
        # Touching edges: intersection width 153 - 153 = 0, IoU 0.
        "a box touching the gold's right edge does not overlap it",
        {"boxes": [bridge(x=153)]},
        ["Box 1 (“Solder Bridge”, x 153–180, y 198–213 px) matches no object."],
    ),
    nothing_found(
        # Shifted 20 px: intersection 7 x 15 = 105, union 405 + 405 - 105 = 705, IoU 0.149.
        "IoU 0.149 is not above match_iou 0.3: missed and a false alarm",
        {"boxes": [bridge(x=146)]},
        ["Box 1 (“Solder Bridge”, x 146–173, y 198–213 px) matches no object."],
    ),
    one_box(
        # Shifted 11 px: intersection 16 x 15 = 240, union 810 - 240 = 570, IoU 0.421 > 0.3.
        "IoU 0.421 is above the default match_iou 0.3: matched, 11 px off",
        {"boxes": [bridge(x=137)]},
        33 / 45,
        False,
        crit(
            1,
            11,
            P1,
            "Box 1 (“Solder Bridge”): 11 px inside the object on the left; "
            "11 px outside the object on the right.",
        ),
    ),
    (
        "the same box with match_iou 0.5: not matched",
        STRICT,
        {"boxes": [bridge(x=137)]},
        grade(
            "strict-match",
            "bbox",
            0.2,
            False,
            completeness=crit(1, 0.0, C1, BRIDGE_MISSED),
            correctness=crit(1, 0.0, L1, NO_MATCH),
            precision=crit(1, DIAGONAL, P1, NO_MATCH),
            **{
                "false-alarms": crit(
                    1,
                    0.0,
                    F1,
                    "Box 1 (“Solder Bridge”, x 137–164, y 198–213 px) matches no object.",
                )
            },
        ),
    ),
    (
        # Pairs by IoU, not by order or label: gold 1 (component) <- box 2, gold 3 <- box 1.
        # Recall 2/3 < 0.75: level 1; labels right 1 of 2 = 0.5: level 1.
        # (3*1 + 2*1 + 3*5 + 1*5) / 45 = 25 / 45.
        "three defects: one missed, one mislabelled, learner order differs from gold",
        THREE,
        {
            "boxes": [
                {"x": 420, "y": 327, "w": 117, "h": 46, "label": "Scratch"},
                {"x": 60, "y": 48, "w": 121, "h": 101, "label": "Solder Bridge"},
            ]
        },
        grade(
            "three-defects",
            "bbox",
            25 / 45,
            False,
            completeness=crit(1, 2 / 3, C1, BRIDGE_MISSED),
            correctness=crit(
                1, 0.5, L1, "Box 2 is labelled “Solder Bridge”; the object is “Missing Component”."
            ),
            precision=crit(5, 0.0, P5, exact(2, "Missing Component"), exact(1, "Scratch")),
            **{"false-alarms": crit(5, 1.0, F5, NO_SPURIOUS)},
        ),
    ),
    (
        # Recall 3/3, labels 3/3, edges all exact, no extra box.
        "three defects, all exact, drawn in reverse order",
        THREE,
        {
            "boxes": [
                {"x": 420, "y": 327, "w": 117, "h": 46, "label": "Scratch"},
                bridge(),
                {"x": 60, "y": 48, "w": 121, "h": 101, "label": "Missing Component"},
            ]
        },
        grade(
            "three-defects",
            "bbox",
            1.0,
            True,
            completeness=crit(5, 1.0, C5, "You boxed every object (3)."),
            correctness=crit(5, 1.0, L5, LABELS_RIGHT),
            precision=crit(
                5, 0.0, P5, exact(3, "Missing Component"), exact(2), exact(1, "Scratch")
            ),
            **{"false-alarms": crit(5, 1.0, F5, NO_SPURIOUS)},
        ),
    ),
    (
        "empty gold, no box: perfect",
        EMPTY,
        {"boxes": []},
        grade(
            "clean-board",
            "bbox",
            1.0,
            True,
            completeness=crit(5, 1.0, C5, NOTHING),
            correctness=crit(5, 1.0, L5, NOTHING),
            precision=crit(5, 0.0, P5, NOTHING),
            **{"false-alarms": crit(5, 1.0, F5, NO_BOXES)},
        ),
    ),
    (
        # Only precision falls: 0 of 1 box matches. (15 + 10 + 15 + 1) / 45.
        "empty gold, one box: a false alarm",
        EMPTY,
        {"boxes": [bridge()]},
        grade(
            "clean-board",
            "bbox",
            41 / 45,
            True,
            completeness=crit(5, 1.0, C5, NOTHING),
            correctness=crit(5, 1.0, L5, NOTHING),
            precision=crit(5, 0.0, P5, NOTHING),
            **{
                "false-alarms": crit(
                    1,
                    0.0,
                    F1,
                    "Box 1 (“Solder Bridge”, x 126–153, y 198–213 px) matches no object.",
                )
            },
        ),
    ),
    (
        # Component box 2 px loose all round: IoU 121*101 / (125*105) = 12221/13125; scratch
        # exact: 1; bridge missed: 0. Mean IoU (12221/13125 + 1 + 0) / 3 = 0.644: level 3.
        # Edge deviations 2, 2, 2, 2, 0, 0, 0, 0: mean 1: level 5. (3 + 5) / 10 = 0.8.
        "mean IoU counts a missed object as 0; mean edge deviation over matched edges",
        OVERLAP,
        {
            "boxes": [
                {"x": 58, "y": 46, "w": 125, "h": 105, "label": "Missing Component"},
                {"x": 420, "y": 327, "w": 117, "h": 46, "label": "Scratch"},
            ]
        },
        grade(
            "overlap-means",
            "bbox",
            0.8,
            True,
            overlap=crit(
                3,
                (12221 / 13125 + 1) / 3,
                "rough",
                "Box 1 (“Missing Component”): overlap (IoU) 0.93 with the object.",
                "Box 2 (“Scratch”): overlap (IoU) 1 with the object.",
                "Objects missed (IoU 0): 1.",
            ),
            edges=crit(
                5,
                1.0,
                "tight",
                "Box 1 (“Missing Component”): 2 px outside the object on the left; "
                "2 px outside the object at the top; 2 px outside the object on the right; "
                "2 px outside the object at the bottom.",
                exact(2, "Scratch"),
            ),
        ),
    ),
    (
        # Nothing matched: mean IoU 0 (level 1); mean edge deviation the diagonal (level 1).
        "mean measures with no box",
        OVERLAP,
        {"boxes": []},
        grade(
            "overlap-means",
            "bbox",
            0.2,
            False,
            overlap=crit(1, 0.0, "apart", "Objects missed (IoU 0): 3."),
            edges=crit(1, DIAGONAL, "far", NO_MATCH),
        ),
    ),
    (
        # Geometry exact, label wrong: 37 / 45 but correctness is critical.
        "labels with emoji and accents are quoted as written",
        CAT,
        {"boxes": [{"x": 100, "y": 20, "w": 200, "h": 250, "label": "Dog (é)"}]},
        grade(
            "cat-emoji",
            "bbox",
            37 / 45,
            False,
            completeness=crit(5, 1.0, C5, "You boxed every object (1)."),
            correctness=crit(1, 0.0, L1, "Box 1 is labelled “Dog (é)”; the object is “🐈 Cat”."),
            precision=crit(5, 0.0, P5, exact(1, "🐈 Cat")),
            **{"false-alarms": crit(5, 1.0, F5, NO_SPURIOUS)},
        ),
    ),
]


# Wrong checks made before the answer is shown: no gold label or position named.
NOGOLD = [
    nogold(
        named(CASES, "right edge 8 px outside"),
        precision=["Box 1: 8 px outside the object on the right."],
    ),
    nogold(
        named(CASES, "the right box with the wrong label"),
        correctness=["Box 1 is labelled \u201cScratch\u201d, which is not the object's label."],
        precision=["Box 1: every edge within half a pixel of the object."],
    ),
    nogold(
        named(CASES, "three defects: one missed"),
        completeness=["Objects missed: 1."],
        correctness=[
            "Box 2 is labelled \u201cSolder Bridge\u201d, which is not the object's label."
        ],
        precision=[
            "Box 2: every edge within half a pixel of the object.",
            "Box 1: every edge within half a pixel of the object.",
        ],
    ),
]


if __name__ == "__main__":
    write(
        "bbox",
        "Bounding boxes: IoU matching, recall, label accuracy, edge deviation, false alarms; "
        "empty gold, no answer, malformed and degenerate boxes.",
        CASES + blank_cases("boxes", ONE, EMPTY) + NOGOLD,
    )
