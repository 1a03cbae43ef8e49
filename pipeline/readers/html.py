"""HTML: the web page form of the annex.

Text outside tables becomes body paragraphs (one per block element: `p`, `div`,
`h1`-`h6`, `li`...); each table becomes a `Table` on its grid, with `rowspan`
cells carried down (`merged_from_above`) and `colspan` cells standing at their
first column, each with its spans (the positions it covers hold placeholders).
Inside a cell each block element is a paragraph; text straight in the cell is one
paragraph; `<br>` is a `\\n` inside its paragraph.  Entities are
decoded (`&nbsp;` stays a no-break space, so a `<p>&nbsp;</p>` is a blank
paragraph).  Scripts, styles and forms are page chrome and are skipped.

Provenance: table, row, grid column (`cell`), paragraph index; body paragraphs
have only `paragraph`.

The bytes are decoded as a browser decodes them (`encoding.decode_page`: byte-order mark,
the head's declaration checked against the bytes, else the bytes), and a declaration the
bytes overrule is a document warning.  `dir` and direction marks make no rows: the marks
are dropped with the other format characters (`textnorm`).
"""
from __future__ import annotations

import re
from pathlib import Path

import lxml.etree
import lxml.html

from ..errors import DocumentLoadError
from ..model import Cell, Document, Paragraph, Provenance, Row, SourceInfo, Table, Warning_
from .budget import CellCount
from .encoding import decode_page
from .options import ReadOptions

BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "address",
          "section", "article", "header", "footer", "ul", "ol", "dl", "dt", "dd", "center",
          "caption"}
SKIP = {"script", "style", "noscript", "template", "head", "select", "button", "iframe"}


def parse(data: bytes):
    """The page's tree, from its text as a browser decodes it (`encoding.decode_page`), given to
    libxml2 as UTF-8 (left to itself, libxml2 takes a page whose `<meta charset>` comes after
    non-ASCII text, a Cyrillic `<title>`, as Latin-1); `huge_tree`: no depth limit (past about
    256 nested elements libxml2 otherwise drops the rest)."""
    page = decode_page(data)
    parser = lxml.html.HTMLParser(encoding="utf-8", huge_tree=True)
    return lxml.html.document_fromstring(page.text.encode("utf-8"), parser=parser), page.note


def read(path: Path, info: SourceInfo, options: ReadOptions) -> Document:
    try:
        root, note = parse(path.read_bytes())
    except (lxml.etree.ParserError, ValueError) as exc:
        raise DocumentLoadError(f"{path}: not readable as HTML ({exc})") from None
    reader = _Reader(info.file, CellCount(path))
    doc = Document(source=info)
    reader.body(root, doc)
    if note:
        doc.warnings.append(Warning_(f"{info.file}: {note}"))
    return doc


MAX_COLSPAN, MAX_ROWSPAN = 1000, 65534  # the HTML standard's clamps of colspan and rowspan


class _Texts:
    """The paragraph texts of an element, in order.

    A block element starts and ends a paragraph; `<br>` ends one too (`br_ends`) or is a
    `\n` inside it; a `<table>` goes to `on_table` in its place, or is read as text.
    """

    def __init__(self, br_ends: bool, on_table=None):
        self.texts = [""]
        self.br_ends, self.on_table = br_ends, on_table

    def flush(self) -> None:
        if self.texts[-1] != "":
            self.texts.append("")

    def walk(self, node) -> None:
        """The texts under `node`, in order; a loop over a stack, not recursion, so that markup
        nested thousands deep is read like any other."""
        # (children left, their element, is it a block)
        stack = [(node.iterchildren(), None, False)]
        while stack:
            children, element, block = stack[-1]
            child = next(children, None)
            if child is None:  # the element's end: a block ends its paragraph, then its tail
                stack.pop()
                if element is not None:
                    if block:
                        self.flush()
                    self.texts[-1] += _ws(element.tail)
                continue
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag in SKIP:
                pass
            elif tag == "table" and self.on_table:
                self.flush()
                self.on_table(child)
            elif tag in BLOCKS or tag == "table" or tag and tag != "br":
                block = tag in BLOCKS or tag == "table"
                if block:
                    self.flush()
                self.texts[-1] += child.text or ""
                stack.append((child.iterchildren(), child, block))
                continue  # its tail comes at its end
            elif tag == "br":
                if self.br_ends:
                    self.flush()
                else:
                    self.texts[-1] += "\n"
            self.texts[-1] += _ws(child.tail)

    def read(self, node) -> "_Texts":
        self.texts[-1] += _ws(node.text)
        self.walk(node)
        return self

    def paragraphs(self) -> list[str]:
        """Markup white space only is no paragraph; a no-break space is a blank one and stays."""
        return [t.strip(" \t\r\n") for t in self.texts if t.strip(" \t\r\n")]


