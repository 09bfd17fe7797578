"""Reading validated fields out of a YAML mapping, with errors at the right line.

:class:`Fields` wraps one :class:`~annotrain.yamlpos.YamlMap` and knows which keys it
may contain. Every accessor checks the value's kind and raises
:class:`~annotrain.errors.AuthoringError` naming the file, the line of the offending
key, what is wrong and what is allowed.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..errors import AuthoringError
from .yamlpos import YamlList, YamlMap

if TYPE_CHECKING:
    from .rubrics import RubricLibrary

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,79}$")
#: The word a count of tries may be instead (``reveal_after: never``).
NEVER = "never"

_KIND_NAMES = {
    str: "text",
    bool: "true or false",
    int: "a whole number",
    float: "a number",
    list: "a list",
    dict: "a mapping",
}


def describe(value: Any) -> str:
    """A short, human description of a YAML value's kind, for error messages."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def suggest(word: str, choices: Iterable[str]) -> str:
    """' (did you mean X?)' when ``word`` is close to one of ``choices``, else ''."""
    match = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1)
    return f" (did you mean {match[0]!r}?)" if match else ""


def as_text(value: Any) -> str | None:
    """Labels may be written as numbers (``[1, 2, 3]``); treat them as their text."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return str(int(value))
    if isinstance(value, float):
        return str(value)
    return None


def tries_problem(value: Any) -> str | None:
    """What is wrong with ``value`` as a number of tries (see :meth:`Fields.tries`), or None."""
    if value == NEVER or (type(value) is int and value >= 1):
        return None
    return f"must be a whole number of at least 1, or {NEVER}; got {describe(value)}"


class Fields:
    """Typed access to the keys of one mapping in an authored file.

    ``rubrics`` is the site's :class:`~annotrain.rubrics.RubricLibrary` when the
    mapping is a task (``read_task`` passes it), so that a task type's
    ``read_options`` can resolve a field naming a shared rubric by id, as the
    rating type's ``scale`` does; it is None for other mappings.
    """

    def __init__(
        self,
        data: Any,
        path: str | None,
        what: str,
        allowed: Iterable[str],
        line: int | None = None,
        *,
        rubrics: RubricLibrary | None = None,
    ):
        self.path = path
        self.what = what
        self.rubrics = rubrics
        if not isinstance(data, dict):
            raise AuthoringError(
                f"{what} must be a mapping of fields, got {describe(data)}", path, line
            )
        self.data = data
        self.line = getattr(data, "line", None) or line
        self.allowed = list(allowed)
        for key in data:
            if key not in self.allowed:
                raise self.error(
                    key,
                    f"unknown field {key!r} in {what}{suggest(key, self.allowed)}; "
                    f"allowed fields: {', '.join(self.allowed)}",
                )

    def line_of(self, key: str) -> int | None:
        if isinstance(self.data, YamlMap):
            return self.data.line_of(key)
        return self.line

    def error(self, key: str | None, message: str) -> AuthoringError:
        line = self.line_of(key) if key is not None else self.line
        return AuthoringError(message, self.path, line)

    def has(self, key: str) -> bool:
        return key in self.data and self.data[key] is not None

    def raw(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def require(self, key: str) -> Any:
        if not self.has(key):
            raise self.error(None, f"{self.what} is missing the required field {key!r}")
        return self.data[key]

    def text(self, key: str, required: bool = False, default: str | None = None) -> str | None:
        if not self.has(key):
            if required:
                self.require(key)
            return default
        value = as_text(self.data[key])
        if value is None:
            raise self.error(key, f"{key!r} must be text, got {describe(self.data[key])}")
        return value

    def identifier(self, key: str, required: bool = True) -> str | None:
        value = self.text(key, required=required)
        if value is not None and not ID_PATTERN.match(value):
            raise self.error(
                key,
                f"{key!r} must be lowercase letters, digits, '-' or '_' (at most 80), got {value!r}",
            )
        return value

    def boolean(self, key: str, default: bool = False) -> bool:
        if not self.has(key):
            return default
        value = self.data[key]
        if not isinstance(value, bool):
            raise self.error(key, f"{key!r} must be true or false, got {describe(value)}")
        return value

    def number(
        self,
        key: str,
        default: float | None = None,
        minimum: float | None = None,
        maximum: float | None = None,
        required: bool = False,
    ) -> float | None:
        if not self.has(key):
            if required:
                self.require(key)
            return default
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.error(key, f"{key!r} must be a number, got {describe(value)}")
        if value != value or value in (float("inf"), float("-inf")):
            raise self.error(key, f"{key!r} must be a finite number, got {value}")
        if minimum is not None and value < minimum:
            raise self.error(key, f"{key!r} must be at least {minimum:g}, got {value:g}")
        if maximum is not None and value > maximum:
            raise self.error(key, f"{key!r} must be at most {maximum:g}, got {value:g}")
        return float(value)

    def tries(self, key: str) -> int | str | None:
        """A number of tries: a whole number of at least 1, or ``never``; None when absent."""
        if not self.has(key):
            return None
        problem = tries_problem(self.data[key])
        if problem:
            raise self.error(key, f"{key!r} {problem}")
        return self.data[key]

    def text_list(self, key: str, required: bool = False, unique: bool = True) -> list[str]:
        if not self.has(key):
            if required:
                self.require(key)
            return []
        items = self.data[key]
        if not isinstance(items, list):
            raise self.error(key, f"{key!r} must be a list, got {describe(items)}")
        result: list[str] = []
        for index, item in enumerate(items):
            text = as_text(item)
            line = items.line_of(index) if isinstance(items, YamlList) else self.line_of(key)
            if text is None or not text.strip():
                raise AuthoringError(
                    f"item {index + 1} of {key!r} must be non-empty text, got {describe(item)}",
                    self.path,
                    line,
                )
            if unique and text in result:
                raise AuthoringError(f"{key!r} lists {text!r} twice", self.path, line)
            result.append(text)
        return result
