import pytest

from pipeline.errors import DataFileError
from pipeline.normalize.agencies import PARAGRAPH_END, Gazetteer, _phrase_regex, unique_agencies


def ids(gazetteer, text):
    return [m.agency_id for m in gazetteer.mentions(text)]


def test_comma_separated_names(gazetteer):
    assert ids(gazetteer, "Ministry of Health, Ministry of Justice") == ["ministry_health", "ministry_justice"]


def test_missing_comma_is_split_by_longest_match(gazetteer):
    text = "Committee on Religious Affairs General Prosecutor\u2019s Office,"
    assert ids(gazetteer, text) == ["religious_affairs_committee", "general_prosecutor_office"]


def test_stray_spaces_and_no_break_spaces(gazetteer):
    text = "Ministry of Health , Ministry of Justice,\u00a0\u00a0 Ministry of State Revenues \u00a0"
    assert ids(gazetteer, text) == ["ministry_health", "ministry_justice", "ministry_state_revenues"]


def test_short_form_is_an_alias(gazetteer):
    [m] = gazetteer.mentions("Committee on Women\u2019s and Family")
    assert (m.agency_id, m.method) == ("women_family_committee", "exact")


def test_longest_match_prefers_the_full_name(gazetteer):
    [m] = gazetteer.mentions("Committee on Women\u2019s and Family Affairs")
    assert m.mention == "Committee on Women\u2019s and Family Affairs"


GARBLES = [
    # a name cut in two around another name, and the same with its first word lost
    "State Committee on the Protection of the TV and Radio Broadcasting Committee, e State Border",
    "Committee on the Protection of the TV and Radio Broadcasting Committee",
    # their Russian translations, and a name cut short
    "\u0413\u043e\u0441\u0443\u0434\u0430\u0440\u0441\u0442\u0432\u0435\u043d\u043d\u044b\u0439 \u043a\u043e\u043c\u0438\u0442\u0435\u0442 \u043f\u043e \u043e\u0445\u0440\u0430\u043d\u0435 "
    "\u041a\u043e\u043c\u0438\u0442\u0435\u0442 \u043f\u043e \u0442\u0435\u043b\u0435\u0432\u0438\u0434\u0435\u043d\u0438\u044e \u0438 \u0440\u0430\u0434\u0438\u043e\u0432\u0435\u0449\u0430\u043d\u0438\u044e, "
    "\u0435 \u0433\u043e\u0441\u0443\u0434\u0430\u0440\u0441\u0442\u0432\u0435\u043d\u043d\u043e\u0439 \u0433\u0440\u0430\u043d\u0438\u0446\u044b",
    "\u041a\u043e\u043c\u0438\u0442\u0435\u0442 \u043f\u043e \u043e\u0445\u0440\u0430\u043d\u0435 "
    "\u041a\u043e\u043c\u0438\u0442\u0435\u0442 \u043f\u043e \u0442\u0435\u043b\u0435\u0432\u0438\u0434\u0435\u043d\u0438\u044e \u0438 \u0440\u0430\u0434\u0438\u043e\u0432\u0435\u0449\u0430\u043d\u0438\u044e",
]


@pytest.mark.parametrize("text", GARBLES)
def test_garbles_resolve_by_method_with_the_table_empty(gazetteer, text):
    assert not gazetteer.garbles  # the override table ships empty: the method reads them
    mentions = gazetteer.mentions(f"Ministry of Justice, \u00a0{text},\u00a0 Youth Committee")
    assert unique_agencies(mentions)[1] == ["ministry_justice", "state_border_committee",
                                            "tv_radio_committee", "youth_committee"]
    partial = [m for m in mentions if m.agency_id == "state_border_committee"]
    assert partial and all(m.method == "partial" and 60 <= m.score < 100 for m in partial)


def test_the_override_table_still_wins_where_a_human_read_a_text(tmp_path, gazetteer):
    g = Gazetteer(gazetteer.names, gazetteer.aliases, heads=gazetteer.heads, connectors=gazetteer.connectors,
                  function_words=gazetteer.function_words, modifiers=gazetteer.modifiers,
                  garbles=[(_phrase_regex("MinHealthJust"), ["ministry_health", "ministry_justice"], "MinHealthJust")])
    assert [(m.agency_id, m.method) for m in g.mentions("MinHealthJust")] == [
        ("ministry_health", "garble"), ("ministry_justice", "garble")]


