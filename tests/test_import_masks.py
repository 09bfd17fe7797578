"""Masks from COCO segmentations (polygons, uncompressed and compressed RLE), checked
against pycocotools' own reading of the same file; Label Studio's brushlabels refused
with the reason."""

from __future__ import annotations

import json
import random
import shutil

import numpy as np
import pytest
from pycocotools import mask as coco

from annotrain.course import yamlpos
from annotrain.importers.coco import decode_counts
from annotrain.tasktypes.masks import rle

from .conftest import ROOT, run_cli
from .sites import Site

# pycocotools built against numpy 1 warns on its arrays under numpy 2.
pytestmark = pytest.mark.filterwarnings("ignore:__array__ implementation:DeprecationWarning")

IMAGES = ROOT / "course" / "assets" / "images"
GOLD = json.loads((IMAGES / "masks-01.gold.json").read_text(encoding="utf-8"))["masks"]
#: The outlines tools/make_images.py painted masks-01.png from (MASKS_POND).
POND = [[110, 60], [200, 45], [280, 75], [300, 140], [260, 190], [180, 200], [110, 180], [80, 120]]
W, H = 400, 300


def bitmap(counts: list[int]) -> np.ndarray:
    """A (height, width) boolean array decoded by pycocotools from uncompressed counts."""
    return coco.decode(coco.frPyObjects({"size": [H, W], "counts": counts}, H, W)).astype(bool)


def test_compressed_counts_decode_as_pycocotools_encodes_them():
    rng = random.Random(3)
    for _ in range(20):
        shape = np.zeros((H, W), bool)
        for _ in range(rng.randint(1, 5)):
            x, y = rng.randrange(W), rng.randrange(H)
            shape[y : y + rng.randint(1, 200), x : x + rng.randint(1, 200)] = True
        encoded = coco.encode(np.asfortranarray(shape.astype(np.uint8)))
        counts = decode_counts(encoded["counts"].decode("ascii"))
        assert (bitmap(counts) == shape).all()
    assert decode_counts("0") == [0]
    assert decode_counts("`") is None  # a continuation bit with nothing after it


@pytest.fixture
def site(tmp_path, monkeypatch):
    site = Site(tmp_path, {"index.md": "# Home\n"})
    (tmp_path / "images").mkdir()
    shutil.copy(IMAGES / "masks-01.png", tmp_path / "images" / "masks-01.png")
    shutil.copy(IMAGES / "masks-01.png", tmp_path / "images" / "big.png")
    monkeypatch.chdir(tmp_path)
    return site


def write_coco(path, annotations, images=None):
    data = {
        "images": images or [{"id": 1, "file_name": "masks-01.png", "width": W, "height": H}],
        "annotations": annotations,
        "categories": [{"id": 2, "name": "Path"}, {"id": 1, "name": "Water"}],
    }
    path.write_text(json.dumps(data), encoding="utf-8")


