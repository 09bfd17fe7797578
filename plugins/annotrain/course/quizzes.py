"""Quizzes: banks of gold tasks with the rules of a qualification test.

A quiz file ``quizzes/<id>.yml`` holds the settings (title, instructions, mode,
layout, pass, max_critical, time_limit, attempts, shuffle, reuse, and for a
practice-mode quiz reveal_after) and ``sections``, each
with a ``title``, how many tasks to ``draw``, an optional ``min_score`` (a skill
gate: the score the section's tasks must reach on their own for the quiz to pass;
a gated section needs a title no other section has, since the result names it), an
optional ``guideline`` (the lesson page its tasks link to, see :mod:`.guidelines`)
and its ``tasks``: either a reference to a lesson exercise (``ref: w1-review-sentiment``)
or a task written in place, both with an optional ``weight`` and ``guideline``. A
``mode: simulation`` quiz also has ``simulation`` settings and may mark sections
``gold: false`` (work items without gold; see :mod:`.simulation`). See the trainer
guide, "Gold-task quizzes".
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import AuthoringError, AuthoringWarning
from ..messages import fill
from .exercises import check_gold
from .fields import Fields, describe, suggest
from .guidelines import guideline_problem
from .media import MediaLibrary
from .reuse import REUSE, reuse_warnings
from .rubrics import RubricLibrary
from .sealing import sealing_errors
from .simulation import (
    Simulation,
    published_ids,
    read_simulation,
    simulation_from_json,
    telltale_warnings,
)
from .tasks import Task, read_task
from .yamlcache import NO_CACHE, DocumentCache
from .yamlpos import YamlMap

QUIZ_FIELDS = (
    "title", "instructions", "mode", "layout", "pass", "max_critical",
    "time_limit", "attempts", "shuffle", "reveal_after", "reuse", "simulation", "sections",
)  # fmt: skip
SECTION_FIELDS = ("title", "draw", "min_score", "guideline", "gold", "tasks")
#: What an entry of a section says besides its task: how it counts, where it links.
ENTRY_FIELDS = ("weight", "guideline")
#: A quiz page carries its whole bank (each task's controls and data, about 3 KB
#: a task): 5,000 tasks made a 14 MB page. Larger banks are split into quizzes.
MAX_BANK_TASKS = 1000
MODES = ("practice", "quiz", "exam", "simulation")
LAYOUTS = ("one-per-screen", "all")
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
        return published_ids(self.id, self.entries)

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
        return self.settings() | {
            "version": self._version_of(public),
            "site": site,
            "tasks": public if self.sealed else self._tasks_json(),
            "lessons": lessons,
        }


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
    )


def load_quiz(
    path: Path,
    shown: str,
    rubrics: RubricLibrary,
    exercises: dict[str, Task],
    messages: dict[str, str],
    media: MediaLibrary | None = None,
    documents: DocumentCache = NO_CACHE,
) -> Quiz:
    """Read ``quizzes/<id>.yml``; lesson exercises are referenced from ``exercises``."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise AuthoringError(f"cannot read the quiz file: {exc}", shown) from None
    data = documents.load(text, shown)
    return read_quiz(data, shown, path.stem, rubrics, exercises, messages, media, documents)


def read_quiz(
    data, path, quiz_id, rubrics, exercises, messages, media=None, documents=NO_CACHE
) -> Quiz:
    """Validate a quiz's YAML mapping; raise AuthoringError at the first problem.

    ``documents`` keeps the gold checks that passed for the next build.
    """
    fields = Fields(data, path, f"quiz {quiz_id!r}", QUIZ_FIELDS, 1)
    mode = _one_of(fields, "mode", MODES, "quiz")
    layout = _one_of(fields, "layout", LAYOUTS, "one-per-screen")
    if mode == "simulation" and layout == "all":
        raise fields.error(
            "layout",
            "a simulation shows one task per screen, worked in turn as on a labeling "
            "platform: 'layout: all' does not apply (remove it)",
        )
    attempts = fields.number("attempts", None, 1)
    max_critical = fields.number("max_critical", 0, 0)
    for key, value in (("attempts", attempts), ("max_critical", max_critical)):
        if value is not None and not float(value).is_integer():
            raise fields.error(key, f"{key!r} must be a whole number, got {value:g}")
    sections_data = fields.require("sections")
    if not isinstance(sections_data, list) or not sections_data:
        raise fields.error("sections", "'sections' must be a non-empty list of sections")
    seen: dict[str, int] = {}
    sections = [
        _read_section(
            item,
            path,
            sections_data.line_of(i),
            mode,
            rubrics,
            exercises,
            messages,
            seen,
            media,
            documents,
        )
        for i, item in enumerate(sections_data)
    ]
    _check_gated_titles(sections, path)
    simulation = read_simulation(fields, mode, sections)
    if len(seen) > MAX_BANK_TASKS:
        raise AuthoringError(
            f"this quiz's bank holds {len(seen)} tasks, more than {MAX_BANK_TASKS}: its page "
            f"carries every task of the bank (about {len(seen) * 3 // 1000} MB of HTML here), "
            f"so split the bank into several quizzes of at most {MAX_BANK_TASKS} tasks; "
            f"task {MAX_BANK_TASKS + 1} is on this line",
            path,
            list(seen.values())[MAX_BANK_TASKS],
        )
    return Quiz(
        id=quiz_id,
        title=fields.text("title", required=True),
        instructions=fields.text("instructions") or "",
        sections=sections,
        mode=mode,
        layout=layout,
        pass_mark=fields.number("pass", 0.8, 0, 1),
        max_critical=int(max_critical),
        time_limit=fields.number("time_limit", None, 0.1),
        attempts=None if attempts is None else int(attempts),
        shuffle=fields.boolean("shuffle", True),
        reveal_after=_reveal_after(fields, mode),
        reuse=_reuse(fields, mode, simulation),
        simulation=simulation,
        path=path,
    )


