"""Build the other forms of the annex in raw/ from raw/annex_en.txt (`make raw`).

* raw/annex_en.docx       the original's layout: one table row per objective, each cell
                          holding one paragraph per measure exactly as the web text has
                          them (blank and continuation paragraphs kept, missing indicators
                          missing); landscape, repeated header row, rows may break across pages
* raw/annex_en_rows.docx  one row per measure; objective and problem cells merged down their
                          block (vMerge); a continuation paragraph in its measure's cell;
                          empty indicator cells
* raw/annex_en.html       the web page: title paragraphs, a "Print" link, a table of <p>s
* raw/annex_ru.docx       the Russian sample (raw/annex_ru.txt, objectives 1, 2, 4, 6) in the original layout
* raw/annex_tg.docx       the Tajik sample (raw/annex_tg.txt, objectives 1 and 2) in the original layout
* raw/annex_en.pdf, raw/annex_en_rows.pdf, raw/annex_ru.pdf, raw/annex_tg.pdf   the Word files printed by
                          LibreOffice (DejaVu Serif: it has the six Tajik letters)
                          (skipped with a message where LibreOffice is not installed)

Which source line belongs to which column comes from the hand mapping in
gold/annex_en.rows.tsv; a blank (no-break space) line belongs to the cell of the line
before it.  This script writes with python-docx and shares no code with the readers in
pipeline/, so a reader bug cannot hide behind a matching writer bug.
"""
import csv
import html
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

ROOT = Path(__file__).resolve().parent.parent
COLUMNS = ["obj", "prob", "meas", "tf", "ag_lines", "ind"]


def load(name):
    """Title lines, header names, the objectives' cells, the mapping rows and the source lines."""
    lines = (ROOT / "raw" / f"{name}.txt").read_text(encoding="utf-8").split("\n")
    mapping = (ROOT / "gold" / f"{name}.rows.tsv").read_text(encoding="utf-8")
    rows = list(csv.DictReader([l for l in mapping.splitlines() if l and not l.startswith("#")], delimiter="\t"))
    column_of = {}  # source line number -> (objective id, column index)
    for r in rows:
        oid = r["id"].split(".")[0]
        for c, key in enumerate(COLUMNS):
            for n in r[key].split(","):
                if n != "-":
                    column_of[int(n)] = (oid, c)
    first_body = min(column_of)
    before = [l.strip() for l in lines[:first_body - 1] if l.strip()]
    title, headers = before[:-len(COLUMNS)], before[-len(COLUMNS):]  # the six column names end it
    objectives: dict[str, list[list[str]]] = {}
    last = None
    for number, text in enumerate(lines, start=1):
        if number < first_body or not text.strip(" \r"):
            continue
        place = column_of.get(number)
        if place is None:  # a blank paragraph: it sits in the cell of the line before it
            place = last
        oid, c = place
        objectives.setdefault(oid, [[] for _ in COLUMNS])[c].append(text.rstrip("\r"))
        last = place
    return title, headers, objectives, rows, lines


def _landscape(doc):
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    doc.styles["Normal"].font.size = Pt(8)
    doc.styles["Normal"].paragraph_format.space_after = Pt(2)


def _repeat_header(row):
    tr_pr = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    tr_pr.append(flag)


def _fill(cell, paragraphs):
    cell.paragraphs[0].text = paragraphs[0] if paragraphs else ""
    for text in paragraphs[1:]:
        cell.add_paragraph(text)


def _table(doc, n_rows, headers):
    table = doc.add_table(rows=n_rows, cols=len(headers))
    table.style = "Table Grid"
    for i, name in enumerate(headers):
        table.rows[0].cells[i].text = name
        table.rows[0].cells[i].paragraphs[0].runs[0].bold = True
    _repeat_header(table.rows[0])
    return table


def _new_document(title, headers, n_rows):
    """A landscape document with the title lines and an empty matrix of n_rows body rows."""
    doc = Document()
    _landscape(doc)
    for line in title[1:]:  # the first title line is the web page's Print link
        doc.add_paragraph(line)
    return doc, _table(doc, 1 + n_rows, headers)


def build_docx(name, title, headers, objectives, folder=ROOT / "raw"):
    doc, table = _new_document(title, headers, len(objectives))
    for r, cells in enumerate(objectives.values(), start=1):
        for c, paragraphs in enumerate(cells):
            _fill(table.rows[r].cells[c], paragraphs)
    doc.save(folder / f"{name}.docx")


LONG_COPIES = 10


