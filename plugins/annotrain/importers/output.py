"""What an importer produced, checked with the real loader and written as YAML.

An importer fills an :class:`Outcome`: sections of plain task mappings, and what it
skipped and noticed, grouped by reason. :func:`check_tasks` loads every task with
:func:`annotrain.tasks.read_task` against the site's rubrics (and checks its gold
reaches the top of its rubric, as the build does); a task that fails is skipped,
never written. :func:`render_quiz` dumps the quiz bank with PyYAML's safe dumper
(so no imported text can break the YAML), reads it back and checks the result is
the same data and a valid quiz. :func:`annotrain.fileio.write_atomic` writes through a temporary
file and a rename, so a file is either whole or not there. Tasks that show
images or audio name them relative to the quiz file, so both checks take a
:class:`~annotrain.media.MediaLibrary` rooted at the quiz file's folder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .. import fileio
from ..course import yamlpos
from ..course.exercises import check_gold
from ..course.media import MediaLibrary
from ..course.quizfile import read_quiz
from ..course.rubrics import RubricLibrary
from ..course.tasks import read_task
from ..errors import AnnotrainError, AuthoringError

#: Exports larger than this are refused: they would be read whole into memory.
MAX_BYTES = 50 * 1024 * 1024


class ImporterError(AnnotrainError):
    """An import that cannot go on: unreadable export or config, nothing to import."""


@dataclass
class Section:
    """A quiz section being built: its title and task mappings."""

    title: str
    tasks: list[dict] = field(default_factory=list)


@dataclass
class Outcome:
    """Sections of imported tasks; skipped tasks and notes grouped by reason."""

    sections: list[Section] = field(default_factory=list)
    skipped: dict[str, list[str]] = field(default_factory=dict)
    notes: dict[str, list[str]] = field(default_factory=dict)
    refs: dict[str, str] = field(default_factory=dict)  # task id -> how the summary names it

    def skip(self, reason: str, ref: str) -> None:
        self.skipped.setdefault(reason, []).append(ref)

    def note(self, text: str, ref: str) -> None:
        refs = self.notes.setdefault(text, [])
        if ref not in refs:  # the same finding on two regions of a task is one note
            refs.append(ref)

    def ref_of(self, task: dict) -> str:
        """How the summary names an imported task: as the export does, else by its id."""
        return self.refs.get(task["id"], task["id"])

    @property
    def imported(self) -> int:
        return sum(len(section.tasks) for section in self.sections)

    def summary(self) -> list[str]:
        """Lines for the terminal: imported N, skipped M and why, then the notes."""
        skipped = sum(len(refs) for refs in self.skipped.values())
        lines = [f"imported {self.imported} task{'s' * (self.imported != 1)}, skipped {skipped}"]
        for title, groups in (("skipped", self.skipped), ("note", self.notes)):
            for reason, refs in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
                listed = ", ".join(shown(ref) for ref in refs[:8]) + (
                    f" and {len(refs) - 8} more" if len(refs) > 8 else ""
                )
                lines.append(f"  {title}: {shown(reason, None)}: {len(refs)} ({listed})")
        return lines


def check_tasks(
    outcome: Outcome,
    rubrics: RubricLibrary,
    messages: dict[str, str],
    ref_of,
    media: MediaLibrary | None = None,
) -> None:
    """Drop (and report) every task that the loader rejects; ``ref_of(task)`` names it.

    ``media`` is rooted at the folder of the quiz file (default: the working folder),
    so media paths resolve as they will from the written file.
    """
    media = media or MediaLibrary()
    for section in outcome.sections:
        kept = []
        for task in section.tasks:
            try:
                if yamlpos.load(dump(task)) != task:
                    outcome.skip("its text cannot be written as YAML exactly", ref_of(task))
                    continue
                loaded = read_task(dict(task), None, rubrics, media=media)
                check_gold(loaded, task, messages, None)
            except AuthoringError as error:
                outcome.skip(f"does not load as a task ({error.message})", ref_of(task))
                continue
            kept.append(task)
        section.tasks = kept
    outcome.sections = [s for s in outcome.sections if s.tasks]


class _Dumper(yaml.SafeDumper):
    """The safe dumper, with multi-line text as ``|`` blocks where YAML allows it.

    Never anchors and aliases (``&id001``): every task is written out in full, as a
    trainer would write it.
    """

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # The emitter falls back to a quoted style whenever a block cannot hold the text
    # exactly (trailing spaces, control characters), so this only affects looks.
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _list(dumper: yaml.SafeDumper, value: list) -> yaml.SequenceNode:
    # Short lists of plain texts or numbers read best on one line, as authors write
    # labels and points.
    flow = (
        all(isinstance(v, (int, float)) or (isinstance(v, str) and "\n" not in v) for v in value)
        and len(str(value)) <= 72
    )
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


class Flow(dict):
    """A mapping written on one line (``gold: {choice: Positive}``)."""


def _flow(dumper: yaml.SafeDumper, value: Flow) -> yaml.MappingNode:
    return dumper.represent_mapping("tag:yaml.org,2002:map", value.items(), flow_style=True)


_Dumper.add_representer(str, _text)
_Dumper.add_representer(list, _list)
_Dumper.add_representer(Flow, _flow)


def dump(data: Any) -> str:
    """YAML text of plain data, through the safe dumper (texts are never code)."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=88)


