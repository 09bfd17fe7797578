"""``numeric``: compute a figure (a kappa, an IoU, an accuracy) and type it.

Fields:

- ``tolerance`` (required): ``{absolute: 0.01}``, ``{relative: 0.05}`` (a fraction
  of the answer: 0.05 is 5 %) or both, when an answer within either counts;
- ``unit`` (optional): shown after the input (``%``, ``px``) and in the notes; the
  learner may type it after the number. Gold and answers are in this unit;
- ``table`` (optional): a small data table shown with the prompt,
  ``{caption, columns: [...], rows: [[...], ...]}``; the first cell of each row is
  that row's header.

The worked solution is the common ``explain`` field: it is shown after checking,
only where the mode reveals the gold.

Response: ``{"value": 0.62}``. A text value is read with
:func:`annotrain.numbers.parse_number` (``"0,62"``, ``"62 %"`` with unit ``%``);
anything else that is not a finite number counts as no answer.

With v the learner's number, g the gold value, a and r the absolute and relative
tolerances, and MAX the largest double (1.7976931348623157e308):

- ``abs_error`` = min(|v - g|, MAX); MAX with no answer (lower is better);
- ``rel_error`` = min(|v - g| / |g|, MAX); with g = 0 it is 0 for v = 0 and MAX
  otherwise; MAX with no answer (lower is better). The loader refuses a
  ``rel_error`` criterion on a gold of 0;
- ``within_tolerance`` = 1 when abs_error <= a + s (absolute tolerance given) or
  abs_error <= r x |g| + s (relative tolerance given), else 0; 0 with no answer.
  The slack s = 1e-9 x max(1, |g|) absorbs binary rounding: 0.63 - 0.62 is
  0.010000000000000009 in floating point, and must count as within 0.01. A relative
  tolerance of a gold of 0 accepts only 0 itself, so the loader asks for an
  absolute tolerance there.
"""

from __future__ import annotations

import math
import sys
from typing import Any

from ...course.fields import Fields, as_text, describe
from ...course.yamlpos import YamlList
from ...errors import AuthoringError
from ...messages import fill
from ..base import TaskType
from ..shared.numbers import format_number, parse_number

MAX = sys.float_info.max
SLACK = 1e-9
MAX_COLUMNS = 12
MAX_ROWS = 40
MAX_UNIT = 16


def read_value(value: Any, unit: str | None) -> float | None:
    """A response's ``value`` as a finite number, or None (see the module docstring)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        try:
            value = float(value)
        except OverflowError:
            return None
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, str):
        return parse_number(value, unit)
    return None


def _with_unit(task, number: float, messages: dict) -> str:
    text = format_number(number)
    unit = task.options["unit"]
    return fill(messages["numeric_with_unit"], number=text, unit=unit) if unit else text


def _allowed(task, messages: dict) -> str:
    tolerance = task.options["tolerance"]
    parts = []
    if tolerance["absolute"] is not None:
        amount = _with_unit(task, tolerance["absolute"], messages)
        parts.append(fill(messages["numeric_allowed_absolute"], amount=amount))
    if tolerance["relative"] is not None:
        percent = format_number(tolerance["relative"], shift=2)
        parts.append(fill(messages["numeric_allowed_relative"], percent=percent))
    if len(parts) == 2:
        return fill(messages["numeric_allowed_either"], absolute=parts[0], relative=parts[1])
    return parts[0]


def _abs_error(task, value: float | None) -> float:
    if value is None:
        return MAX
    return min(abs(value - task.gold["value"]), MAX)


def is_within(task, value: float | None) -> bool:
    """Whether ``value`` is within the task's tolerance of gold (shared with agreement)."""
    if value is None:
        return False
    gold = task.gold["value"]
    error = _abs_error(task, value)
    slack = SLACK * max(1.0, abs(gold))
    tolerance = task.options["tolerance"]
    absolute, relative = tolerance["absolute"], tolerance["relative"]
    if absolute is not None and error <= absolute + slack:
        return True
    return relative is not None and error <= relative * abs(gold) + slack


def within_tolerance(task, response: dict, messages: dict) -> tuple[float, list[str]]:
    value = response["value"]
    if value is None:
        return 0.0, [messages["note_numeric_none"]]
    params = {
        "value": _with_unit(task, value, messages),
        "gold": _with_unit(task, task.gold["value"], messages),
        "allowed": _allowed(task, messages),
    }
    if value == task.gold["value"]:
        return 1.0, [fill(messages["note_numeric_exact"], **params)]
    if is_within(task, value):
        return 1.0, [fill(messages["note_numeric_within"], **params)]
    return 0.0, [fill(messages["note_numeric_outside"], **params)]


def abs_error(task, response: dict, messages: dict) -> tuple[float, list[str]]:
    value = response["value"]
    error = _abs_error(task, value)
    if value is None:
        return error, [messages["note_numeric_none"]]
    if error == 0:
        return error, [messages["note_numeric_no_error"]]
    return error, [
        fill(messages["note_numeric_abs_error"], error=_with_unit(task, error, messages))
    ]


def rel_error(task, response: dict, messages: dict) -> tuple[float, list[str]]:
    value = response["value"]
    if value is None:
        return MAX, [messages["note_numeric_none"]]
    gold = task.gold["value"]
    if gold == 0:
        if value == 0:
            return 0.0, [messages["note_numeric_no_error"]]
        return MAX, [messages["note_numeric_rel_undefined"]]
    error = min(abs(value - gold) / abs(gold), MAX)
    if error == 0:
        return error, [messages["note_numeric_no_error"]]
    percent = format_number(error, 3, shift=2)
    return error, [fill(messages["note_numeric_rel_error"], percent=percent)]


