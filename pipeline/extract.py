"""The whole conversion: a file -> an `Extraction` (records, unplaced, warnings)."""
from __future__ import annotations

from pathlib import Path

from .align import DEFAULT, AlignSettings, align_block
from .errors import UnplacedParagraphsError
from .layout import document_to_layout
from .lexical import Lexical, language_of
from .model import Document, Extraction
from .normalize.agencies import Gazetteer
from .normalize.timeframes import find_period
from .readers import read
from .records import RecordBuilder


def extract(path: str | Path, gazetteer: Gazetteer | None = None, strict: bool = False,
            settings: AlignSettings = DEFAULT, encoding: str | None = None) -> Extraction:
    """Read a source file (text, docx, html, pdf) and return its measures as records.

    `encoding` names a text file's legacy code page (`cp1251`); by default text is UTF-8.
    """
    return document_to_extraction(read(path, encoding), gazetteer or Gazetteer.load(), strict=strict,
                                  settings=settings)


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
    unplaced.extend(_unused_headings(layout.blocks, records))
    if strict and unplaced:
        first, why = unplaced[0]
        raise UnplacedParagraphsError(f"{doc.source.file}: {len(unplaced)} paragraph(s) could not be placed; "
                                      f"first: {why} ({first.prov.to_dict()})")
    return Extraction(source=doc.source, title=layout.title, front_matter=layout.front_matter,
                      header=layout.header, period=period, records=records, unplaced=unplaced,
                      blanks=layout.blanks, warnings=warnings, back_matter=layout.back_matter)
