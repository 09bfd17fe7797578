"""The candidates' list for exam tickets: a CSV file read into :class:`Candidate` rows. Pure.

Syntax accepted: UTF-8 text (a byte order mark is allowed, as spreadsheets write
it), separated by commas, or by semicolons or tabs when the header line holds
those and no comma. The first line that is not blank names the columns, in any
order and case:

- ``id`` (required): the candidate's id in your records, unique in the file;
- ``name`` (required): the name the exam shows and the credential carries;
- ``email`` (optional): for the mail merge, not put in the ticket;
- ``extra_minutes`` (optional): extra time on the quiz's time limit (an agreed
  adjustment), a number of minutes from 0 to a week; blank means 0.

Other columns are ignored; blank lines are skipped. Every problem is a
:class:`~annotrain.fileio.InputError` at ``file:line``, all of them collected.
"""

from __future__ import annotations

import csv
import io
import re

from ..fileio import InputError
from .tickets import MAX_EXTRA_MINUTES, Candidate

REQUIRED = ("id", "name")
OPTIONAL = ("email", "extra_minutes")
#: Extra minutes as written: digits, perhaps with a decimal point (7.5).
MINUTES = re.compile(r"^[0-9]{1,6}(\.[0-9]{1,3})?$")
#: Longest id, name and e-mail: a ticket carries the id and name in every link.
LONGEST = {"id": 200, "name": 200, "email": 254}


class CandidatesError(InputError):
    """The candidates' list cannot be used; ``problems`` holds every problem found."""

    def __init__(self, problems: list[InputError]):
        self.problems = problems
        first = problems[0]
        super().__init__(first.path, first.reason, first.line)


def read_candidates(raw: bytes, shown: str) -> list[Candidate]:
    """The candidates in the CSV bytes ``raw`` read from ``shown``; :class:`CandidatesError` if any row is wrong."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise CandidatesError(
            [InputError(shown, "not UTF-8 text: save the list as CSV UTF-8", line)]
        ) from None
    problems: list[InputError] = []
    rows = _rows(text, shown, problems)
    header, header_line = next(rows, (None, 0))
    if header is None:
        raise CandidatesError(
            problems or [InputError(shown, "empty: no header line, no candidates")]
        )
    columns = [cell.strip().lower() for cell in header]
    missing = [name for name in REQUIRED if name not in columns]
    doubled = sorted({name for name in columns if name and columns.count(name) > 1})
    if missing or doubled:
        what = f"no column {' or '.join(map(repr, missing))}" if missing else ""
        what += "; " if missing and doubled else ""
        what += f"the column {', '.join(map(repr, doubled))} twice" if doubled else ""
        raise CandidatesError(
            [
                InputError(
                    shown,
                    f"{what}: the first line names the columns id, name, and optionally "
                    f"email and extra_minutes (found: {', '.join(map(repr, columns))})",
                    header_line,
                )
            ]
        )
    where = {name: columns.index(name) for name in REQUIRED + OPTIONAL if name in columns}
    seen: dict[str, int] = {}
    candidates = []
    for cells, line in rows:
        candidate = _candidate(cells, where, len(columns), shown, line, problems)
        if candidate is None:
            continue
        if candidate.id in seen:
            problems.append(
                InputError(
                    shown,
                    f"the id {candidate.id!r} is already on line {seen[candidate.id]}: "
                    "each candidate once (use --attempts for more attempts)",
                    line,
                )
            )
            continue
        seen[candidate.id] = line
        candidates.append(candidate)
    if problems:
        raise CandidatesError(problems)
    if not candidates:
        raise CandidatesError([InputError(shown, "no candidates below the header line")])
    return candidates


def _rows(text: str, shown: str, problems: list[InputError]):
    """(cells, first line) of each row that is not blank; a CSV error ends the rows."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = "," if "," in first else ";" if ";" in first else "\t" if "\t" in first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    line = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            problems.append(InputError(shown, f"not readable as CSV ({error})", reader.line_num))
            return
        start, line = line, reader.line_num + 1
        if any(cell.strip() for cell in cells):
            yield cells, start


def _candidate(
    cells: list[str],
    where: dict[str, int],
    width: int,
    shown: str,
    line: int,
    problems: list[InputError],
) -> Candidate | None:
    """The candidate of one row, or None after adding its problems."""
    found = len(problems)
    if any(cell.strip() for cell in cells[width:]):
        problems.append(
            InputError(shown, f"{len(cells)} cells, but the header names {width} columns", line)
        )
    values = {}
    for name, index in where.items():
        value = cells[index].strip() if index < len(cells) else ""
        values[name] = value
        if name in REQUIRED and not value:
            problems.append(InputError(shown, f"no {name}: every candidate needs one", line))
        elif name in LONGEST and len(value) > LONGEST[name]:
            problems.append(
                InputError(shown, f"the {name} is longer than {LONGEST[name]} characters", line)
            )
        elif any(not c.isprintable() for c in value):
            problems.append(
                InputError(shown, f"the {name} holds a control character: {value!r}", line)
            )
    extra = _minutes(values.get("extra_minutes", ""), shown, line, problems)
    if len(problems) > found:
        return None
    return Candidate(values["id"], values["name"], values.get("email", ""), extra)


def _minutes(text: str, shown: str, line: int, problems: list[InputError]) -> float:
    if not text:
        return 0
    value = float(text) if MINUTES.match(text) else -1.0
    if not 0 <= value <= MAX_EXTRA_MINUTES:
        problems.append(
            InputError(
                shown,
                f"extra_minutes {text!r} is not a number of minutes from 0 to "
                f"{MAX_EXTRA_MINUTES} (a week)",
                line,
            )
        )
        return 0
    return value
