"""Agreement for spans, geometry, keypoints, transcripts, ranks, ratings and numbers.

Checked against independent computations: krippendorff (ordinal, interval),
scikit-learn (Cohen's kappa), seqeval (span F1), pycocotools (box IoU), shapely
(polygon IoU), scipy (optimal matching, Kendall's tau) and jiwer (WER).
"""

from __future__ import annotations

import csv
import json
import math
import random
import re
import warnings
from itertools import combinations
from pathlib import Path

import jiwer
import krippendorff
import numpy as np
import pytest
from pycocotools import mask as coco_mask
from scipy.optimize import linear_sum_assignment
from scipy.stats import kendalltau
from seqeval.metrics import f1_score
from shapely.geometry import Polygon
from sklearn.metrics import cohen_kappa_score

from annotrain.agreement import TaskRatings, analyse
from annotrain.agreement.metrics import krippendorff_alpha_scaled
from annotrain.commands.cli import main
from annotrain.tasktypes.rank.agreement import kendall_tau
from annotrain.tasktypes.spans.agreement import span_f1
from annotrain.tasktypes.transcript.agreement import symmetric_wer

ROOT = Path(__file__).resolve().parent.parent


def reference_alpha(matrix, level):
    data = np.array([[np.nan if v is None else v for v in row] for row in matrix], dtype=float)
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement=level))


def units_of(matrix):
    return [[v for v in column if v is not None] for column in zip(*matrix, strict=True)]


def ratings(task, answers, type_, options=None, gold=None):
    return TaskRatings(task, type_, None, dict(answers), dict(options or {}), gold)


def row_of(report, task):
    return next(row for row in report.tasks if row.task == task)


# --- Krippendorff's alpha at the ordinal and interval levels -----------------------


def test_krippendorff_canonical_interval():
    n = None
    matrix = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, n, n, n],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, n, 3],
        [n, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, n],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, n],
    ]
    assert krippendorff_alpha_scaled(units_of(matrix), "interval").value == pytest.approx(
        0.849107, abs=5e-7
    )
    assert krippendorff_alpha_scaled(units_of(matrix), "ordinal").value == pytest.approx(
        reference_alpha(matrix, "ordinal"), abs=1e-12
    )


@pytest.mark.parametrize("seed", range(25))
@pytest.mark.parametrize("level", ["ordinal", "interval"])
def test_scaled_alpha_matches_package_with_missing_answers(seed, level):
    rng = random.Random(seed)
    raters, units = rng.randint(2, 6), rng.randint(2, 20)
    scale = sorted(rng.sample([-3, 0, 1, 2, 4, 7, 10, 2.5], rng.randint(2, 6)))
    matrix = [
        [rng.choice(scale) if rng.random() > 0.25 else None for _ in range(units)]
        for _ in range(raters)
    ]
    ours = krippendorff_alpha_scaled(units_of(matrix), level)
    if sum(len(u) for u in units_of(matrix) if len(u) >= 2) == 0 or not ours.defined:
        assert ours.value is None and ours.reason
        return
    assert ours.value == pytest.approx(reference_alpha(matrix, level), abs=1e-9)


def test_scaled_alpha_undefined_and_bad_level():
    assert not krippendorff_alpha_scaled([[3, 3], [3, 3, 3]], "ordinal").defined
    assert not krippendorff_alpha_scaled([[3], [4]], "interval").defined
    with pytest.raises(ValueError):
        krippendorff_alpha_scaled([[1, 2]], "ratio")


# --- Spans --------------------------------------------------------------------------


def random_spans(rng, length, labels):
    spans, position = set(), 0
    while position < length - 1:
        start = rng.randint(position, length - 1)
        end = rng.randint(start + 1, min(length, start + 4))
        if rng.random() < 0.6:
            spans.add((start, end, rng.choice(labels)))
        position = end
    return frozenset(spans)


def bio(spans, length):
    tags = ["O"] * length
    for start, end, label in spans:
        tags[start] = "B-" + label
        for i in range(start + 1, end):
            tags[i] = "I-" + label
    return tags


