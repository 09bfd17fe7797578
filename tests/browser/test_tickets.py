"""Exam tickets in the browser: an exam with a key starts only with a valid ticket.

The exam of ``tests/sealed.py`` (four of its twelve tasks drawn, 30 minutes, one
attempt per browser, which tickets replace) is built for a site with the
trainer's public key, and served on 127.0.0.1. Tickets are signed here with the
trainer's private key, as ``annotrain tickets`` signs them. The candidate opens the link (``#ticket=<token>``) or pastes the ticket;
the page checks its signature with the browser's WebCrypto Ed25519 and its
claims, and says in words why it refuses one. A ticket's attempt draws the
ticket's tasks, runs on its time, resumes after a reload or with the link
opened again, and its attempt file carries the ticket; once submitted, the
ticket is used. On plain HTTP away from this computer the browser offers no
signature check, and the page says so.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from annotrain.commands.cli import main
from annotrain.course.loader import load_course
from annotrain.course.quizzes import Quiz
from annotrain.grading.quiz import draw
from annotrain.signing.keys import load_private_key, new_key_pair
from annotrain.signing.tokens import open_token, sign

from ..test_site_keys import URL, keyed_site
from .conftest import screenshot, serious_violations, serve

QUIZ = "[data-annotrain-quiz=exam]"
PALETTES = """\
  palette:
    - scheme: default
      toggle: {icon: material/brightness-7, name: Switch to dark mode}
    - scheme: slate
      toggle: {icon: material/brightness-4, name: Switch to light mode}
"""
TIME_LIMIT = 30
DRAWN = 4


@dataclass
class Exam:
    base: str  # the site's address on 127.0.0.1
    url: str  # the exam page's
    root: Path  # the course: mkdocs.yml, quizzes/, keys/
    site_dir: Path
    quiz: Quiz  # the trainer's quiz, gold and all
    site: str  # the site id tickets name
    key: object  # the trainer's private key
    public: str  # the trainer's public key, base64 of its raw bytes

    def ticket(self, key=None, **changes) -> str:
        """A signed ticket for this exam, valid now for a day; ``changes`` to its claims."""
        now = datetime.now(timezone.utc).replace(microsecond=0)
        claims = {
            "typ": "annotrain-ticket/1",
            "id": secrets.token_hex(16),
            "site": self.site,
            "quiz": "exam",
            "version": self.quiz.public_version,
            "candidate": {"id": "c-007", "name": "Ana Lima"},
            "attempt": 1,
            "seed": 123456789,
            "from": stamp(now - timedelta(hours=1)),
            "until": stamp(now + timedelta(days=1)),
            "extra_minutes": 0,
            "issued": stamp(now - timedelta(days=1)),
        }
        claims.update(changes)
        return sign(claims, key or self.key)

    def link(self, token: str) -> str:
        return f"{self.url}#ticket={token}"

    def opened(self, token: str) -> dict:
        """The claims of ``token``, checked in Python with the site's key."""
        from annotrain.signing.keys import key_id, raw_public_key

        raw = raw_public_key(self.public, "the site's key")
        return open_token(token, {key_id(raw): raw})


def stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.fixture(scope="module")
def exam(tmp_path_factory):
    root = tmp_path_factory.mktemp("tickets")
    pair = new_key_pair()
    site = keyed_site(root, pair, draw=DRAWN)
    quiz_file = root / "quizzes" / "exam.yml"
    # One attempt per browser, which a ticketed exam leaves to its tickets.
    quiz_file.write_text(quiz_file.read_text() + f"time_limit: {TIME_LIMIT}\nattempts: 1\n")
    server = serve(site.site_dir)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    config = root / "mkdocs.yml"
    # Material's instant navigation only takes over links inside site_url; the
    # palettes give its dark scheme's styles.
    text = config.read_text().replace(URL, f"site_url: {base}\n")
    config.write_text(text.replace("  name: material\n", "  name: material\n" + PALETTES))
    result = site.build(strict=False)  # a local site_url with keys is warned about
    assert result.returncode == 0, result.stderr
    course = load_course(config)
    assert course.errors == []
    data = json.loads(site.html("exam/index.html").select_one(QUIZ)["data-annotrain-quiz-data"])
    quiz = course.quizzes["exam"]
    assert data["version"] == quiz.public_version
    key = load_private_key(root / "keys" / "trainer.pem")
    try:
        yield Exam(base, base + "exam/", root, site.site_dir, quiz, data["site"], key, pair[2])
    finally:
        server.shutdown()
        server.server_close()


