"""Shapes real plans print (issue 43), each in a small document written here: headings labelled
with a number written as a word, bodies parted by ` / `, another country's acronyms, tables
chosen by their header, reStructuredText tables."""
import pytest

from pipeline.extract import extract
from pipeline.normalize.numbering import label_of


@pytest.mark.parametrize(
    "text, number, rest",
    [
        ("Chapter One \u2013 Data strategy", "1", "Data strategy"),
        ("Chapter five - Maximising the benefit", "5", "Maximising the benefit"),
        ("Chapter 2: Delivery", "2", "Delivery"),
        ("Section III. Finance", "3", "Finance"),
        ("Part two Schools", "2", "Schools"),
        ("Раздел 1. Общие положения", "1", "Общие положения"),
        ("Глава первая Общие положения", "1", "Общие положения"),
        ("Боби 1. Қонунгузорӣ", "1", "Қонунгузорӣ"),
    ],
)
def test_a_heading_label_of_a_word_and_a_number_gives_the_number_and_drops_the_label(
        text, number, rest):
    label = label_of(text)
    assert label is not None and label.style == "keyword"
    assert (label.number, label.text) == (number, rest)


@pytest.mark.parametrize("text", ["One more school will open", "Part of the plan is done",
                                  "Chapters one and two"])
def test_a_number_word_without_a_label_word_before_it_is_no_label(text):
    assert label_of(text) is None


def _html(tmp_path, header, rows, name="plan.html"):
    def tr(cells):
        return "<tr>" + "".join(
            f"<td colspan='{n}'>{t}</td>" if n > 1 else f"<td>{t}</td>" for t, n in cells) + "</tr>"
    body = tr([(h, 1) for h in header]) + "".join(tr(r) for r in rows)
    path = tmp_path / name
    path.write_text(f"<html><body><table>{body}</table></body></html>", encoding="utf-8")
    return path


def test_chapter_rows_labelled_in_words_are_objectives_with_their_number(tmp_path, gazetteer):
    rows = [[("Chapter One \u2013 Data strategy", 4)],
            [("1", 1), ("Publish the data strategy", 1), ("October 2013", 1),
             ("Ministry of Finance", 1)],
            [("Chapter Two - Driving delivery", 4)],
            [("2", 1), ("Review the delivery board", 1), ("December 2013", 1),
             ("Ministry of Finance", 1)]]
    path = _html(tmp_path, ["No.", "Measures", "Deadline", "Responsible agencies"], rows)
    records = extract(path, gazetteer).records
    assert [(r.objective_id, r.objective) for r in records] == [
        ("1", "Data strategy"), ("2", "Driving delivery")]


ITALIAN = """.. list-table::
   :header-rows: 1

   * - **Codice LA**
     - **Descrizione**
     - **Scadenza**
     - **Output**
     - **Owner**
   * - CAP1.02
     - Primo report di monitoraggio sulle comunita digitali
     - GENNAIO 2025
     - -
     - AgID
   * - CAP1.14
     - Avvio dei punti di facilitazione digitale
     - DICEMBRE 2024
     - Mappa dei punti
     - DTD
"""


def test_an_italian_plan_in_a_list_table_reads_its_codes_deadlines_and_outputs(tmp_path, gazetteer):
    path = tmp_path / "appendice.rst"
    path.write_text(ITALIAN, encoding="utf-8")
    records = extract(path, gazetteer).records
    assert [(r.measure_id, r.measure) for r in records] == [
        ("CAP1.02", "Primo report di monitoraggio sulle comunita digitali"),
        ("CAP1.14", "Avvio dei punti di facilitazione digitale")]
    assert [(r.timeframe_start, r.timeframe_end) for r in records] == [
        ("2025-01", "2025-01"), ("2024-12", "2024-12")]
    assert [r.indicator for r in records] == ["", "Mappa dei punti"]
    assert "no_indicator_in_source" in records[0].flag_names
    assert "no_indicator_in_source" not in records[1].flag_names


