"""The calibration report (`tests/calibration.py`): its table adds up, and its scoring says wrong
where a row is wrong."""
import json

import pytest

from pipeline.evaluate import load_rows
from tests.calibration import BANDS, NOT_EXPECTED, Row, Scored, band_of, bands, compared_rows, main, table
from tests.conftest import GOLD


def test_the_bands_cover_0_to_1_and_hold_their_edges():
    assert [band_of(c) for c in (0.0, 0.49, 0.5, 0.89, 0.9, 1.0)] == [0, 0, 1, 1, 2, 2]
    assert BANDS[0][0] == 0.0 and BANDS[-1][1] == 1.0


def test_the_report_on_three_plans_adds_up(tmp_path, capsys):
    out = tmp_path / "calibration.json"
    argv = ["3", "--forms", "text-col", "--lang", "en", "--only-family", "--json", str(out)]
    assert main(argv) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    [kind] = report["kinds"]
    assert kind["kind"] == "text-col:en"
    counts = kind["bands"]
    scored = sum(b["rows"] for b in counts)
    assert scored > 0 and all(0 <= b["exact"] <= b["rows"] for b in counts)
    printed = capsys.readouterr().out
    overall = next(line for line in printed.splitlines() if line.startswith("overall"))
    every_row = overall.split("|")[len(BANDS) + 1].split()[0]
    assert every_row == str(scored)  # the bands sum to the rows scored
    assert len(report["wrong_sure"]) == counts[-1]["rows"] - counts[-1]["exact"]


def test_a_gold_read_back_is_exact_and_a_changed_or_extra_row_is_wrong():
    gold = load_rows(GOLD / "annex_en.json")
    rows, missed = compared_rows("gold", gold, gold)
    assert missed == 0 and all(r.exact for r in rows) and len(rows) == len(gold)
    first, second = dict(gold[0], indicator="something else"), dict(gold[1], measure_id="99.9")
    changed = [first] + gold[2:] + [second]
    rows, missed = compared_rows("changed", changed, gold)
    assert missed == 1  # gold[1] has no output row
    assert rows[0].fields == ("indicator",) and all(r.exact for r in rows[1:-1])
    assert rows[-1].fields == (NOT_EXPECTED,)


def test_the_table_counts_each_row_in_one_band():
    sure = (0.1, 0.5, 0.95, 1.0)
    rows = [Row("s", str(i), c, () if i % 2 else ("measure",), ()) for i, c in enumerate(sure)]
    assert bands(rows) == [(1, 0), (1, 1), (2, 1)]
    text = table([Scored("k", rows, missed=2)])
    assert "overall" in text and text.count("50.00%") >= 2


def test_a_measure_number_repeated_where_no_objective_is_numbered_is_not_sure(tmp_path):
    """Measures numbered afresh in each section that carries no number (a scraped plan): their ids
    repeat under no objective id, and which is which is told only by the sections read; such a
    row is probable (as a measure with no number), where a number printed twice under a numbered
    objective (the Russian annex's 6.1.4) is the source's own slip, and sure."""
    from pipeline.extract import extract
    from tests.conftest import RAW
    from tests.plan_family import seeded_plan

    _, path = seeded_plan(11, "tg", "text-scraper", tmp_path / "plan")
    repeated = [r for r in extract(path).records if "duplicate_measure_id" in r.flag_names]
    assert repeated and all(not r.objective_id and r.confidence < 0.9 for r in repeated)
    printed_twice = [r for r in extract(RAW / "annex_ru.txt").records if "duplicate_measure_id" in r.flag_names]
    assert printed_twice and all(r.objective_id and r.confidence == 1.0 for r in printed_twice)


@pytest.mark.slow  # a browser's PDF read whole
def test_a_producers_pdf_is_scored_against_its_plans_rows(gazetteer):
    """A committed producer's PDF (`tests/fixtures/family`) scored as the family's plan of its
    seed: Chromium's page breaking a measure's step sub-rows (chromium-en-2) reads every row."""
    from tests.calibration import producer_fixtures

    [kind] = [k for k in producer_fixtures(["en"], gazetteer) if k.kind == "producer:chromium:en"]
    sources = {row.source.split(" seed ")[1].split()[0] for row in kind.rows}
    assert {"0", "2", "4", "9"} <= sources and kind.missed == 0 and not kind.refusals
    assert all(row.exact for row in kind.rows), [(r.source, r.row_id, r.fields) for r in kind.rows if not r.exact]


def _record(measure_id: str, problem_id: str = "", pages: tuple = (1,), numbered: bool = True):
    from pipeline.contract import Flag, Record
    from pipeline.enums import FlagName
    from pipeline.model import Provenance

    rec = Record(row=0, objective_id="1", objective="Legal framework", problem_id=problem_id,
                 problem="Few cases" if problem_id else "", measure_id=measure_id, measure="Train staff",
                 timeframe="2020", agencies_raw="Ministry of Justice", indicator="Staff trained")
    rec.provenance = {"measure": [Provenance("plan.pdf", table=0, row=1, pages=pages)]}
    if not numbered:
        rec.flags.append(Flag(FlagName.MEASURE_UNNUMBERED, 0.85, "no number"))
    return rec


def test_a_measure_numbered_under_a_problem_another_row_names_is_not_sure():
    """WeasyPrint set a problem's cell in the middle of the rows it spans, beside its second
    measure: the first (`1.1.1`) was read under no problem, at 0.85.  Its number names problem
    `1.1`, which the next row is under: it may belong there.  A measure under its own problem, or
    whose number names none that a row names, is not doubted so."""
    from pipeline.records import flag_numbered_under_another

    records = [_record("1.1.1"), _record("1.1.2", "1.1"), _record("1.2.1", "1.2"), _record("1.3.1")]
    flag_numbered_under_another(records)
    assert [min((f.confidence for f in r.flags), default=1.0) < 0.5 for r in records] \
        == [True, False, False, False]


def test_a_guessed_rows_measure_over_a_page_break_or_unnumbered_among_numbered_is_not_sure():
    """In a table whose rows were told by white alone, a measure whose text runs over a page
    break, and an unnumbered measure among numbered ones (a piece of another row's text in
    WeasyPrint's unruled prints of the family, at 0.85), are doubtful; an unnumbered one among
    unnumbered ones is not."""
    from pipeline.extract import _torn_rows

    run = [_record("1.1"), _record("1.2", pages=(1, 2)), _record("1", numbered=False), _record("1.3")]
    assert [rec.measure_id for rec, _ in _torn_rows(run)] == ["1.2", "1"]
    plain = [_record(str(k), numbered=False) for k in range(1, 4)]
    assert _torn_rows(plain) == []
