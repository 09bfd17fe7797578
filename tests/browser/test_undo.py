"""Undo and redo in headless Chromium, in every widget whose marks the learner edits
(bbox, polygon, keypoints, spans, segments): real mouse, touch and keyboard
actions, then Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y, Cmd+Z and the Undo and Redo buttons,
with the response after each step compared with what it should be. Also: a
step undone in a quiz is saved (a reload keeps it), Ctrl+Z in a text field
still edits its text, the keys act only inside their exercise, and a checked
or restored exercise has nothing to undo."""

from __future__ import annotations

import pytest

from .conftest import open_page
from .pointing import Picture

BBOX = ("week-3/bounding-boxes/", "w3-pcb-defects")
POLYGON = ("week-4/polygons-and-segmentation/", "w4-aerial-footprints")
KEYPOINTS = ("week-4/keypoints/", "w4-cartoon-face")
SPANS = ("week-5/entities-and-relations/", "w5-ner-ferry-news")
SEGMENTS = ("week-6/diarization-and-events/", "w6-segments-shop-call")

UNDO_KEYS = ("Control+z", "Meta+z")  # Meta: Cmd on macOS
REDO_KEYS = ("Control+Shift+z", "Control+y", "Meta+Shift+z")


def answer(page, exercise_id):
    return page.evaluate("id => window.annotrain.getResponse(id)", exercise_id)


def buttons(root):
    return (
        root.get_by_role("button", name="Undo", exact=True),
        root.get_by_role("button", name="Redo", exact=True),
    )


def tap(button) -> None:
    """Tap ``button`` in the middle of the screen, clear of Material's sticky header.

    After a pause, as a finger takes: Chromium reads a touch that follows the end
    of the last one within a few milliseconds as part of a double tap, which
    sends no click.
    """
    button.evaluate("el => el.scrollIntoView({block: 'center', behavior: 'instant'})")
    button.page.wait_for_timeout(400)
    button.tap()


def said(page, region, words: str) -> str:
    """The live region's text once it holds ``words`` (the stage announces after a moment)."""
    page.wait_for_function(
        "([el, words]) => el.textContent.includes(words)",
        arg=[region.element_handle(), words],
        timeout=5000,
    )
    return region.inner_text()


def walk_back_and_forth(page, exercise_id, root, states, focus):
    """From the last of ``states`` (responses after each action, the first before
    any), undo with each undo key and the Undo button, redo with each redo key and
    the Redo button, checking the response after every step; ends at the last."""
    undo, redo = buttons(root)
    last = len(states) - 1
    assert answer(page, exercise_id) == states[last]
    assert undo.is_enabled() and redo.is_disabled()
    at = last
    for n in range(last):  # keys, taking turns, down to the first state
        focus()
        page.keyboard.press(UNDO_KEYS[n % len(UNDO_KEYS)])
        at -= 1
        assert answer(page, exercise_id) == states[at], f"after undo {n + 1}"
    assert undo.is_disabled() and redo.is_enabled()
    focus()
    page.keyboard.press("Control+z")  # nothing left: nothing changes
    assert answer(page, exercise_id) == states[0]
    for n in range(last):  # redo keys, taking turns, up to the last
        focus()
        page.keyboard.press(REDO_KEYS[n % len(REDO_KEYS)])
        at += 1
        assert answer(page, exercise_id) == states[at], f"after redo {n + 1}"
    assert redo.is_disabled()
    for _ in range(last):  # the buttons, all the way down and up again
        undo.click()
        at -= 1
        assert answer(page, exercise_id) == states[at]
    assert undo.is_disabled()
    # The Undo button ran out and is disabled: keyboard focus went to Redo.
    assert page.evaluate("() => document.activeElement.dataset.annotrainHistory") == "redo"
    for _ in range(last):
        redo.click()
        at += 1
        assert answer(page, exercise_id) == states[at]
    assert redo.is_disabled() and undo.is_enabled()


def check_then_nothing_to_undo(page, exercise_id, root, focus):
    """After Check: the keys and buttons change nothing; after Try again, nothing to undo."""
    before = answer(page, exercise_id)
    root.get_by_role("button", name="Check").click()
    undo, redo = buttons(root)
    assert undo.is_disabled() and redo.is_disabled()
    focus()
    page.keyboard.press("Control+z")
    assert answer(page, exercise_id) == before
    root.get_by_role("button", name="Try again").click()
    assert undo.is_disabled() and redo.is_disabled()


