import shutil

import pytest
from docx import Document

from pipeline.errors import DocumentLoadError, NoMatrixError
from pipeline.extract import document_to_extraction, extract
from pipeline.readers import read
from tests.conservation import check_conservation
from tests.readers import docx_builder as b


def save(doc, tmp_path, name="t.docx"):
    path = tmp_path / name
    doc.save(path)
    return path


def rows_of(path):
    return [(r.measure_id, r.timeframe, "; ".join(r.agency_ids), r.indicator) for r in extract(path).records]


EXPECTED = [("1.1.1", "2011", "ministry_transport", "Roads repaired"),
            ("1.1.2", "2012 \u2013 2013", "ministry_internal_affairs", "Crossings painted")]


def test_original_layout(tmp_path, gazetteer):
    doc = b.new()
    b.table(doc, [b.one_block()])
    path = save(doc, tmp_path)
    assert rows_of(path) == EXPECTED
    check_conservation(read(path), document_to_extraction(read(path), gazetteer))


def test_columns_in_any_order_and_an_extra_number_column(tmp_path):
    doc = b.new()
    order = [5, 2, 0, 1, 4, 3]
    block = b.one_block()
    b.table(doc, [[["1"]] + [block[i] for i in order]], header=["No."] + [b.HEADER[i] for i in order])
    assert rows_of(save(doc, tmp_path)) == EXPECTED


def test_vertically_merged_objective_and_problem(tmp_path, gazetteer):
    doc = b.new()
    t = b.table(doc, [[["1. Safer roads"], ["1.1. Roads are unsafe"], ["1.1.1. Repair roads"], ["2011"],
                       ["Ministry of Transport"], ["Roads repaired"]],
                      [[], [], ["1.1.2. Paint crossings"], ["2012 \u2013 2013"], ["Ministry of Internal Affairs"],
                       ["Crossings painted"]]])
    t.cell(1, 0).merge(t.cell(2, 0))
    t.cell(1, 1).merge(t.cell(2, 1))
    path = save(doc, tmp_path)
    records = extract(path).records
    assert [(r.objective, r.problem_id) for r in records] == [("Safer roads", "1.1")] * 2
    assert rows_of(path) == EXPECTED
    doc_model = read(path)
    assert doc_model.tables[0].rows[2].cells[0].merged_from_above
    check_conservation(doc_model, document_to_extraction(doc_model, gazetteer))


def test_horizontally_merged_cell_is_read_once(tmp_path):
    doc = b.new()
    t = doc.add_table(rows=2, cols=3)
    t.rows[0].cells[0].text = "A"
    merged = t.cell(1, 0).merge(t.cell(1, 1))
    merged.text = "spans two columns"
    grid = read(save(doc, tmp_path)).tables[0].rows[1].cells
    assert len(grid) == 3
    assert [p.text for p in grid[0].paragraphs] == ["spans two columns"] and grid[1].paragraphs == []


def test_matrix_split_over_two_tables_with_repeated_header(tmp_path):
    doc = b.new()
    b.table(doc, [b.one_block()])
    doc.add_paragraph("")
    second = [["2. Clean water"], ["2.1. Wells untested"], ["2.1.1. Test wells"], ["Annually"],
              ["Ministry of Health"], ["Wells tested"]]
    b.table(doc, [second])  # a second table that repeats the header row
    path = save(doc, tmp_path)
    assert [r[0] for r in rows_of(path)] == ["1.1.1", "1.1.2", "2.1.1"]
    assert extract(path).records[2].objective == "Clean water"


def test_header_row_repeated_inside_the_table(tmp_path):
    doc = b.new()
    b.table(doc, [b.one_block(), b.HEADER and [[h] for h in b.HEADER],
                  [["2. Clean water"], ["2.1. Wells"], ["2.1.1. Test wells"], ["2011"], ["Ministry of Health"],
                   ["Wells tested"]]])
    assert [r[0] for r in rows_of(save(doc, tmp_path))] == ["1.1.1", "1.1.2", "2.1.1"]


def test_automatic_numbering_is_rendered(tmp_path):
    doc = b.new()
    block = b.one_block()
    block[:3] = [["Safer roads"], ["Roads are unsafe"], ["Repair roads", "Paint crossings"]]
    t = b.table(doc, [block])
    num = b.add_numbering(doc)
    cells = t.rows[1].cells
    b.number(cells[0].paragraphs[0], num, 0)
    b.number(cells[1].paragraphs[0], num, 1)
    for p in cells[2].paragraphs:
        b.number(p, num, 2)
    path = save(doc, tmp_path)
    texts = [p.text for p in read(path).tables[0].rows[1].cells[2].paragraphs]
    assert texts == ["1.1.1. Repair roads", "1.1.2. Paint crossings"]
    assert rows_of(path) == EXPECTED


