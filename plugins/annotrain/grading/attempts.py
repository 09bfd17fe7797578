"""Attempt files (``annotrain-attempt/1``): reading and checking them.

An attempt file is what a candidate downloads after submitting a quiz (see the
trainer guide, "The attempt file"). Files come from outside, so every field is
checked; a problem is reported as ``file: $.json.path: what is wrong``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ..errors import AnnotrainError

FORMAT = "annotrain-attempt/1"
MAX_BYTES = 20 * 1024 * 1024


class AttemptError(AnnotrainError):
    """An attempt file that cannot be used, with where in it the problem is."""

    def __init__(self, path: str, where: str, message: str):
        super().__init__(f"{path}: {where}: {message}")
        self.path, self.where, self.message = path, where, message


@dataclass
class Attempt:
    """One submitted attempt at a quiz."""

    path: str
    site: str
    quiz: str
    quiz_version: str
    seed: int
    started: datetime
    submitted: datetime
    tasks: list[str]
    responses: dict[str, Any]
    candidate: dict[str, str] = field(default_factory=dict)
    client: dict[str, Any] = field(default_factory=dict)
    raw_submitted: str = ""  # the submitted time exactly as written

    @property
    def who(self) -> str:
        """The candidate's name or e-mail, else the file name."""
        return self.candidate.get("name") or self.candidate.get("email") or Path(self.path).stem


def read_attempt(path: str | Path) -> Attempt:
    """Load and check one attempt file; raise :class:`AttemptError` on any problem."""
    shown = str(path)
    try:
        if Path(path).stat().st_size > MAX_BYTES:
            raise AttemptError(
                shown, "$", f"file larger than {MAX_BYTES // 1024 // 1024} MB; not an attempt file"
            )
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AttemptError(shown, "$", "no such file") from None
    except UnicodeDecodeError:
        raise AttemptError(shown, "$", "not a text file") from None
    except json.JSONDecodeError as exc:
        raise AttemptError(
            shown, "$", f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    return parse_attempt(data, shown)


def parse_attempt(data: Any, path: str = "<attempt>") -> Attempt:
    """Check an attempt's decoded JSON and return it as an :class:`Attempt`."""
    if not isinstance(data, dict):
        raise AttemptError(path, "$", "an attempt file holds a JSON object")
    fmt = data.get("format")
    if fmt != FORMAT:
        raise AttemptError(
            path,
            "$.format",
            f"expected {FORMAT!r}, got {fmt!r}: not an annotrain attempt file of this version",
        )

    def text(key: str) -> str:
        value = data.get(key)
        if not isinstance(value, str) or not value:
            raise AttemptError(path, f"$.{key}", f"must be non-empty text, got {json.dumps(value)}")
        return value

    def when(key: str) -> datetime:
        value = text(key)
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise AttemptError(
                path, f"$.{key}", f"must be an ISO 8601 time, got {value!r}"
            ) from None
        if moment.tzinfo is None:
            raise AttemptError(
                path, f"$.{key}", f"must say its time zone (UTC: end with Z), got {value!r}"
            )
        return moment

    seed = data.get("seed")
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= 0xFFFFFFFF:
        raise AttemptError(
            path, "$.seed", f"must be a whole number from 0 to 4294967295, got {json.dumps(seed)}"
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
                path, f"$.responses[{json.dumps(task_id)}]", "answers a task that is not in $.tasks"
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
    return Attempt(
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
        raw_submitted=data["submitted"],
    )
