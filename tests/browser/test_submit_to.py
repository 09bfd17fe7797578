"""A quiz's ``submit_to``: the attempt file POSTed to ``annotrain receive`` on 127.0.0.1.

The site has no LRS. A learner agrees in the sending box, submits, and the file
reaches the receiver (another origin: CORS) once, named by the learner who agreed,
and grades as the downloaded file does. With the receiver down, the attempt waits
in the browser through a reload and arrives when it is back; sent again from a
stale copy of the queue, it is stored once. A learner who declines sends nothing
and still downloads the file. Pages without such a quiz show no box.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time

import pytest

from annotrain.commands.cli import main

from ..sites import CHOICE, MULTI, Site
from .conftest import open_page, screenshot, serious_violations, serve, watch_errors

QUIZ = """\
title: Checkpoint
mode: quiz
layout: all
shuffle: false
submit_to: {url}
sections:
  - tasks:
      - ref: p1
      - ref: p2
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Receiver:
    """``annotrain receive`` as a trainer runs it, stopped and started at will."""

    def __init__(self, folder, origin: str):
        self.folder, self.origin, self.port = folder, origin, free_port()
        self.url = f"http://127.0.0.1:{self.port}/attempts"
        self.process = None

    def start(self) -> None:
        command = [sys.executable, "-m", "annotrain", "receive", str(self.folder)]
        command += ["--port", str(self.port), "--allow-origin", self.origin]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        assert self.process.stdout.readline().startswith("receiving attempt files on")
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise AssertionError("annotrain receive did not start")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
        self.process.stdout.close()

    def files(self) -> list[dict]:
        return [json.loads(p.read_text()) for p in sorted(self.folder.glob("*.json"))]


@pytest.fixture(scope="module")
def receiving_site(tmp_path_factory):
    """(site, its URL, the receiver): a course whose quiz posts its attempts."""
    root = tmp_path_factory.mktemp("submit")
    (root / "site").mkdir()
    server = serve(root / "site")
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    receiver = Receiver(tmp_path_factory.mktemp("received"), url.rstrip("/"))
    site = Site(
        root,
        {
            "lesson.md": "# Reading reviews\n\n" + CHOICE.format(id="c1"),
            "check.md": "# Check\n\n```annotrain\nquiz: check\n```\n",
            "bank.md": "# Bank\n\n" + CHOICE.format(id="p1") + MULTI.format(id="p2"),
        },
    )
    (root / "quizzes" / "check.yml").write_text(QUIZ.format(url=receiver.url), encoding="utf-8")
    result = site.build()
    assert result.returncode == 0, result.stderr
    receiver.start()
    yield site, url, receiver
    receiver.stop()
    server.shutdown()
    server.server_close()


def click_option(li, value: str) -> None:
    li.locator(f'label.annotrain-option:has(input[value="{value}"])').click()


def take_quiz(page) -> None:
    page.get_by_role("button", name="Start the quiz").click()
    root = page.locator("[data-annotrain-quiz=check]")
    click_option(root.locator('.annotrain-quiz-task[data-annotrain-id="p1"]'), "Positive")
    click_option(root.locator('.annotrain-quiz-task[data-annotrain-id="p2"]'), "Billing")
    page.get_by_role("button", name="Submit").click()


def download(page, path):
    result = page.locator("[data-annotrain-quiz=check] .annotrain-quiz-result")
    with page.expect_download() as file:
        result.get_by_role("button", name="Download attempt").click()
    file.value.save_as(path)
    return json.loads(path.read_text(encoding="utf-8"))


def waiting(page) -> str:
    return page.locator(".annotrain-xapi").get_attribute("data-annotrain-xapi-waiting")


def all_sent(page) -> None:
    page.wait_for_function(
        "() => document.querySelector('.annotrain-xapi')"
        ".getAttribute('data-annotrain-xapi-waiting') === '0'",
        timeout=30_000,
    )


