"""Readers: one module per format, each `read(path) -> Document`.

`read()` picks the reader by the file's content first and its suffix second.
"""
from __future__ import annotations

import hashlib
import importlib
from pathlib import Path
from typing import Callable

from ..errors import DocumentLoadError
from ..model import Document, Format, SourceInfo

Reader = Callable[[Path, SourceInfo], Document]


# format -> (module of this package, its function): only the module a file needs is imported
_READERS = {Format.TEXT: ("text", "read"), Format.DOCX: ("docx", "read"), Format.DOC: ("docx", "read_legacy"),
            Format.HTML: ("html", "read"), Format.PDF: ("pdf", "read"), Format.IMAGE: ("image", "read")}


def reader_for(fmt: Format) -> Reader | None:
    if fmt not in _READERS:
        return None
    module, function = _READERS[fmt]
    return getattr(importlib.import_module(f"{__name__}.{module}"), function)


_SUFFIXES = {
    ".txt": Format.TEXT, ".text": Format.TEXT,
    ".docx": Format.DOCX,
    ".html": Format.HTML, ".htm": Format.HTML, ".xhtml": Format.HTML,
    ".pdf": Format.PDF,
    ".png": Format.IMAGE, ".jpg": Format.IMAGE, ".jpeg": Format.IMAGE, ".tif": Format.IMAGE, ".tiff": Format.IMAGE,
    ".json": Format.JSON,
}
_IMAGES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")  # PNG, JPEG, TIFF


_OLE2 = b"\xd0\xcf\x11\xe0"


def _looks_like_html(head: bytes) -> bool:
    lowered = head[:2048].lower()
    return b"<html" in lowered or b"<!doctype html" in lowered or b"<table" in lowered


def sniff(path: Path, head: bytes) -> Format:
    """The format of a file, from its first bytes, else its suffix."""
    suffix = path.suffix.lower()
    if head.startswith(b"%PDF"):
        return Format.PDF
    if head.startswith(b"PK\x03\x04"):
        return Format.DOCX
    if head.startswith(_IMAGES):
        return Format.IMAGE
    if head.startswith(_OLE2):
        if suffix == ".doc":
            return Format.DOC
        raise DocumentLoadError(
            f"{path}: an OLE2 compound file (a legacy .doc, or a password-protected .docx); "
            "remove the password or save it as .docx")
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    if _looks_like_html(head):
        return Format.HTML
    if suffix == ".doc":
        return Format.DOC
    raise DocumentLoadError(f"{path}: unknown format '{suffix or 'no suffix'}' "
                            "(use .txt, .docx, .html, .pdf, or a page image .png/.jpg/.tif)")


def sniff_unnamed(head: bytes) -> str:
    """The suffix for bytes that come without a name (standard input), from the bytes alone:
    the suffix that `sniff` maps back to the same format; plain text when nothing else fits."""
    for magic, suffix in ((b"%PDF", ".pdf"), (b"PK\x03\x04", ".docx"), (_OLE2, ".doc"), (_IMAGES[0], ".png"),
                          (_IMAGES[1], ".jpg"), (_IMAGES[2], ".tif"), (_IMAGES[3], ".tif")):
        if head.startswith(magic):
            return suffix
    if _looks_like_html(head):
        return ".html"
    return ".json" if head.lstrip().startswith(b"{") else ".txt"


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


def read(path: str | Path, encoding: str | None = None, max_part_bytes: int | None = None,
         ocr_lang: str | None = None) -> Document:
    """Read any supported file into the intermediate `Document`.

    `encoding`: of a text file; `max_part_bytes`: a Word part that inflates past it is refused;
    `ocr_lang`: the language of scanned pages (`en`, `ru`; by default the most confident).
    """
    path = Path(path)
    info, _ = source_info(path)
    info.encoding, info.max_part_bytes, info.ocr_lang = encoding, max_part_bytes, ocr_lang
    reader = reader_for(info.format)
    if reader is None:
        raise DocumentLoadError(f"{path}: no reader for format '{info.format.value}'")
    return reader(path, info)
