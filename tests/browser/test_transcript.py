"""Transcript exercises in headless Chromium: typing, the player's keys, the word
alignment after checking, keyboard-only completion, a phone, both palettes, axe."""

from __future__ import annotations

import pytest

from .conftest import clip_lengths, open_page, screenshot, serious_violations, show_answer
from .pointing import set_scheme

LESSON = "week-6/transcription/"
HOMOPHONES = "#annotrain-w6-transcribe-homophones"
PARCEL = "#annotrain-w6-transcribe-parcel"


def test_typed_transcript_is_graded_with_an_alignment(page, base_url):
    open_page(page, base_url + LESSON)
    page.evaluate(
        """() => { window.__grades = [];
        document.addEventListener('annotrain:graded', e => window.__grades.push(e.detail)); }"""
    )
    root = page.locator(HOMOPHONES)
    box = root.get_by_label("Your transcript", exact=True)
    box.click()
    page.keyboard.type("There van is parked over their, by the bakery.")
    root.get_by_role("button", name="Check").click()
    # 2 of 9 words wrong (WER 0.22: critical level 1), 4 of 44 letters (CER 0.09: level 3).
    assert float(root.get_attribute("data-annotrain-score")) == pytest.approx(0.3)
    assert root.get_attribute("data-annotrain-passed") == "false"
    feedback = root.locator(".annotrain-feedback").inner_text()
    assert "where the reference has" not in feedback  # the reference shows with the answer
    assert root.locator(".annotrain-align").count() == 0
    show_answer(root)
    feedback = root.locator(".annotrain-feedback").inner_text()
    assert "Word errors: 2 against 9 reference words (2 wrong, 0 missing, 0 extra)." in feedback
    assert "You wrote \u201cthere\u201d where the reference has \u201ctheir\u201d." in feedback
    assert "Character edits: 4 against 44 reference characters." in feedback
    # The alignment names each difference in words, not only by colour.
    wrong = root.locator(".annotrain-align .annotrain-align-sub")
    assert wrong.count() == 2
    first = wrong.first.text_content()
    assert first.startswith("reference: their") and "yours: there" in first
    assert first.endswith("wrong word")
    assert root.locator(".annotrain-align li").count() == 9
    assert box.get_attribute("readonly") is not None
    grades = page.evaluate("() => window.__grades")
    assert [g["id"] for g in grades] == ["w6-transcribe-homophones"]
    saved = page.evaluate("() => window.annotrain.progressData()")
    item = saved["exercises"]["w6-transcribe-homophones"]
    assert item["best"] == pytest.approx(0.3)
    assert item["last"] == {"text": "There van is parked over their, by the bakery."}

    root.get_by_role("button", name="Try again").click()
    assert (
        page.evaluate("() => document.activeElement.id")
        == "annotrain-w6-transcribe-homophones-text"
    )
    assert root.locator(".annotrain-align").count() == 0
    assert box.input_value() == "There van is parked over their, by the bakery."  # kept, to mend
    page.keyboard.press("Control+A")
    page.keyboard.type("their van is parked over there by the bakery")
    root.get_by_role("button", name="Check").click()
    assert float(root.get_attribute("data-annotrain-score")) == 1.0
    assert "matches the reference word for word" in root.locator(".annotrain-feedback").inner_text()


def test_missing_and_extra_words_are_marked(page, base_url):
    open_page(page, base_url + LESSON)
    root = page.locator(PARCEL)
    root.get_by_label("Your transcript", exact=True).fill(
        "please leave parcel behind the blue gate now"
    )
    root.get_by_role("button", name="Check").click()
    show_answer(root)
    feedback = root.locator(".annotrain-feedback").inner_text()
    assert "Missing: \u201cthe\u201d." in feedback
    assert "Extra: \u201cnow\u201d." in feedback
    assert root.locator(".annotrain-align-del").inner_text().lower().count("missing") == 1
    assert "extra" in root.locator(".annotrain-align-ins").inner_text().lower()


