"""Attempt files (``annotrain-attempt/2``, and ``/1`` before it): finding, reading, checking.

An attempt file is what a candidate downloads after submitting a quiz (see the
trainer guide, "The attempt file", for every field). Files come from outside, so
each is read within limits (:func:`annotrain.fileio.read_json`) and every field
is checked; a problem is reported as ``file: $.json.path: what is wrong``.

Version 2 adds ``mode``, names the quiz by its public version (a hash without
gold), may leave out ``client`` (an exam's browser cannot grade), and reserves
``ticket``, ``revealed``, ``contests`` and ``trace``, whose shape is checked here.
Version 1 files are still read; their ``quiz_version`` covers the gold.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..errors import AnnotrainError
from ..fileio import InputError, read_json

#: Format name -> version number.
FORMATS = {"annotrain-attempt/1": 1, "annotrain-attempt/2": 2}
#: What ``annotrain grade`` writes; such a file beside the attempts is not one.
REPORT_FORMAT = "annotrain-grade-report/"
MODES = ("practice", "quiz", "exam", "simulation")
#: Attempt files larger than this are refused (a 1,000-task attempt is under 1 MB).
MAX_BYTES = 20 * 1024 * 1024


class AttemptError(AnnotrainError):
    """An attempt file that cannot be used, with where in it the problem is."""

    def __init__(self, path: str, where: str | None, message: str, line: int | None = None):
        self.path, self.where, self.message, self.line = path, where, message, line
        place = path if line is None else f"{path}:{line}"
        super().__init__(f"{place}: {where}: {message}" if where else f"{place}: {message}")


class GradeReportError(AttemptError):
    """A report ``annotrain grade`` wrote, found among attempt files."""


@dataclass
class Attempt:
    """One submitted attempt at a quiz."""

    path: str
    site: str
    quiz: str
    quiz_version: str
    seed: int
    started: datetime  # in UTC
    submitted: datetime  # in UTC
    tasks: list[str]
    responses: dict[str, Any]
    candidate: dict[str, str] = field(default_factory=dict)
    client: dict[str, Any] = field(default_factory=dict)  # {} when the browser gave none
    format: int = 1
    mode: str | None = None  # version 2: practice, quiz, exam or simulation
    ticket: str | None = None  # version 2, reserved: the signed exam ticket
    revealed: list[str] = field(default_factory=list)  # reserved: tasks whose gold was seen
    contests: list[dict[str, Any]] = field(default_factory=list)  # reserved: {"task", "reason"}
    trace: list | None = None  # reserved: the work-simulation record
    #: The file's bytes, when the attempt came from elsewhere than a file (an LRS):
    #: what a credential's hash covers. None: read ``path`` again.
    raw: bytes | None = None

    @property
    def who(self) -> str:
        """The candidate's name or e-mail, else the file name."""
        return self.candidate.get("name") or self.candidate.get("email") or Path(self.path).stem


def attempt_files(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """The files to read for ``paths`` (files as given, folders' ``*.json`` in name order).

    Returns the files and a problem line for each path that does not exist. The
    files are not opened: :func:`read_attempt` refuses what is not a regular file.
    """
    files: list[Path] = []
    problems: list[str] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(path.glob("*.json")))
        elif path.exists() or path.is_symlink():
            files.append(path)
        else:
            problems.append(f"{path}: no such file or folder")
    return files, problems


def read_attempt(path: str | Path, limit: int = MAX_BYTES) -> Attempt:
    """Load and check one attempt file; raise :class:`AttemptError` on any problem.

    The file is read only if it is a regular file, and only up to ``limit`` bytes.
    """
    shown = str(path)
    try:
        data = read_json(path, limit, "an attempt file", "--max-bytes raises the limit")
    except InputError as error:
        raise AttemptError(shown, None, error.reason, error.line) from None
    return parse_attempt(data, shown)


