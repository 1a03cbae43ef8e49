"""Compare two versions of an annex, or a version and its translation, measure by measure.

Measures are paired by one global assignment (`scipy.optimize.linear_sum_assignment`)
over a similarity in which content weighs more than the measure number:

* same language: the measure's text (rapidfuzz), its indicator, its timeframe (normalised)
  and its agencies (canonical ids), plus a small bonus when the ids agree;
* across languages (a translation): structure only, since the texts cannot be compared:
  the id, the normalised timeframe, the agency ids and whether an indicator is present.

So a measure whose number shifted is *renumbered*, not removed and added, and two
measures that share a number are told apart by what they say.  A pair below
`MIN_PAIR` is no pair: the old measure is *removed*, the new one *added*.  A pair
whose runner-up scores within `AMBIGUOUS` of it is reported in `ambiguous`.  Across
languages, an old measure of an objective that has no measure at all in the new version
is *not in the translation* (a partial translation), not removed.

The report never hides how good its inputs are: each side carries its quality (paragraphs
not placed, rows below confidence 0.5, rows with any judgement, unmatched agency names),
and a change whose row on either side is a judgement (confidence below 1) is `uncertain`.

Each pair then yields its changes, one per field: texts with a word-level redline,
the timeframe on its normalised start/end/recurrence and its text, agencies as sets
of canonical agencies (so a short form of a name is no change), the indicator added,
removed or changed.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from .contract import json_counts
from .data import read_extraction_json
from .lexical import language_of
from .normalize.text import clean, fold

MIN_PAIR = 0.45  # below this similarity two measures are not the same measure
AMBIGUOUS = 0.03  # a runner-up this close makes a pairing ambiguous
ID_BONUS = 0.05  # same language: agreement of numbers only breaks near-ties
TEXT_FIELDS = ("objective", "problem", "measure")
DIFF_SCHEMA_VERSION = 3  # of the JSON report: pipeline/schema/diff.schema.json; bump with any change to it


@dataclass
class Version:
    source: dict
    records: list[dict]
    lang: str

    def __post_init__(self):
        self.source.setdefault("quality", _quality({}, self.records))

    @property
    def quality(self) -> dict[str, int]:
        return self.source["quality"]


def _confidence(rec: dict) -> float:
    """A row's confidence; a gold file made by hand may leave it out: then it is no judgement."""
    value = rec.get("confidence")
    return 1.0 if value in (None, "") else float(value)


def _quality(data: dict, records: list[dict]) -> dict[str, int]:
    """How much of a side is judgement: what a reader of the diff must know before trusting it."""
    counts = json_counts(records)
    unmatched = (data.get("review") or {}).get("unmatched_agencies")
    if not isinstance(unmatched, list):
        unmatched = sorted({n for r in records for n in r.get("agencies_unmatched") or []})
    return {"unplaced": len(data.get("unplaced") or []), "doubtful_rows": counts["doubtful_rows"],
            "judgement_rows": counts["judgement_rows"], "unmatched_agencies": len(unmatched)}


def load_version(path: str | Path, gazetteer=None) -> Version:
    """A version from any source the readers accept, or from an extracted `.json`."""
    path = Path(path)
    if path.suffix.lower() == ".json":
        data = read_extraction_json(path)
        records, source = data["records"], data.get("source") or {"file": path.name}
    else:
        from .extract import extract
        from .writers import extraction_to_json

        data = extraction_to_json(extract(path, gazetteer))
        records, source = data["records"], data["source"]
    keep = ("file", "sha256", "format", "title", "programme_period")
    lang = language_of([r.get("measure", "") for r in records])
    return Version({k: source.get(k) for k in keep if k in source} | {"language": lang, "quality": _quality(data, records)},
                   records, lang)


# -- similarity ----------------------------------------------------------------------

def _norm(text: str) -> str:
    return clean(fold(text or "")).lower()


def _ids(rec: dict) -> set[str]:
    return set(rec.get("agency_ids") or []) - {""}


def _timeframe(rec: dict) -> tuple[str, str, str]:
    return rec.get("timeframe_start", ""), rec.get("timeframe_end", ""), rec.get("timeframe_recurrence", "")


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a | b else 1.0


def _text_similarity(a: str, b: str) -> float:
    a, b = _norm(a), _norm(b)
    if not a and not b:
        return 1.0
    return max(fuzz.ratio(a, b), 0.9 * fuzz.token_set_ratio(a, b)) / 100


def similarity(old: dict, new: dict, same_language: bool) -> float:
    timeframe = 1.0 if _timeframe(old) == _timeframe(new) else 0.0
    agencies = _jaccard(_ids(old), _ids(new))
    same_id = 1.0 if old.get("measure_id") == new.get("measure_id") else 0.0
    if same_language:
        text = _text_similarity(old.get("measure", ""), new.get("measure", ""))
        indicator = _text_similarity(old.get("indicator", ""), new.get("indicator", ""))
        return 0.6 * text + 0.1 * indicator + 0.1 * timeframe + 0.2 * agencies + ID_BONUS * same_id
    presence = 1.0 if bool(old.get("indicator")) == bool(new.get("indicator")) else 0.0
    return 0.4 * same_id + 0.25 * timeframe + 0.25 * agencies + 0.1 * presence


