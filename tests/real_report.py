"""The real corpus (`tests/real/`): plans as their publishers or scrapers made them, each with a
gold checked by hand.  `python -m tests.real_report` prints, per document and form: the gold's
rows, the rows found, the rows exact, the rows flagged (confidence < 0.5 or any flag), the rows
wrong at confidence >= 0.9 (a found row that differs from its gold row, or a row the gold does
not have), and the refusal, if the pipeline refused the document.

Each document is a folder `tests/real/<name>/` holding its source file(s) as found, `SOURCE.md`
(where it came from, why it may be kept), `gold.csv` (the columns of `gold/annex_en.csv`, extra
columns by their header, as `tests/fixtures/*.gold.csv`) and `expected.csv`: one line per form,
`form,file,read_as,exact_floor`.  `read_as` names the suffix the file is read under when the
pipeline does not know its own (a markdown page read as plain text); `exact_floor` is the count
of exact rows the document reached when the floor was last raised (`tests/test_real.py` holds
the pipeline to it).  The comparator is `pipeline.evaluate.compare`, the one `annex eval` uses.
"""
from __future__ import annotations

import csv
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.contract import Extraction
from pipeline.errors import PipelineError
from pipeline.evaluate import _flat, compare, load_rows
from pipeline.extract import extract_document
from pipeline.model import Document
from pipeline.writers import extraction_to_json

CORPUS = Path(__file__).resolve().parent / "real"
SURE = 0.9  # a row this sure of itself must not be wrong
DOUBT = 0.5  # a row below this is flagged for review


@dataclass(frozen=True)
class Form:
    """One form of a corpus document, as its `expected.csv` line says."""

    document: str
    form: str
    path: Path
    read_as: str
    exact_floor: int

    @property
    def name(self) -> str:
        return f"{self.document}:{self.form}"

    @property
    def gold(self) -> Path:
        return self.path.parent / "gold.csv"


@dataclass
class Outcome:
    """What the pipeline made of one form, scored against the gold."""

    form: Form
    gold_rows: int
    found: int = 0
    predicted: int = 0
    exact: int = 0
    flagged: int = 0
    wrong_sure: int = 0
    refused: str = ""
    misses: list[str] = field(default_factory=list)

    def cells(self) -> list[str]:
        f = self.form
        return [f.document, f.form, str(self.gold_rows), str(self.found), str(self.exact), str(self.flagged),
                str(self.wrong_sure), self.refused or "-"]


def forms(corpus: Path = CORPUS) -> list[Form]:
    """Every form of every corpus document, in name order."""
    found = []
    for expected in sorted(corpus.glob("*/expected.csv")):
        with open(expected, encoding="utf-8", newline="") as fh:
            for line in csv.DictReader(fh):
                found.append(Form(expected.parent.name, line["form"], expected.parent / line["file"],
                                  line["read_as"], int(line["exact_floor"])))
    return found


def read_form(form: Form, tmp: Path) -> tuple[Document, Extraction]:
    """Extract a form as a user would: the file itself, or a copy under the suffix `read_as` names."""
    path = form.path
    if form.read_as:
        path = tmp / (form.path.stem + form.read_as)
        shutil.copyfile(form.path, path)
    return extract_document(path)


def predicted_rows(ex: Extraction) -> list[dict[str, str]]:
    return [_flat(r) for r in extraction_to_json(ex)["records"]]


def _keys(rows: list[dict[str, str]]) -> list[tuple[str, int]]:
    """(measure id, occurrence) of each row, as the comparator pairs them."""
    seen: dict[str, int] = {}
    keys = []
    for row in rows:
        seen[row["measure_id"]] = seen.get(row["measure_id"], 0) + 1
        keys.append((row["measure_id"], seen[row["measure_id"]]))
    return keys


def score(form: Form, pred: list[dict[str, str]]) -> Outcome:
    """The outcome of an extraction's rows (`predicted_rows`) against the form's gold."""
    gold = load_rows(form.gold)
    report = compare(pred, gold)
    differing = {(m["measure_id"], m["occurrence"]) for m in report.mismatches}
    gold_keys = set(_keys(gold))
    outcome = Outcome(form, len(gold), report.matched_rows, len(pred), report.exact_rows)
    for key, row in zip(_keys(pred), pred):
        sure = float(row["confidence"] or 0) >= SURE
        outcome.flagged += float(row["confidence"] or 0) < DOUBT or bool(row["flags"])
        is_wrong = key not in gold_keys or key in differing
        outcome.wrong_sure += sure and is_wrong
    outcome.misses = [f"{m['measure_id']} {m['field']}: {m['pred']!r} (gold {m['gold']!r})"
                      for m in report.mismatches] + [f"{k} missing" for k in report.missing]
    return outcome


def run(form: Form) -> tuple[Outcome, tuple[Document, Extraction] | None]:
    """Extract and score one form; a refusal (a `PipelineError`) is an outcome, not a failure."""
    with tempfile.TemporaryDirectory() as tmp:
        try:
            doc, ex = read_form(form, Path(tmp))
        except PipelineError as exc:
            return Outcome(form, len(load_rows(form.gold)), refused=str(exc).split(": ", 1)[-1]), None
    return score(form, predicted_rows(ex)), (doc, ex)


HEADER = ["document", "form", "gold rows", "found", "exact", "flagged", "wrong>=0.9", "refused"]


def table(outcomes: list[Outcome]) -> str:
    rows = [HEADER] + [o.cells() for o in outcomes]
    widths = [max(len(r[i]) for r in rows) if i < len(HEADER) - 1 else 0 for i in range(len(HEADER))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(r, widths)).rstrip() for r in rows)


def main(argv: list[str] | None = None) -> int:
    verbose = "-v" in (argv if argv is not None else sys.argv[1:])
    outcomes = [run(form)[0] for form in forms()]
    print(table(outcomes))
    if verbose:
        for o in outcomes:
            for miss in o.misses[:20]:
                print(f"  {o.form.name}: {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
