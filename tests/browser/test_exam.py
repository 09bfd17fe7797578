"""A sealed exam answered through the page, one task type at a time.

The exam of ``tests/sealed.py`` (one task of every type, ``mode: exam``) is built
and served. For each type a candidate starts the exam, answers that type's task
with real input only (clicks, keys, typing, taps: never the widget's API), and
submits. The page then says the attempt is recorded and what happens next, shows
no score and no gold, and offers the attempt file. The file is downloaded and
graded with the Python grader against the trainer's quiz, which the page never
had: a full score shows that the widget works without gold and that the response
it collected is the right one.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

from annotrain.course.loader import Course, load_course
from annotrain.course.rubrics import RubricLibrary
from annotrain.course.tasks import read_task
from annotrain.grading.task import grade
from annotrain.tasktypes import TASK_TYPES
from annotrain.tasktypes.masks import rle

from ..conftest import ROOT
from ..sealed import exam_site, exam_task
from .answering import ANSWER, INPUT
from .conftest import PHONE, open_page, screenshot, serious_violations, serve, watch_errors

QUIZ = "[data-annotrain-quiz=exam]"


@dataclass
class Exam:
    base: str  # the site's address
    url: str  # the exam page's
    course: Course  # the trainer's course, gold and all


@contextmanager
def served_exam(root: Path, layout: str = "all"):
    """The exam site (the starters' gold) in ``root``, built for and served on 127.0.0.1."""
    server = serve(root / "site")
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    # Material's instant navigation only takes over links inside site_url.
    site = exam_site(root, "a", extra_config=f"site_url: {base}\n")
    quiz = site.root / "quizzes" / "exam.yml"
    quiz.write_text(quiz.read_text().replace("layout: all", f"layout: {layout}"))
    result = site.build()
    assert result.returncode == 0, result.stderr
    course = load_course(site.root / "mkdocs.yml")
    assert course.errors == []
    try:
        yield Exam(base, base + "exam/", course)
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def exam(tmp_path_factory):
    """The exam with every drawn task on one page."""
    with served_exam(tmp_path_factory.mktemp("exam")) as served:
        yield served


@pytest.fixture
def candidate(browser, type_name):
    """A page in a fresh browser, with a touch screen for the types answered by touch."""
    if INPUT[type_name] == "touch":
        context = browser.new_context(**PHONE)
    else:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = watch_errors(page)
    yield page
    context.close()
    assert errors == [], f"the page reported errors: {errors}"


def start_exam(page, url: str | None, name: str = "Ana Lima") -> None:
    """Open the exam (``None``: it is open), type a name and click Start; wait for the tasks."""
    if url:
        open_page(page, url)
    page.get_by_label("Your name", exact=False).click()
    page.keyboard.type(name)
    push(page, page.get_by_role("button", name="Start the quiz"))
    page.locator(f"{QUIZ} .annotrain-quiz-run").wait_for(state="visible")


def push(page, button) -> None:
    """A tap on a touch screen, else a click."""
    touch = page.evaluate("() => navigator.maxTouchPoints > 0")
    button.tap() if touch else button.click()


def quiz_data(page) -> dict:
    return json.loads(page.locator(QUIZ).get_attribute("data-annotrain-quiz-data"))


def task_root(page, type_name: str):
    return page.locator(f'li.annotrain-quiz-task[data-annotrain-id="exam-{type_name}"]')


def wanted_response(type_name: str) -> dict:
    """The gold of the exam's task as its quiz file writes it, spans by offsets."""
    task = exam_task(type_name)
    gold = task["gold"]
    if type_name == "spans":  # the starter names its spans by their (first) text
        spans = []
        for span in gold["spans"]:
            start = task["text"].index(span["text"])
            spans.append({"start": start, "end": start + len(span["text"]), "label": span["label"]})
        gold = {"spans": spans}
    if type_name == "relations":  # spans by text and links by span id: as the loader reads them
        gold = read_task(task, "exam.yml", RubricLibrary()).gold
    elif type_name == "masks":  # the starter writes outlines; an answer is run lengths
        with Image.open(ROOT / "course/assets/images/masks-01.png") as picture:
            width, height = picture.size
        gold = {
            "masks": [
                {
                    "label": mask["label"],
                    "size": [height, width],
                    "counts": rle.rasterize(mask["polygons"], width, height),
                }
                for mask in gold["masks"]
            ]
        }
    return gold


def submit(page) -> None:
    """Click Submit and accept the warning about the tasks left unanswered."""
    page.once("dialog", lambda dialog: dialog.accept())
    push(page, page.locator(QUIZ).get_by_role("button", name="Submit"))
    page.locator(f"{QUIZ} [data-annotrain-verdict]").wait_for()


def assert_recorded_without_a_score(page) -> None:
    """The result: recorded, what happens next, the attempt file; no score, no gold."""
    root = page.locator(QUIZ)
    result = root.locator(".annotrain-quiz-result")
    assert result.is_visible()
    assert result.get_by_role("heading").inner_text() == "Attempt submitted"
    verdict = result.locator("[data-annotrain-verdict]")
    assert verdict.get_attribute("data-annotrain-verdict") == "submitted"
    assert verdict.inner_text().startswith("Your attempt is recorded")
    assert "send it to your trainer" in result.locator(".annotrain-quiz-next").inner_text()
    assert result.get_by_role("button", name="Download attempt").is_visible()
    text = result.inner_text()
    assert "%" not in text and "passed" not in text.lower()
    assert root.get_attribute("data-annotrain-score") is None
    assert root.get_attribute("data-annotrain-passed") is None
    assert root.locator("[data-annotrain-score], [data-annotrain-passed]").count() == 0
    assert root.locator(".annotrain-quiz-criteria, .annotrain-quiz-critical").count() == 0
    assert root.locator(".annotrain-quiz-run").is_hidden()
    # Nothing anywhere holds an answer: no gold layers or lists, no feedback, no marks.
    places, shown = page.evaluate(
        """() => { const all = [...document.querySelectorAll(
             '[class*="-gold"], .annotrain-feedback, .annotrain-mark, [data-annotrain-mark]')];
           return [all.length, all.filter(e => e.children.length || e.textContent.trim()
                                               || e.hasAttribute('data-annotrain-mark'))
                                  .map(e => e.className.baseVal ?? e.className)]; }"""
    )
    assert places > len(TASK_TYPES), "the widgets' places for gold and feedback are there"
    assert shown == []


def download_attempt(page, tmp_path) -> dict:
    result = page.locator(f"{QUIZ} .annotrain-quiz-result")
    button = result.get_by_role("button", name="Download attempt")
    with page.expect_download() as download:
        push(page, button)
    assert download.value.suggested_filename.startswith("exam-attempt-")
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("type_name", sorted(TASK_TYPES))
def test_a_candidate_answers_and_submits_through_the_page(exam, candidate, type_name, tmp_path):
    page = candidate
    task_id = f"exam-{type_name}"
    start_exam(page, exam.url)
    root = task_root(page, type_name)
    assert root.is_visible()  # layout "all": every drawn task is on the page
    task = quiz_data(page)["tasks"][task_id]["task"]
    assert "gold" not in task
    wanted = wanted_response(type_name)
    ANSWER[type_name](page, root, task, wanted)
    # Straight on to Submit: a typed answer is saved when its field loses focus.
    submit(page)
    assert_recorded_without_a_score(page)
    attempt = download_attempt(page, tmp_path)
    assert attempt["format"] == "annotrain-attempt/2"
    assert attempt["quiz"] == "exam" and attempt["mode"] == "exam"
    assert "client" not in attempt, "an exam's attempt carries no grade of the browser"
    assert attempt["candidate"] == {"name": "Ana Lima"}
    assert sorted(attempt["tasks"]) == sorted(f"exam-{name}" for name in TASK_TYPES)
    assert list(attempt["responses"]) == [task_id]
    response = attempt["responses"][task_id]
    # Exactly the gold: the rank and pairwise widgets add the (empty) justification.
    assert {key: response[key] for key in wanted} == wanted
    assert set(response) - set(wanted) <= {"justification"}

    entry = exam.course.quizzes["exam"].entries[task_id]
    graded = grade(entry.task, response, exam.course.messages)
    assert graded["score"] == 1.0 and graded["passed"], graded["criteria"]


def test_the_page_holds_no_gold_while_the_candidate_answers(exam, page):
    # Reached from the home page through instant navigation: no page load runs the scripts.
    page.goto(exam.base)
    # Material's script takes links over once it has run (document$ is its page stream);
    # a click before that, on a busy machine, would load the page the ordinary way.
    page.wait_for_function("() => typeof window.document$ === 'object'")
    page.evaluate("() => { window.stillTheSamePage = true; }")
    page.get_by_role("navigation").get_by_role("link", name="Exam").first.click()
    page.wait_for_url(exam.url)
    page.wait_for_function(
        "() => window.annotrain && window.annotrain.quiz"
        " && window.annotrain.quiz.ids().includes('exam')"
    )
    assert page.evaluate("() => window.stillTheSamePage") is True
    start_exam(page, None)
    ANSWER["choice"](page, task_root(page, "choice"), {}, exam_task("choice")["gold"])
    data = quiz_data(page)
    assert sorted(data["tasks"]) == sorted(f"exam-{name}" for name in TASK_TYPES)
    for entry in data["tasks"].values():
        assert not {"gold", "explain"} & set(entry["task"]), entry["task"]["id"]
        assert entry["task"]["hints"] == []
    # Quiz tasks are no exercises of the page: annotrain.task() has none to give.
    assert page.evaluate("() => window.annotrain.exercises()") == []
    thrown = page.evaluate(
        "() => { try { window.annotrain.task('exam-choice'); return null; }"
        " catch (error) { return error.message; } }"
    )
    assert "no live exercise" in thrown
    html = page.content()
    for name in TASK_TYPES:
        task = exam_task(name)
        for paragraph in task["explain"].split("\n\n"):
            assert paragraph.strip() not in html, name
        for hint in task.get("hints") or []:
            assert hint not in html, name
    assert exam_task("transcript")["gold"]["text"] not in html


def submitted_exam(page, url: str) -> None:
    """An exam with one task answered (by a click or a tap), submitted."""
    start_exam(page, url)
    choice = task_root(page, "choice")
    wanted = exam_task("choice")["gold"]["choice"]
    push(page, choice.locator(f'label.annotrain-option:has(input[value="{wanted}"])'))
    submit(page)
    assert_recorded_without_a_score(page)


def test_the_submitted_exam_is_accessible_on_a_computer_and_a_phone(exam, page, browser):
    submitted_exam(page, exam.url)
    assert serious_violations(page) == []
    result = page.locator(f"{QUIZ} .annotrain-quiz-result")
    # Focus goes to the result, so a screen reader reads it out.
    assert result.evaluate("el => el === document.activeElement")
    result.scroll_into_view_if_needed()
    screenshot(page, "exam-submitted-light")

    context = browser.new_context(**PHONE)
    small = context.new_page()
    errors = watch_errors(small)
    try:
        submitted_exam(small, exam.url)
        assert serious_violations(small) == []
        overflow = small.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, "nothing is wider than the phone's screen"
        small.locator(f"{QUIZ} .annotrain-quiz-result").scroll_into_view_if_needed()
        screenshot(small, "exam-submitted-phone")
    finally:
        context.close()
    assert errors == []


def test_a_resumed_exam_takes_input_on_the_task_it_shows(tmp_path_factory, page, tmp_path):
    """One task per screen: after a reload the task on screen works, answered or not."""
    with served_exam(tmp_path_factory.mktemp("paged"), "one-per-screen") as paged:
        start_exam(page, paged.url)
        shown = page.locator(f"{QUIZ} .annotrain-quiz-task:visible")
        for _ in TASK_TYPES:  # on to the box drawing task, unanswered
            if shown.get_attribute("data-annotrain-type") == "bbox":
                break
            page.locator(QUIZ).get_by_role("button", name="Next", exact=True).click()
        page.reload()
        page.locator(f"{QUIZ} .annotrain-quiz-run").wait_for(state="visible")
        root = task_root(page, "bbox")
        assert root.is_visible()
        task = quiz_data(page)["tasks"]["exam-bbox"]["task"]
        ANSWER["bbox"](page, root, task, wanted_response("bbox"))
        submit(page)
        attempt = download_attempt(page, tmp_path)
        assert attempt["responses"] == {"exam-bbox": wanted_response("bbox")}
