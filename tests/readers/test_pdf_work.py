"""How much work reading a PDF's characters takes, counted rather than timed: what is the same
for many characters is worked out once for all of them (`readers/pdf_layer.py`, `readers/pdf.py`).
"""
from pipeline.readers import pdf, pdf_layer
from tests.conftest import RAW


def _counting(module, name: str, monkeypatch) -> list[int]:
    """`module.name` wrapped so that its calls are counted (the count: the list's one item)."""
    calls, original = [0], getattr(module, name)

    def counted(*args):
        calls[0] += 1
        return original(*args)

    monkeypatch.setattr(module, name, counted)
    return calls


def test_a_glyphs_run_is_worked_out_once_per_style_of_text_not_per_character(monkeypatch):
    """The turn that makes a character run rightwards (`_turn_of`) follows from its font, size,
    matrix and code: the annex's seven pages of a few fonts and sizes ask it a few hundred times
    for their thousands of characters."""
    turns = _counting(pdf_layer, "_turn_of", monkeypatch)
    pages = list(pdf_layer.pages(RAW / "annex_en.pdf", "pdfium", lambda doc: None))
    chars = sum(len(page.chars) for page in pages)
    assert chars > 10_000
    assert 0 < turns[0] < chars / 10


def _letters(top: float, count: int) -> list[dict]:
    return [{"text": "a", "x0": 10.0 + 6 * i, "x1": 15.0 + 6 * i, "top": top, "bottom": top + 10,
             "size": 10.0} for i in range(count)]


def test_a_lines_characters_share_one_rounding_of_their_top(monkeypatch):
    """Characters are put in reading order by their tops to a tenth of a point: each distinct
    top is rounded once, not once per character."""
    calls = [0]

    def counted(value, *digits):
        calls[0] += 1
        return round(value, *digits)

    monkeypatch.setattr(pdf, "round", counted, raising=False)
    lines = pdf.chars_to_lines(_letters(100.04, 40) + _letters(120.0, 40), page=1)
    assert [line.text for line in lines] == ["a" * 40, "a" * 40]
    assert calls[0] == 2

