"""Valid rewritings of a Word file: what templates, forms, text boxes and Strict Open XML make of
the same document (issue 42).  Nothing here changes what a viewer shows, so each rewritten file
must give the rows of its source.

Each transformation is `name(docx_bytes) -> bytes`; `TRANSFORMS` names them all, for the tests
(`tests/readers/test_docx_as_written.py`) and a fuzz stage that applies them to every Word file.
"""
from __future__ import annotations

import copy
import io
import re
import unicodedata
import zipfile
from typing import Callable

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{%s}" % W_NS
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
MC = "{%s}" % MC_NS
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
WPS_NS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
V_NS = "urn:schemas-microsoft-com:vml"
UNKNOWN_NS = "urn:example:a-word-processor-of-the-future"  # what no reader of today understands

# Strict Open XML (ISO/IEC 29500-1 strict): the same markup in other namespaces and relationships
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/"
STRICT = "http://purl.oclc.org/ooxml/"
STRICT_NAMESPACES = {
    W_NS: STRICT + "wordprocessingml/main",
    OFFICE + "relationships": STRICT + "officeDocument/relationships",
    A_NS: STRICT + "drawingml/main",
    WP_NS: STRICT + "drawingml/wordprocessingDrawing",
    OFFICE + "math": STRICT + "officeDocument/math",
    OFFICE + "extended-properties": STRICT + "officeDocument/extendedProperties",
    OFFICE + "docPropsVTypes": STRICT + "officeDocument/docPropsVTypes",
    OFFICE + "customXml": STRICT + "officeDocument/customXml",
}
TRANSITIONAL_RELATIONSHIPS = OFFICE + "relationships/"
STRICT_RELATIONSHIPS = STRICT + "officeDocument/relationships/"
STRICT_RELATIONSHIP_NAMES = {"extended-properties": "extendedProperties",
                             "custom-properties": "customProperties"}


# -- the package -------------------------------------------------------------------------------

