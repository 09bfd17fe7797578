"""Tracking exercises: the measures against py-motmetrics fed with IoU matrices
computed here with NumPy (its own iou_matrix calls np.asfarray, gone in NumPy 2),
keyframe interpolation against np.interp, the flagship's gold against the media
tool's exact per-frame boxes, and authoring errors with file:line."""

from __future__ import annotations

import json
import random
import re

import motmetrics as mm
import numpy as np
import pytest
import yaml

from annotrain.course.rubrics import Criterion, Level, LevelRule, Rubric
from annotrain.course.tasks import Task
from annotrain.tasktypes.tracking.kind import (
    TrackingType,
    expand,
    id_switches,
    invented_frames,
    label_accuracy,
    mean_iou,
    missed_frames,
    mota,
)

from .conftest import ROOT, VECTORS
from .lessons import convert, error_of
from .responses import tracking as random_tracking

PAGE = "course/week-6/lesson.md"  # exercise blocks are converted as if written here
KIND = TrackingType()
RUBRIC = Rubric(
    "r",
    "r",
    (Level(1, "ok"), Level(0, "no")),
    (Criterion("c", "c", 1.0, False, "mota", (LevelRule(1, "", 1.0), LevelRule(0, ""))),),
)
SEQUENCES = ROOT / "course" / "assets" / "images" / "tracking"


def numpy_boxes(keys: list[dict], count: int) -> np.ndarray:
    """(count, 4) x, y, w, h per frame, NaN where out of view: np.interp between keys."""
    boxes = np.full((count, 4), np.nan)
    frames = np.arange(1, count + 1)
    for start, key in enumerate(keys):
        if key.get("out"):
            continue
        after = keys[start + 1] if start + 1 < len(keys) else None
        end = after["frame"] if after else count + 1
        span = (frames >= key["frame"]) & (frames < end)
        for side, name in enumerate(("x", "y", "w", "h")):
            if after is None or after.get("out"):
                boxes[span, side] = key[name]
            else:
                boxes[span, side] = np.interp(
                    frames[span], [key["frame"], after["frame"]], [key[name], after[name]]
                )
    return boxes


