from pipeline.readers import read
from pipeline.readers.text import text_to_paragraphs


def test_bom_crlf_and_blank_lines(write_text):
    path = write_text("\ufeffAnnex\r\n\r\n1. First\r\n\u00a0\r\n   \r\nLast\r\n")
    doc = read(path)
    assert [p.text for p in doc.paragraphs] == ["Annex", "1. First", "\u00a0", "Last"]
    assert [p.prov.line for p in doc.paragraphs] == [1, 3, 4, 6]
    assert [p.is_blank for p in doc.paragraphs] == [False, False, True, False]
    assert doc.source.format.value == "text" and len(doc.source.sha256) == 64


def test_provenance_names_the_file():
    [p] = text_to_paragraphs("x\n", "a.txt")
    assert p.prov.to_dict() == {"file": "a.txt", "line": 1}
