"""How to read a source: the user's reading options (`ReadOptions`) and the readers' named
thresholds (`PdfSettings` for a PDF's geometry, `OcrSettings` for page pictures), one frozen,
validated object each, passed from the command line or the Python API to the readers.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..enums import DEFAULT_PDF_ENGINE, Language, PdfEngine, choices
from ..knobs import check, knob


@dataclass(frozen=True)
class PdfSettings:
    """The PDF reader's geometry (`readers/pdf.py`); lengths in points or in font sizes."""

    snap: float = knob(2.0, "points: ruling lines closer than this are one boundary", lo=0)
    min_edge: float = knob(3.0, "points: shorter edges are not rulings", lo=0)
    band_gap: float = knob(6.0, "points: vertical rulings further apart than "
                                "this, one above the other, are two tables", lo=0)
    cover: float = knob(0.6, "share of a cell's side a ruling must "
                             "cover to bound it (less: a merged cell)",
                        lo=0, hi=1, lo_open=True)
    same_columns: float = knob(4.0, "points: column rulings this close on two pages are the "
                                    "same columns (a table going on over a page break)", lo=0)
    same_columns_scale: float = knob(0.05, "share: a page photographed or scanned a little "
                                           "larger or smaller still holds the same columns if "
                                           "they match once its table is brought to the other's "
                                           "width, and the widths differ by no more than this",
                                     lo=0, hi=1)
    same_columns_share: float = knob(0.01,
                                     "share of the table's width: once brought to the same width, "
                                     "columns this close on two pages are the same (a photo undone "
                                     "by perspective is straight to about this)", lo=0, hi=1)
    gap: float = knob(1.15, "line pitches: lines further apart than this "
                            "have a paragraph end between them", lo=1)
    blank_line: float = knob(0.75, "line pitches: lines of a cell further apart than one "
                                   "pitch and this much have an empty paragraph between "
                                   "them (a writer's gap between measures' lists)", lo=0)
    margin_tolerance: float = knob(0.35, "line pitches: two whites between paragraphs this close "
                                         "are one white (`paragraph_margin`)", lo=0)
    margin_support: int = knob(1, "paragraph breaks that must keep the least white between "
                                  "paragraphs before it is taken for a margin", lo=1)
    pitch_share: float = knob(0.15, "the line pitch is the least distance kept by "
                                    "this share of a cell's lines (not the median: "
                                    "one-line paragraphs)", lo=0, hi=1, lo_open=True)
    pitch_search: float = knob(3.0, "font sizes: distances between lines "
                                    "under this are candidates for the pitch",
                               lo=0, lo_open=True)
    pitch_tolerance: float = knob(1.08,
                                  "distances within this factor of each other are one pitch", lo=1)
    pitch_of_size: tuple = knob((1.0, 1.4),
                                "font sizes: a pitch is never under the first (lines "
                                "never overlap; two OCR lines a little close are noise); "
                                "two lines are enough support up to the second", lo=0)
    same_row: float = knob(0.5, "font sizes: characters whose tops are "
                                "this close stand on one visual line",
                           lo=0, lo_open=True)
    word_space: float = knob(0.15, "font sizes: a gap between characters "
                                   "wider than this is a space", lo=0)
    indent: float = knob(0.8, "font sizes: a line starting this far right "
                              "of the column's text edge is indented", lo=0)
    room: float = knob(0.6, "font sizes: room at the end of a line beyond the next line's "
                            "first word ends the paragraph (greedy wrapping)", lo=0)
    chunk_gap: float = knob(1.0, "font sizes: a gap this wide inside a line of a table drawn "
                                 "without lines separates two columns", lo=0, lo_open=True)
    column_gap: float = knob(0.8, "font sizes: text chunks closer than this are "
                                  "one column of a table drawn without lines", lo=0)
    cell_gap: float = knob(0.5, "font sizes: words of a line this far apart across a column's "
                                "edge of a table drawn without lines (and more than twice its "
                                "other spaces) are two cells' text side by side in a narrow "
                                "gutter, not a title across them", lo=0, lo_open=True)
    row_gap: float = knob(1.6, "line pitches: a gap this wide across "
                               "a lineless table starts a row", lo=1)
    same_header: float = knob(95.0,
                              "similarity (0-100) from which a page's first row is the header "
                              "repeated (a scan's header, read anew on every page)", lo=0, hi=100)
    max_grid_cells: int = knob(10_000,
                               "cells a page's ruling lines may make (a page of 4-pt type holds "
                               "about 200 x 150 lines of it; a real table 100 x 20): past it the "
                               "page is refused, where joining the rules would take minutes", lo=1)
    table_end: float = knob(3.6, "font sizes of empty height that end a "
                                 "lineless table (about three pitches; not one going on "
                                 "from a page before whose cells stand in the middle of "
                                 "their rows, above cells side by side in its columns)",
                            lo=0, lo_open=True)

    def __post_init__(self) -> None:
        check(self)
        if self.pitch_of_size[0] > self.pitch_of_size[1]:
            raise ValueError("pitch_of_size must be (least, most), least first")


