"""`annex inspect`: what each stage found in one input, drawn and dumped, to see where a reading
went wrong before reading any code.

For every input, into the output folder:

* `X.inspect.html`: the document model as the reader gave it: each table as its grid (a merged
  cell once, with its span), each cell's paragraphs; the text outside the tables; every paragraph
  coloured by where it ended (`KINDS`: a field of a record, a step, the plan's header, text outside
  the plan, or not placed); then the hierarchy the structure read (each plan's blocks: objective,
  problems, measures, and what each column holds beside them).
* for a PDF, or a picture of pages: `X.page-N.png` for each page (or the one `--page` names), the
  page as rendered (a scan turned level, as OCR read it) with each paragraph framed in its kind's
  colour and, on a page with a text layer, the characters' boxes (grey) and the rules (blue) the
  reader found.
* with `--json`: `X.document.json` (the document model) and `X.layout.json` (the hierarchy).

The kinds come from the extraction itself (each record's provenance), so the pictures show what
the output says, not a second reading.
"""
from __future__ import annotations

import dataclasses
import html
import io
import json
from collections.abc import Iterable, Iterator
from enum import Enum
from pathlib import Path

from .errors import PipelineError
from .extract import extract_document, read_layout
from .model import Document, Paragraph, Provenance
from .readers.formats import SPECS
from .review import SCALE, Pictures
from .writers import output_stem, write_files_atomically

# where a paragraph ended -> its colour (the legend of the page and the pictures)
KINDS = {
    "objective": "#1f77b4", "problem": "#9467bd", "measure": "#2ca02c", "timeframe": "#ff7f0e",
    "agencies": "#8c564b", "indicator": "#17becf", "step": "#bcbd22", "extra": "#e377c2",
    "header": "#000000", "outside": "#9e9e9e", "unplaced": "#d62728",
}
CHAR_COLOUR = (150, 150, 150)
RULE_COLOUR = (0, 90, 255)


class Kinds:
    """Where each source paragraph ended, from the extraction: the kinds of its pieces
    (`of(prov)`), and every placed piece's provenance with its kind (`placed`)."""

    def __init__(self, extraction):
        self.by_key: dict[tuple, list[str]] = {}
        self.placed: list[tuple[Provenance, str]] = []
        for rec in extraction.records:
            for name, provs in rec.provenance.items():
                for prov in provs:
                    self._put(prov, "extra" if name.startswith("extra:") else name)
            for step in rec.steps:
                for provs in step.provenance.values():
                    for prov in provs:
                        self._put(prov, "step")
        for para in extraction.header:
            self._put(para.prov, "header")
        outside = extraction.front_matter + extraction.back_matter + \
            [p for *_, paras in extraction.tables_skipped for p in paras]
        for para in outside:
            self._put(para.prov, "outside")
        for para, _ in extraction.unplaced:
            self._put(para.prov, "unplaced")

    def _put(self, prov: Provenance, kind: str) -> None:
        kinds = self.by_key.setdefault(prov.source_key(), [])
        if kind not in kinds:
            kinds.append(kind)
            self.placed.append((prov, kind))

    def of(self, prov: Provenance) -> list[str]:
        return self.by_key.get(prov.source_key(), [])

    def boxes_on(self, page: int) -> Iterable[tuple[tuple[float, ...], str]]:
        """(box in points, kind) of every placed paragraph on a 1-based page (a paragraph over
        two pages has a box on each)."""
        for prov, kind in self.placed:
            if not prov.pages or page not in prov.pages or prov.bbox is None:
                continue
            boxes = prov.boxes or (prov.bbox,)
            for on, box in zip(prov.pages, boxes):
                if on == page:
                    yield box, kind


