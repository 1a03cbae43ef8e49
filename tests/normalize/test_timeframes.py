import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.normalize.timeframes import (
    find_period,
    looks_like_timeframe,
    parse_ocr_timeframe,
    parse_timeframe,
    plan_title_year,
)

PERIOD = (2006, 2010)


@pytest.mark.parametrize("text, start, end, recurrence", [
    ("Annually", "2006", "2010", "annual"),
    ("Permanently", "2006", "2010", "ongoing"),
    ("2006 \u2013 2007", "2006", "2007", "once"),
    ("2006- 2007", "2006", "2007", "once"),
    ("2007-2010", "2007", "2010", "once"),
    ("2006", "2006", "2006", "once"),
    ("October, 2007", "2007-10", "2007-10", "once"),
    ("June \u2013 December 2006", "2006-06", "2006-12", "once"),
    ("April \u2013 June, 2006", "2006-04", "2006-06", "once"),
    ("May \u2013 December, 2006 / Permanently", "2006-05", "2010", "ongoing"),
    ("February 2007 / Each February", "2007-02", "2010-02", "annual"),
    ("\u00a0Permanently\u00a0", "2006", "2010", "ongoing"),
    ("from 2007 to 2009", "2007", "2009", "once"),
    ("March 2007 \u2013 May 2008", "2007-03", "2008-05", "once"),
])
def test_every_form_of_the_annex(text, start, end, recurrence):
    tf = parse_timeframe(text, PERIOD)
    assert tf.ok and (tf.start, tf.end, tf.recurrence) == (start, end, recurrence)


@pytest.mark.parametrize("text", ["Jobs created", "Ministry of Health", "", "2008 \u2013 2006",
                                  "June \u2013 December", "2006 \u2013 2007 \u2013 2008", "Q5 2007",
                                  "5th half of 2007", "by", "from 2007 to", "every Ministry",
                                  "by 2007 \u2013 2008", "Quarterly, annually",
                                  "from 2012", "13.2007"])
def test_unparseable_text_is_not_guessed(text):
    tf = parse_timeframe(text, PERIOD)
    assert not tf.ok and (tf.start, tf.end, tf.recurrence) == ("", "", "") and tf.note


@pytest.mark.parametrize("text", ["Permanently", "Quarterly", "Annually, by 1 December", "from 2007"])
def test_recurring_without_a_programme_period_is_flagged_not_guessed(text):
    tf = parse_timeframe(text, None)
    assert not tf.ok and "period" in tf.note and tf.start == tf.end == ""


OTHER = (2011, 2013)


