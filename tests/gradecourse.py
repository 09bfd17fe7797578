"""A tiny course with two quizzes, and valid attempt files at them, for `annotrain grade`.

``check`` is a self-check (mode quiz, no time limit, two choice tasks), ``final``
an exam of one task with a 20-minute limit. :func:`attempt` returns an attempt
that grades cleanly (every answer right, times a few minutes ago); tests change
one thing and look for the one finding or error it causes.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from annotrain.course.loader import load_course
from annotrain.grading.quiz import draw

from .sites import Site

QUIZZES = {
    "check": """\
title: Check
mode: quiz
sections:
  - tasks:
      - {type: choice, id: c1, prompt: Pick., labels: ["Yes", "No"], rubric: choice-standard, gold: {choice: "Yes"}}
      - {type: choice, id: c2, prompt: Pick., labels: ["Yes", "No"], rubric: choice-standard, gold: {choice: "No"}}
""",
    "final": """\
title: Final
mode: exam
time_limit: 20
sections:
  - tasks:
      - {type: choice, id: f1, prompt: Choose one., labels: ["Yes", "No"], rubric: choice-standard, gold: {choice: "Yes"}}
""",
}
GOLD = {"c1": {"choice": "Yes"}, "c2": {"choice": "No"}, "f1": {"choice": "Yes"}}


class GradeCourse:
    """The course in ``root`` and the means to write attempts at it and grade them."""

    def __init__(self, root: Path):
        self.root = root
        Site(root, {"index.md": "# Home\n"})
        for name, text in QUIZZES.items():
            (root / "quizzes" / f"{name}.yml").write_text(text, encoding="utf-8")
        self.config = root / "mkdocs.yml"
        course = load_course(self.config)
        assert course.errors == []
        self.quizzes = course.quizzes
        self.site = course.layout.site_id

    def attempt(self, quiz_id: str = "check", version: int = 2, seed: int = 7, **changes) -> dict:
        """A valid attempt (format ``version``) with every answer right; ``changes`` replace fields."""
        quiz = self.quizzes[quiz_id]
        now = datetime.now(timezone.utc).replace(microsecond=0)
        tasks = draw(quiz, seed)
        data = {
            "format": f"annotrain-attempt/{version}",
            "site": self.site,
            "quiz": quiz_id,
            "quiz_version": quiz.public_version if version >= 2 else quiz.version,
            "seed": seed,
            "candidate": {"name": "Ana Lima", "email": "ana@example.org"},
            "started": _iso(now - timedelta(minutes=12)),
            "submitted": _iso(now - timedelta(minutes=2)),
            "tasks": tasks,
            "responses": {tid: GOLD[tid] for tid in tasks},
            "client": {"score": 1.0, "passed": True, "critical_failures": 0},
        }
        if version >= 2:
            data |= {
                "mode": quiz.mode,
                "ticket": None,
                "revealed": [],
                "contests": [],
                "trace": None,
            }
            if quiz.mode == "exam":
                del data["client"]
        data.update(changes)
        return data

    def write(self, path: Path, data: dict | str) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
        path.write_text(text, encoding="utf-8")
        return path

    def args(self, *argv: str | Path, command: str = "grade") -> list[str]:
        return [command, *map(str, argv), "--config", str(self.config)]

    def subprocess(
        self, *argv: str | Path, command: str = "grade", timeout: float = 90
    ) -> subprocess.CompletedProcess:
        """`annotrain COMMAND` in a child process that is killed after ``timeout`` seconds.

        For inputs that could block a reader for ever (a pipe, ``/dev/zero``): a test
        that waited would hang the suite, this one fails.
        """
        return subprocess.run(
            [sys.executable, "-m", "annotrain", *self.args(*argv, command=command)],
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=self.root,
            env=Site.env(),
        )


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def report(base: Path) -> dict:
    """The JSON report written at ``base`` (without suffix): rows by candidate or file name."""
    return json.loads(base.with_name(base.name + ".json").read_text(encoding="utf-8"))
