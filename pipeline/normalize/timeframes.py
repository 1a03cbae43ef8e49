"""Timeframes: `'May – December, 2006 / Permanently'` -> start, end, recurrence.

Grammar (every word comes from `data/timeframe_lexicon.csv`, any language):

    timeframe   := alternative ( "/" alternative )*
    alternative := RECURRENCE* ( EACH unit )? ( BY | DASH | FROM )? dates?
    dates       := span ( DASH span )?
    span        := YEAR | MONTH YEAR? | DAY MONTH YEAR? | MONTH DAY YEAR?
                 | ORDINAL (QUARTER | HALF) YEAR? | (QUARTER | HALF) ORDINAL YEAR?

RECURRENCE is one of `ongoing`, `annual`, `semiannual`, `quarterly`, `monthly`,
`as_needed` (`Permanently`, `Annually`, `Semi-annually`, `Quarterly`, `Monthly`,
`Upon necessity`); `EACH` + a month (`Each February`) is annual in that month,
`EACH` + a quarter or half is quarterly or semiannual.

What each form gives (`start`, `end`, `recurrence`; `start`/`end` are `YYYY` or `YYYY-MM`):

* a year, a month, a range of them: the dates, `once`;
* a quarter or a half (`I quarter 2012`, `Q1 2012`, `2nd half of 2011`): its months;
* a deadline (`By 1 December 2012`, `до 1 декабря 2012 года`): start empty (the source
  states none; we do not invent one), end the deadline's month;
* `from 2012` with no end: start 2012, end the programme's last year, `ongoing`;
* a recurrence alone spans the programme period; with dates, it spans the dates;
  with a month only (`Annually, by 1 December`), that month of the first and last year (`by`
  a quarter: its last month); with two deadlines a cycle (`один раз в полугодие (до 1 июля и
  до 1 января)`), no one month: the period's years;
* `the year` (`в течение года`) is a one-year plan's year (in a longer plan it fails);
* `as_needed` alone has no dates; beside another recurrence (`quarterly (and as needed)`), the
  other is the row's;
* a deadline's word may follow its date (`... 4 тоқсанынан кешіктірмей`, Kazakh);
* in a cell known to be a timeframe, parentheses of words the lexicon lacks after a recurrence
  are a remark on it (`_remarks_dropped`).

With several alternatives the first gives the start, the latest end wins, and the first
recurrence other than `once` is the row's.

Failure policy: text that does not fit the grammar gives `Timeframe(ok=False)` with
empty values and a note; the caller keeps the raw text and flags it.  A form that needs
the programme period when none was found fails the same way.  Nothing is guessed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import combinations, product

from ..data import builtin, ends_open
from ..model import Paragraph
from .confusions import misreadings
from .text import clean, fold

# recurrences a row can have, in the order docs/output.md lists them (and the schema:
# tests/test_enums.py)
RECURRENCES = ("once", "annual", "semiannual", "quarterly", "monthly", "ongoing", "as_needed")
_RECURRING = frozenset(RECURRENCES) - {"once"}
# tokens that date an alternative or lead to a date: beside a word the lexicon lacks, not read
_DATING = frozenset({"year", "month", "quarter", "half", "ordinal", "by", "from", "dash"})
# EACH + a unit: which recurrence it names
_EACH_UNIT = {"month": "annual", "quarter": "quarterly", "half": "semiannual"}
# months in a quarter / a half
_UNIT_MONTHS = {"quarter": 3, "half": 6}


@dataclass(frozen=True)
class Timeframe:
    start: str = ""
    end: str = ""
    recurrence: str = ""
    ok: bool = False
    note: str = ""
    # OCR (`parse_ocr_timeframe`): the cell's text with its misread words read as the timeframe
    # words they become, where one reading alone makes it a timeframe; "" otherwise
    read_as: str = ""


Token = tuple[str, "int | None"]


@dataclass(frozen=True)
class _Lexicon:
    words: dict[str, Token]  # word -> (kind, value)
    phrases: tuple[tuple[str, Token], ...]  # multi-word entries, longest first
    dash_words: tuple[str, ...]  # words that join two years into a range (`to`, `по`)


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    words: dict[str, Token] = {}
    phrases = []
    for row in builtin("timeframe_lexicon.csv", ("lang", "kind", "word", "value")):
        word = fold(row["word"]).lower()
        token = (row["kind"], int(row["value"]) if row["value"] else None)
        if " " in word or "-" in word:
            phrases.append((word, token))
        else:
            words[word] = token
    phrases.sort(key=lambda p: -len(p[0]))
    dash_words = tuple(w for w, (kind, _) in words.items() if kind == "dash")
    return _Lexicon(words, tuple(phrases), dash_words)


_TOKEN = re.compile(r"\x00\w+:-?\d*\x00|\d{4}|\d{1,2}|[^\W\d_]+|-|/")
# numeric dates: 01.12.2012, 1.12.12 is not taken (two-digit years are ambiguous), 12.2012
_DMY = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d.])")
_MY = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{4})(?![\d.])")


def _marker(kind: str, value: int | None = None) -> str:
    return f" \x00{kind}:{'' if value is None else value}\x00 "


def _month_marker(month: str) -> str:
    return _marker("month", int(month)) if 1 <= int(month) <= 12 else " \x01 "  # \x01: not a token


def _tokens(text: str, other_words: bool = False) -> list[Token] | None:
    """(kind, value) tokens, or None if a word is not in the lexicon; with `other_words`, such a
    word is a token `("word", None)` instead."""
    lex = lexicon()
    s = f" {fold(clean(text)).lower()} "
    s = _DMY.sub(lambda m: f" {m.group(1)} {_month_marker(m.group(2))} {m.group(3)} ", s)
    s = _MY.sub(lambda m: f" {_month_marker(m.group(1))} {m.group(2)} ", s)
    for phrase, (kind, value) in lex.phrases:
        if phrase in s:  # a cheap test first: most phrases are in no paragraph
            s = re.sub(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", _marker(kind, value), s)
    if "\x01" in s:
        return None
    out: list[Token] = []
    for piece in _TOKEN.findall(s):
        token = _token(piece, lex)
        if token is None and not other_words:
            return None
        token = token or ("word", None)
        if token[0] == "ordsuffix":  # `1st`, `1-й`: the suffix, and a dash before it, say nothing
            if out and out[-1][0] == "dash":
                out.pop()
            continue
        if token[0] != "filler":
            out.append(token)
    return out


def _token(piece: str, lex: _Lexicon) -> Token | None:
    """One piece of the text (a marker, a dash, a number, a word) as a token; None for a word
    the lexicon lacks."""
    if piece.startswith("\x00"):
        kind, _, value = piece.strip("\x00").partition(":")
        return kind, int(value) if value else None
    if piece in ("-", "/"):
        return ("dash" if piece == "-" else "alt"), None
    if piece.isascii() and piece.isdigit():
        return ("year" if len(piece) == 4 else "day"), int(piece)
    return lex.words.get(piece)


@dataclass(frozen=True)
class _Span:
    """A stretch of time; a missing year is taken from the other end of a range."""

    first_month: int | None
    last_month: int | None
    year: int | None
    unit: str = ""  # "quarter"/"half" for a bare ordinal of a range (`I-II quarter`), else ""
    ordinal: int | None = None


def _span(tokens: list[Token]) -> _Span | None:
    kinds = [k for k, _ in tokens]
    vals = {k: v for k, v in tokens}
    year = vals.get("year")
    rest = [k for k in kinds if k != "year"]
    if kinds.count("year") > 1:
        return None
    if rest == [] and year is not None:
        return _Span(None, None, year)
    if rest in (["month"], ["day", "month"], ["month", "day"]):
        return _Span(vals["month"], vals["month"], year)
    for unit, size in _UNIT_MONTHS.items():
        if sorted(rest) in (sorted([unit, "ordinal"]), sorted([unit, "day"])):
            n = vals.get("ordinal", vals.get("day"))
            if n is None or not 1 <= n <= 12 // size:
                return None
            return _Span(size * (n - 1) + 1, size * n, year)
    if rest in (["ordinal"], ["day"]) and year is None:
        return _Span(None, None, None, unit="?", ordinal=vals.get("ordinal", vals.get("day")))
    return None


def _fmt(year: int, month: int | None) -> str:
    return f"{year:04d}" if month is None else f"{year:04d}-{month:02d}"


def _dates(tokens: list[Token]) -> tuple[_Span, _Span] | str:
    """The (first, last) span of a date or a range, years filled in; or an error note."""
    if [k for k, _ in tokens].count("dash") > 1:
        return "more than one range"
    if ("dash", None) not in tokens:
        span = _span(tokens)
        if span is None or span.unit:
            return "not a date"
        return span, span
    i = tokens.index(("dash", None))
    return _range(_span(tokens[:i]), _span(tokens[i + 1:]))


def _range(left: _Span | None, right: _Span | None) -> tuple[_Span, _Span] | str:
    """The ends of a range (`2011-13`, `I-II quarter 2012`, `March-May 2010`), each a date,
    years filled in from the other end; or an error note."""
    if left is not None and right is not None and right.unit and left.first_month is None \
            and left.year:
        right = _short_year(left.year, right)  # `2011-13`: a two-digit year after a four-digit one
    if left is None or right is None or right.unit:
        return "a range whose ends are not dates"
    if left.unit:  # `I-II quarter 2012`: the left end is a bare ordinal of the right's unit
        left = _ordinal_of(left, right)
        if left is None:
            return "a range whose ends are not dates"
    if left.year is None:
        left = _Span(left.first_month, left.last_month, right.year)
    return left, right


def _short_year(year: int, right: _Span) -> _Span | None:
    """The right end of `2011-13` as a year (None: no year within the left's century after it)."""
    full = year - year % 100 + (right.ordinal or 0)
    return _Span(None, None, full) if year < full < year + 100 - year % 100 else None


def _ordinal_of(left: _Span, right: _Span) -> _Span | None:
    """The left end of `I-II quarter 2012` (a bare ordinal) as the months of the right end's unit
    (quarter or half); None where the right end is no such unit or the ordinal is past it."""
    size = right.last_month - right.first_month + 1 if right.first_month and right.last_month else 0
    if size not in (3, 6) or not 1 <= (left.ordinal or 0) <= 12 // size:
        return None
    return _Span(size * ((left.ordinal or 1) - 1) + 1, size * (left.ordinal or 1), None)


def _alternative(tokens: list[Token], period: tuple[int, int] | None) -> tuple[str, str, str] | str:
    """(start, end, recurrence) of one alternative, or an error note."""
    found = _recurrence(tokens)
    if isinstance(found, str):
        return found
    recurrence, rest = found
    if rest == [("the_year", None)]:
        return _the_year(recurrence, period)
    if len(rest) > 1 and rest[-1][0] == "by":  # `... кешіктірмей`: the word after the date
        rest = rest[-1:] + rest[:-1]
    leads = []
    while rest and rest[0][0] in ("by", "dash", "from"):
        leads.append(rest.pop(0)[0])
    if "from" in leads and len(leads) > 1:
        return "a start and a deadline with one date"
    # `by the end of`, `до конца`: one deadline
    lead = "from" if leads == ["from"] else "by" if leads else ""
    if not rest:
        return _no_date(lead, recurrence, period)
    dates = _dates(rest)
    if isinstance(dates, str):
        return dates
    return _dated(dates, lead, recurrence, period)


def _recurrence(tokens: list[Token]) -> tuple[str, list[Token]] | str:
    """(the recurrence, the tokens left) of an alternative, or an error note."""
    recs = [k for k, _ in tokens if k in _RECURRING]
    # a list of its own: leads are popped by the caller
    rest = [t for t in tokens if t[0] not in _RECURRING]
    if rest and rest[0][0] == "each":
        unit = rest[1][0] if len(rest) > 1 else ""
        if unit not in _EACH_UNIT:
            return "'each' without a month, quarter or half"
        recs.append(_EACH_UNIT[unit])
        # keep the month: it is the month of the year
        rest = rest[1:] if unit == "month" else rest[2:]
    if len(set(recs)) > 1 and "as_needed" in recs:  # `quarterly (and as needed)`: the cycle
        recs = [r for r in recs if r != "as_needed"]
    if len(set(recs)) > 1:
        return "two recurrences in one alternative"
    return recs[0] if recs else "once", rest


def _the_year(recurrence: str, period: tuple[int, int] | None) -> tuple[str, str, str] | str:
    """`в течение года` (`during the year`): the year of a one-year plan; in a plan of several
    years, which year is not said."""
    if period is None or period[0] != period[1]:
        return "'the year' in a plan that is not of one year"
    return str(period[0]), str(period[1]), recurrence


def _no_date(lead: str, recurrence: str,
             period: tuple[int, int] | None) -> tuple[str, str, str] | str:
    """An alternative of words only: a recurrence over the programme period, or an error note."""
    if lead:
        return "a deadline or a start with no date"
    if recurrence == "once":
        return "not a date"
    if recurrence == "as_needed":
        return "", "", "as_needed"
    if period is None:
        return "recurring timeframe but no programme period in the title"
    return str(period[0]), str(period[1]), recurrence


def _dated(dates: tuple[_Span, _Span], lead: str, recurrence: str,
           period: tuple[int, int] | None) -> tuple[str, str, str] | str:
    """An alternative with dates: a date or range, a deadline (`by`) or an open start (`from`)."""
    first, last = dates
    if last.year is None:  # a month with no year: that month of every year of a recurrence
        if recurrence == "once" or first.year is not None or lead == "from":
            return "a date with no year"
        if period is None:
            return "recurring timeframe but no programme period in the title"
        if lead == "by" and first is not last:  # `до 1 июля и до 1 января`: no one month
            return str(period[0]), str(period[1]), recurrence
        # `by` the end of a quarter: its last month
        month = last.last_month if lead == "by" else first.first_month
        return _fmt(period[0], month), _fmt(period[1], last.last_month), recurrence
    start, end = _fmt(first.year or last.year, first.first_month), _fmt(last.year, last.last_month)
    if _key(start, 0) > _key(end, 13):
        return "a range that ends before it starts"
    if lead == "by":
        if first is not last:
            return "a deadline that is a range"
        return "", end, recurrence
    if lead == "from" and first is last:
        if period is None:
            return "an open start but no programme period in the title"
        if period[1] < (first.year or 0):
            return "a start after the programme period"
        return start, str(period[1]), "ongoing" if recurrence == "once" else recurrence
    return start, end, recurrence


def _key(value: str, no_month: int) -> tuple[int, int]:
    year, _, month = value.partition("-")
    return int(year), int(month) if month else no_month


def _said_recurrence(tokens: list[Token]) -> list[Token] | None:
    """An alternative holding words the lexicon lacks: its recurrence tokens alone, where it says
    a recurrence and nothing that dates it (`Measured annually`, `Annually in accordance with
    the guidance`, `1 activity per quarter, any order`: the other words say how or by which rule,
    not when); None where it says no recurrence, or a date, a deadline or a start (`As required
    by the budget timeline`), which words the lexicon lacks may be part of."""
    if all(kind != "word" for kind, _ in tokens):
        return tokens
    recurrences = [t for t in tokens if t[0] in _RECURRING]
    dated = any(kind in _DATING for kind, _ in tokens)
    return recurrences if recurrences and not dated else None


_PARENTHESIS = re.compile(r"\(([^()]*)\)")


def _remarks_dropped(text: str) -> str:
    """A text whose words outside parentheses say a recurrence, without the parentheses holding
    words the lexicon lacks: they say more of it (`по мере выявления нарушений (по итогам каждого
    полугодия)`: when it is reported), not when; parentheses of lexicon words are kept
    (`один раз в год (до 1 июля)`, `ежеквартально (и по мере необходимости)`)."""
    outside = _PARENTHESIS.sub(" ", text)
    if outside == text or not any(kind in _RECURRING for kind, _ in _tokens(outside, True) or []):
        return text
    return _PARENTHESIS.sub(lambda m: m.group(0) if _tokens(m.group(1)) is not None else " ", text)


@lru_cache(maxsize=4096)
def parse_timeframe(text: str, period: tuple[int, int] | None,
                    other_words: bool = False) -> Timeframe:
    """Parse one timeframe cell.  `period` is the programme's (first year, last year); with
    `other_words`, a recurrence said among words the lexicon lacks is read (`_said_recurrence`),
    as for a cell known to be a timeframe (not for telling whether a text is one).  Memoised (a
    `Timeframe` is frozen): the role check asks it of every piece of a row, the records again."""
    if not clean(text):
        return Timeframe(note="empty")
    if other_words:
        text = _remarks_dropped(text)
    tokens = _tokens(text, other_words)
    if tokens is None:
        return Timeframe(note="a word that is not in the timeframe lexicon")
    alternatives: list[list[Token]] = [[]]
    for tok in tokens:
        if tok[0] == "alt":
            alternatives.append([])
        else:
            alternatives[-1].append(tok)
    parsed = []
    for words in alternatives:
        alt = _said_recurrence(words)
        if alt is None:
            return Timeframe(note="a word that is not in the timeframe lexicon")
        result = _alternative(alt, period)
        if isinstance(result, str):
            return Timeframe(note=result)
        parsed.append(result)
    start = parsed[0][0]
    ends = [p[1] for p in parsed if p[1]]
    end = max(ends, key=lambda v: _key(v, 12)) if ends else ""
    recurrence = next((p[2] for p in parsed if p[2] != "once"), "once")
    return Timeframe(start, end, recurrence, ok=True)


# the readings of a cell tried at most, and the words of a cell whose misread words are tried
MAX_READINGS, MAX_WORDS = 64, 40
# a mark no timeframe holds, which the grammar would pass over (`1\\ квартал` for `IV квартал`)
STRAY_MARK = re.compile(r"[^\w\s.,;:()/\-\u2013\u2014«»\"'’“”]|_")


def _misreadings(word: str) -> list[str]:
    """The timeframe words (their tokens all in the lexicon, no stray mark) `word` becomes under
    OCR's confusions (`confusions.misreadings`)."""
    return misreadings(word, lambda w: _tokens(w) is not None and not STRAY_MARK.search(w))


def parse_ocr_timeframe(text: str, period: tuple[int, int] | None, other_words: bool = False
                        ) -> tuple[Timeframe, list[tuple[str, str]]]:
    """A timeframe cell OCR read: as `parse_timeframe`; where a word is no timeframe word, or
    holds a mark no timeframe holds (`1\\`: the grammar would pass over it), or, in a cell
    unparsed as read, is a timeframe word OCR's confusions make another (`И` for `II`), but
    becomes a timeframe word under OCR's confusions (`data/ocr_confusions.csv`: `Ql 2017`,
    `Il quarter`, `ist half`, `семоҳаи ІІІ`, `1\\ квартал`), the cell is read so, and the words
    so read are returned (`[('Ql', 'Q1')]`) for the caller to flag.  Where that reading is the
    only one that makes the cell a timeframe, its text is the timeframe's `read_as` (`Q1 2017`);
    where several readings give the same dates (`Il` as `II` or `11`), the text stays as read.
    Where the readings that make the cell a timeframe give different dates, or none does, the
    cell is unparsed.  `other_words`: as `parse_timeframe`'s."""
    tf = parse_timeframe(text, period, other_words)
    words = text.split()
    misread = _maybe_misread(words, tf.ok)
    if not any(misread) or len(words) > MAX_WORDS:
        return tf, []
    choices = [([w] * (not STRAY_MARK.search(w)) + _misreadings(w)) if wrong else [w]
               for w, wrong in zip(words, misread)]
    read: dict[str, tuple[Timeframe, list[tuple[str, str]]]] = {}  # by the text read
    for k, reading in enumerate(product(*choices)):
        if k == MAX_READINGS:
            return Timeframe(note="too many readings of words OCR misread"), []
        got = parse_timeframe(" ".join(reading), period, other_words)
        if got.ok and read and _values(got) != _values(next(iter(read.values()))[0]):
            return Timeframe(note="OCR's readings of a word give different dates"), []
        if got.ok:
            changed = [(a, b) for a, b in zip(words, reading) if a != b]
            read.setdefault(" ".join(reading), (got, changed))
    if not read:
        return (tf if not tf.ok else Timeframe(note="a mark no timeframe holds")), []
    (text_read, (got, changed)), *others = read.items()
    return (replace(got, read_as=text_read) if not others else got), changed


def _maybe_misread(words: list[str], parsed: bool) -> list[bool]:
    """Which words of a cell OCR read may be misread: no timeframe word, or one holding a mark no
    timeframe holds; where the cell is not `parsed` as read, a timeframe word too that OCR's
    confusions make another (`И`, `и`'s capital, for `II`)."""
    misread = [_tokens(w) is None or STRAY_MARK.search(w) is not None for w in words]
    if parsed:
        return misread
    return [wrong or bool(_misreadings(w)) for w, wrong in zip(words, misread)]


def _values(tf: Timeframe) -> tuple[str, str, str]:
    """What a timeframe's reading gives: its start, end and recurrence."""
    return tf.start, tf.end, tf.recurrence


def looks_like_timeframe(text: str) -> bool:
    """Used by layout to tell a timeframe paragraph from others, period unknown."""
    return parse_timeframe(text, (2000, 2001)).ok


def spelled_word(word: str) -> bool:
    """Is `word` a timeframe word that is no number (`of`, `до`, `by`)?  A short one read low by
    OCR is read low for its size alone; a number (`II`, `1`, or no word of the lexicon at all:
    `ІІ` in Cyrillic letters) is not spared, since each of its strokes is its value."""
    token = lexicon().words.get(fold(clean(word)).lower().strip(".,;:"))
    return token is not None and token[0] != "ordinal"


_YEAR = r"((?:19|20)\d\d)"


@lru_cache(maxsize=1)
def _period_pattern() -> re.Pattern:
    joins = "|".join(re.escape(w) for w in lexicon().dash_words)
    return re.compile(rf"(?<!\d){_YEAR}\s*(?:[-\u2013\u2014]|\s(?:{joins})\s)\s*{_YEAR}(?!\d)",
                      re.IGNORECASE)


def find_period(texts: list[str]) -> tuple[int, int] | None:
    """The programme period: the year of a one-year plan's title (`plan_title_year`: a line that
    is the plan's name and one year, or two lines that are, and no other such line naming another
    year); else the first
    `YYYY-YYYY` (or `YYYY to YYYY`) in the title lines.  The title comes first: the lines above
    a plan also name other plans' periods (`Download the draft 2019-2020 Action Plan`)."""
    broken = (f"{a} {b}" for a, b in zip(texts, texts[1:]))  # a title over two lines
    titled = {year for year in map(plan_title_year, [*texts, *broken]) if year}
    if len(titled) == 1:
        year = titled.pop()
        return year, year
    for text in texts:
        m = _period_pattern().search(fold(text))
        if m and int(m.group(1)) <= int(m.group(2)):
            return int(m.group(1)), int(m.group(2))
    return None


@lru_cache(maxsize=1)
def _plan_title_pattern() -> re.Pattern:
    """A line that is only a plan's name and one year, around markup and punctuation: the words
    of `data/plan_titles.csv` (`plan`: what names a plan; `joiner`: what may stand between)."""
    rows = builtin("plan_titles.csv", ("lang", "kind", "word"))

    def any_of(kind: str) -> str:
        words = sorted({fold(r["word"]).lower() for r in rows if r["kind"] == kind},
                       key=len, reverse=True)
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)

    plan, joiner = any_of("plan"), any_of("joiner")
    joined = rf"(?:\s+(?:{joiner}))*\s+"
    # `План работы комиссии ... на 2023 год`: words naming whose plan, no digit among them, then
    # at least one joiner before the year
    named = rf"(?:{plan})(?![^\W\d_])\D*?(?:\s+(?:{joiner}))+\s+{_YEAR}"
    return re.compile(rf"^[\W_]*(?:{_YEAR}{joined}(?:{plan})|(?:{plan}){joined}{_YEAR}|{named})"
                      rf"(?:\s+(?:{joiner}))*[\W_]*$", re.IGNORECASE)


