"""Valid transformations of plans, as Word, editors and a browser's copy write them (issue 42):

    python -m tests.valid_fuzz N [SEED]        (`make fuzz` runs it after the hostile stage)

Nothing here changes what a viewer shows, so each transformed file must give the rows of its
untransformed source. Every raw text gets every text transformation and every raw Word file every
Word transformation and every raw PDF every PDF one (`tests.transforms`); then N plans of the
family per language, as text and as Word, get one transformation each, drawn with SEED. A case
is `same` (its rows equal its source's), `flagged` (as many rows, and each that differs carries
`letters_lost`: letters the file lost, which nothing can give back, said where they are),
`differs` or `refused`; the table counts them per transformation and the first failures are
listed. Exit 1 if any case differs or is refused.
"""
from __future__ import annotations

import random
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from pipeline.enums import FlagName, Language
from pipeline.errors import PipelineError
from pipeline.extract import extract
from pipeline.normalize.agencies import Gazetteer
from tests.conftest import RAW
from tests.plan_family import draw, draw_shape, render
from tests.transforms import PDF_CHANGES, TEXT_CHANGES, TRANSFORMS

FIELDS = ("objective_id", "objective", "problem_id", "problem", "measure_id", "measure", "timeframe",
          "agencies", "agency_ids", "indicator", "extra")
LANGS = tuple(lang.value for lang in Language)


Rows = list[tuple[tuple, bool]]


def rows_of(path: Path, gazetteer: Gazetteer) -> Rows | str:
    """The records' fields, each with whether the row says it lost letters (`letters_lost`), or
    the refusal's message."""
    try:
        records = extract(path, gazetteer).records
    except PipelineError as exc:
        return f"refused: {exc}"
    return [(tuple(str(getattr(r, f)) for f in FIELDS), FlagName.LETTERS_LOST in r.flag_names)
            for r in records]


def outcome(want: Rows | str, got: Rows | str) -> str:
    """`same`, `flagged` (each row that differs says it lost letters), `differs` or `refused`."""
    if isinstance(got, str):
        return "refused"
    if isinstance(want, str):
        return "differs"
    if [row for row, _ in got] == [row for row, _ in want]:
        return "same"
    differing = [lost for (row, lost), (source, _) in zip(got, want) if row != source]
    return "flagged" if len(got) == len(want) and all(differing) else "differs"


def transformed(source: Path, name: str, folder: Path) -> Path:
    """`source` under the transformation `name`, written into `folder` under the source's name."""
    out = folder / source.name
    if name in TRANSFORMS:
        out.write_bytes(TRANSFORMS[name](source.read_bytes()))
    elif name in PDF_CHANGES:
        out.write_bytes(PDF_CHANGES[name](source.read_bytes()))
    else:
        out.write_text(TEXT_CHANGES[name](source.read_text(encoding="utf-8")), encoding="utf-8")
    return out


def cases(n: int, seed: int, tmp: Path):
    """(label, source, transformation) for every case: the raw files, then the family's plans."""
    for source in sorted(RAW.glob("annex_*.txt")):
        yield from ((source.name, source, name) for name in TEXT_CHANGES)
    for source in sorted(RAW.glob("annex_*.docx")):
        yield from ((source.name, source, name) for name in TRANSFORMS)
    for source in sorted(RAW.glob("annex_*.pdf")):
        yield from ((source.name, source, name) for name in PDF_CHANGES)
    rnd = random.Random(seed)
    for lang in LANGS:
        for k in range(n):
            plan_seed = rnd.randrange(10 ** 6)
            plan_rnd = random.Random(plan_seed)
            plan = draw(plan_rnd, draw_shape(plan_rnd, lang))
            form = rnd.choice(("text-col", "text-row", "docx"))
            folder = tmp / f"{lang}-{k}"
            folder.mkdir()
            source = render(plan, form, folder, random.Random(plan_seed))
            name = rnd.choice(sorted(TRANSFORMS) if form == "docx" else sorted(TEXT_CHANGES))
            yield f"{lang} plan {plan_seed} ({form})", source, name


def run(n: int, seed: int) -> tuple[dict[str, Counter], list[str]]:
    gazetteer = Gazetteer.load()
    table: dict[str, Counter] = defaultdict(Counter)
    failures: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for k, (label, source, name) in enumerate(cases(n, seed, Path(tmp))):
            want = rows_of(source, gazetteer)
            folder = Path(tmp) / f"case-{k}"
            folder.mkdir()
            got = rows_of(transformed(source, name, folder), gazetteer)
            result = outcome(want, got)
            table[name][result] += 1
            if result in ("differs", "refused"):
                failures.append(f"{label} / {name}: {got if isinstance(got, str) else result}")
    return table, failures


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 10
    seed = int(argv[1]) if len(argv) > 1 else 0
    table, failures = run(n, seed)
    print(f"valid transformations: the raw files, and {n} family plans per language (seed {seed})")
    heads = ("cases", "same", "flagged", "differs", "refused")
    print(f"  {'transformation':<48} " + " ".join(f"{h:>8}" for h in heads))
    for name, counts in sorted(table.items()):
        cells = [sum(counts.values())] + [counts[h] for h in heads[1:]]
        print(f"  {name:<48} " + " ".join(f"{c:>8}" for c in cells))
    for line in failures[:20]:
        print(f"  FAILED {line}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
