"""A PDF's cross-reference table rebuilt as viewers rebuild it (issue 42, part 3), before either
engine opens the file.

A file whose table is lost (cut off with its trailer), whose `startxref` points nowhere, or whose
chain of tables (`/Prev`) loops back on itself opens in every viewer: they scan the file for its
objects (`N G obj`), the last of each number winning, as incremental updates append them, and
take the catalog the last trailer names (else the object whose `/Type` is `/Catalog`).  pdfminer
refuses such a file (PSEOF, a recursion without end), so this module does the same scan, and
the file is read from a copy with a sound table appended (nothing of it changed), with a warning.
A file whose chain is sound is read as it is, untouched; objects stored only inside object
streams (a PDF 1.5 file without its cross-reference stream) cannot be found by a scan, and such
a file stays unreadable.

`read` is the PDF reader of `formats.FORMATS`: `pdf.read` on the file or its repaired copy.
"""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from ..errors import DocumentLoadError
from ..model import Document, SourceInfo, Warning_
from .options import ReadOptions

_STARTXREF = re.compile(rb"startxref\s+(\d+)")
_OBJECT = re.compile(rb"(?<![0-9])(\d{1,10})\s+(\d{1,5})\s+obj\b")
_PREV = re.compile(rb"/Prev\s+(\d+)")
_TRAILER_KEYS = (b"Root", b"Info", b"ID")


def read(path: Path, info: SourceInfo, options: ReadOptions) -> Document:
    """The PDF reader on the file, or on a copy whose cross-reference table is rebuilt and whose
    ToUnicode maps are filled where the fonts' glyph names say more (`pdf_unicode`)."""
    from . import pdf

    data, notes = repaired(path, path.read_bytes())
    if not notes:
        doc = pdf.read(path, info, options)
    else:
        doc = _read_copy(path, data, info, options)
    doc.warnings[:0] = [Warning_(note) for note in notes] + _holes(doc)
    return doc


def repaired(path: Path, data: bytes) -> tuple[bytes, list[str]]:
    """The file's bytes as viewers would read them, and what was done to them (none: as it is)."""
    from .pdf_unicode import filled

    notes = []
    why = damage(data)
    if why is not None:
        fixed = rebuilt(data)
        if fixed is None:
            raise DocumentLoadError(f"{path}: not a readable PDF: truncated or corrupt ({why}, and no objects "
                                    "and catalog to rebuild it from)")
        data = fixed
        notes.append(f"the PDF's cross-reference table is damaged ({why}); rebuilt from its objects, as "
                     "viewers do")
    try:
        fill = filled(data)
    except Exception:  # a structure pdfminer cannot walk: the engines will say so, in their words
        fill = None
    if fill is not None:
        data, count = fill
        notes.append(f"{count} code(s) a font's ToUnicode map sends to U+0000 read as its glyph names say")
    return data, notes


def _read_copy(path: Path, data: bytes, info: SourceInfo, options: ReadOptions) -> Document:
    from . import pdf

    handle, name = tempfile.mkstemp(suffix=".pdf")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        try:
            return pdf.read(Path(name), info, options)
        except DocumentLoadError as exc:  # its message names the file the user gave
            raise DocumentLoadError(str(exc).replace(name, str(path))) from None
    finally:
        os.unlink(name)


def _holes(doc: Document) -> list[Warning_]:
    """A warning for the letters still U+0000 (a ToUnicode map that lost them, in a font that
    names no glyphs): nothing says what they are, so nothing is guessed."""
    texts = [p.text for p in doc.paragraphs] + [p.text for t in doc.tables for r in t.rows for c in r.cells
                                                 if not (c.merged_from_left or c.merged_from_above)
                                                 for p in c.paragraphs]
    holes = sum(text.count("\x00") for text in texts)
    if not holes:
        return []
    return [Warning_(f"{holes} letter(s) without Unicode (U+0000: a font's ToUnicode map lost them, and the font "
                     "names no glyphs to say what they are)")]


