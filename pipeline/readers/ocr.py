"""OCR of a page image: the words and ruling lines the PDF reader's stages take.

A scanned page has no characters and no vector lines, only pixels.  This module turns the
pixels into what `readers.pdf` reads from a text layer, so the grid, line, paragraph and
page-join stages are the same code for both:

1. **light** (`flatten_light`): where the paper's brightness varies across the page (a photo
   under a lamp), each pixel is divided by the brightness around it; a scan's even paper is left;
2. **perspective** (`straighten`): where the table's outer rule is a quadrilateral that is no
   rectangle (a phone held not quite square), the perspective that maps its corners to a
   rectangle is undone; a rectangle, turned or not, is left to the deskew;
3. **deskew** (`quarter_turn`, `skew_angle`, `deskew`): a page whose ink lines up down about
   as sharply as across may be printed sideways (a landscape table on a portrait page): Tesseract's
   orientation detection (`osd`) says which way, and where it is sure the page is turned
   upright first; then the angle, within +/- `max_skew` degrees (`OcrSettings`),
   at which the rows of dark pixels line up best (the horizontal projection is sharpest), found
   coarse then to 0.05 degrees; the page is turned back by it;
4. **dust** (`despeckle`): blots of ink far smaller than the page's own print (under a fifth of
   its letters' height across) are painted out;
5. **ruling lines** (`ruling_lines`): runs of dark pixels longer than `min_rule` points, across
   and down, a pixel of slack for a line a scan left ragged (a shorter stroke down from
   `min_cell_rule` where it meets a rule across at both ends), the pieces of a rule a scanner
   drew slanted standing at one position (`one_line_each`); they become the PDF reader's
   `edges`, and are painted out so that Tesseract does not read them as `|` or `_`;
6. **back page** (`clear_paper`): grey lighter than the page's own ink and away from any ink
   (the back page showing through, a tint) is made paper;
7. **regions** (`text_regions`): the page outside the table, then each column of the table,
   then each band of a row where a cell spans columns, read across them;
8. **words** (`words`): Tesseract (through pytesseract) reads each region, the page with
   `--psm 3`, a column with `--psm 4` (and `--psm 6` too where that leaves ink unread,
   `UNREAD_INK`); from its hOCR each word is one PDF "character" whose text
   ends with a space (so the line builder spaces words and measures the first word as it does
   for a text layer), standing on its line's baseline (`_stand_on_baselines`); a word below
   `low_confidence` is kept, and carries its confidence so that the fields holding it are
   flagged `ocr_doubt`; so is a word with a dash or a mark between its letters (`теле-и`), which
   the lexicon of the language judges later (`lexical.Lexicon.doubt`).  Where no language is
   named, the first scanned page is read in each installed one and the most confident kept
   (`read_page`); the other pages in that one.

A picture of two grey levels (a 1-bit scan, a fax) is smoothed before all this
(`smooth_bilevel`).  Coordinates are PDF points (1/72 inch) of the deskewed page.
The words of each page are kept
(`OcrSession.words`, then `Document.ocr_words`): X.json carries them, so nothing needs a second
OCR.  pytesseract drives the
`tesseract` program (Debian: tesseract-ocr, tesseract-ocr-eng, -rus, -tgk): no
compiler and no binding to a particular libtesseract, where tesserocr needs both.
"""
from __future__ import annotations

import os
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..enums import TESSERACT_KIN, TESSERACT_MODELS
from ..errors import DocumentLoadError
from ..model import Provenance, Warning_, Word
from .options import OCR_DEFAULT, OcrSettings

# a mark of punctuation glued before a word's first letter or digit: print never sets one
# there, dust read as a full stop or a quote does (`.2.1.2.`, `'identified`); an opening quote
# `‘` print does set
STRAY_MARK = re.compile(r"^[.,'’`´]+(?=\w)")
# ... but an opening quote (`‘`, `“`, the Russian `„`) print does set: kept where Tesseract is
# sure of the word (real ones read at 94-96, specks read as one at 20-67, on the office scans of
# the raw PDFs; a speck before a line's first word read as `„` at 93, on a scanned family plan:
# its paragraph's `unpaired_quotes` then leave it out).  Not `«`: a Russian quote that opens in
# one paragraph of a scan may close in the next (`«горячих / линий»`)
OPENING_QUOTE = re.compile(r"^[‘“„]+(?=\w)")
# an opening quote at a word's start, and what closes one (`unpaired_quotes`)
OPEN_QUOTE = re.compile(r"(?<!\S)[‘“„](?=\w)")
CLOSE_QUOTE = re.compile(r"[”\"»]|(?<=\w)“(?!\w)|’(?!\w)")
# a word of letters with a full stop glued after it (`_stop_before_lower`)
STOP_AFTER_WORD = re.compile(r"^[^\W\d_]{3,}\.$")
# a closing quote glued after a word, and what opens one, straight quotes too (`unopened_quotes`)
CLOSING_GLUED = re.compile(r"(?<=\w)[”\"»](?!\w)")
OPENER = re.compile(r"(?<!\S)[‘“„«\"](?=\w)")
# a dash glued before a word's first letter in the middle of a line (`Ministry of -Economy`): print
# sets a dash there apart, or after a word (`anti-`); a speck read as one is glued on.  Not at a
# line's start (`-дар байни`: an item's dash), nor before a digit (`2006 -2010`)
DASH_GLUED = re.compile(r"^[-–—]+(?=[^\W\d_])")
# one full stop, quote or low line standing alone between words: print glues such a mark to a word
# (`of.`, `‘and`), dust read as one stands apart (`. Status`, `TV ‘ and`,
# `безопасности, _ Министерство`); not a comma, which copied text does set apart
# (`Ministry of Health , Ministry of Justice`)
MARK_ALONE = re.compile(r"^[.‚‘’'`´_¸]$")
SURE_QUOTE = 85.0
# em: a letter's advance reaches this far beyond its ink on each side (about 0.1 em in all, as the
# raw PDFs' words measured by their text layer and by OCR of their scans differ)
SIDE_BEARING = 0.05
# a column reading that leaves more than this share of the column's ink outside its words'
# boxes missed a block: the column is read as one block of text too, and the surer kept (specks
# and a rule's remains outside words are a few hundredths)
UNREAD_INK = 0.15
# inches: a table column narrower than this holds
# short lines (`№`), which a column analysis may miss
NARROW = 1.0
# `3.1!4.`, `3.1:4.`: in an item's number (digits parted by full stops), a full stop with a speck
# beside it; a time (`10:30`) has no full stop and is left alone; `3,3.` at a line's start (a `№`
# cell's: a decimal comma closes no line's first word with a full stop)
NUMBER_WITH_SPECK = re.compile(r"^\d{1,3}(?:[.:!,]\d{1,3})+[.:]?$")
# grey levels between the paper's darkest and brightest twentieth: light to even out
UNEVEN_LIGHT = 24
# opposite sides of the table's outer rule differing by this share: a perspective to undo
NOT_SQUARE = 0.004
NOT_SQUARE_DEGREES = 0.3  # ... or a corner of it this far from a right angle
# a Roman number's label read with Cyrillic look-alikes (`І.`, `ХІ.`: Tesseract's `tgk` and `rus`
# read the Latin capitals of a section's `I.` so), with the Latin letters print set
CYRILLIC_ROMAN = re.compile(r"^(?=[IVXІХ]*[ІХ])[IVXІХ]{1,6}[.)]$")
ROMAN_LETTERS = str.maketrans("ІХ", "IX")
# what Tesseract reads, with no letter, for a sans serif's Roman `I`, `II`, `III` (`!` and `|` at
# 0, `1`; a reading with letters, `Il`, is left to the words' grammar: `Il` is Italian), and what
# tells their ink for plain bars: each at least this share of the tallest's height, at most this
# share of its height across, and its box this full of ink (a `1`'s flag, a `!`'s dot are not)
BAR_READING = re.compile(r"^[!|\\/1]{1,3}$")
BAR_HEIGHT, BAR_WIDTH, BAR_FILL = 0.9, 0.3, 0.75
DASHES = ("-", "–", "—")
# a bullet `•` opening a line, which Tesseract reads as a mark (`.`, `*`, `“`, `»`, at 16-92): its
# ink a round blot about a third of the text size across (0.2-0.45), lifted off the baseline
# (its foot at least 0.1 of the size above it, a full stop's on it) and below the capitals'
# height (its top under 0.7 of the size, a quote's above), and filled (a bullet's disc fills
# about 0.78 of its box, an asterisk's or a quote's strokes under half)
BULLET = "•"
BULLET_SIZE = (0.2, 0.45)
BULLET_LIFT, BULLET_TOP, BULLET_FILL = 0.1, 0.7, 0.6
# a figure's height in text sizes (lining figures stand as tall as capitals: 0.70-0.73 in
# Helvetica, DejaVu Sans, Times); and a dash between two digits of one word (`2018-2018`)
FIGURE = 0.7
GLUED_DASH = re.compile(r"(?<=\d)[-–—](?=\d)")
WORDLIKE = re.compile(r"[^\W_]")  # a letter or a digit (a low line `_` is a mark)
# a dash alone this long, in text sizes, or longer, is an en (em) dash
EN_DASH, EM_DASH = 0.33, 0.75
PUNCTUATION = tuple(",.;:")
# a blot of ink under this share of the letters' height across (and in area) is dust, not print
SPECK = 0.2
# a page picture larger than this is refused before its pixels are made or read
MAX_PIXELS = 100_000_000
LANGUAGES = TESSERACT_MODELS  # our language codes -> Tesseract's
# a dash or a mark between two letters or digits of one word: a mark glued where print sets a space
# (`теле-и` for `теле- и`), or a misread letter (`Mmistry,of`); a hyphenated word too
# (`e-government`), which the language's lexicon clears (`lexical.Lexicon.shape_doubt`)
INNER_MARK = re.compile(r"[^\W_][-\u2010-\u2015.,;:][^\W_]")


