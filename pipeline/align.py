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

def items_to_measures(m: int, n: int, cost, skip_measure: float, skip_item: float,
                      forbid_skip: int | None = None) -> tuple[float, list[int | None], list[int]]:
    """Align n items to m measures in order, each at most once.

    Returns (total cost, item index or None for each measure, unplaced item indexes).
    `forbid_skip` forbids leaving that measure without an item (to measure margins).
    """
    best, move = items_forward(m, n, cost, skip_measure, skip_item, forbid_skip)
    return items_back(best, move)


def items_forward(m: int, n: int, cost, skip_measure: float, skip_item: float,
                  forbid_skip: int | None = None) -> tuple[list[list[float]], list[list[str]]]:
    """best[i][j]: the cheapest alignment of the first i measures and j items; move: its last step."""
    best = [[INF] * (n + 1) for _ in range(m + 1)]
    move = [[""] * (n + 1) for _ in range(m + 1)]
    best[0][0] = 0.0
    for i in range(m + 1):
        for j in range(n + 1):
            here = best[i][j]
            if here == INF:
                continue
            # all else equal, keep positions aligned (a tie-break far below any real cost)
            if i < m and j < n:
                step = _step(cost, i, j)
                if here + step < best[i + 1][j + 1]:
                    best[i + 1][j + 1], move[i + 1][j + 1] = here + step, "match"
            if i < m and i != forbid_skip and here + skip_measure < best[i + 1][j]:
                best[i + 1][j], move[i + 1][j] = here + skip_measure, "skip_measure"
            if j < n and here + skip_item < best[i][j + 1]:
                best[i][j + 1], move[i][j + 1] = here + skip_item, "skip_item"
    return best, move


def items_back(best: list[list[float]], move: list[list[str]]) -> tuple[float, list[int | None], list[int]]:
    """(total, item of each measure or None, unplaced items) traced back from `items_forward`."""
    m, n = len(best) - 1, len(best[0]) - 1
    assigned: list[int | None] = [None] * m
    unplaced: list[int] = []
    i, j = m, n
    while i or j:
        step = move[i][j]
        if step == "match":
            assigned[i - 1] = j - 1
            i, j = i - 1, j - 1
        elif step == "skip_measure":
            i -= 1
        else:
            unplaced.append(j - 1)
            j -= 1
    return best[m][n], assigned, sorted(unplaced)


def _step(cost, i: int, j: int) -> float:
    return cost(i, j) + TIE * abs(i - j)


def match_margins(m: int, n: int, cost, skip_measure: float, skip_item: float,
                  assigned: list[int | None], total: float, fwd: list[list[float]]) -> list[float]:
    """For each measure, how much dearer the best alignment is that decides it otherwise: a
    measure given an item gets another item or none, a measure left without one gets one.
    `fwd` is the forward table of `items_forward` over the same moves; one backward pass here."""
    bwd = [[INF] * (n + 1) for _ in range(m + 1)]
    bwd[m][n] = 0.0
    for i in range(m, -1, -1):
        for j in range(n, -1, -1):
            here = bwd[i][j]
            if i < m and j < n:
                here = min(here, _step(cost, i, j) + bwd[i + 1][j + 1])
            if i < m:
                here = min(here, skip_measure + bwd[i + 1][j])
            if j < n:
                here = min(here, skip_item + bwd[i][j + 1])
            bwd[i][j] = here
    margins = []
    for i, mine in enumerate(assigned):
        matched = (fwd[i][j] + _step(cost, i, j) + bwd[i + 1][j + 1] for j in range(n) if j != mine)
        alt = min(matched, default=INF)
        if mine is not None:
            alt = min(alt, min(fwd[i][j] + skip_measure + bwd[i + 1][j] for j in range(n + 1)))
        margins.append(alt - total)
    return margins


