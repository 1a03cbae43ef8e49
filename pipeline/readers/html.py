"""HTML: the web page form of the annex.

Text outside tables becomes body paragraphs (one per block element: `p`, `div`,
`h1`-`h6`, `li`...); each table becomes a `Table` on its grid, with `rowspan`
cells carried down (`merged_from_above`) and `colspan` cells standing at their
first column.  Inside a cell each block element is a paragraph; text straight in
the cell is one paragraph; `<br>` is a `\\n` inside its paragraph.  Entities are
decoded (`&nbsp;` stays a no-break space, so a `<p>&nbsp;</p>` is a blank
paragraph).  Scripts, styles and forms are page chrome and are skipped.

Provenance: table, row, grid column (`cell`), paragraph index; body paragraphs
have only `paragraph`.
"""
from __future__ import annotations

import re
from pathlib import Path

import lxml.etree
import lxml.html

from ..errors import DocumentLoadError
from ..model import Cell, Document, Paragraph, Provenance, Row, SourceInfo, Table

BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "address",
          "section", "article", "header", "footer", "ul", "ol", "dl", "dt", "dd", "center", "caption"}
SKIP = {"script", "style", "noscript", "template", "head", "select", "button", "iframe"}


def read(path: Path, info: SourceInfo) -> Document:
    data = path.read_bytes()
    try:
        root = lxml.html.document_fromstring(data)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise DocumentLoadError(f"{path}: not readable as HTML ({exc})") from None
    reader = _Reader(info.file)
    doc = Document(source=info)
    reader.body(root, doc)
    return doc


class _Reader:
    def __init__(self, file: str):
        self.file = file

    def body(self, root, doc: Document) -> None:
        """Body paragraphs and tables in document order."""
        lines: list[str] = [""]

        def flush() -> None:
            if lines[-1].strip(" \t\r\n"):
                doc.paragraphs.append(Paragraph(lines[-1].strip(" \t\r\n"),
                                                Provenance(self.file, paragraph=len(doc.paragraphs))))
            elif "\u00a0" in lines[-1]:
                doc.paragraphs.append(Paragraph("\u00a0", Provenance(self.file, paragraph=len(doc.paragraphs))))
            lines[-1] = ""

        def walk(node) -> None:
            for child in node.iterchildren():
                tag = child.tag if isinstance(child.tag, str) else ""
                if tag in SKIP:
                    pass
                elif tag == "table":
                    flush()
                    table = self.table(child, len(doc.tables))
                    table.position = len(doc.paragraphs)
                    doc.tables.append(table)
                elif tag in BLOCKS:
                    flush()
                    lines[-1] += child.text or ""
                    walk(child)
                    flush()
                elif tag == "br":
                    flush()
                elif tag:
                    lines[-1] += child.text or ""
                    walk(child)
                lines[-1] += _ws(child.tail)

        body = root.find("body") if root.find("body") is not None else root
        lines[-1] += _ws(body.text)
        walk(body)
        flush()

    def table(self, table, t_index: int) -> Table:
        rows: list[Row] = []
        carried: dict[int, tuple[int, Cell]] = {}  # grid column -> (rows left, cell)
        for r_index, tr in enumerate(_rows(table)):
            cells: dict[int, Cell] = {}
            col = 0
            for td in tr.iterchildren("td", "th"):
                while col in carried:
                    col += 1
                cell = Cell(self.cell_paragraphs(td, t_index, r_index, col))
                span = max(1, _int(td.get("colspan")))
                down = max(1, _int(td.get("rowspan")))
                cells[col] = cell
                for extra in range(1, span):
                    cells[col + extra] = Cell([])
                if down > 1:
                    carried[col] = (down - 1, cell)
                col += span
            for c, (left, cell) in list(carried.items()):
                if c not in cells or cells[c] is not cell:
                    cells[c] = Cell(cell.paragraphs, merged_from_above=True)
                    carried[c] = (left - 1, cell)
                if carried[c][0] <= 0:
                    del carried[c]
            width = max(cells) + 1 if cells else 0
            rows.append(Row([cells.get(c, Cell([])) for c in range(width)]))
        return Table(rows)

    def cell_paragraphs(self, td, t_index: int, r_index: int, col: int) -> list[Paragraph]:
        texts: list[str] = [""]

        def flush() -> None:
            if texts[-1] != "":
                texts.append("")

        def walk(node) -> None:
            for child in node.iterchildren():
                tag = child.tag if isinstance(child.tag, str) else ""
                if tag in SKIP:
                    pass
                elif tag in BLOCKS or tag == "table":
                    flush()
                    texts[-1] += child.text or ""
                    walk(child)
                    flush()
                elif tag == "br":
                    texts[-1] += "\n"
                elif tag:
                    texts[-1] += child.text or ""
                    walk(child)
                texts[-1] += _ws(child.tail)

        texts[-1] += _ws(td.text)
        walk(td)
        out = []
        for text in texts:
            text = text.strip(" \t\r\n")
            if not text:  # markup white space only; a no-break space is a blank paragraph and stays
                continue
            prov = Provenance(self.file, table=t_index, row=r_index, cell=col, paragraph=len(out))
            out.append(Paragraph(text, prov))
        return out


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
