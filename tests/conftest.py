"""Shared fixtures: paths, the English catalog, building tiny sites in tmp_path, and
ProperDocs' own venv."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from annotrain.messages import catalog

from . import properdocs_venv

ROOT = Path(__file__).resolve().parent.parent
VECTORS = ROOT / "tests" / "vectors"


@pytest.fixture(scope="session")
def messages() -> dict[str, str]:
    return catalog("en")


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
