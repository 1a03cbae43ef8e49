"""Which role a plan table's column plays, where its header words do not say it.

Two ways, each said where it decides:

* the user names them (`ColumnNames`): `--columns "Action=measure,Which partners are
  involved=agencies"`, a `[columns]` table in the settings file, or `extract(..., columns=...)`.
  A header cell whose text is the name (compared by `header_key`: case, spaces and punctuation
  aside) takes that role;
* what the cells under a header of unknown words hold (`content_kind`): deadlines, body names
  and acronyms, short repeated values (a status), sentences.  `structure` asks it only for the
  roles a plan needs and its header words left missing.

No word of any language is written here: header synonyms live in `data/headers.csv`, body
names in the gazetteer, deadline words in `data/timeframe_lexicon.csv`.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from .model import Role
from .normalize.agencies import Gazetteer
from .normalize.numbering import label_of
from .normalize.text import clean, fold
from .normalize.timeframes import looks_like_timeframe

ROLE_NAMES = tuple(role.value for role in Role)
_ITEM = re.compile(r"\s*(?P<header>[^=]*?)\s*=\s*(?P<role>[^,=]*?)\s*(?:,|$)")


@lru_cache(maxsize=4096)
def header_key(text: str) -> str:
    """A header text as it is compared: its words, lower case, punctuation and spacing aside
    (memoised: every cell of a table is asked whether it is a header, often more than once)."""
    return " ".join(_HEADER_WORDS.findall(fold(text).lower()))


_HEADER_WORDS = re.compile(r"[\w#№]+")


def role_named(text: str) -> Role:
    """A role by its name (`measure`, `agencies`, ...); ValueError naming the known ones."""
    try:
        return Role(text.strip().lower())
    except ValueError:
        known = ", ".join(ROLE_NAMES)
        raise ValueError(f"unknown role '{text.strip()}' (roles: {known})") from None


@dataclass(frozen=True)
class ColumnNames:
    """Header texts the user named, each with the role its column plays."""

    names: tuple[tuple[str, Role], ...] = ()  # (the header as the user wrote it, its role)

    def __post_init__(self) -> None:
        roles: dict[str, Role] = {}
        for header, role in self.names:
            if not isinstance(role, Role):
                raise ValueError(f"'{header}': the role must be a Role, not {role!r}")
            key = header_key(header)
            if not key:
                raise ValueError(f"'{header}': a header name must hold a word")
            if roles.get(key, role) != role:
                raise ValueError(f"'{header}' is named twice, as {roles[key].value} "
                                 f"and {role.value}")
            roles[key] = role

    @classmethod
    def parse(cls, text: str) -> ColumnNames:
        """`HEADER=ROLE,HEADER=ROLE` (a header may hold commas: each item ends at its role)."""
        items, at = [], 0
        while at < len(text.strip()):
            match = _ITEM.match(text, at)
            if match is None or not match["header"] or match.end() == at:
                rest = text[at:].strip()
                raise ValueError(f"expected HEADER=ROLE[,HEADER=ROLE...], got '{rest}'")
            items.append((match["header"], role_named(match["role"])))
            at = match.end()
        return cls(tuple(items))

    @classmethod
    def of(cls, given: ColumnNames | Mapping[str, str] | str | None) -> ColumnNames:
        """From what the API takes: a `ColumnNames`, a mapping header -> role name, or the text."""
        if given is None:
            return cls()
        if isinstance(given, ColumnNames):
            return given
        if isinstance(given, str):
            return cls.parse(given)
        items = []
        for header, role in given.items():
            if not isinstance(header, str) or not isinstance(role, (str, Role)):
                raise ValueError(f"'{header}': a header and its role name are texts, got {role!r}")
            items.append((header, role if isinstance(role, Role) else role_named(role)))
        return cls(tuple(items))

    def __bool__(self) -> bool:
        return bool(self.names)

    def __str__(self) -> str:
        return ",".join(f"{header}={role.value}" for header, role in self.names)

    def role_of(self, text: str) -> Role | None:
        key = header_key(text)
        return next((role for header, role in self.names if header_key(header) == key), None)

    def unmatched(self, texts: list[str]) -> list[str]:
        """The names no text of `texts` matches."""
        keys = {header_key(t) for t in texts}
        return [header for header, _ in self.names if header_key(header) not in keys]

    def overridden_by(self, other: ColumnNames) -> ColumnNames:
        """These names with `other`'s added, `other`'s role winning for a header in both."""
        keys = {header_key(h) for h, _ in other.names}
        kept = tuple((h, r) for h, r in self.names if header_key(h) not in keys)
        return ColumnNames(kept + other.names)


NO_NAMES = ColumnNames()  # the user named no column


# -- what a column's cells hold ------------------------------------------------------------

class Content(str, Enum):
    """What the cells of a column hold, as far as their text tells."""

    DEADLINES = "dates and deadlines"
    BODIES = "body names and acronyms"
    STATUS = "short repeated values"
    SENTENCES = "sentences"
    UNKNOWN = "nothing that tells"


MIN_CELLS = 3  # fewer filled cells tell nothing
CELL_SHARE = 0.8  # of the filled cells that must hold the kind
BODY_COVER = 0.6  # of a cell's letters in body names for the cell to be one of names
STATUS_WORDS = 3  # a status value has at most these words
STATUS_REPEAT = 2.0  # and each value stands in this many cells on average
SENTENCE_WORDS = 6  # the median cell of a column of sentences has at least these words
_ACRONYM = re.compile(r"[^\W\d_]{2,8}")
_PIECES = re.compile(r"[,;/()]+")


def _words(cell: list[str]) -> int:
    return sum(len(p.split()) for p in cell)


def _is_deadlines(cell: list[str]) -> bool:
    return all(looks_like_timeframe(p) for p in cell)


def _is_acronym(piece: str) -> bool:
    return bool(_ACRONYM.fullmatch(piece)) and piece.isupper()


def _is_bodies(cell: list[str], gazetteer: Gazetteer) -> bool:
    """A cell of body names (the gazetteer's, or names with a body's head word) and acronyms."""
    text = " ".join(cell)
    if gazetteer.coverage(text, unmatched_with_head=True) >= BODY_COVER:
        return True
    pieces = [w for piece in _PIECES.split(text) for w in piece.split()
              if w.lower() not in gazetteer.connectors]
    return bool(pieces) and all(_is_acronym(w) for w in pieces)


def body_share(cells: list[list[str]], gazetteer: Gazetteer) -> float:
    """The share of a column's filled cells made of body names and acronyms (0..1)."""
    filled = [[clean(p) for p in cell if clean(p)] for cell in cells]
    filled = [cell for cell in filled if cell]
    return sum(1 for cell in filled if _is_bodies(cell, gazetteer)) / len(filled) if filled else 0.0


