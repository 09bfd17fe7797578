"""Quizzes: loading and its errors, the seeded draw, quiz scoring (checked by hand and
against the browser's quiz-core.js), exam mode leaking no gold, and `annotrain grade`."""

from __future__ import annotations

import copy
import csv
import json
import random
import re

import pytest

from annotrain.commands.cli import main
from annotrain.course import yamlpos
from annotrain.course.loader import load_course
from annotrain.course.quizfile import read_quiz
from annotrain.course.quizzes import quiz_from_json
from annotrain.course.rubrics import RubricLibrary
from annotrain.errors import AuthoringError
from annotrain.grading.quiz import draw, grade_quiz

from .conftest import ROOT
from .node import run_node
from .sites import CHOICE, Site

RUBRICS = RubricLibrary.load(ROOT / "quizzes" / "rubrics.yml")


@pytest.fixture(scope="module")
def course():
    loaded = load_course(ROOT / "mkdocs.yml")
    assert loaded.errors == []
    return loaded


def quiz_yaml(body: str):
    return yamlpos.load(body, "quizzes/q.yml")


def inline(task_id: str, gold: str = "Yes", weight: float | None = None) -> str:
    extra = f"\n        weight: {weight}" if weight else ""
    return f"""
      - type: choice
        id: {task_id}
        prompt: Pick.
        labels: ["Yes", "No"]
        rubric: choice-standard
        gold: {{choice: "{gold}"}}{extra}"""


def test_each_course_quiz_page_is_titled_as_its_quiz(course):
    """A learner reads the page title in the navigation and the quiz title above the
    quiz; both name the same thing."""
    placed = {}
    for page in sorted((ROOT / "course").rglob("*.md")):
        if page.parent.name == "trainer":
            continue  # the trainer guide places a quiz as an example
        text = page.read_text(encoding="utf-8")
        for quiz_id in re.findall(r"^quiz: ([\w-]+)$", text, re.M):
            placed[quiz_id] = page
    assert set(placed) == set(course.quizzes)
    for quiz_id, page in placed.items():
        heading = re.search(r"^# (.+)$", page.read_text(encoding="utf-8"), re.M).group(1)
        assert heading == course.quizzes[quiz_id].title, page.relative_to(ROOT)


def test_week_1_quiz_draws_ten_of_fourteen(course):
    quiz = course.quizzes["week-1"]
    assert quiz.tasks_per_attempt == 10 and len(quiz.entries) == 14
    for seed in (0, 1, 2**32 - 1, 123456789):
        drawn = draw(quiz, seed)
        assert len(drawn) == len(set(drawn)) == 10
        per_section = [
            sum(tid in {e.task.id for e in s.entries} for tid in drawn) for s in quiz.sections
        ]
        assert per_section == [4, 3, 3]
        assert draw(quiz, seed) == drawn, "the same seed gives the same draw"
    assert len({tuple(draw(quiz, seed)) for seed in range(20)}) > 15


def test_version_changes_with_any_edit(course):
    quiz = course.quizzes["week-1"]
    before = quiz.version
    assert len(before) == 16 and quiz.version == before
    quiz.entries["q1-task-kind-xray"].weight = 2
    assert quiz.version != before
    quiz.entries["q1-task-kind-xray"].weight = 1.0
    assert quiz.version == before


def test_quiz_score_by_hand(messages):
    data = quiz_yaml(
        "title: T\npass: 0.5\nmax_critical: 0\nshuffle: false\nsections:\n  - tasks:"
        + inline("a")
        + inline("b", weight=3)
    )
    quiz = read_quiz(data, "quizzes/q.yml", "q", RUBRICS, {}, {**messages})
    # a right (score 1), b wrong (correctness at level 1 of 5: 0.2, weight 3):
    # (1 + 3 * 0.2) / 4 = 0.4; and b failed on a critical criterion.
    result = grade_quiz(quiz, ["a", "b"], {"a": {"choice": "Yes"}, "b": {"choice": "No"}}, messages)
    assert result["score"] == pytest.approx(0.4)
    assert result["critical_failures"] == 1 and result["passed"] is False
    assert result["criteria"]["correctness"] == {
        "name": "Correctness",
        "value": pytest.approx(0.6),
        "count": 2,
    }
    both = grade_quiz(quiz, ["a", "b"], {"a": {"choice": "Yes"}, "b": {"choice": "Yes"}}, messages)
    assert both["score"] == 1.0 and both["passed"] is True
    assert grade_quiz(quiz, [], {}, messages)["passed"] is False