# --- bbox -----------------------------------------------------------------------------


def test_bbox_undo_and_redo(page, base_url):
    path, exercise = BBOX
    open_page(page, base_url + path)
    picture = Picture(page, exercise)
    picture.show()
    root = picture.root
    view = root.locator(".annotrain-stage-view")
    undo, redo = buttons(root)
    assert undo.is_disabled() and redo.is_disabled()
    a = {"x": 300, "y": 100, "w": 80, "h": 80, "label": "Solder Bridge"}
    b = {"x": 100, "y": 250, "w": 60, "h": 50, "label": "Solder Bridge"}
    states = [None]
    picture.drag((300, 100), (380, 180))  # draw
    states.append({"boxes": [a]})
    picture.drag((100, 250), (160, 300))
    states.append({"boxes": [a, b]})
    picture.drag((340, 140), (360, 170))  # move the first by (20, 30): one step
    moved = {**a, "x": 320, "y": 130}
    states.append({"boxes": [moved, b]})
    picture.drag((400, 210), (420, 220))  # its bottom-right handle: one step
    resized = {**moved, "w": 100, "h": 90}
    states.append({"boxes": [resized, b]})
    root.get_by_role("combobox", name="Label of Box 2").select_option("Scratch")
    states.append({"boxes": [resized, {**b, "label": "Scratch"}]})
    view.focus()
    page.keyboard.press("ArrowRight")  # the selected box (the first) 1 px right: one step
    states.append({"boxes": [{**resized, "x": 321}, {**b, "label": "Scratch"}]})
    root.get_by_role("button", name="Delete Box 1").click()
    states.append({"boxes": [{**b, "label": "Scratch"}]})
    assert [answer(page, exercise)] == states[-1:]
    walk_back_and_forth(page, exercise, root, states, view.focus)
    # What was undone is announced in the stage's live region.
    view.focus()
    page.keyboard.press("Control+z")
    region = root.locator("[data-annotrain-stage-announce]")
    assert said(page, region, "Undone:") == "Undone: Box 1 deleted."
    page.keyboard.press("Control+y")
    assert said(page, region, "Redone:") == "Redone: Box 1 deleted."
    # A new action after an undo leaves nothing to redo.
    page.keyboard.press("Control+z")
    assert redo.is_enabled()
    picture.drag((500, 300), (540, 340))
    assert redo.is_disabled()
    check_then_nothing_to_undo(page, exercise, root, view.focus)


def test_restored_progress_has_nothing_to_undo_and_keys_stay_in_their_exercise(page, base_url):
    path, exercise = BBOX
    open_page(page, base_url + path)
    picture = Picture(page, exercise)
    picture.show()
    picture.drag((300, 100), (380, 180))
    root = picture.root
    root.get_by_role("button", name="Check").click()
    drawn = answer(page, exercise)
    open_page(page, base_url + path)  # the last checked answer comes back
    picture = Picture(page, exercise)
    picture.show()
    assert answer(page, exercise) == drawn
    undo, redo = buttons(picture.root)
    assert undo.is_disabled() and redo.is_disabled()
    picture.root.locator(".annotrain-stage-view").focus()
    page.keyboard.press("Control+z")
    assert answer(page, exercise) == drawn
    # Another box, then Ctrl+Z with focus in the other exercise of the page, and on
    # the page itself: neither undoes it.
    picture.drag((500, 300), (540, 340))
    two = answer(page, exercise)
    assert len(two["boxes"]) == 2
    page.locator("#annotrain-w3-coins-top-row .annotrain-stage-view").focus()
    page.keyboard.press("Control+z")
    page.evaluate("() => document.activeElement.blur()")
    page.keyboard.press("Control+z")
    assert answer(page, exercise) == two
    picture.root.locator(".annotrain-stage-view").focus()
    page.keyboard.press("Control+z")
    assert answer(page, exercise) == drawn


# --- polygon --------------------------------------------------------------------------


