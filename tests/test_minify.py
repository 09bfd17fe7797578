"""Minified package scripts: every one is read by the minifier and still valid
JavaScript, the minified graders grade the shared vectors as the sources do, and
what was minified is kept in the cache folder and read back."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from annotrain.browser import bundles, minify
from annotrain.tasktypes import TASK_TYPES

from .conftest import VECTORS
from .node import PACKAGE, run_node

SCRIPTS = sorted(
    str(path.relative_to(PACKAGE)) for path in PACKAGE.rglob("*.js") if "vendor" not in path.parts
)

# Runs scripts as a page does (no module system: each attaches to the global
# annotrain), then grades every case with the grader they made.
_GRADE_IN_PAGE = """
const vm = require("vm");
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const page = vm.createContext({});
input.scripts.forEach((text) => vm.runInContext(text, page));
const grader = page.annotrain.grader;
process.stdout.write(JSON.stringify(input.cases.map((c) =>
  grader.grade(c.task, c.response, input.messages, Boolean(c.hide_gold)))));
"""


@pytest.fixture(autouse=True)
def memory_only():
    yield
    minify.keep_in(None)


@pytest.mark.parametrize("name", SCRIPTS)
def test_every_package_script_minifies_to_valid_javascript(name, tmp_path):
    source = (PACKAGE / name).read_text(encoding="utf-8")
    small = minify.script(source, name)
    assert len(small) < len(source)
    path = tmp_path / "min.js"
    path.write_text(small, encoding="utf-8")
    checked = subprocess.run(
        [shutil.which("node") or "node", "--check", str(path)], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stderr


def test_a_script_the_minifier_cannot_read_is_named():
    with pytest.raises(ValueError, match=r"broken\.js is not ES5"):
        minify.script("var f = (a) => a;", "tasktypes/x/broken.js")


def test_minified_graders_grade_the_shared_vectors_as_expected(messages):
    cases = [
        case
        for path in sorted(VECTORS.glob("*.json"))
        for case in json.loads(path.read_text(encoding="utf-8"))["cases"]
    ]
    kinds = [TASK_TYPES[name] for name in sorted(TASK_TYPES)]
    helpers = {bundles.SHARED + name: None for kind in kinds for name in kind.grader_helpers}
    graders = [
        "browser/grader.js",
        *helpers,
        *(bundles.type_file(kind.name, "grader.js") for kind in kinds),
    ]
    scripts = [
        minify.script((PACKAGE / name).read_text(encoding="utf-8"), name) for name in graders
    ]
    results = run_node(
        "-e", _GRADE_IN_PAGE, data={"scripts": scripts, "cases": cases, "messages": messages}
    )
    assert len(results) == len(cases) >= 20
    for case, got in zip(cases, results, strict=True):
        want = case["expected"]
        assert got["score"] == pytest.approx(want["score"], abs=1e-9), case["name"]
        assert got["passed"] is want["passed"], case["name"]
        for cid, criterion in want["criteria"].items():
            assert got["criteria"][cid]["level"] == criterion["level"], (case["name"], cid)
            assert got["criteria"][cid]["notes"] == criterion["notes"], (case["name"], cid)


def test_minified_scripts_are_kept_in_the_cache_folder(tmp_path):
    source = "function f(longName) { var another = longName + 1; return another; }"
    minify.keep_in(tmp_path)
    small = minify.script(source, "f.js")
    assert "longName" not in small and "another" not in small
    minify.save()
    (kept,) = tmp_path.glob("scripts-*.json")
    assert small in json.loads(kept.read_text(encoding="utf-8")).values()
    # The next build reads it back: the kept text is what it returns.
    stored = json.loads(kept.read_text(encoding="utf-8"))
    kept.write_text(json.dumps({key: "/* kept */" for key in stored}), encoding="utf-8")
    minify.keep_in(None)
    minify.keep_in(tmp_path)
    assert minify.script(source, "f.js") == "/* kept */"


def test_an_unreadable_cache_file_is_made_again(tmp_path):
    minify.keep_in(tmp_path)
    minify.script("var a = 1;", "a.js")
    minify.save()
    (kept,) = tmp_path.glob("scripts-*.json")
    kept.write_text("{not json", encoding="utf-8")
    minify.keep_in(None)
    minify.keep_in(tmp_path)
    assert minify.script("var a = 1;", "a.js") == "var a=1;"
    minify.save()
    assert list(json.loads(kept.read_text(encoding="utf-8")).values()) == ["var a=1;"]
