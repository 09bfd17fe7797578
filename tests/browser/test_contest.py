"""Contesting a task in the browser, through to the attempt file and the cohort report.

A tiny course (``tests/gradecourse.py``: the self-check ``check`` in quiz mode, the
exam ``final``) is built and served. In the self-check the candidate submits, then
contests a task in the review; in the exam, during the attempt, and the contest
outlives a reload. Everything is done with clicks and keys. The downloaded attempt
files carry the contests, and ``annotrain report`` over them shows each contested
task with its reason.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotrain.commands import cli
from annotrain.grading.attempts import read_attempt

from ..gradecourse import GOLD, QUIZZES
from ..sites import Site
from .conftest import PHONE, open_page, screenshot, serious_violations, serve, watch_errors

CHECK = "[data-annotrain-quiz=check]"
FINAL = "[data-annotrain-quiz=final]"
PAGES = {
    "index.md": "# Home\n",
    "check.md": "# Self-check\n\n```annotrain\nquiz: check\n```\n",
    "exam.md": "# Final exam\n\n```annotrain\nquiz: final\n```\n",
}
# Light or dark as the browser prefers: the form is seen in both.
PALETTE = """\
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      toggle: {icon: material/brightness-7, name: Switch to dark mode}
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      toggle: {icon: material/brightness-4, name: Switch to light mode}
"""
REASON = 'Both labels fit: the text says "yes" <and> "no".'
EXAM_REASON = "The prompt does not say which of the three readings counts."


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("contest")
    server = serve(root / "site")
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    built = Site(root, PAGES, extra_config=f"site_url: {base}\n")
    for name, text in QUIZZES.items():
        (root / "quizzes" / f"{name}.yml").write_text(text, encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("  font: false\n", "  font: false\n" + PALETTE))
    result = built.build()
    assert result.returncode == 0, result.stderr
    try:
        yield root, base
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def learner(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    errors = watch_errors(page)
    yield page
    context.close()
    assert errors == [], f"the page reported errors: {errors}"


def start(page, root: str) -> None:
    page.locator(root).get_by_label("Your name", exact=False).fill("Ana Lima")
    page.locator(root).get_by_role("button", name="Start the quiz").click()
    page.locator(f"{root} .annotrain-quiz-run").wait_for(state="visible")


def visible_task(page, root: str):
    return page.locator(f"{root} .annotrain-quiz-task:visible")


def answer_all(page, root: str) -> None:
    """Answer every task, one per screen, with the gold, and submit."""
    while True:
        task = visible_task(page, root)
        task.get_by_label(
            GOLD[task.get_attribute("data-annotrain-id")]["choice"], exact=True
        ).check()
        following = page.locator(root).get_by_role("button", name="Next")
        if following.is_disabled():
            break
        following.click()
    page.locator(root).get_by_role("button", name="Submit").click()


def contest(task, reason: str) -> None:
    """Open the form with a click, type the reason, Tab to Send and press Enter."""
    task.get_by_role("button", name="Contest this task").click()
    field = task.get_by_label("Why do you contest this task?")
    assert field.evaluate("node => node === document.activeElement")
    field.press_sequentially(reason)
    field.press("Tab")
    page = task.page
    assert page.evaluate("() => document.activeElement.textContent") == "Send"
    page.keyboard.press("Enter")
    task.locator(".annotrain-contest-state").wait_for(state="visible")


def download(page, root: str, folder: Path, name: str) -> dict:
    with page.expect_download() as got:
        page.locator(root).get_by_role("button", name="Download attempt").click()
    path = folder / name
    got.value.save_as(path)
    read_attempt(path)  # a valid attempt file
    return json.loads(path.read_text(encoding="utf-8"))


def test_a_contest_in_the_review_goes_into_the_attempt_file(site, learner, tmp_path):
    root, base = site
    page = learner
    open_page(page, base + "check/")
    start(page, CHECK)
    answer_all(page, CHECK)
    page.locator(f"{CHECK}[data-annotrain-reviewed]").wait_for(state="attached")
    first, second = page.locator(f"{CHECK} .annotrain-quiz-task:visible").all()
    first_id, second_id = (t.get_attribute("data-annotrain-id") for t in (first, second))

    contest(first, REASON)
    # Working in the review brings back no flag for review.
    assert page.locator(f"{CHECK} .annotrain-quiz-flag:visible").count() == 0
    state = first.locator(".annotrain-contest-state")
    assert state.inner_text() == "Contested: " + REASON  # text, never markup
    assert first.get_by_role("button", name="Change your contest").is_visible()
    first.locator(".annotrain-contest").scroll_into_view_if_needed()
    page.mouse.move(0, 0)
    screenshot(page, "contest-sent-in-review")

    # A second one, then withdrawn; Escape leaves a change unsaved.
    contest(second, "Not sure about this one.")
    second.get_by_role("button", name="Withdraw your contest").click()
    assert not second.locator(".annotrain-contest-state").is_visible()
    assert second.get_by_role("button", name="Contest this task").is_visible()
    first.get_by_role("button", name="Change your contest").click()
    field = first.get_by_label("Why do you contest this task?")
    assert field.input_value() == REASON
    field.press("End")
    field.press_sequentially(" And more.")
    field.press("Escape")
    assert not field.is_visible()
    assert state.inner_text() == "Contested: " + REASON

    # An empty reason is refused, and said so.
    second.get_by_role("button", name="Contest this task").click()
    second.get_by_role("button", name="Send").click()
    assert second.get_by_text("Write your reason first.").is_visible()
    assert (
        second.get_by_label("Why do you contest this task?").get_attribute("aria-invalid") == "true"
    )
    second.get_by_role("button", name="Cancel").click()

    attempt = download(page, CHECK, tmp_path, "check.json")
    assert attempt["contests"] == [{"task": first_id, "reason": REASON}]
    assert second_id not in {c["task"] for c in attempt["contests"]}


def test_an_exam_contest_survives_a_reload_and_reaches_the_report(site, learner, tmp_path):
    root, base = site
    page = learner
    open_page(page, base + "exam/")
    start(page, FINAL)
    task = visible_task(page, FINAL)
    task_id = task.get_attribute("data-annotrain-id")
    contest(task, EXAM_REASON)

    page.reload()
    open_page(page, base + "exam/")
    page.locator(f"{FINAL} .annotrain-quiz-run").wait_for(state="visible")
    again = page.locator(f'{FINAL} .annotrain-quiz-task[data-annotrain-id="{task_id}"]')
    assert again.locator(".annotrain-contest-state").inner_text() == "Contested: " + EXAM_REASON

    answer_all(page, FINAL)
    page.locator(f"{FINAL} .annotrain-quiz-result").wait_for(state="visible")
    folder = tmp_path / "attempts"
    folder.mkdir()
    attempt = download(page, FINAL, folder, "final.json")
    assert attempt["mode"] == "exam"
    assert attempt["contests"] == [{"task": task_id, "reason": EXAM_REASON}]

    # The round trip: the cohort report shows the task contested, with the reason.
    out = tmp_path / "report.json"
    html = tmp_path / "report.html"
    status = cli.main(
        ["report", str(folder), "-o", str(html), "--json", str(out), "--config", str(root / "mkdocs.yml")]
    )  # fmt: skip
    assert status == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    (quiz,) = report["quizzes"]
    rows = {t["task"]: t for t in quiz["tasks"]}
    assert rows[task_id]["contests"] == 1
    assert rows[task_id]["reasons"] == [{"candidate": "Ana Lima", "reason": EXAM_REASON}]
    assert EXAM_REASON in html.read_text(encoding="utf-8")


@pytest.mark.parametrize(("scheme", "phone"), [("light", False), ("dark", False), ("light", True)])
def test_the_contest_form_looks_right_and_passes_axe(site, browser, scheme, phone):
    _, base = site
    options = PHONE if phone else {"viewport": {"width": 1280, "height": 900}}
    context = browser.new_context(**options, color_scheme=scheme)
    page = context.new_page()
    errors = watch_errors(page)
    open_page(page, base + "exam/")
    wanted = "slate" if scheme == "dark" else "default"
    assert page.locator("body").get_attribute("data-md-color-scheme") == wanted
    start(page, FINAL)
    task = visible_task(page, FINAL)
    task.get_by_role("button", name="Contest this task").click()
    task.get_by_label("Why do you contest this task?").fill("A reason long enough to wrap " * 3)
    task.locator(".annotrain-contest").scroll_into_view_if_needed()
    page.mouse.move(0, 0)  # no hover colours in the picture
    name = f"contest-form-{scheme}-{'390' if phone else '1280'}"
    screenshot(page, name)
    assert serious_violations(page) == []
    box = task.locator(".annotrain-contest-form").bounding_box()
    assert box["x"] + box["width"] <= page.viewport_size["width"]  # no sideways scroll
    context.close()
    assert errors == []
