"""xAPI 1.0.3: the site's option, and the identifiers its statements use.

A site that turns ``xapi`` on sends statements to a Learning Record Store as a
learner works (``browser/xapi.js``); the trainer reads the quiz attempts back with
``annotrain grade --lrs`` (:mod:`annotrain.grading.lrs`). Both sides build every
identifier here or from the same rules, from the site's ``site_url``:

- activities: a lesson is its page's address, a quiz ``<site_url>quiz/<id>``, an
  exercise ``<site_url>exercise/<id>``, a quiz task ``<site_url>quiz/<id>/task/<task>``;
- result extensions: ``<site_url>xapi/attempt`` (the attempt file, as downloaded),
  ``<site_url>xapi/criteria`` (an exercise's per-criterion results),
  ``<site_url>xapi/stopped`` (a work simulation stopped the learner),
  ``<site_url>xapi/credential`` (a signed credential).

The verbs are ADL's and Activity Streams' (see :data:`VERBS`). No module here
imports MkDocs.
"""

from __future__ import annotations

import base64
from urllib.parse import urlsplit

from .errors import AuthoringError

#: xAPI version sent in the X-Experience-API-Version header.
VERSION = "1.0.3"
#: What each event of the site is called in a statement.
VERBS = {
    "experienced": "http://adlnet.gov/expapi/verbs/experienced",  # lesson opened
    "completed": "http://adlnet.gov/expapi/verbs/completed",  # lesson marked done
    "answered": "http://adlnet.gov/expapi/verbs/answered",  # exercise checked
    "attempted": "http://adlnet.gov/expapi/verbs/attempted",  # quiz attempt started
    "submitted": "http://activitystrea.ms/schema/1.0/submit",  # quiz attempt submitted
    "passed": "http://adlnet.gov/expapi/verbs/passed",  # practice quiz passed
    "failed": "http://adlnet.gov/expapi/verbs/failed",  # practice quiz failed
    "terminated": "http://adlnet.gov/expapi/verbs/terminated",  # simulation stopped
    "commented": "http://adlnet.gov/expapi/verbs/commented",  # task contested
    "earned": "http://id.tincanapi.com/verb/earned",  # credential signed (grade --sign)
}


def extension(site_url: str, name: str) -> str:
    """The IRI of the result extension ``name`` (``attempt``, ``criteria``...)."""
    return f"{site_url}xapi/{name}"


def quiz_activity(site_url: str, quiz: str) -> str:
    return f"{site_url}quiz/{quiz}"


def basic_auth(credential: str) -> str:
    """``user:password`` (or an ``Authorization`` value already made) as a Basic header."""
    if credential.startswith("Basic "):
        return credential
    return "Basic " + base64.b64encode(credential.encode("utf-8")).decode("ascii")


def settings(options: object, site_url: str, where: str = "mkdocs.yml") -> dict | None:
    """The browser's xAPI settings from the plugin's ``xapi`` option, or None when off.

    ``options`` is the option as written (``{enabled, endpoint, auth}``); raises
    :class:`AuthoringError` naming ``where`` when it cannot be used. ``site_url``
    must be a real address: activity ids are built from it, so they stay the same
    from one build to the next and name this site alone.
    """
    if options is None:
        return None
    if not isinstance(options, dict):
        raise AuthoringError("annotrain option xapi: expected a mapping {endpoint, auth}", where)
    if not options.get("enabled", True):
        return None
    unknown = sorted(set(options) - {"enabled", "endpoint", "auth"})
    if unknown:
        raise AuthoringError(
            f"annotrain option xapi: unknown key {unknown[0]!r}; keys: enabled, endpoint, auth",
            where,
        )
    host = urlsplit(site_url or "").hostname
    if not site_url or host in (None, "", "localhost", "127.0.0.1", "::1"):
        raise AuthoringError(
            f"annotrain option xapi needs site_url set to the address learners use "
            f"(got {site_url or 'none'!r}): statements name activities by it",
            where,
        )
    endpoint = options.get("endpoint")
    parts = urlsplit(endpoint) if isinstance(endpoint, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise AuthoringError(
            f"annotrain option xapi.endpoint: expected the LRS's xAPI address "
            f"(https://lrs.example.org/xAPI/), got {endpoint!r}",
            where,
        )
    auth = options.get("auth")
    if not isinstance(auth, str) or (":" not in auth and not auth.startswith("Basic ")):
        raise AuthoringError(
            "annotrain option xapi.auth: expected 'user:password' of an LRS account that may "
            "only write statements (it is public in every page)",
            where,
        )
    return {
        "endpoint": endpoint if endpoint.endswith("/") else endpoint + "/",
        "auth": basic_auth(auth),
        "site_url": site_url,
        "version": VERSION,
        "verbs": VERBS,
    }


def outbox_settings(site_url: str) -> dict:
    """The browser's sending settings on a site with no LRS but a quiz's ``submit_to``.

    The same queue and consent as statements use; no endpoint, so no statements.
    """
    return {
        "endpoint": None,
        "auth": None,
        "site_url": site_url,
        "version": VERSION,
        "verbs": VERBS,
    }
