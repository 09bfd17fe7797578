"""Running the browser's JavaScript in Node.js, for tests that compare it with Python.

Node.js 18 or newer is needed (no packages): a test that needs it fails, never skips.
Data goes in as JSON on standard input and comes back as JSON on standard output.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

from .conftest import ROOT

PACKAGE = ROOT / "plugins" / "annotrain"

_EVALUATE = """
const modules = process.argv.slice(1).map((path) => require(path));
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify((%s)));
"""


def run_node(*args: str | Path, data: Any = None) -> Any:
    """Run ``node <args>`` with ``data`` as JSON on its standard input; what it prints, as JSON."""
    node = shutil.which("node")
    assert node, "Node.js is needed for the JavaScript tests"
    result = subprocess.run(
        [node, *map(str, args)],
        input=json.dumps(data),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def evaluate(expression: str, data: Any, *files: str) -> Any:
    """The value of the JavaScript ``expression`` over ``input`` (``data``), read as JSON.

    ``files`` are package scripts (relative to plugins/annotrain/) loaded in order,
    as a page's bundle loads them; the expression sees what each exports in
    ``modules`` (``modules[0]`` is browser/grader.js's ``annotrain.grader`` when it
    comes first).
    """
    return run_node("-e", _EVALUATE % expression, *(PACKAGE / name for name in files), data=data)
