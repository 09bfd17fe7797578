"""A sealed (exam-mode) quiz holding one task of every type, with two sets of gold.

Each task starts from its type's starter (valid as it stands); ``variant="b"``
replaces every gold answer and explanation with different ones, also changing how
many objects the gold has, so a site that let any of it through would differ.
"""

from __future__ import annotations

import shutil

import yaml

from annotrain.tasktypes import TASK_TYPES

from .conftest import ROOT
from .sites import Site

#: Other gold for every type: other labels, values, orders and object counts.
GOLD_B = {
    "choice": {"choice": "Positive"},
    "multi": {"choices": ["Shipping"]},
    "spans": {"spans": [{"text": "Kano", "label": "Location"}]},
    "rank": {"order": ["C", "B", "A"]},
    "pairwise": {"choice": "A"},
    "rating": {"ratings": {"helpfulness": 2, "accuracy": 1}},
    "numeric": {"value": 60},
    "transcript": {"text": "Is the bakery open on Sunday?"},
    "segments": {"segments": [{"start": 1.0, "end": 2.0, "label": "Speaker B"}]},
    "bbox": {
        "boxes": [
            {"label": "Scratch", "x": 100, "y": 100, "w": 40, "h": 30},
            {"label": "Missing Component", "x": 300, "y": 200, "w": 50, "h": 20},
        ]
    },
    "polygon": {
        "polygons": [
            {"label": "Building", "points": [[100, 100], [200, 100], [150, 200]]},
            {"label": "Water", "points": [[300, 300], [360, 300], [360, 360], [300, 360]]},
        ]
    },
    "masks": {
        "masks": [
            {"label": "Water", "polygons": [[[200, 150], [300, 150], [300, 250], [200, 250]]]}
        ]
    },
    "keypoints": {
        "points": [
            {"label": "Left eye", "x": 240, "y": 150},
            {"label": "Right eye", "visible": False},
            {"label": "Nose tip", "x": 190, "y": 220},
        ]
    },
    "relations": {
        "spans": [
            {"id": "bw", "text": "Brightwater Ltd.", "label": "Organization"},
            {"id": "kano", "text": "Kano", "label": "Location"},
        ],
        "relations": [{"from": "bw", "to": "kano", "label": "located_in"}],
    },
    "tracking": {
        "tracks": [
            {
                "label": "Car",
                "keys": [
                    {"frame": 2, "x": 40, "y": 100, "w": 30, "h": 20},
                    {"frame": 6, "out": True},
                ],
            }
        ]
    },
}


def exam_task(type_name: str, variant: str = "a") -> dict:
    """The exam's task of ``type_name``: its starter, media found from ``quizzes/``."""
    task = yaml.safe_load(TASK_TYPES[type_name].starter(f"exam-{type_name}"))
    for key in ("image", "audio", "frames"):
        if key in task:
            task[key] = task[key].replace("../assets/", "../docs/assets/")
    if variant == "b":
        task["gold"] = GOLD_B[type_name]
        task["explain"] = f"Another explanation, EXPLAIN-B-{type_name}."
    return task


def exam_quiz(variant: str = "a", draw: int | None = None) -> str:
    """The YAML of ``quizzes/exam.yml``: one section per task type."""
    sections = [{"title": name, "tasks": [exam_task(name, variant)]} for name in sorted(TASK_TYPES)]
    quiz = {
        "title": "Qualification",
        "instructions": "Answer every task.",
        "mode": "exam",
        "layout": "all",
        "sections": sections,
    }
    if draw is not None:
        quiz["sections"] = [
            {"title": "All", "draw": draw, "tasks": [s["tasks"][0] for s in sections]}
        ]
    return yaml.safe_dump(quiz, sort_keys=False, allow_unicode=True)


def exam_site(
    root,
    variant: str = "a",
    lessons: dict[str, str] | None = None,
    extra_config: str = "",
    **quiz,
) -> Site:
    """A course with the exam on ``exam.md`` and the course's images and audio.

    ``extra_config`` is added to its ``mkdocs.yml`` (a ``site_url`` to serve it under).
    """
    pages = {"index.md": "# Home\n", "exam.md": "# Exam\n\n```annotrain\nquiz: exam\n```\n"}
    site = Site(root, {**pages, **(lessons or {})}, extra_config=extra_config)
    for folder in ("images", "audio"):
        shutil.copytree(ROOT / "course" / "assets" / folder, site.docs / "assets" / folder)
    (root / "quizzes" / "exam.yml").write_text(exam_quiz(variant, **quiz), encoding="utf-8")
    return site
