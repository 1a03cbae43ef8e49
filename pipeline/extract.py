"""The whole conversion: a file -> an `Extraction` (records, unplaced, warnings)."""
from __future__ import annotations

import itertools
import logging
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from .align import DEFAULT, AlignSettings, align_block
from .blocks import DocumentLayout, Layout, SkippedTable
from .columns import NO_NAMES, ColumnNames
from .contract import (
    LETTERS_LOST,
    OCR_READ_AS,
    OCR_SHAPE,
    OCR_STOP,
    ROWS_GUESSED,
    SUB_ROWS_GUESSED,
    Extraction,
    Flag,
    Record,
    counts_text,
    record_counts,
)
from .enums import FlagName
from .errors import PipelineError, UnplacedParagraphsError
from .lexical import STOP_DOUBT, Lexical, Lexicon, language_of, words_of
from .model import LOST_LETTER, Document, Paragraph, Role, Warning_
from .normalize.agencies import Gazetteer, mostly_unknown
from .normalize.numbering import ITEM_STYLES, broken_items, label_of
from .normalize.timeframes import find_period, spelled_word
from .readers import read
from .readers.options import ReadOptions
from .records import RecordBuilder, flag_numbered_under_another
from .settings import Settings
from .structure.plans import (
    document_layout,
    find_plans,
    table_plan_layout,
    text_plan_layout,
)

if TYPE_CHECKING:
    from .corrections import Corrections

log = logging.getLogger("annex")  # `annex -v` shows its INFO lines: the decisions, one per line


def extract(path: str | Path, gazetteer: Gazetteer | None = None, strict: bool = False,
            settings: AlignSettings | Settings = DEFAULT, options: ReadOptions | None = None,
            corrections: Corrections | str | Path | None = None,
            columns: ColumnNames | Mapping[str, str] | str | None = None, **reading) -> Extraction:
    """Read a source file (text, docx, html, pdf, a scan) and return its measures as records.

    `options`: how to read it (`ReadOptions`), or its fields by name: `encoding`, a text file's
    legacy code page (`cp1251`; by default
    UTF-8, else told from the bytes); `max_part_bytes`, a Word part that would
    inflate past it is refused (default 200 MB); `ocr_lang`, the language of scanned pages and
    page images (`en`, `ru`; by default each installed language is tried on the first scanned
    page and the most confident kept).
    `settings`: the alignment's costs (`AlignSettings`), or every stage's (`pipeline.Settings`: its
    `pdf` and `ocr` replace those of `options`, its `agencies` those of the default gazetteer).
    `corrections`: a corrections file (or `Corrections`) whose rows for this source are applied
    (see `pipeline.corrections`); a stale one is a warning, and an error when `strict`.
    `columns`: the roles of columns whose header words are not known, by header text
    (`{"Which partners are involved": "agencies"}`, or `"Action=measure,Status=extra"`); they are
    added to the `columns` of `settings`.  A role that is not one, or a header no cell of the
    plan's header reads, is an error (`DocumentLoadError`).
    """
    return extract_document(path, gazetteer, strict=strict, settings=settings, options=options,
                            corrections=corrections, columns=columns, **reading)[1]


def extract_document(path: str | Path, gazetteer: Gazetteer | None = None, *,
                     strict: bool = False, settings: AlignSettings | Settings = DEFAULT,
                     options: ReadOptions | None = None,
                     corrections: Corrections | str | Path | None = None,
                     columns: ColumnNames | Mapping[str, str] | str | None = None,
                     **reading) -> tuple[Document, Extraction]:
    """`extract`, and the `Document` it read (each paragraph's own text, as the review page shows
    it)."""
    if corrections is not None:
        corrections = _corrections(corrections)
    names = _column_names(columns)
    if isinstance(settings, Settings):
        options = replace(options or ReadOptions(), pdf=settings.pdf, ocr=settings.ocr)
        gazetteer = gazetteer or Gazetteer.load(settings=settings.agencies)
        names = settings.columns.overridden_by(names)
        settings = settings.align
    doc = read(path, options, **reading)
    gazetteer = gazetteer or Gazetteer.load()
    ex = document_to_extraction(doc, gazetteer, strict=strict, settings=settings, columns=names)
    if corrections is not None:
        apply_corrections(ex, corrections, strict, gazetteer)
    return doc, ex


