"""A PDF's cross-reference table rebuilt as viewers rebuild it (issue 42, part 3), before either
engine opens the file.

A file whose table is lost (cut off with its trailer), whose `startxref` points nowhere, or whose
chain of tables (`/Prev`) loops back on itself opens in every viewer: they scan the file for its
objects (`N G obj`), the last of each number winning, as incremental updates append them, and
take the catalog the last trailer names (else the object whose `/Type` is `/Catalog`).  pdfminer
refuses such a file (PSEOF, a recursion without end), so this module does the same scan, and
the file is read from a copy with a sound table appended (nothing of it changed), with a warning.
A file whose chain is sound is read as it is, untouched.  Objects stored inside object streams
(`/Type /ObjStm`: PDF 1.5 writers pack every object but the streams so, and list them in a
cross-reference stream) are found as viewers find them: the scan finds the object streams, each
is inflated, and the objects its header lists (number, offset) are taken too, each appended to
the copy as a plain object of its own, so that the new table is a classic one (the form both
engines and every other reader read most surely; the objects' text is small beside the
streams, which stay where they are).

`read` is the PDF reader of `formats.FORMATS`: `pdf.read` on the file or its repaired copy.
"""
from __future__ import annotations

import os
import re
import tempfile
from dataclasses import replace
from pathlib import Path

from ..errors import DocumentLoadError
from ..model import Document, Paragraph, SourceInfo, Warning_
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
    doc.warnings[:0] = [Warning_(note) for note in notes] + _holes(doc) + _requoted(doc)
    return doc


# a font's ToUnicode range run on past the double quotes: `<B3> <B6> <201C>` gives the glyphs
# quotedblleft, quotedblright, quoteleft, quoteright the codes of “ ” „ ‟ (a producer's shortcut
# that counts on the Unicode order); ‟ (U+201F) closes no quote and is no apostrophe in any
# language's print, so a text that holds it was written so
RUN_ON_QUOTES = str.maketrans({"\u201e": "\u2018", "\u201f": "\u2019"})


def _requoted(doc: Document) -> list[Warning_]:
    """Where the text holds ‟ (U+201F), a font's map that ran on past the double quotes: each „
    and ‟ read as the ‘ and ’ its glyphs are, with a warning; else nothing."""
    cells = [c for t in doc.tables for r in t.rows for c in r.cells]
    holders = [doc.paragraphs] + [c.paragraphs for c in cells]
    if not any("\u201f" in p.text for paras in holders for p in paras):
        return []
    # id of a paragraph -> (it, read anew): it is kept, so that no other paragraph made while
    # these are replaced takes its id (a merged cell's placeholders repeat a paragraph: done once)
    done: dict[int, tuple[Paragraph, Paragraph]] = {}
    for paras in holders:
        for k, p in enumerate(paras):
            if id(p) not in done:
                done[id(p)] = (p, replace(p, text=p.text.translate(RUN_ON_QUOTES)))
            paras[k] = done[id(p)][1]
    return [Warning_("the text holds \u201f, which no language prints: a font's ToUnicode map "
                     "ran on past the double quotes; \u201e and \u201f read as \u2018 and "
                     "\u2019")]


