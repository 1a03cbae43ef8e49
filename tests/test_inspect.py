"""`annex inspect`: what each stage found, drawn and dumped; and the grid and hierarchy of every
raw file kept as a snapshot (`tests/snapshots/grids/`), so that a change of reading shows as a
readable diff.  After a change meant to alter a reading: `UPDATE_SNAPSHOTS=1 pytest
tests/test_inspect.py`, and read the diff before committing it."""
import json
import os
import subprocess
import sys

import pytest
from PIL import Image

from pipeline.extract import extract_document, read_layout
from pipeline.inspection import KINDS, Kinds, inspect, outline
from pipeline.normalize.agencies import Gazetteer
from tests.conftest import RAW

SNAPSHOTS = RAW.parent / "tests" / "snapshots" / "grids"
RAW_FILES = sorted(p for p in RAW.iterdir() if p.suffix in (".txt", ".docx", ".html", ".pdf"))


@pytest.mark.parametrize("path", RAW_FILES, ids=lambda p: p.name)
def test_the_grid_and_hierarchy_of_each_raw_file_are_as_kept(path):
    doc, _ = extract_document(path)
    got = outline(doc, read_layout(doc, Gazetteer.load()))
    kept = SNAPSHOTS / f"{path.name}.txt"
    if os.environ.get("UPDATE_SNAPSHOTS"):
        kept.write_text(got, encoding="utf-8")
    assert got == kept.read_text(encoding="utf-8"), f"the reading of {path.name} changed (see the module's docstring)"


@pytest.mark.parametrize("path", RAW_FILES, ids=lambda p: p.name)
def test_every_paragraph_of_the_document_has_a_kind(path):
    """What the page colours is where each paragraph of the document model ended: every
    paragraph with text ended somewhere (a field, the header, outside the plan, not placed)."""
    doc, extraction = extract_document(path)
    kinds = Kinds(extraction)
    paragraphs = list(doc.paragraphs) + [p for t in doc.tables for row in t.rows for cell in row.cells
                                         if not (cell.merged_from_above or cell.merged_from_left)
                                         for p in cell.paragraphs]
    blank = {p.prov.source_key() for p in extraction.blanks}
    lost = [p.text for p in paragraphs if p.text.strip() and not kinds.of(p.prov) and p.prov.source_key() not in blank]
    assert not lost
    assert all(kind in KINDS for found in kinds.by_key.values() for kind in found)


def test_a_pdf_page_is_drawn_with_its_paragraphs_framed_by_kind(tmp_path):
    written = inspect(RAW / "annex_en.pdf", tmp_path, page=2, dumps=True)
    assert sorted(p.name for p in written) == ["annex_en.pdf.document.json", "annex_en.pdf.inspect.html",
                                               "annex_en.pdf.layout.json", "annex_en.pdf.page-2.png"]
    image = Image.open(tmp_path / "annex_en.pdf.page-2.png").convert("RGB")
    colours = {colour for _, colour in image.getcolors(maxcolors=1 << 20)}
    for kind in ("measure", "timeframe", "agencies", "indicator"):  # page 2 holds measures of both objectives
        rgb = tuple(int(KINDS[kind][i:i + 2], 16) for i in (1, 3, 5))
        assert rgb in colours, kind
    document = json.loads((tmp_path / "annex_en.pdf.document.json").read_text(encoding="utf-8"))
    doc, _ = extract_document(RAW / "annex_en.pdf")
    assert len(document["tables"]) == len(doc.tables)
    assert [len(r["cells"]) for r in document["tables"][0]["rows"]] == [len(r.cells) for r in doc.tables[0].rows]
    layout = json.loads((tmp_path / "annex_en.pdf.layout.json").read_text(encoding="utf-8"))
    assert sum(len(b["measures"]) for t in layout["tables"] for b in t["blocks"]) == 41


def test_the_page_of_a_word_file_shows_every_cell_paragraph_once(tmp_path):
    [page] = inspect(RAW / "annex_tg.docx", tmp_path)
    text = page.read_text(encoding="utf-8")
    doc, _ = extract_document(RAW / "annex_tg.docx")
    cells = sum(len(c.paragraphs) for t in doc.tables for r in t.rows for c in r.cells
                if not (c.merged_from_above or c.merged_from_left))
    assert text.count("<p style='border-left") == cells + len(doc.paragraphs)
    assert "Hierarchy" in text and "unplaced" in text  # the legend names every kind


@pytest.mark.parametrize("args, message", [
    (["raw/annex_en.pdf", "--page", "99"], "--page 99: raw/annex_en.pdf has 7 page(s)"),
    (["raw/annex_en.pdf", "raw/annex_ru.pdf", "--page", "1"], "--page names a page of one input"),
    (["no-such.pdf"], "no-such.pdf"),
])
def test_the_wrong_ways_are_one_line_and_exit_2(tmp_path, args, message):
    run = subprocess.run([sys.executable, "-m", "pipeline", "inspect", *args, "-o", str(tmp_path)],
                         cwd=RAW.parent, capture_output=True, text=True)
    assert run.returncode == 2 and message in run.stderr and len(run.stderr.strip().splitlines()) == 1
    assert not list(tmp_path.iterdir())
