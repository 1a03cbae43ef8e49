"""Cheap files that cost a lot (issue 42, part 6): each a few kilobytes that asks a reader, the
structure or the aligner for far more work or memory than a page can hold.  Made from nothing
but code (none is committed); used by tests/test_costly.py and by `python -m tests.costly DIR`,
which writes them all and runs `annex extract` on each, printing a table of seconds, peak
resident megabytes and outcome.

Every maker takes the folder to write into and returns the file's path.
"""
from __future__ import annotations

import ast
import io
import random
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from pathlib import Path

from tests.hostile import pdf_bytes
from tests.one_objective import NAMES, text

HEADER = ["Plan for 2011-2013", "Objectives", "Typical problems", "Implementation measures", "Timeframe",
          "Executing agencies", "Indicators of achievement"]


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    body = zlib.compress(data, 9)
    return b"<< /Length %d /Filter /FlateDecode%s >>\nstream\n" % (len(body), extra) + body + b"\nendstream"


def _one_page(contents: bytes) -> bytes:
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    return pdf_bytes([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        _stream(contents),
        font,
    ])


def _header_text() -> bytes:
    lines = [b"BT /F1 8 Tf"]
    for k, word in enumerate(HEADER[1:]):
        lines.append(b"1 0 0 1 %d 800 Tm (%s) Tj" % (40 + 90 * k, word.encode()))
    return b"\n".join(lines + [b"ET"])


