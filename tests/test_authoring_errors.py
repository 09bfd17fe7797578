"""Every authoring mistake is reported as path:line with what is wrong and what is allowed."""

from __future__ import annotations

import markdown
import pytest

from annotrain.course.rubrics import RubricLibrary
from annotrain.errors import AuthoringError
from annotrain.rendering.markdown_ext import AnnotrainExtension

from .conftest import dedent
from .lessons import convert, error_of, extension

GOOD = """\
type: choice
id: q1
prompt: Pick one.
labels: [Yes, No]
rubric: choice-standard
gold: {choice: Yes}
"""


def test_good_block_renders_without_error():
    tasks = convert(GOOD).tasks
    assert [task.id for task in tasks] == ["q1"]
    # YAML 1.1 would read "Yes" as a boolean; labels stay text.
    assert tasks[0].options["labels"] == ["Yes", "No"]


@pytest.mark.parametrize(
    "body, line, fragments",
    [
        (
            GOOD.replace("type: choice", "type: chioce"),
            4,
            ["unknown exercise type", "'choice'", "known types"],
        ),
        (GOOD.replace("type: choice\n", ""), 4, ["no 'type'", "known types: choice, multi"]),
        (
            GOOD.replace("rubric: choice-standard", "rubric: choice-standrd"),
            8,
            ["unknown rubric 'choice-standrd'", "did you mean 'choice-standard'", "known rubrics"],
        ),
        (
            GOOD.replace("gold: {choice: Yes}", "gold: {choice: Maybe}"),
            9,
            ["gold choice the text 'Maybe' is not among the labels", "labels: Yes, No"],
        ),
        (GOOD.replace("prompt: Pick one.\n", ""), 4, ["missing the required field 'prompt'"]),
        (
            GOOD.replace("labels:", "lables:"),
            7,
            ["unknown field 'lables'", "did you mean 'labels'"],
        ),
        (GOOD + "prompt: again\n", 10, ["duplicate key 'prompt'", "line 6"]),
        (GOOD.replace("labels: [Yes, No]", "labels: [Yes, No"), 8, ["YAML syntax error"]),
        (GOOD.replace("id: q1", "id: Q 1"), 5, ["'id' must be lowercase"]),
        (GOOD.replace("labels: [Yes, No]", "labels: [Yes, Yes]"), 7, ["lists 'Yes' twice"]),
        (
            GOOD.replace("rubric: choice-standard", "rubric: sentiment-ordinal"),
            8,
            ["needs labels on a scale", "ordered: true"],
        ),
        (GOOD.replace("gold: {choice: Yes}", "gold: Yes"), 9, ["'gold' must be a mapping"]),
        ("", 3, ["block is empty"]),
        ("- just\n- a list\n", 4, ["must be a mapping of fields"]),
    ],
    ids=[
        "unknown type",
        "missing type",
        "unknown rubric",
        "gold label not among labels",
        "missing prompt",
        "unknown field",
        "duplicate key",
        "yaml syntax",
        "bad id",
        "duplicate label",
        "ordinal measure on unordered labels",
        "gold not a mapping",
        "empty block",
        "not a mapping",
    ],
)
def test_error_names_file_and_line(body, line, fragments):
    error = error_of(body)
    assert error.path == "lesson.md"
    assert error.line == line, str(error)
    assert str(error).startswith(f"lesson.md:{line}: ")
    for fragment in fragments:
        assert fragment in str(error)


def test_duplicate_id_in_one_page():
    source = f"```annotrain\n{GOOD}```\n\n```annotrain\n{GOOD}```\n"
    ext = extension("two.md")
    with pytest.raises(AuthoringError) as info:
        markdown.Markdown(extensions=[ext]).convert(source)
    assert str(info.value).startswith(
        "two.md:11: duplicate exercise id 'q1': already used at two.md:2"
    )


def test_unclosed_block():
    ext = extension("open.md")
    with pytest.raises(AuthoringError) as info:
        markdown.Markdown(extensions=[ext]).convert("Text\n\n```annotrain\ntype: choice\n")
    assert str(info.value).startswith("open.md:3: the annotrain block opened here is never closed")


