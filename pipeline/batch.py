"""Many inputs at once: files and folders, each in a process of its own, with a summary.

Every input is independent: its three output files are written together or not at all,
and a file that fails (bad input, or unplaced paragraphs under `strict`) is reported and
does not stop the others.  Outputs that two inputs would share are refused before any
work.  Each file is read in a process of its own, under a memory and a time ceiling
(`isolate`), forked from this one after it has loaded the gazetteer.
"""
from __future__ import annotations

import os
import shlex
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from .align import DEFAULT, AlignSettings
from .columns import NO_NAMES, ColumnNames
from .contract import Extraction, add_counts, counts_text, record_counts
from .enums import Format
from .errors import DocumentLoadError, PipelineError
from .extract import extract
from .isolate import Limits, report, run_each
from .normalize.agencies import MATCH_DEFAULT, Gazetteer, MatchSettings
from .readers import preload, sniff
from .readers.formats import SOURCE_SUFFIXES, documents, listed, scans
from .readers.options import ReadOptions
from .writers import output_stem, write_extraction

SUPPORTED = SOURCE_SUFFIXES  # what a folder gives: every suffix of a format that has a reader


def expand(inputs: list[str | Path], recursive: bool = False) -> list[Path]:
    """Files as given; a folder gives the supported files in it (and below, with `recursive`)."""
    out: list[Path] = []
    for item in map(Path, inputs):
        if item.is_dir():
            found = sorted(p for p in (item.rglob("*") if recursive else item.iterdir())
                           if p.is_file() and p.suffix.lower() in SUPPORTED
                           and not p.name.startswith("."))
            if not found:
                raise DocumentLoadError(f"{item}: a folder with no "
                                        f"{listed(documents() + scans())} file in it"
                                        + ("" if recursive
                                           else " (--recursive looks in its subfolders)"))
            out.extend(found)
        else:
            out.append(item)
    return out


@dataclass
class FileResult:
    path: str
    rows: int = 0
    unplaced: int = 0
    review: int = 0
    flags: Counter = field(default_factory=Counter)
    output: str = ""
    error: str = ""
    corrected: int = 0  # corrections applied
    stale: int = 0  # corrections not applied: the source or the value changed
    counts: dict = field(default_factory=dict)  # `contract.row_counts` and `unplaced`
    # a source read by OCR: its X.json, which `annex review` opens with no OCR
    review_file: str = ""


@dataclass
class BatchSettings:
    out_dir: Path
    strict: bool = False
    agencies_only: str | None = None
    agencies: tuple[str, ...] = ()
    options: ReadOptions = ReadOptions()  # how to read the inputs
    corrections: str | None = None  # a corrections file
    align: AlignSettings = DEFAULT  # the alignment's costs
    match: MatchSettings = MATCH_DEFAULT  # the agency matcher's thresholds
    excel: bool = False  # CSVs for a spreadsheet: a byte-order mark, no cell read as a formula
    xlsx: bool = False  # also X.xlsx: measures, agencies and steps as sheets of one workbook
    pages: bool = False  # each file's process reports its pages as it reads them (`isolate.report`)
    columns: ColumnNames = NO_NAMES  # header text -> its column's role (`--columns`)


_WORKER: dict = {}


def _start(settings: BatchSettings) -> None:
    _WORKER["settings"] = settings
    _WORKER["gazetteer"] = Gazetteer.load(settings.agencies_only, extend=list(settings.agencies),
                                          settings=settings.match)
    _WORKER["corrections"] = None
    if settings.corrections:
        from .corrections import Corrections  # a run with corrections only

        _WORKER["corrections"] = Corrections.load(settings.corrections)


def _one(path: Path) -> FileResult:
    settings: BatchSettings = _WORKER["settings"]
    options = replace(settings.options, progress=_page_read) if settings.pages else settings.options
    out_dir = _WORKER.get("dirs", {}).get(path, settings.out_dir)
    try:
        ex = extract(path, _WORKER["gazetteer"], strict=settings.strict, settings=settings.align,
                     options=options, corrections=_WORKER.get("corrections"),
                     columns=settings.columns)
        out_dir.mkdir(parents=True, exist_ok=True)  # a subfolder for inputs of one name
        paths = write_extraction(ex, out_dir, settings.excel, settings.xlsx, source=path)
    except PipelineError as exc:
        message = str(exc)
        # the layout names the file only
        if message.startswith(f"{path.name}:") and str(path) != path.name:
            message = f"{path}{message[len(path.name):]}"
        return FileResult(str(path), error=message)
    except OSError as exc:
        return FileResult(str(path), error=f"{path}: cannot write the output ({exc.strerror})")
    return file_result(str(path), ex, str(paths[0]), str(paths[1]))


def file_result(path: str, ex: Extraction, output: str, json_file: str | None = None) -> FileResult:
    """What became of one input: its counts, its corrections and where it went (`json_file`: its
    X.json, if one was written)."""
    counts = record_counts(ex.records) | {"unplaced": len(ex.unplaced)}
    stale = sum(1 for o in ex.corrections if o.status == "stale")
    return FileResult(path, len(ex.records), len(ex.unplaced), counts["review_rows"],
                      Counter(counts["flags"]),
                      output, corrected=len(ex.corrections) - stale, stale=stale, counts=counts,
                      review_file=json_file if json_file and ex.ocr_words else "")


