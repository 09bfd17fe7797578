"""Hostile text in Chromium: with HTML and script in every exercise field, rubric,
quiz and Label Studio import (tests/hostile.py), and in what learners type and
load, the learner checks, reveals hints, takes both quizzes, downloads and opens
the practice record, searches, and uses the progress page. Nothing ever runs
(``window.__pwned`` stays undefined), no payload becomes an element, and each
shows as text wherever its field appears: every task type's widget (legends,
object lists, gold layer, alignment...), its feedback and the quiz review."""

from __future__ import annotations

import json

import pytest

from ..hostile import FIELDS, PAYLOADS, WORD, hostile_progress, hostile_site
from .conftest import open_page, serve

PWNED = "() => window.__pwned"
#: Elements a payload would have become, had it been inserted as markup.
MARKUP = """() => Array.from(document.querySelectorAll("*")).filter(el =>
  Array.from(el.attributes).some(a => a.name.toLowerCase().startsWith("on")) ||
  (el.tagName === "SCRIPT" && el.textContent.includes("__pwned")) ||
  (el.tagName === "IMG" && el.getAttribute("src") === "x")
).map(el => el.outerHTML.slice(0, 120))"""

#: Where a common field's payload shows once the learner asks for hints and checks
#: (selectors inside the exercise; each must show it).
COMMON_PARTS = {
    "title": (".annotrain-title",),
    "prompt": (".annotrain-prompt",),
    "text": (".annotrain-text",),
    "hints": (".annotrain-hint-list",),
    "explain": (".annotrain-explain",),
    "rubric": (".annotrain-criterion", ".annotrain-level", ".annotrain-descriptor"),
}
#: The image stage's label picker, the learner's objects (tags on the image and the
#: list) and the gold list.
STAGE = (
    ".annotrain-stage-labels",
    ".annotrain-stage-objects .annotrain-stage-tag",
    ".annotrain-stage-list",
    ".annotrain-stage-gold-list",
)
#: Where a type's own field shows, once the gold answer is checked: in the widget
#: (legend, object lists, gold layer...) and, where it names it, the feedback.
PARTS = {
    ("choice", "labels"): (".annotrain-option-label",),
    ("multi", "labels"): (".annotrain-option-label",),
    ("spans", "text"): (
        ".annotrain-spans-passage",
        ".annotrain-spans-items",
        ".annotrain-spans-gold",
        ".annotrain-notes",
    ),
    ("spans", "labels"): (
        ".annotrain-spans-label",
        ".annotrain-spans-tag",
        ".annotrain-spans-items",
        ".annotrain-notes",
    ),
    ("rank", "responses"): (".annotrain-card-text",),
    ("pairwise", "responses"): (".annotrain-card-text",),
    ("rating", "response"): (".annotrain-rated-text",),
    ("rating", "criteria"): (
        ".annotrain-rate-criterion-name",
        ".annotrain-rate-criterion-about",
        ".annotrain-notes",
    ),
    ("rating", "levels"): (".annotrain-rate-name", ".annotrain-rate-about", ".annotrain-notes"),
    ("rating", "scale"): (
        ".annotrain-rate-criterion-name",
        ".annotrain-rate-name",
        ".annotrain-rate-about",
        ".annotrain-notes",
    ),
    ("numeric", "table.caption"): ("caption",),
    ("numeric", "table.columns"): ("thead th",),
    ("numeric", "table.rows"): ("tbody th", "tbody td"),
    ("transcript", "gold.text"): (".annotrain-align li",),  # one word each
    ("segments", "labels"): (
        ".annotrain-seg-choice",
        ".annotrain-seg-lane-name",
        ".annotrain-seg-list option",
        ".annotrain-seg-gold-list",
    ),
    # A right answer's box notes name no box (every edge is on its object); the
    # wrong answer below names the missed ones.
    ("bbox", "labels"): (*STAGE, ".annotrain-stage-gold .annotrain-stage-tag"),
    ("polygon", "labels"): (
        *STAGE,
        ".annotrain-stage-gold .annotrain-stage-tag",
        ".annotrain-notes",
    ),
    ("keypoints", "keypoints"): STAGE,
    ("masks", "labels"): (".annotrain-stage-labels", ".annotrain-stage-gold-list"),
    ("tracking", "labels"): (".annotrain-stage-labels", ".annotrain-stage-gold-list"),
    ("relations", "text"): (
        ".annotrain-spans-passage",
        ".annotrain-spans-items",
        ".annotrain-spans-gold",
        ".annotrain-notes",
    ),
    ("relations", "labels"): (
        ".annotrain-spans-label",
        ".annotrain-spans-tag",
        ".annotrain-spans-items",
        ".annotrain-relations-form",
        ".annotrain-notes",
    ),
    ("relations", "relation_labels"): (
        ".annotrain-relations-form",
        ".annotrain-relations-items",
        ".annotrain-relations-gold",
        ".annotrain-notes",
    ),
}


