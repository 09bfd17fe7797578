"""annotrain's budgets, measured on this machine in one run.

    python benchmarks/run.py            # about five minutes
    python benchmarks/run.py --quick    # fewer repetitions, about two minutes
    python benchmarks/run.py --json results.json

Measures (see design.md, "Budgets"):

1. Build time of the flagship course (mkdocs.yml, course/, quizzes/) with annotrain
   against the same Markdown without its annotrain blocks, built with plain
   mkdocs-material: warm builds taking turns in one process (wall and CPU time),
   and whole ``mkdocs build`` commands (start-up included); the ratio checked is
   the median of the ratios of builds made one right after the other. Both count
   builds after the first, which fills annotrain's cache (cache_dir: web copies of
   images, parsed YAML, compiled templates) as an author's first build does; the
   first build with an empty cache is shown beside them.
2. Build time of generated courses of 100, 1,000 and 5,000 exercises (20 a page),
   with the time per exercise, to show growth is linear.
3. Bytes of annotrain's JS and CSS on every page using it, raw and gzipped, and
   each page's whole weight (HTML, scripts, stylesheets, icons, images, audio).
4. In headless Chromium: navigation to interactive exercises, checking an
   exercise, starting, answering and submitting a 50-task quiz and the flagship's
   final exam; again with the CPU slowed down 4 times (CDP
   Emulation.setCPUThrottlingRate), roughly a low-end phone, where checking and
   grading full-size masks (Week 4's masks lesson) is timed too
   (``--only-masks`` times only that, on a build of the flagship course).
5. ``annotrain report`` on a generated cohort of 200 attempts at the flagship's
   Week 1 quiz (tests/cohort.py): whole commands, start-up included, writing the
   HTML, JSON and CSV.

Prints a table with each measure, its budget and pass or fail. Exit status 0 when
every budget is met, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "plugins"), str(ROOT)]

from annotrain.course.quizzes import MAX_BANK_TASKS  # noqa: E402
from benchmarks import sites, timebuild, weight  # noqa: E402

BUILD_RATIO = 1.2
REPORT_SECONDS = 5.0
COHORT = 200
LINEAR_SLACK = 1.25  # time per exercise at the largest size / at 1,000
JS_CSS_BUDGET = 25 * 1024
ACTION_MS = 50.0
SIZES = (100, 1000, 5000)
LESSONS = ("week-1/what-is-annotation/", "week-5/context-and-ambiguity/")
#: The masks lesson: each exercise's masks cover its whole image (graded from the runs).
MASKS_PAGE = "week-4/masks/"


@dataclass
class Row:
    """One line of the table; ``passed`` is None for a measure without a budget."""

    section: str
    measure: str
    value: str
    budget: str = ""
    passed: bool | None = None


class Report:
    """The rows measured so far, printed as they come and as a table at the end."""

    def __init__(self) -> None:
        self.rows: list[Row] = []

    def add(self, section, measure, value, budget="", passed=None) -> None:
        row = Row(section, measure, value, budget, passed)
        self.rows.append(row)
        verdict = "" if passed is None else ("pass" if passed else "FAIL")
        print(f"  {measure:<62} {value:>16} {budget:>12} {verdict}", flush=True)

    def table(self) -> str:
        width = max(len(r.measure) for r in self.rows)
        lines = [f"{'measure':<{width}}  {'value':>16}  {'budget':>12}  result"]
        lines.append("-" * len(lines[0]))
        section = None
        for row in self.rows:
            if row.section != section:
                section = row.section
                lines.append(f"[{section}]")
            verdict = "" if row.passed is None else ("pass" if row.passed else "FAIL")
            lines.append(f"{row.measure:<{width}}  {row.value:>16}  {row.budget:>12}  {verdict}")
        return "\n".join(lines)

    @property
    def ok(self) -> bool:
        return all(row.passed is not False for row in self.rows)


def ms(value: float) -> str:
    return f"{value:.1f} ms"


# --- 1. the flagship course ------------------------------------------------------


def command_times(
    configs: list[Path], rounds: int, prepare: Callable[[], None] | None = None
) -> list[dict[str, list[float]]]:
    """Wall and CPU seconds of whole ``mkdocs build`` commands, taking turns.

    The first round is not counted (files not yet in the operating system's cache).
    ``prepare`` runs before each command.
    """
    times: list[dict[str, list[float]]] = [{"wall": [], "cpu": []} for _ in configs]
    for round_ in range(rounds + 1):
        for index, config in enumerate(configs):
            if prepare:
                prepare()
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config)],
                cwd=config.parent,
                env=timebuild.child_env(),
                check=True,
                capture_output=True,
            )
            wall = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
            if round_:
                times[index]["wall"].append(wall)
                times[index]["cpu"].append(cpu)
    return times


def _ratio_rows(report: Report, section: str, what: str, plain: dict, annotrain: dict) -> None:
    """Rows for plain and annotrain times, medians; the budget is checked on CPU time.

    Builds are measured in pairs, one of each right after the other, so the ratio
    checked is the median of the pairs' ratios: other work on the machine comes
    and goes, and affects both builds of a pair alike. The ratio of the medians is
    shown beside it.
    """
    for clock in ("cpu", "wall"):
        a, p = statistics.median(annotrain[clock]), statistics.median(plain[clock])
        pairs = [x / y for x, y in zip(annotrain[clock], plain[clock], strict=True)]
        paired = statistics.median(pairs)
        report.add(section, f"{what}, {clock}: plain / with annotrain", f"{p:.3f} / {a:.3f} s")
        label = f"  ratio, median of {len(pairs)} pairs (of medians: {a / p:.2f}x)"
        if clock == "cpu":
            report.add(
                section, label, f"{paired:.2f}x", f"<= {BUILD_RATIO}x", paired <= BUILD_RATIO
            )
        else:
            report.add(section, label, f"{paired:.2f}x")


def flagship_build(report: Report, work: Path, rounds: int) -> None:
    print("Building the flagship course with and without annotrain...", flush=True)
    with_plugin, plain = sites.flagship(work / "flagship")
    pairs = [(plain, work / "out-plain"), (with_plugin, work / "out-annotrain")]
    plain_t, annotrain_t = timebuild.time_builds(pairs, rounds)
    section = "build: flagship course, annotrain against plain mkdocs-material"
    _ratio_rows(report, section, "warm builds in one process", plain_t, annotrain_t)
    plain_c, annotrain_c = command_times([plain, with_plugin], max(2, rounds // 2))
    _ratio_rows(report, section, "`mkdocs build` commands", plain_c, annotrain_c)
    # What the budget leaves out: the first build of a fresh checkout, which makes
    # the web copies of images and fills annotrain's cache (cache_dir).
    cache = with_plugin.parent / ".cache"
    plain_f, annotrain_f = command_times(
        [plain, with_plugin], 2, prepare=lambda: shutil.rmtree(cache, ignore_errors=True)
    )
    p, a = statistics.median(plain_f["cpu"]), statistics.median(annotrain_f["cpu"])
    report.add(
        section,
        "first `mkdocs build`, empty cache_dir, cpu: plain / annotrain",
        f"{p:.2f} / {a:.2f} s",
    )


# --- 2. generated courses ------------------------------------------------------------


def generated_builds(report: Report, work: Path, rounds: int, sizes: tuple[int, ...]) -> None:
    section = "build: generated courses (20 exercises a page), CPU time"
    per_exercise = {}
    for size in sizes:
        print(f"Building a generated course of {size} exercises...", flush=True)
        with_plugin, plain = sites.generated(work / f"gen-{size}", size)
        pairs = [(plain, work / f"gen-{size}-plain"), (with_plugin, work / f"gen-{size}-out")]
        plain_t, annotrain_t = timebuild.time_builds(pairs, rounds)
        a = statistics.median(annotrain_t["cpu"])
        p = statistics.median(plain_t["cpu"])
        per_exercise[size] = a / size
        wall = statistics.median(annotrain_t["wall"])
        report.add(
            section,
            f"{size:>5} exercises: build with annotrain, cpu (wall)",
            f"{a:.2f} s ({wall:.1f})",
        )
        report.add(
            section, f"{size:>5} exercises: same pages without blocks, plain, cpu", f"{p:.2f} s"
        )
        report.add(section, f"{size:>5} exercises: time per exercise", ms(a / size * 1000))
        report.add(
            section,
            f"{size:>5} exercises: annotrain's share per exercise",
            ms((a - p) / size * 1000),
        )
    if 1000 in per_exercise and len(per_exercise) > 1:
        largest = max(per_exercise)
        growth = per_exercise[largest] / per_exercise[1000]
        report.add(
            section,
            f"time per exercise at {largest} / at 1000 (linear: about 1)",
            f"{growth:.2f}",
            f"<= {LINEAR_SLACK}",
            growth <= LINEAR_SLACK,
        )


# --- 3. page weight ------------------------------------------------------------------


def page_weights(report: Report, site_dir: Path) -> None:
    section = "page weight"
    pages = weight.pages_using_annotrain(site_dir)
    weights = [weight.page_weight(site_dir, page) for page in pages]
    missing = [(w.page, url) for w in weights for url in w.missing]
    kinds: dict[str, list[weight.Weight]] = {
        "lesson page": [],
        "quiz page": [],
        "progress page": [],
    }
    for w in weights:
        kinds[_kind(site_dir / w.page)].append(w)
    for kind, group in kinds.items():
        if not group:
            continue
        heaviest = max(group, key=lambda w: weight.annotrain_bytes(w, gz=True))
        gz = weight.annotrain_bytes(heaviest, gz=True)
        raw = weight.annotrain_bytes(heaviest, gz=False)
        name = heaviest.page.removesuffix("index.html")
        report.add(section, f"{kind}, most annotrain JS+CSS: {name}", "")
        report.add(section, "  annotrain JS + CSS, raw", weight.kib(raw))
        report.add(
            section,
            "  annotrain JS + CSS, gzipped",
            weight.kib(gz),
            f"<= {JS_CSS_BUDGET // 1024} KB",
            gz <= JS_CSS_BUDGET,
        )
        if kind == "quiz page":
            _started_rows(report, section, site_dir, group)
        whole = max(group, key=lambda w: w.total(gz=True))
        name = whole.page.removesuffix("index.html")
        report.add(section, f"{kind}, heaviest in all: {name}", "")
        report.add(section, "  its HTML, raw / gzipped", _pair(whole, ("html",)))
        report.add(section, "  images and audio, raw / gzipped", _pair(whole, ("image", "audio")))
        report.add(
            section,
            "  whole page, raw / gzipped",
            f"{weight.kib(whole.total())} / {weight.kib(whole.total(gz=True))}",
        )
    others = [
        str(p.relative_to(site_dir))
        for p in sorted(site_dir.rglob("index.html"))
        if str(p.relative_to(site_dir)) not in pages
        and weight.ANNOTRAIN_DIR in p.read_text(encoding="utf-8", errors="replace")
    ]
    report.add(
        section,
        "pages without annotrain parts that load its files",
        str(len(others)),
        "0",
        not others,
    )
    report.add(
        section,
        "files a page loads from elsewhere or that are missing",
        str(len(missing)),
        "0",
        not missing,
    )


def _started_rows(report: Report, section: str, site_dir: Path, group: list) -> None:
    """A quiz page's task types arrive when an attempt starts, not with the page."""
    later = [weight.loaded_on_start(site_dir, w.page) for w in group]
    most = max(later, key=lambda w: w.total(gz=True))
    first = next(w for w in group if w.page == most.page)
    name = most.page.removesuffix("index.html")
    report.add(section, f"quiz page once an attempt starts, most task types: {name}", "")
    report.add(
        section,
        "  task types' JS + CSS loaded on Start, raw / gzipped",
        f"{weight.kib(most.total())} / {weight.kib(most.total(gz=True))}",
    )
    both = weight.annotrain_bytes(first, gz=True) + most.total(gz=True)
    report.add(section, "  annotrain JS + CSS in all, once started, gzipped", weight.kib(both))


def _kind(page: Path) -> str:
    html = page.read_text(encoding="utf-8")
    if "data-annotrain-quiz=" in html:
        return "quiz page"
    return "progress page" if "data-annotrain-progress" in html else "lesson page"


def _pair(w: weight.Weight, kinds: tuple[str, ...]) -> str:
    raw = sum(v for k, v in w.raw.items() if k in kinds)
    gz = sum(v for k, v in w.gzipped.items() if k in kinds)
    return f"{weight.kib(raw)} / {weight.kib(gz)}"


# --- 4. the browser --------------------------------------------------------------------


def build_for(config: Path, site_dir: Path, url: str) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-q",
            "-f",
            str(config),
            "-d",
            str(site_dir),
        ],
        env={**timebuild.child_env(), "SITE_URL": url},
        check=True,
        capture_output=True,
    )