def seed_drawing(quiz: Quiz, task_id: str) -> int:
    """A seed whose draw holds ``task_id``."""
    return next(seed for seed in range(1, 1000) if task_id in draw(quiz, seed))


# --- the page ---------------------------------------------------------------------------------


def open_exam(page, url: str) -> None:
    """Open the exam page and wait until its quiz is live."""
    page.goto(url)
    page.wait_for_function(
        "() => window.annotrain && window.annotrain.quiz"
        " && window.annotrain.quiz.ids().includes('exam')"
    )


def status(page):
    return page.locator(f"{QUIZ} .annotrain-quiz-ticket-status")


def wait_for_verdict(page) -> str:
    """The ticket line's state once the check is over ("valid" or a refusal's reason)."""
    page.wait_for_function(
        """q => { const s = document.querySelector(q + ' .annotrain-quiz-ticket-status');
                  const state = s.getAttribute('data-annotrain-ticket');
                  return state !== 'checking' && state !== 'none'; }""",
        arg=QUIZ,
    )
    return status(page).get_attribute("data-annotrain-ticket")


def start_button(page):
    return page.locator(QUIZ).get_by_role("button", name="Start the quiz")


def ticket_field(page):
    return page.locator(QUIZ).get_by_label("Your ticket")


def announced(page) -> str:
    return page.locator(f"{QUIZ} > [role=status]").inner_text()


def shown_tasks(page) -> list[str]:
    return page.eval_on_selector_all(
        f"{QUIZ} .annotrain-quiz-task:not([hidden])",
        "els => els.map(e => e.getAttribute('data-annotrain-id'))",
    )


def submit(page) -> None:
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator(QUIZ).get_by_role("button", name="Submit").click()
    page.locator(f"{QUIZ} [data-annotrain-verdict]").wait_for()


def download_attempt(page, folder: Path) -> dict:
    """The attempt file the result offers, also saved as ``folder/exam-attempt.json``."""
    result = page.locator(f"{QUIZ} .annotrain-quiz-result")
    with page.expect_download() as download:
        result.get_by_role("button", name="Download attempt").click()
    assert download.value.suggested_filename.startswith("exam-attempt-")
    path = folder / "exam-attempt.json"
    download.value.save_as(path)
    return json.loads(path.read_text(encoding="utf-8"))


def graded(exam: Exam, path: Path) -> dict:
    """The row of ``annotrain grade``'s report for the attempt file ``path``."""
    config = str(exam.root / "mkdocs.yml")
    output = path.parent / "report"
    code = main(["grade", str(path), "--config", config, "--output", str(output)])
    assert code == 0
    (row,) = json.loads(output.with_suffix(".json").read_text(encoding="utf-8"))["attempts"]
    return row


def choose(page, task_id: str, label: str) -> None:
    task = page.locator(f'{QUIZ} li[data-annotrain-id="{task_id}"]')
    task.locator(f'label.annotrain-option:has(input[value="{label}"])').click()


# --- the intro ----------------------------------------------------------------------------------


def test_the_intro_asks_for_a_ticket_instead_of_a_name(exam, page):
    open_exam(page, exam.url)
    form = page.locator(f"{QUIZ} .annotrain-quiz-start")
    assert form.locator("input[name=name], input[name=email]").count() == 0
    assert "starts with a ticket from your trainer" in form.inner_text()
    assert ticket_field(page).is_visible()
    assert ticket_field(page).get_attribute("aria-describedby") == status(page).get_attribute("id")
    assert start_button(page).is_disabled()
    facts = page.locator(f"{QUIZ} .annotrain-quiz-facts").inner_text()
    assert "Each ticket from your trainer is good for one attempt." in facts
    assert "Attempts allowed in this browser" not in facts


