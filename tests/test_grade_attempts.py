"""`annotrain grade` on attempt formats 1 and 2: what each finding catches (the browser's
score and verdict, times, modes, versions), the shape checks of format 2's fields,
and where the report goes."""

from __future__ import annotations

import csv
import json
from datetime import datetime, timedelta, timezone

import pytest

from annotrain.commands.cli import main
from annotrain.grading.attempts import AttemptError, parse_attempt

from .gradecourse import GradeCourse, report


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    return GradeCourse(tmp_path_factory.mktemp("grade-course"))


def graded(course, tmp_path, capsys, data: dict) -> dict:
    """The report row of one attempt file holding ``data``."""
    course.write(tmp_path / "a.json", data)
    assert main(course.args(tmp_path / "a.json")) == 0, capsys.readouterr().err
    capsys.readouterr()
    (row,) = report(tmp_path / "annotrain-grades")["attempts"]
    return row


def flags(course, tmp_path, capsys, **changes) -> list[str]:
    return graded(course, tmp_path, capsys, course.attempt(**changes))["flags"]


def test_format_2_and_format_1_are_both_graded(course, tmp_path, capsys):
    course.write(tmp_path / "two.json", course.attempt(version=2, candidate={"name": "two"}))
    course.write(
        tmp_path / "one.json", course.attempt(version=1, seed=8, candidate={"name": "one"})
    )
    course.write(
        tmp_path / "exam.json", course.attempt("final", version=2, candidate={"name": "exam"})
    )
    assert main(course.args(tmp_path)) == 0
    out = capsys.readouterr().out
    rows = {r["candidate"]: r for r in report(tmp_path / "annotrain-grades")["attempts"]}
    assert {name: r["attempt_format"] for name, r in rows.items()} == {
        "two": 2, "one": 1, "exam": 2,
    }  # fmt: skip
    assert {name: r["mode"] for name, r in rows.items()} == {
        "two": "quiz", "one": None, "exam": "exam",
    }  # fmt: skip
    for row in rows.values():
        assert row["score"] == 1.0 and row["passed"] is True and row["flags"] == [], row
    with (tmp_path / "annotrain-grades.csv").open(encoding="utf-8", newline="") as handle:
        table = {r["candidate"]: r for r in csv.DictReader(handle)}
    assert table["one"]["attempt_format"] == "1" and table["one"]["mode"] == ""
    assert table["exam"]["attempt_format"] == "2" and table["exam"]["mode"] == "exam"
    assert "verification" not in table["one"] and "verification" not in rows["one"]
    assert "code" not in out.splitlines()[0]


def test_each_format_is_compared_with_its_own_version(course, tmp_path, capsys):
    quiz = course.quizzes["check"]
    assert quiz.version != quiz.public_version
    # Format 2 names the public version (no gold); the full one is another quiz to it.
    found = flags(course, tmp_path, capsys, quiz_version=quiz.version)
    assert found == [
        f"quiz changed since the attempt (version {quiz.version}, now {quiz.public_version})"
    ]
    found = flags(course, tmp_path, capsys, version=1, quiz_version=quiz.public_version)
    assert found == [
        f"quiz changed since the attempt (version {quiz.public_version}, now {quiz.version})"
    ]


@pytest.mark.parametrize(
    "client, finding",
    [
        ({"score": "1.0", "passed": True}, 'browser score "1.0" is not a number: possible tampering'),
        ({"score": float("nan")}, "browser score NaN is not a number: possible tampering"),
        ({"score": float("inf")}, "browser score Infinity is not a number: possible tampering"),
        ({"score": True}, "browser score true is not a number: possible tampering"),
        ({"score": [1]}, "browser score [1] is not a number: possible tampering"),
        ({"score": 1.5}, "browser score 1.5 is outside 0 to 1: possible tampering"),
        ({"score": -0.5}, "browser score -0.5 is outside 0 to 1: possible tampering"),
        ({"score": 0.5}, "browser reported score 0.5000, recomputed 1.0000: possible tampering"),
        ({"score": 1.0, "passed": False}, "browser reported fail, recomputed pass: possible tampering"),
        ({"passed": "yes"}, 'browser verdict "yes" is not true or false: possible tampering'),
    ],
)  # fmt: skip
def test_what_the_browser_reported_is_checked(course, tmp_path, capsys, client, finding):
    assert flags(course, tmp_path, capsys, client=client) == [finding]


@pytest.mark.parametrize(
    "client",
    [{"score": 1.0}, {"score": 1}, {"passed": True}, {"score": None}, {}, None],
    ids=["score-only", "whole-number", "verdict-only", "null-score", "empty", "null"],
)
def test_a_client_with_part_of_the_result_is_compared_on_that_part(
    course, tmp_path, capsys, client
):
    assert flags(course, tmp_path, capsys, client=client) == []


def test_a_browser_result_in_an_exam_is_flagged(course, tmp_path, capsys):
    found = flags(course, tmp_path, capsys, quiz_id="final", client={"score": 1.0, "passed": True})
    assert found == ["the browser sent results for an exam, which it cannot grade"]


