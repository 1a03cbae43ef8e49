"""The review page: one self-contained HTML file per source, for a human to check every judgement.

It works on an extraction in X.json's form, from a source just read or from an X.json.  From an
X.json, the source is read again for each paragraph's own text, but not a source read by OCR:
its X.json keeps those texts (`ocr`), so no second OCR runs, and its pages are only rendered,
for their pictures.  The page shows:

* a summary: rows, rows needing review, rows with a judgement, flags by kind, paragraphs not
  placed, blank paragraphs, unmatched agencies, warnings, corrections;
* every row with a flag or a confidence below 1 (with `every_row`, every row: a scan's reviewer
  checks its rows against their crops), in source order: each decision with its
  confidence and the runner-up the optimiser rejected, and each field's extracted value
  beside its source paragraphs and their provenance; for a PDF, beside the picture of each
  paragraph's region cropped from the rendered page, so the reviewer compares by eye; the words
  an `ocr_doubt` or `letters_lost` flag names are marked in the field's value and in its source
  text;
* the paragraphs not placed and the unmatched agency names, with where they are;
* a starter corrections file for the rows shown (a download link in the page, and a file).

No network, no external assets: styles, script and pictures are inside the page.  `j`/`k`
move between rows, every row is focusable, and the page prints one row per block.
"""
from __future__ import annotations

import base64
import hashlib
import html
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import numpy as np

from .contract import DOUBTFUL, json_counts
from .corrections import starter_csv
from .data import read_extraction_json
from .enums import FlagName
from .errors import DocumentLoadError
from .model import Document
from .readers import read

FIELDS = ["measure", "timeframe", "agencies", "indicator"]  # shown for each row, with their sources
STARTER_FIELDS = ["measure", "timeframe", "agencies", "agency_ids", "indicator"]
SCALE = 2.0  # page pictures at 144 dpi: small print stays legible in a crop
# points around a paragraph's box: its letters, not the line above's descenders
PAD, PAD_ABOVE = 2.0, 0.5


@dataclass
class ReviewInput:
    """An extraction in X.json's form, and the source file it came from when it is at hand."""

    data: dict
    source: Path | None
    notes: list[str] = field(default_factory=list)
    # the source as read: each paragraph's own text, by provenance (None from an X.json of a source
    # read by OCR, which keeps those texts itself, or with no source at hand)
    document: Document | None = None
    every_row: bool = False  # show every row, not only those with a flag or a confidence below 1


def load(path: str | Path, gazetteer=None, corrections=None, options=None, settings=None,
         columns=None, source: str | Path | None = None) -> ReviewInput:
    """A source file (read now) or an extracted X.json (its source looked for where X.json says it
    was, beside it, or given as `source`, and checked by its sha256; read again for its
    paragraphs' texts unless it was read by OCR, whose X.json keeps them: no second OCR).
    `options`: how to read it
    (`ReadOptions`), `settings` the alignment's (`AlignSettings`) and `columns` the roles of
    columns by header text, as for `extract`."""
    path = Path(path)
    if path.suffix.lower() == ".json":
        data = read_extraction_json(path)
        if not isinstance(data.get("source"), dict):
            raise DocumentLoadError(f"{path}: not an extraction JSON (no 'source'); give the .json "
                                    "that 'annex extract' wrote")
        found = _given_source(Path(source), data["source"], path) if source is not None else \
            _find_source(path, data["source"])
        notes = ["--corrections is not applied to an extraction: it shows as it was extracted "
                 "(extract it again with --corrections)"] if corrections is not None else []
        kept = "ocr" in data  # read by OCR: X.json keeps its paragraphs, and no reader runs again
        if found is None:
            lost = "pictures are" if kept else "source paragraphs and pictures are"
            missing = (f"the source {data['source'].get('file')} (sha256 "
                       f"{str(data['source'].get('sha256'))[:12]}…) was not found where "
                       f"{path.name} says it was, nor beside it (name it with --source): the "
                       f"{lost} not shown")
            return ReviewInput(data, None, notes + [missing])
        return ReviewInput(data, found, notes, document=None if kept else read(found, options))
    if source is not None:
        raise DocumentLoadError(f"{path}: --source is for an extracted X.json; this is the source "
                                "itself")
    from .align import DEFAULT
    from .extract import extract_document
    from .writers import extraction_to_json

    document, ex = extract_document(path, gazetteer, corrections=corrections, options=options,
                                    settings=settings or DEFAULT, columns=columns)
    return ReviewInput(extraction_to_json(ex), path, document=document)


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _find_source(json_path: Path, source: dict) -> Path | None:
    """The source file of an X.json, unchanged: where X.json says it was (`source.path`, from
    X.json's folder), beside it, or in the working folder."""
    name, sha = source.get("file"), source.get("sha256")
    places = [json_path.parent / source["path"]] if isinstance(source.get("path"), str) else []
    places += [folder / name for folder in (json_path.parent, Path.cwd()) if name]
    return next((p for p in places if p.is_file() and _sha256(p) == sha), None)


