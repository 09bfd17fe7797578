"""Relations exercises in headless Chromium: spans marked and linked with the
keyboard alone, with the mouse, and with taps on a phone; a reversed link named in
the feedback; undo and redo over links; links following a relabelled span and going
with a removed one; axe in the light and dark palettes; a relation task in the
week-5 quiz. (The exam test answers one in a sealed exam through answering.py.)"""

from __future__ import annotations

import pytest

from .answering import answer_relations, choose, focused
from .conftest import open_page, screenshot, serious_violations, show_answer
from .pointing import set_scheme
from .test_spans import drag, key_of, root_of, task_of, tokens_of

LESSON = "week-5/entities-and-relations/"
FIRST = "w5-rel-first-links"
MANY = "w5-rel-many-links"


def answer(page, exercise_id):
    return page.evaluate("id => window.annotrain.getResponse(id)", exercise_id)


def mark_spans_with_mouse(page, exercise_id):
    root, task = root_of(page, exercise_id), task_of(page, exercise_id)
    for span in task["gold"]["spans"]:
        drag(page, root, span["start"], span["end"])
        page.keyboard.press(key_of(task, span["label"]))
    return root, task


def link_with_menus(page, root, task, source: int, target: int, label: str):
    """From, To and Relation chosen with the keys of a focused menu; Add link clicked."""
    for name, index in (
        ("from", source + 1),
        ("to", target + 1),
        ("label", task["relation_labels"].index(label)),
    ):
        menu = root.locator(f'[data-annotrain-rel="{name}"]')
        menu.focus()
        choose(page, menu, index)
    root.locator(".annotrain-relations-add").click()


def test_keyboard_only(page, base_url):
    open_page(page, base_url + LESSON)
    root, task = root_of(page, FIRST), task_of(page, FIRST)
    answer_relations(page, root, task, task["gold"])
    assert answer(page, FIRST) == task["gold"]
    status = root.locator(".annotrain-relations-status").inner_text()
    assert status == "Linked \u201cKestrel Energy\u201d to \u201cAberdeen\u201d as located_in."
    assert root.locator(".annotrain-relations-items li").all_inner_texts() == [
        "works_for: \u201cAiko Mori\u201d \u2192 \u201cKestrel Energy\u201d Remove",
        "located_in: \u201cKestrel Energy\u201d \u2192 \u201cAberdeen\u201d Remove",
    ]
    # Enter on a word that is in no span says so and links nothing.
    passage = root.locator(".annotrain-spans-passage")
    passage.focus()
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    assert (
        "no marked span at the cursor" in root.locator(".annotrain-relations-status").inner_text()
    )
    # Remove the first link from the list with the keyboard, then undo that with Ctrl+Z.
    root.locator(".annotrain-relations-items button").first.focus()
    page.keyboard.press("Enter")
    assert answer(page, FIRST)["relations"] == task["gold"]["relations"][1:]
    page.keyboard.press("Control+z")
    assert answer(page, FIRST) == task["gold"]
    # On to Check with Tab, then Enter.
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.dataset.annotrainAction") == "check":
            break
    page.keyboard.press("Enter")
    assert float(root.get_attribute("data-annotrain-score")) == 1.0
    marks = root.locator(".annotrain-relations-items li").evaluate_all(
        "lis => lis.map(li => li.dataset.annotrainMark)"
    )
    assert marks == ["correct", "correct"]


def test_a_reversed_link_is_named_and_undo_redo_walk_the_links(page, base_url):
    open_page(page, base_url + LESSON)
    root, task = mark_spans_with_mouse(page, FIRST)
    spans = task["gold"]["spans"]  # Aiko Mori, Kestrel Energy, Aberdeen
    link_with_menus(page, root, task, 1, 0, "works_for")  # the wrong way round
    link_with_menus(page, root, task, 1, 2, "located_in")
    wrong = {
        "spans": spans,
        "relations": [
            {"from": 1, "to": 0, "label": "works_for"},
            {"from": 1, "to": 2, "label": "located_in"},
        ],
    }
    assert answer(page, FIRST) == wrong
    # The same link again is refused; a link from a span to itself too.
    link_with_menus(page, root, task, 1, 2, "located_in")
    assert root.locator(".annotrain-relations-status").inner_text() == "That link is already there."
    link_with_menus(page, root, task, 0, 0, "works_for")
    assert "two different spans" in root.locator(".annotrain-relations-status").inner_text()
    assert answer(page, FIRST) == wrong
    # Undo walks back over the links, then the spans; redo comes back.
    undo = root.get_by_role("button", name="Undo", exact=True)
    redo = root.get_by_role("button", name="Redo", exact=True)
    undo.click()
    assert answer(page, FIRST)["relations"] == wrong["relations"][:1]
    undo.click()
    assert answer(page, FIRST) == {"spans": spans, "relations": []}
    undo.click()
    assert answer(page, FIRST)["spans"] == spans[:2]
    redo.click()
    redo.click()
    root.locator(".annotrain-spans-passage").focus()
    page.keyboard.press("Control+Shift+z")
    assert answer(page, FIRST) == wrong
    root.get_by_role("button", name="Check").click()
    feedback = root.locator(".annotrain-feedback").inner_text()
    assert (
        "works_for points the wrong way: from \u201cKestrel Energy\u201d to \u201cAiko Mori\u201d"
        in feedback
    )
    assert root.get_attribute("data-annotrain-passed") == "false"
    assert root.locator(".annotrain-relations-gold").count() == 0, "no gold before it is shown"
    show_answer(root)
    marks = root.locator(".annotrain-relations-items li").evaluate_all(
        "lis => lis.map(li => li.dataset.annotrainMark)"
    )
    assert marks == ["reversed", "correct"]
    gold = root.locator(".annotrain-relations-gold li").all_inner_texts()
    assert gold == [
        "works_for: \u201cAiko Mori\u201d \u2192 \u201cKestrel Energy\u201d \u2717 missed",
        "located_in: \u201cKestrel Energy\u201d \u2192 \u201cAberdeen\u201d \u2713 found",
    ]
    root.locator(".annotrain-relations").scroll_into_view_if_needed()
    screenshot(page, "relations-checked")


