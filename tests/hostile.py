"""Crafted hostile files (issue 21), made from nothing but bytes: each asks a reader for far more
memory or time than its size suggests.  Used by the hostile-file tests and `make fuzz`.

Every maker takes the folder to write into and returns the file's path.
"""
from __future__ import annotations

import zlib
from pathlib import Path


def pdf_bytes(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF of these objects (numbered 1.. in order), with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def _stream(data: bytes, compress: bool = True, extra: bytes = b"") -> bytes:
    body = zlib.compress(data, 9) if compress else data
    kind = b" /Filter /FlateDecode" if compress else b""
    return b"<< /Length %d%s%s >>\nstream\n" % (len(body), kind, extra) + body + b"\nendstream"


def _page_pdf(contents: bytes, media: bytes = b"[0 0 595 842]", extra_objects: tuple[bytes, ...] = ()) -> bytes:
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    return pdf_bytes([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox " + media + b" /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        contents,
        font,
        *extra_objects,
    ])


def flate_bomb(folder: Path, inflated: int = 600 * 1024 ** 2) -> Path:
    """A page whose content stream inflates to `inflated` bytes (spaces: about 1000 to 1)."""
    packer = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    body = b"".join(packer.compress(chunk) for _ in range(inflated // len(chunk))) + packer.flush()
    contents = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body + b"\nendstream"
    path = folder / "flate-bomb.pdf"
    path.write_bytes(_page_pdf(contents))
    return path


def many_operators(folder: Path, count: int = 1_000_000) -> Path:
    """A page of `count` text-showing operators: a few MB compressed, minutes for a parser."""
    ops = b"BT /F1 1 Tf " + b"(a) Tj " * count + b"ET"
    path = folder / "many-operators.pdf"
    path.write_bytes(_page_pdf(_stream(ops)))
    return path


def reference_cycle(folder: Path) -> Path:
    """A page whose /Contents is a reference to a reference to itself (pdfminer resolves it for ever)."""
    path = folder / "reference-cycle.pdf"
    path.write_bytes(pdf_bytes([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"5 0 R",
        b"4 0 R",
    ]))
    return path


def parent_cycle(folder: Path) -> Path:
    """A page tree whose nodes are each other's parents, and a page without a MediaBox."""
    path = folder / "parent-cycle.pdf"
    path.write_bytes(pdf_bytes([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 /Parent 5 0 R >>",
        b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
        b"<< /Length 0 >>\nstream\n\nendstream",
        b"<< /Type /Pages /Kids [2 0 R] /Parent 2 0 R /Count 1 >>",
    ]))
    return path


def contents_cycle(folder: Path) -> Path:
    """A page whose /Contents is an array that holds itself."""
    path = folder / "contents-cycle.pdf"
    path.write_bytes(_page_pdf(b"[4 0 R 4 0 R]"))
    return path


def pages_cycle(folder: Path) -> Path:
    """A page tree whose /Kids lead back to itself."""
    path = folder / "pages-cycle.pdf"
    path.write_bytes(pdf_bytes([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
        b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>",
    ]))
    return path


def huge_scanned_page(folder: Path) -> Path:
    """A 200 x 200 inch page holding only a tiny picture: rendered at 300 dpi it is 3.6 G pixels."""
    image = _stream(b"\x00" * 64, compress=False,
                    extra=b" /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray "
                          b"/BitsPerComponent 8")
    contents = _stream(b"q 14400 0 0 14400 0 0 cm /Im1 Do Q", compress=False)
    path = folder / "huge-page.pdf"
    data = pdf_bytes([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 14400 14400] /Contents 4 0 R "
        b"/Resources << /XObject << /Im1 5 0 R >> >> >>",
        contents,
        image,
    ])
    path.write_bytes(data)
    return path


CRAFTED_PDFS = (flate_bomb, many_operators, reference_cycle, parent_cycle, contents_cycle, pages_cycle,
                huge_scanned_page)


def low_dpi_png(folder: Path, side: int = 8000, dpi: float = 50.0) -> Path:
    """A white `side` x `side` PNG tagged `dpi`: 75 KB, and 2.3 G pixels once resampled to 300 dpi."""
    import struct

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    rows = zlib.compress(b"".join(b"\0" + b"\xff" * side for _ in range(side)), 9)
    per_metre = round(dpi / 0.0254)
    path = folder / "low-dpi.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0))
                     + chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)) + chunk(b"IDAT", rows)
                     + chunk(b"IEND", b""))
    return path