def plan_title_year(text: str) -> int | None:
    """The year of a line that is a one-year plan's title and nothing more (`2021 Action Plan`,
    `# Action plan for 2021`, `План мероприятий на 2021 год`, `План работы комиссии по
    противодействию коррупции на 2023 год`: the plan's name first, the year last); None for any
    other line (prose naming a plan and a year, a decree's date, a title with words after it)."""
    m = _plan_title_pattern().match(fold(clean(text)).lower())
    if m is None:
        return None
    return int(next(year for year in m.groups() if year))


MAX_BREAKS = 8  # line ends of one deadline paragraph considered for a cut


def cut_deadlines(paras: list[Paragraph], m: int) -> tuple[list[list[int]], int]:
    """Deadline paragraphs read from a page that shows no paragraph breaks, `m` deadlines wanted:
    where to cut each paragraph at the line ends the reader joined (`Paragraph.breaks`) into
    pieces that are each a whole timeframe (`I полугодие 2015 года` / `2013 год`; none ending
    mid-phrase, as `As needed during` / `2013` would), and how many paragraphs could be cut and
    are left as they are.

    The cuts taken are the one way, if there is exactly one, to make `m` deadlines (a paragraph
    with several ways to cut it into as many pieces counts as none); failing that, a paragraph
    that is no timeframe as a whole is cut into the most pieces that are, where one cut does
    that."""
    # per paragraph: pieces - 1 -> the one cut (None: several)
    ways = [_cuts_into_timeframes(p) for p in paras]
    chosen = _one_way(ways, m - len(paras))
    if chosen is None:  # no single way to make m: only what a paragraph says by itself
        chosen = [w[max(w)] or [] if not looks_like_timeframe(p.text) else []
                  for p, w in zip(paras, ways)]
    return chosen, sum(1 for w, c in zip(ways, chosen) if not c and len(w) > 1)


