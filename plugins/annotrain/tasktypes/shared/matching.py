"""One-to-one matching of learner objects to gold objects, shared by the geometry types.

Boxes, polygons, keypoints and segments all use it.
Given a similarity for every (gold, learner) pair, such as IoU, :func:`match`
returns the pairs that maximise the total similarity (an optimal assignment,
found with the Hungarian algorithm in O(n²m)), dropping pairs whose similarity is
not above ``minimum``: those objects count as missed (gold) and spurious
(learner). Ties are broken the same way every time: the algorithm visits gold
objects in written order, and ``tasktypes/shared/matching.js`` repeats it with the
same float operations in the same order, so the browser matches exactly as Python.
"""

from __future__ import annotations

from collections.abc import Sequence

INF = float("inf")


def match(similarity: Sequence[Sequence[float]], minimum: float = 0.0) -> list[tuple[int, int]]:
    """Pairs (gold index, learner index) of an optimal one-to-one assignment.

    ``similarity[g][r]`` is how well learner object r fits gold object g
    (higher is better). Pairs come sorted by gold index.
    """
    rows = len(similarity)
    cols = len(similarity[0]) if rows else 0
    if not rows or not cols:
        return []
    if rows <= cols:
        pairs = _assign([[-s for s in row] for row in similarity], rows, cols)
    else:  # the algorithm needs rows <= columns: solve the transposed problem
        cost = [[-similarity[g][r] for g in range(rows)] for r in range(cols)]
        pairs = [(g, r) for r, g in _assign(cost, cols, rows)]
    return sorted((g, r) for g, r in pairs if similarity[g][r] > minimum)


def _assign(cost: list[list[float]], rows: int, cols: int) -> list[tuple[int, int]]:
    """Minimum-cost assignment of every row to a distinct column (rows <= cols).

    The classic potentials formulation (1-based, column 0 is a sentinel).
    """
    u = [0.0] * (rows + 1)
    v = [0.0] * (cols + 1)
    owner = [0] * (cols + 1)  # owner[j]: the row assigned to column j (0: none)
    way = [0] * (cols + 1)
    for i in range(1, rows + 1):
        owner[0] = i
        j0 = 0
        least = [INF] * (cols + 1)
        used = [False] * (cols + 1)
        while True:
            used[j0] = True
            i0 = owner[j0]
            delta = INF
            j1 = 0
            for j in range(1, cols + 1):
                if not used[j]:
                    reduced = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if reduced < least[j]:
                        least[j] = reduced
                        way[j] = j0
                    if least[j] < delta:
                        delta = least[j]
                        j1 = j
            for j in range(cols + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    least[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    return [(owner[j] - 1, j - 1) for j in range(1, cols + 1) if owner[j]]