@pytest.mark.parametrize(
    "body, line, fragment",
    [
        (
            "title: T\nsections:\n  - draw: 3\n    tasks:" + inline("a"),
            3,
            "'draw' is 3 but the section has only 1 tasks",
        ),
        ("title: T\npass: 1.5\nsections:\n  - tasks:" + inline("a"), 2, "'pass' must be at most 1"),
        (
            "title: T\nsections:\n  - tasks:\n      - ref: w1-nope\n",
            4,
            "no lesson exercise has the id 'w1-nope'",
        ),
        (
            "title: T\nsections:\n  - tasks:" + inline("a") + inline("a"),
            10,
            "task 'a' appears twice in this quiz",
        ),
        (
            "title: T\nmode: test\nsections:\n  - tasks:" + inline("a"),
            2,
            "'mode' must be one of practice, quiz, exam",
        ),
        ("title: T\nsections:\n  - tasks:" + inline("a", gold="Maybe"), 9, "gold choice"),
        ("sections:\n  - tasks:" + inline("a"), 1, "missing the required field 'title'"),
        (
            "title: T\nsections:\n  - title: S\n    min_score: 1.5\n    tasks:" + inline("a"),
            4,
            "'min_score' must be at most 1, got 1.5",
        ),
        (
            "title: T\nsections:\n  - title: S\n    min_score: -0.1\n    tasks:" + inline("a"),
            4,
            "'min_score' must be at least 0, got -0.1",
        ),
        (
            "title: T\nsections:\n  - title: S\n    tasks:" + inline("a") + "\n    min_score: 70%",
            11,
            "'min_score' must be a number from 0 to 1 (0.7 for 70 %), got text '70%'",
        ),
        (
            "title: T\nsections:\n  - title: S\n    min_score: true\n    tasks:" + inline("a"),
            4,
            "'min_score' must be a number, got",
        ),
        (
            "title: T\nsections:\n  - min_score: 0.7\n    tasks:" + inline("a"),
            3,
            "a section with 'min_score' needs a 'title'",
        ),
        (
            "title: T\nsections:\n  - title: Boxes\n    min_score: 0.7\n    tasks:"
            + inline("a")
            + "\n  - title: Boxes\n    tasks:"
            + inline("b"),
            12,
            "two sections are titled 'Boxes' (the other on line 3), and one has a 'min_score'",
        ),
        (
            "title: T\nsections:\n  - title: Boxes\n    tasks:"
            + inline("a")
            + "\n  - title: Boxes\n    min_score: 0.7\n    tasks:"
            + inline("b"),
            11,
            "two sections are titled 'Boxes' (the other on line 3)",
        ),
        (
            "title: T\nsections:\n  - title: S\n    min_scor: 0.7\n    tasks:" + inline("a"),
            4,
            "unknown field 'min_scor' in a quiz section (did you mean 'min_score'?)",
        ),
    ],
    ids=[
        "draw too large",
        "pass mark",
        "unknown ref",
        "duplicate task",
        "mode",
        "bad gold",
        "no title",
        "min_score above 1",
        "min_score below 0",
        "min_score as a percentage",
        "min_score not a number",
        "gated section without a title",
        "gated section titled like a later one",
        "gated section titled like an earlier one",
        "min_score misspelt",
    ],
)
def test_quiz_errors_name_file_and_line(body, line, fragment, messages):
    with pytest.raises(AuthoringError) as info:
        read_quiz(quiz_yaml(body), "quizzes/q.yml", "q", RUBRICS, {}, messages)
    assert str(info.value).startswith(f"quizzes/q.yml:{line}: "), str(info.value)
    assert fragment in str(info.value)


