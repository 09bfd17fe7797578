"""Numbers typed by learners and numbers shown in notes, identically in Python and JS.

``tasktypes/shared/numbers.js`` mirrors this module line for line; the shared vectors
and ``tests/test_numbers.py`` hold both to the same strings on tricky values.

Reading (:func:`parse_number`), the exact rule:

1. Only text of at most :data:`MAX_TEXT` characters is read.
2. Spaces, tabs, line breaks, no-break spaces (U+00A0) and narrow no-break spaces
   (U+202F) around the number are ignored.
3. When the task has a unit and the text ends with it (exactly as written, e.g. ``%``
   or ``px``), the unit is dropped, then surrounding spaces again: with the unit
   ``%``, ``62%`` and ``62 %`` read as 62. A unit is never converted.
4. What remains must be an optional sign (``+``, ``-`` or the minus sign U+2212),
   ASCII digits, and at most one decimal separator, a point or a comma, with at
   least one digit: ``0.62``, ``0,62``, ``.5``, ``-3``, ``7.`` are numbers. No
   exponents, no grouping separators, at most :data:`MAX_DIGITS` digits.
5. A comma followed by exactly three digits after a non-zero whole part (``1,250``)
   is refused as ambiguous: it means 1250 to some readers and 1.25 to others.
6. The digits are read as a decimal number and rounded to the nearest double, as
   Python's ``float`` and JavaScript's ``Number`` both do.

Anything else reads as ``None`` (no answer).

Writing (:func:`format_number`): the shortest decimal digits that read back as the
same double (Python's ``repr``, JavaScript's ``String``: the same digits, written
differently), their decimal point moved by ``shift`` places (percentages), rounded half up to ``digits`` significant digits *on those decimal
digits*, trailing zeros dropped, then written positionally (``0.000001``,
``123456``) when the decimal exponent e lies in -7 < e < 21, else as ``1.5e-7`` or
``1e+21``. Zero (also -0) is ``0``; no exponent form, no ``.0``, never ``-0``.
"""

from __future__ import annotations

import re

#: Longest text :func:`parse_number` reads.
MAX_TEXT = 64
#: Most digits a typed number may have: beyond 20, JavaScript may round differently.
MAX_DIGITS = 20
#: Significant digits :func:`format_number` keeps unless told otherwise.
DIGITS = 10

_SPACE = re.compile(r"^[ \t\n\r\u00a0\u202f]+|[ \t\n\r\u00a0\u202f]+$")
_NUMBER = re.compile(r"^([+\-\u2212]?)([0-9]*)(?:([.,])([0-9]*))?$")


def _trim(text: str) -> str:
    return _SPACE.sub("", text)


def parse_number(text, unit: str | None = None) -> float | None:
    """The number a learner typed (see the module docstring), or None."""
    if not isinstance(text, str) or len(text) > MAX_TEXT:
        return None
    text = _trim(text)
    if unit and text.endswith(unit):
        text = _trim(text[: len(text) - len(unit)])
    match = _NUMBER.match(text)
    if not match:
        return None
    sign, whole, separator, fraction = match.groups()
    whole = whole or ""
    fraction = fraction or ""
    if not whole and not fraction:
        return None
    if len(whole) + len(fraction) > MAX_DIGITS:
        return None
    if separator == "," and len(fraction) == 3 and whole.lstrip("0"):
        return None
    minus = "-" if sign in ("-", "\u2212") else ""
    return float(minus + (whole or "0") + "." + (fraction or "0"))


def _digits(value: float) -> tuple[str, int]:
    """(digits, point) with value = 0.digits x 10**point, from the shortest round-trip text.

    The digits have no leading or trailing zeros.
    """
    text = repr(value).lstrip("-")
    mantissa, _, exponent = text.partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits = whole + fraction
    point = len(whole) + (int(exponent) if exponent else 0)
    stripped = digits.lstrip("0")
    point -= len(digits) - len(stripped)
    return stripped.rstrip("0"), point


def format_number(value: float, digits: int = DIGITS, shift: int = 0) -> str:
    """``value`` x 10**shift for a learner to read; the same text as numbers.js's ``format``.

    ``digits`` (1 to 17) significant digits are kept. ``shift`` moves the decimal
    point of the digits themselves, so a percentage (``shift=2``) is exact and never
    overflows: 0.05 gives ``5``, not 5.000000000000001.
    """
    value = float(value)
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    if value == 0:
        return "0"
    sign = "-" if value < 0 else ""
    text, point = _digits(value)
    point += shift
    if len(text) > digits:
        kept = int(text[:digits]) + (1 if text[digits] >= "5" else 0)
        text = str(kept)
        if len(text) > digits:  # 999... rounded up to 1000...
            point += 1
        text = text[:digits].rstrip("0")
    exponent = point - 1
    if -7 < exponent < 21:
        if point <= 0:
            body = "0." + "0" * -point + text
        elif point >= len(text):
            body = text + "0" * (point - len(text))
        else:
            body = text[:point] + "." + text[point:]
    else:
        body = text[0] + ("." + text[1:] if len(text) > 1 else "")
        body += "e" + ("+" if exponent > 0 else "-") + str(abs(exponent))
    return sign + body
