"""``annotrain grade --lrs`` against a real LRS (Ralph): exam attempts sent as the
site sends them grade as their files do, ``--sign`` posts each credential back, and
an attempt the site did not send (another site, a statement without the file) is
not graded."""

from __future__ import annotations

import base64
import json
import urllib.request
import uuid

import pytest

from annotrain.commands.cli import main
from annotrain.xapi import VERBS

from .conftest import ROOT
from .credentialcourse import KeyedCourse
from .gradecourse import report
from .lrs import SITE_USER, TRAINER_USER, Ralph, available


@pytest.fixture(scope="module")
def ralph(tmp_path_factory):
    lrs = Ralph(available(ROOT), tmp_path_factory.mktemp("ralph"), ["https://example.org"])
    lrs.add_user(SITE_USER, "statements/write")
    lrs.add_user(TRAINER_USER, "statements/read", "statements/write")
    lrs.start()
    yield lrs
    lrs.stop()


def call(ralph: Ralph, user, path: str, statement: dict | None = None) -> dict | None:
    token = base64.b64encode(":".join(user).encode()).decode()
    headers = {"Authorization": f"Basic {token}", "X-Experience-API-Version": "1.0.3"}
    data = None
    if statement is not None:
        headers["Content-Type"] = "application/json"
        data = json.dumps(statement).encode()
    request = urllib.request.Request(
        ralph.url + path, data=data, headers=headers, method="PUT" if data else "GET"
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        body = response.read()
    return json.loads(body) if body else None


def send(ralph: Ralph, site_url: str, attempt: dict, email: str, quiz: str = "final") -> str:
    """What the site sends on submitting ``attempt``: the statement's id."""
    statement_id = str(uuid.uuid4())
    statement = {
        "id": statement_id,
        "actor": {"objectType": "Agent", "name": "Ana Lima", "mbox": f"mailto:{email}"},
        "verb": {"id": VERBS["submitted"], "display": {"en-US": "submitted"}},
        "object": {"objectType": "Activity", "id": f"{site_url}quiz/{quiz}"},
        "result": {"completion": True, "extensions": {f"{site_url}xapi/attempt": attempt}},
    }
    call(ralph, SITE_USER, f"statements?statementId={statement_id}", statement)
    return statement_id


def test_exam_attempts_from_the_lrs_grade_as_files_and_credentials_go_back(
    ralph, tmp_path, monkeypatch, capsys
):
    course = KeyedCourse(tmp_path)
    attempt = course.exam_attempt()
    sent = send(ralph, course.site_url, attempt, "ana@example.org")
    # Not this site's, and not an attempt: neither is graded.
    send(ralph, "https://other.example.org/", attempt, "ana@example.org")
    stray = str(uuid.uuid4())
    call(
        ralph,
        SITE_USER,
        f"statements?statementId={stray}",
        {
            "id": stray,
            "actor": {"mbox": "mailto:ben@example.org"},
            "verb": {"id": VERBS["submitted"]},
            "object": {"id": f"{course.site_url}quiz/final"},
        },
    )
    files = tmp_path / "attempts"
    course.write_attempt(files, "ana", attempt)
    assert main(course.args(files, "--output", tmp_path / "from-file")) == 0

    monkeypatch.setenv("ANNOTRAIN_LRS_AUTH", ":".join(TRAINER_USER))
    out = tmp_path / "from-lrs"
    code = main(course.args("--lrs", ralph.url, "--output", out, "--sign", course.key))
    assert code == 0, capsys.readouterr().err
    printed = capsys.readouterr().out
    rows = report(out)["attempts"]
    assert [row["file"] for row in rows] == [f"lrs:{sent}"]
    file_rows = report(tmp_path / "from-file")["attempts"]
    keep = ("candidate", "candidate_id", "quiz", "score", "passed", "flags", "tasks")
    assert [{k: r[k] for k in keep} for r in rows] == [{k: r[k] for k in keep} for r in file_rows]
    digest = rows[0]["credential"]
    assert digest and f"posted to the LRS: credential {digest}" in printed

    earned = call(ralph, TRAINER_USER, "statements?limit=500")["statements"]
    earned = [s for s in earned if s["verb"]["id"] == VERBS["earned"]]
    assert len(earned) == 1
    assert earned[0]["actor"]["mbox"] == "mailto:ana@example.org"
    assert earned[0]["object"]["id"] == f"{course.site_url}quiz/final"
    credential = earned[0]["result"]["extensions"][f"{course.site_url}xapi/credential"]
    written = json.loads(
        (tmp_path / "credentials").glob("*-credential.json").__next__().read_text()
    )
    assert credential == written
    assert ralph.validate(earned) == []


def test_the_wrong_account_is_one_clear_error(ralph, tmp_path, monkeypatch, capsys):
    course = KeyedCourse(tmp_path)
    monkeypatch.setenv("ANNOTRAIN_LRS_AUTH", ":".join(SITE_USER))  # may only write
    assert main(course.args("--lrs", ralph.url)) == 1
    err = capsys.readouterr().err
    assert "the LRS refused the account in ANNOTRAIN_LRS_AUTH" in err
    assert "Traceback" not in err
