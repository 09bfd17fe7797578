"""``annotrain report``: a cohort's attempts as one static HTML page, with item analysis.

    annotrain report ATTEMPT.json|FOLDER ... [-o report.html] [--json PATH] [--csv PATH]
                     [--quiz ID] [--forgive FILE] [--max-bytes SIZE] [--config mkdocs.yml]

Attempts are read and re-graded exactly as ``annotrain grade`` does
(:func:`annotrain.commands.grade.grade_attempt`): the browser's numbers are never
used. The statistics are :mod:`annotrain.grading.itemanalysis`'s, one analysis per
quiz. The page needs nothing but itself (no script, no font, no server): its
charts are SVG drawn here. ``--json`` writes the same numbers as JSON, ``--csv
PATH`` three CSV files, ``PATH-tasks.csv``, ``PATH-criteria.csv`` and
``PATH-candidates.csv`` (a ``.csv`` ending of PATH is dropped). ``--forgive FILE``
grades with a forgiveness file as ``annotrain grade --forgive`` does; its tasks are
marked in the report (a withdrawn task is given to no one).
Exit status 0 when every file was graded, 1 when some could not be (each is one
line on stderr), when the course does not load or an output cannot be written.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import sys
from datetime import datetime, timezone
from html import escape
from pathlib import Path

import jinja2
from markupsafe import Markup

from .. import __version__
from ..agreement import analyse as agreement_analyse
from ..agreement import collect as agreement_collect
from ..course.loader import load_course
from ..course.quizzes import Quiz
from ..errors import AnnotrainError
from ..fileio import write_atomic
from ..grading.attempts import MAX_BYTES, Attempt, AttemptError, attempt_files, read_attempt
from ..grading.forgiveness import read_forgiveness
from ..grading.itemanalysis import (
    EASY,
    HARD,
    LOW_DISCRIMINATION,
    CriterionInfo,
    Graded,
    Item,
    analyse,
    response_key,
)
from ..safetext import for_csv, for_terminal
from . import grade
from .options import add_config_option, add_max_bytes_option

NAME = "report"
HELP = "a cohort's attempts as one HTML page: scores, item analysis, weak criteria"
EXAMPLES = """examples:
  annotrain report attempts/ -o report.html          the page, opened from disk
  annotrain report attempts/ -o report.html --json report.json --csv report
                                                     also the numbers as JSON, and as
                                                     report-tasks.csv, report-criteria.csv
                                                     and report-candidates.csv
  annotrain report attempts/ --quiz week-1           only attempts at the quiz week-1

