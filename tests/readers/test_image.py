"""Pictures as cameras, phones and editors save them (issue 42, part 5): each is brought to an
upright 8-bit page of dark ink on light paper before OCR reads it (`image.picture_to_page`).

The unit tests use tiny generated pictures and need no Tesseract; one slow test reads a page
photographed sideways (EXIF orientation 6) as the upright page."""
import json

import numpy as np
import pytest
from PIL import Image

from pipeline.errors import DocumentLoadError
from pipeline.extract import extract
from pipeline.readers import image, ocr
from pipeline.readers.ocr import OcrSession
from pipeline.readers.options import OCR_DEFAULT, ReadOptions
from tests.conftest import annex

DARK = OCR_DEFAULT.dark
needs_tesseract = pytest.mark.skipif(ocr.missing() is not None,
                                     reason="Tesseract is not installed (.ci/run installs it)")


def _page(ink: int = 0, paper: int = 255) -> np.ndarray:
    """A tiny page, 40 x 30 pixels: paper, with an ink stroke at the top left (it tells the page's
    turns apart) and a short one lower right."""
    page = np.full((30, 40), paper, np.uint8)
    page[3:6, 4:20] = ink
    page[20:23, 25:32] = ink
    return page


def _ink(page) -> np.ndarray:
    return np.asarray(page) < DARK


def _saved(picture: Image.Image, tmp_path, name: str = "page.png", **options) -> Image.Image:
    path = tmp_path / name
    picture.save(path, **options)
    return Image.open(path)


def _with_orientation(upright: Image.Image, orientation: int, tmp_path) -> Image.Image:
    """The picture as a camera stores it: the sensor's pixels, and the turn that shows them."""
    turns = {6: Image.Transpose.ROTATE_90, 3: Image.Transpose.ROTATE_180,
             8: Image.Transpose.ROTATE_270}
    stored = upright.transpose(turns[orientation])
    exif = Image.Exif()
    exif[image.ORIENTATION] = orientation
    return _saved(stored, tmp_path, exif=exif.tobytes())


@pytest.mark.parametrize("orientation", [6, 3, 8])
def test_a_picture_is_turned_upright_by_its_exif_orientation_first(orientation, tmp_path):
    upright = Image.fromarray(_page())
    page, how = image.picture_to_page(_with_orientation(upright, orientation, tmp_path))
    assert page.size == upright.size
    assert np.array_equal(np.asarray(page), np.asarray(upright))
    assert f"EXIF orientation {orientation}" in how


def test_an_upright_picture_is_left_as_it_is():
    upright = Image.fromarray(_page())
    page, how = image.picture_to_page(upright)
    assert np.array_equal(np.asarray(page), _page()) and how == ""


def test_sixteen_bit_grey_is_scaled_not_clipped_to_white(tmp_path):
    wide = np.full((30, 40), 60000, np.uint16)
    wide[_page() == 0] = 1000
    picture = _saved(Image.fromarray(wide), tmp_path)
    assert picture.mode.startswith("I")
    page, _ = image.picture_to_page(picture)
    assert page.mode == "L"
    assert np.array_equal(_ink(page), _page() < DARK)


@pytest.mark.parametrize("colour", [0, 255], ids=["black-ink-in-alpha", "white-ink-in-alpha"])
def test_text_drawn_only_in_the_alpha_channel_is_ink(colour, tmp_path):
    """Colour the same everywhere, the text only in the opacity: laid on white (black colour), or,
    where that leaves the page blank (white colour), the opacity is the ink."""
    rgba = np.zeros((30, 40, 4), np.uint8)
    rgba[..., :3] = colour
    rgba[..., 3] = 255 - _page()  # opaque where the ink is
    picture = _saved(Image.fromarray(rgba, "RGBA"), tmp_path)
    page, _ = image.picture_to_page(picture)
    assert page.mode == "L"
    assert np.array_equal(_ink(page), _page() < DARK)


def test_a_palette_picture_with_a_transparent_background_is_ink_on_white(tmp_path):
    palette = Image.fromarray((_page() == 0).astype(np.uint8), "P")
    palette.putpalette([0, 0, 0, 0, 0, 128])  # 0: black, and transparent; 1: dark blue ink
    picture = _saved(palette, tmp_path, "page.gif", transparency=0)
    page, _ = image.picture_to_page(picture)
    assert np.array_equal(_ink(page), _page() < DARK)


