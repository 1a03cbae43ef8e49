"""The `annex` command: a thin layer over the library.

    annex extract INPUT... [-o DIR] [--strict] [--agencies FILE | --agencies-only FILE]
    annex eval PRED GOLD [--json]            (exit 1 when PRED differs from GOLD)
    annex diff OLD NEW [--format md|json|csv|html] [-o FILE]
               [--agencies FILE | --agencies-only FILE]
    annex agencies EXTRACTION.json... [-o FILE]   (unmatched names -> a gazetteer CSV to edit)

Bad input (`DocumentLoadError` and friends) is one line on stderr and exit
code 2; nothing is written for any input unless every input was read.
"""
from __future__ import annotations

import argparse
import gc
import json
import logging
import os
import re
import signal
import sys
import threading
from pathlib import Path

from .enums import (
    DEFAULT_PDF_ENGINE,
    DIFF_FORMATS,
    EXTRACT_FORMATS,
    Language,
    OutputFormat,
    PdfEngine,
)
from .errors import PipelineError


def _settings(args: argparse.Namespace):
    """Every stage's settings: `--settings FILE` (read once), else the defaults."""
    from .settings import Settings, load_settings

    if "loaded_settings" not in args:
        path = getattr(args, "settings", None)
        loaded = load_settings(path) if path else Settings()
        args.loaded_settings = _with_columns(loaded, getattr(args, "columns", None))
    return args.loaded_settings


def _with_columns(settings, given: str | None):
    """The settings file's `[columns]` with `--columns` added (its role winning for a header
    in both)."""
    from dataclasses import replace

    from .columns import ColumnNames

    if not given:
        return settings
    try:
        names = ColumnNames.parse(given)
    except ValueError as exc:
        raise PipelineError(f"--columns: {exc}") from None
    return replace(settings, columns=settings.columns.overridden_by(names))


def _gazetteer(args: argparse.Namespace):
    from .normalize.agencies import Gazetteer

    return Gazetteer.load(args.agencies_only, extend=args.agencies or [],
                          settings=_settings(args).agencies)


