"""The verify page in Chromium: a credential `annotrain grade --sign` issued, checked
by pasting it, opening its file, and following the certificate's link.

The course of ``tests/credentialcourse.py`` (a key, an earlier key, a verify page) is
built for and served on 127.0.0.1, its exam in two sections, one with a minimum
(skill gate). Ana's passed exam is signed with the real command; Ben's is signed
and revoked; the others are forged from Ana's (a claim changed, expired, another
key, the earlier key after its last day). Each fails on
the page and in `annotrain verify` with the same reason. Input is real: clicks,
typed keys and the file chooser. The flagship course, which publishes no key, says
that verification is not set up.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from annotrain.commands.cli import main
from annotrain.messages import catalog
from annotrain.signing.credentials import credential_hash

from ..credentialcourse import KeyedCourse, add_earlier_key, forged, gate_final
from .conftest import LAUNCH_ARGS, open_page, screenshot, serious_violations, serve
from .pointing import set_scheme

ENGLISH = catalog("en")
PANEL = "[data-annotrain-verify]"
RESULT = ".annotrain-verify-result"


@dataclass
class Issued:
    base: str
    course: KeyedCourse
    valid: str  # Ana's credential
    certificate: Path  # Ana's certificate
    revoked_file: Path  # Ben's credential file (revoked)
    bad: dict[str, tuple[str, str, dict]]  # name -> (token, reason, params)


@pytest.fixture(scope="module")
def issued(tmp_path_factory):
    root = tmp_path_factory.mktemp("verify")
    (root / "site").mkdir()
    server = serve(root / "site")
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    course = KeyedCourse(root, site_url=base)
    gate_final(course)  # sections, one with a minimum: the credentials list both
    earlier = add_earlier_key(course)
    attempts = root / "attempts"
    course.write_attempt(attempts, "ana", course.exam_attempt(name="Zoë O’Brien-Ngata"))
    course.write_attempt(attempts, "ben", course.exam_attempt(name="Ben Okafor", seed=8))
    assert main(course.args(attempts, "--sign", course.key, "--valid-for", "2y")) == 0
    folder = attempts / "credentials"
    read = lambda stem: json.loads((folder / f"{stem}-credential.json").read_text())["credential"]  # noqa: E731
    valid, revoked = read("zoë-o-brien-ngata-final"), read("ben-okafor-final")
    (root / "revoked.txt").write_text(f"# issued by mistake\n{credential_hash(revoked)}\n")
    result = course.build()
    assert result.returncode == 0, result.stderr
    bad = forged(course, valid, earlier)
    bad["revoked"] = (revoked, "revoked", {})
    try:
        yield Issued(
            base,
            course,
            valid,
            folder / "zoë-o-brien-ngata-final-certificate.html",
            folder / "ben-okafor-final-credential.json",
            bad,
        )
    finally:
        server.shutdown()
        server.server_close()


def verdict(page) -> str:
    page.wait_for_selector(f"{PANEL}[data-annotrain-verified]")
    return page.get_attribute(PANEL, "data-annotrain-verified")


def claims_shown(page) -> dict[str, str]:
    terms = page.locator(f"{RESULT} dt").all_inner_texts()
    values = page.locator(f"{RESULT} dd").all_inner_texts()
    return dict(zip(terms, values, strict=True))


def paste_by_keyboard(page, text: str) -> None:
    """Click into the box, type ``text`` key by key, then Tab to Check and press Enter."""
    page.click(f"{PANEL} textarea")
    page.keyboard.type(text)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")


def heading(page) -> tuple[str, str]:
    """The verdict's icon (hidden from screen readers) and its words."""
    icon = page.locator(".annotrain-verify-heading [aria-hidden=true]")
    words = page.locator(".annotrain-verify-heading").inner_text()
    return icon.inner_text(), words.removeprefix(icon.inner_text()).strip()


def reason_words(reason: str, params: dict) -> str:
    return ENGLISH[f"verify_reason_{reason}"].format(**params)


def test_a_pasted_credential_is_valid_and_its_claims_are_shown(page, issued):
    open_page(page, issued.base + "verify/")
    paste_by_keyboard(page, issued.valid)
    assert verdict(page) == "valid"
    region = page.locator(RESULT)
    assert (
        region.get_attribute("role") == "status" and region.get_attribute("aria-live") == "polite"
    )
    assert heading(page) == ("✓", ENGLISH["verify_valid"])
    shown = claims_shown(page)
    assert shown[ENGLISH["verify_claim_candidate"]] == "Zoë O’Brien-Ngata"
    assert shown[ENGLISH["verify_claim_quiz"]] == "Final"
    assert shown[ENGLISH["verify_claim_score"]] == "100%"
    assert shown[ENGLISH["verify_claim_sections"]].splitlines() == [
        "Boxes: 100% (minimum 60%)",
        "Text: 100%",
    ]
    assert shown[ENGLISH["verify_claim_issuer"]] == "Tiny course"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", shown[ENGLISH["verify_claim_expires"]])
    assert credential_hash(issued.valid) in region.inner_text()
    assert page.evaluate("document.activeElement.classList.contains('annotrain-verify-result')")
    screenshot(page, "verify-valid-desktop")


def test_an_opened_certificate_and_credential_file_are_checked(page, issued):
    open_page(page, issued.base + "verify/")
    for path, expected in ((issued.certificate, "valid"), (issued.revoked_file, "invalid")):
        with page.expect_file_chooser() as chooser:
            page.click(f"{PANEL} .annotrain-file")
        chooser.value.set_files(str(path))
        page.wait_for_function(
            "([sel, want]) => document.querySelector(sel).getAttribute('data-annotrain-verified') === want",
            arg=[PANEL, expected],
        )
    assert ENGLISH["verify_reason_revoked"] in page.inner_text(RESULT)


