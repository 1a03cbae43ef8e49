"""Readers: one module per format, each `read(path) -> Document`.

`read()` picks the reader by the file's content first and its suffix second, as the table of
formats (`formats.FORMATS`) says, and brings every reader's text to one normal form
(`textnorm`: NFC, invisible format characters dropped and counted, form feeds as line ends).
"""
from __future__ import annotations

import hashlib
import importlib
import logging
import re
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Callable

from ..enums import Format
from ..errors import DocumentLoadError, PipelineError
from ..model import Document, SourceInfo, Warning_
from .budget import check_tables
from .encoding import bom_of
from .formats import BY_SUFFIX, FORMATS, OLE2, SPECS, documents, scans
from .markdown import has_pipe_table
from .options import MAX_CELL_PARAGRAPHS, MAX_PARAGRAPH_CHARS, MAX_PARAGRAPHS, ReadOptions
from .textnorm import normalize_document

Reader = Callable[[Path, SourceInfo, ReadOptions], Document]


def reader_for(fmt: Format) -> Reader | None:
    """The reader of a format (`formats.FORMATS`): only the module a file needs is imported."""
    spec = SPECS.get(fmt)
    if spec is None or spec.reader is None:
        return None
    module, function = spec.reader
    return getattr(importlib.import_module(f"{__name__}.{module}"), function)


def _head_text(head: bytes) -> bytes:
    """The first bytes as ASCII-compatible bytes: a UTF-16 or UTF-32 head (a page Word saved as
    "Unicode") decoded by its byte-order mark, and lower-cased."""
    bom = bom_of(head)
    if bom is not None and bom[0] != "utf-8":
        name, size = bom
        head = head[size:].decode(name, "ignore").encode("utf-8", "ignore")
    return head.lower()


def _looks_like_html(head: bytes) -> bool:
    lowered = _head_text(head)[:2048]
    return b"<html" in lowered or b"<!doctype html" in lowered or b"<table" in lowered


# what may come before a page's <html>
_PROLOGUE = re.compile(rb"^(?:\s|<\?xml[^>]*>|<!--.*?-->)+", re.S)


def _is_html(head: bytes) -> bool:
    """A page by its first bytes, whatever its name: it opens with `<!DOCTYPE html>` or `<html>`
    (after a byte-order mark, white space, an XML declaration or comments)."""
    opening = _PROLOGUE.sub(b"", _head_text(head).lstrip(b"\xef\xbb\xbf"))
    return opening.startswith((b"<!doctype html", b"<html"))


def sniff(path: Path, head: bytes) -> Format:
    """The format of a file, from its first bytes, else its suffix."""
    suffix = path.suffix.lower()
    for spec in FORMATS:
        if any(head.startswith(magic) for magic, _ in spec.magic):
            return spec.format
    if head.startswith(OLE2):
        if suffix in SPECS[Format.DOC].suffixes:
            return Format.DOC
        raise DocumentLoadError(
            f"{path}: an OLE2 compound file (a legacy .doc, or a password-protected .docx); "
            "remove the password or save it as .docx")
    if _is_html(head):
        return Format.HTML
    if suffix in BY_SUFFIX:
        return BY_SUFFIX[suffix]
    if _looks_like_html(head):
        return Format.HTML
    if suffix in SPECS[Format.DOC].suffixes:
        return Format.DOC
    raise DocumentLoadError(
        f"{path}: unknown format '{suffix or 'no suffix'}' "
        f"(use {', '.join(s for s in documents() if s not in SPECS[Format.DOC].suffixes)}, "
        f"or a page image {'/'.join(scans())})")


# the libraries the readers of a format load for every input (`preload`).  numpy and the BLAS
# library it maps take about 0.08 GB of address space once loaded (measured, with one BLAS
# thread); a PDF loads it only at its first scanned page (0.07 s of CPU a text layer does not pay)
PRELOADED: dict[Format, tuple[str, ...]] = {Format.IMAGE: ("numpy",), Format.DOCX: ("docx",)}


def preload(formats: Iterable[Format | None]) -> None:
    """Load in this process the libraries the readers of inputs of `formats` load for every
    input (`PRELOADED`), so that workers forked from it start with them: loaded once, not once
    in each worker (python-docx: 0.03 s of CPU a worker), and not counted against an input's
    memory limit, which counts what a worker adds to what it started with (`isolate`): a
    library's mapping is not the input's work (a PDF read under `--max-memory 128M` failed on
    numpy's import when the PDF reader loaded it at its start)."""
    for name in sorted({name for f in formats if f is not None for name in PRELOADED.get(f, ())}):
        importlib.import_module(name)


def sniff_unnamed(head: bytes) -> str:
    """The suffix for bytes that come without a name (standard input), from the bytes alone:
    the suffix that `sniff` maps back to the same format; plain text when nothing else fits."""
    for spec in FORMATS:
        for magic, suffix in spec.magic:
            if head.startswith(magic):
                return suffix
    if head.startswith(OLE2):
        return SPECS[Format.DOC].suffixes[0]
    if _looks_like_html(head):
        return SPECS[Format.HTML].suffixes[0]
    if has_pipe_table(head):
        return SPECS[Format.MARKDOWN].suffixes[0]
    return (SPECS[Format.JSON].suffixes[0] if head.lstrip().startswith(b"{")
            else SPECS[Format.TEXT].suffixes[0])