def test_polygon_undo_and_redo(page, base_url):
    path, exercise = POLYGON
    open_page(page, base_url + path)
    picture = Picture(page, exercise)
    picture.show()
    root = picture.root
    view = root.locator(".annotrain-stage-view")
    items = root.locator(".annotrain-stage-list li")
    corners = [(260, 60), (360, 50), (370, 140), (270, 150)]
    states = [None]
    listed = ["Nothing drawn yet."]
    for n, (x, y) in enumerate(corners, start=1):  # each point is a step
        picture.click(x, y)
        points = [list(p) for p in corners[:n]]
        states.append({"polygons": [{"label": "Building", "points": points}]} if n >= 3 else None)
        listed.append(f"Polygon 1: Building, {n} points so far, not closed yet")
    picture.click(*corners[0])  # closing is a step of its own
    states.append(states[-1])
    listed.append("Polygon 1: Building, 4 points, x 260–370, y 50–150 px")
    picture.click(315, 100)  # selects the outline: not a step
    picture.drag((260, 60), (250, 56))  # a whole vertex drag is one step
    dragged = [[250, 56], *[list(p) for p in corners[1:]]]
    states.append({"polygons": [{"label": "Building", "points": dragged}]})
    listed.append("Polygon 1: Building, 4 points, x 250–370, y 50–150 px")

    def check_list(n):
        assert items.first.inner_text().startswith(listed[n])

    check_list(len(states) - 1)
    walk_back_and_forth(page, exercise, root, states, view.focus)
    # The open outline comes back as it was, point by point, and goes again.
    undo, redo = buttons(root)
    for n in range(len(states) - 2, -1, -1):
        undo.click()
        check_list(n)
    for n in range(1, len(states)):
        redo.click()
        check_list(n)
    # Keyboard: Space adds a point at the cursor, Ctrl+Z takes it away.
    view.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Space")
    assert items.nth(1).inner_text().startswith("Polygon 2: Building, 1 points so far")
    page.keyboard.press("Control+z")
    assert items.count() == 1
    assert answer(page, exercise) == states[-1]
    check_then_nothing_to_undo(page, exercise, root, view.focus)


# --- keypoints ------------------------------------------------------------------------


def test_keypoints_undo_and_redo(page, base_url):
    path, exercise = KEYPOINTS
    open_page(page, base_url + path)
    picture = Picture(page, exercise)
    picture.show()
    root = picture.root
    view = root.locator(".annotrain-stage-view")
    status = root.locator(".annotrain-keypoints-status")
    left, right, nose = {"label": "Left eye"}, {"label": "Right eye"}, {"label": "Nose tip"}
    states = [{"points": []}]
    picture.click(250, 160)
    states.append({"points": [{**left, "x": 250, "y": 160}]})
    picture.click(150, 160)
    states.append({"points": [{**left, "x": 250, "y": 160}, {**right, "x": 150, "y": 160}]})
    picture.drag((250, 160), (256, 166))  # drag the left eye: one step
    eyes = [{**left, "x": 256, "y": 166}, {**right, "x": 150, "y": 160}]
    states.append({"points": eyes})
    root.locator("label.annotrain-stage-label", has_text="Nose tip").click()  # not a step
    root.get_by_role("button", name="Not visible").click()
    states.append({"points": [*eyes, {**nose, "visible": False}]})
    view.focus()
    page.keyboard.press("1")  # back to the left eye (not a step), then nudge it up
    page.keyboard.press("ArrowUp")
    eyes = [{**left, "x": 256, "y": 165}, {**right, "x": 150, "y": 160}]
    states.append({"points": [*eyes, {**nose, "visible": False}]})
    walk_back_and_forth(page, exercise, root, states, view.focus)
    # Undoing "not visible" makes the nose tip the landmark to place again.
    view.focus()
    page.keyboard.press("Control+z")
    page.keyboard.press("Control+z")
    assert status.inner_text() == "Place: Nose tip (3 of 5)"
    region = root.locator("[data-annotrain-stage-announce]")
    # The second undo's words replace the first's a moment later: wait for them.
    assert said(page, region, "Undone: Nose") == "Undone: Nose tip marked not visible."
    check_then_nothing_to_undo(page, exercise, root, view.focus)


# --- spans ----------------------------------------------------------------------------


def tokens(root, start, end):
    passage = root.locator(".annotrain-spans-passage").first
    return (
        passage.locator(f'.annotrain-tok[data-s="{start}"]'),
        passage.locator(f'.annotrain-tok[data-e="{end}"]'),
    )


