"""A PDF page's text layer: its characters and ruling lines, read by one of two engines.

* `pdfium` (the default): pypdfium2, Chrome's PDF library, already installed with pdfplumber.
  It gives each character with its origin, font size and advance, and each path object's
  points, 6-10 times faster than pdfminer parses the same page.
* `pdfplumber`: pdfminer's layout objects, as pdfplumber gives them; the reference the tests
  hold the other engine to (`--pdf-engine pdfplumber`).

Both give the PDF reader the same things: characters (`text`, `x0`, `x1`, `top`, `bottom`,
`size`, in points from the page's top left) and edges (`orientation` `h`/`v`, `x0`, `x1`,
`top`, `bottom`), settled the same way (`settle`; `_settled` for pdfium's characters, in the
pass that places them as shown) so that the reader's output is the same byte for byte whichever
engine read the page:

* a character's box is its font size standing on its baseline (the font's declared descent
  is left out: pdfminer takes it from the font descriptor, pdfium from the font program, and
  a LibreOffice PDF declares none);
* coordinates are rounded to a thousandth of a point (pdfium computes in single precision,
  pdfminer in double: both land on the same thousandth);
* a ligature (`ff`, one glyph for two letters) is one character ending where the next one
  on its line starts, or a letter's width on for each of its letters at the end of a line; where
  the next glyph stands further than the ligature's letters reach (each as wide as it is drawn on
  its own on the page) and a little more, a space parts them (`staff at`), and the ligature ends
  where its letters do; one
  its font names by the ligature's own code (`ﬁ`, U+FB01) is its letters (`fi`);
* whitespace is not a character: where words part is told by the gap between them (pdfium
  drops some spaces and no-break spaces that pdfminer keeps, and makes up others);
* a shape filled white and not stroked (a page's background) draws no rule; a rule's part
  above or below the page (wkhtmltopdf draws the whole table on every page, clipped to it) is
  cut off;
* a page is read in the turn its text reads in (`reading_rotation`): its `/Rotate`, unless most
  of its characters read left to right in another turn (upright text under a `/Rotate`);
* text drawn invisible (render mode 3 or 7: an OCR layer, a hidden copy) is left out and
  counted (`visible`), unless it is all the page's text (a searchable scan);
* a page pdfium cannot place to the thousandth as pdfminer does is read by pdfminer (see
  `_places_exactly`): its text scaled by its matrix (a browser sets 16 px type in a matrix of
  0.75, wkhtmltopdf in 0.576) or its fonts' widths written with fractions (333.00781).  pdfium
  computes glyph positions in single precision from widths cut to whole thousandths of an em,
  and such positions land on either side of a thousandth by chance.
"""
from __future__ import annotations

import ctypes
import functools
import math
import unicodedata
from collections.abc import Generator
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import Any

from ..enums import PdfEngine
from ..errors import DocumentLoadError

ENGINES = tuple(PdfEngine)
DEFAULT_ENGINE = "pdfium"
HYPHEN = "\x02"  # pdfium's code for a hyphen it takes to end a line (`anti-` | `trafficking`)


@dataclass
class PageLayer:
    """One page's text layer; `picture_only`: no text but a picture (a scan: read by OCR)."""

    number: int
    chars: list[dict]
    edges: list[dict]
    picture_only: bool
    of: int = 0  # pages in the document
    rotation: int = 0  # the page's `/Rotate`, as a quarter turn clockwise (0, 90, 180, 270)
    # the turn it was read in: its text's (`reading_rotation`), if that is not `rotation`
    read_as: int = 0
    hidden: int = 0  # letters drawn invisible (`INVISIBLE`) beside visible text: left out
    # boxes of a web page's controls (`script_links`)
    controls: tuple[tuple[float, float, float, float], ...] = ()


# -- settling: the same objects from either engine ------------------------------------------

# the ligatures Unicode codes as one character (ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ): a font's glyph for letters,
# which a ToUnicode map may name by its code rather than by its letters (Chromium's header and
# footer)
LIGATURES = {chr(code): unicodedata.normalize("NFKC", chr(code)) for code in range(0xFB00, 0xFB07)}


def _grid(v: float) -> float:
    """`v` on the grid of thousandths of a point (round(v, 3), at a third of its cost)."""
    return round(v * 1000.0) / 1000.0


# a character on its way to the reader, one tuple built once: its text, its box as shown
# (x0, x1, top, bottom), its font size, and a ligature's width at the end of its line
# (`_ligature_width`); `settle` makes each the reader's dict (pdfplumber's: pdfium's characters
# are settled as they are placed as shown, `_settled`)
Glyph = tuple[str, float, float, float, float, float, float]


def settle(chars: list[Glyph], edges: list[dict], page: tuple[float, float] | None = None
           ) -> tuple[list[dict], list[dict]]:
    """Characters (`Glyph`s) and edges as the reader takes them (see the module's docstring).
    `page`: its width and height as shown; the edges are cut to it."""
    out: list[dict] = []
    ligatures: list[tuple[int, float]] = []  # (index, width) of a glyph of letters, or one coded
    for text, x0, x1, top, bottom, size, width in chars:
        if not text.strip():
            continue
        if len(text) > 1 or text in LIGATURES:
            ligatures.append((len(out), width))
        # _grid, inline
        out.append({"text": text, "x0": round(x0 * 1000.0) / 1000.0,
                    "x1": round(x1 * 1000.0) / 1000.0, "top": round(top * 1000.0) / 1000.0,
                    "bottom": round(bottom * 1000.0) / 1000.0,
                    "size": round(size * 1000.0) / 1000.0})
    _end_ligatures(out, ligatures)
    return out, _settle_edges(edges, page)


