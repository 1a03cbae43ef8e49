"""Whitespace, punctuation and numbering of paragraph texts."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import NBSP_CHARS

_SPACES = re.compile(r"[\s" + NBSP_CHARS + r"]+")
_FOLD = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2010": "-", "\u2011": "-", "\u2212": "-",
    **{c: " " for c in NBSP_CHARS},
})

# `1.`, `1.1.`, `3.1.1` (trailing dot missing), `5.1.4.<nbsp>`: a number of one to
# three parts.  A single part needs its dot, so that `2006 – 2007` is not taken
# for objective 2006.
_NUMBERING = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3}){1,5})\.?(?=[\s" + NBSP_CHARS + r"]|$)|^\s*(\d{1,3})\.(?=[\s" + NBSP_CHARS + r"]|$)")


def clean(text: str) -> str:
    """Collapse every run of white space (no-break spaces too) to one space and strip."""
    return _SPACES.sub(" ", text).strip()


def fold(text: str) -> str:
    """A matching form of the same length: curly quotes, dashes and odd spaces folded.

    Keeps character offsets, so a match in the folded text locates the source text.
    """
    return text.translate(_FOLD)


@dataclass(frozen=True)
class Numbered:
    number: str  # "1.1.3" without the trailing dot
    level: int  # parts in the number
    text: str  # the rest, cleaned
    has_trailing_dot: bool


def split_numbering(text: str) -> Numbered | None:
    """`'1.1.3. Creation of ...'` -> Numbered('1.1.3', 3, 'Creation of ...'); None if unnumbered."""
    m = _NUMBERING.match(text)
    if not m:
        return None
    number = m.group(1) or m.group(2)
    rest = text[m.end():]
    dotted = text[m.start(): m.end()].rstrip().endswith(".")
    first = clean(rest)[:1]
    if not dotted and first.isalpha() and not first.isupper():
        return None  # "1.5 million people": a quantity, not a number of an item
    return Numbered(number, number.count(".") + 1, clean(rest), dotted)
