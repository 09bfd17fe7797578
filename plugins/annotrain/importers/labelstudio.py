"""Gold tasks from a Label Studio JSON export and its labeling config.

Accepted input: the JSON export (a list of tasks, or one task as an object), each
task ``{id, data, annotations: [...], predictions: [...]}``; legacy exports that
say ``completions`` instead of ``annotations`` are read the same way. Per task, one
annotation is chosen as gold (:class:`Preference`):

- ``ground-truth`` (default): the annotation marked ``ground_truth`` (the earliest
  if several, as Label Studio does); a task without one is skipped;
- ``latest``: the most recently updated annotation (``updated_at``, else
  ``created_at``);
- ``annotator=ID``: the latest annotation by that user (``completed_by`` is an id,
  or an object with ``id`` and ``email``; ID may be either).

Cancelled (skipped) annotations and predictions are never gold. Each ``Choices``
control on a ``Text`` object gives one gold task per Label Studio task: type
``choice``, or ``multi`` for ``choice="multiple"``, with the config's choices as
labels in config order. A label in a result that differs from the config only in
case or surrounding spaces is matched and reported; an unknown label skips the
task. Controls not supported yet (boxes, spans, text areas...) skip the tasks that
have answers for them, with the reason.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .labelstudio_config import Control, LabelingConfig, parse_config
from .output import MAX_BYTES, Flow, ImporterError, Outcome, Section, read_limited

#: Every kind of line break becomes "\n", as YAML itself would read it.
_LINE_BREAKS = re.compile("\r\n|[\r\x85\u2028\u2029]")
CONFIG_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_PROMPTS = {
    "choice": "Which label fits this text?",
    "multi": "Which labels apply to this text? Choose every one that does.",
}
#: Object tags whose data we can show: text only, for now.
SUPPORTED_OBJECTS = ("text",)


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


def read_export(path: Path) -> list:
    """The export's tasks; ImporterError when it is not a readable Label Studio export."""
    raw = read_limited(path, "export", MAX_BYTES)
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ImporterError(f"{path}: not a text file (expected a JSON export)") from None
    except json.JSONDecodeError as exc:
        raise ImporterError(
            f"{path}:{exc.lineno}: not valid JSON (column {exc.colno}: {exc.msg})"
        ) from None
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise ImporterError(f"{path}: a Label Studio JSON export is a list of tasks")
    return data


def read_config(path: Path) -> LabelingConfig:
    raw = read_limited(path, "labeling config", CONFIG_MAX_BYTES)
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
) -> Outcome:
    """Gold task mappings from the export's ``tasks``, one section per Choices control.

    ``rubrics`` maps task types to the rubric id to use; ``stem`` names the export in
    task ids when a task does not say its project.
    """
    outcome = Outcome()
    importable = [c for c in config.controls if _unsupported(c, config) is None]
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
        results = [r for r in annotation.get("result") or [] if isinstance(r, dict)]
        for name in sorted(
            {str(r.get("from_name")) for r in results} - {c.name for c in config.controls}
        ):
            outcome.note(f"results of {name!r}, which is not in the labeling config, ignored", ref)
        for control in config.controls:
            mine = [r for r in results if r.get("from_name") == control.name]
            problem = _unsupported(control, config)
            cref = ref if len(config.controls) == 1 else f"{ref} {control.name}"
            if problem is not None:
                if mine:
                    outcome.skip(problem, cref)
                continue
            built = _build(
                task, control, config, mine, rubrics, stem, len(importable), outcome, cref
            )
            if isinstance(built, dict) and built["id"] in ids:
                built = f"its id {built['id']!r} is already taken by another task"
            if isinstance(built, str):
                outcome.skip(built, cref)
            else:
                ids.add(built["id"])
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
    return f"#{value}" if isinstance(value, (int, str)) else "(task without id)"


def _unsupported(control: Control, config: LabelingConfig) -> str | None:
    """Why answers of ``control`` cannot become gold tasks yet, or None."""
    if control.tag != "choices":
        return f"{control.tag} results are not supported yet (control {control.name!r})"
    if control.problem:
        return control.problem
    targets = [config.objects.get(name) for name in control.to_name]
    if any(target is None for target in targets):
        return f"control {control.name!r} points to an object not in the config ({', '.join(control.to_name)})"
    if len(targets) != 1 or targets[0].tag not in SUPPORTED_OBJECTS:
        tags = ", ".join(f"<{target.tag}>" for target in targets)
        return f"choices about {tags} are not supported yet (control {control.name!r}): only <Text>"
    if (targets[0].value_type or "").lower() == "url":
        return f"text loaded from a URL (valueType=url) is not supported (control {control.name!r})"
    return None


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


