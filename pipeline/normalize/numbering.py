"""The label at the start of a paragraph: what kind of number it is, its value and its depth.

A plan numbers its levels in its own ways, and a level is told by the *kind* of label as
much as by its value: `I.` (Roman), `Section 2.`/`Раздел 2.`/`Chapter One –`/`Глава первая`
(a keyword, from `data/heading_words.csv`, and a number, in figures or as a word of
`data/number_words.csv`), `1.`/`1.1.`/`1.1.3.` (dotted), `1)`/`1.1)` (bracketed), a number alone
in its paragraph (a `№` cell: `1`, `1.1`, `7.`), and the items inside a cell: `a)`/`б)` (letters)
and `-`/`•` (bullets).  `label_of` reads one paragraph; what each kind stands for in a
document (objective, problem, measure, an item of a measure) is decided above, from the document
as a whole.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..data import builtin, ends_open
from ..model import Paragraph, split_paragraphs
from .confusions import misreadings
from .text import clean, roman_to_int, split_numbering

# kinds of label that number a level (the others are items inside a cell)
LEVEL_STYLES = ("keyword", "roman", "dot", "paren", "bare")
FIRST_ITEMS = frozenset({"1", "a", "а"})  # the first of a numbered list (Latin and Cyrillic a)
ITEM_STYLES = ("letter", "bullet")

_BARE = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,4}){0,5})\s*[.)]?\s*$")
_ROMAN_BARE = re.compile(r"^\s*([IVX]{1,6})\s*[.)]?\s*$")
_LETTER = re.compile(r"^\s*\(?([a-zа-яё])\)\s+", re.IGNORECASE)
_BULLET = re.compile(r"^\s*[-\u2013\u2014\u2022\u00b7*\u25aa\u25cf\u25cb\u2023\u2043]\s+")

# an item's label inside a text (`а) через советы б) в школах`, `(b)`)
_ITEM_IN_TEXT = re.compile(r"(?<!\S)\(?([^\W_]|\d{1,2})\)(?=\s)")

LABEL_MEMO = 4096  # texts whose label `label_of` remembers


@dataclass(frozen=True)
class Label:
    style: str  # keyword | roman | dot | paren | bare | letter | bullet
    number: str  # "1.1.3"; a Roman or keyword label as its arabic value; "" for a bullet
    text: str  # the rest of the paragraph, cleaned ("" for a bare number)
    has_trailing_dot: bool = True

    @property
    def depth(self) -> int:
        return self.number.count(".") + 1 if self.number and self.style in LEVEL_STYLES else 0

    @property
    def pattern(self) -> tuple[str, int]:
        """What the level map keys on: the kind of label and its depth."""
        return self.style, self.depth

    @property
    def is_item(self) -> bool:
        return self.style in ITEM_STYLES


@lru_cache(maxsize=1)
def _number_words() -> dict[str, str]:
    """A number written as a word, in lower case -> its value (`data/number_words.csv`, every
    language: `one`, `first`, `первая`, `якум`): the number of a keyword label (`Chapter One`)."""
    return {r["word"].lower(): r["value"]
            for r in builtin("number_words.csv", ("lang", "word", "value"))}


@lru_cache(maxsize=1)
def _label_word() -> re.Pattern:
    """What every keyword label opens with: a heading word (`data/heading_words.csv`) and a space.
    A text without it has no keyword label, and `_keyword` (3 ms to compile, for its words of
    numbers) is not needed: a document of numbered rows never compiles it."""
    words = sorted({r["word"] for r in builtin("heading_words.csv", ("lang", "word"))}, key=len,
                   reverse=True)
    return re.compile(r"^\s*(?:" + "|".join(re.escape(w) for w in words) + r")\s+",
                      re.IGNORECASE)


@lru_cache(maxsize=1)
def _keyword() -> re.Pattern:
    numbers = "|".join(re.escape(w) for w in sorted(_number_words(), key=len, reverse=True))
    label = _label_word().pattern
    number = r"(\d{1,3}|[IVX]{1,6}|(?:" + numbers + r")(?!\w))"
    return re.compile(label + number + r"\s*[.:)\-\u2013\u2014]?\s+"
                      r"|" + label + number + r"\s*[.:]?\s*$", re.IGNORECASE)


# the Unicode blocks that hold other forms of digits and full stops: General Punctuation (the
# one-dot leader), Small Form Variants, Halfwidth and Fullwidth Forms, Mathematical Alphanumerics
COMPATIBILITY_BLOCKS = (range(0x2000, 0x2070), range(0xFE50, 0xFE70), range(0xFF00, 0xFFF0),
                        range(0x1D400, 0x1D800))


@lru_cache(maxsize=1)
def _compatibility_forms() -> dict[int, str]:
    """Characters that are a digit, a full stop or a bracket in another width or font
    (fullwidth `１．`, small `﹒`, the one-dot leader `․`, mathematical digits): their Unicode
    compatibility decomposition (`<wide>`, `<small>`, `<font>`, `<compat>`) is that ASCII sign.
    Circled, superscript and subscript forms are not numbering and are left alone."""
    forms = {}
    for code in (c for block in COMPATIBILITY_BLOCKS for c in block):
        kind = unicodedata.decomposition(chr(code)).split(" ", 1)[0]
        if kind in ("<wide>", "<small>", "<font>", "<compat>"):
            plain = unicodedata.normalize("NFKC", chr(code))
            if len(plain) == 1 and plain in "0123456789.()":
                forms[code] = plain
    return forms


_LABEL_SIGNS = frozenset("0123456789.() \t\u00a0")


def numbering_form(text: str) -> str:
    """`text` with the compatibility forms of digits, full stops and brackets at its start read as
    ASCII (`１．２．Text` -> `1.2.Text`); the same length, the rest verbatim."""
    if text.isascii() \
            or text[0] not in _LABEL_SIGNS and ord(text[0]) < COMPATIBILITY_BLOCKS[0].start:
        return text  # no label, or one in ASCII only: the table of forms is not needed
    forms = _compatibility_forms()
    head = 0
    while head < len(text) and (text[head] in _LABEL_SIGNS or ord(text[head]) in forms):
        head += 1
    return text[:head].translate(forms) + text[head:]


def _value(token: str) -> str | None:
    if token.isascii() and token.isdigit():
        return str(int(token))
    if token.lower() in _number_words():
        return _number_words()[token.lower()]
    value = roman_to_int(token.upper())
    return str(value) if value else None


_CODE = re.compile(r"^\s*([^\W\d_]{1,6}[-_.]?\d{1,4}(?:[.\-/]\d{1,4}){0,4})\s*$")


def code_of(text: str) -> str | None:
    """A code alone in its paragraph, letters then numbers (`CAP1.02`, `A-3`, `M12`): a `№`
    cell's id where the plan names its measures by code; None for anything else."""
    m = _CODE.match(text)
    return m.group(1) if m else None


