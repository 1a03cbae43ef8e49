import csv
import io
import json
import shutil
import subprocess

import lxml.html
import pytest

from pipeline.diff import Version, diff_files, diff_versions, redline
from pipeline.diffreport import KINDS, to_csv, to_html, to_json, to_markdown
from tests.annex_v2 import EXPECTED, build_v2
from tests.conftest import GOLD, RAW, annex


@pytest.fixture(scope="module")
def v2_result(tmp_path_factory):
    path = tmp_path_factory.mktemp("v2") / "annex_v2.txt"
    path.write_text(build_v2(), encoding="utf-8")
    return diff_files(RAW / "annex_en.txt", path), path


def keys(changes):
    return {(c["kind"], c["old_id"], c["new_id"], c.get("field") or None) for c in changes}


def test_v2_gives_exactly_the_changes_made(v2_result):
    result, _ = v2_result
    assert keys(result.changes) == EXPECTED and len(result.changes) == len(EXPECTED)
    assert result.summary == {"added": 1, "removed": 1, "not_in_translation": 0, "renumbered": 2, "changed": 4,
                              "unchanged": 34, "uncertain": 0}
    by = {(c["kind"], c.get("field")): c for c in result.changes}
    assert by[("changed", "agencies")]["added"] == ["youth_committee"] and by[("changed", "agencies")]["removed"] == []
    assert by[("changed", "timeframe")]["new_normalized"] == ["2006", "2009", "once"]
    assert ("insert", "criminal") in by[("changed", "indicator")]["redline"]
    assert all(c["matched_by"] == "content" and c["score"] == 1.0 for c in result.changes if c["kind"] == "renumbered")
    assert not result.ambiguous


def test_v2_in_every_format(v2_result):
    result, _ = v2_result
    data = json.loads(to_json(result))
    assert set(data) >= {"old", "new", "summary", "changes"} and keys(data["changes"]) == EXPECTED
    rows = list(csv.DictReader(io.StringIO(to_csv(result))))
    assert {(r["kind"], r["old_id"] or None, r["new_id"] or None, r["field"] or None) for r in rows} == EXPECTED
    md = to_markdown(result)
    assert md.count("\n- **") == len(EXPECTED) + len(KINDS) and "| 1 | 1 | 0 | 2 | 4 | 34 | 0 |" in md
    page = lxml.html.fromstring(to_html(result))
    assert [page.get_element_by_id(k).text for k in ("added", "removed", "renumbered", "changed", "unchanged")] == \
        ["1", "1", "2", "4", "34"]
    assert len(page.get_element_by_id("changes").find_class("change")) == len(EXPECTED)
    assert [e.text for e in page.iter("ins")][:1] and "criminal" in [e.text for e in page.iter("ins")]


@pytest.mark.slow
def test_diff_cli_exit_codes(v2_result, tmp_path):
    _, v2 = v2_result
    run = lambda *a: annex("diff", *a)  # noqa: E731
    same = run(RAW / "annex_en.txt", RAW / "annex_en.docx", "--format", "json")
    assert same.returncode == 0 and json.loads(same.stdout)["summary"]["unchanged"] == 41
    differ = run(RAW / "annex_en.txt", v2, "--format", "csv", "-o", tmp_path / "d.csv")
    assert differ.returncode == 1 and differ.stdout == "" and (tmp_path / "d.csv").exists()
    bad = run(RAW / "annex_en.txt", tmp_path / "missing.docx")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr


@pytest.mark.slow
def test_versions_of_one_document_in_other_forms_are_the_same():
    result = diff_files(RAW / "annex_en.docx", RAW / "annex_en_rows.pdf")
    assert result.same and result.summary["unchanged"] == 41


def test_translation_diffs_clean_on_structure(tmp_path):
    english = json.loads((GOLD / "annex_en.json").read_text(encoding="utf-8"))
    english["records"] = [r for r in english["records"] if r["objective_id"] in {"1", "2", "4", "6"}]
    subset = tmp_path / "annex_en_1_2_4_6.json"
    subset.write_text(json.dumps(english), encoding="utf-8")
    for russian in (RAW / "annex_ru.txt", RAW / "annex_ru.docx"):
        result = diff_files(subset, russian)
        assert result.cross_language and result.same, to_markdown(result)
        assert result.summary["unchanged"] == 22  # the garbles of 1.1.6 and 1.1.9 read alike in both


def test_translation_with_a_structural_change(tmp_path):
    text = (RAW / "annex_ru.txt").read_text(encoding="utf-8").replace("\n2007 г.\n", "\n2008 г.\n")
    changed = tmp_path / "annex_ru_v2.txt"
    changed.write_text(text, encoding="utf-8")
    result = diff_files(RAW / "annex_ru.txt", changed)
    assert keys(result.changes) == {("changed", "4.1.2", "4.1.2", "timeframe")}


