"""``annotrain grade``: re-grade quiz attempt files with the Python grader.

    annotrain grade ATTEMPT.json|FOLDER ... [--quiz ID] [--output PATH]
    annotrain grade --lrs URL [--quiz ID] [--output PATH]
                    [--max-bytes SIZE] [--config mkdocs.yml]
                    [--sign KEY.pem [--sign-flagged] [--valid-for PERIOD] [--issuer NAME]]
                    [--forgive FILE] [--before REPORT.json]

Every score is recomputed from the raw responses; the browser's numbers are only
compared. The findings per attempt are listed in :func:`grade_attempt` and in the
trainer guide. With ``--lrs URL`` the attempts come from a Learning Record Store
instead of files (:mod:`annotrain.grading.lrs`; the account in the environment
variable ``ANNOTRAIN_LRS_AUTH``), and ``--sign`` also posts each credential there.
Each file that cannot be graded is one line on stderr and the
others are still graded. Writes PATH.csv and PATH.json, by default
``annotrain-grades`` in the folder of the first attempt argument; with ``--sign``,
credentials and certificates in ``credentials/`` beside them (see :mod:`.issuing`).
``--forgive`` applies a forgiveness file (withdrawn tasks, accepted answers,
replaced gold: :mod:`annotrain.grading.forgiveness`), ``--before`` compares with an
earlier report (see :mod:`.forgive`).
Exit status 0 when every file was graded, 1 when some could not be (or the course
does not load, a ``--forgive`` or ``--before`` file is unusable, or the report
cannot be written), 2 for usage (also a ``--sign`` key that is not the site's).
"""

from __future__ import annotations

import argparse
import csv
import functools
import io
import json
import math
import sys
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from pathlib import Path

from ..course.loader import load_course
from ..course.quizzes import Quiz
from ..errors import AnnotrainError
from ..fileio import write_atomic
from ..grading.attempts import (
    MAX_BYTES,
    Attempt,
    AttemptError,
    GradeReportError,
    attempt_files,
    read_attempt,
)
from ..grading.cohort import copies, reused_tickets, shared_wrong_answers
from ..grading.forgiveness import Forgiveness
from ..grading.lrs import (
    LRSError,
    Submitted,
    credential_from_env,
    endpoint_of,
    submitted_attempts,
)
from ..grading.quiz import draw, grade_quiz
from ..grading.simulation import authored_attempt, simulate
from ..grading.tickets import check_ticket
from ..safetext import for_csv, for_terminal
from ..signing.sitekeys import layout_keys
from ..signing.tickets import extra_time, public_keys
from . import forgive, issuing, lrs_post
from .options import add_config_option, add_max_bytes_option

NAME = "grade"
HELP = "re-grade quiz attempt files and report scores and findings"
EXAMPLES = """examples:
  annotrain grade attempts/                        every *.json attempt in a folder;
                                                   writes attempts/annotrain-grades.csv and .json
  annotrain grade ana.json ben.json --quiz final-exam
                                                   only attempts at the quiz 'final-exam'
  annotrain grade attempts/ --output reports/week-1  writes reports/week-1.csv and .json
  ANNOTRAIN_LRS_AUTH=trainer:secret annotrain grade --lrs https://lrs.example.org/xAPI/
                                                   the attempts the site sent to an LRS;
                                                   writes annotrain-grades.csv and .json here
  annotrain grade attempts/ --sign keys/trainer.pem --valid-for 2y
                                                   also a signed credential and a printable
                                                   certificate for each passed exam, in
                                                   attempts/credentials/
  annotrain grade attempts/ --forgive forgive.yml --before attempts/annotrain-grades.json \
                  --output attempts/forgiven
                                                   re-grade with withdrawn tasks, accepted
                                                   answers and replaced gold, and list who
                                                   now passes or fails

exit status: 0 when every file was graded, 1 when some could not be (each is one
line on stderr; the others are graded and reported), 2 for a wrong command line.
"""
#: The report's name when --output is not given, in the folder of the first attempt.
REPORT_NAME = "annotrain-grades"
#: Seconds allowed past the time limit (page load, clock drift) before flagging.
GRACE_SECONDS = 60
SCORE_TOLERANCE = 1e-6
#: A time this far after now is still the candidate's clock being a little fast.
CLOCK_SKEW = timedelta(minutes=10)
#: annotrain did not exist before this: an earlier time is a wrong clock or an edit.
EARLIEST = datetime(2020, 1, 1, tzinfo=timezone.utc)
#: An attempt open longer than this is flagged, whatever the quiz's time limit.
LONGEST = timedelta(days=30)
#: How many unknown task ids a finding names before "and N more".
NAMED = 5

