"""Hostile text for every input path: a tiny course whose author, import and
learner text is HTML and script, for tests/test_hostile.py (the built HTML) and
tests/browser/test_hostile.py (what the browser does with it).

Data-driven: ``FIELDS`` lists, one line each, every field of a task type whose
text reaches the page, with how the payload goes in. A new task type adds its
base exercise to ``BASE`` and its text fields to ``FIELDS``; every test then
covers them.

Each payload sets ``window.__pwned`` if it ever runs; it must always show as text.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from annotrain.cli import main

from .conftest import ROOT
from .sites import Site

PAYLOADS = {
    "script": "<script>window.__pwned=1</script>",
    "img": '<img src=x onerror="window.__pwned=1">',
    "svg": '"><svg onload="window.__pwned=1">',
    # Ends a single-quoted attribute (the task JSON sits in one).
    "quote": "'><img src=x onerror=window.__pwned=1>&amp;",
}

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
}


#: A word next to the payload in text fields, to find them with the site's search.
WORD = "zebra"


def text(block: dict, field: str, payload: str) -> None:
    """The field's text becomes the payload (and a word to search for)."""
    block[field] = f"{payload} {WORD}"


def each(block: dict, field: str, payload: str) -> None:
    """Every item of a list of texts gets the payload in front; gold follows labels."""
    old = list(block[field])
    new = [f"{payload} {item}" for item in old]
    block[field] = new
    block["gold"] = _renamed(block["gold"], dict(zip(old, new, strict=True)))


def rubric(block: dict, field: str, payload: str) -> None:
    """The exercise's shared rubric written inline, with the payload in every name,
    description and descriptor."""
    shared = yaml.safe_load((ROOT / "quizzes" / "rubrics.yml").read_text(encoding="utf-8"))
    inline = copy.deepcopy(shared["rubrics"][block[field]])
    inline["name"] = f"{payload} rubric"
    inline["description"] = f"{payload} description"
    for level in inline["levels"]:
        level["name"] = f"{payload} {level['name']}"
    for criterion in inline["criteria"]:
        criterion["name"] = f"{payload} {criterion['name']}"
        criterion.pop("lesson", None)
        for rule in criterion["levels"].values():
            rule["descriptor"] = f"{payload} {rule['descriptor']}"
    block[field] = inline


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
    type: str
    name: str
    inject: Callable[[dict, str, str], None]

    @property
    def id(self) -> str:
        return f"x-{self.type}-{self.name}"


#: Every field whose text reaches the page, per task type: one line each.
FIELDS = [
    Field("choice", "title", text),
    Field("choice", "prompt", text),
    Field("choice", "text", text),
    Field("choice", "labels", each),
    Field("choice", "hints", each),
    Field("choice", "explain", text),
    Field("choice", "rubric", rubric),
    Field("multi", "title", text),
    Field("multi", "prompt", text),
    Field("multi", "text", text),
    Field("multi", "labels", each),
    Field("multi", "hints", each),
    Field("multi", "explain", text),
    Field("multi", "rubric", rubric),
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
        "exercises": {
            payload: {"best": 1, "passed": True, "attempts": 1, "hints": 0, "last": {"choice": payload}},
            FIELDS[0].id: {"best": 0.5, "passed": False, "attempts": 1, "hints": 9,
                           "last": {"choice": payload}, "updated": payload},
        },
        "lessons": {payload: {"done": True, "updated": payload}},
        "quizzes": {payload: {"attempts": [{"submitted": payload, "score": 1, "passed": True}]}},
    }  # fmt: skip
