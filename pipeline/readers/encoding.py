"""Bytes to text as browsers and editors decide it, for web pages and flattened texts.

A page (`decode_page`), as the WHATWG encoding rules read it: a byte-order mark first; else the
charset its `<head>` declares (`<meta charset>`, `<meta http-equiv="Content-Type">`, an XML
declaration), wherever in the head it stands; a `utf-16` declaration on a page without a UTF-16
byte-order mark means UTF-8.  A declaration is then checked against the bytes: bytes that do not
decode under it, or decode to mojibake (UTF-8 read as a one-byte code page: `Ð\\x90ÐºÑ`; a
Cyrillic page under the other Cyrillic code page), are decided from the bytes (`guess`) and the
page says so in a warning (`Decoded.note`).

A text (`decode_text`): a byte-order mark; else the code page the user names; else UTF-8 when the
bytes are UTF-8; else the one-byte code page whose reading looks most like text (windows-1251,
KOI8-R or windows-1252, `guess`), with a warning.  Bytes that are UTF-8 but for a few are
damaged UTF-8, not a code page: the caller refuses them (a text) or replaces the few (a page,
as a browser does).

Failure policy: a declaration is never followed into mojibake, and never overruled silently.
"""

from __future__ import annotations

import codecs
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ..data import builtin

BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
ONE_BYTE = ("cp1251", "koi8-r", "cp1252")  # the code pages a text without a declaration is tried in
# labels the WHATWG encoding standard reads as another encoding than their name says
WHATWG_ALIASES = {
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gbk",
}
WIDE = ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be")
SHOWN = {"cp1251": "windows-1251", "cp1252": "windows-1252", "koi8-r": "KOI8-R", "utf-8": "UTF-8"}
SAMPLE = 1 << 16  # bytes of a file its code page is told from (some 30,000 letters)
HEAD_LIMIT = 1 << 16  # bytes of a page searched for the end of its head
# bytes searched for a declaration when the head does not end before them (WHATWG's prescan)
PRESCAN = 1024
UNSEEN_SHARE = 1e-4  # share of a letter the tables do not hold
# log units: a case change or a script change inside a word, a symbol between letters
MOJIBAKE_PENALTY = 6.0
# log units per non-ASCII character by which a reading must beat a declared one (a Russian
# text scores 0.75-0.8 better in its own Cyrillic code page than in the other)
MARGIN = 0.5


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # the Python codec it was read with
    note: str = ""  # the decision, when a declaration was overruled or there was none to follow


def shown(encoding: str) -> str:
    return SHOWN.get(encoding, encoding)


def bom_of(data: bytes) -> tuple[str, int] | None:
    """The encoding a byte-order mark says, and the mark's length."""
    return next(((name, len(mark)) for mark, name in BOMS if data.startswith(mark)), None)


def resolve(label: str) -> str | None:
    """A charset label as a Python codec name, as the encoding standard maps labels (`latin1`
    and `ascii` are windows-1252); None for a label no codec answers to."""
    try:
        name = codecs.lookup(label.strip().strip("'\"").lower()).name
    except (LookupError, ValueError):
        return None
    return WHATWG_ALIASES.get(name, name)


# -- the declaration of a page ---------------------------------------------------------------

