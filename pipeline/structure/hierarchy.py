"""The hierarchy read from a plan's grid, one row at a time (`GridHierarchy`): blocks, headings.

It is given the grid's columns by role and reads what the cells' labels and merges say; it
scores nothing (every scored choice is `align`'s):

* a row that spans the table, or fills only its first text cell (or only the objective or
  problem column), is a **heading**: an objective, or a problem (sub-section), by its column,
  else by its kind of label (`I.`, `1.`, `Section 2`, none) in the order the table first uses
  them;
* a `№` column's number belongs to the row's first non-empty text cell: a heading's, or
  the measure's;
* a row whose measure cell is merged from above (or empty), beside a step or a deadline of
  its own, is a **step** (sub-row) of the measure above;
* any other row holds one or more **measures**: numbered by the `№` cell, or inside the text;
  a lead sentence and its items (`a)`, `-`, `•`, or a numbering of another kind) are one
  measure; a measure with no number anywhere gets its position under its heading.
A cell merged down over several measures (a shared agency cell) goes to each of them, said
by the flag `merged_cell`.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..blocks import Block, Column, ColumnMap, Heading, Layout, StepCells, Unit
from ..contract import CARRIED_DOWN, ROWS_GUESSED, SPLIT_DOUBTFUL, SPLIT_SURE, Flag
from ..enums import FlagName
from ..model import Cell, Paragraph, Role, Warning_
from ..normalize.numbering import (
    FIRST_ITEMS,
    LEVEL_STYLES,
    Label,
    code_of,
    is_under,
    label_of,
    letters_read_as_digits,
    split_to_count,
)
from ..normalize.text import clean
from ..normalize.timeframes import cut_deadlines

STRUCTURAL = frozenset({Role.OBJECTIVE, Role.PROBLEM, Role.MEASURE, Role.NUMBER, Role.STEP})


def _own(cell: Cell | None) -> bool:
    if cell is None or cell.is_placeholder:
        return False
    return any(not p.is_blank for p in cell.paragraphs)


def _content(cell: Cell) -> list[Paragraph]:
    return [p for p in cell.paragraphs if not p.is_blank]


NONE_MARKS = frozenset("-\u2010\u2012\u2013\u2014\u2015")  # a dash alone: an empty cell


def _says_none(p: Paragraph) -> bool:
    """A paragraph that is a dash alone: the cell holds nothing (`-` under `Output`)."""
    return p.text.strip() in NONE_MARKS


def _after_blank(cell: Cell) -> set[tuple]:
    """The paragraphs of a cell that an empty paragraph sets apart from the text above them."""
    out, seen, blank = set(), False, False
    for p in cell.paragraphs:
        if p.is_blank:
            blank = seen
            continue
        if blank:
            out.add(p.prov.source_key())
        seen, blank = True, False
    return out


@dataclass
class GridRow:
    index: int
    cells: list[Cell]
    flags: list[Flag]
    # the row was told by whitespace alone (`Table.rows_guessed`): the table's row may go on in it
    guessed: bool = False


class GridHierarchy:
    """Reads the body rows of one plan table into blocks under their headings."""

    def __init__(self, columns: list[Column], lang: str = "", marked_cells: bool = True):
        self.columns = columns
        # the cells are the source's own, not a reading of a flattened text (`Block.marked_cells`)
        self.marked_cells = marked_cells
        # the document's: where a line of a cell may start a measure (`paragraph_starts`)
        self.lang = lang
        self.cols = ColumnMap.of(columns)
        texts = [c for c in columns if c.role != Role.NUMBER]
        self.layout = Layout(columns=texts, blocks=[], header=[])
        self.objective: Heading | None = None
        self.problems: list[Heading] = []
        self.position = 0  # measures read under the innermost heading, for a measure with no number
        # kinds of label of heading rows, first seen first
        self.heading_patterns: list[tuple[str, int]] = []
        # headings read per (level, parent), for one with no number
        self.positions: Counter = Counter()
        # column -> the block whose cell a merged cell below shares
        self.origin_block: dict[int, Block] = {}
        self.measure_pattern: tuple[str, int] | None = None
        self.number_pattern: tuple[str, int] | None = None
        self.merged: dict[tuple[int, Role], Flag] = {}  # (row, role) -> how a merged cell was read
        # a row that opened a heading beside other cells but no measure (`_opens_heading`): its
        # other cells wait for the measure below
        self.carried: GridRow | None = None
        # the last block whose row named its heading in a cell of its own (`_goes_on`)
        self.headed: Block | None = None
        # the last block read from a row told by whitespace whose `№` cell numbers more measures
        # than its measure cell holds: its row's index, its numbers and its measures' paragraphs,
        # for the rest of the row a page break cut off, right below (`_goes_on`); `_units` leaves
        # them in `pending`
        self.short: tuple[Block, int, list[Paragraph], list[list[Paragraph]]] | None = None
        self.pending: tuple[list[Paragraph], list[list[Paragraph]]] | None = None
        # the row read is told by whitespace alone (`GridRow.guessed`), and by level the first
        # block a heading opened below may take back as its own (`_take_back`): none read from a
        # row not told so, or beside a heading's cell of its level (an objective's: of any level)
        self.guessed = False
        self.floor = {"objective": 0, "problem": 0}

    # -- the whole table --------------------------------------------------------------
    def read(self, rows: list[GridRow],
             merged: dict[tuple[int, Role], Flag] | None = None) -> Layout:
        self.merged = merged or {}
        self._learn_patterns(rows)
        for row in rows:
            self.guessed = row.guessed
            own = [c for c in row.cells if not c.is_placeholder]
            self.layout.blanks.extend(p for c in own for p in c.paragraphs if p.is_blank)
            kind = self._kind(row.cells)
            if kind == "heading":
                self._carried_into(None, "a table row beside a heading, followed by a heading")
                self._heading(row.cells)
            elif kind in ("step", "stray") and self._opens_heading(row.cells):
                self._carry(row)
            elif kind == "step":
                self._step(row)
            elif kind == "measure" and self._goes_on(row):
                self._go_on(row)
            elif kind == "measure":
                self._measures(row)
            elif kind == "stray":
                why = "a table row with no measure above it or in it"
                self.layout.unplaced.extend((p, why) for c in own for p in _content(c))
            if not row.guessed:
                self._raise_floor(["objective", "problem"])
        self._carried_into(None, "a table row beside a heading with no measure below it")
        return self.layout

    def _learn_patterns(self, rows: list[GridRow]) -> None:
        """The kind of label the measures carry, in their text and in the `№` column: taken from
        rows that have cells after the measure, which headings never have."""
        inline: Counter = Counter()
        numbers: Counter = Counter()
        for row in rows:
            if not self._has_after_measure(row.cells):
                continue
            if Role.MEASURE in self.cols and _own(row.cells[self.cols.index[Role.MEASURE]]):
                label = label_of(_content(row.cells[self.cols.index[Role.MEASURE]])[0].text)
                if label is not None and label.style in LEVEL_STYLES:
                    inline[label.pattern] += 1
            if Role.NUMBER in self.cols and _own(row.cells[self.cols.index[Role.NUMBER]]):
                label = label_of(_content(row.cells[self.cols.index[Role.NUMBER]])[0].text)
                if label is not None:
                    numbers[label.pattern] += 1
        self.measure_pattern = inline.most_common(1)[0][0] if inline else None
        self.number_pattern = numbers.most_common(1)[0][0] if numbers else None

    def _has_after_measure(self, cells: list[Cell]) -> bool:
        roles = self.cols.roles
        return any(_own(cells[c]) for c, role in enumerate(roles) if role not in STRUCTURAL)

    # -- what a row is --------------------------------------------------------------------
    def _kind(self, cells: list[Cell]) -> str:
        own = [c for c in range(len(cells)) if _own(cells[c])]
        if not own:
            return "empty"
        measure = self.cols.at(Role.MEASURE)
        number = self.cols.at(Role.NUMBER)
        texts = [c for c in own if c != number or cells[c].colspan > 1]
        if len(texts) == 1 and self._is_heading(cells, texts[0]):
            return "heading"
        numbered = number is not None and number in own
        if measure is not None and not _own(cells[measure]) and not numbered:
            return "step" if self.layout.blocks else "stray"
        if measure is not None and not _own(cells[measure]):
            return "stray" if not texts else "measure"
        return "measure"

    def _is_heading(self, cells: list[Cell], c: int) -> bool:
        """A row with one text cell: a heading when that cell spans columns, is the objective or
        problem column, or is the first text column and is not labelled as the measures are."""
        cell = cells[c]
        role = self.cols.roles[c]
        if cell.colspan > 1:
            return True
        if role in (Role.OBJECTIVE, Role.PROBLEM):
            return True
        if c != self.cols.first_text or role != Role.MEASURE:
            return False
        label = self._row_label(cells)
        pattern = label.pattern if label is not None and label.style in LEVEL_STYLES else None
        number = self.cols.at(Role.NUMBER)
        lent = number is not None and _own(cells[number])
        expected = self.number_pattern if lent else self.measure_pattern
        return pattern is None or pattern != expected

    def _row_label(self, cells: list[Cell]) -> Label | None:
        number = self.cols.at(Role.NUMBER)
        if number is not None and _own(cells[number]) and cells[number].colspan == 1:
            return label_of(_content(cells[number])[0].text)
        texts = [c for c in range(len(cells)) if c != number and _own(cells[c])] or \
            [c for c in range(len(cells)) if _own(cells[c])]
        return label_of(_content(cells[texts[0]])[0].text) if texts else None

    # -- headings --------------------------------------------------------------------------
    def _heading(self, cells: list[Cell]) -> None:
        """A heading row: its level, its id (its label's number, or its position under its
        parent), its text; the headings below it start afresh."""
        c, paras, lent = self._heading_cells(cells)
        level = self._level(self.cols.roles[c], cells)
        label = label_of(lent[0].text) if lent else label_of(paras[0].text)
        numbered = label is not None and label.style in LEVEL_STYLES and bool(label.number)
        text = clean(" ".join(p.text for p in paras))
        if label is not None and numbered and not lent:  # the label read off the text
            text = clean(" ".join([label.text] + [p.text for p in paras[1:]]))
        parent = "" if level == "objective" else (self.objective.id if self.objective else "")
        self.positions[(level, parent)] += 1
        position = str(self.positions[(level, parent)])
        number = label.number if numbered and label else position
        heading = Heading(number, text, lent + paras, numbered)
        self.layout.headings.append(heading)
        self._enter(heading, level)
        self._take_back(heading, level)
        self._raise_floor([level])

    def _heading_cells(self, cells: list[Cell]) -> tuple[int, list[Paragraph], list[Paragraph]]:
        """(column, paragraphs) of a heading row's text cell, and the `№` cell's paragraphs
        beside it (lent to the heading)."""
        number = self.cols.at(Role.NUMBER)
        c = next(c for c in range(len(cells))
                 if _own(cells[c]) and (c != number or cells[c].colspan > 1))
        beside = number is not None and c != number and _own(cells[number])
        lent = _content(cells[number]) if number is not None and beside else []
        return c, _content(cells[c]), lent

    def _enter(self, heading: Heading, level: str) -> None:
        """The heading read is the one the rows below stand under."""
        if level == "objective":
            self.objective, self.problems = heading, self._problems_under(heading, self.problems)
            self.positions[("problem", heading.id)] = 0
        else:
            self.problems = [heading]
        self.position = 0

    def _level(self, role: Role, cells: list[Cell]) -> str:
        """objective or problem: by its column, else by its kind of label, in the order of first
        use."""
        if role == Role.OBJECTIVE:
            return "objective"
        if role == Role.PROBLEM:
            return "problem"
        label = self._row_label(cells)
        levelled = label is not None and label.style in LEVEL_STYLES
        pattern = label.pattern if label is not None and levelled else ("none", 0)
        if pattern not in self.heading_patterns:
            self.heading_patterns.append(pattern)
        levels = [lvl for lvl, role in (("objective", Role.OBJECTIVE), ("problem", Role.PROBLEM))
                  if role not in self.cols] or ["objective"]
        return levels[min(self.heading_patterns.index(pattern), len(levels) - 1)]

    # -- measures ----------------------------------------------------------------------------
    def _measures(self, row: GridRow) -> None:
        """A measure row: its block (the headings above, its measures, its first step), then
        every other column's paragraphs."""
        cells = row.cells
        units, split = self._measure_units(cells)
        block = Block(objective=self.objective, problems=list(self.problems), measures=units,
                      flags=list(row.flags) + split)
        self.short = (block, row.index, *self.pending) if self.pending else None
        self.pending = None
        step = self.cols.at(Role.STEP)
        if step is not None and _own(cells[step]):  # the first step: the deadline is the step's
            block.steps.append(self._step_cells(cells, step))
        for c, role in enumerate(self.cols.roles):
            if role in STRUCTURAL or role == Role.TIMEFRAME and block.steps:
                continue
            self._place_cell(block, cells[c], c, row.index)
        if self.carried is not None:
            self._carried_into(block)
        if self._opens_heading(cells):
            self.headed = block
        self.layout.blocks.append(block)
        self._raise_floor(self._opened(cells))

    def _goes_on(self, row: GridRow) -> bool:
        """Is a measure row told by whitespace alone (`GridRow.guessed`) the row above going on?
        It names no heading and no `№` of its own, and either its measure cell opens with no label
        of the measures' kind before one that has it, where the measures above all open with one
        (the rest of the last, which a page break cut, then the next), or the row above names its
        heading in a cell of its own and holds several measures (a table whose every row is a
        heading's lists, one paragraph per measure in each cell, a row broken over pages in cells
        each set in the middle of its page)."""
        if not row.guessed or not self.layout.blocks or self.carried is not None:
            return False
        if any(c is not None and _own(row.cells[c])
               for c in (self.cols.at(Role.OBJECTIVE), self.cols.at(Role.PROBLEM),
                         self.cols.at(Role.NUMBER))):
            return False
        starts = [self._starts_measure(label_of(p.text))
                  for p in self._own_paragraphs(row.cells, Role.MEASURE)]
        above = self.layout.blocks[-1]
        labelled = [self._starts_measure(label_of(u.paragraphs[0].text)) for u in above.measures]
        cut = bool(labelled and starts) and all(labelled) and not starts[0] and any(starts)
        return (cut or above is self.headed and len(above.measures) > 1
                or self._numbers_filled(above, row))

    def _numbers_filled(self, above: Block, row: GridRow) -> bool:
        """Does a row hold the measures the `№` cell of the block above numbers and its measure
        cell lacks (`short`): the rest of a row a page break cut, each page's piece of its cells
        set in the middle of the page, the numbers all on one side?"""
        if self.short is None or self.short[0] is not above or self.short[1] != row.index - 1:
            return False
        numbers, groups = self.short[2:]
        below = self._group(self._own_paragraphs(row.cells, Role.MEASURE), lead=True, expected=0)
        return len(groups) + len(below) == len(numbers)

    def _go_on(self, row: GridRow) -> None:
        """The row above going on (`_goes_on`): a measure paragraph before the first labelled one
        ends the block's last measure; the others are its block's further measures, and the row's
        other cells of its own join the block's."""
        block = self.layout.blocks[-1]
        paras = self._own_paragraphs(row.cells, Role.MEASURE)
        if self.short is not None and self._numbers_filled(block, row):
            self._renumbered(block, *self.short[2:], paras)
            paras = []
        while paras and block.measures and not self._starts_measure(label_of(paras[0].text)):
            last = block.measures[-1]
            last.paragraphs.append(paras[0])
            last.text = clean(f"{last.text} {paras[0].text}")
            paras = paras[1:]
        block.measures.extend(self._units(paras, [], 0) if paras else [])
        self.pending = None
        block.flags.extend(f for f in row.flags if f not in block.flags)
        self._sub_row_into(block, row.cells, apart=True)

    def _renumbered(self, block: Block, numbers: list[Paragraph], groups: list[list[Paragraph]],
                    paras: list[Paragraph]) -> None:
        """The measures of a block whose `№` cell's `numbers` number those of its measure cell,
        `groups`, and of the row below, `paras` (`_numbers_filled`): one a number, in order; the
        numbers no longer unplaced."""
        groups = groups + self._group(paras, lead=True, expected=0)
        self.position -= len(block.measures)
        block.measures = [self._unit(g, n) for g, n in zip(groups, numbers)]
        self.layout.unplaced = [(p, why) for p, why in self.layout.unplaced
                                if not any(p is n for n in numbers)]
        block.flags = [f for f in block.flags if not f.detail.startswith(COUNTS_DIFFER)]
        self.short = None

    def _measure_units(self, cells: list[Cell]) -> tuple[list[Unit], list[Flag]]:
        """The measures of a measure row, and the flags of a measure cell cut to the count of
        numbers or deadlines beside it (`_split_to_count`)."""
        numbers = self._own_paragraphs(cells, Role.NUMBER)
        if self._row_headings(cells, numbers):
            numbers = []  # the `№` numbered the row's objective (or problem), its first text
        deadlines = self._own_paragraphs(cells, Role.TIMEFRAME)
        # the deadlines beside the measures, as whole timeframes where a page showed no breaks
        expected = len(deadlines) + sum(len(c) for c in cut_deadlines(deadlines, len(deadlines))[0])
        paras = self._own_paragraphs(cells, Role.MEASURE)
        unlabelled = not numbers and not any(self._starts_measure(label_of(p.text)) for p in paras)
        count = len(numbers) if numbers else expected if unlabelled else 0
        paras, split = self._split_to_count(paras, count)
        units = self._units(paras, numbers, expected)
        return units, split or _counts_differ(len(numbers), len(units))

    def _own_paragraphs(self, cells: list[Cell], role: Role) -> list[Paragraph]:
        """The paragraphs of the row's cell of that role, where it holds text of its own (not
        one merged from above)."""
        c = self.cols.at(role)
        return _content(cells[c]) if c is not None and _own(cells[c]) else []

    def _place_cell(self, block: Block, cell: Cell, c: int, row_index: int) -> None:
        """A measure row's cell of a column that is not structure: its paragraphs to the block
        (a cell merged down from above: shared with the block above)."""
        role = self.cols.roles[c]
        if cell.merged_from_above:
            self._share(block, c, row_index)
        paras = _content(cell) if not cell.merged_from_left else []
        if role != Role.EXTRA and paras and all(_says_none(p) for p in paras):
            self.layout.blanks.extend(paras)  # `-`: the cell says it holds nothing
            paras = []
        if not cell.merged_from_left:
            block.after_blank |= _after_blank(cell)
        if role == Role.EXTRA:
            block.extras[self.columns[c].name] = paras
        else:
            block.columns[role] = paras
        if self.marked_cells:
            block.whole_cells.add(role)
        if _own(cell) and cell.rowspan > 1:
            self.origin_block[c] = block

    def _step_cells(self, cells: list[Cell], step: int) -> StepCells:
        """A row's steps (its step cell, column `step`) and the deadline beside them."""
        return StepCells(_step_units(_content(cells[step])), self._step_timeframes(cells))

    def _step_timeframes(self, cells: list[Cell]) -> list[Paragraph]:
        return self._own_paragraphs(cells, Role.TIMEFRAME)

    def _share(self, block: Block, c: int, row_index: int) -> None:
        """A cell merged down from the measure above: its text goes to this measure too."""
        role = self.cols.roles[c]
        said = f"{self.columns[c].name}: one cell merged over several measures"
        flag = self.merged.get((row_index, role)) or Flag(FlagName.MERGED_CELL, 1.0, said)
        block.merged[role] = flag
        origin = self.origin_block.get(c)
        if origin is not None and role not in origin.merged:
            origin.merged[role] = Flag(FlagName.MERGED_CELL, flag.confidence, flag.detail)

    def _row_headings(self, cells: list[Cell], numbers: list[Paragraph]) -> bool:
        """An objective or problem cell of a measure row: a new heading, or the one above going on.
        A lone `№` number beside it is the first heading's (True when it took it)."""
        lent = False
        for role in (Role.OBJECTIVE, Role.PROBLEM):
            c = self.cols.at(role)
            if c is None or not _own(cells[c]):
                continue
            units = _headings(_content(cells[c]), self.layout)
            if len(numbers) == 1 and not lent:
                label = label_of(numbers[0].text)
                number = label.number if label is not None else ""
                if number and (not units[0].numbered or units[0].id == number):
                    units[0].id, units[0].numbered = number, True
                    units[0].paragraphs.insert(0, numbers[0])
                    lent = True
            if role == Role.OBJECTIVE:
                self.problems = self._problems_under(units[0], self.problems)
                self.objective = units[0]
                self.layout.headings.append(units[0])
                for extra in units[1:]:  # a second numbered objective in one cell: read as its text
                    units[0].paragraphs.extend(extra.paragraphs)
                    units[0].text = clean(f"{units[0].text} {extra.id}. {extra.text}")
            else:
                self.problems = units
                self.layout.headings.extend(units)
            self._take_back(units[0], "objective" if role == Role.OBJECTIVE else "problem")
            self.position = 0
        return lent

    def _split_to_count(self, paras: list[Paragraph],
                        count: int) -> tuple[list[Paragraph], list[Flag]]:
        """A measure cell that holds fewer measures than `count` (the numbers of the `№` cell
        beside it; for measures with no label, the deadlines beside them), read from a page that
        shows no paragraph breaks: the cell is cut at the line ends where a measure may start
        (`Paragraph.breaks`: a capital after a line that ends a phrase).  Where exactly as many
        such line ends as measures missing, all are cut; where more, none (and the rows say so)."""
        missing = count - len(self._group(paras, lead=True, expected=0)) if count > 1 else 0
        if missing <= 0:
            return paras, []
        result, cut, found = split_to_count(paras, missing, self.lang)
        if found > missing:
            left = (f"{found} line ends of the measure cell may start a measure, for {missing} "
                    f"missing: the cell left as it is")
            return paras, [Flag(FlagName.PARAGRAPH_SPLIT, SPLIT_DOUBTFUL, left)]
        if not cut:
            return paras, []
        said = (f"{missing} measure(s) cut out of the lines of a cell that shows no paragraph "
                f"breaks, to match the {count} numbers or deadlines beside it")
        return result, [Flag(FlagName.PARAGRAPH_SPLIT, SPLIT_SURE, said)]

    def _units(self, paras: list[Paragraph], numbers: list[Paragraph], expected: int) -> list[Unit]:
        """The measures of a measure cell, numbered by the `№` cell beside it or by their own
        labels."""
        if not paras:
            why = "a No. column paragraph with no measure beside it"
            self.layout.unplaced.extend((p, why) for p in numbers)
            return []
        groups = self._group(paras, lead=bool(numbers), expected=expected)
        if numbers and len(numbers) != len(groups) and len(numbers) > 1:
            if self.guessed and len(numbers) > len(groups):  # the rest may be on the next page
                self.pending = (numbers, groups)
            why = f"{len(numbers)} numbers for {len(groups)} measures in the next column"
            self.layout.unplaced.extend((p, why) for p in numbers)
            numbers = []
            groups = self._group(paras, lead=False, expected=expected)
        if len(numbers) == 1 and len(groups) > 1:
            groups = [[p for g in groups for p in g]]
        units = []
        for k, group in enumerate(groups):
            units.append(self._unit(group, numbers[k] if numbers else None))
        return units

    def _group(self, paras: list[Paragraph], lead: bool, expected: int) -> list[list[Paragraph]]:
        """Paragraphs of a measure cell in measures: a measure starts at a label of the measures'
        kind (`lead`: at every paragraph that is no item, the `№` cell numbering them); an item
        (`a)`, `-`, another kind of number) joins the measure above, so does an unlabelled
        paragraph (with a warning).  A cell with no label at all holds one measure, or one per
        paragraph when the deadlines beside it say so; a scan's `б)` read `6)` goes on its list
        (`letters_read_as_digits`)."""
        labels = letters_read_as_digits([label_of(p.text) for p in paras])
        if not lead and not any(self._starts_measure(lb) for lb in labels):
            starts = [lb is None or not lb.is_item for lb in labels]
            if expected > 1 and sum(starts) == expected:
                return _split(paras, starts)
            return [paras]
        groups: list[list[Paragraph]] = []
        for p, lb in zip(paras, labels):
            start = lb is None or self._starts_measure(lb) if lead else self._starts_measure(lb)
            if start or not groups:
                groups.append([p])
                continue
            if lb is None and not lead:
                joined = Warning_("unnumbered paragraph joined to the item above it", [p.prov])
                self.layout.warnings.append(joined)
            groups[-1].append(p)
        return groups

    def _starts_measure(self, label: Label | None) -> bool:
        if label is None or label.style not in LEVEL_STYLES:
            return False
        return self.measure_pattern is None or label.pattern == self.measure_pattern

    def _unit(self, group: list[Paragraph], number: Paragraph | None) -> Unit:
        texts = [p.text for p in group]
        if number is not None:
            label = label_of(number.text)
            text = clean(" ".join(texts))
            if label is not None and label.number:
                self.position += 1
                return Unit(label.number, text, [number] + group, True, True)
            code = code_of(number.text)
            if code is not None:  # `CAP1.02`: the measure's code
                self.position += 1
                return Unit(code, text, [number] + group, True, True)
            texts = [number.text] + texts
            group = [number] + group
        label = label_of(group[0].text)
        self.position += 1
        if label is not None and label.style in LEVEL_STYLES and label.number and label.text:
            text = clean(" ".join([label.text] + texts[1:]))
            return Unit(label.number, text, group, True, label.has_trailing_dot)
        if label is not None and label.style == "bare" and len(group) > 1:  # the number on a line
            text = clean(" ".join(texts[1:]))
            return Unit(label.number, text, group, True, label.has_trailing_dot)
        return Unit(str(self.position), clean(" ".join(texts)), group, False)

    # -- a heading set in the middle of its rows ---------------------------------------------
    def _take_back(self, heading: Heading, level: str) -> None:
        """A heading just opened (an objective or problem, by `level`) in a table whose rows are
        told by whitespace stands in the middle of the rows it spans, below its first measures,
        which were read under the heading above: the blocks right above it (from `floor`) whose
        measures' numbers are all its (`2.1`, `2.2` of `2`), none of the heading they were read
        under, are its, and say so (`grid_uncertain`, `ROWS_GUESSED`).  Where the numbers do not
        say it, the blocks stay where the white put them."""
        if not self.guessed or not heading.numbered:
            return
        taken = []
        for block in reversed(self.layout.blocks[self.floor[level]:]):
            if not self._numbered_under(block, heading, level):
                break
            taken.append(block)
        said = (f"read under {level} {heading.id}, which its number names: the {level}'s cell "
                "stands below it, in the middle of the rows it spans")
        for block in taken:
            block.objective = self.objective
            block.problems = self._problems_under(heading, block.problems) \
                if level == "objective" else list(self.problems)
            block.flags.append(Flag(FlagName.GRID_UNCERTAIN, ROWS_GUESSED, said))

    def _problems_under(self, objective: Heading, problems: list[Heading]) -> list[Heading]:
        """Of the problems read above an objective just opened, those it goes on under: in a
        table whose rows are told by whitespace, those its number names (`2.1` of `2`: the
        objective's cell stands in the middle of the rows it spans, below them); else none."""
        if not self.guessed or not objective.numbered:
            return []
        return [p for p in problems if p.numbered and is_under(p.id, objective.id)]

    def _raise_floor(self, levels: list[str]) -> None:
        """No heading of these levels opened below takes back (`_take_back`) a block read so far
        (a block beside a heading's cell of its own is that heading's)."""
        for level in levels:
            self.floor[level] = len(self.layout.blocks)

    def _numbered_under(self, block: Block, heading: Heading, level: str) -> bool:
        """Are a block's measures all numbered under `heading` (`_take_back`), and none under the
        heading of that level it was read under (a problem: under the same objective)?  Every
        heading it was read under is numbered (an objective takes a problem along only where it
        names it: `_problems_under`)."""
        if level == "objective":
            above = [block.objective] if block.objective is not None else []
            read_under = above + block.problems
        elif block.objective is self.objective:
            above = read_under = block.problems
        else:
            return False
        ids = [unit.id for unit in block.measures if unit.numbered]
        if not ids or len(ids) < len(block.measures) or any(not h.numbered for h in read_under):
            return False
        theirs = all(is_under(i, heading.id) for i in ids)
        return theirs and not any(is_under(i, h.id) for i in ids for h in above)

    # -- steps -------------------------------------------------------------------------------
    def _opens_heading(self, cells: list[Cell]) -> bool:
        """A row with no measure whose objective or problem cell is its own: a heading begins
        there, beside other cells (`_carry`)."""
        return bool(self._opened(cells))

    def _opened(self, cells: list[Cell]) -> list[str]:
        """The levels (objective, problem) whose cell of the row is its own."""
        return [level for level, role in (("objective", Role.OBJECTIVE), ("problem", Role.PROBLEM))
                if (c := self.cols.at(role)) is not None and _own(cells[c])]

    def _carry(self, row: GridRow) -> None:
        """A row that opens a heading beside other cells but no measure: the heading starts
        here, and the other cells, standing under it, wait for the measure below (`_carried_into`).
        A heading set in the middle of the rows it spans (a table drawn without lines, whose rows
        are told by whitespace) stands above its first measure's cells, beside the tallest."""
        self._carried_into(None, "a table row beside a heading, followed by a heading")
        self._row_headings(row.cells, [])
        self.carried = row
        self._raise_floor(self._opened(row.cells))

    def _carried_into(self, block: Block | None, why: str = "") -> None:
        """The carried row's cells go first in `block`, the measure below its heading, which says
        so (`grid_uncertain`, `CARRIED_DOWN`); with no block, to the unplaced (`why`)."""
        row, self.carried = self.carried, None
        if row is None:
            return
        cells = row.cells
        if block is None:
            self.layout.unplaced.extend((p, why) for c in range(len(cells))
                                        if _own(cells[c]) and self.cols.roles[c] not in
                                        (Role.OBJECTIVE, Role.PROBLEM) for p in _content(cells[c]))
            return
        self._sub_row_into(block, cells, first=True)
        said = ("cells beside a heading with no measure, read as the first measure's below it "
                f"(table row {row.index + 1})")
        block.flags.extend([f for f in row.flags if f not in block.flags]
                           + [Flag(FlagName.GRID_UNCERTAIN, CARRIED_DOWN, said)])

    def _step(self, row: GridRow) -> None:
        """A sub-row of the measure above: its step and deadline; other cells of its own join the
        block."""
        block = self.layout.blocks[-1]
        block.flags.extend(f for f in row.flags if f not in block.flags)
        self._sub_row_into(block, row.cells, apart=row.guessed)

    def _sub_row_into(self, block: Block, cells: list[Cell], first: bool = False,
                      apart: bool = False) -> None:
        """A sub-row's step (with its deadline) and its other cells of its own into `block`: after
        what the block holds, or before it (`first`: the row above a measure, `_carried_into`).
        A column that gets text so holds the cells of several rows (no `whole_cells`).  `apart`:
        the row was told by the white above it (`GridRow.guessed`), which sets its cells'
        paragraphs apart from those above them, as an empty paragraph would (`after_blank`)."""
        step = self.cols.at(Role.STEP)
        sub: StepCells | None = None
        if step is not None and _own(cells[step]):
            sub = self._step_cells(cells, step)
        elif step is not None and self._step_timeframes(cells):
            sub = StepCells([], self._step_timeframes(cells))
        if sub is not None:
            block.steps.insert(0 if first else len(block.steps), sub)
        for c, role in enumerate(self.cols.roles):
            the_step_deadline = role == Role.TIMEFRAME and step is not None
            if role in STRUCTURAL or not _own(cells[c]) or the_step_deadline:
                continue
            target = block.extras.setdefault(self.columns[c].name, []) if role == Role.EXTRA \
                else block.columns.setdefault(role, [])
            at = 0 if first else len(target)
            if apart and target and not first:
                first_para = _content(cells[c])[0].prov.source_key()
                block.after_blank |= _after_blank(cells[c]) | {first_para}
            target[at:at] = _content(cells[c])
            if _content(cells[c]):
                block.whole_cells.discard(role)  # the cells of several sub-rows


