"""The site's signing keys in a MkDocs build: read from the options, never a private one.

See :mod:`annotrain.signing.sitekeys`. Two mistakes would give a trainer's key
away and are refused: a private key as ``public_key`` (the error names the
option's line of mkdocs.yml) and a private key file anywhere under ``docs_dir``,
which MkDocs would copy into the site. The revocation list, when the course has
one, is published at the site root as ``revoked.txt`` (hashes only).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, InclusionLevel

from ..errors import AuthoringError
from ..signing.sitekeys import SiteKeys, private_keys_in, read_site_keys

log = get_plugin_logger(__name__)
LOCAL_HOSTS = {"", "localhost", "127.0.0.1", "::1"}


def site_keys(options, config, root: Path) -> SiteKeys:
    """The keys the plugin ``options`` name; PluginError with ``mkdocs.yml:line``."""
    config_file = Path(config.config_file_path or root / "mkdocs.yml")
    try:
        text = config_file.read_text(encoding="utf-8")
    except OSError:
        text = ""
    try:
        keys = read_site_keys(
            options.public_key, options.earlier_keys, options.revoked, root, text, config_file.name
        )
    except AuthoringError as error:
        raise PluginError(f"annotrain: {error}") from None
    if keys.enabled and urlsplit(config.site_url or "").hostname in LOCAL_HOSTS | {None}:
        log.warning(
            "site_url is %r: credentials and tickets carry links to the site, so set "
            "site_url to the address learners use",
            config.site_url or "",
        )
    return keys


def refuse_private_keys(files, docs_dir: str) -> None:
    """Stop the build when a file under ``docs_dir`` holds a private key (PluginError)."""
    docs = Path(docs_dir).resolve()
    sources = [
        Path(f.abs_src_path)
        for f in files
        if f.abs_src_path and not f.generated_by and Path(f.abs_src_path).is_relative_to(docs)
    ]
    found = private_keys_in(sources)
    if found:
        names = ", ".join(str(path) for path in found)
        raise PluginError(
            f"annotrain: {names} holds a private key, and everything under docs_dir is "
            "published: move it out of the site's folder (and make a new key pair if the "
            "site was already published with it)"
        )


#: Where the site publishes its revoked credentials.
REVOKED_PATH = "revoked.txt"
REVOKED_HEADER = (
    "# Credentials revoked by the issuer of this site: the SHA-256 of each, one a line\n"
    "# (as `annotrain verify` prints it). The site's verify page checks against this list.\n"
)


def publish_revoked(files, config, keys: SiteKeys, source: Path) -> None:
    """Add ``revoked.txt`` at the site root when the course has a revocation list.

    Only the hashes are published: the trainer's comments in the file (who, why)
    stay out of the site. A docs file at the same path is replaced.
    """
    if not source.is_file():
        return
    text = REVOKED_HEADER + "".join(f"{digest}\n" for digest in keys.revoked)
    existing = files.get_file_from_path(REVOKED_PATH)
    if existing is not None:
        files.remove(existing)
    files.append(
        File.generated(config, REVOKED_PATH, content=text, inclusion=InclusionLevel.INCLUDED)
    )
