"""Segments exercises in headless Chromium: real mouse drags at pixel positions that
map to known seconds, edge drags, the list as text alternative, keyboard-only
completion, touch on a 390 px phone, playback, palettes, axe; each label's colour
and pattern, row names clear of the timeline, and after a check a wrong label
marked on the learner's segment and on its gold alike."""

from __future__ import annotations

import re

import pytest

from .conftest import clip_lengths, open_page, screenshot, serious_violations, show_answer
from .pointing import set_scheme, touch_drag

LESSON = "week-6/diarization-and-events/"
CALL = "#annotrain-w6-segments-shop-call"
GOLD = [(0.4, 2.593, "Speaker A"), (3.093, 4.93, "Speaker B"), (5.53, 7.439, "Speaker A")]


class Timeline:
    """Pixel <-> seconds for one exercise's timeline, from its lanes' boxes."""

    def __init__(self, page, root: str):
        self.page = page
        self.root = page.locator(root)
        self.duration = page.evaluate(
            "id => window.annotrain.task(id).audio.duration", root.split("annotrain-", 1)[1]
        )
        self.lanes = [
            lane.bounding_box() for lane in self.root.locator(".annotrain-seg-lane").all()
        ]

    def x(self, seconds: float) -> int:
        box = self.lanes[0]
        return round(box["x"] + seconds / self.duration * box["width"])

    def y(self, lane: int) -> float:
        """In the lower band of the lane, where the learner's own segments are drawn."""
        box = self.lanes[lane]
        return box["y"] + box["height"] * 0.75

    def seconds(self, x: int) -> float:
        box = self.lanes[0]
        return round((x - box["x"]) / box["width"] * self.duration, 3)

    def drag(self, lane: int, start: float, end: float) -> tuple[float, float]:
        """Drag with the mouse along ``lane``; return the seconds the pixels stand for."""
        x1, x2, y = self.x(start), self.x(end), self.y(lane)
        self.page.mouse.move(x1, y)
        self.page.mouse.down()
        self.page.mouse.move(x2, y, steps=6)
        self.page.mouse.up()
        return self.seconds(x1), self.seconds(x2)


def response(page, exercise: str) -> list[tuple[float, float, str]]:
    got = page.evaluate("id => window.annotrain.getResponse(id)", exercise)
    return [(s["start"], s["end"], s["label"]) for s in got["segments"]]


def assert_segments(got, expected):
    assert [s[2] for s in got] == [s[2] for s in expected]
    for (start, end, _), (want_start, want_end, _) in zip(got, expected, strict=True):
        assert start == pytest.approx(want_start, abs=0.0015)
        assert end == pytest.approx(want_end, abs=0.0015)


def test_mouse_drags_map_pixels_to_seconds_and_grade(page, base_url):
    open_page(page, base_url + LESSON)
    page.evaluate(
        """() => { window.__grades = [];
        document.addEventListener('annotrain:graded', e => window.__grades.push(e.detail)); }"""
    )
    line = Timeline(page, CALL)
    line.root.scroll_into_view_if_needed()
    line = Timeline(page, CALL)  # boxes after scrolling
    expected = []
    for start, end, label in GOLD:
        a, b = line.drag(0 if label == "Speaker A" else 1, start + 0.02, end - 0.02)
        expected.append((a, b, label))
    assert_segments(response(page, "w6-segments-shop-call"), expected)
    # The list under the timeline says the same in text.
    rows = line.root.locator(".annotrain-seg-row")
    assert rows.count() == 3
    assert rows.nth(1).locator("select").input_value() == "Speaker B"
    assert float(rows.nth(1).locator(".annotrain-seg-start").input_value()) == pytest.approx(
        expected[1][0], abs=0.0015
    )
    line.root.get_by_role("button", name="Check").click()
    assert float(line.root.get_attribute("data-annotrain-score")) == 1.0
    assert line.root.get_attribute("data-annotrain-passed") == "true"
    text = line.root.locator(".annotrain-feedback").inner_text()
    assert "Every gold segment has a matching segment of yours." in text
    assert [g["id"] for g in page.evaluate("() => window.__grades")] == ["w6-segments-shop-call"]
    saved = page.evaluate("() => window.annotrain.progressData()")["exercises"]
    assert saved["w6-segments-shop-call"]["best"] == 1.0
    assert len(saved["w6-segments-shop-call"]["last"]["segments"]) == 3
    # After checking: the gold is drawn in the lanes and listed with what was found.
    assert line.root.locator(".annotrain-seg-gold-item").count() == 3
    assert line.root.locator(".annotrain-seg-gold-list li").all_inner_texts() == [
        "Speaker A, 0.40\u20132.59 s found",
        "Speaker B, 3.09\u20134.93 s found",
        "Speaker A, 5.53\u20137.44 s found",
    ]


