"""The verify panel (show: verify) in a build: the site's keys, revocations and files."""

from __future__ import annotations

import json

from bs4 import BeautifulSoup

from annotrain.browser import bundles
from annotrain.course.loader import load_course
from annotrain.signing.sitekeys import layout_keys

from .conftest import ROOT
from .credentialcourse import EARLIER_UNTIL, KeyedCourse, add_earlier_key

HASH = "ab" * 32


def page(course: KeyedCourse, name: str = "verify/index.html") -> BeautifulSoup:
    return BeautifulSoup((course.root / "site" / name).read_text(encoding="utf-8"), "html.parser")


def test_the_panel_carries_the_keys_and_the_revoked_credentials(tmp_path):
    course = KeyedCourse(tmp_path)
    add_earlier_key(course)
    (tmp_path / "revoked.txt").write_text(f"# Ben Okafor: issued by mistake\n{HASH}\n")
    result = course.build()
    assert result.returncode == 0, result.stderr
    panel = page(course).select_one("[data-annotrain-verify]")
    site = json.loads(panel["data-annotrain-verify-keys"])
    expected = layout_keys(load_course(course.config).layout).to_json()
    assert site == expected
    assert sorted(entry["until"] or "" for entry in site["keys"].values()) == ["", EARLIER_UNTIL]
    assert site["revoked"] == [HASH]
    assert panel.select_one("textarea")["id"] == panel.select_one("label[for]")["for"]
    assert panel.select_one("[role=status][aria-live=polite]") is not None
    # The page loads the verify bundle, which holds the rules and the page's script.
    scripts = [s["src"] for s in page(course).select("script[src]") if "annotrain" in s["src"]]
    assert scripts == ["../assets/annotrain/annotrain-verify.js"]
    bundle = (course.root / "site" / bundles.SITE_DIR / "annotrain-verify.js").read_text()
    assert "--- browser/credential.js ---" in bundle and "--- browser/verify.js ---" in bundle
    assert '"verify_reason_retired_key"' in bundle  # its messages travel with it
    # The list is published at the site root, without the trainer's comments.
    published = (course.root / "site" / "revoked.txt").read_text()
    assert HASH in published and "Ben" not in published
    # Pages without the panel load nothing of it.
    assert "annotrain" not in str(page(course, "index.html").select("script[src]"))


def test_without_a_public_key_the_panel_says_verification_is_not_set_up(tmp_path, messages):
    course = KeyedCourse(tmp_path)
    text = course.config.read_text().replace(
        "      public_key: keys/trainer.pub.pem\n", "      site_id: tiny\n"
    )
    course.config.write_text(text)
    result = course.build()
    assert result.returncode == 0, result.stderr
    panel = page(course).select_one("[data-annotrain-verify]")
    assert not panel.has_attr("data-annotrain-verify-keys")
    assert panel.select_one("textarea") is None
    assert panel.get_text(" ", strip=True) == messages["verify_not_set_up"]
    assert not (course.root / "site" / "revoked.txt").exists()


def test_the_flagship_course_has_a_verify_page_in_its_nav():
    course = load_course(ROOT / "mkdocs.yml")
    assert course.pages_showing("verify") == [ROOT / "course" / "verify.md"]
    assert course.layout.page_url(ROOT / "course" / "verify.md") == "verify/"
    assert "verify.md" in (ROOT / "mkdocs.yml").read_text()
