import pytest

from pipeline.errors import DocumentLoadError, NoMatrixError
from pipeline.extract import document_to_extraction, extract
from pipeline.readers import read
from pipeline.readers.pdf import join_lines, text_to_grid
from tests.conftest import FIXTURES
from tests.conservation import check_conservation
from tests.readers.pdf_builder import TablePdf

MEASURES = ["1.1.1. Repair all the main roads between the regional centres and the capital city of the country",
            "1.1.2. Paint the crossings near schools",
            "1.1.3. Train the traffic police of every district in first aid"]
AGENCIES = ["Ministry of Transport, Ministry of Finance, Ministry of Internal Affairs, Ministry of Health",
            "Ministry of Internal Affairs",
            "Ministry of Health, Ministry of Internal Affairs, Ministry of Education, Youth Committee"]
INDICATORS = ["Main roads repaired and open all year", "Crossings painted", "Police trained in first aid"]
BLOCK = [["1. Safer roads"], ["1.1. Roads are unsafe"], MEASURES, ["2011", "2012 - 2013", "Annually"],
         AGENCIES, INDICATORS]


def cell_texts(doc, row):
    return [[p.text for p in cell.paragraphs] for cell in doc.tables[0].rows[row].cells]


def test_paragraphs_are_rebuilt_from_lines(tmp_path, gazetteer):
    path = TablePdf(page_height=400).build([BLOCK], tmp_path / "a.pdf")
    doc = read(path)
    assert len(doc.tables[0].rows) == 2  # header + one block
    assert cell_texts(doc, 1) == BLOCK
    assert [p.text for p in doc.paragraphs] == ["Plan for 2011-2013"]
    prov = doc.tables[0].rows[1].cells[2].paragraphs[0].prov
    assert prov.pages == (1,) and len(prov.bbox) == 4 and prov.bbox[0] < prov.bbox[2]
    check_conservation(doc, document_to_extraction(doc, gazetteer))


def test_first_line_indent_without_paragraph_spacing(tmp_path):
    path = TablePdf(page_height=400, gap=0.0, indent=8.0).build([BLOCK], tmp_path / "a.pdf")
    assert cell_texts(read(path), 1) == BLOCK


@pytest.mark.parametrize("rules", [True, False], ids=["ruled", "unruled"])
def test_row_across_pages_is_joined_and_furniture_dropped(tmp_path, gazetteer, rules):
    second = [["2. Clean water"], ["2.1. Wells are untested"], ["2.1.1. Test the wells of every village twice a year"],
              ["Permanently"], ["Ministry of Health"], ["Wells tested"]]
    layout = dict(page_height=130) if rules else dict(widths=(70, 70, 95, 65, 95, 80), page_height=150, rules=False)
    pdf = TablePdf(running_header="Annex to the Programme", page_numbers=True, **layout)
    path = pdf.build([BLOCK, second, BLOCK], tmp_path / "a.pdf")
    assert pdf.page >= 3
    doc = read(path)
    assert [len(r.cells) for r in doc.tables[0].rows] == [6] * 4  # header + 3 rows, whatever the pages
    assert cell_texts(doc, 1) == BLOCK and cell_texts(doc, 2) == second and cell_texts(doc, 3) == BLOCK
    assert [p.text for p in doc.paragraphs] == ["Plan for 2011-2013"]
    messages = [w.message for w in doc.warnings]
    assert "repeated header row dropped" in messages
    assert any("Annex to the Programme" in m for m in messages) and any("'2'" in m for m in messages)
    ex = document_to_extraction(doc, gazetteer)
    assert [r.measure_id for r in ex.records] == ["1.1.1", "1.1.2", "1.1.3", "2.1.1", "1.1.1", "1.1.2", "1.1.3"]
    assert all(not r.flags or r.flag_names == ["duplicate_measure_id"] for r in ex.records)
    check_conservation(doc, ex)


LONG = [["1. Safer roads"], ["1.1. Roads are unsafe"],
        ["1.1.1. Repair all the main roads between the regional centres and the capital city, rebuild the "
         "bridges that the floods of the last two years have damaged, and open the mountain passes in winter"],
        ["2011 - 2013"],
        ["Ministry of Transport, Ministry of Finance, Ministry of Internal Affairs, Ministry of Health, "
         "Ministry of Education, Ministry of Economy and Trade, Youth Committee, Committee on Religious Affairs"],
        ["Main roads repaired, bridges rebuilt and passes open all year"]]


@pytest.mark.parametrize("height", [60, 75, 90])
def test_paragraph_cut_by_a_page_break_is_joined_back(tmp_path, height):
    pdf = TablePdf(page_height=height)
    path = pdf.build([LONG], tmp_path / "a.pdf")
    doc = read(path)
    assert pdf.page >= 2
    texts = cell_texts(doc, 1)
    # cut mid-sentence: the lower-case word on the next page says so, in the reader already
    assert [texts[i] for i in (0, 1, 2, 3, 5)] == [LONG[i] for i in (0, 1, 2, 3, 5)]
    crossing = [p for c in doc.tables[0].rows[1].cells for p in c.paragraphs if len(p.prov.pages) > 1]
    assert crossing and all(len(p.prov.pages) >= 2 for p in crossing)
    # a list cut between two capitalised words may stay split in the reader (no evidence
    # in so small a document); the aligner joins it as a continuation
    [record] = extract(path).records
    assert record.agencies_raw == LONG[4][0]
    assert len(record.agency_ids) == 8


