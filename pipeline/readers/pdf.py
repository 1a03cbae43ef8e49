"""PDF: the table grid from ruling lines, paragraphs rebuilt from geometry.

A page's characters and ruling lines come from its text layer (`pdf_layer.py`: pdfium by
default, pdfplumber as the reference; the same objects either way), or from OCR of its
picture (`ocr.py`).

PDF table tools return a cell as visual lines, with a break at every line and nothing
where a paragraph ends, and a row that crosses a page as two fragments.  This reader
rebuilds what the author wrote:

1. **grid** (`edges_to_grids`): the tables of each page, one per band that vertical
   rulings cover without a break; column and row boundaries from their ruling lines
   (`edges_to_grid`); a boundary missing across a column (row) means a cell spanning rows
   (columns): a section row across the table stands at its first column with its `colspan`;
   a table drawn without lines falls back to `text_to_grid` (columns at the whitespace
   that no text crosses, a row wherever the first column starts a paragraph);
2. **lines** (`chars_to_lines`): the characters of each cell grouped into visual lines;
3. **paragraphs** (`lines_to_paragraphs`): a new paragraph starts where the vertical gap
   is larger than the line pitch, at a numbered item (`1.1.3.`) unless the line above
   ends mid-phrase, where the first line is indented, or where the line above had room
   for the first word of this one (text is wrapped greedily, so a line that ends early
   ends its paragraph; a sentence end alone is no cue); a word hyphenated at a line end is joined
   (the hyphen is dropped where the document spells the word without it elsewhere);
4. **pages** (`_table_runs`): a table at the top of a page continues the one at the
   bottom of the page before where only page furniture stands between them and the
   columns fall in the same places (or some of them as one, a rule down left out:
   `_columns_within`); otherwise it is a table of its own (a decree's
   annex 2 after the plan).  The repeated header row of later pages is dropped; a
   first row that continues the last row of the page before is joined to it, cell by
   cell, and a paragraph cut by the page break is joined back into one;
5. **page furniture**: running headers/footers (text outside the table that recurs on
   several pages) and page numbers are dropped, with a warning.

Provenance: table index, row, grid column (`cell`), paragraph, page number(s) and the
bounding box (x0, top, x1, bottom in PDF points, of the paragraph's first part).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from statistics import median
from typing import TYPE_CHECKING, Any

from ..data import ends_open, is_conjunction
from ..errors import DocumentLoadError
from ..model import Cell, Document, Paragraph, Provenance, Row, SourceInfo, Table, Warning_
from . import pdf_layer
from .options import MAX_PAGE_CONTENT, PDF_DEFAULT, PdfSettings, ReadOptions

if TYPE_CHECKING:
    from .ocr import OcrSession

# a line that starts a list entry: a number (`1.1.3.`, `2)`, or alone on its line), a letter
# (`a)`, `б)`), a dash or a bullet
ITEM = re.compile(r"^\s*(?:\d{1,3}(?:\.\d{1,3})*[.)]?(?:\s|$)|[a-zа-я]\)\s|[-–•]\s)")
# an item that a number starts: `1.1.3.`, `2)`
NUMBERED = re.compile(r"^\s*\d{1,3}(?:\.\d{1,3})*[.)]?(?:\s|$)")
# an item's number and nothing else: `2.1.2.`
ITEM_ALONE = re.compile(r"^\s*\d{1,3}(?:\.\d{1,3})+\.?\s*$")
PAGE_NUMBER = re.compile(r"^\s*(?:page\s*)?\d{1,4}(?:\s*(?:of|/|из)\s*\d{1,4})?\s*$",
                         re.IGNORECASE)
WORDS = re.compile(r"\w+")
# a text's first word (after any marks), and its last (and the marks after it)
FIRST_WORD, LAST_WORD = re.compile(r"^\W*(\w+)"), re.compile(r"(\w+)\W*$")
# what `join_lines` looks for at a line's end and the next line's start, asked of every line joined
SLASH_END, RANGE_END = re.compile(r"\w/$"), re.compile(r"\d[–—]$")
LETTERS_END, FEW_LETTERS = re.compile(r"([^\W\d_]{3,})$"), re.compile(r"[^\W\d_]{1,2}")
HYPHENATED_END, WORD_START = re.compile(r"(\w+)-$"), re.compile(r"^(\w+)")


@dataclass(slots=True)
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    first_word: float  # width of the first word, for the fit test
    page: int
    # OCR: words read with low confidence, and that confidence
    doubtful: tuple[tuple[str, float], ...] = ()
    ocr: bool = False  # read by OCR from a picture of the page


@dataclass
class Para:
    lines: list[Line]
    text: str = ""
    # offsets of lines joined on without a visible cue
    breaks: list[int] = field(default_factory=list)
    # white above it for a whole line more: an empty paragraph stood there
    blank_before: bool = False

    @property
    def pages(self) -> tuple[int, ...]:
        return tuple(sorted({line.page for line in self.lines}))


@dataclass
class Grid:
    xs: list[float]  # column boundaries
    ys: list[float]  # row boundaries
    # spanned -> owning cell
    owner: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    ruled: bool = True  # from ruling lines; False: from the text's alignment (`text_to_grid`)
    # each row boundary's last rule (of a double border)
    inner: list[float] = field(default_factory=list)
    # drawn without lines, its cells set in the middle of their rows: which row, or which of a
    # row's sub-rows, a paragraph stands in is told by whitespace alone (`_rows_of`)
    centred: bool = False

    def row_top(self, r: int) -> float:
        """Where row r's inside begins: below its top boundary's last rule (`inner`)."""
        return self.inner[r] if self.inner else self.ys[r]

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]


def read(path: Path, info: SourceInfo, options: ReadOptions) -> Document:
    parts: list[PageParts] = []
    vocabulary: set[str] = set()
    noted: list[Warning_] = []
    ocr: OcrSession | None = None  # started at the first scanned page (`_ocr_session`)
    s = options.pdf
    limit = options.max_page_content or MAX_PAGE_CONTENT
    layers = pdf_layer.pages(path, options.pdf_engine,
                             lambda doc: check_structure(doc, path, limit))
    try:
        while True:
            try:
                layer = next(layers, None)
            except DocumentLoadError:
                raise
            except Exception as exc:  # pdfminer and pdfium raise many kinds for broken files
                raise _unreadable(path, exc) from None
            if layer is None:
                break
            chars, edges = layer.chars, layer.edges
            if layer.read_as != layer.rotation:
                noted.append(_turned_warning(info, layer))
            if layer.hidden:
                noted.append(Warning_(f"page {layer.number}: {layer.hidden} letters drawn "
                                      "invisible (text render mode 3 or 7, as an OCR layer) "
                                      "left out",
                                      [Provenance(info.file, pages=(layer.number,))]))
            # a page that is only a picture: its words and lines come from the pixels
            if layer.picture_only:
                ocr = ocr or _ocr_session(path, options)
                chars, edges = ocr.pdf_page(layer.number)
            try:
                parts.append(page_to_parts(layer.number, chars, edges, s,
                                           parts[-1] if parts else None))
            except DocumentLoadError as exc:  # a budget of the page's reading (`max_grid_cells`)
                raise DocumentLoadError(f"{path}: page {layer.number}: {exc}") from None
            noted += _drop_controls(parts[-1], layer.controls, info)
            vocabulary |= page_words(parts[-1])  # one set for the document, not one per page
            if options.progress is not None:
                options.progress(layer.number, layer.of)
    finally:
        if ocr is not None:
            ocr.close()
        layers.close()
    if not any(part.has_text for part in parts):
        raise DocumentLoadError(f"{path}: the PDF has no text layer and no pictures of pages "
                                "to read")
    doc = build(info, parts, vocabulary, noted + (ocr.warnings if ocr else []), s)
    doc.ocr_words = ocr.words if ocr else {}
    return doc


def _ocr_session(path: Path, options: ReadOptions) -> OcrSession:
    """The OCR of a PDF's scanned pages, started at the first one: the OCR's module loads numpy,
    which a text layer's reading never needs (0.05 s of the CPU of a 7-page PDF's 0.34 s,
    measured)."""
    from .ocr import OcrSession

    return OcrSession(path, options.ocr_lang or options.language, settings=options.ocr,
                      threads=options.ocr_threads)


def _drop_controls(part: PageParts, controls, info: SourceInfo,
                   tolerance: float = 1.0) -> list[Warning_]:
    """A line outside the tables that lies under a link running a script (a web page's
    "Print" link, `pdf_layer.script_links`) is a control of the page, no text of the document:
    left out, with a warning."""
    if not controls:
        return []

    def under(line: Line) -> bool:
        # a link's box is its line's box, which type need not fill
        middle = (line.top + line.bottom) / 2
        return any(x0 - tolerance <= line.x0 and line.x1 <= x1 + tolerance
                   and top <= middle <= bottom
                   for x0, top, x1, bottom in controls)

    dropped = [line for line in part.lines if under(line)]
    part.lines = [line for line in part.lines if not under(line)]
    return [Warning_(f"page {part.number}: '{line.text}' left out: a link that runs a script, "
                     "a control of the web page the PDF was printed from",
                     [Provenance(info.file, pages=(part.number,))])
            for line in dropped]


def _turned_warning(info: SourceInfo, layer: pdf_layer.PageLayer) -> Warning_:
    """A page whose `/Rotate` shows its text sideways or upside down, read as its text reads."""
    return Warning_(f"page {layer.number}: its /Rotate {layer.rotation} shows its text turned; "
                    f"read turned {layer.read_as} instead, so that the text reads left to right",
                    [Provenance(info.file, pages=(layer.number,))])


def check_structure(doc, path: Path, max_content: int) -> None:
    """Before any page is parsed: the page tree and each page's contents resolve without a cycle
    (pdfminer would loop for ever), and no page's content streams inflate past `max_content`
    bytes (a Flate bomb, or a million operators, is refused before it is inflated whole)."""
    from pdfminer.pdftypes import PDFObjRef, PDFStream

    def deref(obj: Any) -> Any:
        chain: set[int] = set()
        while isinstance(obj, PDFObjRef):
            if obj.objid in chain:
                raise DocumentLoadError(f"{path}: not a readable PDF: its object references form "
                                        f"a cycle (object {obj.objid})")
            chain.add(obj.objid)
            obj = doc.getobj(obj.objid)
        return obj

    try:
        root = deref(doc.catalog.get("Pages"))
        todo, seen = [root], set()
        while todo:
            node = todo.pop()
            if not isinstance(node, dict) or id(node) in seen:
                continue
            seen.add(id(node))
            kids = deref(node.get("Kids"))
            if isinstance(kids, list):
                todo.extend(deref(k) for k in kids)
            elif "Contents" in node:
                contents = deref(node["Contents"])
                streams = [deref(c) for c in contents] if isinstance(contents, list) else [contents]
                streams = [st for st in streams if isinstance(st, PDFStream)]
                if _over_budget(streams, max_content):
                    raise DocumentLoadError(f"{path}: a page's content is over "
                                            f"{max_content // 1024 ** 2} MB "
                                            f"(--max-page-content); not read")
    except DocumentLoadError:
        raise
    except Exception as exc:  # pdfminer's objects, damaged
        raise _unreadable(path, exc) from None


# the most bytes one byte of a Flate stream inflates to: deflate codes a run of 258 bytes in two
# bits at best (RFC 1951), so a stream of n bytes holds at most 1,032 n
FLATE_MOST = 1032


def _over_budget(streams: list, cap: int) -> bool:
    """Do a page's content streams inflate past `cap` bytes?  A page whose streams could not,
    were each to inflate as much as Flate can (`FLATE_MOST`), is not inflated: each stream is
    inflated again by the engine that reads it."""
    if sum(FLATE_MOST * len(_raw(st)) for st in streams) <= cap:
        return False
    return sum(_inflated_size(st, cap) for st in streams) > cap


def _raw(stream) -> bytes:
    """A stream's bytes as the file holds them."""
    return stream.rawdata if stream.rawdata is not None else stream.data or b""


def _inflated_size(stream, cap: int) -> int:
    """A content stream's size once inflated, counted in pieces and stopped past `cap`."""
    import zlib

    filters = stream.get_filters() if hasattr(stream, "get_filters") else []
    raw = _raw(stream)
    if ([f for f, _ in filters] != [_name("FlateDecode")]
            and [f for f, _ in filters] != [_name("Fl")]):
        return len(raw)
    inflater, size = zlib.decompressobj(), 0
    pending = raw
    try:
        while pending and size <= cap:
            size += len(inflater.decompress(pending, 1 << 20))
            pending = inflater.unconsumed_tail
    except zlib.error:
        pass  # a damaged stream: pdfminer says what it makes of it
    return size


def _name(text: str):
    from pdfminer.psparser import LIT

    return LIT(text)


def build(info: SourceInfo, parts: list[PageParts], vocabulary: set[str], warnings=(),
          s: PdfSettings = PDF_DEFAULT) -> Document:
    """The document from its pages' parts (a text layer's or OCR's); `warnings` from reading
    them."""
    doc = _Builder(info, s).build(parts, vocabulary)
    doc.warnings[:0] = list(warnings)
    return doc