def _format(path: Path) -> Format | None:
    """An input's format, from its first bytes (`readers.sniff`); None for one that cannot be
    read or told (it is reported when its turn comes)."""
    try:
        with open(path, "rb") as fh:
            return sniff(path, fh.read(4096))
    except (OSError, DocumentLoadError):
        return None


def output_dirs(paths: list[Path], out_dir: Path,
                formats: dict[Path, Format | None] | None = None) -> dict[Path, Path]:
    """Where each input's files go: `out_dir`; inputs whose outputs would share a name
    (`v1/plan.docx`, `v2/plan.docx`) each go to the subfolder of `out_dir` that their own folder
    is of the folder they have in common (`out/v1/`, `out/v2/`).  The same file given twice is
    refused.  `formats`: each input's (`_format`), where already told."""
    if formats is None:
        formats = {path: _format(path) for path in paths}
    stems = {path: None if fmt is None else output_stem(path.name, fmt)
             for path, fmt in formats.items()}
    names = Counter(stems[p] for p in paths)  # a path given twice counts twice
    shared = [p for p in paths if stems[p] is not None and names[stems[p]] > 1]
    if not shared:
        return {p: out_dir for p in paths}
    base = Path(os.path.commonpath([p.resolve().parent for p in shared]))
    dirs = {p: out_dir / p.resolve().parent.relative_to(base) if p in shared else out_dir
            for p in paths}
    seen: dict[tuple[Path, str], Path] = {}
    for path in shared:
        key = (dirs[path], str(stems[path]))
        if key in seen:
            raise PipelineError(f"{seen[key]} and {path} would write the same output "
                                f"'{stems[path]}.csv': the same file given twice")
        seen[key] = path
    return dirs


def check_outputs(paths: list[Path]) -> None:
    """Refuse, before any work, two inputs that would write the same output files."""
    output_dirs(paths, Path("."))


def _page_read(done: int, pages: int) -> None:
    report((done, pages))


def run(paths: list[Path], settings: BatchSettings, jobs: int = 1, limits: Limits | None = None,
        on_page: Callable[[Path, int, int], None] | None = None):
    """Extract every path, each in a process of its own under `limits` (`isolate`), `jobs` at a
    time; yields a `FileResult` per file, in input order.  The gazetteer is loaded once, here,
    and every file's process starts with it.  `on_page(path, pages read, pages)`: as each page
    of a PDF or an image is read (with `settings.pages`)."""
    _start(settings)
    formats = {path: _format(path) for path in paths}
    preload(formats.values())
    _WORKER["dirs"] = output_dirs(paths, settings.out_dir, formats)
    yield from run_each(_one, paths, limits or Limits(), jobs,
                        failed=lambda path, why: FileResult(str(path), error=f"{path}: {why}"),
                        on_report=(lambda path, done_of: on_page(path, *done_of)) if on_page
                        else None)


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") \
        else (os.cpu_count() or 1)


def result_line(result: FileResult, review: bool = False, corrections: str | None = None,
                command: bool = True) -> str:
    """One input's line: its rows, what was not placed or corrected, where it went; with `review`
    (a run of one input) also its rows flagged and needing review, and (`command`: the input is a
    file that can be named again) the command that shows them: `annex review` of the input, or
    of its X.json where that keeps what OCR read (no second OCR; its corrections are applied)."""
    flagged, to_review = result.counts.get("flagged_rows", 0), result.counts.get("review_rows", 0)
    note = (f", {flagged} flagged, {to_review} needing review" if review else "") + \
        (f", {result.unplaced} unplaced" if result.unplaced else "") + \
        (f", {result.corrected} correction(s) applied" if result.corrected else "") + \
        (f", {result.stale} STALE correction(s) not applied (see the JSON's warnings)"
         if result.stale else "")
    line = f"{result.path}: {result.rows} rows{note} -> {result.output}"
    if review and command and (flagged or result.unplaced):
        line += f"; to check them: {_review_command(result, corrections)}"
    return line


def _review_command(result: FileResult, corrections: str | None) -> str:
    if result.review_file:  # X.json keeps what OCR read, and the corrections applied
        return f"annex review {shlex.quote(result.review_file)}"
    again = f" --corrections {shlex.quote(corrections)}" if corrections else ""
    return f"annex review {shlex.quote(result.path)}{again}"


MANIFEST_VERSION = 1  # of `--manifest FILE.json`: bump with any change to its form


def manifest(results: list[FileResult]) -> dict:
    """A batch as data: each input's status (`extracted` or `failed`), its error, its output and
    its counts (`contract.row_counts` and `unplaced`), and the counts of them all."""
    def entry(r: FileResult) -> dict:
        return {"path": r.path, "status": "failed" if r.error else "extracted",
                "error": r.error or None, "output": r.output or None,
                "corrections_applied": r.corrected, "corrections_stale": r.stale,
                "counts": r.counts or None}
    ok = [r for r in results if not r.error]
    return {"manifest_version": MANIFEST_VERSION, "inputs": [entry(r) for r in results],
            "extracted": len(ok), "failed": len(results) - len(ok),
            "counts": add_counts([r.counts for r in ok])}


def summary(results: list[FileResult]) -> str:
    ok = [r for r in results if not r.error]
    return (f"{len(results)} file(s): {len(ok)} extracted, {len(results) - len(ok)} failed; "
            f"{counts_text(add_counts([r.counts for r in ok]))}")
