"""segments: temporal IoU against an independent computation on a millisecond grid,
the matching rule against scipy's linear_sum_assignment, the course's gold against
the times tools/make_audio.py computed, and authoring errors at their file:line."""

from __future__ import annotations

import json
import random

import markdown
import numpy as np
import pytest
import yaml
from scipy.optimize import linear_sum_assignment

from annotrain.course.media import MediaLibrary
from annotrain.rendering.markdown_ext import AnnotrainExtension
from annotrain.tasktypes.segments.kind import iou, pairs, seconds

from .conftest import ROOT
from .lessons import convert, error_of

GRID = 1000  # samples per second of the reference computation


def covered(segment: dict, length: int) -> np.ndarray:
    mask = np.zeros(length, dtype=bool)
    mask[round(segment["start"] * GRID) : round(segment["end"] * GRID)] = True
    return mask


def random_segment(rng: random.Random, labels=("A", "B")) -> dict:
    start = rng.randint(0, 9000) / GRID
    return {"start": start, "end": start + rng.randint(1, 3000) / GRID, "label": rng.choice(labels)}


@pytest.mark.parametrize("seed", range(300))
def test_iou_equals_the_share_of_covered_milliseconds(seed):
    rng = random.Random(seed)
    a, b = random_segment(rng), random_segment(rng)
    if seed % 10 == 0:  # touching and identical segments
        b = {**a} if seed % 20 == 0 else {"start": a["end"], "end": a["end"] + 1, "label": "A"}
    mask_a, mask_b = covered(a, 13000), covered(b, 13000)
    expected = (mask_a & mask_b).sum() / (mask_a | mask_b).sum()
    assert iou(a, b) == pytest.approx(expected, abs=1e-9)
    assert iou(a, b) == iou(b, a)


class FakeTask:
    def __init__(self, gold, match_iou=0.5):
        self.gold = {"segments": gold}
        self.options = {"match_iou": match_iou, "labels": ["A", "B", "C"]}


def weights(task, mine) -> np.ndarray:
    """The matching rule restated: count first, then same labels, then IoU."""
    gold = task.gold["segments"]
    n = min(len(gold), len(mine))
    table = np.zeros((len(gold), len(mine)))
    for g, a in enumerate(gold):
        for r, b in enumerate(mine):
            value = iou(a, b)
            if value >= task.options["match_iou"]:
                table[g, r] = n * (n + 2) + 1 + (n + 1) * (a["label"] == b["label"]) + value
    return table


@pytest.mark.parametrize("seed", range(200))
def test_matching_is_optimal_against_linear_sum_assignment(seed):
    rng = random.Random(seed)
    gold = [random_segment(rng, "ABC") for _ in range(rng.randint(0, 6))]
    mine = [random_segment(rng, "ABC") for _ in range(rng.randint(0, 6))]
    for segment in rng.sample(gold, min(len(gold), 3)):  # some near-copies of the gold
        shift = rng.uniform(-0.3, 0.3)
        mine.append({**segment, "start": segment["start"] + shift, "end": segment["end"] + shift})
    task = FakeTask(gold, match_iou=rng.choice([0.1, 0.3, 0.5, 0.7]))
    found = pairs(task, {"segments": mine})
    assert len({g for g, _ in found}) == len({r for _, r in found}) == len(found)
    table = weights(task, mine)
    assert all(table[g, r] > 0 for g, r in found)
    if not gold or not mine:
        assert found == []
        return
    rows, cols = linear_sum_assignment(table, maximize=True)
    assert sum(table[g, r] for g, r in found) == pytest.approx(table[rows, cols].sum())
    # As many pairs as any one-to-one assignment of valid pairs can have.
    valid = (table > 0).astype(float)
    rows, cols = linear_sum_assignment(valid, maximize=True)
    assert len(found) == valid[rows, cols].sum()


def test_same_label_wins_a_tie_of_overlapping_speakers():
    gold = [{"start": 2, "end": 4, "label": "A"}, {"start": 2, "end": 4, "label": "B"}]
    mine = [{"start": 2, "end": 4, "label": "B"}, {"start": 2, "end": 4, "label": "A"}]
    assert pairs(FakeTask(gold), {"segments": mine}) == [(0, 1), (1, 0)]


@pytest.mark.parametrize(
    "value, digits, text",
    [
        (0.125, 2, "0.13"),
        (0.375, 2, "0.38"),
        (2.25, 1, "2.3"),
        (7.84, 1, "7.8"),
        (0, 2, "0.00"),
        (12.0, 1, "12.0"),
    ],
)
def test_seconds_round_half_up(value, digits, text):
    assert seconds(value, digits) == text


# --- the course's gold is the gold the audio was made with -------------------------


