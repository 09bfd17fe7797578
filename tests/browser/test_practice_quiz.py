"""A practice-mode quiz follows the exercises' rules per task, with real clicks: a
wrong Check names no gold and offers Try again and Show answer; the answer shows by
itself after the quiz's reveal_after wrong checks (a task's own setting wins); a
passing Check shows it and makes the answer final. The attempt file lists the tasks
whose answer was shown before submitting (revealed), and `annotrain grade` reports
them; the review after submitting shows every answer, as in quiz mode."""

from __future__ import annotations

import json

import pytest

from annotrain.commands.cli import main

from ..conftest import python_grade
from ..sites import CHOICE, MULTI, Site
from .conftest import open_page, serve

QUIZ = """\
title: Practice round
mode: practice
layout: all
shuffle: false
reveal_after: 2
sections:
  - tasks:
      - ref: p1
      - ref: p2
      - ref: p3
      - ref: p4
"""
LESSON = (
    CHOICE.format(id="p1")
    + MULTI.format(id="p2")
    + CHOICE.format(id="p3").replace("explain:", "reveal_after: 1\nexplain:")
    + CHOICE.format(id="p4")
)
ROOT_SEL = "[data-annotrain-quiz=practice]"


@pytest.fixture(scope="module")
def practice_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("practice")
    site = Site(
        root, {"lesson.md": LESSON, "quiz.md": "# Quiz\n\n```annotrain\nquiz: practice\n```\n"}
    )
    (root / "quizzes" / "practice.yml").write_text(QUIZ, encoding="utf-8")
    result = site.build()
    assert result.returncode == 0, result.stderr
    server = serve(site.site_dir)
    yield site, f"http://127.0.0.1:{server.server_address[1]}/quiz/"
    server.shutdown()
    server.server_close()


def task_of(page, task_id: str) -> dict:
    data = json.loads(page.locator(ROOT_SEL).get_attribute("data-annotrain-quiz-data"))
    return data["tasks"][task_id]["task"]


def item(page, task_id: str):
    return page.locator(f'{ROOT_SEL} .annotrain-quiz-task[data-annotrain-id="{task_id}"]')


def click_option(li, value: str) -> None:
    li.locator(f'label.annotrain-option:has(input[value="{value}"])').click()


def notes(task: dict, response: dict, messages, hide_gold: bool) -> set[str]:
    grade = python_grade(task, response, messages, hide_gold=hide_gold)
    return {note for c in grade["criteria"].values() for note in c["notes"]}


def assert_hidden(page, task_id, response, messages):
    li = item(page, task_id)
    task = task_of(page, task_id)
    text = li.locator(".annotrain-feedback").inner_text()
    assert li.get_attribute("data-annotrain-revealed") == "false"
    assert li.locator("[data-annotrain-mark], .annotrain-explain").count() == 0
    hidden = notes(task, response, messages, True)
    assert all(note in text for note in hidden)
    assert not any(note in text for note in notes(task, response, messages, False) - hidden)
    assert li.get_by_role("button", name="Show answer").is_visible()
    assert li.get_by_role("button", name="Try again").is_visible()


def assert_shown(page, task_id, final: bool):
    li = item(page, task_id)
    assert li.get_attribute("data-annotrain-revealed") == "true"
    # The gold options: chosen ("gold") or not ("missed").
    assert li.locator("[data-annotrain-mark=gold], [data-annotrain-mark=missed]").count() >= 1
    assert li.locator(".annotrain-explain").is_visible()
    assert li.get_by_role("button", name="Show answer").is_hidden()
    assert li.get_by_role("button", name="Try again").is_visible() is not final