def repaired(path: Path, data: bytes) -> tuple[bytes, list[str]]:
    """The file's bytes as viewers would read them, and what was done to them (none: as it is)."""
    from .pdf_unicode import filled

    notes = []
    why = damage(data)
    if why is not None:
        fixed = rebuilt(data)
        if fixed is None:
            raise DocumentLoadError(f"{path}: not a readable PDF: truncated or corrupt "
                                    f"({why}, and no objects and catalog to rebuild it from)")
        data = fixed
        notes.append("the PDF's cross-reference table is damaged "
                     f"({why}); rebuilt from its objects, as viewers do")
    try:
        fill = filled(data)
    except Exception:  # a structure pdfminer cannot walk: the engines will say so, in their words
        fill = None
    if fill is not None:
        data, count = fill
        notes.append(f"{count} code(s) a font's ToUnicode map "
                     "sends to U+0000 read as its glyph names say")
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
    texts = [p.text for p in doc.paragraphs] + [p.text for t in doc.tables for r in t.rows
                                                 for c in r.cells
                                                 if not (c.merged_from_left or c.merged_from_above)
                                                 for p in c.paragraphs]
    holes = sum(text.count("\x00") for text in texts)
    if not holes:
        return []
    return [Warning_(f"{holes} letter(s) without Unicode (U+0000: a font's ToUnicode map "
                     "lost them, and the font names no glyphs to say what they are)")]


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
    scanning (the last of each number), each object inside the object streams found so
    (`_packed`) appended as a plain object of its own, the catalog the last trailer names or the
    object typed `/Catalog`; None if there are no objects or no catalog."""
    offsets = _plain(data)
    if not offsets:
        return None
    packed = _packed(data, offsets)
    keys = _trailer_keys(data, offsets)
    if b"Root" not in keys:
        catalog = _catalog(data, offsets, packed)
        if catalog is None:
            return None
        keys[b"Root"] = b"%d 0 R" % catalog
    body = bytearray(data if data.endswith(b"\n") else data + b"\n")
    for number, (_, text) in sorted(packed.items()):
        offsets[number] = (len(body), 0)
        body += b"%d 0 obj\n%s\nendobj\n" % (number, text)
    entries = b"".join(b"/%s %s " % (k, v) for k, v in keys.items())
    trailer = b"trailer\n<< /Size %d %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        max(offsets) + 1, entries, len(body))
    return bytes(body) + _table(offsets) + trailer


def _table(offsets: dict[int, tuple[int, int]]) -> bytes:
    """A classic cross-reference table of the objects at `offsets`: one subsection per run of
    consecutive numbers, so that a stray large number costs one line, not a line per number
    below it."""
    lines = [b"xref\n0 1\n0000000000 65535 f \n"]
    numbers = sorted(n for n in offsets if n > 0)
    runs = [k for k, n in enumerate(numbers) if k == 0 or n != numbers[k - 1] + 1] + [len(numbers)]
    for start, end in zip(runs, runs[1:]):
        lines.append(b"%d %d\n" % (numbers[start], end - start))
        lines.extend(b"%010d %05d n \n" % offsets[n] for n in numbers[start:end])
    return b"".join(lines)


def _plain(data: bytes) -> dict[int, tuple[int, int]]:
    """Object number -> (offset, generation) of the last `N G obj` of each number in the file."""
    offsets: dict[int, tuple[int, int]] = {}
    for m in _OBJECT.finditer(data):
        if m.start() == 0 or data[m.start() - 1:m.start()] in b"\r\n \t%>":
            offsets[int(m.group(1))] = (m.start(), int(m.group(2)))
    return offsets


# bytes of a file's object streams inflated, all of them together: a thousand-page plan's objects
# other than its pages' contents and fonts (which are streams, never packed) come to a few MB
MAX_PACKED = 64 * 1024 ** 2


def _packed(data: bytes, offsets: dict[int, tuple[int, int]]) -> dict[int, tuple[int, bytes]]:
    """Object number -> (offset of its object stream, its text) of each object inside the object
    streams (`/Type /ObjStm`) among `offsets`, where it is the last copy of its number: a plain
    `N G obj` after its stream replaces it, one before it is replaced, as an update appended to
    the file replaces what it holds.  Streams this module cannot inflate (a filter other than
    Flate, encrypted ones, past `MAX_PACKED`) are left out."""
    found: dict[int, tuple[int, bytes]] = {}
    budget = MAX_PACKED
    for at, _ in sorted(offsets.values()):
        head = data[at:at + 4096]
        if b"/ObjStm" not in head.split(b"stream", 1)[0]:
            continue
        if budget <= 0:  # (zlib takes a limit of 0 for none)
            break
        content, spent = _inflated(data, at, budget)
        budget -= spent
        if content is None:
            continue
        for number, text in _stream_objects(head.split(b"stream", 1)[0], content):
            if offsets.get(number, (-1, 0))[0] < at:
                found[number] = (at, text)
    return found


_STREAM_START = re.compile(rb"\bstream\r?\n")


def _inflated(data: bytes, at: int, budget: int) -> tuple[bytes | None, int]:
    """(the content of the object stream whose object starts at `at`, Flate-inflated (or as it
    is, unfiltered, if its `/Length` is given), or None if it cannot be read within `budget`
    bytes; the bytes of the budget it spent, read or not)."""
    import zlib

    start = _STREAM_START.search(data, at, at + 4096)
    if start is None:
        return None, 0
    head = data[at:start.start()]
    flate = re.search(rb"/Filter\s*(\[\s*)?/FlateDecode\s*\]?", head)
    if flate is None:
        length = re.search(rb"/Length\s+(\d+)(?!\s+\d+\s+R)", head)
        if b"/Filter" in head or length is None or int(length.group(1)) > budget:
            return None, 0
        content = data[start.end():start.end() + int(length.group(1))]
        return content, len(content)
    if b"/DecodeParms" in head:  # a predictor: not how object streams are written
        return None, 0
    inflater = zlib.decompressobj()
    try:
        content = inflater.decompress(memoryview(data)[start.end():], budget)
    except zlib.error:
        return None, 0
    return (content if inflater.eof else None), len(content)


def _stream_objects(head: bytes, content: bytes) -> list[tuple[int, bytes]]:
    """(number, text) of each object an object stream holds: its header's `/N` pairs of number
    and offset (from `/First`), each object running to the next one's offset."""
    count = re.search(rb"/N\s+(\d+)", head)
    first = re.search(rb"/First\s+(\d+)", head)
    if count is None or first is None:
        return []
    numbers = content[:int(first.group(1))].split()
    if len(numbers) < 2 * int(count.group(1)) or not all(n.isdigit() for n in numbers):
        return []
    pairs = sorted((int(numbers[k + 1]), int(numbers[k]))
                   for k in range(0, 2 * int(count.group(1)), 2))
    body = content[int(first.group(1)):]
    ends = [offset for offset, _ in pairs[1:]] + [len(body)]
    return [(number, body[offset:end].strip()) for (offset, number), end in zip(pairs, ends)
            if body[offset:end].strip()]


