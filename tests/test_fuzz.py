"""A seeded budget of hostile files through `annex extract` (issue 21; `make fuzz N=...` for long runs):
every case is extracted or refused with one line, none stops, none crashes, nothing is left behind."""
import resource

import pytest

from tests.fuzz import cases, outcomes


@pytest.mark.slow
def test_hostile_variants_of_every_raw_file_are_extracted_or_refused_in_one_line(tmp_path):
    folder, out = tmp_path / "cases", tmp_path / "out"
    folder.mkdir()
    paths = cases(60, 0, folder)
    result, code, stray = outcomes(paths, out)
    assert stray == ""  # no defect, no library message on stderr
    assert set(result.values()) <= {"extracted", "refused"} and "refused" in result.values()
    assert code == 2  # some were refused: the run says so
    assert not [p for p in out.iterdir() if ".tmp" in p.name]
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss < 1024 ** 2  # KB: no process reached 1 GB


@pytest.mark.slow
def test_valid_transformations_of_family_plans_give_their_sources_rows():
    """The valid stage of `make fuzz` on a small seeded budget: every case gives its source's rows."""
    from tests.valid_fuzz import run

    table, failures = run(2, 1)
    assert sum(sum(c.values()) for c in table.values()) > 60 and not failures, failures[:5]


def test_a_case_is_flagged_only_when_each_row_that_differs_says_it_lost_letters():
    from tests.valid_fuzz import outcome

    source = [(("1", "Open clinics"), False), (("2", "Stock medicines"), False)]
    assert outcome(source, source) == "same"
    assert outcome(source, [source[0], (("2", "Stock m\ufffddicines"), True)]) == "flagged"
    assert outcome(source, [source[0], (("2", "Stock m\ufffddicines"), False)]) == "differs"
    merged = [(("1", "Open clinics Stock m\ufffddicines"), True)]
    assert outcome(source, merged) == "differs"  # a row lost: no flag on a field says that
    assert outcome(source, "refused: no table") == "refused"


@pytest.mark.slow
def test_tounicode_holes_no_name_fills_give_the_sources_rows_or_flagged_ones(tmp_path):
    """Every raw PDF with letters its fonts cannot give back: the rows that differ from the
    source's are the rows that say so (`letters_lost`), and none is refused."""
    from pipeline.normalize.agencies import Gazetteer
    from tests.conftest import RAW
    from tests.valid_fuzz import outcome, rows_of, transformed

    gazetteer = Gazetteer.load()
    name = "ToUnicode holes no name fills"
    results = [outcome(rows_of(source, gazetteer),
                       rows_of(transformed(source, name, tmp_path), gazetteer))
               for source in sorted(RAW.glob("annex_*.pdf"))]
    assert set(results) == {"flagged"}, results
