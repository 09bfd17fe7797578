"""What the Label Studio task builders share: the context, labels and skipping.

A builder turns the results one control gave on one task into one gold task
mapping. It reports through the :class:`Context` (notes go to the import's
summary) and gives up on the whole task by raising :class:`SkipError` with the reason:
a region that cannot be imported exactly skips its whole task, because partial
gold would mark a learner wrong for finding what it left out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .labelstudio_config import Control, DataObject
from .mediafiles import MediaError, MediaFolder
from .output import Outcome
from .textoffsets import LINE_BREAKS

DEFAULT_PROMPTS = {
    "choice": "Which label fits this text?",
    "multi": "Which labels apply to this text? Choose every one that does.",
    "spans": "Mark every passage that takes one of the labels, and give it its label.",
    "relations": "Mark every passage that takes one of the labels, then link the marked passages.",
    "segments": "Mark every stretch of the clip that takes one of the labels, and label it.",
    "transcript": "Transcribe the clip word for word.",
    "bbox": "Draw a box around every object that takes one of the labels, and label it.",
    "polygon": "Outline every region that takes one of the labels, and label it.",
    "keypoints": "Place every landmark you can see.",
}
#: What a builder says when a task needs media and no folder was given.
NO_MEDIA = "the task's media cannot be found without --media DIR (the folder with the files)"


class SkipError(Exception):
    """Raised inside a builder: skip the task for this reason."""


@dataclass
class Context:
    """What a builder needs about the task, the control and where to report."""

    task: dict  # the Label Studio task
    control: Control
    target: DataObject
    rubrics: dict[str, str]  # task type -> rubric id
    task_id: str
    outcome: Outcome
    ref: str  # how the summary names this task and control
    media: MediaFolder | None
    #: The annotation's ``relation`` results, and the ids of all its other results.
    relations: list[dict] = field(default_factory=list)
    region_ids: set = field(default_factory=set)
    #: The config's relation names (None: no ``<Relations>`` in the config).
    relation_labels: list[str] | None = None

    def data(self) -> Any:
        """The task data the object shows (``value="$field"``), or its literal value."""
        value = self.target.value
        return self.task["data"].get(value[1:]) if value.startswith("$") else value

    def skip_media(self, problem: MediaError) -> None:
        ref = f"{self.ref} ({problem.detail})" if problem.detail else self.ref
        self.outcome.skip(problem.reason, ref)


#: A builder returns the task mapping, the reason to skip, or None when it already reported.
Builder = Callable[[Context, list[dict]], "dict | str | None"]


def match_label(raw: Any, control: Control) -> tuple[str | None, bool]:
    """The config label a result's label stands for, and whether it matched only loosely.

    Exact and alias matches are clean; otherwise labels are compared without case and
    surrounding spaces, and a single match is accepted but reported.
    """
    if not isinstance(raw, str):
        return None, False
    if raw in control.labels:
        return raw, False
    if raw in control.aliases:
        return control.aliases[raw], False
    key = raw.strip().casefold()
    found = [label for label in control.labels if label.strip().casefold() == key]
    return (found[0], True) if len(found) == 1 else (None, False)


def label_of(ctx: Context, raw: Any) -> str | None:
    """A config label for ``raw``, reporting loose matches; None when it is not one."""
    label, loose = match_label(raw, ctx.control)
    if loose:
        ctx.outcome.note(f"label {raw!r} read as {label!r} (case or spaces differ)", ctx.ref)
    return label


def region_label(ctx: Context, value: dict) -> str:
    """The one label of a region; raises SkipError when there is not exactly one known label."""
    given = value.get(ctx.control.tag)
    if not isinstance(given, list) or len(given) != 1:
        count = len(given) if isinstance(given, list) else 0
        raise SkipError(
            f"a region of {ctx.control.name!r} has {count} labels; it needs exactly one"
        )
    label = label_of(ctx, given[0])
    if label is None:
        raise SkipError(f"a label in the answer is not in the config of {ctx.control.name!r}")
    return label


def data_text(data: dict, value: str) -> str | None:
    """``$field`` from the task data (or a literal value); None when missing or empty."""
    if value.startswith("$"):
        found = data.get(value[1:])
        if isinstance(found, (int, float)) and not isinstance(found, bool):
            found = str(found)
        if not isinstance(found, str):
            return None
        value = found
    value = LINE_BREAKS.sub("\n", value)
    return value if value.strip() else None


def common(ctx: Context, kind: str) -> dict:
    prompt = data_text(ctx.task["data"], ctx.control.prompt) if ctx.control.prompt else None
    return {"type": kind, "id": ctx.task_id, "prompt": prompt or DEFAULT_PROMPTS[kind]}


def with_rubric(ctx: Context, task: dict, kind: str) -> dict:
    task["rubric"] = ctx.rubrics[kind]
    return task
