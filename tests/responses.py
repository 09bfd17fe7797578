"""Random learner responses per task type, for the Python-vs-JavaScript agreement
test: well-formed answers near and far from the gold, and malformed values.

Each task type adds one function ``(rng, task JSON) -> response`` to RESPONSES.
"""

from __future__ import annotations

import random

MALFORMED = [
    None,
    3,
    "text",
    [],
    {"choice": 5},
    {"choices": "A"},
    {"spans": "x"},
    {"boxes": [1]},
    {"order": {"A": 1}},
    {"text": ["a"]},
    {"segments": {"start": 1}},
    {"polygons": [{"label": "A", "points": 3}]},
    {"points": [{"label": 1, "x": "a"}]},
    {"masks": [{"label": "A", "counts": "x"}]},
]


def choice(rng: random.Random, task: dict):
    return {"choice": rng.choice([*task["labels"], "Unknown", "", None])}


def multi(rng: random.Random, task: dict):
    labels = [*task["labels"], "Unknown", ""]
    return {"choices": rng.sample(labels, rng.randint(0, len(labels)))}


def _jitter(rng: random.Random, box: dict) -> dict:
    """A box near ``box``: edges moved by whole or fractional pixels, maybe flipped."""
    shift = [rng.choice([0, 0, 1, -2, 5, -8, 0.25, 2.5, -30]) for _ in range(4)]
    x, y = box["x"] + shift[0], box["y"] + shift[1]
    w, h = box["w"] + shift[2], box["h"] + shift[3]
    if rng.random() < 0.1:  # drawn the other way: negative width
        x, w = x + w, -w
    return {"x": x, "y": y, "w": w, "h": h, "label": box["label"]}


def bbox(rng: random.Random, task: dict):
    labels = task["labels"]
    width, height = task["image"]["width"], task["image"]["height"]
    boxes = []
    for gold in task["gold"]["boxes"]:
        if rng.random() < 0.8:
            box = _jitter(rng, gold)
            if rng.random() < 0.2:
                box["label"] = rng.choice(labels)
            boxes.append(box)
    for _ in range(rng.randint(0, 3)):  # spurious, degenerate or malformed extras
        x, y = rng.uniform(0, width), rng.uniform(0, height)
        boxes.append(
            rng.choice(
                [
                    {"x": x, "y": y, "w": rng.uniform(0, 80), "h": rng.uniform(0, 80)},
                    {"x": round(x), "y": round(y), "w": 0, "h": 10},
                    {"x": "1", "y": 2, "w": 3, "h": 4},
                    [x, y, 10, 10],
                ]
            )
        )
        if isinstance(boxes[-1], dict):
            boxes[-1]["label"] = rng.choice([*labels, "Unknown"])
    rng.shuffle(boxes)
    return {"boxes": boxes}


def rank(rng: random.Random, task: dict):
    """A permutation of the ids (most of the time), else a broken order."""
    ids = [item["id"] for item in task["responses"]]
    order = rng.sample(ids, len(ids))
    broken = rng.random()
    if broken < 0.1:
        order = order[:-1]
    elif broken < 0.2:
        order[0] = order[-1]
    elif broken < 0.25:
        order.append("Z")
    elif broken < 0.3:
        order = [rid.lower() for rid in order]
    response = {"order": order}
    if rng.random() < 0.5:
        response["justification"] = rng.choice(["", "  ", "B is accurate.", 7, None])
    return response


def pairwise(rng: random.Random, task: dict):
    ids = [item["id"] for item in task["responses"]]
    response = {"choice": rng.choice([*ids, "tie", "Tie", "", None, 0])}
    if rng.random() < 0.5:
        response["justification"] = rng.choice(["", "A is shorter.", ["x"]])
    return response


def spans(rng: random.Random, task: dict):
    """Gold spans kept, dropped, relabelled or moved to nearby edges, plus strays and junk."""
    size = len(task["text"])  # code points, as the graders count
    labels = [*task["labels"], "Unknown"]
    result = []
    for gold in task["gold"]["spans"]:
        roll = rng.random()
        if roll < 0.2:
            continue
        item = dict(gold)
        if roll < 0.4:
            item["label"] = rng.choice(labels)
        elif roll < 0.7:
            item["start"] = max(0, item["start"] + rng.randint(-4, 3))
            item["end"] = min(size + 1, item["end"] + rng.randint(-3, 4))
        result.append(item)
    for _ in range(rng.randint(0, 3)):
        start = rng.randint(-1, size)
        result.append(
            {"start": start, "end": start + rng.randint(0, 8), "label": rng.choice(labels)}
        )
    if rng.random() < 0.2:
        result.append(rng.choice([{"start": "1"}, [1, 2], None, {"start": 1.5, "end": 3}]))
    rng.shuffle(result)
    return {"spans": result}


