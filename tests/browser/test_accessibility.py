"""axe-core scans of the lesson content with exercises, before and after Check,
in light and dark palettes: no serious or critical violation.

The scan covers the page content (``.md-content``), which annotrain renders; the
theme's own chrome (search dialog, header, footer) is Material's.
"""

from __future__ import annotations

import pytest

from .conftest import open_page, serious_violations
from .pointing import set_scheme


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_lesson_with_exercises(page, base_url, scheme):
    set_scheme(page, base_url, scheme)
    open_page(page, base_url + "week-1/what-is-annotation/")
    assert serious_violations(page) == []
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
    assert serious_violations(page) == [], "after checking"


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize(
    "path", ["", "week-1/", "progress/", "trainer/exercises/", "trainer/rubrics/"]
)
def test_other_page_kinds(page, base_url, path, scheme):
    set_scheme(page, base_url, scheme)
    page.goto(base_url + path)
    page.evaluate("() => window.annotrain ? window.annotrain.ready : null")
    assert serious_violations(page) == []


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_quiz_before_during_and_after(page, base_url, scheme):
    set_scheme(page, base_url, scheme)
    open_page(page, base_url + "week-1/quiz/")
    assert serious_violations(page) == [], "intro"
    page.get_by_role("button", name="Start the quiz").click()
    page.locator(".annotrain-quiz-run").wait_for(state="visible")  # types loaded
    assert serious_violations(page) == [], "during"
    page.evaluate("() => window.annotrain.quiz.submit('week-1')")
    page.locator(".annotrain-quiz-result").wait_for(state="visible")
    page.locator(".annotrain-quiz-result button").first.hover()  # hover colours must hold too
    page.wait_for_timeout(500)  # let Material's button colour transitions finish
    assert serious_violations(page) == [], "after submit"
