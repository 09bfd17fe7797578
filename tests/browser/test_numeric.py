"""Numeric exercises in headless Chromium: typing and Enter, the Check button,
unreadable text, units, the worked solution after checking, saved progress, a typed
answer inside the Week 7 quiz, screenshots in both palettes and on a phone, and axe."""

from __future__ import annotations

import json

import pytest

from annotrain.course.loader import load_course
from annotrain.grading.quiz import draw

from ..conftest import ROOT, python_grade
from .conftest import open_page, screenshot, serious_violations, show_answer, text_of
from .looks import GRAPHICS, contrast, palette, seen, sticking_out
from .pointing import set_scheme

LESSON = "week-7/gold-tasks-and-agreement/"
KAPPA = "#annotrain-w7-kappa-urgency-table"
PERCENT = "#annotrain-w7-percent-agreement-comments"
FLEISS = "#annotrain-w7-fleiss-kappa-clips"


def test_keyboard_only_type_and_enter(page, base_url):
    open_page(page, base_url + LESSON)
    page.evaluate(
        """() => { window.__grades = [];
        document.addEventListener('annotrain:graded', e => window.__grades.push(e.detail)); }"""
    )
    root = page.locator(KAPPA)
    # The table scrolls sideways on narrow screens, so it takes focus; Tab goes on
    # to the answer field.
    root.locator(".annotrain-data-wrap").focus()
    page.keyboard.press("Tab")
    assert (
        page.evaluate("() => document.activeElement.id") == "annotrain-w7-kappa-urgency-table-value"
    )
    page.keyboard.type("0,67")  # a decimal comma
    page.keyboard.press("Enter")
    assert root.get_attribute("data-annotrain-score") == "1"
    assert root.get_attribute("data-annotrain-passed") == "true"
    assert "annotrain-feedback" in page.evaluate("() => document.activeElement.className")
    feedback = text_of(root.locator(".annotrain-feedback"))
    assert (
        "You entered 0.67; the answer is 0.6675 (allowed ± 0.01), so yours counts as right."
        in feedback
    )
    assert "Totals first. A (rows): Low 19, Normal 26, High 15." in feedback  # the worked solution
    assert "1566 / 2346" in feedback
    mark = root.locator(".annotrain-numeric-mark")
    assert text_of(mark) == "✓Counts as right. The answer is 0.6675."
    assert root.locator("input").get_attribute("data-annotrain-mark") == "right"
    assert page.evaluate("() => window.__grades.length") == 1
    stored = page.evaluate(
        "() => window.annotrain.progressData().exercises['w7-kappa-urgency-table']"
    )
    assert stored["last"] == {"value": 0.67}
    assert stored["best"] == 1


def test_mouse_check_outside_the_tolerance(page, base_url):
    open_page(page, base_url + LESSON)
    root = page.locator(KAPPA)
    root.get_by_label("Your answer").click()
    page.keyboard.type("0.62")
    root.get_by_role("button", name="Check").click()
    # Outside 0.01: Correctness (critical) at 1; 0.0475 / 0.6675 = 7.1 % -> Precision 3.
    assert float(root.get_attribute("data-annotrain-score")) == pytest.approx(0.3)
    assert root.get_attribute("data-annotrain-passed") == "false"
    feedback = text_of(root.locator(".annotrain-feedback"))
    assert "0.6675" not in feedback  # a first wrong check does not give the answer
    show_answer(root)
    feedback = text_of(root.locator(".annotrain-feedback"))
    assert "You entered 0.62; the answer is 0.6675 (allowed ± 0.01)." in feedback
    assert "Your number is off by 7.12 % of the answer." in feedback
    assert "Kappa = (0.7833 − 0.3483) / (1 − 0.3483)" in feedback
    assert "Outside the tolerance. The answer is 0.6675." in text_of(
        root.locator(".annotrain-numeric-mark")
    )
    assert root.locator("input").get_attribute("readonly") is not None
    root.get_by_role("button", name="Try again").click()
    assert root.locator("input").input_value() == "0.62"  # kept, to mend
    assert root.locator("input").get_attribute("readonly") is None
    assert page.evaluate("() => document.activeElement.id").endswith("-value")
    assert root.locator(".annotrain-numeric-mark").inner_text() == ""