def rating(rng: random.Random, task: dict):
    values = [level["value"] for level in task["scale"]["levels"]]
    ids = [criterion["id"] for criterion in task["scale"]["criteria"]]
    extras = [0.5, "3", True, None, -1, 99, float(values[0])]
    ratings = {}
    for cid in [*ids, "unknown", "constructor"]:
        roll = rng.random()
        if roll < 0.7:
            ratings[cid] = rng.choice(values)
        elif roll < 0.85:
            ratings[cid] = rng.choice(extras)
    return {"ratings": ratings}


def numeric(rng: random.Random, task: dict):
    gold = task["gold"]["value"]
    tolerance = task["tolerance"]
    bound = max(tolerance["absolute"] or 0, (tolerance["relative"] or 0) * abs(gold), 0.01)
    unit = task["unit"] or ""
    roll = rng.random()
    if roll < 0.5:
        return {"value": gold + rng.uniform(-3, 3) * bound}
    if roll < 0.6:
        return {"value": gold + rng.choice([-1, 1]) * bound}
    if roll < 0.8:
        number = round(gold + rng.uniform(-3, 3) * bound, rng.randint(0, 4))
        text = repr(number).replace(".", rng.choice([".", ","]))
        return {"value": text + rng.choice(["", " ", " " + unit, unit])}
    return {
        "value": rng.choice(
            ["", "-", "1,250", "0,125", "\u22120.5", "1e3", "abc", 1e308, -1e308, True, [1], None]
        )
    }


WORDS = ["their", "there", "van", "is", "parked", "yes", "12", "6:15", "a", "caf\u00e9"]
ODD_TEXT = [
    "",
    "   ",
    "\t\n",
    "It's!",
    "cafe\u0301",
    "\U0001f44d\U0001f3fd",
    "\u00a0\ufeff",
    "Q\u0303",
]


def transcript(rng: random.Random, task: dict):
    gold = task["gold"]["text"].split()
    if rng.random() < 0.2:
        return {"text": rng.choice([*ODD_TEXT, 7, None])}
    words = list(gold)
    for _ in range(rng.randint(0, 4)):  # substitute, delete or insert a few words
        where = rng.randint(0, len(words))
        edit = rng.choice(["sub", "del", "ins"])
        if edit == "ins" or not words or where == len(words):
            words.insert(where, rng.choice(WORDS + ODD_TEXT))
        elif edit == "del":
            del words[where]
        else:
            words[where] = rng.choice(WORDS)
    separator = rng.choice([" ", "  ", "\n", " , "])
    return {"text": separator.join(words).upper() if rng.random() < 0.2 else separator.join(words)}


def segments(rng: random.Random, task: dict):
    duration = task["audio"]["duration"]
    labels = [*task["labels"], "Unknown"]
    result = []
    for gold in task["gold"]["segments"]:  # near each gold segment, sometimes skipped
        if rng.random() < 0.8:
            shift = [rng.uniform(-0.6, 0.6), rng.uniform(-0.6, 0.6)]
            label = gold["label"] if rng.random() < 0.8 else rng.choice(labels)
            result.append(
                {"start": gold["start"] + shift[0], "end": gold["end"] + shift[1], "label": label}
            )
    for _ in range(rng.randint(0, 3)):  # anywhere, possibly outside the clip or reversed
        start = rng.uniform(-1, duration + 1)
        result.append(
            {"start": start, "end": start + rng.uniform(-0.5, 3), "label": rng.choice(labels)}
        )
    if rng.random() < 0.1:
        result.append(
            rng.choice([{"start": "1", "end": 2}, {"start": None}, 4, {"start": True, "end": 2}])
        )
    rng.shuffle(result)
    return {"segments": result}


def _near(rng: random.Random, value: float, spread: float):
    """A coordinate near ``value``: integers, fractions, sometimes out of the image."""
    moved = value + rng.uniform(-spread, spread)
    return rng.choice([round(moved), moved, value, -moved, "x", None])


