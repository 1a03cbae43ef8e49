"""Scanned forms of the project's PDFs, made the way a scanner or a fax makes them: each page
rendered at 200 dpi, turned by 0.5-1.5 degrees, with light noise, wrapped as an image-only PDF
(or saved as page images).  Seeded: the same call gives the same scan."""
from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image

DPI = 200


def scanned_pages(src: Path, pages: list[int] | None = None, dpi: int = DPI, seed: int = 0,
                  noise: float = 10.0) -> list[Image.Image]:
    """Grey page pictures of `src` (1-based `pages`, default all), turned and noisy."""
    turn, speckle = random.Random(seed), np.random.default_rng(seed)
    pdf = pdfium.PdfDocument(str(src))
    out = []
    for number in pages or range(1, len(pdf) + 1):
        image = pdf[number - 1].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        angle = turn.uniform(0.5, 1.5) * turn.choice((-1, 1))
        image = image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
        pixels = np.asarray(image, dtype=np.float32) + speckle.normal(0, noise, (image.height, image.width))
        out.append(Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)))
    pdf.close()
    return out


def scan_pdf(src: Path, dst: Path, pages: list[int] | None = None, seed: int = 0) -> Path:
    """An image-only PDF of `src`: no text layer, one picture per page."""
    images = scanned_pages(src, pages, seed=seed)
    images[0].save(dst, "PDF", resolution=DPI, save_all=True, append_images=images[1:])
    return dst


def text_pdf(src: Path, dst: Path, pages: list[int]) -> Path:
    """The same pages of `src` with their text layer: what the scan must read as."""
    out, pdf = pdfium.PdfDocument.new(), pdfium.PdfDocument(str(src))
    out.import_pages(pdf, [p - 1 for p in pages])
    out.save(str(dst))
    return dst


# -- what scanners, faxes and phones do to a page (issue 23) ----------------------------------------
# Each takes a grey page picture (rendered at the scan's dpi) and a seeded generator, and returns
# the degraded picture; `degraded_pdf` applies one to every page and saves the pages as the
# device would (JPEG in a PDF for an office scanner, lossless otherwise).

def _dust(image: Image.Image, rnd: np.random.Generator, dpi: int, count: int = 60) -> Image.Image:
    """Specks of dust: small dark dots, 1-3 px across at 200 dpi, anywhere on the page."""
    pixels = np.asarray(image).copy()
    size = max(1, round(dpi / 100))
    for _ in range(count):
        y, x = rnd.integers(0, pixels.shape[0] - 4), rnd.integers(0, pixels.shape[1] - 4)
        r = int(rnd.integers(1, size + 2))
        pixels[y:y + r, x:x + r] = rnd.integers(0, 90)
    return Image.fromarray(pixels)


def _noise(image: Image.Image, rnd: np.random.Generator, sigma: float = 18.0) -> Image.Image:
    pixels = np.asarray(image, dtype=np.float32) + rnd.normal(0, sigma, (image.height, image.width))
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))


def _blur(image: Image.Image, radius: float = 0.8) -> Image.Image:
    from PIL import ImageFilter

    return image.filter(ImageFilter.GaussianBlur(radius))


def _jpeg(image: Image.Image, quality: int) -> Image.Image:
    import io

    buf = io.BytesIO()
    image.save(buf, "JPEG", quality=quality)
    return Image.open(io.BytesIO(buf.getvalue())).convert("L")


def _turn(image: Image.Image, rnd: np.random.Generator, low: float, high: float) -> Image.Image:
    angle = float(rnd.uniform(low, high)) * float(rnd.choice((-1, 1)))
    return image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)


def _fax(image: Image.Image) -> Image.Image:
    """Binarised at a fixed threshold, as a fax machine does: thin strokes break, bold ones fill."""
    return image.point(lambda v: 0 if v < 150 else 255)


def _bleed(image: Image.Image, back: Image.Image) -> Image.Image:
    """The back page showing through: its mirror image, faint, under the front."""
    from PIL import ImageOps

    ghost = np.asarray(ImageOps.mirror(back.resize(image.size)), dtype=np.float32)
    front = np.asarray(image, dtype=np.float32)
    return Image.fromarray(np.minimum(front, 255 - (255 - ghost) * 0.18).astype(np.uint8))


def _warp(image: Image.Image, rnd: np.random.Generator) -> Image.Image:
    """A mild perspective, as from a phone held not quite square over the page, and uneven light."""
    w, h = image.size
    d = [float(rnd.uniform(0.005, 0.02)) * w for _ in range(4)]
    quad = (d[0], d[1], d[2], h - d[3], w - d[1], h - d[0], w - d[3], d[2])
    warped = image.transform((w, h), Image.Transform.QUAD, quad, resample=Image.Resampling.BICUBIC, fillcolor=255)
    light = np.linspace(1.0, 0.82, w, dtype=np.float32)[None, :] * np.linspace(1.0, 0.9, h, dtype=np.float32)[:, None]
    return Image.fromarray(np.clip(np.asarray(warped, dtype=np.float32) * light, 0, 255).astype(np.uint8))


def office(image, rnd, dpi):
    """An office scanner's "PDF, 200 dpi": turned 0.6-1.2 degrees, light dust, a slight blur, JPEG."""
    return _jpeg(_blur(_dust(_turn(image, rnd, 0.6, 1.2), rnd, dpi), 0.6), 75)


DEGRADATIONS = {  # name -> (dpi, how)
    "office-200": (200, office),
    "dpi-150": (150, lambda im, rnd, dpi: _turn(im, rnd, 0.3, 1.0)),
    "dpi-300": (300, lambda im, rnd, dpi: _turn(im, rnd, 0.3, 1.0)),
    "dust": (200, lambda im, rnd, dpi: _dust(im, rnd, dpi, 200)),
    "noise": (200, lambda im, rnd, dpi: _noise(im, rnd)),
    "blur": (200, lambda im, rnd, dpi: _blur(im, 1.0)),
    "jpeg-30": (200, lambda im, rnd, dpi: _jpeg(im, 30)),
    "jpeg-90": (200, lambda im, rnd, dpi: _jpeg(im, 90)),
    "rotate-3": (200, lambda im, rnd, dpi: _turn(im, rnd, 2.5, 3.0)),
    "fax": (200, lambda im, rnd, dpi: _fax(_turn(im, rnd, 0.2, 0.8))),
    "bleed": (200, lambda im, rnd, dpi: _bleed(im, im)),
    "phone": (200, lambda im, rnd, dpi: _warp(im, rnd)),
}


def degraded_pdf(src: Path, dst: Path, kind: str, pages: list[int] | None = None, seed: int = 0) -> Path:
    """An image-only PDF of `src` degraded the `kind` way (`DEGRADATIONS`), at that kind's dpi."""
    dpi, how = DEGRADATIONS[kind]
    rnd = np.random.default_rng(seed)
    pdf = pdfium.PdfDocument(str(src))
    images = []
    for number in pages or range(1, len(pdf) + 1):
        image = pdf[number - 1].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        images.append(how(image, rnd, dpi))
    pdf.close()
    images[0].save(dst, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return dst


if __name__ == "__main__":  # python -m tests.scans SRC.pdf DST.pdf: a scan to look at
    import sys
    scan_pdf(Path(sys.argv[1]), Path(sys.argv[2]))