def _column_names(columns: ColumnNames | Mapping[str, str] | str | None) -> ColumnNames:
    try:
        return ColumnNames.of(columns)
    except ValueError as exc:
        raise PipelineError(f"columns: {exc}") from None


def _corrections(corrections: Corrections | str | Path) -> Corrections:
    """A corrections file loaded, or the `Corrections` given (the module is imported by a run
    that has corrections only)."""
    from .corrections import Corrections

    return corrections if isinstance(corrections, Corrections) else Corrections.load(corrections)


def apply_corrections(ex: Extraction, corrections: Corrections, strict: bool = False,
                      gazetteer: Gazetteer | None = None) -> None:
    """Apply the corrections meant for this extraction's source; the stale ones become warnings."""
    from .corrections import apply

    mine = corrections.for_source(ex.source.sha256, ex.source.file)
    ex.corrections = apply(ex.records, mine, ex.source.sha256, gazetteer, ex.period)
    stale = [o for o in ex.corrections if o.status == "stale"]
    for o in stale:
        ex.warnings.append(Warning_(f"correction not applied ({corrections.file}, "
                                    f"line {o.correction.line}: "
                                    f"{o.correction.measure_id} {o.correction.field}): {o.reason}"))
    log.info("%s: %d correction(s) applied, %d stale", ex.source.file,
             len(ex.corrections) - len(stale), len(stale))
    if strict and stale:
        o = stale[0]
        raise PipelineError(f"{ex.source.file}: {len(stale)} stale correction(s) in "
                            f"{corrections.file}; first, line {o.correction.line} "
                            f"({o.correction.measure_id} {o.correction.field}): {o.reason}")


def _unused_headings(layouts: list[Layout], records) -> list[tuple]:
    """Objective/problem paragraphs that no record took (a heading with no measure under it)."""
    used = {p.key() for r in records for f in ("objective", "problem")
            for p in r.provenance.get(f, [])}
    out = []
    for layout in layouts:
        for heading in layout.headings:
            for p in heading.paragraphs:
                if p.prov.key() not in used:
                    out.append((p, "objective or problem with no measure under it"))
                    used.add(p.prov.key())
    return out


def read_layout(doc: Document, gazetteer: Gazetteer, settings: AlignSettings = DEFAULT,
                columns: ColumnNames = NO_NAMES) -> DocumentLayout:
    """Every plan of a document read into blocks: a table's grid as it is, a flattened text's
    read back into a grid first (`align.plantext`); `columns`, the headers the user named."""
    found = find_plans(doc, columns, gazetteer)
    file = doc.source.file
    # the document's language, for where a cell's lines may start a paragraph: from its tables'
    # cells first (the plan's own language, whatever the title page's), then its paragraphs
    language = doc.language or language_of(itertools.chain(
        (p.text for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs),
        (p.text for p in doc.paragraphs)))
    layouts = [table_plan_layout(found.document or doc, plan, language) for plan in found.tables]
    back: list[Paragraph] = []
    if found.text:  # a flattened text's aligner: imported by a run that reads one only
        from .align.plantext import text_plan_to_grid
    for text in found.text:
        text, read = text_plan_to_grid(text, doc.paragraphs, found.blanks, gazetteer,
                                       Lexical(language), settings, file)
        layouts.append(text_plan_layout(text, read, file, language))
        back.extend(read.back_matter)
    return document_layout(found, layouts, back, language)


