import pytest

from pipeline.errors import NoMatrixError
from pipeline.extract import document_to_extraction, extract
from pipeline.readers import read
from tests.conservation import check_conservation

HEAD = "".join(f"<th>{h}</th>" for h in ["Objectives", "Typical problems", "Implementation measures",
                                          "Timeframe", "Executing agencies", "Indicators of achievement"])


def page(body, tmp_path, name="a.html"):
    path = tmp_path / name
    path.write_text(f"<!DOCTYPE html><html><head><style>p{{}}</style><script>var x='<table>';</script></head>"
                    f"<body><a href='#'>Print</a><p>Plan for 2011&ndash;2013</p>{body}"
                    f"<p>footer</p></body></html>", encoding="utf-8")
    return path


def test_paragraphs_in_cells_entities_and_chrome(tmp_path, gazetteer):
    path = page(f"""<table><tr>{HEAD}</tr><tr>
      <td><p>1. Safer roads</p><p>&nbsp;</p></td><td><p>1.1. Roads are unsafe</p></td>
      <td><p>1.1.1. Repair   roads</p><p>1.1.2. Paint crossings</p></td>
      <td><p>2011</p><p>2012 &ndash; 2013</p></td>
      <td><p>Ministry of Transport</p><p>Ministry of Internal Affairs</p></td>
      <td><p>Roads repaired</p><p>Crossings painted</p></td></tr></table>""", tmp_path)
    ex = extract(path)
    assert [(r.measure_id, r.measure, r.timeframe_end) for r in ex.records] == [
        ("1.1.1", "Repair roads", "2011"), ("1.1.2", "Paint crossings", "2013")]
    assert ex.title == "Plan for 2011\u20132013" and ex.period == (2011, 2013)
    assert [p.text for p in ex.back_matter] == ["footer"] and len(ex.blanks) == 1
    doc = read(path)
    check_conservation(doc, document_to_extraction(doc, gazetteer))


def test_br_inside_a_cell_is_a_soft_break(tmp_path):
    path = page(f"""<table><tr>{HEAD}</tr><tr><td>1. Roads</td><td>1.1. Unsafe</td><td>1.1.1. Repair roads</td>
      <td>2011</td><td>Ministry of<br>Transport</td><td>Roads repaired</td></tr></table>""", tmp_path)
    assert extract(path).records[0].agency_ids == ["ministry_transport"]


def test_rowspan_and_colspan(tmp_path, gazetteer):
    path = page(f"""<table><thead><tr>{HEAD}</tr></thead><tbody>
      <tr><td rowspan="2">1. Roads</td><td rowspan="2">1.1. Unsafe</td><td>1.1.1. Repair roads</td>
          <td>2011</td><td>Ministry of Transport</td><td>Roads repaired</td></tr>
      <tr><td>1.1.2. Paint crossings</td><td>2012</td><td>Ministry of Finance</td><td>Crossings painted</td></tr>
      <tr><td colspan="6">A note across the table</td></tr>
      </tbody></table>""", tmp_path)
    doc = read(path)
    assert doc.tables[0].rows[2].cells[0].merged_from_above
    assert [len(r.cells) for r in doc.tables[0].rows] == [6, 6, 6, 6]
    ex = document_to_extraction(doc, gazetteer)
    assert [(r.objective, r.measure_id, r.agency_ids) for r in ex.records] == [
        ("Roads", "1.1.1", ["ministry_transport"]), ("Roads", "1.1.2", ["ministry_finance"])]
    assert [p.text for p, _ in ex.unplaced] == ["A note across the table"]
    check_conservation(doc, ex)


def test_page_without_the_matrix(tmp_path):
    path = page("<table><tr><th>Name</th><th>Phone</th></tr><tr><td>A</td><td>1</td></tr></table>", tmp_path)
    with pytest.raises(NoMatrixError, match="Name \\| Phone"):
        extract(path)


def test_a_utf8_page_that_declares_no_charset_is_read_as_utf8(tmp_path):
    """libxml2 takes an undeclared page for Latin-1: `№` came out as mojibake and the
    number column was not recognised."""
    from pipeline.extract import extract
    page = ("<html><body><p>План на 2012-2014 годы</p><table>"
            "<tr><th>Задачи</th><th>№</th><th>Мероприятия</th><th>Срок</th><th>Исполнители</th></tr>"
            "<tr><td>1. Защита мигрантов</td><td>1.1</td><td>Открыть горячую линию</td>"
            "<td>I квартал 2012 года</td><td>МВД</td></tr></table></body></html>")
    path = tmp_path / "plan.html"
    path.write_bytes(page.encode("utf-8"))
    [rec] = extract(path).records
    assert (rec.objective, rec.measure_id, rec.measure) == ("Защита мигрантов", "1.1", "Открыть горячую линию")
    assert (rec.timeframe_start, rec.timeframe_end, rec.agency_ids) == ("2012-01", "2012-03", ["ministry_internal_affairs"])


def test_a_header_without_rows_is_no_matrix(tmp_path):
    head = "".join(f"<th>{h}</th>" for h in ["Objectives", "Measures", "Timeframe", "Executors"])
    path = tmp_path / "empty.html"
    path.write_text(f"<html><body><table><tr>{head}</tr></table></body></html>", encoding="utf-8")
    with pytest.raises(NoMatrixError, match="no measure under it"):
        extract(path)


def test_a_row_with_no_number_anywhere_is_a_measure_that_says_so(tmp_path):
    """A plan that numbers nothing is still a plan: the row gets its position as its id, flagged."""
    head = "".join(f"<th>{h}</th>" for h in ["Objectives", "Measures", "Timeframe", "Executors"])
    row = "<tr><td>foo</td><td>bar</td><td>baz</td><td>qux</td></tr>"
    path = tmp_path / "plain.html"
    path.write_text(f"<html><body><table><tr>{head}</tr>{row}</table></body></html>", encoding="utf-8")
    [rec] = extract(path).records
    assert (rec.objective_id, rec.objective, rec.measure_id, rec.measure) == ("", "foo", "1", "bar")
    assert {"measure_unnumbered", "timeframe_unparsed", "agency_unmatched"} <= set(rec.flag_names)


def test_a_table_nested_deeper_than_libxml2s_limit_is_still_read(tmp_path):
    from tests.conftest import RAW
    body = (RAW / "annex_en.html").read_text(encoding="utf-8")
    i, j = body.index("<table"), body.index("</table>") + len("</table>")
    path = tmp_path / "deep.html"
    path.write_text(body[:i] + "<div>" * 300 + body[i:j] + "</div>" * 300 + body[j:], encoding="utf-8")
    assert len(extract(path).records) == 41