def _given_source(given: Path, source: dict, json_path: Path) -> Path:
    """The source named by `--source`: it must be the file that was extracted (its sha256)."""
    if not given.is_file():
        raise DocumentLoadError(f"{given}: no such file (--source)")
    if _sha256(given) != source.get("sha256"):
        raise DocumentLoadError(f"{given}: not the source of {json_path.name} (its sha256 is not "
                                f"{str(source.get('sha256'))[:12]}…, the extracted file's)")
    return given


# -- what to show ---------------------------------------------------------------------------

def to_check(record: dict) -> bool:
    """Does a row carry a flag or a confidence below 1?"""
    return bool(record.get("flags")) or float(record.get("confidence", 1.0)) < 1.0


def rows_to_review(records: list[dict], every_row: bool = False) -> list[dict]:
    """Every row with a flag or a confidence below 1 (with `every_row`, every row), in source
    order."""
    return [r for r in records if every_row or to_check(r)]


WORD_FLAGS = (FlagName.OCR_DOUBT, FlagName.LETTERS_LOST)  # flags whose detail names words


def doubted_words(record: dict) -> dict[str, list[str]]:
    """The words each `ocr_doubt` or `letters_lost` flag of a row names, by field (its detail:
    `measure: 'теле-и' (a glued mark), 'Mmistry' (read at 41)`; `measure: 'ess�ntial'`)."""
    out: dict[str, list[str]] = {}
    for f in record.get("flags", []):
        if isinstance(f, dict) and f.get("flag") in WORD_FLAGS and ": " in f.get("detail", ""):
            name, _, words = f["detail"].partition(": ")
            out.setdefault(name, []).extend(re.findall(r"'([^']+)'(?= \(|, '|$)", words))
    return out


def marked(text: str, words: list[str]) -> str:
    """`text` escaped for HTML, each of `words` in it marked (`<mark class=ocr>`)."""
    if not words:
        return html.escape(text)
    pattern = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    out, at = [], 0
    for m in re.finditer(pattern, text):
        mark = f"<mark class=ocr>{html.escape(m.group())}</mark>"
        out.append(html.escape(text[at:m.start()]) + mark)
        at = m.end()
    return "".join(out) + html.escape(text[at:])


def summary(data: dict, every_row: bool = False) -> dict:
    records = data["records"]
    counts = json_counts(records)
    return {
        "rows": counts["rows"],
        "rows with a flag": counts["flagged_rows"],
        "rows with a judgement": counts["judgement_rows"],
        "rows needing review": counts["review_rows"],
        "rows shown": len(rows_to_review(records, every_row)),
        "paragraphs not placed": len(data.get("unplaced", [])),
        "blank paragraphs": len(data.get("blank_paragraphs", [])),
        "unmatched agencies": len(data.get("review", {}).get("unmatched_agencies", [])),
        "warnings": len(data.get("warnings", [])),
        "corrections applied": sum(1 for c in data.get("corrections", [])
                                   if c["status"] == "applied"),
        "corrections stale": sum(1 for c in data.get("corrections", []) if c["status"] == "stale"),
        "rows by flag": counts["flags"],
    }


