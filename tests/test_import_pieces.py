"""The importers' pure pieces: span offsets, image geometry, finding media files.

Expected values are worked out by hand in the comments, or come from a reference
(shapely for rotations, Python's own UTF-16 codec for JavaScript offsets).
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image
from shapely import affinity
from shapely.geometry import box as shapely_box

from annotrain.importers.coco import crowd
from annotrain.importers.geometry import (
    GeometryError,
    box,
    clip_box,
    fit,
    on_image,
    outline_points,
    rotated_box,
    tidy,
)
from annotrain.importers.mediafiles import MediaError, MediaFolder, file_name, image_size
from annotrain.importers.output import ImporterError, shown
from annotrain.importers.textoffsets import LINE_BREAKS, SpanError, line_breaks, locate


def utf16(text: str, index: int) -> int:
    """Where code point ``index`` of ``text`` is in JavaScript's UTF-16 counting."""
    return len(text[:index].encode("utf-16-le")) // 2


# --- Span offsets -------------------------------------------------------------------

EMOJI = "🎉 Grace Hopper joined the Navy 🚢 in New York."  # 🎉 and 🚢 are 2 UTF-16 units


@pytest.mark.parametrize(
    "text, start, end, quoted, expected",
    [
        ("Ada Lovelace met Babbage.", 0, 12, "Ada Lovelace", (0, 12, False)),
        # characters: "🎉 " is 2 code points, so Grace Hopper is 2..14
        (EMOJI, 2, 14, "Grace Hopper", (2, 14, False)),
        # the same span counted in UTF-16 units: 3..15, repaired to 2..14
        (EMOJI, 3, 15, "Grace Hopper", (2, 14, True)),
        # after two emoji the UTF-16 offsets are 2 ahead: New York is 36..44 in code points
        (EMOJI, 38, 46, "New York", (36, 44, True)),
        # without a quoted text, offsets before any emoji mean the same either way
        (EMOJI, 0, 1, None, (0, 1, False)),
        ("plain text", 6, 10, None, (6, 10, False)),
        # combining accent: "e" + U+0301 are two code points and two UTF-16 units
        ("Café\u0301 Paris", 6, 11, "Paris", (6, 11, False)),
        # floats that are whole numbers are fine (JSON writers sometimes give 3.0)
        ("abc def", 4.0, 7.0, "def", (4, 7, False)),
    ],
)
def test_locate(text, start, end, quoted, expected):
    assert locate(text, start, end, quoted) == expected


@pytest.mark.parametrize(
    "text, start, end, quoted, message",
    [
        ("Alan Turing at Bletchley Park.", 15, 24, "Bletchley Park", "covers 'Bletchley'"),
        (EMOJI, 36, 44, "Grace", "but the annotation says 'Grace'"),
        (EMOJI, 36, 44, None, "character and UTF-16 offsets differ"),
        ("short", 2, 9, "ort", "ends beyond the text"),
        ("short", 3, 3, "", "covers no text"),
        ("short", "1", 3, None, "whole numbers"),
        ("short", True, 3, None, "whole numbers"),
        ("short", -1, 3, None, "covers no text"),
    ],
)
def test_locate_refuses_what_it_cannot_trust(text, start, end, quoted, message):
    with pytest.raises(SpanError, match=message):
        locate(text, start, end, quoted)


@given(st.text(min_size=1, max_size=40), st.data())
def test_utf16_offsets_are_always_repaired_to_the_same_characters(text, data):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    quoted = text[start:end]
    found = locate(text, utf16(text, start), utf16(text, end), quoted)
    assert text[found[0] : found[1]] == quoted  # never the wrong characters
    if (utf16(text, start), utf16(text, end)) == (start, end):
        assert not found[2]  # nothing before the span beyond U+FFFF: nothing to repair


@given(st.text(alphabet="ab\r\n\x85\u2028", max_size=30), st.data())
def test_line_breaks_keep_spans_on_their_characters(text, data):
    normal, position = line_breaks(text)
    assert normal == LINE_BREAKS.sub("\n", text) and len(position) == len(text) + 1
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    inside = lambda i: 0 < i < len(text) and text[i - 1 : i + 1] == "\r\n"  # noqa: E731
    if not inside(start) and not inside(end):
        assert normal[position[start] : position[end]] == LINE_BREAKS.sub("\n", text[start:end])


