import pytest

from pipeline.errors import DataFileError
from pipeline.normalize.agencies import Gazetteer, unique_agencies


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


@pytest.mark.parametrize("text", [
    "State Committee on the Protection of the TV and Radio Broadcasting Committee, e State Border",
    "Committee on the Protection of the TV and Radio Broadcasting Committee",
])
def test_garbles_resolve_to_the_agencies_they_hold(gazetteer, text):
    mentions = gazetteer.mentions(f"Ministry of Justice, \u00a0{text},\u00a0 Youth Committee")
    assert [m.agency_id for m in mentions] == ["ministry_justice", "state_border_committee",
                                               "tv_radio_committee", "youth_committee"]
    assert [m.method for m in mentions][1:3] == ["garble", "garble"]


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
