"""The whole conversion: a file -> an `Extraction` (records, unplaced, warnings)."""
from __future__ import annotations

import logging
from pathlib import Path

from .align import DEFAULT, AlignSettings, align_block
from .corrections import Corrections, apply
from .errors import PipelineError, UnplacedParagraphsError
from .layout import document_to_layout
from .lexical import Lexical, language_of
from .model import Document, Extraction, Flag, Warning_
from .normalize.agencies import Gazetteer
from .normalize.timeframes import find_period
from .readers import read
from .records import RecordBuilder

log = logging.getLogger("annex")  # `annex -v` shows its INFO lines: the decisions, one per line


def extract(path: str | Path, gazetteer: Gazetteer | None = None, strict: bool = False,
            settings: AlignSettings = DEFAULT, encoding: str | None = None,
            max_part_bytes: int | None = None, corrections: Corrections | str | Path | None = None,
            ocr_lang: str | None = None) -> Extraction:
    """Read a source file (text, docx, html, pdf) and return its measures as records.

    `encoding` names a text file's legacy code page (`cp1251`); by default text is UTF-8.
    `max_part_bytes`: a Word part that would inflate past it is refused (default 200 MB).
    `ocr_lang`: the language of scanned pages and page images (`en`, `ru`); by default each
    installed language is tried on the first scanned page and the most confident kept.
    `corrections`: a corrections file (or `Corrections`) whose rows for this source are applied
    (see `pipeline.corrections`); a stale one is a warning, and an error when `strict`.
    """
    return extract_document(path, gazetteer, strict, settings, encoding, max_part_bytes, corrections, ocr_lang)[1]


def extract_document(path: str | Path, gazetteer: Gazetteer | None = None, strict: bool = False,
                     settings: AlignSettings = DEFAULT, encoding: str | None = None,
                     max_part_bytes: int | None = None, corrections: Corrections | str | Path | None = None,
                     ocr_lang: str | None = None) -> tuple[Document, Extraction]:
    """`extract`, and the `Document` it read (each paragraph's own text, as the review page shows it)."""
    if corrections is not None and not isinstance(corrections, Corrections):
        corrections = Corrections.load(corrections)
    doc = read(path, encoding, max_part_bytes, ocr_lang)
    ex = document_to_extraction(doc, gazetteer or Gazetteer.load(), strict=strict, settings=settings)
    if corrections is not None:
        apply_corrections(ex, corrections, strict)
    return doc, ex


def apply_corrections(ex: Extraction, corrections: Corrections, strict: bool = False) -> None:
    """Apply the corrections meant for this extraction's source; the stale ones become warnings."""
    mine = corrections.for_source(ex.source.sha256, ex.source.file)
    ex.corrections = apply(ex.records, mine, ex.source.sha256)
    stale = [o for o in ex.corrections if o.status == "stale"]
    for o in stale:
        ex.warnings.append(Warning_(f"correction not applied ({corrections.file}, line {o.correction.line}: "
                                    f"{o.correction.measure_id} {o.correction.field}): {o.reason}"))
    log.info("%s: %d correction(s) applied, %d stale", ex.source.file, len(ex.corrections) - len(stale), len(stale))
    if strict and stale:
        o = stale[0]
        raise PipelineError(f"{ex.source.file}: {len(stale)} stale correction(s) in {corrections.file}; first, line "
                            f"{o.correction.line} ({o.correction.measure_id} {o.correction.field}): {o.reason}")


def _unused_headings(blocks, records) -> list[tuple]:
    """Objective/problem paragraphs that no record took (a row with no measure under it)."""
    used = {p.key() for r in records for f in ("objective", "problem") for p in r.provenance.get(f, [])}
    out = []
    for block in blocks:
        for p in block.objective + [p for unit in block.problems for p in unit]:
            if p.prov.key() not in used:
                out.append((p, "objective or problem with no measure under it"))
                used.add(p.prov.key())
    return out


def document_to_extraction(doc: Document, gazetteer: Gazetteer, strict: bool = False,
                           settings: AlignSettings = DEFAULT) -> Extraction:
    layout = document_to_layout(doc, gazetteer)
    name = doc.source.file
    log.info("%s: read as %s; columns: %s; %d objective block(s)", name, doc.source.format.value,
             " | ".join(f"{c.name} ({c.role.value})" for c in layout.columns) or "none found", len(layout.blocks))
    period = find_period([p.text for p in layout.front_matter])
    lexical = Lexical(language_of([p.text for b in layout.blocks for u in b.measures for p in u]))
    builder = RecordBuilder(gazetteer, period, layout.extra_headers)
    unplaced = list(layout.unplaced)
    warnings = list(doc.warnings) + list(layout.warnings)
    for block in layout.blocks:
        aligned = align_block(block, gazetteer, lexical, settings)
        builder.add_block(block, aligned.rows)
        unplaced.extend(aligned.unplaced)
        warnings.extend(aligned.warnings)
    records = builder.finish()
    warnings.extend(builder.warnings)
    if doc.doubtful:
        _flag_doubtful_words(records, doc.doubtful)
    unplaced.extend(_unused_headings(layout.blocks, records))
    if log.isEnabledFor(logging.INFO):
        _log_decisions(name, records, unplaced, warnings)
    if strict and unplaced:
        first, why = unplaced[0]
        raise UnplacedParagraphsError(f"{doc.source.file}: {len(unplaced)} paragraph(s) could not be placed; "
                                      f"first: {why} ({first.prov.to_dict()})")
    return Extraction(source=doc.source, title=layout.title, front_matter=layout.front_matter,
                      header=layout.header, period=period, records=records, unplaced=unplaced,
                      blanks=layout.blanks, warnings=warnings, back_matter=layout.back_matter)


def _flag_doubtful_words(records, doubtful: dict[tuple, list[tuple[str, float]]]) -> None:
    """A row holding words OCR read with low confidence says so, and which words (its
    confidence: the least confident word's)."""
    for rec in records:
        words = [w for provs in rec.provenance.values() for p in provs for w in doubtful.get(p.key(), [])]
        if words:
            listed = ", ".join(f"'{w}' ({conf:.0f})" for w, conf in words)
            rec.flags.append(Flag("ocr_low_confidence", round(min(conf for _, conf in words) / 100, 2),
                                  f"words read with low confidence: {listed}"))


def _log_decisions(name: str, records, unplaced, warnings) -> None:
    """Every judgement, warning and unplaced paragraph as one line each (`annex -v`)."""
    for rec in records:
        for flag in rec.flags:
            detail = f": {flag.detail}" if flag.detail else ""
            log.info("%s: row %d (measure %s): %s, confidence %.2f%s", name, rec.row, rec.measure_id or "?",
                     flag.name, flag.confidence, detail)
    for warning in warnings:
        log.info("%s: warning: %s", name, warning.message)
    for paragraph, why in unplaced:
        log.info("%s: not placed (%s): %.60s", name, why, paragraph.text)
    log.info("%s: %d record(s), %d with a judgement, %d paragraph(s) not placed", name, len(records),
             sum(1 for r in records if r.flags), len(unplaced))
