"""Values read from JSON responses, the same way by every type that reads them.

The polygon and keypoints kinds read coordinates with :func:`finite_number`, and
so do the agreement hooks of every type whose answer holds numbers.
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