def test_justice_office_is_not_the_ministry_of_justice(gazetteer):
    assert ids(gazetteer, "General Prosecutor\u2019s Office, Justice Office") == [
        "general_prosecutor_office", "justice_office"]


def test_head_word_check_refuses_office_for_ministry(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("id,name,aliases\nmoj,Ministry of Justice,\nmoh,Ministry of Health,\n", encoding="utf-8")
    g = Gazetteer.load(path)
    [m] = g.mentions("Justice Office")
    assert m.agency_id is None and m.method == "unmatched" and m.mention == "Justice Office"


@pytest.mark.parametrize("variant, expected", [
    ("Ministry of Interior Affairs", "ministry_internal_affairs"),
    ("Ministy of Healt", "ministry_health"),
    ("Justice Ofice", "justice_office"),
    ("Interagency Comission on Prevention of Human Trafficking", "interagency_commission"),
])
def test_fuzzy_variants(gazetteer, variant, expected):
    [m] = gazetteer.mentions(variant)
    assert (m.agency_id, m.method) == (expected, "fuzzy") and 85 <= m.score < 100


def test_fuzzy_needs_a_margin_over_the_runner_up(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("id,name\na,Ministry of Trade\nb,Ministry of Grade\n", encoding="utf-8")
    [m] = Gazetteer.load(path).mentions("Ministry of Frade")
    assert m.agency_id is None and m.method == "unmatched"


def test_unknown_name_is_kept_verbatim(gazetteer):
    mentions = gazetteer.mentions("Ministry of Health, Ministry of Agriculture")
    assert [(m.agency_id, m.mention, m.method) for m in mentions] == [
        ("ministry_health", "Ministry of Health", "exact"), (None, "Ministry of Agriculture", "unmatched")]
    names, agency_ids = unique_agencies(mentions)
    assert agency_ids == ["ministry_health"] and names == ["Ministry of Health"]


def test_repeated_agency_is_listed_once(gazetteer):
    _, agency_ids = unique_agencies(gazetteer.mentions(
        "State Committee on the Protection of the State Border, Committee on the Protection of the TV and "
        "Radio Broadcasting Committee"))
    assert agency_ids == ["state_border_committee", "tv_radio_committee"]


def test_user_gazetteer_with_a_duplicate_id_is_refused(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("id,name\na,Ministry of A\na,Ministry of B\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="twice"):
        Gazetteer.load(path)


def test_coverage(gazetteer):
    assert gazetteer.coverage("Ministry of Health, Youth Committee") == 1.0
    assert gazetteer.coverage("Border control strengthened") == 0.0


# -- the variant table: how official documents name bodies -------------------------------

import csv  # noqa: E402
from pathlib import Path  # noqa: E402

VARIANTS = list(csv.DictReader(open(Path(__file__).with_name("agency_variants.csv"), encoding="utf-8")))


def test_the_variant_table_covers_both_languages():
    assert len(VARIANTS) >= 60
    assert sum(1 for v in VARIANTS if v["rule"].startswith("ru ")) >= 15


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: f"{v['rule']}: {v['cell'][:40]}")
def test_variant_table(gazetteer, variant):
    mentions = gazetteer.mentions(variant["cell"])
    _, agency_ids = unique_agencies(mentions)
    unmatched = [m.mention for m in mentions if m.method == "unmatched"]
    generic = [m.mention for m in mentions if m.method == "generic"]
    assert agency_ids == [i for i in variant["ids"].split(";") if i]
    assert unmatched == [u for u in variant["unmatched"].split(";") if u]
    assert generic == [g for g in (variant.get("generic") or "").split(";") if g]


# -- no wrong mapping: a known name dressed up is its own agency or unknown, never another ---------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from pipeline.data import builtin  # noqa: E402

WORDS = ["Science", "Culture", "Sports", "Tourism", "Industry", "Energy", "Water Resources", "Youth",
         "Transport", "Health", "Justice", "Labour", "Migration", "Employment", "Defence", "Economy",
         "Border", "Protection", "Family", "Trade", "Finance", "Statistics", "Affairs", "Security"]
RU_WORDS = ["науки", "культуры", "спорта", "туризма", "промышленности", "энергетики", "молодежи",
            "транспорта", "здравоохранения", "юстиции", "труда", "миграции", "занятости", "обороны"]
MODIFIERS = [m["text"] for m in builtin("agency_modifiers.csv", ("lang", "kind", "text"))]


@st.composite
def dressed_names(draw):
    gazetteer = Gazetteer.load()
    alias, agency_id = draw(st.sampled_from(gazetteer.aliases))
    russian = any("\u0400" <= ch <= "\u04ff" for ch in alias)
    word = draw(st.sampled_from(RU_WORDS if russian else WORDS))
    if russian:
        decorations = [f"{alias} и {word}", f"{alias} по {word}", f"Управление {word} {alias}", f"{alias} {word}"]
    else:
        decorations = [f"{alias} and {word}", f"{alias} of {word}", f"{alias} for {word}", f"{alias} on {word}",
                       f"{alias} under the {word}", f"{alias} and {word} Affairs", f"{word} {alias}",
                       f"Department of {word} of the {alias}", f"{alias} {word}"]
    text = draw(st.sampled_from(decorations + [f"{alias} {m}" for m in MODIFIERS]))
    return text, agency_id


@pytest.mark.slow
@settings(max_examples=400, deadline=None, derandomize=True)
@given(case=dressed_names())
def test_a_dressed_up_name_is_its_own_agency_or_unknown_never_another(gazetteer, case):
    text, agency_id = case
    wrong = [m for m in gazetteer.mentions(text) if m.agency_id not in (agency_id, None)]
    assert not wrong, (text, [(m.mention, m.agency_id, m.method) for m in wrong])


# -- a name with commas in it is one body: never a known one cut off with a stray tail ---------

TAILS = ["Science and Culture", "Migration and Employment of Population", "Sports and Tourism",
         "Industry and New Technologies", "Energy and Water Resources", "Culture and Information"]
RU_TAILS = ["миграции и занятости населения", "науки и инноваций", "спорта и туризма", "промышленности и торговли"]


@st.composite
def names_with_commas(draw):
    gazetteer = Gazetteer.load()
    headed = [(a, i) for a, i in gazetteer.aliases if gazetteer._capitalised_head(a)]
    alias, _ = draw(st.sampled_from(headed))
    russian = any("\u0400" <= ch <= "\u04ff" for ch in alias)
    tail = draw(st.sampled_from(RU_TAILS if russian else TAILS))
    return f"{alias}, {tail}"


@pytest.mark.slow
@settings(max_examples=200, deadline=None, derandomize=True)
@given(name=names_with_commas())
def test_a_name_with_a_comma_is_one_unknown_body_never_a_known_one_and_a_tail(gazetteer, name):
    mentions = gazetteer.mentions(name)
    assert [(m.mention, m.agency_id) for m in mentions] == [(name, None)]


def test_a_generic_body_is_neither_unmatched_nor_an_agency(gazetteer):
    from pipeline.contract import Record
    rec = Record(row=1, objective_id="", objective="", problem_id="", problem="", measure_id="1", measure="")
    rec.mentions = gazetteer.mentions("interested ministries and agencies, Ministry of Health")
    assert [m.method for m in rec.mentions] == ["generic", "exact"]
    assert rec.agencies_unmatched == [] and unique_agencies(rec.mentions)[1] == ["ministry_health"]


@pytest.mark.slow
@settings(max_examples=150, deadline=None, derandomize=True)
@given(name=names_with_commas(), before=st.integers(0, 3), after=st.integers(0, 3), seed=st.integers(0, 10**6))
def test_a_known_name_with_a_comma_is_found_whole_in_a_list(tmp_path_factory, name, before, after, seed):
    """Once a gazetteer has a name with a comma in it (a user's file), the name in a list of known
    bodies is that one body, never its first words as another plus a tail."""
    import random
    extra = tmp_path_factory.mktemp("g") / "extra.csv"
    extra.write_text(f'id,name\nnew_body,"{name}"\n', encoding="utf-8")
    grown = Gazetteer.load(extend=[extra])
    rnd = random.Random(seed)
    russian = any("\u0400" <= ch <= "\u04ff" for ch in name)
    known = [(a, i) for a, i in grown.aliases if len(a) > 6 and i != "new_body"
             and russian == any("\u0400" <= ch <= "\u04ff" for ch in a)]
    others = [rnd.choice(known) for _ in range(before + after)]
    cell = ", ".join([a for a, _ in others[:before]] + [name] + [a for a, _ in others[before:]])
    assert ids(grown, cell) == [i for _, i in others[:before]] + ["new_body"] + [i for _, i in others[before:]]


@pytest.mark.slow
@settings(max_examples=200, deadline=None, derandomize=True)
@given(name=names_with_commas(), where=st.integers(0, 20))
def test_a_name_with_a_comma_cut_by_a_line_end_anywhere_is_still_one_body(gazetteer, name, where):
    """A PDF line end falls anywhere in a long name (`Ministry of Labour, Migration` / `and
    Employment of Population`): still one unknown body, never a known one and a tail."""
    spaces = [i for i, ch in enumerate(name) if ch == " "]
    cut = spaces[where % len(spaces)]
    cell = name[:cut] + "\n" + name[cut + 1:]
    assert [m.agency_id for m in gazetteer.mentions(cell)] == [None]


def test_nearest_names_are_those_of_a_python_scorer():
    """`_nearest` scores in C what `process.extract` with a Python scorer (the better of ratio
    and token-sort ratio) gives, in the same order, ties by index."""
    import random

    from rapidfuzz import fuzz, process

    from pipeline.normalize.agencies import Gazetteer, _nearest

    def score(a, b, **kwargs):
        return max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b))

    choices = Gazetteer.load()._choices
    words = " ".join(choices).split()
    rnd = random.Random(0)
    queries = [" ".join(rnd.sample(words, rnd.randint(1, 6))) for _ in range(300)] + choices[:50]
    for query in queries:
        want = [(s, i) for _, s, i in process.extract(query, choices, scorer=score, limit=25)]
        assert _nearest(query, choices, 25) == want, query


def test_a_cell_longer_than_any_list_of_bodies_is_kept_whole_and_unmatched():
    """`MatchSettings.max_cell`: a 1 MB paragraph read as agencies is not cut into 50,000 pieces."""
    from pipeline.normalize.agencies import Gazetteer, MatchSettings

    gazetteer = Gazetteer.load(settings=MatchSettings(max_cell=200))
    short, long = "Ministry of Health, Ministry of Justice", "Ministry of Health, " * 20
    assert [m.agency_id for m in gazetteer.mentions(short)] == [m.agency_id for m in Gazetteer.load().mentions(short)]
    [whole] = gazetteer.mentions(long)
    assert (whole.agency_id, whole.method, whole.mention) == (None, "unmatched", long.strip())


# -- bodies of another country's plan, one per paragraph (issue 43, part 5) -----------------

KYRGYZ = {
    "ru": ["Министерство труда, социального обеспечения и миграции Кыргызской Республики",
           "Министерство юстиции Кыргызской Республики", "МВД"],
    "en": ["Ministry of Labour, Social Security and Migration of the Kyrgyz Republic",
           "Ministry of Justice of the Kyrgyz Republic", "MIA"],
    "tg": ["Вазорати меҳнат, таъминоти иҷтимоӣ ва муҳоҷирати Ҷумҳурии Қирғизистон",
           "Вазорати адлияи Ҷумҳурии Қирғизистон", "ВКД"],
}


@pytest.mark.parametrize("lang", sorted(KYRGYZ))
def test_another_countrys_name_is_one_new_body_never_a_known_one_by_its_first_words(gazetteer, lang):
    for name in KYRGYZ[lang][:2]:
        [m] = gazetteer.mentions(name)
        assert (m.mention, m.agency_id, m.method) == (name, None, "unmatched")


@pytest.mark.parametrize("lang", sorted(KYRGYZ))
def test_a_paragraph_that_starts_a_body_is_never_the_rest_of_the_name_above(gazetteer, lang):
    cell = PARAGRAPH_END.join(KYRGYZ[lang])
    assert [m.mention for m in gazetteer.mentions(cell)] == KYRGYZ[lang]


def test_a_paragraph_that_does_not_start_a_body_may_still_continue_the_name_above(gazetteer):
    cell = PARAGRAPH_END.join(["Ministry of Health, Ministry of Labor and", "Social Protection"])
    assert ids(gazetteer, cell) == ["ministry_health", "ministry_labor_social_protection"]


@pytest.mark.parametrize("cell, names", [
    # a list going on past a comma with a post or a unit, in lower case
    ("Главный бухгалтер Манкевич Е.В., начальник ОПО Давыдова В.В., ведущий ревизор Цурко И.В.",
     ["Главный бухгалтер Манкевич Е.В.", "начальник ОПО Давыдова В.В.",
      "ведущий ревизор Цурко И.В."]),
    ("Руководители организаций Минэнерго,\u2029комиссии по противодействию коррупции",
     ["Руководители организаций Минэнерго", "комиссии по противодействию коррупции"]),
    # a unit named by a `cell_head` word (`службы`) after a comma, in an agency cell
    ("Руководители организаций Минэнерго, кадровые службы организаций Минэнерго",
     ["Руководители организаций Минэнерго", "кадровые службы организаций Минэнерго"]),
    # a line end after a person's initials, and a post opening the next line
    ("Директор филиала «ТБЗ» Молочко А.А.\nДиректор филиала «Бубны» Бушмович А.М.",
     ["Директор филиала «ТБЗ» Молочко А.А.", "Директор филиала «Бубны» Бушмович А.М."]),
    # a spaced slash parts two executors
    ("Кәсіпорынның Комплаенс-офицері / жұмыс тобы",
     ["Кәсіпорынның Комплаенс-офицері", "жұмыс тобы"]),
    # the words after `в соответствии с` say which units, not who
    ("Структурные подразделения центрального аппарата в соответствии с функциональными "
     "обязанностями", ["Структурные подразделения центрального аппарата"]),
    # `и` between two whole executors, not between posts sharing their words
    ("Начальники структурных подразделений и директора филиалов «Бубны»",
     ["Начальники структурных подразделений", "директора филиалов «Бубны»"]),
    ("директора и специалисты по кадрам филиалов", ["директора и специалисты по кадрам филиалов"]),
    ("Комиссия по противодействию коррупции\u2029и рабочие группы в филиалах",
     ["Комиссия по противодействию коррупции", "рабочие группы в филиалах"]),
    # a phrase saying by what rule opens the cell, no part of a name (Kazakh: `according to plan`)
    ("Жоспарға сәйкес кәсіпорын басшылығы, жауапты құрылымдық бөлімшелердің басшылары",
     ["кәсіпорын басшылығы", "жауапты құрылымдық бөлімшелердің басшылары"]),
    # a head word naming an owner goes on with the name before it
    ("Руководители организаций, комиссии по противодействию коррупции организаций Минэнерго, "
     "Министерства энергетики", ["Руководители организаций", "комиссии по противодействию "
                                 "коррупции организаций Минэнерго, Министерства энергетики"]),
])
def test_lists_of_officials_and_units_are_cut_into_items(gazetteer, cell, names):
    assert [m.mention for m in gazetteer.mentions(cell)] == names


@pytest.mark.parametrize("cell, names", [
    # a body named with its parents, each a larger body past a comma: one body
    ("National Center for Education Statistics, Department of Education",
     ["National Center for Education Statistics, Department of Education"]),
    ("The Records Management Office, Statistics Bureau, Department of Commerce",
     ["Records Management Office, Statistics Bureau, Department of Commerce"]),
    # peers, a larger body first, bodies of no rank, or a list joined by `and`: several
    ("Cabinet Office, Office of the Parliamentary Counsel",
     ["Cabinet Office", "Office of the Parliamentary Counsel"]),
    ("Department of Commerce, Statistics Bureau", ["Department of Commerce", "Statistics Bureau"]),
    ("Foreign and Commonwealth Office, HM Treasury",
     ["Foreign and Commonwealth Office", "HM Treasury"]),
    ("Data Committee, Department of Education", ["Data Committee", "Department of Education"]),
    ("Records Office, and the Department of Education", ["Records Office", "Department of Education"]),
    # a known name stays itself, whatever the heads beside it
    ("Justice Office, Ministry of Justice", ["Justice Office", "Ministry of Justice"]),
    ("General Prosecutor's Office, Ministry of Water Resources",
     ["General Prosecutor's Office", "Ministry of Water Resources"]),
])
def test_a_body_named_with_its_parents_is_one_body_and_peers_stay_apart(gazetteer, cell, names):
    assert [m.mention for m in gazetteer.mentions(cell)] == names


@pytest.mark.parametrize("cell, names", [
    # a connector's phrase parts two parties wherever a body's name follows, past an article
    ("Statistics Bureau under the direction of the Interagency Council on Statistical Policy",
     ["Statistics Bureau", "Interagency Council on Statistical Policy"]),
    ("Records Office with direction from the Data Council", ["Records Office", "Data Council"]),
    # a sentence's full stop is no part of the name; an abbreviation's is
    ("Office of Data Policy.", ["Office of Data Policy"]),
    ("GSA and OMB.", ["GSA", "OMB"]),
    ("Acme Data Inc.", ["Acme Data Inc."]),
])
def test_a_connector_phrase_parts_bodies_and_a_sentence_stop_is_dropped(gazetteer, cell, names):
    assert [m.mention for m in gazetteer.mentions(cell)] == names


@pytest.mark.parametrize("cell, names", [
    # a browser's narrow column: a new body's name over four lines and past a comma
    ("Министерство\nтруда, миграции\nи занятости\nнаселения,",
     ["Министерство труда, миграции и занятости населения"]),
])
def test_a_name_broken_over_many_lines_of_a_narrow_column_is_read_whole(gazetteer, cell, names):
    """Lines and commas cut a cell into pieces; a name that runs over more of them than four
    (a narrow column of a browser's print) is still one name, never its first words read as a
    known body's cut-off part and its rest as no body."""
    found = gazetteer.mentions(cell)
    assert all(m.method != "partial" for m in found), [(m.mention, m.method) for m in found]
    assert [m.mention for m in found] == names


def test_a_cut_asks_whether_a_piece_goes_on_only_while_the_boundaries_after_it_are_crossed(
        gazetteer, monkeypatch):
    """Counts work, not time: `_segment` asks whether a piece continues the name before it across
    a boundary only while every boundary after it was crossed; a cell of twelve bodies parted by
    semicolons (never crossed) asks once a boundary, where it asked for every join of eight."""
    names = ["Ministry of Health", "Ministry of Justice", "Ministry of State Revenues"] * 4
    cell = "; ".join(names) + ";"
    asked = []
    original = gazetteer._continues
    monkeypatch.setattr(gazetteer, "_continues",
                        lambda *args, **kwargs: asked.append(args) or original(*args, **kwargs))
    assert ids(gazetteer, cell) == ["ministry_health", "ministry_justice",
                                    "ministry_state_revenues"] * 4
    assert 0 < len(asked) <= len(names) - 1


def test_the_modifiers_pattern_tests_a_word_start_once_and_finds_what_each_one_finds(gazetteer):
    """`_any_of`: the word start every modifier opens with is tested once, before the
    alternatives (ten times faster than at each of them), and the pattern still finds a modifier
    where any one of them does, and only there."""
    from pipeline.normalize.agencies import WORD_START, _any_of

    patterns = [pattern for pattern, _ in gazetteer.modifiers]
    joined = _any_of(patterns)
    assert joined.pattern.count(WORD_START) == 1
    texts = ["Ministry of Labour, Migration and Employment of Population of the Republic of Tajikistan",
             "Agency on Statistics under the President", "Министерство юстиции РТ (по согласованию)",
             "Вазорати адлияи Ҷумҳурии Тоҷикистон", "Ministry of Finance", "PRT", "Government",
             "underthe Government", "Комитет при Правительстве Республики Таджикистан"]
    for text in texts:
        assert (joined.search(text) is not None) == any(p.search(text) for p in patterns), text