_DOTTED = re.compile(r"\d+(?:\.\d+)*")


def is_under(child: str, parent: str) -> bool:
    """Is the number `child` one of those under `parent` (`2.1` and `2.1.3` under `2`)? Only
    where both are dotted numbers of arabic digits, and the child has more parts."""
    if not (_DOTTED.fullmatch(child) and _DOTTED.fullmatch(parent)):
        return False
    kid, head = child.split("."), parent.split(".")
    return len(kid) > len(head) and kid[:len(head)] == head


@lru_cache(maxsize=LABEL_MEMO)
def label_of(text: str) -> Label | None:
    """The label a paragraph starts with, or None (`１．` read as `1.`: `numbering_form`).
    Remembered for the last `LABEL_MEMO` texts: the structure asks it of a paragraph several
    times (its row's kind, its unit, the document's numbering patterns)."""
    text = numbering_form(text)
    m = _keyword().match(text) if _label_word().match(text) else None
    if m:
        value = _value(m.group(1) or m.group(2))
        if value:
            return Label("keyword", value, clean(text[m.end():]))
    bare = _BARE.match(text)
    if bare:
        return Label("bare", bare.group(1), "", text.rstrip().endswith((".", ")")))
    roman = _ROMAN_BARE.match(text)
    if roman and roman_to_int(roman.group(1)):
        return Label("bare", str(roman_to_int(roman.group(1))), "")
    num = split_numbering(text)
    if num is not None:
        stripped = text.lstrip()
        style = "roman" if stripped[:1] in "IVX" and not stripped[:1].isdigit() else \
            "paren" if re.match(r"^\s*[\dIVX.]+\)", text) else "dot"
        return Label(style, num.number, num.text, num.has_trailing_dot)
    m = _LETTER.match(text)
    if m:
        return Label("letter", m.group(1).lower(), clean(text[m.end():]))
    if _BULLET.match(text):
        return Label("bullet", "", clean(_BULLET.sub("", text, count=1)))
    return None
