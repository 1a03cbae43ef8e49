"""Monotone alignment of items (timeframes, indicators, extra values: at most one per measure,
in order) to the measures of a block.

The tables are filled one anti-diagonal (i + j = d) at a time: every cell's three
predecessors lie on the two diagonals before it, so a diagonal is a few whole-array
operations, with the same sums and the same tie order as a cell-by-cell loop.  A small table
(`SmallCosts`, at most `SMALL` cells: every block of a Word annex) is filled by that loop in
plain Python, so that a run that meets no larger one never imports numpy (0.07 s of CPU, a
fifth of a Word file's whole run).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Union

if TYPE_CHECKING:
    import numpy as np

INF = float("inf")
TIE = 1e-6
SMALL = 2_500  # cells of a cost table filled cell by cell in plain Python, at most

MATCH, SKIP_MEASURE, SKIP_ITEM = 1, 2, 3  # the last step into a cell of `items_forward`


class SmallCosts:
    """An m x n cost table of at most `SMALL` cells as lists: `rows[i][j]`, and its `shape`."""

    def __init__(self, rows: list[list[float]], n: int) -> None:
        self.rows = rows
        self.shape = (len(rows), n)

    def __getitem__(self, at: tuple[int, int]) -> float:
        """`cost[i, j]`, as an array's."""
        i, j = at
        return self.rows[i][j]


Costs = Union["np.ndarray", SmallCosts]  # cost[i, j]: measure i taking item j


def zeros(m: int, n: int) -> Costs:
    """An m x n table of equal costs (only the order counts): lists when small, else an array."""
    if m * n <= SMALL:
        return SmallCosts([[0.0] * n for _ in range(m)], n)
    import numpy as np

    return np.zeros((m, n))


def items_to_measures(cost: Costs, skip_measure: float, skip_item: float
                      ) -> tuple[float, list[int | None], list[int]]:
    """Align n items to m measures in order, each at most once; `cost[i, j]` (m x n) is
    measure i taking item j.

    Returns (total cost, item index or None for each measure, unplaced item indexes).
    """
    best, move = items_forward(cost, skip_measure, skip_item)
    return items_back(best, move)


def _steps(cost: np.ndarray) -> np.ndarray:
    """A match's cost plus, all else equal, a tie-break (far below any real cost) that keeps
    positions aligned."""
    import numpy as np

    m, n = cost.shape
    return cost + TIE * np.abs(np.arange(m)[:, None] - np.arange(n)[None, :])


def _small_steps(cost: SmallCosts) -> list[list[float]]:
    """`_steps` of a small table: the same sums."""
    return [[c + TIE * abs(i - j) for j, c in enumerate(row)] for i, row in enumerate(cost.rows)]