def _end_ligatures(out: list[dict], ligatures: list[tuple[int, float]]) -> None:
    """Where each glyph of several letters ends (see the module's docstring), and a glyph coded
    as a ligature (U+FB01) made its letters; `ligatures`: their indices in `out`, in order, and
    their widths at the end of a line."""
    advances: dict[tuple[str, float], float] | None = None
    for i, width in ligatures:
        ch = out[i]
        if len(ch["text"]) > 1:
            after = out[i + 1] if i + 1 < len(out) else None
            if after is not None and after["bottom"] == ch["bottom"] and \
                    ch["x0"] < after["x0"] <= ch["x0"] + ch["size"] * len(ch["text"]):
                if advances is None:
                    advances = _advances(out, {letter for j, _ in ligatures
                                               for letter in out[j]["text"]})
                letters = _letters_width(ch, advances)
                glued = after["x0"] <= ch["x0"] + letters + ch["size"] * LIGATURE_SLACK
                # else: a space follows
                ch["x1"] = after["x0"] if glued else _grid(ch["x0"] + letters)
            else:
                ch["x1"] = _grid(ch["x0"] + width)
        # one glyph for two letters that the font names as such (U+FB01)
        if ch["text"] in LIGATURES:
            ch["text"] = LIGATURES[ch["text"]]


def _settle_edges(edges: list[dict], page: tuple[float, float] | None) -> list[dict]:
    """The edges on the grid, cut to the page (`_on_page`), each level or upright."""
    lines = []
    for e in _on_page(edges, page) if page else edges:
        x0, x1, top, bottom = _grid(e["x0"]), _grid(e["x1"]), _grid(e["top"]), _grid(e["bottom"])
        # level or upright once rounded (on a turned page pdfminer's double arithmetic leaves a
        # level line's ends a hair apart, and pdfplumber calls it upright, or a curve's piece
        # slanted); a slanted line stays as given (pdfplumber: upright), a slanted piece of a
        # curve is no edge
        orientation = ("h" if top == bottom and x0 != x1
                       else "v" if x0 == x1 and top != bottom
                       else e["orientation"])
        if orientation in ("h", "v"):
            lines.append({"orientation": orientation, "x0": x0, "x1": x1, "top": top,
                          "bottom": bottom})
    return lines


# font sizes: a ligature's next glyph further than its letters' width and this is a word on
LIGATURE_SLACK = 0.15


def _advances(chars: list[dict], letters: set[str]) -> dict[tuple[str, float], float]:
    """The advance of each of `letters` drawn on its own on the page, by its size (the first
    seen)."""
    out: dict[tuple[str, float], float] = {}
    for ch in chars:
        if ch["text"] in letters:
            out.setdefault((ch["text"], ch["size"]), ch["x1"] - ch["x0"])
    return out


def _letters_width(ch: dict, advances: dict[tuple[str, float], float]) -> float:
    """A ligature's width as its letters drawn on their own on the page (half an em for a letter
    not seen): both engines know these alike, and neither the ligature's own advance."""
    return sum(advances.get((letter, ch["size"]), ch["size"] * 0.5) for letter in ch["text"])


def _on_page(edges: list[dict], page: tuple[float, float]) -> list[dict]:
    """The edges cut to the page's height (the page's `(width, height)`): what lies above or
    below it belongs to other pages (wkhtmltopdf paints the whole table on every page, clipped
    to it).  What runs past its sides is kept: a table too wide for the page still holds its
    text there, and its rules frame that text (WeasyPrint on a page too narrow)."""
    _, height = page
    out = []
    for e in edges:
        if e["top"] >= 0 and e["bottom"] <= height:
            out.append(e)
            continue
        top, bottom = max(e["top"], 0.0), min(e["bottom"], height)
        if top < bottom or top == bottom and e["x0"] < e["x1"]:
            out.append({**e, "top": top, "bottom": bottom})
    return out


def _white(color) -> bool:
    """A fill colour that is the paper's: white in grey, RGB or CMYK (pdfminer's components)."""
    if isinstance(color, (int, float)):
        color = (color,)
    if not isinstance(color, (tuple, list)) or not all(isinstance(c, (int, float)) for c in color):
        return False
    return (all(c == 1 for c in color) if len(color) in (1, 3)
            else len(color) == 4 and not any(color))


# -- invisible text ----------------------------------------------------------------------------

INVISIBLE = (3, 7)  # text render modes that paint nothing: invisible (an OCR layer), clip only


def visible(chars: list, invisible: list[bool], text=itemgetter("text")) -> tuple[list, int]:
    """The characters a viewer shows, and how many letters are left out: text drawn invisible
    (`INVISIBLE`: an OCR layer under a picture, a second copy of the text) is left out where the
    page shows text; a page whose only text is invisible (a searchable scan) keeps it all.
    `text`: a character's text (pdfium's are strings: `Placed.shown`)."""
    if not any(invisible):
        return chars, 0
    shown = [ch for ch, hide in zip(chars, invisible) if not hide]
    if not shown:
        return chars, 0
    return shown, sum(len("".join(text(ch).split()))
                      for ch, hide in zip(chars, invisible) if hide)


