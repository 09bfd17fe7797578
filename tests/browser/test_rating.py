"""Rating exercises in headless Chromium: keyboard only, mouse clicks on the level
cards, touch on a phone, scores and feedback, saved progress, marks after checking,
screenshots in both palettes, and axe on the lesson pages."""

from __future__ import annotations

import pytest

from .conftest import open_page, screenshot, serious_violations, show_answer, text_of
from .looks import GRAPHICS, contrast, palette, seen, sticking_out
from .pointing import set_scheme

ELECTIVE = "electives/system-prompts/"
SELF_SCORING = "week-7/self-scoring/"
RECIPE = "#annotrain-el-sp-rate-recipe"
REFUSAL = "#annotrain-el-sp-rate-refusal"
TAGS = "#annotrain-w7-self-score-tags"
RECIPE_GOLD = {"helpfulness": 5, "honesty": 5, "instructions": 3, "safety": 5, "tone": 5}


def criterion(page, root: str, criterion_id: str):
    return page.locator(f'{root} fieldset[data-annotrain-criterion="{criterion_id}"]')


def watch_grades(page):
    page.evaluate(
        """() => { window.__grades = [];
        document.addEventListener('annotrain:graded', e => window.__grades.push(e.detail)); }"""
    )


def test_keyboard_only(page, base_url):
    open_page(page, base_url + ELECTIVE)
    watch_grades(page)
    root = page.locator(RECIPE)
    # Reach the first radio group with Tab from the response just above it.
    root.locator(".annotrain-rated").evaluate("el => { el.tabIndex = -1; el.focus(); }")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.name").endswith("-criterion-1")
    # In a group with nothing chosen, Tab lands on its first radio (value 1). Arrow
    # keys move and choose; ArrowLeft from the first wraps round to the last (5).
    moves = {
        "helpfulness": ["ArrowLeft"],
        "honesty": ["ArrowUp"],
        "instructions": ["ArrowRight", "ArrowDown"],
    }
    moves |= {"safety": ["ArrowLeft"], "tone": ["ArrowLeft"]}
    for index, (cid, keys) in enumerate(moves.items()):
        for key in keys:
            page.keyboard.press(key)
        chosen = criterion(page, RECIPE, cid).locator("input:checked")
        assert chosen.get_attribute("value") == str(RECIPE_GOLD[cid]), cid
        if index < len(moves) - 1:
            page.keyboard.press("Tab")
    for _ in range(3):  # past "Show a hint" to Check
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.dataset.annotrainAction") == "check":
            break
    page.keyboard.press("Enter")
    assert root.get_attribute("data-annotrain-score") == "1"
    assert root.get_attribute("data-annotrain-passed") == "true"
    assert "annotrain-feedback" in page.evaluate("() => document.activeElement.className")
    grades = page.evaluate("() => window.__grades")
    assert [g["id"] for g in grades] == ["el-sp-rate-recipe"]
    assert grades[0]["criteria"]["correctness"]["value"] == 1
    stored = page.evaluate("() => window.annotrain.progressData().exercises['el-sp-rate-recipe']")
    assert stored["last"] == {"ratings": RECIPE_GOLD}
    assert stored["best"] == 1
    # Try again: marks gone, the ratings kept to mend, focus back on the first criterion.
    root.get_by_role("button", name="Try again").press("Enter")
    assert root.locator("[data-annotrain-mark]").count() == 0
    assert root.locator("input:checked").count() == 5
    assert root.locator("input:not(:disabled)").count() > 0
    assert page.evaluate("() => document.activeElement.name").endswith("-criterion-1")


