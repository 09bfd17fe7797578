"""xAPI with a real LRS: Ralph on 127.0.0.1, the site on another origin (CORS).

A learner agrees to send, works through a lesson and a practice quiz, and the
trainer's account reads the statements back: the right verbs, activities, scores
and the attempt file, each once, in the shape Ralph's xAPI 1.0.3 model accepts;
``annotrain grade --lrs`` grades the attempt as the downloaded file grades. The
site's own account cannot read. Another learner's LRS goes down in the middle of a
quiz and comes back: nothing is lost (a contest made meanwhile included), nothing is
stored twice. An exam begun on a ticket is sent as the ticket's candidate, without a score.
"""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.request
from datetime import datetime, timedelta, timezone

import pytest

from annotrain.commands.cli import main
from annotrain.course.loader import load_course
from annotrain.grading.lrs import Submitted
from annotrain.signing.keys import load_private_key, new_key_pair
from annotrain.signing.tokens import sign
from annotrain.xapi import VERBS

from ..conftest import ROOT
from ..lrs import SITE_USER, TRAINER_USER, Ralph, available
from ..sites import CHOICE, MULTI, Site
from ..test_site_keys import keyed_site
from .conftest import open_page, serious_violations, serve, watch_errors

SITE_URL = "https://course.example.org/"
QUIZ = """\
title: {title}
mode: {mode}
layout: all
shuffle: false
sections:
  - tasks:
      - ref: {a}
      - ref: {b}
"""

# An open work simulation that stops whoever misses both of its first two controls.
SIMULATION = "title: Review batch\nmode: simulation\nshuffle: false\n"
SIMULATION += "simulation: {window: 2, min_correct: 2}\nsections:\n  - title: Control\n    tasks:\n"
SIMULATION += "".join(
    f"      - {{type: choice, id: s{n}, prompt: 'Review {n}: {text}', labels: [Positive, Negative],"
    f" rubric: choice-standard, gold: {{choice: Positive}}}}\n"
    for n, text in enumerate(["Works well.", "Soft and warm.", "Would buy again."], 1)
)


@pytest.fixture(scope="module")
def lrs_site(tmp_path_factory):
    """(site, its URL, Ralph): a course that sends to a Ralph LRS, both running."""
    python = available(ROOT)
    root = tmp_path_factory.mktemp("xapi")
    (root / "site").mkdir()
    server = serve(root / "site")
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    ralph = Ralph(python, tmp_path_factory.mktemp("ralph"), [url.rstrip("/")])
    ralph.add_user(SITE_USER, "statements/write")
    ralph.add_user(TRAINER_USER, "statements/read", "statements/write")
    ralph.start()
    auth = ":".join(SITE_USER)
    options = f":\n      xapi: {{endpoint: '{ralph.url}', auth: '{auth}'}}"
    site = Site(
        root,
        {
            "lesson.md": "# Reading reviews\n\n" + CHOICE.format(id="c1"),
            "practice.md": "# Practice\n\n```annotrain\nquiz: practice\n```\n",
            "check.md": "# Check\n\n```annotrain\nquiz: check\n```\n",
            "sim.md": "# Batch\n\n```annotrain\nquiz: sim\n```\n",
            "bank.md": "# Bank\n\n" + CHOICE.format(id="p1") + MULTI.format(id="p2"),
        },
        options=options,
        extra_config=f"site_url: {SITE_URL}\n",
    )
    quizzes = root / "quizzes"
    (quizzes / "practice.yml").write_text(
        QUIZ.format(title="Practice round", mode="practice", a="p1", b="p2"), encoding="utf-8"
    )
    (quizzes / "check.yml").write_text(
        QUIZ.format(title="Checkpoint", mode="quiz", a="p1", b="p2"), encoding="utf-8"
    )
    (quizzes / "sim.yml").write_text(SIMULATION, encoding="utf-8")
    result = site.build()
    assert result.returncode == 0, result.stderr
    yield site, url, ralph
    ralph.stop()
    server.shutdown()
    server.server_close()