def _check_gated_titles(sections: list[QuizSection], path: str) -> None:
    """A section with ``min_score`` has a title no other section has (the result names it).

    The error is on the second of the two titles, and names the line of the first.
    """
    for index, section in enumerate(sections):
        for earlier in sections[:index]:
            if earlier.title != section.title:
                continue
            if earlier.min_score is not None or section.min_score is not None:
                raise AuthoringError(
                    f"two sections are titled {section.title!r} (the other on line "
                    f"{earlier.line}), and one has a 'min_score': a candidate it holds back "
                    "is told which section it was, so give it a title of its own",
                    path,
                    section.line,
                )
            break


def _reuse(fields: Fields, mode: str, simulation: Simulation | None) -> str:
    reuse = _one_of(fields, "reuse", REUSE, "warn")
    if reuse == "allowed" and simulation is not None and simulation.sealed:
        raise fields.error(
            "reuse",
            "'reuse: allowed' does not apply to sealed simulations: like an exam, a sealed "
            "simulation may never show a task the site publishes (remove the setting)",
        )
    if reuse == "allowed" and mode == "exam":
        raise fields.error(
            "reuse",
            "'reuse: allowed' does not apply to exam-mode quizzes: an exam may never show a "
            "task the site publishes, whose answer anyone could look up (remove the setting)",
        )
    return reuse


def _reveal_after(fields: Fields, mode: str) -> int | str | None:
    value = fields.tries("reveal_after")
    if value is not None and mode != "practice":
        raise fields.error(
            "reveal_after",
            f"'reveal_after' applies to practice-mode quizzes only, which show answers while "
            f"the learner works; this quiz's mode is {mode} (set mode: practice, or remove it)",
        )
    return value


def _one_of(fields: Fields, key: str, allowed: tuple[str, ...], default: str) -> str:
    value = fields.text(key) or default
    if value not in allowed:
        raise fields.error(
            key,
            f"{key!r} must be one of {', '.join(allowed)}{suggest(value, allowed)}, got {value!r}",
        )
    return value


def _read_section(
    data, path, line, mode, rubrics, exercises, messages, seen, media, documents
) -> QuizSection:
    fields = Fields(data, path, "a quiz section", SECTION_FIELDS, line)
    items = fields.require("tasks")
    if not isinstance(items, list) or not items:
        raise fields.error("tasks", "a section's 'tasks' must be a non-empty list")
    guideline = _guideline(fields)
    gold = _section_gold(fields, mode)
    entries = [
        _read_entry(
            item,
            path,
            items.line_of(i),
            rubrics,
            exercises,
            messages,
            seen,
            media,
            documents,
            work=not gold,
        )
        for i, item in enumerate(items)
    ]
    for entry in entries:
        if entry.guideline is None and guideline is not None:
            entry.guideline, entry.guideline_line = guideline, fields.line_of("guideline")
    draw = fields.number("draw", None, 1)
    if draw is not None:
        if not draw.is_integer():
            raise fields.error("draw", f"'draw' must be a whole number, got {draw:g}")
        if draw > len(entries):
            raise fields.error(
                "draw", f"'draw' is {draw:g} but the section has only {len(entries)} tasks"
            )
    title = fields.text("title") or ""
    min_score = _min_score(fields)
    if min_score is not None and not title.strip():
        raise fields.error(
            "min_score",
            "a section with 'min_score' needs a 'title': a candidate it holds back is "
            "told which section it was",
        )
    if min_score is not None and not gold:
        raise fields.error(
            "min_score",
            "a work section (gold: false) cannot have a 'min_score': nothing grades its tasks",
        )
    return QuizSection(
        title,
        None if draw is None else int(draw),
        entries,
        min_score,
        fields.line_of("title") if fields.has("title") else line,
        gold,
        fields.line_of("draw") if draw is not None else None,
    )


