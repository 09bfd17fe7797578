"""``--forgive`` and ``--before`` of ``annotrain grade``: re-grading after contests.

``--forgive FILE`` reads a forgiveness file (:mod:`annotrain.grading.forgiveness`)
and grades the attempts at its quiz with it; each row then says which decisions
touched it (``forgiven``). ``--before REPORT.json`` (the JSON an earlier ``annotrain
grade`` wrote) compares every row with the same attempt's row there: the old and
new score and verdict, and what changed (``change``: ``now passes``, ``now fails``,
``score up``, ``score down``, ``unchanged``, or ``new``: not in the earlier report).
An attempt is the same when its file is; else when its quiz, candidate and
submission time are. The report's JSON gets ``forgiveness`` and ``changes``, its CSV
the columns of :data:`CSV_COLUMNS`, and the terminal a summary of both.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import AnnotrainError
from ..fileio import InputError, read_json
from ..grading.attempts import REPORT_FORMAT
from ..grading.forgiveness import Forgiveness, read_forgiveness
from ..safetext import for_terminal

#: An earlier report larger than this is refused.
MAX_BEFORE_BYTES = 200 * 1024 * 1024
#: The CSV's columns these options add (only those the rows have).
CSV_COLUMNS = ["forgiven", "score_before", "passed_before", "change"]
TOLERANCE = 1e-6


def add_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("after contests")
    group.add_argument(
        "--forgive",
        type=Path,
        metavar="FILE",
        help="a forgiveness file (YAML or JSON): tasks of one quiz withdrawn, extra "
        "answers accepted, gold replaced; the attempts at that quiz are graded with it",
    )
    group.add_argument(
        "--before",
        type=Path,
        metavar="REPORT.json",
        help="an earlier report's JSON: show each candidate's old and new score and "
        "verdict, and who now passes or fails",
    )


def prepare(args: argparse.Namespace, course) -> tuple[Forgiveness | None, list[dict] | None]:
    """The forgiveness file and the earlier report's rows the options name (None: not given).

    Raises :class:`~annotrain.errors.AnnotrainError` (every problem of a forgiveness
    file at its line) when one cannot be used.
    """
    forgiveness = None
    if args.forgive is not None:
        forgiveness = read_forgiveness(args.forgive, course.quizzes, course.messages)
    before = None if args.before is None else read_before(args.before)
    return forgiveness, before


def read_before(path: Path) -> list[dict]:
    """The rows of an earlier report written by ``annotrain grade`` (its .json)."""
    try:
        data = read_json(path, MAX_BEFORE_BYTES, "a report")
    except InputError as error:
        raise AnnotrainError(str(error)) from None
    fmt = data.get("format") if isinstance(data, dict) else None
    if not isinstance(fmt, str) or not fmt.startswith(REPORT_FORMAT):
        raise AnnotrainError(
            f"{path}: not a report written by annotrain grade (the .json it writes beside the .csv)"
        )
    rows = data.get("attempts")
    if not isinstance(rows, list):
        raise AnnotrainError(f"{path}: $.attempts must be a list of graded attempts")
    for index, row in enumerate(rows):
        if (
            not isinstance(row, dict)
            or not isinstance(row.get("file"), str)
            or not _number(row.get("score"))
            or not isinstance(row.get("passed"), bool)
        ):
            raise AnnotrainError(
                f"{path}: $.attempts[{index}] must have a file, a score and passed (true or "
                "false), as annotrain grade writes them"
            )
    return rows


def _number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _identity(row: dict) -> tuple:
    return (
        row.get("quiz"),
        row.get("submitted"),
        row.get("candidate"),
        row.get("candidate_id"),
        row.get("email"),
    )


def compare(rows: list[dict], before: list[dict]) -> dict:
    """Give each row ``score_before``, ``passed_before`` and ``change``; the summary.

    The summary: ``now_pass`` and ``now_fail`` (who), ``changed`` and ``unchanged``
    (counts), ``new`` (rows not in the earlier report) and ``missing`` (earlier rows
    not graded now), people named as in :func:`who`.
    """
    by_file = {row["file"]: row for row in before}
    by_identity: dict[tuple, list[dict]] = {}
    for row in before:
        by_identity.setdefault(_identity(row), []).append(row)
    matched: set[int] = set()
    summary: dict = {"now_pass": [], "now_fail": [], "changed": 0, "unchanged": 0, "new": []}
    for row in rows:
        old = by_file.get(row["file"])
        if old is None:
            same = by_identity.get(_identity(row), [])
            old = same[0] if len(same) == 1 else None
        if old is None or id(old) in matched:
            row["score_before"] = row["passed_before"] = None
            row["change"] = "new"
            summary["new"].append(who(row))
            continue
        matched.add(id(old))
        row["score_before"], row["passed_before"] = old["score"], old["passed"]
        if old["passed"] != row["passed"]:
            row["change"] = "now passes" if row["passed"] else "now fails"
            summary["now_pass" if row["passed"] else "now_fail"].append(who(row))
        elif abs(old["score"] - row["score"]) > TOLERANCE:
            row["change"] = "score up" if row["score"] > old["score"] else "score down"
        else:
            row["change"] = "unchanged"
        summary["unchanged" if row["change"] == "unchanged" else "changed"] += 1
    summary["missing"] = [who(row) for row in before if id(row) not in matched]
    return summary


def who(row: dict) -> str:
    """A row's candidate: the name, else the e-mail, else the attempt's file name."""
    return row.get("candidate") or row.get("email") or Path(row["file"]).name


def report(
    forgiveness: Forgiveness | None, before: list[dict] | None, rows: list[dict], path
) -> dict:
    """Compare with ``before`` (when given), print what was applied and what changed.

    Returns the JSON report's extra parts: ``forgiveness`` and ``changes``.
    """
    extra: dict = {}
    if forgiveness is not None:
        extra["forgiveness"] = forgiveness.to_json()
        _print_forgiveness(forgiveness, rows)
    if before is not None:
        changes = compare(rows, before)
        extra["changes"] = {"before": str(path), **changes}
        _print_changes(rows, changes, path)
    return extra


def _print_forgiveness(forgiveness: Forgiveness, rows: list[dict]) -> None:
    counts: dict[str, int] = {}
    for row in rows:
        for entry in row.get("forgiven", []):
            counts[entry["task"]] = counts.get(entry["task"], 0) + 1
    print(
        for_terminal(f"Forgiveness {forgiveness.path} (quiz {forgiveness.quiz}):"),
    )
    for task_id, pardon in forgiveness.pardons.items():
        applied = counts.get(task_id, 0)
        reason = f" ({pardon.reason})" if pardon.reason else ""
        print(
            for_terminal(
                f"  {task_id}: {pardon.describe()}{reason}: applied to {applied} "
                f"attempt{'' if applied == 1 else 's'}",
                300,
            )
        )


def _print_changes(rows: list[dict], changes: dict, path) -> None:
    print(for_terminal(f"Changes since {path}:"))
    shown = [r for r in rows if r["change"] not in ("unchanged",)]
    for row in shown:
        if row["change"] == "new":
            line = f"  {who(row)} ({row['quiz']}): new, {_result(row['score'], row['passed'])}"
        else:
            line = (
                f"  {who(row)} ({row['quiz']}): "
                f"{_result(row['score_before'], row['passed_before'])} -> "
                f"{_result(row['score'], row['passed'])}, {row['change']}"
            )
        print(for_terminal(line, 300))
    for key, title in (
        ("now_pass", "Now pass"),
        ("now_fail", "Now fail"),
        ("missing", "In the earlier report, not graded now"),
    ):
        if changes[key]:
            print(for_terminal(f"{title}: {', '.join(changes[key])}.", 2000))
    print(f"Changed: {changes['changed']}; unchanged: {changes['unchanged']}.")


def _result(score: float, passed: bool) -> str:
    return f"{score * 100:.1f}% {'pass' if passed else 'fail'}"


def cell(row: dict, column: str) -> object:
    """The CSV cell of one of :data:`CSV_COLUMNS`: ``forgiven`` as ``task: decision; ...``."""
    if column == "forgiven":
        return "; ".join(
            f"{entry['task']}: {' + '.join(entry['decision'])}" for entry in row.get("forgiven", [])
        )
    return row.get(column)
