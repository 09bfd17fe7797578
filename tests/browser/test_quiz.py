"""The Week 1 quiz in headless Chromium: real clicks through an attempt, pass and
fail, resume after reload, the timer running out, downloads, and attempt limits.
Attempt files made by the browser are re-graded by `annotrain grade`."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Error as PlaywrightError

from annotrain.commands.cli import main
from annotrain.grading.attempts import read_attempt

from ..conftest import ROOT
from .conftest import open_page, screenshot

QUIZ_PAGE = "week-1/quiz/"
ROOT_SEL = "[data-annotrain-quiz=week-1]"


def quiz_data(page) -> dict:
    return json.loads(page.locator(ROOT_SEL).get_attribute("data-annotrain-quiz-data"))


def visible_task(page):
    return page.locator(f"{ROOT_SEL} .annotrain-quiz-task:visible")


def answer_visible_task(page, data, right: bool):
    task_root = visible_task(page)
    task = data["tasks"][task_root.get_attribute("data-annotrain-id")]["task"]
    labels = task["labels"]
    if task["type"] == "choice":
        gold = task["gold"]["choice"]
        choice = gold if right else next(label for label in reversed(labels) if label != gold)
        task_root.get_by_label(choice, exact=True).check()
    else:
        wanted = (
            task["gold"]["choices"]
            if right
            else [label for label in labels if label not in task["gold"]["choices"]]
        )
        for label in wanted:
            task_root.get_by_label(label, exact=True).check()


def run_attempt(page, right: bool, name: str = "Ana Lima"):
    data = quiz_data(page)
    page.get_by_label("Your name", exact=False).fill(name)
    page.get_by_role("button", name="Start the quiz").click()
    page.locator(f"{ROOT_SEL} .annotrain-quiz-run").wait_for(state="visible")  # types loaded
    for index in range(10):
        assert (
            f"{index + 1} of 10"
            in page.locator(f"{ROOT_SEL} .annotrain-quiz-position").inner_text()
        )
        answer_visible_task(page, data, right)
        if index < 9:
            page.get_by_role("button", name="Next").click()
    page.get_by_role("button", name="Submit").click()


def test_full_attempt_with_clicks_passes_and_regrades_the_same(page, base_url, tmp_path, capsys):
    open_page(page, base_url + QUIZ_PAGE)
    screenshot(page, "quiz-intro")
    run_attempt(page, right=True)
    root = page.locator(ROOT_SEL)
    assert root.get_attribute("data-annotrain-passed") == "true"
    assert float(root.get_attribute("data-annotrain-score")) == 1.0
    result = page.locator(f"{ROOT_SEL} .annotrain-quiz-result")
    assert result.is_visible()
    screenshot(page, "quiz-result-pass")

    with page.expect_download() as download:
        result.get_by_role("button", name="Download attempt").click()
    path = tmp_path / "attempt.json"
    download.value.save_as(path)
    attempt = read_attempt(path)  # the format is valid
    assert (
        attempt.quiz == "week-1"
        and len(attempt.tasks) == 10
        and attempt.candidate["name"] == "Ana Lima"
    )

    code = main(
        ["grade", str(path), "--config", str(ROOT / "mkdocs.yml"), "--output", str(tmp_path / "r")]
    )
    capsys.readouterr()
    assert code == 0
    row = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["attempts"][0]
    assert row["score"] == 1.0 and row["passed"] is True and row["flags"] == []

    with page.expect_download() as record:
        result.get_by_role("button", name="Download practice record").click()
    assert record.value.suggested_filename.startswith("week-1-practice-record-")
    html = tmp_path / "record.html"
    record.value.save_as(html)
    text = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").get_text(" ")
    assert "Ana Lima" in text and "Week 1 quiz" in text and "Practice record" in text
    # It says what it is: graded by the learner's own browser, not a qualification,
    # and carries no "verification code" that would suggest otherwise.
    assert "not a qualification" in text and "code" not in text.lower()


def test_failing_attempt_and_retry(page, base_url):
    open_page(page, base_url + QUIZ_PAGE)
    grades = []
    page.expose_function("recordGrade", lambda detail: grades.append(detail))
    page.evaluate(
        "() => document.addEventListener('annotrain:quiz-graded', e => window.recordGrade(e.detail))"
    )
    run_attempt(page, right=False)
    root = page.locator(ROOT_SEL)
    assert root.get_attribute("data-annotrain-passed") == "false"
    assert float(root.get_attribute("data-annotrain-score")) < 0.8
    page.wait_for_timeout(100)
    assert grades and grades[0]["passed"] is False and grades[0]["critical_failures"] > 1
    # Weak criteria link to the lesson their rubric names.
    links = page.locator(f"{ROOT_SEL} .annotrain-quiz-criteria a")
    assert links.count() >= 1
    href = links.first.evaluate("a => a.href")  # resolved against the quiz page
    assert href.startswith(base_url + "week-1/") and href != base_url + QUIZ_PAGE
    assert (
        page.locator(f"{ROOT_SEL} .annotrain-quiz-result")
        .get_by_role("button", name="Download practice record")
        .count()
        == 0
    )
    page.locator(f"{ROOT_SEL} .annotrain-quiz-result").get_by_role(
        "button", name="Try again"
    ).click()
    assert page.get_by_role("button", name="Start the quiz").is_visible()


def test_resume_after_reload(page, base_url):
    open_page(page, base_url + QUIZ_PAGE)
    data = quiz_data(page)
    page.get_by_role("button", name="Start the quiz").click()
    page.locator(".annotrain-quiz-run").wait_for(state="visible")  # types loaded
    answer_visible_task(page, data, right=True)
    page.get_by_role("button", name="Next").click()
    answer_visible_task(page, data, right=True)
    first = page.evaluate("() => window.annotrain.quiz.current('week-1')")
    page.reload()
    page.evaluate("() => window.annotrain.ready")
    assert page.locator(f"{ROOT_SEL} .annotrain-quiz-run").is_visible(), (
        "resumes straight into the attempt"
    )
    assert "2 of 10" in page.locator(f"{ROOT_SEL} .annotrain-quiz-position").inner_text()
    now = page.evaluate("() => window.annotrain.quiz.current('week-1')")
    assert (
        now["tasks"] == first["tasks"]
        and now["responses"] == first["responses"]
        and len(now["responses"]) == 2
    )


def test_timer_runs_out_and_submits(page, base_url):
    page.clock.install()
    open_page(page, base_url + QUIZ_PAGE)
    page.get_by_role("button", name="Start the quiz").click()
    page.locator(f"{ROOT_SEL} .annotrain-quiz-run").wait_for(state="visible")
    assert (
        page.locator(f"{ROOT_SEL} .annotrain-quiz-timer").inner_text().startswith(("20:00", "19:5"))
    )
    page.clock.run_for("10:00")
    assert (
        page.locator(f"{ROOT_SEL} .annotrain-quiz-timer")
        .inner_text()
        .startswith(("10:00", "9:5", "09:5"))
    )
    page.reload()  # real time keeps running across reloads
    page.evaluate("() => window.annotrain.ready")
    page.clock.run_for("10:05")
    page.locator(f"{ROOT_SEL} .annotrain-quiz-result").wait_for(state="visible")
    assert page.locator(ROOT_SEL).get_attribute("data-annotrain-passed") == "false"
    assert page.evaluate("() => window.annotrain.quiz.attempts('week-1').length") == 1


def test_attempt_limit(page, base_url):
    open_page(page, base_url + QUIZ_PAGE)
    for _ in range(3):
        page.evaluate(
            """async () => { await window.annotrain.quiz.start('week-1', {seed: 5});
            return window.annotrain.quiz.submit('week-1'); }"""
        )
    page.reload()
    page.evaluate("() => window.annotrain.ready")
    assert page.get_by_role("button", name="Start the quiz").is_disabled()
    assert "3" in page.locator(f"{ROOT_SEL} .annotrain-quiz-attempts").inner_text()
    with pytest.raises(PlaywrightError, match="attempt"):
        page.evaluate("() => window.annotrain.quiz.start('week-1')")


def tab_to(page, action: str, limit: int = 30) -> None:
    """Press Tab until the control marked data-annotrain-action=<action> has focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.dataset.annotrainAction || ''") == action:
            return
    raise AssertionError(f"Tab never reached {action}")


