"""`make bench`: speed against baselines measured in the same run, so the ratios hold on any
machine.

`make bench` (about four minutes on 2 cores):

* **Growth**: one objective of N = 100, 400 and 1,000 measures (`tests/one_objective.py`,
  flattened column by column) through `annex extract`, whole process, CPU time, and the
  exponent of the growth from 100 to 1,000 (linear 1.0); a 1 MB text whose table is one line.
* **Word**: one Word file, and 20 with `--jobs 1` and `--jobs 2`, whole process with its
  workers, CPU time, against python-docx reading every cell of the same files in one process.

* **PDF engines** (`--pdf-engine pdfium|pdfplumber`), whole processes as a user runs them, CPU
  time (user + system) of each process, median of paired runs (each engine's run side by side
  with its floor's, one on each core; both engines in every repetition): each engine's
  `annex extract` against its own bare floor (pdfplumber: every page's characters and edges;
  pypdfium2: every character's text and origin and every path object's box), and the engines
  against each other, for 7 pages (`raw/annex_en.pdf`), 65 pages (the long fixture), 325 pages
  (it five times) and the Russian PDF.
* **Start-up**: `annex --help`; the English and the Russian PDF's ratio to the bare floor.
* **A scan**: a 7-page scan of the annex (`tests/scans.py`, 200 dpi) through
  `annex extract --jobs 2`, seconds per page, against bare `tesseract` on the same page
  pictures (two at a time, as `--jobs 2`), measured in the same run.

`--only=growth,word,...` runs the sections named. Last, every figure beside the last
release's (`bench/baseline.json`), each more than 20% worse marked `!`;
`python bench/bench.py --save` makes this run's figures the baseline.

`python bench/bench.py --all` adds: each reader in this process against its library's plain
read; the aligner's growth with one objective of N = 50 .. 1,000 measures (fitted exponent);
peak memory by page count; a batch of 40 PDFs with `--jobs 1` against `--jobs 2`.
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
    return [p.text for t in doc.tables for row in t.rows for cell in row.cells
            for p in cell.paragraphs]


def baseline_html(path: Path):
    import lxml.html
    return lxml.html.document_fromstring(path.read_bytes()).text_content()


def baseline_pdf(path: Path):
    import pdfplumber
    with pdfplumber.open(str(path)) as pdf:
        return [(len(page.chars), len(page.lines), len(page.rects)) for page in pdf.pages]


BASELINES = {".docx": ("python-docx plain read", baseline_docx),
             ".html": ("lxml parse", baseline_html),
             ".pdf": ("pdfplumber chars+lines", baseline_pdf), ".txt": (None, None)}


# this run's figures, compared with the last release's (bench/baseline.json)
FIGURES: dict[str, float] = {}
BASELINE = Path(__file__).with_name("baseline.json")
WORSE = 1.2  # a figure more than 20% over the last release's is marked


SECTIONS = {"growth": lambda: growth(), "word": lambda: word(), "engines": lambda: engines(),
            "start-up": lambda: start_up(), "scans": lambda: scans()}


def main() -> int:
    only = next((a.split("=", 1)[1].split(",") for a in sys.argv[1:] if a.startswith("--only=")),
                list(SECTIONS))
    for name in only:
        SECTIONS[name]()
    if "--all" in sys.argv[1:]:
        readers()
        scaling()
        memory_by_pages()
        batch()
    return compare("--save" in sys.argv[1:])


def compare(save: bool) -> int:
    """This run's figures beside the last release's; each more than 20% worse is marked. `--save`
    makes this run the baseline (at a release)."""
    import json

    before = json.loads(BASELINE.read_text(encoding="utf-8")) if BASELINE.exists() else {}
    print(f"\nagainst the last release's figures ({BASELINE.name}; lower is better, ! more than "
          f"{WORSE - 1:.0%} worse)")
    worse = 0
    for key, value in FIGURES.items():
        old = before.get(key)
        mark = "!" if old and value > WORSE * old else " "
        worse += mark == "!"
        print(f"  {mark} {key:<52} {value:8.2f}  {'-' if old is None else f'{old:8.2f}':>8}")
    print(f"  {worse} figure(s) more than {WORSE - 1:.0%} worse" if worse else "  none worse")
    if save:
        BASELINE.write_text(json.dumps(FIGURES, indent=1) + "\n", encoding="utf-8")
        print(f"  saved as {BASELINE.name}")
    return 0


def growth() -> None:
    """One objective of N measures (flattened text, column by column), whole process, CPU time,
    and the exponent of its growth; a 1 MB text of one line."""
    import math
    import tempfile

    from tests.one_objective import text

    py = sys.executable
    print("growth: one objective of N measures (flattened text), `annex extract`, whole process, "
          "CPU seconds")
    points = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in (100, 400, 1000):
            path = Path(tmp) / f"n{n}.txt"
            path.write_text(text(n), encoding="utf-8")
            seconds = statistics.median(_cpu([[py, "-m", "pipeline", "extract", "-q", str(path),
                                               "-o", tmp]])[0]
                                        for _ in range(3 if n < 1000 else 1))
            points.append((n, seconds))
            FIGURES[f"one objective, N={n} (s)"] = seconds
        (n0, t0), (n1, t1) = points[0], points[-1]
        exponent = math.log(t1 / t0) / math.log(n1 / n0)
        print("  " + "   ".join(f"N={n}: {t:.2f} s" for n, t in points)
              + f"   growth N^{exponent:.2f} (100 .. 1,000)")
        FIGURES["one objective, growth exponent"] = exponent
        line = Path(tmp) / "one-line.txt"
        annex = (RAW / "annex_en.txt").read_text(encoding="utf-8")
        head, body = annex[:annex.index("1.1")], annex[annex.index("1.1"):].replace("\n", " ")
        line.write_text(head + (body * (1_000_000 // len(body) + 1))[:1_000_000], encoding="utf-8")
        seconds = _cpu([[py, "-m", "pipeline", "extract", "-q", str(line), "-o", tmp]],
                       check=False)[0]
        print(f"  a 1 MB text whose table is one line: {seconds:.2f} s")
        FIGURES["1 MB one-line text (s)"] = seconds


DOCX_FLOOR = ("import docx, sys\nfor path in sys.argv[1:]:\n    doc = docx.Document(path)\n"
              "    [p.text for t in doc.tables for row in t.rows for cell in row.cells"
              " for p in cell.paragraphs]\n")


def word() -> None:
    """Word files, whole process, CPU time, against python-docx loading them and every cell in one
    process."""
    import shutil
    import tempfile

    py = sys.executable
    print("\nWord: `annex extract`, whole process (workers included), CPU seconds, against "
          "python-docx reading\n"
          "every cell of the same files in one process (median of 3)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        files = [str(shutil.copy(RAW / "annex_en.docx", folder / f"annex_{i:02d}.docx"))
                 for i in range(20)]
        cases = [("one Word file", [files[0]], 1), ("20 Word files, --jobs 1", [str(folder)], 1),
                 ("20 Word files, --jobs 2", [str(folder)], 2)]
        for label, inputs, jobs in cases:
            annex = [py, "-m", "pipeline", "extract", "-q", *inputs, "-o", str(Path(tmp) / "out"),
                     "--jobs", str(jobs)]
            floor = [py, "-c", DOCX_FLOOR,
                     *(files if len(inputs) == 1 and inputs[0] == str(folder) else inputs)]
            t_annex = statistics.median(_cpu([annex])[0] for _ in range(3))
            t_floor = statistics.median(_cpu([floor])[0] for _ in range(3))
            print(f"  {label:<26} {t_annex:6.2f} s   python-docx {t_floor:5.2f} s   "
                  f"{t_annex / t_floor:5.2f}x")
            FIGURES[f"{label} / python-docx"] = t_annex / t_floor


def readers() -> None:
    from pipeline.extract import extract
    from pipeline.normalize.agencies import Gazetteer
    from pipeline.readers import read

    gazetteer = Gazetteer.load()
    sources = sorted(p for p in RAW.iterdir() if p.suffix in BASELINES)
    print(f"\n{'source':<24} {'read ms':>8} {'extract ms':>11} {'baseline ms':>12} "
          f"{'extract/baseline':>17}  baseline")
    for path in sources:
        t_read = timed(lambda: read(path))
        # the gazetteer's memo is cleared each run: every run matches every string anew
        t_extract = timed(lambda: (gazetteer.clear_cache(), extract(path, gazetteer)))
        name, fn = BASELINES[path.suffix]
        if fn is not None:
            t_base = timed(lambda: fn(path))
            print(f"{path.name:<24} {t_read * 1000:8.1f} {t_extract * 1000:11.1f} "
                  f"{t_base * 1000:12.1f} {t_extract / t_base:16.2f}x  {name}")
        else:
            print(f"{path.name:<24} {t_read * 1000:8.1f} {t_extract * 1000:11.1f} "
                  f"{'-':>12} {'-':>17}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this bench process: {peak:.0f} MB")
    for path in sources:
        if path.suffix == ".pdf":
            print(f"peak memory of `annex extract {path.name}` alone (fresh process): "
                  f"{_subprocess_peak(path):.0f} MB")


# -- PDF engines ---------------------------------------------------------------------------------

FLOORS = {
    "pdfplumber": "import pdfplumber, sys; pdf = pdfplumber.open(sys.argv[1]); "
                  "[(len(p.chars), len(p.edges)) for p in pdf.pages]",
    "pdfium": "import ctypes, sys, pypdfium2 as pdfium, pypdfium2.raw as r\n"
              "pdf = pdfium.PdfDocument(sys.argv[1]); x, y = ctypes.c_double(), ctypes.c_double()\n"
              "for page in pdf:\n"
              "    t = r.FPDFText_LoadPage(page.raw)\n"
              "    for i in range(r.FPDFText_CountChars(t)):\n"
              "        r.FPDFText_GetUnicode(t, i); r.FPDFText_GetCharOrigin(t, i, x, y)\n"
              "    r.FPDFText_ClosePage(t)\n"
              "    [o.get_bounds() for o in page.get_objects(filter=[2])]\n",
}


def _cpu(commands: list[list[str]], check: bool = True) -> list[float]:
    """Run `commands` side by side; each one's CPU time (user + system), in seconds."""
    import os
    import subprocess
    procs = [subprocess.Popen(c, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
             for c in commands]
    out = []
    for proc in procs:
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode and check:
            raise SystemExit(f"bench: {' '.join(commands[procs.index(proc)])} failed")
        out.append(usage.ru_utime + usage.ru_stime)
    return out


def engines() -> None:
    import tempfile

    py = sys.executable
    print("PDF engines: whole process, CPU seconds (median of paired runs: each engine's run "
          "beside its floor's,\n"
          "one on each core, and both engines in every repetition)")
    print(f"  {'input':<22} {'pages':>5} {'pdfium':>7} {'floor':>6} {'ratio':>6} "
          f"{'pdfplumber':>10} {'floor':>6} "
          f"{'ratio':>6} {'plumber/pdfium':>14}")
    with tempfile.TemporaryDirectory() as tmp:
        inputs = [(RAW / "annex_en.pdf", 3),
                  (ROOT / "tests" / "fixtures" / "long-annex-x10.pdf", 3),
                  (_times_five(Path(tmp)), 1), (RAW / "annex_ru.pdf", 3)]
        for path, runs in inputs:
            samples: dict[str, list[float]] = {k: [] for k in ("pdfium", "pdfplumber",
                                                               "floor-pdfium", "floor-pdfplumber")}
            annex = [py, "-m", "pipeline", "extract", "-q", str(path), "-o", str(Path(tmp) / "out"),
                     "--pdf-engine"]
            for _ in range(runs):
                a, c = _cpu([annex + ["pdfium"], [py, "-c", FLOORS["pdfium"], str(path)]])
                b, d = _cpu([annex + ["pdfplumber"], [py, "-c", FLOORS["pdfplumber"], str(path)]])
                for key, value in zip(samples, (a, b, c, d)):
                    samples[key].append(value)
            m = {k: statistics.median(v) for k, v in samples.items()}
            print(f"  {path.name:<22} {_pages(path):>5} {m['pdfium']:6.2f}s "
                  f"{m['floor-pdfium']:5.2f}s "
                  f"{m['pdfium'] / m['floor-pdfium']:5.1f}x {m['pdfplumber']:9.2f}s "
                  f"{m['floor-pdfplumber']:5.2f}s "
                  f"{m['pdfplumber'] / m['floor-pdfplumber']:5.2f}x "
                  f"{m['pdfplumber'] / m['pdfium']:13.2f}x")
            FIGURES[f"{path.name} pdfium / its floor"] = m["pdfium"] / m["floor-pdfium"]
            FIGURES[f"{path.name} pdfplumber / its floor"] = m["pdfplumber"] / m["floor-pdfplumber"]


def _pages(path: Path) -> int:
    import pypdfium2 as pdfium
    return len(pdfium.PdfDocument(str(path)))


def _times_five(folder: Path) -> Path:
    """The 65-page fixture five times over: 325 pages."""
    import pypdfium2 as pdfium
    path = folder / "annex_x50.pdf"
    out, src = pdfium.PdfDocument.new(), pdfium.PdfDocument(str(ROOT / "tests" / "fixtures"
                                                                / "long-annex-x10.pdf"))
    for _ in range(5):
        out.import_pages(src)
    out.save(str(path))
    return path


def start_up() -> None:
    import tempfile

    py = sys.executable
    print("\nstart-up, whole process (wall, median of 3)")
    print(f"  annex --help: {_wall([py, '-m', 'pipeline', '--help']):.2f} s")
    for name in ("annex_en.pdf", "annex_ru.pdf"):
        path = RAW / name
        out = str(Path(tempfile.gettempdir()) / "annex-bench")
        t_annex = statistics.median(_cpu([[py, "-m", "pipeline", "extract", "-q", str(path),
                                           "-o", out]])[0]
                                    for _ in range(3))
        t_bare = statistics.median(_cpu([[py, "-c", FLOORS["pdfium"], str(path)]])[0]
                                   for _ in range(3))
        print(f"  {name:<14} annex extract {t_annex:5.2f} s CPU   bare pdfium {t_bare:5.2f} s   "
              f"{t_annex / t_bare:4.1f}x")
        FIGURES[f"start-up, {name} / bare pdfium"] = t_annex / t_bare


def _wall(args: list[str], runs: int = 3) -> float:
    import subprocess
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True, cwd=ROOT)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def scaling() -> None:
    import math
    import tempfile

    from pipeline.extract import extract
    from pipeline.normalize.agencies import Gazetteer
    from tests.one_objective import text
    gazetteer = Gazetteer.load()
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
            print(f"  N={n:5d}  {seconds:6.2f} s  ({len(ex.records)} rows, "
                  f"{len(ex.unplaced)} unplaced)")
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
        for label, path in (("7 pages", RAW / "annex_en.pdf"), ("65 pages", long),
                            (f"{len(out)} pages", fifty)):
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
            times[jobs] = _wall([py, "-m", "pipeline", "extract", "-q", str(folder),
                                 "-o", str(Path(tmp) / f"out{jobs}"),
                                 "--jobs", str(jobs)], runs=1)
            print(f"  --jobs {jobs}: {times[jobs]:6.1f} s")
        print(f"  --jobs 2 / --jobs 1: {times[2] / times[1]:.2f}")


