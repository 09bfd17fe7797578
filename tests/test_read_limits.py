"""The bounded reader (:mod:`annotrain.fileio`) and the importers handed hostile files:
folders, pipes, devices, deep nesting, huge integers, files over the limit, and
links out of the media folder. Each is one clear line naming the file; nothing
blocks or reads without end."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from annotrain import fileio
from annotrain.commands.cli import main
from annotrain.fileio import InputError, json_depth, parse_json, read_json, read_limited

from .conftest import ROOT
from .sites import Site

LS = ROOT / "tests" / "fixtures" / "label-studio"
COCO = ROOT / "tests" / "fixtures" / "coco"
IMAGES = ROOT / "course" / "assets" / "images"


def refused(call, *args) -> str:
    with pytest.raises(InputError) as info:
        call(*args)
    return str(info.value)


def test_a_folder_is_refused(tmp_path):
    (tmp_path / "x.json").mkdir()
    message = refused(read_limited, tmp_path / "x.json", 100, "an export")
    assert message == f"{tmp_path / 'x.json'}: is a folder, not an export"


def test_a_missing_file(tmp_path):
    assert refused(read_limited, tmp_path / "x.json", 100) == f"{tmp_path / 'x.json'}: no such file"


def test_a_link_to_a_device_is_refused_unread(tmp_path):
    (tmp_path / "zero.json").symlink_to("/dev/zero")  # says it holds 0 bytes, never ends
    message = refused(read_limited, tmp_path / "zero.json", 100, "an export")
    assert message.endswith(
        "zero.json: is a pipe, device or socket, not a regular file: not an export"
    )


def test_a_pipe_is_refused_without_waiting_for_a_writer(tmp_path):
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)
    outcome: list = []

    def read() -> None:
        try:
            read_limited(pipe, 100)
        except InputError as error:
            outcome.append(str(error))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout=10)
    if reader.is_alive():  # blocked in open(): free it by opening the other end
        os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
        reader.join(timeout=10)
        pytest.fail("reading a pipe blocked")
    assert outcome == [f"{pipe}: is a pipe, device or socket, not a regular file: not the file"]


def test_the_limit_is_found_by_reading_not_by_the_stated_size(tmp_path):
    proc = Path("/proc/self/status")  # a regular file that says it holds 0 bytes
    assert proc.stat().st_size == 0 and len(proc.read_bytes()) > 100
    message = refused(read_limited, proc, 100, "an export", "make it smaller")
    assert (
        message
        == f"{proc}: an export is larger than 100 bytes; files over 100 bytes are refused (make it smaller)"
    )
    stated = tmp_path / "big.json"
    stated.write_bytes(b" " * 2048)
    assert "is 2 KB; files over 1 KB are refused" in refused(read_limited, stated, 1024)
    assert read_limited(stated, 2048) == b" " * 2048


@pytest.mark.parametrize(
    "text, depth",
    [("1", 0), ("[]", 1), ('{"a": [1, {"b": []}]}', 4), ('["[[[", "\\\\", "\\"[["]', 1),
     ("[" * 50 + "]" * 50, 50)],
)  # fmt: skip
def test_json_depth(text, depth):
    assert json_depth(text.encode()) == depth == _depth(json.loads(text))


def _depth(value) -> int:
    if isinstance(value, dict):
        value = list(value.values())
    if not isinstance(value, list):
        return 0
    return 1 + max(map(_depth, value), default=0)


@pytest.mark.parametrize(
    "raw, message",
    [
        (b"[" * 100_000, "nested too deeply (over 100 levels): not JSON"),
        (b"[" * 101 + b"]" * 101, "nested too deeply (over 100 levels): not JSON"),
        (b'{"n": ' + b"9" * 5000 + b"}", "a number of 5000 digits; numbers of more than 100 digits are refused"),
        (b"[-" + b"1" * 101 + b"]", "a number of 101 digits; numbers of more than 100 digits are refused"),
        (b"\xff\xfe", "not a text file (expected JSON)"),
        (b'{"a": 1,\n "b": }', "not valid JSON (column 7: Expecting value)"),
    ],
)  # fmt: skip
def test_hostile_json_is_one_clear_error(raw, message):
    error = refused(parse_json, raw, "x.json")
    assert error.endswith(message) and error.startswith("x.json")


def test_json_within_the_limits_reads_as_usual(tmp_path):
    path = tmp_path / "ok.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"a": [[1] * 3] * 2, "n": -(10**99)}).encode())
    data = read_json(path, 1000)
    assert data == {"a": [[1, 1, 1]] * 2, "n": -(10**99)}
    assert parse_json(b"[" * 100 + b"]" * 100, "x") == eval("[" * 99 + "[]" + "]" * 99)
    assert fileio.MAX_DEPTH == 100 and fileio.MAX_INT_DIGITS == 100


# --- the importers ----------------------------------------------------------------


@pytest.fixture
def site(tmp_path, monkeypatch):
    Site(tmp_path, {"index.md": "# Home\n"})
    for folder in (LS, COCO):
        for path in folder.iterdir():
            shutil.copy(path, tmp_path / path.name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*argv) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


LS_ARGS = ("import", "label-studio", "export.json", "--config", "reviews-config.xml")
COCO_ARGS = ("import", "coco", "export.json", "--images", ".")


@pytest.mark.parametrize("command", [LS_ARGS, COCO_ARGS], ids=["label-studio", "coco"])
@pytest.mark.parametrize(
    "make, message",
    [
        (lambda p: p.write_text('[{"id": ' + "1" * 5000 + "}]"), "a number of 5000 digits"),
        (lambda p: p.write_text("[" * 100_000), "nested too deeply (over 100 levels)"),
        (lambda p: p.mkdir(), "is a folder, not a"),
        (lambda p: p.symlink_to("/dev/zero"), "is a pipe, device or socket, not a regular file"),
    ],
    ids=["digits", "deep", "folder", "device"],
)
def test_importers_refuse_hostile_exports_in_one_line(site, command, make, message):
    make(site / "export.json")
    code, _, err = run(*command)
    assert code == 1 and err.count("\n") == 1, err
    assert err.startswith("error: export.json: ") and message in err


@pytest.mark.parametrize("command", [LS_ARGS, COCO_ARGS], ids=["label-studio", "coco"])
def test_importers_refuse_a_pipe_without_blocking(site, command):
    os.mkfifo(site / "export.json")
    result = subprocess.run(
        [sys.executable, "-m", "annotrain", *command],
        capture_output=True,
        text=True,
        timeout=90,  # a reader blocked on the pipe fails here instead of hanging
        cwd=site,
        env=Site.env(),
    )
    assert result.returncode == 1
    assert result.stderr == (
        "error: export.json: is a pipe, device or socket, not a regular file: not "
        + ("a Label Studio JSON export\n" if command is LS_ARGS else "a COCO annotation file\n")
    )


def test_import_max_bytes(site):
    shutil.copy(site / "reviews-export.json", site / "export.json")
    size = (site / "export.json").stat().st_size
    code, _, err = run(*LS_ARGS, "--max-bytes", str(size - 1))
    assert code == 1 and f"files over {size - 1} bytes are refused" in err
    assert run(*LS_ARGS, "--max-bytes", str(size))[0] == 0


BOX_CONFIG = """<View>
  <Image name="image" value="$image"/>
  <RectangleLabels name="label" toName="image"><Label value="Car"/></RectangleLabels>