def polygon(rng: random.Random, task: dict):
    image = task["image"]
    polygons = []
    for gold in task["gold"]["polygons"]:
        if rng.random() < 0.2:
            continue  # missed
        points = [[_near(rng, x, 8), _near(rng, y, 8)] for x, y in gold["points"]]
        if rng.random() < 0.3:
            points = [[x, y] if rng.random() < 0.8 else [y, x] for x, y in points]
        if rng.random() < 0.3:
            rng.shuffle(points)  # often a self-crossing outline
        if rng.random() < 0.3:
            points.reverse()
        label = rng.choice([gold["label"], *task["labels"], "Unknown"])
        polygons.append({"label": label, "points": points})
    for _ in range(rng.randint(0, 2)):  # extra outlines anywhere, some degenerate
        count = rng.randint(1, 7)
        points = [
            [rng.uniform(-20, image["width"] + 20), rng.uniform(-20, image["height"] + 20)]
            for _ in range(count)
        ]
        polygons.append({"label": rng.choice(task["labels"]), "points": points})
    rng.shuffle(polygons)
    return {"polygons": polygons}


def keypoints(rng: random.Random, task: dict):
    image = task["image"]
    points = []
    for gold in task["gold"]["points"]:
        roll = rng.random()
        if roll < 0.15:
            continue  # not placed
        if roll < 0.3:
            points.append({"label": gold["label"], "visible": False})
            continue
        x = gold.get("x", rng.uniform(0, image["width"]))
        y = gold.get("y", rng.uniform(0, image["height"]))
        spread = rng.choice([2, 10, 30])
        points.append(
            {"label": gold["label"], "x": _near(rng, x, spread), "y": _near(rng, y, spread)}
        )
    if rng.random() < 0.2:
        points.append({"label": "Unknown", "x": 1, "y": 1})
    rng.shuffle(points)
    return {"points": points}


def relations(rng: random.Random, task: dict):
    """Random spans (as for spans), then links among them: gold links kept, reversed or
    relabelled, strays, and junk (self-links, bad indices, unknown labels)."""
    response = spans(rng, task)
    result = response["spans"]
    names = [*task["relation_labels"], "Unknown"]
    gold_spans = task["gold"]["spans"]
    links = []
    for link in task["gold"]["relations"]:
        if rng.random() < 0.2:
            continue
        ends = [gold_spans[link["from"]], gold_spans[link["to"]]]
        if rng.random() < 0.3:  # the same (or a moved) end must be in the response's list
            result.extend(dict(end) for end in ends)
        where = []
        for end in ends:
            places = [i for i, item in enumerate(result) if item == end]
            where.append(rng.choice(places) if places else rng.randrange(len(result) + 1))
        roll = rng.random()
        if roll < 0.2:
            where.reverse()
        label = rng.choice(names) if roll > 0.8 else link["label"]
        links.append({"from": where[0], "to": where[1], "label": label})
    for _ in range(rng.randint(0, 3)):
        size = max(len(result), 1)
        links.append(
            {
                "from": rng.randrange(-1, size + 1),
                "to": rng.randrange(size),
                "label": rng.choice(names),
            }
        )
    if rng.random() < 0.2:
        links.append(rng.choice([{"from": "0", "to": 1}, [0, 1], None, {"from": 0.5, "to": 1}]))
    rng.shuffle(links)
    if rng.random() < 0.1:
        return {"spans": result}
    return {"spans": result, "relations": links}


def masks(rng: random.Random, task: dict):
    """Gold masks with runs lengthened or shortened, squares anywhere, malformed counts."""
    width, height = task["image"]["width"], task["image"]["height"]
    result = []
    for gold in task["gold"]["masks"]:
        if rng.random() < 0.2:
            continue  # missed
        counts = [max(0, c + rng.choice([0, 0, 0, 1, -1, 3, -5, 40])) for c in gold["counts"]]
        if rng.random() < 0.1:
            counts[rng.randrange(len(counts))] = rng.choice([2.5, -1, "x", None, True])
        if rng.random() < 0.2:
            counts = counts[: rng.randint(1, len(counts))]
        result.append(
            {"label": rng.choice([gold["label"], *task["labels"], "Unknown"]), "counts": counts}
        )
    for _ in range(rng.randint(0, 2)):  # a square anywhere, of any class
        side = rng.randint(1, 60)
        x0, y0 = rng.randrange(width), rng.randrange(height)
        counts, position = [], 0
        for x in range(x0, min(x0 + side, width)):
            top = x * height + y0
            counts += [top - position, min(side, height - y0)]
            position = top + counts[-1]
        result.append({"label": rng.choice(task["labels"]), "counts": counts})
    rng.shuffle(result)
    return {"masks": result}