def test_mouse_clicks_on_cards_score_and_feedback(page, base_url):
    open_page(page, base_url + ELECTIVE)
    root = page.locator(REFUSAL)
    # A click anywhere on a level's card, even its description, picks that level.
    for cid, value in (("helpfulness", 2), ("honesty", 2), ("instructions", 2), ("safety", 5)):
        card = criterion(page, REFUSAL, cid).locator(f'[data-annotrain-value="{value}"]')
        about = card.locator(".annotrain-rate-about")
        about.scroll_into_view_if_needed()
        box = about.bounding_box()
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        assert card.locator("input").is_checked()
    root.get_by_role("button", name="Check").click()
    # Tolerance 1: helpfulness 1 step (agrees), honesty and instructions exact,
    # safety 3 steps off, tone unrated (4 steps): within 3/5 -> Acceptable (3);
    # mean (1 + 0 + 0 + 3 + 4) / 5 = 1.6 -> Needs re-annotation (1); (9 + 1) / 20.
    assert float(root.get_attribute("data-annotrain-score")) == pytest.approx(0.5)
    assert root.get_attribute("data-annotrain-passed") == "false"
    feedback = text_of(root.locator(".annotrain-feedback"))
    assert "gold 1 (Unacceptable)" not in feedback  # the answer shows when asked
    show_answer(root)
    feedback = text_of(root.locator(".annotrain-feedback"))
    for line in (
        "Not passed yet",
        "Helpfulness: you gave 2 (Poor), gold 1 (Unacceptable), 1 step off (within the tolerance).",
        "Accuracy and honesty: you gave 2 (Poor), the gold rating.",
        "Safety: you gave 5 (Excellent), gold 2 (Poor), 3 steps off.",
        "Tone: not rated; gold 3 (Adequate).",
        "Mean distance from the gold ratings, in steps: 1.6.",
        "true lilies are in fact highly toxic to cats",  # the explanation
    ):
        assert line in feedback, line
    safety = criterion(page, REFUSAL, "safety")
    assert (
        safety.locator('[data-annotrain-value="5"]').get_attribute("data-annotrain-mark") == "wrong"
    )
    assert (
        "Your rating" in safety.locator('[data-annotrain-value="5"] .annotrain-mark').inner_text()
    )
    assert (
        safety.locator('[data-annotrain-value="2"]').get_attribute("data-annotrain-mark") == "gold"
    )
    helpful = criterion(page, REFUSAL, "helpfulness")
    assert (
        helpful.locator('[data-annotrain-value="2"]').get_attribute("data-annotrain-mark")
        == "close"
    )
    tone = criterion(page, REFUSAL, "tone")
    assert tone.locator(".annotrain-rate-status").inner_text() == "You did not rate this criterion."
    assert criterion(page, REFUSAL, "honesty").locator("input").first.is_disabled()
    # The mark is read with the radio: it is in the radio's description.
    described = page.evaluate(
        """sel => document.querySelector(sel).getAttribute('aria-describedby').split(' ')
        .map(id => document.getElementById(id).textContent).join(' | ')""",
        f'{REFUSAL} fieldset[data-annotrain-criterion="safety"] input[value="2"]',
    )
    assert "A serious problem" in described and "Gold rating" in described


def test_progress_is_restored_after_reload(page, base_url):
    open_page(page, base_url + ELECTIVE)
    root = page.locator(REFUSAL)
    criterion(page, REFUSAL, "tone").get_by_label("3 Adequate").check()
    root.get_by_role("button", name="Check").click()
    page.reload()
    page.evaluate("() => window.annotrain.ready")
    tone = criterion(page, REFUSAL, "tone")
    assert tone.locator('input[value="3"]').is_checked()
    assert page.evaluate("() => window.annotrain.getResponse('el-sp-rate-refusal')") == {
        "ratings": {"tone": 3}
    }
    assert "restored" in page.locator(REFUSAL).locator(".annotrain-best").inner_text()


def test_self_scoring_with_a_rubric_as_the_scale(page, base_url):
    open_page(page, base_url + SELF_SCORING)
    root = page.locator(TAGS)
    precision = criterion(page, TAGS, "precision")
    assert precision.locator("legend").inner_text() == "Precision"
    levels = precision.locator(".annotrain-rate-label")
    assert [t.replace("\n", " ") for t in levels.all_inner_texts()] == [
        "5 Gold standard",
        "3 Acceptable",
        "1 Needs re-annotation",
    ]
    assert "Most chosen tags apply" in precision.inner_text()
    precision.get_by_label("3 Acceptable").check()
    criterion(page, TAGS, "completeness").get_by_label("3 Acceptable").check()
    root.get_by_role("button", name="Check").click()
    assert root.get_attribute("data-annotrain-score") == "1"
    assert (
        "remove Feature request, add Login or access"
        in root.locator(".annotrain-feedback").inner_text()
    )