@dataclass(frozen=True)
class OcrSettings:
    """Reading pictures of pages (`readers/ocr.py`, `readers/image.py`)."""

    dpi: int = knob(300, "the resolution OCR reads at: body text of 9-11 pt is then "
                         "35-45 px high, where Tesseract reads best", lo=72, hi=1200)
    smooth_bilevel: float = knob(0.36, "points: a picture of two grey levels only (a 1-bit "
                                       "scan, a fax) is blurred by a Gaussian of this standard "
                                       "deviation before it is read, as Tesseract reads grey "
                                       "edges better than stair-stepped ones (0: never)", lo=0)
    max_skew: float = knob(3.0,
                           "degrees: a page turned more than this is not straightened", lo=0, hi=45)
    low_confidence: float = knob(
        60.0, "Tesseract's word confidence (0-100) below which a word is flagged (`ocr_doubt`), "
        "unless it is a short word of the language", lo=0, hi=100)
    sure_confidence: float = knob(
        90.0, "Tesseract's word confidence (0-100) from which a word is read surely; below it, "
        "a word that neither the dictionary of the language (English, Russian) nor the "
        "document's words read surely hold is flagged (`ocr_doubt`; `Knation` at 88)",
        lo=0, hi=100)
    twin_confidence: float = knob(
        95.0, "Tesseract's word confidence (0-100) below which a word that one of OCR's "
        "confusions makes another word of the document, or an opening quote standing alone, is "
        "flagged (`ocr_doubt`; the Tajik model reads `сайёр` as `сайер` at 90-93)",
        lo=0, hi=100)
    min_rule: float = knob(36.0, "points: a ruling line is at least "
                                 "half an inch long; no letter is", lo=0,
                           lo_open=True)
    min_cell_rule: float = knob(9.0, "points: a shorter stroke down is a rule only where it "
                                     "meets a rule across at each end (a cell's side in a row "
                                     "one line high, between a section row across the table "
                                     "and the next); a letter meets none", lo=0, lo_open=True)
    dark: int = knob(160, "grey level (0-255) below which a pixel is ink", lo=1, hi=255)
    default_dpi: float = knob(300.0, "an image without a resolution tag (or a wrong "
                                     "one) is taken as a scan at this dpi", lo=50)
    min_dpi: float = knob(50.0, "a resolution tag below this is wrong "
                                "(tools write 1 or 72 for unknown)", lo=1)
    blank_ink: float = knob(1e-5, "share of a page picture's pixels darker than `dark` "
                                  "below which it is blank and not read (less ink than "
                                  "one letter: a blank scanned page, skipped fast)",
                            lo=0, hi=1)
    max_ink: float = knob(0.4, "share of ink past which a straightened page is no "
                               "text (noise, a photograph; printed text covers "
                               "under a fifth of its page) and not read", lo=0, hi=1,
                          lo_open=True)

    def __post_init__(self) -> None:
        check(self)
        if self.sure_confidence < self.low_confidence:
            raise ValueError("sure_confidence must be at least low_confidence")
        if self.twin_confidence < self.low_confidence:
            raise ValueError("twin_confidence must be at least low_confidence")


@dataclass(frozen=True)
class ReadOptions:
    """How to read a source: every reading option in one place, from the command line or the
    Python API to the readers (`SourceInfo` describes the source only)."""

    # a text file's code page when the user names one (`--encoding cp1251`)
    encoding: str | None = None
    # a Word part that inflates past this is refused (None: the reader's default)
    max_part_bytes: int | None = None
    # a PDF page whose content streams inflate past this is refused (None: 4 MB)
    max_page_content: int | None = None
    # a document of more paragraphs is refused (None: MAX_PARAGRAPHS)
    max_paragraphs: int | None = None
    # a longer paragraph is refused (None: MAX_PARAGRAPH_CHARS)
    max_paragraph_chars: int | None = None
    # the language of scanned pages (`en`, `ru`, `tg`); None: `language`, or tried
    ocr_lang: str | None = None
    # the document's language when the user names it (`en`, `ru`, `tg`): its text's comparisons,
    # and its scanned pages unless `ocr_lang`; None: told from the text
    language: str | None = None
    # Tesseract processes at once on a scanned page (`--jobs` left over by the batch)
    ocr_threads: int = 1
    # how a PDF's text layer is read: a `PdfEngine` (readers/pdf_layer.py)
    pdf_engine: str = DEFAULT_PDF_ENGINE
    pdf: PdfSettings = field(default_factory=PdfSettings)  # the PDF reader's thresholds
    # told (pages read, pages in all) after each page of a PDF or a page image (a progress bar)
    progress: Callable[[int, int], None] | None = field(default=None, compare=False, repr=False)
    ocr: OcrSettings = field(default_factory=OcrSettings)  # the OCR's thresholds

    def __post_init__(self) -> None:
        if self.ocr_threads < 1:
            raise ValueError("ocr_threads must be at least 1")
        if self.language is not None and self.language not in set(Language):
            raise ValueError(f"language must be {choices(Language)}, not {self.language!r}")
        if self.pdf_engine not in set(PdfEngine):
            raise ValueError(f"pdf_engine must be {choices(PdfEngine)}, not {self.pdf_engine!r}")
        for name in ("max_part_bytes", "max_page_content", "max_paragraphs", "max_paragraph_chars"):
            if getattr(self, name) is not None and getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive")


PDF_DEFAULT, OCR_DEFAULT = PdfSettings(), OcrSettings()
# a PDF page's content streams, inflated: the test documents' largest page holds 28 KB (measured), a
# page drawn character by character perhaps ten times that; past this a page is a bomb, not an annex
MAX_PAGE_CONTENT = 4 * 1024 ** 2
# paragraphs of one document, body and cells: a page holds under a hundred, so a plan of a thousand
# pages under 100,000; past it the document is refused once read, before the work that grows with it
MAX_PARAGRAPHS = 100_000
# characters of one paragraph: a page of small type holds about 6,000, a cell running over a few
# pages 20,000; a longer one (a cell of 500,000 words, of 20,000 deadlines or bodies) costs every
# reading its length many times over, and is refused once read
MAX_PARAGRAPH_CHARS = 50_000
# paragraphs of one table cell: a page holds under a hundred lines, a cell running over a few pages
# some hundreds; one of 21,000 (an agency cell of as many bodies) costs the column's reading minutes
MAX_CELL_PARAGRAPHS = 2_000
