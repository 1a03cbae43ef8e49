"""The agency segmentation as it stood before it was made incremental (issue 10): the reference.

`paragraphs_to_cells` recomputes each group's cost inside its loops and `place_agencies`
re-runs it once per decision to measure a margin; `place_items` re-runs the monotone
alignment once per measure left without an item.  Kept verbatim, so that a test can show
that the fast aligner gives the same groups, flags and confidences.
"""
from pipeline.align import DEFAULT, AlignedRow, AlignSettings, BlockAlignment
from pipeline.align.agencies import continuation_cues
from pipeline.align.items import INF, TIE
from pipeline.contract import DOUBTFUL as DOUBT
from pipeline.model import Role
from pipeline.contract import Flag, confidence
from pipeline.model import Paragraph, Warning_
from pipeline.normalize.agencies import Gazetteer, whole_name_ids
from pipeline.normalize.text import clean

MISSING = {Role.TIMEFRAME: "no_timeframe_in_source", Role.INDICATOR: "no_indicator_in_source"}


def paragraphs_to_cells(paras: list[Paragraph], m: int, gazetteer: Gazetteer, forbid_join: int | None = None,
                        settings: AlignSettings = DEFAULT,
                        forbid_empty: int | None = None) -> tuple[float, list[list[int]]]:
    """Cut the agency paragraphs into m consecutive groups (one per measure).

    Returns (cost, groups of paragraph indexes).  `forbid_join` forbids joining
    that paragraph to the one above it, `forbid_empty` leaving that measure without
    agencies (both to measure margins).
    """
    n = len(paras)
    ids = [whole_name_ids(gazetteer, p.text) for p in paras]  # the halves of a cut name are no repeat
    cont = continuation_cues(paras, ids, gazetteer, settings)  # the cues of today (issue 26: the lone-name rule)

    def group_cost(s: int, k: int) -> float:
        """Cost of paragraphs s..k-1 forming one cell (s > 0: a cell starts at s)."""
        cost = cont[s] if s > 0 else 0.0  # starting a cell at a paragraph that looks continued
        named = set(ids[s])
        for t in range(s + 1, k):
            if t == forbid_join:
                return INF
            # joining a paragraph that names agencies already in the cell: unlike one list
            shared = len(named & ids[t]) / min(len(named), len(ids[t])) if named and ids[t] else 0.0
            cost += (1 - cont[t]) + settings.duplicate * shared
            named |= ids[t]
        return cost

    best = [[INF] * (n + 1) for _ in range(m + 1)]
    back = [[0] * (n + 1) for _ in range(m + 1)]
    best[0][0] = 0.0
    for i in range(1, m + 1):
        for k in range(n + 1):
            for s in range(k + 1):
                if best[i - 1][s] == INF:
                    continue
                if s == k and i - 1 == forbid_empty:
                    continue
                cost = best[i - 1][s] + (settings.empty_cell if s == k else group_cost(s, k))
                if cost < best[i][k]:
                    best[i][k], back[i][k] = cost, s
    groups: list[list[int]] = []
    k = n
    for i in range(m, 0, -1):
        s = back[i][k]
        groups.append(list(range(s, k)))
        k = s
    return best[m][n], groups[::-1]


def place_agencies(rows: list[AlignedRow], paras: list[Paragraph], gazetteer: Gazetteer,
                    out: BlockAlignment, settings: AlignSettings) -> None:
    m = len(rows)
    total, groups = paragraphs_to_cells(paras, m, gazetteer, settings=settings)
    for i, group in enumerate(groups):
        rows[i].agencies = [paras[k] for k in group]
        if not group:
            alt, _ = paragraphs_to_cells(paras, m, gazetteer, settings=settings, forbid_empty=i)
            rows[i].flags.append(Flag("no_agencies_in_source", confidence(alt - total)))
        for k in group[1:]:
            alt, _ = paragraphs_to_cells(paras, m, gazetteer, forbid_join=k, settings=settings)
            rows[i].flags.append(Flag("merged_continuation", confidence(alt - total),
                                      f"agency paragraph {k + 1} of {len(paras)} joined to the one above"))
        if group and clean(paras[group[-1]].text).endswith(","):
            out.warnings.append(Warning_("agency cell ends with a comma but the counts say nothing follows; "
                                         "kept as it is", [paras[group[-1]].prov]))


# the monotone alignment of items as it stood (cell by cell, `cost` a function of (i, j))

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
                  assigned: list[int | None], total: float) -> list[float]:
    """For each measure given an item, how much dearer the best alignment is that gives it
    another item or none (one forward and one backward pass over the same moves)."""
    fwd = [[INF] * (n + 1) for _ in range(m + 1)]
    fwd[0][0] = 0.0
    for i in range(m + 1):
        for j in range(n + 1):
            here = fwd[i][j]
            if i and j:
                here = min(here, fwd[i - 1][j - 1] + _step(cost, i - 1, j - 1))
            if i:
                here = min(here, fwd[i - 1][j] + skip_measure)
            if j:
                here = min(here, fwd[i][j - 1] + skip_item)
            fwd[i][j] = here
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
        if mine is None:
            margins.append(INF)
            continue
        alt = min(min(fwd[i][j] + skip_measure + bwd[i + 1][j] for j in range(n + 1)),
                  min((fwd[i][j] + _step(cost, i, j) + bwd[i + 1][j + 1] for j in range(n) if j != mine),
                      default=INF))
        margins.append(alt - total)
    return margins


def place_items(rows: list[AlignedRow], paras: list[Paragraph], role: Role, cost, out: BlockAlignment,
                 settings: AlignSettings) -> None:
    m, n = len(rows), len(paras)
    skip_measure = settings.skip_measure if role == Role.INDICATOR else 1.0
    total, assigned, unplaced = items_to_measures(m, n, cost, skip_measure, settings.skip_item)
    # with counts that disagree, a measure that got an item may owe it to a toss-up
    margins = match_margins(m, n, cost, skip_measure, settings.skip_item, assigned, total) if n != m else []
    for i, margin in enumerate(margins):
        if confidence(margin) < DOUBT:
            rows[i].flags.append(Flag("alignment_uncertain", confidence(margin),
                                      f"its {role.value} could as well belong to another measure"))
    for i, j in enumerate(assigned):
        if j is None:
            if n >= m or n == 0:
                margin = INF if n == 0 else 0.0
            else:
                alt, _, _ = items_to_measures(m, n, cost, skip_measure, settings.skip_item, forbid_skip=i)
                margin = alt - total
            rows[i].flags.append(Flag(MISSING.get(role, f"no_{role.value}_in_source"), confidence(margin)))
        else:
            getattr(rows[i], role.value).append(paras[j])
    for j in unplaced:
        out.unplaced.append((paras[j], f"more {role.value} paragraphs than measures: not placed"))


