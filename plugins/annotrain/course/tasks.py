"""Tasks: one labeling exercise or gold task, read from YAML and validated.

Every task has the common fields below; each task type (``tasktypes/``) adds its
own (``labels`` for choice and multi...) and defines how responses are shaped and
measured. Gold is always a perfect response, in the same shape a learner sends.

Common fields::

    type: choice            # which task type (see annotrain.tasktypes.TASK_TYPES)
    id: w1-review-sentiment # unique across the site: [a-z0-9][a-z0-9_-]*
    prompt: What is the sentiment of this review?
    text: |                 # optional passage shown with the prompt
      ...
    rubric: choice-standard # a rubric id from the rubric file, or an inline rubric;
                            # without it, the type's default (default-choice)
    gold: {choice: Neutral} # the perfect response
    explain: ...            # shown with the answer
    hints: [..., ...]       # optional, revealed one at a time
    reveal_after: 2         # optional: wrong checks before the answer shows by itself
                            # (a whole number, at least 1, or never); else the quiz's
                            # or the site's setting
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import AuthoringError
from .default_rubrics import default_id
from .fields import Fields, describe, suggest
from .media import MediaLibrary
from .rubrics import Rubric, RubricLibrary, read_rubric

COMMON_FIELDS = (
    "type", "id", "title", "prompt", "text", "rubric", "gold", "explain", "hints", "reveal_after",
)  # fmt: skip
#: After how many wrong checks the answer shows by itself when neither the exercise,
#: its quiz nor the site says (the plugin's ``reveal_after`` option).
REVEAL_AFTER = 3


@dataclass
class Task:
    """A validated task. ``options`` holds the type's own fields (labels, ordered...)."""

    id: str
    type: str
    prompt: str
    rubric: Rubric
    gold: dict | None  # None: a simulation's work item, which nothing grades
    title: str | None = None
    text: str | None = None
    explain: str | None = None
    hints: list[str] = field(default_factory=list)
    #: Wrong checks before the answer shows by itself (a number, or "never"); None: not set.
    reveal_after: int | str | None = None
    options: dict[str, Any] = field(default_factory=dict)
    path: str | None = None
    line: int | None = None

    @property
    def kind(self):
        from ..tasktypes import TASK_TYPES

        return TASK_TYPES[self.type]

    def to_json(self, include_gold: bool = True) -> dict:
        """The task as the browser receives it; gold and explanation only when allowed.

        ``reveal_after`` only when the task sets it, so that tasks without it keep
        the JSON (and the quiz versions) they had.
        """
        data = {
            "id": self.id,
            "type": self.type,
            "title": self.title,
            "prompt": self.prompt,
            "text": self.text,
            **self.options,
            "hints": self.hints,
            "rubric": self.rubric.to_json(),
        }
        if self.reveal_after is not None:
            data["reveal_after"] = self.reveal_after
        if include_gold:
            data["gold"] = self.gold
            data["explain"] = self.explain
        return data


def read_task(
    data: Any,
    path: str | None,
    rubrics: RubricLibrary,
    line: int | None = None,
    media: MediaLibrary | None = None,
    *,
    work: bool = False,
) -> Task:
    """Validate one task's YAML mapping and return a :class:`Task`.

    ``work``: a simulation's work item, which has no gold (a ``gold`` is an error).

    Raises :class:`AuthoringError` at the line of the first problem: unknown type
    or field, missing required field, unknown rubric or label, gold of the wrong
    shape, a missing media file, or a rubric measure the task type does not provide.
    ``media`` finds image and audio files (default: relative to the working folder).
    """
    from ..tasktypes import TASK_TYPES

    if not isinstance(data, dict):
        raise AuthoringError(
            f"an exercise must be a mapping of fields, got {describe(data)}", path, line
        )
    line = getattr(data, "line", None) or line
    type_name = data.get("type")
    if type_name is None:
        raise AuthoringError(
            f"the exercise has no 'type'; known types: {', '.join(TASK_TYPES)}", path, line
        )
    if not isinstance(type_name, str) or type_name not in TASK_TYPES:
        type_line = data.line_of("type") if hasattr(data, "line_of") else line
        raise AuthoringError(
            f"unknown exercise type {describe(type_name)}{suggest(str(type_name), TASK_TYPES)}; "
            f"known types: {', '.join(TASK_TYPES)}",
            path,
            type_line,
        )
    kind = TASK_TYPES[type_name]
    fields = Fields(
        data, path, f"a {type_name} exercise", COMMON_FIELDS + kind.fields, line, rubrics=rubrics
    )
    task_id = fields.identifier("id")
    task = Task(
        id=task_id,
        type=type_name,
        prompt=fields.text("prompt", required=True),
        rubric=_read_rubric_field(fields, rubrics, task_id, type_name),
        gold={},
        title=fields.text("title"),
        text=fields.text("text"),
        explain=fields.text("explain"),
        hints=fields.text_list("hints", unique=False),
        reveal_after=fields.tries("reveal_after"),
        path=path,
        line=line,
    )
    task.options = kind.read_options(fields, media or MediaLibrary())
    _check_measures(fields, task)
    if work:
        if "gold" in data:
            raise fields.error(
                "gold",
                "a work item (in a section with gold: false) has no gold: nothing grades it; "
                "remove the gold, or move the task to a gold section",
            )
        task.gold = None
        return task
    gold = fields.require("gold")
    if not isinstance(gold, dict):
        raise fields.error(
            "gold", f"'gold' must be a mapping such as {kind.gold_example}, got {describe(gold)}"
        )
    task.gold = kind.read_gold(
        task, Fields(gold, path, "gold", kind.response_fields, fields.line_of("gold"))
    )
    return task


def _read_rubric_field(
    fields: Fields, rubrics: RubricLibrary, task_id: str, type_name: str
) -> Rubric:
    if not fields.has("rubric"):  # the type's default, or the rubric file's version of it
        return rubrics.get(default_id(type_name), fields.path, fields.line)
    value = fields.raw("rubric")
    if isinstance(value, dict):
        return read_rubric(value, fields.path, f"{task_id}-rubric", fields.line_of("rubric"))
    if not isinstance(value, str):
        raise fields.error(
            "rubric", f"'rubric' must be a rubric id or an inline rubric, got {describe(value)}"
        )
    return rubrics.get(value, fields.path, fields.line_of("rubric"))


def _check_measures(fields: Fields, task: Task) -> None:
    kind = task.kind
    for criterion in task.rubric.criteria:
        problem = kind.measure_problem(task, criterion.measure)
        if problem:
            raise fields.error(
                "rubric", f"rubric {task.rubric.id!r}, criterion {criterion.id!r}: {problem}"
            )


def task_from_json(data: dict) -> Task:
    """Rebuild a task from :meth:`Task.to_json` output (with gold)."""
    from ..tasktypes import TASK_TYPES
    from .rubrics import rubric_from_json

    common = set(COMMON_FIELDS)
    kind = TASK_TYPES[data["type"]]
    return Task(
        id=data["id"],
        type=data["type"],
        prompt=data.get("prompt") or "",
        rubric=rubric_from_json(data["rubric"]),
        gold=data["gold"],
        title=data.get("title"),
        text=data.get("text"),
        explain=data.get("explain"),
        hints=list(data.get("hints") or []),
        reveal_after=data.get("reveal_after"),
        options={k: v for k, v in data.items() if k not in common and k in kind.fields},
    )
