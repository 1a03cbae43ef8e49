"""Aligned rows -> output `Record`s: ids, clean texts, normalised agencies and timeframes, steps."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from .align import AlignedRow, AlignedStep
from .align.roles import RoleScores, agency_echoes, agency_mismatches, cell_mismatches
from .blocks import Block, Heading, Unit
from .contract import (
    MISMATCH,
    NUMBER_BESIDE,
    OCR_READ_AS,
    UNNUMBERED,
    UNPARSED,
    Flag,
    Record,
    Step,
)
from .enums import FlagName
from .model import Paragraph, Provenance, Role, Warning_
from .normalize.agencies import (
    PARAGRAPH_END,
    Gazetteer,
    agency_flags,
    as_plan_of,
    not_bodies,
    unique_agencies,
)
from .normalize.numbering import label_of
from .normalize.text import clean, is_ditto
from .normalize.timeframes import Timeframe, parse_ocr_timeframe, parse_timeframe
from .structure.header import header_roles

ELSEWHERE = 0.3  # a measure numbered under another heading than its own: doubtful


def _numbered_elsewhere(child: str, parent: str) -> bool:
    """Is a measure's number (`2.1`) that of a child of another heading than its own (`1`)?
    Only where both are numbers of arabic digits and the child's has more parts."""
    if not (re.fullmatch(r"\d+(\.\d+)*", child) and re.fullmatch(r"\d+(\.\d+)*", parent)):
        return False
    kid, head = child.split("."), parent.split(".")
    return len(kid) > len(head) and kid[:len(head)] != head


def flag_numbered_under_another(records: list[Record]) -> None:
    """A measure whose number names a problem (`1.1.1` of `1.1`) that another row of its objective
    is under, while it is not: where the heading's cell stood beside other rows than its first
    measure's (a heading set in the middle of the rows it spans, by a producer that cut the
    span at a page), the measure was read under another heading, or none (`alignment_uncertain`,
    `ELSEWHERE`)."""
    named: dict[str, set[str]] = {}
    for rec in records:
        if rec.problem_id:
            named.setdefault(rec.objective_id, set()).add(rec.problem_id)
    for rec in records:
        heads = [p for p in named.get(rec.objective_id, ()) if rec.measure_id.startswith(p + ".")]
        if heads and rec.problem_id not in heads and \
                FlagName.MEASURE_UNNUMBERED.value not in rec.flag_names:
            rec.flags.append(Flag(FlagName.ALIGNMENT_UNCERTAIN, ELSEWHERE,
                                  f"the measure's number {rec.measure_id} is one under problem "
                                  f"{max(heads, key=len)}, which another row names: it may belong "
                                  "there"))


def _unnumbered(position: str, extras: dict[str, list[Paragraph]]) -> Flag:
    """The flag of a measure no number was read for: its id is its position; below `DOUBTFUL`
    where an extra column beside it holds item numbers alone (`Ne`: `1.1.`), the number
    column's header misread and its numbers not taken for the measures' (`NUMBER_BESIDE`)."""
    said = f"no number was read for the measure: {position} is its position under its heading"
    beside = [(name, _text(paras)) for name, paras in extras.items() if _numbers_alone(paras)]
    if not beside:
        return Flag(FlagName.MEASURE_UNNUMBERED, UNNUMBERED, said)
    name, text = beside[0]
    return Flag(FlagName.MEASURE_UNNUMBERED, NUMBER_BESIDE,
                f"{said}; column '{name}' beside it holds '{text}', as a number column would")


def _numbers_alone(paras: list[Paragraph]) -> bool:
    """Paragraphs that are item numbers alone (`1.1.`, `2`), none holding anything else."""
    texts = [clean(p.text) for p in paras if clean(p.text)]
    labels = [label_of(text) for text in texts]
    return bool(labels) and all(label and label.style == "bare" for label in labels)


def _text(paras: list[Paragraph]) -> str:
    return clean(" ".join(p.text for p in paras))


def _standing(paras: list[Paragraph]) -> str:
    """The paragraphs' text without what their source strikes through (`Paragraph.standing`)."""
    return clean(" ".join(p.standing() for p in paras))


def _cells_marked(aligned: AlignedRow) -> bool:
    """Are the row's measure and agencies in cells its file marks (a Word or HTML table's, not a
    flattened text's or a PDF's, whose columns are a reading)?  Then an agency name that echoes
    the measure's words (`align.roles.agency_echoes`) is no sign of columns told apart wrong."""
    return _marked([*aligned.measure.paragraphs, *aligned.agencies])


def _marked(paras: list[Paragraph]) -> bool:
    """Are the paragraphs in cells their file marks (a Word or HTML table's)?"""
    return all(p.prov.cell is not None and p.prov.pages is None for p in paras)