def damage(data: bytes) -> str | None:
    """What is wrong with the file's chain of cross-reference tables, or None if it is sound:
    the last `startxref` leads to a table or a cross-reference stream, and each `/Prev` to
    another, never one met before."""
    found = list(_STARTXREF.finditer(data[-4096:]))
    if not found:
        return "no startxref at its end (the table and trailer lost)"
    offset: int | None = int(found[-1].group(1))
    seen: set[int] = set()
    while offset is not None:
        if offset in seen:
            return f"its /Prev leads back to the table at byte {offset}"
        seen.add(offset)
        section = _section(data, offset)
        if section is None:
            return f"no cross-reference table at byte {offset}, where startxref points"
        prev = _PREV.search(section)
        offset = int(prev.group(1)) if prev else None
    return None


def _section(data: bytes, offset: int) -> bytes | None:
    """The dictionary part of the table at `offset` (its trailer, or its stream's dictionary), or
    None if no table stands there."""
    if not 0 <= offset < len(data):
        return None
    head = data[offset:offset + 32].lstrip()
    if head.startswith(b"xref"):
        at = data.find(b"trailer", offset)
        end = data.find(b"startxref", at) if at >= 0 else -1
        return data[at:end] if at >= 0 and end >= 0 else None
    if re.match(rb"\d+\s+\d+\s+obj\b", head):
        end = data.find(b"stream", offset)
        section = data[offset:end] if end >= 0 else b""
        return section if b"/XRef" in section else None
    return None


def rebuilt(data: bytes) -> bytes | None:
    """The file with a new cross-reference table and trailer appended: every object found by
    scanning (the last of each number), the catalog the last trailer names or the object typed
    `/Catalog`; None if there are no objects or no catalog."""
    offsets: dict[int, tuple[int, int]] = {}
    for m in _OBJECT.finditer(data):
        if m.start() == 0 or data[m.start() - 1:m.start()] in b"\r\n \t%>":
            offsets[int(m.group(1))] = (m.start(), int(m.group(2)))
    if not offsets:
        return None
    keys = _trailer_keys(data)
    if b"Root" not in keys:
        catalog = _catalog(data, offsets)
        if catalog is None:
            return None
        keys[b"Root"] = b"%d 0 R" % catalog
    size = max(offsets) + 1
    body = data if data.endswith(b"\n") else data + b"\n"
    table = [b"xref\n0 %d\n0000000000 65535 f \n" % size]
    for number in range(1, size):
        at, generation = offsets.get(number, (0, 65535))
        kind = b"n" if number in offsets else b"f"
        table.append(b"%010d %05d %s \n" % (at, generation, kind))
    entries = b"".join(b"/%s %s " % (k, v) for k, v in keys.items())
    trailer = b"trailer\n<< /Size %d %s>>\nstartxref\n%d\n%%%%EOF\n" % (size, entries, len(body))
    return body + b"".join(table) + trailer


def _trailer_keys(data: bytes) -> dict[bytes, bytes]:
    """/Root, /Info and /ID as the last trailer that names them gives them (not /Prev, /Size)."""
    keys: dict[bytes, bytes] = {}
    for m in re.finditer(rb"trailer\s*<<(.{0,4096}?)>>\s*startxref", data, re.S):
        for key in _TRAILER_KEYS:
            value = re.search(rb"/" + key + rb"\s*(\d+\s+\d+\s+R|\[[^\]]*\])", m.group(1))
            if value:
                keys[key] = value.group(1)
    return keys


def _catalog(data: bytes, offsets: dict[int, tuple[int, int]]) -> int | None:
    """The number of the last object whose dictionary says `/Type /Catalog`."""
    found = None
    for number, (at, _) in sorted(offsets.items(), key=lambda item: item[1][0]):
        head = data[at:at + 4096]  # a catalog's dictionary is short; an object without endobj ends here
        end = head.find(b"endobj")
        if re.search(rb"/Type\s*/Catalog\b", head[:end] if end >= 0 else head):
            found = number
    return found
