"""The starter course of ``annotrain new site``, made and built by the installed wheel (not
the source tree), works in Chromium: an exercise answered with real clicks passes,
the desk picture's gold is where the boxes are, and nothing on the lesson is an axe
violation."""

from __future__ import annotations

import subprocess

import pytest

from .conftest import open_page, serious_violations, serve, text_of


@pytest.fixture(scope="module")
def starter_url(installed, tmp_path_factory):
    root = tmp_path_factory.mktemp("starter")
    env = {"NO_MKDOCS_2_WARNING": "1", "PATH": f"{installed.parent}:/usr/bin:/bin"}
    for command, cwd in (
        ([installed.parent / "annotrain", "new", "site", "course", "--name", "Desk course"], root),
        ([installed, "-m", "mkdocs", "build", "--strict", "-q"], root / "course"),
    ):
        done = subprocess.run(
            command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, done.stderr
    server = serve(root / "course" / "site")
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_the_starter_lesson_checks_an_answer_with_its_default_rubric(page, starter_url):
    open_page(page, starter_url + "first-lesson/")
    root = page.locator("[data-annotrain-id=first-review-sentiment]")
    root.get_by_role("radio", name="Positive").check()
    root.get_by_role("button", name="Check").click()
    feedback = root.locator(".annotrain-feedback")
    feedback.wait_for(state="visible")
    assert root.get_attribute("data-annotrain-passed") == "false"
    assert "Correctness" in text_of(feedback)
    root.get_by_role("button", name="Try again").click()
    root.get_by_role("radio", name="Negative").check()
    root.get_by_role("button", name="Check").click()
    page.wait_for_function(
        "() => document.querySelector('[data-annotrain-id=first-review-sentiment]')"
        ".getAttribute('data-annotrain-passed') === 'true'"
    )
    # The rubric file's version of default-choice is the one graded with.
    task = page.evaluate("() => window.annotrain.task('first-review-sentiment')")
    assert task["rubric"]["id"] == "default-choice" and task["rubric"]["name"] == "Single label"
    assert serious_violations(page) == []


def test_the_starter_quiz_links_its_guideline_which_opens_beside_the_quiz(page, starter_url):
    open_page(page, starter_url + "quiz/")
    page.get_by_role("button", name="Start the quiz").click()
    link = page.locator(".annotrain-quiz-task:visible .annotrain-guideline a")
    assert " ".join(text_of(link).split()) == "Guideline: First lesson (opens in a new tab)"
    with page.context.expect_page() as opened:
        link.click()
    lesson = opened.value
    lesson.wait_for_load_state()
    assert lesson.url == starter_url + "first-lesson/"
    assert lesson.locator("h1").first.inner_text() == "First lesson"
    # The attempt goes on where it was.
    assert page.locator(".annotrain-quiz-run").is_visible()
    assert page.evaluate("() => !!window.annotrain.quiz.current('first-quiz')")