def _action(report: Report, section: str, measure: str, found, name: str, budget: bool) -> None:
    """One row: median thread CPU time (the verdict) and median wall-clock time."""
    cpu, wall = found.median(name + " cpu"), found.median(name)
    value = f"{cpu:.1f} ms ({wall:.0f})"
    if budget:
        report.add(section, measure, value, f"< {ACTION_MS:.0f} ms", cpu < ACTION_MS)
    else:
        report.add(section, measure, value)


def browser_timings(report: Report, work: Path, url: str, rounds: int) -> None:
    from benchmarks.browser import Browser, serve

    quiz_config = sites.quiz_site(work / "quiz-50", 50)
    bank_config = sites.quiz_site(work / "bank", MAX_BANK_TASKS, draw=50)
    browser = Browser()
    try:
        with (
            serve(work / "quiz-50" / "site") as quiz_url,
            serve(work / "bank" / "site") as bank_url,
        ):
            build_for(quiz_config, work / "quiz-50" / "site", quiz_url)
            build_for(bank_config, work / "bank" / "site", bank_url)
            bank_page = weight.page_weight(work / "bank" / "site", "quiz/index.html")
            report.add(
                "page weight",
                f"quiz page with a bank of {MAX_BANK_TASKS} tasks (the limit), raw / gzipped",
                f"{weight.kib(bank_page.total())} / {weight.kib(bank_page.total(gz=True))}",
            )
            browser.warm_up(url + LESSONS[0])
            for throttle in (1, 4):
                label = "" if throttle == 1 else ", CPU 4x slower"
                section = f"browser: headless Chromium{label}; CPU ms (wall ms), medians"
                print(f"Measuring in Chromium{label}...", flush=True)
                pages = [(url, LESSONS[0]), (url, "week-1/quiz/"), (bank_url, "quiz/")]
                for site_url, page in pages:
                    found = browser.ready_times(site_url + page, rounds, throttle)
                    if site_url == bank_url:
                        page = f"bank of {MAX_BANK_TASKS} tasks"
                    report.add(
                        section,
                        f"{page}: navigation to ready (wall)",
                        f"{found.median('ready'):.0f} ms",
                    )
                    report.add(
                        section,
                        "  DOMContentLoaded / load event (wall)",
                        f"{found.median('dcl'):.0f} / {found.median('load'):.0f} ms",
                    )
                for page in LESSONS:
                    found = browser.check_times(url + page, rounds, throttle)
                    count = int(found.samples["exercises"][0])
                    _action(
                        report, section, f"{page}: first check after load", found, "first", True
                    )
                    _action(
                        report, section, f"  later checks ({count} exercises)", found, "check", True
                    )
                if throttle == 4:
                    mask_rows(report, section, browser.mask_times(url + MASKS_PAGE, rounds, 4))
                quizzes = [
                    ("generated 50-task quiz", quiz_url + "quiz/", "bench"),
                    ("final exam", url + "week-8/final-exam/", "final"),
                    (f"50 drawn from a bank of {MAX_BANK_TASKS}", bank_url + "quiz/", "bench"),
                ]
                for name, page, quiz in quizzes:
                    found = browser.quiz_times(page, quiz, rounds, throttle)
                    tasks = int(found.samples["tasks"][0])
                    _action(
                        report, section, f"{name} ({tasks} tasks): start", found, "start", False
                    )
                    _action(report, section, "  answer one task", found, "answer", False)
                    _action(
                        report,
                        section,
                        "  submit: grade, save, show the result",
                        found,
                        "submit",
                        True,
                    )
                    _action(
                        report,
                        section,
                        "  submit until every answer is reviewed",
                        found,
                        "review",
                        False,
                    )
    finally:
        browser.close()


