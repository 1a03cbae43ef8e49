"""Markdown (GitHub-flavoured): a plan published as a page's source, its tables as pipe tables.

A pipe table is a header row, a delimiter row (`|---|:--:|`, as many cells as the header) and
the body rows up to a blank line or another block; each becomes a `Table` on its grid.  A cell
is cut at unescaped `|` (`\\|` is a pipe inside the cell); `<br>` in a cell starts a new
paragraph of it.  A body row with fewer cells than the header is padded with empty cells (as
GFM does); a row with more keeps its extra cells (GFM drops them; nothing is lost here), as the
HTML reader keeps a row's extra `<td>`.

Outside tables each non-blank line is a body paragraph: an ATX heading (`#`..`######`) without
its marks, a setext heading's text (its `===`/`---` underline is markup), a list item or any
other line.  Thematic breaks and code fences are markup and make no paragraph; a Jekyll front
matter's lines (between the first two `---`) are paragraphs, as any text.  Inline markup is
reduced to its text: `**bold**`, `*em*`, `__x__`, `_x_`, `~~x~~`, `` `code` ``, `[text](url)`,
`![alt](url)`, `<https://...>`, inline HTML tags (`<b>`, `<s>`: their text stays), entities
(`&#42;` is `*`) and backslash escapes; a footnote reference (`[^1]`) is a mark and is dropped.
Struck text (`<s>`, `<del>`, `<strike>`, `~~x~~`) stays in the text and is marked struck
(`Paragraph.struck`): a revised date's old date (`<s>June 30, 2020</s> <b>July 31, 2020</b>`).

Provenance: every paragraph has its `line` (1-based); a cell's also its table, row (0: the
header; the delimiter row is no row), cell and paragraph index.

A page with no pipe table that holds a `.. list-table::` directive is reStructuredText under a
markdown name: it is read as such (`rst.rst_to_document`), with a warning.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..model import Cell, Document, Paragraph, Provenance, Row, SourceInfo, Table, Warning_
from .options import ReadOptions

_ATX = re.compile(r"^ {0,3}(#{1,6})(?=[ \t]|$)")  # an ATX heading's opening marks
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_BREAK = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_DELIMITER_CELL = re.compile(r"^:?-+:?$")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_INNER_TABS = re.compile(r"(?<=\S)[ ]*\t+[ \t]*(?=\S)")  # tabs between words of a cell
_STRIKE, _UNSTRIKE = "\x02", "\x03"  # where struck text starts and ends, while markup is reduced

# inline markup, reduced to its text; applied in this order (code spans are cut out first)
# inline markup, reduced to its text, in this order (after code spans and escapes are kept
# aside); each pattern stops at its own delimiter character, so that a line of many openers and
# no closer costs time in proportion to its length
_INLINE = (
    # [text](url), ![alt](url), [text](url "title")
    (re.compile(r"!?\[([^\[\]]*)\]\([^()\s]*(?:\s+\"[^\"()]*\")?\)"), r"\1"),
    (re.compile(r"<((?:https?|ftp|mailto):[^<>\s]+)>"), r"\1"),  # <https://...>
    (_BR, " "),  # a line break in a body line (a cell's is cut at it before)
    (re.compile(r"<(?:s|del|strike)(?:\s[^<>]*)?>", re.IGNORECASE), _STRIKE),  # struck text
    (re.compile(r"</(?:s|del|strike)\s*>", re.IGNORECASE), _UNSTRIKE),
    # inline HTML (<b>, <s>, <sup>): the tags go, their text stays
    (re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"), ""),
    (re.compile(r"\[\^[^\[\]\s]+\](?!:)"), ""),  # a footnote reference [^1]: a mark, not text
    (re.compile(r"(?<!\*)\*(?=[^\s*])([^*]+?)(?<=[^\s*])\*(?!\*)"), r"\1"),  # *em*
    # _em_ (not snake_case)
    (re.compile(r"(?<![\w_])_(?=[^\s_])([^_]+?)(?<=[^\s_])_(?![\w_])"), r"\1"),
    (re.compile(r"\*\*(?=[^\s*])([^*]+?)(?<=[^\s*])\*\*"), r"\1"),  # **bold**
    (re.compile(r"(?<![\w_])__(?=[^\s_])([^_]+?)(?<=[^\s_])__(?![\w_])"), r"\1"),  # __bold__
    (re.compile(r"~~(?=[^\s~])([^~]+?)(?<=[^\s~])~~"), _STRIKE + r"\1" + _UNSTRIKE),  # ~~struck~~
)
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")  # a backslash before ASCII punctuation


def read(path: Path, info: SourceInfo, options: ReadOptions) -> Document:
    # imported here: `readers.sniff` imports this module for `has_pipe_table` on every run
    from . import rst
    from .text import decode

    text = decode(path.read_bytes(), path, options.encoding)
    if not holds_pipe_table(text.splitlines()) and rst.holds_list_table(text):
        doc = rst.rst_to_document(text, info)
        doc.warnings.insert(0, Warning_(f"{info.file}: a list-table (reStructuredText) and no "
                                        "pipe table: read as reStructuredText"))
        return doc
    return markdown_to_document(text, info)


def markdown_to_document(text: str, info: SourceInfo) -> Document:
    builder = _Builder(info.file)
    builder.read(text.splitlines())
    return Document(source=info, paragraphs=builder.paragraphs, tables=builder.tables,
                    warnings=builder.warnings)


# -- inline markup ---------------------------------------------------------------------

def inline_text(text: str) -> str:
    """A line's or a cell's text with its inline markup reduced to the text it shows."""
    return struck_text(text)[0]


def struck_text(text: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """`inline_text`, and the stretches of it the markup strikes through (`Paragraph.struck`);
    a strike never closed strikes nothing."""
    if _STRIKE in text or _UNSTRIKE in text:  # the marks' own characters: nothing is told
        return _shown(text).replace(_STRIKE, "").replace(_UNSTRIKE, ""), ()
    marked = _shown(text)
    plain: list[str] = []
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for piece in re.split(f"([{_STRIKE}{_UNSTRIKE}])", marked):
        size = sum(len(p) for p in plain)
        if piece == _STRIKE:
            start = size if start is None else start
        elif piece == _UNSTRIKE:
            if start is not None and size > start:
                spans.append((start, size))
            start = None
        else:
            plain.append(piece)
    return "".join(plain), tuple(spans)


def _shown(text: str) -> str:
    """The text markup shows, with struck stretches between `_STRIKE` and `_UNSTRIKE`."""
    import html  # its table of entities: for a page's text only, not a Word file's

    kept: list[str] = []  # code spans and escaped characters: shown as they are, never markup

    def keep(shown: str) -> str:
        kept.append(shown)
        return f"\x00{len(kept) - 1}\x00"  # no NUL reaches here (`text.decode` refuses it)

    out = _ESCAPED.sub(lambda m: keep(m.group(1)), _code_spans(text, keep))
    for pattern, replacement in _INLINE:
        out = pattern.sub(replacement, out)
    out = html.unescape(out)  # entities (`&#42;`) after the markup: what they give is no markup
    return re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], out)


def _code_spans(text: str, keep: Callable[[str], str]) -> str:
    """Each code span (a run of n backticks up to the next run of exactly n) given to `keep`
    without its backticks; a run with no closing run is literal.  One pass over the runs."""
    runs = [(m.start(), m.end()) for m in re.finditer(r"`+", text)]
    of_length: dict[int, list[int]] = {}  # run length -> the runs of that length, in order
    for k, (a, b) in enumerate(runs):
        of_length.setdefault(b - a, []).append(k)
    seen = dict.fromkeys(of_length, 0)  # per length: how many of its runs lie behind
    out, pos, k = [], 0, 0
    while k < len(runs):
        a, b = runs[k]
        same = of_length[b - a]
        while seen[b - a] < len(same) and same[seen[b - a]] <= k:
            seen[b - a] += 1
        if seen[b - a] == len(same):  # no closing run
            k += 1
            continue
        close = same[seen[b - a]]
        code = text[b:runs[close][0]]
        out += [text[pos:a], keep(code.strip(" ") or code)]
        pos, k = runs[close][1], close + 1
    return "".join(out) + text[pos:]


# -- pipe tables -----------------------------------------------------------------------

def split_row(line: str) -> list[str]:
    """A table line's cells: cut at each `|` not escaped, the outer pipes dropped; `\\|` a pipe."""
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    cells = re.split(r"(?<!\\)\|", body)
    return [cell.replace("\\|", "|").strip() for cell in cells]


