"""Does a row's confidence say whether it is right? (issue 39, part 4)

`python -m tests.calibration [N] [--lang en,ru,tg] [--forms text-col,...] [--producers N] [--scans]
[--json FILE]`

Every output row of every source is scored against its expected row and put in a confidence
band, [0, 0.5), [0.5, 0.9) or [0.9, 1]; the report prints, per source kind and overall, the rows
of each band, how many are exact and the share exact, then every wrong row at >= 0.9 (source,
row id, the fields that differ, the row's flags): what a developer has to fix.

Sources, each a kind:
- the plan family (`tests/plan_family.py`): N plans per form and language (kind `form:lang`),
  drawn, rendered and scored as `tests/plan_report.py` does them (seeded: seed 0 .. N-1); a plan
  the family's property leaves out (`plan_family.left_out`) is named `[left out: why]`;
- producers' PDFs (`tests/producers.py`, issue 38): every committed PDF of a family plan in
  `tests/fixtures/family` (`<producer>-<lang>-<seed>.pdf`; kind `producer:<name>:<lang>`), and with
  `--producers N`, N plans (seeds 0 .. N-1) per language printed anew by each producer installed
  here (kind `producer:<name>:<lang> live`); expected rows from the plan's seed, as `check` does;
- `real`: the real corpus (`tests/real/`), as `tests/real_report.py` reads it;
- `raw`: the project's raw files against their golds (`gold/*.json`);
- `scans`: with `--scans` only (Tesseract, slow), the scanned PDFs of `tests/ocr_report.py`.

A row is exact when every compared field equals its expected row's (the family's `score`;
`pipeline.evaluate.compare`, the one `annex eval` uses, for the rest: it compares the flags too);
an output row with no expected row is wrong ("not expected"); an expected row with no output row
is counted under `missed`, outside the bands, as are the rows of a refused document.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pipeline.contract import Extraction
from pipeline.enums import Language
from pipeline.errors import PipelineError
from pipeline.evaluate import compare, load_rows
from pipeline.extract import document_to_extraction
from pipeline.normalize.agencies import Gazetteer
from pipeline.readers import read
from tests.conftest import FIXTURES, GOLD, RAW
from tests.ocr_report import SOURCES as SCANNED
from tests.plan_family import FONT, FORMS, expected_rows, left_out, score, seeded_plan, shape_name
from tests.producers import PRODUCERS, installed, left_out_of, make, plan_of
from tests.real_report import _keys, forms, predicted_rows, read_form

BANDS = ((0.0, 0.5), (0.5, 0.9), (0.9, 1.0))
SURE = BANDS[-1][0]
LANGS = tuple(lang.value for lang in Language)
NOT_EXPECTED = "not expected"


@dataclass(frozen=True)
class Row:
    """One output row: where it came from, how sure it was, what differs from its expected row."""

    source: str
    row_id: str
    confidence: float
    fields: tuple[str, ...]  # the fields that differ; empty: exact
    flags: tuple[str, ...]

    @property
    def exact(self) -> bool:
        return not self.fields


@dataclass
class Scored:
    """The rows of one source kind, and what it missed."""

    kind: str
    rows: list[Row] = field(default_factory=list)
    missed: int = 0
    refusals: list[str] = field(default_factory=list)  # each refused source, and why

    @property
    def refused(self) -> int:
        return len(self.refusals)

    def add(self, other: Scored) -> None:
        self.rows += other.rows
        self.missed += other.missed
        self.refusals += other.refusals

    def refuse(self, source: str, exc: PipelineError, rows: int) -> None:
        """A refused source: its expected rows all missed."""
        self.refusals.append(f"{source}: {str(exc).split(': ', 1)[-1]}")
        self.missed += rows


def band_of(confidence: float) -> int:
    """The index of the band holding a confidence: the last band holds 1.0."""
    return next((i for i, (_, high) in enumerate(BANDS[:-1]) if confidence < high), len(BANDS) - 1)


def _row_id(measure_id: str, occurrence: int) -> str:
    return measure_id if occurrence == 1 else f"{measure_id} (#{occurrence})"


# -- the plan family ---------------------------------------------------------------------------

def family_rows(source: str, records: list, want: list[dict]) -> tuple[list[Row], int]:
    """Each record scored by the family's `score` (paired by measure id and occurrence), and the
    expected rows missed."""
    verdicts = {}
    for key, (ok, _, wrong) in zip(_keys(want), score(records, want)):
        verdicts[key] = () if ok else tuple(wrong)
    missed = sum(1 for fields in verdicts.values() if fields == ("missing",))
    keys = _keys([{"measure_id": r.measure_id} for r in records])
    rows = [Row(source, _row_id(*key), rec.confidence, verdicts.get(key, (NOT_EXPECTED,)),
                tuple(rec.flag_names)) for key, rec in zip(keys, records)]
    return rows, missed


def family(form: str, lang: str, n: int, gazetteer: Gazetteer, tmp: Path) -> Scored:
    """N plans of one language in one form, drawn and rendered as `tests/plan_report.py` does."""
    out = Scored(f"{form}:{lang}")
    for seed in range(n):
        plan, path = seeded_plan(seed, lang, form, tmp / f"{form}-{lang}-{seed}")
        want = expected_rows(plan)
        try:
            ex = document_to_extraction(read(path), gazetteer)
        except PipelineError as exc:
            out.refuse(f"{form}:{lang} seed {seed}", exc, len(want))
            continue
        source = f"{form}:{lang} seed {seed} {shape_name(plan.shape)}"
        why = left_out(plan, form, random.Random(seed))  # the property does not cover it, and why
        source += f" [left out: {why}]" if why else ""
        rows, missed = family_rows(source, ex.records, want)
        out.rows += rows
        out.missed += missed
    return out


# -- the family's plans as producers print them -------------------------------------------------

def producer_pdf(out: Scored, path: Path, producer: str, lang: str, seed: int, gazetteer: Gazetteer) -> None:
    """One producer's PDF of the family plan of `seed` in `lang`, scored as the family's rows."""
    plan = plan_of(seed, lang)
    want = expected_rows(plan)
    source = f"{out.kind} seed {seed} {shape_name(plan.shape)}"
    try:
        ex = document_to_extraction(read(path), gazetteer)
    except PipelineError as exc:
        out.refuse(source, exc, len(want))
        return
    why = left_out_of(producer, seed, lang)
    rows, missed = family_rows(source + (f" [left out: {why}]" if why else ""), ex.records, want)
    out.rows += rows
    out.missed += missed


def producer_fixtures(langs: list[str], gazetteer: Gazetteer) -> list[Scored]:
    """Every committed producer's PDF of a family plan, a kind per producer and language."""
    kinds: dict[str, Scored] = {}
    for path in sorted((FIXTURES / "family").glob("*.pdf")):
        producer, lang, seed = path.stem.rsplit("-", 2)
        if lang in langs:
            kind = kinds.setdefault(f"{producer}:{lang}", Scored(f"producer:{producer}:{lang}"))
            producer_pdf(kind, path, producer, lang, int(seed), gazetteer)
    return list(kinds.values())


