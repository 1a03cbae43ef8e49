"""The plan family (`tests/plan_family.py`): every table shape real plans use comes back row for row.

Property, in every form: every row comes back with the right ids, texts, timeframe reading,
agency ids, indicator, extra values and steps, or the row is flagged with confidence below
0.5; there are as many rows as measures; nothing is lost (conservation).
`python -m tests.plan_report N FORM` measures the recovery rate on hundreds of plans.

The scraper's form (`text-scraper`: a legislation database's plan written out row by row, a
merged cell once at its first sub-row) draws the shapes such databases hold: steps numbered
`1.`, `2.` in each measure, several under one deadline, bodies' names cut over two lines, no
indicator column at times (`plan_family.scraper_shape`).

PDF is drawn in every layout (one measure per row, or several in one row) and style
(`plan_family.PDF_STYLES`: paragraphs set apart, set tight so that their breaks cannot be
seen, and rows broken across pages); cells that list one body per paragraph are drawn in
every form and layout: where several measures' lists stand in one cell, set apart by an empty
paragraph (`Shape.gaps`: in text a line of a no-break space, in PDF a blank line), they come back
exact, and where nothing sets them apart the cut is flagged.

What the property leaves out, on purpose (docs/table-shapes.md says so too): a flattened text or a PDF
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

from pipeline.enums import Language
from pipeline.extract import document_to_extraction
from pipeline.readers import read
from tests.conservation import check_conservation
from tests.plan_family import FONT, draw, expected_rows, left_out, render, render_pdf, score, shape_name

pytestmark = pytest.mark.slow  # the whole module: see `make test-fast`

FORMS = ["text-col", "text-row", "text-scraper", "docx", "html"] + (["pdf"] if FONT.exists() else [])


@pytest.mark.parametrize("form", FORMS)
@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(rnd=st.randoms(use_true_random=False))
def test_every_row_is_recovered_or_flagged(form, rnd, tmp_path_factory, gazetteer):
    rnd = random.Random(rnd.randrange(2 ** 32))  # a plain generator, whose state can be copied
    plan = draw(rnd, max_sections=3, max_measures=4, form=form)
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
                                   "agency_lines", "gaps") if getattr(shape, name)}
    assert seen >= {"columns", "objective_column", "sections", "objective_rows", "inline", "column_hier",
                    "column_flat", "none", "label:roman", "label:none", "steps", "items", "merged_agencies",
                    "surroundings", "subsections", "agency_lines", "gaps"}


def test_the_scraper_form_draws_what_legislation_databases_hold():
    """Numbered steps, several under one deadline, names cut over two lines, no indicator column, in
    every language; the other forms' plans are drawn as before (the same plan for the same seed)."""
    seen: set[str] = set()
    for seed in range(60):
        plan = draw(random.Random(seed), form="text-scraper")
        shape = plan.shape
        seen |= {shape.lang, shape.step_labels, "cut_names" if shape.cut_names else "",
                 "no_indicator" if not shape.indicator else ""}
        steps = [st for _, _, m in plan.measures() for st in m.steps]
        seen |= {"one_deadline_several" for st in steps if len(st.paragraphs) > 1 and shape.step_labels == "dot"}
        assert expected_rows(draw(random.Random(seed))) == expected_rows(draw(random.Random(seed), form="docx"))
    assert seen >= {"en", "ru", "tg", "dot", "none", "cut_names", "no_indicator", "one_deadline_several"}


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


def _lists_in_one_cell(lang: str, gaps: bool):
    """A plan of objective rows, each holding its measures, whose agency cells list one body per
    paragraph for two measures or more (the first seed that draws that), with or without `gaps`."""
    from tests.plan_family import Shape
    for seed in range(100):
        plan = draw(random.Random(seed), Shape(lang=lang, hierarchy="objective_rows", numbering="column_flat",
                                               agency_lines=True, gaps=gaps), max_sections=2, max_measures=4)
        if any(sum(len(m.agency_paragraphs) > 1 for m in s.children) >= 2 for s in plan.sections):
            return plan
    raise AssertionError("no such plan drawn")


def _render_blocks(plan, form: str, folder):
    from tests.plan_family import render_docx, render_html, render_text
    if form.startswith("text"):
        path = folder / "plan.txt"
        path.write_text(render_text(plan, "blocks"), encoding="utf-8")
        return path
    if form.startswith("pdf"):
        return render_pdf(plan, folder / "plan.pdf", "blocks", form.split("-", 1)[1])
    return {"docx": render_docx, "html": render_html}[form](plan, folder / f"plan.{form}", "blocks")