def record(mid, measure, tf=("2007", "2008", "once"), ids=("a",), indicator="done", row=1):
    return {"measure_id": mid, "measure": measure, "timeframe": "x", "timeframe_start": tf[0],
            "timeframe_end": tf[1], "timeframe_recurrence": tf[2], "agency_ids": list(ids), "agencies": list(ids),
            "indicator": indicator, "objective": "o", "problem": "p", "row": row}


def version(*records):
    return Version({"file": "x"}, list(records), "en")


def test_duplicate_ids_are_paired_by_content():
    old = version(record("6.1.4", "Study of opening consular offices abroad", row=1),
                  record("6.1.4", "Study of international legal acts for ratification", row=2))
    new = version(record("6.1.4", "Study of international legal acts for ratification", row=1),
                  record("6.1.4", "Study of opening consular offices abroad", row=2))
    result = diff_versions(old, new)
    assert result.same and result.summary["unchanged"] == 2


def test_a_pairing_that_could_go_either_way_is_reported():
    old = version(record("1.1.1", "Train the police"), record("1.1.2", "Train the police", row=2))
    new = version(record("1.1.3", "Train the police"))  # neither number agrees: a true tie
    result = diff_versions(old, new)
    assert len(result.ambiguous) == 1 and result.ambiguous[0]["runner_up_score"] == result.ambiguous[0]["score"]
    assert {c["kind"] for c in result.changes} == {"renumbered", "removed"}


def test_a_tie_in_content_is_settled_by_the_number():
    old = version(record("1.1.1", "Train the police"), record("1.1.2", "Train the police", row=2))
    new = version(record("1.1.1", "Train the police"))
    result = diff_versions(old, new)
    assert not result.ambiguous and keys(result.changes) == {("removed", "1.1.2", None, None)}


