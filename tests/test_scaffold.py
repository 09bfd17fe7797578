"""``annotrain new``: the starters are valid as they stand."""

from __future__ import annotations

import shutil

import pytest

from annotrain.commands.cli import main
from annotrain.commands.starters import exercise_starter, quiz_starter
from annotrain.course import yamlpos
from annotrain.course.blocks import find_blocks
from annotrain.course.exercises import load_block
from annotrain.course.media import MediaLibrary
from annotrain.course.quizfile import load_quiz, read_quiz
from annotrain.course.rubrics import RubricLibrary
from annotrain.messages import catalog
from annotrain.tasktypes import TASK_TYPES

from .conftest import ROOT
from .sites import Site

RUBRICS = RubricLibrary.load(ROOT / "quizzes" / "rubrics.yml")


@pytest.mark.parametrize("type_name", sorted(TASK_TYPES))
def test_exercise_starter_validates_with_the_real_loader(type_name, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # media are found next to "lesson.md" in the working folder
    assert main(["new", "exercise", type_name, "--id", "w9-starter"]) == 0
    text = capsys.readouterr().out
    # Pasted into a lesson of the flagship course, where image starters find their image.
    lesson = "course/week-3/lesson.md"
    blocks = find_blocks(text.splitlines(), lesson)
    assert len(blocks) == 1
    task = load_block(blocks[0], lesson, RUBRICS, catalog("en"), media=MediaLibrary(ROOT))
    assert task.id == "w9-starter" and task.type == type_name
    assert task.explain and task.prompt


@pytest.mark.parametrize("type_name", sorted(TASK_TYPES))
def test_exercise_starter_builds_in_a_site(tmp_path, type_name):
    pages = {
        "index.md": "# Home\n",
        "week-1/lesson.md": "# Lesson\n\n" + exercise_starter(type_name, "ex-1"),
    }
    site = Site(tmp_path, pages)
    shutil.copytree(ROOT / "course" / "assets" / "images", site.docs / "assets" / "images")
    shutil.copytree(ROOT / "course" / "assets" / "audio", site.docs / "assets" / "audio")
    assert main(["validate", "--config", str(site.root / "mkdocs.yml")]) == 0


def test_quiz_starter_is_a_valid_quiz():
    data = yamlpos.load(quiz_starter("week-9"), "quizzes/week-9.yml")
    quiz = read_quiz(data, "quizzes/week-9.yml", "week-9", RUBRICS, {}, catalog("en"))
    assert quiz.title == "Week 9"
    assert len(quiz.entries) == 3 and quiz.entries["week-9-sentiment-2"].weight == 2


@pytest.mark.parametrize("name", ["true", "null", "123", "no"])
def test_quiz_title_stays_text_whatever_the_name(name):
    data = yamlpos.load(quiz_starter(name))
    assert isinstance(data["title"], str)


def test_new_quiz_writes_the_file_and_refuses_to_overwrite(tmp_path, capsys):
    Site(tmp_path, {"index.md": "# Home\n"})
    config = str(tmp_path / "mkdocs.yml")
    assert main(["new", "quiz", "week-9", "--config", config]) == 0
    path = tmp_path / "quizzes" / "week-9.yml"
    assert "wrote" in capsys.readouterr().out
    quiz = load_quiz(path, "quizzes/week-9.yml", RUBRICS, {}, catalog("en"))
    assert quiz.id == "week-9"
    before = path.read_text(encoding="utf-8")
    assert main(["new", "quiz", "week-9", "--config", config]) == 1
    assert "already exists" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == before
    assert main(["validate", "--config", config]) == 0


def test_new_quiz_never_replaces_the_rubric_file(tmp_path, capsys):
    Site(tmp_path, {"index.md": "# Home\n"})
    assert main(["new", "quiz", "rubrics", "--config", str(tmp_path / "mkdocs.yml")]) == 1
    assert "rubric file" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        ["new"],
        ["new", "exercise", "hexagon"],
        ["new", "quiz", "Week 9"],
        ["new", "exercise", "choice", "--id", "Bad Id"],
    ],
)
def test_usage_errors_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
