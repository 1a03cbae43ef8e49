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
import json
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from .contract import json_counts, unmatched_names
from .data import read_extraction_json
from .lexical import language_of
from .normalize.agencies import unique_agencies
from .normalize.text import clean, fold

MIN_PAIR = 0.45  # below this similarity two measures are not the same measure
AMBIGUOUS = 0.03  # a runner-up this close makes a pairing ambiguous
ID_BONUS = 0.05  # same language: agreement of numbers only breaks near-ties
REPEATED = 2  # an edit made alike in this many measures or more is shown once, with its measures
RENAMED_MIN = 0.5  # a body removed and one added share this part of their measures: maybe renamed
RENAMED_MEASURES = 2  # ... in at least this many measures (one swap in one measure is no rename)
TEXT_FIELDS = ("objective", "problem", "measure")
# of the JSON report: pipeline/schema/diff.schema.json; bump with any change to it
DIFF_SCHEMA_VERSION = 4


@dataclass
class Version:
    source: dict
    records: list[dict]
    lang: str

    def __post_init__(self):
        self.source.setdefault("quality", _quality({}, self.records))
        self.source.setdefault("label", self.source.get("file") or "")
        self.source.setdefault("unplaced", [])

    @property
    def quality(self) -> dict[str, int]:
        return self.source["quality"]

    @property
    def label(self) -> str:
        """How the reports name this side: the shortest path that tells it from the other side."""
        return self.source["label"]

    @property
    def unplaced(self) -> list[dict]:
        """The paragraphs of this side that no field took (`text`, `warning`): a damaged side."""
        return self.source["unplaced"]


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


def resolve_agencies(rec: dict, gazetteer) -> None:
    """Name a record's agencies again with `gazetteer`, from the mentions it was read with (a
    list boundary between each), else from its cell as written: an extracted `.json` meets the
    gazetteer of the diff, as a source does."""
    said = [m.get("mention", "") for m in rec.get("agency_mentions") or []] or \
        [rec.get("agencies_raw") or ""]
    mentions = gazetteer.mentions("; ".join(said))
    rec["agencies"], rec["agency_ids"] = unique_agencies(mentions)
    rec["agencies_unmatched"] = unmatched_names(mentions)
    rec["agency_mentions"] = [m.to_dict() for m in mentions]


def load_version(path: str | Path, gazetteer=None, resolve: bool = False) -> Version:
    """A version from any source the readers accept, or from an extracted `.json` (with `resolve`,
    its agencies named again with `gazetteer`)."""
    path = Path(path)
    if path.suffix.lower() == ".json":
        data = read_extraction_json(path)
        records, source = data["records"], data.get("source") or {"file": path.name}
        if resolve and gazetteer is not None:
            for rec in records:
                resolve_agencies(rec, gazetteer)
            data.pop("review", None)  # its unmatched names were the old gazetteer's
    else:
        from .extract import extract
        from .writers import extraction_to_json

        data = extraction_to_json(extract(path, gazetteer))
        records, source = data["records"], data["source"]
    keep = ("file", "sha256", "format", "title", "programme_period")
    lang = language_of([r.get("measure", "") for r in records])
    unplaced = [{"text": u.get("text", ""), "warning": u.get("warning", "")}
                for u in data.get("unplaced") or []]
    said = {"language": lang, "quality": _quality(data, records), "unplaced": unplaced}
    return Version({k: source.get(k) for k in keep if k in source} | said, records, lang)


def side_labels(old: str | Path, new: str | Path) -> tuple[str, str]:
    """The two sides' names: the file names, or where these agree the shortest end of each
    path that tells them apart (`v1/plan.docx`, `v2/plan.docx`)."""
    a, b = Path(old).absolute().parts, Path(new).absolute().parts
    for n in range(1, max(len(a), len(b)) + 1):
        left, right = "/".join(a[-n:]), "/".join(b[-n:])
        if left != right:
            return left, right
    return Path(old).name, Path(new).name


# -- similarity ----------------------------------------------------------------------

def _norm(text: str) -> str:
    return clean(fold(text or "")).lower()


