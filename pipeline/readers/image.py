"""Page images (.png, .jpg, .tif, a multi-page TIFF): each page read by OCR, then the PDF
reader's stages (grid, lines, paragraphs, page joins) as for a scanned PDF.

Coordinates are PDF points (1/72 inch) at the image's own resolution (its dpi tag; 300 when
it has none), so provenance reads the same as for a PDF: page number and bounding box.
"""
from __future__ import annotations

import warnings
from pathlib import Path

from ..errors import DocumentLoadError
from ..model import Document, SourceInfo
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
        raise DocumentLoadError(f"{path}: a page of {width} x {height} pixels, past the limit of "
                                f"{MAX_PIXELS // 10**6} million (an A3 page at 600 dpi is 70 million); not read")


def read(path: Path, info: SourceInfo, options: ReadOptions) -> Document:
    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        with warnings.catch_warnings():  # Pillow's own size warning: our limit below says it, in one line
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            picture = Image.open(path)  # the header only: the size is checked before any pixel is read
        _check_size(path, picture)
        picture.load()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise DocumentLoadError(f"{path}: not a readable image ({exc.__class__.__name__})") from None
    ocr = OcrSession(path, options.ocr_lang or options.language, settings=options.ocr, threads=options.ocr_threads)
    parts, vocabulary = [], set()
    with picture:
        pages = getattr(picture, "n_frames", 1)
        for number, frame in enumerate(ImageSequence.Iterator(picture), start=1):
            _check_size(path, frame)
            chars, edges = ocr.image(frame.convert("L"), resolution(frame, options.ocr), number)
            parts.append(page_to_parts(number, chars, edges, options.pdf))
            vocabulary |= page_words(parts[-1])
            if options.progress is not None:
                options.progress(number, pages)
    if not any(part.has_text for part in parts):
        raise DocumentLoadError(f"{path}: OCR found no text in the image")
    return build(info, parts, vocabulary, ocr.warnings, options.pdf)
