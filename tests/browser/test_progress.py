"""The progress page, the lesson "done" control and the done marks in the site's
navigation, driven with real clicks and keys."""

from __future__ import annotations

import json

import pytest

from .conftest import PHONE, open_page, screenshot, text_of, watch_errors
from .pointing import set_scheme

KEY = "annotrain:v1:annotrain-course"
LESSON = "week-1/what-is-annotation/"
LESSON_KEY = "week-1/what-is-annotation.md"


def row(page, lesson_key):
    return page.locator(f'tr[data-annotrain-lesson="{lesson_key}"]')


def aside_records(page):
    return page.evaluate(
        "k => Object.keys(localStorage).filter(n => n.startsWith(k + ':aside:'))"
        ".map(n => JSON.parse(localStorage.getItem(n)))",
        KEY,
    )


def test_done_and_passed_show_on_the_progress_page(page, base_url):
    open_page(page, base_url + LESSON)
    done = page.locator(f'[data-annotrain-lesson="{LESSON_KEY}"] [data-annotrain-action=done]')
    done.click()
    assert done.get_attribute("aria-pressed") == "true"
    sentiment = page.locator("#annotrain-w1-review-sentiment")
    sentiment.get_by_label("Positive", exact=True).check()
    sentiment.get_by_role("button", name="Check").click()

    open_page(page, base_url + "progress/")
    lesson = row(page, LESSON_KEY)
    assert "Done" in lesson.locator("[data-annotrain-cell=done]").inner_text()
    # The lesson has four exercises: sentiment, workflow stage, ticket tags, first spans.
    assert lesson.locator("[data-annotrain-cell=passed]").inner_text().startswith("1 of 4")
    assert "100" in lesson.locator("[data-annotrain-cell=score]").inner_text()
    other = row(page, "week-1/kinds-of-data.md")
    assert "Done" not in other.locator("[data-annotrain-cell=done]").inner_text()
    summary = page.locator(".annotrain-progress-summary").inner_text()
    assert summary.startswith("1 of ")
    screenshot(page, "progress-page")

    # Undo from the lesson page.
    open_page(page, base_url + LESSON)
    done = page.locator(f'[data-annotrain-lesson="{LESSON_KEY}"] [data-annotrain-action=done]')
    assert done.get_attribute("aria-pressed") == "true", "the done state survives navigation"
    done.click()
    assert done.get_attribute("aria-pressed") == "false"


def test_export_then_import_round_trip(page, base_url, tmp_path):
    open_page(page, base_url + LESSON)
    page.locator(f'[data-annotrain-lesson="{LESSON_KEY}"] [data-annotrain-action=done]').click()
    open_page(page, base_url + "progress/")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download my progress").click()
    assert download.value.suggested_filename.startswith("annotrain-course-progress-")
    exported = tmp_path / "mine.json"
    download.value.save_as(exported)
    record = json.loads(exported.read_text(encoding="utf-8"))
    assert (
        record["format"] == "annotrain-progress" and record["lessons"][LESSON_KEY]["done"] is True
    )

    # Start afresh (confirming), then bring the file back.
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Start afresh").click()
    assert "Done" not in row(page, LESSON_KEY).locator("[data-annotrain-cell=done]").inner_text()
    assert any(r.get("lessons", {}).get(LESSON_KEY, {}).get("done") for r in aside_records(page))

    page.locator("input[type=file][data-annotrain-action=import]").set_input_files(str(exported))
    page.wait_for_function(
        "k => document.querySelector(`tr[data-annotrain-lesson='${k}'] [data-annotrain-cell=done]`)"
        ".textContent.includes('Done')",
        arg=LESSON_KEY,
    )
    stored = json.loads(page.evaluate("k => localStorage.getItem(k)", KEY))
    assert stored["lessons"][LESSON_KEY]["done"] is True
    # The message names the file, and no storage key a learner could not use.
    status = text_of(page.locator(".annotrain-progress-status"))
    assert "mine.json" in status and "kept aside" in status
    assert "annotrain:" not in status and "key" not in status


