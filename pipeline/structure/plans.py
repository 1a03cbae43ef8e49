"""Where the plans are in a document: its plan tables (and the tables that continue them),
else the plans of its flattened text; and each plan's body rows, read into its layout.

A table is a plan when its header names the measures and at least one of the agencies, the
deadline or the result (`header.is_plan_header`); every such table is read, the others are
reported as skipped.  In a flattened text the header is a run of paragraphs naming the
columns; the text after it is read back into a grid by `align.text_to_grid` (a scored
choice), and from there on it is read as any table (`hierarchy.GridHierarchy`).
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..blocks import Column, ColumnMap, DocumentLayout, GridRead, Layout, SkippedTable
from ..columns import NO_NAMES, ColumnNames, header_key
from ..contract import Flag
from ..errors import NoMatrixError
from ..model import Cell, Document, Paragraph, Role, Row, Table, Warning_
from ..normalize.agencies import Gazetteer
from ..normalize.text import clean
from .header import (
    cell_text,
    chrome_lines,
    columns_of,
    content_header,
    is_plan_header,
    stream_headers,
    table_header,
    tick_marks,
    ticks_as_extra,
)
from .hierarchy import GridHierarchy, GridRow
from .refusal import check_names, refusal

if TYPE_CHECKING:
    from .labelled import LabelledPlan

log = logging.getLogger("annex")


def title_of(paragraphs: list[Paragraph]) -> str:
    """The last paragraph above a table that is not page chrome: the last heading, where the
    source marks its headings (`Paragraph.level`), else the last paragraph."""
    kept = [p for p in paragraphs if not p.is_blank and header_key(p.text) not in chrome_lines()]
    headings = [p for p in kept if p.level]
    return clean((headings or kept)[-1].text) if kept else ""



# -- the plans of a document ------------------------------------------------------------

@dataclass
class TablePlan:
    """A plan table (and the tables that continue it) with its header row."""

    tables: list[int]
    header_row: int
    columns: list[Column]
    # a plan continued over tables each under a heading of its own (`_continues_in_section`):
    # table -> its heading, read as a heading row above the table's rows
    sections: dict[int, Paragraph] = field(default_factory=dict)

    def headings(self) -> list[Paragraph | None]:
        """Each table's section heading, in the order of `tables` (None: no heading of its own)."""
        return [self.sections.get(t) for t in self.tables]


@dataclass
class TextPlan:
    """A plan in the flattened text: its header run and the paragraphs after it."""

    header: list[Paragraph]
    body: list[Paragraph]
    columns: list[Column]
    # the last columns: short paragraphs after the named ones, taken for unnamed columns
    guessed: int = 0

    def without_guessed(self) -> TextPlan:
        """The plan with its guessed columns read as the body's first paragraphs (a section
        title right after the header looks the same)."""
        k = self.guessed
        if not k:
            return self
        return TextPlan(self.header[:-k], self.header[-k:] + self.body, self.columns[:-k])


@dataclass
class Found:
    """Where a document's plans are; `text` when it has no plan table but header runs."""

    tables: list[TablePlan] = field(default_factory=list)
    text: list[TextPlan] = field(default_factory=list)
    front_matter: list[Paragraph] = field(default_factory=list)
    back_matter: list[Paragraph] = field(default_factory=list)
    blanks: list[Paragraph] = field(default_factory=list)
    skipped: list[SkippedTable] = field(default_factory=list)
    warnings: list[Warning_] = field(default_factory=list)
    # the document its table plans are of, where it is not the one read: a plan of labelled
    # fields read into a table of its own (`labelled.labelled_plan`)
    document: Document | None = None


def find_plans(doc: Document, names: ColumnNames = NO_NAMES,
               gazetteer: Gazetteer | None = None) -> Found:
    """Every plan table of a document, else every plan in its flattened text.  `names`: the
    headers the user named (each must name a column of a plan found); `gazetteer`: to read the
    roles a header's words leave missing from what its columns hold (none: by words only)."""
    found = Found(blanks=[p for p in doc.paragraphs if p.is_blank])
    plans = _table_plans(doc, names, gazetteer, found.warnings)
    labelled = None if plans else _labelled_plan(doc)
    if plans:
        _place_tables(doc, plans, found)
        check_names(doc, names, [[c.name for c in plan.columns] for plan in plans])
    elif labelled is not None:
        _place_labelled(doc, labelled, found)
        check_names(doc, names, [[c.name for c in labelled.columns]])
    else:
        _place_text(doc, names, gazetteer, found)
        check_names(doc, names, [[p.text for p in plan.header] for plan in found.text])
    return found