def is_delimiter_row(line: str) -> bool:
    """`|---|:--:|---:|`: every cell dashes, with an optional colon at either end."""
    has_pipe_or_dash = "|" in line or line.strip().startswith(("-", ":"))
    cells = split_row(line)
    all_dashes = all(_DELIMITER_CELL.match(c.replace(" ", "")) for c in cells)
    return has_pipe_or_dash and bool(cells) and all_dashes


def starts_table(lines: list[str], i: int) -> bool:
    """A header line (with a pipe) followed by a delimiter row of as many cells."""
    if i + 1 >= len(lines) or "|" not in lines[i] or not is_delimiter_row(lines[i + 1]):
        return False
    return len(split_row(lines[i])) == len(split_row(lines[i + 1]))


def restore_lost_pipes(texts: list[str], width: int) -> list[str]:
    """A row short of cells whose cells hold, between words, exactly as many runs of tabs as
    cells are missing: a table pasted from a spreadsheet that lost a `|` where a tab stands;
    the cells cut at those tabs.  Any other row is returned as it is (padded later)."""
    missing = width - len(texts)
    inner_tabs = [len(_INNER_TABS.findall(text)) for text in texts]
    if missing <= 0 or sum(inner_tabs) != missing:
        return texts
    return [piece.strip() for text in texts for piece in _INNER_TABS.split(text)]


