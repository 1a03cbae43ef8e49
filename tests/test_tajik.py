"""Tajik annexes (issue 25): the state language's originals read like the English and Russian ones.

The sample is raw/annex_tg.txt (objectives 1 and 2 of the 2006 annex, translated by hand line for
line from the Russian sample) with its Word and PDF forms (scripts/make_raw.py) and its gold
(gold/annex_tg.rows.tsv -> gold/annex_tg.csv).
"""
import csv
import io
import json

import pytest

from pipeline.diff import diff_files
from pipeline.diffreport import to_markdown
from pipeline.evaluate import compare, load_rows
from pipeline.extract import extract
from pipeline.lexical import Lexical, language_of, suffix_form
from pipeline.model import Paragraph, Provenance
from pipeline.normalize.agencies import Gazetteer
from pipeline.normalize.numbering import paragraph_starts
from pipeline.normalize.timeframes import cut_deadlines, parse_timeframe
from pipeline.readers.ocr import installed_languages, missing
from pipeline.writers import records_csv
from tests.conftest import GOLD, RAW, annex, params

SAMPLE = [RAW / "annex_tg.txt", RAW / "annex_tg.docx", RAW / "annex_tg.pdf"]


@pytest.mark.parametrize("path", params(SAMPLE, fast=("annex_tg.pdf",)))
def test_the_tajik_sample_equals_its_gold_in_every_form(path):
    ex = extract(path)
    pred = list(csv.DictReader(io.StringIO(records_csv(ex.records))))
    report = compare(pred, load_rows(GOLD / "annex_tg.csv"))
    assert report.perfect and report.agencies["f1"] == 1.0, report.to_text()
    assert ex.language == "tg" and ex.period == (2006, 2010) and not ex.unplaced
    assert ex.title.startswith("Барномаи комплексии")
    assert ex.records[0].agencies[0] == "Interagency Commission on the Prevention of Human Traffic"


@pytest.mark.parametrize("path", params(SAMPLE, fast=("annex_tg.pdf",)))
def test_the_tajik_sample_diffs_clean_against_the_english_gold_of_the_same_objectives(path, tmp_path):
    english = json.loads((GOLD / "annex_en.json").read_text(encoding="utf-8"))
    english["records"] = [r for r in english["records"] if r["objective_id"] in {"1", "2"}]
    subset = tmp_path / "annex_en_1_2.json"
    subset.write_text(json.dumps(english), encoding="utf-8")
    result = diff_files(subset, path)
    assert result.cross_language and result.same, to_markdown(result)
    assert result.summary["unchanged"] == 14


def test_tajik_is_told_from_russian_by_its_letters():
    tajik = (RAW / "annex_tg.txt").read_text(encoding="utf-8").splitlines()
    russian = (RAW / "annex_ru.txt").read_text(encoding="utf-8").splitlines()
    assert language_of(tajik) == "tg" and language_of(russian) == "ru"
    # a Russian text that quotes a Tajik name or two stays Russian
    assert language_of(russian + ["Ҳукумати Ҷумҳурии Тоҷикистон", "Вазорати корҳои дохилӣ"]) == "ru"
    assert language_of((RAW / "annex_en.txt").read_text(encoding="utf-8").splitlines()) == "en"


def test_lang_forces_the_language_and_the_json_records_it(tmp_path):
    run = annex("extract", RAW / "annex_ru.txt", "--lang", "tg", "-o", tmp_path)
    assert run.returncode == 0, run.stderr
    assert json.loads((tmp_path / "annex_ru.json").read_text(encoding="utf-8"))["source"]["language"] == "tg"
    annex("extract", RAW / "annex_tg.txt", "-o", tmp_path)
    assert json.loads((tmp_path / "annex_tg.json").read_text(encoding="utf-8"))["source"]["language"] == "tg"
    bad = annex("extract", RAW / "annex_ru.txt", "--lang", "xx", "-o", tmp_path)
    assert bad.returncode == 2 and "--lang" in bad.stderr and "Traceback" not in bad.stderr


@pytest.mark.parametrize("text, start, end, recurrence", [
    ("солҳои 2016-2018", "2016", "2018", "once"),
    ("ҳар семоҳа", "2016", "2020", "quarterly"),
    ("нимсолаи II соли 2016", "2016-07", "2016-12", "once"),
    ("семоҳаи I соли 2017", "2017-01", "2017-03", "once"),
    ("то 1 декабри соли 2017", "", "2017-12", "once"),
    ("доимо", "2016", "2020", "ongoing"),
    ("Ҳар сол", "2016", "2020", "annual"),
    ("ҳангоми зарурат", "", "", "as_needed"),
    ("дар давоми соли 2018", "2018", "2018", "once"),
    ("июн – декабри соли 2016", "2016-06", "2016-12", "once"),
    ("феврали соли 2017 / ҳар феврал", "2017-02", "2020-02", "annual"),
    ("моҳи марти соли 2019", "2019-03", "2019-03", "once"),
])
def test_tajik_deadlines(text, start, end, recurrence):
    tf = parse_timeframe(text, (2016, 2020))
    assert tf.ok, tf.note
    assert (tf.start, tf.end, tf.recurrence) == (start, end, recurrence)


