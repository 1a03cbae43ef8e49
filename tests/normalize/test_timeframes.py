import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.normalize.timeframes import find_period, parse_timeframe

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
                                  "June \u2013 December", "2006 \u2013 2007 \u2013 2008", "Q3 2007"])
def test_unparseable_text_is_not_guessed(text):
    tf = parse_timeframe(text, PERIOD)
    assert not tf.ok and (tf.start, tf.end, tf.recurrence) == ("", "", "") and tf.note


def test_recurring_without_a_programme_period_is_flagged_not_guessed():
    tf = parse_timeframe("Permanently", None)
    assert not tf.ok and "period" in tf.note


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
