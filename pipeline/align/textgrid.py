"""Reading a flattened text back into the plan's grid: a scored choice.

A web copy, a scraper or a PDF-to-text tool lists a table's cells one after the other: each
row's cells in column order, a merged cell once, at its first row, an empty cell not at all.
A row may hold one measure (each measure followed by its own cells), or all the measures of
a section (its measures, then each column's paragraphs in turn); both may mix in one text.

1. **Labels.**  Each paragraph's label (`normalize.numbering`).  Which kind of label numbers
   the measures is not known beforehand (`1.` is an objective in one plan, a measure in
   another): every kind the text uses is tried in turn (and none: measures with no number),
   the kinds first used before it number the headings, those after it are items inside a
   cell; each reading is scored in full and the cheapest kept, its margin over the next the
   confidence of the whole reading.
2. **Rows.**  A labelled paragraph has its column (a `№` number, an objective, a problem, a
   measure, a heading row of its own); one whose column lies before the row's last, or that
   follows unlabelled paragraphs once the row has its measure, starts a new row.
3. **Cells.**  The unlabelled paragraphs of a row are cut into its columns: where the row
   holds several measures by the column cut (`columns.cut_columns`, with counts); where it
   holds one, by a Viterbi pass over column states that may also start a row of its own
   (a step's sub-row, a measure with no number, an unnumbered heading), with the runner-up
   of each paragraph as its confidence.
4. **Merged cells.**  A measure row with no agency text below one with agencies, under the
   same heading, takes the cell above as merged down over it (a judgement: `merged_cell`).

The result is a `Table` of the header's columns that `structure` reads as any other grid.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..blocks import Column, ColumnMap, GridRead
from ..contract import DOUBTFUL, SATURATED, Flag, confidence
from ..data import builtin
from ..lexical import Lexical
from ..model import Cell, Paragraph, Role, Row, Table
from ..normalize.agencies import Gazetteer
from ..normalize.numbering import FIRST_ITEMS, LEVEL_STYLES, Label, label_of
from ..normalize.text import clean
from ..normalize.timeframes import looks_like_timeframe
from .columns import Fits, cut_columns
from .settings import DEFAULT, AlignSettings
from .work import EVALUATIONS, check_block, check_depth

INF = float("inf")
HEADING = "heading"  # a row of its own that spans the table
# the columns where several paragraphs of one cell may be labelled
REPEATABLE = frozenset({Role.MEASURE, Role.NUMBER, Role.PROBLEM})
MAX_FREE_MEASURES = 60  # measures with no number in one column-wise block: counts tried up to this


@lru_cache(maxsize=1)
def _annex_marker() -> re.Pattern:
    rows = builtin("annex_markers.csv", ("lang", "word"))
    words = sorted({r["word"] for r in rows}, key=len, reverse=True)
    return re.compile(r"^\s*(?:" + "|".join(re.escape(w) for w in words)
                      + r")\s*(?:№\s*)?(\d{1,3}|[IVX]{1,6})\b",
                      re.IGNORECASE)


def table_end(paras: list[Paragraph]) -> int:
    """Where the table ends in the text after its header: at the first `Annex 2` / `Приложение 2`
    (another part of the document starts there), else at the end."""
    marker = _annex_marker()
    return next((k for k, p in enumerate(paras) if k and marker.match(p.text)), len(paras))


# -- segments: paragraphs with the items that belong to them -----------------------------

@dataclass
class Segment:
    paras: list[Paragraph]
    column: int | str | None  # a forced column index, HEADING, or None (to be chosen)
    label: Label | None = None

    @property
    def text(self) -> str:
        return " ".join(p.text for p in self.paras)


@dataclass
class Reading:
    """One way of reading the text back: its rows (each a list of (segment, column) with
    `column` an index or HEADING), their flags, and its cost."""

    rows: list[list[tuple[Segment, int | str]]] = field(default_factory=list)
    flags: dict[int, list[Flag]] = field(default_factory=dict)
    cost: float = 0.0
    what: str = ""
    # a reading dearer than this loses to one already read: it is given up (cost INF)
    ceiling: float = INF

    @property
    def budget(self) -> float:
        """What the rest of this reading may cost before it is given up (a little slack, so that a
        reading given up could not have tied)."""
        return self.ceiling - self.cost + 1e-6

    def give_up(self) -> None:
        self.cost = INF


class TextGrid:
    """Reads the paragraphs after a header into the grid of its columns."""

    def __init__(self, columns: list[Column], gazetteer: Gazetteer, lexical: Lexical | None = None,
                 settings: AlignSettings = DEFAULT):
        self.columns = columns
        # the columns by role, as every reader of a grid looks them up
        self.map = ColumnMap.of(columns)
        self.roles = list(self.map.roles)
        self.gazetteer, self.lexical, self.settings = gazetteer, lexical, settings
        self.col = dict(self.map.index)  # a plain dict: looked up in the lattice's inner loops
        self.text_cols = self.map.text_columns
        self.after_measure = [c for c in self.text_cols if c > self.col.get(Role.MEASURE, -1)
                              and self.roles[c] not in (Role.OBJECTIVE, Role.PROBLEM)]
        # a row lattice's states and moves, by how its row starts (`_Lattice._moves`)
        self.lattice_moves: dict[tuple[bool, bool], _Moves] = {}

    # -- the whole text -------------------------------------------------------------------
    def read(self, paras: list[Paragraph], file: str = "") -> GridRead:
        end = table_end(paras)
        body, rest = paras[:end], paras[end:]
        labels = self._labels(body)
        check_depth([p.text for p in body], self.settings, file or _file_of([Segment(body, None)]))
        patterns = _patterns(labels)
        candidates = self._candidates(labels, patterns)
        readings: list[Reading] = [Reading()] * len(candidates)
        # The likeliest reading first: the others need be read only as far as they stay within
        # SATURATED of it (beyond that neither the choice nor its confidence can change).
        ceiling = INF
        for i in _likeliest_first(candidates, labels):
            readings[i] = self._reading(body, labels, patterns, candidates[i], ceiling)
            ceiling = min(ceiling, readings[i].cost + SATURATED)
        readings.sort(key=lambda r: r.cost)
        best = readings[0]
        grid = self._table(best)
        grid.cost = best.cost
        # the readings that give another grid
        others = [r for r in readings[1:] if _shape(r) != _shape(best)]
        if others:
            margin = others[0].cost - best.cost
            if confidence(margin) < DOUBTFUL:
                flag = Flag("grid_uncertain", confidence(margin),
                            f"the text could be read back into the table another way ({best.what})",
                            f"next best: {others[0].what}, cost +{margin:.2f}")
                for r in range(len(grid.table.rows)):
                    grid.row_flags.setdefault(r, []).append(flag)
        grid.back_matter = rest
        return grid

    def _labels(self, paras: list[Paragraph]) -> list[Label | None]:
        """Each paragraph's label.  A number alone in its paragraph is a `№` cell (or, with no `№`
        column, the number of the paragraph after it, when printed with its dot) only where it
        continues the numbering before it, or the last number printed the same way (objective
        rows `1`, `2` between measures `1.` to `6.`): `500` after `3` is a value, not a number."""
        out: list[Label | None] = []
        last: str | None = None
        # the last number of each kind: objective rows number apart
        last_of: dict[tuple[int, bool], str] = {}
        for p in paras:
            label = label_of(p.text)
            if label is not None and label.style == "bare":
                kind = (label.number.count("."), label.has_trailing_dot)
                follows = _follows(last, label.number) \
                    or kind in last_of and _follows(last_of[kind], label.number)
                if not follows or Role.NUMBER not in self.col and not label.has_trailing_dot:
                    label = None
                else:
                    last = last_of[kind] = label.number
                    if Role.NUMBER not in self.col:
                        label = Label("dot", label.number, "", label.has_trailing_dot)
            out.append(label)
        return out

    @staticmethod
    def _candidates(labels: list[Label | None],
                    patterns: list[tuple[str, int]]) -> list[tuple[str, int] | None]:
        """The kinds of label that may number the measures: each kind the text uses, and none."""
        return [*patterns, None]

    # -- one reading ---------------------------------------------------------------------
    def _reading(self, paras: list[Paragraph], labels: list[Label | None],
                 patterns: list[tuple[str, int]],
                 measure: tuple[str, int] | None, ceiling: float = INF) -> Reading:
        segments = self._segments(paras, labels, patterns, measure)
        reading = Reading(what=f"measures numbered as {_describe(measure)}", ceiling=ceiling)
        # a second level of headings in rows of their own (sub-sections), beyond the heading
        # columns: a doubt each
        headings = _heading_patterns(patterns, measure)
        reading.cost += self.settings.heading * sum(
            1 for seg in segments if seg.column == HEADING and seg.label is not None
            and seg.label.pattern in headings and headings.index(seg.label.pattern) >= 1)
        # numbers of a level read as items inside a cell: each a small doubt
        reading.cost += self.settings.level_item * sum(
            1 for seg in segments for p in seg.paras[1:]
            if (lb := label_of(p.text)) is not None and lb.style in LEVEL_STYLES
            and lb.style != "bare")
        for row in self._rows(segments):
            if reading.budget < 0:
                reading.give_up()
                break
            self._cells(row, measure, reading)
        return reading

    def _heading_column(self, index: int) -> int | str:
        """The column of the index-th kind of heading label: the objective column, the problem
        column (where the table has them), else a heading row of its own."""
        levels = [self.col[r] for r in (Role.OBJECTIVE, Role.PROBLEM) if r in self.col]
        return levels[index] if index < len(levels) else HEADING

    def _segments(self, paras, labels, patterns, measure) -> list[Segment]:
        """The paragraphs as segments: each labelled one in its column (`_label_column`), or in
        none, with the items and the text that belong to it (`_belongs_above`)."""
        heading_patterns = _heading_patterns(patterns, measure)
        out: list[Segment] = []
        for p, label in zip(paras, labels):
            column, item = (None, False) if label is None else \
                self._label_column(label, measure, heading_patterns)
            if out and self._belongs_above(out[-1], column, item, label):
                out[-1].paras.append(p)
            else:
                out.append(Segment([p], column, label))
        return out

    def _label_column(self, label: Label, measure,
                      heading_patterns) -> tuple[int | str | None, bool]:
        """A label's column (none where it is not known yet), and whether it numbers an item
        inside a cell: a number alone is a `№` cell, whichever level it numbers; the measures'
        kind of label is the measure column; a heading's kind, its heading column."""
        item = label.is_item or label.style in LEVEL_STYLES and label.pattern != measure \
            and label.pattern not in heading_patterns
        number_col = self.col.get(Role.NUMBER)
        if label.style == "bare" and number_col is not None:
            return number_col, False
        if item:
            return None, True
        if label.pattern == measure and Role.MEASURE in self.col:
            return self.col[Role.MEASURE], False
        if label.pattern in heading_patterns:
            return self._heading_column(heading_patterns.index(label.pattern)), False
        return None, False

    def _belongs_above(self, seg: Segment, column, item: bool, label: Label | None) -> bool:
        """Whether a paragraph goes on the segment above: an item of it (a measure's, a step's, a
        cell's), or the text after a number on a line of its own (no `№` column)."""
        host = self._role_of(seg)
        if item and label is not None and self._item_of(seg, host, label):
            return True
        alone = len(seg.paras) == 1 and seg.label is not None and not seg.label.text
        return column is None and host == Role.MEASURE and alone

    def _item_of(self, seg: Segment, host: Role | None, label: Label) -> bool:
        """Whether an item belongs to the segment above: it continues the items there (`b)` after
        `a)`), or the paragraph above leads into it (ends with a colon), or it is an item of a
        measure in a table with no step column (where `1)` after a measure would start a step)."""
        if host not in (Role.MEASURE, Role.STEP) and seg.column is not None:
            return False
        last = label_of(seg.paras[-1].text) if len(seg.paras) > 1 or seg.column is None else None
        first = label.number in FIRST_ITEMS
        if last is not None and last.style == label.style and last.style != "bare" and not first:
            return True  # the items go on: `b)` after `a)`, a bullet after a bullet
        if seg.paras[-1].text.rstrip().endswith(":"):
            return True
        if label.number and not first:
            # `b)` with no `a)` above: nothing else to belong to; but a numbered paragraph (`2.`)
            # after another column's text, in a table with steps, may open the next step's sub-row
            level = label.style in LEVEL_STYLES
            return not (seg.column is None and level and Role.STEP in self.col)
        return host == Role.MEASURE and Role.STEP not in self.col

    def _role_of(self, seg: Segment) -> Role | None:
        return self.roles[seg.column] if isinstance(seg.column, int) else None

    def _rows(self, segments: list[Segment]) -> list[list[Segment]]:
        """Segments into rows: a labelled segment whose column lies before the row's last, or that
        comes after unlabelled ones once the row has its measure, starts a new row; a heading
        is a row of its own."""
        cut = _RowCut(self)
        for seg in segments:
            if seg.column == HEADING:
                cut.heading(seg)
            elif seg.column is None:
                cut.row.append(seg)
                cut.free = True
            else:
                cut.labelled(seg)
        if cut.row:
            cut.rows.append(cut.row)
        return cut.rows

    def _section_title(self, seg: Segment, before: str, number: Segment) -> bool:
        """An unlabelled paragraph just before a number that opens a new group (`1.` after `3.`,
        `2.1` after `1.6`) that reads as a title (short, no sentence end, not a deadline, not
        bodies): the unnumbered heading of the next section, not the last cell of this row."""
        if seg.column is not None or len(seg.paras) != 1 or number.label is None or not before:
            return False
        now, was = number.label.number.split("."), before.split(".")
        opens = now[-1] == "1" and now[:-1] != was and (len(now) == 1 or now[0] != was[0])
        text = clean(seg.text)
        # no whole agency name (a title may share words with one: `Prevention of trafficking`),
        # no deadline
        return opens and len(text.split()) <= 14 and not text.endswith((".", ";", ",", ":")) \
            and self.gazetteer.coverage(text, partial=False) < self.settings.agency_cover \
            and not looks_like_timeframe(text)

    @staticmethod
    def _join_free(row: list[Segment]) -> None:
        host = next((s for s in reversed(row) if s.column is not None), None)
        if host is None:
            return
        while row and row[-1] is not host:
            host.paras.extend(row.pop().paras)

    # -- the cells of one row -----------------------------------------------------------
    def _cells(self, row: list[Segment], measure, reading: Reading) -> None:
        """One row's cells: a heading spans the table; a row that starts with several measures
        (or `№`s) is a column-wise block; a long run of text where nothing is numbered, a block
        or rows of measures with no number; any other row, one measure's (`_viterbi`)."""
        if row[0].column == HEADING:
            reading.rows.append([(row[0], HEADING)])
            return
        head, tail = _lead(row)
        measure_col, number_col = self.col.get(Role.MEASURE), self.col.get(Role.NUMBER)
        measures = sum(1 for s in head if s.column == measure_col)
        numbers = sum(1 for s in head if s.column == number_col)
        placed = [(s, s.column) for s in head]
        if measures >= 2 or numbers >= 2 and not measures:
            self._block(placed, tail, max(measures, numbers), measures == 0, reading)
        elif measure is None and len(tail) > 3 and all(s.column is None for s in row):
            self._free_block_or_rows(tail, reading)
        else:
            start = head[-1].column if head else -1
            assert isinstance(start, int)
            # a `№` alone: its text may be a heading's or a measure's
            kind = "measure" if measures else "row"
            self._viterbi(placed, tail, start, kind, measure is None, reading)

    def _block(self, placed, tail: list[Segment], m: int, texts_first: bool,
               reading: Reading) -> None:
        """A column-wise row of m measures: (their texts, when a `№` cell numbered them) then the
        columns."""
        check_block(m + sum(len(s.paras) for s in tail), self.settings, _file_of(tail))
        if texts_first:
            placed = placed + [(s, self.col[Role.MEASURE]) for s in tail[:m]]
            tail = tail[m:]
        columns = [self.columns[c] for c in self.after_measure]
        fits = Fits([s.text for s in tail], self.gazetteer, self.settings)
        if Role.INDICATOR in self.roles and Role.EXTRA in self.roles:
            measure_col = self.col.get(Role.MEASURE)
            fits.compare_with([s.text for s, c in placed if c == measure_col], self.lexical)
        if not columns:
            placed += [(s, -1) for s in tail]  # nothing to hold them: left out of the grid
            reading.rows.append(placed)
            return
        cut = cut_columns(fits, columns, m, self.settings, reading.budget)
        if cut.over:
            reading.give_up()
            return
        for c, run in zip(self.after_measure, cut.runs(len(tail))):
            placed += [(tail[k], c) for k in run]
        reading.cost += cut.cost
        reading.rows.append(placed)
        if cut.confidence < DOUBTFUL:
            reading.flags[len(reading.rows) - 1] = [Flag(
                "column_split_uncertain", cut.confidence,
                "the paragraphs after the measures could be cut into the columns another way")]

    def _free_block_or_rows(self, tail: list[Segment], reading: Reading) -> None:
        """Measures with no number and no row start: a column-wise block of m measures (the best m),
        or rows of one measure each; the cheaper reading wins."""
        rows_reading = Reading(ceiling=reading.budget)
        self._viterbi([], tail, -1, "row", True, rows_reading)
        best_block: tuple[float, int] | None = None
        measure_col = self.col.get(Role.MEASURE)
        columns = [self.columns[c] for c in self.after_measure]
        whole = Fits([s.text for s in tail], self.gazetteer, self.settings)
        texts = [0.0]  # texts[m]: what the first m paragraphs cost as measures' texts
        for k in range(len(tail)):
            texts.append(texts[-1] + whole.free_text(k))
        for m in range(1, min(MAX_FREE_MEASURES, len(tail)) + 1):
            if measure_col is None or not columns:
                break
            best_so_far = best_block[0] if best_block else INF
            limit = min(rows_reading.cost, reading.budget, best_so_far) - texts[m]
            cut = cut_columns(whole.after(m), columns, m, self.settings, limit + 1e-6)
            cost = cut.cost + texts[m]
            if best_block is None or cost < best_block[0]:
                best_block = (cost, m)
        if best_block is not None and best_block[0] < rows_reading.cost:
            m = best_block[1]
            reading.cost += texts[m]  # the measures' texts, as the rows reading pays them
            self._block([], tail, m, True, reading)
            return
        offset = len(reading.rows)
        reading.rows.extend(rows_reading.rows)
        reading.cost += rows_reading.cost
        for r, flags in rows_reading.flags.items():
            reading.flags[offset + r] = flags

    # -- one measure per row: a Viterbi pass over column states ----------------------------
    def _viterbi(self, placed, tail: list[Segment], start: int, kind: str, free_measures: bool,
                 reading: Reading) -> None:
        if not tail:
            reading.cost += self._row_end_cost(start, kind)
            reading.rows.append(placed)
            return
        lattice = _Lattice(self, tail, start, kind, free_measures)
        best = lattice.best(reading.budget)
        if best is None:
            reading.give_up()
            return
        path, cost, margins = best
        reading.cost += cost
        rows = [list(placed)]
        for seg, (c, _kind, fresh) in zip(tail, path):
            if fresh:
                rows.append([])
            rows[-1].append((seg, c))
        first = len(reading.rows)
        reading.rows.extend(r for r in rows if r)
        low = [(k, m) for k, m in enumerate(margins) if confidence(m) < DOUBTFUL]
        if low:
            k, m = min(low, key=lambda km: km[1])
            flag = Flag("column_split_uncertain", confidence(m),
                        f"paragraph '{_excerpt(tail[k].text)}' could belong to another column "
                        "or row",
                        f"next best: {lattice.runner_up(k)}, cost +{m:.2f}")
            for r in range(first, len(reading.rows)):
                reading.flags.setdefault(r, []).append(flag)

    def _row_end_cost(self, c: int | str, kind: str) -> float:
        """What a row owes when it ends at column c: the deadline and agencies its measure lacks."""
        if kind not in ("measure", "sub") or c == HEADING:
            return 0.0
        assert isinstance(c, int)
        return sum(self._skip(k, kind) for k in self.text_cols if k > c)

    def _skip(self, c: int, kind: str) -> float:
        role = self.roles[c]
        if kind == "measure" and role in (Role.TIMEFRAME, Role.AGENCIES):
            return self.settings.count
        if kind == "sub" and role == Role.TIMEFRAME:
            return self.settings.count
        return 0.0

    # -- the grid --------------------------------------------------------------------------
    def _table(self, reading: Reading) -> GridRead:
        width = len(self.columns)
        grid = GridRead(Table([]))
        first_text = self.text_cols[0] if self.text_cols else 0
        for r, row in enumerate(reading.rows):
            cells = [Cell([]) for _ in range(width)]
            for seg, c in row:
                if c == HEADING:
                    cells[first_text] = Cell(list(seg.paras), colspan=width - first_text)
                    for k in range(first_text + 1, width):
                        cells[k] = Cell([], merged_from_left=True)
                elif c == -1:
                    why = "no column after the measures to place it in"
                    grid.unplaced.extend((p, why) for p in seg.paras)
                else:
                    assert isinstance(c, int)
                    cells[c].paragraphs.extend(seg.paras)
            grid.table.rows.append(Row(cells))
            if reading.flags.get(r):
                grid.row_flags[r] = list(reading.flags[r])
        self._merged_agencies(grid)
        return grid

    def _merged_agencies(self, grid: GridRead) -> None:
        """A measure row with no agency text below one with agencies, under the same heading: the
        cell above taken as merged down over it (a text cannot show a merged cell)."""
        if Role.AGENCIES not in self.col or Role.MEASURE not in self.col:
            return
        a, m = self.col[Role.AGENCIES], self.col[Role.MEASURE]
        above: Cell | None = None
        for r, row in enumerate(grid.table.rows):
            cells = row.cells
            if any(c.colspan > 1 for c in cells) or self._objective_row(cells):
                above = None  # a heading: a merged cell does not reach across it
                continue
            if not cells[m].paragraphs:
                continue  # a step's sub-row: its measure's cells are the ones above
            if cells[a].paragraphs:
                above = cells[a]
            elif above is not None:
                cells[a] = Cell(above.paragraphs, merged_from_above=True)
                grid.merged[(r, Role.AGENCIES)] = Flag(
                    "merged_cell", confidence(self.settings.assume_merged),
                    "no agency text in this row: the agency cell above is taken as merged down "
                    "over it",
                    "next best: no agencies in the source")

    def _objective_row(self, cells: list[Cell]) -> bool:
        own = [c for c, cell in enumerate(cells) if cell.paragraphs]
        heading_roles = (Role.NUMBER, Role.OBJECTIVE, Role.PROBLEM)
        return bool(own) and all(self.roles[c] in heading_roles for c in own)


