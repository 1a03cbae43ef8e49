"""A PDF whose cross-reference table is lost or loops (issue 42, part 3) is read as viewers read
it, from its objects, in both engines; a sound file is read as it is."""
from pathlib import Path

import pytest

from pipeline.errors import DocumentLoadError
from pipeline.extract import extract
from pipeline.readers import read
from pipeline.readers.options import ReadOptions
from pipeline.readers.pdf_repair import damage, rebuilt
from tests.conftest import RAW
from tests.transforms import PDF_CHANGES

FIXTURES = Path(__file__).parent.parent / "fixtures"


def _rows(path: Path, gazetteer, engine: str) -> list[tuple]:
    ex = extract(path, gazetteer, options=ReadOptions(pdf_engine=engine))
    return [(r.measure_id, r.measure, r.timeframe, r.agencies, r.indicator) for r in ex.records]


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
@pytest.mark.parametrize("change", sorted(PDF_CHANGES))
def test_a_damaged_table_gives_the_rows_of_its_source(change, engine, tmp_path, gazetteer):
    source = RAW / "annex_en.pdf"
    damaged = tmp_path / "annex_en.pdf"
    damaged.write_bytes(PDF_CHANGES[change](source.read_bytes()))
    assert damage(damaged.read_bytes()) is not None
    assert _rows(damaged, gazetteer, engine) == _rows(source, gazetteer, engine)
    assert any("rebuilt" in w.message for w in read(damaged).warnings)


def test_sound_files_are_read_as_they_are():
    for path in [*RAW.glob("*.pdf"), *FIXTURES.glob("*.pdf")]:
        assert damage(path.read_bytes()) is None, path


def test_the_rebuilt_table_lists_the_last_copy_of_each_object_and_finds_the_catalog():
    body = (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
            b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
            b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 /Later true >>\nendobj\n")
    fixed = rebuilt(body)
    assert fixed is not None and damage(fixed) is None
    assert b"/Root 1 0 R" in fixed
    assert b"%010d 00000 n" % body.rindex(b"2 0 obj") in fixed


def test_a_file_with_no_objects_is_one_line(tmp_path):
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"%PDF-1.4\n%%EOF\n")
    with pytest.raises(DocumentLoadError, match="no objects to rebuild"):
        read(path)
