"""`annotrain grade` on a site with a key: each exam attempt's ticket is checked (missing,
forged, for another quiz, another seed, another candidate, outside its window, extra
time), and the batch shows reused tickets and unusual wrong answers two candidates share."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from annotrain.commands.cli import main
from annotrain.grading.attempts import Attempt
from annotrain.grading.cohort import shared_wrong_answers
from annotrain.grading.quiz import draw
from annotrain.signing.keys import load_private_key, new_key_pair
from annotrain.signing.tokens import b64url, from_b64url

from .gradecourse import GOLD, GradeCourse, report

NOW = datetime.now(timezone.utc).replace(microsecond=0)


def iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    return GradeCourse(tmp_path_factory.mktemp("keyed-course"), keyed=True)


def grade(course, folder, capsys, files: dict[str, dict]) -> dict[str, dict]:
    """Grade ``files`` (name -> attempt) together; the report's rows by file name."""
    for name, data in files.items():
        course.write(folder / name, data)
    assert main(course.args(folder)) == 0, capsys.readouterr().err
    capsys.readouterr()
    rows = report(folder / "annotrain-grades")["attempts"]
    return {row["file"].rsplit("/", 1)[-1]: row for row in rows}


def flags(course, tmp_path, capsys, data: dict) -> list[str]:
    return grade(course, tmp_path, capsys, {"a.json": data})["a.json"]["flags"]


def test_an_exam_taken_with_its_ticket_has_no_finding(course, tmp_path, capsys):
    token, claims = course.ticket()
    row = grade(course, tmp_path, capsys, {"a.json": course.ticketed(token, claims)})["a.json"]
    assert row["flags"] == [] and row["passed"] is True
    assert row["ticket"] == claims["id"] and row["candidate_id"] == "a1"


def test_a_missing_ticket_is_flagged(course, tmp_path, capsys):
    assert flags(course, tmp_path, capsys, course.attempt("final", ticket=None)) == [
        "no ticket: this exam is taken with a ticket you issued"
    ]


def test_a_self_check_needs_no_ticket(course, tmp_path, capsys):
    assert flags(course, tmp_path, capsys, course.attempt("check")) == []


def changed(token: str, **claims) -> str:
    """``token`` with its claims changed and its signature kept: a forgery."""
    payload, signature = token.split(".")
    body = json.loads(from_b64url(payload)) | claims
    return b64url(json.dumps(body).encode()) + "." + signature


@pytest.mark.parametrize(
    "forge, reason",
    [
        (lambda token, key: changed(token, seed=1), "the signature does not match: the token was changed"),
        (lambda token, key: changed(token, candidate={"id": "b2", "name": "Ben"}), "the signature does not match: the token was changed"),
        (lambda token, key: token[:-3], "damaged: its text has been cut or changed"),
        (lambda token, key: "not a ticket", "not a token: it should be two parts joined by a dot"),
        (lambda token, key: key, "signed with a key this site does not know"),
    ],
    ids=["seed", "candidate", "cut", "text", "other-key"],
)  # fmt: skip
def test_a_forged_ticket_does_not_open(course, tmp_path, capsys, forge, reason):
    token, claims = course.ticket()
    other, _ = course.ticket(key=load_private_key(_other_key(tmp_path)))
    forged = forge(token, other)
    found = flags(course, tmp_path, capsys, course.ticketed(forged, claims))
    assert found == [f"the ticket does not open: {reason}"]


def _other_key(tmp_path):
    path = tmp_path / "other.pem"
    path.write_bytes(new_key_pair()[0])
    return path


def test_a_credential_is_not_a_ticket(course, tmp_path, capsys):
    token, claims = course.ticket(typ="annotrain-credential/1")
    assert flags(course, tmp_path, capsys, course.ticketed(token, claims)) == [
        "the ticket does not open: not an exam ticket (its type is 'annotrain-credential/1')"
    ]


@pytest.mark.parametrize(
    "claims, finding",
    [
        ({"quiz": "check"}, "ticket for another quiz ('check')"),
        ({"version": "0" * 16}, "ticket for another version of the quiz ('0000000000000000'; "),
        ({"site": "elsewhere"}, "ticket for another site ('elsewhere')"),
    ],
)
def test_a_ticket_for_another_quiz_version_or_site(course, tmp_path, capsys, claims, finding):
    token, body = course.ticket(**claims)
    attempt = course.ticketed(token, body | {"quiz": "final"})
    (found,) = flags(course, tmp_path, capsys, attempt)
    assert found.startswith(finding), found


def test_a_draw_the_candidate_chose_is_seed_shopping(course, tmp_path, capsys):
    token, claims = course.ticket(seed=1234)
    quiz = course.quizzes["final"]
    seed = next(s for s in range(1, 100) if draw(quiz, s) != draw(quiz, 1234))
    attempt = course.attempt("final", seed=seed, candidate=claims["candidate"], ticket=token)
    assert flags(course, tmp_path, capsys, attempt) == [
        f"seed {seed} is not the ticket's (1234): a draw the candidate chose: seed shopping"
    ]


