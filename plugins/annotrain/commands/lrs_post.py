"""``annotrain grade --sign --lrs``: each credential signed is also posted to the LRS.

The statement (:func:`annotrain.grading.lrs.credential_statement`) says that the
learner who sent the attempt earned a credential at its quiz; the credential file's
JSON is its result extension ``<site_url>xapi/credential``. Its id comes from the
credential's hash, so running the command again stores no second copy of it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from ..course.loader import Course
from ..grading.lrs import (
    Submitted,
    credential_from_env,
    credential_statement,
    endpoint_of,
    put_statement,
)
from ..signing.credentials import credential_hash
from .issuing import FOLDER


def post_credentials(
    url: str, course: Course, rows: list[dict], sent: dict[str, Submitted], folder: Path
) -> Iterator[str]:
    """Post the credential of each row that got one; yield a line for each."""
    files = _credential_files(folder / FOLDER)
    endpoint, account = endpoint_of(url), credential_from_env()
    for row in rows:
        digest = row.get("credential")
        submitted = sent.get(row["file"])
        if not digest or submitted is None or digest not in files:
            continue
        statement = credential_statement(
            course.layout.site_url, row["quiz"], submitted.actor, files[digest], digest
        )
        put_statement(endpoint, account, statement)
        yield f"posted to the LRS: credential {digest} ({row['candidate'] or row['file']})"


def _credential_files(folder: Path) -> dict[str, dict]:
    """The credential files in ``folder``, by their credential's hash."""
    found = {}
    for path in sorted(folder.glob("*-credential.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            found[credential_hash(data["credential"])] = data
        except (OSError, ValueError, KeyError, TypeError):
            continue  # not one of ours: grade wrote each it signed just before
    return found
