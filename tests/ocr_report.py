"""The scanned forms of the 2006 annex against the gold: `python -m tests.ocr_report [KIND|all] [SEEDS]`
(KIND: one of `tests.scans.DEGRADATIONS`, or `scan`, the default; `--two`: the English and Russian
PDFs only).

Each of raw/annex_en.pdf, raw/annex_en_rows.pdf and raw/annex_ru.pdf is scanned
(tests/scans.py: 200 dpi, turned 0.5-1.5 degrees, noise; one scan per seed), read by OCR and
compared with the gold, row by row: measure ids, agency ids (F1), timeframe readings
(start, end, recurrence; a reading left unparsed and flagged is counted apart from a wrong
one, or a row below confidence 0.5: flagged), the character error rate of the measure and indicator texts, rows exact, paragraphs
not placed, conservation, and seconds per page.  Two documents at a time (Tesseract runs
on one thread each).
"""
from __future__ import annotations

import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from pipeline.evaluate import load_rows
from pipeline.extract import document_to_extraction
from pipeline.normalize.agencies import Gazetteer
from pipeline.readers import read
from tests.conftest import GOLD, RAW
from tests.conservation import check_conservation
from tests.scans import DEGRADATIONS, degraded_pdf, scan_pdf

# the text fields of a row, each compared whole with the gold's (`fields exact`)
TEXT_FIELDS = ("objective_id", "objective", "problem", "measure_id", "measure", "timeframe", "agencies_raw", "indicator")
SOURCES = [("annex_en.pdf", "annex_en.csv"), ("annex_en_rows.pdf", "annex_en.csv"), ("annex_ru.pdf", "annex_ru.csv")]


def one(job: tuple[str, str, int, str]) -> dict:
    name, gold_name, seed, kind = job
    gold = load_rows(GOLD / gold_name)
    with tempfile.TemporaryDirectory() as tmp:
        scan = scan_pdf(RAW / name, Path(tmp) / f"scan-{name}", seed=seed) if kind == "scan" else \
            degraded_pdf(RAW / name, Path(tmp) / f"{kind}-{name}", kind, seed=seed)
        start = time.perf_counter()
        doc = read(scan)
        ex = document_to_extraction(doc, Gazetteer.load())
        seconds = time.perf_counter() - start
    pages = sum(1 for w in doc.warnings if "read by OCR" in w.message)
    try:
        check_conservation(doc, ex)
        conserved = True
    except AssertionError:
        conserved = False
    recs = ex.records
    ids = sum(1 for r, g in zip(recs, gold) if r.measure_id == g["measure_id"])
    hits = pred = want = 0
    tf_right = tf_flagged = tf_wrong = 0
    errors = chars = exact = fields_exact = 0
    for r, g in zip(recs, gold):
        got, expected = set(r.agency_ids), set(filter(None, g["agency_ids"].split("; ")))
        hits, pred, want = hits + len(got & expected), pred + len(got), want + len(expected)
        if (r.timeframe_start, r.timeframe_end, r.timeframe_recurrence) == \
                (g["timeframe_start"], g["timeframe_end"], g["timeframe_recurrence"]):
            tf_right += 1
        elif "timeframe_unparsed" in r.flag_names or r.confidence < 0.5:  # left unread, or the row says it is doubtful
            tf_flagged += 1
        else:
            tf_wrong += 1
        for field in ("measure", "indicator"):
            errors += Levenshtein.distance(getattr(r, field), g[field])
            chars += len(g[field])
        exact += all(str(r.columns().get(k, "")) == g[k] for k in ("measure_id", "measure", "indicator", "timeframe"))
        fields_exact += sum(str(r.columns().get(k, "")) == g[k] for k in TEXT_FIELDS)
    return {"source": name, "seed": seed, "rows": f"{len(recs)}/{len(gold)}", "ids": f"{ids}/{len(gold)}",
            "agency_f1": 2 * hits / max(pred + want, 1), "timeframes": f"{tf_right} right, {tf_flagged} flagged, "
            f"{tf_wrong} wrong", "cer": errors / max(chars, 1), "texts_exact": f"{exact}/{len(gold)}",
            "fields_exact": fields_exact / max(len(gold) * len(TEXT_FIELDS), 1),
            "unplaced": len(ex.unplaced), "conserved": conserved, "pages": pages,
            "s_per_page": seconds / max(pages, 1),
            "low_confidence_rows": sum(1 for r in recs if "ocr_doubt" in r.flag_names),
            "language": next((w.message.split("Tesseract ")[1].split(")")[0] for w in doc.warnings
                              if "read by OCR" in w.message), "?")}


def main(seeds: list[int], kind: str = "scan", sources=None) -> None:
    jobs = [(name, gold, seed, kind) for seed in seeds for name, gold in (sources or SOURCES)]
    with ProcessPoolExecutor(max_workers=2) as pool:
        for row in pool.map(one, jobs):
            print(f"{kind:<10} {row['source']:<18} seed {row['seed']}  {row['language']}  rows {row['rows']}  ids {row['ids']}  "
                  f"agency F1 {row['agency_f1']:.3f}  timeframes {row['timeframes']}  CER {row['cer'] * 100:.2f}%  "
                  f"texts exact {row['texts_exact']}  fields exact {row['fields_exact'] * 100:.1f}%  "
                  f"unplaced {row['unplaced']}  conserved {row['conserved']}  "
                  f"low-confidence rows {row['low_confidence_rows']}  {row['s_per_page']:.1f} s/page ({row['pages']} pages)",
                  flush=True)


if __name__ == "__main__":  # python -m tests.ocr_report [KIND|all] [SEEDS...] [--en]
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    kinds = ["scan"]
    if args and not args[0].isdigit():
        kinds = list(DEGRADATIONS) if args[0] == "all" else args[0].split(",")
        args = args[1:]
    only = [s for s in SOURCES if s[0] != "annex_en_rows.pdf"] if "--two" in sys.argv else SOURCES
    for k in kinds:
        main([int(a) for a in args] or [0], k, only)
