"""Gold tasks from a Label Studio JSON export and its labeling config.

Accepted input: the JSON export (a list of tasks, or one task as an object), each
task ``{id, data, annotations: [...], predictions: [...]}``; legacy exports that
say ``completions`` instead of ``annotations`` are read the same way. Per task, one
annotation is chosen as gold (:class:`Preference`):

- ``ground-truth`` (default): the annotation marked ``ground_truth`` (the earliest
  if several, as Label Studio does); a task with none marked takes its only
  completed annotation (one annotator's export), and the summary counts those; a
  task with several and none marked is skipped;
- ``latest``: the most recently updated annotation (``updated_at``, else
  ``created_at``);
- ``annotator=ID``: the latest annotation by that user (``completed_by`` is an id,
  or an object with ``id`` and ``email``; ID may be either).

Cancelled (skipped) annotations and predictions are never gold. Each importable
control of the config gives one gold task per Label Studio task, in its own quiz
section: see :mod:`annotrain.importers.labelstudio_tasks` for which controls on
which objects become which task types and how their results are converted.
Controls that cannot be imported skip the tasks that have answers for them, with
the reason; the other controls of the same task are still imported. Images and
audio are looked up by file name in the folder given with ``--media`` (see
:mod:`annotrain.importers.mediafiles`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .labelstudio_config import LabelingConfig, parse_config
from .labelstudio_tasks import Context, build, problem
from .mediafiles import MediaFolder
from .output import MAX_BYTES, ImporterError, Outcome, Section, read_json, read_limited, shown, slug

CONFIG_MAX_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Preference:
    """Which annotation of a task is gold: ``ground-truth``, ``latest`` or one annotator's."""

    mode: str = "ground-truth"
    annotator: str | None = None

    @classmethod
    def parse(cls, text: str) -> Preference:
        """``ground-truth``, ``latest`` or ``annotator=ID``; ValueError otherwise."""
        if text in ("ground-truth", "latest"):
            return cls(text)
        if text.startswith("annotator=") and text.split("=", 1)[1].strip():
            return cls("annotator", text.split("=", 1)[1].strip())
        raise ValueError("expected ground-truth, latest or annotator=ID")

    def __str__(self) -> str:
        return f"annotator={self.annotator}" if self.mode == "annotator" else self.mode


def read_export(path: Path, limit: int = MAX_BYTES) -> list:
    """The export's tasks; ImporterError when it is not a readable Label Studio export.

    Exports over ``limit`` bytes are refused unread.
    """
    data = read_json(path, "a Label Studio JSON export", "export fewer tasks at a time", limit)
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise ImporterError(f"{path}: a Label Studio JSON export is a list of tasks")
    return data


def read_config(path: Path) -> LabelingConfig:
    raw = read_limited(path, "a labeling config", CONFIG_MAX_BYTES, "a config is a few KB")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImporterError(f"{path}: not a text file (expected the labeling config XML)") from None
    return parse_config(text, str(path))


def import_export(
    tasks: list,
    config: LabelingConfig,
    prefer: Preference,
    rubrics: dict[str, str],
    stem: str,
    media: MediaFolder | None = None,
) -> Outcome:
    """Gold task mappings from the export's ``tasks``, one section per importable control.

    ``rubrics`` maps task types to the rubric id to use; ``stem`` names the export in
    task ids when a task does not say its project; ``media`` finds images and audio
    (tasks that need them are skipped without it).
    """
    outcome = Outcome()
    importable = [c for c in config.controls if problem(c, config) is None]
    sections = {c.name: Section(c.prompt or c.name) for c in importable}
    seen: set[Any] = set()
    ids: set[str] = set()
    for task in sorted(tasks, key=_task_order):
        ref = _ref(task)
        if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
            outcome.skip("not a task of a JSON export (no 'data'; JSON-MIN is not supported)", ref)
            continue
        if not isinstance(task.get("id"), (int, str)) or isinstance(task.get("id"), bool):
            outcome.skip("the task has no id", ref)
            continue
        if task["id"] in seen:
            outcome.skip("the task id appears twice in the export", ref)
            continue
        seen.add(task["id"])
        annotation, reason = choose_annotation(task, prefer)
        if annotation is None:
            outcome.skip(reason, ref)
            continue
        if reason:  # taken on a rule the trainer should know of
            outcome.note(reason, ref)
        results = [r for r in annotation.get("result") or [] if isinstance(r, dict)]
        links = [r for r in results if r.get("type") == "relation"]
        results = [r for r in results if r.get("type") != "relation"]
        regions = {r.get("id") for r in results if isinstance(r.get("id"), (str, int))}
        if links and config.relation_labels is None:
            outcome.note("relations ignored: the labeling config has no <Relations>", ref)
            links = []
        for name in sorted(
            {str(r.get("from_name")) for r in results} - {c.name for c in config.controls}
        ):
            outcome.note(f"results of {name!r}, which is not in the labeling config, ignored", ref)
        for control in config.controls:
            mine = [r for r in results if r.get("from_name") == control.name]
            why = problem(control, config)
            cref = ref if len(config.controls) == 1 else f"{ref} {control.name}"
            if why is not None:
                if mine:
                    outcome.skip(why, cref)
                continue
            tid = task_id(task, stem, control.name if len(importable) > 1 else None)
            target = config.objects[control.to_name[0]]
            ctx = Context(task, control, target, rubrics, tid, outcome, cref, media)
            ctx.relations, ctx.region_ids = links, regions
            ctx.relation_labels = config.relation_labels
            built = build(ctx, mine)
            if isinstance(built, dict) and built["id"] in ids:
                built = f"its id {built['id']!r} is already taken by another task"
            if isinstance(built, str):
                outcome.skip(built, cref)
            elif built is not None:
                ids.add(built["id"])
                outcome.refs[built["id"]] = cref
                sections[control.name].tasks.append(built)
    outcome.sections = [s for s in sections.values() if s.tasks]
    return outcome


