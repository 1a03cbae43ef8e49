"""A family of synthetic annexes: made from a random source, rendered as the web copy and as Word.

An annex is drawn (objectives 1-8, problems 1-3 per objective, measures 1-15 per
problem), with a random column order after the measures, header words drawn from
`pipeline/data/headers.csv`, zero to two extra columns, numbering in one of three
styles, timeframes drawn from the grammar's forms with their known reading, and the
quirks real copies have: an agency list continued in a second paragraph, a missing
indicator, a blank paragraph, a measure number without its dot, a repeated number.
Each objective is flattened one of three ways (all problems then all measures then
the columns; problem by problem; measure by measure), and the Word forms are the
original layout (a row per objective, or per problem with the objective merged down)
and one row per measure (objective and problem merged down).

`expected_rows(annex)` is what a perfect extraction gives; nothing here imports the
pipeline's code but its data files, so the family cannot share a bug with it.
"""
from __future__ import annotations

import csv
import random
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "pipeline" / "data"
NBSP = "\u00a0"


def _csv(name):
    with open(DATA / name, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


HEADERS: dict[str, list[str]] = {}
for _r in _csv("headers.csv"):
    if _r["lang"] == "en" and _r["role"] not in ("number", "extra"):
        HEADERS.setdefault(_r["role"], []).append(_r["synonym"])
AGENCIES = [(r["id"], r["name"]) for r in _csv("agencies.csv")]

VERBS = [("Conduct", "conducted"), ("Organise", "organised"), ("Develop", "developed"), ("Train", "trained"),
         ("Publish", "published"), ("Establish", "established"), ("Review", "reviewed"),
         ("Prepare", "prepared"), ("Hold", "held"), ("Create", "created"), ("Evaluate", "evaluated"),
         ("Translate", "translated"), ("Distribute", "distributed"), ("Equip", "equipped")]
THINGS = ["information campaigns", "a hotline for victims", "border guards", "a referral mechanism",
          "guidelines for labour inspectors", "shelters for women", "school lessons on safe migration",
          "a database of cases", "judges and prosecutors", "leaflets on legal work abroad",
          "consular staff", "a survey of returning migrants", "mobile outreach teams", "health workers",
          "a national report", "community leaders", "journalists", "a legal aid service",
          "reintegration grants", "an interagency working group"]
PLACES = ["in Khatlon", "in Sughd", "in Dushanbe", "in mountain districts", "at border posts",
          "in rural schools", "in regional centres", "nationwide"]
GOALS = ["Prevention of trafficking", "Protection of victims", "Prosecution of traffickers",
         "Safe labour migration", "Cooperation with partners", "Research and monitoring",
         "Support to returning migrants", "Training of officials"]
PROBLEMS = ["Low awareness of the risks", "Victims are not identified", "Few cases reach the courts",
            "Weak coordination between bodies", "No data on the scale of the problem",
            "Migrants lack legal information", "Services for victims are scarce"]
EXTRAS = {"Source of funding": ["State budget", "Donor funds", "State budget and donors", "Within existing budgets"],
          "Estimated cost": ["10,000 somoni", "25 000 USD", "No extra cost", "40,000 somoni"],
          "Notes": ["Pilot first", "Jointly with NGOs", "Results to be published", "Subject to funding"],
          "Status": ["Planned", "Under way", "Not started", "Partly done"]}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]


