"""How the aligner's work grows with a document: counted (`pipeline.align.work`), not timed,
so the check is the same on every machine. Linear growth is 4x from N = 100 to N = 400
measures, quadratic 16x; the bound is 5x: for the column cut and the row lattice, and for the
measure-indicator pairs the indicator alignment scores where the counts differ little."""
import pytest

from pipeline.align import work
from pipeline.extract import extract
from tests.one_objective import text


def _work(n: int, tmp_path, gazetteer) -> int:
    path = tmp_path / f"n{n}.txt"
    path.write_text(text(n), encoding="utf-8")
    work.reset()
    ex = extract(path, gazetteer)
    assert len(ex.records) == n and not ex.unplaced
    return work.EVALUATIONS["cut"] + work.EVALUATIONS["lattice"]  # the pairs: below


@pytest.mark.slow
def test_one_objective_of_many_measures_costs_work_linear_in_them(tmp_path, gazetteer):
    small, large = _work(100, tmp_path, gazetteer), _work(400, tmp_path, gazetteer)
    assert 0 < large <= 5 * small, (small, large)


def _pairs(n: int, tmp_path, gazetteer, **shape) -> int:
    """Measure-indicator pairs whose similarity was computed, for one objective of n measures."""
    path = tmp_path / f"n{n}.txt"
    path.write_text(text(n, **shape), encoding="utf-8")
    work.reset()
    ex = extract(path, gazetteer)
    assert len(ex.records) == n and not ex.unplaced
    return work.EVALUATIONS["pairs"]


def test_indicators_as_many_as_measures_cost_pairs_linear_in_them(tmp_path, gazetteer):
    """Counts that differ by a bounded amount (here none): the alignment's band, and the pairs
    it computes, grow with the measures, not with their square (the whole table: 16x)."""
    small = _pairs(100, tmp_path, gazetteer, missing_every=1000)
    large = _pairs(400, tmp_path, gazetteer, missing_every=1000)
    assert 0 < large <= 5 * small, (small, large)


def test_one_indicator_in_eleven_missing_costs_a_fraction_of_the_table(tmp_path, gazetteer):
    """Counts that differ in proportion (one indicator in eleven missing): the band holds the
    offsets between the counts and a margin, under a quarter of the 400 x 364 table."""
    assert 0 < _pairs(400, tmp_path, gazetteer) <= 400 * 364 // 4
