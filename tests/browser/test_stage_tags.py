"""The image stage's text tags on a phone, on every image exercise of the course's
lessons: the learner's tags ("1: Scratch", a landmark's name) and, after Check,
the gold tags ("Gold: Scratch") never print over each other, over any shape
(the learner's or the gold's) or outside the picture, for an answer that is the
gold and for one a little off with a wrong label. On a 390 px phone a tag is
as wide as a large part of the picture, so this is where they would collide."""

from __future__ import annotations

import copy

import pytest

from .conftest import open_page, show_answer
from .pointing import Picture, tags_on

EXERCISES = [
    ("week-3/bounding-boxes/", "w3-pcb-defects"),
    ("week-3/bounding-boxes/", "w3-coins-top-row"),
    ("week-3/precision-and-consistency/", "w3-tight-bridge"),
    ("week-4/polygons-and-segmentation/", "w4-aerial-footprints"),
    ("week-4/polygons-and-segmentation/", "w4-espresso-crema"),
    ("week-4/keypoints/", "w4-cartoon-face"),
    ("week-4/keypoints/", "w4-cat-face"),
    ("week-4/occlusion-and-truncation/", "w4-astronaut-ears"),
]


def off(task: dict) -> dict:
    """The gold moved 9 px right and 6 px down, its first object with another label."""
    answer = copy.deepcopy(task["gold"])
    labels = task["labels"]

    def other(label):
        return labels[(labels.index(label) + 1) % len(labels)]

    if "boxes" in answer:
        for box in answer["boxes"]:
            box["x"] = min(box["x"] + 9, task["image"]["width"] - box["w"])
            box["y"] = min(box["y"] + 6, task["image"]["height"] - box["h"])
        answer["boxes"][0]["label"] = other(answer["boxes"][0]["label"])
    elif "polygons" in answer:
        for polygon in answer["polygons"]:
            polygon["points"] = [[x + 9, y + 6] for x, y in polygon["points"]]
        answer["polygons"][0]["label"] = other(answer["polygons"][0]["label"])
    else:  # keypoints: each landmark has its name, so only the places change
        for point in answer["points"]:
            if point.get("visible", True):
                point["x"] += 9
                point["y"] += 6
    return answer


@pytest.mark.parametrize("answer", ["gold", "off"])
@pytest.mark.parametrize(("path", "exercise"), EXERCISES, ids=[e for _, e in EXERCISES])
def test_tags_stay_clear_of_each_other_and_of_the_shapes_on_a_phone(
    phone, base_url, path, exercise, answer
):
    page = phone
    open_page(page, base_url + path)
    picture = Picture(page, exercise)
    picture.show()
    task = picture.task
    given = task["gold"] if answer == "gold" else off(task)
    page.evaluate("([id, r]) => window.annotrain.setResponse(id, r)", [exercise, given])
    mine = tags_on(picture.root)
    assert mine["tags"], "the learner's objects are tagged"
    assert mine["clashes"] == []
    picture.root.get_by_role("button", name="Check").click()
    if picture.root.get_attribute("data-annotrain-revealed") == "false":
        show_answer(picture.root)  # a wrong check shows the gold when asked
    both = tags_on(picture.root)
    objects = next(iter(task["gold"].values()))
    shown = [o for o in objects if o.get("visible", True)]  # hidden landmarks have no place
    assert len([tag for tag in both["tags"] if tag.startswith("Gold: ")]) == len(shown)
    assert both["clashes"] == []
