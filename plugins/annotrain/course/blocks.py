"""Finding ``annotrain`` fenced blocks in Markdown source, with their lines.

Syntax accepted: a line that is only a fence of three or more backticks or tildes
followed by the info string ``annotrain`` (optionally indented, e.g. inside an
admonition), then the YAML body, then a closing fence of the same character, at
least as long, on a line of its own::

    ```annotrain
    type: choice
    ...
    ```

The body is dedented by the opening fence's indentation. An unclosed block is an
error rather than silently eating the rest of the page. Blocks inside other fenced
code (say a ````` ````markdown ````` example of the syntax) are code, not exercises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import AuthoringError

_FENCE = re.compile(r"^(?P<indent>[ ]*)(?P<fence>`{3,}|~{3,})[ ]*(?P<info>[^`]*?)[ ]*$")


@dataclass(frozen=True)
class Block:
    """One fenced block: ``start`` is the index of the opening fence line (0-based)."""

    start: int
    end: int  # index of the closing fence line
    indent: str
    body: str

    @property
    def body_line(self) -> int:
        """1-based line number of the first body line, within the scanned text."""
        return self.start + 2


def find_blocks(lines: list[str], path: str | None = None, line_offset: int = 0) -> list[Block]:
    """All annotrain blocks in ``lines`` (lines without newlines), in order."""
    blocks: list[Block] = []
    index = 0
    while index < len(lines):
        match = _FENCE.match(lines[index])
        if not match:
            index += 1
            continue
        indent, fence = match.group("indent"), match.group("fence")
        end = _closing_line(lines, index, indent, fence)
        if match.group("info") != "annotrain":
            index = end + 1  # other fenced code: skip it whole, closed or not
            continue
        if end == len(lines):
            raise AuthoringError(
                f"the annotrain block opened here is never closed; end it with a line '{indent}{fence}'",
                path,
                index + 1 + line_offset,
            )
        body = "\n".join(_dedent(line, indent) for line in lines[index + 1 : end])
        blocks.append(Block(index, end, indent, body))
        index = end + 1
    return blocks


def _closing_line(lines: list[str], start: int, indent: str, fence: str) -> int:
    """Index of the line closing the fence opened at ``start`` (len(lines) if none)."""
    closing = re.compile(rf"^[ ]{{0,{len(indent)}}}{re.escape(fence[0])}{{{len(fence)},}}[ ]*$")
    end = start + 1
    while end < len(lines) and not closing.match(lines[end]):
        end += 1
    return end


def _dedent(line: str, indent: str) -> str:
    return line[len(indent) :] if line.startswith(indent) else line.lstrip(" ")
