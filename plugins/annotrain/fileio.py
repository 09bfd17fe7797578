"""Writing files whole: a reader never sees half of one, and a failure leaves none."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


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
