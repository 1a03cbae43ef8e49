import pytest

from pipeline.errors import DocumentLoadError
from pipeline.readers import read
from pipeline.readers.text import text_to_paragraphs
from tests.conftest import RAW


def test_bom_crlf_and_blank_lines(write_text):
    path = write_text("\ufeffAnnex\r\n\r\n1. First\r\n\u00a0\r\n   \r\nLast\r\n")
    doc = read(path)
    assert [p.text for p in doc.paragraphs] == ["Annex", "1. First", "\u00a0", "Last"]
    assert [p.prov.line for p in doc.paragraphs] == [1, 3, 4, 6]
    assert [p.is_blank for p in doc.paragraphs] == [False, False, True, False]
    assert doc.source.format.value == "text" and len(doc.source.sha256) == 64


def test_provenance_names_the_file():
    [p] = text_to_paragraphs("x\n", "a.txt")
    assert p.prov.to_dict() == {"file": "a.txt", "line": 1}


# -- encodings: UTF-16 with a BOM, a legacy code page by name, a NUL past the first 4 KB --------

def test_utf16_with_a_bom_is_text_and_gives_the_same_rows(tmp_path):
    from pipeline.extract import extract
    source = (RAW / "annex_en.txt").read_text(encoding="utf-8")
    path = tmp_path / "annex_en.txt"
    path.write_bytes(source.encode("utf-16"))  # with its BOM
    assert [r.measure for r in extract(path).records] == [r.measure for r in extract(RAW / "annex_en.txt").records]


def test_a_legacy_code_page_is_told_from_the_bytes_or_read_as_named(tmp_path):
    from pipeline.extract import extract
    path = tmp_path / "annex_ru.txt"
    path.write_bytes((RAW / "annex_ru.txt").read_text(encoding="utf-8").encode("cp1251"))
    told = extract(path)
    assert len(told.records) == 22 and any("read as windows-1251" in w.message for w in told.warnings)
    named = extract(path, encoding="cp1251")
    assert [r.measure for r in named.records] == [r.measure for r in told.records]
    assert not any("windows-1251" in w.message for w in named.warnings)
    with pytest.raises(DocumentLoadError, match="unknown encoding"):
        extract(path, encoding="no-such-code-page")


def test_damaged_utf8_is_refused_with_the_byte_and_the_way_out(write_text):
    path = write_text("Annex\n\nМинистерство юстиции\n")
    data = path.read_bytes()
    path.write_bytes(data[:11] + b"\xff" + data[11:])
    with pytest.raises(DocumentLoadError, match=r"not UTF-8 text \(byte 11\); save it as UTF-8, or name its code page"):
        read(path)


@pytest.mark.parametrize("end", ["\f", "\v", "\u2028"])
def test_a_form_feed_or_vertical_tab_ends_a_line_inside_its_paragraph(write_text, end):
    doc = read(write_text(f"Annex\n\n1.1.1. Study{end}and summary\n\f\n1.1.2. Next\n"))
    assert [p.text for p in doc.paragraphs] == ["Annex", "1.1.1. Study\nand summary", "1.1.2. Next"]
    assert [p.prov.line for p in doc.paragraphs] == [1, 3, 5]  # lines as an editor counts them


def test_a_nul_past_the_first_4kb_is_refused_with_its_line(tmp_path):
    data = (RAW / "annex_en.txt").read_bytes()
    path = tmp_path / "damaged.txt"
    path.write_bytes(data[:6000] + b"\x00" + data[6000:])
    with pytest.raises(DocumentLoadError, match=r"a NUL character at line \d+"):
        read(path)


# -- markdown saved as text: a whole pipe table makes the text markdown -------------------------

PIPE_PLAN = ("# 2021 Action Plan\n\n### Action 1: Safer roads\n\n"
             "| Milestone | Measurement | Target Date | Responsible Party |\n|---|---|---|---|\n"
             "| 1.1 Repair **roads** | Roads repaired | December 31, 2021 | GSA and OMB |\n"
             "| 1.2 Paint crossings | Crossings painted | Quarterly | CDO Council |\n")


def test_a_text_holding_a_pipe_table_is_read_as_markdown_and_nothing_is_lost(write_text, gazetteer):
    from pipeline.extract import document_to_extraction
    from tests.conservation import check_conservation
    doc = read(write_text(PIPE_PLAN))
    assert doc.source.format.value == "text" and "read as markdown" in doc.warnings[0].message
    assert [[p.text for p in c.paragraphs] for c in doc.tables[0].rows[1].cells] == [
        ["1.1 Repair roads"], ["Roads repaired"], ["December 31, 2021"], ["GSA and OMB"]]
    assert [(p.text, p.level) for p in doc.paragraphs] == [("2021 Action Plan", 1),
                                                          ("Action 1: Safer roads", 3)]
    ex = document_to_extraction(doc, gazetteer)
    check_conservation(doc, ex)
    assert [(r.measure_id, r.timeframe_end, r.timeframe_recurrence, r.agencies_unmatched)
            for r in ex.records] == [("1.1", "2021-12", "once", ["GSA", "OMB"]),
                                     ("1.2", "2021", "quarterly", ["CDO Council"])]


@pytest.mark.parametrize("text", [
    "Objectives | Measures\nRoads | Repair\n",  # pipes, no delimiter row
    "Objectives | Measures\n---|---\n\nRoads\n",  # a header and dashes, no row
    "a | b\n---|---\nRoads | Repair\nno pipe in this row\n",  # a row without a pipe
])
def test_a_text_with_pipes_but_no_whole_pipe_table_stays_lines(write_text, text):
    doc = read(write_text(text))
    assert doc.tables == [] and not doc.warnings
    assert [p.text for p in doc.paragraphs] == [line for line in text.splitlines() if line]


@pytest.mark.parametrize("text, outline", [
    ("# Plan\n\n## Part 1\n\ntext\n\n## Part 2\n", True),  # three headings at two levels
    ("## Part 1\n\n## Part 2\n\n## Part 3\n", False),  # one level: no outline
    ("# Plan\n\n## Part 1\n", False),  # two headings
    ("#1 Roads\n#2 Bridges\n##3 Tunnels\n", False),  # numbers, no headings
    ("# Plan\n#\n## \n", False),  # marks with no text
])
def test_an_outline_of_headings_is_markdown_and_a_hash_here_and_there_is_not(write_text, text,
                                                                               outline):
    from pipeline.readers.markdown import holds_outline
    assert holds_outline(text.splitlines()) is outline
    doc = read(write_text(text))
    assert any("outline of headings" in w.message for w in doc.warnings) is outline