def test_tajik_agency_names_modifiers_and_generic_bodies(gazetteer: Gazetteer):
    cell = ("Вазорати корҳои дохилӣ, Вазорати меҳнат ва ҳифзи иҷтимоии аҳолӣ (бо мувофиқа), Кумитаи давлатии "
            "ҳифзи сарҳади давлатӣ назди Ҳукумати Ҷумҳурии Тоҷикистон, вазорату идораҳои манфиатдор, "
            "Вазорати фарҳанг")
    mentions = gazetteer.mentions(cell)
    assert [m.agency_id for m in mentions] == ["ministry_internal_affairs", "ministry_labor_social_protection",
                                              "state_border_committee", None, None]
    assert mentions[1].by_agreement and not mentions[0].by_agreement
    assert mentions[3].method == "generic"
    assert mentions[4].method == "unmatched" and mentions[4].mention == "Вазорати фарҳанг"  # kept verbatim


def test_tajik_words_meet_by_their_normal_form():
    assert suffix_form("tg", "барномаҳои") == "барнома" and suffix_form("tg", "Вазорати") == "вазорат"
    assert suffix_form("tg", "аз") == "аз"  # a stem keeps three letters
    lexical = Lexical("tg")
    assert lexical.similarity("Таҳияи барномаҳои таълимӣ барои кормандон", "Барномаҳои таълимӣ таҳия шудаанд") > 0.6
    assert lexical.similarity("Таҳияи барномаҳои таълимӣ", "Семинарҳо гузаронида мешаванд") < 0.2


@pytest.mark.slow
@pytest.mark.skipif(missing() is not None or "tgk" not in installed_languages(),
                    reason="Tesseract's Tajik model is not installed (apt-get install tesseract-ocr-tgk)")
def test_a_scan_of_the_tajik_sample_is_read_in_tajik(tmp_path):
    from tests.scans import scan_pdf

    scan = scan_pdf(RAW / "annex_tg.pdf", tmp_path / "scan.pdf")
    ex = extract(scan)
    assert any("Tesseract tgk" in w.message for w in ex.warnings)
    gold = load_rows(GOLD / "annex_tg.csv")
    assert [r.measure_id for r in ex.records] == [g["measure_id"] for g in gold]
    assert all(r.agency_ids == [i for i in g["agency_ids"].split("; ") if i] or r.confidence < 0.5
               for r, g in zip(ex.records, gold))


def _lines(*lines: str) -> Paragraph:
    """A cell's paragraph as a PDF reader gives it when the page shows no paragraph breaks."""
    text, breaks = "", []
    for line in lines:
        if text:
            text += " "
            breaks.append(len(text))
        text += line
    return Paragraph(text, Provenance("cell.pdf"), tuple(breaks))


def test_a_tajik_izofa_at_a_line_end_binds_the_next_word_in_tajik_only():
    """`дар вилояти | Хатлон`: the izofa `-и` joins the noun to the name on the next line; in
    Russian or English a word so ending may end a phrase, and a capital after it may start one."""
    cell = _lines("Гузаронидани семинарҳо дар вилояти", "Хатлон", "Омода намудани кормандон")
    assert paragraph_starts([cell], "tg") == [[cell.breaks[1]]]
    assert paragraph_starts([cell], "ru") == [list(cell.breaks)]


def test_a_deadline_is_not_cut_after_a_word_that_leads_its_date():
    """`Ҳангоми зарурат | дар давоми соли | 2013 | Ҳар сол` for three deadlines: `Ҳангоми зарурат дар
    давоми соли` would parse (as needed), but it ends on words that lead a date, so the one way left
    is the right one; the same in English."""
    for lines in [("Ҳангоми зарурат", "дар давоми соли", "2013", "Ҳар сол"),
                  ("As needed", "during", "2013", "Annually")]:
        cell = _lines(*lines)
        cuts, left = cut_deadlines([cell], 3)
        assert [p.text for p in cell.split_at(cuts[0])] == [lines[0], f"{lines[1]} {lines[2]}", lines[3]]
        assert left == 0
