"""Word as Word, templates and forms write it (issue 42, part 2): each valid rewriting of the raw
Word files in `tests/transforms.py` (content controls, custom XML and smart tags around rows and
cells, text boxes written twice as alternate content, Strict Open XML) gives its source's rows."""
import pytest

from pipeline.enums import Language
from pipeline.extract import extract
from pipeline.readers import read
from tests import transforms
from tests.conftest import RAW
from tests.readers import docx_builder as b

LANGUAGES = tuple(lang.value for lang in Language)
MEASURES = ["1.1.1. Repair roads", "1.1.2. Paint crossings"]


@pytest.fixture(scope="module")
def source_rows() -> dict[str, list[dict]]:
    return {lang: [r.columns() for r in extract(RAW / f"annex_{lang}.docx").records]
            for lang in LANGUAGES}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", sorted(transforms.TRANSFORMS))
def test_a_word_file_written_another_valid_way_gives_its_sources_rows(name, lang, source_rows,
                                                                     tmp_path):
    path = tmp_path / f"annex_{lang}.docx"
    path.write_bytes(transforms.TRANSFORMS[name]((RAW / f"annex_{lang}.docx").read_bytes()))
    got = [r.columns() for r in extract(path).records]
    want = source_rows[lang]
    assert len(got) == len(want)
    for got_row, want_row in zip(got, want):
        assert got_row == want_row


def _cell_texts(path, row=1, col=2) -> list[str]:
    return [p.text for p in read(path).tables[0].rows[row].cells[col].paragraphs]


def _measure_cell_doc(tmp_path, paragraphs=MEASURES):
    doc = b.new()
    block = b.one_block()
    block[2] = list(paragraphs)
    b.table(doc, [block])
    path = tmp_path / "t.docx"
    doc.save(path)
    return path


def test_a_text_box_beside_text_is_read_after_it_as_paragraphs_of_its_own(tmp_path):
    """The anchoring paragraph keeps its own text; the box's paragraphs follow it, once each."""
    path = _measure_cell_doc(tmp_path)

    def box_in_first_paragraph(root):
        tc = root.findall(f".//{transforms.W}tc")[8]  # the measure cell of the row below the header
        first, second = tc.findall(transforms.W + "p")
        run = first.makeelement(transforms.W + "r")
        first.append(run)
        run.append(transforms.vml_text_box([second]))

    boxed = tmp_path / "boxed.docx"
    boxed.write_bytes(transforms.rewrite_document(path.read_bytes(), box_in_first_paragraph))
    assert _cell_texts(boxed) == _cell_texts(path) == MEASURES


def test_a_choice_in_an_understood_namespace_is_taken_and_its_fallback_left(tmp_path):
    path = tmp_path / "t.docx"
    path.write_bytes(transforms.put_cells_in_text_boxes(_measure_cell_doc(tmp_path).read_bytes()))
    doc = read(path)
    assert _cell_texts(path) == MEASURES
    assert sum(p.text.count("Repair roads") for row in doc.tables[0].rows for c in row.cells
               for p in c.paragraphs) == 1


def test_a_strict_word_file_renders_its_automatic_numbering(tmp_path):
    """Strict Open XML: the numbering part is found by its strict relationship and read."""
    doc = b.new()
    block = b.one_block()
    block[2] = ["Repair roads", "Paint crossings"]
    t = b.table(doc, [block])
    num = b.add_numbering(doc)
    for p in t.rows[1].cells[2].paragraphs:
        b.number(p, num, 2)
    path = tmp_path / "t.docx"
    doc.save(path)
    strict = tmp_path / "strict.docx"
    strict.write_bytes(transforms.to_strict_open_xml(path.read_bytes()))
    numbering = transforms.part_of(strict.read_bytes(), "word/numbering.xml")
    assert b"purl.oclc.org/ooxml/wordprocessingml/main" in numbering
    assert _cell_texts(strict) == _cell_texts(path) == MEASURES
