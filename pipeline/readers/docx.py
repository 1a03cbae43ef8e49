"""Word (.docx): body paragraphs and tables, read from the XML.

python-docx opens the package; the body is then walked in document order on the
XML itself, because python-docx hides what an annex needs:

* automatic list numbering (`w:numPr`, from the paragraph or its style): the number
  (`1.1.1.`) is not in the text and is rendered here from `numbering.xml`;
* tracked changes: inserted text is kept, deleted text (`w:del`, `w:moveFrom`) is not,
  i.e. the accepted version;
* soft line breaks (`w:br`, `w:cr`) become `\\n` inside the paragraph;
* `gridSpan`: a cell spanning grid columns stands at its first column with its `colspan`,
  the columns it covers hold empty `merged_from_left` placeholders;
* `vMerge`: a continuing cell repeats the paragraphs of the cell it continues, marked
  `merged_from_above`, so nothing is read twice; the first cell counts the rows (`rowspan`);
* nested tables: their paragraphs are read as paragraphs of the cell;
* the markup templates and forms put around content (content controls `w:sdt`, custom XML
  `w:customXml`, smart tags `w:smartTag`) at block, row, cell or run level: read as if it were
  not there, so rows in a content control are rows of their table (`unwrap`);
* `mc:AlternateContent`: one branch, the first Choice whose namespaces are understood, else the
  Fallback (Word 2010 on writes a text box twice: DrawingML, and VML for older readers);
* text boxes (`w:txbxContent`): their paragraphs and tables read once, as blocks of their own
  after the paragraph they are anchored in, which is dropped when it holds nothing else
  (`lift_text_boxes`);
* Strict Open XML (ISO/IEC 29500 strict namespaces and relationship types): read as the same
  package in the transitional ones (`transitional_package`).

Provenance: table, row, grid column (`cell`), paragraph index; body paragraphs have
only `paragraph`.
"""
from __future__ import annotations

import io
import shutil
import tempfile
import zipfile
from pathlib import Path

from ..errors import DocumentLoadError
from ..model import Cell, Document, Paragraph, Provenance, Row, SourceInfo, Table
from .budget import CellCount, check_columns
from .options import ReadOptions

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
SKIP = {W + "del", W + "moveFrom", W + "pPr", W + "rPr", W + "tblPr", W + "tcPr", W + "trPr",
        W + "sectPr", W + "tblGrid", W + "fldData", W + "instrText", W + "delInstrText"}


def read_legacy(path: Path, info: SourceInfo, options: ReadOptions) -> Document:
    """A legacy .doc: converted to .docx by LibreOffice when it is installed, then read."""
    import subprocess  # 2 ms of a Word file's run: only for a legacy file

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise DocumentLoadError(
            f"{path}: a legacy Word .doc file and LibreOffice is not "
            "installed to convert it; install it (Debian: apt-get "
            "install libreoffice-writer-nogui) or save the file as .docx")
    with tempfile.TemporaryDirectory() as tmp:
        try:
            subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp}/profile",
                            "--convert-to", "docx", "--outdir", tmp, str(path)],
                           capture_output=True, timeout=180, check=False)
        except subprocess.TimeoutExpired:
            raise DocumentLoadError(f"{path}: LibreOffice took too long "
                                    "to convert this .doc") from None
        converted = Path(tmp) / (path.stem + ".docx")
        if not converted.exists():
            raise DocumentLoadError(f"{path}: LibreOffice could not convert "
                                    "this .doc (corrupt or protected?)")
        return read(converted, info, options)


# columns a cell may span where the table states no grid: HTML's own limit on colspan
MAX_SPAN = 1000

# a part of a Word file that inflates past this is refused before it is parsed (a zip bomb)
MAX_PART_BYTES = 200 * 1024 * 1024


def _size(n: int) -> str:
    return (f"{n / 2**20:.0f} MB" if n >= 2**20
            else f"{n / 2**10:.0f} KB" if n >= 2**10
            else f"{n} bytes")