def _place_tables(doc: Document, plans: list[TablePlan], found: Found) -> None:
    """The plan tables into `found`, with the text before the first (front matter) and after it
    (back matter), less the section headings their plans read as heading rows; the other
    tables are skipped."""
    used = {t for plan in plans for t in plan.tables}
    found.tables = plans
    first = doc.tables[plans[0].tables[0]].position
    headings = {p.prov.key() for plan in plans for p in plan.sections.values()}
    body = [p for p in doc.paragraphs if p.prov.key() not in headings]
    before = [p for p in doc.paragraphs[:first] if p.prov.key() not in headings]
    found.front_matter = [p for p in before if not p.is_blank]
    found.back_matter = [p for p in body[len(before):] if not p.is_blank]
    found.skipped = [_skipped(t_index, table) for t_index, table in enumerate(doc.tables)
                     if t_index not in used]


def _labelled_plan(doc: Document) -> LabelledPlan | None:
    """`labelled.labelled_plan`: its module imported by a document with no plan table only."""
    from .labelled import labelled_plan

    return labelled_plan(doc)


def _place_labelled(doc: Document, labelled: LabelledPlan, found: Found) -> None:
    """A plan of labelled fields as a table of its own: the document read again with its grid as
    its one table, standing where its first record stood, the paragraphs the grid holds taken
    out of the body text (`found.document`); then placed as any plan table."""
    first = min(k for k, p in enumerate(doc.paragraphs) if p.prov.key() in labelled.used)
    body = [p for p in doc.paragraphs if p.prov.key() not in labelled.used]
    labelled.table.position = sum(1 for p in doc.paragraphs[:first]
                                  if p.prov.key() not in labelled.used)
    found.document = replace(doc, paragraphs=body, tables=[labelled.table])
    records = sum(1 for row in labelled.table.rows if row.cells[0].colspan == 1) - 1
    found.warnings.append(Warning_(
        f"no table: {records} records of labelled fields read as one (labels: "
        f"{', '.join(c.name for c in labelled.columns[1:])})",
        [labelled.table.rows[1].cells[0].paragraphs[0].prov]))
    _place_tables(found.document, [TablePlan([0], 0, labelled.columns)], found)


def _place_text(doc: Document, names: ColumnNames, gazetteer: Gazetteer | None,
                found: Found) -> None:
    """The plans of the flattened text into `found`: each header run and the paragraphs up to
    the next; every table is skipped.  No header run: the refusal (`NoMatrixError`)."""
    content = [p for p in doc.paragraphs if not p.is_blank]
    runs = stream_headers(content, names)
    if not runs:
        raise NoMatrixError(refusal(doc, names, gazetteer))
    found.front_matter = content[:runs[0][0]]
    for k, (start, end, columns, guessed) in enumerate(runs):
        stop = runs[k + 1][0] if k + 1 < len(runs) else len(content)
        found.text.append(TextPlan(content[start:end], content[end:stop], columns, guessed))
    found.skipped = [_skipped(t_index, table) for t_index, table in enumerate(doc.tables)]



def _skipped(t_index: int, table: Table) -> SkippedTable:
    header = [clean(cell_text(c)) for c in table.rows[0].cells] if table.rows else []
    every = [p for row in table.rows for c in row.cells for p in c.paragraphs]
    paras = list({p.prov.key(): p for p in every}.values())  # a merged cell's paragraphs once
    return SkippedTable(t_index, table.position, header, paras)


def _table_plans(doc: Document, names: ColumnNames, gazetteer: Gazetteer | None,
                 warnings: list[Warning_]) -> list[TablePlan]:
    """Each table whose header names a plan, with the tables that continue it: the next table,
    of the same width, with no text between them, and no header of its own other than a repeat.
    Only where no table's header words name a plan, a header may by what its columns hold
    (`content_header`; what it decided goes to `warnings`)."""
    plans = _plans_headed(doc, names, lambda table: table_header(table, names))
    if plans or gazetteer is None:
        return plans
    read: dict[int, list[Warning_]] = {}

    def by_content(table: Table) -> tuple[int, list[Column]] | None:
        found = content_header(table, names, gazetteer)
        if found is None:
            return None
        read[id(table)] = found[2]
        return found[0], found[1]

    plans = _plans_headed(doc, names, by_content)
    for plan in plans:
        said = read.get(id(doc.tables[plan.tables[0]]), [])
        warnings.extend(said)
        for warning in said:
            log.info("%s: %s", doc.source.file, warning.message)
    return plans


