"""Writes tests/vectors/bbox.json: shared grading vectors for the bbox task type.

Every expected value below is worked out by hand from the definitions in
``tasktypes/bbox/kind.py`` (its docstring) and the rubric ``boxes-standard`` in
quizzes/rubrics.yml (weights: completeness 3 and correctness 3, both critical;
cut edges 2, edges inside the object: at most 1 px for 5, 2 px for 3; loose edges
1, edges outside it: at most 2 px for 5, 5 px for 3; false alarms 1; levels
5/3/1, so the best total is 10 x 5 = 50). The working is in each case's name and
comments, never computed by the grader.
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
box-sides:
  pass: 0.8
  levels: [{value: 5, name: Gold standard}, {value: 3, name: Acceptable}, {value: 1, name: Needs re-annotation}]
  criteria:
    - {id: inward, name: Inward, measure: max_inward_deviation,
       levels: {5: {max: 2, descriptor: in-tight}, 3: {max: 4, descriptor: in-near}, 1: {descriptor: in-far}}}
    - {id: outward, name: Outward, measure: max_outward_deviation,
       levels: {5: {max: 5, descriptor: out-tight}, 3: {max: 10, descriptor: out-near}, 1: {descriptor: out-far}}}
    - {id: edges, name: Edges, measure: max_edge_deviation,
       levels: {5: {max: 2, descriptor: tight}, 3: {max: 5, descriptor: loose}, 1: {descriptor: far}}}
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
SIDES = task(
    f"""
type: bbox
id: edge-sides
prompt: Box every defect.
image: ../../course/assets/images/pcb-01.png
labels: {LABELS}
rubric: box-sides
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
K5 = "No edge cuts more than 1 px into its object."
K3 = "An edge cuts up to 2 px into its object: move it out to the outermost pixel."
K1 = "An edge cuts more than 2 px into its object: part of the object is hidden from the model."
O5 = "No edge lies more than 2 px outside its object."
O3 = "No edge lies more than 5 px outside its object: tighten the loosest edge."
O1 = "An edge lies more than 5 px outside its object: the box takes in too much background."
F5 = "Every box encloses an object the guideline asks for."
F1 = "A quarter or more of the boxes enclose nothing the guideline asks for (or none was drawn)."

NOTHING = "There is nothing to box in this image."
NO_MATCH = "No box of yours matched an object, so nothing more could be measured."
LABELS_RIGHT = "Every matched box has the right label."
NO_SPURIOUS = "Every box you drew matches an object."
NO_BOXES = "You drew no box."
BRIDGE_MISSED = "Missed: “Solder Bridge” at x 126–153, y 198–213 px."
NONE_IN = "No edge lies half a pixel or more inside its object."
NONE_OUT = "No edge lies half a pixel or more outside its object."
#: The edge criteria of boxes-standard when no edge is off by half a pixel or more.
CLEAN = {"cut-edges": crit(5, 0.0, K5, NONE_IN), "loose-edges": crit(5, 0.0, O5, NONE_OUT)}
#: sqrt(640² + 400²) = sqrt(569600): the edge deviation when nothing was matched.
DIAGONAL = 569600**0.5


def bridge(**changes):
    box = {"x": 126, "y": 198, "w": 27, "h": 15, "label": "Solder Bridge"}
    box.update(changes)
    return box


def exact(number, label="Solder Bridge"):
    return f"Box {number} (“{label}”): every edge within half a pixel of the object."


def unmatched(descriptor):
    """An edge criterion when nothing was matched: the image diagonal, the lowest level."""
    return crit(1, DIAGONAL, descriptor, NO_MATCH)


def nothing_found(tid, response, spurious=None):
    """A response that matches nothing on the one-bridge board: every criterion at 1, 10 / 50."""
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
            **{"cut-edges": unmatched(K1), "loose-edges": unmatched(O1)},
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
            **CLEAN,
            **{"false-alarms": crit(5, 1.0, F5, NO_SPURIOUS)},
        ),
    )


