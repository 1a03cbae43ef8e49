"""Human corrections that survive re-runs: a CSV of field values, checked before each use.

A row of the corrections file names one field of one measure of one source:

    source_sha256, source_file, measure_id, occurrence, field, original, value, note

* `source_sha256` pins the source version; `source_file` (its name) says which input the
  correction is for when that version is gone;
* `occurrence` tells apart measures that share an id (1 = the first in source order);
* `original` is the value the pipeline gave when the human decided (as in X.csv);
* `value` replaces it; `note` says why.

A correction is applied only while both the source's hash and the field's current value
equal what the human saw.  Otherwise it is *stale*: not applied, reported with its reason
(a warning, and an error with `--strict`), because a correction made against another
version could silently overwrite a right value with a wrong one.  `annex review` writes a
starter file for the rows it shows, with `original` and `value` both filled in: a line whose
`value` is still its `original` changes nothing and is no correction.  What depends on a
corrected field is derived again (a timeframe's start, end and recurrence; the agencies' ids).
"""
from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .contract import EDITABLE, LIST_COLUMNS, LIST_SEP, UNPARSED, Flag, Record
from .enums import AGENCY_FLAGS, FlagName
from .errors import DocumentLoadError
from .normalize.agencies import Gazetteer, agency_flags, unique_agencies
from .normalize.text import clean
from .normalize.timeframes import parse_timeframe

COLUMNS = ["source_sha256", "source_file", "measure_id", "occurrence", "field", "original", "value",
           "note"]
REQUIRED = ["source_sha256", "measure_id", "field", "value"]


@dataclass
class Correction:
    source_sha256: str
    measure_id: str
    field: str
    value: str
    occurrence: int = 1
    original: str | None = None  # None: the file has no `original` column, the value is not checked
    note: str = ""
    source_file: str = ""
    line: int = 0  # in the corrections file, for messages

    @property
    def changes_nothing(self) -> bool:
        """The value is the original: the person changed nothing on this line."""
        return self.original is not None and _same(self.field, self.value, self.original)

    def to_dict(self) -> dict:
        return {"line": self.line, "measure_id": self.measure_id, "occurrence": self.occurrence,
                "field": self.field, "original": self.original, "value": self.value,
                "note": self.note}


@dataclass
class Outcome:
    """What became of one correction in one extraction."""

    correction: Correction
    status: str  # "applied" or "stale"
    reason: str = ""

    def to_dict(self) -> dict:
        return self.correction.to_dict() | {"status": self.status, "reason": self.reason}


@dataclass
class Corrections:
    items: list[Correction] = field(default_factory=list)
    file: str = ""

    @classmethod
    def load(cls, path: str | Path) -> "Corrections":
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise DocumentLoadError(f"{path}: no such corrections file") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise DocumentLoadError(f"{path}: cannot read the corrections file "
                                    f"({exc.__class__.__name__})") from None
        return cls.parse(text, str(path))

    @classmethod
    def parse(cls, text: str, name: str = "corrections") -> "Corrections":
        reader = csv.DictReader(io.StringIO(text))
        missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise DocumentLoadError(f"{name}: not a corrections file: no column "
                                    f"{', '.join(missing)} (expected {','.join(COLUMNS)})")
        has_original = "original" in (reader.fieldnames or [])
        items = []
        for row in reader:
            item = _correction(row, reader.line_num, name, has_original)
            # a starter file's line left as it was
            if item is not None and not item.changes_nothing:
                items.append(item)
        return cls(items, name)

    def for_source(self, sha256: str, file: str) -> list[Correction]:
        """The corrections meant for this source: its version, or its name when that version is
        gone."""
        return [c for c in self.items
                if c.source_sha256 == sha256 or (c.source_file and c.source_file == file)]


def _correction(row: dict, line: int, name: str, has_original: bool) -> Correction | None:
    """One line of a corrections file (None: a blank line); a field that cannot be corrected or
    an occurrence that is no whole number >= 1 is an error naming the line."""
    get = {k: (v or "").strip() for k, v in row.items() if k is not None}
    if not any(get.values()):
        return None
    if get["field"] not in EDITABLE:
        raise DocumentLoadError(f"{name}, line {line}: field '{get['field']}' cannot be corrected "
                                f"(one of: {', '.join(EDITABLE)})")
    occurrence = get.get("occurrence") or "1"
    if not (occurrence.isascii() and occurrence.isdigit()) or int(occurrence) < 1:
        raise DocumentLoadError(f"{name}, line {line}: occurrence '{occurrence}' is not a whole "
                                f"number >= 1")
    return Correction(get["source_sha256"].lower(), get["measure_id"], get["field"],
                      row["value"] or "", int(occurrence),
                      (row.get("original") or "") if has_original else None,
                      get.get("note", ""), get.get("source_file", ""), line)

def field_text(rec: Record, name: str) -> str:
    """A field as X.csv writes it (lists joined with '; ')."""
    return _text(rec.columns()[name])