def read(path: Path, info: SourceInfo, options: ReadOptions) -> Document:
    import docx  # python-docx

    limit = options.max_part_bytes or MAX_PART_BYTES
    try:
        with zipfile.ZipFile(path) as archive:  # a damaged central directory is refused here
            big = next((i for i in archive.infolist() if i.file_size > limit), None)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise DocumentLoadError(f"{path}: not a valid .docx (not a zip "
                                "archive, or a truncated one)") from None
    # a zip version or compression method no reader of Word files uses
    except NotImplementedError as exc:
        raise DocumentLoadError(f"{path}: not a valid .docx ({exc})") from None
    if big is not None:
        raise DocumentLoadError(f"{path}: its part {big.filename} would inflate "
                                f"to {_size(big.file_size)}, past the limit of "
                                f"{_size(limit)} (--max-part-size); not read")
    try:
        word = docx.Document(transitional_package(path) or str(path))
    except zipfile.BadZipFile:
        raise DocumentLoadError(f"{path}: not a valid .docx (not a zip "
                                "archive, or a truncated one)") from None
    except KeyError as exc:
        raise DocumentLoadError(f"{path}: not a valid .docx (missing part {exc})") from None
    except MemoryError:
        raise  # the memory ceiling's to name (`isolate`), not a fault of the file's kind
    except Exception as exc:  # python-docx raises plain exceptions for a wrong package type
        raise DocumentLoadError(f"{path}: not a Word document "
                                f"({exc.__class__.__name__}: {exc})") from None
    body = word.element.find(W + "body")
    if word.element.tag != W + "document" or body is None:
        raise DocumentLoadError(f"{path}: not a Word document (its main "
                                "part is no w:document with a body)")
    unwrap(body)
    lift_text_boxes(body)
    numbering = Numbering.from_document(word)
    walker = _Walker(info.file, numbering, CellCount(path))
    return walker.body(body, info)


class _Walker:
    def __init__(self, file: str, numbering: "Numbering", cells: CellCount | None = None):
        self.file = file
        self.numbering = numbering
        self.cells = cells or CellCount(file)

    def body(self, body, info: SourceInfo) -> Document:
        doc = Document(source=info)
        for child in body.iterchildren():
            if child.tag == W + "p":
                text = self.paragraph_text(child)
                doc.paragraphs.append(Paragraph(text, Provenance(self.file,
                                                                 paragraph=len(doc.paragraphs))))
            elif child.tag == W + "tbl":
                table = self.table(child, len(doc.tables))
                table.position = len(doc.paragraphs)
                doc.tables.append(table)
        return doc

    # -- tables ------------------------------------------------------------------
    def table(self, tbl, t_index: int) -> Table:
        rows: list[Row] = []
        origins: dict[int, Cell] = {}  # grid column -> the cell that a vMerge below it continues
        # a span never reaches past the table's grid (its
        # `w:gridCol`s; HTML's limit where none is given)
        grid = len(tbl.findall(f"{W}tblGrid/{W}gridCol")) or MAX_SPAN
        check_columns(self.cells.path, grid)
        for r_index, tr in enumerate(tbl.iterchildren(W + "tr")):
            cells: list[Cell] = []
            for tc in tr.iterchildren(W + "tc"):
                col = len(cells)
                span = min(max(1, _int_val(tc.find(f"{W}tcPr/{W}gridSpan"), 1)), max(1, grid - col))
                self.cells.add(span)  # before they are made: a budget, not a tally
                v_merge = tc.find(f"{W}tcPr/{W}vMerge")
                continues = v_merge is not None and v_merge.get(W + "val", "continue") == "continue"
                if continues and rows and col < len(rows[-1].cells) and col in origins:
                    cell = Cell(rows[-1].cells[col].paragraphs, merged_from_above=True)
                    origins[col].rowspan += 1
                else:
                    cell = Cell(self.cell_paragraphs(tc, t_index, r_index, col), colspan=span)
                    origins[col] = cell
                cells.append(cell)
                cells.extend(Cell([], merged_from_left=True) for _ in range(span - 1))
            rows.append(Row(cells))
        return Table(rows)

    def cell_paragraphs(self, tc, t_index: int, r_index: int, col: int) -> list[Paragraph]:
        out: list[Paragraph] = []
        for p in tc.iter(W + "p"):
            if _inside(p, W + "del", stop=tc):
                continue
            prov = Provenance(self.file, table=t_index, row=r_index, cell=col, paragraph=len(out))
            out.append(Paragraph(self.paragraph_text(p), prov))
        return out

    # -- paragraphs -------------------------------------------------------------
    def paragraph_text(self, p) -> str:
        parts: list[str] = []
        _collect(p, parts)
        text = "".join(parts)
        label = self.numbering.label(p)
        return f"{label} {text}" if label else text


# -- Word as Word writes it: markup around content, alternatives, text boxes --------------------

