"""`make bench`: speed of the readers and of whole extractions, against baselines.

Every figure is the median of several runs in this process, after one warm-up run
(spaCy and the gazetteer load once).  Each baseline is measured in the same run, so
the ratios hold on any machine:

* docx: python-docx opening the file and reading every cell's text the plain way;
* html: lxml parsing the page;
* pdf:  pdfplumber alone reading every page's characters and lines (the floor for a
        pdfplumber-based reader).

Peak memory: of this bench process, and of each PDF extraction alone in a fresh process.
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
    return 0


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
