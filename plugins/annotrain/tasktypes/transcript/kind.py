"""``transcript``: listen to a short clip and type what is said.

Fields: ``audio`` (a clip next to the lesson, see :mod:`annotrain.media`) and
``normalize``, the rules the comparison applies, all optional::

    normalize:
      case: ignore          # ignore (default) | keep
      punctuation: ignore   # ignore (default) | keep
      numbers: as-spoken    # as-spoken (default) | as-written

Response and gold: ``{"text": "..."}``; at most :data:`MAX_CHARS` code points are
read. The learner sees the rules above the text box.

Both texts are normalised the same way before they are compared, in this order:

1. Unicode NFC, so "é" typed as e + a combining accent equals the one-character "é";
2. ``case: ignore``: lower-cased (Python ``str.lower``, JS ``toLowerCase``);
3. ``punctuation: ignore``: every character of a Unicode punctuation category (P*)
   is deleted, so "it's" becomes "its" (jiwer's ``RemovePunctuation`` does the same);
4. always: every run of whitespace (:data:`WHITESPACE`) becomes one space, and
   spaces at either end are removed.

``numbers`` is a convention, not a transformation: ``as-spoken`` asks for numbers
in words ("eighteen", and the gold may hold no digit: checked when the task loads),
``as-written`` for digits ("18", "6:15"). The words of a text are its normalised
form split at spaces; its characters are the normalised form's code points, spaces
included (an emoji with a skin-tone modifier is two characters).

The reference (gold) and the transcript are aligned with a Levenshtein alignment of
unit costs; the backtrace runs from the end and prefers a match or substitution,
then a deletion, then an insertion, so the alignment (and the notes read from it) is
the same every time and in the browser. With S substituted, D deleted (missing)
and I inserted (extra) words and N reference words, the measures are:

- ``wer`` = (S + D + I) / max(N, 1): 0 when both texts are empty; over an empty
  reference it is the number of words typed; it can exceed 1 (lower is better);
- ``cer``: the same over characters (lower is better);
- ``accuracy`` = max(0, 1 - wer).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from ...course.fields import Fields, describe, suggest
from ...messages import fill, format_list
from ..base import TaskType

#: Longest transcript read, in code points: keeps the alignment table small.
MAX_CHARS = 5000
#: Whitespace, the same characters in grader.js (Python's and JS's \s differ).
WHITESPACE = (
    "[\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+"
)
_WHITESPACE = re.compile(WHITESPACE)
#: At most this many differences are described one by one in the notes,
#: each quoting at most MAX_QUOTED words of a run (then "…").
MAX_NOTES = 6
MAX_QUOTED = 8
RULES = {
    "case": ("ignore", "keep"),
    "punctuation": ("ignore", "keep"),
    "numbers": ("as-spoken", "as-written"),
}


def normalized(text: str, rules: dict) -> str:
    """``text`` after the task's rules (see the module docstring)."""
    text = unicodedata.normalize("NFC", text)
    if rules["case"] == "ignore":
        text = text.lower()
    if rules["punctuation"] == "ignore":
        text = "".join(ch for ch in text if not unicodedata.category(ch).startswith("P"))
    return _WHITESPACE.sub(" ", text).strip(" ")


def words(text: str) -> list[str]:
    return text.split(" ") if text else []


def align(ref: list[str], hyp: list[str]) -> list[tuple[str, str | None, str | None]]:
    """Edit operations turning ``ref`` into ``hyp``: (op, ref token, hyp token).

    op is "ok", "sub", "del" (a reference token missing) or "ins" (an extra token).
    """
    n, m = len(ref), len(hyp)
    d = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        d[i][0] = i
    for j in range(m + 1):
        d[0][j] = j
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            cost = 0 if ref[i - 1] == hyp[j - 1] else 1
            d[i][j] = min(d[i - 1][j - 1] + cost, d[i - 1][j] + 1, d[i][j - 1] + 1)
    ops = []
    i, j = n, m
    while i > 0 or j > 0:
        if i > 0 and j > 0 and d[i][j] == d[i - 1][j - 1] + (0 if ref[i - 1] == hyp[j - 1] else 1):
            ops.append(("ok" if ref[i - 1] == hyp[j - 1] else "sub", ref[i - 1], hyp[j - 1]))
            i -= 1
            j -= 1
        elif i > 0 and d[i][j] == d[i - 1][j] + 1:
            ops.append(("del", ref[i - 1], None))
            i -= 1
        else:
            ops.append(("ins", None, hyp[j - 1]))
            j -= 1
    ops.reverse()
    return ops


def distance(ref: list[str], hyp: list[str]) -> int:
    """The Levenshtein distance of ``align`` in two rows (for long character lists)."""
    previous = list(range(len(hyp) + 1))
    for i in range(1, len(ref) + 1):
        row = [i] + [0] * len(hyp)
        for j in range(1, len(hyp) + 1):
            cost = 0 if ref[i - 1] == hyp[j - 1] else 1
            row[j] = min(previous[j - 1] + cost, previous[j] + 1, row[j - 1] + 1)
        previous = row
    return previous[-1]


