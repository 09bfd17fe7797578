"""Writes tests/vectors/segments.json: shared grading cases for the segments type.

Every expected value is worked out by hand from the definitions in
tasktypes/segments.py (temporal IoU = intersection / union, a pair needs IoU >=
match_iou); the name of each case shows the arithmetic. The only measured input is
the clip's duration, which the loader reads from the file (the task JSON's
audio.duration) and which the grader uses for clipping and for boundary_error
when nothing matches. Run from the repository root:
python tests/vectors/make_segments.py
"""

from __future__ import annotations

from common import blank, blank_cases, crit, grade, named, nogold, task_reader, write

RUBRICS = {}  # this file's own rubrics, by id

RUBRICS["segments-iou"] = {
    "pass": 0.8,
    "levels": [
        {"value": 5, "name": "Gold"},
        {"value": 3, "name": "Fair"},
        {"value": 1, "name": "Poor"},
    ],
    "criteria": [
        {
            "id": "iou",
            "name": "Overlap",
            "measure": "mean_iou",
            "levels": {
                5: {"min": 0.9, "descriptor": "tight"},
                3: {"min": 0.5, "descriptor": "loose"},
                1: {"descriptor": "off"},
            },
        },
        {
            "id": "precision",
            "name": "Precision",
            "measure": "precision",
            "levels": {
                5: {"min": 1, "descriptor": "all real"},
                3: {"min": 0.5, "descriptor": "half real"},
                1: {"descriptor": "mostly extra"},
            },
        },
    ],
}
task = task_reader(RUBRICS)

AUDIO = "course/assets/audio/shop-call.ogg"
R5 = "Every segment of the gold is marked."
R1 = "Fewer than three in four gold segments are marked."
L5 = "Every marked segment has the right label."
L1 = "More than one in four matched segments has the wrong label."
B5 = "Every start and end is within a quarter of a second of the gold."
B3 = "Edges are close but some are off by more than a quarter of a second."
B1 = "Some edges are more than 0.6 s away from where the sound starts or ends."
E5 = "Nothing is marked where the gold has no segment."
E3 = "One segment is marked where the gold has none."
ALL_FOUND = "Every gold segment has a matching segment of yours."
NO_EXTRA = "Every segment you marked matches a gold segment."
NONE = "You did not mark any segment."
LABELS_RIGHT = "Every matched segment has the gold label."
EDGES_RIGHT = "Every matched segment starts and ends within 0.05 s of the gold."


def missed(label, start, end):
    return f"Missed: {label} at {start}\u2013{end} s."


def extra(label, start, end):
    return f"Extra: your {label} segment at {start}\u2013{end} s matches no gold segment."


def wrong_label(label, start, end, gold):
    return f"Your segment at {start}\u2013{end} s is labelled {label}; the gold label is {gold}."


def edges(label, start, end, start_shift, end_shift):
    return f"Your {label} segment at {start}\u2013{end} s: start {start_shift}, end {end_shift}."


def seg(start, end, label):
    return {"start": start, "end": end, "label": label}


def segments_task(tid, gold, options="", rubric="segments-standard"):
    return task(
        f"""
type: segments
id: {tid}
prompt: Mark the speakers.
audio: {AUDIO}
labels: [A, B]
{options}
rubric: {rubric}
gold:
  segments: {gold}
"""
    )


TWO = segments_task("two", "[{start: 1.0, end: 3.0, label: A}, {start: 4, end: 6, label: B}]")
TWO_IOU = segments_task(
    "two-iou",
    "[{start: 1.0, end: 3.0, label: A}, {start: 4, end: 6, label: B}]",
    rubric="segments-iou",
)
SILENT = segments_task("silent", "[]")
SILENT_IOU = segments_task("silent-iou", "[]", rubric="segments-iou")
BOTH = segments_task(
    "both-at-once", "[{start: 2, end: 4, label: A}, {start: 2, end: 4, label: B}]", "overlap: true"
)
DURATION = TWO["audio"]["duration"]  # measured from the file by the loader


def standard(tid, score, passed, completeness, correctness, precision, extras):
    return grade(
        tid,
        "segments",
        score,
        passed,
        completeness=completeness,
        correctness=correctness,
        precision=precision,
        extras=extras,
    )


