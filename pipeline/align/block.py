"""Aligning one block: its columns' paragraphs placed on its measures, one row per measure.

Each column is placed by a global optimisation over the whole block, never by greedy rules:

* timeframes and indicators (at most one per measure, in order) by a monotone alignment,
  `items.items_to_measures`: matching costs come from lexical similarity (indicators) or are
  flat (timeframes); leaving a measure without an item and leaving an item unplaced both
  cost, so the counts decide how many of each, the texts decide which;
* agencies (one or more consecutive paragraphs per measure) by a segmentation,
  `agencies.AgencyCells`;
* steps (sub-rows of a `Mechanism of implementation` column): each sub-row's steps paired
  with its deadlines in order, the same way.

Every decision that is not a plain 1:1 becomes a `Flag` on its row, with a confidence from
the margin: how much worse the best solution that decides otherwise is.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..blocks import Block, Unit
from ..contract import DOUBTFUL, SPLIT_DOUBTFUL, SPLIT_SURE, Flag, confidence
from ..enums import FlagName
from ..lexical import Lexical
from ..model import Paragraph, Role, Warning_, split_paragraphs
from ..normalize.agencies import Gazetteer
from ..normalize.numbering import label_of, paragraph_starts, split_to_count
from ..normalize.text import clean
from ..normalize.timeframes import cut_deadlines
from .agencies import AgencyCells
from .banded import PairCosts, align_in_band
from .items import (
    INF,
    SMALL,
    Costs,
    SmallCosts,
    items_back,
    items_forward,
    items_to_measures,
    match_margins,
    zeros,
)
from .settings import DEFAULT, AlignSettings
from .work import check_block, check_depth


@dataclass
class AlignedStep:
    """One step of a measure: its paragraphs and the deadline paragraphs beside it."""

    text: list[Paragraph]
    timeframe: list[Paragraph] = field(default_factory=list)


@dataclass
class AlignedRow:
    measure: Unit
    timeframe: list[Paragraph] = field(default_factory=list)
    agencies: list[Paragraph] = field(default_factory=list)
    indicator: list[Paragraph] = field(default_factory=list)
    # extra column header -> its paragraph
    extras: dict[str, list[Paragraph]] = field(default_factory=dict)
    steps: list[AlignedStep] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)


@dataclass
class BlockAlignment:
    rows: list[AlignedRow]
    unplaced: list[tuple[Paragraph, str]] = field(default_factory=list)
    warnings: list[Warning_] = field(default_factory=list)
    # paragraphs cut at line ends the reader joined
    split: list[Paragraph] = field(default_factory=list)
    # cells that may hold more paragraphs than they show
    doubtful: list[Flag] = field(default_factory=list)


def align_block(block: Block, gazetteer: Gazetteer, lexical: Lexical,
                settings: AlignSettings = DEFAULT) -> BlockAlignment:
    """The block's columns placed on its measures, one row per measure: each column of the
    header, the extra columns, the steps, then the agencies (whether the other cells, extra
    columns and steps too, had to be cut at unseen breaks is evidence for theirs)."""
    paragraphs = [p for paras in [*block.columns.values(), *block.extras.values()] for p in paras]
    file = paragraphs[0].prov.file if paragraphs else ""
    check_block(len(block.measures) + len(paragraphs), settings, file)
    check_depth([unit.text for unit in block.measures], settings, file)
    rows = [AlignedRow(measure=unit) for unit in block.measures]
    out = BlockAlignment(rows=rows)
    for role, paras in block.columns.items():
        if role != Role.AGENCIES:
            _place_column(rows, role, paras, out, lexical, settings,
                          whole=role in block.whole_cells)
    for name, paras in block.extras.items():
        if not rows:
            out.unplaced.extend((p, f"'{name}' paragraph in a row with no measure") for p in paras)
        else:
            _place_extra(rows, name, paras, out, settings, lexical.lang)
    if block.steps:
        _place_steps(rows, block, out, settings, lexical.lang)
    agencies = block.columns.get(Role.AGENCIES)
    if agencies is not None:
        _place_agency_column(rows, block, agencies, gazetteer, out, settings)
    flags = _row_flags(block, out)
    for row in rows:
        row.flags[:0] = flags
    return out


def _row_flags(block: Block, out: BlockAlignment) -> list[Flag]:
    """The flags every row of the block carries first: the block's own, its merged cells',
    its cells' paragraphs cut at line ends the page shows no break at, and its cells that may
    hold more paragraphs than they show."""
    split = [Flag(FlagName.PARAGRAPH_SPLIT, SPLIT_SURE,
                  f"{len(out.split)} paragraph(s) of a deadline or result cell cut at line ends "
                  "the page shows no break at")] if out.split else []
    return list(block.flags) + list(block.merged.values()) + split + out.doubtful


def _place_column(rows: list[AlignedRow], role: Role, paras: list[Paragraph], out: BlockAlignment,
                  lexical: Lexical, settings: AlignSettings, whole: bool = False) -> None:
    """A column of at most one paragraph per measure, in order (timeframes, indicators): the
    deadlines cut into whole timeframes where too few, the indicators matched by their words; a
    row of one measure takes every paragraph of its cell where the source marks the cell
    (`whole`: a table's cell, a record's field): its deadlines (`до 1 февраля 2022 г.` / `один
    раз в полугодие`: read together by `records`), its results (a list of two under
    `Measurement:`); not so a flattened text's, whose rows are a reading."""
    m = len(rows)
    if role in (Role.TIMEFRAME, Role.INDICATOR) and m == 1 and len(paras) > 1 and whole:
        getattr(rows[0], role.value).extend(paras)  # the row's one measure: its cell
        return
    if role == Role.TIMEFRAME and len(paras) < m:
        paras = _split_timeframes(paras, m, out)
    if m == 0:
        out.unplaced.extend((p, f"{role.value} paragraph in a row with no measure") for p in paras)
    elif role == Role.INDICATOR:
        paras = _split_by_count(paras, m, out, lexical.lang)
        measures = [row.measure.text for row in rows]
        _place_items(rows, paras, role, _unlike(lexical, measures, [p.text for p in paras]), out,
                     settings)
    else:
        _place_items(rows, paras, role, zeros(m, len(paras)), out, settings, flat=True)


