"""``bbox`` agreement: box IoU after one-to-one matching, as the grader matches to gold.

Boxes pair when their IoU is above the task's ``match_iou``; the analysis is the one
polygons and segments share (:mod:`annotrain.agreement.objects`).
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
    """The boxes with finite coordinates and a label; a negative size is flipped."""
    items = listed(response, "boxes")
    if items is None:
        return None
    boxes = []
    for item in items:
        x, y, w, h = (finite_number(item.get(k)) for k in ("x", "y", "w", "h"))
        label = item.get("label")
        if None in (x, y, w, h) or not isinstance(label, str):
            continue
        if w < 0:
            x, w = x + w, -w
        if h < 0:
            y, h = y + h, -h
        boxes.append({"x": x, "y": y, "w": w, "h": h, "label": label})
    return boxes


def analyse(items: list[TaskRatings]) -> tuple[list[TaskRow], dict]:
    """Mean pairwise box IoU per task; per label and matched-label agreement overall."""
    return analyse_objects(items, "bbox", iou, match_iou(DEFAULT_MATCH_IOU, inclusive=False))


HOOKS = AgreementHooks(
    key="boxes", read=read, analyse=analyse, summary_text=objects_text("Box tasks", "boxes")
)
