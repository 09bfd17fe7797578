"""``tracking`` agreement: box IoU frame by frame after one-to-one matching.

Each rater's tracks are expanded to their boxes per frame (keyframes interpolated as
the grader does); a box pairs only with a box of the same frame, IoU above the
task's ``match_iou``. The analysis is the one boxes, polygons and segments share
(:mod:`annotrain.agreement.objects`). Without the course the frame count is unknown:
a track's boxes then end at the last keyframe of the answer.
"""

from __future__ import annotations

from typing import Any

from ...agreement.objects import analyse_objects, match_iou, objects_text
from ...agreement.ratings import TaskRatings, listed
from ...agreement.rows import TaskRow
from ..base import AgreementHooks
from .kind import DEFAULT_MATCH_IOU, MAX_FRAMES, expand, iou, read_track

#: Boxes kept per answer (matching is cubic in the count): 10 tracks of 60 frames.
MAX_BOXES = 600


def read(response: Any) -> list[dict] | None:
    """Every box of every track, as {frame, x, y, w, h, label}."""
    items = listed(response, "tracks")
    if items is None:
        return None
    labels = [item.get("label") for item in items if isinstance(item.get("label"), str)]
    tracks = [t for t in (read_track(item, labels, MAX_FRAMES) for item in items) if t]
    count = max((key["frame"] for t in tracks for key in t["keys"]), default=0)
    boxes = []
    for track in tracks:
        for frame, box in enumerate(expand(track["keys"], count), 1):
            if box is not None:
                boxes.append({"frame": frame, **box, "label": track["label"]})
    return boxes[:MAX_BOXES]


def similarity(a: dict, b: dict) -> float:
    return iou(a, b) if a["frame"] == b["frame"] else 0.0


def analyse(items: list[TaskRatings]) -> tuple[list[TaskRow], dict]:
    """Mean pairwise box IoU per task over all frames; per label agreement overall."""
    return analyse_objects(
        items, "tracking", similarity, match_iou(DEFAULT_MATCH_IOU, inclusive=False)
    )


HOOKS = AgreementHooks(
    key="tracks",
    read=read,
    analyse=analyse,
    summary_text=objects_text("Tracking tasks", "boxes"),
)
