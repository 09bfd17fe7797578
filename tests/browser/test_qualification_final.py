"""The flagship course's qualification final, sat with a ticket as a trainer's candidates sit it.

A copy of the flagship course gets a trainer's key pair (``annotrain keys new``) and
its public key in ``mkdocs.yml``, is built for 127.0.0.1 and served there. The
tickets are issued by ``annotrain tickets final-exam`` from a list of candidates, so
the link a candidate opens is the one the command writes. The candidate opens it,
starts on the ticket's draw, answers the first task, submits and downloads the
attempt file, which ``annotrain grade`` then grades from the trainer's quiz file:
the answered task scores, the ticket checks out, and nothing is flagged.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from annotrain.commands.cli import main
from annotrain.course.loader import load_course
from annotrain.grading.quiz import draw
from annotrain.signing.keys import key_id, raw_public_key
from annotrain.signing.tokens import open_token

from ..conftest import ROOT
from .answering import answer_choice
from .conftest import screenshot, serve

QUIZ = "[data-annotrain-quiz=final-exam]"
CANDIDATES = 8


@pytest.fixture(scope="module")
def trainer(tmp_path_factory):
    """(the course's folder, its quiz, the tickets' rows): the flagship with a trainer's key."""
    root = tmp_path_factory.mktemp("qualification")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("course", "quizzes", "overrides"):
        shutil.copytree(ROOT / folder, root / folder)
    assert main(["keys", "new", "--out", str(root / "keys")]) == 0
    site_dir = root / "site"
    site_dir.mkdir()
    server = serve(site_dir)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace(
        "      rubrics: quizzes/rubrics.yml\n",
        "      rubrics: quizzes/rubrics.yml\n      public_key: keys/trainer.pub.pem\n",
    )
    assert "public_key" in text
    config.write_text(text, encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": base}
    built = subprocess.run(  # not strict: a local site_url with keys is warned about
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site_dir)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr
    people = root / "cohort.csv"
    rows = [f"c-{n:03},Candidate {n}" for n in range(1, CANDIDATES + 1)]
    people.write_text("id,name\n" + "\n".join(rows) + "\n", encoding="utf-8")
    os.environ["SITE_URL"], saved = base, os.environ.get("SITE_URL")
    try:
        code = main(["tickets", "final-exam", "--candidates", str(people), "--config", str(config)]
                    + ["--key", str(root / "keys" / "trainer.pem")])  # fmt: skip
    finally:
        if saved is None:
            del os.environ["SITE_URL"]
        else:
            os.environ["SITE_URL"] = saved
    assert code == 0
    with (root / "final-exam-tickets.csv").open(encoding="utf-8") as file:
        tickets = list(csv.DictReader(file))
    course = load_course(config)
    try:
        yield root, course.quizzes["final-exam"], tickets
    finally:
        server.shutdown()
        server.server_close()


def seed_of(root: Path, token: str) -> int:
    """The draw a ticket fixes, read with the site's public key."""
    public = (root / "keys" / "trainer.pub.txt").read_text(encoding="utf-8").strip()
    raw = raw_public_key(public, "the site's key")
    return open_token(token, {key_id(raw): raw})["seed"]


def test_a_candidate_sits_the_qualification_final_with_a_ticket(trainer, page, tmp_path):
    root, quiz, tickets = trainer
    assert quiz.mode == "exam" and len(tickets) == CANDIDATES
    # A candidate whose draw opens on a question, answered here by a click.
    row = next(
        r for r in tickets if quiz.entries[draw(quiz, seed_of(root, r["ticket"]))[0]].task.type == "choice"
    )  # fmt: skip
    link = row["link"]
    assert link.endswith("/week-8/qualification-final/#ticket=" + row["ticket"])
    page.goto(link)
    page.wait_for_function(
        """q => { const s = document.querySelector(q + ' .annotrain-quiz-ticket-status');
                  return s && !['checking', 'none'].includes(s.getAttribute('data-annotrain-ticket')); }""",
        arg=QUIZ,
    )  # fmt: skip
    status = page.locator(f"{QUIZ} .annotrain-quiz-ticket-status")
    assert status.get_attribute("data-annotrain-ticket") == "valid", status.inner_text()
    assert status.inner_text().startswith(f"Ticket for {row['name']}, attempt 1.")
    page.locator(QUIZ).get_by_role("button", name="Start the quiz").click()
    page.locator(f"{QUIZ} .annotrain-quiz-run").wait_for(state="visible")
    drawn = draw(quiz, seed_of(root, row["ticket"]))
    shown = page.eval_on_selector_all(
        f"{QUIZ} .annotrain-quiz-task:not([hidden])",
        "els => els.map(e => e.getAttribute('data-annotrain-id'))",
    )
    assert shown == drawn[:1]  # one task a screen, the ticket's first
    first = quiz.entries[drawn[0]].task
    task = page.locator(f'{QUIZ} li[data-annotrain-id="{first.id}"]')
    assert first.gold["choice"] in task.inner_text()  # among the options, not marked
    answer_choice(page, task, {}, first.gold)
    screenshot(page, "qualification-final-first-task")
    page.once("dialog", lambda dialog: dialog.accept())  # 39 tasks left unanswered
    page.locator(QUIZ).get_by_role("button", name="Submit").click()
    page.locator(f"{QUIZ} [data-annotrain-verdict]").wait_for()
    result = page.locator(f"{QUIZ} .annotrain-quiz-result")
    assert "%" not in result.inner_text()  # no score on an exam page
    with page.expect_download() as download:
        result.get_by_role("button", name="Download attempt").click()
    assert download.value.suggested_filename.startswith("final-exam-attempt-")
    attempt_file = tmp_path / "attempt.json"
    download.value.save_as(attempt_file)
    attempt = json.loads(attempt_file.read_text(encoding="utf-8"))
    assert attempt["ticket"] == row["ticket"] and attempt["tasks"] == drawn
    assert attempt["candidate"] == {"id": row["id"], "name": row["name"]}
    assert "client" not in attempt  # the page had nothing to grade with
    # The trainer grades it with the quiz file that holds the gold.
    report = tmp_path / "report"
    assert main(["grade", str(attempt_file), "--quiz", "final-exam"]
                + ["--config", str(root / "mkdocs.yml"), "--output", str(report)]) == 0  # fmt: skip
    (graded,) = json.loads(report.with_suffix(".json").read_text(encoding="utf-8"))["attempts"]
    assert graded["flags"] == [], graded["flags"]
    assert graded["ticket"] == row["ticket_id"] and graded["candidate_id"] == row["id"]
    assert graded["tasks"][first.id]["score"] == 1.0
    assert graded["passed"] is False  # one task of forty
