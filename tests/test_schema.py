"""Every output validates against its published JSON Schema (`pipeline/schema/`)."""
import json
import random

import pytest
from jsonschema import Draft202012Validator

from pipeline.contract import SCHEMA_VERSION
from pipeline.diff import DIFF_SCHEMA_VERSION, Version, diff_files, diff_versions
from pipeline.extract import extract
from pipeline.writers import extraction_to_json, write_json
from tests.annex_family import draw, render_text
from tests.annex_v2 import build_v2
from tests.conftest import FIXTURES, RAW, params
from tests.test_diff import record

SCHEMA = RAW.parent / "pipeline" / "schema"
EXTRACTION = Draft202012Validator(json.loads((SCHEMA / "extraction.schema.json").read_text(encoding="utf-8")))
DIFF = Draft202012Validator(json.loads((SCHEMA / "diff.schema.json").read_text(encoding="utf-8")))
SOURCES = sorted(p for p in RAW.iterdir() if p.suffix in {".txt", ".docx", ".html", ".pdf"}) + sorted(FIXTURES.glob("*.txt"))


def errors(validator, data) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]


def test_the_schemas_are_valid_and_name_their_version():
    for validator, version in ((EXTRACTION, SCHEMA_VERSION), (DIFF, DIFF_SCHEMA_VERSION)):
        Draft202012Validator.check_schema(validator.schema)
        assert validator.schema["properties"]["schema_version"] == {"const": version}


@pytest.mark.parametrize("path", params(SOURCES))
def test_every_extraction_validates(path, gazetteer, tmp_path):
    ex = extract(path, gazetteer)
    out = tmp_path / "x.json"
    with open(out, "w", encoding="utf-8") as fh:
        write_json(ex, fh)
    assert errors(EXTRACTION, json.loads(out.read_text(encoding="utf-8"))) == []


@pytest.mark.slow
def test_generated_annexes_validate(gazetteer, tmp_path):
    rnd = random.Random(11)
    for k in range(15):
        path = tmp_path / f"g{k}.txt"
        path.write_text(render_text(draw(rnd)), encoding="utf-8")
        assert errors(EXTRACTION, extraction_to_json(extract(path, gazetteer))) == [], path.read_text()[:300]


def test_the_schema_refuses_what_it_should(gazetteer):
    data = extraction_to_json(extract(RAW / "annex_en.txt", gazetteer))
    data["records"][0]["problem_id"] = 1.1  # the dtype trap the schema guards against
    data["records"][1]["timeframe_start"] = "soon"
    del data["records"][2]["flags"]
    data["records"][3]["needs_review"] = "true"  # a boolean in the JSON; the CSV's text
    assert len(errors(EXTRACTION, data)) == 4


def test_what_ocr_read_validates_and_a_damaged_one_is_one_line(gazetteer, tmp_path):
    """`ocr` (a source read by OCR: each page's words with their boxes and confidence, and its
    paragraphs as read) validates; a word of another shape does not, nor an `ocr` without its
    paragraphs, which the loader of X.json refuses in one line."""
    from pipeline.data import read_extraction_json
    from pipeline.errors import DocumentLoadError
    from pipeline.model import Word

    ex = extract(RAW / "annex_en.txt", gazetteer)
    ex.ocr_words = {1: [Word("Annex", (41.8, 43.6, 68.1, 51.8), 96)],
                    2: [Word("to", (42.3, 56.4, 50.6, 64.5), 41)]}
    ex.read_paragraphs = list(ex.front_matter)
    out = tmp_path / "x.json"
    with open(out, "w", encoding="utf-8") as fh:
        write_json(ex, fh)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["ocr"]["pages"][0] == {"page": 1, "words": [["Annex", 41.8, 43.6, 68.1, 51.8, 96]]}
    assert data["ocr"]["paragraphs"][0] == {"text": ex.front_matter[0].text,
                                            "provenance": ex.front_matter[0].prov.to_dict()}
    assert errors(EXTRACTION, data) == [] and read_extraction_json(out)["ocr"] == data["ocr"]
    data["ocr"]["pages"][1]["words"][0] = ["to", 42.3, 56.4, 50.6]  # no bottom, no confidence
    del data["ocr"]["paragraphs"]
    assert len(errors(EXTRACTION, data)) == 2
    out.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DocumentLoadError, match="ocr has no 'paragraphs'"):
        read_extraction_json(out)
    assert "ocr" not in extraction_to_json(extract(RAW / "annex_en.txt", gazetteer))  # no OCR


def test_diff_reports_validate(tmp_path):
    v2 = tmp_path / "annex_v2.txt"
    v2.write_text(build_v2(), encoding="utf-8")
    reports = [diff_files(RAW / "annex_en.txt", v2), diff_files(RAW / "annex_en.txt", RAW / "annex_ru.txt"),
               diff_versions(Version({"file": "a", "language": "en"}, [record("1.1.1", "Train the police"),
                                                     record("1.1.2", "Train the police", row=2)], "en"),
                             Version({"file": "b", "language": "en"}, [record("1.1.3", "Train the police")], "en"))]
    lines = (RAW / "annex_en.txt").read_text(encoding="utf-8").split("\n")
    lines.remove(next(line for line in lines if line.startswith("1.1.8.")))  # a damaged side
    damaged = tmp_path / "damaged.txt"
    damaged.write_text("\n".join(lines).replace("Ministry of Labor and Social Protection", "Society of Mountain Friends"),
                       encoding="utf-8")  # and a body renamed in many measures
    reports.append(diff_files(RAW / "annex_en.txt", damaged))
    assert reports[0].changes and reports[2].ambiguous
    assert reports[3].repeated and reports[3].maybe_renamed and reports[3].new.unplaced
    for report in reports:
        assert errors(DIFF, json.loads(json.dumps(report.to_json()))) == []
