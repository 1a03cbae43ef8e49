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
from .model import Flag, Paragraph, Role, Warning_, confidence
from .normalize.agencies import Gazetteer, whole_name_ids
from .normalize.text import clean, fold

INF = float("inf")
TIE = 1e-6


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
                step = cost(i, j) + TIE * abs(i - j)
                if here + step < best[i + 1][j + 1]:
                    best[i + 1][j + 1], move[i + 1][j + 1] = here + step, "match"
            if i < m and i != forbid_skip and here + skip_measure < best[i + 1][j]:
                best[i + 1][j], move[i + 1][j] = here + skip_measure, "skip_measure"
            if j < n and here + skip_item < best[i][j + 1]:
                best[i][j + 1], move[i][j + 1] = here + skip_item, "skip_item"
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


def paragraphs_to_cells(paras: list[Paragraph], m: int, gazetteer: Gazetteer, forbid_join: int | None = None,
                        settings: AlignSettings = DEFAULT,
                        forbid_empty: int | None = None) -> tuple[float, list[list[int]]]:
    """Cut the agency paragraphs into m consecutive groups (one per measure).

    Returns (cost, groups of paragraph indexes).  `forbid_join` forbids joining
    that paragraph to the one above it, `forbid_empty` leaving that measure without
    agencies (both to measure margins).
    """
    n = len(paras)
    cont = [0.0] + [continuation_cue(paras[k - 1].text, paras[k].text, gazetteer, settings) for k in range(1, n)]
    ids = [whole_name_ids(gazetteer, p.text) for p in paras]  # the halves of a cut name are no repeat

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
            _place_items(rows, paras, role, lambda i, j: 0.0, out, settings)
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