def drag_tokens(page, root, start, end):
    first, last = tokens(root, start, end)
    first.scroll_into_view_if_needed()
    a, b = first.bounding_box(), last.bounding_box()
    page.mouse.move(a["x"] + a["width"] / 2, a["y"] + a["height"] / 2)
    page.mouse.down()
    page.mouse.move(b["x"] + b["width"] / 2, b["y"] + b["height"] / 2, steps=5)
    page.mouse.up()


def test_spans_undo_and_redo(page, base_url):
    path, exercise = SPANS
    open_page(page, base_url + path)
    root = page.locator(f"#annotrain-{exercise}")
    passage = root.locator(".annotrain-spans-passage").first
    task = page.evaluate("id => window.annotrain.task(id)", exercise)
    date, person, org = task["gold"]["spans"][:3]
    states = [None]
    drag_tokens(page, root, date["start"], date["end"])
    page.keyboard.press("4")  # Date
    states.append({"spans": [date]})
    drag_tokens(page, root, person["start"], person["end"])
    root.locator('.annotrain-spans-label[data-label="Person"]').click()
    states.append({"spans": [date, person]})
    drag_tokens(page, root, org["start"], org["end"])
    page.keyboard.press("1")  # Person, the wrong label, then changed in the list
    states.append({"spans": [date, person, {**org, "label": "Person"}]})
    root.get_by_role("combobox", name="Label of “Nordlys Ferries”").select_option("Organization")
    states.append({"spans": [date, person, org]})
    root.get_by_role("button", name="Remove Person: “Ingrid Solberg”").click()
    states.append({"spans": [date, org]})
    assert answer(page, exercise) == states[-1]
    walk_back_and_forth(page, exercise, root, states, passage.focus)
    passage.focus()
    page.keyboard.press("Control+z")
    status = root.locator(".annotrain-spans-status")
    assert status.inner_text() == "Undone: Removed Person: “Ingrid Solberg”."
    page.keyboard.press("Control+Shift+z")
    assert status.inner_text() == "Redone: Removed Person: “Ingrid Solberg”."
    # Ticking "No entities" is a step too, named by its box.
    for _ in range(4):
        page.keyboard.press("Control+z")
    assert answer(page, exercise) == states[1]
    root.get_by_role("button", name="Remove Date: “14 March 2023”").click()
    root.get_by_role("checkbox", name="No entities in this text").check()
    assert answer(page, exercise) == {"spans": []}
    passage.focus()
    page.keyboard.press("Control+z")
    assert answer(page, exercise) is None
    assert status.inner_text() == "Undone: No entities in this text"
    page.keyboard.press("Control+z")
    assert answer(page, exercise) == states[1]
    check_then_nothing_to_undo(page, exercise, root, passage.focus)


# --- segments -------------------------------------------------------------------------


class Lanes:
    """Pixel <-> seconds on one segments timeline, from its lanes' boxes."""

    def __init__(self, page, root, duration):
        self.page = page
        self.duration = duration
        self.boxes = [lane.bounding_box() for lane in root.locator(".annotrain-seg-lane").all()]

    def x(self, seconds):
        box = self.boxes[0]
        return box["x"] + seconds / self.duration * box["width"]

    def seconds(self, x):
        box = self.boxes[0]
        return round((x - box["x"]) / box["width"] * self.duration, 3)

    def y(self, lane):  # in the band of the learner's own segments
        box = self.boxes[lane]
        return box["y"] + box["height"] * 0.75

    def drag(self, lane, start, end):
        self.page.mouse.move(self.x(start), self.y(lane))
        self.page.mouse.down()
        self.page.mouse.move(self.x(end), self.y(lane), steps=6)
        self.page.mouse.up()