CSV_COLUMNS = [
    "file", "candidate", "candidate_id", "email", "quiz", "attempt_format", "mode", "ticket",
    "started", "submitted", "score", "passed", "critical_failures", "held_back", "revealed",
    "stopped", "stopped_at", "flags", "credential",
]  # fmt: skip


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Re-grade attempt files from their raw responses and flag anything suspicious."
    )
    parser.epilog = EXAMPLES
    parser.add_argument(
        "attempts", nargs="*", type=Path, help="attempt files, or folders of them (not with --lrs)"
    )
    parser.add_argument(
        "--lrs",
        metavar="URL",
        help="read the attempts from this xAPI endpoint instead of files, with the LRS "
        "account in the environment variable ANNOTRAIN_LRS_AUTH (user:password)",
    )
    parser.add_argument("--quiz", metavar="ID", help="grade only attempts at this quiz id")
    parser.add_argument(
        "--output",
        type=Path,
        metavar="PATH",
        help="write the report as PATH.csv and PATH.json (default: "
        f"{REPORT_NAME} in the folder of the first attempt argument)",
    )
    add_max_bytes_option(parser, MAX_BYTES, "attempt files")
    add_config_option(parser)
    issuing.add_arguments(parser)
    forgive.add_arguments(parser)


def quiz_attempt(attempt: Attempt, quizzes: Mapping[str, Quiz]) -> tuple[Quiz, Attempt]:
    """The attempt's quiz, and the attempt with its quiz file's task ids.

    A sealed simulation's page shows opaque ids. AttemptError when the course has no
    such quiz or the ids are none of its.
    """
    quiz = quizzes.get(attempt.quiz)
    if quiz is None:
        raise AttemptError(attempt.path, "$.quiz", f"no quiz {attempt.quiz!r} in this course")
    return quiz, authored_attempt(attempt, quiz)


def run(args: argparse.Namespace) -> int:
    if bool(args.attempts) == bool(args.lrs):
        _error("give attempt files or folders, or --lrs URL (not both)")
        return 2
    try:
        course = load_course(args.config)
    except AnnotrainError as error:
        _error(error)
        return 1
    if course.errors:
        for error in course.errors:
            _error(error)
        _error("fix the course before grading: its quizzes must load")
        return 1
    try:
        site_keys = layout_keys(course.layout)
    except AnnotrainError as error:
        _error(error)
        return 1
    keys = public_keys(site_keys) if site_keys.enabled else None
    try:
        issuer = issuing.prepare(args, course, site_keys)
    except AnnotrainError as error:  # --sign as given cannot be used
        _error(error)
        return 2
    try:
        forgiveness, before = forgive.prepare(args, course)
    except AnnotrainError as error:  # every problem of the file, each on its line
        for problem in getattr(error, "errors", [error]):
            _error(problem)
        return 1
    base = report_path(args.output, args.attempts)
    csv_path, json_path = (base.parent / (base.name + suffix) for suffix in (".csv", ".json"))
    try:
        sources, problems, sent = _sources(args, course, json_path)
    except LRSError as error:
        _error(error)
        return 1
    for problem in problems:
        _error(problem)
    now = datetime.now(timezone.utc)
    rows, graded = [], []
    for _path, load in sources:
        try:
            attempt = load()
        except GradeReportError as note:
            _error(f"skipped {note}")  # an earlier report beside the attempts is no failure
            continue
        except AttemptError as error:
            problems.append(str(error))
            _error(error)
            continue
        if args.quiz and attempt.quiz != args.quiz:
            continue
        try:
            quiz, attempt = quiz_attempt(attempt, course.quizzes)
        except AttemptError as error:
            problems.append(str(error))
            _error(error)
            continue
        rows.append(
            grade_attempt(
                attempt, quiz, course.layout.site_id, course.messages, now, keys, forgiveness
            )
        )
        graded.append(attempt)
    for row, findings in zip(rows, cohort_findings(graded, rows), strict=True):
        row["flags"] += findings
    print_table(rows)
    extra = forgive.report(forgiveness, before, rows, args.before)
    try:
        _sign(issuer, rows, graded, course, base.parent, now, args.max_bytes)
        write_atomic(json_path, json_report(rows, problems, extra))
        write_atomic(csv_path, csv_report(rows))
    except OSError as error:
        _error(f"{base}: cannot write the report: {error.strerror or error}")
        return 1
    if issuer is not None and args.lrs:
        try:
            for line in lrs_post.post_credentials(args.lrs, course, rows, sent, base.parent):
                print(for_terminal(line))
        except LRSError as error:
            _error(error)
            return 1
    print(
        for_terminal(
            f"Wrote {csv_path} and {json_path}: {len(rows)} graded, {len(problems)} not graded."
        )
    )
    return 1 if problems else 0