def document_to_extraction(doc: Document, gazetteer: Gazetteer, strict: bool = False,
                           settings: AlignSettings = DEFAULT,
                           columns: ColumnNames = NO_NAMES) -> Extraction:
    """A read document's extraction: its layout, each block aligned, the records built; with
    `strict`, a paragraph not placed is an error (`UnplacedParagraphsError`)."""
    layout = read_layout(doc, gazetteer, settings, columns)
    _log_plans(doc, layout)
    period = find_period([p.text for p in layout.front_matter])
    language = layout.language
    warnings = list(doc.warnings) + list(layout.warnings)
    records, unplaced = _layout_to_records(layout, gazetteer, settings, period, language, warnings,
                                           bool(doc.ocr_words))
    warnings.extend(_skipped_warning(skipped) for skipped in layout.skipped)
    if doc.doubtful:
        _flag_doubtful_words(records, doc, language)
    if doc.ocr_words:
        _flag_broken_items(records)
        _mend_ocr_ids(records)
    _flag_lost_letters(records, doc)
    _flag_guessed_rows(records, doc, unplaced)
    flag_numbered_under_another(records)
    unplaced.extend(_unused_headings(layout.tables, records))
    if log.isEnabledFor(logging.INFO):
        _log_decisions(doc.source.file, records, unplaced, warnings)
    if strict and unplaced:
        first, why = unplaced[0]
        raise UnplacedParagraphsError(f"{doc.source.file}: {len(unplaced)} paragraph(s) could not "
                                      f"be placed; first: {why} ({first.prov.to_dict()})")
    return Extraction(source=doc.source, title=layout.title, front_matter=layout.front_matter,
                      header=[p for t in layout.tables for p in t.header], period=period,
                      records=records, unplaced=unplaced,
                      blanks=layout.blanks + [p for t in layout.tables for p in t.blanks],
                      warnings=warnings, back_matter=layout.back_matter,
                      tables_skipped=[(s.index, s.position, s.header, s.paragraphs)
                                      for s in layout.skipped],
                      language=language, ocr_words=doc.ocr_words,
                      read_paragraphs=doc.every_paragraph() if doc.ocr_words else [])


def _log_plans(doc: Document, layout: DocumentLayout) -> None:
    """Each plan table as read: its format, its columns and roles, its rows with measures (`-v`)."""
    for t in layout.tables:
        columns = " | ".join(f"{c.name} ({c.role.value})" for c in t.columns)
        log.info("%s: read as %s; plan table %d; columns: %s; %d row(s) with measures",
                 doc.source.file, doc.source.format.value, t.index + 1, columns, len(t.blocks))


def _layout_to_records(layout: DocumentLayout, gazetteer: Gazetteer, settings: AlignSettings,
                       period: tuple[int, int] | None, language: str, warnings: list[Warning_],
                       ocr: bool = False) -> tuple[list[Record], list[tuple[Paragraph, str]]]:
    """Every plan's blocks aligned and built into records, numbered on across the plans; the
    paragraphs not placed; what was decided is added to `warnings`; `ocr`: the text was read
    by OCR."""
    lexical = Lexical(language)
    records: list[Record] = []
    unplaced: list[tuple[Paragraph, str]] = []
    extra_headers = list(dict.fromkeys(h for t in layout.tables for h in t.extra_headers))
    country = _plan_country(layout, gazetteer, warnings)
    stranger = country is None and _stranger(layout, gazetteer, warnings)
    for t in layout.tables:
        builder = RecordBuilder(gazetteer, period, extra_headers, t.index, t.title,
                                first_row=len(records) + 1, country=country, lang=language,
                                ocr=ocr, stranger=stranger)
        unplaced.extend(t.unplaced)
        warnings.extend(t.warnings)
        for block in t.blocks:
            aligned = align_block(block, gazetteer, lexical, settings)
            builder.add_block(block, aligned.rows)
            unplaced.extend(aligned.unplaced)
            warnings.extend(aligned.warnings)
        records.extend(builder.finish())
        warnings.extend(builder.warnings)
    return records, unplaced


def _skipped_warning(skipped: SkippedTable) -> Warning_:
    return Warning_(f"table {skipped.index + 1} is not a plan (its header names no measures with "
                    f"agencies, deadlines or results): skipped; header: "
                    f"{' | '.join(skipped.header)[:120]}", [p.prov for p in skipped.paragraphs[:1]])


def _plan_country(layout: DocumentLayout, gazetteer: Gazetteer,
                  warnings: list[Warning_]) -> str | None:
    """The country whose plan this is, where it is not the gazetteer's own: told by the countries
    its agency cells and titles name (`BodyWords.plan_country`); said in a warning."""
    cells = [p for t in layout.tables for b in t.blocks for p in b.columns.get(Role.AGENCIES, [])]
    titles = [layout.title] + [t.title for t in layout.tables]
    country = gazetteer.body_words.plan_country([p.text for p in cells] + [t for t in titles if t])
    if country:
        said = (f"the plan names {country.title()}'s bodies: its agencies are read as that "
                "country's, and the gazetteer's national bodies are not given to them")
        warnings.append(Warning_(said, [cells[0].prov] if cells else []))
    return country


