import numpy as np
import pytest

from pipeline.align import AlignSettings, items_to_measures, paragraphs_to_cells
from pipeline.align.agencies import continuation_cue
from pipeline.contract import confidence
from pipeline.model import Paragraph, Provenance


def paras(*texts):
    return [Paragraph(t, Provenance("t", line=i)) for i, t in enumerate(texts, 1)]


def test_equal_counts_align_one_to_one():
    cost, assigned, unplaced = items_to_measures(np.full((3, 3), 0.5), 0.75, 2.0)
    assert assigned == [0, 1, 2] and unplaced == []


def test_missing_item_is_found_from_the_costs_not_the_position():
    # item 0 fits measure 1, item 1 fits measure 2: measure 0 has none
    fits = {(1, 0), (2, 1)}
    _, assigned, _ = items_to_measures(np.array([[0.0 if (i, j) in fits else 1.0 for j in range(2)] for i in range(3)]),
                                       0.75, 2.0)
    assert assigned == [None, 0, 1]


def test_surplus_item_is_unplaced_not_dropped():
    _, assigned, unplaced = items_to_measures(np.zeros((1, 3)), 1.0, 2.0)
    assert assigned == [0] and unplaced == [1, 2]


def test_lone_name_after_a_long_list_joins_it(gazetteer):
    cells = paras("Ministry of Health, Ministry of Justice, Youth Committee",
                  "Ministry of Finance, Ministry of Health, Ministry of Transport, Youth Committee",
                  "Committee on Religious Affairs",
                  "Ministry of Health, Ministry of Finance")
    _, groups = paragraphs_to_cells(cells, 3, gazetteer)
    assert groups == [[0], [1, 2], [3]]


def test_trailing_comma_joins_the_next_paragraph(gazetteer):
    cells = paras("Ministry of Transport, Ministry of Finance,", "Ministry of Internal Affairs", "Ministry of Transport")
    _, groups = paragraphs_to_cells(cells, 2, gazetteer)
    assert groups == [[0, 1], [2]]


def test_name_cut_in_two_joins(gazetteer):
    cells = paras("Ministry of Health, Ministry of Labor and", "Social Protection", "Ministry of Health")
    _, groups = paragraphs_to_cells(cells, 2, gazetteer)
    assert groups == [[0, 1], [2]]


def test_paragraphs_naming_the_same_agencies_are_not_joined(gazetteer):
    # both candidates end with a comma; only the second join avoids a repeated agency
    cells = paras("Ministry of Health, Ministry of Justice,", "Ministry of Health, Ministry of Finance,",
                  "Youth Committee")
    _, groups = paragraphs_to_cells(cells, 2, gazetteer)
    assert groups == [[0], [1, 2]]


def test_empty_paragraphs_set_the_measures_lists_apart(gazetteer):
    """One body per paragraph for two measures: nothing in the texts says where the first list
    ends; an empty paragraph above the third (or the fourth) does."""
    cells = paras("Ministry of Health", "Ministry of Justice", "Ministry of Finance", "Youth Committee")
    keys = [p.prov.source_key() for p in cells]
    no_blank, _ = paragraphs_to_cells(cells, 2, gazetteer)
    for k in (2, 3):
        cost, groups = paragraphs_to_cells(cells, 2, gazetteer, after_blank={keys[k]})
        assert groups == [list(range(k)), list(range(k, 4))]
        assert cost < no_blank
    # every paragraph set apart, as some writers do throughout: the blanks tell nothing
    assert paragraphs_to_cells(cells, 2, gazetteer, after_blank=set(keys[1:]))[0] == no_blank


def _on_pages(cells, pages):
    return [Paragraph(p.text, Provenance("t", line=p.prov.line, pages=(page,))) for p, page in zip(cells, pages)]