def test_keyboard_only_attempt(page, base_url):
    open_page(page, base_url + QUIZ_PAGE)
    page.get_by_label("Your name", exact=False).focus()
    page.keyboard.type("Kay Board")
    tab_to(page, "start")
    page.keyboard.press("Enter")
    # The quiz's task types load now; then focus moves into the first task.
    page.locator(f"{ROOT_SEL} .annotrain-quiz-run").wait_for(state="visible")
    for index in range(10):
        # Focus starts in the task: Tab to its first option and choose it with Space.
        for _ in range(10):
            kind = page.evaluate("() => document.activeElement.type || ''")
            if kind in ("radio", "checkbox"):
                break
            page.keyboard.press("Tab")
        page.keyboard.press("Space")
        tab_to(page, "next" if index < 9 else "submit")
        page.keyboard.press("Enter")
    result = page.locator(f"{ROOT_SEL} .annotrain-quiz-result")
    result.wait_for(state="visible")
    assert page.locator(ROOT_SEL).get_attribute("data-annotrain-score") is not None
    assert page.evaluate("() => window.annotrain.quiz.attempts('week-1').length") == 1
    assert page.evaluate(
        "() => document.querySelector('.annotrain-quiz-result').contains(document.activeElement)"
    ), "focus moves to the result"


