"""The item alignment inside a band (`align/banded.py`) gives what the whole table gives, number for
number, ties and margins too, or gives way to the whole table: never another answer."""
import random

import numpy as np
import pytest

from pipeline.align import work
from pipeline.align.banded import FIRST_MARGIN, Band, PairCosts, align_in_band
from pipeline.align.items import items_back, items_forward, match_margins

INF = float("inf")


def _whole(cost: np.ndarray, skip_measure: float, skip_item: float):
    forward, move = items_forward(cost, skip_measure, skip_item)
    total, assigned, unplaced = items_back(forward, move)
    m, n = cost.shape
    margins, runners_up = [INF] * m, [None] * m
    if n != m:
        margins, runners_up = match_margins(cost, skip_measure, skip_item, assigned, total,
                                            forward)
    return total, assigned, unplaced, margins, runners_up


def _banded(cost: np.ndarray, skip_measure: float, skip_item: float):
    m, n = cost.shape
    found = align_in_band(PairCosts(m, n, lambda rows, cols: cost[rows, cols], lambda: cost),
                          skip_measure, skip_item, margins=n != m)
    if found is None:
        return None
    return found.total, found.assigned, found.unplaced, found.margins, found.runners_up


def _table(rnd: random.Random) -> np.ndarray:
    """Measures with their items in order, some items missing (scattered or in a run), a few
    items more; matches cheap or dear, the rest dear, some duplicates as cheap as a match."""
    m = rnd.randint(40, 200)
    keep = [i for i in range(m) if rnd.random() > rnd.random() * 0.2]
    if rnd.random() < 0.4:
        start = rnd.randrange(m)
        keep = [i for i in keep if not start <= i < start + rnd.randint(5, 60)]
    n = len(keep) + rnd.choice([0, 1, 3, 20])
    cost = 0.8 + 0.2 * np.array([[rnd.random() for _ in range(n)] for _ in range(m)])
    for i, j in zip(keep, sorted(rnd.sample(range(n), len(keep)))):
        cost[i, j] = rnd.choice([0.0, 0.05, 0.3, 0.6])
    for _ in range(m // 5 if rnd.random() < 0.5 else 0):
        cost[rnd.randrange(m), rnd.randrange(n)] = 0.0
    return np.round(cost, 1) if rnd.random() < 0.3 else cost  # whole tenths: many ties


@pytest.mark.parametrize("seed", range(4))
def test_the_band_gives_the_whole_tables_answer(seed):
    rnd = random.Random(seed)
    banded = 0
    for _ in range(25):
        cost = _table(rnd)
        skips = rnd.choice([(0.75, 2.0), (1.0, 1.5), (0.3, 1.2)])
        found = _banded(cost, *skips)
        if found is not None:
            banded += 1
            assert found == _whole(cost, *skips)
    assert banded >= 5  # the band decides most of them


def test_an_alignment_that_leaves_the_band_widens_it():
    """The items stand 20 places after their measures: the best alignment skips 20 items, then 20
    measures, far outside a first band; the bound says so, and the band grows to hold it."""
    m = 200
    cost = np.ones((m, m))
    for i in range(m - 20):
        cost[i, i + 20] = 0.0
    work.reset()
    found = _banded(cost, 0.75, 2.0)
    assert found == _whole(cost, 0.75, 2.0)
    assert found[1][0] == 20  # the first measure takes the 21st item
    first = Band.around_diagonal(m, m, FIRST_MARGIN)
    assert work.EVALUATIONS["pairs"] > m * first.width  # more than the first band's pairs


def test_a_band_as_wide_as_the_table_gives_way_to_the_table():
    cost = np.zeros((30, 12))
    assert _banded(cost, 1.0, 2.0) is None
