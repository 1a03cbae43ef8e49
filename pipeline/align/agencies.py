"""Agency cells: the agency paragraphs of a block cut into one group per measure.

Joining a paragraph to the one above is cheap when it looks like a continuation (the one
above ends with a comma or a connector, it starts in lower case, it completes a name cut in
two, it is a lone name after a long list) and dear when the two name the same agencies.
"""
from __future__ import annotations

import re

from ..contract import SATURATED
from ..model import Paragraph
from ..normalize.agencies import Gazetteer, whole_name_ids
from ..normalize.text import clean, fold
from .settings import DEFAULT, AlignSettings

INF = float("inf")
TOLERANCE = 1e-9  # for bounds summed in another order than the costs they bound
# a continuation cue from here says more that a paragraph goes on with the one above than not
GOES_ON = 0.5


def continuation_cue(prev: str, text: str, gazetteer: Gazetteer, settings: AlignSettings = DEFAULT,
                     lone: bool = True) -> float:
    """How much `text` looks like the rest of the agency list in `prev` (0..1).  `lone`: a lone
    name after a long list is a cue (not where the cell lists bodies one per paragraph)."""
    cues = []
    tail = fold(clean(prev))
    last_word = (re.findall(r"\w+", tail.lower()) or [""])[-1]
    if tail.endswith((",", ";")) or last_word in gazetteer.connectors:
        cues.append(settings.cue_comma)
    first = clean(text)[:1]
    # a generic body named in lower case starts a list
    opening = gazetteer.mentions(clean(text))[:1]
    if first.isalpha() and first.islower() and not (opening and opening[0].method == "generic"):
        cues.append(settings.cue_lower)
    # a paragraph that starts a body (`Министерство ...`, `МВД`) never completes the name above
    if not gazetteer.body_words.starts_body(text) and _completes_name(prev, text, gazetteer):
        cues.append(settings.cue_tail)
    n_here = len(whole_name_ids(gazetteer, text))
    n_prev = len(whole_name_ids(gazetteer, prev))
    if lone and n_here == 1 and n_prev >= 3:
        cues.append(settings.cue_lone)
    keep = 1.0
    for cue in cues:
        keep *= 1 - cue
    return 1 - keep


def _completes_name(prev: str, text: str, gazetteer: Gazetteer) -> bool:
    """Does `text` start with the rest of a name that `prev` ends with?"""
    head = re.split(r"[,;]", text)[0]
    tail = re.split(r"[,;]", prev)[-1]
    # whole names only: the two halves of a name cut in two are each a `partial` match of it
    # it starts with words that name nothing alone, or the paragraph above ends with such words ...
    head_alone = gazetteer.coverage(head, partial=False) >= 0.6
    tail_alone = not tail.strip() or gazetteer.coverage(tail, partial=False) >= 0.6
    together = gazetteer.coverage(tail + " " + head, partial=False) >= 0.9  # ... together a name
    return not (head_alone and tail_alone) and together


def continuation_cues(paras: list[Paragraph], ids: list[set[str]], gazetteer: Gazetteer,
                      settings: AlignSettings = DEFAULT,
                      after_blank: set[tuple] | frozenset = frozenset()) -> list[float]:
    """Each paragraph's continuation cue (0 for the first).  A lone name after a long list reads as
    its tail, unless the cell also names a body alone elsewhere (a lone name that follows no long
    list): then it may as well list bodies one per paragraph, and the lone name is no cue.

    `after_blank`: the paragraphs an empty paragraph stands above (`Block.after_blank`).  Where
    the cell sets some paragraphs apart so and not others, it sets the measures' lists apart:
    a paragraph after an empty one starts a list (no cue), one without goes on with the list
    above (`cue_no_blank`).  Where every paragraph, or none, is set apart, blanks tell nothing.
    A paragraph that starts a page (`_at_page_top`) may have had its empty paragraph at the foot
    of the page before, where no white tells it: unless its own text goes on with the paragraph
    above (a name cut by the page, `Committee on Religious` / `Affairs`), having none above it
    says half as much; a blank seen elsewhere outweighs it."""
    lone = not any(len(ids[k]) == 1 and (k == 0 or len(ids[k - 1]) < 3) for k in range(len(paras)))
    cues = [0.0] + [continuation_cue(paras[k - 1].text, paras[k].text, gazetteer, settings, lone)
                    for k in range(1, len(paras))]
    apart = [p.prov.part in (None, 0) and p.prov.source_key() in after_blank for p in paras]
    if any(apart[1:]) and not all(apart[1:]):
        keep = 1 - settings.cue_no_blank
        # at a page's top the blank may be there or not: half the cue, where the text does not
        # say itself that the paragraph goes on
        at_top = 1 - settings.cue_no_blank / 2
        cues = [0.0] + [0.0 if apart[k] else 1 - (1 - cues[k]) * (
                        at_top if cues[k] < GOES_ON and _at_page_top(paras, k) else keep)
                        for k in range(1, len(paras))]
    return cues


