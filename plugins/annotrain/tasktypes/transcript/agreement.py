"""``transcript`` agreement: word (and character) error rate between two raters.

Both texts are normalised with the task's rules, as in grading. Neither rater is the
reference, so a pair's WER is the mean of both directions, and CER the same over
characters. WER can exceed 1: the disagreement caps each pair at 1 before averaging.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ...agreement.ratings import TaskRatings
from ...agreement.rows import TaskRow, answer_pairs
from ..base import AgreementHooks
from .kind import RULES, distance, normalized, words

#: A transcript task's default normalisation rules (the first value of each rule).
DEFAULT_RULES = {key: values[0] for key, values in RULES.items()}


def read(response: Any) -> str | None:
    """The typed text; nothing typed (or only spaces) is no answer."""
    text = response.get("text") if isinstance(response, dict) else None
    return text if isinstance(text, str) and text.strip() else None


def symmetric_wer(first: str, second: str, rules: dict) -> tuple[float, float]:
    """(WER, CER) of two transcripts, each the mean of both directions.

    Both texts are normalised with the task's rules (the transcript grader's
    ``normalized``); WER(a -> b) = word edit distance / max(words of a, 1), the
    grader's ``wer`` with a as the reference; CER the same over characters.
    """
    a, b = normalized(first, rules), normalized(second, rules)
    wa, wb = words(a), words(b)
    ca, cb = list(a), list(b)
    word_distance = distance(wa, wb)
    char_distance = distance(ca, cb)
    wer = (word_distance / max(len(wa), 1) + word_distance / max(len(wb), 1)) / 2
    cer = (char_distance / max(len(ca), 1) + char_distance / max(len(cb), 1)) / 2
    return wer, cer


def analyse(items: list[TaskRatings]) -> tuple[list[TaskRow], dict]:
    """Mean pairwise symmetric WER (and CER); disagreement = mean of min(1, WER) over pairs."""
    rows = []
    for item in items:
        rules = item.options.get("normalize") or DEFAULT_RULES
        results = [symmetric_wer(a, b, rules) for a, b in answer_pairs(item)]
        capped = sum(min(1.0, w) for w, _ in results) / len(results)
        texts = Counter(normalized(text, rules) for text in item.answers.values())
        rows.append(
            TaskRow(
                item.task,
                "transcript",
                len(item.answers),
                1.0 - capped,
                "1 - mean pairwise WER (capped at 1)",
                {"different texts": len(texts)},
                {
                    "mean_pairwise_wer": sum(w for w, _ in results) / len(results),
                    "mean_pairwise_cer": sum(c for _, c in results) / len(results),
                },
                capped,
            )
        )
    summary = {
        "tasks": len(items),
        "mean_wer": sum(r.measures["mean_pairwise_wer"] for r in rows) / len(rows),
        "mean_cer": sum(r.measures["mean_pairwise_cer"] for r in rows) / len(rows),
    }
    return rows, summary


def summary_text(summary: dict, limit: int) -> list[str]:
    """The transcript summary on the terminal."""
    return [
        "",
        f"Transcript tasks ({summary['tasks']}): word error rate between two people, both "
        "directions averaged (0 = same words)",
        f"  Mean pairwise WER: {summary['mean_wer']:.3f}",
        f"  Mean pairwise CER: {summary['mean_cer']:.3f}",
    ]


HOOKS = AgreementHooks(key="text", read=read, analyse=analyse, summary_text=summary_text)
