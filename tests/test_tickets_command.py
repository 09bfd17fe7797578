"""`annotrain tickets`: signed tickets from a candidates' CSV, their claims and links, and
every refusal (a bad list at file:line, a quiz that is no exam, a key the site does not
publish, an output that exists)."""

from __future__ import annotations

import csv
import stat
from pathlib import Path

import pytest

from annotrain.commands.cli import main
from annotrain.course.sitefiles import SiteLayout
from annotrain.grading.quiz import draw
from annotrain.signing.keys import key_id, new_key_pair, raw_public_key
from annotrain.signing.tickets import parse_when
from annotrain.signing.tokens import open_token

from .gradecourse import SITE_URL, GradeCourse


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    return GradeCourse(tmp_path_factory.mktemp("keyed-course"), keyed=True)


@pytest.fixture(scope="module")
def site_keys(course):
    raw = raw_public_key((course.root / "keys" / "trainer.pub.pem").read_text(), "public key")
    return {key_id(raw): raw}


def issue(course, tmp_path, text: str | bytes, *options: str) -> tuple[int, Path]:
    """Run `annotrain tickets` on a list holding ``text``; (exit status, the output path)."""
    listing = tmp_path / "cohort.csv"
    listing.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    out = tmp_path / "out" / "tickets.csv"
    argv = ["--candidates", listing, "--key", course.key_file, "--out", out, *options]
    return main(course.args("final", *argv, command="tickets")), out


def rows(out: Path) -> list[dict]:
    with out.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


COHORT = """\
ID,Name,Email,Extra_Minutes,team
a1,Ana Lima,ana@example.org,,north
b2,=HYPERLINK("x"),,7.5,south
"c3","Chen, Wei",chen@example.org,10,north
"""


def test_tickets_open_with_the_site_key_and_carry_the_claims(course, site_keys, tmp_path, capsys):
    status, out = issue(
        course, tmp_path, COHORT, "--attempts", "2", "--from", "2026-12-07",
        "--until", "2026-12-07T18:00+01:00",
    )  # fmt: skip
    assert status == 0, capsys.readouterr().err
    summary = capsys.readouterr().out
    assert "Issued 6 tickets for quiz 'final'" in summary and "3 candidates" in summary
    assert f"Links open {SITE_URL}exam/" in summary
    assert stat.S_IMODE(out.stat().st_mode) == 0o600  # the tickets are for their candidates only
    table = rows(out)
    assert list(table[0]) == ["id", "name", "email", "attempt", "ticket_id", "link", "ticket"]
    assert [(r["id"], r["attempt"]) for r in table] == [
        ("a1", "1"), ("a1", "2"), ("b2", "1"), ("b2", "2"), ("c3", "1"), ("c3", "2"),
    ]  # fmt: skip
    version = course.quizzes["final"].public_version
    seeds = set()
    for row, (number, name, extra) in zip(
        table,
        [("a1", "Ana Lima", 0)] * 2
        + [("b2", '=HYPERLINK("x")', 7.5)] * 2
        + [("c3", "Chen, Wei", 10)] * 2,
        strict=True,
    ):
        claims = open_token(row["ticket"], site_keys)
        assert row["link"] == f"{SITE_URL}exam/#ticket={row['ticket']}"
        assert row["ticket_id"] == claims["id"] and len(claims["id"]) == 32
        assert claims == {
            "typ": "annotrain-ticket/1",
            "id": claims["id"],
            "site": course.site,
            "quiz": "final",
            "version": version,
            "candidate": {"id": number, "name": name},
            "attempt": int(row["attempt"]),
            "seed": claims["seed"],
            "from": "2026-12-07T00:00:00Z",
            "until": "2026-12-07T17:00:00Z",
            "extra_minutes": extra,
            "issued": claims["issued"],
            "key": next(iter(site_keys)),
        }
        assert 0 <= claims["seed"] < 2**32 and draw(course.quizzes["final"], claims["seed"])
        seeds.add(claims["seed"])
    assert len(seeds) == 6  # each ticket draws its own attempt
    assert len({row["ticket_id"] for row in table}) == 6
    # A name a spreadsheet would run is neutralised in the CSV, kept in the ticket.
    assert table[2]["name"] == '\'=HYPERLINK("x")'
    assert table[0]["email"] == "ana@example.org" and table[2]["email"] == ""


def test_a_date_alone_is_the_whole_day_in_utc(course, site_keys, tmp_path, capsys):
    status, out = issue(course, tmp_path, "id,name\na1,Ana\n", "--until", "2026-12-08")
    assert status == 0, capsys.readouterr().err
    claims = open_token(rows(out)[0]["ticket"], site_keys)
    assert claims["from"] is None and claims["until"] == "2026-12-08T23:59:59Z"
    assert claims["attempt"] == 1 and claims["extra_minutes"] == 0


