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


if __name__ == "__main__":  # python -m tests.scans SRC.pdf DST.pdf: a scan to look at
    import sys
    scan_pdf(Path(sys.argv[1]), Path(sys.argv[2]))
