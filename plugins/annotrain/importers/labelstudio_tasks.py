"""One gold task from the results one Label Studio control gave on one task.

Which control on which object becomes which task type:

=====================  ===========  ==========================================
control (result type)  object       task
=====================  ===========  ==========================================
``choices``            ``Text``     ``choice`` (``multi`` with ``choice="multiple"``)
``labels``             ``Text``     ``spans``: character offsets, checked against the text
                                    (``relations`` when the config has ``<Relations>``)
``labels``             ``Audio``    ``segments``: seconds
``textarea``           ``Audio``    ``transcript``: the result's texts, one per line
``rectanglelabels``    ``Image``    ``bbox``: percent of the image -> natural pixels
``polygonlabels``      ``Image``    ``polygon``: percent -> natural pixels
``keypointlabels``     ``Image``    ``keypoints``: percent -> natural pixels
=====================  ===========  ==========================================

Labels are the control's ``<Choice>``/``<Label>`` values in config order. A label
in a result must be one of them (an alias, or the same up to case and surrounding
spaces, which is reported); every region needs exactly one. Images and audio are
found with a :class:`~annotrain.importers.mediafiles.MediaFolder` and written
relative to the quiz file. Image tasks are built in
:mod:`annotrain.importers.labelstudio_images`. Nothing is guessed: a region that cannot be imported
exactly skips its whole task (partial gold would mark a learner wrong for finding
what it left out), with the reason.
"""

from __future__ import annotations

import math
from typing import Any

from . import labelstudio_images as images
from . import labelstudio_relations as relations
from .geometry import GeometryError, number
from .labelstudio_config import Control, DataObject, LabelingConfig
from .labelstudio_results import (
    NO_MEDIA,
    Builder,
    Context,
    SkipError,
    common,
    data_text,
    label_of,
    region_label,
    with_rubric,
)
from .mediafiles import MediaError, Placed
from .output import Flow
from .textoffsets import LINE_BREAKS, SpanError, line_breaks, locate

#: Seconds a segment may end after the clip's measured end and be cut to it.
LATE = 0.05
#: Label Studio's deprecated object names -> the current ones.
OBJECT_ALIASES = {"audioplus": "audio"}


def object_tag(target: DataObject) -> str:
    return OBJECT_ALIASES.get(target.tag, target.tag)


def problem(control: Control, config: LabelingConfig) -> str | None:
    """Why answers of ``control`` cannot become gold tasks, or None."""
    if control.tag in ("brushlabels", "brush"):
        return (
            f"{control.tag} results are masks in Label Studio's own compressed run-length "
            "format, not COCO's, and are not decoded (control "
            f"{control.name!r}): decode them with label-studio-converter's brush module, "
            "write them as COCO RLE segmentations and use annotrain import coco --type masks"
        )
    objects = sorted({obj for tag, obj in BUILDERS if tag == control.tag})
    if not objects:
        return f"{control.tag} results are not supported yet (control {control.name!r})"
    if control.problem:
        return control.problem
    targets = [config.objects.get(name) for name in control.to_name]
    if any(target is None for target in targets):
        return f"control {control.name!r} points to an object not in the config ({', '.join(control.to_name)})"
    if len(targets) != 1 or (control.tag, object_tag(targets[0])) not in BUILDERS:
        tags = ", ".join(f"<{target.tag}>" for target in targets)
        allowed = " or ".join(f"<{obj.title()}>" for obj in objects)
        return f"{control.tag} results about {tags} are not supported yet (control {control.name!r}): only about {allowed}"
    if object_tag(targets[0]) == "text" and (targets[0].value_type or "").lower() == "url":
        return f"text loaded from a URL (valueType=url) is not supported (control {control.name!r})"
    return None


def build(ctx: Context, results: list[dict]) -> dict | str | None:
    """The gold task for ``ctx``'s control from its ``results``, or why not (None: reported)."""
    if not results:
        return f"the gold annotation has no answer for {ctx.control.name!r}"
    wanted = ctx.control.tag
    if any(r.get("type") != wanted for r in results):
        return f"an answer for {ctx.control.name!r} is not a {wanted!r} result"
    values = [r.get("value") for r in results]
    if not all(isinstance(v, dict) for v in values):
        return f"an answer for {ctx.control.name!r} has no value"
    return BUILDERS[(wanted, object_tag(ctx.target))](ctx, results)


