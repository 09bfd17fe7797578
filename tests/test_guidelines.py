"""Guideline links: a quiz section or task names the lesson page its candidate may keep
open (open-book), and the quiz page links it from every task it covers."""

from __future__ import annotations

import pytest

from annotrain.commands.cli import main
from annotrain.course import yamlpos
from annotrain.course.guidelines import guideline_problem
from annotrain.course.quizfile import read_quiz
from annotrain.course.rubrics import RubricLibrary
from annotrain.errors import AuthoringError

from .conftest import ROOT
from .sites import Site

RUBRICS = RubricLibrary.load(ROOT / "quizzes" / "rubrics.yml")

QUIZ = """\
title: Boxes check
mode: {mode}
sections:
  - title: Boxes
    guideline: week-3/boxes.md#cut-edges
    tasks:
      - {{type: choice, id: q-a, prompt: Which edge?, labels: [Inside, Outside], rubric: choice-standard, gold: {{choice: Inside}}}}
      - type: choice
        id: q-b
        guideline: {entry}
        prompt: Which tag?
        labels: [Car, Van]
        rubric: choice-standard
        gold: {{choice: Van}}
  - title: Other
    tasks:
      - {{type: choice, id: q-c, prompt: Which one?, labels: ["Yes", "No"], rubric: choice-standard, gold: {{choice: "Yes"}}}}
"""

PAGES = {
    "index.md": "# Home\n",
    "week-3/boxes.md": "# Drawing boxes\n\n## Cut edges\n\nText.\n",
    "week-3/tags.md": "# Tagging vehicles\n",
    "week-8/final.md": "# Final\n\n```annotrain\nquiz: final\n```\n",
}


def quiz_site(tmp_path, mode: str = "quiz", entry: str = "week-3/tags.md") -> Site:
    site = Site(tmp_path, PAGES)
    (site.root / "quizzes" / "final.yml").write_text(QUIZ.format(mode=mode, entry=entry))
    return site


def test_the_form_of_a_guideline_is_checked():
    assert guideline_problem("week-3/boxes.md") is None
    assert guideline_problem("week-3/boxes.md#cut-edges") is None
    for bad in ("https://example.org/boxes.md", "/week-3/boxes.md", "../boxes.md", "week-3/boxes"):
        assert guideline_problem(bad), bad


def test_a_section_guideline_reaches_its_tasks_and_a_task_may_name_its_own(messages):
    text = QUIZ.format(mode="quiz", entry="week-3/tags.md")
    quiz = read_quiz(yamlpos.load(text, "q.yml"), "q.yml", "q", RUBRICS, {}, messages)
    entries = quiz.entries
    assert entries["q-a"].guideline == "week-3/boxes.md#cut-edges"
    assert entries["q-a"].guideline_line == 5
    assert entries["q-b"].guideline == "week-3/tags.md"
    assert entries["q-b"].guideline_line == 10
    assert entries["q-c"].guideline is None


def test_a_malformed_guideline_is_an_error_at_its_line(messages):
    text = QUIZ.format(mode="quiz", entry="https://example.org/tags")
    with pytest.raises(AuthoringError) as caught:
        read_quiz(yamlpos.load(text, "q.yml"), "q.yml", "q", RUBRICS, {}, messages)
    assert caught.value.line == 10 and "docs folder" in str(caught.value)


@pytest.mark.parametrize("mode", ["quiz", "exam"])
def test_the_quiz_page_links_each_task_to_its_guideline(tmp_path, mode):
    site = quiz_site(tmp_path, mode)
    result = site.build()
    assert result.returncode == 0, result.stderr
    page = site.html("week-8/final/index.html")
    links = {}
    for item in page.select(".annotrain-quiz-task"):
        link = item.select_one(".annotrain-guideline a")
        links[item["data-annotrain-id"]] = link and (link["href"], link.get_text(" ", strip=True))
    assert links == {
        "q-a": ("../../week-3/boxes/#cut-edges", "Guideline: Drawing boxes (opens in a new tab)"),
        "q-b": ("../../week-3/tags/", "Guideline: Tagging vehicles (opens in a new tab)"),
        "q-c": None,
    }
    # Opened beside the quiz, so a running attempt and its timer stay where they are.
    anchor = page.select_one(".annotrain-guideline a")
    assert anchor["target"] == "_blank" and "noopener" in anchor["rel"]
    # The link follows its page: the target exists in the built site.
    assert (site.site_dir / "week-3" / "boxes" / "index.html").is_file()


def test_a_guideline_that_is_not_a_page_fails_the_build_and_validate(tmp_path, capsys):
    site = quiz_site(tmp_path, entry="week-3/tag.md")
    result = site.build()
    assert result.returncode != 0
    assert "quizzes/final.yml:10" in result.stderr and "week-3/tag.md" in result.stderr
    assert main(["validate", "--config", str(site.root / "mkdocs.yml")]) != 0
    out = capsys.readouterr()
    assert "final.yml:10" in out.out + out.err and "'week-3/tag.md'" in out.out + out.err


def test_the_flagship_finals_link_every_hands_on_task_to_its_guideline():
    from annotrain.course.loader import load_course

    course = load_course(ROOT / "mkdocs.yml")
    final = course.quizzes["final"]
    hands_on = [s for s in final.sections if s.min_score is not None]
    assert hands_on
    for section in hands_on:
        for entry in section.entries:
            assert entry.guideline, f"{entry.task.id} in {section.title!r} links no guideline"