def _cuts_into_timeframes(p: Paragraph) -> dict[int, list[int] | None]:
    """For each number of cuts at `p`'s first `MAX_BREAKS` line ends, the one set of cuts that
    leaves every piece a whole timeframe (None: several do); 0 cuts always.  A piece is the text
    between two cuts, so each is judged once, however many sets of cuts share it."""
    breaks, text = p.breaks[:MAX_BREAKS], p.text
    judged: dict[tuple[int, int], bool] = {}

    def whole(a: int, b: int) -> bool:  # as `p.split_at` cuts it: the text between, stripped
        if (a, b) not in judged:
            piece = text[a:b].strip()
            judged[(a, b)] = looks_like_timeframe(piece) and not ends_open(piece)
        return judged[(a, b)]

    here: dict[int, list[int] | None] = {0: []}
    for size in range(1, len(breaks) + 1):
        for c in combinations(breaks, size):
            cuts = [0, *sorted(c), len(text)]
            if all(whole(a, b) for a, b in zip(cuts, cuts[1:])):
                here[size] = None if size in here else list(c)
    return here


def _one_way(ways: list[dict[int, list[int] | None]], missing: int) -> list[list[int]] | None:
    """The cuts, one per paragraph, that add exactly `missing` pieces, where only one choice
    does."""
    # pieces added -> (how many ways, the way)
    counts: dict[int, tuple[int, list[list[int]]]] = {0: (1, [])}
    for here in ways:
        nxt: dict[int, tuple[int, list[list[int]]]] = {}
        for added, (n, way) in counts.items():
            for size, cut in here.items():
                total = added + size
                if total > missing:
                    continue
                n_ways = n if cut is not None else 2 * n  # a paragraph cut two ways: not one way
                prev = nxt.get(total, (0, []))
                nxt[total] = (prev[0] + n_ways, way + [cut or []])
        counts = nxt
    n, way = counts.get(missing, (0, []))
    return way if n == 1 and missing > 0 else None
