"""Page images (.png, .jpg, .tif, a multi-page TIFF): each page read by OCR, then the PDF
reader's stages (grid, lines, paragraphs, page joins) as for a scanned PDF.

Coordinates are PDF points (1/72 inch) at the image's own resolution (its dpi tag; 300 when
it has none), so provenance reads the same as for a PDF: page number and bounding box.

A picture is read as a camera, a phone or an editor saved it (`picture_to_page`), whatever its
name says (Pillow reads the bytes: a GIF named `.png` is a GIF):

* turned upright by its EXIF orientation first (a phone holds every photo sideways and says so);
* brought to 8-bit grey: 16-bit grey scaled (not clipped white), a palette looked up, and a
  transparent picture laid on white paper, or, where that leaves no ink (text drawn only in the
  alpha channel), its opacity taken as the ink;
* white on black turned to black on white, where the larger part of the page and its border
  are the dark side;
* the frames of an animation (GIF, APNG, WebP, a phone's MPO) are not pages: the first is read,
  with a warning; a TIFF's frames are its pages.
"""
from __future__ import annotations

import itertools
import warnings
from pathlib import Path

import numpy as np

from ..errors import DocumentLoadError
from ..model import Document, Provenance, SourceInfo, Warning_
from .ocr import MAX_PIXELS, OcrSession
from .options import OCR_DEFAULT, OcrSettings, ReadOptions
from .pdf import build, page_to_parts, page_words


def resolution(frame, s: OcrSettings = OCR_DEFAULT) -> float:
    """A page image's dots per inch: its tag, or `default_dpi` when it has none or a wrong one."""
    dpi = float((frame.info.get("dpi") or (s.default_dpi,))[0] or s.default_dpi)
    return dpi if dpi >= s.min_dpi else s.default_dpi


def _check_size(path: Path, frame) -> None:
    width, height = frame.size
    if width * height > MAX_PIXELS:
        raise DocumentLoadError(f"{path}: a page of {width} x {height} pixels, "
                                f"past the limit of {MAX_PIXELS // 10**6} million "
                                "(an A3 page at 600 dpi is 70 million); not read")


# -- a picture as it was saved -> a page of dark ink on light paper -----------------------------

PAGED = frozenset({"TIFF"})  # formats whose frames are pages; another's frames are an animation's
BORDER = 0.02  # the border of a page: this share of its shorter side, all round
ORIENTATION = 0x0112  # the EXIF tag of the orientation


def upright(picture):
    """The picture turned as its EXIF orientation says (1: as stored), and what was done."""
    from PIL import ImageOps

    orientation = picture.getexif().get(ORIENTATION, 1)
    if orientation not in range(2, 9):  # 1: as stored; anything else is no orientation
        return picture, ""
    return ImageOps.exif_transpose(picture), f"turned upright by its EXIF orientation {orientation}"


def _has_alpha(picture) -> bool:
    return picture.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in picture.info


def _wide_grey(picture):
    """16-bit (or 32-bit) grey as 8 bits: scaled by its depth, not clipped at 255; in integers, as
    a page may hold 70 million pixels."""
    from PIL import Image

    values = np.asarray(picture)
    top = values.max(initial=0)
    if picture.mode == "F":  # floating point: 0-1, 0-255 or 0-65535
        depth = 1.0 if top <= 1 else 65535.0 if top > 255 else 255.0
        return Image.fromarray(np.clip(values * np.float32(255 / depth), 0, 255).astype(np.uint8))
    if picture.mode.startswith("I;16"):
        return Image.fromarray((values >> 8).astype(np.uint8))
    return Image.fromarray((np.clip(values, 0, 65535) >> (8 if top > 255 else 0)).astype(np.uint8))


def _on_white(picture, dark: int) -> tuple[object, str]:
    """A transparent picture laid on white paper; where that leaves no ink, its opacity is ink."""
    from PIL import Image, ImageOps

    with_alpha = picture if picture.mode in ("RGBA", "LA") else picture.convert("RGBA")
    opacity = with_alpha.getchannel("A")
    grey = Image.new("L", picture.size, 255)
    grey.paste(with_alpha.convert("L"), mask=opacity)
    leaves_ink = any(grey.histogram()[:dark])  # a pixel darker than `dark`
    if leaves_ink:
        return grey, "laid on white"
    return ImageOps.invert(opacity), "its transparency read as the ink"