exit status: 0 when every file was graded, 1 when some could not be (each is one
line on stderr; the others are in the report), 2 for a wrong command line.
"""
#: The page's name when -o is not given, in the folder of the first attempt.
REPORT_NAME = "annotrain-report.html"
JSON_FORMAT = "annotrain-cohort-report/1"
#: How many of the weakest criteria the page puts first.
WEAKEST = 3


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Re-grade a cohort's attempt files and write one static HTML page: each "
        "candidate's results, and per task facility, discrimination, contests and the "
        "most common wrong answer; per criterion where the cohort is weakest."
    )
    parser.epilog = EXAMPLES
    parser.add_argument("attempts", nargs="+", type=Path, help="attempt files, or folders of them")
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="PATH",
        help=f"the HTML page (default: {REPORT_NAME} in the folder of the first attempt argument)",
    )
    parser.add_argument("--json", type=Path, metavar="PATH", help="also the numbers as JSON")
    parser.add_argument(
        "--csv",
        type=Path,
        metavar="PATH",
        help="also the numbers as PATH-tasks.csv, PATH-criteria.csv and PATH-candidates.csv",
    )
    parser.add_argument("--quiz", metavar="ID", help="only attempts at this quiz id")
    parser.add_argument(
        "--forgive",
        type=Path,
        metavar="FILE",
        help="grade with a forgiveness file (withdrawn tasks, accepted answers, replaced "
        "gold), as annotrain grade --forgive does",
    )
    add_max_bytes_option(parser, MAX_BYTES, "attempt files")
    add_config_option(parser)


def run(args: argparse.Namespace) -> int:
    try:
        course = load_course(args.config)
    except AnnotrainError as error:
        _error(error)
        return 1
    if course.errors:
        for error in course.errors:
            _error(error)
        _error("fix the course before reporting: its quizzes must load")
        return 1
    forgiveness = None
    if args.forgive is not None:
        try:
            forgiveness = read_forgiveness(args.forgive, course.quizzes, course.messages)
        except AnnotrainError as error:  # every problem of the file, each on its line
            for problem in getattr(error, "errors", [error]):
                _error(problem)
            return 1
    output = _html_path(args.output, args.attempts)
    outputs = {p.resolve() for p in (output, args.json) if p is not None}
    files, problems = attempt_files(args.attempts)
    for problem in problems:
        _error(problem)
    now = datetime.now(timezone.utc)
    by_quiz: dict[str, tuple[list[Attempt], list[dict]]] = {}
    for path in files:
        if path.resolve() in outputs:
            continue  # the report of an earlier run, about to be replaced
        try:
            attempt = read_attempt(path, args.max_bytes)
        except AttemptError as error:
            if isinstance(error, grade.GradeReportError) or _is_own_report(path):
                _error(f"skipped {error.path}: a report, not an attempt file")
                continue
            problems.append(str(error))
            _error(error)
            continue
        if args.quiz and attempt.quiz != args.quiz:
            continue
        try:
            quiz, attempt = grade.quiz_attempt(attempt, course.quizzes)
        except AttemptError as error:
            problems.append(str(error))
            _error(error)
            continue
        row = grade.grade_attempt(
            attempt, quiz, course.layout.site_id, course.messages, now, None, forgiveness
        )
        attempts, rows = by_quiz.setdefault(quiz.id, ([], []))
        attempts.append(attempt)
        rows.append(row)
    quizzes = []
    for quiz_id, (attempts, rows) in by_quiz.items():
        for row, findings in zip(rows, grade.cohort_findings(attempts, rows), strict=True):
            row["flags"] += findings
        report = quiz_report(course.quizzes[quiz_id], attempts, rows, course.layout)
        if forgiveness is not None and forgiveness.quiz == quiz_id:
            for task in report["tasks"]:
                pardon = forgiveness.pardons.get(task["task"])
                task["forgiven"] = None if pardon is None else pardon.describe()
                task["forgiven_reason"] = None if pardon is None else pardon.reason
        quizzes.append(report)
    data = {
        "format": JSON_FORMAT,
        "generated": now.isoformat(timespec="seconds").replace("+00:00", "Z"),
        "site": course.layout.site_name,
        "quizzes": quizzes,
        "not_graded": problems,
    }
    try:
        write_atomic(output, render_html(data))
        if args.json is not None:
            write_atomic(args.json, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        written = [output] + ([args.json] if args.json is not None else [])
        if args.csv is not None:
            written += write_csv(data, args.csv)
    except OSError as error:
        _error(f"cannot write the report: {error.strerror or error}")
        return 1
    count = sum(q["summary"]["candidates"] for q in quizzes)
    print(
        for_terminal(
            f"Wrote {', '.join(map(str, written))}: {count} graded, {len(problems)} not graded."
        )
    )
    return 1 if problems else 0


def _error(message: object) -> None:
    print(for_terminal(str(message)), file=sys.stderr)


def _is_own_report(path: Path) -> bool:
    """A JSON report this command wrote earlier (its format names it), beside the attempts."""
    try:
        with path.open("rb") as handle:
            head = handle.read(200)
    except OSError:
        return False
    return JSON_FORMAT.encode() in head


def _html_path(output: Path | None, attempts: list[Path]) -> Path:
    if output is None:
        first = next((path for path in attempts if path.exists()), Path(REPORT_NAME))
        return (first if first.is_dir() else first.parent) / REPORT_NAME
    if output.is_dir():
        return output / REPORT_NAME
    return output


def quiz_report(quiz: Quiz, attempts: list[Attempt], rows: list[dict], layout) -> dict:
    """The analysis of one quiz's attempts, with the quiz's names for its tasks and criteria."""
    items: dict[str, Item] = {}
    criteria: dict[str, CriterionInfo] = {}
    for index, section in enumerate(quiz.sections):
        for entry in section.entries:
            task = entry.task
            if task.gold is None:  # a simulation's work item: nothing grades it
                continue
            items[task.id] = Item(
                id=task.id,
                label=task.title or _short(task.prompt),
                type=task.type,
                section=section.title or f"#{index + 1}",
                weight=entry.weight,
            )
            for criterion in task.rubric.criteria:
                criteria.setdefault(
                    criterion.id,
                    CriterionInfo(criterion.id, criterion.name, _lesson(criterion.lesson, layout)),
                )
    entries = quiz.entries
    graded = []
    for attempt, row in zip(attempts, rows, strict=True):
        answers = {}
        for task_id in row["tasks"]:
            task = entries[task_id].task
            response = attempt.responses.get(task_id)
            canonical = task.kind.normalize(task, response)
            answered = task.kind.answered(task, canonical, response)
            answers[task_id] = response_key(canonical) if answered else None
        graded.append(
            Graded(
                file=row["file"],
                candidate=row["candidate"] or row["email"] or Path(row["file"]).stem,
                score=row["score"],
                passed=row["passed"],
                tasks={tid: t["score"] for tid, t in row["tasks"].items()},
                task_passed={tid: t["passed"] for tid, t in row["tasks"].items()},
                answers=answers,
                sections=row["sections"],
                criteria=row["criteria"],
                contests=[c for c in attempt.contests if c.get("task") in row["tasks"]],
                flags=row["flags"],
                critical_failures=row["critical_failures"],
                held_back=row["held_back"],
                stopped_at=row.get("stopped_at"),
            )
        )
    analysis = analyse(graded, items, criteria)
    return {
        "quiz": quiz.id,
        "title": quiz.title,
        "pass_mark": quiz.pass_mark,
        "mode": quiz.mode,
        "simulation": quiz.simulation.settings() if quiz.simulation else None,
        **analysis,
        "agreement": agreement(attempts, quiz),
    }


def agreement(attempts: list[Attempt], quiz: Quiz) -> dict:
    """What ``annotrain agreement`` measures for these attempts, in brief.

    ``tasks``: task id -> ``{"raters", "agreement", "measure"}`` for every task two or
    more people answered; ``types``: per task type, its overall measures by name
    (``cohen_mean``, ``fleiss_kappa``, ``krippendorff_alpha``, ``mean_jaccard``...),
    each a number or None when undefined.
    """
    known = {tid: entry.task for tid, entry in quiz.entries.items()}
    ratings, _ = agreement_collect(attempts, known)
    report = agreement_analyse(ratings).to_json()
    tasks = {
        row["task"]: {
            "raters": row["raters"],
            "agreement": row["agreement"],
            "measure": row["measure"],
        }
        for row in report["tasks"]
    }
    types = {}
    for name, summary in report.items():
        if not isinstance(summary, dict) or not summary.get("tasks"):
            continue
        measures = {}
        for key, value in summary.items():
            if key == "tasks":
                continue
            if isinstance(value, dict) and isinstance(value.get("kappa"), dict):
                key, value = f"{key}_kappa", value["kappa"]
            if isinstance(value, dict) and set(value) <= {"value", "reason"} and "value" in value:
                measures[key] = value["value"]
            elif isinstance(value, float):  # a measure (counts are ints)
                measures[key] = value
        types[name] = {"tasks": summary["tasks"], "measures": measures}
    return {"tasks": tasks, "types": types}


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _lesson(page: str | None, layout) -> str | None:
    """A criterion's lesson as a link: on the site when it has a ``site_url``, else its page."""
    if not page:
        return None
    try:
        url = layout.page_url(layout.docs_dir / page)
    except ValueError:  # outside the docs folder: show it as written
        return page
    return layout.site_url + url if layout.site_url else page


