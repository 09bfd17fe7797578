"""Work simulations: the running-accuracy rule (shared vectors, which simulation-core.js
also runs) and the quiz file's simulation settings."""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import json
import re
from datetime import datetime, timezone

import pytest

from annotrain.commands.grade import csv_report, grade_attempt
from annotrain.course import yamlpos
from annotrain.course.quizfile import read_quiz
from annotrain.course.quizzes import quiz_from_json
from annotrain.course.rubrics import RubricLibrary
from annotrain.course.sealing import sealing_errors
from annotrain.course.simulation import Simulation, telltale_warnings
from annotrain.course.tasks import read_task, task_from_json
from annotrain.errors import AuthoringError
from annotrain.grading.attempts import AttemptError, read_attempt
from annotrain.grading.quiz import draw
from annotrain.grading.simulation import (
    Rule,
    authored_attempt,
    replay,
    running_accuracy,
    simulate,
)
from annotrain.messages import catalog

from .conftest import ROOT, VECTORS
from .sites import Site

RUBRICS = RubricLibrary.load(ROOT / "quizzes" / "rubrics.yml")
NOW = datetime(2026, 12, 2, tzinfo=timezone.utc)

FILES = {
    path.stem: json.loads(path.read_text(encoding="utf-8"))
    for path in sorted((VECTORS / "simulation").glob("*.json"))
}
CASES = [
    pytest.param(name, case, id=f"{name}: {case['name']}")
    for name, data in FILES.items()
    for case in data["cases"]
]


def test_vectors_exist():
    assert len(CASES) >= 8
    assert {case.values[1]["expected"]["stopped"] for case in CASES} == {True, False}
    assert any("quiz" in data for data in FILES.values())


@pytest.mark.parametrize(("name", "case"), CASES)
def test_vector(name, case, messages):
    quiz = FILES[name].get("quiz")
    if quiz is not None:  # an open simulation's page data: its sections say which is gold
        result = simulate(quiz_from_json(quiz), case["tasks"], case["responses"], messages)
    else:
        gold = {tid: task_from_json(data) for tid, data in case["gold"].items()}
        result = replay(case["tasks"], gold, case["responses"], Rule(**case["rule"]), messages)
    assert result == case["expected"]


def test_work_items_do_not_move_the_window():
    """The same gold answers with and without work items between them: the same decision."""
    rule = Rule(window=3, min_correct=2, min_gold=3)
    plain = running_accuracy([("a", True), ("b", False), ("c", False)], rule)
    mixed = running_accuracy(
        [("w1", None), ("a", True), ("w2", None), ("b", False), ("w3", None), ("c", False)], rule
    )
    assert plain["stop"]["missed"] == mixed["stop"]["missed"] == ["b", "c"]
    assert (plain["stop"]["index"], mixed["stop"]["index"]) == (2, 5)
    assert plain["stop"]["gold_index"] == mixed["stop"]["gold_index"] == 2


# --- the quiz file: mode: simulation ---------------------------------------------------


def gold_task(task_id: str, answer: str = "Yes") -> str:
    return (
        f"      - {{type: choice, id: {task_id}, prompt: 'Gold {task_id}?', labels: ['Yes', 'No'],"
        f" rubric: choice-standard, gold: {{choice: '{answer}'}}}}\n"
    )


def work_item(task_id: str) -> str:
    return (
        f"      - {{type: choice, id: {task_id}, prompt: 'Work {task_id}?', labels: ['Yes', 'No'],"
        f" rubric: choice-standard}}\n"
    )


def simulation_yaml(settings: str = "", gold: int = 4, work: int = 6, mode: str = "simulation"):
    golds = "".join(gold_task(f"g{n}") for n in range(1, gold + 1))
    works = "".join(work_item(f"w{n}") for n in range(1, work + 1))
    return (
        f"title: Review batch\nmode: {mode}\n{settings}sections:\n"
        f"  - title: Batch\n    tasks:\n{golds}"
        f"  - title: Batch\n    gold: false\n    tasks:\n{works}"
    )


def load(text: str):
    return read_quiz(yamlpos.load(text, "quizzes/sim.yml"), "quizzes/sim.yml", "sim", RUBRICS,
                     {}, catalog("en"))  # fmt: skip


def authoring_error(text: str) -> AuthoringError:
    with pytest.raises(AuthoringError) as caught:
        load(text)
    return caught.value