@pytest.mark.parametrize("text, start, end, recurrence", [
    # quarters and halves
    ("I quarter 2012", "2012-01", "2012-03", "once"),
    ("1st quarter of 2012", "2012-01", "2012-03", "once"),
    ("Q1 2012", "2012-01", "2012-03", "once"),
    ("first quarter 2012", "2012-01", "2012-03", "once"),
    ("IV quarter 2012", "2012-10", "2012-12", "once"),
    ("I \u043a\u0432\u0430\u0440\u0442\u0430\u043b 2012 \u0433\u043e\u0434\u0430", "2012-01", "2012-03", "once"),
    ("1-\u0439 \u043a\u0432\u0430\u0440\u0442\u0430\u043b 2012 \u0433.", "2012-01", "2012-03", "once"),
    ("I-II quarter 2012", "2012-01", "2012-06", "once"),
    ("Q3 2012 \u2013 Q1 2013", "2012-07", "2013-03", "once"),
    ("2nd half of 2011", "2011-07", "2011-12", "once"),
    ("second half of 2011", "2011-07", "2011-12", "once"),
    ("H1 2012", "2012-01", "2012-06", "once"),
    ("II \u043f\u043e\u043b\u0443\u0433\u043e\u0434\u0438\u0435 2011 \u0433\u043e\u0434\u0430", "2011-07", "2011-12", "once"),
    # a year in words
    ("During 2012", "2012", "2012", "once"),
    ("In the course of 2012", "2012", "2012", "once"),
    ("\u0412 \u0442\u0435\u0447\u0435\u043d\u0438\u0435 2012 \u0433\u043e\u0434\u0430", "2012", "2012", "once"),
    ("2011-13", "2011", "2013", "once"),
    ("2011\u20132013 \u0433\u0433.", "2011", "2013", "once"),
    ("01.12.2012", "2012-12", "2012-12", "once"),
    # deadlines: no start is stated, none is invented
    ("By 1 December 2012", "", "2012-12", "once"),
    ("by December 2012", "", "2012-12", "once"),
    ("By the end of 2012", "", "2012", "once"),
    ("not later than 31.12.2012", "", "2012-12", "once"),
    ("\u0434\u043e 1 \u0434\u0435\u043a\u0430\u0431\u0440\u044f 2012 \u0433\u043e\u0434\u0430", "", "2012-12", "once"),
    ("\u0434\u043e \u043a\u043e\u043d\u0446\u0430 2012 \u0433\u043e\u0434\u0430", "", "2012", "once"),
    # an open start runs to the end of the programme
    ("from 2012", "2012", "2013", "ongoing"),
    ("\u0441 2012 \u0433\u043e\u0434\u0430", "2012", "2013", "ongoing"),
    ("\u0441 \u043c\u0430\u044f \u043f\u043e \u0434\u0435\u043a\u0430\u0431\u0440\u044c 2012", "2012-05", "2012-12", "once"),
    # recurring: the programme period, the dates given, or a month of every year
    ("Quarterly", "2011", "2013", "quarterly"),
    ("Monthly", "2011", "2013", "monthly"),
    ("Semi-annually", "2011", "2013", "semiannual"),
    ("Twice a year", "2011", "2013", "semiannual"),
    ("Every quarter", "2011", "2013", "quarterly"),
    ("Annually, by 1 December", "2011-12", "2013-12", "annual"),
    ("quarterly during 2012", "2012", "2012", "quarterly"),
    ("2012-2013, annually", "2012", "2013", "annual"),
    ("\u0415\u0436\u0435\u043a\u0432\u0430\u0440\u0442\u0430\u043b\u044c\u043d\u043e", "2011", "2013", "quarterly"),
    ("\u0415\u0436\u0435\u0433\u043e\u0434\u043d\u043e, \u0434\u043e 1 \u0434\u0435\u043a\u0430\u0431\u0440\u044f", "2011-12", "2013-12", "annual"),
    # as needed: no dates at all
    ("Upon necessity", "", "", "as_needed"),
    ("As needed", "", "", "as_needed"),
    ("If necessary", "", "", "as_needed"),
    ("\u041f\u043e \u043c\u0435\u0440\u0435 \u043d\u0435\u043e\u0431\u0445\u043e\u0434\u0438\u043c\u043e\u0441\u0442\u0438", "", "", "as_needed"),
])
def test_forms_of_other_action_plans(text, start, end, recurrence):
    tf = parse_timeframe(text, OTHER)
    assert tf.ok, tf.note
    assert (tf.start, tf.end, tf.recurrence) == (start, end, recurrence)


@pytest.mark.parametrize("title", ["Programme for 2011-2013", "Action plan 2011\u20132013 years",
                                   "\u041f\u043b\u0430\u043d \u043d\u0430 2011-2013 \u0433\u043e\u0434\u044b",
                                   "Plan from 2011 to 2013", "for the period 2011 \u2014 2013"])
def test_period_in_its_other_forms(title):
    assert find_period([title]) == (2011, 2013)


def test_period_is_read_from_the_title():
    assert find_period(["Annex", "Integrated Program ... in 2006-2010 approved"]) == (2006, 2010)
    assert find_period(["Programme for 2011 \u2013 2015"]) == (2011, 2015)
    assert find_period(["dated 2006 No. 5"]) is None


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


@settings(max_examples=200, deadline=None, derandomize=True)
@given(y1=st.integers(2000, 2030), dy=st.integers(0, 5), m1=st.integers(1, 12), m2=st.integers(1, 12),
       dash=st.sampled_from(["-", "\u2013", " \u2013 ", "- ", " to "]), comma=st.booleans())
