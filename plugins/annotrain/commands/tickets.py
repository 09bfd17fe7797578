"""``annotrain tickets``: signed exam tickets for a list of candidates, as a mail-merge CSV.

    annotrain tickets QUIZ --candidates FILE.csv --key KEY.pem [--attempts N]
                      [--from DATE] [--until DATE] [--out FILE.csv] [--config mkdocs.yml]

One ticket per candidate and attempt (see :mod:`annotrain.signing.tickets` for the
claims), each with a link to the page that places the quiz:
``<site_url><page>#ticket=<token>``. The quiz must be in exam mode and the site
must publish the key's public half (``public_key``), or the exam page could not
check the tickets. Exit status: 0 when the tickets were written, 1 when something
stops it (the course, the quiz, the key, the list, the output file), 2 for usage.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

from ..course.loader import load_course
from ..errors import AnnotrainError
from ..fileio import InputError, read_limited, write_atomic
from ..safetext import for_csv, for_terminal
from ..signing.candidates import CandidatesError, read_candidates
from ..signing.keys import load_private_key
from ..signing.sitekeys import layout_keys
from ..signing.tickets import current_key_id, is_site_key, iso, new_ticket, parse_when
from ..signing.tokens import sign
from .options import add_config_option

NAME = "tickets"
HELP = "issue signed exam tickets to a list of candidates"
EXAMPLES = """examples:
  annotrain tickets final-exam --candidates cohort.csv --key ~/keys/trainer.pem
  annotrain tickets final-exam --candidates cohort.csv --key ~/keys/trainer.pem \\
      --from 2026-12-07 --until 2026-12-08 --attempts 2 --out mail/final-exam-tickets.csv

The candidates' CSV has the columns id and name, and optionally email and
extra_minutes. The output CSV (id,name,email,attempt,ticket_id,link,ticket) is for
a mail merge: send each link to its candidate only.