# --- Geometry -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [(67.2, 67.2), (80.0, 80), (1 / 3, 0.33), (2.675, 2.67), (-0.001, 0), (639.996, 640)],
)
def test_tidy(value, expected):
    assert tidy(value) == expected and type(tidy(value)) is type(expected)


@pytest.mark.parametrize("degrees", [0, 90, 180, 270, 360, -90, 90.0000001, 450])
def test_quarter_turns_give_the_box_shapely_gives(degrees):
    # A 128 x 144 px rectangle at (640, 72) turned about its top-left corner: shapely
    # turns by the same matrix (counter-clockwise with y up = clockwise on screen).
    x, y, w, h = 640.0, 72.0, 128.0, 144.0
    turned = affinity.rotate(shapely_box(x, y, x + w, y + h), degrees, origin=(x, y))
    left, top, right, bottom = turned.bounds
    found = rotated_box(x, y, w, h, degrees)
    assert found == pytest.approx((left, top, right - left, bottom - top), abs=1e-6)


def test_a_quarter_turn_by_hand():
    # (640, 72) + width 128 pointing down, height 144 pointing left: x 496..640, y 72..200
    assert rotated_box(640, 72, 128, 144, 90) == pytest.approx((496, 72, 144, 128))


@pytest.mark.parametrize("degrees", [30, 45, 89, 0.5])
def test_other_angles_are_refused(degrees):
    with pytest.raises(GeometryError, match=f"rotated by {tidy(degrees)} degrees"):
        rotated_box(100, 100, 200, 100, degrees)


def test_a_tiny_angle_on_a_tiny_box_is_still_upright():
    # 0.01 degree on a 10 px box moves a corner by 0.002 px: well within half a pixel
    assert rotated_box(5, 5, 10, 10, 0.01) == pytest.approx((5, 5, 10, 10), abs=0.01)


def test_clip_box():
    # x 180..220 on a 200 px wide image: the part 180..200 is kept, 20 px were outside
    assert clip_box(180, 0, 40, 50, (200, 100)) == ((180, 0, 20, 50), 20)
    assert clip_box(10, 10, 5, 5, (200, 100)) == ((10, 10, 5, 5), 0)
    with pytest.raises(GeometryError, match="lies outside the 200 x 100 image"):
        clip_box(210, 0, 5, 5, (200, 100))


def test_box_rounds_edges_so_a_box_on_the_edge_stays_inside():
    # x 0.004 + w 639.996 ends at 640; rounding x and w apart could end at 640.01
    assert box(0.004, 0.005, 639.996, 399.995) == {"x": 0, "y": 0.01, "w": 640, "h": 399.99}
    found = box(0.005, 0, 639.995, 10)
    assert found["x"] + found["w"] <= 640


def test_on_image():
    assert on_image(-0.3, 400.2, (640, 400), "p") == (0, 400)
    with pytest.raises(GeometryError, match="p at \\(-2, 10\\) lies outside"):
        on_image(-2, 10, (640, 400), "p")


def test_outline_points_drop_repeats():
    points = [(60, 42), (120, 42), (120.0024, 42), (120, 84), (60, 42)]
    assert outline_points(points) == [[60, 42], [120, 42], [120, 84]]


@pytest.mark.parametrize(
    "stated, natural, stored, outcome",
    [
        (None, (640, 400), (640, 400), None),
        ((640, 400), (640, 400), (640, 400), None),
        ((1280, 800), (640, 400), (640, 400), "coordinates scaled to the file"),
        ((1000, 667), (500, 333), (500, 333), "coordinates scaled to the file"),
        ((500, 500), (640, 400), (640, 400), GeometryError("another shape")),
        ((300, 200), (200, 300), (300, 200), GeometryError("EXIF orientation")),
    ],
)
def test_fit(stated, natural, stored, outcome):
    if isinstance(outcome, Exception):
        with pytest.raises(GeometryError, match=str(outcome)):
            fit(stated, natural, stored)
    elif outcome is None:
        assert fit(stated, natural, stored) is None
    else:
        assert outcome in fit(stated, natural, stored)