def test_month_ranges_round_trip(y1, dy, m1, m2, dash, comma):
    y2 = y1 + dy
    if (y1, m1) > (y2, m2):
        m1, m2 = m2, m1
    text = f"{MONTHS[m1 - 1]} {y1}{dash}{MONTHS[m2 - 1]}{',' if comma else ''} {y2}"
    tf = parse_timeframe(text, PERIOD)
    assert (tf.start, tf.end, tf.recurrence) == (f"{y1}-{m1:02d}", f"{y2}-{m2:02d}", "once")


@pytest.mark.parametrize("text, start, end, misread", [
    ("Ql 2017", "2017-01", "2017-03", [("Ql", "Q1")]),
    ("Il quarter 2018", "2018-04", "2018-06", [("Il", "II")]),
    ("ist half of 2007", "2007-01", "2007-06", [("ist", "1st")]),
    ("семоҳаи ІІІ соли 2008", "2008-07", "2008-09", [("ІІІ", "III")]),
    ("семоҳаи ІУ соли 2007", "2007-10", "2007-12", [("ІУ", "IV")]),
    ("1\\ квартал 2008 года", "2008-10", "2008-12", [("1\\", "IV")]),
    ("Decernber 2O07", "2007-12", "2007-12", [("Decernber", "December"), ("2O07", "2007")]),
    ("I quarter 2007", "2007-01", "2007-03", []),
    ("нимсолаи И соли 2007", "2007-07", "2007-12", [("И", "II")]),  # a word of the lexicon (`и`)
])
def test_a_timeframe_word_ocr_misread_is_read_as_the_word_it_becomes(text, start, end, misread):
    """OCR's letter and digit confusions (`data/ocr_confusions.csv`): the one reading that makes
    the cell a timeframe is taken, and the words so read are named for a flag; the text is
    given as so read."""
    tf, said = parse_ocr_timeframe(text, PERIOD)
    assert tf.ok and (tf.start, tf.end) == (start, end) and said == misread
    meant = dict(misread)
    assert tf.read_as == (" ".join(meant.get(w, w) for w in text.split()) if misread else "")


@pytest.mark.parametrize("text", ["Jobs created", "2007 | 2008", "Ministry of Health"])
def test_ocr_text_no_confusion_makes_a_timeframe_stays_unparsed(text):
    tf, said = parse_ocr_timeframe(text, PERIOD)
    assert not tf.ok and tf.note and said == []


@pytest.mark.parametrize("title, year", [
    ("2021 Action Plan", 2021), ("# 2021 Action Plan", 2021), ("**Action plan for 2021**", 2021),
    ("\u041f\u043b\u0430\u043d \u043c\u0435\u0440\u043e\u043f\u0440\u0438\u044f\u0442\u0438\u0439 "
     "\u043d\u0430 2021 \u0433\u043e\u0434", 2021),
    ("The 2021 Action Plan builds on the 2020 Action Plan", None),  # prose, not a title
    ("title: 2020 Action Plan, Agency Actions", None),  # a title with other words
    ("Decree of 12 May 2021", None),
    # the plan's name, whose plan it is, then the year
    ("  План работы комиссии по противодействию коррупции УП «МИНГАЗ» на 2023 год", 2023),
    ("Нақшаи чорабиниҳои Вазорати энергетика барои соли 2023", 2023),
    ("Action plan of the Department of Health for 2021", 2021),
    ("План мероприятий по реализации Указа № 5 на 2021 год", None),  # another number inside
    ("План мероприятий на 2021 год и последующие годы", None),  # words after the year
    ("Планирование на 2021 год", None),  # no plan's name
])
def test_a_one_year_plan_is_named_by_its_title_alone(title, year):
    assert plan_title_year(title) == year


def test_period_of_a_one_year_plan_from_its_title():
    assert find_period(["title: Action Plan", "2021 Action Plan", "The 2021 plan follows 2020"]) \
        == (2021, 2021)
    # the title comes before a range the lines above name for another plan
    assert find_period(["2020 Action Plan", "Download the Draft 2019-2020 Action Plan"]) \
        == (2020, 2020)
    # two titles naming two years: which is the plan's is not said
    assert find_period(["2020 Action Plan", "2021 Action Plan"]) is None
    # a title broken over two lines
    assert find_period(["План мероприятий по противодействию коррупции",
                        "ГКП «Elorda Eco System» на 2023 год"]) == (2023, 2023)
    assert find_period(["2020 Action Plan", "2021 Action Plan", "Plan for 2011-2013"]) \
        == (2011, 2013)


