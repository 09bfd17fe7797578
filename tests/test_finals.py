"""The flagship course's two finals: what each must hold, from the loaded quizzes.

The course has two finals with banks of their own:

- ``final``, the self-check final in ``quiz`` mode for self-learners (graded in the
  browser, reviewed after submitting, a practice record);
- ``final-exam``, the qualification final in ``exam`` mode for trainers who adopt
  the course (sealed, opened by tickets, graded by the trainer).

Each is held to the same rules:

- its bank has at least :data:`MIN_BANK` unseen tasks: none is a ``ref:`` to a lesson
  exercise, the quiz does not switch the reuse check off, and loading the course
  gives no reuse warning (nor error) for it;
- an attempt draws at least :data:`MIN_DRAW` tasks;
- every hands-on kind (:data:`HANDS_ON`) is in every draw, checked with the draw the
  browser makes (``grading/quiz.py``'s ``draw``) over :data:`SEEDS`;
- hands-on work is at least :data:`MIN_HANDS_ON_SHARE` of the expected score
  (defined in :func:`expected_weights`);
- every hands-on section has a ``min_score``;
- a hands-on task on a generated picture or clip (one with ``<name>.gold.json``
  beside it, written by ``tools/make_images.py`` or ``tools/make_audio.py``) has
  exactly the gold the generator drew.

And the two banks are disjoint: no task id and no content key (the same prompt, text
and media, or the same media, type and labels, as ``course/sealing.py`` compares
tasks) is in both, so the self-check final, whose answers the site shows, gives away
nothing of the sealed one.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotrain.course.loader import load_course
from annotrain.course.quizzes import Quiz
from annotrain.course.sealing import content_keys
from annotrain.grading.quiz import draw

ROOT = Path(__file__).resolve().parent.parent

#: Quiz id -> the mode it must have.
FINALS = {"final": "quiz", "final-exam": "exam"}

#: Each hands-on kind the issue names, and the task types that count as that kind.
HANDS_ON = {
    "boxes": {"bbox"},
    "polygons": {"polygon"},
    "keypoints": {"keypoints"},
    "masks": {"masks"},
    "spans": {"spans"},
    "relations": {"relations"},
    "transcripts": {"transcript"},
    "segments": {"segments"},
    "rank or pairwise": {"rank", "pairwise"},
    "rating": {"rating"},
    "tracking": {"tracking"},
}
HANDS_ON_TYPES = set().union(*HANDS_ON.values())

MIN_BANK = 60
MIN_DRAW = 40
MIN_HANDS_ON_SHARE = 0.4
SEEDS = range(300)


@pytest.fixture(scope="module")
def course():
    return load_course(ROOT / "mkdocs.yml")


def final(course, quiz_id: str) -> Quiz:
    """The final ``quiz_id``, loaded without error; fails the test when it is not."""
    path = f"quizzes/{quiz_id}.yml"
    errors = [str(error) for error in course.errors if path in str(error)]
    assert not errors, f"{path} does not load:\n" + "\n".join(errors)
    assert quiz_id in course.quizzes, f"the course has no quiz {quiz_id!r} ({path})"
    return course.quizzes[quiz_id]


def expected_weights(quiz: Quiz) -> dict[str, float]:
    """Each task's expected weight in an attempt's score: what it counts for on average.

    A section with ``draw`` d and n tasks draws each of them with probability d / n
    (all of them when it has no ``draw``), so a task of weight w is expected to weigh
    d / n x w in an attempt. Summed over a section this is d x (the section's mean
    task weight), and summed over the quiz it is the expected total weight, the
    denominator of the quiz score. A kind's share of the expected score is the sum
    of its tasks' expected weights over that total.
    """
    weights: dict[str, float] = {}
    for section in quiz.sections:
        count = len(section.entries)
        drawn = count if section.draw is None else section.draw
        for entry in section.entries:
            weights[entry.task.id] = drawn / count * entry.weight
    return weights


@pytest.mark.parametrize("quiz_id", FINALS)
def test_the_final_exists_in_its_mode(course, quiz_id):
    quiz = final(course, quiz_id)
    assert quiz.mode == FINALS[quiz_id], f"{quiz_id} is in {quiz.mode} mode"


@pytest.mark.parametrize("quiz_id", FINALS)
def test_the_bank_holds_enough_unseen_tasks(course, quiz_id):
    quiz = final(course, quiz_id)
    assert quiz.reuse == "warn", f"{quiz_id} sets 'reuse: allowed'"
    refs = [tid for tid, entry in quiz.entries.items() if entry.ref]
    assert not refs, f"{quiz_id} reuses {len(refs)} lesson exercises (ref:): {refs[:5]}"
    warned = [str(w) for w in course.warnings if f"quizzes/{quiz_id}.yml" in str(w)]
    assert not warned, f"{quiz_id}: {len(warned)} reuse warnings:\n" + "\n".join(warned[:5])
    assert len(quiz.entries) >= MIN_BANK, f"{quiz_id} has {len(quiz.entries)} tasks"


@pytest.mark.parametrize("quiz_id", FINALS)
def test_an_attempt_draws_enough_tasks(course, quiz_id):
    quiz = final(course, quiz_id)
    assert quiz.tasks_per_attempt >= MIN_DRAW
    assert len(draw(quiz, 1)) == quiz.tasks_per_attempt


def test_the_two_banks_are_disjoint(course):
    quick, sealed = (final(course, quiz_id) for quiz_id in FINALS)
    shared_ids = sorted(set(quick.entries) & set(sealed.entries))
    assert not shared_ids, f"both finals hold the tasks {shared_ids[:5]}"
    keys = {key: tid for tid, entry in quick.entries.items() for key in content_keys(entry.task)}
    twins = [
        (keys[key], tid)
        for tid, entry in sealed.entries.items()
        for key in content_keys(entry.task)
        if key in keys
    ]
    assert not twins, f"tasks of both finals show the same content: {twins[:5]}"


@pytest.mark.parametrize("quiz_id", FINALS)
def test_every_draw_holds_every_hands_on_kind(course, quiz_id):
    quiz = final(course, quiz_id)
    types = {tid: entry.task.type for tid, entry in quiz.entries.items()}
    missing: dict[str, list[int]] = {}
    for seed in SEEDS:
        drawn = {types[tid] for tid in draw(quiz, seed)}
        for kind, kind_types in HANDS_ON.items():
            if not drawn & kind_types:
                missing.setdefault(kind, []).append(seed)
    assert not missing, f"{quiz_id}: " + "; ".join(
        f"{kind} missing from {len(seeds)} of {len(SEEDS)} draws (seeds {seeds[:3]}...)"
        for kind, seeds in missing.items()
    )


@pytest.mark.parametrize("quiz_id", FINALS)
def test_hands_on_work_weighs_enough(course, quiz_id):
    quiz = final(course, quiz_id)
    weights = expected_weights(quiz)
    hands_on = sum(w for tid, w in weights.items() if quiz.entries[tid].task.type in HANDS_ON_TYPES)
    share = hands_on / sum(weights.values())
    assert share >= MIN_HANDS_ON_SHARE, f"{quiz_id}: hands-on work is {share:.1%} of the score"


@pytest.mark.parametrize("quiz_id", FINALS)
def test_every_hands_on_section_has_a_minimum(course, quiz_id):
    """A section holding any hands-on task has a skill gate of its own."""
    quiz = final(course, quiz_id)
    sections = [
        section
        for section in quiz.sections
        if any(entry.task.type in HANDS_ON_TYPES for entry in section.entries)
    ]
    assert sections, f"{quiz_id} has no hands-on section"
    ungated = [section.title for section in sections if section.min_score is None]
    assert not ungated, f"{quiz_id}: hands-on sections without a min_score: {ungated}"


#: The part of a generated ``.gold.json`` that each type's gold holds.
GOLD_KEYS = {
    "bbox": "boxes",
    "polygon": "polygons",
    "keypoints": "points",
    "segments": "segments",
    "masks": "masks",
}


@pytest.mark.parametrize("quiz_id", FINALS)
def test_generated_media_keep_their_drawn_gold(course, quiz_id):
    quiz = final(course, quiz_id)
    checked = 0
    for tid, entry in quiz.entries.items():
        task = entry.task
        media = task.options.get("image") or task.options.get("audio")
        if task.type not in GOLD_KEYS or not isinstance(media, dict):
            continue
        drawn = course.media.files[media["src"]].source.with_suffix(".gold.json")
        if not drawn.exists():  # a photograph: its gold was placed by hand
            continue
        key = GOLD_KEYS[task.type]
        expected = json.loads(drawn.read_text(encoding="utf-8"))[key]
        assert task.gold[key] == expected, f"{tid}: gold differs from {drawn.name}"
        checked += 1
    assert checked, f"{quiz_id} has no hands-on task on a generated picture or clip"


# --- the qualification final as the flagship site publishes it ---------------------------

#: Each final's page in the built site, and the quiz id its block places.
PAGES = {
    "final": "week-8/final-exam/index.html",
    "final-exam": "week-8/qualification-final/index.html",
}


def answer_key_strings(quiz_id: str) -> list[str]:
    """What only the answer key of ``quiz_id`` holds, as it reads in its quiz file.

    Every sentence of 30 characters or more of an explanation or a hint, and a
    transcription's gold text: none of them is shown to a candidate, so finding one
    in a page gives part of the answer away.
    """
    import re

    import yaml

    data = yaml.safe_load((ROOT / "quizzes" / f"{quiz_id}.yml").read_text(encoding="utf-8"))
    found: list[str] = []
    for section in data["sections"]:
        for task in section["tasks"]:
            texts = [task.get("explain") or "", *task.get("hints", [])]
            if task["type"] == "transcript":
                texts.append(task["gold"]["text"])
            for text in texts:
                for sentence in re.split(r"(?<=[.:;?!])\s+", " ".join(text.split())):
                    if len(sentence) >= 30:
                        found.append(sentence)
    return found


def published_text(site: Path) -> str:
    """Everything the built site serves as text, unescaped and with single spaces."""
    import html

    parts = []
    for path in sorted(site.rglob("*")):
        if path.suffix in {".html", ".json", ".js", ".xml", ".txt"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            if path.suffix == ".json":  # the search index: its text as JSON strings hold it
                text = json.dumps(json.loads(text), ensure_ascii=False)
            parts.append(html.unescape(text))
    return " ".join(" ".join(parts).split())


def quiz_data(site: Path, quiz_id: str) -> dict:
    from bs4 import BeautifulSoup

    page = BeautifulSoup((site / PAGES[quiz_id]).read_text(encoding="utf-8"), "html.parser")
    (root,) = page.select(f"[data-annotrain-quiz={quiz_id}]")
    return json.loads(root["data-annotrain-quiz-data"])


def test_the_qualification_final_is_published_sealed(flagship_site):
    data = quiz_data(flagship_site, "final-exam")
    assert data["mode"] == "exam"
    course = load_course(ROOT / "mkdocs.yml")
    sealed = course.quizzes["final-exam"]
    assert data["version"] == sealed.public_version
    assert sorted(data["tasks"]) == sorted(sealed.entries)  # every task is on the page...
    for tid, shown in data["tasks"].items():  # ...without its answer
        task = shown["task"]
        assert "gold" not in task and not task.get("explain") and not task.get("hints"), tid
    published = published_text(flagship_site)
    leaked = [s for s in answer_key_strings("final-exam") if " ".join(s.split()) in published]
    assert not leaked, f"{len(leaked)} answer-key sentences are in the site: {leaked[:3]}"


def test_no_answer_file_is_published_beside_the_media(flagship_site):
    """The media tools write each generated picture's and clip's exact answer beside it
    (``<name>.gold.json``); for the qualification final's media these are its gold."""
    assert list(flagship_site.rglob("*.gold.json")) == []
    sealed = load_course(ROOT / "mkdocs.yml").quizzes["final-exam"]
    media = set()
    for entry in sealed.entries.values():
        source = entry.task.options.get("image") or entry.task.options.get("audio")
        if isinstance(source, dict):
            media.add(Path(source["src"]).stem)
    assert media, "the qualification final has hands-on tasks on media"
    for stem in media:
        beside = {p.suffix for p in flagship_site.rglob(f"{stem}.*")}
        assert beside <= {".png", ".webp", ".jpg", ".ogg", ".mp3", ".wav"}, (stem, beside)


def test_the_self_check_final_publishes_its_answers(flagship_site):
    """The control for the test above: the same search finds the self-check final's
    explanations, which its page shows after submitting."""
    assert quiz_data(flagship_site, "final")["mode"] == "quiz"
    published = published_text(flagship_site)
    strings = answer_key_strings("final")
    found = [s for s in strings if " ".join(s.split()) in published]
    assert len(found) > len(strings) * 0.9, f"only {len(found)} of {len(strings)} found"