def test_edge_drag_list_edits_and_the_notes(page, base_url):
    open_page(page, base_url + LESSON)
    line = Timeline(page, CALL)
    line.root.scroll_into_view_if_needed()
    line = Timeline(page, CALL)
    start, _ = line.drag(0, 0.45, 2.0)
    # Drag the end handle from 2.0 s to 2.55 s.
    page.mouse.move(line.x(2.0), line.y(0))
    page.mouse.down()
    page.mouse.move(line.x(2.55), line.y(0), steps=6)
    page.mouse.up()
    assert_segments(
        response(page, "w6-segments-shop-call"), [(start, line.seconds(line.x(2.55)), "Speaker A")]
    )
    line.drag(1, 5.55, 7.4)  # the right time in the wrong row: a label error
    line.drag(0, 3.2, 3.6)  # a stray segment, removed from the list
    rows = line.root.locator(".annotrain-seg-row")
    assert rows.count() == 3
    rows.nth(1).get_by_role("button", name="Remove").click()
    assert rows.count() == 2
    # Typing a time into the list moves the segment on the timeline too.
    rows.nth(0).locator(".annotrain-seg-start").fill("0.41")
    rows.nth(0).locator(".annotrain-seg-start").press("Tab")
    assert response(page, "w6-segments-shop-call")[0][0] == 0.41
    # The list was rebuilt; keyboard focus went on to the same segment's end field.
    assert page.evaluate(
        "() => document.activeElement.classList.contains('annotrain-seg-end')"
        " && document.activeElement.value === String("
        "window.annotrain.getResponse('w6-segments-shop-call').segments[0].end)"
    )
    line.root.get_by_role("button", name="Check").click()
    # recall 2/3 (critical: 1), labels 1/2 (1), edges within 0.25 s (5), no extras (5).
    assert float(line.root.get_attribute("data-annotrain-score")) == pytest.approx(14 / 30)
    text = line.root.locator(".annotrain-feedback").inner_text()
    assert "Speaker B at 3.1" not in text  # what was missed shows with the answer
    show_answer(line.root)
    text = line.root.locator(".annotrain-feedback").inner_text()
    assert "Missed: Speaker B at 3.1\u20134.9 s." in text
    assert re.search(
        r"Your segment at 5\.\d\u20137\.\d s is labelled Speaker B; the gold label is Speaker A\.",
        text,
    )
    marks = line.root.locator(".annotrain-seg-row .annotrain-mark").all_inner_texts()
    assert marks == ["matches the gold", "wrong label, gold: Speaker A"]
    assert line.root.locator(".annotrain-seg-gold-list li").nth(1).inner_text().endswith("missed")


def test_keyboard_only_completion(page, base_url):
    open_page(page, base_url + LESSON)
    root = page.locator(CALL)
    root.locator(".annotrain-prompt").evaluate("p => { p.tabIndex = -1; p.focus(); }")
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.getAttribute('role')") == "slider":
            break
    timeline = root.locator(".annotrain-seg-timeline")
    assert page.evaluate(
        "() => document.activeElement.classList.contains('annotrain-seg-timeline')"
    )

    def press(key, times=1):
        for _ in range(times):
            page.keyboard.press(key)

    press("Home")
    press("ArrowRight", 4)  # 0.4 s
    assert timeline.get_attribute("aria-valuetext") == "0.40 s"
    press("Enter")
    press("Shift+ArrowRight", 2)  # 2.4 s
    press("ArrowRight", 2)  # 2.6 s
    press("Enter")
    # Fine-tune the new segment's end: E picks the end, Alt+arrows move it.
    press("e")
    press("Alt+ArrowRight", 3)
    press("Alt+ArrowLeft", 3)
    press("Escape")
    press("2")  # label for the next segments: Speaker B
    press("ArrowRight", 5)  # 3.1 s
    press("[")
    press("ArrowRight", 18)  # 4.9 s
    press("]")
    press("Escape")
    press("ArrowRight", 6)  # 5.5 s
    press("Enter")
    press("ArrowRight", 19)  # 7.4 s
    press("Enter")
    press("1")  # the selected (new) segment becomes Speaker A
    press("ArrowRight", 2)  # a stray segment 7.6-7.7 s, then deleted
    press("Enter")
    press("ArrowRight")
    press("Enter")
    assert len(response(page, "w6-segments-shop-call")) == 4
    press("Delete")
    assert (
        "Removed Speaker A, 7.60 to 7.70 s." in root.locator(".annotrain-seg-status").text_content()
    )
    press("ArrowUp")  # select the last remaining segment and back: nothing changes
    press("ArrowDown")
    assert response(page, "w6-segments-shop-call") == [
        (0.4, 2.6, "Speaker A"),
        (3.1, 4.9, "Speaker B"),
        (5.5, 7.4, "Speaker A"),
    ]
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.textContent") == "Check":
            break
    page.keyboard.press("Enter")
    assert float(root.get_attribute("data-annotrain-score")) == 1.0
    # Locked after the check: keys no longer change the answer.
    timeline.focus()
    press("Delete")
    assert len(response(page, "w6-segments-shop-call")) == 3


