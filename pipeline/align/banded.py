"""The item alignment of a large table (`items`) inside a band around its diagonal: the same
answer as over the whole table, from the costs of the band's pairs only, where a bound proves it.

Measures and items are both in order and their counts differ little, so the best alignment and
every runner-up of `items.match_margins` skip little more than the counts call for: their
offsets (items less measures) stay between 0 and n - m, or a little beyond.  Only the states of
such offsets, `margin` beyond, are filled (`Band`, a banded Needleman-Wunsch), and only their
pairs' costs computed (`PairCosts`).  A lower bound of every alignment that leaves the band
(`_outside_bound`: a match outside costs at least 0, a skip what it costs) must lie above the
best alignment and above every runner-up found inside; otherwise the margin grows (by the skips
the bound fell short by, doubled at least, tripled at most), and where the band would hold half
the table, the caller aligns over the whole table.  So the answer, its ties and every margin are
those of `items` over the whole table, never an approximation.  The bound cannot see that a
match outside costs more than 0, so the band must hold every offset between the counts and
enough skips beyond to outweigh what the best alignment's matches cost: linear in the measures
where the counts differ by a bounded amount, about (m + 1) x (|n - m| + 25) pairs else.

The band is filled one anti-diagonal at a time, as `items.items_forward` fills the table, with
the same sums in the same order: its arrays hold row i's states by offset (column c is item
i + low + c).
"""
from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .items import INF, MATCH, SKIP_ITEM, SKIP_MEASURE, TIE, into_diagonal, trace_back
from .work import EVALUATIONS

if TYPE_CHECKING:
    import numpy as np

# skips of each kind beyond what the counts call for that a first band holds (the bound rises by
# a skip of each kind for each, and must clear what the best alignment's matches cost); widened
# while the bound says no
FIRST_MARGIN = 12
# for bounds summed in another order than the costs they bound
TOLERANCE = 1e-9

Pairs = Callable[[list[int], list[int]], "np.ndarray"]


class PairCosts:
    """An m x n table of match costs (`cost[i, j]`: measure i taking item j) computed only where
    asked, a diagonal (an offset j - i) at a time: `pairs(rows, cols)` gives the costs of the
    pairs (rows[k], cols[k]) as an array, `table()` the whole table; each pair is computed once,
    and counted (`work.EVALUATIONS['pairs']`)."""

    def __init__(self, m: int, n: int, pairs: Pairs, table: Callable[[], np.ndarray]) -> None:
        self.shape = (m, n)
        self._pairs, self._table = pairs, table
        self._diagonals: dict[int, np.ndarray] = {}

    def diagonals(self, offsets: range) -> np.ndarray:
        """cost[i, i + offset] for i < m, a column per offset (`INF` off the table)."""
        import numpy as np

        m, n = self.shape
        new = [o for o in offsets if o not in self._diagonals]
        rows = [np.arange(max(0, -o), min(m, n - o)) for o in new]
        if new:
            every = np.concatenate(rows)
            offset = np.concatenate([np.full(len(r), o) for r, o in zip(rows, new)])
            EVALUATIONS["pairs"] += len(every)
            values = np.asarray(self._pairs(every.tolist(), (every + offset).tolist()), dtype=float)
            at = 0
            for o, r in zip(new, rows):
                column = np.full(m, INF)
                column[r] = values[at:at + len(r)]
                self._diagonals[o] = column
                at += len(r)
        return np.stack([self._diagonals[o] for o in offsets], axis=1)

    def table(self) -> np.ndarray:
        """The whole table, every pair computed."""
        EVALUATIONS["pairs"] += self.shape[0] * self.shape[1]
        return self._table()


