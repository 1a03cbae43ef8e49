"""Corrections that survive re-runs: applied while the source and the value are as the human saw
them, stale (not applied, reported) once either has changed."""
import csv
import hashlib
import io
import json

import pytest

from pipeline.corrections import Corrections, starter_csv
from pipeline.errors import DocumentLoadError
from pipeline.extract import extract
from pipeline.writers import extraction_to_json, records_csv
from tests.conftest import RAW, annex

NEW_INDICATOR = "Vocational guidance offered in every district"


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _corrections(tmp_path, source, measure="3.1.3", field="indicator", original="", value=NEW_INDICATOR,
                 sha=None, name="fix.csv"):
    path = tmp_path / name
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["source_sha256", "source_file", "measure_id", "occurrence", "field", "original", "value", "note"])
        writer.writerow([sha or _sha(source), source.name, measure, 1, field, original, value, "checked on paper"])
    return path


def test_a_correction_is_applied_flagged_and_listed(tmp_path):
    source = RAW / "annex_en.txt"
    ex = extract(source, corrections=_corrections(tmp_path, source))
    rec = next(r for r in ex.records if r.measure_id == "3.1.3")
    assert rec.indicator == NEW_INDICATOR and "corrected" in rec.flag_names
    assert "checked on paper" in next(f.detail for f in rec.flags if f.name == "corrected")
    data = extraction_to_json(ex)
    assert [c["status"] for c in data["corrections"]] == ["applied"]
    row = next(r for r in csv.DictReader(io.StringIO(records_csv(ex.records))) if r["measure_id"] == "3.1.3")
    assert row["indicator"] == NEW_INDICATOR and "corrected" in row["flags"]
    # every other record is as without the correction
    plain = extract(source)
    assert [r.columns() for r in plain.records if r.measure_id != "3.1.3"] == \
        [r.columns() for r in ex.records if r.measure_id != "3.1.3"]


def test_it_survives_a_re_run_through_the_cli_and_goes_stale_when_the_source_changes(tmp_path):
    source = tmp_path / "annex_en.txt"
    source.write_bytes((RAW / "annex_en.txt").read_bytes())
    fixes = _corrections(tmp_path, source)
    for _ in range(2):  # a re-run applies it again
        run = annex("extract", source, "--corrections", fixes, "-o", tmp_path / "out")
        assert run.returncode == 0 and "1 correction(s) applied" in run.stderr
        rows = list(csv.DictReader(open(tmp_path / "out" / "annex_en.csv", encoding="utf-8")))
        assert next(r for r in rows if r["measure_id"] == "3.1.3")["indicator"] == NEW_INDICATOR
    source.write_text(source.read_text(encoding="utf-8").replace("Permanently", "Permanently ", 1), encoding="utf-8")
    run = annex("extract", source, "--corrections", fixes, "-o", tmp_path / "out")
    assert run.returncode == 0 and "1 STALE correction(s)" in run.stderr
    data = json.loads((tmp_path / "out" / "annex_en.json").read_text(encoding="utf-8"))
    assert data["corrections"][0]["status"] == "stale" and "another version" in data["corrections"][0]["reason"]
    assert any("correction not applied" in w["message"] for w in data["warnings"])
    assert next(r for r in data["records"] if r["measure_id"] == "3.1.3")["indicator"] == ""
    strict = annex("extract", source, "--corrections", fixes, "--strict", "-o", tmp_path / "strict")
    assert strict.returncode == 2 and strict.stderr.count("\n") == 1 and "stale correction" in strict.stderr
    assert not (tmp_path / "strict").exists() or not list((tmp_path / "strict").iterdir())


def test_a_value_that_changed_since_makes_it_stale(tmp_path):
    source = RAW / "annex_en.txt"
    fixes = _corrections(tmp_path, source, field="timeframe", original="2008", value="2009")
    ex = extract(source, corrections=fixes)
    outcome = ex.corrections[0]
    assert outcome.status == "stale" and "not '2008'" in outcome.reason
    assert next(r for r in ex.records if r.measure_id == "3.1.3").timeframe == "2007 – 2010"


def test_corrections_for_another_file_are_left_alone(tmp_path):
    fixes = _corrections(tmp_path, RAW / "annex_ru.txt")
    ex = extract(RAW / "annex_en.txt", corrections=fixes)
    assert ex.corrections == [] and not any("corrected" in r.flag_names for r in ex.records)
    run = annex("extract", RAW / "annex_en.txt", "--corrections", fixes, "-o", tmp_path / "out")
    assert run.returncode == 0  # not an error: a corrections file may serve many sources
    assert "annex: warning: none of the" in run.stderr and "is for these inputs; it names annex_ru.txt" in run.stderr


@pytest.mark.parametrize("text, words", [
    ("a,b\n1,2\n", "no column source_sha256, measure_id, field, value"),
    ("source_sha256,measure_id,field,value\nab,1.1.1,confidence,1\n", "field 'confidence' cannot be corrected"),
    ("source_sha256,measure_id,field,value,occurrence\nab,1.1.1,measure,x,0\n", "occurrence '0'"),
])
def test_a_bad_corrections_file_is_one_clear_error(tmp_path, text, words):
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DocumentLoadError, match=words):
        Corrections.load(path)
    run = annex("extract", RAW / "annex_en.txt", "--corrections", path, "-o", tmp_path / "out")
    assert run.returncode == 2 and run.stderr.count("\n") == 1 and not (tmp_path / "out").exists()


def test_the_starter_file_round_trips_to_no_change(tmp_path):
    source = RAW / "annex_en.txt"
    ex = extract(source)
    shown = {r.row for r in ex.records if r.flags}
    path = tmp_path / "starter.csv"
    records = extraction_to_json(ex)["records"]
    path.write_text(starter_csv(records, shown, ex.source.sha256, ex.source.file, ["measure", "indicator", "agencies"]),
                    encoding="utf-8")
    again = extract(source, corrections=path)
    assert {o.status for o in again.corrections} == {"applied"} and len(again.corrections) == 3 * len(shown)
    # duplicate ids are told apart by occurrence: both 6.1.4 rows are addressed
    assert [r.columns() | {"flags": []} for r in again.records] == [r.columns() | {"flags": []} for r in ex.records]
