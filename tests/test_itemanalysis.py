"""Item analysis and ``annotrain report``, checked against an independent numpy computation.

The cohort: 200 generated attempts at the flagship ``week-1`` quiz (see
tests/cohort.py), one task with a wrong gold (its strong candidates miss it) and
one that candidates contest. The report's numbers are recomputed here from the
attempt files with numpy: task scores from the task grader, then facility, share
passed, the item-rest correlation and the criteria means by matrix arithmetic.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from annotrain.commands import cli
from annotrain.course.loader import load_course
from annotrain.grading.itemanalysis import (
    CriterionInfo,
    Graded,
    Item,
    analyse,
    histogram,
    pearson,
    response_key,
)
from annotrain.grading.task import grade

from .cohort import cohort
from .conftest import ROOT

COUNT = 200
REASON = "The review praises the grinder and complains about the noise: both could be gold."


@pytest.fixture(scope="module")
def flagship():
    course = load_course(ROOT / "mkdocs.yml")
    assert course.errors == []
    return course


@pytest.fixture(scope="module")
def cohort_report(flagship, tmp_path_factory):
    """The attempts, and the JSON, HTML and CSV ``annotrain report`` made of them."""
    quiz = flagship.quizzes["week-1"]
    ids = list(quiz.entries)
    broken, contested = ids[0], ids[1]
    attempts = cohort(quiz, flagship.layout.site_id, COUNT, seed=11, broken=(broken,),
                      contest={contested: REASON})  # fmt: skip
    folder = tmp_path_factory.mktemp("cohort")
    for number, attempt in enumerate(attempts):
        path = folder / "attempts" / f"attempt-{number:03d}.json"
        path.parent.mkdir(exist_ok=True)
        path.write_text(json.dumps(attempt), encoding="utf-8")
    out = folder / "out"
    status = cli.main(
        ["report", str(folder / "attempts"), "-o", str(out / "report.html"),
         "--json", str(out / "report.json"), "--csv", str(out / "report.csv"),
         "--config", str(ROOT / "mkdocs.yml")]
    )  # fmt: skip
    assert status == 0
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return {
        "folder": folder / "attempts",
        "quiz": quiz,
        "attempts": attempts,
        "broken": broken,
        "contested": contested,
        "data": data,
        "html": (out / "report.html").read_text(encoding="utf-8"),
        "csv": {
            name: list(csv.DictReader(io.StringIO((out / f"report-{name}.csv").read_text())))
            for name in ("tasks", "criteria", "candidates")
        },
    }


def independent(quiz, attempts, messages):
    """Facility, share passed, discrimination and criteria means by numpy, from the files."""
    ids = list(quiz.entries)
    column = {tid: j for j, tid in enumerate(ids)}
    scores = np.full((len(attempts), len(ids)), np.nan)
    passed = np.full((len(attempts), len(ids)), np.nan)
    weights = np.array([quiz.entries[tid].weight for tid in ids])
    levels: dict[str, list[list[float]]] = {}
    for i, attempt in enumerate(attempts):
        own: dict[str, list[float]] = {}
        for tid in attempt["tasks"]:
            task = quiz.entries[tid].task
            result = grade(task, attempt["responses"].get(tid), messages)
            scores[i, column[tid]] = result["score"]
            passed[i, column[tid]] = float(result["passed"])
            for cid, c in result["criteria"].items():
                own.setdefault(cid, []).append(c["level"] / task.rubric.top)
        for cid, values in own.items():
            levels.setdefault(cid, []).append(values)
    given = ~np.isnan(scores)
    weighted = np.where(given, scores, 0.0) * weights
    out = {}
    for j, tid in enumerate(ids):
        rows = given[:, j]
        rest = (weighted[rows].sum(axis=1) - weighted[rows, j]) / (
            (given[rows] * weights).sum(axis=1) - weights[j]
        )
        r = np.corrcoef(scores[rows, j], rest)[0, 1]
        out[tid] = {
            "candidates": int(rows.sum()),
            "facility": float(np.nanmean(scores[:, j]) * 100),
            "passed": float(np.nanmean(passed[:, j])),
            "discrimination": float(r),
        }
    criteria = {cid: float(np.mean([np.mean(v) for v in values])) for cid, values in levels.items()}
    return out, criteria


def test_facility_and_discrimination_match_numpy(cohort_report, messages):
    expected, _ = independent(cohort_report["quiz"], cohort_report["attempts"], messages)
    (quiz,) = cohort_report["data"]["quizzes"]
    assert quiz["summary"]["candidates"] == COUNT
    rows = {t["task"]: t for t in quiz["tasks"]}
    assert set(rows) == set(expected)
    for tid, want in expected.items():
        got = rows[tid]
        assert got["candidates"] == want["candidates"]
        assert got["facility"] == pytest.approx(want["facility"], abs=1e-6)
        assert got["passed"] == pytest.approx(want["passed"], abs=1e-9)
        # the command rounds task scores to 6 places, as grade's report does
        assert got["discrimination"] == pytest.approx(want["discrimination"], abs=1e-5)


def test_criteria_means_match_numpy_weakest_first(cohort_report, messages):
    _, expected = independent(cohort_report["quiz"], cohort_report["attempts"], messages)
    (quiz,) = cohort_report["data"]["quizzes"]
    got = {c["criterion"]: c["mean"] for c in quiz["criteria"]}
    assert set(got) == set(expected)
    for cid, mean in expected.items():
        assert got[cid] == pytest.approx(mean, abs=1e-6)
    means = [c["mean"] for c in quiz["criteria"]]
    assert means == sorted(means)


def test_the_wrong_gold_is_flagged_and_the_contests_counted(cohort_report):
    (quiz,) = cohort_report["data"]["quizzes"]
    rows = {t["task"]: t for t in quiz["tasks"]}
    broken = rows[cohort_report["broken"]]
    assert broken["discrimination"] < 0
    assert "negative discrimination" in broken["flags"]
    contested = rows[cohort_report["contested"]]
    contesting = [
        a for a in cohort_report["attempts"]
        if any(c["task"] == cohort_report["contested"] for c in a["contests"])
    ]  # fmt: skip
    assert contesting
    assert contested["contests"] == len(contesting)
    assert contested["contested"] == pytest.approx(len(contesting) / contested["candidates"])
    assert {r["reason"] for r in contested["reasons"]} == {REASON}
    assert contested["reason_counts"] == [{"reason": REASON, "count": len(contesting)}]
    assert "many contests" in contested["flags"]
    others = [t for tid, t in rows.items() if tid != cohort_report["contested"]]
    assert all(t["contests"] == 0 and t["contested"] == 0 for t in others)


def test_most_common_wrong_answer_of_choice_tasks(cohort_report, messages):
    quiz_def = cohort_report["quiz"]
    (quiz,) = cohort_report["data"]["quizzes"]
    for row in quiz["tasks"]:
        task = quiz_def.entries[row["task"]].task
        if task.type != "choice":
            continue
        wrong = Counter()
        for attempt in cohort_report["attempts"]:
            response = attempt["responses"].get(row["task"])
            if row["task"] not in attempt["tasks"] or response is None:
                continue
            if grade(task, response, messages)["score"] < 1 - 1e-9:
                wrong[response["choice"]] += 1
        if not wrong:
            assert row["common_wrong"] is None
            continue
        top = max(wrong.values())
        assert row["common_wrong"]["count"] == top
        assert wrong[row["common_wrong"]["answer"]] == top


def test_html_is_one_accessible_page_with_the_tables(cohort_report):
    html = cohort_report["html"]
    assert html.count("<table") == html.count("<caption") >= 4
    assert 'scope="col"' in html and 'scope="row"' in html
    assert "prefers-color-scheme: dark" in html
    assert "<script" not in html
    # nothing loaded from elsewhere: the only addresses are links to the lessons
    assert "<link" not in html and "@import" not in html and "url(" not in html
    assert not re.search(r"\bsrc=", html)
    assert re.search(r'<a href="https?://[^"]+/week-1/[^"]+/">', html)
    assert html.count("<svg") == 2 and 'role="img"' in html
    for t in cohort_report["data"]["quizzes"][0]["tasks"]:
        assert t["task"] in html
    assert "Candidate 000" in html and "Candidate 199" in html
    assert "negative discrimination" in html


def test_csv_holds_the_json_numbers(cohort_report):
    (quiz,) = cohort_report["data"]["quizzes"]
    tasks = {row["task"]: row for row in cohort_report["csv"]["tasks"]}
    assert len(tasks) == len(quiz["tasks"])
    for t in quiz["tasks"]:
        row = tasks[t["task"]]
        assert float(row["facility"]) == pytest.approx(t["facility"], abs=1e-5)
        assert float(row["discrimination"]) == pytest.approx(t["discrimination"], abs=1e-5)
        assert int(row["contests"]) == t["contests"]
        assert row["flags"] == "; ".join(t["flags"])
    criteria = cohort_report["csv"]["criteria"]
    assert [row["criterion"] for row in criteria] == [c["criterion"] for c in quiz["criteria"]]
    candidates = cohort_report["csv"]["candidates"]
    assert len(candidates) == COUNT
    for row, c in zip(candidates, quiz["candidates"], strict=True):
        assert row["candidate"] == c["candidate"]
        assert float(row["score"]) == pytest.approx(c["score"], abs=1e-6)
        assert row["passed"] == str(c["passed"])


# --- the pure module on small cases worked by hand -----------------------------------------


def _graded(name, scores, answers=None, contests=()):
    return Graded(
        file=f"{name}.json", candidate=name, score=sum(scores.values()) / len(scores),
        passed=False, tasks=scores, task_passed={t: s >= 0.8 for t, s in scores.items()},
        answers=answers or {t: "x" for t in scores}, contests=list(contests),
    )  # fmt: skip


def test_discrimination_by_hand():
    # Task a: 1, 0, 1, 0 against the rest (mean of b and c): 1, 0.5, 0.5, 0.
    cohort_ = [
        _graded("p", {"a": 1.0, "b": 1.0, "c": 1.0}),
        _graded("q", {"a": 0.0, "b": 1.0, "c": 0.0}),
        _graded("r", {"a": 1.0, "b": 0.0, "c": 1.0}),
        _graded("s", {"a": 0.0, "b": 0.0, "c": 0.0}),
    ]
    items = {t: Item(t, t, "choice") for t in "abc"}
    rows = {t["task"]: t for t in analyse(cohort_, items, {})["tasks"]}
    # x - mean = ±0.5; rest - mean(0.5) = 0.5, 0, 0, -0.5: covariance sum 0.5,
    # sum of squares 1 and 0.5: r = 0.5 / sqrt(0.5) = 0.7071
    assert rows["a"]["discrimination"] == pytest.approx(math.sqrt(0.5))
    assert rows["a"]["facility"] == pytest.approx(50.0)
    assert rows["a"]["passed"] == pytest.approx(0.5)


def test_undefined_discrimination_and_tasks_nobody_drew():
    cohort_ = [
        _graded(n, {"a": 1.0, "b": s}) for n, s in zip("pqrst", (0, 0.5, 1, 0, 1), strict=True)
    ]
    items = {t: Item(t, t, "choice") for t in "abz"}
    rows = {t["task"]: t for t in analyse(cohort_, items, {})["tasks"]}
    assert rows["a"]["discrimination"] is None  # everyone scored alike
    assert rows["a"]["flags"] == [
        "discrimination undefined (every candidate scored alike)",
        "very easy",
    ]
    assert rows["z"]["candidates"] == 0 and rows["z"]["facility"] is None
    assert rows["z"]["flags"] == []


def test_wrong_answers_blanks_and_ties():
    cohort_ = [
        _graded("p", {"a": 0.0}, {"a": "No"}),
        _graded("q", {"a": 0.0}, {"a": "Maybe"}),
        _graded("r", {"a": 1.0}, {"a": "Yes"}),
        _graded("s", {"a": 0.0}, {"a": None}),
    ]
    (row,) = analyse(cohort_, {"a": Item("a", "a", "choice")}, {})["tasks"]
    assert row["blanks"] == 1 and row["wrong"] == 2
    assert row["common_wrong"] == {"answer": "Maybe", "count": 1, "share": 0.25}


def test_criteria_weakest_first_with_lessons():
    cohort_ = [_graded("p", {"a": 1.0}), _graded("q", {"a": 0.0})]
    cohort_[0].criteria = {"label": 1.0, "span": 0.5}
    cohort_[1].criteria = {"label": 0.5, "span": 0.0}
    info = {
        "label": CriterionInfo("label", "Label", "https://x.example/week-1/labels/"),
        "span": CriterionInfo("span", "Span"),
    }
    rows = analyse(cohort_, {"a": Item("a", "a", "choice")}, info)["criteria"]
    assert [(r["criterion"], r["mean"], r["lowest"]) for r in rows] == [
        ("span", 0.25, 0.0),
        ("label", 0.75, 0.5),
    ]
    assert rows[1]["lesson"] == "https://x.example/week-1/labels/"


def test_helpers():
    assert pearson([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)
    assert pearson([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    assert pearson([1], [1]) is None
    assert histogram([0.0, 0.1, 0.3, 0.999, 1.0]) == [1, 1, 0, 1, 0, 0, 0, 0, 0, 2]
    assert response_key({"choice": "No"}) == "No"
    assert response_key({"choices": ["b", "a"]}) == '["b","a"]'
    assert response_key({"x": 1, "a": [2]}) == '{"a":[2],"x":1}'


def test_no_attempts_is_an_empty_report(tmp_path: Path):
    data = analyse([], {"a": Item("a", "a", "choice")}, {})
    assert data["summary"]["candidates"] == 0 and data["summary"]["mean_score"] is None
    assert data["tasks"][0]["facility"] is None


# --- the command on the small grading course ---------------------------------------------


def test_report_on_bad_files_and_its_own_outputs(tmp_path: Path, messages):
    from .gradecourse import GradeCourse

    course = GradeCourse(tmp_path / "site")
    folder = tmp_path / "attempts"
    course.write(folder / "ana.json", course.attempt("gated"))
    wrong = course.attempt("gated", seed=8, candidate={"name": "Ben Ode"})
    wrong["responses"] = {tid: {"choice": "Yes"} for tid in wrong["tasks"]}  # g2, g4 wrong
    course.write(folder / "ben.json", wrong)
    course.write(folder / "broken.json", "{not json")
    hostile = course.attempt("gated", seed=9, candidate={"name": "<script>alert(1)</script>"})
    hostile["contests"] = [{"task": "g1", "reason": '=HYPERLINK("http://x")</td>'}]
    course.write(folder / "eve.json", hostile)
    html, data_path = folder / "report.html", folder / "report.json"
    argv = course.args(folder, "-o", html, "--json", data_path, command="report")
    assert cli.main(argv) == 1  # one file could not be graded
    data = json.loads(data_path.read_text(encoding="utf-8"))
    assert len(data["not_graded"]) == 1 and "broken.json" in data["not_graded"][0]
    (quiz,) = data["quizzes"]
    ben = next(c for c in quiz["candidates"] if c["candidate"] == "Ben Ode")
    assert ben["passed"] is False and ben["held_back"] == ["Boxes"]
    rows = {t["task"]: t for t in quiz["tasks"]}
    assert rows["g2"]["common_wrong"] == {"answer": "Yes", "count": 1, "share": 1 / 3}
    low = grade(course.quizzes["gated"].entries["g2"].task, {"choice": "Yes"}, messages)["score"]
    assert low < 1
    assert rows["g1"]["facility"] == 100.0
    assert rows["g2"]["facility"] == pytest.approx(100 * (2 + low) / 3, abs=1e-4)
    text = html.read_text(encoding="utf-8")
    assert "held back: Boxes" in text and "broken.json" in text
    assert "<script" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert '</td>")' not in text
    argv_csv = [*argv, "--csv", str(folder / "out" / "numbers")]
    assert cli.main(argv_csv) == 1
    tasks_csv = (folder / "out" / "numbers-tasks.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in tasks_csv
    # run again: the report files beside the attempts are not read as attempts
    (folder / "broken.json").unlink()
    assert cli.main(argv) == 0
    again = json.loads(data_path.read_text(encoding="utf-8"))
    assert again["not_graded"] == [] and again["quizzes"][0]["summary"]["candidates"] == 3


def test_agreement_as_annotrain_agreement_measures_it(cohort_report, capsys):
    folder = cohort_report["folder"]
    status = cli.main(["agreement", str(folder), "--quiz", "week-1", "--format", "json",
                       "--config", str(ROOT / "mkdocs.yml")])  # fmt: skip
    assert status == 0
    measured = json.loads(capsys.readouterr().out)
    (quiz,) = cohort_report["data"]["quizzes"]
    shown = quiz["agreement"]
    assert {row["task"]: (row["raters"], row["agreement"]) for row in measured["tasks"]} == {
        tid: (t["raters"], t["agreement"]) for tid, t in shown["tasks"].items()
    }
    choice = shown["types"]["choice"]["measures"]
    assert choice["krippendorff_alpha"] == measured["choice"]["krippendorff_alpha"]["value"]
    assert choice["fleiss_kappa"] == measured["choice"]["fleiss"]["kappa"]["value"]
    assert shown["types"]["multi"]["measures"]["mean_jaccard"] == measured["multi"]["mean_jaccard"]
    html = cohort_report["html"]
    assert "Agreement between candidates" in html and "krippendorff alpha" in html