# --- HTML ---------------------------------------------------------------------------------


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("annotrain", "rendering/templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["pct"] = _pct
    env.filters["num"] = _num
    env.filters["answer"] = _answer
    return env


def _pct(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value * 100:.{digits}f}%"


def _answer(key: str) -> str:
    """A response key for reading: a list of labels as ``a + b``, the empty list as none."""
    if key.startswith("["):
        try:
            value = json.loads(key)
        except ValueError:
            return key
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return " + ".join(value) if value else "(none selected)"
    return key


def _num(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def render_html(data: dict) -> str:
    """The whole report as one HTML page (styles inline, charts as SVG, no script)."""
    template = _environment().get_template("annotrain/report.html")
    quizzes = []
    for quiz in data["quizzes"]:
        criteria = sorted(
            {cid for candidate in quiz["candidates"] for cid in candidate["criteria"]}
        )
        names = {c["criterion"]: c["name"] for c in quiz["criteria"]}
        sections = list(dict.fromkeys(s["section"] for s in quiz["sections"]))
        quizzes.append(
            {
                **quiz,
                "criterion_columns": [(cid, names.get(cid, cid)) for cid in criteria],
                "section_columns": sections,
                "weakest": quiz["criteria"][:WEAKEST],
                "histogram_svg": Markup(histogram_svg(quiz["histogram"], quiz["quiz"])),
                "scatter_svg": Markup(scatter_svg(quiz["tasks"], quiz["quiz"])),
            }
        )
    return template.render(
        data=data,
        quizzes=quizzes,
        version=__version__,
        low=LOW_DISCRIMINATION,
        hard=HARD,
        easy=EASY,
    )


def histogram_svg(counts: list[int], key: str) -> str:
    """Bars of the score distribution, with the axis and every count written out."""
    width, height, left, bottom, top, right = 480, 200, 20, 36, 16, 24
    bins = len(counts)
    peak = max(counts) or 1
    bar = (width - left - right) / bins
    plot = height - bottom - top
    ident = escape(f"hist-{key}")
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{ident}-t {ident}-d" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{ident}-t">Score distribution</title>',
        f'<desc id="{ident}-d">'
        + escape(
            "; ".join(
                f"{i * 100 // bins} to {(i + 1) * 100 // bins}%: {n}" for i, n in enumerate(counts)
            )
        )
        + "</desc>",
        f'<line class="axis" x1="{left}" y1="{height - bottom}" x2="{width - right}" '
        f'y2="{height - bottom}"/>',
    ]
    for i, n in enumerate(counts):
        h = plot * n / peak
        x = left + i * bar
        y = height - bottom - h
        parts.append(
            f'<rect class="bar" x="{x + 2:.1f}" y="{y:.1f}" width="{bar - 4:.1f}" height="{h:.1f}"/>'
        )
        if n:
            parts.append(
                f'<text x="{x + bar / 2:.1f}" y="{y - 3:.1f}" text-anchor="middle">{n}</text>'
            )
    for i in range(0, bins + 1, 2):
        x = left + i * bar
        parts.append(
            f'<text x="{x:.1f}" y="{height - bottom + 16}" text-anchor="middle">'
            f"{i * 100 // bins}%</text>"
        )
    parts.append(
        f'<text x="{(left + width) / 2:.1f}" y="{height - 4}" text-anchor="middle">score</text>'
    )
    parts.append("</svg>")
    return "".join(parts)


def scatter_svg(tasks: list[dict], key: str) -> str:
    """Each task as a dot: facility across, discrimination up; flagged tasks as crosses."""
    width, height, left, bottom, top, right = 480, 260, 44, 40, 12, 24
    plot_w, plot_h = width - left - right, height - top - bottom
    ident = escape(f"scatter-{key}")

    def x_at(facility: float) -> float:
        return left + plot_w * facility / 100

    def y_at(r: float) -> float:
        return top + plot_h * (1 - (r + 1) / 2)

    shown = [t for t in tasks if t["facility"] is not None and t["discrimination"] is not None]
    desc = "; ".join(
        f"{t['task']}: facility {t['facility']:.0f}%, discrimination {t['discrimination']:.2f}"
        for t in shown
    )
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{ident}-t {ident}-d" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{ident}-t">Facility against discrimination, one mark per task</title>',
        f'<desc id="{ident}-d">{escape(desc or "no task has both numbers")}</desc>',
        f'<rect class="zone" x="{left}" y="{y_at(LOW_DISCRIMINATION):.1f}" width="{plot_w}" '
        f'height="{y_at(-1) - y_at(LOW_DISCRIMINATION):.1f}"/>',
        f'<line class="axis" x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" '
        f'y2="{top + plot_h}"/>',
        f'<line class="axis" x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}"/>',
        f'<line class="grid" x1="{left}" y1="{y_at(0):.1f}" x2="{left + plot_w}" '
        f'y2="{y_at(0):.1f}"/>',
    ]
    for f in (0, 25, 50, 75, 100):
        parts.append(
            f'<text x="{x_at(f):.1f}" y="{top + plot_h + 15}" text-anchor="middle">{f}%</text>'
        )
    for r in (-1, -0.5, 0, 0.5, 1):
        parts.append(f'<text x="{left - 5}" y="{y_at(r) + 4:.1f}" text-anchor="end">{r:g}</text>')
    parts.append(
        f'<text x="{left + plot_w / 2:.1f}" y="{height - 4}" text-anchor="middle">facility</text>'
    )
    for t in shown:
        x, y = x_at(t["facility"]), y_at(t["discrimination"])
        label = escape(f"{t['task']}")
        if t["flags"]:
            parts.append(
                f'<path class="flagged" d="M{x - 4:.1f},{y - 4:.1f}l8,8m0,-8l-8,8">'
                f"<title>{label} (flagged)</title></path>"
            )
        else:
            parts.append(
                f'<circle class="dot" cx="{x:.1f}" cy="{y:.1f}" r="4"><title>{label}</title></circle>'
            )
    parts.append("</svg>")
    return "".join(parts)