def _texts(task, response: dict) -> tuple[str, str]:
    rules = task.options["normalize"]
    return normalized(task.gold["text"], rules), normalized(response["text"], rules)


def _quote(tokens: list[str]) -> str:
    text = " ".join(tokens[:MAX_QUOTED])
    return format_list([text + " \u2026" if len(tokens) > MAX_QUOTED else text])


def _differences(ops, messages) -> list[str]:
    """One note per run of consecutive differences: missing, extra or heard-as."""
    notes = []
    ref: list[str] = []
    hyp: list[str] = []
    for op, a, b in [*ops, ("ok", None, None)]:
        if op != "ok":
            if a is not None:
                ref.append(a)
            if b is not None:
                hyp.append(b)
            continue
        if not ref and not hyp:
            continue
        if not hyp:
            notes.append(fill(messages["note_transcript_missing"], words=_quote(ref)))
        elif not ref:
            notes.append(fill(messages["note_transcript_extra"], words=_quote(hyp)))
        else:
            notes.append(
                fill(messages["note_transcript_heard"], typed=_quote(hyp), gold=_quote(ref))
            )
        ref = []
        hyp = []
    if len(notes) > MAX_NOTES:
        more = len(notes) - MAX_NOTES
        notes = [*notes[:MAX_NOTES], fill(messages["note_transcript_more"], count=more)]
    return notes


def _word_result(task, response, messages) -> tuple[float, list[str]]:
    gold, typed = _texts(task, response)
    ref, hyp = words(gold), words(typed)
    ops = align(ref, hyp)
    counts = {"sub": 0, "del": 0, "ins": 0}
    for op, _, _ in ops:
        if op != "ok":
            counts[op] += 1
    errors = counts["sub"] + counts["del"] + counts["ins"]
    value = errors / max(len(ref), 1)
    if not hyp and ref:
        return value, [messages["note_transcript_empty"]]
    if errors == 0:
        return value, [messages["note_transcript_exact"]]
    notes = [
        fill(
            messages["note_transcript_counts"],
            errors=errors,
            words=len(ref),
            substituted=counts["sub"],
            missing=counts["del"],
            extra=counts["ins"],
        )
    ]
    if value > 1:
        notes.append(messages["note_transcript_over_one"])
    return value, notes + _differences(ops, messages)


def wer(task, response, messages):
    return _word_result(task, response, messages)


def accuracy(task, response, messages):
    value, notes = _word_result(task, response, messages)
    return max(0.0, 1.0 - value), notes


def cer(task, response, messages):
    gold, typed = _texts(task, response)
    ref, hyp = list(gold), list(typed)
    edits = distance(ref, hyp)
    value = edits / max(len(ref), 1)
    if not hyp and ref:
        return value, [messages["note_transcript_empty"]]
    return value, [fill(messages["note_transcript_chars"], edits=edits, chars=len(ref))]


class TranscriptType(TaskType):
    """Type what is said in an audio clip."""

    name = "transcript"
    widget_helpers = ("nothing.js", "audio.js")
    fields = ("audio", "normalize")
    response_fields = ("text",)
    gold_example = "{text: please leave the parcel by the gate}"
    measures = {"wer": wer, "cer": cer, "accuracy": accuracy}

    def read_options(self, fields: Fields, media) -> dict[str, Any]:
        return {"audio": media.audio(fields, "audio"), "normalize": self._rules(fields)}

    def _rules(self, fields: Fields) -> dict[str, str]:
        raw = fields.raw("normalize")
        if raw is None:
            return {key: values[0] for key, values in RULES.items()}
        rules = Fields(raw, fields.path, "normalize", RULES, fields.line_of("normalize"))
        result = {}
        for key, values in RULES.items():
            value = rules.text(key, default=values[0])
            if value not in values:
                raise rules.error(
                    key,
                    f"normalize {key} must be {' or '.join(values)}, got {describe(rules.raw(key))}"
                    f"{suggest(value, values)}",
                )
            result[key] = value
        return result

    def read_gold(self, task, gold: Fields) -> dict:
        if not gold.has("text"):
            raise gold.error(None, "gold is missing 'text' (what is said in the clip)")
        text = gold.text("text")
        if len(text) > MAX_CHARS:
            raise gold.error("text", f"gold text is longer than {MAX_CHARS} characters")
        if task.options["normalize"]["numbers"] == "as-spoken":
            digits = sorted({ch for ch in text if ch.isdigit()})
            if digits:
                raise gold.error(
                    "text",
                    f"gold text has the digits {', '.join(digits)} but the exercise asks for "
                    "numbers as spoken (in words); write them in words or set "
                    "'normalize: {numbers: as-written}'",
                )
        return {"text": text}

    def normalize(self, task, response: Any) -> dict:
        text = response.get("text") if isinstance(response, dict) else None
        return {"text": text[:MAX_CHARS] if isinstance(text, str) else ""}

    def answered(self, task, canonical: dict, response: Any) -> bool:
        # Any text is an answer; the empty text is the deliberate "no speech in this clip".
        return isinstance(response, dict) and isinstance(response.get("text"), str)