def test_text_after_the_table_is_back_matter(tmp_path):
    path = TablePdf(page_height=400).build([BLOCK], tmp_path / "a.pdf", after=["Signed: the Minister"])
    ex = extract(path)
    assert [p.text for p in ex.back_matter] == ["Signed: the Minister"] and ex.title == "Plan for 2011-2013"


@pytest.mark.parametrize("a, b, vocabulary, joined", [
    ("the organi-", "zation of work", {"organization"}, "the organization of work"),
    ("an anti-", "traffic campaign", set(), "an anti-traffic campaign"),
    ("Ministry of", "Health", set(), "Ministry of Health"),
    ("soft\u00ad", "hyphen", set(), "softhyphen"),
    # a compound's first part, standing for the second's: the hyphen and the space are the text's
    ("специальные теле-", "и радиопрограммы", set(), "специальные теле- и радиопрограммы"),
    ("pre-", "and post-training tests", set(), "pre- and post-training tests"),
])
def test_lines_are_joined(a, b, vocabulary, joined):
    assert join_lines(a, b, vocabulary) == joined


def one_page_pdf(path, text=None, password=None, method=None):
    """A one-page PDF with a line of text, or only a filled box (as a scan) when text is None."""
    from fpdf import FPDF
    pdf = FPDF()
    if password:
        pdf.set_encryption(owner_password="owner", user_password=password,
                           **({"encryption_method": method} if method else {}))
    pdf.add_page()
    if text is None:
        pdf.rect(20, 20, 100, 50, style="F")
    else:
        pdf.set_font("Helvetica", size=10)
        pdf.text(20, 20, text)
    pdf.output(str(path))
    return path


@pytest.mark.parametrize("method", [None, "AES_256"])
def test_encrypted_pdf(tmp_path, method):
    """pdfplumber wraps pdfminer's password error: the message must still say what it is."""
    from fpdf.enums import EncryptionMethod
    with pytest.raises(DocumentLoadError, match="encrypted \\(password-protected\\)"):
        read(one_page_pdf(tmp_path / "locked.pdf", "secret", password="user",
                          method=getattr(EncryptionMethod, method) if method else None))


def test_scanned_pdf_without_text(tmp_path):
    with pytest.raises(DocumentLoadError, match="no text layer"):
        read(one_page_pdf(tmp_path / "scan.pdf"))


def test_pdf_without_the_matrix(tmp_path):
    with pytest.raises(NoMatrixError):
        extract(one_page_pdf(tmp_path / "minutes.pdf", "Minutes of the meeting"))


@pytest.mark.parametrize("cut", [0.5, 0.1])
def test_truncated_pdf(tmp_path, cut):
    data = TablePdf(page_height=400).build([BLOCK], tmp_path / "a.pdf").read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: int(len(data) * cut)])
    with pytest.raises(DocumentLoadError, match="truncated or corrupt"):
        extract(path)


def test_not_a_pdf_at_all(tmp_path):
    path = tmp_path / "fake.pdf"
    path.write_text("hello", encoding="utf-8")
    with pytest.raises(DocumentLoadError, match="not a readable PDF"):
        read(path)


def test_table_drawn_without_lines_falls_back_to_text_alignment(tmp_path, gazetteer):
    second = [["2. Clean water"], ["2.1. Wells are untested"], ["2.1.1. Test the wells of every village twice a year"],
              ["Permanently"], ["Ministry of Health"], ["Wells tested"]]
    path = TablePdf(widths=(70, 70, 95, 65, 95, 80), page_height=400, rules=False).build(
        [BLOCK, second], tmp_path / "unruled.pdf")
    doc = read(path)
    assert [p.text for p in doc.paragraphs] == ["Plan for 2011-2013"]
    assert cell_texts(doc, 1) == BLOCK and cell_texts(doc, 2) == second
    ex = document_to_extraction(doc, gazetteer)
    assert [r.measure_id for r in ex.records] == ["1.1.1", "1.1.2", "1.1.3", "2.1.1"]
    check_conservation(doc, ex)


def tight_item(pdf, number, width):
    """An item whose last line is so full that the next item's number would not fit on it."""
    words = "repair the roads and the bridges of every district in the whole country".split()
    text = number
    for i in range(200):
        text += " " + words[i % len(words)]
        last = pdf.wrap(text, width)[-1]
        room = width - 2 * pdf.pad - pdf.pdf.get_string_width(last)
        if len(pdf.wrap(text, width)) >= 2 and room < pdf.pdf.get_string_width("1.1.9.") * 0.8:
            return text
    raise AssertionError("no tight item")


def test_numbered_items_start_paragraphs_without_gaps(tmp_path):
    pdf = TablePdf(page_height=400, gap=0.0)
    block = [list(c) for c in BLOCK]
    # no paragraph spacing and full last lines: only the numbers tell where items start
    block[2] = [tight_item(pdf, f"1.1.{i}.", pdf.widths[2]) for i in (1, 2, 3)]
    path = pdf.build([block], tmp_path / "a.pdf")
    assert cell_texts(read(path), 1)[2] == block[2]


