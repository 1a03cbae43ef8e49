"""The output contract: what one conversion gives a user, and what its confidences mean.

`Record` is one measure, one row of every output; `Record.columns()` is the one place its
columns are derived (the CSV, the frames, the evaluation and the review all take them from
there); `CSV_COLUMNS` is their order, `SCHEMA_VERSION` the version of the JSON's schema.
`Extraction` is a source's records with everything said about them.  A judgement's
confidence comes from its margin (`confidence`), and `needs_review` says which rows a human
should look at.  Readers never import this module: their product is the `model`.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .enums import FlagName
from .model import Paragraph, Provenance, SourceInfo, Warning_, Word

SCHEMA_VERSION = 9  # of X.json: pipeline/schema/extraction.schema.json; bump with any change to it

# a margin from which `confidence` is at its cap of 0.99: beyond it no exact figure is needed
SATURATED = 0.8
DOUBTFUL = 0.5  # a row below this confidence is doubtful: it needs a human's look
# a cell cut at line ends a PDF page shows no break at (`paragraph_split`): where the counts of the
# row (or whole timeframes) say exactly where; where more line ends could be cut than they say
SPLIT_SURE, SPLIT_DOUBTFUL = 0.9, 0.3
# a piece of an agency cell the gazetteer does not know: body-shaped (`agency_new_body`: expected
# in other plans, kept verbatim) or no body at all (`agency_not_a_body`: a step's text, a fragment)
NEW_BODY, NOT_A_BODY = 0.9, 0.3
# a measure with no number (`measure_unnumbered`): its id is its position, and no number of the
# document confirms where it starts or that none is missing: probable, not sure (below 0.9)
UNNUMBERED = 0.85
# ... beside an extra column's cell of item numbers alone (`1.1.`): the number column was not found
# (its header misread, `Ne` for `№`), and the position given for an id is likely not the number
NUMBER_BESIDE = 0.4
# a deadline cell the grammar does not read (`timeframe_unparsed`): kept raw, its start and end
# left empty: the row's deadline is not known, so the row is doubtful, not sure
UNPARSED = 0.5
# a piece of a cell that reads as another column's (`cell_role_mismatch`): the row was most
# likely cut wrong, whatever else it says
MISMATCH = 0.4
# a word OCR read whose shape is in doubt (`ocr_doubt`: a glued mark, no word of the language
# beside a dash); a word read below the OCR threshold gives its own confidence instead
OCR_SHAPE = 0.5
# a full stop OCR read after a word where its sentence goes on (`омӯзонида. шуданд`,
# `lexical.Lexicon.stop_doubt`): a speck read as a stop, sure as Tesseract was of it, or an
# abbreviation's (`Dept. of`); below 0.5, so that the row is reviewed
OCR_STOP = 0.45
# a word OCR surely misread: a timeframe word read as the word it becomes under OCR's confusions
# (`Ql 2017` as `Q1 2017`, `normalize.timeframes.parse_ocr_timeframe`: its dates are likely right,
# and its text is given so where that reading is the only one), an item's label that breaks its
# list (`а) ... 6) ... в)`); the text read is surely not the source's
OCR_READ_AS = 0.4
# a field holding a letter the source lost (`letters_lost`: U+FFFD where a font's ToUnicode map
# sent a code to U+0000 and the font names no glyph, or a decoder met bytes it could not read):
# its text is surely not the source's, and only a human who reads the page can mend it
LETTERS_LOST = 0.3
# a row of a table whose rows were told by whitespace alone (`grid_uncertain`: drawn without
# lines, cells set in the middle of their rows): most such rows are right, but none is sure
ROWS_GUESSED = 0.85
# such a row with several sub-rows (steps and their deadlines), or next to one: where one measure
# ends and the next begins among sub-rows is a guess that goes wrong often (`grid_uncertain`)
SUB_ROWS_GUESSED = 0.45
# a row whose cells stood beside a heading's cell with no measure, read as the measure's below
# (`grid_uncertain`): a heading centred in the rows it spans, above its first measure's cells
CARRIED_DOWN = 0.5
# so does a row with one of these (`ocr_doubt`: a word OCR read in doubt, which only the page
# can settle, however high the row's confidence, a glued mark's 0.50, a word read at 56)
REVIEW_FLAGS = frozenset({FlagName.AGENCY_UNMATCHED, FlagName.AGENCY_NOT_A_BODY,
                          FlagName.TIMEFRAME_UNPARSED, FlagName.OCR_DOUBT})


def needs_review(confidence: float, flag_names) -> bool:
    """Does a row (its confidence, its flags' names) need a human's look?"""
    return confidence < DOUBTFUL or bool(REVIEW_FLAGS & set(flag_names))


FLAG_DETAILS_SEP = " | "  # between the flags of `flag_details`: their details hold `; ` and `,`


def flag_details(flags) -> str:
    """Each flag of a row with its confidence and what it says, by name:
    `agency_fuzzy 0.87: 'MIA' -> Ministry of Internal Affairs | timeframe_unparsed 1.00: ...`."""
    def one(f) -> str:
        return f"{f.name} {f.confidence:.2f}" + (f": {f.detail}" if f.detail else "")
    return FLAG_DETAILS_SEP.join(one(f) for f in sorted(flags, key=lambda f: (f.name, f.detail)))


def row_counts(rows) -> dict:
    """The one definition of what a document's rows hold, from each row's (confidence, flag
    names); every surface (the JSON's `counts`, `-v`, the batch summary, the review page, the
    diff's quality) shows these:

    * `flagged_rows`: rows with any flag (a judgement, or a fact such as `no_indicator_in_source`);
    * `judgement_rows`: rows whose confidence is below 1: a choice among readings was made;
    * `review_rows`: rows that need a human's look (`needs_review`);
    * `doubtful_rows`: rows below `DOUBTFUL`;
    * `flags`: by kind, the rows that carry it (a row counts once per kind).
    """
    rows = [(float(c), set(names)) for c, names in rows]
    flags: dict[str, int] = {}
    for _, names in rows:
        for name in names:
            flags[name] = flags.get(name, 0) + 1
    return {"rows": len(rows), "flagged_rows": sum(1 for _, names in rows if names),
            "judgement_rows": sum(1 for c, _ in rows if c < 1.0),
            "review_rows": sum(1 for c, names in rows if needs_review(c, names)),
            "doubtful_rows": sum(1 for c, _ in rows if c < DOUBTFUL),
            "flags": dict(sorted(flags.items()))}


def counts_text(counts: dict) -> str:
    """`row_counts` (and `unplaced`) as the one sentence every summary line uses."""
    flags = ", ".join(f"{name} {n}" for name, n in sorted(counts["flags"].items())) or "none"
    return (f"{counts['rows']} rows: {counts['flagged_rows']} with a flag, "
            f"{counts['judgement_rows']} with a judgement (confidence below 1), "
            f"{counts['review_rows']} needing review, "
            f"{counts.get('unplaced', 0)} paragraph(s) not placed; rows by flag: {flags}")


def add_counts(many: list[dict]) -> dict:
    """The counts of several documents together."""
    out: dict = {"rows": 0, "flagged_rows": 0, "judgement_rows": 0, "review_rows": 0,
                 "doubtful_rows": 0, "unplaced": 0, "flags": {}}
    for c in many:
        for key in out:
            if key == "flags":
                for name, n in c["flags"].items():
                    out["flags"][name] = out["flags"].get(name, 0) + n
            else:
                out[key] += c.get(key, 0)
    return out


def record_counts(records) -> dict:
    """`row_counts` of `Record`s."""
    return row_counts((r.confidence, r.flag_names) for r in records)


def json_counts(records: list[dict]) -> dict:
    """`row_counts` of records as X.json holds them (a hand-made gold may leave confidence out:
    1)."""
    def confidence(r: dict) -> float:
        value = r.get("confidence")
        return 1.0 if value in (None, "") else float(value)
    return row_counts((confidence(r), [f["flag"] if isinstance(f, dict) else f
                                       for f in r.get("flags") or []])
                      for r in records)


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

    name: str  # a `FlagName`
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
        return {"mention": self.mention, "agency_id": self.agency_id, "agency": self.agency,
                "score": self.score, "method": self.method, "by_agreement": self.by_agreement}


def unmatched_names(mentions: list[AgencyMention]) -> list[str]:
    """Verbatim names of the bodies the gazetteer does not know, in source order, no repeats."""
    unknown = (m.mention for m in mentions if m.agency_id is None and m.method != "generic")
    return list(dict.fromkeys(unknown))


@dataclass
class Step:
    """One step of a measure (a sub-row of a `Mechanism of implementation` column), with its own
    deadline."""

    text: str
    timeframe: str = ""
    timeframe_start: str = ""
    timeframe_end: str = ""
    timeframe_recurrence: str = ""
    provenance: dict[str, list[Provenance]] = field(default_factory=dict)  # "text", "timeframe"

    def to_dict(self) -> dict:
        return {"text": self.text, "timeframe": self.timeframe,
                "timeframe_start": self.timeframe_start, "timeframe_end": self.timeframe_end,
                "timeframe_recurrence": self.timeframe_recurrence,
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
    # header text -> value, for every extra column
    extra: dict[str, str] = field(default_factory=dict)
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
        return unmatched_names(self.mentions)

    @property
    def flag_names(self) -> list[str]:
        return sorted({f.name for f in self.flags})

    def columns(self) -> dict:
        """The output's columns in their own types: lists as lists, `row` an int, `confidence` to
        2 decimals, the flags by name; then the extra columns, by header."""
        return {
            "row": self.row, "objective_id": self.objective_id, "objective": self.objective,
            "problem_id": self.problem_id, "problem": self.problem, "measure_id": self.measure_id,
            "measure": self.measure, "timeframe": self.timeframe,
            "timeframe_start": self.timeframe_start, "timeframe_end": self.timeframe_end,
            "timeframe_recurrence": self.timeframe_recurrence,
            "agencies": list(self.agencies), "agency_ids": list(self.agency_ids),
            "agencies_unmatched": self.agencies_unmatched, "agencies_raw": self.agencies_raw,
            "indicator": self.indicator, "confidence": round(self.confidence, 2),
            "flags": self.flag_names,
            "needs_review": needs_review(self.confidence, self.flag_names),
            "flag_details": flag_details(self.flags),
            **{name: value for name, value in self.extra.items() if name not in CSV_COLUMNS},
        }


# The CSV contract: these columns, in this order.
CSV_COLUMNS = [
    "row", "objective_id", "objective", "problem_id", "problem", "measure_id", "measure",
    "timeframe", "timeframe_start", "timeframe_end", "timeframe_recurrence",
    "agencies", "agency_ids", "agencies_unmatched", "agencies_raw", "indicator", "confidence",
    "flags", "needs_review", "flag_details",
]
# what to check, said again from the confidence and the flags (schema 9): no gold states them
REVIEW_COLUMNS = ("needs_review", "flag_details")
AGENCY_CSV_COLUMNS = ["row", "measure_id", "agency_id", "agency", "mention", "score", "method",
                      "by_agreement"]
STEP_CSV_COLUMNS = ["row", "measure_id", "step", "text", "timeframe", "timeframe_start",
                    "timeframe_end", "timeframe_recurrence"]
LIST_SEP = "; "
# joined by LIST_SEP in the CSV
LIST_COLUMNS = ("agencies", "agency_ids", "agencies_unmatched", "flags")
# what the pipeline computes about a record (its place, the names it could not match, its cell as
# written, its judgements), as against what the record says: a human corrects only the latter
COMPUTED = ("row", "agencies_unmatched", "agencies_raw", "confidence", "flags") + REVIEW_COLUMNS
EDITABLE = [c for c in CSV_COLUMNS if c not in COMPUTED]


def records_frame(rows: list[dict]):
    """A pandas DataFrame of `Record.columns()` rows: one row per measure, indexed by `row`,
    every text column (ids too) a string, list columns as lists.  pandas is imported here only."""
    import pandas as pd

    names = list(CSV_COLUMNS) + [k for k in (rows[0] if rows else {}) if k not in CSV_COLUMNS]
    frame = pd.DataFrame(rows, columns=names)
    typed = ("row", "confidence", "needs_review")
    text = [n for n in names if n not in LIST_COLUMNS and n not in typed]
    frame[text] = frame[text].astype(object)
    frame["needs_review"] = frame["needs_review"].astype("bool")
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
    language: str = ""  # `en`, `ru`, `tg`: as the user named it, or as told from the measures' text
    # a source read by OCR: the words of each page read so (1-based page -> words), and every
    # paragraph as read, which the review shows beside each field (X.json's `ocr`: no second OCR)
    ocr_words: dict[int, list[Word]] = field(default_factory=dict)
    read_paragraphs: list[Paragraph] = field(default_factory=list)

    def to_frame(self):
        """The records as a pandas DataFrame (see `records_frame`); `pipeline.read_extraction`
        gives the same frame back from the JSON or CSV output."""
        return records_frame([r.columns() for r in self.records])
