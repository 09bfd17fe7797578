"""Hostile text in Chromium: with HTML and script in every exercise field, rubric,
quiz and Label Studio import (tests/hostile.py), and in what learners type and
load, the learner checks, reveals hints, takes both quizzes, downloads and opens
the certificate, searches, and uses the progress page. Nothing ever runs
(``window.__pwned`` stays undefined) and the payloads show as text."""

from __future__ import annotations

import json

import pytest

from ..hostile import FIELDS, PAYLOADS, WORD, hostile_progress, hostile_site
from .conftest import open_page, serve

PWNED = "() => window.__pwned"


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


def test_exercises_check_hints_and_feedback(page, hostile):
    base, payload = hostile
    open_page(page, base + "lesson/")
    safe(page)
    for field in FIELDS:
        root = page.locator(f'[data-annotrain-id="{field.id}"]')
        hint = root.locator("[data-annotrain-action=hint]")
        while hint.count() and hint.is_visible():
            hint.click()
        gold = page.evaluate("id => window.annotrain.task(id).gold", field.id)
        page.evaluate("([id, r]) => window.annotrain.setResponse(id, r)", [field.id, gold])
        root.get_by_role("button", name="Check").click()
        assert root.get_attribute("data-annotrain-score") == "1", field.id
        assert payload in root.inner_text(), f"{field.id}: the payload shows as text"
        safe(page)
    # A wrong answer shows the gold labels in the notes.
    wrong = [f for f in FIELDS if f.name == "labels"]
    for field in wrong:
        root = page.locator(f'[data-annotrain-id="{field.id}"]')
        root.get_by_role("button", name="Try again").click()
        task = page.evaluate("id => window.annotrain.task(id)", field.id)
        other = next(label for label in task["labels"] if label not in json.dumps(task["gold"]))
        response = {"choice": other} if task["type"] == "choice" else {"choices": [other]}
        page.evaluate("([id, r]) => window.annotrain.setResponse(id, r)", [field.id, response])
        root.get_by_role("button", name="Check").click()
        assert payload in root.locator(".annotrain-feedback").inner_text()
    page.reload()  # the answers come back from storage into the widgets
    page.evaluate("() => window.annotrain.ready")
    safe(page)


def test_search_results(page, hostile):
    base, payload = hostile
    open_page(page, base + "lesson/")
    page.locator("input.md-search__input").click()
    page.keyboard.type(WORD)
    page.locator(".md-search-result__item").first.wait_for()
    safe(page)
    assert "__pwned" in page.locator(".md-search-result").inner_text(), "shown as text"


@pytest.mark.parametrize("quiz", ["hostile", "imported"])
def test_quiz_attempt_result_and_certificate(page, hostile, quiz, tmp_path):
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
    if quiz == "hostile":
        for field in (f for f in FIELDS if f.name == "rubric"):
            review = root.locator(f'.annotrain-quiz-task[data-annotrain-id="{field.id}"]')
            feedback = review.locator(".annotrain-feedback").text_content()
            assert payload in feedback, (
                "criterion, level names and descriptors of the inline rubric"
            )

    result = root.locator(".annotrain-quiz-result")
    with page.expect_download() as download:
        result.get_by_role("button", name="Download certificate").click()
    certificate = tmp_path / "certificate.html"
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
