"""The keys a site publishes (current and earlier public keys) and its revocation list.

The plugin options ``public_key``, ``earlier_keys`` and ``revoked`` are read here,
with errors at the option's line of ``mkdocs.yml``. The result reaches the browser
as ``{"keys": {key id: {"key": base64, "until": date or null}}, "revoked": [...]}``:
exam pages use it to check tickets, the verify page to check credentials. Nothing
here needs the ``cryptography`` package, so a site build never imports it.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..errors import AuthoringError
from .keys import SigningKeyError, is_private_pem, key_id, public_key_text

#: A line of the revocation list: a credential's SHA-256, in hex (comments with #).
REVOKED_LINE = re.compile(r"^[0-9a-f]{64}$")
#: Files larger than this are not read when looking for private keys (media).
SCAN_BYTES = 1024 * 1024


@dataclass
class SiteKeys:
    """The public keys and revoked credentials a site publishes."""

    current: str | None = None  # base64 of the raw public key
    earlier: list[tuple[str, str]] = field(default_factory=list)  # (base64, last day used)
    revoked: list[str] = field(default_factory=list)  # SHA-256 hex of revoked credentials

    @property
    def enabled(self) -> bool:
        """True when the site has a key: exams need tickets, credentials can be verified."""
        return self.current is not None

    def to_json(self) -> dict:
        keys = {}
        if self.current:
            keys[key_id(base64.b64decode(self.current))] = {"key": self.current, "until": None}
        for text, until in self.earlier:
            keys[key_id(base64.b64decode(text))] = {"key": text, "until": until}
        return {"keys": keys, "revoked": list(self.revoked)}


def option_line(config_text: str, name: str) -> int | None:
    """The line of ``mkdocs.yml`` where the plugin option ``name`` is written."""
    pattern = re.compile(rf"^\s*-?\s*{re.escape(name)}\s*:")
    for number, line in enumerate(config_text.splitlines(), start=1):
        if pattern.match(line):
            return number
    return None


def read_site_keys(
    public_key: str | None,
    earlier_keys: list,
    revoked: str,
    root: Path,
    config_text: str,
    config_shown: str,
) -> SiteKeys:
    """The site's keys from the plugin options; AuthoringError at the option's line."""

    def error(name: str, message: str) -> AuthoringError:
        return AuthoringError(message, config_shown, option_line(config_text, name))

    keys = SiteKeys()
    if public_key:
        try:
            keys.current, _ = public_key_text(str(public_key), root)
        except SigningKeyError as problem:
            raise error("public_key", f"public_key: {problem}") from None
    for item in earlier_keys or []:
        if not isinstance(item, dict) or set(item) != {"key", "until"}:
            raise error(
                "earlier_keys",
                "earlier_keys: each entry is {key: <public key file or base64>, until: "
                "<the last day it signed, YYYY-MM-DD>}",
            )
        try:
            text, _ = public_key_text(str(item["key"]), root)
            until = date.fromisoformat(str(item["until"])).isoformat()
        except SigningKeyError as problem:
            raise error("earlier_keys", f"earlier_keys: {problem}") from None
        except ValueError:
            raise error(
                "earlier_keys", f"earlier_keys: until {item['until']!r} is not a date (YYYY-MM-DD)"
            ) from None
        keys.earlier.append((text, until))
    if earlier_keys and not keys.enabled:
        raise error("earlier_keys", "earlier_keys needs public_key: the key used now")
    keys.revoked = read_revoked(root / revoked, f"{revoked}")
    return keys


def layout_keys(layout) -> SiteKeys:
    """The keys named by the plugin options of a :class:`~annotrain.course.sitefiles.SiteLayout`.

    The command line's way to the site's keys, read as the build reads them;
    AuthoringError at the option's line of mkdocs.yml.
    """
    config = layout.config_file
    try:
        text = config.read_text(encoding="utf-8") if config else ""
    except OSError:
        text = ""
    options = layout.options
    return read_site_keys(
        options.get("public_key"),
        options.get("earlier_keys") or [],
        str(options.get("revoked") or "revoked.txt"),
        layout.root,
        text,
        layout.shown(config) if config else "mkdocs.yml",
    )


def read_revoked(path: Path, shown: str) -> list[str]:
    """The credential hashes listed in ``path`` (none when it does not exist)."""
    if not path.is_file():
        return []
    hashes = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.split("#", 1)[0].strip().lower()
        if not line:
            continue
        if not REVOKED_LINE.match(line):
            raise AuthoringError(
                "a revoked credential is written as its SHA-256 in hex (64 characters, "
                f"as `annotrain verify` prints it), got {raw.strip()!r}",
                shown,
                number,
            )
        hashes.append(line)
    return hashes


def private_keys_in(paths: Iterable[Path]) -> list[Path]:
    """The files among ``paths`` that hold a PEM private key (a site must never publish one)."""
    found = []
    for path in paths:
        try:
            if path.stat().st_size > SCAN_BYTES:
                continue
            data = path.read_bytes()
        except OSError:
            continue
        # Every PEM private key's marker ends so: most files need no decoding at all.
        if b"PRIVATE KEY-----" in data and is_private_pem(data.decode("latin-1")):
            found.append(path)
    return found