def one_box(tid, response, score, passed, edges=None, correctness=None, false_alarms=None):
    """One box on the one-bridge board; ``edges``: the edge criteria that differ from CLEAN."""
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
            **{**CLEAN, **(edges or {})},
            **{"false-alarms": false_alarms or crit(5, 1.0, F5, NO_SPURIOUS)},
        ),
    )


CASES = [
    perfect("exactly on the gold: every criterion at the top, 50 / 50", {"boxes": [bridge()]}),
    one_box(
        # IoU 405/525 > 0.3: matched; right edge 161 vs 153: 8 px outside > 5: loose
        # edges 1, nothing inside: cut edges 5. (15 + 15 + 10 + 1 + 5) / 50 passes.
        "right edge 8 px outside: loose edges need re-annotation, 46 / 50, passed",
        {"boxes": [bridge(w=35)]},
        46 / 50,
        True,
        {
            "loose-edges": crit(
                1, 8, O1, "Box 1 (“Solder Bridge”): 8 px outside the object on the right."
            )
        },
    ),
    one_box(
        # IoU 285/405 > 0.3; left edge 126 + 8 = 134: 8 px inside > 2: cut edges 1.
        # (15 + 15 + 2 + 5 + 5) / 50 = 0.84 still passes: precision is not critical.
        "left edge 8 px inside: cut edges need re-annotation, 42 / 50",
        {"boxes": [bridge(x=134, w=19)]},
        42 / 50,
        True,
        {
            "cut-edges": crit(
                1, 8, K1, "Box 1 (“Solder Bridge”): 8 px inside the object on the left."
            )
        },
    ),
    one_box(
        # edges 126, 200, 157, 213 vs 126, 198, 153, 213: top 2 px inside (cut edges 3),
        # right 4 px outside (loose edges 3). (15 + 15 + 6 + 3 + 5) / 50.
        "top 2 px inside, right 4 px outside: both acceptable, 44 / 50",
        {"boxes": [bridge(y=200, w=31, h=13)]},
        44 / 50,
        True,
        {
            "cut-edges": crit(
                3, 2, K3, "Box 1 (“Solder Bridge”): 2 px inside the object at the top."
            ),
            "loose-edges": crit(
                3, 4, O3, "Box 1 (“Solder Bridge”): 4 px outside the object on the right."
            ),
        },
    ),
    one_box(
        # edges 123.75, 198.25, 153, 213: left 2.25 px outside (loose edges 3), shown as
        # floor(22.5 + 0.5) / 10 = 2.3; top 0.25 px inside: cut edges 5, under half a
        # pixel so not mentioned. (15 + 15 + 10 + 3 + 5) / 50.
        "fractional pixels: 2.25 px shown as 2.3, a quarter pixel not mentioned",
        {"boxes": [bridge(x=123.75, y=198.25, w=29.25, h=14.75)]},
        48 / 50,
        True,
        {
            "cut-edges": crit(5, 0.25, K5, NONE_IN),
            "loose-edges": crit(
                3, 2.25, O3, "Box 1 (“Solder Bridge”): 2.3 px outside the object on the left."
            ),
        },
    ),
    one_box(
        # (15 + 3 + 10 + 5 + 5) / 50 = 0.76, and correctness is critical.
        "the right box with the wrong label fails the critical correctness: 38 / 50",
        {"boxes": [bridge(label="Scratch")]},
        38 / 50,
        False,
        correctness=crit(1, 0.0, L1, "Box 1 is labelled “Scratch”; the object is “Solder Bridge”."),
    ),
    one_box(
        "one extra box: precision 1/2, a false alarm, (15 + 15 + 10 + 5 + 1) / 50",
        {"boxes": [bridge(), {"x": 300, "y": 300, "w": 20, "h": 20, "label": "Scratch"}]},
        46 / 50,
        True,
        false_alarms=crit(
            1, 0.5, F1, "Box 2 (“Scratch”, x 300–320, y 300–320 px) matches no object."
        ),
    ),
    one_box(
        # Two equal IoUs: the assignment takes the first learner box (the lower index).
        "a duplicate box: the first is matched, the second is a false alarm",
        {"boxes": [bridge(), bridge()]},
        46 / 50,
        True,
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
        # Left edge 11 px inside, right 11 px outside: both edge criteria 1.
        # (15 + 15 + 2 + 1 + 5) / 50 = 0.76: not passed.
        "IoU 0.421 is above the default match_iou 0.3: matched, 11 px off",
        {"boxes": [bridge(x=137)]},
        38 / 50,
        False,
        {
            "cut-edges": crit(
                1, 11, K1, "Box 1 (“Solder Bridge”): 11 px inside the object on the left."
            ),
            "loose-edges": crit(
                1, 11, O1, "Box 1 (“Solder Bridge”): 11 px outside the object on the right."
            ),
        },
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
            **{"cut-edges": unmatched(K1), "loose-edges": unmatched(O1)},
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
        # Recall 2/3 < 0.75: level 1; labels right 1 of 2 = 0.5: level 1; edges exact.
        # (3*1 + 3*1 + 2*5 + 1*5 + 1*5) / 50 = 26 / 50.
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
            26 / 50,
            False,
            completeness=crit(1, 2 / 3, C1, BRIDGE_MISSED),
            correctness=crit(
                1, 0.5, L1, "Box 2 is labelled “Solder Bridge”; the object is “Missing Component”."
            ),
            **CLEAN,
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
            **CLEAN,
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
            **{"cut-edges": crit(5, 0.0, K5, NOTHING), "loose-edges": crit(5, 0.0, O5, NOTHING)},
            **{"false-alarms": crit(5, 1.0, F5, NO_BOXES)},
        ),
    ),
    (
        # Only false alarms fall: 0 of 1 box matches. (15 + 15 + 10 + 5 + 1) / 50.
        "empty gold, one box: a false alarm",
        EMPTY,
        {"boxes": [bridge()]},
        grade(
            "clean-board",
            "bbox",
            46 / 50,
            True,
            completeness=crit(5, 1.0, C5, NOTHING),
            correctness=crit(5, 1.0, L5, NOTHING),
            **{"cut-edges": crit(5, 0.0, K5, NOTHING), "loose-edges": crit(5, 0.0, O5, NOTHING)},
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
        # Geometry exact, label wrong: 38 / 50 and correctness is critical.
        "labels with emoji and accents are quoted as written",
        CAT,
        {"boxes": [{"x": 100, "y": 20, "w": 200, "h": 250, "label": "Dog (é)"}]},
        grade(
            "cat-emoji",
            "bbox",
            38 / 50,
            False,
            completeness=crit(5, 1.0, C5, "You boxed every object (1)."),
            correctness=crit(1, 0.0, L1, "Box 1 is labelled “Dog (é)”; the object is “🐈 Cat”."),
            **CLEAN,
            **{"false-alarms": crit(5, 1.0, F5, NO_SPURIOUS)},
        ),
    ),
]

