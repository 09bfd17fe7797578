"""Mask exercises in headless Chromium: painting with real keys (brush cursor, Space
strokes, sizes, fill, eraser, undo and redo), with the mouse (the gold painted run by
run scores 1, a stroke and a fill), with touch on a phone, the gold layer, screenshots
in light and dark, and axe. Responses are decoded here, independently of the widget."""

from __future__ import annotations

import pytest

from ..conftest import python_grade
from .answering import answer_masks
from .conftest import open_page, screenshot, serious_violations
from .pointing import Cursor, Picture, set_scheme, tab_to_check, touch_drag

LESSON = "week-4/masks/"
POND = "w4-masks-pond"
LAKE = "w4-masks-lake"


def pixels(response: dict, height: int) -> dict[str, set[tuple[int, int]]]:
    """Class -> its painted (x, y), decoded from the counts (column by column)."""
    found = {}
    for mask in response["masks"]:
        assert mask["size"][0] == height
        painted, position = set(), 0
        for index, length in enumerate(mask["counts"]):
            if index % 2 == 1:
                painted |= {divmod(p, height) for p in range(position, position + length)}
            position += length
        assert position == mask["size"][0] * mask["size"][1]
        found[mask["label"]] = painted
    return found


def response_of(page, exercise_id: str) -> dict:
    return page.evaluate("id => window.annotrain.getResponse(id)", exercise_id)


def square(x0: int, y0: int, x1: int, y1: int) -> set[tuple[int, int]]:
    return {(x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)}


def test_keyboard_only_painting(page, base_url, messages):
    open_page(page, base_url + LESSON)
    picture = Picture(page, POND)
    picture.show()
    cursor = Cursor(picture)
    keys = page.keyboard
    keys.press("2")
    picture.announced("Painting Path.")
    for _ in range(3):
        keys.press("[")
    picture.announced("Brush size 1 px.")
    # Hold Space while moving: one stroke, 11 pixels long.
    cursor.go(20, 20)
    keys.down("Space")
    cursor.go(30, 20)
    keys.up("Space")
    picture.announced("Path: 11 px painted.")
    # A dab with the 3 px brush: the pixel and its four neighbours.
    keys.press("1")
    keys.press("]")
    cursor.go(50, 50)
    keys.press("Space")
    picture.announced("Water: 5 px painted.")
    # An outline with the 1 px brush, then F inside fills it.
    keys.press("[")
    cursor.go(100, 100)
    keys.down("Space")
    for x, y in ((120, 100), (120, 120), (100, 120), (100, 100)):
        cursor.go(x, y)
    keys.up("Space")
    cursor.go(110, 110)
    keys.press("f")
    picture.announced("Filled 361 px; Water: 446 px painted.")
    painted = pixels(response_of(page, POND), 300)
    plus = {(50, 50), (49, 50), (51, 50), (50, 49), (50, 51)}
    assert painted == {"Water": plus | square(100, 100, 120, 120), "Path": square(20, 20, 30, 20)}
    # The eraser takes one pixel away; undo, redo and undo again.
    keys.press("e")
    picture.announced("Eraser on")
    keys.press("Space")
    picture.announced("Erased; Water: 445 px painted.")
    assert (110, 110) not in pixels(response_of(page, POND), 300)["Water"]
    keys.press("Control+z")
    picture.announced("Undone")
    assert (110, 110) in pixels(response_of(page, POND), 300)["Water"]
    keys.press("Control+Shift+z")
    assert (110, 110) not in pixels(response_of(page, POND), 300)["Water"]
    keys.press("Control+z")
    keys.press("e")
    # Delete clears the chosen class; undo brings it back.
    keys.press("2")
    keys.press("Delete")
    picture.announced("Path: mask cleared.")
    assert set(pixels(response_of(page, POND), 300)) == {"Water"}
    keys.press("Control+z")
    response = response_of(page, POND)
    assert pixels(response, 300) == painted
    tab_to_check(page, POND)
    keys.press("Enter")
    expected = python_grade(picture.task, response, messages)
    assert float(picture.root.get_attribute("data-annotrain-score")) == pytest.approx(
        expected["score"]
    )
    assert picture.root.get_attribute("data-annotrain-passed") == "false"
    assert "Water: your mask overlaps the gold with IoU" in picture.feedback()