@pytest.mark.parametrize("text, recurrence", [
    ("Measure Annually", "annual"), ("Measured Annually", "annual"),
    ("Annually in accordance with OMB Guidance", "annual"),
    ("1 activity per quarter, any order encouraged of all agencies", "quarterly"),
    ("Minimally every 3 months, as often as possible", "quarterly"),
    ("After the guidance is issued; Annually on the agency's plan schedule", "annual"),
    ("Ongoing every 24 months", "ongoing"),
])
def test_a_recurrence_said_among_other_words_in_a_timeframe_cell(text, recurrence):
    tf = parse_timeframe(text, (2021, 2021), other_words=True)
    assert (tf.ok, tf.start, tf.end, tf.recurrence) == (True, "2021", "2021", recurrence)
    # telling whether a text is a timeframe at all: other words still say it is not one
    assert not parse_timeframe(text, (2021, 2021)).ok and not looks_like_timeframe(text)


@pytest.mark.parametrize("text", [
    "As required by the FY2023 budget timeline",  # a deadline the lexicon cannot read
    "Annually, after 1 December 2021 reports",  # a date among the other words
    "Reference the inventory guidance",  # no recurrence
    "From the launch, quarterly",  # a start the lexicon cannot read
])
def test_other_words_beside_a_date_a_deadline_or_no_recurrence_stay_unparsed(text):
    assert not parse_timeframe(text, (2021, 2021), other_words=True).ok


@pytest.mark.parametrize("text, start, end, recurrence", [
    # how often, counted (`не реже` is `at least`)
    ("не реже 1 раза в год", "2022", "2024", "annual"),
    ("Не реже 1 раза в квартал", "2022", "2024", "quarterly"),
    ("один раз в год (до 1 июля)", "2022-07", "2024-07", "annual"),
    # two deadlines a cycle name no one month: the period's years
    ("один раз в полугодие (до 1 июля и до 1 января)", "2022", "2024", "semiannual"),
    ("до 1 февраля 2022 г. / один раз в полугодие (до 10 июля и до 10 января)", "", "2024",
     "semiannual"),
    ("По мере поступления", "", "", "as_needed"),
    # as needed beside a cycle: the cycle
    ("ежеквартально (и по мере необходимости)", "2022", "2024", "quarterly"),
    # Kazakh: a half by its ordinal, recurrences, a deadline's word after its date
    ("2022 жылдың бірінші жартыжылдығы", "2022-01", "2022-06", "once"),
    ("Тұрақты түрде", "2022", "2024", "ongoing"),
    ("Тоқсанына 1 рет", "2022", "2024", "quarterly"),
    ("1 жылда бір рет және ағымдағы жылдың 4 тоқсанынан кешіктірмей", "2022-12", "2024-12",
     "annual"),
])
def test_counted_recurrences_and_deadlines_a_cycle(text, start, end, recurrence):
    tf = parse_timeframe(text, (2022, 2024))
    assert (tf.ok, tf.start, tf.end, tf.recurrence) == (True, start, end, recurrence)


def test_a_remark_in_parentheses_after_a_recurrence_in_a_timeframe_cell():
    text = "по мере выявления нарушений (по итогам каждого полугодия)"
    tf = parse_timeframe(text, (2022, 2024), other_words=True)
    assert (tf.ok, tf.start, tf.end, tf.recurrence) == (True, "", "", "as_needed")
    # without a recurrence outside, parentheses are no remark: the words stay unread
    text = "3 дня после их выявления (получения информации об их выявлении)"
    assert not parse_timeframe(text, (2022, 2024), other_words=True).ok


def test_the_year_is_a_one_year_plans_year_only():
    tf = parse_timeframe("в течение года", (2022, 2022))
    assert (tf.ok, tf.start, tf.end, tf.recurrence) == (True, "2022", "2022", "once")
    # in a plan of several years, which year is not said
    assert not parse_timeframe("в течение года", (2022, 2024)).ok
