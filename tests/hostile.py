"""Hostile text for every input path: a tiny course whose author, import and
learner text is HTML and script, for tests/test_hostile.py (the built HTML) and
tests/browser/test_hostile.py (what the browser does with it).

Data-driven: ``FIELDS`` lists, one line each, every field of a task type whose
text reaches the page, with how the payload goes in. A new task type adds its
base exercise to ``BASE`` (image and audio exercises use the files
:func:`media_files` writes) and its text fields to ``FIELDS``; every test then
covers them. tests/browser/test_hostile.py says where in the widget each of the
type's own fields shows (``PARTS``) and which wrong answer names it (``WRONG``).

Each payload sets ``window.__pwned`` if it ever runs; it must always show as text.
"""

from __future__ import annotations

import copy
import json
import wave
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml
from PIL import Image, ImageDraw

from annotrain.commands.cli import main

from .conftest import ROOT
from .sites import Site

PAYLOADS = {
    "script": "<script>window.__pwned=1</script>",
    "img": '<img src=x onerror="window.__pwned=1">',
    "svg": '"><svg onload="window.__pwned=1">',
    # Ends a single-quoted attribute (the task JSON sits in one).
    "quote": "'><img src=x onerror=window.__pwned=1>&amp;",
}

#: Media the image and audio exercises name, written by :func:`media_files`.
IMAGE = "hostile.png"
AUDIO = "hostile.wav"
IMAGE_SIZE = (320, 240)
FRAMES = "hostile-frames"  # a folder of three frames: the red shape moves right
AUDIO_SECONDS = 6

