"""Print the 2006 annex's web page (raw/annex_en.html) to PDF with the producers a user meets
(issue 38), into tests/fixtures/producer-<producer>-annex_en.pdf:

* chromium      headless Chromium's "Save as PDF", without the browser's header and footer
* chromium-hf   the same with them (date, title, the page's address, `1/15`)
* weasyprint    WeasyPrint with the page's presentational hints (`border`, `valign`) on A4
                landscape; without the hints it draws no rules, and on a portrait page the
                table runs off the page's right edge (a viewer shows the last column cut off)
* weasyprint-default  WeasyPrint as `weasyprint page.html out.pdf` runs it: no hints (no rules,
                every cell set in the middle of its row), A4 portrait (the last column off the
                page, its text still in the text layer); an objective's row runs over up to five
                pages, each column's text set in the middle of each page's piece of the row
* wkhtmltopdf   wkhtmltopdf (Qt WebKit)
* word-like     the Word file (raw/annex_en.docx) as Word exports it (`tests/word_like.py`: CID
                fonts, glyph runs with kerning and no space character, borders as thin filled
                rectangles, rows broken over pages); needs no program but fpdf2

A producer that is not installed is skipped with a message.  The files are committed: the
tests read them and need no producer.  `python scripts/make_producer_fixtures.py [NAME ...]`

`python scripts/make_producer_fixtures.py --family [NAME ...]` prints the family's plans listed in
`FAMILY` (producer, language, seed) by their producers (`tests/producers.py`) into
tests/fixtures/family/<producer>-<lang>-<seed>.pdf: `tests/test_producers_family.py` reads them.
Remake them when the family's drawing changes (a plan is redrawn from its seed).
"""
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.producers import COMMANDS, weasyprint  # noqa: E402  (the repository's root first on the path)

SOURCE = ROOT / "raw" / "annex_en.html"
FIXTURES = ROOT / "tests" / "fixtures"


def word_like(src: Path, out: Path) -> None:
    """The annex's Word file, its paragraphs before the table and its table's cells, drawn by
    `tests/word_like.py`."""
    from docx import Document

    sys.path.insert(0, str(ROOT))
    from tests.plan_family import GCell
    from tests.word_like import grid_pdf

    doc = Document(str(src.with_suffix(".docx")))
    table = doc.tables[0]
    cells = [[GCell([p.text for p in cell.paragraphs]) for cell in row.cells] for row in table.rows]
    header = [" ".join(cell.paragraphs) for cell in cells[0]]
    grid_pdf(out, [p.text for p in doc.paragraphs if p.text.strip()], header, list(cells[1:]),
             [float(column.width or 1) for column in table.columns])


# the programs' command lines are the family report's (`tests/producers.py`)
PRODUCERS = {name: COMMANDS[name] for name in ("chromium", "chromium-hf", "weasyprint", "wkhtmltopdf")}
PRODUCERS["weasyprint-default"] = lambda src, out: weasyprint(src, out, hints=False, landscape=False)
DRAWN = {"word-like": word_like}  # drawn here, by no program


# one plan per language for each producer, and the plans that found a reader's faults (issue 38)
FAMILY = [(producer, lang, 0) for producer in ("chromium", "wkhtmltopdf", "weasyprint", "word-like")
          for lang in ("en", "ru", "tg")]
FAMILY += [("chromium-hf", "en", 0), ("chromium", "ru", 108), ("chromium", "en", 9), ("weasyprint-plain", "en", 0),
           ("chromium", "tg", 3), ("chromium", "en", 2), ("chromium", "en", 4), ("wkhtmltopdf", "en", 2),
           ("wkhtmltopdf", "tg", 6), ("wkhtmltopdf", "tg", 2), ("wkhtmltopdf", "ru", 3), ("weasyprint", "en", 2),
           ("weasyprint", "ru", 6)]
