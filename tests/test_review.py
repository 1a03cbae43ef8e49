"""The review page: every judgement with its runner-up, each field beside its source (a picture
of the region for a PDF), the starter corrections file, checked in a real browser."""
import base64
import csv
import io
import json
import re
import shutil
import subprocess

import lxml.html
import pytest

from pipeline.review import load, review_html
from tests.conftest import RAW, annex

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# the rows of the 2006 annex the optimiser decided (a runner-up exists), and those flagged otherwise
JUDGEMENTS = ["2.1.2", "3.1.3", "3.1.5", "4.1.1"]
OTHERS = ["1.1.6", "1.1.9", "6.1.4", "6.1.4"]  # garbled agency names; a duplicate number


def _page(name: str):
    return lxml.html.fromstring(review_html(load(RAW / name)))


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


@pytest.fixture(scope="module")
def pdf_page():
    return _page("annex_en.pdf")


@pytest.mark.parametrize("name", ["annex_en.txt", "annex_en.docx",
                                  pytest.param("annex_en.pdf", marks=pytest.mark.slow)])
def test_every_flagged_row_is_shown_in_source_order_with_its_decisions(name, request):
    page = request.getfixturevalue("pdf_page") if name.endswith(".pdf") else _page(name)
    rows = page.find_class("row")
    assert [r.get("data-measure") for r in rows] == sorted(JUDGEMENTS + OTHERS, key=lambda m: tuple(map(int, m.split("."))))
    with_alternative = [r.get("data-measure") for r in rows if r.find_class("alt")]
    assert with_alternative == JUDGEMENTS
    # a judgement: a row below confidence 1 (the garbled names' readings too); every row shown has a flag
    judged = [r for r in rows if float(r.get("data-confidence", "1")) < 1]
    assert page.get_element_by_id("n-rows-with-a-judgement").text == str(len(judged)) and len(judged) >= 4
    assert page.get_element_by_id("n-rows-with-a-flag").text == str(len(rows))
    row = page.get_element_by_id("row-17")  # 3.1.3: its indicator left empty
    alt = row.find_class("alt")[0].text_content()
    assert "next best: give it indicator paragraph" in alt and "cost +0.24" in alt
    # each field's source paragraphs are shown with their provenance and their own text
    measure = row.xpath(".//tr[@data-field='measure']")[0]
    assert "Resolve the employment problem" in measure.find_class("text")[0].text_content()
    assert measure.find_class("prov")[0].text_content()


@pytest.mark.slow
def test_a_pdf_crop_shows_the_paragraph_it_stands_for(pdf_page):
    import pdfplumber
    from PIL import Image

    crops = pdf_page.xpath("//article[@id='row-17']//img[@class='crop']")
    assert len(crops) == 3  # measure, timeframe, agencies: the indicator has no paragraph
    with pdfplumber.open(RAW / "annex_en.pdf") as pdf:
        for img in crops:
            page, bbox = int(img.get("data-page")), [float(v) for v in img.get("data-bbox").split(",")]
            x0, top, x1, bottom = bbox
            inside = pdf.pages[page - 1].crop((x0 - 2, top - 2, x1 + 2, bottom + 2)).extract_text()
            text = img.getparent().find_class("text")[0].text_content()
            assert _words(text).startswith(_words(inside)[:40]) and len(_words(inside)) > 5
            picture = Image.open(io.BytesIO(base64.b64decode(img.get("src").split(",", 1)[1])))
            # 2 points of margin at the sides and below, half a point above: no sliver of the line above
            assert abs(picture.width - (x1 - x0 + 4) * 2) <= 2 and abs(picture.height - (bottom - top + 2.5) * 2) <= 2
            assert len(picture.convert("L").getcolors(256) or []) > 10  # letters, not a blank box


@pytest.mark.slow
def test_a_paragraph_that_crosses_a_page_is_shown_as_a_crop_of_each_page(pdf_page):
    crossing = [p for p in pdf_page.find_class("para") if len(p.find_class("crop")) > 1]
    assert crossing, "no paragraph of the annex crosses a page"
    for para in crossing:
        pages = [int(img.get("data-page")) for img in para.find_class("crop")]
        assert pages == sorted(set(pages)) and pages[-1] == pages[0] + len(pages) - 1
        assert "pages " in para.find_class("prov")[0].text_content()


