"""reStructuredText: a plan kept as Sphinx sources, its tables as `list-table` directives.

A `list-table` is a directive (`.. list-table:: Title`), its options (`:header-rows: 1`,
`:widths: ...`) and a two-level bullet list indented under it: each `* -` starts a row and its
first cell, each `-` under it another cell.  A cell's lines are joined with a space, as a
paragraph's are; a blank line inside a cell starts a new paragraph of it.  Each table becomes a
`Table` on its grid (a row with fewer cells than the widest is padded with empty cells); its
title, if any, is a body paragraph before it.  Grid tables (`+---+` drawn tables) are not read:
their lines are body paragraphs.

Outside tables each paragraph (lines up to a blank line) is a body paragraph; a section title
(a line under, or between, an adornment of `=`, `-`, `~`, ...) takes a level by the order its
adornment first appears.  Other directives, comments and field lists are markup and make no
paragraph.  Inline markup is reduced to its text: `**strong**`, `*emphasis*`, ``` ``literal``
```, a link `` `text <url>`_ `` (or `__`) as its text, an interpreted text `` :role:`text` ``
as its text, backslash escapes.

Provenance: every paragraph has its `line` (1-based, its first line); a cell's also its table,
row (0: the first row, the header when `:header-rows:` says so), cell and paragraph index.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Cell, Document, Paragraph, Provenance, Row, SourceInfo, Table
from . import text as plain
from .options import ReadOptions

_LIST_TABLE = re.compile(r"^(\s*)\.\.\s+list-table::\s*(.*)$")
_DIRECTIVE = re.compile(r"^(\s*)\.\.(?:\s|$)")  # a directive, a comment, a target
_OPTION = re.compile(r"^\s*:[\w-]+:(?:\s|$)")
_ADORNMENT = re.compile(r"^([=\-~^\"'`#*+:._])\1{2,}\s*$")

# inline markup, reduced to its text, in this order
_INLINE = (
    (re.compile(r"`([^`<]*?)\s*<[^`<>]*>`__?"), r"\1"),  # `text <url>`_ : a link, its text
    (re.compile(r":[\w.+-]+:`([^`]*)`"), r"\1"),  # :role:`text`
    (re.compile(r"``([^`]+)``"), r"\1"),  # ``literal``
    (re.compile(r"`([^`]+)`_{0,2}"), r"\1"),  # `interpreted text`, `target`_
    (re.compile(r"\*\*(?=\S)([^*]+?)(?<=\S)\*\*"), r"\1"),  # **strong**
    (re.compile(r"(?<![\w*])\*(?=[^\s*])([^*]+?)(?<=[^\s*])\*(?![\w*])"), r"\1"),  # *emphasis*
    (re.compile(r"\\(.)"), r"\1"),  # a backslash escape
)


def inline_text(text: str) -> str:
    """A line's or a cell's text with its inline markup reduced to the text it shows."""
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return re.sub(r"\s+", " ", text).strip()


def holds_list_table(text: str) -> bool:
    """A text that holds a `list-table` directive: reStructuredText saved under another name."""
    return any(_LIST_TABLE.match(line) for line in text.splitlines())


def read(path: Path, info: SourceInfo, options: ReadOptions) -> Document:
    return rst_to_document(plain.decode(path.read_bytes(), path, options.encoding), info)


def rst_to_document(text: str, info: SourceInfo) -> Document:
    builder = _Builder(info.file)
    builder.read(text.splitlines())
    return Document(source=info, paragraphs=builder.paragraphs, tables=builder.tables)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def block_end(lines: list[str], i: int, indent: int) -> int:
    """The line after the block that starts at line `i`: up to the first non-blank line indented
    no deeper than `indent`."""
    k = i + 1
    while k < len(lines) and (not lines[k].strip() or _indent(lines[k]) > indent):
        k += 1
    return k


@dataclass
class _Cell:
    """A cell being read: its paragraphs as lists of (line number, text)."""

    paragraphs: list[list[tuple[int, str]]] = field(default_factory=lambda: [[]])

    def add(self, n: int, text: str) -> None:
        if text.strip():
            self.paragraphs[-1].append((n, text.strip()))

    def blank(self) -> None:
        if self.paragraphs[-1]:
            self.paragraphs.append([])


def list_table_rows(lines: list[str], start: int, end: int) -> list[list[_Cell]]:
    """The rows of a `list-table`'s body (lines `start`..`end`): `* -` starts a row and its first
    cell, `-` at the cells' indent another cell, a deeper line goes on in the cell."""
    rows: list[list[_Cell]] = []
    star = cell_col = -1
    for n in range(start, end):
        line = lines[n]
        stripped = line.strip()
        if not stripped:
            if rows and rows[-1]:
                rows[-1][-1].blank()
            continue
        at = _indent(line)
        if stripped.startswith("* ") and (star < 0 or at == star):
            star, rows = at, rows + [[]]
            rest = stripped[2:]
            cell_col = at + 2 + _indent(rest)
            rest = rest.lstrip()
            if rest == "-" or rest.startswith("- "):
                rows[-1].append(_Cell())
                rows[-1][-1].add(n, rest[2:])
        elif rows and (stripped == "-" or stripped.startswith("- ")) and at == cell_col:
            rows[-1].append(_Cell())
            rows[-1][-1].add(n, stripped[2:])
        elif rows and rows[-1]:
            rows[-1][-1].add(n, stripped)
    return rows