def test_a_good_ticket_in_the_link_starts_the_exam_on_its_draw(exam, page, tmp_path):
    seed = 987654321
    token = exam.ticket(seed=seed, extra_minutes=10)
    open_exam(page, exam.link(token))
    assert wait_for_verdict(page) == "valid"
    line = status(page).inner_text()
    assert line.startswith("Ticket for Ana Lima, attempt 1.")
    assert "Your time limit is 40 minutes, with 10 minutes added for you." in line
    assert "Ticket for Ana Lima, attempt 1." in announced(page)
    assert ticket_field(page).get_attribute("aria-invalid") == "false"
    start_button(page).click()
    page.locator(f"{QUIZ} .annotrain-quiz-run").wait_for(state="visible")
    wanted = draw(exam.quiz, seed)
    assert shown_tasks(page) == wanted
    current = page.evaluate("() => window.annotrain.quiz.current('exam')")
    assert current["seed"] == seed and current["tasks"] == wanted
    assert current["ticket"]["id"] == exam.opened(token)["id"]
    started = datetime.fromisoformat(current["started"].replace("Z", "+00:00"))
    deadline = datetime.fromisoformat(current["deadline"].replace("Z", "+00:00"))
    assert deadline - started == timedelta(minutes=TIME_LIMIT + 10)
    assert page.locator(f"{QUIZ} .annotrain-quiz-timer").inner_text().startswith(("40:00", "39:5"))
    note = page.locator(f"{QUIZ} .annotrain-quiz-ticket-note")
    assert note.inner_text().startswith("Ticket for Ana Lima, attempt 1.")
    note.scroll_into_view_if_needed()
    screenshot(page, "ticket-exam-running")
    submit(page)
    attempt = download_attempt(page, tmp_path)
    assert attempt["ticket"] == token
    assert attempt["seed"] == seed and attempt["tasks"] == wanted
    assert attempt["candidate"] == {"id": "c-007", "name": "Ana Lima"}
    assert attempt["quiz_version"] == exam.quiz.public_version
    assert exam.opened(attempt["ticket"])["seed"] == seed
    # The trainer's grade finds nothing to flag about the ticket the page used.
    row = graded(exam, tmp_path / "exam-attempt.json")
    assert row["flags"] == [], row["flags"]
    assert row["ticket"] == exam.opened(token)["id"] and row["candidate_id"] == "c-007"


def test_the_attempt_ends_when_the_tickets_window_closes(exam, page):
    """`grade` flags an attempt submitted after the window: the page ends it then."""
    until = datetime.now(timezone.utc).replace(microsecond=0) + timedelta(minutes=10)
    open_exam(page, exam.link(exam.ticket(until=stamp(until))))
    assert wait_for_verdict(page) == "valid"
    assert "If you start now, the exam ends at" in status(page).inner_text()
    start_button(page).click()
    page.locator(f"{QUIZ} .annotrain-quiz-run").wait_for(state="visible")
    current = page.evaluate("() => window.annotrain.quiz.current('exam')")
    assert current["deadline"] == until.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    assert page.locator(f"{QUIZ} .annotrain-quiz-timer").inner_text().startswith(("10:00", "09:5"))


def test_a_pasted_ticket_is_checked_and_start_waits_for_a_valid_one(exam, page):
    open_exam(page, exam.url)
    field = ticket_field(page)
    field.click()
    # One character changed in the middle of the payload: the signature no longer holds.
    good = exam.ticket(candidate={"id": "c-8", "name": "Zoë Ñúñez"}, attempt=2)
    payload, signature = good.split(".")
    middle = len(payload) // 2
    bad = payload[:middle] + ("A" if payload[middle] != "A" else "B") + payload[middle + 1 :]
    page.keyboard.insert_text(f"{bad}.{signature}")  # as a paste does: one input event
    assert wait_for_verdict(page) == "damaged"
    assert status(page).inner_text().startswith("This ticket is damaged")
    assert "send the link again" in status(page).inner_text()
    assert "This ticket is damaged" in announced(page)
    assert field.get_attribute("aria-invalid") == "true"
    assert start_button(page).is_disabled()
    # Enter with a refused ticket starts nothing.
    page.keyboard.press("Enter")
    assert page.locator(f"{QUIZ} .annotrain-quiz-run").is_hidden()
    # The whole link pasted over it, wrapped as an e-mail may wrap it.
    page.keyboard.press("ControlOrMeta+a")
    link = exam.link(good)
    page.keyboard.insert_text(link[:60] + "\n" + link[60:])
    assert wait_for_verdict(page) == "valid"
    assert status(page).inner_text().startswith("Ticket for Zoë Ñúñez, attempt 2.")
    assert start_button(page).is_enabled()
    page.keyboard.press("Enter")  # the form's submit, from the field
    page.locator(f"{QUIZ} .annotrain-quiz-run").wait_for(state="visible")
    current = page.evaluate("() => window.annotrain.quiz.current('exam')")
    assert current["candidate"] == {"id": "c-8", "name": "Zoë Ñúñez"}
    assert current["seed"] == 123456789


