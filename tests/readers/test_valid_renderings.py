"""Valid renderings of the raw files, as browsers, editors and phones write them (issue 42, the HTML
and text rows of its table; issue 43, encodings as pages declare them): each transformation,
applied in memory, must give the rows of its untransformed source."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest

from pipeline.extract import extract
from pipeline.normalize.agencies import Gazetteer
from tests.conftest import RAW
from tests.transforms import TEXT_CHANGES, middle

FIELDS = (
    "objective_id",
    "objective",
    "problem_id",
    "problem",
    "measure_id",
    "measure",
    "timeframe",
    "agencies",
    "agency_ids",
    "indicator",
    "extra",
)


def rows_of(path: Path) -> list[tuple]:
    return [tuple(str(getattr(r, f)) for f in FIELDS) for r in extract(path, _gazetteer()).records]


@lru_cache(maxsize=1)
def _gazetteer() -> Gazetteer:
    return Gazetteer.load()


@lru_cache(maxsize=None)
def source_rows(name: str) -> list[tuple]:
    return rows_of(RAW / name)


@lru_cache(maxsize=None)
def rows_of_bytes(data: bytes, suffix: str) -> list[tuple]:
    """The rows of a source made in memory (read once for all the tests that compare with it)."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"plain{suffix}"
        path.write_bytes(data)
        return rows_of(path)


TEXTS = ("annex_en.txt", "annex_ru.txt", "annex_tg.txt")
ASCII_ONLY = {"decomposed (NFD)"}  # changes nothing in English


@pytest.mark.slow
@pytest.mark.parametrize(
    "name, change",
    [
        pytest.param(n, c, id=f"{c.replace(' ', '-')}-{n}")
        for c in TEXT_CHANGES
        for n in TEXTS
        if not (c in ASCII_ONLY and n == "annex_en.txt")
    ],
)
def test_a_text_as_editors_write_it_gives_its_sources_rows(tmp_path, name, change):
    path = tmp_path / name
    path.write_text(
        TEXT_CHANGES[change]((RAW / name).read_text(encoding="utf-8")), encoding="utf-8"
    )
    assert rows_of(path) == source_rows(name)


@pytest.mark.parametrize(
    "change",
    [
        "soft hyphens",
        "fullwidth full stops in numbers",
        "bidi marks at line starts",
        "a form feed inside a line",
    ],
    ids=lambda c: c.replace(" ", "-"),
)
def test_the_tajik_text_as_editors_write_it_gives_its_rows(tmp_path, change):
    """The fast tier's share of the table above: the shortest raw text."""
    path = tmp_path / "annex_tg.txt"
    path.write_text(
        TEXT_CHANGES[change]((RAW / "annex_tg.txt").read_text(encoding="utf-8")), encoding="utf-8"
    )
    assert rows_of(path) == source_rows("annex_tg.txt")


def _koi8_safe(text: str) -> str:
    """The text in the letters KOI8-R has (its quotes, dash and numero sign written in ASCII)."""
    return text.translate(str.maketrans({"«": '"', "»": '"', "–": "-", "№": "N"}))


@pytest.mark.slow
@pytest.mark.parametrize("code_page", ["cp1251", "koi8-r"])
def test_a_russian_text_in_a_legacy_code_page_is_told_from_its_bytes(tmp_path, code_page):
    text = _koi8_safe((RAW / "annex_ru.txt").read_text(encoding="utf-8"))
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(text.encode(code_page))
    ex = extract(legacy, _gazetteer())
    assert len(ex.records) == 22
    assert [tuple(str(getattr(r, f)) for f in FIELDS) for r in ex.records] == rows_of_bytes(
        text.encode("utf-8"), ".txt"
    )
    assert any("told from its letters" in w.message for w in ex.warnings)


# -- pages ---------------------------------------------------------------------------------------


def _page() -> str:
    return (RAW / "annex_en.html").read_text(encoding="utf-8")


def _russian_page(text: str) -> str:
    """The Russian annex as a page of paragraphs (what `annex_ru.txt` flattens)."""
    body = "".join(f"<p>{line}</p>\n" for line in text.split("\n") if line.strip())
    # the title first, as a legislation database's page has it
    head = "<title>Приложение</title>{meta}"
    return f"<!DOCTYPE html>\n<html><head>{head}</head><body>\n{body}</body></html>\n"