# the namespaces whose markup this reader reads as text: WordprocessingML and its extensions,
# and the drawings that carry text boxes (DrawingML shapes, groups and canvases; VML)
OFFICE = "http://schemas.microsoft.com/office/word/"
OPENXML = "http://schemas.openxmlformats.org/"
UNDERSTOOD = frozenset({
    W[1:-1], "http://purl.oclc.org/ooxml/wordprocessingml/main",
    OFFICE + "2010/wordml", OFFICE + "2012/wordml", OFFICE + "2010/wordprocessingShape",
    OFFICE + "2010/wordprocessingGroup", OFFICE + "2010/wordprocessingCanvas",
    OFFICE + "2010/wordprocessingDrawing", OPENXML + "drawingml/2006/wordprocessingDrawing",
    OPENXML + "drawingml/2006/main", OPENXML + "drawingml/2006/picture",
    "urn:schemas-microsoft-com:vml", "urn:schemas-microsoft-com:office:office",
    "urn:schemas-microsoft-com:office:word",
})
WRAPPERS = (W + "sdt", W + "customXml", W + "smartTag", MC + "AlternateContent")
# the properties of a wrapper, not its content
WRAPPER_PROPERTIES = {W + "sdtPr", W + "sdtEndPr", W + "customXmlPr", W + "smartTagPr"}


def _branch(alternate):
    """The branch of an `mc:AlternateContent` a reader that knows `UNDERSTOOD` takes: the first
    Choice all of whose required namespaces (prefixes in `Requires`) it knows, else the Fallback."""
    for choice in alternate.iterchildren(MC + "Choice"):
        required = [choice.nsmap.get(prefix) for prefix in choice.get("Requires", "").split()]
        if required and all(ns in UNDERSTOOD for ns in required):
            return choice
    return alternate.find(MC + "Fallback")


def _content(wrapper) -> list:
    """What a wrapper holds, to stand in its place: the content of a content control, the children
    of custom XML or a smart tag but their properties, the branch of alternate content taken."""
    if wrapper.tag == W + "sdt":
        held = wrapper.find(W + "sdtContent")
    elif wrapper.tag == MC + "AlternateContent":
        held = _branch(wrapper)
    else:
        return [child for child in wrapper if child.tag not in WRAPPER_PROPERTIES]
    return [] if held is None else list(held)


def _replace(node, blocks: list) -> None:
    """`node` replaced by `blocks`, where it stands."""
    parent = node.getparent()
    if parent is None:
        return
    for block in blocks:
        node.addprevious(block)
    parent.remove(node)


def unwrap(root) -> None:
    """Content controls, custom XML, smart tags and alternate content replaced, at every level,
    by the content they hold (one branch of alternate content): rows in a content control are
    then rows of their table, a table in custom XML a table of the body.  In document order, so an
    outer wrapper goes before the wrappers it holds (a wrapper in a branch left out is undone out
    of the document, harmlessly)."""
    for wrapper in list(root.iter(*WRAPPERS)):
        _replace(wrapper, _content(wrapper))


def _paragraph_of(node):
    return next(node.iterancestors(W + "p"), None)


def _holds_nothing(p) -> bool:
    parts: list[str] = []
    _collect(p, parts)
    return not "".join(parts) and p.find(f"{W}pPr/{W}numPr") is None


def lift_text_boxes(root) -> None:
    """Each text box's paragraphs and tables (`w:txbxContent`) taken out of the paragraph it is
    anchored in and set after it, in order, so that they are read once, as blocks of their own; an
    anchoring paragraph left holding nothing (no text, no number) is dropped."""
    anchors: dict[int, list] = {}  # id of an anchoring paragraph -> [it, the last block after it]
    for box in list(root.iter(W + "txbxContent")):
        host, blocks = _paragraph_of(box), list(box)
        if host is None:  # in no paragraph (no valid file has one): its blocks stand where it stood
            _replace(box, blocks)
            continue
        box.getparent().remove(box)
        anchor = anchors.setdefault(id(host), [host, host])
        for block in blocks:
            anchor[1].addnext(block)
            anchor[1] = block
    for host, _ in anchors.values():
        if _holds_nothing(host):
            host.getparent().remove(host)


# -- Strict Open XML: the same markup in other namespaces ---------------------------------------

STRICT = "http://purl.oclc.org/ooxml/"
STRICT_RELATIONSHIPS = STRICT + "officeDocument/relationships/"
TRANSITIONAL_RELATIONSHIPS = OPENXML + "officeDocument/2006/relationships/"
TRANSITIONAL_NAMES = {"extendedProperties": "extended-properties",
                      "customProperties": "custom-properties"}