_State = tuple[int | str, str, bool]  # a lattice state: (column, kind, fresh)
_Moves = tuple[list[_State], list[list[tuple[int, float]]], list[list[tuple[int, float]]]]
_Layers = list[list[float]]  # a figure for each segment (a layer) and state


def _states(grid: TextGrid) -> list[_State]:
    """A row lattice's states, in order: each text column with the kinds it may hold, each
    going on in the row or starting a row of its own; and a heading row."""
    states: list[_State] = []
    for c in grid.text_cols:
        role = grid.roles[c]
        kinds = ["row", "measure"] if role != Role.STEP else ["row", "measure", "sub"]
        # a deadline, agencies, an indicator or an extra value: a cell any kind of row may hold
        any_row = role not in (Role.OBJECTIVE, Role.PROBLEM, Role.MEASURE, Role.STEP)
        if role == Role.TIMEFRAME or any_row:
            kinds = ["row", "measure", "sub"]
        for kd in kinds:
            states += [(c, kd, False), (c, kd, True)]
    states.append((HEADING, HEADING, True))
    return states


class _RowCut:
    """Segments cut into rows, one at a time (`TextGrid._rows`): the rows so far, the row being
    read and what is known of it."""

    def __init__(self, grid: TextGrid):
        self.grid = grid
        self.rows: list[list[Segment]] = []
        self.row: list[Segment] = []
        self.last = -1  # the column of the row's last labelled segment
        self.keyed = False  # the row has its measure (or its `№`)
        self.number = ""  # the last measure (or `№`) number
        self.free = False  # unlabelled segments since the last labelled one

    def heading(self, seg: Segment) -> None:
        """A heading: a row of its own, after the row it ends."""
        if self.row:
            self.rows.append(self.row)
        self.rows.append([seg])
        self.row, self.last, self.keyed, self.free = [], -1, False, False

    def labelled(self, seg: Segment) -> None:
        """A segment with its column: it starts a new row where its column lies before the row's
        last (or repeats it, for a column that holds one paragraph of the kind), or where it
        follows unlabelled segments once the row has its measure."""
        assert isinstance(seg.column, int)
        c = seg.column
        role = self.grid.roles[c]
        goes_back = c < self.last or c == self.last and role not in REPEATABLE
        if self.row and (goes_back or self.free and self.keyed):
            self._new_row(seg)
        elif self.free and not self.keyed and self.row:
            self._text_before_key()
        self.row.append(seg)
        self.last, self.free = c, False
        keys = role in (Role.MEASURE, Role.NUMBER)
        self.keyed = self.keyed or keys
        if seg.label is not None and seg.label.number and keys:
            self.number = seg.label.number

    def _new_row(self, seg: Segment) -> None:
        """The row ends before `seg`; its last unlabelled segment, where it reads as the title
        of the section `seg` opens, a heading row of its own between."""
        g, row = self.grid, self.row
        has_text = any(g._role_of(s) != Role.NUMBER for s in row[:-1])
        titled = self.free and has_text and g._section_title(row[-1], self.number, seg)
        title = row.pop() if titled else None
        self.rows.append(row)
        if title is not None:
            title.column = g._heading_column(0)
            self.rows.append([title])
        self.row, self.last, self.keyed = [], -1, False

    def _text_before_key(self) -> None:
        """Unlabelled text before the row's measure: rows of its own (a heading) where nothing
        labelled came before it, else joined to the labelled segment above (text between an
        objective and its problems)."""
        if all(s.column is None for s in self.row):
            self.rows.append(self.row)
            self.row = []
        else:
            self.grid._join_free(self.row)


