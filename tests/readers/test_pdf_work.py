"""How much work reading a PDF's characters takes, counted rather than timed: what is the same
for many characters is worked out once for all of them (`readers/pdf_layer.py`, `readers/pdf.py`).
"""
import re

import pytest

from pipeline.readers import pdf, pdf_layer
from tests.conftest import FIXTURES, RAW


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



def test_a_pages_character_codes_are_read_in_one_call_not_one_a_character(monkeypatch):
    """pdfium gives a page's text in one call; a character's own code is asked only where that
    text does not give it (a hyphen pdfium ends a line with: U+FFFE there)."""
    import pypdfium2.raw as raw

    asked = _counting(raw, "FPDFText_GetUnicode", monkeypatch)
    pages = list(pdf_layer.pages(RAW / "annex_en.pdf", "pdfium", lambda doc: None))
    chars = sum(len(page.chars) for page in pages)
    assert chars > 10_000
    assert asked[0] < chars / 100


def test_a_page_whose_text_comes_short_is_read_code_by_code(monkeypatch):
    """Where the page's text is not one code a character (here: none given at all), each
    character's code is asked on its own, and the page reads the same."""
    import pypdfium2.raw as raw

    path = RAW / "annex_en.pdf"
    expected = [page.chars for page in pdf_layer.pages(path, "pdfium", lambda doc: None)]
    monkeypatch.setattr(raw, "FPDFText_GetText", lambda *args: 0)
    asked = _counting(raw, "FPDFText_GetUnicode", monkeypatch)
    got = [page.chars for page in pdf_layer.pages(path, "pdfium", lambda doc: None)]
    assert got == expected
    assert asked[0] > sum(map(len, got))


def test_a_lines_baseline_is_put_on_the_grid_once_not_once_a_character(monkeypatch):
    """pdfium's characters are rounded to the thousandth as they are placed: a line's top, bottom
    and size once for its characters, each character's sides on their own (two a character)."""
    calls = [0]

    def counted(value, *digits):
        calls[0] += 1
        return round(value, *digits)

    monkeypatch.setattr(pdf_layer, "round", counted, raising=False)
    pages = list(pdf_layer.pages(RAW / "annex_en.pdf", "pdfium", lambda doc: None))
    chars = sum(len(page.chars) for page in pages)
    assert chars > 10_000
    assert calls[0] < 2.5 * chars


def test_a_character_in_the_cell_of_the_one_before_is_not_looked_up_in_the_grid(monkeypatch):
    """A line's characters go to the cell the first of them was found in: the grid's boundaries
    are searched for the first character only."""
    searches = _counting(pdf, "bisect_right", monkeypatch)
    grid = pdf.Grid(xs=[0.0, 100.0, 400.0], ys=[0.0, 50.0, 200.0])
    tables, outside = pdf.page_to_rows(1, _letters(20.0, 40)[:14] + _letters(100.0, 40), [grid])
    rows = tables[0][1]
    assert [line.text for line in rows[0][0]] == ["a" * 14]
    assert [line.text for line in rows[1][0]] == ["a" * 15]
    assert [line.text for line in rows[1][1]] == ["a" * 25]
    assert not outside
    assert searches[0] == 2 * 3  # the first character of each cell


class _CountingRe:
    """`re` that counts the characters of the strings it is asked to search."""

    def __init__(self):
        import re

        self.re, self.searched = re, 0

    def __getattr__(self, name: str):
        found = getattr(self.re, name)
        if name not in ("search", "findall", "fullmatch", "match"):
            return found

        def counted(pattern, string, *args):
            self.searched += len(string)
            return found(pattern, string, *args)

        return counted


def test_joining_a_line_looks_at_the_paragraphs_end_not_its_whole_text(monkeypatch):
    """A paragraph's text grows by a line at a time: joining the next line to it searches its
    last word and characters, not all of it again (which made a long paragraph quadratic)."""
    counting = _CountingRe()
    monkeypatch.setattr(pdf, "re", counting)
    paragraph = "the roads and bridges of every district " * 250 + "recon-"
    assert pdf.join_lines(paragraph, "struction", {"reconstruction"}) == \
        paragraph[:-1] + "struction"
    assert pdf.join_lines(paragraph + " print/", "website", set()).endswith("print/website")
    assert counting.searched < 100


