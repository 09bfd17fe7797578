"""What one build made, offered to the next build in the same process.

``mkdocs serve`` rebuilds in one process, and most of a course is unchanged from
one build to the next. A :class:`Reuse` keeps what the latest build made, by keys
that hold everything it was made from, and forgets what that build did not use.
"""

from __future__ import annotations

from typing import Any


class Reuse:
    """Values by key: the previous build's to read, the current build's to keep."""

    def __init__(self) -> None:
        self._previous: dict = {}
        self._current: dict = {}

    def next_build(self) -> None:
        """Start a build: the latest one's values become those to reuse."""
        self._previous, self._current = self._current, {}

    def get(self, key: Any) -> Any:
        """The previous build's value for ``key``, or None."""
        return self._previous.get(key)

    def keep(self, key: Any, value: Any) -> Any:
        """Offer ``value`` to the next build; return it."""
        self._current[key] = value
        return value
