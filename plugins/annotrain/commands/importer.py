"""``annotrain import``: gold tasks from another tool's export, as a quiz bank file.

    annotrain import label-studio EXPORT.json --config CONFIG.xml [-o quizzes/NAME.yml]
        [--prefer ground-truth|latest|annotator=ID] [--rubric [TYPE=]ID] [--title TEXT]
        [--site mkdocs.yml] [--force]

Every task is checked with the course's own loader against the site's rubrics
before anything is written; the file is written whole or not at all. Without
``-o`` the YAML goes to stdout. The summary (imported N, skipped M and why) goes
to stdout when writing a file, to stderr otherwise. Exit status: 0 when tasks were
imported, 1 when nothing could be imported or an input is unusable, 2 for usage.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import AnnotrainError
from ..importers.labelstudio import Preference, import_export, read_config, read_export
from ..importers.output import check_tasks, render_quiz, write_atomic
from ..messages import catalog
from ..rubrics import RubricLibrary
from ..sitefiles import read_layout

NAME = "import"
HELP = "gold tasks from a Label Studio export, as a quiz file"
EXAMPLES = """examples:
  annotrain import label-studio export.json --config config.xml -o quizzes/reviews.yml
  annotrain import label-studio export.json --config config.xml          YAML on stdout
  annotrain import label-studio export.json --config config.xml --prefer latest
  annotrain import label-studio export.json --config config.xml --prefer annotator=trainer@example.org
  annotrain import label-studio export.json --config config.xml --rubric choice=sentiment-strict
"""
DEFAULT_RUBRICS = {"choice": "choice-standard", "multi": "tags-standard"}


def _preference(text: str) -> Preference:
    try:
        return Preference.parse(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "Turn another tool's export into gold tasks for quizzes/."
    parser.epilog = EXAMPLES
    sources = parser.add_subparsers(dest="source", metavar="SOURCE", required=True)
    ls = sources.add_parser(
        "label-studio",
        help="a Label Studio JSON export and its labeling config",
        description=(
            "Gold tasks from a Label Studio JSON export: Choices on Text become choice tasks "
            '(multi with choice="multiple"). Cancelled annotations and predictions are never gold.'
        ),
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ls.add_argument("export", type=Path, metavar="EXPORT.json", help="the project's JSON export")
    ls.add_argument(
        "--config", type=Path, required=True, metavar="CONFIG.xml", help="the labeling config"
    )
    ls.add_argument(
        "-o", "--output", type=Path, help="the quiz file to write, e.g. quizzes/reviews.yml"
    )
    ls.add_argument(
        "--prefer",
        type=_preference,
        default=Preference(),
        metavar="ground-truth|latest|annotator=ID",
        help="which annotation is gold (default: ground-truth)",
    )
    ls.add_argument(
        "--rubric",
        action="append",
        default=[],
        metavar="[TYPE=]ID",
        help="rubric for every task, or for one type (default: "
        + ", ".join(f"{k}={v}" for k, v in DEFAULT_RUBRICS.items())
        + ")",
    )
    ls.add_argument("--title", help="the quiz title (default: from the export's file name)")
    ls.add_argument(
        "--site",
        type=Path,
        default=Path("mkdocs.yml"),
        help="the site's mkdocs.yml (default: %(default)s)",
    )
    ls.add_argument("--force", action="store_true", help="replace the output file if it exists")


def _rubric_ids(values: list[str]) -> dict[str, str]:
    chosen = dict(DEFAULT_RUBRICS)
    for value in values:
        kind, _, rubric = value.rpartition("=")
        if not kind:
            chosen = dict.fromkeys(chosen, rubric)
        elif kind in chosen:
            chosen[kind] = rubric
        else:
            raise AnnotrainError(
                f"--rubric {value}: unknown task type {kind!r}; types: {', '.join(chosen)}"
            )
    return chosen


def run(args: argparse.Namespace) -> int:
    try:
        return _run(args)
    except AnnotrainError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


def _run(args: argparse.Namespace) -> int:
    if args.output is not None and args.output.exists() and not args.force:
        raise AnnotrainError(f"{args.output}: already exists; pass --force to replace it")
    if not args.site.is_file():
        raise AnnotrainError(
            f"{args.site}: no such file; run in the folder of your mkdocs.yml or pass --site"
        )
    layout = read_layout(args.site)
    if not layout.rubrics.is_file():
        raise AnnotrainError(f"{layout.shown(layout.rubrics)}: no rubric file; tasks need rubrics")
    library = RubricLibrary.load(layout.rubrics, layout.shown(layout.rubrics))
    rubrics = _rubric_ids(args.rubric)
    for rubric in sorted(set(rubrics.values())):
        library.get(rubric, f"--rubric {rubric}", None)  # AuthoringError naming the known ids
    messages = catalog(layout.language, layout.messages)
    config = read_config(args.config)
    tasks = read_export(args.export)
    outcome = import_export(tasks, config, args.prefer, rubrics, args.export.stem)
    check_tasks(outcome, library, messages, lambda task: task["id"])
    report = sys.stdout if args.output is not None else sys.stderr
    if not outcome.imported:
        print("\n".join(outcome.summary()), file=sys.stderr)
        raise AnnotrainError(f"{args.export}: nothing to import")
    quiz_id = args.output.stem if args.output is not None else args.export.stem
    data = {
        "title": args.title or f"Imported from {args.export.name}",
        "sections": [{"title": s.title, "tasks": s.tasks} for s in outcome.sections],
    }
    header = (
        f"Imported by `annotrain import label-studio` from {args.export.name} with "
        f"{args.config.name}\n(gold: the {args.prefer} annotation of each task). "
        "Add an `explain:` to each task\nbefore publishing: learners read it after checking."
    )
    text = render_quiz(quiz_id, data, header, library, messages)
    if args.output is not None:
        try:
            write_atomic(args.output, text)
        except OSError as error:
            raise AnnotrainError(f"{args.output}: cannot write: {error.strerror}") from None
    else:
        sys.stdout.write(text)
    print("\n".join(outcome.summary()), file=report)
    if args.output is not None:
        print(f"wrote {args.output}", file=report)
    return 0