def test_a_simulation_reads_its_rule_and_its_work_items():
    quiz = load(simulation_yaml("simulation: {window: 4, min_correct: 3}\n"))
    assert quiz.simulation == Simulation(Rule(window=4, min_correct=3, min_gold=4), sealed=False)
    assert quiz.gold_ids == ["g1", "g2", "g3", "g4"]
    assert quiz.entries["w1"].task.gold is None
    assert not quiz.sealed


def test_the_rule_defaults_to_8_of_the_last_10_judged_once_the_window_is_full():
    quiz = load(simulation_yaml(gold=10))
    assert quiz.simulation.rule == Rule(window=10, min_correct=8, min_gold=10)


def test_an_open_simulation_page_carries_gold_and_marks_the_work_section():
    data = load(simulation_yaml("simulation: {window: 4, min_correct: 3}\n")).to_json("s", {})
    assert data["simulation"] == {"window": 4, "min_correct": 3, "min_gold": 4, "sealed": False}
    assert data["tasks"]["g1"]["task"]["gold"] == {"choice": "Yes"}
    assert data["tasks"]["w1"]["task"]["gold"] is None
    assert [s.get("gold", True) for s in data["sections"]] == [True, False]
    again = quiz_from_json(data)
    assert again.gold_ids == ["g1", "g2", "g3", "g4"]
    assert again.simulation.rule == Rule(4, 3, 4)


def test_a_sealed_simulation_page_says_nothing_of_gold():
    quiz = load(
        simulation_yaml(
            "simulation: {window: 4, min_correct: 3, sealed: true, key: Zq4vN8rT2wLx7pKe5sHb}\n"
        )
    )
    assert quiz.sealed
    text = json.dumps(quiz.to_json("s", {}))
    assert '"gold"' not in text and "explain" not in text
    assert json.loads(text)["simulation"]["sealed"] is True
    assert quiz.version != quiz.public_version


@pytest.mark.parametrize(
    ("settings", "line", "words"),
    [
        ("simulation: {window: 4, min_correct: 5}\n", 3, "holds only 4 gold answers"),
        ("simulation: {window: 4, min_correct: 3, min_gold: 2}\n", 3, "fewer than min_correct"),
        ("simulation: {window: 6, min_correct: 3}\n", 3, "each batch holds 4 gold tasks"),
        ("simulation: {window: 2.5}\n", 3, "whole number"),
        ("simulation: {window: 0}\n", 3, "window"),
        ("simulation: {windows: 4}\n", 3, "unknown field 'windows'"),
        ("simulation: {window: 4, min_correct: 3, sealed: maybe}\n", 3, "true or false"),
        ("simulation: 10\n", 3, "mapping"),
        (
            "simulation: {window: 4, min_correct: 3, sealed: true, key: Zq4vN8rT2wLx7pKe5sHb}\nreuse: allowed\n",
            4,
            "sealed",
        ),
    ],
)
def test_rule_mistakes_are_named_at_their_line(settings, line, words):
    error = authoring_error(simulation_yaml(settings))
    assert (error.path, error.line) == ("quizzes/sim.yml", line)
    assert words in str(error)


def test_simulation_settings_outside_simulation_mode_are_an_error():
    text = simulation_yaml("simulation: {window: 4}\n", work=0, mode="quiz")
    text = text.split("  - title: Batch\n    gold: false")[0]
    error = authoring_error(text)
    assert error.line == 3 and "mode: simulation" in str(error)


def test_work_sections_belong_to_simulations_only():
    text = simulation_yaml(mode="quiz")
    error = authoring_error(text)
    assert error.line == text.splitlines().index("    gold: false") + 1
    assert "mode: simulation" in str(error)


def test_a_work_item_with_gold_is_an_error_at_its_gold():
    text = simulation_yaml("simulation: {window: 4, min_correct: 3}\n") + (
        "      - type: choice\n        id: w9\n        prompt: Work?\n"
        "        labels: ['Yes', 'No']\n        gold: {choice: 'Yes'}\n"
    )
    error = authoring_error(text)
    assert error.line == text.splitlines().index("        gold: {choice: 'Yes'}") + 1
    assert "has no gold" in str(error)


def test_a_gold_task_without_gold_is_still_an_error():
    text = simulation_yaml("simulation: {window: 4, min_correct: 3}\n").replace(
        gold_task("g2"), work_item("g2")
    )
    assert "gold" in str(authoring_error(text))


