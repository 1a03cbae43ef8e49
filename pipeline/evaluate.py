"""Scoring an extraction against a hand-checked gold: the comparator the tests use too.

Both sides are read as flat rows (CSV columns) from either a `.json` (extraction
or gold) or a `.csv`.  Rows are paired by measure id and occurrence (the second
`6.1.4` with the second `6.1.4`), so one missing row does not shift the rest.

* coverage: gold rows that have a predicted row, and predicted rows with no gold;
* rows exact: every compared field equal;
* per-field accuracy over the paired rows;
* agencies: precision, recall and F1 over (row, agency id) pairs;
* flags: the same over (row, flag).

`confidence` is compared only where the gold states one: where a row holds an
alignment judgement the gold leaves it blank, as the figure is the pipeline's own.
"""
from __future__ import annotations

import csv
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .contract import CSV_COLUMNS, LIST_SEP, REVIEW_COLUMNS
from .data import read_extraction_json
from .errors import DocumentLoadError

COMPARED = [c for c in CSV_COLUMNS if c != "confidence" and c not in REVIEW_COLUMNS]


EXTRA_PREFIX = "extra: "


def _flat(rec: dict) -> dict[str, str]:
    """A record (JSON or CSV row) as flat strings; extra columns as `extra: <header>`."""
    out = {}
    for col in CSV_COLUMNS:
        value = rec.get(col, "")
        if col == "flags" and isinstance(value, list):
            value = LIST_SEP.join(sorted({f["flag"] if isinstance(f, dict) else f for f in value}))
        elif isinstance(value, list):
            value = LIST_SEP.join(value)
        elif col == "confidence" and isinstance(value, (int, float)):
            value = f"{value:.2f}"
        out[col] = "" if value is None else str(value)
    given = rec.get("extra")
    extras = given if isinstance(given, dict) \
        else {k: v for k, v in rec.items() if k and k not in CSV_COLUMNS}
    out.update({EXTRA_PREFIX + k: "" if v is None else str(v) for k, v in extras.items()})
    return out


def load_rows(path: str | Path) -> list[dict[str, str]]:
    path = Path(path)
    try:
        if path.suffix.lower() == ".json":
            return [_flat(r) for r in read_extraction_json(path)["records"]]
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            if not reader.fieldnames or "measure_id" not in reader.fieldnames:
                raise DocumentLoadError(f"{path}: not an extraction CSV (no measure_id column)")
            return [_flat(r) for r in reader]
    except FileNotFoundError:
        raise DocumentLoadError(f"{path}: no such file") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DocumentLoadError(f"{path}: cannot be parsed ({exc.__class__.__name__})") from None


def _keyed(rows: list[dict[str, str]]) -> dict[tuple[str, int], dict[str, str]]:
    seen: dict[str, int] = defaultdict(int)
    out = {}
    for row in rows:
        seen[row["measure_id"]] += 1
        out[(row["measure_id"], seen[row["measure_id"]])] = row
    return out


def _split(value: str) -> set[str]:
    return {v for v in value.split(LIST_SEP) if v}


def _prf(pred: set, gold: set) -> dict[str, float]:
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 1.0
    r = tp / len(gold) if gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


@dataclass
class Report:
    gold_rows: int
    pred_rows: int
    matched_rows: int
    exact_rows: int
    field_accuracy: dict[str, float]
    agencies: dict[str, float]
    flags: dict[str, float]
    mismatches: list[dict] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    @property
    def perfect(self) -> bool:
        return (self.exact_rows == self.gold_rows == self.pred_rows and not self.mismatches)

    def to_dict(self) -> dict:
        return self.__dict__ | {"perfect": self.perfect}

    def to_text(self) -> str:
        lines = [
            f"rows: {self.matched_rows}/{self.gold_rows} gold rows found, "
            f"{self.pred_rows} predicted"
            + (f", {len(self.extra)} not in gold" if self.extra else ""),
            f"rows exact: {self.exact_rows}/{self.gold_rows}",
            "agencies: precision {precision:.3f} recall {recall:.3f} F1 {f1:.3f}"
            .format(**self.agencies),
            "flags:    precision {precision:.3f} recall {recall:.3f} F1 {f1:.3f}"
            .format(**self.flags),
            "field accuracy:",
        ]
        lines += [f"  {name:<22} {acc:.3f}" for name, acc in self.field_accuracy.items()]
        for m in self.mismatches[:30]:
            lines.append(f"  DIFF {m['measure_id']} (#{m['occurrence']}) {m['field']}: "
                         f"pred={m['pred']!r} gold={m['gold']!r}")
        if len(self.mismatches) > 30:
            lines.append(f"  ... {len(self.mismatches) - 30} more differences")
        lines += [f"  MISSING {k}" for k in self.missing] + [f"  EXTRA {k}" for k in self.extra]
        return "\n".join(lines)


def compare(pred_rows: list[dict[str, str]], gold_rows: list[dict[str, str]]) -> Report:
    """The extraction's rows against the gold's, paired by measure id and occurrence."""
    pred, gold = _keyed(pred_rows), _keyed(gold_rows)
    matched = [k for k in gold if k in pred]
    # extra columns are compared where the gold has them
    compared = COMPARED + sorted({c for g in gold_rows for c in g if c.startswith(EXTRA_PREFIX)})
    correct = {c: 0 for c in compared}
    mismatches = []
    exact = 0
    for key in matched:
        g = gold[key]
        fields = compared + (["confidence"] if g["confidence"] else [])
        wrong = _mismatches(key, pred[key], g, fields)
        differing = {m["field"] for m in wrong}
        for col in fields:
            if col not in differing:
                correct[col] = correct.get(col, 0) + 1
        mismatches += wrong
        exact += not wrong
    n = len(gold) or 1
    return Report(
        gold_rows=len(gold), pred_rows=len(pred), matched_rows=len(matched), exact_rows=exact,
        field_accuracy={c: round(correct[c] / n, 4) for c in compared},
        agencies=_prf(_listed(pred, "agency_ids"), _listed(gold, "agency_ids")),
        flags=_prf(_listed(pred, "flags"), _listed(gold, "flags")), mismatches=mismatches,
        missing=[f"{k[0]} (#{k[1]})" for k in gold if k not in pred],
        extra=[f"{k[0]} (#{k[1]})" for k in pred if k not in gold],
    )


def _listed(rows: dict[tuple[str, int], dict[str, str]], column: str) -> set[tuple]:
    """(row key, value) of every value a list column of the rows holds (agency ids, flags)."""
    return {(key, v) for key, row in rows.items() for v in _split(row[column])}


def _mismatches(key: tuple[str, int], p: dict[str, str], g: dict[str, str],
                fields: list[str]) -> list[dict]:
    """The fields of one paired row where the extraction differs from the gold."""
    return [{"measure_id": key[0], "occurrence": key[1], "field": col, "pred": p.get(col, ""),
             "gold": g[col]} for col in fields if p.get(col, "") != g[col]]


def evaluate(pred_path: str | Path, gold_path: str | Path) -> Report:
    return compare(load_rows(pred_path), load_rows(gold_path))