_META = re.compile(rb"<meta\b([^>]*)>", re.I)
_ATTRIBUTE = re.compile(rb"""([^\s=/>]+)\s*(?:=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")
_CHARSET_IN_CONTENT = re.compile(rb"""charset\s*=\s*["']?([^\s;"']+)""", re.I)
_XML_DECLARATION = re.compile(rb"""^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']""", re.I)
_HEAD_END = re.compile(rb"</head\b|<body\b", re.I)


def _head(data: bytes) -> bytes:
    """The bytes a declaration may stand in: the head, else the first 1024 bytes."""
    end = _HEAD_END.search(data, 0, HEAD_LIMIT)
    return _without_comments(data[: max(PRESCAN, end.start() if end else 0)])


def _without_comments(data: bytes) -> bytes:
    """The bytes less their `<!-- ... -->` comments (an unclosed one runs to the end), in one
    pass."""
    kept, at = [], 0
    while (start := data.find(b"<!--", at)) >= 0:
        kept.append(data[at:start])
        end = data.find(b"-->", start + 4)
        at = len(data) if end < 0 else end + 3
    kept.append(data[at:])
    return b"".join(kept)


def _meta_charset(attributes: bytes) -> bytes | None:
    found = {
        m.group(1).lower(): (m.group(2) or b"").strip(b"'\"")
        for m in _ATTRIBUTE.finditer(attributes)
    }
    if found.get(b"charset"):
        return found[b"charset"]
    says_content_type = found.get(b"http-equiv", b"").lower() == b"content-type"
    m = _CHARSET_IN_CONTENT.search(found.get(b"content", b"")) if says_content_type else None
    return m.group(1) if m else None


def declared(data: bytes) -> str | None:
    """The charset label a page declares in its head (the first declaration), or None."""
    head = _head(data)
    for meta in _META.finditer(head):
        label = _meta_charset(meta.group(1))
        if label:
            return label.decode("ascii", "replace")
    xml = _XML_DECLARATION.match(head)
    return xml.group(1).decode("ascii", "replace") if xml else None


# -- telling a code page from the bytes --------------------------------------------------------


@lru_cache(maxsize=1)
def _shares() -> dict[str, float]:
    """Each letter's share of running text in its language (`data/letter_shares.csv`)."""
    return {
        r["letter"]: float(r["share"]) / 100
        for r in builtin("letter_shares.csv", ("script", "letter", "share"))
    }


_WORD = re.compile(r"[^\W\d_]+")
_LOWER, _UPPER = (
    "a-z\u00df-\u00f6\u00f8-\u00ff\u0430-\u045f",
    "A-Z\u00c0-\u00d6\u00d8-\u00de\u0400-\u042f",
)
_CASE_TURN = re.compile(f"[{_LOWER}][{_UPPER}]")  # a capital after a small letter: `рТПЗТБ`
_SCRIPT_TURN = re.compile(
    "[A-Za-z][\u0400-\u04ff]|[\u0400-\u04ff][A-Za-z]"
)  # Latin to Cyrillic: `cafй`
_ODD_SIGN = re.compile(
    r"(?<=[^\W\d_])[^\w\s\x00-\x7f](?=[^\W\d_])"
)  # a sign between letters: `Ñ‚Ð`
_UNREADABLE = re.compile("[\ufffd\x80-\x9f]")  # a byte the code page lacks, a C1 control


def score(text: str) -> float:
    """How much a reading looks like text, per non-ASCII character (higher is likelier): the
    letters' shares in their languages, less a penalty for each mark of mojibake."""
    shares = _shares()
    counts = Counter(text)
    outside = sum(n for c, n in counts.items() if not c.isascii())
    if not outside:
        return 0.0
    letters = sum(
        n * math.log(shares.get(c.lower(), UNSEEN_SHARE))
        for c, n in counts.items()
        if not c.isascii() and c.isalpha()
    )
    marks = sum(len(pattern.findall(text)) for pattern in (_CASE_TURN, _SCRIPT_TURN, _ODD_SIGN))
    marks += 2 * len(_UNREADABLE.findall(text))
    return (letters - MOJIBAKE_PENALTY * marks) / outside


def readings(data: bytes, candidates=ONE_BYTE) -> dict[str, float]:
    sample = data[:SAMPLE]
    return {name: score(sample.decode(name, "replace")) for name in candidates}


def is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def mostly_utf8(data: bytes) -> bool:
    """UTF-8 but for a few bytes (damaged, or cut short): more well-formed sequences of several
    bytes than bytes that fit none."""
    text = data[:SAMPLE].decode("utf-8", "replace")
    bad = text.count("\ufffd")
    return 0 < bad < sum(not c.isascii() for c in text) - bad


def guess(data: bytes) -> str:
    """The encoding of bytes that say none: UTF-8 when they are UTF-8 (or damaged UTF-8), else the
    one-byte code page whose reading scores best."""
    if is_utf8(data) or mostly_utf8(data):
        return "utf-8"
    scores = readings(data)
    return max(scores, key=scores.__getitem__)


# -- pages -------------------------------------------------------------------------------------


def _first_error(data: bytes, encoding: str) -> int | None:
    try:
        data.decode(encoding)
    except UnicodeDecodeError as exc:
        return exc.start
    return None


def _against(data: bytes, encoding: str) -> tuple[str, str] | None:
    """Why the bytes overrule a declared encoding, and what they are instead; None if they agree."""
    one_byte = codecs.lookup(encoding).name not in ("utf-8", *WIDE)
    if one_byte and is_utf8(data) and not data.isascii():
        sample = data[:SAMPLE].decode("utf-8")
        word = next((w for w in _WORD.findall(sample) if not w.isascii()), "")
        shown_as = word.encode("utf-8").decode(encoding, "replace")[:12]
        return f"its bytes are UTF-8 (read as {shown(encoding)} they give {shown_as!r})", "utf-8"
    error = _first_error(data, encoding)
    if error is not None and not (encoding == "utf-8" and mostly_utf8(data)):
        return f"its bytes are not {shown(encoding)} (byte {error})", guess(data)
    if one_byte and encoding in ONE_BYTE:
        scores = readings(data)
        best = max(scores, key=scores.__getitem__)
        if scores[best] > scores[encoding] + MARGIN:
            return f"its letters read as {shown(best)}, not as {shown(encoding)}", best
    return None


def decode_page(data: bytes) -> Decoded:
    """A web page's text, as a browser decodes it (see the module's text)."""
    bom = bom_of(data)
    if bom is not None:
        name, size = bom
        return Decoded(data[size:].decode(name, "replace"), name)
    label = declared(data)
    if label is None:
        found = guess(data)
        told = f"the page declares no charset; read as {shown(found)}, told from its bytes"
        return _decoded(data, found, "" if is_utf8(data) else told)
    encoding = resolve(label)
    if encoding in WIDE:
        encoding = "utf-8"  # a page without a UTF-16 byte-order mark is not UTF-16 (WHATWG)
    if encoding is None:
        found = guess(data)
        return _decoded(
            data, found, f"the page declares an unknown charset {label!r}; read as {shown(found)}"
        )
    overruled = _against(data, encoding)
    if overruled is None:
        return _decoded(data, encoding, "")
    why, found = overruled
    return _decoded(
        data, found, f"the page declares charset {label!r}, but {why}: read as {shown(found)}"
    )


def _decoded(data: bytes, encoding: str, note: str) -> Decoded:
    text = data.decode(encoding, "replace")
    replaced = text.count("\ufffd") - data.decode(encoding, "ignore").count("\ufffd")
    if replaced:
        note = "; ".join(
            filter(
                None, [note, f"{replaced} byte sequence(s) not {shown(encoding)}, shown as U+FFFD"]
            )
        )
    return Decoded(text, encoding, note)


# -- texts -------------------------------------------------------------------------------------


def decode_text(data: bytes, named: str | None = None) -> Decoded:
    """A flattened text's text: its byte-order mark, else the code page `named`, else UTF-8, else
    the code page told from the bytes.  Raises `UnicodeDecodeError` for bytes that are not in
    the encoding they are read in (a damaged UTF-8 file among them), `LookupError` for an
    unknown `named`."""
    bom = bom_of(data)
    if bom is not None:
        name, size = bom
        return Decoded(data[size:].decode(name), name)
    if named is not None:
        return Decoded(data.decode(named), codecs.lookup(named).name)
    if is_utf8(data) or mostly_utf8(data):
        return Decoded(data.decode("utf-8"), "utf-8")
    found = guess(data)
    return _decoded(
        data,
        found,
        f"not UTF-8 and no byte-order mark: read as {shown(found)}, told from its "
        "letters (name another with --encoding)",
    )
