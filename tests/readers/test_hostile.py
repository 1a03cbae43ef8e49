"""Hostile and damaged files (issue 21): what a crafted file asks for is bounded by what the
format allows, and a damaged value is one flagged field, never a traceback."""
import re
import zipfile

import pytest

from pipeline.errors import DocumentLoadError
from pipeline.normalize.timeframes import parse_timeframe
from pipeline.readers import library_messages, one_line, read
from pipeline.readers.ocr import missing
from pipeline.readers.pdf_layer import ENGINES
from tests import hostile
from tests.conftest import RAW


def test_a_word_cell_spanning_a_billion_columns_spans_the_table_grid_only(tmp_path):
    source = zipfile.ZipFile(RAW / "annex_en.docx")
    crafted = tmp_path / "span.docx"
    with zipfile.ZipFile(crafted, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = re.sub(rb"<w:tc>", b'<w:tc><w:tcPr><w:gridSpan w:val="1000000000"/></w:tcPr>', data, count=1)
            out.writestr(item, data)
    doc = read(crafted)
    assert max(len(row.cells) for t in doc.tables for row in t.rows) <= 1000


def test_an_html_colspan_of_ten_million_is_read_as_a_browser_reads_it(tmp_path):
    html = (RAW / "annex_en.html").read_text(encoding="utf-8")
    crafted = tmp_path / "span.html"
    crafted.write_text(html.replace("<td", '<td colspan="10000000" rowspan="99999999999"', 1), encoding="utf-8")
    doc = read(crafted)
    assert max(len(row.cells) for t in doc.tables for row in t.rows) <= 1000 + 10


def test_a_footnote_mark_in_a_deadline_leaves_it_unparsed_not_a_traceback():
    for text in ("2006 ²", "2006²", "2007–2009 ¹", "२००६"):
        result = parse_timeframe(text, (2006, 2010))
        assert not result.ok and result.note


def test_a_number_option_in_other_digits_is_one_clear_error(capsys):
    from pipeline.cli import main
    try:
        code = main(["extract", str(RAW / "annex_en.txt"), "-j", "²", "-o", "out"])
    except SystemExit as exc:  # argparse: exit 2 with one line
        code = exc.code
    assert code == 2 and "Traceback" not in capsys.readouterr().err



def _zip_of(tmp_path, name, change):
    files = {i.filename: zipfile.ZipFile(RAW / "annex_en.docx").read(i.filename)
             for i in zipfile.ZipFile(RAW / "annex_en.docx").infolist()}
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for filename, data in files.items():
            out.writestr(filename, change(filename, data))
    return path


def test_a_word_file_whose_main_part_is_no_document_is_one_clear_error(tmp_path):
    path = _zip_of(tmp_path, "notdoc.docx",
                   lambda f, d: b'<?xml version="1.0"?><foo xmlns="x"/>' if f == "word/document.xml" else d)
    with pytest.raises(DocumentLoadError, match="not a Word document"):
        read(path)


def test_a_damaged_zip_directory_is_one_clear_error(tmp_path):
    data = (RAW / "annex_en.docx").read_bytes()
    at = data.rfind(b"PK\x01\x02")
    path = tmp_path / "damaged.docx"
    path.write_bytes(data[:at] + b"XX" + data[at + 2:])
    with pytest.raises(DocumentLoadError, match="not a valid .docx"):
        read(path)


def test_crafted_word_numbering_is_read_in_bounds(tmp_path):
    """List levels outside Word's 0-8 are ignored (an unreadable `x` on a paragraph is level 0, as
    its default), and a list that starts at 10**12 in Roman numerals is written in digits: quickly,
    and never a traceback."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    from tests.readers import docx_builder as b
    doc = b.new()
    numbering = doc.part.numbering_part.element
    levels = ('<w:lvl w:ilvl="0"><w:start w:val="1000000000000"/><w:numFmt w:val="upperRoman"/>'
              '<w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="x"><w:start w:val="1"/></w:lvl>'
              '<w:lvl w:ilvl="100000000"><w:start w:val="1"/><w:lvlText w:val="%100000000"/></w:lvl>')
    numbering.append(parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">{levels}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="9"><w:abstractNumId w:val="90"/></w:num>'))
    for level in ("0", "x", "100000000"):
        b.number(doc.add_paragraph("A numbered line"), "9", level)
    doc.save(tmp_path / "numbered.docx")
    texts = [p.text for p in read(tmp_path / "numbered.docx").paragraphs]
    assert texts[1:] == ["1000000000000. A numbered line", "1000000000001. A numbered line", "A numbered line"]


def test_a_table_nested_a_thousand_elements_deep_is_read(tmp_path):
    """HTML is walked with a stack, not recursion: 1,000 nested elements around the table and
    inside a cell are read (past libxml2's own depth of 2,047 the parser drops the content:
    then there is no matrix, one line)."""
    html = (RAW / "annex_en.html").read_text(encoding="utf-8")
    start, end = html.index("<table"), html.index("</table>") + len("</table>")
    first_cell = html.index("<td", start)
    cell_text = html.index(">", first_cell) + 1
    deep = (html[:start] + "<div>" * 1000 + html[start:cell_text] + "<span>" * 1000 + "x" + "</span>" * 1000
            + html[cell_text:end] + "</div>" * 1000 + html[end:])
    (tmp_path / "deep.html").write_text(deep, encoding="utf-8")
    doc, plain = read(tmp_path / "deep.html"), read(RAW / "annex_en.html")
    assert [len(row.cells) for row in doc.tables[0].rows] == [len(row.cells) for row in plain.tables[0].rows]
    assert doc.tables[0].rows[1].cells[0].paragraphs[0].text.startswith("x")


def _png(width: int, height: int) -> bytes:
    """A PNG header that claims a size; its pixel data is a few bytes (a reader that trusts the
    header would allocate width x height)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b""))


