"""Every task type is one complete folder, and the core runs without MkDocs."""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys

import pytest

from annotrain.agreement import TaskRatings, analyse
from annotrain.commands.agreement import render_text
from annotrain.course.loader import load_course
from annotrain.tasktypes import TASK_TYPES
from annotrain.tasktypes.base import AgreementHooks

from .conftest import ROOT

PACKAGE = ROOT / "plugins" / "annotrain"
TYPES = PACKAGE / "tasktypes"
#: What every task type folder holds (style.css only where the type has styles).
REQUIRED = (
    "__init__.py",
    "kind.py",
    "grader.js",
    "widget.js",
    "template.html",
    "starter.yml",
    "agreement.py",
)


@pytest.mark.parametrize("name", sorted(TASK_TYPES))
def test_type_folder_is_complete(name):
    kind = TASK_TYPES[name]
    folder = TYPES / name
    assert kind.folder == folder
    missing = [file for file in REQUIRED if not (folder / file).is_file()]
    assert missing == []
    grader = (folder / "grader.js").read_text(encoding="utf-8")
    assert f'register("{name}"' in grader or f"register('{name}'" in grader
    widget = (folder / "widget.js").read_text(encoding="utf-8")
    assert f"widgets.{name} =" in widget or f'widgets["{name}"] =' in widget


def test_type_folders_are_the_registered_types():
    folders = {p.name for p in TYPES.iterdir() if (p / "kind.py").is_file()}
    assert folders == set(TASK_TYPES)
    # Nothing else sits beside the types but the shared pieces and the interface.
    others = {p.name for p in TYPES.iterdir() if p.name not in folders}
    assert others - {"__pycache__"} == {"__init__.py", "base.py", "shared"}


def test_shared_helpers_exist():
    for kind in TASK_TYPES.values():
        for name in (*kind.grader_helpers, *kind.widget_helpers, *kind.style_helpers):
            assert (TYPES / "shared" / name).is_file(), (kind.name, name)


#: The MkDocs glue; every other module of the package is the core.
GLUE = "annotrain.build"