def test_import_of_a_bad_file_changes_nothing(page, base_url, tmp_path):
    open_page(page, base_url + "progress/")
    before = page.evaluate("k => localStorage.getItem(k)", KEY)
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "something-else"}', encoding="utf-8")
    page.locator("input[type=file][data-annotrain-action=import]").set_input_files(str(bad))
    status = page.locator(".annotrain-progress-status")
    status.wait_for(state="visible")
    page.wait_for_function(
        "() => document.querySelector('.annotrain-progress-status').textContent.length > 0"
    )
    assert "not" in status.inner_text().lower()
    assert page.evaluate("k => localStorage.getItem(k)", KEY) == before
    assert aside_records(page) == []


def test_reset_cancelled_keeps_everything(page, base_url):
    open_page(page, base_url + LESSON)
    page.locator(f'[data-annotrain-lesson="{LESSON_KEY}"] [data-annotrain-action=done]').click()
    open_page(page, base_url + "progress/")
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Start afresh").click()
    assert "Done" in row(page, LESSON_KEY).locator("[data-annotrain-cell=done]").inner_text()
    assert aside_records(page) == []


def test_portfolio_download_is_a_standalone_summary(page, base_url, tmp_path):
    open_page(page, base_url + LESSON)
    page.locator(f'[data-annotrain-lesson="{LESSON_KEY}"] [data-annotrain-action=done]').click()
    sentiment = page.locator("#annotrain-w1-review-sentiment")
    sentiment.get_by_label("Positive", exact=True).check()
    sentiment.get_by_role("button", name="Check").click()
    task = page.evaluate("() => window.annotrain.task('w1-review-sentiment')")

    open_page(page, base_url + "progress/")
    title = row(page, LESSON_KEY).locator("a").inner_text().strip()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download my portfolio").click()
    assert download.value.suggested_filename.startswith("annotrain-course-portfolio-")
    assert download.value.suggested_filename.endswith(".html")
    saved = tmp_path / "portfolio.html"
    download.value.save_as(saved)
    html = saved.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert title in html
    assert "<script" not in html.lower()
    cells = page.evaluate(
        """html => Array.from(new DOMParser().parseFromString(html, 'text/html')
            .querySelectorAll('tr')).map(tr => tr.textContent)""",
        html,
    )
    # Exercises by their title (or prompt) and lesson, never by their id.
    assert not [c for c in cells if "w1-review-sentiment" in c]
    exercise = [c for c in cells if c.startswith(task["title"] or task["prompt"][:40])]
    assert len(exercise) == 1 and "100" in exercise[0] and title in exercise[0]


def done_button(page):
    return page.locator(f'[data-annotrain-lesson="{LESSON_KEY}"] [data-annotrain-action=done]')


def nav_link(page, title):
    return page.locator("nav.md-nav--primary a.md-nav__link", has_text=title)


def test_lesson_control_says_done_and_unmarks_with_the_keyboard(page, base_url):
    open_page(page, base_url + LESSON)
    button = done_button(page)
    status = page.locator(f'[data-annotrain-lesson="{LESSON_KEY}"] .annotrain-lesson-status')
    assert (text_of(button), button.get_attribute("aria-pressed")) == (
        "Mark this lesson as done",
        "false",
    )
    button.click()
    # The button says what is true now, with a tick; the status says how to undo it.
    assert page.get_by_role("button", name="Lesson done", pressed=True).count() == 1
    assert text_of(button) == "Lesson done"
    assert "Press the button again to unmark it" in text_of(status)
    assert json.loads(page.evaluate("k => localStorage.getItem(k)", KEY))["lessons"][LESSON_KEY][
        "done"
    ]
    screenshot(page, "lesson-control-done")

    button.focus()
    page.keyboard.press("Space")
    assert (text_of(button), button.get_attribute("aria-pressed")) == (
        "Mark this lesson as done",
        "false",
    )
    assert text_of(status) == "This lesson is no longer marked as done."
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-pressed") == "true"


