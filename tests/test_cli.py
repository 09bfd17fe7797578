"""``annotrain validate`` reports what the build reports, for the course and for tiny sites."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from annotrain.commands.cli import main

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
