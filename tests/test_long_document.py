"""A long document: the 2006 annex repeated ten times (410 measures; the PDF has 65 pages).

Its page breaks fall where the 7-page PDF has none: a row that starts at the foot of a page
with a single item, a first column that goes on at the top of the next page.  Every form
must give the ten-fold gold exactly, with nothing unplaced.
"""
import csv
import io

import pytest

from pipeline.evaluate import compare
from pipeline.extract import document_to_extraction
from pipeline.readers import read
from pipeline.writers import records_csv
from tests.conftest import FIXTURES
from tests.conservation import check_conservation
from tests.long_annex import long_gold, long_text

pytestmark = pytest.mark.slow  # the whole module: see `make test-fast`


@pytest.mark.slow
@pytest.mark.parametrize("name", ["long-annex-x10.pdf", "long-annex-x10.docx", "long-annex-x10.txt"])
def test_the_annex_ten_times_is_exact_in_every_form(name, tmp_path, gazetteer):
    path = FIXTURES / name
    if name.endswith(".txt"):
        path = tmp_path / name
        path.write_text(long_text(), encoding="utf-8")
    doc = read(path)
    ex = document_to_extraction(doc, gazetteer)
    check_conservation(doc, ex)
    report = compare(list(csv.DictReader(io.StringIO(records_csv(ex.records)))), long_gold())
    assert report.perfect and len(ex.records) == 410, report.to_text()
    assert not ex.unplaced
