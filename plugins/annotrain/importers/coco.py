"""Gold tasks from a COCO annotation file: object boxes, keypoints and masks.

Accepted input: COCO's object detection / keypoint detection JSON::

    {"images": [{"id", "file_name", "width", "height"}, ...],
     "annotations": [{"id", "image_id", "category_id", "bbox": [x, y, w, h],
                      "iscrowd", "keypoints": [x, y, v, ...], "num_keypoints"}, ...],
     "categories": [{"id", "name", "keypoints": [names], "skeleton": [...]}, ...]}

Coordinates are pixels of the image the annotations were made on, from its
top-left corner (no "+1 pixel" convention). What becomes gold:

- ``bbox``: one task per image (in image id order) holding the boxes of all its
  annotations (in annotation id order), labelled with their category's name; the
  labels are every category's name, in category id order. An image with nothing
  annotated becomes a task with no boxes ("nothing to box here": in COCO an image
  without annotations holds none of the categories), noted. An image with a crowd region
  (``iscrowd``: a group of objects outlined as one) is skipped: its members are
  not boxed one by one, so a learner who boxes them would be marked wrong.
- ``keypoints``: one task per annotation with keypoints (in annotation id order),
  for categories that name their ``keypoints``. A keypoints task gives every
  landmark once; by visibility ``v``: 2 (visible) -> a point at (x, y); 1
  (labelled but hidden) and 0 (not labelled: outside the picture, or too hidden
  to guess) -> ``visible: false``, without a position, as the keypoints type
  defines a hidden landmark. Annotations with no visible keypoint, and crowd
  annotations, are skipped. When the image holds several annotations of the
  category, the prompt says which one is meant by its box.
- ``masks`` (only when asked for: ``--type masks``): one task per image holding one
  mask per category, the union of its annotations' ``segmentation``s (crowd
  regions included: every pixel of them is of the category). Polygons
  (``[[x1, y1, x2, y2, ...], ...]``) take the pixels whose centres lie inside
  (the masks type's rule; pycocotools' own rasterising may differ by a pixel
  along edges); RLE (``{"size": [h, w], "counts": [...]}`` uncompressed, or
  COCO's compressed string) is taken pixel for pixel, and must be of the image's
  stated size and not scaled. An annotation without a segmentation skips its
  image's masks task.

``iscrowd`` may be missing (not crowd), a number, true/false or a string such as
``"false"``; anything else skips the annotation's tasks. Images are looked up in
the ``--images`` folder by ``file_name`` (as a path inside it, then by name) and
measured; a file of another size than ``width`` x ``height`` but the same shape is
a scaled copy, and the coordinates are scaled to it (noted); another shape, or
an EXIF orientation that turns the picture, skips its tasks.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from ..tasktypes.masks import rle
from .geometry import TOLERANCE, GeometryError, box, clip_box, fit, number, on_image, tidy
from .mediafiles import MediaError, MediaFolder, Placed
from .output import MAX_BYTES, Flow, ImporterError, Outcome, Section, read_json, shown, slug

TYPES = ("bbox", "keypoints", "masks")
#: What an import without --type gives: masks only when asked for (they are large).
DEFAULT_TYPES = ("bbox", "keypoints")
MASKS_PROMPT = "Paint every pixel of each class the image shows with that class."
BBOX_PROMPT = "Draw a box around every object that takes one of the labels, and label it."
KEYPOINTS_PROMPT = "Place every landmark of the {category} you can see."
WHICH_PROMPT = (
    "Place every landmark you can see of the {category} inside the area from "
    "({left}, {top}) to ({right}, {bottom}) px (x, y from the top-left corner)."
)
_CROWD = {"1": True, "true": True, "yes": True, "0": False, "false": False, "no": False}


def read_coco(path: Path, limit: int = MAX_BYTES) -> dict:
    """The annotation file's data; ImporterError when it is not a COCO annotation file.

    Files over ``limit`` bytes are refused unread.
    """
    data = read_json(
        path, "a COCO annotation file", "split it: keep the images you want as gold tasks", limit
    )
    if not isinstance(data, dict) or not isinstance(data.get("images"), list):
        raise ImporterError(f"{path}: not a COCO annotation file (no 'images' list)")
    for key in ("annotations", "categories"):
        if not isinstance(data.get(key, []), list):
            raise ImporterError(f"{path}: '{key}' must be a list")
    return data


def _key(value: Any) -> tuple:
    """Ids in order: numbers numerically, then texts."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (0, value, "")
    return (1, 0, str(value))