def _timeframe_of(paras: list[Paragraph], period: tuple[int, int] | None) -> Timeframe:
    """A deadline cell's paragraphs read: as alternatives (`до 10.01.2023` / `до 10.07.2023`,
    `Ежеквартально` / `3 квартал 2023`), else as one text over lines (`ежегодно` / `до 1 марта`);
    the first's note where neither reads."""
    alternatives = parse_timeframe(" / ".join(p.standing() for p in paras), period,
                                   other_words=True)
    if alternatives.ok or len(paras) < 2:
        return alternatives
    joined = parse_timeframe(_standing(paras), period, other_words=True)
    return joined if joined.ok else alternatives


def _provs(paras: list[Paragraph]) -> list[Provenance]:
    return [p.prov for p in paras]


class RecordBuilder:
    """Builds the records of one plan table, block after block."""

    def __init__(self, gazetteer: Gazetteer, period: tuple[int, int] | None,
                 extra_headers: Sequence[str] = (),
                 table: int = 0, table_title: str = "", first_row: int = 1,
                 country: str | None = None, lang: str = "en", ocr: bool = False,
                 stranger: bool = False):
        """`country`: the plan's, where it is not the gazetteer's own (`BodyWords.plan_country`);
        `lang`: the plan's language, for the cues of each column's role (`align.roles`); `ocr`:
        its text was read by OCR (a timeframe word misread is read as what it stands for, and
        flagged: `parse_ocr_timeframe`); `stranger`: the gazetteer mostly does not know the
        plan's bodies (`mostly_unknown`)."""
        self.gazetteer = gazetteer
        self.ocr = ocr
        self.country = country
        self.stranger = stranger
        self.period = period
        self.extra_headers = list(extra_headers)
        self.table, self.table_title = table, table_title
        self.first_row = first_row
        self.roles = RoleScores(gazetteer, lang, period)
        self.records: list[Record] = []
        self.warnings: list[Warning_] = []

    def add_block(self, block: Block, rows: list[AlignedRow]) -> None:
        objective_id = _objective_id(block.objective, [r.measure for r in rows])
        for aligned in rows:
            self.records.append(self._record(aligned, block.objective, objective_id,
                                             block.problems))

    def _record(self, aligned: AlignedRow, objective: Heading | None, objective_id: str,
                problems: list[Heading]) -> Record:
        unit = aligned.measure
        if unit.numbered and not unit.trailing_dot:
            self.warnings.append(Warning_(f"measure number {unit.id} has no trailing dot",
                                          [unit.paragraphs[0].prov]))
        problem = _problem_for(unit.id if unit.numbered else "", problems)
        rec = Record(row=self.first_row + len(self.records),
                     objective_id=objective_id,
                     objective=objective.text if objective else "",
                     problem_id=problem.id if problem and problem.numbered else "",
                     problem=problem.text if problem else "", measure_id=unit.id, measure=unit.text,
                     flags=list(aligned.flags), table=self.table, table_title=self.table_title)
        parent = rec.problem_id or rec.objective_id
        if unit.numbered and _numbered_elsewhere(unit.id, parent):
            rec.flags.append(Flag(FlagName.ALIGNMENT_UNCERTAIN, ELSEWHERE,
                                  f"the measure's number {unit.id} is not one under its heading's "
                                  f"{parent}: it may belong to another heading"))
        if not unit.numbered:  # a fact the id column cannot show by itself: the id is a position
            rec.flags.append(_unnumbered(unit.id, aligned.extras))
        rec.provenance = {"objective": _provs(objective.paragraphs) if objective else [],
                          "problem": _provs(problem.paragraphs) if problem else [],
                          "measure": _provs(unit.paragraphs),
                          "timeframe": _provs(aligned.timeframe),
                          "agencies": _provs(aligned.agencies),
                          "indicator": _provs(aligned.indicator)}
        for name in self.extra_headers:
            paras = aligned.extras.get(name, [])
            rec.extra[name] = _text(paras)
            rec.provenance[f"extra:{name}"] = _provs(paras)
        if aligned.steps:
            self._steps(rec, aligned.steps, aligned.timeframe)
        else:
            self._timeframe(rec, aligned.timeframe)
        self._agencies(rec, aligned.agencies)
        rec.indicator = _text(aligned.indicator)
        rec.flags.extend(m.flag() for m in self._mismatches(rec, aligned))
        rec.flags.extend(_header_pieces(objective, problem, aligned))
        return rec

    def _mismatches(self, rec: Record, aligned: AlignedRow):
        """The pieces of the row's cells that read as another column's (`align.roles`)."""
        cells = {Role.MEASURE: [p.text for p in aligned.measure.paragraphs],
                 Role.TIMEFRAME: [p.text for p in aligned.timeframe]
                 + [p.text for step in aligned.steps for p in step.timeframe],
                 Role.INDICATOR: [p.text for p in aligned.indicator]}
        words = self.gazetteer.body_words
        why_not = not_bodies(rec.mentions, words, _marked(aligned.agencies))
        unknown = [(m.mention, not why) for m, why in zip(rec.mentions, why_not)
                   if m.method == "unmatched"]
        shaped = [piece for piece, body_shaped in unknown if body_shaped]
        steps = [p.text for step in aligned.steps for p in step.text]
        said = {Role.MEASURE: cells[Role.MEASURE] + steps, Role.INDICATOR: cells[Role.INDICATOR]}
        echoes = [] if _cells_marked(aligned) else agency_echoes(shaped, said)
        marked = _marked([*aligned.measure.paragraphs, *aligned.timeframe, *aligned.indicator])
        return cell_mismatches(self.roles, cells, marked) + agency_mismatches(self.roles, unknown) \
            + echoes

    def _timeframe(self, rec: Record, paras: list[Paragraph]) -> None:
        rec.timeframe = _text(paras)
        if not paras:
            return
        if is_ditto(rec.timeframe) and self.records:
            self._timeframe_above(rec, self.records[-1])
            return
        # a revised date (`<s>June 30, 2020</s> July 31, 2020`): the struck one is withdrawn
        tf = self._parse(rec, _standing(paras), "timeframe") if self.ocr \
            else _timeframe_of(paras, self.period)
        rec.timeframe = tf.read_as or rec.timeframe
        rec.timeframe_start, rec.timeframe_end, rec.timeframe_recurrence = (tf.start, tf.end,
                                                                             tf.recurrence)
        if not tf.ok:
            rec.flags.append(Flag(FlagName.TIMEFRAME_UNPARSED, UNPARSED, tf.note))

    def _parse(self, rec: Record, text: str, field: str) -> Timeframe:
        """A timeframe cell parsed; from OCR, a word misread is read as the timeframe word it
        becomes under OCR's confusions, and the field flagged `ocr_doubt` (`OCR_READ_AS`); where
        one reading alone makes the cell a timeframe, the field's text is that reading
        (`Timeframe.read_as`, `Q1 2017` for `Ql 2017`), flagged all the same."""
        if not self.ocr:
            return parse_timeframe(text, self.period, other_words=True)
        tf, misread = parse_ocr_timeframe(text, self.period, other_words=True)
        if misread:
            listed = ", ".join(f"'{word}' (read as {meant}, an OCR confusion)"
                               for word, meant in misread)
            rec.flags.append(Flag(FlagName.OCR_DOUBT, OCR_READ_AS, f"{field}: {listed}"))
        return tf

    @staticmethod
    def _timeframe_above(rec: Record, above: Record) -> None:
        """A ditto mark for a timeframe (`(See Above)`): the values of the row above, as a cell
        merged down over both would give, flagged `merged_cell`; unparsed where the row above
        has none."""
        rec.timeframe_start, rec.timeframe_end, rec.timeframe_recurrence = (
            above.timeframe_start, above.timeframe_end, above.timeframe_recurrence)
        rec.flags.append(Flag(FlagName.MERGED_CELL, 1.0, f"the timeframe '{rec.timeframe}' "
                              f"repeats the row above's ('{above.timeframe}')"))
        if not (rec.timeframe_end or rec.timeframe_recurrence):
            rec.flags.append(Flag(FlagName.TIMEFRAME_UNPARSED, UNPARSED,
                                  "a ditto mark, and the row above has no timeframe read"))

    def _steps(self, rec: Record, steps: list[AlignedStep], own: list[Paragraph]) -> None:
        """Each step with its parsed deadline; the measure's deadline is theirs together: the texts
        joined with ` | `, the earliest start, the latest end (each empty where a step has none),
        the first recurrence other than `once`."""
        for step in steps:
            out = Step(text=_text(step.text), timeframe=_text(step.timeframe),
                       provenance={"text": _provs(step.text), "timeframe": _provs(step.timeframe)})
            if step.timeframe:
                tf = self._parse(rec, _standing(step.timeframe),
                                 f"step {len(rec.steps) + 1} timeframe")
                out.timeframe = tf.read_as or out.timeframe
                out.timeframe_start, out.timeframe_end, out.timeframe_recurrence = (
                    tf.start, tf.end, tf.recurrence)
                if not tf.ok:
                    note = f"step {len(rec.steps) + 1}: {tf.note}"
                    rec.flags.append(Flag(FlagName.TIMEFRAME_UNPARSED, UNPARSED, note))
            rec.steps.append(out)
        # a deadline of the measure's own, beside its steps
        rec.provenance["timeframe"] = _provs(own)
        dated = [s for s in rec.steps if s.timeframe]
        rec.timeframe = " | ".join([_text(own)] * bool(own) + [s.timeframe for s in dated])
        if not dated:
            self._timeframe(rec, own)
            return
        starts = [s.timeframe_start for s in dated]
        ends = [s.timeframe_end for s in dated]
        rec.timeframe_start = min(starts) if all(starts) else ""
        rec.timeframe_end = max(ends) if all(ends) else ""
        recurrences = [s.timeframe_recurrence for s in dated
                       if s.timeframe_recurrence not in ("", "once")]
        rec.timeframe_recurrence = recurrences[0] if recurrences else \
            ("once" if all(s.timeframe_recurrence == "once" for s in dated) else "")

    def _agencies(self, rec: Record, paras: list[Paragraph]) -> None:
        rec.agencies_raw = _text(paras)
        # each paragraph's end is a boundary, as a comma is: one body per line reads as such; so is
        # a line end where the page shows no paragraph break (`Paragraph.breaks`)
        cell = PARAGRAPH_END.join("\n".join(clean(line) for line in p.lines()) for p in paras)
        mentions = self.gazetteer.mentions(cell)
        localised = as_plan_of(self.gazetteer, mentions, self.country, self.stranger)
        rec.mentions = [m for m, _ in localised]
        rec.agencies, rec.agency_ids = unique_agencies(rec.mentions)
        rec.flags.extend(agency_flags(rec.mentions, self.gazetteer.body_words,
                                      [taken for _, taken in localised], self.country,
                                      _marked(paras)))

    def finish(self) -> list[Record]:
        """The records; a measure id printed twice under one objective is flagged on both."""
        counts = Counter((r.objective_id, r.measure_id) for r in self.records if r.measure_id)
        for rec in self.records:
            n = counts[(rec.objective_id, rec.measure_id)]
            if n > 1 and not any(f.name == "measure_unnumbered" for f in rec.flags):
                # under a numbered objective, the source printed the number twice (a slip of its
                # own); under none, the numbers restart in sections that carry no number of their
                # own, and which measure is which is told by the sections read, as for a measure
                # with no number
                sure = 1.0 if rec.objective_id else UNNUMBERED
                rec.flags.append(Flag(FlagName.DUPLICATE_MEASURE_ID, sure,
                                      f"measure id {rec.measure_id} appears {n} times"
                                      + (f" under objective {rec.objective_id}"
                                         if rec.objective_id else "")))
        return self.records