def producers_live(n: int, langs: list[str], gazetteer: Gazetteer, tmp: Path) -> list[Scored]:
    """N plans per language printed anew by every producer installed here."""
    kinds = []
    for producer in (p for p in PRODUCERS if installed(p)):
        for lang in langs:
            out = Scored(f"producer:{producer}:{lang} live")
            for seed in range(n):
                path = make(producer, seed, lang, tmp / f"{producer}-{lang}-{seed}")
                if path is not None:
                    producer_pdf(out, path, producer, lang, seed, gazetteer)
            kinds.append(out)
    return kinds


# -- sources with a gold file: the comparator of `annex eval` ------------------------------------

Flat = list[dict[str, str]]  # rows as `pipeline.evaluate.load_rows` and `predicted_rows` give them


def compared_rows(source: str, pred: Flat, gold: Flat) -> tuple[list[Row], int]:
    """Each predicted row scored by `pipeline.evaluate.compare`, and the gold rows missed."""
    report = compare(pred, gold)
    differing: dict[tuple[str, int], list[str]] = {}
    for m in report.mismatches:
        differing.setdefault((m["measure_id"], m["occurrence"]), []).append(m["field"])
    gold_keys = set(_keys(gold))
    rows = []
    for key, row in zip(_keys(pred), pred):
        fields = tuple(differing.get(key, ())) if key in gold_keys else (NOT_EXPECTED,)
        flags = tuple(f for f in row["flags"].split("; ") if f)
        rows.append(Row(source, _row_id(*key), float(row["confidence"] or 0), fields, flags))
    return rows, len(report.missing)