def source_info(path: Path) -> tuple[SourceInfo, bytes]:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DocumentLoadError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise DocumentLoadError(f"{path}: is a directory, not a file") from None
    except OSError as exc:
        raise DocumentLoadError(f"{path}: cannot read ({exc.strerror})") from None
    fmt = sniff(path, data[:4096])
    return SourceInfo(file=path.name, sha256=hashlib.sha256(data).hexdigest(), format=fmt), data


def read(path: str | Path, options: ReadOptions | None = None, **shortcuts) -> Document:
    """Read any supported file into the intermediate `Document`.

    `options`: how to read it (`ReadOptions`: a text file's encoding, the largest Word part, the
    language of scanned pages); its fields may also be given by name (`read(p, ocr_lang="ru")`).
    """
    path = Path(path)
    options = replace(options or ReadOptions(), **shortcuts)
    info, _ = source_info(path)
    reader = reader_for(info.format)
    if reader is None:
        raise DocumentLoadError(f"{path}: no reader for format '{info.format.value}'")
    with library_messages() as said:
        try:
            doc = reader(path, info, options)
        except (PipelineError, MemoryError, KeyboardInterrupt):
            raise
        # what a reader did not foresee of its libraries: still one sentence
        except Exception as exc:
            raise DocumentLoadError(f"{path}: could not be read as "
                                    f"{info.format.value} ({exc.__class__.__name__}: "
                                    f"{one_line(str(exc))[:200]})") from None
    doc.warnings[:0] = [Warning_(text) for text in said]
    _check_size(path, doc, options)
    normalize_document(doc)  # one normal form of text, whatever the reader
    doc.language = options.language
    doc.low_confidence = options.ocr.low_confidence  # a word read low, in `doubtful`
    doc.sure_confidence = options.ocr.sure_confidence  # a word read surely
    doc.twin_confidence = options.ocr.twin_confidence  # a word read too surely to be a twin
    return doc


def _check_size(path: Path, doc: Document, options: ReadOptions) -> None:
    """Refuse a document of more paragraphs than `max_paragraphs` (`MAX_PARAGRAPHS`), or with one
    longer than `max_paragraph_chars` (`MAX_PARAGRAPH_CHARS`): finding its plan and aligning it
    would take minutes; counted once read, in time linear in the file."""
    check_tables(path, len(doc.tables))
    cells = [cell for table in doc.tables for row in table.rows for cell in row.cells
             if not (cell.merged_from_left or cell.merged_from_above)]
    count = len(doc.paragraphs) + sum(len(cell.paragraphs) for cell in cells)
    limit = options.max_paragraphs or MAX_PARAGRAPHS
    if count > limit:
        raise DocumentLoadError(f"{path}: {count} paragraphs, more than a plan of a "
                                f"thousand pages holds (max_paragraphs {limit}); not read")
    fullest = max((len(cell.paragraphs) for cell in cells), default=0)
    if fullest > MAX_CELL_PARAGRAPHS:
        raise DocumentLoadError(f"{path}: a table cell of {fullest} paragraphs, more "
                                "than pages of a plan's cell hold (MAX_CELL_PARAGRAPHS "
                                f"{MAX_CELL_PARAGRAPHS}); not read")
    longest = max((len(p.text) for p in doc.paragraphs), default=0)
    longest = max([longest, *(len(p.text) for cell in cells for p in cell.paragraphs)])
    limit = options.max_paragraph_chars or MAX_PARAGRAPH_CHARS
    if longest > limit:
        raise DocumentLoadError(f"{path}: a paragraph of {longest} characters, more than pages "
                                f"of a plan's cell hold (max_paragraph_chars {limit}); not read")


# loggers whose messages a reader keeps
LIBRARIES = ("pdfminer", "pdfplumber", "PIL", "docx", "pypdfium2")


class _Kept(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.texts: dict[str, int] = {}

    def emit(self, record: logging.LogRecord) -> None:
        text = f"{record.name.split('.')[0]}: {one_line(record.getMessage())}"
        self.texts[text] = self.texts.get(text, 0) + 1


@contextmanager
def library_messages() -> Iterator[list[str]]:
    """What the libraries say while a file is read (their log warnings and Python warnings),
    kept as the document's warnings (shown with -v, in the JSON) instead of on stderr; a
    message said many times is kept once, with its count."""
    kept = _Kept()
    loggers = [logging.getLogger(name) for name in LIBRARIES]
    before = [(lg.propagate, lg.level) for lg in loggers]
    said: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for lg in loggers:
            lg.addHandler(kept)
            lg.propagate = False
            if lg.level == logging.NOTSET or lg.level > logging.WARNING:
                lg.setLevel(logging.WARNING)
        try:
            yield said
        finally:
            for lg, (propagate, level) in zip(loggers, before):
                lg.removeHandler(kept)
                lg.propagate, lg.level = propagate, level
            for w in caught:
                kept.emit(logging.LogRecord(_module_of(w.filename), logging.WARNING, "", 0,
                                            f"{w.category.__name__}: {w.message}", None, None))
            said.extend(text if n == 1 else f"{text} ({n} times)" for text, n in kept.texts.items())


def _module_of(filename: str) -> str:
    """The package a warning came from: `.../site-packages/pdfplumber/page.py` -> pdfplumber."""
    parts = Path(filename).parts
    for marker in ("site-packages", "dist-packages"):
        if marker in parts and parts.index(marker) + 1 < len(parts):
            return Path(parts[parts.index(marker) + 1]).stem
    return Path(filename).stem


def one_line(text: str) -> str:
    """A message as one line: line breaks and other control characters written as escapes."""
    return "".join(ch if ch.isprintable() or ch == " " else repr(ch)[1:-1] for ch in text)