#: A working exercise of each task type, as the YAML mapping of its block.
BASE: dict[str, dict] = {
    "choice": {
        "type": "choice",
        "title": "Sentiment",
        "prompt": "Is this review positive?",
        "text": "Great value, arrived early.",
        "labels": ["Negative", "Neutral", "Positive"],
        "ordered": True,
        "rubric": "sentiment-ordinal",
        "gold": {"choice": "Positive"},
        "hints": ["Look at the adjectives.", "Early delivery is a plus."],
        "explain": "Both remarks are praise.",
    },
    "multi": {
        "type": "multi",
        "title": "Topics",
        "prompt": "Which topics does the ticket mention?",
        "text": "I was charged twice and the app crashes on the invoice page.",
        "labels": ["Billing", "Shipping", "Bug or crash"],
        "rubric": "tags-standard",
        "gold": {"choices": ["Billing", "Bug or crash"]},
        "hints": ["Money is one topic."],
        "explain": "A double charge is billing; the crash is a bug.",
    },
    "spans": {
        "type": "spans",
        "title": "People and places",
        "prompt": "Mark every person and place.",
        "text": "Ada Lovelace wrote her notes in London.",
        "labels": ["Person", "Location"],
        "rubric": "spans-standard",
        "gold": {
            "spans": [
                {"text": "Ada Lovelace", "label": "Person"},
                {"text": "London", "label": "Location"},
            ]
        },
        "hints": ["A city is a place."],
        "explain": "One full name and one city.",
    },
    "rank": {
        "type": "rank",
        "title": "Egg replies",
        "prompt": "Rank the replies, best first.",
        "text": "User: How long do I boil an egg for a runny yolk?",
        "responses": [
            {"id": "A", "text": "Twenty minutes."},
            {"id": "B", "text": "About six minutes in boiling water."},
            {"id": "C", "text": "It depends on the egg."},
        ],
        "rubric": "rank-standard",
        "gold": {"order": ["B", "C", "A"]},
        "hints": ["One reply is wrong."],
        "explain": "B answers; C is vague; A gives a hard yolk.",
    },
    "pairwise": {
        "type": "pairwise",
        "title": "Capital replies",
        "prompt": "Which reply is better?",
        "text": "User: What is the capital of Norway?",
        "responses": [{"id": "A", "text": "Oslo."}, {"id": "B", "text": "Bergen."}],
        "rubric": "pairwise-standard",
        "gold": {"choice": "A"},
        "hints": ["Only one is right."],
        "explain": "Oslo is the capital.",
    },
    "rating": {
        "type": "rating",
        "title": "Rate a reply",
        "prompt": "Rate the reply on each criterion.",
        "text": "User: Suggest a name for a grey cat.",
        "response": "How about Pebble?",
        "image": IMAGE,
        "image_alt": "A grey square",
        "criteria": [
            {"id": "helpfulness", "name": "Helpfulness", "description": "Does it help?"},
            {"id": "tone", "name": "Tone", "description": "Is it friendly?"},
        ],
        "levels": [
            {"value": 1, "name": "Poor", "descriptor": "Fails here."},
            {"value": 3, "name": "Fair", "descriptor": "Some problems."},
            {"value": 5, "name": "Good", "descriptor": "No problem."},
        ],
        "rubric": "rating-standard",
        "gold": {"ratings": {"helpfulness": 5, "tone": 5}},
        "hints": ["The reply does what was asked."],
        "explain": "A fitting name, kindly offered.",
    },
    "numeric": {
        "type": "numeric",
        "title": "Agreement",
        "prompt": "On what share of the items do the annotators agree?",
        "text": "Two annotators labelled four items.",
        "table": {
            "caption": "Labels by annotator",
            "columns": ["Item", "A", "B"],
            "rows": [[1, "Cat", "Cat"], [2, "Dog", "Cat"], [3, "Dog", "Dog"], [4, "Cat", "Cat"]],
        },
        "unit": "%",
        "tolerance": {"absolute": 0.5},
        "rubric": "numeric-standard",
        "gold": {"value": 75},
        "hints": ["Count the rows where A and B agree."],
        "explain": "Three of four items: 75 %.",
    },
    "transcript": {
        "type": "transcript",
        "title": "Quiet clip",
        "prompt": "Transcribe the clip.",
        "text": "A short recording.",
        "audio": AUDIO,
        "normalize": {"numbers": "as-written", "punctuation": "keep", "case": "keep"},
        "rubric": "transcript-standard",
        "gold": {"text": "Silence is golden."},
        "hints": ["Listen twice."],
        "explain": "Three words.",
    },
    "segments": {
        "type": "segments",
        "title": "Turns",
        "prompt": "Mark each speaker's turn.",
        "text": "Two people talk in turn.",
        "audio": AUDIO,
        "labels": ["Speaker A", "Speaker B"],
        "rubric": "segments-standard",
        "gold": {
            "segments": [
                {"start": 0.5, "end": 2.5, "label": "Speaker A"},
                {"start": 3.0, "end": 5.0, "label": "Speaker B"},
            ]
        },
        "hints": ["A speaks first."],
        "explain": "A, then B.",
    },
    "bbox": {
        "type": "bbox",
        "title": "Shapes",
        "prompt": "Box every shape.",
        "text": "Two shapes on a plain ground.",
        "image": IMAGE,
        "alt": "A red and a blue rectangle",
        "labels": ["Red", "Blue"],
        "rubric": "boxes-standard",
        "gold": {
            "boxes": [
                {"label": "Red", "x": 20, "y": 30, "w": 80, "h": 60},
                {"label": "Blue", "x": 180, "y": 120, "w": 100, "h": 80},
            ]
        },
        "hints": ["There are two."],
        "explain": "One box each.",
    },
    "polygon": {
        "type": "polygon",
        "title": "Outlines",
        "prompt": "Outline every shape.",
        "text": "Two shapes on a plain ground.",
        "image": IMAGE,
        "alt": "A red and a blue rectangle",
        "labels": ["Red", "Blue"],
        "rubric": "polygons-standard",
        "gold": {
            "polygons": [
                {"label": "Red", "points": [[20, 30], [100, 30], [100, 90], [20, 90]]},
                {"label": "Blue", "points": [[180, 120], [280, 120], [280, 200], [180, 200]]},
            ]
        },
        "hints": ["Four corners each."],
        "explain": "Each outline follows a rectangle.",
    },
    "masks": {
        "type": "masks",
        "title": "Paint",
        "prompt": "Paint every shape.",
        "text": "Two shapes on a plain ground.",
        "image": IMAGE,
        "alt": "A red and a blue rectangle",
        "labels": ["Red", "Blue"],
        "rubric": "masks-standard",
        "gold": {
            "masks": [
                {"label": "Red", "polygons": [[[20, 30], [100, 30], [100, 90], [20, 90]]]},
                {"label": "Blue", "polygons": [[[180, 120], [280, 120], [280, 200], [180, 200]]]},
            ]
        },
        "hints": ["Paint each rectangle."],
        "explain": "Each mask fills a rectangle.",
    },
    "keypoints": {
        "type": "keypoints",
        "title": "Corners",
        "prompt": "Place the corners.",
        "text": "A red rectangle.",
        "image": IMAGE,
        "alt": "A red and a blue rectangle",
        "keypoints": ["Top left", "Bottom right", "Far corner"],
        "tolerance": 8,
        "rubric": "keypoints-standard",
        "gold": {
            "points": [
                {"label": "Top left", "x": 20, "y": 30},
                {"label": "Bottom right", "x": 100, "y": 90},
                {"label": "Far corner", "visible": False},
            ]
        },
        "hints": ["The red one."],
        "explain": "The far corner is off the picture.",
    },
    "relations": {
        "type": "relations",
        "title": "Who works where",
        "prompt": "Mark every person and company, then link who works for whom.",
        "text": "Ada Lovelace works for Babbage Engines.",
        "labels": ["Person", "Company"],
        "relation_labels": ["works_for", "owns"],
        "rubric": "relations-standard",
        "gold": {
            "spans": [
                {"id": "ada", "text": "Ada Lovelace", "label": "Person"},
                {"id": "engines", "text": "Babbage Engines", "label": "Company"},
            ],
            "relations": [{"from": "ada", "to": "engines", "label": "works_for"}],
        },
        "hints": ["The person works for the company."],
        "explain": "One person, one company, one link from the person to the company.",
    },
    "tracking": {
        "type": "tracking",
        "title": "Moving shape",
        "prompt": "Track the red shape.",
        "text": "A red rectangle moves right.",
        "frames": FRAMES,
        "alt": "A red rectangle moving right",
        "labels": ["Red", "Blue"],
        "rubric": "tracking-standard",
        "gold": {
            "tracks": [
                {
                    "label": "Red",
                    "keys": [
                        {"frame": 1, "x": 20, "y": 30, "w": 80, "h": 60},
                        {"frame": 3, "x": 60, "y": 30, "w": 80, "h": 60},
                    ],
                }
            ]
        },
        "hints": ["It moves 20 px a frame."],
        "explain": "Two keyframes carry it.",
    },
}


