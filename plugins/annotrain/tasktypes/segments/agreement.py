"""``segments`` agreement: temporal IoU after one-to-one matching.

Segments pair when their IoU is at least the task's ``match_iou``, as the segments
grader pairs them; the analysis is the one boxes and polygons share
(:mod:`annotrain.agreement.objects`).
"""

from __future__ import annotations

from typing import Any

from ...agreement.objects import analyse_objects, match_iou, objects_text
from ...agreement.ratings import TaskRatings, listed
from ...agreement.rows import TaskRow
from ..base import AgreementHooks
from ..shared.values import finite_number
from .kind import DEFAULT_MATCH_IOU, iou


def read(response: Any) -> list[dict] | None:
    """The labelled segments with finite times, start before end."""
    items = listed(response, "segments")
    if items is None:
        return None
    segments = []
    for item in items:
        start, end = finite_number(item.get("start")), finite_number(item.get("end"))
        label = item.get("label")
        if start is not None and end is not None and start < end and isinstance(label, str):
            segments.append({"start": start, "end": end, "label": label})
    return segments


def analyse(items: list[TaskRatings]) -> tuple[list[TaskRow], dict]:
    """Mean pairwise segment IoU per task; per label and matched-label agreement overall."""
    return analyse_objects(items, "segments", iou, match_iou(DEFAULT_MATCH_IOU, inclusive=True))


HOOKS = AgreementHooks(
    key="segments",
    read=read,
    analyse=analyse,
    summary_text=objects_text("Segment tasks", "segments"),
)
