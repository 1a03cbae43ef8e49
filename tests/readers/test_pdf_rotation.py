"""A page turned by /Rotate is read in the frame its text reads in (issue 42, build 3).

Two ways a valid PDF turns its pages, each applied to every page of the raw annexes:

* `landscape`: the content drawn turned, and /Rotate turning it upright again (landscape
  sections, scanners): a viewer shows it as before, and the reader reads it as shown;
* `sideways`: /Rotate set on upright content: a viewer shows the text turned, and its reader
  turns the view; the reader reads the page turned back, so that its text reads left to right,
  and says so in a warning.

Each gives the rows of its source, field for field, with both engines.
"""
import io
import json
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from pipeline.extract import extract
from pipeline.readers import pdf_layer
from pipeline.readers.options import ReadOptions
from pipeline.writers import write_json
from tests.conftest import RAW
from tests.readers.pdf_builder import HEADER, TablePdf
from tests.readers.test_pdf import BLOCK
from tests.readers.test_pdf_engines import turned

SOURCES = ["annex_en.pdf", "annex_ru.pdf", "annex_tg.pdf"]
ROTATIONS = [90, 180, 270, -90]


def _rotate_key(path: Path, rotation: int) -> Path:
    """`path` with `/Rotate 270` written as `/Rotate -90` (the same turn; as long, so the
    cross-reference offsets hold)."""
    if rotation == -90:
        data = path.read_bytes()
        assert b"/Rotate 270" in data
        path.write_bytes(data.replace(b"/Rotate 270", b"/Rotate -90"))
    return path


def sideways(src: Path, dst: Path, rotation: int) -> Path:
    """`src` with /Rotate `rotation` set on every page, its content left upright."""
    pdf = pdfium.PdfDocument(str(src))
    for page in pdf:
        page.set_rotation(rotation % 360)
    pdf.save(str(dst))
    pdf.close()
    return _rotate_key(dst, rotation)


def landscape(src: Path, dst: Path, rotation: int) -> Path:
    """`src` with its content drawn turned against /Rotate `rotation`: shown as before."""
    return _rotate_key(turned(src, dst, rotation % 360), rotation)


def output(path: Path, engine: str) -> dict:
    buf = io.StringIO()
    write_json(extract(path, options=ReadOptions(pdf_engine=engine)), buf)
    return json.loads(buf.getvalue())


def fields(value):
    """The output without the file's name (in `source` and each provenance)."""
    if isinstance(value, dict):
        return {k: fields(v) for k, v in value.items() if k not in ("file", "source")}
    if isinstance(value, list):
        return [fields(v) for v in value]
    return value


def _cases():
    for name in SOURCES:
        for rotation in ROTATIONS:
            for how in ("landscape", "sideways"):
                fast = (name, rotation, how) in {("annex_en.pdf", 90, "sideways"), ("annex_ru.pdf", -90, "landscape")}
                yield pytest.param(name, rotation, how, id=f"{name}-{how}-{rotation}",
                                   marks=[] if fast else [pytest.mark.slow])


@pytest.mark.parametrize("name, rotation, how", list(_cases()))
def test_a_turned_page_gives_the_rows_of_its_source(name, rotation, how, tmp_path):
    src = RAW / name
    dst = {"landscape": landscape, "sideways": sideways}[how](src, tmp_path / f"{how}{rotation}.pdf", rotation)
    expected = fields(output(src, "pdfium"))
    for engine in pdf_layer.ENGINES:
        got = output(dst, engine)
        assert fields(got["records"]) == expected["records"], engine
        assert fields(got["unplaced"]) == expected["unplaced"], engine
        said = [w["message"] for w in got["warnings"] if "/Rotate" in w["message"]]
        assert len(said) == (0 if how == "landscape" else len(pdfium.PdfDocument(str(src)))), engine


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_each_engine_reads_a_sideways_page_in_its_texts_turn(rotation, tmp_path):
    path = sideways(RAW / "annex_en.pdf", tmp_path / "s.pdf", rotation)
    for engine in pdf_layer.ENGINES:
        first = next(iter(pdf_layer.pages(path, engine, lambda doc: None)))
        assert (first.rotation, first.read_as) == (rotation, 0), engine


@pytest.mark.parametrize("turns, read_as", [
    ([90] * 5 + [0] * 3, 90),  # most of its text reads as shown: its /Rotate stands
    ([0] * 5 + [90] * 5, 90),  # as many: its /Rotate stands
    ([0] * 6 + [90] * 5, 0),  # more reads in another turn
    ([], 90),  # no text
])
def test_the_reading_turn_is_the_one_most_characters_read_in(turns, read_as):
    assert pdf_layer.reading_rotation(90, turns) == read_as


class _WithHiddenCopy(TablePdf):
    """A table whose every line is drawn a second time, invisible (text render mode 3), a little
    apart: as an OCR layer lies under a page's picture."""

    def draw_row(self, y, cells, height):
        super().draw_row(y, cells, height)
        with self.pdf.local_context(text_mode="INVISIBLE"):  # q ... Q: the mode ends with it
            x = self.left
            for width, cell in zip(self.widths, cells):
                for text, dx, dy in cell:
                    self.pdf.text(x + self.pad + dx + 1, y + 3 + dy + self.size, text)
                x += width


def test_text_drawn_invisible_is_left_out_of_the_cells_with_both_engines(tmp_path):
    plain = TablePdf(page_height=300).build([BLOCK], tmp_path / "plain.pdf")
    hidden = _WithHiddenCopy(page_height=300).build([BLOCK], tmp_path / "hidden.pdf")
    expected = fields(output(plain, "pdfium"))
    letters = sum(len("".join(text.split())) for cell in BLOCK + [HEADER] for text in cell)  # the header row too
    for engine in pdf_layer.ENGINES:
        got = output(hidden, engine)
        assert fields(got["records"]) == expected["records"], engine
        said = [w["message"] for w in got["warnings"] if "invisible" in w["message"]]
        assert said == [f"page 1: {letters} letters drawn invisible (text render mode 3 or 7, as an OCR layer) left out"]


def test_a_page_whose_only_text_is_invisible_keeps_it(tmp_path):
    class OnlyHidden(TablePdf):
        def draw_row(self, y, cells, height):
            with self.pdf.local_context(text_mode="INVISIBLE"):
                super().draw_row(y, cells, height)

    path = OnlyHidden(page_height=300).build([BLOCK], tmp_path / "searchable.pdf", title=())
    for engine in pdf_layer.ENGINES:
        [page] = pdf_layer.pages(path, engine, lambda doc: None)
        assert page.chars and page.hidden == 0, engine