def test_a_passing_file_renamed_to_another_candidate(course, tmp_path, capsys):
    token, claims = course.ticket(candidate=("a1", "Ana Lima"))
    original = course.ticketed(token, claims)
    renamed = original | {"candidate": {"id": "a1", "name": "Ben Okafor"}}
    found = flags(course, tmp_path, capsys, renamed)
    assert found == [
        "candidate 'Ben Okafor' (id 'a1') is not the ticket's 'Ana Lima' (id 'a1'): "
        "another candidate's ticket, or a renamed file"
    ]
    # Beside the original, the copy and the shared ticket show as well, in both files.
    rows = grade(course, tmp_path / "batch", capsys, {"ana.json": original, "ben.json": renamed})
    assert rows["ben.json"]["flags"][0] == found[0]
    assert rows["ben.json"]["passed"] and rows["ana.json"]["passed"]
    for name, other in (("ana.json", "ben.json"), ("ben.json", "ana.json")):
        assert (
            f"the same ticket as {tmp_path / 'batch' / other}: a ticket is for one attempt"
            in (rows[name]["flags"])
        )
    assert not any("is not the ticket's" in flag for flag in rows["ana.json"]["flags"])


def test_another_candidates_id_is_flagged(course, tmp_path, capsys):
    token, claims = course.ticket(candidate=("a1", "Ana Lima"))
    attempt = course.ticketed(token, claims, candidate={"id": "b2", "name": "Ana Lima"})
    (found,) = flags(course, tmp_path, capsys, attempt)
    assert found.startswith(
        "candidate 'Ana Lima' (id 'b2') is not the ticket's 'Ana Lima' (id 'a1')"
    )


@pytest.mark.parametrize(
    "window, finding",
    [
        ({"from": timedelta(hours=1)}, "started {started}, before the ticket's window opened"),
        ({"until": -timedelta(days=1)}, "started {started}, after the ticket's window closed"),
        ({"until": -timedelta(minutes=6)}, "submitted {submitted}, after the ticket's window closed"),
    ],
    ids=["before", "after", "submitted-after"],
)  # fmt: skip
def test_an_attempt_outside_its_window(course, tmp_path, capsys, window, finding):
    # One clock for the window and the attempt's times (started 12, submitted 2 minutes
    # ago), however long the suite has been running.
    now = datetime.now(timezone.utc).replace(microsecond=0)
    token, claims = course.ticket(**{name: iso(now + shift) for name, shift in window.items()})
    times = {"started": now - timedelta(minutes=12), "submitted": now - timedelta(minutes=2)}
    attempt = course.ticketed(token, claims, **{name: iso(t) for name, t in times.items()})
    (found,) = flags(course, tmp_path, capsys, attempt)
    expected = finding.format(
        started=attempt["started"].replace(".000", ""),
        submitted=attempt["submitted"].replace(".000", ""),
    )
    assert found.startswith(expected), found
    assert found.endswith("by the candidate's own clock: an honest clock only")


def test_inside_its_window_is_no_finding(course, tmp_path, capsys):
    now = datetime.now(timezone.utc).replace(microsecond=0)
    token, claims = course.ticket(
        **{"from": iso(now - timedelta(hours=1)), "until": iso(now + timedelta(hours=1))}
    )
    times = {
        "started": iso(now - timedelta(minutes=12)),
        "submitted": iso(now - timedelta(minutes=2)),
    }
    assert flags(course, tmp_path, capsys, course.ticketed(token, claims, **times)) == []


@pytest.mark.parametrize(
    "extra, finding",
    [
        (0, ["took 24.0 min, over the 20 min limit"]),
        (2, ["took 24.0 min, over the 22 min limit (20 + 2 extra)"]),
        (5, []),
        (7.5, []),
    ],
)
def test_the_time_limit_counts_the_tickets_extra_minutes(course, tmp_path, capsys, extra, finding):
    token, claims = course.ticket(extra_minutes=extra)
    times = {
        "started": iso(NOW - timedelta(minutes=25)),
        "submitted": iso(NOW - timedelta(minutes=1)),
    }
    assert flags(course, tmp_path, capsys, course.ticketed(token, claims, **times)) == finding


def test_a_ticket_used_twice_is_flagged_in_both(course, tmp_path, capsys):
    token, claims = course.ticket()
    first = course.ticketed(token, claims)
    again = course.ticketed(
        token,
        claims,
        started=iso(NOW - timedelta(minutes=9)),
        submitted=iso(NOW - timedelta(minutes=1)),
    )
    other_token, other_claims = course.ticket(candidate=("c3", "Cy Park"))
    rows = grade(
        course, tmp_path, capsys,
        {"one.json": first, "two.json": again, "cy.json": course.ticketed(other_token, other_claims)},
    )  # fmt: skip
    assert rows["one.json"]["flags"] == [
        f"the same ticket as {tmp_path / 'two.json'}: a ticket is for one attempt"
    ]
    assert rows["two.json"]["flags"] == [
        f"the same ticket as {tmp_path / 'one.json'}: a ticket is for one attempt"
    ]
    assert rows["cy.json"]["flags"] == []