def _section_gold(fields: Fields, mode: str) -> bool:
    """A section's ``gold``: False marks a simulation's work section (tasks without gold)."""
    gold = fields.boolean("gold", True)
    if not gold and mode != "simulation":
        raise fields.error(
            "gold",
            f"'gold: false' marks the work items of a simulation (mode: simulation), which "
            f"nothing grades; in a {mode}-mode quiz every task is graded against its gold "
            f"(remove the setting)",
        )
    return gold


def _guideline(fields: Fields) -> str | None:
    """A section's or entry's ``guideline``, checked for its form; None when absent."""
    value = fields.text("guideline")
    problem = guideline_problem(value) if value else None
    if problem:
        raise fields.error("guideline", problem)
    return value or None


def _min_score(fields: Fields) -> float | None:
    """A section's ``min_score``: a number from 0 to 1, like ``pass``; None when absent."""
    value = fields.raw("min_score")
    if isinstance(value, str):
        raise fields.error(
            "min_score",
            f"'min_score' must be a number from 0 to 1 (0.7 for 70 %), got text {value!r}",
        )
    return fields.number("min_score", None, 0, 1)


def _read_entry(
    data, path, line, rubrics, exercises, messages, seen, media, documents, work=False
) -> QuizEntry:
    """One task of a section; ``work``: a simulation's work item, written without gold."""
    if not isinstance(data, dict):
        raise AuthoringError(
            f"a quiz task must be a mapping (a task, or ref: <exercise id>), got {describe(data)}",
            path,
            line,
        )
    entry_fields = Fields(_part(data, ENTRY_FIELDS), path, "task", ENTRY_FIELDS, line)
    weight = entry_fields.number("weight", 1.0, 0)
    guideline = _guideline(entry_fields)
    if weight == 0:
        raise AuthoringError("a task's weight must be more than 0", path, line)
    if "ref" in data and work:
        raise AuthoringError(
            "a work item (in a section with gold: false) is written in place: ref: brings a "
            "lesson exercise with its gold, which would make it a gold task",
            path,
            data.line_of("ref") if hasattr(data, "line_of") else line,
        )
    if "ref" in data:
        fields = Fields(data, path, "a task reference", ("ref", *ENTRY_FIELDS), line)
        ref = fields.text("ref", required=True)
        if ref not in exercises:
            raise fields.error(
                "ref", f"no lesson exercise has the id {ref!r}{suggest(ref, exercises)}"
            )
        task = exercises[ref]
        is_ref = True
    else:
        is_ref = False
        task_data = _part(data, [k for k in data if k not in ENTRY_FIELDS])
        task = read_task(task_data, path, rubrics, line, media, work=work)
        if not work:
            check_gold(task, task_data, messages, line, documents)
        if task.id in exercises:
            raise AuthoringError(
                f"task id {task.id!r} is already the id of a lesson exercise; use ref: {task.id} to reuse it",
                path,
                line,
            )
    if task.id in seen:
        raise AuthoringError(
            f"task {task.id!r} appears twice in this quiz (first on line {seen[task.id]})",
            path,
            line,
        )
    seen[task.id] = line
    guideline_line = entry_fields.line_of("guideline") if guideline else None
    return QuizEntry(task, weight, line, is_ref, guideline, guideline_line)


def _part(data: dict, keys) -> dict:
    """The ``keys`` of ``data``, keeping their lines (for errors) when ``data`` knows them."""
    part = {k: data[k] for k in keys if k in data}
    if not isinstance(data, YamlMap):
        return part
    kept = YamlMap(part)
    kept.line, kept.key_lines = data.line, dict(data.key_lines)
    return kept


def load_quizzes(
    folder: Path,
    skip: Path | None,
    shown: Callable[[Path], str],
    rubrics: RubricLibrary,
    exercises: dict[str, Task],
    messages: dict[str, str],
    media: MediaLibrary | None = None,
    documents: DocumentCache = NO_CACHE,
) -> tuple[dict[str, Quiz], list[AuthoringError], list[AuthoringWarning]]:
    """Every ``*.yml`` quiz in ``folder`` (but ``skip``, the rubric file), errors, warnings.

    The errors include exam-mode quizzes that share a task with the published site
    (see :mod:`annotrain.course.sealing`); the warnings, graded quizzes that reuse
    tasks the learner has met elsewhere (see :mod:`annotrain.course.reuse`) and
    sealed simulations whose page tells gold from work by a task's kind.
    """
    quizzes: dict[str, Quiz] = {}
    errors: list[AuthoringError] = []
    if not folder.is_dir():
        return quizzes, errors, []
    for path in sorted(folder.glob("*.yml")):
        if skip is not None and path.resolve() == skip.resolve():
            continue
        try:
            quizzes[path.stem] = load_quiz(
                path, shown(path), rubrics, exercises, messages, media, documents
            )
        except AuthoringError as error:
            errors.append(error)
    errors.extend(sealing_errors(quizzes, exercises))
    telltales = [w for quiz in quizzes.values() for w in telltale_warnings(quiz)]
    return quizzes, errors, reuse_warnings(quizzes, exercises) + telltales


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
