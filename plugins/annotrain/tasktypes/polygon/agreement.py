"""``polygon`` agreement: exact polygon IoU after one-to-one matching.

Polygons pair when their IoU is above the task's ``match_iou``; the analysis is the
one boxes and segments share (:mod:`annotrain.agreement.objects`).
"""

from __future__ import annotations

from typing import Any

from ...agreement.objects import analyse_objects, match_iou, objects_text
from ...agreement.ratings import TaskRatings, listed
from ...agreement.rows import TaskRow
from ..base import AgreementHooks
from ..shared.polygons import iou
from ..shared.values import finite_number
from .kind import DEFAULT_MATCH_IOU


def read(response: Any) -> list[dict] | None:
    """The labelled polygons with at least 3 points of finite coordinates."""
    items = listed(response, "polygons")
    if items is None:
        return None
    polygons = []
    for item in items:
        label, raw = item.get("label"), item.get("points")
        if not isinstance(label, str) or not isinstance(raw, list):
            continue
        points = []
        for point in raw:
            if isinstance(point, list) and len(point) == 2:
                x, y = finite_number(point[0]), finite_number(point[1])
                if x is not None and y is not None:
                    points.append([x, y])
        if len(points) >= 3:
            polygons.append({"label": label, "points": points})
    return polygons


def polygon_iou(first: dict, second: dict) -> float:
    """The exact IoU of two raters' polygons."""
    return iou(first["points"], second["points"])


def analyse(items: list[TaskRatings]) -> tuple[list[TaskRow], dict]:
    """Mean pairwise polygon IoU per task; per label and matched-label agreement overall."""
    return analyse_objects(
        items, "polygon", polygon_iou, match_iou(DEFAULT_MATCH_IOU, inclusive=False)
    )


HOOKS = AgreementHooks(
    key="polygons",
    read=read,
    analyse=analyse,
    summary_text=objects_text("Polygon tasks", "polygons"),
)
