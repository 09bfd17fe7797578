"""Damaged quiz and rubric files never crash the loaders.

Hypothesis takes the course's real quiz and rubric files and damages them at random
(a value replaced by any YAML value, a key removed, an unknown key added, up to
three times). Loading must then either work or raise the project's AuthoringError
naming the file: never a traceback from inside the loader.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotrain.course.loader import load_course
from annotrain.course.quizfile import load_quiz
from annotrain.course.rubrics import RubricLibrary
from annotrain.errors import AuthoringError

from .conftest import ROOT

QUIZ_FILES = sorted(p for p in (ROOT / "quizzes").glob("*.yml") if p.name != "rubrics.yml")

any_value = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-3, 10**6)
    | st.floats(allow_nan=False)
    | st.text(max_size=12)
    | st.sampled_from(["choice", "choice-standard", "Positive", "w1-first-choice", "1e309"]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


def places(value, path=()):
    """Every place in a parsed document, as a path of keys and indexes."""
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from places(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from places(item, (*path, index))


def damaged(document, data):
    document = copy.deepcopy(document)
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(list(places(document))))
        if not path:
            continue
        parent = document
        for step in path[:-1]:
            parent = parent[step]
        last = path[-1]
        action = data.draw(st.sampled_from(["replace", "remove", "add"]))
        if action == "replace":
            parent[last] = data.draw(any_value)
        elif action == "remove":
            del parent[last]
        elif isinstance(parent, dict):
            parent[data.draw(st.text(min_size=1, max_size=8))] = data.draw(any_value)
        else:
            parent.append(data.draw(any_value))
    return document


@pytest.fixture(scope="module")
def course():
    loaded = load_course(ROOT / "mkdocs.yml")
    assert loaded.errors == []
    return loaded


def write(folder: Path, name: str, document) -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), "utf-8")
    return path


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(source=st.sampled_from(QUIZ_FILES), data=st.data())
def test_a_damaged_quiz_loads_or_fails_with_an_authoring_error(course, tmp_path, source, data):
    document = damaged(yaml.safe_load(source.read_text(encoding="utf-8")), data)
    # In a quizzes/ folder beside the course's, so that media paths still resolve.
    folder = tmp_path / "quizzes"
    if not folder.exists():
        folder.mkdir()
        (tmp_path / "course").symlink_to(ROOT / "course")
    path = write(folder, source.name, document)
    shown = "quizzes/" + source.name
    try:
        load_quiz(path, shown, course.rubrics, course.exercises, course.messages, course.media)
    except AuthoringError as error:
        assert str(error).startswith(shown), str(error)


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_a_damaged_rubric_file_loads_or_fails_with_an_authoring_error(tmp_path, data):
    source = ROOT / "quizzes" / "rubrics.yml"
    document = damaged(yaml.safe_load(source.read_text(encoding="utf-8")), data)
    path = write(tmp_path, "rubrics.yml", document)
    try:
        RubricLibrary.load(path, "quizzes/rubrics.yml")
    except AuthoringError as error:
        assert str(error).startswith("quizzes/rubrics.yml"), str(error)
