"""Answering a task of any type through its widget with real input, for browser tests.

One function per task type, ``answer(page, root, task, wanted)``: ``root`` is the
task's element (a lesson exercise's root or a quiz task's ``<li>``), ``task`` the
task as the page has it (no gold needed: an exam page has none) and ``wanted``
the response to give, in the shape of a gold answer. Each function uses the
type's own input: clicks on labels, a mouse drag, keys, typing or taps. None calls
the widget's code or ``setResponse``; the widget must turn the events into the
response by itself.

``INPUT`` says which kind of input each function uses, so a test can run it in a
browser context that has that input (touch needs a touch screen).
"""

from __future__ import annotations

import math
from collections.abc import Callable

from .pointing import Cursor, Picture, outline

#: mouse, keyboard or touch: the input each type's answer function uses.
INPUT = {
    "bbox": "mouse",
    "choice": "mouse",
    "keypoints": "keyboard",
    "masks": "mouse",
    "multi": "mouse",
    "numeric": "keyboard",
    "pairwise": "mouse",
    "polygon": "touch",
    "rank": "keyboard",
    "rating": "mouse",
    "segments": "keyboard",
    "spans": "keyboard",
    "tracking": "keyboard",
    "transcript": "keyboard",
    "relations": "keyboard",
}


def focused(locator) -> bool:
    return locator.evaluate("el => el === document.activeElement")


def tab_to(page, root, target, limit: int = 60) -> None:
    """Click ``root``'s prompt (a starting point, nothing to answer) and press Tab
    until ``target`` has focus, as a keyboard user reaches a control."""
    root.locator(".annotrain-prompt").click()
    for _ in range(limit):
        if focused(target):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {target}")


def press(page, key: str, times: int = 1) -> None:
    for _ in range(times):
        page.keyboard.press(key)


# --- clicks on labels -------------------------------------------------------------------


def click_option(root, value: str) -> None:
    """Click the option label (the text a learner reads) of the input with ``value``."""
    root.locator(f'label.annotrain-option:has(input[value="{value}"])').click()


def answer_choice(page, root, task: dict, wanted: dict) -> None:
    click_option(root, wanted["choice"])


def answer_multi(page, root, task: dict, wanted: dict) -> None:
    for label in wanted["choices"]:
        click_option(root, label)


def answer_pairwise(page, root, task: dict, wanted: dict) -> None:
    click_option(root, wanted["choice"])


def answer_rating(page, root, task: dict, wanted: dict) -> None:
    """Click the level card of each criterion's rating."""
    for criterion, value in wanted["ratings"].items():
        card = root.locator(
            f'fieldset[data-annotrain-criterion="{criterion}"] [data-annotrain-value="{value}"]'
        )
        card.locator(".annotrain-rate-label").click()


# --- typing ------------------------------------------------------------------------------


def answer_numeric(page, root, task: dict, wanted: dict) -> None:
    root.locator(".annotrain-numeric-input").click()
    page.keyboard.type(f"{wanted['value']:g}")


def answer_transcript(page, root, task: dict, wanted: dict) -> None:
    root.locator(".annotrain-transcript-text").click()
    page.keyboard.type(wanted["text"])


# --- keys in the widgets ----------------------------------------------------------------


def answer_spans(page, root, task: dict, wanted: dict) -> None:
    """In the passage: Home, arrows to a span's first word, Shift+arrows to its last,
    then the label's number key. Tokens are found by their code-point offsets."""
    passage = root.locator(".annotrain-spans-passage")
    tokens = passage.locator(".annotrain-tok")
    starts = [int(s) for s in tokens.evaluate_all("ts => ts.map(t => t.dataset.s)")]
    ends = [int(e) for e in tokens.evaluate_all("ts => ts.map(t => t.dataset.e)")]
    tab_to(page, root, passage)
    for span in wanted["spans"]:
        first, last = starts.index(span["start"]), ends.index(span["end"])
        press(page, "Home")
        press(page, "ArrowRight", first)
        press(page, "Shift+ArrowRight", last - first)
        press(page, str(task["labels"].index(span["label"]) + 1))


def choose(page, menu, index: int) -> None:
    """In a focused menu (a closed <select>), Home then ArrowDown to option ``index``."""
    assert focused(menu), menu
    press(page, "Home")
    press(page, "ArrowDown", index)