def plain(value):
    """A stage's objects as JSON values: dataclasses as objects of their fields, enums as their
    values, tuples as lists, sets as sorted lists, dictionary keys as strings."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {str(plain(k)): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((plain(v) for v in value), key=repr)
    if isinstance(value, Path):
        return str(value)
    return value


# -- the page of the grid and the hierarchy -----------------------------------------------------

def _paragraph_html(para: Paragraph, kinds: Kinds) -> str:
    found = kinds.of(para.prov)
    colour = KINDS[found[0]] if found else "#ffffff"
    title = ", ".join(found) or "blank or not carried"
    return (f"<p style='border-left:5px solid {colour}' title='{html.escape(title, quote=True)}'>"
            f"{html.escape(para.text) or '&nbsp;'}</p>")


def _table_html(index: int, table, kinds: Kinds) -> str:
    rows = []
    for r, row in enumerate(table.rows):
        cells = [f"<th>{r}</th>"]
        for cell in row.cells:
            if cell.merged_from_above or cell.merged_from_left:
                continue
            span = f" rowspan='{cell.rowspan}'" * (cell.rowspan > 1) \
                + f" colspan='{cell.colspan}'" * (cell.colspan > 1)
            cells.append(f"<td{span}>" + "".join(_paragraph_html(p, kinds) for p in cell.paragraphs)
                         + "</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (f"<h2>Table {index + 1} ({len(table.rows)} rows)</h2><table>" + "".join(rows)
            + "</table>")


def _hierarchy_html(layout) -> str:
    out = []
    for plan in layout.tables:
        header = " | ".join(f"{html.escape(c.name)} ({c.role.value})" for c in plan.columns)
        out.append(f"<h2>Plan table {plan.index + 1}: {len(plan.blocks)} blocks</h2>"
                   f"<p class='cols'>{header}</p><ol>")
        for block in plan.blocks:
            heads = [h for h in [block.objective, *block.problems] if h is not None]
            title = " &gt; ".join(f"{html.escape(h.id)} {html.escape(h.text[:80])}" for h in heads)
            measures = "".join(f"<li>{html.escape(u.id)} {html.escape(u.text[:120])}</li>"
                               for u in block.measures)
            columns = "".join(f"<li><b>{html.escape(role.value)}</b>: {len(paras)} paragraph(s)"
                              f"</li>" for role, paras in block.columns.items())
            flags = ", ".join(f.name for f in block.flags)
            out.append(f"<li>{title or '(no heading)'}<ul>{measures}</ul>"
                       f"<ul class='cols'>{columns}</ul>"
                       + (f"<p class='flags'>{html.escape(flags)}</p>" if flags else "") + "</li>")
        out.append("</ol>")
    return "".join(out)


STYLE = """body{font:14px sans-serif;margin:1em}table{border-collapse:collapse;margin-bottom:2em}
td,th{border:1px solid #999;vertical-align:top;padding:2px 4px;max-width:28em}\
th{color:#777;font-weight:normal}
p{margin:2px 0;padding-left:4px}.legend span{display:inline-block;margin-right:1em;padding-left:4px}
.cols{color:#555}.flags{color:#d62728}"""


def page_html(doc: Document, layout, kinds: Kinds) -> str:
    legend = "".join(f"<span style='border-left:12px solid {colour}'>{kind}</span>"
                     for kind, colour in KINDS.items())
    body = "".join(_paragraph_html(p, kinds) for p in doc.paragraphs)
    tables = "".join(_table_html(i, t, kinds) for i, t in enumerate(doc.tables))
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'>"
            f"<title>{html.escape(doc.source.file)}: inspect</title>"
            f"<style>{STYLE}</style></head><body><h1>{html.escape(doc.source.file)}</h1>"
            f"<p class='legend'>{legend}</p>"
            f"<h2>Text outside the tables ({len(doc.paragraphs)} paragraphs)</h2>"
            f"{body}{tables}<h1>Hierarchy</h1>{_hierarchy_html(layout)}</body></html>\n")


def outline(doc: Document, layout) -> str:
    """The grid and the hierarchy as plain text, a line a row and a block: each cell as its span
    and the start of each paragraph; each block as its headings' ids, its measures' ids and how
    many paragraphs each column gives it.  Short enough to read in a diff (the tests keep one
    for every raw file)."""
    lines = []
    for t, table in enumerate(doc.tables):
        lines.append(f"table {t + 1}: {len(table.rows)} rows")
        for r, row in enumerate(table.rows):
            cells = []
            for cell in row.cells:
                if cell.merged_from_above or cell.merged_from_left:
                    cells.append("^" if cell.merged_from_above else "<")
                    continue
                texts = " / ".join(p.text[:24] for p in cell.paragraphs)
                cells.append(f"[{cell.rowspan}x{cell.colspan}] {texts}")
            lines.append(f"  row {r}: " + " | ".join(cells))
    for plan in layout.tables:
        lines.append(f"plan {plan.index + 1}: " + " | ".join(c.role.value for c in plan.columns))
        for block in plan.blocks:
            heads = ",".join(h.id for h in [block.objective, *block.problems] if h is not None)
            columns = " ".join(f"{role.value}={len(paras)}"
                               for role, paras in block.columns.items())
            lines.append(f"  [{heads}] measures {','.join(u.id for u in block.measures)}: "
                         f"{columns}")
    return "\n".join(lines) + "\n"


# -- the pictures of the pages -------------------------------------------------------------------

def _text_layers(path: Path, numbers: list[int], options) -> Iterator[tuple[int, object]]:
    """For each of `numbers` (ascending), the characters and rules the PDF reader found on that
    page (None for a page without a text layer), the file read once, page after page."""
    from .readers import pdf, pdf_layer
    from .readers.options import MAX_PAGE_CONTENT, ReadOptions

    options = options or ReadOptions()
    limit = options.max_page_content or MAX_PAGE_CONTENT
    layers = pdf_layer.pages(path, options.pdf_engine,
                             lambda d: pdf.check_structure(d, path, limit))
    try:
        layer = next(layers, None)
        for number in numbers:
            while layer is not None and layer.number < number:
                layer = next(layers, None)
            found = layer is not None and layer.number == number and not layer.picture_only
            yield number, layer if found else None
    finally:
        layers.close()


def page_picture(pictures: Pictures, page: int, layer, kinds: Kinds):
    """A page as rendered, with what each stage found drawn on it (a PIL image); `layer`: the
    page's text layer as the PDF reader found it, if it has one."""
    from PIL import ImageDraw

    image = pictures.render(page).convert("RGB")
    draw = ImageDraw.Draw(image)
    if layer is not None:
        for ch in layer.chars:
            draw.rectangle([ch["x0"] * SCALE, ch["top"] * SCALE, ch["x1"] * SCALE,
                            ch["bottom"] * SCALE], outline=CHAR_COLOUR)
        for edge in layer.edges:
            draw.line([edge["x0"] * SCALE, edge["top"] * SCALE, edge["x1"] * SCALE,
                       edge["bottom"] * SCALE], fill=RULE_COLOUR, width=2)
    for (x0, top, x1, bottom), kind in kinds.boxes_on(page):
        colour = KINDS[kind]
        width = 4 if kind == "unplaced" else 2
        draw.rectangle([x0 * SCALE - 2, top * SCALE - 2, x1 * SCALE + 2, bottom * SCALE + 2],
                       outline=colour, width=width)
    return image


def page_count(pictures: Pictures, fmt: str) -> int:
    return len(pictures.pdf) if fmt == "pdf" else getattr(pictures.pdf, "n_frames", 1)


# -- one input ----------------------------------------------------------------------------------

def inspect(path: str | Path, out_dir: str | Path, page: int | None = None, dumps: bool = False,
            gazetteer=None, options=None) -> list[Path]:
    """Write what each stage found in `path` into `out_dir` (see the module's docstring);
    returns the files written.  `page`: only that page's picture (1-based)."""
    path = Path(path)
    doc, extraction = extract_document(path, gazetteer, options=options)
    from .normalize.agencies import Gazetteer

    layout = read_layout(doc, gazetteer or Gazetteer.load())
    kinds = Kinds(extraction)
    stem = output_stem(doc.source.file, doc.source.format)
    files: dict[str, object] = {f"{stem}.inspect.html": page_html(doc, layout, kinds)}
    if dumps:
        files[f"{stem}.document.json"] = (json.dumps(plain(doc), ensure_ascii=False, indent=1)
                                          + "\n")
        files[f"{stem}.layout.json"] = (json.dumps(plain(layout), ensure_ascii=False, indent=1)
                                        + "\n")
    fmt = doc.source.format.value
    spec = SPECS.get(doc.source.format)
    if spec is not None and spec.pages:
        pictures = Pictures(path, fmt)
        try:
            count = page_count(pictures, fmt)
            if page is not None and not 1 <= page <= count:
                raise PipelineError(f"--page {page}: {path} has {count} page(s)")
            numbers = [page] if page is not None else list(range(1, count + 1))
            layers = _text_layers(path, numbers, options) if fmt == "pdf" \
                else ((n, None) for n in numbers)
            for number, layer in layers:
                files[f"{stem}.page-{number}.png"] = _png(page_picture(pictures, number, layer,
                                                                       kinds))
        finally:
            pictures.close()
    return write_files_atomically(files, Path(out_dir))


def _png(image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=True)
    return buf.getvalue()
