"""Sealed exams: an exam-mode quiz's site reveals nothing about its answers."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from annotrain.commands.cli import main
from annotrain.course.loader import load_course
from annotrain.grading.quiz import draw, grade_quiz
from annotrain.tasktypes import TASK_TYPES

from .sealed import exam_quiz, exam_site, exam_task
from .sites import CHOICE


def site_files(site_dir: Path) -> dict[str, bytes]:
    """Every file of a built site by path; the sitemap (build dates) aside."""
    return {
        str(path.relative_to(site_dir)): path.read_bytes()
        for path in sorted(site_dir.rglob("*"))
        if path.is_file() and not path.name.startswith("sitemap.xml")
    }


def test_an_exam_site_is_the_same_whatever_its_gold(tmp_path):
    first = exam_site(tmp_path / "a", "a")
    second = exam_site(tmp_path / "b", "b")
    for site in (first, second):
        result = site.build()
        assert result.returncode == 0, result.stderr
    # The two quiz files do differ in every task's gold and explanation.
    assert exam_quiz("a") != exam_quiz("b")
    one, other = site_files(first.site_dir), site_files(second.site_dir)
    assert sorted(one) == sorted(other)
    different = [name for name in one if one[name] != other[name]]
    assert different == []
    assert any(name.startswith("exam") for name in one)


def test_the_check_above_sees_gold_outside_exam_mode(tmp_path):
    # The same comparison catches gold in the site: in quiz mode, the pages differ.
    sites = []
    for variant in ("a", "b"):
        site = exam_site(tmp_path / variant, variant)
        path = site.root / "quizzes" / "exam.yml"
        path.write_text(path.read_text().replace("mode: exam", "mode: quiz"))
        assert site.build().returncode == 0
        sites.append(site_files(site.site_dir))
    assert [name for name in sites[0] if sites[0][name] != sites[1][name]] == ["exam/index.html"]


def test_the_exam_page_holds_no_gold_explanation_or_hint(tmp_path):
    site = exam_site(tmp_path)
    assert site.build().returncode == 0
    root = site.html("exam/index.html").select_one("[data-annotrain-quiz=exam]")
    data = json.loads(root["data-annotrain-quiz-data"])
    assert data["mode"] == "exam" and len(data["tasks"]) == len(TASK_TYPES)
    for entry in data["tasks"].values():
        assert "gold" not in entry["task"] and "explain" not in entry["task"]
        assert entry["task"]["hints"] == []
    text = (site.site_dir / "exam" / "index.html").read_text(encoding="utf-8")
    for name in TASK_TYPES:
        hints = exam_task(name).get("hints") or []
        assert all(hint not in text for hint in hints), name


EXAM_WITH_REF = """\
title: Final exam
mode: exam
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


def test_an_exam_may_not_reuse_a_lesson_exercise(tmp_path):
    site = exam_site(tmp_path, lessons={"lesson.md": "# Lesson\n\n" + CHOICE.format(id="lesson-1")})
    (site.root / "quizzes" / "exam.yml").write_text(EXAM_WITH_REF, encoding="utf-8")
    result = site.build()
    assert result.returncode == 1
    assert re.search(
        r"quizzes/exam\.yml:11: exam quiz 'exam' reuses the lesson exercise 'lesson-1' \(ref:\)",
        result.stderr,
    ), result.stderr
    assert "Traceback" not in result.stderr
    # The command line reports it the same way.
    assert main(["validate", "--config", str(site.root / "mkdocs.yml")]) == 1


def test_a_practice_quiz_may_reuse_a_lesson_exercise(tmp_path):
    site = exam_site(tmp_path, lessons={"lesson.md": "# Lesson\n\n" + CHOICE.format(id="lesson-1")})
    quiz = EXAM_WITH_REF.replace("mode: exam", "mode: practice")
    (site.root / "quizzes" / "exam.yml").write_text(quiz, encoding="utf-8")
    result = site.build(quiet=False)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr  # nor a warning (see test_reuse.py)


def copy_of_lesson_exercise(extra_spaces: bool = False) -> str:
    prompt = "Is this review   positive?" if extra_spaces else "Is this review positive?"
    return f"""\
title: Final exam
mode: exam
sections:
  - tasks:
      - type: choice
        id: exam-copy
        prompt: {prompt}
        text: Great value, arrived early.
        labels: [Negative, Neutral, Positive]
        rubric: choice-standard
        gold: {{choice: Positive}}
"""


@pytest.mark.parametrize("extra_spaces", [False, True])
def test_an_exam_may_not_copy_a_published_task(tmp_path, extra_spaces):
    site = exam_site(tmp_path, lessons={"lesson.md": "# Lesson\n\n" + CHOICE.format(id="lesson-1")})
    (site.root / "quizzes" / "exam.yml").write_text(
        copy_of_lesson_exercise(extra_spaces), encoding="utf-8"
    )
    result = site.build()
    assert result.returncode == 1
    assert (
        "quizzes/exam.yml:5: task 'exam-copy' of exam quiz 'exam' shows the same prompt, text "
        "and media as a lesson exercise 'lesson-1' (docs/lesson.md:4)"
    ) in result.stderr, result.stderr


def test_an_exam_may_not_copy_a_task_of_a_self_check_quiz(tmp_path):
    site = exam_site(tmp_path)
    practice = exam_quiz("a").replace("mode: exam", "mode: quiz").replace("exam-", "self-")
    (site.root / "quizzes" / "self.yml").write_text(practice, encoding="utf-8")
    result = site.build()
    assert result.returncode == 1
    # Every exam task is a copy of a self-check task: one error each.
    copies = re.findall(r"shows the same prompt, text and media as quiz 'self'", result.stderr)
    assert len(copies) == len(TASK_TYPES)


