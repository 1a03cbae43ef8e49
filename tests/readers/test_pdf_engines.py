"""The two PDF engines (`readers/pdf_layer.py`) give the same output, byte for byte.

pdfplumber is the reference; pdfium is the fast default.  Compared: the characters and ruling
lines each engine hands the reader (on the raw files), and the whole JSON output on every PDF
the tests have (raw files, the long fixture), on the generated plan family in each PDF style,
on Helvetica tables (a standard font, no font file), and on pages turned by /Rotate with their
content drawn turned back (a landscape table on a portrait page), cropped, or with a media box
away from (0, 0).
"""
import io
import random
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from pipeline.extract import extract
from pipeline.readers import pdf_layer
from pipeline.readers.options import ReadOptions
from pipeline.writers import write_json
from tests.conftest import RAW, ROOT, params
from tests.plan_family import FONT, PDF_STYLES, draw, layout_of, render_pdf
from tests.readers.pdf_builder import TablePdf
from tests.readers.test_pdf import BLOCK

PDFS = sorted(RAW.glob("*.pdf")) + [ROOT / "tests" / "fixtures" / "long-annex-x10.pdf"]


def output(path: Path, engine: str) -> str:
    buf = io.StringIO()
    write_json(extract(path, options=ReadOptions(pdf_engine=engine)), buf)
    return buf.getvalue()


def layers(path: Path, engine: str) -> list:
    return [(p.number, p.chars, sorted(map(lambda e: tuple(sorted(e.items())), p.edges)), p.picture_only)
            for p in pdf_layer.pages(path, engine, lambda doc: None)]


@pytest.mark.parametrize("path", params(PDFS[:3], fast=("annex_ru.pdf",)))
def test_both_engines_hand_the_reader_the_same_characters_and_lines(path):
    assert layers(path, "pdfium") == layers(path, "pdfplumber")


@pytest.mark.slow
@pytest.mark.parametrize("path", params(PDFS))
def test_both_engines_give_the_same_output(path):
    assert output(path, "pdfium") == output(path, "pdfplumber")


@pytest.mark.slow
@pytest.mark.skipif(not FONT.exists(), reason="the family's PDF font is not installed")
@pytest.mark.parametrize("seed", range(12))
def test_both_engines_give_the_same_output_on_the_plan_family(seed, tmp_path):
    rnd = random.Random(seed)
    plan = draw(rnd, max_sections=3, max_measures=4)
    path = render_pdf(plan, tmp_path / "plan.pdf", layout_of("pdf", plan, rnd), PDF_STYLES[seed % len(PDF_STYLES)])
    assert output(path, "pdfium") == output(path, "pdfplumber")


def turned(src: Path, dst: Path, rotation: int, box_offset: tuple[float, float] = (0.0, 0.0)) -> Path:
    """`src` with every page stored turned: a page of the other orientation with /Rotate
    `rotation` and the content drawn turned back, so that it shows as before; `box_offset`
    moves the media box's lower left corner away from (0, 0)."""
    source, out = pdfium.PdfDocument(str(src)), pdfium.PdfDocument.new()
    for index in range(len(source)):
        width, height = source[index].get_size()
        content = source.page_as_xobject(index, out).as_pageobject()
        matrix = pdfium.PdfMatrix().rotate((360 - rotation) % 360)
        corners = [matrix.on_point(x, y) for x, y in ((0, 0), (width, 0), (0, height), (width, height))]
        content.transform(matrix.translate(-min(p[0] for p in corners), -min(p[1] for p in corners)))
        page = out.new_page(*((height, width) if rotation in (90, 270) else (width, height)))
        page.insert_obj(content)
        page.gen_content()
        page.set_rotation(rotation)
        if box_offset != (0.0, 0.0):
            left, bottom, right, top = page.get_mediabox()
            page.set_mediabox(left - box_offset[0], bottom - box_offset[1], right, top)
    out.save(str(dst))
    return dst


def cropped(src: Path, dst: Path) -> Path:
    pdf = pdfium.PdfDocument(str(src))
    for page in pdf:
        left, bottom, right, top = page.get_mediabox()
        page.set_cropbox(left + 20, bottom + 30, right - 10, top - 15)
    pdf.save(str(dst))
    return dst


def _sources(tmp_path: Path) -> list[Path]:
    helvetica = TablePdf(page_height=130, running_header="Annex", page_numbers=True).build(
        [BLOCK, BLOCK], tmp_path / "helvetica.pdf")
    plan = render_pdf(draw(random.Random(3), max_sections=2, max_measures=3), tmp_path / "plan.pdf",
                      "blocks", "spaced") if FONT.exists() else None
    return [RAW / "annex_en.pdf", helvetica] + ([plan] if plan else [])


@pytest.mark.slow
@pytest.mark.parametrize("how", ["turned-90", "turned-180", "turned-270", "turned-90-offset", "cropped"])
def test_both_engines_agree_on_turned_and_cropped_pages(how, tmp_path):
    for i, src in enumerate(_sources(tmp_path)):
        dst = tmp_path / f"{i}-{how}.pdf"
        if how == "cropped":
            cropped(src, dst)
        else:
            turned(src, dst, int(how.split("-")[1]), (30.0, 20.0) if how.endswith("offset") else (0.0, 0.0))
        assert output(dst, "pdfium") == output(dst, "pdfplumber"), (src.name, how)


def test_a_turned_landscape_table_is_read_as_it_shows(tmp_path):
    path = turned(TablePdf(page_height=300).build([BLOCK], tmp_path / "a.pdf"), tmp_path / "turned.pdf", 90)
    ex = extract(path)
    assert [r.measure_id for r in ex.records] == ["1.1.1", "1.1.2", "1.1.3"]
    assert [r.timeframe for r in ex.records] == ["2011", "2012 - 2013", "Annually"]


def test_a_scanned_page_is_a_picture_to_both_engines(tmp_path):
    from tests.scans import scan_pdf

    scan = scan_pdf(RAW / "annex_ru.pdf", tmp_path / "scan.pdf", pages=[1])
    for engine in pdf_layer.ENGINES:
        [page] = pdf_layer.pages(scan, engine, lambda doc: None)
        assert page.picture_only and not page.chars, engine
