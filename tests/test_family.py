"""The generated family of annexes (`tests/annex_family.py`) comes back row for row.

Property, in every form (flattened text, Word in the original layout, Word one row per
measure): every row comes back with the right texts, timeframe reading, agency ids,
indicator and extra values, or the row is flagged with confidence below 0.5; nothing
is lost (conservation).  Hypothesis draws the annexes; `python -m tests.family_report`
measures the recovery rate on hundreds of them.
"""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.extract import document_to_extraction
from pipeline.readers import read
from tests.annex_family import draw, expected_rows, render_docx, render_text, score
from tests.conservation import check_conservation

pytestmark = pytest.mark.slow  # the whole module: see `make test-fast`


def extract_form(annex, form, tmp_path, gazetteer):
    if form == "text":
        path = tmp_path / "annex.txt"
        path.write_text(render_text(annex), encoding="utf-8")
    else:
        path = render_docx(annex, tmp_path / "annex.docx", form)
    doc = read(path)
    ex = document_to_extraction(doc, gazetteer)
    check_conservation(doc, ex)
    return ex


@pytest.mark.parametrize("form", ["text", "original", "rows"])
@settings(max_examples=15, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(rnd=st.randoms(use_true_random=False))
def test_every_row_is_recovered_or_flagged(form, rnd, tmp_path_factory, gazetteer):
    annex = draw(rnd, max_objectives=4, max_measures=8)
    ex = extract_form(annex, form, tmp_path_factory.mktemp(form), gazetteer)
    for (exact, doubtful, wrong), want in zip(score(ex.records, expected_rows(annex)), expected_rows(annex)):
        assert exact or doubtful, (want["measure_id"], wrong)
    assert len(ex.records) == len(expected_rows(annex))


def test_the_family_has_what_it_claims():
    """The generator draws every layout, flattening and quirk it documents (over a few seeds)."""
    import random
    seen = set()
    for seed in range(60):
        annex = draw(random.Random(seed))
        seen |= {o.flatten for o in annex.objectives}
        seen |= {"extra" for role, _ in annex.columns if role == "extra"}
        seen |= {"number_column"} if annex.number_column else set()
        seen |= {"roman" for o in annex.objectives if o.label.startswith(("I.", "V"))}
        rows = [r for o in annex.objectives for p in o.problems for r in p.rows]
        seen |= {"continuation" for r in rows if len(r.agency_paragraphs) > 1}
        seen |= {"no_indicator" for r in rows if not r.indicator}
        seen |= {"no_dot" for r in rows if r.number[-1].isdigit()}
        seen |= {"as_needed" for r in rows if r.timeframe[3] == "as_needed"}
        seen |= {"blank" for _ in annex.blanks}
    assert seen >= {"joined", "per_problem", "per_measure", "extra", "number_column", "roman", "continuation",
                    "no_indicator", "no_dot", "as_needed", "blank"}


def test_a_per_problem_objective_keeps_its_problems_rows(tmp_path, gazetteer):
    """The flattening that lost a whole problem's rows: objective once, then problem by problem."""
    import random
    annex = draw(random.Random(3), max_objectives=2)
    for o in annex.objectives:
        o.flatten = "per_problem"
    ex = extract_form(annex, "text", tmp_path, gazetteer)
    assert [r.measure_id for r in ex.records] == [r["measure_id"] for r in expected_rows(annex)]
    assert [r.problem_id for r in ex.records] == [r["problem_id"] for r in expected_rows(annex)]
    assert not ex.unplaced