def to_grey(picture, dark: int) -> tuple[object, str]:
    """Any picture as 8-bit grey (mode `L`), and what was done beyond a plain conversion."""
    if picture.mode in ("I;16", "I;16L", "I;16B", "I;16N", "I", "F"):
        return _wide_grey(picture), f"{picture.mode} grey scaled to 8 bits"
    if _has_alpha(picture):
        return _on_white(picture, dark)
    return (picture if picture.mode == "L" else picture.convert("L")), ""


def _otsu(counts: np.ndarray) -> int:
    """The grey level that best splits a page's histogram in two classes (Otsu): ink and paper."""
    levels = np.arange(len(counts))
    below = np.cumsum(counts)
    below_sum = np.cumsum(counts * levels)
    above = below[-1] - below
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (below_sum / below - (below_sum[-1] - below_sum) / above) ** 2 * below * above
    between = between[:-1]
    return int(np.nanargmax(between)) if np.isfinite(between).any() else 127


def _border(grey: np.ndarray) -> np.ndarray:
    width = max(1, round(min(grey.shape) * BORDER))
    return np.concatenate([grey[:width].ravel(), grey[-width:].ravel(), grey[:, :width].ravel(),
                           grey[:, -width:].ravel()])


def is_white_on_black(grey) -> bool:
    """The paper is the dark side of an 8-bit page: most of the page, and its border, are at or
    below the level that splits ink from paper (a dim photo of a white page has its paper on the
    light side still; a page photographed on a dark desk has most of the picture light)."""
    if grey.width == 0 or grey.height == 0:
        return False
    counts = np.asarray(grey.histogram(), dtype=np.float64)
    split = _otsu(counts)
    mostly_dark = counts[:split + 1].sum() > 0.5 * counts.sum()
    dark_border = float(np.median(_border(np.asarray(grey)))) <= split
    return bool(mostly_dark and dark_border)


def ink_on_paper(grey) -> tuple[object, str]:
    """An 8-bit page with dark ink on light paper: white on black is inverted."""
    from PIL import ImageOps

    if is_white_on_black(grey):
        return ImageOps.invert(grey), "white on black inverted"
    return grey, ""


def picture_to_page(picture, s: OcrSettings = OCR_DEFAULT) -> tuple[object, str]:
    """One picture (a frame) as saved -> the 8-bit page OCR reads, and what was done to it."""
    turned, how_turned = upright(picture)
    grey, how_grey = to_grey(turned, s.dark)
    page, how_inverted = ink_on_paper(grey)
    return page, ", ".join(how for how in (how_turned, how_grey, how_inverted) if how)


def page_count(picture) -> int:
    """The pages of an image file: a TIFF's frames; one for any other (an animation's first)."""
    frames = getattr(picture, "n_frames", 1)
    return frames if picture.format in PAGED else 1


def _animation_warning(path: Path, picture) -> Warning_:
    return Warning_(f"an animation ({picture.format}, {picture.n_frames} frames): its first frame "
                    "read as the page, the others left", [Provenance(path.name, pages=(1,))])


def read(path: Path, info: SourceInfo, options: ReadOptions) -> Document:
    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        # Pillow's own size warning: our limit below says it, in one line
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            # the header only: the size is checked before any pixel is read
            picture = Image.open(path)
        _check_size(path, picture)
        picture.load()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise DocumentLoadError(f"{path}: not a readable image "
                                f"({exc.__class__.__name__})") from None
    ocr = OcrSession(path, options.ocr_lang or options.language, settings=options.ocr,
                     threads=options.ocr_threads)
    parts, vocabulary = [], set()
    with picture:
        pages = page_count(picture)
        if pages < getattr(picture, "n_frames", 1):
            ocr.warnings.append(_animation_warning(path, picture))
        frames = itertools.islice(ImageSequence.Iterator(picture), pages)
        for number, frame in enumerate(frames, start=1):
            _check_size(path, frame)
            page, how = picture_to_page(frame, options.ocr)
            chars, edges = ocr.image(page, resolution(frame, options.ocr), number, how=how)
            parts.append(page_to_parts(number, chars, edges, options.pdf))
            vocabulary |= page_words(parts[-1])
            if options.progress is not None:
                options.progress(number, pages)
    if not any(part.has_text for part in parts):
        raise DocumentLoadError(f"{path}: OCR found no text in the image")
    doc = build(info, parts, vocabulary, ocr.warnings, options.pdf)
    doc.ocr_words = ocr.words
    return doc
