"""``annotrain validate`` reports what the build reports, for the course and for tiny sites;
the command-line guide documents the options the commands have."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from annotrain.commands.cli import build_parser, main
from annotrain.commands.grade import CSV_COLUMNS
from annotrain.commands.tickets import OUTPUT_COLUMNS
from annotrain.messages import catalog
from annotrain.signing.credentials import REASONS

from .conftest import ROOT
from .sites import CHOICE, Site


def test_flagship_course_validates(capsys):
    assert main(["validate", "--config", str(ROOT / "mkdocs.yml")]) == 0
    out = capsys.readouterr().out
    count = int(re.search(r"OK: (\d+) exercises", out).group(1))
    assert count >= 10


def test_errors_are_listed_with_file_and_line(tmp_path, capsys):
    bad = CHOICE.format(id="q1").replace("gold: {choice: Positive}", "gold: {choice: Postive}")
    Site(tmp_path, {"index.md": "# Home\n\n" + bad, "other.md": CHOICE.format(id="q1")})
    code = main(["validate", "--config", str(tmp_path / "mkdocs.yml")])
    err = capsys.readouterr().err
    assert code == 1
    assert (
        "docs/index.md:11: gold choice the text 'Postive' is not among the labels (did you mean 'Positive'?)"
        in err
    )
    assert "1 error found." in err


def test_duplicate_ids_across_files(tmp_path, capsys):
    Site(tmp_path, {"a.md": CHOICE.format(id="q1"), "b.md": CHOICE.format(id="q1")})
    assert main(["validate", "--config", str(tmp_path / "mkdocs.yml")]) == 1
    assert (
        "docs/b.md:2: duplicate exercise id 'q1': already used at docs/a.md:2"
        in capsys.readouterr().err
    )


def test_json_format_and_paths(tmp_path, capsys):
    bad = CHOICE.format(id="q1").replace("type: choice", "type: boxes")
    Site(tmp_path, {"week/a.md": bad, "b.md": CHOICE.format(id="q2")})
    code = main(
        [
            "validate",
            str(tmp_path / "docs" / "week"),
            "--config",
            str(tmp_path / "mkdocs.yml"),
            "--format",
            "json",
        ]
    )
    report = json.loads(capsys.readouterr().out)
    assert code == 1
    assert report["ok"] is False and report["files"] == 1
    assert report["errors"][0]["path"] == "docs/week/a.md" and report["errors"][0]["line"] == 2
    assert "unknown exercise type" in report["errors"][0]["message"]


def test_missing_config_is_a_clear_error(tmp_path, capsys):
    assert main(["validate", "--config", str(tmp_path / "nope.yml")]) == 1
    assert (
        "nope.yml: no such file; run in the folder of your mkdocs.yml or pass --config"
        in capsys.readouterr().err
    )


def test_console_script_help_has_examples():
    result = subprocess.run(
        [sys.executable, "-m", "annotrain", "validate", "--help"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0
    assert "annotrain validate course/week-1" in result.stdout


def test_readme_test_command_is_what_ci_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Run the tests", 1)[1]
    command = re.search(r"```sh\n(.+?)\n```", section, re.S).group(1).strip()
    assert command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def _guide_section(title: str) -> str:
    guide = (ROOT / "course" / "trainer" / "command-line.md").read_text(encoding="utf-8")
    return guide.split(f"## `{title}`", 1)[1].split("\n## ", 1)[0]


def _long_options(command: list[str]) -> set[str]:
    parser = build_parser()
    for name in command:
        action = next(a for a in parser._actions if a.dest in ("command", "source", "what"))
        parser = action.choices[name]
    return {o for a in parser._actions for o in a.option_strings if o.startswith("--")} - {"--help"}


def test_the_guide_documents_every_option_of_grade():
    section = _guide_section("annotrain grade")
    options = _long_options(["grade"])
    assert options == {
        "--quiz",
        "--output",
        "--max-bytes",
        "--config",
        "--sign",
        "--sign-flagged",
        "--valid-for",
        "--issuer",
        "--forgive",
        "--before",
        "--lrs",
    }
    for option in options:
        assert f"`{option}" in section, option
    assert "**Exit status**: 0 when every file was graded, 1 when some file could not be" in section
    # Every column of the CSV is explained.
    for column in CSV_COLUMNS:
        assert f"`{column}`" in section, column


def test_the_guide_documents_every_option_of_report():
    section = _guide_section("annotrain report")
    options = _long_options(["report"])
    assert options == {
        "--output",
        "--json",
        "--csv",
        "--quiz",
        "--forgive",
        "--max-bytes",
        "--config",
    }
    for option in options - {"--output"}:
        assert f"`{option}" in section, option
    assert "`-o`" in section
    assert "**Exit status**: 0 when every file was graded, 1 when some file could not be" in section


def test_the_guide_documents_every_option_of_verify():
    section = _guide_section("annotrain verify")
    options = _long_options(["verify"])
    assert options == {"--key", "--revoked", "--config"}
    for option in options:
        assert f"`{option}" in section, option
    assert "**Exit status**: 0 valid, 1 not valid, 2 when" in section
    messages = catalog("en")
    for code in REASONS:  # every reason the command can print is explained
        first = re.split(r"[.:(]", messages[REASONS[code]])[0].strip().replace("{date}", "DATE")
        assert f"| {first}" in section, code


def test_the_guide_documents_max_bytes_for_agreement_and_import():
    assert "--max-bytes" in _long_options(["agreement"])
    assert "`--max-bytes`" in _guide_section("annotrain agreement")
    for source in ("label-studio", "coco"):
        assert "--max-bytes" in _long_options(["import", source])
    assert "`--max-bytes SIZE`" in _guide_section("annotrain import label-studio")


def test_the_guide_documents_keys_and_tickets():
    keys = _guide_section("annotrain keys new")
    for option in _long_options(["keys", "new"]):
        assert f"`{option}" in keys, option
    section = _guide_section("annotrain tickets")
    options = _long_options(["tickets"])
    assert options == {
        "--candidates", "--key", "--attempts", "--from", "--until", "--out", "--config",
    }  # fmt: skip
    for option in options:
        assert f"`{option}" in section, option
    for column in OUTPUT_COLUMNS:
        assert f"`{column}`" in section, column
    for column in ("id", "name", "email", "extra_minutes"):
        assert f"| `{column}` |" in section, column


@pytest.mark.parametrize(
    "finding",
    [
        "no ticket: this exam is taken with a ticket you issued",
        "the ticket does not open: ",
        "ticket for another quiz (",
        "ticket for another version of the quiz (",
        "ticket for another site (",
        "a draw the candidate chose: seed shopping",
        "another candidate's ticket, or a renamed file",
        "before the ticket's window opened",
        "after the ticket's window closed",
        "by the candidate's own clock: an honest clock only",
        "a ticket is for one attempt",
        "extra)",
        "gave too (tasks ",
        "answers shared or copied",
    ],
)
def test_the_guide_explains_every_ticket_finding(finding):
    assert finding in _guide_section("annotrain grade"), finding
