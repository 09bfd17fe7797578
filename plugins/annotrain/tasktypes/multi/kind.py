"""``multi``: pick every label that applies (tags, issues mentioned, defects seen).

Fields: ``labels`` (2 or more). Response: ``{"choices": ["Billing", "Refund"]}``;
order does not matter and repeats count once.

With L the learner's set and G the gold set, the measures are:

- ``precision`` = |L ∩ G| / |L| (1 when L and G are both empty, 0 when only L is);
- ``recall`` = |L ∩ G| / |G| (1 when G is empty);
- ``jaccard`` = |L ∩ G| / |L ∪ G| (1 when both are empty);
- ``f1`` = 2|L ∩ G| / (|L| + |G|) (1 when both are empty);
- ``exact`` = 1 when L = G, else 0.
"""

from __future__ import annotations

from typing import Any

from ...course.fields import Fields, suggest
from ...errors import AuthoringError
from ...messages import fill, format_list
from ..base import TaskType
from ..shared.values import explicit_list


def _sets(task, response: dict) -> tuple[list[str], list[str], list[str]]:
    """(chosen, gold, both) as lists in label order, so notes read the same everywhere."""
    labels = task.options["labels"]
    chosen = [label for label in labels if label in response["choices"]]
    gold = [label for label in labels if label in task.gold["choices"]]
    both = [label for label in chosen if label in gold]
    return chosen, gold, both


def _extra_notes(chosen, gold, messages) -> list[str]:
    if not chosen:
        return [messages["note_multi_none"]]
    extra = [label for label in chosen if label not in gold]
    if extra:
        return [fill(messages["note_multi_extra"], items=format_list(extra), count=len(extra))]
    return [messages["note_multi_all_right"]]


def _missed_notes(chosen, gold, messages) -> list[str]:
    missed = [label for label in gold if label not in chosen]
    if missed:
        return [fill(messages["note_multi_missed"], items=format_list(missed), count=len(missed))]
    return [messages["note_multi_all_found"]]


def precision(task, response, messages):
    chosen, gold, both = _sets(task, response)
    if not chosen:
        value = 1.0 if not gold else 0.0
    else:
        value = len(both) / len(chosen)
    return value, _extra_notes(chosen, gold, messages)


def recall(task, response, messages):
    chosen, gold, both = _sets(task, response)
    value = 1.0 if not gold else len(both) / len(gold)
    return value, _missed_notes(chosen, gold, messages)


def _both_notes(chosen, gold, messages) -> list[str]:
    return _extra_notes(chosen, gold, messages) + _missed_notes(chosen, gold, messages)


def jaccard(task, response, messages):
    chosen, gold, both = _sets(task, response)
    union = len(chosen) + len(gold) - len(both)
    value = 1.0 if union == 0 else len(both) / union
    return value, _both_notes(chosen, gold, messages)


def f1(task, response, messages):
    chosen, gold, both = _sets(task, response)
    total = len(chosen) + len(gold)
    value = 1.0 if total == 0 else 2 * len(both) / total
    return value, _both_notes(chosen, gold, messages)


def exact(task, response, messages):
    chosen, gold, _ = _sets(task, response)
    return (1.0 if chosen == gold else 0.0), _both_notes(chosen, gold, messages)


class MultiType(TaskType):
    """Pick every label that applies."""

    name = "multi"
    widget_helpers = ("options.js", "nothing.js")
    fields = ("labels",)
    response_fields = ("choices",)
    gold_example = "{choices: [Billing, Refund]}"
    measures = {
        "precision": precision,
        "recall": recall,
        "jaccard": jaccard,
        "f1": f1,
        "exact": exact,
    }

    def read_options(self, fields: Fields, media) -> dict[str, Any]:
        return {"labels": self.read_labels(fields)}

    def read_gold(self, task, gold: Fields) -> dict:
        labels = task.options["labels"]
        if not gold.has("choices"):
            raise gold.error(
                None, "gold is missing 'choices' (a list, possibly empty: choices: [])"
            )
        choices = gold.text_list("choices")
        for index, choice in enumerate(choices):
            if choice not in labels:
                items = gold.raw("choices")
                line = (
                    items.line_of(index) if hasattr(items, "line_of") else gold.line_of("choices")
                )
                raise AuthoringError(
                    f"gold choice {choice!r} is not among the labels{suggest(choice, labels)}; "
                    f"labels: {', '.join(labels)}",
                    gold.path,
                    line,
                )
        return {"choices": [label for label in labels if label in choices]}

    def normalize(self, task, response: Any) -> dict:
        raw = response.get("choices") if isinstance(response, dict) else None
        if not isinstance(raw, list):
            return {"choices": []}
        wanted = {item for item in raw if isinstance(item, str)}
        return {"choices": [label for label in task.options["labels"] if label in wanted]}

    def answered(self, task, canonical: dict, response: Any) -> bool:
        # The empty list is the deliberate "none of these apply"; no list is a blank.
        return explicit_list(response, "choices", canonical["choices"])