def mask_checks(report: Report, url: str, rounds: int) -> None:
    """Checking and grading full-size masks with the CPU slowed down 4 times."""
    from benchmarks.browser import Browser

    browser = Browser()
    try:
        browser.warm_up(url + MASKS_PAGE)
        print("Measuring mask checks in Chromium, CPU 4x slower...", flush=True)
        found = browser.mask_times(url + MASKS_PAGE, rounds, 4)
    finally:
        browser.close()
    section = "browser: headless Chromium, CPU 4x slower; CPU ms (wall ms), medians"
    mask_rows(report, section, found)


def mask_rows(report: Report, section: str, found) -> None:
    """Rows for mask_times: the budget is on grading (the grader reading the runs).

    The whole first check of each exercise is shown beside it without a budget: it
    adds the image stage's drawing of the feedback and gold, which every image type
    pays alike (a polygon's first check costs as much).
    """
    count = int(found.samples["exercises"][0])
    _action(
        report, section, f"{MASKS_PAGE}: grade full-size masks moved 3 px", found, "grade", True
    )
    _action(
        report,
        section,
        f"  first check of each exercise ({count}), feedback and gold drawn",
        found,
        "check",
        False,
    )


def tracking_check(report: Report, work: Path, rounds: int) -> None:
    """Time checking a tracking exercise of 60 frames, the CPU slowed down 4 times.

    Four objects keyed in every frame; measured as browser_timings measures a check.
    """
    from benchmarks.browser import Browser, serve

    config = sites.tracking_site(work / "tracking")
    browser = Browser()
    try:
        with serve(work / "tracking" / "site") as url:
            build_for(config, work / "tracking" / "site", url)
            browser.warm_up(url + "tracking/")
            print("Measuring a tracking check in Chromium, CPU 4x slower...", flush=True)
            found = browser.check_times(url + "tracking/", rounds, 4)
            section = "browser: headless Chromium, CPU 4x slower; CPU ms (wall ms), medians"
            measure = f"tracking exercise of {sites.TRACKING_FRAMES} frames: check"
            _action(report, section, measure, found, "check", True)
    finally:
        browser.close()


