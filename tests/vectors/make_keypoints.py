"""Writes tests/vectors/keypoints.json: keypoint grading cases worked out by hand.

Run from the repository root (image paths are relative to it):
PYTHONPATH=plugins python tests/vectors/make_keypoints.py

Distances are chosen from Pythagorean triples (9-12-15, 6-8-10, 3-4-5) so every
value below is reckoned on paper from the definitions in tasktypes/keypoints.py,
never by the grader.
"""

from __future__ import annotations

import math

import yaml
from common import blank, blank_cases, crit, grade, named, nogold, quoted, task_reader, write

RUBRIC = yaml.safe_load(
    """
pass: 0.8
levels: [{value: 5, name: Gold standard}, {value: 3, name: Acceptable}, {value: 1, name: Needs re-annotation}]
criteria:
  - {id: pck, name: Within tolerance, weight: 2, critical: true, measure: pck,
     levels: {5: {min: 1, descriptor: all within}, 3: {min: 0.75, descriptor: most within}, 1: {descriptor: few within}}}
  - {id: complete, name: Complete, measure: completeness,
     levels: {5: {min: 1, descriptor: all answered}, 3: {min: 0.8, descriptor: most answered}, 1: {descriptor: few answered}}}
  - {id: missing, name: Missing, measure: missing,
     levels: {5: {max: 0, descriptor: none missing}, 3: {max: 1, descriptor: one missing}, 1: {descriptor: several missing}}}
  - {id: visibility, name: Visibility, measure: visibility_accuracy,
     levels: {5: {min: 1, descriptor: visibility right}, 3: {min: 0.75, descriptor: visibility mostly right}, 1: {descriptor: visibility wrong}}}
  - {id: distance, name: Distance, measure: mean_distance,
     levels: {5: {max: 3, descriptor: close}, 3: {max: 8, descriptor: near}, 1: {descriptor: far}}}
"""
)


task = task_reader({"keypoints-all": RUBRIC})


FACE = task(
    """
type: keypoints
id: face
prompt: Place the five face landmarks.
image: course/assets/images/face-01.png
keypoints: [Left eye, Right eye, Nose tip, Mouth left, Mouth right]
rubric: keypoints-all
gold:
  points:
    - {label: Left eye, x: 150, y: 160}
    - {label: Right eye, x: 250, y: 160}
    - {label: Nose tip, x: 200, y: 225}
    - {label: Mouth left, x: 155, y: 285}
    - {label: Mouth right, visible: false}
"""
)
TOLERANCES = task(
    """
type: keypoints
id: tolerances
prompt: Place the eye and the nose.
image: course/assets/images/face-01.png
keypoints: [Œil gauche 👁, Nose tip]
tolerance: {Nose tip: 20}
rubric: keypoints-all
gold:
  points:
    - {label: Nose tip, x: 200, y: 225}
    - {label: Œil gauche 👁, x: 150, y: 160}
"""
)
HIDDEN = task(
    """
type: keypoints
id: hidden
prompt: Place the left ear, or mark it not visible.
image: course/assets/images/face-01.png
keypoints: [Left ear]
rubric: keypoints-all
gold:
  points:
    - {label: Left ear, visible: false}
"""
)


def at(label, x, y):
    return {"label": label, "x": x, "y": y}


def hidden(label):
    return {"label": label, "visible": False}


EXACT = [
    at("Left eye", 150, 160),
    at("Right eye", 250, 160),
    at("Nose tip", 200, 225),
    at("Mouth left", 155, 285),
    hidden("Mouth right"),
]
ALL_WITHIN = "Every visible landmark is within tolerance."
ALL_ANSWERED = "Every landmark is placed or rightly marked not visible."
VISIBILITY_RIGHT = "Every landmark you answered has the gold's visibility."
NONE_VISIBLE = "No landmark is visible in the gold."


def mean(distance, count, total):
    return (
        f"Mean distance from gold: {distance} px, over the {count} of {total} visible landmarks"
        " you placed."
    )


def incomplete(*labels):
    return "Not placed, or wrongly marked not visible: " + quoted(labels) + "."


