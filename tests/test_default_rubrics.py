"""Default rubrics: a task that names no rubric is graded with its type's ``default-<type>``,
which a course's rubric file may replace. The grading itself is held by the shared
vectors (tests/vectors/defaults.json, made by make_defaults.py) in both graders."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from annotrain.commands.cli import main
from annotrain.course import yamlpos
from annotrain.course.default_rubrics import default_rubrics
from annotrain.course.exercises import check_gold
from annotrain.course.media import MediaLibrary
from annotrain.course.rubrics import RubricLibrary
from annotrain.course.tasks import read_task
from annotrain.errors import AuthoringError
from annotrain.tasktypes import TASK_TYPES, TYPES_DIR

from .conftest import ROOT, VECTORS

FOUR_LINES = "site_name: My course\ntheme:\n  name: material\nplugins: [search, annotrain]\n"
LESSON = """\
# First lesson

```annotrain
type: choice
id: first-sentiment
prompt: Which sentiment?
text: Great value, and it came early.
labels: [Negative, Neutral, Positive]
gold: {choice: Positive}
```
"""
OVERRIDE = """\
rubrics:
  default-choice:
    name: Our label check
    levels: [{value: 2, name: Right}, {value: 0, name: Wrong}]
    criteria:
      - {id: label, name: Label, measure: correct, levels: {2: {min: 1, descriptor: right}, 0: {descriptor: wrong}}}
"""


def starter_without_rubric(type_name: str) -> str:
    text = (TYPES_DIR / type_name / "starter.yml").read_text(encoding="utf-8")
    return re.sub(r"(?m)^rubric:.*\n", "", text).replace("{id}", f"t-{type_name}")


def test_every_task_type_has_a_default_rubric():
    assert sorted(default_rubrics()) == sorted(f"default-{name}" for name in TASK_TYPES)


@pytest.mark.parametrize("type_name", list(TASK_TYPES))
def test_a_task_without_a_rubric_gets_its_type_default_and_its_gold_reaches_the_top(
    type_name, messages
):
    data = yamlpos.load(starter_without_rubric(type_name), "course/week-1/lesson.md")
    task = read_task(data, "course/week-1/lesson.md", RubricLibrary(), 1, MediaLibrary(ROOT))
    assert task.rubric is default_rubrics()[f"default-{type_name}"]
    check_gold(task, data, messages, 1)  # raises if the gold misses the top level
    # No rubric names a flagship lesson: a trainer's site has none of them.
    assert all(criterion.lesson is None for criterion in task.rubric.criteria)


def test_the_vectors_carry_the_shipped_default_rubrics():
    cases = json.loads((VECTORS / "defaults.json").read_text(encoding="utf-8"))["cases"]
    shipped = {rid: rubric.to_json() for rid, rubric in default_rubrics().items()}
    seen = set()
    for case in cases:
        rubric = case["task"]["rubric"]
        assert rubric == shipped[rubric["id"]], f"{case['name']}: run make_defaults.py"
        seen.add(rubric["id"])
    assert seen == set(shipped)


def test_a_rubric_file_replaces_a_default_by_its_id(tmp_path):
    path = tmp_path / "rubrics.yml"
    path.write_text(OVERRIDE, encoding="utf-8")
    library = RubricLibrary.load(path)
    data = yamlpos.load(starter_without_rubric("choice"), "lesson.md")
    task = read_task(data, "lesson.md", library, 1)
    assert task.rubric.name == "Our label check" and task.rubric.criteria[0].id == "label"
    # The other types keep theirs, and a task may still name a default itself.
    named = yamlpos.load(starter_without_rubric("multi") + "rubric: default-multi\n", "l.md")
    assert read_task(named, "l.md", library, 1).rubric is default_rubrics()["default-multi"]


def test_an_unknown_rubric_says_that_defaults_exist():
    data = yamlpos.load(starter_without_rubric("choice") + "rubric: default-choise\n", "l.md")
    with pytest.raises(AuthoringError) as caught:
        read_task(data, "l.md", RubricLibrary(), 1)
    message = str(caught.value)
    assert "did you mean 'default-choice'" in message and "each task type's default" in message


def mkdocs_build(folder, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *options],
        cwd=folder,
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
        timeout=120,
    )


def test_a_four_line_config_builds_an_exercise_without_a_rubric(tmp_path, capsys):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(LESSON, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(FOUR_LINES, encoding="utf-8")
    build = mkdocs_build(tmp_path)
    assert build.returncode == 0, build.stderr
    # Material's default font comes from a font service: the build says so, and how
    # to stop it (a strict build stops on it, as on every warning).
    assert "WARNING" in build.stderr and "web fonts (Roboto, Roboto Mono)" in build.stderr
    assert "'font: false'" in build.stderr
    assert mkdocs_build(tmp_path, "--strict").returncode == 1
    (tmp_path / "mkdocs.yml").write_text(
        FOUR_LINES.replace("name: material\n", "name: material\n  font: false\n"),
        encoding="utf-8",
    )
    build = mkdocs_build(tmp_path, "--strict")
    assert build.returncode == 0 and "WARNING" not in build.stderr, build.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    task = json.loads(
        re.search(r"data-annotrain-task='([^']*)'", html).group(1).replace("&#39;", "'")
    )
    assert task["rubric"]["id"] == "default-choice" and "gold" in task
    # validate says which tasks use a default, in text and in JSON.
    assert main(["validate", "--config", str(tmp_path / "mkdocs.yml")]) == 0
    out = capsys.readouterr().out
    assert "Default rubric default-choice: 1 task (first-sentiment)." in out
    main(["validate", "--config", str(tmp_path / "mkdocs.yml"), "--format", "json"])
    assert json.loads(capsys.readouterr().out)["defaults"] == {
        "default-choice": ["first-sentiment"]
    }


def threshold(rule) -> str:
    if rule is None:
        return "–"
    if rule.minimum is not None:
        return f"≥ {rule.minimum:g}"
    if rule.maximum is not None:
        return f"≤ {rule.maximum:g}"
    return "anything else"


def documented(type_name: str) -> str:
    """How the trainer guide (rubrics.md, "Default rubrics") shows a default rubric."""
    rubric = default_rubrics()[f"default-{type_name}"]
    levels = " | ".join(f"{level.name} ({level.value})" for level in rubric.levels)
    lines = [
        f"### `default-{type_name}`: {rubric.name}",
        "",
        f"Pass mark {rubric.pass_mark:g}.",
        "",
        f"| criterion | weight | measure | {levels} |",
        "|---|---|---|" + "---|" * len(rubric.levels),
    ]
    for criterion in rubric.criteria:
        rules = {rule.level: rule for rule in criterion.rules}
        name = criterion.name + (" (critical)" if criterion.critical else "")
        cells = " | ".join(threshold(rules.get(level.value)) for level in rubric.levels)
        lines.append(f"| {name} | {criterion.weight:g} | `{criterion.measure}` | {cells} |")
    return "\n".join(lines)


@pytest.mark.parametrize("type_name", list(TASK_TYPES))
def test_the_trainer_guide_shows_each_default_rubric_as_it_ships(type_name):
    guide = (ROOT / "course" / "trainer" / "rubrics.md").read_text(encoding="utf-8")
    assert documented(type_name) in guide, f"update rubrics.md:\n{documented(type_name)}"
