"""The flattened web text: one paragraph per non-empty line.

UTF-8 (with or without BOM), UTF-16/32 with a BOM, or a code page the user names
(`--encoding cp1251`); LF or CRLF line ends.  A NUL character anywhere is refused:
a file that holds one is binary, or damaged.  A line made only of
no-break spaces is kept as a blank paragraph (it stands for an empty paragraph
of the original table); empty lines are only separators.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import DocumentLoadError
from ..model import Document, Paragraph, Provenance, SourceInfo
from .options import ReadOptions

_BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def decode(data: bytes, path: Path, encoding: str | None = None) -> str:
    bom = next((name for mark, name in _BOMS if data.startswith(mark)), None)
    if encoding is None and bom is None and b"\x00" in data[:4096]:
        raise DocumentLoadError(f"{path}: a binary file, not text")
    try:
        text = data.decode(encoding or bom or "utf-8-sig")
    except LookupError:
        raise DocumentLoadError(f"{path}: unknown encoding '{encoding}'") from None
    except UnicodeDecodeError as exc:
        hint = "" if encoding else "; save it as UTF-8, or name its code page with --encoding (e.g. cp1251)"
        raise DocumentLoadError(f"{path}: not {encoding or bom or 'UTF-8'} text (byte {exc.start}){hint}") from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise DocumentLoadError(f"{path}: a NUL character at line {line}: a binary or damaged file, not text")
    return text.lstrip("\ufeff")


def text_to_paragraphs(text: str, file: str) -> list[Paragraph]:
    paragraphs = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line == "" or line.isspace() and "\u00a0" not in line:
            continue
        paragraphs.append(Paragraph(line.rstrip("\r\n"), Provenance(file=file, line=number)))
    return paragraphs


def read(path: Path, info: SourceInfo, options: ReadOptions) -> Document:
    text = decode(path.read_bytes(), path, options.encoding)
    return Document(source=info, paragraphs=text_to_paragraphs(text, info.file))