def test_links_follow_a_relabelled_span_and_go_with_a_removed_one(page, base_url):
    open_page(page, base_url + LESSON)
    root, task = mark_spans_with_mouse(page, MANY)
    gold = task["gold"]
    for rel in gold["relations"]:
        link_with_menus(page, root, task, rel["from"], rel["to"], rel["label"])
    assert answer(page, MANY) == gold
    # Brook & Vale relabelled Location: every link keeps it; back to Organization.
    menus = root.locator(".annotrain-spans-items select")
    menus.first.select_option("Location")
    assert len(answer(page, MANY)["relations"]) == 4
    root.locator(".annotrain-spans-items select").first.select_option("Organization")
    assert answer(page, MANY) == gold
    # Removing Brook & Vale removes its four links.
    root.get_by_role("button", name="Remove Organization: \u201cBrook & Vale\u201d").click()
    assert answer(page, MANY)["relations"] == []
    assert root.locator(".annotrain-relations-items li").inner_text() == "No links yet."


def test_touch_taps_on_a_phone(phone, base_url):
    page = phone
    open_page(page, base_url + LESSON)
    root, task = root_of(page, FIRST), task_of(page, FIRST)
    for span in task["gold"]["spans"]:
        first, last = tokens_of(root, span["start"], span["end"])
        first.scroll_into_view_if_needed()
        page.wait_for_timeout(400)
        first.tap()
        page.wait_for_timeout(400)
        last.tap()
        root.locator(f'.annotrain-spans-label[data-label="{span["label"]}"]').tap()
    for rel in task["gold"]["relations"]:
        # A phone shows its own picker for a menu; the choice reaches the page as a change.
        root.locator('[data-annotrain-rel="from"]').select_option(str(rel["from"]))
        root.locator('[data-annotrain-rel="to"]').select_option(str(rel["to"]))
        root.locator('[data-annotrain-rel="label"]').select_option(rel["label"])
        add = root.locator(".annotrain-relations-add")
        add.scroll_into_view_if_needed()
        page.wait_for_timeout(400)
        add.tap()
    assert answer(page, FIRST) == task["gold"]
    root.locator(".annotrain-relations").scroll_into_view_if_needed()
    screenshot(page, "relations-phone")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_lesson_page_accessibility(page, base_url, scheme):
    set_scheme(page, base_url, scheme)
    open_page(page, base_url + LESSON)
    root, task = mark_spans_with_mouse(page, FIRST)
    link_with_menus(page, root, task, 1, 0, "works_for")
    assert serious_violations(page) == [], "while linking"
    root.get_by_role("button", name="Check").click()
    show_answer(root)
    root.locator(".annotrain-relations").scroll_into_view_if_needed()
    screenshot(page, f"relations-checked-{scheme}")
    assert serious_violations(page) == [], "after checking"


def test_quiz_with_a_relations_task(page, base_url):
    import json

    open_page(page, base_url + "week-5/quiz/")
    page.evaluate("() => window.annotrain.quiz.start('week-5', {seed: 5})")
    data = json.loads(
        page.locator("[data-annotrain-quiz=week-5]").get_attribute("data-annotrain-quiz-data")
    )
    attempt = page.evaluate("() => window.annotrain.quiz.current('week-5')")
    ids = [t for t in attempt["tasks"] if data["tasks"][t]["task"]["type"] == "relations"]
    assert ids, "the quiz draws a relations task"
    li = page.locator(f'.annotrain-quiz-task[data-annotrain-id="{ids[0]}"]')
    for _ in range(len(attempt["tasks"])):
        if li.is_visible():
            break
        page.get_by_role("button", name="Next").click()
    task = data["tasks"][ids[0]]["task"]
    answer_relations(page, li, task, task["gold"])
    saved = page.evaluate("() => window.annotrain.quiz.current('week-5')")["responses"][ids[0]]
    assert saved == task["gold"], "each edit is saved to the attempt"
    assert focused(li.locator(".annotrain-relations-add"))
    page.evaluate("() => window.annotrain.quiz.submit('week-5')")
    page.locator("[data-annotrain-quiz=week-5][data-annotrain-reviewed]").wait_for(state="attached")
    assert float(li.get_attribute("data-annotrain-score")) == 1.0