def pdf_rectangles(folder: Path, count: int = 40_000) -> Path:
    """One page of `count` filled rectangles of half a point: a grid of dots under the header."""
    dots = b"".join(b"%d %d 0.5 0.5 re\n" % (20 + (k % 200) * 2.8, 20 + (k // 200) * 3.8) for k in range(count))
    path = folder / "rectangles.pdf"
    path.write_bytes(_one_page(_header_text() + b"\n0 g\n" + dots + b"f\n"))
    return path


def pdf_rules(folder: Path, count: int = 20_000) -> Path:
    """One page of `count` stroked rules, across and down, each a little apart from the last."""
    rules = []
    for k in range(count):
        if k % 2:
            x = 20 + (k // 2) % 555 + (k % 7) / 10
            rules.append(b"%.1f 20 m %.1f 780 l\n" % (x, x))
        else:
            y = 20 + (k // 2) % 760 + (k % 7) / 10
            rules.append(b"20 %.1f m 575 %.1f l\n" % (y, y))
    path = folder / "rules.pdf"
    path.write_bytes(_one_page(_header_text() + b"\n0.2 w\n" + b"".join(rules) + b"S\n"))
    return path


def _image_pages(pages: int, images: list[bytes], side: int, bits: int, tall: int | None = None) -> bytes:
    """A PDF of `pages` A4 pages, page k showing image k % len(images) (grey, `side` pixels wide
    and `tall` high (default: `side`), `bits` per pixel) over the whole page, and nothing else."""
    first_image = 3 + 2 * pages
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % (3 + 2 * k) for k in range(pages)),
                                                            pages)]
    for k in range(pages):
        image = first_image + k % len(images)
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                       b"/Resources << /XObject << /Im1 %d 0 R >> >> >>" % (4 + 2 * k, image))
        objects.append(_stream(b"q 595 0 0 842 0 0 cm /Im1 Do Q"))
    for pixels in images:
        objects.append(_stream(pixels, b" /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace "
                                       b"/DeviceGray /BitsPerComponent %d" % (side, tall or side, bits)))
    return pdf_bytes(objects)


def blank_scans(folder: Path, pages: int = 300) -> Path:
    """`pages` scanned pages, each a blank (white) picture of A4 at 300 dpi: about 50 KB."""
    side, tall = 2480, 3508
    path = folder / "blank-scans.pdf"
    path.write_bytes(_image_pages(pages, [b"\xff" * (side * tall)], side, 8, tall))
    return path


def noise_scans(folder: Path, pages: int = 40, seed: int = 0) -> Path:
    """`pages` scanned pages of salt-and-pepper noise (1-bit pictures of A4 at 72 dpi, a few
    kinds shared between the pages)."""
    rnd = random.Random(seed)
    side, tall = 600, 848
    images = [bytes(rnd.getrandbits(8) for _ in range(side * tall // 8)) for _ in range(4)]
    path = folder / "noise-scans.pdf"
    path.write_bytes(_image_pages(pages, images, side, 1, tall))
    return path


def long_text(folder: Path, measures: int = 50_000) -> Path:
    """A real header over `measures` measures of one problem."""
    path = folder / "long.txt"
    path.write_text(text(measures), encoding="utf-8")
    return path


def _annex(cells: list[str]) -> str:
    return "\n\n".join(HEADER + cells) + "\n"


def deep_numbering(folder: Path, depth: int = 2000) -> Path:
    """Numbered paragraphs 1., 1.1., 1.1.1. and so on, `depth` levels deep."""
    paras = [".".join(["1"] * d) + f". Level {d} of the plan" for d in range(1, depth + 1)]
    path = folder / "deep-numbering.txt"
    path.write_text(_annex(paras + ["2011", "Ministry of Health", "Done"]), encoding="utf-8")
    return path


def big_cell(folder: Path, words: int = 500_000) -> Path:
    """One measure whose paragraph holds `words` words."""
    rnd = random.Random(0)
    vocabulary = ["train", "judges", "publish", "leaflets", "open", "shelters", "in", "the", "district", "and"]
    measure = "1.1.1. " + " ".join(rnd.choice(vocabulary) for _ in range(words))
    path = folder / "big-cell.txt"
    path.write_text(_annex(["1. One objective", "1.1. One problem", measure, "2011", "Ministry of Health",
                            "Done"]), encoding="utf-8")
    return path


def many_timeframes(folder: Path, count: int = 20_000) -> Path:
    """One measure whose timeframe cell names `count` years and quarters."""
    frames = ", ".join(f"Q{1 + k % 4} {2011 + k // 4 % 20}" for k in range(count))
    path = folder / "many-timeframes.txt"
    path.write_text(_annex(["1. One objective", "1.1. One problem", "1.1.1. Train judges", frames,
                            "Ministry of Health", "Judges trained"]), encoding="utf-8")
    return path


def many_bodies(folder: Path, count: int = 21_000) -> Path:
    """One measure whose agency cell names `count` bodies."""
    bodies = ", ".join(NAMES[k % len(NAMES)] for k in range(count))
    path = folder / "many-bodies.txt"
    path.write_text(_annex(["1. One objective", "1.1. One problem", "1.1.1. Train judges", "2011", bodies,
                            "Judges trained"]), encoding="utf-8")
    return path


def sibling_tables(folder: Path, count: int = 100_000) -> Path:
    """A page of `count` empty tables side by side, then an annex."""
    head = "".join(f"<td>{h}</td>" for h in HEADER[1:])
    body = "".join(f"<td>{c}</td>" for c in ["1. One objective", "1.1. One problem", "1.1.1. Train judges",
                                              "2011", "Ministry of Health", "Judges trained"])
    page = ("<!DOCTYPE html><html><head><meta charset=utf-8></head><body>"
            + "<table></table>" * count + f"<table><tr>{head}</tr><tr>{body}</tr></table></body></html>")
    path = folder / "sibling-tables.html"
    path.write_text(page, encoding="utf-8")
    return path


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'wordprocessingml.document.main+xml"/></Types>')
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>')


def _docx(path: Path, body: str) -> Path:
    document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}">' \
               f"<w:body>{body}</w:body></w:document>"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", document)
    path.write_bytes(buffer.getvalue())
    return path


def _tc(texts: list[str], span: int = 1) -> str:
    props = f'<w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>' if span > 1 else ""
    return "<w:tc>" + props + "".join(f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>" for t in texts) + "</w:tc>"


def wide_grid(folder: Path, columns: int = 200_000, rows: int = 12) -> Path:
    """A Word table of `columns` grid columns whose rows each hold a cell spanning all but one
    of them: about 47 KB."""
    grid = "<w:tblGrid>" + "<w:gridCol/>" * columns + "</w:tblGrid>"
    header = "<w:tr>" + "".join(_tc([h]) for h in HEADER[1:]) + "</w:tr>"
    body = "".join("<w:tr>" + _tc([f"1.1.{r}. Train judges"], columns - 1) + _tc(["2011"]) + "</w:tr>"
                   for r in range(1, rows + 1))
    return _docx(folder / "wide-grid.docx", f"<w:p><w:r><w:t>{HEADER[0]}</w:t></w:r></w:p>"
                                            f"<w:tbl>{grid}{header}{body}</w:tbl>")


def many_bodies_in_word(folder: Path, count: int = 21_000) -> Path:
    """A Word table whose one agency cell holds `count` bodies, a paragraph each."""
    header = "<w:tr>" + "".join(_tc([h]) for h in HEADER[1:]) + "</w:tr>"
    bodies = [NAMES[k % len(NAMES)] for k in range(count)]
    row = "<w:tr>" + "".join(_tc(cell) for cell in (["1. One objective"], ["1.1. One problem"],
                                                   ["1.1.1. Train judges"], ["2011"], bodies,
                                                   ["Judges trained"])) + "</w:tr>"
    return _docx(folder / "many-bodies.docx", f"<w:p><w:r><w:t>{HEADER[0]}</w:t></w:r></w:p>"
                                              f"<w:tbl>{header}{row}</w:tbl>")


MAKERS = (pdf_rectangles, pdf_rules, blank_scans, noise_scans, long_text, deep_numbering, big_cell,
          many_timeframes, sibling_tables, wide_grid, many_bodies, many_bodies_in_word)


def measure(path: Path, out: Path, extra: tuple[str, ...] = ()) -> tuple[float, float, int, str]:
    """Run `annex extract -q` on `path` in a fresh process: (seconds, peak resident MB of the
    largest process, exit code, its stderr's last line)."""
    annex = Path(sys.executable).parent / "annex"
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.monotonic()
    done = subprocess.run([str(annex), "extract", "-q", "--timeout", "120", *extra, str(path), "-o", str(out)],
                          capture_output=True, text=True)
    seconds = time.monotonic() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    lines = done.stderr.strip().splitlines()
    said = f"{len(lines)} line(s): {lines[-1][:90]}" if lines else ""
    return seconds, max(peak, before) / 1024, done.returncode, said


def main(argv: list[str]) -> None:
    folder = Path(argv[0]) if argv else Path(tempfile.mkdtemp())
    folder.mkdir(parents=True, exist_ok=True)
    names = set(argv[1:])
    print("| file | KB | s | peak MB | exit | stderr |\n|---|---|---|---|---|---|")
    for maker in MAKERS:
        if names and maker.__name__ not in names:
            continue
        path = maker(folder)
        seconds, peak, code, said = _measured(path, folder)
        print(f"| {path.name} | {path.stat().st_size // 1024} | {seconds:.1f} | {peak:.0f} | {code} | {said} |",
              flush=True)


def _measured(path: Path, folder: Path) -> tuple[float, float, int, str]:
    """`measure` in a child of its own, so that each file's peak is its own (ru_maxrss only grows)."""
    code = ("import sys; from pathlib import Path; from tests.costly import measure; "
            "print(repr(measure(Path(sys.argv[1]), Path(sys.argv[2]))))")
    done = subprocess.run([sys.executable, "-c", code, str(path), str(folder / "out")], capture_output=True,
                          text=True, check=True)
    return ast.literal_eval(done.stdout.strip())


if __name__ == "__main__":
    main(sys.argv[1:])