@pytest.mark.parametrize("gates", [None, (0.5, 0.75, None)], ids=["no gates", "gated"])
def test_browser_quiz_core_draws_and_grades_like_python(course, messages, tmp_path, gates):
    """Random answers to Week 1 through both graders; with gates on two of its sections,
    random answers both meet and miss them."""
    quiz = copy.deepcopy(course.quizzes["week-1"])
    for section, gate in zip(quiz.sections, gates or [None] * 3, strict=True):
        section.min_score = gate
    rng = random.Random(7)
    cases = []
    for _ in range(40):
        seed = rng.randrange(2**32)
        responses = {}
        for tid, entry in quiz.entries.items():
            labels = entry.task.options["labels"]
            if entry.task.type == "choice":
                responses[tid] = {"choice": rng.choice(labels)}
            else:
                responses[tid] = {"choices": rng.sample(labels, rng.randint(0, len(labels)))}
        cases.append({"seed": seed, "responses": responses})
    batch = tmp_path / "quiz.json"
    batch.write_text(
        json.dumps({"messages": messages, "quiz": quiz.to_json("s", {}), "cases": cases}), "utf-8"
    )
    held = set()
    for case, js in zip(cases, run_node(ROOT / "tests/js/quiz-batch.js", batch), strict=True):
        drawn = draw(quiz, case["seed"])
        assert js["draw"] == drawn
        py = grade_quiz(quiz, drawn, case["responses"], messages)
        assert js["grade"]["score"] == py["score"]
        assert js["grade"]["passed"] == py["passed"]
        assert js["grade"]["critical_failures"] == py["critical_failures"]
        assert js["grade"]["tasks"] == py["tasks"]
        assert {k: v["value"] for k, v in js["grade"]["criteria"].items()} == {
            k: v["value"] for k, v in py["criteria"].items()
        }
        assert js["grade"]["sections"] == py["sections"]
        assert js["grade"]["held_back"] == py["held_back"]
        held.update(py["held_back"])
    assert held == ({quiz.sections[0].title, quiz.sections[1].title} if gates else set())


EXAM = """\
title: Final exam
mode: exam
sections:
  - tasks:
      - type: multi
        id: q2
        prompt: Which apply?
        labels: [Alpha, Beta, Gamma]
        rubric: tags-standard
        gold: {choices: [Beta]}
        explain: Only the SECRET-EXPLANATION-TOKEN applies.
"""


def test_exam_mode_writes_no_gold_into_the_site(tmp_path):
    lesson = CHOICE.format(id="q1").replace(
        "explain: Both remarks are praise.", "explain: LESSON-EXPLANATION"
    )
    site = Site(
        tmp_path, {"lesson.md": lesson, "exam.md": "# Exam\n\n```annotrain\nquiz: final\n```\n"}
    )
    (tmp_path / "quizzes" / "final.yml").write_text(EXAM, encoding="utf-8")
    result = site.build()
    assert result.returncode == 0, result.stderr
    root = site.html("exam/index.html").select_one("[data-annotrain-quiz=final]")
    data = json.loads(root["data-annotrain-quiz-data"])
    assert data["mode"] == "exam" and set(data["tasks"]) == {"q2"}
    assert all(
        "gold" not in t["task"] and "explain" not in t["task"] for t in data["tasks"].values()
    )
    exam_files = [p for p in site.site_dir.rglob("*") if p.is_file() and "exam" in p.parts]
    assert exam_files
    for path in exam_files:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert "SECRET-EXPLANATION-TOKEN" not in text and '"gold"' not in text
    # Nowhere in the site at all: not in search index, bundles or other pages.
    for path in site.site_dir.rglob("*"):
        if path.is_file():
            assert "SECRET-EXPLANATION-TOKEN" not in path.read_text(
                encoding="utf-8", errors="replace"
            ), path


def test_unknown_quiz_placement_fails_the_build(tmp_path):
    site = Site(tmp_path, {"index.md": "# Home\n\n```annotrain\nquiz: nope\n```\n"})
    result = site.build()
    assert result.returncode == 1
    assert "docs/index.md:4: no quiz 'nope' in quizzes/; quizzes: none" in result.stderr


def write_attempt(path, quiz, seed, responses, **changes):
    attempt = {
        "format": "annotrain-attempt/1", "site": "annotrain-course", "quiz": quiz.id,
        "quiz_version": quiz.version, "seed": seed, "candidate": {"name": path.stem},
        "started": "2026-11-23T10:00:00.000Z", "submitted": "2026-11-23T10:12:00.000Z",
        "tasks": draw(quiz, seed), "responses": responses,
    }  # fmt: skip
    attempt.update(changes)
    attempt["responses"] = {t: r for t, r in attempt["responses"].items() if t in attempt["tasks"]}
    path.write_text(json.dumps(attempt), encoding="utf-8")
    return attempt


