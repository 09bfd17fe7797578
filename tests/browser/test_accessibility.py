"""axe-core scans of whole pages of every kind (home, a week, lessons with
exercises before and after Check, quizzes, the progress page, the trainer guide,
the verify page), in light and dark palettes: no serious or critical violation.

Each scan covers the whole page (``body``), Material's own parts included: the
search dialog and the instant-navigation progress bar get their names from the
course's theme overrides (``overrides/``), the footer its contrast from
``course/stylesheets/extra.css``.
"""

from __future__ import annotations

import pytest

from .conftest import open_page, serious_violations
from .pointing import set_scheme

#: Scans cover the whole page, not only the content annotrain renders.
WHOLE = "body"


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_lesson_with_exercises(page, base_url, scheme):
    set_scheme(page, base_url, scheme)
    open_page(page, base_url + "week-1/what-is-annotation/")
    assert serious_violations(page, WHOLE) == []
    for root in page.locator(".annotrain-exercise").all():
        hint = root.locator("[data-annotrain-action=hint]")
        if hint.count():
            hint.click()
        if root.locator("input").count():
            root.locator("input").first.check()
        else:  # spans: mark the first word with the first label
            root.locator(".annotrain-tok").first.click()
            root.locator(".annotrain-spans-label").first.click()
        root.get_by_role("button", name="Check").click()
    assert page.locator(".annotrain-feedback table").count() == 4
    assert serious_violations(page, WHOLE) == [], "after checking"


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize(
    "path",
    [
        "",
        "week-1/",
        "progress/",
        "trainer/",
        "trainer/exercises/",
        "trainer/rubrics/",
        "verify/",
        "week-6/transcription/",
    ],
)
def test_other_page_kinds(page, base_url, path, scheme):
    set_scheme(page, base_url, scheme)
    page.goto(base_url + path)
    page.evaluate("() => window.annotrain ? window.annotrain.ready : null")
    assert serious_violations(page, WHOLE) == []


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_search_dialog_open_with_results(page, base_url, scheme):
    set_scheme(page, base_url, scheme)
    page.goto(base_url + "week-1/")
    page.keyboard.press("/")  # Material's shortcut opens search
    page.keyboard.type("bounding box")
    page.locator(".md-search-result__item").first.wait_for()
    assert page.locator(".md-search").get_attribute("aria-label") == "Search"
    assert serious_violations(page, WHOLE) == []


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_quiz_before_during_and_after(page, base_url, scheme):
    set_scheme(page, base_url, scheme)
    open_page(page, base_url + "week-1/quiz/")
    assert serious_violations(page, WHOLE) == [], "intro"
    page.get_by_role("button", name="Start the quiz").click()
    page.locator(".annotrain-quiz-run").wait_for(state="visible")  # types loaded
    assert serious_violations(page, WHOLE) == [], "during"
    page.evaluate("() => window.annotrain.quiz.submit('week-1')")
    page.locator(".annotrain-quiz-result").wait_for(state="visible")
    page.locator(".annotrain-quiz-result button").first.hover()  # hover colours must hold too
    page.wait_for_timeout(500)  # let Material's button colour transitions finish
    assert serious_violations(page, WHOLE) == [], "after submit"