class _Lattice:
    """The Viterbi pass of one row's unlabelled segments.

    A state is (column, kind, fresh): `kind` is "row" (no measure in this row yet), "measure",
    "sub" (a step's sub-row) or HEADING; `fresh` says the segment starts a row of its own.
    Moving right in the row skips the columns between (a measure owes its deadline and
    agencies, a sub-row its deadline); staying in a column adds a paragraph to its cell; a new
    row starts at the step column (a sub-row), the measure column (a measure with no number,
    where the measures have none) or as a heading."""

    def __init__(self, grid: TextGrid, segs: list[Segment], start: int, kind: str,
                 free_measures: bool):
        self.g, self.segs, self.start, self.kind0 = grid, segs, start, kind
        s = grid.settings
        self.fits = Fits([seg.text for seg in segs], grid.gazetteer, s)
        self.free_measures = free_measures
        self.numbered = start >= 0 and grid.roles[start] == Role.NUMBER  # the row began at its `№`
        self.step_col = grid.col.get(Role.STEP)
        self.measure_col = grid.col.get(Role.MEASURE)
        self.states, self.into, self.out_of = self._moves()
        self.moves = sum(len(pairs) for pairs in self.into)  # the moves scored per segment and pass

    def _moves(self) -> _Moves:
        """The states and the allowed moves between them: the same for every row of the text
        that starts the same way (at its `№` or not, measures with no number or not), so worked
        out once for each (`TextGrid.lattice_moves`)."""
        key = (self.free_measures, self.numbered)
        if key not in self.g.lattice_moves:
            states = _states(self.g)
            S = len(states)
            trans = [[self.allowed(states[a], states[b]) for b in range(S)] for a in range(S)]
            # the moves into each state (and out of it) that are allowed, in state order
            into = [[(a, trans[a][b]) for a in range(S) if trans[a][b] < INF] for b in range(S)]
            out_of = [[(b, trans[a][b]) for b in range(S) if trans[a][b] < INF] for a in range(S)]
            self.g.lattice_moves[key] = (states, into, out_of)
        return self.g.lattice_moves[key]

    def fit(self, k: int, state) -> float:
        c, kind, _ = state
        if c == HEADING:
            text = clean(self.segs[k].text)
            shaped = len(text.split()) <= 14 and not text.endswith((".", ";", ","))
            s = self.g.settings
            return s.heading + self.fits.free_text(k) + (0.0 if shaped else s.misfit)
        role = self.g.roles[c]
        if role in (Role.TIMEFRAME, Role.AGENCIES, Role.INDICATOR, Role.EXTRA):
            return self.fits.fit(role, k)
        return self.fits.free_text(k)

    def allowed(self, prev, state) -> float:
        """The cost of moving from `prev` (a state, or the row's start) into `state`; INF if not
        allowed."""
        if state[2]:
            return self._new_row(prev, state)
        c, pc = state[0], prev[0]
        if pc == HEADING:
            return INF
        assert isinstance(c, int) and isinstance(pc, int)
        if self._barred(prev, state):
            return INF
        if c == pc:
            return self.stay(self.g.roles[c], state[1])
        if c < pc:
            return INF
        return self._move_right(prev, state)

    def _new_row(self, prev, fresh) -> float:
        """The cost of a row of its own starting at `fresh` after `prev`: a heading, a step's
        sub-row after a measure's (or a step's) cells, a measure with no number where the
        measures have none; INF for any other."""
        c, kind, _ = fresh
        pc, pkind, _ = prev
        heading = c == HEADING
        sub_row = kind == "sub" and c == self.step_col and pkind in ("measure", "sub")
        free_measure = kind == "measure" and c == self.measure_col and self.free_measures
        if heading or sub_row or free_measure:
            return self.g.settings.new_row + self.g._row_end_cost(pc, pkind)
        return INF

    def _barred(self, prev, state) -> bool:
        """Whether a move within the row breaks the kinds' rules: the kind goes on, and becomes
        "measure" where the measure column is entered; a heading column only before the measure;
        a measure with no number, where the measures have numbers, only after a `№`; a sub-row
        stays in its step column."""
        c, kind, _ = state
        pc, pkind, _ = prev
        role = self.g.roles[c]
        enters_measure = role == Role.MEASURE and pkind == "row"
        if kind != ("measure" if enters_measure else pkind):
            return True
        if role in (Role.OBJECTIVE, Role.PROBLEM) and pkind != "row":
            return True
        if enters_measure and not self.free_measures and pc < 0:
            return True
        return role == Role.STEP and kind == "sub" and c != pc

    def _move_right(self, prev, state) -> float:
        """The cost of moving right in the row from `prev` into `state`: what the columns skipped
        between owe (`TextGrid._skip`), then a doubt for each thing the move says about the row."""
        g = self.g
        c, kind, _ = state
        owing = kind if kind != "row" else prev[1]
        skipped = sum(g._skip(k, owing) for k in g.text_cols if prev[0] < k < c)
        return self._doubts(skipped, prev, state)

    def _doubts(self, skipped: float, prev, state) -> float:
        """`skipped` plus the doubts a move right adds: a heading column entered, a row's cells
        past its measure column with no measure, a measure that no number starts, a `№` with no
        text of its own after it."""
        s = self.g.settings
        c, kind, _ = state
        pc, pkind, _ = prev
        role = self.g.roles[c]
        if role in (Role.OBJECTIVE, Role.PROBLEM):
            skipped += s.heading  # an unnumbered paragraph read as a heading (in its column)
        if kind == "row" and self.measure_col is not None and c > self.measure_col >= pc:
            skipped += s.misfit  # a row's cells past its measure column, and no measure
        if role == Role.MEASURE and pkind == "row" and not self.numbered:
            skipped += s.new_row  # a measure that no number starts, where its row begins
        text_before_measure = role not in (Role.OBJECTIVE, Role.PROBLEM, Role.MEASURE) \
            and pc < (self.measure_col or 0)
        if pkind == "row" and text_before_measure and self.numbered:
            skipped += s.misfit  # a `№` with no text of its own after it
        return skipped

    def stay(self, role: Role, kind: str) -> float:
        s = self.g.settings
        if role == Role.AGENCIES:
            return 0.1  # a list of bodies goes on over several lines
        if role == Role.STEP:
            return 0.3
        if role == Role.TIMEFRAME and self.step_col is not None:
            return 0.1  # a deadline for each step, listed one after the other
        if kind == "row" and role in (Role.OBJECTIVE, Role.PROBLEM):
            return s.cell_paragraph
        return s.cell_paragraph

    def best(self, budget: float = INF) -> tuple[list, float, list[float]] | None:
        """The cheapest path, its cost and each segment's margin; None where every path costs
        more than `budget` (costs only grow along a path, so a step all over it ends the pass)."""
        forward = self._forward(budget)
        if forward is None:
            return None
        fwd, back, fit_rows = forward
        S = len(self.states)
        end_cost = self.g._row_end_cost
        ends = [fwd[-1][b] + end_cost(self.states[b][0], self.states[b][1]) for b in range(S)]
        last = min(range(S), key=lambda b: ends[b])
        total = ends[last]
        if total > budget:
            return None
        self.path = self._path(back, last)
        bwd = self._backward(fwd[-1], ends, fit_rows)
        self.through = [[ahead[b] + behind[b] for b in range(S)] for ahead, behind in zip(fwd, bwd)]
        return [self.states[b] for b in self.path], total, self._margins(total)

    def _forward(self, budget: float) -> tuple[_Layers, list[list[int]], _Layers] | None:
        """The forward pass: fwd[k][b], the cheapest path over segments 0..k that ends in state
        b; back[k][b], the state before it; each segment's fits. None once every path costs more
        than `budget`."""
        n, S = len(self.segs), len(self.states)
        start = (self.start, self.kind0, False)
        fwd = [[INF] * S for _ in range(n)]
        back = [[-1] * S for _ in range(n)]
        first = [self.allowed(start, st) for st in self.states]
        fit_rows: _Layers = [[self.fit(0, st) for st in self.states]]  # each segment's, as reached
        for b in range(S):
            fwd[0][b] = first[b] + fit_rows[0][b] if first[b] < INF else INF
        for k in range(1, n):
            if min(fwd[k - 1]) > budget:
                return None
            EVALUATIONS["lattice"] += self.moves
            fits = [self.fit(k, st) for st in self.states]
            fit_rows.append(fits)
            self._step(fwd[k - 1], fwd[k], back[k], fits)
        return fwd, back, fit_rows

    def _step(self, prev: list[float], here: list[float], back: list[int],
              fits: list[float]) -> None:
        """One segment of the forward pass: `here[b]`, the cheapest move from `prev` into state b
        plus its fit, and `back[b]`, the state it came from (the first of a tie)."""
        into = self.into
        for b in range(len(here)):
            best, arg = INF, -1
            for a, move in into[b]:
                if prev[a] == INF:
                    continue
                cost = prev[a] + move
                if cost < best:
                    best, arg = cost, a
            if arg >= 0:
                here[b], back[b] = best + fits[b], arg

    @staticmethod
    def _path(back: list[list[int]], last: int) -> list[int]:
        """The states of the cheapest path, followed back from its last state."""
        path = [last]
        for k in range(len(back) - 1, 0, -1):
            path.append(back[k][path[-1]])
        path.reverse()
        return path

    def _backward(self, last: list[float], ends: list[float], fit_rows: _Layers) -> _Layers:
        """The backward pass: bwd[k][b], the cheapest completion after segment k in state b
        (`last`: the forward pass's last segment; `ends`: its paths' costs with the row's end)."""
        n, S = len(fit_rows), len(self.states)
        out_of = self.out_of
        bwd = [[INF] * S for _ in range(n)]
        bwd[n - 1] = [ends[b] - last[b] if last[b] < INF else INF for b in range(S)]
        for k in range(n - 2, -1, -1):
            fits = fit_rows[k + 1]
            EVALUATIONS["lattice"] += self.moves
            nxt = bwd[k + 1]
            for a in range(S):
                bwd[k][a] = min((move + fits[b] + nxt[b] for b, move in out_of[a] if nxt[b] < INF),
                                default=INF)
        return bwd

    def _margins(self, total: float) -> list[float]:
        """Each segment's margin: what the cheapest path that puts it in another column (or
        starts, or not, a row there) costs over `total`."""
        S = len(self.states)
        margins = []
        for k, chosen_b in enumerate(self.path):
            chosen = self.states[chosen_b]
            other = [self.through[k][b] for b in range(S) if self._differs(self.states[b], chosen)]
            margins.append(min(other, default=INF) - total if other else INF)
        return [m if m != INF else SATURATED + 1 for m in margins]

    @staticmethod
    def _differs(a, b) -> bool:
        """Two states that put a segment in another column, or start (or not) a row there."""
        return a[0] != b[0] or a[2] != b[2]

    def runner_up(self, k: int) -> str:
        chosen = self.states[self.path[k]]
        b = min((b for b in range(len(self.states)) if self._differs(self.states[b], chosen)),
                key=lambda b: self.through[k][b])
        c, kind, fresh = self.states[b]
        where = self.g.columns[c].name if isinstance(c, int) else "a heading row"
        return f"put it in {where}" + (" on a row of its own" if fresh and c != HEADING else "")


