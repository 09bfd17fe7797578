"""Images and audio that exercises show: found, measured, and published web-sized.

A task names its media file relative to the file it is written in (the lesson's
Markdown or the quiz's YAML), as a Markdown link would::

    image: ../assets/images/pcb-03.png
    audio: ../assets/audio/greeting.ogg

At load time the file is found and measured: an image's natural size (after its
EXIF orientation, the way browsers show it) and an audio clip's duration. Gold
geometry is checked against these, and grading always happens in the original's
pixels and seconds. At build time :meth:`MediaLibrary.site_files` gives the files
the site needs (the MkDocs plugin hands them to MkDocs; :meth:`MediaLibrary.publish`
writes them into a folder): images at most :data:`MAX_WIDTH` pixels wide, as WebP
with a JPEG or PNG fallback; audio as it is. The browser draws in natural pixels
over whatever size the copy is shown at, so the copy's size never changes a grade.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import io
import json
import shutil
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..fileio import write_atomic
from .fields import Fields

if TYPE_CHECKING:
    from PIL import Image

#: Where published media go in the built site.
SITE_DIR = "assets/annotrain/media"
#: Widest web copy: Material's content column at a device pixel ratio of 2.
MAX_WIDTH = 1600
#: Larger images are refused at authoring time: a page must never try to decode them.
MAX_PIXELS = 40_000_000
#: Longer clips are refused: an exercise clip is seconds or minutes, not hours.
MAX_AUDIO_SECONDS = 30 * 60
#: Formats accepted; photographs get a JPEG fallback, everything else a PNG one.
IMAGE_FORMATS = ("JPEG", "PNG", "WEBP", "GIF", "TIFF")
AUDIO_SUFFIXES = (".ogg", ".opus", ".oga", ".mp3", ".wav", ".flac", ".m4a", ".webm")
#: mutagen's readers for each suffix, as (module, class). Reading a clip with
#: mutagen.File and no list imports all of its two dozen readers first.
_AUDIO_READERS = {
    ".ogg": (("oggopus", "OggOpus"), ("oggvorbis", "OggVorbis")),
    ".oga": (("oggopus", "OggOpus"), ("oggvorbis", "OggVorbis")),
    ".opus": (("oggopus", "OggOpus"),),
    ".mp3": (("mp3", "MP3"),),
    ".wav": (("wave", "WAVE"),),
    ".flac": (("flac", "FLAC"),),
    ".m4a": (("mp4", "MP4"),),
}
#: EXIF orientations that turn the picture by 90 degrees (width and height swap).
_TURNED = {5, 6, 7, 8}


@dataclass(frozen=True)
class MediaFile:
    """A media file a task uses, and the name of its copy in the built site."""

    source: Path
    kind: str  # "image" or "audio"
    site_name: str  # path in the built site, e.g. assets/annotrain/media/pcb-1a2b3c4d.png


class MediaLibrary:
    """Finds and measures the media of tasks; remembers them for :meth:`site_files`.

    ``root`` is the folder paths in error messages are relative to (the folder of
    mkdocs.yml): a task written in ``course/week-4/boxes.md`` has its image found
    next to ``root / "course/week-4/boxes.md"``. With ``cache_dir``, measurements
    and web copies are kept there between builds.
    """

    def __init__(self, root: Path | str = ".", cache_dir: Path | str | None = None) -> None:
        self.root = Path(root)
        self.cache_dir = Path(cache_dir) if cache_dir else None
        self.files: dict[str, MediaFile] = {}  # site name -> file
        # What measuring found, by file and version (see _stamp): kept in cache_dir
        # between builds, so an unchanged file is not opened with Pillow or mutagen.
        self._facts_file = self.cache_dir / f"media-{FACTS_VERSION}.json" if cache_dir else None
        self._kept_facts = _read_json(self._facts_file)
        self._facts: dict[str, dict] = {}
        #: When a list, every file a task reads is added to it (see markdown_ext).
        self.recording: list[MediaFile] | None = None

    def _measured(self, source: Path, facts: tuple[str, ...], measure: Callable[[], dict]) -> dict:
        """The ``facts`` of ``source``: kept ones while the file is unchanged, else measure()."""
        stamp = _stamp(source)
        if stamp not in self._facts:
            kept = self._kept_facts.get(stamp)
            whole = isinstance(kept, dict) and all(fact in kept for fact in facts)
            self._facts[stamp] = kept if whole else measure()
        return self._facts[stamp]

    def _locate(self, fields: Fields, key: str, suffixes: tuple[str, ...] | None) -> Path:
        ref = fields.text(key, required=True)
        if "://" in ref or ref.startswith("//"):
            raise fields.error(
                key, f"{key} {ref!r} is a web address; give a file next to the lesson instead"
            )
        base = (self.root / fields.path).parent if fields.path else self.root
        source = (base / ref).resolve()
        if not source.is_file():
            raise fields.error(key, f"{key} file {ref!r} not found (looked for {source})")
        if suffixes and source.suffix.lower() not in suffixes:
            raise fields.error(
                key,
                f"{key} file {ref!r} is not a supported audio format; use one of "
                + ", ".join(suffixes),
            )
        return source

    def _remember(self, source: Path, kind: str, suffix: str) -> str:
        digest = hashlib.sha256(source.read_bytes()).hexdigest()[:10]
        site_name = f"{SITE_DIR}/{source.stem}-{digest}{suffix}"
        self.files[site_name] = MediaFile(source, kind, site_name)
        if self.recording is not None:
            self.recording.append(self.files[site_name])
        return site_name

    def unchanged(self, files: list[MediaFile], kept: list[str]) -> bool:
        """True when ``files`` are as they were when :func:`stamps` gave ``kept``."""
        try:
            return stamps(files) == kept
        except OSError:
            return False

    def reuse(self, files: list[MediaFile]) -> None:
        """Publish ``files`` with this build, as when a task read them."""
        for item in files:
            self.files[item.site_name] = item

    def image(self, fields: Fields, key: str = "image") -> dict:
        """Read ``key`` as an image: ``{"src", "webp", "width", "height"}`` in natural pixels.

        ``src`` and ``webp`` are paths in the built site (see :meth:`site_files`).
        """
        source = self._locate(fields, key, None)
        measure = functools.partial(self._measure_image, source, fields, key)
        info = self._measured(source, ("width", "height", "photo"), measure)
        src = self._remember(source, "image", ".jpg" if info["photo"] else ".png")
        return {
            "src": src,
            "webp": _webp_name(src),
            "width": info["width"],
            "height": info["height"],
        }

    def _measure_image(self, source: Path, fields: Fields, key: str) -> dict:
        from PIL import Image, UnidentifiedImageError

        too_large = (
            f"{key} file {source.name!r} is {{size}}, more than the "
            f"{MAX_PIXELS // 1_000_000} megapixels a learner's browser can be asked to "
            "open; scale it down first"
        )
        try:
            # Pillow warns about (and past twice its limit refuses) huge images as
            # possible decompression bombs; MAX_PIXELS below is the stricter rule.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                with Image.open(source) as image:  # lazy: reads the header, not the pixels
                    width, height = image.size
                    kind = image.format
                    # Before reading EXIF, which for a PNG can mean decoding every pixel.
                    if width * height > MAX_PIXELS:
                        raise fields.error(key, too_large.format(size=f"{width} x {height} pixels"))
                    photo = _is_photo(image, source)
                    orientation = _orientation(image)
        except Image.DecompressionBombError:
            refused = too_large.replace("is {size}", "has so many pixels that Pillow refuses it")
            raise fields.error(key, refused) from None
        except (UnidentifiedImageError, OSError) as exc:
            raise fields.error(
                key, f"{key} file {source.name!r} is not a readable image ({exc})"
            ) from None
        if kind not in IMAGE_FORMATS:
            raise fields.error(
                key, f"{key} file {source.name!r} is {kind}; use JPEG, PNG, WebP, GIF or TIFF"
            )
        if orientation in _TURNED:
            width, height = height, width
        return {"width": width, "height": height, "photo": photo}

    def audio(self, fields: Fields, key: str = "audio") -> dict:
        """Read ``key`` as an audio clip: ``{"src", "duration"}`` (seconds)."""
        source = self._locate(fields, key, AUDIO_SUFFIXES)
        measure = functools.partial(self._measure_audio, source, fields, key)
        length = self._measured(source, ("duration",), measure)["duration"]
        return {"src": self._remember(source, "audio", source.suffix.lower()), "duration": length}

    def _measure_audio(self, source: Path, fields: Fields, key: str) -> dict:
        import mutagen

        try:
            info = mutagen.File(source, options=_audio_readers(source.suffix.lower()))
        except mutagen.MutagenError:
            info = None
        try:
            if info is None:  # not what its suffix says: let mutagen try every format
                info = mutagen.File(source)
        except mutagen.MutagenError as exc:
            raise fields.error(key, f"{key} file {source.name!r} cannot be read ({exc})") from None
        length = getattr(getattr(info, "info", None), "length", None)
        if not length or length <= 0:
            raise fields.error(key, f"{key} file {source.name!r} has no readable duration")
        if length > MAX_AUDIO_SECONDS:
            raise fields.error(
                key,
                f"{key} file {source.name!r} lasts {length / 60:.0f} minutes; exercise clips "
                f"may last at most {MAX_AUDIO_SECONDS // 60} minutes: cut the part to label",
            )
        return {"duration": length}

    def site_files(self) -> list[tuple[str, Path | bytes]]:
        """Every file the remembered media add to the site: (path in the site, source).

        The source is a file to copy (an audio clip as it is, an image's web copy
        kept in the library's ``cache_dir``) or, without a usable cache folder, the
        web copy's bytes. Making a web copy (scaling, WebP) is the slowest part of a
        build, and ``mkdocs build`` empties the site folder each time: copies made
        once are kept in ``cache_dir`` while the source file is unchanged (their
        names carry a hash of its content). The library's measurements are kept
        there too.
        """
        self._keep_facts()
        found: list[tuple[str, Path | bytes]] = []
        for item in self.files.values():
            if item.kind == "audio":
                found.append((item.site_name, item.source))
            else:
                names = (item.site_name, _webp_name(item.site_name))
                found += zip(names, _image_copies(item, self.cache_dir), strict=True)
        return found

    def publish(self, site_dir: Path | str) -> list[Path]:
        """Write :meth:`site_files` under ``site_dir``; return the paths written."""
        written = []
        for name, source in self.site_files():
            target = Path(site_dir) / name
            if isinstance(source, bytes):
                write_atomic(target, source)
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
            written.append(target)
        return written

    def _keep_facts(self) -> None:
        """Write this build's measurements to cache_dir, if they changed (see _measured)."""
        if self._facts_file is None or self._facts == self._kept_facts:
            return
        try:
            write_atomic(self._facts_file, json.dumps(self._facts, sort_keys=True))
            self._kept_facts = dict(self._facts)
        except OSError:
            pass  # a read-only project: measure again next time


#: Part of the measurements file's name: raise it when measuring finds other facts.
FACTS_VERSION = 1
#: Part of the cache's folder name: raise it when web_copies() makes other bytes.
WEB_COPIES_VERSION = 1


def stamps(files: list[MediaFile]) -> list[str]:
    """Which version of each file: see :meth:`MediaLibrary.unchanged`."""
    return [_stamp(item.source) for item in files]


def _stamp(source: Path) -> str:
    """Which file in which version: its path, size and modification time."""
    status = source.stat()
    return f"{source}|{status.st_size}|{status.st_mtime_ns}"


def _read_json(path: Path | None) -> dict:
    """The mapping in a JSON file; empty when it is missing, unreadable or not a mapping."""
    if path is None:
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _webp_name(site_name: str) -> str:
    """``media/pcb-1a2b.web.webp`` for ``media/pcb-1a2b.png``: the WebP copy's name."""
    return site_name.rsplit(".", 1)[0] + ".web.webp"


def _image_copies(item: MediaFile, cache_dir: Path | None) -> tuple[Path | bytes, Path | bytes]:
    """An image's web copies (fallback, WebP): files in ``cache_dir``, made there if new.

    Without a cache folder, or one that cannot be read or written, the copies'
    bytes instead.
    """
    if cache_dir is not None:
        folder = Path(cache_dir) / f"web-copies-{WEB_COPIES_VERSION}-{MAX_WIDTH}"
        kept = folder / Path(item.site_name).name
        kept_webp = folder / _webp_name(kept.name)
        try:
            if not (kept.is_file() and kept_webp.is_file()):
                _write_web_copies(item.source, kept, kept_webp)
            return kept, kept_webp
        except OSError:
            pass  # a read-only project: build without the cache
    return web_copies(item.source)


def _write_web_copies(source: Path, target: Path, webp_target: Path) -> None:
    """Write web_copies() of ``source``; each file appears whole or not at all."""
    for data, path in zip(web_copies(source), (target, webp_target), strict=True):
        write_atomic(path, data)


def _audio_readers(suffix: str) -> list[type]:
    """Mutagen's readers for files ending in ``suffix`` (none known: an empty list)."""
    return [
        getattr(importlib.import_module(f"mutagen.{module}"), name)
        for module, name in _AUDIO_READERS.get(suffix, ())
    ]


def _orientation(image: Image.Image) -> int:
    """The EXIF orientation (1 = upright) as far as the header tells it.

    A PNG's EXIF chunk may follow the pixels, and Pillow's getexif() then decodes
    the whole image: only a chunk before the pixels counts, in measuring and in
    the web copies alike.
    """
    if image.format == "PNG" and "exif" not in image.info:
        return 1
    return image.getexif().get(0x0112, 1)


def _is_photo(image: Image.Image, source: Path) -> bool:
    """Photographs (JPEG, or lossy WebP without transparency) get a JPEG fallback."""
    if image.format == "JPEG":
        return True
    if image.format == "WEBP":
        with open(source, "rb") as file:  # a lossless WebP stores a VP8L chunk
            lossless = b"VP8L" in file.read(65536)
        return not lossless and "A" not in image.mode
    return False


def web_copies(source: Path) -> tuple[bytes, bytes]:
    """(fallback, WebP) bytes of ``source``, upright and at most MAX_WIDTH pixels wide.

    The fallback is JPEG for photographs and PNG otherwise (see :func:`_is_photo`).
    """
    from PIL import Image, ImageOps

    with Image.open(source) as original:
        photo = _is_photo(original, source)
        turned = _orientation(original) != 1
        image = ImageOps.exif_transpose(original) if turned else original.copy()
    if image.width > MAX_WIDTH:
        height = round(image.height * MAX_WIDTH / image.width)
        image = image.resize((MAX_WIDTH, height), Image.Resampling.LANCZOS)
    if photo:
        image = image.convert("RGB")
    elif image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA")
    fallback = io.BytesIO()
    if photo:
        image.save(fallback, "JPEG", quality=85, optimize=True, progressive=True)
    else:
        image.save(fallback, "PNG", optimize=True)
    webp = io.BytesIO()
    # Photos compress lossy; drawings (PNG) stay sharp and exact.
    image.save(webp, "WEBP", quality=80, lossless=not photo, method=4)
    return fallback.getvalue(), webp.getvalue()


def check_inside(fields: Fields, key: str, image: dict, x: float, y: float, what: str) -> None:
    """Raise when the point (x, y) lies outside the image (natural pixels)."""
    width, height = image["width"], image["height"]
    if not (0 <= x <= width and 0 <= y <= height):
        raise fields.error(
            key,
            f"{what} at ({x:g}, {y:g}) lies outside the {width} x {height} image; "
            f"coordinates are natural pixels from the top-left corner",
        )