def build_long(title, headers, objectives):
    """The annex repeated ten times, objectives renumbered 1-60 (`1.1.3.` of copy 2 is `13.1.3.`),
    as Word and, by LibreOffice, as a PDF of some 65 pages: the long-document fixtures."""
    import re
    n = len(objectives)
    renumber = lambda text, c: re.sub(r"^(\s*)(\d)(\.)", lambda m: f"{m.group(1)}{int(m.group(2)) + n * c}{m.group(3)}", text)  # noqa: E731
    long = {f"{c}.{oid}": [[renumber(t, c) for t in cell] for cell in cells]
            for c in range(LONG_COPIES) for oid, cells in objectives.items()}
    folder = ROOT / "tests" / "fixtures"
    build_docx("long-annex-x10", title, headers, long, folder)
    _to_pdf([folder / "long-annex-x10.docx"], folder)


def build_rows_docx(title, headers, rows, lines):
    doc, table = _new_document(title, headers, len(rows))
    text = lambda n: lines[int(n) - 1].strip()  # noqa: E731
    spans: dict[tuple[int, str], list[int]] = {}
    for r, row in enumerate(rows, start=1):
        cells = table.rows[r].cells
        spans.setdefault((0, row["obj"]), []).append(r)
        spans.setdefault((1, row["prob"]), []).append(r)
        _fill(cells[2], [text(row["meas"])])
        _fill(cells[3], [text(row["tf"])])
        # a continuation paragraph joined to its measure's cell (as its second paragraph)
        _fill(cells[4], [text(n) for n in row["ag_lines"].split(",")])
        _fill(cells[5], [] if row["ind"] == "-" else [text(row["ind"])])
    for (col, line), members in spans.items():
        top = table.rows[members[0]].cells[col]
        _fill(top, [text(line)])
        if len(members) > 1:
            top.merge(table.rows[members[-1]].cells[col])
    doc.save(ROOT / "raw" / "annex_en_rows.docx")


def build_html(title, headers, objectives):
    esc = lambda t: html.escape(t).replace("\u00a0", "&nbsp;")  # noqa: E731
    out = ["<!DOCTYPE html>", "<html><head><meta charset=\"utf-8\"><title>Annex</title></head><body>",
           '<div class="toolbar"><a href="javascript:print()">Print</a> &nbsp; </div>']
    out += [f"<p>{esc(line)}</p>" for line in title[1:]]  # the first title line is the Print link
    out.append('<table border="1" cellspacing="0" cellpadding="4">')
    out.append("<thead><tr>" + "".join(f"<th><p><b>{esc(h)}</b></p></th>" for h in headers) + "</tr></thead><tbody>")
    for cells in objectives.values():
        out.append("<tr>" + "".join(
            "<td valign=\"top\">" + "".join(f"<p>{esc(p)}</p>" for p in paragraphs) + "</td>" for paragraphs in cells)
            + "</tr>")
    out += ["</tbody></table>", "<p>&copy; The web page footer</p>", "</body></html>"]
    (ROOT / "raw" / "annex_en.html").write_text("\n".join(out) + "\n", encoding="utf-8")


def build_pdfs():
    """The two Word files as PDF, by LibreOffice (committed, so tests never need it)."""
    _to_pdf([ROOT / "raw" / name for name in ("annex_en.docx", "annex_en_rows.docx", "annex_ru.docx", "annex_tg.docx")],
            ROOT / "raw")


def _to_pdf(sources, folder):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print(f"raw: LibreOffice (soffice) not found: {', '.join(p.name for p in sources)} not made into PDF "
              "(Debian: apt-get install libreoffice-writer-nogui)", file=sys.stderr)
        return
    with tempfile.TemporaryDirectory() as profile:
        for source in sources:
            subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{profile}",
                            "--convert-to", "pdf", "--outdir", str(folder), str(source)],
                           check=True, capture_output=True, timeout=600)


def main():
    title, headers, objectives, rows, lines = load("annex_en")
    build_docx("annex_en", title, headers, objectives)
    build_rows_docx(title, headers, rows, lines)
    build_html(title, headers, objectives)
    build_long(title, headers, objectives)
    for sample in ("annex_ru", "annex_tg"):
        title, headers, objectives, _, _ = load(sample)
        build_docx(sample, title, headers, objectives)
    build_pdfs()  # after every Word file it prints
    print("raw: annex_en.docx, annex_en_rows.docx, annex_en.html, annex_ru.docx, annex_tg.docx, annex_en*.pdf, "
          "annex_ru.pdf, annex_tg.pdf; "
          "tests/fixtures/long-annex-x10.docx/.pdf")


if __name__ == "__main__":
    main()
