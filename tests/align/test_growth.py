"""How the aligner's work grows with a document: counted (`pipeline.align.work`), not timed,
so the check is the same on every machine. Linear growth is 4x from N = 100 to N = 400
measures, quadratic 16x; the bound is 5x."""
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
    return sum(work.EVALUATIONS.values())


@pytest.mark.slow
def test_one_objective_of_many_measures_costs_work_linear_in_them(tmp_path, gazetteer):
    small, large = _work(100, tmp_path, gazetteer), _work(400, tmp_path, gazetteer)
    assert 0 < large <= 5 * small, (small, large)
