"""The sites the benchmarks build.

The flagship course with and without annotrain, generated courses of a given
number of exercises, and a generated quiz.

"Without annotrain" means the same Markdown with every ``annotrain`` block removed
(found with annotrain's own block finder, so examples of the syntax inside other
fenced code stay, as they are ordinary code) and the plugin dropped from
``mkdocs.yml``: what plain mkdocs-material costs for the same course.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from annotrain.course.blocks import find_blocks

ROOT = Path(__file__).resolve().parent.parent

#: The annotrain entry of a plugins list and its indented options.
_PLUGIN_ENTRY = re.compile(r"^(?P<indent>[ ]*)- annotrain:?[ ]*\n(?:(?P=indent)[ ]+\S.*\n)*", re.M)

GENERATED_CONFIG = """\
site_name: Generated course
docs_dir: docs
site_url: http://127.0.0.1:8000/
theme:
  name: material
  font: false
  features: [navigation.instant, navigation.prune]
plugins:
  - search
{annotrain}markdown_extensions:
  - admonition
  - pymdownx.superfences
"""
ANNOTRAIN_ENTRY = "  - annotrain:\n      site_id: generated\n"

CHOICE = """\
```annotrain
type: choice
id: {id}
prompt: What is the sentiment of review {n}?
text: |
  Review {n}. The parcel came two days late, but the lamp itself is sturdy and the
  light is warm. I would buy it again if the price dropped a little.
labels: [Negative, Neutral, Positive]
ordered: true
rubric: sentiment-ordinal
gold: {{choice: Neutral}}
hints: [Weigh the complaint against the praise., Neither side wins clearly.]
explain: A late parcel against a good lamp; the writer neither recommends nor warns.
```
"""

MULTI = """\
```annotrain
type: multi
id: {id}
prompt: Which topics does ticket {n} mention? Choose every one that applies.
text: I was charged twice for order {n}, and the app crashes when I open the invoice.
labels: [Billing, Shipping, Bug or crash, Login or access]
rubric: tags-standard
gold: {{choices: [Billing, Bug or crash]}}
explain: A double charge is billing; the crash is a bug. Nothing about shipping or logins.
```
"""


def strip_blocks(markdown: str) -> str:
    """``markdown`` without its annotrain blocks (fences included)."""
    lines = markdown.split("\n")
    for block in reversed(find_blocks(lines)):
        del lines[block.start : block.end + 1]
    return "\n".join(lines)


def without_plugin(config: str) -> str:
    """mkdocs.yml text without the annotrain plugin entry; ValueError if it has none."""
    plain, count = _PLUGIN_ENTRY.subn("", config)
    if count != 1:
        raise ValueError(f"expected one annotrain plugin entry in mkdocs.yml, found {count}")
    return plain


def flagship(target: Path) -> tuple[Path, Path]:
    """Copies of the flagship course in ``target``: (annotrain mkdocs.yml, plain mkdocs.yml)."""
    with_plugin = target / "annotrain"
    plain = target / "plain"
    for folder in (with_plugin, plain):
        folder.mkdir(parents=True)
        shutil.copytree(ROOT / "overrides", folder / "overrides")  # the theme's custom_dir
    shutil.copytree(ROOT / "course", with_plugin / "course")
    shutil.copytree(ROOT / "quizzes", with_plugin / "quizzes")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (with_plugin / "mkdocs.yml").write_text(config, encoding="utf-8")

    shutil.copytree(ROOT / "course", plain / "course")
    for page in (plain / "course").rglob("*.md"):
        page.write_text(strip_blocks(page.read_text(encoding="utf-8")), encoding="utf-8")
    (plain / "mkdocs.yml").write_text(without_plugin(config), encoding="utf-8")
    return with_plugin / "mkdocs.yml", plain / "mkdocs.yml"


def exercise_page(page: int, per_page: int, first: int) -> str:
    """A lesson page with ``per_page`` exercises, alternately choice and multi."""
    parts = [
        f"# Practice set {page + 1}\n",
        "Read each item as you would on a real project, then check your answer.\n",
    ]
    for n in range(first, first + per_page):
        block = CHOICE if n % 2 == 0 else MULTI
        parts.append(f"## Item {n + 1}\n\n" + block.format(id=f"g{n:05d}", n=n + 1))
    return "\n".join(parts)


def generated(target: Path, exercises: int, per_page: int = 20) -> tuple[Path, Path]:
    """A generated course of ``exercises`` exercises: (annotrain mkdocs.yml, plain mkdocs.yml)."""
    configs = []
    for variant in ("annotrain", "plain"):
        root = target / variant
        docs = root / "docs"
        (docs / "practice").mkdir(parents=True)
        (docs / "index.md").write_text("# Generated course\n\nPractice sets.\n", encoding="utf-8")
        for page in range(0, -(-exercises // per_page)):
            first = page * per_page
            text = exercise_page(page, min(per_page, exercises - first), first)
            if variant == "plain":
                text = strip_blocks(text)
            (docs / "practice" / f"set-{page + 1:04d}.md").write_text(text, encoding="utf-8")
        entry = ANNOTRAIN_ENTRY if variant == "annotrain" else ""
        if variant == "annotrain":
            (root / "quizzes").mkdir()
            shutil.copy(ROOT / "quizzes" / "rubrics.yml", root / "quizzes" / "rubrics.yml")
        config = root / "mkdocs.yml"
        config.write_text(GENERATED_CONFIG.format(annotrain=entry), encoding="utf-8")
        configs.append(config)
    return configs[0], configs[1]


def quiz_bank(tasks: int, quiz_id: str = "bench", draw: int | None = None) -> str:
    """A quiz file with ``tasks`` tasks written in place, ``draw`` of them per attempt."""
    lines = [
        f"title: Benchmark quiz of {tasks} tasks",
        "instructions: Answer every task.",
        "mode: quiz",
        "pass: 0.8",
        "max_critical: 2",
        "shuffle: false",
        "sections:",
        "  - title: Everything",
    ]
    if draw is not None:
        lines.append(f"    draw: {draw}")
    lines.append("    tasks:")
    for n in range(tasks):
        block = CHOICE if n % 2 == 0 else MULTI
        body = block.format(id=f"{quiz_id}-{n:05d}", n=n + 1).split("\n")[1:-2]
        lines.append("      - " + body[0])
        lines.extend("        " + line for line in body[1:])
    return "\n".join(lines) + "\n"


def quiz_site(target: Path, tasks: int, draw: int | None = None) -> Path:
    """A site whose page ``quiz/`` holds a quiz of ``tasks`` tasks; returns its mkdocs.yml."""
    docs = target / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Quiz benchmark\n", encoding="utf-8")
    (docs / "quiz.md").write_text(
        "# The quiz\n\n```annotrain\nquiz: bench\n```\n", encoding="utf-8"
    )
    (target / "quizzes").mkdir()
    shutil.copy(ROOT / "quizzes" / "rubrics.yml", target / "quizzes" / "rubrics.yml")
    (target / "quizzes" / "bench.yml").write_text(quiz_bank(tasks, draw=draw), encoding="utf-8")
    config = target / "mkdocs.yml"
    config.write_text(GENERATED_CONFIG.format(annotrain=ANNOTRAIN_ENTRY), encoding="utf-8")
    return config


#: The tracking benchmark: frames and objects of its one exercise.
TRACKING_FRAMES = 60
TRACKING_OBJECTS = 4


def tracking_site(target: Path) -> Path:
    """A site whose page ``tracking/`` holds one 60-frame tracking exercise; its mkdocs.yml.

    The frames are 320 x 200, drawn here; four objects are keyed in every frame.
    """
    from PIL import Image, ImageDraw

    docs = target / "docs"
    frames = docs / "frames"
    frames.mkdir(parents=True)
    tracks = [[] for _ in range(TRACKING_OBJECTS)]
    for f in range(1, TRACKING_FRAMES + 1):
        image = Image.new("P", (320, 200))
        image.putpalette([150, 190, 120, 200, 40, 40] * 128)
        draw = ImageDraw.Draw(image)
        for k, keys in enumerate(tracks):
            x, y = 5 + (4 * f + 37 * k) % 260, 20 + 45 * k
            draw.rectangle([x, y, x + 29, y + 19], fill=1)
            keys.append(f"        - {{frame: {f}, x: {x}, y: {y}, w: 30, h: 20}}")
        image.save(frames / f"{f:02d}.png")
    gold = []
    for k, keys in enumerate(tracks):
        gold.append(f"    - label: {'Car' if k % 2 == 0 else 'Van'}\n      keys:")
        gold.extend(keys)
    (docs / "index.md").write_text("# Tracking benchmark\n", encoding="utf-8")
    (docs / "tracking.md").write_text(
        "# Tracking\n\n```annotrain\ntype: tracking\nid: bench-tracking\n"
        "prompt: Track the cars and vans.\nframes: frames\nlabels: [Car, Van]\n"
        "gold:\n  tracks:\n" + "\n".join(gold) + "\n```\n",
        encoding="utf-8",
    )
    (target / "quizzes").mkdir()
    shutil.copy(ROOT / "quizzes" / "rubrics.yml", target / "quizzes" / "rubrics.yml")
    config = target / "mkdocs.yml"
    config.write_text(GENERATED_CONFIG.format(annotrain=ANNOTRAIN_ENTRY), encoding="utf-8")
    return config
