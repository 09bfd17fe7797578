"""Page weight budget: all of annotrain's JS and CSS on a page, gzipped, at most 25 KB.

Measured on every bundle the flagship course builds (each serves the pages using
that set of task types and features), with the stylesheet every page loads. The
design's budget is per page, and pages load only what they use. A page using every
task type at once is not measured: no page of the course does that, and with the
planned types it could not fit beside the core. Each task type's own share is held
to :data:`TYPE_BUDGET` instead, so no single type can crowd a page out.
"""

from __future__ import annotations

import gzip
import os
import subprocess
import sys

import pytest

from annotrain import assets
from annotrain.messages import catalog
from annotrain.tasktypes import TASK_TYPES

from .conftest import ROOT

BUDGET = 25 * 1024
#: Most a task type may add to a page's bundle (its graders, helpers and widget), gzipped.
TYPE_BUDGET = 4 * 1024


def gzipped(text: str) -> int:
    return len(gzip.compress(text.encode(), 9))


@pytest.fixture(scope="module")
def course_bundles(tmp_path_factory) -> dict[str, str]:
    site = tmp_path_factory.mktemp("budget") / "site"
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
    folder = site / assets.SITE_DIR
    return {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir() if p.is_file()}


def test_every_course_page_within_budget(course_bundles):
    css = gzipped(course_bundles[assets.STYLESHEET])
    scripts = {name: text for name, text in course_bundles.items() if name.endswith(".js")}
    assert len(scripts) >= 3
    heavy = {
        name: f"{(gzipped(text) + css) / 1024:.1f} KB gzipped"
        for name, text in scripts.items()
        if gzipped(text) + css > BUDGET
    }
    assert heavy == {}


@pytest.mark.parametrize("type_name", sorted(TASK_TYPES))
def test_each_task_type_adds_little(type_name):
    settings = assets.site_settings("site", "en", catalog("en"))
    alone = gzipped(assets.bundle(["progress"], settings))
    with_type = gzipped(assets.bundle(["progress", type_name], settings))
    assert with_type - alone <= TYPE_BUDGET, f"{(with_type - alone) / 1024:.1f} KB gzipped"


def test_minified_bundle_keeps_every_part_in_order():
    plain = assets.bundle(["choice"], "", minify=False)
    small = assets.bundle(["choice"], "")
    assert len(small) < 0.8 * len(plain)
    markers = [f"--- {name} ---" for name in assets.bundle_parts(["choice"])]
    assert [small.index(m) for m in markers] == sorted(small.index(m) for m in markers)
