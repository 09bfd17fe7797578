"""``annotrain grade --sign``: credentials and certificates for the passed exams.

After grading, each passing attempt at an exam-mode quiz, without findings (or with
them, given ``--sign-flagged``), gets a credential signed with the trainer's
private key (see :mod:`annotrain.signing.credentials`), written beside the report
in ``credentials/`` as ``<name>-<quiz>-credential.json`` and as a printable
certificate ``<name>-<quiz>-certificate.html``. The report's rows name each
credential by its hash. Attempts that pass but are not signed are listed with
the reason.

The key must be the private half of the site's ``public_key``: a credential
signed with another key would fail on the site's verify page, so such a key is
refused before anything is graded.
"""

from __future__ import annotations

import argparse
import base64
import calendar
import json
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from ..course.loader import Course
from ..errors import AnnotrainError
from ..fileio import InputError, read_limited, write_atomic
from ..grading.attempts import Attempt
from ..messages import format_number
from ..rendering.render import environment
from ..signing.credentials import FILE_FORMAT, FRAGMENT, claims_for, credential_hash
from ..signing.keys import key_id, load_private_key, raw_of
from ..signing.sitekeys import SiteKeys
from ..signing.tickets import open_ticket, public_keys
from ..signing.tokens import TokenError, sign

#: Where the credentials go, in the report's folder.
FOLDER = "credentials"
#: ``--valid-for``: a whole number and a unit (days, weeks, months, years).
_PERIOD = re.compile(r"^\s*(\d{1,4})\s*([dwmy])\s*$", re.IGNORECASE)
#: The page the certificates link to when no lesson places ``show: verify``.
DEFAULT_VERIFY_PAGE = "verify/"


class SignError(AnnotrainError):
    """``--sign`` cannot be used as given: a wrong key, a site without one."""


@dataclass(frozen=True)
class Period:
    """How long a credential stays valid: ``amount`` of ``unit`` (d, w, m or y)."""

    amount: int
    unit: str

    def after(self, moment: datetime) -> datetime:
        """``moment`` plus this period; months and years are calendar ones (31 Jan + 1m: 28 Feb)."""
        if self.unit == "d":
            return moment + timedelta(days=self.amount)
        if self.unit == "w":
            return moment + timedelta(weeks=self.amount)
        months = self.amount * (12 if self.unit == "y" else 1)
        year, month = divmod(moment.month - 1 + months, 12)
        year += moment.year
        day = min(moment.day, calendar.monthrange(year, month + 1)[1])
        return moment.replace(year=year, month=month + 1, day=day)


def period(text: str) -> Period:
    """``--valid-for``'s value: ``730d``, ``104w``, ``24m``, ``2y`` (argparse type)."""
    match = _PERIOD.match(text)
    if not match or int(match.group(1)) == 0:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a period: give a whole number and d, w, m or y (e.g. 730d or 2y)"
        )
    return Period(int(match.group(1)), match.group(2).lower())


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``--sign``, ``--sign-flagged``, ``--valid-for`` and ``--issuer`` of ``grade``."""
    group = parser.add_argument_group("credentials")
    group.add_argument(
        "--sign",
        type=Path,
        metavar="KEY.pem",
        help="issue a signed credential and a printable certificate for each passed exam "
        "without findings, with this private key (the site's public_key must be its "
        "public half); written to credentials/ beside the report",
    )
    group.add_argument(
        "--sign-flagged",
        action="store_true",
        help="with --sign: also sign passed exams that have findings",
    )
    group.add_argument(
        "--valid-for",
        type=period,
        metavar="PERIOD",
        help="with --sign: the credentials expire after PERIOD (e.g. 730d, 24m, 2y; "
        "default: they do not expire)",
    )
    group.add_argument(
        "--issuer",
        metavar="NAME",
        help="with --sign: who issues the credentials (default: the site_name of mkdocs.yml)",
    )


@dataclass
class Issuer:
    """What signing needs, checked before any attempt is graded."""

    private_key: object
    ticket_keys: dict[str, bytes]  # key id -> raw public key: the tickets' keys
    issuer: str
    course_name: str
    site_id: str
    site_url: str | None
    verify_page: str  # relative to site_url
    verify_page_found: bool
    valid_for: Period | None
    sign_flagged: bool
    language: str
    messages: dict[str, str]

    @property
    def verify_base(self) -> str | None:
        """The verify page's full address, or None when the site has no site_url."""
        return self.site_url + self.verify_page if self.site_url else None


