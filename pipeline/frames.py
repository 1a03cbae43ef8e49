"""`read_extraction`: an output of `annex extract` (X.json or X.csv) back as a pandas DataFrame.

Both give the frame `Extraction.to_frame()` gives: one row per measure indexed by `row`, ids
and every text column as strings (`problem_id` "1.10" stays "1.10", never the float 1.1),
`agencies`, `agency_ids`, `agencies_unmatched` and `flags` as lists, `confidence` a float,
and the extra columns by their headers.
"""
from __future__ import annotations

import csv
from pathlib import Path

from .contract import (
    CSV_COLUMNS,
    LIST_COLUMNS,
    LIST_SEP,
    REVIEW_COLUMNS,
    Flag,
    flag_details,
    needs_review,
    records_frame,
)
from .data import read_extraction_json
from .errors import DocumentLoadError


def read_extraction(path: str | Path):
    """X.json or X.csv written by `annex extract` -> a DataFrame (see the module's text)."""
    path = Path(path)
    if path.suffix.lower() == ".json":
        return records_frame([_from_json(r) for r in read_extraction_json(path)["records"]])
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DocumentLoadError(f"{path}: cannot read it ({exc})") from None
    rows = list(csv.DictReader(text.splitlines()))
    required = set(CSV_COLUMNS) - set(REVIEW_COLUMNS)  # older files lack these
    if rows and not required <= set(rows[0]):
        raise DocumentLoadError(f"{path}: not a CSV written by `annex extract` (columns missing)")
    return records_frame([_from_csv(r) for r in rows])


def _from_json(rec: dict) -> dict:
    row = {name: rec.get(name, "") for name in CSV_COLUMNS}
    flags = [Flag(f["flag"], f.get("confidence", 1.0), f.get("detail", ""))
             for f in rec.get("flags", [])]
    row["flags"] = sorted({f.name for f in flags})
    # said again from the confidence and the flags: an older file states none
    row["needs_review"] = needs_review(float(rec.get("confidence", 1.0)), row["flags"])
    row["flag_details"] = flag_details(flags)
    return row | {name: value for name, value in (rec.get("extra") or {}).items()
                  if name not in CSV_COLUMNS}


def _from_csv(rec: dict) -> dict:
    row = dict(rec)
    for name in LIST_COLUMNS:
        row[name] = row[name].split(LIST_SEP) if row[name] else []
    row["row"] = int(row["row"])
    row["confidence"] = float(row["confidence"])
    if "needs_review" in row:
        row["needs_review"] = row["needs_review"] == "true"
    else:  # an older file: said again from its confidence and flags
        row["needs_review"] = needs_review(row["confidence"], row["flags"])
    return row