def test_unreadable_text_is_explained_and_not_graded(page, base_url):
    open_page(page, base_url + LESSON)
    root = page.locator(KAPPA)
    field = root.get_by_label("Your answer")
    field.fill("1,250")
    field.press("Enter")
    assert root.get_attribute("data-annotrain-score") is None
    problem = root.locator(".annotrain-numeric-problem")
    assert "“1,250” is not a number this exercise can read" in problem.inner_text()
    assert field.get_attribute("aria-invalid") == "true"
    root.get_by_role("button", name="Check").click()
    assert root.get_attribute("data-annotrain-score") is None
    assert (
        "Type a number, such as 12.5, before checking."
        in root.locator(".annotrain-feedback").inner_text()
    )
    field.fill("0.6675")
    assert problem.inner_text() == ""
    assert field.get_attribute("aria-invalid") is None


def test_percent_unit_and_reload(page, base_url):
    open_page(page, base_url + LESSON)
    root = page.locator(PERCENT)
    assert root.locator(".annotrain-numeric-unit").inner_text() == "%"
    table = root.locator("table")
    assert table.locator("caption").inner_text() == "Labels given by moderators A and B"
    assert table.locator("th[scope=col]").all_inner_texts() == ["Comment", "A", "B"]
    assert table.locator("th[scope=row]").count() == 8
    root.get_by_label("Your answer").fill("62,5 %")
    root.get_by_role("button", name="Check").click()
    assert root.get_attribute("data-annotrain-score") == "1"
    assert "You entered 62.5 %, exactly the answer." in text_of(root.locator(".annotrain-feedback"))
    page.reload()
    page.evaluate("() => window.annotrain.ready")
    assert page.locator(PERCENT).get_by_label("Your answer").input_value() == "62.5"


def test_api_and_python_grader_agree_on_typed_text(page, base_url, messages):
    open_page(page, base_url + LESSON)
    task = page.evaluate("() => window.annotrain.task('w7-fleiss-kappa-clips')")
    for text in ["0,31", " 0.3 ", "\u22120.3", "11/36", "0.305555"]:
        # A stored response may hold text (an attempt file made by hand, say).
        response = {"value": text}
        browser_grade = page.evaluate(
            "r => window.annotrain.grader.grade(window.annotrain.task('w7-fleiss-kappa-clips'), r,"
            " window.annotrainSite.messages)",
            response,
        )
        expected = python_grade(task, response, messages)
        assert json.loads(json.dumps(browser_grade)) == json.loads(json.dumps(expected))


def week7_seed_with(task_id: str) -> int:
    course = load_course(ROOT / "mkdocs.yml")
    quiz = course.quizzes["week-7"]
    return next(seed for seed in range(1, 5000) if task_id in draw(quiz, seed))