TRANSITIONAL = {  # ISO/IEC 29500-1 strict namespace -> its transitional namespace
    STRICT + "wordprocessingml/main": W[1:-1],
    STRICT + "officeDocument/relationships": TRANSITIONAL_RELATIONSHIPS[:-1],
    STRICT + "officeDocument/math": OPENXML + "officeDocument/2006/math",
    STRICT + "officeDocument/extendedProperties":
        OPENXML + "officeDocument/2006/extended-properties",
    STRICT + "officeDocument/customProperties": OPENXML + "officeDocument/2006/custom-properties",
    STRICT + "officeDocument/docPropsVTypes": OPENXML + "officeDocument/2006/docPropsVTypes",
    STRICT + "officeDocument/customXml": OPENXML + "officeDocument/2006/customXml",
    STRICT + "officeDocument/bibliography": OPENXML + "officeDocument/2006/bibliography",
    STRICT + "officeDocument/sharedTypes": OPENXML + "officeDocument/2006/sharedTypes",
    STRICT + "schemaLibrary/main": OPENXML + "schemaLibrary/2006/main",
    STRICT + "drawingml/main": OPENXML + "drawingml/2006/main",
    STRICT + "drawingml/wordprocessingDrawing": OPENXML + "drawingml/2006/wordprocessingDrawing",
    STRICT + "drawingml/picture": OPENXML + "drawingml/2006/picture",
    STRICT + "drawingml/chart": OPENXML + "drawingml/2006/chart",
    STRICT + "drawingml/diagram": OPENXML + "drawingml/2006/diagram",
}


def _parser():
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True)


def _transitional_type(kind: str) -> str:
    if not kind.startswith(STRICT_RELATIONSHIPS):
        return kind
    name = kind[len(STRICT_RELATIONSHIPS):]
    return TRANSITIONAL_RELATIONSHIPS + TRANSITIONAL_NAMES.get(name, name)


def _transitional_name(name: str) -> str:
    namespace, _, local = name[1:].partition("}")
    is_strict = name.startswith("{") and namespace in TRANSITIONAL
    return f"{{{TRANSITIONAL[namespace]}}}{local}" if is_strict else name


def _transitional_part(name: str, data: bytes) -> bytes:
    """A part with its strict namespaces (markup) or relationship types (`.rels`) made transitional;
    a part that is no XML is left as it is, for the reader of the package to judge."""
    from lxml import etree

    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError:
        return data
    for node in root.iter(tag=etree.Element):
        node.tag = _transitional_name(node.tag)
        for key in [k for k in node.attrib if k.startswith("{" + STRICT)]:
            node.attrib[_transitional_name(key)] = node.attrib.pop(key)
        if name.endswith(".rels") and node.get("Type"):
            node.set("Type", _transitional_type(node.get("Type")))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _is_strict(archive: zipfile.ZipFile) -> bool:
    from lxml import etree

    try:
        relationships = etree.fromstring(archive.read("_rels/.rels"), _parser())
    except (KeyError, etree.XMLSyntaxError):
        return False
    return any(rel.get("Type", "").startswith(STRICT_RELATIONSHIPS) for rel in relationships)


def transitional_package(path: Path) -> io.BytesIO | None:
    """A Strict Open XML package rewritten, in memory, in the transitional namespaces and
    relationship types python-docx knows; None for a transitional package (read as it is)."""
    with zipfile.ZipFile(path) as archive:
        if not _is_strict(archive):
            return None
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
            for info in archive.infolist():
                name, data = info.filename, archive.read(info.filename)
                is_markup = name.endswith((".xml", ".rels")) and name != "[Content_Types].xml"
                package.writestr(name, _transitional_part(name, data) if is_markup else data)
    out.seek(0)
    return out


def _collect(node, parts: list[str]) -> None:
    for child in node.iterchildren():
        tag = child.tag
        if tag in SKIP or not isinstance(tag, str):
            continue
        if tag == W + "t":
            parts.append(child.text or "")
        elif tag == W + "tab":
            parts.append("\t")
        elif tag in (W + "br", W + "cr"):
            if child.get(W + "type") not in ("page", "column"):
                parts.append("\n")
        elif tag == W + "noBreakHyphen":
            parts.append("-")
        elif tag == W + "tbl":  # a table nested in a paragraph's container: read elsewhere
            continue
        else:
            _collect(child, parts)


def _inside(node, tag: str, stop) -> bool:
    parent = node.getparent()
    while parent is not None and parent is not stop:
        if parent.tag == tag:
            return True
        parent = parent.getparent()
    return False


def _str_val(node, default: str | None) -> str | None:
    """The w:val of an element, or `default` when the element is absent."""
    return default if node is None else node.get(W + "val", default)


def _int_val(node, default: int) -> int:
    if node is None:
        return default
    try:
        return int(node.get(W + "val"))
    except (TypeError, ValueError):
        return default


