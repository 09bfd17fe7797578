"""The course plan shown on the progress page: sections of lessons with exercises.

Pure data: the MkDocs plugin turns its navigation into :class:`PlanSection` lists
(one per nav section, e.g. per week), keeping only the pages that have exercises,
since those are the lessons a learner can practise and mark done. Each lesson
carries its exercises' names (:func:`exercise_name`) for the learner's portfolio.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Placeholder the progress panel template leaves for the plan tables.
PLAN_PLACEHOLDER = "<!-- annotrain:progress-plan -->"


#: Longest exercise name taken from a prompt, in characters.
NAME_LENGTH = 80


def exercise_name(title: str | None, prompt: str) -> str:
    """What a learner's portfolio calls an exercise: its title, else its prompt.

    A prompt longer than :data:`NAME_LENGTH` is cut at a space and ends in "…".
    """
    if title:
        return title
    prompt = " ".join(prompt.split())
    if len(prompt) <= NAME_LENGTH:
        return prompt
    cut = prompt[:NAME_LENGTH]
    cut = cut[: cut.rindex(" ")] if " " in cut else cut[: NAME_LENGTH - 1]
    return cut.rstrip(" ,;:") + "…"


@dataclass
class PlanLesson:
    """A lesson: title, URL (relative to the progress page), key, exercise ids, their names."""

    title: str
    url: str
    key: str
    exercises: list[str]
    names: dict[str, str] = field(default_factory=dict)


@dataclass
class PlanSection:
    """A titled group of lessons, such as a week."""

    title: str
    lessons: list[PlanLesson] = field(default_factory=list)


@dataclass
class PlanQuiz:
    """A quiz placed on a page: its id, title and the URL of that page."""

    id: str
    title: str
    url: str


def non_empty(sections: list[PlanSection]) -> list[PlanSection]:
    """Sections that have at least one lesson, in order."""
    return [section for section in sections if section.lessons]
