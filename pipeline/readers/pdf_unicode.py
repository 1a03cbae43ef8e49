"""A font's ToUnicode map that sends codes to U+0000, filled from what the font itself says
(issue 42, part 3), before either engine opens the file.

A ToUnicode map is the font's word on what its codes are; a producer that lost some writes
U+0000 for them, and the text comes out with holes (`Obj\\x00ctives`).  Where the font names
its glyphs (`/Encoding << /Differences [...] >>`: `e`, `uni0436`, `afii10070`), the name says
what the map lost (the Adobe glyph list, as pdfminer reads it), and the map is filled with it:
the file is read from a copy to which the filled maps are appended as an incremental update
(nothing of it changed), with a warning.  Where the font says no more (a subset TrueType font
with neither names nor encoding), nothing is guessed: the letters stay U+0000, which the reader
counts in a warning and the reader boundary shows as U+FFFD (`textnorm`); the fields holding
them are flagged (`letters_lost`).
"""
from __future__ import annotations

import re
import zlib

_ZERO = re.compile(rb"<([0-9A-Fa-f]{2,4})>\s*<0000>")
# where a font's glyph names may be written (its encoding's `/Differences`): the key in the
# file's bytes, an object stream (objects packed and compressed), or a name spelt with escapes
# (`/Differ#65nces`); a file with none of these has no names to fill a map from, and is not
# parsed to find out
_MAY_NAME_GLYPHS = re.compile(rb"/Differences|/ObjStm|/[A-Za-z0-9]*#[0-9A-Fa-f]{2}")


def filled(data: bytes) -> tuple[bytes, int] | None:
    """(the file with its ToUnicode maps filled where the fonts' glyph names say more, how many
    codes were filled), or None when no map sends a code to U+0000 that a name can fill."""
    if b"/ToUnicode" not in data or not _MAY_NAME_GLYPHS.search(data):
        return None
    fixes = _fixes(data)
    if not fixes:
        return None
    return _appended(data, fixes), sum(n for _, n in fixes.values())


def _fixes(data: bytes) -> dict[int, tuple[bytes, int]]:
    """ToUnicode object number -> (its filled map, codes filled), for every font whose map sends
    codes to U+0000 and whose glyph names say what they are."""
    import io

    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import PDFObjRef

    doc = PDFDocument(PDFParser(io.BytesIO(data)))
    fixes: dict[int, tuple[bytes, int]] = {}
    for xref in doc.xrefs:
        for objid in xref.get_objids():
            try:
                font = doc.getobj(objid)
            except Exception:  # an object that does not parse: not a font we can fill
                continue
            if not isinstance(font, dict) or not isinstance(font.get("ToUnicode"), PDFObjRef):
                continue
            ref = font["ToUnicode"]
            if ref.objid in fixes:
                continue
            names = _glyph_names(_resolved(font.get("Encoding")))
            stream = _resolved(ref)
            fix = _filled_map(stream, names) if names and hasattr(stream, "rawdata") else None
            if fix is not None:
                fixes[ref.objid] = fix
    return fixes


def _resolved(obj, hops: int = 32):
    """`obj` with its references followed, at most `hops` of them (a cycle of references is no
    object: None)."""
    from pdfminer.pdftypes import PDFObjRef

    for _ in range(hops):
        if not isinstance(obj, PDFObjRef):
            return obj
        try:
            obj = obj.resolve()
        except Exception:
            return None
    return None


def _glyph_names(encoding) -> dict[int, str]:
    """Code -> glyph name of a font's `/Encoding` dictionary (its `/Differences`)."""
    from pdfminer.psparser import PSLiteral

    if not isinstance(encoding, dict):
        return {}
    names: dict[int, str] = {}
    code = 0
    differences = _resolved(encoding.get("Differences"))
    for item in differences if isinstance(differences, list) else []:
        if isinstance(item, int):
            code = item
        elif isinstance(item, PSLiteral):
            names[code] = str(item.name)
            code += 1
    return names


def _filled_map(stream, names: dict[int, str]) -> tuple[bytes, int] | None:
    """The map's text with each code sent to U+0000 sent where its glyph name says instead."""
    from pdfminer.encodingdb import name2unicode

    text = _map_text(stream)
    if text is None:
        return None
    count = 0

    def fill(m: re.Match) -> bytes:
        nonlocal count
        name = names.get(int(m.group(1), 16))
        try:
            char = name2unicode(name) if name else ""
        except Exception:  # a name the glyph list does not know
            char = ""
        if len(char) != 1 or char == "\x00":
            return m.group(0)
        count += 1
        return b"<%s> <%04X>" % (m.group(1), ord(char))

    text = _ZERO.sub(fill, text)
    return (text, count) if count else None


MAX_MAP = 1024 ** 2  # bytes of a ToUnicode map inflated: a font of 65,536 codes writes about 1.5 MB


def _map_text(stream) -> bytes | None:
    """A ToUnicode map's text, inflated no further than `MAX_MAP` (a Flate bomb in a font is not
    this module's to inflate; the engines' budgets see it), or None."""
    from pdfminer.psparser import PSLiteral

    kind = stream.get("Filter")
    kind = kind[0] if isinstance(kind, list) and len(kind) == 1 else kind
    raw = stream.rawdata if stream.rawdata is not None else b""
    if kind is None:
        return raw[:MAX_MAP]
    if not (isinstance(kind, PSLiteral) and kind.name == "FlateDecode"):
        return None
    inflater = zlib.decompressobj()
    try:
        text = inflater.decompress(raw, MAX_MAP)
    except zlib.error:
        return None
    return text if not inflater.unconsumed_tail else None


def _appended(data: bytes, fixes: dict[int, tuple[bytes, int]]) -> bytes:
    """`data` with each filled map as a new version of its object, in an incremental update."""
    start = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    root = re.findall(rb"/Root\s+(\d+\s+\d+\s+R)", data)[-1]
    size = int(re.findall(rb"/Size\s+(\d+)", data)[-1])
    out = bytearray(data if data.endswith(b"\n") else data + b"\n")
    offsets = {}
    for objid, (text, _) in sorted(fixes.items()):
        body = zlib.compress(text)
        offsets[objid] = len(out)
        out += (b"%d 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n" % (objid, len(body))
                + body)
        out += b"\nendstream\nendobj\n"
    xref = len(out)
    out += b"xref\n"
    for objid, at in sorted(offsets.items()):
        out += b"%d 1\n%010d 00000 n \n" % (objid, at)
    out += b"trailer\n<< /Size %d /Root %s /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (
        max(size, max(offsets) + 1), root, start, xref)
    return bytes(out)