def test_sidebar_marks_done_lessons_after_loads_and_instant_navigation(page, base_url):
    open_page(page, base_url + LESSON)
    lesson = nav_link(page, "What is data annotation?")
    assert lesson.locator(".annotrain-nav-done").count() == 0
    done_button(page).click()
    # Named in words for screen readers, not by a tick or colour alone.
    assert page.get_by_role("link", name="What is data annotation? Lesson done").count() == 1
    assert lesson.locator(".annotrain-nav-done").count() == 1
    other = nav_link(page, "Kinds of data and annotation")
    assert other.locator(".annotrain-nav-done").count() == 0

    # Instant navigation: Material swaps the page and renders its navigation anew.
    other.click()
    page.wait_for_url(lambda url: url.startswith(base_url + "week-1/kinds-of-data/"))
    page.wait_for_function(
        """() => Array.from(document.querySelectorAll('nav.md-nav--primary a.md-nav__link'))
            .some(a => a.textContent.includes('What is data annotation?')
                && a.querySelector('.annotrain-nav-done'))"""
    )
    assert page.evaluate("() => performance.getEntriesByType('navigation').length") == 1, (
        "instant navigation, not a page load"
    )
    assert (
        nav_link(page, "Kinds of data and annotation").locator(".annotrain-nav-done").count() == 0
    )
    screenshot(page, "sidebar-done-mark")

    # Unmarked (here, on its own page): the mark goes.
    page.goto(base_url + LESSON)
    page.wait_for_function("() => window.annotrain && window.annotrain.ready")
    assert nav_link(page, "What is data annotation?").locator(".annotrain-nav-done").count() == 1
    done_button(page).click()
    assert nav_link(page, "What is data annotation?").locator(".annotrain-nav-done").count() == 0


def test_learner_name_is_kept_and_shown_on_the_portfolio(page, base_url, tmp_path):
    open_page(page, base_url + LESSON)
    sentiment = page.locator("#annotrain-w1-review-sentiment")
    sentiment.get_by_label("Positive", exact=True).check()
    sentiment.get_by_role("button", name="Check").click()

    open_page(page, base_url + "progress/")
    field = page.get_by_label("Your name (optional)")
    assert field.input_value() == ""
    field.click()
    page.keyboard.type("Ana Lima")
    page.keyboard.press("Tab")  # leaving the field keeps the name
    assert "Ana Lima" in text_of(page.locator(".annotrain-progress-status"))
    stored = json.loads(page.evaluate("k => localStorage.getItem(k)", KEY))
    assert stored["learner"]["name"] == "Ana Lima"

    open_page(page, base_url + "progress/")
    assert page.get_by_label("Your name (optional)").input_value() == "Ana Lima"
    with page.expect_download() as download:
        page.get_by_role("button", name="Download my portfolio").click()
    saved = tmp_path / "portfolio.html"
    download.value.save_as(saved)
    learner = page.evaluate(
        """html => new DOMParser().parseFromString(html, 'text/html')
            .querySelector('.learner').textContent""",
        saved.read_text(encoding="utf-8"),
    )
    assert learner == "Learner: Ana Lima"

    # Emptied, the name is gone from the record and the portfolio.
    page.get_by_label("Your name (optional)").fill("")
    page.keyboard.press("Tab")
    assert "learner" not in json.loads(page.evaluate("k => localStorage.getItem(k)", KEY))


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_progress_page_and_portfolio_on_a_phone(browser, base_url, tmp_path, scheme):
    context = browser.new_context(accept_downloads=True, **PHONE)
    page = context.new_page()
    errors = watch_errors(page)
    try:
        set_scheme(page, base_url, scheme)
        open_page(page, base_url + LESSON)
        done_button(page).click()
        sentiment = page.locator("#annotrain-w1-review-sentiment")
        sentiment.get_by_label("Positive", exact=True).tap()
        sentiment.get_by_role("button", name="Check").tap()
        open_page(page, base_url + "progress/")
        page.get_by_label("Your name (optional)").fill("Ana Lima")
        page.keyboard.press("Tab")
        page.locator(".annotrain-learner").scroll_into_view_if_needed()
        screenshot(page, f"progress-page-phone-{scheme}")
        with page.expect_download() as download:
            page.get_by_role("button", name="Download my portfolio").tap()
        saved = tmp_path / "portfolio.html"
        download.value.save_as(saved)
        viewer = context.new_page()
        viewer.goto(saved.as_uri())
        # Laid out for the phone's width (a viewport meta), nothing wider than it.
        assert viewer.evaluate("() => window.innerWidth") == PHONE["viewport"]["width"]
        assert viewer.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
        screenshot(viewer, f"portfolio-phone-{scheme}")
        assert errors == [], errors
    finally:
        context.close()
