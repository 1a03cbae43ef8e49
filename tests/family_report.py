"""Recovery rate of the generated annex family, per form: `python -m tests.family_report [N]`.

Prints, for N annexes per form (default 500, the full size range), the rows recovered
exactly, the rows missed but flagged below 0.5, the rows missed silently (must be 0),
paragraphs lost (must be 0), and what the misses were.
"""
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path

from pipeline.extract import document_to_extraction
from pipeline.normalize.agencies import Gazetteer
from pipeline.readers import read
from tests.annex_family import draw, expected_rows, render_docx, render_text, score
from tests.conservation import check_conservation


def run(form: str, n: int, gazetteer: Gazetteer, tmp: Path) -> str:
    rows = exact = flagged = silent = lost = 0
    misses: Counter = Counter()
    for seed in range(n):
        annex = draw(random.Random(seed))
        if form == "text":
            path = tmp / f"{seed}.txt"
            path.write_text(render_text(annex), encoding="utf-8")
        else:
            path = render_docx(annex, tmp / f"{seed}.{form}.docx", form)
        doc = read(path)
        ex = document_to_extraction(doc, gazetteer)
        try:
            check_conservation(doc, ex)
        except AssertionError:
            lost += 1
        for ok, doubtful, wrong in score(ex.records, expected_rows(annex)):
            rows += 1
            exact += ok
            flagged += (not ok) and doubtful
            silent += (not ok) and not doubtful
            if not ok:
                misses[(seed, ",".join(wrong), "flagged" if doubtful else "SILENT")] += 1
    detail = "; ".join(f"seed {s}: {w} x{c} ({f})" for (s, w, f), c in sorted(misses.items()))
    return (f"{form:9} {n} annexes, {rows} rows: exact {exact} ({exact / rows:.2%}), missed but flagged "
            f"{flagged}, missed silently {silent}, annexes losing a paragraph {lost}\n    misses: {detail or '-'}")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    gazetteer = Gazetteer.load()
    with tempfile.TemporaryDirectory() as tmp:
        for form in ("text", "original", "rows"):
            print(run(form, n, gazetteer, Path(tmp)), flush=True)


if __name__ == "__main__":
    main()