# --- CSV ----------------------------------------------------------------------------------

TASK_COLUMNS = [
    "quiz", "task", "label", "type", "section", "weight", "candidates", "facility", "passed",
    "discrimination", "blanks", "wrong", "common_wrong", "common_wrong_count", "contested",
    "contests", "reasons", "flags",
]  # fmt: skip
CRITERION_COLUMNS = ["quiz", "criterion", "name", "lesson", "candidates", "mean", "lowest"]
CANDIDATE_COLUMNS = [
    "quiz", "file", "candidate", "score", "passed", "critical_failures", "held_back",
    "stopped_at", "contests", "flags",
]  # fmt: skip


def csv_base(path: Path) -> Path:
    return path.with_suffix("") if path.suffix.lower() == ".csv" else path


def write_csv(data: dict, path: Path) -> list[Path]:
    """The three CSV files of ``--csv PATH``; returns their paths."""
    base = csv_base(path)
    written = []
    for name, text in (
        ("tasks", tasks_csv(data)),
        ("criteria", criteria_csv(data)),
        ("candidates", candidates_csv(data)),
    ):
        target = base.parent / f"{base.name}-{name}.csv"
        write_atomic(target, text)
        written.append(target)
    return written


def _csv(header: list[str], rows: list[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([for_csv(_cell(value)) for value in row])
    return out.getvalue()


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, float) and math.isfinite(value):
        return round(value, 6)
    return value


def tasks_csv(data: dict) -> str:
    rows = []
    for quiz in data["quizzes"]:
        for t in quiz["tasks"]:
            common = t["common_wrong"] or {}
            rows.append(
                [
                    quiz["quiz"], t["task"], t["label"], t["type"], t["section"], t["weight"],
                    t["candidates"], t["facility"], t["passed"], t["discrimination"],
                    t["blanks"], t["wrong"], common.get("answer"), common.get("count"),
                    t["contested"], t["contests"],
                    " | ".join(f"{r['reason']} ({r['count']})" for r in t["reason_counts"]),
                    "; ".join(t["flags"]),
                ]
            )  # fmt: skip
    return _csv(TASK_COLUMNS, rows)


def criteria_csv(data: dict) -> str:
    rows = [
        [quiz["quiz"]] + [c[key] for key in CRITERION_COLUMNS[1:]]
        for quiz in data["quizzes"]
        for c in quiz["criteria"]
    ]
    return _csv(CRITERION_COLUMNS, rows)


def candidates_csv(data: dict) -> str:
    """One row per attempt; then each section's score and each criterion's value."""
    sections = list(
        dict.fromkeys(
            s["section"] for quiz in data["quizzes"] for c in quiz["candidates"]
            for s in c["sections"]
        )
    )  # fmt: skip
    criteria = sorted(
        {cid for quiz in data["quizzes"] for c in quiz["candidates"] for cid in c["criteria"]}
    )
    rows = []
    for quiz in data["quizzes"]:
        for c in quiz["candidates"]:
            own = {s["section"]: s["score"] for s in c["sections"]}
            rows.append(
                [quiz["quiz"], c["file"], c["candidate"], c["score"], c["passed"],
                 c["critical_failures"], "; ".join(c["held_back"]), c["stopped_at"] or "",
                 c["contests"],
                 "; ".join(c["flags"])]
                + [own.get(s) for s in sections]
                + [c["criteria"].get(cid) for cid in criteria]
            )  # fmt: skip
    header = (
        CANDIDATE_COLUMNS
        + [f"section:{s}" for s in sections]
        + [f"criterion:{cid}" for cid in criteria]
    )
    return _csv(header, rows)
