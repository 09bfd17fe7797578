"""The image pipeline of media.py: natural size, EXIF orientation, web copies written
into a built site and referenced by its pages, and authoring errors with path:line."""

from __future__ import annotations

import io
import json
import os
import shutil
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from annotrain.course.fields import Fields
from annotrain.course.media import (
    FACTS_VERSION,
    MAX_PIXELS,
    MAX_WIDTH,
    SITE_DIR,
    MediaLibrary,
    web_copies,
)
from annotrain.course.yamlpos import load
from annotrain.errors import AuthoringError

from .conftest import ROOT
from .sites import Site

IMAGES = ROOT / "course" / "assets" / "images"


def image_fields(folder: Path, name: str, text: str | None = None) -> Fields:
    """The fields of a task written in ``folder/lesson.md`` whose image is ``name``."""
    data = load(text or f"prompt: Look.\nimage: {name}\n", "lesson.md")
    return Fields(data, "lesson.md", "a task", ("prompt", "image"))


def measure(folder: Path, name: str) -> dict:
    return MediaLibrary(folder).image(image_fields(folder, name))


def decoded(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


@pytest.mark.parametrize(
    "name, size",
    [("pcb-01.png", (640, 400)), ("retina.jpg", (1411, 1411)), ("coins.jpg", (384, 303))],
)
def test_natural_size_is_recorded(name, size):
    info = measure(IMAGES, name)
    assert (info["width"], info["height"]) == size
    stem = name.rsplit(".", 1)[0]
    assert info["src"].startswith(f"{SITE_DIR}/{stem}-")
    assert info["webp"] == info["src"].rsplit(".", 1)[0] + ".web.webp"


def turned_jpeg(path: Path) -> None:
    """A 300 x 200 JPEG stored sideways: EXIF orientation 6 says "turn 90° clockwise".

    A red block marks the stored top-left corner; shown upright it is at the top right.
    """
    image = Image.new("RGB", (300, 200), "white")
    image.paste((255, 0, 0), (0, 0, 60, 40))
    exif = Image.Exif()
    exif[0x0112] = 6
    image.save(path, "JPEG", quality=95, exif=exif)


def test_exif_orientation_swaps_width_and_height_and_the_web_copy_is_upright(tmp_path):
    turned_jpeg(tmp_path / "turned.jpg")
    info = measure(tmp_path, "turned.jpg")
    assert (info["width"], info["height"]) == (200, 300)
    assert info["src"].endswith(".jpg")
    for data in web_copies(tmp_path / "turned.jpg"):
        copy = decoded(data).convert("RGB")
        assert copy.size == (200, 300)
        red = (255, 0, 0)

        def near(pixel, colour=red):
            return all(abs(a - b) < 40 for a, b in zip(pixel, colour, strict=True))

        assert near(copy.getpixel((190, 10)))  # top right: the stored top-left
        assert not near(copy.getpixel((10, 10)))
        assert not near(copy.getpixel((190, 290)))


def test_wide_images_get_copies_at_most_max_width(tmp_path):
    Image.new("RGB", (MAX_WIDTH + 800, 600), (20, 120, 60)).save(tmp_path / "wide.png")
    fallback, webp = web_copies(tmp_path / "wide.png")
    assert decoded(fallback).format == "PNG" and decoded(webp).format == "WEBP"
    assert decoded(fallback).size == decoded(webp).size == (MAX_WIDTH, 400)
    # The natural size stays the original's: geometry is graded in its pixels.
    assert measure(tmp_path, "wide.png")["width"] == MAX_WIDTH + 800


def test_photographs_get_a_jpeg_fallback_and_drawings_a_png_one(tmp_path):
    Image.new("RGB", (40, 30), "blue").save(tmp_path / "photo.webp", "WEBP", quality=80)
    Image.new("RGB", (40, 30), "blue").save(tmp_path / "drawing.webp", "WEBP", lossless=True)
    Image.new("P", (40, 30)).save(tmp_path / "icon.gif")
    for name, kind in [("photo.webp", "JPEG"), ("drawing.webp", "PNG"), ("icon.gif", "PNG")]:
        info = measure(tmp_path, name)
        assert info["src"].endswith(".jpg" if kind == "JPEG" else ".png"), name
        fallback, webp = web_copies(tmp_path / name)
        assert decoded(fallback).format == kind, name
        assert decoded(webp).format == "WEBP", name


def test_the_retina_photograph_gets_lighter_web_copies():
    original = (IMAGES / "retina.jpg").stat().st_size
    fallback, webp = web_copies(IMAGES / "retina.jpg")
    assert len(fallback) < original
    assert len(webp) < original * 0.8
    assert decoded(webp).size == (1411, 1411)


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims a size in its header and holds no pixels (Pillow opens it lazily)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


@pytest.mark.parametrize(
    "size, fragment",
    [
        ((8000, 6000), "is 8000 x 6000 pixels, more than the 40 megapixels"),
        ((10000, 9500), "is 10000 x 9500 pixels"),  # past Pillow's warning limit
        (
            (20000, 10000),
            "has so many pixels that Pillow refuses it, more than the 40 megapixels",
        ),  # past its refusal
    ],
)
def test_too_large_images_are_refused_clearly(tmp_path, size, fragment):
    assert size[0] * size[1] > MAX_PIXELS
    (tmp_path / "huge.png").write_bytes(png_header(*size))
    with pytest.raises(AuthoringError) as info:
        measure(tmp_path, "huge.png")
    message = str(info.value)
    assert message.startswith("lesson.md:2:") and fragment in message, message
    assert "scale it down" in message


@pytest.mark.parametrize(
    "setup, name, fragment",
    [
        (None, "nowhere.png", "image file 'nowhere.png' not found"),
        (b"not an image", "broken.png", "is not a readable image"),
        (None, "https://example.org/a.png", "is a web address"),
    ],
)
def test_unusable_image_files_are_reported_at_their_line(tmp_path, setup, name, fragment):
    if setup is not None:
        (tmp_path / name).write_bytes(setup)
    with pytest.raises(AuthoringError) as info:
        measure(tmp_path, name)
    assert str(info.value).startswith("lesson.md:2:") and fragment in str(info.value)


# --- a tiny site -----------------------------------------------------------------------

LESSON = """\
# Boards

```annotrain
type: bbox
id: board
prompt: Box the bridge.
image: images/pcb-01.png
labels: [Solder Bridge]
rubric: boxes-standard
gold:
  boxes:
    - {label: Solder Bridge, x: 126, y: 198, w: 27, h: 15}
```

```annotrain
type: bbox
id: photo
prompt: Box the coins.
image: images/retina.jpg
labels: [Coin]
rubric: boxes-standard
gold: {boxes: []}
```
"""


def site_with(tmp_path, lesson: str) -> Site:
    site = Site(tmp_path, {"index.md": "# Home\n", "week/lesson.md": lesson})
    (site.docs / "week" / "images").mkdir()
    for name in ("pcb-01.png", "retina.jpg"):
        shutil.copy(IMAGES / name, site.docs / "week" / "images" / name)
    return site


def test_build_writes_web_copies_that_the_page_references(tmp_path):
    site = site_with(tmp_path, LESSON)
    result = site.build()
    assert result.returncode == 0, result.stderr
    media = site.site_dir / SITE_DIR
    written = sorted(path.name for path in media.iterdir())
    assert len(written) == 4
    page = site.html("week/lesson/index.html")
    pictures = page.select(".annotrain-stage picture")
    assert len(pictures) == 2
    page_dir = site.site_dir / "week" / "lesson"
    for picture, (stem, suffix) in zip(
        pictures, [("pcb-01", ".png"), ("retina", ".jpg")], strict=True
    ):
        img, source = picture.img, picture.source
        fallback = (page_dir / img["src"]).resolve()
        webp = (page_dir / source["srcset"]).resolve()
        assert fallback.parent == webp.parent == media.resolve()
        assert fallback.name.startswith(stem + "-") and fallback.suffix == suffix
        assert fallback.is_file() and webp.is_file()
        assert source["type"] == "image/webp"
        with Image.open(fallback) as copy:
            assert (int(img["width"]), int(img["height"])) == copy.size
    retina = next(media.glob("retina-*.web.webp"))
    assert retina.stat().st_size < (IMAGES / "retina.jpg").stat().st_size


@pytest.mark.parametrize(
    "old, new, line, fragment",
    [
        ("image: images/pcb-01.png", "image: images/pcb-02.png", 7, "not found"),
        ("x: 126, y: 198", "x: 126, y: 390", 12, "spans y 390 to 405, outside the 640 x 400"),
    ],
)
def test_media_errors_fail_the_build_with_path_and_line(tmp_path, old, new, line, fragment):
    site = site_with(tmp_path, LESSON.replace(old, new))
    result = site.build()
    assert result.returncode != 0
    assert f"docs/week/lesson.md:{line}:" in result.stderr, result.stderr
    assert fragment in result.stderr
    assert "Traceback" not in result.stderr


def test_every_course_image_is_credited():
    credits = (ROOT / "course" / "credits.md").read_text(encoding="utf-8")
    images = [p.name for p in IMAGES.iterdir() if not p.name.endswith(".json")]
    assert images
    assert [name for name in images if f"`{name}`" not in credits] == []


# --- the course's drawn scenes: their gold is the gold they were drawn with ---------


def as_text(item: dict) -> str:
    """An object as comparable text, numbers as floats (gold is read as floats)."""

    def floats(value):
        if isinstance(value, list):
            return [floats(v) for v in value]
        return float(value) if isinstance(value, int) and not isinstance(value, bool) else value

    return json.dumps({k: floats(v) for k, v in item.items()}, sort_keys=True)


def test_exercises_on_generated_scenes_use_the_generated_gold():
    """tools/make_images.py writes <scene>.gold.json beside each synthetic image; an
    exercise or quiz task on that image must ask for exactly those objects."""
    from annotrain.course.loader import load_course

    course = load_course(ROOT / "mkdocs.yml")
    assert course.errors == []
    tasks = [*course.exercises.values()]
    tasks += [entry.task for quiz in course.quizzes.values() for entry in quiz.entries.values()]
    compared = 0
    for task in tasks:
        image = task.options.get("image")
        if not image or task.gold is None:  # a simulation's work item has no gold
            continue
        source = course.media.files[image["src"]].source
        gold_file = source.with_suffix(".gold.json")
        if not gold_file.exists():
            continue  # a photograph: its gold is the author's
        generated = json.loads(gold_file.read_text(encoding="utf-8"))
        (kind,) = generated
        assert sorted(map(as_text, task.gold[kind])) == sorted(map(as_text, generated[kind])), (
            task.id
        )
        compared += 1
    assert compared >= 5


# --- web copies kept between builds -------------------------------------------------


def published(folder: Path, site: Path, cache: Path | None) -> dict[str, bytes]:
    media = MediaLibrary(folder, cache)
    media.image(image_fields(folder, "photo.jpg"))
    return {p.name: p.read_bytes() for p in media.publish(site)}


def test_web_copies_are_kept_in_the_cache_and_reused(tmp_path):
    shutil.copy(IMAGES / "retina.jpg", tmp_path / "photo.jpg")
    cache = tmp_path / "cache"
    first = published(tmp_path, tmp_path / "site-1", cache)
    assert first == published(tmp_path, tmp_path / "site-0", None), "same bytes as uncached"
    kept = {p.name: p.read_bytes() for p in cache.glob("web-copies-*/*")}
    assert kept == first
    # The next build takes the kept copies as they are (marked here to show it).
    for path in cache.rglob("*.webp"):
        path.write_bytes(b"kept")
    again = published(tmp_path, tmp_path / "site-2", cache)
    assert [v for k, v in again.items() if k.endswith(".webp")] == [b"kept"]
    # A changed picture has another name: it gets fresh copies.
    shutil.copy(IMAGES / "coins.jpg", tmp_path / "photo.jpg")
    changed = published(tmp_path, tmp_path / "site-3", cache)
    assert set(changed).isdisjoint(first)
    assert b"kept" not in changed.values()


def test_an_unusable_cache_folder_does_not_stop_the_build(tmp_path):
    shutil.copy(IMAGES / "retina.jpg", tmp_path / "photo.jpg")
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the cache folder would go")
    copies = published(tmp_path, tmp_path / "site", blocked)
    assert copies == published(tmp_path, tmp_path / "site-0", None)


# --- measurements kept between builds ------------------------------------------------


def test_measurements_are_kept_and_used_while_the_file_is_unchanged(tmp_path):
    shutil.copy(IMAGES / "retina.jpg", tmp_path / "photo.jpg")
    cache = tmp_path / "cache"
    media = MediaLibrary(tmp_path, cache)
    measured = media.image(image_fields(tmp_path, "photo.jpg"))
    media.publish(tmp_path / "site")
    (facts_file,) = cache.glob("media-*.json")
    facts = json.loads(facts_file.read_text())
    assert [(f["width"], f["height"]) for f in facts.values()] == [
        (measured["width"], measured["height"])
    ]
    # Plant another width: the next build takes it instead of opening the file.
    (stamp,) = facts
    facts[stamp]["width"] = 1234
    facts_file.write_text(json.dumps(facts))
    assert MediaLibrary(tmp_path, cache).image(image_fields(tmp_path, "photo.jpg"))["width"] == 1234
    # A changed file is measured again.
    later = (tmp_path / "photo.jpg").stat().st_mtime_ns + 10**9
    os.utime(tmp_path / "photo.jpg", ns=(later, later))
    again = MediaLibrary(tmp_path, cache).image(image_fields(tmp_path, "photo.jpg"))
    assert again["width"] == measured["width"]


@pytest.mark.parametrize("damage", [b"{not json", b"[1, 2]", b'{"x": 1}', b"entry"])
def test_a_damaged_measurements_file_means_measuring_again(tmp_path, damage):
    shutil.copy(IMAGES / "retina.jpg", tmp_path / "photo.jpg")
    cache = tmp_path / "cache"
    expected = MediaLibrary(tmp_path).image(image_fields(tmp_path, "photo.jpg"))
    cache.mkdir()
    if damage == b"entry":  # the right file and stamp, a value without a width
        media = MediaLibrary(tmp_path, cache)
        media.image(image_fields(tmp_path, "photo.jpg"))
        media.publish(tmp_path / "site-0")
        (facts_file,) = cache.glob("media-*.json")
        damage = json.dumps({stamp: {"height": 1} for stamp in json.loads(facts_file.read_text())})
        damage = damage.encode()
    (cache / f"media-{FACTS_VERSION}.json").write_bytes(damage)
    media = MediaLibrary(tmp_path, cache)
    assert media.image(image_fields(tmp_path, "photo.jpg")) == expected
    media.publish(tmp_path / "site")
    assert MediaLibrary(tmp_path, cache).image(image_fields(tmp_path, "photo.jpg")) == expected
