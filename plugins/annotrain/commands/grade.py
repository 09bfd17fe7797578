"""``annotrain grade``: re-grade quiz attempt files with the Python grader.

    annotrain grade ATTEMPT.json|FOLDER ... [--quiz ID] [--output NAME] [--config mkdocs.yml]

Every score is recomputed from the raw responses; the browser's numbers are only
compared. Findings per attempt: the stored score differs from the recomputed one
(possible tampering), the quiz changed since the attempt (version), the tasks are
not the draw of the recorded seed, the time limit was exceeded, the attempt is from
another site. Writes NAME.csv and NAME.json. Exit status 0 when every file was
graded, 1 when some could not be (each is named with the reason).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from ..course.loader import load_course
from ..course.quizzes import Quiz
from ..errors import AnnotrainError
from ..fileio import write_atomic
from ..grading.attempts import Attempt, AttemptError, read_attempt
from ..grading.quiz import draw, grade_quiz, verification_code
from .options import add_config_option

NAME = "grade"
HELP = "re-grade quiz attempt files and report scores and findings"
EXAMPLES = """examples:
  annotrain grade attempts/                      every *.json attempt in a folder
  annotrain grade ana.json ben.json --quiz final  only attempts at the quiz 'final'
  annotrain grade attempts/ --output week-1       writes week-1.csv and week-1.json
"""
#: Seconds allowed past the time limit (page load, clock drift) before flagging.
GRACE_SECONDS = 60
SCORE_TOLERANCE = 1e-6


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Re-grade attempt files from their raw responses and flag anything suspicious."
    )
    parser.epilog = EXAMPLES
    parser.add_argument("attempts", nargs="+", type=Path, help="attempt files, or folders of them")
    parser.add_argument("--quiz", help="grade only attempts at this quiz id")
    parser.add_argument(
        "--output",
        default="annotrain-grades",
        help="report name: writes NAME.csv and NAME.json (default: %(default)s)",
    )
    add_config_option(parser)


def run(args: argparse.Namespace) -> int:
    try:
        course = load_course(args.config)
    except AnnotrainError as error:
        print(error, file=sys.stderr)
        return 1
    if course.errors:
        for error in course.errors:
            print(error, file=sys.stderr)
        print("fix the course before grading: its quizzes must load", file=sys.stderr)
        return 1
    rows, problems = [], []
    for path in _attempt_files(args.attempts, problems):
        try:
            attempt = read_attempt(path)
            if args.quiz and attempt.quiz != args.quiz:
                continue
            quiz = course.quizzes.get(attempt.quiz)
            if quiz is None:
                raise AttemptError(str(path), "$.quiz", f"no quiz {attempt.quiz!r} in this course")
            rows.append(grade_attempt(attempt, quiz, course.layout.site_id, course.messages))
        except AttemptError as error:
            problems.append(str(error))
    for problem in problems:
        print(problem, file=sys.stderr)
    _print_table(rows)
    _write_reports(Path(args.output), rows, problems)
    print(
        f"Wrote {args.output}.csv and {args.output}.json: {len(rows)} graded, {len(problems)} not graded."
    )
    return 1 if problems else 0


def _attempt_files(paths: list[Path], problems: list[str]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(path.glob("*.json")))
        elif path.exists():
            files.append(path)
        else:
            problems.append(f"{path}: no such file or folder")
    return files


def grade_attempt(attempt: Attempt, quiz: Quiz, site: str | None, messages: dict[str, str]) -> dict:
    """The report row of one attempt: recomputed results and findings."""
    flags: list[str] = []
    known = [task_id for task_id in attempt.tasks if task_id in quiz.entries]
    if len(known) != len(attempt.tasks):
        flags.append(
            f"tasks not in the quiz: {', '.join(t for t in attempt.tasks if t not in quiz.entries)}"
        )
    if attempt.quiz_version != quiz.version:
        flags.append(
            f"quiz changed since the attempt (version {attempt.quiz_version}, now {quiz.version})"
        )
    elif attempt.tasks != draw(quiz, attempt.seed):
        flags.append("the tasks are not the draw of the recorded seed")
    if site and attempt.site != site:
        flags.append(f"attempt from another site ({attempt.site!r})")
    result = grade_quiz(quiz, known, attempt.responses, messages)
    seconds = (attempt.submitted - attempt.started).total_seconds()
    if quiz.time_limit and seconds > quiz.time_limit * 60 + GRACE_SECONDS:
        flags.append(f"took {seconds / 60:.1f} min, over the {quiz.time_limit:g} min limit")
    client_score = attempt.client.get("score")
    reported = isinstance(client_score, (int, float)) and not isinstance(client_score, bool)
    if reported and (
        abs(client_score - result["score"]) > SCORE_TOLERANCE
        or attempt.client.get("passed") != result["passed"]
    ):
        flags.append(
            f"browser reported score {client_score:.4f}, recomputed {result['score']:.4f}: possible tampering"
        )
    name = attempt.candidate.get("name", "")
    return {
        "file": attempt.path,
        "candidate": name,
        "email": attempt.candidate.get("email", ""),
        "quiz": quiz.id,
        "submitted": attempt.submitted.isoformat(),
        "score": round(result["score"], 6),
        "passed": result["passed"],
        "critical_failures": result["critical_failures"],
        "verification": verification_code(
            attempt.quiz,
            attempt.quiz_version,
            attempt.seed,
            attempt.raw_submitted,  # the code is computed over the text the browser wrote
            result["score"],
            name,
        ),
        "flags": flags,
        "criteria": {cid: round(c["value"], 6) for cid, c in result["criteria"].items()},
        "tasks": {
            tid: {"score": round(g["score"], 6), "passed": g["passed"]}
            for tid, g in result["tasks"].items()
        },
    }


def _print_table(rows: list[dict]) -> None:
    if not rows:
        print("No attempts graded.")
        return
    width = max(len(r["candidate"] or Path(r["file"]).name) for r in rows)
    print(f"{'candidate':<{width}}  {'quiz':<12} {'score':>6}  {'result':<6}  code       findings")
    for r in rows:
        who = r["candidate"] or Path(r["file"]).name
        verdict = "pass" if r["passed"] else "fail"
        findings = "; ".join(r["flags"]) or "-"
        print(
            f"{who:<{width}}  {r['quiz']:<12} {r['score'] * 100:5.1f}%  {verdict:<6}  {r['verification']}  {findings}"
        )


def _write_reports(name: Path, rows: list[dict], problems: list[str]) -> None:
    name.parent.mkdir(parents=True, exist_ok=True)
    report = {"format": "annotrain-grade-report/1", "attempts": rows, "not_graded": problems}
    write_atomic(name.with_suffix(".json"), json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    criteria = sorted({cid for r in rows for cid in r["criteria"]})
    tasks = sorted({tid for r in rows for tid in r["tasks"]})
    columns = [
        "file",
        "candidate",
        "email",
        "quiz",
        "submitted",
        "score",
        "passed",
        "critical_failures",
        "verification",
        "flags",
    ]
    lines: list[list] = [
        columns + [f"criterion:{c}" for c in criteria] + [f"task:{t}" for t in tasks]
    ]
    for r in rows:
        line = [r[c] if c != "flags" else "; ".join(r["flags"]) for c in columns]
        line += [r["criteria"].get(c, "") for c in criteria]
        line += [r["tasks"][t]["score"] if t in r["tasks"] else "" for t in tasks]
        lines.append(line)
    temporary = name.with_suffix(".csv.tmp")
    with temporary.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(lines)
    temporary.replace(name.with_suffix(".csv"))
