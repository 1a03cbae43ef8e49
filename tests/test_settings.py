"""Named settings: every threshold a knob of its stage's settings, validated, documented in the
docs/settings.md table, set from Python or a TOML file, and reaching the stage that decides by it."""
import dataclasses
import re

import pytest

from pipeline import Settings, load_settings
from pipeline.errors import PipelineError
from pipeline.extract import extract
from pipeline.normalize.agencies import Gazetteer, MatchSettings
from pipeline.readers import read
from pipeline.readers.options import PdfSettings, ReadOptions
from pipeline.settings import SECTIONS, table
from tests.conftest import RAW, ROOT, annex

KNOBS = [(section, cls, f) for section, cls in SECTIONS.items() for f in dataclasses.fields(cls)]


def test_the_docs_table_is_the_settings_table():
    page = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    assert table() in page


@pytest.mark.parametrize("section, cls, f", KNOBS, ids=lambda k: getattr(k, "name", str(k)))
def test_every_setting_has_a_reason_and_a_range_that_is_checked(section, cls, f):
    assert f.metadata.get("why"), f"{section}.{f.name} has no reason"
    lo, hi = f.metadata["lo"], f.metadata["hi"]
    assert lo is not None or hi is not None, f"{section}.{f.name} has no range"
    default = f.default
    low = lo - 1 if lo is not None else None
    if low is not None:
        bad = tuple(low for _ in default) if isinstance(default, tuple) else type(default)(low)
        with pytest.raises(ValueError, match=f.name):
            cls(**{f.name: bad})
    with pytest.raises(ValueError, match=f.name):
        cls(**{f.name: "1"})  # a string is no number
    cls(**{f.name: default})  # the default is in its own range


def test_the_docs_toml_example_loads(tmp_path):
    page = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    example = re.search(r"```toml\n(.*?)```", page, re.S).group(1)
    path = tmp_path / "s.toml"
    path.write_text(example, encoding="utf-8")
    settings = load_settings(path)
    assert settings.pdf.gap == 1.3 and settings.agencies.fuzzy_min == 90.0
    assert settings.align == Settings().align  # a section left out keeps its defaults


@pytest.mark.parametrize("text, says", [
    ("[pdf]\ngapp = 1.2\n", "unknown setting 'gapp'"),
    ("[pfd]\ngap = 1.2\n", "unknown section [pfd]"),
    ("[pdf]\ngap = 0.5\n", "gap must be >= 1"),
    ("[pdf]\ngap = 'wide'\n", "gap must be a float"),
    ("[pdf]\npitch_of_size = [1.5, 1.0]\n", "least first"),
    ("[agencies]\nmax_join = 2.5\n", "max_join must be an int"),
    ("pdf = 3\n", "must be a table"),
    ("[pdf\n", "not a TOML file"),
])
def test_a_bad_settings_file_is_one_error_naming_what(tmp_path, text, says):
    path = tmp_path / "s.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PipelineError, match=re.escape(says)):
        load_settings(path)
    out = tmp_path / "out"
    run = annex("extract", RAW / "annex_en.txt", "--settings", path, "-o", out)
    assert run.returncode == 2 and says in run.stderr and len(run.stderr.strip().splitlines()) == 1
    assert not out.exists()


@pytest.mark.slow
def test_pdf_settings_reach_the_reader():
    def paragraphs(doc):
        return [p.text for t in doc.tables for r in t.rows for c in r.cells for p in c.paragraphs]
    default = read(RAW / "annex_en.pdf")
    wide = read(RAW / "annex_en.pdf", ReadOptions(pdf=PdfSettings(gap=3.0, room=50.0)))  # no gap, no short line ends one
    assert len(default.tables[0].rows[0].cells) == 6
    assert len(paragraphs(wide)) < len(paragraphs(default))


def test_match_settings_reach_the_matcher():
    assert Gazetteer.load().mentions("Ministy of Healt")[0].method == "fuzzy"
    strict = Gazetteer.load(settings=MatchSettings(fuzzy_min=100.0, fuzzy_min_no_head=100.0))
    assert strict.mentions("Ministy of Healt")[0].method != "fuzzy"


def test_settings_from_the_command_line_reach_the_alignment(tmp_path):
    """`--settings` on extract: with no weight on a trailing comma, the list it continues is cut there."""
    path = tmp_path / "s.toml"
    path.write_text("[align]\ncue_comma = 0.0\n", encoding="utf-8")
    fixture = ROOT / "tests" / "fixtures" / "continuation-trailing-comma.txt"
    base = extract(fixture)
    changed = extract(fixture, settings=load_settings(path))
    assert [r.agencies for r in base.records] != [r.agencies for r in changed.records]
    out = tmp_path / "out"
    run = annex("extract", fixture, "--settings", path, "-o", out)
    assert run.returncode == 0, run.stderr
    assert "agency_split_uncertain" in (out / f"{fixture.stem}.csv").read_text(encoding="utf-8")
