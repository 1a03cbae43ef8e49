"""Which columns a header names: header words (`data/headers.csv`, any language) -> roles.

A table's header row is among its first rows, every cell a header; a flattened text's header is
a run of short paragraphs, each naming a column (`stream_headers`).  A header is a plan's when it
names the measures and at least one of the agencies, the deadline or the result
(`is_plan_header`).  Where the words leave roles missing, what the cells under the unknown
headers hold may name them (`content_header`).
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from ..blocks import Column
from ..columns import CONTENT_ROLES, NO_NAMES, ColumnNames, content_kind, counts_up, header_key
from ..data import builtin
from ..model import Cell, Document, Paragraph, Role, Row, Table, Warning_
from ..normalize.agencies import Gazetteer
from ..normalize.confusions import misreadings
from ..normalize.numbering import label_of
from ..normalize.text import clean

# a plan's header names the measures and at least one of these
PLAN_ROLES = frozenset({Role.AGENCIES, Role.TIMEFRAME, Role.INDICATOR})
MAX_HEADER_WORDS = 8
HEADER_SEARCH_ROWS = 5  # a table's header row is among its first rows
MISREAD_LETTERS = 8  # a header this long or longer is not read through OCR's confusions

# -- header words ---------------------------------------------------------------------

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
def _contained_synonyms() -> dict[str, tuple[tuple[tuple[str, ...], Role], ...]]:
    """Synonyms that may stand inside a longer table header (`Timeframe for implementation`),
    by their first word (a header's words are looked up, not every synonym tried)."""
    out: dict[str, list[tuple[tuple[str, ...], Role]]] = {}
    for key, roles in header_synonyms().items():
        words = tuple(key.split())
        if roles[0] != Role.NUMBER and len(key) >= 4 and words:
            out.setdefault(words[0], []).append((words, roles[0]))
    return {first: tuple(found) for first, found in out.items()}


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
    contained = _contained_synonyms()
    found = {role for i, word in enumerate(words) for phrase, role in contained.get(word, ())
             if words[i:i + len(phrase)] == phrase}
    if not found:
        found = _one_letter_off(" ".join(words)) or _misread(text)
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


def _misread(text: str) -> set[Role]:
    """The roles whose synonym this header is once OCR's confusions are undone
    (`data/ocr_confusions.csv`: `Ne` for `№`, which Tesseract's English model has no letter
    for); only for a header of a few letters, a misread `№` or `№ п/п`, where a letter off
    (`_one_letter_off`) is too loose a test."""
    synonyms = header_synonyms()
    short = clean(text)
    if len(short) >= MISREAD_LETTERS:
        return set()
    return {synonyms[header_key(reading)][0]
            for reading in misreadings(short, lambda t: header_key(t) in synonyms)}


def named_roles(columns: list[Column]) -> list[Role]:
    return [c.role for c in columns if c.role not in (Role.EXTRA, Role.NUMBER)]


def is_plan_header(columns: list[Column]) -> bool:
    """The measures, at least one of agencies/deadline/result, and no role named twice."""
    named = named_roles(columns)
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
    return [Column(role, clean(t) or f"column {i + 1}")
            for i, (role, t) in enumerate(zip(roles, texts))]


def _named_by_user(texts: list[str], roles: list[Role], names: ColumnNames) -> list[Role]:
    given = [names.role_of(t) for t in texts]
    claimed = {role for role in given if role is not None and role != Role.EXTRA}
    return [mine if mine is not None else Role.EXTRA if role in claimed else role
            for mine, role in zip(given, roles)]


def cell_text(cell: Cell) -> str:
    return " ".join(p.text for p in cell.paragraphs)


def table_header(table: Table, names: ColumnNames = NO_NAMES) -> tuple[int, list[Column]] | None:
    """(row, columns) of a table's header row, if it has one naming a plan."""
    for r_index, row in enumerate(table.rows[:HEADER_SEARCH_ROWS]):
        texts = [cell_text(c) for c in row.cells]
        columns = columns_of(texts, names=names)
        if is_plan_header(columns):
            return r_index, _numbers_by_count(texts, columns, table.rows[r_index + 1:], names)
    return None


def _numbers_by_count(texts: list[str], columns: list[Column], body: list[Row],
                      names: ColumnNames) -> list[Column]:
    """The columns, the one whose header words say nothing (an extra column) and whose cells
    count up (`columns.counts_up`: `1.`, `2.`, `3.`; `1.1.`, `2.1.`, `2.2.`) the number column,
    where no column is named so and exactly one such column is there: a scan's `№ п/п` misread
    (`№ п/а`) names none."""
    if any(c.role == Role.NUMBER for c in columns):
        return columns
    counting = [i for i, (text, column) in enumerate(zip(texts, columns))
                if column.role == Role.EXTRA and not header_roles(text, True)
                and names.role_of(text) is None and counts_up(column_cells(body, i))]
    if len(counting) != 1:
        return columns
    return [Column(Role.NUMBER, c.name) if i == counting[0] else c for i, c in enumerate(columns)]


def content_header(table: Table, names: ColumnNames,
                   gazetteer: Gazetteer) -> tuple[int, list[Column], list[Warning_]] | None:
    """(row, columns, what was decided) of a header row whose words name part of a plan, the
    roles missing read from what the cells under its unknown headers hold (`columns.content_kind`):
    a role only where exactly one such column holds its kind; any other stays an extra column."""
    for r_index, row in enumerate(table.rows[:HEADER_SEARCH_ROWS]):
        texts = [cell_text(c) for c in row.cells]
        columns = columns_of(texts, names=names)
        if not named_roles(columns):
            continue
        body = table.rows[r_index + 1:]
        filled, said = _roles_from_content(texts, columns, body, names, gazetteer)
        if is_plan_header(filled):
            warnings = [Warning_(text, [p.prov for p in row.cells[c].paragraphs[:1]])
                        for c, text in said]
            return r_index, filled, warnings
    return None


def column_cells(rows: list[Row], c: int) -> list[list[str]]:
    return [[p.text for p in row.cells[c].paragraphs] for row in rows
            if c < len(row.cells) and not row.cells[c].is_placeholder]


def _roles_from_content(texts: list[str], columns: list[Column], body: list[Row],
                        names: ColumnNames,
                        gazetteer: Gazetteer) -> tuple[list[Column], list[tuple[int, str]]]:
    """The columns with the roles their cells tell filled in, and (column, what was decided)."""
    def unknown_words(c: int) -> bool:
        text = texts[c]
        no_role = not header_roles(text, True) and names.role_of(text) is None
        return columns[c].role == Role.EXTRA and no_role

    unknown = [c for c in range(len(texts)) if unknown_words(c)]
    kinds = {c: content_kind(column_cells(body, c), gazetteer) for c in unknown}
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
                 f"say, its cells hold {kinds[c].value}")
             for c in unknown if roles[c] == Role.EXTRA]
    return [Column(role, column.name) for role, column in zip(roles, columns)], said


