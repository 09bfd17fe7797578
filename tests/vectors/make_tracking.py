"""Writes tests/vectors/tracking.json: tracking grading cases worked out by hand.

Run from the repository root (frame paths are relative to it):
PYTHONPATH=plugins python tests/vectors/make_tracking.py

The task tracks two objects over the 12 frames of track-lane: object 1, a Car
10 x 10 px moving 10 px a frame (x = 10 (f - 1)), visible in all 12 frames;
object 2, a Van 20 x 10 px standing still, visible in frames 1-5: 17 gold boxes.
Two 10 x 10 boxes 2 px apart overlap 80 px² over a union of 120 px², IoU 2/3.
"""

from __future__ import annotations

import yaml
from common import blank, blank_cases, crit, grade, named, nogold, task_reader, write

RUBRIC = yaml.safe_load(
    """
pass: 0.8
levels: [{value: 5, name: Gold standard}, {value: 3, name: Acceptable}, {value: 1, name: Needs re-annotation}]
criteria:
  - {id: mota, name: MOTA, critical: true, measure: mota,
     levels: {5: {min: 0.9, descriptor: accurate}, 3: {min: 0.7, descriptor: fair}, 1: {descriptor: poor}}}
  - {id: switches, name: Switches, measure: id_switches,
     levels: {5: {max: 0, descriptor: one track each}, 1: {descriptor: switched}}}
  - {id: iou, name: Fit, measure: mean_iou,
     levels: {5: {min: 0.8, descriptor: close}, 3: {min: 0.5, descriptor: loose}, 1: {descriptor: far}}}
  - {id: missed, name: Missed, measure: missed_frames,
     levels: {5: {max: 0, descriptor: none missed}, 3: {max: 2, descriptor: few missed}, 1: {descriptor: many missed}}}
  - {id: invented, name: Invented, measure: invented_frames,
     levels: {5: {max: 0, descriptor: none invented}, 3: {max: 2, descriptor: few invented}, 1: {descriptor: many invented}}}
  - {id: labels, name: Labels, measure: label_accuracy,
     levels: {5: {min: 1, descriptor: labels right}, 1: {descriptor: labels wrong}}}
"""
)

task = task_reader({"tracking-all": RUBRIC})

TWO = task(
    """
type: tracking
id: track-two
prompt: Track the car and the van.
frames: course/assets/images/tracking/track-lane
labels: [Car, Van]
rubric: tracking-all
gold:
  tracks:
    - label: Car
      keys:
        - {frame: 1, x: 0, y: 0, w: 10, h: 10}
        - {frame: 12, x: 110, y: 0, w: 10, h: 10}
    - label: Van
      keys:
        - {frame: 1, x: 0, y: 100, w: 20, h: 10}
        - {frame: 6, out: true}
"""
)


def key(frame, x, y, w=10, h=10):
    return {"frame": frame, "x": x, "y": y, "w": w, "h": h}


def out(frame):
    return {"frame": frame, "out": True}


def track(label, *keys):
    return {"label": label, "keys": list(keys)}


CAR = track("Car", key(1, 0, 0), key(12, 110, 0))
VAN = track("Van", key(1, 0, 100, 20), out(6))
NONE_MISSED = "Every object is found in every frame where it is visible."
NONE_INVENTED = "Every box you drew matches an object in its frame."
NO_SWITCH = "Every object keeps one track: no identity switch."
LABELS_RIGHT = "Every matched track has its object's label."


def fit(number, label, value, count):
    return (
        f"Object {number} (“{label}”): mean overlap (IoU) {value} over the {count} frames"
        " where it is visible."
    )


def mota(missed, invented, switches, value):
    return (
        f"MOTA 1 − ({missed} missed + {invented} invented + {switches} switches) / 17 gold"
        f" boxes = {value}."
    )


EXACT_FIT = (fit(1, "Car", "1", 12), fit(2, "Van", "1", 5))