def _unlike(lexical: Lexical, measures: list[str], texts: list[str]) -> Costs | PairCosts:
    """1 - the similarity of each measure (rows) and each text (columns): pair by pair where the
    table is small (`items.SMALL`), else as arrays of the pairs asked for
    (`Lexical.similarity_pairs`, for `banded`) or of the whole table
    (`Lexical.similarity_matrix`), the same numbers."""
    if len(measures) * len(texts) <= SMALL:
        return SmallCosts([[1.0 - lexical.similarity(a, b) for b in texts] for a in measures],
                          len(texts))
    return PairCosts(len(measures), len(texts),
                     lambda rows, cols: 1.0 - lexical.similarity_pairs(measures, texts, rows, cols),
                     lambda: 1.0 - lexical.similarity_matrix(measures, texts))


def _place_agency_column(rows: list[AlignedRow], block: Block, agencies: list[Paragraph],
                         gazetteer: Gazetteer, out: BlockAlignment,
                         settings: AlignSettings) -> None:
    """The agency column, last: its paragraphs may be cut at unseen line ends where the row's
    other cells were, or the reader saw paragraphs split."""
    if not rows:
        out.unplaced.extend((p, "agencies paragraph in a row with no measure") for p in agencies)
        return
    unseen = bool(out.split) or any(f.name == "paragraph_split" for f in block.flags)
    _place_agencies(rows, agencies, gazetteer, out, settings, unseen, block.after_blank)


def _split_timeframes(paras: list[Paragraph], m: int, out: BlockAlignment) -> list[Paragraph]:
    """Fewer deadline paragraphs than measures (or steps), read from a page that shows no
    paragraph breaks: cut into whole timeframes where `timeframes.cut_deadlines` says how."""
    chosen, left = cut_deadlines(paras, m)
    if left:
        out.doubtful.append(Flag(FlagName.PARAGRAPH_SPLIT, SPLIT_DOUBTFUL,
                                 f"{left} deadline paragraph(s) could be cut at line ends into "
                                 "whole timeframes, and the count does not say: left as they are"))
    out.split.extend(p for p, c in zip(paras, chosen) if c)
    return split_paragraphs(paras, chosen)