# -- a web page's controls --------------------------------------------------------------------

# a link's address that runs a script in a browser, and does nothing on paper
SCRIPT = b"javascript:"


def script_links(rects: list[tuple[float, float, float, float]], turn: int, box) -> tuple:
    """The boxes (x0, top, x1, bottom, as shown) of the links that run a script, from their
    rectangles in PDF space (`rects`), on a page read in `turn` with media box `box`."""
    if not rects:
        return ()
    edges = [{"orientation": "h", "x0": min(a, c), "y0": min(b, d), "x1": max(a, c),
              "y1": max(b, d)}
             for a, b, c, d in rects]
    return tuple((_grid(e["x0"]), _grid(e["top"]), _grid(e["x1"]), _grid(e["bottom"]))
                 for e in _shown_edges(edges, turn, tuple(box)))


def _plumber_script_rects(page_obj) -> list[tuple[float, float, float, float]]:
    """pdfminer's page: the rectangles of its links whose address is a script (`SCRIPT`)."""
    from pdfminer.pdftypes import resolve1

    out = []
    annots = resolve1(page_obj.annots)
    for annot in annots if isinstance(annots, list) else []:
        annot = resolve1(annot)
        action = resolve1(annot.get("A")) if isinstance(annot, dict) else None
        uri = resolve1(action.get("URI")) if isinstance(action, dict) else None
        rect = resolve1(annot.get("Rect")) if isinstance(annot, dict) else None
        if isinstance(uri, bytes) and uri.strip().lower().startswith(SCRIPT) \
                and isinstance(rect, list) and len(rect) == 4:
            a, b, c, d = (float(resolve1(v)) for v in rect)
            out.append((a, b, c, d))
    return out


def _pdfium_script_rects(doc, page) -> list[tuple[float, float, float, float]]:
    """pdfium's page: the rectangles of its links whose address is a script (`SCRIPT`)."""
    import pypdfium2.raw as raw

    out = []
    at, link = ctypes.c_int(0), raw.FPDF_LINK()
    while raw.FPDFLink_Enumerate(page, ctypes.byref(at), ctypes.byref(link)):
        action = raw.FPDFLink_GetAction(link)
        if not action or raw.FPDFAction_GetType(action) != raw.PDFACTION_URI:
            continue
        size = raw.FPDFAction_GetURIPath(doc, action, None, 0)
        address = ctypes.create_string_buffer(size)
        raw.FPDFAction_GetURIPath(doc, action, address, size)
        rect = raw.FS_RECTF()
        if address.value.strip().lower().startswith(SCRIPT) \
                and raw.FPDFLink_GetAnnotRect(link, rect):
            out.append((rect.left, rect.bottom, rect.right, rect.top))
    return out


# -- the frame a page is read in ---------------------------------------------------------------

def _turn_of(dx: float, dy: float) -> int:
    """The quarter turn clockwise that makes a run `(dx, dy)` (y up) run rightwards."""
    if abs(dx) >= abs(dy):
        return 0 if dx >= 0 else 180
    return 90 if dy > 0 else 270


def reading_rotation(rotation: int, turns: list[int]) -> int:
    """The turn a page is read in: its `/Rotate` (`rotation`), unless more of its characters read
    left to right in another turn (`turns`: each character's, in PDF space).  A landscape page is
    drawn sideways and turned upright by its `/Rotate`: it is read as shown.  A page whose
    `/Rotate` turns upright text sideways (a viewer shows it so; its reader turns the view) is
    read in the turn its text reads in, as that reader would read it."""
    counts = {turn: turns.count(turn) for turn in (0, 90, 180, 270)}
    best = max(counts, key=lambda turn: (counts[turn], turn == rotation))
    return rotation if counts[best] <= counts[rotation] else best


# -- pdfplumber --------------------------------------------------------------------------------

def plumber_chars(chars: list[dict]) -> list[Glyph]:
    """pdfplumber's characters on their baselines: an upright character's box moved by its
    descent (the distance from its bottom to its origin); a ligature's letters' width is its
    advance shared out."""
    out = []
    for ch in chars:
        a, b, c, d, e, f = ch["matrix"]
        # turned twice: 1e-17, not 0
        shift = ch["y0"] - f if abs(b) < 1e-9 and abs(c) < 1e-9 and d > 0 else 0.0
        out.append((ch["text"], ch["x0"], ch["x1"], ch["top"] + shift, ch["bottom"] + shift,
                    ch["size"], _ligature_width(ch["text"], ch["size"])))
    return out


def _ligature_width(text: str, size: float) -> float:
    """A ligature at the end of its line: half an em for each of its letters (neither engine
    knows the ligature glyph's own advance in a way the other can match)."""
    return 0.5 * size * len(text) if len(text) > 1 else 0.0


def plumber_pages(path: Path, check) -> Generator[PageLayer, None, None]:
    """Every page through pdfplumber; `check(pdfminer_document)` first (budgets, cycles)."""
    import pdfplumber

    pdf = pdfplumber.open(str(path))
    # not `with pdf`: pdfplumber's close walks the pages
    # again, and fails again on a broken page tree
    try:
        check(pdf.doc)
        for number, page in enumerate(pdf.pages, start=1):
            yield _plumber_layer(number, page, len(pdf.pages))
    finally:
        pdf.stream.close()


