"""Each cell checked against its column's role (`pipeline.align.roles`, issue 39): a piece that
reads as another column's is flagged `cell_role_mismatch`; a plan read right is not."""
import pytest

from pipeline.align.roles import RoleScores, agency_echoes, agency_mismatches, cell_mismatches
from pipeline.contract import MISMATCH
from pipeline.extract import extract
from pipeline.model import Role

RIGHT = {  # a row of each language as a plan writes it: no piece out of its column
    "en": {Role.MEASURE: ["Conduct information campaigns in Khatlon", "Carry out the following:",
                          "in schools"],
           Role.TIMEFRAME: ["2024-2025", "Annually"],
           Role.INDICATOR: ["Information campaigns conducted in Khatlon",
                            "Number of victims identified", "Adoption of the law"]},
    "ru": {Role.MEASURE: ["Провести информационные кампании в Хатлонской области",
                          "Проведение кампаний"],
           Role.TIMEFRAME: ["2024-2025 гг.", "Постоянно"],
           Role.INDICATOR: ["Проведены информационные кампании", "Принятие закона",
                            "Доля выявленных жертв"]},
    "tg": {Role.MEASURE: ["Гузаронидани маъракаҳои иттилоотӣ дар вилояти Хатлон"],
           Role.TIMEFRAME: ["солҳои 2024-2025"],
           Role.INDICATOR: ["Маъракаҳои иттилоотӣ гузаронида шуданд",
                            "Хатҳои боварӣ таъсис ёфта, тавсия дода мешавад, ки чунин хатҳо "
                            "таъсис дода шаванд"]},
}


@pytest.mark.parametrize("lang", sorted(RIGHT))
def test_a_row_read_right_has_no_piece_out_of_its_column(lang, gazetteer):
    assert cell_mismatches(RoleScores(gazetteer, lang, (2024, 2026)), RIGHT[lang]) == []


@pytest.mark.parametrize("lang, role, piece, fits", [
    ("en", Role.TIMEFRAME, "Ministry of Internal Affairs", Role.AGENCIES),
    ("en", Role.MEASURE, "2024-2025", Role.TIMEFRAME),
    ("en", Role.MEASURE, "Ministry of Health", Role.AGENCIES),
    ("en", Role.INDICATOR, "Develop guidelines for labour inspectors", Role.MEASURE),
    ("en", Role.MEASURE, "Shelters for women equipped in Sughd", Role.INDICATOR),
    ("ru", Role.TIMEFRAME, "Министерство юстиции", Role.AGENCIES),
    ("ru", Role.INDICATOR, "Разработать методические пособия", Role.MEASURE),
    ("ru", Role.MEASURE, "Проведены информационные кампании в школах", Role.INDICATOR),
    ("tg", Role.TIMEFRAME, "Вазорати адлия", Role.AGENCIES),
    ("tg", Role.MEASURE, "Маъракаҳо гузаронида шуданд", Role.INDICATOR),
])
def test_a_piece_that_reads_as_another_column_is_found(lang, role, piece, fits, gazetteer):
    found = cell_mismatches(RoleScores(gazetteer, lang, (2024, 2026)), {role: [piece]})
    assert [(m.piece, m.role, m.fits) for m in found] == [(piece, role, fits)]
    flag = found[0].flag()
    assert flag.name == "cell_role_mismatch" and flag.confidence == MISMATCH
    assert f"'{piece}'" in flag.detail


def test_a_name_no_gazetteer_knows_stays_a_body_but_a_step_or_a_deadline_does_not(gazetteer):
    """A body-shaped new name is its column's; a step's text or a deadline among the agencies
    is not."""
    scores = RoleScores(gazetteer, "ru", (2024, 2026))
    step = "Министерство цифровых технологий 2. Согласование проекта"
    found = agency_mismatches(scores, [("Министерство цифровых технологий", True), (step, False),
                                       ("2025", False)])
    assert [(m.piece, m.fits) for m in found] == [(step, Role.MEASURE), ("2025", Role.TIMEFRAME)]


def test_a_new_name_that_repeats_the_rows_measure_or_result_is_no_body():
    """Columns read wrong: a name holding two neighbouring words of the row's measure or result
    is flagged; a new body's name that shares single words with them, or that the measure names
    (its own words capitalised), is not."""
    cells = {Role.MEASURE: ["Train a national report in regional centres",
                            "Transfer responsibility for maintenance to the CDO council"],
             Role.INDICATOR: ["Mobile outreach teams published in Khatlon"]}
    found = agency_echoes(["United Nations Children's A national report Fund",
                           "United Nations Office on Mobile outreach Drugs and Crime",
                           "Ministry of Labour, Migration and Employment of Population",
                           "Ministry of Regional Development", "CDO Council"], cells)
    assert [(m.fits, m.echo) for m in found] == [(Role.MEASURE, "a national"),
                                                 (Role.INDICATOR, "mobile outreach")]
    flag = found[0].flag()
    assert flag.name == "cell_role_mismatch" and flag.confidence == MISMATCH
    assert "repeats the measure cell's 'a national'" in flag.detail


