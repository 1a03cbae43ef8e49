"""Structure: the plan tables of a document, their columns, and the hierarchy read from their grid.

Columns are known by their header names (`data/headers.csv`, any language), never by
position.  A table is a plan when its header names the measures and at least one of the
agencies, the deadline or the result; every such table is read, the others are reported as
skipped.  In a flattened text the header is a run of paragraphs naming the columns; the text
after it is read back into a grid by `align.text_to_grid` (a scored choice), and from there
on it is read as any table.

The hierarchy is read from the grid, one row at a time (`GridHierarchy`):

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

import logging
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from .blocks import Block, Column, DocumentLayout, GridRead, Heading, Layout, SkippedTable, StepCells, Unit
from .columns import CONTENT_ROLES, NO_NAMES, ROLE_NAMES, ColumnNames, body_share, content_kind, header_key
from .contract import SPLIT_DOUBTFUL, SPLIT_SURE, Flag
from .data import builtin
from .enums import FlagName
from .errors import DocumentLoadError, NoMatrixError
from .model import Cell, Document, Paragraph, Role, Row, Table, Warning_, split_paragraphs
from .normalize.agencies import Gazetteer
from .normalize.numbering import FIRST_ITEMS, LEVEL_STYLES, Label, label_of, paragraph_starts
from .normalize.text import clean
from .normalize.timeframes import cut_deadlines

# a plan's header names the measures and at least one of these
log = logging.getLogger("annex")
PLAN_ROLES = frozenset({Role.AGENCIES, Role.TIMEFRAME, Role.INDICATOR})
MAX_HEADER_WORDS = 8
HEADER_SEARCH_ROWS = 5  # a table's header row is among its first rows
EXAMPLE_WIDTH = 60  # a header cell longer than this is not quoted in a refusal's example
STRUCTURAL = frozenset({Role.OBJECTIVE, Role.PROBLEM, Role.MEASURE, Role.NUMBER, Role.STEP})


# -- header names ---------------------------------------------------------------------

@lru_cache(maxsize=1)
def header_synonyms() -> dict[str, tuple[Role, ...]]:
    """Header wording -> the roles it can name, the usual one first (`Actions`: the measures,
    or their steps when another column holds the measures)."""
    out: dict[str, tuple[Role, ...]] = {}
    for r in builtin("headers.csv", ("role", "lang", "synonym")):
        key = header_key(r["synonym"])
        if Role(r["role"]) not in out.get(key, ()):
            out[key] = out.get(key, ()) + (Role(r["role"]),)
    return out


@lru_cache(maxsize=1)
def _contained_synonyms() -> tuple[tuple[tuple[str, ...], Role], ...]:
    """Synonyms that may stand inside a longer table header (`Timeframe for implementation`)."""
    return tuple((tuple(key.split()), roles[0]) for key, roles in header_synonyms().items()
                 if roles[0] != Role.NUMBER and len(key) >= 4)


@lru_cache(maxsize=1)
def chrome_lines() -> frozenset[str]:
    return frozenset(header_key(r["text"]) for r in builtin("chrome.csv", ("lang", "text")))


def header_roles(text: str, inside: bool = False) -> tuple[Role, ...]:
    """The roles a header text can name: a synonym's, or one's once a bracketed note is dropped.

    With `inside` (a table's header row, where every cell is a header), a longer text that
    holds the synonyms of exactly one role names that role too."""
    synonyms = header_synonyms()
    for key in (header_key(text), header_key(re.sub(r"\([^)]*\)", " ", text))):
        if key in synonyms:
            return synonyms[key]
    if not inside:
        return ()
    words = tuple(header_key(re.sub(r"\([^)]*\)", " ", text)).split())
    if not words or len(words) > MAX_HEADER_WORDS:
        return ()
    found = {role for phrase, role in _contained_synonyms()
             if any(words[i:i + len(phrase)] == phrase for i in range(len(words) - len(phrase) + 1))}
    if not found:
        found = _one_letter_off(" ".join(words))
    return (found.pop(),) if len(found) == 1 else ()


def header_role(text: str, inside: bool = False) -> Role | None:
    roles = header_roles(text, inside)
    return roles[0] if roles else None


def _one_letter_off(key: str) -> set[Role]:
    """The roles whose synonym is this header with one letter misread (a scan: `Пели` for
    `Цели`); only for synonyms of four letters or more, and only one role may answer."""
    from rapidfuzz.distance import Levenshtein

    if len(key) < 4:
        return set()
    return {roles[0] for synonym, roles in header_synonyms().items()
            if len(synonym) >= 4 and roles[0] != Role.NUMBER
            and Levenshtein.distance(key, synonym, score_cutoff=1) <= 1}


def _named_roles(columns: list[Column]) -> list[Role]:
    return [c.role for c in columns if c.role not in (Role.EXTRA, Role.NUMBER)]


def is_plan_header(columns: list[Column]) -> bool:
    """The measures, at least one of agencies/deadline/result, and no role named twice."""
    named = _named_roles(columns)
    return Role.MEASURE in named and bool(PLAN_ROLES & set(named)) and len(set(named)) == len(named)


def columns_of(texts: list[str], inside: bool = True,
               names: ColumnNames = NO_NAMES) -> list[Column]:
    """The columns a row of header texts names: each its usual role, unless another column
    already names it and the wording has another (`Measures | Actions`: the steps); unknown
    headers are extra columns.  A header the user named (`names`) takes the role given, which
    no other column keeps (one that took it by its words becomes an extra column)."""
    options = [header_roles(t, inside) for t in texts]
    taken = Counter(o[0] for o in options if o)
    roles: list[Role] = []
    for opts in options:
        role = opts[0] if opts else Role.EXTRA
        if opts and taken[role] > 1 and role in roles:
            free = [r for r in opts[1:] if r not in taken and r not in roles]
            if free:
                taken[role] -= 1
                role = free[0]
        roles.append(role)
    if names:
        roles = _named_by_user(texts, roles, names)
    return [Column(role, clean(t) or f"column {i + 1}") for i, (role, t) in enumerate(zip(roles, texts))]


def _named_by_user(texts: list[str], roles: list[Role], names: ColumnNames) -> list[Role]:
    given = [names.role_of(t) for t in texts]
    claimed = {role for role in given if role is not None and role != Role.EXTRA}
    return [mine if mine is not None else Role.EXTRA if role in claimed else role
            for mine, role in zip(given, roles)]


def _cell_text(cell: Cell) -> str:
    return " ".join(p.text for p in cell.paragraphs)


def table_header(table: Table, names: ColumnNames = NO_NAMES) -> tuple[int, list[Column]] | None:
    """(row, columns) of a table's header row, if it has one naming a plan."""
    for r_index, row in enumerate(table.rows[:HEADER_SEARCH_ROWS]):
        columns = columns_of([_cell_text(c) for c in row.cells], names=names)
        if is_plan_header(columns):
            return r_index, columns
    return None


def content_header(table: Table, names: ColumnNames,
                   gazetteer: Gazetteer) -> tuple[int, list[Column], list[Warning_]] | None:
    """(row, columns, what was decided) of a header row whose words name part of a plan, the
    roles missing read from what the cells under its unknown headers hold (`columns.content_kind`):
    a role only where exactly one such column holds its kind; any other stays an extra column."""
    for r_index, row in enumerate(table.rows[:HEADER_SEARCH_ROWS]):
        texts = [_cell_text(c) for c in row.cells]
        columns = columns_of(texts, names=names)
        if not _named_roles(columns):
            continue
        body = table.rows[r_index + 1:]
        filled, said = _roles_from_content(texts, columns, body, names, gazetteer)
        if is_plan_header(filled):
            warnings = [Warning_(text, [p.prov for p in row.cells[c].paragraphs[:1]])
                        for c, text in said]
            return r_index, filled, warnings
    return None


def _column_cells(rows: list[Row], c: int) -> list[list[str]]:
    return [[p.text for p in row.cells[c].paragraphs] for row in rows
            if c < len(row.cells) and not row.cells[c].is_placeholder]


def _roles_from_content(texts: list[str], columns: list[Column], body: list[Row], names: ColumnNames,
                        gazetteer: Gazetteer) -> tuple[list[Column], list[tuple[int, str]]]:
    """The columns with the roles their cells tell filled in, and (column, what was decided)."""
    def unknown_words(c: int) -> bool:
        text = texts[c]
        no_role = not header_roles(text, True) and names.role_of(text) is None
        return columns[c].role == Role.EXTRA and no_role

    unknown = [c for c in range(len(texts)) if unknown_words(c)]
    kinds = {c: content_kind(_column_cells(body, c), gazetteer) for c in unknown}
    roles = [column.role for column in columns]
    said: list[tuple[int, str]] = []
    for kind, role in CONTENT_ROLES.items():
        holding = [c for c in unknown if kinds[c] == kind]
        if role not in roles and len(holding) == 1:
            roles[holding[0]] = role
            name = columns[holding[0]].name
            said.append((holding[0], f"column '{name}' read as the {role.value} column: its header "
                                     f"words do not say, its cells hold {kind.value}"))
    said += [(c, f"column '{columns[c].name}' carried as an extra column: its header words do not "
                 f"say, its cells hold {kinds[c].value}") for c in unknown if roles[c] == Role.EXTRA]
    return [Column(role, column.name) for role, column in zip(roles, columns)], said


def seen_header_rows(doc: Document) -> list[str]:
    """The first row of every table, for the error message when no header matches."""
    return [" | ".join(clean(_cell_text(c)) for c in t.rows[0].cells) for t in doc.tables if t.rows]


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
    guessed: int = 0  # the last columns: short paragraphs after the named ones, taken for unnamed columns

    def without_guessed(self) -> TextPlan:
        """The plan with its guessed columns read as the body's first paragraphs (a section
        title right after the header looks the same)."""
        k = self.guessed
        return TextPlan(self.header[:-k], self.header[-k:] + self.body, self.columns[:-k]) if k else self


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


def find_plans(doc: Document, names: ColumnNames = NO_NAMES,
               gazetteer: Gazetteer | None = None) -> Found:
    """Every plan table of a document, else every plan in its flattened text.  `names`: the
    headers the user named (each must name a column of a plan found); `gazetteer`: to read the
    roles a header's words leave missing from what its columns hold (none: by words only)."""
    found = Found(blanks=[p for p in doc.paragraphs if p.is_blank])
    content = [p for p in doc.paragraphs if not p.is_blank]
    plans = _table_plans(doc, names, gazetteer, found.warnings)
    if plans:
        used = {t for plan in plans for t in plan.tables}
        found.tables = plans
        first = doc.tables[plans[0].tables[0]].position
        # the section headings are placed in their plan, as heading rows
        headings = {p.prov.key() for plan in plans for p in plan.sections.values()}
        body = [p for p in doc.paragraphs if p.prov.key() not in headings]
        before = [p for p in doc.paragraphs[:first] if p.prov.key() not in headings]
        found.front_matter = [p for p in before if not p.is_blank]
        found.back_matter = [p for p in body[len(before):] if not p.is_blank]
        for t_index, table in enumerate(doc.tables):
            if t_index not in used:
                found.skipped.append(_skipped(t_index, table))
        _check_names(doc, names, [[c.name for c in plan.columns] for plan in plans])
        return found
    runs = stream_headers(content, names)
    if not runs:
        raise NoMatrixError(_refusal(doc, names, gazetteer))
    found.front_matter = content[:runs[0][0]]
    for k, (start, end, columns, guessed) in enumerate(runs):
        stop = runs[k + 1][0] if k + 1 < len(runs) else len(content)
        found.text.append(TextPlan(content[start:end], content[end:stop], columns, guessed))
    found.skipped = [_skipped(t_index, table) for t_index, table in enumerate(doc.tables)]
    _check_names(doc, names, [[p.text for p in plan.header] for plan in found.text])
    return found


def _check_names(doc: Document, names: ColumnNames, headers: list[list[str]]) -> None:
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


# -- a refusal that says what it saw -------------------------------------------------------

def _refusal(doc: Document, names: ColumnNames, gazetteer: Gazetteer | None) -> str:
    """No plan: what the best header row found lacks, and how to name its columns (`--columns`)."""
    file = doc.source.file
    option = f"name the columns with --columns \"HEADER=ROLE,...\" (roles: {', '.join(ROLE_NAMES)})"
    if not any(table.rows for table in doc.tables):  # no table, or only empty ones (a page of rules)
        return (f"{file}: no matrix found: no table and no run of paragraphs naming the columns (Objectives, "
                f"Implementation measures, Timeframe, ...); {option}")
    for k, row in enumerate(seen_header_rows(doc)):  # all of them for -v
        log.info("%s: table %d's first row: %s", file, k + 1, row)
    t_index, r_index = _likeliest_header(doc, names)
    table = doc.tables[t_index]
    texts = [_cell_text(c) for c in table.rows[r_index].cells]
    columns = columns_of(texts, names=names)
    width = 2 * EXAMPLE_WIDTH if _named_roles(columns) else EXAMPLE_WIDTH  # no role: its start
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
        return len(_named_roles(columns_of([_cell_text(c) for c in row.cells], names=names)))

    candidates = [(named(row), -t, -r) for t, table in enumerate(doc.tables)
                  for r, row in enumerate(table.rows[:HEADER_SEARCH_ROWS])]
    if not candidates:
        return 0, 0
    _, t, r = max(candidates)
    return -t, -r


def _lacking(columns: list[Column]) -> str:
    named = _named_roles(columns)
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
    roles = [c.role for c in columns]
    cells = [c for c, t in enumerate(texts) if clean(t) and roles[c] != Role.NUMBER]
    quoted = bool(_named_roles(columns))

    def name(c: int) -> str:
        return clean(texts[c]) if quoted and len(clean(texts[c])) <= EXAMPLE_WIDTH else "HEADER"

    measure = roles.index(Role.MEASURE) if Role.MEASURE in roles else cells[0] if cells else -1
    parts = [f"{name(measure) if measure >= 0 else 'HEADER'}=measure"]
    others = [c for c in cells if c != measure]
    if not PLAN_ROLES & set(roles):
        def bodies(c: int) -> float:
            return body_share(_column_cells(body, c), gazetteer) if gazetteer is not None else 0.0
        best = max(others, key=lambda c: (bodies(c), -c)) if others else -1
        parts.append(f"{name(best) if best >= 0 else 'HEADER'}=agencies")
    return ",".join(parts)


def _skipped(t_index: int, table: Table) -> SkippedTable:
    header = [clean(_cell_text(c)) for c in table.rows[0].cells] if table.rows else []
    paras = list({p.prov.key(): p for row in table.rows for c in row.cells for p in c.paragraphs}.values())
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
    return own is None or [c.role for c in own[1]] == [c.role for c in plan.columns]


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
    (a page of one small table per objective).  Each table's heading is recorded in `plan.sections`, to be read as a heading
    row above its rows; the text between the tables stays body text."""
    table = doc.tables[t_index]
    own = table_header(table, names)
    same_header = own is not None and own[0] == plan.header_row and \
        [header_key(c.name) for c in own[1]] == [header_key(c.name) for c in plan.columns]
    # with an objective column, a heading above the tables would be a level more than the plan has
    objective_column = any(c.role == Role.OBJECTIVE for c in plan.columns)
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


# -- a flattened text's header ------------------------------------------------------

def _header_like(text: str, words: int = MAX_HEADER_WORDS // 2) -> bool:
    """A short paragraph that could name a column: few words, no sentence end, no number."""
    count = len(clean(text).split())
    return 0 < count <= words and not clean(text).endswith(".") \
        and label_of(text) is None and not any(ch.isdigit() for ch in text)


def stream_headers(paras: list[Paragraph],
                   names: ColumnNames = NO_NAMES) -> list[tuple[int, int, list[Column], int]]:
    """(first, last+1, columns, guessed) of every run of paragraphs that names a plan's columns.

    Inside the run, a short paragraph of no known role between two known ones is an extra
    column; so are short paragraphs between the run and the first numbered paragraph (the
    last `guessed` columns: the body decides, see `TextPlan.without_guessed`).  A paragraph that
    is a header the user named (`names`) names its column whatever its length."""
    runs = []
    i = 0
    while i < len(paras):
        found = _header_run(paras, i, names)
        if found is None:
            i += 1
            continue
        runs.append(found)
        i = found[1]
    return runs


def _header_run(paras: list[Paragraph], i: int,
                names: ColumnNames) -> tuple[int, int, list[Column], int] | None:
    texts: list[str] = []
    j = known_end = i
    named: list[Role] = []
    # the user named columns: the header is the plan's, its unknown headers may be longer
    longest = MAX_HEADER_WORDS if names else MAX_HEADER_WORDS // 2
    while j < len(paras):
        mine = names.role_of(paras[j].text)
        roles = (mine,) if mine is not None else header_roles(paras[j].text)
        if not roles and not (texts and _header_like(paras[j].text, longest)):
            break
        if roles and roles[0] not in (Role.EXTRA, Role.NUMBER) and roles[0] in named \
                and not any(r not in named for r in roles[1:]):
            break
        texts.append(paras[j].text)
        if roles:
            named.append(roles[0])
            known_end = j + 1
        j += 1
    texts = texts[:known_end - i]
    columns = columns_of(texts, inside=False, names=names)
    if not texts or not is_plan_header(columns):
        return None
    k = known_end
    while k < len(paras) and _header_like(paras[k].text):
        k += 1
    guessed = 0
    if k > known_end and k < len(paras) and label_of(paras[k].text) is not None:
        columns += [Column(Role.EXTRA, clean(p.text)) for p in paras[known_end:k]]
        guessed = k - known_end
        known_end = k
    return i, known_end, columns, guessed


def restore_blanks(table: Table, paragraphs: list[Paragraph], blanks: list[Paragraph]) -> None:
    """A flattened text's empty paragraphs (lines of a no-break space) put back into the cells read
    from it (`align.text_to_grid` reads the text without them): each before the paragraph it
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


# -- the hierarchy, read from the grid ---------------------------------------------------

def _own(cell: Cell | None) -> bool:
    return cell is not None and not cell.is_placeholder and any(not p.is_blank for p in cell.paragraphs)


def _content(cell: Cell) -> list[Paragraph]:
    return [p for p in cell.paragraphs if not p.is_blank]


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
class _Row:
    index: int
    cells: list[Cell]
    flags: list[Flag]


class GridHierarchy:
    """Reads the body rows of one plan table into blocks under their headings."""

    def __init__(self, columns: list[Column], file: str, lang: str = ""):
        self.columns = columns
        self.file = file
        self.lang = lang  # the document's: where a line of a cell may start a measure (`paragraph_starts`)
        self.roles = [c.role for c in columns]
        self.col = {role: self.roles.index(role) for role in set(self.roles) if role != Role.EXTRA}
        self.text_cols = [c for c, role in enumerate(self.roles) if role != Role.NUMBER]
        self.first_text = self.text_cols[0] if self.text_cols else 0
        self.layout = Layout(columns=[c for c in columns if c.role != Role.NUMBER], blocks=[], header=[])
        self.objective: Heading | None = None
        self.problems: list[Heading] = []
        self.position = 0  # measures read under the innermost heading, for a measure with no number
        self.heading_patterns: list[tuple[str, int]] = []  # kinds of label of heading rows, first seen first
        self.positions: Counter = Counter()  # headings read per (level, parent), for one with no number
        self.origin_block: dict[int, Block] = {}  # column -> the block whose cell a merged cell below shares
        self.measure_pattern: tuple[str, int] | None = None
        self.number_pattern: tuple[str, int] | None = None

    # -- the whole table --------------------------------------------------------------
    def read(self, rows: list[_Row], merged: dict[tuple[int, Role], Flag] | None = None) -> Layout:
        self.merged = merged or {}
        self._learn_patterns(rows)
        for row in rows:
            self.layout.blanks.extend(p for c in row.cells if not c.is_placeholder for p in c.paragraphs if p.is_blank)
            kind = self._kind(row.cells)
            if kind == "heading":
                self._heading(row.cells)
            elif kind == "step":
                self._step(row)
            elif kind == "measure":
                self._measures(row)
            elif kind == "stray":
                self.layout.unplaced.extend((p, "a table row with no measure above it or in it")
                                            for c in row.cells if not c.is_placeholder for p in _content(c))
        return self.layout

    def _learn_patterns(self, rows: list[_Row]) -> None:
        """The kind of label the measures carry, in their text and in the `№` column: taken from
        rows that have cells after the measure, which headings never have."""
        inline: Counter = Counter()
        numbers: Counter = Counter()
        for row in rows:
            if not self._has_after_measure(row.cells):
                continue
            if Role.MEASURE in self.col and _own(row.cells[self.col[Role.MEASURE]]):
                label = label_of(_content(row.cells[self.col[Role.MEASURE]])[0].text)
                if label is not None and label.style in LEVEL_STYLES:
                    inline[label.pattern] += 1
            if Role.NUMBER in self.col and _own(row.cells[self.col[Role.NUMBER]]):
                label = label_of(_content(row.cells[self.col[Role.NUMBER]])[0].text)
                if label is not None:
                    numbers[label.pattern] += 1
        self.measure_pattern = inline.most_common(1)[0][0] if inline else None
        self.number_pattern = numbers.most_common(1)[0][0] if numbers else None

    def _has_after_measure(self, cells: list[Cell]) -> bool:
        return any(_own(cells[c]) for c, role in enumerate(self.roles) if role not in STRUCTURAL)

    # -- what a row is --------------------------------------------------------------------
    def _kind(self, cells: list[Cell]) -> str:
        own = [c for c in range(len(cells)) if _own(cells[c])]
        if not own:
            return "empty"
        measure = self.col.get(Role.MEASURE)
        number = self.col.get(Role.NUMBER)
        texts = [c for c in own if c != number or cells[c].colspan > 1]
        if len(texts) == 1 and self._is_heading(cells, texts[0]):
            return "heading"
        if measure is not None and not _own(cells[measure]) and not (number is not None and number in own):
            return "step" if self.layout.blocks else "stray"
        if measure is not None and not _own(cells[measure]):
            return "stray" if not texts else "measure"
        return "measure"

    def _is_heading(self, cells: list[Cell], c: int) -> bool:
        """A row with one text cell: a heading when that cell spans columns, is the objective or
        problem column, or is the first text column and is not labelled as the measures are."""
        cell = cells[c]
        role = self.roles[c]
        if cell.colspan > 1:
            return True
        if role in (Role.OBJECTIVE, Role.PROBLEM):
            return True
        if c != self.first_text or role != Role.MEASURE:
            return False
        label = self._row_label(cells)
        pattern = label.pattern if label is not None and label.style in LEVEL_STYLES else None
        number = self.col.get(Role.NUMBER)
        lent = number is not None and _own(cells[number])
        expected = self.number_pattern if lent else self.measure_pattern
        return pattern is None or pattern != expected

    def _row_label(self, cells: list[Cell]) -> Label | None:
        number = self.col.get(Role.NUMBER)
        if number is not None and _own(cells[number]) and cells[number].colspan == 1:
            return label_of(_content(cells[number])[0].text)
        texts = [c for c in range(len(cells)) if c != number and _own(cells[c])] or \
            [c for c in range(len(cells)) if _own(cells[c])]
        return label_of(_content(cells[texts[0]])[0].text) if texts else None

    # -- headings --------------------------------------------------------------------------
    def _heading(self, cells: list[Cell]) -> None:
        number = self.col.get(Role.NUMBER)
        c = next(c for c in range(len(cells)) if _own(cells[c]) and (c != number or cells[c].colspan > 1))
        paras = _content(cells[c])
        lent = _content(cells[number]) if number is not None and c != number and _own(cells[number]) else []
        level = self._level(self.roles[c], cells)
        label = label_of(lent[0].text) if lent else label_of(paras[0].text)
        numbered = label is not None and label.style in LEVEL_STYLES and bool(label.number)
        text = clean(" ".join(p.text for p in paras))
        if numbered and not lent:
            assert label is not None
            text = clean(" ".join([label.text] + [p.text for p in paras[1:]]))
        parent = "" if level == "objective" else (self.objective.id if self.objective else "")
        self.positions[(level, parent)] += 1
        heading = Heading(label.number if numbered and label else str(self.positions[(level, parent)]),
                          text, lent + paras, numbered)
        self.layout.headings.append(heading)
        if level == "objective":
            self.objective, self.problems = heading, []
            self.positions[("problem", heading.id)] = 0
        else:
            self.problems = [heading]
        self.position = 0

    def _level(self, role: Role, cells: list[Cell]) -> str:
        """objective or problem: by its column, else by its kind of label, in the order of first use."""
        if role == Role.OBJECTIVE:
            return "objective"
        if role == Role.PROBLEM:
            return "problem"
        label = self._row_label(cells)
        pattern = label.pattern if label is not None and label.style in LEVEL_STYLES else ("none", 0)
        if pattern not in self.heading_patterns:
            self.heading_patterns.append(pattern)
        levels = [lvl for lvl, role in (("objective", Role.OBJECTIVE), ("problem", Role.PROBLEM))
                  if role not in self.col] or ["objective"]
        return levels[min(self.heading_patterns.index(pattern), len(levels) - 1)]

    # -- measures ----------------------------------------------------------------------------
    def _measures(self, row: _Row) -> None:
        cells = row.cells
        measure_col = self.col[Role.MEASURE]
        numbers = _content(cells[self.col[Role.NUMBER]]) if Role.NUMBER in self.col and \
            _own(cells[self.col[Role.NUMBER]]) else []
        if self._row_headings(cells, numbers):
            numbers = []  # the `№` numbered the row's objective (or problem), its first text
        tf = self.col.get(Role.TIMEFRAME)
        deadlines = _content(cells[tf]) if tf is not None and _own(cells[tf]) else []
        # the deadlines beside the measures, counted as whole timeframes where a page showed no breaks
        expected = len(deadlines) + sum(len(c) for c in cut_deadlines(deadlines, len(deadlines))[0])
        paras = _content(cells[measure_col]) if _own(cells[measure_col]) else []
        unlabelled = not numbers and not any(self._starts_measure(label_of(p.text)) for p in paras)
        paras, split = self._split_to_count(paras, len(numbers) if numbers else expected if unlabelled else 0)
        units = self._units(paras, numbers, expected)
        block = Block(objective=self.objective, problems=list(self.problems), measures=units,
                      flags=list(row.flags) + split)
        step = self.col.get(Role.STEP)
        if step is not None and _own(cells[step]):  # the first step: its deadline is the step's, not the row's
            block.steps.append(StepCells(_step_units(_content(cells[step])), self._step_timeframes(cells)))
        for c, role in enumerate(self.roles):
            if role in STRUCTURAL or role == Role.TIMEFRAME and block.steps:
                continue
            cell = cells[c]
            if cell.merged_from_above:
                self._share(block, c, row.index)
            paras = _content(cell) if not cell.merged_from_left else []
            if not cell.merged_from_left:
                block.after_blank |= _after_blank(cell)
            if role == Role.EXTRA:
                block.extras[self.columns[c].name] = paras
            else:
                block.columns[role] = paras
            if _own(cell) and cell.rowspan > 1:
                self.origin_block[c] = block
        self.layout.blocks.append(block)

    def _step_timeframes(self, cells: list[Cell]) -> list[Paragraph]:
        tf = self.col.get(Role.TIMEFRAME)
        return _content(cells[tf]) if tf is not None and _own(cells[tf]) else []

    def _share(self, block: Block, c: int, row_index: int) -> None:
        """A cell merged down from the measure above: its text goes to this measure too."""
        role = self.roles[c]
        flag = self.merged.get((row_index, role)) or Flag(
            FlagName.MERGED_CELL, 1.0, f"{self.columns[c].name}: one cell merged over several measures")
        block.merged[role] = flag
        origin = self.origin_block.get(c)
        if origin is not None and role not in origin.merged:
            origin.merged[role] = Flag(FlagName.MERGED_CELL, flag.confidence, flag.detail)

    def _row_headings(self, cells: list[Cell], numbers: list[Paragraph]) -> bool:
        """An objective or problem cell of a measure row: a new heading, or the one above going on.
        A lone `№` number beside it is the first heading's (True when it took it)."""
        lent = False
        for role in (Role.OBJECTIVE, Role.PROBLEM):
            c = self.col.get(role)
            if c is None or not _own(cells[c]):
                continue
            units = _headings(_content(cells[c]), self.layout)
            if len(numbers) == 1 and not lent:
                label = label_of(numbers[0].text)
                if label is not None and label.number and (not units[0].numbered or units[0].id == label.number):
                    units[0].id, units[0].numbered = label.number, True
                    units[0].paragraphs.insert(0, numbers[0])
                    lent = True
            if role == Role.OBJECTIVE:
                self.objective, self.problems = units[0], []
                self.layout.headings.append(units[0])
                for extra in units[1:]:  # a second numbered objective in one cell: read as its text
                    units[0].paragraphs.extend(extra.paragraphs)
                    units[0].text = clean(f"{units[0].text} {extra.id}. {extra.text}")
            else:
                self.problems = units
                self.layout.headings.extend(units)
            self.position = 0
        return lent

    def _split_to_count(self, paras: list[Paragraph], count: int) -> tuple[list[Paragraph], list[Flag]]:
        """A measure cell that holds fewer measures than `count` (the numbers of the `№` cell beside
        it; for measures with no label, the deadlines beside them), read from a page that shows no
        paragraph breaks: the cell is cut at the line ends where a measure may start
        (`Paragraph.breaks`: a capital after a line that ends a phrase).  Where exactly as many
        such line ends as measures missing, all are cut; where more, none (and the rows say so)."""
        missing = count - len(self._group(paras, lead=True, expected=0)) if count > 1 else 0
        if missing <= 0:
            return paras, []
        cuts = paragraph_starts(paras, self.lang)
        found = sum(len(c) for c in cuts)
        if found != missing:
            return paras, [Flag(FlagName.PARAGRAPH_SPLIT, SPLIT_DOUBTFUL, f"{found} line ends of the measure cell may start "
                                f"a measure, for {missing} missing: the cell left as it is")] if found > missing else []
        return split_paragraphs(paras, cuts), [Flag(FlagName.PARAGRAPH_SPLIT, SPLIT_SURE,
                          f"{missing} measure(s) cut out of the lines of a cell that shows no paragraph breaks, "
                          f"to match the {count} numbers or deadlines beside it")]

    def _units(self, paras: list[Paragraph], numbers: list[Paragraph], expected: int) -> list[Unit]:
        """The measures of a measure cell, numbered by the `№` cell beside it or by their own labels."""
        if not paras:
            self.layout.unplaced.extend((p, "a No. column paragraph with no measure beside it") for p in numbers)
            return []
        groups = self._group(paras, lead=bool(numbers), expected=expected)
        if numbers and len(numbers) != len(groups) and len(numbers) > 1:
            self.layout.unplaced.extend((p, f"{len(numbers)} numbers for {len(groups)} measures in the next column")
                                        for p in numbers)
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
        paragraph when the deadlines beside it say so."""
        labels = [label_of(p.text) for p in paras]
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
                self.layout.warnings.append(Warning_("unnumbered paragraph joined to the item above it", [p.prov]))
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
            texts = [number.text] + texts
            group = [number] + group
        label = label_of(group[0].text)
        self.position += 1
        if label is not None and label.style in LEVEL_STYLES and label.number and label.text:
            return Unit(label.number, clean(" ".join([label.text] + texts[1:])), group, True, label.has_trailing_dot)
        if label is not None and label.style == "bare" and len(group) > 1:  # the number on a line of its own
            return Unit(label.number, clean(" ".join(texts[1:])), group, True, label.has_trailing_dot)
        return Unit(str(self.position), clean(" ".join(texts)), group, False)

    # -- steps -------------------------------------------------------------------------------
    def _step(self, row: _Row) -> None:
        """A sub-row of the measure above: its step and deadline; other cells of its own join the block."""
        block = self.layout.blocks[-1]
        block.flags.extend(f for f in row.flags if f not in block.flags)
        cells = row.cells
        step = self.col.get(Role.STEP)
        if step is not None and _own(cells[step]):
            block.steps.append(StepCells(_step_units(_content(cells[step])), self._step_timeframes(cells)))
        elif step is not None and self._step_timeframes(cells):
            block.steps.append(StepCells([], self._step_timeframes(cells)))
        for c, role in enumerate(self.roles):
            if role in STRUCTURAL or not _own(cells[c]) or role == Role.TIMEFRAME and step is not None:
                continue
            target = block.extras.setdefault(self.columns[c].name, []) if role == Role.EXTRA \
                else block.columns.setdefault(role, [])
            target.extend(_content(cells[c]))


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
    """The objectives or problems of one cell: a labelled paragraph starts one, others continue it."""
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


def _heading_row(heading: Paragraph, width: int) -> _Row:
    """A section heading read as a row spanning the table (a heading row)."""
    covered = [Cell([], merged_from_left=True) for _ in range(width - 1)]
    cells = [Cell([heading], colspan=width)] + covered
    return _Row(-1, cells, [])


def table_rows(tables: list[Table], header_row: int, columns: list[Column],
               row_flags: dict[int, list[Flag]] | None = None,
               sections: list[Paragraph | None] | None = None
               ) -> tuple[list[_Row], list[Paragraph], list[Warning_], list[Paragraph]]:
    """The body rows of a plan (over the tables that continue it), each padded to the header's
    width; a repeated header row is dropped (its paragraphs returned as header); the paragraphs
    of cells beyond the header's width are returned last (a row of more cells than the header).
    `sections`: each table's section heading, read as a heading row above its rows."""
    rows: list[_Row] = []
    repeated: list[Paragraph] = []
    beyond: list[Paragraph] = []
    warnings: list[Warning_] = []
    roles = [c.role for c in columns]
    for k, table in enumerate(tables):
        heading = sections[k] if sections and k < len(sections) else None
        if heading is not None:
            rows.append(_heading_row(heading, len(columns)))
        for r_index, row in enumerate(table.rows):
            if k == 0 and r_index <= header_row:
                continue
            texts = [_cell_text(c) for c in row.cells]
            again = columns_of(texts)
            repeated_words = [header_key(t) for t in texts] == [header_key(c.name) for c in columns]
            if repeated_words or is_plan_header(again) and [c.role for c in again] == roles:
                warnings.append(Warning_("repeated header row dropped", [p.prov for c in row.cells for p in c.paragraphs[:1]]))
                repeated.extend(p for c in row.cells for p in c.paragraphs if not p.is_blank)
                continue
            cells = list(row.cells[:len(columns)]) + [Cell([]) for _ in range(len(columns) - len(row.cells))]
            rows.append(_Row(r_index, cells, list((row_flags or {}).get(r_index, []))))
            outside = [c for c in row.cells[len(columns):] if not c.is_placeholder]
            beyond.extend(p for c in outside for p in c.paragraphs)
    return rows, repeated, warnings, beyond


def table_to_layout(tables: list[Table], header_row: int, columns: list[Column], file: str,
                    read: GridRead | None = None, lang: str = "",
                    sections: list[Paragraph | None] | None = None) -> Layout:
    """One plan's blocks, headings and leftovers, from its grid (a table's, or one read from text);
    `lang`, the document's language; `sections`, each table's heading (`TablePlan.headings`)."""
    row_flags = read.row_flags if read else None
    rows, repeated, warnings, beyond = table_rows(tables, header_row, columns, row_flags, sections)
    reader = GridHierarchy(columns, file, lang)
    layout = reader.read(rows, read.merged if read else None)
    layout.warnings[:0] = warnings
    layout.blanks.extend(p for p in beyond if p.is_blank)
    why = "a cell beyond the header's columns"
    layout.unplaced.extend((p, why) for p in beyond if not p.is_blank)
    if header_row >= 0:
        layout.header = [p for c in tables[0].rows[header_row].cells for p in c.paragraphs if not p.is_blank]
    layout.header.extend(repeated)
    if not any(b.measures for b in layout.blocks):
        raise NoMatrixError(f"{file}: a header was found but no measure under it")
    return layout


def document_layout(found: Found, tables: list[Layout]) -> DocumentLayout:
    title = title_of(found.front_matter)
    return DocumentLayout(tables=tables, front_matter=found.front_matter, title=title,
                          back_matter=found.back_matter, blanks=found.blanks, skipped=found.skipped,
                          warnings=found.warnings)
