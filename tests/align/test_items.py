"""The alignment of items to measures: a small table filled cell by cell in plain Python gives
what the arrays give, number for number, ties and all (`align/items.py`)."""
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.align.items import SmallCosts, items_back, items_forward, match_margins, zeros

# costs with many ties (whole tenths), as equal costs and repeated similarities make them
TABLES = st.integers(0, 7).flatmap(lambda m: st.integers(0, 7).flatmap(
    lambda n: st.lists(st.lists(st.integers(0, 10).map(lambda k: k / 10), min_size=n, max_size=n),
                       min_size=m, max_size=m).map(lambda rows: (rows, n))))


def _aligned(cost, skip_measure: float, skip_item: float):
    forward, move = items_forward(cost, skip_measure, skip_item)
    total, assigned, unplaced = items_back(forward, move)
    margins = match_margins(cost, skip_measure, skip_item, assigned, total, forward)
    return total, assigned, unplaced, margins


@settings(max_examples=300, deadline=None)
@given(TABLES, st.sampled_from([0.4, 0.6, 1.0]), st.sampled_from([0.5, 1.0]))
def test_a_small_table_aligns_as_the_arrays_do(table, skip_measure, skip_item):
    rows, n = table
    arrays = np.array(rows, dtype=float).reshape(len(rows), n)
    assert _aligned(SmallCosts(rows, n), skip_measure, skip_item) == \
        _aligned(arrays, skip_measure, skip_item)


def test_equal_costs_are_lists_when_small_and_arrays_when_not():
    small = zeros(3, 0)
    assert isinstance(small, SmallCosts) and small.shape == (3, 0)
    assert items_back(*items_forward(small, 1.0, 1.0)) == (3.0, [None] * 3, [])
    assert isinstance(zeros(100, 100), np.ndarray)


def test_a_word_file_is_extracted_without_numpy():
    """numpy (0.07 s of CPU to import, a fifth of a Word file's whole run) is imported by no
    stage a Word annex goes through, in this process (the command's) or a worker's: its tables
    are small."""
    import subprocess
    import sys

    from tests.conftest import RAW

    code = ("import sys; from pathlib import Path\n"
            "import pipeline.batch, pipeline.cli\n"
            "from pipeline.extract import extract\n"
            "from pipeline.normalize.agencies import Gazetteer\n"
            "for name in ('annex_en.docx', 'annex_ru.docx', 'annex_tg.docx'):\n"
            f"    extract(Path({str(RAW)!r}) / name, Gazetteer.load())\n"
            "print('numpy' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0 and run.stdout.strip() == "False", run.stdout + run.stderr