def _stranger(layout: DocumentLayout, gazetteer: Gazetteer, warnings: list[Warning_]) -> bool:
    """Whether the gazetteer mostly does not know the plan's bodies (`mostly_unknown`): its
    acronyms are then no evidence of its bodies; said in a warning."""
    cells = [p for t in layout.tables for b in t.blocks for p in b.columns.get(Role.AGENCIES, [])]
    stranger = mostly_unknown(gazetteer, [p.text for p in cells])
    if stranger:
        said = ("the gazetteer knows few of the plan's bodies: an acronym of one of its bodies is "
                "read as a body it does not know")
        warnings.append(Warning_(said, [cells[0].prov]))
    return stranger


def _flag_doubtful_words(records, doc: Document, language: str) -> None:
    """Each field holding words OCR read in doubt says so (`ocr_doubt`, one flag per field, a
    step's fields too: `step 2 timeframe`): the words and why (`Lexicon.doubt`: a glued mark, no
    word of the language beside a mark, a low confidence); its confidence is the least confident
    word's (a shape: `OCR_SHAPE`; a full stop where the sentence goes on: `OCR_STOP`).  A short
    word of the language read low is no doubt, but for a number in a timeframe (`II`, `1`: each
    stroke is its value; `timeframes.spelled_word`) and a word that is a paragraph by itself (`a`
    at 8 for `I.`: a label, no running text)."""
    texts = [p.text for p in doc.paragraphs] + [p.text for t in doc.tables for row in t.rows
                                                for cell in row.cells for p in cell.paragraphs]
    lexicon = Lexicon(language, texts, unsure=_unsure_words(doc))
    alone = {p.prov.key() for p in doc.every_paragraph() if len(p.text.split()) == 1}
    for rec in records:
        for name, provs, _ in _fields(rec):
            words = [(w, p.key() in alone) for p in provs for w in doc.doubtful.get(p.key(), [])]
            doubts = _doubts(lexicon, words, name.endswith("timeframe"), doc)
            if not doubts:
                continue
            listed = ", ".join(f"'{word}' ({why})" for word, _, why in doubts)
            least = min(conf / 100 if why.startswith("read at") else
                        OCR_STOP if why == STOP_DOUBT else OCR_SHAPE for _, conf, why in doubts)
            rec.flags.append(Flag(FlagName.OCR_DOUBT, round(least, 2), f"{name}: {listed}"))


def _mend_ocr_ids(records) -> None:
    """From OCR, a measure's number that breaks the run its neighbours make (`28, 28, 30`,
    `1.2.1, 1.22, 1.2.3`: a digit misread, a speck's dot lost) is the one number between them,
    and its row says so (`ocr_doubt`, `OCR_READ_AS`)."""
    for before, rec, after in zip(records, records[1:], records[2:]):
        if not before.table == rec.table == after.table:
            continue
        between = _number_between(before.measure_id, after.measure_id)
        if between and rec.measure_id != between:
            rec.flags.append(Flag(FlagName.OCR_DOUBT, OCR_READ_AS,
                                  f"measure_id: '{rec.measure_id}' (read as {between}, between "
                                  f"{before.measure_id} and {after.measure_id})"))
            rec.measure_id = between


def _number_between(a: str, b: str) -> str | None:
    """The one number between two of a list (`1.2.1` and `1.2.3`: `1.2.2`), or None."""
    parts_a, parts_b = a.rstrip(".").split("."), b.rstrip(".").split(".")
    if len(parts_a) != len(parts_b) or parts_a[:-1] != parts_b[:-1] \
            or not (parts_a[-1].isdigit() and parts_b[-1].isdigit()):
        return None
    if int(parts_b[-1]) - int(parts_a[-1]) != 2:
        return None
    return ".".join([*parts_a[:-1], str(int(parts_a[-1]) + 1)])


def _flag_broken_items(records) -> None:
    """From OCR, each text field whose item labels break their list (`а) ... 6) ... в)`: a `б)`
    read as a digit; `numbering.broken_items`) says so (`ocr_doubt`, `OCR_READ_AS`)."""
    for rec in records:
        for name, _, own in _fields(rec):
            if name.endswith("timeframe") or name in ("agencies", "objective", "problem"):
                continue
            broken = broken_items(own)
            if broken:
                listed = ", ".join(f"'{label}' (breaks its list's labels)" for label in broken)
                rec.flags.append(Flag(FlagName.OCR_DOUBT, OCR_READ_AS, f"{name}: {listed}"))


