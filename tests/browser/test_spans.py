"""Spans exercises in headless Chromium: real mouse drags, keys, touch taps on a phone,
the overlap refusal, the feedback on a boundary error, saved progress, a quiz with a
spans task, screenshots and axe scans of the entities lesson.

Token boxes come from the rendered passage: each token carries its code-point
offsets (data-s, data-e), so a gold span's first and last tokens are found by
offset, never by guessing at pixels.
"""

from __future__ import annotations

import json

import pytest

from ..conftest import python_grade
from .conftest import open_page, screenshot, serious_violations, show_answer
from .looks import GRAPHICS, TEXT, contrast, luminance, palette, seen
from .pointing import set_scheme

LESSON = "week-5/entities-and-relations/"
FERRY = "w5-ner-ferry-news"
NESTED = "w5-ner-nested"


def root_of(page, exercise_id):
    return page.locator(f"#annotrain-{exercise_id}")


def task_of(page, exercise_id) -> dict:
    return page.evaluate("id => window.annotrain.task(id)", exercise_id)


def tokens_of(root, start: int, end: int):
    """The first and last token of the span start-end (code points)."""
    passage = root.locator(".annotrain-spans-passage").first
    return (
        passage.locator(f'.annotrain-tok[data-s="{start}"]'),
        passage.locator(f'.annotrain-tok[data-e="{end}"]'),
    )


def tokens_in(root, span: dict) -> list:
    """The tokens of the passage inside ``span`` (code points)."""
    toks = root.locator(".annotrain-spans-passage").first.locator(".annotrain-tok")
    return [
        t
        for t in toks.all()
        if int(t.get_attribute("data-s")) >= span["start"]
        and int(t.get_attribute("data-e")) <= span["end"]
    ]


def centre(locator):
    box = locator.bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def drag(page, root, start: int, end: int):
    """Press the mouse on the first token, move over the passage to the last, release."""
    first, last = tokens_of(root, start, end)
    first.scroll_into_view_if_needed()
    page.mouse.move(*centre(first))
    page.mouse.down()
    page.mouse.move(*centre(last), steps=6)
    page.mouse.up()


def key_of(task, label: str) -> str:
    return str(task["labels"].index(label) + 1)


def response(page, exercise_id) -> list[dict]:
    """The spans marked; none (a null response: nothing marked, not answered) is []."""
    return (page.evaluate("id => window.annotrain.getResponse(id)", exercise_id) or {"spans": []})[
        "spans"
    ]


def mark_gold_with_mouse(page, exercise_id, skip=()):
    root = root_of(page, exercise_id)
    task = task_of(page, exercise_id)
    for span in task["gold"]["spans"]:
        if (span["start"], span["end"]) in skip:
            continue
        drag(page, root, span["start"], span["end"])
        page.keyboard.press(key_of(task, span["label"]))
    return task


def test_mouse_drag_label_keys_and_check(page, base_url):
    open_page(page, base_url + LESSON)
    page.evaluate(
        """() => { window.__grades = [];
        document.addEventListener('annotrain:graded', e => window.__grades.push(e.detail)); }"""
    )
    task = mark_gold_with_mouse(page, FERRY)
    assert response(page, FERRY) == task["gold"]["spans"]
    root = root_of(page, FERRY)
    assert (
        "Marked \u201cJune\u201d as Date." in root.locator(".annotrain-spans-status").inner_text()
    )
    items = root.locator(".annotrain-spans-items li")
    assert items.first.inner_text().startswith(
        "Date: \u201c14 March 2023\u201d (characters 3\u201316)"
    )
    # Each marked span shows its label as text, not only as a colour.
    assert root.locator(".annotrain-spans-passage .annotrain-spans-tag").all_inner_texts() == [
        "Date",
        "Person",
        "Organization",
        "Location",
        "Location",
        "Date",
    ]
    root.get_by_role("button", name="Check").click()
    assert float(root.get_attribute("data-annotrain-score")) == 1.0
    assert root.get_attribute("data-annotrain-passed") == "true"
    text = root.locator(".annotrain-feedback").inner_text()
    assert "Gold spans you marked exactly: 6 of 6." in text
    assert "Correct: \u201c14 March 2023\u201d (Date), \u201cIngrid Solberg\u201d (Person)" in text
    grades = page.evaluate("() => window.__grades")
    assert [g["score"] for g in grades] == [1.0]
    # Progress: best score and the last response are stored.
    saved = page.evaluate("() => window.annotrain.progressData()")["exercises"][FERRY]
    assert saved["best"] == 1.0 and saved["last"]["spans"] == task["gold"]["spans"]