# --- Text --------------------------------------------------------------------------


def _choices(ctx: Context, results: list[dict]) -> dict | str:
    if len(results) > 1:
        return f"the answer for {ctx.control.name!r} is not one 'choices' result"
    chosen = results[0]["value"].get("choices")
    if not isinstance(chosen, list) or not chosen:
        return f"the answer for {ctx.control.name!r} has no choices"
    labels = []
    for raw in chosen:
        label = label_of(ctx, raw)
        if label is None:
            return f"a label in the answer is not in the config of {ctx.control.name!r}"
        if label not in labels:
            labels.append(label)
    kind = "multi" if ctx.control.multiple else "choice"
    if kind == "choice" and len(labels) != 1:
        return f"a single-choice answer for {ctx.control.name!r} has {len(labels)} labels"
    text = data_text(ctx.task["data"], ctx.target.value)
    if text is None:
        return f"the task data has no text for {ctx.target.value!r}"
    task = common(ctx, kind) | {"text": text, "labels": list(ctx.control.labels)}
    with_rubric(ctx, task, kind)
    if kind == "choice":
        task["gold"] = Flow(choice=labels[0])
    else:
        task["gold"] = Flow(choices=[label for label in ctx.control.labels if label in labels])
    return task


def _spans(ctx: Context, results: list[dict]) -> dict | str:
    raw = ctx.data()
    if not isinstance(raw, str) or not raw.strip():
        return f"the task data has no text for {ctx.target.value!r}"
    found = set()
    regions: dict = {}  # region id -> (start, end, label), for relations
    repaired = False
    try:
        for result in results:
            value = result["value"]
            label = region_label(ctx, value)
            try:
                start, end, fixed = locate(
                    raw, value.get("start"), value.get("end"), value.get("text")
                )
            except SpanError as error:
                raise SkipError(str(error)) from None
            if any(0 < i < len(raw) and raw[i - 1 : i + 1] == "\r\n" for i in (start, end)):
                raise SkipError("a span starts or ends between the two characters of a CR LF")
            repaired = repaired or fixed
            found.add((start, end, label))
            region = result.get("id")
            if isinstance(region, (str, int)) and not isinstance(region, bool):
                if regions.get(region, (start, end, label)) != (start, end, label):
                    raise SkipError(f"two regions share the id {region!r}")
                regions[region] = (start, end, label)
    except SkipError as skip:
        return str(skip)
    if repaired:
        ctx.outcome.note(
            "span offsets were UTF-16 code units (shifted by emoji before them): converted "
            "to characters, and the covered text checked",
            ctx.ref,
        )
    if len(found) < len(results):
        ctx.outcome.note("the same span was given twice: written once", ctx.ref)
    text, position = line_breaks(raw)
    order = {label: i for i, label in enumerate(ctx.control.labels)}
    ordered = sorted(
        ((position[s], position[e], label) for s, e, label in found),
        key=lambda f: (f[0], f[1], order[f[2]]),
    )
    kind = "spans" if ctx.relation_labels is None else "relations"
    task = common(ctx, kind) | {"text": text, "labels": list(ctx.control.labels)}
    if _overlapping(ordered):
        task["overlap"] = True
        ctx.outcome.note("spans overlap: the task says overlap: true", ctx.ref)
    if kind == "relations":
        moved = {rid: (position[s], position[e], label) for rid, (s, e, label) in regions.items()}
        return relations.build(ctx, task, ordered, moved)
    # The covered text is written too: readable, and checked again by the loader.
    spans = [Flow(start=s, end=e, label=label, text=text[s:e]) for s, e, label in ordered]
    return with_rubric(ctx, task, "spans") | {"gold": {"spans": spans}}


def _overlapping(ordered: list[tuple]) -> bool:
    """Whether any two of these (start, end, ...) ranges, sorted by start, overlap."""
    return any(after[0] < before[1] for before, after in zip(ordered, ordered[1:], strict=False))


# --- Audio -------------------------------------------------------------------------


def _audio(ctx: Context) -> Placed | str | None:
    reference = ctx.data()
    if not isinstance(reference, str) or not reference.strip():
        return f"the task data has no audio for {ctx.target.value!r}"
    if ctx.media is None:
        return NO_MEDIA
    try:
        return ctx.media.place_audio(reference)
    except MediaError as error:
        ctx.skip_media(error)
        return None