def test_a_changed_quiz_is_no_sign_of_tampering(course, tmp_path, capsys):
    found = flags(course, tmp_path, capsys, quiz_version="0" * 16, client={"score": 0.2})
    assert len(found) == 1 and found[0].startswith("quiz changed since the attempt")


def test_an_attempt_in_another_mode_is_flagged(course, tmp_path, capsys):
    assert flags(course, tmp_path, capsys, mode="practice") == [
        "taken in practice mode; the quiz is in quiz mode"
    ]


def iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


NOW = datetime.now(timezone.utc)


@pytest.mark.parametrize(
    "started, submitted, findings",
    [
        ("9999-12-31T23:00:00Z", "9999-12-31T23:59:59Z",
         ["started 9999-12-31T23:00:00Z is in the future",
          "submitted 9999-12-31T23:59:59Z is in the future"]),
        (iso(NOW - timedelta(minutes=5)), iso(NOW + timedelta(hours=2)),
         [f"submitted {iso(NOW + timedelta(hours=2))} is in the future"]),
        ("2001-09-09T01:46:40Z", "2001-09-09T01:50:00Z",
         ["started 2001-09-09T01:46:40Z is before 2020: a wrong clock or an edit",
          "submitted 2001-09-09T01:50:00Z is before 2020: a wrong clock or an edit"]),
        (iso(NOW - timedelta(days=45)), iso(NOW - timedelta(days=1)),
         ["took 44 days, longer than any attempt (30 days)"]),
        # Times in another zone are the same instants in UTC.
        ("2024-05-01T12:00:00+02:00", "2024-05-01T10:30:00Z", []),
        # A clock a few minutes fast is no finding.
        (iso(NOW - timedelta(minutes=5)), iso(NOW + timedelta(minutes=3)), []),
    ],
)  # fmt: skip
def test_implausible_times_are_flagged_not_refused(
    course, tmp_path, capsys, started, submitted, findings
):
    assert flags(course, tmp_path, capsys, started=started, submitted=submitted) == findings


def test_the_time_limit_is_still_checked(course, tmp_path, capsys):
    start = NOW - timedelta(hours=1)
    found = flags(course, tmp_path, capsys, quiz_id="final", started=iso(start), submitted=iso(NOW))
    assert found == ["took 60.0 min, over the 20 min limit"]


@pytest.mark.parametrize(
    "changes, where, message",
    [
        ({"mode": "open"}, "$.mode", 'must be one of practice, quiz, exam, simulation, got "open"'),
        ({"mode": None}, "$.mode", "must be one of practice, quiz, exam, simulation, got null"),
        ({"ticket": 5}, "$.ticket", "must be null or text, got 5"),
        ({"revealed": "c1"}, "$.revealed", "must be a list of task ids"),
        ({"revealed": ["zz"]}, "$.revealed[0]", 'must be a task id of $.tasks, got "zz"'),
        ({"revealed": ["c1", "c1"]}, "$.revealed", "lists a task more than once"),
        ({"contests": {}}, "$.contests", "must be a list of {task, reason} objects"),
        ({"contests": ["c1"]}, "$.contests[0]", "must be an object with a task and a reason"),
        ({"contests": [{"task": "zz", "reason": "x"}]}, "$.contests[0].task",
         'must be a task id of $.tasks, got "zz"'),
        ({"contests": [{"task": "c1"}]}, "$.contests[0].reason", "must be text, got null"),
        ({"trace": {}}, "$.trace", "must be null or a list, got {}"),
        ({"client": 1}, "$.client", "must be an object"),
        ({"format": "annotrain-attempt/3"}, "$.format",
         "expected 'annotrain-attempt/1' or 'annotrain-attempt/2', got \"annotrain-attempt/3\""),
        ({"started": "2024-13-01T00:00:00Z"}, "$.started", "must be an ISO 8601 time"),
        ({"started": "9999-12-31T23:59:59-23:59"}, "$.started", "is out of range"),
    ],
)  # fmt: skip
def test_format_2_fields_are_checked(course, changes, where, message):
    with pytest.raises(AttemptError) as info:
        parse_attempt(course.attempt(**changes), "a.json")
    assert info.value.where == where and info.value.message.startswith(message), str(info.value)


def test_format_2_reserved_fields_are_kept(course):
    data = course.attempt(
        ticket="eyJxdWl6IjoiY2hlY2sifQ.c2ln",
        revealed=["c2"],
        contests=[{"task": "c1", "reason": "Both labels fit."}],
        trace=[{"task": "c1", "at": 3}],
    )
    attempt = parse_attempt(data, "a.json")
    assert attempt.format == 2 and attempt.mode == "quiz"
    assert attempt.ticket == "eyJxdWl6IjoiY2hlY2sifQ.c2ln" and attempt.revealed == ["c2"]
    assert attempt.contests == [{"task": "c1", "reason": "Both labels fit."}]
    assert attempt.trace == [{"task": "c1", "at": 3}]
    bare = {k: v for k, v in data.items() if k not in ("ticket", "revealed", "contests", "trace")}
    attempt = parse_attempt(bare, "a.json")
    assert (attempt.ticket, attempt.revealed, attempt.contests, attempt.trace) == (
        None,
        [],
        [],
        None,
    )