def _has_pages(fmt: str) -> bool:
    """Whether the review page can show pictures of the source's pages (`FormatSpec.pages`: a PDF,
    rendered by pdfium, or page images, opened by Pillow)."""
    from .readers.formats import SPECS

    return any(f.value == fmt and spec.pages for f, spec in SPECS.items())


# -- pictures of a PDF's regions ------------------------------------------------------------

class Pictures:
    """Crops of a PDF's rendered pages (pypdfium2, as pdfplumber renders), or of page images,
    as PNG data URIs.  A scanned page is turned level first, as OCR read it, so that the
    boxes, which are on the level page, frame the same words."""

    def __init__(self, path: Path, fmt: str):
        self.fmt = fmt
        if fmt == "pdf":
            import pypdfium2 as pdfium

            self.pdf = pdfium.PdfDocument(str(path))
        else:
            from PIL import Image

            self.pdf = Image.open(path)
        self.pages: dict[int, object] = {}

    def render(self, page: int):
        """A 1-based page as shown (a scan turned level), at `SCALE` pixels a point."""
        from .readers.ocr import deskew, skew_angle
        from .readers.options import OCR_DEFAULT

        if self.fmt == "pdf":
            pdf_page = self.pdf[page - 1]
            image = pdf_page.render(scale=SCALE).to_pil()
            if pdf_page.get_textpage().count_chars() > 0:
                return image
        else:
            self.pdf.seek(page - 1)
            from .readers.image import resolution

            dpi = resolution(self.pdf)
            frame = self.pdf.convert("L")
            image = frame.resize((round(frame.width * 72 * SCALE / dpi),
                                  round(frame.height * 72 * SCALE / dpi)))
        gray = image.convert("L")
        return deskew(gray, skew_angle(np.asarray(gray) < OCR_DEFAULT.dark))

    def crop(self, page: int, bbox: list[float]) -> str:
        """The region (x0, top, x1, bottom in PDF points) of a 1-based page, padded."""
        if page not in self.pages:
            self.pages[page] = self.render(page)
        image = self.pages[page]
        x0, top, x1, bottom = bbox
        box = tuple(round(v * SCALE) for v in (max(0, x0 - PAD), max(0, top - PAD_ABOVE),
                                               x1 + PAD, bottom + PAD))
        buf = io.BytesIO()
        image.crop(box).save(buf, format="PNG", optimize=True)  # type: ignore[attr-defined]
        return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")

    def close(self) -> None:
        self.pdf.close()


# -- the page -------------------------------------------------------------------------------

def _where(prov: dict) -> str:
    if "line" in prov:
        return f"line {prov['line']}"
    parts = [f"{k} {prov[k]}" for k in ("table", "row", "cell", "paragraph") if k in prov]
    if "pages" in prov:
        parts.insert(0, ("pages " if len(prov["pages"]) > 1 else "page ")
                     + ", ".join(map(str, prov["pages"])))
    return ", ".join(parts)


def _key(prov: dict) -> str:
    return json.dumps(prov, sort_keys=True)


def _value(rec: dict, name: str) -> str:
    value = rec.get(name, "")
    return "; ".join(value) if isinstance(value, list) else str(value)