def test_phone_touch_maps_times_exactly(phone, base_url):
    page = phone
    open_page(page, base_url + LESSON)
    line = Timeline(page, CALL)
    line.root.locator(".annotrain-seg-timeline").scroll_into_view_if_needed()
    line = Timeline(page, CALL)
    assert line.lanes[0]["width"] < 360
    expected = []
    for start, end, label in GOLD:
        lane = 0 if label == "Speaker A" else 1
        x1, x2 = line.x(start + 0.03), line.x(end - 0.03)
        touch_drag(page, (x1, line.y(lane)), (x2, line.y(lane)), steps=6)
        expected.append((line.seconds(x1), line.seconds(x2), label))
    assert_segments(response(page, "w6-segments-shop-call"), expected)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    # Through the API: a tap near the top of the screen may meet Material's
    # "Back to top" button, which appears while the page scrolls up.
    assert page.evaluate("() => window.annotrain.check('w6-segments-shop-call').score") == 1.0
    assert float(line.root.get_attribute("data-annotrain-score")) == 1.0
    line.root.locator(".annotrain-seg-timeline").scroll_into_view_if_needed()
    screenshot(page, "segments-phone")


def test_waveform_and_playing_a_segment(page, base_url):
    open_page(page, base_url + LESSON)
    root = page.locator(CALL)
    root.locator(".annotrain-seg-timeline[data-annotrain-wave]").wait_for(
        state="attached", timeout=10000
    )
    page.evaluate(
        "() => window.annotrain.setResponse('w6-segments-shop-call', {segments: [{start: 3.1, end: 3.6, label: 'Speaker B'}]})"
    )
    audio = root.locator("audio")
    audio.evaluate("a => { a.muted = true; }")
    root.get_by_role("button", name="Play").click()
    page.wait_for_function(
        "a => !a.paused && a.currentTime > 3.15", arg=audio.element_handle(), timeout=10000
    )
    page.wait_for_function("a => a.paused", arg=audio.element_handle(), timeout=10000)
    assert 3.5 <= audio.evaluate("a => a.currentTime") <= 3.75
    # The cursor followed the playback.
    assert (
        3.5 <= float(root.locator(".annotrain-seg-timeline").get_attribute("aria-valuenow")) <= 3.75
    )


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_screenshots_and_axe(page, base_url, scheme):
    set_scheme(page, base_url, scheme)
    open_page(page, base_url + LESSON)
    assert serious_violations(page) == []
    page.evaluate(
        """() => window.annotrain.setResponse('w6-segments-front-door', {segments: [
        {start: 0.6, end: 1.5, label: 'Doorbell'}, {start: 2.5, end: 3.3, label: 'Speech'},
        {start: 4.2, end: 5.0, label: 'Speech'}]})"""
    )
    root = page.locator("#annotrain-w6-segments-front-door")
    root.get_by_role("button", name="Check").click()
    assert serious_violations(page) == [], "after checking"
    root.locator(".annotrain-seg-timeline").scroll_into_view_if_needed()
    page.mouse.wheel(0, -120)
    page.wait_for_timeout(300)
    screenshot(page, f"segments-feedback-{'dark' if scheme == 'slate' else 'light'}")


