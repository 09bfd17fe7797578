"""``rating``: score a response (or an annotation) on each criterion of a scale.

As a QA reviewer does: the learner reads an AI response, or an annotation shown as
text or as an image, and gives every criterion of a rubric one of its levels. It is
also how a learner practises scoring their own work against a project's rubric.

Fields:

- the scale, either ``scale`` or ``criteria`` with ``levels``:

  - ``scale: <rubric id>`` names a rubric of the site's rubric file (or ``scale:``
    holds a whole rubric inline). Its criteria are rated on its levels, best first,
    and each level of a criterion is described by that criterion's descriptor for
    it. The library comes from ``fields.rubrics``, which ``read_task`` fills. This
    rubric is *what the learner rates with*; the task's ``rubric`` grades the
    learner's ratings, as for every type;
  - ``criteria: [{id, name, description}]`` (description optional) with
    ``levels: [{value, name, descriptor}]`` (descriptor optional): a simple scale
    written in the task. Level values are distinct whole numbers, in increasing or
    decreasing order, shown in the order written.
- ``response``: the text being rated (the common ``text`` can carry its context,
  such as the user's request), and/or ``image`` with ``image_alt``;
- ``tolerance``: how many levels away from the gold a rating may be and still
  agree (default 0), less than the number of levels minus one.

Response: ``{"ratings": {"helpfulness": 4, ...}}``. A rating counts only when it is
a number equal to one of the scale's level values and its key is a criterion of
the scale; anything else is left out (that criterion is unrated).

Distances are counted in steps along the level list (by index, not by value): on
levels 1, 2, 3, 4, 5 a 2 against a gold 4 is 2 steps. With n criteria, L levels and
d_c the distance on criterion c, where an **unrated criterion counts as L - 1
steps** (the whole scale, as far as any rating can be) and never as agreeing:

- ``within_tolerance`` = (number of rated criteria with d_c <= tolerance) / n;
- ``exact`` = (number of rated criteria with d_c = 0) / n;
- ``mean_abs_distance`` = (sum of d_c) / n (lower is better);
- ``max_distance`` = the largest d_c (lower is better).
"""

from __future__ import annotations

from typing import Any

from ...course.fields import Fields, as_text, describe, suggest
from ...course.rubrics import read_rubric
from ...course.yamlpos import YamlList
from ...errors import AuthoringError
from ...messages import fill, format_list
from ..base import TaskType
from ..shared.numbers import format_number

CRITERION_FIELDS = ("id", "name", "description")
LEVEL_FIELDS = ("value", "name", "descriptor")
#: Significant digits of a mean distance in notes.
MEAN_DIGITS = 3


def _span(task) -> int:
    return len(task.options["scale"]["levels"]) - 1


def _index(task, value) -> int:
    for index, level in enumerate(task.options["scale"]["levels"]):
        if level["value"] == value:
            return index
    return -1


def _level_text(task, value, messages: dict) -> str:
    name = task.options["scale"]["levels"][_index(task, value)]["name"]
    return fill(messages["rating_level"], value=value, name=name)


def _steps(count: int, messages: dict) -> str:
    if count == 1:
        return messages["rating_one_step"]
    return fill(messages["rating_steps"], count=count)


def _distances(task, response: dict) -> list[int | None]:
    """Per criterion in scale order: steps from gold, or None when unrated."""
    result: list[int | None] = []
    for criterion in task.options["scale"]["criteria"]:
        cid = criterion["id"]
        if cid not in response["ratings"]:
            result.append(None)
        else:
            given = _index(task, response["ratings"][cid])
            result.append(abs(given - _index(task, task.gold["ratings"][cid])))
    return result


def _criterion_notes(task, response: dict, messages: dict) -> list[str]:
    notes = []
    tolerance = task.options["tolerance"]
    for criterion, distance in zip(
        task.options["scale"]["criteria"], _distances(task, response), strict=True
    ):
        cid = criterion["id"]
        gold = _level_text(task, task.gold["ratings"][cid], messages)
        if distance is None:
            notes.append(
                fill(messages["note_rating_unrated"], criterion=criterion["name"], gold=gold)
            )
            continue
        params = {
            "criterion": criterion["name"],
            "given": _level_text(task, response["ratings"][cid], messages),
            "gold": gold,
            "steps": _steps(distance, messages),
        }
        if distance == 0:
            key = "note_rating_exact"
        elif distance <= tolerance:
            key = "note_rating_within"
        else:
            key = "note_rating_off"
        notes.append(fill(messages[key], **params))
    return notes


def _unrated_notes(task, distances: list[int | None], messages: dict) -> list[str]:
    names = [
        criterion["name"]
        for criterion, distance in zip(task.options["scale"]["criteria"], distances, strict=True)
        if distance is None
    ]
    if not names:
        return []
    return [
        fill(
            messages["note_rating_unrated_count"],
            items=format_list(names),
            steps=_steps(_span(task), messages),
        )
    ]


def _filled(task, distances: list[int | None]) -> list[int]:
    span = _span(task)
    return [span if distance is None else distance for distance in distances]