def test_soft_line_break_is_a_space_not_glue(tmp_path):
    doc = b.new()
    t = b.table(doc, [b.one_block()])
    b.soft_break(t.rows[1].cells[4].paragraphs[0], "Ministry of", "Transport")
    path = save(doc, tmp_path)
    assert read(path).tables[0].rows[1].cells[4].paragraphs[0].text == "Ministry of\nTransport"
    assert extract(path).records[0].agencies_raw == "Ministry of Transport"


def test_tracked_changes_give_the_accepted_text(tmp_path):
    doc = b.new()
    t = b.table(doc, [b.one_block()])
    b.tracked(t.rows[1].cells[5].paragraphs[0], "Roads ", "repaired", "resurfaced")
    assert extract(save(doc, tmp_path)).records[0].indicator == "Roads repaired"


def test_empty_paragraphs_are_blanks(tmp_path):
    doc = b.new()
    block = b.one_block()
    block[5] = ["Roads repaired", "", "Crossings painted"]
    b.table(doc, [block])
    ex = extract(save(doc, tmp_path))
    assert [r.indicator for r in ex.records] == ["Roads repaired", "Crossings painted"]


def test_not_a_zip(tmp_path):
    path = tmp_path / "x.docx"
    path.write_text("plain text pretending", encoding="utf-8")
    with pytest.raises(DocumentLoadError, match="not a valid .docx"):
        read(path)


def test_truncated_docx(tmp_path):
    doc = b.new()
    b.table(doc, [b.one_block()])
    data = save(doc, tmp_path).read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(DocumentLoadError, match="not a valid .docx"):
        read(path)


def test_zip_that_is_not_a_word_document(tmp_path):
    import zipfile
    path = tmp_path / "x.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(DocumentLoadError):
        read(path)


def test_ole2_file_is_a_legacy_doc_or_a_password_protected_docx(tmp_path):
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    protected = tmp_path / "secret.docx"
    protected.write_bytes(header)
    with pytest.raises(DocumentLoadError, match="password"):
        read(protected)



def test_legacy_doc_without_libreoffice_says_how(tmp_path, monkeypatch):
    monkeypatch.setattr("shutil.which", lambda name: None)
    legacy = tmp_path / "old.doc"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    with pytest.raises(DocumentLoadError, match="legacy Word .doc.*libreoffice-writer-nogui"):
        read(legacy)


def test_no_table_with_a_matching_header_lists_what_was_seen(tmp_path):
    doc = Document()
    doc.add_paragraph("A letter")
    t = doc.add_table(rows=2, cols=2)
    t.rows[0].cells[0].text, t.rows[0].cells[1].text = "Name", "Budget"
    with pytest.raises(NoMatrixError, match="Name \\| Budget"):
        extract(save(doc, tmp_path))


@pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")),
                    reason="LibreOffice is not installed: the .doc conversion cannot run here")
@pytest.mark.slow
def test_legacy_doc_is_converted_through_libreoffice():
    from tests.conftest import FIXTURES
    ex = extract(FIXTURES / "legacy-word-97.doc")
    assert ex.source.format.value == "doc" and ex.source.file == "legacy-word-97.doc"
    assert [r[0] for r in [(r.measure_id,) for r in ex.records]] == ["1.1.1", "1.1.2"]


def test_a_word_header_without_rows_is_no_matrix(tmp_path):
    doc = b.new()
    b.table(doc, [])
    doc.save(tmp_path / "empty.docx")
    with pytest.raises(NoMatrixError, match="no measure under it"):
        extract(tmp_path / "empty.docx")


def test_a_part_that_inflates_past_the_limit_is_refused_before_parsing():
    from tests.conftest import RAW
    # the limit made small: a real bomb's part size is read from the zip directory the same way
    with pytest.raises(DocumentLoadError, match=r"word/document.xml would inflate to \d+ KB, past the limit of 10 KB"):
        read(RAW / "annex_en.docx", max_part_bytes=10_000)
    assert read(RAW / "annex_en.docx").tables  # the default limit (200 MB) reads it