def answer_relations(page, root, task: dict, wanted: dict) -> None:
    """The spans as for spans; then per link: the caret onto its first span and Enter
    (link from here), the target in the To menu, Tab, the relation, Tab, Enter on Add link."""
    answer_spans(page, root, task, wanted)
    passage = root.locator(".annotrain-spans-passage")
    starts = [
        int(s)
        for s in passage.locator(".annotrain-tok").evaluate_all("ts => ts.map(t => t.dataset.s)")
    ]
    order = sorted(
        wanted["spans"], key=lambda s: (s["start"], s["end"], task["labels"].index(s["label"]))
    )
    for link in wanted["relations"]:
        source, target = wanted["spans"][link["from"]], wanted["spans"][link["to"]]
        tab_to(page, root, passage)
        press(page, "Home")
        press(page, "ArrowRight", starts.index(source["start"]))
        press(page, "Enter")
        choose(page, root.locator('[data-annotrain-rel="to"]'), order.index(target) + 1)
        page.keyboard.press("Tab")
        choose(
            page,
            root.locator('[data-annotrain-rel="label"]'),
            task["relation_labels"].index(link["label"]),
        )
        page.keyboard.press("Tab")
        assert focused(root.locator(".annotrain-relations-add"))
        page.keyboard.press("Enter")


def answer_rank(page, root, task: dict, wanted: dict) -> None:
    """Tab to each card in turn and lift it with Alt+ArrowUp to its place."""
    shown = [r["id"] for r in task["responses"]]
    for place, response_id in enumerate(wanted["order"]):
        card = root.locator(f'.annotrain-card[data-annotrain-response="{response_id}"]')
        tab_to(page, root, card)
        press(page, "Alt+ArrowUp", shown.index(response_id) - place)
        shown.remove(response_id)
        shown.insert(place, response_id)


#: The timeline's arrow keys move its cursor by a tenth of a second.
SEGMENT_STEP = 0.1


def answer_segments(page, root, task: dict, wanted: dict) -> None:
    """On the timeline: a label's number key, arrows to the nearest tenth of a second,
    Enter at the start and Enter at the end; then the exact times typed into the
    list of segments, as a learner refines them."""
    timeline = root.locator(".annotrain-seg-timeline")
    tab_to(page, root, timeline)
    for segment in wanted["segments"]:
        press(page, "Escape")  # nothing selected: the number key picks the label of new ones
        press(page, str(task["labels"].index(segment["label"]) + 1))
        press(page, "Home")
        start = round(segment["start"] / SEGMENT_STEP)
        press(page, "ArrowRight", start)
        press(page, "Enter")
        press(page, "ArrowRight", round(segment["end"] / SEGMENT_STEP) - start)
        press(page, "Enter")
    rows = root.locator(".annotrain-seg-row")
    assert rows.count() == len(wanted["segments"])
    for index, segment in enumerate(wanted["segments"]):
        for edge in ("start", "end"):
            field = rows.nth(index).locator(f".annotrain-seg-{edge}")
            field.click()
            press(page, "ControlOrMeta+a")
            page.keyboard.type(f"{segment[edge]:g}")
            press(page, "Tab")


def answer_keypoints(page, root, task: dict, wanted: dict) -> None:
    """The drawing area's keyboard cursor: arrows to each landmark, Enter places it
    (the next landmark follows); V marks the current one not visible."""
    picture = Picture(page, task["id"], root=root, task=task)
    picture.show()
    cursor = Cursor(picture)
    points = {point["label"]: point for point in wanted["points"]}
    for name in task["keypoints"]:
        point = points[name]
        if point.get("visible", True) is False:
            press(page, "v")
            continue
        cursor.go(point["x"], point["y"])
        press(page, "Enter")
        picture.announced(f"{name} at x {point['x']:g}, y {point['y']:g}.")


# --- mouse and touch on the picture -----------------------------------------------------


def answer_bbox(page, root, task: dict, wanted: dict) -> None:
    """Click a box's label, then drag from its top-left to its bottom-right corner."""
    picture = Picture(page, task["id"], root=root, task=task)
    picture.show()
    for box in wanted["boxes"]:
        root.locator("label.annotrain-stage-label", has_text=box["label"]).click()
        right, bottom = box["x"] + box["w"], box["y"] + box["h"]
        picture.drag((box["x"], box["y"]), (right, bottom))


def answer_polygon(page, root, task: dict, wanted: dict) -> None:
    """Tap each outline's label, each vertex, and the first vertex again to close it."""
    picture = Picture(page, task["id"], root=root, task=task)
    picture.show()
    for polygon in wanted["polygons"]:
        outline(picture, polygon["points"], polygon["label"], tap=True)


def mask_columns(counts: list[int], height: int) -> list[tuple[int, int, int]]:
    """(x, top, bottom) of every painted run of a mask's counts, split at column ends."""
    found = []
    position = 0
    for index, length in enumerate(counts):
        start, position = position, position + length
        while index % 2 == 1 and start < position:
            x = start // height
            stop = min(position, (x + 1) * height)
            found.append((x, start - x * height, stop - x * height))
            start = stop
    return found