# WeasyPrint's cells spanning rows over a page break, and its plans wrong rows were sure of (issue 39)
FAMILY += [("weasyprint", "ru", 3), ("weasyprint", "tg", 2), ("weasyprint", "en", 4),
           ("weasyprint-plain", "en", 1), ("weasyprint-plain", "ru", 3)]
# WeasyPrint's default print: a header cell and an objective cell taller than their rows' other
# cells, set in the middle of the rows they span (a paragraph was lost; a column unnamed)
FAMILY += [("weasyprint-plain", "tg", 3), ("weasyprint-plain", "tg", 0), ("weasyprint-plain", "ru", 2)]
# WeasyPrint's default print: a narrow `№` column with one number on the first page (read into
# the goals' column, the numbers glued to the goals' text)
FAMILY += [("weasyprint-plain", "en", 4), ("weasyprint-plain", "ru", 4)]
# WeasyPrint's default print: a section title whose words part where a column starts
FAMILY += [("weasyprint-plain", "en", 9)]
# WeasyPrint's default print: a page opening with a section's titles above the table going on
FAMILY += [("weasyprint-plain", "tg", 9)]
# paragraph margins beside the empty paragraphs between the measures' lists
FAMILY += [("chromium", "en", 5), ("weasyprint", "en", 5)]
# a problem's title across the table at a page's foot, its measures on the next page
FAMILY += [("weasyprint", "tg", 9)]
# a step's first line moved to the next page, its deadline left on this one
FAMILY += [("weasyprint", "tg", 4)]
# a cell's phrase cut by the page break, run on past the rule into the next row
FAMILY += [("chromium-hf", "en", 4)]
# WeasyPrint's default print: a problem's cell beside its second measure, not its first
FAMILY += [("weasyprint-plain", "en", 6)]
# WeasyPrint's default print: a narrow `№` column beside a column of few lines whose word spaces
# stand one above the other; a tall cell's first and last paragraphs alone above and below its row
FAMILY += [("weasyprint-plain", "en", 8), ("weasyprint-plain", "tg", 7)]
# WeasyPrint's default print: a table's last row alone on a page, a tall cell beside short ones
# (the page's piece goes on in the middle of its rows, as the page before's did)
FAMILY += [("weasyprint-plain", "ru", 8)]
# WeasyPrint's default print: one row per objective, each cell a list of the measures' items set
# apart by empty paragraphs, over a page break (a gap across by chance cut the row; a short
# row's cells on the next page stood further below the tall row's text than a table's end)
FAMILY += [("weasyprint-plain", "en", 5), ("weasyprint-plain", "ru", 5)]


def family(only: set[str] | None = None) -> None:
    """The fixtures of `FAMILY` (`only`: those of these names, `chromium-en-2`)."""
    from tests.producers import make

    folder = FIXTURES / "family"
    folder.mkdir(exist_ok=True)
    for producer, lang, seed in FAMILY:
        if only and f"{producer}-{lang}-{seed}" not in only:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            made = make(producer, seed, lang, Path(tmp))
            if made is None:
                print(f"{producer}: not installed, skipped", file=sys.stderr)
                continue
            out = folder / f"{producer}-{lang}-{seed}.pdf"
            shutil.copyfile(made, out)
            print(f"{out.relative_to(ROOT)}: {out.stat().st_size // 1024} KB")


def main(names: list[str]) -> None:
    if names[:1] == ["--family"]:
        family(set(names[1:]) or None)
        return
    for name in names or [*PRODUCERS, *DRAWN]:
        out = FIXTURES / f"producer-{name}-annex_en.pdf"
        if name in DRAWN:
            DRAWN[name](SOURCE, out)
            print(f"{out.relative_to(ROOT)}: {out.stat().st_size // 1024} KB")
            continue
        command = PRODUCERS[name](SOURCE, out)
        if command is None:
            print(f"{name}: not installed, skipped", file=sys.stderr)
            continue
        subprocess.run(command, check=True, capture_output=True, timeout=300)
        print(f"{out.relative_to(ROOT)}: {out.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main(sys.argv[1:])