def test_a_page_pdfminer_reads_is_not_read_by_pdfium_first(monkeypatch):
    """A page pdfium cannot place exactly (`_places_exactly`) is read by pdfminer: one whose
    fonts' widths have fractions (Chromium's) is not read by pdfium at all, one set in a scaled
    matrix (WeasyPrint's) no further than its first text object."""
    origins = _counting_origins(monkeypatch)
    objects = _counting(pdf_layer, "_text_object", monkeypatch)
    fractional = list(pdf_layer.pages(FIXTURES / "family" / "chromium-en-0.pdf", "pdfium",
                                      lambda doc: None))
    assert len(fractional) == 1 and len(fractional[0].chars) > 500
    assert origins[0] == objects[0] == 0
    scaled = list(pdf_layer.pages(FIXTURES / "family" / "weasyprint-en-0.pdf", "pdfium",
                                  lambda doc: None))
    assert len(scaled) == 1 and len(scaled[0].chars) > 500
    assert origins[0] == objects[0] == 1


def _counting_origins(monkeypatch) -> list[int]:
    """The calls asking pdfium for a character's origin (`_by_address`), counted."""
    origin, text_object = pdf_layer._by_address()
    calls = [0]

    def counted(*args):
        calls[0] += 1
        return origin(*args)

    monkeypatch.setattr(pdf_layer, "_by_address", lambda: (counted, text_object))
    return calls


def test_a_characters_origin_and_object_are_asked_by_address_as_pypdfium2_gives_them(
        monkeypatch):
    """The two calls asked of every character take and give addresses (`_by_address`), not
    pypdfium2's typed pointers (which ctypes checks and converts on every call), and answer
    what pypdfium2's calls answer."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    origin, text_object = pdf_layer._by_address()
    document = pdfium.PdfDocument(str(RAW / "annex_en.pdf"))
    page = document[0]
    text = raw.FPDFText_LoadPage(page.raw)
    try:
        x, y, x2, y2 = (ctypes.c_double() for _ in range(4))
        address = pdf_layer._address(text)
        count = raw.FPDFText_CountChars(text)
        assert count > 1000
        for i in range(count):
            raw.FPDFText_GetCharOrigin(text, i, x, y)
            origin(address, i, ctypes.addressof(x2), ctypes.addressof(y2))
            assert (x2.value, y2.value) == (x.value, y.value)
            typed = raw.FPDFText_GetTextObject(text, i)
            assert (text_object(address, i) or 0) == pdf_layer._address(typed)
    finally:
        raw.FPDFText_ClosePage(text)
        page.close()
        document.close()
    typed_origins = _counting(raw, "FPDFText_GetCharOrigin", monkeypatch)
    typed_objects = _counting(raw, "FPDFText_GetTextObject", monkeypatch)
    pages = list(pdf_layer.pages(RAW / "annex_en.pdf", "pdfium", lambda doc: None))
    chars = sum(len(page.chars) for page in pages)
    assert chars > 10_000
    assert typed_origins[0] == 0
    assert typed_objects[0] < chars / 10  # once a text object, for its font and matrix


def test_a_rows_characters_are_sorted_left_to_right_once_unless_the_row_spans_two_tenths(
        monkeypatch):
    """Reading order sorts each tenth of a point's characters left to right; a visual row made
    of one tenth's characters is in order already and is not sorted again; one whose characters
    stand on two tenths (a letter a hair lower) is."""
    keyed = [0]
    x0 = pdf._X0

    def counted(ch):
        keyed[0] += 1
        return x0(ch)

    monkeypatch.setattr(pdf, "_X0", counted)
    right_to_left = _letters(100.0, 30)[::-1] + _letters(140.0, 20)
    lines = pdf.chars_to_lines(right_to_left, page=1)
    assert [line.text for line in lines] == ["a" * 30, "a" * 20]
    assert keyed[0] == 50  # each character keyed once
    keyed[0] = 0
    low = {**_letters(100.3, 1)[0], "text": "b", "x0": 4.0, "x1": 9.0}
    lines = pdf.chars_to_lines(_letters(100.0, 3) + [low], page=1)
    assert [line.text for line in lines] == ["baaa"]
    assert keyed[0] == 4 + 4  # by tenth, then the row of two tenths


def test_a_pages_characters_are_read_into_columns_not_an_object_each():
    """pdfium's characters of a page are kept as lists of their texts, origins and runs
    (`Placed`): no container is built for each character, which the garbage collector would
    look at again and again as the page's characters pile up."""
    import gc

    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(RAW / "annex_en.pdf"))
    page = document[0]
    gc.collect()
    gc.disable()
    try:
        before = len(gc.get_objects())
        (placed, invisible), exact = pdf_layer._pdfium_chars(page.raw)
        made = len(gc.get_objects()) - before
    finally:
        gc.enable()
        page.close()
        document.close()
    count = len(invisible)  # one a character
    assert exact and count > 1000
    assert made < count / 5, (made, count)


