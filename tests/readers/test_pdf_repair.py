"""A PDF whose cross-reference table is lost or loops, or whose ToUnicode map sends codes to
U+0000 (issue 42, part 3), is read as viewers read it, in both engines: the table rebuilt from
the objects (those packed in object streams too), the map filled from the glyph names where the
font has them, else the holes counted in a warning, shown as U+FFFD and flagged in the rows
(`letters_lost`); a sound file is read as it is."""
from pathlib import Path

import pytest

from pipeline.errors import DocumentLoadError
from pipeline.extract import extract
from pipeline.readers import read
from pipeline.readers.options import ReadOptions
from pipeline.readers.pdf_repair import damage, rebuilt
from pipeline.readers.pdf_unicode import filled
from pipeline.writers import records_csv
from tests import transforms
from tests.conftest import RAW
from tests.transforms import PDF_CHANGES, in_object_streams, tounicode_holes_no_name_fills

FIXTURES = Path(__file__).parent.parent / "fixtures"


def _rows(path: Path, gazetteer, engine: str) -> list[tuple]:
    ex = extract(path, gazetteer, options=ReadOptions(pdf_engine=engine))
    return [(r.measure_id, r.measure, r.timeframe, r.agencies, r.indicator) for r in ex.records]


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
@pytest.mark.parametrize("change", sorted(set(PDF_CHANGES) - {"ToUnicode holes no name fills"}))
def test_a_damaged_table_gives_the_rows_of_its_source(change, engine, tmp_path, gazetteer):
    source = RAW / "annex_en.pdf"
    damaged = tmp_path / "annex_en.pdf"
    damaged.write_bytes(PDF_CHANGES[change](source.read_bytes()))
    assert _rows(damaged, gazetteer, engine) == _rows(source, gazetteer, engine)
    said = [w.message for w in read(damaged).warnings]
    repaired = any("rebuilt" in w or "glyph names" in w for w in said)
    assert repaired == (change != "object streams (sound)")


def test_sound_files_are_read_as_they_are():
    for path in [*RAW.glob("*.pdf"), *FIXTURES.glob("*.pdf")]:
        assert damage(path.read_bytes()) is None, path


def test_the_rebuilt_table_lists_the_last_copy_of_each_object_and_finds_the_catalog():
    body = (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
            b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
            b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 /Later true >>\nendobj\n")
    fixed = rebuilt(body)
    assert fixed is not None and damage(fixed) is None
    assert b"/Root 1 0 R" in fixed
    assert b"%010d 00000 n" % body.rindex(b"2 0 obj") in fixed


# a real producer's PDF 1.5 file: `qpdf --object-streams=generate raw/annex_tg.pdf` (qpdf 11.3)
QPDF = FIXTURES / "objstm-qpdf-annex_tg.pdf"
# a cross-reference table (or stream) lost, its /Prev pointing to itself, startxref astray
DAMAGES = [transforms.lose_xref, transforms.prev_to_itself, transforms.startxref_astray]


def _pages(data: bytes) -> list[str]:
    """Each page's text as pdfminer reads it (it follows the table it is given, no repair)."""
    import io

    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(data)).split("\f")


@pytest.mark.parametrize("change", DAMAGES)
def test_objects_inside_object_streams_are_found_when_their_table_is_lost(change):
    source = in_object_streams((RAW / "annex_ru.pdf").read_bytes())
    damaged = change(source)
    assert damage(damaged) is not None
    fixed = rebuilt(damaged)
    assert fixed is not None and damage(fixed) is None
    assert fixed.startswith(damaged)  # nothing of the file changed: objects and table appended
    assert _pages(fixed) == _pages(source)


def test_a_plain_object_after_an_object_stream_replaces_its_copy_and_one_before_does_not():
    import zlib

    def objstm(number: int, objects: list[tuple[int, bytes]]) -> bytes:
        header = b"".join(b"%d %d " % (n, k * 64) for k, (n, _) in enumerate(objects))
        content = zlib.compress(header + b"".join(text.ljust(64) for _, text in objects))
        head = b"<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>" % (
            len(objects), len(header), len(content))
        return b"%d 0 obj\n%s\nstream\n%s\nendstream\nendobj\n" % (number, head, content)

    body = (b"%PDF-1.5\n3 0 obj\n<< /Before true >>\nendobj\n"
            + objstm(9, [(1, b"<< /Type /Catalog /Pages 2 0 R >>"), (2, b"<< /Packed true >>"),
                         (3, b"<< /Packed true >>")])
            + b"2 0 obj\n<< /After true >>\nendobj\n")
    fixed = rebuilt(body)
    assert fixed is not None and damage(fixed) is None and b"/Root 1 0 R" in fixed
    table = fixed[fixed.rindex(b"\nxref") + 1:].split(b"\n")
    assert table[3] == b"1 3"  # objects 1 to 3, after the free head of the list
    entry = {n: int(table[3 + n][:10]) for n in (1, 2, 3)}
    assert fixed[entry[2]:].startswith(b"2 0 obj\n<< /After true >>")  # plain, after the stream
    assert fixed[entry[3]:].startswith(b"3 0 obj\n<< /Packed true >>")  # packed, after the plain
    assert fixed[entry[1]:].startswith(b"1 0 obj\n<< /Type /Catalog")


def test_a_stray_large_object_number_costs_one_line_of_the_rebuilt_table():
    body = (b"%PDF-1.5\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
            b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
            b"2000000 0 obj\n<< >>\nendobj\n")
    fixed = rebuilt(body)
    assert fixed is not None and damage(fixed) is None and len(fixed) < len(body) + 300


