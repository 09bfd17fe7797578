"""The settings of a work simulation (a quiz with ``mode: simulation``).

A simulation's sections are gold sections (the usual tasks, with gold) and work
sections (``gold: false``: tasks written in place without gold, which nothing
grades). The share of gold in a batch is what the sections draw. The quiz's
``simulation`` mapping holds the running-accuracy rule (see
:mod:`annotrain.grading.simulation`) and whether the simulation is sealed::

    simulation:
      window: 10       # K: the rule looks at the last 10 gold answers
      min_correct: 8   # at least 8 of them must pass
      min_gold: 10     # judged once 10 gold answers exist (default: window)
      sealed: false    # true: no gold in the site; `annotrain grade` replays the rule
      key: ...         # sealed only: a secret that keys the page's opaque task ids

A sealed simulation's page shows one flat list of every task under opaque ids
(:func:`published_ids`), so its sections may not ``draw``.

See the trainer guide, "Work simulations".
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import AuthoringError, AuthoringWarning
from ..grading.simulation import Rule
from .fields import Fields

if TYPE_CHECKING:  # quizzes.py and quizfile.py import this module
    from .quizzes import Quiz, QuizEntry, QuizSection

SIMULATION_FIELDS = ("window", "min_correct", "min_gold", "sealed", "key")
#: Shortest ``key`` accepted: 16 characters of a generated key carry about 96 bits.
MIN_KEY_LENGTH = 16
DEFAULT_WINDOW = 10
DEFAULT_MIN_CORRECT = 8


@dataclass(frozen=True)
class Simulation:
    """A simulation's rule and whether its site publishes no gold."""

    rule: Rule
    sealed: bool = False
    #: The secret behind a sealed simulation's published ids; never in the page.
    key: str | None = field(default=None, repr=False)

    def settings(self) -> dict:
        """The settings as the quiz's page gets them (never the key)."""
        rule = self.rule
        return {
            "window": rule.window,
            "min_correct": rule.min_correct,
            "min_gold": rule.min_gold,
            "sealed": self.sealed,
        }


def simulation_from_json(data: dict) -> Simulation:
    """Rebuild the settings from :meth:`Simulation.settings` output."""
    rule = Rule(data["window"], data["min_correct"], data["min_gold"])
    return Simulation(rule, data["sealed"])


def read_simulation(quiz: Fields, mode: str, sections: list[QuizSection]) -> Simulation | None:
    """The quiz's ``simulation`` settings: None unless ``mode`` is simulation.

    Raises AuthoringError at the line of the first problem: settings in another
    mode, a setting that is not a whole number in range, a rule no batch of the
    quiz could ever judge, or a simulation without gold sections.
    """
    if mode != "simulation":
        if quiz.has("simulation"):
            raise quiz.error(
                "simulation",
                f"'simulation' settings apply to quizzes with mode: simulation; this quiz's "
                f"mode is {mode} (set mode: simulation, or remove them)",
            )
        return None
    line = quiz.line_of("simulation") if quiz.has("simulation") else quiz.line
    fields = Fields(
        quiz.raw("simulation") or {},
        quiz.path,
        "the 'simulation' settings",
        SIMULATION_FIELDS,
        line,
    )
    window = _whole(fields, "window", DEFAULT_WINDOW, 1)
    min_correct = _whole(fields, "min_correct", min(DEFAULT_MIN_CORRECT, window), 1)
    if min_correct > window:
        raise fields.error(
            "min_correct",
            f"'min_correct' is {min_correct} but the window holds only {window} gold answers "
            f"(make min_correct at most {window}, or the window larger)",
        )
    min_gold = _whole(fields, "min_gold", window, 1)
    if min_gold < min_correct:
        raise fields.error(
            "min_gold",
            f"'min_gold' is {min_gold}, fewer than min_correct ({min_correct}): judged after "
            f"{min_gold} gold answers, every candidate would be stopped (make it at least "
            f"{min_correct}, or leave it out to judge once the window is full)",
        )
    gold = _gold_per_batch(sections, quiz)
    if gold < min_gold:
        raise fields.error(
            "min_gold" if fields.has("min_gold") else "window" if fields.has("window") else None,
            f"each batch holds {gold} gold tasks, fewer than the {min_gold} gold answers the "
            f"rule waits for (min_gold, which is the window unless set): no one could ever be "
            f"stopped; draw more gold tasks or lower min_gold",
        )
    sealed = fields.boolean("sealed", False)
    key = _key(fields, sealed)
    if sealed:
        _no_draw(sections, quiz)
    return Simulation(Rule(window, min_correct, min_gold), sealed, key)