class _Reader:
    def __init__(self, file: str, cells: CellCount | None = None):
        self.file = file
        self.cells = cells or CellCount(file)

    def body(self, root, doc: Document) -> None:
        """Body paragraphs and tables in document order."""
        def on_table(element) -> None:
            table = self.table(element, len(doc.tables))
            table.position = len(texts.paragraphs())  # the body paragraphs above it
            doc.tables.append(table)

        texts = _Texts(br_ends=True, on_table=on_table)
        texts.read(root.find("body") if root.find("body") is not None else root)
        doc.paragraphs = [Paragraph(text, Provenance(self.file, paragraph=i))
                          for i, text in enumerate(texts.paragraphs())]

    def table(self, table, t_index: int) -> Table:
        rows: list[Row] = []
        carried: dict[int, tuple[int, Cell]] = {}  # grid column -> (rows left, cell)
        for r_index, tr in enumerate(_rows(table)):
            cells: dict[int, Cell] = {}
            col = 0
            for td in tr.iterchildren("td", "th"):
                while col in carried:
                    col += 1
                # as a browser reads them: colspan at most 1000,
                # rowspan at most 65534 (the HTML standard)
                span = min(max(1, _int(td.get("colspan"))), MAX_COLSPAN)
                down = min(max(1, _int(td.get("rowspan"))), MAX_ROWSPAN)
                cell = Cell(self.cell_paragraphs(td, t_index, r_index, col), colspan=span)
                cells[col] = cell
                for extra in range(1, span):
                    cells[col + extra] = Cell([], merged_from_left=True)
                if down > 1:
                    carried[col] = (down - 1, cell)
                col += span
            for c, (left, cell) in list(carried.items()):
                if c not in cells or cells[c] is not cell:
                    cells[c] = Cell(cell.paragraphs, merged_from_above=True)
                    # the rows it covers, counted as they come: never more than the table has
                    cell.rowspan += 1
                    carried[c] = (left - 1, cell)
                if carried[c][0] <= 0:
                    del carried[c]
            width = max(cells) + 1 if cells else 0
            # a row's places, spans down from rows above too: before they are made
            self.cells.add(width)
            rows.append(Row([cells.get(c, Cell([])) for c in range(width)]))
        return Table(rows)

    def cell_paragraphs(self, td, t_index: int, r_index: int, col: int) -> list[Paragraph]:
        return [Paragraph(text, Provenance(self.file, table=t_index, row=r_index, cell=col,
                                           paragraph=i))
                for i, text in enumerate(_Texts(br_ends=False).read(td).paragraphs())]


def _ws(text: str | None) -> str:
    """Markup white space (newlines, indentation) becomes one space; no-break spaces stay."""
    return re.sub(r"[ \t\r\n]+", " ", text) if text else ""


def _rows(table):
    for child in table.iterchildren():
        if child.tag == "tr":
            yield child
        elif child.tag in ("thead", "tbody", "tfoot"):
            yield from child.iterchildren("tr")


def _int(value) -> int:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return 1
