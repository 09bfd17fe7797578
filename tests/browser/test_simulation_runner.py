"""Work simulations in Chromium, worked by real clicks and keys.

An open simulation (window 4, 3 correct needed, 6 control tasks among work items)
stops a learner whose control answers fall short at once, says why with the
numbers, lists the missed control tasks with their explanations and links the
lesson of the weak criterion; `annotrain grade` on the downloaded attempt file
reproduces the stop. A learner who stays above the bar finishes with the
per-criterion results, and grade agrees. A sealed simulation shows nothing while
the batch is worked; grade reports where its rule would have stopped the learner.
"""

from __future__ import annotations

import json

import pytest

from annotrain.commands.cli import main
from annotrain.course.loader import load_course
from annotrain.grading.attempts import read_attempt
from annotrain.grading.simulation import authored_attempt

from ..sites import CONFIG, Site
from .conftest import open_page, screenshot, serious_violations, serve
from .pointing import set_scheme

PALETTE = """\
  palette:
    - media: "(prefers-color-scheme)"
      toggle: {icon: material/brightness-auto, name: Switch to light mode}
    - media: "(prefers-color-scheme: light)"
      scheme: default
      toggle: {icon: material/brightness-7, name: Switch to dark mode}
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      toggle: {icon: material/brightness-4, name: Switch to light mode}
"""
TASK = (
    '      - {{type: choice, id: {id}, prompt: "{prompt}", labels: ["Positive", "Negative"],'
    " rubric: choice-standard{gold}}}\n"
)
REVIEWS = [
    "Arrived early, works well.",
    "Broke after a day.",
    "Lovely colour and soft fabric.",
    "The lid never fit.",
    "Exactly as described.",
    "Smells odd, sent it back.",
    "Cheap and cheerful.",
    "Rude courier, damaged box.",
    "Would buy again.",
]


def gold_task(task_id: str, number: int, answer: str) -> str:
    gold = f", gold: {{choice: {answer}}}, explain: 'Review {number} is {answer.lower()}.'"
    return TASK.format(id=task_id, prompt=f"Review {number}: {REVIEWS[number - 1]}", gold=gold)


def work_item(task_id: str, number: int) -> str:
    return TASK.format(id=task_id, prompt=f"Review {number}: {REVIEWS[number - 1]}", gold="")


# The batch in order (no shuffle): two control tasks, a work item, and again.
OPEN_GOLD = {
    1: "Positive",
    2: "Negative",
    4: "Positive",
    5: "Positive",
    7: "Positive",
    8: "Negative",
}
WORK = (3, 6, 9)


def open_quiz() -> str:
    text = "title: Review batch\nmode: simulation\nshuffle: false\n"
    text += "simulation: {window: 4, min_correct: 3}\nsections:\n"
    for start in (1, 4, 7):
        text += "  - title: Control\n    tasks:\n"
        text += "".join(gold_task(f"gold-{n}", n, OPEN_GOLD[n]) for n in (start, start + 1))
        text += "  - title: Queue\n    gold: false\n    tasks:\n" + work_item(
            f"work-{start + 2}", start + 2
        )
    return text


def sealed_quiz() -> str:
    text = "title: Qualification batch\nmode: simulation\n"
    text += "simulation: {window: 4, min_correct: 3, sealed: true, key: Zq4vN8rT2wLx7pKe5sHb}\nsections:\n"
    text += "  - title: Secret control set\n    tasks:\n"
    text += "".join(
        gold_task(f"sealed-gold-{n}", n, "Positive").replace("Review", "Rating")
        for n in range(1, 7)
    )
    text += "  - title: Plain work queue\n    gold: false\n    tasks:\n"
    text += "".join(work_item(f"sealed-work-{n}", n).replace("Review", "Rating") for n in (7, 8, 9))
    return text


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("simulation-site")
    pages = {
        "index.md": "# Home\n",
        "week-1/why-quality-matters.md": "# Why quality matters\n",
        "batch.md": "# Review batch\n\n```annotrain\nquiz: batch\n```\n",
        "qualification.md": "# Qualification\n\n```annotrain\nquiz: qualification\n```\n",
    }
    built = Site(root, pages)
    config = CONFIG.format(options="").replace("  features:", PALETTE + "  features:")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    (root / "quizzes" / "batch.yml").write_text(open_quiz(), encoding="utf-8")
    (root / "quizzes" / "qualification.yml").write_text(sealed_quiz(), encoding="utf-8")
    result = built.build()
    assert result.returncode == 0, result.stderr
    server = serve(built.site_dir)
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", root
    finally:
        server.shutdown()
        server.server_close()