def _at_page_top(paras: list[Paragraph], k: int) -> bool:
    """Does paragraph k stand first on a page after paragraph k - 1 (a PDF's cell over a page
    break; the paragraph itself on one page, not a paragraph cut by it)?"""
    above, here = paras[k - 1].prov.pages or (), paras[k].prov.pages or ()
    return bool(above) and bool(here) and here[0] > above[-1]


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

    def __init__(self, paras: list[Paragraph], m: int, gazetteer: Gazetteer,
                 settings: AlignSettings = DEFAULT,
                 after_blank: set[tuple] | frozenset = frozenset()):
        self.n, self.m, self.settings = len(paras), m, settings
        # each paragraph's agencies: the halves of a cut name are no repeat
        self.ids = [whole_name_ids(gazetteer, p.text) for p in paras]
        self.cont = continuation_cues(paras, self.ids, gazetteer, settings, after_blank)
        # [s][k-s-1]: cost of group s..k-1
        self._groups: list[list[float]] = [[] for _ in range(self.n)]
        # [s]: the agencies that group names
        self._named: list[set[str]] = [set(ids) for ids in self.ids]
        # joins[t]: the join costs of paragraphs 1..t without repeats, a lower bound of any group's
        self.joins = [0.0] * (self.n + 1)
        for t in range(1, self.n):
            self.joins[t] = self.joins[t - 1] + (1 - self.cont[t])
        # no paragraph n: nothing more
        self.joins[self.n] = self.joins[self.n - 1] if self.n else 0.0
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
        """A few paragraphs either side of where measure i would end if the paragraphs were spread
        evenly."""
        centre = round(i * self.n / self.m) if self.m else self.n
        return max(0, centre - 3), min(self.n, centre + 3)

    def _spare(self) -> int | None:
        """The empty cells the bound allows, or None where it allows any number."""
        if self.settings.empty_cell <= 0 or self.bound == INF:
            return None
        return int(self.bound / self.settings.empty_cell + 1e-9)

    def band(self, i: int) -> tuple[int, int]:
        """The paragraphs k that the first i measures may cover in a cut that is not far off the
        best."""
        spare = self._spare()
        if spare is None:
            return 0, self.n
        return max(0, i - spare), min(self.n, self.n - self.m + i + spare)

    def rows_holding(self, t: int) -> range:
        """The measures i whose band (`band(i)`) holds paragraph t, in order."""
        spare = self._spare()
        if spare is None:
            return range(self.m + 1)
        return range(max(0, t - (self.n - self.m) - spare), min(self.m, t + spare) + 1)

    def group(self, s: int, k: int) -> float:
        """Cost of paragraphs s..k-1 forming one cell (the same sums, in the same order, as
        ever)."""
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
        """fwd[i][k]: the cheapest cut of paragraphs ..k-1 into i cells; back[i][k]: where cell i
        starts.

        Row i is filled from the finite states of row i - 1 only (`live`), each start s
        scanned from the nearest back, and the scan stops once no earlier start can come
        within reach of the bound; the row stops where no start can (what is left to cost is
        never below 0): the same values as a scan of every state, in fewer steps."""
        n, m = self.n, self.m
        empty, joins, bound = self.settings.empty_cell, self.joins, self.bound
        group, floor = self.group, self.floor
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
                if k > hi_prev and least[hi_prev] + joins[k - 1] > bound + TOLERANCE:
                    break  # no start comes within reach, here or further on: joins only grow
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
            # least[k2]: a lower bound of joins k+1..k2'-1 + after[k2'] over k2' >= k2, plus
            # joins[k]
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
        # beyond the band: as sure as a guess gets
        return self.total + SATURATED + 1 if possible else INF

    def cost_if_starts(self, t: int) -> float:
        """The best cut in which paragraph t starts a cell (is not joined to the one above)."""
        best = min((self.fwd[i][t] + self.bwd[i][t] for i in self.rows_holding(t)), default=INF)
        return self._alternative(best, self.m >= 2)

    def cost_if_moved(self, i: int, start: int, end: int) -> float:
        """The best cut in which measure i's (0-based) cell is not paragraphs start..end-1: it
        starts or ends elsewhere."""
        best = INF
        for j, fixed in ((i, start), (i + 1, end)):
            lo, hi = self.band(j)
            for t in range(lo, hi + 1):
                if t != fixed and self.fwd[j][t] < INF and self.bwd[j][t] < INF:
                    best = min(best, self.fwd[j][t] + self.bwd[j][t])
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
                        settings: AlignSettings = DEFAULT,
                        after_blank: set[tuple] | frozenset = frozenset()
                        ) -> tuple[float, list[list[int]]]:
    """Cut the agency paragraphs into m consecutive groups (one per measure): (cost, groups)."""
    cells = AgencyCells(paras, m, gazetteer, settings, after_blank)
    return cells.total, cells.groups()
