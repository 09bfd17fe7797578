"""``tracking``: box one or more objects through a short sequence of frames.

Fields: ``frames`` (a folder next to the lesson or quiz holding the frames, taken
in file-name order: PNG, JPEG or WebP, all of one size, 2 to MAX_FRAMES of them),
optional ``alt`` (the frames' text alternative), ``labels`` (1 or more) and
optional ``match_iou`` (default 0.5): a learner box and a gold box of one frame
count as the same object only when their IoU is more than this.

Gold and response have one shape: ``{"tracks": [{"label", "keys": [...]}]}``,
one track per object, each a list of keyframes. A keyframe is ``{"frame", "x",
"y", "w", "h"}`` (the box in natural pixels, as the bbox type draws it) or
``{"frame", "out": true}`` (the object is out of view from that frame on).
Frames are numbered from 1, as the widget shows them. A track's box at frame f
(:func:`expand`): the keyframe at f when there is one; else, with p the last
keyframe before f and n the next one after it: none before the first keyframe
or when p is "out"; p's box when there is no n or n is "out" (the box is held);
otherwise p's box moved linearly towards n's, every one of x, y, w and h by
(f - p) / (n - p) of the way (as CVAT and Label Studio interpolate). Gold may
key every frame (the media tool writes exact per-frame boxes) or only some.

Reading a response: a track whose label is not among the labels, or that is not
a mapping with a list of keys, is dropped; so is a keyframe whose frame is not a
whole number from 1 to the frame count, or that is neither ``out: true`` nor a
box of numbers within ±MAX_COORD (a negative w or h is the same box drawn the
other way); of two keyframes on one frame the first counts. At most MAX_TRACKS
tracks count.

Matching, frame by frame, as the CLEAR MOT metrics do (and py-motmetrics with an
IoU distance): a pair of gold object and learner track is *valid* in a frame when
both have a box there and their IoU is above ``match_iou``. (1) A gold object
keeps the track it was last matched to (in any earlier frame) when that pair is
valid, objects taken in gold order; (2) the remaining objects and tracks are
assigned one to one so that the number of valid pairs is largest and, among
those assignments, their total IoU (``matching.match`` on similarity
K + IoU for a valid pair, 0 otherwise, K larger than any count of pairs). An
*identity switch* is a frame where an object is matched to a track other than
the one it was last matched to. The measures, with V = every gold box (an object
visible in a frame):

- ``mean_iou``: each object's mean, over the frames where it is visible, of the
  IoU with its matched track's box (0 in a frame where it is not matched); the
  mean of these over the objects;
- ``missed_frames`` (FN): gold boxes with no matched track in their frame (no box
  of the learner there, or none overlapping enough); lower is better;
- ``invented_frames`` (FP): learner boxes matched to no object in their frame
  (where no object is visible, or too far from any); lower is better;
- ``id_switches`` (IDSW): identity switches over all objects; lower is better;
- ``label_accuracy``: matched pairs (over all frames) whose track has the
  object's label / matched pairs (0 when none);
- ``mota`` = 1 - (FN + FP + IDSW) / |V|; 1 is perfect, and it goes below 0 when
  the errors outnumber the gold boxes.

Gold has at least one track and each track is visible in at least one frame, so
|V| > 0 and every mean is defined.
"""

from __future__ import annotations

from typing import Any

from ...course.fields import Fields, describe, suggest
from ...course.media import MediaLibrary
from ...course.yamlpos import YamlList
from ...messages import fill
from ..base import TaskType
from ..bbox.kind import iou, quoted, ratio, tidy
from ..shared.imagefields import STAGE_HELPERS
from ..shared.matching import match
from ..shared.values import explicit_list, finite_number

MAX_FRAMES = 300
MAX_TRACKS = 50
MAX_COORD = 1_000_000
DEFAULT_MATCH_IOU = 0.5
SUFFIXES = (".png", ".jpg", ".jpeg", ".webp")


