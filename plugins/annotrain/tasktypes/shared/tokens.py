"""Splitting a passage into the tokens a learner selects when marking spans.

Offsets are Unicode code points (Python ``str`` indices), end exclusive. A passage
is cut into tokens and the whitespace between them:

- a **word** is a run of letters and digits (Unicode categories L and N) with any
  combining marks (M) inside or after it, so "Zoë" written with U+0308 is one word;
- each **CJK character** (Han ideographs, hiragana, katakana) is a token of its own,
  since those scripts do not put spaces between words;
- every **other character** (punctuation, symbols, emoji) is a token of its own,
  together with what attaches to it: combining marks, variation selectors, emoji
  skin-tone modifiers, a zero-width joiner and the character after it (so a joined
  emoji such as a family stays one token), and the second regional indicator of a
  flag;
- whitespace is never part of a token.

The browser never tokenizes: the template renders these tokens with their offsets,
and selections snap to them. Gold spans must start and end on token edges, or no
learner could mark them exactly.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

ZWJ = "\u200d"
_SKIN_TONES = range(0x1F3FB, 0x1F400)
_REGIONAL = range(0x1F1E6, 0x1F200)
_CJK = (
    range(0x3040, 0x3100),  # hiragana, katakana
    range(0x3400, 0x4DC0),  # CJK extension A
    range(0x4E00, 0xA000),  # CJK unified ideographs
    range(0xF900, 0xFB00),  # CJK compatibility ideographs
    range(0x20000, 0x40000),  # CJK extensions B and later
)
_CJK_FROM = min(block.start for block in _CJK)


@dataclass(frozen=True)
class Token:
    """``text`` at code points ``start`` to ``end`` (exclusive) of the passage."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Piece:
    """What the template renders: a token, or the whitespace before the next one.

    ``paragraph`` is true for whitespace that holds a blank line.
    """

    text: str
    start: int
    end: int
    token: bool
    paragraph: bool = False


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return code >= _CJK_FROM and any(code in block for block in _CJK)


def _is_word(char: str) -> bool:
    if char < "\x80":  # ASCII, most of every passage: no table lookup needed
        return char.isalnum()
    return unicodedata.category(char)[0] in "LN" and not _is_cjk(char)


def _attaches(char: str, previous: str) -> bool:
    """Whether ``char`` belongs to the token that ends with ``previous``."""
    if char < "\x80" and previous != ZWJ:  # no ASCII character is a mark or a joiner
        return False
    code = ord(char)
    return (
        unicodedata.category(char)[0] == "M"
        or char == ZWJ
        or code in _SKIN_TONES
        or (previous == ZWJ and not char.isspace())
    )


def tokens(text: str) -> list[Token]:
    """The tokens of ``text``, in order (see the module docstring)."""
    found: list[Token] = []
    start = None  # start of the token being read
    word = False  # whether that token is a word (more letters may follow)
    for index, char in enumerate(text):
        if start is not None:
            previous = text[index - 1]
            flag = ord(char) in _REGIONAL and ord(previous) in _REGIONAL and index - start == 1
            if _attaches(char, previous) or flag or (word and _is_word(char)):
                continue
            found.append(Token(start, index, text[start:index]))
            start = None
        if char.isspace():
            continue
        start, word = index, _is_word(char)
    if start is not None:
        found.append(Token(start, len(text), text[start:]))
    return found


def pieces(text: str) -> list[Piece]:
    """Tokens and the whitespace between them, from the first token to the last.

    Leading and trailing whitespace is left out.
    """
    result: list[Piece] = []
    for token in tokens(text):
        gap = text[result[-1].end : token.start] if result else ""
        if gap:
            paragraph = gap.count("\n") >= 2
            result.append(Piece(gap, result[-1].end, token.start, False, paragraph))
        result.append(Piece(token.text, token.start, token.end, True))
    return result
