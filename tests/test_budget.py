"""Page weight budget: all of annotrain's JS and CSS on a page, gzipped, at most 25 KB.

Measured on every bundle the flagship course builds (each serves the pages using
that set of task types and features, with its stylesheet), and on a lesson page of
each task type. Pages load only what they use; a quiz page loads its task types'
scripts when the learner starts the quiz (see quiz.js), so what it loads at first is
the core, the quiz runner and the types of the page's own exercises.
"""

from __future__ import annotations

import gzip
import re

import pytest

from annotrain.browser import bundles
from annotrain.messages import catalog
from annotrain.tasktypes import TASK_TYPES

BUDGET = 25 * 1024


def gzipped(text: str) -> int:
    """Gzipped at level 6, as static hosts and CDNs serve files (and the benchmark counts)."""
    return len(gzip.compress(text.encode(), 6))


@pytest.fixture(scope="module")
def course_site(flagship_site):
    return flagship_site


@pytest.fixture(scope="module")
def course_bundles(course_site) -> dict[str, str]:
    folder = course_site / bundles.SITE_DIR
    return {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir() if p.is_file()}


def test_a_quiz_page_loads_its_types_on_start(course_site):
    html = (course_site / "week-8" / "final-exam" / "index.html").read_text(encoding="utf-8")
    scripts = re.findall(r'<script src="([^"]*annotrain[^"]*)"', html)
    assert scripts == ["../../assets/annotrain/annotrain-quiz.js"]
    later = re.search(r'data-annotrain-load="([^"]+)"', html).group(1)
    assert later.startswith("../../assets/annotrain/annotrain-types-")
    assert (course_site / "week-8" / "final-exam" / later).resolve().is_file()


def test_every_course_page_within_budget(course_bundles):
    # annotrain-types-*.js are not part of a page's load: a quiz page fetches its task
    # types' scripts only when an attempt starts (test_a_quiz_page_loads_its_types_on_start).
    scripts = {
        name: text
        for name, text in course_bundles.items()
        if name.endswith(".js") and not name.startswith("annotrain-types-")
    }
    assert len(scripts) >= 3
    weights = {
        name: gzipped(text) + gzipped(course_bundles[name[: -len(".js")] + ".css"])
        for name, text in scripts.items()
    }
    heavy = {name: f"{weight / 1024:.1f} KB gzipped" for name, weight in weights.items()}
    assert max(weights.values()) <= BUDGET, heavy


@pytest.mark.parametrize("type_name", sorted(TASK_TYPES))
def test_a_lesson_page_of_any_task_type_within_budget(type_name):
    # A lesson as the course writes them: choice and multi questions beside the type.
    # (The progress panel has a page of its own, measured with the course bundles.)
    uses = ["choice", "multi", type_name]
    weight = gzipped(bundles.bundle(uses, "site", "en", catalog("en"))) + gzipped(
        bundles.stylesheet(uses)
    )
    assert weight <= BUDGET, f"{weight / 1024:.1f} KB gzipped"


def test_minified_bundle_keeps_every_part_in_order():
    plain = bundles.bundle(["choice"], "s", "en", {}, minify=False)
    small = bundles.bundle(["choice"], "s", "en", {})
    assert len(small) < 0.8 * len(plain)
    markers = [f"--- {name} ---" for name in bundles.bundle_parts(["choice"])]
    assert [small.index(m) for m in markers] == sorted(small.index(m) for m in markers)


def test_a_work_simulation_page_within_budget():
    # A simulation's page loads the quiz runner and the simulation's (the rule and
    # its runner); like any quiz, its task types come when the batch starts.
    uses = ["quiz", "simulation"]
    weight = gzipped(bundles.bundle(uses, "site", "en", catalog("en"))) + gzipped(
        bundles.stylesheet(uses)
    )
    assert weight <= BUDGET, f"{weight / 1024:.1f} KB gzipped"