@pytest.mark.parametrize(
    "text, given, end_of_day",
    [
        ("2026-12-07T09:30:00Z", "2026-12-07T09:30:00Z", False),
        ("2026-12-07T09:30+02:00", "2026-12-07T07:30:00Z", True),
        ("2026-12-07", "2026-12-07T00:00:00Z", False),
        ("2026-12-07", "2026-12-07T23:59:59Z", True),
    ],
)
def test_dates_and_times(text, given, end_of_day):
    assert parse_when(text, end_of_day).strftime("%Y-%m-%dT%H:%M:%SZ") == given


@pytest.mark.parametrize(
    "text, message",
    [
        ("2026-12-07T09:30", "has no time zone"),
        ("07/12/2026", "is not a date (YYYY-MM-DD) or a time with its zone"),
    ],
)
def test_a_time_without_a_zone_is_a_usage_error(course, tmp_path, capsys, text, message):
    with pytest.raises(SystemExit) as usage:
        issue(course, tmp_path, "id,name\na1,Ana\n", "--from", text)
    assert usage.value.code == 2
    assert message in capsys.readouterr().err


def test_until_before_from_is_refused(course, tmp_path, capsys):
    status, out = issue(
        course, tmp_path, "id,name\na1,Ana\n", "--from", "2026-12-08", "--until", "2026-12-07"
    )
    assert status == 2 and not out.exists()
    assert "--until 2026-12-07T23:59:59Z is before --from 2026-12-08T00:00:00Z" in (
        capsys.readouterr().err
    )


@pytest.mark.parametrize(
    "text, line, message",
    [
        ("id,email\na1,a@example.org\n", 1, "no column 'name': the first line names the columns"),
        ("id,name,name\na1,Ana,Ana\n", 1, "the column 'name' twice"),
        ("id,name\na1,Ana\nb2,Ben\na1,Al\n", 4, "the id 'a1' is already on line 2"),
        ('id,name,notes\na1,Ana,"two\nlines"\n\na1,Al,\n', 5, "the id 'a1' is already on line 2"),
        ("id,name,extra_minutes\na1,Ana,ten\n", 2, "extra_minutes 'ten' is not a number of minutes"),
        ("id,name,extra_minutes\na1,Ana,-5\n", 2, "extra_minutes '-5' is not a number of minutes"),
        ("id,name,extra_minutes\na1,Ana,99999\n", 2, "extra_minutes '99999' is not a number"),
        ("id,name\na1,\n", 2, "no name: every candidate needs one"),
        ("id,name\n,Ana\n", 2, "no id: every candidate needs one"),
        ("id,name\na1,Ana,extra\n", 2, "3 cells, but the header names 2 columns"),
        ("id,name\na1,Ana\x1b[2J\n", 2, "the name holds a control character"),
        (b"id,name\na1,Ana\nb2,Ren\xe9\n", 3, "not UTF-8 text: save the list as CSV UTF-8"),
        ("id,name\n", None, "no candidates below the header line"),
        ("", None, "empty: no header line, no candidates"),
    ],
)  # fmt: skip
def test_a_bad_list_is_refused_at_its_line(course, tmp_path, capsys, text, line, message):
    status, out = issue(course, tmp_path, text)
    err = capsys.readouterr().err
    assert status == 1 and not out.exists()
    where = str(tmp_path / "cohort.csv") + ("" if line is None else f":{line}")
    assert f"error: {where}: {message}" in err, err
    assert "no tickets issued; fix the list first" in err
    assert "Traceback" not in err


def test_every_problem_of_a_list_is_listed(course, tmp_path, capsys):
    status, _ = issue(course, tmp_path, "id,name,extra_minutes\na1,,x\nb2,Ben,5\nb2,Bo,\n")
    err = capsys.readouterr().err
    assert status == 1
    assert ":2: no name" in err and ":2: extra_minutes 'x'" in err and ":4: the id 'b2'" in err


def test_a_huge_list_is_refused_unread(course, tmp_path, capsys):
    listing = tmp_path / "huge.csv"
    with listing.open("wb") as handle:
        handle.truncate(11 * 1024 * 1024)
    argv = ["final", "--candidates", listing, "--key", course.key_file]
    assert main(course.args(*argv, command="tickets")) == 1
    assert f"{listing}: a list of candidates is 11 MB; files over 10 MB are refused" in (
        capsys.readouterr().err
    )


def test_only_an_exam_takes_tickets(course, tmp_path, capsys):
    listing = tmp_path / "cohort.csv"
    listing.write_text("id,name\na1,Ana\n")
    argv = ["check", "--candidates", listing, "--key", course.key_file]
    assert main(course.args(*argv, command="tickets")) == 1
    assert "quiz 'check' is in quiz mode: tickets are for exam-mode quizzes" in (
        capsys.readouterr().err
    )
    argv[0] = "finale"
    assert main(course.args(*argv, command="tickets")) == 1
    assert "no quiz 'finale' in this course; quizzes: check, final" in capsys.readouterr().err
    assert not (tmp_path / "check-tickets.csv").exists()


