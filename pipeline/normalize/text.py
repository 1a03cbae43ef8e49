"""Whitespace, punctuation and numbering of paragraph texts."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..data import builtin
from ..model import NBSP_CHARS

_SPACES = re.compile(r"[\s" + NBSP_CHARS + r"]+")
_FOLD = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2010": "-", "\u2011": "-", "\u2212": "-",
    **{c: " " for c in NBSP_CHARS},
})

# `1.`, `1.1.`, `3.1.1` (trailing dot missing), `5.1.4.<nbsp>`, `1)`, `1.1)`: a number
# of one to six parts (a later part may run to `1.1.1000`).  A single part needs its dot or
# bracket, so that `2006 – 2007` is not taken for objective 2006.  An objective may be numbered in
# Roman (`II.`).  A number of several parts may end in a comma where its dot should be (`4.1.1,
# Elaborate`: OCR reads a dot as a comma), if a capital letter follows.
_GAP = r"(?=[\s" + NBSP_CHARS + r"]|$)"
_NUMBERING = re.compile(r"^\s*(?:(\d{1,3}(?:\.\d{1,4}){1,5})[.),]?|(\d{1,3})[.)]|([IVX]{1,6})[.)])"
                        + _GAP)
_ROMAN = {"I": 1, "V": 5, "X": 10}


def roman_to_int(text: str) -> int | None:
    """`'XIV'` -> 14; None when the letters are not a well-formed Roman number."""
    total = 0
    for i, ch in enumerate(text):
        value = _ROMAN[ch]
        total += -value if i + 1 < len(text) and _ROMAN[text[i + 1]] > value else value
    return total if total and _int_to_roman(total) == text else None


def _int_to_roman(n: int) -> str:
    out = ""
    for value, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def clean(text: str) -> str:
    """Collapse every run of white space (no-break spaces too) to one space and strip."""
    return _SPACES.sub(" ", text).strip()


def fold(text: str) -> str:
    """A matching form of the same length: curly quotes, dashes and odd spaces folded.

    Keeps character offsets, so a match in the folded text locates the source text.
    """
    # the few characters to fold found by one search (`str.translate` looks up every character)
    return _FOLDABLE.sub(_folded, text)


_FOLDED = {chr(code): to for code, to in _FOLD.items()}
_FOLDABLE = re.compile("[" + "".join(re.escape(char) for char in _FOLDED) + "]")


def _folded(match: re.Match) -> str:
    return _FOLDED[match.group()]


@dataclass(frozen=True)
class Numbered:
    number: str  # "1.1.3" without the trailing dot
    level: int  # parts in the number
    text: str  # the rest, cleaned
    has_trailing_dot: bool


def split_numbering(text: str) -> Numbered | None:
    """`'1.1.3. Creation of ...'` -> Numbered('1.1.3', 3, 'Creation of ...'); None if unnumbered.

    `1)`/`1.1)` are read as `1.`/`1.1.`; a Roman objective number (`II.`) as its value (`2`),
    so that it is the prefix of its problems' and measures' numbers.
    """
    m = _NUMBERING.match(text)
    if not m:
        return None
    if m.group(3):
        value = roman_to_int(m.group(3))
        if value is None:
            return None
        number = str(value)
    else:
        number = m.group(1) or m.group(2)
    rest = text[m.end():]
    ending = text[m.start(): m.end()].rstrip()[-1:]
    dotted = ending in (".", ")")
    first = clean(rest)[:1]
    if not dotted and first.isalpha() and not first.isupper():
        return None  # "1.5 million people": a quantity, not a number of an item
    if ending == "," and not first.isupper():
        return None  # "2.1.3, 2.1.4 and 2.1.5 ...": a list of numbers, not a numbered item
    return Numbered(number, number.count(".") + 1, clean(rest), dotted)


@lru_cache(maxsize=1)
def _ditto_marks() -> frozenset[str]:
    return frozenset(_letters_key(r["text"]) for r in builtin("ditto_marks.csv", ("lang", "text")))


def _letters_key(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", fold(text).lower()))


def is_ditto(text: str) -> bool:
    """A cell that says it repeats the cell above (`(See Above)`, `Same as above`, `То же`: the
    marks of `data/ditto_marks.csv`, case, brackets and punctuation aside)."""
    key = _letters_key(text)
    return bool(key) and key in _ditto_marks()
