"""Credentials: the signed record of a passed exam, made from a graded attempt, and checked.

A credential is a token (see :mod:`.tokens`) whose claims have ``typ``
``annotrain-credential/1``; the trainer guide lists every claim. This module is
pure: :func:`claims_for` makes the claims from a graded attempt, :func:`check`
decides whether a credential holds under a site's keys, and :func:`token_in`
finds the token in what a person hands over (a credential file, a certificate,
a verify link or the token itself). The verify page (``browser/credential.js``)
follows the same rules with the same reasons; both run the vectors in
``tests/vectors/credentials/``.

The rules, in the order they are checked:

1. the text is a token (else ``damaged``);
2. its ``key`` is one of the site's (else ``unknown_key``);
3. the signature holds under that key (else ``bad_signature``);
4. it is a credential (``typ``; else ``not_credential``) with well-formed
   ``issued`` and ``expires`` (else ``malformed``);
5. an earlier key signed it on or before its last day, its ``until``, compared
   with the day of ``issued`` in UTC (else ``retired_key``);
6. its hash is not on the site's revocation list (else ``revoked``);
7. ``expires`` is not in the past (else ``expired``, with the day).

A credential's hash is the SHA-256, in hex, of the token with every whitespace
character removed: ``revoked.txt`` lists these.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from collections.abc import Mapping
from datetime import datetime, timezone
from html.parser import HTMLParser

from ..errors import AnnotrainError
from ..messages import fill
from .keys import RAW_KEY_BYTES
from .tokens import TokenError, open_token, split

TYP = "annotrain-credential/1"
#: The ``format`` of a credential file (``<name>-<quiz>-credential.json``).
FILE_FORMAT = "annotrain-credential/1"
#: The certificate's ``<meta name=...>`` that holds the token.
META_NAME = "annotrain-credential"
#: The verify page's URL fragment: ``#credential=<token>``.
FRAGMENT = "credential="
#: Why a credential does not hold: reason code -> message key of the catalog.
REASONS = {
    "no_credential": "verify_reason_no_credential",
    "damaged": "verify_reason_damaged",
    "unknown_key": "verify_reason_unknown_key",
    "bad_signature": "verify_reason_bad_signature",
    "not_credential": "verify_reason_not_credential",
    "malformed": "verify_reason_malformed",
    "retired_key": "verify_reason_retired_key",
    "revoked": "verify_reason_revoked",
    "expired": "verify_reason_expired",
}
#: A token anywhere in a text: base64url payload, a dot, a 64-byte signature.
_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{86}(?![A-Za-z0-9_-])")
_TOKEN_CHARS = re.compile(r"[A-Za-z0-9_.-]+")
#: The one form of time claims have (UTC, to the second or millisecond).
_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z")


class CredentialError(AnnotrainError):
    """A credential that does not hold: ``code`` (a key of :data:`REASONS`) and its params."""

    def __init__(self, code: str, **params: str):
        self.code, self.params = code, params
        super().__init__(code)

    def message(self, messages: Mapping[str, str]) -> str:
        """The reason in the words of the catalog ``messages``."""
        return fill(messages[REASONS[self.code]], **self.params)


def credential_hash(token: str) -> str:
    """The SHA-256 hex of ``token`` without whitespace: what ``revoked.txt`` lists."""
    return hashlib.sha256("".join(str(token).split()).encode("utf-8")).hexdigest()


def utc_text(moment: datetime) -> str:
    """``2026-12-08T09:00:00Z``: a time in UTC to the second, as claims write it."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def claims_for(
    *,
    row: Mapping,
    quiz,
    sections: list[dict],
    submitted: datetime,
    attempt_bytes: bytes,
    candidate: Mapping[str, str],
    ticket_id: str | None,
    issuer: str,
    course: str,
    site: str,
    site_url: str | None,
    issued: datetime,
    expires: datetime | None,
    credential_id: str,
) -> dict:
    """The claims of the credential for one graded attempt (``row`` of ``annotrain grade``).

    ``quiz`` is the course's :class:`~annotrain.course.quizzes.Quiz`; ``sections``
    its per-section scores (``[{title, score, min_score}]``, as the grade has them;
    ``min_score`` None for a section without a minimum), of which the titled ones are
    kept; a credential is issued for a pass only, so every minimum was met;
    ``candidate`` ``{id, name}``
    (from the ticket when there is one); ``credential_id`` 32 random hex digits.
    """
    return {
        "typ": TYP,
        "id": credential_id,
        "issuer": issuer,
        "course": course,
        "site": site,
        "site_url": site_url or None,
        "candidate": {"id": candidate.get("id", ""), "name": candidate.get("name", "")},
        "quiz": {"id": quiz.id, "title": quiz.title, "version": quiz.public_version},
        "score": round(float(row["score"]), 4),
        "passed": bool(row["passed"]),
        "sections": [
            {
                "title": s["title"],
                "score": round(float(s["score"]), 4),
                "min_score": s.get("min_score"),
            }
            for s in sections
            if s.get("title")
        ],
        "date": submitted.astimezone(timezone.utc).date().isoformat(),
        "issued": utc_text(issued),
        "expires": utc_text(expires) if expires else None,
        "attempt": hashlib.sha256(attempt_bytes).hexdigest(),
        "ticket": ticket_id,
    }


