"""The flattened web text: one paragraph per non-empty line.

UTF-8 (with or without BOM), UTF-16/32 with a BOM, a code page the user names
(`--encoding cp1251`), else the code page told from the bytes (windows-1251, KOI8-R,
windows-1252: `encoding.decode_text`, with a warning); LF, CRLF or CR line ends.  A form
feed or vertical tab is a line end inside its paragraph (a page break where an editor put
one), not a paragraph end.  A NUL character anywhere is refused: a file that holds one is
binary, or damaged.  A line made only of no-break spaces is kept as a blank paragraph (it
stands for an empty paragraph of the original table); empty lines are only separators.

A text that holds a whole pipe table (`markdown.holds_pipe_table`: a header, its delimiter row and
rows with a `|` each) is markdown saved as text (a page's source, a scraper's output): it is read
as markdown (`markdown.markdown_to_document`), with a warning that says so; one that holds a
`.. list-table::` directive is reStructuredText saved as text, read so (`rst.rst_to_document`);
one that holds neither but an outline of ATX headings (`markdown.holds_outline`: `## Shared
Actions` over `### Action 1: ...`, at two levels or more) is markdown too, its headings and
labelled fields (`* **Responsible**: ...`) read as the page shows them.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import DocumentLoadError
from ..model import Document, Paragraph, Provenance, SourceInfo, Warning_
from . import markdown, rst
from .encoding import Decoded, bom_of, decode_text, shown
from .options import ReadOptions

# what ends a line of a text (str.splitlines' set, less the form feed, vertical tab and line
# separator, which end a line inside a paragraph)
_LINE_END = re.compile(r"\r\n|[\n\r\x1c\x1d\x1e\x85\u2029]")


def decoded(data: bytes, path: Path, encoding: str | None = None) -> Decoded:
    """The text of a file's bytes and how it was decoded (`encoding.decode_text`); bad bytes are
    one `DocumentLoadError`."""
    if encoding is None and bom_of(data) is None and b"\x00" in data[:4096]:
        raise DocumentLoadError(f"{path}: a binary file, not text")
    try:
        result = decode_text(data, encoding)
    except LookupError:
        raise DocumentLoadError(f"{path}: unknown encoding '{encoding}'") from None
    except UnicodeDecodeError as exc:
        hint = "" if encoding else ("; save it as UTF-8, or name its code page with --encoding "
                                    "(e.g. cp1251)")
        said = shown(encoding or (bom_of(data) or ("utf-8", 0))[0])
        raise DocumentLoadError(f"{path}: not {said} text (byte {exc.start}){hint}") from None
    if "\x00" in result.text:
        line = result.text.count("\n", 0, result.text.index("\x00")) + 1
        raise DocumentLoadError(f"{path}: a NUL character at line {line}: a binary or damaged "
                                "file, not text")
    return result


def decode(data: bytes, path: Path, encoding: str | None = None) -> str:
    """The text of a file's bytes (`decoded`), without a byte-order mark."""
    return decoded(data, path, encoding).text.lstrip("\ufeff")


def text_to_paragraphs(text: str, file: str) -> list[Paragraph]:
    paragraphs = []
    for number, line in enumerate(_LINE_END.split(text), start=1):
        if line == "" or line.isspace() and "\u00a0" not in line:
            continue
        paragraphs.append(Paragraph(line, Provenance(file=file, line=number)))
    return paragraphs


def read(path: Path, info: SourceInfo, options: ReadOptions) -> Document:
    result = decoded(path.read_bytes(), path, options.encoding)
    text = result.text.lstrip("\ufeff")
    lines = text.splitlines()
    if markdown.holds_pipe_table(lines):
        doc = markdown.markdown_to_document(text, info)
        doc.warnings.insert(0, Warning_(f"{info.file}: a pipe table (markdown) in a text: "
                                        "read as markdown"))
    elif rst.holds_list_table(text):
        doc = rst.rst_to_document(text, info)
        doc.warnings.insert(0, Warning_(f"{info.file}: a list-table (reStructuredText) in a "
                                        "text: read as reStructuredText"))
    elif markdown.holds_outline(lines):
        doc = markdown.markdown_to_document(text, info)
        doc.warnings.insert(0, Warning_(f"{info.file}: an outline of headings (markdown) in a "
                                        "text: read as markdown"))
    else:
        doc = Document(source=info, paragraphs=text_to_paragraphs(text, info.file))
    if result.note:
        doc.warnings.append(Warning_(f"{info.file}: {result.note}"))
    return doc
