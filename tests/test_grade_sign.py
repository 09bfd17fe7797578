"""`annotrain grade --sign` issues credentials; `annotrain verify` checks them offline."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest
from bs4 import BeautifulSoup

from annotrain.commands.cli import main
from annotrain.commands.issuing import Period, period
from annotrain.messages import catalog
from annotrain.signing.credentials import credential_hash

from .credentialcourse import KeyedCourse, add_earlier_key, claims_of, forged
from .gradecourse import report

ENGLISH = catalog("en")


@pytest.fixture
def course(tmp_path):
    return KeyedCourse(tmp_path)


def sign(course: KeyedCourse, *extra, attempts=None) -> int:
    return main(course.args(attempts or course.root / "attempts", "--sign", course.key, *extra))


def credential(course: KeyedCourse, stem: str = "ana-lima-final") -> str:
    path = course.root / "attempts" / "credentials" / f"{stem}-credential.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "annotrain-credential/1"
    return data["credential"]


def verify(course: KeyedCourse, *argv) -> int:
    return main(["verify", *map(str, argv), "--config", str(course.config)])


def test_a_passed_exam_gets_a_credential_that_verifies(course, capsys):
    course.write_attempt(course.root / "attempts", "ana", course.exam_attempt())
    assert sign(course, "--valid-for", "2y", "--issuer", "Harbour Data Academy") == 0
    out = capsys.readouterr().out
    token = credential(course)
    digest = credential_hash(token)
    assert f"(credential {digest})" in out
    rows = report(course.root / "attempts" / "annotrain-grades")["attempts"]
    assert [row["credential"] for row in rows] == [digest]
    csv_text = (course.root / "attempts" / "annotrain-grades.csv").read_text(encoding="utf-8")
    assert digest in csv_text
    claims = claims_of(token)
    attempt_bytes = (course.root / "attempts" / "ana.json").read_bytes()
    assert claims["typ"] == "annotrain-credential/1"
    assert claims["candidate"] == {"id": "c-0042", "name": "Ana Lima"}
    assert claims["quiz"] == {
        "id": "final",
        "title": "Final",
        "version": course.quizzes["final"].public_version,
    }
    assert (claims["score"], claims["passed"], claims["issuer"]) == (
        1.0,
        True,
        "Harbour Data Academy",
    )
    assert claims["course"] == "Tiny course" and claims["site"] == course.site
    assert claims["site_url"] == course.site_url
    import hashlib

    assert claims["attempt"] == hashlib.sha256(attempt_bytes).hexdigest()
    issued = datetime.fromisoformat(claims["issued"].replace("Z", "+00:00"))
    expires = datetime.fromisoformat(claims["expires"].replace("Z", "+00:00"))
    assert expires == issued.replace(year=issued.year + 2)
    assert claims["ticket"] and len(claims["ticket"]) == 32

    assert (
        verify(course, course.root / "attempts" / "credentials" / "ana-lima-final-credential.json")
        == 0
    )
    out = capsys.readouterr().out
    assert out.startswith("VALID credential\n")
    assert "candidate  Ana Lima (id c-0042)" in out
    assert "score      100%, passed" in out
    assert "issuer     Harbour Data Academy (Tiny course)" in out
    assert f"expires    {claims['expires']}" in out
    assert f"hash: {digest}" in out


def test_the_certificate_prints_the_credential_and_its_link(course, capsys):
    course.write_attempt(
        course.root / "attempts", "zoe", course.exam_attempt(name="Zoë <b>O’Brien</b>")
    )
    assert sign(course) == 0
    token = credential(course, "zoë-b-o-brien-b-final")
    path = course.root / "attempts" / "credentials" / "zoë-b-o-brien-b-final-certificate.html"
    html = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    assert html.select_one('meta[name="viewport"]')["content"].startswith("width=device-width")
    assert html.select_one('meta[name="annotrain-credential"]')["content"] == token
    assert html.select_one(".name").get_text() == "Zoë <b>O’Brien</b>"  # text, never markup
    assert html.select_one("b") is None
    link = html.select_one(".check a")
    assert link["href"] == f"{course.site_url}verify/#credential={token}"
    assert html.select_one(".token").get_text() == token
    text = html.get_text(" ")
    for words in (
        "Tiny course",
        "Final",
        "100%",
        ENGLISH["credential_never"],
        credential_hash(token),
    ):
        assert words in text
    # The certificate itself verifies, and so does its link.
    assert verify(course, path) == 0
    assert verify(course, link["href"]) == 0
    assert capsys.readouterr().out.count("VALID credential") == 2


def test_the_verify_link_follows_the_page_that_shows_the_panel(course):
    (course.root / "docs" / "verify.md").unlink()
    (course.root / "docs" / "checks").mkdir()
    (course.root / "docs" / "checks" / "index.md").write_text(
        "# Checks\n\n```annotrain\nshow: verify\n```\n", encoding="utf-8"
    )
    course.write_attempt(course.root / "attempts", "ana", course.exam_attempt())
    assert sign(course) == 0
    path = course.root / "attempts" / "credentials" / "ana-lima-final-certificate.html"
    link = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one(".check a")
    assert link["href"].startswith(f"{course.site_url}checks/#credential=")


def test_without_a_verify_page_the_link_is_verify_and_the_trainer_is_told(course, capsys):
    (course.root / "docs" / "verify.md").unlink()
    course.write_attempt(course.root / "attempts", "ana", course.exam_attempt())
    assert sign(course) == 0
    assert f"the certificates link to {course.site_url}verify/" in capsys.readouterr().out


def test_flagged_passes_are_not_signed_unless_asked(course, capsys):
    now = datetime.now(timezone.utc).replace(microsecond=0)
    slow = course.exam_attempt(started=(now - timedelta(minutes=45)).strftime("%Y-%m-%dT%H:%M:%SZ"))
    course.write_attempt(course.root / "attempts", "ana", slow)
    assert sign(course) == 0
    out = capsys.readouterr().out
    assert "not signed: Ana Lima (final, ana.json): it has findings (took " in out
    assert "--sign-flagged signs it anyway" in out
    assert not (course.root / "attempts" / "credentials").exists()
    rows = report(course.root / "attempts" / "annotrain-grades")["attempts"]
    assert rows[0]["passed"] is True and rows[0]["flags"] and rows[0]["credential"] is None

    assert sign(course, "--sign-flagged") == 0
    assert claims_of(credential(course))["candidate"]["name"] == "Ana Lima"


def test_self_check_passes_and_failures_are_not_signed(course, capsys):
    course.write_attempt(course.root / "attempts", "check", course.attempt("check"))
    failing = course.exam_attempt(name="Ben Okafor", seed=9, responses={"f1": {"choice": "No"}})
    course.write_attempt(course.root / "attempts", "ben", failing)
    assert sign(course) == 0
    out = capsys.readouterr().out
    assert "not signed: Ana Lima (check, check.json): the quiz is in quiz mode" in out
    said = [line for line in out.splitlines() if line.startswith(("issued:", "not signed:"))]
    assert not [line for line in said if "Ben Okafor" in line]  # a fail is no news
    assert not (course.root / "attempts" / "credentials").exists()


def test_an_attempt_whose_ticket_another_key_signed_is_not_signed(course, capsys):
    from cryptography.hazmat.primitives import serialization

    from annotrain.signing.keys import new_key_pair

    stranger = serialization.load_pem_private_key(new_key_pair()[0], password=None)
    attempt = course.exam_attempt(ticket=course.ticket(private_key=stranger))
    course.write_attempt(course.root / "attempts", "ana", attempt)
    assert sign(course, "--sign-flagged") == 0
    out = capsys.readouterr().out
    assert "the ticket does not open" in out  # grade's finding: --sign-flagged cannot sign it
    assert (
        "not signed: Ana Lima (final, ana.json): its ticket does not open (signed with a key "
        "this site does not know)"
    ) in out
    assert not (course.root / "attempts" / "credentials").exists()


def test_a_key_that_is_not_the_sites_is_refused(course, capsys, tmp_path):
    from annotrain.signing.keys import new_key_pair

    other = tmp_path / "other.pem"
    other.write_bytes(new_key_pair()[0])
    course.write_attempt(course.root / "attempts", "ana", course.exam_attempt())
    assert main(course.args(course.root / "attempts", "--sign", other)) == 2
    err = capsys.readouterr().err
    assert f"{other} does not match the site's public_key in mkdocs.yml" in err
    assert "the site could not verify the credentials it signs" in err
    assert not (course.root / "attempts" / "annotrain-grades.json").exists()


def test_the_earlier_key_is_refused_for_signing(course, capsys, tmp_path):
    from cryptography.hazmat.primitives import serialization

    earlier = add_earlier_key(course)
    key = tmp_path / "old.pem"
    key.write_bytes(
        earlier.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    assert main(course.args(course.root / "attempts", "--sign", key)) == 2
    assert "is an earlier key of this site, used until 2025-06-30" in capsys.readouterr().err


def test_a_site_without_a_public_key_cannot_sign(course, capsys):
    text = course.config.read_text().replace(
        "      public_key: keys/trainer.pub.pem\n", "      site_id: tiny\n"
    )
    course.config.write_text(text)
    assert main(course.args(course.root / "attempts", "--sign", course.key)) == 2
    assert "mkdocs.yml sets no public_key: the site could not verify" in capsys.readouterr().err


@pytest.mark.parametrize("option", [["--sign-flagged"], ["--valid-for", "2y"], ["--issuer", "X"]])
def test_signing_options_need_sign(course, capsys, option):
    assert main(course.args(course.root / "attempts", *option)) == 2
    assert "only work with --sign KEY.pem" in capsys.readouterr().err


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("2y", "2026-12-08T09:00:00", "2028-12-08T09:00:00"),
        ("730d", "2026-12-08T09:00:00", "2028-12-07T09:00:00"),
        ("1m", "2027-01-31T09:00:00", "2027-02-28T09:00:00"),
        ("1y", "2028-02-29T09:00:00", "2029-02-28T09:00:00"),
        ("2W", "2026-12-08T09:00:00", "2026-12-22T09:00:00"),
    ],
)
def test_valid_for_periods(text, start, end):
    assert period(text).after(datetime.fromisoformat(start)) == datetime.fromisoformat(end)


@pytest.mark.parametrize("text", ["0d", "2 years", "y", "1x", "1.5y"])
def test_a_bad_period_is_a_usage_error(course, capsys, text):
    with pytest.raises(SystemExit) as info:
        main(course.args(course.root / "attempts", "--sign", course.key, "--valid-for", text))
    assert info.value.code == 2
    assert "is not a period: give a whole number and d, w, m or y" in capsys.readouterr().err
    assert Period(1, "d").after(datetime(2026, 1, 1)) == datetime(2026, 1, 2)


# --- annotrain verify -----------------------------------------------------------


@pytest.fixture
def issued(course, capsys):
    """The course with an earlier key, Ana's credential issued and Ben's issued and revoked."""
    earlier = add_earlier_key(course)
    course.write_attempt(course.root / "attempts", "ana", course.exam_attempt())
    course.write_attempt(
        course.root / "attempts", "ben", course.exam_attempt(name="Ben Okafor", seed=8)
    )
    assert sign(course) == 0
    revoked = credential(course, "ben-okafor-final")
    (course.root / "revoked.txt").write_text(
        f"# Ben's was issued by mistake\n{credential_hash(revoked)}\n", encoding="utf-8"
    )
    capsys.readouterr()
    return credential(course), revoked, earlier


def test_forged_expired_revoked_and_retired_credentials_fail_with_their_reason(
    course, issued, capsys
):
    valid, revoked, earlier = issued
    cases = forged(course, valid, earlier)
    cases["revoked"] = (revoked, "revoked", {})
    for name, (token, reason, params) in cases.items():
        assert verify(course, token) == 1, name
        out = capsys.readouterr().out
        words = ENGLISH[f"verify_reason_{reason}"].format(**params)
        assert out.startswith(f"NOT VALID: {words}\n"), (name, out)
        assert f"hash: {credential_hash(token)}" in out


def test_an_earlier_key_verifies_up_to_its_last_day(course, issued, capsys):
    from annotrain.signing.tokens import sign as sign_claims

    valid, _, earlier = issued
    claims = {k: v for k, v in claims_of(valid).items() if k != "key"}
    on_the_day = sign_claims({**claims, "issued": "2025-06-30T23:59:59Z"}, earlier)
    assert verify(course, on_the_day) == 0
    assert "(an earlier key)" in capsys.readouterr().out


def test_verify_takes_a_key_a_revocation_list_and_stdin(
    course, issued, capsys, monkeypatch, tmp_path
):
    import io

    valid, revoked, _ = issued
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    monkeypatch.chdir(outside)
    public = course.public_b64
    argv = ["verify", valid, "--key", public, "--config", str(outside / "mkdocs.yml")]
    assert main(argv) == 0
    listed = outside / "list.txt"
    listed.write_text(credential_hash(valid) + "\n")
    assert main([*argv, "--revoked", str(listed)]) == 1
    assert "NOT VALID: It was revoked by the issuer." in capsys.readouterr().out
    monkeypatch.setattr(
        "sys.stdin", io.StringIO(f"see https://x.example/verify/#credential={revoked}\n")
    )
    assert verify(course, "-") == 1  # the course's revoked.txt
    assert "revoked by the issuer" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv, message",
    [
        (["missing.json"], "missing.json: no such file; give a credential file"),
        (["x", "--key", "nope!"], "--key: the value is neither a file nor the base64 text"),
        (["x", "--revoked", "none.txt"], "--revoked none.txt: no such file"),
    ],
)
def test_verify_usage_errors(course, capsys, argv, message):
    assert verify(course, *argv) == 2
    assert message in capsys.readouterr().err


def test_verify_without_keys_says_how_to_give_them(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["verify", "a" * 400]) == 2
    assert "no keys to check with: give --key PUBLIC" in capsys.readouterr().err


def test_verify_escapes_what_it_prints(course, capsys):
    course.write_attempt(
        course.root / "attempts", "eve", course.exam_attempt(name="Eve\x1b[2J\u202e")
    )
    assert sign(course) == 0
    capsys.readouterr()
    token = next((course.root / "attempts" / "credentials").glob("*-credential.json"))
    assert verify(course, token) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out
    assert "candidate  Eve\\x1b[2J\\u202e (id c-0042)" in out