def numpy_iou(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """IoU of every box in ``a`` (n, 4) with every box in ``b`` (m, 4)."""
    left = np.maximum(a[:, None, 0], b[None, :, 0])
    right = np.minimum(a[:, None, 0] + a[:, None, 2], b[None, :, 0] + b[None, :, 2])
    top = np.maximum(a[:, None, 1], b[None, :, 1])
    bottom = np.minimum(a[:, None, 1] + a[:, None, 3], b[None, :, 1] + b[None, :, 3])
    inter = np.clip(right - left, 0, None) * np.clip(bottom - top, 0, None)
    union = (a[:, 2] * a[:, 3])[:, None] + (b[:, 2] * b[:, 3])[None, :] - inter
    return np.where(union > 0, inter / np.where(union > 0, union, 1), 0.0)


def reference(task_json: dict, response: dict) -> dict:
    """The CLEAR MOT figures by motmetrics, and mean IoU and label accuracy from its events."""
    count = len(task_json["frames"])
    threshold = task_json["match_iou"]
    gold = [numpy_boxes(t["keys"], count) for t in task_json["gold"]["tracks"]]
    mine = [numpy_boxes(t["keys"], count) for t in response["tracks"]]
    acc = mm.MOTAccumulator(auto_id=True)
    for f in range(count):
        here = [g for g, boxes in enumerate(gold) if not np.isnan(boxes[f, 0])]
        there = [r for r, boxes in enumerate(mine) if not np.isnan(boxes[f, 0])]
        a = np.array([gold[g][f] for g in here]).reshape(-1, 4)
        b = np.array([mine[r][f] for r in there]).reshape(-1, 4)
        overlap = numpy_iou(a, b) if len(here) and len(there) else np.zeros((len(here), len(there)))
        distance = np.where(overlap > threshold, 1 - overlap, np.nan)
        acc.update(here, there, distance)
    summary = mm.metrics.create().compute(
        acc,
        metrics=["num_misses", "num_false_positives", "num_switches", "mota", "num_objects"],
        name="x",
    )
    events = acc.mot_events
    matched = events[events.Type.isin(["MATCH", "SWITCH"])]
    per_object = []
    for g, boxes in enumerate(gold):
        rows = matched[matched.OId == g]
        per_object.append((1 - rows.D).sum() / np.count_nonzero(~np.isnan(boxes[:, 0])))
    labels = [t["label"] for t in response["tracks"]]
    gold_labels = [t["label"] for t in task_json["gold"]["tracks"]]
    right = sum(
        labels[int(r)] == gold_labels[int(o)] for o, r in zip(matched.OId, matched.HId, strict=True)
    )
    row = summary.iloc[0]
    return {
        "missed": int(row.num_misses),
        "invented": int(row.num_false_positives),
        "switches": int(row.num_switches),
        "mota": float(row.mota),
        "mean_iou": float(np.mean(per_object)),
        "label_accuracy": right / len(matched) if len(matched) else 0.0,
    }


def as_task(task_json: dict) -> Task:
    options = {k: task_json[k] for k in ("image", "frames", "labels", "match_iou")}
    return Task(task_json["id"], "tracking", "p", RUBRIC, task_json["gold"], options=options)


def sequence_task(name: str, match_iou: float = 0.5) -> dict:
    gold = json.loads((SEQUENCES / f"{name}.gold.json").read_text(encoding="utf-8"))
    count = len(gold["tracks"][0]["keys"])
    labels = sorted({t["label"] for t in gold["tracks"]})
    return {
        "id": name,
        "image": {"src": "f.png", "webp": "f.webp", "width": 320, "height": 200},
        "frames": [{"src": "f.png", "webp": "f.webp"}] * count,
        "labels": labels,
        "match_iou": match_iou,
        "gold": gold,
    }


def tasks() -> list[dict]:
    found = [sequence_task(p.name.removesuffix(".gold.json")) for p in SEQUENCES.glob("*.json")]
    found.append({**sequence_task("track-crossing"), "id": "loose", "match_iou": 0.2})
    for case in json.loads((VECTORS / "tracking.json").read_text(encoding="utf-8"))["cases"]:
        if case["task"]["id"] not in {t["id"] for t in found}:
            found.append(case["task"])
    return found


def test_measures_match_motmetrics_on_random_tracks(messages):
    rng = random.Random(6)
    compared = switched = 0
    for task_json in tasks():
        task = as_task(task_json)
        for _ in range(40):
            raw = random_tracking(rng, task_json)
            response = KIND.normalize(task, raw)
            want = reference(task_json, response)
            got = {
                "missed": missed_frames(task, response, messages)[0],
                "invented": invented_frames(task, response, messages)[0],
                "switches": id_switches(task, response, messages)[0],
                "mota": mota(task, response, messages)[0],
                "mean_iou": mean_iou(task, response, messages)[0],
                "label_accuracy": label_accuracy(task, response, messages)[0],
            }
            assert got == pytest.approx(want, abs=1e-9), (task_json["id"], raw)
            compared += 1
            switched += want["switches"] > 0
    assert compared >= 200 and switched >= 10  # the cases do exercise identity switches


def test_interpolation_matches_numpy():
    rng = random.Random(7)
    for _ in range(300):
        count = rng.randint(2, 60)
        frames = sorted(rng.sample(range(1, count + 1), rng.randint(1, min(count, 6))))
        keys = []
        for frame in frames:
            if rng.random() < 0.25:
                keys.append({"frame": frame, "out": True})
            else:
                keys.append(
                    {"frame": frame, **{k: rng.uniform(0, 300) for k in ("x", "y", "w", "h")}}
                )
        want = numpy_boxes(keys, count)
        got = expand(keys, count)
        for f in range(count):
            if np.isnan(want[f, 0]):
                assert got[f] is None
            else:
                assert [got[f][k] for k in ("x", "y", "w", "h")] == pytest.approx(list(want[f]))


def flagship_tracking_tasks() -> list[tuple[str, dict]]:
    """(folder name, the task's YAML) of every tracking task in lessons and quizzes."""
    found = []
    for path in sorted((ROOT / "course").rglob("*.md")):
        for block in re.findall(r"```annotrain\n(.*?)```", path.read_text(encoding="utf-8"), re.S):
            data = yaml.safe_load(block)
            if isinstance(data, dict) and data.get("type") == "tracking":
                found.append(data)
    for path in sorted((ROOT / "quizzes").glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        if "type: tracking" not in text:
            continue

        def walk(node):
            if isinstance(node, dict):
                if node.get("type") == "tracking":
                    found.append(node)
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)

        walk(yaml.safe_load(text))
    return [(t["frames"].rstrip("/").rsplit("/", 1)[-1], t) for t in found]


def test_flagship_gold_is_the_media_tools_exact_boxes():
    found = flagship_tracking_tasks()
    assert len(found) >= 6  # three lesson exercises, the quiz and both finals
    for name, task in found:
        exact = json.loads((SEQUENCES / f"{name}.gold.json").read_text(encoding="utf-8"))
        count = len(exact["tracks"][0]["keys"])
        assert len(list((SEQUENCES / name).glob("*.png"))) == count
        written = task["gold"]["tracks"]
        assert [t["label"] for t in written] == [t["label"] for t in exact["tracks"]], task["id"]
        for mine, gold in zip(written, exact["tracks"], strict=True):
            assert expand(mine["keys"], count) == expand(gold["keys"], count), task["id"]


def test_agreement_pairs_boxes_of_the_same_frame_only():
    from annotrain.agreement import TaskRatings, analyse
    from annotrain.tasktypes.tracking.agreement import read

    def keys(*items):
        return {"tracks": [{"label": "Car", "keys": list(items)}]}

    ana = keys({"frame": 1, "x": 0, "y": 0, "w": 10, "h": 10}, {"frame": 3, "out": True})
    ben = keys(
        {"frame": 1, "x": 0, "y": 0, "w": 10, "h": 10},
        {"frame": 2, "x": 2, "y": 0, "w": 10, "h": 10},
        {"frame": 3, "out": True},
    )
    # Frame 1: the same box (IoU 1); frame 2: 2 px apart (80 / 120); so (1 + 2/3) / 2.
    answers = {"ana": read(ana), "ben": read(ben)}
    assert [b["frame"] for b in answers["ana"]] == [1, 2]
    report = analyse([TaskRatings("t", "tracking", None, answers, {}, None)])
    assert report.tasks[0].agreement == pytest.approx(5 / 6)
    # A box a frame later is no match, however well it overlaps.
    late = keys({"frame": 2, "x": 0, "y": 0, "w": 10, "h": 10}, {"frame": 4, "out": True})
    answers = {"ana": read(ana), "cy": read(late)}
    report = analyse([TaskRatings("t", "tracking", None, answers, {}, None)])
    assert report.tasks[0].agreement == pytest.approx(1 / 3)


# --- authoring errors -----------------------------------------------------------

GOOD = """\
type: tracking
id: lane
prompt: Track the car.
frames: ../assets/images/tracking/track-lane
labels: [Car, Van]
gold:
  tracks:
    - label: Car
      keys:
        - {frame: 1, x: 20, y: 120, w: 44, h: 22}
        - {frame: 11, out: true}
"""
#: Line L of the exercise block is line L + OFFSET of the lesson (lessons.LESSON).
OFFSET = 3


def test_good_block_loads():
    task = convert(GOOD, PAGE).tasks[0]
    assert len(task.options["frames"]) == 12
    assert task.options["image"]["width"] == 320
    assert task.options["match_iou"] == 0.5
    assert task.gold["tracks"][0]["keys"][1] == {"frame": 11, "out": True}


@pytest.mark.parametrize(
    "old, new, at, fragments",
    [
        ("track-lane", "track-none", "frames:", ["frames folder", "not found"]),
        (
            "x: 20, y: 120",
            "x: 300, y: 120",
            "{frame: 1,",
            ["spans x 300 to 344, outside the 320 x 200 frame"],
        ),
        (
            "{frame: 11, out: true}",
            "{frame: 13, out: true}",
            "{frame: 11",
            ["frame 13 is not a whole number from 1 to 12"],
        ),
        (
            "{frame: 11, out: true}",
            "{frame: 1, out: true}",
            "{frame: 11",
            ["frame 1 comes after frame 1"],
        ),
        (
            "{frame: 11, out: true}",
            "{frame: 11, out: true, x: 3}",
            "{frame: 11",
            ["out of view and has no box"],
        ),
        ("w: 44", "w: 0", "{frame: 1,", ["has w = 0"]),
        (
            "label: Car",
            "label: Cat",
            "label: Car",
            ["'Cat', which is not among the labels", "did you mean 'Car'"],
        ),
        (
            "        - {frame: 1, x: 20, y: 120, w: 44, h: 22}\n",
            "        - {frame: 1, out: true}\n",
            "keys:",
            ["out of view in every frame"],
        ),
        (
            "{frame: 11, out: true}",
            "{frame: 11, out: yes}",
            "{frame: 11",
            ["'out' must be true or false"],
        ),
    ],
)
def test_authoring_errors_name_file_and_line(old, new, at, fragments):
    assert old in GOOD
    error = error_of(GOOD.replace(old, new), PAGE)
    message = str(error)
    for fragment in fragments:
        assert fragment in message, message
    line = GOOD[: GOOD.index(at)].count("\n") + 1 + OFFSET
    assert f"{PAGE}:{line}:" in message, message
