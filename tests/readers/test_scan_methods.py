"""The methods a real scan needed (issue 43, the Belarus ministry's plan printed, scanned to a
1-bit picture and turned 90 degrees), each on a small made-up input: a 1-bit page smoothed before
OCR and its dotted lines painted out first, a rule a scanner drew slanted read as one straight
line, a column read again where Tesseract's column analysis left ink unread, and a `№` column
whose header OCR misread told by its numbers counting up.  No Tesseract needed: the readings are
built by hand (the dotted lines are drawn on a page of the English annex rendered at 200 dpi)."""
from pathlib import Path

import lxml.html
import numpy as np
from PIL import Image

from pipeline.columns import counts_up
from pipeline.model import Cell, Paragraph, Provenance, Role, Row, Table
from pipeline.readers import ocr
from pipeline.structure.header import table_header

RAW = Path(__file__).resolve().parents[2] / "raw"


def test_a_picture_of_two_grey_levels_is_smoothed_and_a_grey_one_left():
    page = np.full((60, 60), 255, dtype=np.uint8)
    page[20:40, 28:32] = 0  # a stroke of ink
    bilevel = Image.fromarray(page)
    smoothed, how = ocr.smooth_bilevel(bilevel, 200)
    levels = np.unique(np.asarray(smoothed))
    assert how and len(levels) > 2 and levels.min() < 60  # grey edges, the stroke still dark
    grey = Image.fromarray(np.where(page == 0, 40, 250).astype(np.uint8))
    grey.putpixel((0, 0), 128)  # three levels: a grey scan's
    assert ocr.smooth_bilevel(grey, 200) == (grey, "")
    assert ocr.smooth_bilevel(bilevel, 200, width=0) == (bilevel, "")


def _one_bit_page() -> np.ndarray:
    """A page of the English annex as a 1-bit scanner at 200 dpi gives it: English print, with
    its full stops, the dots of its i's and its item numbers' dots (`1.1.2.`)."""
    import pypdfium2 as pdfium

    page = pdfium.PdfDocument(str(RAW / "annex_en.pdf"))[0]
    grey = np.asarray(page.render(scale=200 / 72, grayscale=True).to_pil().convert("L"))
    return np.where(grey < 160, 0, 255).astype(np.uint8)


def test_a_scanners_dotted_lines_are_painted_out_and_print_kept():
    """A grey rule a scanner dithered into dots of a pixel (across, every 3 pixels; down, every
    2) goes; every pixel of the page's print stays, its full stops and i's dots too."""
    page = _one_bit_page()
    dotted = page.copy()
    dotted[30, 100:400:3] = 0
    dotted[40:200:2, 20] = 0
    dotted[40:200:2, 21] = 0  # dots two pixels wide
    out = np.asarray(ocr.undot(Image.fromarray(dotted), 200))
    assert (out == page).all()
    assert (np.asarray(ocr.undot(Image.fromarray(page), 200)) == page).all()


def test_a_one_bit_page_loses_its_dotted_lines_before_it_is_smoothed():
    page = _one_bit_page()
    dotted = page.copy()
    dotted[30, 100:400:3] = 0
    smoothed, _ = ocr.smooth_bilevel(Image.fromarray(dotted), 200)
    clean, _ = ocr.smooth_bilevel(Image.fromarray(page), 200)
    assert (np.asarray(smoothed) == np.asarray(clean)).all()


def test_a_mark_with_a_low_line_read_unsure_is_a_speck():
    """`—_` read at 15 beside a rule's remains: no letter or digit in it, so a speck like `—|`;
    the same marks read surely, and a word with a low line in it, are kept."""
    box = [0.0, 0.0, 10.0, 8.0]
    assert ocr._speck("—_", 15.0, box, 20.0, "и", 60.0)
    assert not ocr._speck("—_", 95.0, box, 20.0, "и", 60.0)
    assert not ocr._speck("года_таких", 15.0, box, 20.0, "и", 60.0)


