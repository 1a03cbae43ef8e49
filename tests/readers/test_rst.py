"""reStructuredText (`readers.rst`): `list-table` directives read as tables, inline markup as the
text it shows; the same text under a `.txt` or `.md` name is read so too."""
import pytest

from pipeline.readers import read

RST = """Appendice
=========

.. list-table:: Linee di azione
   :header-rows: 1
   :widths: 8 48 12

   * - **Codice**
     - **Descrizione**
     - **Scadenza**

   * - CAP1.02
     - Primo report di monitoraggio
       sulle comunita digitali
     - GENNAIO 2025

   * - CAP1.14
     - Mappa dei punti - `Repubblica Digitale <https://example.org/mappa>`__
     - DICEMBRE 2024

Testo dopo la tabella.
"""


def _cells(table):
    return [[[p.text for p in c.paragraphs] for c in row.cells] for row in table.rows]


@pytest.mark.parametrize("suffix", [".rst", ".txt", ".md"])
def test_a_list_table_is_a_table_and_its_lines_are_one_cell(tmp_path, suffix):
    path = tmp_path / f"plan{suffix}"
    path.write_text(RST, encoding="utf-8")
    doc = read(path)
    assert len(doc.tables) == 1
    assert _cells(doc.tables[0]) == [
        [["Codice"], ["Descrizione"], ["Scadenza"]],
        [["CAP1.02"], ["Primo report di monitoraggio sulle comunita digitali"], ["GENNAIO 2025"]],
        [["CAP1.14"], ["Mappa dei punti - Repubblica Digitale"], ["DICEMBRE 2024"]]]
    texts = [p.text for p in doc.paragraphs]
    assert texts == ["Appendice", "Linee di azione", "Testo dopo la tabella."]
    assert doc.paragraphs[0].level == 1


def test_a_blank_line_inside_a_cell_starts_a_paragraph_and_a_short_row_is_padded(tmp_path):
    path = tmp_path / "plan.rst"
    path.write_text(".. list-table::\n\n   * - A\n     - B\n     - C\n   * - one\n\n       two\n"
                    "     - three\n", encoding="utf-8")
    table = read(path).tables[0]
    assert _cells(table) == [[["A"], ["B"], ["C"]], [["one", "two"], ["three"], []]]