def _split_by_count(paras: list[Paragraph], m: int, out: BlockAlignment,
                    lang: str) -> list[Paragraph]:
    """Fewer paragraphs than measures, read from a page that shows no paragraph breaks: cut at
    the line ends where a paragraph may start (a capital after a line that ends a phrase), where
    those are exactly as many as the paragraphs missing; otherwise left as they are."""
    if len(paras) >= m:
        return paras
    result, cut, found = split_to_count(paras, m - len(paras), lang)
    if found > m - len(paras):
        out.doubtful.append(Flag(FlagName.PARAGRAPH_SPLIT, SPLIT_DOUBTFUL,
                                 f"{found} line ends of a cell may start a paragraph of their own, "
                                 f"for {m - len(paras)} missing: the cell left as it is"))
    out.split.extend(cut)
    return result


def _split_units(units: list[list[Paragraph]], n: int, out: BlockAlignment,
                 lang: str) -> list[list[Paragraph]]:
    """Fewer steps than the deadlines beside them: the last paragraph of each step cut where a
    paragraph may start, where such line ends are exactly as many as the steps missing."""
    cuts = paragraph_starts([unit[-1] for unit in units], lang)
    if sum(len(c) for c in cuts) != n - len(units):
        if any(cuts):
            out.doubtful.append(Flag(FlagName.PARAGRAPH_SPLIT, SPLIT_DOUBTFUL,
                                     "a step cell could be cut at line ends into more steps, and "
                                     "the count does not say which: left as it is"))
        return units
    result: list[list[Paragraph]] = []
    for unit, c in zip(units, cuts):
        pieces = unit[-1].split_at(c)
        result.append(unit[:-1] + pieces[:1])
        result.extend([piece] for piece in pieces[1:])
        if c:
            out.split.append(unit[-1])
    return result


def _numbered_units(units: list[list[Paragraph]], n: int) -> list[list[Paragraph]]:
    """Numbered steps (`1.`, `2.`) read as one step of several paragraphs, beside more deadlines
    than steps: each numbered paragraph a step of its own, where they are exactly as many as the
    deadlines (a cell listing the steps of several sub-rows); otherwise left as they are."""
    starts = [[k > 0 and _numbered(p) for k, p in enumerate(unit)] for unit in units]
    if not units or n <= len(units) or sum(map(sum, starts)) != n - len(units):
        return units
    out: list[list[Paragraph]] = []
    for unit, cut in zip(units, starts):
        out.append([unit[0]])
        for p, new in zip(unit[1:], cut[1:]):
            if new:
                out.append([p])
            else:
                out[-1].append(p)
    return out


def _numbered(p: Paragraph) -> bool:
    label = label_of(p.text)
    return label is not None and label.style in ("dot", "paren") and bool(label.number)


def _items_aligned(cost: Costs | PairCosts, skip_measure: float, skip_item: float
                   ) -> tuple[float, list[int | None], list[int], list[float], list[int | None]]:
    """(total, item of each measure or None, unplaced items, margins, runners-up): inside a band
    around the diagonal where its bound proves the answer the whole table's (`banded`), else
    over the whole table (`items`).  With counts that disagree, every decision has a margin:
    the forward pass, one backward."""
    m, n = cost.shape
    if isinstance(cost, PairCosts):
        found = align_in_band(cost, skip_measure, skip_item, margins=n != m)
        if found is not None:
            return found.total, found.assigned, found.unplaced, found.margins, found.runners_up
        cost = cost.table()
    forward, move = items_forward(cost, skip_measure, skip_item)
    total, assigned, unplaced = items_back(forward, move)
    margins: list[float] = [INF] * m
    runners_up: list[int | None] = [None] * m
    if n != m and n:
        margins, runners_up = match_margins(cost, skip_measure, skip_item, assigned, total,
                                            forward)
    return total, assigned, unplaced, margins, runners_up


# steps in sub-rows of a row that holds several measures: which measure they belong to is a guess
STEP_OWNER_GUESS = 0.3
_MISSING = {Role.TIMEFRAME: FlagName.NO_TIMEFRAME_IN_SOURCE,
            Role.INDICATOR: FlagName.NO_INDICATOR_IN_SOURCE}


