import pytest

from pipeline.normalize.text import clean, fold, split_numbering


@pytest.mark.parametrize("text, number, level, rest, dot", [
    ("1. Monitoring problems", "1", 1, "Monitoring problems", True),
    ("1.1. Lack of awareness", "1.1", 2, "Lack of awareness", True),
    ("3.1.1 Creation of jobs", "3.1.1", 3, "Creation of jobs", False),
    ("5.1.4.\u00a0Creation of a system", "5.1.4", 3, "Creation of a system", True),
    ("3.1.10. Support centers", "3.1.10", 3, "Support centers", True),
    ("1) Prevention", "1", 1, "Prevention", True),
    ("2.1) Victims are not identified", "2.1", 2, "Victims are not identified", True),
    ("2.1.3) Train border guards", "2.1.3", 3, "Train border guards", True),
    ("II. Protection of victims", "2", 1, "Protection of victims", True),
    ("XIV) Other", "14", 1, "Other", True),
    ("4.1.1, Elaborate programs", "4.1.1", 3, "Elaborate programs", False),  # OCR read the dot as a comma
])
def test_numbering_is_split_off(text, number, level, rest, dot):
    num = split_numbering(text)
    assert (num.number, num.level, num.text, num.has_trailing_dot) == (number, level, rest, dot)


@pytest.mark.parametrize("text", ["2006 – 2007", "2006", "2007-2010", "Annually", "Ministry of Health",
                                  "1.5 million people reached", "I quarter 2012",
                                  "IIII. Not a number", "VX. Not a number", "I think so", "2006)",
                                  "2.1.3, 2.1.4 and 2.1.5 were merged", "1, Safer roads"])
def test_unnumbered_texts_stay_unnumbered(text):
    assert split_numbering(text) is None


def test_clean_collapses_no_break_spaces():
    assert clean("  Creation of special\u00a0 TV\u00a0\u00a0programs ") == "Creation of special TV programs"


def test_fold_keeps_offsets():
    text = "Women\u2019s \u201chot lines\u201d 2006 \u2013 2007\u00a0x"
    assert len(fold(text)) == len(text)
    assert fold(text) == "Women's \"hot lines\" 2006 - 2007 x"
