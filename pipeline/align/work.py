"""How much scoring the aligner did, counted where it is done: cost evaluations of the column
cut and of the row lattice. Unlike time, the count is the same on every machine, so a test can
check how the work grows with a document (`tests/align/test_growth.py`)."""
from __future__ import annotations

from collections import Counter

EVALUATIONS: Counter[str] = Counter()  # "cut": a column run scored; "lattice": a move between states scored


def reset() -> None:
    EVALUATIONS.clear()
