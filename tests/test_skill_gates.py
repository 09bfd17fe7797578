"""Skill gates (a section's ``min_score``): what the page gets, the quiz's rules, how
`annotrain grade` reports them, and the credentials it signs. The grading rule itself
is proved by the shared vectors (tests/vectors/quizzes/skill-gates.json) and the
loader's errors in tests/test_quizzes.py."""

from __future__ import annotations

import csv
import json

import pytest
from bs4 import BeautifulSoup

from annotrain.commands.cli import main
from annotrain.course import yamlpos
from annotrain.course.quizfile import read_quiz
from annotrain.course.quizzes import quiz_facts, quiz_from_json
from annotrain.course.rubrics import RubricLibrary

from .conftest import ROOT
from .credentialcourse import KeyedCourse, claims_of, gate_final
from .gradecourse import GradeCourse, report

RUBRICS = RubricLibrary.load(ROOT / "quizzes" / "rubrics.yml")
TASK = """
      - {{type: choice, id: {id}, prompt: Pick., labels: ["Yes", "No"], rubric: choice-standard, gold: {{choice: "Yes"}}}}"""


def quiz_text(gate: str = "", mode: str = "quiz") -> str:
    return (
        f"title: T\nmode: {mode}\nsections:\n  - title: Boxes\n{gate}    tasks:"
        + TASK.format(id="a")
        + "\n  - title: Text\n    tasks:"
        + TASK.format(id="b")
    )


def load(text: str, messages):
    return read_quiz(yamlpos.load(text, "q.yml"), "q.yml", "q", RUBRICS, {}, messages)


def test_a_gate_is_published_and_changes_the_public_version_only_when_set(messages):
    plain = load(quiz_text(), messages)
    gated = load(quiz_text("    min_score: 0.7\n"), messages)
    # Without a gate the page gets the sections as before, so the quiz keeps its version.
    assert plain.to_json("s", {})["sections"] == [
        {"title": "Boxes", "draw": None, "tasks": ["a"]},
        {"title": "Text", "draw": None, "tasks": ["b"]},
    ]
    page = gated.to_json("s", {})
    assert page["sections"][0] == {"title": "Boxes", "draw": None, "tasks": ["a"], "min_score": 0.7}
    assert "min_score" not in page["sections"][1]
    assert gated.public_version != plain.public_version and gated.version != plain.version
    assert load(quiz_text("    min_score: 0.8\n"), messages).public_version != gated.public_version
    # A sealed exam publishes its gates too: a rule, not an answer.
    exam = load(quiz_text("    min_score: 0.7\n", mode="exam"), messages).to_json("s", {})
    assert exam["sections"][0]["min_score"] == 0.7 and "gold" not in exam["tasks"]["a"]["task"]
    # A shared vector's quiz rebuilds with its gate.
    assert quiz_from_json(page).sections[0].min_score == 0.7


def test_the_quiz_rules_name_each_minimum(messages):
    facts = quiz_facts(load(quiz_text("    min_score: 0.75\n"), messages), messages)
    gate = [fact for fact in facts if fact.startswith("Boxes:")]
    assert gate == ["Boxes: at least 75 % on this section's own tasks, whatever the total."]
    assert not any(
        fact.startswith("Text:") for fact in quiz_facts(load(quiz_text(), messages), messages)
    )


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    return GradeCourse(tmp_path_factory.mktemp("gated-course"))