def test_a_work_section_may_not_reference_a_lesson_exercise():
    text = simulation_yaml("simulation: {window: 4, min_correct: 3}\n") + "      - ref: w1-x\n"
    error = authoring_error(text)
    assert error.line == len(text.splitlines()) and "ref:" in str(error)


def test_a_simulation_without_gold_is_an_error():
    text = (
        "title: Only work\nmode: simulation\nsections:\n  - title: Batch\n    gold: false\n"
        "    tasks:\n" + work_item("w1")
    )
    error = authoring_error(text)
    assert error.line == 3 and "needs gold" in str(error)


def test_a_work_section_has_no_skill_gate():
    text = simulation_yaml("simulation: {window: 4, min_correct: 3}\n").replace(
        "    gold: false\n", "    gold: false\n    min_score: 0.5\n"
    )
    error = authoring_error(text)
    assert error.line == text.splitlines().index("    min_score: 0.5") + 1
    assert "nothing grades" in str(error)


def test_a_drawn_share_of_gold_counts_toward_min_gold():
    """Each batch draws 3 of the 4 gold tasks: a window of 4 could never fill."""
    text = simulation_yaml("simulation: {window: 4, min_correct: 3}\n").replace(
        "  - title: Batch\n    tasks:\n", "  - title: Batch\n    draw: 3\n    tasks:\n", 1
    )
    assert "each batch holds 3 gold tasks" in str(authoring_error(text))
    assert load(text.replace("window: 4", "window: 3")).simulation.rule.min_gold == 3


def sealed_page_site(tmp_path, text: str) -> tuple[Site, str]:
    """A site placing ``text`` as quiz 'sim' on batch.md, built; (site, the page's HTML)."""
    page = "# Batch\n\n```annotrain\nquiz: sim\n```\n"
    site = Site(tmp_path, {"index.md": "# Home\n", "batch.md": page})
    (site.root / "quizzes" / "sim.yml").write_text(text, encoding="utf-8")
    result = site.build()
    assert result.returncode == 0, result.stderr
    return site, (site.site_dir / "batch" / "index.html").read_text(encoding="utf-8")


def page_quiz(html: str) -> dict:
    """The quiz JSON a built page hands its script."""
    return json.loads(re.search(r"data-annotrain-quiz-data='([^']*)'", html).group(1)
                      .replace("&#39;", "'").replace("&amp;", "&"))  # fmt: skip


def test_placing_an_open_simulation_builds_a_page_that_runs_it(tmp_path):
    text = simulation_yaml("simulation: {window: 4, min_correct: 3}\n")
    site, html = sealed_page_site(tmp_path, text)
    assert re.search(r'src="[^"]*annotrain-quiz-simulation\.js"', html)
    bundle = (site.site_dir / "assets" / "annotrain" / "annotrain-quiz-simulation.js").read_text()
    assert "simulation-core.js" in bundle and "browser/simulation.js" in bundle
    data = page_quiz(html)
    assert data["tasks"]["g1"]["task"]["gold"] == {"choice": "Yes"}  # open: practice, with gold
    assert "at least 3 of your last 4 control answers must pass" in html


# The sealed fixture: gold and work tasks whose prompts do not name them.
SEALED_TEXT = (
    "title: Qualification\nmode: simulation\nsimulation: {window: 4, min_correct: 3, sealed: true, key: Zq4vN8rT2wLx7pKe5sHb}\n"
    "sections:\n  - title: Hidden control set\n    tasks:\n"
    + "".join(gold_task(f"gold-{n}").replace(f"Gold gold-{n}?", f"Item {n}?") for n in range(1, 6))
    + "  - title: Plain work queue\n    gold: false\n    tasks:\n"
    + "".join(
        work_item(f"work-{n}").replace(f"Work work-{n}?", f"Item {n + 5}?") for n in range(1, 5)
    )
)