def test_boundary_error_with_the_comma_is_named(page, base_url):
    open_page(page, base_url + LESSON)
    root = root_of(page, FERRY)
    task = task_of(page, FERRY)
    aberdeen = next(
        s for s in task["gold"]["spans"] if s["start"] == task["text"].index("Aberdeen")
    )
    mark_gold_with_mouse(page, FERRY, skip={(aberdeen["start"], aberdeen["end"])})
    # Aberdeen plus the comma after it: the comma is its own token.
    comma = aberdeen["end"] + 1
    assert task["text"][aberdeen["end"] : comma] == ","
    drag(page, root, aberdeen["start"], comma)
    page.keyboard.press(key_of(task, "Location"))
    root.get_by_role("button", name="Check").click()
    # labels 1 (5 x 3), recall 5/6 (3 x 2), precision 5/6 (3 x 1): 24/30 reaches the 0.8 mark.
    assert float(root.get_attribute("data-annotrain-score")) == pytest.approx(0.8)
    assert root.get_attribute("data-annotrain-passed") == "true"
    text = root.locator(".annotrain-feedback").inner_text()
    assert (
        "\u201cAberdeen,\u201d (Location): boundary error, includes trailing punctuation "
        "\u201c,\u201d; the gold span is \u201cAberdeen\u201d." in text
    )
    assert "Marked, but not exactly: \u201cAberdeen\u201d (Location)." in text
    mine = root.locator(".annotrain-spans-items").first.locator("li")
    assert "boundary error" in mine.nth(4).inner_text()
    assert mine.nth(4).get_attribute("data-annotrain-mark") == "boundary"
    gold = root.locator(".annotrain-spans-gold")
    assert "Gold answer" in gold.inner_text()
    assert "Location (gold)" in gold.locator(".annotrain-spans-tag").all_inner_texts()
    assert "marked, not exactly" in gold.locator("li").nth(4).inner_text()
    # The same grade in Python.
    python = python_grade(task, {"spans": response(page, FERRY)}, messages_of(page))
    assert python["score"] == float(root.get_attribute("data-annotrain-score"))
    root.locator(".annotrain-spans-passage").first.scroll_into_view_if_needed()
    screenshot(page, "spans-boundary-error-light")


def messages_of(page) -> dict:
    return page.evaluate("() => window.annotrainSite.messages")


def test_keyboard_only(page, base_url):
    open_page(page, base_url + LESSON)
    root = root_of(page, FERRY)
    task = task_of(page, FERRY)
    starts = [
        int(s) for s in root.locator(".annotrain-tok").evaluate_all("t => t.map(x => x.dataset.s)")
    ]
    ends = [
        int(s) for s in root.locator(".annotrain-tok").evaluate_all("t => t.map(x => x.dataset.e)")
    ]
    root.locator(".annotrain-spans-label").last.focus()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.getAttribute('role')") == "listbox"
    # A wrong span first, removed with Delete; Escape clears a selection.
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("1")
    assert response(page, FERRY) == [{"start": 0, "end": 2, "label": "Person"}]
    page.keyboard.press("Delete")
    assert response(page, FERRY) == []
    assert "Removed Person" in root.locator(".annotrain-spans-status").inner_text()
    page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("Escape")
    page.keyboard.press("2")
    assert response(page, FERRY) == []
    assert "Select one or more words first." in root.locator(".annotrain-spans-status").inner_text()
    caret = 1  # Shift+ArrowRight moved the caret; Escape kept it there
    for span in task["gold"]["spans"]:
        first, last = starts.index(span["start"]), ends.index(span["end"])
        for _ in range(abs(first - caret)):
            page.keyboard.press("ArrowRight" if first > caret else "ArrowLeft")
        active = page.evaluate("() => document.activeElement.getAttribute('aria-activedescendant')")
        assert active, (span, page.evaluate("() => document.activeElement.outerHTML.slice(0, 200)"))
        assert root.locator(f"#{active}").inner_text() == task["text"][starts[first] : ends[first]]
        for _ in range(last - first):
            page.keyboard.press("Shift+ArrowRight")
        letter = span["label"][0].lower()
        page.keyboard.press(letter if span["label"] != "Date" else key_of(task, "Date"))
        caret = last
    assert response(page, FERRY) == task["gold"]["spans"]
    # Letters belong to the passage: Material's "n" (next page) and "s" (search) stay quiet.
    page.keyboard.press("n")
    page.keyboard.press("s")
    assert page.url.split("#")[0] == base_url + LESSON
    assert page.evaluate("() => document.activeElement.getAttribute('role')") == "listbox"
    selected = root.locator("[aria-selected=true]").count()
    assert selected == 0, "the selection is cleared once a label is applied"
    # Tab through the span list and the hint button to Check, then Enter.
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.dataset.annotrainAction") == "check":
            break
    page.keyboard.press("Enter")
    assert float(root.get_attribute("data-annotrain-score")) == 1.0
    assert "annotrain-feedback" in page.evaluate("() => document.activeElement.className")
    # Try again puts the keyboard back in the passage.
    root.get_by_role("button", name="Try again").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.getAttribute('role')") == "listbox"
    assert len(response(page, FERRY)) == len(task_of(page, FERRY)["gold"]["spans"])  # kept


