"""Choice and multi exercises in headless Chromium, with real clicks and keys."""

from __future__ import annotations

import json
import random

import pytest

from ..conftest import python_grade
from ..responses import RESPONSES
from .conftest import open_page, screenshot
from .looks import palette
from .pointing import set_scheme

LESSON = "week-1/what-is-annotation/"
SENTIMENT = "#annotrain-w1-review-sentiment"
TAGS = "#annotrain-w1-support-ticket-tags"


def choose(page, root: str, label: str):
    page.locator(root).get_by_label(label, exact=True).check()


def test_choice_click_check_feedback_and_retry(page, base_url):
    open_page(page, base_url + LESSON)
    root = page.locator(SENTIMENT)
    choose(page, SENTIMENT, "Neutral")
    root.get_by_role("button", name="Check").click()
    # One step off on a 3-label scale: level 3 of 5 on a weight-3 criterion.
    assert float(root.get_attribute("data-annotrain-score")) == pytest.approx(0.6)
    assert root.get_attribute("data-annotrain-passed") == "false"
    feedback = root.locator(".annotrain-feedback")
    text = feedback.inner_text()
    assert "Not passed yet" in text
    assert "Acceptable" in text
    assert "One step off on the scale" in text
    # A first wrong check says how far off, not which label is right.
    assert "You chose Neutral, 1 of 2 steps away from the answer on the scale." in text
    assert "Positive" not in text
    assert "The writer praises the sound and battery" not in text  # the explanation waits
    assert root.locator("input[value=Neutral]").is_disabled()
    screenshot(page, "choice-feedback-light")

    root.get_by_role("button", name="Try again").click()
    assert root.get_attribute("data-annotrain-score") is None
    assert root.locator("input[value=Neutral]").is_checked()  # kept, to mend
    choose(page, SENTIMENT, "Positive")
    root.get_by_role("button", name="Check").click()
    assert float(root.get_attribute("data-annotrain-score")) == 1.0
    assert root.get_attribute("data-annotrain-passed") == "true"


def test_graded_event_carries_the_grade(page, base_url):
    open_page(page, base_url + LESSON)
    page.evaluate(
        """() => { window.__grades = [];
        document.addEventListener('annotrain:graded', e => window.__grades.push(e.detail)); }"""
    )
    choose(page, SENTIMENT, "Negative")
    page.locator(SENTIMENT).get_by_role("button", name="Check").click()
    grades = page.evaluate("() => window.__grades")
    assert len(grades) == 1
    assert grades[0]["id"] == "w1-review-sentiment"
    assert grades[0]["criteria"]["correctness"]["level"] == 1
    assert grades[0]["score"] == pytest.approx(0.2)


def test_multi_select(page, base_url):
    open_page(page, base_url + LESSON)
    root = page.locator(TAGS)
    for label in ("Billing", "Shipping", "Bug or crash"):
        root.get_by_label(label, exact=True).check()
    root.get_by_role("button", name="Check").click()
    # precision 2/3 and recall 2/3: both Acceptable, (2*3 + 2*3) / 20.
    assert float(root.get_attribute("data-annotrain-score")) == pytest.approx(0.6)
    text = root.locator(".annotrain-feedback").inner_text()
    assert "Shipping" not in text and "Login or access" not in text  # gold not named yet
    root.get_by_role("button", name="Show answer").click()
    text = root.locator(".annotrain-feedback").inner_text()
    assert "Chosen but not in the gold answer: \u201cShipping\u201d." in text
    assert "In the gold answer but not chosen: \u201cLogin or access\u201d." in text


def test_reload_keeps_last_answer_and_best_score(page, base_url):
    open_page(page, base_url + LESSON)
    root = page.locator(SENTIMENT)
    choose(page, SENTIMENT, "Positive")
    root.get_by_role("button", name="Check").click()
    root.get_by_role("button", name="Try again").click()
    choose(page, SENTIMENT, "Neutral")
    root.get_by_role("button", name="Check").click()
    page.reload()
    page.evaluate("() => window.annotrain.ready")
    root = page.locator(SENTIMENT)
    assert root.locator("input[value=Neutral]").is_checked()
    assert "100" in root.locator(".annotrain-best").inner_text()  # the best, not the last, score


