"""Each weekly quiz of the flagship course always draws its week's hands-on skill.

The draw is the one the browser makes (grading/quiz.py's ``draw``, shared with
quiz-core.js through the draw vectors), run for many seeds on the course's own quizzes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from annotrain.course.loader import load_course
from annotrain.grading.quiz import draw

ROOT = Path(__file__).resolve().parent.parent

#: The task types that make up each week's core hands-on skill.
CORE_SKILLS = {
    "week-3": {"bbox"},
    "week-4": {"polygon", "keypoints", "masks"},
    "week-5": {"spans"},
    "week-6": {"transcript", "segments"},
    "week-7": {"rating"},
}

#: The quizzes held to their core skill, each drawing it from a gated section of its own.
CHECKED = ["week-3", "week-4", "week-5", "week-6", "week-7"]

SEEDS = range(500)


@pytest.fixture(scope="module")
def course():
    loaded = load_course(ROOT / "mkdocs.yml")
    assert not loaded.errors, loaded.errors
    return loaded


@pytest.mark.parametrize("quiz_id", CHECKED)
def test_every_draw_holds_a_core_skill_task(course, quiz_id):
    quiz = course.quizzes[quiz_id]
    types = {entry.task.id: entry.task.type for entry in quiz.entries.values()}
    core = CORE_SKILLS[quiz_id]
    assert core & set(types.values()), f"{quiz_id} has no task of type {sorted(core)}"
    missing = [seed for seed in SEEDS if not core & {types[i] for i in draw(quiz, seed)}]
    assert not missing, f"{quiz_id}: seeds {missing[:10]} draw no task of type {sorted(core)}"


@pytest.mark.parametrize("quiz_id", CHECKED)
def test_the_core_skill_section_has_a_minimum(course, quiz_id):
    """The hands-on tasks sit in a section of their own that must reach a minimum score."""
    quiz = course.quizzes[quiz_id]
    core = CORE_SKILLS[quiz_id]
    gated = [
        section
        for section in quiz.sections
        if section.min_score is not None
        and section.entries
        and all(entry.task.type in core for entry in section.entries)
    ]
    assert gated, f"{quiz_id} has no section of {sorted(core)} tasks with a min_score"
    assert all(section.draw is None or section.draw >= 1 for section in gated)
