r"""Text from files written where it could do harm: a terminal, a spreadsheet.

A name, id or path read from a file a trainer was handed may hold control
characters: an escape sequence can repaint the terminal, move the cursor or
rewrite what a previous line said. :func:`for_terminal` shows every character
that is not printable as a Python escape (``\x1b``, ``\x9b``, ``\u202e``).

A spreadsheet reads a CSV cell that begins with ``=``, ``+``, ``-`` or ``@`` (or a
tab or carriage return before one) as a formula, which can run commands or send
data away. :func:`for_csv` puts a ``'`` before such a text, as OWASP's advice on
CSV injection says; numbers are left as they are. JSON reports keep true values.
"""

from __future__ import annotations

from typing import Any

#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def for_terminal(value: Any, limit: int | None = None) -> str:
    r"""``value`` as text safe to print: non-printable characters escaped.

    C0 and C1 controls, DEL, line and paragraph separators and invisible format
    characters (bidirectional overrides among them) become ``\xNN``/``\uNNNN``.
    Longer than ``limit`` characters (None: no limit), the text is cut with "…".
    """
    text = value if isinstance(value, str) else str(value)
    text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
    return text if limit is None or len(text) <= limit else text[: limit - 1] + "…"


def for_csv(value: Any) -> Any:
    """A CSV cell that no spreadsheet runs as a formula: texts starting with one get a ``'``."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