def test_hints_revealed_one_at_a_time(page, base_url):
    open_page(page, base_url + LESSON)
    root = page.locator(SENTIMENT)
    hint_button = root.locator("[data-annotrain-action=hint]")
    assert root.locator(".annotrain-hint-list li").count() == 0
    hint_button.click()
    assert root.locator(".annotrain-hint-list li").count() == 1
    hint_button.click()
    assert root.locator(".annotrain-hint-list li").count() == 2
    assert hint_button.is_hidden()  # this exercise has two hints
    stored = page.evaluate("() => localStorage.getItem('annotrain:v1:annotrain-course')")
    assert json.loads(stored)["exercises"]["w1-review-sentiment"]["hints"] == 2


def test_keyboard_only(page, base_url):
    open_page(page, base_url + LESSON)
    page.locator(SENTIMENT).locator("input").first.focus()
    page.keyboard.press("ArrowDown")  # radio group: arrows move and select
    page.keyboard.press("ArrowDown")
    # Tab past the hint button to Check, then Enter.
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.dataset.annotrainAction") == "check":
            break
    page.keyboard.press("Enter")
    root = page.locator(SENTIMENT)
    assert (
        float(root.get_attribute("data-annotrain-score")) == 1.0
    )  # Negative -> Neutral -> Positive
    focused = page.evaluate("() => document.activeElement.className")
    assert "annotrain-feedback" in focused, "focus moves to the feedback after Check"
    # Space toggles a checkbox.
    page.locator(TAGS).locator("input").first.focus()
    page.keyboard.press("Space")
    assert page.locator(TAGS).locator("input").first.is_checked()


def test_instant_navigation_brings_exercises_alive(page, base_url):
    page.goto(base_url)
    page.wait_for_function("() => typeof window.document$ === 'object'")  # Material is live
    page.evaluate("() => { window.__samePage = true; }")
    page.locator("nav.md-nav--primary").get_by_role("link", name="Week 1 Foundations").first.click()
    page.locator("nav.md-nav--primary").get_by_role(
        "link", name="What is data annotation?"
    ).first.click()
    page.wait_for_selector(SENTIMENT + "[data-annotrain-ready]")
    assert page.evaluate("() => window.__samePage") is True, "navigation was instant, not a reload"
    choose(page, SENTIMENT, "Positive")
    page.locator(SENTIMENT).get_by_role("button", name="Check").click()
    assert page.locator(SENTIMENT).get_attribute("data-annotrain-score") == "1"


def pages_with_exercises(site_dir):
    for html in sorted(site_dir.rglob("index.html")):
        if 'data-annotrain-id="' in html.read_text(encoding="utf-8"):
            yield html.parent.relative_to(site_dir).as_posix() + "/"


def another_response(task: dict):
    """A well-formed answer that is usually not the gold one, in the type's shape."""
    kind = task["type"]
    if kind == "choice":
        return {"choice": task["labels"][0]}
    if kind == "multi":
        return {"choices": task["labels"][:2]}
    if kind == "rating":
        first = task["scale"]["criteria"][0]["id"]
        return {"ratings": {first: task["scale"]["levels"][-1]["value"]}}
    if kind == "numeric":
        return {"value": task["gold"]["value"] + 1}
    if kind == "rank":
        return {
            "order": [item["id"] for item in task["responses"]][::-1],
            "justification": "Reversed.",
        }
    if kind == "pairwise":
        return {"choice": task["responses"][0]["id"]}
    if kind == "transcript":
        return {"text": task["gold"]["text"].upper() + " and then some"}
    if kind == "segments":
        gold = task["gold"]["segments"]
        shifted = [{**s, "end": s["end"] + 0.3} for s in gold[1:]]
        return {"segments": [*shifted, {"start": 0, "end": 0.2, "label": task["labels"][-1]}]}
    # Geometry and spans: a random answer near the gold (tests/responses.py).
    return RESPONSES[kind](random.Random(kind), task)


