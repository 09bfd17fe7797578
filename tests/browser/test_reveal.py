"""A wrong Check teaches without giving the answer away; the answer shows on request
or after ``reveal_after`` wrong checks (2 in the flagship course), and a score
earned after that is not the best score.

For the first lesson exercise of every task type, answered wrongly with the type's
own input (clicks, drags, taps, keys, typing; see answering.py):

- a wrong Check shows no gold: no gold mark or layer, no note naming a gold value
  (the notes the Python grader words with the gold are absent, those it words
  without are there), no explanation; it offers Show answer and Try again;
- Show answer shows all of them;
- Try again keeps the answer, and the second wrong Check shows the answer by itself;
- a right answer checked after that scores 100% but is not the best score.

Screenshots of each type after a wrong Check and after Show answer, on a desktop
and a phone, light and dark, go to test-results/screenshots/reveal-*.png.
"""

from __future__ import annotations

import copy

import pytest

from annotrain.tasktypes import TASK_TYPES

from ..conftest import python_grade
from .answering import ANSWER, INPUT
from .conftest import PHONE, SHOTS, open_exercise, open_page, watch_errors
from .pointing import set_scheme

#: What shows the gold in an exercise: marks on options, cards and levels, the gold
#: layer of a picture, the gold list of segments and spans, the transcript's
#: alignment with its reference, and the author's explanation.
GOLD_SHOWN = ", ".join(
    [
        "[data-annotrain-mark]",
        ".annotrain-stage-gold .annotrain-stage-shape",
        ".annotrain-stage-gold-list li",
        ".annotrain-seg-gold-list li",
        ".annotrain-spans-gold",
        ".annotrain-align li",
        ".annotrain-explain",
    ]
)


def _farthest(values: list, gold) -> object:
    """The value of ``values`` farthest from ``gold`` (a scale's other end)."""
    at = values.index(gold)
    return values[0] if at >= len(values) / 2 else values[-1]