class Page:
    def __init__(self, item: ReviewInput):
        self.item = item
        self.data = item.data
        fmt = self.data["source"].get("format")
        self.pictures = Pictures(item.source, fmt) if item.source and _has_pages(fmt) else None
        self.texts = self._paragraph_texts()

    def _paragraph_texts(self) -> dict[str, str]:
        """Provenance -> the paragraph's text as the reader found it: from the source as read, or,
        for a source read by OCR, as X.json keeps it (`ocr.paragraphs`; X.json's records keep
        fields, not paragraphs)."""
        doc = self.item.document
        if doc is not None:
            return {_key(p.prov.to_dict()): p.text for p in doc.every_paragraph()}
        kept = self.data.get("ocr", {}).get("paragraphs", [])
        return {_key(p["provenance"]): p["text"] for p in kept}

    def _source_cell(self, provs: list[dict], words: list[str] | None = None) -> str:
        esc = html.escape
        if not provs:
            return "<span class=none>no paragraph in the source</span>"
        out = []
        for prov in provs:
            picture = ""
            if self.pictures is not None and prov.get("pages") and prov.get("bbox"):
                # a paragraph that goes on over a page break: one picture per page, in order
                boxes = prov.get("boxes") or [prov["bbox"]]
                for page, box in zip(prov["pages"], boxes):
                    uri = self.pictures.crop(page, box)
                    bbox = ",".join(f"{v:g}" for v in box)
                    picture += (f"<img class=crop src='{uri}' alt='the source region on page "
                                f"{page}' data-page='{page}' data-bbox='{bbox}'>")
            text = self.texts.get(_key(prov))
            said = f"<div class=text>{marked(text, words or [])}</div>" if text is not None else ""
            out.append(f"<div class=para>{picture}{said}<div class=prov>{esc(_where(prov))}</div>"
                       f"</div>")
        return "".join(out)

    def _row(self, rec: dict) -> str:
        esc = html.escape
        decisions = []
        for f in rec.get("flags", []):
            alt = f"<div class=alt>{esc(f['alternative'])}</div>" if f.get("alternative") else ""
            detail = f" — {esc(f['detail'])}" if f.get("detail") else ""
            low = " low" if f["confidence"] < DOUBTFUL else ""
            decisions.append(f"<li class='decision{low}'><b>{esc(f['flag'].replace('_', ' '))}</b> "
                             f"<span class=conf>confidence {f['confidence']:.2f}</span>"
                             f"{detail}{alt}</li>")
        fields = []
        doubted = doubted_words(rec)
        for name in FIELDS:
            provs = rec.get("provenance", {}).get(name, [])
            words = doubted.get(name, [])
            value = marked(_value(rec, name), words) or "—"
            fields.append(f"<tr data-field='{name}'><th scope=row>{name}</th>"
                          f"<td class=value>{value}</td>"
                          f"<td class=source>{self._source_cell(provs, words)}</td></tr>")
        ids = f"measure {esc(rec.get('measure_id') or '?')}"
        plain = "" if to_check(rec) else " plain"  # shown with every row only: nothing to check
        return (f"<article class='row{plain}' id='row-{rec['row']}' tabindex=0 "
                f"data-measure='{esc(rec.get('measure_id', ''))}' "
                f"data-confidence='{float(rec.get('confidence', 1.0)):.2f}'>"
                f"<h3>Row {rec['row']} · {ids} · confidence {rec['confidence']:.2f}</h3>"
                f"<p class=context>{esc(rec.get('objective_id', ''))} "
                f"{esc(rec.get('objective', ''))} › "
                f"{esc(rec.get('problem_id', ''))} {esc(rec.get('problem', ''))}</p>"
                f"<ul class=decisions>{''.join(decisions)}</ul>"
                f"<table class=fields><tr><th>field</th><th>extracted</th><th>source</th></tr>"
                f"{''.join(fields)}</table>"
                f"</article>")

    def render(self) -> str:
        """The whole page: the counts, the rows to check, what was not placed, the bodies the
        gazetteer does not know, the warnings, and the starter corrections file."""
        esc = html.escape
        data, src = self.data, self.data["source"]
        shown = rows_to_review(data["records"], self.item.every_row)
        s = summary(data, self.item.every_row)
        counts = "".join(f"<tr><th scope=row>{esc(k)}</th><td id='n-{k.replace(' ', '-')}'>{v}"
                         f"</td></tr>" for k, v in s.items() if k != "rows by flag")
        flags = ", ".join(f"{esc(k.replace('_', ' '))} {v}"
                          for k, v in s["rows by flag"].items()) or "none"
        nav = "".join(f"<li><a href='#row-{r['row']}'>{esc(r.get('measure_id') or str(r['row']))}"
                      f"</a></li>" for r in shown)
        rows = "".join(self._row(r) for r in shown) or "<p>No row needs a look.</p>"
        starter = starter_corrections(self.item)
        notes = "".join(f"<p class=note>{esc(n)}</p>" for n in self.item.notes)
        unplaced = self._unplaced()
        if self.pictures is not None:
            self.pictures.close()
        return PAGE.format(
            title=esc(f"Review: {src.get('file')}"), file=esc(str(src.get("file"))),
            fmt=esc(str(src.get("format"))), sha=esc(str(src.get("sha256"))),
            doc_title=esc(src.get("title") or ""), counts=counts, flags=flags, nav=nav,
            toggle=TOGGLE if self.item.every_row else "", rows=rows, unplaced=unplaced,
            unmatched=_unmatched(data), warnings=_warnings(data), notes=notes,
            starter_name=esc(starter_name(src.get("file", "annex"))),
            starter_uri="data:text/csv;charset=utf-8," + quote(starter), css=CSS, script=SCRIPT)

    def _unplaced(self) -> str:
        """The rows of the table of paragraphs no field took: text, why, where in the source."""
        esc = html.escape
        return "".join(f"<tr><td>{esc(u['text'])}</td><td>{esc(u['warning'])}</td>"
                       f"<td>{self._source_cell([u['provenance']])}</td></tr>"
                       for u in self.data.get("unplaced", [])) \
            or "<tr><td colspan=3>None.</td></tr>"