def test_relabel_and_remove_from_the_list(page, base_url):
    open_page(page, base_url + LESSON)
    root = root_of(page, FERRY)
    task = task_of(page, FERRY)
    june = task["gold"]["spans"][-1]
    drag(page, root, june["start"], june["end"])
    page.keyboard.press(key_of(task, "Person"))
    root.get_by_label("Label of \u201cJune\u201d").select_option("Date")
    assert response(page, FERRY) == [june]
    assert root.get_by_label("Label of \u201cJune\u201d").evaluate(
        "e => e === document.activeElement"
    )
    root.get_by_role("button", name="Remove Date: \u201cJune\u201d").click()
    assert response(page, FERRY) == []
    assert "No spans marked yet." in root.locator(".annotrain-spans-items").inner_text()


def test_overlap_is_refused_unless_allowed(page, base_url):
    open_page(page, base_url + LESSON)
    root = root_of(page, FERRY)
    task = task_of(page, FERRY)
    text = task["text"]
    person = text.index("Ingrid")
    drag(page, root, person, person + len("Ingrid Solberg"))
    page.keyboard.press("1")
    before = response(page, FERRY)
    solberg = text.index("Solberg")
    drag(page, root, solberg, text.index("announced") + len("announced"))
    page.keyboard.press("2")
    status = root.locator(".annotrain-spans-status")
    assert response(page, FERRY) == before
    assert (
        "Not marked: the selection overlaps \u201cIngrid Solberg\u201d (Person), and spans may "
        "not overlap in this exercise." in status.inner_text()
    )
    assert "annotrain-spans-warning" in status.get_attribute("class")
    assert root.locator("[aria-selected=true]").count() == 2, "the refused selection stays"
    # The nested exercise allows overlapping spans.
    nested = root_of(page, NESTED)
    ntext = task_of(page, NESTED)["text"]
    uni = ntext.index("University")
    drag(page, nested, uni, uni + len("University of Nairobi"))
    page.keyboard.press("o")
    city = ntext.index("Nairobi")
    drag(page, nested, city, city + len("Nairobi"))
    page.keyboard.press("l")
    assert response(page, NESTED) == [
        {"start": uni, "end": uni + 21, "label": "Organization"},
        {"start": city, "end": city + 7, "label": "Location"},
    ]
    assert nested.locator(".annotrain-spans-status").inner_text().startswith("Marked")


def test_progress_restored_after_reload(page, base_url):
    open_page(page, base_url + LESSON)
    root = root_of(page, FERRY)
    task = mark_gold_with_mouse(page, FERRY)
    root.get_by_role("button", name="Check").click()
    page.reload()
    page.evaluate("() => window.annotrain.ready")
    root = root_of(page, FERRY)
    assert response(page, FERRY) == task["gold"]["spans"]
    assert root.locator(".annotrain-spans-passage .annotrain-spans-tag").count() == 6
    assert "100" in root.locator(".annotrain-best").inner_text()
    stored = page.evaluate("() => localStorage.getItem('annotrain:v1:annotrain-course')")
    assert json.loads(stored)["exercises"][FERRY]["best"] == 1