def test_typed_answer_in_the_week_7_quiz(page, base_url):
    seed = week7_seed_with("q7-kappa-defects-typed")
    open_page(page, base_url + "week-7/quiz/")
    page.evaluate("s => window.annotrain.quiz.start('week-7', {seed: s})", seed)
    quiz = page.locator("[data-annotrain-quiz=week-7]")
    task = quiz.locator('.annotrain-quiz-task[data-annotrain-id="q7-kappa-defects-typed"]')
    for _ in range(10):
        if task.is_visible():
            break
        quiz.get_by_role("button", name="Next").click()
    assert task.locator("table caption").inner_text().startswith("Answers of inspectors A")
    task.get_by_label("Your answer").fill("0,57")
    quiz.get_by_role("button", name="Next").click()  # leaving the field saves the answer
    attempt = page.evaluate("() => window.annotrain.quiz.current('week-7')")
    assert attempt["responses"]["q7-kappa-defects-typed"] == {"value": 0.57}
    page.on("dialog", lambda dialog: dialog.accept())
    result = page.evaluate("() => window.annotrain.quiz.submit('week-7')")
    assert result["tasks"]["q7-kappa-defects-typed"]["score"] == 1


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_result_after_checking_in_both_palettes(page, base_url, scheme):
    """Right and wrong say so in words, a border style and a colour that keeps its contrast."""
    set_scheme(page, base_url, scheme)
    open_page(page, base_url + LESSON)
    assert palette(page) == scheme
    borders = {}
    for selector, typed in ((KAPPA, "0.62"), (FLEISS, "0.31")):
        root = page.locator(selector)
        root.get_by_label("Your answer").fill(typed)
        root.get_by_role("button", name="Check").click()
        if selector == KAPPA:  # wrong: its answer shows when asked
            show_answer(root)
        field = root.locator(".annotrain-numeric-input")
        icon = root.locator(".annotrain-numeric-mark .annotrain-mark-icon")
        backdrop = seen(root, "backgroundColor")
        assert contrast(seen(field, "borderTopColor"), backdrop) >= GRAPHICS, selector
        assert contrast(seen(icon, "color"), backdrop) >= GRAPHICS, selector
        borders[selector] = field.evaluate("el => getComputedStyle(el).borderTopStyle")
        assert sticking_out(root) == [], selector
    kappa, fleiss = page.locator(KAPPA), page.locator(FLEISS)
    kappa.locator("table.annotrain-data").scroll_into_view_if_needed()
    screenshot(page, f"numeric-kappa-{scheme}")
    fleiss.locator(".annotrain-explain").scroll_into_view_if_needed()
    screenshot(page, f"numeric-solution-{scheme}")
    assert borders == {KAPPA: "dashed", FLEISS: "solid"}, (
        "wrong and right differ in more than colour"
    )
    # The level reached, the learner's number and the answer (a lesson shows it).
    assert text_of(kappa.locator(".annotrain-numeric-mark")) == (
        "✗Outside the tolerance. The answer is 0.6675."
    )
    row = text_of(kappa.locator("tr", has_text="Correctness"))
    assert "Needs re-annotation" in row
    assert "You entered 0.62; the answer is 0.6675 (allowed ± 0.01)." in row
    assert (
        text_of(fleiss.locator(".annotrain-numeric-mark"))
        == "✓Counts as right. The answer is 0.3056."
    )
    row = text_of(fleiss.locator("tr", has_text="Correctness"))
    assert "Gold standard" in row and "You entered 0.31; the answer is 0.3056" in row
    explanation = fleiss.locator(".annotrain-explain")
    assert explanation.is_visible() and "Kappa = (0.667 − 0.52)" in text_of(explanation)


def test_phone(phone, base_url):
    page = phone
    open_page(page, base_url + LESSON)
    root = page.locator(KAPPA)
    field = root.get_by_label("Your answer")
    field.tap()
    page.keyboard.type("0.6675")
    root.get_by_role("button", name="Check").tap()
    assert root.get_attribute("data-annotrain-score") == "1"
    root.locator("table.annotrain-data").scroll_into_view_if_needed()
    screenshot(page, "numeric-phone-390")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    assert sticking_out(root) == [], "everything stays inside the exercise"


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("path", [LESSON, "week-3/precision-and-consistency/"])
def test_axe_before_and_after_checking(page, base_url, path, scheme):
    set_scheme(page, base_url, scheme)
    open_page(page, base_url + path)
    assert serious_violations(page) == []
    for root in page.locator('.annotrain-exercise[data-annotrain-type="numeric"]').all():
        root.get_by_label("Your answer").fill("0.5")
        root.get_by_role("button", name="Check").click()
    assert serious_violations(page) == [], "after checking"