def _diagonal(d: int, m: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    import numpy as np

    i = np.arange(max(0, d - n), min(m, d) + 1)
    return i, d - i


def items_forward(cost: Costs, skip_measure: float, skip_item: float) -> tuple:
    """best[i, j]: the cheapest alignment of the first i measures and j items; move[i, j]:
    its last step.  Of equal costs, a match is preferred to a skipped measure, and that to a
    skipped item.  Arrays, or lists of rows for a small table."""
    if isinstance(cost, SmallCosts):
        return _small_forward(cost, skip_measure, skip_item)
    import numpy as np

    m, n = cost.shape
    step = _steps(cost)
    best = np.full((m + 1, n + 1), INF)
    move = np.zeros((m + 1, n + 1), dtype=np.int8)
    best[0, 0] = 0.0
    for d in range(1, m + n + 1):
        i, j = _diagonal(d, m, n)
        best[i, j], move[i, j] = into_diagonal(best, step, i, j, (
            (MATCH, (i > 0) & (j > 0), 1, 1, None),
            (SKIP_MEASURE, i > 0, 1, 0, skip_measure),
            (SKIP_ITEM, j > 0, 0, 1, skip_item)))
    return best, move


def into_diagonal(best, step, i, j, moves) -> tuple:
    """The cheapest way into each state (i[k], j[k]) of an anti-diagonal, and its last step:
    `moves`, in order of preference, are (kind, which states it may enter, how far back it
    comes from in rows and columns, its cost: `None` for the state's match cost in `step`);
    each taken only if cheaper than those before."""
    import numpy as np

    here, how = np.full(len(i), INF), np.zeros(len(i), dtype=np.int8)
    for kind, ok, di, dj, add in moves:
        src_i, src_j = i[ok] - di, j[ok] - dj
        candidate = best[src_i, src_j] + (step[src_i, src_j] if add is None else add)
        better = candidate < here[ok]
        idx = np.flatnonzero(ok)[better]
        here[idx], how[idx] = candidate[better], kind
    return here, how


def _small_forward(cost: SmallCosts, skip_measure: float,
                   skip_item: float) -> tuple[list[list[float]], list[list[int]]]:
    """`items_forward` of a small table, cell by cell in the order of the rows."""
    m, n = cost.shape
    step = _small_steps(cost)
    best = [[INF] * (n + 1) for _ in range(m + 1)]
    move = [[0] * (n + 1) for _ in range(m + 1)]
    best[0][0] = 0.0
    for i in range(m + 1):
        for j in range(n + 1):
            if i or j:
                best[i][j], move[i][j] = _cell(best, step, i, j, skip_measure, skip_item)
    return best, move


def _cell(best: list[list[float]], step: list[list[float]], i: int, j: int,
          skip_measure: float, skip_item: float) -> tuple[float, int]:
    """The cheapest way into cell (i, j) and its last step, as a diagonal of `items_forward`
    finds it: a match first, then a skipped measure, then a skipped item, each taken only if
    cheaper than those before."""
    here, how = INF, 0
    for kind, ok, source, add in (
            (MATCH, i > 0 and j > 0, (i - 1, j - 1), None),
            (SKIP_MEASURE, i > 0, (i - 1, j), skip_measure),
            (SKIP_ITEM, j > 0, (i, j - 1), skip_item)):
        if ok:
            a, b = source
            candidate = best[a][b] + (step[a][b] if add is None else add)
            if candidate < here:
                here, how = candidate, kind
    return here, how


def items_back(best, move) -> tuple[float, list[int | None], list[int]]:
    """(total, item of each measure or None, unplaced items) traced back from `items_forward`
    (arrays or lists of rows)."""
    m, n = len(best) - 1, len(best[0]) - 1
    assigned, unplaced = trace_back(m, n, lambda i, j: move[i][j])
    return float(best[m][n]), assigned, unplaced


def trace_back(m: int, n: int, move_at) -> tuple[list[int | None], list[int]]:
    """(item of each measure or None, unplaced items) of the path that `move_at(i, j)`, the
    move into each state (`MATCH`, `SKIP_MEASURE`, `SKIP_ITEM`), traces back from (m, n)."""
    assigned: list[int | None] = [None] * m
    unplaced: list[int] = []
    i, j = m, n
    while i or j:
        step = move_at(i, j)
        if step == MATCH:
            assigned[i - 1] = j - 1
            i, j = i - 1, j - 1
        elif step == SKIP_MEASURE:
            i -= 1
        else:
            unplaced.append(j - 1)
            j -= 1
    return assigned, sorted(unplaced)


def match_margins(cost: Costs, skip_measure: float, skip_item: float,
                  assigned: list[int | None], total: float,
                  fwd) -> tuple[list[float], list[int | None]]:
    """For each measure, how much dearer the best alignment is that decides it otherwise: a
    measure given an item gets another item or none, a measure left without one gets one.
    Also that runner-up decision: the item it would take, or None for no item.
    `fwd` is the forward table of `items_forward` over the same moves; one backward pass here."""
    if isinstance(cost, SmallCosts):
        return _small_margins(cost, skip_measure, skip_item, assigned, total, fwd)
    import numpy as np

    m, n = cost.shape
    step = _steps(cost)
    bwd = np.full((m + 1, n + 1), INF)
    bwd[m, n] = 0.0
    for d in range(m + n - 1, -1, -1):
        i, j = _diagonal(d, m, n)
        here = np.full(len(i), INF)
        ok = (i < m) & (j < n)
        here[ok] = np.minimum(here[ok], step[i[ok], j[ok]] + bwd[i[ok] + 1, j[ok] + 1])
        ok = i < m
        here[ok] = np.minimum(here[ok], skip_measure + bwd[i[ok] + 1, j[ok]])
        ok = j < n
        here[ok] = np.minimum(here[ok], skip_item + bwd[i[ok], j[ok] + 1])
        bwd[i, j] = here
    # measure i takes item j (j not its own), or measure i takes none
    other_item = fwd[:m, :n] + step + bwd[1:, 1:]
    no_item = (fwd[:m, :] + skip_measure + bwd[1:, :]).min(axis=1)
    margins: list[float] = []
    runners_up: list[int | None] = []
    for k, mine in enumerate(assigned):
        row = other_item[k].copy()
        if mine is not None:
            row[mine] = INF
        best = int(row.argmin()) if len(row) else None
        alt = float(row[best]) if best is not None else INF
        if mine is not None and float(no_item[k]) <= alt:
            alt, best = float(no_item[k]), None
        margins.append(alt - total)
        runners_up.append(best)
    return margins, runners_up


def _small_margins(cost: SmallCosts, skip_measure: float, skip_item: float,
                   assigned: list[int | None], total: float,
                   fwd: list[list[float]]) -> tuple[list[float], list[int | None]]:
    """`match_margins` of a small table: the backward pass cell by cell, the same sums."""
    m, n = cost.shape
    step = _small_steps(cost)
    bwd = _small_backward(step, m, n, skip_measure, skip_item)
    margins: list[float] = []
    runners_up: list[int | None] = []
    for k, mine in enumerate(assigned):
        row = [fwd[k][j] + step[k][j] + bwd[k + 1][j + 1] for j in range(n)]
        if mine is not None:
            row[mine] = INF
        best = min(range(n), key=row.__getitem__) if n else None  # the first of equal ones
        alt = row[best] if best is not None else INF
        no_item = min(fwd[k][j] + skip_measure + bwd[k + 1][j] for j in range(n + 1))
        if mine is not None and no_item <= alt:
            alt, best = no_item, None
        margins.append(alt - total)
        runners_up.append(best)
    return margins, runners_up


def _small_backward(step: list[list[float]], m: int, n: int, skip_measure: float,
                    skip_item: float) -> list[list[float]]:
    """bwd[i][j]: the cheapest alignment of the measures from i and the items from j."""
    bwd = [[INF] * (n + 1) for _ in range(m + 1)]
    bwd[m][n] = 0.0
    for i in range(m, -1, -1):
        for j in range(n, -1, -1):
            if i == m and j == n:
                continue
            here = INF
            if i < m and j < n:
                here = min(here, step[i][j] + bwd[i + 1][j + 1])
            if i < m:
                here = min(here, skip_measure + bwd[i + 1][j])
            if j < n:
                here = min(here, skip_item + bwd[i][j + 1])
            bwd[i][j] = here
    return bwd