def test_refused_tickets_say_why(exam, page):
    """Each refusal in a candidate's words; a new link on the same page is read at once."""
    now = datetime.now(timezone.utc)
    stranger = load_private_key_from(new_key_pair()[0])
    good = exam.ticket()
    payload, signature = good.split(".")
    middle = len(signature) // 2
    other = "A" if signature[middle] != "A" else "B"
    cases = {
        "damaged": (f"{payload}.{signature[:middle]}{other}{signature[middle + 1 :]}", "damaged"),
        "cut": (good[:-20], "damaged"),
        "unknown_key": (exam.ticket(key=stranger), "not made for this site"),
        "other_quiz": (exam.ticket(quiz="week-1"), "for another exam"),
        "other_site": (exam.ticket(site="another-course"), "on another course site"),
        "changed": (exam.ticket(version="0" * 16), "The exam changed since the ticket was made"),
        "expired": (
            exam.ticket(**{"from": None, "until": stamp(now - timedelta(hours=2))}),
            "This ticket expired on",
        ),
        "not_yet": (
            exam.ticket(**{"from": stamp(now + timedelta(days=2)), "until": None}),
            "not valid yet",
        ),
        "not_ticket": (exam.ticket(typ="annotrain-credential/1"), "not an exam ticket"),
    }
    open_exam(page, exam.link(good))
    assert wait_for_verdict(page) == "valid"
    for name, (token, words) in cases.items():
        reason = "damaged" if name == "cut" else name
        page.evaluate("t => { location.hash = 'ticket=' + t; }", token)  # a hashchange
        page.wait_for_function(
            "([q, r]) => document.querySelector(q + ' .annotrain-quiz-ticket-status')"
            ".getAttribute('data-annotrain-ticket') === r",
            arg=[QUIZ, reason],
        )
        text = status(page).inner_text()
        assert words in text, (name, text)
        assert start_button(page).is_disabled(), name
        assert ticket_field(page).input_value() == token
        if name in {"expired", "not_yet"}:
            assert "this computer's clock" in text and str(now.year) in text, text
    # And back to a good one.
    page.evaluate("t => { location.hash = 'ticket=' + t; }", good)
    assert wait_for_verdict(page) == "valid"
    assert start_button(page).is_enabled()


def test_start_checks_the_ticket_again(exam, page):
    """A ticket that expired while the intro was open is refused at Start; focus stays sane."""
    open_exam(page, exam.link(exam.ticket()))
    assert wait_for_verdict(page) == "valid"
    ticket_field(page).click()
    page.keyboard.press("Tab")
    focused = "() => document.activeElement.getAttribute('data-annotrain-action')"
    assert page.evaluate(focused) == "start"
    # Two days later by the page's clock (the quiz runner reads annotrain.now).
    page.evaluate(
        "() => { const now = Date.now() + 2 * 86400000; window.annotrain.now = () => now; }"
    )
    page.keyboard.press("Enter")
    page.wait_for_function(
        "q => document.querySelector(q + ' .annotrain-quiz-ticket-status')"
        ".getAttribute('data-annotrain-ticket') === 'expired'",
        arg=QUIZ,
    )
    assert page.locator(f"{QUIZ} .annotrain-quiz-run").is_hidden()
    assert start_button(page).is_disabled()
    # The disabled button lets go of the focus: it goes to the ticket field.
    assert page.evaluate("() => document.activeElement.name") == "ticket"
    assert "This ticket expired on" in announced(page)


def load_private_key_from(pem: bytes):
    from cryptography.hazmat.primitives import serialization

    return serialization.load_pem_private_key(pem, password=None)


# --- resuming, and a ticket used ---------------------------------------------------------------


