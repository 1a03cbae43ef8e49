"""The 2006 annex repeated ten times (objectives renumbered 1-60): a long document, made from
`raw/annex_en.txt` and its gold without the pipeline.  `scripts/make_raw.py` renders it to a
PDF with LibreOffice (`raw/annex_en_x10.pdf`, committed)."""
import re

from pipeline.evaluate import load_rows
from tests.conftest import GOLD, RAW

COPIES = 10
OBJECTIVES = 6
_NUMBER = re.compile(r"^(\s*)(\d)(\.)")


def renumber(line: str, copy: int) -> str:
    """`1.1.3. ...` in copy 2 is `13.1.3. ...`; other lines stay as they are."""
    return _NUMBER.sub(lambda m: f"{m.group(1)}{int(m.group(2)) + OBJECTIVES * copy}{m.group(3)}", line)


def long_text() -> str:
    lines = (RAW / "annex_en.txt").read_text(encoding="utf-8").split("\n")
    first = next(i for i, l in enumerate(lines) if l.startswith("1. "))
    head, body = lines[:first], lines[first:]
    return "\n".join(head + [renumber(l, c) for c in range(COPIES) for l in body])


def long_gold() -> list[dict]:
    rows = []
    for c in range(COPIES):
        for r in load_rows(GOLD / "annex_en.csv"):
            shift = lambda v: re.sub(r"^\d", lambda m: str(int(m.group()) + OBJECTIVES * c), v)  # noqa: E731
            rows.append(dict(r, row=str(len(rows) + 1), objective_id=shift(r["objective_id"]),
                             problem_id=shift(r["problem_id"]), measure_id=shift(r["measure_id"])))
    return rows
