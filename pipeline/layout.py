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
  told by their numbering (`1.`, `1.1.`, `1.1.1.`, `1)`, `II.`), and the
  unnumbered paragraphs after the measures are cut into the remaining columns,
  in header order, by `stream_to_columns`: a small dynamic programme that weighs
  how well each paragraph fits each column (timeframe grammar, gazetteer
  coverage) against the expected counts.  A table row may hold a whole
  objective, one problem of it (the objective cell merged down), or one measure:
  a problem or measure number that comes after column paragraphs starts the next
  such row, which carries the objective (and problem) above it.

A column whose header is not a known role (`Source of funding`, `Notes`) is an
*extra* column: carried through under its header text, never dropped and never
taken for a known column.  A `No.` column lends its numbers to the column after it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .data import builtin
from .errors import NoMatrixError
from .lexical import Lexical, language_of
from .model import SATURATED, Document, Paragraph, Role, Table, Warning_, confidence
from .normalize.agencies import Gazetteer
from .normalize.text import clean, fold, split_numbering
from .normalize.timeframes import looks_like_timeframe

MIN_HEADER_ROLES = 3


@lru_cache(maxsize=1)
def header_synonyms() -> dict[str, Role]:
    return {_header_key(r["synonym"]): Role(r["role"])
            for r in builtin("headers.csv", ("role", "lang", "synonym"))}


@lru_cache(maxsize=1)
def _contained_synonyms() -> tuple[tuple[tuple[str, ...], Role], ...]:
    """Synonyms that may stand inside a longer table header (`Timeframe for implementation`)."""
    return tuple((tuple(key.split()), role) for key, role in header_synonyms().items()
                 if role != Role.NUMBER and len(key) >= 4)


@lru_cache(maxsize=1)
def chrome_lines() -> frozenset[str]:
    return frozenset(_header_key(r["text"]) for r in builtin("chrome.csv", ("lang", "text")))


def _header_key(text: str) -> str:
    return " ".join(re.findall(r"[\w#№]+", fold(text).lower()))


MAX_HEADER_WORDS = 8


def header_role(text: str, inside: bool = False) -> Role | None:
    """The role a header text names: a synonym, or one once a bracketed note is dropped.

    With `inside` (a table's header row, where every cell is a header), a longer text
    that holds the synonyms of exactly one role names that role too.
    """
    synonyms = header_synonyms()
    for key in (_header_key(text), _header_key(re.sub(r"\([^)]*\)", " ", text))):
        if key in synonyms:
            return synonyms[key]
    if not inside:
        return None
    words = tuple(_header_key(re.sub(r"\([^)]*\)", " ", text)).split())
    if not words or len(words) > MAX_HEADER_WORDS:
        return None
    found = {role for phrase, role in _contained_synonyms()
             if any(words[i:i + len(phrase)] == phrase for i in range(len(words) - len(phrase) + 1))}
    if not found:
        found = _one_letter_off(" ".join(words))
    return found.pop() if len(found) == 1 else None


def _one_letter_off(key: str) -> set[Role]:
    """The roles whose synonym is this header with one letter misread (a scan: `Пели` for
    `Цели`); only for synonyms of four letters or more, and only one role may answer."""
    from rapidfuzz.distance import Levenshtein

    if len(key) < 4:
        return set()
    return {role for synonym, role in header_synonyms().items()
            if len(synonym) >= 4 and role != Role.NUMBER and Levenshtein.distance(key, synonym, score_cutoff=1) <= 1}


@dataclass(frozen=True)
class Column:
    """A column of the matrix: its role and the header's own text."""

    role: Role
    name: str


def _named_roles(columns: list[Column]) -> list[Role]:
    return [c.role for c in columns if c.role not in (Role.EXTRA, Role.NUMBER)]


def _is_header(columns: list[Column]) -> bool:
    named = _named_roles(columns)
    return Role.MEASURE in named and len(set(named)) >= MIN_HEADER_ROLES and len(set(named)) == len(named)


@dataclass
class Block:
    """One objective-row of the matrix, its paragraphs sorted by column."""

    objective: list[Paragraph] = field(default_factory=list)
    problems: list[list[Paragraph]] = field(default_factory=list)
    measures: list[list[Paragraph]] = field(default_factory=list)
    columns: dict[Role, list[Paragraph]] = field(default_factory=dict)
    extras: dict[str, list[Paragraph]] = field(default_factory=dict)  # extra column header -> paragraphs
    # objective/problems carried from a merged cell above: placed by an earlier block
    carried: bool = False
    # how sure the cut of a flattened block into its columns is (1.0: no doubt)
    cut_confidence: float = 1.0


