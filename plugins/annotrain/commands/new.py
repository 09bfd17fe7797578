"""``annotrain new``: commented starters for a whole course, an exercise or a quiz.

    annotrain new site DIR [--name TEXT] [--github-pages] [--force]
                                              a small course that builds as it stands
    annotrain new exercise TYPE [--id ID]     print a block to paste into a lesson
    annotrain new quiz NAME [--config FILE]   write quizzes/NAME.yml (never replaces one)

Every starter is valid as it stands (see :mod:`annotrain.commands.starters` and
:mod:`annotrain.commands.newsite`). Exit status: 0 on success, 1 when a file exists
(or a folder is not empty) or cannot be written, 2 for usage.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..course.fields import ID_PATTERN
from ..course.sitefiles import read_layout
from ..errors import AnnotrainError
from ..fileio import write_atomic
from ..tasktypes import TASK_TYPES
from .newsite import write_site
from .starters import MAX_QUIZ_NAME, exercise_starter, quiz_starter

NAME = "new"
HELP = "print a starter exercise, or write a starter quiz"
EXAMPLES = """examples:
  annotrain new site my-course                      a starter course in ./my-course
  annotrain new site . --name "Onboarding" --github-pages
  annotrain new exercise choice                     a single-choice exercise on stdout
  annotrain new exercise multi --id w3-ticket-tags  a multi-label one with its id
  annotrain new exercise choice >> course/week-3/index.md
  annotrain new quiz week-3                         write quizzes/week-3.yml
"""


def _identifier(text: str) -> str:
    if not ID_PATTERN.match(text):
        raise argparse.ArgumentTypeError(
            f"{text!r}: use lowercase letters, digits, '-' or '_', starting with a letter or digit"
        )
    return text


def _quiz_name(text: str) -> str:
    text = _identifier(text)
    if len(text) > MAX_QUIZ_NAME:
        raise argparse.ArgumentTypeError(f"{text!r}: at most {MAX_QUIZ_NAME} characters")
    return text


def _starter(what, name: str, help_text: str) -> argparse.ArgumentParser:
    """The parser of ``annotrain new NAME``, whose help ends with every starter's examples."""
    return what.add_parser(
        name, help=help_text, epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter
    )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "Starters that are valid as they stand: edit them instead of a blank page."
    parser.epilog = EXAMPLES
    what = parser.add_subparsers(dest="what", metavar="WHAT", required=True)
    site = _starter(what, "site", "write a small starter course that builds as it stands")
    site.add_argument("folder", type=Path, metavar="DIR", help="where to write it (empty or new)")
    site.add_argument("--name", default="My annotation course", help="the site's name")
    site.add_argument(
        "--github-pages",
        action="store_true",
        help="add .github/workflows/publish.yml, which publishes the site to GitHub Pages",
    )
    site.add_argument("--force", action="store_true", help="write into a folder that is not empty")
    exercise = _starter(what, "exercise", "print a commented exercise block for a lesson")
    exercise.add_argument(
        "type",
        choices=sorted(TASK_TYPES),
        metavar="TYPE",
        help=f"one of: {', '.join(sorted(TASK_TYPES))}",
    )
    exercise.add_argument(
        "--id", type=_identifier, help="the exercise id (default: new-TYPE-exercise)"
    )
    quiz = _starter(what, "quiz", "write a commented starter quiz to quizzes/NAME.yml")
    quiz.add_argument("name", type=_quiz_name, metavar="NAME", help="the quiz id and file name")
    quiz.add_argument(
        "--config",
        type=Path,
        default=Path("mkdocs.yml"),
        help="the site's mkdocs.yml, for its quizzes folder (default: %(default)s)",
    )


def run(args: argparse.Namespace) -> int:
    if args.what == "site":
        return _site(args)
    return _exercise(args) if args.what == "exercise" else _quiz(args)


def _site(args: argparse.Namespace) -> int:
    try:
        written = write_site(args.folder, args.name, args.force, args.github_pages)
    except AnnotrainError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"error: cannot write the site: {error}", file=sys.stderr)
        return 1
    print(f"wrote {len(written)} files in {args.folder}:")
    for name in written:
        print(f"  {name}")
    where = "" if args.folder.resolve() == Path.cwd().resolve() else f"cd {args.folder} && "
    print(f"next: {where}mkdocs serve   (then open http://127.0.0.1:8000/)")
    return 0


def _exercise(args: argparse.Namespace) -> int:
    sys.stdout.write(exercise_starter(args.type, args.id or f"new-{args.type}-exercise"))
    return 0


def _quiz(args: argparse.Namespace) -> int:
    try:
        if args.config.is_file():
            layout = read_layout(args.config)
            folder, rubrics = layout.quizzes_dir, layout.rubrics
        else:
            folder = Path("quizzes")
            rubrics = folder / "rubrics.yml"
        path = folder / f"{args.name}.yml"
        if path.resolve() == rubrics.resolve():
            raise AnnotrainError(f"{path}: is the site's rubric file; choose another quiz name")
        if path.exists():
            raise AnnotrainError(f"{path}: already exists; choose another name or edit that file")
        write_atomic(path, quiz_starter(args.name))
    except OSError as error:
        print(f"error: cannot write the quiz: {error}", file=sys.stderr)
        return 1
    except AnnotrainError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"wrote {path}; place it on a page with a block holding 'quiz: {args.name}'")
    return 0