def timeframe(rnd: random.Random, period: tuple[int, int]) -> tuple[str, str, str, str]:
    """(text, start, end, recurrence): a deadline form of the grammar, with its reading."""
    p0, p1 = period
    y = rnd.randint(p0, p1)
    y2 = rnd.randint(y, p1)
    m = rnd.randint(1, 12)
    q = rnd.randint(1, 4)
    h = rnd.randint(1, 2)
    forms = [
        (f"{y}", f"{y}", f"{y}", "once"),
        (f"{y} \u2013 {y2}", f"{y}", f"{y2}", "once"),
        (f"{MONTHS[m - 1]} {y}", f"{y}-{m:02d}", f"{y}-{m:02d}", "once"),
        (f"{ROMAN[q - 1]} quarter {y}", f"{y}-{3 * q - 2:02d}", f"{y}-{3 * q:02d}", "once"),
        (f"Q{q} {y}", f"{y}-{3 * q - 2:02d}", f"{y}-{3 * q:02d}", "once"),
        (f"{['1st', '2nd'][h - 1]} half of {y}", f"{y}-{6 * h - 5:02d}", f"{y}-{6 * h:02d}", "once"),
        (f"During {y}", f"{y}", f"{y}", "once"),
        (f"By 1 {MONTHS[m - 1]} {y}", "", f"{y}-{m:02d}", "once"),
        ("Permanently", f"{p0}", f"{p1}", "ongoing"),
        ("Annually", f"{p0}", f"{p1}", "annual"),
        ("Quarterly", f"{p0}", f"{p1}", "quarterly"),
        ("Semi-annually", f"{p0}", f"{p1}", "semiannual"),
        (f"Annually, by 1 {MONTHS[m - 1]}", f"{p0}-{m:02d}", f"{p1}-{m:02d}", "annual"),
        ("Upon necessity", "", "", "as_needed"),
    ]
    return rnd.choice(forms)


@dataclass
class Row:
    number: str  # as rendered: `1.1.3.`, `1.1.3`, `1.1.3)`
    measure_id: str
    measure: str
    timeframe: tuple[str, str, str, str]
    agencies: list[tuple[str, str]]  # (id, name)
    agency_paragraphs: list[str]
    indicator: str
    extras: dict[str, str]


@dataclass
class Problem:
    label: str
    pid: str
    text: str
    rows: list[Row] = field(default_factory=list)


@dataclass
class Objective:
    label: str
    oid: str
    text: str
    flatten: str  # "joined" | "per_problem" | "per_measure"
    problems: list[Problem] = field(default_factory=list)


@dataclass
class Annex:
    title: str
    period: tuple[int, int]
    columns: list[tuple[str, str]]  # (role or "extra", header text), in order
    objectives: list[Objective]
    blanks: list[int]  # positions (in the text form's paragraphs after the header) of blank paragraphs
    number_column: bool  # Word forms: measure numbers in a `No.` column of their own

    @property
    def extra_names(self) -> list[str]:
        return [name for role, name in self.columns if role == "extra"]


def draw(rnd: random.Random, max_objectives: int = 8, max_problems: int = 3, max_measures: int = 15) -> Annex:
    p0 = rnd.randint(2008, 2020)
    period = (p0, p0 + rnd.randint(1, 5))
    extras = rnd.sample(sorted(EXTRAS), rnd.choice([0, 0, 1, 2]))
    tail = [(role, rnd.choice(HEADERS[role])) for role in ("timeframe", "agencies", "indicator")]
    tail += [("extra", name) for name in extras]
    rnd.shuffle(tail)
    columns = [(role, rnd.choice(HEADERS[role])) for role in ("objective", "problem", "measure")] + tail
    style = rnd.choice(["dot", "dot", "paren", "roman"])
    objectives = []
    for o in range(1, rnd.randint(1, max_objectives) + 1):
        olabel = {"dot": f"{o}.", "paren": f"{o})", "roman": f"{ROMAN[o - 1]}."}[style]
        obj = Objective(olabel, str(o), rnd.choice(GOALS), rnd.choice(["joined", "per_problem", "per_problem",
                                                                       "per_measure"]))
        for p in range(1, rnd.randint(1, max_problems) + 1):
            pid = f"{o}.{p}"
            prob = Problem(f"{pid})" if style == "paren" else f"{pid}.", pid, rnd.choice(PROBLEMS))
            for k in range(1, rnd.randint(1, max_measures) + 1):
                prob.rows.append(_row(rnd, f"{pid}.{k}", style, period, extras))
            obj.problems.append(prob)
        objectives.append(obj)
    _quirks(rnd, objectives)
    n_paragraphs = sum(1 + len(p.rows) * 4 for o in objectives for p in o.problems)
    blanks = sorted(rnd.sample(range(1, n_paragraphs), min(rnd.choice([0, 0, 1, 2]), n_paragraphs - 1)))
    title = f"Action Plan on the Prevention of Trafficking in Persons for {period[0]}-{period[1]}"
    return Annex(title, period, columns, objectives, blanks, number_column=rnd.random() < 0.25)