def _tight_plan(fillers: int, path):
    """A table with no space between paragraphs: `fillers` one-measure rows, then a row of two
    measures whose agency cell runs over the page break, wherever the fillers put it."""
    from tests.plan_family import GCell, GridPdf
    rows = [[GCell([f"1.1.{i}. Conduct information campaigns in Khatlon, round {i}"]), GCell(["2016"]),
             GCell(["Ministry of Health"]), GCell([f"Campaigns conducted, round {i}"])] for i in range(1, fillers + 1)]
    rows.append([GCell([f"1.1.{fillers + 1}. Train border guards", f"1.1.{fillers + 2}. Publish a national report"]),
                 GCell(["2017", "2018"]),
                 GCell(["Ministry of Internal Affairs, Prosecutor General's Office, Interagency Commission on the "
                        "Prevention of Human Traffic", "Ministry of Labor and Social Protection, Ministry of Health, "
                        "International Organization for Migration (upon agreement)"]),
                 GCell(["Guards trained", "Report published"])])
    pdf = GridPdf(gap=0.0, split_rows=True)
    pdf.paragraphs(["Plan of action 2016-2018"])
    pdf.table(["Implementation measures", "Timeframe", "Executing agencies", "Indicators of achievement"], rows,
              [2.2, 0.9, 1.6, 1.5])
    pdf.save(path)
    return path


@pytest.mark.slow
@pytest.mark.skipif(not __import__("tests.plan_family").plan_family.FONT.exists(), reason="DejaVu Sans draws the PDF")
def test_an_agency_cell_broken_across_pages_at_every_line_with_no_paragraph_gaps(tmp_path, gazetteer):
    """Issue 26: the last row's agency lists run on line after line, and the page breaks it at
    every line in turn (down to `agreement)` alone at the top of the next page): each measure
    gets its own list, and `upon agreement` stays with the body it ends."""
    pages_seen = set()
    for fillers in range(29, 37):
        doc = read(_tight_plan(fillers, tmp_path / f"p{fillers}.pdf"))
        ex = document_to_extraction(doc, gazetteer)
        check_conservation(doc, ex)
        *_, first, second = ex.records
        assert first.agency_ids == ["ministry_internal_affairs", "general_prosecutor_office", "interagency_commission"]
        assert second.agency_ids == ["ministry_labor_social_protection", "ministry_health", "iom"]
        assert [m.by_agreement for m in second.mentions] == [False, False, True]
        assert (first.timeframe, second.timeframe) == ("2017", "2018")
        assert (first.indicator, second.indicator) == ("Guards trained", "Report published")
        pages_seen.add(second.provenance["agencies"][0].pages)
    assert (1, 2) in pages_seen  # the cell did cross the page


def _two_pages(tmp_path, header, first, second, gap=0.0):
    """A table whose body rows `first` end page 1 and `second` start page 2 (the header repeated)."""
    from tests.plan_family import FONT, GridPdf
    if not FONT.exists():
        pytest.skip("DejaVu Sans (fonts-dejavu-core) draws the PDF")
    pdf = GridPdf(gap=gap)
    pdf.paragraphs(["Plan of measures for 2011-2013"])
    weights = [0.4] + [1.5] * (len(header) - 1)
    pdf.table(header, first, weights)
    pdf.pdf.add_page()
    pdf.y = pdf.top
    pdf.table(header, second, weights)
    path = tmp_path / "plan.pdf"
    pdf.save(path)
    return read(path)


HEADER = ["No.", "Measures", "Responsible agencies", "Timeframe"]


def test_a_section_row_at_the_top_of_a_page_starts_a_section(tmp_path, gazetteer):
    """A section's title across the table, first on its page, is no rest of the row above it."""
    from tests.plan_family import GCell
    def section(title):
        return [GCell([title], colspan=4), None, None, None]
    def measure(n, text):
        return [GCell([f"{n}."]), GCell([text]), GCell(["Ministry of Health"]), GCell(["2012"])]
    doc = _two_pages(tmp_path, HEADER, [section("I. Prevention"), measure(1, "Train the police")],
                     [section("II. Protection"), measure(1, "Open a shelter")])
    ex = document_to_extraction(doc, gazetteer)
    assert [(r.objective_id, r.objective, r.measure_id) for r in ex.records] == \
        [("1", "Prevention", "1"), ("2", "Protection", "1")]
    check_conservation(doc, ex)


def test_a_row_of_several_measures_goes_on_over_the_page_with_its_blank_lines(tmp_path, gazetteer):
    """A row holding several measures (`№` first, numbering them), broken over the page: the next
    number at the top of the page does not start a new row, a name cut by the page is made whole,
    and the empty paragraph that sets two measures' agency lists apart still does."""
    from tests.plan_family import GCell
    heading = [GCell(["1"]), GCell(["Prevention"]), GCell([]), GCell([]), GCell([])]
    first = [GCell(["1.", "", "2."]), GCell([]), GCell(["Train the police", "", "Train the border guards"]),
             GCell(["Ministry of Internal Affairs", "Ministry of Health", "", "Ministry of Finance",
                    "State Committee on the Protection of"]), GCell(["2012", "", "2013"])]
    rest = [GCell(["", "3."]), GCell([]), GCell(["", "Open a shelter"]),
            GCell(["the State Border", "", "Youth Committee"]), GCell(["", "2014"])]
    doc = _two_pages(tmp_path, ["No.", "Objectives", "Measures", "Responsible agencies", "Timeframe"],
                     [heading, first], [rest])
    ex = document_to_extraction(doc, gazetteer)
    assert [(r.measure_id, r.agency_ids) for r in ex.records] == [
        ("1", ["ministry_internal_affairs", "ministry_health"]),
        ("2", ["ministry_finance", "state_border_committee"]),
        ("3", ["youth_committee"])]
    check_conservation(doc, ex)