def test_polygons_and_rle_become_one_mask_per_category(site):
    water, path = GOLD
    flat = [[v for point in POND for v in point]]
    # The path in two halves: uncompressed RLE of its left part, compressed of its right.
    whole = bitmap(path["counts"])
    left, right = whole.copy(), whole.copy()
    left[:, 200:] = False
    right[:, :200] = False
    compressed = coco.encode(np.asfortranarray(right.astype(np.uint8)))["counts"].decode("ascii")
    uncompressed = rle.encode(lambda x, y: left[y, x], W, H)
    write_coco(
        site.root / "masks.json",
        [
            {"id": 1, "image_id": 1, "category_id": 1, "segmentation": flat, "iscrowd": 0},
            {
                "id": 2,
                "image_id": 1,
                "category_id": 2,
                "iscrowd": 1,
                "segmentation": {"size": [H, W], "counts": uncompressed},
            },
            {
                "id": 3,
                "image_id": 1,
                "category_id": 2,
                "iscrowd": 0,
                "segmentation": {"size": [H, W], "counts": compressed},
            },
        ],
    )
    code, out, err = run_cli(
        "import",
        "coco",
        "masks.json",
        "--images",
        "images",
        "--type",
        "masks",
        "-o",
        "quizzes/m.yml",
    )
    assert code == 0, err
    assert "imported 1 task" in out
    assert "a crowd region (iscrowd) is painted with its category: 1 (image 1)" in out
    quiz = yamlpos.load((site.root / "quizzes" / "m.yml").read_text(encoding="utf-8"))
    (task,) = quiz["sections"][0]["tasks"]
    assert task["id"] == "coco-masks-1-masks" and task["type"] == "masks"
    assert task["labels"] == ["Water", "Path"]  # category id order
    assert task["rubric"] == "default-masks"
    masks = {m["label"]: m["counts"] for m in task["gold"]["masks"]}
    assert masks == {"Water": water["counts"], "Path": path["counts"]}
    # pycocotools reads the same file to the same pixels, up to its own rasterising of
    # the polygon's edge: the RLE category exactly, the polygon within its outline.
    pycoco = bitmap(masks["Path"])
    assert (pycoco == whole).all()
    theirs = coco.decode(coco.merge(coco.frPyObjects(flat, H, W))).astype(bool)
    ours = bitmap(masks["Water"])
    assert (ours & theirs).sum() / (ours | theirs).sum() > 0.97


def test_an_rle_mask_on_a_scaled_image_or_without_segmentation_is_skipped(site):
    write_coco(
        site.root / "bad.json",
        [
            {"id": 1, "image_id": 1, "category_id": 1, "bbox": [1, 1, 5, 5]},
            {
                "id": 2,
                "image_id": 2,
                "category_id": 1,
                "segmentation": {"size": [2 * H, 2 * W], "counts": [4 * W * H]},
            },
        ],
        images=[
            {"id": 1, "file_name": "masks-01.png", "width": W, "height": H},
            {"id": 2, "file_name": "big.png", "width": 2 * W, "height": 2 * H},
        ],
    )
    code, out, err = run_cli("import", "coco", "bad.json", "--images", "images", "--type", "masks")
    assert code == 1
    assert "an annotation has no segmentation (polygons or RLE): 1 (image 1)" in err
    assert "an RLE segmentation of 800 x 600 px does not fit the image file's 400 x 300 px" in err


def test_without_type_masks_no_masks_task(site):
    write_coco(
        site.root / "plain.json", [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [1, 1, 5, 5]}]
    )
    code, out, err = run_cli("import", "coco", "plain.json", "--images", "images")
    assert code == 0, err
    assert "type: masks" not in out and "type: bbox" in out


def test_label_studio_brushlabels_are_refused_with_the_reason(site):
    (site.root / "config.xml").write_text(
        '<View><Image name="img" value="$image"/>'
        '<BrushLabels name="paint" toName="img"><Label value="Water"/></BrushLabels></View>',
        encoding="utf-8",
    )
    export = [
        {
            "id": 4,
            "data": {"image": "/data/upload/masks-01.png"},
            "annotations": [
                {
                    "id": 1,
                    "ground_truth": True,
                    "result": [
                        {
                            "from_name": "paint",
                            "to_name": "img",
                            "type": "brushlabels",
                            "value": {"format": "rle", "rle": [0, 1, 2], "brushlabels": ["Water"]},
                        }
                    ],
                }
            ],
        }
    ]
    (site.root / "export.json").write_text(json.dumps(export), encoding="utf-8")
    code, out, err = run_cli(
        "import", "label-studio", "export.json", "--config", "config.xml", "--media", "images"
    )
    assert code == 1
    assert (
        "brushlabels results are masks in Label Studio's own compressed run-length format, "
        "not COCO's, and are not decoded (control 'paint')" in err
    )
    assert "annotrain import coco --type masks" in err
