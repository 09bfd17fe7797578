"""``pairwise``: say which of two AI responses is better (preference data).

Fields: ``responses`` (exactly two ``{id, text}``, usually A and B), ``allow_tie``
(``true`` adds the answer "They are equally good", whose value is ``tie``) and
``justification`` (``optional``, ``required`` or ``none``; see ``comparison.py``).
Gold: ``{choice: A}``, a response id, or ``tie`` when ties are allowed.
Response: ``{"choice": "A", "justification": "..."}``; a choice that is not a
response id (nor ``tie`` where allowed) is no answer.

Measure:

- ``preference``: 1 when the choice is the gold choice; 0.5 when one of the two
  is ``tie`` and the other a response (a tie sits halfway between preferring A
  and preferring B, so it is half right either way); 0 for the opposite response
  or no answer.
"""

from __future__ import annotations

from typing import Any

from ...course.fields import Fields, describe, suggest
from ...messages import fill
from ..base import TaskType
from ..shared.comparison import (
    justification_of,
    read_gold_justification,
    read_justification,
    read_responses,
)

TIE = "tie"


def _choices(task) -> list[str]:
    ids = [item["id"] for item in task.options["responses"]]
    return [*ids, TIE] if task.options["allow_tie"] else ids


def preference(task, response: dict, messages: dict) -> tuple[float, list[str]]:
    choice, gold = response["choice"], task.gold["choice"]
    if choice is None:
        return 0.0, [messages["note_pairwise_none"]]
    if choice == gold:
        if gold == TIE:
            return 1.0, [messages["note_pairwise_tie_right"]]
        return 1.0, [fill(messages["note_pairwise_right"], choice=choice)]
    if choice == TIE:
        return 0.5, [fill(messages["note_pairwise_tie_wrong"], gold=gold)]
    if gold == TIE:
        return 0.5, [fill(messages["note_pairwise_not_tie"], choice=choice)]
    return 0.0, [fill(messages["note_pairwise_wrong"], choice=choice, gold=gold)]


class PairwiseType(TaskType):
    """Prefer one of two AI responses, or call them equal where allowed."""

    name = "pairwise"
    widget_helpers = ("options.js", "justification.js")
    style_helpers = ("comparison.css",)
    fields = ("responses", "allow_tie", "justification")
    response_fields = ("choice", "justification")
    gold_example = "{choice: A}"
    measures = {"preference": preference}

    def read_options(self, fields: Fields, media) -> dict[str, Any]:
        responses = read_responses(fields, minimum=2, maximum=2)
        for item in responses:
            if item["id"] == TIE:
                raise fields.error(
                    "responses", f"{TIE!r} is the answer for equally good responses, not an id"
                )
        return {
            "responses": responses,
            "allow_tie": fields.boolean("allow_tie"),
            "justification": read_justification(fields),
        }

    def read_gold(self, task, gold: Fields) -> dict:
        choices = _choices(task)
        choice = gold.text("choice", required=True)
        if choice == TIE and not task.options["allow_tie"]:
            raise gold.error("choice", "gold choice 'tie' needs 'allow_tie: true' on the exercise")
        if choice not in choices:
            raise gold.error(
                "choice",
                f"gold choice {describe(gold.raw('choice'))} is not a response id"
                f"{suggest(choice, choices)}; allowed: {', '.join(choices)}",
            )
        return {"choice": choice, **read_gold_justification(gold)}

    def normalize(self, task, response: Any) -> dict:
        choice = response.get("choice") if isinstance(response, dict) else None
        return {
            "choice": choice if choice in _choices(task) else None,
            "justification": justification_of(response),
        }

    def answered(self, task, canonical: dict, response: Any) -> bool:
        # A missing required justification is asked for before Check, not a blank.
        return canonical["choice"] is not None
