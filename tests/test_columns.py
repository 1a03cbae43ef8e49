"""Columns named in other words (issue 43, part 3): a local government's action plan whose header
words are not in data/headers.csv, read with the columns named by the user (`--columns`, the
settings file's `[columns]`, `extract(columns=...)`), or by what its cells hold; a refusal that
names the header it found and shows the option."""
import ast
import csv
import json
import re

import pytest

from pipeline import ColumnNames as PublicColumnNames
from pipeline import Settings, load_settings
from pipeline.columns import ColumnNames, Content, content_kind, header_key
from pipeline.errors import DocumentLoadError, NoMatrixError, PipelineError
from pipeline.extract import extract
from pipeline.model import Role
from tests.conftest import ROOT, annex

HEADER = ["Action", "Description", "What does success look like?", "Which partners are involved", "Status",
          "Latest update"]
# a town council's plan as its officers keep it: no deadline column, partners in their own words
ROWS = [
    ("Map the walking routes to every primary school",
     "Survey the routes children walk and record crossings, pavements and lighting.",
     "Every school has a published route map.", "Highways Department; Education Service", "Complete",
     "Maps sent to all 14 schools in March."),
    ("Open two new pedestrian crossings on the High Street",
     "Design and build signal crossings at the market and at the station approach.",
     "Both crossings open and used daily.", "Highways Department", "In progress",
     "Market crossing built; station crossing at design stage."),
    ("Start a bike loan scheme for residents on low incomes",
     "Lend refurbished bicycles with locks and lights for up to six months.",
     "Fifty residents borrow a bike in the first year.", "Housing Office; Cycling UK", "In progress",
     "Twenty-two bikes lent so far."),
    ("Run cycle training for adults at the leisure centre",
     "Offer free weekend courses for beginners and for riders returning after years.",
     "Two hundred adults complete a course.", "Leisure Centre", "Not started",
     "Instructors being recruited."),
    ("Fit secure cycle parking at the railway station",
     "Install a covered shelter with stands for sixty bicycles and a camera.",
     "Cycle parking at the station is full on weekdays.", "Rail operator; Highways Department", "Complete",
     "Shelter opened in June and counts show it is well used."),
    ("Lower the speed limit to twenty miles an hour near schools",
     "Consult residents and make the traffic orders for the streets around schools.",
     "Average speeds near schools fall below twenty-two.", "Highways Department; Police Service", "In progress",
     "Consultation closed; orders drafted."),
    ("Publish a walking and cycling map of the town",
     "Print and put online a map of quiet streets, paths and cycle lanes.",
     "Ten thousand maps handed out.", "Communications Office", "Complete",
     "Map printed and on the website."),
    ("Plant street trees along the main walking routes",
     "Plant trees that give shade along the routes most used by people on foot.",
     "Three hundred trees planted and watered.", "Parks Department; Residents Council", "In progress",
     "One hundred and twenty trees planted this winter."),
    ("Add benches on the routes older residents use",
     "Place benches every few hundred metres on routes to shops and surgeries.",
     "Older residents say the routes are easier to walk.", "Parks Department", "Not started",
     "Sites chosen with the residents forum."),
    ("Count walking and cycling trips every year",
     "Set automatic counters on six routes and publish the counts each spring.",
     "A yearly report shows the trend.", "Transport Planning Office", "In progress",
     "Four counters installed."),
    ("Give businesses advice on travel plans for staff",
     "Visit the largest employers and help them write travel plans.",
     "Twenty employers adopt a travel plan.", "Chamber of Commerce", "Not started",
     "Letters sent to employers."),
    ("Close school streets to traffic at drop-off times",
     "Trial timed closures outside three schools and ask parents what they think.",
     "The trial streets stay closed at school times.", "Education Service; Highways Department", "In progress",
     "Two trials running since September."),
    ("Repair the towpath along the canal",
     "Resurface the towpath so that it can be walked and cycled all year.",
     "The towpath is open in all weathers.", "Canal and River Trust", "Complete",
     "Resurfacing finished in October."),
    ("Hold a car free day in the town centre",
     "Close the centre to cars for one Sunday with events for families.",
     "Five thousand visitors on the day.", "Events Office; Police Service", "Not started",
     "Date to be agreed with the police."),
    ("Review the plan with residents each year",
     "Hold an open meeting to report progress and hear new ideas.",
     "The plan is updated after each meeting.", "Residents Council", "In progress",
     "First meeting held in November."),
]
NAMES = "Action=measure,Which partners are involved=agencies"