def test_grade_command(course, messages, tmp_path, capsys):
    quiz = course.quizzes["week-1"]
    gold = {tid: entry.task.gold for tid, entry in quiz.entries.items()}
    folder = tmp_path / "attempts"
    folder.mkdir()
    write_attempt(folder / "ana.json", quiz, 11, gold, client={"score": 1.0, "passed": True})
    write_attempt(folder / "ben.json", quiz, 12, {}, client={"score": 1.0, "passed": True})
    write_attempt(folder / "cat.json", quiz, 13, gold, quiz_version="0000000000000000")
    write_attempt(folder / "dan.json", quiz, 14, gold, submitted="2026-11-23T11:00:00.000Z")
    write_attempt(folder / "eve.json", quiz, 15, gold, tasks=draw(quiz, 16))
    write_attempt(folder / "fay.json", quiz, 17, gold, site=3)
    (folder / "gus.json").write_text("{not json", encoding="utf-8")
    code = main(
        [
            "grade",
            str(folder),
            "--config",
            str(ROOT / "mkdocs.yml"),
            "--output",
            str(tmp_path / "report"),
        ]
    )
    out, err = capsys.readouterr()
    assert code == 1, "two files could not be graded"
    assert "fay.json: $.site: must be non-empty text, got 3" in err
    assert "gus.json:1: not valid JSON (column 2" in err
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    rows = {r["candidate"]: r for r in report["attempts"]}
    assert (
        rows["ana"]["score"] == 1.0 and rows["ana"]["passed"] is True and rows["ana"]["flags"] == []
    )
    assert rows["ben"]["passed"] is False and "possible tampering" in rows["ben"]["flags"][0]
    assert "quiz changed since the attempt" in rows["cat"]["flags"][0]
    assert "over the 20 min limit" in rows["dan"]["flags"][0]
    assert rows["eve"]["flags"] == ["the tasks are not the draw of the recorded seed"]
    with (tmp_path / "report.csv").open(encoding="utf-8") as handle:
        table = list(csv.DictReader(handle))
    assert [r["candidate"] for r in table] == ["ana", "ben", "cat", "dan", "eve"]
    assert "criterion:correctness" in table[0] and any(k.startswith("task:") for k in table[0])
    assert "ana" in out and "100.0%" in out


QUIZ_VECTORS = [
    pytest.param(data["quiz"], case, id=f"{path.stem}: {case['name']}")
    for path in sorted((ROOT / "tests/vectors/quizzes").glob("*.json"))
    for data in [json.loads(path.read_text(encoding="utf-8"))]
    for case in data["cases"]
]


def test_quiz_vectors_exist():
    assert len(QUIZ_VECTORS) >= 4


@pytest.mark.parametrize("quiz_json, case", QUIZ_VECTORS)
def test_quiz_vectors(quiz_json, case, messages):
    result = grade_quiz(quiz_from_json(quiz_json), case["tasks"], case["responses"], messages)
    expected = case["expected"]
    assert result["score"] == pytest.approx(expected["score"], abs=1e-12)
    assert result["passed"] is expected["passed"]
    assert result["critical_failures"] == expected["critical_failures"]
    if "criteria" in expected:
        assert {k: v["value"] for k, v in result["criteria"].items()} == pytest.approx(
            expected["criteria"]
        )
    fields = ("title", "count", "min_score", "met")
    assert [tuple(s[k] for k in fields) for s in result["sections"]] == [
        tuple(s[k] for k in fields) for s in expected["sections"]
    ]
    for got, want in zip(result["sections"], expected["sections"], strict=True):
        assert got["score"] == pytest.approx(want["score"], abs=1e-12)
    assert result["held_back"] == expected["held_back"]


def test_without_shuffle_tasks_keep_their_written_order(messages):
    body = (
        "title: T\nshuffle: false\nsections:\n  - draw: 2\n    tasks:"
        + inline("a")
        + inline("b")
        + inline("c")
    )
    body += "\n  - tasks:" + inline("d") + inline("e")
    quiz = read_quiz(quiz_yaml(body), "quizzes/q.yml", "q", RUBRICS, {}, messages)
    for seed in range(30):
        drawn = draw(quiz, seed)
        assert drawn[2:] == ["d", "e"]
        assert drawn[:2] in (["a", "b"], ["a", "c"], ["b", "c"])