#: After checking the recipe with RATED: (criterion, level) -> (mark, its words, border style).
RATED = {"helpfulness": 5, "honesty": 3, "instructions": 4, "safety": 5}
MARKS = {
    ("helpfulness", "5"): ("match", "✓Your rating, the gold rating", "solid"),
    ("honesty", "3"): ("wrong", "✗Your rating", "dashed"),
    ("honesty", "5"): ("gold", "✓Gold rating", "solid"),
    ("instructions", "3"): ("gold", "✓Gold rating", "solid"),
    ("instructions", "4"): ("close", "≈Your rating, within the tolerance", "dotted"),
    ("safety", "5"): ("match", "✓Your rating, the gold rating", "solid"),
    ("tone", "5"): ("gold", "✓Gold rating", "solid"),
}
MARKED = """el => [el.closest("fieldset").dataset.annotrainCriterion, el.dataset.annotrainValue,
  el.dataset.annotrainMark, el.querySelector(".annotrain-mark").textContent,
  getComputedStyle(el).borderTopStyle]"""


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_marks_after_checking_in_both_palettes(page, base_url, scheme):
    """Each mark says whose level it is in words and a border style, in a colour
    that keeps its contrast, inside its card; the feedback gives level, rating and gold."""
    set_scheme(page, base_url, scheme)
    open_page(page, base_url + ELECTIVE)
    assert palette(page) == scheme
    page.evaluate("r => window.annotrain.setResponse('el-sp-rate-recipe', r)", {"ratings": RATED})
    root = page.locator(RECIPE)
    root.get_by_role("button", name="Check").click()
    show_answer(root)
    criterion(page, RECIPE, "honesty").scroll_into_view_if_needed()
    screenshot(page, f"rating-marks-{scheme}")
    cards = root.locator(".annotrain-rate-level[data-annotrain-mark]").all()
    found = {
        (cid, value): (kind, words, style)
        for cid, value, kind, words, style in (card.evaluate(MARKED) for card in cards)
    }
    assert found == MARKS
    for card in cards:
        border = seen(card, "borderTopColor")
        assert contrast(border, seen(card, "backgroundColor")) >= GRAPHICS, card.inner_text()
        assert sticking_out(card) == [], card.inner_text()
    assert sticking_out(root) == []
    tone = criterion(page, RECIPE, "tone").locator(".annotrain-rate-status")
    assert tone.inner_text() == "You did not rate this criterion."
    feedback = root.locator(".annotrain-feedback")
    feedback.scroll_into_view_if_needed()
    screenshot(page, f"rating-feedback-{scheme}")
    correctness = text_of(feedback.locator("tr", has_text="Correctness"))
    assert "Acceptable" in correctness
    assert "Accuracy and honesty: you gave 3 (Adequate), gold 5 (Excellent), 2 steps off." in (
        correctness
    )
    assert "Tone: not rated; gold 5 (Excellent)." in correctness
    assert "Needs re-annotation" in text_of(feedback.locator("tr", has_text="Precision"))


def test_phone_touch(phone, base_url):
    page = phone
    open_page(page, base_url + ELECTIVE)
    root = page.locator(RECIPE)
    cards = criterion(page, RECIPE, "helpfulness").locator(".annotrain-rate-level")
    first, second = cards.nth(0).bounding_box(), cards.nth(1).bounding_box()
    assert second["y"] >= first["y"] + first["height"] - 1, "levels stack on a phone"
    assert first["width"] > 250 and first["height"] >= 44
    for cid, value in RECIPE_GOLD.items():
        card = criterion(page, RECIPE, cid).locator(f'[data-annotrain-value="{value}"]')
        card.scroll_into_view_if_needed()
        card.tap()
    assert page.evaluate("() => window.annotrain.getResponse('el-sp-rate-recipe')") == {
        "ratings": RECIPE_GOLD
    }
    criterion(page, RECIPE, "honesty").scroll_into_view_if_needed()
    screenshot(page, "rating-phone-390")
    root.get_by_role("button", name="Check").tap()
    assert root.get_attribute("data-annotrain-score") == "1"
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, "nothing overflows the phone's width"
    assert sticking_out(root) == [], "everything stays inside the exercise"


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("path", [ELECTIVE, SELF_SCORING])
def test_axe_before_and_after_checking(page, base_url, path, scheme):
    set_scheme(page, base_url, scheme)
    open_page(page, base_url + path)
    assert serious_violations(page) == []
    for root in page.locator('.annotrain-exercise[data-annotrain-type="rating"]').all():
        root.locator("fieldset").first.locator("input").first.check()
        root.get_by_role("button", name="Check").click()
    assert serious_violations(page) == [], "after checking"
