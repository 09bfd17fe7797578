"""Values read from JSON responses, the same way by every type that reads them.

The polygon and keypoints kinds read coordinates with :func:`finite_number`, and
so do the agreement hooks of every type whose answer holds numbers; the types
whose answer is a list tell an answer from a blank with :func:`explicit_list`.
"""

from __future__ import annotations

import math
from typing import Any


def finite_number(value: Any) -> float | None:
    """A finite float from a JSON number, else None (booleans are not numbers)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None


def explicit_list(response: Any, key: str, items: list) -> bool:
    """Whether ``response[key]`` is an answer: the empty list, or a list with readable items.

    The empty list is the learner's deliberate "nothing here" (the widget sends it
    only when its "nothing" control is pressed); a missing key, anything but a list,
    or a list none of whose entries could be read (``items``: what the type's
    ``normalize`` kept) is no answer. Mirrored by ``grader.explicitList`` in grader.js.
    """
    raw = response.get(key) if isinstance(response, dict) else None
    return isinstance(raw, list) and (not raw or bool(items))