def prepare(args: argparse.Namespace, course: Course, keys: SiteKeys) -> Issuer | None:
    """The issuer ``--sign`` asks for, or None without ``--sign``.

    ``keys`` are the course's (see :func:`annotrain.signing.sitekeys.layout_keys`).
    Raises :class:`SignError` (or a :class:`SigningKeyError`) when the options need
    ``--sign``, the site has no ``public_key``, or the key is not its private half.
    """
    if not args.sign:
        given = [
            name
            for name, value in (
                ("--sign-flagged", args.sign_flagged),
                ("--valid-for", args.valid_for),
                ("--issuer", args.issuer),
            )
            if value
        ]
        if given:
            raise SignError(f"{', '.join(given)} only work with --sign KEY.pem")
        return None
    layout = course.layout
    private_key = load_private_key(args.sign)
    raw = raw_of(private_key)
    mine = base64.b64encode(raw).decode("ascii")
    config = layout.shown(Path(layout.config_file or "mkdocs.yml"))
    if not keys.enabled:
        raise SignError(
            f"{config} sets no public_key: the site could not verify these credentials. "
            f"Set public_key to the public half of {args.sign} (the .pub.pem file "
            "`annotrain keys new` wrote beside it), publish the site, then sign"
        )
    if mine != keys.current:
        earlier = next((until for text, until in keys.earlier if text == mine), None)
        if earlier:
            raise SignError(
                f"{args.sign} is an earlier key of this site, used until {earlier}: "
                "credentials it signs now would not verify; sign with the current key"
            )
        raise SignError(
            f"{args.sign} does not match the site's public_key in {config} (key "
            f"{key_id(raw)}, the site's is {key_id(base64.b64decode(keys.current))}): the "
            "site could not verify the credentials it signs. Sign with the key whose "
            "public half is public_key, or publish this key's public half first"
        )
    pages = course.pages_showing("verify")
    return Issuer(
        private_key=private_key,
        ticket_keys=public_keys(keys),
        issuer=args.issuer or layout.site_name or layout.site_id or "",
        course_name=layout.site_name,
        site_id=layout.site_id or "",
        site_url=layout.site_url,
        verify_page=layout.page_url(pages[0]) if pages else DEFAULT_VERIFY_PAGE,
        verify_page_found=bool(pages),
        valid_for=args.valid_for,
        sign_flagged=args.sign_flagged,
        language=layout.language,
        messages=course.messages,
    )


def sign_rows(
    issuer: Issuer | None,
    rows: list[dict],
    attempts: list[Attempt],
    course: Course,
    folder: Path,
    now: datetime,
    max_bytes: int,
) -> list[str]:
    """Sign what may be signed; each row gets ``credential`` (its hash, or None).

    ``rows`` and ``attempts`` are in the same order. Returns the lines to print:
    what was issued, and each passed attempt that was not signed, with why.
    Raises OSError when a file cannot be written.
    """
    for row in rows:
        row["credential"] = None
    if issuer is None:
        return []
    lines = []
    if not issuer.site_url:
        lines.append(
            "note: mkdocs.yml sets no site_url, so the certificates carry no verify link; "
            "they can still be checked with `annotrain verify`"
        )
    elif not issuer.verify_page_found:
        lines.append(
            "note: no page of the course shows the verify panel (show: verify); the "
            f"certificates link to {issuer.verify_base}, so put it at that address"
        )
    taken: set[str] = set()
    for row, attempt in zip(rows, attempts, strict=True):
        if not row["passed"]:
            continue
        who = f"{attempt.who} ({row['quiz']}, {Path(attempt.path).name})"
        try:
            claims = _claims(issuer, row, attempt, course, now, max_bytes)
        except _NotSignedError as reason:
            lines.append(f"not signed: {who}: {reason}")
            continue
        token = sign(claims, issuer.private_key)
        digest = credential_hash(token)
        stem = _unique(f"{_slug(claims['candidate']['name'])}-{row['quiz']}", taken)
        credential = folder / f"{stem}-credential.json"
        certificate = folder / f"{stem}-certificate.html"
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(credential, credential_file(token))
        write_atomic(certificate, certificate_html(issuer, claims, token))
        row["credential"] = digest
        lines.append(f"issued: {who}: {certificate} (credential {digest})")
    return lines