# --- Media files ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "reference, name",
    [
        ("/data/upload/3/1a2b3c4d-photo.jpg", "1a2b3c4d-photo.jpg"),
        ("http://host/media/photo.jpg?X-Amz-Signature=abc&X-Amz-Expires=60", "photo.jpg"),
        ("s3://bucket/folder/photo.jpg", "photo.jpg"),
        ("gs://bucket/photo.jpg", "photo.jpg"),
        ("/data/local-files/?d=images%2Fday%201%2Fphoto.jpg", "photo.jpg"),
        ("/data/upload/3/photo%20one.jpg", "photo one.jpg"),
        ("C:\\Users\\ana\\photo.jpg", "photo.jpg"),
        ("photo.jpg", "photo.jpg"),
    ],
)
def test_file_name(reference, name):
    assert file_name(reference) == name


@pytest.mark.parametrize("reference", ["data:image/png;base64,AAAA", "http://host/", "/data/.."])
def test_file_name_refuses(reference):
    with pytest.raises(MediaError):
        file_name(reference)


@pytest.fixture
def folder(tmp_path):
    media = tmp_path / "media"
    (media / "a").mkdir(parents=True)
    (media / "b").mkdir()
    (media / "a" / "photo.jpg").write_bytes(b"one")
    (media / "b" / "photo.jpg").write_bytes(b"one")  # the same file twice: fine
    (media / "a" / "clip.ogg").write_bytes(b"one")
    (media / "b" / "clip.ogg").write_bytes(b"two")  # two different files: ambiguous
    (media / "1a2b3c4d-kept.png").write_bytes(b"x")
    (tmp_path / "secret.png").write_bytes(b"x")
    (tmp_path / "quizzes").mkdir()
    return MediaFolder(media, tmp_path / "quizzes")


def test_find_by_name_and_without_the_upload_prefix(folder, tmp_path):
    found = folder.find("/data/upload/3/1a2b3c4d-photo.jpg")
    assert found == (tmp_path / "media" / "a" / "photo.jpg").resolve()
    assert folder.ref(found) == "../media/a/photo.jpg"
    # a file that kept its prefix is found by its full name first
    assert folder.find("/data/upload/3/1a2b3c4d-kept.png").name == "1a2b3c4d-kept.png"


def test_find_never_guesses(folder):
    with pytest.raises(MediaError, match="different files with the media file's name") as error:
        folder.find("http://host/clip.ogg")
    assert error.value.detail == "2 named clip.ogg"
    with pytest.raises(MediaError, match="media file not found") as error:
        folder.find("/data/upload/3/0badc0de-nothere.png")
    assert error.value.detail == "0badc0de-nothere.png or nothere.png"


def test_a_relative_path_stays_inside_the_folder(folder, tmp_path):
    assert folder.find("photo.jpg", relative="b/photo.jpg") == (
        tmp_path / "media" / "b" / "photo.jpg"
    )
    with pytest.raises(MediaError, match="not found"):
        folder.find("../secret.png", relative="../secret.png")


def test_a_folder_that_is_not_there(tmp_path):
    with pytest.raises(ImporterError, match="--images .*: no such folder"):
        MediaFolder(tmp_path / "nope", tmp_path, "--images")


def test_image_size_after_exif_orientation(tmp_path):
    image = Image.new("RGB", (300, 200))
    exif = image.getexif()
    exif[0x0112] = 6  # turned a quarter: browsers show it 200 x 300
    image.save(tmp_path / "turned.jpg", exif=exif)
    assert image_size(tmp_path / "turned.jpg") == ((300, 200), (200, 300))
    (tmp_path / "not.png").write_bytes(b"not an image")
    with pytest.raises(MediaError, match="not a readable image"):
        image_size(tmp_path / "not.png")


# --- Small helpers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        (None, False), (0, False), (1, True), (True, True), (False, False), ("false", False),
        ("0", False), ("TRUE", True), (" 1 ", True), ("maybe", None), (2, None), ([1], None),
    ],
)  # fmt: skip
def test_crowd(value, expected):
    assert crowd(value) is expected


def test_shown_escapes_terminal_control_characters():
    assert shown("evil\x1b[2Jname\n") == "evil\\x1b[2Jname\\n"
    assert len(shown("x" * 200)) == 80
