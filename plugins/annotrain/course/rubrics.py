"""Rubrics: weighted criteria, performance levels, measures and thresholds.

A rubric file (``quizzes/rubrics.yml``) looks like::

    rubrics:
      choice-standard:
        name: Single choice
        pass: 0.8                 # task pass mark, a share of the top score (0..1)
        levels:                   # performance levels, best first
          - {value: 5, name: Gold standard}
          - {value: 3, name: Acceptable}
          - {value: 1, name: Needs re-annotation}
        criteria:
          - id: correctness
            name: Correctness
            weight: 3             # counts three times as much as a weight-1 criterion
            critical: true        # the lowest level fails the task whatever the total
            measure: correct      # a measure the task type provides
            levels:               # level value -> threshold and descriptor
              5: {min: 1, descriptor: The label matches the gold label.}
              1: {descriptor: The label differs from the gold label.}

Each criterion lists some of the rubric's levels and must include the top level and
the lowest level. Every level but the lowest has a threshold, ``min: x`` (the
measured value is at least x, for measures where higher is better) or ``max: x``
(at most x, for distances and error rates); the lowest level is "anything else".
Levels are tried best first and the first whose threshold holds is reached.

A rubric can also be written inline in a task under ``rubric:`` with the same fields.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from ..errors import AuthoringError
from .fields import Fields, describe, suggest
from .yamlcache import NO_CACHE, DocumentCache

RUBRIC_FIELDS = ("id", "name", "description", "pass", "levels", "criteria")
LEVEL_FIELDS = ("value", "name")
CRITERION_FIELDS = ("id", "name", "weight", "critical", "measure", "levels", "lesson")
RULE_FIELDS = ("min", "max", "descriptor")
DEFAULT_PASS = 0.8


@dataclass(frozen=True)
class Level:
    """A performance level: its value (higher is better) and its name."""

    value: int
    name: str


@dataclass(frozen=True)
class LevelRule:
    """When a criterion reaches ``level``, and how that level reads to a human."""

    level: int
    descriptor: str
    minimum: float | None = None
    maximum: float | None = None

    def holds(self, value: float) -> bool:
        if self.minimum is not None:
            return value >= self.minimum
        if self.maximum is not None:
            return value <= self.maximum
        return True


@dataclass(frozen=True)
class Criterion:
    """One weighted criterion of a rubric, graded by one measure."""

    id: str
    name: str
    weight: float
    critical: bool
    measure: str
    rules: tuple[LevelRule, ...]  # best level first; the last one has no threshold
    lesson: str | None = None
    line: int | None = None

    def rule_for(self, value: float) -> LevelRule:
        for rule in self.rules:
            if rule.holds(value):
                return rule
        return self.rules[-1]


@dataclass(frozen=True)
class Rubric:
    """A quality bar: levels, weighted criteria and a pass mark."""

    id: str
    name: str
    levels: tuple[Level, ...]  # best first
    criteria: tuple[Criterion, ...]
    pass_mark: float = DEFAULT_PASS
    description: str = ""
    path: str | None = None
    line: int | None = None

    @property
    def top(self) -> int:
        return self.levels[0].value

    @property
    def bottom(self) -> int:
        return self.levels[-1].value

    def level_name(self, value: int) -> str:
        for level in self.levels:
            if level.value == value:
                return level.name
        return str(value)

    def to_json(self) -> dict:
        """The rubric as the browser sees it (the same JSON the JS grader reads)."""
        return {
            "id": self.id,
            "name": self.name,
            "pass": self.pass_mark,
            "levels": [{"value": lv.value, "name": lv.name} for lv in self.levels],
            "criteria": [
                {
                    "id": c.id,
                    "name": c.name,
                    "weight": c.weight,
                    "critical": c.critical,
                    "measure": c.measure,
                    "lesson": c.lesson,
                    "levels": [
                        {
                            "level": r.level,
                            "descriptor": r.descriptor,
                            **({"min": r.minimum} if r.minimum is not None else {}),
                            **({"max": r.maximum} if r.maximum is not None else {}),
                        }
                        for r in c.rules
                    ],
                }
                for c in self.criteria
            ],
        }


def read_rubric(
    data, path: str | None, rubric_id: str | None = None, line: int | None = None
) -> Rubric:
    """Build a :class:`Rubric` from its YAML mapping; raise AuthoringError on mistakes."""
    fields = Fields(
        data, path, f"rubric {rubric_id!r}" if rubric_id else "rubric", RUBRIC_FIELDS, line
    )
    rid = rubric_id or fields.identifier("id")
    levels = _read_levels(fields)
    values = [lv.value for lv in levels]
    criteria_data = fields.require("criteria")
    if not isinstance(criteria_data, list) or not criteria_data:
        raise fields.error("criteria", "'criteria' must be a non-empty list of criteria")
    criteria: list[Criterion] = []
    for index, item in enumerate(criteria_data):
        item_line = criteria_data.line_of(index) if hasattr(criteria_data, "line_of") else None
        criterion = _read_criterion(item, path, values, item_line)
        if any(c.id == criterion.id for c in criteria):
            raise AuthoringError(
                f"criterion id {criterion.id!r} is used twice in rubric {rid!r}", path, item_line
            )
        criteria.append(criterion)
    return Rubric(
        id=rid,
        name=fields.text("name") or rid,
        levels=tuple(levels),
        criteria=tuple(criteria),
        pass_mark=fields.number("pass", DEFAULT_PASS, 0, 1),
        description=fields.text("description") or "",
        path=path,
        line=fields.line,
    )


def _read_levels(fields: Fields) -> list[Level]:
    items = fields.require("levels")
    if not isinstance(items, list) or len(items) < 2:
        raise fields.error(
            "levels", "'levels' must list at least two performance levels, best first"
        )
    levels: list[Level] = []
    for index, item in enumerate(items):
        line = items.line_of(index) if hasattr(items, "line_of") else fields.line
        level_fields = Fields(item, fields.path, f"level {index + 1}", LEVEL_FIELDS, line)
        value = level_fields.number("value", required=True)
        if not value.is_integer():
            raise level_fields.error(
                "value", f"a level value must be a whole number, got {value:g}"
            )
        if levels and value >= levels[-1].value:
            raise level_fields.error(
                "value",
                f"levels must be listed best first with decreasing values; {value:g} follows {levels[-1].value}",
            )
        levels.append(Level(int(value), level_fields.text("name", required=True)))
    if levels[-1].value < 0:
        raise fields.error("levels", "level values must be 0 or more")
    if levels[0].value <= 0:
        raise fields.error("levels", "the top level's value must be more than 0")
    return levels


def _read_criterion(data, path: str | None, level_values: list[int], line: int | None) -> Criterion:
    fields = Fields(data, path, "criterion", CRITERION_FIELDS, line)
    cid = fields.identifier("id")
    rules_data = fields.require("levels")
    if not isinstance(rules_data, dict):
        raise fields.error(
            "levels", f"'levels' of criterion {cid!r} must map level values to thresholds"
        )
    rules: list[LevelRule] = []
    for key, spec in rules_data.items():
        key_line = rules_data.line_of(key) if hasattr(rules_data, "line_of") else fields.line
        if isinstance(key, bool) or not isinstance(key, int) or key not in level_values:
            raise AuthoringError(
                f"criterion {cid!r} names level {describe(key)}, which the rubric does not have; "
                f"levels: {', '.join(map(str, level_values))}",
                path,
                key_line,
            )
        rule_fields = Fields(spec, path, f"level {key} of criterion {cid!r}", RULE_FIELDS, key_line)
        minimum = rule_fields.number("min")
        maximum = rule_fields.number("max")
        if minimum is not None and maximum is not None:
            raise rule_fields.error("max", "give either 'min' or 'max' for a level, not both")
        rules.append(
            LevelRule(key, rule_fields.text("descriptor", required=True), minimum, maximum)
        )
    rules.sort(key=lambda r: -r.level)
    _check_rules(fields, cid, rules, level_values)
    return Criterion(
        id=cid,
        name=fields.text("name") or cid.replace("-", " ").capitalize(),
        weight=fields.number("weight", 1.0, 0) or _zero_weight(fields),
        critical=fields.boolean("critical"),
        measure=fields.text("measure", required=True),
        rules=tuple(rules),
        lesson=fields.text("lesson"),
        line=fields.line,
    )


def _zero_weight(fields: Fields) -> float:
    raise fields.error("weight", "a criterion's weight must be more than 0")


def _check_rules(fields: Fields, cid: str, rules: list[LevelRule], level_values: list[int]) -> None:
    present = [r.level for r in rules]
    if level_values[0] not in present:
        raise fields.error(
            "levels", f"criterion {cid!r} must describe the top level ({level_values[0]})"
        )
    if level_values[-1] not in present:
        raise fields.error(
            "levels", f"criterion {cid!r} must describe the lowest level ({level_values[-1]})"
        )
    for rule in rules[:-1]:
        if rule.minimum is None and rule.maximum is None:
            raise fields.error(
                "levels",
                f"level {rule.level} of criterion {cid!r} needs a threshold ('min: x' or 'max: x'); "
                "only the lowest level has none",
            )
    lowest = rules[-1]
    if lowest.minimum is not None or lowest.maximum is not None:
        raise fields.error(
            "levels",
            f"the lowest level ({lowest.level}) of criterion {cid!r} means 'anything else' and takes no threshold",
        )
    directions = {"min" if r.minimum is not None else "max" for r in rules[:-1]}
    if len(directions) > 1:
        raise fields.error(
            "levels", f"criterion {cid!r} mixes 'min' and 'max' thresholds; use one direction"
        )
    bounds = [r.minimum if r.minimum is not None else r.maximum for r in rules[:-1]]
    if "min" in directions:
        ordered = all(a >= b for a, b in pairwise(bounds))
    else:
        ordered = all(a <= b for a, b in pairwise(bounds))
    if not ordered:
        raise fields.error(
            "levels", f"the thresholds of criterion {cid!r} must get stricter as the level rises"
        )


class RubricLibrary:
    """The rubrics a site shares by id (usually ``quizzes/rubrics.yml``)."""

    def __init__(self, rubrics: dict[str, Rubric] | None = None, path: str | None = None):
        self.rubrics = dict(rubrics or {})
        self.path = path
        #: Tells libraries apart between builds: the same text of the same file (see
        #: load), or both empty; None for a library made otherwise.
        self.fingerprint: str | None = None if rubrics else f"empty {path}"

    @classmethod
    def load(
        cls,
        path: str | Path,
        display_path: str | None = None,
        documents: DocumentCache = NO_CACHE,
    ) -> RubricLibrary:
        """Read a rubric file: ``rubrics:`` mapping ids to rubrics."""
        shown = display_path or str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise AuthoringError("rubric file not found", shown) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise AuthoringError(f"cannot read rubric file: {exc}", shown) from None
        data = documents.load(text, shown)
        fields = Fields(data, shown, "the rubric file", ("rubrics",), 1)
        table = fields.require("rubrics")
        if not isinstance(table, dict):
            raise fields.error("rubrics", "'rubrics' must map rubric ids to rubrics")
        rubrics = {}
        for rid, spec in table.items():
            line = table.line_of(rid) if hasattr(table, "line_of") else None
            rubrics[str(rid)] = read_rubric(spec, shown, str(rid), line)
        library = cls(rubrics, shown)
        library.fingerprint = hashlib.blake2b(
            f"{shown}\n{text}".encode(), digest_size=16
        ).hexdigest()
        return library

    def get(self, rubric_id: str, path: str | None, line: int | None) -> Rubric:
        """The rubric ``rubric_id``: the file's, else a task type's default of that id."""
        if rubric_id in self.rubrics:
            return self.rubrics[rubric_id]
        from .default_rubrics import default_rubrics  # read only when a default is used

        defaults = default_rubrics()
        if rubric_id in defaults:
            return defaults[rubric_id]
        ids = [*self.rubrics, *(d for d in defaults if d not in self.rubrics)]
        own = ", ".join(sorted(self.rubrics)) or "none (no rubric file was loaded)"
        raise AuthoringError(
            f"unknown rubric {rubric_id!r}{suggest(rubric_id, ids)}; known rubrics: {own}; "
            f"and each task type's default, such as {', '.join(sorted(defaults)[:3])}",
            path,
            line,
        )


def rubric_from_json(data: dict) -> Rubric:
    """Rebuild a rubric from :meth:`Rubric.to_json` output (vectors, built quiz data)."""
    return Rubric(
        id=data["id"],
        name=data["name"],
        pass_mark=float(data["pass"]),
        levels=tuple(Level(int(lv["value"]), lv["name"]) for lv in data["levels"]),
        criteria=tuple(
            Criterion(
                id=c["id"],
                name=c["name"],
                weight=float(c["weight"]),
                critical=bool(c["critical"]),
                measure=c["measure"],
                lesson=c.get("lesson"),
                rules=tuple(
                    LevelRule(int(r["level"]), r["descriptor"], r.get("min"), r.get("max"))
                    for r in c["levels"]
                ),
            )
            for c in data["criteria"]
        ),
    )
