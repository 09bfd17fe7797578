"""Unseen items: a graded (``quiz`` mode) quiz that asks a task the learner has met
elsewhere, with its answer, is warned about in ``annotrain validate`` and the build."""

from __future__ import annotations

import json
import shutil

import pytest
import yaml

from annotrain.commands.cli import main
from annotrain.course.loader import load_course
from annotrain.tasktypes import TASK_TYPES

from .conftest import ROOT
from .sites import CHOICE, Site

LESSON = "# Lesson\n\n" + CHOICE.format(id="lesson-1")  # the exercise's YAML starts on line 4

WEEKLY = """\
title: Weekly quiz
sections:
  - tasks:
      - type: multi
        id: own-1
        prompt: Which apply?
        labels: [Alpha, Beta, Gamma]
        rubric: tags-standard
        gold: {choices: [Beta]}
      - ref: lesson-1
"""

#: A task written in a quiz with the lesson exercise's prompt and text, another id.
COPY = """\
title: Weekly quiz
sections:
  - tasks:
      - type: choice
        id: copy-1
        prompt: Is this review{spaces}positive?
        text: Great value, arrived early.
        labels: [Negative, Neutral, Positive]
        rubric: choice-standard
        gold: {{choice: Positive}}
"""

#: A quiz of one task written in place; ``{id}`` and ``{text}`` vary.
OWN = """\
title: {title}
mode: {mode}
sections:
  - tasks:
      - type: choice
        id: {id}
        prompt: Is this message positive?
        text: {text}
        labels: [Negative, Neutral, Positive]
        rubric: choice-standard
        gold: {{choice: Neutral}}
"""


def course(tmp_path, quizzes: dict[str, str], pages: dict[str, str] | None = None) -> Site:
    site = Site(tmp_path, pages or {"lesson.md": LESSON})
    for name, text in quizzes.items():
        (tmp_path / "quizzes" / f"{name}.yml").write_text(text, encoding="utf-8")
    return site


def warnings_of(site: Site) -> list[str]:
    loaded = load_course(site.root / "mkdocs.yml")
    assert loaded.errors == []
    return [str(warning) for warning in loaded.warnings]


def own(quiz_id: str, task_id: str, text: str, mode: str = "quiz") -> str:
    return OWN.format(title=quiz_id, mode=mode, id=task_id, text=text)


def test_a_lesson_exercise_reused_with_ref_is_warned(tmp_path):
    (warning,) = warnings_of(course(tmp_path, {"weekly": WEEKLY}))
    assert warning.startswith(
        "quizzes/weekly.yml:10: task 'lesson-1' of quiz 'weekly' reuses (ref:) the lesson "
        "exercise 'lesson-1' (docs/lesson.md:4); learners who did that exercise have seen "
        "its answer, so here it measures memory, not skill"
    )
    assert "reuse: allowed" in warning  # how to keep it on purpose


@pytest.mark.parametrize("spaces", [" ", "   "])
def test_a_copy_of_a_lesson_exercise_is_warned(tmp_path, spaces):
    (warning,) = warnings_of(course(tmp_path, {"weekly": COPY.format(spaces=spaces)}))
    assert warning.startswith(
        "quizzes/weekly.yml:4: task 'copy-1' of quiz 'weekly' shows the same prompt, text "
        "and media as the lesson exercise 'lesson-1' (docs/lesson.md:4)"
    )


def test_a_copy_of_another_quizs_task_is_warned_in_both(tmp_path):
    quizzes = {
        "week-1": own("week-1", "w1-task", "It arrived."),
        "final": own("final", "final-task", "It arrived."),
    }
    assert sorted(warnings_of(course(tmp_path, quizzes))) == [
        "quizzes/final.yml:5: task 'final-task' of quiz 'final' shows the same prompt, text "
        "and media as task 'w1-task' of quiz 'week-1' (quizzes/week-1.yml:5); learners who "
        "took that quiz have seen its answer, so here it measures memory, not skill: write a "
        "new task in its place, or set 'reuse: allowed' if the quiz is meant as a review",
        "quizzes/week-1.yml:5: task 'w1-task' of quiz 'week-1' shows the same prompt, text "
        "and media as task 'final-task' of quiz 'final' (quizzes/final.yml:5); learners who "
        "took that quiz have seen its answer, so here it measures memory, not skill: write a "
        "new task in its place, or set 'reuse: allowed' if the quiz is meant as a review",
    ]


