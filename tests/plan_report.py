"""Recovery rate of the plan family (`tests/plan_family.py`), per form and per shape:
`python -m tests.plan_report [N] [--lang en|ru|tg] [FORM...]`.

For N plans per form (default 300): rows recovered exactly, rows missed but flagged below
0.5, rows missed silently, plans losing a paragraph (must be 0), plans refused; then the same
per shape feature, for the plans the property covers (`plan_family.left_out`: there no row
may be missed silently), and for those of them whose document says where each measure's agency
list ends (not: one body per paragraph for several measures in one cell, nothing between the
lists); and the first misses, silent ones first.
"""
from __future__ import annotations

import random
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from pipeline.errors import PipelineError
from pipeline.extract import document_to_extraction
from pipeline.normalize.agencies import Gazetteer
from pipeline.readers import read
from tests.conservation import check_conservation
from tests.plan_family import FONT, FORMS, expected_rows, layout_of, left_out, score, seeded_plan, shape_name


def features(name: str) -> list[str]:
    """`en:sections/column_flat+steps` -> its language, hierarchy, numbering and each extra."""
    lang, rest = name.split(":", 1)
    hierarchy, rest = rest.split("/", 1)
    numbering, *extras = rest.split("+")
    return [lang, hierarchy, numbering, *extras]


def run(form: str, n: int, gazetteer: Gazetteer, tmp: Path, lang: str | None = None) -> str:
    totals: Counter = Counter()
    by_feature: dict[str, Counter] = defaultdict(Counter)
    misses: list[str] = []
    for seed in range(n):
        plan, path = seeded_plan(seed, lang, form, tmp / f"{form}-{seed}")
        name = shape_name(plan.shape)
        covered = left_out(plan, form, random.Random(seed)) is None
        # several measures' agency lists of one body per paragraph in one cell, nothing between them:
        # the document does not say where one ends (the rows are flagged, not guessed silently)
        unsaid = plan.shape.agency_lines and not plan.shape.gaps and layout_of(form, plan, random.Random(seed)) == "blocks"
        want = expected_rows(plan)
        try:
            doc = read(path)
            ex = document_to_extraction(doc, gazetteer)
        except PipelineError as exc:
            totals["refused"] += 1
            totals["rows"] += len(want)
            for f in features(name) + (["(the property's)"] if covered else []):
                by_feature[f]["rows"] += len(want)
            misses.append(f"seed {seed} {name}: refused: {exc}")
            continue
        try:
            check_conservation(doc, ex)
        except AssertionError:
            totals["lost"] += 1
        for (ok, doubtful, wrong), row in zip(score(ex.records, want), want):
            kind = "exact" if ok else "flagged" if doubtful else "silent"
            counters = [totals] + [by_feature[f] for f in features(name)]
            said = ["(the property's)"] if covered else []
            said += ["(the property's, said)"] if covered and not unsaid else []
            for counter in counters + [by_feature[f] for f in said]:
                counter["rows"] += 1
                counter[kind] += 1
            if not ok and len(misses) < 400:
                note = "" if covered else " [left out]"
                misses.append(f"seed {seed} {name} {row['measure_id']}: {','.join(wrong)} ({kind}){note}")
    rows = totals["rows"] or 1
    lines = [f"{form:8} {n} plans, {totals['rows']} rows: exact {totals['exact']} ({totals['exact'] / rows:.2%}), "
             f"flagged {totals['flagged']}, SILENT {totals['silent']}, refused plans {totals['refused']}, "
             f"plans losing a paragraph {totals['lost']}"]
    for f, c in sorted(by_feature.items()):
        lines.append(f"    {f:18} rows {c['rows']:5}  exact {c['exact'] / (c['rows'] or 1):7.2%}  "
                     f"flagged {c['flagged']:4}  silent {c['silent']:4}")
    misses.sort(key=lambda m: ("(silent)" not in m, "[left out]" in m))  # silent ones the property covers first
    lines += [f"    miss: {m}" for m in misses[:15]]
    return "\n".join(lines)


def main() -> None:
    args = sys.argv[1:]
    lang = None
    if "--lang" in args:
        at = args.index("--lang")
        lang = args[at + 1]
        del args[at:at + 2]
    n = int(args[0]) if args else 300
    forms = args[1:] or [f for f in FORMS if f != "pdf" or FONT.exists()]
    gazetteer = Gazetteer.load()
    with tempfile.TemporaryDirectory() as tmp:
        for form in forms:
            print(run(form, n, gazetteer, Path(tmp), lang), flush=True)


if __name__ == "__main__":
    main()
