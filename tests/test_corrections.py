"""Corrections that survive re-runs: applied while the source and the value are as the human saw
them, stale (not applied, reported) once either has changed."""
import csv
import hashlib
import io
import json

import pytest

from pipeline.corrections import Corrections, field_text, starter_csv
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


def _starter(tmp_path, ex, edit=lambda row: None):
    """The starter file for every flagged row, each of its lines passed through `edit`."""
    shown = {r.row for r in ex.records if r.flags}
    text = starter_csv(extraction_to_json(ex)["records"], shown, ex.source.sha256, ex.source.file,
                       ["measure", "indicator", "agencies"])
    rows = list(csv.DictReader(io.StringIO(text)))
    for row in rows:
        edit(row)
    path = tmp_path / "starter.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path, shown


def test_the_starter_file_passed_back_unchanged_changes_nothing(tmp_path):
    source = RAW / "annex_en.txt"
    ex = extract(source)
    path, shown = _starter(tmp_path, ex)
    again = extract(source, corrections=path)
    assert shown and again.corrections == []  # no line says anything a person changed
    assert [r.columns() for r in again.records] == [r.columns() for r in ex.records]


def test_only_the_lines_a_person_changed_are_applied(tmp_path):
    source = RAW / "annex_en.txt"
    ex = extract(source)

    def checked(row):
        if row["field"] == "measure":
            row["value"] = row["original"] + " (checked)"
    path, shown = _starter(tmp_path, ex, checked)
    again = extract(source, corrections=path)
    assert [o.status for o in again.corrections] == ["applied"] * len(shown)
    # duplicate ids are told apart by occurrence: both 6.1.4 rows are addressed
    assert [r.measure.endswith(" (checked)") for r in again.records] == [r.row in shown for r in ex.records]
    assert all(f.detail.startswith("measure:") for r in again.records for f in r.flags if f.name == "corrected")


def _correct(tmp_path, measure, field, value):
    source = RAW / "annex_en.txt"
    ex = extract(source)
    rec = next(r for r in ex.records if r.measure_id == measure)
    fixes = _corrections(tmp_path, source, measure, field, original=field_text(rec, field), value=value)
    return next(r for r in extract(source, corrections=fixes).records if r.measure_id == measure)


@pytest.mark.parametrize("value, start, end, recurrence, unparsed", [
    ("2008", "2008", "2008", "once", False),
    ("Annually", "2006", "2010", "annual", False),
    ("when the funds allow", "", "", "", True),
])
def test_a_corrected_timeframe_is_parsed_again(tmp_path, value, start, end, recurrence, unparsed):
    rec = _correct(tmp_path, "1.1.2", "timeframe", value)  # was 'Permanently': 2006-2010, ongoing
    assert (rec.timeframe, rec.timeframe_start, rec.timeframe_end, rec.timeframe_recurrence) == \
        (value, start, end, recurrence)
    assert ("timeframe_unparsed" in rec.flag_names) == unparsed and "corrected" in rec.flag_names


def test_a_corrected_agency_list_names_its_ids_again(tmp_path):
    rec = _correct(tmp_path, "3.1.3", "agencies", "Ministry of Health; Society of Friends of the Mountains")
    assert rec.agency_ids == ["ministry_health"] and rec.agencies == ["Ministry of Health"]
    assert rec.agencies_unmatched == ["Society of Friends of the Mountains"]
    assert [m.mention for m in rec.mentions] == ["Ministry of Health", "Society of Friends of the Mountains"]
    assert {"agency_unmatched", "corrected"} <= set(rec.flag_names)
    assert len(rec.agencies) == len(rec.agency_ids)