def test_a_copy_of_a_practice_quizs_task_is_warned_in_the_graded_quiz_only(tmp_path):
    quizzes = {
        "drill": own("drill", "drill-task", "It arrived.", mode="practice"),
        "week-1": own("week-1", "w1-task", "It arrived."),
    }
    (warning,) = warnings_of(course(tmp_path, quizzes))
    assert warning.startswith("quizzes/week-1.yml:5: task 'w1-task' of quiz 'week-1' shows")
    assert "task 'drill-task' of quiz 'drill' (quizzes/drill.yml:5)" in warning


def test_the_same_id_in_two_quizzes_is_warned(tmp_path):
    quizzes = {
        "week-1": own("week-1", "shared", "It arrived."),
        "week-2": own("week-2", "shared", "It arrived late."),  # edited, still the same item
    }
    assert sorted(w.split("; ")[0] for w in warnings_of(course(tmp_path, quizzes))) == [
        "quizzes/week-1.yml:5: task 'shared' of quiz 'week-1' has the same id as task "
        "'shared' of quiz 'week-2' (quizzes/week-2.yml:5)",
        "quizzes/week-2.yml:5: task 'shared' of quiz 'week-2' has the same id as task "
        "'shared' of quiz 'week-1' (quizzes/week-1.yml:5)",
    ]


def test_the_same_image_and_labels_is_warned_however_the_prompt_reads(tmp_path):
    lesson = yaml.safe_load(TASK_TYPES["bbox"].starter("lesson-boxes"))
    quiz_task = dict(lesson, id="quiz-boxes", prompt="Find the defects on this board.")
    quiz_task["image"] = "../docs/assets/images/pcb-02.png"
    block = "```annotrain\n" + yaml.safe_dump(lesson, sort_keys=False) + "```\n"
    quiz = {"title": "Week 3", "sections": [{"tasks": [quiz_task]}]}
    site = course(
        tmp_path, {"week-3": yaml.safe_dump(quiz, sort_keys=False)}, {"week/boxes.md": block}
    )
    shutil.copytree(ROOT / "course" / "assets" / "images", site.docs / "assets" / "images")
    (warning,) = warnings_of(site)
    assert warning.startswith(
        "quizzes/week-3.yml:4: task 'quiz-boxes' of quiz 'week-3' shows the same media and "
        "labels as the lesson exercise 'lesson-boxes' (docs/week/boxes.md:2)"
    )


def test_unseen_items_are_not_warned(tmp_path):
    quizzes = {
        "week-1": own("week-1", "w1-task", "It arrived."),
        "week-2": own("week-2", "w2-task", "It arrived late."),
    }
    assert warnings_of(course(tmp_path, quizzes)) == []


def test_a_practice_quiz_may_reuse_anything(tmp_path):
    quizzes = {
        "drill": WEEKLY.replace("title:", "mode: practice\ntitle:"),
        "copy": COPY.format(spaces=" ").replace("title:", "mode: practice\ntitle:"),
    }
    assert warnings_of(course(tmp_path, quizzes)) == []


def test_a_review_quiz_opts_out(tmp_path):
    review = WEEKLY.replace("title: Weekly quiz", "title: Review\nreuse: allowed")
    assert warnings_of(course(tmp_path, {"review": review})) == []
    # Said explicitly, the default warns as before.
    warned = WEEKLY.replace("title: Weekly quiz", "title: Weekly quiz\nreuse: warn")
    assert len(warnings_of(course(tmp_path / "warned", {"weekly": warned}))) == 1


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        (
            "mode: exam\nreuse: allowed",
            "quizzes/exam.yml:3: 'reuse: allowed' does not apply to exam-mode quizzes",
        ),
        ("reuse: sometimes", "quizzes/exam.yml:2: 'reuse' must be one of warn, allowed"),
    ],
)
def test_a_wrong_reuse_setting_is_an_error(tmp_path, setting, message):
    quiz = own("exam", "exam-task", "It arrived.").replace("mode: quiz", setting)
    loaded = load_course(course(tmp_path, {"exam": quiz}).root / "mkdocs.yml")
    assert [str(error) for error in loaded.errors][0].startswith(message)