def parse_attempt(data: Any, path: str = "<attempt>") -> Attempt:
    """Check an attempt's decoded JSON and return it as an :class:`Attempt`."""
    if not isinstance(data, dict):
        raise AttemptError(path, "$", "an attempt file holds a JSON object")
    fmt = data.get("format")
    if isinstance(fmt, str) and fmt.startswith(REPORT_FORMAT):
        raise GradeReportError(
            path, None, "a report written by annotrain grade, not an attempt file"
        )
    if fmt not in FORMATS:
        raise AttemptError(
            path,
            "$.format",
            f"expected {' or '.join(map(repr, FORMATS))}, got {_json(fmt)}: not an annotrain "
            "attempt file of a version this annotrain reads",
        )
    version = FORMATS[fmt]

    def text(key: str) -> str:
        value = data.get(key)
        if not isinstance(value, str) or not value:
            raise AttemptError(path, f"$.{key}", f"must be non-empty text, got {_json(value)}")
        return value

    def when(key: str) -> datetime:
        value = text(key)
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise AttemptError(
                path, f"$.{key}", f"must be an ISO 8601 time, got {_json(value)}"
            ) from None
        if moment.tzinfo is None:
            raise AttemptError(
                path, f"$.{key}", f"must say its time zone (UTC: end with Z), got {_json(value)}"
            )
        try:
            return moment.astimezone(timezone.utc)
        except OverflowError:
            raise AttemptError(path, f"$.{key}", f"is out of range: {_json(value)}") from None

    seed = data.get("seed")
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= 0xFFFFFFFF:
        raise AttemptError(
            path, "$.seed", f"must be a whole number from 0 to 4294967295, got {_json(seed)}"
        )
    tasks = data.get("tasks")
    if not isinstance(tasks, list) or not all(isinstance(t, str) for t in tasks):
        raise AttemptError(path, "$.tasks", "must be a list of task ids")
    if len(set(tasks)) != len(tasks):
        raise AttemptError(path, "$.tasks", "lists a task more than once")
    responses = data.get("responses")
    if not isinstance(responses, dict):
        raise AttemptError(path, "$.responses", "must map task ids to responses")
    for task_id in responses:
        if task_id not in tasks:
            raise AttemptError(
                path, f"$.responses[{_json(task_id)}]", "answers a task that is not in $.tasks"
            )
    candidate = data.get("candidate") or {}
    if not isinstance(candidate, dict) or not all(isinstance(v, str) for v in candidate.values()):
        raise AttemptError(path, "$.candidate", "must be an object of texts (name, email)")
    client = data.get("client") or {}
    if not isinstance(client, dict):
        raise AttemptError(path, "$.client", "must be an object")
    started, submitted = when("started"), when("submitted")
    if submitted < started:
        raise AttemptError(path, "$.submitted", "is earlier than $.started")
    attempt = Attempt(
        path=path,
        site=text("site"),
        quiz=text("quiz"),
        quiz_version=text("quiz_version"),
        seed=seed,
        started=started,
        submitted=submitted,
        tasks=tasks,
        responses=responses,
        candidate=candidate,
        client=client,
        format=version,
    )
    if version >= 2:
        _read_version_2(data, attempt)
    return attempt


def _read_version_2(data: dict, attempt: Attempt) -> None:
    """Check and keep the fields version 2 adds: the mode and the reserved fields."""
    path, tasks = attempt.path, set(attempt.tasks)
    mode = data.get("mode")
    if mode not in MODES:
        raise AttemptError(path, "$.mode", f"must be one of {', '.join(MODES)}, got {_json(mode)}")
    attempt.mode = mode
    ticket = data.get("ticket")
    if ticket is not None and not isinstance(ticket, str):
        raise AttemptError(path, "$.ticket", f"must be null or text, got {_json(ticket)}")
    attempt.ticket = ticket
    revealed = [] if data.get("revealed") is None else data["revealed"]
    if not isinstance(revealed, list):
        raise AttemptError(path, "$.revealed", "must be a list of task ids")
    for index, task_id in enumerate(revealed):
        if not isinstance(task_id, str) or task_id not in tasks:
            raise AttemptError(
                path, f"$.revealed[{index}]", f"must be a task id of $.tasks, got {_json(task_id)}"
            )
    if len(set(revealed)) != len(revealed):
        raise AttemptError(path, "$.revealed", "lists a task more than once")
    attempt.revealed = revealed
    contests = [] if data.get("contests") is None else data["contests"]
    if not isinstance(contests, list):
        raise AttemptError(path, "$.contests", "must be a list of {task, reason} objects")
    for index, contest in enumerate(contests):
        where = f"$.contests[{index}]"
        if not isinstance(contest, dict):
            raise AttemptError(path, where, "must be an object with a task and a reason")
        if not isinstance(contest.get("task"), str) or contest["task"] not in tasks:
            raise AttemptError(
                path,
                f"{where}.task",
                f"must be a task id of $.tasks, got {_json(contest.get('task'))}",
            )
        if not isinstance(contest.get("reason"), str):
            raise AttemptError(
                path, f"{where}.reason", f"must be text, got {_json(contest.get('reason'))}"
            )
    attempt.contests = contests
    trace = data.get("trace")
    if trace is not None and not isinstance(trace, list):
        raise AttemptError(path, "$.trace", f"must be null or a list, got {_json(trace)}")
    attempt.trace = trace


def _json(value: Any, limit: int = 60) -> str:
    """A value from the file as JSON text for a message, cut to ``limit`` characters."""
    text = json.dumps(value)  # ASCII only: control characters come out escaped
    return text if len(text) <= limit else text[: limit - 1] + "…"