PAGE_CHANGES = {  # issue 42's rows for HTML, and issue 43's declarations; bytes of the English page
    "meta charset utf-16 on a UTF-8 page": lambda p: p.replace(
        '<meta charset="utf-8">', '<meta charset="utf-16">'
    ).encode("utf-8"),
    "meta charset after a Cyrillic title": lambda p: p.replace(
        '<meta charset="utf-8"><title>Annex</title>',
        '<title>Приложение</title><meta charset="utf-8" />',
    ).encode("utf-8"),
    "http-equiv declaring Latin-1 on a UTF-8 page": lambda p: p.replace(
        '<meta charset="utf-8">',
        '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">',
    ).encode("utf-8"),
    "dir rtl with embedding marks": lambda p: (
        re.sub(r"<p>(.*?)</p>", "<p>\u202b\\1\u202c</p>", p)
        .replace("<table ", '<table dir="rtl" ')
        .replace("<td ", '<td dir="rtl" ')
        .encode("utf-8")
    ),
    "right-to-left marks at paragraph starts": lambda p: p.replace("<p>", "<p>\u200f").encode(
        "utf-8"
    ),
}


@pytest.mark.parametrize("change", PAGE_CHANGES, ids=lambda c: c.replace(" ", "-"))
def test_a_page_as_browsers_decode_it_gives_its_sources_rows(tmp_path, change):
    path = tmp_path / "annex_en.html"
    path.write_bytes(PAGE_CHANGES[change](_page()))
    assert rows_of(path) == source_rows("annex_en.html")


def test_a_utf16_page_saved_as_doc_is_read_as_the_page_it_is(tmp_path):
    path = tmp_path / "annex_en.doc"
    path.write_bytes(_page().encode("utf-16"))
    assert rows_of(path) == source_rows("annex_en.html")


@pytest.mark.parametrize(
    "code_page, meta",
    [
        ("cp1251", '<meta charset="windows-1251">'),
        ("cp1251", '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'),
        ("koi8-r", '<meta charset="koi8-r">'),
        ("cp1251", ""),  # no declaration: told from the bytes
        (
            "koi8-r",
            '<meta charset="windows-1251">',
        ),  # a wrong declaration: overruled, with a warning
        ("cp1251", '<meta charset="utf-8">'),  # bytes that are not what the page declares
    ],
)
def test_a_russian_page_in_a_legacy_code_page_gives_the_rows_of_its_utf8_form(
    tmp_path, code_page, meta
):
    page = _russian_page((RAW / "annex_ru.txt").read_text(encoding="utf-8"))
    plain = rows_of_bytes(page.replace("{meta}", '<meta charset="utf-8">').encode("utf-8"), ".html")
    legacy = tmp_path / "legacy.html"
    legacy.write_bytes(page.replace("{meta}", meta).encode(code_page, "xmlcharrefreplace"))
    assert len(plain) == 22
    assert rows_of(legacy) == plain


def _word_with(source: Path, target: Path, change) -> None:
    """A copy of a Word file whose runs' texts are changed by `change`."""
    import zipfile

    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            body = zin.read(item.filename)
            if item.filename == "word/document.xml":
                body = re.sub(
                    r"(<w:t(?: [^>]*)?>)([^<]+)(</w:t>)",
                    lambda m: m[1] + change(m[2]) + m[3],
                    body.decode("utf-8"),
                ).encode("utf-8")
            zout.writestr(item, body)


@pytest.mark.parametrize(
    "mark", ["\u00ad", "\u200b", "\u200f"], ids=["soft-hyphens", "zero-width-spaces", "rtl-marks"]
)
def test_a_word_file_with_invisible_marks_in_its_runs_gives_its_rows(tmp_path, mark):
    """The normal form is every reader's: Word's runs carry the same marks."""
    path = tmp_path / "annex_tg.docx"
    _word_with(
        RAW / "annex_tg.docx", path, lambda text: middle(text, mark) if len(text) > 3 else text
    )
    assert rows_of(path) == source_rows("annex_tg.docx")
