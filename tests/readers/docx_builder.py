"""Small Word documents for reader tests, built with python-docx plus raw XML where needed."""
from docx import Document
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn

HEADER = ["Objectives", "Typical problems", "Implementation measures", "Timeframe",
          "Executing agencies", "Indicators of achievement"]


def new(title="Plan for 2011-2013"):
    doc = Document()
    doc.add_paragraph(title)
    return doc


def table(doc, rows, header=HEADER):
    """A table: the header row, then rows given as lists of cells, each a list of paragraph texts."""
    t = doc.add_table(rows=1 + len(rows), cols=len(header))
    for i, name in enumerate(header):
        t.rows[0].cells[i].text = name
    for r, cells in enumerate(rows, start=1):
        for c, paragraphs in enumerate(cells):
            fill(t.rows[r].cells[c], paragraphs)
    return t


def fill(cell, paragraphs):
    cell.paragraphs[0].text = paragraphs[0] if paragraphs else ""
    for text in paragraphs[1:]:
        cell.add_paragraph(text)


def one_block():
    """One objective, two measures, as the original layout has it."""
    return [["1. Safer roads"], ["1.1. Roads are unsafe"], ["1.1.1. Repair roads", "1.1.2. Paint crossings"],
            ["2011", "2012 \u2013 2013"], ["Ministry of Transport", "Ministry of Internal Affairs"],
            ["Roads repaired", "Crossings painted"]]


def add_numbering(doc, fmt="%1.%2.%3."):
    """A three-level decimal list (numId 7) in numbering.xml; returns its numId."""
    numbering = doc.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        f'<w:lvlText w:val="{"".join(f"%{k + 1}." for k in range(i + 1))}"/></w:lvl>' for i in range(3))
    numbering.append(parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="70">{levels}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="7"><w:abstractNumId w:val="70"/></w:num>'))
    return "7"


def number(paragraph, num_id, level):
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def soft_break(paragraph, before, after):
    paragraph.text = ""
    run = paragraph.add_run(before)
    run.add_break()
    paragraph.add_run(after)


def tracked(paragraph, kept, inserted, deleted):
    """`kept` text, then an insertion and a deletion as tracked changes."""
    paragraph.text = kept
    ins = parse_xml(f'<w:ins {nsdecls("w")} w:id="1" w:author="a"><w:r><w:t xml:space="preserve">{inserted}</w:t></w:r></w:ins>')
    dele = parse_xml(f'<w:del {nsdecls("w")} w:id="2" w:author="a"><w:r><w:delText>{deleted}</w:delText></w:r></w:del>')
    paragraph._p.append(ins)
    paragraph._p.append(dele)


def grid_span(cell, n):
    tcpr = cell._tc.get_or_add_tcPr()
    span = OxmlElement("w:gridSpan")
    span.set(qn("w:val"), str(n))
    tcpr.append(span)