@pytest.mark.parametrize("lang", [lang.value for lang in Language])
@pytest.mark.parametrize("form", ["text", "docx", "html"] + (["pdf-spaced", "pdf-tight"] if FONT.exists() else []))
def test_agency_lists_set_apart_by_an_empty_paragraph_come_back_exact(form, lang, tmp_path, gazetteer):
    """One row per objective, its agency cell listing one body per paragraph for all its measures:
    an empty paragraph between two measures' lists (a no-break space line in text, a blank line
    on the page) says where each ends, and every row comes back exact; without it the cut is a
    guess, and the rows it may have got wrong say so."""
    for gaps in (True, False):
        plan = _lists_in_one_cell(lang, gaps)
        folder = tmp_path / str(gaps)
        folder.mkdir()
        doc = read(_render_blocks(plan, form, folder))
        ex = document_to_extraction(doc, gazetteer)
        check_conservation(doc, ex)
        want = expected_rows(plan)
        scored = score(ex.records, want)
        assert len(ex.records) == len(want)
        if gaps:
            assert all(exact for exact, _, _ in scored), [(w["measure_id"], s) for s, w in zip(scored, want)]
        else:
            assert all(exact or doubtful for exact, doubtful, _ in scored)
            assert any(f.name == "agency_split_uncertain" for r in ex.records for f in r.flags)


def _scraper_plan(lang: str):
    """The first seed whose scraper-form plan has it all: a measure of numbered steps in sub-rows with
    its agency cell after the first step's deadline, a cell of several numbered steps under one
    deadline, and a body's name cut over two lines."""
    from tests.plan_family import Shape
    for seed in range(200):
        shape = Shape(lang=lang, hierarchy="objective_rows", numbering="column_flat", steps=True,
                      step_labels="dot", cut_names=True, indicator=False)
        plan = draw(random.Random(seed), shape, max_sections=2, max_measures=4)
        keys = [k for k, _ in plan.columns]
        measures = [m for _, _, m in plan.measures()]
        if keys.index("agencies") > keys.index("timeframe") \
                and any(len(m.steps) > 1 for m in measures) \
                and any(len(st.paragraphs) > 1 for m in measures for st in m.steps) \
                and any(len(m.agency_paragraphs) > len(m.agencies) for m in measures):
            return plan
    raise AssertionError("no such plan drawn")


@pytest.mark.parametrize("lang", ["en", "ru", "tg"])
def test_a_plan_as_a_scraper_wrote_it_comes_back_exact(lang, tmp_path, gazetteer):
    """Row by row, one line per cell paragraph, a merged cell once at its first sub-row: each measure's
    agency cell stands between its first step's deadline and its second step (`2. ...`), which is no
    item of the agency list; numbered paragraphs under one deadline are one step; a name cut over
    two lines is one body."""
    plan = _scraper_plan(lang)
    path = render(plan, "text-scraper", tmp_path)
    text = path.read_text(encoding="utf-8")
    assert "\n\n" not in text  # one line per paragraph, nothing between
    doc = read(path)
    ex = document_to_extraction(doc, gazetteer)
    check_conservation(doc, ex)
    want = expected_rows(plan)
    scored = score(ex.records, want)
    assert len(ex.records) == len(want)
    assert all(exact for exact, _, _ in scored), [(w["measure_id"], s) for s, w in zip(scored, want)]


@pytest.mark.parametrize("form", ["docx", "html"])
@pytest.mark.parametrize("layout", ["rows", "blocks"])
def test_numbered_steps_in_a_table_are_cut_by_their_deadlines(form, layout, tmp_path, gazetteer):
    """Steps numbered `1.`, `2.` in each measure, in sub-rows of their own (`rows`) or listed in one
    cell beside one deadline each (`blocks`): as many numbered paragraphs as deadlines are as many
    steps; where a step of several numbered paragraphs stands among them (more paragraphs than
    deadlines) which ones go together is a guess, and the row says so."""
    from tests.plan_family import render_docx, render_html
    for lang in ("en", "ru", "tg"):
        plan = _scraper_plan(lang)
        folder = tmp_path / f"{lang}-{layout}"
        folder.mkdir()
        path = {"docx": render_docx, "html": render_html}[form](plan, folder / f"plan.{form}", layout)
        doc = read(path)
        ex = document_to_extraction(doc, gazetteer)
        check_conservation(doc, ex)
        want = expected_rows(plan)
        assert len(ex.records) == len(want)
        for (exact, doubtful, wrong), row in zip(score(ex.records, want), want):
            several = len(row["steps"]) > 1 and any(len(st[0].split(". ")) > 2 for st in row["steps"])
            assert exact or several and doubtful, (lang, row["measure_id"], wrong)


def test_the_family_draws_only_header_words_the_pipeline_knows():
    """The family's header words (`tests/family_headers.csv`, fixed so that a seed draws the
    same plan as when its PDFs were made) are all the pipeline's own (`data/headers.csv`)."""
    import csv

    from tests.plan_family import DATA, FAMILY_HEADERS

    def rows(path):
        with open(path, encoding="utf-8") as fh:
            return {(r["role"], r["lang"], r["synonym"]) for r in csv.DictReader(fh)}

    assert rows(FAMILY_HEADERS) <= rows(DATA / "headers.csv")
