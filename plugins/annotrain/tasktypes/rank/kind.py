"""``rank``: put AI responses in order of quality, best first (preference data).

Fields: ``responses`` (two or more ``{id, text}``, shown in the order given) and
``justification`` (``optional``, ``required`` or ``none``; see ``comparison.py``).
Gold: ``{order: [B, A, C]}``, every response id exactly once, best first, and not
the order the responses are shown in (a learner who moved nothing would get full
marks). Response: ``{"order": ["B", "A", "C"], "justification": "..."}``.

An order counts only when it lists every response id exactly once: a missing,
repeated or unknown id, or anything that is not a list, is no answer.

With n responses there are P = n(n - 1) / 2 pairs. A pair is *agreeing*
(concordant) when the learner's order has its two responses the same way round as
the gold order, else *reversed* (discordant): C + D = P, as both orders are
complete. The measures:

- ``kendall_tau`` = (C - D) / P: Kendall's tau, 1 for the gold order, -1 for its
  reverse. Neither order has ties, so this is tau-b (equal to tau-a here, and to
  ``scipy.stats.kendalltau``). No answer: -1, the lowest value, so giving no order
  never beats giving one.
- ``tau_similarity`` = (kendall_tau + 1) / 2, in [0, 1]; no answer: 0.
- ``pairs_agreeing`` = C / P, the share of pairs in the gold order; no answer: 0.
  For a complete order it equals ``tau_similarity`` up to rounding; a rubric may
  read it more naturally ("at least 2 of 3 pairs right").
- ``top_match`` = 1 when the learner's first response is gold's first, else 0.
- ``exact`` = 1 when the order is the gold order, else 0.

Notes: every reversed pair ("You ranked C above A; the gold order has A above
C."), pairs taken in gold order, for all measures but ``top_match``, whose note
says whether the first response matches.
"""

from __future__ import annotations

from typing import Any

from ...course.fields import Fields, as_text, describe
from ...errors import AuthoringError
from ...messages import fill
from ..base import TaskType
from ..shared.comparison import (
    justification_of,
    list_line,
    read_gold_justification,
    read_justification,
    read_responses,
    unknown_id,
)


def _ids(task) -> list[str]:
    return [item["id"] for item in task.options["responses"]]


def agreeing_and_reversed(task, response: dict) -> tuple[int, list[tuple[str, str]]]:
    """(number of agreeing pairs, reversed pairs as (gold's higher, gold's lower))."""
    gold = task.gold["order"]
    order = response["order"]
    agreeing = 0
    reversed_pairs = []
    for i in range(len(gold)):
        for j in range(i + 1, len(gold)):
            if order.index(gold[i]) < order.index(gold[j]):
                agreeing += 1
            else:
                reversed_pairs.append((gold[i], gold[j]))
    return agreeing, reversed_pairs


def _pair_notes(reversed_pairs, messages) -> list[str]:
    if not reversed_pairs:
        return [messages["note_rank_pairs_right"]]
    return [
        fill(messages["note_rank_pair"], higher=higher, lower=lower, count=len(reversed_pairs))
        for higher, lower in reversed_pairs
    ]


def _tau(task, response: dict, messages: dict) -> tuple[float | None, list[str]]:
    if response["order"] is None:
        return None, [messages["note_rank_none"]]
    agreeing, reversed_pairs = agreeing_and_reversed(task, response)
    total = agreeing + len(reversed_pairs)
    return (agreeing - len(reversed_pairs)) / total, _pair_notes(reversed_pairs, messages)


def kendall_tau(task, response: dict, messages: dict) -> tuple[float, list[str]]:
    tau, notes = _tau(task, response, messages)
    return (-1.0 if tau is None else tau), notes


def tau_similarity(task, response: dict, messages: dict) -> tuple[float, list[str]]:
    tau, notes = _tau(task, response, messages)
    return (0.0 if tau is None else (tau + 1) / 2), notes


def pairs_agreeing(task, response: dict, messages: dict) -> tuple[float, list[str]]:
    if response["order"] is None:
        return 0.0, [messages["note_rank_none"]]
    agreeing, reversed_pairs = agreeing_and_reversed(task, response)
    return agreeing / (agreeing + len(reversed_pairs)), _pair_notes(reversed_pairs, messages)


def top_match(task, response: dict, messages: dict) -> tuple[float, list[str]]:
    order = response["order"]
    if order is None:
        return 0.0, [messages["note_rank_none"]]
    first, gold = order[0], task.gold["order"][0]
    if first == gold:
        return 1.0, [fill(messages["note_rank_top_right"], id=first)]
    return 0.0, [fill(messages["note_rank_top_wrong"], id=first, gold=gold)]


def exact(task, response: dict, messages: dict) -> tuple[float, list[str]]:
    if response["order"] is None:
        return 0.0, [messages["note_rank_none"]]
    # Two complete orders are the same when no pair is reversed.
    _, reversed_pairs = agreeing_and_reversed(task, response)
    return (0.0 if reversed_pairs else 1.0), _pair_notes(reversed_pairs, messages)


class RankType(TaskType):
    """Order AI responses best first; graded by agreement with the gold order."""

    name = "rank"
    widget_helpers = ("justification.js",)
    style_helpers = ("comparison.css",)
    fields = ("responses", "justification")
    response_fields = ("order", "justification")
    gold_example = "{order: [B, A, C]}"
    measures = {
        "kendall_tau": kendall_tau,
        "tau_similarity": tau_similarity,
        "pairs_agreeing": pairs_agreeing,
        "top_match": top_match,
        "exact": exact,
    }

    def read_options(self, fields: Fields, media) -> dict[str, Any]:
        return {
            "responses": read_responses(fields, minimum=2),
            "justification": read_justification(fields),
        }

    def read_gold(self, task, gold: Fields) -> dict:
        ids = _ids(task)
        if not gold.has("order"):
            raise gold.error(
                None,
                "gold is missing 'order' (every response id once, best first, such as "
                f"order: [{', '.join(reversed(ids))}])",
            )
        raw = gold.raw("order")
        if not isinstance(raw, list):
            raise gold.error(
                "order", f"gold 'order' must be a list of response ids, got {describe(raw)}"
            )
        order: list[str] = []
        for index, item in enumerate(raw):
            text = as_text(item)
            if text not in ids:
                raise unknown_id(gold, "order", index, item, ids)
            if text in order:
                raise AuthoringError(
                    f"gold order lists {text!r} twice; it must name each response once",
                    gold.path,
                    list_line(gold, "order", index),
                )
            order.append(text)
        missing = [rid for rid in ids if rid not in order]
        if missing:
            raise gold.error(
                "order",
                f"gold order leaves out {', '.join(missing)}; it must name every response "
                f"once: {', '.join(ids)}",
            )
        if order == ids:
            raise gold.error(
                "order",
                f"gold order is the order the responses are shown in ({', '.join(ids)}), so a "
                "learner who moves nothing would get full marks; list the responses under "
                "'responses' in another order",
            )
        return {"order": order, **read_gold_justification(gold)}

    def normalize(self, task, response: Any) -> dict:
        ids = _ids(task)
        raw = response.get("order") if isinstance(response, dict) else None
        complete = isinstance(raw, list) and len(raw) == len(ids) and all(i in raw for i in ids)
        return {
            "order": list(raw) if complete else None,
            "justification": justification_of(response),
        }

    def answered(self, task, canonical: dict, response: Any) -> bool:
        # A missing required justification is asked for before Check, not a blank.
        return canonical["order"] is not None
