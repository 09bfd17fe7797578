"""A task left blank scores 0, and an empty answer is given on purpose.

A course with two quizzes in ``quiz`` mode (graded in the browser, reviewed after
Submit), each holding one task of every type (``tests/sealed.py``): ``exam`` with
the starters' gold, and ``empty`` whose tasks of the types that can rightly be
empty have empty gold. Submitting with every task untouched: the confirmation
counts them all, each scores 0 and its review says it was not answered, with none
of the notes a wrong answer gets. Then, for each of those types, the learner
presses its "nothing here" box with the keyboard, the mouse or a tap (never the
widget's API): the empty gold is reached, 1; a mark made and taken away again
leaves the task blank.
"""

from __future__ import annotations

import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml

from annotrain.tasktypes import TASK_TYPES

from ..sealed import exam_site, exam_task
from .answering import tab_to
from .conftest import PHONE, open_page, serve, watch_errors
from .test_exam import push

NOT_ANSWERED = "You did not answer this task."
#: The types whose right answer can be empty, their empty gold and the box's name.
NOTHING = {
    "multi": ({"choices": []}, "None of these apply"),
    "spans": ({"spans": []}, "No entities in this text"),
    "bbox": ({"boxes": []}, "Nothing to mark in this picture"),
    "polygon": ({"polygons": []}, "Nothing to mark in this picture"),
    "segments": ({"segments": []}, "Nothing to mark in this clip"),
    "transcript": ({"text": ""}, "No speech in this clip"),
}


def empty_quiz() -> str:
    """The quiz ``empty``: every type, those of NOTHING with empty gold."""
    tasks = []
    for name in sorted(TASK_TYPES):
        task = exam_task(name)
        task["id"] = f"empty-{name}"
        if name in NOTHING:
            task["gold"] = NOTHING[name][0]
        tasks.append(task)
    quiz = {
        "title": "Nothing here",
        "mode": "quiz",
        "layout": "all",
        "sections": [{"title": "All", "tasks": tasks}],
    }
    return yaml.safe_dump(quiz, sort_keys=False, allow_unicode=True)


@contextmanager
def served_course(root: Path):
    server = serve(root / "site")
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    lessons = {"empty.md": "# Empty\n\n```annotrain\nquiz: empty\n```\n"}
    site = exam_site(root, "a", lessons=lessons, extra_config=f"site_url: {base}\n")
    exam = site.root / "quizzes" / "exam.yml"
    exam.write_text(exam.read_text().replace("mode: exam", "mode: quiz"))
    (site.root / "quizzes" / "empty.yml").write_text(empty_quiz(), encoding="utf-8")
    result = site.build()
    assert result.returncode == 0, result.stderr
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()
        shutil.rmtree(root / "site", ignore_errors=True)


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    with served_course(tmp_path_factory.mktemp("blank")) as url:
        yield url


@pytest.fixture
def learner(browser, request):
    """A fresh browser page; a touch screen when the test's input is a tap."""
    touch = getattr(request, "param", None) == "tap" or "tap" in request.node.name
    context = (
        browser.new_context(**PHONE)
        if touch
        else browser.new_context(viewport={"width": 1280, "height": 900})
    )
    page = context.new_page()
    errors = watch_errors(page)
    yield page
    context.close()
    assert errors == [], f"the page reported errors: {errors}"


def start(page, base: str, quiz: str) -> None:
    """Open the quiz's page, click Start and wait for its tasks."""
    open_page(page, f"{base}{quiz}/")
    root = page.locator(f"[data-annotrain-quiz={quiz}]")
    push(page, root.get_by_role("button", name="Start the quiz"))
    root.locator(".annotrain-quiz-run").wait_for(state="visible")


def task(page, quiz: str, type_name: str):
    return page.locator(
        f'[data-annotrain-quiz={quiz}] li.annotrain-quiz-task[data-annotrain-id="{quiz}-{type_name}"]'
    )


def submit(page, quiz: str) -> str:
    """Submit, accepting the warning; returns the warning's text (empty if none came)."""
    said = []

    def answer(dialog):
        said.append(dialog.message)
        dialog.accept()

    page.once("dialog", answer)
    root = page.locator(f"[data-annotrain-quiz={quiz}]")
    push(page, root.get_by_role("button", name="Submit"))
    root.locator("[data-annotrain-verdict]").first.wait_for()
    page.wait_for_selector(
        f"[data-annotrain-quiz={quiz}][data-annotrain-reviewed]", state="attached"
    )
    return said[0] if said else ""


def notes_of(root) -> list[str]:
    return root.locator(".annotrain-feedback .annotrain-notes li").all_inner_texts()


def test_untouched_tasks_of_every_type_score_0_and_say_not_answered(learner, base):
    start(learner, base, "exam")
    warning = submit(learner, "exam")
    assert f"{len(TASK_TYPES)} of {len(TASK_TYPES)}" in warning, warning
    quiz = learner.locator("[data-annotrain-quiz=exam]")
    assert quiz.get_attribute("data-annotrain-score") == "0"
    for name in sorted(TASK_TYPES):
        root = task(learner, "exam", name)
        assert root.get_attribute("data-annotrain-score") == "0", name
        assert root.get_attribute("data-annotrain-passed") == "false", name
        notes = notes_of(root)
        assert notes and set(notes) == {NOT_ANSWERED}, (name, notes)


def press_nothing(page, root, type_name: str, how: str) -> None:
    box = root.get_by_role("checkbox", name=NOTHING[type_name][1], exact=True)
    assert not box.is_checked()
    if how == "keyboard":
        tab_to(page, root, box)
        page.keyboard.press("Space")
    elif how == "tap":
        root.locator(".annotrain-nothing").tap()
    else:
        root.locator(".annotrain-nothing").click()
    assert box.is_checked()


@pytest.mark.parametrize("how", ["keyboard", "mouse"])
@pytest.mark.parametrize("type_name", sorted(NOTHING))
def test_the_nothing_box_answers_and_reaches_empty_gold(learner, base, type_name, how):
    start(learner, base, "empty")
    root = task(learner, "empty", type_name)
    press_nothing(learner, root, type_name, how)
    warning = submit(learner, "empty")
    assert f"{len(TASK_TYPES) - 1} of {len(TASK_TYPES)}" in warning, warning
    assert root.get_attribute("data-annotrain-score") == "1", notes_of(root)
    assert NOT_ANSWERED not in notes_of(root)


def test_the_nothing_box_answers_with_a_tap(learner, base):
    start(learner, base, "empty")
    root = task(learner, "empty", "bbox")
    press_nothing(learner, root, "bbox", "tap")
    submit(learner, "empty")
    assert root.get_attribute("data-annotrain-score") == "1"


def test_a_mark_taken_away_again_leaves_the_task_blank(learner, base):
    start(learner, base, "empty")
    tags = task(learner, "empty", "multi")
    label = tags.locator(".annotrain-option").first
    label.click()
    label.click()
    typed = task(learner, "empty", "transcript")
    box = typed.get_by_role("checkbox", name=NOTHING["transcript"][1])
    box.click()
    text = typed.locator("textarea")
    text.click()
    learner.keyboard.type("hello")
    assert not box.is_checked() and box.is_disabled()  # typing took the "no speech" answer back
    for _ in range(5):
        learner.keyboard.press("Backspace")
    submit(learner, "empty")
    for root in (tags, typed):
        assert root.get_attribute("data-annotrain-score") == "0"
        assert set(notes_of(root)) == {NOT_ANSWERED}
