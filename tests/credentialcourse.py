"""The grade test course (:mod:`tests.gradecourse`) with the trainer's keys and a verify page.

Its mkdocs.yml names the public key, a site_url and the revocation list; its
``verify.md`` places the verify panel. :meth:`KeyedCourse.exam_attempt` writes an
exam attempt made under a ticket signed with the trainer's key (the ticket's
format is the trainer guide's), so it grades without findings.
"""

from __future__ import annotations

import json
import secrets
from pathlib import Path

from cryptography.hazmat.primitives import serialization

from annotrain.signing.keys import new_key_pair
from annotrain.signing.tokens import sign

from .gradecourse import GradeCourse

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

    def write_attempt(self, folder: Path, stem: str, data: dict) -> Path:
        return self.write(folder / f"{stem}.json", json.dumps(data, ensure_ascii=False))