def _key(fields: Fields, sealed: bool) -> str | None:
    """The ``key`` of a sealed simulation: required there, refused elsewhere."""
    if not sealed:
        if fields.has("key"):
            raise fields.error(
                "key",
                "'key' keys the opaque task ids of a sealed simulation; this one is open "
                "(set sealed: true, or remove the key)",
            )
        return None
    key = fields.text("key")
    if key is None or len(key.strip()) < MIN_KEY_LENGTH:
        problem = "needs a 'key'" if key is None else "has a 'key' that is too short"
        raise fields.error(
            "key" if key is not None else "sealed",
            f"a sealed simulation {problem}: a secret of at least {MIN_KEY_LENGTH} "
            "characters that only the quiz file holds, from which its page's task ids are "
            f"made (for example key: {secrets.token_urlsafe(18)}); keep it for as long as "
            "attempts made with it are to be graded",
        )
    return key.strip()


def _no_draw(sections: list[QuizSection], quiz: Fields) -> None:
    """A sealed simulation's sections hold every task of the batch: no ``draw``."""
    for section in sections:
        if section.draw is not None:
            raise AuthoringError(
                "a sealed simulation's sections may not 'draw': its page shows one list of "
                "every task, so that nothing tells gold from work, and each batch holds them "
                "all (remove 'draw', or put only the tasks of one batch in the quiz)",
                quiz.path,
                section.draw_line,
            )


#: Hex digits of a sealed simulation's published task id (after its "t").
ID_DIGITS = 12


def published_ids(quiz_id: str, key: str, task_ids: Iterable[str]) -> dict[str, str]:
    """Authored task id -> the opaque id a sealed simulation's page shows for it.

    A plain hash of the quiz id and the task id could be checked against guessed
    ids (``gold-3``), so the ids are an HMAC keyed with the simulation's ``key``,
    a secret only the quiz file holds. Nothing else goes in: the ids cover no gold,
    and stay the same when a gold answer or explanation is corrected.
    """
    secret = key.encode("utf-8")
    return {
        tid: "t"
        + hmac.new(secret, f"{quiz_id}\0{tid}".encode(), hashlib.sha256).hexdigest()[:ID_DIGITS]
        for tid in task_ids
    }


def _whole(fields: Fields, key: str, default: int, minimum: int) -> int:
    value = fields.number(key, default, minimum)
    if not float(value).is_integer():
        raise fields.error(key, f"{key!r} must be a whole number, got {value:g}")
    return int(value)


def _gold_per_batch(sections: list[QuizSection], quiz: Fields) -> int:
    """The gold tasks each batch draws; AuthoringError when there are none."""
    count = sum(len(s.entries) if s.draw is None else s.draw for s in sections if s.gold)
    if not count:
        raise AuthoringError(
            "a simulation needs gold: every section here is a work section (gold: false); "
            "add a section of gold tasks",
            quiz.path,
            quiz.line_of("sections"),
        )
    return count


def telltale_warnings(quiz: Quiz) -> list[AuthoringWarning]:
    """A sealed simulation's tasks that its page would tell apart as gold or as work.

    The page shows each task's type, rubric and guideline: a work item with a kind
    no gold task has (or a gold task with a kind no work item has) gives itself away.
    """
    if not quiz.sealed_simulation:
        return []
    entries = list(quiz.entries.values())

    def kind(entry: QuizEntry) -> tuple:
        return (entry.task.type, entry.task.rubric.id, entry.guideline)

    gold = {kind(e) for e in entries if e.task.gold is not None}
    work = {kind(e) for e in entries if e.task.gold is None}
    if not work:
        return []
    warnings = []
    for entry in entries:
        is_gold = entry.task.gold is not None
        if kind(entry) in (work if is_gold else gold):
            continue
        task = entry.task
        what = "gold task" if is_gold else "work item"
        other = "work item" if is_gold else "gold task"
        guideline = f", guideline {entry.guideline}" if entry.guideline else ""
        warnings.append(
            AuthoringWarning(
                f"{what} {task.id!r} of sealed simulation {quiz.id!r} is a {task.type} task "
                f"with rubric {task.rubric.id}{guideline}, as no {other} is: its page gives "
                f"it away as a {what}; give gold and work the same task types, rubrics and "
                "guidelines",
                quiz.path,
                entry.line,
            )
        )
    return warnings