def _other(values: list, gold) -> object:
    return next(value for value in values if value != gold)


def _far_ratings(task: dict) -> dict:
    """Every criterion rated on the level farthest from its gold rating."""
    values = [level["value"] for level in task["scale"]["levels"]]

    def far(gold: int) -> int:
        return max(values, key=lambda value: abs(values.index(value) - values.index(gold)))

    return {"ratings": {key: far(gold) for key, gold in task["gold"]["ratings"].items()}}


#: A wrong (but answered) response whose feedback names the field's texts.
WRONG = {
    ("choice", "labels"): lambda task: {"choice": _other(task["labels"], task["gold"]["choice"])},
    ("multi", "labels"): lambda task: {
        "choices": [next(x for x in task["labels"] if x not in task["gold"]["choices"])]
    },
    ("spans", "text"): lambda task: {"spans": []},
    ("spans", "labels"): lambda task: {"spans": []},
    ("rating", "criteria"): _far_ratings,
    ("rating", "levels"): _far_ratings,
    ("rating", "scale"): _far_ratings,
    ("transcript", "gold.text"): lambda task: {"text": "wrong"},
    ("segments", "labels"): lambda task: {
        "segments": [
            {**segment, "label": _other(task["labels"], segment["label"])}
            for segment in task["gold"]["segments"]
        ]
    },
    ("bbox", "labels"): lambda task: {"boxes": []},
    ("relations", "text"): lambda task: {"spans": []},
    ("relations", "labels"): lambda task: {"spans": []},
    ("relations", "relation_labels"): lambda task: {"spans": task["gold"]["spans"]},
    ("polygon", "labels"): lambda task: {"polygons": []},
    ("keypoints", "keypoints"): lambda task: {
        "points": [{"label": task["keypoints"][0], "visible": False}]
    },
}
#: What a quiz does not show of an exercise.
NOT_IN_QUIZZES = ("title", "hints")


@pytest.fixture(scope="module", params=sorted(PAYLOADS))
def hostile(request, tmp_path_factory):
    """(base URL, payload) of the hostile course, served."""
    payload = PAYLOADS[request.param]
    site = hostile_site(tmp_path_factory.mktemp(f"hostile-{request.param}"), payload)
    server = serve(site.site_dir)
    yield f"http://127.0.0.1:{server.server_address[1]}/", payload
    server.shutdown()
    server.server_close()


def safe(page) -> None:
    assert page.evaluate(PWNED) is None, "a payload ran"
    assert page.evaluate(MARKUP) == [], "a payload became markup"


def parts(field) -> tuple[str, ...]:
    return PARTS.get((field.type, field.name)) or COMMON_PARTS[field.name]


def shows(root, field, payload: str) -> None:
    """The field's payload shows as text everywhere the field appears in ``root``."""
    if field.shown == "alt":
        assert root.locator("img").get_attribute("alt") == f"{payload} {WORD}", field.id
        return
    for selector in parts(field):
        text = " ".join(root.locator(selector).all_text_contents())
        assert payload in text, f"{field.id}: not in {selector}"