</View>"""


def box_export(image: str) -> list:
    region = {"original_width": 640, "original_height": 400, "from_name": "label",
              "to_name": "image", "type": "rectanglelabels",
              "value": {"x": 10, "y": 20, "width": 30, "height": 25, "rectanglelabels": ["Car"]}}  # fmt: skip
    annotation = {"id": 1, "result": [region], "ground_truth": True}
    return [{"id": 1, "project": 3, "data": {"image": image}, "annotations": [annotation]}]


def test_a_link_out_of_the_media_folder_is_refused(site):
    outside = site / "private"
    outside.mkdir()
    shutil.copy(IMAGES / "pcb-01.png", outside / "pcb-01.png")  # 640 x 400
    (site / "media").mkdir()
    (site / "media" / "pcb-01.png").symlink_to(outside / "pcb-01.png")
    (site / "boxes.xml").write_text(BOX_CONFIG, encoding="utf-8")
    (site / "export.json").write_text(json.dumps(box_export("/data/upload/3/pcb-01.png")))
    code, _, err = run(
        "import", "label-studio", "export.json", "--config", "boxes.xml", "--media", "media"
    )
    assert code == 1
    assert (
        "skipped: the media file is a link to a file outside --media media: 1 (#1 (pcb-01.png))"
        in err
    )
    # The same picture copied into the folder is imported.
    (site / "media" / "pcb-01.png").unlink()
    shutil.copy(IMAGES / "pcb-01.png", site / "media" / "pcb-01.png")
    code, out, err = run(
        "import", "label-studio", "export.json", "--config", "boxes.xml", "--media", "media"
    )
    assert code == 0 and "image: media/pcb-01.png" in out, err


def test_a_link_out_of_the_images_folder_is_refused_for_coco(site):
    outside = site / "private"
    outside.mkdir()
    shutil.copy(IMAGES / "pcb-01.png", outside / "secret.png")
    (site / "images").mkdir()
    (site / "images" / "pcb.png").symlink_to(outside / "secret.png")
    coco = {"images": [{"id": 1, "file_name": "pcb.png", "width": 640, "height": 400}],
            "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [1, 2, 3, 4]}],
            "categories": [{"id": 1, "name": "Car"}]}  # fmt: skip
    (site / "export.json").write_text(json.dumps(coco), encoding="utf-8")
    code, _, err = run("import", "coco", "export.json", "--images", "images")
    assert code == 1
    assert "skipped: the media file is a link to a file outside --images images" in err


def test_a_pipe_in_the_media_folder_is_refused(site):
    (site / "media").mkdir()
    os.mkfifo(site / "media" / "pcb-01.png")
    (site / "boxes.xml").write_text(BOX_CONFIG, encoding="utf-8")
    (site / "export.json").write_text(json.dumps(box_export("/data/upload/3/pcb-01.png")))
    result = subprocess.run(
        [sys.executable, "-m", "annotrain", "import", "label-studio", "export.json",
         "--config", "boxes.xml", "--media", "media"],
        capture_output=True, text=True, timeout=90, cwd=site, env=Site.env(),
    )  # fmt: skip
    assert result.returncode == 1
    assert "skipped: the media file is not a regular file: 1 (#1 (pcb-01.png))" in result.stderr
