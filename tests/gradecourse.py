"""A tiny course with two quizzes, and valid attempt files at them, for `annotrain grade`.

``check`` is a self-check (mode quiz, no time limit, two choice tasks), ``final``
an exam of three choice tasks with a 20-minute limit, placed on the page
``exam.md``, and ``gated`` a self-check of two sections, ``Boxes`` with a
``min_score`` of 0.7 and ``Text`` without. :func:`attempt` returns an attempt that grades cleanly (every answer
right, times a few minutes ago); tests change one thing and look for the one
finding or error it causes.

``GradeCourse(root, keyed=True)`` gives the site a ``site_url`` and a public key
(``keys/trainer.pub.pem``, its private key beside it): its exam then needs
tickets, which :meth:`GradeCourse.ticket` signs as ``annotrain tickets`` does.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from annotrain.course.loader import load_course
from annotrain.grading.quiz import draw
from annotrain.signing.keys import load_private_key, new_key_pair
from annotrain.signing.tickets import Candidate, new_ticket
from annotrain.signing.tokens import sign

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
      - {type: choice, id: f1, prompt: Choose one., labels: ["Yes", "No", "Maybe"], rubric: choice-standard, gold: {choice: "Yes"}}
      - {type: choice, id: f2, prompt: Choose one., labels: ["Yes", "No", "Maybe"], rubric: choice-standard, gold: {choice: "No"}}
      - {type: choice, id: f3, prompt: Choose one., labels: ["Yes", "No", "Maybe"], rubric: choice-standard, gold: {choice: "Maybe"}}
""",
    "gated": """\
title: Gated
mode: quiz
pass: 0.5
max_critical: 4
shuffle: false
sections:
  - title: Boxes
    min_score: 0.7
    tasks:
      - {type: choice, id: g1, prompt: Pick., labels: ["Yes", "No"], rubric: choice-standard, gold: {choice: "Yes"}}
      - {type: choice, id: g2, prompt: Pick., labels: ["Yes", "No"], rubric: choice-standard, gold: {choice: "No"}}
  - title: Text
    tasks:
      - {type: choice, id: g3, prompt: Pick., labels: ["Yes", "No"], rubric: choice-standard, gold: {choice: "Yes"}}
      - {type: choice, id: g4, prompt: Pick., labels: ["Yes", "No"], rubric: choice-standard, gold: {choice: "No"}}
""",
}
GOLD = {
    "c1": {"choice": "Yes"}, "c2": {"choice": "No"},
    "f1": {"choice": "Yes"}, "f2": {"choice": "No"}, "f3": {"choice": "Maybe"},
    "g1": {"choice": "Yes"}, "g2": {"choice": "No"}, "g3": {"choice": "Yes"}, "g4": {"choice": "No"},
}  # fmt: skip
PAGES = {"index.md": "# Home\n", "exam.md": "# Final exam\n\n```annotrain\nquiz: final\n```\n"}
SITE_URL = "https://courses.example.org/annotation/"
KEYED = "site_url: " + SITE_URL + "\n"


class GradeCourse:
    """The course in ``root`` and the means to write attempts at it and grade them."""

    def __init__(self, root: Path, keyed: bool = False):
        self.root = root
        if keyed:
            private_pem, public_pem, _ = new_key_pair()
            (root / "keys").mkdir(parents=True)
            (root / "keys" / "trainer.pem").write_bytes(private_pem)
            (root / "keys" / "trainer.pub.pem").write_bytes(public_pem)
            self.key_file = root / "keys" / "trainer.pem"
            self.private_key = load_private_key(self.key_file)
            Site(root, PAGES, ":\n      public_key: keys/trainer.pub.pem", KEYED)
        else:
            Site(root, PAGES)
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

    def ticket(
        self,
        candidate: tuple[str, str] = ("a1", "Ana Lima"),
        key=None,
        quiz_id: str = "final",
        **claims,
    ) -> tuple[str, dict]:
        """A signed ticket for ``candidate`` (id, name) and its claims; ``claims`` replace fields."""
        quiz = self.quizzes[quiz_id]
        body = new_ticket(
            self.site, quiz_id, quiz.public_version, Candidate(*candidate), 1, None, None,
            datetime.now(timezone.utc),
        )  # fmt: skip
        body.update(claims)
        return sign(body, key or self.private_key), body

    def ticketed(self, token: str, claims: dict, **changes) -> dict:
        """A valid exam attempt taken with the ticket ``token``; ``changes`` replace fields."""
        attempt = self.attempt(
            claims["quiz"], seed=claims["seed"], candidate=dict(claims["candidate"]), ticket=token
        )
        attempt.update(changes)
        return attempt

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
