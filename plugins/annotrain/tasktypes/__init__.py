"""The task types and the registry the loader, grader, renderer and agreement look them up in.

A task type is a :class:`~annotrain.tasktypes.base.TaskType`: it names its own
YAML fields, reads and checks gold, turns any learner response (even a malformed
one) into its canonical shape, and provides the measures a rubric can grade on.
Each type is one folder, ``tasktypes/<type>/``, whose ``agreement.py`` holds its
hooks for ``annotrain agreement`` (:attr:`TaskType.agreement`). :data:`TASK_TYPES`
is the one list of types: everything per type is looked up through it.
"""

from pathlib import Path

from .base import TaskType
from .bbox.kind import BboxType
from .choice.kind import ChoiceType
from .keypoints.kind import KeypointsType
from .masks.kind import MasksType
from .multi.kind import MultiType
from .numeric.kind import NumericType
from .pairwise.kind import PairwiseType
from .polygon.kind import PolygonType
from .rank.kind import RankType
from .rating.kind import RatingType
from .relations.kind import RelationsType
from .segments.kind import SegmentsType
from .spans.kind import SpansType
from .tracking.kind import TrackingType
from .transcript.kind import TranscriptType

#: The folder of the task types, one folder each (templates, starters, default rubrics).
TYPES_DIR = Path(__file__).resolve().parent

#: Every task type, one per line, in the order the trainer guide presents them.
TASK_TYPES: dict[str, TaskType] = {
    kind.name: kind
    for kind in (
        ChoiceType(),
        MultiType(),
        SpansType(),
        RankType(),
        PairwiseType(),
        RatingType(),
        NumericType(),
        TranscriptType(),
        SegmentsType(),
        BboxType(),
        PolygonType(),
        KeypointsType(),
        RelationsType(),
        MasksType(),
        TrackingType(),
    )
}

__all__ = ["TASK_TYPES", "TaskType"]
