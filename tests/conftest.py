"""Shared fixtures and helpers: paths, the English catalog, text, the command line,
the flagship course built once, and ProperDocs' own venv."""

from __future__ import annotations

import contextlib
import io
import os
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
