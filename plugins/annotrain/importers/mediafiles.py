"""Finding an export's images and audio on disk, and naming them from the quiz file.

Exports name media by where the labeling tool served them from, not where the
trainer has them: Label Studio says ``/data/upload/3/1a2b3c4d-photo.jpg``,
``/data/local-files/?d=images/photo.jpg``, ``http://host/photo.jpg?token=...`` or
``s3://bucket/photo.jpg``; COCO says ``file_name`` (``photo.jpg`` or
``train2017/photo.jpg``). A :class:`MediaFolder` indexes every file under a folder
the trainer names (``--media``, ``--images``) by file name and finds a reference by
its last path part, also without the ``1a2b3c4d-`` prefix Label Studio adds to
uploads. Two different files with the wanted name are ambiguous and never guessed
between. Only regular files inside the folder are used: a link in it to a file
elsewhere, a pipe or a device is refused. :class:`MediaFolder.place` gives the path a quiz file in ``base`` uses to
refer to the file (relative, with ``/``), and for images their natural size the
way annotrain measures it (after EXIF orientation, as browsers show them).
"""

from __future__ import annotations

import filecmp
import os
import re
import stat
import warnings
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import parse_qs, unquote, urlsplit

import mutagen
from PIL import Image, UnidentifiedImageError

from ..course.media import MAX_PIXELS
from .output import ImporterError

#: Label Studio renames uploads to "<8 hex digits>-<original name>".
UPLOAD_PREFIX = re.compile(r"^[0-9a-f]{8}-(?=.)")
#: A folder with more files than this is refused: point at the media, not at a disk.
MAX_FILES = 200_000
#: EXIF orientations that turn the picture by 90 degrees (width and height swap).
TURNED = {5, 6, 7, 8}


class MediaError(ValueError):
    """A media reference that cannot be resolved: a general ``reason`` and the ``detail``.

    Importers group skipped tasks by reason and list the details with the tasks.
    """

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason} ({detail})" if detail else reason)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class Placed:
    """A found media file: its path as the quiz writes it, and for images their size."""

    path: Path
    ref: str  # relative to the quiz file's folder, with "/"
    size: tuple[int, int] | None = None  # natural (width, height), EXIF-oriented
    stored: tuple[int, int] | None = None  # (width, height) of the stored pixels
    duration: float | None = None  # seconds, for audio


def file_name(reference: str) -> str:
    """The file name a tool's media reference ends with; MediaError when there is none."""
    if reference.startswith("data:"):
        raise MediaError("the media is embedded in the export (a data: URL), not a file")
    parts = urlsplit(reference)
    path = parts.path
    if "d" in parse_qs(parts.query):  # Label Studio local storage: /data/local-files/?d=a/b.jpg
        path = parse_qs(parts.query)["d"][0]
    name = PurePosixPath(unquote(path).replace("\\", "/")).name
    if not name or name in (".", ".."):
        raise MediaError("no file name in the media reference", _short(reference))
    return name


def _short(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


class MediaFolder:
    """The files under ``root``, by name, and where a quiz file in ``base`` finds them."""

    def __init__(self, root: Path, base: Path, option: str = "--media") -> None:
        self.root = root
        self.base = base
        self.option = option
        if not root.is_dir():
            raise ImporterError(f"{option} {root}: no such folder")
        self.names: dict[str, list[Path]] = {}
        count = 0
        for folder, subfolders, files in os.walk(root):
            subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
            for name in sorted(files):
                count += 1
                if count > MAX_FILES:
                    raise ImporterError(
                        f"{option} {root}: more than {MAX_FILES} files; give the folder that "
                        "holds the export's media"
                    )
                self.names.setdefault(name, []).append(Path(folder) / name)

    def find(self, reference: str, relative: str | None = None) -> Path:
        """The file a reference names; MediaError when none or two different ones match.

        ``relative`` is a path inside the folder to try first (COCO's ``file_name``).
        """
        if relative:
            candidate = (self.root / relative).resolve()
            if candidate.is_file() and candidate.is_relative_to(self.root.resolve()):
                return candidate
        name = file_name(reference)
        tried = [name]
        stripped = UPLOAD_PREFIX.sub("", name)
        if stripped != name:
            tried.append(stripped)
        for wanted in tried:
            found = [self._inside(path) for path in self.names.get(wanted, [])]
            if len(found) > 1 and any(not filecmp.cmp(found[0], f, False) for f in found[1:]):
                raise MediaError(
                    f"different files with the media file's name in {self.option} {self.root}",
                    f"{len(found)} named {wanted}",
                )
            if found:
                return found[0]
        raise MediaError(f"media file not found in {self.option} {self.root}", " or ".join(tried))

    def _inside(self, path: Path) -> Path:
        """``path`` resolved, if it is a regular file inside the folder; MediaError if not.

        A link inside the folder to a file elsewhere is refused: the folder the
        trainer names is all an import may read. So is a pipe or a device, which
        would block or never end when read.
        """
        resolved = path.resolve()
        if not resolved.is_relative_to(self.root.resolve()):
            raise MediaError(
                f"the media file is a link to a file outside {self.option} {self.root}",
                path.name,
            )
        try:
            regular = stat.S_ISREG(resolved.stat().st_mode)
        except OSError:
            regular = False
        if not regular:
            raise MediaError("the media file is not a regular file", path.name)
        return resolved

    def ref(self, path: Path) -> str:
        """``path`` relative to the quiz file's folder, with "/" (absolute if on another drive)."""
        try:
            return Path(os.path.relpath(path, self.base.resolve())).as_posix()
        except ValueError:
            return path.as_posix()

    def place_image(self, reference: str, relative: str | None = None) -> Placed:
        path = self.find(reference, relative)
        stored, size = image_size(path)
        return Placed(path, self.ref(path), size, stored)

    def place_audio(self, reference: str) -> Placed:
        path = self.find(reference)
        return Placed(path, self.ref(path), duration=audio_duration(path))


def image_size(path: Path) -> tuple[tuple[int, int], tuple[int, int]]:
    """(stored, natural) sizes of an image; natural is after EXIF orientation.

    Raises MediaError for a file that is not a readable image or is too large.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:  # lazy: reads the header, not the pixels
                width, height = image.size
                orientation = image.getexif().get(0x0112, 1)
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError):
        raise MediaError("the media file is not a readable image", path.name) from None
    if width * height > MAX_PIXELS:
        raise MediaError(
            f"the image is larger than {MAX_PIXELS // 1_000_000} megapixels: scale it down first",
            f"{path.name}, {width} x {height}",
        )
    natural = (height, width) if orientation in TURNED else (width, height)
    return (width, height), natural


def audio_duration(path: Path) -> float:
    """An audio file's duration in seconds, measured as annotrain does; MediaError if unreadable."""
    try:
        info = mutagen.File(path)
    except (mutagen.MutagenError, OSError):
        info = None
    length = getattr(getattr(info, "info", None), "length", None)
    if not length or length <= 0:
        raise MediaError("the media file is not a readable audio clip", path.name)
    return float(length)