CASES = [
    (
        "the gold itself",
        FACE,
        {"points": EXACT},
        grade(
            "face",
            "keypoints",
            1.0,
            True,
            pck=crit(5, 1.0, "all within", ALL_WITHIN),
            complete=crit(5, 1.0, "all answered", ALL_ANSWERED),
            missing=crit(5, 0.0, "none missing", ALL_ANSWERED),
            visibility=crit(5, 1.0, "visibility right", VISIBILITY_RIGHT),
            distance=crit(5, 0.0, "close", mean("0", 4, 4)),
        ),
    ),
    (
        "left eye 15 px off (9, 12), nose exactly 10 px off (6, 8) is within: pck 3/4, mean"
        " 25 / 4 = 6.25; (2*3 + 5 + 5 + 5 + 3) / 30 = 0.8 passes at the mark",
        FACE,
        {
            "points": [
                at("Mouth left", 155, 285),
                at("Left eye", 159, 172),
                at("Right eye", 250, 160),
                at("Nose tip", 194, 217),
                hidden("Mouth right"),
            ]
        },
        grade(
            "face",
            "keypoints",
            0.8,
            True,
            pck=crit(3, 0.75, "most within", "Left eye 15 px from gold (tolerance 10 px)."),
            complete=crit(5, 1.0, "all answered", ALL_ANSWERED),
            missing=crit(5, 0.0, "none missing", ALL_ANSWERED),
            visibility=crit(5, 1.0, "visibility right", VISIBILITY_RIGHT),
            distance=crit(3, 6.25, "near", mean("6.3", 4, 4)),
        ),
    ),
    (
        "nose marked not visible although it shows: pck 3/4, completeness 4/5, one missing,"
        " visibility 4/5; (2*3 + 3 + 3 + 3 + 5) / 30",
        FACE,
        {
            "points": [
                at("Left eye", 150, 160),
                at("Right eye", 250, 160),
                hidden("Nose tip"),
                at("Mouth left", 155, 285),
                hidden("Mouth right"),
            ]
        },
        grade(
            "face",
            "keypoints",
            20 / 30,
            False,
            pck=crit(3, 0.75, "most within", "Nose tip marked not visible, but it is visible."),
            complete=crit(3, 0.8, "most answered", incomplete("Nose tip")),
            missing=crit(3, 1.0, "one missing", incomplete("Nose tip")),
            visibility=crit(
                3, 0.8, "visibility mostly right", "Nose tip marked not visible, but it is visible."
            ),
            distance=crit(5, 0.0, "close", mean("0", 3, 4)),
        ),
    ),
    (
        "mouth right placed although the gold has it hidden: still complete, visibility 4/5;"
        " (2*5 + 5 + 5 + 3 + 5) / 30",
        FACE,
        {"points": [*EXACT[:4], at("Mouth right", 245, 285)]},
        grade(
            "face",
            "keypoints",
            28 / 30,
            True,
            pck=crit(5, 1.0, "all within", ALL_WITHIN),
            complete=crit(5, 1.0, "all answered", ALL_ANSWERED),
            missing=crit(5, 0.0, "none missing", ALL_ANSWERED),
            visibility=crit(
                3,
                0.8,
                "visibility mostly right",
                "Mouth right placed, but it is not visible in the gold.",
            ),
            distance=crit(5, 0.0, "close", mean("0", 4, 4)),
        ),
    ),
    (
        "no response: a blank, 0",
        FACE,
        None,
        blank(FACE),
    ),
    (
        "malformed points: outside the image, text coordinates, repeats, unknown labels and"
        " junk are ignored; visible must be false itself to mean hidden;"
        " (2*1 + 1 + 1 + 3 + 5) / 30",
        FACE,
        {
            "points": [
                at("Left eye", -5, 160),
                at("Left eye", "150", 160),
                at("Right eye", 250, 160),
                at("Right eye", 0, 0),
                {"label": "Nose tip", "x": 200, "y": 225, "visible": "false"},
                {"label": "Mouth left", "visible": False, "x": 155, "y": 285},
                hidden("Mouth right"),
                at("Chin", 1, 1),
                at(None, 1, 1),
                {"label": "Left eye", "x": True, "y": 160},
                "junk",
                None,
                [150, 160],
            ]
        },
        grade(
            "face",
            "keypoints",
            12 / 30,
            False,
            pck=crit(
                1,
                0.5,
                "few within",
                "Left eye not placed.",
                "Mouth left marked not visible, but it is visible.",
            ),
            complete=crit(1, 0.6, "few answered", incomplete("Left eye", "Mouth left")),
            missing=crit(1, 2.0, "several missing", incomplete("Left eye", "Mouth left")),
            visibility=crit(
                3,
                0.75,
                "visibility mostly right",
                "Mouth left marked not visible, but it is visible.",
            ),
            distance=crit(5, 0.0, "close", mean("0", 2, 4)),
        ),
    ),
    (
        "points that are not a list: a blank, 0",
        FACE,
        {"points": {"Left eye": [150, 160]}},
        blank(FACE),
    ),
    (
        "per-landmark tolerance, Unicode name: the eye sqrt(11² + 3²) = 11.4 px off misses"
        " its 10 px, the nose 15 px off is within its 20 px; mean (sqrt(130) + 15) / 2;"
        " (2*1 + 5 + 5 + 5 + 1) / 30",
        TOLERANCES,
        {"points": [at("Nose tip", 209, 237), at("Œil gauche 👁", 161, 163)]},
        grade(
            "tolerances",
            "keypoints",
            18 / 30,
            False,
            pck=crit(1, 0.5, "few within", "Œil gauche 👁 11.4 px from gold (tolerance 10 px)."),
            complete=crit(5, 1.0, "all answered", ALL_ANSWERED),
            missing=crit(5, 0.0, "none missing", ALL_ANSWERED),
            visibility=crit(5, 1.0, "visibility right", VISIBILITY_RIGHT),
            # (11.40175 + 15) / 2 = 13.20088, written 13.2.
            distance=crit(1, (math.sqrt(130) + 15) / 2, "far", mean("13.2", 2, 2)),
        ),
    ),
    (
        "a landmark hidden in the gold, rightly marked: every measure at its best",
        HIDDEN,
        {"points": [hidden("Left ear")]},
        grade(
            "hidden",
            "keypoints",
            1.0,
            True,
            pck=crit(5, 1.0, "all within", NONE_VISIBLE),
            complete=crit(5, 1.0, "all answered", ALL_ANSWERED),
            missing=crit(5, 0.0, "none missing", ALL_ANSWERED),
            visibility=crit(5, 1.0, "visibility right", VISIBILITY_RIGHT),
            distance=crit(5, 0.0, "close", NONE_VISIBLE),
        ),
    ),
    (
        "a landmark hidden in the gold, placed anyway: complete, but visibility 0;"
        " (2*5 + 5 + 5 + 1 + 5) / 30",
        HIDDEN,
        {"points": [at("Left ear", 120, 200)]},
        grade(
            "hidden",
            "keypoints",
            26 / 30,
            True,
            pck=crit(5, 1.0, "all within", NONE_VISIBLE),
            complete=crit(5, 1.0, "all answered", ALL_ANSWERED),
            missing=crit(5, 0.0, "none missing", ALL_ANSWERED),
            visibility=crit(
                1, 0.0, "visibility wrong", "Left ear placed, but it is not visible in the gold."
            ),
            distance=crit(5, 0.0, "close", NONE_VISIBLE),
        ),
    ),
    (
        "a landmark hidden in the gold, left unanswered (no points): a blank, 0",
        HIDDEN,
        {"points": []},
        blank(HIDDEN),
    ),
]

# Keypoint notes name landmarks and distances, never a gold position: a wrong
# check made before the answer is shown reads as always.
NOGOLD = [nogold(named(CASES, "nose marked not visible"))]


if __name__ == "__main__":
    write(
        "keypoints",
        "Keypoints: PCK with global and per-landmark tolerance, completeness, missing,"
        " visibility accuracy, mean distance; hidden landmarks and malformed points.",
        CASES + blank_cases("points", FACE, HIDDEN) + NOGOLD,
    )