@pytest.mark.parametrize("width, height, message", [(10**9, 10**9, "not a readable image"),
                                                     (12000, 12000, "past the limit of 100 million")])
def test_a_page_image_too_large_to_be_a_page_is_refused_before_its_pixels_are_read(tmp_path, width, height, message):
    (tmp_path / "page.png").write_bytes(_png(width, height))
    with pytest.raises(DocumentLoadError, match=message):
        read(tmp_path / "page.png")


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("make, message", [
    (hostile.flate_bomb, r"content is over 4 MB \(--max-page-content\)"),
    (hostile.many_operators, r"content is over 4 MB \(--max-page-content\)"),
    (hostile.contents_cycle, "no text layer"),
    (hostile.reference_cycle, r"references form a cycle \(object 4\)"),
    # a page tree that leads back to itself: pdfminer finds no page; pdfium cannot load its page
    (hostile.pages_cycle, "no text layer|page 1 cannot be loaded"),
    # a page without a MediaBox in a tree of mutual parents: pdfminer fails; pdfium reads it, empty
    (hostile.parent_cycle, "not a readable PDF|no text layer"),
])
def test_a_crafted_pdf_is_one_clear_error_before_it_is_inflated_or_walked_for_ever(tmp_path, make, message, engine):
    with pytest.raises(DocumentLoadError, match=message):
        read(make(tmp_path), pdf_engine=engine)


def test_a_page_budget_of_the_users_own_is_kept(tmp_path):
    with pytest.raises(DocumentLoadError, match="over 0 MB"):
        read(RAW / "annex_en.pdf", max_page_content=1000)


@pytest.mark.skipif(missing() is not None, reason="OCR is not installed")
def test_a_page_too_large_to_render_is_refused_before_it_is_rendered(tmp_path):
    with pytest.raises(DocumentLoadError, match="200 x 200 inches: at 300 dpi past the limit of 100 million pixels"):
        read(hostile.huge_scanned_page(tmp_path))


def test_library_messages_are_kept_as_warnings_once_each_not_printed(capsys):
    import logging
    import warnings

    with library_messages() as said:
        for _ in range(3):
            logging.getLogger("pdfminer.pdfpage").warning("MediaBox missing from /Page")
        warnings.warn("a font without widths", UserWarning, stacklevel=1)
    assert said == ["pdfminer: MediaBox missing from /Page (3 times)", "test_hostile: UserWarning: a font without widths"]
    assert capsys.readouterr().err == ""


def test_a_message_is_one_line_whatever_a_name_holds():
    assert one_line("a\nb\rc\x1b[31md") == "a\\nb\\rc\\x1b[31md"


@pytest.mark.skipif(missing() is not None, reason="OCR is not installed")
def test_a_small_image_tagged_a_low_resolution_is_refused_before_it_is_resampled(tmp_path):
    with pytest.raises(DocumentLoadError, match=r"8000 x 8000 pixels at 50(\.\d+)? dpi\): at 300 dpi past the limit"):
        read(hostile.low_dpi_png(tmp_path))


def test_a_word_file_of_an_unknown_zip_version_is_one_clear_error(tmp_path):
    data = bytearray((RAW / "annex_en.docx").read_bytes())
    entry = data.index(b"PK\x01\x02")  # the first central directory entry: its "version needed" is at +6
    data[entry + 6:entry + 8] = (148).to_bytes(2, "little")
    (tmp_path / "v.docx").write_bytes(bytes(data))
    with pytest.raises(DocumentLoadError, match=r"not a valid \.docx \(zip file version 14\.8\)"):
        read(tmp_path / "v.docx")


def test_a_word_file_that_runs_out_of_memory_is_the_memory_ceilings_to_name(monkeypatch):
    """A MemoryError while python-docx parses a part (six parts each inflating to 190 MB) is no
    'not a Word document': it reaches `isolate`, which names the limit it hit (--max-memory)."""
    import docx

    def out_of_memory(*args, **kwargs):
        raise MemoryError("XML part too large")
    monkeypatch.setattr(docx, "Document", out_of_memory)
    with pytest.raises(MemoryError):
        read(RAW / "annex_en.docx")
