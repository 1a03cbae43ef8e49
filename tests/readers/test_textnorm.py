"""One normal form of the text every reader hands on (`readers.textnorm`)."""

import unicodedata

import pytest

from pipeline.model import Cell, Document, Format, Paragraph, Provenance, Row, SourceInfo, Table
from pipeline.readers import read
from pipeline.readers.textnorm import Tally, normal_paragraph, normal_text, normalize_document


@pytest.mark.parametrize(
    "raw, normal",
    [
        ("Ко\u00adмис\u00adсия", "Комиссия"),  # soft hyphens
        ("1.1.\u200b1. Study", "1.1.1. Study"),  # a zero-width space in a number
        ("\u200fMinistry\u200e", "Ministry"),  # bidi marks
        ("\u202bText\u202c \u2067x\u2069", "Text x"),  # an embedding and an isolate
        ("a\u2060b\ufeffc\u200dd", "abcd"),  # word joiner, a stray BOM, a joiner
        (
            unicodedata.normalize("NFD", "Ҳукумати Ҷумҳурии Тоҷикистон, ӣ ӯ й"),
            "Ҳукумати Ҷумҳурии Тоҷикистон, ӣ ӯ й",
        ),
        ("page one\fpage two\vthree\u2028four", "page one\npage two\nthree\nfour"),
        (
            "１．２． text ２００６．",
            "１．２． text ２００６．",
        ),  # compatibility forms stay: numbering reads them
        ("Agency\u00a0name", "Agency\u00a0name"),  # a no-break space stays
        ("Obj\x00ctives", "Obj\ufffdctives"),  # a letter a font's map lost: U+FFFD, never a NUL
    ],
)
def test_the_normal_form(raw, normal):
    assert normal_text(raw) == normal
    assert normal_text(normal) == normal  # it is a normal form: idempotent


def test_dropped_characters_are_counted_by_kind():
    tally = Tally()
    normal_text("a\u00adb\u00adc\u200b", tally)
    assert tally.dropped == {"\u00ad": 2, "\u200b": 1}


def test_breaks_move_with_the_text_and_line_ends_at_the_edges_go():
    p = Paragraph("\u00adab\u00adc de\u200bf", Provenance("a.pdf", pages=(1,)), breaks=(6,))
    q = normal_paragraph(p, Tally())
    assert q.text == "abc def" and q.lines() == ["abc", "def"] and q.prov == p.prov
    assert normal_paragraph(Paragraph("\fText\f", p.prov), Tally()).text == "Text"


def test_one_warning_per_document_and_a_merged_cell_counted_once():
    shared = [
        Paragraph("Ми\u00adнистерство", Provenance("a.html", table=0, row=0, cell=0, paragraph=0))
    ]
    table = Table([Row([Cell(shared, rowspan=2)]), Row([Cell(shared, merged_from_above=True)])])
    doc = Document(
        SourceInfo("a.html", "0" * 64, Format.HTML),
        [Paragraph("x\u200by", Provenance("a.html"))],
        [table],
    )
    normalize_document(doc)
    assert (
        doc.paragraphs[0].text == "xy"
        and table.rows[1].cells[0].paragraphs[0].text == "Министерство"
    )
    [warning] = doc.warnings
    assert warning.message.startswith("dropped 2 invisible format character(s) in 2 paragraph(s)")
    assert "1 soft hyphen (U+00AD)" in warning.message and len(warning.prov) == 2


def test_the_words_ocr_read_are_in_the_normal_form_too():
    from pipeline.model import Word

    doc = Document(SourceInfo("scan.png", "0" * 64, Format.IMAGE))
    doc.ocr_words = {1: [Word(unicodedata.normalize("NFD", "ӣ"), (1.0, 2.0, 3.0, 4.0), 90)]}
    normalize_document(doc)
    assert doc.ocr_words[1][0] == Word("ӣ", (1.0, 2.0, 3.0, 4.0), 90)


def test_a_document_without_such_characters_gets_no_warning(write_text):
    assert read(write_text("Annex\n\n1. First\n")).warnings == []


def test_every_reader_hands_on_the_normal_form(tmp_path):
    """The form is applied by `read`, whatever the format: a page and a text alike."""
    page = tmp_path / "a.html"
    page.write_text(
        "<html><body><p>Com\u00admission\u200f</p><table><tr><td>1.\u200b1.</td></tr></table>"
        "</body></html>",
        encoding="utf-8",
    )
    doc = read(page)
    assert (
        doc.paragraphs[0].text == "Commission"
        and doc.tables[0].rows[0].cells[0].paragraphs[0].text == "1.1."
    )
    assert "dropped 3 invisible" in doc.warnings[-1].message