def wrong_answer(task: dict) -> dict:
    """A response to ``task`` that answers it, wrongly, for its type's answer function."""
    kind, gold = task["type"], copy.deepcopy(task["gold"])
    labels = task.get("labels") or []
    if kind == "choice":
        return {"choice": _farthest(labels, gold["choice"])}
    if kind == "multi":
        extra = [label for label in labels if label not in gold["choices"]][:1]
        return {"choices": gold["choices"][1:] + extra}
    if kind == "pairwise":
        ids = [item["id"] for item in task["responses"]]
        return {"choice": next(i for i in ids if i != gold["choice"])}
    if kind == "rank":
        return {"order": gold["order"][::-1]}
    if kind == "rating":
        values = [level["value"] for level in task["scale"]["levels"]]
        return {"ratings": {c: _farthest(values, v) for c, v in gold["ratings"].items()}}
    if kind == "numeric":
        return {"value": round(gold["value"] * 3 + 7, 2)}
    if kind == "transcript":
        words = gold["text"].split()
        return {"text": " ".join(words[: len(words) // 2])}
    if kind in ("spans", "segments", "bbox", "polygon", "masks"):
        key = {"spans": "spans", "segments": "segments", "bbox": "boxes", "polygon": "polygons"}
        key["masks"] = "masks"
        items = gold[key[kind]]
        for item in items:  # each object under the next label
            item["label"] = labels[(labels.index(item["label"]) + 1) % len(labels)]
        if kind == "bbox":
            for box in items:
                box["x"] = min(box["x"] + 9, task["image"]["width"] - box["w"])
        return {key[kind]: items}
    if kind == "keypoints":
        width, height = task["image"]["width"], task["image"]["height"]
        points = []
        for point in gold["points"]:
            if point.get("visible", True) is False:
                points.append(point)
                continue
            far = 4 * task["tolerance"][point["label"]]
            x = point["x"] + far if point["x"] + far <= width else point["x"] - far
            points.append({"label": point["label"], "x": round(x), "y": min(point["y"], height)})
        return {"points": points}
    if kind == "relations":  # the right spans, every link pointing the wrong way
        links = [{**link, "from": link["to"], "to": link["from"]} for link in gold["relations"]]
        return {"spans": gold["spans"], "relations": links}
    if kind == "tracking":  # each object followed for one frame only, then out of view
        tracks = []
        for track in gold["tracks"]:
            first = next(key for key in track["keys"] if not key.get("out"))
            tracks.append({**track, "keys": [first, {"frame": first["frame"] + 1, "out": True}]})
        return {"tracks": tracks}
    raise AssertionError(f"no wrong answer for {kind}")


def give(page, root, task: dict, response: dict) -> None:
    """Answer with the type's own input, as a learner does."""
    ANSWER[task["type"]](page, root, task, response)


def notes_of(grade: dict) -> set[str]:
    return {note for criterion in grade["criteria"].values() for note in criterion["notes"]}


def feedback_text(root) -> str:
    return root.locator(".annotrain-feedback").inner_text().replace("\u00a0", " ")


def assert_hidden(root, task, response, messages):
    """The feedback of a wrong check made before the answer is shown."""
    assert root.get_attribute("data-annotrain-passed") == "false"
    assert root.get_attribute("data-annotrain-revealed") == "false"
    assert root.locator(GOLD_SHOWN).count() == 0, root.locator(GOLD_SHOWN).first.evaluate(
        "el => el.outerHTML.slice(0, 200)"
    )
    text = feedback_text(root)
    hidden = notes_of(python_grade(task, response, messages, hide_gold=True))
    named = notes_of(python_grade(task, response, messages)) - hidden
    assert [note for note in hidden if note.replace("\u00a0", " ") not in text] == []
    assert [note for note in named if note.replace("\u00a0", " ") in text] == []
    assert "Explanation" not in text
    assert root.get_by_role("button", name="Show answer").is_visible()
    assert root.get_by_role("button", name="Try again").is_visible()


def assert_shown(root, task, response, messages):
    """The feedback once the answer is shown: gold marks, notes naming it, explanation."""
    assert root.get_attribute("data-annotrain-revealed") == "true"
    assert root.locator(GOLD_SHOWN).count() > 0
    text = feedback_text(root)
    for note in notes_of(python_grade(task, response, messages)):
        assert note.replace("\u00a0", " ") in text, note
    if task.get("explain"):
        assert root.locator(".annotrain-explain").is_visible()
    assert root.get_by_role("button", name="Show answer").is_hidden()


def wrong_check(page, root, task: dict) -> dict:
    """Answer ``task`` wrongly with real input and press Check; the response given."""
    wanted = wrong_answer(task)
    give(page, root, task, wanted)
    response = page.evaluate("id => window.annotrain.getResponse(id)", task["id"])
    root.get_by_role("button", name="Check").click()
    root.locator(".annotrain-feedback table").wait_for()
    return response


# Types answered by touch are checked the same way on a phone, below.
@pytest.mark.parametrize("type_name", [t for t in sorted(TASK_TYPES) if INPUT[t] != "touch"])
def test_a_wrong_check_hides_the_gold_and_show_answer_shows_it(
    page, base_url, exercise_of_type, type_name, messages
):
    exercise_id, root = open_exercise(page, base_url, exercise_of_type, type_name)
    task = page.evaluate("id => window.annotrain.task(id)", exercise_id)
    response = wrong_check(page, root, task)
    assert not python_grade(task, response, messages)["passed"], response
    assert_hidden(root, task, response, messages)
    root.get_by_role("button", name="Show answer").click()
    assert_shown(root, task, response, messages)
    assert "Here is the answer." in feedback_text(root)
    assert root.locator(".annotrain-feedback").evaluate("el => el === document.activeElement")
    stored = page.evaluate("() => window.annotrain.progressData().exercises")[exercise_id]
    assert stored["revealed"] is True and stored["wrong"] == 1


@pytest.fixture
def touch_phone(browser):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    errors = watch_errors(page)
    yield page
    context.close()
    assert errors == [], f"the page reported errors: {errors}"


@pytest.mark.parametrize("type_name", [t for t in sorted(TASK_TYPES) if INPUT[t] == "touch"])
def test_the_same_on_a_phone(touch_phone, base_url, exercise_of_type, type_name, messages):
    page = touch_phone
    exercise_id, root = open_exercise(page, base_url, exercise_of_type, type_name)
    task = page.evaluate("id => window.annotrain.task(id)", exercise_id)
    response = wrong_check(page, root, task)
    assert not python_grade(task, response, messages)["passed"], response
    assert_hidden(root, task, response, messages)
    root.get_by_role("button", name="Show answer").tap()
    assert_shown(root, task, response, messages)


@pytest.mark.parametrize("type_name", sorted(TASK_TYPES))
def test_the_second_wrong_check_shows_the_answer_and_a_right_one_after_is_not_the_best(
    page, base_url, exercise_of_type, type_name, messages
):
    exercise_id, root = open_exercise(page, base_url, exercise_of_type, type_name)
    task = page.evaluate("id => window.annotrain.task(id)", exercise_id)
    # The wrong answer is given through the API here: the types' own input is above.
    page.evaluate(
        "([id, r]) => window.annotrain.setResponse(id, r)", [exercise_id, wrong_answer(task)]
    )
    response = page.evaluate("id => window.annotrain.getResponse(id)", exercise_id)
    root.get_by_role("button", name="Check").click()
    assert_hidden(root, task, response, messages)
    wrong_score = float(root.get_attribute("data-annotrain-score"))
    # Try again keeps the answer, to mend; checked again unchanged, it is the second miss.
    root.get_by_role("button", name="Try again").click()
    assert page.evaluate("id => window.annotrain.getResponse(id)", exercise_id) == response
    assert root.get_attribute("data-annotrain-revealed") is None
    root.get_by_role("button", name="Check").click()
    assert_shown(root, task, response, messages)
    assert "Here is the answer." in feedback_text(root)
    # The right answer now scores 100%, but says it does not count.
    root.get_by_role("button", name="Try again").click()
    page.evaluate(
        "id => window.annotrain.setResponse(id, window.annotrain.task(id).gold)", exercise_id
    )
    root.get_by_role("button", name="Check").click()
    assert root.get_attribute("data-annotrain-score") == "1"
    assert "Answer shown: this check does not count towards your best score." in feedback_text(root)
    stored = page.evaluate("() => window.annotrain.progressData().exercises")[exercise_id]
    assert stored["best"] == pytest.approx(wrong_score)
    assert stored["lastScore"] == 1 and stored["revealed"] is True and stored["wrong"] == 2
    assert stored.get("passed") is not True


SENTIMENT = "week-1/what-is-annotation/"
SENTIMENT_ID = "w1-review-sentiment"  # two hints


def test_hints_are_offered_until_the_answer_shows_and_the_progress_page_keeps_the_best(
    page, base_url
):
    open_page(page, base_url + SENTIMENT)
    root = page.locator(f"#annotrain-{SENTIMENT_ID}")
    hint = root.locator("[data-annotrain-action=hint]")
    hint.click()
    assert root.locator(".annotrain-hint-list li").count() == 1
    root.locator("label.annotrain-option:has(input[value=Neutral])").click()
    root.get_by_role("button", name="Check").click()
    assert hint.is_visible(), "a wrong check leaves the hints offered"
    root.get_by_role("button", name="Try again").click()
    assert root.locator("input[value=Neutral]").is_checked(), "Try again keeps the answer"
    root.get_by_role("button", name="Check").click()  # the second miss: the answer shows
    assert root.get_attribute("data-annotrain-revealed") == "true"
    assert hint.is_hidden()
    assert root.locator(".annotrain-hint-list li").count() == 1  # the hint read stays
    root.get_by_role("button", name="Try again").click()
    assert hint.is_hidden(), "no hint once the answer was shown"
    root.locator("label.annotrain-option:has(input[value=Positive])").click()
    root.get_by_role("button", name="Check").click()
    assert root.get_attribute("data-annotrain-score") == "1"
    assert "60%" in root.locator(".annotrain-best").inner_text()
    page.reload()
    page.evaluate("() => window.annotrain.ready")
    assert root.locator("[data-annotrain-action=hint]").is_hidden(), "after a reload too"
    open_page(page, base_url + "progress/")
    row = page.locator('tr[data-annotrain-lesson="week-1/what-is-annotation.md"]')
    assert row.locator("[data-annotrain-cell=passed]").inner_text().startswith("0 of 4")
    assert "60" in row.locator("[data-annotrain-cell=score]").inner_text()


def test_show_answer_works_from_the_keyboard(page, base_url):
    open_page(page, base_url + SENTIMENT)
    root = page.locator(f"#annotrain-{SENTIMENT_ID}")
    root.locator("label.annotrain-option:has(input[value=Negative])").click()
    root.get_by_role("button", name="Check").focus()
    page.keyboard.press("Enter")
    reveal = root.get_by_role("button", name="Show answer")
    reveal.focus()
    page.keyboard.press("Enter")
    assert root.get_attribute("data-annotrain-revealed") == "true"
    assert root.locator("[data-annotrain-mark=gold] input[value=Positive]").count() == 1
    assert root.locator(".annotrain-feedback").evaluate("el => el === document.activeElement")


# --- screenshots, for a person to look at ------------------------------------------------


def shot(root, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    root.page.add_style_tag(content=".md-top { display: none !important; }")
    root.screenshot(path=str(SHOTS / f"{name}.png"))


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_screenshots_of_every_type_hidden_and_shown(
    browser, base_url, exercise_of_type, device, scheme
):
    options = PHONE if device == "phone" else {"viewport": {"width": 1280, "height": 900}}
    context = browser.new_context(**options)
    page = context.new_page()
    errors = watch_errors(page)
    set_scheme(page, base_url, scheme)
    for type_name in sorted(TASK_TYPES):
        exercise_id, root = open_exercise(page, base_url, exercise_of_type, type_name, scheme)
        task = page.evaluate("id => window.annotrain.task(id)", exercise_id)
        wanted = wrong_answer(task)
        page.evaluate("([id, r]) => window.annotrain.setResponse(id, r)", [exercise_id, wanted])
        root.get_by_role("button", name="Check").click()
        assert root.get_attribute("data-annotrain-revealed") == "false"
        shot(root, f"reveal-{type_name}-{device}-{scheme}-1-wrong")
        root.get_by_role("button", name="Show answer").click()
        assert root.get_attribute("data-annotrain-revealed") == "true"
        shot(root, f"reveal-{type_name}-{device}-{scheme}-2-shown")
        page.evaluate("() => localStorage.removeItem('annotrain:v1:annotrain-course')")
    context.close()
    assert errors == []