def _lead(row: list[Segment]) -> tuple[list[Segment], list[Segment]]:
    """A row's segments that have their column, up to the first that has none; and the rest."""
    lead = 0
    while lead < len(row) and row[lead].column is not None:
        lead += 1
    return row[:lead], row[lead:]


def _likeliest_first(candidates: list[tuple[str, int] | None],
                     labels: list[Label | None]) -> list[int]:
    """The order to read the candidates in: the kind of label used most first (the measures are
    the most numerous level of most plans), no numbers last. Only the time it takes depends on
    it."""
    uses: dict[tuple[str, int] | None, int] = {}
    for label in labels:
        if label is not None:
            uses[label.pattern] = uses.get(label.pattern, 0) + 1
    return sorted(range(len(candidates)),
                  key=lambda i: (candidates[i] is None, -uses.get(candidates[i], 0), i))


def _shape(reading: Reading) -> list[list[tuple[tuple[int, ...], int | str]]]:
    """A reading's grid as which paragraphs go to which column of which row."""
    return [[(tuple(id(p) for p in seg.paras), c) for seg, c in row] for row in reading.rows]


def _heading_patterns(patterns: list[tuple[str, int]],
                      measure: tuple[str, int] | None) -> list[tuple[str, int]]:
    """The kinds of label that number headings: those the text uses before the measures' kind."""
    if measure in patterns:
        return patterns[:patterns.index(measure)]
    return [p for p in patterns if measure is None]


