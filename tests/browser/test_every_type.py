"""Accessibility gates over a lesson exercise of every task type in the flagship course.

For each type, the first exercise of that type in the course's lessons:

- axe-core finds no serious or critical violation in it, in the light and the dark
  palette, before and after it is checked (feedback table, gold layer shown);
- walking through it with Tab reaches every control with a visible focus ring,
  leaves it again (nothing traps the keyboard), and Shift+Tab comes back;
- pressing Enter on Check grades it and the result is announced by a live region.

Completing each type with the keyboard alone is tested in the type's own file
(test_<type>.py, test_exercises.py for choice and multi).
"""

from __future__ import annotations

import pytest

from annotrain.tasktypes import TASK_TYPES

from .conftest import open_exercise, screenshot, serious_violations

MAX_TAB_STOPS = 60


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("type_name", sorted(TASK_TYPES))
def test_no_serious_violation_before_and_after_check(
    page, base_url, exercise_of_type, type_name, scheme
):
    exercise_id, root = open_exercise(page, base_url, exercise_of_type, type_name, scheme)
    where = f'.annotrain-exercise[data-annotrain-id="{exercise_id}"]'
    assert serious_violations(page, where) == [], "before Check"
    grade = page.evaluate(
        """id => {
          const api = window.annotrain;
          api.setResponse(id, api.task(id).gold);
          return api.check(id);
        }""",
        exercise_id,
    )
    assert grade["score"] == 1.0
    root.locator(".annotrain-feedback table").wait_for()
    assert serious_violations(page, where) == [], "after Check"
    screenshot(page, f"every-type-{type_name}-{scheme}")


FOCUS_STATE = """el => {
  const active = document.activeElement;
  if (!active || !el.contains(active)) return null;
  const style = getComputedStyle(active);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const ring = style.boxShadow && style.boxShadow !== 'none';
  // A native player's focus is on a button inside it, which Chromium rings itself.
  const native = active.matches('audio[controls], video[controls]');
  const box = active.getBoundingClientRect();
  const name = active.getAttribute('aria-label') || active.textContent.trim().slice(0, 30);
  return {
    what: active.tagName.toLowerCase() + ' ' + (active.className.baseVal ?? active.className)
      + ' "' + name + '"',
    visible: outline || ring || native,
    onScreen: box.width > 0 && box.height > 0,
  };
}"""


@pytest.mark.parametrize("type_name", sorted(TASK_TYPES))
def test_tab_reaches_every_control_with_visible_focus_and_leaves(
    page, base_url, exercise_of_type, type_name
):
    _, root = open_exercise(page, base_url, exercise_of_type, type_name)
    root.locator(".annotrain-prompt").click()  # Tab starts from the prompt
    stops = []
    for _ in range(MAX_TAB_STOPS):
        page.keyboard.press("Tab")
        state = root.evaluate(FOCUS_STATE)
        if state is None:
            break
        stops.append(state)
    else:
        pytest.fail(f"Tab stays inside the {type_name} exercise: {stops[-3:]}")
    assert stops, "Tab never reached the exercise's controls"
    assert [s["what"] for s in stops if not s["visible"]] == [], "focus not visible"
    assert [s["what"] for s in stops if not s["onScreen"]] == [], "focused but not shown"
    assert any("Check" in s["what"] for s in stops)
    page.keyboard.press("Shift+Tab")
    assert root.evaluate(FOCUS_STATE) is not None, "Shift+Tab does not come back"


@pytest.mark.parametrize("type_name", sorted(TASK_TYPES))
def test_enter_on_check_announces_the_result(page, base_url, exercise_of_type, type_name):
    exercise_id, root = open_exercise(page, base_url, exercise_of_type, type_name)
    page.evaluate(
        "id => window.annotrain.setResponse(id, window.annotrain.task(id).gold)", exercise_id
    )
    check = root.get_by_role("button", name="Check")
    check.focus()
    page.keyboard.press("Enter")
    feedback = root.locator(".annotrain-feedback")
    feedback.locator("table").wait_for()
    assert feedback.get_attribute("role") == "status"
    assert feedback.get_attribute("aria-live") == "polite"
    assert "100%" in feedback.inner_text()
    # Focus moves to the result, so the keyboard continues from there.
    assert feedback.evaluate("el => el === document.activeElement")