@dataclass
class Layout:
    front_matter: list[Paragraph]
    title: str
    header: list[Paragraph]
    columns: list[Column]  # the header's columns, in order
    blocks: list[Block]
    back_matter: list[Paragraph] = field(default_factory=list)
    blanks: list[Paragraph] = field(default_factory=list)
    unplaced: list[tuple[Paragraph, str]] = field(default_factory=list)
    warnings: list[Warning_] = field(default_factory=list)

    @property
    def extra_headers(self) -> list[str]:
        return [c.name for c in self.columns if c.role == Role.EXTRA]


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

def _row_columns(texts: list[str]) -> list[Column] | None:
    """The columns a table row names, if it is a header row; unknown headers are extras."""
    columns = []
    for i, text in enumerate(texts):
        role = header_role(text, inside=True)
        name = clean(text) or f"column {i + 1}"
        columns.append(Column(role or Role.EXTRA, name))
    return columns if _is_header(columns) else None


def _table_header(table: Table) -> tuple[int, list[Column]] | None:
    for r_index, row in enumerate(table.rows[:5]):
        columns = _row_columns([" ".join(p.text for p in c.paragraphs) for c in row.cells])
        if columns:
            return r_index, columns
    return None


def seen_header_rows(doc: Document) -> list[str]:
    """The first row of every table, for the error message when no header matches."""
    return [" | ".join(clean(" ".join(p.text for p in c.paragraphs)) for c in t.rows[0].cells)
            for t in doc.tables if t.rows]


_BARE_NUMBER = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3}){0,5}|[IVX]{1,6})\s*$")


def _as_number(p: Paragraph) -> Paragraph:
    """A paragraph of a `No.` column: a bare `3` or `1.1.3` is read as `3.`/`1.1.3.`."""
    m = _BARE_NUMBER.match(p.text)
    return Paragraph(m.group(1) + ".", p.prov) if m else p


def _lend_numbers(numbers: list[Paragraph], texts: list[Paragraph], layout: Layout) -> list[Paragraph]:
    """The paragraphs of a `No.` cell put before the texts they number, in the cell after it."""
    numbers = [_as_number(p) for p in numbers]
    if not numbers:
        return texts
    parsed = [split_numbering(p.text) for p in numbers]
    if any(num is None or num.text for num in parsed):
        layout.unplaced.extend((p, "a No. column paragraph that is not a bare number") for p in numbers)
        return texts
    if len(numbers) == 1:
        return numbers + texts
    if len(numbers) == len(texts):
        return [p for pair in zip(numbers, texts) for p in pair]
    layout.unplaced.extend((p, f"{len(numbers)} numbers for {len(texts)} paragraphs in the next column")
                           for p in numbers)
    return texts


