"""The ``annotrain`` command line for trainers.

Each subcommand lives in :mod:`annotrain.commands`; this module only builds the
parser and dispatches. Exit status: what the command returns (0 for success, 1
when it found problems), 2 for a usage problem.
"""

from __future__ import annotations

import argparse
import sys

from . import COMMANDS

EXAMPLES = """examples:
  annotrain validate                          check the whole course of ./mkdocs.yml
  annotrain grade attempts/                   re-grade quiz attempt files, write a report
  annotrain report attempts/ -o report.html   the cohort's scores and item analysis as a page
  annotrain verify ana-lima-final-exam-credential.json   check a credential offline
  annotrain agreement attempts/*.json         inter-annotator agreement, most disputed first
  annotrain import label-studio export.json --config config.xml -o quizzes/reviews.yml
  annotrain import coco instances.json --images images/ -o quizzes/defects.yml
  annotrain new quiz week-9                   a commented starter quiz
  annotrain keys new                          the key pair that signs exam tickets
  annotrain tickets final-exam --candidates cohort.csv --key keys/trainer.pem
  annotrain receive attempts/ --allow-origin https://training.example.org
  annotrain package scorm --version 1.2 --quiz final -o course.zip   the course for an LMS
  annotrain COMMAND --help                    what a command does, with examples
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="annotrain",
        description="Trainer tools for annotrain courses.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        sub = commands.add_parser(
            command.NAME, help=command.HELP, formatter_class=argparse.RawDescriptionHelpFormatter
        )
        command.add_arguments(sub)
        sub.set_defaults(handler=command.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    return args.handler(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