# -- automatic numbering ---------------------------------------------------------

def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"),
                           (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"),
                           (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + numeral, n - value
    return out


MAX_LEVEL = 8  # Word's list levels are 0-8 (`w:ilvl`); others are ignored
# the largest number written in Roman numerals; a list number above it is written in digits
MAX_NUMBER = 3999


def _format(n: int, fmt: str) -> str:
    if not 0 < n <= MAX_NUMBER:
        return str(n)  # a crafted `w:start` of 10**12 is not spelt out in letters or numerals
    if fmt in ("lowerLetter", "upperLetter"):
        s = ""
        while n > 0:
            n, r = divmod(n - 1, 26)
            s = chr(97 + r) + s
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n).upper() if fmt == "upperRoman" else _roman(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


def _level(value: str | None) -> int:
    """A list level (`w:ilvl`), -1 where it is none of Word's 0-8."""
    try:
        level = int(str(value))
    except ValueError:
        return -1
    return level if 0 <= level <= MAX_LEVEL else -1


class Numbering:
    """Renders the labels of automatically numbered paragraphs, in document order."""

    def __init__(self, levels: dict[str, dict[int, dict]], styles: dict[str, tuple[str, int]]):
        self.levels = levels  # numId -> ilvl -> {start, fmt, text}
        self.styles = styles  # styleId -> (numId, ilvl)
        self.counters: dict[str, dict[int, int]] = {}

    @classmethod
    def from_document(cls, word) -> "Numbering":
        levels: dict[str, dict[int, dict]] = {}
        styles: dict[str, tuple[str, int]] = {}
        try:
            root = word.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            root = None
        if root is not None:
            abstract = {}
            for an in root.iterchildren(W + "abstractNum"):
                abstract[an.get(W + "abstractNumId")] = {
                    _level(lvl.get(W + "ilvl", "0")): {
                        "start": _int_val(lvl.find(W + "start"), 1),
                        "fmt": _str_val(lvl.find(W + "numFmt"), "decimal"),
                        "text": _str_val(lvl.find(W + "lvlText"), ""),
                    } for lvl in an.iterchildren(W + "lvl")
                    if _level(lvl.get(W + "ilvl", "0")) >= 0}
            for num in root.iterchildren(W + "num"):
                base = abstract.get(_str_val(num.find(W + "abstractNumId"), None), {})
                lv = {k: dict(v) for k, v in base.items()}
                for override in num.iterchildren(W + "lvlOverride"):
                    ilvl = _level(override.get(W + "ilvl", "0"))
                    start = override.find(W + "startOverride")
                    if start is not None and ilvl in lv:
                        lv[ilvl]["start"] = _int_val(start, 1)
                levels[num.get(W + "numId")] = lv
        try:
            for style in word.styles.element.iterchildren(W + "style"):
                num_pr = style.find(f"{W}pPr/{W}numPr")
                if num_pr is not None:
                    num_id = num_pr.find(W + "numId")
                    if num_id is not None:
                        styles[style.get(W + "styleId")] = (num_id.get(W + "val"),
                                                            _int_val(num_pr.find(W + "ilvl"), 0))
        except (KeyError, AttributeError):
            pass
        return cls(levels, styles)

    def label(self, p) -> str:
        """The rendered number of paragraph `p` ('1.1.3.'), advancing the counters; '' if none."""
        ppr = p.find(W + "pPr")
        if ppr is None:
            return ""
        num_pr = ppr.find(W + "numPr")
        num_id, ilvl = None, 0
        style = ppr.find(W + "pStyle")
        if style is not None and style.get(W + "val") in self.styles:
            num_id, ilvl = self.styles[style.get(W + "val")]
        if num_pr is not None:
            nid = num_pr.find(W + "numId")
            num_id = nid.get(W + "val") if nid is not None else num_id
            ilvl = _int_val(num_pr.find(W + "ilvl"), ilvl)
        if num_id is None or num_id == "0" or num_id not in self.levels:
            return ""
        levels = self.levels[num_id]
        if ilvl not in levels or not 0 <= ilvl <= MAX_LEVEL:
            return ""
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl]["start"] - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        fmt = levels[ilvl]["fmt"]
        if fmt in ("bullet", "none"):
            return ""
        text = levels[ilvl]["text"]
        for k in range(ilvl + 1):
            value = counters.get(k, levels.get(k, {}).get("start", 1))
            text = text.replace(f"%{k + 1}",
                                _format(value, levels.get(k, {}).get("fmt", "decimal")))
        return text
