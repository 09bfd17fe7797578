"""The interface every task type implements, and its hooks for ``annotrain agreement``."""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..course.fields import Fields, suggest
from ..course.media import MediaLibrary

if TYPE_CHECKING:  # only for the hooks' signatures: building a site never loads agreement
    from ..agreement.ratings import TaskRatings
    from ..agreement.rows import TaskRow

#: A measure takes (task, canonical response, messages) and returns
#: (value, notes): the raw measured value and human-readable findings.
Measure = Callable[[Any, dict, dict], tuple[float, list[str]]]


def no_notes(task_id: str, answers: dict[str, Any]) -> list[str]:
    """No note on a task's answers: what :attr:`AgreementHooks.notes_without_task` does by default."""
    return []


@dataclass(frozen=True)
class AgreementHooks:
    """How ``annotrain agreement`` reads, compares and prints one task type.

    Each type folder's ``agreement.py`` defines one as ``HOOKS``; the generic core
    (:mod:`annotrain.agreement`) reaches them through :attr:`TaskType.agreement`.
    """

    #: The response key that holds the answer: it types a response whose task the
    #: course does not know (the first type in ``TASK_TYPES`` with that key wins).
    key: str
    #: response -> the answer as the analysis compares it, or None (no answer). For
    #: a task of the course the response is first normalised as the grader does.
    read: Callable[[Any], Any]
    #: every task of the type answered by two or more raters -> (one row per task,
    #: the type's summary for the report); see :mod:`annotrain.agreement.rows`.
    analyse: Callable[[list[TaskRatings]], tuple[list[TaskRow], dict]]
    #: (summary, rows per table; 0: all) -> the summary's lines on the terminal.
    summary_text: Callable[[dict, int], list[str]]
    #: (task id, rater -> answer) of a task the course does not know -> notes on
    #: what the analysis will leave out (without the course, answers may not fit).
    notes_without_task: Callable[[str, dict[str, Any]], list[str]] = no_notes
    #: The JSON report has the type's section even when no task of it was shared
    #: (as ``{}``): the first types measured, kept so report files keep their shape.
    always_in_report: bool = False
    #: The disputed-tasks table shows the rows' measures (not where the only
    #: measure is the agreement itself).
    measures_in_table: bool = True


class TaskType:
    """Base class: override the class attributes and the methods that apply."""

    name: str = ""
    #: YAML fields this type adds to the common task fields.
    fields: tuple[str, ...] = ()
    #: Keys a response (and so the gold) of this type may have.
    response_fields: tuple[str, ...] = ()
    gold_example: str = ""
    #: True when the type's template shows ``text`` itself (spans make it the
    #: thing to mark); otherwise the exercise shows it above the controls.
    owns_text: bool = False
    #: measure name -> function; rubrics pick from these.
    measures: dict[str, Measure] = {}
    #: Browser files in ``tasktypes/shared/`` this type needs besides its own
    #: ``grader.js`` and ``widget.js`` (loaded once, before the types' own files).
    grader_helpers: tuple[str, ...] = ()
    widget_helpers: tuple[str, ...] = ()
    #: Stylesheets in ``tasktypes/shared/`` the type needs besides its own ``style.css``.
    style_helpers: tuple[str, ...] = ()
    #: Task types whose browser files (grader, widget, style and their helpers) this
    #: type's own build on: they load first on every page that shows this type.
    builds_on: tuple[str, ...] = ()

    @property
    def folder(self) -> Path:
        """The type's folder, ``tasktypes/<name>/``: its browser files, template, starter."""
        return Path(inspect.getfile(type(self))).parent

    @cached_property
    def agreement(self) -> AgreementHooks:
        """The type's agreement hooks (``HOOKS`` in its folder's ``agreement.py``).

        Imported on first use, so building a site never loads the agreement code.
        """
        package = type(self).__module__.rpartition(".")[0]
        return importlib.import_module(".agreement", package).HOOKS

    def starter(self, exercise_id: str) -> str:
        """The YAML body of a commented, valid exercise of this type (``starter.yml``)."""
        text = (self.folder / "starter.yml").read_text(encoding="utf-8")
        return text.replace("{id}", exercise_id)

    def read_options(self, fields: Fields, media: MediaLibrary) -> dict[str, Any]:
        """Read the type's own fields; the result is stored as ``task.options``.

        ``media`` finds and measures image and audio files (``media.image(fields)``);
        ``fields.rubrics`` is the site's rubric library, for fields that name a shared
        rubric by id (``fields.rubrics.get(rubric_id, fields.path, line)``).
        """
        return {}

    def read_labels(self, fields: Fields, minimum: int = 2) -> list[str]:
        """The ``labels`` field: distinct, non-empty texts, at least ``minimum``."""
        labels = fields.text_list("labels", required=True)
        if len(labels) < minimum:
            raise fields.error("labels", f"a {self.name} exercise needs at least {minimum} labels")
        return labels

    def read_gold(self, task, gold: Fields) -> dict:
        """Validate the gold response and return it in canonical shape."""
        raise NotImplementedError

    def normalize(self, task, response: Any) -> dict:
        """Any value -> a canonical response; what cannot be read counts as no answer."""
        raise NotImplementedError

    def answered(self, task, canonical: dict, response: Any) -> bool:
        """Whether ``response`` answers ``task``; ``canonical`` is :meth:`normalize`'s reading.

        A response that does not (missing, null, malformed, or not an explicit answer
        of the type) is a blank: it scores 0 whatever the gold. Where an empty answer
        can be right, the empty list (or text) is that answer and must be given: see
        :func:`~annotrain.tasktypes.shared.values.explicit_list`. Never reads the
        gold, so the browser can tell it in a sealed exam too.
        """
        raise NotImplementedError

    def measure_problem(self, task, measure: str) -> str | None:
        """Why ``measure`` cannot grade ``task``, or None when it can."""
        if measure not in self.measures:
            return (
                f"measure {measure!r} is not available for {self.name} exercises"
                f"{suggest(measure, self.measures)}; available: {', '.join(self.measures)}"
            )
        return None