def test_segments_undo_and_redo(page, base_url):
    path, exercise = SEGMENTS
    open_page(page, base_url + path)
    root = page.locator(f"#annotrain-{exercise}")
    timeline = root.locator(".annotrain-seg-timeline")
    timeline.scroll_into_view_if_needed()
    duration = page.evaluate("id => window.annotrain.task(id).audio.duration", exercise)
    lanes = Lanes(page, root, duration)
    states = [None]
    lanes.drag(0, 0.45, 2.0)  # a new segment
    states.append(answer(page, exercise))
    assert [s["label"] for s in states[-1]["segments"]] == ["Speaker A"]
    lanes.drag(0, 2.0, 2.55)  # its end handle, dragged: one step
    states.append(answer(page, exercise))
    assert states[-1]["segments"][0]["end"] == pytest.approx(2.55, abs=0.02)
    lanes.drag(1, 3.1, 4.9)
    states.append(answer(page, exercise))
    timeline.focus()
    page.keyboard.press("Alt+ArrowRight")  # the selected segment's start, 0.1 s later
    states.append(answer(page, exercise))
    assert states[-1]["segments"][1]["start"] == pytest.approx(
        states[-2]["segments"][1]["start"] + 0.1
    )
    rows = root.locator(".annotrain-seg-row")
    rows.nth(1).locator("select").select_option("Speaker A")
    states.append(answer(page, exercise))
    assert states[-1]["segments"][1]["label"] == "Speaker A"
    start = rows.nth(0).locator(".annotrain-seg-start")
    start.fill("0.41")
    start.press("Tab")
    states.append(answer(page, exercise))
    assert states[-1]["segments"][0]["start"] == 0.41
    rows.nth(1).get_by_role("button", name="Remove").click()
    states.append(answer(page, exercise))
    assert len(states[-1]["segments"]) == 1
    walk_back_and_forth(page, exercise, root, states, timeline.focus)
    timeline.focus()
    page.keyboard.press("Control+z")
    status = root.locator(".annotrain-seg-status")
    assert status.inner_text().startswith("Undone: Removed Speaker A, 3.")
    page.keyboard.press("Control+y")
    # Ctrl+Z in a time field undoes the typing there, not a step of the timeline.
    start = rows.nth(0).locator(".annotrain-seg-start")
    start.click()
    page.keyboard.press("End")
    page.keyboard.type("5")
    assert start.input_value() == "0.415"
    page.keyboard.press("Control+z")
    assert start.input_value() == "0.41"
    assert answer(page, exercise) == states[-1]
    check_then_nothing_to_undo(page, exercise, root, timeline.focus)


def test_segments_touch_drag_is_one_step(phone, base_url):
    from .pointing import touch_drag

    page = phone
    path, exercise = SEGMENTS
    open_page(page, base_url + path)
    root = page.locator(f"#annotrain-{exercise}")
    root.locator(".annotrain-seg-timeline").scroll_into_view_if_needed()
    duration = page.evaluate("id => window.annotrain.task(id).audio.duration", exercise)
    lanes = Lanes(page, root, duration)
    touch_drag(page, (lanes.x(0.5), lanes.y(1)), (lanes.x(2.5), lanes.y(1)), 10)
    got = answer(page, exercise)
    assert [s["label"] for s in got["segments"]] == ["Speaker B"]
    undo, redo = buttons(root)
    tap(undo)
    assert answer(page, exercise) is None
    tap(redo)
    assert answer(page, exercise) == got


# --- touch on the stage and spans -----------------------------------------------------


def test_touch_on_a_phone_bbox_and_spans(phone, base_url):
    from .pointing import touch_drag

    page = phone
    path, exercise = BBOX
    open_page(page, base_url + path)
    picture = Picture(page, exercise)
    picture.show()
    touch_drag(page, picture.at(300, 100), picture.at(380, 180), 8)
    drawn = answer(page, exercise)
    assert len(drawn["boxes"]) == 1
    undo, redo = buttons(picture.root)
    tap(undo)
    assert answer(page, exercise) is None
    tap(redo)
    assert answer(page, exercise) == drawn
    open_page(page, base_url + "week-1/what-is-annotation/")
    root = page.locator("#annotrain-w1-first-spans")
    word = root.locator('.annotrain-tok[data-s="52"]')  # Galway, a one-word name
    word.scroll_into_view_if_needed()
    word.tap()
    word.tap()
    root.locator('.annotrain-spans-label[data-label="Location"]').tap()
    marked = {"spans": [{"start": 52, "end": 58, "label": "Location"}]}
    assert answer(page, "w1-first-spans") == marked
    undo, redo = buttons(root)
    tap(undo)
    assert answer(page, "w1-first-spans") is None
    tap(redo)
    assert answer(page, "w1-first-spans") == marked