def _score_file(out: Scored, source: str, read_it: Callable[[], Extraction], gold: Flat) -> None:
    """Read one source and add its rows to `out`; a refusal misses every gold row."""
    try:
        ex = read_it()
    except PipelineError as exc:
        out.refuse(source, exc, len(gold))
        return
    rows, missed = compared_rows(source, predicted_rows(ex), gold)
    out.rows += rows
    out.missed += missed


def real() -> Scored:
    """The real corpus, every form of every document (`tests/real_report.py`)."""
    out = Scored("real")
    for form in forms():
        with tempfile.TemporaryDirectory() as tmp:
            _score_file(out, form.name, lambda: read_form(form, Path(tmp))[1], load_rows(form.gold))
    return out


def gold_of(path: Path) -> Path:
    """`raw/annex_en_rows.docx` -> `gold/annex_en.json`."""
    return GOLD / (path.stem.removesuffix("_rows") + ".json")


def raw(gazetteer: Gazetteer) -> Scored:
    """Every raw file with a gold."""
    out = Scored("raw")
    for path in sorted(RAW.iterdir()):
        if not gold_of(path).exists():
            continue
        gold = load_rows(gold_of(path))
        _score_file(out, path.name, lambda: document_to_extraction(read(path), gazetteer), gold)
    return out


def scans(gazetteer: Gazetteer, seed: int = 0) -> Scored:
    """The scanned PDFs of `tests/ocr_report.py` (one scan each, `seed`), read by OCR."""
    from tests.scans import scan_pdf  # pypdfium2 and numpy only when asked for
    out = Scored("scans")
    for name, gold in SCANNED:
        with tempfile.TemporaryDirectory() as tmp:
            scan = scan_pdf(RAW / name, Path(tmp) / f"scan-{name}", seed=seed)
            source, want = f"scan of {name} seed {seed}", load_rows(GOLD / gold)
            _score_file(out, source, lambda: document_to_extraction(read(scan), gazetteer), want)
    return out


# -- the table -----------------------------------------------------------------------------------

def bands(rows: Iterable[Row]) -> list[tuple[int, int]]:
    """(rows, exact) per band."""
    counts = [[0, 0] for _ in BANDS]
    for row in rows:
        counts[band_of(row.confidence)][0] += 1
        counts[band_of(row.confidence)][1] += row.exact
    return [(n, exact) for n, exact in counts]


def _share(n: int, exact: int) -> str:
    return f"{exact / n:7.2%}" if n else "      -"


def _band_name(i: int) -> str:
    low, high = BANDS[i]
    return f"[{low}, {high}]" if i == len(BANDS) - 1 else f"[{low}, {high})"


def table(kinds: list[Scored]) -> str:
    """Per kind and overall: each band's rows, exact and share exact; all rows; missed, refused."""
    total = Scored("overall")
    for kind in kinds:
        total.add(kind)
    width = max(len(k.kind) for k in kinds + [total])
    columns = [f" | {_band_name(i):>10} rows  exact  share" for i in range(len(BANDS))]
    head = f"{'source':{width}}" + "".join(columns)
    lines = [head + " |  rows  exact  share | missed refused", "-" * (len(head) + 38)]
    for kind in kinds + [total]:
        if kind is total:
            lines.append("-" * (len(head) + 38))
        cells = [f"{n:15} {exact:6} {_share(n, exact)}" for n, exact in bands(kind.rows)]
        n, exact = len(kind.rows), sum(r.exact for r in kind.rows)
        cells.append(f"{n:5} {exact:6} {_share(n, exact)}")
        cells.append(f"{kind.missed:6} {kind.refused:7}")
        lines.append(f"{kind.kind:{width}} | " + " | ".join(cells))
    return "\n".join(lines)


def wrong_sure(kinds: list[Scored]) -> Iterator[Row]:
    """The wrong rows at confidence >= 0.9, kind by kind."""
    return (row for kind in kinds for row in kind.rows if row.confidence >= SURE and not row.exact)