def _frame_number(value: Any, count: int) -> int | None:
    number = finite_number(value)
    if number is None or number != int(number) or not 1 <= number <= count:
        return None
    return int(number)


def _read_key(item: Any, count: int) -> dict | None:
    """A keyframe in canonical shape, or None when it is malformed."""
    if not isinstance(item, dict):
        return None
    frame = _frame_number(item.get("frame"), count)
    if frame is None:
        return None
    if item.get("out") is True:
        return {"frame": frame, "out": True}
    values = [finite_number(item.get(key)) for key in ("x", "y", "w", "h")]
    if any(v is None or abs(v) > MAX_COORD for v in values):
        return None
    x, y, w, h = (item[key] for key in ("x", "y", "w", "h"))
    if w < 0:
        x, w = x + w, -w
    if h < 0:
        y, h = y + h, -h
    return {"frame": frame, "x": x, "y": y, "w": w, "h": h}


def read_track(item: Any, labels: list[str], count: int) -> dict | None:
    """A response track in canonical shape (keys sorted by frame), or None."""
    if not isinstance(item, dict) or item.get("label") not in labels:
        return None
    raw = item.get("keys")
    if not isinstance(raw, list):
        return None
    keys: dict[int, dict] = {}
    for entry in raw:
        key = _read_key(entry, count)
        if key is not None and key["frame"] not in keys:
            keys[key["frame"]] = key
    return {"label": item["label"], "keys": [keys[f] for f in sorted(keys)]}


def _box(key: dict) -> dict:
    return {"x": key["x"], "y": key["y"], "w": key["w"], "h": key["h"]}


def expand(keys: list[dict], count: int) -> list[dict | None]:
    """The track's box (or None: out of view) at each of the ``count`` frames."""
    boxes: list[dict | None] = []
    k = 0  # keys[k] is the first keyframe after the frame
    for frame in range(1, count + 1):
        while k < len(keys) and keys[k]["frame"] <= frame:
            k += 1
        before = keys[k - 1] if k else None
        after = keys[k] if k < len(keys) else None
        if before is None or before.get("out"):
            boxes.append(None)
        elif before["frame"] == frame or after is None or after.get("out"):
            boxes.append(_box(before))
        else:
            share = (frame - before["frame"]) / (after["frame"] - before["frame"])
            boxes.append(
                {
                    key: before[key] + (after[key] - before[key]) * share
                    for key in ("x", "y", "w", "h")
                }
            )
    return boxes


def evaluate(task, response: dict) -> dict:
    """The CLEAR MOT matching of the module's docstring, frame by frame.

    Returns per gold object ``visible``, ``missed`` (frame numbers), ``iou``
    (summed), ``switches`` ([frame, from track, to track]) and ``right`` (matched
    pairs with the object's label); per learner track ``invented`` (frame
    numbers); and ``matched`` (pairs in all).
    """
    count = len(task.options["frames"])
    minimum = task.options["match_iou"]
    gold = [expand(track["keys"], count) for track in task.gold["tracks"]]
    mine = [expand(track["keys"], count) for track in response["tracks"]]
    labels = [track["label"] for track in response["tracks"]]
    objects = [
        {"visible": 0, "missed": [], "iou": 0.0, "switches": [], "right": 0}
        for _ in task.gold["tracks"]
    ]
    tracks = [{"invented": []} for _ in mine]
    weight = len(gold) + len(mine) + 1
    last: dict[int, int] = {}
    matched = 0
    for f in range(count):
        here = [g for g in range(len(gold)) if gold[g][f] is not None]
        there = [r for r in range(len(mine)) if mine[r][f] is not None]
        value = {}
        for g in here:
            for r in there:
                overlap = iou(gold[g][f], mine[r][f])
                if overlap > minimum:
                    value[g, r] = overlap
        pairs = []
        for g in here:  # (1) an object keeps its last track while the pair is valid
            r = last.get(g)
            if (g, r) in value and all(r != taken for _, taken in pairs):
                pairs.append((g, r))
        rows = [g for g in here if all(g != kept for kept, _ in pairs)]
        cols = [r for r in there if all(r != taken for _, taken in pairs)]
        similarity = [
            [weight + value[g, r] if (g, r) in value else 0.0 for r in cols] for g in rows
        ]
        for i, j in match(similarity, 0.0):  # (2) the rest, most pairs then most IoU
            g, r = rows[i], cols[j]
            if g in last and last[g] != r:
                objects[g]["switches"].append([f + 1, last[g], r])
            pairs.append((g, r))
        paired = {g: r for g, r in pairs}
        for g in here:
            item = objects[g]
            item["visible"] += 1
            if g in paired:
                r = paired[g]
                last[g] = r
                item["iou"] += value[g, r]
                if labels[r] == task.gold["tracks"][g]["label"]:
                    item["right"] += 1
            else:
                item["missed"].append(f + 1)
        used = set(paired.values())
        for r in there:
            if r not in used:
                tracks[r]["invented"].append(f + 1)
        matched += len(pairs)
    return {"objects": objects, "tracks": tracks, "matched": matched}