# -- pairing ---------------------------------------------------------------------------

@dataclass
class Pair:
    old: int | None  # index into the old records
    new: int | None
    score: float = 0.0
    matched_by: str = ""
    runner_up: float | None = None


def pair_measures(old: list[dict], new: list[dict], same_language: bool) -> list[Pair]:
    """One global assignment; unpaired measures come back with the other side None."""
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    n, m = len(old), len(new)
    scores = np.array([[similarity(o, w, same_language) for w in new] for o in old]).reshape(n, m)
    # leaving a measure unpaired costs half of (1 - MIN_PAIR): a pair is kept iff it scores above MIN_PAIR
    alone = (1 - MIN_PAIR) / 2
    big = 1e6
    cost = np.full((n + m, m + n), big)
    cost[:n, :m] = 1 - scores
    cost[:n, m:] = np.where(np.eye(n, dtype=bool), alone, big)
    cost[n:, :m] = np.where(np.eye(m, dtype=bool), alone, big)
    cost[n:, m:] = 0.0
    rows, cols = linear_sum_assignment(cost)
    pairs: list[Pair] = []
    paired_new = set()
    for r, c in zip(rows, cols):
        if r < n and c < m:
            s = float(scores[r, c])
            others = [float(scores[r, j]) for j in range(m) if j != c] + [float(scores[i, c]) for i in range(n) if i != r]
            runner = max(others, default=None)
            same_id = old[r].get("measure_id") == new[c].get("measure_id")
            how = ("id+" if same_id else "") + ("content" if same_language else "structure")
            pairs.append(Pair(r, c, round(s, 3), how, None if runner is None else round(runner, 3)))
            paired_new.add(c)
        elif r < n:
            pairs.append(Pair(r, None))
    pairs.extend(Pair(None, c) for c in range(m) if c not in paired_new)
    # report in the new version's order; a removed measure stands after the new place of
    # the old measure before it
    new_of_old = {p.old: p.new for p in pairs if p.old is not None and p.new is not None}

    def position(p: Pair) -> tuple[float, int]:
        if p.new is not None:
            return p.new, 0
        assert p.old is not None  # a pair has at least one side
        before = [new_of_old[i] for i in range(p.old) if i in new_of_old]
        return (max(before) if before else -1) + 0.5, p.old

    pairs.sort(key=position)
    return pairs


# -- changes ---------------------------------------------------------------------------

def redline(old: str, new: str) -> list[tuple[str, str]]:
    """Word-level edit script: [("equal"|"delete"|"insert", text), ...]."""
    a, b = old.split(), new.split()
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("equal", " ".join(a[i1:i2])))
        else:
            if i2 > i1:
                out.append(("delete", " ".join(a[i1:i2])))
            if j2 > j1:
                out.append(("insert", " ".join(b[j1:j2])))
    return out


@dataclass
class DiffResult:
    old: Version
    new: Version
    changes: list[dict] = field(default_factory=list)
    ambiguous: list[dict] = field(default_factory=list)
    unchanged: int = 0

    @property
    def cross_language(self) -> bool:
        return self.old.lang != self.new.lang

    @property
    def summary(self) -> dict[str, int]:
        kinds = [c["kind"] for c in self.changes]
        changed_pairs = {(c["old_row"], c["new_row"]) for c in self.changes if c["kind"] == "changed"}
        return {"added": kinds.count("added"), "removed": kinds.count("removed"),
                "not_in_translation": kinds.count("not_in_translation"),
                "renumbered": kinds.count("renumbered"), "changed": len(changed_pairs),
                "unchanged": self.unchanged, "uncertain": sum(1 for c in self.changes if c["uncertain"]
                                                             and c["kind"] != "unchanged")}

    @property
    def same(self) -> bool:
        return all(c["kind"] == "unchanged" for c in self.changes)

    def to_json(self) -> dict:
        return {"schema_version": DIFF_SCHEMA_VERSION, "old": self.old.source, "new": self.new.source,
                "summary": self.summary,
                "changes": self.changes, "ambiguous": self.ambiguous}


def _judgement(rec: dict | None) -> bool:
    return rec is not None and _confidence(rec) < 1.0


def _base(kind: str, o: dict | None, n: dict | None, pair: Pair) -> dict:
    where = n or o or {}
    return {"kind": kind, "old_id": o.get("measure_id") if o else None, "new_id": n.get("measure_id") if n else None,
            "old_row": o.get("row") if o else None, "new_row": n.get("row") if n else None,
            "matched_by": pair.matched_by or None, "score": pair.score if pair.matched_by else None,
            "objective_id": where.get("objective_id", ""), "problem_id": where.get("problem_id", ""),
            "objective": where.get("objective", ""), "uncertain": _judgement(o) or _judgement(n)}


def _passed(removed: set[str], added: set[str], predecessors) -> list[tuple[str, str]]:
    """(old id, new id) where the new body is a successor of the old one in the gazetteer
    (`successor_of`): responsibility passed on, not one body dropped and another added."""
    out = []
    for new_id in sorted(added):
        old_id = next((p for p in predecessors(new_id) if p in removed), None)
        if old_id is not None:
            out.append((old_id, new_id))
            removed = removed - {old_id}
    return out