def within_tolerance(task, response: dict, messages: dict) -> tuple[float, list[str]]:
    tolerance = task.options["tolerance"]
    distances = _distances(task, response)
    agreeing = [d for d in distances if d is not None and d <= tolerance]
    return len(agreeing) / len(distances), _criterion_notes(task, response, messages)


def exact(task, response: dict, messages: dict) -> tuple[float, list[str]]:
    distances = _distances(task, response)
    same = [d for d in distances if d == 0]
    note = fill(messages["note_rating_exact_count"], count=len(same), total=len(distances))
    return len(same) / len(distances), [note, *_unrated_notes(task, distances, messages)]


def mean_abs_distance(task, response: dict, messages: dict) -> tuple[float, list[str]]:
    distances = _distances(task, response)
    filled = _filled(task, distances)
    total = 0
    for distance in filled:
        total += distance
    mean = total / len(filled)
    if mean == 0:
        return mean, [messages["note_rating_all_exact"]]
    note = fill(messages["note_rating_mean"], mean=format_number(mean, MEAN_DIGITS))
    return mean, [note, *_unrated_notes(task, distances, messages)]


def max_distance(task, response: dict, messages: dict) -> tuple[float, list[str]]:
    distances = _distances(task, response)
    filled = _filled(task, distances)
    largest = max(filled)
    if largest == 0:
        return 0.0, [messages["note_rating_all_exact"]]
    names = [
        criterion["name"]
        for criterion, distance in zip(task.options["scale"]["criteria"], filled, strict=True)
        if distance == largest
    ]
    note = fill(
        messages["note_rating_largest"],
        steps=_steps(largest, messages),
        items=format_list(names),
    )
    return float(largest), [note, *_unrated_notes(task, distances, messages)]


class RatingType(TaskType):
    """Rate each criterion of a scale, as a QA reviewer does."""

    name = "rating"
    grader_helpers = ("numbers.js",)
    fields = ("scale", "criteria", "levels", "response", "image", "image_alt", "tolerance")
    response_fields = ("ratings",)
    gold_example = "{ratings: {helpfulness: 4, accuracy: 5}}"
    measures = {
        "within_tolerance": within_tolerance,
        "exact": exact,
        "mean_abs_distance": mean_abs_distance,
        "max_distance": max_distance,
    }

    def read_options(self, fields: Fields, media) -> dict[str, Any]:
        scale = _read_scale(fields)
        levels = len(scale["levels"])
        tolerance = fields.number("tolerance", 0, minimum=0)
        if not float(tolerance).is_integer():
            raise fields.error(
                "tolerance", f"'tolerance' counts levels, a whole number; got {tolerance:g}"
            )
        if tolerance >= levels - 1:
            raise fields.error(
                "tolerance",
                f"a tolerance of {tolerance:g} steps accepts every rating on a scale of {levels} "
                f"levels; use at most {levels - 2}",
            )
        image = media.image(fields) if fields.has("image") else None
        alt = fields.text("image_alt")
        if image and not (alt and alt.strip()):
            raise fields.error(
                "image",
                "an image needs 'image_alt': a text saying what it shows, for learners "
                "who cannot see it",
            )
        if alt and not image:
            raise fields.error("image_alt", "'image_alt' describes an 'image'; there is none")
        response = fields.text("response")
        if not (response or image or fields.has("text")):
            raise fields.error(
                None,
                "a rating exercise needs something to rate: 'response' (the text rated), "
                "'image', or 'text'",
            )
        return {
            "scale": scale,
            "response": response,
            "image": image,
            "image_alt": alt,
            "tolerance": int(tolerance),
        }

    def read_gold(self, task, gold: Fields) -> dict:
        scale = task.options["scale"]
        ratings = gold.require("ratings")
        if not isinstance(ratings, dict):
            raise gold.error(
                "ratings",
                f"'ratings' must map each criterion id to a level value, e.g. "
                f"{self.gold_example}; got {describe(ratings)}",
            )
        ids = [criterion["id"] for criterion in scale["criteria"]]
        values = [level["value"] for level in scale["levels"]]
        allowed = ", ".join(str(value) for value in values)
        result = {}
        for raw_key, value in ratings.items():
            line = (
                ratings.line_of(raw_key) if hasattr(ratings, "line_of") else gold.line_of("ratings")
            )
            key = as_text(raw_key)
            if key not in ids:
                raise AuthoringError(
                    f"gold rates {describe(raw_key)}, which is not a criterion of the scale"
                    f"{suggest(str(key), ids)}; criteria: {', '.join(ids)}",
                    gold.path,
                    line,
                )
            if (
                isinstance(value, bool)
                or not isinstance(value, (int, float))
                or value not in values
            ):
                raise AuthoringError(
                    f"the gold rating of {key!r} is {describe(value)}, which is not a level of "
                    f"the scale; allowed values: {allowed}",
                    gold.path,
                    line,
                )
            result[key] = values[values.index(value)]
        missing = [cid for cid in ids if cid not in result]
        if missing:
            raise gold.error(
                "ratings",
                f"gold must rate every criterion; missing: {', '.join(missing)} "
                f"(allowed values: {allowed})",
            )
        return {"ratings": {cid: result[cid] for cid in ids}}

    def normalize(self, task, response: Any) -> dict:
        raw = response.get("ratings") if isinstance(response, dict) else None
        if not isinstance(raw, dict):
            return {"ratings": {}}
        values = [level["value"] for level in task.options["scale"]["levels"]]
        ratings = {}
        for criterion in task.options["scale"]["criteria"]:
            cid = criterion["id"]
            value = raw.get(cid)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                continue
            for level in values:
                if value == level:
                    ratings[cid] = level
                    break
        return {"ratings": ratings}

    def answered(self, task, canonical: dict, response: Any) -> bool:
        # At least one criterion rated; the others count as the whole scale away.
        return bool(canonical["ratings"])


