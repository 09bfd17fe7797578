"""The flagship course's work simulations: what each must hold, from the loaded quizzes.

Each simulation (:data:`SIMULATIONS`, one per kind of work) is held to these rules:

- it loads in ``simulation`` mode, open (practice: not sealed), without a load error
  or a reuse warning;
- every batch (the draw the browser makes, over :data:`SEEDS`) holds at least
  :data:`MIN_BATCH` tasks, of which between :data:`GOLD_SHARE` of them are gold;
- gold tasks and work items look alike: the same type, prompt, labels, rubric,
  guideline link and (for pictures) the same generator; no gold task carries a hint,
  which a work item could not have, and every gold task explains its answer, which
  the stop screen shows for a missed one;
- the running-accuracy rule stops a careless worker and keeps a careful one: attempt
  files are written as the browser writes them (tests/test_simulation.py) and graded
  by ``annotrain grade``'s Python grader. The careful attempt answers each gold task
  with its gold, the careless one with the kind of error a rushed worker makes
  (:func:`careless`); a careful worker who slips on one gold task is still kept.

And the Week 8 lesson links every simulation's page, where the simulation's place is
marked.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from annotrain.commands.grade import grade_attempt
from annotrain.course.loader import load_course
from annotrain.course.quizzes import Quiz
from annotrain.grading.attempts import read_attempt
from annotrain.grading.quiz import draw
from annotrain.grading.task import grade

ROOT = Path(__file__).resolve().parent.parent

#: Quiz id -> the task type of its work, and the lesson page that places it.
SIMULATIONS = {
    "sim-sentiment": ("choice", "week-8/simulation-reviews.md"),
    "sim-boxes": ("bbox", "week-8/simulation-street-boxes.md"),
    "sim-tickets": ("spans", "week-8/simulation-tickets.md"),
}
LESSON = ROOT / "course" / "week-8" / "how-platforms-check-your-work.md"
MIN_BATCH = 40
GOLD_SHARE = (0.2, 0.3)
SEEDS = range(200)
SITE = "annotrain-course"
NOW = datetime(2026, 12, 2, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def course():
    return load_course(ROOT / "mkdocs.yml")


def simulation(course, quiz_id: str) -> Quiz:
    """The simulation ``quiz_id``, loaded without error; fails the test when it is not."""
    path = f"quizzes/{quiz_id}.yml"
    errors = [str(error) for error in course.errors if path in str(error)]
    assert not errors, f"{path} does not load:\n" + "\n".join(errors)
    assert quiz_id in course.quizzes, f"the course has no quiz {quiz_id!r} ({path})"
    return course.quizzes[quiz_id]


def gold_tasks(quiz: Quiz) -> dict:
    return {tid: e.task for tid, e in quiz.entries.items() if e.task.gold is not None}


@pytest.mark.parametrize("quiz_id", SIMULATIONS)
def test_the_simulation_is_open_and_clean(course, quiz_id):
    quiz = simulation(course, quiz_id)
    assert quiz.mode == "simulation" and quiz.simulation is not None
    assert not quiz.simulation.sealed, f"{quiz_id} is sealed; the flagship's are practice"
    warned = [str(w) for w in course.warnings if f"quizzes/{quiz_id}.yml" in str(w)]
    assert not warned, "\n".join(warned[:5])
    assert all(tid.startswith("sim-") for tid in quiz.entries)
    assert not [tid for tid, entry in quiz.entries.items() if entry.ref]


@pytest.mark.parametrize("quiz_id", SIMULATIONS)
def test_every_batch_is_large_enough_and_20_to_30_percent_gold(course, quiz_id):
    quiz = simulation(course, quiz_id)
    gold = set(gold_tasks(quiz))
    low, high = GOLD_SHARE
    for seed in SEEDS:
        batch = draw(quiz, seed)
        share = len(gold.intersection(batch)) / len(batch)
        assert len(batch) >= MIN_BATCH, f"{quiz_id} seed {seed}: {len(batch)} tasks"
        assert low <= share <= high, f"{quiz_id} seed {seed}: {share:.0%} gold"
        assert len(gold.intersection(batch)) >= quiz.simulation.rule.min_gold


@pytest.mark.parametrize("quiz_id", SIMULATIONS)
def test_gold_and_work_look_alike(course, quiz_id):
    quiz = simulation(course, quiz_id)
    kind, page = SIMULATIONS[quiz_id]
    looks = set()
    for tid, entry in quiz.entries.items():
        task = entry.task
        looks.add(
            (task.type, task.prompt, tuple(task.options["labels"]), task.rubric.id,
             entry.guideline)
        )  # fmt: skip
        if task.type == "bbox":
            name = Path(task.options["image"]["src"]).name
            assert name.startswith("sim-street-"), f"{tid}: {name} is not a street scene"
        if task.gold is not None:
            assert not task.hints, f"{tid}: a hint marks a task as gold"
            assert task.explain, f"{tid}: the stop screen has no explanation to show"
    assert looks == {(kind, *next(iter(looks))[1:])}, f"{quiz_id}: items differ: {looks}"
    assert next(iter(looks))[4].startswith(page + "#"), "the guideline is the page's"


@pytest.mark.parametrize("quiz_id", SIMULATIONS)
def test_every_gold_answer_passes_its_own_rubric(course, quiz_id, messages):
    """The careful attempt below relies on it: gold is a perfect response."""
    for tid, task in gold_tasks(simulation(course, quiz_id)).items():
        assert grade(task, task.gold, messages)["passed"], tid


# --- attempts, graded as annotrain grade grades them -----------------------------------


def careless(task) -> dict:
    """A rushed worker's answer to a gold task, from its gold.

    Sentiment: Positive whatever the review says. Boxes: the cars only, skipping the
    small people. Tickets: the order IDs only, skipping products and dates.
    """
    gold = task.gold
    if task.type == "choice":
        return {"choice": "Positive"}
    if task.type == "bbox":
        return {"boxes": [box for box in gold["boxes"] if box["label"] == "Car"]}
    return {"spans": [span for span in gold["spans"] if span["label"] == "ORDER_ID"]}


def wrong(task) -> dict:
    """A wrong answer to a gold task: :func:`careless`, or another label where a rushed
    Positive would happen to be right."""
    if task.type == "choice" and task.gold["choice"] == "Positive":
        return {"choice": "Mixed"}
    return careless(task)


def loose(task) -> dict:
    """A careful answer drawn at speed: the gold, with every box 2 px loose on each side."""
    if task.type != "bbox":
        return dict(task.gold)
    boxes = [
        box | {"x": box["x"] - 2, "y": box["y"] - 2, "w": box["w"] + 4, "h": box["h"] + 4}
        for box in task.gold["boxes"]
    ]
    return {"boxes": boxes}


def work_answer(task) -> dict:
    """Some answer to a work item: nothing grades it."""
    return {"choice": {"choice": "Neutral"}, "bbox": {"boxes": []}}.get(task.type, {"spans": []})


def attempt(quiz: Quiz, tmp_path, answer, seed: int = 7):
    """An attempt at ``quiz`` in the browser's format, each gold task answered by
    ``answer(task, gold_index)``, read back as ``annotrain grade`` reads it."""
    tasks = draw(quiz, seed)
    responses = {}
    gold_index = 0
    for tid in tasks:
        task = quiz.entries[tid].task
        if task.gold is None:
            responses[tid] = work_answer(task)
        else:
            responses[tid] = answer(task, gold_index)
            gold_index += 1
    data = {
        "format": "annotrain-attempt/2",
        "site": SITE,
        "quiz": quiz.id,
        "mode": "simulation",
        "quiz_version": quiz.public_version,
        "seed": seed,
        "started": "2026-12-01T10:00:00Z",
        "submitted": "2026-12-01T10:40:00Z",
        "tasks": tasks,
        "responses": responses,
        "trace": None,
    }
    path = tmp_path / f"{quiz.id}-{seed}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return read_attempt(path)


@pytest.mark.parametrize("quiz_id", SIMULATIONS)
@pytest.mark.parametrize("seed", [7, 31])
def test_a_careful_worker_is_kept_and_passes(course, quiz_id, seed, tmp_path, messages):
    quiz = simulation(course, quiz_id)
    row = grade_attempt(
        attempt(quiz, tmp_path, lambda task, _: loose(task), seed), quiz, SITE, messages, NOW
    )
    assert (row["stopped"], row["passed"], row["flags"]) == (False, True, [])
    assert len(row["simulation"]["trace"]) == len(gold_tasks(quiz))


@pytest.mark.parametrize("quiz_id", SIMULATIONS)
@pytest.mark.parametrize("seed", [7, 31])
def test_one_slip_does_not_end_the_job(course, quiz_id, seed, tmp_path, messages):
    """A careful worker who misses one gold task, wherever it falls, is kept."""
    quiz = simulation(course, quiz_id)
    for slip in range(len(gold_tasks(quiz))):

        def answer(task, index, slip=slip):
            return careless(task) if index == slip else dict(task.gold)

        row = grade_attempt(attempt(quiz, tmp_path, answer, seed), quiz, SITE, messages, NOW)
        assert row["stopped"] is False, f"{quiz_id}: stopped by one slip at gold {slip}"


@pytest.mark.parametrize("quiz_id", SIMULATIONS)
@pytest.mark.parametrize("seed", [7, 31])
def test_a_careless_worker_is_stopped(course, quiz_id, seed, tmp_path, messages):
    quiz = simulation(course, quiz_id)
    row = grade_attempt(
        attempt(quiz, tmp_path, lambda task, _: careless(task), seed), quiz, SITE, messages, NOW
    )
    assert row["stopped"] is True and row["passed"] is False
    rule = quiz.simulation.rule
    stop = row["simulation"]["stop"]
    assert stop["gold_index"] == rule.min_gold - 1, "stopped at the first judgement"
    assert len(stop["missed"]) > rule.window - rule.min_correct
    assert all(quiz.entries[tid].task.explain for tid in stop["missed"])


@pytest.mark.parametrize("quiz_id", SIMULATIONS)
@pytest.mark.parametrize("seed", [7, 31])
def test_a_worker_right_on_only_half_the_gold_is_stopped(course, quiz_id, seed, tmp_path,
                                                          messages):  # fmt: skip
    """Careful on every other gold task, rushed on the rest: the rule must catch it."""
    quiz = simulation(course, quiz_id)

    def answer(task, index):
        return dict(task.gold) if index % 2 else wrong(task)

    row = grade_attempt(attempt(quiz, tmp_path, answer, seed), quiz, SITE, messages, NOW)
    assert row["stopped"] is True, f"{quiz_id} keeps a worker who misses half the gold"


# --- the pages ------------------------------------------------------------------------


def test_the_lesson_links_every_simulation_page():
    text = LESSON.read_text(encoding="utf-8")
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "week-8/how-platforms-check-your-work.md" in nav
    for quiz_id, (_, page) in SIMULATIONS.items():
        assert f"]({Path(page).name})" in text, f"the lesson does not link {page}"
        assert page in nav, f"{page} is not in the navigation"
        body = (ROOT / "course" / page).read_text(encoding="utf-8")
        assert f"```annotrain\nquiz: {quiz_id}\n```" in body
        assert "## Guideline" in body