ALL_ON_ONE_PAGE = """\
title: Two at once
reuse: allowed  # a review of the lessons
layout: all
shuffle: false
sections:
  - tasks:
      - ref: q1
      - ref: q2
"""


def test_layout_all_shows_every_task_and_previous_works(browser, tmp_path):
    from ..sites import CHOICE, MULTI, Site
    from .conftest import serve

    site = Site(tmp_path, {"lesson.md": CHOICE.format(id="q1") + MULTI.format(id="q2"),
                           "quiz.md": "# Quiz\n\n```annotrain\nquiz: both\n```\n"})  # fmt: skip
    (tmp_path / "quizzes" / "both.yml").write_text(ALL_ON_ONE_PAGE, encoding="utf-8")
    assert site.build().returncode == 0
    server = serve(site.site_dir)
    page = browser.new_page()
    try:
        open_page(page, f"http://127.0.0.1:{server.server_address[1]}/quiz/")
        page.get_by_role("button", name="Start the quiz").click()
        page.locator(".annotrain-quiz-run").wait_for(state="visible")
        tasks = page.locator(".annotrain-quiz-task:visible")
        assert tasks.count() == 2
        tasks.nth(0).get_by_label("Positive", exact=True).check()
        tasks.nth(1).get_by_label("Billing", exact=True).check()
        tasks.nth(1).get_by_label("Bug or crash", exact=True).check()
        page.get_by_role("button", name="Submit").click()
        assert (
            page.locator("[data-annotrain-quiz=both]").get_attribute("data-annotrain-passed")
            == "true"
        )
    finally:
        page.close()
        server.shutdown()
        server.server_close()


IDLE = "() => new Promise(done => requestIdleCallback(() => done(), {timeout: 3000}))"


def test_an_answer_changed_after_it_was_graded_ahead_counts_as_changed(page, base_url):
    """Answers are graded while the page is idle; Submit must use the last answer."""
    open_page(page, base_url + QUIZ_PAGE)
    data = quiz_data(page)
    page.get_by_role("button", name="Start the quiz").click()
    page.locator(f"{ROOT_SEL} .annotrain-quiz-run").wait_for(state="visible")
    drawn = page.evaluate("() => window.annotrain.quiz.current('week-1').tasks")
    # Every task right, graded ahead while idle...
    for task_id in drawn:
        gold = data["tasks"][task_id]["task"]["gold"]
        page.evaluate("([t, r]) => window.annotrain.quiz.answer('week-1', t, r)", [task_id, gold])
    page.evaluate(IDLE)
    page.evaluate(IDLE)
    # ...then the first one changed by a click and the second one through the API, wrong.
    first = visible_task(page)
    assert first.get_attribute("data-annotrain-id") == drawn[0]
    answer_visible_task(page, data, right=False)
    second = data["tasks"][drawn[1]]["task"]
    wrong = (
        {"choice": next(x for x in second["labels"] if x != second["gold"]["choice"])}
        if second["type"] == "choice"
        else {"choices": [x for x in second["labels"] if x not in second["gold"]["choices"]]}
    )
    page.evaluate("([t, r]) => window.annotrain.quiz.answer('week-1', t, r)", [drawn[1], wrong])
    grade = page.evaluate("() => window.annotrain.quiz.submit('week-1')")  # no idle time
    assert grade["tasks"][drawn[0]]["score"] < 1
    assert grade["tasks"][drawn[1]]["score"] < 1
    assert all(grade["tasks"][t]["score"] == 1 for t in drawn[2:])
