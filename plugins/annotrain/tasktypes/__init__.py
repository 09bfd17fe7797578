"""The task types and the registry the loader, grader and renderer look them up in.

A task type is a :class:`~annotrain.tasktypes.base.TaskType`: it names its own
YAML fields, reads and checks gold, turns any learner response (even a malformed
one) into its canonical shape, and provides the measures a rubric can grade on.
Adding a type means adding one module here and its widget in ``assets/``.
"""

from .base import TaskType
from .bbox import BboxType
from .choice import ChoiceType
from .keypoints import KeypointsType
from .multi import MultiType
from .polygon import PolygonType
from .segments import SegmentsType
from .spans import SpansType
from .transcript import TranscriptType

TASK_TYPES: dict[str, TaskType] = {
    kind.name: kind
    for kind in (
        ChoiceType(),
        MultiType(),
        SpansType(),
        TranscriptType(),
        SegmentsType(),
        BboxType(),
        PolygonType(),
        KeypointsType(),
    )
}

__all__ = ["TASK_TYPES", "TaskType"]
