"""Cheap files that cost a lot (issue 42, part 6): each budget refuses or simplifies before the
work that grows past what a page can hold.  Work is counted (cells made, pictures decoded, rules
looked at), not timed; the whole files run through `annex extract` under its memory ceiling in
the slow test, one line on stderr each."""
from pathlib import Path

import pytest

from pipeline.align.settings import AlignSettings
from pipeline.errors import DocumentLoadError
from pipeline.extract import extract
from pipeline.readers import ocr, read
from pipeline.readers.budget import CellCount
from pipeline.readers.options import OcrSettings, ReadOptions
from pipeline.readers.pdf import _near, edges_to_grid
from pipeline.settings import Settings
from tests import costly
from tests.one_objective import text


def test_a_grid_of_wide_spans_is_refused_before_its_cells_are_made(tmp_path, monkeypatch):
    made = []
    real_add = CellCount.add

    def counted(self, cells):
        made.append(cells)
        real_add(self, cells)

    monkeypatch.setattr(CellCount, "add", counted)
    path = costly.wide_grid(tmp_path, columns=1000, rows=1100)
    with pytest.raises(DocumentLoadError, match="MAX_CELLS"):
        read(path)
    # counted before each cell is made: no more than the limit and the one cell that passed it
    assert sum(made[:-1]) <= 1_000_000 < sum(made)
    made.clear()
    with pytest.raises(DocumentLoadError, match="MAX_COLUMNS"):
        read(costly.wide_grid(tmp_path, columns=200_000, rows=12))
    assert not made  # refused on its grid, before any cell


def test_many_sibling_tables_are_refused_once_read(tmp_path):
    with pytest.raises(DocumentLoadError, match="MAX_TABLES"):
        read(costly.sibling_tables(tmp_path, count=10_001))
    assert len(read(costly.sibling_tables(tmp_path, count=50)).tables) == 51


def test_a_document_of_too_many_or_too_long_paragraphs_is_refused_once_read(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(text(40), encoding="utf-8")
    assert read(path, ReadOptions(max_paragraphs=500)).paragraphs
    with pytest.raises(DocumentLoadError, match="max_paragraphs 100"):
        read(path, ReadOptions(max_paragraphs=100))
    with pytest.raises(DocumentLoadError, match="max_paragraph_chars 20"):
        read(path, ReadOptions(max_paragraph_chars=20))
    with pytest.raises(DocumentLoadError, match="max_paragraph_chars"):
        read(costly.big_cell(tmp_path, words=20_000))


def test_a_row_of_measures_past_its_budget_is_refused_before_it_is_aligned(tmp_path, gazetteer):
    path = tmp_path / "plan.txt"
    path.write_text(text(40), encoding="utf-8")
    assert len(extract(path, gazetteer).records) == 40
    small = Settings(align=AlignSettings(max_block_paragraphs=60))
    with pytest.raises(DocumentLoadError, match="max_block_paragraphs 60"):
        extract(path, gazetteer, settings=small)


def test_numbering_deeper_than_a_plan_numbers_is_refused(tmp_path, gazetteer):
    with pytest.raises(DocumentLoadError, match="max_depth"):
        extract(costly.deep_numbering(tmp_path, depth=40), gazetteer)


def _rules(count: int, step: float) -> list[dict]:
    """`count` rules down and as many across, `step` points apart."""
    down = [{"orientation": "v", "x0": 10 + k * step, "x1": 10 + k * step, "top": 10.0, "bottom": 10 + count * step}
            for k in range(count)]
    across = [{"orientation": "h", "x0": 10.0, "x1": 10 + count * step, "top": 10 + k * step, "bottom": 10 + k * step}
              for k in range(count)]
    return down + across


def test_a_page_of_rules_past_what_a_table_holds_is_refused():
    assert edges_to_grid(_rules(40, 12.0)) is not None  # 39 x 39 cells: a table
    with pytest.raises(DocumentLoadError, match="max_grid_cells"):
        edges_to_grid(_rules(150, 4.0))


def test_each_cell_side_looks_at_its_own_boundary_rules_only():
    """The work of joining rules into cells: every rule is near one or two boundaries, so the
    rules looked at over all boundaries grow with the rules, not with rules times cells."""
    for count in (50, 200):
        segments = [(10 + k * 4.0 + (k % 3) * 0.5, 0.0, 100.0) for k in range(count)]
        bounds = sorted({round(pos) for pos, _, _ in segments})
        near = _near([(float(b), float(b)) for b in bounds], segments, 2.0)  # bands of one rule each
        assert sum(map(len, near)) <= 2 * count


def test_blank_pictures_are_judged_once_and_never_read(tmp_path, monkeypatch):
    if ocr.missing():
        pytest.skip(ocr.missing())
    decoded, read_pages = [], []
    real_picture = ocr.page_picture
    monkeypatch.setattr(ocr, "page_picture", lambda *a, **k: decoded.append(1) or real_picture(*a, **k))
    monkeypatch.setattr(ocr, "read_page", lambda *a, **k: read_pages.append(1))
    session = ocr.OcrSession(costly.blank_scans(tmp_path, pages=20))
    try:
        assert all(session.pdf_page(n) == ([], []) for n in range(1, 21))
    finally:
        session.close()
    assert len(decoded) == 1 and not read_pages
    assert sum("blank" in w.message for w in session.warnings) == 20


def test_a_page_of_noise_is_not_read_but_a_page_of_text_is(tmp_path):
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(costly.noise_scans(tmp_path, pages=1)))
    raw = pdfium.PdfDocument(str(Path(__file__).parent.parent / "raw" / "annex_en.pdf"))
    try:
        noise = ocr.page_picture(pdf[0])[0]
        page = raw[0].render(scale=300 / 72, grayscale=True).to_pil()
        s = OcrSettings()
        assert ocr.ink_share(noise, s) > s.max_ink
        assert ocr.ink_share(page, s) < s.max_ink / 2 and not ocr.blank(page, s)
    finally:
        pdf.close()
        raw.close()


@pytest.mark.slow
@pytest.mark.parametrize("maker", costly.MAKERS, ids=lambda m: m.__name__)
def test_each_costly_file_ends_in_one_line_under_the_memory_ceiling(maker, tmp_path):
    path = maker(tmp_path)
    out = tmp_path / "out"
    _, peak_mb, code, said = costly.measure(path, out)
    assert code in (0, 2), said
    if code == 2:
        assert said.startswith("1 line(s): annex: error:"), said
        assert not out.exists() or not any(out.iterdir())
    assert peak_mb < 1024, peak_mb


def test_a_cell_of_more_paragraphs_than_pages_hold_is_refused_once_read(tmp_path):
    assert read(costly.many_bodies_in_word(tmp_path, count=50)).tables
    with pytest.raises(DocumentLoadError, match="MAX_CELL_PARAGRAPHS"):
        read(costly.many_bodies_in_word(tmp_path, count=2_001))
