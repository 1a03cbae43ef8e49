"""A refusal that says what it saw: no plan found, or a `--columns` name no header cell reads."""
from __future__ import annotations

import logging
from collections import Counter

from ..blocks import Column, ColumnMap
from ..columns import ROLE_NAMES, ColumnNames, body_share
from ..errors import DocumentLoadError
from ..model import Document, Role, Row
from ..normalize.agencies import Gazetteer
from ..normalize.text import clean
from .header import (
    HEADER_SEARCH_ROWS,
    PLAN_ROLES,
    cell_text,
    column_cells,
    columns_of,
    named_roles,
    seen_header_rows,
)

log = logging.getLogger("annex")
EXAMPLE_WIDTH = 60  # a header cell longer than this is not quoted in a refusal's example


def check_names(doc: Document, names: ColumnNames, headers: list[list[str]]) -> None:
    """Every header the user named is a cell of a plan's header: else one error naming it."""
    missing = names.unmatched([text for header in headers for text in header])
    if missing:
        header = _short(_joined(headers[0]), 2 * EXAMPLE_WIDTH)
        raise DocumentLoadError(f"{doc.source.file}: --columns names '{missing[0]}', which no cell "
                                f"of the header reads; the header: \"{header}\"")


def _short(text: str, width: int = 80) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def _joined(texts: list[str]) -> str:
    return " | ".join(clean(t) for t in texts)



def refusal(doc: Document, names: ColumnNames, gazetteer: Gazetteer | None) -> str:
    """No plan: what the best header row found lacks, and how to name its columns (`--columns`)."""
    file = doc.source.file
    option = f"name the columns with --columns \"HEADER=ROLE,...\" (roles: {', '.join(ROLE_NAMES)})"
    if not any(table.rows for table in doc.tables):  # no table, or only empty ones (rules only)
        return (f"{file}: no matrix found: no table and no run of paragraphs naming the columns "
                f"(Objectives, Implementation measures, Timeframe, ...); {option}")
    for k, row in enumerate(seen_header_rows(doc)):  # all of them for -v
        log.info("%s: table %d's first row: %s", file, k + 1, row)
    t_index, r_index = _likeliest_header(doc, names)
    table = doc.tables[t_index]
    texts = [cell_text(c) for c in table.rows[r_index].cells]
    columns = columns_of(texts, names=names)
    width = 2 * EXAMPLE_WIDTH if named_roles(columns) else EXAMPLE_WIDTH  # no role: its start
    where = (f"the header \"{_short(_joined(texts), width)}\" "
             f"(table {t_index + 1} of {len(doc.tables)}, row {r_index + 1})")
    missing = names.unmatched(texts)
    if missing:
        return f"{file}: --columns names '{missing[0]}', which no cell of {where} reads; {option}"
    example = _example(texts, columns, table.rows[r_index + 1:], gazetteer)
    return (f"{file}: {_lacking(columns)} in {where}; name the columns with "
            f"--columns \"{example}\" (roles: {', '.join(ROLE_NAMES)})")


def _likeliest_header(doc: Document, names: ColumnNames) -> tuple[int, int]:
    """(table, row) of the row naming the most roles among the first rows of every table."""
    def named(row: Row) -> int:
        return len(named_roles(columns_of([cell_text(c) for c in row.cells], names=names)))

    candidates = [(named(row), -t, -r) for t, table in enumerate(doc.tables)
                  for r, row in enumerate(table.rows[:HEADER_SEARCH_ROWS])]
    if not candidates:
        return 0, 0
    _, t, r = max(candidates)
    return -t, -r


def _lacking(columns: list[Column]) -> str:
    named = named_roles(columns)
    twice = [role for role, n in Counter(named).items() if n > 1]
    if twice:
        return f"two columns naming the {twice[0].value}"
    if Role.MEASURE not in named and not PLAN_ROLES & set(named):
        return "no column naming the measures, nor their agencies, deadlines or results"
    if Role.MEASURE not in named:
        return "no column naming the measures"
    return "no column naming the measures' agencies, deadlines or results"


def _example(texts: list[str], columns: list[Column], body: list[Row],
             gazetteer: Gazetteer | None) -> str:
    """A `--columns` value for this header: its measure column (by its words, else its first
    text column) and, where no column names their agencies, deadlines or results, the column
    most made of body names; `HEADER` where the row names no role (it may be no header) or
    the cell is too long to quote."""
    cols = ColumnMap.of(columns)
    cells = [c for c, t in enumerate(texts) if clean(t) and cols.roles[c] != Role.NUMBER]
    quoted = bool(named_roles(columns))

    def name(c: int) -> str:
        return clean(texts[c]) if quoted and len(clean(texts[c])) <= EXAMPLE_WIDTH else "HEADER"

    measure = cols.at(Role.MEASURE)
    if measure is None:  # no column names the measures: the first text column may
        measure = cells[0] if cells else -1
    parts = [f"{name(measure) if measure >= 0 else 'HEADER'}=measure"]
    others = [c for c in cells if c != measure]
    if not PLAN_ROLES & set(cols.roles):
        def bodies(c: int) -> float:
            return body_share(column_cells(body, c), gazetteer) if gazetteer is not None else 0.0
        best = max(others, key=lambda c: (bodies(c), -c)) if others else -1
        parts.append(f"{name(best) if best >= 0 else 'HEADER'}=agencies")
    return ",".join(parts)
