"""A quiz whose bank is at its size limit works in the browser: only the drawn
tasks are shown, graded and reset. (Its timings are in benchmarks/run.py.)"""

from __future__ import annotations

import json

from annotrain.course.quizzes import MAX_BANK_TASKS

from ..sites import Site
from ..test_large_inputs import QUIZ_PAGE, bank
from .conftest import open_page, serve


def test_bank_at_the_limit(page, tmp_path):
    site = Site(tmp_path, QUIZ_PAGE)
    (tmp_path / "quizzes" / "big.yml").write_text(bank(MAX_BANK_TASKS), encoding="utf-8")
    result = site.build()
    assert result.returncode == 0, result.stderr
    server = serve(site.site_dir)
    try:
        open_page(page, f"http://127.0.0.1:{server.server_address[1]}/quiz/")
        root = page.locator("[data-annotrain-quiz=big]")
        data = json.loads(root.get_attribute("data-annotrain-quiz-data"))
        for attempt in range(2):
            page.get_by_role("button", name="Start the quiz").click()
            page.locator(".annotrain-quiz-run").wait_for(state="visible")  # task types loaded
            drawn = page.evaluate("() => window.annotrain.quiz.current('big').tasks")
            assert len(drawn) == 10
            assert page.locator(".annotrain-quiz-task:visible").count() == 1  # one per screen
            assert page.locator(".annotrain-quiz-task[data-annotrain-score]").count() == 0
            for task_id in drawn:
                gold = data["tasks"][task_id]["task"]["gold"]
                page.evaluate(
                    "([t, r]) => window.annotrain.quiz.answer('big', t, r)", [task_id, gold]
                )
            page.get_by_role("button", name="Submit").click()
            page.wait_for_function(
                "() => document.querySelector('[data-annotrain-quiz=big]')"
                ".hasAttribute('data-annotrain-reviewed')"
            )
            assert root.get_attribute("data-annotrain-passed") == "true"
            assert page.locator(".annotrain-quiz-task:not([hidden])").count() == 10
            page.locator(".annotrain-quiz-result").get_by_role("button", name="Try again").click()
            assert page.locator(".annotrain-quiz-task:not([hidden])").count() == 0, attempt
    finally:
        server.shutdown()
        server.server_close()