@dataclass
class _Builder:
    file: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    adornments: list[str] = field(default_factory=list)  # section title styles, first seen first

    def read(self, lines: list[str]) -> None:
        i = 0
        held: list[tuple[int, str]] = []  # the paragraph being read: (line number, text)
        while i < len(lines):
            line = lines[i]
            table = _LIST_TABLE.match(line)
            if table or _DIRECTIVE.match(line) or not line.strip():
                self.paragraph(held)
                held = []
            if table:
                i = self.table(lines, i, table)
            elif _DIRECTIVE.match(line):
                i = block_end(lines, i, _indent(line))
            elif _ADORNMENT.match(line) and held:  # the lines above are a section title
                self.paragraph(held, level=self.level(line.strip()[0]))
                held, i = [], i + 1
            else:
                if line.strip() and not _ADORNMENT.match(line) and not _OPTION.match(line):
                    held.append((i, line))
                i += 1
        self.paragraph(held)

    def level(self, mark: str) -> int:
        if mark not in self.adornments:
            self.adornments.append(mark)
        return self.adornments.index(mark) + 1

    def paragraph(self, held: list[tuple[int, str]], level: int = 0) -> None:
        text = inline_text(" ".join(t for _, t in held))
        if text:
            self.paragraphs.append(Paragraph(text, Provenance(self.file, line=held[0][0] + 1),
                                             level=level))

    def table(self, lines: list[str], i: int, directive: re.Match) -> int:
        """The `list-table` whose directive is at line `i`; returns the line after it."""
        end = block_end(lines, i, len(directive.group(1)))
        if directive.group(2).strip():
            self.paragraph([(i, directive.group(2))])
        body = i + 1
        while body < end and (_OPTION.match(lines[body]) or not lines[body].strip()):
            body += 1
        rows = list_table_rows(lines, body, end)
        if rows:
            self.tables.append(Table(self.rows(rows), position=len(self.paragraphs)))
        return end

    def rows(self, rows: list[list[_Cell]]) -> list[Row]:
        t_index = len(self.tables)
        width = max(len(r) for r in rows)
        out = []
        for r, cells in enumerate(rows):
            padded = cells + [_Cell() for _ in range(width - len(cells))]
            out.append(Row([self.cell(cell, t_index, r, c) for c, cell in enumerate(padded)]))
        return out

    def cell(self, cell: _Cell, t_index: int, r: int, c: int) -> Cell:
        paras: list[Paragraph] = []
        for lines in cell.paragraphs:
            text = inline_text(" ".join(t for _, t in lines))
            if text:
                where = Provenance(self.file, line=lines[0][0] + 1, table=t_index, row=r, cell=c,
                                   paragraph=len(paras))
                paras.append(Paragraph(text, where))
        return Cell(paras)
