"""The one intermediate representation every reader returns, and the output record.

Readers turn a file into a `Document`: body paragraphs (text outside tables, in
reading order) and `Table`s whose cells hold *lists of paragraphs*.  Every
`Paragraph` carries its `Provenance`.  Nothing above the readers ever sees a
python-docx, pdfplumber or HTML object.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from enum import Enum

NBSP_CHARS = "\u00a0\u2007\u202f\u200b\ufeff"


class Role(str, Enum):
    """What a column of the matrix holds."""

    OBJECTIVE = "objective"
    PROBLEM = "problem"
    MEASURE = "measure"
    STEP = "step"  # the "how" of a measure (`Mechanism of implementation`): its steps, each with a deadline
    TIMEFRAME = "timeframe"
    AGENCIES = "agencies"
    INDICATOR = "indicator"
    NUMBER = "number"
    EXTRA = "extra"  # a column of no known role (`Source of funding`, `Notes`): carried through by its header


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
    part: int | None = None  # 0-based: a piece of the paragraph, cut at a line end the reader joined (`split_at`)

    def to_dict(self) -> dict:
        return {k: (list(v) if isinstance(v, tuple) else v) for k, v in asdict(self).items() if v is not None}

    def key(self) -> tuple:
        """A hashable identity, used to check that nothing is lost or placed twice."""
        return (self.file, self.line, self.table, self.row, self.cell, self.paragraph, self.pages, self.bbox, self.part)

    def source_key(self) -> tuple:
        """The identity of the paragraph as the reader gave it (a piece's whole paragraph)."""
        return self.key()[:-1] + (None,)


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    prov: Provenance
    # where the text continues on a new visual line that the reader joined without a visible cue
    # (no gap, no indent, no item label): offsets of those lines' starts, candidate paragraph
    # breaks for a later stage that knows how many paragraphs the cell should hold (PDF only)
    breaks: tuple[int, ...] = ()

    def lines(self) -> list[str]:
        """The text cut at each of its `breaks` (the visual lines of a cell of one body per line)."""
        cuts = [0, *self.breaks, len(self.text)]
        return [self.text[a:b].rstrip(" ") for a, b in zip(cuts, cuts[1:])]

    def split_at(self, offsets: list[int]) -> list["Paragraph"]:
        """The paragraph cut at some of its `breaks`: pieces with the same provenance and a `part`."""
        cuts = [0, *sorted(o for o in offsets if o in self.breaks), len(self.text)]
        if len(cuts) == 2:
            return [self]
        out = []
        for k, (a, b) in enumerate(zip(cuts, cuts[1:])):
            out.append(Paragraph(self.text[a:b].strip(), replace(self.prov, part=k),
                                 tuple(o - a for o in self.breaks if a < o < b)))
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


class Format(str, Enum):
    TEXT = "text"
    DOCX = "docx"
    DOC = "doc"  # legacy Word: converted to .docx through LibreOffice
    HTML = "html"
    PDF = "pdf"
    IMAGE = "image"  # page pictures (.png, .jpg, .tif): read by OCR
    JSON = "json"


@dataclass
class SourceInfo:
    file: str
    sha256: str
    format: Format


@dataclass(frozen=True)
class ReadOptions:
    """How to read a source: every reading option in one place, from the command line or the
    Python API to the readers (`SourceInfo` describes the source only)."""

    encoding: str | None = None  # a text file's code page when the user names one (`--encoding cp1251`)
    max_part_bytes: int | None = None  # a Word part that inflates past this is refused (None: the reader's default)
    ocr_lang: str | None = None  # the language of scanned pages (`en`, `ru`); None: tried on the first page

    def __post_init__(self) -> None:
        if self.max_part_bytes is not None and self.max_part_bytes <= 0:
            raise ValueError("max_part_bytes must be positive")


@dataclass
class Document:
    source: SourceInfo
    paragraphs: list[Paragraph] = field(default_factory=list)  # body text outside tables
    tables: list[Table] = field(default_factory=list)
    warnings: list["Warning_"] = field(default_factory=list)
    # OCR: the words read with low confidence (word, confidence 0-100), by paragraph (`Provenance.key()`)
    doubtful: dict[tuple, list[tuple[str, float]]] = field(default_factory=dict)


@dataclass
class Warning_:
    """A located warning: what was decided, and where."""

    message: str
    prov: list[Provenance] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"message": self.message, "provenance": [p.to_dict() for p in self.prov]}


