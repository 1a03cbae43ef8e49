"""Layout: from a `Document` to the matrix's header and its blocks.

A *block* is one row of the original table: an objective, its problem(s), its
measures, and for every other column the list of that column's paragraphs.
Columns are known by their header names (`data/headers.csv`, any language),
never by position.

Two inputs give blocks:

* a table whose header row names the columns (Word, HTML, PDF): each body row
  is a block; a cell merged down from above is carried, not repeated;
* the flattened text, where the columns come one after the other: the header
  is a run of paragraphs naming the columns, objectives/problems/measures are
  told by their numbering (`1.`, `1.1.`, `1.1.1.`), and the unnumbered
  paragraphs after the measures are cut into the remaining columns, in header
  order, by `stream_to_columns`: a small dynamic programme that weighs how well
  each paragraph fits each column (timeframe grammar, gazetteer coverage)
  against the expected counts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .data import builtin
from .errors import NoMatrixError
from .model import Document, Paragraph, Role, Table, Warning_
from .normalize.agencies import Gazetteer
from .normalize.text import clean, fold, split_numbering
from .normalize.timeframes import looks_like_timeframe

MIN_HEADER_ROLES = 3


@lru_cache(maxsize=1)
def header_synonyms() -> dict[str, Role]:
    return {_header_key(r["synonym"]): Role(r["role"])
            for r in builtin("headers.csv", ("role", "lang", "synonym"))}


@lru_cache(maxsize=1)
def chrome_lines() -> frozenset[str]:
    return frozenset(_header_key(r["text"]) for r in builtin("chrome.csv", ("lang", "text")))


def _header_key(text: str) -> str:
    return " ".join(re.findall(r"[\w#]+", fold(text).lower()))


def header_role(text: str) -> Role | None:
    return header_synonyms().get(_header_key(text))


@dataclass
class Block:
    """One objective-row of the matrix, its paragraphs sorted by column."""

    objective: list[Paragraph] = field(default_factory=list)
    problems: list[list[Paragraph]] = field(default_factory=list)
    measures: list[list[Paragraph]] = field(default_factory=list)
    columns: dict[Role, list[Paragraph]] = field(default_factory=dict)
    # objective/problems carried from a merged cell above: placed by an earlier block
    carried: bool = False


@dataclass
class Layout:
    front_matter: list[Paragraph]
    title: str
    header: list[Paragraph]
    roles: list[Role]  # the header's column roles, in order
    blocks: list[Block]
    back_matter: list[Paragraph] = field(default_factory=list)
    blanks: list[Paragraph] = field(default_factory=list)
    unplaced: list[tuple[Paragraph, str]] = field(default_factory=list)
    warnings: list[Warning_] = field(default_factory=list)


def document_to_layout(doc: Document, gazetteer: Gazetteer) -> Layout:
    """Find the matrix in a document, by a table header first, else in the text stream."""
    for t_index, table in enumerate(doc.tables):
        found = _table_header(table)
        if found is not None:
            return tables_to_layout(doc, t_index, found[0], found[1])
    try:
        return stream_to_layout(doc, gazetteer)
    except NoMatrixError:
        if not doc.tables:
            raise
        seen = "; ".join(f"[{row}]" for row in seen_header_rows(doc)[:5])
        raise NoMatrixError(f"{doc.source.file}: no table whose header names the matrix columns "
                            f"(Objectives, Implementation measures, Timeframe, ...); header rows seen: {seen}") from None


# -- the title above the matrix --------------------------------------------------

def _title(front: list[Paragraph]) -> str:
    texts = [clean(p.text) for p in front if not p.is_blank and _header_key(p.text) not in chrome_lines()]
    return texts[-1] if texts else ""


# -- tables ------------------------------------------------------------------------

def _row_roles(texts: list[str]) -> list[Role | None] | None:
    roles = [header_role(t) for t in texts]
    named = [r for r in roles if r is not None]
    if Role.MEASURE in named and len(set(named)) >= MIN_HEADER_ROLES and len(set(named)) == len(named):
        return roles
    return None


def _table_header(table: Table) -> tuple[int, list[Role | None]] | None:
    for r_index, row in enumerate(table.rows[:5]):
        roles = _row_roles([" ".join(p.text for p in c.paragraphs) for c in row.cells])
        if roles:
            return r_index, roles
    return None


def seen_header_rows(doc: Document) -> list[str]:
    """The first row of every table, for the error message when no header matches."""
    return [" | ".join(clean(" ".join(p.text for p in c.paragraphs)) for c in t.rows[0].cells)
            for t in doc.tables if t.rows]


def tables_to_layout(doc: Document, first: int, header_row: int, roles: list[Role | None]) -> Layout:
    table = doc.tables[first]
    header = [p for c in table.rows[header_row].cells for p in c.paragraphs if not p.is_blank]
    front = [p for p in doc.paragraphs[:table.position] if not p.is_blank]
    back = [p for p in doc.paragraphs[table.position:] if not p.is_blank]
    layout = Layout(front_matter=front, title=_title(front), header=header,
                    roles=[r for r in roles if r], blocks=[], back_matter=back)
    layout.blanks.extend(p for p in doc.paragraphs if p.is_blank)
    rows = [(first, i, row) for i, row in enumerate(table.rows) if i > header_row]
    # a matrix split over several tables: later tables continue it (their own
    # header row, if repeated, is dropped); a table with other columns ends it
    for t_index in range(first + 1, len(doc.tables)):
        other = doc.tables[t_index]
        width_ok = all(len(r.cells) == len(roles) for r in other.rows)
        if not width_ok:
            break
        rows.extend((t_index, i, row) for i, row in enumerate(other.rows))
    for _, _, row in rows:
        texts = [" ".join(p.text for p in c.paragraphs) for c in row.cells]
        if _row_roles(texts) == roles:  # a repeated header row
            layout.warnings.append(Warning_("repeated header row dropped",
                                            [p.prov for c in row.cells for p in c.paragraphs[:1]]))
            layout.header.extend(p for c in row.cells for p in c.paragraphs if not p.is_blank)
            continue
        block = Block()
        for role, cell in zip(roles, row.cells):
            paras = [p for p in cell.paragraphs if not p.is_blank]
            layout.blanks.extend(p for p in cell.paragraphs if p.is_blank)
            if role is None or role == Role.NUMBER:
                if role is None and paras:
                    layout.unplaced.extend((p, "paragraph in a column whose header is not known") for p in paras)
                continue
            if role in (Role.OBJECTIVE, Role.PROBLEM) and cell.merged_from_above:
                block.carried = True
                paras = []
            if role == Role.OBJECTIVE:
                block.objective = paras
            elif role == Role.PROBLEM:
                block.problems = _numbered_units(paras, layout)
            elif role == Role.MEASURE:
                block.measures = _numbered_units(paras, layout)
            else:
                block.columns[role] = paras
        if not block.objective and not block.problems and not block.measures and not any(block.columns.values()):
            continue
        layout.blocks.append(block)
    return layout


def _numbered_units(paras: list[Paragraph], layout: Layout) -> list[list[Paragraph]]:
    """Paragraphs of a problem or measure cell: a numbered one starts a unit, others continue it."""
    units: list[list[Paragraph]] = []
    for p in paras:
        if split_numbering(p.text) is None and units:
            units[-1].append(p)
            layout.warnings.append(Warning_("unnumbered paragraph joined to the item above it", [p.prov]))
        else:
            units.append([p])
    return units


# -- the flattened text ------------------------------------------------------------

def _stream_header(paras: list[Paragraph]) -> tuple[int, int, list[Role]] | None:
    """(first, last+1, roles) of the first run of paragraphs that name the columns."""
    i = 0
    while i < len(paras):
        roles: list[Role] = []
        j = i
        while j < len(paras) and (role := header_role(paras[j].text)) is not None and role not in roles:
            roles.append(role)
            j += 1
        if Role.MEASURE in roles and len(roles) >= MIN_HEADER_ROLES:
            return i, j, roles
        i = max(j, i + 1)
    return None


def stream_to_layout(doc: Document, gazetteer: Gazetteer) -> Layout:
    content = [p for p in doc.paragraphs if not p.is_blank]
    found = _stream_header(content)
    if found is not None and Role.OBJECTIVE not in found[2]:
        raise NoMatrixError(f"{doc.source.file}: the header names no objective column; "
                            f"a flattened text needs it to tell the blocks apart")
    if found is None:
        raise NoMatrixError(f"{doc.source.file}: no matrix found: no table and no run of paragraphs "
                            f"naming the columns (Objectives, Implementation measures, Timeframe, ...)")
    start, end, roles = found
    front = content[:start]
    layout = Layout(front_matter=front, title=_title(front), header=content[start:end], roles=roles,
                    blocks=[], blanks=[p for p in doc.paragraphs if p.is_blank])
    pending: list[Paragraph] = []  # unnumbered paragraphs after the measures of the current block
    block: Block | None = None
    # numbering depth of each level, from the header: with no problem column, 1.1. is a measure
    levels = [r for r in (Role.OBJECTIVE, Role.PROBLEM, Role.MEASURE) if r in roles]
    problem_level = levels.index(Role.PROBLEM) + 1 if Role.PROBLEM in levels else None
    measure_level = levels.index(Role.MEASURE) + 1

    def close() -> None:
        if block is not None:
            stream_to_columns(block, pending, roles, gazetteer, layout)
        pending.clear()

    for p in content[end:]:
        num = split_numbering(p.text)
        if num is not None and num.level == 1:
            close()
            block = Block(objective=[p])
            layout.blocks.append(block)
        elif block is None:
            layout.unplaced.append((p, "paragraph after the header but before the first objective"))
        elif num is not None and num.level == problem_level and not pending:
            block.problems.append([p])
        elif num is not None and num.level >= measure_level and not pending:
            block.measures.append([p])
        elif num is None and not block.measures:
            (block.problems[-1] if block.problems else block.objective).append(p)
            layout.warnings.append(Warning_("unnumbered paragraph before the measures joined to the "
                                            "objective/problem above it", [p.prov]))
        else:
            pending.append(p)
    close()
    if not layout.blocks:
        raise NoMatrixError(f"{doc.source.file}: a header was found but no numbered objective after it")
    return layout


# cost of a paragraph in a column it does not look like, and of a count off by one
MISFIT = 1.5
COUNT = 0.8


def stream_to_columns(block: Block, paras: list[Paragraph], roles: list[Role],
                      gazetteer: Gazetteer, layout: Layout) -> None:
    """Cut the unnumbered paragraphs of one block into the columns after the measures.

    The columns keep header order; each takes a run of consecutive paragraphs
    (possibly none).  The cut that minimises fit cost plus count cost wins.
    """
    columns = [r for r in roles[roles.index(Role.MEASURE) + 1:] if r != Role.NUMBER]
    m = len(block.measures)
    n = len(paras)
    if not columns:
        layout.unplaced.extend((p, "no column after the measures to place it in") for p in paras)
        return
    is_tf = [looks_like_timeframe(p.text) for p in paras]
    cover = [gazetteer.coverage(p.text, unmatched_with_head=True) for p in paras]

    def fit(role: Role, k: int) -> float:
        if role == Role.TIMEFRAME:
            return 0.0 if is_tf[k] else MISFIT
        if role == Role.AGENCIES:
            return 0.0 if cover[k] >= 0.6 else MISFIT * (1 - cover[k])
        if role == Role.INDICATOR:
            return MISFIT if is_tf[k] else MISFIT * cover[k]
        return 0.5

    def count(role: Role, size: int) -> float:
        if role == Role.TIMEFRAME:
            return COUNT * abs(size - m)
        if role == Role.AGENCIES:
            return COUNT * max(0, m - size)
        if role == Role.INDICATOR:
            return COUNT * max(0, size - m)
        return 0.0

    inf = float("inf")
    # best[c][k]: cost of placing paras[:k] in columns[:c]; back[c][k]: where column c-1 started
    best = [[inf] * (n + 1) for _ in range(len(columns) + 1)]
    back = [[0] * (n + 1) for _ in range(len(columns) + 1)]
    best[0][0] = 0.0
    for c, role in enumerate(columns, start=1):
        fits = [fit(role, i) for i in range(n)]  # once per column, not once per candidate cut
        for k in range(n + 1):
            for s in range(k + 1):
                if best[c - 1][s] == inf:
                    continue
                cost = best[c - 1][s] + sum(fits[s:k]) + count(role, k - s)
                if cost < best[c][k]:
                    best[c][k], back[c][k] = cost, s
    k = n
    for c in range(len(columns), 0, -1):
        s = back[c][k]
        block.columns[columns[c - 1]] = paras[s:k]
        k = s
