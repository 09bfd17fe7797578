"""Character offsets of text spans, checked against the characters they claim to cover.

Label Studio exports a span on a text as ``{start, end, text, labels}``: ``start``
and ``end`` are meant as character offsets (end exclusive) with
``data[start:end] == text``. Its editor runs in JavaScript, where strings index by
UTF-16 code units, and exports have been seen with such offsets: every emoji (or
other character beyond U+FFFF) before a span then shifts it by one. annotrain
counts Unicode code points, as Python indexes a ``str``.

:func:`locate` reads a span's offsets both ways and returns code-point offsets only
when the characters there are the characters the span says it covers; otherwise it
raises :class:`SpanError` with what is wrong. :func:`line_breaks` normalises line
breaks the way YAML reads them and maps offsets through the change.
"""

from __future__ import annotations

import re

#: Every kind of line break becomes "\n", as YAML itself would read it.
LINE_BREAKS = re.compile("\r\n|[\r\x85\u2028\u2029]")


class SpanError(ValueError):
    """A span whose offsets cannot be trusted; the message says why."""


def _utf16_positions(text: str) -> dict[int, int]:
    """UTF-16 code-unit offset -> code-point offset, for every character boundary."""
    positions = {}
    units = 0
    for index, char in enumerate(text):
        positions[units] = index
        units += 2 if ord(char) > 0xFFFF else 1
    positions[units] = len(text)
    return positions


def _offset(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value if isinstance(value, int) else None


def _shown(text: str, limit: int = 40) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def locate(text: str, start, end, quoted: str | None) -> tuple[int, int, bool]:
    """Code-point ``(start, end, repaired)`` of a span of ``text``.

    ``quoted`` is the text the span says it covers (None when the export does not
    say). ``repaired`` is True when the offsets were UTF-16 code units. Raises
    :class:`SpanError` when the offsets are not whole numbers, cover nothing or
    land on other characters, or when nothing can tell the two readings apart.
    """
    start, end = _offset(start), _offset(end)
    if start is None or end is None:
        raise SpanError("a span's start and end must be whole numbers")
    if not 0 <= start < end:
        raise SpanError(f"a span from {start} to {end} covers no text")
    if quoted is not None and not isinstance(quoted, str):
        quoted = None
    as_characters = (start, end) if end <= len(text) else None
    units = _utf16_positions(text)
    as_units = (units[start], units[end]) if start in units and end in units else None
    if quoted is not None:
        if as_characters and text[as_characters[0] : as_characters[1]] == quoted:
            return as_characters[0], as_characters[1], False
        if as_units and text[as_units[0] : as_units[1]] == quoted:
            return as_units[0], as_units[1], True
        found = text[start:end] if as_characters else None
        if found is None:
            raise SpanError(
                f"a span from {start} to {end} ends beyond the text ({len(text)} characters)"
            )
        raise SpanError(
            f"the span from {start} to {end} covers {_shown(found)}, "
            f"but the annotation says {_shown(quoted)}"
        )
    if as_characters is None:
        raise SpanError(
            f"a span from {start} to {end} ends beyond the text ({len(text)} characters)"
        )
    if as_units is not None and as_units != as_characters:
        raise SpanError(
            f"the span from {start} to {end} does not say which text it covers, and the text "
            "has emoji before it, so character and UTF-16 offsets differ"
        )
    return start, end, False


def line_breaks(text: str) -> tuple[str, list[int]]:
    """``text`` with every line break as a line feed, and the new offset of every old one.

    Only CR LF changes the length (two characters become one); an offset between
    its two characters maps to just after the line feed that replaces them.
    """
    pieces: list[str] = []
    mapping: list[int] = []
    index = written = 0
    for match in LINE_BREAKS.finditer(text):
        head = text[index : match.start()]
        mapping.extend(range(written, written + len(head)))
        written += len(head)
        mapping.extend([written] + [written + 1] * (len(match.group()) - 1))
        written += 1
        pieces += [head, "\n"]
        index = match.end()
    tail = text[index:]
    mapping.extend(range(written, written + len(tail) + 1))
    pieces.append(tail)
    return "".join(pieces), mapping