def test_the_starter_file_covers_the_rows_shown_and_a_correction_shows_in_the_page(tmp_path):
    run = annex("review", RAW / "annex_en.txt", "-o", tmp_path)
    assert run.returncode == 0, run.stderr
    starter = list(csv.DictReader(open(tmp_path / "annex_en.corrections.csv", encoding="utf-8")))
    assert {r["measure_id"] for r in starter} == set(JUDGEMENTS + OTHERS)
    for row in starter:  # the human corrects 3.1.3's indicator and leaves the rest as they are
        if row["measure_id"] == "3.1.3" and row["field"] == "indicator":
            row["value"], row["note"] = "Graduates employed, by district", "from the signed original"
    fixes = tmp_path / "fixes.csv"
    with open(fixes, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(starter[0]))
        writer.writeheader()
        writer.writerows(starter)
    run = annex("review", RAW / "annex_en.txt", "--corrections", fixes, "-o", tmp_path / "again")
    page = lxml.html.fromstring((tmp_path / "again" / "annex_en.review.html").read_text(encoding="utf-8"))
    row = page.get_element_by_id("row-17")
    assert "Graduates employed, by district" in row.xpath(".//tr[@data-field='indicator']")[0].text_content()
    assert "corrected" in row.find_class("decisions")[0].text_content()
    assert page.get_element_by_id("n-corrections-applied").text == "1"  # the one line the human changed


@pytest.mark.slow
def test_an_extraction_json_is_reviewed_with_its_source_beside_it(tmp_path):
    shutil.copy(RAW / "annex_en.pdf", tmp_path / "annex_en.pdf")
    assert annex("extract", tmp_path / "annex_en.pdf", "-o", tmp_path, "-q").returncode == 0
    run = annex("review", tmp_path / "annex_en.pdf.json", "-o", tmp_path / "r")
    assert run.returncode == 0 and "note" not in run.stderr
    page = lxml.html.fromstring((tmp_path / "r" / "annex_en.pdf.review.html").read_text(encoding="utf-8"))
    assert page.find_class("crop")
    (tmp_path / "annex_en.pdf").write_bytes(b"%PDF-1.4 another version")
    run = annex("review", tmp_path / "annex_en.pdf.json", "-o", tmp_path / "r2")
    assert run.returncode == 0 and "was not found where" in run.stderr


def test_an_extraction_is_reviewed_from_anywhere(tmp_path):
    """The project's layout (raw/ -> extracted/): X.json says where its source was, from its folder."""
    out = tmp_path / "extracted"
    assert annex("extract", RAW / "annex_en.txt", "-o", out, "-q").returncode == 0
    data = json.loads((out / "annex_en.json").read_text(encoding="utf-8"))
    assert (out / data["source"]["path"]).resolve() == (RAW / "annex_en.txt").resolve()
    run = annex("review", out / "annex_en.json", "-o", tmp_path / "r")
    assert run.returncode == 0 and "note" not in run.stderr, run.stderr
    moved = tmp_path / "elsewhere" / "deeper"
    moved.mkdir(parents=True)
    shutil.copy(out / "annex_en.json", moved / "annex_en.json")  # the source is no longer where it says
    run = annex("review", moved / "annex_en.json", "-o", tmp_path / "r2")
    assert run.returncode == 0 and "--source" in run.stderr
    run = annex("review", moved / "annex_en.json", "--source", RAW / "annex_en.txt", "-o", tmp_path / "r3")
    assert run.returncode == 0 and "note" not in run.stderr
    wrong = annex("review", moved / "annex_en.json", "--source", RAW / "annex_ru.txt", "-o", tmp_path / "r4")
    assert wrong.returncode == 2 and wrong.stderr.count("\n") == 1 and "not the source" in wrong.stderr
    assert not (tmp_path / "r4").exists()