def _place_items(rows: list[AlignedRow], paras: list[Paragraph], role: Role,
                 cost: Costs | PairCosts, out: BlockAlignment, settings: AlignSettings,
                 flat: bool = False) -> None:
    """`cost[i, j]`: measure i taking paragraph j; `flat`: all costs equal (only the order
    counts)."""
    m, n = len(rows), len(paras)
    skip_measure = settings.skip_measure if role == Role.INDICATOR else 1.0
    if flat and n == m:
        # equal counts and nothing but the order to go by: any other alignment pays a skip
        # and saves nothing, so the diagonal is the one best alignment
        assigned: list[int | None] = list(range(m))
        unplaced: list[int] = []
        margins: list[float] = [INF] * m
        runners_up: list[int | None] = [None] * m
    else:
        _, assigned, unplaced, margins, runners_up = _items_aligned(cost, skip_measure,
                                                                    settings.skip_item)

    def runner_up(i: int) -> str:
        """The decision the optimiser rejected for measure i, and what it would have cost."""
        j = runners_up[i]
        what = f"leave its {role.value} empty" if j is None else \
            f"give it {role.value} paragraph {j + 1} of {n} ('{_excerpt(paras[j].text)}')"
        return f"next best: {what}, cost +{margins[i]:.2f}"

    for i, j in enumerate(assigned):
        if j is not None and confidence(margins[i]) < DOUBTFUL:
            rows[i].flags.append(Flag(FlagName.ALIGNMENT_UNCERTAIN, confidence(margins[i]),
                                      f"its {role.value} could as well belong to another measure",
                                      runner_up(i)))
    for i, j in enumerate(assigned):
        if j is None:
            margin = (INF if n == 0 else 0.0) if n >= m or n == 0 else margins[i]
            missing = _MISSING.get(role, f"no_{role.value}_in_source")
            rows[i].flags.append(Flag(missing, confidence(margin),
                                      alternative=runner_up(i) if margin < INF else ""))
        else:
            getattr(rows[i], role.value).append(paras[j])
    for j in unplaced:
        out.unplaced.append((paras[j], f"more {role.value} paragraphs than measures: not placed"))
        for i in _beside(assigned, j):
            said = (f"a {role.value} paragraph beside it ('{_excerpt(paras[j].text)}') "
                    f"{PLACED_NOWHERE}: its own may be only part of its cell")
            rows[i].flags.append(Flag(FlagName.ALIGNMENT_UNCERTAIN, LEFT_BESIDE, said))


# a row beside a paragraph of its column that no measure took: its own may be cut from it
LEFT_BESIDE = 0.3
PLACED_NOWHERE = "was placed on no measure"


def _beside(assigned: list[int | None], j: int) -> list[int]:
    """The measures that took the items nearest before and after item j (every measure where
    none took one): those a paragraph left unplaced stood beside."""
    before = [i for i, k in enumerate(assigned) if k is not None and k < j]
    after = [i for i, k in enumerate(assigned) if k is not None and k > j]
    near = before[-1:] + after[:1]
    return near or list(range(len(assigned)))


def _excerpt(text: str, width: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1].rstrip() + "…"


def _next_best(what: str, margin: float) -> str:
    return f"next best: {what}, cost +{margin:.2f}" if margin < INF else ""


def _place_extra(rows: list[AlignedRow], name: str, paras: list[Paragraph], out: BlockAlignment,
                 settings: AlignSettings, lang: str) -> None:
    """An extra column: at most one paragraph per measure, in order.  A missing value is
    normal there (an empty `Notes` cell), so only a guess (fewer values than measures) is
    flagged."""
    m, n = len(rows), len(paras)
    if m == 1:  # one measure: the whole cell is its value
        rows[0].extras[name] = list(paras)
        return
    paras = _split_by_count(paras, m, out, lang)
    n = len(paras)
    # nothing tells one value from another: every cost is the same
    flat = zeros(m, n)
    _, assigned, unplaced = items_to_measures(flat, settings.skip_measure, settings.skip_item)
    for i, j in enumerate(assigned):
        rows[i].extras[name] = [] if j is None else [paras[j]]
        if 0 < n < m:
            rows[i].flags.append(Flag(FlagName.EXTRA_UNALIGNED, 0.0,
                                      f"'{name}': {n} values for {m} measures; which measure each "
                                      "belongs to is a guess"))
    for j in unplaced:
        out.unplaced.append((paras[j], f"more '{name}' paragraphs than measures: not placed"))