CASES = [
    (
        "the gold itself: every measure at its best",
        TWO,
        {"tracks": [CAR, VAN]},
        grade(
            "track-two",
            "tracking",
            1.0,
            True,
            mota=crit(5, 1.0, "accurate", mota(0, 0, 0, "1")),
            switches=crit(5, 0.0, "one track each", NO_SWITCH),
            iou=crit(5, 1.0, "close", *EXACT_FIT),
            missed=crit(5, 0.0, "none missed", NONE_MISSED),
            invented=crit(5, 0.0, "none invented", NONE_INVENTED),
            labels=crit(5, 1.0, "labels right", LABELS_RIGHT),
        ),
    ),
    (
        "car 2 px to the right throughout (IoU 2/3 each frame), van held to the end with no"
        " out-of-view key: 7 boxes invented in frames 6-12; mean IoU (2/3 + 1) / 2 = 5/6;"
        " MOTA 1 - 7/17 = 10/17; (1 + 5 + 5 + 5 + 1 + 5) / 30",
        TWO,
        {"tracks": [track("Car", key(1, 2, 0), key(12, 112, 0)), track("Van", key(1, 0, 100, 20))]},
        grade(
            "track-two",
            "tracking",
            22 / 30,
            False,
            mota=crit(1, 10 / 17, "poor", mota(0, 7, 0, "0.59")),
            switches=crit(5, 0.0, "one track each", NO_SWITCH),
            iou=crit(5, 5 / 6, "close", fit(1, "Car", "0.67", 12), fit(2, "Van", "1", 5)),
            missed=crit(5, 0.0, "none missed", NONE_MISSED),
            invented=crit(
                1,
                7.0,
                "many invented",
                "Track 2 (“Van”) has a box that matches no object in frames 6–12 (7 frames).",
            ),
            labels=crit(5, 1.0, "labels right", LABELS_RIGHT),
        ),
    ),
    (
        "the car's track ends at frame 6 and a second track takes it on from frame 7: one"
        " identity switch; the van has no track: missed in frames 1-5; mean IoU (1 + 0) / 2;"
        " MOTA 1 - (5 + 1) / 17 = 11/17; (1 + 1 + 3 + 1 + 5 + 5) / 30",
        TWO,
        {
            "tracks": [
                track("Car", key(1, 0, 0), key(6, 50, 0), out(7)),
                track("Car", key(7, 60, 0), key(12, 110, 0)),
            ]
        },
        grade(
            "track-two",
            "tracking",
            16 / 30,
            False,
            mota=crit(1, 11 / 17, "poor", mota(5, 0, 1, "0.65")),
            switches=crit(
                1,
                1.0,
                "switched",
                "Object 1 (“Car”) changes track in frame 7: Track 1 (“Car”) before, Track 2"
                " (“Car”) from there.",
            ),
            iou=crit(3, 0.5, "loose", fit(1, "Car", "1", 12), fit(2, "Van", "0", 5)),
            missed=crit(
                1, 5.0, "many missed", "Object 2 (“Van”) not found in frames 1–5 (5 frames)."
            ),
            invented=crit(5, 0.0, "none invented", NONE_INVENTED),
            labels=crit(5, 1.0, "labels right", LABELS_RIGHT),
        ),
    ),
    (
        "the car's first track (labelled Van, 2 px low: IoU 2/3) keeps the car although a"
        " second, exact track starts at frame 3: an object keeps its last track while the pair"
        " is valid, so track 2 is invented in frames 3-12; labels 5 of 17 matched pairs right;"
        " MOTA 1 - 10/17; (1 + 5 + 5 + 5 + 1 + 1) / 30",
        TWO,
        {
            "tracks": [
                track("Van", key(1, 0, 2), key(12, 110, 2)),
                track("Car", key(3, 20, 0), key(12, 110, 0)),
                VAN,
            ]
        },
        grade(
            "track-two",
            "tracking",
            18 / 30,
            False,
            mota=crit(1, 7 / 17, "poor", mota(0, 10, 0, "0.41")),
            switches=crit(5, 0.0, "one track each", NO_SWITCH),
            iou=crit(5, 5 / 6, "close", fit(1, "Car", "0.67", 12), fit(2, "Van", "1", 5)),
            missed=crit(5, 0.0, "none missed", NONE_MISSED),
            invented=crit(
                1,
                10.0,
                "many invented",
                "Track 2 (“Car”) has a box that matches no object in frames 3–12 (10 frames).",
            ),
            labels=crit(
                1,
                5 / 17,
                "labels wrong",
                "Object 1 (“Car”): its track has another label in 12 frames.",
            ),
        ),
    ),
    (
        "malformed tracks and keys are dropped (junk, unknown label, keys not a list; frames"
        " 0, 13, 2.5, text or true; text coordinates; a second key on frame 1); out must be"
        " true itself; a negative width is flipped: what is left is the gold",
        TWO,
        {
            "tracks": [
                "junk",
                track("Bus", key(1, 0, 0)),
                {"label": "Car", "keys": "x"},
                track(
                    "Car",
                    key(12, 120, 0, -10),
                    key(1, 0, 0),
                    key(1, 50, 50),
                    key(0, 0, 0),
                    out(13),
                    out(2.5),
                    out("3"),
                    out(True),
                    {"frame": 5, "x": "1", "y": 0, "w": 10, "h": 10},
                    {"frame": 6, "out": "true", "x": 50, "y": 0, "w": 10, "h": 10},
                ),
                track("Van", out(6.0), key(1, 0, 100, 20)),
            ]
        },
        grade(
            "track-two",
            "tracking",
            1.0,
            True,
            mota=crit(5, 1.0, "accurate", mota(0, 0, 0, "1")),
            switches=crit(5, 0.0, "one track each", NO_SWITCH),
            iou=crit(5, 1.0, "close", *EXACT_FIT),
            missed=crit(5, 0.0, "none missed", NONE_MISSED),
            invented=crit(5, 0.0, "none invented", NONE_INVENTED),
            labels=crit(5, 1.0, "labels right", LABELS_RIGHT),
        ),
    ),
    (
        "an empty list of tracks is an answer: every object missed, MOTA 1 - 17/17 = 0;"
        " (1 + 5 + 1 + 1 + 5 + 1) / 30",
        TWO,
        {"tracks": []},
        grade(
            "track-two",
            "tracking",
            14 / 30,
            False,
            mota=crit(1, 0.0, "poor", mota(17, 0, 0, "0")),
            switches=crit(5, 0.0, "one track each", NO_SWITCH),
            iou=crit(1, 0.0, "far", fit(1, "Car", "0", 12), fit(2, "Van", "0", 5)),
            missed=crit(
                1,
                17.0,
                "many missed",
                "Object 1 (“Car”) not found in frames 1–12 (12 frames).",
                "Object 2 (“Van”) not found in frames 1–5 (5 frames).",
            ),
            invented=crit(5, 0.0, "none invented", NONE_INVENTED),
            labels=crit(
                1,
                0.0,
                "labels wrong",
                "No box of yours matched an object, so labels could not be compared.",
            ),
        ),
    ),
    ("tracks of junk only: a blank, 0", TWO, {"tracks": ["junk", {"label": "Car"}]}, blank(TWO)),
    ("tracks that are not a list: a blank, 0", TWO, {"tracks": {"Car": []}}, blank(TWO)),
]

# Before the answer is shown, notes name no gold label and no frame where an object
# is visible.
NOGOLD = [
    nogold(
        named(CASES, "the car's track ends"),
        switches=["Object 1 changes track in frame 7."],
        iou=["Object 1: mean overlap (IoU) 1.", "Object 2: mean overlap (IoU) 0."],
        missed=["Object 2: not found in 5 frames."],
    )
]


if __name__ == "__main__":
    write(
        "tracking",
        "Tracking: keyframes interpolated per frame, CLEAR MOT matching (continuity, then"
        " most pairs and most IoU), mean IoU, missed and invented frames, identity switches,"
        " label accuracy, MOTA; malformed tracks and keys.",
        CASES + blank_cases("tracks", TWO) + NOGOLD,
    )