@pytest.mark.parametrize(
    "cell, bodies",
    [
        ("CO / BIS", ["CO", "BIS"]),
        ("DCLG / CO / LGA", ["DCLG", "CO", "LGA"]),
        ("CO/BIS", ["CO", "BIS"]),
        ("AgID - ANAC - DTD", ["AgID", "ANAC", "DTD"]),
        ("PagoPA S.p.A. - DTD", ["PagoPA S.p.A.", "DTD"]),
        ("AgID-DTD", ["AgID", "DTD"]),
        ("Кәсіпорынның Комплаенс-офицері / жұмыс тобы",
         ["Кәсіпорынның Комплаенс-офицері", "жұмыс тобы"]),
        # a post and its second post, one person; a hyphenated name
        ("главный бухгалтер - начальник отдела", ["главный бухгалтер - начальник отдела"]),
        ("Inter-Agency Council", ["Inter-Agency Council"]),
    ],
)
def test_a_slash_or_a_spaced_dash_parts_the_bodies_of_an_agency_cell(cell, bodies, gazetteer):
    assert [m.mention for m in gazetteer.mentions(cell)] == bodies


def test_a_column_of_tick_marks_is_an_extra_column_whatever_its_header_names(
        tmp_path, gazetteer):
    """`Grand challenges` over columns of `X`: a header word of the problems, and cells that
    hold no problem: the rows keep their numbers and no `X` is a heading."""
    rows = [[("Open data: opening up government data", 5)],
            [("1", 1), ("Publish an inventory of datasets", 1), ("Ministry of Finance", 1),
             ("X", 1), ("", 1)],
            [("2", 1), ("Share experiences of data standards", 1), ("Ministry of Finance", 1),
             ("", 1), ("X", 1)]]
    path = _html(tmp_path, ["No.", "Commitment", "Lead department(s)", "Grand challenges", ""],
                 rows)
    records = extract(path, gazetteer).records
    assert [(r.problem_id, r.problem, r.measure_id) for r in records] == [
        ("", "", "1"), ("", "", "2")]
    assert [r.objective for r in records] == ["Open data: opening up government data"] * 2


def _plan_with_bodies(tmp_path, bodies):
    rows = [[(str(k), 1), (f"Publish dataset number {k}", 1), ("October 2013", 1), (b, 1)]
            for k, b in enumerate(bodies, start=1)]
    return _html(tmp_path, ["No.", "Commitment", "Deadline", "Lead Dept"], rows)


def test_an_acronym_of_the_gazetteer_in_a_plan_of_bodies_it_does_not_know_is_a_new_body(
        tmp_path, gazetteer):
    """A UK plan: `MOJ` among `CO`, `BIS`, `ONS`, `DCLG`, `TNA` is the UK's ministry, not the
    gazetteer's (Tajik) Ministry of Justice, though the acronym is one of its aliases."""
    path = _plan_with_bodies(tmp_path, ["CO / BIS", "ONS", "DCLG / LGA", "MOJ", "TNA", "ICO"])
    records = extract(path, gazetteer).records
    moj = records[3]
    assert moj.agency_ids == [] and moj.agencies_unmatched == ["MOJ"]
    assert "agency_new_body" in moj.flag_names
    assert all(r.agency_ids == [] for r in records)


def test_an_acronym_in_a_plan_of_known_bodies_keeps_its_gazetteer_body(tmp_path, gazetteer):
    path = _plan_with_bodies(tmp_path, ["Ministry of Internal Affairs", "Ministry of Security",
                                        "MOJ", "Ministry of Internal Affairs",
                                        "Ministry of Security", "Justice Office"])
    records = extract(path, gazetteer).records
    assert records[2].agency_ids == ["ministry_justice"]


def _doc(*texts):
    from pipeline.enums import Format
    from pipeline.model import Cell, Document, Paragraph, Provenance, Row, SourceInfo, Table

    paras = [Paragraph(t, Provenance("plan.pdf", table=0, row=0, cell=k))
             for k, t in enumerate(texts)]
    table = Table([Row([Cell([p]) for p in paras])])
    return Document(SourceInfo("plan.pdf", "", Format.PDF), tables=[table])


def test_quotes_a_font_map_ran_on_past_the_double_quotes_are_read_as_single_quotes():
    from pipeline.readers.pdf_repair import _requoted

    doc = _doc("the \u201eNational Information Infrastructure\u201f", "the UK\u201fs plan")
    assert _requoted(doc)
    assert [p.text for c in doc.tables[0].rows[0].cells for p in c.paragraphs] == [
        "the \u2018National Information Infrastructure\u2019", "the UK\u2019s plan"]