def tables_to_layout(doc: Document, first: int, header_row: int, columns: list[Column]) -> Layout:
    table = doc.tables[first]
    header = [p for c in table.rows[header_row].cells for p in c.paragraphs if not p.is_blank]
    front = [p for p in doc.paragraphs[:table.position] if not p.is_blank]
    back = [p for p in doc.paragraphs[table.position:] if not p.is_blank]
    layout = Layout(front_matter=front, title=_title(front), header=header,
                    columns=[c for c in columns if c.role != Role.NUMBER], blocks=[], back_matter=back)
    layout.blanks.extend(p for p in doc.paragraphs if p.is_blank)
    rows = [(first, i, row) for i, row in enumerate(table.rows) if i > header_row]
    # a matrix split over several tables: later tables continue it (their own
    # header row, if repeated, is dropped); a table with other columns ends it
    for t_index in range(first + 1, len(doc.tables)):
        other = doc.tables[t_index]
        width_ok = all(len(r.cells) == len(columns) for r in other.rows)
        if not width_ok:
            break
        rows.extend((t_index, i, row) for i, row in enumerate(other.rows))
    for _, _, row in rows:
        texts = [" ".join(p.text for p in c.paragraphs) for c in row.cells]
        found = _row_columns(texts)
        if found is not None and [c.role for c in found] == [c.role for c in columns]:  # a repeated header row
            layout.warnings.append(Warning_("repeated header row dropped",
                                            [p.prov for c in row.cells for p in c.paragraphs[:1]]))
            layout.header.extend(p for c in row.cells for p in c.paragraphs if not p.is_blank)
            continue
        block = Block()
        cells: list[list[Paragraph]] = []
        for column, cell in zip(columns, row.cells):
            paras = [p for p in cell.paragraphs if not p.is_blank]
            layout.blanks.extend(p for p in cell.paragraphs if p.is_blank)
            if column.role in (Role.OBJECTIVE, Role.PROBLEM) and cell.merged_from_above:
                block.carried = True
                paras = []
            cells.append(paras)
        for i, column in enumerate(columns):
            if column.role == Role.NUMBER and i + 1 < len(columns):
                cells[i + 1] = _lend_numbers(cells[i], cells[i + 1], layout)
            elif column.role == Role.NUMBER:
                layout.unplaced.extend((p, "a No. column with no column after it") for p in cells[i])
        for column, paras in zip(columns, cells):
            if column.role == Role.NUMBER:
                continue
            if column.role == Role.OBJECTIVE:
                block.objective = paras
            elif column.role == Role.PROBLEM:
                block.problems = _numbered_units(paras, layout)
            elif column.role == Role.MEASURE:
                block.measures = _numbered_units(paras, layout)
            elif column.role == Role.EXTRA:
                block.extras[column.name] = paras
            else:
                block.columns[column.role] = paras
        if not block.objective and not block.problems and not block.measures \
                and not any(block.columns.values()) and not any(block.extras.values()):
            continue
        layout.blocks.append(block)
    if not any(split_numbering(p.text) for b in layout.blocks for p in b.objective[:1] + [u[0] for u in b.measures]):
        raise NoMatrixError(f"{doc.source.file}: a header was found but no numbered objective or measure under it")
    return layout


def _numbered_units(paras: list[Paragraph], layout: Layout) -> list[list[Paragraph]]:
    """Paragraphs of a problem or measure cell: a numbered one starts a unit, others continue it."""
    units: list[list[Paragraph]] = []
    bare_number = False  # the unit so far is a bare number lent by a No. column: its text follows
    for p in paras:
        num = split_numbering(p.text)
        if num is None and units:
            if not bare_number:
                layout.warnings.append(Warning_("unnumbered paragraph joined to the item above it", [p.prov]))
            units[-1].append(p)
            bare_number = False
        else:
            units.append([p])
            bare_number = num is not None and not num.text
    return units


# -- the flattened text ------------------------------------------------------------

def _header_like(text: str) -> bool:
    """A short paragraph that could name a column: few words, no sentence end, no number."""
    words = clean(text).split()
    return 0 < len(words) <= MAX_HEADER_WORDS // 2 and not clean(text).endswith(".") \
        and split_numbering(text) is None and not any(ch.isdigit() for ch in text)


def _stream_header(paras: list[Paragraph]) -> tuple[int, int, list[Column]] | None:
    """(first, last+1, columns) of the first run of paragraphs that name the columns.

    Inside the run, a short paragraph of no known role between two known ones is an
    extra column; so are short paragraphs between the run and the first objective.
    """
    i = 0
    while i < len(paras):
        columns: list[Column] = []
        j = known_end = i
        while j < len(paras):
            role = header_role(paras[j].text)
            if role is None and not (columns and _header_like(paras[j].text)):
                break
            if role is not None and role not in (Role.EXTRA, Role.NUMBER) and role in _named_roles(columns):
                break
            columns.append(Column(role or Role.EXTRA, clean(paras[j].text)))
            j += 1
            if role is not None:
                known_end = j
        columns = columns[:known_end - i]
        if _is_header(columns):
            k = known_end
            while k < len(paras) and _header_like(paras[k].text):
                k += 1
            first = split_numbering(paras[k].text) if k < len(paras) else None
            if k > known_end and first is not None and first.level == 1:
                columns += [Column(Role.EXTRA, clean(p.text)) for p in paras[known_end:k]]
                known_end = k
            return i, known_end, columns
        i = max(known_end, i + 1)
    return None


