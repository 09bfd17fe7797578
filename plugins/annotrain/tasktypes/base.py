"""The interface every task type implements."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..fields import Fields, suggest
from ..media import MediaLibrary

#: A measure takes (task, canonical response, messages) and returns
#: (value, notes): the raw measured value and human-readable findings.
Measure = Callable[[Any, dict, dict], tuple[float, list[str]]]


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
    #: Browser files this type needs besides graders/<name>.js and widgets/<name>.js,
    #: shared with other types (loaded once, before the type's own files).
    grader_helpers: tuple[str, ...] = ()
    widget_helpers: tuple[str, ...] = ()

    def read_options(self, fields: Fields, media: MediaLibrary) -> dict[str, Any]:
        """Read the type's own fields; the result is stored as ``task.options``.

        ``media`` finds and measures image and audio files (``media.image(fields)``).
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

    def measure_problem(self, task, measure: str) -> str | None:
        """Why ``measure`` cannot grade ``task``, or None when it can."""
        if measure not in self.measures:
            return (
                f"measure {measure!r} is not available for {self.name} exercises"
                f"{suggest(measure, self.measures)}; available: {', '.join(self.measures)}"
            )
        return None