@pytest.mark.parametrize("ink, paper, inverted",
                         [(255, 0, True), (230, 40, True), (0, 255, False), (20, 110, False)],
                         ids=["white-on-black", "grey-on-dark", "black-on-white", "dim-photo"])
def test_white_on_black_is_inverted_and_a_dim_page_is_not(ink, paper, inverted):
    given = _page(ink=ink, paper=paper)
    page, how = image.picture_to_page(Image.fromarray(given))
    assert ("inverted" in how) == inverted
    assert np.array_equal(np.asarray(page), 255 - given if inverted else given)


def test_a_light_page_photographed_on_a_dark_desk_is_not_inverted():
    photo = np.full((60, 80), 30, np.uint8)  # the desk, all round
    photo[8:52, 8:72] = 255  # the page: most of the photo
    photo[12:15, 12:40] = 0
    assert not image.is_white_on_black(Image.fromarray(photo))


def _reading(monkeypatch) -> list:
    """Stand in for OCR: each page handed to it is kept (pixels, number, how, warnings so far)."""
    seen: list = []

    def fake(self, picture, dpi, number, origin=(0.0, 0.0), how=""):
        seen.append((np.asarray(picture).copy(), number, how, [w.message for w in self.warnings]))
        return [], []
    monkeypatch.setattr(OcrSession, "image", fake)
    return seen


def test_an_animated_gif_named_png_is_read_by_its_bytes_as_its_first_frame(tmp_path, monkeypatch):
    first, second = Image.fromarray(_page()), Image.fromarray(_page()[::-1].copy())
    path = tmp_path / "animated.png"
    first.save(path, format="GIF", save_all=True, append_images=[second], duration=100, loop=0)
    seen = _reading(monkeypatch)
    with pytest.raises(DocumentLoadError, match="OCR found no text"):
        image.read(path, None, ReadOptions())
    assert [number for _, number, _, _ in seen] == [1]
    pixels, _, _, said = seen[0]
    assert np.array_equal(pixels < DARK, _page() < DARK)
    assert any("an animation (GIF, 2 frames): its first frame read" in message for message in said)


def test_the_frames_of_a_tiff_are_its_pages(tmp_path, monkeypatch):
    path = tmp_path / "two.tif"
    second = Image.fromarray(_page()[::-1].copy())
    Image.fromarray(_page()).save(path, save_all=True, append_images=[second])
    seen = _reading(monkeypatch)
    with pytest.raises(DocumentLoadError, match="OCR found no text"):
        image.read(path, None, ReadOptions())
    assert [number for _, number, _, _ in seen] == [1, 2]
    assert not any("animation" in message for _, _, _, said in seen for message in said)


@needs_tesseract
@pytest.mark.slow
def test_a_page_photographed_sideways_reads_as_the_upright_page(tmp_path):
    """EXIF orientation 6, as a phone held upright saves a photo: the upright page's rows."""
    from tests.readers.pdf_builder import TablePdf
    from tests.readers.test_pdf import BLOCK
    from tests.scans import scanned_pages

    table = TablePdf(widths=(70, 70, 120, 60, 120, 100), size=9, page_height=300)
    source = table.build([BLOCK], tmp_path / "mini.pdf")
    page = scanned_pages(source, [1], dpi=200, seed=3)[0]
    page.save(tmp_path / "upright.png", dpi=(200, 200))
    exif = Image.Exif()
    exif[image.ORIENTATION] = 6
    sideways = page.transpose(Image.Transpose.ROTATE_90)
    sideways.save(tmp_path / "sideways.png", dpi=(200, 200), exif=exif.tobytes())
    run = annex("extract", tmp_path / "sideways.png", "--ocr-lang", "en", "-o", tmp_path / "out")
    assert run.returncode == 0, run.stderr
    written = (tmp_path / "out" / "sideways.png.json").read_text(encoding="utf-8")
    got = [(r["measure_id"], r["agency_ids"], r["timeframe_start"], r["measure"])
           for r in json.loads(written)["records"]]
    want = extract(tmp_path / "upright.png", ocr_lang="en").records
    assert got == [(r.measure_id, r.agency_ids, r.timeframe_start, r.measure) for r in want]
