"""Relations from Label Studio: ``relation`` results between the regions of a text.

A config with ``<Relations>`` (``<Relation value="works_for"/>`` children) lets
annotators link two regions; the export writes each link as a result of its own,
``{"type": "relation", "from_id": ..., "to_id": ..., "direction": "right",
"labels": ["works_for"]}``, whose ids are the ``id`` of two region results. With such
a config, a ``<Labels>`` control on a ``<Text>`` imports as a ``relations`` task:
its spans, each written with an id (``s1``, ``s2``... in passage order), and the
links between them by those ids.

Nothing is guessed. A link skips its whole task when it names a region that is not
in the annotation, joins a region of this control to one of another, has no label or
more than one, has a label the config does not list, runs both ways (``direction:
bi``, which has no single direction), has an unknown direction, or links a span to
itself. ``direction: left`` is read as the link from ``to_id`` to ``from_id``, as
Label Studio draws it. Links that only join regions of other controls are theirs.
A link given twice is written once, and reported.
"""

from __future__ import annotations

from typing import Any

from .labelstudio_results import Context, SkipError, with_rubric
from .output import Flow

DIRECTIONS = ("right", "left", "bi")


def _label(ctx: Context, link: dict) -> str:
    given = link.get("labels")
    if not isinstance(given, list) or len(given) != 1:
        count = len(given) if isinstance(given, list) else 0
        raise SkipError(f"a relation has {count} labels; it needs exactly one")
    raw, names = given[0], ctx.relation_labels or []
    if raw in names:
        return raw
    if isinstance(raw, str):
        loose = [n for n in names if n.strip().casefold() == raw.strip().casefold()]
        if len(loose) == 1:
            ctx.outcome.note(
                f"relation {raw!r} read as {loose[0]!r} (case or spaces differ)", ctx.ref
            )
            return loose[0]
    raise SkipError(f"the relation {raw!r} is not in the config's <Relations>")


def _ends(ctx: Context, link: dict, regions: dict) -> tuple[Any, Any] | None:
    """The link's (from, to) region ids in its direction; None when it is another control's."""
    first, second = link.get("from_id"), link.get("to_id")
    for end in (first, second):
        if not isinstance(end, (str, int)) or isinstance(end, bool) or end not in ctx.region_ids:
            raise SkipError("a relation points at a region that is not in the annotation")
    mine = [end in regions for end in (first, second)]
    if not any(mine):
        return None
    if not all(mine):
        raise SkipError(
            f"a relation joins a region of {ctx.control.name!r} to one of another control"
        )
    direction = link.get("direction", "right")
    if direction == "bi":
        raise SkipError(
            "a relation runs both ways (direction: bi); annotrain relations have one direction"
        )
    if direction not in DIRECTIONS:
        raise SkipError(f"a relation has an unknown direction {direction!r}")
    return (second, first) if direction == "left" else (first, second)


def build(ctx: Context, task: dict, ordered: list[tuple], regions: dict) -> dict | str:
    """``task`` (text, labels, overlap set) as a relations task with gold spans and links.

    ``ordered``: the spans as (start, end, label) in passage order; ``regions``: region
    id -> its span there.
    """
    names = {span: f"s{index + 1}" for index, span in enumerate(ordered)}
    links: list[tuple[str, str, str]] = []
    try:
        if not ctx.relation_labels:
            raise SkipError(
                "the config's <Relations> lists no <Relation> names to import links with"
            )
        for link in ctx.relations:
            ends = _ends(ctx, link, regions)
            if ends is None:
                continue
            label = _label(ctx, link)
            source, target = names[regions[ends[0]]], names[regions[ends[1]]]
            if source == target:
                raise SkipError("a relation links a span to itself")
            if (source, target, label) in links:
                ctx.outcome.note("the same relation was given twice: written once", ctx.ref)
                continue
            links.append((source, target, label))
    except SkipError as skip:
        return str(skip)
    text = task["text"]
    spans = [
        Flow(
            id=names[span], start=span[0], end=span[1], label=span[2], text=text[span[0] : span[1]]
        )
        for span in ordered
    ]
    task["relation_labels"] = list(ctx.relation_labels)
    relations = [Flow(**{"from": s, "to": t, "label": label}) for s, t, label in links]
    return with_rubric(ctx, task, "relations") | {"gold": {"spans": spans, "relations": relations}}
