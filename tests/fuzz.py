"""Hostile variants of the raw files, run through `annex extract` (issue 21).

    python -m tests.fuzz N [SEED]        (`make fuzz N=2000`)

Each case is a raw file mutated one of several ways (bytes flipped, cut short, a run repeated;
for Word, its XML changed in the ways crafted files change it; the crafted PDFs of
`tests.hostile`).  All cases go to one `annex extract -j 2` run, each in a process of its own
under the memory and time ceilings.  An outcome is:

* `extracted`: exit 0 for it, its outputs written;
* `refused`: one `annex: error:` line naming the file, nothing written for it;
* `stopped`: past the time ceiling (a hang the readers did not see coming);
* `over memory`: past the memory ceiling (a bomb the readers did not see coming);
* `defect`: anything else: a library's exception that no reader turned into a sentence
  (`failed: TypeError`), a crash, a second line, no line at all.

The test (`tests/test_fuzz.py`) runs a small seeded budget and asserts no defect.
"""
from __future__ import annotations

import random
import re
import resource
import sys
import tempfile
import time
import zipfile
from collections import Counter
from pathlib import Path

from tests import hostile
from tests.conftest import RAW, annex

SOURCES = sorted(p for p in RAW.iterdir() if p.suffix in {".txt", ".docx", ".html", ".pdf"})
WORD_CHANGES = [  # (pattern, replacement) in word/document.xml: what crafted Word files do
    (rb"<w:tc>", b'<w:tc><w:tcPr><w:gridSpan w:val="1000000000"/></w:tcPr>'),
    (rb"<w:tc>", b'<w:tc><w:tcPr><w:vMerge w:val="continue"/></w:tcPr>'),
    (rb"<w:t>", b"<w:t>&undefined;"),
    (rb"<w:p>", b"<w:p><w:pPr><w:numPr><w:ilvl w:val=\"x\"/><w:numId w:val=\"99999999999\"/></w:numPr></w:pPr>"),
    (rb"<w:tbl>", b"<w:tbl><w:tbl>"),
    (rb"</w:body>", b""),
]


def _mutate_bytes(data: bytes, rnd: random.Random) -> bytes:
    kind = rnd.choice(("flip", "cut", "repeat", "zero"))
    if not data:
        return data
    at = rnd.randrange(len(data))
    if kind == "flip":
        out = bytearray(data)
        for _ in range(rnd.randint(1, 20)):
            out[rnd.randrange(len(out))] = rnd.randrange(256)
        return bytes(out)
    if kind == "cut":
        return data[:at]
    if kind == "repeat":
        size = rnd.randint(1, 4096)
        return data[:at] + data[at:at + size] * rnd.randint(2, 50) + data[at:]
    return data[:at] + b"\0" * rnd.randint(1, 4096) + data[at:]


def _mutate_word(data: bytes, rnd: random.Random) -> bytes:
    import io

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    pattern, replacement = rnd.choice(WORD_CHANGES)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename == "word/document.xml":
                body = re.sub(pattern, replacement, body, count=rnd.randint(1, 5))
            target.writestr(item, body)
    return out.getvalue()


def cases(n: int, seed: int, folder: Path) -> list[Path]:
    """`n` hostile files in `folder`: the crafted PDFs first, then mutants of the raw files."""
    rnd = random.Random(seed)
    made = [make(folder) for make in hostile.CRAFTED_PDFS if make is not hostile.huge_scanned_page]
    for k in range(max(0, n - len(made))):
        source = rnd.choice(SOURCES)
        data = source.read_bytes()
        if source.suffix == ".docx" and rnd.random() < 0.5:
            data = _mutate_word(data, rnd)
        else:
            data = _mutate_bytes(data, rnd)
        path = folder / f"case{k:05d}{source.suffix}"
        path.write_bytes(data)
        made.append(path)
    return made[:n] if n < len(made) else made


def outcomes(paths: list[Path], out: Path, timeout: float = 30.0) -> tuple[dict[Path, str], int, str]:
    """Every case through one `annex extract` run: each case's outcome, the exit code, stderr."""
    run = annex("extract", *paths, "-o", out, "-j", "2", "--timeout", str(timeout))
    said: dict[Path, list[str]] = {p: [] for p in paths}
    by_name = {str(p): p for p in paths}
    stray = []
    for line in run.stderr.splitlines():
        match = re.match(r"(?:annex: error: )?(.+?\.(?:txt|docx|html|pdf)): ", line)
        if match and match.group(1) in by_name:
            said[by_name[match.group(1)]].append(line)
        elif not line.startswith(f"{len(paths)} file(s):"):
            stray.append(line)
    result = {p: _outcome(p, lines, out) for p, lines in said.items()}
    for p, outcome in result.items():
        if outcome == "defect":
            stray.append(f"defect {p.name}: {said[p]}")
    return result, run.returncode, "\n".join(stray)


def _outcome(path: Path, lines: list[str], out: Path) -> str:
    if len(lines) != 1:
        return "defect"
    line = lines[0]
    if not line.startswith("annex: error: "):
        return "extracted" if re.search(r": \d+ rows\b.* -> ", line) else "defect"
    if list(out.glob(f"{path.name}*")) + list(out.glob(f"{path.stem}.csv")):
        return "defect"  # refused, yet something written
    if "--timeout" in line:
        return "stopped"
    if "--max-memory" in line:
        return "over memory"
    if "failed: " in line or "crashed" in line or "killed" in line or "before it reported" in line:
        return "defect"
    return "refused"


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 200
    seed = int(argv[1]) if len(argv) > 1 else 0
    with tempfile.TemporaryDirectory() as tmp:
        folder, out = Path(tmp) / "cases", Path(tmp) / "out"
        folder.mkdir()
        paths = cases(n, seed, folder)
        start = time.monotonic()
        result, code, stray = outcomes(paths, out)
        took = time.monotonic() - start
        leftovers = [p.name for p in out.iterdir() if ".tmp" in p.name] if out.exists() else []
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    tally = Counter(result.values())
    print(f"{len(paths)} cases (seed {seed}) in {took:.0f} s; largest process {peak:.0f} MB")
    print("| outcome | cases |\n|---|---|")
    for name in ("extracted", "refused", "stopped", "over memory", "defect"):
        print(f"| {name} | {tally.get(name, 0)} |")
    if stray:
        print(f"defects and stray stderr lines:\n{stray}")
    if leftovers:
        print(f"temporary files left: {leftovers}")
    return 1 if tally.get("defect") or stray or leftovers else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
