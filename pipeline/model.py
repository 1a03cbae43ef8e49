"""The one intermediate representation every reader returns (the output is `contract`'s).

Readers turn a file into a `Document`: body paragraphs (text outside tables, in
reading order) and `Table`s whose cells hold *lists of paragraphs*.  Every
`Paragraph` carries its `Provenance`.  Nothing above the readers ever sees a
python-docx, pdfplumber or HTML object.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from enum import Enum

from .enums import Format

NBSP_CHARS = "\u00a0\u2007\u202f\u200b\ufeff"
# a letter the source lost, as readers hand it on: U+FFFD, the replacement character a decoder
# puts for bytes it cannot read, and what a U+0000 (a font's ToUnicode map that lost the letter)
# becomes at the reader boundary (`readers.textnorm`); nothing says what the letter was
LOST_LETTER = "\ufffd"


class Role(str, Enum):
    """What a column of the matrix holds."""

    OBJECTIVE = "objective"
    PROBLEM = "problem"
    MEASURE = "measure"
    # the "how" of a measure (`Mechanism of implementation`): its steps, each with a deadline
    STEP = "step"
    TIMEFRAME = "timeframe"
    AGENCIES = "agencies"
    INDICATOR = "indicator"
    NUMBER = "number"
    # a column of no known role (`Source of funding`, `Notes`): carried through by its header
    EXTRA = "extra"


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a paragraph came from.  Only the fields that apply are set."""

    file: str
    line: int | None = None  # flattened text: 1-based line number
    table: int | None = None  # 0-based indexes for tables
    row: int | None = None
    cell: int | None = None
    paragraph: int | None = None
    pages: tuple[int, ...] | None = None  # PDF: 1-based page numbers
    bbox: tuple[float, float, float, float] | None = None
    # 0-based: a piece of the paragraph, cut at a line end the reader joined (`split_at`)
    part: int | None = None
    # a paragraph on several pages: its box on each of them, in the order of `pages` (`bbox` is
    # the first)
    boxes: tuple[tuple[float, float, float, float], ...] | None = None

    def to_dict(self) -> dict:
        """The fields that are set, tuples as lists (a plain walk: `asdict` copies deeply, and
        a long document has a provenance per paragraph)."""
        out: dict = {}
        for name in _PROVENANCE_FIELDS:
            value = getattr(self, name)
            if value is not None:
                out[name] = [list(b) for b in value] if name == "boxes" else \
                    list(value) if isinstance(value, tuple) else value
        return out

    def key(self) -> tuple:
        """A hashable identity, used to check that nothing is lost or placed twice."""
        return (self.file, self.line, self.table, self.row, self.cell, self.paragraph, self.pages,
                self.bbox, self.part)

    def source_key(self) -> tuple:
        """The identity of the paragraph as the reader gave it (a piece's whole paragraph)."""
        return self.key()[:-1] + (None,)


_PROVENANCE_FIELDS = tuple(f.name for f in fields(Provenance))


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    prov: Provenance
    # where the text continues on a new visual line that the reader joined without a visible cue
    # (no gap, no indent, no item label): offsets of those lines' starts, candidate paragraph
    # breaks for a later stage that knows how many paragraphs the cell should hold (PDF only)
    breaks: tuple[int, ...] = ()
    # a heading's outline level as its source marks it (markdown `#`..`######`: 1..6); 0: body text
    level: int = 0
    # stretches of the text its source strikes through (`<s>`, `<del>`, `~~`), as (start, end)
    # offsets: words withdrawn and kept in the text (a revised date's old date)
    struck: tuple[tuple[int, int], ...] = ()

    def standing(self) -> str:
        """The text without its struck stretches: what the source still says."""
        cuts = [0, *(o for span in self.struck for o in span), len(self.text)]
        return " ".join(self.text[a:b] for a, b in zip(cuts[::2], cuts[1::2]))

    def lines(self) -> list[str]:
        """The text cut at each of its `breaks` (the visual lines of a cell of one body per
        line)."""
        cuts = [0, *self.breaks, len(self.text)]
        return [self.text[a:b].rstrip(" ") for a, b in zip(cuts, cuts[1:])]

    def split_at(self, offsets: list[int]) -> list["Paragraph"]:
        """The paragraph cut at some of its `breaks`: pieces with the same provenance and a
        `part`."""
        cuts = [0, *sorted(o for o in offsets if o in self.breaks), len(self.text)]
        if len(cuts) == 2:
            return [self]
        out = []
        for k, (a, b) in enumerate(zip(cuts, cuts[1:])):
            out.append(Paragraph(self.text[a:b].strip(), replace(self.prov, part=k),
                                 tuple(o - a for o in self.breaks if a < o < b), self.level))
        return out

    @property
    def is_blank(self) -> bool:
        return not self.text.strip(" \t\r\n" + NBSP_CHARS)


