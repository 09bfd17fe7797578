"""Guideline links: the lesson page a quiz task's candidate may keep open beside it.

Real qualification tests are open-book, so a quiz section (or one of its tasks)
may name the page that teaches its kind of work::

    sections:
      - title: Boxes
        guideline: week-3/bounding-boxes.md#cut-edges-and-loose-edges
        tasks: [...]

The path is written from the docs folder, as a rubric criterion's ``lesson`` is,
and may end in a ``#fragment``. Its form is checked when the quiz is read; that the
page exists, once the site's pages are known (:func:`guideline_errors`). The link
names no answer, so exam-mode quizzes may carry it too.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import AuthoringError


def guideline_problem(value: str) -> str | None:
    """What is wrong with the form of a ``guideline`` value, or None."""
    page, _, _fragment = value.partition("#")
    if "://" in value or value.startswith(("/", "\\", "mailto:")):
        return (
            f"'guideline' must be a page of this course written from the docs folder "
            f"(such as week-3/bounding-boxes.md), not {value!r}"
        )
    if not page.endswith(".md"):
        return (
            f"'guideline' must name a Markdown page of the course (ending in .md, "
            f"optionally followed by #a-heading), got {value!r}"
        )
    if ".." in page.split("/"):
        return f"'guideline' is written from the docs folder, without '..': got {value!r}"
    return None


def guideline_errors(quizzes, pages: Iterable[str]) -> list[AuthoringError]:
    """An error for every quiz task whose ``guideline`` page is not among ``pages``.

    ``pages`` are the site's Markdown pages as paths from the docs folder.
    """
    known = set(pages)
    errors = []
    for quiz in quizzes.values():
        for entry in quiz.entries.values():
            page = (entry.guideline or "").partition("#")[0]
            if entry.guideline and page not in known:
                errors.append(
                    AuthoringError(
                        f"the guideline page {page!r} of task {entry.task.id!r} is not a page "
                        "of this course (write it from the docs folder, as in the navigation)",
                        quiz.path,
                        entry.guideline_line or entry.line,
                    )
                )
    return errors
