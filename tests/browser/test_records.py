"""The practice record a passed self-check prints: it names the course and the
learner, and is laid out for a phone as for a desktop, in light and dark
browser settings (the file keeps its own light page)."""

from __future__ import annotations

import json

import pytest

from .conftest import PHONE, open_page, screenshot, text_of

QUIZ = "[data-annotrain-quiz=week-1]"


@pytest.fixture(scope="module")
def record(browser, base_url, tmp_path_factory):
    """A practice record of the Week 1 quiz, passed by Ana Lima, as a file."""
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    try:
        open_page(page, base_url + "week-1/quiz/")
        data = json.loads(page.locator(QUIZ).get_attribute("data-annotrain-quiz-data"))
        page.get_by_label("Your name", exact=False).click()
        page.keyboard.type("Ana Lima")
        page.get_by_role("button", name="Start the quiz").click()
        page.locator(f"{QUIZ} .annotrain-quiz-run").wait_for(state="visible")
        attempt = page.evaluate("() => window.annotrain.quiz.current('week-1')")
        for task_id in attempt["tasks"]:
            page.evaluate(
                "([t, r]) => window.annotrain.quiz.answer('week-1', t, r)",
                [task_id, data["tasks"][task_id]["task"]["gold"]],
            )
        page.evaluate("() => window.annotrain.quiz.submit('week-1')")
        result = page.locator(f"{QUIZ} .annotrain-quiz-result")
        with page.expect_download() as download:
            result.get_by_role("button", name="Download practice record").click()
        path = tmp_path_factory.mktemp("record") / "record.html"
        download.value.save_as(path)
        return path
    finally:
        context.close()


def test_record_names_the_course_and_the_learner(page, record):
    page.goto(record.as_uri())
    site = page.locator(".site").text_content()
    assert site == "Become a data annotator"  # mkdocs.yml site_name
    assert text_of(page.locator(".name")) == "Ana Lima"
    assert page.title() == "Practice record - Become a data annotator"
    assert "Week 1 quiz" in text_of(page.locator(".quiz"))
    screenshot(page, "practice-record-desktop")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_record_reads_on_a_phone(browser, record, scheme):
    context = browser.new_context(color_scheme=scheme, **PHONE)
    page = context.new_page()
    try:
        page.goto(record.as_uri())
        # A viewport meta: laid out for the phone's width, not a shrunken desktop page.
        assert page.evaluate("() => window.innerWidth") == PHONE["viewport"]["width"]
        assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
        size = page.evaluate(
            "() => parseFloat(getComputedStyle(document.querySelector('.name')).fontSize)"
        )
        assert size >= 24, "the name reads without zooming"
        screenshot(page, f"practice-record-phone-{scheme}")
    finally:
        context.close()