def local_plan_docx(path):
    import docx

    document = docx.Document()
    document.add_paragraph("Riverside Town Council: Active Travel Action Plan")
    table = document.add_table(rows=1 + len(ROWS), cols=len(HEADER))
    for c, text in enumerate(HEADER):
        table.rows[0].cells[c].text = text
    for r, row in enumerate(ROWS, start=1):
        for c, text in enumerate(row):
            table.rows[r].cells[c].text = text
    document.save(path)
    return path


def local_plan_text(path):
    """The table as a scraper flattens it: one paragraph per cell, row after row, its `No.` first."""
    rows = [f"{k}\n\n" + "\n\n".join(row) for k, row in enumerate(ROWS, start=1)]
    path.write_text("Riverside Town Council: Active Travel Action Plan\n\n" + "\n\n".join(["No.", *HEADER])
                    + "\n\n" + "\n\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def plan_docx(tmp_path):
    return local_plan_docx(tmp_path / "active-travel.docx")


def _read_as_named(ex):
    assert [r.measure for r in ex.records] == [row[0] for row in ROWS]
    for record, row in zip(ex.records, ROWS):
        assert record.extra == {"Description": row[1], "What does success look like?": row[2], "Status": row[4],
                                "Latest update": row[5]}
        assert record.agencies_raw == row[3]


# -- refused today, read with the columns named ----------------------------------------------

def test_the_local_plan_is_refused_naming_its_header_and_the_option(plan_docx):
    with pytest.raises(NoMatrixError) as refused:
        extract(plan_docx)
    message = str(refused.value)
    assert "no column naming the measures' agencies, deadlines or results" in message
    assert f'the header "{" | ".join(HEADER)}" (table 1 of 1, row 1)' in message
    # the example names the column of body names, read from its cells, and the roles there are
    assert f'--columns "{NAMES}"' in message and "agencies, indicator" in message


def test_the_refusal_is_one_line_exit_2_on_the_command_line(plan_docx, tmp_path):
    run = annex("extract", plan_docx, "-o", tmp_path / "out")
    assert run.returncode == 2 and len(run.stderr.strip().splitlines()) == 1
    assert '--columns "Action=measure,' in run.stderr and "Which partners are involved" in run.stderr
    assert not list((tmp_path / "out").glob("*"))


def test_the_command_line_reads_it_with_columns(plan_docx, tmp_path):
    out = tmp_path / "out"
    run = annex("extract", plan_docx, "--columns", NAMES, "-o", out)
    assert run.returncode == 0, run.stderr
    with open(out / "active-travel.docx.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["measure"] for r in rows] == [row[0] for row in ROWS]
    assert {"Description", "What does success look like?", "Status", "Latest update"} <= set(rows[0])
    assert [r["Status"] for r in rows] == [row[4] for row in ROWS]
    data = json.loads((out / "active-travel.docx.json").read_text(encoding="utf-8"))
    assert len(data["records"]) == len(ROWS) and not data["unplaced"]


def test_the_api_reads_it_with_columns_as_text_mapping_or_settings(plan_docx, tmp_path):
    _read_as_named(extract(plan_docx, columns=NAMES))
    _read_as_named(extract(plan_docx, columns=PublicColumnNames.parse(NAMES)))
    _read_as_named(extract(plan_docx, columns={"ACTION ": "measure", "which partners are involved?": "agencies"}))
    toml = tmp_path / "columns.toml"
    toml.write_text('[columns]\n"Action" = "measure"\n"Which partners are involved" = "agencies"\n', encoding="utf-8")
    settings = load_settings(toml)
    assert settings.columns.role_of("which  partners are INVOLVED") == Role.AGENCIES
    _read_as_named(extract(plan_docx, settings=settings))
    run = annex("extract", plan_docx, "--settings", toml, "-o", tmp_path / "out")
    assert run.returncode == 0, run.stderr


def test_columns_on_the_command_line_win_over_the_settings_file(plan_docx, tmp_path):
    toml = tmp_path / "columns.toml"
    toml.write_text('[columns]\n"Which partners are involved" = "indicator"\n', encoding="utf-8")
    out = tmp_path / "out"
    run = annex("extract", plan_docx, "--settings", toml, "--columns", "Which partners are involved=agencies", "-o", out)
    assert run.returncode == 0, run.stderr
    data = json.loads((out / "active-travel.docx.json").read_text(encoding="utf-8"))
    assert data["records"][0]["agencies_raw"] == ROWS[0][3]


def test_review_takes_the_columns_too(plan_docx, tmp_path):
    run = annex("review", plan_docx, "--columns", NAMES, "-o", tmp_path / "review")
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "review" / "active-travel.docx.review.html").exists()


def test_the_flattened_text_reads_with_columns(tmp_path):
    path = local_plan_text(tmp_path / "active-travel.txt")
    with pytest.raises(NoMatrixError):
        extract(path)
    ex = extract(path, columns=NAMES)
    assert [r.measure_id for r in ex.records] == [str(k) for k in range(1, len(ROWS) + 1)]
    assert [r.measure for r in ex.records] == [row[0] for row in ROWS]
    assert [r.agencies_raw for r in ex.records] == [row[3] for row in ROWS]
    assert [r.extra for r in ex.records] == [{"Description": row[1], "What does success look like?": row[2],
                                              "Status": row[4], "Latest update": row[5]} for row in ROWS]
    assert not ex.unplaced


@pytest.mark.slow
def test_the_pdf_word_would_export_reads_with_columns(tmp_path):
    """The same table as a ruled PDF (the local plan's other published form)."""
    from tests.plan_family import GCell, GridPdf

    pdf = GridPdf()
    pdf.paragraphs(["Riverside Town Council: Active Travel Action Plan"])
    pdf.table(HEADER, [[GCell([text]) for text in row] for row in ROWS], [3, 4, 3, 2.5, 1.2, 3])
    path = tmp_path / "active-travel.pdf"
    pdf.save(path)
    with pytest.raises(NoMatrixError, match=re.escape(f'--columns "{NAMES}"')):
        extract(path)
    _read_as_named(extract(path, columns=NAMES))


# -- bad names: one line, exit 2 ---------------------------------------------------------------

@pytest.mark.parametrize("given, says", [
    ("Action=owner", "unknown role 'owner' (roles: objective, problem, measure"),
    ("Action", "expected HEADER=ROLE"),
    ("=measure", "expected HEADER=ROLE"),
    ("Action=measure,action=agencies", "'action' is named twice"),
])
def test_a_bad_columns_value_is_one_error_line(plan_docx, tmp_path, given, says):
    run = annex("extract", plan_docx, "--columns", given, "-o", tmp_path / "out")
    assert run.returncode == 2 and len(run.stderr.strip().splitlines()) == 1
    assert "--columns: " in run.stderr and says in run.stderr and "Traceback" not in run.stderr
    with pytest.raises(PipelineError, match=re.escape(says)):
        extract(plan_docx, columns=given)


def test_a_header_no_cell_reads_is_an_error(plan_docx, tmp_path):
    run = annex("extract", plan_docx, "--columns", f"{NAMES},Partners involved=agencies", "-o", tmp_path / "out")
    assert run.returncode == 2 and len(run.stderr.strip().splitlines()) == 1
    assert "--columns names 'Partners involved', which no cell of the header" in run.stderr
    with pytest.raises(DocumentLoadError, match="Partners involved"):
        extract(plan_docx, columns=f"{NAMES},Partners involved=agencies")
    toml = tmp_path / "bad.toml"
    toml.write_text('[columns]\n"Action" = "owner"\n', encoding="utf-8")
    with pytest.raises(PipelineError, match=r"\[columns\]: unknown role 'owner'"):
        load_settings(toml)


def test_a_named_header_no_cell_reads_in_a_plan_with_known_words_is_an_error(tmp_path):
    from tests.conftest import RAW

    with pytest.raises(DocumentLoadError, match="'Partners'.*Objectives \\| Typical problems"):
        extract(RAW / "annex_en.docx", columns="Partners=agencies")


# -- roles from what the cells hold -------------------------------------------------------------

def test_a_deadline_column_of_unknown_header_words_is_read_as_the_timeframe(tmp_path):
    """`Action | When | Notes`: `When` names nothing, its cells are deadlines: the timeframe,
    said in a warning; the notes are carried as an extra column."""
    import docx

    document = docx.Document()
    table = document.add_table(rows=1 + 6, cols=3)
    for c, text in enumerate(["Action", "When", "Progress so far"]):
        table.rows[0].cells[c].text = text
    for r in range(1, 7):
        table.rows[r].cells[0].text = ROWS[r][0]
        table.rows[r].cells[1].text = f"{2024 + r % 3}"
        table.rows[r].cells[2].text = ROWS[r][5]
    path = tmp_path / "when.docx"
    document.save(path)
    ex = extract(path)
    assert [r.measure for r in ex.records] == [row[0] for row in ROWS[1:7]]
    assert [r.timeframe for r in ex.records] == [f"{2024 + r % 3}" for r in range(1, 7)]
    assert [r.extra["Progress so far"] for r in ex.records] == [row[5] for row in ROWS[1:7]]
    said = [w.message for w in ex.warnings]
    assert "column 'When' read as the timeframe column: its header words do not say, its cells hold dates and deadlines" in said


def test_a_column_of_body_names_under_unknown_words_is_read_as_the_agencies(tmp_path):
    """`Action | Description | Who helps | Status`: the body names give the agencies; the sentences
    and the status values are carried as extra columns, each said in a warning."""
    import docx

    header = ["Action", "Description", "Who helps", "Status"]
    document = docx.Document()
    table = document.add_table(rows=1 + len(ROWS), cols=len(header))
    for c, text in enumerate(header):
        table.rows[0].cells[c].text = text
    for r, row in enumerate(ROWS, start=1):
        for c, text in enumerate((row[0], row[1], row[3], row[4])):
            table.rows[r].cells[c].text = text
    path = tmp_path / "who.docx"
    document.save(path)
    ex = extract(path)
    assert [r.agencies_raw for r in ex.records] == [row[3] for row in ROWS]
    assert [r.extra for r in ex.records] == [{"Description": row[1], "Status": row[4]} for row in ROWS]
    said = [w.message for w in ex.warnings]
    assert "column 'Who helps' read as the agencies column: its header words do not say, its cells hold body " \
           "names and acronyms" in said
    assert "column 'Description' carried as an extra column: its header words do not say, its cells hold " \
           "sentences" in said


def test_the_measures_under_unknown_words_are_read_from_their_sentences(tmp_path):
    """`Initiative | Deadline | Lead | Progress`: the deadlines are named, the measures are the one
    column of sentences, the lead the body names; the progress values stay an extra column."""
    import docx

    header = ["Initiative", "Deadline", "Lead", "Progress"]
    document = docx.Document()
    table = document.add_table(rows=1 + len(ROWS), cols=len(header))
    for c, text in enumerate(header):
        table.rows[0].cells[c].text = text
    for r, row in enumerate(ROWS, start=1):
        for c, text in enumerate((row[0], f"{2024 + r % 3}", row[3], row[4])):
            table.rows[r].cells[c].text = text
    path = tmp_path / "initiatives.docx"
    document.save(path)
    ex = extract(path)
    assert [r.measure for r in ex.records] == [row[0] for row in ROWS]
    assert [r.agencies_raw for r in ex.records] == [row[3] for row in ROWS]
    assert [r.extra for r in ex.records] == [{"Progress": row[4]} for row in ROWS]
    said = [w.message for w in ex.warnings if w.message.startswith("column ")]
    assert said == [
        "column 'Lead' read as the agencies column: its header words do not say, its cells hold body names "
        "and acronyms",
        "column 'Initiative' read as the measure column: its header words do not say, its cells hold sentences",
        "column 'Progress' carried as an extra column: its header words do not say, its cells hold short "
        "repeated values"]


def test_content_never_forces_a_role_where_two_columns_could_hold_it(plan_docx):
    """The local plan: three columns of sentences, none of deadlines, body names under a header
    whose word says extra: nothing is read from content, and the plan is refused."""
    with pytest.raises(NoMatrixError):
        extract(plan_docx)


@pytest.mark.parametrize("cells, kind", [
    ([["2024"], ["2025-2026"], ["2025"], ["2026"]], Content.DEADLINES),
    ([["Ministry of Internal Affairs"], ["Ministry of Security"], ["MIA, MLSP"], ["Ministry of Security"]],
     Content.BODIES),
    ([["Complete"], ["In progress"], ["Complete"], ["Not started"], ["In progress"], ["Complete"]], Content.STATUS),
    ([[row[1]] for row in ROWS], Content.SENTENCES),
    ([["Complete"], ["In progress"]], Content.UNKNOWN),  # too few cells to tell
    ([["Maps sent"], ["Trees planted"], ["Counters installed"], ["Letters sent"]], Content.UNKNOWN),
])
def test_content_kind(gazetteer, cells, kind):
    assert content_kind(cells, gazetteer) == kind


# -- the synonyms stay data --------------------------------------------------------------------

def _string_constants(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value


def test_header_words_stay_data():
    """No module that decides a column's role (structure, columns, align) writes a header synonym
    of data/headers.csv as a string of its own, nor does any module write a synonym of several
    words; the role names themselves (`model.Role`, also the output's field names) aside, and the
    synonyms shorter than five letters (`Cost`, `Term`: words of any message)."""
    rows = list(csv.DictReader(open(ROOT / "pipeline/data/headers.csv", encoding="utf-8")))
    synonyms = {header_key(r["synonym"]) for r in rows} - {role.value for role in Role}
    synonyms = {s for s in synonyms if len(s) >= 5}
    found = []
    for path in sorted((ROOT / "pipeline").rglob("*.py")):
        deciding = path.name == "columns.py" or path.parent.name in ("structure", "align")
        found += [f"{path.name}: {text!r}" for text in _string_constants(path)
                  if header_key(text) in synonyms and (deciding or " " in header_key(text))]
    assert not found, found


def test_a_synonym_added_to_the_data_names_its_column(monkeypatch):
    """The header words are read from the data file: a row added there is a header known."""
    from pipeline.structure import header

    assert [c.role for c in header.columns_of(HEADER)][3] == Role.EXTRA
    rows = header.builtin("headers.csv", ("role", "lang", "synonym"))
    added = rows + ({"role": "agencies", "lang": "en", "synonym": "Which partners are involved"},)
    monkeypatch.setattr(header, "builtin", lambda name, required: added if name == "headers.csv" else ())
    header.header_synonyms.cache_clear()
    header._contained_synonyms.cache_clear()
    try:
        assert [c.role for c in header.columns_of(HEADER)][3] == Role.AGENCIES
    finally:
        monkeypatch.undo()
        header.header_synonyms.cache_clear()
        header._contained_synonyms.cache_clear()
    assert [c.role for c in header.columns_of(HEADER)][3] == Role.EXTRA


def test_column_names_compare_as_header_keys():
    names = ColumnNames.parse("What does success look like? = indicator, Latest update=extra")
    assert names.role_of("what does SUCCESS look like") == Role.INDICATOR
    assert names.role_of("Latest  update.") == Role.EXTRA
    assert names.role_of("Update") is None
    assert ColumnNames.parse("Who, and with whom=agencies").role_of("Who and with whom") == Role.AGENCIES
    assert Settings().columns == ColumnNames() and not Settings().columns


KAZAKH_PLAN = """<html><head><meta charset="utf-8"><title>x</title></head><body>
<h2>План мероприятий по противодействию коррупции<br>ГКП «Эко» на 2023 год</h2>
<table>
<tr><td>№</td><td>Іс-шараның атауы</td><td>Орындау мерзімі</td><td>Аяқтау нысаны</td>
<td>Жауапты орындаушылар</td></tr>
<tr><td>1</td><td>Комплаенс қызметін құру</td><td>Тоқсан сайын</td><td>Ақпарат</td>
<td>Орынбасар</td></tr>
<tr><td>2</td><td>Ішкі құжаттарды өзектендіру</td><td>Тұрақты түрде</td><td>Құжаттама</td>
<td>Заңгер</td></tr>
</table></body></html>"""


def test_a_kazakh_plan_is_read_by_its_header_words(tmp_path):
    """Kazakh header words are data (`headers.csv`, rows `kk`); its deadlines read against the
    period of a title broken over two lines."""
    path = tmp_path / "kazakh.html"
    path.write_text(KAZAKH_PLAN, encoding="utf-8")
    records = extract(path).records
    assert [(r.measure_id, r.timeframe_start, r.timeframe_end, r.timeframe_recurrence, r.indicator)
            for r in records] == [("1", "2023", "2023", "quarterly", "Ақпарат"),
                                  ("2", "2023", "2023", "ongoing", "Құжаттама")]


RUSSIAN_ROWS = """<html><head><meta charset="utf-8"><title>x</title></head><body>
<p>План работы комиссии по противодействию коррупции УП «Газ» на 2023 год</p>
<table>
<tr><td>№</td><td>Наименование мероприятия</td><td>Срок проведения</td>
<td>Ответственные исполнители</td></tr>
<tr><td>1</td><td><p>Отчет о выполнении мероприятий по противодействию коррупции</p></td>
<td><p>до 10.01.2023</p><p>до 10.07.2023</p></td>
<td><p>Руководители организаций,</p><p>комиссии по противодействию коррупции</p></td></tr>
<tr><td>2</td><td><p>Рассмотрение кадровых назначений</p></td>
<td><p>Ежеквартально</p><p>3 квартал 2023</p></td>
<td><p>Начальник ОК Покусаева Л.В., ведущий ревизор Цурко И.В.</p></td></tr>
</table></body></html>"""


def test_a_row_of_one_measure_keeps_every_deadline_and_name_of_its_cells(tmp_path):
    """A table row of one measure: every deadline paragraph of its cell is its own (read as
    alternatives), a list of executors going on past a comma in lower case is one list cut into
    its items with no judgement flagged, and a body's name that says the measure's words is no
    sign of columns told apart wrong (the file marks its cells)."""
    path = tmp_path / "plan.html"
    path.write_text(RUSSIAN_ROWS, encoding="utf-8")
    first, second = extract(path).records
    assert (first.timeframe, first.timeframe_start, first.timeframe_end,
            first.timeframe_recurrence) == ("до 10.01.2023 до 10.07.2023", "", "2023-07", "once")
    assert first.agencies_unmatched == ["Руководители организаций",
                                        "комиссии по противодействию коррупции"]
    assert first.flag_names == ["agency_new_body", "agency_not_a_body", "agency_unmatched"]
    assert (second.timeframe_start, second.timeframe_end, second.timeframe_recurrence) == (
        "2023", "2023", "quarterly")
    assert second.agencies_unmatched == ["Начальник ОК Покусаева Л.В.", "ведущий ревизор Цурко И.В."]