def stream_to_layout(doc: Document, gazetteer: Gazetteer) -> Layout:
    content = [p for p in doc.paragraphs if not p.is_blank]
    found = _stream_header(content)
    if found is not None and Role.OBJECTIVE not in [c.role for c in found[2]]:
        raise NoMatrixError(f"{doc.source.file}: the header names no objective column; "
                            f"a flattened text needs it to tell the blocks apart")
    if found is None:
        raise NoMatrixError(f"{doc.source.file}: no matrix found: no table and no run of paragraphs "
                            f"naming the columns (Objectives, Implementation measures, Timeframe, ...)")
    start, end, columns = found
    front = content[:start]
    layout = Layout(front_matter=front, title=_title(front), header=content[start:end],
                    columns=[c for c in columns if c.role != Role.NUMBER],
                    blocks=[], blanks=[p for p in doc.paragraphs if p.is_blank])
    pending: list[Paragraph] = []  # unnumbered paragraphs after the measures of the current block
    block: Block | None = None
    objective_id = ""
    # numbering depth of each level, from the header: with no problem column, 1.1. is a measure
    roles = [c.role for c in columns]
    levels = [r for r in (Role.OBJECTIVE, Role.PROBLEM, Role.MEASURE) if r in roles]
    problem_level = levels.index(Role.PROBLEM) + 1 if Role.PROBLEM in levels else None
    measure_level = levels.index(Role.MEASURE) + 1

    lexical = Lexical(language_of([p.text for p in content[end:end + 200]]))

    def close() -> None:
        if block is not None:
            stream_to_columns(block, pending, layout.columns, gazetteer, layout, lexical)
        pending.clear()

    def in_objective(number: str) -> bool:
        return number.split(".")[0] == objective_id

    for p in content[end:]:
        num = split_numbering(p.text)
        if num is not None and num.level == 1:
            close()
            block = Block(objective=[p])
            objective_id = num.number
            layout.blocks.append(block)
        elif block is None:
            layout.unplaced.append((p, "paragraph after the header but before the first objective"))
        elif num is not None and num.level == problem_level and (pending or block.measures) \
                and in_objective(num.number):
            # the next problem after the columns of the one before: the objective cell was
            # merged across the problems' rows
            close()
            block = Block(problems=[[p]], carried=True)
            layout.blocks.append(block)
        elif num is not None and num.level == problem_level and not pending:
            block.problems.append([p])
        elif num is not None and num.level >= measure_level and pending and in_objective(num.number):
            # a measure after columns: one table row per measure
            close()
            block = Block(measures=[[p]], carried=True)
            layout.blocks.append(block)
        elif num is not None and num.level >= measure_level and not pending:
            block.measures.append([p])
        elif num is None and not block.measures and (block.problems or block.objective):
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
# below this confidence the cut of a block into columns is flagged on its rows
DOUBT = 0.5
# where a block has indicators and extra values, a paragraph like a measure is an indicator
SIMILAR = 0.5