@dataclass
class OcrPage:
    chars: list[dict]  # one per word, in the PDF reader's character form
    edges: list[dict]  # ruling lines, in pdfplumber's edge form
    skew: float  # degrees the page was turned back by
    language: str  # Tesseract's code
    mean_confidence: float
    turn: int = 0  # degrees clockwise a page printed sideways was set upright by (`quarter_turn`)


def missing() -> str | None:
    """Why OCR cannot run here, or None when it can."""
    try:
        import pytesseract
    except ImportError:
        return "the Python package pytesseract is not installed (pip install pytesseract)"
    try:
        pytesseract.get_tesseract_version()
    except (pytesseract.TesseractNotFoundError, OSError):
        return ("Tesseract is not installed; install it to read scans (Debian/Ubuntu: "
                "apt-get install tesseract-ocr tesseract-ocr-eng tesseract-ocr-rus)")
    return None


@lru_cache(maxsize=1)
def installed_languages() -> frozenset[str]:
    """Tesseract's installed languages (asked once: it starts a process)."""
    import pytesseract

    return frozenset(pytesseract.get_languages(config=""))


# -- 1. deskew ------------------------------------------------------------------------------

def skew_angle(ink: np.ndarray, step: float = 0.05,
               max_skew: float = OCR_DEFAULT.max_skew) -> float:
    """Degrees (counter-clockwise positive, as PIL's `rotate`) that make the ink's rows level."""
    ys, xs = np.nonzero(ink)
    if len(ys) < 100:
        return 0.0
    if len(ys) > 200_000:  # a sample is as good and keeps this fast
        pick = np.random.default_rng(0).choice(len(ys), 200_000, replace=False)
        ys, xs = ys[pick], xs[pick]
    height = ink.shape[0]

    def sharpness(angle: float) -> float:
        # where each ink pixel lands, vertically, once the page is turned by `angle`
        a = np.deg2rad(angle)
        rows = np.round(ys * np.cos(a) + xs * np.sin(a)).astype(np.int64)
        counts = np.bincount(rows - rows.min(), minlength=1)
        return float(np.sum(counts.astype(np.float64) ** 2)) / height

    coarse = np.arange(-max_skew, max_skew + 1e-9, 0.25)
    best = float(coarse[int(np.argmax([sharpness(a) for a in coarse]))])
    fine = np.arange(best - 0.25, best + 0.25 + 1e-9, step)
    return round(float(fine[int(np.argmax([sharpness(a) for a in fine]))]), 2)


# ink lining up at least this share as sharply down as across: maybe turned 90°, OSD says (asked
# only of a page read below low_confidence; a sideways page whose table is ruled close down
# lines up about as sharply both ways: 0.96-0.97 on the Belarus ministry's scan, pages 9 and 11)
SIDEWAYS = 0.8
OSD_SURE = 2.0  # Tesseract's orientation confidence a quarter turn needs


def _profile_sharpness(ink: np.ndarray, axis: int) -> float:
    """How sharply the ink lines up across (axis 1: rows) or down (axis 0: columns)."""
    profile = ink.sum(axis=axis).astype(np.float64)
    return float(np.sum(np.diff(profile) ** 2))


def may_lie_sideways(gray, dark: int = OCR_DEFAULT.dark) -> bool:
    """Whether a page's ink lines up down at least `SIDEWAYS` as sharply as across (lines of
    print may run down the page); no Tesseract run."""
    ink = np.asarray(gray) < dark
    return _profile_sharpness(ink, 0) >= SIDEWAYS * _profile_sharpness(ink, 1)


def quarter_turn(gray, dark: int = OCR_DEFAULT.dark) -> int:
    """Degrees clockwise (90, 180 or 270) that set a page printed sideways upright, or 0: where
    its ink lines up down at least `SIDEWAYS` as sharply as across (lines of print run down the
    page), Tesseract's orientation detection (`osd`) says which way, if sure of it."""
    if not may_lie_sideways(gray, dark):
        return 0
    import pytesseract

    try:
        found = pytesseract.image_to_osd(gray, output_type=pytesseract.Output.DICT)
    except pytesseract.TesseractError:  # no `osd` model, or too little text to tell
        return 0
    turn = int(found.get("rotate", 0)) % 360
    return turn if turn in (90, 270) and float(found.get("orientation_conf", 0)) >= OSD_SURE \
        else 0


def deskew(image, angle: float):
    """The page turned by `angle` degrees about its centre, the corners filled with paper."""
    from PIL import Image

    if abs(angle) < 0.01:
        return image
    return image.rotate(-angle, resample=Image.Resampling.BICUBIC, fillcolor=255)


# -- 2. ruling lines ------------------------------------------------------------------------

