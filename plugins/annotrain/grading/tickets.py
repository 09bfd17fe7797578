"""What an exam attempt's ticket says about the attempt: the checks of ``annotrain grade``. Pure.

:func:`check_ticket` opens the attempt's ticket with the site's keys (see
:func:`annotrain.signing.tickets.open_ticket`): a ticket that opens is genuine.
Its claims are then compared with the attempt file, which the candidate could
have edited (:func:`ticket_flags`):

- the ticket is for another site, quiz, or version of the quiz;
- the attempt's seed is not the ticket's: the candidate chose the draw (drew again
  until the tasks suited them: seed shopping);
- the attempt's candidate (name or id) is not the ticket's: another candidate's
  ticket, or a file renamed to someone else;
- the attempt started before the ticket's window opened or after it closed, or
  was submitted after it closed (with the same minute of grace as the time
  limit). These times are the candidate's own clock, so only an honest clock is
  caught: a candidate who sets their clock back is not.

The time limit with the ticket's extra minutes is checked by the command with
the other times (see :func:`annotrain.signing.tickets.extra_time`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

from ..signing.tickets import iso, open_ticket, window
from ..signing.tokens import TokenError
from .attempts import Attempt

#: Seconds allowed past the window's end (page load, clock drift), as for the time limit.
GRACE = timedelta(seconds=60)
CLOCK_ONLY = "by the candidate's own clock: an honest clock only"


def check_ticket(
    attempt: Attempt, keys: Mapping[str, bytes], site: str | None
) -> tuple[dict | None, list[str]]:
    """The claims of the attempt's ticket when it opens with ``keys`` (else None), and the findings.

    Findings: no ticket; a ticket that does not open (damaged, signed with another
    key, changed, or not a ticket: the reason is :class:`TokenError`'s); and what
    :func:`ticket_flags` finds in one that opens.
    """
    if not attempt.ticket:
        return None, ["no ticket: this exam is taken with a ticket you issued"]
    try:
        claims = open_ticket(attempt.ticket, keys)
    except TokenError as error:
        return None, [f"the ticket does not open: {error}"]
    return claims, ticket_flags(attempt, claims, site)


def ticket_flags(attempt: Attempt, claims: Mapping, site: str | None) -> list[str]:
    """The findings of comparing ``attempt`` with its opened ticket's ``claims``."""
    flags = []
    if site and claims.get("site") != site:
        flags.append(f"ticket for another site ({_text(claims.get('site'))})")
    if claims.get("quiz") != attempt.quiz:
        flags.append(f"ticket for another quiz ({_text(claims.get('quiz'))})")
    elif claims.get("version") != attempt.quiz_version:
        flags.append(
            f"ticket for another version of the quiz ({_text(claims.get('version'))}; "
            f"the attempt's is {attempt.quiz_version})"
        )
    if attempt.seed != claims["seed"]:
        flags.append(
            f"seed {attempt.seed} is not the ticket's ({claims['seed']}): a draw the "
            "candidate chose: seed shopping"
        )
    flags += _candidate_flags(attempt, claims["candidate"])
    flags += window_flags(attempt, claims)
    return flags


def _candidate_flags(attempt: Attempt, ticket: Mapping[str, str]) -> list[str]:
    name, number = attempt.candidate.get("name", ""), attempt.candidate.get("id", "")
    if name == ticket["name"] and number == ticket["id"]:
        return []
    return [
        f"candidate {_who(name, number)} is not the ticket's {_who(ticket['name'], ticket['id'])}: "
        "another candidate's ticket, or a renamed file"
    ]


def window_flags(attempt: Attempt, claims: Mapping) -> list[str]:
    """Started before the ticket's window opened, or started or submitted after it closed."""
    opens, closes = window(claims)
    if opens and attempt.started < opens:
        return [
            f"started {iso(attempt.started)}, before the ticket's window opened "
            f"({iso(opens)}), {CLOCK_ONLY}"
        ]
    if closes and attempt.started > closes:
        return [
            f"started {iso(attempt.started)}, after the ticket's window closed "
            f"({iso(closes)}), {CLOCK_ONLY}"
        ]
    if closes and attempt.submitted > closes + GRACE:
        return [
            f"submitted {iso(attempt.submitted)}, after the ticket's window closed "
            f"({iso(closes)}), {CLOCK_ONLY}"
        ]
    return []


def _who(name: str, number: str) -> str:
    return f"{_text(name)} (id {_text(number)})"


def _text(value: object, limit: int = 60) -> str:
    """A value from a file, quoted and cut for a finding."""
    text = repr(value if isinstance(value, str) else str(value))
    return text if len(text) <= limit else text[: limit - 1] + "…"