def scans() -> None:
    """OCR: seconds per page of a scanned 7-page annex through `annex extract --jobs 2`, against
    bare `tesseract` reading the same page pictures (as the PDF holds them) two at a time, both
    wall time in this run; and the text layer's extraction for scale."""
    import shutil
    import subprocess
    import tempfile
    from concurrent.futures import ThreadPoolExecutor

    import pypdfium2 as pdfium

    from pipeline.readers import ocr
    from tests.scans import scan_pdf

    print("\nscanned PDF (7 pages at 200 dpi), wall time, one run")
    if ocr.missing():
        print(f"  skipped: {ocr.missing()}")
        return
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        scan = scan_pdf(RAW / "annex_en.pdf", Path(tmp) / "scan.pdf")
        pictures = []
        for i, page in enumerate(pdfium.PdfDocument(str(scan))):
            [image] = [o for o in page.get_objects() if o.type == 3]
            picture = Path(tmp) / f"page{i + 1}.png"
            image.get_bitmap(render=False).to_pil().save(picture, dpi=(200, 200))
            pictures.append(picture)
        tesseract = shutil.which("tesseract") or "tesseract"

        def bare(picture: Path) -> None:
            subprocess.run([tesseract, str(picture), str(picture.with_suffix("")), "-l", "eng",
                            "hocr"],
                           check=True, capture_output=True)

        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=2) as pool:
            list(pool.map(bare, pictures))
        t_bare = time.perf_counter() - start
        t_scan = _wall([py, "-m", "pipeline", "extract", "-q", "--jobs", "2", "--ocr-lang", "en",
                        str(scan), "-o", str(Path(tmp) / "b")], runs=1)
        t_text = _wall([py, "-m", "pipeline", "extract", "-q", str(RAW / "annex_en.pdf"),
                        "-o", str(Path(tmp) / "a")],
                       runs=1)
        pages = len(pictures)
        print(f"  annex extract --jobs 2: {t_scan / pages:.2f} s per page   "
              f"bare tesseract (2 at a time): "
              f"{t_bare / pages:.2f} s per page   {t_scan / t_bare:.2f}x   "
              f"(text layer: {t_text:.2f} s in all)")
        FIGURES["scan, --jobs 2 / bare tesseract"] = t_scan / t_bare


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