class CostTable:
    """A pairwise cost, each pair computed once (the alignment and its margins ask again)."""

    def __init__(self, cost, m: int, n: int):
        self.cost = cost
        self.rows: list[list[float | None]] = [[None] * n for _ in range(m)]

    def __call__(self, i: int, j: int) -> float:
        value = self.rows[i][j]
        if value is None:
            value = self.rows[i][j] = self.cost(i, j)
        return value


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
        self._groups: dict[int, list[float]] = {}  # s -> cost of groups s..k-1 for k = s+1, s+2, ...
        self._named: dict[int, set[str]] = {}
        # joins[t]: the join costs of paragraphs 1..t without repeats, a lower bound of any group's
        self.joins = [0.0] * max(self.n, 1)
        for t in range(1, self.n):
            self.joins[t] = self.joins[t - 1] + (1 - self.cont[t])
        self._floors = self._join_floors()
        # a narrow band first, for a bound on the best cost; then every state within reach of it
        drift = (min(0, self.n - m) - 2, max(0, self.n - m) + 2)
        self.bound = INF
        first, _ = self._forward(lambda i: (max(0, i + drift[0]), min(self.n, i + drift[1])))
        self.bound = first[m][self.n] + SATURATED
        self.fwd, self.back = self._forward(self.band)
        self.total = self.fwd[m][self.n]
        self.bwd = self._backward()

    def band(self, i: int) -> tuple[int, int]:
        """The paragraphs k that the first i measures may cover in a cut that is not far off the best."""
        if self.settings.empty_cell <= 0 or self.bound == INF:
            return 0, self.n
        spare = int(self.bound / self.settings.empty_cell + 1e-9)  # empty cells the bound allows
        return max(0, i - spare), min(self.n, self.n - self.m + i + spare)

    def group(self, s: int, k: int) -> float:
        """Cost of paragraphs s..k-1 forming one cell (the same sums, in the same order, as ever)."""
        costs = self._groups.setdefault(s, [])
        named = self._named.setdefault(s, set(self.ids[s]))
        while len(costs) < k - s:
            t = s + len(costs)  # the paragraph that joins next (none for the first)
            if not costs:
                costs.append(self.cont[s] if s > 0 else 0.0)
                continue
            ids = self.ids[t]
            shared = len(named & ids) / min(len(named), len(ids)) if named and ids else 0.0
            costs.append(costs[-1] + ((1 - self.cont[t]) + self.settings.duplicate * shared))
            named |= ids
        return costs[k - s - 1]

    def _cell(self, s: int, k: int) -> float:
        return self.settings.empty_cell if s == k else self.group(s, k)

    def _join_floors(self) -> list[list[tuple[float, int]]]:
        """For each k, the join costs of paragraphs k+1.. as (cost, how many), cheapest first."""
        floors: list[list[tuple[float, int]]] = [[] for _ in range(self.n + 1)]
        counts: dict[float, int] = {}
        for k in range(self.n - 1, -1, -1):
            floors[k] = sorted(counts.items())
            if k > 0:
                cost = 1 - self.cont[k]
                counts[cost] = counts.get(cost, 0) + 1
        return floors

    def floor(self, i: int, k: int) -> float:
        """A lower bound of what measures i.. still cost on paragraphs k..: the empty cells they
        need if too few paragraphs are left, or the cheapest joins if too many are."""
        owed = (self.n - k) - (self.m - i)
        if owed <= 0:
            return self.settings.empty_cell * -owed
        total = 0.0
        for cost, many in self._floors[k]:
            take = min(many, owed)
            total += cost * take
            owed -= take
            if not owed:
                break
        return total

    def _tail(self, s: int, k: int) -> float:
        """A lower bound of any group that starts at s or before and ends before k: its joins s+1..k-1."""
        return self.joins[k - 1] - self.joins[s] if k - 1 > s else 0.0

    def _forward(self, band) -> tuple[list[list[float]], list[list[int]]]:
        n, m = self.n, self.m
        fwd = [[INF] * (n + 1) for _ in range(m + 1)]
        back = [[0] * (n + 1) for _ in range(m + 1)]
        fwd[0][0] = 0.0
        for i in range(1, m + 1):
            lo_prev, hi_prev = band(i - 1)
            lo, hi = band(i)
            prev = fwd[i - 1]
            least = [INF] * (n + 1)  # least[s]: the cheapest of prev[lo_prev..s]
            running = INF
            for s in range(lo_prev, hi_prev + 1):
                running = least[s] = min(running, prev[s])
            for k in range(lo, hi + 1):
                best, arg = INF, 0
                # what a cut through here may cost so far and still come within reach of the best
                reach = self.bound - self.floor(i, k) if self.bound < INF else INF
                # from the nearest start back; `<=` keeps the first s of a tie, as an ascending
                # scan with `<` would; stop once no earlier start can come within reach
                for s in range(min(k, hi_prev), lo_prev - 1, -1):
                    if s < k and least[s] + self._tail(s, k) > min(best, reach) + TOLERANCE:
                        break
                    if prev[s] == INF:
                        continue
                    cost = prev[s] + self._cell(s, k)
                    if cost <= best:
                        best, arg = cost, s
                if best + self.floor(i, k) > self.bound + TOLERANCE:
                    best = INF  # no cut within reach of the best passes here
                fwd[i][k], back[i][k] = best, arg
        return fwd, back

    def _backward(self) -> list[list[float]]:
        n, m = self.n, self.m
        bwd = [[INF] * (n + 1) for _ in range(m + 1)]
        bwd[m][n] = 0.0
        for i in range(m - 1, -1, -1):
            lo, hi = self.band(i)
            lo_next, hi_next = self.band(i + 1)
            after = bwd[i + 1]
            least = [INF] * (n + 2)  # least[k]: the cheapest of after[k..hi_next]
            for k in range(hi_next, lo_next - 1, -1):
                least[k] = min(least[k + 1], after[k])
            for k in range(lo, hi + 1):
                best = INF
                if self.fwd[i][k] == INF:
                    bwd[i][k] = INF
                    continue
                for k2 in range(max(k, lo_next), hi_next + 1):
                    if k2 > k and self._tail(k, k2) + least[k2] > best + TOLERANCE:
                        break
                    if after[k2] != INF:
                        best = min(best, self._cell(k, k2) + after[k2])
                bwd[i][k] = best
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
            def sim_cost(i: int, j: int) -> float:
                return 1.0 - lexical.similarity(measure_texts[i], paras[j].text)
            _place_items(rows, paras, role, sim_cost, out, settings)
        else:
            _place_items(rows, paras, role, lambda i, j: 0.0, out, settings, flat=True)
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


