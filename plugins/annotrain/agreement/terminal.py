"""Plain-text tables and numbers for the agreement report on a terminal.

The command (:mod:`annotrain.commands.agreement`) prints the report's header and the
disputed-tasks table with these; each task type's ``summary_text`` hook prints its
summary with them, so every section looks alike.
"""

from __future__ import annotations

from typing import Any


def table(header: list[str], rows: list[list[str]], limit: int) -> list[str]:
    """Left-aligned columns, indented two spaces; at most ``limit`` rows (0: all)."""
    shown = rows if limit <= 0 else rows[:limit]
    widths = [max(len(str(r[i])) for r in [header, *shown]) for i in range(len(header))]
    lines = [
        "  " + "  ".join(str(c).ljust(w) for c, w in zip(header, widths, strict=True)).rstrip()
    ]
    lines += [
        "  " + "  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
        for r in shown
    ]
    if len(shown) < len(rows):
        lines.append(f"  ... and {len(rows) - len(shown)} more (--limit 0 shows all)")
    return lines


def plural(count: int, word: str, plural_word: str | None = None) -> str:
    """``1 task``, ``2 tasks``; ``plural_word`` where adding an s is wrong."""
    return f"{count} {word if count == 1 else (plural_word or word + 's')}"


def number(value: Any, digits: int = 3) -> str:
    """A float to ``digits`` places, a metric as it prints itself, None as ``undefined``."""
    if value is None:
        return "undefined"
    return str(value) if hasattr(value, "defined") else f"{value:.{digits}f}"