@pytest.mark.parametrize("seed", range(30))
def test_span_f1_matches_seqeval(seed):
    rng = random.Random(seed)
    labels = ["PER", "ORG", "LOC"]
    a, b = random_spans(rng, 30, labels), random_spans(rng, 30, labels)
    if not a and not b:
        assert span_f1(a, b) == 1.0
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = f1_score([bio(a, 30)], [bio(b, 30)], mode="strict", scheme=None)
    if not a or not b:
        expected = 0.0
    assert span_f1(a, b) == pytest.approx(expected)
    assert span_f1(b, a) == span_f1(a, b)


def test_spans_task_and_label_agreement():
    ana = frozenset({(0, 3, "PER"), (5, 9, "ORG")})
    ben = frozenset({(0, 3, "PER"), (5, 9, "LOC")})
    cy = frozenset({(0, 3, "PER")})
    report = analyse([ratings("s", {"ana": ana, "ben": ben, "cy": cy}, "spans")])
    row = report.tasks[0]
    expected = (2 * 1 / 4 + 2 * 1 / 3 + 2 * 1 / 3) / 3
    assert row.measures["mean_pairwise_f1"] == pytest.approx(expected)
    assert row.disagreement == pytest.approx(1 - expected)
    labels = {d["label"]: d for d in report.types["spans"]["labels"]}
    assert labels["PER"]["f1"] == 1.0 and labels["PER"]["spans"] == 3
    assert labels["ORG"]["f1"] == 0.0 and labels["LOC"]["f1"] == 0.0


# --- Boxes, polygons, segments: matched IoU ----------------------------------------


def expected_object_agreement(iou_matrix, minimum, inclusive=False):
    """Independent: threshold, optimal assignment with scipy, unmatched objects count 0."""
    rows, cols = iou_matrix.shape
    if rows == 0 and cols == 0:
        return 1.0
    if rows == 0 or cols == 0:
        return 0.0
    keep = (iou_matrix >= minimum) & (iou_matrix > 0) if inclusive else iou_matrix > minimum
    table = np.where(keep, iou_matrix, 0.0)
    r, c = linear_sum_assignment(table, maximize=True)
    matched = [(i, j) for i, j in zip(r, c, strict=True) if table[i, j] > 0]
    total = sum(table[i, j] for i, j in matched)
    return total / (rows + cols - len(matched))


def random_boxes(rng, count):
    return [
        {
            "x": rng.uniform(0, 80),
            "y": rng.uniform(0, 80),
            "w": rng.uniform(2, 40),
            "h": rng.uniform(2, 40),
            "label": rng.choice("AB"),
        }
        for _ in range(count)
    ]


@pytest.mark.parametrize("seed", range(25))
def test_box_agreement_matches_pycocotools_and_scipy(seed):
    rng = random.Random(seed)
    answers = {who: random_boxes(rng, rng.randint(0, 5)) for who in ("ana", "ben", "cy")}
    report = analyse([ratings("b", answers, "bbox", {"match_iou": 0.3})])
    values = []
    for a, b in combinations(answers.values(), 2):
        if a and b:
            matrix = coco_mask.iou(
                [[o["x"], o["y"], o["w"], o["h"]] for o in a],
                [[o["x"], o["y"], o["w"], o["h"]] for o in b],
                [0] * len(b),
            )
        else:
            matrix = np.zeros((len(a), len(b)))
        values.append(expected_object_agreement(np.asarray(matrix), 0.3))
    assert report.tasks[0].measures["mean_pairwise_iou"] == pytest.approx(sum(values) / 3)


def test_box_agreement_by_hand():
    box = {"x": 0, "y": 0, "w": 10, "h": 10, "label": "A"}
    half = {"x": 5, "y": 0, "w": 10, "h": 10, "label": "B"}  # IoU 1/3 with box
    far = {"x": 50, "y": 50, "w": 10, "h": 10, "label": "A"}
    report = analyse([ratings("b", {"ana": [box, far], "ben": [half]}, "bbox")])
    row = report.tasks[0]
    # matched: box-half (1/3 > 0.3); far is drawn by ana only -> counts 0: (1/3) / 2
    assert row.measures["mean_pairwise_iou"] == pytest.approx(1 / 6)
    assert row.measures["matched_label_agreement"] == 0.0
    report = analyse([ratings("b", {"ana": [box], "ben": [half]}, "bbox", {"match_iou": 0.5})])
    assert report.tasks[0].measures["mean_pairwise_iou"] == 0.0  # below match_iou: not matched
    assert report.tasks[0].measures["matched_label_agreement"] is None


