"""``annotrain validate``: check exercises and rubrics exactly as the build does.

    annotrain validate [PATH ...] [--config mkdocs.yml] [--format text|json]

Checks every exercise of the course (or of the given Markdown files or folders):
schema, ids unique across the site, labels, rubrics, and that each gold answer
reaches the top level of its rubric. Errors print as ``path:line: message``,
warnings (a graded quiz reusing a task the learner has met elsewhere, see
annotrain.course.reuse) as ``path:line: warning: message``.
Exit status: 0 when there are no authoring errors (warnings or not), 1 when there are.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..course.default_rubrics import PREFIX as DEFAULT_PREFIX
from ..course.loader import load_course
from ..errors import AuthoringError, AuthoringWarning
from .options import add_config_option

NAME = "validate"
HELP = "check every exercise and rubric, as the build does"
EXAMPLES = """examples:
  annotrain validate                       check the whole course of ./mkdocs.yml
  annotrain validate course/week-1         check the lessons in one folder
  annotrain validate --format json         machine-readable report
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "Check exercises and rubrics; print path:line: message for each problem."
    parser.epilog = EXAMPLES
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        help="Markdown files or folders (default: the whole docs_dir)",
    )
    add_config_option(parser)
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="output format (default: %(default)s)",
    )


def run(args: argparse.Namespace) -> int:
    try:
        lessons, quizzes = _split(args.paths)
        course = load_course(args.config, lessons, quizzes)
    except AuthoringError as error:
        _report(args.format, [error], [], 0, 0, 0, {})
        return 1
    exercises = len(course.exercises) if lessons is None else None
    defaults = _defaulted(course)
    _report(
        args.format,
        course.errors,
        course.warnings,
        exercises,
        len(course.quizzes),
        course.files,
        defaults,
    )
    _report_defaults(args.format, course, defaults)
    return 1 if course.errors else 0


def _defaulted(course) -> dict[str, list[str]]:
    """Default rubric id -> the tasks graded with it (lesson exercises, then quiz tasks)."""
    tasks = list(course.exercises.values())
    for quiz in course.quizzes.values():
        tasks.extend(entry.task for entry in quiz.entries.values() if not entry.ref)
    found: dict[str, list[str]] = {}
    for task in tasks:
        if task.rubric.id.startswith(DEFAULT_PREFIX):
            found.setdefault(task.rubric.id, []).append(task.id)
    return found


def _report_defaults(fmt: str, course, found: dict[str, list[str]]) -> None:
    """Which tasks use a task type's default rubric (a rubric file may replace it)."""
    if fmt == "json":
        return  # in the report above, as "defaults"
    for rubric_id, ids in sorted(found.items()):
        replaced = " (as the rubric file defines it)" if rubric_id in course.rubrics.rubrics else ""
        shown = ", ".join(ids[:8]) + (f" and {len(ids) - 8} more" if len(ids) > 8 else "")
        count = f"{len(ids)} task{'s' * (len(ids) != 1)}"
        print(f"Default rubric {rubric_id}{replaced}: {count} ({shown}).")


def _split(paths: list[Path]) -> tuple[list[Path] | None, list[Path] | None]:
    """Lesson files and quiz files among ``paths`` (None, None: the whole course)."""
    if not paths:
        return None, None
    lessons: list[Path] = []
    quizzes: list[Path] = []
    for path in paths:
        if path.is_dir():
            lessons.extend(sorted(path.rglob("*.md")))
            quizzes.extend(sorted(path.glob("*.yml")))
        elif path.is_file():
            (quizzes if path.suffix in (".yml", ".yaml") else lessons).append(path)
        else:
            raise AuthoringError("no such file or folder", str(path))
    return lessons, quizzes


def _report(
    fmt: str,
    errors: list[AuthoringError],
    warnings: list[AuthoringWarning],
    tasks: int | None,
    quizzes: int,
    files: int,
    defaults: dict[str, list[str]],
) -> None:
    if fmt == "json":
        report = {
            "ok": not errors,
            "exercises": tasks,
            "quizzes": quizzes,
            "files": files,
            "defaults": defaults,
            "errors": [{"path": e.path, "line": e.line, "message": e.message} for e in errors],
            "warnings": [{"path": w.path, "line": w.line, "message": w.message} for w in warnings],
        }
        print(json.dumps(report, indent=2))
        return
    for error in errors:
        print(error, file=sys.stderr)
    for warning in warnings:
        labelled = AuthoringWarning(f"warning: {warning.message}", warning.path, warning.line)
        print(labelled, file=sys.stderr)
    found = [_count(len(errors), "error"), _count(len(warnings), "warning")]
    if any(found):
        print(" and ".join(filter(None, found)) + " found.", file=sys.stderr)
    if not errors:
        counted = "" if tasks is None else f"{tasks} exercise{'s' * (tasks != 1)}, "
        print(
            f"OK: {counted}{quizzes} quiz{'zes' * (quizzes != 1)} in {files} file{'s' * (files != 1)};"
            " every gold reaches the top of its rubric."
        )


def _count(number: int, thing: str) -> str:
    return f"{number} {thing}{'s' * (number != 1)}" if number else ""