def _is_id(value: Any) -> bool:
    return isinstance(value, (int, str)) and not isinstance(value, bool)


def crowd(value: Any) -> bool | None:
    """``iscrowd`` read leniently: missing is False; None when it cannot be read."""
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        return _CROWD.get(value.strip().lower())
    return None


def categories(data: dict, shown_path: str) -> dict[Any, dict]:
    """Categories by id, in id order; ImporterError for a broken or ambiguous list."""
    found: dict[Any, dict] = {}
    names: dict[str, Any] = {}
    for item in data.get("categories", []):
        if not isinstance(item, dict) or not _is_id(item.get("id")):
            raise ImporterError(f"{shown_path}: a category has no id")
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ImporterError(f"{shown_path}: category {shown(item['id'])} has no name")
        if item["id"] in found:
            raise ImporterError(f"{shown_path}: category id {shown(item['id'])} appears twice")
        if name in names:
            raise ImporterError(
                f"{shown_path}: categories {shown(names[name])} and {shown(item['id'])} are "
                f"both named {shown(name)}; labels must differ"
            )
        names[name] = item["id"]
        found[item["id"]] = item
    if not found:
        raise ImporterError(f"{shown_path}: the file has no categories")
    return dict(sorted(found.items(), key=lambda kv: _key(kv[0])))


def import_coco(
    data: dict,
    images: MediaFolder,
    rubrics: dict[str, str],
    stem: str,
    shown_path: str,
    types: tuple[str, ...] = DEFAULT_TYPES,
) -> Outcome:
    """Gold task mappings from a COCO file: sections of boxes, masks and keypoints."""
    outcome = Outcome()
    cats = categories(data, shown_path)
    labels = [cat["name"] for cat in cats.values()]
    by_image: dict[Any, list[dict]] = defaultdict(list)
    for ann in data.get("annotations", []):
        if not isinstance(ann, dict) or not _is_id(ann.get("id")):
            outcome.skip("an annotation has no id", "(annotation without id)")
        elif not _is_id(ann.get("image_id")):
            outcome.skip("the annotation has no image_id", f"annotation {shown(ann['id'])}")
        else:
            by_image[ann["image_id"]].append(ann)
    boxes = Section("Boxes")
    masks = Section("Masks")
    keypoints: dict[Any, Section] = {
        cid: Section(f"Keypoints: {cat['name']}")
        for cid, cat in cats.items()
        if isinstance(cat.get("keypoints"), list) and cat["keypoints"]
    }
    seen: set[Any] = set()
    images_by_id = []
    for image in data["images"]:
        if not isinstance(image, dict) or not _is_id(image.get("id")):
            outcome.skip("an image has no id", "(image without id)")
        elif image["id"] in seen:
            outcome.skip("the image id appears twice", f"image {shown(image['id'])}")
        else:
            seen.add(image["id"])
            images_by_id.append(image)
    images_by_id.sort(key=lambda image: _key(image["id"]))
    for image_id in sorted(set(by_image) - seen, key=_key):
        outcome.note("annotations of an image not in 'images' ignored", f"image {shown(image_id)}")
    id_stem = slug(stem)
    for image in images_by_id:
        ref = f"image {shown(image['id'])}"
        anns = sorted(by_image.get(image["id"], []), key=lambda a: _key(a["id"]))
        if not {"bbox", "masks"} & set(types) and all(a.get("keypoints") is None for a in anns):
            continue
        placed = _place(image, images, outcome, ref)
        if placed is None:
            continue
        frame = _frame(image, placed, outcome, ref)
        if frame is None:
            continue
        if "bbox" in types:
            built = _boxes(image, anns, cats, labels, placed, frame, rubrics, id_stem, outcome, ref)
            if isinstance(built, str):
                outcome.skip(built, ref)
            else:
                boxes.tasks.append(built)
                outcome.refs[built["id"]] = ref
                if not anns:
                    outcome.note("no objects annotated: a task with nothing to box", ref)
        if "masks" in types:
            built = _masks(image, anns, cats, labels, placed, frame, rubrics, id_stem, outcome, ref)
            if isinstance(built, str):
                outcome.skip(built, ref)
            else:
                masks.tasks.append(built)
                outcome.refs[built["id"]] = ref
                if not anns:
                    outcome.note("no objects annotated: a task with nothing to paint", ref)
        if "keypoints" in types:
            for ann in anns:
                cat = cats.get(ann.get("category_id"))
                if ann.get("keypoints") is None or cat is None or cat["id"] not in keypoints:
                    continue
                aref = f"annotation {shown(ann['id'])} ({ref})"
                built = _points(image, ann, anns, cat, placed, frame, rubrics, id_stem)
                if isinstance(built, str):
                    outcome.skip(built, aref)
                else:
                    keypoints[cat["id"]].tasks.append(built)
                    outcome.refs[built["id"]] = aref
    outcome.sections = [s for s in [boxes, masks, *keypoints.values()] if s.tasks]
    return outcome