def random_polygon(rng):
    cx, cy, r = rng.uniform(20, 80), rng.uniform(20, 80), rng.uniform(5, 30)
    count = rng.randint(3, 8)
    angles = sorted(rng.uniform(0, 2 * math.pi) for _ in range(count))
    return [[cx + r * math.cos(t), cy + r * math.sin(t)] for t in angles]


@pytest.mark.parametrize("seed", range(20))
def test_polygon_agreement_matches_shapely(seed):
    rng = random.Random(seed)
    answers = {
        who: [{"label": "P", "points": random_polygon(rng)} for _ in range(rng.randint(0, 3))]
        for who in ("ana", "ben")
    }
    report = analyse([ratings("p", answers, "polygon", {"match_iou": 0.2})])
    a, b = answers["ana"], answers["ben"]
    matrix = np.array(
        [
            [
                Polygon(p["points"]).intersection(Polygon(q["points"])).area
                / Polygon(p["points"]).union(Polygon(q["points"])).area
                for q in b
            ]
            for p in a
        ]
    ).reshape(len(a), len(b))
    expected = expected_object_agreement(matrix, 0.2)
    assert report.tasks[0].measures["mean_pairwise_iou"] == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize("seed", range(20))
def test_segment_agreement_matches_independent_iou(seed):
    rng = random.Random(seed)

    def segs():
        out = []
        for _ in range(rng.randint(0, 4)):
            start = rng.uniform(0, 9)
            out.append({"start": start, "end": start + rng.uniform(0.1, 3), "label": "S"})
        return out

    answers = {"ana": segs(), "ben": segs()}
    report = analyse([ratings("g", answers, "segments", {"match_iou": 0.5})])
    a, b = answers["ana"], answers["ben"]

    def tiou(p, q):
        inter = max(0.0, min(p["end"], q["end"]) - max(p["start"], q["start"]))
        return inter / (p["end"] - p["start"] + q["end"] - q["start"] - inter)

    matrix = np.array([[tiou(p, q) for q in b] for p in a]).reshape(len(a), len(b))
    expected = expected_object_agreement(matrix, 0.5, inclusive=True)
    assert report.tasks[0].measures["mean_pairwise_iou"] == pytest.approx(expected, abs=1e-12)


def test_segments_per_label():
    a = [{"start": 0.0, "end": 2.0, "label": "A"}, {"start": 3.0, "end": 4.0, "label": "B"}]
    b = [{"start": 0.0, "end": 1.0, "label": "A"}, {"start": 3.0, "end": 4.0, "label": "A"}]
    report = analyse([ratings("g", {"ana": a, "ben": b}, "segments")])
    labels = {d["label"]: d for d in report.types["segments"]["labels"]}
    # A: [0,2] vs [0,1] IoU 0.5 (>= 0.5: matched), [3,4] A of ben unmatched -> 0.5 / 2
    assert labels["A"]["mean_iou"] == pytest.approx(0.25)
    assert labels["B"]["mean_iou"] == 0.0
    row = report.tasks[0]
    assert row.measures["mean_pairwise_iou"] == pytest.approx((0.5 + 1.0) / 2)
    assert row.measures["matched_label_agreement"] == pytest.approx(0.5)


# --- Keypoints -----------------------------------------------------------------------