def test_the_gold_painted_run_by_run_scores_one(page, base_url):
    open_page(page, base_url + LESSON)
    picture = Picture(page, LAKE)
    gold = page.evaluate("id => window.annotrain.task(id)", LAKE)["gold"]
    answer_masks(page, picture.root, picture.task, gold)
    assert response_of(page, LAKE) == {"masks": gold["masks"]}
    assert picture.check() == 1.0
    text = picture.feedback()
    assert "Water: boundary F 1 (precision 1, recall 1, within 2 px)." in text
    assert picture.root.locator(".annotrain-stage-gold path.annotrain-masks-gold").count() == 1
    assert picture.root.locator(".annotrain-stage-gold text").all_text_contents() == ["Gold: Water"]
    items = picture.root.locator(".annotrain-stage-gold-list li").all_inner_texts()
    assert items == [f"Gold Water: {len(pixels(gold, 300)['Water'])} px"]
    picture.show()
    screenshot(page, "masks-lake-gold-light")


def test_mouse_stroke_and_fill(page, base_url):
    open_page(page, base_url + LESSON)
    picture = Picture(page, POND)
    picture.show()
    picture.drag((150, 120), (250, 120))  # the default brush, 9 px across
    water = pixels(response_of(page, POND), 300)["Water"]
    assert {(x, 120) for x in range(150, 251)} <= water
    assert {(150, 116), (250, 124)} <= water and (150, 115) not in water
    assert max(y for _, y in water) == 124 and min(y for _, y in water) == 116
    # Fill on, a click on the lawn far from the stroke: every unpainted pixel reachable
    # becomes Water, so only the stroke's own pixels keep their paint.
    picture.root.locator("label.annotrain-stage-label", has_text="Path").click()
    picture.root.get_by_role("button", name="Fill").click()
    picture.click(10, 10)
    painted = pixels(response_of(page, POND), 300)
    assert painted["Water"] == water
    assert len(painted["Path"]) == 400 * 300 - len(water)
    picture.root.get_by_role("button", name="Undo").click()
    assert set(pixels(response_of(page, POND), 300)) == {"Water"}


def test_touch_on_a_phone(phone, base_url):
    page = phone
    open_page(page, base_url + LESSON)
    picture = Picture(page, POND)
    picture.show()
    picture.root.locator("label.annotrain-stage-label", has_text="Path").tap()
    touch_drag(page, picture.at(20, 240), picture.at(380, 250), 12)
    painted = pixels(response_of(page, POND), 300)
    assert set(painted) == {"Path"} and {(200, 245), (21, 241)} <= painted["Path"]
    picture.root.get_by_role("button", name="Check").click()  # as bbox's phone test after a drag
    assert picture.root.get_attribute("data-annotrain-passed") == "false"
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, "nothing is wider than the phone's screen"
    picture.show()
    screenshot(page, "masks-pond-phone")


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_screens_and_accessibility(page, base_url, scheme):
    set_scheme(page, base_url, scheme)
    open_page(page, base_url + LESSON)
    assert serious_violations(page) == []
    picture = Picture(page, "w4-masks-beach")
    picture.show()
    picture.root.locator("label.annotrain-stage-label", has_text="Sea").click()
    picture.drag((20, 130), (380, 140))
    screenshot(page, f"masks-beach-painting-{scheme}")
    assert serious_violations(page) == [], "while painting"
    picture.check()
    picture.show()
    screenshot(page, f"masks-beach-gold-{scheme}")
    assert serious_violations(page) == [], "after checking"