def _sheared_table(height: int = 900, width: int = 700) -> np.ndarray:
    """Ink of a table whose rules down drift 3 pixels to the left from top to bottom (a sheet
    pulled askew), its rules across level."""
    ink = np.zeros((height, width), dtype=bool)
    for row in (50, 450, 850):
        ink[row, 40:660] = True
    for col in (40, 300, 660):
        for y in range(50, 851):
            ink[y, col - (y - 50) * 3 // 800] = True
    return ink


def test_the_pieces_of_a_slanted_rule_stand_at_one_position():
    edges, _ = ocr.ruling_lines(_sheared_table(), 300)
    down = sorted({round(e["x0"], 3) for e in edges if e["orientation"] == "v"})
    # one position per rule: three boundaries, not three pairs a point apart
    assert len(down) == 3, down
    at = ocr.one_line_each([(528, 0, 200), (527, 190, 400), (526, 390, 600), (600, 0, 600)], 3, 1.0)
    assert at[0] == at[1] == at[2] and 526 < at[0] < 528 and at[3] == 600
    # a thick straight rule: its runs, side by side over no more than `drift`, stand where they are
    assert ocr.one_line_each([(806, 148, 3359), (807, 148, 3359), (808, 148, 3093)], 3, 1.0) == [806, 807, 808]


def _hocr(*boxes: tuple[int, int, int, int]):
    words = "".join(f"<span class='ocrx_word' title='bbox {x0} {y0} {x1} {y1}; x_wconf 90'>w</span>"
                    for x0, y0, x1, y1 in boxes)
    return lxml.html.fromstring(f"<html><body><p>{words}</p></body></html>")


def test_the_ink_a_reading_leaves_outside_its_words_is_measured():
    ink = np.zeros((100, 100), dtype=bool)
    ink[10:20, 10:90] = True  # a line of print
    ink[60:70, 10:90] = True  # another, which the reading missed
    assert ocr._unread_ink(_hocr((5, 5, 95, 25)), ink) == 0.5
    assert ocr._unread_ink(_hocr((5, 5, 95, 25), (5, 55, 95, 75)), ink) == 0.0
    assert ocr._unread_ink(_hocr(), ink) == 1.0


def _row(*texts: str) -> Row:
    return Row([Cell([Paragraph(t, Provenance("plan.pdf"))] if t else []) for t in texts])


def test_a_column_of_numbers_counting_up_is_the_number_column_whatever_its_header_says():
    header = _row("№ п/а", "Наименование мероприятий", "Срок исполнения", "Исполнители")
    body = [_row("1.", "Проведение мониторинга", "ежегодно", "Министерство энергетики"),
            _row("Мероприятия в сфере закупок", "", "", ""),
            _row("2.", "Проведение анализа", "ежегодно", "Министерство энергетики"),
            _row("3.", "Разработка актов", "ежегодно", "Министерство энергетики"),
            _row("4.", "Рассмотрение отчетов", "ежегодно", "Министерство энергетики"),
            _row("5.", "Обеспечение контроля", "ежегодно", "Министерство энергетики")]
    found = table_header(Table([header] + body))
    assert found is not None
    assert [c.role for c in found[1]] == [Role.NUMBER, Role.MEASURE, Role.TIMEFRAME, Role.AGENCIES]
    # amounts or years do not count up by one; nor a column of numbers and words
    assert not counts_up([["100"], ["250"], ["300"]])
    assert not counts_up([["1."], ["2."], ["да"], ["нет"]])
    assert counts_up([["1."], ["2."], ["Мероприятия в сфере закупок"], ["3."], ["4."], ["5."]])


def test_a_column_of_item_numbers_of_several_levels_in_their_order_is_the_number_column():
    """A scan's `№` read `Nº` or `Ne` names no column; the cells under it hold the measures'
    numbers of two levels (`1.1.`, `2.1.`: the family's scanned plans), a cell two of them one a
    line (two measures in one row): they follow each other in a numbering, and that is the number
    column (the measures were numbered by their places, at 0.50-0.85)."""
    header = _row("Nº", "Measures", "Timeframe", "Responsible agencies")
    body = [_row("1.1.", "Train judges", "2014", "Ministry of Justice"),
            _row("2.1.", "Prepare a report", "May 2015", "Ministry of Health"),
            _row("2.2", "Establish a report", "2015", "Youth Committee")]
    found = table_header(Table([header] + body))
    assert found is not None and found[1][0].role == Role.NUMBER
    assert counts_up([["1"], ["1.1.", "1.2"], ["2"], ["2.1."]])
    assert not counts_up([["1.1."], ["1.3."], ["2.2."]])  # no numbering skips a label
    assert not counts_up([["1.", "Train judges"], ["2."], ["3."]])  # a label and a text: a measure
