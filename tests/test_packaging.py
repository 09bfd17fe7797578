"""The installable package carries every file the build needs (not only the .py).

The wheel is built once (the ``wheel`` and ``installed`` fixtures of
tests/conftest.py), then checked: it lists every file of the package folder, and,
installed on its own (not the source tree), it makes courses outside this
repository with its commands and builds them with MkDocs. The starter site's
exercise is also answered in Chromium (tests/browser/test_starter_site.py).
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

from bs4 import BeautifulSoup
from PIL import Image

from .conftest import ROOT

PACKAGE = ROOT / "plugins" / "annotrain"


def test_wheel_contains_every_package_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        "annotrain/" + str(path.relative_to(PACKAGE)).replace("\\", "/")
        for path in PACKAGE.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert sorted(expected - names) == []


def run(installed: Path, folder: Path, *args: str) -> subprocess.CompletedProcess:
    """``python *args`` in ``folder`` with the venv's python (``installed``), where the
    wheel is the only annotrain: ``import annotrain`` and MkDocs' plugin entry point
    find its copy."""
    return subprocess.run(
        [str(installed), *args],
        cwd=folder,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": f"{installed.parent}:/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
    )


CONFIG = """\
site_name: Packaged course
theme:
  name: material
  font: false
  features: [navigation.instant]
plugins:
  - search
  - annotrain
"""


def test_a_course_made_and_built_with_the_installed_wheel(installed, tmp_path):
    where = run(installed, tmp_path, "-c", "import annotrain; print(annotrain.__file__)")
    venv = installed.parent.parent
    assert Path(where.stdout.strip()).is_relative_to(venv), where.stdout + where.stderr

    # A course outside the repository, written with the installed starters.
    docs = tmp_path / "docs"
    (docs / "week-1").mkdir(parents=True)
    (docs / "assets" / "images").mkdir(parents=True)
    (tmp_path / "quizzes").mkdir()
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    shutil.copy(ROOT / "quizzes" / "rubrics.yml", tmp_path / "quizzes" / "rubrics.yml")
    Image.new("RGB", (640, 400), "darkgreen").save(docs / "assets" / "images" / "pcb-02.png")
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    lessons = {"boxes": ("bbox",), "reviews": ("choice", "multi")}
    for page, types in lessons.items():
        blocks = []
        for type_name in types:
            command = ("-m", "annotrain", "new", "exercise", type_name, "--id", f"w1-{type_name}")
            made = run(installed, tmp_path, *command)
            assert made.returncode == 0, made.stderr
            blocks.append(made.stdout)
        text = f"# {page.title()}\n\n" + "\n".join(blocks)
        (docs / "week-1" / f"{page}.md").write_text(text, encoding="utf-8")
    made = run(installed, tmp_path, "-m", "annotrain", "new", "quiz", "week-1")
    assert made.returncode == 0, made.stderr
    quiz_page = "# Quiz\n\n```annotrain\nquiz: week-1\n```\n"
    (docs / "week-1" / "quiz.md").write_text(quiz_page, encoding="utf-8")
    (docs / "progress.md").write_text("# Progress\n\n```annotrain\nshow: progress\n```\n")

    checked = run(installed, tmp_path, "-m", "annotrain", "validate")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    built = run(installed, tmp_path, "-m", "mkdocs", "build", "--strict", "-q")
    assert built.returncode == 0, built.stderr
    assert "Traceback" not in built.stderr

    site = tmp_path / "site"
    used = {}
    for page in ("week-1/boxes", "week-1/reviews", "week-1/quiz", "progress"):
        html = BeautifulSoup(
            (site / page / "index.html").read_text(encoding="utf-8"), "html.parser"
        )
        assert html.select("[data-annotrain-id], [data-annotrain-quiz], .annotrain-progress")
        links = [s["src"] for s in html.select("script[src*='assets/annotrain/']")]
        links += [s["href"] for s in html.select("link[href*='assets/annotrain/']")]
        links += [q["data-annotrain-load"] for q in html.select("[data-annotrain-load]")]
        links += [i["src"] for i in html.select("[data-annotrain-id] img")]
        for link in links:
            path = (site / page / link).resolve()
            assert path.is_file(), f"{page} uses {link}, not in the site"
            used[path.relative_to(site).as_posix()] = path.read_text(errors="replace")
    assert {
        "assets/annotrain/annotrain-bbox.js",
        "assets/annotrain/annotrain-bbox.css",
        "assets/annotrain/annotrain-choice-multi.js",
        "assets/annotrain/annotrain-quiz.js",
        "assets/annotrain/annotrain-types-choice-multi.js",
        "assets/annotrain/annotrain-progress.js",
    } <= set(used)
    assert "--- tasktypes/bbox/widget.js ---" in used["assets/annotrain/annotrain-bbox.js"]
    assert [path for path in used if path.startswith("assets/annotrain/media/pcb-02-")]


def test_the_starter_site_of_the_installed_wheel_builds_strictly(installed, tmp_path):
    made = run(installed, tmp_path, "-m", "annotrain", "new", "site", "course", "--github-pages")
    assert made.returncode == 0, made.stderr
    course = tmp_path / "course"
    assert (course / ".gitignore").is_file() and (
        course / ".github/workflows/publish.yml"
    ).is_file()
    checked = run(installed, course, "-m", "annotrain", "validate")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "Default rubric default-bbox: 1 task" in checked.stdout
    built = run(installed, course, "-m", "mkdocs", "build", "--strict")
    assert built.returncode == 0, built.stderr
    assert "WARNING" not in built.stderr
    lesson = BeautifulSoup((course / "site/first-lesson/index.html").read_text(), "html.parser")
    assert {e["data-annotrain-type"] for e in lesson.select(".annotrain-exercise")} == {
        "choice",
        "spans",
        "bbox",
    }
    # Written again only with --force, and then it leaves the trainer's own files alone.
    (course / "docs" / "mine.md").write_text("# Mine\n", encoding="utf-8")
    again = run(installed, tmp_path, "-m", "annotrain", "new", "site", "course")
    assert again.returncode == 1 and "is not empty" in again.stderr and "--force" in again.stderr
    forced = run(installed, tmp_path, "-m", "annotrain", "new", "site", "course", "--force")
    assert forced.returncode == 0, forced.stderr
    assert (course / "docs" / "mine.md").read_text() == "# Mine\n"