def test_the_published_version_cannot_be_inverted(tmp_path):
    """Trying every answer of a task against the published version tells nothing."""
    site = exam_site(tmp_path)
    assert site.build().returncode == 0
    course = load_course(site.root / "mkdocs.yml")
    quiz = course.quizzes["exam"]
    page = site.html("exam/index.html").select_one("[data-annotrain-quiz=exam]")
    published = json.loads(page["data-annotrain-quiz-data"])["version"]
    assert published == quiz.public_version
    task = quiz.entries["exam-choice"].task
    versions = set()
    for label in task.options["labels"]:
        task.gold = {"choice": label}
        versions.add(quiz.public_version)
    assert versions == {published}
    # The version that covers gold is in no file of the site.
    everything = b"".join(site_files(site.site_dir).values())
    assert quiz.version.encode() not in everything


# --- A candidate who reads only the built site --------------------------------------


def scraped_gold(site_dir: Path) -> dict[tuple, dict]:
    """Every gold answer the site publishes, by (prompt, text) and by task id."""
    found: dict = {}
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for raw in re.findall(r"data-annotrain-task='([^']*)'", html):
            tasks = [json.loads(_unescape(raw))]
            found.update(_golds(tasks))
        for raw in re.findall(r"data-annotrain-quiz-data='([^']*)'", html):
            quiz = json.loads(_unescape(raw))
            found.update(_golds(entry["task"] for entry in quiz["tasks"].values()))
    return found


def _unescape(text: str) -> str:
    for ref, char in (("&#39;", "'"), ("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&")):
        text = text.replace(ref, char)
    return text


def _golds(tasks) -> dict:
    found = {}
    for task in tasks:
        if task.get("gold") is not None:
            found[task["id"]] = task["gold"]
            found[(task["prompt"], task.get("text"))] = task["gold"]
    return found


def forged_attempt(site: Path, quiz_id: str, seed: int = 7) -> tuple[list[str], dict]:
    """The draw of ``seed`` answered with whatever gold the site gives away."""
    gold = scraped_gold(site.site_dir)
    course = load_course(site.root / "mkdocs.yml")
    quiz = course.quizzes[quiz_id]
    tasks = draw(quiz, seed)
    responses = {}
    for task_id in tasks:
        task = quiz.entries[task_id].task
        answer = gold.get(task_id) or gold.get((task.prompt, task.text))
        if answer is not None:
            responses[task_id] = answer
    return tasks, responses


@pytest.mark.parametrize("mode", ["quiz", "exam"])
def test_scraping_the_site_passes_a_self_check_but_not_an_exam(tmp_path, mode):
    lessons = {"lesson.md": "# Lesson\n\n" + CHOICE.format(id="lesson-1")}
    site = exam_site(tmp_path, lessons=lessons)
    path = site.root / "quizzes" / "exam.yml"
    path.write_text(path.read_text().replace("mode: exam", f"mode: {mode}"))
    assert site.build().returncode == 0
    course = load_course(site.root / "mkdocs.yml")
    quiz = course.quizzes["exam"]
    tasks, responses = forged_attempt(site, "exam")
    result = grade_quiz(quiz, tasks, responses, course.messages)
    if mode == "quiz":  # gold in the page, by design: the forgery works
        assert result["passed"] and result["score"] == pytest.approx(1.0)
    else:
        assert responses == {}
        assert not result["passed"] and result["score"] < quiz.pass_mark


def test_every_exam_task_is_drawn_by_some_seed(tmp_path):
    # With draw, every seed's tasks come from the sealed bank (nothing else exists).
    site = exam_site(tmp_path, draw=4)
    assert site.build().returncode == 0
    quiz = load_course(site.root / "mkdocs.yml").quizzes["exam"]
    drawn = {task for seed in range(50) for task in draw(quiz, seed)}
    assert drawn == set(quiz.entries)
    data = yaml.safe_load((site.root / "quizzes" / "exam.yml").read_text())
    assert data["sections"][0]["draw"] == 4


def test_an_exam_may_not_ask_about_a_published_picture_with_the_same_labels(tmp_path):
    # Reworded, the question still has the lesson's answer: the same boxes.
    lesson_task = exam_task("bbox")
    lesson_task["id"] = "lesson-boxes"
    lesson_task["image"] = "assets/images/pcb-02.png"
    lesson = "# Lesson\n\n```annotrain\n" + yaml.safe_dump(lesson_task, sort_keys=False) + "```\n"
    site = exam_site(tmp_path, lessons={"lesson.md": lesson})
    result = site.build()
    assert result.returncode == 1
    assert (
        "task 'exam-bbox' of exam quiz 'exam' shows the same prompt, text and media as a "
        "lesson exercise 'lesson-boxes'"
    ) in result.stderr
    path = site.root / "quizzes" / "exam.yml"
    path.write_text(path.read_text().replace("Box every defect", "Draw a box round each fault"))
    result = site.build()
    assert "shows the same media and labels as a lesson exercise 'lesson-boxes'" in result.stderr
    # Other labels ask something else about the picture: allowed.
    quiz = yaml.safe_load(path.read_text())
    bbox = next(s["tasks"][0] for s in quiz["sections"] if s["title"] == "bbox")
    bbox["labels"].append("Burn Mark")
    path.write_text(yaml.safe_dump(quiz, sort_keys=False))
    assert site.build().returncode == 0
