"""The flagship course built with ProperDocs, in headless Chromium: an exercise is
checked and a quiz starts, as on the MkDocs build the other browser tests use."""

from __future__ import annotations

import pytest

from .. import properdocs_venv
from ..conftest import ROOT
from .conftest import open_page, screenshot, serve

SENTIMENT = "#annotrain-w1-review-sentiment"
QUIZ = "[data-annotrain-quiz=week-1]"


@pytest.fixture(scope="module")
def properdocs_url(properdocs, tmp_path_factory):
    """The URL of the flagship course built with ProperDocs, served on 127.0.0.1."""
    site_dir = tmp_path_factory.mktemp("properdocs") / "site"
    site_dir.mkdir()
    server = serve(site_dir)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    result = properdocs_venv.build(properdocs, ROOT / "mkdocs.yml", site_dir, site_url=url)
    assert result.returncode == 0, result.stdout + result.stderr
    yield url
    server.shutdown()
    server.server_close()


def test_properdocs_build_checks_an_exercise_and_starts_a_quiz(page, properdocs_url):
    open_page(page, properdocs_url + "week-1/what-is-annotation/")
    generator = page.locator("meta[name=generator]").get_attribute("content")
    assert "ProperDocs" in generator
    root = page.locator(SENTIMENT)
    root.get_by_text("Neutral", exact=True).click()
    page.keyboard.press("ArrowDown")  # the radio group's arrows move on to Positive
    assert root.get_by_label("Positive", exact=True).is_checked()
    root.get_by_role("button", name="Check").click()
    assert float(root.get_attribute("data-annotrain-score")) == 1.0
    assert root.get_attribute("data-annotrain-passed") == "true"

    open_page(page, properdocs_url + "week-1/quiz/")
    page.get_by_label("Your name", exact=False).fill("Ana Lima")
    page.get_by_role("button", name="Start the quiz").click()
    page.locator(f"{QUIZ} .annotrain-quiz-run").wait_for(state="visible")  # types loaded
    shown = page.locator(f"{QUIZ} .annotrain-quiz-task:visible")
    assert shown.count() == 1
    first = page.evaluate("() => window.annotrain.quiz.current('week-1').tasks[0]")
    assert shown.get_attribute("data-annotrain-id") == first
    assert "1 of 10" in page.locator(f"{QUIZ} .annotrain-quiz-position").inner_text()
    screenshot(page, "properdocs-quiz-started")