def _sources(args, course, json_path: Path) -> tuple[list, list[str], dict[str, Submitted]]:
    """(what to grade: (shown path, loader) pairs, problems found, the LRS's attempts by label).

    From files, an earlier report about to be replaced is left out; from an LRS
    (``--lrs``), each submitted attempt the account can read.
    """
    if args.lrs:
        endpoint = endpoint_of(args.lrs)
        if not course.layout.site_url:
            raise LRSError(
                "--lrs needs site_url in mkdocs.yml: the site's statements name its quizzes by it"
            )
        found = submitted_attempts(endpoint, credential_from_env(), course.layout.site_url)
        sources = [(s.label, s.read) for s in found]
        return sources, [], {s.label: s for s in found}
    files, problems = attempt_files(args.attempts)
    sources = [
        (path, functools.partial(read_attempt, path, args.max_bytes))
        for path in files
        if path.resolve() != json_path.resolve()  # an earlier report, about to be replaced
    ]
    return sources, problems, {}


def _sign(issuer, rows, graded, course, folder: Path, now: datetime, max_bytes: int) -> None:
    """Credentials for the passed exams (with --sign); every row gets ``credential``."""
    folder = folder / issuing.FOLDER
    for line in issuing.sign_rows(issuer, rows, graded, course, folder, now, max_bytes):
        print(for_terminal(line))


def cohort_findings(attempts: list[Attempt], rows: list[dict]) -> list[list[str]]:
    """For each attempt, in order, what only the whole batch shows (see grading.cohort)."""
    scores = [{tid: task["score"] for tid, task in row["tasks"].items()} for row in rows]
    found = [
        copies(attempts),
        reused_tickets(attempts),
        shared_wrong_answers(zip(attempts, scores, strict=True)),
    ]
    return [[flag for kind in found for flag in kind.get(attempt.path, [])] for attempt in attempts]


def _error(message: object) -> None:
    """One line on stderr, with anything read from a file made safe for the terminal."""
    print(for_terminal(str(message)), file=sys.stderr)


def report_path(output: Path | None, attempts: list[Path]) -> Path:
    """Where the report goes, without its suffix.

    ``--output PATH`` gives PATH (a .csv or .json ending is dropped; an existing
    folder gets the default name inside it); without it, the folder of the first
    attempt argument that exists (that folder itself when it is one), else the
    working folder.
    """
    if output is None:
        first = next((path for path in attempts if path.exists()), Path(REPORT_NAME))
        return (first if first.is_dir() else first.parent) / REPORT_NAME
    if output.is_dir():
        return output / REPORT_NAME
    if output.suffix.lower() in (".csv", ".json"):
        return output.with_suffix("")
    return output