def _opened(token: str, site: Mapping) -> tuple[dict, Mapping]:
    """Rules 1 to 3: the claims of a token signed by one of the site's keys, and that key."""
    try:
        _, _, claims = split(token)
    except TokenError:
        raise CredentialError("damaged") from None
    entry = (site.get("keys") or {}).get(str(claims.get("key")))
    if not isinstance(entry, Mapping):
        raise CredentialError("unknown_key")
    try:
        raw = base64.b64decode(str(entry.get("key")), validate=True)
    except (binascii.Error, ValueError):
        raise CredentialError("unknown_key") from None
    if len(raw) != RAW_KEY_BYTES:
        raise CredentialError("unknown_key")
    try:
        return open_token(token, {str(claims["key"]): raw}), entry
    except TokenError:
        raise CredentialError("bad_signature") from None


def check(token: str, site: Mapping, now: datetime) -> dict:
    """The claims of ``token`` when it is a credential that holds at ``now``.

    ``site`` is what the verify page carries, :meth:`SiteKeys.to_json`:
    ``{"keys": {key id: {"key": base64, "until": day or None}}, "revoked": [hex]}``.
    Raises :class:`CredentialError` with the first rule that fails (see the
    module's docstring).
    """
    claims, entry = _opened(token, site)
    if claims.get("typ") != TYP:
        raise CredentialError("not_credential")
    issued = _moment(claims.get("issued"))
    expires = claims.get("expires")
    if issued is None or (expires is not None and _moment(expires) is None):
        raise CredentialError("malformed")
    until = entry.get("until")
    if until is not None and issued.date().isoformat() > str(until):
        raise CredentialError("retired_key", date=str(until))
    if credential_hash(token) in set(site.get("revoked") or ()):
        raise CredentialError("revoked")
    if expires is not None:
        ends = _moment(expires)
        if ends <= now:
            raise CredentialError("expired", date=ends.date().isoformat())
    return claims


def _moment(value: object) -> datetime | None:
    """A claim's time (``YYYY-MM-DDTHH:MM:SSZ``, in UTC), or None when it is not one.

    Only this form is accepted, so the browser reads every time as Python does.
    """
    if not isinstance(value, str) or not _TIME.fullmatch(value):
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def verdict(text: str, site: Mapping, now: datetime) -> dict:
    """What both verifiers report for ``text`` (anything :func:`token_in` reads).

    ``{"valid", "reason" (code or None), "params", "hash" (None without a token),
    "claims" (None unless valid)}``: the shape the test vectors record.
    """
    token = token_in(text)
    if token is None:
        return {
            "valid": False,
            "reason": "no_credential",
            "params": {},
            "hash": None,
            "claims": None,
        }
    digest = credential_hash(token)
    try:
        claims = check(token, site, now)
    except CredentialError as invalid:
        return {
            "valid": False,
            "reason": invalid.code,
            "params": invalid.params,
            "hash": digest,
            "claims": None,
        }
    return {"valid": True, "reason": None, "params": {}, "hash": digest, "claims": claims}


def token_in(text: str) -> str | None:
    """The credential token in ``text``, or None when there is none.

    ``text`` is a credential file (JSON with ``format`` and ``credential``), a
    certificate (HTML with ``<meta name="annotrain-credential" content=...>``), a
    verify link (``...#credential=<token>``) or the token itself, perhaps wrapped
    across lines. A text that is none of these but holds one token-shaped run
    gives that run.
    """
    text = str(text).strip()
    if not text:
        return None
    if text.startswith("{"):
        try:
            data = json.loads(text)
        except ValueError:
            data = None
        if isinstance(data, dict):
            token = data.get("credential")
            return "".join(token.split()) if isinstance(token, str) and token.strip() else None
    if text.startswith("<") or "<meta" in text.lower():
        found = _meta_token(text)
        if found:
            return found
    if FRAGMENT in text:
        fragment = "".join(text.split(FRAGMENT, 1)[1].split("&", 1)[0].split())
        return fragment if _TOKEN_CHARS.fullmatch(fragment) else None
    joined = "".join(text.split())  # a token wrapped across lines
    if _TOKEN_CHARS.fullmatch(joined):
        return joined
    match = _TOKEN.search(text)
    return match.group(0) if match else None


class _MetaFinder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.token: str | None = None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "meta" and values.get("name") == META_NAME and self.token is None:
            self.token = "".join((values.get("content") or "").split()) or None


def _meta_token(text: str) -> str | None:
    finder = _MetaFinder()
    finder.feed(text)
    finder.close()
    return finder.token