def test_grade_holds_back_an_attempt_that_misses_a_gate_and_reports_each_section(
    course, tmp_path, capsys
):
    wrong_g2 = {"g1": {"choice": "Yes"}, "g2": {"choice": "Yes"}, "g3": {"choice": "Yes"},
                "g4": {"choice": "No"}}  # fmt: skip
    # Ana: all right. Ben: g2 wrong, so Boxes scores (1 + 0.2) / 2 = 0.6, below its 0.7,
    # while the total (1 + 0.2 + 1 + 1) / 4 = 0.8 is above the pass mark 0.5; his page
    # (an old one, or an edited file) says he passed.
    course.write(tmp_path / "ana.json", course.attempt("gated", candidate={"name": "Ana"},
                 client={"score": 1.0, "passed": True}))  # fmt: skip
    course.write(tmp_path / "ben.json", course.attempt("gated", candidate={"name": "Ben"},
                 responses=wrong_g2, client={"score": 0.8, "passed": True}))  # fmt: skip
    assert main(course.args(tmp_path)) == 0
    out = capsys.readouterr().out
    rows = {r["candidate"]: r for r in report(tmp_path / "annotrain-grades")["attempts"]}
    ana, ben = rows["Ana"], rows["Ben"]
    assert (ana["passed"], ana["held_back"], ana["flags"]) == (True, [], [])
    assert ana["sections"] == [
        {"title": "Boxes", "score": 1.0, "count": 2, "min_score": 0.7, "met": True},
        {"title": "Text", "score": 1.0, "count": 2, "min_score": None, "met": None},
    ]
    assert ben["score"] == pytest.approx(0.8) and ben["passed"] is False
    assert ben["held_back"] == ["Boxes"]
    assert ben["sections"][0] == {
        "title": "Boxes", "score": pytest.approx(0.6), "count": 2, "min_score": 0.7, "met": False,
    }  # fmt: skip
    assert ben["flags"] == ["browser reported pass, recomputed fail: possible tampering"]
    # The terminal says what held Ben back, after his verdict.
    (line,) = [line for line in out.splitlines() if line.startswith("Ben")]
    assert "fail (held back: Boxes 60.0% < 70%)" in line
    with (tmp_path / "annotrain-grades.csv").open(encoding="utf-8", newline="") as handle:
        table = {r["candidate"]: r for r in csv.DictReader(handle)}
    assert table["Ben"]["held_back"] == "Boxes" and table["Ana"]["held_back"] == ""
    assert (table["Ben"]["section:Boxes"], table["Ben"]["met:Boxes"]) == ("0.6", "False")
    assert (table["Ana"]["section:Boxes"], table["Ana"]["met:Boxes"]) == ("1.0", "True")
    assert table["Ben"]["section:Text"] == "1.0" and "met:Text" not in table["Ben"]


def test_a_report_of_quizzes_without_gates_has_no_met_columns(course, tmp_path, capsys):
    course.write(tmp_path / "a.json", course.attempt("check"))
    assert main(course.args(tmp_path)) == 0
    capsys.readouterr()
    (row,) = report(tmp_path / "annotrain-grades")["attempts"]
    assert row["held_back"] == [] and row["sections"][0]["met"] is None
    header = (tmp_path / "annotrain-grades.csv").read_text(encoding="utf-8").splitlines()[0]
    assert "held_back" in header and "section:#1" in header and "met:" not in header


def test_a_gated_exams_credential_carries_each_minimum(tmp_path, capsys):
    course = KeyedCourse(tmp_path)
    gate_final(course)
    attempts = tmp_path / "attempts"
    course.write_attempt(attempts, "ana", course.exam_attempt())
    assert main(course.args(attempts, "--sign", course.key)) == 0
    capsys.readouterr()
    folder = attempts / "credentials"
    token = json.loads((folder / "ana-lima-final-credential.json").read_text())["credential"]
    assert claims_of(token)["sections"] == [
        {"title": "Boxes", "score": 1.0, "min_score": 0.6},
        {"title": "Text", "score": 1.0, "min_score": None},
    ]
    certificate = BeautifulSoup(
        (folder / "ana-lima-final-certificate.html").read_text(encoding="utf-8"), "html.parser"
    )
    items = [li.get_text() for li in certificate.select("dd li")]
    assert items == ["Boxes: 100% (minimum 60%)", "Text: 100%"]
    assert main(["verify", str(folder / "ana-lima-final-credential.json"),
                 "--config", str(course.config)]) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "Boxes: 100% (minimum 60%)" in out and "Text: 100%\n" in out


def test_an_exam_held_back_by_a_gate_is_not_signed(tmp_path, capsys):
    course = KeyedCourse(tmp_path)
    gate_final(course, 0.7)
    # f2 wrong: Boxes (1 + 0.2) / 2 = 0.6 misses 0.7; the total 2.2 / 3 passes 0.5.
    wrong = {"f1": {"choice": "Yes"}, "f2": {"choice": "Maybe"}, "f3": {"choice": "Maybe"}}
    attempts = tmp_path / "attempts"
    course.write_attempt(attempts, "ana", course.exam_attempt(responses=wrong))
    assert main(course.args(attempts, "--sign", course.key)) == 0
    out = capsys.readouterr().out
    (row,) = report(attempts / "annotrain-grades")["attempts"]
    assert row["score"] == pytest.approx(2.2 / 3) and row["critical_failures"] == 1
    assert (row["passed"], row["held_back"], row["credential"]) == (False, ["Boxes"], None)
    assert "issued:" not in out and not (attempts / "credentials").exists()