exit status: 0 when the tickets were written, 1 when the course, the quiz, the
key, the list or the output stops it, 2 for a wrong command line.
"""
OUTPUT_COLUMNS = ["id", "name", "email", "attempt", "ticket_id", "link", "ticket"]
#: The candidates' list is refused past this size (100,000 candidates fit in 10 MB).
MAX_LIST_BYTES = 10 * 1024 * 1024
MAX_ATTEMPTS = 20
#: How many problems of the list are printed before "and N more".
SHOWN_PROBLEMS = 20
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}


def _attempts(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= MAX_ATTEMPTS:
        raise argparse.ArgumentTypeError(f"{text!r}: a whole number from 1 to {MAX_ATTEMPTS}")
    return int(text)


def _moment(end_of_day: bool):
    def parse(text: str) -> datetime:
        try:
            return parse_when(text, end_of_day)
        except ValueError as error:
            raise argparse.ArgumentTypeError(str(error)) from None

    return parse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Sign one exam ticket per candidate and attempt, and write them with their links "
        "as a CSV for a mail merge."
    )
    parser.epilog = EXAMPLES
    parser.add_argument("quiz", metavar="QUIZ", help="the id of an exam-mode quiz")
    parser.add_argument(
        "--candidates",
        type=Path,
        required=True,
        metavar="FILE.csv",
        help="the candidates: columns id, name, and optionally email, extra_minutes",
    )
    parser.add_argument(
        "--key",
        type=Path,
        required=True,
        metavar="KEY.pem",
        help="your private key (annotrain keys new), whose public key the site publishes",
    )
    parser.add_argument(
        "--attempts",
        type=_attempts,
        default=1,
        metavar="N",
        help="tickets per candidate, for attempts 1 to N, each with its own draw (default: 1)",
    )
    parser.add_argument(
        "--from",
        dest="opens",
        type=_moment(False),
        metavar="DATE",
        help="the tickets open then: YYYY-MM-DD (the day's start, UTC) or a time with its zone",
    )
    parser.add_argument(
        "--until",
        dest="closes",
        type=_moment(True),
        metavar="DATE",
        help="the tickets close then: YYYY-MM-DD (the day's end, UTC) or a time with its zone",
    )
    parser.add_argument(
        "--out",
        type=Path,
        metavar="FILE.csv",
        help="where to write the tickets, never replacing a file; a folder gets "
        "QUIZ-tickets.csv in it (default: beside the candidates' file)",
    )
    add_config_option(parser)


def run(args: argparse.Namespace) -> int:
    if args.opens and args.closes and args.closes < args.opens:
        _error(f"--until {iso(args.closes)} is before --from {iso(args.opens)}")
        return 2
    try:
        return _issue(args)
    except AnnotrainError as error:
        _error(error)
        return 1


def _issue(args: argparse.Namespace) -> int:
    """Check everything a ticket depends on, then sign and write the tickets."""
    course, quiz, private_key = _exam_and_key(args)
    layout = course.layout
    pages = course.placements[quiz.id]
    candidates = _candidates(args.candidates)
    out = args.out or args.candidates.parent
    if out.is_dir():
        out = out / f"{quiz.id}-tickets.csv"
    if out.exists() or out.is_symlink():
        raise AnnotrainError(
            f"{out} already exists: it may hold tickets already sent; choose another --out"
        )
    page = layout.site_url + layout.page_url(pages[0])
    issued = datetime.now(timezone.utc).replace(microsecond=0)
    rows = []
    for candidate in candidates:
        for number in range(1, args.attempts + 1):
            claims = new_ticket(
                layout.site_id, quiz.id, quiz.public_version, candidate, number,
                args.opens, args.closes, issued,
            )  # fmt: skip
            token = sign(claims, private_key)
            link = f"{page}#ticket={token}"
            rows.append(
                [candidate.id, candidate.name, candidate.email, number, claims["id"], link, token]
            )
    try:
        write_atomic(out, _csv(rows))  # made readable by its owner only, as a key is
    except OSError as error:
        raise AnnotrainError(
            f"{out}: cannot write the tickets: {error.strerror or error}"
        ) from None
    _summary(args, quiz, layout, pages, candidates, len(rows), page, out, issued)
    return 0


def _exam_and_key(args: argparse.Namespace):
    """(course, quiz, private key) once the quiz, the site and the key can take tickets.

    Raises AnnotrainError naming what stops it: the course, a quiz that is not an
    exam, a site without public_key or site_url, a key that is not the site's, no
    page placing the quiz.
    """
    course = load_course(args.config)
    if course.errors:
        for error in course.errors:
            _error(error)
        raise AnnotrainError("fix the course first: a ticket names the quiz's version")
    quiz = course.quizzes.get(args.quiz)
    if quiz is None:
        known = ", ".join(sorted(course.quizzes)) or "none"
        raise AnnotrainError(f"no quiz {args.quiz!r} in this course; quizzes: {known}")
    if quiz.mode != "exam":
        raise AnnotrainError(
            f"quiz {quiz.id!r} is in {quiz.mode} mode: tickets are for exam-mode quizzes "
            f"(mode: exam in its file), whose pages hold no answers; a {quiz.mode}-mode "
            "page starts without a ticket"
        )
    layout = course.layout
    site_keys = layout_keys(layout)
    if not site_keys.enabled:
        raise AnnotrainError(
            "mkdocs.yml sets no public_key for the annotrain plugin: the exam pages could "
            "not check tickets. Add public_key (the .pub.pem file `annotrain keys new` "
            "wrote) to the plugin's options and publish the site again"
        )
    private_key = load_private_key(args.key)
    if not is_site_key(private_key, site_keys):
        raise AnnotrainError(
            f"{args.key} is not the private key of the site's public_key (key id "
            f"{current_key_id(site_keys)}): the exam pages would refuse its tickets"
        )
    if not layout.site_url:
        raise AnnotrainError(
            "mkdocs.yml has no site_url: the tickets' links need the address learners use"
        )
    if not course.placements.get(quiz.id):
        raise AnnotrainError(
            f"no page places quiz {quiz.id!r}: add a block holding 'quiz: {quiz.id}' to a "
            "lesson, publish the site, then issue the tickets"
        )
    return course, quiz, private_key


def _candidates(path: Path):
    shown = str(path)
    try:
        return read_candidates(
            read_limited(path, MAX_LIST_BYTES, "a list of candidates", "split the list"), shown
        )
    except CandidatesError as error:
        for problem in error.problems[:SHOWN_PROBLEMS]:
            _error(problem)
        more = len(error.problems) - SHOWN_PROBLEMS
        if more > 0:
            _error(f"{shown}: and {more} more problems")
        raise AnnotrainError(f"{shown}: no tickets issued; fix the list first") from None
    except InputError as error:
        raise AnnotrainError(str(error)) from None


def _csv(rows: list[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(OUTPUT_COLUMNS)
    for row in rows:
        writer.writerow([for_csv(value) for value in row])
    return out.getvalue()


def _summary(args, quiz, layout, pages, candidates, count, page, out, issued) -> None:
    """A few lines: what was issued, for when, where the links go, and what to watch."""
    attempts = "1 attempt" if args.attempts == 1 else f"attempts 1 to {args.attempts}"
    opens = iso(args.opens) if args.opens else "now"
    closes = iso(args.closes) if args.closes else "no end"
    lines = [
        f"Issued {_count(count, 'ticket')} for quiz {quiz.id!r} (version "
        f"{quiz.public_version}) to {_count(len(candidates), 'candidate')}, {attempts} each.",
        f"Window: from {opens} until {closes} (UTC).",
        f"Links open {page}",
    ]
    if len(pages) > 1:
        others = ", ".join(layout.shown(path) for path in pages[1:])
        lines.append(f"The quiz is also placed on {others}; the links go to the first page.")
    extra = sum(1 for candidate in candidates if candidate.extra_minutes)
    if extra:
        who = _count(extra, "candidate")
        lines.append(
            f"Extra minutes for {who}, on the quiz's {quiz.time_limit:g} min limit."
            if quiz.time_limit
            else f"Extra minutes for {who}, but the quiz has no time limit: they change nothing."
        )
    if args.closes and args.closes < issued:
        lines.append(f"Warning: the window closed already ({iso(args.closes)}).")
    if urlsplit(layout.site_url).hostname in LOCAL_HOSTS:
        lines.append(
            f"Warning: site_url is {layout.site_url}: these links work only on this computer."
        )
    lines.append(
        f"Wrote {out}. Send each link to its candidate only: whoever holds a ticket can take "
        "the exam in that candidate's name."
    )
    for line in lines:
        print(for_terminal(line))


def _count(number: int, word: str) -> str:
    return f"{number} {word}" if number == 1 else f"{number} {word}s"


def _error(message: object) -> None:
    print(for_terminal(f"error: {message}"), file=sys.stderr)