def test_player_keys_work_from_the_text_box_and_type_nothing(page, base_url):
    open_page(page, base_url + LESSON)
    root = page.locator(PARCEL)
    box = root.get_by_label("Your transcript", exact=True)
    box.click()
    page.keyboard.type("please")
    audio = root.locator("audio")
    audio.evaluate("a => { a.muted = true; }")
    page.keyboard.press("Alt+KeyP")
    page.wait_for_function(
        "a => !a.paused && a.currentTime > 0.2", arg=audio.element_handle(), timeout=10000
    )
    page.keyboard.press("Alt+KeyP")
    assert audio.evaluate("a => a.paused")
    audio.evaluate("a => { a.currentTime = 2.5; }")
    page.wait_for_function("a => Math.abs(a.currentTime - 2.5) < 0.01", arg=audio.element_handle())
    page.keyboard.press("Alt+KeyR")
    assert audio.evaluate("a => a.currentTime") == pytest.approx(0.0, abs=0.01)
    audio.evaluate("a => { a.currentTime = 3.1; }")
    page.wait_for_function("a => Math.abs(a.currentTime - 3.1) < 0.01", arg=audio.element_handle())
    page.keyboard.press("Alt+KeyR")
    assert audio.evaluate("a => a.currentTime") == pytest.approx(0.1, abs=0.01)
    assert box.input_value() == "please"
    # The keys are named where the learner reads the rules.
    assert "Alt+P play or pause" in root.locator(".annotrain-keys").inner_text()


def test_keyboard_only_completion(page, base_url):
    open_page(page, base_url + LESSON)
    root = page.locator(PARCEL)
    root.locator(".annotrain-prompt").evaluate("p => { p.tabIndex = -1; p.focus(); }")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.tagName") == "TEXTAREA":
            break
    assert page.evaluate("() => document.activeElement.id") == "annotrain-w6-transcribe-parcel-text"
    page.keyboard.type("Please leave the parcel behind the blue gate.")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.textContent") == "Check":
            break
    page.keyboard.press("Enter")
    assert float(root.get_attribute("data-annotrain-score")) == 1.0
    assert page.evaluate("() => document.activeElement.classList.contains('annotrain-feedback')")


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_screenshots_and_axe(page, base_url, scheme):
    set_scheme(page, base_url, scheme)
    open_page(page, base_url + LESSON)
    assert serious_violations(page) == []
    root = page.locator(HOMOPHONES)
    root.get_by_label("Your transcript", exact=True).fill(
        "There van is parked over their by the the bakery"
    )
    root.get_by_role("button", name="Check").click()
    assert serious_violations(page) == [], "after checking"
    show_answer(root)
    assert serious_violations(page) == [], "with the answer shown"
    root.locator(".annotrain-alignment").scroll_into_view_if_needed()
    screenshot(page, f"transcript-feedback-{'dark' if scheme == 'slate' else 'light'}")


def test_phone(phone, base_url):
    page = phone
    open_page(page, base_url + LESSON)
    root = page.locator(HOMOPHONES)
    root.get_by_label("Your transcript", exact=True).tap()
    page.keyboard.type("their van parked over there by the bakery")
    root.get_by_role("button", name="Check").tap()
    assert root.get_attribute("data-annotrain-score") is not None
    root.get_by_role("button", name="Show answer").tap()
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390
    root.locator(".annotrain-alignment").scroll_into_view_if_needed()
    screenshot(page, "transcript-phone")


def test_players_show_the_clip_length_where_the_server_sends_no_ranges(page, whole_files_url):
    """Like `mkdocs serve`: the browser cannot read an Ogg clip's end and would report
    its duration as Infinity; the build's measured length finds it."""
    open_page(page, whole_files_url + "week-6/transcription/")
    src = page.locator(".annotrain-exercise[data-annotrain-type=transcript] audio").first
    url = src.evaluate("a => a.currentSrc || a.src")
    reply = page.request.get(url, headers={"Range": "bytes=0-99"})
    assert reply.status == 200 and "accept-ranges" not in reply.headers, "a server without ranges"
    clips = clip_lengths(page, "transcript")
    assert clips
    for measured, reported, position, paused in clips:
        assert abs(reported - measured) < 0.1, (reported, measured)
        assert (position, paused) == (0, True), "back at the start, not playing"


def test_players_report_the_length_from_a_static_host(page, base_url):
    open_page(page, base_url + "week-6/transcription/")
    for measured, reported, position, paused in clip_lengths(page, "transcript"):
        assert abs(reported - measured) < 0.1 and (position, paused) == (0, True)
