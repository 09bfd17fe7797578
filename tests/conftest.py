"""Shared fixtures and helpers: paths, the English catalog, text, the command line."""

from __future__ import annotations

import contextlib
import io
import textwrap
from pathlib import Path

import pytest

from annotrain.commands.cli import main
from annotrain.messages import catalog

ROOT = Path(__file__).resolve().parent.parent
VECTORS = ROOT / "tests" / "vectors"


@pytest.fixture(scope="session")
def messages() -> dict[str, str]:
    return catalog("en")


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def run_cli(*argv: str) -> tuple[int, str, str]:
    """Run ``annotrain <argv>`` in this process: (exit code, what it printed, its errors)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()
