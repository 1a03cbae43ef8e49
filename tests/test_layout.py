import pytest

from pipeline.errors import NoMatrixError
from pipeline.layout import document_to_layout, header_role
from pipeline.model import Role
from pipeline.readers import read
from tests.conftest import flat_text


@pytest.mark.parametrize("text, role", [
    ("Implementation measures", Role.MEASURE), ("  EXECUTING AGENCIES ", Role.AGENCIES),
    ("Indicators of achievement:", Role.INDICATOR), ("Timeframe", Role.TIMEFRAME), ("Budget", Role.EXTRA), ("Something else", None),
])
def test_header_names_map_to_roles(text, role):
    assert header_role(text) == role


def test_blocks_and_columns_of_a_flattened_text(write_text, gazetteer):
    path = write_text(flat_text(
        "1. First objective", "1.1. A problem", "1.1.1. Do a", "1.1.2. Do b",
        "2006", "Permanently", "Ministry of Health", "Ministry of Justice, Youth Committee",
        "A done", "B done",
        "2. Second objective", "\u00a0", "2.1. Another problem", "2.1.1. Do c", "2007", "Ministry of Finance",
        "C done"))
    layout = document_to_layout(read(path), gazetteer)
    assert layout.title == "Programme on Something in 2006-2010"
    assert [len(b.measures) for b in layout.blocks] == [2, 1]
    first = layout.blocks[0]
    assert [p.text for p in first.columns[Role.TIMEFRAME]] == ["2006", "Permanently"]
    assert [p.text for p in first.columns[Role.AGENCIES]] == ["Ministry of Health", "Ministry of Justice, Youth Committee"]
    assert [p.text for p in first.columns[Role.INDICATOR]] == ["A done", "B done"]
    assert len(layout.blanks) == 1


def test_columns_in_another_order_follow_the_header(write_text, gazetteer):
    text = "\n\n".join(["Plan 2010-2012", "Objectives", "Typical problems", "Implementation measures",
                        "Executing agencies", "Timeframe", "Indicators",
                        "1. Goal", "1.1. Problem", "1.1.1. Do a", "1.1.2. Do b",
                        "Ministry of Health", "Ministry of Finance", "2010", "2011 - 2012", "A done", "B done"])
    layout = document_to_layout(read(write_text(text)), gazetteer)
    block = layout.blocks[0]
    assert [p.text for p in block.columns[Role.TIMEFRAME]] == ["2010", "2011 - 2012"]
    assert [p.text for p in block.columns[Role.AGENCIES]] == ["Ministry of Health", "Ministry of Finance"]


def test_a_text_without_the_header_is_no_matrix(write_text, gazetteer):
    with pytest.raises(NoMatrixError, match="no matrix"):
        document_to_layout(read(write_text("Just a letter.\n\nWith two paragraphs.\n")), gazetteer)
