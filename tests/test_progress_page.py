"""The progress panel (show: progress) and the lesson "done" control, at build time."""

from __future__ import annotations

import json

import markdown
import pytest

from annotrain.errors import AuthoringError
from annotrain.rendering.plan import NAME_LENGTH, PLAN_PLACEHOLDER, exercise_name

from .lessons import extension
from .sites import CHOICE, MULTI, Site

PANEL = "```annotrain\nshow: progress\n```\n"
NAV = """
nav:
  - Home: index.md
  - Progress: progress.md
  - Week 1:
      - week-1/index.md
      - First lesson: week-1/first.md
      - Second lesson: week-1/second.md
  - Week 2:
      - Reading only: week-2/reading.md
  - Extra: extra.md
  - Check: check.md
"""
QUIZ = """\
title: Little check
reuse: allowed  # a review of the lessons
sections:
  - tasks:
      - ref: a
      - ref: c
"""


@pytest.fixture
def site(tmp_path):
    site = Site(
        tmp_path,
        {
            "index.md": "# Home\n",
            "progress.md": "# Progress\n\n" + PANEL,
            "week-1/index.md": "# Week 1\n",
            "week-1/first.md": "# First\n\n" + CHOICE.format(id="a") + MULTI.format(id="b"),
            "week-1/second.md": "# Second\n\n" + CHOICE.format(id="c"),
            "week-2/reading.md": "# Reading\n",
            "extra.md": "# Extra\n\n" + MULTI.format(id="d"),
            "check.md": "# Check\n\n```annotrain\nquiz: little\n```\n",
        },
        extra_config=NAV,
    )
    (tmp_path / "quizzes" / "little.yml").write_text(QUIZ, encoding="utf-8")
    result = site.build()
    assert result.returncode == 0, result.stderr
    return site


def test_plan_lists_sections_with_their_lessons_and_exercises(site):
    page = site.html("progress/index.html")
    tables = page.select("[data-annotrain-progress] table.annotrain-progress-table")
    assert [t.caption.get_text() for t in tables] == ["Week 1", "More lessons", "Quizzes"]
    quiz_row = page.select_one("tr[data-annotrain-quiz-row]")
    assert quiz_row["data-annotrain-quiz-row"] == "little"
    assert (quiz_row.a["href"], quiz_row.a.get_text()) == ("../check/", "Little check")
    rows = [  # lessons only: the quiz page has no exercises of its own
        (
            row["data-annotrain-lesson"],
            json.loads(row["data-annotrain-exercises"]),
            row.a["href"],
            row.a.get_text(),
        )
        for row in page.select("tr[data-annotrain-lesson]")
    ]
    assert rows == [
        ("week-1/first.md", ["a", "b"], "../week-1/first/", "First lesson"),
        ("week-1/second.md", ["c"], "../week-1/second/", "Second lesson"),
        ("extra.md", ["d"], "../extra/", "Extra"),
    ]
    assert PLAN_PLACEHOLDER not in (site.site_dir / "progress/index.html").read_text(
        encoding="utf-8"
    )
    # The portfolio names exercises by title, else by prompt.
    first = page.select_one('tr[data-annotrain-lesson="week-1/first.md"]')
    assert json.loads(first["data-annotrain-names"]) == {
        "a": "Is this review positive?",
        "b": "Which topics does the ticket mention?",
    }


@pytest.mark.parametrize(
    ("title", "prompt", "name"),
    [
        ("Box the bridges", "Box every solder bridge.", "Box the bridges"),
        (None, "Box every solder bridge.", "Box every solder bridge."),
        ("", "  Box every\n solder   bridge. ", "Box every solder bridge."),
        (None, "word " * 30, ("word " * 16).strip() + "…"),
        (None, "x" * 100, "x" * 79 + "…"),
        (
            None,
            "Label each box, " + "and check " * 10,
            "Label each box, " + "and check " * 6 + "and…",
        ),
    ],
)
def test_exercise_name(title, prompt, name):
    assert exercise_name(title, prompt) == name
    assert len(exercise_name(title, prompt)) <= NAME_LENGTH or title


def test_progress_page_loads_its_bundle(site):
    page = site.html("progress/index.html")
    assert (
        page.select_one("script[src*=annotrain]")["src"]
        == "../assets/annotrain/annotrain-progress.js"
    )
    bundle = (site.site_dir / "assets/annotrain/annotrain-progress.js").read_text(encoding="utf-8")
    order = [
        bundle.index(f"--- browser/{name}")
        for name in ("progress.js", "progress-file.js", "progress-page.js", "annotrain.js")
    ]
    assert order == sorted(order)
    assert page.select_one("link[href*='annotrain/annotrain-'][href$='.css']") is not None


def test_lesson_pages_carry_the_done_control(site):
    first = site.html("week-1/first/index.html")
    control = first.select_one(".annotrain-lesson[data-annotrain-lesson]")
    assert control["data-annotrain-lesson"] == "week-1/first.md"
    assert control.select_one("button[data-annotrain-action=done]")["aria-pressed"] == "false"
    assert site.html("week-2/reading/index.html").select_one(".annotrain-lesson") is None


def test_panel_under_bare_markdown_keeps_its_placeholder():
    ext = extension()
    html = markdown.Markdown(extensions=[ext]).convert(PANEL)
    assert "data-annotrain-progress" in html and PLAN_PLACEHOLDER in html
    assert [p.show for p in ext.panels] == ["progress"]


def test_unknown_panel_is_an_authoring_error():
    ext = extension("p.md")
    with pytest.raises(AuthoringError) as info:
        markdown.Markdown(extensions=[ext]).convert("Text\n\n```annotrain\nshow: progres\n```\n")
    assert str(info.value) == "p.md:4: unknown panel 'progres'; panels: progress, verify"