def start(page, url: str, quiz: str):
    open_page(page, url)
    root = page.locator(f"[data-annotrain-quiz={quiz}]")
    root.get_by_role("button", name="Start the quiz").click()
    root.locator(".annotrain-quiz-run").wait_for(state="visible")
    return root


def shown_task(root):
    return root.locator(".annotrain-quiz-task:visible")


def work(root, label: str, keyboard: bool = False) -> None:
    """Answer the task on screen with ``label`` and submit it (by keys, or a click)."""
    task = shown_task(root)
    task.get_by_label(label, exact=True).check()
    button = root.get_by_role("button", name="Submit task")
    if keyboard:
        button.focus()
        root.page.keyboard.press("Enter")
    else:
        button.click()


def no_feedback(root) -> None:
    """Nothing on the page says how a submitted task went."""
    assert root.locator("[data-annotrain-passed], [data-annotrain-score]").count() == 0
    assert root.locator(".annotrain-quiz-run .annotrain-summary").count() == 0


def number_of(root) -> int:
    return int(shown_task(root).locator(".annotrain-prompt").inner_text().split(":")[0].split()[1])


def grade(path, root_dir, out, capsys) -> dict:
    code = main(
        ["grade", str(path), "--config", str(root_dir / "mkdocs.yml"), "--output", str(out)]
    )
    capsys.readouterr()
    assert code == 0
    return json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))["attempts"][0]


def download(page, root, path):
    with page.expect_download() as got:
        root.get_by_role("button", name="Download attempt").click()
    got.value.save_as(path)
    return json.loads(path.read_text(encoding="utf-8"))


def test_falling_below_the_bar_stops_the_learner_at_once(page, site, tmp_path, capsys):
    url, root_dir = site
    root = start(page, url + "batch/", "batch")
    rules = root.locator(".annotrain-quiz-facts").inner_text()
    assert "at least 3 of your last 4 control answers must pass" in rules
    assert "Work simulation (practice)" in rules
    # No task list, no going back, no Submit of the whole batch: only Submit task.
    assert root.get_by_role("button", name="Previous").is_hidden()
    assert root.locator(".annotrain-quiz-map-toggle").count() == 0
    # Submitting a task without an answer says so and stays on it.
    root.get_by_role("button", name="Submit task").click()
    assert shown_task(root).locator(".annotrain-no-answer").inner_text() == (
        "Give an answer before you submit this task."
    )
    assert number_of(root) == 1
    # Review 1 right, 2 wrong, the work item 3, 4 wrong, 5 right: after review 5 the
    # last 4 control answers hold 2 that passed, fewer than 3.
    plan = {1: "Positive", 2: "Positive", 3: "Negative", 4: "Negative", 5: "Positive"}
    for number, label in plan.items():
        assert number_of(root) == number
        no_feedback(root)
        work(root, label, keyboard=number % 2 == 0)
    result = root.locator(".annotrain-quiz-result")
    heading = result.get_by_role("heading", name="Removed from this job")
    heading.wait_for()
    assert page.evaluate("() => document.activeElement.textContent") == "Removed from this job"
    assert root.locator(".annotrain-quiz-run").is_hidden()
    assert result.locator(".annotrain-sim-why").inner_text() == (
        "2 of your last 4 control answers passed; this job needs 3."
    )
    assert "stopped after task 5 of 9" in result.locator(".annotrain-sim-where").inner_text()
    missed = result.locator(".annotrain-sim-missed > li")
    assert missed.evaluate_all("lis => lis.map(li => li.dataset.annotrainId)") == [
        "gold-2",
        "gold-4",
    ]
    assert "Review 2 is negative." in missed.nth(0).inner_text()
    assert "Review 4 is positive." in missed.nth(1).inner_text()
    lesson = result.get_by_role("link", name="Review: Why quality matters")
    assert lesson.get_attribute("href").endswith("week-1/why-quality-matters/")
    screenshot(page, "simulation-stopped-light")
    assert serious_violations(page, "[data-annotrain-quiz=batch]") == []

    # A missed control task can be contested from the stop screen; the file keeps it.
    first = missed.nth(0)
    first.get_by_role("button", name="Contest this task").click()
    first.get_by_label("Why do you contest this task?").fill("Review 2 also praises the strap.")
    first.get_by_role("button", name="Send").click()
    assert "Review 2 also praises the strap." in first.locator(".annotrain-contest").inner_text()

    data = download(page, result, tmp_path / "attempt.json")
    assert data["contests"] == [{"task": "gold-2", "reason": "Review 2 also praises the strap."}]
    assert data["mode"] == "simulation" and data["client"]["passed"] is False
    assert sorted(data["responses"]) == ["gold-1", "gold-2", "gold-4", "gold-5", "work-3"]
    assert [step["task"] for step in data["trace"]] == ["gold-1", "gold-2", "gold-4", "gold-5"]
    row = grade(tmp_path / "attempt.json", root_dir, tmp_path / "report", capsys)
    assert (row["stopped"], row["stopped_at"], row["passed"]) == (True, "gold-5", False)
    assert row["simulation"]["stop"]["missed"] == ["gold-2", "gold-4"]
    assert row["flags"] == []