def _place_agencies(rows: list[AlignedRow], paras: list[Paragraph], gazetteer: Gazetteer,
                    out: BlockAlignment, settings: AlignSettings, unseen: bool = False,
                    after_blank: set[tuple] | frozenset = frozenset()) -> None:
    """`unseen`: the row's other cells were cut at line ends the page shows no break at;
    `after_blank`: the paragraphs an empty paragraph of their cell stands above."""
    whole = paras
    if len(rows) > 1 and (len(paras) < len(rows) or unseen) and any(p.breaks for p in paras):
        # several measures' agencies in a cell that shows no paragraph breaks (`Paragraph.breaks`),
        # too few paragraphs for them or beside cells that were cut: every line end the reader
        # joined is a candidate boundary, the cut decided as any other
        paras = split_paragraphs(paras, [list(p.breaks) for p in paras])
    cells = AgencyCells(paras, len(rows), gazetteer, settings, after_blank)
    by_key = {p.prov.key(): p for p in whole}  # the paragraphs as the reader gave them
    start = 0
    for i, group in enumerate(cells.groups()):
        rows[i].agencies = _rejoin([paras[k] for k in group], by_key)
        end = group[-1] + 1 if group else start
        rows[i].flags.extend(_agency_flags(cells, paras, i, group, start, end, rows[i].agencies,
                                           gazetteer))
        start = end
        if group and clean(paras[group[-1]].text).endswith(","):
            out.warnings.append(Warning_("agency cell ends with a comma but the counts say nothing "
                                         "follows; kept as it is", [paras[group[-1]].prov]))


def _agency_flags(cells: AgencyCells, paras: list[Paragraph], i: int, group: list[int], start: int,
                  end: int, placed: list[Paragraph], gazetteer: Gazetteer) -> list[Flag]:
    """The flags of measure i's agency cell, paragraphs `group` (start..end-1) of `paras`, and
    `placed` the cell as placed (pieces rejoined): cut at unseen line ends, another cut close,
    no agencies, each paragraph joined to the one above (but where the row's one measure's cell
    says so itself: `_said_continued`); each with its margin."""
    total, m = cells.total, cells.m
    flags = []
    margin = cells.cost_if_moved(i, start, end) - total if len(paras) > m and group else INF
    if any(p.prov.part is not None for p in placed):
        flags.append(Flag(FlagName.PARAGRAPH_SPLIT, min(SPLIT_SURE, confidence(margin)),
                          "agency cell cut at line ends the page shows no break at"))
    if margin < cells.settings.split_margin:  # paragraphs to spare, and another cut comes close
        flags.append(Flag(FlagName.AGENCY_SPLIT_UNCERTAIN, confidence(margin),
                          f"{len(paras)} agency paragraphs for {m} measures: this measure's "
                          f"are paragraphs {start + 1}-{end}",
                          _next_best("the agency paragraphs cut another way", margin)))
    if not group:
        margin = cells.cost_if_not_empty(i) - total
        flags.append(Flag(FlagName.NO_AGENCIES_IN_SOURCE, confidence(margin),
                          alternative=_next_best("give it an agency paragraph", margin)))
    for k in group[1:]:
        if m == 1 and _said_continued(paras[k - 1], paras[k], gazetteer):
            continue
        margin = cells.cost_if_starts(k) - total
        flags.append(Flag(FlagName.MERGED_CONTINUATION, confidence(margin),
                          f"agency paragraph {k + 1} of {len(paras)} joined to the one above",
                          _next_best(f"paragraph {k + 1} ('{_excerpt(paras[k].text)}') starts "
                                     "an agency cell of its own", margin)))
    return flags


def _said_continued(above: Paragraph, para: Paragraph, gazetteer: Gazetteer) -> bool:
    """Does a cell say itself that a paragraph goes on with the one above: a list going on past a
    comma in lower case (`Кадровые службы организаций Минэнерго,` / `отдел кадровой работы
    Минэнерго`; a capital may start another measure's list), an executor per paragraph (a name
    closed by a person's initials or a country, and an item that opens the next: `... Шебеко
    А.А.` / `Заместитель ...`), or a name cut by a line end (no comma or closed name above, no
    item opening the next: `Главный бухгалтер` / `Манкевич Е.В., ...`)?  In a row of one
    measure such a join is no judgement."""
    text, words = clean(above.text), gazetteer.body_words
    first, closed = clean(para.text)[:1], words.ends_closed(text)
    if text.endswith(","):
        return first.islower()
    return closed == words.starts_item(para.text) and not text.endswith(";")


