"""Tracking exercises in headless Chromium: tracks drawn and corrected with real
mouse drags across frames, keyboard only, a touch phone; lazy frame loading,
undo and redo, the gold after a check, screenshots and axe."""

from __future__ import annotations

import pytest

from .answering import answer_tracking, press
from .conftest import open_page, screenshot, serious_violations
from .pointing import Picture, set_scheme, tab_to_check, touch_drag

LESSON = "week-6/video-and-tracking/"
LANE = "w6-track-lane"
CROSSING = "w6-track-crossing"
PILLAR = "w6-track-pillar"


def frame_text(picture: Picture) -> str:
    return picture.root.locator(".annotrain-tracking-frame").inner_text()


def response(page, exercise_id: str):
    return page.evaluate("id => window.annotrain.getResponse(id)", exercise_id)


def test_mouse_keyframes_and_out_of_view_score_one(page, base_url):
    open_page(page, base_url + LESSON)
    picture = Picture(page, LANE)
    picture.show()
    assert frame_text(picture) == "Frame 1 of 12"
    picture.drag((20, 120), (64, 142))
    assert response(page, LANE) == {
        "tracks": [{"label": "Car", "keys": [{"frame": 1, "x": 20, "y": 120, "w": 44, "h": 22}]}]
    }
    next_frame = picture.root.get_by_role("button", name="Next frame")
    for _ in range(8):
        next_frame.click()
    assert frame_text(picture) == "Frame 9 of 12"
    picture.drag((42, 131), (282, 131))  # the held box, moved 240 px right
    next_frame.click()
    picture.drag((282, 131), (319, 131))  # moved as far right as it goes: x 276
    picture.drag((276, 120), (290, 120))  # its top-left corner (a small box has only corners)
    next_frame.click()
    picture.root.get_by_role("button", name="Out of view from here").click()
    keys = response(page, LANE)["tracks"][0]["keys"]
    assert keys == [
        {"frame": 1, "x": 20, "y": 120, "w": 44, "h": 22},
        {"frame": 9, "x": 260, "y": 120, "w": 44, "h": 22},
        {"frame": 10, "x": 290, "y": 120, "w": 30, "h": 22},
        {"frame": 11, "out": True},
    ]
    # Frame 5 lies between keyframes: its box is interpolated, x 20 + 4/8 of 240.
    previous = picture.root.get_by_role("button", name="Previous frame")
    for _ in range(6):
        previous.click()
    assert frame_text(picture) == "Frame 5 of 12"
    item = picture.root.locator(".annotrain-stage-list li").first.inner_text()
    assert "Track 1: Car, x 140–184, y 120–142 px, not a keyframe" in item
    assert picture.check() == 1.0
    assert "Every object keeps one track: no identity switch." in picture.feedback()
    gold = picture.root.locator(".annotrain-stage-gold rect.annotrain-stage-shape")
    assert gold.count() == 1 and gold.first.get_attribute("x") == "140"
    # The frames can still be stepped through after the check, with keys.
    picture.root.locator(".annotrain-stage-view").focus()
    press(page, "End")
    assert frame_text(picture) == "Frame 12 of 12"
    assert gold.count() == 0  # out of view in the gold too
    picture.show()
    screenshot(page, "tracking-lane-checked-light")


def test_only_the_frame_shown_and_the_next_are_fetched(page, base_url):
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    open_page(page, base_url + LESSON)
    task = page.evaluate("id => window.annotrain.task(id)", LANE)

    def frames_fetched() -> set[int]:
        return {
            number
            for number, frame in enumerate(task["frames"], 1)
            for url in fetched
            if url.endswith(frame["webp"]) or url.endswith(frame["src"])
        }

    page.wait_for_load_state("networkidle")
    assert frames_fetched() == {1, 2}
    picture = Picture(page, LANE)
    picture.root.get_by_role("button", name="Next frame").click()
    page.wait_for_load_state("networkidle")
    assert frames_fetched() == {1, 2, 3}
    assert (
        picture.root.locator(".annotrain-stage-canvas img").evaluate(
            "img => img.complete && img.naturalWidth"
        )
        == 320
    )