EDGES_OF = "Box {} (“{}”): {}."


def sides(name, response, score, passed, inward, outward, edges):
    """A case on the three-defect board graded by box-sides (1 + 1 + 1, so the best is 15)."""
    expected = grade(
        "edge-sides", "bbox", score, passed, inward=inward, outward=outward, edges=edges
    )
    return (name, SIDES, response, expected)


def around(side_notes):
    return "; ".join(side_notes)


OUT3 = [
    f"3 px outside the object {where}"
    for where in ("on the left", "at the top", "on the right", "at the bottom")
]
IN3 = [
    f"3 px inside the object {where}"
    for where in ("on the left", "at the top", "on the right", "at the bottom")
]

CASES += [
    sides(
        # Edges 123, 195, 156, 216 vs 126, 198, 153, 213: each 3 px outside. IoU 405/693.
        # Inward 0: 5; outward 3: 5; the largest |deviation| 3: 3. (5 + 5 + 3) / 15.
        "all four edges 3 px outside: inward 0, outward 3, max edge deviation 3",
        {"boxes": [bridge(x=123, y=195, w=33, h=21)]},
        13 / 15,
        True,
        crit(5, 0.0, "in-tight", NONE_IN),
        crit(5, 3, "out-tight", EDGES_OF.format(1, "Solder Bridge", around(OUT3))),
        crit(3, 3, "loose", EDGES_OF.format(1, "Solder Bridge", around(OUT3))),
    ),
    sides(
        # Edges 129, 201, 150, 210: each 3 px inside. IoU 189/405 > 0.3.
        # Inward 3: 3; outward 0: 5; max edge deviation 3: 3. (3 + 5 + 3) / 15.
        "all four edges 3 px inside: inward 3, outward 0, max edge deviation 3",
        {"boxes": [bridge(x=129, y=201, w=21, h=9)]},
        11 / 15,
        False,
        crit(3, 3, "in-near", EDGES_OF.format(1, "Solder Bridge", around(IN3))),
        crit(5, 0.0, "out-tight", NONE_OUT),
        crit(3, 3, "loose", EDGES_OF.format(1, "Solder Bridge", around(IN3))),
    ),
    sides(
        # Component gold edges 60, 48, 181, 149; drawn 56, 49, 175, 156: left 4 outside,
        # top 1 inside, right 6 inside, bottom 7 outside. IoU 11500/13454 = 0.85.
        # Inward 6: 1; outward 7: 3; max edge deviation 7: 1. (1 + 3 + 1) / 15.
        "mixed: worst inward 6 (right), worst outward 7 (bottom), each reported apart",
        {"boxes": [{"x": 56, "y": 49, "w": 119, "h": 107, "label": "Missing Component"}]},
        5 / 15,
        False,
        crit(
            1,
            6,
            "in-far",
            EDGES_OF.format(
                1,
                "Missing Component",
                "1 px inside the object at the top; 6 px inside the object on the right",
            ),
        ),
        crit(
            3,
            7,
            "out-near",
            EDGES_OF.format(
                1,
                "Missing Component",
                "4 px outside the object on the left; 7 px outside the object at the bottom",
            ),
        ),
        crit(
            1,
            7,
            "far",
            EDGES_OF.format(
                1,
                "Missing Component",
                "4 px outside the object on the left; 1 px inside the object at the top; "
                "6 px inside the object on the right; 7 px outside the object at the bottom",
            ),
        ),
    ),
    (
        # Everything exact: both directions 0, one summary note each; the old measure
        # keeps its note per pair, in gold order.
        "all three exact: inward and outward 0",
        SIDES,
        {
            "boxes": [
                {"x": 420, "y": 327, "w": 117, "h": 46, "label": "Scratch"},
                bridge(),
                {"x": 60, "y": 48, "w": 121, "h": 101, "label": "Missing Component"},
            ]
        },
        grade(
            "edge-sides",
            "bbox",
            1.0,
            True,
            inward=crit(5, 0.0, "in-tight", NONE_IN),
            outward=crit(5, 0.0, "out-tight", NONE_OUT),
            edges=crit(
                5, 0.0, "tight", exact(3, "Missing Component"), exact(2), exact(1, "Scratch")
            ),
        ),
    ),
    sides(
        # Pairs in gold order: component <- box 2 (exact), bridge <- box 3 (edges 125,
        # 198, 153, 211: left 1 outside, bottom 2 inside; IoU 351/418), scratch <- box 1
        # (edges 423, 327, 546, 373: left 3 inside, right 9 outside; IoU 5244/5796).
        # Worst inward 3 (scratch): 3; worst outward 9 (scratch): 3; max 9: 1. 7 / 15.
        "several boxes: the worst edge of each direction counts, notes in gold order",
        {
            "boxes": [
                {"x": 423, "y": 327, "w": 123, "h": 46, "label": "Scratch"},
                {"x": 60, "y": 48, "w": 121, "h": 101, "label": "Missing Component"},
                bridge(x=125, w=28, h=13),
            ]
        },
        7 / 15,
        False,
        crit(
            3,
            3,
            "in-near",
            EDGES_OF.format(3, "Solder Bridge", "2 px inside the object at the bottom"),
            EDGES_OF.format(1, "Scratch", "3 px inside the object on the left"),
        ),
        crit(
            3,
            9,
            "out-near",
            EDGES_OF.format(3, "Solder Bridge", "1 px outside the object on the left"),
            EDGES_OF.format(1, "Scratch", "9 px outside the object on the right"),
        ),
        crit(
            1,
            9,
            "far",
            exact(2, "Missing Component"),
            EDGES_OF.format(
                3,
                "Solder Bridge",
                "1 px outside the object on the left; 2 px inside the object at the bottom",
            ),
            EDGES_OF.format(
                1,
                "Scratch",
                "3 px inside the object on the left; 9 px outside the object on the right",
            ),
        ),
    ),
    (
        # Component exact; the bridge box shifted 20 px (IoU 0.149, not matched) and a
        # box on bare board match nothing, so their edges are not measured: the missed
        # and spurious boxes are recall's and precision's business. 15 / 15.
        "unmatched boxes are not measured: only the exact component box counts",
        SIDES,
        {
            "boxes": [
                {"x": 60, "y": 48, "w": 121, "h": 101, "label": "Missing Component"},
                bridge(x=146),
                {"x": 300, "y": 300, "w": 20, "h": 20, "label": "Scratch"},
            ]
        },
        grade(
            "edge-sides",
            "bbox",
            1.0,
            True,
            inward=crit(5, 0.0, "in-tight", NONE_IN),
            outward=crit(5, 0.0, "out-tight", NONE_OUT),
            edges=crit(5, 0.0, "tight", exact(1, "Missing Component")),
        ),
    ),
    sides(
        # No box: nothing matched, every edge measure the image diagonal. 3 / 15.
        "no box: inward and outward are the image diagonal, as the other edge measures",
        {"boxes": []},
        3 / 15,
        False,
        crit(1, DIAGONAL, "in-far", NO_MATCH),
        crit(1, DIAGONAL, "out-far", NO_MATCH),
        crit(1, DIAGONAL, "far", NO_MATCH),
    ),
]