def test_an_interrupted_attempt_resumes_on_its_ticket_and_a_submitted_one_is_used(
    exam, context, tmp_path
):
    seed = seed_drawing(exam.quiz, "exam-choice")
    token = exam.ticket(seed=seed)
    page = context.new_page()
    open_exam(page, exam.link(token))
    assert wait_for_verdict(page) == "valid"
    start_button(page).click()
    page.locator(f"{QUIZ} .annotrain-quiz-run").wait_for(state="visible")
    choose(page, "exam-choice", "Negative")
    begun = page.evaluate("() => window.annotrain.quiz.current('exam')")

    def resumed(page) -> dict:
        page.locator(f"{QUIZ} .annotrain-quiz-run").wait_for(state="visible")
        assert shown_tasks(page) == draw(exam.quiz, seed)
        choice = page.locator('li[data-annotrain-id="exam-choice"] input[value="Negative"]')
        assert choice.is_checked()
        note = page.locator(f"{QUIZ} .annotrain-quiz-ticket-note").inner_text()
        assert "for Ana Lima, attempt 1" in note, note
        current = page.evaluate("() => window.annotrain.quiz.current('exam')")
        assert current["started"] == begun["started"] and current["ticket"] == begun["ticket"]
        return current

    page.reload()
    resumed(page)
    # The tab closed, the link opened again.
    page.close()
    page = context.new_page()
    open_exam(page, exam.link(token))
    resumed(page)
    # Another valid ticket while this attempt runs: the attempt goes on, and says so.
    another = exam.ticket(id="b" * 32, candidate={"id": "c-9", "name": "Ben Okoro"}, seed=seed + 1)
    page.evaluate("t => { location.hash = 'ticket=' + t; }", another)
    note = page.locator(f"{QUIZ} .annotrain-quiz-ticket-note")
    page.wait_for_function(
        "q => document.querySelector(q + ' .annotrain-quiz-ticket-note').textContent"
        ".includes('unfinished attempt')",
        arg=QUIZ,
    )
    assert "the ticket for Ana Lima, attempt 1: it goes on here" in note.inner_text()
    assert "unfinished attempt" in announced(page)
    assert resumed(page)["seed"] == seed
    submit(page)
    attempt = download_attempt(page, tmp_path)
    assert attempt["ticket"] == token
    assert attempt["responses"] == {"exam-choice": {"choice": "Negative"}}

    # The same link again: the ticket is used.
    page.close()
    page = context.new_page()
    open_exam(page, exam.link(token))
    assert wait_for_verdict(page) == "used"
    assert status(page).inner_text().startswith("This ticket was already used in this browser")
    assert start_button(page).is_disabled()
    # "Start with another ticket" after a submit: the next candidate's ticket works.
    page.evaluate("t => { location.hash = 'ticket=' + t; }", another)
    assert wait_for_verdict(page) == "valid"
    assert start_button(page).is_enabled()
    page.close()


def test_an_attempt_on_an_older_build_of_the_exam_gives_way_to_the_ticket(exam, page):
    """The stored attempt was made on another version: it is dropped, the link is checked."""
    token = exam.ticket()
    open_exam(page, exam.link(token))
    assert wait_for_verdict(page) == "valid"
    start_button(page).click()
    page.locator(f"{QUIZ} .annotrain-quiz-run").wait_for(state="visible")
    page.evaluate(
        """() => { const key = Object.keys(localStorage).find(k => k.startsWith('annotrain:v1:'));
                   const data = JSON.parse(localStorage.getItem(key));
                   data.quizzes.exam.current.version = 'an-older-build';
                   localStorage.setItem(key, JSON.stringify(data)); }"""
    )
    page.reload()
    assert wait_for_verdict(page) == "valid"
    assert page.locator(f"{QUIZ} .annotrain-quiz-intro").is_visible()
    assert "This quiz has changed" in page.locator(f"{QUIZ} .annotrain-quiz-attempts").inner_text()
    assert start_button(page).is_enabled()


def test_a_new_ticket_after_a_submit(exam, page):
    token = exam.ticket()
    open_exam(page, exam.link(token))
    assert wait_for_verdict(page) == "valid"
    start_button(page).click()
    page.locator(f"{QUIZ} .annotrain-quiz-run").wait_for(state="visible")
    submit(page)
    result = page.locator(f"{QUIZ} .annotrain-quiz-result")
    assert result.get_by_role("button", name="Try again").count() == 0
    result.get_by_role("button", name="Start with another ticket").click()
    assert wait_for_verdict(page) == "used"
    assert page.evaluate("() => document.activeElement.name") == "ticket"
    assert start_button(page).is_disabled()
    # Typed key by key: each keystroke checks what is there; the last check wins.
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.press("Delete")
    page.keyboard.type(exam.ticket(candidate={"id": "c-2", "name": "Bea"}))
    assert wait_for_verdict(page) == "valid"
    assert status(page).inner_text().startswith("Ticket for Bea, attempt 1.")
    # The quiz allows one attempt per browser; a ticketed exam counts tickets instead.
    assert start_button(page).is_enabled()
    start_button(page).click()
    page.locator(f"{QUIZ} .annotrain-quiz-run").wait_for(state="visible")


