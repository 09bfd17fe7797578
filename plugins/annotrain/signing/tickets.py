"""Exam tickets: the claims a trainer signs for one attempt of one candidate, and reading them.

A ticket is a signed token (see :mod:`annotrain.signing.tokens`) whose claims are::

    {"typ": "annotrain-ticket/1", "id": "<32 hex>", "site": "<site id>",
     "quiz": "<quiz id>", "version": "<the quiz's public version>",
     "candidate": {"id": "...", "name": "..."}, "attempt": 1, "seed": 123456789,
     "from": "2026-12-07T08:00:00Z" or null, "until": "2026-12-07T18:00:00Z" or null,
     "extra_minutes": 0, "issued": "2026-12-06T10:00:00Z", "key": "<key id>"}

The ticket fixes the attempt's draw (its seed), names who takes it, and says when
(a window in UTC) and for how long (the quiz's time limit plus ``extra_minutes``).
The id and the seed come from :mod:`secrets`, so neither can be guessed from
another ticket. Times are written in UTC to the second, ending with ``Z``.
"""

from __future__ import annotations

import base64
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from .keys import key_id, raw_of
from .tokens import TokenError, open_token

TICKET_TYPE = "annotrain-ticket/1"
#: The largest seed: the quiz's draw takes a 32-bit seed.
SEED_RANGE = 2**32
#: More extra time than a week is a typing mistake, not an agreed adjustment.
MAX_EXTRA_MINUTES = 7 * 24 * 60


@dataclass(frozen=True)
class Candidate:
    """One row of the candidates' list."""

    id: str
    name: str
    email: str = ""
    extra_minutes: float = 0


def new_ticket(
    site: str,
    quiz: str,
    version: str,
    candidate: Candidate,
    attempt: int,
    opens: datetime | None,
    closes: datetime | None,
    issued: datetime,
) -> dict:
    """The claims of a fresh ticket: a random id and a random seed of its own."""
    return {
        "typ": TICKET_TYPE,
        "id": secrets.token_hex(16),
        "site": site,
        "quiz": quiz,
        "version": version,
        "candidate": {"id": candidate.id, "name": candidate.name},
        "attempt": attempt,
        "seed": secrets.randbelow(SEED_RANGE),
        "from": iso(opens) if opens else None,
        "until": iso(closes) if closes else None,
        "extra_minutes": whole(candidate.extra_minutes),
        "issued": iso(issued),
    }


def whole(number: float) -> float | int:
    """``number`` as an int when it is whole (15, not 15.0), so the JSON reads as typed."""
    return int(number) if float(number).is_integer() else number


def iso(moment: datetime) -> str:
    """``moment`` in UTC to the second: ``2026-12-07T08:00:00Z``."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_when(text: str, end_of_day: bool = False) -> datetime:
    """A moment given as ``YYYY-MM-DD`` or an ISO 8601 time with its zone, in UTC.

    A date alone means the start of that day in UTC, or with ``end_of_day`` its
    last second. Raises ValueError with what is accepted.
    """
    text = text.strip()
    try:
        day = date.fromisoformat(text)
    except ValueError:
        pass
    else:
        clock = time(23, 59, 59) if end_of_day else time(0, 0, 0)
        return datetime.combine(day, clock, tzinfo=timezone.utc)
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise ValueError(
            f"{text!r} is not a date (YYYY-MM-DD) or a time with its zone "
            "(2026-12-07T08:00Z, 2026-12-07T09:00+01:00)"
        ) from None
    if moment.tzinfo is None:
        raise ValueError(
            f"{text!r} has no time zone: end it with Z for UTC, or give the offset (+01:00)"
        )
    return moment.astimezone(timezone.utc)


def public_keys(site_keys) -> dict[str, bytes]:
    """Key id -> raw public key, for every key a :class:`SiteKeys` publishes."""
    return {
        kid: base64.b64decode(entry["key"]) for kid, entry in site_keys.to_json()["keys"].items()
    }


def is_site_key(private_key, site_keys) -> bool:
    """True when ``private_key`` is the site's current key (the one exams check tickets with)."""
    return site_keys.current is not None and base64.b64decode(site_keys.current) == raw_of(
        private_key
    )


def current_key_id(site_keys) -> str | None:
    """The id of the site's current public key, or None when it has none."""
    return key_id(base64.b64decode(site_keys.current)) if site_keys.current else None


def open_ticket(token: str, keys: Mapping[str, bytes]) -> dict:
    """The claims of ``token`` when it is a ticket signed with one of ``keys``.

    Raises :class:`TokenError` with the reason: the token's own (damaged, unknown
    key, changed), or that it is another kind of token, or that its claims are
    not a ticket's.
    """
    claims = open_token(token, keys)
    if claims.get("typ") != TICKET_TYPE:
        raise TokenError(f"not an exam ticket (its type is {str(claims.get('typ'))[:40]!r})")
    candidate = claims.get("candidate")
    seed = claims.get("seed")
    extra = claims.get("extra_minutes", 0)
    shape = (
        isinstance(claims.get("id"), str)
        and isinstance(candidate, dict)
        and all(isinstance(candidate.get(k), str) for k in ("id", "name"))
        and isinstance(seed, int)
        and not isinstance(seed, bool)
        and 0 <= seed < SEED_RANGE
        and isinstance(extra, (int, float))
        and not isinstance(extra, bool)
        and 0 <= extra <= MAX_EXTRA_MINUTES
    )
    if not shape:
        raise TokenError("signed, but its claims are not those of a ticket")
    try:
        window(claims)
    except ValueError:
        raise TokenError("signed, but its window is not two times") from None
    return claims


def window(claims: Mapping) -> tuple[datetime | None, datetime | None]:
    """The ticket's ``from`` and ``until`` as UTC times (None where open); ValueError if unreadable."""

    def moment(key: str) -> datetime | None:
        value = claims.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise ValueError(key)
        return parse_when(value)

    return moment("from"), moment("until")


def extra_time(claims: Mapping) -> timedelta:
    """The ticket's extra minutes as a duration."""
    return timedelta(minutes=claims.get("extra_minutes") or 0)