def test_an_empty_paragraph_may_hide_at_a_page_break(gazetteer):
    """Lists set apart by empty paragraphs, one body per paragraph, a cell over a page break: an
    empty paragraph at the foot of a page leaves no white to see.  The paragraph that starts the
    page tells nothing by having none above it; the counts cut there.  A name cut by the page
    (`Committee on Religious` / `Affairs`) still goes on."""
    cells = _on_pages(paras("Ministry of Health", "Ministry of Justice", "Youth Committee",
                            "Ministry of Finance", "Ministry of Transport"), [1, 1, 1, 2, 2])
    keys = [p.prov.source_key() for p in cells]
    _, groups = paragraphs_to_cells(cells, 3, gazetteer, after_blank={keys[2]})
    assert groups == [[0, 1], [2], [3, 4]]
    cut = _on_pages(paras("Ministry of Health", "Youth Committee", "Committee on Religious", "Affairs",
                          "Ministry of Transport"), [1, 1, 1, 2, 2])
    keys = [p.prov.source_key() for p in cut]
    _, groups = paragraphs_to_cells(cut, 2, gazetteer, after_blank={keys[1]})
    assert groups == [[0], [1, 2, 3, 4]]


def test_fewer_agency_paragraphs_leave_a_cell_empty(gazetteer):
    _, groups = paragraphs_to_cells(paras("Ministry of Health"), 2, gazetteer)
    assert sorted(map(len, groups)) == [0, 1]


def test_confidence_grows_with_the_margin():
    assert confidence(0.0) == 0.0 and confidence(0.1) == 0.5 and confidence(5.0) == 0.99
    assert confidence(float("inf")) == 1.0
    assert confidence(0.2) < confidence(0.4) < 1.0


@pytest.mark.parametrize("bad", [dict(skip_item=1.0), dict(cue_tail=1.0), dict(duplicate=-0.1)])
def test_settings_are_validated(bad):
    with pytest.raises(ValueError):
        AlignSettings(**bad)


def test_which_measure_lacks_agencies_is_a_judgement(gazetteer):
    from pipeline.align import align_block
    from pipeline.blocks import Block, Unit
    from pipeline.lexical import Lexical
    from pipeline.model import Role
    block = Block(None, [], measures=[Unit(p.text[:5], p.text[7:], [p]) for p in paras("1.1.1. Do a", "1.1.2. Do b")],
                  columns={Role.AGENCIES: paras("Ministry of Health")})
    rows = align_block(block, gazetteer, Lexical("en")).rows
    flags = [f for r in rows for f in r.flags if f.name == "no_agencies_in_source"]
    assert len(flags) == 1 and flags[0].confidence < 0.5  # one paragraph, two measures: a toss-up


def test_a_measure_that_got_an_item_by_a_toss_up_is_flagged_too(write_text):
    """Two identical measures, one indicator: whichever gets it, both rows are doubtful."""
    from pipeline.extract import extract
    from tests.conftest import flat_text
    ex = extract(write_text(flat_text(
        "1. Goal", "1.1. A problem", "1.1.1. Train judges", "1.1.2. Train judges", "1.1.3. Open shelters",
        "2006", "2007", "2008", "Ministry of Justice", "Ministry of Justice", "Ministry of Health",
        "Judges trained", "Shelters opened")))
    by_id = {r.measure_id: r for r in ex.records}
    assert by_id["1.1.1"].confidence < 0.5 and by_id["1.1.2"].confidence < 0.5
    assert by_id["1.1.3"].indicator == "Shelters opened" and by_id["1.1.3"].confidence == 1.0
    assert {"alignment_uncertain", "no_indicator_in_source"} <= {f for r in ex.records for f in r.flag_names}


def test_a_name_cut_in_two_across_paragraphs_is_joined(write_text):
    """Each half of the cut name is a `partial` match of it: the cue must still see that the
    second paragraph starts with words that name nothing in full, and the halves are no repeat."""
    from pipeline.extract import extract
    from tests.conftest import flat_text
    ex = extract(write_text(flat_text(
        "1. Goal", "1.1. A problem", "1.1.1. Do a", "1.1.2. Do b", "2006", "2007",
        "Ministry of Health, State Committee on the Protection of the", "State Border, Youth Committee",
        "Ministry of Finance", "A done", "B done")))
    assert [r.agency_ids for r in ex.records] == [
        ["ministry_health", "state_border_committee", "youth_committee"], ["ministry_finance"]]
    assert ex.records[0].flag_names == ["merged_continuation"] and ex.records[0].confidence >= 0.9