def render_quiz(
    quiz_id: str,
    data: dict,
    header: str,
    rubrics: RubricLibrary,
    messages: dict[str, str],
    media: MediaLibrary | None = None,
) -> str:
    """The quiz mapping as YAML text, checked by reading it back as a quiz.

    ``media`` is rooted at the folder the quiz file goes to (see :func:`check_tasks`).
    Raises :class:`ImporterError` if the text does not read back as the same data
    or not as a valid quiz (a bug, but one that must never reach a file).
    """
    body = dump(data)
    comment = "".join(f"# {line}".rstrip() + "\n" for line in header.splitlines())
    text = comment + body
    try:
        loaded = yamlpos.load(text, f"{quiz_id}.yml")
        if loaded != data:
            raise ImporterError("the YAML written does not read back as the imported data")
        read_quiz(loaded, f"{quiz_id}.yml", quiz_id, rubrics, {}, messages, media or MediaLibrary())
    except AuthoringError as error:
        raise ImporterError(f"the imported quiz does not load: {error}") from None
    return text


def read_json(path: Path, what: str, hint: str, limit: int = MAX_BYTES) -> Any:
    """A JSON file's data, read within limits by :func:`annotrain.fileio.read_json`.

    Raises :class:`ImporterError` when the file is missing, not a regular file,
    over ``limit`` bytes (the message ends with ``hint``: how to make it smaller),
    not text, not JSON, nested too deeply or holding an absurdly long number.
    """
    try:
        return fileio.read_json(path, limit, what, hint)
    except fileio.InputError as error:
        raise ImporterError(str(error)) from None


def shown(value: Any, limit: int | None = 80) -> str:
    """Text from an imported file made safe for the terminal: control characters escaped.

    Longer than ``limit`` characters (None: no limit), it is cut with "…".
    """
    text = value if isinstance(value, str) else repr(value)
    text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
    return text if limit is None or len(text) <= limit else text[: limit - 1] + "…"


def read_limited(
    path: Path, what: str, limit: int = MAX_BYTES, hint: str = "export fewer tasks at a time"
) -> bytes:
    """The bytes of the regular file ``path``; ImporterError when unusable or over ``limit``."""
    try:
        return fileio.read_limited(path, limit, what, hint)
    except fileio.InputError as error:
        raise ImporterError(str(error)) from None


def slug(text: str, limit: int = 40) -> str:
    """``text`` as lowercase letters, digits and "-", for task ids; "x" when nothing is left."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:limit].strip("-") or "x"
