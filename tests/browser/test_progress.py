"""The progress page and the lesson "done" control, driven with real clicks."""

from __future__ import annotations

import json

from .conftest import open_page, screenshot

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
    exercise = [c for c in cells if "w1-review-sentiment" in c]
    assert len(exercise) == 1 and "100" in exercise[0] and title in exercise[0]
