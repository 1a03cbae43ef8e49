"""How much scoring the aligner did, counted where it is done: cost evaluations of the column
cut and of the row lattice. Unlike time, the count is the same on every machine, so a test can
check how the work grows with a document (`tests/align/test_growth.py`)."""
from __future__ import annotations

from collections import Counter

# "cut": a column run scored; "lattice": a move between states scored
EVALUATIONS: Counter[str] = Counter()


def reset() -> None:
    EVALUATIONS.clear()


def check_block(paragraphs: int, settings, file: str = "") -> None:
    """Refuse a block (one row of measures) of more paragraphs than `max_block_paragraphs`, before
    any of its work is done: aligning it costs time and memory that grow with it, and no page of
    a real plan holds one so long."""
    from ..errors import DocumentLoadError

    if paragraphs > settings.max_block_paragraphs:
        where = f"{file}: " if file else ""
        raise DocumentLoadError(f"{where}one row of measures holds {paragraphs} paragraphs, more "
                                "than a plan's row holds (max_block_paragraphs "
                                f"{settings.max_block_paragraphs}); not read")


def check_depth(texts: list[str], settings, file: str = "") -> None:
    """Refuse a text a paragraph of which starts with a number more than `max_depth` levels deep
    (`1.1.1.1.…`): no reading takes it for a label, and every reading pays for its length."""
    import re

    from ..errors import DocumentLoadError

    too_deep = re.compile(r"\s*(?:\d{1,4}\s*\.\s*){%d}" % (settings.max_depth + 1))
    if any(too_deep.match(text) for text in texts):
        where = f"{file}: " if file else ""
        raise DocumentLoadError(f"{where}a paragraph is numbered more than {settings.max_depth} "
                                "levels deep "
                                f"(max_depth), deeper than a plan numbers; not read")
