"""The label at a paragraph's start (`normalize.numbering`): compatibility forms of digits and
full stops are read as such in a label, and the text stays as the source has it."""

import pytest

from pipeline.normalize.numbering import broken_items, is_under, label_of, numbering_form


@pytest.mark.parametrize(
    "text, number",
    [
        ("1.1.2. Study", "1.1.2"),
        ("1\uff0e1\uff0e2\uff0e Study", "1.1.2"),  # fullwidth full stops
        ("\uff11\uff0e\uff11\uff0e\uff12\uff0e Study", "1.1.2"),  # fullwidth digits too
        ("1\ufe521\ufe522\ufe52 Study", "1.1.2"),  # small full stops
        ("1\u20241\u2024 Study", "1.1"),  # one-dot leaders
        ("\uff11\uff09 Study", "1"),  # a fullwidth bracket
    ],
)
def test_a_label_in_compatibility_forms_is_read_as_its_digits_and_stops(text, number):
    label = label_of(text)
    assert label is not None and label.number == number and label.text == "Study"


def test_only_the_label_is_read_so_and_the_rest_stays_verbatim():
    assert (
        numbering_form("\uff11\uff0e Plan for \uff12\uff10\uff10\uff16\uff0e")
        == "1. Plan for \uff12\uff10\uff10\uff16\uff0e"
    )
    assert (
        label_of("\uff11\uff0e Plan for \uff12\uff10\uff10\uff16\uff0e").text
        == "Plan for \uff12\uff10\uff10\uff16\uff0e"
    )


@pytest.mark.parametrize("text", ["\u2460 Study", "\u00b9 Study", "\u2474 Study"])
def test_circled_superscript_and_parenthesised_digits_are_no_numbering(text):
    assert label_of(text) is None or label_of(text).style not in ("dot", "bare", "paren")


@pytest.mark.parametrize("text, broken", [
    ("Осуществить следующее: а) через местные советы 6) в средствах", ["6)"]),
    ("а) среди мигрантов 6) через местные советы в) в школах", ["6)"]),  # в) follows what 6) stood for
    ("1) Print the materials 2) Submit it", []),
    ("a) x b) y c) z", []),
    ("1) a) x b) y 2) z", []),  # a list in a list
    ("в 2012 году (см. пункт 5) и далее", []),
])
def test_an_item_label_that_breaks_its_list_is_named(text, broken):
    assert broken_items(text) == broken


def test_the_keyword_pattern_is_compiled_for_a_text_that_opens_with_a_heading_word_only():
    """`_keyword` (a heading word and a number, in words too: 3 ms to compile) is compiled on the
    first text that opens with a heading word, not for a plan of numbered rows."""
    from pipeline.normalize import numbering

    numbering._keyword.cache_clear()
    label_of.cache_clear()
    assert label_of("1.1.2. Develop the register").number == "1.1.2"
    assert label_of("Objectives and measures") is None
    assert numbering._keyword.cache_info().misses == 0
    label = label_of("Chapter two. Health")
    assert (label.style, label.number, label.text) == ("keyword", "2", "Health")
    assert numbering._keyword.cache_info().misses == 1


@pytest.mark.parametrize("child, parent, under", [
    ("2.1", "2", True), ("2.1.3", "2", True), ("2.1.3", "2.1", True), ("2.1", "1", False),
    ("12.1", "1", False), ("2", "2", False), ("2.1", "2.1", False), ("II.1", "2", False),
    ("2.1", "", False), ("CAP1.02", "CAP1", False)])
def test_a_number_is_under_another_where_it_goes_on_from_all_its_parts(child, parent, under):
    assert is_under(child, parent) is under