def test_gold_must_reach_top_level():
    rubric = dedent(
        """
        rubrics:
          strict:
            levels: [{value: 2, name: Good}, {value: 0, name: Bad}]
            criteria:
              - id: exact
                measure: correct
                levels: {2: {min: 2, descriptor: impossible}, 0: {descriptor: else}}
        """
    )
    library = RubricLibrary()
    from annotrain.course import yamlpos
    from annotrain.course.rubrics import read_rubric

    library.rubrics["strict"] = read_rubric(
        yamlpos.load(rubric)["rubrics"]["strict"], "r.yml", "strict"
    )
    ext = AnnotrainExtension(rubrics=library)
    ext.begin_page("g.md")
    with pytest.raises(AuthoringError) as info:
        markdown.Markdown(extensions=[ext]).convert(
            "```annotrain\n" + GOOD.replace("choice-standard", "strict") + "```\n"
        )
    assert str(info.value).startswith(
        "g.md:7: the gold of 'q1' does not reach the top level of rubric 'strict'"
    )
    assert "Exact reaches 0 (Bad) with correct = 1" in str(info.value)


@pytest.mark.parametrize(
    "rubric, line, fragment",
    [
        ("levels: [{value: 5, name: A}, {value: 5, name: B}]\ncriteria: []\n", 2, "best first"),
        ("levels: [{value: 5, name: A}, {value: 1, name: B}]\ncriteria: []\n", 3, "non-empty list"),
        (
            "levels: [{value: 5, name: A}, {value: 1, name: B}]\n"
            "criteria:\n  - id: c\n    measure: correct\n    levels: {5: {min: 1, descriptor: x}, 4: {descriptor: y}}\n",
            6,
            "names level the number 4, which the rubric does not have",
        ),
        (
            "levels: [{value: 5, name: A}, {value: 1, name: B}]\n"
            "criteria:\n  - id: c\n    measure: correct\n    levels: {5: {descriptor: x}, 1: {descriptor: y}}\n",
            6,
            "needs a threshold",
        ),
        (
            "levels: [{value: 5, name: A}, {value: 1, name: B}]\n"
            "criteria:\n  - id: c\n    measure: correct\n    levels: {5: {min: 1, descriptor: x}, 1: {min: 0, descriptor: y}}\n",
            6,
            "takes no threshold",
        ),
        (
            "levels: [{value: 5, name: A}, {value: 3, name: C}, {value: 1, name: B}]\n"
            "criteria:\n  - id: c\n    measure: correct\n"
            "    levels: {5: {min: 0.2, descriptor: x}, 3: {min: 0.9, descriptor: z}, 1: {descriptor: y}}\n",
            6,
            "stricter as the level rises",
        ),
        (
            "pass: 1.5\nlevels: [{value: 5, name: A}, {value: 1, name: B}]\n"
            "criteria:\n  - id: c\n    measure: correct\n    levels: {5: {min: 1, descriptor: x}, 1: {descriptor: y}}\n",
            2,
            "'pass' must be at most 1",
        ),
    ],
    ids=[
        "levels not decreasing",
        "no criteria",
        "unknown level",
        "missing threshold",
        "lowest has threshold",
        "thresholds not monotone",
        "pass mark above 1",
    ],
)
def test_rubric_file_errors(tmp_path, rubric, line, fragment):
    indented = "".join(f"    {row}\n" for row in rubric.splitlines())
    path = tmp_path / "rubrics.yml"
    path.write_text("rubrics:\n  r:\n" + indented, encoding="utf-8")
    with pytest.raises(AuthoringError) as info:
        RubricLibrary.load(path, "quizzes/rubrics.yml")
    assert str(info.value).startswith(f"quizzes/rubrics.yml:{line + 1}: "), str(info.value)
    assert fragment in str(info.value)


def test_blocks_inside_other_code_fences_are_examples_not_exercises():
    source = (
        "Example:\n\n````markdown\n```annotrain\n" + GOOD + "```\n````\n\n```python\nx = 1\n```\n"
    )
    ext = extension()
    html = markdown.Markdown(extensions=[ext, "fenced_code"]).convert(source)
    assert ext.tasks == []
    assert "```annotrain" in html and "data-annotrain-id" not in html
