"""Quiz files: ``quizzes/<id>.yml`` read into :class:`~.quizzes.Quiz`, checked at their lines.

A quiz file holds the settings (title, instructions, mode,
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

from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import AuthoringError, AuthoringWarning
from .exercises import check_gold
from .fields import Fields, describe, suggest
from .guidelines import guideline_problem
from .media import MediaLibrary
from .quizzes import (
    MAX_BANK_TASKS,
    MODES,
    Quiz,
    QuizEntry,
    QuizSection,
)
from .reuse import REUSE, reuse_warnings
from .rubrics import RubricLibrary
from .sealing import sealing_errors
from .simulation import (
    Simulation,
    read_simulation,
    telltale_warnings,
)
from .tasks import Task, read_task
from .yamlcache import NO_CACHE, DocumentCache
from .yamlpos import YamlMap

QUIZ_FIELDS = (
    "title", "instructions", "mode", "layout", "pass", "max_critical",
    "time_limit", "attempts", "shuffle", "reveal_after", "reuse", "simulation", "submit_to",
    "sections",
)  # fmt: skip
SECTION_FIELDS = ("title", "draw", "min_score", "guideline", "gold", "tasks")
#: What an entry of a section says besides its task: how it counts, where it links.
ENTRY_FIELDS = ("weight", "guideline")
LAYOUTS = ("one-per-screen", "all")


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
        submit_to=_submit_to(fields),
        path=path,
    )


def _submit_to(fields: Fields) -> str | None:
    """Where a submitted attempt file is also POSTed (``submit_to``), or None."""
    url = fields.text("submit_to")
    if url is None:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.fragment:
        raise fields.error(
            "submit_to",
            f"'submit_to' must be the http(s) address that receives attempt files "
            f"(https://results.example.org/attempts), got {url!r}",
        )
    return url.strip()


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
