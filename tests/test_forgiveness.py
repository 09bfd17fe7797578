"""Forgiveness files: read with errors at their lines, applied by `annotrain grade
--forgive`, and compared with an earlier report through `--before`.

The worked example is the course's ``gated`` quiz (tests/gradecourse.py): pass mark
0.5, sections Boxes (g1, g2; minimum 0.7) and Text (g3, g4), every task a
choice-standard task, which scores 1 when right and 1/5 = 0.2 when wrong. The
attempt answers g1 and g4 wrongly: 0.2 + 1 + 1 + 0.2 = 2.4 over 4 tasks is 0.6, and
Boxes scores (0.2 + 1) / 2 = 0.6 < 0.7, so the attempt is held back and fails.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from annotrain.commands.cli import main
from annotrain.commands.grade import grade_attempt
from annotrain.course.loader import load_course
from annotrain.grading.attempts import parse_attempt
from annotrain.grading.forgiveness import ForgivenessError, read_forgiveness
from annotrain.grading.simulation import simulate
from annotrain.messages import catalog

from .gradecourse import GradeCourse, report
from .test_simulation import load as load_simulation
from .test_simulation import simulation_yaml

WRONG = {"g1": {"choice": "No"}, "g4": {"choice": "Yes"}}


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    return GradeCourse(tmp_path_factory.mktemp("forgive"))


@pytest.fixture(scope="module")
def loaded(course):
    return load_course(course.config)


def forgive(course, tmp_path, text: str, name: str = "forgive.yml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    loaded = load_course(course.config)
    return read_forgiveness(path, loaded.quizzes, loaded.messages)


def gated_row(course, loaded, forgiveness=None, **answers):
    data = course.attempt("gated")
    data["responses"] |= WRONG | answers
    quiz = loaded.quizzes["gated"]
    return grade_attempt(
        parse_attempt(data), quiz, course.site, loaded.messages, None, None, forgiveness
    )


def test_the_worked_example_fails_without_forgiveness(course, loaded):
    row = gated_row(course, loaded)
    assert row["score"] == pytest.approx(0.6)
    assert row["held_back"] == ["Boxes"] and row["passed"] is False
    assert "forgiven" not in row  # no --forgive: the row is as it always was


@pytest.mark.parametrize(
    ("decisions", "score", "tasks", "boxes", "held_back", "passed"),
    [
        # g1 withdrawn: (1 + 1 + 0.2) / 3; Boxes is g2 alone, 1.0.
        ("g1: {withdraw: true}", 2.2 / 3, ["g2", "g3", "g4"], 1.0, [], True),
        # Boxes wholly withdrawn: its minimum no longer holds anyone back; (1 + 0.2) / 2.
        ("g1: {withdraw: true}\n  g2: {withdraw: true}", 0.6, ["g3", "g4"], None, [], True),
        # The candidate's "No" on g1 accepted: 1 + 1 + 1 + 0.2 over 4.
        ("g1: {accept: {choice: 'No'}}", 0.8, ["g1", "g2", "g3", "g4"], 1.0, [], True),
        # g4's gold replaced by the candidate's "Yes": the score rises, Boxes still fails.
        ("g4: {gold: {choice: 'Yes'}}", 0.8, ["g1", "g2", "g3", "g4"], 0.6, ["Boxes"], False),
        # g2's gold replaced: the candidate's right answer is now wrong (0.2 + 0.2 + 1 + 0.2).
        ("g2: {gold: {choice: 'Yes'}}", 0.4, ["g1", "g2", "g3", "g4"], 0.2, ["Boxes"], False),
    ],
)
def test_each_decision_changes_what_it_should(
    course, loaded, tmp_path, decisions, score, tasks, boxes, held_back, passed
):
    forgiveness = forgive(course, tmp_path, f"quiz: gated\ntasks:\n  {decisions}\n")
    row = gated_row(course, loaded, forgiveness)
    assert row["score"] == pytest.approx(score, abs=1e-6)
    assert sorted(row["tasks"]) == tasks
    sections = {s["title"]: s for s in row["sections"]}
    assert (sections["Boxes"]["score"] if "Boxes" in sections else None) == (
        None if boxes is None else pytest.approx(boxes)
    )
    # Text (g3 right, g4 wrong) changes only where g4's gold does.
    assert sections["Text"]["score"] == pytest.approx(1.0 if "g4" in decisions else 0.6)
    assert row["criteria"]["correctness"] == pytest.approx(score)
    assert row["held_back"] == held_back
    assert row["passed"] is passed
    assert {f["task"] for f in row["forgiven"]} == {
        d.split(":")[0].strip() for d in decisions.split("\n")
    }


def test_an_accepted_answer_never_lowers_a_grade(course, loaded, tmp_path):
    # Accepting "Yes" on g2 as well: "No" (the gold) still passes.
    forgiveness = forgive(
        course, tmp_path, "quiz: gated\ntasks:\n  g2: {accept: [{choice: 'Yes'}]}\n"
    )
    assert gated_row(course, loaded, forgiveness)["tasks"]["g2"]["score"] == 1.0
    assert (
        gated_row(course, loaded, forgiveness, g2={"choice": "Yes"})["tasks"]["g2"]["score"] == 1.0
    )


def test_forgiveness_of_another_quiz_changes_nothing(course, loaded, tmp_path):
    forgiveness = forgive(course, tmp_path, "quiz: check\ntasks:\n  c1: {withdraw: true}\n")
    row = gated_row(course, loaded, forgiveness)
    assert row["score"] == pytest.approx(0.6) and row["forgiven"] == []


def test_the_browser_score_is_compared_without_forgiveness(course, loaded, tmp_path):
    # The browser's own (unforgiven) numbers are no sign of tampering.
    forgiveness = forgive(course, tmp_path, "quiz: check\ntasks:\n  c1: {accept: {choice: 'No'}}\n")
    data = course.attempt("check")
    data["responses"]["c1"] = {"choice": "No"}
    data["client"] = {"score": 0.6, "passed": False, "critical_failures": 1}
    quiz = loaded.quizzes["check"]
    row = grade_attempt(
        parse_attempt(data), quiz, course.site, loaded.messages, None, None, forgiveness
    )
    assert row["score"] == 1.0 and row["passed"] is True
    assert row["flags"] == []


def test_a_withdrawn_gold_task_leaves_a_simulations_trace(tmp_path):
    quiz = load_simulation(
        simulation_yaml("simulation: {window: 2, min_correct: 2, min_gold: 2}\n")
    )
    messages = catalog("en")
    ids = ["g1", "w1", "g2", "g3", "g4"]
    responses = {"g1": {"choice": "No"}, "g2": {"choice": "Yes"}, "g3": {"choice": "Yes"}}
    plain = simulate(quiz, ids, responses, messages)
    assert plain["stopped"] and plain["stop"]["task"] == "g2"  # g1 wrong, g2 right: 1 of 2
    path = tmp_path / "sim.yml"
    path.write_text("quiz: sim\ntasks:\n  g1: {withdraw: true}\n", encoding="utf-8")
    forgiveness = read_forgiveness(path, {"sim": quiz}, messages)
    forgiven = forgiveness.simulate(quiz, ids, responses, messages)
    assert [step["task"] for step in forgiven["trace"]] == ["g2", "g3", "g4"]
    assert forgiven["stopped"] and forgiven["stop"]["task"] == "g4"  # g4 unanswered
    path.write_text("quiz: sim\ntasks:\n  w1: {withdraw: true}\n", encoding="utf-8")
    with pytest.raises(ForgivenessError) as caught:
        read_forgiveness(path, {"sim": quiz}, messages)
    assert caught.value.line == 3 and "work item" in str(caught.value)


# --- errors at their lines ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lines", "words"),
    [
        ("quiz: nope\ntasks: {c1: {withdraw: true}}\n", [1], "no quiz 'nope'"),
        ("quiz: check\n", [1], "'tasks'"),
        ("quiz: check\ntasks: []\n", [2], "must map task ids"),
        (
            "quiz: check\ntasks:\n  c1: {withdraw: true}\n  c9: {withdraw: true}\n",
            [4],
            "no task 'c9'",
        ),
        ("quiz: check\ntasks:\n  c1: {reason: why}\n", [3], "say what to do"),
        ("quiz: check\ntasks:\n  c1: {withdraw: false}\n", [3], "false withdraws nothing"),
        (
            "quiz: check\ntasks:\n  c1:\n    withdraw: true\n    gold: {choice: 'No'}\n",
            [4],
            "keep one",
        ),
        ("quiz: check\ntasks:\n  c1:\n    accept: {choice: Maybe}\n", [4], "'Maybe'"),
        (
            "quiz: check\ntasks:\n  c1:\n    accept:\n      - {choice: 'No'}\n      - {choice: Maybe}\n",
            [6],
            "'Maybe'",
        ),
        ("quiz: check\ntasks:\n  c1: {gold: 'No'}\n", [3], "must be a mapping"),
        ("quiz: check\ntasks:\n  c1: {withdraw: true, reasn: x}\n", [3], "did you mean 'reason'"),
        ("quiz: check\ntasks:\n  c1: {withdraw: true\n", [4], "YAML syntax error"),
        ("quiz: check\nquiz: check\n", [2], "duplicate key"),
        # every problem is reported, each at its own line
        (
            "quiz: check\ntasks:\n  c1: {withdraw: 1}\n  c2: {gold: {choice: Nah}}\n",
            [3, 4],
            "'withdraw'",
        ),
    ],
)
def test_problems_are_named_at_their_line(course, tmp_path, text, lines, words):
    with pytest.raises(ForgivenessError) as caught:
        forgive(course, tmp_path, text)
    errors = caught.value.errors
    assert [e.line for e in errors] == lines
    assert all(e.path.endswith("forgive.yml") for e in errors)
    assert words in str(caught.value)


def test_a_json_file_is_read_too(course, tmp_path):
    text = json.dumps(
        {"quiz": "check", "tasks": {"c2": {"gold": {"choice": "Yes"}, "reason": "typo"}}}
    )
    forgiveness = forgive(course, tmp_path, text, "forgive.json")
    assert forgiveness.pardons["c2"].gold == {"choice": "Yes"}
    assert forgiveness.pardons["c2"].reason == "typo"


# --- the command line ----------------------------------------------------------------------


def test_grade_forgive_before_says_who_now_passes(course, tmp_path, capsys):
    folder = tmp_path / "attempts"
    ana = course.attempt("gated", candidate={"name": "Ana"})
    ana["responses"] |= WRONG
    ana["client"] = {}
    ben = course.attempt("gated", candidate={"name": "Ben"})  # all right
    ben["client"] = {}
    course.write(folder / "ana.json", ana)
    course.write(folder / "ben.json", ben)
    first = tmp_path / "first"
    assert main(course.args(folder, "--output", first)) == 0
    decisions = tmp_path / "forgive.yml"
    decisions.write_text("quiz: gated\ntasks:\n  g1: {withdraw: true, reason: two fit}\n")
    second = tmp_path / "second"
    capsys.readouterr()
    argv = course.args(
        folder, "--output", second, "--forgive", decisions, "--before", f"{first}.json"
    )
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "g1: withdrawn (two fit): applied to 2 attempts" in out
    assert "Ana (gated): 60.0% fail -> 73.3% pass, now passes" in out
    assert "Now pass: Ana." in out
    assert "Ben" not in out.split("Changes since")[1]  # unchanged: not listed
    data = report(second)
    rows = {r["candidate"]: r for r in data["attempts"]}
    assert rows["Ana"]["score_before"] == 0.6 and rows["Ana"]["passed_before"] is False
    assert rows["Ana"]["change"] == "now passes" and rows["Ben"]["change"] == "unchanged"
    assert rows["Ana"]["forgiven"] == [
        {"task": "g1", "decision": ["withdraw"], "reason": "two fit"}
    ]
    assert data["changes"]["now_pass"] == ["Ana"] and data["changes"]["now_fail"] == []
    assert data["forgiveness"]["tasks"] == [
        {"task": "g1", "decision": ["withdraw"], "reason": "two fit"}
    ]
    table = list(csv.DictReader(io.StringIO(second.with_suffix(".csv").read_text())))
    ana_csv = next(r for r in table if r["candidate"] == "Ana")
    assert (ana_csv["forgiven"], ana_csv["score_before"], ana_csv["change"]) == (
        "g1: withdraw", "0.6", "now passes"
    )  # fmt: skip
    assert "task:g1" not in table[0] and "task:g2" in table[0]  # withdrawn: scored for no one


def test_grade_refuses_a_bad_forgiveness_file_with_every_line(course, tmp_path, capsys):
    folder = tmp_path / "attempts"
    course.write(folder / "ana.json", course.attempt("check"))
    bad = tmp_path / "forgive.yml"
    bad.write_text("quiz: check\ntasks:\n  c1: {accept: {choice: Maybe}}\n  c7: {withdraw: true}\n")
    assert main(course.args(folder, "--forgive", bad)) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"{bad}:3: ") and err[1].startswith(f"{bad}:4: ")
    assert not (folder / "annotrain-grades.json").exists()  # nothing graded, nothing written
    assert main(course.args(folder, "--forgive", tmp_path / "missing.yml")) == 1
    assert "missing.yml: no such file" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ('{"format": "annotrain-attempt/2"}', "not a report written by annotrain grade"),
        (
            '{"format": "annotrain-grade-report/2", "attempts": [{"file": "a.json"}]}',
            "$.attempts[0]",
        ),
        ("not json", "a.json"),
    ],
)
def test_grade_refuses_an_unusable_earlier_report(course, tmp_path, capsys, content, words):
    folder = tmp_path / "attempts"
    course.write(folder / "ana.json", course.attempt("check"))
    before = tmp_path / "a.json"
    before.write_text(content)
    assert main(course.args(folder, "--before", before)) == 1
    assert words in capsys.readouterr().err


def test_report_marks_forgiven_tasks(course, tmp_path):
    folder = tmp_path / "attempts"
    data = course.attempt("check", contests=[{"task": "c1", "reason": "Both fit."}])
    course.write(folder / "ana.json", data)
    decisions = tmp_path / "forgive.yml"
    decisions.write_text("quiz: check\ntasks:\n  c1: {withdraw: true, reason: Both fit}\n")
    out = tmp_path / "r.json"
    argv = course.args(
        folder, "-o", tmp_path / "r.html", "--json", out, "--forgive", decisions, command="report"
    )
    assert main(argv) == 0
    tasks = {t["task"]: t for t in json.loads(out.read_text())["quizzes"][0]["tasks"]}
    assert tasks["c1"]["forgiven"] == "withdrawn" and tasks["c1"]["candidates"] == 0
    assert tasks["c2"]["forgiven"] is None and tasks["c2"]["candidates"] == 1
    assert "Forgiven: withdrawn" in (tmp_path / "r.html").read_text()