def _unmatched(data: dict) -> str:
    """The rows of the table of bodies the gazetteer does not know, each with the measures naming
    it."""
    esc = html.escape
    where: dict[str, list[str]] = {}
    for r in data["records"]:
        for name in r.get("agencies_unmatched", []):
            where.setdefault(name, []).append(r.get("measure_id") or str(r["row"]))
    return "".join(f"<tr><td>{esc(n)}</td><td>{esc(', '.join(where.get(n, [])))}</td></tr>"
                   for n in data.get("review", {}).get("unmatched_agencies", [])) \
        or "<tr><td colspan=2>None.</td></tr>"


def _warnings(data: dict) -> str:
    """The list of the extraction's warnings, each with where it points in the source."""
    esc = html.escape
    return "".join(f"<li>{esc(w['message'])} <span class=prov>"
                   f"{esc('; '.join(_where(p) for p in w['provenance']))}"
                   f"</span></li>" for w in data.get("warnings", [])) or "<li>None.</li>"


def starter_name(source_file: str) -> str:
    return f"{source_file}.corrections.csv"


def review_html(item: ReviewInput) -> str:
    return Page(item).render()


def write_review(item: ReviewInput, out_dir: str | Path) -> list[Path]:
    """X.review.html and X.corrections.csv (the starter), written together or not at all."""
    from .enums import Format
    from .writers import output_stem, write_files_atomically

    src = item.data["source"]
    try:
        fmt = Format(src.get("format", "text"))
    except ValueError:
        fmt = Format.TEXT
    stem = output_stem(str(src.get("file") or "annex"), fmt)
    return write_files_atomically({f"{stem}.review.html": review_html(item),
                                   f"{stem}.corrections.csv": starter_corrections(item)},
                                  Path(out_dir))


def starter_corrections(item: ReviewInput) -> str:
    records = item.data["records"]
    src = item.data["source"]
    shown = {r["row"] for r in rows_to_review(records, item.every_row)}
    return starter_csv(records, shown, src.get("sha256", ""), src.get("file", ""),
                       STARTER_FIELDS)


