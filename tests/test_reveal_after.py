"""``reveal_after``: after how many wrong checks an answer shows by itself.

Set on an exercise (a task field), on a practice-mode quiz (for its tasks), or for
the whole site (the plugin's option): a whole number of at least 1, or ``never``.
Every mistake is an authoring error at its line; the browser gets the value in the
task's JSON, the quiz's settings and the bundle's site settings.
"""

from __future__ import annotations

import json

import pytest

from annotrain.browser import bundles
from annotrain.build.plugin import AnnotrainPlugin
from annotrain.course import yamlpos
from annotrain.course.quizfile import read_quiz
from annotrain.course.quizzes import quiz_from_json
from annotrain.course.rubrics import RubricLibrary
from annotrain.course.tasks import REVEAL_AFTER, task_from_json
from annotrain.errors import AuthoringError
from annotrain.messages import catalog

from .conftest import ROOT
from .lessons import convert, error_of
from .sites import CHOICE, Site

RUBRICS = RubricLibrary.load(ROOT / "quizzes" / "rubrics.yml")
EXERCISE = """\
type: choice
id: q1
prompt: Pick one.
labels: [Yes, No]
rubric: choice-standard
gold: {choice: Yes}
"""


@pytest.mark.parametrize("value, read", [("1", 1), ("4", 4), ("never", "never")])
def test_an_exercise_sets_it(value, read):
    (task,) = convert(EXERCISE + f"reveal_after: {value}\n").tasks
    assert task.reveal_after == read
    assert task.to_json()["reveal_after"] == read
    assert task.to_json(include_gold=False)["reveal_after"] == read  # no secret
    assert task_from_json(task.to_json()).reveal_after == read


def test_an_exercise_without_it_keeps_its_json():
    (task,) = convert(EXERCISE).tasks
    assert task.reveal_after is None
    assert "reveal_after" not in task.to_json()


@pytest.mark.parametrize(
    "value, shown",
    [
        ("0", "got the number 0"),
        ("-2", "got the number -2"),
        ("1.5", "got the number 1.5"),
        ("2.0", "got the number 2.0"),
        ("true", "got true/false"),
        ("sometimes", "got the text 'sometimes'"),
        ("Never", "got the text 'Never'"),
        ("[2]", "got a list"),
    ],
)
def test_a_wrong_value_on_an_exercise_names_its_line(value, shown):
    error = error_of(EXERCISE + f"reveal_after: {value}\n")
    # The block's YAML starts on line 4 of the lesson: reveal_after is its 7th line.
    assert str(error).startswith("lesson.md:10: "), str(error)
    assert f"'reveal_after' must be a whole number of at least 1, or never; {shown}" in str(error)


def quiz(body: str):
    data = yamlpos.load(body, "quizzes/q.yml")
    return read_quiz(data, "quizzes/q.yml", "q", RUBRICS, {}, catalog("en"))


TASKS = """sections:
  - tasks:
      - type: choice
        id: a
        prompt: Pick.
        labels: ["Yes", "No"]
        rubric: choice-standard
        gold: {choice: "Yes"}
"""


def test_a_practice_quiz_sets_it_for_its_tasks():
    practice = quiz(f"title: T\nmode: practice\nreveal_after: 1\n{TASKS}")
    assert practice.reveal_after == 1
    data = practice.to_json("site", {})
    assert data["reveal_after"] == 1
    assert quiz_from_json(data).reveal_after == 1
    assert quiz(f"title: T\nmode: practice\nreveal_after: never\n{TASKS}").reveal_after == "never"


def test_a_quiz_without_it_keeps_its_settings_and_version():
    plain = quiz(f"title: T\nmode: practice\n{TASKS}")
    assert "reveal_after" not in plain.settings()
    set_once = quiz(f"title: T\nmode: practice\nreveal_after: 2\n{TASKS}")
    # A setting the page shows is part of the public version; its absence changes nothing.
    assert set_once.public_version != plain.public_version
    assert quiz(f"title: T\nmode: practice\n{TASKS}").public_version == plain.public_version


@pytest.mark.parametrize(
    "head, line, fragment",
    [
        ("mode: quiz\nreveal_after: 2\n", 3, "applies to practice-mode quizzes only"),
        ("reveal_after: 2\n", 2, "this quiz's mode is quiz (set mode: practice, or remove it)"),
        ("mode: exam\nreveal_after: never\n", 3, "this quiz's mode is exam"),
        ("mode: practice\nreveal_after: 0\n", 3, "must be a whole number of at least 1, or never"),
    ],
)
def test_a_wrong_quiz_setting_names_its_line(head, line, fragment):
    with pytest.raises(AuthoringError) as info:
        quiz(f"title: T\n{head}{TASKS}")
    assert str(info.value).startswith(f"quizzes/q.yml:{line}: "), str(info.value)
    assert fragment in str(info.value)


def test_the_plugin_option_takes_a_number_or_never():
    plugin = AnnotrainPlugin()
    assert plugin.load_config({}) == ([], [])
    assert plugin.config.reveal_after == REVEAL_AFTER == 3
    for good in (1, 5, "never"):
        assert plugin.load_config({"reveal_after": good}) == ([], [])
        assert plugin.config.reveal_after == good
    for bad in (0, -1, 2.5, True, "always"):
        errors, _ = plugin.load_config({"reveal_after": bad})
        assert [name for name, _ in errors] == ["reveal_after"], bad
        assert "whole number of at least 1, or never" in str(errors[0][1]), bad


def site_settings(bundle_text: str) -> dict:
    first = bundle_text[: bundle_text.index(";\n")]
    return json.loads(first[first.index("{") :])


def test_the_bundle_carries_the_site_setting():
    assert site_settings(bundles.bundle(["choice"], "s", "en", {}))["reveal_after"] == 3
    text = bundles.bundle(["choice"], "s", "en", {}, reveal_after="never")
    assert site_settings(text)["reveal_after"] == "never"


def test_a_built_site_passes_its_option_to_the_pages(tmp_path):
    site = Site(tmp_path, {"index.md": CHOICE.format(id="c1")}, options=":\n      reveal_after: 1")
    result = site.build()
    assert result.returncode == 0, result.stderr
    (bundle,) = (site.site_dir / "assets" / "annotrain").glob("annotrain-choice.js")
    assert site_settings(bundle.read_text(encoding="utf-8"))["reveal_after"] == 1
    (tmp_path / "mkdocs.yml").write_text(
        (tmp_path / "mkdocs.yml").read_text().replace("reveal_after: 1", "reveal_after: 0")
    )
    failed = site.build()
    assert failed.returncode != 0
    assert "reveal_after" in failed.stderr and "whole number of at least 1" in failed.stderr