def _runs(mask: np.ndarray, min_len: int) -> list[tuple[int, int, int]]:
    """(row, start, end) of every run of True at least `min_len` long, row by row."""
    padded = np.zeros((mask.shape[0], mask.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    step = np.diff(padded, axis=1)
    starts, ends = np.nonzero(step == 1), np.nonzero(step == -1)
    out = []
    for row, a, b in zip(starts[0], starts[1], ends[1]):  # both come row by row, left to right
        if b - a >= min_len:
            out.append((int(row), int(a), int(b)))
    return out


def ruling_lines(ink: np.ndarray, dpi: float, min_rule: float = OCR_DEFAULT.min_rule,
                 min_cell_rule: float = OCR_DEFAULT.min_cell_rule) -> tuple[list[dict], np.ndarray]:
    """The ruling lines as pdfplumber edges (points), and a mask of their pixels.  A rule down
    shorter than `min_rule` (a cell's side in a row one line high, which a row across the table
    above and below cuts off) counts where it meets a rule across at both its ends."""
    scale = 72.0 / dpi
    min_len = int(min_rule / scale)
    # a pixel of slack across the line: a scanned rule is ragged, and a page a hair off level
    across = ink.copy()
    across[1:] |= ink[:-1]
    across[:-1] |= ink[1:]
    down = ink.copy()
    down[:, 1:] |= ink[:, :-1]
    down[:, :-1] |= ink[:, 1:]
    mask = np.zeros_like(ink)
    across_runs, down_runs = (_runs(across, min_len),
                              _runs(down.T, min(min_len, int(min_cell_rule / scale))))
    reach = 3  # pixels
    rows: dict[int, list[tuple[int, int]]] = {}
    for row, a, b in across_runs:
        rows.setdefault(row, []).append((a, b))

    def meets(col: int, at: int) -> bool:
        return any(a - reach <= col <= b + reach for r in range(at - reach, at + reach + 1)
                   for a, b in rows.get(r, ()))
    down_runs = [(col, top, bottom) for col, top, bottom in down_runs
                 if bottom - top >= min_len or meets(col, top) and meets(col, bottom)]
    # a table's rule meets a rule of the other direction; a lone stroke is an underline or a
    # signature line, not a table
    across_runs = [(row, a, b) for row, a, b in across_runs
                   if any(a - reach <= col <= b + reach and top - reach <= row <= bottom + reach
                          for col, top, bottom in down_runs)]
    down_runs = [(col, top, bottom) for col, top, bottom in down_runs
                 if any(top - reach <= row <= bottom + reach and a - reach <= col <= b + reach
                        for row, a, b in across_runs)]
    edges = []
    drift = 1.0  # pixel: a ragged edge
    for (row, a, b), at in zip(across_runs, one_line_each(across_runs, reach, drift)):
        mask[max(row - 1, 0):row + 2, a:b] = True
        edges.append({"orientation": "h", "x0": a * scale, "x1": b * scale, "top": at * scale,
                      "bottom": at * scale})
    for (col, a, b), at in zip(down_runs, one_line_each(down_runs, reach, drift)):
        mask[a:b, max(col - 1, 0):col + 2] = True
        edges.append({"orientation": "v", "x0": at * scale, "x1": at * scale, "top": a * scale,
                      "bottom": b * scale})
    return edges, mask


def one_line_each(runs: list[tuple[int, int, int]], reach: int, drift: float = 0.0,
                  step: int = 2) -> list[float]:
    """Where each run of a rule stands, as one straight line: the runs that continue one another
    (positions within `step` pixels, ends overlapping or within `reach`) are the pieces of one
    rule, and where they stand at more positions than the rule is thick (its runs' length over
    its own, in pixels) by more than `drift` pixels (a rule drawn slanted, not a thick one whose
    runs stand side by side, each its whole length) each stands at their mean position,
    weighted by length; a thick straight rule's runs stand where they are, as read before (the
    region each column of a scan is read in is bounded by them, and OCR of a narrow `№` column
    read `1.1` as `Led` in a region two pixels wider).

    A scanner that pulls the sheet a little askew draws a rule down slanted where the rules
    across stay level (a shear: no turn of the page levels both): a rule down one page of the
    Belarus ministry's scan drifts 3 points from top to bottom, and read at each piece's own
    position it made two column boundaries 3 points apart, with a strip between them read as
    a column and cells across its rows taken as spanning it."""
    parent = list(range(len(runs)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_position: dict[int, list[int]] = {}
    for i, (at, _, _) in enumerate(runs):
        by_position.setdefault(at, []).append(i)
    for i, (at, start, end) in enumerate(runs):
        for near in range(at - step, at):
            for j in by_position.get(near, ()):
                if runs[j][1] - reach <= end and start <= runs[j][2] + reach:
                    parent[root(i)] = root(j)
    weight: dict[int, float] = {}
    total: dict[int, float] = {}
    spread: dict[int, tuple[int, int, int, int]] = {}  # positions, and ends, of each rule's runs
    for i, (at, start, end) in enumerate(runs):
        r = root(i)
        weight[r] = weight.get(r, 0.0) + (end - start)
        total[r] = total.get(r, 0.0) + at * (end - start)
        lo, hi, first, last = spread.get(r, (at, at, start, end))
        spread[r] = (min(lo, at), max(hi, at), min(first, start), max(last, end))
    # a straight rule's runs each run its whole length, one per pixel of its thickness; a
    # slanted one's stand at more positions than it is thick, each over a part of its length
    slanted = {r for r, (lo, hi, first, last) in spread.items()
               if hi - lo + 1 > weight[r] / max(last - first, 1) + drift}
    return [total[root(i)] / max(weight[root(i)], 1.0) if root(i) in slanted else float(at)
            for i, (at, _, _) in enumerate(runs)]


# -- 3. words -------------------------------------------------------------------------------

@contextmanager
def _one_thread():
    """Tesseract on one thread, unless the user set OMP_THREAD_LIMIT: its OpenMP threads cost
    more than they give on a page (5.8 s on one thread, 11 s on two, measured here), and
    several files still run in parallel with --jobs.  Set for its process only."""
    before = os.environ.get("OMP_THREAD_LIMIT")
    os.environ["OMP_THREAD_LIMIT"] = before or "1"
    try:
        yield
    finally:
        if before is None:
            del os.environ["OMP_THREAD_LIMIT"]


_TITLE = re.compile(r"(\w+) ([^;]+)")


def _title(element) -> dict[str, list[float]]:
    """An hOCR `title` ("bbox 1 2 3 4; baseline -0.01 -3; x_size 33") as numbers by key."""
    out = {}
    for key, value in _TITLE.findall(element.get("title", "")):
        try:
            out[key] = [float(v) for v in value.split()]
        except ValueError:
            continue
    return out


# letters Tesseract may not read: a vertical bar is a table's rule (painted out before it reads),
# and in a plan's text it is a misread `I` or `l` (the Roman `I.` of a section, in a sans serif)
NEVER_READ = "-c tessedit_char_blacklist=|"


def words(image, language: str, dpi: float, offset: tuple[int, int] = (0, 0),
          dark: int = OCR_DEFAULT.dark, unsure: float = OCR_DEFAULT.low_confidence,
          column: bool = False) -> tuple[list[dict], list[float]]:
    """Tesseract's words as PDF characters (points), and their confidences; `offset`: where the
    image's top left corner is on the page, in pixels; `column`: the image is one column of
    text (a table's column strip: Tesseract is told so, `--psm 4`, rather than left to find
    blocks, `--psm 3`).  A "word" that is a speck of dust read as a mark (`_speck`) is left out.

    hOCR, not TSV: it gives each line's baseline and text size, so every word of a line
    stands on the line's baseline with the line's size, as a text layer's characters do.
    (A box's own top depends on its letters: `Annually` reaches higher than `2006 - 2007`,
    and the gaps between lines, which tell paragraphs apart, would vary by a point or two.)
    """
    import lxml.html
    import pytesseract

    scale = 72.0 / dpi
    dx, dy = offset
    chars: list[dict] = []
    confidences: list[float] = []
    ink = np.asarray(image) < dark
    if not ink.any():
        return chars, confidences  # nothing to read: no need to start Tesseract
    def hocr(psm: int, lang: str = language):
        with _one_thread():
            return lxml.html.fromstring(pytesseract.image_to_pdf_or_hocr(
                image, lang=lang, extension="hocr", config=f"--psm {psm} {NEVER_READ}"))

    tree = _column_reading(hocr, language, image.width < dpi * NARROW, ink) if column \
        else hocr(3)
    for line in tree.iter():
        info = _title(line)
        if "baseline" not in info or "bbox" not in info:
            continue
        x0, _, _, y1 = info["bbox"]
        slope, shift = (info["baseline"] + [0.0, 0.0])[:2]
        size = info.get("x_size", [y1 - info["bbox"][1]])[0]
        below = info.get("x_descenders", [size * 0.2])[0]
        slope, shift = _checked_baseline(ink, info["bbox"], slope, shift, size, below)
        before = ""  # the word kept before, on this line
        line_words = [w for w in line.iter() if "ocrx_word" in (w.get("class") or "")]
        for at, word in enumerate(line_words):
            conf = _title(word).get("x_wconf", [0.0])[0]
            text = _read_text(word.text_content().strip(), conf, first=not before)
            box = _title(word).get("bbox")
            if not text or not box:
                continue
            if text in DASHES:
                text = _dash((box[2] - box[0]) / size)
            text = _glued_dashes(_roman_bars(text, ink, box), ink, box, size)
            baseline = y1 + shift + slope * ((box[0] + box[2]) / 2 - x0)
            if not before and at + 1 < len(line_words) and _bullet(text, ink, box, size, baseline):
                text, conf = BULLET, max(conf, unsure)
            if _speck(text, conf, box, size, before, unsure):
                continue
            before = text
            baseline += dy
            chars.append({"text": text + " ", "x0": (box[0] + dx) * scale,
                          "x1": (box[2] + dx) * scale, "top": (baseline - size + below) * scale,
                          "bottom": (baseline + below) * scale, "baseline": baseline * scale,
                          "size": size * scale, "conf": conf})
            confidences.append(conf)
    return chars, confidences


def _read_text(text: str, conf: float, first: bool) -> str:
    """A word as Tesseract read it, without the marks print never sets where it stands (a
    stray mark before its first letter, an opening quote Tesseract doubts, a dash glued on in
    the middle of a line), an item number's full stops, and a Roman number's Latin letters;
    `first`: the line's first word kept."""
    text = STRAY_MARK.sub("", text)
    if conf < SURE_QUOTE:
        text = OPENING_QUOTE.sub("", text)
    if not first:
        text = DASH_GLUED.sub("", text)
    text = _number_dots(text, first=first)
    if CYRILLIC_ROMAN.match(text):
        text = text.translate(ROMAN_LETTERS)
    return text


def unpaired_quotes(text: str) -> list[int]:
    """Where an OCR paragraph has an opening quote glued before a word that no closing quote
    after it answers (`Mechanisms developed and ‘adopted`): a speck read as a quote, sure as
    Tesseract may be of it.  Print closes what it opens within the paragraph (`‘hot lines”`
    closes with the other mark; an apostrophe, `Prosecutor’s`, closes nothing)."""
    out = []
    for m in OPEN_QUOTE.finditer(text):
        if not CLOSE_QUOTE.search(text, m.end()):
            out.append(m.start())
    return out


def unopened_quotes(text: str) -> list[int]:
    """Where an OCR paragraph has a closing quote glued after a word that no opening quote before
    it opened (`маърӯзаҳои" миллӣ`): a speck read as a quote, as `unpaired_quotes`' mirror."""
    return [m.start() for m in CLOSING_GLUED.finditer(text)
            if not OPENER.search(text, 0, m.start())]


def _stop_before_lower(word: dict, after: dict | None) -> bool:
    """Is `word` a word of letters ending in a full stop (`омӯзонида.`) that a word in lower case
    follows, on its line or first on the next (`шуданд`)?  A sentence goes on there: the stop is
    a speck read as one (Tesseract sure of it at 96), or an abbreviation's (`Dept. of`); the
    lexicon doubts it (`lexical.Lexicon.doubt`), the reader cannot tell which."""
    if after is None or not STOP_AFTER_WORD.match(word["text"].strip()) \
            or not after["text"][:1].islower():
        return False
    drop, size = after["bottom"] - word["bottom"], word["size"]
    same_line = abs(drop) < size / 2 and after["x0"] > word["x1"] - size / 4
    next_line = size / 2 <= drop < 2 * size and after["x0"] < word["x0"]
    return same_line or next_line


def _column_reading(hocr, language: str, narrow: bool, ink: np.ndarray):
    """The reading of a table's column: as one column of text (`--psm 4`); a narrow one read as
    `_narrow_column` says; where the column analysis left part of the column's ink unread
    (`UNREAD_INK`: a block it found no text in, "Empty page" for a whole column of a smoothed
    scan), read as one block of text too, and the surer reading kept."""
    tree = hocr(4)
    if narrow:
        return _narrow_column(tree, hocr, language)
    if _unread_ink(tree, ink) > UNREAD_INK:
        return max((tree, hocr(6)), key=_sureness)
    return tree


def _narrow_column(tree, hocr, language: str):
    """The surer reading of a narrow column (`№`: `1.1`, `1.2.`): Tesseract's column analysis
    finds some of its short lines or none, so it is read as one block of text too.  Where the
    language has a kin model (`TESSERACT_KIN`) and the column holds no letter the kin model has
    none of, the column is read by the kin model instead (the better trained of the two for what
    they share: `tgk` reads `1.` as `3.` and `№` as `ПВ` where `rus` reads them right, each
    as sure of itself as the other)."""
    other = hocr(6)
    kin, lacks = TESSERACT_KIN.get(language, ("", ""))
    if kin and kin in installed_languages() and not set(lacks) & set(_text(tree) + _text(other)):
        tree, other = hocr(4, kin), hocr(6, kin)
    return max((tree, other), key=_sureness)


def _unread_ink(tree, ink: np.ndarray) -> float:
    """The share of a picture's ink outside the boxes of the words an hOCR reading found."""
    total = int(ink.sum())
    if not total:
        return 0.0
    read = np.zeros_like(ink)
    for w in tree.iter():
        box = _title(w).get("bbox") if "ocrx_word" in (w.get("class") or "") else None
        if box:
            x0, y0, x1, y1 = (int(v) for v in box)
            read[y0:y1 + 1, x0:x1 + 1] = True
    return 1.0 - int((ink & read).sum()) / total


def _text(tree) -> str:
    """The words of an hOCR reading, as one string."""
    return " ".join(w.text_content() for w in tree.iter()
                    if "ocrx_word" in (w.get("class") or ""))


def _sureness(tree) -> float:
    """The confidences of an hOCR reading's words, summed: more words read, and read surer."""
    return sum(_title(w).get("x_wconf", [0.0])[0] for w in tree.iter()
               if "ocrx_word" in (w.get("class") or "") and w.text_content().strip())


def _speck(text: str, conf: float, box: list[float], size: float, before: str,
           unsure: float) -> bool:
    """Is this "word" (no letter or digit in it) a speck of dust read as a mark?  A mark read
    below the `unsure` confidence (`°`, `|`, `©`); a full stop, quote or low line standing alone
    (`MARK_ALONE`); a mark whose ink is smaller across than the smallest mark print sets
    (`SPECK`: a `|` two pixels high); a comma after a word that already ends in punctuation
    (`Border, , Youth`: no text sets a mark after a mark).  A dash is a dash, unless it is
    doubted and narrower than `SPECK`."""
    if MARK_ALONE.match(text):
        return True
    # a dash is a dash, unless Tesseract doubts it and it is narrower than any dash
    if text in DASHES:
        return conf < unsure and box[2] - box[0] < SPECK * size
    if WORDLIKE.search(text):
        return False
    if conf < unsure:
        return True
    if max(box[2] - box[0], box[3] - box[1]) < SPECK * size:
        return True
    return text == "," and before[-1:] in PUNCTUATION


def _bullet(text: str, ink: np.ndarray, box: list[float], size: float, baseline: float) -> bool:
    """Is this mark, a line's first word with words after it, a bullet `•` by its ink, whatever
    Tesseract read it as (`BULLET_SIZE`, `BULLET_LIFT`, `BULLET_TOP`, `BULLET_FILL`)?"""
    if WORDLIKE.search(text) or text in DASHES:
        return False
    x0, y0, x1, y1 = (int(v) for v in box)
    width, height = (x1 - x0) / size, (y1 - y0) / size
    low, high = BULLET_SIZE
    if not (low <= width <= high and low <= height <= high):
        return False
    if baseline - y1 < BULLET_LIFT * size or baseline - y0 > BULLET_TOP * size:
        return False
    blot = ink[y0:y1, x0:x1]
    rows, cols = np.flatnonzero(blot.any(axis=1)), np.flatnonzero(blot.any(axis=0))
    if not rows.size:
        return False
    blot = blot[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]  # the ink's own box
    return float(blot.mean()) >= BULLET_FILL


def _checked_baseline(ink: np.ndarray, box: list[float], slope: float, shift: float, size: float,
                      below: float) -> tuple[float, float]:
    """A line's baseline (`slope`, and `shift` from the box's bottom left): where its ink stands,
    at Tesseract's slope; Tesseract's own where the line is no band of letters.

    Tesseract puts the baseline of a line whose letters mostly reach below it (`прокуратура`:
    р, у, р, у, р; `одобрение`) now and then at the descenders' foot, one to two points too low;
    the gaps around that line then tell its paragraph break on the wrong side.  The ink says
    where the letters stand: the lowest of the rows that hold at least half as much ink as the
    fullest (the x-height's rows hold most of it; the descenders' stems below are thin).  Only
    the rows from one text size above Tesseract's baseline to one descender below it are looked
    at: a line's box can reach into the next line's (a speck below it).  Every line is measured
    so, not only the doubtful ones, so that the gaps between lines compare like with like.
    Rows of ink under a third of the text size high are a dash's stroke, not letters."""
    x0, y0, x1, y1 = (int(v) for v in box)
    middle = y1 + shift + slope * (x1 - x0) / 2  # Tesseract's baseline at the line's middle
    top, bottom = max(y0, int(middle - size)), min(y1, int(middle + below))
    profile = ink[top:bottom + 1, x0:x1 + 1].sum(axis=1)
    if not profile.size or not profile.max():
        return slope, shift
    rows = np.flatnonzero(profile >= profile.max() / 2)
    if rows[-1] - rows[0] + 1 < size / 3:
        return slope, shift
    # the ink's foot is the line's middle's
    return slope, float(top + rows[-1] + 1 - y1) - slope * (x1 - x0) / 2


def _dash(width: float) -> str:
    """A dash standing alone between words, by its length in the line's text size (Tesseract
    reads an en dash as `-` or `—`): a hyphen's ink is under a third of it (0.19-0.29 measured,
    Helvetica and DejaVu at 8-11 pt, 200 dpi scans), an en dash's nearer a half (0.38-0.61),
    an em dash's about the whole."""
    return "-" if width < EN_DASH else "–" if width < EM_DASH else "—"


def _glued_dashes(text: str, ink: np.ndarray, box: list[float], size: float) -> str:
    """A dash read between two digits of one word (`2018-2018`: Tesseract reads an en dash as `-`)
    as a hyphen, an en dash or an em dash by the length of its ink, as a dash alone (`_dash`),
    in the text size its digits stand for (`FIGURE`: a line's own size, from Tesseract, is a few
    points off now and then).  The dashes are the word's blots of ink thinner than `SPECK` of
    the text size and at least twice as wide as thick; where they are not one for each dash read
    (a dash touching a digit), the word is left as read."""
    if not GLUED_DASH.search(text):
        return text
    from scipy import ndimage

    x0, y0, x1, y1 = (int(v) for v in box)
    labels, _ = ndimage.label(ink[y0:y1 + 1, x0:x1 + 1], structure=np.ones((3, 3), dtype=bool))
    blots = [(b[1].start, b[1].stop - b[1].start, b[0].stop - b[0].start)
             for b in ndimage.find_objects(labels) if b is not None]
    strokes = [width for _, width, height in sorted(blots)
               if height < SPECK * size and width >= 2 * height]
    tall = max((height for _, _, height in blots), default=0)
    figures = [height for _, _, height in blots if height >= tall / 2]
    if len(strokes) != len(GLUED_DASH.findall(text)) or not figures:
        return text
    em = float(np.median(figures)) / FIGURE
    widths = iter(strokes)
    return GLUED_DASH.sub(lambda _: _dash(next(widths) / em), text)


def _roman_bars(text: str, ink: np.ndarray, box: list[float]) -> str:
    """A Roman `I`, `II` or `III` that Tesseract read as a mark or a digit (`!` or `|` at 0 for
    `II`, `1` for `I`: in a sans serif each `I` is a plain bar) as the `I`s it is, where
    the word's ink is one to three upright bars (`BAR_WIDTH`, `BAR_FILL`) of one height and
    nothing else (the dot of a `!` or an `i`, the flag of a `1` are not)."""
    if not BAR_READING.match(text):
        return text
    from scipy import ndimage

    x0, y0, x1, y1 = (int(v) for v in box)
    labels, count = ndimage.label(ink[y0:y1 + 1, x0:x1 + 1], structure=np.ones((3, 3), dtype=bool))
    if not 1 <= count <= 3:
        return text
    areas = np.bincount(labels.ravel(), minlength=count + 1)[1:]
    shapes = [(b[0].stop - b[0].start, b[1].stop - b[1].start)
              for b in ndimage.find_objects(labels) if b is not None]
    tall = max(h for h, _ in shapes)
    bars = all(h >= BAR_HEIGHT * tall and w <= BAR_WIDTH * h and area >= BAR_FILL * h * w
               for (h, w), area in zip(shapes, areas))
    return "I" * count if bars else text


def _number_dots(text: str, first: bool = False) -> str:
    """An item's number read with a speck on a full stop (`3.1!4.`, `3.1:4.`; `3,3.` as its
    line's `first` word) with its full stops."""
    if "." in text and NUMBER_WITH_SPECK.match(text) and (first or "," not in text):
        return re.sub(r"(?<=\d)[:!,](?=\d)", ".", text)
    return text


def despeckle(gray, dark: int = OCR_DEFAULT.dark):
    """The page with its specks of dust painted white: blots of ink far smaller than any mark of
    its text (measured here from its own letters: the smallest marks of print, a full stop or the
    dot of an i, are about a fifth of the letters' height across).  A speck read with a word is
    read as punctuation (`.2.1.2.` for `2.1.2.`, `'identified`)."""
    from PIL import Image
    from scipy import ndimage

    pixels = np.asarray(gray)
    ink = pixels < dark
    labels, count = ndimage.label(ink, structure=np.ones((3, 3), dtype=bool))
    if count < 50:
        return gray  # too few marks to tell a speck from a letter
    boxes = ndimage.find_objects(labels)
    heights = np.array([b[0].stop - b[0].start for b in boxes])
    widths = np.array([b[1].stop - b[1].start for b in boxes])
    letter = float(np.median(heights[heights >= 5])) if (heights >= 5).any() else 0.0
    if letter <= 0:
        return gray
    areas = np.bincount(labels.ravel(), minlength=count + 1)[1:]
    side = SPECK * letter
    specks = np.flatnonzero((areas < side * side) & (np.maximum(heights, widths) < side)) + 1
    if not len(specks):
        return gray
    cleaned = pixels.copy()
    cleaned[np.isin(labels, specks)] = 255
    return Image.fromarray(cleaned)


DOT = 0.3  # a dot of a dithered rule: under this share of the letters' height across
DOTTED = 8  # ... with this many more dots in line with it within a half inch (`undot`)


def undot(gray, dpi: float, dark: int = OCR_DEFAULT.dark):
    """A 1-bit page with its dotted lines painted white: a scanner dithers a grey rule into
    dots of a pixel or three, in a row or a column; a dot (under `DOT` of the letters' height
    across) with `DOTTED` more in line with it (a pixel either side) within half an inch is one
    (print's own dots stand a line apart: full stops at the ends of lines, one a line).  Left,
    Tesseract reads them as marks glued to words (`организаций.`, `‚коррупции`)."""
    from PIL import Image
    from scipy import ndimage

    pixels = np.asarray(gray)
    labels, count = ndimage.label(pixels < dark, structure=np.ones((3, 3), dtype=bool))
    if count < 50:
        return gray
    boxes = ndimage.find_objects(labels)
    heights = np.array([b[0].stop - b[0].start for b in boxes])
    widths = np.array([b[1].stop - b[1].start for b in boxes])
    letter = float(np.median(heights[heights >= 5])) if (heights >= 5).any() else 0.0
    dots = np.flatnonzero(np.maximum(heights, widths) < DOT * letter)
    if letter <= 0 or len(dots) <= DOTTED:
        return gray
    ys = np.array([(boxes[i][0].start + boxes[i][0].stop) // 2 for i in dots])
    xs = np.array([(boxes[i][1].start + boxes[i][1].stop) // 2 for i in dots])
    centres = np.zeros(pixels.shape, dtype=np.float32)
    centres[ys, xs] = 1.0
    reach = int(dpi / 2)
    down = ndimage.uniform_filter(centres, size=(reach, 3), mode="constant") * (reach * 3)
    across = ndimage.uniform_filter(centres, size=(3, reach), mode="constant") * (reach * 3)
    lined = np.zeros(count + 1, dtype=bool)
    lined[dots[np.maximum(down, across)[ys, xs] > DOTTED + 0.5] + 1] = True
    if not lined.any():
        return gray
    cleaned = pixels.copy()
    cleaned[lined[labels]] = 255
    return Image.fromarray(cleaned)


def flatten_light(gray):
    """The page under even light: each pixel divided by the paper's brightness around it (the
    page with its ink closed over by a window wider than a letter, then smoothed), where that
    brightness varies across the page (a photo under a lamp); a scan's even paper is left alone."""
    import cv2
    from PIL import Image

    pixels = np.asarray(gray)
    small = cv2.resize(pixels, (max(1, pixels.shape[1] // 8), max(1, pixels.shape[0] // 8)),
                       interpolation=cv2.INTER_AREA)
    paper = cv2.medianBlur(cv2.dilate(small, np.ones((5, 5), np.uint8)), 21)
    low, high = np.percentile(paper, (5, 95))
    if high - low < UNEVEN_LIGHT:
        return gray
    paper = cv2.resize(paper, (pixels.shape[1], pixels.shape[0]), interpolation=cv2.INTER_LINEAR)
    flat = np.clip(pixels.astype(np.float32) / np.maximum(paper, 1).astype(np.float32) * 255.0,
                   0, 255)
    return Image.fromarray(flat.astype(np.uint8))


def clear_paper(gray, dpi: float):
    """The page with a second, fainter print cleared: grey lighter than the page's ink (above
    its Otsu threshold, measured on the whole page) and more than a hundredth of an inch from
    any ink is made paper.  That is the back page showing through, or a tint; the grey edges
    of the page's own strokes (blur, JPEG) touch ink and are kept.  Without this a cell read by
    itself, where ink is scarce, gets Tesseract's own threshold between the ghost and the
    paper, and reads the ghost."""
    import cv2
    from PIL import Image

    pixels = np.asarray(gray)
    threshold, _ = cv2.threshold(pixels, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    reach = max(1, round(dpi / 100))
    near_ink = cv2.dilate((pixels <= threshold).astype(np.uint8),
                          np.ones((2 * reach + 1, 2 * reach + 1), np.uint8))
    ghost = (pixels > threshold) & (near_ink == 0)
    if not ghost.any():
        return gray
    cleared = pixels.copy()
    cleared[ghost] = 255
    return cleared if isinstance(gray, np.ndarray) else Image.fromarray(cleared)


def straighten(gray, dark: int = OCR_DEFAULT.dark):
    """The page seen square: where the table's outer rule is a quadrilateral that is no rectangle
    (a phone held not quite square over the page), the perspective that maps its four corners to
    a rectangle of its own size, applied to the whole page.  A rectangle, turned or not, is left
    to `deskew`.  Returns the page and whether it was straightened."""
    import cv2
    from PIL import Image

    pixels = np.asarray(gray)
    ink = (pixels < dark).astype(np.uint8) * 255
    contours, _ = cv2.findContours(ink, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return gray, False
    outer = max(contours, key=cv2.contourArea)
    if cv2.contourArea(outer) < 0.25 * pixels.shape[0] * pixels.shape[1]:
        return gray, False  # no table rule around most of the page
    quad = (cv2.approxPolyDP(outer, 0.02 * cv2.arcLength(outer, True), True)
            .reshape(-1, 2).astype(np.float32))
    if len(quad) != 4:
        return gray, False
    by_sum, by_diff = quad.sum(axis=1), np.diff(quad, axis=1).ravel()
    tl, br, tr, bl = (quad[by_sum.argmin()], quad[by_sum.argmax()],
                      quad[by_diff.argmin()], quad[by_diff.argmax()])
    width = max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl))
    height = max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr))
    sides = (abs(np.linalg.norm(tr - tl) - np.linalg.norm(br - bl)) / width,
             abs(np.linalg.norm(bl - tl) - np.linalg.norm(br - tr)) / height)
    # each corner and its two neighbours
    corners = [(tl, tr, bl), (tr, br, tl), (br, bl, tr), (bl, tl, br)]
    skew = max(abs(90.0 - np.degrees(np.arccos(np.clip(
                   np.dot(a - o, b - o) / (np.linalg.norm(a - o) * np.linalg.norm(b - o)),
                   -1, 1))))
               for o, a, b in corners)
    if max(sides) < NOT_SQUARE and skew < NOT_SQUARE_DEGREES:
        return gray, False  # opposite sides equal and square corners: a rectangle, at most turned
    x0, y0 = float(min(tl[0], bl[0])), float(min(tl[1], tr[1]))
    target = np.array([[x0, y0], [x0 + width, y0], [x0 + width, y0 + height], [x0, y0 + height]],
                      dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(np.array([tl, tr, br, bl], dtype=np.float32), target)
    square = cv2.warpPerspective(pixels, matrix, (pixels.shape[1], pixels.shape[0]),
                                 flags=cv2.INTER_CUBIC, borderValue=255)
    return Image.fromarray(square), True


def blank(image, s: OcrSettings = OCR_DEFAULT, ink: int | None = None) -> bool:
    """Whether a page picture holds less ink (pixels darker than `ink`, else the settings' `dark`)
    than one letter (`blank_ink`): a blank scanned page costs milliseconds, not an OCR."""
    dark = s.dark if ink is None else ink
    gray = image.convert("L")
    if gray.getextrema()[0] >= dark:
        return True
    return float((np.asarray(gray) < dark).mean()) < s.blank_ink


def ink_share(image, s: OcrSettings = OCR_DEFAULT) -> float:
    """The share of a page picture that is ink once its light is evened out, on a copy a quarter
    of its size a side (where letters fade to grey and only wide dark areas stay ink): over
    `max_ink`, it is noise or a photograph, no page of text, and Tesseract would take minutes."""
    small = image.convert("L")
    small = small.reduce(4) if min(small.size) >= 64 else small
    gray, _ = straighten(flatten_light(small), s.dark)
    return float((np.asarray(gray) < s.dark).mean())


def read_page(image, dpi: float, languages: list[str], s: OcrSettings = OCR_DEFAULT,
              threads: int = 1, as_scanned=None, turn_first: int = 0) -> OcrPage:
    """One page image -> words and ruling lines, read in each of `languages` (Tesseract's
    codes) and kept in the most confident; the page's regions read `threads` at a time.  A page
    read below `low_confidence` may be printed sideways: where `quarter_turn` finds it so, it
    is read again set upright, and the more confident reading kept (an upright page read well,
    the usual case, costs no orientation detection).  `as_scanned`: the page before it was
    smoothed (`smooth_bilevel`), which orientation detection looks at (a blurred page's
    letters mislead it: 90 degrees where 270 is right).  `turn_first`: the degrees the page
    before was set upright by; the page is read so turned first, and that reading kept where
    it reaches `low_confidence` (the pages of a table printed sideways all lie alike: each was
    read twice, sideways then upright, and put to orientation detection)."""
    gray = image.convert("L")
    first = _turned_reading(gray, dpi, languages, s, threads, turn_first) \
        if turn_first and may_lie_sideways(gray, s.dark) else None
    if first is not None and first.mean_confidence >= s.low_confidence:
        return first
    page = _read_page(gray, dpi, languages, s, threads)
    if page.mean_confidence >= s.low_confidence:
        return page
    turn = quarter_turn((gray if as_scanned is None else as_scanned).convert("L"), s.dark)
    if not turn:
        return page
    upright = first if first is not None and first.turn == turn \
        else _turned_reading(gray, dpi, languages, s, threads, turn)
    return upright if upright.mean_confidence > page.mean_confidence else page


def _turned_reading(gray, dpi: float, languages: list[str], s: OcrSettings, threads: int,
                    turn: int) -> OcrPage:
    """`_read_page` of a grey page turned `turn` degrees clockwise."""
    return _read_page(gray.rotate(-turn, expand=True, fillcolor=255), dpi, languages, s, threads,
                      turn)


def _read_page(gray, dpi: float, languages: list[str], s: OcrSettings, threads: int,
               turn: int = 0) -> OcrPage:
    """`read_page` of a grey page as it stands (`turn`: the degrees it was set upright by)."""
    gray, _ = straighten(flatten_light(gray), s.dark)
    angle = skew_angle(np.asarray(gray) < s.dark, max_skew=s.max_skew)
    gray = despeckle(deskew(gray, angle), s.dark)
    ink = np.asarray(gray) < s.dark
    edges, rules = ruling_lines(ink, dpi, s.min_rule, s.min_cell_rule)
    pixels = np.asarray(gray).copy()
    pixels[rules] = 255  # the rules painted out: Tesseract reads text, not table lines
    pixels = np.asarray(clear_paper(pixels, dpi))  # and the back page showing through, left out
    regions = text_regions(edges, dpi, pixels.shape)
    best: tuple[list[dict], float, str] | None = None
    for lang in languages:
        chars, confidences = [], []

        def read(region, lang=lang):
            return words(_region_image(pixels, region, regions), lang, dpi, offset=region[:2],
                         dark=s.dark, unsure=s.low_confidence, column=region != regions[0])

        # each region is a Tesseract process of its own: threads suffice
        if threads > 1 and len(regions) > 1:
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(max_workers=threads) as pool:
                found_all = list(pool.map(read, regions))
        else:
            found_all = [read(region) for region in regions]
        for found, conf in found_all:  # in the regions' order, however they finished
            chars.extend(found)
            confidences.extend(conf)
        _stand_on_baselines(chars)
        mean = sum(confidences) / len(confidences) if confidences else 0.0
        if best is None or mean > best[1]:
            best = (chars, mean, lang)
    assert best is not None
    return OcrPage(best[0], edges, angle, best[2], best[1], turn)


def _stand_on_baselines(chars: list[dict]) -> None:
    """Each word's box as a text layer's would be: top and bottom from its line's baseline and
    the page's usual text size, sides a side bearing out from the ink.

    Tesseract's size of a line varies by a point with its letters; the gaps between lines,
    which tell paragraphs apart, must not: a text layer's tops are its baselines less one
    ascent, and so are these.  A text layer's word also spans its letters' advances, a little
    wider than their ink; the test of whether a line's first word would have fitted on the
    line above (`pdf.starts_paragraph`) measures both alike."""
    if not chars:
        return
    size = float(np.median([c["size"] for c in chars]))
    for c in chars:
        baseline = c.pop("baseline")
        c["top"], c["bottom"] = baseline - size * 0.8, baseline + size * 0.2
        c["x0"], c["x1"] = c["x0"] - size * SIDE_BEARING, c["x1"] + size * SIDE_BEARING


def text_regions(edges: list[dict], dpi: float,
                 shape: tuple[int, ...]) -> list[tuple[int, int, int, int]]:
    """Where to read, in pixels (x0, top, x1, bottom): the whole page first (the table blanked
    out of it), then each column of the ruled table by itself, then each row band where a cell
    spans columns (no rule down between them there: a section's title across the table), read
    across those columns and blanked out of their strips.

    Read as one page, Tesseract strings the words of neighbouring cells into one line with one
    baseline, so a word's height on the page comes out off by points; a column read alone
    keeps its own lines, as the table has them.  A cell spanning columns, read in strips, would
    come out cut where the columns part (`Improvin` | `g`)."""
    height, width = shape[0], shape[1]
    page = (0, 0, width, height)
    px = dpi / 72.0
    tops = [e["top"] for e in edges if e["orientation"] == "h"]
    columns = _boundaries([e["x0"] for e in edges if e["orientation"] == "v"])
    if len(columns) < 2 or len(tops) < 2:
        # no ruled table: the page is read whole, and the unruled-table fallback finds the columns
        return [page]
    top, bottom = int(min(tops) * px), int(max(tops) * px) + 1
    strips = [(int(a * px), top, int(b * px) + 1, bottom) for a, b in zip(columns, columns[1:])]
    spans = [(int(columns[a] * px), int(y0 * px), int(columns[b] * px) + 1, int(y1 * px) + 1)
             for y0, y1, a, b in _spanning_bands(edges, columns, _boundaries(tops))]
    return [page] + strips + spans


def _boundaries(positions: list[float]) -> list[float]:
    """Positions of rules, one per ruling line (those within 2 points are one, as
    `edges_to_grid` snaps them), in order."""
    out: list[float] = []
    for x in sorted({round(p) for p in positions}):
        if not out or x - out[-1] > 2.0:
            out.append(x)
    return out


def _spanning_bands(edges: list[dict], columns: list[float], rows: list[float]
                    ) -> list[tuple[float, float, int, int]]:
    """(top, bottom, first column boundary, last column boundary) of each run of columns a row
    band reads across: between two rules across, the rules down between those columns cover
    less than half the band (a cell spanning them)."""
    down = [(e["x0"], e["top"], e["bottom"]) for e in edges if e["orientation"] == "v"]
    out = []
    for y0, y1 in zip(rows, rows[1:]):
        if y1 - y0 < 2.0:
            continue

        def drawn(x: float) -> bool:
            near = [(t, b) for dx, t, b in down if abs(dx - x) <= 2.0]
            cover = sum(max(0.0, min(b, y1) - max(t, y0)) for t, b in near)
            return cover >= (y1 - y0) / 2

        a = 0
        for k in range(1, len(columns)):
            if k == len(columns) - 1 or drawn(columns[k]):
                if k - a > 1:
                    out.append((y0, y1, a, k))
                a = k
    return out


def _region_image(pixels: np.ndarray, region: tuple[int, int, int, int], regions: list):
    """The pixels of one region; the page region has the table's strips blanked out, and a
    column's strip the bands read across columns (`text_regions`)."""
    from PIL import Image

    x0, top, x1, bottom = region
    if region == regions[0] and len(regions) > 1:
        page = pixels.copy()
        for sx0, stop, sx1, sbottom in regions[1:]:
            page[stop:sbottom, sx0:sx1] = 255
        return Image.fromarray(page)
    part = pixels[top:bottom, x0:x1]
    # the bands read across this strip's column and its neighbours (wider than the strip)
    # (a band may start a pixel or two above the strip: their tops are rounded apart)
    across = [r for r in regions[1:] if r[0] <= x0 and r[2] >= x1 and r[2] - r[0] > x1 - x0
              and r[1] < bottom and r[3] > top]
    if across:
        part = part.copy()
        for _, band_top, _, band_bottom in across:
            part[max(band_top - top, 0):max(band_bottom - top, 0), :] = 255
    return Image.fromarray(part)


def tesseract_language(code: str) -> str:
    """`en`/`ru` (or Tesseract's own `eng`/`rus`) -> Tesseract's code."""
    if code in LANGUAGES:
        return LANGUAGES[code]
    if code in LANGUAGES.values():
        return code
    raise DocumentLoadError(f"unknown OCR language '{code}' (use {', '.join(LANGUAGES)})")


def page_picture(page, min_dpi: float = OCR_DEFAULT.min_dpi
                 ) -> tuple[object, float, tuple[float, float]] | None:
    """The one picture a scanned page is: (its pixels in grey, its dots per inch, where its top left
    corner stands on the page in points from the page's top left), or None where the page is not
    one upright picture covering most of it (a rotated page, a cropped or tilted picture, several
    pictures, a picture in a form): then the page is rendered instead."""
    import pypdfium2.raw as pdfium_c

    try:
        if page.get_rotation() % 360:
            return None
        pictures = list(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=1))
        if len(pictures) != 1:
            return None
        picture = pictures[0]
        matrix = picture.get_matrix()
        if abs(matrix.b) > 1e-6 or abs(matrix.c) > 1e-6 or matrix.a <= 0 or matrix.d <= 0:
            return None
        left, bottom, right, top = picture.get_bounds()
        width, height = page.get_size()
        if (right - left) * (top - bottom) < 0.8 * width * height:
            return None
        pixels = picture.get_bitmap(render=False).to_pil().convert("L")
        dpi_x, dpi_y = pixels.width * 72 / (right - left), pixels.height * 72 / (top - bottom)
        if abs(dpi_x - dpi_y) > 0.02 * dpi_x or dpi_x < min_dpi:
            # stretched, or a few pixels spread over the page: no scan; the render says what it is
            return None
        return pixels, (dpi_x + dpi_y) / 2, (left, height - top)
    except Exception:  # a picture pdfium cannot decode by itself: the render is the safe way
        return None


def _picture_key(page) -> tuple | None:
    """What tells a page's one picture from another's without decoding it: a digest of its stream
    as stored (a scanner's blank pages, or one picture drawn on many pages, share it)."""
    import hashlib

    import pypdfium2.raw as pdfium_c

    try:
        pictures = list(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=1))
        if len(pictures) != 1:
            return None
        stored = pictures[0].get_data(decode_simple=False)
        return (hashlib.sha256(bytes(stored)).hexdigest(), tuple(pictures[0].get_px_size()))
    except Exception:  # a picture pdfium cannot hand over: no key, it is decoded as before
        return None


def page_word(char: dict) -> Word:
    """A word in the PDF reader's character form as the `Word` it was read as (its box to a
    tenth of a point, as a paragraph's; its confidence whole, as Tesseract gives it)."""
    x0, top, x1, bottom = (round(char[k], 1) for k in ("x0", "top", "x1", "bottom"))
    return Word(char["text"].strip(), (x0, top, x1, bottom), round(char["conf"]))


def _white():
    """A white picture: what a page found blank is read as (no ink: no words)."""
    from PIL import Image

    return Image.new("L", (8, 8), 255)


def _unreadable(image, s: OcrSettings) -> str:
    """Why a page picture holds no text to read ("": it may): blank, or mostly ink."""
    if blank(image, s):
        return "a blank picture (less ink than blank_ink)"
    share = ink_share(image, s)
    return f"no text: {share:.0%} of it ink (over max_ink)" if share > s.max_ink else ""


def _at_reading_dpi(image, dpi: float, wanted: int):
    """A picture at the resolution OCR reads (`wanted`, Lanczos) where it is below it or over
    twice it, else as it is; the resolution read at; and what was done ("" for nothing)."""
    read_at = float(wanted) if dpi < wanted - 1 or dpi > 2 * wanted else dpi
    if abs(dpi - read_at) <= 1:
        return image, read_at, ""
    from PIL import Image

    image = image.resize((round(image.width * read_at / dpi), round(image.height * read_at / dpi)),
                         Image.Resampling.LANCZOS)
    return image, read_at, f"resampled from {dpi:.0f} to {read_at:.0f} dpi"

def is_bilevel(image) -> bool:
    """Whether a page picture holds two grey levels at most: a 1-bit scan or a fax, ink and
    paper with nothing between."""
    return sum(1 for count in image.convert("L").histogram() if count) <= 2


def smooth_bilevel(image, dpi: float, width: float = OCR_DEFAULT.smooth_bilevel):
    """A picture of two grey levels blurred by a Gaussian `width` points wide (its standard
    deviation), and what was done ("" where it holds grey levels between, or `width` is 0).

    A 1-bit scan's letters have stair-stepped edges and strokes a pixel thick or thin where
    the scanner's threshold fell; Tesseract, trained on grey renderings, reads them worse: the
    crossbar of an `н` lost reads `и`, `л` reads `п` (`Минэнерго` as `Мивэнерго`, `нарушения`
    as `нарущения`).  The blur gives the edges back the grey a grey scan has.

    Its dotted lines (`undot`) are painted out first: a scanner dithers a grey rule into dots,
    thousands a page, which the blur leaves too light to be told as ink afterwards (`despeckle`)
    but dark enough for Tesseract to read as marks glued to words (`организаций.`)."""
    from PIL import ImageFilter

    if width <= 0 or not is_bilevel(image):
        return image, ""
    blurred = undot(image.convert("L"), dpi).filter(ImageFilter.GaussianBlur(width * dpi / 72.0))
    return blurred, "its two grey levels smoothed"


# -- a document's scanned pages -------------------------------------------------------------

@dataclass
class OcrSession:
    """The scanned pages of one document: the language is fixed on the first one (the most
    confident of the installed languages, unless given) and kept for the others."""

    path: Path
    language: str | None = None  # `en`/`ru`, or Tesseract's code; None: found on the first page
    warnings: list[Warning_] = field(default_factory=list)
    pdf: object = None
    settings: OcrSettings = OCR_DEFAULT
    threads: int = 1  # Tesseract processes at once on a page (its regions)
    checked: bool = False  # Tesseract and its languages looked for (once: it starts a process)
    blank_pictures: set = field(default_factory=set)  # `_picture_key`s of pictures found blank
    words: dict[int, list[Word]] = field(default_factory=dict)  # page -> its words (the document's)
    turn: int = 0  # degrees the page before was set upright by (`read_page`'s `turn_first`)

    def __post_init__(self):
        self.language = tesseract_language(self.language) if self.language else None

    def _check(self, number: int) -> None:
        """Before the first scanned page: Tesseract is there, and so is a language to read in."""
        if self.checked:
            return
        problem = missing()
        if problem is None and self.language is None \
                and not set(LANGUAGES.values()) & installed_languages():
            problem = ("Tesseract has none of the languages "
                       f"{', '.join(LANGUAGES.values())} installed (Debian/Ubuntu: "
                       "apt-get install tesseract-ocr-eng tesseract-ocr-rus)")
        if problem:
            raise DocumentLoadError(f"{self.path}: page {number} is a "
                                    f"scan (no text layer) and {problem}")
        self.checked = True

    def image(self, image, dpi: float, number: int, origin: tuple[float, float] = (0.0, 0.0),
              how: str = "") -> tuple[list[dict], list[dict]]:
        """One page image -> (chars, edges) in points of the page (`origin`: where the image's top
        left corner stands on it); a word below `low_confidence`, or with a mark between its
        letters (`INNER_MARK`), is marked `doubtful`.  An image
        below the settings' `dpi` is upsampled to it (Lanczos), one above twice that brought down
        to it; between, it is read as it is."""
        self._check(number)
        s = self.settings
        if image.width * image.height * (s.dpi / dpi) ** 2 > MAX_PIXELS:
            raise DocumentLoadError(f"{self.path}: page {number} is {image.width / dpi:.0f} x "
                                    f"{image.height / dpi:.0f} inches ({image.width} x "
                                    f"{image.height} pixels at {dpi:g} dpi): at {s.dpi} dpi past "
                                    f"the limit of {MAX_PIXELS // 10**6} million pixels; not read")
        unread = _unreadable(image, s)
        if unread:
            self.warnings.append(Warning_(f"page {number} is {unread}: not read",
                                          [Provenance(self.path.name, pages=(number,))]))
            return [], []
        smooth, smoothed = smooth_bilevel(image, dpi, s.smooth_bilevel)
        as_scanned = _at_reading_dpi(image, dpi, s.dpi)[0] if smoothed else None
        image, read_at, resampled = _at_reading_dpi(smooth, dpi, s.dpi)
        how = ", ".join(x for x in (how, smoothed, resampled) if x)
        # the first page is read in every installed language;
        # the others in the one it was read best in
        languages = [self.language] if self.language else [code for code in LANGUAGES.values()
                                                            if code in installed_languages()]
        page = read_page(image, read_at, languages, s, self.threads, as_scanned, self.turn)
        self.language, self.turn = page.language, page.turn
        dx, dy = origin
        for c, after in zip(page.chars, page.chars[1:] + [None]):
            c["doubtful"] = (c["conf"] < max(s.sure_confidence, s.twin_confidence)
                             or _stop_before_lower(c, after)
                             or INNER_MARK.search(c["text"]) is not None)
            c["x0"], c["x1"], c["top"], c["bottom"] = (c["x0"] + dx, c["x1"] + dx,
                                                       c["top"] + dy, c["bottom"] + dy)
        for e in page.edges:
            e["x0"], e["x1"], e["top"], e["bottom"] = (e["x0"] + dx, e["x1"] + dx,
                                                       e["top"] + dy, e["bottom"] + dy)
        self.words[number] = [page_word(c) for c in page.chars]
        self.warnings.append(Warning_(
            f"page {number} read by OCR (Tesseract "
            f"{page.language}{'; ' + how if how else ''}): "
            f"{f'set upright by {page.turn} degrees clockwise, ' if page.turn else ''}"
            f"turned {page.skew:+.2f} degrees level, {len(page.chars)} words, "
            f"mean confidence {page.mean_confidence:.1f}, "
            f"{sum(1 for c in page.chars if c['conf'] < s.low_confidence)} below "
            f"{s.low_confidence:g}",
            [Provenance(self.path.name, pages=(number,))]))
        return page.chars, page.edges

    def pdf_page(self, number: int) -> tuple[list[dict], list[dict]]:
        """A scanned PDF page read by OCR: the picture it holds, at the picture's own resolution,
        where the page is one upright picture (a scanner's PDF); else the page rendered at the
        settings' `dpi` (pypdfium2, as pdfplumber renders)."""
        self._check(number)  # before rendering it
        import pypdfium2 as pdfium

        if self.pdf is None:
            self.pdf = pdfium.PdfDocument(str(self.path))
        dpi = self.settings.dpi
        page = self.pdf[number - 1]  # type: ignore[index]
        key = _picture_key(page)
        # the picture of a page already found blank
        if key is not None and key in self.blank_pictures:
            return self.image(_white(), dpi, number)
        native = page_picture(page, self.settings.min_dpi)
        if native is not None:
            picture, picture_dpi, origin = native
            if key is not None and blank(picture, self.settings):
                self.blank_pictures.add(key)
            return self.image(picture, picture_dpi, number, origin, "the page's own picture")
        width, height = page.get_size()
        if width * height * (dpi / 72) ** 2 > MAX_PIXELS:
            raise DocumentLoadError(f"{self.path}: page {number} is {width / 72:.0f} x "
                                    f"{height / 72:.0f} inches: at {dpi} dpi past the limit "
                                    f"of {MAX_PIXELS // 10**6} million pixels; not read")
        # a blank page is told on a render at a quarter of the resolution, where anything drawn
        # at all (a pixel not white) is ink: the full render is made only for a page with
        # something on it
        if blank(page.render(scale=dpi / 72 / 4, grayscale=True).to_pil(), self.settings, ink=250):
            return self.image(_white(), dpi, number)
        image = page.render(scale=dpi / 72, grayscale=True).to_pil()
        return self.image(image, dpi, number)

    def close(self) -> None:
        if self.pdf is not None:
            self.pdf.close()  # type: ignore[attr-defined]