def core_modules() -> list[str]:
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = ("annotrain", *path.relative_to(PACKAGE).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        name = ".".join(parts)
        if name == "annotrain.__main__" or name == GLUE or name.startswith(GLUE + "."):
            continue
        names.append(name)
    return names


def modules_loaded_by(code: str) -> list[str]:
    """Every module a fresh Python has loaded after running ``code``."""
    script = code + "\nimport sys\nprint('\\n'.join(sorted(sys.modules)))\n"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def is_mkdocs(module: str) -> bool:
    return module == "mkdocs" or module.startswith("mkdocs.")


def test_the_core_loads_no_mkdocs_module():
    modules = core_modules()
    assert "annotrain.rendering.markdown_ext" in modules and len(modules) > 40
    code = f"import importlib\nfor name in {modules!r}: importlib.import_module(name)"
    assert [m for m in modules_loaded_by(code) if is_mkdocs(m)] == []


def test_the_glue_does_load_mkdocs():
    # The check above can fail: importing the plugin does bring MkDocs in.
    assert "mkdocs" in modules_loaded_by("import annotrain.build.plugin")


# --- Agreement hooks: one per type, reached through the type ------------------------


@pytest.mark.parametrize("name", sorted(TASK_TYPES))
def test_agreement_hooks_exist(name):
    kind = TASK_TYPES[name]
    hooks = kind.agreement
    assert isinstance(hooks, AgreementHooks)
    assert hooks.key in kind.response_fields
    for hook in ("read", "analyse", "summary_text", "notes_without_task"):
        assert callable(getattr(hooks, hook)), hook
    assert hooks.read(None) is None and hooks.read({}) is None


@pytest.fixture(scope="module")
def one_task_per_type() -> dict:
    course = load_course(ROOT / "mkdocs.yml")
    tasks = dict(course.exercises)
    for quiz in course.quizzes.values():
        tasks.update({tid: entry.task for tid, entry in quiz.entries.items()})
    found = {}
    for task_id in sorted(tasks):
        found.setdefault(tasks[task_id].type, tasks[task_id])
    assert set(found) == set(TASK_TYPES)
    return found


def gold_ratings(task, raters: int) -> TaskRatings:
    """``raters`` people who all gave the task's gold, read by the type's hook."""
    answer = task.kind.agreement.read(task.kind.normalize(task, task.gold))
    assert answer is not None
    labels = task.options.get("labels")
    answers = {f"rater-{i}": answer for i in range(raters)}
    return TaskRatings(
        task.id,
        task.type,
        tuple(labels) if labels else None,
        answers,
        dict(task.options),
        task.gold,
    )


@pytest.mark.parametrize("name", sorted(TASK_TYPES))
def test_agreement_with_no_rater_one_rater_and_two_who_agree(name, one_task_per_type):
    task = one_task_per_type[name]
    for raters in (0, 1):
        report = analyse([gold_ratings(task, raters)])
        assert report.tasks == [] and report.single == 1 and report.types == {}
        assert json.loads(json.dumps(report.to_json()))["tasks"] == []
    report = analyse([gold_ratings(task, 2)])
    assert [(row.task, row.type) for row in report.tasks] == [(task.id, name)]
    assert report.tasks[0].disagreement == pytest.approx(0.0, abs=1e-12)
    assert list(report.types) == [name]
    lines = task.kind.agreement.summary_text(report.types[name], 0)
    assert lines[0] == "" and " (1)" in lines[1]
    assert "\n".join(lines) in render_text(report, 2, 0, 0)


def test_summaries_come_in_the_order_of_the_types(one_task_per_type):
    report = analyse([gold_ratings(task, 2) for task in one_task_per_type.values()])
    assert list(report.types) == list(TASK_TYPES)
    data = report.to_json()
    assert [key for key in data if key in TASK_TYPES] == list(TASK_TYPES)
    text = render_text(report, 2, 0, 0)
    titles = [kind.agreement.summary_text(report.types[n], 0)[1] for n, kind in TASK_TYPES.items()]
    places = [text.index(title) for title in titles]
    assert places == sorted(places)


def test_building_a_site_loads_no_agreement_code():
    code = (
        "import pathlib, annotrain.build.plugin\n"
        "from annotrain.course.loader import load_course\n"
        f"load_course(pathlib.Path({str(ROOT / 'mkdocs.yml')!r}))"
    )
    loaded = modules_loaded_by(code)
    assert "annotrain.tasktypes.bbox.kind" in loaded
    assert [m for m in loaded if "agreement" in m.split(".")] == []


# --- No module reaches into another module's private names --------------------------


def private_names_taken(path, root=ROOT) -> list[str]:
    """``from x import _y`` and ``x._y`` where ``x`` is imported, as ``path:line: what``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    imported: set[str] = set()
    found = []
    where = path.relative_to(root)
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                bound = alias.asname or alias.name.split(".")[0]
                imported.add(bound)
                if isinstance(node, ast.ImportFrom) and is_private(alias.name):
                    found.append(f"{where}:{node.lineno}: from {node.module} import {alias.name}")
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and is_private(node.attr):
            root = node.value
            while isinstance(root, ast.Attribute):
                root = root.value
            if isinstance(root, ast.Name) and root.id in imported:
                found.append(f"{where}:{node.lineno}: {ast.unparse(node)}")
    return found


def is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def test_no_module_takes_another_modules_private_names():
    found = [line for path in sorted(PACKAGE.rglob("*.py")) for line in private_names_taken(path)]
    assert found == []


def test_the_private_name_check_finds_both_forms(tmp_path):
    # The check above would pass on an empty list: show it finds what it looks for.
    path = tmp_path / "example.py"
    source = "import os\nfrom x import _hidden, shown\nos.path._joinrealpath\nself._fine\n"
    path.write_text(source, encoding="utf-8")
    assert private_names_taken(path, tmp_path) == [
        "example.py:2: from x import _hidden",
        "example.py:3: os.path._joinrealpath",
    ]


def test_missing_package_files_are_named(tmp_path, monkeypatch):
    from annotrain.browser import bundles

    assert bundles.missing_files(TASK_TYPES) == []
    copy = tmp_path / "annotrain"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "tasktypes" / "bbox" / "template.html").unlink()
    (copy / "tasktypes" / "shared" / "stage.js").unlink()
    monkeypatch.setattr(bundles, "package_dir", lambda: copy)
    missing = {p.relative_to(copy).as_posix() for p in bundles.missing_files(TASK_TYPES)}
    assert missing == {"tasktypes/bbox/template.html", "tasktypes/shared/stage.js"}