def _read_scale(fields: Fields) -> dict:
    """The scale from ``scale`` or from ``criteria`` with ``levels``.

    Shape: ``{id, name, levels: [{value, name}], criteria: [{id, name, description,
    descriptors: [one text per level, "" where none]}]}``.
    """
    simple = fields.has("criteria") or fields.has("levels")
    if fields.has("scale"):
        if simple:
            key = "criteria" if fields.has("criteria") else "levels"
            raise fields.error(
                key, f"give either 'scale' or 'criteria' with 'levels', not both ('{key}' here)"
            )
        return _scale_from_rubric(fields)
    if not simple:
        raise fields.error(
            None,
            "a rating exercise needs a scale: 'scale: <rubric id>', or 'criteria' "
            "([{id, name, description}]) with 'levels' ([{value, name, descriptor}])",
        )
    return _simple_scale(fields)


def _scale_from_rubric(fields: Fields) -> dict:
    raw = fields.raw("scale")
    line = fields.line_of("scale")
    if isinstance(raw, dict):
        rubric = read_rubric(raw, fields.path, f"{fields.raw('id')}-scale", line)
    elif isinstance(raw, str):
        if fields.rubrics is None:
            raise fields.error("scale", "no rubric library is loaded to find this scale in")
        rubric = fields.rubrics.get(raw, fields.path, line)
    else:
        raise fields.error(
            "scale", f"'scale' must be a rubric id or an inline rubric, got {describe(raw)}"
        )
    levels = [{"value": level.value, "name": level.name} for level in rubric.levels]
    criteria = []
    for criterion in rubric.criteria:
        described = {rule.level: rule.descriptor for rule in criterion.rules}
        criteria.append(
            {
                "id": criterion.id,
                "name": criterion.name,
                "description": "",
                "descriptors": [described.get(level.value, "") for level in rubric.levels],
            }
        )
    return {"id": rubric.id, "name": rubric.name, "levels": levels, "criteria": criteria}


def _items(fields: Fields, key: str, what: str, minimum: int) -> list:
    items = fields.require(key)
    if not isinstance(items, list) or len(items) < minimum:
        raise fields.error(key, f"'{key}' must list at least {minimum} {what}")
    return items


def _item_line(items, index: int, fields: Fields, key: str) -> int | None:
    return items.line_of(index) if isinstance(items, YamlList) else fields.line_of(key)


def _simple_scale(fields: Fields) -> dict:
    for key in ("criteria", "levels"):
        if not fields.has(key):
            raise fields.error(
                None,
                f"'criteria' and 'levels' go together; this exercise is missing '{key}'",
            )
    level_items = _items(fields, "levels", "levels ({value, name, descriptor})", 2)
    levels = []
    descriptors = []
    for index, item in enumerate(level_items):
        line = _item_line(level_items, index, fields, "levels")
        level = Fields(item, fields.path, f"level {index + 1}", LEVEL_FIELDS, line)
        value = level.number("value", required=True)
        if not value.is_integer():
            raise level.error("value", f"a level value must be a whole number, got {value:g}")
        value = int(value)
        if any(existing["value"] == value for existing in levels):
            raise level.error("value", f"level value {value} is listed twice")
        levels.append({"value": value, "name": level.text("name", required=True)})
        descriptors.append(level.text("descriptor") or "")
    values = [level["value"] for level in levels]
    rising = all(a < b for a, b in zip(values, values[1:], strict=False))
    falling = all(a > b for a, b in zip(values, values[1:], strict=False))
    if not (rising or falling):
        raise fields.error(
            "levels",
            "level values must be in order, increasing or decreasing "
            f"(distances are counted along the list); got {', '.join(map(str, values))}",
        )
    criterion_items = _items(fields, "criteria", "criterion ({id, name, description})", 1)
    criteria = []
    for index, item in enumerate(criterion_items):
        line = _item_line(criterion_items, index, fields, "criteria")
        criterion = Fields(item, fields.path, f"criterion {index + 1}", CRITERION_FIELDS, line)
        cid = criterion.identifier("id")
        if any(existing["id"] == cid for existing in criteria):
            raise criterion.error("id", f"criterion id {cid!r} is used twice")
        criteria.append(
            {
                "id": cid,
                "name": criterion.text("name", required=True),
                "description": criterion.text("description") or "",
                "descriptors": list(descriptors),
            }
        )
    return {"id": None, "name": None, "levels": levels, "criteria": criteria}