def broken_items(text: str) -> list[str]:
    """The item labels inside a text (`а)`, `б)`; `1)`, `2)`) that neither start a list
    (`FIRST_ITEMS`) nor follow a label before them (the next letter or number: `1) a) b) 2)` holds
    a list in a list; a broken label counts as the one it stood for): `6)` between `а)` and `в)`,
    as OCR reads a `б)`."""
    out: list[str] = []
    follows: set[str] = set()  # the labels that may come next
    last = ""
    for label in (m.group(1).lower() for m in _ITEM_IN_TEXT.finditer(text)):
        if last and label not in follows and label not in FIRST_ITEMS:
            out.append(f"{label})")
            label = _next_item(last)  # the label it stood for
        follows.add(_next_item(label))
        last = label
    return out


def letters_read_as_digits(labels: list[Label | None]) -> list[Label | None]:
    """A cell's paragraphs' labels, a number's right after a letter item read as the letter item
    it stands for where OCR's confusions (`data/ocr_confusions.csv`) make it the letter next
    after that one (`6)` after `а)`: a scan's `б)`), so that it goes on the list, not starts a
    measure; the text keeps what was read, and `broken_items` doubts it."""
    out: list[Label | None] = []
    for label in labels:
        before = out[-1] if out else None
        if label is not None and before is not None and before.style == "letter" \
                and label.style == "paren" and label.number.isdigit():
            meant = _next_item(before.number)
            if misreadings(label.number, lambda read: read == meant):
                label = Label("letter", meant, label.text, label.has_trailing_dot)
        out.append(label)
    return out


def _next_item(label: str) -> str:
    """The label after `label` in its list: the next number or letter."""
    return str(int(label) + 1) if label.isdigit() else chr(ord(label) + 1)


def may_start_paragraph(text: str, offset: int, lang: str = "") -> bool:
    """A line of a cell (at `offset` in its text) may start a paragraph of its own (a measure, a
    result): it starts with a capital or a label that is no item, and the line before ends a
    phrase (no comma, colon, dash or open bracket after it, nor a short word in lower case: `in`,
    `of`, `на`, `в`, which a capitalised name follows in mid-phrase, nor a word of
    `data/open_ends.csv`: `during`, `барои`, or in the document's language `lang` a word whose
    ending binds the next, Tajik's izofa `дар вилояти | Хатлон`)."""
    piece, before = text[offset:], text[:offset].rstrip()
    label = label_of(piece)
    if label is not None and label.is_item or not before or before[-1] in ",;:-–—(" \
            or ends_open(before, lang):
        return False
    last = before.rsplit(None, 1)[-1]
    if last.isalpha() and last.islower() and len(last) <= 3:
        return False
    return label is not None or piece[:1].isupper()


def paragraph_starts(paras, lang: str = "") -> list[list[int]]:
    """For each paragraph, the offsets of its `breaks` where a paragraph may start of its own."""
    return [[o for o in p.breaks if may_start_paragraph(p.text, o, lang)] for p in paras]


def split_to_count(paras: list[Paragraph], missing: int,
                   lang: str = "") -> tuple[list[Paragraph], list[Paragraph], int]:
    """A cell read from a page that shows no paragraph breaks, `missing` paragraphs short of the
    count beside it (numbers, deadlines): cut at the line ends where a paragraph may start
    (`paragraph_starts`) where those are exactly as many as the paragraphs missing, else left as
    it is.  Returns (the paragraphs, those that were cut, how many such line ends were found):
    more found than missing is the caller's doubt to say."""
    cuts = paragraph_starts(paras, lang)
    found = sum(len(c) for c in cuts)
    if missing <= 0 or found != missing:
        return paras, [], found
    return split_paragraphs(paras, cuts), [p for p, c in zip(paras, cuts) if c], found