def _chars(words: list[tuple[str, float, float]], size: float = 10.0, width: float = 5.0) -> list[dict]:
    """Characters of words placed at (x, top), `width` points each, as the text layer gives them."""
    return [dict(text=ch, x0=x + i * width, x1=x + (i + 1) * width, top=top, bottom=top + size, size=size)
            for text, x, top in words for i, ch in enumerate(text)]


def test_unruled_table_with_a_narrow_gutter_and_centred_cells():
    """WeasyPrint's default print of a table (no rules, a gutter of a few points, cells centred in
    their row, one row holding a paragraph per measure in every cell): the columns are found at the
    gutters before the columns' left edges, the body stays one row (no row boundary cuts a column's
    paragraph), and a section's title running over a column, alone in its row, spans the row."""
    words = [("No.", 60, 100), ("Measures", 80, 100), ("Deadline", 200, 100), ("Agency", 300, 100),
             ("I.", 60, 130), ("Improving", 72, 130), ("the", 122, 130), ("law", 142, 130)]
    for k, top in enumerate((178, 206, 234)):  # numbers centred apart from their measures
        words.append((f"{k + 1}.", 60, top))
    for top in (160, 190, 220):  # a measure of two lines, then a gap
        words += [("Draft", 80, top), ("a", 110, top), ("law", 120, top), ("on", 80, top + 12), ("it", 95, top + 12)]
    for k, top in enumerate((166, 196, 226)):
        words.append(("Annually" if k != 1 else "2016", 200, top))
        words.append(("Ministry", 300, top + 6))
    grid = text_to_grid(_chars(words))
    assert grid is not None and len(grid.xs) == 5
    assert 75 < grid.xs[1] < 80  # between "No." and "Measures": a gutter of 5 points
    assert len(grid.ys) == 4  # the header, the section's title, the body
    assert grid.owner == {(1, 1): (1, 0), (1, 2): (1, 0), (1, 3): (1, 0)}  # the title's row
    assert grid.centred  # which row a paragraph stands in was told by whitespace alone


def _lines(*cells: tuple[float, float, float]) -> list:
    """Lines of chunks, one a line of each cell's text: (x, first line's top, lines), 12 apart."""
    return [[(x, x + 40.0, top + 12.0 * k, top + 12.0 * k + 10.0)]
            for x, top, count in cells for k in range(int(count))]


def test_a_row_of_centred_cells_cut_by_a_gap_across_by_chance_is_one_row():
    """WeasyPrint's default print, one row per objective, each cell a list of the measures' items
    set apart by empty paragraphs: on the page after a break, the row's piece was cut in two at a
    gap across all its columns, where each cell's empty paragraphs fell together by chance.  The
    lower piece's cells do not share a middle (the agencies' text stands below the measures'),
    both pieces together do: one row.  Two rows each centred on its own stay two."""
    from pipeline.readers.pdf import _centred_pieces_joined

    xs = [0.0, 50.0, 100.0, 150.0]
    # measures and results of two lines from 80 and from 146; agencies of 3 lines, 2 from 159
    words = _lines((0, 80, 2), (50, 80, 2), (100, 67, 3), (0, 146, 2), (50, 146, 2), (100, 159, 2))
    words.sort(key=lambda line: line[0][2])
    assert _centred_pieces_joined(words, xs, [60.0, 140.0, 190.0], 10.0) == [60.0, 190.0]
    # each row: a number and a deadline in the middle of a measure of three lines
    rows = _lines((0, 92, 1), (50, 80, 3), (100, 92, 1), (0, 152, 1), (50, 140, 3), (100, 152, 1))
    rows.sort(key=lambda line: line[0][2])
    assert _centred_pieces_joined(rows, xs, [70.0, 130.0, 190.0], 10.0) == [70.0, 130.0, 190.0]


@pytest.mark.parametrize("centred", [True, False])
def test_a_centred_tables_short_row_far_below_a_tall_ones_text_goes_on(centred):
    """The last page of a table drawn without lines, its cells in the middle of their rows: the
    tall row's agencies at the page's head, then, further down than a gap that ends a table, the
    next row's cells side by side in the table's columns (WeasyPrint's default print: they were
    read as text below the table, and the measure in them was lost).  A table that sets its
    cells at the top of their rows ends at that gap."""
    xs = [59.0, 78.0, 198.0, 298.0, 400.0]
    words = [("Ministry", 300, 60), ("of", 345, 60), ("Justice", 300, 72),
             ("Hold", 80, 130), ("it", 105, 130), ("Done", 200, 130), ("Ministry", 300, 130),
             ("again", 80, 142), ("Ministry", 300, 142)]
    grid = text_to_grid(_chars(words), columns=xs, centred=centred)
    assert grid is not None
    assert (grid.ys[-1] > 142) == centred