#: Per drawing type: (learner marks, gold marks, object list items, gold list items).
DRAWN = {
    "bbox": (
        ".annotrain-stage-objects .annotrain-stage-shape",
        ".annotrain-stage-gold .annotrain-stage-shape",
        ".annotrain-stage-list li",
        ".annotrain-stage-gold-list li",
    ),
    "polygon": (
        ".annotrain-stage-objects .annotrain-stage-shape",
        ".annotrain-stage-gold .annotrain-stage-shape",
        ".annotrain-stage-list li",
        ".annotrain-stage-gold-list li",
    ),
    "keypoints": (
        ".annotrain-stage-objects .annotrain-stage-shape",
        ".annotrain-stage-gold .annotrain-stage-shape",
        ".annotrain-stage-list li",
        ".annotrain-stage-gold-list li",
    ),
    "segments": (
        ".annotrain-seg-item",
        ".annotrain-seg-gold-item",
        ".annotrain-seg-row",
        ".annotrain-seg-gold-list li",
    ),
}

LINE_STYLE = """els => els.map(e => {
  const s = getComputedStyle(e);
  return [s.strokeDasharray, s.borderTopStyle, s.borderLeftStyle].join(' | ');
})"""


@pytest.mark.parametrize("type_name", sorted(DRAWN))
def test_gold_differs_from_the_learner_s_marks_by_line_and_both_are_listed_as_text(
    page, base_url, exercise_of_type, type_name
):
    mine, gold, listed, gold_listed = DRAWN[type_name]
    exercise_id, root = open_exercise(page, base_url, exercise_of_type, type_name)
    page.evaluate(
        "id => window.annotrain.setResponse(id, window.annotrain.task(id).gold)", exercise_id
    )
    objects = page.evaluate(
        "id => Object.values(window.annotrain.getResponse(id)).find(Array.isArray).length",
        exercise_id,
    )
    assert objects > 0
    # Before a check, the text alternative lists every object drawn.
    assert root.locator(listed).count() == objects
    root.get_by_role("button", name="Check").click()
    root.locator(".annotrain-feedback table").wait_for()
    assert root.locator(mine).count() == root.locator(gold).count() == objects
    learner_lines = set(root.locator(mine).evaluate_all(LINE_STYLE))
    gold_lines = set(root.locator(gold).evaluate_all(LINE_STYLE))
    assert learner_lines.isdisjoint(gold_lines), (learner_lines, gold_lines)
    # ...and after it, every gold object, in words.
    assert root.locator(gold_listed).count() == objects


#: What Check says when nothing is answered yet, for the types that need an answer.
#: (Rank shows an order from the start, which Check grades as given.)
NOTHING_YET = {
    "choice": "Give an answer before checking.",
    "multi": "Give an answer before checking.",
    "spans": "Give an answer before checking.",
    "bbox": "Give an answer before checking.",
    "polygon": "Give an answer before checking.",
    "pairwise": "Give an answer before checking.",
    "numeric": "Type a number, such as 12.5, before checking.",
    "rating": "Rate at least one criterion before checking.",
    "keypoints": "Place a landmark, or mark one not visible, before checking.",
    "segments": "Mark at least one segment, or choose “Nothing to mark in this clip”, before checking.",
    "transcript": "Type what you hear, or choose “No speech in this clip”, before checking.",
}


@pytest.mark.parametrize("type_name", sorted(NOTHING_YET))
def test_check_with_nothing_answered_says_what_to_do(page, base_url, exercise_of_type, type_name):
    _, root = open_exercise(page, base_url, exercise_of_type, type_name)
    root.get_by_role("button", name="Check").click()
    feedback = root.locator(".annotrain-feedback")
    assert feedback.inner_text().strip() == NOTHING_YET[type_name]
    assert root.get_attribute("data-annotrain-score") is None