def test_api_matches_python_grader_on_every_course_exercise(page, course_site, messages):
    site_dir, base_url = course_site
    checked = 0
    lessons = list(pages_with_exercises(site_dir))
    assert len(lessons) >= 10
    for lesson in lessons:
        open_page(page, base_url + lesson)
        for exercise_id in page.evaluate("() => window.annotrain.exercises()"):
            task = page.evaluate("id => window.annotrain.task(id)", exercise_id)
            responses = [task["gold"], {}, another_response(task)]
            if task.get("justification") == "required":
                responses.append({**task["gold"], "justification": "Because."})
            for response in responses:
                page.evaluate(
                    "([id, r]) => window.annotrain.setResponse(id, r)", [exercise_id, response]
                )
                # What the widget shows is what Check grades (a rank list always has an order).
                shown = page.evaluate("id => window.annotrain.getResponse(id)", exercise_id)
                missing = page.evaluate(
                    "([id, r]) => window.annotrain.grader.missing(window.annotrain.task(id), r)",
                    [exercise_id, shown],
                )
                browser_grade = page.evaluate("id => window.annotrain.check(id)", exercise_id)
                if missing:
                    assert browser_grade is None, (exercise_id, missing)
                    continue
                # A wrong check made before the answer shows names no gold.
                revealed = page.evaluate(
                    "id => document.getElementById('annotrain-' + id)"
                    ".getAttribute('data-annotrain-revealed')",
                    exercise_id,
                )
                hidden = not browser_grade["passed"] and revealed == "false"
                expected = python_grade(task, shown, messages, hide_gold=hidden)
                assert browser_grade["score"] == pytest.approx(expected["score"], abs=1e-12)
                assert browser_grade["passed"] == expected["passed"]
                assert browser_grade["criteria"] == expected["criteria"] | {
                    k: {**v, "value": pytest.approx(v["value"])}
                    for k, v in expected["criteria"].items()
                }
                page.locator(f"#annotrain-{exercise_id} [data-annotrain-action=retry]").click()
                checked += 1
    assert checked >= 100


def test_corrupt_progress_is_kept_aside_and_reported(page, base_url):
    key = "annotrain:v1:annotrain-course"
    page.goto(base_url)
    page.evaluate('k => localStorage.setItem(k, \'{"format": "annotrain-progress", trunc\')', key)
    open_page(page, base_url + LESSON)
    notice = page.locator(".annotrain-notice")
    assert notice.count() == 1
    assert "could not be read" in notice.inner_text()
    kept = page.evaluate(
        "k => Object.keys(localStorage).filter(n => n.startsWith(k + ':aside:')).map(n => localStorage.getItem(n))",
        key,
    )
    assert kept == ['{"format": "annotrain-progress", trunc']
    choose(page, SENTIMENT, "Positive")
    page.locator(SENTIMENT).get_by_role("button", name="Check").click()
    assert page.locator(SENTIMENT).get_attribute("data-annotrain-score") == "1"


def test_future_version_progress_is_not_overwritten(page, base_url):
    key = "annotrain:v1:annotrain-course"
    future = json.dumps(
        {"format": "annotrain-progress", "version": 9, "site": "annotrain-course", "exercises": {}}
    )
    page.goto(base_url)
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, future])
    open_page(page, base_url + LESSON)
    assert "newer version" in page.locator(".annotrain-notice").inner_text()
    kept = page.evaluate(
        "k => Object.keys(localStorage).filter(n => n.startsWith(k + ':aside:')).map(n => localStorage.getItem(n))",
        key,
    )
    assert kept == [future]


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_screenshots_light_dark(page, base_url, scheme):
    set_scheme(page, base_url, scheme)
    open_page(page, base_url + LESSON)
    root = page.locator(TAGS)
    root.get_by_label("Billing", exact=True).check()
    root.get_by_label("Shipping", exact=True).check()
    root.get_by_role("button", name="Check").click()
    root.scroll_into_view_if_needed()
    assert palette(page) == scheme
    screenshot(page, f"multi-feedback-{scheme}")


def test_phone_viewport(phone, base_url):
    page = phone
    open_page(page, base_url + LESSON)
    root = page.locator(SENTIMENT)
    root.scroll_into_view_if_needed()
    root.get_by_text("Positive", exact=True).tap()
    root.get_by_role("button", name="Check").tap()
    assert root.get_attribute("data-annotrain-score") == "1"
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, "nothing is wider than the phone's screen"
    screenshot(page, "choice-phone")
