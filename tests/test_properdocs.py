"""The flagship course built with ProperDocs is the course MkDocs builds.

Both engines build ``mkdocs.yml`` strictly; the ProperDocs build must have every
file of the MkDocs build, the same exercises and quizzes on every page with the
same data, and the same scripts and stylesheets. Authoring errors fail a
ProperDocs build with the same ``file:line`` message as under MkDocs.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from annotrain.browser import bundles
from annotrain.tasktypes import TASK_TYPES

from . import properdocs_venv
from .conftest import ROOT
from .sites import CHOICE, Site


@pytest.fixture(scope="module")
def sites(properdocs, tmp_path_factory) -> dict[str, Path]:
    """The flagship course built by each engine: {"mkdocs": folder, "properdocs": folder}."""
    base = tmp_path_factory.mktemp("engines")
    config = ROOT / "mkdocs.yml"
    mkdocs = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"]
        + ["-f", str(config), "-d", str(base / "mkdocs")],
        capture_output=True,
        text=True,
        env=Site.env(),
        timeout=300,
    )
    assert mkdocs.returncode == 0, mkdocs.stderr
    result = properdocs_venv.build(properdocs, config, base / "properdocs")
    assert result.returncode == 0, result.stdout + result.stderr
    return {"mkdocs": base / "mkdocs", "properdocs": base / "properdocs"}


def files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def annotrain_parts(page: Path) -> dict[str, list]:
    """What annotrain put on ``page``: exercises and quizzes with their data, and the
    scripts and stylesheets it loads."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return {
        "exercises": [
            (r["data-annotrain-type"], r["data-annotrain-id"], r.get("data-annotrain-task"))
            for r in soup.select("[data-annotrain-type][data-annotrain-id]")
        ],
        "quizzes": [
            (q["data-annotrain-quiz"], q["data-annotrain-quiz-data"], q["data-annotrain-load"])
            for q in soup.select("[data-annotrain-quiz]")
        ],
        "scripts": [s["src"] for s in soup.select("script[src*=annotrain]")],
        "styles": [s["href"] for s in soup.select("link[href*=annotrain]")],
    }


@pytest.fixture(scope="module")
def parts(sites) -> dict[str, dict[str, dict[str, list]]]:
    """{engine: {page: annotrain_parts}} for every page of the MkDocs build."""
    pages = sorted(p for p in files(sites["mkdocs"]) if p.endswith(".html"))
    return {
        engine: {page: annotrain_parts(site / page) for page in pages}
        for engine, site in sites.items()
    }


def test_properdocs_built_it(sites, properdocs):
    version = properdocs_venv.versions(properdocs)["properdocs"]
    soup = BeautifulSoup(
        (sites["properdocs"] / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert f"ProperDocs {version}" in soup.select_one("meta[name=generator]")["content"]


def test_every_file_mkdocs_builds_is_there(sites):
    missing = files(sites["mkdocs"]) - files(sites["properdocs"])
    assert not missing
    assert len([f for f in files(sites["mkdocs"]) if f.endswith(".html")]) > 50


def test_same_exercises_and_quizzes_on_every_page(parts):
    different = [
        page for page, mine in parts["properdocs"].items() if mine != parts["mkdocs"][page]
    ]
    assert different == []
    # The comparison is not of two empty sites: every task type and quiz is rendered.
    rendered = parts["properdocs"].values()
    types = {kind for page in rendered for kind, _, _ in page["exercises"]}
    assert types == set(TASK_TYPES)
    quizzes = {quiz for page in rendered for quiz, _, _ in page["quizzes"]}
    assert quizzes == flagship_quizzes()


def flagship_quizzes() -> set[str]:
    """The flagship's quizzes: every one is placed on a page."""
    found = {path.stem for path in (ROOT / "quizzes").glob("*.yml") if path.stem != "rubrics"}
    assert len(found) >= 10, found
    return found


def test_quiz_pages_have_their_quiz(parts):
    for week in range(1, 9):
        page = parts["properdocs"][f"week-{week}/quiz/index.html"]
        assert [quiz for quiz, _, _ in page["quizzes"]] == [f"week-{week}"]
    assert [q for q, _, _ in parts["properdocs"]["week-8/final-exam/index.html"]["quizzes"]] == [
        "final"
    ]


def bundle_files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def test_bundles_exist_and_match(sites, parts):
    made = {engine: bundle_files(site / bundles.SITE_DIR) for engine, site in sites.items()}
    assert made["properdocs"] == made["mkdocs"]
    assert any(name.startswith("annotrain-types-") for name in made["properdocs"])
    for page, found in parts["properdocs"].items():
        links = found["scripts"] + found["styles"] + [load for _, _, load in found["quizzes"]]
        for link in links:
            assert (sites["properdocs"] / page).parent.joinpath(link).resolve().is_file(), (
                f"{page}: {link}"
            )


def test_authoring_error_fails_a_properdocs_build_with_file_and_line(properdocs, tmp_path):
    lesson = "---\ntitle: Lesson\n---\n" + CHOICE.format(id="q1").replace(
        "rubric: sentiment-ordinal", "rubric: nope"
    )
    site = Site(tmp_path, {"index.md": "# Home\n", "lesson.md": lesson})
    result = properdocs_venv.build(properdocs, site.root / "mkdocs.yml", site.site_dir)
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "annotrain: docs/lesson.md:11: unknown rubric 'nope'" in output
    assert "Traceback" not in output
    assert not (site.site_dir / "lesson" / "index.html").exists()