def _ids(rec: dict) -> set[str]:
    return set(rec.get("agency_ids") or []) - {""}


def _timeframe(rec: dict) -> tuple[str, str, str]:
    return (rec.get("timeframe_start", ""), rec.get("timeframe_end", ""),
            rec.get("timeframe_recurrence", ""))


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
    # leaving a measure unpaired costs half of (1 - MIN_PAIR): a pair is kept iff it scores above
    # MIN_PAIR
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
            others = [float(scores[r, j]) for j in range(m) if j != c] \
                + [float(scores[i, c]) for i in range(n) if i != r]
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
    repeated: list[dict] = field(default_factory=list)  # `repeated_changes`
    maybe_renamed: list[dict] = field(default_factory=list)  # `maybe_renamed`

    @property
    def cross_language(self) -> bool:
        return self.old.lang != self.new.lang

    @property
    def summary(self) -> dict[str, int]:
        kinds = [c["kind"] for c in self.changes]
        changed_pairs = {(c["old_row"], c["new_row"]) for c in self.changes
                         if c["kind"] == "changed"}
        alone = {(c["old_row"], c["new_row"]) for c in self.changes
                 if c["kind"] == "changed" and "group" not in c}
        return {"added": kinds.count("added"), "removed": kinds.count("removed"),
                "not_in_translation": kinds.count("not_in_translation"),
                "renumbered": kinds.count("renumbered"), "changed": len(changed_pairs),
                "changed_by_repeats_only": len(changed_pairs - alone),
                "unchanged": self.unchanged,
                "uncertain": sum(1 for c in self.changes
                                 if c["uncertain"] and c["kind"] != "unchanged")}

    @property
    def same(self) -> bool:
        return all(c["kind"] == "unchanged" for c in self.changes)

    def to_json(self) -> dict:
        return {"schema_version": DIFF_SCHEMA_VERSION, "old": self.old.source,
                "new": self.new.source,
                "summary": self.summary, "changes": self.changes, "repeated": self.repeated,
                "maybe_renamed": self.maybe_renamed, "ambiguous": self.ambiguous}


def _judgement(rec: dict | None) -> bool:
    return rec is not None and _confidence(rec) < 1.0


def _base(kind: str, o: dict | None, n: dict | None, pair: Pair) -> dict:
    where = n or o or {}
    return {"kind": kind, "old_id": o.get("measure_id") if o else None,
            "new_id": n.get("measure_id") if n else None,
            "old_row": o.get("row") if o else None, "new_row": n.get("row") if n else None,
            "matched_by": pair.matched_by or None,
            "score": pair.score if pair.matched_by else None,
            "objective_id": where.get("objective_id", ""),
            "problem_id": where.get("problem_id", ""),
            "objective": where.get("objective", ""), "problem": where.get("problem", ""),
            "measure": where.get("measure", ""), "uncertain": _judgement(o) or _judgement(n)}


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


def _unknown(rec: dict) -> dict[str, str]:
    """The bodies the gazetteer does not know: normalised name -> the name as written."""
    return {_norm(name): name for name in rec.get("agencies_unmatched") or [] if _norm(name)}


def _agency_change(o: dict, n: dict, pair: Pair, same_language: bool, predecessors) -> dict | None:
    """Agencies compared as canonical ids, and the bodies no gazetteer knows by their normalised
    names (across languages names cannot be compared: ids only)."""
    old_ids, new_ids = _ids(o), _ids(n)
    old_unknown, new_unknown = (_unknown(o), _unknown(n)) if same_language else ({}, {})
    if old_ids == new_ids and old_unknown.keys() == new_unknown.keys():
        return None
    names = _names(o) | _names(n)
    passed = _passed(old_ids - new_ids, new_ids - old_ids, predecessors)
    added = sorted(new_ids - old_ids - {b for _, b in passed})
    removed = sorted(old_ids - new_ids - {a for a, _ in passed})
    added_unknown = [name for key, name in new_unknown.items() if key not in old_unknown]
    removed_unknown = [name for key, name in old_unknown.items() if key not in new_unknown]
    return _base("changed", o, n, pair) | {
        "field": "agencies", "added": added, "removed": removed,
        "added_names": [names.get(i, i) for i in added] + added_unknown,
        "removed_names": [names.get(i, i) for i in removed] + removed_unknown,
        "added_unknown": added_unknown, "removed_unknown": removed_unknown,
        "passed": [[a, b] for a, b in passed],
        "passed_names": [[names.get(a, a), names.get(b, b)] for a, b in passed]}