def frame_list(frames: list[int]) -> str:
    """Frame numbers as runs: [3, 4, 5, 9] -> "3–5, 9"."""
    runs: list[list[int]] = []
    for frame in frames:
        if runs and runs[-1][1] == frame - 1:
            runs[-1][1] = frame
        else:
            runs.append([frame, frame])
    return ", ".join(str(a) if a == b else f"{a}\u2013{b}" for a, b in runs)


def _object(task, g: int, messages) -> str:
    label = task.gold["tracks"][g]["label"]
    return fill(messages["note_tracking_object"], number=g + 1, label=quoted(label))


def _track(response, r: int, messages) -> str:
    label = response["tracks"][r]["label"]
    return fill(messages["note_tracking_track"], number=r + 1, label=quoted(label))


def mean_iou(task, response, messages):
    objects = evaluate(task, response)["objects"]
    total = 0.0
    notes = []
    for g, item in enumerate(objects):
        value = item["iou"] / item["visible"]
        total += value
        notes.append(
            fill(
                messages["note_tracking_iou"],
                name=_object(task, g, messages),
                iou=ratio(value),
                count=item["visible"],
            )
        )
    return total / len(objects), notes


def missed_frames(task, response, messages):
    objects = evaluate(task, response)["objects"]
    total = 0
    notes = []
    for g, item in enumerate(objects):
        if item["missed"]:
            total += len(item["missed"])
            notes.append(
                fill(
                    messages["note_tracking_missed"],
                    name=_object(task, g, messages),
                    frames=frame_list(item["missed"]),
                    count=len(item["missed"]),
                )
            )
    if not notes:
        notes = [messages["note_tracking_none_missed"]]
    return float(total), notes


def invented_frames(task, response, messages):
    tracks = evaluate(task, response)["tracks"]
    total = 0
    notes = []
    for r, item in enumerate(tracks):
        if item["invented"]:
            total += len(item["invented"])
            notes.append(
                fill(
                    messages["note_tracking_invented"],
                    track=_track(response, r, messages),
                    frames=frame_list(item["invented"]),
                    count=len(item["invented"]),
                )
            )
    if not notes:
        notes = [messages["note_tracking_none_invented"]]
    return float(total), notes


def id_switches(task, response, messages):
    objects = evaluate(task, response)["objects"]
    total = 0
    notes = []
    for g, item in enumerate(objects):
        for frame, before, after in item["switches"]:
            total += 1
            notes.append(
                fill(
                    messages["note_tracking_switch"],
                    name=_object(task, g, messages),
                    frame=frame,
                    before=_track(response, before, messages),
                    after=_track(response, after, messages),
                )
            )
    if not notes:
        notes = [messages["note_tracking_no_switch"]]
    return float(total), notes