def _task_id(stem: str, *ids: Any) -> str:
    """``coco-<file>-<image id>[-<annotation id>]``: the same in every import of the file."""
    return "-".join(["coco", stem] + [slug(str(i), 30) for i in ids])[:80].strip("-")


def _place(image: dict, images: MediaFolder, outcome: Outcome, ref: str) -> Placed | None:
    name = image.get("file_name")
    if not isinstance(name, str) or not name.strip():
        outcome.skip("the image has no file_name", ref)
        return None
    try:
        return images.place_image(name, relative=name)
    except MediaError as error:
        outcome.skip(error.reason, f"{ref} ({error.detail})" if error.detail else ref)
        return None


def _frame(image: dict, placed: Placed, outcome: Outcome, ref: str) -> tuple[float, float] | None:
    """Scale factors from COCO's pixels to the file's, or None (skipped) when they do not fit."""
    width, height = image.get("width"), image.get("height")
    stated = None
    if width is not None or height is not None:
        try:
            stated = (number(width, "the image's width"), number(height, "the image's height"))
        except GeometryError as error:
            outcome.skip(str(error), ref)
            return None
    try:
        note = fit(stated, placed.size, placed.stored)
    except GeometryError as error:
        outcome.skip(str(error), f"{ref} ({placed.path.name})")
        return None
    if note:
        outcome.note(note, f"{ref} ({placed.path.name})")
    if stated is None:
        return 1.0, 1.0
    return placed.size[0] / stated[0], placed.size[1] / stated[1]


def _boxes(image, anns, cats, labels, placed, frame, rubrics, id_stem, outcome, ref) -> dict | str:
    gold = []
    for ann in anns:
        is_crowd = crowd(ann.get("iscrowd"))
        if is_crowd is None:
            return f"an annotation's iscrowd is {shown(repr(ann.get('iscrowd')), 20)}, not 0/1 or true/false"
        if is_crowd:
            return (
                "the image has a crowd region (iscrowd): its members are not boxed one by one, "
                "so a learner who boxes them would be marked wrong"
            )
        cat = cats.get(ann.get("category_id"))
        if cat is None:
            return "an annotation's category_id is not in 'categories'"
        try:
            found = _box(ann.get("bbox"), placed, frame, outcome, ref)
            gold.append(Flow(label=cat["name"], **found))
        except GeometryError as error:
            return str(error)
    return {
        "type": "bbox",
        "id": _task_id(id_stem, image["id"]),
        "prompt": BBOX_PROMPT,
        "image": placed.ref,
        "labels": list(labels),
        "rubric": rubrics["bbox"],
        "gold": {"boxes": gold},
    }