def test_practice_quiz_hides_then_shows_answers_and_records_them(
    page, practice_site, messages, tmp_path, capsys
):
    site, url = practice_site
    open_page(page, url)
    page.get_by_role("button", name="Start the quiz").click()
    page.locator(f"{ROOT_SEL} .annotrain-quiz-run").wait_for(state="visible")

    # p1: a wrong check hides the gold; Show answer shows it.
    p1 = item(page, "p1")
    click_option(p1, "Neutral")
    p1.get_by_role("button", name="Check").click()
    assert_hidden(page, "p1", {"choice": "Neutral"}, messages)
    p1.get_by_role("button", name="Show answer").click()
    assert_shown(page, "p1", final=False)
    assert "Here is the answer." in p1.locator(".annotrain-feedback").inner_text()

    # p2: wrong once, and the page reloaded: the attempt resumes with the gold still hidden.
    p2 = item(page, "p2")
    click_option(p2, "Shipping")
    p2.get_by_role("button", name="Check").click()
    assert_hidden(page, "p2", {"choices": ["Shipping"]}, messages)
    page.reload()
    page.evaluate("() => window.annotrain.ready")
    page.locator(f"{ROOT_SEL} .annotrain-quiz-run").wait_for(state="visible")
    p1, p2 = item(page, "p1"), item(page, "p2")
    p2.locator(".annotrain-feedback table").wait_for()
    assert_hidden(page, "p2", {"choices": ["Shipping"]}, messages)
    assert_shown(page, "p1", final=False)
    # Try again keeps the answer; the second wrong check shows the answer by itself.
    p2.get_by_role("button", name="Try again").click()
    assert p2.locator("input[value=Shipping]").is_checked()
    p2.get_by_role("button", name="Check").click()
    assert_shown(page, "p2", final=False)
    assert "Here is the answer." in p2.locator(".annotrain-feedback").inner_text()
    # Mended after seeing the answer: right, and final.
    p2.get_by_role("button", name="Try again").click()
    click_option(p2, "Shipping")
    click_option(p2, "Billing")
    click_option(p2, "Bug or crash")
    p2.get_by_role("button", name="Check").click()
    assert p2.get_attribute("data-annotrain-passed") == "true"
    assert_shown(page, "p2", final=True)

    # p3 sets reveal_after: 1 itself: its first wrong check shows the answer.
    p3 = item(page, "p3")
    click_option(p3, "Negative")
    p3.get_by_role("button", name="Check").click()
    assert_shown(page, "p3", final=False)

    # p4: right the first time: the answer shows and is final, but was not revealed.
    p4 = item(page, "p4")
    click_option(p4, "Positive")
    p4.get_by_role("button", name="Check").click()
    assert_shown(page, "p4", final=True)

    page.get_by_role("button", name="Submit").click()
    result = page.locator(f"{ROOT_SEL} .annotrain-quiz-result")
    assert "You saw the answer of 3 of 4 tasks before submitting." in result.inner_text()
    page.wait_for_function(
        f"() => document.querySelector('{ROOT_SEL}').hasAttribute('data-annotrain-reviewed')"
    )
    for task_id in ("p1", "p2", "p3", "p4"):  # the review shows every answer, as in quiz mode
        assert item(page, task_id).get_attribute("data-annotrain-revealed") == "true"
    with page.expect_download() as download:
        result.get_by_role("button", name="Download attempt").click()
    path = tmp_path / "attempt.json"
    download.value.save_as(path)
    attempt = json.loads(path.read_text(encoding="utf-8"))
    assert attempt["revealed"] == ["p1", "p2", "p3"]
    assert attempt["responses"]["p2"] == {"choices": ["Billing", "Bug or crash"]}

    code = main(
        [
            "grade",
            str(path),
            "--config",
            str(site.root / "mkdocs.yml"),
            "--output",
            str(tmp_path / "r"),
        ]
    )
    capsys.readouterr()
    assert code == 0
    row = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["attempts"][0]
    assert row["revealed"] == ["p1", "p2", "p3"] and row["flags"] == []
    csv = (tmp_path / "r.csv").read_text(encoding="utf-8")
    assert "p1 p2 p3" in csv
