"""Very large inputs end in a clear ``file:line`` message or a working site, never
in a traceback, a hang or a page too heavy to open: quiz banks past their limit,
huge YAML, alias bombs, images far too large for a browser, and hours of audio."""

from __future__ import annotations

import struct
import time
import zlib

import numpy as np
import pytest
from PIL import Image

from annotrain.course import yamlpos
from annotrain.course.fields import Fields
from annotrain.course.media import MAX_AUDIO_SECONDS, MAX_PIXELS, MAX_WIDTH, MediaLibrary
from annotrain.course.quizzes import MAX_BANK_TASKS
from annotrain.errors import AuthoringError
from annotrain.tasktypes import TASK_TYPES

from .hostile import BASE, as_yaml, fenced
from .sites import CHOICE, Site


def bank(tasks: int) -> str:
    """A quiz file with ``tasks`` choice tasks written in place, 10 drawn."""
    lines = ["title: Big bank", "sections:", "  - draw: 10", "    tasks:"]
    for n in range(tasks):
        lines += [
            "      - type: choice",
            f"        id: b{n:05d}",
            f"        prompt: Is review {n} positive?",
            "        labels: [Negative, Neutral, Positive]",
            "        rubric: choice-standard",
            "        gold: {choice: Positive}",
        ]
    return "\n".join(lines) + "\n"


QUIZ_PAGE = {"quiz.md": "# Quiz\n\n```annotrain\nquiz: big\n```\n"}


def test_a_5000_task_bank_is_refused_quickly_with_file_and_line(tmp_path):
    site = Site(tmp_path, QUIZ_PAGE)
    (tmp_path / "quizzes" / "big.yml").write_text(bank(5000), encoding="utf-8")
    started = time.perf_counter()
    result = site.build()
    took = time.perf_counter() - started
    assert result.returncode != 0
    line = 4 + 6 * MAX_BANK_TASKS + 1  # the first task past the limit
    assert (
        f"quizzes/big.yml:{line}: this quiz's bank holds 5000 tasks, more than 1000"
        in result.stderr
    )
    assert "split the bank into several quizzes" in result.stderr
    assert "Traceback" not in result.stderr
    assert took < 120, f"{took:.0f} s"


def test_a_bank_at_the_limit_builds(tmp_path):
    site = Site(tmp_path, QUIZ_PAGE)
    (tmp_path / "quizzes" / "big.yml").write_text(bank(MAX_BANK_TASKS), encoding="utf-8")
    result = site.build()
    assert result.returncode == 0, result.stderr
    tasks = site.html("quiz/index.html").select(".annotrain-quiz-task")
    assert len(tasks) == MAX_BANK_TASKS


def test_huge_yaml_is_refused_before_it_is_parsed(tmp_path):
    site = Site(tmp_path, QUIZ_PAGE)
    text = bank(20_000)  # about 3.6 million characters per 7,000 tasks
    text += "# " + "x" * (yamlpos.MAX_CHARS - len(text)) + "\n"
    (tmp_path / "quizzes" / "big.yml").write_text(text, encoding="utf-8")
    started = time.perf_counter()
    result = site.build()
    assert result.returncode != 0
    assert "quizzes/big.yml:1: YAML document too large (8.0 million characters" in result.stderr
    assert "Traceback" not in result.stderr
    assert time.perf_counter() - started < 60


def test_a_huge_exercise_block_in_a_lesson_is_refused_at_its_line(tmp_path):
    text = "x" * (yamlpos.MAX_CHARS + 10)
    block = CHOICE.format(id="e1").replace("text: Great value, arrived early.", f"text: {text}")
    site = Site(tmp_path, {"lesson.md": "# Lesson\n\nSome words.\n\n" + block})
    result = site.build()
    assert result.returncode != 0
    assert "docs/lesson.md:6: YAML document too large" in result.stderr
    assert "Traceback" not in result.stderr


ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{name}: &{name} [{', '.join(['*' + prev] * 10)}]\n"
    for prev, name in zip("abcdef", "bcdefg", strict=True)
)


