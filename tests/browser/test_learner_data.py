"""Learner data that cannot be read is kept and reported, never lost, on the pages
the existing tests do not cover: the progress page and a quiz with damaged
storage, and progress files cut short or written by a newer version."""

from __future__ import annotations

import json

from .conftest import open_page

KEY = "annotrain:v1:annotrain-course"
LESSON_KEY = "week-1/what-is-annotation.md"


def asides(page) -> list[str]:
    return page.evaluate(
        "k => Object.keys(localStorage).filter(n => n.startsWith(k + ':aside:'))"
        ".sort().map(n => localStorage.getItem(n))",
        KEY,
    )


def record(page) -> dict:
    """A real record: the learner marked a lesson done."""
    open_page(page, page.base + "week-1/what-is-annotation/")
    page.locator(f'[data-annotrain-lesson="{LESSON_KEY}"] [data-annotrain-action=done]').click()
    return json.loads(page.evaluate("k => localStorage.getItem(k)", KEY))


def store(page, text: str) -> None:
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, text])


def test_progress_page_with_a_record_cut_short(page, base_url):
    page.base = base_url
    text = json.dumps(record(page))
    cut = text[: len(text) // 2]
    store(page, cut)
    open_page(page, base_url + "progress/")
    notice = page.locator(".annotrain-notice[data-annotrain-problem=corrupt]")
    assert notice.count() == 1 and "Nothing was deleted" in notice.inner_text()
    assert asides(page) == [cut], "kept byte for byte under the key the notice names"
    assert KEY + ":aside:" in notice.inner_text()
    # The page still works: the table reads the fresh record, and download works.
    row = page.locator(f'tr[data-annotrain-lesson="{LESSON_KEY}"]')
    assert "Done" not in row.locator("[data-annotrain-cell=done]").inner_text()
    with page.expect_download():
        page.get_by_role("button", name="Download my progress").click()


def test_quiz_page_with_damaged_storage_still_runs(page, base_url):
    page.base = base_url
    page.goto(base_url)
    store(page, '{"format": "annotrain-progress", "version": 1, "exercises": {}, "quizzes": ')
    open_page(page, base_url + "week-1/quiz/")
    assert page.locator(".annotrain-notice[data-annotrain-problem=corrupt]").count() == 1
    page.get_by_role("button", name="Start the quiz").click()
    page.locator(".annotrain-quiz-run").wait_for(state="visible")  # task types loaded
    grade = page.evaluate("() => window.annotrain.quiz.submit('week-1')")
    assert grade["passed"] is False  # nothing answered
    assert page.evaluate("() => window.annotrain.quiz.attempts('week-1').length") == 1
    assert len(asides(page)) == 1


def upload(page, tmp_path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    page.locator("input[type=file][data-annotrain-action=import]").set_input_files(str(path))
    status = page.locator(".annotrain-progress-status")
    page.wait_for_function(
        "() => document.querySelector('.annotrain-progress-status').textContent.length > 0"
    )
    return status.inner_text()


def test_progress_file_from_a_newer_version_changes_nothing(page, base_url, tmp_path):
    page.base = base_url
    mine = record(page)
    open_page(page, base_url + "progress/")
    before = page.evaluate("k => localStorage.getItem(k)", KEY)
    future = {**mine, "version": 7, "exercises": {"w1-review-sentiment": {"best": 1}}}
    message = upload(page, tmp_path, "future.json", json.dumps(future))
    assert "newer version" in message and "7" in message and "Nothing was changed" in message
    assert page.evaluate("k => localStorage.getItem(k)", KEY) == before
    assert asides(page) == []


def test_progress_file_cut_short_changes_nothing(page, base_url, tmp_path):
    page.base = base_url
    mine = record(page)
    open_page(page, base_url + "progress/")
    before = page.evaluate("k => localStorage.getItem(k)", KEY)
    text = json.dumps(mine)
    message = upload(page, tmp_path, "cut.json", text[: len(text) - 10])
    assert "not a JSON file" in message and "Nothing was changed" in message
    assert page.evaluate("k => localStorage.getItem(k)", KEY) == before
    row = page.locator(f'tr[data-annotrain-lesson="{LESSON_KEY}"]')
    assert "Done" in row.locator("[data-annotrain-cell=done]").inner_text()
