"""The message catalog: every piece of learner-facing text, by key.

Catalogs live in ``i18n/<language>.json`` as flat ``{"key": "text"}`` objects.
Placeholders are written ``{name}`` and filled by :func:`fill`, which the browser
mirrors exactly (``annotrain.grader.fill`` in grader.js), so graders in both languages
produce the same notes. English is complete; any other catalog falls back to
English key by key, and a site may override single keys in ``mkdocs.yml``.
A note that names the gold may have a ``<key>_nogold`` variant that does not,
which a wrong check in practice shows instead (:func:`hidden`).
"""

from __future__ import annotations

import json
import math
import re
from functools import cache
from importlib import resources

DEFAULT_LANGUAGE = "en"
#: The ending of a message's variant that names no gold value (see :func:`hidden`).
NOGOLD = "_nogold"
_PLACEHOLDER = re.compile(r"\{([a-zA-Z_][a-zA-Z0-9_]*)\}")


@cache
def _catalog(language: str) -> dict[str, str]:
    try:
        text = resources.files("annotrain").joinpath("i18n", f"{language}.json").read_text("utf-8")
    except FileNotFoundError:
        return {}
    return json.loads(text)


def available_languages() -> list[str]:
    folder = resources.files("annotrain").joinpath("i18n")
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".json"))


def catalog(language: str | None = None, overrides: dict[str, str] | None = None) -> dict[str, str]:
    """English, overlaid by ``language`` (``pt-BR`` falls back to ``pt``), then ``overrides``."""
    messages = dict(_catalog(DEFAULT_LANGUAGE))
    if language and language != DEFAULT_LANGUAGE:
        base = language.split("-")[0].split("_")[0]
        if base != language:
            messages.update(_catalog(base))
        messages.update(_catalog(language))
    messages.update(overrides or {})
    return messages


def hidden(messages: dict[str, str]) -> dict[str, str]:
    """``messages`` as a wrong check in practice says them: without naming the gold.

    Each key with a ``<key>_nogold`` variant says that variant instead, so the
    measures name their keys as always and the catalog alone decides what a
    learner who has not seen the answer reads (``hidden`` in grader.js mirrors it).
    """
    return {key: messages.get(key + NOGOLD, text) for key, text in messages.items()}


def fill(template: str, **params: object) -> str:
    """Replace ``{name}`` with ``params[name]``; unknown placeholders stay as written."""

    def replace(match: re.Match) -> str:
        key = match.group(1)
        return str(params[key]) if key in params else match.group(0)

    return _PLACEHOLDER.sub(replace, template)


def format_list(items: list[str]) -> str:
    """Join quoted items the same way as the browser: ``"A", "B"``."""
    return ", ".join(f"\u201c{item}\u201d" for item in items)


def format_number(value: float, places: int = 1) -> str:
    """``value`` rounded half up to ``places`` decimals, written as the browser would.

    ``6``, ``6.5``, ``0.83``: notes with measurements read the same in both languages.
    """
    scale = 10**places
    rounded = math.floor(value * scale + 0.5) / scale
    if rounded == int(rounded):
        return str(int(rounded))
    return repr(rounded)
