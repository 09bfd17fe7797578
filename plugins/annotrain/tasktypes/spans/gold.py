"""Reading a spans exercise's gold: spans written by offsets or by their text.

See :mod:`annotrain.tasktypes.spans.kind` for the offsets and the grading; here a
gold span written ``{text: Ada Lovelace, label: Person}`` is found in the passage
(``occurrence: 2`` for the second place), spans given by offsets are checked
against the passage's token edges, and overlaps are refused unless allowed.
"""

from __future__ import annotations

import re

from ...course.fields import Fields, describe, suggest
from ...course.yamlpos import YamlList
from ...errors import AuthoringError
from ...messages import format_list
from ..shared.tokens import Token, tokens

SPAN_FIELDS = ("start", "end", "label", "text", "occurrence")
#: Runs of these become one space when span text is quoted in notes (the browser
#: uses the same list, so both quote alike).
_SPACES = re.compile("[ \t\n\r\f\v\u00a0\u2028\u2029\u3000]+")


def show(text: str) -> str:
    return _SPACES.sub(" ", text).strip(" ")


def order_key(labels: list[str]):
    return lambda span: (span["start"], span["end"], labels.index(span["label"]))


def quote(text: str, start: int, end: int) -> str:
    return format_list([show(text[start:end])])


def _offset(span: Fields, key: str) -> int:
    value = span.require(key)
    if isinstance(value, bool) or not isinstance(value, int):
        raise span.error(
            key, f"{key!r} must be a whole number of characters, got {describe(value)}"
        )
    return value


def _occurrences(text: str, wanted: str, starts: set[int], ends: set[int]) -> list[int]:
    """Where ``wanted`` begins in ``text`` on a token start and ends on a token end."""
    found = []
    index = text.find(wanted)
    while index != -1:
        if index in starts and index + len(wanted) in ends:
            found.append(index)
        index = text.find(wanted, index + 1)
    return found


def _near_texts(found: list[Token], text: str, most: int = 4) -> list[str]:
    """Runs of 1 to ``most`` tokens, to suggest a span text the author may have meant."""
    return [
        text[found[i].start : found[j].end]
        for i in range(len(found))
        for j in range(i, min(i + most, len(found)))
    ]


def _by_text(span: Fields, text: str, found: list[Token]) -> tuple[int, int]:
    wanted = span.text("text")
    starts, ends = {t.start for t in found}, {t.end for t in found}
    places = _occurrences(text, wanted, starts, ends)
    number = 1
    if span.has("occurrence"):
        raw = span.raw("occurrence")
        if isinstance(raw, bool) or not isinstance(raw, int) or raw < 1:
            raise span.error(
                "occurrence", f"'occurrence' must be 1 or more (1 = first), got {describe(raw)}"
            )
        number = raw
    if not places:
        raise span.error(
            "text",
            f"the span text {format_list([wanted])} is not in the passage as whole words and "
            f"punctuation marks{suggest(wanted, _near_texts(found, text))}",
        )
    if number > len(places):
        raise span.error(
            "occurrence",
            f"{format_list([wanted])} occurs {len(places)} time(s) in the passage, "
            f"so there is no occurrence {number}",
        )
    start = places[number - 1]
    return start, start + len(wanted)


