"""``annotrain validate``: check exercises and rubrics exactly as the build does.

    annotrain validate [PATH ...] [--config mkdocs.yml] [--format text|json]

Checks every exercise of the course (or of the given Markdown files or folders):
schema, ids unique across the site, labels, rubrics, and that each gold answer
reaches the top level of its rubric. Errors print as ``path:line: message``.
Exit status: 0 when all is well, 1 when there are authoring errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..blocks import find_blocks
from ..errors import AuthoringError
from ..exercises import IdRegistry, load_block
from ..messages import catalog
from ..rubrics import RubricLibrary
from ..sitefiles import SiteLayout, read_layout
from ..tasks import Task

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
    parser.add_argument(
        "--config",
        type=Path,
        default=Path("mkdocs.yml"),
        help="the site's mkdocs.yml (default: %(default)s)",
    )
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="output format (default: %(default)s)",
    )


def run(args: argparse.Namespace) -> int:
    errors: list[AuthoringError] = []
    tasks = 0
    files: list[Path] = []
    try:
        layout = read_layout(args.config)
        rubrics = _rubrics(layout)
        files = _lesson_files(layout, args.paths)
    except AuthoringError as error:
        errors.append(error)
    else:
        messages = catalog(layout.language, layout.messages)
        ids = IdRegistry()
        for path in files:
            found, problems = _validate_lesson(path, layout, rubrics, messages, ids)
            tasks += found
            errors.extend(problems)
    _report(args.format, errors, tasks, len(files))
    return 1 if errors else 0


def _rubrics(layout: SiteLayout) -> RubricLibrary:
    if not layout.rubrics.exists():
        return RubricLibrary(path=layout.shown(layout.rubrics))
    return RubricLibrary.load(layout.rubrics, layout.shown(layout.rubrics))


def _lesson_files(layout: SiteLayout, paths: list[Path]) -> list[Path]:
    if not paths:
        return layout.lessons()
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(path.rglob("*.md")))
        elif path.is_file():
            files.append(path)
        else:
            raise AuthoringError("no such file or folder", str(path))
    return files


def _validate_lesson(path, layout, rubrics, messages, ids) -> tuple[int, list[AuthoringError]]:
    shown = layout.shown(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return 0, [AuthoringError(f"cannot read the file: {exc}", shown)]
    problems: list[AuthoringError] = []
    found = 0
    try:
        blocks = find_blocks(text.splitlines(), shown)
    except AuthoringError as error:
        return 0, [error]
    for block in blocks:
        try:
            item = load_block(block, shown, rubrics, messages)
            if isinstance(item, Task):
                ids.add(item)
                found += 1
        except AuthoringError as error:
            problems.append(error)
    return found, problems


def _report(fmt: str, errors: list[AuthoringError], tasks: int, files: int) -> None:
    if fmt == "json":
        report = {
            "ok": not errors,
            "exercises": tasks,
            "files": files,
            "errors": [{"path": e.path, "line": e.line, "message": e.message} for e in errors],
        }
        print(json.dumps(report, indent=2))
        return
    for error in errors:
        print(error, file=sys.stderr)
    if errors:
        print(f"{len(errors)} error{'s' * (len(errors) != 1)} found.", file=sys.stderr)
    else:
        print(
            f"OK: {tasks} exercise{'s' * (tasks != 1)} in {files} file{'s' * (files != 1)}, every gold reaches the top of its rubric."
        )
