"""Shared fixtures and helpers: paths, the English catalog, text, the command line,
the flagship course built once, and ProperDocs' own venv."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from annotrain.commands.cli import main
from annotrain.course.tasks import task_from_json
from annotrain.grading.task import grade
from annotrain.messages import catalog

from . import properdocs_venv

ROOT = Path(__file__).resolve().parent.parent
VECTORS = ROOT / "tests" / "vectors"


@pytest.fixture(scope="session")
def messages() -> dict[str, str]:
    return catalog("en")


@pytest.fixture(scope="session")
def flagship_site(tmp_path_factory) -> Path:
    """The flagship course built strictly, once per test session: its site folder."""
    site = tmp_path_factory.mktemp("flagship") / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"]
    result = subprocess.run(
        [*command, "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return site


def python_grade(task: dict, response, messages: dict[str, str], hide_gold: bool = False) -> dict:
    """The Python grader's grade of ``response`` to a task given as JSON, as the browser has it.

    ``hide_gold``: the notes of a wrong check made before the answer is shown.
    """
    return grade(task_from_json(task), response, messages, hide_gold=hide_gold)


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


@pytest.fixture(scope="session")
def properdocs() -> Path:
    """The ``properdocs`` command, from a venv kept in ``.cache/`` between runs.

    Making the venv the first time needs the package index. Without it the tests
    that use ProperDocs are skipped on a developer machine and fail under CI=true,
    so a CI run can never pass without them.
    """
    try:
        return properdocs_venv.ensure(ROOT / ".cache" / "properdocs-venv", ROOT)
    except properdocs_venv.VenvError as error:
        message = f"ProperDocs is not available: {error}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


def run_cli(*argv: str) -> tuple[int, str, str]:
    """Run ``annotrain <argv>`` in this process: (exit code, what it printed, its errors)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


# The installable package, shared by tests/test_packaging.py and the starter site's
# browser test: built once per run.
@pytest.fixture(scope="session")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built from a copy of the project's files only.

    Built in the source tree, setuptools would also pack what earlier builds left
    there (``build/lib``, the file list in ``plugins/*.egg-info``), and a file the
    package data globs miss would still be in the wheel.
    """
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    leftovers = shutil.ignore_patterns("*.egg-info", "__pycache__")
    shutil.copytree(ROOT / "plugins", source / "plugins", ignore=leftovers)
    folder = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(folder), str(source)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return next(folder.glob("annotrain-*.whl"))


@pytest.fixture(scope="session")
def installed(wheel, tmp_path_factory) -> Path:
    """A fresh virtual environment with the wheel installed in it; returns its python.

    The wheel's dependencies are the test run's own: a ``.pth`` line names their
    folder, so nothing is downloaded. That folder is not a site folder, so the
    source tree's editable install in it is not started: ``annotrain`` is the
    wheel's copy, its commands are the venv's ``bin/annotrain``.
    """
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    purelib = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    own = subprocess.run([python, "-c", purelib], capture_output=True, text=True, check=True)
    ours = subprocess.run([sys.executable, "-c", purelib], capture_output=True, text=True)
    Path(own.stdout.strip(), "test-dependencies.pth").write_text(ours.stdout, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps"]
        + ["--no-index", "-q", str(wheel)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return python
