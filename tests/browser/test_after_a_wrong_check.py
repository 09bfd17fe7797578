"""Each editing widget after a wrong Check, on a desktop and a phone, in the light and
the dark palette: the answer is a little off with a wrong label, the feedback says
so, nothing reaches past the exercise's edges, the image stage's tags stay clear
of each other and of the shapes, and a screenshot is saved for a person to look at
(test-results/screenshots/after-check-<widget>-<device>-<scheme>.png)."""

from __future__ import annotations

import copy

import pytest

from .conftest import open_page, screenshot
from .looks import sticking_out
from .pointing import set_scheme, tags_on

WIDGETS = {
    "bbox": ("week-3/bounding-boxes/", "w3-pcb-defects", ".annotrain-stage-view"),
    "polygon": (
        "week-4/polygons-and-segmentation/",
        "w4-aerial-footprints",
        ".annotrain-stage-view",
    ),
    "keypoints": ("week-4/keypoints/", "w4-cartoon-face", ".annotrain-stage-view"),
    "spans": ("week-1/what-is-annotation/", "w1-first-spans", ".annotrain-spans-passage"),
    "segments": (
        "week-6/diarization-and-events/",
        "w6-segments-shop-call",
        ".annotrain-seg-timeline",
    ),
}


def wrong(task: dict) -> dict:
    """The gold a little off, with the first object's label changed."""
    answer = copy.deepcopy(task["gold"])
    labels = task.get("labels") or []
    kind = task["type"]
    if kind == "bbox":
        for box in answer["boxes"]:
            box["x"] += 9
            box["y"] += 6
        answer["boxes"][0]["label"] = labels[0]
    elif kind == "polygon":
        for polygon in answer["polygons"]:
            polygon["points"] = [[x + 9, y + 6] for x, y in polygon["points"]]
        answer["polygons"][0]["label"] = "Water"
    elif kind == "keypoints":
        for n, point in enumerate(answer["points"]):
            point["x"] += 3 + 6 * n  # the first within tolerance, the rest further off
            point["y"] += 2
    elif kind == "spans":
        first = answer["spans"][0]
        answer["spans"][0] = {**first, "end": first["end"] + 1}  # a boundary error
        answer["spans"][1]["label"] = "Location"  # a label error
    else:  # segments
        answer["segments"][0]["label"] = "Speaker B"
        for segment in answer["segments"]:
            segment["start"] = round(segment["start"] + 0.2, 3)
            segment["end"] = round(segment["end"] + 0.2, 3)
    return answer


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("device", ["desktop", "phone"])
@pytest.mark.parametrize("widget", sorted(WIDGETS))
def test_a_wrong_check_on_screen(request, base_url, widget, device, scheme):
    page = request.getfixturevalue("page" if device == "desktop" else "phone")
    path, exercise, part = WIDGETS[widget]
    set_scheme(page, base_url, scheme)
    open_page(page, base_url + path)
    root = page.locator(f"#annotrain-{exercise}")
    task = page.evaluate("id => window.annotrain.task(id)", exercise)
    page.evaluate("([id, r]) => window.annotrain.setResponse(id, r)", [exercise, wrong(task)])
    check = root.get_by_role("button", name="Check")
    check.scroll_into_view_if_needed()
    check.click()
    assert root.get_attribute("data-annotrain-passed") == "false"
    assert "Not passed yet" in root.locator(".annotrain-feedback").inner_text()
    assert sticking_out(root) == []
    if root.locator(".annotrain-stage").count():
        assert tags_on(root)["clashes"] == []
    page.add_style_tag(content=".md-top { display: none !important; }")
    root.locator(part).first.evaluate(
        "el => { el.scrollIntoView({block: 'start', behavior: 'instant'}); window.scrollBy(0, -150); }"
    )
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    screenshot(page, f"after-check-{widget}-{device}-{'dark' if scheme == 'slate' else 'light'}")