CSS = """
:root{--ink:#1b1b1b;--mute:#555;--line:#ccc;--warn:#a11;--accent:#0b57d0}
*{box-sizing:border-box}
body{font:15px/1.45 system-ui,sans-serif;color:var(--ink);margin:0 auto;max-width:1240px;\
padding:1.2rem}
h1{font-size:1.35rem;margin:.2rem 0} \
h2{font-size:1.15rem;margin-top:2rem;border-bottom:2px solid var(--line)}
h3{font-size:1.02rem;margin:.2rem 0} .meta,.prov,.context,.note{color:var(--mute);font-size:.88rem}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3;font-weight:600} table.counts{width:auto} \
table.counts td{text-align:right;min-width:4rem}
nav ol{display:flex;flex-wrap:wrap;gap:.3rem .8rem;list-style:none;padding:0} \
nav a{color:var(--accent)}
article.row{border:1px solid var(--line);border-radius:6px;padding:.7rem .9rem;margin:1rem 0}
article.row:focus{outline:3px solid var(--accent);outline-offset:2px}
ul.decisions{padding-left:1.1rem;margin:.4rem 0} .decision.low b{color:var(--warn)} \
.conf{color:var(--mute)}
.alt{color:#7a4b00;font-size:.9rem} table.fields th[scope=row]{width:7rem}
td.value{width:34%;white-space:pre-wrap} \
.text{white-space:pre-wrap;background:#fafafa;padding:.15rem .3rem}
img.crop{display:block;max-width:100%;border:1px solid #ddd;margin:.2rem 0}
.para+.para{margin-top:.4rem} .none{color:var(--warn)} .keys{color:var(--mute);font-size:.85rem}
mark.ocr{background:#ffd54f;outline:1px solid #a66f00} body.only-check article.plain{display:none}
a.button{display:inline-block;padding:.3rem .7rem;border:1px solid var(--accent);border-radius:4px;\
color:var(--accent);
text-decoration:none}
@media print{nav,.keys,a.button{display:none} body{max-width:none;padding:0} \
article.row{break-inside:avoid}
img.crop{max-width:60%}}
"""

SCRIPT = """
document.addEventListener('keydown', function (e) {
  if (e.target.tagName === 'INPUT' || e.altKey || e.ctrlKey || e.metaKey) return;
  if (e.key !== 'j' && e.key !== 'k') return;
  var rows = Array.prototype.slice.call(document.querySelectorAll('article.row'));
  if (!rows.length) return;
  var at = rows.indexOf(document.activeElement);
  var next = e.key === 'j' ? Math.min(at + 1, rows.length - 1) : Math.max(at - 1, 0);
  rows[next].focus(); rows[next].scrollIntoView({block: 'start'});
  e.preventDefault();
});
"""

# every row shown (`every_row`): a switch to the rows with something to check, and back
TOGGLE = ("<p><label><input type=checkbox id=only-check "
          "onchange=\"document.body.classList.toggle('only-check', this.checked)\"> "
          "only the rows with a flag or a confidence below 1</label></p>")

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">\
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title><style>{css}</style></head>
<body>
<header><h1>{title}</h1><div class=meta>{doc_title}<br>format {fmt} · sha256 {sha}</div>\
{notes}</header>
<section id=summary><h2>Summary</h2>
<table class=counts>{counts}</table>
<p>Flags: {flags}</p>
<p><a class=button id=starter href="{starter_uri}" download="{starter_name}">\
Download a starter corrections file</a>
<span class=note>one line per field of each row below, value = original: edit the value, add a \
note, and pass it
to <code>annex extract --corrections</code>.</span></p></section>
<nav aria-label="rows to check"><h2>Rows to check</h2>\
<p class=keys>Keys: j next row, k previous row, Tab through the page.</p>
{toggle}<ol>{nav}</ol></nav>
<main id=rows>{rows}</main>
<section id=unplaced><h2>Paragraphs not placed</h2>
<table><tr><th>text</th><th>why</th><th>where</th></tr>{unplaced}</table></section>
<section id=unmatched><h2>Agency names not in the gazetteer</h2>
<table><tr><th>name as written</th><th>measures</th></tr>{unmatched}</table></section>
<section id=warnings><h2>Warnings</h2><ul>{warnings}</ul></section>
<script>{script}</script>
</body></html>
"""