def test_a_link_followed_inside_the_site_brings_its_ticket(exam, page):
    """Material's instant navigation swaps the page in and keeps the link's fragment."""
    token = exam.ticket(candidate={"id": "c-3", "name": "Chen Wei"})
    page.goto(exam.base)  # no exercise there: annotrain's scripts come with the exam page
    page.wait_for_function("() => typeof window.document$ === 'object'")  # Material is live
    page.evaluate(
        """href => { window.stillTheSamePage = true;
                     const a = document.createElement('a');
                     a.href = href; a.textContent = 'Your exam';
                     document.querySelector('.md-content article').appendChild(a); }""",
        "exam/#ticket=" + token,
    )
    page.get_by_role("link", name="Your exam").click()
    page.wait_for_url(exam.link(token))
    page.wait_for_function(
        "() => window.annotrain && window.annotrain.quiz"
        " && window.annotrain.quiz.ids().includes('exam')"
    )
    assert wait_for_verdict(page) == "valid"
    assert page.evaluate("() => window.stillTheSamePage") is True
    assert status(page).inner_text().startswith("Ticket for Chen Wei, attempt 1.")


# --- where the page is opened ------------------------------------------------------------------


def test_a_ticket_works_from_the_site_folder(exam, browser, tmp_path):
    """Opened from disk (file://), where browsers also offer WebCrypto."""
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        seed = 4242
        token = exam.ticket(seed=seed)
        url = (exam.site_dir / "exam" / "index.html").as_uri() + "#ticket=" + token
        open_exam(page, url)
        assert page.evaluate("() => window.isSecureContext")
        assert wait_for_verdict(page) == "valid"
        start_button(page).click()
        page.locator(f"{QUIZ} .annotrain-quiz-run").wait_for(state="visible")
        assert shown_tasks(page) == draw(exam.quiz, seed)
        submit(page)
        assert download_attempt(page, tmp_path)["ticket"] == token
    finally:
        context.close()
    assert errors == []


def test_on_plain_http_elsewhere_the_page_says_tickets_cannot_be_checked(exam, browser):
    """http://exam.test/ is no secure context: the browser has no WebCrypto there."""
    context = browser.new_context()
    local = exam.base.rstrip("/")

    def from_local_server(route):
        url = route.request.url.replace("http://exam.test", local, 1)
        route.fulfill(response=route.fetch(url=url))

    context.route("http://exam.test/**", from_local_server)
    page = context.new_page()
    try:
        open_exam(page, "http://exam.test/exam/#ticket=" + exam.ticket())
        assert page.evaluate("() => window.isSecureContext") is False
        assert page.evaluate("() => Boolean(window.crypto && window.crypto.subtle)") is False
        assert wait_for_verdict(page) == "insecure"
        text = status(page).inner_text()
        assert text.startswith("Tickets cannot be checked on this connection")
        assert "https://" in text and "from its folder" in text
        assert start_button(page).is_disabled()
    finally:
        # The page may still be fetching media through the route: let those requests
        # end quietly instead of failing in a listener after this test.
        context.unroute_all(behavior="ignoreErrors")
        context.close()


# --- accessibility and looks -------------------------------------------------------------------


def show_dark(page) -> None:
    """Material's dark palette, as its palette toggle sets it."""
    page.evaluate("() => document.body.setAttribute('data-md-color-scheme', 'slate')")


@pytest.mark.parametrize("device", ["page", "phone"])
def test_the_ticket_intro_is_accessible_valid_and_refused(exam, request, device):
    page = request.getfixturevalue(device)  # a computer's window, or a phone's
    now = datetime.now(timezone.utc)
    tickets = {
        "valid": exam.ticket(extra_minutes=15),
        "expired": exam.ticket(**{"until": stamp(now - timedelta(hours=3))}),
    }
    for state, token in tickets.items():
        open_exam(page, exam.link(token))
        assert wait_for_verdict(page) == state
        for scheme in ("light", "dark"):
            if scheme == "dark":
                show_dark(page)
            assert serious_violations(page) == [], (state, scheme)
            overflow = page.evaluate(
                "() => document.documentElement.scrollWidth - window.innerWidth"
            )
            assert overflow <= 0, "nothing is wider than the screen"
            start_button(page).scroll_into_view_if_needed()
            shown = "desktop" if device == "page" else "phone"
            screenshot(page, f"ticket-{state}-{shown}-{scheme}")
        page.goto("about:blank")