def test_a_sealed_simulation_page_publishes_no_gold_ids_sections_or_positions(tmp_path):
    site, html = sealed_page_site(tmp_path, SEALED_TEXT)
    for secret in ("gold-", "work-", "Hidden control set", "Plain work queue", '"gold"',
                   "explain", "Yes'}"):  # fmt: skip
        assert secret not in html, secret
    data = page_quiz(html)
    ids = sorted(data["tasks"])
    # One flat list, sorted by the published ids: nothing marks where gold was written.
    assert data["sections"] == [{"title": "", "draw": None, "tasks": ids}]
    assert all(re.fullmatch(r"t[0-9a-f]{12}", tid) for tid in ids)
    assert {entry["weight"] for entry in data["tasks"].values()} == {1.0}
    assert set(re.findall(r'data-annotrain-id="([^"]+)"', html)) == set(ids)
    # Written in the other order (work first, another title), the page lists the
    # same tasks in the same places.
    head, rest = SEALED_TEXT.split("sections:\n")
    gold_part, work_part = rest.split("  - title: Plain work queue\n")
    text = head + "sections:\n  - title: Queue\n" + work_part + gold_part.replace(
        "Hidden control set", "More")  # fmt: skip
    (site.root / "quizzes" / "sim.yml").write_text(text, encoding="utf-8")
    assert site.build().returncode == 0
    again = page_quiz((site.site_dir / "batch" / "index.html").read_text(encoding="utf-8"))
    assert again["sections"] == data["sections"]
    assert [again["tasks"][t]["task"]["prompt"] for t in ids] == [
        data["tasks"][t]["task"]["prompt"] for t in ids
    ]


def test_the_draw_of_a_sealed_simulation_is_its_page_draw_under_the_authored_ids(tmp_path):
    quiz = load(SEALED_TEXT)
    shown = quiz.published_ids
    page = quiz.to_json("s", {})
    # What quiz-core.js draws from the page (every section shuffled, then all): the
    # published copy's draw; grading maps it back to the quiz file's ids.
    assert [shown[tid] for tid in draw(quiz, 7)] == draw(quiz_from_json_public(page), 7)
    assert sorted(draw(quiz, 7)) == sorted(quiz.entries)
    assert draw(quiz, 7) != draw(quiz, 8)


def quiz_from_json_public(page: dict):
    """The page's quiz (no gold: only its draw is used) as the draw reads it."""
    from annotrain.course.quizzes import Quiz, QuizEntry, QuizSection

    (section,) = page["sections"]
    entries = [QuizEntry(task_from_json(page["tasks"][t]["task"] | {"gold": None})) for t in
               section["tasks"]]  # fmt: skip
    return Quiz(
        page["id"], page["title"], [QuizSection("", None, entries)], shuffle=page["shuffle"]
    )


def test_a_sealed_simulation_may_not_draw():
    text = SEALED_TEXT.replace(
        "  - title: Hidden control set\n", "  - title: Hidden control set\n    draw: 4\n"
    )
    error = authoring_error(text)
    assert error.line == text.splitlines().index("    draw: 4") + 1
    assert "may not 'draw'" in str(error)


def test_a_simulation_shows_one_task_per_screen():
    error = authoring_error(
        simulation_yaml("layout: all\nsimulation: {window: 4, min_correct: 3}\n")
    )
    assert error.line == 3 and "one task per screen" in str(error)


def test_published_ids_are_keyed_by_the_simulation_key_and_cover_no_gold():
    """An id guessed from a naming pattern (gold-3) cannot be checked against the page."""
    quiz = load(SEALED_TEXT)
    assert quiz.published_ids == load(SEALED_TEXT).published_ids  # stable between builds
    other_key = load(SEALED_TEXT.replace("Zq4vN8rT2wLx7pKe5sHb", "another-secret-key-2026"))
    assert all(other_key.published_ids[t] != quiz.published_ids[t] for t in quiz.entries)
    # The ids cover no gold: correcting an answer or an explanation keeps them.
    corrected = load(SEALED_TEXT.replace("{choice: 'Yes'}", "{choice: 'No'}", 1))
    assert corrected.published_ids == quiz.published_ids
    # What they are: an HMAC-SHA256 of quiz id and task id under the key.
    mac = hmac.new(b"Zq4vN8rT2wLx7pKe5sHb", f"{quiz.id}\0gold-3".encode(), hashlib.sha256)
    assert quiz.published_ids["gold-3"] == "t" + mac.hexdigest()[:12]


def test_the_key_never_reaches_the_page():
    quiz = load(SEALED_TEXT)
    page = json.dumps(quiz.to_json("s", {})) + json.dumps(quiz.published().to_json("s", {}))
    assert "Zq4vN8rT2wLx7pKe5sHb" not in page
    assert "Zq4vN8rT2wLx7pKe5sHb" not in repr(quiz.simulation)