def _unsure_words(doc: Document) -> frozenset[str]:
    """The words (in lower case) OCR read below its sure confidence wherever it read them."""
    read = [(w.text.lower(), w.confidence) for ws in doc.ocr_words.values() for w in ws]
    unsure = {t for text, conf in read if conf < doc.sure_confidence for t in words_of(text)}
    return frozenset(unsure - {t for text, conf in read if conf >= doc.sure_confidence
                               for t in words_of(text)})


def _doubts(lexicon: Lexicon, words: list[tuple[tuple[str, float], bool]], dated: bool,
            doc: Document) -> list[tuple[str, float, str]]:
    """(word, confidence, why) of each of a field's words OCR read that is in doubt; `words`: each
    with whether it is a paragraph by itself; `dated`: the field is a timeframe; `doc`: the
    confidences below which a word is read low, not surely, or maybe another word's twin."""
    out = []
    unsure = (doc.sure_confidence, doc.twin_confidence)
    for (word, conf), alone in words:
        spare = not alone and (not dated or spelled_word(word))
        why = lexicon.doubt(word, conf, doc.low_confidence, spare, unsure)
        if why is not None:
            out.append((word, conf, why))
    return out


def _flag_guessed_rows(records, doc: Document, unplaced: list[tuple[Paragraph, str]]) -> None:
    """Each row read from a table whose rows are a guess (`Table.rows_guessed`) says so
    (`grid_uncertain`, `ROWS_GUESSED`): which of its paragraphs belong together was told by
    whitespace alone, so no such row is sure of itself.  Where a measure there has several
    sub-rows (steps, each with its deadline), it and the measures beside it are doubtful
    (`SUB_ROWS_GUESSED`): a sub-row at the edge of a measure is as near the one beside it; so
    are the two measures around a paragraph of the table left unplaced."""
    guessed = {k: t.rows_guessed for k, t in enumerate(doc.tables) if t.rows_guessed}
    if not guessed:
        return
    runs: dict[int, list] = {}  # table -> its records, in order
    for rec in records:
        tables = {p.table for provs in rec.provenance.values() for p in provs} & guessed.keys()
        if tables:
            rec.flags.append(Flag(FlagName.GRID_UNCERTAIN, ROWS_GUESSED,
                                  f"table {min(tables) + 1}: {guessed[min(tables)]}"))
            runs.setdefault(min(tables), []).append(rec)
    said = "which measure a step or deadline next to another measure's belongs to is a guess"
    for table, run in runs.items():
        for k in sorted(_among_sub_rows(run, table, unplaced)):
            run[k].flags.append(Flag(FlagName.GRID_UNCERTAIN, SUB_ROWS_GUESSED,
                                     f"table {table + 1}: {said}"))
        for rec, why in _torn_rows(run):
            rec.flags.append(Flag(FlagName.GRID_UNCERTAIN, SUB_ROWS_GUESSED,
                                  f"table {table + 1}: {why}"))
        for k in sorted(_torn_lists(run)):
            run[k].flags.append(Flag(FlagName.GRID_UNCERTAIN, SUB_ROWS_GUESSED,
                                     f"table {table + 1}: {TORN_LIST}"))
        for rec in _open_agency_lists(run):
            rec.flags.append(Flag(FlagName.GRID_UNCERTAIN, SUB_ROWS_GUESSED,
                                  f"table {table + 1}: {OPEN_AGENCIES}"))


OPEN_AGENCIES = ("its agency list ends with a comma: the rest may stand in the next measure's "
                 "row, told apart by white alone")


def _open_agency_lists(run: list) -> list:
    """The records of a guessed table (`run`, in order) but its last whose agency list ends with
    a comma: where one measure's agencies end and the next's begin was told by white alone."""
    return [rec for rec in run[:-1] if rec.agencies_raw.rstrip().endswith(",")]


def _torn_rows(run: list) -> list[tuple]:
    """The records of a guessed table (`run`, in order) whose row white alone may have torn from
    or joined to another: a measure whose text runs over a page break (which row its rest on the
    next page goes on in is told by white alone), and, among numbered measures, one with no
    number (a piece of another row's text, by the look of it)."""
    unnumbered = [FlagName.MEASURE_UNNUMBERED.value in rec.flag_names for rec in run]
    among_numbered = 2 * unnumbered.count(False) > len(run)
    out = []
    for rec, alone in zip(run, unnumbered):
        pages = {n for p in rec.provenance.get("measure", []) for n in (p.pages or ())}
        if len(pages) > 1:
            out.append((rec, "the measure runs over a page break, where which row its text goes "
                             "on in is told by white alone"))
        elif among_numbered and alone:
            out.append((rec, "a measure with no number among numbered ones: a piece of "
                             "another row's text, by the look of it"))
    return out


