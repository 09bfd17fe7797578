"""The installable package carries every file the build needs (not only the .py)."""

from __future__ import annotations

import subprocess
import sys
import zipfile

from .conftest import ROOT

PACKAGE = ROOT / "plugins" / "annotrain"


def test_wheel_contains_every_package_file(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    wheel = next(tmp_path.glob("annotrain-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        "annotrain/" + str(path.relative_to(PACKAGE)).replace("\\", "/")
        for path in PACKAGE.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert sorted(expected - names) == []