def gold_file(media: MediaLibrary, src: str) -> dict:
    return json.loads(media.files[src].source.with_suffix(".gold.json").read_text(encoding="utf-8"))


def test_course_exercises_use_the_generated_times():
    media = MediaLibrary(ROOT)
    ext = AnnotrainExtension(rubrics=str(ROOT / "quizzes" / "rubrics.yml"), media=media)
    page = "course/week-6/diarization-and-events.md"
    ext.begin_page(page)
    markdown.Markdown(extensions=[ext]).convert((ROOT / page).read_text(encoding="utf-8"))
    tasks = [task for task in ext.tasks if task.type == "segments"]
    assert len(tasks) == 2
    for task in tasks:
        assert task.gold["segments"] == gold_file(media, task.options["audio"]["src"])["segments"]
    bank = yaml.safe_load((ROOT / "quizzes" / "week-6.yml").read_text(encoding="utf-8"))
    quiz = [t for s in bank["sections"] for t in s["tasks"] if t.get("type") == "segments"]
    assert len(quiz) == 1
    expected = json.loads((ROOT / "course/assets/audio/delivery-slot.gold.json").read_text())
    assert quiz[0]["gold"]["segments"] == expected["segments"]


# --- authoring -----------------------------------------------------------------------

PAGE = "course/week-6/s.md"  # exercise blocks are converted as if written here

GOOD = """\
type: segments
id: s1
prompt: Mark the speakers.
audio: ../assets/audio/shop-call.ogg
labels: [Speaker A, Speaker B]
rubric: segments-standard
gold:
  segments:
    - {start: 0.4, end: 2.593, label: Speaker A}
    - {start: 3.093, end: 4.93, label: Speaker B}
"""


def test_good_block_sorts_gold_and_reads_the_options():
    task = convert(
        GOOD.replace(
            "    - {start: 0.4", "    - {start: 5.5, end: 7, label: Speaker A}\n    - {start: 0.4"
        ),
        PAGE,
    ).tasks[0]
    assert [s["start"] for s in task.gold["segments"]] == [0.4, 3.093, 5.5]
    assert task.options["match_iou"] == 0.5
    assert task.options["overlap"] is False
    assert task.options["audio"]["duration"] == pytest.approx(7.839, abs=0.001)


@pytest.mark.parametrize(
    "body, line, fragments",
    [
        (
            GOOD.replace("shop-call.ogg", "shop-cal.ogg"),
            7,
            ["audio file '../assets/audio/shop-cal.ogg' not found"],
        ),
        (
            GOOD.replace("end: 4.93", "end: 9.5"),
            13,
            ["ends at 9.5 s, after the end of the clip (7.839 s)"],
        ),
        (GOOD.replace("start: 3.093", "start: -1"), 13, ["'start' must be at least 0"]),
        (GOOD.replace("end: 2.593", "end: 0.4"), 12, ["ends at 0.4 s, not after its start 0.4 s"]),
        (
            GOOD.replace("label: Speaker B}", "label: Speaker C}"),
            13,
            ["gold label 'Speaker C' is not among the labels", "did you mean"],
        ),
        (GOOD.replace("end: 2.593", "end: 3.5"), 13, ["overlap", "overlap: true"]),
        (GOOD.replace(", label: Speaker B}", "}"), 13, ["missing the required field 'label'"]),
        (GOOD.replace("start: 3.093", "begin: 3.093"), 13, ["unknown field 'begin'"]),
        (
            GOOD.replace("  segments:\n", "  segments: many\n").split("    - ")[0],
            11,
            ["'segments' must be a list"],
        ),
        (GOOD.replace("rubric:", "match_iou: 0\nrubric:"), 9, ["'match_iou' must be above 0"]),
        (GOOD.replace("rubric:", "match_iou: 1.5\nrubric:"), 9, ["'match_iou' must be at most 1"]),
        (
            GOOD.replace("[Speaker A, Speaker B]", str([f"L{i}" for i in range(10)])),
            8,
            ["at most 9 labels"],
        ),
        (
            GOOD.replace("rubric: segments-standard", "rubric: transcript-standard"),
            9,
            ["measure 'wer' is not available"],
        ),
    ],
)
def test_authoring_errors_name_file_and_line(body, line, fragments):
    error = error_of(body, PAGE)
    assert (error.path, error.line) == (PAGE, line), str(error)
    for fragment in fragments:
        assert fragment in error.message, error.message


def test_overlap_true_allows_overlapping_gold():
    body = GOOD.replace("end: 2.593", "end: 3.5").replace("rubric:", "overlap: true\nrubric:")
    assert len(convert(body, PAGE).tasks[0].gold["segments"]) == 2
