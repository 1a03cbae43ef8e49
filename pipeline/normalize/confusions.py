"""OCR's confusions: what Tesseract reads for what (`data/ocr_confusions.csv`: `l` for `1` or
`I`, `rn` for `m`, the Cyrillic `І` for a Roman `I`), and the words a word becomes under them.
A reading is only ever taken where something else says it is the word meant (a timeframe's
grammar, `timeframes.parse_ocr_timeframe`, and the field is then flagged; a table's short
header that becomes a header word, `structure.header`: `Ne` for `№`)."""
from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from ..data import builtin

MAX_CONFUSIONS = 3  # confusions tried in one word at most


@lru_cache(maxsize=1)
def confusions() -> tuple[tuple[str, str], ...]:
    """(what OCR reads, what was printed), in the data file's order."""
    return tuple((r["read"], r["meant"]) for r in builtin("ocr_confusions.csv", ("read", "meant")))


def misreadings(word: str, accept: Callable[[str], bool]) -> list[str]:
    """The words `word` becomes under one to `MAX_CONFUSIONS` of OCR's confusions, each at a
    place of its own, that `accept` takes, in the order found."""
    found: dict[str, None] = {}

    def walk(at: int, done: str, used: int) -> None:
        if at == len(word):
            if used and accept(done):
                found[done] = None
            return
        walk(at + 1, done + word[at], used)
        if used < MAX_CONFUSIONS:
            for read, meant in confusions():
                if word.startswith(read, at):
                    walk(at + len(read), done + meant, used + 1)

    walk(0, "", 0)
    return list(found)
