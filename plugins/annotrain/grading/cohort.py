"""Findings that only a cohort of attempts shows: copies, reused tickets, shared wrong answers.

Each attempt file is checked on its own by ``annotrain grade``; some forgeries only
show beside the others. Pure: no I/O.

- :func:`copies`: a passing attempt file copied and given another candidate's name
  grades exactly as the original; what gives it away is that its draw, its times
  and every answer are the original's.
- :func:`reused_tickets`: a ticket is for one attempt; two files carrying the same
  ticket are a retake on one ticket or a copy.
- :func:`shared_wrong_answers`: two candidates who give the same unusual wrong
  answers worked together, or one copied. The rule, chosen so that an easy quiz
  or a common misreading flags no one:

  * a response is *wrong* when its task did not score full marks (so two
    candidates who are both right are never counted, whatever the form of their
    answers), and *given* when it is not empty (no answer, an empty text or list);
  * a wrong response is *unusual* when exactly two attempts of the batch gave
    that very response (the same choice, the same text to the character, the same
    boxes) to that task, and at least :data:`MIN_ANSWERED` attempts answered the
    task (with only two, "only these two" says nothing);
  * a pair of attempts is flagged when it shares at least :data:`MIN_SHARED`
    unusual wrong answers, unless the pair is a copy (:func:`copies` says more).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

from ..signing.tokens import TokenError, split
from .attempts import Attempt
from .task import EPSILON

#: A task needs this many attempts that answered it before an answer can be unusual.
MIN_ANSWERED = 3
#: A pair is flagged when it shares this many unusual wrong answers.
MIN_SHARED = 2
#: How many task ids a finding names before "and N more".
NAMED = 5


def fingerprint(attempt: Attempt) -> str:
    """What two honest attempts never share: quiz, seed, times and every response."""
    facts = {
        "quiz": attempt.quiz,
        "seed": attempt.seed,
        "started": attempt.started.isoformat(),
        "submitted": attempt.submitted.isoformat(),
        "responses": attempt.responses,
    }
    return _canonical(facts)


def _canonical(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def copies(attempts: Iterable[Attempt]) -> dict[str, list[str]]:
    """File -> findings, for every attempt that is another file's attempt again."""
    findings: dict[str, list[str]] = {}
    for group in _groups(attempts, fingerprint):
        for attempt in group:
            others = ", ".join(other.path for other in group if other is not attempt)
            names = {other.who for other in group}
            who = " under another name" if len(names) > 1 else ""
            findings.setdefault(attempt.path, []).append(
                f"the same attempt as {others}{who} (same draw, times and answers): a copy"
            )
    return findings


def ticket_id(token: str) -> str:
    """The id a ticket's claims give, else the token's text without whitespace.

    The signature is not checked here: ``annotrain grade`` checks it for each file.
    """
    try:
        _, _, claims = split(token)
    except TokenError:
        return "".join(token.split())
    number = claims.get("id")
    return number if isinstance(number, str) and number else "".join(token.split())


def reused_tickets(attempts: Iterable[Attempt]) -> dict[str, list[str]]:
    """File -> findings, for every attempt whose ticket another attempt of the batch carries."""
    with_ticket = [attempt for attempt in attempts if attempt.ticket]
    findings: dict[str, list[str]] = {}
    for group in _groups(with_ticket, lambda attempt: ticket_id(attempt.ticket)):
        for attempt in group:
            others = ", ".join(other.path for other in group if other is not attempt)
            findings.setdefault(attempt.path, []).append(
                f"the same ticket as {others}: a ticket is for one attempt"
            )
    return findings


def shared_wrong_answers(
    graded: Iterable[tuple[Attempt, Mapping[str, float]]],
) -> dict[str, list[str]]:
    """File -> findings, for pairs of attempts sharing unusual wrong answers (see the module).

    ``graded`` pairs each attempt with its recomputed task scores (task id -> 0..1).
    """
    graded = list(graded)
    answered: dict[tuple[str, str], int] = {}  # (quiz, task) -> attempts that answered
    givers: dict[tuple[str, str, str], list[Attempt]] = {}  # (quiz, task, answer) -> attempts
    for attempt, scores in graded:
        for task_id, response in attempt.responses.items():
            if _empty(response) or task_id not in scores:
                continue
            answered[attempt.quiz, task_id] = answered.get((attempt.quiz, task_id), 0) + 1
            if scores[task_id] < 1 - EPSILON:
                givers.setdefault((attempt.quiz, task_id, _canonical(response)), []).append(attempt)
    shared: dict[tuple[int, int], list[str]] = {}  # (index, index) -> task ids
    index = {id(attempt): number for number, (attempt, _) in enumerate(graded)}
    for (quiz, task_id, _), group in givers.items():
        if len(group) == 2 and answered[quiz, task_id] >= MIN_ANSWERED:
            pair = tuple(sorted(index[id(attempt)] for attempt in group))
            shared.setdefault(pair, []).append(task_id)
    findings: dict[str, list[str]] = {}
    for (first, second), tasks in sorted(shared.items()):
        one, other = graded[first][0], graded[second][0]
        if len(tasks) < MIN_SHARED or fingerprint(one) == fingerprint(other):
            continue
        tasks = sorted(tasks)
        more = f" and {len(tasks) - NAMED} more" if len(tasks) > NAMED else ""
        named = ", ".join(tasks[:NAMED]) + more
        for attempt, partner in ((one, other), (other, one)):
            findings.setdefault(attempt.path, []).append(
                f"{len(tasks)} wrong answers that only {partner.path} ({partner.who}) gave too "
                f"(tasks {named}): answers shared or copied"
            )
    return findings


def _groups(attempts: Iterable[Attempt], key) -> list[list[Attempt]]:
    """The attempts that share ``key``, in groups of two or more, in first-seen order."""
    groups: dict[str, list[Attempt]] = {}
    for attempt in attempts:
        groups.setdefault(key(attempt), []).append(attempt)
    return [group for group in groups.values() if len(group) > 1]


def _empty(response: object) -> bool:
    """No answer: nothing, or an object whose every field is empty (null, "", [], {})."""
    if response is None:
        return True
    if isinstance(response, dict):
        return all(value in (None, "", [], {}) for value in response.values())
    return False