@dataclass(frozen=True)
class Band:
    """The states (i measures, j items) whose offset j - i lies in low .. high, of an m x n
    table; as arrays, row i's states by column c = j - i - low (`width` columns)."""

    m: int
    n: int
    low: int
    high: int

    @classmethod
    def around_diagonal(cls, m: int, n: int, margin: int) -> Band:
        """The offsets between 0 and n - m, and `margin` beyond: the alignments that skip no more
        than the counts call for, and `margin` more of each kind."""
        return cls(m, n, min(0, n - m) - margin, max(0, n - m) + margin)

    @property
    def width(self) -> int:
        return self.high - self.low + 1

    def holds(self, i: int, j: int) -> bool:
        return 0 <= i <= self.m and 0 <= j <= self.n and self.low <= j - i <= self.high

    def column(self, i: int, j: int) -> int:
        return j - i - self.low

    def span(self, i: int) -> tuple[int, int]:
        """The items j of row i's states: lo .. hi."""
        return max(0, i + self.low), min(self.n, i + self.high)

    def diagonal(self, d: int) -> tuple[np.ndarray, np.ndarray]:
        """The states of anti-diagonal i + j = d, as rows and columns."""
        import numpy as np

        first = max(0, d - self.n, -((self.high - d) // 2))
        last = min(self.m, d, (d - self.low) // 2)
        i = np.arange(first, last + 1)
        return i, d - 2 * i - self.low


@dataclass
class BandAlignment:
    """What `items` gives over the whole table: the total, each measure's item (or None), the
    items left unplaced, and each measure's margin and runner-up (`items.match_margins`)."""

    total: float
    assigned: list[int | None]
    unplaced: list[int]
    margins: list[float]
    runners_up: list[int | None]


def align_in_band(cost: PairCosts, skip_measure: float, skip_item: float,
                  margins: bool) -> BandAlignment | None:
    """The alignment of `items.items_to_measures` (and, with `margins`, `items.match_margins`)
    from a band's costs, the band widened until the bound proves it; None where the band would
    hold most of the table (align over the table then)."""
    m, n = cost.shape
    margin = FIRST_MARGIN
    while abs(n - m) + 2 * margin < min(m, n) // 2:
        band = Band.around_diagonal(m, n, margin)
        found, short = _attempt(band, cost, skip_measure, skip_item, margins)
        if found is not None:
            return found
        # each skip of each kind more that the band holds raises the bound by about their sum:
        # the margin grows by as many (what the band's best overstates, the table's may not),
        # doubled at least and tripled at most
        wanted = math.ceil(short / (skip_measure + skip_item)) + 1
        margin += min(max(margin, wanted), 2 * margin)
    return None


def _attempt(band: Band, cost: PairCosts, skip_measure: float, skip_item: float,
             margins: bool) -> tuple[BandAlignment | None, float]:
    """The alignment inside `band`, or None and how far the bound of the alignments that leave
    the band falls short of the best one (and a skip of each kind more) or of a runner-up."""
    import numpy as np

    offsets = range(band.low, band.high + 1)
    step = np.full((band.m + 1, band.width), INF)
    step[:band.m] = cost.diagonals(offsets) + TIE * np.abs(np.array(offsets))
    fwd, move = _forward(band, step, skip_measure, skip_item)
    bwd = _backward(band, step, skip_measure, skip_item)
    EVALUATIONS["items"] += 2 * int(np.isfinite(fwd).sum())
    total, assigned, unplaced = _back(band, fwd, move)
    outside = _outside_bound(band, fwd, bwd, skip_measure, skip_item)
    ceiling = outside - TOLERANCE * max(1.0, outside) if outside < INF else INF
    if not total < ceiling:
        return None, total + skip_measure + skip_item - outside
    found = BandAlignment(total, assigned, unplaced, [INF] * band.m, [None] * band.m)
    if margins:
        alternatives, found.runners_up = _alternatives(band, fwd, bwd, step, skip_measure,
                                                       assigned)
        if any(not alt < ceiling for alt in alternatives):
            return None, max(alternatives) - outside
        found.margins = [alt - total for alt in alternatives]
    return found, 0.0


def _forward(band: Band, step: np.ndarray, skip_measure: float,
             skip_item: float) -> tuple[np.ndarray, np.ndarray]:
    """`items.items_forward` over the band's states, one anti-diagonal at a time (the same sums,
    the same ties): best[i, c] and its last step move[i, c]."""
    import numpy as np

    best = np.full((band.m + 1, band.width), INF)
    move = np.zeros((band.m + 1, band.width), dtype=np.int8)
    best[0, band.column(0, 0)] = 0.0
    last = band.width - 1
    for d in range(1, band.m + band.n + 1):
        i, c = band.diagonal(d)
        j = d - i
        # in the band's columns, a match comes from the column above, a skipped measure from the
        # one right of it, a skipped item from the one left of it
        best[i, c], move[i, c] = into_diagonal(best, step, i, c, (
            (MATCH, (i > 0) & (j > 0), 1, 0, None),
            (SKIP_MEASURE, (i > 0) & (c < last), 1, -1, skip_measure),
            (SKIP_ITEM, (j > 0) & (c > 0), 0, 1, skip_item)))
    return best, move


def _backward(band: Band, step: np.ndarray, skip_measure: float, skip_item: float) -> np.ndarray:
    """`items.match_margins`'s backward pass over the band's states: bwd[i, c], the cheapest
    alignment of the measures from i and the items from j inside the band."""
    import numpy as np

    m, n, last = band.m, band.n, band.width - 1
    bwd = np.full((m + 1, band.width), INF)
    bwd[m, band.column(m, n)] = 0.0
    for d in range(m + n - 1, -1, -1):
        i, c = band.diagonal(d)
        j = d - i
        here = np.full(len(i), INF)
        ok = (i < m) & (j < n)
        here[ok] = np.minimum(here[ok], step[i[ok], c[ok]] + bwd[i[ok] + 1, c[ok]])
        ok = (i < m) & (c > 0)
        here[ok] = np.minimum(here[ok], skip_measure + bwd[i[ok] + 1, c[ok] - 1])
        ok = (j < n) & (c < last)
        here[ok] = np.minimum(here[ok], skip_item + bwd[i[ok], c[ok] + 1])
        bwd[i, c] = here
    return bwd


def _back(band: Band, best: np.ndarray, move: np.ndarray
          ) -> tuple[float, list[int | None], list[int]]:
    """`items.items_back` of the band's tables."""
    assigned, unplaced = trace_back(band.m, band.n, lambda i, j: move[i, band.column(i, j)])
    return float(best[band.m, band.column(band.m, band.n)]), assigned, unplaced


def _alternatives(band: Band, fwd: np.ndarray, bwd: np.ndarray, step: np.ndarray,
                  skip_measure: float, assigned: list[int | None]
                  ) -> tuple[list[float], list[int | None]]:
    """For each measure, the cost of the best alignment inside the band that decides it
    otherwise, and that decision (`items.match_margins`, the same sums and ties)."""
    m = band.m
    other_item = fwd[:m] + step[:m] + bwd[1:]
    no_item = (fwd[:m, 1:] + skip_measure + bwd[1:, :-1]).min(axis=1)
    alternatives: list[float] = []
    runners_up: list[int | None] = []
    for k, mine in enumerate(assigned):
        row = other_item[k].copy()
        if mine is not None:
            row[band.column(k, mine)] = INF
        c = int(row.argmin())
        best: int | None = k + band.low + c
        alt = float(row[c])
        if mine is not None and float(no_item[k]) <= alt:
            alt, best = float(no_item[k]), None
        alternatives.append(alt)
        runners_up.append(best)
    return alternatives, runners_up


def _outside_bound(band: Band, fwd: np.ndarray, bwd: np.ndarray, skip_measure: float,
                   skip_item: float) -> float:
    """A lower bound of every alignment that passes a state outside the band.

    Such an alignment leaves the band a first time, into state x, and comes back a last time,
    from state y (x itself, or one in a row at or after x's).  Before x it stays in the band: it
    costs at least the band's forward value where it leaves, plus the step out; after y, the
    step in plus the band's backward value.  In between, a match costs at least 0 and the
    offset moves from x's to y's: each item it gains is a skipped item, each it loses a skipped
    measure.  The least of that sum over every such x and y, row by row, the ways out so far
    kept by offset (`_Least`)."""
    m, n = band.m, band.n
    rising = _Least(m + n + 3)  # at offset + m + 1: way out - skip_item * offset
    falling = _Least(m + n + 3)  # at n + 1 - offset: way out + skip_measure * offset
    best = INF
    for i in range(m + 1):
        for offset, way in _ways_out(band, fwd, skip_measure, skip_item, i):
            rising.add(offset + m + 1, way - skip_item * offset)
            falling.add(n + 1 - offset, way + skip_measure * offset)
        for offset, way in _ways_in(band, bwd, skip_measure, skip_item, i):
            best = min(best, way + skip_item * offset + rising.least(offset + m + 1),
                       way - skip_measure * offset + falling.least(n - offset))
    return best


class _Least:
    """The least value put at each position, and the least at or before a position (a Fenwick
    tree of minima)."""

    def __init__(self, size: int) -> None:
        self.tree = [INF] * (size + 1)

    def add(self, at: int, value: float) -> None:
        at += 1
        while at < len(self.tree):
            self.tree[at] = min(self.tree[at], value)
            at += at & -at

    def least(self, at: int) -> float:
        """The least value at positions 0 .. at."""
        out, at = INF, at + 1
        while at > 0:
            out = min(out, self.tree[at])
            at -= at & -at
        return out


def _value(band: Band, table: np.ndarray, i: int, j: int) -> float:
    return float(table[i, band.column(i, j)])


def _ways_out(band: Band, fwd: np.ndarray, skip_measure: float, skip_item: float,
              i: int) -> list[tuple[int, float]]:
    """The states outside the band in row i that an alignment enters from the band, as (offset,
    least cost to stand there): a skipped item past the row's end; from the row above, a
    skipped measure or a match below the row's start (a match costing at least 0)."""
    lo, hi = band.span(i)
    out = []
    if hi < band.n:
        out.append((hi + 1 - i, _value(band, fwd, i, hi) + skip_item))
    if i:
        for j in range(band.span(i - 1)[0], lo):
            out.append((j - i, _value(band, fwd, i - 1, j) + skip_measure))
            if j + 1 < lo:
                out.append((j + 1 - i, _value(band, fwd, i - 1, j)))
    return out


def _ways_in(band: Band, bwd: np.ndarray, skip_measure: float, skip_item: float,
             i: int) -> list[tuple[int, float]]:
    """The states outside the band in row i from which an alignment comes back into it, as
    (offset, least cost from there on): past the row's end, a skipped measure or a match into
    the row below; just before the row's start, a skipped item into it, or a match into the row
    below where that starts where this one does (a match costing at least 0)."""
    lo, hi = band.span(i)
    out = []
    if i < band.m:
        lo_next, hi_next = band.span(i + 1)
        for j in range(hi + 1, hi_next + 1):
            out.append((j - i, _value(band, bwd, i + 1, j) + skip_measure))
            if j + 1 <= hi_next:
                out.append((j - i, _value(band, bwd, i + 1, j + 1)))
        if lo > 0 and lo_next == lo:
            out.append((lo - 1 - i, _value(band, bwd, i + 1, lo)))
    if lo > 0:
        out.append((lo - 1 - i, _value(band, bwd, i, lo) + skip_item))
    return out
