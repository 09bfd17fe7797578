"""After Submit the result shows at once and the answers below it are reviewed in
batches: every answer ends up with its feedback, and leaving the result view
stops a review still being built."""

from __future__ import annotations

import pytest

from ..sites import CHOICE, MULTI, Site
from .conftest import open_page, serve

TASKS = 23  # not a multiple of the batch size


def bank(count: int) -> str:
    lines = ["title: Long quiz", "reuse: allowed", "shuffle: false", "sections:", "  - tasks:"]
    lines += [f"      - ref: t{n:02d}" for n in range(count)]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def long_quiz(tmp_path_factory):
    root = tmp_path_factory.mktemp("review")
    lessons = "".join((CHOICE if n % 2 else MULTI).format(id=f"t{n:02d}") for n in range(TASKS))
    site = Site(
        root, {"lesson.md": lessons, "quiz.md": "# Quiz\n\n```annotrain\nquiz: long\n```\n"}
    )
    (root / "quizzes" / "long.yml").write_text(bank(TASKS), encoding="utf-8")
    result = site.build()
    assert result.returncode == 0, result.stderr
    server = serve(site.site_dir)
    yield f"http://127.0.0.1:{server.server_address[1]}/quiz/"
    server.shutdown()
    server.server_close()


ANSWER_ALL = """async () => {
  const data = JSON.parse(document.querySelector('[data-annotrain-quiz=long]')
    .getAttribute('data-annotrain-quiz-data'));
  const attempt = await window.annotrain.quiz.start('long', {seed: 1});
  attempt.tasks.forEach((t) => window.annotrain.quiz.answer('long', t, data.tasks[t].task.gold));
  return attempt.tasks.length;
}"""


def test_every_answer_is_reviewed_after_submit(page, long_quiz):
    open_page(page, long_quiz)
    assert page.evaluate(ANSWER_ALL) == TASKS
    reviewed_at_once = page.evaluate(
        """() => { window.annotrain.quiz.submit('long');
        return document.querySelectorAll('.annotrain-quiz-task[data-annotrain-score]').length; }"""
    )
    assert reviewed_at_once < TASKS, "the answers are reviewed after Submit returns"
    root = page.locator("[data-annotrain-quiz=long]")
    assert root.get_attribute("data-annotrain-passed") == "true"
    assert page.locator(".annotrain-quiz-result").is_visible()
    page.wait_for_function("() => document.querySelector('[data-annotrain-quiz=long]')"
                           ".hasAttribute('data-annotrain-reviewed')")  # fmt: skip
    tasks = page.locator(".annotrain-quiz-task")
    assert page.locator(".annotrain-quiz-task[data-annotrain-score='1']:visible").count() == TASKS
    for n in range(TASKS):
        assert "Passed" in tasks.nth(n).locator(".annotrain-feedback").text_content()
        assert tasks.nth(n).locator(".annotrain-quiz-number").count() == 1


def test_try_again_during_the_review_stops_it(page, long_quiz):
    open_page(page, long_quiz)
    page.evaluate(ANSWER_ALL)
    page.evaluate(
        """() => { window.annotrain.quiz.submit('long');
        document.querySelector('.annotrain-quiz-result [data-annotrain-action=retry]').click(); }"""
    )
    page.wait_for_timeout(300)  # long enough for every batch to have run
    assert page.locator(".annotrain-quiz-task:visible").count() == 0
    assert page.locator(".annotrain-quiz-task[data-annotrain-score]").count() == 0
    assert page.get_by_role("button", name="Start the quiz").is_visible()
    root = page.locator("[data-annotrain-quiz=long]")
    assert root.get_attribute("data-annotrain-reviewed") is None
