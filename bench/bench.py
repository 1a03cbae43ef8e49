"""`make bench`: speed of the readers and of whole extractions, against baselines.

Every figure is the median of several runs in this process, after one warm-up run
(spaCy and the gazetteer load once).  Each baseline is measured in the same run, so
the ratios hold on any machine:

* docx: python-docx opening the file and reading every cell's text the plain way;
* html: lxml parsing the page;
* pdf:  pdfplumber alone reading every page's characters and lines (the floor for a
        pdfplumber-based reader).

Peak memory: of this bench process, and of each PDF extraction alone in a fresh process.

Then, whole processes as a user runs them (`python -m pipeline`, each figure the median
of three): `annex --help`; an extraction per format against the same library's bare read
of that file in its own fresh process; the aligner's growth with one objective of N
measures (N = 50 .. 1,000, fitted exponent); peak memory against page count (7, 65 and
325 pages: the annex, ten times, fifty times); a batch of 40 PDFs with `--jobs 1`
against `--jobs 2`; and a scan of the 7-page annex read by OCR (seconds per page, peak
memory) against its text layer.
"""
from __future__ import annotations

import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing
RAW = ROOT / "raw"
RUNS = 7


def timed(fn, runs: int = RUNS) -> float:
    fn()  # warm-up
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def baseline_docx(path: Path):
    import docx
    doc = docx.Document(str(path))
    return [p.text for t in doc.tables for row in t.rows for cell in row.cells for p in cell.paragraphs]


def baseline_html(path: Path):
    import lxml.html
    return lxml.html.document_fromstring(path.read_bytes()).text_content()


def baseline_pdf(path: Path):
    import pdfplumber
    with pdfplumber.open(str(path)) as pdf:
        return [(len(page.chars), len(page.lines), len(page.rects)) for page in pdf.pages]


BASELINES = {".docx": ("python-docx plain read", baseline_docx), ".html": ("lxml parse", baseline_html),
             ".pdf": ("pdfplumber chars+lines", baseline_pdf), ".txt": (None, None)}


def main() -> int:
    from pipeline.extract import extract
    from pipeline.normalize.agencies import Gazetteer
    from pipeline.readers import read

    gazetteer = Gazetteer.load()
    sources = sorted(p for p in RAW.iterdir() if p.suffix in BASELINES)
    print(f"{'source':<24} {'read ms':>8} {'extract ms':>11} {'baseline ms':>12} {'extract/baseline':>17}  baseline")
    for path in sources:
        t_read = timed(lambda: read(path))
        # the gazetteer's memo is cleared each run: every run matches every string anew
        t_extract = timed(lambda: (gazetteer.clear_cache(), extract(path, gazetteer)))
        name, fn = BASELINES[path.suffix]
        if fn is not None:
            t_base = timed(lambda: fn(path))
            print(f"{path.name:<24} {t_read * 1000:8.1f} {t_extract * 1000:11.1f} {t_base * 1000:12.1f} "
                  f"{t_extract / t_base:16.2f}x  {name}")
        else:
            print(f"{path.name:<24} {t_read * 1000:8.1f} {t_extract * 1000:11.1f} {'-':>12} {'-':>17}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this bench process: {peak:.0f} MB")
    for path in sources:
        if path.suffix == ".pdf":
            print(f"peak memory of `annex extract {path.name}` alone (fresh process): "
                  f"{_subprocess_peak(path):.0f} MB")
    whole_process()
    scaling(gazetteer)
    memory_by_pages()
    batch()
    scans()
    return 0


def _wall(args: list[str], runs: int = 3) -> float:
    import subprocess
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True, cwd=ROOT)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


BARE = {".docx": "import docx, sys; d = docx.Document(sys.argv[1]); "
                 "[p.text for t in d.tables for r in t.rows for c in r.cells for p in c.paragraphs]",
        ".html": "import lxml.html, sys; lxml.html.document_fromstring(open(sys.argv[1], 'rb').read()).text_content()",
        ".pdf": "import pdfplumber, sys; pdf = pdfplumber.open(sys.argv[1]); "
                "[(len(p.chars), len(p.lines)) for p in pdf.pages]",
        ".txt": "import sys; open(sys.argv[1], encoding='utf-8').read()"}


def whole_process() -> None:
    import tempfile
    py = sys.executable
    print("\nwhole process, as a user runs it (median of 3)")
    print(f"  annex --help: {_wall([py, '-m', 'pipeline', '--help']):.2f} s")
    with tempfile.TemporaryDirectory() as out:
        for path in sorted(p for p in RAW.iterdir() if p.suffix in BARE):
            t_annex = _wall([py, "-m", "pipeline", "extract", "-q", str(path), "-o", out])
            t_bare = _wall([py, "-c", BARE[path.suffix], str(path)])
            print(f"  {path.name:<22} annex extract {t_annex:5.2f} s   bare read {t_bare:5.2f} s   "
                  f"{t_annex / t_bare:5.1f}x")