# a margin from which `confidence` is at its cap of 0.99: beyond it no exact figure is needed
SATURATED = 0.8
DOUBTFUL = 0.5  # a row below this confidence is doubtful: it needs a human's look
# a cell cut at line ends a PDF page shows no break at (`paragraph_split`): where the counts of the
# row (or whole timeframes) say exactly where; where more line ends could be cut than they say
SPLIT_SURE, SPLIT_DOUBTFUL = 0.9, 0.3
REVIEW_FLAGS = frozenset({"agency_unmatched", "timeframe_unparsed"})  # so does a row with one of these


def needs_review(confidence: float, flag_names) -> bool:
    """Does a row (its confidence, its flags' names) need a human's look?"""
    return confidence < DOUBTFUL or bool(REVIEW_FLAGS & set(flag_names))


def confidence(margin: float) -> float:
    """A decision's margin (cost units over the best alternative) to a confidence.

    0.1 -> 0.5, 0.3 -> 0.88, 0.5 -> 0.97.  A judgement is never certain: it tops out
    at 0.99, so 1.00 on a row means that no judgement was involved.  An infinite
    margin (no alternative at all) is 1.0.
    """
    if margin == float("inf"):
        return 1.0
    return min(0.99, round(1 - 2 ** (-max(margin, 0.0) / 0.1), 2))


@dataclass
class Flag:
    """A decision about a record that was not a plain 1:1, with its confidence."""

    name: str
    confidence: float = 1.0
    detail: str = ""
    alternative: str = ""  # the runner-up the optimiser rejected, and its extra cost

    def to_dict(self) -> dict:
        d: dict = {"flag": self.name, "confidence": round(self.confidence, 2)}
        if self.detail:
            d["detail"] = self.detail
        if self.alternative:
            d["alternative"] = self.alternative
        return d


@dataclass
class AgencyMention:
    """One agency named in a cell, and what the gazetteer made of it."""

    mention: str
    agency_id: str | None
    agency: str | None
    score: float
    method: str  # exact | fuzzy | partial | garble | generic | unmatched
    by_agreement: bool = False  # `(upon agreement)`: a partner that is not bound to act

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Step:
    """One step of a measure (a sub-row of a `Mechanism of implementation` column), with its own deadline."""

    text: str
    timeframe: str = ""
    timeframe_start: str = ""
    timeframe_end: str = ""
    timeframe_recurrence: str = ""
    provenance: dict[str, list[Provenance]] = field(default_factory=dict)  # "text", "timeframe"

    def to_dict(self) -> dict:
        return {"text": self.text, "timeframe": self.timeframe, "timeframe_start": self.timeframe_start,
                "timeframe_end": self.timeframe_end, "timeframe_recurrence": self.timeframe_recurrence,
                "provenance": {k: [p.to_dict() for p in v] for k, v in self.provenance.items()}}