def test_touch_taps_on_a_phone(phone, base_url):
    page = phone
    open_page(page, base_url + "week-1/what-is-annotation/")
    exercise = "w1-first-spans"
    root = root_of(page, exercise)
    task = task_of(page, exercise)
    # As the help says: tap the first word, then the last; for a one-word name the
    # first is the last, so it is tapped twice.
    one_word = [s for s in task["gold"]["spans"] if len(tokens_in(root, s)) == 1]
    assert one_word, "the exercise has a one-word name to tap twice"
    for span in task["gold"]["spans"]:
        first, last = tokens_of(root, span["start"], span["end"])
        first.scroll_into_view_if_needed()
        first.tap()
        last.tap()
        assert root.locator("[aria-selected=true]").count() == len(tokens_in(root, span))
        root.locator(f'.annotrain-spans-label[data-label="{span["label"]}"]').tap()
    assert response(page, exercise) == task["gold"]["spans"]
    # A third tap starts anew: one token chosen, waiting for the last.
    words = root.locator(".annotrain-tok")
    words.nth(0).tap()
    words.nth(2).tap()
    words.nth(1).tap()
    assert root.locator("[aria-selected=true]").count() == 1
    words.nth(1).tap()
    assert root.locator("[aria-selected=true]").count() == 1
    root.locator(".annotrain-spans-passage").scroll_into_view_if_needed()
    screenshot(page, "spans-phone-marked")
    root.get_by_role("button", name="Check").tap()
    assert float(root.get_attribute("data-annotrain-score")) == 1.0
    root.locator(".annotrain-spans-passage").first.scroll_into_view_if_needed()
    screenshot(page, "spans-phone-checked")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, "nothing overflows the phone's width"


def test_dark_palette_marks_keep_their_contrast(page, base_url):
    """On the dark palette the learner's spans, their tags and the gold copy stay legible."""
    set_scheme(page, base_url, "slate")
    open_page(page, base_url + LESSON)
    assert palette(page) == "slate"
    root = root_of(page, FERRY)
    task = task_of(page, FERRY)
    june = task["gold"]["spans"][-1]
    mark_gold_with_mouse(page, FERRY, skip={(june["start"], june["end"])})
    root.get_by_role("button", name="Check").click()
    root.locator(".annotrain-spans-passage").first.scroll_into_view_if_needed()
    screenshot(page, "spans-checked-dark")
    yours = root.locator(".annotrain-spans-passage").first
    passage = seen(yours, "backgroundColor")
    assert luminance(passage) < 0.05, "the passage sits on a dark page"
    tags = yours.locator(".annotrain-spans-tag")
    assert tags.all_text_contents() == [f"✓ {s['label']}" for s in task["gold"]["spans"][:-1]]
    for tag in tags.all():
        assert contrast(seen(tag, "color"), seen(tag, "backgroundColor")) >= TEXT, tag.inner_text()
    marked = yours.locator(".annotrain-tok.annotrain-spans-on")
    assert marked.count() >= 5
    for token in marked.all():
        highlight = seen(token, "backgroundColor")
        assert contrast(seen(token, "color"), highlight) >= TEXT, token.inner_text()
        assert contrast(seen(token, "boxShadow"), passage) >= GRAPHICS, token.inner_text()
    # The gold copy: every gold span, the one left out too, dashed and tagged.
    gold = root.locator(".annotrain-spans-gold")
    gold_tags = gold.locator(".annotrain-spans-tag")
    assert gold_tags.count() == len(task["gold"]["spans"])
    for tag in gold_tags.all():
        assert contrast(seen(tag, "color"), seen(tag, "backgroundColor")) >= TEXT, tag.inner_text()
        assert contrast(seen(tag, "borderTopColor"), seen(tag, "backgroundColor")) >= GRAPHICS
    for token in gold.locator(".annotrain-tok.annotrain-spans-on").all():
        underline = seen(token, "borderBottomColor")
        assert contrast(underline, seen(token, "backgroundColor")) >= GRAPHICS, token.inner_text()


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_lesson_page_accessibility(page, base_url, scheme):
    set_scheme(page, base_url, scheme)
    open_page(page, base_url + LESSON)
    assert serious_violations(page) == [], "before"
    root = root_of(page, FERRY)
    mark_gold_with_mouse(page, FERRY, skip={(3, 16)})
    drag(page, root, 18, 24)  # a selection is showing too
    assert serious_violations(page) == [], "while marking"
    for exercise in page.evaluate("() => window.annotrain.exercises()"):
        # An untouched exercise is not answered: give it the explicit "no entities".
        page.evaluate(
            "id => window.annotrain.getResponse(id) || window.annotrain.setResponse(id, {spans: []})",
            exercise,
        )
        grade = page.evaluate("id => window.annotrain.check(id)", exercise)
        if not grade["passed"]:
            assert serious_violations(page) == [], "after a wrong check"
            show_answer(root_of(page, exercise))
    # the page's four spans exercises (its relations exercises show spans gold too)
    assert page.locator('[data-annotrain-type="spans"] .annotrain-spans-gold').count() == 4
    assert serious_violations(page) == [], "after checking"


