"""Hostile and damaged files (issue 21): what a crafted file asks for is bounded by what the
format allows, and a damaged value is one flagged field, never a traceback."""
import re
import zipfile

import pytest

from pipeline.errors import DocumentLoadError
from pipeline.normalize.timeframes import parse_timeframe
from pipeline.readers import read
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
