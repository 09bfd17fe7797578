"""Blocks loaded again only when something they are read from changed (``mkdocs serve``)."""

from __future__ import annotations

import os
import shutil

import markdown
import pytest

from annotrain.course.media import MediaLibrary
from annotrain.course.yamlcache import DocumentCache
from annotrain.errors import AuthoringError
from annotrain.rendering.markdown_ext import AnnotrainExtension

from .conftest import ROOT
from .test_authoring_errors import GOOD as CHOICE

BOXES = """\
type: bbox
id: b1
prompt: Box the coin.
image: photo.png
labels: [Coin]
rubric: boxes-standard
gold:
  boxes: [{label: Coin, x: 10, y: 10, w: 30, h: 30}]
"""


@pytest.fixture
def project(tmp_path):
    (tmp_path / "quizzes").mkdir()
    shutil.copy(ROOT / "quizzes" / "rubrics.yml", tmp_path / "quizzes" / "rubrics.yml")
    shutil.copy(ROOT / "course" / "assets" / "images" / "pcb-01.png", tmp_path / "photo.png")
    return tmp_path


def build(project, body: str, line_offset: int = 0, messages=None, documents=None):
    """One build of a page holding ``body``: its extension, after converting the page."""
    ext = AnnotrainExtension(
        rubrics=str(project / "quizzes" / "rubrics.yml"),
        media=MediaLibrary(project),
        messages=messages or {},
        documents=documents or DocumentCache(None),
    )
    ext.begin_page("lesson.md", line_offset)
    markdown.Markdown(extensions=[ext]).convert(f"# Lesson\n\n```annotrain\n{body}```\n")
    assert not ext.errors
    return ext


def test_an_unchanged_block_is_taken_from_the_previous_build(project):
    first = build(project, BOXES).tasks[0]
    again = build(project, BOXES)
    assert again.tasks[0] is first
    assert list(again.media.files) == [first.options["image"]["src"]], "published again"


@pytest.mark.parametrize(
    "change",
    [
        lambda project, body: (body.replace("Box the coin.", "Box the coins."), {}),
        lambda project, body: (body, {"line_offset": 4}),
        lambda project, body: (body, {"messages": {"check": "Grade it"}}),
    ],
)
def test_a_changed_block_page_or_messages_loads_again(project, change):
    first = build(project, BOXES).tasks[0]
    body, options = change(project, BOXES)
    task = build(project, body, **options).tasks[0]
    assert task is not first
    if "line_offset" in options:
        assert task.line == first.line + 4


def test_a_changed_rubric_file_loads_again(project):
    first = build(project, CHOICE).tasks[0]
    rubrics = project / "quizzes" / "rubrics.yml"
    rubrics.write_text(
        rubrics.read_text().replace("choice-standard:", "choice-standard:\n    # edited")
    )
    assert build(project, CHOICE).tasks[0] is not first


def test_a_changed_image_is_measured_again(project):
    first = build(project, BOXES).tasks[0]
    shutil.copy(ROOT / "course" / "assets" / "images" / "pcb-02.png", project / "photo.png")
    later = (project / "photo.png").stat().st_mtime_ns + 10**9
    os.utime(project / "photo.png", ns=(later, later))
    task = build(project, BOXES).tasks[0]
    assert task is not first
    assert task.options["image"]["src"] != first.options["image"]["src"], "another content hash"


def test_errors_are_reported_every_build(project):
    broken = CHOICE.replace("gold: {choice: Yes}", "gold: {choice: Maybe}")
    for _ in range(2):
        ext = AnnotrainExtension(rubrics=str(project / "quizzes" / "rubrics.yml"))
        ext.begin_page("lesson.md")
        with pytest.raises(AuthoringError, match="lesson.md:9"):
            markdown.Markdown(extensions=[ext]).convert(f"# L\n\n```annotrain\n{broken}```\n")


def test_a_reused_block_keeps_its_yaml_in_the_cache(project):
    cache = project / ".cache"
    documents = DocumentCache(cache)
    build(project, CHOICE, documents=documents)
    documents.save()
    documents = DocumentCache(cache)
    build(project, CHOICE, documents=documents)  # taken from the previous build
    assert documents.read == documents.kept, "the next command still finds the YAML"