def _item_numbers(cell: list[str]) -> list[tuple[int, ...]]:
    """The numbers of a cell whose every line is a label alone (`12.`, `1.2`, `I.`), or []."""
    labels = [label_of(text) for text in cell]
    parts = [label.number.split(".") if label and label.style == "bare" else [""]
             for label in labels]
    if not all(n.isdigit() for numbers in parts for n in numbers):
        return []
    return [tuple(int(n) for n in numbers) for numbers in parts]


def counts_up(cells: list[list[str]]) -> bool:
    """Cells that count items: most of them labels alone, a label a line (`1.`; `1.1.`), and
    most labels the next after the one above (`columns.follows`: `1.`, `2.`, `3.`; `1.`, `1.1.`,
    `1.2.`, `2.1.`): a `№` column whose header OCR misread, `№ п/а` or `Ne`; a section's title
    across the table stands in it too; amounts or years in a column do not count up by one."""
    filled = [[clean(p) for p in cell if clean(p)] for cell in cells]
    filled = [cell for cell in filled if cell]
    labelled = [numbers for numbers in map(_item_numbers, filled) if numbers]
    numbers = [n for cell in labelled for n in cell]
    if len(labelled) < CELL_SHARE * len(filled) or len(numbers) < MIN_CELLS:
        return False
    steps = [follows(a, b) for a, b in zip(numbers, numbers[1:])]
    return sum(steps) >= CELL_SHARE * len(steps)


def follows(before: tuple[int, ...], label: tuple[int, ...]) -> bool:
    """A label is the next after `before` in a numbering: one more at a level (`1.2.` after
    `1.1.`, `2.` after `1.3.`, `2.1.` after `1.3.`), or the first a level below (`1.1.` after
    `1.`), the levels under the one counted each at 1."""
    if label[:len(before)] == before:
        return len(label) > len(before) and all(n == 1 for n in label[len(before):])
    return any(label[:level] == before[:level] and label[level] == before[level] + 1
               and all(n == 1 for n in label[level + 1:])
               for level in range(min(len(before), len(label))))


def _is_status(cells: list[list[str]]) -> bool:
    values = [header_key(" ".join(c)) for c in cells]
    short = all(_words(c) <= STATUS_WORDS for c in cells)
    return short and len(values) >= STATUS_REPEAT * len(set(values))


def content_kind(cells: list[list[str]], gazetteer: Gazetteer) -> Content:
    """What a column's cells (each a list of paragraph texts) hold; UNKNOWN unless most say it."""
    filled = [[clean(p) for p in cell if clean(p)] for cell in cells]
    filled = [cell for cell in filled if cell]
    if len(filled) < MIN_CELLS:
        return Content.UNKNOWN

    def share(test) -> float:
        return sum(1 for cell in filled if test(cell)) / len(filled)

    if share(_is_deadlines) >= CELL_SHARE:
        return Content.DEADLINES
    if share(lambda cell: _is_bodies(cell, gazetteer)) >= CELL_SHARE:
        return Content.BODIES
    if _is_status(filled):
        return Content.STATUS
    from statistics import median  # 2 ms of a run that may never get here (fractions, decimal)

    if median(_words(cell) for cell in filled) >= SENTENCE_WORDS:
        return Content.SENTENCES
    return Content.UNKNOWN


# the role a column of unknown header words may take from its cells, in the order they are tried
CONTENT_ROLES = {Content.DEADLINES: Role.TIMEFRAME, Content.BODIES: Role.AGENCIES,
                 Content.SENTENCES: Role.MEASURE}