@lru_cache(maxsize=1)
def tick_marks() -> frozenset[str]:
    """The marks a table ticks a cell with (`X`, `✓`, `•`: `data/tick_marks.csv`)."""
    return frozenset(r["mark"] for r in builtin("tick_marks.csv", ("mark",)))


# the roles whose cells hold text: a column of tick marks holds none of them
TEXT_ROLES = frozenset({Role.OBJECTIVE, Role.PROBLEM, Role.MEASURE, Role.STEP, Role.TIMEFRAME,
                        Role.AGENCIES, Role.INDICATOR})


def ticks_as_extra(columns: list[Column], body: list[Row]) -> list[Column]:
    """The columns with those whose cells hold nothing but tick marks (`X` under `Grand
    challenges`: a box ticked per row, the words of the header naming what is ticked) carried as
    extra columns, whatever role their header words named: a tick is no text of that role."""
    out = []
    for c, column in enumerate(columns):
        texts = [t for cell in column_cells(body, c) for t in cell if t.strip()]
        ticked = bool(texts) and all(t.strip() in tick_marks() for t in texts)
        out.append(Column(Role.EXTRA, column.name) if ticked and column.role in TEXT_ROLES
                   else column)
    return out


def seen_header_rows(doc: Document) -> list[str]:
    """The first row of every table, for the error message when no header matches."""
    return [" | ".join(clean(cell_text(c)) for c in t.rows[0].cells) for t in doc.tables if t.rows]


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
    """(first, last+1, columns, guessed) of the header run starting at paragraph i, if any."""
    known_end = _named_run_end(paras, i, names)
    texts = [p.text for p in paras[i:known_end]]
    columns = columns_of(texts, inside=False, names=names)
    if not texts or not is_plan_header(columns):
        return None
    guessed = _guessed_columns(paras, known_end)
    columns += [Column(Role.EXTRA, clean(p.text)) for p in paras[known_end:known_end + guessed]]
    return i, known_end + guessed, columns, guessed


def _named_run_end(paras: list[Paragraph], i: int, names: ColumnNames) -> int:
    """The end of the paragraphs from i that name columns: past the last one naming a role,
    before the first one naming a role named already (the body, or the next plan's header);
    short paragraphs of no role between them are kept (extra columns)."""
    j = known_end = i
    named: list[Role] = []
    # the user named columns: the header is the plan's, its unknown headers may be longer
    longest = MAX_HEADER_WORDS if names else MAX_HEADER_WORDS // 2
    while j < len(paras):
        mine = names.role_of(paras[j].text)
        roles = (mine,) if mine is not None else header_roles(paras[j].text)
        if not roles and not (j > i and _header_like(paras[j].text, longest)):
            break
        if roles and _named_again(roles, named):
            break
        if roles:
            named.append(roles[0])
            known_end = j + 1
        j += 1
    return known_end


def _named_again(roles: tuple[Role, ...], named: list[Role]) -> bool:
    """A header naming a role the run has named, and no other role it could name instead."""
    first = roles[0]
    repeated = first not in (Role.EXTRA, Role.NUMBER) and first in named
    return repeated and all(r in named for r in roles[1:])


def _guessed_columns(paras: list[Paragraph], end: int) -> int:
    """How many short paragraphs after a header run, up to the first labelled paragraph, are
    taken for unnamed columns (none when no labelled paragraph follows them)."""
    k = end
    while k < len(paras) and _header_like(paras[k].text):
        k += 1
    return k - end if k > end and k < len(paras) and label_of(paras[k].text) is not None else 0