# Wrong checks made before the answer is shown: no gold label or position named.
NOGOLD = [
    nogold(
        named(CASES, "right edge 8 px outside"),
        **{"loose-edges": ["Box 1: 8 px outside the object on the right."]},
    ),
    nogold(
        named(CASES, "left edge 8 px inside"),
        **{"cut-edges": ["Box 1: 8 px inside the object on the left."]},
    ),
    nogold(
        named(CASES, "the right box with the wrong label"),
        correctness=["Box 1 is labelled \u201cScratch\u201d, which is not the object's label."],
    ),
    nogold(
        named(CASES, "three defects: one missed"),
        completeness=["Objects missed: 1."],
        correctness=[
            "Box 2 is labelled \u201cSolder Bridge\u201d, which is not the object's label."
        ],
    ),
    nogold(
        named(CASES, "several boxes: the worst edge"),
        inward=[
            "Box 3: 2 px inside the object at the bottom.",
            "Box 1: 3 px inside the object on the left.",
        ],
        outward=[
            "Box 3: 1 px outside the object on the left.",
            "Box 1: 9 px outside the object on the right.",
        ],
        edges=[
            "Box 2: every edge within half a pixel of the object.",
            "Box 3: 1 px outside the object on the left; 2 px inside the object at the bottom.",
            "Box 1: 3 px inside the object on the left; 9 px outside the object on the right.",
        ],
    ),
]


if __name__ == "__main__":
    write(
        "bbox",
        "Bounding boxes: IoU matching, recall, label accuracy, edge deviation (both ways, "
        "inside and outside the object apart), false alarms; empty gold, no answer, "
        "malformed and degenerate boxes.",
        CASES + blank_cases("boxes", ONE, EMPTY) + NOGOLD,
    )
