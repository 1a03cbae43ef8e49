"""Every closed list the pipeline names, defined once.

The languages, the PDF engines, the input and output formats and the names of the flags a row
can carry.  Each is a `StrEnum`: a member is its value wherever a string goes (a CSV cell, a JSON
string, a message, a dict key), so the outputs read as they did when these were plain strings.
The command line's choices, the reading options' checks, the OCR's models, the writers' and the
diff's formats all read them, and `tests/test_enums.py` holds the JSON schemas
(`pipeline/schema/*.json`), the data files' `lang` columns and the docs to them.
"""
from __future__ import annotations

from enum import Enum, StrEnum


def choices(kind: type[StrEnum], last: str = "or") -> str:
    """The values of an enum as a message names them: `'en', 'ru' or 'tg'`."""
    quoted = [f"'{member.value}'" for member in kind]
    return ", ".join(quoted[:-1]) + f" {last} {quoted[-1]}" if len(quoted) > 1 else "".join(quoted)


class Language(StrEnum):
    """The languages a document is told to be in (`lexical.language_of`) or named with `--lang`."""

    EN = "en"
    RU = "ru"
    TG = "tg"


# the languages whose words the data files hold (`pipeline/data/*.csv`, column `lang`): those a
# document is read in; Kazakh, whose header, deadline and body words are there without a sample,
# a plan family or an OCR model of its own (a Kazakh plan is told Tajik by the letters they
# share, and read with every language's words, as any plan); and Italian, whose header words and
# month names are there (a plan in Italian is read by the rules of its script, as English is)
WORD_LANGUAGES: tuple[str, ...] = ("kk", "it")
DATA_LANGUAGES: tuple[str, ...] = (*(language.value for language in Language), *WORD_LANGUAGES)

# Tesseract's model of each language (Debian `tesseract-ocr-eng`, `-rus`, `-tgk`)
TESSERACT_MODELS: dict[str, str] = {Language.EN: "eng", Language.RU: "rus", Language.TG: "tgk"}
# a model of the same script trained on far more text, and the letters it has none of: Tesseract's
# `tgk` reads the numbers of a narrow `№` column wrong (`3.` for `1.` at 92), `rus` right; Tajik's
# own six letters `rus` cannot read (`readers.ocr.words`)
TESSERACT_KIN: dict[str, tuple[str, str]] = {"tgk": ("rus", "ғӣқӯҳҷҒӢҚӮҲҶ")}


class PdfEngine(StrEnum):
    """How a PDF's text layer is read (`readers/pdf_layer.py`); both give the same output."""

    PDFIUM = "pdfium"  # pypdfium2: the default, 3-4 times faster on long documents
    PDFPLUMBER = "pdfplumber"  # the reference


DEFAULT_PDF_ENGINE = PdfEngine.PDFIUM


class Format(str, Enum):
    """What a source file is (its reader: `readers/formats.py`), as `X.json` names it (`.value`)."""

    TEXT = "text"  # the flattened web text
    DOCX = "docx"
    DOC = "doc"  # legacy Word, converted through LibreOffice
    HTML = "html"
    MARKDOWN = "markdown"
    RST = "rst"  # reStructuredText (Sphinx sources)
    PDF = "pdf"
    IMAGE = "image"  # a page picture: png, jpeg, tiff
    # an extraction (`annex extract` wrote it): read by diff and review, never a source
    JSON = "json"


class OutputFormat(StrEnum):
    """What `annex extract` and `annex diff` write; the suffix of a file is `.` and its value."""

    CSV = "csv"
    JSON = "json"
    XLSX = "xlsx"
    MD = "md"
    HTML = "html"

    @property
    def suffix(self) -> str:
        return f".{self.value}"


# `annex extract --format`, -o FILE
EXTRACT_FORMATS = (OutputFormat.JSON, OutputFormat.CSV, OutputFormat.XLSX)
# `annex diff --format`
DIFF_FORMATS = (OutputFormat.MD, OutputFormat.JSON, OutputFormat.CSV, OutputFormat.HTML)


class FlagName(StrEnum):
    """What a row's flags can say (docs/output.md explains each)."""

    MERGED_CONTINUATION = "merged_continuation"
    AGENCY_SPLIT_UNCERTAIN = "agency_split_uncertain"
    PARAGRAPH_SPLIT = "paragraph_split"
    NO_INDICATOR_IN_SOURCE = "no_indicator_in_source"
    NO_TIMEFRAME_IN_SOURCE = "no_timeframe_in_source"
    NO_AGENCIES_IN_SOURCE = "no_agencies_in_source"
    DUPLICATE_MEASURE_ID = "duplicate_measure_id"
    AGENCY_GARBLED = "agency_garbled"
    AGENCY_FUZZY = "agency_fuzzy"
    AGENCY_UNMATCHED = "agency_unmatched"
    AGENCY_NEW_BODY = "agency_new_body"
    AGENCY_NOT_A_BODY = "agency_not_a_body"
    TIMEFRAME_UNPARSED = "timeframe_unparsed"
    ALIGNMENT_UNCERTAIN = "alignment_uncertain"
    COLUMN_SPLIT_UNCERTAIN = "column_split_uncertain"
    EXTRA_UNALIGNED = "extra_unaligned"
    MEASURE_UNNUMBERED = "measure_unnumbered"
    MERGED_CELL = "merged_cell"
    GRID_UNCERTAIN = "grid_uncertain"
    STEP_TIMEFRAME_SHARED = "step_timeframe_shared"
    STEP_TIMEFRAME_UNCERTAIN = "step_timeframe_uncertain"
    STEP_OWNER_UNCERTAIN = "step_owner_uncertain"
    CELL_ROLE_MISMATCH = "cell_role_mismatch"
    OCR_DOUBT = "ocr_doubt"
    LETTERS_LOST = "letters_lost"
    CORRECTED = "corrected"


# the flags of the agency matcher (`normalize/agencies.py`): a corrected agency list is matched
# again
AGENCY_FLAGS = (FlagName.AGENCY_GARBLED, FlagName.AGENCY_FUZZY, FlagName.AGENCY_UNMATCHED,
                FlagName.AGENCY_NEW_BODY, FlagName.AGENCY_NOT_A_BODY)