def _plans_headed(doc: Document, names: ColumnNames,
                  header: Callable[[Table], tuple[int, list[Column]] | None]) -> list[TablePlan]:
    plans: list[TablePlan] = []
    t_index = 0
    while t_index < len(doc.tables):
        found = header(doc.tables[t_index])
        if found is None:
            t_index += 1
            continue
        plan = TablePlan([t_index], found[0], found[1])
        nxt = t_index + 1
        while nxt < len(doc.tables):
            if _continues(doc, plan, nxt, names):
                plan.tables.append(nxt)
            elif not _continues_in_section(doc, plan, nxt, names):
                break
            nxt += 1
        rows = [row for k, t in enumerate(plan.tables)
                for row in doc.tables[t].rows[(plan.header_row + 1 if k == 0 else 0):]]
        if any(cell_text(c).strip() in tick_marks() for row in rows for c in row.cells):
            body = [row for row in rows if not _repeats_header(row, plan.columns)]
            plan.columns = ticks_as_extra(plan.columns, body)
        plans.append(plan)
        t_index = nxt
    return plans


def _continues(doc: Document, plan: TablePlan, t_index: int, names: ColumnNames = NO_NAMES) -> bool:
    table, before = doc.tables[t_index], doc.tables[plan.tables[-1]]
    if any(len(r.cells) != len(plan.columns) for r in table.rows):
        return False
    between = doc.paragraphs[before.position:table.position]
    if any(not p.is_blank for p in between):
        return False
    own = table_header(table, names)
    return own is None or ColumnMap.of(own[1]) == ColumnMap.of(plan.columns)


def _section_heading(paras: list[Paragraph]) -> Paragraph | None:
    """The heading a table stands under: the last heading among the paragraphs above it."""
    return next((p for p in reversed(paras) if p.level and not p.is_blank), None)


def _text_above(doc: Document, t_index: int) -> list[Paragraph]:
    """The body paragraphs between a table and the table before it (or the document's start)."""
    start = doc.tables[t_index - 1].position if t_index else 0
    return doc.paragraphs[start:doc.tables[t_index].position]


def _continues_in_section(doc: Document, plan: TablePlan, t_index: int,
                          names: ColumnNames = NO_NAMES) -> bool:
    """A table with the plan's own header words, under a heading of the level the plan's first
    table stands under, in a plan with no objective column: the plan continued in a new section
    (a page of one small table per objective).  Each table's heading is recorded in
    `plan.sections`, to be read as a heading row above its rows; the text between the tables
    stays body text."""
    table = doc.tables[t_index]
    own = table_header(table, names)
    same_header = own is not None and own[0] == plan.header_row and \
        [header_key(c.name) for c in own[1]] == [header_key(c.name) for c in plan.columns]
    # with an objective column, a heading above the tables would be a level more than the plan has
    objective_column = Role.OBJECTIVE in ColumnMap.of(plan.columns)
    same_width = all(len(r.cells) == len(plan.columns) for r in table.rows)
    if not same_header or objective_column or not same_width:
        return False
    first = plan.sections.get(plan.tables[0]) or _section_heading(_text_above(doc, plan.tables[0]))
    heading = _section_heading(_text_above(doc, t_index))
    if first is None or heading is None or heading.level != first.level:
        return False
    plan.sections[plan.tables[0]] = first
    plan.sections[t_index] = heading
    plan.tables.append(t_index)
    return True



# -- a plan's rows, into its layout ----

def _heading_row(heading: Paragraph, width: int) -> GridRow:
    """A section heading read as a row spanning the table (a heading row)."""
    covered = [Cell([], merged_from_left=True) for _ in range(width - 1)]
    cells = [Cell([heading], colspan=width)] + covered
    return GridRow(-1, cells, [])