def _box(bbox: Any, placed: Placed, frame: tuple[float, float], outcome: Outcome, ref: str) -> dict:
    if not isinstance(bbox, list) or len(bbox) != 4:
        raise GeometryError("an annotation's bbox is not [x, y, width, height]")
    x, y, w, h = (number(v, "a bbox value") for v in bbox)
    if w <= 0 or h <= 0:
        raise GeometryError(f"a box of {tidy(w)} x {tidy(h)} px has no area")
    sx, sy = frame
    (x, y, w, h), outside = clip_box(x * sx, y * sy, w * sx, h * sy, placed.size)
    if outside > TOLERANCE:
        outcome.note("a box reached outside the image: only its part on the image is kept", ref)
    found = box(x, y, w, h)
    if found["w"] <= 0 or found["h"] <= 0:
        raise GeometryError(f"a box of {found['w']} x {found['h']} px has no area")
    return found


def _masks(image, anns, cats, labels, placed, frame, rubrics, id_stem, outcome, ref) -> dict | str:
    width, height = placed.size
    by_label: dict[str, list[tuple[int, int]]] = {}
    for ann in anns:
        if crowd(ann.get("iscrowd")):
            outcome.note("a crowd region (iscrowd) is painted with its category", ref)
        cat = cats.get(ann.get("category_id"))
        if cat is None:
            return "an annotation's category_id is not in 'categories'"
        try:
            runs = _segmentation(ann.get("segmentation"), image, placed, frame)
        except GeometryError as error:
            return str(error)
        runs = _union(by_label.get(cat["name"], []), runs)
        by_label[cat["name"]] = runs
    gold = []
    for label in labels:
        runs = by_label.get(label)
        if runs:
            gold.append(Flow(label=label, counts=_counts(runs, width * height)))
    return {
        "type": "masks",
        "id": _task_id(id_stem, image["id"], "masks"),
        "prompt": MASKS_PROMPT,
        "image": placed.ref,
        "labels": list(labels),
        "rubric": rubrics["masks"],
        "gold": {"masks": gold},
    }


def _segmentation(value: Any, image: dict, placed: Placed, frame) -> list[tuple[int, int]]:
    """An annotation's segmentation as foreground intervals on the image file."""
    width, height = placed.size
    if isinstance(value, list) and value:
        sx, sy = frame
        outlines = []
        for flat in value:
            if not isinstance(flat, list) or len(flat) < 6 or len(flat) % 2:
                raise GeometryError("a segmentation polygon is not a list of 3 or more x, y pairs")
            coords = [number(v, "a segmentation coordinate") for v in flat]
            outlines.append(
                [[coords[i] * sx, coords[i + 1] * sy] for i in range(0, len(coords), 2)]
            )
        return rle.intervals(rle.rasterize(outlines, width, height))
    if isinstance(value, dict):
        size = value.get("size")
        if not (isinstance(size, list) and len(size) == 2 and [rle.whole(v) for v in size] == size):
            raise GeometryError("an RLE segmentation has no size [height, width]")
        if frame != (1.0, 1.0) or size != [height, width]:
            raise GeometryError(
                f"an RLE segmentation of {size[1]} x {size[0]} px does not fit the image "
                f"file's {width} x {height} px (run lengths cannot be scaled)"
            )
        raw = value.get("counts")
        if isinstance(raw, str):
            raw = decode_counts(raw)
        total = width * height
        if not isinstance(raw, list) or any(rle.whole(c) is None for c in raw) or sum(raw) != total:
            raise GeometryError(f"an RLE segmentation's counts do not add up to {total} pixels")
        return rle.intervals(rle.canonical(raw, total) or [total])
    raise GeometryError("an annotation has no segmentation (polygons or RLE)")


