"""Shared fixtures: paths, the English catalog, and building tiny sites in tmp_path."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from annotrain.messages import catalog

ROOT = Path(__file__).resolve().parent.parent
VECTORS = ROOT / "tests" / "vectors"


@pytest.fixture(scope="session")
def messages() -> dict[str, str]:
    return catalog("en")


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")
