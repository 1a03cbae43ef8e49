"""The shape of a body's name (`pipeline.normalize.bodies`): a paragraph that starts a body, a
new body against a piece that is no body, another country's name; English, Russian, Tajik."""
import pytest

from pipeline.contract import AgencyMention
from pipeline.enums import FlagName
from pipeline.normalize.agencies import agency_flags
from pipeline.normalize.bodies import BodyWords

WORDS = BodyWords.load()


@pytest.mark.parametrize("text", [
    "Ministry of Justice of the Kyrgyz Republic", "Committee on National Security", "MIA",
    "Министерство юстиции Кыргызской Республики", "Служба по миграции", "МВД",
    "Вазорати адлия", "Кумитаи давлатии амнияти миллӣ", "Агентии омор",
])
def test_a_paragraph_opening_with_a_head_word_or_an_acronym_starts_a_body(text):
    assert WORDS.starts_body(text)


@pytest.mark.parametrize("text", [
    "Social Protection", "and Employment of Population", "the State Border", "Broadcasting Committee",
    "социального обеспечения и миграции", "Кыргызской Республики", "2. Согласование проекта",
    "ва ҳифзи иҷтимоии аҳолӣ", "Ҷумҳурии Қирғизистон",
])
def test_the_rest_of_a_name_starts_no_body(text):
    assert not WORDS.starts_body(text)


@pytest.mark.parametrize("text", [
    "Ministry of Culture, Sports and Tourism", "Republican Tuberculosis Centre", "GKNB",
    "Society of Friends of the Mountains", "Ассоциация местных сообществ", "SAOGI at OMB",
    "Министерство труда, социального обеспечения и миграции Кыргызской Республики",
    "Государственная служба по миграции", "ГКНБ",
    "Вазорати фарҳанг, варзиш ва сайёҳӣ", "Агентии назорати давлатии молиявӣ",
])
def test_a_body_shaped_name_is_a_new_body(text):
    assert WORDS.why_not_a_body(text) == ""


@pytest.mark.parametrize("text, why", [
    ("2. Approval of the draft regulation", "item number"),
    ("Ministry of Digital Development 2. Approval of the draft", "item number"),
    ("The ministry shall report on the results", "verb"),
    ("Ministry of Health by December 2025", "deadline"),
    ("of Population", "head word"),
    ("2024", "no words"),
    ("Министерство цифровых технологий 2. Согласование проекта нормативно-правового акта "
     "в установленном порядке.", "item number"),
    ("Согласование проекта нормативно-правового акта в установленном порядке", "head word"),
    ("Согласование проекта с МВД", "head word"),
    ("Министерство обеспечивает согласование проекта", "verb"),
    ("социального обеспечения и миграции", "head word"),
    ("Вазорат гузориш пешниҳод мекунад", "verb"),
    ("ва шуғли аҳолӣ", "head word"),
    ("Вазорати адлия то соли 2025", "deadline"),
])
def test_a_piece_that_is_no_body_says_why(text, why):
    assert why in WORDS.why_not_a_body(text)


@pytest.mark.parametrize("text, country", [
    ("Министерство юстиции Кыргызской Республики", "kyrgyzstan"),
    ("Ministry of Labour of the Kyrgyz Republic", "kyrgyzstan"),
    ("Министерство внутренних дел Республики Казахстан", "kazakhstan"),
    ("Вазорати адлияи Ҷумҳурии Ӯзбекистон", "uzbekistan"),
    ("Министерство юстиции Республики Таджикистан", None),  # the gazetteer's own
    ("Ministry of Justice", None),
])
def test_another_countrys_name_is_found_in_every_language(text, country):
    assert WORDS.foreign_country(text) == country


def test_a_plan_is_another_countrys_when_its_cells_name_that_country_most():
    kyrgyz = ["Министерство юстиции Кыргызской Республики", "МВД",
              "Министерство труда, социального обеспечения и миграции Кыргызской Республики"]
    assert WORDS.plan_country(kyrgyz) == "kyrgyzstan"
    # one embassy of another country in a plan of the gazetteer's own: not enough to tell
    tajik = ["Министерство юстиции", "Посольство Кыргызской Республики", "МВД"]
    assert WORDS.plan_country(tajik) is None
    assert WORDS.plan_country(tajik + ["План Республики Таджикистан", "Министерство юстиции Республики Таджикистан",
                                       "Посольство Кыргызской Республики"]) is None


@pytest.mark.parametrize("text, closed", [
    ("Министерство юстиции Кыргызской Республики", True),
    ("Ministry of Labour of the Kyrgyz Republic.", True),
    ("Вазорати адлияи Ҷумҳурии Тоҷикистон", True),  # the gazetteer's own closes a name as well
    ("Посольство Кыргызской Республики в Республике Таджикистан", True),
    ("Министерство юстиции Кыргызской Республики и его", False),
    ("Государственная миграционная служба при Правительстве", False),
])
def test_a_name_that_ends_with_a_countrys_name_is_closed(text, closed):
    assert WORDS.ends_with_country(text) is closed