def test_steps_under_a_row_of_several_measures_are_a_guess_on_every_measure(gazetteer):
    """Sub-rows of steps below a row that holds two measures: the document does not say whose they are."""
    from pipeline.align import align_block
    from pipeline.blocks import Block, StepCells, Unit
    from pipeline.lexical import Lexical
    measures = [Unit(str(k), p.text, [p], numbered=False) for k, p in enumerate(paras("Do a", "Do b"), 1)]
    steps = [StepCells([paras("Draft the rules")], paras("2021"))]
    rows = align_block(Block(None, [], measures=measures, steps=steps), gazetteer, Lexical("en")).rows
    assert [len(r.steps) for r in rows] == [0, 1]  # still given to the last, as before
    assert all(any(f.name == "step_owner_uncertain" and f.confidence < 0.5 for f in r.flags) for r in rows)


def _boxed(text, top, foot, cell, page=1):
    """A paragraph of a PDF table's cell `cell`, from `top` to `foot` on `page`."""
    box = (100.0 * cell, top, 100.0 * cell + 90, foot)
    return Paragraph(text, Provenance("t.pdf", table=0, row=1, cell=cell, paragraph=int(top),
                                      pages=(page,), bbox=box))


def _steps_of_boxed_row(measures, steps, gazetteer):
    """The steps' texts each measure of one row gets: `measures` (text, top, foot), `steps`
    (text, top, foot, deadline) all in one sub-row, as a table drawn without lines gives them."""
    from pipeline.align import align_block
    from pipeline.blocks import Block, StepCells, Unit
    from pipeline.lexical import Lexical
    units = [Unit(str(k), t, [_boxed(t, a, b, 0)]) for k, (t, a, b) in enumerate(measures, 1)]
    cells = StepCells([[_boxed(t, a, b, 1)] for t, a, b, _ in steps],
                      [_boxed(d, a, b, 2) for _, a, b, d in steps])
    block = Block(None, [], measures=units, steps=[cells])
    rows = align_block(block, gazetteer, Lexical("en")).rows
    return [[s.text[0].text for s in r.steps] for r in rows], [[f.name for f in r.flags]
                                                               for r in rows]


def test_steps_set_in_the_middle_beside_each_of_several_measures_are_theirs(gazetteer):
    """A row of a table drawn without lines holding two measures (WeasyPrint's default print, its
    rows told by gaps across it, a problem cell in the middle of both bridging theirs): each
    measure stands in the middle of its own steps, the first of two, the second of one."""
    steps, flags = _steps_of_boxed_row(
        [("Do a", 130, 170), ("Do b", 250, 290)],
        [("Draft the rules", 100, 120, "2021"), ("Adopt them", 180, 200, "2022"),
         ("Hold a round table", 260, 280, "2023")], gazetteer)
    assert steps == [["Draft the rules", "Adopt them"], ["Hold a round table"]]
    assert not any("step_owner_uncertain" in names for names in flags)


@pytest.mark.parametrize("measures, steps", [
    ([("Do a", 100, 112), ("Do b", 114, 126)],  # set at the top: both steps by the first
     [("Draft the rules", 100, 112, "2021"), ("Adopt them", 130, 142, "2022")]),
    ([("Do a", 100, 160), ("Do b", 170, 182)],  # a tall first measure: one step or two its
     [("Draft the rules", 100, 112, "2021"), ("Adopt them", 130, 142, "2022"),
      ("Report", 170, 182, "2023")]),
])
def test_steps_beside_no_one_measure_of_a_row_are_still_a_guess(measures, steps, gazetteer):
    got, flags = _steps_of_boxed_row(measures, steps, gazetteer)
    assert got == [[], [text for text, *_ in steps]]  # given to the last, as before
    assert all("step_owner_uncertain" in names for names in flags)


