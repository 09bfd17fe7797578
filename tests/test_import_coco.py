"""``annotrain import coco``: boxes and keypoints from COCO files, round-tripped into a site.

The files in ``tests/fixtures/coco`` follow COCO's documented format (checked here
by loading them with pycocotools): images with ``width``/``height``, annotations
with ``bbox`` in pixels, ``iscrowd`` as 0/1, missing, true/false and "false",
crowd regions as RLE, keypoints as ``[x, y, v, ...]`` and categories listed out of
id order. The images are course images and small ones made here with Pillow,
some at another size than the file says.
"""

from __future__ import annotations

import json
import shutil

import pytest
from PIL import Image
from pycocotools.coco import COCO

from annotrain.commands.cli import main
from annotrain.course import yamlpos

from .conftest import ROOT, run_cli
from .sites import Site

FIXTURES = ROOT / "tests" / "fixtures" / "coco"
IMAGES = ROOT / "course" / "assets" / "images"


def make_images(folder):
    (folder / "val").mkdir(parents=True)
    shutil.copy(IMAGES / "pcb-01.png", folder / "val" / "pcb-01.png")  # 640 x 400
    shutil.copy(IMAGES / "pcb-02.png", folder / "pcb-02.png")
    shutil.copy(IMAGES / "pcb-01.png", folder / "half.png")  # COCO says 1280 x 800
    shutil.copy(IMAGES / "pcb-01.png", folder / "square.png")  # COCO says 500 x 500
    shutil.copy(IMAGES / "face-01.png", folder / "face-01.png")  # 400 x 400
    Image.new("RGB", (320, 200), "white").save(folder / "empty.png")
    Image.new("RGB", (640, 400), "white").save(folder / "group.png")


def import_coco(name, *extra):
    return run_cli("import", "coco", f"{name}.json", "--images", "images", *extra)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("coco")
    pages = {"index.md": "# Home\n"}
    for name in ("instances", "people"):
        pages[f"{name}.md"] = f"# {name}\n\n```annotrain\nquiz: {name}\n```\n"
    site = Site(root, pages)
    for path in FIXTURES.iterdir():
        shutil.copy(path, root / path.name)
    make_images(root / "images")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        boxes = import_coco("instances", "-o", "quizzes/instances.yml")
        people = import_coco("person_keypoints", "-o", "quizzes/people.yml")
    assert boxes[0] == 0 and people[0] == 0, boxes[2] + people[2]
    return site, site.build(), {"instances": boxes[1], "people": people[1]}


def tasks_in_site(site, page: str) -> dict:
    root = site.html(f"{page}/index.html").select_one("[data-annotrain-quiz]")
    data = json.loads(root["data-annotrain-quiz-data"])
    return {tid: entry["task"] for tid, entry in data["tasks"].items()}


def test_the_fixtures_are_coco_as_pycocotools_reads_it(capsys):
    for name in ("instances", "person_keypoints"):
        coco = COCO(str(FIXTURES / f"{name}.json"))
        assert coco.getAnnIds() and coco.getCatIds()
    capsys.readouterr()  # pycocotools prints its progress


def test_the_site_builds_strictly(built):
    assert built[1].returncode == 0, built[1].stderr


def test_boxes(built):
    tasks = tasks_in_site(built[0], "instances")
    assert sorted(tasks) == ["coco-instances-2", "coco-instances-3", "coco-instances-4"]
    # every category, in id order (the file lists them 3, 1, 2)
    assert tasks["coco-instances-3"]["labels"] == ["Solder Bridge", "Missing Component", "Scratch"]
    # annotation id order 11, 12, 13; iscrowd 0, "false" and missing all mean one object
    assert tasks["coco-instances-3"]["gold"]["boxes"] == [
        {"label": "Missing Component", "x": 60, "y": 48, "w": 121, "h": 101},
        {"label": "Solder Bridge", "x": 126.5, "y": 198.25, "w": 27, "h": 15},
        {"label": "Scratch", "x": 420, "y": 327, "w": 117, "h": 46},
    ]
    # COCO says 1280 x 800, the file is 640 x 400: every value halved; the second box
    # (600, 350) 80 x 100 reaches x 680 and y 450: cut at 640 and 400
    assert tasks["coco-instances-2"]["gold"]["boxes"] == [
        {"label": "Missing Component", "x": 100, "y": 50, "w": 200, "h": 150},
        {"label": "Scratch", "x": 600, "y": 350, "w": 40, "h": 50},
    ]
    assert tasks["coco-instances-4"]["gold"] == {"boxes": []}
    assert (
        tasks["coco-instances-2"]["image"]["width"],
        tasks["coco-instances-2"]["image"]["height"],
    ) == (640, 400)


def test_boxes_agree_with_pycocotools(built, capsys):
    coco = COCO(str(FIXTURES / "instances.json"))
    capsys.readouterr()
    tasks = tasks_in_site(built[0], "instances")
    ids = coco.getAnnIds(imgIds=[3])
    expected = [
        {
            "label": coco.loadCats(a["category_id"])[0]["name"],
            **dict(zip("xywh", a["bbox"], strict=True)),
        }
        for a in sorted(coco.loadAnns(ids), key=lambda a: a["id"])
    ]
    assert tasks["coco-instances-3"]["gold"]["boxes"] == expected