@pytest.mark.parametrize(
    ("settings", "field", "words"),
    [
        ("{window: 4, min_correct: 3, sealed: true}", "sealed", "needs a 'key'"),
        ("{window: 4, min_correct: 3, sealed: true, key: short}", "key", "too short"),
        ("{window: 4, min_correct: 3, key: Zq4vN8rT2wLx7pKe5sHb}", "key", "this one is open"),
    ],
)
def test_key_mistakes_are_named_at_their_line(settings, field, words):
    text = simulation_yaml(f"simulation:\n  {settings.strip('{}').replace(', ', chr(10) + '  ')}\n")
    error = authoring_error(text)
    assert words in str(error)
    assert error.line == 1 + next(
        n for n, line in enumerate(text.splitlines()) if line.strip().startswith(field + ":")
    )
    if "needs" in words:  # the message offers a fresh key to paste
        assert re.search(r"key: [A-Za-z0-9_-]{24}", str(error))


# --- annotrain grade replays the rule ------------------------------------------------


def attempt_at(quiz, responses: dict, tmp_path, **changes):
    """A format-2 attempt at ``quiz`` (seed 7, shown in the draw's order), read back."""
    data = {
        "format": "annotrain-attempt/2",
        "site": "s",
        "quiz": quiz.id,
        "mode": "simulation",
        "quiz_version": quiz.public_version,
        "seed": 7,
        "started": "2026-12-01T10:00:00Z",
        "submitted": "2026-12-01T10:20:00Z",
        "tasks": draw(quiz, 7),
        "responses": responses,
        "trace": None,
    } | changes
    path = tmp_path / "attempt.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return read_attempt(path)


SETTINGS = "shuffle: false\nsimulation: {window: 3, min_correct: 2}\n"


def test_grade_replays_the_stop_of_a_simulation(tmp_path, messages):
    """Gold g1..g4 come first (no shuffle): g1 right, g2 wrong, g3 blank; after g3 the
    window of 3 holds 1 right, under 2: stopped after g3, with g2 and g3 missed."""
    quiz = load(simulation_yaml(SETTINGS))
    answers = {"g1": {"choice": "Yes"}, "g2": {"choice": "No"}, "g4": {"choice": "Yes"},
               "w1": {"choice": "No"}}  # fmt: skip
    row = grade_attempt(attempt_at(quiz, answers, tmp_path), quiz, "s", messages, NOW)
    assert row["stopped"] is True and row["stopped_at"] == "g3"
    assert row["simulation"]["stop"] == {"task": "g3", "index": 2, "gold_index": 2,
                                         "missed": ["g2", "g3"]}  # fmt: skip
    assert row["passed"] is False
    assert sorted(row["tasks"]) == ["g1", "g2", "g3", "g4"]  # work items are not scored
    assert row["score"] == pytest.approx((1 + 0.2 + 0 + 1) / 4)
    assert row["flags"] == []
    row["credential"] = None  # what `grade` adds when it signs
    table = list(csv.DictReader(io.StringIO(csv_report([row]))))
    assert (table[0]["stopped"], table[0]["stopped_at"]) == ("True", "g3")


def test_grade_keeps_a_candidate_who_stays_above_the_bar(tmp_path, messages):
    quiz = load(simulation_yaml(SETTINGS))
    answers = {"g1": {"choice": "Yes"}, "g2": {"choice": "No"}, "g3": {"choice": "Yes"},
               "g4": {"choice": "Yes"}}  # fmt: skip
    row = grade_attempt(attempt_at(quiz, answers, tmp_path), quiz, "s", messages, NOW)
    assert (row["stopped"], row["stopped_at"]) == (False, None)
    assert [step["correct_in_window"] for step in row["simulation"]["trace"]] == [1, 1, 2, 2]
    assert row["score"] == pytest.approx(3.2 / 4)
    # Kept, but the quiz's own rules still apply: g2's critical failure is one more
    # than max_critical (0); allowing one, the 0.8 reaches the pass mark.
    assert row["passed"] is False and row["critical_failures"] == 1
    lenient = load(simulation_yaml("max_critical: 1\n" + SETTINGS))
    again = grade_attempt(attempt_at(lenient, answers, tmp_path), lenient, "s", messages, NOW)
    assert again["passed"] is True