def field_changes(o: dict, n: dict, pair: Pair, same_language: bool,
                  predecessors=lambda _id: []) -> list[dict]:
    out = []
    if same_language:
        for name in TEXT_FIELDS:
            if _norm(o.get(name, "")) != _norm(n.get(name, "")):
                out.append(_base("changed", o, n, pair) | {
                    "field": name, "old": o.get(name, ""), "new": n.get(name, ""),
                    "redline": redline(o.get(name, ""), n.get(name, ""))})
        if _norm(o.get("indicator", "")) != _norm(n.get("indicator", "")):
            out.append(_base("changed", o, n, pair) | {
                "field": "indicator", "old": o.get("indicator", ""), "new": n.get("indicator", ""),
                "change": ("added" if not o.get("indicator")
                           else "removed" if not n.get("indicator") else "changed"),
                "redline": redline(o.get("indicator", ""), n.get("indicator", ""))})
    elif bool(o.get("indicator")) != bool(n.get("indicator")):
        out.append(_base("changed", o, n, pair) | {
            "field": "indicator", "old": o.get("indicator", ""), "new": n.get("indicator", ""),
            "change": "added" if n.get("indicator") else "removed"})
    raw_differs = same_language and _norm(o.get("timeframe", "")) != _norm(n.get("timeframe", ""))
    if _timeframe(o) != _timeframe(n) or raw_differs:
        out.append(_base("changed", o, n, pair) | {
            "field": "timeframe", "old": o.get("timeframe", ""), "new": n.get("timeframe", ""),
            "old_normalized": list(_timeframe(o)), "new_normalized": list(_timeframe(n))})
    agencies = _agency_change(o, n, pair, same_language, predecessors)
    return out + ([agencies] if agencies else [])


def _names(rec: dict) -> dict[str, str]:
    return dict(zip(rec.get("agency_ids") or [], rec.get("agencies") or []))


# -- what one change repeated across measures, and a body renamed, look like -----------------

def _measure_of(change: dict) -> str:
    return str(change.get("new_id") or change.get("old_id") or "")


def _edit(change: dict) -> dict | None:
    """What a field change did, apart from where: equal edits in several measures are one change."""
    if change["kind"] != "changed":
        return None
    if change["field"] == "agencies":
        keys = ("added_names", "removed_names", "passed_names", "added_unknown", "removed_unknown")
        return {k: change[k] for k in keys}
    if change["field"] == "timeframe":
        return {k: change[k] for k in ("old", "new", "old_normalized", "new_normalized")}
    if "redline" in change:
        return {"redline": [list(seg) for seg in change["redline"] if seg[0] != "equal"]}
    return {k: change[k] for k in ("old", "new")}


def repeated_changes(changes: list[dict]) -> list[dict]:
    """One entry per edit made alike in `REPEATED` measures or more (field, count, measures and the
    edit); each change of such an edit gets `group`, the entry's index."""
    groups: dict[str, list[dict]] = {}
    for c in changes:
        edit = _edit(c)
        if edit is not None:
            groups.setdefault(json.dumps([c["field"], edit], ensure_ascii=False), []).append(c)
    out: list[dict] = []
    for members in groups.values():
        if len(members) >= REPEATED:
            for c in members:
                c["group"] = len(out)
            out.append({"field": members[0]["field"], "count": len(members),
                        "measures": [_measure_of(c) for c in members]} | (_edit(members[0]) or {}))
    return out