def test_a_narrow_number_column_with_one_number_on_the_page_is_a_column():
    """WeasyPrint's default print, a `No.` column a few points from the goals' and the measures'
    text with one number on the page: the label over it and that number, two lines starting at
    one x in the gutter, are a column's left edge (it was read into the goals' column, the
    number glued to the goal's text)."""
    words = [("Goal", 60, 100), ("No.", 143, 100), ("Activity", 163, 100), ("Due", 300, 100),
             ("Agency", 400, 100)]
    goal = [("1.", 60), ("Improving", 72)], [("the", 60), ("legal", 80)], [("framework", 60)]
    for top, goal_words in zip((136, 148, 160), goal):
        words += [(text, x, top) for text, x in goal_words]
        words += [("Publish", 163, top), ("Annually", 300, top), ("Ministry", 400, top)]
    words += [("1.1", 143, 148)]
    grid = text_to_grid(_chars(words))
    assert grid is not None and len(grid.xs) == 6
    assert 137 < grid.xs[1] < 143 < grid.xs[2] < 163  # the number between the goal and the measure


def test_word_spaces_one_above_the_other_in_a_column_of_few_lines_are_no_column():
    """WeasyPrint's default print, a `No.` column a few points from the measures' text, and a
    column of three lines two of whose word spaces stand one above the other (`lessons | on`,
    `migration | held`): that chance gap is no column (no label over it), and the number is
    still a column of its own (the gap made a column without a label, the gutters were all
    dropped and the number was read into the measures' column at the rivers)."""
    words = [("Goal", 60, 100), ("No.", 143, 100), ("Activity", 163, 100),
             ("Outcomes", 300, 100), ("Agency", 450, 100)]
    outcomes = [[("School", 300), ("lessons", 335), ("on", 375)],
                [("safe", 300), ("migration", 325), ("held", 375)], [("nationwide", 300)]]
    for k in range(8):
        top = 136 + 12 * k
        words += [("Publish", 163, top), ("Ministry", 450, top)]
        words += [(text, x, top) for text, x in (outcomes[k - 2] if 2 <= k < 5 else [])]
    words += [("1.", 60, 172), ("Improving", 72, 172), ("1.1", 143, 172)]
    grid = text_to_grid(_chars(words))
    assert grid is not None and len(grid.xs) == 6
    assert 137 < grid.xs[1] < 143 < grid.xs[2] < 163  # the number between the goal and the measure
    assert 250 < grid.xs[3] < 300 < 400 < grid.xs[4] < 450  # no column inside the outcomes


def test_a_tall_cells_first_paragraph_standing_alone_above_its_row_is_part_of_it():
    """WeasyPrint's default print, cells in the middle of their rows and a margin between a
    cell's paragraphs: a measure's lead (`Carry out:`) stands alone above its row's shorter
    cells, apart from its items by as much white as a row's gap; it is part of the row (with it
    the measure's text has its middle where the other cells have theirs), not a row of its own
    (it was, and the lead was lost from the measure)."""
    words = [("No.", 60, 100), ("Measures", 85, 100), ("Deadline", 200, 100), ("Agency", 300, 100),
             ("Carry", 85, 140), ("out:", 115, 140)]
    for top, item in ((162, "schools"), (184, "media"), (206, "towns")):
        words += [("-", 85, top), ("in", 95, top), (item, 110, top)]
    words += [("of", 85, 218), ("the", 100, 218), ("south", 120, 218), ("and", 85, 230),
              ("1.", 60, 185), ("2012", 200, 185), ("Ministry", 300, 179), ("of", 300, 191),
              ("Health", 315, 191)]
    words += [("2.", 60, 262), ("Draft", 85, 262), ("2013", 200, 262), ("Ministry", 300, 262),
              ("a", 85, 274), ("law", 95, 274), ("of", 300, 274), ("Justice", 315, 274)]
    grid = text_to_grid(_chars(words))
    assert grid is not None and len(grid.xs) == 5
    assert len(grid.ys) == 4  # the header, the measure's row, the next
    assert grid.ys[1] < 140 and 240 < grid.ys[2] < 262


def test_words_starting_at_one_x_inside_a_wide_column_are_no_column_edge():
    """WeasyPrint's default print, a wide column whose lines part at one x on two lines and one
    line of it runs over that gap: the line closes the gap (it is no title across the columns:
    it does not start at the table's left edge), so no column starts there without a label (it
    did, and the table was refused for a column without a label and read at its rivers)."""
    words = [("No.", 60, 100), ("Measures", 80, 100), ("Results", 250, 100), ("Agency", 400, 100)]
    measure = [[("Draft", 80), ("a", 110), ("law", 120)],
               [("on", 80), ("the", 95), ("courts", 125), ("regional", 165)],  # over the gap
               [("of", 80), ("the", 95), ("state", 115), ("and", 145), ("local", 170), ("in", 200)],
               [("to", 80), ("the", 95), ("other", 115), ("few", 145), ("towns", 168), ("in", 200)],
               [("Train", 80), ("staff", 110)], [("of", 80), ("courts", 95)],
               [("Hold", 80), ("a", 105), ("round", 115)], [("table", 80)]]
    for k, line in enumerate(measure):
        top = 130 + 12 * k
        words += [(text, x, top) for text, x in line] + [("Done", 250, top), ("Ministry", 400, top)]
    words += [("1.", 60, 130), ("2.", 60, 178)]
    grid = text_to_grid(_chars(words))
    assert grid is not None and len(grid.xs) == 5
    assert 70 < grid.xs[1] < 80 and 210 < grid.xs[2] < 250  # at No.'s and Results' gutters