def split_paragraphs(paras: list[Paragraph], cuts: list[list[int]]) -> list[Paragraph]:
    """Each paragraph cut at its offsets in `cuts` (`Paragraph.split_at`), all in order."""
    return [piece for p, c in zip(paras, cuts) for piece in p.split_at(c)]


@dataclass
class Cell:
    """One grid position of a table row.  A merged cell stands at its first row and column with
    its `rowspan` and `colspan`; the positions it covers hold placeholders: below it,
    `merged_from_above` (repeating its paragraphs, so that a row can be read by itself); to its
    right, `merged_from_left` (empty)."""

    paragraphs: list[Paragraph]
    merged_from_above: bool = False
    rowspan: int = 1
    colspan: int = 1
    merged_from_left: bool = False

    @property
    def is_placeholder(self) -> bool:
        return self.merged_from_above or self.merged_from_left


@dataclass
class Row:
    cells: list[Cell]


@dataclass
class Table:
    rows: list[Row]
    # how many body paragraphs come before it: text above a table is its title,
    # text below it is back matter
    position: int = 0
    # why which row a paragraph stands in is a guess ("": it is not): a table drawn without
    # lines whose cells are set in the middle of their rows, its rows told by gaps alone
    rows_guessed: str = ""


@dataclass(frozen=True, slots=True)
class Word:
    """A word OCR read on a page: its text, its box (x0, top, x1, bottom in points of the level
    page, as a paragraph's `Provenance.bbox`) and how sure Tesseract was of it (0-100)."""

    text: str
    bbox: tuple[float, float, float, float]
    confidence: float


@dataclass
class SourceInfo:
    file: str
    sha256: str
    format: Format


@dataclass
class Document:
    source: SourceInfo
    paragraphs: list[Paragraph] = field(default_factory=list)  # body text outside tables
    tables: list[Table] = field(default_factory=list)
    warnings: list["Warning_"] = field(default_factory=list)
    # OCR: the words read below the sure or twin confidence (word, confidence 0-100), by paragraph
    # (`Provenance.key()`) (a word with a mark between its letters too, whatever its confidence:
    # the lexicon judges them)
    doubtful: dict[tuple, list[tuple[str, float]]] = field(default_factory=dict)
    low_confidence: float = 60.0  # OCR: the confidence below which a word is read low
    sure_confidence: float = 90.0  # OCR: ... from which it is read surely
    # OCR: ... below which a word may be another's twin under OCR's confusions
    twin_confidence: float = 95.0
    language: str | None = None  # as the user named it (`--lang`); None: told from the text
    # OCR: the words read on each page read by OCR (1-based page -> words, in reading order)
    ocr_words: dict[int, list[Word]] = field(default_factory=dict)

    def every_paragraph(self) -> list[Paragraph]:
        """The body paragraphs, then each table's cells' in order, each once (the placeholders
        of a merged cell repeat its paragraphs)."""
        cells = [p for t in self.tables for row in t.rows for cell in row.cells
                 if not cell.is_placeholder for p in cell.paragraphs]
        return list({p.prov.key(): p for p in self.paragraphs + cells}.values())


@dataclass
class Warning_:
    """A located warning: what was decided, and where."""

    message: str
    prov: list[Provenance] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"message": self.message, "provenance": [p.to_dict() for p in self.prov]}