def answered(course, person: tuple[str, str], minutes: int, **answers: str) -> dict:
    """An exam attempt with its own ticket; ``answers`` replace the gold choice of some tasks."""
    token, claims = course.ticket(candidate=person)
    times = {
        "started": iso(NOW - timedelta(minutes=minutes + 10)),
        "submitted": iso(NOW - timedelta(minutes=minutes)),
    }
    attempt = course.ticketed(token, claims, **times)
    attempt["responses"] = {
        task: {"choice": answers[task]} if task in answers else GOLD[task]
        for task in attempt["tasks"]
    }
    return attempt


def test_two_candidates_sharing_unusual_wrong_answers(course, tmp_path, capsys):
    rows = grade(
        course, tmp_path, capsys,
        {
            "ana.json": answered(course, ("a1", "Ana"), 1, f1="No", f2="Maybe"),
            "ben.json": answered(course, ("b2", "Ben"), 2, f1="No", f2="Maybe"),
            "cy.json": answered(course, ("c3", "Cy"), 3),
            "dee.json": answered(course, ("d4", "Dee"), 4),
            # A common mistake (three people) and a lone one are not unusual pairs.
            "eve.json": answered(course, ("e5", "Eve"), 5, f3="Yes", f1="Maybe"),
            "fay.json": answered(course, ("f6", "Fay"), 6, f3="Yes"),
            "gus.json": answered(course, ("g7", "Gus"), 7, f3="Yes"),
        },
    )  # fmt: skip
    assert rows["ana.json"]["flags"] == [
        f"2 wrong answers that only {tmp_path / 'ben.json'} (Ben) gave too (tasks f1, f2): "
        "answers shared or copied"
    ]
    assert rows["ben.json"]["flags"] == [
        f"2 wrong answers that only {tmp_path / 'ana.json'} (Ana) gave too (tasks f1, f2): "
        "answers shared or copied"
    ]
    # Cy and Dee are both simply right: never flagged for agreeing.
    for name in ("cy.json", "dee.json", "eve.json", "fay.json", "gus.json"):
        assert rows[name]["flags"] == [], (name, rows[name]["flags"])


def test_one_shared_wrong_answer_is_not_enough(course, tmp_path, capsys):
    rows = grade(
        course, tmp_path, capsys,
        {
            "ana.json": answered(course, ("a1", "Ana"), 1, f1="No"),
            "ben.json": answered(course, ("b2", "Ben"), 2, f1="No"),
            "cy.json": answered(course, ("c3", "Cy"), 3),
        },
    )  # fmt: skip
    assert all(row["flags"] == [] for row in rows.values())


def _attempt(path: str, responses: dict) -> Attempt:
    """An attempt of its own (its own seed: no copy of another), answering ``responses``."""
    return Attempt(
        path=path, site="s", quiz="q", quiz_version="v", seed=len(path) * 1000 + ord(path[0]),
        started=NOW, submitted=NOW, tasks=list(responses), responses=responses,
        candidate={"name": path},
    )  # fmt: skip


def test_identical_free_text_that_is_not_gold_is_shared():
    typo = {"t1": {"text": "the shop closes at sicks"}, "t2": {"text": "until to night"}}
    right = {"t1": {"text": "The shop closes at six."}, "t2": {"text": "Until tonight."}}
    graded = [
        (_attempt("ana", typo), {"t1": 0.6, "t2": 0.5}),
        (_attempt("ben", typo), {"t1": 0.6, "t2": 0.5}),
        # Same text, right in a form the normalisation forgives: full marks, never counted.
        (_attempt("cy", right), {"t1": 1.0, "t2": 1.0}),
        (_attempt("dee", right), {"t1": 1.0, "t2": 1.0}),
        (_attempt("eve", {"t1": {"text": ""}, "t2": None}), {"t1": 0.0, "t2": 0.0}),
        (_attempt("fay", {"t1": {"text": ""}, "t2": None}), {"t1": 0.0, "t2": 0.0}),
    ]
    found = shared_wrong_answers(graded)
    assert sorted(found) == ["ana", "ben"]  # blank answers are no shared answer
    assert found["ana"] == [
        "2 wrong answers that only ben (ben) gave too (tasks t1, t2): answers shared or copied"
    ]


def test_with_only_two_attempts_nothing_is_unusual():
    typo = {"t1": {"text": "sicks"}, "t2": {"text": "to night"}}
    graded = [(_attempt(n, typo), {"t1": 0.5, "t2": 0.5}) for n in ("ana", "ben")]
    assert shared_wrong_answers(graded) == {}


def test_a_public_key_that_cannot_be_read_stops_grading(tmp_path, capsys):
    site = GradeCourse(tmp_path / "site", keyed=True)
    config = site.config.read_text().replace("keys/trainer.pub.pem", "keys/missing.pub.pem")
    site.config.write_text(config)
    site.write(tmp_path / "a.json", site.attempt("final"))
    assert main(site.args(tmp_path / "a.json")) == 1
    line = next(i for i, text in enumerate(config.splitlines(), 1) if "public_key:" in text)
    assert f"mkdocs.yml:{line}: public_key: public key file 'keys/missing.pub.pem' not found" in (
        capsys.readouterr().err
    )
