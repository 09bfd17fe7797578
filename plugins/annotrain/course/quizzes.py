"""Quizzes: banks of gold tasks with the rules of a qualification test.

The model of a quiz as the build, the graders and the command line use it: its
sections and their entries (each a task, how much it counts, where it links), its
settings as the page gets them, its published form (sealed quizzes keep their gold
out of the page) and its versions; rebuilt from JSON with :func:`quiz_from_json`,
and the rules a candidate reads before starting (:func:`quiz_facts`). Reading a
quiz file is :mod:`.quizfile`'s.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace

from ..messages import fill
from .simulation import (
    Simulation,
    published_ids,
    simulation_from_json,
)
from .tasks import Task

#: A quiz page carries its whole bank (each task's controls and data, about 3 KB
#: a task): 5,000 tasks made a 14 MB page. Larger banks are split into quizzes.
MAX_BANK_TASKS = 1000
MODES = ("practice", "quiz", "exam", "simulation")
MODE_FACTS = {
    "practice": "quizpage_mode_practice",
    "quiz": "quizpage_mode_quiz",
    "exam": "quizpage_mode_exam",
}


@dataclass
class QuizEntry:
    """A task of the bank, its weight in the quiz score and its guideline page.

    ``ref`` is True when the quiz reuses a lesson exercise (``ref: <id>``) rather
    than writing the task in place; ``line`` is where the entry starts.
    ``guideline`` (the entry's own, else its section's) is a page path from the
    docs folder, ``guideline_line`` where it is written.
    """

    task: Task
    weight: float = 1.0
    line: int | None = None
    ref: bool = False
    guideline: str | None = None
    guideline_line: int | None = None


@dataclass
class QuizSection:
    """A group of bank tasks; ``draw`` of them (None: all) go into each attempt.

    ``min_score`` (None: no gate) is the score the section's drawn tasks must
    reach on their own for an attempt to pass. ``gold`` is False for a work
    section of a simulation: its tasks have no gold and nothing grades them.
    """

    title: str
    draw: int | None
    entries: list[QuizEntry] = field(default_factory=list)
    min_score: float | None = None
    line: int | None = None  # where its title is written (else where it starts)
    gold: bool = True
    draw_line: int | None = None  # where its draw is written, when it is

    def settings(self, sealed: bool = False) -> dict:
        """The section as its quiz's page gets it (``min_score`` only when set).

        A work section says ``"gold": false``, unless the quiz is ``sealed``: a
        sealed simulation's page does not say which tasks are gold.
        """
        settings = {
            "title": self.title,
            "draw": self.draw,
            "tasks": [e.task.id for e in self.entries],
        }
        if self.min_score is not None:  # without a gate, a quiz keeps its version
            settings["min_score"] = self.min_score
        if not self.gold and not sealed:
            settings["gold"] = False
        return settings


@dataclass
class Quiz:
    """A validated quiz."""

    id: str
    title: str
    sections: list[QuizSection]
    instructions: str = ""
    mode: str = "quiz"
    layout: str = "one-per-screen"
    pass_mark: float = 0.8
    max_critical: int = 0
    time_limit: float | None = None  # minutes
    attempts: int | None = None
    shuffle: bool = True
    #: Practice mode: wrong checks before a task's answer shows by itself (a number,
    #: or "never") for tasks that do not say; None: the site's setting.
    reveal_after: int | str | None = None
    #: ``allowed``: a quiz-mode quiz meant as a review, whose tasks the learner may
    #: have seen (see :mod:`.reuse`); ``warn`` otherwise. Not part of the page.
    reuse: str = "warn"
    #: Simulation mode: the running-accuracy rule and whether it is sealed; else None.
    simulation: Simulation | None = None
    #: Where the page also POSTs each submitted attempt file (the learner agreeing).
    #: Not part of the quiz's version: moving the receiver keeps tickets valid.
    submit_to: str | None = None
    path: str | None = None
    #: True for :meth:`published`'s copy of a sealed simulation (opaque task ids).
    opaque: bool = False

    @property
    def entries(self) -> dict[str, QuizEntry]:
        return {entry.task.id: entry for section in self.sections for entry in section.entries}

    @property
    def tasks_per_attempt(self) -> int:
        return sum(len(s.entries) if s.draw is None else s.draw for s in self.sections)

    def settings(self) -> dict:
        """The quiz's settings as its page gets them (``reveal_after`` only when set)."""
        settings = {
            "id": self.id,
            "title": self.title,
            "mode": self.mode,
            "layout": self.layout,
            "pass": self.pass_mark,
            "max_critical": self.max_critical,
            "time_limit": self.time_limit,
            "attempts": self.attempts,
            "shuffle": self.shuffle,
            "sections": [s.settings(self.sealed) for s in self.sections],
        }
        if self.reveal_after is not None:  # without it, a quiz keeps its version
            settings["reveal_after"] = self.reveal_after
        if self.simulation is not None:
            settings["simulation"] = self.simulation.settings()
        return settings

    @property
    def sealed(self) -> bool:
        """True in exam mode and for a sealed simulation.

        The site then publishes nothing that reveals an answer.
        """
        return self.mode == "exam" or (self.simulation is not None and self.simulation.sealed)

    @property
    def gold_ids(self) -> list[str]:
        """The ids of the bank's gold tasks (all but a simulation's work items), in order."""
        return [e.task.id for s in self.sections if s.gold for e in s.entries]

    @property
    def sealed_simulation(self) -> bool:
        """True for a sealed simulation as its trainer wrote it (not :meth:`published`)."""
        return self.simulation is not None and self.simulation.sealed and not self.opaque

    @property
    def published_ids(self) -> dict[str, str]:
        """Authored task id -> the id its page shows: opaque for a sealed simulation."""
        if not self.sealed_simulation:
            return {tid: tid for tid in self.entries}
        return published_ids(self.id, self.simulation.key, self.entries)

    def published(self) -> Quiz:
        """The quiz as its page shows it: itself, but for a sealed simulation.

        A sealed simulation's page must not tell gold from work: its copy has one
        flat section of every task, each under its opaque id (see
        :func:`annotrain.course.simulation.published_ids`), sorted by that id, all
        of weight 1, the section without a title. Its sections never draw, so every
        batch holds every task; the seed shuffles the list.
        """
        if not self.sealed_simulation:
            return self
        ids = self.published_ids
        entries = sorted(
            (
                replace(e, task=replace(e.task, id=ids[e.task.id]), weight=1.0)
                for e in self.entries.values()
            ),
            key=lambda e: e.task.id,
        )
        return replace(self, sections=[QuizSection("", None, entries)], opaque=True)

    def _tasks_json(self, include_gold: bool = True) -> dict:
        return {
            tid: {"weight": e.weight, "task": e.task.to_json(include_gold=include_gold)}
            for tid, e in self.entries.items()
        }

    def _public_tasks_json(self) -> dict:
        """Each task as a candidate may see it: no gold or explanation, nor hints."""
        tasks = self._tasks_json(include_gold=False)
        for entry in tasks.values():
            entry["task"]["hints"] = []
        return tasks

    def _version_of(self, tasks: dict) -> str:
        full = self.settings() | {"instructions": self.instructions, "tasks": tasks}
        text = json.dumps(full, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

    @property
    def version(self) -> str:
        """Hash of the whole definition, gold included: any change gives a new version.

        Only the trainer's copy knows it; the site publishes :attr:`public_version`.
        """
        return self._version_of(self._tasks_json())

    @property
    def public_version(self) -> str:
        """Hash of the quiz as a candidate may see it: no gold, explanation or hint.

        It changes when a prompt, a task's options, the rubric or a setting does, and
        reveals nothing about the answers: a hash over gold could be inverted by
        trying every possible answer (a choice among four labels has four). Pages
        and attempt files carry this version; only the quiz file knows
        :attr:`version`. A sealed simulation's is its page copy's (:meth:`published`):
        a hash over its sections could be tried against every split into gold and work.
        """
        if self.sealed_simulation:
            return self.published().public_version
        return self._version_of(self._public_tasks_json())

    def to_json(self, site: str, lessons: dict[str, dict]) -> dict:
        """The quiz as its page receives it; sealed (exam mode): no gold, explanation or hint.

        A sealed simulation's page gets its :meth:`published` copy.
        """
        if self.sealed_simulation:
            return self.published().to_json(site, lessons)
        public = self._public_tasks_json()
        page = self.settings() | {
            "version": self._version_of(public),
            "site": site,
            "tasks": public if self.sealed else self._tasks_json(),
            "lessons": lessons,
        }
        if self.submit_to:
            page["submit_to"] = self.submit_to
        return page


def quiz_from_json(data: dict) -> Quiz:
    """Rebuild a quiz from :meth:`Quiz.to_json` output (with gold), e.g. a shared vector."""
    from .tasks import task_from_json

    tasks = data["tasks"]
    return Quiz(
        id=data["id"],
        title=data["title"],
        sections=[
            QuizSection(
                s["title"],
                s["draw"],
                [
                    QuizEntry(task_from_json(tasks[t]["task"]), tasks[t]["weight"])
                    for t in s["tasks"]
                ],
                s.get("min_score"),
                gold=s.get("gold", True),
            )
            for s in data["sections"]
        ],
        mode=data["mode"],
        layout=data["layout"],
        pass_mark=data["pass"],
        max_critical=data["max_critical"],
        time_limit=data["time_limit"],
        attempts=data["attempts"],
        shuffle=data["shuffle"],
        reveal_after=data.get("reveal_after"),
        simulation=simulation_from_json(data["simulation"]) if "simulation" in data else None,
        submit_to=data.get("submit_to"),
    )


def quiz_facts(quiz: Quiz, messages: dict[str, str], tickets: bool = False) -> list[str]:
    """The rules a candidate reads before starting, one sentence each.

    ``tickets``: the exam starts with a trainer's ticket, one attempt each, so the
    browser's own attempt count does not apply.
    """
    facts = [fill(messages["quizpage_tasks"], count=quiz.tasks_per_attempt)]
    if quiz.time_limit:
        facts.append(fill(messages["quizpage_time_limit"], minutes=f"{quiz.time_limit:g}"))
    facts.append(fill(messages["quizpage_pass"], percent=f"{quiz.pass_mark * 100:g}"))
    for section in quiz.sections:
        if section.min_score is not None:
            facts.append(
                fill(
                    messages["quizpage_min_score"],
                    section=section.title,
                    percent=f"{section.min_score * 100:g}",
                )
            )
    if tickets:
        facts.append(messages["quizpage_ticket_attempts"])
    elif quiz.attempts:
        facts.append(fill(messages["quizpage_attempts"], count=quiz.attempts))
    key = "quizpage_critical_none" if quiz.max_critical == 0 else "quizpage_critical_some"
    facts.append(fill(messages[key], count=quiz.max_critical))
    if quiz.simulation is not None:
        rule = quiz.simulation.rule
        facts.append(
            fill(
                messages["quizpage_simulation_rule"],
                window=rule.window,
                min_correct=rule.min_correct,
                min_gold=rule.min_gold,
            )
        )
        sealed = quiz.simulation.sealed
        facts.append(
            messages["quizpage_mode_simulation_sealed" if sealed else "quizpage_mode_simulation"]
        )
    else:
        facts.append(messages[MODE_FACTS[quiz.mode]])
    return facts
