"""PDFs drawn as Word exports them (issue 38), from any table `plan_family.GridPdf` lays out.

What Word's "Save as PDF" writes, and fpdf2 (the family's other PDF) does not:

* a cell's borders as thin filled rectangles (`re f`), each cell's four drawn on their own, so
  that neighbours' borders overlap; the header row's cells shaded grey;
* text in a CID font (Type0, Identity-H, two bytes a glyph) with a ToUnicode map (fpdf2 embeds
  a TrueType font so), placed in glyph runs (`TJ` arrays) with kerning between letters (small
  numbers, some of them Word's rounding of its own positions);
* no space character anywhere: the words of a line part by a number in the `TJ` array as wide
  as a space, or each word is a run of its own moved to its place (`Td`), line by line in turn.
  A reader that waits for a space glyph runs every word of the page together.

`render(plan, path, layout, style)` draws a family plan so; `grid_pdf(...)` any table of
`plan_family.GCell`s (the 2006 annex's fixture: `scripts/make_producer_fixtures.py`).
"""
from __future__ import annotations

import re
import zlib
from pathlib import Path

from tests.plan_family import GCell, GridPdf, Plan, render_pdf

BORDER = 0.5  # points: a border's width, as Word's `½ pt` single line
SHADE = 0.851  # the header's grey (Word's "White, Background 1, Darker 15%")
# pairs a font kerns (thousandths of an em; a negative number in a TJ array moves the next glyph on)
KERNING = {("T", "o"): 74, ("T", "a"): 74, ("T", "e"): 70, ("V", "a"): 55, ("W", "a"): 40, ("Y", "o"): 80,
           ("P", "a"): 30, ("r", "."): 40, ("r", ","): 40, ("f", "o"): 15, ("y", "."): 55, ("A", "V"): 80,
           ("Г", "о"): 70, ("Г", "а"): 70, ("Т", "о"): 60, ("Т", "а"): 55, ("У", "ч"): 40, ("Р", "а"): 30}


def _rounding(a: str, b: str) -> int:
    """Word's rounding of its own glyph positions: a unit or two either way, by the pair."""
    return (zlib.crc32(f"{a}{b}".encode()) % 5) - 2


def kern(a: str, b: str) -> int:
    """The TJ number between two glyphs of a word (positive: the next glyph drawn closer)."""
    return KERNING.get((a, b), 0) + _rounding(a, b)


def _pieces(line: str) -> list[str]:
    """A line's words and the white between them (spaces, no-break spaces), in turn."""
    return [p for p in re.split(r"(\s+)", line) if p]


class WordLikePdf(GridPdf):
    """`GridPdf`'s layout, drawn as Word draws it (see the module's docstring)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.font = self.pdf.current_font
        self.drawn = 0  # lines drawn: every other one places each word by a move of its own

    def _code(self, char: str) -> str:
        return f"{self.font.subset.pick(ord(char)):04X}"

    def _advance(self, char: str) -> float:
        """A glyph's advance in thousandths of an em."""
        return float(self.font.cw[ord(char)])

    def _word_units(self, word: str) -> float:
        """A word's width in thousandths of an em, its kerning taken off."""
        return sum(self._advance(c) for c in word) - sum(kern(a, b) for a, b in zip(word, word[1:]))

    def width(self, text: str) -> float:
        return sum(self._word_units(w) if w.strip() else self._advance(" ") * len(w) for w in _pieces(text)) \
            * self.size / 1000.0

    def _run(self, word: str) -> str:
        """A word's glyph run: hex strings, split where a kerning number stands between two glyphs."""
        parts, chunk = [], self._code(word[0])
        for a, b in zip(word, word[1:]):
            k = kern(a, b)
            if k:
                parts += [f"<{chunk}>", str(k)]
                chunk = ""
            chunk += self._code(b)
        return " ".join(parts + [f"<{chunk}>"])

    def text(self, x: float, baseline: float, line: str) -> None:
        pieces = _pieces(line)
        if not any(p.strip() for p in pieces):
            return
        tf = self.pdf._set_font_for_page(self.font, self.size, wrap_in_text_object=False)
        y = self.pdf.h - baseline
        space = self._advance(" ")
        if self.drawn % 2 == 0:  # one run for the line, the words parted by as many spaces' widths
            body = "[" + " ".join(self._run(p) if p.strip() else f"{-space * len(p):.0f}" for p in pieces) + "] TJ"
        else:  # each word moved to its place
            moves, at = [], space * (len(pieces[0]) if not pieces[0].strip() else 0)
            for p in pieces:
                if p.strip():
                    moves.append(f"{at * self.size / 1000.0:.3f} 0 Td [{self._run(p)}] TJ")
                    at = self._word_units(p)
                else:
                    at += space * len(p)
            body = " ".join(moves)
        self.drawn += 1
        self.pdf._out(f"BT {tf} 0 g 1 0 0 1 {x:.3f} {y:.3f} Tm {body} ET")

    def box(self, x: float, y: float, w: float, h: float, header: bool = False) -> None:
        top = self.pdf.h - y  # PDF space: y up
        if header:
            self.pdf._out(f"{SHADE} g {x:.3f} {top - h:.3f} {w:.3f} {h:.3f} re f")
        t, half = BORDER, BORDER / 2
        sides = [(x - half, top - half, w + t, t), (x - half, top - h - half, w + t, t),  # top, bottom
                 (x - half, top - h - half, t, h + t), (x + w - half, top - h - half, t, h + t)]  # left, right
        self.pdf._out("0 g " + " ".join(f"{a:.3f} {b:.3f} {c:.3f} {d:.3f} re f" for a, b, c, d in sides))


def render(plan: Plan, path: Path, layout: str, style: str = "spaced") -> Path:
    """The family's plan as Word exports it: `plan_family.render_pdf`'s page, drawn so."""
    return render_pdf(plan, path, layout, style, maker=WordLikePdf)


def grid_pdf(path: Path, before: list[str], header: list[str], rows: list[list[GCell | None]],
             weights: list[float], split_rows: bool = True) -> Path:
    """Any table (paragraphs `before` it) as Word exports it; rows broken over pages."""
    pdf = WordLikePdf(gap=2.0, split_rows=split_rows)
    pdf.paragraphs(before)
    pdf.table(header, rows, weights)
    pdf.save(path)
    return path
