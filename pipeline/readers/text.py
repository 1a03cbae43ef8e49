"""The flattened web text: one paragraph per non-empty line.

UTF-8 (with or without BOM), LF or CRLF line ends.  A line made only of
no-break spaces is kept as a blank paragraph (it stands for an empty paragraph
of the original table); empty lines are only separators.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import DocumentLoadError
from ..model import Document, Paragraph, Provenance, SourceInfo


def decode(data: bytes, path: Path) -> str:
    if b"\x00" in data[:4096]:
        raise DocumentLoadError(f"{path}: a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentLoadError(f"{path}: not UTF-8 text (byte {exc.start}); save it as UTF-8") from None


def text_to_paragraphs(text: str, file: str) -> list[Paragraph]:
    paragraphs = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line == "" or line.isspace() and "\u00a0" not in line:
            continue
        paragraphs.append(Paragraph(line.rstrip("\r\n"), Provenance(file=file, line=number)))
    return paragraphs


def read(path: Path, info: SourceInfo) -> Document:
    text = decode(path.read_bytes(), path)
    return Document(source=info, paragraphs=text_to_paragraphs(text, info.file))