def _bodies(changes: list[dict], key: str) -> dict[str, dict[str, None]]:
    """Body name -> the measures (in order) whose agencies change lists it under `key`."""
    out: dict[str, dict[str, None]] = {}
    for c in changes:
        names = c.get(key) or []
        for name in names if c.get("field") == "agencies" else []:
            out.setdefault(name, {})[_measure_of(c)] = None
    return out


def maybe_renamed(changes: list[dict]) -> list[dict]:
    """A body removed and another added in (mostly) the same measures, where no successors file
    says so: probably one body renamed.  Score: the share of their measures the two have in common
    (Jaccard); at least `RENAMED_MIN` and `RENAMED_MEASURES` measures, each name in one pair."""
    removed, added = _bodies(changes, "removed_names"), _bodies(changes, "added_names")
    scored = sorted(((_jaccard(set(r), set(a)), old, new)
                     for old, r in removed.items() for new, a in added.items()),
                    key=lambda t: -t[0])
    out, used_old, used_new = [], set(), set()
    for score, old, new in scored:
        common = [m for m in removed[old] if m in added[new]]
        fits = score >= RENAMED_MIN and len(common) >= RENAMED_MEASURES
        if fits and old not in used_old and new not in used_new:
            used_old.add(old)
            used_new.add(new)
            out.append({"old": old, "new": new, "measures": common, "score": round(score, 3)})
    return out


def diff_versions(old: Version, new: Version, unchanged: bool = False,
                  gazetteer=None) -> DiffResult:
    """The changes from `old` to `new`; `unchanged`: list the unchanged measures too (kind
    `unchanged`). A `gazetteer` with successors (`successor_of`) turns "agency removed, its
    successor added" into "responsibility passed" (`passed` in an agencies change)."""
    predecessors = gazetteer.predecessors if gazetteer is not None else (lambda _id: [])
    same_language = old.lang == new.lang
    result = DiffResult(old, new)
    pairs = pair_measures(old.records, new.records, same_language)
    # across languages, an objective with no measure paired is one the translation does not have
    translated = {old.records[p.old].get("objective_id") for p in pairs
                  if p.old is not None and p.new is not None}
    for pair in pairs:
        o = old.records[pair.old] if pair.old is not None else None
        n = new.records[pair.new] if pair.new is not None else None
        if o is None:
            assert n is not None  # a pair has at least one side
            result.changes.append(_base("added", None, n, pair) | {"new": n.get("measure", "")})
            continue
        if n is None:
            kind = ("removed" if same_language or o.get("objective_id") in translated
                    else "not_in_translation")
            result.changes.append(_base(kind, o, None, pair) | {"old": o.get("measure", "")})
            continue
        if pair.runner_up is not None and pair.runner_up >= MIN_PAIR \
                and pair.score - pair.runner_up < AMBIGUOUS:
            result.ambiguous.append({"old_id": o.get("measure_id"), "new_id": n.get("measure_id"),
                                     "old_row": o.get("row"), "new_row": n.get("row"),
                                     "score": pair.score, "runner_up_score": pair.runner_up})
        changes = field_changes(o, n, pair, same_language, predecessors)
        if o.get("measure_id") != n.get("measure_id"):
            result.changes.append(_base("renumbered", o, n, pair))
        elif not changes:
            result.unchanged += 1
            if unchanged:
                result.changes.append(_base("unchanged", o, n, pair))
        result.changes.extend(changes)
    result.repeated = repeated_changes(result.changes)
    result.maybe_renamed = maybe_renamed(result.changes)
    return result


def diff_files(old_path: str | Path, new_path: str | Path, gazetteer=None, unchanged: bool = False,
               resolve: bool = False) -> DiffResult:
    """`diff_versions` of two files; `resolve`: a `.json` side's agencies are named again with
    `gazetteer` (as `--agencies` asks), not kept as extracted."""
    if gazetteer is None:
        from .normalize.agencies import Gazetteer

        gazetteer = Gazetteer.load()
    old, new = (load_version(p, gazetteer, resolve) for p in (old_path, new_path))
    old.source["label"], new.source["label"] = side_labels(old_path, new_path)
    return diff_versions(old, new, unchanged, gazetteer)