def test_a_key_the_site_does_not_publish_is_refused(course, tmp_path, capsys):
    other = tmp_path / "other.pem"
    other.write_bytes(new_key_pair()[0])
    listing = tmp_path / "cohort.csv"
    listing.write_text("id,name\na1,Ana\n")
    argv = ["final", "--candidates", listing, "--key", other]
    assert main(course.args(*argv, command="tickets")) == 1
    assert f"{other} is not the private key of the site's public_key" in capsys.readouterr().err
    argv[-1] = course.root / "keys" / "trainer.pub.pem"
    assert main(course.args(*argv, command="tickets")) == 1
    assert "not an unencrypted PEM private key" in capsys.readouterr().err
    assert not (tmp_path / "final-tickets.csv").exists()


def test_a_site_without_a_public_key_is_refused(tmp_path, capsys):
    plain = GradeCourse(tmp_path / "plain")
    key = tmp_path / "trainer.pem"
    key.write_bytes(new_key_pair()[0])
    listing = tmp_path / "cohort.csv"
    listing.write_text("id,name\na1,Ana\n")
    argv = ["final", "--candidates", listing, "--key", key]
    assert main(plain.args(*argv, command="tickets")) == 1
    assert "mkdocs.yml sets no public_key for the annotrain plugin" in capsys.readouterr().err


def test_tickets_already_written_are_never_replaced(course, tmp_path, capsys):
    status, out = issue(course, tmp_path, "id,name\na1,Ana\n")
    assert status == 0
    first = out.read_bytes()
    status, _ = issue(course, tmp_path, "id,name\na1,Ana\n")
    assert status == 1
    assert f"{out} already exists: it may hold tickets already sent" in capsys.readouterr().err
    assert out.read_bytes() == first


def test_the_default_output_is_beside_the_list(course, tmp_path, capsys):
    listing = tmp_path / "cohort.csv"
    listing.write_text("id,name\na1,Ana\n")
    argv = ["final", "--candidates", listing, "--key", course.key_file]
    assert main(course.args(*argv, command="tickets")) == 0
    assert (tmp_path / "final-tickets.csv").is_file()
    assert f"Wrote {tmp_path / 'final-tickets.csv'}." in capsys.readouterr().out
    (tmp_path / "mail").mkdir()
    assert main(course.args(*argv, "--out", tmp_path / "mail", command="tickets")) == 0
    assert (tmp_path / "mail" / "final-tickets.csv").is_file()


def test_the_links_follow_site_url_and_use_directory_urls(tmp_path, capsys):
    site = GradeCourse(tmp_path / "site", keyed=True)
    config = site.config.read_text().replace(
        f"site_url: {SITE_URL}", "site_url: https://example.org/course\nuse_directory_urls: false"
    )
    site.config.write_text(config)
    listing = tmp_path / "cohort.csv"
    listing.write_text("id,name\na1,Ana\n")
    argv = ["final", "--candidates", listing, "--key", site.key_file]
    assert main(site.args(*argv, command="tickets")) == 0, capsys.readouterr().err
    (row,) = rows(tmp_path / "final-tickets.csv")
    assert row["link"] == f"https://example.org/course/exam.html#ticket={row['ticket']}"
    site.config.write_text(config.replace("site_url: https://example.org/course\n", ""))
    assert main(site.args(*argv, "--out", tmp_path / "again.csv", command="tickets")) == 1
    assert "mkdocs.yml has no site_url" in capsys.readouterr().err


@pytest.mark.parametrize(
    "source, directory_urls, url",
    [
        ("index.md", True, ""),
        ("exam.md", True, "exam/"),
        ("week 1/exam.md", True, "week%201/exam/"),
        ("final/index.md", True, "final/"),
        ("final/README.md", True, "final/"),
        ("index.md", False, "index.html"),
        ("exam.md", False, "exam.html"),
        ("final/README.md", False, "final/index.html"),
    ],
)
def test_page_urls_are_those_mkdocs_makes(tmp_path, source, directory_urls, url):
    layout = SiteLayout(
        root=tmp_path, docs_dir=tmp_path / "docs", rubrics=tmp_path, quizzes_dir=tmp_path,
        use_directory_urls=directory_urls,
    )  # fmt: skip
    assert layout.page_url(tmp_path / "docs" / source) == url


def test_a_quiz_no_page_places_has_no_link(tmp_path, capsys):
    site = GradeCourse(tmp_path / "site", keyed=True)
    (site.root / "docs" / "exam.md").write_text("# The exam moved\n")
    listing = tmp_path / "cohort.csv"
    listing.write_text("id,name\na1,Ana\n")
    argv = ["final", "--candidates", listing, "--key", site.key_file]
    assert main(site.args(*argv, command="tickets")) == 1
    assert "no page places quiz 'final': add a block holding 'quiz: final'" in (
        capsys.readouterr().err
    )