def _rejoin(pieces: list[Paragraph], by_key: dict) -> list[Paragraph]:
    """Pieces of a paragraph that all went to one cell: the paragraph as the reader gave it
    (`by_key`: the cell's paragraphs by their provenance's key)."""
    out: list[Paragraph] = []
    for p in pieces:
        if p.prov.part is not None and out and out[-1].prov.source_key() == p.prov.source_key():
            out[-1] = Paragraph(out[-1].text + " " + p.text, out[-1].prov, out[-1].breaks)
        else:
            out.append(p)
    for k, p in enumerate(out):
        original = by_key.get(p.prov.source_key())
        if p.prov.part is not None and original is not None \
                and clean(p.text) == clean(original.text):
            out[k] = original
    return out


def _place_steps(rows: list[AlignedRow], block: Block, out: BlockAlignment, settings: AlignSettings,
                 lang: str) -> None:
    """Each sub-row's steps paired with its deadlines in order; the steps go to the block's
    (last) measure, the one the sub-rows stand under (a guess where the row holds several
    measures: `step_owner_uncertain` on each)."""
    if not rows:
        for cells in block.steps:
            why = "a step with no measure above it"
            out.unplaced.extend((p, why) for unit in cells.units for p in unit)
            why = "a step's deadline with no measure above it"
            out.unplaced.extend((p, why) for p in cells.timeframes)
        return
    row = rows[-1]
    if len(rows) > 1:  # the sub-rows stand under the row, not under one of its measures
        owner = Flag(FlagName.STEP_OWNER_UNCERTAIN, STEP_OWNER_GUESS,
                     f"{len(block.steps)} sub-row(s) of steps under a row of {len(rows)} measures: "
                     "given to the last")
        for measure_row in rows:
            measure_row.flags.append(owner)
    for cells in block.steps:
        units, tfs = _step_cells(cells.units, cells.timeframes, out, lang)
        if not units:
            row.steps.append(AlignedStep([], list(tfs)))
            continue
        if len(tfs) <= 1 or len(tfs) == len(units):
            pairs = _pair_in_order(units, tfs, row)
        else:
            pairs = _pair_by_alignment(units, tfs, row, settings)
        row.steps.extend(AlignedStep(list(unit), pair) for unit, pair in zip(units, pairs))


def _step_cells(units: list[list[Paragraph]], tfs: list[Paragraph], out: BlockAlignment,
                lang: str) -> tuple[list[list[Paragraph]], list[Paragraph]]:
    """A sub-row's steps and deadlines, each cut where a page showed no break between them:
    the deadlines into whole timeframes, the steps at their numbers or at their line ends, to
    as many as the deadlines say."""
    tfs = _split_timeframes(tfs, max(len(units), len(tfs)), out)
    units = _numbered_units(units, len(tfs))
    if units and len(tfs) >= len(units):  # steps on lines the page shows no break between
        units = _split_units(units, len(tfs), out, lang)
    return units, tfs


def _pair_in_order(units: list[list[Paragraph]], tfs: list[Paragraph],
                   row: AlignedRow) -> list[list[Paragraph]]:
    """As many deadlines as steps: one each, in order; one deadline: the last step's (theirs
    together, flagged, beside several steps); none: no step has one."""
    if len(tfs) == 1 and len(units) > 1:  # one deadline beside several steps: theirs together
        pairs: list[list[Paragraph]] = [[] for _ in units]
        pairs[-1] = list(tfs)
        row.flags.append(Flag(FlagName.STEP_TIMEFRAME_SHARED, 0.5,
                              f"one deadline beside {len(units)} steps: given to the last"))
        return pairs
    return [[tfs[k]] if k < len(tfs) and (len(tfs) == len(units) or k == len(units) - 1) else []
            for k in range(len(units))]


def _pair_by_alignment(units: list[list[Paragraph]], tfs: list[Paragraph], row: AlignedRow,
                       settings: AlignSettings) -> list[list[Paragraph]]:
    """More deadlines than one, and not as many as the steps: paired in order by a monotone
    alignment (`items_to_measures`, all costs equal); a deadline left over stays with the step
    before it (a cell of two lines). Flagged: the pairing is a guess."""
    flat = zeros(len(units), len(tfs))
    _, assigned, unplaced = items_to_measures(flat, 1.0, settings.skip_item)
    pairs = [[] if j is None else [tfs[j]] for j in assigned]
    for j in unplaced:
        k = max((i for i, a in enumerate(assigned) if a is not None and a < j), default=0)
        pairs[k].append(tfs[j])
    row.flags.append(Flag(FlagName.STEP_TIMEFRAME_UNCERTAIN, 0.3,
                          f"{len(units)} steps beside {len(tfs)} deadlines: paired in order"))
    return pairs