def test_week_6_quiz_grades_both_audio_types(page, base_url):
    open_page(page, base_url + "week-6/quiz/")
    wanted = ["q6-transcribe-bus", "q6-segments-delivery"]
    seed = page.evaluate(
        """wanted => {
        const root = document.querySelector('[data-annotrain-quiz=week-6]');
        const quiz = JSON.parse(root.getAttribute('data-annotrain-quiz-data'));
        for (let seed = 1; seed < 5000; seed++) {
          const drawn = window.annotrain.quizCore.draw(quiz, seed);
          if (wanted.every(id => drawn.indexOf(id) !== -1)) return seed;
        }
        return null; }""",
        wanted,
    )
    assert seed is not None
    attempt = page.evaluate("s => window.annotrain.quiz.start('week-6', {seed: s})", seed)
    data = page.evaluate(
        "() => JSON.parse(document.querySelector('[data-annotrain-quiz=week-6]').getAttribute('data-annotrain-quiz-data'))"
    )
    for task_id in attempt["tasks"]:
        gold = data["tasks"][task_id]["task"]["gold"]
        if task_id == "q6-transcribe-bus":
            gold = {"text": "the last bus leaves stop 12 at 6.15"}  # punctuation does not count
        shown = page.evaluate(
            "([t, r]) => window.annotrain.quiz.answer('week-6', t, r)", [task_id, gold]
        )
        if task_id == "q6-segments-delivery":
            assert len(shown["segments"]) == 3
    grade = page.evaluate("() => window.annotrain.quiz.submit('week-6')")
    assert grade["score"] == pytest.approx(1.0)
    for task_id in wanted:
        assert grade["tasks"][task_id]["score"] == pytest.approx(1.0)
    delivery = page.locator(".annotrain-quiz-task[data-annotrain-id=q6-segments-delivery]")
    # Overlapping gold: the customer's "okay" lies in its own row over the courier's turn.
    assert delivery.locator(".annotrain-seg-gold-item").count() == 3


def test_players_show_the_clip_length_where_the_server_sends_no_ranges(page, whole_files_url):
    """Like `mkdocs serve`: the browser cannot read an Ogg clip's end and would report
    its duration as Infinity; the build's measured length finds it."""
    open_page(page, whole_files_url + "week-6/diarization-and-events/")
    src = page.locator(".annotrain-exercise[data-annotrain-type=segments] audio").first
    url = src.evaluate("a => a.currentSrc || a.src")
    reply = page.request.get(url, headers={"Range": "bytes=0-99"})
    assert reply.status == 200 and "accept-ranges" not in reply.headers, "a server without ranges"
    clips = clip_lengths(page, "segments")
    assert clips
    for measured, reported, position, paused in clips:
        assert abs(reported - measured) < 0.1, (reported, measured)
        assert (position, paused) == (0, True), "back at the start, not playing"


def test_players_report_the_length_from_a_static_host(page, base_url):
    open_page(page, base_url + "week-6/diarization-and-events/")
    for measured, reported, position, paused in clip_lengths(page, "segments"):
        assert abs(reported - measured) < 0.1 and (position, paused) == (0, True)


WRONG_FIRST = {
    "segments": [
        {"start": 0.4, "end": 2.593, "label": "Speaker B"},  # the right time, the wrong label
        {"start": 3.093, "end": 4.93, "label": "Speaker B"},
        {"start": 5.53, "end": 7.439, "label": "Speaker A"},
    ]
}

LOOKS = """el => { const s = getComputedStyle(el); const after = getComputedStyle(el, '::after');
  const box = el.getBoundingClientRect();
  return {border: s.borderTopColor, style: s.borderTopStyle, image: s.backgroundImage,
          fill: s.backgroundColor, sign: after.content, top: box.top, bottom: box.bottom}; }"""


def test_a_wrong_label_and_its_gold_do_not_both_look_found(page, base_url):
    open_page(page, base_url + LESSON)
    root = page.locator(CALL)
    page.evaluate("r => window.annotrain.setResponse('w6-segments-shop-call', r)", WRONG_FIRST)
    root.get_by_role("button", name="Check").click()
    show_answer(root)
    lanes = root.locator(".annotrain-seg-lane")
    mine = lanes.nth(1).locator(".annotrain-seg-item").first  # Speaker B's row, 0.4 s
    gold = lanes.nth(0).locator(".annotrain-seg-gold-item").first  # Speaker A's, 0.4 s
    right = lanes.nth(1).locator(".annotrain-seg-item").nth(1)
    assert mine.get_attribute("data-annotrain-mark") == "wrong"
    assert gold.get_attribute("data-annotrain-mark") == "wrong"
    assert right.get_attribute("data-annotrain-mark") == "gold"
    mine_looks, gold_looks, right_looks = (x.evaluate(LOOKS) for x in (mine, gold, right))
    # Marked by a sign, not by colour alone: a cross on both, a tick on the right one.
    assert mine_looks["sign"] == gold_looks["sign"] == '"\u2717"'
    assert right_looks["sign"] == '"\u2713"'
    # The learner's segment and the gold differ by more than colour: the gold is
    # an outline only, in a band of its own above the learner's filled segments.
    assert gold_looks["image"] == "none" and gold_looks["fill"] == "rgba(0, 0, 0, 0)"
    assert mine_looks["image"] != "none"
    assert gold_looks["bottom"] <= mine_looks["top"] - 1
    # The lists say it in words: the gold segment was found, but with another label.
    first_gold = root.locator(".annotrain-seg-gold-list li").first
    assert first_gold.inner_text() == "Speaker A, 0.40\u20132.59 s found, but labelled Speaker B"
    assert first_gold.get_attribute("data-annotrain-mark") == "wrong"
    found = root.locator(".annotrain-seg-gold-list li").nth(1)
    assert (
        found.inner_text().endswith(" found")
        and found.get_attribute("data-annotrain-mark") == "gold"
    )
    row = root.locator(".annotrain-seg-row").first
    assert row.locator(".annotrain-mark").inner_text() == "wrong label, gold: Speaker A"