def test_a_trace_that_is_not_the_replayed_one_is_flagged(tmp_path, messages):
    quiz = load(simulation_yaml(SETTINGS))
    answers = {tid: {"choice": "Yes"} for tid in ("g1", "g2", "g3", "g4")}
    honest = grade_attempt(attempt_at(quiz, answers, tmp_path), quiz, "s", messages, NOW)
    trace = honest["simulation"]["trace"]
    same = attempt_at(quiz, answers, tmp_path, trace=trace)
    assert grade_attempt(same, quiz, "s", messages, NOW)["flags"] == []
    forged = [{**step, "correct": True} for step in trace[:2]]
    answers["g2"] = {"choice": "No"}
    row = grade_attempt(attempt_at(quiz, answers, tmp_path, trace=forged), quiz, "s", messages,
                        NOW)  # fmt: skip
    assert any("running-accuracy trace differs" in flag for flag in row["flags"])


def test_a_sealed_simulation_shares_no_gold_task_with_the_site():
    """Like an exam: a gold task may not be a lesson exercise; a work item may show the
    same prompt as one (w1 does), since it has no answer to give away."""
    lesson = read_task(
        yamlpos.load(
            "{type: choice, id: lesson-1, prompt: 'Work w1?', labels: ['Yes', 'No'],"
            " rubric: choice-standard, gold: {choice: 'Yes'}}",
            "lesson.md",
        ),
        "lesson.md",
        RUBRICS,
    )
    sealed = simulation_yaml(
        "simulation: {window: 4, min_correct: 3, sealed: true, key: Zq4vN8rT2wLx7pKe5sHb}\n"
    )
    quiz = read_quiz(
        yamlpos.load(sealed.replace(gold_task("g4"), gold_task("g4") + "      - ref: lesson-1\n"),
                     "quizzes/sim.yml"),
        "quizzes/sim.yml", "sim", RUBRICS, {"lesson-1": lesson}, catalog("en"),
    )  # fmt: skip
    (error,) = sealing_errors({"sim": quiz}, {"lesson-1": lesson})
    assert "sealed simulation 'sim' reuses the lesson exercise 'lesson-1'" in str(error)
    assert error.line == sealed.splitlines().index(gold_task("g4").rstrip("\n")) + 2


def test_grade_maps_a_sealed_simulations_published_ids_back(tmp_path, messages):
    """The browser's attempt names tasks by their published ids; grade reads them as the
    quiz file's. Every answer No: each gold task (gold Yes) fails, so the rule stops
    the candidate at the fourth gold task of the batch."""
    quiz = load(SEALED_TEXT)
    shown = quiz.published_ids
    tasks = [shown[tid] for tid in draw(quiz, 7)]
    answers = {tid: {"choice": "No"} for tid in tasks}
    attempt = authored_attempt(attempt_at(quiz, answers, tmp_path, tasks=tasks), quiz)
    assert attempt.tasks == draw(quiz, 7)
    row = grade_attempt(attempt, quiz, "s", messages, NOW)
    fourth = [tid for tid in attempt.tasks if tid.startswith("gold-")][3]
    assert (row["stopped"], row["stopped_at"], row["flags"]) == (True, fourth, [])
    stranger = attempt_at(quiz, {}, tmp_path, tasks=[*tasks[:-1], "gold-5"])
    with pytest.raises(AttemptError, match="not those of sealed simulation 'sim'"):
        authored_attempt(stranger, quiz)


def test_a_sealed_simulation_warns_of_work_items_its_page_gives_away(tmp_path):
    """A work item with a rubric no gold task has is plain to see on the page."""
    assert telltale_warnings(load(SEALED_TEXT)) == []
    line = work_item("work-4").replace("Work work-4?", "Item 9?")
    odd = line.replace("rubric: choice-standard", "rubric: default-choice")
    text = SEALED_TEXT.replace(line, odd)
    (warning,) = telltale_warnings(load(text))
    assert warning.line == text.splitlines().index(odd.rstrip("\n")) + 1
    assert "work item 'work-4'" in str(warning) and "default-choice" in str(warning)
    site = Site(tmp_path, {"index.md": "# Home\n"})
    (site.root / "quizzes" / "sim.yml").write_text(text, encoding="utf-8")
    result = site.build(quiet=False)
    assert result.returncode == 1 and "gives it away as a work item" in result.stderr