TORN_LIST = ("a measure opens with an item of a list, or the next one does: the list's lead or "
             "some of its items stand in another row, by the look of it")


def _torn_lists(run: list) -> set[int]:
    """Which of a guessed table's records (`run`, in order) may have a list torn by white: one
    whose measure opens with an item (`- with NGOs`, `в) ...`, its lead left in a row above),
    and the one above it (which may have lost those items, or hold the lead)."""
    opening = [k for k, rec in enumerate(run) if _opens_with_item(rec.measure)]
    return {j for k in opening for j in (k - 1, k) if j >= 0}


def _opens_with_item(text: str) -> bool:
    label = label_of(text)
    return label is not None and label.style in ITEM_STYLES


def _among_sub_rows(run: list, table: int, unplaced: list[tuple[Paragraph, str]]) -> set[int]:
    """Which of a guessed table's records (`run`, in order) stand among sub-rows: those with
    several (steps, or deadlines), those beside them, and the two around an unplaced paragraph
    of the table."""
    doubtful = {k + d for k, rec in enumerate(run) for d in (-1, 0, 1)
                if len(rec.steps) > 1 or " | " in rec.timeframe}
    starts = [min((p.row for p in rec.provenance.get("measure", [])
                   if p.table == table and p.row is not None), default=-1) for rec in run]
    for p, _ in unplaced:
        if p.prov.table == table and p.prov.row is not None:
            k = max((i for i, row in enumerate(starts) if row <= p.prov.row), default=-1)
            doubtful |= {k, k + 1}
    return {k for k in doubtful if 0 <= k < len(run)}


def _flag_lost_letters(records, doc: Document) -> None:
    """Each field holding a letter the source lost (`LOST_LETTER`) says so (`letters_lost`, one
    flag per field, `LETTERS_LOST`): the words that hold one, as the field's own text has them
    (else its source paragraphs).  Nothing says what the letters were, so nothing is guessed."""
    holed = {p.prov.source_key(): p.text for p in doc.every_paragraph() if LOST_LETTER in p.text}
    if not holed:
        return
    for rec in records:
        for name, provs, own in _fields(rec):
            texts = [holed[p.source_key()] for p in provs if p.source_key() in holed]
            if not texts and LOST_LETTER not in own:
                continue
            words = [w for w in own.split() if LOST_LETTER in w] or \
                [w for text in texts for w in text.split() if LOST_LETTER in w]
            listed = ", ".join(f"'{word}'" for word in dict.fromkeys(words))
            rec.flags.append(Flag(FlagName.LETTERS_LOST, LETTERS_LOST, f"{name}: {listed}"))


def _fields(rec: Record):
    """(name, provenance, text) of each field of a record with a provenance, its steps' too
    (`step 2 timeframe`)."""
    for name, provs in rec.provenance.items():
        if name.startswith("extra:"):
            own = rec.extra.get(name[len("extra:"):], "")
        else:
            own = getattr(rec, "agencies_raw" if name == "agencies" else name, "")
        yield name, provs, own if isinstance(own, str) else ""
    for k, step in enumerate(rec.steps, 1):
        for name, provs in step.provenance.items():
            own = getattr(step, name, "")
            yield f"step {k} {name}", provs, own if isinstance(own, str) else ""


def _log_decisions(name: str, records, unplaced, warnings) -> None:
    """Every judgement, warning and unplaced paragraph as one line each (`annex -v`)."""
    for rec in records:
        for flag in rec.flags:
            detail = f": {flag.detail}" if flag.detail else ""
            beat = f"; next best: {flag.alternative}" if flag.alternative else ""
            log.info("%s: row %d (measure %s): %s, confidence %.2f%s%s", name, rec.row,
                     rec.measure_id or "?", flag.name, flag.confidence, detail, beat)
    for warning in warnings:
        log.info("%s: warning: %s", name, warning.message)
    for paragraph, why in unplaced:
        log.info("%s: not placed (%s): %.60s", name, why, paragraph.text)
    log.info("%s: %s", name, counts_text(record_counts(records) | {"unplaced": len(unplaced)}))
