"""The site's public keys in a build: options, revocations, and private keys refused."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from annotrain.browser import bundles
from annotrain.signing.keys import key_id, new_key_pair

from .sealed import exam_site
from .sites import Site

URL = "site_url: https://courses.example.org/annotation/\n"


@pytest.fixture(scope="module")
def pair():
    return new_key_pair()  # (private PEM, public PEM, public base64)


def keyed_site(root, pair, options: str = "", **kwargs) -> Site:
    private_pem, public_pem, _ = pair
    site = exam_site(root, extra_config=URL, **kwargs)
    (root / "keys").mkdir()
    (root / "keys" / "trainer.pub.pem").write_bytes(public_pem)
    (root / "keys" / "trainer.pem").write_bytes(private_pem)
    config = root / "mkdocs.yml"
    text = config.read_text().replace(
        "  - annotrain\n",
        f"  - annotrain:\n      public_key: {options or 'keys/trainer.pub.pem'}\n",
    )
    config.write_text(text)
    return site


def test_a_sealed_quiz_carries_the_public_key(tmp_path, pair):
    import base64

    site = keyed_site(tmp_path, pair)
    result = site.build()
    assert result.returncode == 0, result.stderr
    data = json.loads(
        site.html("exam/index.html").select_one("[data-annotrain-quiz]")["data-annotrain-quiz-data"]
    )
    raw = base64.b64decode(pair[2])
    assert data["keys"] == {key_id(raw): {"key": pair[2], "until": None}}
    # Nothing of the private key is anywhere in the site.
    secret = "".join(pair[0].decode().splitlines()[1:-1])
    for path in site.site_dir.rglob("*"):
        if path.is_file():
            assert secret[:40].encode() not in path.read_bytes(), path


def test_without_a_key_a_sealed_quiz_has_no_keys(tmp_path):
    site = exam_site(tmp_path)
    assert site.build().returncode == 0
    data = json.loads(
        site.html("exam/index.html").select_one("[data-annotrain-quiz]")["data-annotrain-quiz-data"]
    )
    assert "keys" not in data
    # Without keys the exam needs no ticket, and its page loads no ticket code.
    assert not ticket_parts(bundle_of(site, "exam/index.html"))


#: The ticket scripts, in the order a bundle must hold them.
TICKET_PARTS = ("browser/tokens.js", "browser/tickets.js", "browser/quiz-ticket.js")
SELF_CHECK = """\
title: Practice
mode: quiz
sections:
  - tasks:
      - {type: choice, id: p1, prompt: Pick one., labels: ["Yes", "No"], rubric: choice-standard, gold: {choice: "Yes"}}
"""  # fmt: skip
LESSONS = {
    "practice.md": "# Practice\n\n```annotrain\nquiz: practice\n```\n",
    "verify.md": "# Check a credential\n\n```annotrain\nshow: verify\n```\n",
}


def bundle_of(site: Site, page: str) -> str:
    """The text of the one annotrain script that ``page`` loads."""
    (src,) = [s["src"] for s in site.html(page).select("script[src]") if "annotrain" in s["src"]]
    return (site.site_dir / page).parent.joinpath(src).resolve().read_text(encoding="utf-8")


def ticket_parts(bundle: str) -> list[int]:
    """Where each ticket script's part marker stands in ``bundle`` (those it has)."""
    markers = (f"/*! --- {name} --- */" for name in TICKET_PARTS)
    return [bundle.index(marker) for marker in markers if marker in bundle]


def test_only_the_page_of_an_exam_that_needs_a_ticket_loads_the_ticket_code(tmp_path, pair):
    site = keyed_site(tmp_path, pair, lessons=LESSONS)
    (tmp_path / "quizzes" / "practice.yml").write_text(SELF_CHECK, encoding="utf-8")
    result = site.build()
    assert result.returncode == 0, result.stderr
    exam = ticket_parts(bundle_of(site, "exam/index.html"))
    assert len(exam) == len(TICKET_PARTS) and exam == sorted(exam)
    # A self-check quiz on the same site starts without a ticket.
    practice = bundle_of(site, "practice/index.html")
    assert "/*! --- browser/quiz.js --- */" in practice
    assert not ticket_parts(practice)
    # The verify page checks signatures with tokens.js too, before its rules.
    verify = bundle_of(site, "verify/index.html")
    tokens, rules = (
        verify.index(f"/*! --- browser/{n}.js --- */") for n in ("tokens", "credential")
    )
    assert tokens < rules
    assert "/*! --- browser/tickets.js --- */" not in verify


def test_a_private_key_as_public_key_is_refused_at_its_line(tmp_path, pair):
    site = keyed_site(tmp_path, pair, options="keys/trainer.pem")
    result = site.build()
    assert result.returncode == 1
    config = (site.root / "mkdocs.yml").read_text().splitlines()
    line = next(i for i, text in enumerate(config, start=1) if "public_key:" in text)
    assert (
        f"mkdocs.yml:{line}: public_key: the file 'keys/trainer.pem' is a private key: it "
        "must never be published"
    ) in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("name", ["trainer.pem", "notes/backup.txt", "key"])
def test_a_private_key_under_docs_fails_the_build(tmp_path, pair, name):
    site = exam_site(tmp_path)
    path = site.docs / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"my key, do not lose:\n" + pair[0])
    result = site.build()
    assert result.returncode == 1
    assert f"{path} holds a private key" in result.stderr
    assert not (site.site_dir / name).exists()


def test_a_public_key_under_docs_is_fine(tmp_path, pair):
    site = exam_site(tmp_path)
    (site.docs / "trainer.pub.pem").write_bytes(pair[1])
    assert site.build().returncode == 0


def test_a_bad_revocation_line_names_its_line(tmp_path, pair):
    site = keyed_site(tmp_path, pair)
    (site.root / "revoked.txt").write_text("# revoked\n" + "a" * 64 + "\nnot-a-hash\n")
    result = site.build()
    assert result.returncode == 1
    assert "revoked.txt:3: a revoked credential is written as its SHA-256" in result.stderr


def test_earlier_keys_need_a_date(tmp_path, pair):
    earlier = new_key_pair()
    site = keyed_site(tmp_path, pair)
    config = site.root / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "      public_key:",
            f"      earlier_keys:\n        - {{key: {earlier[2]}, until: soon}}\n      public_key:",
        )
    )
    result = site.build()
    assert result.returncode == 1
    assert "until 'soon' is not a date (YYYY-MM-DD)" in result.stderr


def test_a_local_site_url_is_warned_about_when_keys_are_set(tmp_path, pair):
    site = keyed_site(tmp_path, pair)
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text().replace(URL, "site_url: http://127.0.0.1:8000/\n"))
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config)]
    result = subprocess.run(command, capture_output=True, text=True, env=Site.env(), timeout=120)
    assert result.returncode == 0
    assert "site_url is 'http://127.0.0.1:8000/'" in result.stderr
    # A strict build counts it: the site must not go out with a local address.
    strict = subprocess.run([*command, "--strict"], capture_output=True, env=Site.env())
    assert strict.returncode == 1


def test_a_page_with_a_ticketed_exam_and_the_verify_panel_loads_tokens_js_once():
    parts = bundles.bundle_parts(["quiz", "tickets", "verify"])
    assert parts.count("browser/tokens.js") == 1
    first = parts.index("browser/tokens.js")
    assert first < parts.index("browser/tickets.js")
    assert first < parts.index("browser/credential.js")