def test_an_exam_reusing_a_lesson_exercise_stays_an_error_not_a_warning(tmp_path):
    exam = WEEKLY.replace("title: Weekly quiz", "title: Final\nmode: exam")
    loaded = load_course(course(tmp_path, {"final": exam}).root / "mkdocs.yml")
    assert [str(error) for error in loaded.errors] == [
        "quizzes/final.yml:11: exam quiz 'final' reuses the lesson exercise 'lesson-1' (ref:), "
        "whose gold and explanation its lesson page publishes: anyone could look the answer "
        "up; write a task of the exam's own in its place"
    ]
    assert loaded.warnings == []


def test_an_exam_is_no_source_of_seen_items(tmp_path):
    # An exam publishes no answer: a graded quiz sharing an id with it is not warned.
    quizzes = {
        "exam": own("exam", "shared", "It arrived.", mode="exam"),
        "week-1": own("week-1", "shared", "It arrived late."),
    }
    assert warnings_of(course(tmp_path, quizzes)) == []


# --- Where the warnings show ----------------------------------------------------------


def test_validate_lists_warnings_and_exits_0(tmp_path, capsys):
    site = course(tmp_path, {"weekly": WEEKLY})
    assert main(["validate", "--config", str(site.root / "mkdocs.yml")]) == 0
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert lines[0].startswith(
        "quizzes/weekly.yml:10: warning: task 'lesson-1' of quiz 'weekly' reuses (ref:)"
    )
    assert lines[1:] == ["1 warning found."]
    assert out.startswith("OK: 1 exercise, 1 quiz in 2 files;")


def test_validate_with_errors_and_warnings_exits_1(tmp_path, capsys):
    broken = "# Broken\n\n" + CHOICE.format(id="q9").replace("{choice: Positive}", "{choice: Nope}")
    site = course(tmp_path, {"weekly": WEEKLY}, {"lesson.md": LESSON, "broken.md": broken})
    assert main(["validate", "--config", str(site.root / "mkdocs.yml")]) == 1
    out, err = capsys.readouterr()
    assert err.splitlines()[-1] == "1 error and 1 warning found."
    assert out == ""


def test_validate_json_has_the_warnings(tmp_path, capsys):
    site = course(tmp_path, {"weekly": WEEKLY})
    code = main(["validate", "--config", str(site.root / "mkdocs.yml"), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0 and report["ok"] is True and report["errors"] == []
    (warning,) = report["warnings"]
    assert (warning["path"], warning["line"]) == ("quizzes/weekly.yml", 10)
    assert warning["message"].startswith("task 'lesson-1' of quiz 'weekly' reuses (ref:)")


def test_the_build_logs_the_warning_and_strict_stops_on_it(tmp_path):
    pages = {"lesson.md": LESSON, "quiz.md": "# Quiz\n\n```annotrain\nquiz: weekly\n```\n"}
    site = course(tmp_path, {"weekly": WEEKLY}, pages)
    result = site.build(strict=False, quiet=False)
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    assert len(warnings) == 1, result.stderr
    assert warnings[0].startswith(
        "WARNING -  annotrain: quizzes/weekly.yml:10: task 'lesson-1' of quiz 'weekly' "
        "reuses (ref:) the lesson exercise 'lesson-1' (docs/lesson.md:4)"
    )
    assert "ERROR" not in result.stderr
    assert site.html("quiz/index.html").select_one("[data-annotrain-quiz=weekly]") is not None
    strict = site.build(quiet=False)
    assert strict.returncode == 1
    assert "Aborted with 1 warnings in strict mode" in strict.stdout + strict.stderr
    assert "Traceback" not in strict.stderr


def test_a_review_quiz_builds_strictly(tmp_path):
    review = WEEKLY.replace("title: Weekly quiz", "title: Review\nreuse: allowed")
    result = course(tmp_path, {"review": review}).build(quiet=False)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr


def test_the_flagship_course_warns_of_no_reused_item():
    # The final opts out with 'reuse: allowed' until its bank is rewritten.
    loaded = load_course(ROOT / "mkdocs.yml")
    assert not loaded.errors
    assert [str(warning) for warning in loaded.warnings] == []