def _text(value) -> str:
    return LIST_SEP.join(value) if isinstance(value, list) else "" if value is None else str(value)


def _same(name: str, a: str, b: str) -> bool:
    """Two values of a field as a person would compare them: spaces around them (and around the
    items of a list) aside."""
    if name in LIST_COLUMNS:
        return _items(a) == _items(b)
    return a.strip() == b.strip()


def _items(value: str) -> list[str]:
    return [v.strip() for v in value.split(LIST_SEP.strip()) if v.strip()]


def apply(records: list[Record], corrections: list[Correction], sha256: str, gazetteer=None,
          period: tuple[int, int] | None = None) -> list[Outcome]:
    """Apply each correction that still fits, in file order; the others are stale.  What depends
    on a corrected field is derived again (`derive`), unless it was corrected too."""
    by_key: dict[tuple[str, int], Record] = {}
    seen: Counter = Counter()
    for rec in records:
        seen[rec.measure_id] += 1
        by_key[(rec.measure_id, seen[rec.measure_id])] = rec
    outcomes = []
    corrected: dict[int, tuple[Record, set[str]]] = {}
    for c in corrections:
        target = by_key.get((c.measure_id, c.occurrence))
        if c.source_sha256 != sha256:
            outcomes.append(Outcome(c, "stale", f"made for another version of the source (sha256 "
                                                f"{c.source_sha256[:12]}…)"))
        elif target is None:
            where = f" (occurrence {c.occurrence})" if c.occurrence > 1 else ""
            outcomes.append(Outcome(c, "stale", f"no measure {c.measure_id}{where} in this "
                                                f"extraction"))
        elif c.original is not None and field_text(target, c.field) != c.original:
            outcomes.append(Outcome(c, "stale", f"{c.field} is now "
                                                f"'{field_text(target, c.field)}', not "
                                                f"'{c.original}' as when the correction was made"))
        else:
            before = field_text(target, c.field)
            _set(target, c.field, c.value)
            detail = f"{c.field}: '{before}' -> '{c.value}'" + (f" ({c.note})" if c.note else "")
            target.flags.append(Flag(FlagName.CORRECTED, 1.0, detail))
            corrected.setdefault(id(target), (target, set()))[1].add(c.field)
            outcomes.append(Outcome(c, "applied"))
    for rec, fields in corrected.values():
        derive(rec, fields, gazetteer, period)
    return outcomes


def derive(rec: Record, corrected: set[str], gazetteer=None,
           period: tuple[int, int] | None = None) -> None:
    """Derive again what depends on the `corrected` fields of `rec`, as the extraction derives it:
    a timeframe's start, end, recurrence and its `timeframe_unparsed` flag; the agencies' ids,
    mentions (so the names not in the gazetteer) and their flags.  A field corrected by hand is
    kept as the person wrote it."""
    if "timeframe" in corrected:
        tf = parse_timeframe(rec.timeframe, period, other_words=True)
        derived = {"timeframe_start": tf.start, "timeframe_end": tf.end,
                   "timeframe_recurrence": tf.recurrence}
        for name, value in derived.items():
            if name not in corrected:
                setattr(rec, name, value)
        rec.flags = [f for f in rec.flags if f.name != FlagName.TIMEFRAME_UNPARSED]
        if not tf.ok and clean(rec.timeframe):
            rec.flags.append(Flag(FlagName.TIMEFRAME_UNPARSED, UNPARSED, tf.note))
    if "agencies" in corrected:
        gazetteer = gazetteer or Gazetteer.load()
        rec.mentions = gazetteer.mentions(LIST_SEP.join(rec.agencies))
        names, ids = unique_agencies(rec.mentions)
        rec.agencies = names
        if "agency_ids" not in corrected:
            rec.agency_ids = ids
        kept = [f for f in rec.flags if f.name not in AGENCY_FLAGS]
        rec.flags = kept + agency_flags(rec.mentions, gazetteer.body_words)


def _set(rec: Record, name: str, value: str) -> None:
    if name in LIST_COLUMNS:
        setattr(rec, name, _items(value))
    else:
        setattr(rec, name, value)


def starter_csv(records: list[dict], rows: set[int], sha256: str, file: str,
                fields: list[str]) -> str:
    """A corrections file to edit for the records whose `row` is in `rows`: one line per field,
    `value` = `original`.  `records` are all of the extraction's, in X.json's form, so occurrences
    count right."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    seen: Counter = Counter()
    for rec in records:
        seen[rec["measure_id"]] += 1
        if rec["row"] not in rows:
            continue
        for name in fields:
            text = _text(rec.get(name))
            writer.writerow({"source_sha256": sha256, "source_file": file,
                             "measure_id": rec["measure_id"], "occurrence": seen[rec["measure_id"]],
                             "field": name, "original": text, "value": text, "note": ""})
    return buf.getvalue()