@dataclass
class Record:
    """One measure: one row of the output."""

    row: int
    objective_id: str
    objective: str
    problem_id: str
    problem: str
    measure_id: str
    measure: str
    timeframe: str = ""
    timeframe_start: str = ""
    timeframe_end: str = ""
    timeframe_recurrence: str = ""
    agencies: list[str] = field(default_factory=list)
    agency_ids: list[str] = field(default_factory=list)
    agencies_raw: str = ""
    indicator: str = ""
    extra: dict[str, str] = field(default_factory=dict)  # header text -> value, for every extra column
    flags: list[Flag] = field(default_factory=list)
    mentions: list[AgencyMention] = field(default_factory=list)
    provenance: dict[str, list[Provenance]] = field(default_factory=dict)
    steps: list[Step] = field(default_factory=list)
    table: int = 0  # which plan table of the document (0-based), and its title
    table_title: str = ""

    @property
    def confidence(self) -> float:
        return min((f.confidence for f in self.flags), default=1.0)

    @property
    def agencies_unmatched(self) -> list[str]:
        """Verbatim names of the bodies the gazetteer does not know, in source order, no repeats."""
        return list(dict.fromkeys(m.mention for m in self.mentions if m.agency_id is None and m.method != "generic"))

    @property
    def flag_names(self) -> list[str]:
        return sorted({f.name for f in self.flags})

    def columns(self) -> dict:
        """The output's columns in their own types: lists as lists, `row` an int, `confidence` to
        2 decimals, the flags by name; then the extra columns, by header."""
        return {
            "row": self.row, "objective_id": self.objective_id, "objective": self.objective,
            "problem_id": self.problem_id, "problem": self.problem, "measure_id": self.measure_id,
            "measure": self.measure, "timeframe": self.timeframe, "timeframe_start": self.timeframe_start,
            "timeframe_end": self.timeframe_end, "timeframe_recurrence": self.timeframe_recurrence,
            "agencies": list(self.agencies), "agency_ids": list(self.agency_ids),
            "agencies_unmatched": self.agencies_unmatched, "agencies_raw": self.agencies_raw,
            "indicator": self.indicator, "confidence": round(self.confidence, 2), "flags": self.flag_names,
            **{name: value for name, value in self.extra.items() if name not in CSV_COLUMNS},
        }


# The CSV contract: these columns, in this order.
CSV_COLUMNS = [
    "row", "objective_id", "objective", "problem_id", "problem", "measure_id", "measure",
    "timeframe", "timeframe_start", "timeframe_end", "timeframe_recurrence",
    "agencies", "agency_ids", "agencies_unmatched", "agencies_raw", "indicator", "confidence", "flags",
]
AGENCY_CSV_COLUMNS = ["row", "measure_id", "agency_id", "agency", "mention", "score", "method", "by_agreement"]
STEP_CSV_COLUMNS = ["row", "measure_id", "step", "text", "timeframe", "timeframe_start", "timeframe_end",
                    "timeframe_recurrence"]
LIST_SEP = "; "
LIST_COLUMNS = ("agencies", "agency_ids", "agencies_unmatched", "flags")  # joined by LIST_SEP in the CSV


def records_frame(rows: list[dict]):
    """A pandas DataFrame of `Record.columns()` rows: one row per measure, indexed by `row`,
    every text column (ids too) a string, list columns as lists.  pandas is imported here only."""
    import pandas as pd

    names = list(CSV_COLUMNS) + [k for k in (rows[0] if rows else {}) if k not in CSV_COLUMNS]
    frame = pd.DataFrame(rows, columns=names)
    text = [n for n in names if n not in LIST_COLUMNS and n not in ("row", "confidence")]
    frame[text] = frame[text].astype(object)
    frame["row"] = frame["row"].astype("int64")
    frame["confidence"] = frame["confidence"].astype("float64")
    return frame.set_index("row")


@dataclass
class Extraction:
    """The result of reading one source: records plus everything said about them."""

    source: SourceInfo
    title: str
    front_matter: list[Paragraph]
    header: list[Paragraph]
    period: tuple[int, int] | None
    records: list[Record]
    unplaced: list[tuple[Paragraph, str]] = field(default_factory=list)
    blanks: list[Paragraph] = field(default_factory=list)
    warnings: list[Warning_] = field(default_factory=list)
    back_matter: list[Paragraph] = field(default_factory=list)  # text after the matrix
    corrections: list = field(default_factory=list)  # `corrections.Outcome`s: applied or stale
    # tables that are not plans: (index, position, header texts, their paragraphs)
    tables_skipped: list[tuple[int, int, list[str], list[Paragraph]]] = field(default_factory=list)

    def to_frame(self):
        """The records as a pandas DataFrame (see `records_frame`); `pipeline.read_extraction`
        gives the same frame back from the JSON or CSV output."""
        return records_frame([r.columns() for r in self.records])