def field_changes(o: dict, n: dict, pair: Pair, same_language: bool, predecessors=lambda _id: []) -> list[dict]:
    out = []
    if same_language:
        for name in TEXT_FIELDS:
            if _norm(o.get(name, "")) != _norm(n.get(name, "")):
                out.append(_base("changed", o, n, pair) | {"field": name, "old": o.get(name, ""), "new": n.get(name, ""),
                                                           "redline": redline(o.get(name, ""), n.get(name, ""))})
        if _norm(o.get("indicator", "")) != _norm(n.get("indicator", "")):
            out.append(_base("changed", o, n, pair) | {
                "field": "indicator", "old": o.get("indicator", ""), "new": n.get("indicator", ""),
                "change": "added" if not o.get("indicator") else "removed" if not n.get("indicator") else "changed",
                "redline": redline(o.get("indicator", ""), n.get("indicator", ""))})
    elif bool(o.get("indicator")) != bool(n.get("indicator")):
        out.append(_base("changed", o, n, pair) | {"field": "indicator", "old": o.get("indicator", ""),
                                                   "new": n.get("indicator", ""),
                                                   "change": "added" if n.get("indicator") else "removed"})
    raw_differs = same_language and _norm(o.get("timeframe", "")) != _norm(n.get("timeframe", ""))
    if _timeframe(o) != _timeframe(n) or raw_differs:
        out.append(_base("changed", o, n, pair) | {
            "field": "timeframe", "old": o.get("timeframe", ""), "new": n.get("timeframe", ""),
            "old_normalized": list(_timeframe(o)), "new_normalized": list(_timeframe(n))})
    old_ids, new_ids = _ids(o), _ids(n)
    if old_ids != new_ids:
        names = _names(o) | _names(n)
        passed = _passed(old_ids - new_ids, new_ids - old_ids, predecessors)
        added = sorted(new_ids - old_ids - {b for _, b in passed})
        removed = sorted(old_ids - new_ids - {a for a, _ in passed})
        out.append(_base("changed", o, n, pair) | {
            "field": "agencies", "added": added, "removed": removed,
            "added_names": [names.get(i, i) for i in added], "removed_names": [names.get(i, i) for i in removed],
            "passed": [[a, b] for a, b in passed],
            "passed_names": [[names.get(a, a), names.get(b, b)] for a, b in passed]})
    return out


def _names(rec: dict) -> dict[str, str]:
    return dict(zip(rec.get("agency_ids") or [], rec.get("agencies") or []))


def diff_versions(old: Version, new: Version, unchanged: bool = False, gazetteer=None) -> DiffResult:
    """The changes from `old` to `new`; `unchanged`: list the unchanged measures too (kind `unchanged`).
    A `gazetteer` with successors (`successor_of`) turns "agency removed, its successor added" into
    "responsibility passed" (`passed` in an agencies change)."""
    predecessors = gazetteer.predecessors if gazetteer is not None else (lambda _id: [])
    same_language = old.lang == new.lang
    result = DiffResult(old, new)
    pairs = pair_measures(old.records, new.records, same_language)
    # across languages, an objective with no measure paired is one the translation does not have
    translated = {old.records[p.old].get("objective_id") for p in pairs if p.old is not None and p.new is not None}
    for pair in pairs:
        o = old.records[pair.old] if pair.old is not None else None
        n = new.records[pair.new] if pair.new is not None else None
        if o is None:
            assert n is not None  # a pair has at least one side
            result.changes.append(_base("added", None, n, pair) | {"new": n.get("measure", "")})
            continue
        if n is None:
            kind = "removed" if same_language or o.get("objective_id") in translated else "not_in_translation"
            result.changes.append(_base(kind, o, None, pair) | {"old": o.get("measure", "")})
            continue
        if pair.runner_up is not None and pair.runner_up >= MIN_PAIR and pair.score - pair.runner_up < AMBIGUOUS:
            result.ambiguous.append({"old_id": o.get("measure_id"), "new_id": n.get("measure_id"),
                                     "old_row": o.get("row"), "new_row": n.get("row"), "score": pair.score,
                                     "runner_up_score": pair.runner_up})
        changes = field_changes(o, n, pair, same_language, predecessors)
        if o.get("measure_id") != n.get("measure_id"):
            result.changes.append(_base("renumbered", o, n, pair) | {"measure": n.get("measure", "")})
        elif not changes:
            result.unchanged += 1
            if unchanged:
                result.changes.append(_base("unchanged", o, n, pair) | {"measure": n.get("measure", "")})
        result.changes.extend(changes)
    return result


def diff_files(old_path: str | Path, new_path: str | Path, gazetteer=None, unchanged: bool = False) -> DiffResult:
    if gazetteer is None:
        from .normalize.agencies import Gazetteer

        gazetteer = Gazetteer.load()
    return diff_versions(load_version(old_path, gazetteer), load_version(new_path, gazetteer), unchanged, gazetteer)