def test_a_new_name_that_the_measure_names_by_its_first_words_is_a_body():
    """`заседаний комиссии по противодействию коррупции` names the commission by its first
    words, its head word in another ending: no echo; words past them still count, and the
    measure's own words run on into the cell (lower case first) are still an echo."""
    cells = {Role.MEASURE: ["Проведение заседаний комиссии по противодействию коррупции."]}
    assert agency_echoes(["Комиссия по противодействию коррупции УП «МИНГАЗ»"], cells) == []
    found = agency_echoes(["Отдел кадров по противодействию коррупции",
                           "комиссии по противодействию коррупции Министерство юстиции"], cells)
    assert [m.echo for m in found] == ["по противодействию", "комиссии по"]


def test_a_result_that_says_its_rows_deadline_again_is_no_mismatch(gazetteer):
    """`Тұрақты түрде` in a table's result cell under `Тұрақты түрде` in the deadline's: the
    deadline stands in its column, the source repeats it; in a flattened text (cells not
    marked) it may be the next row's same deadline, and alone it reads as a deadline."""
    scores = RoleScores(gazetteer, "kk", (2023, 2023))
    repeat = "Тұрақты түрде"
    row = {Role.TIMEFRAME: [repeat], Role.INDICATOR: [repeat]}
    assert cell_mismatches(scores, row, marked=True) == []
    assert len(cell_mismatches(scores, row)) == 1
    found = cell_mismatches(scores, {Role.TIMEFRAME: ["2023"], Role.INDICATOR: [repeat]},
                            marked=True)
    assert [(m.role, m.fits) for m in found] == [(Role.INDICATOR, Role.TIMEFRAME)]


def test_a_title_cased_measure_says_no_result(gazetteer):
    """`Results Oriented Accountability for Grants` is a name, not `results oriented`."""
    scores = RoleScores(gazetteer, "en")
    title = "Results Oriented Accountability for Grants"
    assert cell_mismatches(scores, {Role.MEASURE: [title]}) == []


TABLE = """<html><body><p>Programme on Something for 2006-2010</p><table>
<tr><th>Objectives</th><th>Typical problems</th><th>Implementation measures</th><th>Timeframe</th>
<th>Executing agencies</th><th>Indicators</th></tr>
<tr><td>1. Prevention</td><td>1.1. Low awareness</td>
<td>1.1.1. Conduct information campaigns in schools</td><td>2007-2008</td>
<td>Ministry of Education</td><td>Information campaigns conducted in schools</td></tr>
<tr><td></td><td></td><td>1.1.2. Train border guards</td><td>Ministry of Internal Affairs</td>
<td>Ministry of Internal Affairs</td><td>Border guards trained</td></tr>
</table></body></html>
"""


def test_a_deadline_cell_naming_a_body_lowers_its_row_only(tmp_path, gazetteer):
    path = tmp_path / "annex.html"
    path.write_text(TABLE, encoding="utf-8")
    first, second = extract(path, gazetteer).records
    assert "cell_role_mismatch" not in first.flag_names
    flag = next(f for f in second.flags if f.name == "cell_role_mismatch")
    assert "'Ministry of Internal Affairs' in the timeframe cell reads as agencies" in flag.detail
    assert second.confidence <= MISMATCH and second.timeframe == "Ministry of Internal Affairs"


def test_a_deadline_said_again_is_parsed_once(gazetteer, monkeypatch):
    """A plan's deadline cells say the same few things on row after row: each text is read by the
    deadline grammar once for the document's scores, not once a piece."""
    from pipeline.align import roles

    parsed = []
    original = roles.parse_timeframe
    monkeypatch.setattr(roles, "parse_timeframe", lambda text, *args, **kwargs: (
        parsed.append(text), original(text, *args, **kwargs))[1])
    scores = RoleScores(gazetteer, "en", (2024, 2026))
    for _ in range(20):
        assert cell_mismatches(scores, {Role.TIMEFRAME: ["2024-2025", "Annually"],
                                        Role.MEASURE: ["Conduct campaigns"]}) == []
    assert sorted(parsed) == ["2024-2025", "Annually"]