def table_rows(tables: list[Table], header_row: int, columns: list[Column],
               row_flags: dict[int, list[Flag]] | None = None,
               sections: list[Paragraph | None] | None = None
               ) -> tuple[list[GridRow], list[Paragraph], list[Warning_], list[Paragraph]]:
    """The body rows of a plan (over the tables that continue it), each padded to the header's
    width; a repeated header row is dropped (its paragraphs returned as header); the paragraphs
    of cells beyond the header's width are returned last (a row of more cells than the header).
    `sections`: each table's section heading, read as a heading row above its rows."""
    rows: list[GridRow] = []
    repeated: list[Paragraph] = []
    beyond: list[Paragraph] = []
    warnings: list[Warning_] = []
    for k, table in enumerate(tables):
        heading = sections[k] if sections and k < len(sections) else None
        if heading is not None:
            rows.append(_heading_row(heading, len(columns)))
        for r_index, row in enumerate(table.rows):
            if k == 0 and r_index <= header_row:
                continue
            if _repeats_header(row, columns):
                firsts = [p.prov for c in row.cells for p in c.paragraphs[:1]]
                warnings.append(Warning_("repeated header row dropped", firsts))
                repeated.extend(p for c in row.cells for p in c.paragraphs if not p.is_blank)
                continue
            flags = list((row_flags or {}).get(r_index, []))
            rows.append(GridRow(r_index, _padded(row, len(columns)), flags,
                                bool(table.rows_guessed)))
            outside = [c for c in row.cells[len(columns):] if not c.is_placeholder]
            beyond.extend(p for c in outside for p in c.paragraphs)
    return rows, repeated, warnings, beyond


def _repeats_header(row: Row, columns: list[Column]) -> bool:
    """A body row that is the header again: its words, or other words naming the same roles."""
    texts = [cell_text(c) for c in row.cells]
    again = columns_of(texts)
    same_words = [header_key(t) for t in texts] == [header_key(c.name) for c in columns]
    return same_words or is_plan_header(again) and ColumnMap.of(again) == ColumnMap.of(columns)


def _padded(row: Row, width: int) -> list[Cell]:
    """A row's cells cut or padded with empty cells to the header's width."""
    return list(row.cells[:width]) + [Cell([]) for _ in range(width - len(row.cells))]


def table_to_layout(tables: list[Table], header_row: int, columns: list[Column], file: str,
                    read: GridRead | None = None, lang: str = "",
                    sections: list[Paragraph | None] | None = None) -> Layout:
    """One plan's blocks, headings and leftovers, from its grid (a table's, or one read from text);
    `lang`, the document's language; `sections`, each table's heading (`TablePlan.headings`)."""
    row_flags = read.row_flags if read else None
    rows, repeated, warnings, beyond = table_rows(tables, header_row, columns, row_flags, sections)
    reader = GridHierarchy(columns, lang, marked_cells=read is None)
    layout = reader.read(rows, read.merged if read else None)
    layout.warnings[:0] = warnings
    layout.blanks.extend(p for p in beyond if p.is_blank)
    why = "a cell beyond the header's columns"
    layout.unplaced.extend((p, why) for p in beyond if not p.is_blank)
    if header_row >= 0:
        cells = tables[0].rows[header_row].cells
        layout.header = [p for c in cells for p in c.paragraphs if not p.is_blank]
    layout.header.extend(repeated)
    if not any(b.measures for b in layout.blocks):
        raise NoMatrixError(f"{file}: a header was found but no measure under it")
    return layout


def table_plan_layout(doc: Document, plan: TablePlan, lang: str) -> Layout:
    """A plan table's layout (over the tables that continue it), titled by the paragraphs above
    it that are not its sections' headings."""
    tables = [doc.tables[i] for i in plan.tables]
    layout = table_to_layout(tables, plan.header_row, plan.columns, doc.source.file, lang=lang,
                             sections=plan.headings())
    before = doc.tables[plan.tables[0] - 1].position if plan.tables[0] else 0
    sections = {p.prov.key() for p in plan.sections.values()}  # placed as heading rows
    above = doc.paragraphs[before:tables[0].position]
    layout.title = title_of([p for p in above if p.prov.key() not in sections])
    return layout


def text_plan_layout(text: TextPlan, read: GridRead, file: str, lang: str) -> Layout:
    """A flattened text's plan, read back into its grid (`align.plantext`), as a layout: its
    header run, and what reading the text left unplaced or said, before the grid's own."""
    layout = table_to_layout([read.table], -1, text.columns, file, read, lang)
    layout.header = list(text.header)
    layout.unplaced[:0] = read.unplaced
    layout.warnings[:0] = read.warnings
    return layout


def document_layout(found: Found, tables: list[Layout], back: list[Paragraph] | None = None,
                    language: str = "") -> DocumentLayout:
    """The document's plans in order (each numbered), with what surrounds them: `back`, the back
    matter each flattened text's plan ended with; a flattened text's first plan takes the front
    matter's title."""
    for k, layout in enumerate(tables):
        layout.index = k
    if found.text:
        tables[0].title = title_of(found.front_matter)
    title = title_of(found.front_matter)
    return DocumentLayout(tables=tables, front_matter=found.front_matter, title=title,
                          back_matter=found.back_matter + (back or []), blanks=found.blanks,
                          skipped=found.skipped, warnings=found.warnings, language=language)