def _row(rnd, mid, style, period, extras) -> Row:
    verb, done = rnd.choice(VERBS)
    thing, place = rnd.choice(THINGS), rnd.choice(PLACES)
    agencies = rnd.sample(AGENCIES, rnd.randint(1, 4))
    number = f"{mid})" if style == "paren" else f"{mid}."
    return Row(number, mid, f"{verb} {thing} {place}", timeframe(rnd, period), agencies,
               [", ".join(name for _, name in agencies)], f"{thing[0].upper()}{thing[1:]} {done} {place}",
               {name: rnd.choice(EXTRAS[name]) for name in extras})


def _quirks(rnd, objectives) -> None:
    rows = [r for o in objectives for p in o.problems for r in p.rows]
    # an agency list continued in a second paragraph
    for r in rnd.sample(rows, min(len(rows), rnd.choice([0, 1, 2]))):
        if len(r.agencies) >= 2:
            cut = rnd.randint(1, len(r.agencies) - 1)
            r.agency_paragraphs = [", ".join(n for _, n in r.agencies[:cut]) + ",",
                                   ", ".join(n for _, n in r.agencies[cut:])]
    # a missing indicator
    for r in rnd.sample(rows, min(len(rows), rnd.choice([0, 0, 1]))):
        r.indicator = ""
    # a measure number without its trailing dot
    for r in rnd.sample(rows, min(len(rows), rnd.choice([0, 1]))):
        if r.number.endswith("."):
            r.number = r.number[:-1]
    # a repeated number: a measure numbered as the one before it
    for o in objectives:
        for p in o.problems:
            if len(p.rows) >= 2 and rnd.random() < 0.1:
                k = rnd.randint(1, len(p.rows) - 1)
                p.rows[k].measure_id = p.rows[k - 1].measure_id
                p.rows[k].number = p.rows[k - 1].number


def expected_rows(annex: Annex) -> list[dict]:
    out = []
    for o in annex.objectives:
        for p in o.problems:
            for r in p.rows:
                text, start, end, rec = r.timeframe
                out.append({"objective_id": o.oid, "objective": o.text, "problem_id": p.pid,
                            "problem": p.text, "measure_id": r.measure_id, "measure": r.measure,
                            "timeframe": text, "timeframe_start": start, "timeframe_end": end,
                            "timeframe_recurrence": rec, "agency_ids": [i for i, _ in r.agencies],
                            "indicator": r.indicator, "extra": dict(r.extras)})
    return out


# -- the flattened web text -------------------------------------------------------

def _column_paragraphs(annex: Annex, rows: list[Row]) -> list[str]:
    out: list[str] = []
    for role, name in annex.columns[3:]:
        for r in rows:
            if role == "timeframe":
                out.append(r.timeframe[0])
            elif role == "agencies":
                out.extend(r.agency_paragraphs)
            elif role == "indicator":
                out.extend([r.indicator] if r.indicator else [])
            else:
                out.append(r.extras[name])
    return out


def render_text(annex: Annex) -> str:
    body: list[str] = []
    for o in annex.objectives:
        body.append(f"{o.label} {o.text}")
        if o.flatten == "joined":
            body += [f"{p.label} {p.text}" for p in o.problems]
            rows = [r for p in o.problems for r in p.rows]
            body += [f"{r.number} {r.measure}" for r in rows]
            body += _column_paragraphs(annex, rows)
            continue
        for p in o.problems:
            body.append(f"{p.label} {p.text}")
            if o.flatten == "per_problem":
                body += [f"{r.number} {r.measure}" for r in p.rows]
                body += _column_paragraphs(annex, p.rows)
            else:
                for r in p.rows:
                    body += [f"{r.number} {r.measure}"] + _column_paragraphs(annex, [r])
    for position in reversed(annex.blanks):
        body.insert(min(position, len(body)), NBSP)
    return "\n\n".join([annex.title, *[name for _, name in annex.columns], *body]) + "\n"


# -- Word ---------------------------------------------------------------------------

