"""Rendering reused from the previous build (``mkdocs serve``): never stale."""

from __future__ import annotations

import dataclasses

import pytest

from annotrain.course.loader import load_course
from annotrain.messages import catalog
from annotrain.rendering.render import Renderer

from .conftest import ROOT


@pytest.fixture(scope="module")
def course():
    loaded = load_course(ROOT / "mkdocs.yml")
    assert loaded.errors == []
    return loaded


def exercise_html(task, messages=None, root="../") -> str:
    return Renderer(messages or catalog("en")).exercise(task, root=root)


def fresh_exercise_html(task, messages=None, root="../") -> str:
    """What a renderer makes without an earlier one to reuse."""
    Renderer(catalog("en")).exercise(dataclasses.replace(task, id=task.id + "-other"))
    return exercise_html(task, messages, root)


def test_an_unchanged_exercise_renders_the_same(course):
    task = next(iter(course.exercises.values()))
    assert exercise_html(task) == exercise_html(task) == fresh_exercise_html(task)


@pytest.mark.parametrize(
    "change",
    [
        lambda task: dataclasses.replace(task, prompt="A changed prompt?"),
        lambda task: dataclasses.replace(task, gold={"choice": task.options["labels"][-1]}),
        lambda task: dataclasses.replace(task, hints=["A new hint."]),
        lambda task: dataclasses.replace(
            task, options={**task.options, "labels": [*task.options["labels"], "Added"]}
        ),
    ],
)
def test_a_changed_exercise_is_rendered_again(course, change):
    task = next(t for t in course.exercises.values() if t.type == "choice")
    exercise_html(task)
    changed = change(task)
    assert exercise_html(changed) == fresh_exercise_html(changed)
    assert exercise_html(changed) != exercise_html(task)


def test_changed_messages_or_root_render_again(course):
    task = next(t for t in course.exercises.values() if t.type == "choice")
    exercise_html(task)
    messages = {**catalog("en"), "check": "Grade my answer"}
    assert "Grade my answer" in exercise_html(task, messages)
    photo = next(t for t in course.exercises.values() if t.type == "bbox")
    exercise_html(photo, root="../")
    assert 'src="../../assets/annotrain/media/' in exercise_html(photo, root="../../")


def quiz_html(quiz, messages=None) -> str:
    data = quiz.to_json("site", {})
    return Renderer(messages or catalog("en")).quiz(quiz, data, ["A fact."], root="../")


def test_a_quiz_with_other_instructions_or_tasks_is_rendered_again(course):
    quiz = course.quizzes["week-1"]
    before = quiz_html(quiz)
    assert quiz_html(quiz) == before
    reworded = dataclasses.replace(quiz, instructions="New instructions for everyone.")
    assert "New instructions for everyone." in quiz_html(reworded)
    section = quiz.sections[0]
    entry = section.entries[0]
    retitled = dataclasses.replace(entry, task=dataclasses.replace(entry.task, prompt="Changed?"))
    changed = dataclasses.replace(
        quiz,
        sections=[dataclasses.replace(section, entries=[retitled, *section.entries[1:]])]
        + quiz.sections[1:],
    )
    assert "Changed?" in quiz_html(changed)
    assert quiz_html(quiz) == before
