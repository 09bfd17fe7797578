"""A tiny course for the SCORM tests: a home page, two lessons, a practice quiz and an exam.

``package(root, version)`` writes it into ``root`` and packages it with ``annotrain
package scorm`` (the practice quiz decides the course's score), returning the zip.
"""

from __future__ import annotations

from pathlib import Path

from annotrain.commands.cli import main

from .sites import CHOICE, MULTI, Site

QUIZ = """\
title: {title}
mode: {mode}
layout: all
shuffle: false
sections:
  - tasks:
      - ref: p1
      - ref: p2
"""
EXAM = """\
title: Final
mode: exam
layout: all
sections:
  - tasks:
      - type: multi
        id: e1
        prompt: Which apply?
        labels: [Alpha, Beta, Gamma]
        rubric: tags-standard
        gold: {choices: [Beta]}
"""
PAGES = {
    "index.md": "# Tiny course\n\nStart with [the lesson](lesson.md).\n",
    "lesson.md": "# Reading reviews\n\n" + CHOICE.format(id="c1"),
    "practice.md": "# Practice\n\n```annotrain\nquiz: practice\n```\n",
    "final.md": "# Final\n\n```annotrain\nquiz: final\n```\n",
    "bank.md": "# Bank\n\n" + CHOICE.format(id="p1") + MULTI.format(id="p2"),
}
#: The pages with a lesson control, in site order (what "every lesson done" means).
LESSONS = ["bank.md", "lesson.md"]


def write(root: Path) -> Site:
    site = Site(root, PAGES)
    quizzes = root / "quizzes"
    (quizzes / "practice.yml").write_text(
        QUIZ.format(title="Practice round", mode="practice"), encoding="utf-8"
    )
    (quizzes / "final.yml").write_text(EXAM, encoding="utf-8")
    return site


def package(root: Path, version: str, *extra: str) -> Path:
    """The course in ``root`` (written when absent) as a SCORM ``version`` zip."""
    if not (root / "mkdocs.yml").exists():
        write(root)
    output = root / f"course-{version}.zip"
    arguments = ["package", "scorm", "--version", version, "-o", str(output)]
    status = main([*arguments, "--config", str(root / "mkdocs.yml"), *extra])
    assert status == 0
    return output
