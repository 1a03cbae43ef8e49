"""Plans written as labelled fields, with no table: per measure a heading (`### Action 1: Create
an OMB Data Council`), prose about it, then one paragraph per field, `LABEL: value` (`*
**Responsible**: Office of Management and Budget`, `* **Timeline**: Completed within 3 months`),
read into a grid.

A run of field paragraphs is a record's when at least two of its labels are column headers
(`header.header_role`: `Responsible`, `Measurement`, `Timeline`); its other labels are extra
columns where the paragraphs under at least two headings share them (`Supported practice(s)`;
not `Getting Payments Right`, a bulleted sentence's lead-in).  A list item after a field that is
no field of its own (a sub-list under `Measurement:`) goes on with that field.  The records are
the headings of one level each followed by such a run (the last run under it); headings of a
higher level between them (and the nearest above the first) are the sections they stand under,
read as heading rows.  Each record is a row: its heading in the measure column, each field's
value in its label's column.  The prose and the other text stay body text.

A field paragraph is placed as its value (its label names the column); one with no value of its
own (its items below it) stays a body paragraph.  Fewer than two records, a document with a
table, or labels that name no partner of the measures (`header.is_plan_header`): no such plan.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..blocks import Column
from ..model import Cell, Document, Paragraph, Role, Row, Table
from ..normalize.text import clean
from .header import header_role, is_plan_header

_LIST_MARK = re.compile(r"^\s*(?:[*+\-\u2022]|\d{1,2}[.)])\s+")
# `Label: value`: a label of at most five words, capitalised, before the first colon
_FIELD = re.compile(r"^(?P<label>[A-Z][^:]{0,59}?)\s*:(?:\s+(?P<value>.*))?$")
MAX_LABEL_WORDS = 5
MIN_RECORDS = 2


@dataclass
class _Field:
    label: str
    paragraph: Paragraph  # the whole field paragraph
    value: str  # its value's text ('' where the value is the items below)
    items: list[Paragraph] = field(default_factory=list)  # list items going on with it


@dataclass
class _Record:
    heading: Paragraph
    fields: list[_Field]
    sections: list[Paragraph]  # the section headings above it, since the record before


@dataclass
class LabelledPlan:
    """The grid of a plan of labelled fields, its columns, and the paragraphs it holds whole or
    in pieces (to be taken out of the body text)."""

    table: Table
    columns: list[Column]
    used: set[tuple] = field(default_factory=set)


def _field_of(p: Paragraph) -> _Field | None:
    """A paragraph as `LABEL: value` (after a list mark), or None."""
    text = _LIST_MARK.sub("", p.text, count=1)
    m = _FIELD.match(clean(text))
    if m is None or len(m.group("label").split()) > MAX_LABEL_WORDS or p.level:
        return None
    return _Field(clean(m.group("label")), p, clean(m.group("value") or ""))


def _is_item(p: Paragraph) -> bool:
    return bool(_LIST_MARK.match(p.text)) and not p.level


def _field_run(paras: list[Paragraph], labels: set[str]) -> list[_Field]:
    """The last run of field paragraphs among a record's paragraphs whose labels are among
    `labels` (its list items joined to the field above them), if at least two of its labels are
    column headers; else none."""
    runs: list[list[_Field]] = [[]]
    for p in paras:
        found = _field_of(p)
        if found is not None and found.label in labels:
            runs[-1].append(found)
        elif runs[-1] and _is_item(p):
            runs[-1][-1].items.append(p)
        elif not p.is_blank and runs[-1]:
            runs.append([])
    known = [run for run in runs if sum(header_role(f.label) is not None for f in run) >= 2]
    return known[-1] if known else []


def _shared_labels(doc: Document, headings: list[int]) -> set[str]:
    """The labels that can be a record's: a column header's words, or a label the paragraphs
    under at least two headings share (`Supported practice(s)`; not `Getting Payments Right`,
    a bulleted sentence's lead-in under one heading)."""
    under: dict[str, int] = {}
    for k, stop in zip(headings, headings[1:] + [len(doc.paragraphs)]):
        seen = {f.label for f in map(_field_of, doc.paragraphs[k + 1:stop]) if f is not None}
        for label in seen:
            under[label] = under.get(label, 0) + 1
    return {label for label, n in under.items()
            if n >= MIN_RECORDS or header_role(label) is not None}


def _records(doc: Document) -> list[_Record]:
    """Each heading followed by a run of fields, with the section headings above it."""
    headings = [k for k, p in enumerate(doc.paragraphs) if p.level]
    labels = _shared_labels(doc, headings)
    found: list[_Record] = []
    sections: list[Paragraph] = []
    for n, k in enumerate(headings):
        stop = headings[n + 1] if n + 1 < len(headings) else len(doc.paragraphs)
        run = _field_run(doc.paragraphs[k + 1:stop], labels)
        heading = doc.paragraphs[k]
        if run:
            found.append(_Record(heading, run, sections))
            sections = []
        else:
            sections.append(heading)
    level = found[0].heading.level if found else 0
    return [r for r in found if r.heading.level == level]


def _section_rows(record: _Record, first: bool, width: int) -> list[Row]:
    """The section headings a record stands under, as heading rows: those of a higher level than
    its own since the record before (above the first record, only the nearest)."""
    above = [p for p in record.sections if p.level < record.heading.level]
    above = above[-1:] if first else above
    return [Row([Cell([p], colspan=width)] + [Cell([], merged_from_left=True)] * (width - 1))
            for p in above]


def labelled_plan(doc: Document) -> LabelledPlan | None:
    """The plan of labelled fields of a document with no table, or None (see the module)."""
    records = _records(doc)
    if doc.tables or len(records) < MIN_RECORDS:
        return None
    labels = list(dict.fromkeys(f.label for r in records for f in r.fields))
    columns = [Column(Role.MEASURE, "")] + [Column(header_role(label) or Role.EXTRA, label)
                                            for label in labels]
    if not is_plan_header(columns):
        return None
    plan = LabelledPlan(Table([]), columns)
    plan.table.rows.append(Row([Cell([]) for _ in columns]))  # the header: the columns' names
    for n, record in enumerate(records):
        sections = _section_rows(record, n == 0, len(columns))
        plan.table.rows.extend(sections)
        plan.used.update(row.cells[0].paragraphs[0].prov.key() for row in sections)
        cells = [Cell([record.heading])] + [Cell([]) for _ in labels]
        plan.used.add(record.heading.prov.key())
        for f in record.fields:
            cell = cells[1 + labels.index(f.label)]
            if f.value:  # the paragraph as its value: its label is the column's name
                cell.paragraphs.append(replace(f.paragraph, text=f.value))
                plan.used.add(f.paragraph.prov.key())
            cell.paragraphs.extend(replace(p, text=_LIST_MARK.sub("", p.text, count=1))
                                   for p in f.items)
            plan.used.update(p.prov.key() for p in f.items)
        plan.table.rows.append(Row(cells))
    return plan