def test_redline_is_word_level():
    assert redline("open two new centres", "open three new centres now") == [
        ("equal", "open"), ("delete", "two"), ("insert", "three"), ("equal", "new centres"), ("insert", "now")]


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs it)")
def test_html_report_in_headless_chromium(v2_result, tmp_path):
    result, _ = v2_result
    page = tmp_path / "diff.html"
    page.write_text(to_html(result), encoding="utf-8")
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--no-first-run", "--disable-sync", f"--user-data-dir={tmp_path / 'p'}"]
    dom = subprocess.run([CHROMIUM, *flags, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120)
    rendered = lxml.html.fromstring(dom.stdout)
    assert rendered.get_element_by_id("renumbered").text == "2"
    assert len(rendered.get_element_by_id("changes").find_class("change")) == len(EXPECTED)
    shot = tmp_path / "diff.png"
    subprocess.run([CHROMIUM, *flags, f"--screenshot={shot}", "--window-size=1200,900", page.as_uri()],
                   capture_output=True, timeout=120)
    assert shot.exists() and shot.stat().st_size > 10_000


# -- the diff shows the quality of what it compares -------------------------------------------

def _damaged(tmp_path):
    """The 2006 annex with one measure line deleted by mistake (its other columns left as they were)."""
    lines = (RAW / "annex_en.txt").read_text(encoding="utf-8").split("\n")
    lines.remove(next(line for line in lines if line.startswith("1.1.8.")))
    path = tmp_path / "annex_en_damaged.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_a_damaged_side_warns_and_its_changes_are_uncertain(tmp_path):
    damaged = _damaged(tmp_path)
    run = annex("diff", RAW / "annex_en.txt", damaged, "--format", "json")
    assert run.returncode == 1
    warning = [line for line in run.stderr.splitlines() if "warning" in line]
    assert len(warning) == 1 and str(damaged) in warning[0] and "2 paragraph(s) could not be placed" in warning[0]
    report = json.loads(run.stdout)
    assert report["new"]["quality"]["unplaced"] == 2 and report["old"]["quality"]["unplaced"] == 0
    assert report["new"]["quality"]["doubtful_rows"] >= 1
    false_changes = [c for c in report["changes"] if c["kind"] == "changed"]
    assert false_changes and all(c["uncertain"] for c in false_changes)
    assert report["summary"]["uncertain"] == len([c for c in report["changes"] if c["uncertain"]])
    strict = annex("diff", RAW / "annex_en.txt", damaged, "--strict", "-o", tmp_path / "r.html")
    assert strict.returncode == 2 and strict.stderr.count("\n") == 1 and not (tmp_path / "r.html").exists()


def test_every_format_carries_both_sides_quality_context_and_legend(tmp_path):
    result = diff_files(RAW / "annex_en.txt", _damaged(tmp_path))
    md, page = to_markdown(result), lxml.html.fromstring(to_html(result))
    assert "| new | annex_en_damaged.txt | 2 |" in md and "Legend:" in md and "(uncertain)" in md
    # each change under its objective (number and words) and then its problem's number
    assert "### 1 Monitoring underlying problems of human traffic › 1.1" in md
    assert page.get_element_by_id("quality-new").findall("td")[2].text == "2"
    assert page.find_class("legend") and page.find_class("context") and page.find_class("badge")
    rows = list(csv.DictReader(io.StringIO(to_csv(result))))
    assert rows and all(r["new_unplaced"] == "2" and r["old_unplaced"] == "0" for r in rows)
    assert {r["uncertain"] for r in rows if r["kind"] == "changed"} == {"true"}


def test_all_lists_the_unchanged_measures_too():
    result = diff_files(RAW / "annex_en.txt", RAW / "annex_en.docx", unchanged=True)
    assert result.same and [c["kind"] for c in result.changes] == ["unchanged"] * 41
    assert "No change." in to_markdown(result) and to_markdown(result).count("**unchanged** ") == 41


def test_a_partial_translation_says_what_is_not_in_it():
    result = diff_files(GOLD / "annex_en.json", RAW / "annex_ru.txt")
    missing = {c["old_id"] for c in result.changes if c["kind"] == "not_in_translation"}
    assert missing and {m.split(".")[0] for m in missing} == {"3", "5"}
    page = lxml.html.fromstring(to_html(result))  # not shown as deleted: there is no translation of it
    absent = page.xpath("//tr[td[contains(@class, 'not_in_translation')]]")
    assert len(absent) == len(missing) and not [r for r in absent if r.xpath(".//del")]
    assert all(r.find_class("absent") for r in absent)
    assert result.summary["removed"] == 0 and result.summary["not_in_translation"] == len(missing)


SUCCESSOR = ("id,name,aliases,successor_of,since\n"
             "ministry_labour_migration,\"Ministry of Labour, Migration and Employment of Population\",MLMEP,"
             "ministry_labor_social_protection,2013\n")


@pytest.mark.slow
def test_a_renamed_body_is_responsibility_passed_only_where_the_gazetteer_says_so(tmp_path):
    later = tmp_path / "later.txt"  # the 2006 annex with the labour ministry under its 2013 name
    later.write_text((RAW / "annex_en.txt").read_text(encoding="utf-8").replace(
        "Ministry of Labor and Social Protection", "Ministry of Labour, Migration and Employment of Population"),
        encoding="utf-8")
    (tmp_path / "succ.csv").write_text(SUCCESSOR, encoding="utf-8")
    with_successor = json.loads(annex("diff", RAW / "annex_en.txt", later, "--agencies", tmp_path / "succ.csv",
                                      "--format", "json").stdout)
    agencies = [c for c in with_successor["changes"] if c.get("field") == "agencies"]
    assert agencies and all(c["passed"] == [["ministry_labor_social_protection", "ministry_labour_migration"]]
                            and not c["added"] and not c["removed"] for c in agencies)
    assert "responsibility passed to the successor body" in to_markdown(
        diff_files(RAW / "annex_en.txt", later, _gazetteer(tmp_path / "succ.csv")))
    plain = diff_files(RAW / "annex_en.txt", later)  # the built-in gazetteer knows no successor
    moved = [c for c in plain.changes if c.get("field") == "agencies"]
    assert len(moved) == len(agencies) and all(c["removed"] == ["ministry_labor_social_protection"]
                                               and not c["passed"] for c in moved)


def _gazetteer(extra):
    from pipeline.normalize.agencies import Gazetteer

    return Gazetteer.load(extend=[extra])


@pytest.mark.parametrize("rows, message", [
    ("a,A body,,nobody,\n", "'nobody', which is not a known agency id"),
    ("a,A body,,b,\nb,B body,,a,\n", "run in a circle"),
    ("a,A body,,ministry_health,20x\n", "must be a year"),
])
def test_a_bad_successor_is_one_clear_error(tmp_path, rows, message):
    from pipeline.errors import DataFileError

    (tmp_path / "s.csv").write_text("id,name,aliases,successor_of,since\n" + rows, encoding="utf-8")
    with pytest.raises(DataFileError, match=message):
        _gazetteer(tmp_path / "s.csv")


def test_markdown_carries_a_documents_text_as_text_not_markup():
    hostile = '<img src=x onerror=alert(1)> </script> [link](javascript:x) *bold* | cell'
    old = version(record("1.1.1", "Training of border guards", indicator="done"))
    new = version(record("1.1.1", "Training of border guards", indicator=hostile), record("1.1.2", hostile, row=2))
    md = to_markdown(diff_versions(old, new))
    assert "<img" not in md and "</script>" not in md and "](javascript" not in md.replace("\\]", "")
    assert "&lt;img src=x onerror=alert(1)&gt;" in md and "\\[link\\]" in md and "\\*bold\\*" in md