def test_a_title_whose_words_part_at_a_column_edge_spans_the_whole_row():
    """WeasyPrint's default print, a section's title across the table (a cell spanning the row)
    whose words happen to part where a column starts, nothing else in its row: the row is one
    cell across the whole width (it was two cells, read as a measure and its agencies)."""
    words = [("Measures", 60, 100), ("Partners", 200, 100), ("Outcomes", 300, 100), ("Term", 400, 100)]
    title = [("Section", 60), ("1.", 100), ("Improving", 115), ("of", 165), ("the", 180), ("legal", 200),
             ("law", 230)]
    words += [(text, x, 130) for text, x in title]
    for k in range(8):
        top = 160 + 12 * k
        words += [("Draft", 60, top), ("a", 90, top), ("Ministry", 200, top), ("Done", 300, top),
                  ("2020", 400, top)]
    grid = text_to_grid(_chars(words))
    assert grid is not None and len(grid.xs) == 5 and 195 < grid.xs[1] < 200
    assert grid.owner == {(1, 1): (1, 0), (1, 2): (1, 0), (1, 3): (1, 0)}


def test_a_number_and_its_objective_side_by_side_in_a_narrow_gutter_are_two_cells():
    """WeasyPrint's default print, a heading row of a `№` and its objective (`3  Protection of
    victims`) in a gutter narrower than a chunk gap: the words part at the column's edge by more
    than twice their other spaces, so the row is two cells, not a section's title across the
    table (read as a problem under the objective above, its measures under that objective)."""
    words = [("No", 60, 100), ("Goal", 73, 100), ("Measures", 200, 100), ("Agency", 300, 100)]
    for k, top in enumerate((130, 160)):
        words += [(f"{k + 1}.", 60, top), ("Fight", 73, top), ("Draft", 200, top), ("Ministry", 300, top)]
    words += [("3", 60, 190), ("Protection", 73, 190), ("of", 126, 190), ("victims", 139, 190)]
    for k, top in enumerate((220, 250)):
        words += [(f"{k + 4}.", 60, top), ("Shelter", 73, top), ("Open", 200, top), ("Ministry", 300, top)]
    grid = text_to_grid(_chars(words))
    assert grid is not None and len(grid.xs) == 5 and 65 < grid.xs[1] <= 73
    assert len(grid.ys) == 7 and grid.owner == {}


def test_a_narrow_number_column_beside_a_wider_gutter_is_a_column_of_its_own():
    """WeasyPrint's default print of a plan whose objectives have a column of their own beside the
    `№` (`1  Legal basis`, 3 points apart), on a page whose measures stand on the next (their
    column's edge told by the header alone): the rivers part the wide gutters; the narrow one,
    under two labels of the header, parts the `№` from the objectives too. Read as one column,
    the objectives were read as numbers (`2. 3. 4.` an objective)."""
    words = [("No", 60, 100), ("Goals", 73, 100), ("Measures", 150, 100), ("Agency", 300, 100),
             ("Deadline", 450, 100), ("1", 60, 130), ("Legal", 73, 130), ("basis", 73, 142)]
    for k, top in enumerate((170, 200)):
        words += [(f"{k + 1}.", 60, top), ("Ministry", 300, top), ("2016", 450, top)]
    grid = text_to_grid(_chars(words))
    assert grid is not None and len(grid.xs) == 6
    assert 65 < grid.xs[1] <= 73


def test_a_header_line_above_the_first_one_widens_the_table_to_its_words():
    """A header whose two-line label (`Deadline of` / `it`) reaches further right on its first
    line than any line below: the table's last column takes it whole (it was cut at the right
    edge of the lines below, `of` left outside the table and the column named `Deadline`)."""
    words = [("Deadline", 450, 94), ("of", 490, 94), ("No", 60, 100), ("Measures", 150, 100),
             ("Agency", 300, 100), ("it", 450, 106)]
    for k, top in enumerate((140, 170)):
        words += [(f"{k + 1}.", 60, top), ("Draft", 150, top), ("Ministry", 300, top),
                  ("2016", 450, top)]
    grid = text_to_grid(_chars(words))
    assert grid is not None and grid.xs[-1] > 500


def test_a_weasyprint_default_print_is_read_and_no_row_of_it_is_sure(gazetteer):
    """WeasyPrint without presentational hints (its default): no rules, a gutter of a few points,
    cells in the middle of their rows. Its rows are read, each flagged `grid_uncertain` below
    0.9: which row a paragraph stands in was told by whitespace alone."""
    path = FIXTURES / "family" / "weasyprint-plain-en-0.pdf"
    ex = document_to_extraction(read(path), gazetteer)
    assert [r.measure_id for r in ex.records] == ["1", "2", "3", "4", "5", "6"]
    assert all("grid_uncertain" in r.flag_names and 0.5 <= r.confidence < 0.9 for r in ex.records)


