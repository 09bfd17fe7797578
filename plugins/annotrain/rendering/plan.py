"""The course plan shown on the progress page: sections of lessons with exercises.

Pure data: the MkDocs plugin turns its navigation into :class:`PlanSection` lists
(one per nav section, e.g. per week), keeping only the pages that have exercises,
since those are the lessons a learner can practise and mark done.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Placeholder the progress panel template leaves for the plan tables.
PLAN_PLACEHOLDER = "<!-- annotrain:progress-plan -->"


@dataclass
class PlanLesson:
    """A lesson: its title, URL (relative to the progress page), key and exercise ids."""

    title: str
    url: str
    key: str
    exercises: list[str]


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