def test_quiz_with_a_spans_task(page, base_url):
    open_page(page, base_url + "week-5/quiz/")
    page.evaluate("() => window.annotrain.quiz.start('week-5', {seed: 5})")
    data = json.loads(
        page.locator("[data-annotrain-quiz=week-5]").get_attribute("data-annotrain-quiz-data")
    )
    attempt = page.evaluate("() => window.annotrain.quiz.current('week-5')")
    spans_ids = [t for t in attempt["tasks"] if data["tasks"][t]["task"]["type"] == "spans"]
    assert len(spans_ids) == 2, "the Named entities section draws two spans tasks"
    task_id = spans_ids[0]
    li = page.locator(f'.annotrain-quiz-task[data-annotrain-id="{task_id}"]')
    for _ in range(len(attempt["tasks"])):
        if li.is_visible():
            break
        page.get_by_role("button", name="Next").click()
    task = data["tasks"][task_id]["task"]
    for span in task["gold"]["spans"]:
        drag(page, li, span["start"], span["end"])
        page.keyboard.press(key_of(task, span["label"]))
    saved = page.evaluate("() => window.annotrain.quiz.current('week-5')")["responses"][task_id]
    assert saved == {"spans": task["gold"]["spans"]}, "each edit is saved to the attempt"
    page.evaluate("() => window.annotrain.quiz.submit('week-5')")
    # Answers below the result are reviewed in batches after it shows.
    page.locator("[data-annotrain-quiz=week-5][data-annotrain-reviewed]").wait_for(state="attached")
    assert float(li.get_attribute("data-annotrain-score")) == 1.0
    assert li.locator(".annotrain-spans-gold").is_visible()


def test_the_caret_outline_leaves_a_full_stop_beside_it_visible(page, base_url):
    """In an exercise about leaving the full stop out of "Galway", the keyboard caret on
    "Galway" must not draw over the full stop that follows it."""
    open_page(page, base_url + "week-1/what-is-annotation/")
    root = root_of(page, "w1-first-spans")
    passage = root.locator(".annotrain-spans-passage")
    passage.focus()
    page.keyboard.press("End")  # the last token: the full stop
    page.keyboard.press("ArrowLeft")  # Galway
    galway = passage.locator('.annotrain-tok[data-s="52"]')
    stop = passage.locator('.annotrain-tok[data-s="58"]')
    assert stop.inner_text() == "."
    assert "annotrain-spans-caret" in galway.get_attribute("class")
    outline = galway.evaluate(
        """tok => { const s = getComputedStyle(tok); const r = tok.getBoundingClientRect();
        const out = parseFloat(s.outlineWidth) + parseFloat(s.outlineOffset);
        return {style: s.outlineStyle, width: parseFloat(s.outlineWidth),
                left: r.left - out, right: r.right + out, top: r.top - out, bottom: r.bottom + out}; }"""
    )
    assert outline["style"] == "solid" and outline["width"] >= 2, "the caret shows"
    full_stop = stop.bounding_box()
    assert outline["right"] <= full_stop["x"] + 0.5, "the outline stops before the full stop"
    # And nothing else lies over the full stop's centre.
    assert stop.evaluate(
        """el => { const r = el.getBoundingClientRect();
        return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === el; }"""
    )