def test_the_certificates_link_opens_the_page_and_checks_the_credential(page, issued):
    page.goto(issued.certificate.as_uri())
    link = page.locator(".check a")
    assert link.inner_text() == issued.base + "verify/"
    link.click()
    page.wait_for_url(re.compile(r"/verify/#credential="))
    assert verdict(page) == "valid"
    assert page.input_value(f"{PANEL} textarea") == issued.valid
    assert claims_shown(page)[ENGLISH["verify_claim_candidate"]] == "Zoë O’Brien-Ngata"


@pytest.mark.parametrize(
    "name", ["changed", "expired", "revoked", "other key", "earlier key after its last day"]
)
def test_a_bad_credential_fails_on_the_page_and_on_the_command_line(page, issued, capsys, name):
    token, reason, params = issued.bad[name]
    words = reason_words(reason, params)
    open_page(page, issued.base + "verify/")
    paste_by_keyboard(page, token)
    assert verdict(page) == "invalid"
    assert page.get_attribute(PANEL, "data-annotrain-reason") == reason
    assert heading(page) == ("✗", ENGLISH["verify_invalid"])
    assert words in page.inner_text(RESULT)
    assert page.locator(f"{RESULT} dl").count() == 0  # no claims of a bad credential
    config = str(issued.course.config)
    assert main(["verify", token, "--config", config]) == 1
    assert capsys.readouterr().out.startswith(f"NOT VALID: {words}\n")


def test_the_page_opened_from_disk_checks_too(page, issued):
    # The keys are in the page, nothing is fetched: the site's folder opened as file://.
    verify = issued.course.root / "site" / "verify" / "index.html"
    page.goto(verify.as_uri() + "#credential=" + issued.valid)
    assert verdict(page) == "valid"
    page.goto(verify.as_uri() + "#credential=" + issued.bad["revoked"][0])  # hashchange
    page.wait_for_selector(f"{PANEL}[data-annotrain-reason=revoked]")
    assert verdict(page) == "invalid"


def test_a_second_check_replaces_the_first(page, issued):
    open_page(page, issued.base + "verify/#credential=" + issued.bad["expired"][0])
    assert verdict(page) == "invalid"
    page.fill(f"{PANEL} textarea", "")
    paste_by_keyboard(page, issued.valid)
    page.wait_for_selector(f"{PANEL}[data-annotrain-verified=valid]")
    assert page.locator(".annotrain-verify-verdict").count() == 1


def test_over_plain_http_elsewhere_the_page_says_the_check_cannot_run(
    browser, chromium_path, issued
):
    # A host name that is not localhost, resolved to the test server: plain HTTP there
    # is not a secure context, so the browser offers no WebCrypto.
    port = issued.base.rsplit(":", 1)[1].rstrip("/")
    args = [*LAUNCH_ARGS, "--host-resolver-rules=MAP courses.test 127.0.0.1"]
    elsewhere = browser.browser_type.launch(executable_path=chromium_path, args=args)
    try:
        page = elsewhere.new_page()
        page.goto(f"http://courses.test:{port}/verify/#credential={issued.valid}")
        page.wait_for_selector(f"{PANEL}[data-annotrain-verified=unavailable]")
        assert page.evaluate("window.isSecureContext") is False
        assert page.inner_text(RESULT) == ENGLISH["verify_insecure"]
        assert page.locator(f"{PANEL} textarea").is_disabled()
    finally:
        elsewhere.close()


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_the_verify_page_is_accessible_with_either_verdict(page, issued, scheme):
    open_page(page, issued.base + "verify/")
    page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert (background == "rgb(255, 255, 255)") == (scheme == "default"), background
    assert serious_violations(page) == []
    paste_by_keyboard(page, issued.valid)
    assert verdict(page) == "valid"
    assert serious_violations(page) == []
    screenshot(page, f"verify-valid-{scheme}")
    page.fill(f"{PANEL} textarea", "")
    paste_by_keyboard(page, issued.bad["revoked"][0])
    page.wait_for_selector(f"{PANEL}[data-annotrain-verified=invalid]")
    assert serious_violations(page) == []
    screenshot(page, f"verify-invalid-{scheme}")


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_the_flagship_course_says_verification_is_not_set_up(page, base_url, scheme):
    set_scheme(page, base_url, scheme)
    open_page(page, base_url + "verify/")
    panel = page.locator(PANEL)
    assert panel.inner_text() == ENGLISH["verify_not_set_up"]
    assert panel.get_attribute("data-annotrain-ready") == ""
    assert serious_violations(page) == []


def test_on_a_phone_the_page_and_the_certificate_fit(phone, issued):
    page = phone
    page.goto(issued.base + "verify/#credential=" + issued.valid)
    assert verdict(page) == "valid"
    page.locator(RESULT).scroll_into_view_if_needed()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, "verify-valid-phone")
    page.goto(issued.base + "verify/#credential=" + issued.bad["changed"][0])  # hashchange
    page.wait_for_selector(f"{PANEL}[data-annotrain-reason=bad_signature]")
    page.locator(RESULT).scroll_into_view_if_needed()
    screenshot(page, "verify-invalid-phone")
    page.goto(issued.certificate.as_uri())
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, "certificate-phone")


def test_the_certificate_prints_on_one_page(browser, issued):
    page = browser.new_page()
    try:
        page.goto(issued.certificate.as_uri())
        screenshot(page, "certificate-desktop")
        pdf = page.pdf(format="A4", print_background=True)
        assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1
    finally:
        page.close()