def test_each_label_has_its_own_colour_and_pattern(page, base_url):
    open_page(page, base_url + LESSON)
    root = page.locator(CALL)
    page.evaluate(
        """() => window.annotrain.setResponse('w6-segments-shop-call', {segments: [
        {start: 0.4, end: 2.5, label: 'Speaker A'}, {start: 3.1, end: 4.9, label: 'Speaker B'}]})"""
    )
    lanes = root.locator(".annotrain-seg-lane")
    a, b = (lanes.nth(n).locator(".annotrain-seg-item").evaluate(LOOKS) for n in (0, 1))
    assert a["border"] != b["border"], "a colour of its own"
    assert a["image"] != b["image"], "and a pattern of its own"
    # The label choice and the row's name show the same colour and pattern.
    for n, looks in enumerate((a, b)):
        for swatch in (
            root.locator(".annotrain-seg-choice").nth(n).locator(".annotrain-seg-swatch"),
            lanes.nth(n).locator(".annotrain-seg-swatch"),
        ):
            shown = swatch.evaluate(LOOKS)
            assert (shown["border"], shown["image"]) == (looks["border"], looks["image"])


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_row_names_never_cover_the_timeline(page, phone, base_url, device):
    page = page if device == "desktop" else phone
    open_page(page, base_url + LESSON)
    root = page.locator(CALL)
    # Segments from the very start of the clip in both rows, and the gold over them.
    page.evaluate(
        """() => window.annotrain.setResponse('w6-segments-shop-call', {segments: [
        {start: 0, end: 1.2, label: 'Speaker A'}, {start: 0, end: 0.5, label: 'Speaker B'}]})"""
    )
    page.evaluate("() => window.annotrain.check('w6-segments-shop-call')")
    show_answer(root)
    root.locator(".annotrain-seg-timeline").scroll_into_view_if_needed()
    covered = root.evaluate(
        """root => {
        const meet = (p, q) => p.left < q.right && q.left < p.right && p.top < q.bottom && q.top < p.bottom;
        const bars = [...root.querySelectorAll('.annotrain-seg-item, .annotrain-seg-gold-item')];
        const out = [];
        root.querySelectorAll('.annotrain-seg-lane-name').forEach(name => {
          const p = name.getBoundingClientRect();
          bars.forEach(bar => { if (meet(p, bar.getBoundingClientRect())) out.push(name.textContent); });
        });
        // What the pointer meets 3 px into each bar from its start is that bar.
        bars.forEach(bar => {
          const q = bar.getBoundingClientRect();
          const hit = document.elementFromPoint(q.left + 3, (q.top + q.bottom) / 2);
          if (!bar.contains(hit)) out.push('hidden: ' + bar.className);
        });
        return {bars: bars.length, out};
        }"""
    )
    assert covered == {"bars": 5, "out": []}  # 2 of the learner's, 3 of the gold


def test_edge_fields_show_times_to_the_millisecond(page, base_url):
    """Times computed elsewhere (restored progress, an import) carry float noise such as
    5.015000000000001: the list shows them to the millisecond, as the grader reads them."""
    open_page(page, base_url + LESSON)
    noisy = [{"start": 1.7999999999999998, "end": 5.015000000000001, "label": "Speaker A"}]
    page.evaluate(
        "r => window.annotrain.setResponse('w6-segments-shop-call', r)", {"segments": noisy}
    )
    row = page.locator(CALL).locator(".annotrain-seg-row").first
    assert row.locator(".annotrain-seg-start").input_value() == "1.8"
    assert row.locator(".annotrain-seg-end").input_value() == "5.015"