def test_the_page_budget_inflates_no_content_stream_that_flate_cannot_take_past_it(monkeypatch):
    """The structure check (`pdf.check_structure`) inflates a page's content streams only where
    their bytes could inflate past the budget (`pdf.FLATE_MOST`): most of the annex's seven pages
    (under 4 KB each, which inflate to under 4 MB whatever they hold) are inflated once, by the
    engine that reads them; a page held to a budget its streams' bytes could pass is still
    inflated and measured."""
    from pipeline.errors import DocumentLoadError
    from pipeline.readers.options import MAX_PAGE_CONTENT

    inflated = _counting(pdf, "_inflated_size", monkeypatch)
    path = RAW / "annex_en.pdf"
    checked = [0]

    def check(doc, budget: int) -> None:
        checked[0] += 1
        pdf.check_structure(doc, path, budget)

    pdf_layer._check_with_pdfminer(path, lambda doc: check(doc, MAX_PAGE_CONTENT))
    assert checked[0] == 1 and inflated[0] < 7 / 2
    inflated[0] = 0
    try:
        pdf_layer._check_with_pdfminer(path, lambda doc: check(doc, 1000))
    except DocumentLoadError as exc:
        assert "over 0 MB" in str(exc)
    else:
        raise AssertionError("a page over a budget of 1,000 bytes was let through")
    assert inflated[0] > 0


class _Searched:
    """A pattern whose searches note the length of the text they search."""

    def __init__(self, pattern, lengths: list[int]):
        self.pattern, self.lengths = pattern, lengths

    def search(self, text: str):
        self.lengths.append(len(text))
        return self.pattern.search(text)


def test_a_line_ends_words_are_looked_for_near_it_not_in_the_whole_paragraph(monkeypatch):
    """Every line end of a paragraph asks which words meet there (`_said_together`): each asks
    the few characters around it (`pdf.NEAR`), so a long paragraph costs in proportion to its
    lines, not to their square."""
    lengths: list[int] = []
    monkeypatch.setattr(pdf, "LAST_WORD", _Searched(pdf.LAST_WORD, lengths))
    monkeypatch.setattr(pdf, "FIRST_WORD", _Searched(pdf.FIRST_WORD, lengths))
    text = " ".join(f"word{i} of the plan" for i in range(2000))
    breaks = [found.start() for found in re.finditer("word", text)]
    said = [pdf._said_together(text, o, {("plan", "word7")}) for o in breaks]
    assert said.count(True) == 1 and said[7]
    assert len(lengths) == 2 * len(breaks) and max(lengths) <= pdf.NEAR


@pytest.mark.parametrize("text", ["Agency of Health, Σ ΟΔΟΣ.ΚΑΙ", "İSTANBUL and ΣΟΦΙΑ's   x",
                                  "a" * 100 + " b", "— " * 60 + "end", "word\n", "ΟΔΟΣ' " * 30])
def test_a_line_ends_words_are_those_of_the_whole_text_lower_cased(text):
    """The words on either side of an offset, found near it, are those the whole text's
    lower case gives (a final sigma's case depends on the letters before it)."""
    for offset in range(len(text) + 1):
        before = re.findall(r"(\w+)\W*$", text[:offset].lower())
        after = re.findall(r"^\W*(\w+)", text[offset:].lower())
        assert pdf._word_before(text, offset) == (before[0] if before else None)
        assert pdf._word_after(text, offset) == (after[0] if after else None)
