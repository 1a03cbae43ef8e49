"""A flattened text's plan read back into a finished grid: the two scored readings of a header
with guessed columns, and the text's empty paragraphs put back into the cells.

`structure` finds where a plan stands in a flattened text (its header run, `TextPlan`); every
choice of how its paragraphs make a grid is scored here, in `align`, and what leaves is the grid
the hierarchy reads as it reads a table's (`GridRead`).
"""
from __future__ import annotations

import logging

from ..blocks import GridRead
from ..model import Paragraph, Table
from ..normalize.agencies import Gazetteer
from ..structure.plans import TextPlan
from .settings import AlignSettings
from .textgrid import text_to_grid

log = logging.getLogger("annex")  # `annex -v` shows the choice, as extract's decisions


def text_plan_to_grid(text: TextPlan, paragraphs: list[Paragraph], blanks: list[Paragraph],
                      gazetteer: Gazetteer, lexical, settings: AlignSettings, file: str
                      ) -> tuple[TextPlan, GridRead]:
    """The plan (as finally read: with or without its guessed columns) and its grid, with the
    document's empty paragraphs (`blanks`, of `paragraphs`) restored into its cells; the ones put
    back leave `blanks`."""
    read = text_to_grid(text.body, text.columns, gazetteer, lexical, settings)
    # a column's name, or a section title right after the header: the cheaper reading
    if text.guessed:
        plain = text.without_guessed()
        other = text_to_grid(plain.body, plain.columns, gazetteer, lexical, settings)
        # a column no header word names is as doubtful as a paragraph read as an unnumbered
        # heading row
        guess = (settings.heading + settings.new_row) * text.guessed
        if other.cost <= read.cost + guess or not _fills(read, len(text.columns) - text.guessed):
            log.info("%s: '%s' after the header read as the table's first paragraph, not a column "
                     "(cost %.2f against %.2f)", file, text.header[-text.guessed].text, other.cost,
                     read.cost)
            text, read = plain, other
    restore_blanks(read.table, paragraphs, blanks)
    return text, read


def _fills(read: GridRead, first: int) -> bool:
    """Whether any row of a grid has a value in a column from `first` on."""
    return any(cell.paragraphs for row in read.table.rows for cell in row.cells[first:])


def restore_blanks(table: Table, paragraphs: list[Paragraph], blanks: list[Paragraph]) -> None:
    """A flattened text's empty paragraphs (lines of a no-break space) put back into the cells read
    from it (`text_to_grid` reads the text without them): each before the paragraph it
    stood above, where that paragraph is not the first of its cell.  The ones put back leave
    `blanks`."""
    above: dict[tuple, list[Paragraph]] = {}
    run: list[Paragraph] = []
    for p in paragraphs:
        if p.is_blank:
            run.append(p)
        elif run:
            above[p.prov.source_key()], run = run, []
    placed: set[tuple] = set()
    for row in table.rows:
        for cell in row.cells:
            if cell.is_placeholder:
                continue
            out: list[Paragraph] = []
            for p in cell.paragraphs:
                run = above.get(p.prov.source_key(), []) if out and p.prov.part in (None, 0) else []
                out.extend(run)
                placed.update(b.prov.key() for b in run)
                out.append(p)
            cell.paragraphs[:] = out  # in place: a placeholder below shares the list
    blanks[:] = [b for b in blanks if b.prov.key() not in placed]