def test_keypoints_distances_and_tolerance():
    options = {
        "keypoints": ["eye", "nose", "ear"],
        "tolerance": {"eye": 5.0, "nose": 8.0, "ear": 5.0},
    }
    answers = {
        "ana": {"eye": (0.0, 0.0), "nose": (10.0, 10.0), "ear": None},
        "ben": {"eye": (3.0, 4.0), "nose": (20.0, 10.0), "ear": None},
        "cy": {"eye": (6.0, 8.0)},
    }
    report = analyse([ratings("k", answers, "keypoints", options)])
    row = report.tasks[0]
    # eye: 5 (ok), 10, 5 (ok); nose: 10 (no), ana-cy and ben-cy (cy left it out: no);
    # ear: both hidden (ok), ana-cy, ben-cy (no). 3 of 9 pairs within tolerance.
    assert row.measures["within_tolerance"] == pytest.approx(3 / 9)
    distances = [5.0, 10.0, 5.0, 10.0]
    assert row.measures["mean_pairwise_distance_px"] == pytest.approx(np.mean(distances))
    landmarks = {d["landmark"]: d for d in report.types["keypoints"]["landmarks"]}
    assert landmarks["eye"]["within_tolerance"] == pytest.approx(2 / 3)
    assert landmarks["ear"]["mean_distance_px"].value is None


# --- Transcripts, ranks, pairwise ------------------------------------------------------


def simple_normalise(text):
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", "", text.lower())).strip()


@pytest.mark.parametrize("seed", range(30))
def test_symmetric_wer_matches_jiwer(seed):
    rng = random.Random(seed)
    vocabulary = ["the", "bus", "Leaves", "stop", "twelve,", "at", "six", "fifteen.", "a"]
    a = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(1, 9)))
    b = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(1, 9)))
    rules = {"case": "ignore", "punctuation": "ignore", "numbers": "as-spoken"}
    wer, cer = symmetric_wer(a, b, rules)
    na, nb = simple_normalise(a), simple_normalise(b)
    assert wer == pytest.approx((jiwer.wer(na, nb) + jiwer.wer(nb, na)) / 2)
    assert cer == pytest.approx((jiwer.cer(na, nb) + jiwer.cer(nb, na)) / 2)


def test_transcript_rows_cap_disagreement():
    rules = {"case": "keep", "punctuation": "keep", "numbers": "as-written"}
    answers = {"ana": "a", "ben": "a b c d", "cy": "A"}
    report = analyse([ratings("t", answers, "transcript", {"normalize": rules})])
    row = report.tasks[0]
    # ana-ben: (3/1 + 3/4) / 2 = 1.875; ana-cy: 1; ben-cy: (4/4 + 4/1) / 2 = 2.5
    assert row.measures["mean_pairwise_wer"] == pytest.approx((1.875 + 1 + 2.5) / 3)
    assert row.disagreement == 1.0 and row.agreement == 0.0


@pytest.mark.parametrize("seed", range(20))
def test_kendall_tau_matches_scipy(seed):
    rng = random.Random(seed)
    ids = list("ABCDEFG")[: rng.randint(2, 7)]
    a, b = rng.sample(ids, len(ids)), rng.sample(ids, len(ids))
    expected = kendalltau([a.index(i) for i in ids], [b.index(i) for i in ids]).statistic
    assert kendall_tau(a, b) == pytest.approx(expected)
    report = analyse([ratings("r", {"ana": tuple(a), "ben": tuple(b)}, "rank")])
    assert report.tasks[0].disagreement == pytest.approx((1 - expected) / 2)


def test_kendall_tau_of_different_ids_is_none():
    assert kendall_tau(["A", "B"], ["A", "C"]) is None
    assert kendall_tau(["A"], ["A"]) is None


def test_pairwise_is_categorical():
    tasks = [("p1", "A", "A"), ("p2", "B", "A"), ("p3", "tie", "tie"), ("p4", "B", "B")]
    items = [ratings(t, {"ana": a, "ben": b}, "pairwise") for t, a, b in tasks]
    report = analyse(items)
    summary = report.types["pairwise"]
    expected = cohen_kappa_score([a for _, a, _ in tasks], [b for _, _, b in tasks])
    assert summary["cohen_pairs"][0]["kappa"].value == pytest.approx(expected)
    assert {row.type for row in report.tasks} == {"pairwise"}
    assert not report.choice


# --- Ratings and numbers ----------------------------------------------------------------


SCALE = {
    "levels": [{"value": v} for v in (5, 4, 3, 2, 1)],
    "criteria": [{"id": "helpful"}, {"id": "honest"}],
}


