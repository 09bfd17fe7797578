"""Parsed YAML documents kept between builds.

Parsing was the largest single part of annotrain's build time: every block of
every lesson, the quizzes and the rubrics are read on each build, and most have
not changed since the last one. What :func:`annotrain.yamlpos.load` returns
depends only on a document's text and line offset, so a :class:`DocumentCache`
keeps each value pickled in one file, under a hash of both, and the next build
unpickles it instead of parsing. A document with an error is never kept: it is
parsed, and reported, every time.

The same file keeps other values whose subject holds all they depend on
(:meth:`DocumentCache.remember`): the gold checks that passed, which the next
build need not run again. The file holds only what the last build read. Its name carries a
fingerprint of the parser (the source of :mod:`annotrain.yamlpos`, the versions
of PyYAML and Python), so a change there starts a new file. Unpickling runs
code: the cache folder belongs to the project, and only those who can change
the project's files should be able to write to it.
"""

from __future__ import annotations

import functools
import hashlib
import pickle
import sys
from pathlib import Path
from typing import Any

import yaml

from ..fileio import write_atomic
from . import yamlpos

#: The offset under which values other than documents are kept: no document has it.
KEPT_OFFSET = -1


@functools.cache
def fingerprint() -> str:
    """A short hash of everything that decides what a document parses to."""
    parser = Path(yamlpos.__file__).read_bytes()
    versions = f"{yaml.__version__} {sys.version_info[:2]} {pickle.HIGHEST_PROTOCOL}"
    return hashlib.blake2b(parser + versions.encode(), digest_size=8).hexdigest()


class DocumentCache:
    """YAML documents by text, kept in ``folder`` between builds (none when ``folder`` is None).

    ``load`` has :func:`annotrain.yamlpos.load`'s signature and result; each call
    returns a new value, as parsing does. ``save`` writes what this build read.
    A cache file that cannot be read (missing, damaged, another version) counts
    as empty, and a folder that cannot be written is skipped.
    """

    def __init__(self, folder: Path | None = None):
        self.file = folder / f"yaml-{fingerprint()}.pickle" if folder else None
        self.kept = self._read()
        self.read: dict[bytes, bytes] = {}  # this build's documents: key -> pickled value

    def _read(self) -> dict[bytes, bytes]:
        if self.file is None:
            return {}
        try:
            kept = pickle.loads(self.file.read_bytes())
        except Exception:  # noqa: BLE001 (missing or damaged: parse again)
            return {}
        return kept if isinstance(kept, dict) else {}

    def load(self, text: str, path: str | None = None, line_offset: int = 0) -> Any:
        if self.file is None:
            return yamlpos.load(text, path, line_offset)
        key = self._key(text, line_offset)
        blob = self.kept.get(key)
        if blob is not None:
            try:
                value = pickle.loads(blob)
            except Exception:  # noqa: BLE001 (a damaged entry: parse again)
                blob = None
        if blob is None:
            value = yamlpos.load(text, path, line_offset)
            blob = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        self.read[key] = blob
        return value

    def reuse(self, text: str, line_offset: int = 0) -> None:
        """Keep ``text`` for the next build as if loaded (its value was taken elsewhere)."""
        key = self._key(text, line_offset)
        if key in self.kept:
            self.read[key] = self.kept[key]

    def recall(self, kind: str, subject: str) -> Any:
        """What :meth:`remember` kept for ``kind`` and ``subject`` last build, or None.

        ``subject`` is a text holding all that the value depends on. A value
        recalled is kept for the next build too.
        """
        if self.file is None:
            return None
        key = self._key(f"{kind}\n{subject}", KEPT_OFFSET)
        blob = self.kept.get(key)
        if blob is None:
            return None
        try:
            value = pickle.loads(blob)
        except Exception:  # noqa: BLE001 (a damaged entry: made again)
            return None
        self.read[key] = blob
        return value

    def remember(self, kind: str, subject: str, value: Any) -> None:
        """Keep ``value`` (not None) for the next build, under ``kind`` and ``subject``."""
        if self.file is not None:
            key = self._key(f"{kind}\n{subject}", KEPT_OFFSET)
            self.read[key] = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)

    def _key(self, text: str, line_offset: int) -> bytes:
        data = f"{line_offset}\n{text}".encode("utf-8", "surrogatepass")
        return hashlib.blake2b(data, digest_size=16).digest()

    def save(self) -> None:
        """Keep this build's documents (only those) for the next build."""
        if self.file is None or self.read == self.kept:
            return
        try:
            for old in self.file.parent.glob("yaml-*.pickle"):
                if old != self.file:
                    old.unlink()
            write_atomic(self.file, pickle.dumps(self.read, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:  # a read-only project or a full disk: parse again next time
            return
        self.kept = dict(self.read)


#: Parsing without keeping anything, for callers given no cache.
NO_CACHE = DocumentCache()
