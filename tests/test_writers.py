"""The writers: streamed JSON equals the plain dump; no temporary file survives a failed write."""
import csv
import io
import json

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract import extract
from pipeline.frames import read_extraction
from pipeline.jsontext import dumps
from pipeline.writers import REVIEW_FILL, extraction_to_json, records_csv, write_files_atomically, write_json
from tests.conftest import FIXTURES, RAW, annex


@pytest.mark.parametrize("path", [RAW / "annex_en.txt", FIXTURES / "other-plan-health-extra-columns.txt"],
                         ids=lambda p: p.name)
def test_streamed_json_is_the_plain_dump_byte_for_byte(path):
    ex = extract(path)
    buf = io.StringIO()
    write_json(ex, buf)
    assert buf.getvalue() == json.dumps(extraction_to_json(ex), ensure_ascii=False, indent=1) + "\n"


_KEYS = st.text() | st.integers() | st.floats() | st.booleans() | st.none()
_JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
                     lambda inner: st.lists(inner) | st.tuples(inner, inner) | st.dictionaries(_KEYS, inner),
                     max_leaves=30)


@settings(max_examples=500, deadline=None)
@given(_JSON)
def test_the_json_encoder_writes_what_the_standard_library_writes(value):
    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=1)


@pytest.mark.parametrize("value", [object(), {(1, 2): 3}, [set()]], ids=["object", "tuple key", "set"])
def test_the_json_encoder_refuses_what_json_cannot_hold(value):
    with pytest.raises(TypeError):
        json.dumps(value)
    with pytest.raises(TypeError):
        dumps(value)


def test_an_ocr_word_stands_on_one_line_and_the_json_is_the_plain_dumps_value(gazetteer):
    """A source read by OCR: each of its hundreds of words on one line of X.json, not eight; the
    JSON is the same value as the plain dump, and every other line the same text."""
    from pipeline.model import Word

    ex = extract(RAW / "annex_en.txt", gazetteer)
    ex.ocr_words = {1: [Word("Annex", (41.8, 43.6, 68.1, 51.8), 96),
                        Word("\"1.1\"", (1.0, 2.0, 3.5, 4.0), 41)]}
    ex.read_paragraphs = list(ex.front_matter)
    buf = io.StringIO()
    write_json(ex, buf)
    plain = json.dumps(extraction_to_json(ex), ensure_ascii=False, indent=1) + "\n"
    assert json.loads(buf.getvalue()) == json.loads(plain)
    lines = buf.getvalue().split("\n")
    assert '     ["Annex", 41.8, 43.6, 68.1, 51.8, 96],' in lines
    assert '     ["\\"1.1\\"", 1.0, 2.0, 3.5, 4.0, 41]' in lines
    assert len(lines) == len(plain.split("\n")) - 2 * 7
    assert buf.getvalue().split('\n "ocr"')[0] == plain.split('\n "ocr"')[0]