def answer_masks(page, root, task: dict, wanted: dict) -> None:
    """Each mask's class chip, the smallest brush (one pixel), then a mouse drag down
    every painted run of each column, pixel centre to pixel centre."""
    picture = Picture(page, task["id"], root=root, task=task)
    picture.show()
    smaller = root.locator('[data-annotrain-masks-action="smaller"]')
    while smaller.is_enabled():
        smaller.click()
    for mask in wanted["masks"]:
        root.locator("label.annotrain-stage-label", has_text=mask["label"]).click()
        for x, top, bottom in mask_columns(mask["counts"], picture.height):
            page.mouse.move(*picture.at(x + 0.5, top + 0.5))
            page.mouse.down()
            box = root.locator(".annotrain-stage-canvas img").bounding_box()
            scale = box["width"] / picture.width
            page.mouse.move(box["x"] + (x + 0.5) * scale, box["y"] + (bottom - 0.5) * scale)
            page.mouse.up()


def _steps(page, key: str, count: int) -> None:
    """``count`` one-pixel steps of an arrow ``key`` (with its modifiers), by tens first."""
    direction = key.split("+")[-1]
    modifiers = key[: -len(direction)]
    if count < 0:
        direction = {"ArrowLeft": "ArrowRight", "ArrowRight": "ArrowLeft"}.get(direction, direction)
        direction = {"ArrowUp": "ArrowDown", "ArrowDown": "ArrowUp"}.get(direction, direction)
        count = -count
    press(page, f"{modifiers}Shift+{direction}", count // 10)
    press(page, f"{modifiers}{direction}", count % 10)


def shape_box(page, now: dict, box: dict) -> None:
    """Turn the selected box ``now`` into ``box`` with keys only: shrink it to one pixel
    from its right and bottom edges (Alt+arrows), move it (arrows), then grow it."""
    _steps(page, "Alt+ArrowLeft", now["w"] - 1)
    _steps(page, "Alt+ArrowUp", now["h"] - 1)
    _steps(page, "ArrowRight", box["x"] - now["x"])
    _steps(page, "ArrowDown", box["y"] - now["y"])
    _steps(page, "Alt+ArrowRight", box["w"] - 1)
    _steps(page, "Alt+ArrowDown", box["h"] - 1)


def answer_tracking(page, root, task: dict, wanted: dict) -> None:
    """Keys only, in the drawing area: for each track, its label's number key and N at
    its first keyframe, then from keyframe to keyframe: full stops to step, O for out
    of view, I for back in view, arrows to shape the box (which keys the frame)."""
    from annotrain.tasktypes.tracking.kind import expand

    count = len(task["frames"])
    view = root.locator(".annotrain-stage-view")
    tab_to(page, root, view)
    width, height = task["image"]["width"], task["image"]["height"]
    side = max(2, math.floor(min(width, height) * 0.25 + 0.5))
    x0, y0 = math.floor(width / 2 - side / 2 + 0.5), math.floor(height / 2 - side / 2 + 0.5)
    made = {"x": x0, "y": y0, "w": x0 + side - x0, "h": y0 + side - y0}
    for track in wanted["tracks"]:
        press(page, "Escape")  # nothing selected: the number key chooses the new label
        press(page, str(task["labels"].index(track["label"]) + 1))
        press(page, "Home")
        frame = 1
        keys: list[dict] = []
        for key in track["keys"]:
            press(page, ".", key["frame"] - frame)
            frame = key["frame"]
            if key.get("out"):
                press(page, "o")
                keys = [k for k in keys if k["frame"] != frame] + [key]
                continue
            box = {k: key[k] for k in ("x", "y", "w", "h")}
            if not keys:
                press(page, "n")
                now = made
            else:
                now = expand(keys, count)[frame - 1]
                if now is None:
                    press(page, "i")  # back in view with the last box
                    shown = [b for b in expand(keys, count)[:frame] if b is not None]
                    now = shown[-1]
                elif now == box:  # already there: key it all the same
                    press(page, "ArrowRight")
                    now = {**now, "x": now["x"] + 1}
            shape_box(page, now, box)
            keys = sorted(
                [k for k in keys if k["frame"] != frame] + [key], key=lambda k: k["frame"]
            )


ANSWER: dict[str, Callable] = {
    "bbox": answer_bbox,
    "choice": answer_choice,
    "keypoints": answer_keypoints,
    "masks": answer_masks,
    "multi": answer_multi,
    "numeric": answer_numeric,
    "pairwise": answer_pairwise,
    "polygon": answer_polygon,
    "rank": answer_rank,
    "rating": answer_rating,
    "segments": answer_segments,
    "spans": answer_spans,
    "tracking": answer_tracking,
    "transcript": answer_transcript,
    "relations": answer_relations,
}