def test_an_alias_bomb_is_refused(tmp_path):
    started = time.perf_counter()
    with pytest.raises(AuthoringError) as error:
        yamlpos.load(ALIAS_BOMB, "quizzes/bomb.yml")
    assert time.perf_counter() - started < 5
    assert str(error.value).startswith("quizzes/bomb.yml:")
    assert "more than 200000 values" in str(error.value)


# --- images ----------------------------------------------------------------------------


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims ``width`` x ``height`` pixels: enough for Pillow to open it."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


def photo(path, width: int, height: int) -> None:
    """A JPEG of noise, heavy as a high-resolution photograph (about 20 MB at 48 MP)."""
    rng = np.random.default_rng(1)
    pixels = rng.integers(0, 256, (height, width, 3), dtype=np.uint8)
    pixels[:, : width // 3] //= 16  # some calmer areas, as in a real photograph
    Image.fromarray(pixels).save(path, "JPEG", quality=80)


@pytest.fixture(scope="module")
def big_images(tmp_path_factory):
    """Images in ``<root>/docs``: a 20 MB photo over the pixel limit, one at the limit,
    and headers claiming more pixels than Pillow opens (warning and refusal)."""
    root = tmp_path_factory.mktemp("images")
    docs = root / "docs"
    docs.mkdir()
    photo(docs / "over.jpg", 8000, 6000)
    side = int(MAX_PIXELS**0.5)
    photo(docs / "at-limit.jpg", side, side)
    (docs / "warns.png").write_bytes(png_header_only(10_000, 10_000))
    (docs / "bomb.png").write_bytes(png_header_only(20_000, 10_000))
    return root


def image_fields(name: str) -> Fields:
    """The fields of an exercise on lines 11-12 of docs/lesson.md naming image ``name``."""
    data = yamlpos.load(f"prompt: Box the cars.\nimage: {name}\n", "docs/lesson.md", 10)
    return Fields(data, "docs/lesson.md", "an exercise", ("prompt", "image"), 11)


def test_the_oversize_photo_is_really_20_mb(big_images):
    assert 15e6 < (big_images / "docs" / "over.jpg").stat().st_size < 40e6


@pytest.mark.parametrize(
    "name, message",
    [
        ("over.jpg", "image file 'over.jpg' is 8000 x 6000 pixels, more than the 40 megapixels"),
        (
            "warns.png",
            "image file 'warns.png' is 10000 x 10000 pixels, more than the 40 megapixels",
        ),
        ("bomb.png", "image file 'bomb.png' has so many pixels that Pillow refuses it, more than"),
    ],
)
def test_an_oversize_image_is_refused_at_its_line(big_images, name, message):
    started = time.perf_counter()
    with pytest.raises(AuthoringError) as error:
        MediaLibrary(big_images).image(image_fields(name))
    assert str(error.value).startswith(f"docs/lesson.md:12: {message}")
    assert "scale it down first" in str(error.value)
    assert time.perf_counter() - started < 2, "decided from the header, no pixel decoded"


def test_an_image_at_the_limit_is_measured_and_published_web_sized(big_images, tmp_path):
    media = MediaLibrary(big_images)
    info = media.image(image_fields("at-limit.jpg"))
    side = int(MAX_PIXELS**0.5)
    assert (info["width"], info["height"]) == (side, side)
    written = media.publish(tmp_path)
    assert len(written) == 2
    for path in written:
        with Image.open(path) as copy:
            assert copy.width == MAX_WIDTH and copy.height == MAX_WIDTH


IMAGE_TYPES = [name for name, kind in TASK_TYPES.items() if "image" in kind.fields]


@pytest.mark.parametrize("type_name", IMAGE_TYPES)
def test_an_oversize_image_fails_the_build_with_file_and_line(big_images, tmp_path, type_name):
    """Every task type with an image: the build names the exercise's image line."""
    assert type_name in BASE, f"add a working {type_name} exercise to tests/hostile.py BASE"
    block = dict(BASE[type_name], id="big-image", image="over.jpg")
    site = Site(tmp_path, {"lesson.md": "# Lesson\n\n" + fenced(block)})
    (tmp_path / "docs" / "over.jpg").write_bytes((big_images / "docs" / "over.jpg").read_bytes())
    result = site.build()
    assert result.returncode != 0
    line = 4 + as_yaml(block).split("\n").index("image: over.jpg")
    assert f"docs/lesson.md:{line}: image file 'over.jpg' is 8000 x 6000 pixels" in result.stderr
    assert "Traceback" not in result.stderr


# --- audio -----------------------------------------------------------------------------

AUDIO_TYPES = [name for name, kind in TASK_TYPES.items() if "audio" in kind.fields]
LONG_SECONDS = 2 * 60 * 60


def silent_wav(path, seconds: int, rate: int = 16_000) -> None:
    """A genuine WAV of ``seconds`` of 16-bit mono silence: the RIFF header with the
    real data size, the samples left as a hole in a sparse file (zeros, no disk)."""
    data = seconds * rate * 2
    header = b"RIFF" + struct.pack("<I", 36 + data) + b"WAVE"
    header += b"fmt " + struct.pack("<IHHIIHH", 16, 1, 1, rate, rate * 2, 2, 16)
    header += b"data" + struct.pack("<I", data)
    with open(path, "wb") as file:
        file.write(header)
        file.truncate(len(header) + data)


def audio_fields(name: str) -> Fields:
    """The fields of an exercise on lines 11-12 of docs/lesson.md naming clip ``name``."""
    data = yamlpos.load(f"prompt: Transcribe it.\naudio: {name}\n", "docs/lesson.md", 10)
    return Fields(data, "docs/lesson.md", "an exercise", ("prompt", "audio"), 11)


LONG_AUDIO = (
    f"audio file 'long.wav' lasts {LONG_SECONDS // 60} minutes; exercise clips may last at "
    f"most {MAX_AUDIO_SECONDS // 60} minutes"
)


def test_a_two_hour_clip_is_refused_at_its_line_from_its_header(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    clip = docs / "long.wav"
    silent_wav(clip, LONG_SECONDS)
    assert clip.stat().st_size > 200e6, "two hours of 16 kHz samples"
    assert clip.stat().st_blocks * 512 < 1e6, "sparse: the samples take no disk"
    started = time.perf_counter()
    with pytest.raises(AuthoringError) as error:
        MediaLibrary(tmp_path).audio(audio_fields("long.wav"))
    assert time.perf_counter() - started < 2, "decided from the header, no sample read"
    assert str(error.value).startswith(f"docs/lesson.md:12: {LONG_AUDIO}: cut the part to label")


def test_a_clip_at_the_limit_is_measured(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    silent_wav(docs / "long.wav", MAX_AUDIO_SECONDS)
    info = MediaLibrary(tmp_path).audio(audio_fields("long.wav"))
    assert info["duration"] == pytest.approx(MAX_AUDIO_SECONDS)


@pytest.mark.parametrize("type_name", AUDIO_TYPES)
def test_an_overlong_clip_fails_the_build_with_file_and_line(tmp_path, type_name):
    """Every task type with audio: the build names the exercise's audio line."""
    assert type_name in BASE, f"add a working {type_name} exercise to tests/hostile.py BASE"
    block = dict(BASE[type_name], id="long-audio", audio="long.wav")
    site = Site(tmp_path, {"lesson.md": "# Lesson\n\n" + fenced(block)})
    silent_wav(site.docs / "long.wav", LONG_SECONDS)
    result = site.build()
    assert result.returncode != 0
    line = 4 + as_yaml(block).split("\n").index("audio: long.wav")
    assert f"docs/lesson.md:{line}: {LONG_AUDIO}" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("name", ["clip.wav", "clip.mp3", "clip.ogg", "clip.webm"])
def test_a_clip_is_measured_whatever_its_suffix_says(tmp_path, name):
    """mutagen's readers for the suffix are tried first, then every reader it has."""
    docs = tmp_path / "docs"
    docs.mkdir()
    silent_wav(docs / name, 7)  # a WAV, whatever the name says
    assert MediaLibrary(tmp_path).audio(audio_fields(name))["duration"] == pytest.approx(7)
