"""Forgiveness files: what a trainer grants after candidates contest tasks of a quiz.

A forgiveness file names one quiz and, per task, one decision::

    quiz: final-exam
    tasks:
      qx-some-task: {withdraw: true, reason: "two labels fit"}
      qx-other:                     # an extra answer counts as right
        accept: {choice: Neutral}   # same shape as gold; a list gives several
        reason: the text is mixed
      qx-third: {gold: {choice: Positive}, reason: the gold was wrong}

- ``withdraw: true``: the task no longer counts, as if it had not been drawn: it
  leaves the score, the criteria, its section's score and a simulation's rule
  (the running accuracy skips it, like a work item). A section with a minimum
  (``min_score``) whose drawn tasks are all withdrawn no longer holds an attempt
  back: nothing it measured still counts, and a candidate is not failed for the
  quiz's own fault. An attempt whose drawn tasks are all withdrawn has nothing
  left to score and does not pass.
- ``accept``: a response is graded against the gold and against each accepted
  answer; the best result counts (the highest score, a pass before a fail).
- ``gold``: the task's gold is replaced (with ``accept``, both apply).

``reason`` (text) is for the trainer's records and the reports. Each answer
given must be one the quiz would accept as gold: the task type's own checks,
and it must reach the top level of the task's rubric. The file is YAML (JSON is
YAML too); every error names ``file:line``. The Python grader alone applies
forgiveness: the browser's numbers in an attempt file are compared with the
grade *without* it, so forgiving a task never reads as tampering.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..course.fields import Fields, describe, suggest
from ..course.quizzes import Quiz
from ..course.tasks import Task
from ..course.yamlpos import YamlList, load
from ..errors import AuthoringError
from ..fileio import InputError, read_limited
from .quiz import grade_quiz
from .simulation import running_accuracy
from .task import EPSILON, gold_shortfalls, grade

#: Forgiveness files larger than this are refused (a whole bank's entries fit in far less).
MAX_BYTES = 5 * 1024 * 1024
TOP_FIELDS = ("quiz", "tasks")
ENTRY_FIELDS = ("withdraw", "accept", "gold", "reason")
#: What each decision is called in reports.
KINDS = {"withdraw": "withdrawn", "accept": "extra answer accepted", "gold": "gold replaced"}


@dataclass(frozen=True)
class Pardon:
    """The decision about one task: withdrawn, or its gold replaced and/or answers accepted."""

    task: str
    withdraw: bool = False
    gold: dict | None = None  # the replacement gold
    accept: tuple[dict, ...] = ()  # extra answers graded as gold
    reason: str = ""
    line: int | None = None

    @property
    def kinds(self) -> list[str]:
        """``withdraw``, ``gold``, ``accept``: what this decision does, in that order."""
        return [
            name
            for name, given in (
                ("withdraw", self.withdraw),
                ("gold", self.gold),
                ("accept", self.accept),
            )
            if given
        ]

    def describe(self) -> str:
        """``withdrawn``, ``gold replaced; extra answer accepted``..."""
        return "; ".join(KINDS[kind] for kind in self.kinds)


@dataclass
class Forgiveness:
    """A read forgiveness file: the quiz it is for and the decisions by task id."""

    path: str
    quiz: str
    pardons: dict[str, Pardon] = field(default_factory=dict)

    @property
    def withdrawn(self) -> set[str]:
        return {tid for tid, pardon in self.pardons.items() if pardon.withdraw}

    def applied(self, task_ids: Iterable[str]) -> list[Pardon]:
        """The decisions about ``task_ids`` (an attempt's tasks), in their order."""
        return [self.pardons[tid] for tid in task_ids if tid in self.pardons]

    def grader(self, quiz: Quiz, messages: dict[str, str]) -> Callable[[str, Any], dict]:
        """grade(task id, response) with the replaced gold and the accepted answers."""
        entries = quiz.entries

        def grade_task(task_id: str, response: Any) -> dict:
            task = entries[task_id].task
            pardon = self.pardons.get(task_id)
            if pardon is None:
                return grade(task, response, messages)
            golds = [pardon.gold if pardon.gold is not None else task.gold, *pardon.accept]
            results = [grade(replace(task, gold=gold), response, messages) for gold in golds]
            return max(results, key=lambda r: (r["score"], r["passed"]))  # first of equals

        return grade_task

    def grade(
        self, quiz: Quiz, task_ids: list[str], responses: dict, messages: dict[str, str]
    ) -> dict:
        """:func:`~annotrain.grading.quiz.grade_quiz`'s result with this forgiveness applied.

        ``task_ids``: the attempt's scored (gold) tasks.
        """
        withdrawn = self.withdrawn
        kept = [tid for tid in task_ids if tid not in withdrawn]
        result = grade_quiz(quiz, kept, responses, messages, self.grader(quiz, messages))
        drawn = set(task_ids)
        waived = set()
        for section in quiz.sections:
            ids = {entry.task.id for entry in section.entries} & drawn
            if section.min_score is not None and ids and ids <= withdrawn:
                waived.add(section.title)
        result["held_back"] = [title for title in result["held_back"] if title not in waived]
        result["passed"] = (
            bool(kept)
            and result["score"] >= quiz.pass_mark - EPSILON
            and result["critical_failures"] <= quiz.max_critical
            and not result["held_back"]
        )
        return result

    def simulate(
        self, quiz: Quiz, task_ids: list[str], responses: dict, messages: dict[str, str]
    ) -> dict:
        """The simulation's rule over the attempt, with this forgiveness applied.

        As :func:`~annotrain.grading.simulation.simulate`; a withdrawn gold task
        counts as a work item (it leaves the trace).
        """
        entries = quiz.entries
        grade_task = self.grader(quiz, messages)
        steps = []
        for tid in task_ids:
            gold = tid in entries and entries[tid].task.gold is not None
            if not gold or tid in self.pardons and self.pardons[tid].withdraw:
                steps.append((tid, None))
            else:
                steps.append((tid, grade_task(tid, responses.get(tid))["passed"]))
        return running_accuracy(steps, quiz.simulation.rule)

    def to_json(self) -> dict:
        """The file as reports record it."""
        return {
            "file": self.path,
            "quiz": self.quiz,
            "tasks": [
                {"task": p.task, "decision": p.kinds, "reason": p.reason}
                for p in self.pardons.values()
            ],
        }


def read_forgiveness(
    path: str | Path, quizzes: dict[str, Quiz], messages: dict[str, str]
) -> Forgiveness:
    """Read and check a forgiveness file against the course's ``quizzes``.

    Raises :class:`~annotrain.fileio.InputError` when the file cannot be read, and
    :class:`ForgivenessError` (every problem found, each ``file:line``) when it is
    not right.
    """
    shown = str(path)
    raw = read_limited(path, MAX_BYTES, "a forgiveness file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(shown, "a forgiveness file must be UTF-8 text") from None
    try:
        data = load(text, shown)
        top = Fields(data, shown, "a forgiveness file", TOP_FIELDS, 1)
        quiz_id = top.text("quiz", required=True)
        if quiz_id not in quizzes:
            raise top.error(
                "quiz",
                f"no quiz {quiz_id!r} in this course{suggest(quiz_id, quizzes)}",
            )
        tasks = top.require("tasks")
        if not isinstance(tasks, dict) or not tasks:
            raise top.error(
                "tasks", f"'tasks' must map task ids to decisions, got {describe(tasks)}"
            )
    except AuthoringError as error:
        raise ForgivenessError([error]) from None
    quiz = quizzes[quiz_id]
    entries = quiz.entries
    forgiveness = Forgiveness(shown, quiz_id)
    errors: list[AuthoringError] = []
    for task_id, decision in tasks.items():
        line = tasks.line_of(task_id)
        try:
            key = str(task_id)
            if key not in entries:
                raise AuthoringError(
                    f"quiz {quiz_id!r} has no task {key!r}{suggest(key, entries)}", shown, line
                )
            task = entries[key].task
            if task.gold is None:
                raise AuthoringError(
                    f"{key!r} is a work item of the simulation: nothing grades it, so there "
                    "is nothing to forgive",
                    shown,
                    line,
                )
            forgiveness.pardons[key] = _read_pardon(key, decision, task, shown, line, messages)
        except AuthoringError as error:
            errors.append(error)
    if errors:
        raise ForgivenessError(errors)
    return forgiveness


class ForgivenessError(AuthoringError):
    """Every problem of a forgiveness file; ``errors`` holds them, each at its line."""

    def __init__(self, errors: list[AuthoringError]):
        self.errors = errors
        first = errors[0]
        super().__init__(first.message, first.path, first.line)

    def __str__(self) -> str:
        return "\n".join(str(error) for error in self.errors)


def _read_pardon(
    task_id: str, decision: Any, task: Task, path: str, line: int, messages: dict[str, str]
) -> Pardon:
    fields = Fields(decision, path, f"the decision about {task_id!r}", ENTRY_FIELDS, line)
    given = [name for name in ("withdraw", "accept", "gold") if fields.has(name)]
    if not given:
        raise fields.error(
            None,
            f"say what to do with {task_id!r}: 'withdraw: true', 'accept' (an extra answer "
            "counted as right) or 'gold' (a replacement gold)",
        )
    if "withdraw" in given:
        if not fields.boolean("withdraw"):
            raise fields.error("withdraw", "'withdraw' is true or absent: false withdraws nothing")
        if len(given) > 1:
            raise fields.error(
                "withdraw",
                "a withdrawn task counts no more, so it takes no 'accept' or 'gold'; keep one",
            )
    gold = None
    if fields.has("gold"):
        gold = _read_answer(task, fields.raw("gold"), path, fields.line_of("gold"), messages)
    accept: list[dict] = []
    if fields.has("accept"):
        value = fields.raw("accept")
        answers = value if isinstance(value, list) else [value]
        for index, answer in enumerate(answers):
            where = (
                value.line_of(index) if isinstance(value, YamlList) else fields.line_of("accept")
            )
            accept.append(_read_answer(task, answer, path, where, messages, "accept"))
    return Pardon(
        task=task_id,
        withdraw="withdraw" in given,
        gold=gold,
        accept=tuple(accept),
        reason=fields.text("reason") or "",
        line=line,
    )


def _read_answer(
    task: Task, value: Any, path: str, line: int, messages: dict[str, str], name: str = "gold"
) -> dict:
    """``value`` checked as a gold of ``task``: the type's own checks, and a perfect score."""
    kind = task.kind
    if not isinstance(value, dict):
        raise AuthoringError(
            f"{name!r} of {task.id!r} must be a mapping such as {kind.gold_example}, "
            f"got {describe(value)}",
            path,
            line,
        )
    gold = kind.read_gold(task, Fields(value, path, name, kind.response_fields, line))
    shortfalls = gold_shortfalls(replace(task, gold=gold), messages)
    if shortfalls:
        raise AuthoringError(
            f"this {name} of {task.id!r} does not reach the top level of rubric "
            f"{task.rubric.id!r}: {'; '.join(shortfalls)}. Like any gold it must be a "
            "perfect answer.",
            path,
            line,
        )
    return gold