def scaling(gazetteer) -> None:
    import math
    import tempfile

    from one_objective import text  # beside this file

    from pipeline.extract import extract
    print("\none objective of N measures (flattened text), whole extraction in this process")
    points = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in (50, 100, 200, 500, 1000):
            path = Path(tmp) / f"n{n}.txt"
            path.write_text(text(n), encoding="utf-8")
            gazetteer.clear_cache()
            start = time.perf_counter()
            ex = extract(path, gazetteer)
            seconds = time.perf_counter() - start
            points.append((n, seconds))
            print(f"  N={n:5d}  {seconds:6.2f} s  ({len(ex.records)} rows, {len(ex.unplaced)} unplaced)")
    xs, ys = [math.log(n) for n, _ in points], [math.log(t) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    print(f"  fitted growth: N^{slope:.2f} (50 .. 1,000)")


def memory_by_pages() -> None:
    import tempfile

    import pypdfium2 as pdfium
    long = ROOT / "tests" / "fixtures" / "long-annex-x10.pdf"
    print("\npeak memory of one PDF extraction (fresh process) by page count")
    with tempfile.TemporaryDirectory() as tmp:
        fifty = Path(tmp) / "annex_x50.pdf"
        out, src = pdfium.PdfDocument.new(), pdfium.PdfDocument(str(long))
        for _ in range(5):
            out.import_pages(src)
        out.save(str(fifty))
        base = None
        for label, path in (("7 pages", RAW / "annex_en.pdf"), ("65 pages", long), (f"{len(out)} pages", fifty)):
            peak = _subprocess_peak(path)
            base = base or peak
            print(f"  {label:<10} {peak:6.0f} MB  {peak / base:4.2f}x the 7-page one")


def batch() -> None:
    import shutil
    import tempfile
    py = sys.executable
    print("\n40 PDFs in one call (whole process, one run each)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for i in range(40):
            shutil.copy(RAW / "annex_en.pdf", folder / f"annex_{i:02d}.pdf")
        times = {}
        for jobs in (1, 2):
            times[jobs] = _wall([py, "-m", "pipeline", "extract", "-q", str(folder), "-o", str(Path(tmp) / f"out{jobs}"),
                                 "--jobs", str(jobs)], runs=1)
            print(f"  --jobs {jobs}: {times[jobs]:6.1f} s")
        print(f"  --jobs 2 / --jobs 1: {times[2] / times[1]:.2f}")


def scans() -> None:
    """OCR: seconds per page and peak memory of a scanned 7-page annex, against the same
    annex's text layer, in fresh processes."""
    import tempfile

    from pipeline.readers import ocr
    from tests.scans import scan_pdf

    print("\nscanned PDF (7 pages at 200 dpi, read by OCR at 300 dpi), whole process, one run")
    if ocr.missing():
        print(f"  skipped: {ocr.missing()}")
        return
    with tempfile.TemporaryDirectory() as tmp:
        scan = scan_pdf(RAW / "annex_en.pdf", Path(tmp) / "scan.pdf")
        py = sys.executable
        text = _wall([py, "-m", "pipeline", "extract", "-q", str(RAW / "annex_en.pdf"), "-o", str(Path(tmp) / "a")], runs=1)
        scanned = _wall([py, "-m", "pipeline", "extract", "-q", str(scan), "-o", str(Path(tmp) / "b")], runs=1)
        print(f"  text layer {text:6.1f} s   scan {scanned:6.1f} s   {scanned / 7:.1f} s per page   "
              f"{scanned / text:.0f}x the text layer")
        print(f"  peak memory: text layer {_subprocess_peak(RAW / 'annex_en.pdf'):.0f} MB, "
              f"scan {_subprocess_peak(scan):.0f} MB (Tesseract's own process not counted)")


def _subprocess_peak(path: Path) -> float:
    """Peak RSS of one `annex extract` run in a fresh process, as that process reports it.

    VmHWM (Linux) belongs to the new process image; ru_maxrss would carry over the
    bench process's own peak through fork.
    """
    import subprocess
    import tempfile
    code = ("import sys; from pipeline.cli import main; main(sys.argv[1:]); "
            "print([l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')][0])")
    with tempfile.TemporaryDirectory() as out:
        run = subprocess.run([sys.executable, "-c", code, "extract", str(path), "-o", out],
                             check=True, capture_output=True, text=True, cwd=ROOT)
    return int(run.stdout.split()[-1]) / 1024


if __name__ == "__main__":
    sys.exit(main())