def media_files(folder: Path) -> None:
    """The image and the audio clip of BASE, written into ``folder`` (a docs folder)."""
    image = Image.new("RGB", IMAGE_SIZE, "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 30, 100, 90), fill="red")
    draw.rectangle((180, 120, 280, 200), fill="blue")
    image.save(folder / IMAGE)
    (folder / FRAMES).mkdir(exist_ok=True)
    for number in range(3):
        frame = Image.new("RGB", IMAGE_SIZE, "white")
        ImageDraw.Draw(frame).rectangle((20 + 20 * number, 30, 99 + 20 * number, 89), fill="red")
        frame.save(folder / FRAMES / f"{number + 1:02d}.png")
    with wave.open(str(folder / AUDIO), "wb") as clip:
        clip.setnchannels(1)
        clip.setsampwidth(1)
        clip.setframerate(8000)
        clip.writeframes(b"\x80" * 8000 * AUDIO_SECONDS)  # 8-bit silence


#: A word next to the payload in text fields, to find them with the site's search.
WORD = "zebra"


def _place(block: dict, field: str) -> tuple[dict, str]:
    """The mapping and key a field name stands for: ``table.caption`` is in ``table``."""
    *parents, key = field.split(".")
    for name in parents:
        block = block[name]
    return block, key


def text(block: dict, field: str, payload: str) -> None:
    """The field's text becomes the payload (and a word to search for)."""
    parent, key = _place(block, field)
    parent[key] = f"{payload} {WORD}"


def each(block: dict, field: str, payload: str) -> None:
    """Every item of a list of texts gets the payload in front; gold follows labels."""
    parent, key = _place(block, field)
    old = list(parent[key])
    new = [f"{payload} {item}" for item in old]
    parent[key] = new
    block["gold"] = _renamed(block["gold"], dict(zip(old, new, strict=True)))


def items(*keys: str) -> Callable[[dict, str, str], None]:
    """Every item of a list of mappings gets the payload in front of its ``keys``."""

    def inject(block: dict, field: str, payload: str) -> None:
        parent, key = _place(block, field)
        for item in parent[key]:
            for name in keys:
                item[name] = f"{payload} {item[name]}"

    return inject


def cells(block: dict, field: str, payload: str) -> None:
    """Every cell of a table's rows gets the payload in front."""
    parent, key = _place(block, field)
    parent[key] = [[f"{payload} {cell}" for cell in row] for row in parent[key]]


def passage(block: dict, field: str, payload: str) -> None:
    """The payload goes in front of the passage, and the gold marks it as an entity
    (so it is quoted in the spans list and in the notes)."""
    block[field] = f"{payload} {WORD} {block[field]}"
    block["gold"]["spans"].append({"text": payload, "label": block["labels"][0]})


def _inline_rubric(rubric_id: str, payload: str) -> dict:
    """The shared rubric ``rubric_id`` written inline, with the payload in every name,
    description and descriptor."""
    shared = yaml.safe_load((ROOT / "quizzes" / "rubrics.yml").read_text(encoding="utf-8"))
    inline = copy.deepcopy(shared["rubrics"][rubric_id])
    inline["name"] = f"{payload} rubric"
    inline["description"] = f"{payload} description"
    for level in inline["levels"]:
        level["name"] = f"{payload} {level['name']}"
    for criterion in inline["criteria"]:
        criterion["name"] = f"{payload} {criterion['name']}"
        criterion.pop("lesson", None)
        for rule in criterion["levels"].values():
            rule["descriptor"] = f"{payload} {rule['descriptor']}"
    return inline


def rubric(block: dict, field: str, payload: str) -> None:
    """The exercise's shared rubric written inline, with the payload in every name,
    description and descriptor."""
    block[field] = _inline_rubric(block[field], payload)


def scale(block: dict, field: str, payload: str) -> None:
    """A rating exercise rates on an inline rubric (the payload in its names and
    descriptors) instead of its own criteria and levels; gold gives each the top level."""
    del block["criteria"], block["levels"]
    block[field] = _inline_rubric("rating-standard", payload)
    top = block[field]["levels"][0]["value"]
    block["gold"] = {"ratings": {c["id"]: top for c in block[field]["criteria"]}}


def _renamed(value, names: dict[str, str]):
    if isinstance(value, str):
        return names.get(value, value)
    if isinstance(value, list):
        return [_renamed(item, names) for item in value]
    if isinstance(value, dict):
        return {key: _renamed(item, names) for key, item in value.items()}
    return value


@dataclass(frozen=True)
class Field:
    """A field of a task type whose text reaches the page, and how the payload goes in.

    ``shown``: where the built page shows it: ``"page"`` as text, ``"alt"`` as an
    image's text alternative, ``"check"`` only once the learner asks (hints) or
    checks (explanation, rubric, gold). ``key``: where it is in the task's JSON
    (default: the first part of ``name``).
    """

    type: str
    name: str
    inject: Callable[[dict, str, str], None]
    shown: str = "page"
    key: str = ""

    @property
    def id(self) -> str:
        return f"x-{self.type}-{self.name.replace('.', '-')}"

    @property
    def data_key(self) -> str:
        return self.key or self.name.split(".")[0]


def _common(type_name: str, *own: Field) -> list[Field]:
    """The fields every type shows (title, prompt, text, hints, explanation, rubric)
    around the type's own."""
    return [
        Field(type_name, "title", text),
        Field(type_name, "prompt", text),
        *([] if any(f.name == "text" for f in own) else [Field(type_name, "text", text)]),
        *own,
        Field(type_name, "hints", each, "check"),
        Field(type_name, "explain", text, "check"),
        Field(type_name, "rubric", rubric, "check"),
    ]


#: Every field whose text reaches the page, per task type: one line each (the common
#: fields added by ``_common``).
FIELDS = [
    *_common("choice", Field("choice", "labels", each)),
    *_common("multi", Field("multi", "labels", each)),
    *_common("spans", Field("spans", "text", passage), Field("spans", "labels", each)),
    *_common("rank", Field("rank", "responses", items("text"))),
    *_common("pairwise", Field("pairwise", "responses", items("text"))),
    *_common(
        "rating",
        Field("rating", "response", text),
        Field("rating", "image_alt", text, "alt"),
        Field("rating", "criteria", items("name", "description"), key="scale"),
        Field("rating", "levels", items("name", "descriptor"), key="scale"),
        Field("rating", "scale", scale),
    ),
    *_common(
        "numeric",
        Field("numeric", "table.caption", text),
        Field("numeric", "table.columns", each),
        Field("numeric", "table.rows", cells),
    ),
    *_common("transcript", Field("transcript", "gold.text", text, "check")),
    *_common("segments", Field("segments", "labels", each)),
    *_common("bbox", Field("bbox", "labels", each), Field("bbox", "alt", text, "alt")),
    *_common("polygon", Field("polygon", "labels", each), Field("polygon", "alt", text, "alt")),
    *_common(
        "keypoints",
        Field("keypoints", "keypoints", each),
        Field("keypoints", "alt", text, "alt"),
    ),
    *_common(
        "relations",
        Field("relations", "text", passage),
        Field("relations", "labels", each),
        Field("relations", "relation_labels", each),
    ),
    *_common("masks", Field("masks", "labels", each), Field("masks", "alt", text, "alt")),
    *_common("tracking", Field("tracking", "labels", each), Field("tracking", "alt", text, "alt")),
]


def exercise(field: Field, payload: str) -> dict:
    block = copy.deepcopy(BASE[field.type])
    block["id"] = field.id
    field.inject(block, field.name, payload)
    return block


def as_yaml(data: dict) -> str:
    """YAML that reads back exactly as ``data`` (PyYAML quotes and escapes as needed)."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)


def fenced(block: dict) -> str:
    return "```annotrain\n" + as_yaml(block) + "```\n\n"


LS_CONFIG = """\
<View>
  <Header value="{payload} question"/>
  <Choices name="sentiment" toName="review" choice="single-radio">
    <Choice value="{payload} Negative"/>
    <Choice value="{payload} Positive"/>
  </Choices>
  <Text name="review" value="$review"/>
</View>
"""


def _xml_attr(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
    )


def label_studio_files(folder: Path, payload: str) -> tuple[Path, Path]:
    """A labeling config and an export whose choices, question and text are the payload."""
    config = folder / "ls-config.xml"
    config.write_text(LS_CONFIG.format(payload=_xml_attr(payload)), encoding="utf-8")
    task = {
        "id": 1,
        "data": {"review": f"{payload} review text"},
        "annotations": [
            {
                "id": 11,
                "ground_truth": True,
                "was_cancelled": False,
                "result": [
                    {
                        "from_name": "sentiment",
                        "to_name": "review",
                        "type": "choices",
                        "value": {"choices": [f"{payload} Positive"]},
                    }
                ],
            }
        ],
    }
    export = folder / "ls-export.json"
    export.write_text(json.dumps([task]), encoding="utf-8")
    return config, export


LESSON = "lesson.md"
PAGES = {
    "quiz.md": "# Quiz\n\n```annotrain\nquiz: hostile\n```\n",
    "imported.md": "# Imported\n\n```annotrain\nquiz: imported\n```\n",
    "progress.md": "# My progress\n\n```annotrain\nshow: progress\n```\n",
}


def hostile_site(root: Path, payload: str) -> Site:
    """A course with one exercise per field of FIELDS, a quiz of them all with the
    payload in its title, instructions and section, a quiz imported from Label
    Studio, and a progress page. Built; raises if the build or import fails."""
    lesson = "# Lesson\n\n" + "".join(fenced(exercise(f, payload)) for f in FIELDS)
    site = Site(root, {LESSON: lesson, **PAGES}, options="\n  - search")
    media_files(site.docs)
    quiz = {
        "title": f"{payload} quiz",
        "instructions": f"{payload} instructions",
        "layout": "all",
        "shuffle": False,
        "max_critical": 99,
        "sections": [{"title": f"{payload} section", "tasks": [{"ref": f.id} for f in FIELDS]}],
    }
    (root / "quizzes" / "hostile.yml").write_text(as_yaml(quiz), encoding="utf-8")
    config, export = label_studio_files(root, payload)
    code = main(
        ["import", "label-studio", str(export), "--config", str(config),
         "-o", str(root / "quizzes" / "imported.yml"), "--site", str(root / "mkdocs.yml"),
         "--title", f"{payload} imported"]
    )  # fmt: skip
    if code != 0:
        raise AssertionError(f"the Label Studio import failed ({code})")
    result = site.build()
    if result.returncode != 0:
        raise AssertionError(result.stderr)
    return site


def hostile_progress(payload: str) -> dict:
    """A progress file to import whose ids, keys and texts are the payload."""
    return {
        "format": "annotrain-progress",
        "version": 1,
        "site": payload,
        "note": payload,
        "learner": {"name": payload},
        "exercises": {
            payload: {"best": 1, "passed": True, "attempts": 1, "hints": 0, "last": {"choice": payload}},
            FIELDS[0].id: {"best": 0.5, "passed": False, "attempts": 1, "hints": 9,
                           "last": {"choice": payload}, "updated": payload},
        },
        "lessons": {payload: {"done": True, "updated": payload}},
        "quizzes": {payload: {"attempts": [{"submitted": payload, "score": 1, "passed": True}]}},
    }  # fmt: skip
