"""Alignment: the paragraphs of one block -> one row per measure.

Each column is placed by a global optimisation over the whole block, never by
greedy rules:

* timeframes and indicators (at most one per measure, in order) by a monotone
  alignment, `items_to_measures`: matching costs come from lexical similarity
  (indicators) or are flat (timeframes); leaving a measure without an item and
  leaving an item unplaced both cost, so the counts decide how many of each;
  the texts decide which;
* agencies (one or more consecutive paragraphs per measure) by a segmentation,
  `paragraphs_to_cells`: joining a paragraph to the one above is cheap when it
  looks like a continuation (the one above ends with a comma or a connector, it
  starts in lower case, it completes a name cut in two, it is a lone name after
  a long list) and dear when the two name the same agencies.

Every decision that is not a plain 1:1 becomes a `Flag` on its row, with a
confidence from the margin: how much worse the best solution that decides
otherwise is.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from .layout import DOUBT, Block
from .lexical import Lexical
from .model import SATURATED, Flag, Paragraph, Role, Warning_, confidence
from .normalize.agencies import Gazetteer, whole_name_ids
from .normalize.text import clean, fold

INF = float("inf")
TIE = 1e-6
TOLERANCE = 1e-9  # for bounds summed in another order than the costs they bound


@dataclass(frozen=True)
class AlignSettings:
    """Costs of the alignment.  A match costs 0..1 (1 - similarity)."""

    skip_measure: float = 0.75  # a measure left without an indicator
    skip_item: float = 2.0  # a timeframe or indicator paragraph left unplaced
    empty_cell: float = 1.5  # a measure left without agencies
    duplicate: float = 1.0  # joining paragraphs that name the same agencies (times the share)
    cue_comma: float = 0.6  # the paragraph above ends with a comma or a connector
    cue_lower: float = 0.6  # this paragraph starts in lower case
    cue_tail: float = 0.8  # this paragraph completes a name the one above ends with
    cue_lone: float = 0.3  # a lone name after a list of three or more

    def __post_init__(self) -> None:
        for name in ("skip_measure", "skip_item", "empty_cell", "duplicate"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative")
        for name in ("cue_comma", "cue_lower", "cue_tail", "cue_lone"):
            if not 0 <= getattr(self, name) < 1:
                raise ValueError(f"{name} must be in [0, 1)")
        if self.skip_item <= 1:
            raise ValueError("skip_item must exceed 1, the dearest match, or counts stop deciding")


DEFAULT = AlignSettings()


@dataclass
class AlignedRow:
    measure: list[Paragraph]
    timeframe: list[Paragraph] = field(default_factory=list)
    agencies: list[Paragraph] = field(default_factory=list)
    indicator: list[Paragraph] = field(default_factory=list)
    extras: dict[str, list[Paragraph]] = field(default_factory=dict)  # extra column header -> its paragraph
    flags: list[Flag] = field(default_factory=list)


@dataclass
class BlockAlignment:
    rows: list[AlignedRow]
    unplaced: list[tuple[Paragraph, str]] = field(default_factory=list)
    warnings: list[Warning_] = field(default_factory=list)


# -- monotone alignment of items (at most one per measure) -------------------------
#
# The tables are filled one anti-diagonal (i + j = d) at a time: every cell's three
# predecessors lie on the two diagonals before it, so a diagonal is a few whole-array
# operations, with the same sums and the same tie order as a cell-by-cell loop.

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


def items_forward(cost: np.ndarray, skip_measure: float, skip_item: float) -> tuple[np.ndarray, np.ndarray]:
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
                  assigned: list[int | None], total: float, fwd: np.ndarray) -> tuple[list[float], list[int | None]]:
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


# -- agency cells ----------------------------------------------------------------

def continuation_cue(prev: str, text: str, gazetteer: Gazetteer, settings: AlignSettings = DEFAULT) -> float:
    """How much `text` looks like the rest of the agency list in `prev` (0..1)."""
    cues = []
    tail = fold(clean(prev))
    last_word = (re.findall(r"\w+", tail.lower()) or [""])[-1]
    if tail.endswith((",", ";")) or last_word in gazetteer.connectors:
        cues.append(settings.cue_comma)
    first = clean(text)[:1]
    if first.isalpha() and first.islower():
        cues.append(settings.cue_lower)
    head = re.split(r"[,;]", text)[0]
    # whole names only: the two halves of a name cut in two are each a `partial` match of it
    if gazetteer.coverage(head, partial=False) < 0.6:  # it starts with words that name nothing alone ...
        joined = re.split(r"[,;]", prev)[-1] + " " + head
        if gazetteer.coverage(joined, partial=False) >= 0.9:  # ... but complete the name the paragraph above ends with
            cues.append(settings.cue_tail)
    n_here = len(whole_name_ids(gazetteer, text))
    n_prev = len(whole_name_ids(gazetteer, prev))
    if n_here == 1 and n_prev >= 3:
        cues.append(settings.cue_lone)
    keep = 1.0
    for cue in cues:
        keep *= 1 - cue
    return 1 - keep


class AgencyCells:
    """The agency paragraphs of a block cut into m consecutive groups, one per measure.

    A group's cost (s > 0: a cell starts at paragraph s, which costs its continuation cue;
    each later paragraph costs 1 - its cue, plus `duplicate` times the share of its
    agencies already named in the cell) is computed once, growing the group one
    paragraph at a time.  One forward pass gives the best cut, one backward pass the best
    completion of every state, so the best cut that decides any one thing otherwise (a
    paragraph starts a cell; a measure has agencies) is a lookup, not a new run.

    Both passes visit only the states (i measures, k paragraphs) that a cut within
    `SATURATED` of the best can pass through: every empty cell costs `empty_cell`, so a
    state that needs more empty cells than the best cost allows is left out.  The best
    cut, its ties and every margin below `SATURATED` are the same as over all states.
    """

    def __init__(self, paras: list[Paragraph], m: int, gazetteer: Gazetteer, settings: AlignSettings = DEFAULT):
        self.n, self.m, self.settings = len(paras), m, settings
        self.cont = [0.0] + [continuation_cue(paras[k - 1].text, paras[k].text, gazetteer, settings)
                             for k in range(1, self.n)]
        self.ids = [whole_name_ids(gazetteer, p.text) for p in paras]  # the halves of a cut name are no repeat
        self._groups: list[list[float]] = [[] for _ in range(self.n)]  # [s][k-s-1]: cost of group s..k-1
        self._named: list[set[str]] = [set(ids) for ids in self.ids]  # [s]: the agencies that group names
        # joins[t]: the join costs of paragraphs 1..t without repeats, a lower bound of any group's
        self.joins = [0.0] * (self.n + 1)
        for t in range(1, self.n):
            self.joins[t] = self.joins[t - 1] + (1 - self.cont[t])
        self.joins[self.n] = self.joins[self.n - 1] if self.n else 0.0  # no paragraph n: nothing more
        self._least_after, self._floors = self._join_floors()
        # the best cut near the diagonal first: any cut's cost bounds the best one's, and the
        # tighter the bound, the fewer states; then every state within reach of that bound
        self.bound = INF
        first, _ = self._forward(self._near_diagonal)
        self.bound = first[m][self.n] + SATURATED
        self.fwd, self.back = self._forward(self.band)
        self.total = self.fwd[m][self.n]
        self.bwd = self._backward()

    def _near_diagonal(self, i: int) -> tuple[int, int]:
        """A few paragraphs either side of where measure i would end if the paragraphs were spread evenly."""
        centre = round(i * self.n / self.m) if self.m else self.n
        return max(0, centre - 3), min(self.n, centre + 3)

    def band(self, i: int) -> tuple[int, int]:
        """The paragraphs k that the first i measures may cover in a cut that is not far off the best."""
        if self.settings.empty_cell <= 0 or self.bound == INF:
            return 0, self.n
        spare = int(self.bound / self.settings.empty_cell + 1e-9)  # empty cells the bound allows
        return max(0, i - spare), min(self.n, self.n - self.m + i + spare)

    def group(self, s: int, k: int) -> float:
        """Cost of paragraphs s..k-1 forming one cell (the same sums, in the same order, as ever)."""
        costs = self._groups[s]
        if len(costs) < k - s:
            named = self._named[s]
            if not costs:
                costs.append(self.cont[s] if s > 0 else 0.0)
            while len(costs) < k - s:
                t = s + len(costs)  # the paragraph that joins next
                ids = self.ids[t]
                shared = len(named & ids) / min(len(named), len(ids)) if named and ids else 0.0
                costs.append(costs[-1] + ((1 - self.cont[t]) + self.settings.duplicate * shared))
                named |= ids
        return costs[k - s - 1]

    def _join_floors(self) -> tuple[list[float], list[list[tuple[float, int]]]]:
        """For each k, over the paragraphs t = k+1..: the sum of min(start, join), each t's
        cheaper way in (it starts a cell at its cue, or joins the one above at 1 - cue); and
        what joining costs over that, as (cost, how many), cheapest first."""
        least = [0.0] * (self.n + 1)
        extras: list[list[tuple[float, int]]] = [[] for _ in range(self.n + 1)]
        counts: dict[float, int] = {}
        for k in range(self.n - 1, -1, -1):
            extras[k] = sorted(counts.items())
            least[k] = least[k + 1]
            if k > 0:
                start, join = self.cont[k], 1 - self.cont[k]
                least[k] = least[k + 1] + min(start, join)
                counts[join - min(start, join)] = counts.get(join - min(start, join), 0) + 1
        # least[k] above counts paragraph k too; the floor counts it apart (it starts a cell)
        return [least[k + 1] if k < self.n else 0.0 for k in range(self.n + 1)], extras

    def floor(self, i: int, k: int) -> float:
        """A lower bound of what measures i.. still cost on paragraphs k..: paragraph k starts
        a cell, every later one starts a cell or joins the one above, whichever is cheaper;
        and on top, the empty cells they need if too few paragraphs are left, or the cheapest
        joins if too many are."""
        owed = (self.n - k) - (self.m - i)
        base = (self.cont[k] if 0 < k < self.n else 0.0) + self._least_after[k]
        if owed <= 0:
            return base + self.settings.empty_cell * -owed
        for cost, many in self._floors[k]:
            take = min(many, owed)
            base += cost * take
            owed -= take
            if not owed:
                break
        return base

    def _forward(self, band) -> tuple[list[list[float]], list[list[int]]]:
        """fwd[i][k]: the cheapest cut of paragraphs ..k-1 into i cells; back[i][k]: where cell i starts.

        Row i is filled from the finite states of row i - 1 only (`live`), each start s
        scanned from the nearest back, and the scan stops once no earlier start can come
        within reach of the bound: the same values as a scan of every state, in fewer steps."""
        n, m = self.n, self.m
        empty, joins, group, floor, bound = self.settings.empty_cell, self.joins, self.group, self.floor, self.bound
        fwd = [[INF] * (n + 1) for _ in range(m + 1)]
        back = [[0] * (n + 1) for _ in range(m + 1)]
        fwd[0][0] = 0.0
        live = (0, 0)  # the first and last finite state of the row before
        for i in range(1, m + 1):
            lo_prev, hi_prev = max(band(i - 1)[0], live[0]), min(band(i - 1)[1], live[1])
            lo, hi = band(i)
            prev, row, arg_row = fwd[i - 1], fwd[i], back[i]
            # least[s]: a lower bound of prev[s'] + joins s'+1..k-1 over s' <= s, less joins[k - 1]
            least = [INF] * (n + 1)
            running = INF
            for s in range(lo_prev, hi_prev + 1):
                running = least[s] = min(running, prev[s] - joins[s])
            first = last = -1
            for k in range(max(lo, lo_prev), hi + 1):
                best, arg = INF, 0
                # what a cut through here may cost so far and still come within reach of the best
                rest = floor(i, k) if bound < INF else 0.0
                reach = bound - rest
                # from the nearest start back; `<=` keeps the first s of a tie, as an ascending
                # scan with `<` would; stop once no earlier start can come within reach
                for s in range(min(k, hi_prev), lo_prev - 1, -1):
                    if s < k and least[s] + joins[k - 1] > min(best, reach) + TOLERANCE:
                        break
                    if prev[s] == INF:
                        continue
                    cost = prev[s] + (empty if s == k else group(s, k))
                    if cost <= best:
                        best, arg = cost, s
                if best + rest > bound + TOLERANCE:
                    best = INF  # no cut within reach of the best passes here
                if best < INF:
                    row[k], arg_row[k] = best, arg
                    first = k if first < 0 else first
                    last = k
            if first < 0:
                break  # nothing within reach: the rows below stay infinite
            live = (first, last)
        return fwd, back

    def _backward(self) -> list[list[float]]:
        """bwd[i][k]: the cheapest cut of paragraphs k.. into the cells i+1..m, for the states the
        forward pass reached (no other state lies on a cut within reach of the best)."""
        n, m = self.n, self.m
        joins, group, empty = self.joins, self.group, self.settings.empty_cell
        bwd = [[INF] * (n + 1) for _ in range(m + 1)]
        bwd[m][n] = 0.0
        for i in range(m - 1, -1, -1):
            here, after = self.fwd[i], bwd[i + 1]
            live = [k for k in range(*_span(self.band(i))) if here[k] < INF]
            next_live = [k for k in range(*_span(self.band(i + 1))) if after[k] < INF]
            if not live or not next_live:
                continue
            lo_next, hi_next = next_live[0], next_live[-1]
            # least[k2]: a lower bound of joins k+1..k2'-1 + after[k2'] over k2' >= k2, plus joins[k]
            least = [INF] * (n + 2)
            for k2 in range(hi_next, max(lo_next, 1) - 1, -1):
                least[k2] = min(least[k2 + 1], after[k2] + joins[k2 - 1])
            row = bwd[i]
            for k in live:
                best = INF
                for k2 in range(max(k, lo_next), hi_next + 1):
                    if k2 > k and least[k2] - joins[k] > best + TOLERANCE:
                        break
                    if after[k2] != INF:
                        best = min(best, (empty if k == k2 else group(k, k2)) + after[k2])
                row[k] = best
        return bwd

    def groups(self) -> list[list[int]]:
        out: list[list[int]] = []
        k = self.n
        for i in range(self.m, 0, -1):
            s = self.back[i][k]
            out.append(list(range(s, k)))
            k = s
        return out[::-1]

    def _alternative(self, best: float, possible: bool) -> float:
        if best < INF:
            return best
        return self.total + SATURATED + 1 if possible else INF  # beyond the band: as sure as a guess gets

    def cost_if_starts(self, t: int) -> float:
        """The best cut in which paragraph t starts a cell (is not joined to the one above)."""
        best = min((self.fwd[i][t] + self.bwd[i][t] for i in range(self.m + 1)
                    if self.band(i)[0] <= t <= self.band(i)[1]), default=INF)
        return self._alternative(best, self.m >= 2)

    def cost_if_not_empty(self, i: int) -> float:
        """The best cut in which measure i (0-based) has at least one paragraph."""
        lo, hi = self.band(i)
        lo_next, hi_next = self.band(i + 1)
        best = INF
        for s in range(lo, hi + 1):
            if self.fwd[i][s] == INF:
                continue
            for k in range(max(s + 1, lo_next), hi_next + 1):
                if self.bwd[i + 1][k] != INF:
                    best = min(best, self.fwd[i][s] + self.group(s, k) + self.bwd[i + 1][k])
        return self._alternative(best, self.n >= 1)


def _span(bounds: tuple[int, int]) -> tuple[int, int]:
    """(lo, hi) inclusive -> the arguments of `range`."""
    return bounds[0], bounds[1] + 1


def paragraphs_to_cells(paras: list[Paragraph], m: int, gazetteer: Gazetteer,
                        settings: AlignSettings = DEFAULT) -> tuple[float, list[list[int]]]:
    """Cut the agency paragraphs into m consecutive groups (one per measure): (cost, groups)."""
    cells = AgencyCells(paras, m, gazetteer, settings)
    return cells.total, cells.groups()


# -- a whole block ---------------------------------------------------------------

def align_block(block: Block, gazetteer: Gazetteer, lexical: Lexical,
                settings: AlignSettings = DEFAULT) -> BlockAlignment:
    rows = [AlignedRow(measure=unit) for unit in block.measures]
    out = BlockAlignment(rows=rows)
    m = len(rows)
    measure_texts = [" ".join(p.text for p in unit) for unit in block.measures]
    for role, paras in block.columns.items():
        if m == 0:
            out.unplaced.extend((p, f"{role.value} paragraph in a block with no measure") for p in paras)
            continue
        if role == Role.AGENCIES:
            _place_agencies(rows, paras, gazetteer, out, settings)
        elif role == Role.INDICATOR:
            cost = 1.0 - lexical.similarity_matrix(measure_texts, [p.text for p in paras])
            _place_items(rows, paras, role, cost, out, settings)
        else:
            _place_items(rows, paras, role, np.zeros((m, len(paras))), out, settings, flat=True)
    for name, paras in block.extras.items():
        if m == 0:
            out.unplaced.extend((p, f"'{name}' paragraph in a block with no measure") for p in paras)
        else:
            _place_extra(rows, name, paras, out, settings)
    if block.cut_confidence < DOUBT:
        for row in rows:
            row.flags.append(Flag("column_split_uncertain", block.cut_confidence,
                                  "the paragraphs after the measures could be cut into the columns another way"))
    return out


_MISSING = {Role.TIMEFRAME: "no_timeframe_in_source", Role.INDICATOR: "no_indicator_in_source"}


def _place_items(rows: list[AlignedRow], paras: list[Paragraph], role: Role, cost: np.ndarray,
                 out: BlockAlignment, settings: AlignSettings, flat: bool = False) -> None:
    """`cost[i, j]`: measure i taking paragraph j; `flat`: all costs equal (only the order counts)."""
    m, n = len(rows), len(paras)
    skip_measure = settings.skip_measure if role == Role.INDICATOR else 1.0
    if flat and n == m:
        # equal counts and nothing but the order to go by: any other alignment pays a skip
        # and saves nothing, so the diagonal is the one best alignment
        assigned: list[int | None] = list(range(m))
        unplaced: list[int] = []
        total, forward = 0.0, None
    else:
        forward, move = items_forward(cost, skip_measure, settings.skip_item)
        total, assigned, unplaced = items_back(forward, move)
    # with counts that disagree, every decision has a margin: the forward pass above, one backward
    margins, runners_up = match_margins(cost, skip_measure, settings.skip_item, assigned, total, forward) \
        if n != m and n and forward is not None else ([INF] * m, [None] * m)

    def runner_up(i: int) -> str:
        """The decision the optimiser rejected for measure i, and what it would have cost."""
        j = runners_up[i]
        what = f"leave its {role.value} empty" if j is None else \
            f"give it {role.value} paragraph {j + 1} of {n} ('{_excerpt(paras[j].text)}')"
        return f"next best: {what}, cost +{margins[i]:.2f}"

    for i, j in enumerate(assigned):
        if j is not None and confidence(margins[i]) < DOUBT:
            rows[i].flags.append(Flag("alignment_uncertain", confidence(margins[i]),
                                      f"its {role.value} could as well belong to another measure", runner_up(i)))
    for i, j in enumerate(assigned):
        if j is None:
            margin = (INF if n == 0 else 0.0) if n >= m or n == 0 else margins[i]
            rows[i].flags.append(Flag(_MISSING.get(role, f"no_{role.value}_in_source"), confidence(margin),
                                      alternative=runner_up(i) if margin < INF else ""))
        else:
            getattr(rows[i], role.value).append(paras[j])
    for j in unplaced:
        out.unplaced.append((paras[j], f"more {role.value} paragraphs than measures: not placed"))


def _excerpt(text: str, width: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1].rstrip() + "…"


def _next_best(what: str, margin: float) -> str:
    return f"next best: {what}, cost +{margin:.2f}" if margin < INF else ""


def _place_extra(rows: list[AlignedRow], name: str, paras: list[Paragraph], out: BlockAlignment,
                 settings: AlignSettings) -> None:
    """An extra column: at most one paragraph per measure, in order.  A missing value is
    normal there (an empty `Notes` cell), so only a guess (fewer values than measures) is flagged."""
    m, n = len(rows), len(paras)
    # nothing tells one value from another: every cost is the same
    _, assigned, unplaced = items_to_measures(np.zeros((m, n)), settings.skip_measure, settings.skip_item)
    for i, j in enumerate(assigned):
        rows[i].extras[name] = [] if j is None else [paras[j]]
        if 0 < n < m:
            rows[i].flags.append(Flag("extra_unaligned", 0.0,
                                      f"'{name}': {n} values for {m} measures; which measure each belongs to is a guess"))
    for j in unplaced:
        out.unplaced.append((paras[j], f"more '{name}' paragraphs than measures: not placed"))


def _place_agencies(rows: list[AlignedRow], paras: list[Paragraph], gazetteer: Gazetteer,
                    out: BlockAlignment, settings: AlignSettings) -> None:
    cells = AgencyCells(paras, len(rows), gazetteer, settings)
    total = cells.total
    for i, group in enumerate(cells.groups()):
        rows[i].agencies = [paras[k] for k in group]
        if not group:
            margin = cells.cost_if_not_empty(i) - total
            rows[i].flags.append(Flag("no_agencies_in_source", confidence(margin),
                                      alternative=_next_best("give it an agency paragraph", margin)))
        for k in group[1:]:
            margin = cells.cost_if_starts(k) - total
            rows[i].flags.append(Flag("merged_continuation", confidence(margin),
                                      f"agency paragraph {k + 1} of {len(paras)} joined to the one above",
                                      _next_best(f"paragraph {k + 1} ('{_excerpt(paras[k].text)}') starts "
                                                 "an agency cell of its own", margin)))
        if group and clean(paras[group[-1]].text).endswith(","):
            out.warnings.append(Warning_("agency cell ends with a comma but the counts say nothing follows; "
                                         "kept as it is", [paras[group[-1]].prov]))