CASES = [
    (
        "exact, given out of order and with whole numbers",
        TWO,
        {"segments": [seg(4, 6, "B"), seg(1, 3, "A")]},
        standard(
            "two",
            1.0,
            True,
            crit(5, 1.0, R5, ALL_FOUND),
            crit(5, 1.0, L5, LABELS_RIGHT),
            crit(5, 0.0, B5, EDGES_RIGHT),
            crit(5, 0.0, E5, NO_EXTRA),
        ),
    ),
    (
        "edges 0.2 s and 0.4 s off: boundary error 0.4 is Acceptable, (10 + 10 + 3 + 5) / 30",
        TWO,
        {"segments": [seg(1.2, 3.0, "A"), seg(4.0, 6.4, "B")]},
        standard(
            "two",
            28 / 30,
            True,
            crit(5, 1.0, R5, ALL_FOUND),
            crit(5, 1.0, L5, LABELS_RIGHT),
            crit(
                3,
                0.4,
                B3,
                edges("A", "1.2", "3.0", "0.20 s late", "on time"),
                edges("B", "4.0", "6.4", "on time", "0.40 s late"),
            ),
            crit(5, 0.0, E5, NO_EXTRA),
        ),
    ),
    (
        "right times, one wrong label: label accuracy 1/2, (10 + 2 + 5 + 5) / 30",
        TWO,
        {"segments": [seg(1, 3, "B"), seg(4, 6, "B")]},
        standard(
            "two",
            22 / 30,
            False,
            crit(5, 1.0, R5, ALL_FOUND),
            crit(1, 0.5, L1, wrong_label("B", "1.0", "3.0", "A")),
            crit(5, 0.0, B5, EDGES_RIGHT),
            crit(5, 0.0, E5, NO_EXTRA),
        ),
    ),
    (
        "one gold segment missed: recall 1/2 fails the critical criterion",
        TWO,
        {"segments": [seg(1, 3, "A")]},
        standard(
            "two",
            22 / 30,
            False,
            crit(1, 0.5, R1, missed("B", "4.0", "6.0")),
            crit(5, 1.0, L5, LABELS_RIGHT),
            crit(5, 0.0, B5, EDGES_RIGHT),
            crit(5, 0.0, E5, NO_EXTRA),
        ),
    ),
    (
        "one extra segment: 1 false positive is Acceptable, (10 + 10 + 5 + 3) / 30",
        TWO,
        {"segments": [seg(1, 3, "A"), seg(4, 6, "B"), seg(6.5, 7.5, "A")]},
        standard(
            "two",
            28 / 30,
            True,
            crit(5, 1.0, R5, ALL_FOUND),
            crit(5, 1.0, L5, LABELS_RIGHT),
            crit(5, 0.0, B5, EDGES_RIGHT),
            crit(3, 1.0, E3, extra("A", "6.5", "7.5")),
        ),
    ),
    (
        "IoU 0.9 / 2.0 = 0.45 is below 0.5: no pair, so one miss and one extra",
        TWO,
        {"segments": [seg(1.0, 1.9, "A"), seg(4, 6, "B")]},
        standard(
            "two",
            20 / 30,
            False,
            crit(1, 0.5, R1, missed("A", "1.0", "3.0")),
            crit(5, 1.0, L5, LABELS_RIGHT),
            crit(5, 0.0, B5, EDGES_RIGHT),
            crit(3, 1.0, E3, extra("A", "1.0", "1.9")),
        ),
    ),
    (
        "IoU exactly 1.0 / 2.0 = 0.5 matches; its end is 1 s early, (10 + 10 + 1 + 5) / 30",
        TWO,
        {"segments": [seg(1.0, 2.0, "A"), seg(4, 6, "B")]},
        standard(
            "two",
            26 / 30,
            True,
            crit(5, 1.0, R5, ALL_FOUND),
            crit(5, 1.0, L5, LABELS_RIGHT),
            crit(1, 1.0, B1, edges("A", "1.0", "2.0", "on time", "1.00 s early")),
            crit(5, 0.0, E5, NO_EXTRA),
        ),
    ),
    (
        "nothing marked: no pair, boundary error is the clip's duration",
        TWO,
        {"segments": []},
        standard(
            "two",
            10 / 30,
            False,
            crit(1, 0.0, R1, missed("A", "1.0", "3.0"), missed("B", "4.0", "6.0")),
            crit(1, 0.0, L1, missed("A", "1.0", "3.0"), missed("B", "4.0", "6.0")),
            crit(1, DURATION, B1, missed("A", "1.0", "3.0"), missed("B", "4.0", "6.0")),
            crit(5, 0.0, E5, NONE),
        ),
    ),
    (
        "malformed response: a blank, 0",
        TWO,
        "A 1-3",
        blank(TWO),
    ),
    (
        "unreadable items are dropped: text times, unknown label, end before start, true as a time, a number",
        TWO,
        {
            "segments": [
                {"start": "1", "end": 3, "label": "A"},
                seg(1, 3, "C"),
                seg(3, 1, "A"),
                {"start": True, "end": 3, "label": "A"},
                5,
                seg(4, 6, "B"),
            ]
        },
        standard(
            "two",
            22 / 30,
            False,
            crit(1, 0.5, R1, missed("A", "1.0", "3.0")),
            crit(5, 1.0, L5, LABELS_RIGHT),
            crit(5, 0.0, B5, EDGES_RIGHT),
            crit(5, 0.0, E5, NO_EXTRA),
        ),
    ),
    (
        "times are clipped to the clip: -1 becomes 0, 100 becomes the duration; IoUs 2/3 and 2/(duration - 4)",
        TWO,
        {"segments": [seg(-1, 3, "A"), seg(4, 100, "B")]},
        standard(
            "two",
            26 / 30,
            True,
            crit(5, 1.0, R5, ALL_FOUND),
            crit(5, 1.0, L5, LABELS_RIGHT),
            crit(
                1,
                DURATION - 6,
                B1,
                edges("A", "0.0", "3.0", "1.00 s early", "on time"),
                edges("B", "4.0", "7.8", "on time", "1.84 s late"),
            ),
            crit(5, 0.0, E5, NO_EXTRA),
        ),
    ),
    (
        "empty gold and nothing marked: a perfect answer",
        SILENT,
        {"segments": []},
        standard(
            "silent",
            1.0,
            True,
            crit(5, 1.0, R5, ALL_FOUND),
            crit(5, 1.0, L5, ALL_FOUND),
            crit(5, 0.0, B5, ALL_FOUND),
            crit(5, 0.0, E5, NONE),
        ),
    ),
    (
        "empty gold, one segment marked: one false positive",
        SILENT,
        {"segments": [seg(1, 2, "A")]},
        standard(
            "silent",
            28 / 30,
            True,
            crit(5, 1.0, R5, ALL_FOUND),
            crit(5, 1.0, L5, ALL_FOUND),
            crit(5, 0.0, B5, ALL_FOUND),
            crit(3, 1.0, E3, extra("A", "1.0", "2.0")),
        ),
    ),
    (
        "two speakers at once over the same 2-4 s: each segment pairs with the gold of its own label",
        BOTH,
        {"segments": [seg(2, 4, "B"), seg(2, 4, "A")]},
        standard(
            "both-at-once",
            1.0,
            True,
            crit(5, 1.0, R5, ALL_FOUND),
            crit(5, 1.0, L5, LABELS_RIGHT),
            crit(5, 0.0, B5, EDGES_RIGHT),
            crit(5, 0.0, E5, NO_EXTRA),
        ),
    ),
    (
        "mean IoU (1.8/2.0 + 2.0/2.4) / 2 = 0.8667 is loose; precision 2/2: 8/10",
        TWO_IOU,
        {"segments": [seg(1.2, 3.0, "A"), seg(4.0, 6.4, "B")]},
        grade(
            "two-iou",
            "segments",
            0.8,
            True,
            iou=crit(
                3,
                (0.9 + 2 / 2.4) / 2,
                "loose",
                edges("A", "1.2", "3.0", "0.20 s late", "on time"),
                edges("B", "4.0", "6.4", "on time", "0.40 s late"),
            ),
            precision=crit(5, 1.0, "all real", NO_EXTRA),
        ),
    ),
    (
        "nothing marked against gold: mean IoU 0, precision 0",
        TWO_IOU,
        {"segments": []},
        grade(
            "two-iou",
            "segments",
            0.2,
            False,
            iou=crit(1, 0.0, "off", missed("A", "1.0", "3.0"), missed("B", "4.0", "6.0")),
            precision=crit(1, 0.0, "mostly extra", NONE),
        ),
    ),
    (
        "nothing marked and nothing in the gold: mean IoU 1, precision 1",
        SILENT_IOU,
        {"segments": []},
        grade(
            "silent-iou",
            "segments",
            1.0,
            True,
            iou=crit(5, 1.0, "tight", ALL_FOUND),
            precision=crit(5, 1.0, "all real", NONE),
        ),
    ),
]


# Wrong checks made before the answer is shown: no gold label or time named.
NOGOLD = [
    nogold(
        named(CASES, "right times, one wrong label"),
        correctness=[
            "Your segment at 1.0\u20133.0 s is labelled B, which is not its label in the answer."
        ],
    ),
    nogold(named(CASES, "one gold segment missed"), completeness=["Segments missed: 1."]),
]


if __name__ == "__main__":
    write(
        "segments",
        "Segments: temporal IoU matching, recall, label accuracy, boundary error, false "
        "positives, mean IoU, precision; empty gold and answers, clipping, overlap.",
        CASES + blank_cases("segments", TWO, SILENT) + NOGOLD,
    )