def test_bad_input_is_one_line_and_nothing_is_written(tmp_path):
    run = annex("review", RAW / "annex_en.txt", tmp_path / "missing.pdf", "-o", tmp_path / "out")
    assert run.returncode == 2 and run.stderr.count("\n") == 1 and not (tmp_path / "out").exists()


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs it)")
def test_the_pdf_review_page_in_headless_chromium(tmp_path):
    from PIL import Image

    assert annex("review", RAW / "annex_en.pdf", "-o", tmp_path).returncode == 0
    page = tmp_path / "annex_en.pdf.review.html"
    assert "http" not in re.sub(r"https?://(www\.)?w3\.org[^\"' ]*", "", page.read_text(encoding="utf-8"))  # no network
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--no-first-run", "--disable-sync", f"--user-data-dir={tmp_path / 'p'}"]
    dom = subprocess.run([CHROMIUM, *flags, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120)
    rendered = lxml.html.fromstring(dom.stdout)
    assert len(rendered.find_class("row")) == 8 and len(rendered.find_class("crop")) > 20
    shot = tmp_path / "review.png"
    subprocess.run([CHROMIUM, *flags, f"--screenshot={shot}", "--window-size=1280,1600", page.as_uri()],
                   capture_output=True, timeout=120)
    image = Image.open(shot)
    assert image.size == (1280, 1600) and len(image.convert("L").getcolors(256) or []) > 20


def test_a_legacy_code_page_source_is_reviewed_with_encoding(tmp_path):
    legacy = tmp_path / "annex_ru.txt"
    legacy.write_bytes((RAW / "annex_ru.txt").read_text(encoding="utf-8").encode("cp1251"))
    run = annex("review", legacy, "--encoding", "cp1251", "-o", tmp_path / "r")
    assert run.returncode == 0, run.stderr
    page = lxml.html.fromstring((tmp_path / "r" / "annex_ru.review.html").read_text(encoding="utf-8"))
    rows = page.find_class("row")
    assert [r.get("data-measure") for r in rows][:2] == ["1.1.6", "1.1.9"]  # the garbled agency names
    assert "горячих линий" in rows[0].xpath(".//tr[@data-field='measure']")[0].text_content()


def test_a_folder_is_reviewed_as_extract_takes_it(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("annex_en.txt", "annex_ru.txt"):
        shutil.copy(RAW / name, folder / name)
    run = annex("review", folder, "-o", tmp_path / "r")
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in (tmp_path / "r").glob("*.html")) == ["annex_en.review.html", "annex_ru.review.html"]


def test_every_row_is_shown_on_request_with_a_switch_back_to_the_rows_to_check(tmp_path):
    """`--every-row` (a scan's reviewer checks every row against its crop): all rows, those with
    nothing to check marked `plain` for the page's switch; the starter file covers them all."""
    run = annex("review", RAW / "annex_en.txt", "--every-row", "-o", tmp_path)
    assert run.returncode == 0, run.stderr
    page = lxml.html.fromstring((tmp_path / "annex_en.review.html").read_text(encoding="utf-8"))
    rows = page.find_class("row")
    records = load(RAW / "annex_en.txt").data["records"]
    assert [r.get("id") for r in rows] == [f"row-{r['row']}" for r in records]
    to_check = [r.get("data-measure") for r in rows if "plain" not in r.get("class").split()]
    assert sorted(to_check) == sorted(JUDGEMENTS + OTHERS)
    assert page.get_element_by_id("only-check").get("type") == "checkbox"
    starter_text = (tmp_path / "annex_en.corrections.csv").read_text(encoding="utf-8")
    starter = list(csv.DictReader(io.StringIO(starter_text)))
    assert {r["measure_id"] for r in starter} == {r["measure_id"] for r in records}
    # by default: the rows to check only, and no switch
    assert _page("annex_en.txt").get_element_by_id("only-check", None) is None


def test_the_words_an_ocr_doubt_names_are_marked_in_the_value_and_the_source():
    item = load(RAW / "annex_en.txt")
    rec = next(r for r in item.data["records"] if r["measure_id"] == "3.1.3")
    rec["flags"].append({"flag": "ocr_doubt", "confidence": 0.41,
                         "detail": "measure: 'employment' (read at 41)"})
    page = lxml.html.fromstring(review_html(item))
    row = page.get_element_by_id(f"row-{rec['row']}")
    measure = next(tr for tr in row.iter("tr") if tr.get("data-field") == "measure")
    marks = [m.text for m in measure.iter("mark")]
    assert marks == ["employment", "employment"]  # the field's value, its source paragraph's text
    others = [tr for tr in row.iter("tr") if tr.get("data-field") != "measure"]
    assert not [m for tr in others for m in tr.iter("mark")]


def test_the_words_a_letters_lost_flag_names_are_marked(tmp_path):
    text = (RAW / "annex_en.txt").read_text(encoding="utf-8")
    path = tmp_path / "annex_en.txt"
    path.write_text(text.replace("employment", "empl\ufffdyment"), encoding="utf-8")
    item = load(path)
    rec = next(r for r in item.data["records"] if r["measure_id"] == "3.1.3")
    assert any(f["flag"] == "letters_lost" for f in rec["flags"])
    page = lxml.html.fromstring(review_html(item))
    row = page.get_element_by_id(f"row-{rec['row']}")
    measure = next(tr for tr in row.iter("tr") if tr.get("data-field") == "measure")
    assert {m.text for m in measure.iter("mark")} == {"empl\ufffdyment"}


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract is not installed")
def test_every_row_of_a_scan_is_shown_with_the_crops_of_its_fields(tmp_path):
    """A scan's reviewer checks every row against its picture: with `every_row`, each row shows
    the crops of its measure's paragraphs, flagged or not."""
    from tests.scans import scan_pdf

    scan = scan_pdf(RAW / "annex_en.pdf", tmp_path / "scan-annex_en.pdf", pages=[1], seed=7)
    item = load(scan)
    item.every_row = True
    page = lxml.html.fromstring(review_html(item))
    rows = page.find_class("row")
    assert len(rows) == len(item.data["records"])
    for row in rows:
        measure = next(tr for tr in row.iter("tr") if tr.get("data-field") == "measure")
        assert measure.find_class("crop"), row.get("data-measure")


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract is not installed")
def test_a_scan_is_reviewed_from_its_extraction_with_no_second_ocr(tmp_path, monkeypatch):
    """X.json of a scan keeps what OCR read: its review shows each field's source text and
    crops as the review of the scan itself does, and Tesseract is not run again.  An X.json
    without `ocr` (written before it was kept) reads its source again, as it did."""
    from pipeline import review
    from pipeline.extract import extract_document
    from pipeline.readers import ocr
    from pipeline.review import ReviewInput
    from pipeline.writers import extraction_to_json, write_extraction
    from tests.scans import scan_pdf

    scan = scan_pdf(RAW / "annex_en.pdf", tmp_path / "scan-annex_en.pdf", pages=[1], seed=7)
    document, ex = extract_document(scan)
    out = tmp_path / "extracted"
    write_extraction(ex, out, source=scan)
    as_read = review_html(ReviewInput(extraction_to_json(ex), scan, document=document))

    def second_ocr(*args, **kwargs):
        raise AssertionError("Tesseract run again")

    monkeypatch.setattr(ocr, "read_page", second_ocr)
    item = load(out / "scan-annex_en.pdf.json")
    assert item.document is None and not item.notes
    page = review_html(item)
    assert page == as_read
    shown = lxml.html.fromstring(page).find_class("row")
    assert shown and all(row.find_class("text") and row.find_class("crop") for row in shown)

    # moved away from its source: the source text still shows, the pictures cannot
    moved = tmp_path / "elsewhere" / "deeper" / "scan-annex_en.pdf.json"
    moved.parent.mkdir(parents=True)
    shutil.copy(out / "scan-annex_en.pdf.json", moved)
    item = load(moved)
    assert "the pictures are not shown" in item.notes[0]
    shown = lxml.html.fromstring(review_html(item)).find_class("row")
    assert all(row.find_class("text") and not row.find_class("crop") for row in shown)

    # an older X.json, without `ocr`: the source is read again for its paragraphs
    older = json.loads((out / "scan-annex_en.pdf.json").read_text(encoding="utf-8"))
    del older["ocr"]
    (out / "older.json").write_text(json.dumps(older), encoding="utf-8")
    reads: list = []
    monkeypatch.setattr(review, "read", lambda path, options=None: reads.append(path) or document)
    assert review_html(load(out / "older.json")) == as_read
    assert [path.resolve() for path in reads] == [scan.resolve()]
