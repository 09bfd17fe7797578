"""What ``rank`` and ``pairwise`` share: AI responses to compare, and a justification.

Fields read here::

    responses:              # the AI responses, shown in this order
      - id: A               # short: letters, digits, '-' or '_', at most 12
        text: |             # plain text (never HTML); blank lines separate paragraphs
          ...
    justification: optional # optional (default) | required | none

The learner's justification travels in the response as ``"justification"`` (text).
It is kept with progress and in attempt files but never graded; ``required``
only means an answer without one is not yet an answer (the browser grader's
``answered``).
"""

from __future__ import annotations

import re
from typing import Any

from ...course.fields import Fields, describe, suggest
from ...course.yamlpos import YamlList
from ...errors import AuthoringError

RESPONSE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,11}$")
JUSTIFICATION = ("optional", "required", "none")


def read_responses(fields: Fields, minimum: int, maximum: int | None = None) -> list[dict]:
    """The ``responses`` field: ``[{id, text}]`` with distinct short ids, ``minimum`` or more."""
    items = fields.require("responses")
    if not isinstance(items, list):
        raise fields.error(
            "responses", f"'responses' must be a list of {{id, text}}, got {describe(items)}"
        )
    if len(items) < minimum or (maximum is not None and len(items) > maximum):
        wanted = f"exactly {minimum}" if maximum == minimum else f"at least {minimum}"
        raise fields.error("responses", f"{fields.what} needs {wanted} responses, got {len(items)}")
    result: list[dict] = []
    for index, item in enumerate(items):
        line = items.line_of(index) if isinstance(items, YamlList) else fields.line_of("responses")
        what = f"response {index + 1} of 'responses'"
        entry = Fields(item, fields.path, what, ("id", "text"), line)
        rid = entry.text("id", required=True)
        if not RESPONSE_ID.match(rid):
            raise entry.error(
                "id",
                f"the id of {what} must be 1 to 12 letters, digits, '-' or '_' "
                f"(such as A, B, C), got {rid!r}",
            )
        if rid in [r["id"] for r in result]:
            raise entry.error("id", f"two responses have the id {rid!r}; ids must differ")
        text = entry.text("text", required=True)
        if not text.strip():
            raise entry.error("text", f"the text of {what} is empty")
        result.append({"id": rid, "text": text})
    return result


def read_justification(fields: Fields) -> str:
    """The ``justification`` field: optional (default), required or none."""
    value = fields.text("justification", default="optional")
    if value not in JUSTIFICATION:
        raise fields.error(
            "justification",
            f"'justification' must be one of {', '.join(JUSTIFICATION)}, got {value!r}"
            f"{suggest(value, JUSTIFICATION)}",
        )
    return value


def read_gold_justification(gold: Fields) -> dict:
    """A gold response may carry a model justification (text); it is kept, never graded."""
    text = gold.text("justification")
    return {} if text is None else {"justification": text}


def justification_of(response: Any) -> str:
    """The response's justification text, or '' when there is none (or it is not text)."""
    value = response.get("justification") if isinstance(response, dict) else None
    return value if isinstance(value, str) else ""


def list_line(gold: Fields, key: str, index: int) -> int | None:
    """Line of item ``index`` of the gold list ``key``, or of the key itself."""
    items = gold.raw(key)
    return items.line_of(index) if isinstance(items, YamlList) else gold.line_of(key)


def unknown_id(gold: Fields, key: str, index: int, value: Any, ids: list[str]) -> AuthoringError:
    return AuthoringError(
        f"gold {key} names {describe(value)}, which is not a response id"
        f"{suggest(str(value), ids)}; response ids: {', '.join(ids)}",
        gold.path,
        list_line(gold, key, index),
    )