def _cells(annex: Annex, rows: list[Row], numbers: bool) -> dict[str, list[str]]:
    """Each column's paragraphs for a table row holding these measures."""
    cells: dict[str, list[str]] = {"number": [r.number for r in rows]}
    cells["measure"] = [r.measure if numbers else f"{r.number} {r.measure}" for r in rows]
    for role, name in annex.columns[3:]:
        key = name if role == "extra" else role
        if role == "timeframe":
            cells[key] = [r.timeframe[0] for r in rows]
        elif role == "agencies":
            cells[key] = [t for r in rows for t in r.agency_paragraphs]
        elif role == "indicator":
            cells[key] = [r.indicator for r in rows if r.indicator]
        else:
            cells[key] = [r.extras[name] for r in rows]
    return cells


def render_docx(annex: Annex, path: Path, layout: str) -> Path:
    """`layout`: "original" (a row per objective, or per problem) or "rows" (a row per measure)."""
    from docx import Document

    numbers = annex.number_column
    headers = [name for _, name in annex.columns]
    keys = [name if role == "extra" else role for role, name in annex.columns]
    if numbers:
        at = keys.index("measure")
        headers.insert(at, "No.")
        keys.insert(at, "number")
    body: list[tuple[str, str, list[Row]]] = []  # (objective key, problem key, rows) per table row
    for o in annex.objectives:
        if layout == "rows":
            body += [(o.label, p.label, [r]) for p in o.problems for r in p.rows]
        elif o.flatten == "joined":
            body.append((o.label, "", [r for p in o.problems for r in p.rows]))
        else:
            body += [(o.label, p.label, p.rows) for p in o.problems]
    doc = Document()
    doc.add_paragraph(annex.title)
    table = doc.add_table(rows=1 + len(body), cols=len(headers))
    for i, name in enumerate(headers):
        table.rows[0].cells[i].text = name
    texts = {o.label: f"{o.label} {o.text}" for o in annex.objectives}
    problems = {p.label: (o, p) for o in annex.objectives for p in o.problems}
    spans: dict[tuple[int, str], list[int]] = {}
    for r, (okey, pkey, rows) in enumerate(body, start=1):
        cells = _cells(annex, rows, numbers)
        o = next(o for o in annex.objectives if o.label == okey)
        cells["objective"] = [texts[okey]]
        cells["problem"] = [f"{p.label} {p.text}" for p in o.problems] if not pkey else \
            [f"{problems[pkey][1].label} {problems[pkey][1].text}"]
        for c, key in enumerate(keys):
            if key in ("objective", "problem"):
                spans.setdefault((c, okey if key == "objective" else okey + "/" + pkey), []).append(r)
                if spans[(c, okey if key == "objective" else okey + "/" + pkey)][0] != r:
                    continue
            _fill(table.rows[r].cells[c], cells[key])
    for (c, _), members in spans.items():
        if len(members) > 1:
            table.rows[members[0]].cells[c].merge(table.rows[members[-1]].cells[c])
    doc.save(path)
    return path


def _fill(cell, paragraphs):
    cell.paragraphs[0].text = paragraphs[0] if paragraphs else ""
    for text in paragraphs[1:]:
        cell.add_paragraph(text)


# -- scoring ------------------------------------------------------------------------

FIELDS = ("objective_id", "objective", "problem_id", "problem", "measure_id", "measure", "timeframe",
          "timeframe_start", "timeframe_end", "timeframe_recurrence", "agency_ids", "indicator", "extra")
DOUBTFUL = 0.5


def score(records, expected: list[dict]) -> list[tuple[bool, bool, list[str]]]:
    """Per expected row: (recovered exactly, flagged below 0.5, the fields that differ).

    Rows are paired by measure id and occurrence, so one lost row does not shift the rest;
    a row with no partner is not recovered and not flagged.
    """
    seen: dict[str, int] = {}
    got = {}
    for rec in records:
        seen[rec.measure_id] = seen.get(rec.measure_id, 0) + 1
        got[(rec.measure_id, seen[rec.measure_id])] = rec
    seen.clear()
    out = []
    for want in expected:
        seen[want["measure_id"]] = seen.get(want["measure_id"], 0) + 1
        rec = got.get((want["measure_id"], seen[want["measure_id"]]))
        if rec is None:
            out.append((False, False, ["missing"]))
            continue
        wrong = [f for f in FIELDS if getattr(rec, f) != want[f]]
        out.append((not wrong, rec.confidence < DOUBTFUL, wrong))
    return out