class _NotSignedError(Exception):
    """Why a passed attempt gets no credential."""


def _claims(
    issuer: Issuer, row: dict, attempt: Attempt, course: Course, now: datetime, max_bytes: int
) -> dict:
    quiz = course.quizzes[row["quiz"]]
    if not quiz.sealed:
        raise _NotSignedError(
            f"the quiz is in {quiz.mode} mode: its answers are in the page, so a pass is a "
            "practice record, not a credential (only exam-mode quizzes are signed)"
        )
    if row["flags"] and not issuer.sign_flagged:
        raise _NotSignedError(
            f"it has findings ({'; '.join(row['flags'])}); --sign-flagged signs it anyway"
        )
    candidate = {"id": "", "name": attempt.candidate.get("name", "")}
    ticket_id = None
    if attempt.ticket:
        try:
            ticket = open_ticket(attempt.ticket, issuer.ticket_keys)
        except TokenError as problem:
            raise _NotSignedError(f"its ticket does not open ({problem})") from None
        ticket_id = ticket["id"]
        candidate = {"id": ticket["candidate"]["id"], "name": ticket["candidate"]["name"]}
    if not candidate["name"].strip():
        raise _NotSignedError("the attempt names no candidate")
    try:
        data = attempt.raw
        if data is None:
            data = read_limited(attempt.path, max_bytes, "an attempt file")
    except InputError as error:
        raise _NotSignedError(f"the attempt file cannot be read again ({error.reason})") from None
    return claims_for(
        row=row,
        quiz=quiz,
        sections=row["sections"],
        submitted=attempt.submitted,
        attempt_bytes=data,
        candidate=candidate,
        ticket_id=ticket_id,
        issuer=issuer.issuer,
        course=issuer.course_name,
        site=issuer.site_id,
        site_url=issuer.site_url,
        issued=now,
        expires=issuer.valid_for.after(now) if issuer.valid_for else None,
        credential_id=secrets.token_hex(16),
    )


def credential_file(token: str) -> str:
    """The text of ``<name>-<quiz>-credential.json``."""
    return json.dumps({"format": FILE_FORMAT, "credential": token}, indent=2) + "\n"


def certificate_html(issuer: Issuer, claims: dict, token: str) -> str:
    """The printable certificate of a credential (template ``annotrain/certificate.html``)."""
    base = issuer.verify_base
    template = environment(()).get_template("annotrain/certificate.html")
    return template.render(
        c=claims,
        token=token,
        hash=credential_hash(token),
        verify_url=f"{base}#{FRAGMENT}{token}" if base else None,
        score=_percent(claims["score"]),
        sections=[
            {
                "title": s["title"],
                "score": _percent(s["score"]),
                "minimum": None if s.get("min_score") is None else _percent(s["min_score"]),
            }
            for s in claims["sections"]
        ],
        t=issuer.messages,
        language=issuer.language,
    )


def _percent(value: float) -> str:
    return format_number(value * 100, 1) + "%"


def _slug(name: str) -> str:
    """A file name part from a person's name: letters and digits of any script, joined by -."""
    slug = re.sub(r"[\W_]+", "-", name.casefold()).strip("-")[:60].strip("-")
    return slug or "candidate"


def _unique(stem: str, taken: set[str]) -> str:
    """``stem``, or ``stem-2``, ``stem-3``...: not yet used in this run."""
    candidate, number = stem, 1
    while candidate in taken:
        number += 1
        candidate = f"{stem}-{number}"
    taken.add(candidate)
    return candidate