def read_statements(ralph: Ralph, user: tuple[str, str]) -> list[dict]:
    """Every statement ``user`` may read (HTTPError when it may read none)."""
    token = base64.b64encode(":".join(user).encode()).decode()
    url = ralph.url + "statements?limit=500"
    found = []
    while url:
        request = urllib.request.Request(
            url, headers={"Authorization": f"Basic {token}", "X-Experience-API-Version": "1.0.3"}
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            page = json.loads(response.read())
        found += page["statements"]
        more = page.get("more")
        url = urllib.parse.urljoin(url, more) if more else ""
    return found


def of(statements: list[dict], email: str) -> list[dict]:
    return [s for s in statements if s["actor"].get("mbox") == f"mailto:{email}"]


def verbs(statements: list[dict]) -> list[tuple[str, str]]:
    names = {iri: name for name, iri in VERBS.items()}
    return [(names[s["verb"]["id"]], s["object"]["id"]) for s in statements]


def agree(page, name: str, email: str) -> None:
    box = page.locator(".annotrain-xapi")
    assert serious_violations(page, ".annotrain-xapi") == []
    assert "Nothing is sent until you agree" in box.inner_text()
    assert "127.0.0.1" in box.inner_text()  # says where it goes
    box.get_by_label("Your name").fill(name)
    box.get_by_label("Your e-mail").fill(email)
    box.get_by_role("button", name="Send my results").click()


def all_sent(page, timeout: float = 30_000) -> None:
    page.wait_for_function(
        "() => document.querySelector('.annotrain-xapi')"
        ".getAttribute('data-annotrain-xapi-waiting') === '0'",
        timeout=timeout,
    )


def click_option(li, value: str) -> None:
    li.locator(f'label.annotrain-option:has(input[value="{value}"])').click()


def answer_quiz(page, quiz: str) -> None:
    root = page.locator(f"[data-annotrain-quiz={quiz}]")
    click_option(root.locator('.annotrain-quiz-task[data-annotrain-id="p1"]'), "Positive")
    p2 = root.locator('.annotrain-quiz-task[data-annotrain-id="p2"]')
    click_option(p2, "Billing")


def test_lesson_and_practice_quiz_reach_the_lrs_once_and_grade_the_same(
    page, lrs_site, tmp_path, capsys
):
    site, url, ralph = lrs_site
    open_page(page, url + "lesson/")
    # Nothing leaves before the learner agrees: the lesson opening waits in the browser.
    assert of(read_statements(ralph, TRAINER_USER), "ana@example.org") == []
    # A check while the learner fills the box leaves what they typed in place.
    page.locator(".annotrain-xapi").get_by_label("Your name").fill("Ana Lima")
    lesson = page.locator(".annotrain-exercise[data-annotrain-id=c1]")
    click_option(lesson, "Neutral")
    lesson.get_by_role("button", name="Check").click()
    shown_score = float(lesson.get_attribute("data-annotrain-score"))
    assert page.locator(".annotrain-xapi").get_by_label("Your name").input_value() == "Ana Lima"
    agree(page, "Ana Lima", "ana@example.org")
    page.get_by_role("button", name="Mark this lesson as done").click()
    all_sent(page)

    open_page(page, url + "practice/")
    page.get_by_role("button", name="Start the quiz").click()
    answer_quiz(page, "practice")
    page.get_by_role("button", name="Submit").click()
    result = page.locator("[data-annotrain-quiz=practice] .annotrain-quiz-result")
    with page.expect_download() as download:
        result.get_by_role("button", name="Download attempt").click()
    path = tmp_path / "attempt.json"
    download.value.save_as(path)
    all_sent(page)

    mine = of(read_statements(ralph, TRAINER_USER), "ana@example.org")
    attempt = json.loads(path.read_text(encoding="utf-8"))
    quiz = SITE_URL + "quiz/practice"
    verdict = "passed" if attempt["client"]["passed"] else "failed"
    assert sorted(verbs(mine)) == sorted(
        [
            ("experienced", SITE_URL + "lesson/"),
            ("answered", SITE_URL + "exercise/c1"),
            ("completed", SITE_URL + "lesson/"),
            ("attempted", quiz),
            ("submitted", quiz),
            (verdict, quiz),
        ]
    )
    by_verb = {verb: s for (verb, _), s in zip(verbs(mine), mine, strict=True)}
    assert all(s["actor"]["name"] == "Ana Lima" for s in mine)
    assert all(s["authority"]["mbox"] == "mailto:site@lrs.example.org" for s in mine)
    answered = by_verb["answered"]["result"]
    assert answered["success"] is False and answered["score"]["scaled"] == shown_score
    criteria = answered["extensions"][SITE_URL + "xapi/criteria"]
    assert criteria and all("level" in c for c in criteria.values())
    submitted = by_verb["submitted"]["result"]
    assert submitted["extensions"][SITE_URL + "xapi/attempt"] == attempt
    # Byte for byte the file the learner downloads: a credential's hash covers it.
    sent = Submitted(
        by_verb["submitted"]["id"], {}, submitted["extensions"][SITE_URL + "xapi/attempt"]
    )
    assert sent.file_bytes() == path.read_bytes()
    assert submitted["score"]["scaled"] == attempt["client"]["score"]
    assert by_verb[verdict]["result"]["success"] is attempt["client"]["passed"]
    assert ralph.validate(mine) == []

    # The trainer grades from the LRS as from the file.
    config = str(site.root / "mkdocs.yml")
    from_file = tmp_path / "from-file"
    from_lrs = tmp_path / "from-lrs"
    assert main(["grade", str(path), "--config", config, "--output", str(from_file)]) == 0
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ANNOTRAIN_LRS_AUTH", ":".join(TRAINER_USER))
        code = main(
            ["grade", "--lrs", ralph.url, "--quiz", "practice"]
            + ["--config", config, "--output", str(from_lrs)]
        )
    assert code == 0, capsys.readouterr().err
    file_rows = json.loads(from_file.with_suffix(".json").read_text())["attempts"]
    lrs_rows = json.loads(from_lrs.with_suffix(".json").read_text())["attempts"]
    assert [r["file"] for r in lrs_rows] == [f"lrs:{by_verb['submitted']['id']}"]
    assert [dict(r, file=None) for r in lrs_rows] == [dict(r, file=None) for r in file_rows]


def test_the_sites_account_cannot_read(lrs_site):
    _, _, ralph = lrs_site
    with pytest.raises(urllib.error.HTTPError) as refused:
        read_statements(ralph, SITE_USER)
    refused.value.close()
    assert refused.value.code in (401, 403)


def test_lrs_down_in_the_middle_of_a_quiz_loses_nothing_and_stores_nothing_twice(browser, lrs_site):
    _, url, ralph = lrs_site
    context = browser.new_context()
    page = context.new_page()
    errors = watch_errors(page)
    open_page(page, url + "check/")
    agree(page, "Ben Okafor", "ben@example.org")
    page.get_by_role("button", name="Start the quiz").click()
    all_sent(page)  # the attempt's start is stored

    queued = "() => Object.keys(localStorage).find(k => k.startsWith('annotrain-xapi:'))"
    ralph.stop()
    try:
        answer_quiz(page, "check")
        page.get_by_role("button", name="Submit").click()
        box = page.locator(".annotrain-xapi")
        box.get_by_text("cannot be reached").wait_for()
        assert box.get_attribute("data-annotrain-xapi-waiting") == "1"
        # A contest in the review of the answers goes as a comment on the task.
        page.wait_for_function(
            "() => document.querySelector('[data-annotrain-quiz=check]')"
            ".hasAttribute('data-annotrain-reviewed')"
        )
        task = page.locator('[data-annotrain-quiz=check] [data-annotrain-id="p2"]')
        task.get_by_role("button", name="Contest this task").click()
        task.get_by_label("Why do you contest this task?").fill("Shipping is mentioned too.")
        task.get_by_role("button", name="Send").click()
        assert box.get_attribute("data-annotrain-xapi-waiting") == "2"
        page.reload()  # the queue outlives the page
        page.evaluate("() => window.annotrain.ready")
        assert box.get_attribute("data-annotrain-xapi-waiting") == "2"
        # A copy of the queue as it is now, as another tab may still hold it.
        stale = page.evaluate(f"() => localStorage.getItem(({queued})())")
    finally:
        ralph.start()
    box.get_by_role("button", name="Send now").click()
    all_sent(page)
    # The stale copy comes back and is sent again (as after a reply that never
    # came): the LRS keeps the statement once, by its id.
    page.evaluate(f"(text) => localStorage.setItem(({queued})(), text)", stale)
    page.reload()
    page.evaluate("() => window.annotrain.ready")
    all_sent(page)
    context.close()

    mine = of(read_statements(ralph, TRAINER_USER), "ben@example.org")
    quiz = SITE_URL + "quiz/check"
    assert sorted(verbs(mine)) == [
        ("attempted", quiz),
        ("commented", quiz + "/task/p2"),
        ("submitted", quiz),
    ]
    comment = [s for s in mine if s["verb"]["id"] == VERBS["commented"]][0]
    assert comment["result"]["response"] == "Shipping is mentioned too."
    submitted = [s for s in mine if s["verb"]["id"] == VERBS["submitted"]][0]
    assert submitted["result"]["extensions"][SITE_URL + "xapi/attempt"]["quiz"] == "check"
    assert ralph.validate(mine) == []
    # Chromium reports each refused connection; nothing else went wrong.
    assert [e for e in errors if "ERR_CONNECTION_REFUSED" not in e] == []


def test_a_page_opened_from_a_file_says_it_cannot_send(page, lrs_site):
    site, _, ralph = lrs_site
    before = len(read_statements(ralph, TRAINER_USER))
    open_page(page, (site.site_dir / "lesson" / "index.html").as_uri())
    box = page.locator(".annotrain-xapi")
    assert box.get_attribute("data-annotrain-xapi-state") == "file"
    assert "cannot send results: download your attempt files" in box.inner_text()
    lesson = page.locator(".annotrain-exercise[data-annotrain-id=c1]")
    click_option(lesson, "Positive")
    lesson.get_by_role("button", name="Check").click()
    assert page.evaluate("() => window.annotrain.xapi.queue()") == []
    assert len(read_statements(ralph, TRAINER_USER)) == before


@pytest.fixture(scope="module")
def ticket_exam(tmp_path_factory):
    """(exam page URL, a ticket for it, Ralph): a ticketed exam on a site that sends."""
    python = available(ROOT)
    root = tmp_path_factory.mktemp("xapi-exam")
    site = keyed_site(root, new_key_pair(), draw=2)
    server = serve(site.site_dir)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    ralph = Ralph(python, tmp_path_factory.mktemp("ralph-exam"), [url.rstrip("/")])
    ralph.add_user(SITE_USER, "statements/write")
    ralph.add_user(TRAINER_USER, "statements/read")
    ralph.start()
    config = root / "mkdocs.yml"
    auth = ":".join(SITE_USER)
    config.write_text(
        config.read_text().replace(
            "      public_key: keys/trainer.pub.pem\n",
            "      public_key: keys/trainer.pub.pem\n"
            f"      xapi: {{endpoint: '{ralph.url}', auth: '{auth}'}}\n",
        )
    )
    result = site.build()
    assert result.returncode == 0, result.stderr
    course = load_course(config)
    now = datetime.now(timezone.utc).replace(microsecond=0)
    claims = {
        "typ": "annotrain-ticket/1",
        "id": "0" * 31 + "1",
        "site": course.layout.site_id,
        "quiz": "exam",
        "version": course.quizzes["exam"].public_version,
        "candidate": {"id": "c-007", "name": "Ana Lima"},
        "attempt": 1,
        "seed": 5,
        "from": (now - timedelta(hours=1)).isoformat().replace("+00:00", "Z"),
        "until": (now + timedelta(days=1)).isoformat().replace("+00:00", "Z"),
        "extra_minutes": 0,
        "issued": (now - timedelta(days=1)).isoformat().replace("+00:00", "Z"),
    }
    token = sign(claims, load_private_key(root / "keys" / "trainer.pem"))
    site_url = course.layout.site_url
    yield f"{url}exam/#ticket={token}", site_url, ralph
    ralph.stop()
    server.shutdown()
    server.server_close()


def test_an_exam_on_a_ticket_is_sent_as_the_tickets_candidate_without_a_score(page, ticket_exam):
    url, site_url, ralph = ticket_exam
    page.goto(url)
    page.wait_for_selector(".annotrain-xapi")
    root = page.locator("[data-annotrain-quiz=exam]")
    root.locator(".annotrain-quiz-ticket-status[data-annotrain-ticket=valid]").wait_for()
    root.get_by_role("button", name="Start the quiz").click()
    root.locator(".annotrain-quiz-run").wait_for(state="visible")
    # The box offers the ticket's name; the learner gives an e-mail and agrees.
    box = page.locator(".annotrain-xapi")
    assert box.get_by_label("Your name").input_value() == "Ana Lima"
    box.get_by_label("Your e-mail").fill("ana@example.org")
    box.get_by_role("button", name="Send my results").click()
    page.once("dialog", lambda dialog: dialog.accept())  # no task answered
    root.get_by_role("button", name="Submit").click()
    all_sent(page)

    found = read_statements(ralph, TRAINER_USER)
    quiz = site_url + "quiz/exam"
    assert sorted(verbs(found)) == [("attempted", quiz), ("submitted", quiz)]
    for statement in found:  # the ticket names the learner, within this site
        assert statement["actor"]["account"] == {"homePage": site_url, "name": "c-007"}
        assert statement["actor"]["name"] == "Ana Lima"
    submitted = [s for s in found if s["verb"]["id"] == VERBS["submitted"]][0]["result"]
    assert "score" not in submitted and "success" not in submitted  # an exam's browser cannot know
    assert submitted["extensions"][site_url + "xapi/attempt"]["candidate"]["id"] == "c-007"
    assert ralph.validate(found) == []


def test_a_simulation_that_stops_the_learner_is_terminated_with_where_and_why(browser, lrs_site):
    _, url, ralph = lrs_site
    context = browser.new_context()
    page = context.new_page()
    open_page(page, url + "sim/")
    agree(page, "Cy Mwangi", "cy@example.org")
    root = page.locator("[data-annotrain-quiz=sim]")
    root.get_by_role("button", name="Start the quiz").click()
    for _ in range(2):  # both controls missed: 0 of the last 2 passed, 2 needed
        root.locator(".annotrain-quiz-task:visible").get_by_label("Negative", exact=True).check()
        root.get_by_role("button", name="Submit task").click()
    root.get_by_role("heading", name="Removed from this job").wait_for()
    all_sent(page)
    context.close()

    mine = of(read_statements(ralph, TRAINER_USER), "cy@example.org")
    quiz = SITE_URL + "quiz/sim"
    assert sorted(verbs(mine)) == [("attempted", quiz), ("submitted", quiz), ("terminated", quiz)]
    (terminated,) = [s for s in mine if s["verb"]["id"] == VERBS["terminated"]]
    assert terminated["result"]["success"] is False
    assert terminated["result"]["completion"] is False
    stopped = terminated["result"]["extensions"][SITE_URL + "xapi/stopped"]
    assert stopped["index"] == 1 and sorted(stopped["missed"]) == ["s1", "s2"]
    (submitted,) = [s for s in mine if s["verb"]["id"] == VERBS["submitted"]]
    attempt = submitted["result"]["extensions"][SITE_URL + "xapi/attempt"]
    assert attempt["mode"] == "simulation" and attempt["responses"]["s1"] == {"choice": "Negative"}
    assert ralph.validate(mine) == []
