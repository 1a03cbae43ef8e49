"""Timeframes: `'May – December, 2006 / Permanently'` -> start, end, recurrence.

Grammar (words come from `data/timeframe_lexicon.csv`, any language):

    timeframe   := alternative ( "/" alternative )*
    alternative := ONGOING | ANNUAL | EACH MONTH | point ( DASH point )?
    point       := YEAR | MONTH YEAR? | DAY? MONTH YEAR?

`start`/`end` are `YYYY` or `YYYY-MM`.  `recurrence` is `once`, `annual` or
`ongoing`.  ONGOING and ANNUAL span the programme period.  With several
alternatives the first gives the start (it is the first occurrence), the
latest end wins, and a recurring alternative gives the recurrence.

Failure policy: text that does not fit the grammar gives `Timeframe(ok=False)`
with empty values; the caller keeps the raw text and flags it.  Nothing is guessed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..data import builtin
from .text import clean, fold


@dataclass(frozen=True)
class Timeframe:
    start: str = ""
    end: str = ""
    recurrence: str = ""
    ok: bool = False
    note: str = ""


@dataclass(frozen=True)
class _Lexicon:
    words: dict[str, tuple[str, int | None]]  # word -> (kind, value)
    phrases: tuple[tuple[str, str], ...]  # multi-word entries, longest first: (phrase, kind)


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    words: dict[str, tuple[str, int | None]] = {}
    phrases = []
    for row in builtin("timeframe_lexicon.csv", ("lang", "kind", "word", "value")):
        word = row["word"].lower()
        value = int(row["value"]) if row["value"] else None
        if " " in word:
            phrases.append((word, row["kind"]))
        else:
            words[word] = (row["kind"], value)
    phrases.sort(key=lambda p: -len(p[0]))
    return _Lexicon(words, tuple(phrases))


_TOKEN = re.compile(r"\d{4}|\d{1,2}|[^\W\d_]+|-|/")


def _tokens(text: str) -> list[tuple[str, int | None]] | None:
    """(kind, value) tokens, or None if a word is not in the lexicon."""
    lex = lexicon()
    s = f" {fold(clean(text)).lower()} "
    for phrase, kind in lex.phrases:
        s = s.replace(f" {phrase} ", f" \x00{kind}\x00 ")
    out: list[tuple[str, int | None]] = []
    for part in re.split(r"(\x00\w+\x00)", s):
        if part.startswith("\x00"):
            out.append((part.strip("\x00"), None))
            continue
        for tok in _TOKEN.findall(part):
            if tok == "-":
                out.append(("dash", None))
            elif tok == "/":
                out.append(("alt", None))
            elif len(tok) == 4 and tok.isdigit():
                out.append(("year", int(tok)))
            elif tok.isdigit():
                out.append(("day", int(tok)))
            elif tok in lex.words:
                kind, value = lex.words[tok]
                if kind != "filler":
                    out.append((kind, value))
            else:
                return None
    return out


def _point(tokens: list[tuple[str, int | None]]) -> tuple[int | None, int | None] | None:
    """(year, month) of `YEAR`, `MONTH YEAR`, `MONTH`, `DAY MONTH YEAR`; None if not a point."""
    kinds = [k for k, _ in tokens if k != "day"]
    vals = {k: v for k, v in tokens}
    if kinds == ["year"]:
        return vals["year"], None
    if kinds == ["month", "year"] or kinds == ["year", "month"]:
        return vals["year"], vals["month"]
    if kinds == ["month"]:
        return None, vals["month"]
    return None


def _fmt(year: int, month: int | None) -> str:
    return f"{year:04d}" if month is None else f"{year:04d}-{month:02d}"


def _alternative(tokens, period) -> tuple[str, str, str] | str:
    """(start, end, recurrence) of one alternative, or an error note."""
    kinds = [k for k, _ in tokens]
    if kinds in (["ongoing"], ["annual"]):
        if period is None:
            return "recurring timeframe but no programme period in the title"
        return str(period[0]), str(period[1]), "ongoing" if kinds == ["ongoing"] else "annual"
    if kinds == ["each", "month"] or kinds == ["annual", "month"]:
        if period is None:
            return "recurring timeframe but no programme period in the title"
        month = tokens[1][1]
        return _fmt(period[0], month), _fmt(period[1], month), "annual"
    if kinds.count("dash") > 1:
        return "more than one range"
    if "dash" in kinds:
        i = kinds.index("dash")
        left, right = _point(tokens[:i]), _point(tokens[i + 1:])
        if left is None or right is None:
            return "a range whose ends are not dates"
        (ly, lm), (ry, rm) = left, right
        if ry is None:
            return "a range with no year"
        ly = ry if ly is None else ly
        if (ly, lm or 0) > (ry, rm or 13):
            return "a range that ends before it starts"
        return _fmt(ly, lm), _fmt(ry, rm), "once"
    point = _point(tokens)
    if point is None or point[0] is None:
        return "not a date"
    return _fmt(*point), _fmt(*point), "once"


def _end_key(value: str) -> tuple[int, int]:
    year, _, month = value.partition("-")
    return int(year), int(month) if month else 12


def parse_timeframe(text: str, period: tuple[int, int] | None) -> Timeframe:
    """Parse one timeframe cell.  `period` is the programme's (first year, last year)."""
    if not clean(text):
        return Timeframe(note="empty")
    tokens = _tokens(text)
    if tokens is None:
        return Timeframe(note="a word that is not in the timeframe lexicon")
    alternatives: list[list] = [[]]
    for tok in tokens:
        if tok[0] == "alt":
            alternatives.append([])
        else:
            alternatives[-1].append(tok)
    parsed = []
    for alt in alternatives:
        result = _alternative(alt, period)
        if isinstance(result, str):
            return Timeframe(note=result)
        parsed.append(result)
    start = parsed[0][0]
    end = max((p[1] for p in parsed), key=_end_key)
    recs = {p[2] for p in parsed}
    recurrence = "annual" if "annual" in recs else "ongoing" if "ongoing" in recs else "once"
    return Timeframe(start, end, recurrence, ok=True)


def looks_like_timeframe(text: str) -> bool:
    """Used by layout to tell a timeframe paragraph from others, period unknown."""
    return parse_timeframe(text, (2000, 2001)).ok


_PERIOD = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*[-\u2013\u2014]\s*((?:19|20)\d\d)(?!\d)")


def find_period(texts: list[str]) -> tuple[int, int] | None:
    """The programme period: the first `YYYY-YYYY` in the title lines."""
    for text in texts:
        m = _PERIOD.search(fold(text))
        if m and int(m.group(1)) <= int(m.group(2)):
            return int(m.group(1)), int(m.group(2))
    return None