def _objective_id(objective: Heading | None, measures: list[Unit]) -> str:
    """The objective's number as printed; for a heading printed without one (`Improving the legal
    framework`), the first part the numbers of all its measures share (`1.1.`, `1.2.` -> `1`),
    else none."""
    if objective is None:
        return ""
    if objective.numbered:
        return objective.id
    if not all(m.numbered and "." in m.id.strip(".") for m in measures):
        return ""
    heads = {m.id.split(".")[0] for m in measures}
    return heads.pop() if len(heads) == 1 else ""


def _header_pieces(objective: Heading | None, problem: Heading | None,
                   aligned: AlignedRow) -> list[Flag]:
    """A paragraph of the row that is a column's header word for word (`Goal`, `Цели и задачи`:
    a page's repeated header read into the row above it, as a scan's merged rows do): the row
    was cut wrong (`cell_role_mismatch`, `MISMATCH`), one flag per field."""
    fields = {"objective": objective.paragraphs if objective else [],
              "problem": problem.paragraphs if problem else [],
              "measure": aligned.measure.paragraphs, "timeframe": aligned.timeframe,
              "agencies": aligned.agencies, "indicator": aligned.indicator}
    for k, step in enumerate(aligned.steps, 1):
        fields[f"step {k} text"], fields[f"step {k} timeframe"] = step.text, step.timeframe
    out = []
    for name, paras in fields.items():
        headers = [p.text for p in paras if header_roles(p.text)]
        if headers:
            listed = ", ".join(f"'{text}'" for text in headers)
            out.append(Flag(FlagName.CELL_ROLE_MISMATCH, MISMATCH,
                            f"{name}: {listed} is a column's header (a page's repeated header "
                            "read into the row)"))
    return out


def _problem_for(measure_id: str, problems: list[Heading]) -> Heading | None:
    """The problem whose number is the longest prefix of the measure's, else the last one."""
    best = None
    for heading in problems:
        pid = heading.id if heading.numbered else ""
        if pid and (measure_id == pid or measure_id.startswith(pid + ".")):
            if best is None or len(pid) > len(best.id):
                best = heading
    if best is None and problems:
        best = problems[-1]
    return best


def has_trailing_dot(text: str) -> bool:
    label = label_of(text)
    return label is None or label.has_trailing_dot
