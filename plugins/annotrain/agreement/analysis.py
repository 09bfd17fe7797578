"""The agreement report: every task type's analysis of its shared tasks, in one place.

:func:`analyse` turns ratings (task -> rater -> answer, from
:func:`~annotrain.agreement.ratings.collect`) into a :class:`Report`. It groups the
tasks answered by two or more raters by type and hands each group to its type's
``analyse`` hook (:attr:`annotrain.tasktypes.base.TaskType.agreement`), which returns
one :class:`~annotrain.agreement.rows.TaskRow` per task and the type's summary.
Types come in the order of ``TASK_TYPES``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..tasktypes import TASK_TYPES
from .metrics import Metric
from .ratings import TaskRatings
from .rows import TaskRow


@dataclass
class Report:
    """Agreement over every task answered by two or more raters."""

    raters: list[str]
    tasks: list[TaskRow]  # most disputed first
    single: int = 0  # tasks answered by one rater only, left out
    #: each type's summary, by type (only types with shared tasks), in TASK_TYPES order
    types: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def choice(self) -> dict[str, Any]:
        """The summary of the choice tasks; ``{}`` when none was shared."""
        return self.types.get("choice", {})

    @property
    def multi(self) -> dict[str, Any]:
        """The summary of the multi-label tasks; ``{}`` when none was shared."""
        return self.types.get("multi", {})

    def to_json(self) -> dict:
        """The whole report as JSON data: the rows, then each type's summary by name."""
        data: dict[str, Any] = {"raters": self.raters, "tasks": [r.to_json() for r in self.tasks]}
        for name, kind in TASK_TYPES.items():
            if kind.agreement.always_in_report:
                data[name] = _jsonable(self.types.get(name, {}))
        data["tasks_with_one_rater"] = self.single
        for name, summary in self.types.items():
            data.setdefault(name, _jsonable(summary))
        return data


def _jsonable(value: Any) -> Any:
    if isinstance(value, Metric):
        return value.to_json()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


def analyse(ratings: Iterable[TaskRatings]) -> Report:
    """Agreement per task, per label, per pair of raters and overall."""
    shared: dict[str, list[TaskRatings]] = {name: [] for name in TASK_TYPES}
    single = 0
    raters: set[str] = set()
    for item in ratings:
        if len(item.answers) < 2:
            single += 1
            continue
        shared[item.type].append(item)
        raters.update(item.answers)
    rows: list[TaskRow] = []
    types = {}
    for name, items in shared.items():
        if items:
            type_rows, types[name] = TASK_TYPES[name].agreement.analyse(items)
            rows += type_rows
    rows.sort(key=lambda r: (-r.disagreement, -r.raters, r.task))
    return Report(sorted(raters), rows, single, types)