def by_flag(kinds: list[Scored]) -> str:
    """Per flag: the rows that carry it and how many of them are exact: how often a flag is
    raised on a right row."""
    counts: dict[str, list[int]] = {}
    for row in (r for kind in kinds for r in kind.rows):
        for name in row.flags:
            c = counts.setdefault(name, [0, 0])
            c[0] += 1
            c[1] += row.exact
    width = max((len(name) for name in counts), default=4)
    lines = [f"{'flag':{width}} |  rows  exact  share"]
    lines += [f"{name:{width}} | {n:5} {exact:6} {_share(n, exact)}"
              for name, (n, exact) in sorted(counts.items())]
    return "\n".join(lines)


def describe(row: Row) -> str:
    flags = ", ".join(row.flags) or "no flag"
    differs = ", ".join(row.fields)
    return f"{row.source} | {row.row_id} | {row.confidence:.2f} | differs: {differs} | {flags}"


def to_json(kinds: list[Scored]) -> dict:
    def kind(k: Scored) -> dict:
        counts = [{"rows": n, "exact": e} for n, e in bands(k.rows)]
        return {"kind": k.kind, "missed": k.missed, "refusals": k.refusals, "bands": counts}
    return {"bands": [_band_name(i) for i in range(len(BANDS))], "kinds": [kind(k) for k in kinds],
            "wrong_sure": [asdict(r) for r in wrong_sure(kinds)]}


# -- the command ---------------------------------------------------------------------------------

def parse(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m tests.calibration",
                                 description=(__doc__ or "").split("\n")[0])
    ap.add_argument("n", nargs="?", type=int, default=40,
                    help="plans per form and language (default 40; 0: no family)")
    ap.add_argument("--lang", default=",".join(LANGS), help="the family's languages (default: all)")
    default_forms = [f for f in FORMS if f != "pdf" or FONT.exists()]
    ap.add_argument("--forms", default=",".join(default_forms),
                    help="forms of the family (default: all; pdf where its font is installed)")
    ap.add_argument("--only-family", action="store_true",
                    help="the family only: no producers' fixtures, real corpus or raw files")
    ap.add_argument("--producers", type=int, default=0, metavar="N",
                    help="also N plans per language printed anew by each installed producer")
    ap.add_argument("--scans", action="store_true", help="add the scanned PDFs (Tesseract: slow)")
    ap.add_argument("--flags", action="store_true",
                    help="also each flag's rows, and how many are exact")
    ap.add_argument("--json", type=Path, help="also write the table and the wrong sure rows here")
    args = ap.parse_args(argv)
    for value, allowed, name in ((args.lang, LANGS, "--lang"), (args.forms, FORMS, "--forms")):
        unknown = [v for v in value.split(",") if v not in allowed]
        if unknown:
            ap.error(f"{name}: unknown {', '.join(unknown)} (one of {', '.join(allowed)})")
    return args


def collect(args: argparse.Namespace) -> list[Scored]:
    gazetteer = Gazetteer.load()
    kinds = []
    langs = args.lang.split(",")
    with tempfile.TemporaryDirectory() as tmp:
        for form in args.forms.split(",") if args.n else []:  # N = 0: no family
            for lang in langs:
                kinds.append(family(form, lang, args.n, gazetteer, Path(tmp)))
        if not args.only_family:
            kinds += producer_fixtures(langs, gazetteer)
        kinds += producers_live(args.producers, langs, gazetteer, Path(tmp)) if args.producers else []
    if not args.only_family:
        kinds += [real(), raw(gazetteer)]
    if args.scans:
        kinds.append(scans(gazetteer))
    return kinds


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    kinds = collect(args)
    print(table(kinds))
    sure = list(wrong_sure(kinds))
    if args.flags:
        print("\nrows by flag:\n" + by_flag(kinds))
    print(f"\nwrong rows at confidence >= {SURE}: {len(sure)}")
    for row in sure:
        print("  " + describe(row))
    refusals = [r for kind in kinds for r in kind.refusals]
    print(f"\nrefused: {len(refusals)}")
    for refusal in refusals[:20]:
        print("  " + refusal)
    if args.json:
        text = json.dumps(to_json(kinds), ensure_ascii=False, indent=1)
        args.json.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
