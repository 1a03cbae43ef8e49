"""Writers: an `Extraction` -> `X.csv`, `X.json`, `X.agencies.csv`, `X.steps.csv`.

All files of one source are written to temporary files first and renamed into
place together, so a failure never leaves a partial output behind.
"""
from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from pathlib import Path

from .contract import (
    AGENCY_CSV_COLUMNS,
    CSV_COLUMNS,
    LIST_COLUMNS,
    LIST_SEP,
    SCHEMA_VERSION,
    STEP_CSV_COLUMNS,
    Extraction,
    Record,
    record_counts,
)
from .enums import Format, OutputFormat
from .errors import PipelineError
from .jsontext import dumps
from .readers.formats import SPECS


def record_to_row(rec: Record, columns: dict | None = None) -> dict[str, str]:
    """The flat CSV form of a record (lists joined with '; '); extra columns after the fixed ones.
    `columns`: `rec.columns()`, if the caller has it (it is changed here)."""
    row = rec.columns() if columns is None else columns
    for name in LIST_COLUMNS:
        row[name] = LIST_SEP.join(row[name])
    row["row"] = str(rec.row)
    row["confidence"] = f"{rec.confidence:.2f}"
    row["needs_review"] = "true" if row["needs_review"] else "false"
    return row


def record_to_json(rec: Record) -> dict:
    columns = rec.columns()
    row: dict = record_to_row(rec, dict(columns))
    row["row"] = rec.row
    row["agencies"] = list(rec.agencies)
    row["agency_ids"] = list(rec.agency_ids)
    row["agencies_unmatched"] = rec.agencies_unmatched
    row["confidence"] = round(rec.confidence, 2)
    row["needs_review"] = columns["needs_review"]
    row["flags"] = [f.to_dict() for f in sorted(rec.flags, key=lambda f: f.name)]
    for name in rec.extra:
        if name not in CSV_COLUMNS:
            del row[name]
    row["extra"] = dict(rec.extra)
    row["agency_mentions"] = [m.to_dict() for m in rec.mentions]
    row["steps"] = [s.to_dict() for s in rec.steps]
    row["table"] = {"index": rec.table, "title": rec.table_title}
    row["provenance"] = {k: [p.to_dict() for p in v] for k, v in rec.provenance.items()}
    return row


def extraction_to_json(ex: Extraction, records: bool = True,
                       source_path: str | None = None) -> dict:
    """The JSON form of an extraction (`records=False`: all but the records, for streaming them;
    `source_path`: where the source is, from the folder the JSON is written to)."""
    unmatched = sorted({m.mention for r in ex.records for m in r.mentions
                        if m.method == "unmatched"})
    out = {
        "schema_version": SCHEMA_VERSION,
        "source": {
            "file": ex.source.file, **({"path": source_path} if source_path else {}),
            "sha256": ex.source.sha256, "format": ex.source.format.value,
            "title": ex.title, "language": ex.language,
            "programme_period": {"start": ex.period[0], "end": ex.period[1]} if ex.period else None,
            "front_matter": [{"text": p.text, "provenance": p.prov.to_dict()}
                             for p in ex.front_matter],
            "header": [{"text": p.text, "provenance": p.prov.to_dict()} for p in ex.header],
            "back_matter": [{"text": p.text, "provenance": p.prov.to_dict()}
                            for p in ex.back_matter],
        },
        "records": [record_to_json(r) for r in ex.records] if records else [],
        "unplaced": [{"text": p.text, "warning": why, "provenance": p.prov.to_dict()}
                     for p, why in ex.unplaced],
        "blank_paragraphs": [p.prov.to_dict() for p in ex.blanks],
        "warnings": [w.to_dict() for w in ex.warnings],
        "review": {"unmatched_agencies": unmatched},
        "counts": record_counts(ex.records) | {"unplaced": len(ex.unplaced)},
        "corrections": [o.to_dict() for o in ex.corrections],
        "tables_skipped": [{"index": index, "position": position, "header": header,
                            "paragraphs": [{"text": p.text, "provenance": p.prov.to_dict()}
                                           for p in paras]}
                           for index, position, header, paras in ex.tables_skipped],
    }
    if ex.ocr_words:
        out["ocr"] = ocr_to_json(ex)
    return out