class NumericType(TaskType):
    """Type a computed figure; graded within an absolute or relative tolerance."""

    name = "numeric"
    grader_helpers = ("numbers.js",)
    fields = ("tolerance", "unit", "table")
    response_fields = ("value",)
    gold_example = "{value: 0.62}"
    measures = {
        "within_tolerance": within_tolerance,
        "abs_error": abs_error,
        "rel_error": rel_error,
    }

    def read_options(self, fields: Fields, media) -> dict[str, Any]:
        return {
            "tolerance": _read_tolerance(fields),
            "unit": _read_unit(fields),
            "table": _read_table(fields) if fields.has("table") else None,
        }

    def read_gold(self, task, gold: Fields) -> dict:
        value = gold.number("value", required=True)
        if value == 0:
            if task.options["tolerance"]["absolute"] is None:
                raise gold.error(
                    "value",
                    "a relative tolerance of a gold value of 0 accepts only 0 itself; "
                    "give an absolute tolerance too, e.g. tolerance: {absolute: 0.01}",
                )
            for criterion in task.rubric.criteria:
                if criterion.measure == "rel_error":
                    raise gold.error(
                        "value",
                        f"rubric {task.rubric.id!r}, criterion {criterion.id!r} measures "
                        "rel_error, which is not defined for a gold value of 0; use a rubric "
                        "that measures abs_error or within_tolerance",
                    )
        return {"value": value}

    def normalize(self, task, response: Any) -> dict:
        raw = response.get("value") if isinstance(response, dict) else None
        return {"value": read_value(raw, task.options["unit"])}

    def answered(self, task, canonical: dict, response: Any) -> bool:
        return canonical["value"] is not None


def _read_tolerance(fields: Fields) -> dict:
    raw = fields.require("tolerance")
    if not isinstance(raw, dict):
        raise fields.error(
            "tolerance",
            f"'tolerance' must be a mapping such as {{absolute: 0.01}} or {{relative: 0.05}}, "
            f"got {describe(raw)}",
        )
    tolerance = Fields(
        raw, fields.path, "tolerance", ("absolute", "relative"), fields.line_of("tolerance")
    )
    absolute = tolerance.number("absolute", minimum=0)
    relative = tolerance.number("relative", minimum=0, maximum=1)
    if absolute is None and relative is None:
        raise fields.error(
            "tolerance",
            "'tolerance' needs 'absolute' (e.g. 0.01), 'relative' (a fraction of the answer, "
            "e.g. 0.05 for 5 %) or both",
        )
    return {"absolute": absolute, "relative": relative}


def _read_unit(fields: Fields) -> str | None:
    unit = fields.text("unit")
    if unit is None:
        return None
    unit = unit.strip()
    if not unit or len(unit) > MAX_UNIT or any(ch.isdigit() for ch in unit):
        raise fields.error(
            "unit",
            f"'unit' must be a short text without digits (at most {MAX_UNIT} characters), "
            f"such as % or px; got {fields.raw('unit')!r}",
        )
    return unit


def _line(items: Any, index: int, fallback: int | None) -> int | None:
    return items.line_of(index) if isinstance(items, YamlList) else fallback


def _read_table(fields: Fields) -> dict:
    raw = fields.raw("table")
    table = Fields(
        raw, fields.path, "the table", ("caption", "columns", "rows"), fields.line_of("table")
    )
    caption = table.text("caption", required=True)
    columns = table.require("columns")
    if not isinstance(columns, list) or not 2 <= len(columns) <= MAX_COLUMNS:
        raise table.error(
            "columns",
            f"'columns' must list 2 to {MAX_COLUMNS} column headings, the first "
            "heading the row headers (it may be empty: '')",
        )
    headings = [
        _cell(table, columns, i, f"column heading {i + 1}", table.line_of("columns"))
        for i in range(len(columns))
    ]
    rows = table.require("rows")
    if not isinstance(rows, list) or not 1 <= len(rows) <= MAX_ROWS:
        raise table.error("rows", f"'rows' must list 1 to {MAX_ROWS} rows, each a list of cells")
    body = []
    for index, row in enumerate(rows):
        line = _line(rows, index, table.line_of("rows"))
        if not isinstance(row, list) or len(row) != len(headings):
            raise AuthoringError(
                f"row {index + 1} of the table must be a list of {len(headings)} cells, one per "
                f"column ({', '.join(repr(h) for h in headings)}), got "
                + (f"{len(row)} cells" if isinstance(row, list) else describe(row)),
                fields.path,
                line,
            )
        body.append(
            [
                _cell(table, row, i, f"cell {i + 1} of row {index + 1}", line)
                for i in range(len(row))
            ]
        )
    return {"caption": caption, "columns": headings, "rows": body}


def _cell(table: Fields, items: list, index: int, what: str, fallback: int | None) -> str:
    """One cell's text; numbers are written as their text."""
    value = items[index]
    text = "" if value is None or value == "" else as_text(value)
    if text is None or (not text.strip() and what != "column heading 1"):
        raise AuthoringError(
            f"{what} of the table must be text or a number, got {describe(value)}",
            table.path,
            _line(items, index, fallback),
        )
    return text
