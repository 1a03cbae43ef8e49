"""One normal form for the text every reader hands on (`normalize_document`, called by `read`).

* Unicode NFC: a letter and its combining mark as the one letter they make (Tajik `ӣ` typed as
  `и` + U+0304, as macOS and some editors write it).
* Invisible format characters dropped: soft hyphens, zero-width spaces and joiners, the word
  joiner, bidi marks, embeddings, overrides and isolates, byte-order marks inside the text.
  A viewer shows none of them; copied from a browser or saved by an editor, they cut words
  and numbers (`1.1.\\u200b1.`).  They are counted in one document warning.  (A soft hyphen at
  a PDF line end is a hyphenation the PDF reader has already joined; here only the character
  goes.)
* A form feed, vertical tab or line separator is a line end inside its paragraph (`\\n`, as
  a `<br>` is); at a paragraph's edges it is nothing.
* A private-use character of a symbol font (Word's list bullets in Symbol and Wingdings, which
  a PDF's text layer and a Word file keep as U+F0B7, U+F0A7, ...) is the mark it shows (`•`,
  `▪`: `data/symbol_marks.csv`).
* A U+0000 (a PDF font's ToUnicode map that lost a letter, and no glyph name to say which) is a
  letter lost: U+FFFD (`model.LOST_LETTER`), as a decoder shows bytes it cannot read, so that
  no NUL reaches an output and the fields holding one are flagged (`letters_lost`).

Everything else stays as the source has it: compatibility forms (a fullwidth `１．`, a no-break
space) are kept, and read as what they stand for where it matters (`normalize.numbering`).
A paragraph's `breaks` (PDF) are carried to their places in the new text.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace

from ..data import builtin
from ..model import LOST_LETTER, Document, Paragraph, Provenance, Warning_

FORMAT_CHARACTERS = {
    "\u00ad": "soft hyphen",
    "\u061c": "Arabic letter mark",
    "\u180e": "Mongolian vowel separator",
    "\u200b": "zero-width space",
    "\u200c": "zero-width non-joiner",
    "\u200d": "zero-width joiner",
    "\u200e": "left-to-right mark",
    "\u200f": "right-to-left mark",
    "\u202a": "left-to-right embedding",
    "\u202b": "right-to-left embedding",
    "\u202c": "pop directional formatting",
    "\u202d": "left-to-right override",
    "\u202e": "right-to-left override",
    "\u2060": "word joiner",
    "\u2061": "function application",
    "\u2062": "invisible times",
    "\u2063": "invisible separator",
    "\u2064": "invisible plus",
    "\u2066": "left-to-right isolate",
    "\u2067": "right-to-left isolate",
    "\u2068": "first strong isolate",
    "\u2069": "pop directional isolate",
    "\ufeff": "byte-order mark",
}
LINE_ENDS = "\f\v\u2028"  # line ends inside a paragraph
NUL = "\x00"  # a letter a PDF font's ToUnicode map lost
# the marks symbol fonts' private-use characters show
SYMBOL_MARKS = {chr(int(r["code"], 16)): r["mark"]
                for r in builtin("symbol_marks.csv", ("code", "mark"))}
_DROP = str.maketrans({**dict.fromkeys(FORMAT_CHARACTERS, None), **dict.fromkeys(LINE_ENDS, "\n"),
                       NUL: LOST_LETTER, **SYMBOL_MARKS})
SHOWN_PLACES = 10  # paragraphs a warning names


@dataclass
class Tally:
    """What the normal form changed in a document."""

    dropped: Counter = field(default_factory=Counter)  # format character -> how many
    places: list[Provenance] = field(default_factory=list)  # paragraphs that lost some
    composed: int = 0  # paragraphs brought to NFC

    def warnings(self) -> list[Warning_]:
        out = []
        if self.dropped:
            kinds = ", ".join(
                f"{n} {FORMAT_CHARACTERS[c]} (U+{ord(c):04X})"
                for c, n in self.dropped.most_common()
            )
            out.append(
                Warning_(
                    f"dropped {sum(self.dropped.values())} invisible format character(s) in "
                    f"{len(self.places)} paragraph(s): {kinds}",
                    self.places[:SHOWN_PLACES],
                )
            )
        if self.composed:
            out.append(
                Warning_(
                    f"{self.composed} paragraph(s) in decomposed Unicode (NFD) read composed (NFC)"
                )
            )
        return out


def normal_text(text: str, tally: Tally | None = None) -> str:
    """A piece of text in the normal form (the module's text); `tally` counts what it dropped."""
    if text.isascii() and not any(c in text for c in LINE_ENDS + NUL):
        return text
    if tally is not None:
        tally.dropped.update(c for c in text if c in FORMAT_CHARACTERS)
    return unicodedata.normalize("NFC", text.translate(_DROP))


def normal_paragraph(p: Paragraph, tally: Tally) -> Paragraph:
    """`p` in the normal form, its `breaks` where its lines now start."""
    cuts = [0, *p.breaks, len(p.text)]
    pieces = [normal_text(p.text[a:b], tally) for a, b in zip(cuts, cuts[1:])]
    pieces[0] = pieces[0].lstrip("\n")
    pieces[-1] = pieces[-1].rstrip("\n")
    text = "".join(pieces)
    if text == p.text:
        return p
    if any(c in FORMAT_CHARACTERS for c in p.text):
        tally.places.append(p.prov)
    if not unicodedata.is_normalized("NFC", p.text.translate(_DROP)):
        tally.composed += 1
    starts = [sum(map(len, pieces[:k])) for k in range(1, len(pieces))]
    return replace(p, text=text, breaks=tuple(s for s in starts if 0 < s < len(text)))


def normalize_document(doc: Document) -> None:
    """Every paragraph of `doc` (body and cells) and every word OCR read in the normal form, and
    one warning for what was dropped from the paragraphs.  A paragraph met again (a merged cell's
    placeholders repeat it) is done once."""
    tally = Tally()
    done: dict[int, tuple[Paragraph, Paragraph]] = {}  # id of a paragraph -> (it, its normal form)

    def normal(paragraphs: list[Paragraph]) -> None:
        for k, p in enumerate(paragraphs):
            if id(p) not in done:
                done[id(p)] = (p, normal_paragraph(p, tally))
            paragraphs[k] = done[id(p)][1]

    normal(doc.paragraphs)
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                normal(cell.paragraphs)
    doc.ocr_words = {page: [replace(w, text=normal_text(w.text)) for w in words]
                     for page, words in doc.ocr_words.items()}
    doc.warnings.extend(tally.warnings())