def ocr_to_json(ex: Extraction) -> dict:
    """What a source read by OCR was read as: each page's words, `[text, x0, top, x1, bottom,
    confidence]` (points of the level page, as the provenance's boxes), and every paragraph with
    its provenance (the review's source text, with no second OCR)."""
    return {"pages": [{"page": page, "words": [[w.text, *w.bbox, w.confidence] for w in words]}
                      for page, words in sorted(ex.ocr_words.items())],
            "paragraphs": [{"text": p.text, "provenance": p.prov.to_dict()}
                           for p in ex.read_paragraphs]}


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet would run as a formula


class _ExcelWriter(csv.DictWriter):
    """A CSV for a spreadsheet (`--excel`): a cell that would start a formula gets a leading
    apostrophe, which the spreadsheet shows as text.  Plain CSV stays verbatim for data tools."""

    def writerow(self, rowdict):
        return super().writerow({k: f"'{v}" if isinstance(v, str) and v.startswith(FORMULA_STARTS)
                                 else v
                                 for k, v in rowdict.items()})


def _writer(buf, fieldnames: list[str], excel: bool) -> csv.DictWriter:
    if excel:
        buf.write("\ufeff")  # Excel reads a CSV as UTF-8 only with its byte-order mark
    return (_ExcelWriter if excel else csv.DictWriter)(buf, fieldnames=fieldnames,
                                                       lineterminator="\n")


def rows_csv(columns: list[str], rows: list[dict], excel: bool = False) -> str:
    """Any table as CSV text, for a spreadsheet with `excel` as X.csv is."""
    buf = io.StringIO()
    writer = _writer(buf, columns, excel)
    writer.writeheader()
    writer.writerows({c: row.get(c, "") for c in columns} for row in rows)
    return buf.getvalue()


def records_csv(records: list[Record], excel: bool = False) -> str:
    buf = io.StringIO()
    write_records_csv(records, buf, excel)
    return buf.getvalue()


def write_records_csv(records: list[Record], buf, excel: bool = False) -> None:
    extras = [name for name in (records[0].extra if records else {}) if name not in CSV_COLUMNS]
    writer = _writer(buf, CSV_COLUMNS + extras, excel)
    writer.writeheader()
    for rec in records:
        writer.writerow(record_to_row(rec))


def write_agencies_csv(records: list[Record], buf, excel: bool = False) -> None:
    writer = _writer(buf, AGENCY_CSV_COLUMNS, excel)
    writer.writeheader()
    for rec in records:
        for m in rec.mentions:
            writer.writerow({"row": rec.row, "measure_id": rec.measure_id,
                             "agency_id": m.agency_id or "", "agency": m.agency or "",
                             "mention": m.mention, "score": f"{m.score:g}", "method": m.method,
                             "by_agreement": "true" if m.by_agreement else ""})


def write_steps_csv(records: list[Record], buf, excel: bool = False) -> None:
    """One row per step of a measure (`step`: 1-based); a header only when no measure has steps."""
    writer = _writer(buf, STEP_CSV_COLUMNS, excel)
    writer.writeheader()
    for rec in records:
        for k, step in enumerate(rec.steps, 1):
            writer.writerow({"row": rec.row, "measure_id": rec.measure_id, "step": k,
                             "text": step.text,
                             "timeframe": step.timeframe, "timeframe_start": step.timeframe_start,
                             "timeframe_end": step.timeframe_end,
                             "timeframe_recurrence": step.timeframe_recurrence})


def table_rows(records: list[Record], source: str | None = None) -> tuple[list[str], list[dict]]:
    """The records as X.csv's columns and rows (`source`: a `source_file` column first, for a
    file that holds several inputs' rows)."""
    extras = [name for name in (records[0].extra if records else {}) if name not in CSV_COLUMNS]
    rows = [record_to_row(r) for r in records]
    if source is None:
        return CSV_COLUMNS + extras, rows
    return ["source_file"] + CSV_COLUMNS + extras, [{"source_file": source} | row for row in rows]


REVIEW_FILL = "FFF2CC"  # the background of a row that needs review (a pale yellow)


