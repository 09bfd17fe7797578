"""Quiz attempts read back from a Learning Record Store (``annotrain grade --lrs``).

A site with the ``xapi`` option sends each submitted attempt as a statement whose
result extension ``<site_url>xapi/attempt`` holds the attempt file, as the learner
would have downloaded it (see :mod:`annotrain.xapi` and ``browser/xapi.js``). Here
those statements are fetched with the xAPI statements resource (GET, following
``more`` links), kept when their object is one of the site's quizzes, and handed
back as attempt data for :func:`annotrain.grading.attempts.parse_attempt`.

The LRS account comes from the environment (:data:`CREDENTIAL_VARIABLE`, as
``user:password``): it must be able to read every statement, not only its own.
``--sign`` posts each credential back as a statement with :func:`put_statement`.
Only the standard library is used; every network or protocol problem is an
:class:`LRSError` with a message a trainer can act on.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode, urljoin, urlsplit
from urllib.request import Request, urlopen

from ..errors import AnnotrainError
from ..xapi import VERBS, VERSION, basic_auth, extension, quiz_activity
from .attempts import Attempt, parse_attempt

#: The environment variable holding the trainer's LRS account, ``user:password``.
CREDENTIAL_VARIABLE = "ANNOTRAIN_LRS_AUTH"
#: Statements asked for per request; the LRS may send fewer, with a ``more`` link.
PAGE = 500
#: At most this many pages are followed (a loop of ``more`` links ends here).
MAX_PAGES = 10_000
TIMEOUT = 60


class LRSError(AnnotrainError):
    """The LRS could not be read or written: unreachable, refused, or not xAPI."""


@dataclass
class Submitted:
    """One submitted attempt found in the LRS."""

    statement: str  # the statement's id
    actor: dict[str, Any]  # who sent it
    attempt: Any  # the attempt file's JSON, to be checked by parse_attempt

    @property
    def label(self) -> str:
        """How the report names it where it names a file."""
        return f"lrs:{self.statement}"

    def file_bytes(self) -> bytes:
        """The attempt file as the learner's browser downloads it (JSON.stringify, 2 spaces)."""
        text = json.dumps(self.attempt, indent=2, ensure_ascii=False)
        return (text + "\n").encode("utf-8")

    def read(self) -> Attempt:
        """The attempt, checked as a file is (AttemptError when it cannot be used)."""
        attempt = parse_attempt(self.attempt, self.label)
        attempt.raw = self.file_bytes()
        return attempt


def credential_from_env(environ: dict[str, str] | None = None) -> str:
    """The LRS account from :data:`CREDENTIAL_VARIABLE`; LRSError when it is not set."""
    value = (environ if environ is not None else os.environ).get(CREDENTIAL_VARIABLE, "")
    if ":" not in value and not value.startswith("Basic "):
        raise LRSError(
            f"set {CREDENTIAL_VARIABLE} to the LRS account that may read statements, "
            "as user:password"
        )
    return value


def endpoint_of(url: str) -> str:
    """The xAPI endpoint as given, ending with "/"; LRSError when it is no http(s) address."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise LRSError(
            f"--lrs {url!r}: expected the LRS's xAPI address, like https://lrs.example.org/xAPI/"
        )
    return url if url.endswith("/") else url + "/"


def _request(url: str, credential: str, method: str = "GET", body: bytes | None = None):
    headers = {"Authorization": basic_auth(credential), "X-Experience-API-Version": VERSION}
    if body is not None:
        headers["Content-Type"] = "application/json"
    request = Request(url, data=body, headers=headers, method=method)
    try:
        with urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 (http(s) checked)
            return response.status, response.read()
    except HTTPError as error:
        detail = error.read(500).decode("utf-8", "replace").strip()
        if error.code in (401, 403):
            raise LRSError(
                f"{url}: the LRS refused the account in {CREDENTIAL_VARIABLE} "
                f"({error.code}{': ' + detail if detail else ''})"
            ) from None
        raise LRSError(f"{url}: the LRS answered {error.code} {detail}".rstrip()) from None
    except (URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise LRSError(f"{url}: cannot reach the LRS ({reason})") from None


def statements(endpoint: str, credential: str, verb: str) -> list[dict[str, Any]]:
    """Every statement with ``verb`` (an IRI) the account may read, following ``more``.

    The LRS is asked for that verb alone. One that answers nothing is asked for
    every statement, then filtered here: Ralph 5.1's file backend compares the verb
    it is given with the stored one as objects of different types, and never finds it.
    """
    found = _all_statements(
        endpoint + "statements?" + urlencode({"verb": verb, "limit": PAGE}), credential
    )
    if not found:
        found = _all_statements(endpoint + "statements?" + urlencode({"limit": PAGE}), credential)
    return [s for s in found if isinstance(s, dict) and (s.get("verb") or {}).get("id") == verb]


def _all_statements(url: str, credential: str) -> list[Any]:
    """The statements of the query ``url`` and of every ``more`` link after it."""
    endpoint = url
    found: list[Any] = []
    for _ in range(MAX_PAGES):
        _, body = _request(url, credential)
        try:
            page = json.loads(body)
            found.extend(page["statements"])
        except (ValueError, KeyError, TypeError):
            raise LRSError(f"{url}: not an xAPI statement result") from None
        more = page.get("more") or ""
        if not more:
            return found
        url = urljoin(url, more)
    raise LRSError(f"{endpoint}: more than {MAX_PAGES} pages of statements")


def submitted_attempts(endpoint: str, credential: str, site_url: str) -> list[Submitted]:
    """The attempts at the site's quizzes that the LRS holds, oldest first.

    A statement whose attempt extension is missing is left out; what the extension
    holds is checked later, as an attempt file is.
    """
    key = extension(site_url, "attempt")
    prefix = quiz_activity(site_url, "")
    found = []
    for statement in statements(endpoint, credential, VERBS["submitted"]):
        target = statement.get("object") or {}
        extensions = (statement.get("result") or {}).get("extensions") or {}
        if not str(target.get("id", "")).startswith(prefix) or key not in extensions:
            continue
        found.append(
            Submitted(str(statement.get("id")), statement.get("actor") or {}, extensions[key])
        )
    found.sort(key=lambda s: (str(_get(s.attempt, "submitted")), s.statement))
    return found


def _get(data: Any, name: str) -> Any:
    return data.get(name) if isinstance(data, dict) else None


def credential_statement(
    site_url: str, quiz: str, actor: dict[str, Any], credential: dict[str, Any], digest: str
) -> dict[str, Any]:
    """The statement that says ``actor`` earned a credential at ``quiz``.

    Its id is derived from the credential's hash, so posting it again stores nothing new.
    """
    result = {"success": True, "completion": True, "extensions": {}}
    result["extensions"][extension(site_url, "credential")] = credential
    return {
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, extension(site_url, "credential/") + digest)),
        "actor": actor,
        "verb": {"id": VERBS["earned"], "display": {"en-US": "earned"}},
        "object": {"objectType": "Activity", "id": quiz_activity(site_url, quiz)},
        "result": result,
        "context": {"platform": "annotrain"},
    }


def put_statement(endpoint: str, credential: str, statement: dict[str, Any]) -> None:
    """Store ``statement`` under its own id (PUT): sending it twice stores it once."""
    url = endpoint + "statements?" + urlencode({"statementId": statement["id"]})
    _request(url, credential, "PUT", json.dumps(statement).encode("utf-8"))
