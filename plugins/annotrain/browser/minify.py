"""Package scripts made small for the browser.

rjsmin drops comments and spaces only. calmjs.parse also gives every function's
local names short ones (never a global or a property), which takes about a tenth
more off each page's scripts once gzipped: the margin that keeps a lesson with
the heaviest task types within the page weight budget. It reads ES5 only, which
is why the package's scripts are written in ES5; a script it cannot read is a
bug of the package, reported with its name.

Minifying all the scripts of a course takes a second or two, more than the rest
of a warm build, so what it makes is kept in the build's cache folder
(:func:`keep_in`, :func:`save`), under a hash of each script's text, and read back on the next
build. The file's name carries the minifier's version. Without a usable cache
folder everything still works, only slower.
"""

from __future__ import annotations

import functools
import hashlib
import json
from importlib.metadata import version
from pathlib import Path

from ..fileio import write_atomic

_store: dict[str, str] = {}  # hash of a script's text -> the script minified
_made: set[str] = set()  # hashes minified since the store was last written
_store_file: Path | None = None


@functools.cache
def _fingerprint() -> str:
    return hashlib.blake2b(version("calmjs.parse").encode(), digest_size=6).hexdigest()


def keep_in(cache_dir: Path | None) -> None:
    """Keep minified scripts in ``cache_dir`` between builds (None: in memory only)."""
    global _store_file
    path = Path(cache_dir) / f"scripts-{_fingerprint()}.json" if cache_dir else None
    if path == _store_file:
        return
    _store_file = path
    _store.clear()
    _made.clear()
    if path is None:
        return
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return  # none yet, or unreadable: it is made again
    if isinstance(kept, dict):
        _store.update((k, v) for k, v in kept.items() if isinstance(v, str))


def script(source: str, name: str) -> str:
    """``source`` (the package script ``name``) minified, local names shortened."""
    key = hashlib.blake2b(source.encode("utf-8"), digest_size=16).hexdigest()
    if key in _store:
        return _store[key]
    # Imported here: it takes longer to import than a warm build spends on its
    # scripts, which all come from the cache.
    from calmjs.parse import es5
    from calmjs.parse.exceptions import ECMASyntaxError
    from calmjs.parse.unparsers.es5 import minify_print

    try:
        small = minify_print(es5(source), obfuscate=True, obfuscate_globals=False)
    except ECMASyntaxError as error:
        raise ValueError(f"{name} is not ES5 that the minifier can read: {error}") from None
    _store[key] = small
    _made.add(key)
    return small


def save() -> None:
    """Write what was minified since the last save to the cache folder, if any."""
    if _store_file is None or not _made:
        return
    try:
        write_atomic(_store_file, json.dumps(_store, sort_keys=True))
        _made.clear()
    except OSError:
        pass  # a read-only cache folder: the next build minifies again