def grade_attempt(
    attempt: Attempt,
    quiz: Quiz,
    site: str | None,
    messages: dict[str, str],
    now: datetime | None = None,
    keys: Mapping[str, bytes] | None = None,
    forgiveness: Forgiveness | None = None,
) -> dict:
    """The report row of one attempt: recomputed results and findings (``flags``).

    With ``forgiveness`` (a forgiveness file), an attempt at its quiz is scored with
    it applied, and the row's ``forgiven`` lists the decisions about its tasks; the
    browser's numbers are still compared with the grade without it.

    ``revealed`` lists the tasks whose answer the candidate saw before submitting
    (a practice quiz shows it on request); it is a finding in any other mode, whose
    page never shows an answer before submitting.

    Findings: tasks the quiz does not have; the quiz changed since the attempt (the
    version differs: the public version for format 2, the full one for format 1);
    the tasks are not the draw of the seed; another site; another mode (format 2);
    over the time limit (plus the ticket's extra minutes); times in the future,
    before 2020 or spanning more than 30 days; and, when the quiz is unchanged, the
    browser's score or verdict differing from the recomputed one, not being a
    number in [0, 1] or true/false, or being there at all in an exam.

    With ``keys`` (key id -> raw public key: the site has a key), an attempt at an
    exam-mode quiz needs a ticket: no ticket, a ticket that does not open, and
    what :func:`annotrain.grading.tickets.check_ticket` finds are flagged.
    """
    now = now or datetime.now(timezone.utc)
    flags: list[str] = []
    claims = None
    if keys is not None and quiz.mode == "exam":
        claims, found = check_ticket(attempt, keys, site)
        flags += found
    known = [task_id for task_id in attempt.tasks if task_id in quiz.entries]
    unknown = [task_id for task_id in attempt.tasks if task_id not in quiz.entries]
    if unknown:
        more = f" and {len(unknown) - NAMED} more" if len(unknown) > NAMED else ""
        flags.append(f"tasks not in the quiz: {', '.join(unknown[:NAMED])}{more}")
    version = quiz.public_version if attempt.format >= 2 else quiz.version
    same_quiz = attempt.quiz_version == version
    if not same_quiz:
        flags.append(
            f"quiz changed since the attempt (version {attempt.quiz_version}, now {version})"
        )
    elif attempt.tasks != draw(quiz, attempt.seed):
        flags.append("the tasks are not the draw of the recorded seed")
    if site and attempt.site != site:
        flags.append(f"attempt from another site ({attempt.site!r})")
    if attempt.mode is not None and attempt.mode != quiz.mode:
        flags.append(f"taken in {attempt.mode} mode; the quiz is in {quiz.mode} mode")
    if attempt.revealed and (attempt.mode or quiz.mode) != "practice":
        flags.append(
            f"answers shown before submitting ({', '.join(attempt.revealed[:NAMED])}), "
            f"which a {attempt.mode or quiz.mode}-mode quiz never does"
        )
    # A simulation's work items have no gold: only its gold tasks are scored.
    scored = [tid for tid in known if quiz.entries[tid].task.gold is not None]
    result = grade_quiz(quiz, scored, attempt.responses, messages)
    replayed = None
    if quiz.simulation is not None:
        replayed = simulate(quiz, attempt.tasks, attempt.responses, messages)
        result["passed"] = result["passed"] and not replayed["stopped"]
        if attempt.trace is not None and attempt.trace != replayed["trace"]:
            flags.append(
                "the browser's running-accuracy trace differs from the recomputed one: "
                "possible tampering"
            )
    flags += _time_flags(attempt, quiz, now, extra_time(claims) if claims else timedelta(0))
    if same_quiz:  # a changed quiz grades differently: no sign of tampering
        flags += _client_flags(attempt, result)
    forgiven = forgiveness is not None and forgiveness.quiz == quiz.id
    if forgiven:
        result = forgiveness.grade(quiz, scored, attempt.responses, messages)
        if quiz.simulation is not None:
            replayed = forgiveness.simulate(quiz, attempt.tasks, attempt.responses, messages)
            result["passed"] = result["passed"] and not replayed["stopped"]
    row = {
        "file": attempt.path,
        "candidate": attempt.candidate.get("name", ""),
        "candidate_id": attempt.candidate.get("id", ""),
        "email": attempt.candidate.get("email", ""),
        "quiz": quiz.id,
        "attempt_format": attempt.format,
        "mode": attempt.mode,
        "ticket": claims["id"] if claims else None,
        "started": _utc(attempt.started),
        "submitted": _utc(attempt.submitted),
        "score": round(result["score"], 6),
        "passed": result["passed"],
        "critical_failures": result["critical_failures"],
        "held_back": result["held_back"],
        "revealed": list(attempt.revealed),
        "stopped": None if replayed is None else replayed["stopped"],
        "stopped_at": replayed["stop"]["task"] if replayed and replayed["stopped"] else None,
        "flags": flags,
        "criteria": {cid: round(c["value"], 6) for cid, c in result["criteria"].items()},
        "tasks": {
            tid: {"score": round(g["score"], 6), "passed": g["passed"]}
            for tid, g in result["tasks"].items()
        },
        "sections": [{**s, "score": round(s["score"], 6)} for s in result["sections"]],
        "simulation": replayed,
    }
    if forgiveness is not None:
        pardons = forgiveness.applied(attempt.tasks) if forgiven else []
        row["forgiven"] = [
            {"task": p.task, "decision": p.kinds, "reason": p.reason} for p in pardons
        ]
    return row