def check(page, root, field, response) -> None:
    page.evaluate("([id, r]) => window.annotrain.setResponse(id, r)", [field.id, response])
    root.get_by_role("button", name="Check").click()


def test_exercises_check_hints_and_feedback(page, hostile):
    base, payload = hostile
    open_page(page, base + "lesson/")
    safe(page)
    for field in FIELDS:
        root = page.locator(f'[data-annotrain-id="{field.id}"]')
        hint = root.locator("[data-annotrain-action=hint]")
        while hint.count() and hint.is_visible():
            hint.click()
        check(page, root, field, page.evaluate("id => window.annotrain.task(id).gold", field.id))
        assert root.get_attribute("data-annotrain-score") == "1", field.id
        shows(root, field, payload)
        safe(page)
    # A wrong answer names the gold's labels (and texts) in the notes.
    for field in (f for f in FIELDS if (f.type, f.name) in WRONG):
        root = page.locator(f'[data-annotrain-id="{field.id}"]')
        root.get_by_role("button", name="Try again").click()
        task = page.evaluate("id => window.annotrain.task(id)", field.id)
        check(page, root, field, WRONG[field.type, field.name](task))
        assert root.get_attribute("data-annotrain-score") != "1", field.id
        feedback = root.locator(".annotrain-feedback").inner_text()
        if field.name == "gold.text":  # the words of the reference, where they differ
            assert all(word in feedback for word in payload.split()), field.id
        else:
            assert payload in feedback, field.id
        safe(page)
    page.reload()  # the answers come back from storage into the widgets
    page.evaluate("() => window.annotrain.ready")
    safe(page)


def _first(type_name: str):
    return next(field for field in FIELDS if field.type == type_name)


def test_what_learners_type_shows_as_text(page, hostile):
    """Justifications, a transcript and a number typed as the payload."""
    base, payload = hostile
    open_page(page, base + "lesson/")
    for type_name in ("rank", "pairwise"):
        field = _first(type_name)
        root = page.locator(f'[data-annotrain-id="{field.id}"]')
        gold = page.evaluate("id => window.annotrain.task(id).gold", field.id)
        page.evaluate("([id, r]) => window.annotrain.setResponse(id, r)", [field.id, gold])
        root.locator(".annotrain-justification-text").fill(payload)
        root.get_by_role("button", name="Check").click()
        assert root.get_attribute("data-annotrain-score") == "1"
        safe(page)

    transcript = page.locator(f'[data-annotrain-id="{_first("transcript").id}"]')
    transcript.locator(".annotrain-transcript-text").fill(payload)
    transcript.get_by_role("button", name="Check").click()
    safe(page)  # the wrong check's feedback, without the gold
    transcript.get_by_role("button", name="Show answer").click()  # its alignment shows then
    words = " ".join(transcript.locator(".annotrain-align-hyp").all_text_contents())
    assert all(word in words for word in payload.split()), "the learner's words, as text"
    feedback = transcript.locator(".annotrain-feedback").inner_text()
    assert all(word in feedback for word in payload.split()), "quoted in the notes"
    safe(page)

    numeric = page.locator(f'[data-annotrain-id="{_first("numeric").id}"]')
    numeric.locator(".annotrain-numeric-input").fill(payload)
    numeric.locator(".annotrain-numeric-input").press("Enter")
    assert payload.strip()[:40] in numeric.locator(".annotrain-numeric-problem").inner_text()
    safe(page)

    page.reload()  # the typed texts come back from storage
    page.evaluate("() => window.annotrain.ready")
    safe(page)
    for type_name in ("rank", "pairwise"):
        root = page.locator(f'[data-annotrain-id="{_first(type_name).id}"]')
        assert root.locator(".annotrain-justification-text").input_value() == payload
    assert transcript.locator(".annotrain-transcript-text").input_value() == payload


def test_search_results(page, hostile):
    base, payload = hostile
    open_page(page, base + "lesson/")
    page.locator("input.md-search__input").click()
    page.keyboard.type(WORD)
    page.locator(".md-search-result__item").first.wait_for()
    safe(page)
    assert "__pwned" in page.locator(".md-search-result").inner_text(), "shown as text"


