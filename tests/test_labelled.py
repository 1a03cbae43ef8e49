"""Plans of labelled fields with no table (`pipeline/structure/labelled.py`): per measure a heading,
prose, then `LABEL: value` paragraphs, read as a grid; each case a tiny inline page."""
import pytest

from pipeline.errors import NoMatrixError
from pipeline.extract import document_to_extraction
from pipeline.readers import read
from tests.conservation import check_conservation

PAGE = """# Data Action Plan 2019-2020

## Shared Actions

### Action 1: Create a Data Council

By November 2019, the Office will establish a council.

* **Responsible**: Office of Data Policy
* **Supported practice(s)**: Prioritize Data Governance
* **Measurement**: Council established (Y/N)
* **Timeline**: By December 2019

[Back to top](#top)

### Action 2: Develop a Catalog

* Getting Payments Right: a bulleted sentence about the action, no field.

* **Responsible**: Statistics Agency
* **Supported practice(s)**: Increase Capacity
* **Measurement**: Number of agencies using the catalog
* **Timeline**: Completed within 6 months

## Agency Actions

### Action 3: Assess Maturity

* **Responsible**: All agencies
* **Supported practice(s)**: Assess Maturity
* **Measurement**: Assessment documented (Y/N)
* **Timeline**: 2020
"""


def extraction(tmp_path, gazetteer, text):
    path = tmp_path / "plan.md"
    path.write_text(text, encoding="utf-8")
    doc = read(path)
    ex = document_to_extraction(doc, gazetteer)
    check_conservation(doc, ex)
    return ex


def test_labelled_fields_under_headings_are_read_as_a_plan(tmp_path, gazetteer):
    ex = extraction(tmp_path, gazetteer, PAGE)
    assert [(r.objective, r.measure_id, r.measure, r.timeframe_end, r.agencies_raw, r.indicator,
             r.extra["Supported practice(s)"]) for r in ex.records] == [
        ("Shared Actions", "1", "Create a Data Council", "2019-12", "Office of Data Policy",
         "Council established (Y/N)", "Prioritize Data Governance"),
        ("Shared Actions", "2", "Develop a Catalog", "", "Statistics Agency",
         "Number of agencies using the catalog", "Increase Capacity"),
        ("Agency Actions", "3", "Assess Maturity", "2020", "All agencies", "Assessment documented (Y/N)",
         "Assess Maturity")]
    assert "Getting Payments Right" not in ex.records[1].extra  # a lead-in under one heading only
    assert any("labelled fields" in w.message for w in ex.warnings)
    body = [p.text for p in ex.front_matter + ex.back_matter]
    assert "By November 2019, the Office will establish a council." in body


@pytest.mark.parametrize("text", [
    PAGE.split("### Action 2")[0],  # one record
    PAGE.replace("Responsible", "Contact").replace("Measurement", "Notes").replace("Timeline", "Remark"),
])
def test_one_record_or_labels_that_name_no_column_are_no_plan(tmp_path, gazetteer, text):
    with pytest.raises(NoMatrixError):
        extraction(tmp_path, gazetteer, text)


SUB_LIST = PAGE.replace("* **Measurement**: Number of agencies using the catalog",
                        "* **Measurement**: \t\n\t- Number of agencies using the catalog\n"
                        "    - Number of datasets published (Y/N)")


def test_a_field_of_a_sub_list_is_the_whole_cell_of_its_record(tmp_path, gazetteer):
    ex = extraction(tmp_path, gazetteer, SUB_LIST)
    record = ex.records[1]
    assert record.indicator == "Number of agencies using the catalog Number of datasets published (Y/N)"
    assert "alignment_uncertain" not in {f.name for f in record.flags}


def test_the_page_saved_as_text_is_read_as_the_page(tmp_path, gazetteer):
    page = extraction(tmp_path, gazetteer, SUB_LIST)
    path = tmp_path / "plan.txt"
    path.write_text(SUB_LIST, encoding="utf-8")
    doc = read(path)
    assert "outline of headings" in doc.warnings[0].message
    ex = document_to_extraction(doc, gazetteer)
    check_conservation(doc, ex)
    assert [(r.measure_id, r.measure, r.indicator, r.agencies_raw) for r in ex.records] == \
        [(r.measure_id, r.measure, r.indicator, r.agencies_raw) for r in page.records]
