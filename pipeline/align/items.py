"""Monotone alignment of items (timeframes, indicators, extra values: at most one per measure,
in order) to the measures of a block.

The tables are filled one anti-diagonal (i + j = d) at a time: every cell's three
predecessors lie on the two diagonals before it, so a diagonal is a few whole-array
operations, with the same sums and the same tie order as a cell-by-cell loop.
"""
from __future__ import annotations

import numpy as np

INF = float("inf")
TIE = 1e-6

MATCH, SKIP_MEASURE, SKIP_ITEM = 1, 2, 3  # the last step into a cell of `items_forward`


def items_to_measures(cost: np.ndarray, skip_measure: float, skip_item: float
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
    m, n = cost.shape
    return cost + TIE * np.abs(np.arange(m)[:, None] - np.arange(n)[None, :])


def _diagonal(d: int, m: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    i = np.arange(max(0, d - n), min(m, d) + 1)
    return i, d - i


def items_forward(cost: np.ndarray, skip_measure: float,
                  skip_item: float) -> tuple[np.ndarray, np.ndarray]:
    """best[i, j]: the cheapest alignment of the first i measures and j items; move[i, j]:
    its last step.  Of equal costs, a match is preferred to a skipped measure, and that to a
    skipped item."""
    m, n = cost.shape
    step = _steps(cost)
    best = np.full((m + 1, n + 1), INF)
    move = np.zeros((m + 1, n + 1), dtype=np.int8)
    best[0, 0] = 0.0
    for d in range(1, m + n + 1):
        i, j = _diagonal(d, m, n)
        here, how = np.full(len(i), INF), np.zeros(len(i), dtype=np.int8)
        for kind, ok, di, dj, add in (
                (MATCH, (i > 0) & (j > 0), 1, 1, None),
                (SKIP_MEASURE, i > 0, 1, 0, skip_measure),
                (SKIP_ITEM, j > 0, 0, 1, skip_item)):
            src_i, src_j = i[ok] - di, j[ok] - dj
            candidate = best[src_i, src_j] + (step[src_i, src_j] if add is None else add)
            better = candidate < here[ok]
            idx = np.flatnonzero(ok)[better]
            here[idx], how[idx] = candidate[better], kind
        best[i, j], move[i, j] = here, how
    return best, move


def items_back(best: np.ndarray, move: np.ndarray) -> tuple[float, list[int | None], list[int]]:
    """(total, item of each measure or None, unplaced items) traced back from `items_forward`."""
    m, n = best.shape[0] - 1, best.shape[1] - 1
    assigned: list[int | None] = [None] * m
    unplaced: list[int] = []
    i, j = m, n
    while i or j:
        step = move[i, j]
        if step == MATCH:
            assigned[i - 1] = j - 1
            i, j = i - 1, j - 1
        elif step == SKIP_MEASURE:
            i -= 1
        else:
            unplaced.append(j - 1)
            j -= 1
    return float(best[m, n]), assigned, sorted(unplaced)


def match_margins(cost: np.ndarray, skip_measure: float, skip_item: float,
                  assigned: list[int | None], total: float,
                  fwd: np.ndarray) -> tuple[list[float], list[int | None]]:
    """For each measure, how much dearer the best alignment is that decides it otherwise: a
    measure given an item gets another item or none, a measure left without one gets one.
    Also that runner-up decision: the item it would take, or None for no item.
    `fwd` is the forward table of `items_forward` over the same moves; one backward pass here."""
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