def rewrite_parts(docx_bytes: bytes, change: Callable[[str, bytes], bytes]) -> bytes:
    """The package with each part's bytes passed through `change(name, data)`."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, change(info.filename, source.read(info.filename)))
    return out.getvalue()


def part_of(docx_bytes: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as package:
        return package.read(name)


def rewrite_document(docx_bytes: bytes, change: Callable[[etree._Element], None]) -> bytes:
    """The package with its main part (`word/document.xml`) changed in place by `change(root)`."""
    def part(name: str, data: bytes) -> bytes:
        if name != "word/document.xml":
            return data
        root = etree.fromstring(data)
        change(root)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return rewrite_parts(docx_bytes, part)


def _wrap(node: etree._Element, tag: str, properties: etree._Element | None = None,
          content: str | None = None) -> etree._Element:
    """Put `node` inside a new element `tag` (and its `content` child), where `node` stood."""
    wrapper = etree.Element(tag)
    node.addprevious(wrapper)
    if properties is not None:
        wrapper.append(properties)
    holder = etree.SubElement(wrapper, content) if content else wrapper
    holder.append(node)
    return wrapper


def _sdt_properties(alias: str) -> etree._Element:
    properties = etree.Element(W + "sdtPr")
    etree.SubElement(properties, W + "alias").set(W + "val", alias)
    etree.SubElement(properties, W + "id").set(W + "val", "1")
    return properties


def _in_sdt(node: etree._Element, alias: str) -> etree._Element:
    sdt = _wrap(node, W + "sdt", _sdt_properties(alias), W + "sdtContent")
    sdt.insert(1, etree.Element(W + "sdtEndPr"))
    return sdt


def _in_custom_xml(node: etree._Element, element: str) -> etree._Element:
    properties = etree.Element(W + "customXmlPr")
    attr = etree.SubElement(properties, W + "attr")
    attr.set(W + "name", "source")
    attr.set(W + "val", "form")
    wrapper = _wrap(node, W + "customXml", properties)
    wrapper.set(W + "uri", "urn:example:plan-form")
    wrapper.set(W + "element", element)
    return wrapper


# -- content controls, custom XML and smart tags ----------------------------------------------

def wrap_rows_in_sdt(docx_bytes: bytes) -> bytes:
    """Rows of each table as a form's repeating section makes them: the rows below the header in
    one content control, each row in a content control of its own inside it."""
    def change(root):
        for tbl in root.iter(W + "tbl"):
            rows = list(tbl.iterchildren(W + "tr"))
            for tr in rows:
                _in_sdt(tr, "Row")
            if len(rows) > 1:
                section = _in_sdt(rows[1].getparent().getparent(), "Rows")
                content = section.find(W + "sdtContent")
                for tr in rows[2:]:
                    content.append(tr.getparent().getparent())
    return rewrite_document(docx_bytes, change)


def wrap_everything_in_sdt(docx_bytes: bytes) -> bytes:
    """Content controls at every level a template puts them: around each table, row, cell,
    paragraph of a cell and run."""
    def change(root):
        for r in list(root.iter(W + "r")):
            _in_sdt(r, "Run")
        for p in list(root.iter(W + "p")):
            if p.getparent().tag == W + "tc":
                _in_sdt(p, "Paragraph")
        for tag, alias in ((W + "tc", "Cell"), (W + "tr", "Row"), (W + "tbl", "Table")):
            for node in list(root.iter(tag)):
                _in_sdt(node, alias)
    return rewrite_document(docx_bytes, change)


def wrap_in_custom_xml_and_smart_tags(docx_bytes: bytes) -> bytes:
    """Custom XML elements around each table, row, cell and paragraph (as forms bound to a schema
    write them), and each run in a smart tag."""
    def change(root):
        for r in list(root.iter(W + "r")):
            tag = _wrap(r, W + "smartTag")
            tag.set(W + "uri", "urn:schemas-microsoft-com:office:smarttags")
            tag.set(W + "element", "PersonName")
            tag.insert(0, etree.Element(W + "smartTagPr"))
        levels = ((W + "p", "para"), (W + "tc", "cell"), (W + "tr", "row"), (W + "tbl", "plan"))
        for tag, element in levels:
            for node in list(root.iter(tag)):
                _in_custom_xml(node, element)
    return rewrite_document(docx_bytes, change)


# -- text boxes and alternate content ---------------------------------------------------------

def _text_box_content(paragraphs: list[etree._Element]) -> etree._Element:
    content = etree.Element(W + "txbxContent")
    content.extend(paragraphs)
    return content


def drawing_text_box(paragraphs: list[etree._Element]) -> etree._Element:
    """A DrawingML text box (`wps:wsp/wps:txbx`, Word 2010 on) holding `paragraphs`."""
    drawing = etree.Element(W + "drawing")
    inline = etree.SubElement(drawing, f"{{{WP_NS}}}inline")
    etree.SubElement(inline, f"{{{WP_NS}}}extent", cx="1828800", cy="457200")
    etree.SubElement(inline, f"{{{WP_NS}}}docPr", id="1", name="Text Box 1")
    graphic = etree.SubElement(inline, f"{{{A_NS}}}graphic")
    data = etree.SubElement(graphic, f"{{{A_NS}}}graphicData", uri=WPS_NS)
    shape = etree.SubElement(data, f"{{{WPS_NS}}}wsp")
    etree.SubElement(shape, f"{{{WPS_NS}}}cNvSpPr", txBox="1")
    etree.SubElement(shape, f"{{{WPS_NS}}}txbx").append(_text_box_content(paragraphs))
    etree.SubElement(shape, f"{{{WPS_NS}}}bodyPr")
    return drawing


def vml_text_box(paragraphs: list[etree._Element]) -> etree._Element:
    """A VML text box (`w:pict/v:shape/v:textbox`): Word before 2010, and the fallback since."""
    pict = etree.Element(W + "pict")
    shape = etree.SubElement(pict, f"{{{V_NS}}}shape", id="TextBox1", type="#_x0000_t202",
                             style="width:144pt;height:36pt")
    etree.SubElement(shape, f"{{{V_NS}}}textbox").append(_text_box_content(paragraphs))
    return pict


def _alternate(choice: etree._Element, requires: str, fallback: etree._Element,
               nsmap: dict[str, str] | None = None) -> etree._Element:
    """`mc:AlternateContent` offering `choice` to readers that know the namespaces (prefixes) in
    `requires`, `fallback` to the others; `nsmap` declares prefixes the document does not."""
    alternate = etree.Element(MC + "AlternateContent", nsmap={"mc": MC_NS, **(nsmap or {})})
    etree.SubElement(alternate, MC + "Choice", Requires=requires).append(choice)
    etree.SubElement(alternate, MC + "Fallback").append(fallback)
    return alternate


Boxing = Callable[[list[etree._Element]], etree._Element]


def _cells_in_text_boxes(docx_bytes: bytes, box: Boxing) -> bytes:
    def change(root):
        for tc in list(root.iter(W + "tc")):
            paragraphs = list(tc.iterchildren(W + "p"))
            anchor = etree.Element(W + "p")
            paragraphs[0].addprevious(anchor)
            etree.SubElement(anchor, W + "r").append(box(paragraphs))
    return rewrite_document(docx_bytes, change)


def put_cells_in_text_boxes(docx_bytes: bytes) -> bytes:
    """Each cell's paragraphs moved into a text box anchored in the cell's one paragraph, as
    Word 2010 on writes it: the DrawingML box, and a VML copy as the fallback (the text twice)."""
    def box(paragraphs):
        copies = [copy.deepcopy(p) for p in paragraphs]
        return _alternate(drawing_text_box(paragraphs), "wps", vml_text_box(copies))
    return _cells_in_text_boxes(docx_bytes, box)


def put_cells_in_vml_text_boxes(docx_bytes: bytes) -> bytes:
    """Each cell's paragraphs in a VML text box anchored in the cell's one paragraph (Word 2007)."""
    return _cells_in_text_boxes(docx_bytes, vml_text_box)


def offer_runs_in_an_unknown_namespace(docx_bytes: bytes) -> bytes:
    """Each run offered in markup of a namespace no reader knows (`mc:Choice`, its text other than
    the run's) with the run itself as the fallback: a reader must take the fallback."""
    def change(root):
        for r in list(root.iter(W + "r")):
            future = etree.Element(f"{{{UNKNOWN_NS}}}run")
            run = etree.SubElement(future, W + "r")
            etree.SubElement(run, W + "t").text = "(shown by new readers only)"
            place = etree.Element(W + "r")
            r.addprevious(place)
            place.getparent().replace(place, _alternate(future, "x", r, nsmap={"x": UNKNOWN_NS}))
    return rewrite_document(docx_bytes, change)


# -- Strict Open XML ---------------------------------------------------------------------------

def _strict_name(name: str) -> str:
    ns, _, local = name[1:].partition("}") if name.startswith("{") else ("", "", name)
    return f"{{{STRICT_NAMESPACES.get(ns, ns)}}}{local}" if ns else name


def _strict_tree(root: etree._Element) -> etree._Element:
    """A copy of `root` with every element and attribute in its Strict namespace."""
    def copy_children(source, target):
        target.text = source.text
        for child in source:
            if not isinstance(child.tag, str):  # a comment or processing instruction
                target.append(copy.copy(child))
                continue
            out = etree.SubElement(target, _strict_name(child.tag),
                                   {_strict_name(k): v for k, v in child.attrib.items()})
            out.tail = child.tail
            copy_children(child, out)
    nsmap = {prefix: STRICT_NAMESPACES.get(uri, uri) for prefix, uri in root.nsmap.items()}
    attributes = {_strict_name(k): v for k, v in root.attrib.items()}
    top = etree.Element(_strict_name(root.tag), attributes, nsmap=nsmap)
    copy_children(root, top)
    return top


def _strict_relationship(kind: str) -> str:
    if not kind.startswith(TRANSITIONAL_RELATIONSHIPS):
        return kind
    name = kind[len(TRANSITIONAL_RELATIONSHIPS):]
    return STRICT_RELATIONSHIPS + STRICT_RELATIONSHIP_NAMES.get(name, name)


def to_strict_open_xml(docx_bytes: bytes) -> bytes:
    """The package as Word saves it as "Strict Open XML Document": every part's markup in the
    ISO/IEC 29500 strict namespaces, every relationship of a strict type."""
    def part(name: str, data: bytes) -> bytes:
        if not name.endswith((".xml", ".rels")) or name == "[Content_Types].xml":
            return data
        root = etree.fromstring(data)
        if name.endswith(".rels"):
            for rel in root:
                rel.set("Type", _strict_relationship(rel.get("Type", "")))
        else:
            root = _strict_tree(root)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return rewrite_parts(docx_bytes, part)


TRANSFORMS: dict[str, Callable[[bytes], bytes]] = {f.__name__: f for f in (
    wrap_rows_in_sdt, wrap_everything_in_sdt, wrap_in_custom_xml_and_smart_tags,
    put_cells_in_text_boxes, put_cells_in_vml_text_boxes, offer_runs_in_an_unknown_namespace,
    to_strict_open_xml)}


# -- text: what editors and a browser's copy put in a text (issue 42 part 1) ----------------

def _lines(text: str, change) -> str:
    return "\n".join(change(line) if line.strip() else line for line in text.split("\n"))


def _middle_space(line: str, replacement: str) -> str:
    spaces = [m.start() for m in re.finditer(" ", line)]
    if not spaces:
        return line
    k = spaces[len(spaces) // 2]
    return line[:k] + replacement + line[k + 1 :]


def middle(line: str, mark: str) -> str:
    """A mark in the middle of the line's middle word."""
    words = line.split(" ")
    k = len(words) // 2
    w = words[k]
    words[k] = w[: len(w) // 2] + mark + w[len(w) // 2 :]
    return " ".join(words)


def _numbers(text: str, change) -> str:
    """`change` applied to the numbers that open lines (`1.1.2.`)."""
    return re.sub(r"(?m)^((?:\d+\.)+)", lambda m: change(m.group(1)), text)


def _fullwidth(s: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) for c in s)


TEXT_CHANGES: dict[str, Callable[[str], str]] = {  # issue 42's rows for text, each as an editor or a browser's copy writes it
    "soft hyphens": lambda t: _lines(t, lambda line: middle(line, "\u00ad")),
    "zero-width spaces": lambda t: _lines(t, lambda line: middle(line, "\u200b")),
    "zero-width joiners": lambda t: _lines(t, lambda line: middle(line, "\u200d\u200c")),
    "word joiner": lambda t: _lines(t, lambda line: middle(line, "\u2060")),
    "decomposed (NFD)": lambda t: unicodedata.normalize("NFD", t),
    "a BOM before each line": lambda t: _lines(t, lambda line: "\ufeff" + line),
    "fullwidth full stops in numbers": lambda t: _numbers(t, lambda n: n.replace(".", "\uff0e")),
    "fullwidth numbers": lambda t: _numbers(t, _fullwidth),
    "a form feed inside a line": lambda t: _lines(t, lambda line: _middle_space(line, "\f")),
    "a vertical tab inside a line": lambda t: _lines(t, lambda line: _middle_space(line, "\v")),
    "bidi marks at line starts": lambda t: _lines(t, lambda line: "\u200f" + line),
    "embeddings around lines": lambda t: _lines(t, lambda line: "\u202b" + line + "\u202c"),
    "isolates around lines": lambda t: _lines(t, lambda line: "\u2068" + line + "\u2069"),
}


# -- PDF as viewers read it ----------------------------------------------------------------------

def _startxref(pdf: bytes) -> int:
    """Where the file's last `startxref` says its last cross-reference table (or stream) is."""
    return int(re.findall(rb"startxref\s+(\d+)", pdf)[-1])


def lose_xref(pdf: bytes) -> bytes:
    """The file cut before its last cross-reference table or stream: table, trailer and
    startxref lost (a download cut short at its end, an editor's crash); viewers rebuild it."""
    return pdf[:_startxref(pdf)]


def prev_to_itself(pdf: bytes) -> bytes:
    """The last trailer's (or cross-reference stream's) `/Prev` pointing at its own table (a
    tool's incremental save gone wrong); viewers stop at a table met before."""
    start = _startxref(pdf)
    at = pdf.index(b"<<", start) + 2
    return pdf[:at] + b"/Prev %d " % start + pdf[at:]


def startxref_astray(pdf: bytes) -> bytes:
    """`startxref` pointing a little off its table (an editor that added bytes before it)."""
    found = list(re.finditer(rb"startxref\s+(\d+)", pdf))[-1]
    return pdf[:found.start(1)] + b"%d" % (int(found.group(1)) + 7) + pdf[found.end(1):]


def _objects(pdf: bytes) -> list[tuple[int, bytes]]:
    """(number, text between `N 0 obj` and `endobj`) of each object the file's table lists, in
    file order: an object's bytes run to where the next object (or the table) starts."""
    import io

    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    doc = PDFDocument(PDFParser(io.BytesIO(pdf)))
    places = sorted((pos, number) for xref in doc.xrefs
                    for number, (_, pos, generation) in getattr(xref, "offsets", {}).items())
    ends = [pos for pos, _ in places[1:]] + [_startxref(pdf)]
    out = []
    for (pos, number), end in zip(places, ends):
        text = pdf[pos:end].rstrip()
        assert text.endswith(b"endobj"), number
        head = re.match(rb"\d+\s+\d+\s+obj\s*", text)
        assert head is not None, number
        out.append((number, text[head.end():-len(b"endobj")].strip()))
    return out


def in_object_streams(pdf: bytes) -> bytes:
    """The file as PDF 1.5 writers save it (Acrobat's "reduce size", qpdf
    `--object-streams=generate`): every object but the streams inside one compressed object
    stream (`/Type /ObjStm`), and a cross-reference stream in place of the table."""
    import zlib

    trailer = pdf[pdf.rindex(b"trailer"):]
    named = rb"/(?:Root|Info)\s*\d+\s+\d+\s+R|/ID\s*\[[^\]]*\]"
    keys = b"".join(m.group(0) for m in re.finditer(named, trailer))
    objects = _objects(pdf)
    size = max(number for number, _ in objects) + 1
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    where = {0: (0, 0, 65535)}  # number -> (type, field 2, field 3) of its entry
    packed: list[tuple[int, bytes]] = []
    for number, body in objects:
        if body.endswith(b"endstream"):
            where[number] = (1, len(out), 0)
            out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
        else:
            where[number] = (2, size, len(packed))
            packed.append((number, body))
    header, content = bytearray(), bytearray()
    for number, body in packed:
        header += b"%d %d " % (number, len(content))
        content += body + b"\n"
    stream = zlib.compress(bytes(header + content))
    where[size] = (1, len(out), 0)
    head = b"<< /Type /ObjStm /N %d /First %d /Length %d /Filter /FlateDecode >>" % (
        len(packed), len(header), len(stream))
    out += b"%d 0 obj\n%s\nstream\n%s\nendstream\nendobj\n" % (size, head, stream)
    where[size + 1] = (1, len(out), 0)
    rows = b"".join(b"%c%s%s" % (kind, a.to_bytes(4, "big"), b.to_bytes(2, "big"))
                    for kind, a, b in (where.get(n, (0, 0, 0)) for n in range(size + 2)))
    table = zlib.compress(rows)
    out += (b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] %s /Length %d /Filter /FlateDecode >>\n"
            b"stream\n" % (size + 1, size + 2, keys, len(table)) + table + b"\nendstream\nendobj\n")
    out += b"startxref\n%d\n%%%%EOF\n" % where[size + 1][1]
    return bytes(out)


PDF_CHANGES: dict[str, Callable[[bytes], bytes]] = {  # issue 42's rows for PDF: damaged, as viewers still show it
    "xref table and trailer lost": lose_xref,
    "/Prev pointing to its own table": prev_to_itself,
    "startxref astray": startxref_astray,
    # the same damage to the file as PDF 1.5 writers save it: its objects inside object streams
    "object streams (sound)": in_object_streams,
    "object streams, cross-reference stream lost": lambda pdf: lose_xref(in_object_streams(pdf)),
    "object streams, /Prev pointing to its own stream":
        lambda pdf: prev_to_itself(in_object_streams(pdf)),
    "object streams, startxref astray": lambda pdf: startxref_astray(in_object_streams(pdf)),
}


def _increment(pdf: bytes, objects: dict[int, bytes]) -> bytes:
    """`pdf` with new versions of `objects` (number -> body) appended as an incremental update."""
    start = int(re.findall(rb"startxref\s+(\d+)", pdf)[-1])
    root = re.findall(rb"/Root\s*(\d+\s+\d+\s+R)", pdf)[-1]
    size = int(re.findall(rb"/Size\s*(\d+)", pdf)[-1])
    out = bytearray(pdf)
    offsets = {}
    for number, body in sorted(objects.items()):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n" + b"".join(b"%d 1\n%010d 00000 n \n" % item for item in sorted(offsets.items()))
    out += b"trailer\n<< /Size %d /Root %s /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (size, root, start, xref)
    return bytes(out)


def tounicode_holes_with_glyph_names(pdf: bytes, every: int = 4) -> bytes:
    """Each font naming its glyphs (`/Encoding << /Differences >>`, `uniXXXX` names, as producers
    of Type 1 fonts write them), and its ToUnicode map sending every `every`-th code to U+0000
    (a producer that lost them): the names say what the map lost."""
    import io
    import zlib

    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import PDFObjRef

    doc = PDFDocument(PDFParser(io.BytesIO(pdf)))
    changed: dict[int, bytes] = {}
    for number in sorted({n for xref in doc.xrefs for n in xref.get_objids()}):
        font = doc.getobj(number)
        if not isinstance(font, dict) or not isinstance(font.get("ToUnicode"), PDFObjRef):
            continue
        ref = font["ToUnicode"]
        cmap = doc.getobj(ref.objid).get_data()
        pairs = re.findall(rb"<([0-9A-Fa-f]{2})>\s*<([0-9A-Fa-f]{4})>", cmap)
        names = b" ".join(b"%d /uni%s" % (int(code, 16), target.upper()) for code, target in pairs)
        body = re.search(rb"%d 0 obj\s*<<(.*?)>>\s*endobj" % number, pdf, re.S)
        assert body is not None, number
        changed[number] = b"<<" + body.group(1) + b"/Encoding << /Differences [" + names + b"] >> >>"
        count = [0]

        def hole(m: re.Match) -> bytes:
            count[0] += 1
            return m.group(1) + (b"<0000>" if count[0] % every == 0 else m.group(2))

        holed = zlib.compress(re.sub(rb"(<[0-9A-Fa-f]{2}>\s*)(<[0-9A-Fa-f]{4}>)", hole, cmap))
        changed[ref.objid] = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(holed) + holed + b"\nendstream"
    return _increment(pdf, changed)


PDF_CHANGES["ToUnicode holes the glyph names fill"] = tounicode_holes_with_glyph_names


def tounicode_holes_no_name_fills(pdf: bytes, every: int = 8) -> bytes:
    """Each font's ToUnicode map sending every `every`-th code of a letter to U+0000, the font
    naming no glyphs (LibreOffice's subset TrueType fonts: no `/Differences`, a `post` table of
    format 3.0, a Mac cmap from code to glyph): nothing says what the lost letters are, so the
    fields that hold them must be flagged (`letters_lost`), never guessed.  (A lost digit or
    full stop breaks the measures' numbers, and rows with them: no flag on a field says that.)"""
    import io
    import zlib

    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    doc = PDFDocument(PDFParser(io.BytesIO(pdf)))
    changed: dict[int, bytes] = {}
    for ref in sorted({int(n) for n in re.findall(rb"/ToUnicode\s*(\d+)\s+0\s+R", pdf)}):
        cmap = doc.getobj(ref).get_data()
        count = [0]

        def hole(m: re.Match) -> bytes:
            if not chr(int(m.group(2)[1:-1], 16)).isalpha():
                return m.group(0)
            count[0] += 1
            return m.group(1) + (b"<0000>" if count[0] % every == 0 else m.group(2))

        holed = zlib.compress(re.sub(rb"(<[0-9A-Fa-f]{2}>\s*)(<[0-9A-Fa-f]{4}>)", hole, cmap))
        head = b"<< /Length %d /Filter /FlateDecode >>" % len(holed)
        changed[ref] = head + b"\nstream\n" + holed + b"\nendstream"
    return _increment(pdf, changed)


PDF_CHANGES["ToUnicode holes no name fills"] = tounicode_holes_no_name_fills