def _task_order(task: Any) -> tuple:
    """By task id: numbers in numeric order, then text ids, then anything else."""
    value = task.get("id") if isinstance(task, dict) else None
    if isinstance(value, int) and not isinstance(value, bool):
        return (0, value, "")
    if isinstance(value, str):
        return (1, 0, value)
    return (2, 0, "")


def _ref(task: Any) -> str:
    value = task.get("id") if isinstance(task, dict) else None
    return f"#{shown(value, 40)}" if isinstance(value, (int, str)) else "(task without id)"


def _when(annotation: dict) -> tuple:
    for key in ("updated_at", "created_at"):
        value = annotation.get(key)
        if isinstance(value, str):
            try:
                moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
            except ValueError:
                continue
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=timezone.utc)
            return (1, moment)
    return (0, datetime.min.replace(tzinfo=timezone.utc))


def _created(annotation: dict) -> tuple:
    return _when({"created_at": annotation.get("created_at")})


def _id_key(annotation: dict) -> tuple:
    value = annotation.get("id")
    return (0, value, "") if isinstance(value, int) else (1, 0, str(value))


def _by(annotation: dict, who: str) -> bool:
    author = annotation.get("completed_by")
    if isinstance(author, dict):
        email = author.get("email")
        if isinstance(email, str) and email.strip().lower() == who.lower():
            return True
        author = author.get("id")
    return author is not None and not isinstance(author, bool) and str(author) == who


#: Why an annotation not marked as ground truth was taken as gold (a summary note).
ONLY_ANNOTATION = "gold is the only completed annotation (none is marked as ground truth)"


def choose_annotation(task: dict, prefer: Preference) -> tuple[dict | None, str]:
    """The gold annotation of ``task`` and how it was chosen, or None and why there is none.

    The second item is "" for an annotation chosen as ``prefer`` says, else a note
    for the summary (:data:`ONLY_ANNOTATION`).
    """
    key = "annotations" if "annotations" in task else "completions"
    every = [a for a in task.get(key) or [] if isinstance(a, dict)]
    done = [a for a in every if not a.get("was_cancelled")]
    if not every:
        if task.get("predictions"):
            return None, "no annotations, only predictions (predictions are never gold)"
        return None, "no annotations"
    if not done:
        return None, "every annotation was cancelled (skipped in Label Studio)"
    if prefer.mode == "ground-truth":
        truth = [a for a in done if a.get("ground_truth") is True]
        if not truth and len(done) == 1:
            return done[0], ONLY_ANNOTATION
        if not truth:
            return None, (
                f"{len(done)} completed annotations and none is marked as ground truth "
                "(mark one in Label Studio, or use --prefer latest or --prefer annotator=ID)"
            )
        return min(truth, key=lambda a: (_created(a)[0] == 0, _created(a)[1], _id_key(a))), ""
    if prefer.mode == "annotator":
        done = [a for a in done if _by(a, prefer.annotator)]
        if not done:
            return None, f"no completed annotation by annotator {prefer.annotator}"
    return max(done, key=lambda a: (_when(a), _id_key(a))), ""


def task_id(task: dict, stem: str, control: str | None) -> str:
    """``ls-<project>-<task id>[-<control>]``: the same for the same task in every export."""
    project = task.get("project")
    prefix = (
        str(project) if isinstance(project, int) and not isinstance(project, bool) else slug(stem)
    )
    parts = ["ls", prefix, slug(str(task["id"]), 30)] + ([slug(control, 20)] if control else [])
    return "-".join(parts)[:80].strip("-")
