"""`annotrain grade` and `annotrain agreement` handed hostile files: each bad file is one
clear line on stderr and the others are still graded; nothing blocks, nothing reads
without end, no traceback; no text from a file reaches the terminal as a control
sequence or a spreadsheet as a formula."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest

from annotrain.commands.cli import main

from .gradecourse import GradeCourse, report


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    return GradeCourse(tmp_path_factory.mktemp("grade-course"))


def hostile_folder(course: GradeCourse, folder: Path) -> dict[str, str]:
    """Two good attempts and one file of each hostile kind; file name -> expected reason."""
    course.write(folder / "ana.json", course.attempt())
    course.write(folder / "ben.json", course.attempt(candidate={"name": "Ben"}, seed=8))
    course.write(folder / "deep.json", "[" * 100_000)
    course.write(folder / "digits.json", '{"seed": ' + "7" * 5000 + "}")
    (folder / "folder.json").mkdir()
    (folder / "zero.json").symlink_to("/dev/zero")
    os.mkfifo(folder / "pipe.json")
    return {
        "deep.json": "nested too deeply (over 100 levels): not an attempt file",
        "digits.json": "a number of 5000 digits; numbers of more than 100 digits are refused",
        "folder.json": "is a folder, not an attempt file",
        "zero.json": "is a pipe, device or socket, not a regular file: not an attempt file",
        "pipe.json": "is a pipe, device or socket, not a regular file: not an attempt file",
    }


def test_one_bad_file_never_loses_the_batch(course, tmp_path):
    folder = tmp_path / "attempts"
    expected = hostile_folder(course, folder)
    result = course.subprocess(folder)  # killed after its timeout if a file blocks it
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == len(expected), "one line per bad file"
    for name, reason in expected.items():
        assert f"{folder / name}: {reason}" in lines
    data = report(folder / "annotrain-grades")
    assert sorted(r["candidate"] for r in data["attempts"]) == ["Ana Lima", "Ben"]
    assert len(data["not_graded"]) == len(expected)
    assert "2 graded, 5 not graded" in result.stdout


def test_agreement_reads_the_same_hostile_files_safely(course, tmp_path):
    folder = tmp_path / "attempts"
    expected = hostile_folder(course, folder)
    result = course.subprocess(folder, command="agreement")  # killed if a file blocks it
    assert "Traceback" not in result.stderr
    for name, reason in expected.items():
        assert f"skipped {folder / name}: {reason}" in result.stderr.splitlines()
    assert "Agreement over 2 attempt files from 2 people (5 skipped)" in result.stdout
    assert result.returncode == 0


def test_max_bytes_refuses_larger_files_unread(course, tmp_path, capsys):
    path = course.write(tmp_path / "ana.json", course.attempt())
    size = path.stat().st_size
    assert main(course.args(path, "--max-bytes", str(size - 1))) == 1
    err = capsys.readouterr().err
    assert (
        f"ana.json: an attempt file is {size} bytes; files over {size - 1} bytes are refused" in err
    )
    assert main(course.args(path, "--max-bytes", str(size))) == 0


def test_a_file_larger_than_it_says_is_cut_off_by_reading(course, tmp_path, capsys):
    # /proc files say they hold 0 bytes; only reading finds out how much they hold.
    proc = Path("/proc/self/maps")
    assert proc.is_file() and proc.stat().st_size == 0
    assert main(course.args(proc, "--max-bytes", "64", "--output", tmp_path / "r")) == 1
    assert "maps: an attempt file is larger than 64 bytes" in capsys.readouterr().err


ESC = "\x1b"
PAINT = "\x1b[2J\x1b[31m"  # clear the screen, then red
CSI = "\x9b2J"  # the same clear screen with the one-byte C1 introducer


def test_names_ids_and_paths_reach_the_terminal_escaped(course, tmp_path, capsys):
    folder = tmp_path / f"cohort{PAINT}"
    course.write(folder / "ana.json", course.attempt(candidate={"name": f"Ana{PAINT}{CSI}\x7f"}))
    course.write(folder / f"ben{PAINT}.json", course.attempt(candidate={}))
    course.write(folder / "cy.json", course.attempt(quiz=f"final{PAINT}"))
    course.write(folder / "dee.json", course.attempt(site=f"elsewhere{PAINT}"))
    course.write(folder / "eve.json", course.attempt(tasks=["c1", f"x{PAINT}"], responses={}))
    assert main(course.args(folder)) == 1
    out, err = capsys.readouterr()
    for text in (out, err):
        assert ESC not in text and "\x9b" not in text and "\x7f" not in text
    assert "Ana\\x1b[2J\\x1b[31m\\x9b2J\\x7f" in out  # shown, not run
    assert "ben\\x1b[2J\\x1b[31m.json" in out  # no name: the file name
    assert "no quiz 'final\\x1b[2J\\x1b[31m' in this course" in err
    assert "attempt from another site ('elsewhere\\x1b[2J\\x1b[31m')" in out
    assert "tasks not in the quiz: x\\x1b[2J\\x1b[31m" in out
    rows = report(folder / "annotrain-grades")["attempts"]
    assert f"Ana{PAINT}{CSI}\x7f" in [r["candidate"] for r in rows], "the JSON keeps true values"


FORMULAS = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def test_csv_cells_cannot_start_a_formula(course, tmp_path, capsys):
    for index, name in enumerate(FORMULAS):
        data = course.attempt(candidate={"name": name, "email": f"={index}@example.org"})
        course.write(tmp_path / f"{index}.json", data)
    assert main(course.args(tmp_path)) == 0
    capsys.readouterr()
    with (tmp_path / "annotrain-grades.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted(r["candidate"] for r in rows) == sorted("'" + name for name in FORMULAS)
    assert all(r["email"].startswith("'=") for r in rows)
    assert {r["score"] for r in rows} == {"1.0"}, "numbers are left as they are"
    names = {r["candidate"] for r in report(tmp_path / "annotrain-grades")["attempts"]}
    assert names == set(FORMULAS), "the JSON keeps true values"


def test_a_long_name_is_cut_on_the_terminal_only(course, tmp_path, capsys):
    name = "A" * 5000
    course.write(tmp_path / "a.json", course.attempt(candidate={"name": name}))
    assert main(course.args(tmp_path)) == 0
    row = capsys.readouterr().out.splitlines()[1]
    assert row.startswith("A" * 39 + "…  check") and len(row) < 100
    assert report(tmp_path / "annotrain-grades")["attempts"][0]["candidate"] == name


def test_a_grade_report_beside_the_attempts_is_skipped(course, tmp_path, capsys):
    course.write(tmp_path / "ana.json", course.attempt())
    assert main(course.args(tmp_path)) == 0
    capsys.readouterr()
    assert main(course.args(tmp_path)) == 0, "the report of the first run is not an attempt"
    out, err = capsys.readouterr()
    assert err == "" and "1 graded, 0 not graded" in out
    # A report under another name is passed over with a note.
    assert main(course.args(tmp_path, "--output", tmp_path / "week-1")) == 0
    capsys.readouterr()
    assert main(course.args(tmp_path)) == 0
    out, err = capsys.readouterr()
    assert (
        err
        == f"skipped {tmp_path / 'week-1.json'}: a report written by annotrain grade, not an attempt file\n"
    )
    assert "1 graded, 0 not graded" in out


def test_json_report_values_are_exact(course, tmp_path, capsys):
    data = course.attempt(candidate={"name": f"Zoë {PAINT}", "email": "=x"})
    course.write(tmp_path / "z.json", data)
    assert main(course.args(tmp_path)) == 0
    capsys.readouterr()
    text = (tmp_path / "annotrain-grades.json").read_text(encoding="utf-8")
    row = json.loads(text)["attempts"][0]
    assert row["candidate"] == f"Zoë {PAINT}" and row["email"] == "=x"