# --- 5. a cohort report -------------------------------------------------------


def cohort_report(report: Report, work: Path, rounds: int) -> None:
    """Median wall time of ``annotrain report`` on 200 generated attempts, and its page's size."""
    from tests.cohort import cohort

    from annotrain.course.loader import load_course

    section = f"annotrain report, {COHORT} attempts"
    print(f"[{section}]", flush=True)
    course = load_course(ROOT / "mkdocs.yml")
    quiz = course.quizzes["week-1"]
    folder = work / "cohort"
    folder.mkdir()
    for number, attempt in enumerate(cohort(quiz, course.layout.site_id, COHORT, seed=3)):
        (folder / f"attempt-{number:03d}.json").write_text(json.dumps(attempt), encoding="utf-8")
    out = work / "cohort-report"
    command = [sys.executable, "-m", "annotrain", "report", str(folder), "-o",
               str(out / "report.html"), "--json", str(out / "report.json"), "--csv",
               str(out / "report.csv"), "--config", str(ROOT / "mkdocs.yml")]  # fmt: skip
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, env=timebuild.child_env(), check=True,
                       capture_output=True)  # fmt: skip
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    report.add(section, "report command (re-grade, HTML, JSON, CSV), median",
               f"{median:.2f} s", f"{REPORT_SECONDS:.0f} s", median <= REPORT_SECONDS)  # fmt: skip
    html = (out / "report.html").read_bytes()
    report.add(section, "report.html, raw", f"{len(html) / 1024:.0f} KB")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--json", type=Path, help="also write the rows to this JSON file")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium timings")
    parser.add_argument(
        "--only-report", action="store_true", help="only time annotrain report on a cohort"
    )
    parser.add_argument(
        "--only-masks",
        action="store_true",
        help="only time mask checks (the flagship's masks lesson, CPU 4x slower)",
    )
    parser.add_argument(
        "--only-tracking",
        action="store_true",
        help="only time checking a 60-frame tracking exercise, CPU 4x slower",
    )
    args = parser.parse_args(argv)
    rounds = 5 if args.quick else 11
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"annotrain benchmarks on {os.cpu_count()} CPUs, load average {load:.2f}", flush=True)
    report = Report()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="annotrain-bench-") as tmp:
        work = Path(tmp)
        if args.only_masks:
            from benchmarks.browser import serve

            site = work / "site"
            with serve(site) as url:
                build_for(ROOT / "mkdocs.yml", site, url)
                mask_checks(report, url, 3 if args.quick else 5)
            print()
            print(report.table())
            return 0 if report.ok else 1
        if args.only_tracking:
            tracking_check(report, work, rounds)
            print()
            print(report.table())
            return 0 if report.ok else 1
        cohort_report(report, work, 3 if args.quick else 5)
        if args.only_report:
            print()
            print(report.table())
            return 0 if report.ok else 1
        flagship_build(report, work, rounds)
        generated_builds(report, work, 1 if args.quick else 3, SIZES)
        site = work / "flagship-site"
        from benchmarks.browser import serve

        with serve(site) as url:
            build_for(work / "flagship" / "annotrain" / "mkdocs.yml", site, url)
            page_weights(report, site)
            if not args.no_browser:
                browser_timings(report, work, url, 3 if args.quick else 5)
                tracking_check(report, work, 3 if args.quick else 5)
    print()
    print(report.table())
    failed = [row for row in report.rows if row.passed is False]
    print(
        f"\n{len(failed)} budget(s) missed" if failed else "\nEvery budget met",
        f"({time.perf_counter() - started:.0f} s)",
    )
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in report.rows], indent=2) + "\n")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