def test_keypoints(built):
    tasks = tasks_in_site(built[0], "people")
    points = tasks["coco-person-keypoints-10-101"]["gold"]["points"]
    # v = 2: placed; v = 1 (right ear) and v = 0 (left ear): not visible, no position
    assert points == [
        {"label": "nose", "x": 200, "y": 220},
        {"label": "left_eye", "x": 140, "y": 160},
        {"label": "right_eye", "x": 260, "y": 160},
        {"label": "left_ear", "visible": False},
        {"label": "right_ear", "visible": False},
    ]
    task = tasks["coco-person-keypoints-20-202"]
    assert task["keypoints"] == ["nose", "left_eye", "right_eye", "left_ear", "right_ear"]
    assert task["gold"]["points"][4] == {"label": "right_ear", "x": 372.5, "y": 85.25}
    # two people on one image: the prompt says which one, by its box
    assert "from (300, 40) to (420, 360) px" in task["prompt"]
    assert "coco-person-keypoints-20-203" not in tasks  # nothing visible
    assert "coco-person-keypoints-20-204" not in tasks  # a crowd


@pytest.mark.parametrize(
    "quiz, line",
    [
        ("instances", "imported 3 tasks, skipped 4\n"),
        ("instances", "skipped: the image has a crowd region (iscrowd): its members are not "
         "boxed one by one, so a learner who boxes them would be marked wrong: 1 (image 1)"),
        ("instances", "skipped: media file not found in --images images: 1 (image 5 (missing.png))"),
        ("instances", "skipped: the image file is 640 x 400 px but the annotations were made on "
         "500 x 500 px (another shape): probably not the same picture: 1 (image 6 (square.png))"),
        ("instances", "skipped: an annotation's iscrowd is 'maybe', not 0/1 or true/false: 1 (image 8)"),
        ("instances", "note: annotations of an image not in 'images' ignored: 1 (image 9)"),
        ("instances", "note: no objects annotated: a task with nothing to box: 1 (image 4)"),
        ("instances", "note: the image file is 640 x 400 px, the annotations were made on 1280 x "
         "800 px: coordinates scaled to the file: 1 (image 2 (half.png))"),
        ("people", "skipped: a crowd annotation (iscrowd) is not one object: 1 (annotation 204 (image 20))"),
        ("people", "skipped: no keypoint of the annotation is visible (no v = 2): 1 (annotation 203 (image 20))"),
        ("people", "skipped: the keypoint 'nose' at (450, 10) lies outside the 400 x 400 image: 1 "
         "(annotation 102 (image 10))"),
    ],
)  # fmt: skip
def test_the_summary_says_what_was_skipped_and_why(built, quiz, line):
    assert line in built[2][quiz]


@pytest.fixture
def folder(tmp_path, monkeypatch):
    Site(tmp_path, {"index.md": "# Home\n"})
    for path in FIXTURES.iterdir():
        shutil.copy(path, tmp_path / path.name)
    make_images(tmp_path / "images")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_only_keypoints(folder):
    code, out, err = import_coco("person_keypoints", "--type", "keypoints")
    assert code == 0
    data = yamlpos.load(out)
    assert [s["title"] for s in data["sections"]] == ["Keypoints: person"]
    assert "imported 3 tasks" in err


def test_same_file_twice(folder):
    assert import_coco("instances", "-o", "quizzes/a.yml")[0] == 0
    assert import_coco("instances", "-o", "quizzes/b.yml")[0] == 0
    first = (folder / "quizzes" / "a.yml").read_text(encoding="utf-8")
    assert first == (folder / "quizzes" / "b.yml").read_text(encoding="utf-8")
    assert "labels: [Solder Bridge, Missing Component, Scratch]" in first


@pytest.mark.parametrize(
    "text, message",
    [
        ('{"annotations": []}', "instances.json: not a COCO annotation file (no 'images' list)"),
        ('{"images": [], "categories": []}', "instances.json: the file has no categories"),
        ('{"images": [], "categories": [{"id": 1, "name": "a"}, {"id": 2, "name": "a"}]}',
         "categories 1 and 2 are both named a; labels must differ"),
        ('{"images": [], "categories": [{"id": 1, "name": "a"}, {"id": 1, "name": "b"}]}',
         "category id 1 appears twice"),
        ('{"images": [], "annotations": {}, "categories": []}', "'annotations' must be a list"),
        ("[1, 2", "instances.json:1: not valid JSON"),
    ],
)  # fmt: skip
def test_unusable_files_are_one_line_errors(folder, text, message):
    (folder / "instances.json").write_text(text, encoding="utf-8")
    code, _, err = import_coco("instances")
    assert code == 1 and message in err and err.count("\n") == 1 and err.startswith("error: ")


def test_a_huge_file_is_refused(folder):
    with open(folder / "big.json", "wb") as out:
        out.truncate(51 * 1024 * 1024)  # sparse: costs no disk
    code, _, err = import_coco("big")
    assert code == 1
    assert "files over 50 MB are refused (split it: keep the images you want as gold tasks)" in err


def test_the_images_option_is_required(folder, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["import", "coco", "instances.json"])
    assert exit_.value.code == 2
    assert "--images" in capsys.readouterr().err