def _unreadable(path: Path, exc: Exception) -> DocumentLoadError:
    """One clear sentence for a PDF that cannot be read: encrypted, or truncated/corrupt."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    # pdfplumber's wrapper
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
    if isinstance(inner, MemoryError):
        raise inner  # said as the memory limit it is, by whoever set one
    text = f"{inner} {exc}".lower()
    if (isinstance(inner, (PDFPasswordIncorrect, PDFEncryptionError)) or "password" in text
            or "encrypt" in text):
        return DocumentLoadError(f"{path}: the PDF is encrypted (password-protected); "
                                 "decrypt it first")
    if isinstance(inner, (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, EOFError)):
        return DocumentLoadError(f"{path}: not a readable PDF: truncated or corrupt "
                                 f"({inner.__class__.__name__})")
    return DocumentLoadError(f"{path}: not a readable PDF "
                             f"({inner.__class__.__name__}: {inner})")


@dataclass
class PageParts:
    """What the builder needs of one page, taken from its characters and ruling lines."""

    number: int
    has_text: bool
    # top to bottom: each grid and its rows' lines
    tables: list[tuple[Grid, list[dict[int, list[Line]]]]]
    lines: list[Line]  # outside the tables


def page_to_parts(number: int, chars: list[dict], edges: list[dict],
                  s: PdfSettings = PDF_DEFAULT, before: PageParts | None = None) -> PageParts:
    """A page's tables and the lines outside them; `before`: the page before, whose last table,
    if drawn without lines, may go on here in its columns (`text_to_grid`)."""
    # no line of the page's text fits between two boundaries closer than its smallest type
    grids = edges_to_grids(edges, s, sliver=min(map(_SIZE, chars), default=0.0))
    if not grids:
        last = before.tables[-1][0] if before and before.tables else None
        unruled = last if last is not None and not last.ruled else None
        grid = text_to_grid(chars, s, unruled.xs if unruled else None,
                            centred=unruled is not None and unruled.centred)
        grids = [grid] if grid else []
    tables, lines = page_to_rows(number, chars, grids, s)
    return PageParts(number, bool(chars), tables, lines)


def page_words(part: PageParts) -> set[str]:
    """The words of a page, lower-cased: how the document spells them, for joining hyphenated
    words.  From its lines, where words part at the gaps between them, as in the output."""
    lines = list(part.lines) + [line for _, rows in part.tables for row in rows
                                for cell in row.values() for line in cell]
    return {w.lower() for w in WORDS.findall("\n".join(line.text for line in lines))}


# -- 1. grid ------------------------------------------------------------------------

def _cluster(values: list[float], snap: float) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= snap:
            continue
        out.append(v)
    return out


def edges_to_grids(edges: list[dict], s: PdfSettings = PDF_DEFAULT,
                   sliver: float = 0.0) -> list[Grid]:
    """The grids of the tables drawn on one page, top to bottom: the ruling lines fall into one
    table per band of the page that vertical lines cover without a break; boundaries closer
    than `sliver` are one (`edges_to_grid`)."""
    v = sorted((e["top"], e["bottom"]) for e in edges
               if e["orientation"] == "v" and e["bottom"] - e["top"] >= s.min_edge)
    bands: list[list[float]] = []
    for top, bottom in v:
        if bands and top <= bands[-1][1] + s.band_gap:
            bands[-1][1] = max(bands[-1][1], bottom)
        else:
            bands.append([top, bottom])
    grids = [edges_to_grid([e for e in edges
                            if e["top"] >= top - s.snap and e["bottom"] <= bottom + s.snap],
                           s, sliver) for top, bottom in bands]
    # a band that is no table: lines broken (a scan)
    if len(grids) > 1 and any(g is None for g in grids):
        grids = [edges_to_grid(edges, s, sliver)]
    return [g for g in grids if g is not None]


def edges_to_grid(edges: list[dict], s: PdfSettings = PDF_DEFAULT,
                  sliver: float = 0.0) -> Grid | None:
    """The table grid of one page from its ruling lines, or None if it has none.  Two boundaries
    closer than `sliver` are one: the white between double borders (each cell its own box, a
    little apart from its neighbour's: a browser's `cellspacing`) holds no cell."""
    h = [(e["top"], e["x0"], e["x1"]) for e in edges
         if e["orientation"] == "h" and e["x1"] - e["x0"] >= s.min_edge]
    v = [(e["x0"], e["top"], e["bottom"]) for e in edges
         if e["orientation"] == "v" and e["bottom"] - e["top"] >= s.min_edge]
    if len(v) < 2:
        return None
    x_bands = _sliver_bands(_cluster([x for x, _, _ in v], s.snap), sliver, v, s.snap)
    y_bands = _sliver_bands(_cluster(_row_rules(h, v, s), s.snap), sliver,
                            h + _open_ends(h, v, s), s.snap)
    xs, ys = [lo for lo, _ in x_bands], [lo for lo, _ in y_bands]
    few_rules_across = len(h) < 2 and len(xs) < 3  # two lines down and nothing across: no table
    if few_rules_across or len(xs) < 2 or len(ys) < 2:
        return None
    cells = (len(xs) - 1) * (len(ys) - 1)
    if cells > s.max_grid_cells:
        raise DocumentLoadError(f"its ruling lines make a grid of {len(ys) - 1} x {len(xs) - 1} "
                                f"cells, more than a page's table holds "
                                f"(max_grid_cells {s.max_grid_cells}); not read")
    grid = Grid(xs, ys, inner=[hi for _, hi in y_bands])
    _own_spans(grid, _near(x_bands, v, s.snap), _near(y_bands, h, s.snap), s.cover,
               _boxes_across(x_bands, y_bands, v, s.snap))
    return grid


def _boxes_across(x_bands: list[tuple[float, float]], y_bands: list[tuple[float, float]],
                  v: list[tuple], snap: float) -> set[tuple[int, int]]:
    """The cells (r, c) of a table drawn with double borders (each cell its own box, a gap
    between the boxes: a browser's `cellspacing`) whose own box runs on across the rule above
    them: both its sides (the rules down next to the gaps of its column's two boundaries) go on
    past that rule.  The rule is then no top of theirs but drawn through them: the table's own
    border, closed where a page breaks a row whose cells span on below it."""
    def side(band: tuple[float, float], at: float) -> list[tuple[float, float]]:
        near = (band[1] - band[0]) / 2  # the rules of this side, not of the box beside it
        return [(top, bottom) for x, top, bottom in v if abs(x - at) < near]

    def across(segments: list[tuple[float, float]], lo: float, hi: float) -> bool:
        return any(top < lo - snap and bottom > hi + snap for top, bottom in segments)

    out: set[tuple[int, int]] = set()
    for c in range(len(x_bands) - 1):
        left, right = x_bands[c], x_bands[c + 1]
        if left[1] - left[0] <= snap or right[1] - right[0] <= snap:
            continue  # a single rule on a side: no box of the cell's own
        sides = side(left, left[1]), side(right, right[0])
        out.update((r, c) for r in range(1, len(y_bands) - 1)
                   if all(across(s, *y_bands[r]) for s in sides))
    return out


def _own_spans(grid: Grid, down: list[list[tuple[float, float]]],
               across: list[list[tuple[float, float]]], cover: float,
               through: set[tuple[int, int]] | frozenset[tuple[int, int]] = frozenset()
               ) -> None:
    """Each cell whose left side no rule down draws belongs to the cell on its left; else one
    whose top no rule across draws, or whose own box runs across that rule (`through`:
    `_boxes_across`), to the cell above (`grid.owner`).  A side is drawn where its boundary's
    rules (`down`, `across`: per boundary, `_near`) cover `cover` of it."""
    xs, ys = grid.xs, grid.ys

    def covered(segments, a, b) -> bool:
        need = (b - a) * cover
        return sum(max(0.0, min(hi, b) - max(lo, a)) for lo, hi in segments) >= need

    for r in range(len(ys) - 1):
        for c in range(len(xs) - 1):
            owner, left = (r, c), grid.owner.get((r, c - 1), (r, c - 1))
            if c > 0 and not covered(down[c], ys[r], ys[r + 1]) and _rectangle(grid, r, c, left):
                owner = left
            elif r > 0 and (not covered(across[r], xs[c], xs[c + 1]) or (r, c) in through):
                owner = grid.owner.get((r - 1, c), (r - 1, c))
            if owner != (r, c):
                grid.owner[(r, c)] = owner


def _rectangle(grid: Grid, r: int, c: int, left: tuple[int, int]) -> bool:
    """Does cell (r, c) joined to the cell on its left (owned by `left`) keep that cell a
    rectangle?  So where that cell begins in row r, or already holds the cell above (r - 1, c).
    A side left undrawn beside a cell begun lower (a producer draws no side for an empty cell
    broken over a page) parts no cells: the cell is its own."""
    return left[0] == r or grid.owner.get((r - 1, c), (r - 1, c)) == left


def _near(bands: list[tuple[float, float]], segments: list[tuple], snap: float
          ) -> list[list[tuple[float, float]]]:
    """For each boundary (the first and last of its band, `_sliver_bands`), the (start, end) of the
    segments that lie within `snap` of it: each cell's side then looks at its own boundary's
    rules only, not at every rule of the page; any rule of a double border draws its boundary."""
    lasts = [last for _, last in bands]
    near: list[list[tuple[float, float]]] = [[] for _ in bands]
    for pos, lo, hi in segments:
        k = bisect_left(lasts, pos - snap)
        while k < len(bands) and bands[k][0] <= pos + snap:
            near[k].append((lo, hi))
            k += 1
    return near


def _row_rules(h: list[tuple], v: list[tuple], s: PdfSettings) -> list[float]:
    """Where rows part: the rules across, and the ends of the rules down where they reach past
    the outermost rule across (a row broken over a page: a browser leaves it open at the
    page's foot, and at the next page's head)."""
    tops = [y for y, _, _ in h]
    top, bottom = min(t for _, t, _ in v), max(b for _, _, b in v)
    open_above = not tops or top < min(tops) - s.snap
    open_below = not tops or bottom > max(tops) + s.snap
    return tops + [top] * open_above + [bottom] * open_below


def _open_ends(h: list[tuple], v: list[tuple], s: PdfSettings) -> list[tuple]:
    """The rows' open top and foot (`_row_rules`) as rules across the whole table."""
    left, right = min(x for x, _, _ in v), max(x for x, _, _ in v)
    tops = {y for y, _, _ in h}
    return [(y, left, right) for y in _row_rules(h, v, s) if y not in tops]


def _sliver_bands(bounds: list[float], sliver: float, rules: list[tuple], snap: float
                  ) -> list[tuple[float, float]]:
    """Boundaries closer than `sliver` whose rules run along the same stretch (the two rules of
    a double border) as one band, its first and last: the first stands for the band, and a
    rule anywhere in it draws it.  `rules`: (position, start, end) of each rule.  Two close
    boundaries along different stretches are two (a cell spanning rows, broken over a page,
    ends a little above its neighbours: a browser draws it so)."""
    def stretches(at: float) -> list[tuple[float, float]]:
        return [(lo, hi) for pos, lo, hi in rules if abs(pos - at) <= snap]

    out: list[list[float]] = []
    for b in bounds:
        if out and b - out[-1][0] < sliver and _overlap(stretches(out[-1][1]), stretches(b)) > snap:
            out[-1][1] = b
            continue
        out.append([b, b])
    return [(lo, hi) for lo, hi in out]


def _overlap(a: list[tuple[float, float]], b: list[tuple[float, float]]) -> float:
    """The longest stretch two sets of rules share."""
    return max((min(a1, b1) - max(a0, b0) for a0, a1 in a for b0, b1 in b), default=0.0)


Chunks = list[tuple[float, float, float, float]]  # a visual line's chunks: (x0, x1, top, bottom)


def text_to_grid(chars: list[dict], s: PdfSettings = PDF_DEFAULT,
                 columns: list[float] | None = None, centred: bool = False) -> Grid | None:
    """A grid for a table drawn without lines, from how its text is aligned.

    The table starts at the first line made of three or more chunks far apart (its header)
    and ends before a gap of more than three line pitches (a footer, a page number).
    Columns are split at the whitespace "rivers" that no text in the table crosses
    (`_river_bounds`), or at narrower gutters before columns' left edges where those find
    more columns (`_gutter_bounds`).  Given the `columns` of a table drawn without lines that
    ended the page before, a page whose first lines fit them goes on with that table from its
    first line, with no header (`_goes_on`), and with the page's own table where that starts
    among those lines (`_joined`).  A row starts where the first column starts a
    paragraph, or after a gap across the whole width; where such rows would cut a column's
    paragraph in two (cells centred in their rows, or one row holding a paragraph per measure
    in every cell), rows part only at the gaps across the whole width (told by the pitch of
    lines within a column, as the columns' lines interleave), but for a tall cell's paragraphs
    standing alone above or below its row (`_lone_paragraphs_joined`) and a row's pieces parted
    where its cells' empty paragraphs fell together (`_centred_pieces_joined`).  `centred`: the
    table of the page before set its cells so; where it goes on here, so does this page's piece
    (its one row may be a tall cell beside short ones, which alone tells nothing), and a wide gap
    above cells side by side in its columns does not end it (`_gap_ends`).
    """
    visual = _visual_rows([c for c in chars if c["text"].strip()], s)
    lines = [_chunks(row, s.chunk_gap) for row in visual]
    words = [_chunks(row, s.word_space) for row in visual]
    size = median(ch["size"] for ch in chars) if chars else 0.0
    own = _table_found(lines, words, size, s)
    same = columns is not None and own is not None and _same_bounds(own[2], columns, s)
    on = _table_going_on(lines, words, columns, size, s, centred) if columns else None
    table = _joined(on, own, lines, words) or (own if same or not on else on)
    going_on = same or on is not None
    return _rows_of(*table, size, s, centred and going_on) if table else None


def _joined(on: Lines | None, own: Lines | None, lines: list[Chunks], words: list[Chunks]
            ) -> Lines | None:
    """The table of the page before going on here (`on`, `_table_going_on`) and a page's own
    table (`own`) that starts among its lines, as one table in the columns of the page before,
    with no header: the own table's "header" is a row of the table going on (its cells' first
    lines side by side), found below the rest of a row the page break cut.  None: no such
    pair (the table going on ends before a table of the page's own, or starts with it)."""
    if on is None or own is None:
        return None
    first, start = (next(k for k, chunks in enumerate(lines) if chunks is t[0][0])
                    for t in (on, own))
    if not first < start < first + len(on[0]):
        return None
    end = max(first + len(on[0]), start + len(own[0]))
    body = lines[first:end]
    return body, words[first:end], _widened(on[2], body), 0


def _widened(xs: list[float], lines: list[Chunks]) -> list[float]:
    """Column bounds `xs` with the outer two moved out to hold every chunk of `lines`."""
    chunks = [c for line in lines for c in line]
    return [min([xs[0], *(c[0] - 1 for c in chunks)]), *xs[1:-1],
            max([xs[-1], *(c[1] + 1 for c in chunks)])]


def _same_bounds(xs: list[float], columns: list[float], s: PdfSettings) -> bool:
    """Do a page's own columns fall where the page before's did (its header repeated)?"""
    return len(xs) == len(columns) and all(abs(a - b) <= s.same_columns
                                           for a, b in zip(xs[1:-1], columns[1:-1]))


Lines = tuple[list[Chunks], list[Chunks], list[float], int]  # lines, words, columns, header


def _table_going_on(lines: list[Chunks], words: list[Chunks], columns: list[float], size: float,
                    s: PdfSettings, centred: bool = False) -> Lines | None:
    """The table of the page before going on in its `columns` (`_goes_on`), with no header; its
    outer columns open to the sides, as their text may reach further on this page."""
    span = _goes_on(lines, words, columns, size, s, centred)
    if span is None:
        return None
    body = lines[span[0]:span[1]]
    xs = [min(columns[0], *(c[0] - 1 for chunks in body for c in chunks)), *columns[1:-1],
          max(columns[-1], *(c[1] + 1 for chunks in body for c in chunks))]
    return body, words[span[0]:span[1]], xs, 0


def _table_found(lines: list[Chunks], words: list[Chunks], size: float, s: PdfSettings
                 ) -> Lines | None:
    """A table of the page's own: from its header (the first line of three chunks far apart),
    its columns at rivers or gutters."""
    start = next((i for i, chunks in enumerate(lines) if len(chunks) >= 3), None)
    if start is None:
        return None
    body = _table_body(lines, start, size, s)
    pitch = _line_pitch([(0, c[0][2], size) for c in body], s)
    head = _header_lines(body, pitch, s)
    xs = _columns(body, words[start:start + len(body)], head, size, s)
    if not xs:
        return None
    top = _header_top(lines, words, start, xs, pitch, s)
    xs = _widened(xs, lines[top:start])
    body = lines[top:start] + body
    return body, words[top:top + len(body)], xs, head + start - top


def _header_top(lines: list[Chunks], words: list[Chunks], start: int, xs: list[float],
                pitch: float, s: PdfSettings) -> int:
    """The first line of a table whose first line of three chunks is line `start`: the lines
    just above it (no further apart than a paragraph's lines) whose words each sit inside one
    column are the top lines of a header cell taller than the others, set in the middle of the
    header row (`№` over `т/р`)."""
    def top(k: int) -> float:
        return min(c[2] for c in lines[k])

    while (start > 0 and top(start) - top(start - 1) <= pitch * s.gap
           and _fits(words[start - 1], xs)):
        start -= 1
    return start


def _rows_of(body: list[Chunks], words: list[Chunks], xs: list[float], head: int, size: float,
             s: PdfSettings, centred: bool = False) -> Grid | None:
    """The grid of a table's lines in columns `xs`, its first `head` lines the header: rows at
    the first column's paragraphs, or at the gaps across where those would cut a paragraph.
    `centred`: known to set its cells in the middle of their rows (`text_to_grid`)."""
    pitch = _line_pitch([(0, c[0][2], size) for c in body], s)
    ys = _row_starts(body, xs, pitch, s, head)
    own = _line_pitch(sorted((bisect_right(xs, c[0]), c[2], size) for chunks in body[head:]
                             for c in chunks), s)
    cut = _cuts_paragraphs(body[head:], xs, ys, own, s)
    if cut:
        ys = _rows_at_gaps(body, own, s)
    centred = centred or cut or _centred(body[head:], xs, ys, size)
    if centred:
        ys = _lone_paragraphs_joined(body[head:], xs, ys, size)
        ys = _centred_pieces_joined(words[head:], xs, ys, size)
        ys = _sub_rows_moved_down(words[head:], xs, ys, size)
    if len(ys) < 2:
        return None
    titles = _titles(body, words, xs, ys, size * s.cell_gap)
    return Grid(xs, ys, owner=_spans(words, xs, ys) | titles, ruled=False,
                centred=centred)


def _centred(body: list[Chunks], xs: list[float], ys: list[float], size: float) -> bool:
    """Are the cells of a table set in the middle of their rows?  In more of its rows whose
    cells differ in height, the cells' middles line up and their tops do not, than the other
    way round."""
    middle = top = 0
    for r in range(len(ys) - 1):
        blocks = []
        for col in range(len(xs) - 1):
            inside = [c for chunks in body for c in chunks if ys[r] <= c[2] < ys[r + 1]
                      and xs[col] <= c[0] < xs[col + 1]]
            if inside:
                blocks.append((min(c[2] for c in inside), max(c[3] for c in inside)))
        heights = [b - a for a, b in blocks]
        if len(blocks) < 2 or max(heights) - min(heights) < size:
            continue
        tops_apart = max(a for a, _ in blocks) - min(a for a, _ in blocks) > size / 2
        middles = [(a + b) / 2 for a, b in blocks]
        middle += tops_apart and max(middles) - min(middles) <= size / 2
        top += not tops_apart
    return middle > top


def _columns(body: list[Chunks], words: list[Chunks], head: int, size: float, s: PdfSettings
             ) -> list[float] | None:
    """An unruled table's column boundaries: at its rivers, or at its gutters where those
    find more columns."""
    xs = _river_bounds(body, size, s)
    header_words = [w for ws in words[:head] for w in ws]
    narrow = _gutter_bounds(words[head:], header_words, s, _titles_across(body[head:], s))
    if narrow and (xs is None or len(narrow) > len(xs)):
        return narrow
    return _labelled_gutters(xs, narrow, header_words, s) if xs and narrow else xs


def _labelled_gutters(xs: list[float], narrow: list[float], header_words: Chunks,
                      s: PdfSettings) -> list[float]:
    """River bounds `xs` with the gutter bounds of `narrow` that part a river's column under
    two labels of the header, one each side (a narrow `№` column a few points from its
    neighbour, closer than a river: `1  Такмили заминаи`)."""
    out = list(xs)
    for x in narrow[1:-1]:
        k = bisect_right(out, x)
        if not 0 < k < len(out) or min(x - out[k - 1], out[k] - x) <= s.snap:
            continue
        if _label_in(out[k - 1], x, header_words) and _label_in(x, out[k], header_words):
            out.insert(k, x)
    return out


def _label_in(lo: float, hi: float, header_words: Chunks) -> bool:
    """Does a word of the header start from x `lo` to before `hi`?"""
    return any(lo <= w[0] < hi for w in header_words)


def _goes_on(lines: list[Chunks], words: list[Chunks], xs: list[float], size: float,
             s: PdfSettings, centred: bool = False) -> tuple[int, int] | None:
    """The lines of a page, from and to (exclusive), that go on with a table of columns `xs`
    from the page before: from the first line whose words (`words`, line by line) each sit
    inside one column (a running header above runs across them, or stands apart), lines that
    do so, but for a line across the columns between two that do, or titles across them
    (`_fits_after`) before one that does; the table ends
    before two lines that do not fit or a gap that ends a table (`_gap_ends`), and a last line
    nearer to the text below than to the table's line above is the text's.  None: no two such
    lines.  `centred`: the table sets its cells in the middle of their rows."""
    def gap(k: int) -> float:  # above line k
        return lines[k][0][2] - lines[k - 1][0][3]

    start = next((i for i in range(len(lines)) if _fits(words[i], xs)), None)
    if start is None:
        return None
    end = start + 1
    while end < len(lines) and not _gap_ends(lines, words, end, xs, size, s, centred) and (
            _fits(words[end], xs) or _fits_after(lines, words, end, xs)):
        end += 1
    if end < len(lines):
        while end - start > 2 and gap(end) < gap(end - 1):
            end -= 1
    return (start, end) if end - start >= 2 else None


def _fits_after(lines: list[Chunks], words: list[Chunks], k: int, xs: list[float]) -> bool:
    """Does a line that fits columns `xs` (`_fits`) come after line k, past it alone or past
    the titles across the columns from it on (a section's and its problem's, `_title_line`)?"""
    j = k
    while j < len(lines) and _title_line(lines[j], xs):
        j += 1
    j = max(j, k + 1)
    return j < len(lines) and _fits(words[j], xs)


def _title_line(chunks: Chunks, xs: list[float]) -> bool:
    """Is a line a title across the columns `xs`: one chunk from the first column over its
    right edge?"""
    return len(chunks) == 1 and chunks[0][0] < xs[1] < chunks[0][1]


def _gap_ends(lines: list[Chunks], words: list[Chunks], k: int, xs: list[float], size: float,
              s: PdfSettings, centred: bool) -> bool:
    """Does the gap above line `k` end a table of columns `xs`: wider than `table_end`, but in a
    table whose cells stand in the middle of their rows (`centred`) where the line below holds
    cells side by side in its columns (a short row's cells stand as far from a tall one's text
    as half its height; a footer or a page number is one chunk)?"""
    if lines[k][0][2] - lines[k - 1][0][3] <= size * s.table_end:
        return False
    return not (centred and len(lines[k]) >= 2 and _fits(words[k], xs))


def _fits(chunks: Chunks, xs: list[float]) -> bool:
    """Is every chunk of a line inside one column of `xs`, the outer ones open to the sides?"""
    inner = xs[1:-1]
    return all(bisect_right(inner, c[0]) == bisect_right(inner, c[1]) for c in chunks)


def _table_body(lines: list[Chunks], start: int, size: float, s: PdfSettings) -> list[Chunks]:
    """The lines of an unruled table from its header (line `start`) to before a gap of about
    three pitches of nothing (a footer, a page number)."""
    body = [lines[start]]
    for chunks in lines[start + 1:]:
        if chunks[0][2] - body[-1][0][3] > size * s.table_end:
            break
        body.append(chunks)
    return body


def _header_lines(body: list[Chunks], pitch: float, s: PdfSettings) -> int:
    """How many of the table's first lines are its header: those before the first gap wider
    than a paragraph's (where `_row_starts` ends the header too)."""
    tops = [min(c[2] for c in chunks) for chunks in body]
    return next((i for i in range(1, len(tops)) if tops[i] - tops[i - 1] > pitch * s.gap),
                len(tops))


def _river_bounds(body: list[Chunks], size: float, s: PdfSettings) -> list[float] | None:
    """Column boundaries at the whitespace "rivers" no chunk of the table crosses (None: fewer
    than three columns)."""
    spans = sorted((c[0], c[1]) for chunks in body for c in chunks)
    merged = [list(spans[0])]
    for x0, x1 in spans[1:]:
        if x0 - merged[-1][1] < size * s.column_gap:
            merged[-1][1] = max(merged[-1][1], x1)
        else:
            merged.append([x0, x1])
    if len(merged) < 3:
        return None
    return ([merged[0][0] - 1] + [_at_left_edge(a[1], b[0], s) for a, b in zip(merged, merged[1:])]
            + [merged[-1][1] + 1])


def _at_left_edge(lo: float, hi: float, s: PdfSettings) -> float:
    """A column boundary in the free space from `lo` to `hi`: at the next column's left edge
    (`hi`), less `snap` or half the space, as a page after may fill the space more."""
    return hi - min(s.snap, (hi - lo) / 2)


def _titles_across(body: list[Chunks], s: PdfSettings) -> frozenset[int]:
    """The lines of a table's body that are a title across its columns: one run of words from
    its left edge over the left edge of a later column (where chunks of two other lines or
    more start; a line of the first column alone crosses none)."""
    if not body:
        return frozenset()
    left = min(chunks[0][0] for chunks in body)
    runs = {k for k, chunks in enumerate(body)
            if len(chunks) == 1 and chunks[0][0] <= left + s.snap}
    starts = sorted(c[0] for k, chunks in enumerate(body) if k not in runs for c in chunks)
    return frozenset(k for k in runs if _crosses_edge(body[k][0], starts, s))


def _crosses_edge(chunk: tuple[float, float, float, float], starts: list[float], s: PdfSettings
                  ) -> bool:
    """Does a chunk run over a column's left edge: an x inside it where two or more of the
    sorted chunk `starts` start (within `snap`)?"""
    inside = starts[bisect_right(starts, chunk[0] + s.snap):bisect_right(starts, chunk[1])]
    return any(bisect_right(starts, x + s.snap) - bisect_right(starts, x - s.snap) >= 2
               for x in inside)


def _gutter_bounds(lines: list[Chunks], header_words: Chunks, s: PdfSettings,
                   runs: frozenset[int] = frozenset()) -> list[float] | None:
    """Column boundaries where columns stand closer than a chunk gap (a browser's gutter of a
    few points), from the body's words (`lines`, below the header): an x-interval that no
    word crosses but on a few lines (titles across the columns), ending where words of
    several lines start (a column's left edge).  The lines `runs` (titles across the table,
    `_titles_across`) do not close a gutter: among few rows, they would close them all.  The
    header's words narrow a gutter, and close one they bridge.  None: fewer than three
    columns, or the first without a label (a later column without one is part of the one
    before, `_labelled`)."""
    if not lines:
        return None
    starts = sorted(w[0] for words in lines for w in words)
    rest = [words for k, words in enumerate(lines) if k not in runs]
    bounds = [bound for lo, hi in _gutters(rest, max(1, len(lines) // 8))
              for bound in _gutter_bounds_in(lo, hi, rest, header_words, starts, s)]
    left, right = starts[0], max(w[1] for words in lines for w in words)
    xs = _labelled([min(left, *(w[0] for w in header_words)) - 1] + bounds
                   + [max(right, *(w[1] for w in header_words)) + 1], header_words)
    return xs if xs and len(xs) >= 4 else None


def _labelled(xs: list[float], header_words: Chunks) -> list[float] | None:
    """Column boundaries `xs` with each column under a label of the header's words: a column
    after the first with none is part of the one before (a gutter inside a column of few lines,
    its word spaces standing one above the other by chance).  None: the first column has no
    label (the "header" is a body's line, on a page the header is not repeated on, and the
    gutters are chance)."""
    labelled = {bisect_right(xs, w[0]) - 1 for w in header_words}
    if 0 not in labelled:
        return None
    return [x for k, x in enumerate(xs) if k in labelled or k == len(xs) - 1]


def _gutters(lines: list[Chunks], few: int) -> list[tuple[float, float]]:
    """The x-intervals that the words of no more than `few` lines cover, from the table's left
    edge on (a column of few lines, at the left or between two, is inside one: its words part
    it, `_free_parts`)."""
    events = sorted((x, step) for words in lines for w in words
                    for x, step in ((w[0], 1), (w[1], -1)))
    gutters: list[tuple[float, float]] = []
    covered, opened = 0, events[0][0] if events else None
    for x, step in events:
        before, covered = covered, covered + step
        if before > few >= covered:
            opened = x
        elif covered > few >= before and opened is not None and x > opened:
            gutters.append((opened, x))
    return gutters


def _gutter_bounds_in(lo: float, hi: float, lines: list[Chunks], header_words: Chunks,
                      starts: list[float], s: PdfSettings) -> list[float]:
    """The column boundaries in the gutter from `lo` to `hi`: one in each part of it that the
    header's words and the lines not across the columns leave free (a sparse column's words,
    on too few lines to close the gutter, part it), where words of two lines or more start at
    the part's right end (a column's left edge), a label of the header starting there counting
    as one (a narrow `№` column with one number on the page); each at that edge, as a page
    after may fill the gutter more."""
    # a word over the next column's left edge, on a line from the table's left edge: a title
    # across the columns (a line of a wide column further right closes the gutter: its words
    # starting at one x on two lines are chance)
    across = [words for words in lines if words[0][0] <= starts[0] + s.snap
              and any(w[0] < hi < w[1] for w in words)]
    bounds = []
    for a, b in _free_parts(lo, hi, header_words, [w for words in lines if words not in across
                                                   for w in words]):
        if _lines_starting(b, starts, header_words, s) >= 2:
            bounds.append(_at_left_edge(a, b, s))
    return bounds


def _lines_starting(x: float, starts: list[float], header_words: Chunks, s: PdfSettings) -> int:
    """How many lines have a word starting at `x` (within `snap`): the body's, from the sorted
    `starts` of their words, and the header as one line if a label of it starts there."""
    body = bisect_right(starts, x + s.snap) - bisect_right(starts, x - s.snap)
    return body + any(abs(w[0] - x) <= s.snap for w in header_words)


def _free_parts(lo: float, hi: float, header_words: Chunks, words: Chunks
                ) -> list[tuple[float, float]]:
    """The parts of the gutter from x `lo` to `hi` that `words` and the header's words leave
    free (none: a header word bridges it)."""
    if any(x0 <= lo and x1 >= hi for x0, x1, *_ in header_words):
        return []
    free = [(lo, hi)]
    for x0, x1, *_ in [*header_words, *words]:
        free = [part for a, b in free
                for part in ((a, min(b, x0)), (max(a, x1), b)) if part[1] > part[0]]
    return free


def _cuts_paragraphs(body: list[Chunks], xs: list[float], ys: list[float], pitch: float,
                     s: PdfSettings) -> bool:
    """Whether a row boundary of `ys` falls inside a paragraph of one column: lines of it no
    further apart than a paragraph's (chunks across a column boundary, titles, are left out)."""
    inner = ys[1:-1]
    for col in range(len(xs) - 1):
        lines = sorted((c[2], c[3]) for chunks in body for c in chunks
                       if xs[col] <= c[0] and c[1] <= xs[col + 1])
        first = 0
        for i in range(1, len(lines) + 1):
            if i < len(lines) and lines[i][0] - lines[i - 1][0] <= pitch * s.gap:
                continue
            top, bottom = lines[first][0], lines[i - 1][1]
            if any(top < y < bottom for y in inner):
                return True
            first = i
    return False


def _spans(lines: list[Chunks], xs: list[float], ys: list[float]
           ) -> dict[tuple[int, int], tuple[int, int]]:
    """The cells a line of words runs over (a section's title across the columns): each
    spanned cell of its row -> the cell the line starts in."""
    owner = {}
    for words in lines:
        r = bisect_right(ys, words[0][2]) - 1
        first = bisect_right(xs, words[0][0]) - 1
        for k in range(first + 1, len(xs) - 1):
            if not any(w[0] < xs[k] < w[1] for w in words):
                break
            owner[(r, k)] = (r, first)
    return owner


def _titles(body: list[Chunks], words: list[Chunks], xs: list[float], ys: list[float],
            gap: float) -> dict[tuple[int, int], tuple[int, int]]:
    """The rows that are a title across the whole table (a section's cell spanning the row,
    its text showing only how far it runs): each of the row's lines one chunk from the first
    column, one of them over a column boundary, and none whose words part at it by a `gap`
    (two cells' text side by side in a narrow gutter: a `№` and its objective, `3  Защита
    жертв`); each cell of the row -> its first."""
    rows: dict[int, list[int]] = {}
    for k, chunks in enumerate(body):
        rows.setdefault(bisect_right(ys, chunks[0][2]) - 1, []).append(k)
    titles = [r for r, ks in rows.items()
              if all(len(body[k]) == 1 and body[k][0][0] < xs[1] for k in ks)
              and any(_title_line(body[k], xs) for k in ks)
              and not any(_parted_at(words[k], xs[1], gap) for k in ks)]
    return {(r, k): (r, 0) for r in titles for k in range(1, len(xs) - 1)}


def _parted_at(words: Chunks, x: float, gap: float) -> bool:
    """Do a line's words part at `x` by a gap of `gap` or wider, and more than twice as wide as
    any other between its words (a title's spaces are alike, however wide its type sets them)?"""
    gaps = [(b[0] - a[1], a[1] < x <= b[0]) for a, b in zip(words, words[1:])]
    at = [g for g, edge in gaps if edge]
    others = [g for g, edge in gaps if not edge]
    return bool(at) and at[0] >= gap and at[0] > 2 * max(others, default=0.0)


def _rows_at_gaps(body: list[Chunks], pitch: float, s: PdfSettings) -> list[float]:
    """Row boundaries at the gaps across the whole width wider than `row_gap` line pitches (a
    gap between two paragraphs of one cell is narrower)."""
    tops = [min(c[2] for c in chunks) for chunks in body]
    ys = [tops[0] - 1] + [b - 1 for a, b in zip(tops, tops[1:]) if b - a > pitch * s.row_gap]
    return ys + [max(c[3] for chunks in body for c in chunks) + 1]


def _lone_paragraphs_joined(body: list[Chunks], xs: list[float], ys: list[float], size: float
                            ) -> list[float]:
    """Row boundaries `ys` (at gaps across the whole width) less those that part a row from
    the paragraphs of one of its cells standing alone above or below it: in a table whose cells
    stand in the middle of their rows, a tall cell's first and last paragraphs stand apart from
    the shorter cells' text (a margin between paragraphs as wide as a row's gap).  Rows of one
    column's lines next to a row are part of it where with them that column's text has its
    middle where the row's other columns have theirs (within half a font size), as near as
    without them or nearer (a row's piece on a page after a break, centred as a whole)."""
    rows = [_blocks(body, xs, ys[r], ys[r + 1]) for r in range(len(ys) - 1)]
    gone: set[int] = set()  # indexes into ys of the boundaries dropped
    for r, blocks in enumerate(rows):
        for col in blocks:
            middle = _others_middle(blocks, col, size)
            if middle is None:
                continue
            ups, downs = _lone_run(rows, r, col, -1), _lone_run(rows, r, col, 1)
            offs = {(a, b): abs(_middle([blocks[col], *ups[:a], *downs[:b]]) - middle)
                    for a in range(len(ups) + 1) for b in range(len(downs) + 1)}
            best = min(offs.values())
            if best <= size / 2:  # the most paragraphs that centre it best (within a point)
                a, b = max((k for k, off in offs.items() if off <= best + 1), key=sum)
                gone.update(range(r + 1 - a, r + 1 + b))  # the boundaries inside
    return [y for k, y in enumerate(ys) if k not in gone]


def _centred_pieces_joined(words: list[Chunks], xs: list[float], ys: list[float], size: float
                           ) -> list[float]:
    """Row boundaries `ys` less those that cut a row of a table whose cells stand in the middle
    of their rows in two pieces: where each cell's list keeps its items apart by empty
    paragraphs, a gap across the whole width falls between items by chance.  Two rows next to
    each other are one where they have text in the same columns (each cell's items on both
    sides of the gap), one of them is no row alone (`_row_alone`), and together they stand in
    the middle (`_middles_agree`); the body's words, `words`, tell each column's text."""
    ys = list(ys)
    r = bisect_right(ys, min(w[2] for w in words[0])) - 1 if words else len(ys)
    while 0 <= r < len(ys) - 2:
        pieces = [_blocks(words, xs, ys[k], ys[k + 1]) for k in (r, r + 1)]
        joined = set(pieces[0]) == set(pieces[1]) and _middles_agree(
            _blocks(words, xs, ys[r], ys[r + 2]), size)
        if joined and not all(_row_alone(blocks, size) for blocks in pieces):
            del ys[r + 1]
        else:
            r += 1
    return ys


def _sub_rows_moved_down(words: list[Chunks], xs: list[float], ys: list[float], size: float
                         ) -> list[float]:
    """Row boundaries `ys` less those that part a row of a table whose cells stand in the middle
    of their rows from a sub-row of its own above it: a piece of some columns alone (a step and
    its deadline) between two rows, which the cells spanning the sub-rows (those the piece has no
    text in, and both rows have) stand in the middle of with the row below (`_belongs_below`).
    A sub-row above the middle of its measure's cell is its, not the measure's above; at the head
    of a page, not the rest of the page before's last row."""
    ys = list(ys)
    r = 0
    while r < len(ys) - 2:
        above = _blocks(words, xs, ys[r - 1], ys[r]) if r else {}
        piece, below = (_blocks(words, xs, ys[k], ys[k + 1]) for k in (r, r + 1))
        if _belongs_below(above, piece, below, size):
            del ys[r + 1]
        r += 1
    return ys


def _belongs_below(above: dict[int, tuple[float, float]], piece: dict[int, tuple[float, float]],
                   below: dict[int, tuple[float, float]], size: float) -> bool:
    """Is `piece` (a row's columns: top, foot) a sub-row of the row `below` rather than of the
    row `above`: the columns it has no text in and both rows have (two or more) stand in the
    middle of the row below with it, within half a font size, and the two rows' middles are off
    theirs by a font size less so than with the piece above?  `above` empty: the piece heads the
    table's rows on its page (the row below's cells then all span it)."""
    spanning = (set(above) & set(below) if above else set(below)) - set(piece)
    if len(spanning) < 2 or not piece:
        return False

    def off(row: dict, extra: dict) -> float:  # the spanning cells' middle off the row's
        if not row:
            return 0.0
        middle = median((row[k][0] + row[k][1]) / 2 for k in spanning)
        return abs(middle - _middle([*row.values(), *extra.values()]))

    stays = off(above, piece) + off(below, {})
    moves = off(above, {}) + off(below, piece)
    return off(below, piece) <= size / 2 and moves + size < stays


def _row_alone(blocks: dict[int, tuple[float, float]], size: float) -> bool:
    """Does a row stand as one of its own: its cells' middles within half a font size, or those
    of the cells below its top (`_middles_agree`), or all its cells starting at its top (a row
    set so, not a piece of a row whose short cells stand in its middle)?"""
    middles = [(a + b) / 2 for a, b in blocks.values()]
    if not middles or max(middles) - min(middles) <= size / 2:
        return True
    top = min(a for a, _ in blocks.values())
    return all(a - top <= size / 2 for a, _ in blocks.values()) or _middles_agree(blocks, size)


def _middles_agree(blocks: dict[int, tuple[float, float]], size: float) -> bool:
    """Do the cells of a row that start below its top stand in the middle of it: two or more,
    their middles within half a font size of each other (a cell as tall as the row, spanning
    rows below, or going on over a page break, stands at the top)?"""
    if not blocks:
        return False
    top = min(a for a, _ in blocks.values())
    middles = [(a + b) / 2 for a, b in blocks.values() if a - top > size / 2]
    return len(middles) >= 2 and max(middles) - min(middles) <= size / 2


def _middle(blocks: list[tuple[float, float]]) -> float:
    """The middle of the text from the top of the first of `blocks` to the foot of the last."""
    return (min(a for a, _ in blocks) + max(b for _, b in blocks)) / 2


def _blocks(body: list[Chunks], xs: list[float], top: float, bottom: float
            ) -> dict[int, tuple[float, float]]:
    """Each column's text from `top` to `bottom`: column -> (its top, its bottom), of the
    chunks inside one column."""
    blocks: dict[int, tuple[float, float]] = {}
    for c in (c for chunks in body for c in chunks if top <= c[2] < bottom):
        col = bisect_right(xs, c[0]) - 1
        if col == bisect_right(xs, c[1]) - 1:
            a, b = blocks.get(col, (c[2], c[3]))
            blocks[col] = (min(a, c[2]), max(b, c[3]))
    return blocks


def _others_middle(blocks: dict[int, tuple[float, float]], col: int, size: float
                   ) -> float | None:
    """The middle that most columns of a row other than `col` share, within half a font size of
    their median (a column whose text a chunk across its edge hides in part stands off it);
    None: no such middle."""
    middles = [(a + b) / 2 for k, (a, b) in blocks.items() if k != col]
    if not middles:
        return None
    close = [m for m in middles if abs(m - median(middles)) <= size / 2]
    return sum(close) / len(close) if 2 * len(close) > len(middles) else None


def _lone_run(rows: list[dict[int, tuple[float, float]]], r: int, col: int, step: int
              ) -> list[tuple[float, float]]:
    """The rows next to row `r`, going up (`step` -1) or down (1), that hold text of column
    `col` alone: their blocks, nearest first."""
    run = []
    k = r + step
    while 0 <= k < len(rows) and set(rows[k]) == {col}:
        run.append(rows[k][col])
        k += step
    return run


def _row_starts(body: list[Chunks], xs: list[float], pitch: float, s: PdfSettings,
                head: int = 0) -> list[float]:
    """Row boundaries: the header (its first `head` lines, `_header_lines`) is one row, however
    its cells' lines stand (a one-line label set in the middle beside two-line ones); below it a
    row starts where the first column starts a paragraph, or after a gap across the whole
    width."""
    ys: list[float] = []
    header = head if head < len(body) else 0  # no gap under the first lines: no header told
    last_first_col, last_top = None, None
    for i, chunks in enumerate(body):
        top = min(c[2] for c in chunks)
        first_col = [c for c in chunks if c[0] < xs[1]]
        gap = top - last_top if last_top is not None else 0.0
        starts_first_col = i > header and first_col and (
            last_first_col is None or top - last_first_col > pitch * s.gap)
        if i in (0, header) or starts_first_col or i > header and gap > pitch * s.row_gap:
            ys.append(top - 1)
        if first_col:
            last_first_col = top
        last_top = top
    ys.append(max(c[3] for chunks in body for c in chunks) + 1)
    return ys


def _chunks(row: list[dict], gap: float) -> Chunks:
    """A visual row's characters (left to right, no whitespace) split at gaps wider than `gap`
    font sizes, each chunk as (x0, x1, top, bottom)."""
    chunks = [[row[0]]]
    for ch in row[1:]:
        if ch["x0"] - chunks[-1][-1]["x1"] > ch["size"] * gap:
            chunks.append([ch])
        else:
            chunks[-1].append(ch)
    return [(c[0]["x0"], c[-1]["x1"], min(x["top"] for x in c), max(x["bottom"] for x in c))
            for c in chunks]


# -- 2. lines -------------------------------------------------------------------------

_X0 = itemgetter("x0")
_SIZE = itemgetter("size")


def _reading_order(chars: list[dict]) -> list[list[dict]]:
    """Characters top to bottom by their tops to a tenth of a point, then left to right (a stable
    sort), as the runs of one tenth each: each top rounded once, as a line's characters share
    it (and mostly come one after another)."""
    tenths: dict[float, float] = {}
    by_tenth: dict[float, list[dict]] = {}
    last_top: float | None = None
    here: list[dict] = []
    for ch in chars:
        top = ch["top"]
        if top != last_top:
            tenth = tenths.get(top)
            if tenth is None:
                tenth = tenths[top] = round(top, 1)
            here = by_tenth.setdefault(tenth, [])
            last_top = top
        here.append(ch)
    return [sorted(by_tenth[tenth], key=_X0) for tenth in sorted(by_tenth)]


def _visual_rows(chars: list[dict], s: PdfSettings) -> list[list[dict]]:
    """Characters grouped into visual rows (tops within half a font size), each left to right:
    a row of one tenth's characters is so already, a row of several is sorted."""
    rows: list[list[dict]] = []
    same_row, row_top = s.same_row, 0.0
    mixed: list[list[dict]] = []  # the rows that took characters of more than one tenth
    for run in _reading_order(chars):
        going_on = rows[-1] if rows else None  # the row the run's first characters may join
        held = len(going_on) if going_on else 0
        for ch in run:
            if rows and abs(ch["top"] - row_top) <= ch["size"] * same_row:
                rows[-1].append(ch)
            else:
                rows.append([ch])
                row_top = ch["top"]
        if going_on and len(going_on) > held:
            mixed.append(going_on)
    for row in mixed:
        row.sort(key=_X0)
    return rows


def chars_to_lines(chars: list[dict], page: int, s: PdfSettings = PDF_DEFAULT) -> list[Line]:
    """Visual lines, top to bottom, of characters that belong together."""
    lines = []
    for row in _visual_rows(chars, s):
        line = _row_to_line(row, page, s)
        if line is not None:
            lines.append(line)
    return lines


def _row_to_line(row: list[dict], page: int, s: PdfSettings) -> Line | None:
    """A visual row's characters as a line (None: only whitespace), in one pass: a space where
    the row has one or where the gap to the last letter is wider than a word space."""
    parts: list[str] = []
    first, last_x1, first_word_end = None, 0.0, None
    top = bottom = 0.0
    word_space = s.word_space
    spaced = False  # the text so far ends with a space
    for ch in row:
        letters = ch["text"]
        if not letters.strip():
            if parts and not spaced:
                parts.append(" ")
                spaced = True
            continue
        if first is None:
            first, top, bottom = ch, ch["top"], ch["bottom"]
        else:
            if ch["top"] < top:
                top = ch["top"]
            if ch["bottom"] > bottom:
                bottom = ch["bottom"]
            if not spaced and ch["x0"] - last_x1 > ch["size"] * word_space:
                parts.append(" ")
                spaced = True
            if spaced and first_word_end is None:
                first_word_end = last_x1
        parts.append(letters)
        spaced = letters[-1] == " "
        last_x1 = ch["x1"]
    if first is None:
        return None
    ocr = "conf" in first
    return Line("".join(parts).strip(), first["x0"], last_x1, top, bottom, first["size"],
                (first_word_end or last_x1) - first["x0"], page, _doubtful(row) if ocr else (),
                ocr)


def _doubtful(row: list[dict]) -> tuple[tuple[str, float], ...]:
    """The words of an OCR row read with low confidence, and that confidence."""
    return tuple((c["text"].strip(), c["conf"]) for c in row
                 if c["text"].strip() and c.get("doubtful"))


def page_to_rows(number: int, chars: list[dict], grids: list[Grid], s: PdfSettings = PDF_DEFAULT
                 ) -> tuple[list[tuple[Grid, list[dict[int, list[Line]]]]], list[Line]]:
    """The lines of each grid cell of one page (grid by grid, row by row), and the lines outside
    the tables."""
    cells: list[dict[tuple[int, int], list[dict]]] = [{} for _ in grids]
    outside: list[dict] = []
    frames = [(g.xs[0], g.xs[-1], g.ys[0], g.ys[-1], g.xs, g.ys, g.owner, found)
              for g, found in zip(grids, cells)]
    # the first grid's cell of the character before (its sides, and its characters): the next
    # one, on the same line, is most often inside it too
    last_left = last_right = last_top = last_bottom = 0.0
    last = outside
    for ch in chars:
        cx = (ch["x0"] + ch["x1"]) / 2
        cy = (ch["top"] + ch["bottom"]) / 2
        if last_left < cx < last_right and last_top < cy < last_bottom:
            last.append(ch)
            continue
        # the first grid whose inside holds its centre
        for left, right, top, bottom, xs, ys, owner, found in frames:
            if left < cx < right and top < cy < bottom:
                r, c = bisect_right(ys, cy) - 1, bisect_right(xs, cx) - 1
                here = found.setdefault(owner.get((r, c), (r, c)), [])
                here.append(ch)
                if found is cells[0]:
                    last_left, last_right, last = xs[c], xs[c + 1], here
                    last_top, last_bottom = ys[r], ys[r + 1]
                break
        else:
            outside.append(ch)
    tables = []
    for grid, found in zip(grids, cells):
        rows = [{c: chars_to_lines(found.get((r, c), []), number, s)
                 for c in range(len(grid.xs) - 1) if (r, c) not in grid.owner}
                for r in range(len(grid.ys) - 1)]
        tables.append((grid, rows))
    return tables, chars_to_lines(outside, number, s) if outside else []


# -- 3. paragraphs ------------------------------------------------------------------

def starts_paragraph(prev: Line, line: Line, pitch: float, right: float, left: float, style: str,
                     s: PdfSettings = PDF_DEFAULT) -> bool:
    """Does `line` start a new paragraph after `prev` (same cell, same page)?

    `style` is the cell's indentation: 'indent' (first lines indented), 'hanging'
    (continuation lines indented, as numbered items often are) or 'flush'.
    """
    if line.top - prev.top > pitch * s.gap:  # a gap larger than the line pitch
        return True
    if ITEM.match(line.text) and not ends_open(prev.text):  # a numbered item: 1.1.3.
        return True
    indented = line.x0 - left > line.size * s.indent
    if style == "indent" and indented or style == "hanging" and not indented:
        return True
    room = right - prev.x1
    # in a flush cell, white before the first word belongs to it (a no-break space a browser keeps)
    lead = max(0.0, line.x0 - left) if style == "flush" else 0.0
    # the first word would have fitted above
    return room > lead + line.first_word + line.size * s.room


def join_lines(a: str, b: str, vocabulary: set[str]) -> str:
    """Join two lines of one paragraph: a space, or a hyphenated word made whole."""
    if a.endswith("\u00ad"):
        return a[:-1] + b
    # `a` is a paragraph's text so far: only its end is looked at (its last three characters,
    # its last word), not the whole of it again for each line joined
    end, word = a[-3:], a[a.rfind(" ") + 1:]
    if SLASH_END.search(end) and b[:1].isalnum():
        # broken after a slash glued to its word (`print/` | `website`): a browser's break
        return a + b
    if RANGE_END.search(end) and b[:1].isdigit():
        # broken after a dash glued to a number (`2012–` | `2013`): a range, a browser's break
        return a + b
    cut = LETTERS_END.search(word)
    if cut and FEW_LETTERS.fullmatch(b) and b.islower() \
            and (cut.group(1) + b).lower() in vocabulary:
        # the last letters of a word alone on a line: a cell too narrow for the word, broken with
        # no hyphen (`Law Commissio` | `n`); the word is whole elsewhere
        return a + b
    if a.endswith("-") and b[:1].islower():
        left = HYPHENATED_END.findall(word)
        right = WORD_START.findall(b)
        if right and is_conjunction(right[0]):
            return f"{a} {b}"  # a compound's first part: `теле-` | `и радиопрограммы`
        if left and right and (left[0] + right[0]).lower() in vocabulary:
            return a[:-1] + b  # hyphenated at the line end: the word is whole elsewhere
        return a + b  # a compound: anti-/traffic
    return f"{a} {b}"


def lines_to_paragraphs(lines: list[Line], pitch: float, right: float, vocabulary: set[str],
                        left: float | None = None, s: PdfSettings = PDF_DEFAULT,
                        margin: float = 0.0) -> list[Para]:
    """Paragraphs of one cell (or of the text outside the table) on one page.

    `right` and `left` are the column's text edges over the whole table: a single cell
    of one-line paragraphs cannot show an indent or a short line by itself.  `margin`: the
    white the producer sets between any two paragraphs (`paragraph_margin`), which is no
    empty paragraph.
    """
    blank_at = pitch * (1 + s.blank_line) + margin
    paras: list[Para] = []
    if left is None:
        left = min((line.x0 for line in lines), default=0.0)
    style = "flush"
    if lines and lines[0].x0 - left > lines[0].size * s.indent:
        style = "indent"
    elif any(line.x0 - left > line.size * s.indent for line in lines):
        style = "hanging"
    for line in lines:
        if paras and not starts_paragraph(paras[-1].lines[-1], line, pitch, right, left, style, s):
            _append(paras[-1], line, vocabulary)
        else:
            above = paras[-1].lines[-1] if paras else None
            blank = (above is not None and line.page == above.page
                     and line.top - above.top >= blank_at)
            paras.append(Para([line], line.text, blank_before=blank))
    # the cell shows its paragraph breaks (a blank line between lists is no such sign): the lines
    # joined are one paragraph
    if any(b.page == a.page and pitch * s.gap < b.top - a.top < blank_at
           for a, b in zip(lines, lines[1:])):
        for para in paras:
            para.breaks.clear()
    return paras


def _append(para: Para, line: Line, vocabulary: set[str]) -> None:
    """A line joined to the paragraph; where it starts a word of its own (not the rest of a
    hyphenated one) the join is a break a later stage may still make (`Paragraph.breaks`)."""
    joined = join_lines(para.text, line.text, vocabulary)
    if joined == f"{para.text} {line.text}":
        para.breaks.append(len(para.text) + 1)
    para.lines.append(line)
    para.text = joined


# -- the whole document ---------------------------------------------------------------

class _Builder:
    def __init__(self, info: SourceInfo, s: PdfSettings = PDF_DEFAULT):
        self.info, self.s = info, s
        self.warnings: list[Warning_] = []
        self.doubtful: dict[tuple, list[tuple[str, float]]] = {}
        # the page being joined to the rows above sets its cells in the middle of their rows
        # (`Grid.centred`): where a break did not cut a cell's paragraph, the white it hides
        # stands between them (`_join_rows`)
        self.centred = False
        self.margin = 0.0  # the white between any two paragraphs (`paragraph_margin`)

    def build(self, parts: list[PageParts], vocabulary: set[str]) -> Document:
        furniture = _furniture(parts)
        runs = _table_runs(parts, furniture, self.s)
        outside: list[tuple[int, list[Line]]] = []  # per page: the lines outside the tables
        for part in parts:
            if part.lines:
                outside.append((part.number, part.lines))
        cells = [lines for run in runs for _, rows, _ in run for row in rows
                 for lines in row.values()]
        cell_lines = [l for lines in cells for l in lines]
        # the distances between lines of one cell (a cell's key: its place in `cells`, and the page)
        pitch = _line_pitch([((k, l.page), l.top, l.size) for k, lines in enumerate(cells)
                             for l in lines], self.s)
        self.margin = paragraph_margin(cells, pitch, self.s)
        self.bigrams = line_bigrams(cell_lines + [l for _, lines in outside for l in lines])
        doc = Document(source=self.info)
        doc.paragraphs = self._outside_to_paragraphs(outside, pitch, vocabulary, furniture)
        for index, page_rows in enumerate(runs):
            table = self._table(page_rows, pitch, vocabulary, index)
            if any(grid.centred for _, _, grid in page_rows):
                table.rows_guessed = ("drawn without lines, its cells set in the middle of their "
                                      "rows: its rows are told by the gaps across it alone")
            first_page, table_top = page_rows[0][0], page_rows[0][2].ys[0]
            table.position = sum(1 for p in doc.paragraphs if _above(p, first_page, table_top))
            doc.tables.append(table)
        doc.warnings.extend(self.warnings)
        doc.doubtful = self.doubtful
        return doc

    def _paragraph(self, para: Para, prov: Provenance) -> Paragraph:
        """A paragraph of the document; OCR words of low confidence in it are noted by its
        provenance."""
        doubtful = [word for line in para.lines for word in line.doubtful]
        if doubtful:
            self.doubtful[prov.key()] = doubtful
        text, breaks = para.text, list(para.breaks)
        if all(line.ocr for line in para.lines):
            from .ocr import unopened_quotes, unpaired_quotes  # loaded: the page was read by it

            specks = [(at, f"before '{text[at + 1:].split(' ')[0]}' closes nowhere")
                      for at in unpaired_quotes(text)]
            specks += [(at, f"after '{text[:at].split(' ')[-1]}' opens nowhere")
                       for at in unopened_quotes(text)]
            for at, why in sorted(specks, reverse=True):
                self.warnings.append(Warning_(f"OCR: '{text[at]}' {why} in its paragraph: read "
                                              "as a speck, left out", [prov]))
                text = text[:at] + text[at + 1:]
                breaks = [b - (b > at) for b in breaks]
        return Paragraph(text, prov, tuple(breaks))

    def _outside_to_paragraphs(self, outside, pitch: float, vocabulary: set[str],
                               furniture: set[str]) -> list[Paragraph]:
        """Title and back matter; running headers/footers (`furniture`) and page numbers dropped
        with a warning."""
        out: list[Paragraph] = []
        for number, lines in outside:
            kept = [l for l in lines if l.text not in furniture and not PAGE_NUMBER.match(l.text)]
            for l in lines:
                if l not in kept:
                    self.warnings.append(Warning_(f"page header/footer dropped: '{l.text}'",
                                                  [Provenance(self.info.file, pages=(number,))]))
            if not kept:
                continue
            for para in lines_to_paragraphs(kept, pitch, max(l.x1 for l in kept), vocabulary,
                                            s=self.s, margin=self.margin):
                out.append(self._paragraph(para, Provenance(self.info.file, paragraph=len(out),
                                                            pages=para.pages,
                                                            bbox=_bbox(para.lines),
                                                            boxes=_boxes(para.lines))))
        return out

    def _table(self, page_rows, pitch, vocabulary, index: int = 0) -> Table:
        """One table of the document from its run of pages: the rows of every page merged (a row
        cut by a page break joined again), then each row's cells as paragraphs."""
        merged, spans = self._merged_rows(page_rows, pitch, vocabulary)
        table = Table(rows=[])
        width = max((max(row) + 1 for row in merged if row), default=0)
        for r, row in enumerate(merged):
            table.rows.append(Row(self._cells(table, row, spans[r], width, index, r)))
        return table

    def _merged_rows(self, page_rows, pitch, vocabulary
                     ) -> tuple[list[dict[int, list[Para]]], list[dict[int, str]]]:
        """The rows of the whole table (column -> paragraphs), and for each the columns a span
        covers ("above" or "left"): a repeated header dropped, a row a page break cut joined to
        the row it continues."""
        numbered_col = _numbered_column(page_rows)
        table = _Merging(numbered_col, _numbers_several(page_rows, numbered_col),
                         _TextEdges(page_rows))
        for p_index, (number, rows, grid) in enumerate(page_rows):
            self._merge_page(table, p_index, number, rows, grid, pitch, vocabulary)
        return table.merged, table.spans

    def _merge_page(self, table: _Merging, p_index: int, number: int, rows: list, grid: Grid,
                    pitch: float, vocabulary: set[str]) -> None:
        """One page's rows into the table's (`_merged_rows`): its empty rows and its header again
        left out, the rest of paragraphs the page break cut joined to them."""
        # the empty row at the foot of the page before, if any
        page = _PageMerge(cut=table.foot)
        table.foot = None
        self.centred = grid.centred
        for r_index, row in enumerate(rows):
            paras = self._row_paragraphs(row, grid, table.edges, pitch, vocabulary)
            text = tuple(" ".join(p.text for p in paras.get(c, []))
                         for c in range(len(grid.xs) - 1))
            # an empty grid row (a fragment a renderer left): nothing to read
            if not any(text):
                table.foot = ((len(grid.xs) - 1, _row_spans(grid, r_index))
                              if r_index == len(rows) - 1 else None)
                continue
            if self._header_again(table, text, r_index, number):
                page.header_dropped = True
                continue
            first_body = r_index == (1 if page.header_dropped else 0)
            if p_index > 0 and grid.centred and not first_body and table.merged:
                self._join_column_cuts(table.merged, paras, page.opened, vocabulary)
            page.opened |= {c for c, cell in paras.items() if cell}
            if any(paras.values()):  # else all of it the rest of paragraphs above
                self._place_row(table, page, p_index > 0 and first_body, paras, (grid, r_index),
                                vocabulary)

    def _header_again(self, table: _Merging, text: tuple[str, ...], r_index: int,
                      number: int) -> bool:
        """Is a page's row the table's header again (dropped, with a warning)?  The table's first
        row is its header."""
        if table.header_text is None:
            table.header_text = text
            return False
        if r_index == 0 and _same_header(text, table.header_text, self.s):
            self.warnings.append(Warning_("repeated header row dropped",
                                          [Provenance(self.info.file, pages=(number,))]))
            return True
        return False

    def _place_row(self, table: _Merging, page: _PageMerge, after_break: bool,
                   paras: dict[int, list[Para]], at: tuple[Grid, int], vocabulary: set[str]
                   ) -> None:
        """A page's row (`at`: its grid and index) into the table: joined to the row a page break
        cut where it is that row's rest (`after_break`: the page's first row of the body), or
        where the rows before it on the page were; else a row of its own."""
        merged, spans = table.merged, table.spans
        grid, r_index = at
        if after_break and merged:
            if page.cut is not None and _completes(merged[-1], page.cut, paras):
                page.cut = None  # the row at the foot was the cut row's tail: its rest is here
            if _fills_foot(page.cut, paras) or _went_over(merged, spans, paras, self.bigrams) \
                    or _continues(merged[-1], paras, table.numbered_col, table.several,
                                  _across(grid, r_index),
                                  _spans_across(spans[-1], len(grid.xs) - 1)):
                self._join_cut(merged, spans, page.cut, paras, vocabulary)
                page.going_on = True
                return
            self._join_continued(merged, spans, _above_top(paras, grid, r_index), vocabulary)
        elif page.going_on and _inside(grid, r_index, spans[-1], paras):
            self._join_continued(merged, spans, paras, vocabulary)
            return
        elif page.going_on:
            _take_run_on(merged, spans, paras, vocabulary)
        page.going_on = False
        merged.append(paras)
        spans.append(_row_spans(grid, r_index))

    def _join_column_cuts(self, merged: list[dict[int, list[Para]]],
                          paras: dict[int, list[Para]], opened: set[int],
                          vocabulary: set[str]) -> None:
        """A row of a page after the first, in a table whose cells are set in the middle of their
        rows (`Grid.centred`: each column's piece of a row broken over pages stands in the middle
        of that page's piece, apart from the others): the first paragraph of a column on this
        page (not in `opened`) ends the column's last paragraph above where that one ends
        mid-phrase (`ends_open`: `... in the cities of` | `Dushanbe and Khudjand`), though the
        page's first row did not go on with the row above.  Not on the weaker cues of
        `_cut_by_page`: a cell of its own may open in lower case (`соли 2020`)."""
        for c in [c for c, cell in paras.items() if cell and c not in opened]:
            above = next((row[c] for row in reversed(merged) if row.get(c)), None)
            if above and not ITEM.match(paras[c][0].text) \
                    and ends_open(above[-1].lines[-1].text):
                self._join_rows({c: above}, {c: paras[c][:1]}, vocabulary)
                paras[c] = paras[c][1:]

    def _join_cut(self, merged: list[dict[int, list[Para]]], spans: list[dict[int, str]],
                  foot: tuple[int, dict[int, str]] | None, paras: dict[int, list[Para]],
                  vocabulary: set[str]) -> None:
        """The first row of a page joined to the row the page break cut.  Where an empty row began
        at the page's foot (`foot`: its width and spans), the page's first row is that row's text,
        which went over the page whole: its own cells take the text of their columns, and the
        cells spanning down over it the rest; an empty row that takes nothing is dropped."""
        if foot is not None:
            width, covered = foot
            merged.append({c: [] for c in range(width) if c not in covered})
            spans.append(covered)
        self._join_continued(merged, spans, paras, vocabulary)
        if foot is not None and not any(merged[-1].values()):
            merged.pop()
            spans.pop()

    def _join_continued(self, merged: list[dict[int, list[Para]]], spans: list[dict[int, str]],
                        paras: dict[int, list[Para]], vocabulary: set[str]) -> None:
        """A row a page break cut, joined to the row it continues: a cell spanning rows down joins
        the cell at the span's foot."""
        for c in [c for c in paras if spans[-1].get(c) == "above"]:
            self._join_rows(merged[_span_owner(spans, c)], {c: paras.pop(c)}, vocabulary)
        self._join_rows(merged[-1], paras, vocabulary)

    def _row_paragraphs(self, row: dict[int, list[Line]], grid: Grid, edges: _TextEdges,
                        pitch: float, vocabulary: set[str]) -> dict[int, list[Para]]:
        """A grid row's lines as each cell's paragraphs; a break between words said together
        elsewhere in the document (`_said_together`) is no break."""
        paras = {c: lines_to_paragraphs(lines, pitch, edges.at("right", c, grid) or grid.xs[c + 1],
                                        vocabulary, edges.at("left", c, grid), self.s,
                                        self.margin)
                 for c, lines in row.items()}
        for para in (p for cell in paras.values() for p in cell):
            para.breaks = [o for o in para.breaks if not _said_together(para.text, o, self.bigrams)]
        return paras

    def _cells(self, table: Table, row: dict[int, list[Para]], spans: dict[int, str], width: int,
               index: int, r: int) -> list[Cell]:
        """Row r's cells: a column covered by a span from the left widens the cell it spans from;
        one covered from above repeats that cell's paragraphs (`merged_from_above`)."""
        cells: list[Cell] = []
        for c in range(width):
            if spans.get(c) == "left" and c not in row and cells:
                owner = next(k for k in range(len(cells) - 1, -1, -1)
                             if not cells[k].merged_from_left)
                cells[owner].colspan += 1  # a cell spanning columns: a section row across the table
                cells.append(Cell([], merged_from_left=True))
            elif spans.get(c) and c not in row:
                above = table.rows[-1].cells[c] if table.rows else Cell([])
                cells.append(Cell(above.paragraphs, merged_from_above=True))
            else:
                cells.append(Cell(self._cell_paragraphs(row.get(c, []), index, r, c)))
        return cells

    def _cell_paragraphs(self, found: list[Para], index: int, r: int, c: int) -> list[Paragraph]:
        """A cell's paragraphs, an empty one kept where the white between two said it was there."""
        out: list[Paragraph] = []
        for k, para in enumerate(found):
            if para.blank_before and k:  # the empty paragraph, as the white it left
                last, below = found[k - 1].lines[-1], para.lines[0]
                top = last.bottom if last.page == below.page else below.top  # a page's head
                out.append(Paragraph("", Provenance(self.info.file, table=index, row=r, cell=c,
                                                    paragraph=len(out), pages=(below.page,),
                                                    bbox=(below.x0, top, below.x1, below.top))))
            prov = Provenance(self.info.file, table=index, row=r, cell=c, paragraph=len(out),
                              pages=para.pages, bbox=_bbox(para.lines), boxes=_boxes(para.lines))
            out.append(self._paragraph(para, prov))
        return out

    def _join_rows(self, above: dict[int, list[Para]], below: dict[int, list[Para]],
                   vocabulary) -> None:
        """The cells of a row that goes on (a page's, or a row of the page told apart by white)
        joined to the row above's: a paragraph the break cut joined again.  In a table whose
        cells stand in the middle of their rows (`centred`), one it did not cut stands apart from
        the one above as the cell's others do, where they stand apart by an empty line (the
        white the break hides, or the white between the rows; not in a ruled table, where a
        paragraph a break cut and the cues missed is joined again by the agencies' reading)."""
        for c, paras in below.items():
            if not paras:
                continue
            target = above.setdefault(c, [])
            apart = self.centred and any(p.blank_before for p in target)
            if target and _cut_by_page(target[-1], paras[0], self.bigrams):
                last, first = target[-1], paras[0]
                joined = Para(list(last.lines), last.text, list(last.breaks), last.blank_before)
                for line in first.lines:  # line by line, so each line start stays a break
                    _append(joined, line, vocabulary)
                joined.breaks = [o for o in joined.breaks
                                 if not _said_together(joined.text, o, self.bigrams)]
                target[-1] = joined
                paras = paras[1:]
            elif target and apart:
                paras[0].blank_before = True
            target.extend(paras)


@dataclass
class _Merging:
    """A table's rows as `_Builder._merged_rows` joins them over its pages: the rows so far
    (column -> paragraphs), the columns a span covers in each, the header's text, and what the
    page joins go by."""

    numbered_col: int | None
    several: bool
    edges: _TextEdges
    merged: list[dict[int, list[Para]]] = field(default_factory=list)
    spans: list[dict[int, str]] = field(default_factory=list)
    header_text: tuple[str, ...] | None = None
    # an empty row a page's foot cut: width, spans
    foot: tuple[int, dict[int, str]] | None = None


@dataclass
class _PageMerge:
    """One page's place in `_Builder._merge_page`: the empty row the page before ended on
    (`cut`), whether the header was dropped, whether the rows so far go on with a cut row, and
    the columns that have text on the page so far."""

    cut: tuple[int, dict[int, str]] | None = None
    header_dropped: bool = False
    going_on: bool = False
    opened: set[int] = field(default_factory=set)


class _TextEdges:
    """Where a table's text stands in each column, left and right (`_column_margins`,
    `_column_edges`), for paragraphs to be told by their lines' ends."""

    def __init__(self, page_rows):
        self.edges = {side: (_column_margins(page_rows, side), _column_edges(page_rows, side))
                      for side in ("left", "right")}

    def at(self, side: str, c: int, grid: Grid) -> float | None:
        """The text's edge in column c on this page: from the ruling line for a ruled grid (a
        scanned page may sit a little off the others), else the same on every page."""
        margins, absolute = self.edges[side]
        if grid.ruled and c in margins:
            return grid.xs[c] + margins[c] if side == "left" else grid.xs[c + 1] - margins[c]
        return absolute.get(c)


def _numbers_several(page_rows, numbered_col: int | None) -> bool:
    """Whether a cell of the numbered column holds more than one numbered line (its measures
    numbered inside one cell, not one per row)."""
    return numbered_col is not None and any(
        sum(1 for line in row.get(numbered_col, []) if NUMBERED.match(line.text)) > 1
        for _, rows, _ in page_rows for row in rows)


def _fills_foot(foot: tuple[int, dict[int, str]] | None, paras: dict[int, list[Para]]) -> bool:
    """Is a page's first row the text of the empty row at the foot of the page before (`foot`:
    its width and covered columns), gone over the page whole?  So where it brings text to a
    cell of that row's own: a row whose text stands only under cells spanning down over the
    foot (a cell spanning rows, its box closed early, as WeasyPrint draws it) is told as any
    other page's first row."""
    return foot is not None and any(paras.get(c) for c in range(foot[0]) if c not in foot[1])


def _completes(above: dict[int, list[Para]], foot: tuple[int, dict[int, str]],
               paras: dict[int, list[Para]]) -> bool:
    """Is a page's first row the rest of the row above the empty row at the foot of the page
    before (`foot`: its width and covered columns), rather than that row's text gone over whole?
    So where, in that row's own columns, it fills only cells the row above left empty and leaves
    empty every one the row above filled: a producer that cannot fit a cell's first line at the
    foot moves it to the next page and draws the cut row's tail there as a row (WeasyPrint: a
    step's text on the next page, its deadline on this one)."""
    own = [c for c in range(foot[0]) if c not in foot[1]]
    brought = [c for c in own if paras.get(c)]
    return bool(brought) and all(not above.get(c) for c in brought) \
        and any(above.get(c) for c in own)


def _row_spans(grid: Grid, r: int) -> dict[int, str]:
    """The columns of grid row r covered by a span, from "above" or from the "left"."""
    return {c: "above" if grid.owner[(r, c)][0] < r else "left" for c in range(len(grid.xs) - 1)
            if (r, c) in grid.owner}


def _above_top(paras: dict[int, list[Para]], grid: Grid, r: int) -> dict[int, list[Para]]:
    """The paragraphs of grid row r that begin above its top rule, taken out of it: the rest of
    a cell the page break cut, which its producer let run on over the next row's border (each
    column's leading paragraphs whose first line's middle stands above `Grid.row_top`)."""
    top = grid.row_top(r)
    out: dict[int, list[Para]] = {}
    for c, cell in paras.items():
        k = 0
        while k < len(cell) and (cell[k].lines[0].top + cell[k].lines[0].bottom) / 2 < top:
            k += 1
        if k:
            out[c], paras[c] = cell[:k], cell[k:]
    return out


def _take_run_on(merged: list[dict[int, list[Para]]], spans: list[dict[int, str]],
                 paras: dict[int, list[Para]], vocabulary: set[str]) -> None:
    """A row under the rows that went on from the page before: a column's first paragraph that
    is the rest of the phrase the cell above (the last row's, or the one spanning down over it)
    ends with (`_runs_on`), which the producer let run on past the rule, is taken into that cell
    (Chromium: `Finance, Ministry of` over the rule, `Internal Affairs` under it)."""
    for c, cell in paras.items():
        mine = _cell_above(merged, spans, c)
        if cell and mine and _runs_on(mine[-1], cell[0]):
            for line in cell.pop(0).lines:
                _append(mine[-1], line, vocabulary)


def _runs_on(para: Para, after: Para) -> bool:
    """Does `after` go on with `para`'s phrase: `para` ends mid-phrase and `after` stands right
    under it on the same page, less than a line's white between?"""
    last, first = para.lines[-1], after.lines[0]
    return ends_open(last.text) and first.page == last.page \
        and 0 <= first.top - last.bottom < last.size


def _inside(grid: Grid, r: int, spans: dict[int, str], paras: dict[int, list[Para]]) -> bool:
    """Is grid row r, below rows that went on from the page before, still inside the last row,
    though a rule was drawn across it?  So where a cell of the last row's own (`spans`: the last
    row's covered columns) goes on down into it, while its text stands only in columns whose
    cell spans down from a row before, and starts no numbered item: in a table whose rows nest,
    a cell never spans below the foot of a cell spanning it, so the rule is a cut cell's short
    border, as a browser draws a cell broken over a page, not a row's end."""
    width = len(grid.xs) - 1
    own_going_on = any(c not in spans and grid.owner.get((r, c), (r, c))[0] < r
                       for c in range(width))
    filled = [c for c, cell in paras.items() if cell]
    return own_going_on and all(spans.get(c) == "above" and not NUMBERED.match(paras[c][0].text)
                                for c in filled)


def _across(grid: Grid, r: int) -> bool:
    """Whether row r of a grid is one cell spanning the whole width (a section row)."""
    width = len(grid.xs) - 1
    return width > 1 and all(grid.owner.get((r, c)) == (r, 0) for c in range(1, width))


def _spans_across(spans: dict[int, str], width: int) -> bool:
    """Whether a merged row whose covered columns are `spans` (`_row_spans`) is one cell
    spanning the whole width."""
    return width > 1 and all(spans.get(c) == "left" for c in range(1, width))


def _cell_above(merged: list[dict[int, list[Para]]], spans: list[dict[int, str]], c: int
                ) -> list[Para] | None:
    """The paragraphs of the last row's cell in column c: the row's own, or those of the cell
    spanning down over it (`_span_owner`)."""
    return merged[_span_owner(spans, c) if spans[-1].get(c) == "above" else -1].get(c)


def _span_owner(spans: list[dict[int, str]], c: int) -> int:
    """The row whose cell in column c spans down over the last row (`spans`: each row's columns
    covered from above or from the left)."""
    k = len(spans) - 1
    while k > 0 and spans[k].get(c) == "above":
        k -= 1
    return k


Run = list[tuple[int, list, Grid]]  # one table over the pages it goes on over: (page, rows, grid)


def _table_runs(parts: list[PageParts], furniture: set[str], s: PdfSettings) -> list[Run]:
    """The document's tables, each a run of (page, rows, grid): a table at the top of a page
    continues the one at the bottom of the page before where nothing but running headers,
    footers and page numbers stands between them and its columns fall where that one's did (a
    section's titles at the foot of the page before are that one's rows, `_foot_titles_taken`)."""
    _foot_titles_taken(parts, furniture, s)
    runs: list[Run] = []
    # the page and grid of the last table, while nothing follows it
    last: tuple[int, Grid] | None = None
    for part in parts:
        text = [l for l in part.lines if l.text not in furniture and not PAGE_NUMBER.match(l.text)]
        for k in range(len(part.tables)):
            last, text = _run_on(runs, part, k, text, last, s)
        if not part.tables and text:
            last = None
    return runs


def _run_on(runs: list[Run], part: PageParts, k: int, text: list[Line],
            last: tuple[int, Grid] | None, s: PdfSettings
            ) -> tuple[tuple[int, Grid] | None, list[Line]]:
    """The page's table k added to the document's `runs` (`_place_table`), going on with the
    `last` table (the page and grid of the one before, if nothing followed it) where it stands
    first on the next page with no `text` above it but the rest of that table's last row
    (`_rest_of_row`) or a section's titles (`_titles_above`); the last table after it, and the
    page's text outside the tables left."""
    grid, rows = part.tables[k]
    above = [l for l in text if l.bottom <= grid.ys[0]]
    after_last = last is not None and k == 0 and last[0] == part.number - 1
    taken = _take_above(part, k, above) if after_last and above else None
    if taken is not None:
        grid, rows = taken
        text, above = [l for l in text if all(l is not a for a in above)], []
    goes_on = after_last and not above
    _place_table(runs, part.number, grid, rows, last[1] if goes_on and last else None, s)
    grid = runs[-1][-1][2]
    below = [l for l in text if l.top >= grid.ys[-1]]
    later = part.tables[k + 1:]
    return ((part.number, grid) if not below and not later else None), text


def _rest_of_row(above: list[Line], grid: Grid) -> bool:
    """Are the lines above a page's table drawn without lines, the table of the page before
    having ended at that page's foot, the rest of its last row?  They are where each line sits
    inside one of the table's columns: a running header or a title runs across them, or stands
    apart from them (`_goes_on` reads a page's lines so, where the page holds no table of its
    own; here the page's own table was found lower, under them)."""
    inside = all(grid.xs[0] - 1 <= line.x0 and line.x1 <= grid.xs[-1] + 1 for line in above)
    return not grid.ruled and inside and _fits(
        [(line.x0, line.x1, line.top, line.bottom) for line in above], grid.xs)


def _take_above(part: PageParts, k: int, above: list[Line]) -> tuple[Grid, list] | None:
    """The page's table k with the lines `above` it taken in, where they are the rest of the page
    before's last row (`_rest_of_row`) or a section's titles (`_titles_above`); None: neither."""
    grid = part.tables[k][0]
    if _rest_of_row(above, grid):
        return _take_row_above(part, k, above)
    if _titles_above(above, grid):
        return _take_titles_above(part, k, above)
    return None


def _titles_above(above: list[Line], grid: Grid) -> bool:
    """Are the lines above a page's table drawn without lines, the table of the page before
    having ended at that page's foot, its section titles: each from the table's first column
    over a column's edge, inside the table's width (a section's cell spanning the table)?"""
    return not grid.ruled and all(grid.xs[0] - 1 <= line.x0 < grid.xs[1] < line.x1
                                  <= grid.xs[-1] + 1 for line in above)


def _take_titles_above(part: PageParts, k: int, above: list[Line]) -> tuple[Grid, list]:
    """The page's table k with the lines `above` it as rows of their own, each a cell across
    the table (`_titles_above`), which are no longer the page's lines outside the tables."""
    grid, rows = part.tables[k]
    for line in sorted(above, key=lambda l: l.top, reverse=True):
        grid, rows = _with_row_above(grid, rows, [line])
        grid.owner.update({(0, c): (0, 0) for c in range(1, len(grid.xs) - 1)})
        rows[0] = {0: rows[0][0]}  # the spanned cells are no cells of the row (`page_to_rows`)
    part.tables[k] = (grid, rows)
    part.lines[:] = [l for l in part.lines if all(l is not a for a in above)]
    return grid, rows


def _foot_titles_taken(parts: list[PageParts], furniture: set[str], s: PdfSettings) -> None:
    """Each page's last table drawn without lines with the lines below it taken in as rows
    (`_take_titles_below`), where they are a section's titles at the page's foot
    (`_titles_above`) and the next page's first table goes on in its columns (`text_to_grid`
    read it so): the section's measures stand on the next page."""
    for part, after in zip(parts, parts[1:]):
        if not part.tables or not after.tables or after.number != part.number + 1:
            continue
        grid, following = part.tables[-1][0], after.tables[0][0]
        below = [l for l in part.lines if l.top >= grid.ys[-1] and l.text not in furniture
                 and not PAGE_NUMBER.match(l.text)]
        if below and not following.ruled and _same_bounds(following.xs, grid.xs, s) \
                and _titles_above(below, grid):
            _take_titles_below(part, len(part.tables) - 1, below)


def _take_titles_below(part: PageParts, k: int, below: list[Line]) -> tuple[Grid, list]:
    """The page's last table k with the lines `below` it at the page's foot as rows of their
    own, each a cell across the table (a section's titles, `_titles_above`, whose measures
    stand on the next page), which are no longer the page's lines outside the tables."""
    grid, rows = part.tables[k]
    for line in sorted(below, key=lambda l: l.top):
        r = len(grid.ys) - 1
        grid = Grid(grid.xs, [*grid.ys, line.bottom + 1], owner={
            **grid.owner, **{(r, c): (r, 0) for c in range(1, len(grid.xs) - 1)}},
            ruled=grid.ruled, inner=[*grid.inner, line.top] if grid.inner else [],
            centred=grid.centred)
        rows = [*rows, {0: [line]}]
    part.tables[k] = (grid, rows)
    part.lines[:] = [l for l in part.lines if all(l is not b for b in below)]
    return grid, rows


def _take_row_above(part: PageParts, k: int, above: list[Line]) -> tuple[Grid, list]:
    """The page's table k with the lines `above` it as its first row (`_with_row_above`), which
    are no longer the page's lines outside the tables."""
    grid, rows = _with_row_above(*part.tables[k], above)
    part.tables[k] = (grid, rows)
    part.lines[:] = [l for l in part.lines if all(l is not a for a in above)]
    return grid, rows


def _with_row_above(grid: Grid, rows: list, above: list[Line]) -> tuple[Grid, list]:
    """A page's grid and rows with the lines `above` it as a first row of their own, each line in
    its column (`_rest_of_row`)."""
    row: dict[int, list[Line]] = {c: [] for c in range(len(grid.xs) - 1)}
    for line in sorted(above, key=lambda l: (l.top, l.x0)):
        row[bisect_right(grid.xs[1:-1], line.x0)].append(line)
    top = min(line.top for line in above)
    owner = {(r + 1, c): (o_r + 1, o_c) for (r, c), (o_r, o_c) in grid.owner.items()}
    out = Grid(grid.xs, [top, *grid.ys], owner=owner, ruled=grid.ruled,
               inner=[top, *grid.inner] if grid.inner else [], centred=grid.centred)
    return out, [row, *rows]


def _place_table(runs: list[Run], page: int, grid: Grid, rows: list, before: Grid | None,
                 s: PdfSettings) -> None:
    """A page's table added to the run of the table `before` it (the last one of the page
    before, with nothing between them) where its columns fall where that one's did, or as a
    run of its own; a page that leaves out a rule down is read in the columns of the table
    before, its cells spanning them (`_columns_within`, `_regrid`)."""
    within = _columns_within(before, grid, s) if before is not None else None
    if before is not None and within is not None:
        grid, rows = _regrid(grid, rows, before.xs, within)
    if before is not None and _same_columns(before, grid, s):
        runs[-1].append((page, rows, grid))
    else:
        runs.append([(page, rows, grid)])


def _same_columns(a: Grid, b: Grid, s: PdfSettings) -> bool:
    """Two grids whose column boundaries fall in the same places (a table going on over a page
    break).  A table drawn without lines is found anew on each page: its columns may shift a
    little."""
    if not (a.ruled and b.ruled):
        return True
    if len(a.xs) != len(b.xs):
        return False
    if all(abs(x - y) <= s.same_columns for x, y in zip(a.xs, b.xs)):
        return True
    wa, wb = a.xs[-1] - a.xs[0], b.xs[-1] - b.xs[0]  # a photo of each page: each at its own scale
    if wa <= 0 or wb <= 0 or abs(wb / wa - 1) > s.same_columns_scale:
        return False
    near = max(s.same_columns, s.same_columns_share * wa)
    return all(abs((x - a.xs[0]) - (y - b.xs[0]) * wa / wb) <= near for x, y in zip(a.xs, b.xs))


def _columns_within(a: Grid, b: Grid, s: PdfSettings) -> list[int] | None:
    """Where a grid with fewer columns has its boundaries among another's (`a`): the index in
    `a.xs` of each of `b.xs`, its first and last boundary `a`'s too; None where they are not.
    A page that leaves out a rule down (a browser draws no side for a cell broken over a page,
    empty there) draws the same table's columns, some of them as one."""
    if not (a.ruled and b.ruled) or len(b.xs) >= len(a.xs):
        return None
    index = [min(range(len(a.xs)), key=lambda i: abs(a.xs[i] - x)) for x in b.xs]
    near = all(abs(a.xs[i] - x) <= s.same_columns for i, x in zip(index, b.xs))
    ends = index[0] == 0 and index[-1] == len(a.xs) - 1
    return index if near and ends and index == sorted(set(index)) else None


def _regrid(grid: Grid, rows: list, xs: list[float], index: list[int]) -> tuple[Grid, list]:
    """A page's grid and rows set on the table's columns `xs` (`index`: the column of `xs` each
    boundary of the grid is): a cell of the grid over several of them spans them from the left."""
    out = Grid(list(xs), grid.ys, ruled=grid.ruled, inner=grid.inner)
    for r in range(len(grid.ys) - 1):
        for k in range(len(grid.xs) - 1):
            owner_r, owner_k = grid.owner.get((r, k), (r, k))
            first = index[k]
            if (owner_r, owner_k) != (r, k):
                out.owner[(r, first)] = (owner_r, index[owner_k])
            for c in range(first + 1, index[k + 1]):
                out.owner[(r, c)] = out.owner.get((r, first), (r, first))
    remapped = [{index[k]: lines for k, lines in row.items()} for row in rows]
    return out, remapped


def _same_header(text: tuple[str, ...], header: tuple[str, ...], s: PdfSettings) -> bool:
    """Is a page's first row the table's header again?  The same text; on a scan, read anew on
    every page, the same to within a few misread letters, its letters and digits compared (OCR
    reads the marks worst: `№ п/п` as `п/п`, `исполнения,` with a speck for a comma)."""
    from rapidfuzz import fuzz

    if text == header or len(text) != len(header):
        return text == header
    return fuzz.ratio(_letters(text), _letters(header)) >= s.same_header \
        or _header_words_found(text, header)


def _letters(cells: tuple[str, ...]) -> str:
    """A row's letters and digits, lower case, its cells parted by a bar."""
    return " | ".join("".join(ch for ch in cell.lower() if ch.isalnum()) for cell in cells)


# a scan's header read anew with a word or two misread (`Срок ненолненяя“`): the row is the header
# again where it is about as long (to this share), and this share of the header's words of four
# letters or more are each read in it to within a letter or two (`HEADER_WORD` similarity)
HEADER_LENGTH, HEADER_WORDS, HEADER_WORD = 0.25, 0.75, 75.0
_WORD = re.compile(r"[^\W\d_]{4,}")


def _header_words_found(text: tuple[str, ...], header: tuple[str, ...]) -> bool:
    """Is a row the header read again with some of its words misread (`HEADER_WORDS`)?"""
    from rapidfuzz import fuzz, process

    mine, theirs = _letters(text), _letters(header)
    if abs(len(mine) - len(theirs)) > HEADER_LENGTH * len(theirs):
        return False
    wanted = _WORD.findall(" ".join(header).lower())
    words = _WORD.findall(" ".join(text).lower())
    if not wanted or not words:
        return False
    found = sum(1 for w in wanted
                if process.extractOne(w, words, scorer=fuzz.ratio, score_cutoff=HEADER_WORD))
    return found >= HEADER_WORDS * len(wanted)


def _continues(prev: dict[int, list[Para]], row: dict[int, list[Para]], numbered_col: int | None,
               several: bool, across: bool = False, prev_across: bool = False) -> bool:
    """Is the first row of a page the rest of the last row of the page before?

    `several`: the document's rows hold several numbered items each (a row per objective or
    problem), so a new item at the top of a page does not by itself start a new row.  `across`:
    the row is one cell across the table (a section's title), which goes on from no row of cells;
    `prev_across`: the row before is one such, which goes on in no row of several cells.
    """
    if _title_beside_cells(prev, row, across, prev_across):
        return False
    first_col = row.get(0, [])
    if first_col and NUMBERED.match(first_col[0].text):
        # a new numbered item in the first column: a new row, unless that column numbers a row's
        # several items and the row brings text to no column the row above left empty (as a
        # heading row would: `2` and the objective's text)
        return (several and numbered_col == 0
                and all(prev.get(c) for c, paras in row.items() if paras))
    if numbered_col is None:
        return not first_col
    if any(row.get(c) and NUMBERED.match(row[c][0].text) for c in range(1, numbered_col)):
        return False  # a new problem before the items: a new row
    if first_col:
        return True  # unnumbered text in the first column: the cell above goes on
    cell = row.get(numbered_col, [])
    if not cell or not NUMBERED.match(cell[0].text):
        return True  # no new item where the items are: the same row goes on
    return several


def _title_beside_cells(prev: dict[int, list[Para]], row: dict[int, list[Para]], across: bool,
                        prev_across: bool) -> bool:
    """Is one of two rows met at a page break one cell across the table (a title: `across`,
    `prev_across`) and the other a row of several cells?  Then neither goes on in the other."""
    def filled(cells: dict[int, list[Para]]) -> int:
        return sum(1 for paras in cells.values() if paras)

    return across and filled(prev) > 1 or prev_across and filled(prev) == 1 and filled(row) > 1


def _went_over(merged: list[dict[int, list[Para]]], spans: list[dict[int, str]],
               row: dict[int, list[Para]], bigrams: set[tuple[str, str]]) -> bool:
    """Is the first row of a page the rest of the row the break cut, though it brings numbered
    items?  So where each column it brings one to holds, in the cut row, a cell begun on the
    page before and left empty (the row's own, or one spanning down over it), and a cell of the
    row goes on over the break (`_cut_by_page`): a producer that sets a cell's text in the
    middle of its height (wkhtmltopdf) leaves a cut row's number, or a spanning cell's whole
    text, to the page where the middle falls; one that pushes a cell spanning rows whole to the
    next page (WeasyPrint) draws no side for it on the page before, where its empty neighbour
    spans it from the left."""
    def cut(c: int) -> list[Para] | None:
        while c > 0 and spans[-1].get(c) == "left":  # the cell spanning it from the left
            c -= 1
        return _cell_above(merged, spans, c)

    numbered = [c for c, cell in row.items() if cell and NUMBERED.match(cell[0].text)]
    if not numbered or any(cut(c) != [] for c in numbered):
        return False
    for c, cell in row.items():
        above = cut(c)
        if cell and above and _cut_by_page(above[-1], cell[0], bigrams):
            return True
    return False


def _cut_by_page(last: Para, first: Para, bigrams: set[tuple[str, str]]) -> bool:
    """Was this paragraph cut by the page break (rather than ended before it)?

    Textual cues only: the text before the break is an item's number alone (`2.1.2.`); the
    next page's text starts in lower case; the text before the break ends with a comma, a
    hyphen or a connector word; or the two words that meet
    at the break stand together inside a line elsewhere in the document ("Human" |
    "Traffic").  The fit test used inside a page is ambiguous across a break (there is
    no gap to compare), so a break without such a cue leaves two paragraphs; the layout
    and the aligner then treat the second as a continuation where the column calls for it.
    """
    if ITEM.match(first.text):
        return False
    # `2.1.2.` alone at the foot of the page: its text is on the next
    if ITEM_ALONE.match(last.text):
        return True
    if first.text[:1].islower() or ends_open(last.lines[-1].text):
        return True
    before = re.findall(r"(\w+)$", last.text.lower())  # the text must end in a word, not a comma
    after = WORD_START.findall(first.text.lower())
    return bool(before and after and (before[0], after[0]) in bigrams)


def _above(p: Paragraph, page: int, top: float) -> bool:
    """Does a paragraph outside the table (every one has pages and a box) stand above `top` of
    `page`?"""
    assert p.prov.pages is not None and p.prov.bbox is not None
    return p.prov.pages[0] < page or p.prov.pages[0] == page and p.prov.bbox[1] < top


def line_bigrams(lines: list[Line]) -> set[tuple[str, str]]:
    """Pairs of words that stand side by side, with only a space between, inside one line."""
    # one search of the lines one to a line: no pair runs over a line's end
    return {(a.lower(), b.lower())
            for a, b in re.findall(r"(?=\b(\w+) (\w+)\b)", "\n".join(l.text for l in lines))}


def _said_together(text: str, offset: int, bigrams: set[tuple[str, str]]) -> bool:
    """The two words that meet at a line end stand side by side inside a line elsewhere in the
    document (`городе` | `Душанбе`): the line end is inside a phrase, no paragraph break."""
    before, after = _word_before(text, offset), _word_after(text, offset)
    return bool(before and after and (before, after) in bigrams)


# characters on either side of a line end in which its words are looked for first
# (`_word_before`, `_word_after`): a paragraph's every line end is asked, so not the whole text
NEAR = 64
# the one letter whose lower case depends on the letters around it (final `ς` or `σ`)
SIGMA = "\u03a3"


def _word_before(text: str, offset: int) -> str | None:
    """The last word of `text[:offset]`, lower-cased: from the `NEAR` characters before `offset`
    where a mark before the word in them shows it whole (and no sigma's case needs more)."""
    start = max(0, offset - NEAR)
    if start and SIGMA not in text[start:offset]:
        found = LAST_WORD.search(text[start:offset].lower())
        if found and found.start(1) > 0:
            return found.group(1)
    found = LAST_WORD.search(text[:offset].lower())
    return found.group(1) if found else None


def _word_after(text: str, offset: int) -> str | None:
    """The first word of `text[offset:]`, lower-cased: from the `NEAR` characters after `offset`
    where a mark after the word in them shows it whole (and no sigma's case needs more)."""
    end = offset + NEAR
    if end < len(text) and SIGMA not in text[offset:end]:
        near = text[offset:end].lower()
        found = FIRST_WORD.search(near)
        if found and found.end(1) < len(near):
            return found.group(1)
    found = FIRST_WORD.search(text[offset:].lower())
    return found.group(1) if found else None


def _numbered_column(page_rows) -> int | None:
    counts: Counter = Counter()
    for _, rows, _ in page_rows:
        for row in rows:
            for c, lines in row.items():
                counts[c] += sum(1 for l in lines if NUMBERED.match(l.text))
    return counts.most_common(1)[0][0] if counts and counts.most_common(1)[0][1] > 0 else None


def paragraph_margin(cells: list[list[Line]], pitch: float, s: PdfSettings = PDF_DEFAULT) -> float:
    """The white a producer sets between any two paragraphs of a cell (a browser's paragraph
    margins), which no writer's empty paragraph made: 0 unless the document shows it.

    Where paragraphs stand a margin `m` apart, an empty paragraph between two leaves its line and
    two margins, `2m + pitch`; where they stand close, it leaves one line of white.  A margin of
    about a line is thus told from a document of empty paragraphs by the wider white beside it:
    the least white between paragraphs, kept by several breaks, is a margin where white of twice
    it and a line is found too."""
    whites = sorted(b.top - a.top - pitch for lines in cells for a, b in zip(lines, lines[1:])
                    if a.page == b.page and b.top - a.top > pitch * s.gap)
    near = pitch * s.margin_tolerance
    least = next((w for i, w in enumerate(whites)
                  if bisect_right(whites, w + near) - i >= s.margin_support), None)
    if least is None or least < pitch * s.blank_line:
        return 0.0  # no white between paragraphs that an empty one could be taken for
    blank = 2 * least + pitch
    if any(abs(w - blank) <= near for w in whites):
        return least
    return 0.0


def _line_pitch(tops: list[tuple[object, float, float]], s: PdfSettings = PDF_DEFAULT) -> float:
    """The distance between consecutive lines of one paragraph, from their (cell or page, top,
    font size): the smallest distance that a fair share of them keep (`pitch_share`), not the
    median, which in a table of one-line paragraphs is the distance between paragraphs."""
    gaps = sorted(b[1] - a[1] for a, b in zip(tops, tops[1:])
                  if a[0] == b[0] and 0 < b[1] - a[1] < a[2] * s.pitch_search)
    size = median(t[2] for t in tops) if tops else 10.0
    need = max(3, int(len(gaps) * s.pitch_share))
    for i, gap in enumerate(gaps):
        n = bisect_right(gaps, gap * s.pitch_tolerance) - i
        if gap < size * s.pitch_of_size[0]:
            continue  # closer than lines of this size can stand: lines of two cells side by side
        # a line's own pitch needs less support
        if n >= need or n >= 2 and gap <= size * s.pitch_of_size[1]:
            return median(gaps[i:i + n])
    return median(gaps) if gaps else 12.0


def _column_edges(page_rows, side: str) -> dict[int, float]:
    """The text's left or right edge in each column, over all pages (a cell spanning columns
    tells nothing of its first column's right edge)."""
    edges: dict[int, float] = {}
    for _, rows, grid in page_rows:
        for r, row in enumerate(rows):
            for c, lines in row.items():
                if side == "right" and _spans_right(grid, r, c):
                    continue
                for line in lines:
                    if side == "left":
                        edges[c] = min(edges.get(c, line.x0), line.x0)
                    else:
                        edges[c] = max(edges.get(c, line.x1), line.x1)
    return edges


def _column_margins(page_rows, side: str) -> dict[int, float]:
    """The text's narrowest margin to the column's left or right ruling line, over all ruled pages.

    Measured from each page's own grid, so a page that sits a little off (a scan, even
    deskewed) does not move the text edge of the others.  A cell spanning columns (a section's
    title across the table) is measured on the left only: its text runs past its first column."""
    margins: dict[int, float] = {}
    for _, rows, grid in page_rows:
        if not grid.ruled:
            continue
        for r, row in enumerate(rows):
            for c, lines in row.items():
                if side == "right" and _spans_right(grid, r, c):
                    continue
                for line in lines:
                    gap = line.x0 - grid.xs[c] if side == "left" else grid.xs[c + 1] - line.x1
                    margins[c] = min(margins.get(c, gap), gap)
    return margins


def _spans_right(grid: Grid, r: int, c: int) -> bool:
    """Does the cell at row r, column c span the column to its right?"""
    return grid.owner.get((r, c + 1)) == (r, c)


def _furniture(parts: list[PageParts]) -> set[str]:
    """Texts outside the tables that recur, numbers aside, at the head or the foot of two pages
    or more (`_margins`): running headers and footers.  A text that recurs in the body of the
    pages (`Приложение 1`, `Приложение 2` over the tables after the plan) is the
    document's."""
    def key(text: str) -> str:
        return re.sub(r"\d+", "#", text)

    seen: Counter = Counter()
    for part in parts:
        seen.update({key(l.text) for l in part.lines})
    recurring = {t for t, n in seen.items() if n >= 2}
    in_margins = [(part.number, _margins(part, lambda l: key(l.text) in recurring))
                  for part in parts]
    pages: Counter = Counter()
    for _, lines in in_margins:
        pages.update({key(l.text) for l in lines})
    return {l.text for _, lines in in_margins for l in lines if pages[key(l.text)] >= 2}


def _margins(part: PageParts, candidate) -> list[Line]:
    """The lines outside the tables at the head and the foot of a page that are `candidate`s (or
    page numbers), with nothing above them (or below them) but other such lines."""
    items: list[tuple[float, Line | None]] = [(l.top, l) for l in part.lines]
    items += [(grid.ys[0], None) for grid, _ in part.tables]
    items.sort(key=lambda item: item[0])

    def run(seq) -> list[Line]:
        out = []
        for _, line in seq:
            if line is None or not (candidate(line) or PAGE_NUMBER.match(line.text)):
                break
            out.append(line)
        return out

    return run(items) + run(reversed(items))


def _bbox(lines: list[Line], page: int | None = None) -> tuple[float, float, float, float]:
    """The box of the lines on one page (the first page of them by default)."""
    on = lines[0].page if page is None else page
    part = [l for l in lines if l.page == on]
    return (round(min(l.x0 for l in part), 1), round(min(l.top for l in part), 1),
            round(max(l.x1 for l in part), 1), round(max(l.bottom for l in part), 1))


def _boxes(lines: list[Line]) -> tuple[tuple[float, float, float, float], ...] | None:
    """A paragraph that goes on over a page break: its box on each page; None on one page."""
    pages = list(dict.fromkeys(l.page for l in lines))
    return tuple(_bbox(lines, page) for page in pages) if len(pages) > 1 else None