@pytest.mark.parametrize("piece", ["Ministry of", "Министерство труда и", "Вазорати меҳнат ва"])
def test_a_name_cut_off_mid_phrase_is_no_body(piece):
    """The rest of the name went elsewhere (over a page break, into the next row's cell)."""
    assert "mid-phrase" in WORDS.why_not_a_body(piece)


@pytest.mark.parametrize("piece", ["Ministry", "Министерство", "Вазорати", "Committee"])
def test_a_head_word_alone_at_a_cells_end_is_no_body(piece):
    """The rest of the name went elsewhere (a line of the cell taken for the next row's); before
    another piece it may be a name's first line, the rest read on: a new body, as before."""
    known = AgencyMention("Ministry of Justice", "ministry_justice", "Ministry of Justice", 100,
                          "exact")
    alone = AgencyMention(piece, None, None, 0, "unmatched")
    at_end = agency_flags([known, alone], WORDS)
    before = agency_flags([alone, known], WORDS)
    assert [f.name for f in at_end] == [FlagName.AGENCY_UNMATCHED, FlagName.AGENCY_NOT_A_BODY]
    assert "head word alone" in at_end[1].detail
    assert [f.name for f in before] == [FlagName.AGENCY_UNMATCHED, FlagName.AGENCY_NEW_BODY]


@pytest.mark.parametrize("text", [
    "Отдел кадров", "комиссии по противодействию коррупции",
    "Рабочие группы по противодействию коррупции",
])
def test_departments_and_units_are_bodies(text):
    assert WORDS.why_not_a_body(text) == ""


@pytest.mark.parametrize("text", [
    "Службы правовой помощи созданы в областных центрах", "Мобильные группы проведены в Хатлоне",
])
@pytest.mark.parametrize("in_grid", [False, True])
def test_a_result_that_opens_as_a_unit_would_is_no_body(text, in_grid):
    """A plan's result (`... созданы`, `... проведены`: a short passive participle) is no body,
    whatever word opens it, in a table's agency cell too."""
    assert WORDS.why_not_a_body(text, in_grid) != ""


@pytest.mark.parametrize("text", ["Кадровые службы организаций Минэнерго",
                                  "Службы делопроизводства организаций Минэнерго"])
def test_a_cell_head_word_names_a_body_only_in_a_tables_agency_cell(text):
    """`службы` (kind `cell_head`) opens results of plans too: a head word only where the file
    marks the cell as the agencies column's (`in_grid`)."""
    assert WORDS.why_not_a_body(text, in_grid=True) == ""
    assert "head word" in WORDS.why_not_a_body(text)


def _unmatched(*names: str) -> list[AgencyMention]:
    return [AgencyMention(name, None, None, 0, "unmatched") for name in names]


def test_a_one_word_proper_name_listed_beside_bodies_in_a_tables_cell_is_a_new_body():
    """`Consip` beside `AgID` in a table's agency cell is a body; alone, or outside a table's
    cell (a flattened text's column is a reading), it still needs review."""
    listed = _unmatched("AgID", "Consip")
    kinds = [f.name for f in agency_flags(listed, WORDS, in_grid=True)]
    assert kinds == [FlagName.AGENCY_UNMATCHED, FlagName.AGENCY_NEW_BODY] * 2
    assert FlagName.AGENCY_NOT_A_BODY in [f.name for f in agency_flags(listed, WORDS)]
    alone = agency_flags(_unmatched("Consip"), WORDS, in_grid=True)
    assert alone[-1].name == FlagName.AGENCY_NOT_A_BODY
    # two proper names make no list of bodies of each other; a word of a sentence is no name
    assert FlagName.AGENCY_NOT_A_BODY in [f.name for f in agency_flags(
        _unmatched("Consip", "Agenas"), WORDS, in_grid=True)]
    for piece in ["Consip spa", "CONSIP-x", "Co"]:
        assert not WORDS.lone_name(piece)


@pytest.mark.parametrize("text", [
    "Начальник отдела кадров Покусаева Л.В.", "Секретарь комиссии по противодействию коррупции",
    "Руководители организаций Минэнерго", "пресс-секретарь Министерства энергетики",
    "Главный бухгалтер Манкевич Е.В.",
])
def test_an_official_is_a_person_not_a_body(text):
    assert "an official" in WORDS.why_not_a_body(text)


@pytest.mark.parametrize("text, closed", [
    ("Директор филиала «Бубны» Бушмович А.М.", True), ("Заместитель директора Шебеко А. А.", True),
    ("Министерство юстиции Кыргызской Республики", True), ("Главный бухгалтер", False),
    ("Ministry of Health", False),
])
def test_a_name_that_ends_with_initials_is_closed(text, closed):
    assert WORDS.ends_closed(text) is closed


def test_a_compound_name_led_by_a_head_prefix_is_a_body():
    assert WORDS.why_not_a_body("Госэнергогазнадзор") == ""
    assert "head word" in WORDS.why_not_a_body("Энергогазнадзор")