def xlsx_bytes(sheets: dict[str, tuple[list[str], list[dict]]]) -> bytes:
    """A workbook of named sheets (columns, rows): every value text but `row`, `confidence`,
    `score` and `step` (so an id stays `1.10`, and no cell is ever run as a formula), a frozen
    header row with a filter on every column, column widths from the text, and each row whose
    `needs_review` is true highlighted."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, (columns, rows) in sheets.items():
        sheet = book.create_sheet(title)
        sheet.append(columns)
        for row in rows:
            _append(sheet, columns, row)
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
        _widths(sheet, columns, rows)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


_NUMERIC = {"row", "confidence", "score", "step"}


def _append(sheet, columns: list[str], row: dict) -> None:
    from openpyxl.styles import PatternFill

    sheet.append([_number(row.get(c, "")) if c in _NUMERIC else None for c in columns])
    to_review = row.get("needs_review") == "true"
    for k, c in enumerate(columns, start=1):
        cell = sheet.cell(row=sheet.max_row, column=k)
        if c not in _NUMERIC:
            cell.value = str(row.get(c, "") or "")
            cell.data_type = "s"  # text, whatever it starts with: never a formula
        if to_review:
            cell.fill = PatternFill("solid", start_color=REVIEW_FILL, end_color=REVIEW_FILL)


def _widths(sheet, columns: list[str], rows: list[dict]) -> None:
    from openpyxl.utils import get_column_letter

    for k, c in enumerate(columns, start=1):
        width = max([len(c)] + [len(str(row.get(c, "") or "")) for row in rows[:500]])
        sheet.column_dimensions[get_column_letter(k)].width = min(60, max(8, width + 2))


def _number(value):
    try:
        return float(value) if "." in str(value) else int(value)
    except (TypeError, ValueError):
        return value


def extraction_sheets(ex: Extraction) -> dict[str, tuple[list[str], list[dict]]]:
    """One extraction as workbook sheets: its measures, its agency mentions, and its steps where
    it has any (the same columns as X.csv, X.agencies.csv and X.steps.csv)."""
    sheets = {"measures": table_rows(ex.records)}
    for name, write in (("agencies", write_agencies_csv), ("steps", write_steps_csv)):
        buf = io.StringIO()
        write(ex.records, buf)
        reader = csv.DictReader(io.StringIO(buf.getvalue()))
        rows = list(reader)
        if rows or name == "agencies":
            sheets[name] = (list(reader.fieldnames or []), rows)
    return sheets


def output_stem(source_file: str, fmt: Format) -> str:
    """`annex.txt` -> `annex`; any other form keeps its own suffix: `annex.docx` -> `annex.docx`.

    So the forms of one document (text, Word, HTML, PDF) never overwrite each other.
    """
    path = Path(source_file)
    spec = SPECS.get(fmt)
    if spec is not None and not spec.keeps_suffix:
        return path.stem
    # the input's own suffix (a .docx named .doc gives annex.doc.csv); its format where it has none
    return f"{path.stem}.{path.suffix.lower().lstrip('.') or fmt.value}"


def output_names(source_file: str, fmt: Format = Format.TEXT) -> dict[str, str]:
    stem = output_stem(source_file, fmt)
    csv_, json_, xlsx = OutputFormat.CSV.suffix, OutputFormat.JSON.suffix, OutputFormat.XLSX.suffix
    return {"csv": f"{stem}{csv_}", "json": f"{stem}{json_}", "agencies": f"{stem}.agencies{csv_}",
            "steps": f"{stem}.steps{csv_}", "xlsx": f"{stem}{xlsx}"}


def write_json(ex: Extraction, fh, source_path: str | None = None) -> None:
    """`json.dumps(extraction_to_json(ex, source_path=...), indent=1)`, byte for byte but for an
    OCR word, which stands on one line (`json_text`), one record at a time: a long document's
    records are never all held as JSON at once."""
    head = extraction_to_json(ex, records=False, source_path=source_path)
    if not ex.records:
        fh.write(json_text(head) + "\n")
        return
    head["records"] = [_SLOT]
    before, after = json_text(head).split(f'  "{_SLOT}"', 1)
    fh.write(before)
    for i, rec in enumerate(ex.records):
        # indented by two spaces, as `textwrap.indent` would: no line of JSON is blank
        fh.write((",\n  " if i else "  ") + dumps(record_to_json(rec)).replace("\n", "\n  "))
    fh.write(after + "\n")


_SLOT = "@@records@@"
_NUMBER = r",\n *(-?[0-9][0-9.eE+-]*)"
# an OCR word as `dumps` writes it: a string and five numbers, each on a line of its own
_WORD = re.compile(r'\[\n *("(?:[^"\\]|\\.)*")' + _NUMBER * 5 + r"\n *\]")


def json_text(data: dict) -> str:
    """`json.dumps(data, indent=1)`, each OCR word (`ocr.pages[].words[]`) on one line: a page
    holds hundreds, and six lines each would make most of the file."""
    if "ocr" not in data:
        return dumps(data)
    rest = dumps({k: v for k, v in data.items() if k != "ocr"})
    ocr = dumps(data["ocr"])
    ocr = _WORD.sub(lambda m: f"[{', '.join(m.groups())}]", ocr)
    return f'{rest[:-2]},\n "ocr": {ocr.replace(chr(10), chr(10) + " ")}\n}}'


def write_extraction(ex: Extraction, out_dir: str | Path, excel: bool = False, xlsx: bool = False,
                     source: Path | None = None) -> list[Path]:
    """Write the four files of one extraction atomically; returns their paths.  `excel`: the CSVs
    for a spreadsheet (a byte-order mark, and no cell read as a formula); `xlsx`: a workbook too;
    `source`: the source file, whose path from `out_dir` X.json records (for `annex review`)."""
    names = output_names(ex.source.file, ex.source.format)
    where = None if source is None else os.path.relpath(Path(source).absolute(),
                                                        Path(out_dir).absolute())
    # each written straight to its file: a long document's output is never held whole
    contents: dict[str, object] = {
        names["csv"]: lambda fh: write_records_csv(ex.records, fh, excel),
        names["json"]: lambda fh: write_json(ex, fh, where),
        names["agencies"]: lambda fh: write_agencies_csv(ex.records, fh, excel),
        names["steps"]: lambda fh: write_steps_csv(ex.records, fh, excel),
    }
    if xlsx:
        contents[names["xlsx"]] = xlsx_bytes(extraction_sheets(ex))
    return write_files_atomically(contents, Path(out_dir))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def prepare_folder(out_dir: str | Path) -> Path:
    """The output folder, made if missing; one clear error if it cannot hold files."""
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise PipelineError(f"{out_dir}: the output folder is a file; give -o a folder") from None
    except OSError as exc:
        raise PipelineError(f"{out_dir}: cannot make the output folder ({exc.strerror})") from None
    if not os.access(out_dir, os.W_OK | os.X_OK):
        raise PipelineError(f"{out_dir}: the output folder is not writable")
    return out_dir


def _temp_prefix(name: str, pid: int) -> str:
    return f".{name}.{pid}."


def remove_stale_temps(out_dir: Path, names) -> list[Path]:
    """Remove the temporary files of `names` that a killed run (SIGKILL, power loss) left in
    `out_dir`: `.NAME.PID.*.tmp` whose process is gone.  A live run's files are left alone."""
    removed = []
    for name in names:
        for tmp in out_dir.glob(f".{name}.*.tmp"):
            pid = tmp.name[len(name) + 2:].split(".", 1)[0]
            if pid.isascii() and pid.isdigit() and not _alive(int(pid)):
                tmp.unlink(missing_ok=True)
                removed.append(tmp)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def write_files_atomically(contents: dict, out_dir: Path) -> list[Path]:
    """Each value is a text, bytes, or a function that writes text to a file: all files appear
    together, or none.

    Every temporary file is registered before it is written, so none is left behind on any error
    or interruption (SIGINT; SIGTERM too, through the CLI's handler).  A temporary file carries
    the writer's process id, so the one a killed run leaves is recognised and removed next time.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(out_dir, contents)
    temps: list[tuple[str, Path]] = []
    try:
        for name, content in contents.items():
            fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(name, os.getpid()), suffix=".tmp",
                                       dir=out_dir)
            temps.append((tmp, out_dir / name))
            # mkstemp makes 0600; the user's umask decides, as for open()
            os.chmod(tmp, 0o666 & ~_umask())
            if isinstance(content, bytes):
                with os.fdopen(fd, "wb") as fh:
                    fh.write(content)
                continue
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                if callable(content):
                    content(fh)
                else:
                    fh.write(content)
        for tmp, final in temps:
            os.replace(tmp, final)
    finally:
        for tmp, _ in temps:
            if os.path.exists(tmp):
                os.unlink(tmp)
    return [final for _, final in temps]
