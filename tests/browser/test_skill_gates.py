"""A quiz with a skill gate in Chromium: the rules name the section's minimum, and an
attempt answered (by real clicks) so that the total passes but the gated section
misses its minimum is not passed, and the result says which section held it back,
with every section's score beside its minimum; the attempt file carries the same,
and `annotrain grade` agrees."""

from __future__ import annotations

import json

import pytest

from annotrain.commands.cli import main

from ..sites import Site
from .conftest import open_page, screenshot, serious_violations, serve

TASK = """
      - {{type: choice, id: {id}, prompt: "{prompt}", labels: ["Yes", "No"], rubric: choice-standard, gold: {{choice: "{gold}"}}}}"""
QUIZ = (
    "title: Gated quiz\npass: 0.5\nmax_critical: 4\nshuffle: false\nlayout: all\nsections:\n"
    "  - title: Drawing boxes\n    min_score: 0.7\n    tasks:"
    + TASK.format(id="b1", prompt="Box one?", gold="Yes")
    + TASK.format(id="b2", prompt="Box two?", gold="No")
    + "\n  - title: Text labels\n    tasks:"
    + TASK.format(id="t1", prompt="Text one?", gold="Yes")
    + TASK.format(id="t2", prompt="Text two?", gold="No")
    + "\n"
)
ROOT_SEL = "[data-annotrain-quiz=gated]"


@pytest.fixture(scope="module")
def quiz_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("gated-site")
    site = Site(root, {"index.md": "# Gated quiz\n\n```annotrain\nquiz: gated\n```\n"})
    (root / "quizzes" / "gated.yml").write_text(QUIZ, encoding="utf-8")
    result = site.build()
    assert result.returncode == 0, result.stderr
    server = serve(site.site_dir)
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", root
    finally:
        server.shutdown()
        server.server_close()


def answer(page, answers: dict[str, str]) -> None:
    for prompt, label in answers.items():
        task = page.locator(f"{ROOT_SEL} .annotrain-quiz-task", has_text=prompt)
        task.get_by_label(label, exact=True).check()


def test_a_gate_missed_holds_back_a_passing_total_and_the_result_says_which(
    page, quiz_url, tmp_path, capsys
):
    url, root = quiz_url
    open_page(page, url)
    rules = page.locator(ROOT_SEL).inner_text()
    assert "Drawing boxes: at least 70 % on this section's own tasks" in rules
    page.get_by_role("button", name="Start the quiz").click()
    page.locator(f"{ROOT_SEL} .annotrain-quiz-run").wait_for(state="visible")
    # Box two wrong: Drawing boxes scores (1 + 0.2) / 2 = 60 %, below its 70 %;
    # the total (1 + 0.2 + 1 + 1) / 4 = 80 % is above the pass mark of 50 %.
    answer(page, {"Box one?": "Yes", "Box two?": "Yes", "Text one?": "Yes", "Text two?": "No"})
    page.get_by_role("button", name="Submit").click()
    quiz = page.locator(ROOT_SEL)
    assert quiz.get_attribute("data-annotrain-passed") == "false"
    assert float(quiz.get_attribute("data-annotrain-score")) == pytest.approx(0.8)
    result = page.locator(f"{ROOT_SEL} .annotrain-quiz-result")
    summary = result.locator(".annotrain-summary")
    assert summary.get_attribute("data-annotrain-verdict") == "not-passed"
    assert summary.inner_text() == "Not passed yet: 80% (pass mark 50%)."
    held = result.locator(".annotrain-quiz-held-back")
    assert held.count() == 1
    assert held.inner_text().startswith("Drawing boxes scored 60%, below its minimum of 70%")
    # Every section's score beside its minimum, in words, in a table with headers.
    table = result.get_by_role("table", name="Results by section")
    rows = [
        [cell.inner_text() for cell in row.locator("th, td").all()]
        for row in table.locator("tbody tr").all()
    ]
    assert rows == [["Drawing boxes", "60%", "70%: not reached"], ["Text labels", "100%", "None"]]
    assert table.locator("thead th").all_inner_texts() == ["Section", "Your result", "Minimum"]
    screenshot(page, "quiz-result-held-back")
    assert serious_violations(page, ROOT_SEL) == []

    with page.expect_download() as download:
        result.get_by_role("button", name="Download attempt").click()
    path = tmp_path / "attempt.json"
    download.value.save_as(path)
    client = json.loads(path.read_text(encoding="utf-8"))["client"]
    assert client["passed"] is False and client["held_back"] == ["Drawing boxes"]
    assert [(s["title"], s["min_score"], s["met"]) for s in client["sections"]] == [
        ("Drawing boxes", 0.7, False),
        ("Text labels", None, None),
    ]
    code = main(
        ["grade", str(path), "--config", str(root / "mkdocs.yml"), "--output", str(tmp_path / "r")]
    )
    capsys.readouterr()
    assert code == 0
    row = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["attempts"][0]
    assert (row["passed"], row["held_back"], row["flags"]) == (False, ["Drawing boxes"], [])


def test_all_gates_met_passes_and_shows_each_minimum_reached(page, quiz_url):
    url, _ = quiz_url
    open_page(page, url)
    page.get_by_role("button", name="Start the quiz").click()
    page.locator(f"{ROOT_SEL} .annotrain-quiz-run").wait_for(state="visible")
    # Text two wrong: Text labels (no minimum) scores 60 %; Drawing boxes 100 %.
    answer(page, {"Box one?": "Yes", "Box two?": "No", "Text one?": "Yes", "Text two?": "Yes"})
    page.get_by_role("button", name="Submit").click()
    assert page.locator(ROOT_SEL).get_attribute("data-annotrain-passed") == "true"
    result = page.locator(f"{ROOT_SEL} .annotrain-quiz-result")
    assert result.locator(".annotrain-quiz-held-back").count() == 0
    table = result.get_by_role("table", name="Results by section")
    assert table.locator("tbody tr").first.locator("td").all_inner_texts() == [
        "100%",
        "70%: reached",
    ]