def test_an_attempt_reaches_the_receiver_once_and_grades_as_the_download(
    browser, receiving_site, tmp_path, capsys
):
    site, url, receiver = receiving_site
    context = browser.new_context()
    page = context.new_page()
    errors = watch_errors(page)
    open_page(page, url + "lesson/")
    assert page.locator(".annotrain-xapi").count() == 0, "no quiz here posts its attempts"
    open_page(page, url + "check/")
    box = page.locator(".annotrain-xapi")
    assert "When you submit Checkpoint, your attempt file" in box.inner_text()
    assert f"127.0.0.1:{receiver.port}" in box.inner_text()
    assert serious_violations(page, ".annotrain-xapi") == []
    box.scroll_into_view_if_needed()
    screenshot(page, "submit-to-consent")
    box.get_by_label("Your name").fill("Ana Lima")
    box.get_by_label("Your e-mail").fill("ana@example.org")
    box.get_by_role("button", name="Send my results").click()

    take_quiz(page)
    downloaded = download(page, tmp_path / "attempt.json")
    all_sent(page)
    assert "Every attempt file is sent." in box.inner_text()
    box.scroll_into_view_if_needed()
    screenshot(page, "submit-to-sent")
    (received,) = receiver.files()
    # The file as downloaded, named by the learner who agreed to send it.
    assert received == downloaded | {"candidate": {"name": "Ana Lima", "email": "ana@example.org"}}
    (path,) = receiver.folder.glob("*.json")
    config = str(site.root / "mkdocs.yml")
    assert main(["grade", str(path), "--config", config, "--output", str(tmp_path / "r")]) == 0
    (row,) = json.loads((tmp_path / "r.json").read_text())["attempts"]
    assert row["score"] == pytest.approx(downloaded["client"]["score"])
    assert row["candidate"] == "Ana Lima"
    capsys.readouterr()

    # The receiver goes down: the next attempt waits, through a reload.
    queued = "() => Object.keys(localStorage).find(k => k.startsWith('annotrain-xapi:'))"
    receiver.stop()
    try:
        page.get_by_role("button", name="Try again").click()
        take_quiz(page)
        box.get_by_text(f"127.0.0.1:{receiver.port} cannot be reached").wait_for()
        assert waiting(page) == "1"
        box.get_by_text("What is waiting").click()
        assert "attempt file: Checkpoint" in box.inner_text()
        box.scroll_into_view_if_needed()
        screenshot(page, "submit-to-waiting")
        page.reload()
        page.evaluate("() => window.annotrain.ready")
        assert waiting(page) == "1"
        stale = page.evaluate(f"() => localStorage.getItem(({queued})())")
        assert len(receiver.files()) == 1
    finally:
        receiver.start()
    box.get_by_role("button", name="Send now").click()
    all_sent(page)
    assert len(receiver.files()) == 2
    # A stale copy of the queue sends the same delivery again: stored once.
    page.evaluate(f"(text) => localStorage.setItem(({queued})(), text)", stale)
    page.reload()
    page.evaluate("() => window.annotrain.ready")
    all_sent(page)
    assert len(receiver.files()) == 2
    context.close()
    assert [e for e in errors if "ERR_CONNECTION_REFUSED" not in e] == []


def test_a_learner_who_declines_sends_nothing_and_keeps_the_download(
    browser, receiving_site, tmp_path
):
    _, url, receiver = receiving_site
    before = len(receiver.files())
    context = browser.new_context()
    page = context.new_page()
    open_page(page, url + "check/")
    box = page.locator(".annotrain-xapi")
    box.get_by_role("button", name="Don't send").click()
    take_quiz(page)
    assert download(page, tmp_path / "mine.json")["quiz"] == "check"
    page.wait_for_timeout(500)  # a send would have gone at once
    assert box.get_attribute("data-annotrain-xapi-state") == "declined"
    assert waiting(page) == "0"
    assert len(receiver.files()) == before
    context.close()
