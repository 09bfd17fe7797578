"""The xapi option: checked at build time with clear errors, and only its sites carry
the sending script; ``grade --lrs``'s command line and its reading of an LRS's pages."""

from __future__ import annotations

import http.server
import json
import threading
from urllib.parse import parse_qs, urlsplit

import pytest

from annotrain.errors import AuthoringError
from annotrain.grading.lrs import LRSError, statements
from annotrain.xapi import VERBS, settings

from .conftest import run_cli
from .sites import CHOICE, Site
from .test_budget import BUDGET, gzipped

QUIZ = """\
title: Quiz
mode: quiz
sections:
  - tasks:
      - {type: choice, id: q1, prompt: Choose one., labels: ["Yes", "No"], rubric: choice-standard, gold: {choice: "Yes"}}
"""
GOOD = {"endpoint": "https://lrs.example.org/xAPI", "auth": "site:secret"}
XAPI = ":\n      xapi: {endpoint: 'https://lrs.example.org/xAPI/', auth: 'site:pw'}"


def test_settings_of_a_good_option():
    made = settings(GOOD, "https://course.example.org/")
    assert made["endpoint"] == "https://lrs.example.org/xAPI/"
    assert made["auth"] == "Basic c2l0ZTpzZWNyZXQ="  # base64 of site:secret
    assert made["site_url"] == "https://course.example.org/"


@pytest.mark.parametrize("options", [None, {**GOOD, "enabled": False}])
def test_settings_off(options):
    assert settings(options, "") is None


@pytest.mark.parametrize(
    ("options", "site_url", "problem"),
    [
        (GOOD, "", "needs site_url"),
        (GOOD, "http://127.0.0.1:8000/", "needs site_url"),
        ({**GOOD, "endpoint": "lrs.example.org"}, "https://c.example.org/", "xapi.endpoint"),
        ({**GOOD, "auth": "secret"}, "https://c.example.org/", "xapi.auth"),
        ({**GOOD, "password": "x"}, "https://c.example.org/", "unknown key 'password'"),
        ("yes", "https://c.example.org/", "expected a mapping"),
    ],
)
def test_settings_problems_are_named(options, site_url, problem):
    with pytest.raises(AuthoringError) as error:
        settings(options, site_url, "mkdocs.yml")
    assert problem in str(error.value)
    assert str(error.value).startswith("mkdocs.yml")


def test_build_without_site_url_stops_with_the_reason(tmp_path):
    site = Site(tmp_path, {"lesson.md": CHOICE.format(id="c1")}, options=XAPI)
    result = site.build()
    assert result.returncode != 0
    assert "xapi needs site_url" in result.stderr
    assert "Traceback" not in result.stderr


def test_only_sites_that_turn_it_on_carry_the_script_and_pages_stay_light(tmp_path):
    pages = {
        "lesson.md": CHOICE.format(id="c1"),
        "quiz.md": "# Quiz\n\n```annotrain\nquiz: q\n```\n",
    }
    url = "site_url: https://course.example.org/\n"
    plain = Site(tmp_path / "plain", pages, extra_config=url)
    sending = Site(tmp_path / "sending", pages, options=XAPI, extra_config=url)
    for site in (plain, sending):
        (site.root / "quizzes" / "q.yml").write_text(QUIZ, encoding="utf-8")
        result = site.build()
        assert result.returncode == 0, result.stderr
    plain_js = "".join(p.read_text() for p in plain.site_dir.glob("assets/annotrain/*.js"))
    assert "xapi" not in plain_js and "lrs.example.org" not in plain_js
    assets = sending.site_dir / "assets" / "annotrain"
    sender = (assets / "annotrain-xapi.js").read_text()
    assert "browser/xapi.js" in sender and "https://lrs.example.org/xAPI/" in sender
    for page in ("lesson/index.html", "quiz/index.html"):
        src = sending.html(page).find("script", src=lambda s: s and "annotrain" in s)["src"]
        bundle = (sending.site_dir / page).parent.joinpath(src).resolve()
        text = bundle.read_text()
        assert "browser/xapi-load.js" in text  # fetches annotrain-xapi.js after the load
        assert "lrs.example.org" not in text
        weight = gzipped(text) + gzipped(bundle.with_suffix(".css").read_text())
        assert weight <= BUDGET, (page, weight)


def test_grade_needs_files_or_lrs_not_both(tmp_path):
    code, _, err = run_cli("grade")
    assert code == 2 and "--lrs" in err
    code, _, err = run_cli("grade", str(tmp_path), "--lrs", "https://lrs.example.org/xAPI/")
    assert code == 2


def test_grade_lrs_needs_the_account_in_the_environment(tmp_path, monkeypatch):
    site = Site(tmp_path, {"lesson.md": CHOICE.format(id="c1")})
    (site.root / "mkdocs.yml").write_text(
        (site.root / "mkdocs.yml").read_text() + "site_url: https://course.example.org/\n"
    )
    monkeypatch.delenv("ANNOTRAIN_LRS_AUTH", raising=False)
    config = str(site.root / "mkdocs.yml")
    code, _, err = run_cli("grade", "--lrs", "https://lrs.example.org/xAPI/", "--config", config)
    assert code == 1 and "ANNOTRAIN_LRS_AUTH" in err


class _Pages(http.server.BaseHTTPRequestHandler):
    """An LRS that answers in pages of one statement, with a ``more`` link."""

    held = [
        {"id": str(n), "verb": {"id": VERBS["submitted" if n % 2 else "answered"]}}
        for n in range(5)
    ]

    def do_GET(self):
        query = parse_qs(urlsplit(self.path).query)
        start = int(query.get("start", ["0"])[0])
        page = {"statements": self.held[start : start + 1], "more": ""}
        if start + 1 < len(self.held):
            page["more"] = f"/xAPI/statements?start={start + 1}"
        body = json.dumps(page).encode()
        self.send_response(200 if self.headers["Authorization"] else 401)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_statements_follow_more_links_and_keep_the_verb():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        endpoint = f"http://127.0.0.1:{server.server_address[1]}/xAPI/"
        found = statements(endpoint, "trainer:pw", VERBS["submitted"])
        assert [s["id"] for s in found] == ["1", "3"]
    finally:
        server.shutdown()
        server.server_close()


def test_an_lrs_that_cannot_be_reached_is_one_clear_error():
    with pytest.raises(LRSError, match="cannot reach the LRS"):
        statements("http://127.0.0.1:9/xAPI/", "trainer:pw", VERBS["submitted"])