def decode_counts(text: str) -> list[int] | None:
    """COCO's compressed RLE string (pycocotools' rleFrString) as run lengths, or None."""
    counts: list[int] = []
    position = 0
    while position < len(text):
        value = shift = 0
        more = True
        while more:
            if position >= len(text):
                return None
            char = ord(text[position]) - 48
            value |= (char & 0x1F) << (5 * shift)
            more = bool(char & 0x20)
            position += 1
            shift += 1
            if not more and char & 0x10:
                value |= -1 << (5 * shift)
        if len(counts) > 2:
            value += counts[-2]
        if value < 0:
            return None
        counts.append(value)
    return counts


def _union(first: list[tuple[int, int]], second: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for start, end in sorted(first + second):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def _counts(runs: list[tuple[int, int]], total: int) -> list[int]:
    counts = []
    position = 0
    for start, end in runs:
        counts += [start - position, end - start]
        position = end
    return counts + [total - position]


def _points(image, ann, anns, cat, placed, frame, rubrics, id_stem) -> dict | str:
    names = cat["keypoints"]
    if not all(isinstance(n, str) and n.strip() for n in names) or len(set(names)) != len(names):
        return f"category {shown(cat['name'])} has keypoint names that are empty or repeated"
    is_crowd = crowd(ann.get("iscrowd"))
    if is_crowd is None:
        return f"the annotation's iscrowd is {shown(repr(ann.get('iscrowd')), 20)}, not 0/1 or true/false"
    if is_crowd:
        return "a crowd annotation (iscrowd) is not one object"
    values = ann["keypoints"]
    if not isinstance(values, list) or len(values) != 3 * len(names):
        return f"the annotation's keypoints are not {len(names)} times [x, y, v]"
    sx, sy = frame
    points = []
    labelled = 0
    try:
        for index, name in enumerate(names):
            x, y, v = (number(n, f"keypoint {name!r}") for n in values[3 * index : 3 * index + 3])
            if v not in (0, 1, 2):
                return f"keypoint visibility {tidy(v)} is not 0, 1 or 2"
            if v != 2:
                points.append(Flow(label=name, visible=False))
                continue
            x, y = on_image(x * sx, y * sy, placed.size, f"the keypoint {name!r}")
            points.append(Flow(label=name, x=tidy(x), y=tidy(y)))
            labelled += 1
    except GeometryError as error:
        return str(error)
    if not labelled:
        return "no keypoint of the annotation is visible (no v = 2)"
    return {
        "type": "keypoints",
        "id": _task_id(id_stem, image["id"], ann["id"]),
        "prompt": _prompt(ann, anns, cat, frame),
        "image": placed.ref,
        "keypoints": list(names),
        "rubric": rubrics["keypoints"],
        "gold": {"points": points},
    }


def _prompt(ann: dict, anns: list[dict], cat: dict, frame: tuple[float, float]) -> str:
    """Which annotation is meant, by its box, when the image holds several of its category."""
    others = [a for a in anns if a.get("category_id") == cat["id"] and a is not ann]
    bbox = ann.get("bbox")
    if not others or not isinstance(bbox, list) or len(bbox) != 4:
        return KEYPOINTS_PROMPT.format(category=cat["name"])
    try:
        x, y, w, h = (number(v, "bbox") for v in bbox)
    except GeometryError:
        return KEYPOINTS_PROMPT.format(category=cat["name"])
    sx, sy = frame
    return WHICH_PROMPT.format(
        category=cat["name"],
        left=round(x * sx),
        top=round(y * sy),
        right=round((x + w) * sx),
        bottom=round((y + h) * sy),
    )