def holds_pipe_table(lines: list[str]) -> bool:
    """Whether lines hold a whole pipe table: a header, its delimiter row of as many cells, and
    at least one body row, every one with a `|`, up to the table's end (a text with a `|` here
    and there, or a header and dashes with no rows, is no table)."""
    for i in range(len(lines) - 1):
        if starts_table(lines, i):
            body = lines[i + 2:table_end(lines, i)]
            if body and all("|" in line for line in body):
                return True
    return False


# ATX headings a text holds at least, at two levels or more, to be an outline of markdown
MIN_OUTLINE_HEADINGS = 3


def holds_outline(lines: list[str]) -> bool:
    """Whether lines hold an outline of ATX headings (`## Shared Actions` over `### Action 1:
    ...`): at least `MIN_OUTLINE_HEADINGS` headings with text, at two levels or more (a `#` line
    here and there is no outline)."""
    levels = [h[0] for h in map(atx_heading, lines) if h is not None and h[1]]
    return len(levels) >= MIN_OUTLINE_HEADINGS and len(set(levels)) >= 2


def table_end(lines: list[str], i: int) -> int:
    """The line after the table whose header is line `i`: its body goes on to a blank line or
    another block."""
    end = i + 2
    while end < len(lines) and not ends_table(lines[end]):
        end += 1
    return end


def has_pipe_table(head: bytes) -> bool:
    """Whether the first bytes of a file hold the start of a pipe table (a header and its
    delimiter row): markdown, for bytes that come without a name."""
    lines = head.decode("utf-8", errors="replace").splitlines()
    return any(starts_table(lines, i) for i in range(len(lines) - 1))


def atx_heading(line: str) -> tuple[int, str] | None:
    """An ATX heading's level and text (its closing `#`s, after a space, dropped), or None."""
    opening = _ATX.match(line)
    if opening is None:
        return None
    text = line[opening.end():].strip(" \t")
    unclosed = text.rstrip("#")
    if not unclosed or unclosed != text and unclosed[-1] in " \t":
        text = unclosed.rstrip(" \t")
    return len(opening.group(1)), text