def stream_to_columns(block: Block, paras: list[Paragraph], columns: list[Column],
                      gazetteer: Gazetteer, layout: Layout, lexical: Lexical | None = None) -> None:
    """Cut the unnumbered paragraphs of one block into the columns after the measures.

    The columns keep header order; each takes a run of consecutive paragraphs
    (possibly none).  The cut that minimises fit cost plus count cost wins; its
    confidence is the margin to the best cut that moves any one boundary
    (one forward and one backward pass).  Indicators and extra values fit alike; where
    a block has both, an indicator is told by its words shared with the measures.
    """
    roles = [c.role for c in columns]
    after = columns[roles.index(Role.MEASURE) + 1:]
    m = len(block.measures)
    n = len(paras)
    if not after:
        layout.unplaced.extend((p, "no column after the measures to place it in") for p in paras)
        return
    is_tf = [looks_like_timeframe(p.text) for p in paras]
    cover = [gazetteer.coverage(p.text, unmatched_with_head=True) for p in paras]
    like_measure = [0.0] * n
    if lexical is not None and Role.INDICATOR in [c.role for c in after] and Role.EXTRA in [c.role for c in after]:
        measures = [" ".join(p.text for p in unit) for unit in block.measures]
        if measures:
            like_measure = lexical.similarity_matrix(measures, [p.text for p in paras]).max(axis=0).tolist()

    def fit(role: Role, k: int) -> float:
        if role == Role.TIMEFRAME:
            return 0.0 if is_tf[k] else MISFIT
        if role == Role.AGENCIES:
            return 0.0 if cover[k] >= 0.6 else MISFIT * (1 - cover[k])
        # an indicator or an extra value is neither a timeframe nor a list of agencies
        base = MISFIT if is_tf[k] else MISFIT * cover[k]
        if role == Role.INDICATOR:
            return base + SIMILAR * (1 - like_measure[k]) if any(like_measure) else base
        return base + SIMILAR * like_measure[k]

    def count(role: Role, size: int) -> float:
        if role == Role.TIMEFRAME:
            return COUNT * abs(size - m)
        if role == Role.AGENCIES:
            return COUNT * max(0, m - size)
        return COUNT * max(0, size - m)  # indicators and extra values may be missing

    inf = float("inf")
    c_count = len(after)
    # prefix[c][i]: fit cost of paras[:i] in column c, so a run's fit is a difference
    prefix = []
    for column in after:
        run = [0.0]
        for k in range(n):
            run.append(run[-1] + fit(column.role, k))
        prefix.append(run)

    def span(c: int, s: int, k: int) -> float:
        return prefix[c][k] - prefix[c][s] + count(after[c].role, k - s)

    # Only the states (c columns hold paras[:k]) that a cut within SATURATED of the best can
    # pass through are visited: the count costs are convex in a column's size, so their
    # best split over the columns before and after a state is a lower bound for it.
    counts = [[count(column.role, size) for size in range(n + 1)] for column in after]
    before = [[0.0] + [inf] * n]
    for c in range(c_count):
        before.append(counts[c] if c == 0 else _min_plus(before[-1], counts[c]))
    behind = [[0.0] + [inf] * n]
    for c in range(c_count - 1, -1, -1):
        behind.append(counts[c] if c == c_count - 1 else _min_plus(behind[-1], counts[c]))
    behind.reverse()  # behind[c][size]: the columns c.. holding `size` paragraphs

    def band(c: int, bound: float) -> range:
        ks = [k for k in range(n + 1) if before[c][k] + behind[c][n - k] <= bound + 1e-9]
        return range(ks[0], ks[-1] + 1) if ks else range(0)  # an interval: the bound is convex in k

    bound = 3.0
    while True:
        bands = [band(c, bound) for c in range(c_count + 1)]
        # fwd[c][k]: cost of paras[:k] in columns[:c]; bwd[c][k]: of paras[k:] in columns[c:]
        fwd = [[inf] * (n + 1) for _ in range(c_count + 1)]
        back = [[0] * (n + 1) for _ in range(c_count + 1)]
        fwd[0][0] = 0.0
        for c in range(1, c_count + 1):
            for k in bands[c]:
                for s in bands[c - 1]:  # ascending, strict <: the first s of a tie
                    if s > k:
                        break
                    cost = fwd[c - 1][s] + span(c - 1, s, k)
                    if cost < fwd[c][k]:
                        fwd[c][k], back[c][k] = cost, s
        if fwd[c_count][n] + SATURATED <= bound + 1e-9 or len(bands[1]) == n + 1:
            break
        bound = fwd[c_count][n] + SATURATED if fwd[c_count][n] < inf else bound * 4
    bwd = [[inf] * (n + 1) for _ in range(c_count + 1)]
    bwd[c_count][n] = 0.0
    for c in range(c_count - 1, -1, -1):
        for s in bands[c]:
            bwd[c][s] = min((span(c, s, k) + bwd[c + 1][k] for k in bands[c + 1] if k >= s), default=inf)
    cuts = [n]
    for c in range(c_count, 0, -1):
        cuts.append(back[c][cuts[-1]])
    cuts.reverse()  # cuts[c]: where column c starts; cuts[-1] == n
    for c in range(c_count):
        target = block.extras.setdefault(after[c].name, []) if after[c].role == Role.EXTRA \
            else block.columns.setdefault(after[c].role, [])
        target.extend(paras[cuts[c]:cuts[c + 1]])
    best = fwd[c_count][n]
    alternatives = [fwd[c][k] + bwd[c][k] for c in range(1, c_count) for k in bands[c] if k != cuts[c]]
    margin = min(alternatives, default=inf) - best
    if margin == inf and c_count >= 2:
        margin = SATURATED + 1  # every other cut lies beyond the band: as sure as a guess gets
    block.cut_confidence = min(block.cut_confidence, confidence(margin))


def _min_plus(f: list[float], g: list[float]) -> list[float]:
    """min over a + b = k of f[a] + g[b], for convex f and g on sizes 0..n: their slopes merged."""
    n = len(f) - 1
    out = [f[0] + g[0]]
    a = b = 0
    while a + b < n:
        df = f[a + 1] - f[a] if a < n else float("inf")
        dg = g[b + 1] - g[b] if b < n else float("inf")
        if df <= dg:
            out.append(out[-1] + df)
            a += 1
        else:
            out.append(out[-1] + dg)
            b += 1
    return out

