"""The grade test course (:mod:`tests.gradecourse`) with the trainer's keys and a verify page.

Its mkdocs.yml names the public key, a site_url and the revocation list; its
``verify.md`` places the verify panel. :meth:`KeyedCourse.exam_attempt` writes an
exam attempt made under a ticket signed with the trainer's key (the ticket's
format is the trainer guide's), so it grades without findings.
"""

from __future__ import annotations

import base64
import json
import secrets
import subprocess
import sys
from pathlib import Path

from cryptography.hazmat.primitives import serialization

from annotrain.course.loader import load_course
from annotrain.signing.keys import new_key_pair
from annotrain.signing.tokens import b64url, sign

from .gradecourse import GradeCourse
from .sites import Site

PALETTE = """\
  palette:
    - scheme: default
      toggle: {icon: material/brightness-7, name: Switch to dark mode}
    - scheme: slate
      toggle: {icon: material/brightness-4, name: Switch to light mode}
"""
VERIFY_PAGE = "# Check a credential\n\n```annotrain\nshow: verify\n```\n"


class KeyedCourse(GradeCourse):
    """The grade course signed by a fresh key pair kept in ``keys/`` (outside docs)."""

    def __init__(self, root: Path, site_url: str = "https://courses.example.org/annotation/"):
        super().__init__(root)
        self.private_pem, self.public_pem, self.public_b64 = new_key_pair()
        keys = root / "keys"
        keys.mkdir()
        self.key = keys / "trainer.pem"
        self.key.write_bytes(self.private_pem)
        (keys / "trainer.pub.pem").write_bytes(self.public_pem)
        (root / "docs" / "verify.md").write_text(VERIFY_PAGE, encoding="utf-8")
        self.site_url = site_url
        self.set_options()
        # Both palettes, so that pages can be looked at in light and dark.
        text = self.config.read_text(encoding="utf-8")
        self.config.write_text(text.replace("  name: material\n", "  name: material\n" + PALETTE))

    def set_options(self, extra: str = "", public_key: str = "keys/trainer.pub.pem") -> None:
        """Rewrite the annotrain options (public_key, then ``extra`` lines)."""
        text = self.config.read_text(encoding="utf-8")
        head = text.split("plugins:\n", 1)[0]
        tail = text.split("markdown_extensions:", 1)[1]
        options = f"  - annotrain:\n      public_key: {public_key}\n{extra}"
        if "site_url:" not in head:
            head = f"site_url: {self.site_url}\n" + head
        self.config.write_text(
            f"{head}plugins:\n{options}markdown_extensions:{tail}", encoding="utf-8"
        )

    @property
    def private_key(self):
        return serialization.load_pem_private_key(self.private_pem, password=None)

    def ticket(self, private_key=None, seed: int = 7, name: str = "Ana Lima", **changes) -> str:
        """A ticket for the exam ``final`` (claims as the trainer guide gives them)."""
        quiz = self.quizzes["final"]
        claims = {
            "typ": "annotrain-ticket/1",
            "id": secrets.token_hex(16),
            "site": self.site,
            "quiz": "final",
            "version": quiz.public_version,
            "candidate": {"id": "c-0042", "name": name},
            "attempt": 1,
            "seed": seed,
            "from": None,
            "until": None,
            "extra_minutes": 0,
            "issued": "2026-01-05T10:00:00Z",
            **changes,
        }
        return sign(claims, private_key or self.private_key)

    def exam_attempt(self, name: str = "Ana Lima", seed: int = 7, **changes) -> dict:
        """A passing exam attempt under a ticket of this course's key."""
        ticket = self.ticket(seed=seed, name=name)
        data = self.attempt("final", seed=seed, ticket=ticket)
        data["candidate"] = {"id": "c-0042", "name": name}
        data.update(changes)
        return data

    def build(self) -> subprocess.CompletedProcess:
        """``mkdocs build --strict`` of the course into ``site/``."""
        return subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(self.config)],
            cwd=self.root,
            capture_output=True,
            text=True,
            env=Site.env(),
            timeout=120,
        )

    def write_attempt(self, folder: Path, stem: str, data: dict) -> Path:
        return self.write(folder / f"{stem}.json", json.dumps(data, ensure_ascii=False))


#: The exam ``final`` with skill gates: a section of two tasks that must reach 60 %.
GATED_FINAL = """\
title: Final
mode: exam
time_limit: 20
pass: 0.5
max_critical: 1
sections:
  - title: Boxes
    min_score: 0.6
    tasks:
      - {type: choice, id: f1, prompt: Choose one., labels: ["Yes", "No", "Maybe"], rubric: choice-standard, gold: {choice: "Yes"}}
      - {type: choice, id: f2, prompt: Choose one., labels: ["Yes", "No", "Maybe"], rubric: choice-standard, gold: {choice: "No"}}
  - title: Text
    tasks:
      - {type: choice, id: f3, prompt: Choose one., labels: ["Yes", "No", "Maybe"], rubric: choice-standard, gold: {choice: "Maybe"}}
"""


def gate_final(course: KeyedCourse, min_score: float = 0.6) -> None:
    """Make the course's exam :data:`GATED_FINAL` (same tasks and gold, in two sections),
    its section ``Boxes`` with ``min_score``."""
    text = GATED_FINAL.replace("min_score: 0.6", f"min_score: {min_score}")
    (course.root / "quizzes" / "final.yml").write_text(text, encoding="utf-8")
    loaded = load_course(course.config)
    assert loaded.errors == []
    course.quizzes = loaded.quizzes


#: The last day the course's earlier key signed (``earlier_keys`` in its mkdocs.yml).
EARLIER_UNTIL = "2025-06-30"


def add_earlier_key(course: KeyedCourse) -> object:
    """Give the course an earlier key (used until :data:`EARLIER_UNTIL`); its private key."""
    private_pem, public_pem, _ = new_key_pair()
    (course.root / "keys" / "old.pub.pem").write_bytes(public_pem)
    course.set_options(
        f"      earlier_keys:\n        - {{key: keys/old.pub.pem, until: {EARLIER_UNTIL}}}\n"
    )
    return serialization.load_pem_private_key(private_pem, password=None)


def claims_of(token: str) -> dict:
    payload = token.split(".")[0]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def without_key(claims: dict) -> dict:
    return {name: value for name, value in claims.items() if name != "key"}


def forged(course: KeyedCourse, valid: str, earlier_key) -> dict[str, tuple[str, str, dict]]:
    """Credentials that must fail, made from the valid ``valid``: name -> (token, reason, params).

    A claim changed (payload re-encoded, old signature kept), expired, signed by a
    key the site does not know, and by the earlier key after its last day.
    """
    claims = without_key(claims_of(valid))
    signature = valid.split(".")[1]
    changed = {**claims_of(valid), "score": 1.0, "candidate": {"id": "", "name": "Mallory"}}
    payload = json.dumps(changed, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    stranger = serialization.load_pem_private_key(new_key_pair()[0], password=None)
    past = {**claims, "issued": "2024-01-10T09:00:00Z", "expires": "2025-01-10T09:00:00Z"}
    return {
        "changed": (b64url(payload) + "." + signature, "bad_signature", {}),
        "expired": (sign(past, course.private_key), "expired", {"date": "2025-01-10"}),
        "other key": (sign(claims, stranger), "unknown_key", {}),
        "earlier key after its last day": (
            sign(claims, earlier_key),
            "retired_key",
            {"date": EARLIER_UNTIL},
        ),
    }