def test_quotes_read_anew_leave_every_paragraph_its_own_text_in_merged_cells():
    """A merged cell's placeholder shares its owner's paragraphs: each paragraph read anew once,
    and no paragraph given another's text (a paragraph replaced and freed gave its id to a new
    one: the UK NII's skipped tables read differently run to run)."""
    from pipeline.enums import Format
    from pipeline.model import Cell, Document, Paragraph, Provenance, Row, SourceInfo, Table
    from pipeline.readers.pdf_repair import _requoted

    texts = [f"measure {k}: the UK\u201fs plan" for k in range(200)]
    paras = [Paragraph(t, Provenance("plan.pdf", table=0, row=0, cell=0, paragraph=k))
             for k, t in enumerate(texts)]
    owner = Cell(paras, rowspan=2)
    table = Table([Row([owner]), Row([Cell(owner.paragraphs, merged_from_above=True)])])
    doc = Document(SourceInfo("plan.pdf", "", Format.PDF), tables=[table])
    assert _requoted(doc)
    want = [t.replace("\u201f", "\u2019") for t in texts]
    assert [p.text for p in table.rows[0].cells[0].paragraphs] == want
    assert [p.text for p in table.rows[1].cells[0].paragraphs] == want


def test_a_low_double_quote_in_a_text_without_the_run_on_is_kept():
    from pipeline.readers.pdf_repair import _requoted

    doc = _doc("die \u201eOffene Verwaltung\u201c")
    assert _requoted(doc) == []
    assert doc.tables[0].rows[0].cells[0].paragraphs[0].text == "die \u201eOffene Verwaltung\u201c"


@pytest.mark.parametrize("text", [
    "The refreshed departmental profiles on data.gov.uk will set out current commitments.",
    "The UK government is committed to ensuring a strong legislative framework for workers."])
def test_a_commitment_saying_what_will_be_done_is_a_measure_though_a_participle_leads_it(
        text, gazetteer):
    from pipeline.align.roles import RoleScores, cell_mismatches
    from pipeline.model import Role

    assert cell_mismatches(RoleScores(gazetteer, "en"), {Role.MEASURE: [text]}) == []


@pytest.mark.parametrize("a, b, joined", [
    ("MOJ / Law Commissio", "n", "MOJ / Law Commissio" + "n"),  # whole elsewhere: joined
    ("the rate of", "a", "the rate of a"),  # a word of its own
    ("MOJ / Law Commissio", "n of", "MOJ / Law Commissio n of"),  # more than the word's end
])
def test_the_end_of_a_word_alone_on_a_line_joins_the_word_the_document_spells_whole(a, b, joined):
    from pipeline.readers.pdf import join_lines

    assert join_lines(a, b, {"commission", "law", "rate", "ofa"}) == joined


def test_a_symbol_fonts_private_use_bullet_is_the_bullet_it_shows():
    from pipeline.readers.textnorm import normal_text

    assert normal_text("The UK government will: \uf0b7 publish \uf0a7 review") == \
        "The UK government will: \u2022 publish \u25aa review"


def test_a_body_its_row_measure_names_whole_is_no_echo_of_the_measure():
    from pipeline.align.roles import agency_echoes
    from pipeline.model import Role

    cells = {Role.MEASURE: ["The Scottish government broadly endorses the principles of open "
                            "contracting", "Train a national report in regional centres"]}
    found = agency_echoes(["Scottish government", "United Nations Children's A national report "
                                                  "Fund"], cells)
    assert [m.piece for m in found] == ["United Nations Children's A national report Fund"]


@pytest.mark.parametrize("name", ["Scottish government", "Infrastructure UK", "HM Treasury",
                                  "The National Archives"])
def test_a_government_or_a_name_ending_with_its_country_is_body_shaped(name, gazetteer):
    assert gazetteer.body_words.why_not_a_body(name) == ""


@pytest.mark.parametrize("name", ["The data is published", "National Archives", "The Archives",
                                  "The draft Law approved by the Government of the RT"])
def test_words_with_no_head_word_nor_their_own_article_and_capitals_are_no_body(name, gazetteer):
    assert gazetteer.body_words.why_not_a_body(name) != ""
