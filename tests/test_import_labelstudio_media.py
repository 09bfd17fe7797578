"""``annotrain import label-studio`` for spans, images and audio, round-tripped into a site.

The exports in ``tests/fixtures/label-studio`` follow Label Studio's JSON export:
image regions in percent of the image with ``original_width``/``original_height``
and ``rotation``, text spans with character offsets (one task with UTF-16 offsets
after emoji, as Label Studio's editor has exported them), audio regions in
seconds, text areas as lists, media as upload, local-storage, web and S3 URLs.
The media are course images copied and small files made here with Pillow and the
``wave`` module. Every export is imported, the quizzes are placed on pages of a
tiny site, the site is built with ``mkdocs build --strict``, and the gold in the
built pages is compared with the pixels, seconds and offsets worked out by hand.
"""

from __future__ import annotations

import json
import shutil
import wave

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from annotrain.course import yamlpos
from annotrain.importers.labelstudio import Preference, import_export
from annotrain.importers.labelstudio_config import parse_config

from .conftest import ROOT, run_cli
from .sites import Site

FIXTURES = ROOT / "tests" / "fixtures" / "label-studio"
IMAGES = ROOT / "course" / "assets" / "images"
AUDIO = ROOT / "course" / "assets" / "audio"
EXPORTS = ("boxes", "polygons", "keypoints", "ner", "audio")


def make_media(folder):
    """The files the exports name, under other names and folders than Label Studio's."""
    (folder / "photos").mkdir(parents=True)
    for name in ("pcb-01.png", "aerial-01.png", "face-01.png"):
        shutil.copy(IMAGES / name, folder / name)  # 640x400, 600x420, 400x400
    shutil.copy(AUDIO / "front-door.ogg", folder / "front-door.ogg")  # 5.679 s
    Image.new("RGB", (1280, 720), "gray").save(folder / "street.png")
    Image.new("RGB", (200, 100), "white").save(folder / "photos" / "small.png")
    turned = Image.new("RGB", (300, 200), "blue")
    exif = turned.getexif()
    exif[0x0112] = 6  # stored 300 x 200, shown (and labelled in Label Studio) 200 x 300
    turned.save(folder / "turned.jpg", exif=exif)
    with wave.open(str(folder / "beep.wav"), "wb") as clip:  # 2 s of silence
        clip.setnchannels(1)
        clip.setsampwidth(2)
        clip.setframerate(8000)
        clip.writeframes(b"\0\0" * 16000)