def _utc(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def _time_flags(attempt: Attempt, quiz: Quiz, now: datetime, extra: timedelta) -> list[str]:
    """Times no real attempt has: over the limit (plus ``extra``), in the future, too early, too long."""
    flags = []
    for name, moment in (("started", attempt.started), ("submitted", attempt.submitted)):
        if moment > now + CLOCK_SKEW:
            flags.append(f"{name} {_utc(moment)} is in the future")
        elif moment < EARLIEST:
            flags.append(
                f"{name} {_utc(moment)} is before {EARLIEST.year}: a wrong clock or an edit"
            )
    taken = attempt.submitted - attempt.started
    limit = quiz.time_limit * 60 + extra.total_seconds() if quiz.time_limit else 0
    if limit and taken.total_seconds() > limit + GRACE_SECONDS:
        extra_text = (
            f" ({quiz.time_limit:g} + {extra.total_seconds() / 60:g} extra)" if extra else ""
        )
        flags.append(f"took {_duration(taken)}, over the {limit / 60:g} min limit{extra_text}")
    elif taken > LONGEST:
        flags.append(f"took {_duration(taken)}, longer than any attempt ({LONGEST.days} days)")
    return flags


def _duration(taken: timedelta) -> str:
    """``taken`` in minutes up to two hours, then hours up to two days, then days."""
    minutes = taken.total_seconds() / 60
    if minutes < 120:
        return f"{minutes:.1f} min"
    if minutes < 48 * 60:
        return f"{minutes / 60:.1f} hours"
    return f"{taken.days} days"


def _client_flags(attempt: Attempt, result: dict) -> list[str]:
    """What the browser reported, against the recomputed result.

    A score is compared when present (null counts as absent), the verdict likewise,
    each on its own: a browser may give one without the other.
    """
    client = attempt.client
    flags = []
    if attempt.mode == "exam" and client:
        flags.append("the browser sent results for an exam, which it cannot grade")
    score = client.get("score")
    if score is not None:
        if not _is_number(score):
            flags.append(f"browser score {_short(score)} is not a number: possible tampering")
        elif not 0 <= score <= 1:
            flags.append(f"browser score {score:g} is outside 0 to 1: possible tampering")
        elif abs(score - result["score"]) > SCORE_TOLERANCE:
            flags.append(
                f"browser reported score {score:.4f}, recomputed {result['score']:.4f}: "
                "possible tampering"
            )
    passed = client.get("passed")
    if passed is not None:
        if not isinstance(passed, bool):
            flags.append(
                f"browser verdict {_short(passed)} is not true or false: possible tampering"
            )
        elif passed != result["passed"]:
            flags.append(
                f"browser reported {_verdict(passed)}, recomputed {_verdict(result['passed'])}: "
                "possible tampering"
            )
    return flags


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _short(value: object, limit: int = 40) -> str:
    text = json.dumps(value)  # NaN and Infinity come out as such
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _verdict(passed: bool) -> str:
    return "pass" if passed else "fail"


def print_table(rows: list[dict]) -> None:
    """The graded attempts as a table; every text from a file escaped and cut to fit.

    A failed attempt that a section held back says which, after its verdict.
    """
    if not rows:
        print("No attempts graded.")
        return
    table = [
        (
            for_terminal(r["candidate"] or Path(r["file"]).name, 40),
            for_terminal(r["quiz"], 24),
            f"{r['score'] * 100:5.1f}%",
            _verdict(r["passed"]),
            for_terminal(_held_back_text(r) + _stopped_text(r), 80),
            for_terminal("; ".join(r["flags"]) or "-", 400),
        )
        for r in rows
    ]
    who = max(len("candidate"), *(len(line[0]) for line in table))
    quiz = max(len("quiz"), *(len(line[1]) for line in table))
    result = max(len("result"), *(len(line[3]) + len(line[4]) for line in table))
    print(f"{'candidate':<{who}}  {'quiz':<{quiz}}  {'score':>6}  {'result':<{result}}  findings")
    for name, quiz_id, score, verdict, held, findings in table:
        print(
            f"{name:<{who}}  {quiz_id:<{quiz}}  {score:>6}  {verdict + held:<{result}}  {findings}"
        )


def _held_back_text(row: dict) -> str:
    """`` (held back: Boxes 55.0% < 70.0%)``: the gated sections that failed the attempt."""
    if not row["held_back"]:
        return ""
    scores = {s["title"]: s for s in row["sections"]}
    parts = []
    for title in row["held_back"]:
        section = scores.get(title)
        if section is None:  # no drawn task in it: nothing measured the skill
            parts.append(f"{title} not drawn")
        else:
            parts.append(f"{title} {section['score'] * 100:.1f}% < {section['min_score'] * 100:g}%")
    return f" (held back: {', '.join(parts)})"


def _stopped_text(row: dict) -> str:
    """`` (stopped after g7)``: where a simulation's rule took the candidate off the job."""
    return f" (stopped after {row['stopped_at']})" if row["stopped"] else ""


def json_report(rows: list[dict], problems: list[str], extra: dict | None = None) -> str:
    """The whole report as JSON text, values exactly as read and computed.

    ``extra``: more top-level parts (``forgiveness``, ``changes``: see :mod:`.forgive`).
    """
    report = {"format": "annotrain-grade-report/2", "attempts": rows, "not_graded": problems}
    report |= extra or {}
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


def csv_report(rows: list[dict]) -> str:
    """One row per attempt; texts that a spreadsheet would run as formulas neutralised.

    After the fixed columns: each section's score (``section:<title>``) and, for a
    section with a minimum, whether it was met (``met:<title>``), in the order the
    sections first appear; then the criteria and the tasks. An untitled section is
    named by its place, ``#2``.
    """
    criteria = sorted({cid for r in rows for cid in r["criteria"]})
    tasks = sorted({tid for r in rows for tid in r["tasks"]})
    sections = {label: None for r in rows for label in _sections_by_label(r)}
    gated = {
        label: None
        for r in rows
        for label, s in _sections_by_label(r).items()
        if s["min_score"] is not None
    }
    columns = CSV_COLUMNS + [c for c in forgive.CSV_COLUMNS if any(c in r for r in rows)]
    out = io.StringIO()
    writer = csv.writer(out)  # CRLF ends rows, so a CR or LF in a cell is quoted
    writer.writerow(
        columns
        + [f"section:{label}" for label in sections]
        + [f"met:{label}" for label in gated]
        + [f"criterion:{c}" for c in criteria]
        + [f"task:{t}" for t in tasks]
    )
    for r in rows:
        line = [_cell(r, c) for c in columns]
        line = ["" if value is None else value for value in line]
        own = _sections_by_label(r)
        line += [own[label]["score"] if label in own else "" for label in sections]
        line += [_met(own.get(label)) for label in gated]
        line += [r["criteria"].get(c, "") for c in criteria]
        line += [r["tasks"][t]["score"] if t in r["tasks"] else "" for t in tasks]
        writer.writerow([for_csv(value) for value in line])
    return out.getvalue()


def _sections_by_label(row: dict) -> dict[str, dict]:
    """A row's sections by their column label: the title, or ``#<place>`` when untitled."""
    return {s["title"] or f"#{index + 1}": s for index, s in enumerate(row["sections"])}


def _met(section: dict | None) -> object:
    """The ``met:`` cell: True or False, empty where the row's section has no minimum."""
    return "" if section is None or section["met"] is None else section["met"]


def _cell(row: dict, column: str) -> object:
    """A row's value in the CSV: findings joined by "; ", revealed task ids by spaces."""
    if column == "flags":
        return "; ".join(row["flags"])
    if column == "revealed":
        return " ".join(row["revealed"])
    if column == "held_back":
        return "; ".join(row["held_back"])
    if column in forgive.CSV_COLUMNS:
        return forgive.cell(row, column)
    return row[column]