def _plumber_layer(number: int, page, of: int) -> PageLayer:
    page = _rendered_page(page.page_obj, page)
    rotation = page.rotation
    chars, hidden = visible(*_plumber_letters(page.chars))
    turn = reading_rotation(rotation, [(_turn_of(*ch["matrix"][:2]) + rotation) % 360
                                       for ch in chars if ch["text"].strip()])
    if turn != rotation:  # read again, turned as its text reads
        page = _turned(page, turn)
        chars = visible(*_plumber_letters(page.chars))[0]
    # a white shape, only filled, is paper (a page's background), no rule
    edges = [e for e in page.edges
             if not (e.get("fill") and not e.get("stroke")
                     and _white(e.get("non_stroking_color")))]
    picture_only = not any(c["text"].strip() for c in chars) and bool(page.images)
    chars, edges = settle(plumber_chars(chars), edges, (page.width, page.height))
    controls = script_links(_plumber_script_rects(page.page_obj), turn, page.page_obj.mediabox)
    page.close()  # its parsed objects are freed before the next page: memory stays flat
    return PageLayer(number, chars, edges, picture_only, of, rotation, turn, hidden, controls)


def _plumber_letters(chars: list[dict]) -> tuple[list[dict], list[bool]]:
    """pdfplumber's characters but whitespace, and whether each is drawn invisible."""
    letters = [ch for ch in chars if ch["text"].strip()]
    return letters, [ch.get("render", 0) in INVISIBLE for ch in letters]


def _turned(page, turn: int):
    """pdfplumber's page laid out as if its `/Rotate` were `turn` (pdfminer turns the page by its
    object's `rotate`, pdfplumber its box by its `Rotate`)."""
    page.close()
    obj = page.page_obj
    obj.rotate = turn
    obj.attrs = {**obj.attrs, "Rotate": turn}
    return _rendered_page(obj, page)


@functools.cache
def _rendered_page_class():
    """pdfplumber's page whose characters carry their text render mode (`render`): pdfminer
    knows it while it draws a string but does not keep it on the character."""
    from pdfplumber.page import (
        Page,
        PdfminerException,
        PDFPageAggregatorWithMarkedContent,
        PDFPageInterpreter,
    )

    class Device(PDFPageAggregatorWithMarkedContent):
        render = 0

        def render_string(self, textstate, seq, ncs, graphicstate) -> None:
            self.render = textstate.render
            super().render_string(textstate, seq, ncs, graphicstate)

        def render_char(self, *args, **kwargs) -> float:
            advance = super().render_char(*args, **kwargs)
            item: Any = self.cur_item._objs[-1]  # the character just drawn
            item.render = self.render
            return advance

    class RenderedPage(Page):
        @property
        def layout(self):
            if not hasattr(self, "_layout"):
                device = Device(self.pdf.rsrcmgr, pageno=self.page_number,
                                laparams=self.pdf.laparams)
                try:
                    PDFPageInterpreter(self.pdf.rsrcmgr, device).process_page(self.page_obj)
                except Exception as e:
                    raise PdfminerException(e) from e
                self._layout = device.get_result()
            return self._layout

        def process_object(self, obj):
            attr = super().process_object(obj)
            if hasattr(obj, "render"):
                attr["render"] = obj.render
            return attr

    return RenderedPage


def _rendered_page(page_obj, like):
    """`page_obj` as a page of `like`'s document whose characters carry their render mode."""
    return _rendered_page_class()(like.pdf, page_obj, like.page_number, like.initial_doctop)


class _Reference:
    """pdfplumber's reading of single pages of a file, opened on the first page asked for."""

    def __init__(self, path: Path):
        self.path = path
        self.pdf: Any = None

    def layer(self, index: int, of: int) -> PageLayer:
        import pdfplumber

        if self.pdf is None:
            self.pdf = pdfplumber.open(str(self.path))
        return _plumber_layer(index + 1, self.pdf.pages[index], of)

    def close(self) -> None:
        if self.pdf is not None:
            self.pdf.stream.close()


# -- pdfium ------------------------------------------------------------------------------------

PATH, IMAGE, FORM = 2, 3, 5  # FPDF_PAGEOBJ_*
MOVETO, BEZIERTO = 2, 1  # FPDF_SEGMENT_*


def pdfium_pages(path: Path, check) -> Generator[PageLayer, None, None]:
    """Every page through pypdfium2; `check(pdfminer_document)` first, on pdfminer's parse of
    the file's structure only (no page is laid out by pdfminer); a page pdfium cannot place
    exactly (`_places_exactly`, `_fractional_widths`) through pdfplumber."""
    import pypdfium2 as pdfium

    boxes, fractional = _check_with_pdfminer(path, check)
    pdf = pdfium.PdfDocument(str(path))
    if len(boxes) != len(pdf):
        boxes, fractional = [], []
    reference = _Reference(path)
    try:
        for index in range(len(pdf)):
            try:
                page = pdf[index]
            except pdfium.PdfiumError:
                raise DocumentLoadError(f"{path}: not a readable PDF: page "
                                        f"{index + 1} cannot be loaded (its page "
                                        "tree or page object is damaged)") from None
            try:
                # a page pdfium cannot place exactly (`_places_exactly`) is pdfminer's: its fonts'
                # widths told before its characters are read, its matrices as they are
                if fractional and fractional[index]:
                    yield reference.layer(index, len(pdf))
                    continue
                (placed, invisible), exact = _pdfium_chars(page.raw)
                if not exact:
                    yield reference.layer(index, len(pdf))
                    continue
                placed, hidden = placed.shown(invisible)
                edges: list[dict] = []
                pictures = _walk(page.raw, None, edges)
                # the media box, where pdfminer measures from (pdfium's own is the page's only)
                box = (tuple(boxes[index]) if boxes
                       else page.get_mediabox(fallback_ok=False) or page.get_bbox())
                rotation = page.get_rotation()
                turn = reading_rotation(rotation, [run[-1] for run in placed.runs])
                chars = _settled(placed, turn, box)
                edges = _settle_edges(_shown_edges(edges, turn, box), _size_shown(turn, box))
                controls = script_links(_pdfium_script_rects(pdf.raw, page.raw), turn, box)
                yield PageLayer(index + 1, chars, edges, not chars and pictures > 0, len(pdf),
                                rotation, turn, hidden, controls)
            finally:
                page.close()
    finally:
        pdf.close()
        reference.close()


