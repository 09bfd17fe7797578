"""The Python code keeps the house style: ruff's lint rules and formatting."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT


def ruff(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args, "plugins", "tests", "benchmarks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def test_lint():
    result = ruff("check", "--output-format", "concise")
    assert result.returncode == 0, result.stdout


def test_format():
    result = ruff("format", "--check")
    assert result.returncode == 0, result.stdout