def _read_options(args: argparse.Namespace, inputs: int = 1):
    """The reading options of the command line (`--encoding`, `--max-part-size`, `--ocr-lang`, the
    PDF and OCR sections of `--settings`); the `--jobs` that `inputs` read at once leave over go to
    the OCR of each one's pages."""
    from .batch import default_jobs
    from .readers.options import ReadOptions

    settings = _settings(args)
    jobs = getattr(args, "jobs", None) or default_jobs()
    return ReadOptions(encoding=getattr(args, "encoding", None),
                       max_part_bytes=getattr(args, "max_part_size", None),
                       max_page_content=getattr(args, "max_page_content", None),
                       ocr_lang=getattr(args, "ocr_lang", None), pdf=settings.pdf, ocr=settings.ocr,
                       pdf_engine=getattr(args, "pdf_engine", None) or DEFAULT_PDF_ENGINE,
                       language=getattr(args, "lang", None),
                       ocr_threads=max(1, jobs // max(1, min(jobs, inputs))))


_SHOWN: dict[str, str] = {}  # the temporary file that holds standard input -> how messages name it


def _shown(text: str) -> str:
    """A message as one line (control characters escaped), with standard input named `-`, not
    by the temporary file that holds it."""
    from .readers import one_line

    for path in sorted(_SHOWN, key=len, reverse=True):  # a whole path before a name it ends with
        text = text.replace(path, _SHOWN[path])
    return one_line(text)


def _stdin_file(folder: str) -> Path:
    """Standard input (`-` as an input) saved to a file whose suffix says its format, as sniffed."""
    from .readers import sniff_unnamed

    data = sys.stdin.buffer.read()
    path = Path(folder) / f"stdin{sniff_unnamed(data[:4096])}"
    path.write_bytes(data)
    # the whole path first, then the name alone (some messages name the file only)
    _SHOWN[str(path)] = "-"
    _SHOWN[f"{path.name}:"] = "-:"
    return path


def _with_stdin(inputs: list[str], folder: str) -> list[str]:
    if inputs.count("-") > 1:
        raise PipelineError("standard input ('-') can be given once")
    return [str(_stdin_file(folder)) if item == "-" else item for item in inputs]


def _stdin_folder(inputs: list[str]):
    """A temporary folder for standard input, only when it is an input; the folders that killed
    runs left behind (their process is gone) are removed first."""
    import contextlib
    import shutil
    import tempfile

    if "-" not in inputs:
        return contextlib.nullcontext("")
    for old in Path(tempfile.gettempdir()).glob("annex-stdin-*-*"):
        pid = old.name.split("-")[2]
        if pid.isascii() and pid.isdigit() and not Path(f"/proc/{pid}").exists() \
                and Path("/proc/self").exists():
            shutil.rmtree(old, ignore_errors=True)
    return tempfile.TemporaryDirectory(prefix=f"annex-stdin-{os.getpid()}-")


def _extract(args: argparse.Namespace) -> int:
    with _stdin_folder(args.inputs) as folder:
        args.inputs = _with_stdin(args.inputs, folder)
        return _extract_files(args)


def _limits(args: argparse.Namespace):
    from .isolate import Limits

    try:
        return Limits(memory=args.max_memory, timeout=args.timeout)
    except ValueError as exc:
        raise PipelineError(f"--max-memory: {exc}") from None


# the objects made before the garbage collector's youngest generation is collected (`run`)
YOUNG_OBJECTS = 20_000
# -o FILE: the format its suffix names
FILE_FORMATS = {fmt.suffix: fmt for fmt in sorted(EXTRACT_FORMATS)}


def _extract_one(path: Path, args: argparse.Namespace, fmt: str, target: Path | None) -> int:
    """One extraction to standard output (`target` None) or to one file, in the format named,
    made in a process of its own under the limits; the file is written whole or not at all."""
    import io

    from .batch import FileResult, file_result, result_line
    from .extract import extract
    from .isolate import run_each
    from .writers import (
        extraction_sheets,
        write_files_atomically,
        write_json,
        write_records_csv,
        xlsx_bytes,
    )

    gazetteer, options, settings = _gazetteer(args), _read_options(args), _settings(args)
    where = None if target is None else os.path.relpath(path.absolute(), target.parent.absolute())

    def made(source: Path) -> tuple[bool, str | bytes, FileResult | None]:
        try:
            ex = extract(source, gazetteer, strict=args.strict, settings=settings.align,
                         options=options, corrections=args.corrections, columns=settings.columns)
        except PipelineError as exc:
            return False, str(exc), None
        json_file = str(target) if fmt == OutputFormat.JSON else None
        facts = file_result(str(path), ex, str(target), json_file)
        if fmt == OutputFormat.XLSX:
            return True, xlsx_bytes(extraction_sheets(ex)), facts
        out = io.StringIO()
        (write_records_csv(ex.records, out, args.excel) if fmt == OutputFormat.CSV
         else write_json(ex, out, where))
        return True, out.getvalue(), facts

    [(ok, value, facts)] = run_each(made, [path], _limits(args),
                                    failed=lambda source, why: (False, f"{source}: {why}", None))
    if not ok:
        raise PipelineError(str(value))
    if target is not None:
        write_files_atomically({target.name: value},
                               target.parent if str(target.parent) else Path("."))
        if not args.quiet and facts is not None:
            print(_shown(result_line(facts, review=True, corrections=args.corrections,
                                     command=str(path) not in _SHOWN)), file=sys.stderr)
    elif isinstance(value, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(value)
    else:
        sys.stdout.write(value)
    sys.stdout.flush()
    return 0


def _extract_files(args: argparse.Namespace) -> int:
    """`annex extract`: one input into one file (or standard output), or inputs into a folder."""
    from .batch import expand

    paths = expand(args.inputs, args.recursive)
    out = Path(args.output)
    single = args.output == "-" or out.suffix.lower() in FILE_FORMATS and not out.is_dir()
    if single:
        fmt = _single_format(args, len(paths))
        return _extract_one(paths[0], args, fmt, None if args.output == "-" else out)
    return _extract_folder(paths, args)


def _single_format(args: argparse.Namespace, inputs: int) -> OutputFormat:
    """The format of a run into one file (-o FILE or -o -), its options checked before any work."""
    if inputs != 1:
        raise PipelineError(f"-o {args.output} holds one input's extraction; {inputs} inputs were "
                            "given: -o a folder (and --combined FILE for one table of them all)")
    if args.combined or args.manifest:
        raise PipelineError("--combined and --manifest are for a folder "
                            "of outputs; -o FILE already writes one file")
    suffix = FILE_FORMATS.get(Path(args.output).suffix.lower())
    fmt = args.format or suffix or OutputFormat.JSON
    if suffix and args.format and args.format != suffix:
        raise PipelineError(f"-o {args.output} names {suffix}, --format {args.format}: give one")
    if fmt == OutputFormat.XLSX and args.output == "-" and sys.stdout.isatty():
        raise PipelineError("--format xlsx writes a binary workbook: "
                            "redirect it to a file (> X.xlsx)")
    return fmt


def _extract_folder(paths: list[Path], args: argparse.Namespace) -> int:
    """Inputs into a folder of outputs (and a combined table, a manifest); exit 2 if any failed."""
    combined = _folder_options(args)
    settings, corrections = _folder_inputs_checked(paths, args)
    results = _run_batch(paths, args, settings)
    if len(results) > 1 and not args.quiet:
        from .batch import summary

        print(summary(results), file=sys.stderr)
    if combined is not None and any(not r.error for r in results):
        _write_combined(combined, [r for r in results if not r.error], args)
    if args.manifest:
        _write_manifest(Path(args.manifest), results, args.quiet)
    if corrections is not None:
        _warn_unused_corrections(corrections, results, args.corrections)
    return 2 if any(r.error for r in results) else 0


def _folder_inputs_checked(paths: list[Path], args: argparse.Namespace):
    """(settings, corrections) of a run into a folder: every refusal (a bad settings, gazetteer
    or corrections file, outputs that would collide, a bad -o) before the folder is made, so a
    refused call leaves nothing behind."""
    from .batch import check_outputs
    from .writers import prepare_folder

    check_outputs(paths)
    settings = _settings(args)  # a bad settings file is one error before any work
    if args.agencies or args.agencies_only:
        _gazetteer(args)  # a bad gazetteer file is one error before any work, not one per input
    corrections = None
    if args.corrections:
        from .corrections import Corrections

        corrections = Corrections.load(args.corrections)  # so is a bad corrections file
    prepare_folder(args.output)  # a bad -o is one error before any work, not one per input
    return settings, corrections


def _run_batch(paths: list[Path], args: argparse.Namespace, settings) -> list:
    """Every input extracted into the folder, each result said on stderr as it comes."""
    from .batch import BatchSettings, default_jobs, run

    bar = _progress(len(paths), args.quiet)
    batch = BatchSettings(Path(args.output), args.strict, args.agencies_only,
                          tuple(args.agencies or ()), _read_options(args, len(paths)),
                          args.corrections, settings.align, settings.agencies, args.excel,
                          args.format == OutputFormat.XLSX, pages=bar is not None,
                          columns=settings.columns)
    results = []
    jobs = args.jobs or default_jobs()
    for result in run(paths, batch, jobs=jobs, limits=_limits(args),
                      on_page=bar.page if bar else None):
        results.append(result)
        _say_result(bar, result, args, one=len(paths) == 1)
        if bar is not None:
            bar.update(1)
    if bar is not None:
        bar.close()
    return results


def _say_result(bar, result, args: argparse.Namespace, one: bool) -> None:
    """One input's line on stderr: its error, or (unless --quiet) what was extracted."""
    from .batch import result_line

    if result.error:
        _say(bar, f"annex: error: {result.error}")
    elif not args.quiet:
        _say(bar, result_line(result, review=one, corrections=args.corrections,
                              # standard input cannot be named again
                              command=result.path not in _SHOWN))


def _warn_unused_corrections(corrections, results: list, path: str) -> None:
    """A corrections file none of whose rows is for these inputs: said once, with what it names."""
    if not corrections.items or any(r.corrected or r.stale or r.error for r in results):
        return
    names = sorted({c.source_file or c.source_sha256[:12] for c in corrections.items})
    print(f"annex: warning: none of the {len(corrections.items)} "
          f"correction(s) in {path} is for these inputs; it names "
          f"{', '.join(names[:3])}{' ...' if len(names) > 3 else ''}", file=sys.stderr)


def _folder_options(args: argparse.Namespace) -> Path | None:
    """The options of a run into a folder checked, before any work; the --combined file, if any."""
    out = Path(args.output)
    # out.parquet, res.tsv: not a folder meant
    named_as_a_file = out.suffix[1:].isalpha() and not out.is_dir()
    if named_as_a_file:
        raise PipelineError(f"-o {args.output}: extract writes a folder, "
                            f"or one {', '.join(FILE_FORMATS)} file; for a "
                            "folder whose name has a suffix, make it first")
    if args.format and args.format != OutputFormat.XLSX:
        raise PipelineError("--format json|csv is for one file (-o FILE or -o -); a folder gets "
                            "the CSV and the JSON (and, with --format xlsx, a workbook too)")
    combined = Path(args.combined) if args.combined else None
    tables = (OutputFormat.CSV.suffix, OutputFormat.XLSX.suffix)
    if combined is not None and combined.suffix.lower() not in tables:
        raise PipelineError(f"--combined {args.combined}: name a .csv or a .xlsx file")
    if args.manifest and Path(args.manifest).suffix.lower() != OutputFormat.JSON.suffix:
        raise PipelineError(f"--manifest {args.manifest}: name a .json file")
    return combined


def _write_combined(target: Path, results, args: argparse.Namespace) -> None:
    """One table of every extracted input's rows (their X.csv, as written), a `source_file`
    column first."""
    import csv
    import io

    from .writers import rows_csv, write_files_atomically, xlsx_bytes

    columns: list[str] = ["source_file"]
    rows: list[dict] = []
    for result in results:
        reader = csv.DictReader(io.StringIO(Path(result.output).read_text(encoding="utf-8-sig")))
        columns += [c for c in reader.fieldnames or [] if c not in columns]
        rows += [{"source_file": result.path} | row for row in reader]
    workbook = target.suffix.lower() == OutputFormat.XLSX.suffix
    content = (xlsx_bytes({"measures": (columns, rows)}) if workbook
               else rows_csv(columns, rows, args.excel))
    write_files_atomically({target.name: content},
                           target.parent if str(target.parent) else Path("."))
    if not args.quiet:
        print(f"{len(rows)} rows of {len(results)} input(s) -> {target}", file=sys.stderr)


def _write_manifest(target: Path, results, quiet: bool) -> None:
    from .batch import manifest
    from .writers import write_files_atomically

    text = json.dumps(manifest(results), ensure_ascii=False, indent=1) + "\n"
    write_files_atomically({target.name: text}, target.parent if str(target.parent) else Path("."))
    if not quiet:
        print(f"manifest of {len(results)} input(s) -> {target}", file=sys.stderr)


def _progress(total: int, quiet: bool):
    """A progress bar on stderr when it is a terminal: of the files, when there are several (the
    page a long PDF or a scan is at shown beside it), or of one file's pages."""
    if quiet or not sys.stderr.isatty():
        return None
    return _Bar(total)


class _Bar:
    """One tqdm bar: files done, or (one input) pages read, once its reader says how many."""

    def __init__(self, files: int):
        from tqdm import tqdm

        self.files = files
        self.bar = (tqdm(total=files, unit="file", file=sys.stderr, leave=False, disable=None)
                    if files > 1 else None)

    def page(self, path: Path, done: int, pages: int) -> None:
        from tqdm import tqdm

        if self.files > 1:
            if self.bar is not None:
                self.bar.set_postfix_str(f"{path.name}: page {done}/{pages}")
            return
        if self.bar is None:
            self.bar = tqdm(total=pages, unit="page", file=sys.stderr, leave=False, desc=path.name)
        self.bar.update(done - self.bar.n)

    def update(self, n: int) -> None:
        if self.files > 1 and self.bar is not None:
            self.bar.update(n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


class _Stderr(logging.Handler):
    """`annex: message` on the standard error of the moment, one line each."""

    def emit(self, record: logging.LogRecord) -> None:
        print(f"annex: {_shown(record.getMessage())}", file=sys.stderr)


def _say(bar, line: str) -> None:
    line = _shown(line)
    if bar is None or bar.bar is None:
        print(line, file=sys.stderr)
    else:
        bar.bar.write(line, file=sys.stderr)


def _eval(args: argparse.Namespace) -> int:
    from .evaluate import evaluate

    report = evaluate(args.pred, args.gold)
    print(json.dumps(report.to_dict(), indent=1) if args.json else report.to_text())
    return 0 if report.perfect else 1


def _diff(args: argparse.Namespace) -> int:
    with _stdin_folder([args.old, args.new]) as folder:
        args.old, args.new = _with_stdin([args.old, args.new], folder)
        return _diff_files(args)


def _diff_files(args: argparse.Namespace) -> int:
    """`annex diff`: the report in the format named, to -o or standard output; exit 1 on changes."""
    from .diff import diff_files
    from .diffreport import RENDERERS
    from .writers import write_files_atomically

    out = Path(args.output) if args.output and args.output != "-" else None
    fmt = _diff_format(args, out)
    # an extracted .json's agencies are named again with it
    given = bool(args.agencies or args.agencies_only)
    result = diff_files(args.old, args.new, _gazetteer(args), unchanged=args.all, resolve=given)
    for path, version in ((args.old, result.old), (args.new, result.new)):
        _warn_unplaced(path, version.quality["unplaced"], args.strict)
    text = RENDERERS[fmt](result)
    if out is not None:
        write_files_atomically({out.name: text}, out.parent if str(out.parent) else Path("."))
    else:
        sys.stdout.write(text)
    return 0 if result.same else 1


def _diff_format(args: argparse.Namespace, out: Path | None) -> str:
    """The report's format: --format, else the suffix of -o, else Markdown to a terminal and
    JSON to a pipe; a folder or an unknown suffix for -o is refused."""
    from .diffreport import RENDERERS

    if out is not None and out.is_dir():
        raise PipelineError(f"{out}: is a folder; give -o a file "
                            "name (report.html, changes.csv, ...)")
    suffix = out.suffix.lower().lstrip(".") if out is not None else ""
    if out is not None and not args.format and suffix not in RENDERERS:
        raise PipelineError(f"-o {out}: name a .{', .'.join(RENDERERS)} "
                            "file (or give --format) for the report")
    if args.format:
        return args.format
    if suffix in RENDERERS:
        return suffix
    return OutputFormat.MD if out is None and sys.stdout.isatty() else OutputFormat.JSON


def _warn_unplaced(path: str | Path, lost: int, strict: bool) -> None:
    """A side of the diff with paragraphs not placed: a warning (an error with --strict)."""
    if not lost:
        return
    message = (f"{path}: {lost} paragraph(s) could not be placed; the "
               "changes on its rows may be false (they are marked uncertain)")
    if strict:
        raise PipelineError(message)
    print(f"annex: warning: {message}", file=sys.stderr)


def _agencies(args: argparse.Namespace) -> int:
    from .proposals import proposals_csv, propose_agencies
    from .writers import write_files_atomically

    proposals = propose_agencies(args.extractions, _gazetteer(args))
    text = proposals_csv(proposals)
    if args.output:
        out = Path(args.output)
        write_files_atomically({out.name: text}, out.parent if str(out.parent) else Path("."))
    else:
        sys.stdout.write(text)
    mentions = sum(sum(p.variants.values()) for p in proposals)
    print(f"{mentions} unmatched mention(s) in {len(proposals)} "
          f"proposed entr{'y' if len(proposals) == 1 else 'ies'}"
          + (f" -> {args.output}" if args.output else ""), file=sys.stderr)
    return 0


def _review(args: argparse.Namespace) -> int:
    from .batch import expand
    from .review import load, write_review
    from .writers import prepare_folder

    gazetteer = _gazetteer(args)
    settings = _settings(args)
    options = _read_options(args)
    inputs = expand(args.inputs)  # a folder gives its sources, as for extract
    if args.source and len(inputs) != 1:
        raise PipelineError("--source names the source of one X.json; "
                            f"{len(inputs)} inputs were given")
    items = [load(path, gazetteer, args.corrections, options, settings.align, settings.columns,
                  source=args.source) for path in inputs]  # all read first
    prepare_folder(args.output)
    for path, item in zip(inputs, items):
        for note in item.notes:
            print(f"annex: note: {path}: {note}", file=sys.stderr)
        item.every_row = args.every_row
        written = write_review(item, args.output)
        print(f"{path}: review page -> {written[0]}; starter "
              f"corrections -> {written[1]}", file=sys.stderr)
    return 0


def _inspect(args: argparse.Namespace) -> int:
    from .batch import expand
    from .inspection import inspect

    inputs = expand(args.inputs)
    if args.page is not None and len(inputs) != 1:
        raise PipelineError(f"--page names a page of one input; {len(inputs)} inputs were given")
    gazetteer, options = _gazetteer(args), _read_options(args)
    for path in inputs:
        written = inspect(path, args.output, page=args.page, dumps=args.json, gazetteer=gazetteer,
                          options=options)
        print(f"{path}: " + ", ".join(str(w) for w in written), file=sys.stderr)
    return 0


def _positive(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got '{text}'")
    return int(text)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"expected a number of seconds above 0, got '{text}'")
    return value


_SIZE = re.compile(r"(\d+)\s*([KMG]?)(?:I?B)?", re.IGNORECASE)


def _size(text: str) -> int:
    """`200M`, `1G`, `500KB`, `2GiB` or a number of bytes."""
    match = _SIZE.fullmatch(text.strip())
    if not match or int(match[1]) < 1:
        raise argparse.ArgumentTypeError(f"expected a size such as 200M, 1G or 500K, got '{text}'")
    return int(match[1]) * 2 ** (10 * " KMG".index(match[2].upper() or " "))


def _reading_options(p: argparse.ArgumentParser) -> None:
    """How a source is read, for the commands that read sources (extract, review)."""
    p.add_argument("--encoding", metavar="NAME",
                   help="the code page of text inputs that are not UTF-8 (e.g. cp1251); by "
                        "default told from the bytes: UTF-8, windows-1251, KOI8-R or windows-1252")
    p.add_argument("--lang", choices=list(Language),
                   help="the document's language (default: told from its text; Tajik by its "
                        "six letters ғ ӣ қ ӯ ҳ ҷ); its scanned pages are read in it too")
    p.add_argument("--ocr-lang", choices=list(Language),
                   help="the language of scanned pages and page images "
                        "(default: --lang, or each installed language is tried "
                        "on the first scanned page and the most confident kept)")
    p.add_argument("--pdf-engine", choices=list(PdfEngine), default=DEFAULT_PDF_ENGINE,
                   help="how a PDF's text layer is read (default pdfium, the "
                        "fast one; pdfplumber gives the same output, slower)")
    p.add_argument("--settings", metavar="FILE",
                   help="a TOML file of named thresholds by stage ([pdf], [ocr], "
                        "[align], [agencies]), listed in docs/settings.md; and "
                        "[columns], header = \"role\" as --columns")
    p.add_argument("--columns", metavar="\"HEADER=ROLE,...\"",
                   help="the role of each column whose header words are not known: a header cell "
                        "reading HEADER (case, spaces and punctuation aside) holds ROLE (measure, "
                        "timeframe, agencies, indicator, objective, problem, step, number, extra); "
                        "e.g. --columns \"Action=measure,Which partners are involved=agencies\"")


def _gazetteer_options(p: argparse.ArgumentParser) -> None:
    group = p.add_mutually_exclusive_group()
    group.add_argument("--agencies", metavar="FILE", action="append",
                       help="grow the built-in gazetteer with your CSV (id,name[,aliases]): new "
                            "agencies, or aliases of known ids; may be given more than once")
    group.add_argument("--agencies-only", metavar="FILE",
                       help="use your gazetteer CSV instead of the built-in one")


def _exit_codes(*lines: str) -> str:
    common = ("2    bad usage, or an input that cannot be "
              "read: one line on stderr, nothing written",
              "130  interrupted (Ctrl-C); 143 terminated (SIGTERM): temporary files are removed",
              "141  the reader of standard output went away (| head)")
    given = {line.split()[0] for line in lines}
    shown = lines + tuple(line for line in common if line.split()[0] not in given)
    return "exit codes:\n" + "\n".join(f"  {line}" for line in shown)


def _command(sub, name: str, help: str, description: str,
             codes: tuple[str, ...]) -> argparse.ArgumentParser:
    p = sub.add_parser(name, help=help, description=description, epilog=_exit_codes(*codes),
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    # -v after the command too (`annex extract -v ...`); SUPPRESS keeps a -v given before it
    p.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS,
                   help="log decisions and warnings (as before the command)")
    return p


def build_parser() -> argparse.ArgumentParser:
    from .readers.formats import inputs_help
    from .version import __version__

    parser = argparse.ArgumentParser(
        prog="annex", description="Turn an action-plan annex into clean data.",
        epilog="Run 'annex COMMAND --help' for a command's arguments, outputs and exit codes.\n\n"
               + _exit_codes("0    done (extract, agencies); no difference (diff, eval)",
                             "1    a difference was found (diff, eval)"),
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-v", "--verbose", action="store_true", help="log decisions and warnings")
    parser.add_argument("--version", action="version", version=f"annex {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = _command(sub, "extract", "extract one CSV/JSON per input (text, docx, html, pdf)",
                 "Extract every INPUT (a file, or a folder of them) into DIR as X.csv "
                 "(one row per measure), X.json (the records with flags, provenance and "
                 "what was not placed; pipeline/schema/extraction.schema.json), "
                 "X.agencies.csv (one row per agency mention) and X.steps.csv (one row "
                 "per step of a measure). X is the input's name without .txt, or with its "
                 "format (annex.docx -> annex.docx.csv). Each input's files are written "
                 "together or not at all; a failed input does not stop the others.",
                 ("0    every input extracted",
                  "2    bad usage, or any input failed: one line on "
                  "stderr each; the other inputs are still written"))
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help=f"files ({inputs_help()}) or folders; '-' reads one from standard input")
    p.add_argument("-r", "--recursive", action="store_true",
                   help="look in the subfolders of a folder too")
    p.add_argument("-j", "--jobs", type=_positive, metavar="N",
                   help="worker processes (default: the CPU count)")
    p.add_argument("-q", "--quiet", action="store_true",
                   help="print errors only: no progress, no summary")
    _reading_options(p)
    p.add_argument("--max-part-size", type=_size, metavar="SIZE",
                   help="refuse a Word file whose XML part would "
                        "inflate past SIZE (default 200M; K, M, G)")
    p.add_argument("--max-page-content", type=_size, metavar="SIZE",
                   help="refuse a PDF page whose content streams inflate past SIZE (default 4M)")
    p.add_argument("--max-memory", type=_size, default=1024 ** 3, metavar="SIZE",
                   help="memory one input may take beyond the program's own (default "
                        "1G): past it the input fails with one line and the others go on")
    p.add_argument("--timeout", type=_seconds, default=300.0, metavar="SECONDS",
                   help="time one input may take (default 300): past it the input "
                        "is stopped and fails with one line, and the others go on")
    p.add_argument("-o", "--output", default="extracted", metavar="DIR",
                   help="output folder (default: extracted); a .csv, .json or .xlsx file: "
                        "one input's extraction in that one file; '-': to standard output")
    p.add_argument("--format", choices=list(EXTRACT_FORMATS),
                   help="with -o - (standard output): X.json (the default), the records' "
                        "CSV or a workbook; with -o FILE: what its suffix says; with a "
                        "folder, xlsx adds X.xlsx (measures, agencies, steps)")
    p.add_argument("--combined", metavar="FILE",
                   help="also write one table (.csv or .xlsx) of every "
                        "input's rows, a source_file column first")
    p.add_argument("--manifest", metavar="FILE",
                   help="also write a JSON file (.json) of the batch: each input's status "
                        "(extracted or failed), its error, its output and its counts")
    p.add_argument("--excel", action="store_true",
                   help="write every CSV (--combined too) for a spreadsheet: a UTF-8 "
                        "byte-order mark, and a cell that would start a formula (=, +, -, @) "
                        "prefixed with an apostrophe (plain CSV stays verbatim for data tools)")
    p.add_argument("--corrections", metavar="FILE",
                   help="apply your corrections CSV "
                        "(source_sha256,source_file,measure_id,occurrence,field,original,"
                        "value,note; `annex review` writes a starter); a stale one is a warning")
    p.add_argument("--strict", action="store_true",
                   help="fail (exit 2) if any paragraph cannot "
                        "be placed or any correction is stale")
    _gazetteer_options(p)
    p.set_defaults(func=_extract)

    p = _command(sub, "diff",
                 "compare two versions (or a version and its translation), measure by measure",
                 "Compare OLD and NEW measure by measure: measures added, removed, moved and "
                 "changed, field by field. The report is Markdown, JSON "
                 "(pipeline/schema/diff.schema.json), CSV or HTML; each gives both sides' "
                 "quality (paragraphs not placed, doubtful rows, unmatched agencies) and marks "
                 "a change on a row that is a judgement as uncertain. A side with paragraphs "
                 "not placed is a warning on stderr (an error with --strict) and its paragraphs "
                 "head every report. Bodies the gazetteer does not know are compared by name; "
                 "--agencies names the agencies of an extracted .json side again.",
                 ("0    no difference", "1    differences found"))
    p.add_argument("old", metavar="OLD",
                   help="any source the readers accept, or an extracted .json; '-': standard input")
    p.add_argument("new", metavar="NEW")
    p.add_argument("--format", choices=list(DIFF_FORMATS),
                   help="default: the suffix of -o FILE; else md on a terminal, json otherwise")
    p.add_argument("-o", "--output", metavar="FILE",
                   help="write to FILE instead of standard output ('-')")
    p.add_argument("--all", action="store_true", help="list the unchanged measures too")
    p.add_argument("--strict", action="store_true",
                   help="fail (exit 2) when either side has paragraphs that could not be placed")
    _gazetteer_options(p)
    p.set_defaults(func=_diff)

    p = _command(sub, "agencies",
                 "collect the unmatched agency names of extractions into a gazetteer CSV to edit",
                 "Collect the agency names that matched no gazetteer entry in EXTRACTIONs "
                 "into a CSV (id,name,aliases,...) to edit and pass back with --agencies.",
                 ("0    written (also when there is nothing to propose)",))
    p.add_argument("extractions", nargs="+", metavar="EXTRACTION", help="extracted .json files")
    p.add_argument("-o", "--output", metavar="FILE",
                   help="write to FILE instead of standard output")
    _gazetteer_options(p)
    p.set_defaults(func=_agencies)

    p = _command(sub, "review",
                 "write a review page (HTML) of every judgement, and a starter corrections file",
                 "For each INPUT (a source file, or an extracted X.json whose source is "
                 "where it was extracted from, beside it, or named by --source) write "
                 "DIR/X.review.html: one self-contained page with the summary, every row "
                 "with a flag or a confidence below 1 (each decision, its confidence and "
                 "the runner-up it beat; each field beside its source paragraphs, and for a "
                 "PDF the picture of the source region), the paragraphs not placed and the "
                 "unmatched agency names; and DIR/X.corrections.csv, a starter corrections "
                 "file for those rows (edit `value`, then `annex extract --corrections`).",
                 ("0    every page written",))
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help=f"source files ({inputs_help()}), folders of them, or X.json files")
    p.add_argument("-o", "--output", default="review", metavar="DIR",
                   help="output folder (default: review)")
    p.add_argument("--corrections", metavar="FILE",
                   help="apply your corrections CSV first (a source input only)")
    p.add_argument("--every-row", action="store_true",
                   help="show every row with its source (and a scan's crops), not only those with "
                        "a flag or a confidence below 1; the page can then hide the others")
    p.add_argument("--source", metavar="PATH",
                   help="the source of an X.json input that is neither where "
                        "X.json says it was nor beside it (checked by its sha256)")
    _reading_options(p)
    _gazetteer_options(p)
    p.set_defaults(func=_review)

    p = _command(sub, "inspect",
                 "show what each stage found in an input: its grid, its hierarchy, its pages",
                 "For each INPUT write into DIR: X.inspect.html, the document model's "
                 "tables as grids with every paragraph coloured by where it ended (a field "
                 "of a record, a step, the header, outside the plan, not placed) and the "
                 "hierarchy read from them; for a PDF or a picture, X.page-N.png, each "
                 "page with the paragraphs framed in those colours and, where the page has "
                 "a text layer, the characters' boxes (grey) and the rules (blue) the "
                 "reader found; with --json, X.document.json and X.layout.json.",
                 ("0    every input inspected",))
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help=f"source files ({inputs_help()}) or folders of them")
    p.add_argument("-o", "--output", default="inspect", metavar="DIR",
                   help="output folder (default: inspect)")
    p.add_argument("--page", type=_positive, metavar="N", help="only page N's picture (one input)")
    p.add_argument("--json", action="store_true",
                   help="also dump the document model and the hierarchy as JSON")
    _reading_options(p)
    _gazetteer_options(p)
    p.set_defaults(func=_inspect)

    p = _command(sub, "eval", "score an extraction against a gold file",
                 "Score PRED (an extracted X.csv or X.json) against GOLD (a "
                 "hand-checked CSV or JSON): rows, fields, agency precision/recall/F1.",
                 ("0    PRED equals GOLD", "1    PRED differs from GOLD"))
    p.add_argument("pred", metavar="PRED")
    p.add_argument("gold", metavar="GOLD")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(func=_eval)
    return parser


def _terminate(signum, frame):
    """SIGTERM unwinds like Ctrl-C, so that every temporary file is removed on the way out."""
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # our messages only: the libraries' are kept as warnings by the readers
    log = logging.getLogger("annex")
    log.handlers = [_Stderr()]
    log.propagate = False
    log.setLevel(logging.INFO if args.verbose else logging.WARNING)
    previous = signal.signal(signal.SIGTERM, _terminate) \
        if threading.current_thread() is threading.main_thread() else None
    try:
        return args.func(args)
    except PipelineError as exc:
        print(f"annex: error: {_shown(str(exc))}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader of our output went away (`| head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except OSError as exc:  # the file system said no, where no check of ours did
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"annex: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def run() -> None:
    """The `annex` program: `main` on the command line, then out at once. The interpreter's own
    exit frees every module and object one by one, 0.04 s of CPU after an extraction (a tenth of
    one Word file's run, measured); what of it matters is done here: the standard streams
    flushed (a reader of standard output gone by then: 141) and the log handlers closed.
    Each worker is one core's: the BLAS library numpy loads runs one thread unless the user
    says otherwise (`OPENBLAS_NUM_THREADS`); its threads cost 0.04 s of CPU on numpy's import
    and 40 MB of address space (measured), and the readers multiply no matrices.  The garbage
    collector's youngest generation is collected after `YOUNG_OBJECTS` new objects, not 700: a
    PDF's pages make hundreds of thousands of objects and few cycles, and each collection
    visited the objects not yet old (65 pages: 0.064 -> 0.018 s of collection, measured)."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    gc.set_threshold(YOUNG_OBJECTS, *gc.get_threshold()[1:])
    code = main()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        code = code or 141
    sys.stderr.flush()
    logging.shutdown()
    os._exit(code)


if __name__ == "__main__":
    run()