def test_steps_under_a_row_of_one_measure_are_its_own(gazetteer):
    from pipeline.align import align_block
    from pipeline.blocks import Block, StepCells, Unit
    from pipeline.lexical import Lexical
    [p] = paras("Do a")
    steps = [StepCells([paras("Draft the rules")], paras("2021"))]
    [row] = align_block(Block(None, [], measures=[Unit("1", p.text, [p])], steps=steps), gazetteer,
                        Lexical("en")).rows
    assert len(row.steps) == 1 and not row.flags


@pytest.mark.parametrize("prev, text", [
    ("Ministry of Health, State", "Committee on the Protection of the State Border"),
    ("Министерство здравоохранения, Государственный", "Комитет по охране государственной границы"),
])
def test_a_paragraph_that_starts_a_body_never_completes_the_name_above(gazetteer, prev, text):
    """A paragraph opening with a head word is a body of its own, even where the paragraph above
    ends with words that would make a name with it."""
    assert continuation_cue(prev, text, gazetteer) == 0.0


def test_a_paragraph_that_starts_no_body_may_still_complete_the_name_above(gazetteer):
    assert continuation_cue("Ministry of Health, Ministry of Labor and", "Social Protection", gazetteer) > 0.9


# -- a plan as a scraper of a legislation database writes it out (issue 43, part 4) ----------------
# Row by row, one line per cell paragraph, a merged cell once at its first sub-row: a measure's
# agency cell (merged over its steps) comes after its first step's deadline, before its second step.
SCRAPED = """План мероприятий по предупреждению торговли людьми на 2025-2026 годы
№
Наименование мероприятия
Механизм реализации
Срок исполнения
Ответственные исполнители
1.
Совершенствование порядка выявления жертв торговли людьми.
1. Разработка проекта постановления о порядке выявления жертв.
1 марта 2025 года
Министерство внутренних дел,
заинтересованные министерства и ведомства
2. Согласование проекта нормативно-правового акта в установленном порядке.
1 мая 2025 года
3. Внесение проекта в Правительство.
1 июня 2025 года
2.
Проведение информационных кампаний в сельских школах.
1. Подготовка материалов для учителей.
2. Издание и распространение материалов.
II квартал 2025 года
Министерство образования,
Комитет по делам
молодежи
3.
Обучение сотрудников консульств.
1. Отбор сотрудников.
1 апреля 2025 года
Министерство иностранных дел
2. Проведение семинаров.
2026 год
"""


def test_a_scraped_plan_keeps_each_measures_steps_and_agencies(write_text):
    """The next step (`2. Согласование ...`) is no item of the agency list above it, and no measure
    takes the agencies of the one above (`merged_cell`); numbered paragraphs under one deadline are
    one step; a list or a name that goes on on the next line is one cell, and one body."""
    from pipeline.extract import extract
    ex = extract(write_text(SCRAPED))
    assert [r.measure_id for r in ex.records] == ["1", "2", "3"]
    first, second, third = ex.records
    assert [s.text for s in first.steps] == [
        "1. Разработка проекта постановления о порядке выявления жертв.",
        "2. Согласование проекта нормативно-правового акта в установленном порядке.",
        "3. Внесение проекта в Правительство."]
    assert [s.timeframe for s in first.steps] == ["1 марта 2025 года", "1 мая 2025 года", "1 июня 2025 года"]
    assert first.agencies_raw == "Министерство внутренних дел, заинтересованные министерства и ведомства"
    assert first.agency_ids == ["ministry_internal_affairs"]
    assert [(s.text, s.timeframe) for s in second.steps] == [
        ("1. Подготовка материалов для учителей. 2. Издание и распространение материалов.", "II квартал 2025 года")]
    assert second.agency_ids == ["ministry_education", "youth_committee"]
    assert [(s.text, s.timeframe) for s in third.steps] == [
        ("1. Отбор сотрудников.", "1 апреля 2025 года"), ("2. Проведение семинаров.", "2026 год")]
    assert third.agencies_raw == "Министерство иностранных дел" and third.agency_ids == ["ministry_foreign_affairs"]
    assert not any("merged_cell" in r.flag_names for r in ex.records)
    assert all(r.confidence >= 0.9 for r in ex.records) and not ex.unplaced