def label_accuracy(task, response, messages):
    result = evaluate(task, response)
    if not result["matched"]:
        return 0.0, [messages["note_tracking_none_matched"]]
    right = 0
    notes = []
    for g, item in enumerate(result["objects"]):
        right += item["right"]
        wrong = item["visible"] - len(item["missed"]) - item["right"]
        if wrong:
            notes.append(
                fill(
                    messages["note_tracking_wrong_label"],
                    name=_object(task, g, messages),
                    count=wrong,
                )
            )
    if not notes:
        notes = [messages["note_tracking_labels_right"]]
    return right / result["matched"], notes


def mota(task, response, messages):
    result = evaluate(task, response)
    total = missed = switches = invented = 0
    for item in result["objects"]:
        total += item["visible"]
        missed += len(item["missed"])
        switches += len(item["switches"])
    for item in result["tracks"]:
        invented += len(item["invented"])
    value = 1 - (missed + invented + switches) / total
    note = fill(
        messages["note_tracking_mota"],
        missed=missed,
        invented=invented,
        switches=switches,
        total=total,
        mota=ratio(value),
    )
    return value, [note]


class TrackingType(TaskType):
    """Objects boxed through a sequence of frames, graded with the CLEAR MOT measures."""

    name = "tracking"
    fields = ("frames", "alt", "labels", "match_iou")
    response_fields = ("tracks",)
    gold_example = (
        "gold:\n  tracks:\n    - label: Car\n      keys:\n"
        "        - {frame: 1, x: 10, y: 80, w: 40, h: 24}\n"
        "        - {frame: 12, x: 250, y: 80, w: 40, h: 24}"
    )
    measures = {
        "mean_iou": mean_iou,
        "missed_frames": missed_frames,
        "invented_frames": invented_frames,
        "id_switches": id_switches,
        "label_accuracy": label_accuracy,
        "mota": mota,
    }
    grader_helpers = ("matching.js",)
    widget_helpers = (*STAGE_HELPERS, "boxes.js")
    style_helpers = ("stage.css",)

    def read_options(self, fields: Fields, media: MediaLibrary) -> dict[str, Any]:
        frames = self._read_frames(fields, media)
        options: dict[str, Any] = {
            "image": frames[0],
            "frames": [{"src": f["src"], "webp": f["webp"]} for f in frames],
            "labels": self.read_labels(fields, 1),
        }
        alt = fields.text("alt")
        if alt and alt.strip():
            options["alt"] = alt.strip()
        options["match_iou"] = fields.number(
            "match_iou", default=DEFAULT_MATCH_IOU, minimum=0, maximum=0.99
        )
        return options

    @staticmethod
    def _read_frames(fields: Fields, media: MediaLibrary) -> list[dict]:
        ref = fields.text("frames", required=True).rstrip("/")
        base = (media.root / fields.path).parent if fields.path else media.root
        folder = (base / ref).resolve()
        if not folder.is_dir():
            raise fields.error(
                "frames",
                f"frames folder {ref!r} not found (looked for {folder}); give a folder of"
                " frame images next to the lesson",
            )
        names = sorted(p.name for p in folder.iterdir() if p.suffix.lower() in SUFFIXES)
        if not 2 <= len(names) <= MAX_FRAMES:
            raise fields.error(
                "frames",
                f"frames folder {ref!r} holds {len(names)} images (PNG, JPEG or WebP);"
                f" a tracking exercise needs 2 to {MAX_FRAMES}",
            )
        line = fields.line_of("frames")
        frames = []
        for name in names:
            one = Fields({"frames": f"{ref}/{name}"}, fields.path, "frames", ("frames",), line)
            frames.append(media.image(one, "frames"))
        first = frames[0]
        for name, frame in zip(names, frames, strict=True):
            if (frame["width"], frame["height"]) != (first["width"], first["height"]):
                raise fields.error(
                    "frames",
                    f"frame {name!r} is {frame['width']} x {frame['height']}, but {names[0]!r}"
                    f" is {first['width']} x {first['height']}; every frame needs the same size",
                )
        return frames

    def read_gold(self, task, gold: Fields) -> dict:
        if not gold.has("tracks"):
            raise gold.error(None, "gold is missing 'tracks' (a list of objects to track)")
        items = gold.raw("tracks")
        if not isinstance(items, list) or not items:
            raise gold.error(
                "tracks", f"'tracks' must be a list of one or more tracks, got {describe(items)}"
            )
        labels = task.options["labels"]
        count = len(task.options["frames"])
        image = task.options["image"]
        tracks = []
        for index, item in enumerate(items):
            line = items.line_of(index) if isinstance(items, YamlList) else gold.line_of("tracks")
            what = f"gold track {index + 1}"
            track = Fields(item, gold.path, what, ("label", "keys"), line)
            label = track.text("label", required=True)
            if label not in labels:
                raise track.error(
                    "label",
                    f"{what} has the label {label!r}, which is not among the labels"
                    f"{suggest(label, labels)}; labels: {', '.join(labels)}",
                )
            raw = track.require("keys")
            if not isinstance(raw, list) or not raw:
                raise track.error(
                    "keys", f"{what}: 'keys' must be a list of keyframes, got {describe(raw)}"
                )
            keys = []
            for k, entry in enumerate(raw):
                at = raw.line_of(k) if isinstance(raw, YamlList) else track.line_of("keys")
                keys.append(self._read_gold_key(entry, gold.path, at, what, count, image, keys))
            if all(box is None for box in expand(keys, count)):
                raise track.error(
                    "keys", f"{what} ({label}) is out of view in every frame; give it a box"
                )
            tracks.append({"label": label, "keys": keys})
        return {"tracks": tracks}

    @staticmethod
    def _read_gold_key(entry, path, line, what, count, image, keys) -> dict:
        key = Fields(
            entry, path, f"a keyframe of {what}", ("frame", "x", "y", "w", "h", "out"), line
        )
        frame = key.number("frame", required=True)
        if frame != int(frame) or not 1 <= frame <= count:
            raise key.error(
                "frame", f"{what}: frame {frame:g} is not a whole number from 1 to {count}"
            )
        frame = int(frame)
        if keys and frame <= keys[-1]["frame"]:
            raise key.error(
                "frame",
                f"{what}: frame {frame} comes after frame {keys[-1]['frame']}; write keyframes"
                " once each, in frame order",
            )
        if key.boolean("out"):
            for name in ("x", "y", "w", "h"):
                if key.has(name):
                    raise key.error(name, f"{what}: frame {frame} is out of view and has no box")
            return {"frame": frame, "out": True}
        x, y, w, h = (key.number(name, required=True) for name in ("x", "y", "w", "h"))
        for name, size in (("w", w), ("h", h)):
            if size <= 0:
                raise key.error(
                    name, f"{what}: frame {frame} has {name} = {size:g}; a box needs a size above 0"
                )
        width, height = image["width"], image["height"]
        for name, start, end, limit in (("x", x, x + w, width), ("y", y, y + h, height)):
            if start < 0 or end > limit:
                raise key.error(
                    name,
                    f"{what}: frame {frame} spans {name} {start:g} to {end:g}, outside the"
                    f" {width} x {height} frame; mark frames where the object has left with"
                    " out: true",
                )
        return {"frame": frame, "x": tidy(x), "y": tidy(y), "w": tidy(w), "h": tidy(h)}

    def normalize(self, task, response: Any) -> dict:
        raw = response.get("tracks") if isinstance(response, dict) else None
        if not isinstance(raw, list):
            return {"tracks": []}
        labels = task.options["labels"]
        count = len(task.options["frames"])
        tracks = [t for t in (read_track(item, labels, count) for item in raw) if t is not None]
        return {"tracks": tracks[:MAX_TRACKS]}

    def answered(self, task, canonical: dict, response: Any) -> bool:
        return explicit_list(response, "tracks", canonical["tracks"])
