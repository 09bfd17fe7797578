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


def test_stylesheets_close_every_block():
    """A stray brace ends a stylesheet early for the browser: every rule after it is lost
    (rcssmin minifies it anyway), and the next file of a page's stylesheet with it."""
    import re

    for path in sorted((ROOT / "plugins" / "annotrain").rglob("*.css")) + [
        ROOT / "course" / "stylesheets" / "extra.css"
    ]:
        text = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S)
        text = re.sub(r"\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'", "", text)
        depth = 0
        for number, line in enumerate(text.splitlines(), start=1):
            depth += line.count("{") - line.count("}")
            assert depth >= 0, f"{path}:{number}: a closing brace without its block"
        assert depth == 0, f"{path}: {depth} block(s) never closed"