def _by_offsets(span: Fields, text: str, found: list[Token]) -> tuple[int, int]:
    start, end = _offset(span, "start"), _offset(span, "end")
    size = len(text)
    if span.has("occurrence"):
        raise span.error("occurrence", "'occurrence' goes with 'text' alone, not with offsets")
    if start < 0:
        raise span.error("start", f"'start' must be 0 or more, got {start}")
    if end > size:
        raise span.error(
            "end",
            f"'end' {end} is past the end of the passage, which is {size} characters long "
            "(counted in Unicode code points)",
        )
    if start >= end:
        raise span.error(
            "start",
            f"'start' ({start}) must be less than 'end' ({end}): a span covers the characters "
            "from start up to, not including, end",
        )
    if span.has("text") and text[start:end] != span.text("text"):
        wanted = span.text("text")
        starts, ends = {t.start for t in found}, {t.end for t in found}
        places = _occurrences(text, wanted, starts, ends)
        where = (
            f"; {format_list([wanted])} is at {places[0]}-{places[0] + len(wanted)}"
            if places
            else ""
        )
        raise span.error(
            "start",
            f"the passage at {start}-{end} reads {format_list([text[start:end]])}, but the span's "
            f"text is {format_list([wanted])}{where}",
        )
    starts, ends = {t.start for t in found}, {t.end for t in found}
    if start not in starts or end not in ends:
        around = [t.text for t in found if t.start < end and start < t.end]
        raise span.error(
            "start",
            f"the span {start}-{end} ({format_list([text[start:end]])}) does not begin and end on "
            "token edges, so no learner could mark it exactly (selections snap to whole words "
            f"and punctuation marks); the tokens there are {format_list(around)}",
        )
    return start, end


def _check_overlaps(spans: list[tuple[dict, int]], text: str, path, labels) -> None:
    ordered = sorted(spans, key=lambda pair: order_key(labels)(pair[0]))
    for (a, _), (b, line) in zip(ordered, ordered[1:], strict=False):
        if b["start"] < a["end"]:
            raise AuthoringError(
                f"gold spans {quote(text, a['start'], a['end'])} ({a['label']}, "
                f"{a['start']}-{a['end']}) and {quote(text, b['start'], b['end'])} "
                f"({b['label']}, {b['start']}-{b['end']}) overlap; add 'overlap: true' to the "
                "exercise if overlapping (nested) spans are allowed",
                path,
                line,
            )


# --- Measures ---------------------------------------------------------------------


def read_items(
    task, gold: Fields, example: str, extra: tuple[str, ...] = ()
) -> list[tuple[dict, int, Fields]]:
    """The gold spans of ``task`` in the author's order, checked: (span, line, its fields).

    ``extra``: fields a span may have besides :data:`SPAN_FIELDS` (the relations type's
    ``id``), left for the caller to read from the span's fields.
    """
    if not gold.has("spans"):
        raise gold.error(
            None,
            "gold is missing 'spans' (a list, possibly empty: spans: []), such as " + example,
        )
    items = gold.raw("spans")
    if not isinstance(items, list):
        raise gold.error("spans", f"'spans' must be a list, got {describe(items)}")
    labels, text = task.options["labels"], task.text
    found = tokens(text)
    spans: list[tuple[dict, int, Fields]] = []
    seen: dict[tuple, int] = {}
    for index, item in enumerate(items):
        line = items.line_of(index) if isinstance(items, YamlList) else gold.line_of("spans")
        span = Fields(item, gold.path, f"gold span {index + 1}", SPAN_FIELDS + extra, line)
        label = span.text("label", required=True)
        if label not in labels:
            raise span.error(
                "label",
                f"label {label!r} is not among the exercise's labels{suggest(label, labels)}; "
                f"labels: {', '.join(labels)}",
            )
        if span.has("start") or span.has("end"):
            start, end = _by_offsets(span, text, found)
        elif span.has("text"):
            start, end = _by_text(span, text, found)
        else:
            raise span.error(None, f"gold span {index + 1} needs 'start' and 'end', or 'text'")
        key = (start, end, label)
        if key in seen:
            raise AuthoringError(
                f"gold span {quote(text, start, end)} ({label}, {start}-{end}) is listed "
                f"twice (first as span {seen[key]})",
                gold.path,
                line,
            )
        seen[key] = index + 1
        spans.append(({"start": start, "end": end, "label": label}, line, span))
    if not task.options["overlap"]:
        _check_overlaps([(span, line) for span, line, _ in spans], text, gold.path, labels)
    return spans


def read_gold(task, gold: Fields, example: str) -> dict:
    """The gold spans of ``task``, by offsets or by text, checked; ``{"spans": [...]}``."""
    spans = read_items(task, gold, example)
    return {"spans": sorted((span for span, _, _ in spans), key=order_key(task.options["labels"]))}