def choose_annotation(task: dict, prefer: Preference) -> tuple[dict | None, str]:
    """The gold annotation of ``task``, or None and why there is none."""
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
        if not truth:
            return None, (
                "no annotation is marked as ground truth "
                "(mark one in Label Studio, or use --prefer latest or --prefer annotator=ID)"
            )
        return min(truth, key=lambda a: (_created(a)[0] == 0, _created(a)[1], _id_key(a))), ""
    if prefer.mode == "annotator":
        done = [a for a in done if _by(a, prefer.annotator)]
        if not done:
            return None, f"no completed annotation by annotator {prefer.annotator}"
    return max(done, key=lambda a: (_when(a), _id_key(a))), ""


def match_label(raw: Any, control: Control) -> tuple[str | None, bool]:
    """The config label a result's label stands for, and whether it matched only loosely.

    Exact and alias matches are clean; otherwise labels are compared without case and
    surrounding spaces, and a single match is accepted but reported.
    """
    if not isinstance(raw, str):
        return None, False
    if raw in control.labels:
        return raw, False
    if raw in control.aliases:
        return control.aliases[raw], False
    key = raw.strip().casefold()
    found = [label for label in control.labels if label.strip().casefold() == key]
    return (found[0], True) if len(found) == 1 else (None, False)


def _build(task, control, config, results, rubrics, stem, controls, outcome, ref) -> dict | str:
    """One gold task mapping, or the reason the task is skipped."""
    if not results:
        return f"the gold annotation has no answer for {control.name!r}"
    if len(results) > 1 or results[0].get("type") != "choices":
        return f"the answer for {control.name!r} is not one 'choices' result"
    value = results[0].get("value")
    chosen = value.get("choices") if isinstance(value, dict) else None
    if not isinstance(chosen, list) or not chosen:
        return f"the answer for {control.name!r} has no choices"
    labels = []
    for raw in chosen:
        label, loose = match_label(raw, control)
        if label is None:
            return f"a label in the answer is not in the config of {control.name!r}"
        if loose:
            outcome.note(f"label {raw!r} read as {label!r} (case or spaces differ)", ref)
        if label not in labels:
            labels.append(label)
    kind = "multi" if control.multiple else "choice"
    if kind == "choice" and len(labels) != 1:
        return f"a single-choice answer for {control.name!r} has {len(labels)} labels"
    text = _text(task["data"], config.objects[control.to_name[0]].value)
    if text is None:
        return f"the task data has no text for {config.objects[control.to_name[0]].value!r}"
    prompt = _text(task["data"], control.prompt) if control.prompt else None
    result = {
        "type": kind,
        "id": task_id(task, stem, control.name if controls > 1 else None),
        "prompt": prompt or DEFAULT_PROMPTS[kind],
        "text": text,
        "labels": list(control.labels),
        "rubric": rubrics[kind],
    }
    if kind == "choice":
        result["gold"] = Flow(choice=labels[0])
    else:
        result["gold"] = Flow(choices=[label for label in control.labels if label in labels])
    return result


def _text(data: dict, value: str) -> str | None:
    """``$field`` from the task data (or a literal value); None when missing or empty."""
    if value.startswith("$"):
        found = data.get(value[1:])
        if isinstance(found, (int, float)) and not isinstance(found, bool):
            found = str(found)
        if not isinstance(found, str):
            return None
        value = found
    value = _LINE_BREAKS.sub("\n", value)
    return value if value.strip() else None


def slug(text: str, limit: int = 40) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:limit].strip("-") or "x"


def task_id(task: dict, stem: str, control: str | None) -> str:
    """``ls-<project>-<task id>[-<control>]``: the same for the same task in every export."""
    project = task.get("project")
    prefix = (
        str(project) if isinstance(project, int) and not isinstance(project, bool) else slug(stem)
    )
    parts = ["ls", prefix, slug(str(task["id"]), 30)] + ([slug(control, 20)] if control else [])
    return "-".join(parts)[:80].strip("-")