# how `_counts_differ` says so (a row filled by the rest of it below says so no more)
COUNTS_DIFFER = "the `№` cell beside the measure cell numbers"


def _counts_differ(numbers: int, measures: int) -> list[Flag]:
    """A measure row whose `№` cell numbers more than one measure, and other than as many as its
    measure cell was read as: it holds likely as many as the numbers say (measures merged, or a
    row cut), and says so."""
    if numbers < 2 or measures == numbers:
        return []
    said = (f"{COUNTS_DIFFER} {numbers} measures, read as {measures}: {numbers} measures "
            "likely in the row")
    return [Flag(FlagName.PARAGRAPH_SPLIT, SPLIT_DOUBTFUL, said)]


def _split(paras: list[Paragraph], starts: list[bool]) -> list[list[Paragraph]]:
    groups: list[list[Paragraph]] = []
    for p, start in zip(paras, starts):
        if start or not groups:
            groups.append([p])
        else:
            groups[-1].append(p)
    return groups


def _step_units(paras: list[Paragraph]) -> list[list[Paragraph]]:
    """A step cell's steps: several numbered steps (`1)`, `2)`) in a row are one step, their
    text kept whole; otherwise each paragraph is one step."""
    labels = [label_of(p.text) for p in paras]
    groups: list[list[Paragraph]] = []
    for p, label in zip(paras, labels):
        enumerated = label is not None and label.style not in ("keyword", "roman") \
            and bool(label.number) and label.number not in FIRST_ITEMS
        if groups and (enumerated or label is not None and label.style == "bullet"):
            groups[-1].append(p)
        else:
            groups.append([p])
    return groups


def _headings(paras: list[Paragraph], layout: Layout) -> list[Heading]:
    """The objectives or problems of one cell: a labelled paragraph starts one, others continue
    it."""
    out: list[Heading] = []
    for p in paras:
        label = label_of(p.text)
        if label is not None and label.style in LEVEL_STYLES and label.number and label.text:
            out.append(Heading(label.number, label.text, [p]))
        elif out:
            out[-1].paragraphs.append(p)
            out[-1].text = clean(f"{out[-1].text} {p.text}")
        else:
            out.append(Heading("", clean(p.text), [p], numbered=False))
    return out