def test_a_learner_above_the_bar_finishes_with_the_criteria(page, site, tmp_path, capsys):
    url, root_dir = site
    root = start(page, url + "batch/", "batch")
    for number in range(1, 10):
        assert number_of(root) == number
        work(root, OPEN_GOLD.get(number, "Positive"), keyboard=number == 9)
    result = root.locator(".annotrain-quiz-result")
    result.get_by_role("heading", name="Your result").wait_for()
    assert page.evaluate("() => document.activeElement.textContent") == "Your result"
    assert (
        "stayed on the job: 4 of your last 4" in result.locator(".annotrain-sim-kept").inner_text()
    )
    verdict = result.locator(".annotrain-summary")
    assert verdict.get_attribute("data-annotrain-verdict") == "passed"
    table = result.get_by_role("table", name="Results by criterion")
    assert table.locator("tbody th").all_inner_texts() == ["Correctness"]
    assert result.locator(".annotrain-sim-missed").count() == 0
    data = download(page, result, tmp_path / "attempt.json")
    assert len(data["trace"]) == 6 and data["client"]["passed"] is True
    row = grade(tmp_path / "attempt.json", root_dir, tmp_path / "report", capsys)
    assert (row["stopped"], row["stopped_at"], row["passed"]) == (False, None, True)
    assert row["flags"] == []


def test_a_sealed_simulation_is_worked_whole_and_graded_by_the_trainer(
    page, site, tmp_path, capsys
):
    url, root_dir = site
    root = start(page, url + "qualification/", "qualification")
    assert "Sealed work simulation" in root.locator(".annotrain-quiz-facts").inner_text()
    # Every answer Negative: each control task (gold Positive) fails, yet nothing stops the learner.
    # With no review afterwards, a task is contested while it is on screen.
    for number in range(1, 10):
        no_feedback(root)
        assert shown_task(root).locator(".annotrain-feedback").inner_text() == ""
        if number == 2:
            contested = shown_task(root).get_attribute("data-annotrain-id")
            shown_task(root).get_by_role("button", name="Contest this task").click()
            shown_task(root).get_by_label("Why do you contest this task?").fill("Two labels fit.")
            shown_task(root).get_by_role("button", name="Send").click()
        work(root, "Negative")
    result = root.locator(".annotrain-quiz-result")
    result.get_by_role("heading", name="Batch submitted").wait_for()
    assert result.locator(".annotrain-sim-why, .annotrain-quiz-criteria").count() == 0
    data = download(page, result, tmp_path / "attempt.json")
    assert "client" not in data and data["trace"] is None and len(data["responses"]) == 9
    assert not any("gold" in task_id for task_id in data["tasks"])  # opaque ids
    row = grade(tmp_path / "attempt.json", root_dir, tmp_path / "report", capsys)
    course = load_course(root_dir / "mkdocs.yml")
    authored = authored_attempt(
        read_attempt(tmp_path / "attempt.json"), course.quizzes["qualification"]
    )
    assert data["contests"] == [{"task": contested, "reason": "Two labels fit."}]
    assert authored.contests[0]["task"] == authored.tasks[data["tasks"].index(contested)]
    fourth_gold = [tid for tid in authored.tasks if "gold" in tid][3]
    assert (row["stopped"], row["stopped_at"], row["passed"]) == (True, fourth_gold, False)
    assert row["flags"] == []


@pytest.mark.parametrize(
    ("scheme", "phone"), [("default", False), ("slate", False), ("default", True)]
)
def test_the_stop_screen_looks_right(browser, site, scheme, phone):
    url, _ = site
    options = (
        {"viewport": {"width": 390, "height": 844}}
        if phone
        else {"viewport": {"width": 1280, "height": 900}}
    )
    context = browser.new_context(**options)
    page = context.new_page()
    try:
        set_scheme(page, url, scheme)
        root = start(page, url + "batch/", "batch")
        for label in ("Negative", "Positive", "Negative", "Negative", "Negative"):
            work(root, label)
        result = root.locator(".annotrain-quiz-result")
        result.get_by_role("heading", name="Removed from this job").wait_for()
        screenshot(page, f"simulation-stopped-{scheme}{'-phone' if phone else ''}")
        assert serious_violations(page, "[data-annotrain-quiz=batch]") == []
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= page.viewport_size["width"]
    finally:
        context.close()