@pytest.mark.parametrize("row, again", [
    (("ии", "Наимевование мероприятий", "Срок исполнения", "Исполнители"), True),  # marks misread
    (("№ н/1", "Наименование мероприятий", "Срок ненолненяя“", "Исполнители"), True),  # a word
    (("№ ибн:", "Наименование мероприятий", "Срок несволнения.", "Исполийтели'"), True),  # two
    (("23.", "Обеспечение закрепления в положениях", "до 1 июля", "Руководители организаций"), False),
    (("1.", "Наименование мероприятий", "Срок исполнения", "Исполнители", "Примечание"), False),
])
def test_a_scans_header_read_anew_on_each_page_with_words_misread_is_the_header_again(row, again):
    """The Belarus ministry's scan: its header, read by OCR on every page, misreads the `№ п/п`
    cell and now and then a word of the others; it is the header again (and dropped), not a row
    that the page join makes part of the measure a page break cut."""
    from pipeline.readers.options import PDF_DEFAULT
    from pipeline.readers.pdf import _same_header

    header = ("п/п", "Наименование мероприятий", "Срок исполнения,", "Исполнители")
    assert _same_header(row, header, PDF_DEFAULT) is again


def test_an_unruled_header_with_a_label_set_between_two_lines_is_one_row():
    """A header drawn without lines whose one-line labels (`Objectives`, `Timeframe`) stand in the
    middle beside two-line ones (`Typical` / `problems`): the header is one row, however the
    first column's label falls (WeasyPrint's default print repeats it so on every page).  It was
    cut in two where `Objectives` started the first column's paragraph, and the header printed
    again on the next page was no longer the header."""
    words = [("Typical", 150, 100), ("Implementation", 250, 100), ("Executing", 500, 100),
             ("Objectives", 60, 106.5), ("Timeframe", 400, 106.5),
             ("problems", 150, 113), ("measures", 250, 113), ("agencies", 500, 113)]
    for top, number in ((140, "1."), (180, "2.")):
        words += [(number, 60, top), ("Lack", 150, top), ("Study", 250, top), ("2006", 400, top),
                  ("Ministry", 500, top)]
    grid = text_to_grid(_chars(words))
    assert grid is not None and len(grid.xs) == 6
    assert len(grid.ys) == 4  # the header, two rows
    assert grid.ys[0] < 100 and 123 < grid.ys[1] < 140


@pytest.mark.parametrize("apart", [True, False])
def test_a_paragraph_a_page_break_did_not_cut_stands_apart_as_its_cells_others_do(apart):
    """A cell going on over a page: its first paragraph on the next page, which the break did not
    cut, stands apart from the one above by the white the break hides where the cell sets its
    paragraphs apart by an empty line, in a table whose cells stand in the middle of their rows
    (WeasyPrint's default print of the Tajik annex: an agency paragraph at a page's head was
    otherwise read as the one above going on, and joined to it)."""
    from pipeline.model import Format, SourceInfo
    from pipeline.readers.pdf import Line, Para, _Builder

    def para(text: str, page: int, top: float, blank: bool) -> Para:
        return Para([Line(text, 10.0, 90.0, top, top + 10.0, 10.0, 20.0, page)], text, [], blank)

    builder = _Builder(SourceInfo(file="plan.pdf", sha256="", format=Format.PDF))
    builder.bigrams, builder.centred = set(), True
    above = {0: [para("Ministry of Health", 1, 700.0, False), para("Youth Committee", 1, 730.0, apart)]}
    builder._join_rows(above, {0: [para("Committee on Religious Affairs", 2, 60.0, False)]}, set())
    assert [p.text for p in above[0]] == ["Ministry of Health", "Youth Committee", "Committee on Religious Affairs"]
    assert above[0][-1].blank_before == apart
    cells = builder._cell_paragraphs(above[0], 0, 0, 0)
    assert [p.text for p in cells] == ["Ministry of Health", *([""] if apart else []), "Youth Committee",
                                       *([""] if apart else []), "Committee on Religious Affairs"]
    assert all(p.prov.bbox[1] <= p.prov.bbox[3] for p in cells)


def _cell(*paragraphs: tuple[int, float]) -> list:
    """One cell's lines: (lines, white above in points) per paragraph, at a pitch of 12."""
    from pipeline.readers.pdf import Line

    lines, top = [], 100.0
    for count, white in paragraphs:
        top += white
        for _ in range(count):
            lines.append(Line("word", 10.0, 90.0, top, top + 10.0, 10.0, 20.0, 1))
            top += 12.0
    return lines


def test_a_browsers_paragraph_margin_is_told_from_an_empty_paragraph():
    """A browser sets every paragraph a margin apart (here 13 points at a pitch of 12); an empty
    paragraph between two leaves its line and two margins (38): only that is an empty paragraph.
    Where no wider white stands beside it, the least white is no margin (an empty paragraph
    between every two lists looks the same), nor where it is narrower than a blank line."""
    from pipeline.readers.pdf import lines_to_paragraphs, paragraph_margin

    browser = _cell((2, 0), (1, 13), (1, 13), (1, 38), (2, 38))
    margin = paragraph_margin([browser], 12.0)
    assert margin == 13.0
    paras = lines_to_paragraphs(browser, 12.0, 90.0, set(), margin=margin)
    assert [p.blank_before for p in paras] == [False, False, False, True, True]
    # without the margin, each paragraph seemed to follow an empty one
    assert all(p.blank_before for p in lines_to_paragraphs(browser, 12.0, 90.0, set())[1:])
    # one break at the margin is enough where the empty paragraph's white stands beside it
    assert paragraph_margin([_cell((1, 0), (1, 13), (1, 38))], 12.0) == 13.0
    assert paragraph_margin([_cell((1, 0), (1, 12), (1, 12), (1, 12))], 12.0) == 0.0
    assert paragraph_margin([_cell((1, 0), (1, 4), (1, 4), (1, 20))], 12.0) == 0.0


