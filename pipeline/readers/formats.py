"""The formats the pipeline reads: one table, and everything that names a format derives from it.

The sniffer (`readers.sniff`), the reader lookup (`readers.reader_for`), the folder walk of a
batch, the command line's help and messages, the output names (`writers.output_stem`) and
the review page's pictures all read `FORMATS`.  Adding a format is a row here and a reader
module in this package with a `read(path, info, options) -> Document` function
(docs/architecture.md, *Adding a format*).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..enums import Format


@dataclass(frozen=True)
class FormatSpec:
    format: Format
    suffixes: tuple[str, ...]  # the file names it goes by; the first is its usual one
    # first bytes that say this format, and the suffix they go by
    magic: tuple[tuple[bytes, str], ...] = ()
    # (module of `pipeline.readers`, its function); None: not a source
    reader: tuple[str, str] | None = None
    pages: bool = False  # it has pages the review page can show as pictures
    shown: tuple[str, ...] = ()  # the suffixes the help and messages name (default: the usual one)
    scan: bool = False  # named among the scans in the help
    # its outputs are named with the input's suffix (`annex.docx.csv`), or without
    keeps_suffix: bool = True

    @property
    def named(self) -> tuple[str, ...]:
        return self.shown or self.suffixes[:1]


FORMATS: tuple[FormatSpec, ...] = (
    FormatSpec(Format.TEXT, (".txt", ".text"), reader=("text", "read"), keeps_suffix=False),
    FormatSpec(Format.DOCX, (".docx",), ((b"PK\x03\x04", ".docx"),), ("docx", "read")),
    # a legacy Word file is told by its suffix after
    # the content (a Word "HTML" saved as .doc is HTML)
    FormatSpec(Format.DOC, (".doc",), reader=("docx", "read_legacy")),
    FormatSpec(Format.HTML, (".html", ".htm", ".xhtml"), reader=("html", "read")),
    FormatSpec(Format.MARKDOWN, (".md", ".markdown"), reader=("markdown", "read")),
    FormatSpec(Format.RST, (".rst", ".rest"), reader=("rst", "read")),
    FormatSpec(Format.PDF, (".pdf",), ((b"%PDF", ".pdf"),), ("pdf_repair", "read"), pages=True),
    FormatSpec(Format.IMAGE, (".png", ".jpg", ".jpeg", ".tif", ".tiff"),
               ((b"\x89PNG\r\n\x1a\n", ".png"), (b"\xff\xd8\xff", ".jpg"), (b"II*\x00", ".tif"),
                (b"MM\x00*", ".tif")),
               ("image", "read"), pages=True, shown=(".png", ".jpg", ".tif"), scan=True),
    # an extraction (`annex extract` wrote it), read by diff and review
    FormatSpec(Format.JSON, (".json",)),
)
OLE2 = b"\xd0\xcf\x11\xe0"  # a legacy .doc, or a password-protected .docx: told apart by the suffix

SPECS = {spec.format: spec for spec in FORMATS}
# the suffixes looked up after the content: all but a legacy .doc's (see above)
BY_SUFFIX = {s: spec.format for spec in FORMATS if spec.format != Format.DOC for s in spec.suffixes}
# what a folder gives
SOURCE_SUFFIXES = frozenset(s for spec in FORMATS if spec.reader for s in spec.suffixes)


def documents() -> list[str]:
    """The suffixes of the documents (not scans) read as sources, as the help names them."""
    return [s for spec in FORMATS if spec.reader and not spec.scan for s in spec.named]


def scans() -> list[str]:
    return [s for spec in FORMATS if spec.reader and spec.scan for s in spec.named]


def inputs_help() -> str:
    """`.txt .docx .doc .html .pdf, and scans: a PDF of page pictures, .png .jpg .tif`."""
    return f"{' '.join(documents())}, and scans: a PDF of page pictures, {' '.join(scans())}"


def listed(suffixes: list[str], last: str = "or") -> str:
    """`.txt, .docx or .pdf`."""
    return (", ".join(suffixes[:-1]) + f" {last} {suffixes[-1]}" if len(suffixes) > 1
            else "".join(suffixes))