def _check_with_pdfminer(path: Path, check) -> tuple[list, list[bool]]:
    """`check` the file on pdfminer's parse of its structure (no page laid out), and return each
    page's media box as pdfminer resolves it (inherited from the page tree; pdfium gives only
    a page's own), and whether its fonts' widths have fractions (`_fractional_widths`); empty
    lists if pdfminer cannot list the pages."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    with open(path, "rb") as handle:
        doc = PDFDocument(PDFParser(handle))
        check(doc)
        try:
            pages = list(PDFPage.create_pages(doc))
            seen: dict[int, bool] = {}
            return ([page.mediabox for page in pages],
                    [_fractional_widths(page.resources, seen) for page in pages])
        except Exception:  # a page tree pdfminer cannot walk: pdfium's own boxes, below
            return [], []


def _fractional_widths(resources, seen: dict[int, bool]) -> bool:
    """Does a font of the page give a glyph a width with a fraction (a browser's 333.00781)?
    pdfium places glyphs by widths cut to whole numbers, pdfminer by the widths as written.
    `seen`: the answer for each font object already looked at (fonts are shared by pages)."""
    from pdfminer.pdftypes import PDFObjRef, dict_value, resolve1

    fonts = dict_value(resolve1(resources.get("Font"))) if isinstance(resources, dict) else {}
    for ref in fonts.values():
        key = ref.objid if isinstance(ref, PDFObjRef) else id(ref)
        if key not in seen:
            try:
                seen[key] = _font_has_fractions(dict_value(resolve1(ref)))
            except Exception:  # a damaged font: pdfium's reading stands
                seen[key] = False
        if seen[key]:
            return True
    return False


def _font_has_fractions(spec: dict) -> bool:
    from pdfminer.pdftypes import dict_value, list_value, resolve1

    widths = list(list_value(resolve1(spec.get("Widths", []))))
    for descendant in list_value(resolve1(spec.get("DescendantFonts", []))):
        for item in list_value(resolve1(dict_value(resolve1(descendant)).get("W", []))):
            item = resolve1(item)
            widths.extend(list_value(item) if isinstance(item, list) else [item])
    return any(isinstance(w, float) and not w.is_integer() for w in map(resolve1, widths))


# a glyph of a text object: the run of its advance (rx, ry), the object's up vector (ux, uy), its
# font size as shown, and the turn that makes it run rightwards (`_turn_of`, told by the up
# vector where it has no advance)
Run = tuple[float, float, float, float, float, int]


@dataclass
class Placed:
    """A page's characters in PDF space as pdfium gives them, as four lists of one item a
    character (no object is built for each, which the garbage collector would look at again
    and again): their texts, their origins (x, y), and their glyphs' `Run`s."""

    texts: list[str]
    xs: list[float]
    ys: list[float]
    runs: list[Run]

    def shown(self, invisible: list[bool]) -> tuple[Placed, int]:
        """The characters a viewer shows, and how many letters are left out (`visible`)."""
        texts, hidden = visible(self.texts, invisible, str)
        if texts is self.texts:
            return self, hidden
        return Placed(texts, _kept(self.xs, invisible), _kept(self.ys, invisible),
                      _kept(self.runs, invisible)), hidden


def _kept(column: list, invisible: list[bool]) -> list:
    """The items of `column` whose character is not drawn invisible."""
    return [item for item, hide in zip(column, invisible) if not hide]


def _pdfium_chars(page) -> tuple[tuple[Placed, list[bool]], bool]:
    """The page's characters in PDF space (y up, `Placed`), and whether each is drawn invisible
    (`INVISIBLE`); and whether pdfium places them exactly (`_places_exactly`: where it does not,
    no characters, read no further than the first text object it cannot place).  pdfium's
    generated characters (spaces and line ends it infers) are left out; the two letters it makes
    of a ligature glyph (same origin) are one character again.  What belongs to a text object
    (its font, size and matrix) is asked once per object, a glyph's run once per code in each
    `_style` of object, its width once per font."""
    import pypdfium2.raw as raw

    text = raw.FPDFText_LoadPage(page)
    try:
        return _placed(text)
    finally:
        raw.FPDFText_ClosePage(text)


def _placed(text) -> tuple[tuple[Placed, list[bool]], bool]:
    """`_pdfium_chars` of a loaded text page."""
    out = Placed([], [], [], [])
    texts, add_text, add_x, add_y, add_run = (out.texts, out.texts.append, out.xs.append,
                                              out.ys.append, out.runs.append)
    invisible: list[bool] = []
    x, y = ctypes.c_double(), ctypes.c_double()
    origin_of, object_of = _by_address()
    # the text page and the origin's two doubles as addresses (`_by_address`)
    page, at_x, at_y = _address(text), ctypes.addressof(x), ctypes.addressof(y)
    # text object -> its `_text_object` and its glyphs' runs by code, shared by the objects of
    # one font, size and matrix (`_style`: a line of text is drawn in many objects)
    objects: dict[int, tuple[tuple, dict[str, Run]]] = {}
    styles: dict[tuple, dict[str, Run]] = {}
    widths: dict[tuple[int, int], float] = {}  # (font, code) -> advance at size 1
    # the object of the character before, and its `objects` entry (an object's characters
    # come one after another)
    current: int | None = None
    info: tuple = ()
    runs: dict[str, Run] = {}
    hidden = False  # the object's characters are drawn invisible
    # the origin and object of the last character: a ligature's letters share them
    last_x = last_y = last_key = None
    for i, letter in enumerate(_codes(text)):
        if letter == HYPHEN:
            letter = "-"
        elif not letter.strip():  # whitespace, and all that pdfium generates (spaces, line ends)
            continue
        origin_of(page, i, at_x, at_y)
        key = object_of(page, i) or 0
        if key != current:
            if key not in objects:
                info = _text_object(text, i)
                if not info[-1]:  # the page is read by pdfminer: no more of it is needed
                    return (Placed([], [], [], []), []), False
                objects[key] = (info, styles.setdefault(_style(info), {}))
            current, (info, runs) = key, objects[key]
            hidden = info[-2]
        run = runs.get(letter)
        if run is None:
            run = runs[letter] = _run(info, ord(letter), widths)
        ox, oy = x.value, y.value
        if ox == last_x and oy == last_y and key == last_key:  # a ligature's second letter
            texts[-1] += letter
            continue
        last_x, last_y, last_key = ox, oy, key
        add_text(letter)
        add_x(ox)
        add_y(oy)
        add_run(run)
        invisible.append(hidden)
    return (out, invisible), True


def _codes(text) -> str:
    """Each character's code (`FPDFText_GetUnicode`) of a loaded text page, as one string: the
    page's text in one call (`FPDFText_GetText`), which gives every character's code but a
    hyphen's (`HYPHEN`: U+FFFE there, asked again one by one); each asked alone where that text
    is not one code a character (a character pdfium leaves out of its text, a surrogate)."""
    import pypdfium2.raw as raw

    count = raw.FPDFText_CountChars(text)
    if count <= 0:
        return ""
    buffer = (ctypes.c_ushort * (count + 1))()
    written = raw.FPDFText_GetText(text, 0, count, buffer)
    try:
        codes = ctypes.string_at(buffer, 2 * count).decode("utf-16-le")
    except UnicodeDecodeError:
        codes = ""
    if written != count + 1 or len(codes) != count:
        return "".join(chr(raw.FPDFText_GetUnicode(text, i)) for i in range(count))
    letters, i = list(codes), codes.find("\ufffe")
    while i >= 0:
        letters[i] = chr(raw.FPDFText_GetUnicode(text, i))
        i = codes.find("\ufffe", i + 1)
    return "".join(letters)


def _style(info: tuple) -> tuple:
    """What of a text object (its `_text_object`) its glyphs' runs depend on: its font, size,
    size as shown, run of a unit of advance and up vector."""
    font_key, _, size, shown_size, along, up, _, _ = info
    return font_key, size, shown_size, along, up


def _run(info: tuple, code: int, widths: dict[tuple[int, int], float]) -> Run:
    """The `Run` of glyph `code` in a text object (`info`: its `_text_object`); `widths`: each
    glyph's advance at size 1 by font, filled as asked."""
    import pypdfium2.raw as raw

    font_key, font, size, shown_size, (ax, ay), (ux, uy), _, _ = info
    unit = widths.get((font_key, code))
    if unit is None:
        width = ctypes.c_float()
        raw.FPDFFont_GetGlyphWidth(font, code, ctypes.c_float(1000.0), width)
        unit = widths[(font_key, code)] = width.value / 1000.0
    advance = unit * size
    rx, ry = advance * ax, advance * ay
    return rx, ry, ux, uy, shown_size, _turn_of(rx, ry) if rx or ry else _turn_of(uy, -ux)


@functools.cache
def _by_address():
    """The two calls asked of every character, taking and giving addresses (ints) where
    pypdfium2's take and give typed pointers, which ctypes checks and converts on every call
    (a quarter of each call's cost): FPDFText_GetCharOrigin (text page, index, x, y) and
    FPDFText_GetTextObject (text page, index; the object's address: cheap to compare and
    hash)."""
    import pypdfium2.raw as raw

    address, index = ctypes.c_void_p, ctypes.c_int
    origin = ctypes.CFUNCTYPE(ctypes.c_int, address, index, address, address)
    text_object = ctypes.CFUNCTYPE(address, address, index)
    return (ctypes.cast(raw.FPDFText_GetCharOrigin, origin),
            ctypes.cast(raw.FPDFText_GetTextObject, text_object))


def _address(pointer) -> int:
    """A ctypes pointer's address."""
    return ctypes.cast(pointer, ctypes.c_void_p).value or 0


def _text_object(text, i: int) -> tuple:
    """The font (and a key for it), font size, that size as shown, the run of a unit of advance,
    the up vector of character `i`'s text object (its matrix applied: turned and scaled, as
    pdfminer applies it), whether it is drawn invisible (`INVISIBLE`), and whether pdfium places
    its glyphs exactly (`_places_exactly`)."""
    import pypdfium2.raw as raw

    obj = raw.FPDFText_GetTextObject(text, i)
    font = raw.FPDFTextObj_GetFont(obj) if obj else None
    font_key = ctypes.cast(font, ctypes.c_void_p).value or 0 if font else 0
    size = raw.FPDFText_GetFontSize(text, i)
    m = raw.FS_MATRIX()
    raw.FPDFText_GetMatrix(text, i, m)
    across, down = math.hypot(m.a, m.b), math.hypot(m.c, m.d)
    exact = _places_exactly(across, down)
    hidden = bool(obj) and raw.FPDFTextObj_GetTextRenderMode(obj) in INVISIBLE
    if m.b == 0 and m.c == 0 and m.a > 0 and m.d > 0:  # upright, as nearly all text
        return font_key, font, size, size * m.d, (m.a, 0.0), (0.0, size * m.d), hidden, exact
    return font_key, font, size, size * down, (m.a, m.b), (size * m.c, size * m.d), hidden, exact


def _places_exactly(across: float, down: float) -> bool:
    """Text set at its font size (its matrix turns it, if anything): pdfium's positions are then
    pdfminer's to the thousandth.  Text scaled by its matrix (a browser's 16 px in a matrix of
    0.75) is placed at positions with many decimals, computed in single precision: such a page
    is read by pdfminer (`pdfium_pages`)."""
    return abs(across - 1.0) < 1e-6 and abs(down - 1.0) < 1e-6


def _walk(page, form, edges: list[dict], matrix=(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)) -> int:
    """The edges of every path object (in form XObjects too), in PDF space; returns how many
    pictures the page shows."""
    import pypdfium2.raw as raw

    count = (raw.FPDFFormObj_CountObjects(form) if form is not None
             else raw.FPDFPage_CountObjects(page))
    pictures = 0
    for i in range(count):
        obj = (raw.FPDFFormObj_GetObject(form, i) if form is not None
               else raw.FPDFPage_GetObject(page, i))
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == IMAGE:
            pictures += 1
        elif kind == PATH and not _paper(obj):
            edges.extend(_path_edges(obj, _times(_matrix(obj), matrix)))
        elif kind == FORM:
            pictures += _walk(page, obj, edges, _times(_matrix(obj), matrix))
    return pictures


def _paper(obj) -> bool:
    """A path only filled, in white: a page's background, no rule."""
    import pypdfium2.raw as raw

    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not raw.FPDFPath_GetDrawMode(obj, fill, stroke) or stroke.value or not fill.value:
        return False
    r, g, b, a = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    return (bool(raw.FPDFPageObj_GetFillColor(obj, r, g, b, a))
            and r.value == g.value == b.value == 255)


def _size_shown(rotation: int, box) -> tuple[float, float]:
    """The width and height of the page as shown: its media box, turned."""
    x0, y0, x1, y1 = box
    return (y1 - y0, x1 - x0) if rotation in (90, 270) else (x1 - x0, y1 - y0)


def _matrix(obj) -> tuple[float, ...]:
    import pypdfium2.raw as raw

    m = raw.FS_MATRIX()
    raw.FPDFPageObj_GetMatrix(obj, m)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _times(m, n) -> tuple[float, ...]:
    """m then n (PDF's row-vector convention)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def _path_edges(obj, m) -> list[dict]:
    """A path's straight pieces as pdfminer and pdfplumber see them: each subpath is a line
    (two points), a rectangle (four corners, closed, sides upright: four edges), or a curve
    (its points in order, control points too, each pair an edge, the closing one too).  The
    orientation of each is settled in `settle`, once the coordinates are rounded."""
    import pypdfium2.raw as raw

    x, y = ctypes.c_float(), ctypes.c_float()
    subpaths: list[tuple[list[tuple[float, float]], bool]] = []
    for i in range(raw.FPDFPath_CountSegments(obj)):
        seg = raw.FPDFPath_GetPathSegment(obj, i)
        raw.FPDFPathSegment_GetPoint(seg, x, y)
        a, b, c, d, e, f = m
        point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        if raw.FPDFPathSegment_GetType(seg) == MOVETO or not subpaths:
            subpaths.append(([point], False))
        else:
            subpaths[-1][0].append(point)
        if raw.FPDFPathSegment_GetClose(seg):
            subpaths[-1] = (subpaths[-1][0], True)
    edges: list[dict] = []
    for points, closed in subpaths:
        if len(points) == 2:
            edges.append(_edge(points[0], points[1], line=True))
            continue
        if _rectangle(points, closed):
            corners = points[:4]
            edges.extend(_edge(p, q) for p, q in zip(corners, corners[1:] + corners[:1]))
            continue
        if closed:
            points = points + points[:1]  # pdfminer's curve ends where it began
        edges.extend(_edge(p, q) for p, q in zip(points, points[1:]))
    return edges


def _rectangle(points, closed: bool) -> bool:
    if not (len(points) == 4 and closed or len(points) == 5 and points[0] == points[4]):
        return False
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = points[:4]
    return ((x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0)
            or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0))


def _edge(p, q, line: bool = False) -> dict:
    """pdfplumber's orientation: a line is `h` if level, else `v` (a slanted line too); a
    curve's piece `v` if upright, `h` if level, else none."""
    (px, py), (qx, qy) = p, q
    orientation = (("h" if py == qy else "v") if line
                   else ("v" if px == qx else "h" if py == qy else None))
    return {"orientation": orientation, "x0": min(px, qx), "x1": max(px, qx), "y0": min(py, qy),
            "y1": max(py, qy)}


def _frame(rotation: int, box):
    """The frame of a page as shown, as pdfplumber gives it: PDF space turned by the page's
    rotation, from the top left of its media box, y down (for a media box that starts at (0, 0),
    as nearly all do; pdfplumber's frame otherwise).  Returns the function taking a PDF point to
    it, and the box's left, bottom and height in it."""
    x0, y0, x1, y1 = box
    # pdfplumber's frame: the box, its sides swapped on a page turned a quarter; x from its left,
    # y down from its top, of pdfminer's coordinates, which start at the box's corner
    left, bottom, height = (y0, x0, x1 - x0) if rotation in (90, 270) else (x0, y0, y1 - y0)

    def at(px: float, py: float) -> tuple[float, float]:  # PDF point -> (x, y down) as shown
        if rotation == 90:
            sx, sy = py - y0, x1 - px
        elif rotation == 180:
            sx, sy = x1 - px, y1 - py
        elif rotation == 270:
            sx, sy = y1 - py, px - x0
        else:
            sx, sy = px - x0, py - y0
        return sx + left, height - (sy + bottom)

    return at, left, bottom, height


def _settled(chars: Placed, rotation: int, box) -> list[dict]:
    """pdfium's characters as the reader takes them, each placed as shown (`_frame`) and settled
    (`settle`: on the grid, a ligature's end) in the same pass.  A character is the box of its
    advance and its font size standing on its baseline.  A line's characters share a baseline,
    an up vector and a size: each is put on the grid once for the characters that share it."""
    at, left, bottom, height = _frame(rotation, box)
    x0, y0 = box[0], box[1]
    out: list[dict] = []
    ligatures: list[tuple[int, float]] = []  # as `settle`'s
    # the baseline, up vector and size of the character before, and its top, bottom and size on
    # the grid
    seen_y = seen_up = seen_size = None
    top = bottom_ = grid_size = 0.0
    upright_page = rotation == 0
    for text, x, y, (rx, ry, ux, uy, size, _) in zip(chars.texts, chars.xs, chars.ys, chars.runs):
        if len(text) > 1 or text in LIGATURES:
            # _ligature_width, inline
            ligatures.append((len(out), 0.5 * size * len(text) if len(text) > 1 else 0.0))
        # upright on an upright page: most text
        if upright_page and ry == 0 and ux == 0 and rx >= 0 and uy > 0:
            if y != seen_y or uy != seen_up or size != seen_size:
                seen_y, seen_up, seen_size = y, uy, size
                base = height - (y - y0 + bottom)
                # _grid, inline
                top, bottom_ = round((base - uy) * 1000.0) / 1000.0, round(base * 1000.0) / 1000.0
                grid_size = round(size * 1000.0) / 1000.0
            out.append({"text": text, "x0": round((x - x0 + left) * 1000.0) / 1000.0,
                        "x1": round((x + rx - x0 + left) * 1000.0) / 1000.0, "top": top,
                        "bottom": bottom_, "size": grid_size})
            continue
        a, b, up, foot, shown = _turned_box(at, rotation, x, y, (rx, ry, ux, uy, size))
        seen_y, top, bottom_, grid_size = None, _grid(up), _grid(foot), _grid(shown)
        out.append({"text": text, "x0": _grid(a), "x1": _grid(b), "top": top, "bottom": bottom_,
                    "size": grid_size})
    _end_ligatures(out, ligatures)
    return out


def _turned_box(at, rotation: int, x: float, y: float, run: tuple
                ) -> tuple[float, float, float, float, float]:
    """A glyph's box as shown (x0, x1, top, bottom) where it or its page is turned, and its size:
    its font size where it stands upright as shown; else, as pdfminer, its height as shown."""
    rx, ry, ux, uy, size = run
    corners = [at(x, y), at(x + rx, y + ry), at(x + ux, y + uy), at(x + rx + ux, y + ry + uy)]
    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
    if not (rx and not ry and rotation in (0, 180) or ry and not rx and rotation in (90, 270)):
        size = max(ys) - min(ys)
    return min(xs), max(xs), min(ys), max(ys), size


def _shown_edges(edges: list[dict], rotation: int, box) -> list[dict]:
    """Edges in PDF space in the frame of the page as shown (`_frame`)."""
    at = _frame(rotation, box)[0]
    turned = rotation in (90, 270)
    out_edges = []
    for e in edges:
        (ax, ay), (bx, by) = at(e["x0"], e["y0"]), at(e["x1"], e["y1"])
        orientation = {"h": "v", "v": "h"}.get(e["orientation"]) if turned else e["orientation"]
        out_edges.append({"orientation": orientation, "x0": min(ax, bx), "x1": max(ax, bx),
                          "top": min(ay, by), "bottom": max(ay, by)})
    return out_edges


def pages(path: Path, engine: str, check) -> Generator[PageLayer, None, None]:
    """The pages of `path` read by `engine` (one of `ENGINES`)."""
    return {"pdfium": pdfium_pages, "pdfplumber": plumber_pages}[engine](path, check)
