"""pandas, as data teams use it: `Extraction.to_frame()` and `read_extraction` of either output."""
import pandas as pd
import pytest

import pipeline
from pipeline import DocumentLoadError
from pipeline.extract import extract
from pipeline.writers import write_extraction
from tests.conftest import FIXTURES, RAW

SOURCES = [RAW / "annex_en.txt", RAW / "annex_ru.docx", FIXTURES / "other-plan-health-extra-columns.txt"]


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_the_frame_comes_back_the_same_from_json_and_csv(path, gazetteer, tmp_path):
    ex = extract(path, gazetteer)
    frame = ex.to_frame()
    written = {p.suffix: p for p in write_extraction(ex, tmp_path) if not p.name.endswith((".agencies.csv", ".steps.csv"))}
    pd.testing.assert_frame_equal(pipeline.read_extraction(written[".json"]), frame)
    pd.testing.assert_frame_equal(pipeline.read_extraction(written[".csv"]), frame)
    assert len(frame) == len(ex.records) and frame.index.name == "row"


def test_no_dtype_traps(gazetteer, tmp_path):
    ex = extract(RAW / "annex_en.txt", gazetteer)
    ex.records[0].problem_id = "1.10"  # would load as the float 1.1
    ex.records[0].measure_id = "1.10.1"
    paths = write_extraction(ex, tmp_path)
    frame = pipeline.read_extraction(next(p for p in paths if p.name == "annex_en.csv"))
    first = frame.iloc[0]
    assert first["problem_id"] == "1.10" and isinstance(first["objective_id"], str)
    assert isinstance(first["agency_ids"], list) and first["agency_ids"] == list(ex.records[0].agency_ids)
    assert frame["confidence"].dtype == "float64" and frame.index.dtype == "int64"
    assert (frame["timeframe_start"] != "").any() and frame["timeframe_start"].map(type).eq(str).all()


def test_not_an_output_is_one_clear_error(tmp_path):
    bad = tmp_path / "x.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(DocumentLoadError, match="not an extraction JSON .no 'records'.; give the .json that 'annex extract'"):
        pipeline.read_extraction(bad)
    other = tmp_path / "x.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(DocumentLoadError, match="columns missing"):
        pipeline.read_extraction(other)
