"""Findings that only a cohort of attempts shows: the same attempt under two names.

Each attempt file is checked on its own by ``annotrain grade``; some forgeries only
show beside the others. A passing attempt file copied and given another
candidate's name grades exactly as the original: what gives it away is that its
draw, its times and every answer are the original's. Pure: no I/O.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from .attempts import Attempt


def fingerprint(attempt: Attempt) -> str:
    """What two honest attempts never share: quiz, seed, times and every response."""
    facts = {
        "quiz": attempt.quiz,
        "seed": attempt.seed,
        "started": attempt.started.isoformat(),
        "submitted": attempt.submitted.isoformat(),
        "responses": attempt.responses,
    }
    return json.dumps(facts, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def copies(attempts: Iterable[Attempt]) -> dict[str, list[str]]:
    """File -> findings, for every attempt that is another file's attempt again."""
    groups: dict[str, list[Attempt]] = {}
    for attempt in attempts:
        groups.setdefault(fingerprint(attempt), []).append(attempt)
    findings: dict[str, list[str]] = {}
    for group in groups.values():
        if len(group) < 2:
            continue
        for attempt in group:
            others = ", ".join(other.path for other in group if other is not attempt)
            names = {other.who for other in group}
            who = " under another name" if len(names) > 1 else ""
            findings.setdefault(attempt.path, []).append(
                f"the same attempt as {others}{who} (same draw, times and answers): a copy"
            )
    return findings