def _patterns(labels: list[Label | None]) -> list[tuple[str, int]]:
    """The kinds of label that number levels, in the order the text first uses them."""
    seen: list[tuple[str, int]] = []
    for label in labels:
        if label is not None and label.style in LEVEL_STYLES and label.pattern not in seen:
            seen.append(label.pattern)
    return seen


def _follows(last: str | None, number: str) -> bool:
    """Whether a number continues a numbering that reached `last`: the next at some depth (one may
    be missing) with the first of each level below it (`1.6` -> `2.1`, a section heading between),
    the first one or more levels down, or a restart."""
    if last is None:
        return True
    p, n = last.split("."), number.split(".")
    if not all(x.isascii() and x.isdigit() for x in p + n):
        return False
    if n[-1] == "1" and (len(n) == 1 or n[:-1] == p[:len(n) - 1]):
        return True  # a restart
    for k in range(len(n)):
        if n[:k] != p[:k]:
            break
        firsts = all(x == "1" for x in n[k + 1:])
        if k >= len(p):
            return n[k] == "1" and firsts
        if 1 <= int(n[k]) - int(p[k]) <= 2 and firsts:
            return True
    return False


def _describe(pattern: tuple[str, int] | None) -> str:
    if pattern is None:
        return "nothing (no numbers)"
    style, depth = pattern
    ones = ".".join(["1"] * depth)
    example = {"dot": ones + ".", "paren": ones + ")", "roman": "I.", "keyword": "Section 1",
               "bare": ones + " on a line of its own"}[style]
    return f"'{example}'"


def _excerpt(text: str, width: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1].rstrip() + "…"


def text_to_grid(paras: list[Paragraph], columns: list[Column], gazetteer: Gazetteer,
                 lexical: Lexical | None = None, settings: AlignSettings = DEFAULT) -> GridRead:
    """The grid of a plan's columns read back from the paragraphs after its header in a flattened
    text; what follows the table's end is returned as back matter."""
    return TextGrid(columns, gazetteer, lexical, settings).read(paras)


def _file_of(segments: list[Segment]) -> str:
    """The source file the segments' paragraphs came from ("" when there are none)."""
    return next((s.paras[0].prov.file for s in segments if s.paras), "")
