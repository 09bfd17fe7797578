"""The practice labs' drawing exercises in headless Chromium: one exercise of each
drawing type (boxes, outlines, landmarks) answered with real mouse events at the
gold pixels that tools/make_images.py wrote, and graded as a pass."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import open_page, serious_violations
from .pointing import Picture, outline

IMAGES = Path(__file__).resolve().parents[2] / "course" / "assets" / "images"


def drawn_gold(name: str) -> dict:
    """The gold the drawing program wrote next to the image, not the lesson's copy."""
    return json.loads((IMAGES / f"{name}.gold.json").read_text(encoding="utf-8"))


def passed(picture: Picture) -> float:
    score = picture.check()
    assert picture.root.get_attribute("data-annotrain-passed") == "true", picture.feedback()
    return score


def test_boxes_on_the_crowded_board(page, base_url):
    open_page(page, base_url + "week-3/practice-lab/")
    picture = Picture(page, "w3-lab-pcb-crowded")
    picture.show()
    boxes = drawn_gold("practice-pcb-crowded")["boxes"]
    for box in boxes:
        picture.root.locator(".annotrain-stage-labels label", has_text=box["label"]).click()
        picture.drag((box["x"], box["y"]), (box["x"] + box["w"], box["y"] + box["h"]))
    response = page.evaluate("id => window.annotrain.getResponse(id)", picture.id)
    assert sorted(response["boxes"], key=lambda b: b["x"]) == sorted(boxes, key=lambda b: b["x"])
    assert passed(picture) == 1.0


def test_outlines_of_the_fields(page, base_url):
    open_page(page, base_url + "week-4/practice-lab/")
    picture = Picture(page, "w4-lab-fields")
    picture.show()
    polygons = drawn_gold("practice-fields")["polygons"]
    label = None
    for polygon in polygons:
        outline(picture, polygon["points"], polygon["label"] if polygon["label"] != label else None)
        label = polygon["label"]
    response = page.evaluate("id => window.annotrain.getResponse(id)", picture.id)
    assert response == {"polygons": polygons}
    assert passed(picture) == 1.0


def test_hand_landmarks_with_one_hidden(page, base_url):
    open_page(page, base_url + "week-4/practice-lab/")
    picture = Picture(page, "w4-lab-hand")
    picture.show()
    points = drawn_gold("practice-hand")["points"]
    for point in points:
        if point.get("visible") is False:
            picture.root.get_by_role("button", name="Not visible").click()
        else:
            picture.click(point["x"], point["y"])
    response = page.evaluate("id => window.annotrain.getResponse(id)", picture.id)
    assert response == {"points": points}
    assert passed(picture) == 1.0
    # A wrong answer on the same exercise fails: the ring fingertip guessed behind the card.
    picture.root.get_by_role("button", name="Try again").click()
    for point in points:
        x, y = (point["x"], point["y"]) if "x" in point else (222, 66)
        picture.click(x, y)
    picture.check()
    assert "Ring tip" in picture.feedback()
    assert float(picture.root.get_attribute("data-annotrain-score")) < 1


def test_practice_pages_have_no_serious_accessibility_violations(page, base_url):
    for week in (3, 4, 5, 6, 7):
        open_page(page, base_url + f"week-{week}/practice-lab/")
        assert serious_violations(page) == [], f"week-{week}/practice-lab/"
