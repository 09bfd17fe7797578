"""``annotrain agreement``: how far people who answered the same tasks agree.

    annotrain agreement ATTEMPT.json|FOLDER ... [--quiz ID] [--config mkdocs.yml]
                        [--output report.csv|.json] [--format text|json] [--limit N]
                        [--max-bytes SIZE]

Reads attempt files, and the ``*.json`` files of folders, within limits
(:func:`annotrain.grading.attempts.read_attempt`; unreadable ones are reported on
stderr, counted and left out), takes every task answered by two or more people and reports agreement per
task (most disputed first), per label, per pair of raters and overall. The metrics
and their definitions are in :mod:`annotrain.agreement` and the trainer guide,
"Command line". Exit status: 0 when a report was made, 1 when no task was answered
by two people or a file could not be written.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path

from ..agreement import Report, analyse, collect
from ..agreement.terminal import plural, table
from ..course.loader import load_course
from ..errors import AnnotrainError
from ..grading.attempts import MAX_BYTES, AttemptError, attempt_files, read_attempt
from ..safetext import for_terminal
from ..tasktypes import TASK_TYPES
from .options import add_max_bytes_option

NAME = "agreement"
HELP = "inter-annotator agreement across people's attempt files"
EXAMPLES = """examples:
  annotrain agreement attempts/*.json                 table on the terminal
  annotrain agreement attempts/*.json -o report.csv   also one row per task as CSV
  annotrain agreement attempts/*.json -o report.json  also the whole report as JSON
  annotrain agreement a.json b.json --format json     JSON on stdout
  annotrain agreement attempts/*.json --quiz week-4    only attempts at quiz week-4

Task types and labels come from the course of --config (default ./mkdocs.yml, when
it exists); without it, a task's type is read from the shape of its answers.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Agreement between people who answered the same tasks: Cohen's kappa per pair of "
        "raters, Fleiss' kappa, Krippendorff's alpha, and the most disputed tasks first."
    )
    parser.epilog = EXAMPLES
    parser.add_argument(
        "attempts",
        nargs="+",
        type=Path,
        metavar="ATTEMPT",
        help="attempt files, or folders of them",
    )
    parser.add_argument(
        "--quiz",
        metavar="ID",
        help="only attempts at this quiz (quizzes/ID.yml), whose tasks it defines",
    )
    parser.add_argument(
        "--config", type=Path, help="the site's mkdocs.yml (default: ./mkdocs.yml if present)"
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        help="also write the report to this file: .csv (one row per task) or .json (everything)",
    )
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="output on stdout"
    )
    parser.add_argument(
        "--limit",
        type=int,
        default=20,
        help="rows per table on the terminal (default: %(default)s; 0: all)",
    )
    add_max_bytes_option(parser, MAX_BYTES, "attempt files")


def run(args: argparse.Namespace) -> int:
    if args.output is not None and args.output.suffix.lower() not in (".csv", ".json"):
        print(f"error: {args.output}: the report file must end in .csv or .json", file=sys.stderr)
        return 2
    try:
        known = _course_tasks(args.config, args.quiz)
    except AnnotrainError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    attempts, skipped = _read_attempts(args)
    ratings, notes = collect(attempts, known)
    report = analyse(ratings)
    for note in notes:
        print(f"note: {for_terminal(note)}", file=sys.stderr)
    if args.output is not None:
        try:
            _write(report, args.output)
        except OSError as error:
            print(
                f"error: {args.output}: cannot write the report: {error.strerror}", file=sys.stderr
            )
            return 1
    if args.format == "json":
        data = report.to_json() | {"files": len(attempts), "files_skipped": skipped}
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        text = render_text(report, len(attempts), skipped, args.limit)
        # Names and ids come from the files: no line may carry a control sequence.
        print("\n".join(for_terminal(line) for line in text.split("\n")))
    if not report.tasks:
        print("error: no task was answered by two or more people", file=sys.stderr)
        return 1
    return 0


def _read_attempts(args: argparse.Namespace) -> tuple[list, int]:
    """The attempts to measure, and how many files were left out (each named on stderr)."""
    files, problems = attempt_files(args.attempts)
    for problem in problems:
        print(f"skipped {for_terminal(problem)}", file=sys.stderr)
    attempts, skipped = [], len(problems)
    for path in files:
        try:
            attempt = read_attempt(path, args.max_bytes)
        except AttemptError as error:
            skipped += 1
            print(f"skipped {for_terminal(error)}", file=sys.stderr)
            continue
        if args.quiz is not None and attempt.quiz != args.quiz:
            skipped += 1
            print(
                for_terminal(
                    f"skipped {path}: an attempt at quiz {attempt.quiz!r}, not {args.quiz!r}"
                ),
                file=sys.stderr,
            )
            continue
        attempts.append(attempt)
    return attempts, skipped


def _course_tasks(config: Path | None, quiz_id: str | None = None) -> dict:
    """Tasks of the course (lesson exercises and quiz tasks), by id; {} without a course.

    With ``quiz_id``, the tasks of that quiz only (an error if the course has no such quiz).
    """
    if config is None:
        config = Path("mkdocs.yml")
        if not config.is_file():
            if quiz_id is not None:
                raise AnnotrainError(
                    f"--quiz {quiz_id}: no mkdocs.yml here to find the quiz in; pass --config"
                )
            return {}
    course = load_course(config)
    if quiz_id is not None:
        if quiz_id not in course.quizzes:
            known = ", ".join(sorted(course.quizzes)) or "none"
            raise AnnotrainError(f"--quiz {quiz_id}: no such quiz in the course; quizzes: {known}")
        return {tid: entry.task for tid, entry in course.quizzes[quiz_id].entries.items()}
    tasks = dict(course.exercises)
    for quiz in course.quizzes.values():
        tasks.update({tid: entry.task for tid, entry in quiz.entries.items()})
    return tasks


CSV_FIELDS = (
    "task", "type", "raters", "agreement", "measure", "labels", "disagreement", "measures",
)  # fmt: skip


def _measures(row, separator: str = "=", joiner: str = "; ") -> str:
    return joiner.join(
        f"{name}{separator}{'undefined' if value is None else f'{value:.4f}'}"
        for name, value in row.measures.items()
    )


def to_csv(report: Report) -> str:
    """One row per task, most disputed first; labels as ``label=count; ...``.

    ``disagreement`` is in [0, 1] for every type; ``measures`` lists the task's
    measures as ``name=value; ...``.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for row in report.tasks:
        labels = "; ".join(f"{label}={count}" for label, count in row.labels.items())
        writer.writerow(
            [
                _cell(row.task),
                row.type,
                row.raters,
                f"{row.agreement:.4f}",
                row.measure,
                _cell(labels),
                f"{row.disagreement:.4f}",
                _measures(row),
            ]
        )
    return out.getvalue()


def _cell(text: str) -> str:
    """Text from attempt files, kept from being read as a formula by spreadsheets."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _write(report: Report, path: Path) -> None:
    if path.suffix.lower() == ".csv":
        text = to_csv(report)
    else:
        text = json.dumps(report.to_json(), indent=2, ensure_ascii=False) + "\n"
    path.write_text(text, encoding="utf-8", newline="")


def render_text(report: Report, files: int, skipped: int, limit: int = 20) -> str:
    """The report as tables for a terminal."""
    lines = [
        f"Agreement over {plural(files, 'attempt file')} from {plural(len(report.raters), 'person', 'people')}"
        + (f" ({skipped} skipped)" if skipped else "")
        + f"; {plural(len(report.tasks), 'task')} answered by two or more"
        + (f", {report.single} by one only (left out)" if report.single else "")
        + "."
    ]
    if report.tasks:
        lines += ["", "Most disputed tasks first (1 = full agreement)"]
        rows = [
            [
                r.task,
                r.type,
                str(r.raters),
                f"{r.agreement:.2f}",
                ", ".join(f"{k} {v}" for k, v in r.labels.items()),
                _measures(r, " ", ", ") if TASK_TYPES[r.type].agreement.measures_in_table else "",
            ]
            for r in report.tasks
        ]
        header = ["task", "type", "raters", "agreement", "answers", "measures"]
        if not any(row[-1] for row in rows):
            header, rows = header[:-1], [row[:-1] for row in rows]
        lines += table(header, rows, limit)
    for name, summary in report.types.items():
        lines += TASK_TYPES[name].agreement.summary_text(summary, limit)
    return "\n".join(lines)
