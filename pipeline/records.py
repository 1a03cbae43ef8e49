"""Aligned rows -> output `Record`s: ids, clean texts, normalised agencies and timeframes."""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .align import AlignedRow
from .layout import Block
from .model import Flag, Paragraph, Provenance, Record, Warning_
from .normalize.agencies import Gazetteer, unique_agencies
from .normalize.text import clean, split_numbering
from .normalize.timeframes import parse_timeframe


def _text(paras: list[Paragraph]) -> str:
    return clean(" ".join(p.text for p in paras))


def _numbered(paras: list[Paragraph]) -> tuple[str, str]:
    """(id, text without its number) of a numbered unit; continuation paragraphs joined."""
    if not paras:
        return "", ""
    num = split_numbering(paras[0].text)
    if num is None:
        return "", _text(paras)
    return num.number, clean(" ".join([num.text] + [p.text for p in paras[1:]]))


def _provs(paras: list[Paragraph]) -> list[Provenance]:
    return [p.prov for p in paras]


class RecordBuilder:
    """Builds records block after block, carrying merged objective/problem cells."""

    def __init__(self, gazetteer: Gazetteer, period: tuple[int, int] | None, extra_headers: Sequence[str] = ()):
        self.gazetteer = gazetteer
        self.period = period
        self.extra_headers = list(extra_headers)
        self.records: list[Record] = []
        self.warnings: list[Warning_] = []
        self._objective: list[Paragraph] = []
        self._problems: list[list[Paragraph]] = []

    def add_block(self, block: Block, rows: list[AlignedRow]) -> None:
        if block.objective or not block.carried:
            self._objective = block.objective or self._objective
        if block.problems or not block.carried:
            self._problems = block.problems or self._problems
        objective_id, objective = _numbered(self._objective)
        problems = [(_numbered(unit), unit) for unit in self._problems]
        for aligned in rows:
            self.records.append(self._record(aligned, objective_id, objective, problems))

    def _record(self, aligned: AlignedRow, objective_id: str, objective: str, problems) -> Record:
        measure_id, measure = _numbered(aligned.measure)
        num = split_numbering(aligned.measure[0].text)
        if num is not None and not num.has_trailing_dot:
            self.warnings.append(Warning_(f"measure number {measure_id} has no trailing dot",
                                          [aligned.measure[0].prov]))
        problem_units = _problem_for(measure_id, problems)
        (problem_id, problem), problem_paras = problem_units if problem_units else (("", ""), [])
        rec = Record(row=len(self.records) + 1, objective_id=objective_id, objective=objective,
                     problem_id=problem_id, problem=problem, measure_id=measure_id, measure=measure,
                     flags=list(aligned.flags))
        if not measure_id:  # a fact the id column cannot show by itself: no number was read
            rec.flags.append(Flag("measure_unnumbered", 1.0, "no number was read at the start of the measure"))
        rec.provenance = {"objective": _provs(self._objective), "problem": _provs(problem_paras),
                          "measure": _provs(aligned.measure), "timeframe": _provs(aligned.timeframe),
                          "agencies": _provs(aligned.agencies), "indicator": _provs(aligned.indicator)}
        for name in self.extra_headers:
            paras = aligned.extras.get(name, [])
            rec.extra[name] = _text(paras)
            rec.provenance[f"extra:{name}"] = _provs(paras)
        self._timeframe(rec, aligned.timeframe)
        self._agencies(rec, aligned.agencies)
        rec.indicator = _text(aligned.indicator)
        return rec

    def _timeframe(self, rec: Record, paras: list[Paragraph]) -> None:
        rec.timeframe = _text(paras)
        if not paras:
            return
        tf = parse_timeframe(rec.timeframe, self.period)
        rec.timeframe_start, rec.timeframe_end, rec.timeframe_recurrence = tf.start, tf.end, tf.recurrence
        if not tf.ok:
            rec.flags.append(Flag("timeframe_unparsed", 1.0, tf.note))

    def _agencies(self, rec: Record, paras: list[Paragraph]) -> None:
        rec.agencies_raw = _text(paras)
        rec.mentions = self.gazetteer.mentions(rec.agencies_raw)
        rec.agencies, rec.agency_ids = unique_agencies(rec.mentions)
        for m in rec.mentions:
            if m.method == "garble":
                rec.flags.append(Flag("agency_garbled", 1.0, f"'{m.mention}' read as {m.agency} (override table)"))
            elif m.method == "partial":
                rec.flags.append(Flag("agency_garbled", m.score / 100,
                                      f"'{m.mention}' is a cut-off part of one name only: {m.agency}"))
            elif m.method == "fuzzy":
                rec.flags.append(Flag("agency_fuzzy", m.score / 100, f"'{m.mention}' -> {m.agency}"))
            elif m.method == "unmatched":
                rec.flags.append(Flag("agency_unmatched", 1.0, f"'{m.mention}' is not in the gazetteer"))

    def finish(self) -> list[Record]:
        counts = Counter(r.measure_id for r in self.records if r.measure_id)
        for rec in self.records:
            if counts[rec.measure_id] > 1:
                rec.flags.append(Flag("duplicate_measure_id", 1.0,
                                      f"measure id {rec.measure_id} appears {counts[rec.measure_id]} times"))
        return self.records


def _problem_for(measure_id: str, problems):
    """The problem whose number is the longest prefix of the measure's, else the last one."""
    best = None
    for (pid, text), unit in problems:
        if pid and (measure_id == pid or measure_id.startswith(pid + ".")):
            if best is None or len(pid) > len(best[0][0]):
                best = ((pid, text), unit)
    if best is None and problems:
        best = problems[-1]
    return best