def test_version_1_has_no_mode_and_ignores_later_fields(course):
    attempt = parse_attempt(course.attempt(version=1, mode="nonsense", trace={}), "a.json")
    assert attempt.format == 1 and attempt.mode is None and attempt.trace is None


# --- where the report goes -------------------------------------------------------


def test_the_report_goes_beside_the_attempts_by_default(course, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "cohort" / "week-1"
    course.write(folder / "ana.json", course.attempt())
    assert main(course.args("cohort/week-1")) == 0
    out = capsys.readouterr().out
    assert (
        "Wrote cohort/week-1/annotrain-grades.csv and cohort/week-1/annotrain-grades.json: "
        "1 graded, 0 not graded." in out
    )
    assert sorted(p.name for p in folder.iterdir()) == [
        "ana.json", "annotrain-grades.csv", "annotrain-grades.json",
    ]  # fmt: skip
    assert not list(tmp_path.glob("*.csv")), "nothing in the working folder"
    # A file argument: its folder.
    other = tmp_path / "other"
    course.write(other / "ben.json", course.attempt())
    assert main(course.args(other / "ben.json", folder / "ana.json")) == 0
    assert (other / "annotrain-grades.json").is_file()
    assert f"Wrote {other}/annotrain-grades.csv" in capsys.readouterr().out
    # A first argument that does not exist: the first one that does.
    assert main(course.args(tmp_path / "gone" / "x.json", other)) == 1
    assert f"Wrote {other}/annotrain-grades.csv" in capsys.readouterr().out
    assert not (tmp_path / "gone").exists()


@pytest.mark.parametrize(
    "given, written",
    [
        ("reports/week-1", "reports/week-1"),
        ("reports/week-1.5", "reports/week-1.5"),
        ("reports/week-1.csv", "reports/week-1"),
        ("reports/week-1.json", "reports/week-1"),
        ("reports", "reports/annotrain-grades"),  # an existing folder
    ],
)
def test_output_names_the_report(course, tmp_path, capsys, monkeypatch, given, written):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "reports").mkdir()
    course.write(tmp_path / "attempts" / "ana.json", course.attempt())
    assert main(course.args("attempts", "--output", given)) == 0
    assert f"Wrote {written}.csv and {written}.json" in capsys.readouterr().out
    assert json.loads((tmp_path / f"{written}.json").read_text("utf-8"))["attempts"]
    assert (tmp_path / f"{written}.csv").is_file()


def test_a_report_that_cannot_be_written_is_one_line(course, tmp_path, capsys):
    course.write(tmp_path / "ana.json", course.attempt())
    (tmp_path / "taken").write_text("a file, not a folder", encoding="utf-8")
    assert main(course.args(tmp_path / "ana.json", "--output", tmp_path / "taken" / "r")) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot write the report" in err


def test_exit_status_and_missing_paths(course, tmp_path, capsys):
    course.write(tmp_path / "ana.json", course.attempt())
    assert main(course.args(tmp_path / "ana.json", tmp_path / "nobody.json")) == 1
    out, err = capsys.readouterr()
    assert f"{tmp_path / 'nobody.json'}: no such file or folder" in err
    assert "1 graded, 1 not graded" in out
    with pytest.raises(SystemExit) as usage:
        main(course.args(tmp_path, "--max-bytes", "lots"))
    assert usage.value.code == 2
    assert "'lots' is not a size" in capsys.readouterr().err


def test_a_passing_file_copied_under_another_name_is_flagged(course, tmp_path, capsys):
    original = course.attempt(candidate={"name": "Ana Lima"})
    course.write(tmp_path / "ana.json", original)
    course.write(tmp_path / "ben.json", {**original, "candidate": {"name": "Ben Okoro"}})
    course.write(tmp_path / "cy.json", course.attempt(seed=9, candidate={"name": "Cy Park"}))
    assert main(course.args(tmp_path)) == 0
    out = capsys.readouterr().out
    rows = {r["candidate"]: r for r in report(tmp_path / "annotrain-grades")["attempts"]}
    # Both grade as passes: the copy is only visible beside its original.
    assert all(row["passed"] for row in rows.values())
    (ana,) = rows["Ana Lima"]["flags"]
    (ben,) = rows["Ben Okoro"]["flags"]
    assert ana.startswith(f"the same attempt as {tmp_path / 'ben.json'} under another name")
    assert ben.startswith(f"the same attempt as {tmp_path / 'ana.json'} under another name")
    assert rows["Cy Park"]["flags"] == []
    assert "a copy" in out
