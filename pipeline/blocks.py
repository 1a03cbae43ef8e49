"""The contract between `structure` (the grid and the hierarchy) and `align` (every scored choice).

`structure` reads a table's grid into `Block`s: one per table row that holds measures (a
row per measure, or a row holding all the measures of a section), each with the heading
context it stands under, its measures as `Unit`s, and the paragraphs of every other column
still as lists, to be placed by `align`.  Text outside every plan table, the tables that are
not plans, and paragraphs that fit nowhere are said in the `Layout` of the document.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from .contract import Flag
from .model import Paragraph, Role, Table, Warning_


@dataclass(frozen=True)
class Column:
    """A column of the matrix: its role and the header's own text."""

    role: Role
    name: str


@dataclass(frozen=True)
class ColumnMap:
    """A grid's columns by role, and back: `roles[c]` is column c's role, `at(role)` the first
    column of that role (None: no such column).  Extra columns are several, and have no column
    by role.  Two maps are equal when their roles are, column by column."""

    roles: tuple[Role, ...]
    index: Mapping[Role, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        first = {role: self.roles.index(role) for role in set(self.roles) if role != Role.EXTRA}
        object.__setattr__(self, "index", MappingProxyType(first))

    @classmethod
    def of(cls, columns: Sequence[Column]) -> ColumnMap:
        return cls(tuple(c.role for c in columns))

    def at(self, role: Role) -> int | None:
        return self.index.get(role)

    def __contains__(self, role: object) -> bool:
        return role in self.roles

    @property
    def text_columns(self) -> list[int]:
        """Every column but the `№` ones: those that hold text."""
        return [c for c, role in enumerate(self.roles) if role != Role.NUMBER]

    @property
    def first_text(self) -> int:
        """The first column that holds text (0 when none does)."""
        return next(iter(self.text_columns), 0)


@dataclass
class Heading:
    """An objective (section) or a problem (sub-section): its id, its text without the label,
    and every paragraph it came from (a `№` paragraph and the text)."""

    id: str
    text: str
    paragraphs: list[Paragraph]
    numbered: bool = True  # False: `id` is its position among its siblings


@dataclass
class Unit:
    """A measure: its number as printed (or its position), its text (a lead and its items joined),
    and every paragraph it came from."""

    id: str
    text: str
    paragraphs: list[Paragraph]
    numbered: bool = True  # False: no number anywhere; `id` is its position under its heading
    # the number was printed with its dot (`1.1.3.`), or needs none (`№` cell)
    trailing_dot: bool = True


@dataclass
class StepCells:
    """One sub-row of a measure (or all its steps, listed in one cell): the steps' texts, each a
    list of paragraphs, and the deadline paragraphs beside them."""

    units: list[list[Paragraph]]
    timeframes: list[Paragraph]


@dataclass
class Block:
    """One table row that holds measures (with its sub-rows), under its headings."""

    objective: Heading | None
    problems: list[Heading]
    measures: list[Unit]
    columns: dict[Role, list[Paragraph]] = field(default_factory=dict)
    # extra column header -> paragraphs
    extras: dict[str, list[Paragraph]] = field(default_factory=dict)
    steps: list[StepCells] = field(default_factory=list)
    # cells merged down from a row above (a shared agency cell): their role, and the rows' flag
    merged: dict[Role, Flag] = field(default_factory=dict)
    # judgements of reading this row, for all its measures
    flags: list[Flag] = field(default_factory=list)
    # the paragraphs an empty paragraph of their cell stands right above
    # (`Provenance.source_key()`): where a cell sets its measures' lists apart, as writers do to
    # line them up
    after_blank: set[tuple] = field(default_factory=set)
    # the columns whose paragraphs are one cell as the source marks it (a table's cell, a
    # record's labelled field), not a reading of a flattened text's lines (`GridRead`) nor the
    # cells of several sub-rows
    whole_cells: set[Role] = field(default_factory=set)


@dataclass
class GridRead:
    """A table read back from a flattened text (`align.text_to_grid`): the logical grid, and the
    judgements and leftovers of reading it."""

    table: Table
    row_flags: dict[int, list[Flag]] = field(default_factory=dict)
    # (row, role) taken as merged from above
    merged: dict[tuple[int, Role], Flag] = field(default_factory=dict)
    unplaced: list[tuple[Paragraph, str]] = field(default_factory=list)
    warnings: list[Warning_] = field(default_factory=list)
    back_matter: list[Paragraph] = field(default_factory=list)  # after the table's end
    cost: float = 0.0  # of the reading kept (`align.settings` units)


@dataclass
class SkippedTable:
    """A table of the document that is not a plan (target indicators, a list of bodies)."""

    index: int
    position: int  # body paragraphs before it
    header: list[str]
    paragraphs: list[Paragraph]


@dataclass
class Layout:
    """One plan table of a document."""

    columns: list[Column]  # the header's columns, in order
    blocks: list[Block]
    header: list[Paragraph]
    title: str = ""
    index: int = 0  # which plan table of the document (0-based)
    headings: list[Heading] = field(default_factory=list)  # every objective and problem read
    unplaced: list[tuple[Paragraph, str]] = field(default_factory=list)
    warnings: list[Warning_] = field(default_factory=list)
    blanks: list[Paragraph] = field(default_factory=list)

    @property
    def extra_headers(self) -> list[str]:
        return [c.name for c in self.columns if c.role == Role.EXTRA]


@dataclass
class DocumentLayout:
    """Every plan table of a document, and what surrounds them."""

    tables: list[Layout]
    front_matter: list[Paragraph]
    title: str
    back_matter: list[Paragraph] = field(default_factory=list)
    blanks: list[Paragraph] = field(default_factory=list)
    skipped: list[SkippedTable] = field(default_factory=list)
    warnings: list[Warning_] = field(default_factory=list)
    # the document's language, computed once (`extract.read_layout`) for every stage
    language: str = ""