def import_ls(name, *extra):
    return run_cli(
        "import", "label-studio", f"{name}-export.json", "--config", f"{name}-config.xml", *extra
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Every export imported into quizzes/, each quiz on its own page, the site built."""
    root = tmp_path_factory.mktemp("ls-media")
    pages = {"index.md": "# Home\n"}
    pages |= {f"{name}.md": f"# {name}\n\n```annotrain\nquiz: {name}\n```\n" for name in EXPORTS}
    site = Site(root, pages)
    for path in FIXTURES.iterdir():
        shutil.copy(path, root / path.name)
    make_media(root / "media")
    summaries = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        for name in EXPORTS:
            code, out, err = import_ls(name, "--media", "media", "-o", f"quizzes/{name}.yml")
            assert code == 0, err
            summaries[name] = out
    result = site.build()
    return site, result, summaries


def gold_in_site(site, page: str) -> dict:
    """Task id -> (task JSON) from the quiz data the built page carries."""
    root = site.html(f"{page}/index.html").select_one("[data-annotrain-quiz]")
    data = json.loads(root["data-annotrain-quiz-data"])
    return {tid: entry["task"] for tid, entry in data["tasks"].items()}


def test_the_site_builds_strictly(built):
    site, result, _ = built
    assert result.returncode == 0, result.stderr


# Percent of the image -> natural pixels, by hand: x% / 100 x width, y% / 100 x height.
BOXES = {
    # 640 x 400: x 10.5% -> 67.2, y 20% -> 80, w 30% -> 192, h 25% -> 100; 50/50/12.5/12.5%
    "ls-9-1": [
        {"label": "Car", "x": 67.2, "y": 80, "w": 192, "h": 100},
        {"label": "Person", "x": 320, "y": 200, "w": 80, "h": 50},
    ],
    # 1280 x 720: (640, 72) 128 x 144 turned 90 degrees clockwise about (640, 72) covers
    # x 496..640, y 72..200; " person " matched to Person: x 64, y 360, w 128, h 288
    "ls-9-2": [
        {"label": "Car", "x": 496, "y": 72, "w": 144, "h": 128},
        {"label": "Person", "x": 64, "y": 360, "w": 128, "h": 288},
    ],
    # labelled at 1280 x 800, the file is 640 x 400: 25% -> 160, 50% -> 200, 10% -> 64, 40
    "ls-9-6": [{"label": "Person", "x": 160, "y": 200, "w": 64, "h": 40}],
    # 200 x 100: x 90% -> 180, w 20% -> 40 reaches x 220: cut at 200, so w 20; h 50% -> 50
    "ls-9-7": [{"label": "Car", "x": 180, "y": 0, "w": 20, "h": 50}],
    # EXIF-turned file shown 200 x 300: 10% -> 20 and 30, 50% -> 100 and 150
    "ls-9-8": [{"label": "Person", "x": 20, "y": 30, "w": 100, "h": 150}],
}


@pytest.mark.parametrize("task_id", BOXES)
def test_boxes_land_on_the_expected_pixels(built, task_id):
    tasks = gold_in_site(built[0], "boxes")
    assert set(tasks) == set(BOXES)
    assert tasks[task_id]["gold"] == {"boxes": BOXES[task_id]}
    assert tasks[task_id]["labels"] == ["Car", "Person"]


def test_images_are_measured_and_published(built):
    site = built[0]
    tasks = gold_in_site(site, "boxes")
    image = tasks["ls-9-8"]["image"]
    assert (image["width"], image["height"]) == (200, 300)
    assert (site.site_dir / image["src"]).is_file()
    text = (site.root / "quizzes" / "boxes.yml").read_text(encoding="utf-8")
    assert "image: ../media/photos/small.png" in text  # relative to quizzes/
    assert "image: ../media/pcb-01.png" in text  # found without the upload prefix


def test_polygons_and_keypoints_land_on_the_expected_pixels(built):
    site = built[0]
    polygons = gold_in_site(site, "polygons")
    # 600 x 420: 10% -> 60 / 42, 40% -> 240 / 168, 50% -> 300 / 210, 90% -> 540 / 378
    assert polygons["ls-11-1"]["gold"] == {
        "polygons": [
            {"label": "Building", "points": [[60, 42], [240, 42], [240, 210], [60, 210]]},
            {"label": "Water", "points": [[300, 210], [540, 210], [420, 378]]},
        ]
    }
    # 20.0004% -> 120.0024 px rounds onto the point before it, and the last point
    # repeats the first: both left out
    assert polygons["ls-11-3"]["gold"] == {
        "polygons": [{"label": "Water", "points": [[60, 42], [120, 42], [120, 84]]}]
    }
    keypoints = gold_in_site(site, "keypoints")
    # 400 x 400: 35% -> 140, 65% -> 260, 40% -> 160, 50% -> 200, 55% -> 220
    assert keypoints["ls-12-1"]["gold"]["points"] == [
        {"label": "Left eye", "x": 140, "y": 160},
        {"label": "Right eye", "x": 260, "y": 160},
        {"label": "Nose tip", "x": 200, "y": 220},
    ]
    assert keypoints["ls-12-2"]["gold"]["points"][2] == {"label": "Nose tip", "visible": False}
    assert keypoints["ls-12-1"]["keypoints"] == ["Left eye", "Right eye", "Nose tip"]


def test_spans_are_characters_of_the_text(built):
    tasks = gold_in_site(built[0], "ner")
    by_text = {
        tid: [(task["text"][s["start"] : s["end"]], s["label"]) for s in task["gold"]["spans"]]
        for tid, task in tasks.items()
    }
    assert by_text == {
        "ls-14-1": [("Ada Lovelace", "Person"), ("Charles Babbage", "Person"), ("London", "Place")],
        # exported with UTF-16 offsets (3-15, 27-31, 38-46): repaired to characters
        "ls-14-2": [("Grace Hopper", "Person"), ("Navy", "Organisation"), ("New York", "Place")],
        "ls-14-3": [("Marie Curie", "Person"), ("Paris", "Place")],
        "ls-14-5": [("Marie Curie", "Person"), ("Paris", "Place")],
        "ls-14-7": [("Linus Torvalds", "Person"), ("University of Helsinki", "Organisation")],
    }
    # "🎉 Grace Hopper": the emoji is one code point, so Grace starts at 2, not 3
    assert tasks["ls-14-2"]["gold"]["spans"][0] == {"start": 2, "end": 14, "label": "Person"}
    # "Line one\r\n": CR LF became one line feed, so Marie starts at 9, not 10
    assert tasks["ls-14-5"]["text"].startswith("Line one\nMarie")
    assert tasks["ls-14-5"]["gold"]["spans"][0]["start"] == 9


def test_audio_tasks(built):
    tasks = gold_in_site(built[0], "audio")
    assert tasks["ls-15-1-events"]["gold"]["segments"] == [
        {"start": 0.5, "end": 1.55, "label": "Doorbell"},
        {"start": 2.55, "end": 3.01, "label": "Knock"},
        {"start": 3.81, "end": 5.179, "label": "Speech"},
    ]
    # 5.7 s is 0.021 s after the end of the 5.679 s clip: cut to it
    assert tasks["ls-15-2-events"]["gold"]["segments"][-1]["end"] == 5.679
    assert tasks["ls-15-4-events"]["overlap"] is True
    assert tasks["ls-15-1-transcript"]["gold"] == {"text": "Hello? Is anybody home?"}
    assert tasks["ls-15-2-transcript"]["gold"] == {
        "text": "The parcel comes at 5 pm.\nLeave it by the gate."
    }
    assert tasks["ls-15-2-transcript"]["normalize"]["numbers"] == "as-written"
    assert "ls-15-3-events" not in tasks and "ls-15-3-transcript" not in tasks


@pytest.mark.parametrize(
    "export, line",
    [
        ("boxes", "skipped: a box is rotated by 30 degrees; bbox gold is axis-aligned"),
        ("boxes", "skipped: every annotation was cancelled (skipped in Label Studio): 1 (#4)"),
        ("boxes", "skipped: media file not found in --media media: 1 "
         "(#5 label (deadbeef-missing.png or missing.png))"),
        ("boxes", "skipped: the image file is 640 x 400 px but the annotations were made on "
         "500 x 500 px (another shape): probably not the same picture: 1 (#9 label)"),
        ("boxes", "skipped: a label in the answer is not in the config of 'label': 1 (#10 label)"),
        ("boxes", "skipped: choices results about <image> are not supported yet"),
        ("boxes", "note: a box rotated by 90 degrees written as the upright box it covers"),
        ("boxes", "note: a box reached outside the image: only its part on the image is kept: 1 (#7 label)"),
        ("boxes", "note: the image file is 640 x 400 px, the annotations were made on 1280 x 800 px"),
        ("boxes", "note: label ' person ' read as 'Person' (case or spaces differ)"),
        ("polygons", "skipped: a polygon is not closed (it was still being drawn): 1 (#2)"),
        ("polygons", "skipped: does not load as a task (gold polygon 1 (Building): its outline crosses itself"),
        ("keypoints", "skipped: the landmark 'Left eye' is placed twice: 1 (#3)"),
        ("keypoints", "skipped: the landmark 'Left eye' at (420, 160) lies outside the 400 x 400 image"),
        ("keypoints", "note: landmarks not placed in the gold are written as visible: false: 1 (#2)"),
        ("ner", "skipped: the span from 22 to 31 covers 'Bletchley', but the annotation says 'Bletchley Park': 1 (#4)"),
        ("ner", "skipped: a region of 'entities' has 2 labels; it needs exactly one: 1 (#6)"),
        ("ner", "note: span offsets were UTF-16 code units (shifted by emoji before them)"),
        ("audio", "skipped: a segment ends at 9 s, after the end of the clip (5.679 s): 1 (#3 events)"),
        ("audio", "note: 2 texts of one transcript joined, one per line: 1 (#2 transcript)"),
        ("audio", "note: segments overlap: the task says overlap: true: 1 (#4 events)"),
        ("audio", "note: the transcript has digits: the task says numbers: as-written"),
    ],
)  # fmt: skip
def test_the_summary_says_what_was_skipped_and_why(built, export, line):
    assert line in built[2][export]


def test_the_summary_counts(built):
    summaries = built[2]
    assert summaries["boxes"].startswith("imported 5 tasks, skipped 6\n")
    assert summaries["ner"].startswith("imported 5 tasks, skipped 2\n")
    assert summaries["audio"].startswith("imported 6 tasks, skipped 2\n")


# --- One import at a time -------------------------------------------------------------


@pytest.fixture
def folder(tmp_path, monkeypatch):
    Site(tmp_path, {"index.md": "# Home\n"})
    for path in FIXTURES.iterdir():
        shutil.copy(path, tmp_path / path.name)
    make_media(tmp_path / "media")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_same_file_twice(folder):
    for name in ("a", "b"):
        assert import_ls("boxes", "--media", "media", "-o", f"quizzes/{name}.yml")[0] == 0
    first = (folder / "quizzes" / "a.yml").read_text(encoding="utf-8")
    assert first == (folder / "quizzes" / "b.yml").read_text(encoding="utf-8")
    assert "&id" not in first and "*id" not in first  # every task written out in full


def test_stdout_paths_are_relative_to_the_working_folder(folder):
    code, out, err = import_ls("keypoints", "--media", "media")
    assert code == 0 and "imported 2 tasks" in err
    tasks = yamlpos.load(out)["sections"][0]["tasks"]
    assert [t["image"] for t in tasks] == ["media/face-01.png", "media/face-01.png"]


def test_a_quiz_in_a_deeper_folder_finds_the_media(folder):
    assert import_ls("keypoints", "--media", "media", "-o", "quizzes/people/faces.yml")[0] == 0
    text = (folder / "quizzes" / "people" / "faces.yml").read_text(encoding="utf-8")
    assert "image: ../../media/face-01.png" in text


def test_without_media_the_tasks_are_skipped_with_the_reason(folder):
    code, _, err = import_ls("polygons")
    assert code == 1
    assert "skipped: the task's media cannot be found without --media DIR" in err
    assert "error: polygons-export.json: nothing to import" in err


def test_two_different_files_with_the_name_are_not_guessed_between(folder):
    (folder / "media" / "other").mkdir()
    Image.new("RGB", (400, 400), "red").save(folder / "media" / "other" / "face-01.png")
    code, _, err = import_ls("keypoints", "--media", "media")
    assert code == 1
    assert "skipped: different files with the media file's name in --media media: 4" in err


def test_a_missing_media_folder(folder):
    code, _, err = import_ls("boxes", "--media", "nope")
    assert code == 1 and err == "error: --media nope: no such folder\n"


def test_rubric_per_type(folder):
    code, out, _ = import_ls(
        "boxes", "--media", "media", "--rubric", "bbox=boxes-tight", "-o", "quizzes/t.yml"
    )
    assert code == 0
    data = yamlpos.load((folder / "quizzes" / "t.yml").read_text(encoding="utf-8"))
    assert {t["rubric"] for s in data["sections"] for t in s["tasks"]} == {"boxes-tight"}


def test_without_a_rubric_file_the_types_default_rubrics_are_used(folder):
    (folder / "quizzes" / "rubrics.yml").unlink()
    code, _, err = import_ls("keypoints", "--media", "media", "-o", "quizzes/k.yml")
    assert code == 0, err
    data = yamlpos.load((folder / "quizzes" / "k.yml").read_text(encoding="utf-8"))
    assert {t["rubric"] for s in data["sections"] for t in s["tasks"]} == {"default-keypoints"}


def test_a_chosen_rubric_missing_from_the_site(folder):
    code, _, err = import_ls("keypoints", "--media", "media", "--rubric", "keypoints=kp-mine")
    assert code == 1
    assert "unknown rubric 'kp-mine'" in err and "default-keypoints" in err


def test_a_hostile_export_is_never_a_traceback(folder):
    export = [
        {"id": "x\x1b[2J", "data": {"text": "A \u202e text"}, "annotations": [
            {"id": 1, "ground_truth": True, "result": [
                {"from_name": "entities", "to_name": "text", "type": "labels",
                 "value": {"start": 0, "end": 1e999, "labels": ["Person"]}},
            ]},
        ]},
        {"id": 2, "data": {"text": "Ada"}, "annotations": [
            {"id": 2, "ground_truth": True, "result": [
                {"from_name": "entities", "to_name": "text", "type": "labels",
                 "value": {"start": 0, "end": 3, "text": "Ada", "labels": "Person"}},
                {"from_name": "entities", "to_name": "text", "type": "labels", "value": []},
            ]},
        ]},
    ]  # fmt: skip
    (folder / "ner-export.json").write_text(json.dumps(export), encoding="utf-8")
    code, _, err = import_ls("ner")
    assert code == 1 and "Traceback" not in err
    assert "(#x\\x1b[2J)" in err  # the terminal sees the escape, it does not run it
    assert "skipped: a span's start and end must be whole numbers" in err
    assert "skipped: an answer for 'entities' has no value: 1 (#2)" in err


def test_deeply_nested_json_is_a_clear_error(folder):
    (folder / "ner-export.json").write_text("[" * 100_000, encoding="utf-8")
    code, _, err = import_ls("ner")
    assert code == 1 and "nested too deeply" in err and "Traceback" not in err


NER = parse_config(
    '<View><Labels name="e" toName="t"><Label value="X"/></Labels>'
    '<Text name="t" value="$text"/></View>',
    "c.xml",
)
PIECES = ["a", " ", "é", "e\u0301", "🎉", "👩\u200d🔬", "\r\n", "\n"]
TEXT = st.lists(st.sampled_from(PIECES), min_size=1, max_size=12).map("".join)


@given(TEXT, st.data(), st.booleans())
def test_an_imported_span_always_covers_the_characters_it_says(text, data, as_utf16):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    unit = (lambda i: len(text[:i].encode("utf-16-le")) // 2) if as_utf16 else (lambda i: i)
    value = {"start": unit(start), "end": unit(end), "text": text[start:end], "labels": ["X"]}
    task = {"id": 1, "data": {"text": text}, "annotations": [{"id": 1, "ground_truth": True,
            "result": [{"from_name": "e", "to_name": "t", "type": "labels", "value": value}]}]}  # fmt: skip
    outcome = import_export([task], NER, Preference(), {"spans": "spans-standard"}, "x")
    if not outcome.imported:  # blank text, or a span that only CR LF normalising can split
        return
    imported = outcome.sections[0].tasks[0]
    (span,) = imported["gold"]["spans"]
    covered = imported["text"][span["start"] : span["end"]]
    assert covered == span["text"] == text[start:end].replace("\r\n", "\n")
