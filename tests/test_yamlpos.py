"""yamlpos reads YAML with libyaml when PyYAML has it, and falls back to the
pure-Python parser for errors: both must give the same values, lines and messages."""

from __future__ import annotations

import pytest

from annotrain.course import yamlpos
from annotrain.course.blocks import find_blocks
from annotrain.errors import AuthoringError

from .conftest import ROOT

pytestmark = pytest.mark.skipif(
    yamlpos._FastLoader is None, reason="PyYAML was built without libyaml"
)


def slow_load(text: str, path: str | None = None, line_offset: int = 0):
    """yamlpos.load with the pure-Python parser only."""
    loader = yamlpos._Loader(text)
    try:
        node = loader.get_single_node()
        return None if node is None else yamlpos._Converter(loader, path, line_offset).convert(node)
    finally:
        loader.dispose()


def lines(value):
    """Every value with the lines yamlpos recorded, as plain data to compare."""
    if isinstance(value, yamlpos.YamlMap):
        return {
            "line": value.line,
            "keys": {str(k): [value.key_lines[k], lines(v)] for k, v in value.items()},
        }
    if isinstance(value, yamlpos.YamlList):
        return {
            "line": value.line,
            "items": [[n, lines(v)] for n, v in zip(value.item_lines, value, strict=True)],
        }
    return [type(value).__name__, value]


def course_yaml() -> list[tuple[str, str]]:
    """(name, text) of every YAML document of the flagship course."""
    found = [
        (str(p.relative_to(ROOT)), p.read_text(encoding="utf-8"))
        for p in (ROOT / "quizzes").glob("*.yml")
    ]
    for page in sorted((ROOT / "course").rglob("*.md")):
        for block in find_blocks(page.read_text(encoding="utf-8").split("\n")):
            found.append((f"{page.relative_to(ROOT)}:{block.body_line}", block.body))
    return found


def test_fast_and_pure_python_parsers_agree_on_the_whole_course():
    documents = course_yaml()
    assert len(documents) > 100
    for name, text in documents:
        assert lines(yamlpos.load(text, name, 3)) == lines(slow_load(text, name, 3)), name


TRICKY = """\
plain: text
yes_stays: [Yes, No, on, Off]
booleans: [true, False]
numbers: [1, 1.5, 0x10, 1e3, .inf]
date: 2024-05-01
nothing: ~
quoted: "a \\"b\\" \\u00e9"
folded: >
  two
  lines
literal: |
  keep
    indent
anchor: &a {x: 1}
merged:
  <<: *a
  y: 2
emoji: "\U0001f600 e\u0301"
"""


def test_types_and_merges_read_the_same():
    fast, slow = yamlpos.load(TRICKY), slow_load(TRICKY)
    assert lines(fast) == lines(slow)
    assert fast["yes_stays"] == ["Yes", "No", "on", "Off"]
    assert fast["date"] == "2024-05-01"
    assert fast["merged"] == {"x": 1, "y": 2}


@pytest.mark.parametrize(
    "text",
    [
        "labels: [a, b\nnext: 1\n",
        "a: 1\na: 2\n",
        "key: value\n  bad: indent\n",
        "text: bell \x07 here\n",
        "- a\nb: c\n",
        "a: b: c\n",
    ],
)
def test_errors_read_as_the_pure_python_parser_reports_them(text, monkeypatch):
    with pytest.raises(AuthoringError) as fast:
        yamlpos.load(text, "x.yml", 10)
    monkeypatch.setattr(yamlpos, "_FastLoader", None)  # the pure-Python parser alone
    with pytest.raises(AuthoringError) as slow:
        yamlpos.load(text, "x.yml", 10)
    assert str(fast.value) == str(slow.value)
    assert fast.value.path == "x.yml" and fast.value.line > 10
