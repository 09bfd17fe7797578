"""Files in and out: reading files from outside within limits, writing files whole.

Reading (:func:`read_limited`, :func:`read_json`) is for files a trainer is handed:
attempt files, exports. Such a file may be anything with a ``.json`` name: a
folder, a pipe that never ends, a link to ``/dev/zero``, a huge or deeply nested
document. So a file is opened without blocking, used only when it is a regular
file, and read up to a limit by reading (a file's stated size can be wrong:
``/dev/zero`` and ``/proc`` files say 0). JSON is then refused when it nests
deeper than :data:`MAX_DEPTH` or holds an integer of more than
:data:`MAX_INT_DIGITS` digits (Python refuses very long ones with an error of its
own, and a number past the range of floats breaks arithmetic later). Every
problem is one :class:`InputError` naming the file.

Writing (:func:`write_atomic`) goes through a temporary file, so a reader never
sees half of a file and a failure leaves none.
"""

from __future__ import annotations

import json
import os
import re
import stat
import tempfile
from itertools import accumulate, count
from operator import sub
from pathlib import Path
from typing import Any

from .errors import AnnotrainError

#: Deepest nesting of arrays and objects a JSON file may have. Real files need
#: about ten levels (a Label Studio export has nine); past this the decoder would
#: recurse towards Python's stack limit.
MAX_DEPTH = 100
#: Longest integer literal in a JSON file, in digits. A float holds about 309.
MAX_INT_DIGITS = 100
#: How much is read at a time.
CHUNK = 1024 * 1024


class InputError(AnnotrainError):
    """A file from outside that cannot be used: ``path[:line]: reason``."""

    def __init__(self, path: str | Path, reason: str, line: int | None = None):
        self.path, self.reason, self.line = str(path), reason, line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.reason}"


def size_text(count: int, exact: bool = False) -> str:
    """A byte count for people: "20 MB", "1.5 KB", "100 bytes" (1 MB = 1024 KB).

    ``exact``: a unit only when the count is a whole number of it, else bytes.
    """
    for unit, size in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if count >= size and (count % size == 0 or not exact):
            value = count / size
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{count} bytes"


def read_limited(path: str | Path, limit: int, what: str = "the file", hint: str = "") -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them.

    ``what`` names the expected content with its article ("an attempt file");
    ``hint`` ends the message for a file over the limit (how to make it smaller).
    Raises :class:`InputError` when the file is missing, a folder, not a regular
    file (a pipe, a device, a socket), unreadable or larger than ``limit``.
    """
    try:
        # O_NONBLOCK: opening a pipe with no writer would otherwise wait forever.
        # Nothing is read before fstat says the file is regular.
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        handle = os.open(path, flags)
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:  # Windows; elsewhere a folder opens and fstat says so
        raise InputError(path, f"is a folder, not {what}") from None
    except OSError as error:
        raise InputError(path, f"cannot read {what}: {error.strerror}") from None
    try:
        info = os.fstat(handle)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(path, f"is a folder, not {what}")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(path, f"is a pipe, device or socket, not a regular file: not {what}")
        if info.st_size > limit:
            raise _too_large(path, what, hint, limit, info.st_size)
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(handle, min(CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:  # the file grew, or said less than it holds
            raise _too_large(path, what, hint, limit, None)
        return b"".join(chunks)
    except OSError as error:
        raise InputError(path, f"cannot read {what}: {error.strerror}") from None
    finally:
        os.close(handle)


def _too_large(path: str | Path, what: str, hint: str, limit: int, size: int | None) -> InputError:
    """The refusal of a file over ``limit`` bytes (``size`` None: found by reading past it)."""
    allowed = size_text(limit, exact=True)
    if size is None:
        stated = f"larger than {allowed}"
    else:
        stated = size_text(size)
        stated = f"{size} bytes" if stated == allowed else stated
    reason = f"{what} is {stated}; files over {allowed} are refused"
    return InputError(path, reason + (f" ({hint})" if hint else ""))


class _LongIntegerError(ValueError):
    """Raised from inside the JSON decoder for an integer literal that is too long."""


def _integer(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise _LongIntegerError(text)
    return int(text)


# Every byte but brackets: deleted to keep only the structure.
_NOT_BRACKETS = bytes(range(256)).translate(None, b"[]{}")
# Opening brackets become 2, closing 0: the running sum minus the count is the depth.
_STEPS = bytes.maketrans(b"[{]}", b"\x02\x02\x00\x00")
_STRING = re.compile(rb'"[^"]*"')


def json_depth(raw: bytes) -> int:
    """How deep arrays and objects nest in the JSON text ``raw`` (0 for a bare value).

    Linear and without recursion, so a hostile document costs no more than its
    length: escaped backslashes and quotes are dropped, then strings (now free of
    quotes), then everything but brackets. On text that is not JSON the number is
    only an estimate, which is enough to refuse it.
    """
    plain = raw.replace(b"\\\\", b"").replace(b'\\"', b"")
    brackets = _STRING.sub(b"", plain).translate(None, _NOT_BRACKETS)
    return max(map(sub, accumulate(brackets.translate(_STEPS)), count(1)), default=0)


def parse_json(raw: bytes, path: str | Path, what: str = "JSON") -> Any:
    """Decode the JSON bytes ``raw`` read from ``path``; :class:`InputError` if unusable.

    Refuses text that is not UTF-8 (a byte order mark is allowed), invalid JSON
    (with its line), nesting deeper than :data:`MAX_DEPTH` and integers longer than
    :data:`MAX_INT_DIGITS` digits. ``NaN`` and ``Infinity`` are read as floats, as
    Python's ``json`` does: whoever uses the data checks its numbers.
    """
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if json_depth(raw) > MAX_DEPTH:
        raise InputError(path, f"nested too deeply (over {MAX_DEPTH} levels): not {what}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(path, f"not a text file (expected {what})") from None
    try:
        return json.loads(text, parse_int=_integer)
    except json.JSONDecodeError as error:
        raise InputError(
            path, f"not valid JSON (column {error.colno}: {error.msg})", error.lineno
        ) from None
    except _LongIntegerError as error:
        raise InputError(
            path,
            f"a number of {len(str(error).lstrip('-'))} digits; "
            f"numbers of more than {MAX_INT_DIGITS} digits are refused",
        ) from None
    except RecursionError:  # only if MAX_DEPTH were set past the stack's reach
        raise InputError(path, f"nested too deeply: not {what}") from None


def read_json(path: str | Path, limit: int, what: str = "a JSON file", hint: str = "") -> Any:
    """:func:`read_limited` then :func:`parse_json`: the data of a JSON file from outside."""
    return parse_json(read_limited(path, limit, what, hint), path, what)


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8, newlines as they are) to ``path`` via a temporary file.

    The folder is made if needed. On any error the temporary file is removed and
    the error raised; ``path`` is then as it was.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        if isinstance(data, str):
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
                out.write(data)
        else:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
