"""A whole course read from disk without MkDocs: rubrics, lesson exercises, quizzes.

The command line uses it to check a course and to grade attempts exactly as the
build would: the same loaders, the same errors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import AuthoringError, AuthoringWarning
from ..messages import catalog
from .blocks import find_blocks
from .exercises import IdRegistry, Panel, load_block
from .guidelines import guideline_errors
from .media import MediaLibrary
from .quizfile import load_quiz
from .quizzes import Quiz
from .reuse import reuse_warnings
from .rubrics import RubricLibrary
from .sealing import sealing_errors
from .sitefiles import SiteLayout, read_layout
from .tasks import Task


@dataclass
class Course:
    """What was loaded, and every problem found on the way (``warnings`` stop nothing)."""

    layout: SiteLayout
    messages: dict[str, str]
    rubrics: RubricLibrary
    media: MediaLibrary
    exercises: dict[str, Task] = field(default_factory=dict)
    quizzes: dict[str, Quiz] = field(default_factory=dict)
    errors: list[AuthoringError] = field(default_factory=list)
    warnings: list[AuthoringWarning] = field(default_factory=list)
    files: int = 0
    placements: dict[str, list[Path]] = field(default_factory=dict)  # quiz id -> lessons
    panels: list[tuple[Path, Panel]] = field(default_factory=list)  # (lesson, panel)

    def pages_showing(self, show: str) -> list[Path]:
        """The lessons that place the panel ``show`` (``verify``, ``progress``), in name order."""
        return sorted({path for path, panel in self.panels if panel.show == show})


def load_course(
    config_file: Path, lessons: list[Path] | None = None, quizzes: list[Path] | None = None
) -> Course:
    """Load the course of ``config_file``.

    Errors are reported for ``lessons`` and ``quizzes`` (default: all of them);
    every lesson is read anyway, since quizzes may reference any exercise.
    Raises AuthoringError only when the course itself cannot be read (mkdocs.yml,
    the rubric file).
    """
    layout = read_layout(config_file)
    messages = catalog(layout.language, layout.messages)
    if layout.rubrics.exists():
        rubrics = RubricLibrary.load(layout.rubrics, layout.shown(layout.rubrics))
    else:
        rubrics = RubricLibrary(path=layout.shown(layout.rubrics))
    course = Course(layout, messages, rubrics, MediaLibrary(layout.root))
    in_scope = {p.resolve() for p in lessons} if lessons is not None else None
    ids = IdRegistry()
    for path in sorted(set(layout.lessons()) | set(lessons or [])):
        problems = _read_lesson(course, path, ids)
        if in_scope is None or path.resolve() in in_scope:
            course.errors.extend(problems)
            course.files += 1
    if quizzes is None:
        quizzes = sorted(
            p for p in layout.quizzes_dir.glob("*.yml") if p.resolve() != layout.rubrics.resolve()
        )
    for path in quizzes:
        try:
            course.quizzes[path.stem] = load_quiz(
                path, layout.shown(path), rubrics, course.exercises, messages, course.media
            )
        except AuthoringError as error:
            course.errors.append(error)
        course.files += 1
    course.errors.extend(sealing_errors(course.quizzes, course.exercises))
    course.errors.extend(guideline_errors(course.quizzes, _pages(layout)))
    course.warnings.extend(reuse_warnings(course.quizzes, course.exercises))
    return course


def _read_lesson(course: Course, path: Path, ids: IdRegistry) -> list[AuthoringError]:
    shown = course.layout.shown(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
        blocks = find_blocks(text.splitlines(), shown)
    except (OSError, UnicodeDecodeError) as exc:
        return [AuthoringError(f"cannot read the file: {exc}", shown)]
    except AuthoringError as error:
        return [error]
    problems: list[AuthoringError] = []
    for block in blocks:
        try:
            item = load_block(block, shown, course.rubrics, course.messages, media=course.media)
            if isinstance(item, Task):
                ids.add(item)
                course.exercises[item.id] = item
            elif isinstance(item, Panel):
                course.panels.append((path, item))
                if item.quiz:
                    course.placements.setdefault(item.quiz, []).append(path)
        except AuthoringError as error:
            problems.append(error)
    return problems


def _pages(layout: SiteLayout) -> list[str]:
    """The course's Markdown pages as paths from its docs folder."""
    docs = layout.docs_dir.resolve()
    return [path.resolve().relative_to(docs).as_posix() for path in layout.lessons()]