def tracking(rng: random.Random, task: dict):
    """Each gold track's keys jittered, cut short, relabelled, split in two or swapped
    between objects; extra tracks; malformed keys and tracks."""
    count = len(task["frames"])
    tracks = []
    for gold in task["gold"]["tracks"]:
        if rng.random() < 0.15:
            continue  # not tracked
        keys = []
        for key in gold["keys"]:
            if rng.random() < 0.2:
                continue  # a keyframe left out: interpolation fills (or holds) the gap
            if key.get("out"):
                keys.append(dict(key))
            else:
                box = _jitter(rng, {**key, "label": gold["label"]})
                del box["label"]
                keys.append({"frame": key["frame"], **box})
        if rng.random() < 0.2:  # out of view too early, or a stray keyframe
            keys.append({"frame": rng.randint(1, count), "out": True})
        label = gold["label"] if rng.random() < 0.8 else rng.choice(task["labels"])
        rng.shuffle(keys)
        if rng.random() < 0.2 and len(keys) > 1:  # split: an identity switch
            cut = rng.randint(1, len(keys) - 1)
            tracks += [{"label": label, "keys": keys[:cut]}, {"label": label, "keys": keys[cut:]}]
        else:
            tracks.append({"label": label, "keys": keys})
    for _ in range(rng.randint(0, 2)):  # invented, degenerate or malformed extras
        frame = rng.choice([rng.randint(1, count), 0, count + 1, 2.5, "3", True])
        box = {"x": rng.uniform(0, 300), "y": rng.uniform(0, 180), "w": rng.uniform(0, 60)}
        box["h"] = rng.choice([rng.uniform(0, 60), "4", None])
        tracks.append(
            rng.choice(
                [
                    {
                        "label": rng.choice([*task["labels"], "Unknown"]),
                        "keys": [{"frame": frame, **box}],
                    },
                    {"label": task["labels"][0], "keys": "x"},
                    [frame],
                ]
            )
        )
    if rng.random() < 0.3 and len(tracks) > 1:  # two tracks swap their second halves
        a, b = tracks[0], tracks[1]
        if isinstance(a, dict) and isinstance(b, dict) and isinstance(a["keys"], list):
            half = len(a["keys"]) // 2
            a["keys"], b["keys"] = a["keys"][:half] + list(b["keys"])[half:], a["keys"][half:]
    rng.shuffle(tracks)
    return {"tracks": tracks}


RESPONSES = {
    "choice": choice,
    "multi": multi,
    "bbox": bbox,
    "rank": rank,
    "pairwise": pairwise,
    "spans": spans,
    "rating": rating,
    "numeric": numeric,
    "transcript": transcript,
    "segments": segments,
    "polygon": polygon,
    "keypoints": keypoints,
    "relations": relations,
    "masks": masks,
    "tracking": tracking,
}


#: The key of each type's answer, for the edge between a blank and an empty answer.
KEYS = {
    "choice": "choice",
    "multi": "choices",
    "bbox": "boxes",
    "rank": "order",
    "pairwise": "choice",
    "spans": "spans",
    "rating": "ratings",
    "numeric": "value",
    "transcript": "text",
    "segments": "segments",
    "polygon": "polygons",
    "keypoints": "points",
    "relations": "spans",
    "masks": "masks",
    "tracking": "tracks",
}


def blank_or_empty(rng: random.Random, task: dict):
    """No answer (null, no key, the key null) or the type's empty answer (the empty
    list, text or mapping), which is "nothing here" where the type allows it."""
    key = KEYS[task["type"]]
    empty = {"text": ""} if key == "text" else {"ratings": {}} if key == "ratings" else {key: []}
    return rng.choice([None, {}, {key: None}, empty, empty, {key: [None]}])


def random_response(rng: random.Random, task: dict):
    """A response for ``task``: one in ten is malformed, one in ten blank or empty,
    the rest come from its type."""
    draw = rng.random()
    if draw < 0.1:
        return rng.choice(MALFORMED)
    if draw < 0.2:
        return blank_or_empty(rng, task)
    return RESPONSES[task["type"]](rng, task)