def test_keyboard_only_two_tracks_score_one_and_undo_redo(page, base_url):
    open_page(page, base_url + LESSON)
    root = page.locator(f"#annotrain-{CROSSING}")
    task = page.evaluate("id => window.annotrain.task(id)", CROSSING)
    wanted = {
        "tracks": [
            {
                "label": "Car",
                "keys": [
                    {"frame": 1, "x": 10, "y": 130, "w": 40, "h": 20},
                    {"frame": 12, "x": 230, "y": 130, "w": 40, "h": 20},
                ],
            },
            {
                "label": "Cyclist",
                "keys": [
                    {"frame": 1, "x": 280, "y": 90, "w": 18, "h": 30},
                    {"frame": 12, "x": 60, "y": 90, "w": 18, "h": 30},
                ],
            },
        ]
    }
    answer_tracking(page, root, task, wanted)
    assert response(page, CROSSING) == wanted
    # Undo the cyclist's last step (its last keyframe's height), then redo it.
    press(page, "Control+z")
    assert response(page, CROSSING)["tracks"][1]["keys"][1]["h"] == 29
    press(page, "Control+Shift+z")
    assert response(page, CROSSING) == wanted
    # O on the selected track (undo leaves none selected: ] ] picks the second), undone.
    press(page, "]", 2)
    press(page, "Home")
    press(page, "o")
    assert response(page, CROSSING)["tracks"][1]["keys"][0] == {"frame": 1, "out": True}
    press(page, "Control+z")
    assert response(page, CROSSING) == wanted
    tab_to_check(page, CROSSING)
    press(page, "Enter")
    assert float(root.get_attribute("data-annotrain-score")) == 1.0


def test_an_identity_switch_is_named(page, base_url):
    open_page(page, base_url + LESSON)
    root = page.locator(f"#annotrain-{PILLAR}")
    task = page.evaluate("id => window.annotrain.task(id)", PILLAR)
    switched = {
        "tracks": [
            {
                "label": "Person",
                "keys": [
                    {"frame": 1, "x": 60, "y": 110, "w": 14, "h": 36},
                    {"frame": 7, "x": 132, "y": 110, "w": 14, "h": 36},
                    {"frame": 8, "out": True},
                ],
            },
            {
                "label": "Van",
                "keys": [
                    {"frame": 1, "x": 250, "y": 150, "w": 50, "h": 26},
                    {"frame": 7, "x": 190, "y": 150, "w": 50, "h": 26},
                ],
            },
            {
                "label": "Person",
                "keys": [
                    {"frame": 10, "x": 168, "y": 110, "w": 14, "h": 36},
                    {"frame": 14, "x": 216, "y": 110, "w": 14, "h": 36},
                ],
            },
        ]
    }
    answer_tracking(page, root, task, switched)
    assert response(page, PILLAR) == switched
    picture = Picture(page, PILLAR)
    picture.check()
    assert "changes track in frame 10" in picture.feedback()


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_axe_and_screenshots(page, base_url, scheme):
    set_scheme(page, base_url, scheme)
    open_page(page, base_url + LESSON)
    picture = Picture(page, PILLAR)
    picture.show()
    picture.drag((60, 110), (74, 146))
    picture.root.get_by_role("button", name="Next frame").click()
    picture.show()
    screenshot(page, f"tracking-pillar-{'dark' if scheme == 'slate' else 'light'}")
    assert serious_violations(page) == []
    picture.check()
    assert serious_violations(page) == []


def test_touch_phone(phone, base_url):
    open_page(phone, base_url + LESSON)
    picture = Picture(phone, LANE)
    button = picture.root.get_by_role("button", name="Next frame")
    button.evaluate("el => el.scrollIntoView({block: 'center'})")  # clear of the header
    button.tap()
    assert frame_text(picture) == "Frame 2 of 12"
    picture.show()
    # Frame 2: the car is 30 px further right.
    touch_drag(phone, picture.at(50, 120), picture.at(94, 142), 8)
    keys = response(phone, LANE)["tracks"][0]["keys"]
    assert len(keys) == 1 and keys[0]["frame"] == 2
    assert abs(keys[0]["x"] - 50) <= 2 and abs(keys[0]["w"] - 44) <= 3
    picture.show()
    screenshot(phone, "tracking-lane-phone")