def _trailer_keys(data: bytes, offsets: dict[int, tuple[int, int]]) -> dict[bytes, bytes]:
    """/Root, /Info and /ID as the last trailer or cross-reference stream that names them gives
    them (not /Prev, /Size)."""
    found = [(m.start(), m.group(1)) for m in
             re.finditer(rb"trailer\s*<<(.{0,4096}?)>>\s*startxref", data, re.S)]
    for at, _ in offsets.values():
        start = _STREAM_START.search(data, at, at + 4096)
        head = data[at:start.start()] if start else b""
        if re.search(rb"/Type\s*/XRef\b", head):
            found.append((at, head))
    keys: dict[bytes, bytes] = {}
    for _, section in sorted(found):
        for key in _TRAILER_KEYS:
            value = re.search(rb"/" + key + rb"\s*(\d+\s+\d+\s+R|\[[^\]]*\])", section)
            if value:
                keys[key] = value.group(1)
    return keys


def _catalog(data: bytes, offsets: dict[int, tuple[int, int]],
             packed: dict[int, tuple[int, bytes]]) -> int | None:
    """The number of the last object whose dictionary says `/Type /Catalog`, plain or packed."""
    heads = []
    for number, (at, _) in offsets.items():
        if number not in packed:
            head = data[at:at + 4096]  # a catalog's dictionary is short; so is an object's head
            end = head.find(b"endobj")
            heads.append((at, number, head[:end] if end >= 0 else head))
    heads.extend((at, number, text) for number, (at, text) in packed.items())
    found = None
    for _, number, head in sorted(heads):
        if re.search(rb"/Type\s*/Catalog\b", head):
            found = number
    return found