def _seconds(value: Any, what: str) -> float:
    seconds = number(value, what)
    if seconds < 0:
        raise GeometryError(f"{what} is before the start of the clip ({seconds:g} s)")
    return round(seconds, 3) + 0.0


def _segments(ctx: Context, results: list[dict]) -> dict | str | None:
    found = set()
    try:
        for result in results:
            value = result["value"]
            label = region_label(ctx, value)
            try:
                start = _seconds(value.get("start"), "a segment's start")
                end = _seconds(value.get("end"), "a segment's end")
            except GeometryError as error:
                raise SkipError(str(error)) from None
            if end <= start:
                raise SkipError(f"a segment from {start:g} s to {end:g} s has no length")
            found.add((start, end, label))
    except SkipError as skip:
        return str(skip)
    if len(found) < len(results):
        ctx.outcome.note("the same segment was given twice: written once", ctx.ref)
    placed = _audio(ctx)
    if not isinstance(placed, Placed):
        return placed
    try:
        found = _within(ctx, found, placed.duration)
    except SkipError as skip:
        return str(skip)
    order = {label: i for i, label in enumerate(ctx.control.labels)}
    ordered = sorted(found, key=lambda f: (f[0], f[1], order[f[2]]))
    segments = [Flow(start=_whole(s), end=_whole(e), label=label) for s, e, label in ordered]
    task = common(ctx, "segments") | {"audio": placed.ref, "labels": list(ctx.control.labels)}
    if _overlapping(ordered):
        task["overlap"] = True
        ctx.outcome.note("segments overlap: the task says overlap: true", ctx.ref)
    return with_rubric(ctx, task, "segments") | {"gold": {"segments": segments}}


def _within(ctx: Context, found: set, duration: float) -> set:
    """Segments ending a hair after the clip (players measure it differently) end with it."""
    last = math.floor(duration * 1000) / 1000
    kept = set()
    for start, end, label in found:
        if end > duration:
            if end - duration > LATE:
                raise SkipError(
                    f"a segment ends at {end:g} s, after the end of the clip ({last:g} s)"
                )
            end = last
            ctx.outcome.note(
                f"a segment ending up to {LATE:g} s after the clip now ends with it", ctx.ref
            )
            if end <= start:
                raise SkipError(f"a segment starts at {start:g} s, at the end of the clip")
        kept.add((start, end, label))
    return kept


def _whole(value: float) -> int | float:
    return int(value) if value.is_integer() else value


def _transcript(ctx: Context, results: list[dict]) -> dict | str | None:
    texts = []
    for result in results:
        value = result["value"]
        if "start" in value or "end" in value:
            return f"the answer for {ctx.control.name!r} transcribes regions, not the whole clip"
        given = value.get("text")
        given = [given] if isinstance(given, str) else given
        if not isinstance(given, list) or not all(isinstance(t, str) for t in given):
            return f"the answer for {ctx.control.name!r} has no text"
        texts += [LINE_BREAKS.sub("\n", t).strip() for t in given]
    texts = [t for t in texts if t]
    if not texts:
        return f"the answer for {ctx.control.name!r} has no text"
    if len(texts) > 1:
        ctx.outcome.note(f"{len(texts)} texts of one transcript joined, one per line", ctx.ref)
    placed = _audio(ctx)
    if not isinstance(placed, Placed):
        return placed
    text = "\n".join(texts)
    task = common(ctx, "transcript") | {"audio": placed.ref}
    if any(char.isdigit() for char in text):
        # The transcript type's default asks for numbers in words and refuses digits.
        task["normalize"] = Flow(numbers="as-written")
        ctx.outcome.note("the transcript has digits: the task says numbers: as-written", ctx.ref)
    return with_rubric(ctx, task, "transcript") | {"gold": {"text": text}}


#: (control tag, object tag) -> builder (the task types are in the module docstring).
BUILDERS: dict[tuple[str, str], Builder] = {
    ("choices", "text"): _choices,
    ("labels", "text"): _spans,
    ("labels", "audio"): _segments,
    ("textarea", "audio"): _transcript,
    ("rectanglelabels", "image"): images.boxes,
    ("polygonlabels", "image"): images.polygons,
    ("keypointlabels", "image"): images.keypoints,
}