def ends_table(line: str) -> bool:
    """A blank line or another block ends a table's body."""
    other_block = bool(_ATX.match(line) or _FENCE.match(line) or _BREAK.match(line))
    return not line.strip() or other_block


# -- the document ----------------------------------------------------------------------

@dataclass
class _Builder:
    file: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    warnings: list[Warning_] = field(default_factory=list)

    def read(self, lines: list[str]) -> None:
        i = self.front_matter(lines)
        fence = ""
        while i < len(lines):
            line = lines[i]
            if fence:
                fence = "" if line.strip().startswith(fence) else fence
                if fence:
                    self.paragraph(line.rstrip(), i, raw=True)
                i += 1
            elif _FENCE.match(line):
                fence = _FENCE.match(line).group(1)  # type: ignore[union-attr]
                i += 1
            elif starts_table(lines, i):
                i = self.table(lines, i)
            else:
                self.line(lines, i)
                i += 1

    def front_matter(self, lines: list[str]) -> int:
        """A Jekyll front matter (`---` first, up to the next `---`): its lines are paragraphs."""
        if not lines or lines[0].strip() != "---":
            return 0
        end = next((k for k in range(1, len(lines)) if lines[k].strip() in ("---", "...")), None)
        if end is None:
            return 0
        for k in range(1, end):
            self.paragraph(lines[k], k, raw=True)
        return end + 1

    def line(self, lines: list[str], i: int) -> None:
        line = lines[i]
        atx = atx_heading(line)
        follows_text = i > 0 and bool(lines[i - 1].strip()) and not _ATX.match(lines[i - 1])
        setext = _SETEXT.match(line)
        last = self.paragraphs[-1] if self.paragraphs else None
        underlines_text = follows_text and last is not None and last.prov.line == i
        if atx:
            self.paragraph(atx[1], i, level=atx[0])
        elif setext and underlines_text:  # the line above is a heading: `===` level 1, `---` 2
            level = 1 if setext.group(1)[0] == "=" else 2
            self.paragraphs[-1] = replace(self.paragraphs[-1], level=level)
        elif not _BREAK.match(line):
            self.paragraph(line, i)

    def paragraph(self, text: str, i: int, raw: bool = False, level: int = 0) -> None:
        shown = text.strip() if raw else inline_text(text.strip())
        if shown:
            self.paragraphs.append(Paragraph(shown, Provenance(self.file, line=i + 1), level=level))

    def table(self, lines: list[str], i: int) -> int:
        """The table starting at line `i`; returns the line after it."""
        t_index = len(self.tables)
        width = len(split_row(lines[i]))
        end = table_end(lines, i)
        numbered = [(i, lines[i])] + [(n, lines[n]) for n in range(i + 2, end)]
        rows = [self.row(split_row(text), n, t_index, r, width)
                for r, (n, text) in enumerate(numbered)]
        self.tables.append(Table(rows, position=len(self.paragraphs)))
        return end

    def row(self, texts: list[str], n: int, t_index: int, r: int, width: int) -> Row:
        where = Provenance(self.file, line=n + 1, table=t_index, row=r)
        restored = restore_lost_pipes(texts, width)
        if restored != texts:
            said = (f"table {t_index + 1}, line {n + 1}: {width - len(texts)} cell(s) short; "
                    "read the tab(s) inside a cell as the lost '|'")
            self.warnings.append(Warning_(said, [where]))
        texts = restored + [""] * (width - len(restored))
        cells = []
        for c, text in enumerate(texts):
            pieces = [struck_text(piece.strip()) for piece in _BR.split(text)]
            paras = [Paragraph(shown, replace(where, cell=c, paragraph=k), struck=struck)
                     for k, (shown, struck) in enumerate(p for p in pieces if p[0])]
            cells.append(Cell(paras))
        return Row(cells)
