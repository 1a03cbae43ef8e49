"""The plan family (`tests/plan_family.py`): every table shape real plans use comes back row for row.

Property, in every form: every row comes back with the right ids, texts, timeframe reading,
agency ids, indicator, extra values and steps, or the row is flagged with confidence below
0.5; there are as many rows as measures; nothing is lost (conservation).
`python -m tests.plan_report N FORM` measures the recovery rate on hundreds of plans.

PDF is drawn in every layout (one measure per row, or several in one row) and style
(`plan_family.PDF_STYLES`: paragraphs set apart, set tight so that their breaks cannot be
seen, and rows broken across pages); cells that list one body per paragraph are drawn in
every form and layout (where several measures' lists stand in one cell the cut is flagged).

What the property leaves out, on purpose (the README says so too): a flattened text or a PDF
of a plan whose sections have no number and whose measures carry no section number (`none`
or flat `1.`, `2.` over the whole table): a section title there reads as well as the last
cell of the row before it; and one whose measures have no number and steps in sub-rows: a
step's sub-row reads as well as the next measure's row; and a PDF set tight of a plan whose
measures have no number (nothing on the page tells where one ends: their rows are flagged,
but some are merged).
"""
import random

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from pipeline.extract import document_to_extraction
from pipeline.readers import read
from tests.conservation import check_conservation
from tests.plan_family import FONT, draw, expected_rows, left_out, render, render_pdf, score, shape_name

pytestmark = pytest.mark.slow  # the whole module: see `make test-fast`

FORMS = ["text-col", "text-row", "docx", "html"] + (["pdf"] if FONT.exists() else [])


@pytest.mark.parametrize("form", FORMS)
@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(rnd=st.randoms(use_true_random=False))
def test_every_row_is_recovered_or_flagged(form, rnd, tmp_path_factory, gazetteer):
    rnd = random.Random(rnd.randrange(2 ** 32))  # a plain generator, whose state can be copied
    plan = draw(rnd, max_sections=3, max_measures=4)
    assume(left_out(plan, form, rnd) is None)
    folder = tmp_path_factory.mktemp(form)
    path = render(plan, form, folder, rnd)
    doc = read(path)
    ex = document_to_extraction(doc, gazetteer)
    check_conservation(doc, ex)
    want = expected_rows(plan)
    for (exact, doubtful, wrong), row in zip(score(ex.records, want), want):
        assert exact or doubtful, (shape_name(plan.shape), row["measure_id"], wrong)
    assert len(ex.records) == len(want)


def test_the_family_draws_every_shape_it_claims():
    """Over a few seeds the generator draws every hierarchy, numbering and extra it documents."""
    seen: set[str] = set()
    for seed in range(80):
        shape = draw(random.Random(seed)).shape
        seen |= {shape.hierarchy, shape.numbering, f"label:{shape.section_label}"}
        seen |= {name for name in ("steps", "items", "merged_agencies", "surroundings", "subsections",
                                   "agency_lines") if getattr(shape, name)}
    assert seen >= {"columns", "objective_column", "sections", "objective_rows", "inline", "column_hier",
                    "column_flat", "none", "label:roman", "label:none", "steps", "items", "merged_agencies",
                    "surroundings", "subsections", "agency_lines"}


@pytest.mark.skipif(not FONT.exists(), reason="DejaVu Sans (fonts-dejavu-core) draws the PDF")
def test_a_sections_plan_in_pdf_with_its_decree_and_other_tables(tmp_path, gazetteer):
    """Section rows spanning the table, a `№` column, the decree before and two other tables after,
    all on one page: the plan's rows only, each under its section."""
    from tests.plan_family import Shape
    plan = draw(random.Random(11), Shape(lang="ru", hierarchy="sections", numbering="column_flat",
                                         section_label="roman", surroundings=True), max_sections=2)
    doc = read(render_pdf(plan, tmp_path / "plan.pdf", "rows"))
    assert len(doc.tables) == 3  # the plan, the target indicators, the list of bodies
    ex = document_to_extraction(doc, gazetteer)
    assert [(r.objective_id, r.measure_id) for r in ex.records] == \
        [(w["objective_id"], w["measure_id"]) for w in expected_rows(plan)]
    assert all(r.objective for r in ex.records)
