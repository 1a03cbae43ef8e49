"""Nothing is lost: every paragraph of a source ends up in exactly one output field.

A paragraph of a cell merged down over several measures (a shared agency cell) is in each of
their rows, and each of them says so (`merged_cell`).  A paragraph cut at line ends the page
showed no break at (`Paragraph.split_at`) is placed piece by piece: each piece (`part`) once,
and the whole not besides."""
from collections import Counter, defaultdict

from pipeline.contract import Extraction
from pipeline.model import Document

PER_ROW_FIELDS = ("measure", "timeframe", "agencies", "indicator")


def source_paragraphs(doc: Document) -> dict:
    paras = {p.prov.key(): p for p in doc.paragraphs}
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    paras.setdefault(p.prov.key(), p)
    return paras


def check_conservation(doc: Document, ex: Extraction) -> None:
    places: dict = defaultdict(set)
    for name, paras in (("front_matter", ex.front_matter), ("header", ex.header), ("blank", ex.blanks),
                        ("back_matter", ex.back_matter)):
        for p in paras:
            places[p.prov.key()].add(name)
    for p, _ in ex.unplaced:
        places[p.prov.key()].add("unplaced")
    for _, _, _, paras in ex.tables_skipped:
        for p in paras:
            places[p.prov.key()].add("table_skipped")
    rows_per_paragraph: Counter = Counter()
    for rec in ex.records:
        merged = "merged_cell" in rec.flag_names
        steps = {f"step_{name}": [prov for s in rec.steps for prov in s.provenance.get(name, [])]
                 for name in ("text", "timeframe")}
        for field, provs in [*rec.provenance.items(), *steps.items()]:
            for prov in provs:
                places[prov.key()].add(field)
                if field in PER_ROW_FIELDS and not merged:
                    rows_per_paragraph[prov.key()] += 1
    paras = source_paragraphs(doc)
    pieces: dict = defaultdict(list)  # a source paragraph's key -> the keys of its pieces that were placed
    for k in places:
        if k[-1] is not None:
            pieces[k[:-1] + (None,)].append(k)
    lost = [p.text for k, p in paras.items() if not places.get(k) and not pieces.get(k)]
    twice = [(p.text, sorted(places[k])) for k, p in paras.items() if len(places.get(k, ())) > 1]
    twice += [(p.text, "whole and in pieces") for k, p in paras.items() if places.get(k) and pieces.get(k)]
    twice += [(paras[k].text, sorted(places[piece])) for k in pieces if k in paras
              for piece in pieces[k] if len(places[piece]) > 1]
    invented = [k for k in places if (k[:-1] + (None,) if k[-1] is not None else k) not in paras]
    multi_row = [k for k, n in rows_per_paragraph.items() if n > 1]
    assert not lost, f"paragraphs lost: {lost[:5]}"
    assert not twice, f"paragraphs placed in two fields: {twice[:5]}"
    assert not invented, f"provenance that points at no source paragraph: {invented[:5]}"
    assert not multi_row, f"a measure/timeframe/agency/indicator paragraph in two rows: {multi_row[:5]}"
