"""``annotrain receive``: a real HTTP server on 127.0.0.1, spoken to as a browser does.

It stores each attempt file once under its delivery id, refuses what is not an
attempt file with the reason, and answers CORS preflights only for the origins it
is given."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from http.server import ThreadingHTTPServer

import pytest

from annotrain.commands.cli import build_parser, main
from annotrain.commands.receive import handler_for
from annotrain.course import yamlpos
from annotrain.course.quizfile import read_quiz
from annotrain.course.rubrics import RubricLibrary
from annotrain.errors import AuthoringError
from annotrain.grading.attempts import read_attempt
from annotrain.messages import catalog

from .conftest import ROOT

SITE = "http://127.0.0.1:8000"
DELIVERY = "0b6d5c1e-4f3a-4d2b-9a8e-1c2d3e4f5a6b"
ATTEMPT = {
    "format": "annotrain-attempt/2",
    "site": "s",
    "quiz": "check",
    "mode": "quiz",
    "quiz_version": "v1",
    "seed": 7,
    "started": "2026-12-01T10:00:00Z",
    "submitted": "2026-12-01T10:20:00Z",
    "tasks": ["c1"],
    "responses": {"c1": {"choice": "Positive"}},
    "candidate": {"name": "Ana Lima", "email": "ana@example.org"},
}


@pytest.fixture
def receiver(tmp_path):
    """(base URL, folder, printed lines) of a receiver running in a thread."""
    lines: list[str] = []
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), handler_for(tmp_path / "in", {SITE}, lines.append)
    )
    (tmp_path / "in").mkdir()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", tmp_path / "in", lines
    server.shutdown()
    server.server_close()


def request(url, method="POST", body: bytes | None = None, headers=None):
    """(status, headers, text) of one request; HTTP errors are answers too."""
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def post(url, body, delivery=DELIVERY, origin=SITE):
    headers = {"Content-Type": "application/json", "Origin": origin}
    if delivery:
        headers["X-Annotrain-Delivery"] = delivery
    return request(url, body=body, headers=headers)


def test_an_attempt_is_stored_once_under_its_delivery_id(receiver):
    url, folder, lines = receiver
    body = json.dumps(ATTEMPT).encode()
    status, headers, _ = post(url, body)
    assert status == 201 and headers["Access-Control-Allow-Origin"] == SITE
    stored = folder / f"{DELIVERY}.json"
    assert stored.read_bytes() == body
    assert read_attempt(stored).candidate == {"name": "Ana Lima", "email": "ana@example.org"}
    # Sent again (the page never saw the reply): the same file, not a second one.
    status, _, _ = post(url, body)
    assert status == 200
    assert [p.name for p in folder.iterdir()] == [stored.name]
    assert lines == [f"received: {stored}", f"received again: {stored}"]


@pytest.mark.parametrize(
    ("body", "delivery", "words"),
    [
        (b"{not json", DELIVERY, "not valid JSON"),
        (json.dumps(ATTEMPT | {"seed": None}).encode(), DELIVERY, "$.seed"),
        (json.dumps(ATTEMPT).encode(), None, "X-Annotrain-Delivery"),
        (json.dumps(ATTEMPT).encode(), "../../etc/passwd", "X-Annotrain-Delivery"),
    ],
)
def test_what_is_not_an_attempt_file_is_refused_with_the_reason(receiver, body, delivery, words):
    url, folder, lines = receiver
    status, _, text = post(url, body, delivery)
    assert status == 400 and words in text, text
    assert list(folder.iterdir()) == []
    assert lines and lines[0].startswith("refused: ")


def test_only_the_allowed_origin_may_send(receiver):
    url, folder, _ = receiver
    preflight = {
        "Origin": SITE,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type,x-annotrain-delivery",
    }
    status, headers, _ = request(url, "OPTIONS", headers=preflight)
    assert status == 204 and headers["Access-Control-Allow-Origin"] == SITE
    assert "X-Annotrain-Delivery" in headers["Access-Control-Allow-Headers"]
    assert headers["Access-Control-Allow-Methods"] == "POST"
    status, headers, _ = request(
        url, "OPTIONS", headers=preflight | {"Origin": "https://evil.example"}
    )
    assert status == 403 and "Access-Control-Allow-Origin" not in headers
    status, _, text = post(url, json.dumps(ATTEMPT).encode(), origin="https://evil.example")
    assert status == 403 and "may not send" in text
    assert list(folder.iterdir()) == []


def test_a_body_larger_than_an_attempt_file_is_refused_unread(receiver):
    url, _, _ = receiver
    req = urllib.request.Request(url, data=b"{}", method="POST")
    req.add_header("Content-Length", str(10**12))
    req.add_header("X-Annotrain-Delivery", DELIVERY)
    try:
        urllib.request.urlopen(req, timeout=10)
        status = 200
    except urllib.error.HTTPError as error:
        status = error.code
    assert status == 413


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        ([], "--allow-origin"),
        (["--allow-origin", "https://site.example/path"], "is not an origin"),
    ],
)
def test_the_command_line_says_what_is_missing(tmp_path, capsys, argv, words):
    assert main(["receive", str(tmp_path / "in"), *argv]) == 2
    assert words in capsys.readouterr().err


# --- the quiz file's submit_to ------------------------------------------------------

QUIZ_TEXT = (
    "title: Checkpoint\n{setting}sections:\n  - tasks:\n"
    "      - {{type: choice, id: c1, prompt: 'Tone?', labels: [Positive, Negative],"
    " rubric: choice-standard, gold: {{choice: Positive}}}}\n"
)


def load(setting: str):
    text = QUIZ_TEXT.format(setting=setting)
    return read_quiz(yamlpos.load(text, "quizzes/check.yml"), "quizzes/check.yml", "check",
                     RubricLibrary.load(ROOT / "quizzes" / "rubrics.yml"), {}, catalog("en"))  # fmt: skip


def test_submit_to_reaches_the_page_and_leaves_the_version_alone():
    plain = load("").to_json("s", {})
    posting = load("submit_to: https://results.example.org/attempts\n").to_json("s", {})
    assert posting["submit_to"] == "https://results.example.org/attempts"
    assert "submit_to" not in plain
    assert posting["version"] == plain["version"], "tickets stay valid when the receiver moves"


@pytest.mark.parametrize(
    "value", ["ftp://results.example.org/", "results.example.org", "https://x.example/#a", "[1]"]
)
def test_a_submit_to_that_is_no_web_address_is_named_at_its_line(value):
    with pytest.raises(AuthoringError) as info:
        load(f"submit_to: {value}\n")
    assert info.value.line == 2 and "submit_to" in str(info.value)


def test_the_guide_documents_every_option_of_receive():
    guide = (ROOT / "course" / "trainer" / "command-line.md").read_text(encoding="utf-8")
    section = guide.split("## `annotrain receive`", 1)[1].split("\n## ", 1)[0]
    parser = build_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    options = {
        o for a in action.choices["receive"]._actions for o in a.option_strings if o[:2] == "--"
    } - {"--help"}
    assert options == {"--host", "--port", "--allow-origin"}
    assert all(f"`{option}`" in section for option in options)
