"""The column cut: the paragraphs after a block's measures, cut into the columns after the
measure column (the flattened text lists each column's paragraphs in turn).

The columns keep header order; each takes a run of consecutive paragraphs (possibly none).
The cut that minimises fit cost plus count cost wins: a paragraph fits the timeframe column
when the grammar reads it, the agency column when the gazetteer covers it, an indicator or an
extra value when it is neither; each column is expected to hold one paragraph per measure
(agencies: at least one; indicators and extras: at most one).  Its confidence is the margin
to the best cut that moves any one boundary (one forward and one backward pass).  Where a
block has indicators and extra values, an indicator is told by the words it shares with the
measures.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..blocks import Column
from ..contract import SATURATED, confidence
from ..data import ends_open
from ..lexical import Lexical
from ..model import Role
from ..normalize.agencies import Gazetteer
from ..normalize.timeframes import looks_like_timeframe
from .settings import DEFAULT, AlignSettings
from .work import EVALUATIONS

INF = float("inf")


@dataclass
class Cut:
    """Where each column of a cut starts (`starts[c]`; the last column ends at the end), its cost,
    and its confidence."""

    starts: list[int]
    cost: float
    confidence: float

    @property
    def over(self) -> bool:
        return self.cost == INF

    def runs(self, n: int) -> list[range]:
        ends = self.starts[1:] + [n]
        return [range(s, e) for s, e in zip(self.starts, ends)]


OVER = Cut([], INF, 0.0)  # no cut within the budget
_Layers = list[list[float]]  # a figure for each column (a layer) and number of paragraphs


class Fits:
    """What each paragraph looks like: a timeframe, a list of agencies, a measure."""

    def __init__(self, texts: list[str], gazetteer: Gazetteer, settings: AlignSettings = DEFAULT):
        self.texts = texts
        self.settings = settings
        self.is_tf = [looks_like_timeframe(t) for t in texts]
        self.cover = [gazetteer.coverage(t, unmatched_with_head=True) for t in texts]
        self.like_measure = [0.0] * len(texts)
        self._names_cut_over_lines(gazetteer)

    def _names_cut_over_lines(self, gazetteer: Gazetteer) -> None:
        """A body's name cut over two lines of its cell (`Ministry of` / `Transport`, `Комитет по
        делам` / `молодежи`, `заинтересованные` / `министерства и ведомства`): where a line ends
        mid-phrase or the next goes on in lower case, neither a deadline, each line reads as bodies
        as far as the two read together name bodies that the other line alone does not."""
        letters = [_letters(t) for t in self.texts]
        for k in range(1, len(self.texts)):
            if self.is_tf[k] or self.is_tf[k - 1] or not letters[k] or not letters[k - 1]:
                continue
            if not ends_open(self.texts[k - 1]) and not _lower_start(self.texts[k]):
                continue
            both = f"{self.texts[k - 1]} {self.texts[k]}"
            joined = gazetteer.coverage(both, unmatched_with_head=True)
            named = joined * (letters[k - 1] + letters[k])
            for this, other in ((k - 1, k), (k, k - 1)):
                gain = (named - self.cover[other] * letters[other]) / letters[this]
                self.cover[this] = max(self.cover[this], min(1.0, gain))

    def after(self, m: int) -> "Fits":
        """The same readings for the paragraphs from the m-th on (nothing read twice)."""
        out = object.__new__(Fits)
        out.texts, out.settings = self.texts[m:], self.settings
        out.is_tf, out.cover = self.is_tf[m:], self.cover[m:]
        out.like_measure = self.like_measure[m:]
        return out

    def compare_with(self, measures: list[str], lexical: Lexical | None) -> None:
        """Each paragraph's best similarity to the block's measures (for indicator vs extra)."""
        if lexical is not None and measures and self.texts:
            self.like_measure = lexical.similarity_matrix(measures, self.texts).max(axis=0).tolist()

    def free_text(self, k: int) -> float:
        """A paragraph of text that is neither a timeframe nor a list of agencies."""
        return self.settings.misfit if self.is_tf[k] else self.settings.misfit * self.cover[k]

    def fit(self, role: Role, k: int, similar: bool = False) -> float:
        s = self.settings
        if role == Role.TIMEFRAME:
            return 0.0 if self.is_tf[k] else s.misfit
        if role == Role.AGENCIES:
            return 0.0 if self.cover[k] >= s.agency_cover else s.misfit * (1 - self.cover[k])
        base = self.free_text(k)
        if not similar:
            return base
        if role == Role.INDICATOR:
            return base + s.similar * (1 - self.like_measure[k])
        return base + s.similar * self.like_measure[k]


def _letters(text: str) -> int:
    """The letters `Gazetteer.coverage` counts a share of."""
    return len(re.findall(r"\w", text))


def _lower_start(text: str) -> bool:
    first = next((ch for ch in text if ch.isalnum()), "")
    return first.isalpha() and first.islower()


def count_cost(role: Role, size: int, m: int, settings: AlignSettings = DEFAULT) -> float:
    if role == Role.TIMEFRAME:
        return settings.count * abs(size - m)
    if role == Role.AGENCIES:
        return settings.count * max(0, m - size)
    return settings.count * max(0, size - m)  # indicators, steps and extra values may be missing


def cut_columns(fits: Fits, columns: list[Column], m: int, settings: AlignSettings = DEFAULT,
                budget: float = INF) -> Cut:
    """The best cut of all `fits` paragraphs into `columns` for a block of m measures; `OVER`
    (cost INF) when every cut costs more than `budget` (a caller that has a cheaper reading
    already needs no exact figure for a dearer one)."""
    if not columns:
        return Cut([], 0.0, 1.0)
    search = _CutSearch(fits, [c.role for c in columns], m, settings)
    found = search.forward(budget)
    if found is None:
        return OVER
    return search.best(*found)


class _CutSearch:
    """The search for a cut: states (c columns hold paras[:k]) in layers, one per column.

    Only the states that a cut within SATURATED of the best can pass through are visited: the
    count costs are convex in a column's size, so their best split over the columns before
    and after a state (`before`, `behind`) is a lower bound for it."""

    def __init__(self, fits: Fits, roles: list[Role], m: int, settings: AlignSettings):
        self.n = n = len(fits.texts)
        self.c_count = len(roles)
        similar = Role.INDICATOR in roles and Role.EXTRA in roles and any(fits.like_measure)
        # prefix[c][i]: fit cost of paras[:i] in column c, so a run's fit is a difference
        self.prefix = [_prefix(fits, role, similar) for role in roles]
        sizes = range(n + 1)
        self.counts = [[count_cost(role, size, m, settings) for size in sizes] for role in roles]
        self.before, self.behind = _count_bounds(self.counts, n)

    def band(self, c: int, bound: float) -> range:
        """The sizes k that layer c's states within `bound` may hold: an interval, as the bound
        is convex in k."""
        n, before, behind = self.n, self.before, self.behind
        ks = [k for k in range(n + 1) if before[c][k] + behind[c][n - k] <= bound + 1e-9]
        return range(ks[0], ks[-1] + 1) if ks else range(0)

    def forward(self, budget: float) -> tuple[_Layers, list[list[int]], list[range]] | None:
        """The forward pass over bands widened until the best cut lies SATURATED inside them (or
        they hold every state): its layers, back pointers and bands; None when every cut costs
        more than `budget`."""
        n, c_count = self.n, self.c_count
        bound = 3.0
        while True:
            bands = [self.band(c, bound) for c in range(c_count + 1)]
            layers = self._layers(bands, bound, budget)
            if layers is None:
                return None
            fwd, back = layers
            if fwd[c_count][n] + SATURATED <= bound + 1e-9 or len(bands[1]) == n + 1:
                return fwd, back, bands
            wider = fwd[c_count][n] + SATURATED if fwd[c_count][n] < INF else bound * 4
            bound = budget if bound < budget < wider else wider  # the budget's own bands settle it

    def _layers(self, bands: list[range], bound: float,
                budget: float) -> tuple[_Layers, list[list[int]]] | None:
        """fwd[c][k]: cost of paras[:k] in columns[:c]; back[c][k]: where column c-1 starts in
        it. None where a layer lies all over the budget."""
        n, c_count = self.n, self.c_count
        fwd = [[INF] * (n + 1) for _ in range(c_count + 1)]
        back = [[0] * (n + 1) for _ in range(c_count + 1)]
        fwd[0][0] = 0.0
        for c in range(1, c_count + 1):
            _forward_layer(fwd[c - 1], fwd[c], back[c], bands[c - 1], bands[c], self.prefix[c - 1],
                           self.counts[c - 1])
            # costs only grow: a layer all over the budget, once every cut within it is in the
            # bands, ends the search
            if bound >= budget and min((fwd[c][k] for k in bands[c]), default=INF) > budget:
                return None
        return fwd, back

    def best(self, fwd: _Layers, back: list[list[int]], bands: list[range]) -> Cut:
        """The best cut, followed back, with its confidence: the margin to the best cut that
        moves any one boundary (a backward pass)."""
        n, c_count = self.n, self.c_count
        bwd = [[INF] * (n + 1) for _ in range(c_count + 1)]
        bwd[c_count][n] = 0.0
        for c in range(c_count - 1, -1, -1):
            _backward_layer(bwd[c + 1], bwd[c], bands[c], bands[c + 1], self.prefix[c],
                            self.counts[c])
        cuts = [n]
        for c in range(c_count, 0, -1):
            cuts.append(back[c][cuts[-1]])
        cuts.reverse()  # cuts[c]: where column c starts; cuts[-1] == n
        best = fwd[c_count][n]
        alternatives = [fwd[c][k] + bwd[c][k] for c in range(1, c_count) for k in bands[c]
                        if k != cuts[c]]
        margin = min(alternatives, default=INF) - best
        if margin == INF and c_count >= 2:
            margin = SATURATED + 1  # every other cut lies beyond the band: as sure as a guess gets
        return Cut(cuts[:-1], best, confidence(margin))


def _prefix(fits: Fits, role: Role, similar: bool) -> list[float]:
    """The fit cost of the first i paragraphs in a column of `role`, for each i."""
    run = [0.0]
    for k in range(len(fits.texts)):
        run.append(run[-1] + fits.fit(role, k, similar))
    return run


def _count_bounds(counts: _Layers, n: int) -> tuple[_Layers, _Layers]:
    """before[c][size]: the best count cost of columns ..c-1 holding `size` paragraphs;
    behind[c][size]: of the columns c.. holding them."""
    c_count = len(counts)
    before = [[0.0] + [INF] * n]
    for c in range(c_count):
        before.append(counts[c] if c == 0 else _min_plus(before[-1], counts[c]))
    behind = [[0.0] + [INF] * n]
    for c in range(c_count - 1, -1, -1):
        behind.append(counts[c] if c == c_count - 1 else _min_plus(behind[-1], counts[c]))
    behind.reverse()
    return before, behind


def _min_plus(f: list[float], g: list[float]) -> list[float]:
    """min over a + b = k of f[a] + g[b], for convex f and g on sizes 0..n: their slopes merged."""
    n = len(f) - 1
    out = [f[0] + g[0]]
    a = b = 0
    while a + b < n:
        df = f[a + 1] - f[a] if a < n else INF
        dg = g[b + 1] - g[b] if b < n else INF
        if df <= dg:
            out.append(out[-1] + df)
            a += 1
        else:
            out.append(out[-1] + dg)
            b += 1
    return out


# -- one layer of the cut, in O(n log n) -------------------------------------------------------
# A run s..k of column c costs span(s, k) = prefix[k] - prefix[s] + counts[k - s]. A layer's matrix
# cost(k, s) = before[s] + span(s, k) is Monge: the fit is a difference of prefix sums (a part
# of k's and a part of s's) and the count cost is convex in k - s (INF for s > k keeps it so).
# The leftmost best s of each k therefore never moves left as k grows, and divide and conquer
# finds every row's best in O(n log n) evaluations instead of all O(n^2) (Aggarwal, Klawe, Moran,
# Shor, Wilber 1987); the same holds for the backward pass. Each cost is the same sum, in the
# same order, as the plain double loop's: the results are identical to the last bit.

def _forward_layer(before, out, back, sources: range, targets: range, prefix, counts) -> None:
    """out[k] = min over s <= k in `sources` of before[s] + span(s, k); back[k], the first s of a
    tie."""
    if not sources or not targets:
        return
    stack = [(targets.start, targets.stop - 1, sources.start, sources.stop - 1)]
    while stack:
        lo, hi, s_lo, s_hi = stack.pop()
        if lo > hi:
            continue
        k = (lo + hi) // 2
        at_k = prefix[k]
        best, arg = INF, s_lo
        EVALUATIONS["cut"] += max(0, min(s_hi, k) + 1 - s_lo)
        for s in range(s_lo, min(s_hi, k) + 1):
            cost = before[s] + (at_k - prefix[s] + counts[k - s])
            if cost < best:
                best, arg = cost, s
        if best < out[k]:
            out[k], back[k] = best, arg
        stack.append((lo, k - 1, s_lo, arg))
        stack.append((k + 1, hi, arg, s_hi))


def _backward_layer(after, out, sources: range, targets: range, prefix, counts) -> None:
    """out[s] = min over k >= s in `targets` of span(s, k) + after[k]."""
    if not sources or not targets:
        return
    stack = [(sources.start, sources.stop - 1, targets.start, targets.stop - 1)]
    while stack:
        lo, hi, k_lo, k_hi = stack.pop()
        if lo > hi:
            continue
        s = (lo + hi) // 2
        at_s = prefix[s]
        best, arg = INF, k_hi
        EVALUATIONS["cut"] += max(0, k_hi + 1 - max(k_lo, s))
        for k in range(max(k_lo, s), k_hi + 1):
            cost = prefix[k] - at_s + counts[k - s] + after[k]
            if cost < best:
                best, arg = cost, k
        out[s] = best
        stack.append((lo, s - 1, k_lo, arg))
        stack.append((s + 1, hi, arg, k_hi))