@pytest.mark.parametrize("quiz", ["hostile", "imported"])
def test_quiz_attempt_result_and_practice_record(page, hostile, quiz, tmp_path):
    base, payload = hostile
    path = "quiz/" if quiz == "hostile" else "imported/"
    open_page(page, base + path)
    safe(page)
    root = page.locator(f"[data-annotrain-quiz={quiz}]")
    assert payload in root.locator(".annotrain-quiz-intro").inner_text()
    root.get_by_label("Your name", exact=False).fill(payload)
    root.get_by_role("button", name="Start the quiz").click()
    root.locator(".annotrain-quiz-run").wait_for(state="visible")  # task types loaded
    data = json.loads(root.get_attribute("data-annotrain-quiz-data"))
    current = page.evaluate("id => window.annotrain.quiz.current(id)", quiz)
    for task_id in current["tasks"]:
        gold = data["tasks"][task_id]["task"]["gold"]
        page.evaluate("([q, t, r]) => window.annotrain.quiz.answer(q, t, r)", [quiz, task_id, gold])
    root.get_by_role("button", name="Submit").click()
    page.wait_for_function(
        "id => document.querySelector(`[data-annotrain-quiz=${id}]`).hasAttribute('data-annotrain-reviewed')",
        arg=quiz,
    )
    assert root.get_attribute("data-annotrain-passed") == "true"
    safe(page)
    assert payload in root.text_content()
    if quiz == "hostile":  # every type's widget and feedback, reviewed
        for field in (f for f in FIELDS if f.name not in NOT_IN_QUIZZES):
            review = root.locator(f'.annotrain-quiz-task[data-annotrain-id="{field.id}"]')
            assert review.get_attribute("data-annotrain-score") == "1", field.id
            shows(review, field, payload)

    result = root.locator(".annotrain-quiz-result")
    with page.expect_download() as download:
        result.get_by_role("button", name="Download practice record").click()
    certificate = tmp_path / "record.html"
    download.value.save_as(certificate)
    with page.expect_download() as download:
        result.get_by_role("button", name="Download attempt").click()
    attempt = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert attempt["candidate"]["name"] == payload

    viewer = page.context.new_page()
    viewer.goto(certificate.as_uri())
    safe(viewer)
    assert payload in viewer.locator("main").inner_text()
    assert viewer.locator("script, img, svg").count() == 0
    viewer.close()


def test_progress_page_import_and_portfolio(page, hostile, tmp_path):
    base, payload = hostile
    open_page(page, base + "lesson/")
    field = FIELDS[0]
    gold = page.evaluate("id => window.annotrain.task(id).gold", field.id)
    page.evaluate("([id, r]) => window.annotrain.setResponse(id, r)", [field.id, gold])
    page.evaluate("id => window.annotrain.check(id)", field.id)

    open_page(page, base + "progress/")
    safe(page)
    assert f"{payload} quiz" in page.locator(".annotrain-progress-quizzes").inner_text()
    upload = tmp_path / "progress.json"
    upload.write_text(json.dumps(hostile_progress(payload)), encoding="utf-8")
    page.locator("input[type=file][data-annotrain-action=import]").set_input_files(str(upload))
    page.wait_for_function(
        "() => document.querySelector('.annotrain-progress-status').textContent.length > 0"
    )
    safe(page)
    stored = page.evaluate("() => window.annotrain.progressData()")
    assert stored["note"] == payload, "imported as data, kept as it was"

    with page.expect_download() as download:
        page.get_by_role("button", name="Download my portfolio").click()
    portfolio = tmp_path / "portfolio.html"
    download.value.save_as(portfolio)
    viewer = page.context.new_page()
    viewer.goto(portfolio.as_uri())
    safe(viewer)
    assert viewer.locator("script, img, svg").count() == 0
    viewer.close()

    # Every page again, with the imported record in storage.
    for path in ("lesson/", "quiz/", "imported/", "progress/"):
        open_page(page, base + path)
        safe(page)