def _place_items(rows: list[AlignedRow], paras: list[Paragraph], role: Role, cost, out: BlockAlignment,
                 settings: AlignSettings, flat: bool = False) -> None:
    m, n = len(rows), len(paras)
    skip_measure = settings.skip_measure if role == Role.INDICATOR else 1.0
    cost = CostTable(cost, m, n)
    if flat and n == m:
        # equal counts and nothing but the order to go by: any other alignment pays a skip
        # and saves nothing, so the diagonal is the one best alignment
        total, assigned, unplaced = 0.0, list(range(m)), []
        forward = None
    else:
        forward, move = items_forward(m, n, cost, skip_measure, settings.skip_item)
        total, assigned, unplaced = items_back(forward, move)
    # with counts that disagree, every decision has a margin: the forward pass above, one backward
    margins = match_margins(m, n, cost, skip_measure, settings.skip_item, assigned, total, forward) \
        if n != m and n and forward is not None else [INF] * m
    for i, j in enumerate(assigned):
        if j is not None and confidence(margins[i]) < DOUBT:
            rows[i].flags.append(Flag("alignment_uncertain", confidence(margins[i]),
                                      f"its {role.value} could as well belong to another measure"))
    for i, j in enumerate(assigned):
        if j is None:
            margin = (INF if n == 0 else 0.0) if n >= m or n == 0 else margins[i]
            rows[i].flags.append(Flag(_MISSING.get(role, f"no_{role.value}_in_source"), confidence(margin)))
        else:
            getattr(rows[i], role.value).append(paras[j])
    for j in unplaced:
        out.unplaced.append((paras[j], f"more {role.value} paragraphs than measures: not placed"))


def _place_extra(rows: list[AlignedRow], name: str, paras: list[Paragraph], out: BlockAlignment,
                 settings: AlignSettings) -> None:
    """An extra column: at most one paragraph per measure, in order.  A missing value is
    normal there (an empty `Notes` cell), so only a guess (fewer values than measures) is flagged."""
    m, n = len(rows), len(paras)
    cost = lambda i, j: 0.0  # noqa: E731 - nothing tells one value from another
    _, assigned, unplaced = items_to_measures(m, n, cost, settings.skip_measure, settings.skip_item)
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
            rows[i].flags.append(Flag("no_agencies_in_source", confidence(cells.cost_if_not_empty(i) - total)))
        for k in group[1:]:
            rows[i].flags.append(Flag("merged_continuation", confidence(cells.cost_if_starts(k) - total),
                                      f"agency paragraph {k + 1} of {len(paras)} joined to the one above"))
        if group and clean(paras[group[-1]].text).endswith(","):
            out.warnings.append(Warning_("agency cell ends with a comma but the counts say nothing follows; "
                                         "kept as it is", [paras[group[-1]].prov]))