@pytest.mark.parametrize("name", ["chromium-en-5.pdf", "weasyprint-en-5.pdf"])
def test_a_browsers_print_of_lists_set_apart_by_empty_paragraphs_reads_exact(name, gazetteer):
    """The family plan whose agency cells list one body a paragraph and set the measures' lists
    apart by an empty paragraph, as Chromium and WeasyPrint print it (paragraph margins all
    through; in WeasyPrint's, one break at the margin on the page): each measure has its own
    bodies (two were joined to the list below, flagged, before)."""
    from tests.plan_family import expected_rows, score
    from tests.producers import plan_of

    ex = document_to_extraction(read(FIXTURES / "family" / name), gazetteer)
    assert [exact for exact, _, _ in score(ex.records, expected_rows(plan_of(5, "en")))] \
        == [True] * 6


def test_a_section_title_at_a_pages_foot_goes_on_in_no_row_of_cells():
    """A row of one cell across the table (a problem's title, `1.3. ...`) at the foot of a page,
    and the next page opening with a row of cells (its measures, unnumbered): a new row, not the
    title's rest (WeasyPrint's print of a Tajik plan joined them at confidence 1.00); where the
    next page brings text to the first column only, the title may go on."""
    from pipeline.readers.pdf import Line, Para, _continues

    def cell(text: str) -> list[Para]:
        return [Para([Line(text, 10.0, 90.0, 60.0, 70.0, 10.0, 20.0, 2)], text, [], False)]

    title = {0: cell("1.3. Weak coordination between bodies")}
    measures = {0: cell("Train judges and prosecutors"), 2: cell("Judges trained"),
                4: cell("Ministry of Labour")}
    assert not _continues(title, measures, 0, False, prev_across=True)
    assert _continues(title, measures, 0, False)  # where the row above was not told across
    assert _continues(title, {0: cell("and regional authorities")}, 0, False, prev_across=True)


def test_a_cut_rows_tail_at_a_pages_foot_is_no_row_of_its_own():
    """WeasyPrint could not fit a step's first line at a page's foot: the step's deadline stands
    on that page, the step's text on the next, and the cut row's tail was drawn at the foot as an
    empty row.  The next page's first row fills only the cells the row above left empty, and
    leaves empty every one it filled: the rest of that row (it became a step with no deadline,
    and the deadline the measure's, at confidence 1.00).  A row that brings text to a column the
    row above filled is that empty row's text, gone over whole."""
    from pipeline.readers.pdf import Line, Para, _completes

    def cell(text: str) -> list[Para]:
        return [Para([Line(text, 10.0, 90.0, 60.0, 70.0, 10.0, 20.0, 2)], text, [], False)]

    above = {1: cell("1.2"), 2: cell("Train consular staff"), 3: [], 6: cell("Permanently")}
    foot = (7, {1: "left", 2: "above", 4: "above", 5: "above"})  # own columns: 0, 3, 6
    assert _completes(above, foot, {3: cell("Publish materials"), 6: []})
    assert not _completes(above, foot, {3: cell("Hold a round table"), 6: cell("As needed")})
    assert not _completes(above, foot, {0: [], 3: [], 6: []})


def test_a_cells_phrase_run_on_past_the_rule_is_taken_back():
    """Chromium let the rest of a cell the page break cut run on past the rule under it:
    `Finance, Ministry of` over the rule, `Internal Affairs` under it, in the next row's cell.
    The paragraph that goes on with a phrase ending mid-way, right under it, is its rest (the
    next measure took `Internal Affairs` at confidence 0.72, its own agency wrong); one with a
    line's white between, or under a phrase that ended, is not."""
    from pipeline.readers.pdf import Line, Para, _take_run_on

    def cell(text: str, top: float) -> list[Para]:
        return [Para([Line(text, 10.0, 90.0, top, top + 12.0, 12.0, 20.0, 2)], text, [], False)]

    def run(above: str, top: float) -> tuple[list[str], list[str]]:
        merged = [{0: cell("2.2", 28.0), 1: cell(f"Ministry of Finance, {above}", 28.0)}]
        row = {0: cell("3.1", 60.0), 1: cell("Internal Affairs", top) + cell("Border Committee", 56.0)}
        _take_run_on(merged, [{}], row, set())
        return [p.text for p in merged[0][1]], [p.text for p in row[1]]

    assert run("Ministry of", 41.0) == (["Ministry of Finance, Ministry of Internal Affairs"],
                                        ["Border Committee"])
    assert run("Ministry of", 60.0)[1] == ["Internal Affairs", "Border Committee"]
    assert run("Youth Committee", 41.0)[1] == ["Internal Affairs", "Border Committee"]