# --- quizzes and text fields ----------------------------------------------------------


def test_an_undo_in_a_quiz_is_saved_and_survives_a_reload(page, base_url):
    open_page(page, base_url + "week-5/quiz/")
    page.evaluate("() => window.annotrain.quiz.start('week-5', {seed: 5})")
    quiz = page.locator("[data-annotrain-quiz=week-5]")
    data = quiz.evaluate("el => JSON.parse(el.getAttribute('data-annotrain-quiz-data'))")
    attempt = page.evaluate("() => window.annotrain.quiz.current('week-5')")
    task_id = next(t for t in attempt["tasks"] if data["tasks"][t]["task"]["type"] == "spans")
    li = page.locator(f'.annotrain-quiz-task[data-annotrain-id="{task_id}"]')
    for _ in range(len(attempt["tasks"])):
        if li.is_visible():
            break
        page.get_by_role("button", name="Next").click()
    task = data["tasks"][task_id]["task"]
    first, second = task["gold"]["spans"][:2]
    for span in (first, second):
        drag_tokens(page, li, span["start"], span["end"])
        li.locator(f'.annotrain-spans-label[data-label="{span["label"]}"]').click()

    def saved():
        return page.evaluate("() => window.annotrain.quiz.current('week-5')")["responses"][task_id]

    assert saved() == {"spans": [first, second]}
    li.locator(".annotrain-spans-passage").focus()
    page.keyboard.press("Control+z")
    assert saved() == {"spans": [first]}, "the undo is saved to the attempt"
    open_page(page, base_url + "week-5/quiz/")  # the attempt resumes after a reload
    li = page.locator(f'.annotrain-quiz-task[data-annotrain-id="{task_id}"]')
    li.locator(".annotrain-spans-item").first.wait_for(state="attached")
    assert saved() == {"spans": [first]}
    assert li.locator(".annotrain-spans-item").count() == 1
    undo, redo = buttons(li)
    assert undo.is_disabled() and redo.is_disabled(), "restored answers start a new history"


def test_an_undo_on_the_image_stage_of_a_quiz_is_saved(page, base_url):
    open_page(page, base_url + "week-3/quiz/")
    page.get_by_role("button", name="Start the quiz").click()
    page.locator(".annotrain-quiz-run").wait_for(state="visible")  # types loaded
    # The Hands-on section draws one of its two circuit-board tasks.
    li = page.locator('li[data-annotrain-id^="q3-pcb-"]:visible')
    for _ in range(12):
        if li.count():
            break
        page.get_by_role("button", name="Next").click()
    task_id = li.get_attribute("data-annotrain-id")
    li = page.locator(f'li[data-annotrain-id="{task_id}"]')
    task = page.evaluate(
        """id => JSON.parse(document.querySelector('[data-annotrain-quiz=week-3]')
        .getAttribute('data-annotrain-quiz-data')).tasks[id].task""",
        task_id,
    )
    picture = Picture(page, task_id, li, task)
    picture.show()
    picture.drag((464, 314), (591, 364))
    picture.drag((100, 100), (150, 140))

    def saved():
        return page.evaluate("() => window.annotrain.quiz.current('week-3')")["responses"][task_id]

    assert len(saved()["boxes"]) == 2
    buttons(li)[0].click()
    assert saved() == {
        "boxes": [{"x": 464, "y": 314, "w": 127, "h": 50, "label": task["labels"][0]}]
    }


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("week-6/transcription/", "#annotrain-w6-transcribe-parcel textarea"),
        ("week-7/gold-tasks-and-agreement/", "#annotrain-w7-kappa-urgency-table input"),
        ("electives/preference-data/", ".annotrain-justification-text"),
    ],
    ids=["transcript", "numeric", "justification"],
)
def test_ctrl_z_in_a_text_field_still_edits_its_text(page, base_url, path, field):
    open_page(page, base_url + path)
    box = page.locator(field).first
    box.scroll_into_view_if_needed()
    box.click()
    page.keyboard.type("0.5")
    page.keyboard.press("Control+a")
    page.keyboard.type("0.25")
    assert box.input_value() == "0.25"
    page.keyboard.press("Control+z")
    assert box.input_value() == "0.5", "the field's own undo took back the last edit"