@pytest.mark.parametrize("seed", range(15))
def test_rating_alpha_is_ordinal_krippendorff(seed):
    rng = random.Random(seed)
    people = ["ana", "ben", "cy", "dee"]
    matrix = [[rng.choice([1, 2, 3, 4, 5, None]) for _ in range(6)] for _ in people]
    items = []
    for unit in range(6):
        answers = {
            who: {"helpful": matrix[r][unit]}
            for r, who in enumerate(people)
            if matrix[r][unit] is not None
        }
        items.append(ratings(f"r{unit}", answers, "rating", {"scale": SCALE}))
    report = analyse(items)
    criteria = {d["criterion"]: d for d in report.types["rating"]["criteria"]}
    ours = criteria["helpful"]["krippendorff_alpha"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            expected = reference_alpha(matrix, "ordinal")
        except (ValueError, ZeroDivisionError):
            expected = None
    if ours.defined:
        assert ours.value == pytest.approx(expected, abs=1e-9)
    else:
        assert expected is None or math.isnan(expected)


def test_rating_steps_by_hand_with_an_unrated_criterion():
    answers = {
        "ana": {"helpful": 5, "honest": 4},
        "ben": {"helpful": 3},  # honest unrated: ana's honest rating has no partner
    }
    report = analyse([ratings("r", answers, "rating", {"scale": SCALE})])
    row = report.tasks[0]
    assert row.measures["mean_abs_steps"] == 2.0
    assert row.disagreement == pytest.approx(2 / 4)


def test_numeric_tolerance_and_interval_alpha():
    items = [
        ratings("n1", {"ana": 0.62, "ben": 0.63, "cy": 0.70}, "numeric",
                {"tolerance": {"absolute": 0.01, "relative": None}}, {"value": 0.62}),
        ratings("n2", {"ana": 10.0, "ben": 10.4}, "numeric",
                {"tolerance": {"absolute": None, "relative": 0.05}}, {"value": 10.0}),
        ratings("n3", {"ana": 3.0, "ben": 3.0000001}, "numeric"),  # no course: equal only
    ]  # fmt: skip
    report = analyse(items)
    rows = {row.task: row for row in report.tasks}
    assert rows["n1"].measures["within_tolerance"] == pytest.approx(1 / 3)
    assert rows["n1"].measures["mean_pairwise_abs_difference"] == pytest.approx(
        (0.01 + 0.08 + 0.07) / 3
    )
    assert rows["n2"].measures["within_tolerance"] == 1.0
    assert rows["n3"].measures["within_tolerance"] == 0.0
    matrix = [[0.62, 10.0, 3.0], [0.63, 10.4, 3.0000001], [0.70, None, None]]
    assert report.types["numeric"]["krippendorff_alpha"].value == pytest.approx(
        reference_alpha(matrix, "interval"), abs=1e-9
    )


# --- Edge cases across types --------------------------------------------------------------


PERFECT = {
    "spans": frozenset({(0, 4, "PER")}),
    "bbox": [{"x": 1, "y": 2, "w": 3, "h": 4, "label": "A"}],
    "polygon": [{"label": "A", "points": [[0, 0], [4, 0], [0, 3]]}],
    "segments": [{"start": 0.0, "end": 1.5, "label": "A"}],
    "keypoints": {"eye": (1.0, 2.0), "ear": None},
    "transcript": "the same words",
    "rank": ("B", "A", "C"),
    "pairwise": "A",
    "rating": {"helpful": 4},
    "numeric": 0.5,
    "tracking": [
        {"frame": 1, "x": 1, "y": 2, "w": 3, "h": 4, "label": "A"},
        {"frame": 2, "x": 2, "y": 2, "w": 3, "h": 4, "label": "A"},
    ],
}


@pytest.mark.parametrize("type_", sorted(PERFECT))
def test_perfect_agreement_is_no_disagreement(type_):
    answer = PERFECT[type_]
    options = {"scale": SCALE} if type_ == "rating" else {}
    report = analyse([ratings("t", {"ana": answer, "ben": answer, "cy": answer}, type_, options)])
    assert report.tasks[0].disagreement == pytest.approx(0.0, abs=1e-12)
    assert report.tasks[0].agreement == pytest.approx(1.0)


@pytest.mark.parametrize("type_", sorted(PERFECT))
def test_one_rater_is_left_out(type_):
    report = analyse([ratings("t", {"ana": PERFECT[type_]}, type_)])
    assert report.tasks == [] and report.single == 1 and type_ not in report.types


@pytest.mark.parametrize("type_", ["spans", "bbox", "polygon", "segments", "tracking"])
def test_empty_answers_agree_and_empty_against_something_disagrees(type_):
    empty = frozenset() if type_ == "spans" else []
    report = analyse(
        [
            ratings("both-empty", {"ana": empty, "ben": empty}, type_),
            ratings("one-empty", {"ana": empty, "ben": PERFECT[type_]}, type_),
        ]
    )
    assert [row.task for row in report.tasks] == ["one-empty", "both-empty"]
    assert report.tasks[0].disagreement == 1.0 and report.tasks[1].disagreement == 0.0


def test_tasks_of_all_types_sort_by_disagreement():
    items = [
        ratings("c", {"a": "x", "b": "y"}, "choice"),  # 1
        ratings("r", {"a": ("A", "B", "C"), "b": ("A", "C", "B")}, "rank"),  # (1 - 1/3) / 2
        ratings("s", {"a": frozenset({(0, 1, "P")}), "b": frozenset({(0, 1, "P")})}, "spans"),
    ]
    report = analyse(items)
    assert [row.task for row in report.tasks] == ["c", "r", "s"]
    assert all(0.0 <= row.disagreement <= 1.0 for row in report.tasks)


# --- The command, end to end on the course's own tasks ---------------------------------------


def attempt(who, responses):
    return {
        "format": "annotrain-attempt/1",
        "site": "annotrain",
        "quiz": "calibration",
        "quiz_version": "v1",
        "seed": 1,
        "candidate": {"name": who},
        "started": "2026-11-23T10:02:11Z",
        "submitted": "2026-11-23T10:14:52Z",
        "tasks": list(responses),
        "responses": responses,
    }


MOUTH = {"label": "Right mouth corner", "visible": False}
CALIBRATION = {
    "ana": {
        "q3-pcb-two-defects": {"boxes": [{"label": "Missing Component", "x": 60, "y": 198, "w": 121, "h": 101}, {"label": "Scratch", "x": 464, "y": 314, "w": 127, "h": 50}]},
        "q4-coin-outline": {"polygons": [{"label": "Coin", "points": [[314, 156], [381, 156], [381, 218], [314, 218]]}]},
        "q4-astronaut-face": {"points": [{"label": "Left eye", "x": 248, "y": 102}, {"label": "Nose tip", "x": 224, "y": 127}]},
        "q6-segments-delivery": {"segments": [{"start": 0.4, "end": 3.8, "label": "Speaker A"}, {"start": 4.3, "end": 6.4, "label": "Speaker B"}]},
        "q6-transcribe-bus": {"text": "The last bus leaves stop twelve at six fifteen."},
        "qf-pref-pair-minutes": {"choice": "B"},
        "w5-ner-ferry-news": {"spans": [{"start": 3, "end": 16, "label": "Date"}, {"start": 48, "end": 63, "label": "Organization"}]},
        "el-pref-rank-starter": {"order": ["C", "B", "A"]},
        "el-sp-rate-recipe": {"ratings": {"helpfulness": 5, "honesty": 5}},
        "w7-kappa-urgency-table": {"value": 0.6675},
    },
    "ben": {
        "q3-pcb-two-defects": {"boxes": [{"label": "Missing Component", "x": 64, "y": 200, "w": 115, "h": 99}]},
        "q4-coin-outline": {"polygons": [{"label": "Coin", "points": [[318, 160], [378, 160], [378, 214], [318, 214]]}]},
        "q4-astronaut-face": {"points": [{"label": "Left eye", "x": 250, "y": 104}, {"label": "Nose tip", "x": 226, "y": 120}, MOUTH]},
        "q6-segments-delivery": {"segments": [{"start": 0.4, "end": 6.4, "label": "Speaker A"}]},
        "q6-transcribe-bus": {"text": "The last bus leaves stop 12 at 6:15."},
        "qf-pref-pair-minutes": {"choice": "A"},
        "w5-ner-ferry-news": {"spans": [{"start": 3, "end": 16, "label": "Date"}, {"start": 48, "end": 63, "label": "Location"}]},
        "el-pref-rank-starter": {"order": ["B", "C", "A"]},
        "el-sp-rate-recipe": {"ratings": {"helpfulness": 3, "honesty": 5}},
        "w7-kappa-urgency-table": {"value": "0,67"},
    },
}  # fmt: skip


def test_command_end_to_end_on_course_tasks(tmp_path, capsys):
    paths = []
    for who, responses in CALIBRATION.items():
        path = tmp_path / f"{who}.json"
        path.write_text(json.dumps(attempt(who, responses)), encoding="utf-8")
        paths.append(str(path))
    config = str(ROOT / "mkdocs.yml")
    report_csv = tmp_path / "report.csv"
    assert main(["agreement", *paths, "--config", config, "-o", str(report_csv)]) == 0
    out = capsys.readouterr().out
    for title in ("Pairwise tasks", "Span tasks", "Box tasks", "Polygon tasks", "Segment tasks",
                  "Keypoint tasks", "Transcript tasks", "Rank tasks", "Rating tasks", "Numeric tasks"):  # fmt: skip
        assert title in out
    assert "not measured yet" not in out
    rows = list(csv.DictReader(report_csv.read_text(encoding="utf-8").splitlines()))
    assert len(rows) == 10
    disagreement = [float(r["disagreement"]) for r in rows]
    assert disagreement == sorted(disagreement, reverse=True)
    by_task = {r["task"]: r for r in rows}
    assert "mean_pairwise_iou=" in by_task["q3-pcb-two-defects"]["measures"]
    assert by_task["qf-pref-pair-minutes"]["type"] == "pairwise"
    assert float(by_task["qf-pref-pair-minutes"]["disagreement"]) == 1.0
    # numeric: 0.6675 and 0.67 ("0,67" read as the grader reads it) within 0.01
    assert float(by_task["w7-kappa-urgency-table"]["disagreement"]) == 0.0
    # rating: helpfulness 5 vs 3 on 1..5 = 2 steps of 4; honesty equal -> (0.5 + 0) / 2
    assert float(by_task["el-sp-rate-recipe"]["disagreement"]) == pytest.approx(0.25, abs=1e-4)
    # rank: C B A vs B C A -> tau 1/3
    assert float(by_task["el-pref-rank-starter"]["disagreement"]) == pytest.approx(1 / 3, abs=1e-4)
    # spans: 1 of 2 spans shared each side -> F1 1/2
    assert float(by_task["w5-ner-ferry-news"]["agreement"]) == pytest.approx(0.5)
    # keypoints: Left eye 2.8 px and Nose tip 7.3 px apart (tolerance 8) agree; the mouth
    # corner ben marked hidden and ana left out disagrees: 2 of 3 landmark pairs
    assert float(by_task["q4-astronaut-face"]["agreement"]) == pytest.approx(2 / 3, abs=1e-4)

    assert main(["agreement", *paths, "--config", config, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert "nan" not in json.dumps(data).lower()
    for name in ("pairwise", "spans", "bbox", "polygon", "segments", "keypoints",
                 "transcript", "rank", "rating", "numeric"):  # fmt: skip
        assert data[name]["tasks"] == 1
    assert {t["type"] for t in data["tasks"]} >= {"bbox", "keypoints", "rating"}


def test_huge_numeric_answers_leave_alpha_undefined_not_a_crash():
    units = [[1e308, -1e308], [5.0, 6.0]]
    metric = krippendorff_alpha_scaled(units, "interval")
    assert metric.value is None and "too large" in metric.reason
    # The report over such answers is written, not a traceback.
    report = analyse([ratings("n", {"ana": 1e308, "ben": -1e308, "cy": 3.0}, "numeric")])
    assert report.to_json()
