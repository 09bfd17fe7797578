"""Every task type is one complete folder, and the core runs without MkDocs."""

from __future__ import annotations

import subprocess
import sys

import pytest

from annotrain.tasktypes import TASK_TYPES

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


def test_the_core_loads_no_mkdocs_module():
    modules = core_modules()
    assert "annotrain.rendering.markdown_ext" in modules and len(modules) > 40
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print('\\n'.join(sorted(m for m in sys.modules if m == 'mkdocs' or m.startswith('mkdocs.'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == []


def test_the_glue_does_load_mkdocs():
    # The check above can fail: importing the plugin does bring MkDocs in.
    script = "import sys, annotrain.build.plugin; print('mkdocs' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.stdout.strip() == "True", result.stderr