def test_a_failed_write_leaves_no_file_behind(tmp_path):
    def fail(fh):
        fh.write("half")
        raise OSError(28, "No space left on device")
    with pytest.raises(OSError):
        write_files_atomically({"a.csv": "x\n", "b.json": fail}, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_outputs_follow_the_umask_as_open_would(tmp_path):
    import os
    old = os.umask(0o022)
    try:
        [path] = write_files_atomically({"a.csv": "x\n"}, tmp_path)
    finally:
        os.umask(old)
    assert oct(path.stat().st_mode & 0o777) == oct(0o644)


# -- interruptions: SIGTERM mid-write, and what a SIGKILL leaves -------------------------

def test_sigterm_during_the_write_leaves_nothing(tmp_path, monkeypatch):
    import os
    import signal

    import pipeline.writers as writers
    from pipeline.cli import main

    real = writers.write_json

    def interrupted(ex, fh):
        fh.write("{")
        os.kill(os.getpid(), signal.SIGTERM)  # the handler unwinds from here
        real(ex, fh)

    monkeypatch.setattr(writers, "write_json", interrupted)
    out = tmp_path / "out"
    # the input is written in a process of its own: SIGTERM stops that input, not the run
    assert main(["extract", str(RAW / "annex_en.txt"), "-o", str(out), "-q"]) == 2
    assert list(out.iterdir()) == []  # no temporary file, no partial output
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # the handler is put back


def test_a_killed_runs_temporary_files_are_removed_next_time(tmp_path):
    import os
    import subprocess
    import sys

    from pipeline.cli import main

    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(gone.stdout)
    out = tmp_path / "out"
    out.mkdir()
    stale = out / f".annex_en.json.{dead_pid}.abc123.tmp"
    live = out / f".annex_en.json.{os.getpid()}.def456.tmp"  # a run still going: not ours to remove
    stale.write_text("{", encoding="utf-8")
    live.write_text("{", encoding="utf-8")
    assert main(["extract", str(RAW / "annex_en.txt"), "-o", str(out), "-q"]) == 0
    assert not stale.exists() and live.exists()
    assert (out / "annex_en.json").exists()


def test_excel_csv_neutralises_formulas_and_plain_csv_stays_verbatim(tmp_path):
    import csv

    from tests.conftest import annex

    source = tmp_path / "f.txt"
    text = (FIXTURES / "unknown-agency-kept-verbatim.txt").read_text(encoding="utf-8")
    source.write_text(text.replace("Farmers trained", '=HYPERLINK("http://x","y")', 1), encoding="utf-8")
    assert annex("extract", source, "-o", tmp_path / "plain", "-q").returncode == 0
    assert annex("extract", source, "-o", tmp_path / "excel", "-q", "--excel").returncode == 0
    plain = (tmp_path / "plain" / "f.csv").read_text(encoding="utf-8")
    excel = (tmp_path / "excel" / "f.csv").read_text(encoding="utf-8")
    assert excel.startswith("\ufeff") and not plain.startswith("\ufeff")
    cells = [c for row in csv.reader(excel.lstrip("\ufeff").splitlines()) for c in row]
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@"))]
    assert any(c.startswith("'=HYPERLINK") for c in cells)
    assert '=HYPERLINK(""http://x"",""y"")' in plain  # verbatim, as a data tool wants it
    import openpyxl

    assert annex("extract", source, "-o", tmp_path / "f.xlsx", "-q").returncode == 0
    cells = [c for row in openpyxl.load_workbook(tmp_path / "f.xlsx")["measures"].iter_rows() for c in row]
    [formula] = [c for c in cells if str(c.value).startswith("=HYPERLINK")]
    assert formula.data_type == "s"  # stored as text: a workbook never runs it


# -- outputs that say what to check ------------------------------------------------------------------

def _with_unknown_body(tmp_path):
    """The 2006 annex with a body no gazetteer knows added to 1.1.2's agencies: a row to review."""
    lines = (RAW / "annex_en.txt").read_text(encoding="utf-8").split("\n")
    lines[68] += ", Society of Friends of the Mountains"
    path = tmp_path / "annex_unknown.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_the_csv_and_json_say_which_rows_need_review_and_why(tmp_path):
    assert annex("extract", "-q", _with_unknown_body(tmp_path), "-o", tmp_path / "out").returncode == 0
    rows = {r["measure_id"]: r for r in csv.DictReader(open(tmp_path / "out" / "annex_unknown.csv", encoding="utf-8"))}
    assert rows["1.1.2"]["needs_review"] == "true" and rows["1.1.1"]["needs_review"] == "false"
    assert rows["1.1.2"]["flag_details"] == (
        "agency_new_body 0.90: 'Society of Friends of the Mountains': a body the gazetteer does not know | "
        "agency_unmatched 1.00: 'Society of Friends of the Mountains' is not in the gazetteer")
    flagged = [r for r in rows.values() if r["flags"]]
    assert flagged and all({d.split()[0] for d in r["flag_details"].split(" | ")} == set(r["flags"].split("; "))
                           for r in flagged)
    data = json.loads((tmp_path / "out" / "annex_unknown.json").read_text(encoding="utf-8"))
    record = next(r for r in data["records"] if r["measure_id"] == "1.1.2")
    assert record["needs_review"] is True and record["flag_details"] == rows["1.1.2"]["flag_details"]
    for path in ("annex_unknown.csv", "annex_unknown.json"):  # and pandas reads them as booleans
        frame = read_extraction(tmp_path / "out" / path)
        assert frame["needs_review"].dtype == bool and frame["needs_review"].sum() == data["counts"]["review_rows"]


def test_an_older_csv_without_the_review_columns_still_reads(tmp_path):
    rows = list(csv.DictReader(io.StringIO(records_csv(extract(RAW / "annex_en.txt").records))))
    older = tmp_path / "older.csv"  # as schema 8 wrote it
    with open(older, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, [c for c in rows[0] if c not in ("needs_review", "flag_details")],
                                extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    frame = read_extraction(older)
    assert len(frame) == 41 and frame["needs_review"].tolist() == [r["needs_review"] == "true" for r in rows]


def test_the_workbook_filters_freezes_and_highlights_the_rows_to_review(tmp_path):
    assert annex("extract", "-q", _with_unknown_body(tmp_path), "-o", tmp_path / "f.xlsx").returncode == 0
    sheet = openpyxl.load_workbook(tmp_path / "f.xlsx")["measures"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == sheet.dimensions
    header = [c.value for c in sheet[1]]
    review = header.index("needs_review")
    filled = {row[header.index("measure_id")].value for row in sheet.iter_rows(min_row=2)
              if row[0].fill.start_color.rgb.endswith(REVIEW_FILL)}
    marked = {row[header.index("measure_id")].value for row in sheet.iter_rows(min_row=2)
              if row[review].value == "true"}
    assert "1.1.2" in filled and filled == marked


def test_the_hand_written_dicts_hold_every_field_of_their_dataclass():
    """`to_dict` of a mention and of a provenance are written out field by field (for speed):
    a field added to the dataclass must reach the JSON too."""
    from dataclasses import fields

    from pipeline.contract import AgencyMention
    from pipeline.model import Provenance

    mention = AgencyMention("MoIA", "moia", "Ministry of Internal Affairs", 1.0, "exact", True)
    assert set(mention.to_dict()) == {f.name for f in fields(AgencyMention)}
    full = Provenance("a.pdf", 1, 0, 2, 3, 4, (1, 2), (1.0, 2.0, 3.0, 4.0), 0, ((1.0, 2.0, 3.0, 4.0),))
    assert set(full.to_dict()) == {f.name for f in fields(Provenance)}
    assert full.to_dict()["boxes"] == [[1.0, 2.0, 3.0, 4.0]] and full.to_dict()["pages"] == [1, 2]
    assert set(Provenance("a.txt", line=3).to_dict()) == {"file", "line"}
