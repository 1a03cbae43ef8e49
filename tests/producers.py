"""The family's plans as the world's producers make PDFs of them (issue 38), and the property
on them: `python -m tests.producers [N] [--lang en|ru|tg] [PRODUCER...]`.

* `word-like`   the plan's PDF page drawn as Word exports it (`tests/word_like.py`): always here;
* `chromium`, `chromium-hf`   the plan's HTML printed by headless Chromium, without and with
  the browser's header and footer (date, title, address, page count);
* `wkhtmltopdf` the plan's HTML printed by wkhtmltopdf (Qt WebKit);
* `weasyprint`  the plan's HTML by WeasyPrint, with its presentational hints (`border="1"`)
  and without them (`weasyprint-plain`: no rule drawn; a table told by its text's alignment);
* `scanner`     the plan's own PDF printed and scanned as an office scanner does it
  (`tests/scans.py`, `office-200`: 200 dpi, grey, turned, dust, JPEG), read by OCR (Tesseract).

A producer whose program is not installed makes nothing (`make` returns None).  For N plans
per language and producer the report counts rows exact, flagged (`needs_review`) and silently
wrong, for the plans the property covers (`left_out`), and the plans whose two engines'
outputs differ (must be 0).
"""
from __future__ import annotations

import io
import random
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from tests.plan_family import (
    PDF_STYLES,
    Plan,
    draw,
    draw_shape,
    expected_rows,
    layout_of,
    left_out,
    render_html,
    score,
    shape_name,
)

ENGINES = ("pdfium", "pdfplumber")


# -- the programs ---------------------------------------------------------------------

def chromium(src: Path, out: Path, header_footer: bool = False) -> list[str] | None:
    exe = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if exe is None:
        return None
    profile = tempfile.mkdtemp(prefix="chromium-")
    return [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", f"--user-data-dir={profile}",
            f"--print-to-pdf={out}"] + ([] if header_footer else ["--no-pdf-header-footer"]) + [src.as_uri()]


def weasyprint(src: Path, out: Path, hints: bool = True, landscape: bool = True) -> list[str] | None:
    exe = shutil.which("weasyprint") or str(Path(sys.executable).parent / "weasyprint")
    if not Path(exe).exists():
        return None
    extra: list[str] = ["--presentational-hints"] if hints else []
    if landscape:
        style = Path(tempfile.mkdtemp(prefix="weasyprint-")) / "landscape.css"
        style.write_text("@page { size: A4 landscape }\n", encoding="utf-8")
        extra += ["--stylesheet", str(style)]
    return [exe, *extra, str(src), str(out)]


def wkhtmltopdf(src: Path, out: Path) -> list[str] | None:
    exe = shutil.which("wkhtmltopdf")
    return [exe, "--quiet", str(src), str(out)] if exe else None


COMMANDS = {
    "chromium": chromium,
    "chromium-hf": lambda src, out: chromium(src, out, header_footer=True),
    "weasyprint": weasyprint,
    "weasyprint-plain": lambda src, out: weasyprint(src, out, hints=False),
    "wkhtmltopdf": wkhtmltopdf,
}
PRODUCERS = ("word-like", *COMMANDS, "scanner")


def installed(producer: str) -> bool:
    if producer == "scanner":
        from pipeline.readers.ocr import missing

        return missing() is None
    return producer == "word-like" or COMMANDS[producer](Path("/in.html"), Path("/out.pdf")) is not None


def print_html(producer: str, src: Path, out: Path) -> Path | None:
    """An HTML file printed to PDF by `producer`; None where it is not installed."""
    command = COMMANDS[producer](src, out)
    if command is None:
        return None
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    return out


# -- the family through them ------------------------------------------------------------

def plan_of(seed: int, lang: str) -> Plan:
    rnd = random.Random(seed)
    return draw(rnd, draw_shape(rnd, lang))


def make(producer: str, seed: int, lang: str, folder: Path) -> Path | None:
    """The family's plan of `seed` in `lang` as `producer` makes its PDF, in `folder`."""
    from tests import word_like

    plan = plan_of(seed, lang)
    folder.mkdir(parents=True, exist_ok=True)
    if producer == "word-like":
        rnd = random.Random(seed)
        layout = layout_of("pdf", plan, rnd)
        return word_like.render(plan, folder / "plan.pdf", layout, rnd.choice(PDF_STYLES))
    if producer == "scanner":
        from tests.plan_family import render
        from tests.scans import degraded_pdf

        (folder / "printed").mkdir(exist_ok=True)
        printed = render(plan, "pdf", folder / "printed", random.Random(seed))
        return degraded_pdf(printed, folder / "plan.pdf", "office-200", seed=seed)
    html = render_html(plan, folder / "plan.html", layout_of("html", plan, random.Random(seed)))
    return print_html(producer, html, folder / "plan.pdf")