def test_object_streams_are_inflated_within_one_budget_a_bomb_spends(monkeypatch):
    import zlib

    from pipeline.readers import pdf_repair

    def objstm(number: int, content: bytes, first: int) -> bytes:
        packed = zlib.compress(content)
        return (b"%d 0 obj\n<< /Type /ObjStm /N 1 /First %d /Filter /FlateDecode /Length %d >>\n"
                b"stream\n%s\nendstream\nendobj\n" % (number, first, len(packed), packed))

    good = objstm(8, b"1 0 << /Type /Catalog /Pages 2 0 R >>", 4)
    body = b"%PDF-1.5\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n" + good
    assert rebuilt(body) is not None  # the catalog found in its object stream
    monkeypatch.setattr(pdf_repair, "MAX_PACKED", 10_000)
    bombs = b"".join(objstm(10 + k, b"1 0 " + b" " * 10 ** 6, 4) for k in range(3))
    assert rebuilt(body.replace(good, bombs + good)) is None  # the budget spent before the catalog


def test_a_producers_file_with_object_streams_is_sound():
    assert damage(QPDF.read_bytes()) is None


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
@pytest.mark.parametrize("change", DAMAGES)
def test_a_producers_file_with_object_streams_and_its_table_damaged_gives_its_rows(
        change, engine, tmp_path, gazetteer):
    damaged = tmp_path / QPDF.name
    damaged.write_bytes(change(QPDF.read_bytes()))
    rows = _rows(damaged, gazetteer, engine)
    assert rows == _rows(QPDF, gazetteer, engine) == _rows(RAW / "annex_tg.pdf", gazetteer, engine)
    assert any("rebuilt" in w.message for w in read(damaged).warnings)


def test_a_file_with_no_objects_is_one_line(tmp_path):
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"%PDF-1.4\n%%EOF\n")
    with pytest.raises(DocumentLoadError, match="truncated or corrupt .*no objects and catalog to rebuild"):
        read(path)


def test_holes_no_glyph_name_fills_are_counted_not_guessed(tmp_path):
    path = tmp_path / "holes.pdf"
    path.write_bytes(tounicode_holes_no_name_fills((RAW / "annex_en.pdf").read_bytes(), every=4))
    assert filled(path.read_bytes()) is None  # nothing to fill them from
    doc = read(path)
    warnings = [w.message for w in doc.warnings]
    assert any("without Unicode" in w for w in warnings), warnings
    texts = [p.text for t in doc.tables for r in t.rows for c in r.cells for p in c.paragraphs]
    assert not any("\x00" in t for t in texts)  # no NUL reaches an output
    assert any("Obj\ufffdcti" in t for t in texts)  # a lost letter shows as U+FFFD


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_the_fields_holding_letters_no_name_fills_are_flagged_as_doubtful(tmp_path, gazetteer,
                                                                          engine):
    path = tmp_path / "annex_ru.pdf"
    path.write_bytes(tounicode_holes_no_name_fills((RAW / "annex_ru.pdf").read_bytes()))
    ex = extract(path, gazetteer, options=ReadOptions(pdf_engine=engine))
    holed = [r for r in ex.records if "\ufffd" in r.measure]
    assert holed and all("letters_lost" in r.flag_names and r.confidence <= 0.5 for r in holed)
    flag = next(f for f in holed[0].flags
                if f.name == "letters_lost" and f.detail.startswith("measure:"))
    assert all("\ufffd" in word for word in flag.detail.removeprefix("measure: ").split(", "))
    assert "\x00" not in records_csv(ex.records)


def test_holes_the_glyph_names_fill_are_filled():
    data = PDF_CHANGES["ToUnicode holes the glyph names fill"]((RAW / "annex_ru.pdf").read_bytes())
    fill = filled(data)
    assert fill is not None and fill[1] > 0
    assert filled(fill[0]) is None  # once filled, nothing is left to fill


def test_a_file_whose_fonts_name_no_glyphs_is_not_parsed_for_its_maps(monkeypatch):
    """Filling a map needs a font's glyph names (its encoding's `/Differences`): a file that
    writes none is not parsed by pdfminer to look for maps to fill."""
    from pipeline.readers import pdf_unicode

    parsed = []
    fixes = pdf_unicode._fixes
    monkeypatch.setattr(pdf_unicode, "_fixes", lambda data: parsed.append(1) or fixes(data))
    data = tounicode_holes_no_name_fills((RAW / "annex_en.pdf").read_bytes(), every=4)
    assert b"/ToUnicode" in data and b"/Differences" not in data
    assert filled(data) is None
    assert not parsed
    named = PDF_CHANGES["ToUnicode holes the glyph names fill"]((RAW / "annex_ru.pdf").read_bytes())
    assert filled(named) is not None and parsed


def test_glyph_names_under_a_key_spelt_with_escapes_still_fill_the_map():
    """`/Differ#65nces` is the key `/Differences` (a name's `#65` is `e`): the map is filled."""
    data = PDF_CHANGES["ToUnicode holes the glyph names fill"]((RAW / "annex_ru.pdf").read_bytes())
    # the same length, so that the objects after it stay where the cross-reference table says
    escaped = data.replace(b"<< /Differences [", b"<</Differ#65nces[")
    assert escaped != data and len(escaped) == len(data) and b"/Differences" not in escaped
    fill = filled(escaped)
    assert fill is not None and fill[1] == filled(data)[1] > 0