def left_out_of(producer: str, seed: int, lang: str) -> str | None:
    """Why the property leaves the plan out as `producer` prints it: as the family's own PDF
    (`plan_family.left_out`); a browser sets a page's paragraphs apart (no `tight` style)."""
    plan = plan_of(seed, lang)
    if producer in ("word-like", "scanner"):  # the family's own PDF, printed
        return left_out(plan, "pdf", random.Random(seed))
    why = left_out(plan, "pdf", random.Random(seed))
    return None if why == "measures without a number set tight" else why


def outputs(path: Path) -> dict[str, str]:
    """The extraction's JSON from each engine."""
    from pipeline.extract import extract
    from pipeline.readers.options import ReadOptions
    from pipeline.writers import write_json

    out = {}
    for engine in ENGINES:
        buf = io.StringIO()
        write_json(extract(path, options=ReadOptions(pdf_engine=engine)), buf)
        out[engine] = buf.getvalue()
    return out


def check(path: Path, seed: int, lang: str, gazetteer) -> tuple[Counter, list[str], bool]:
    """Rows exact, flagged and silent (`plan_family.score`) of the plan's PDF at `path`, what
    went wrong, and whether both engines gave the same output byte for byte."""
    from pipeline.extract import document_to_extraction
    from pipeline.readers import read
    from pipeline.readers.options import ReadOptions
    from tests.conservation import check_conservation

    counts: Counter = Counter()
    misses: list[str] = []
    want = expected_rows(plan_of(seed, lang))
    engines = ENGINES if _has_text_layer(path) else ENGINES[:1]  # a scan: OCR reads it, whatever the engine
    docs = {engine: read(path, options=ReadOptions(pdf_engine=engine)) for engine in engines}
    ex = document_to_extraction(docs["pdfium"], gazetteer)
    try:
        check_conservation(docs["pdfium"], ex)
    except AssertionError as exc:
        counts["lost"] += 1
        misses.append(f"lost: {str(exc)[:200]}")
    for (exact, doubtful, wrong), row in zip(score(ex.records, want), want):
        kind = "exact" if exact else "flagged" if doubtful else "silent"
        counts[kind] += 1
        if not exact:
            misses.append(f"{row['measure_id']}: {','.join(wrong)} ({kind})")
    counts["rows"] += len(want)
    counts["extra"] += max(0, len(ex.records) - len(want))
    same = _same(outputs(path)) if len(engines) > 1 else True
    return counts, misses, same


def _has_text_layer(path: Path) -> bool:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return any(page.get_textpage().count_chars() for page in pdf)
    finally:
        pdf.close()


def _same(by_engine: dict[str, str]) -> bool:
    return len(set(by_engine.values())) == 1


def run(producer: str, lang: str, n: int, gazetteer, tmp: Path, first: int = 0) -> str:
    totals: Counter = Counter()
    lines: list[str] = []
    for seed in range(first, first + n):
        if left_out_of(producer, seed, lang):
            totals["left out"] += 1
            continue
        path = make(producer, seed, lang, tmp / f"{producer}-{lang}-{seed}")
        if path is None:
            return f"{producer:16} {lang}: not installed"
        try:
            counts, misses, same = check(path, seed, lang, gazetteer)
        except Exception as exc:  # a refusal is a finding of the report
            totals["refused"] += 1
            lines.append(f"    seed {seed} {shape_name(plan_of(seed, lang).shape)}: refused: {exc}")
            continue
        totals.update(counts)
        totals["plans"] += 1
        totals["engines differ"] += not same
        lines += [f"    seed {seed} {shape_name(plan_of(seed, lang).shape)} {m}" for m in misses if "silent" in m
                  or "lost" in m][:5]
    rows = totals["rows"] or 1
    head = (f"{producer:16} {lang}: {totals['plans']} plans ({totals['left out']} left out, {totals['refused']} "
            f"refused), {totals['rows']} rows: exact {totals['exact']} ({totals['exact'] / rows:.2%}), flagged "
            f"{totals['flagged']}, SILENT {totals['silent']}, extra {totals['extra']}, lost {totals['lost']}, "
            f"engines differ {totals['engines differ']}")
    return "\n".join([head] + lines[:20])


def main() -> None:
    from pipeline.normalize.agencies import Gazetteer

    args = sys.argv[1:]
    langs = ["en", "ru", "tg"]
    if "--lang" in args:
        at = args.index("--lang")
        langs = [args[at + 1]]
        del args[at:at + 2]
    n = int(args[0]) if args else 20
    producers = args[1:] or list(PRODUCERS)
    gazetteer = Gazetteer.load()
    with tempfile.TemporaryDirectory() as tmp:
        for producer in producers:
            for lang in langs:
                print(run(producer, lang, n, gazetteer, Path(tmp)), flush=True)


if __name__ == "__main__":
    main()
