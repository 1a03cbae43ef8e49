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
                              "changed_by_repeats_only": 0, "unchanged": 34, "uncertain": 0}
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


# -- every body, known or not; one line for one edit; the measure's text; a damaged side first ---------

def unknown(rec, *names):
    return rec | {"agencies_unmatched": list(names)}


def test_a_body_the_gazetteer_does_not_know_is_compared_by_its_name():
    old = version(unknown(record("1.1.1", "Train the police"), "Friends of the  Mountains"))
    same = version(unknown(record("1.1.1", "Train the police"), "friends of the mountains"))
    assert diff_versions(old, same).same  # case and spacing aside
    new = version(unknown(record("1.1.1", "Train the police"), "Friends of the Mountains", "Society of Youth"))
    [change] = diff_versions(old, new).changes
    assert change["field"] == "agencies" and change["added_unknown"] == ["Society of Youth"]
    assert change["added"] == [] and change["added_names"] == ["Society of Youth"]
    assert "+ Society of Youth (not in the gazetteer)" in to_markdown(diff_versions(old, new))


def test_v1_against_v1_with_an_unknown_body_exits_1_and_names_it(tmp_path):
    lines = (RAW / "annex_en.txt").read_text(encoding="utf-8").split("\n")
    lines[68] += ", Society of Friends of the Mountains"  # the agencies of 1.1.2
    v3 = tmp_path / "v3.txt"
    v3.write_text("\n".join(lines), encoding="utf-8")
    run = annex("diff", RAW / "annex_en.txt", v3, "--format", "md")
    assert run.returncode == 1 and "No change" not in run.stdout
    assert "+ Society of Friends of the Mountains (not in the gazetteer)" in run.stdout
    [change] = json.loads(annex("diff", RAW / "annex_en.txt", v3, "--format", "json").stdout)["changes"]
    assert change["new_id"] == "1.1.2" and change["added_unknown"] == ["Society of Friends of the Mountains"]


def _moved(n, old_names, new_names, **kw):
    """`n` measures whose body `old_names` became `new_names` (unknown names)."""
    old = version(*(unknown(record(f"1.1.{i}", f"Measure number {i} of many", ids=(), row=i), *old_names)
                    for i in range(1, n + 1)))
    new = version(*(unknown(record(f"1.1.{i}", f"Measure number {i} of many", ids=(), row=i), *new_names)
                    for i in range(1, n + 1)))
    return diff_versions(old, new, **kw)


def test_one_edit_in_many_measures_is_one_line_and_a_probable_rename():
    result = _moved(3, ["Ministry of Labor"], ["Ministry of Labour and Migration"])
    assert result.repeated == [{"field": "agencies", "count": 3, "measures": ["1.1.1", "1.1.2", "1.1.3"],
                                "added_names": ["Ministry of Labour and Migration"],
                                "removed_names": ["Ministry of Labor"], "passed_names": [],
                                "added_unknown": ["Ministry of Labour and Migration"],
                                "removed_unknown": ["Ministry of Labor"]}]
    assert result.maybe_renamed == [{"old": "Ministry of Labor", "new": "Ministry of Labour and Migration",
                                     "measures": ["1.1.1", "1.1.2", "1.1.3"], "score": 1.0}]
    assert result.summary["changed"] == 3 and result.summary["changed_by_repeats_only"] == 3
    md = to_markdown(result)
    assert md.count("in 3 measures") == 2 and md.count("\n- **changed** ") == 0 and "**maybe renamed**" in md
    page = lxml.html.fromstring(to_html(result))
    assert len(page.find_class("repeated")) == 1 and len(page.find_class("renamed")) == 1
    assert "(not in the gazetteer)" in page.find_class("repeated")[0].text_content()
    assert not page.get_element_by_id("changes").find_class("change")
    data = json.loads(to_json(result))
    assert data["maybe_renamed"][0]["new"] == "Ministry of Labour and Migration"
    assert [c["group"] for c in data["changes"]] == [0, 0, 0]
    rows = list(csv.DictReader(io.StringIO(to_csv(result))))
    assert rows[0]["kind"] == "maybe_renamed" and rows[0]["measures"] == "1.1.1; 1.1.2; 1.1.3"


def test_one_swap_in_one_measure_is_no_rename():
    result = _moved(1, ["Ministry of Labor"], ["Ministry of Health"])
    assert not result.maybe_renamed and not result.repeated and result.summary["changed_by_repeats_only"] == 0


def test_every_changed_row_carries_the_measure_text():
    old = version(record("1.1.1", "Training of border guards", ids=("a",)))
    new = version(record("1.1.1", "Training of border guards", ids=("b",), indicator="trained"))
    result = diff_versions(old, new)
    assert [c["measure"] for c in json.loads(to_json(result))["changes"]] == ["Training of border guards"] * 2
    assert to_markdown(result).count("measure: Training of border guards") == 2
    rows = list(csv.DictReader(io.StringIO(to_csv(result))))
    assert [r["measure"] for r in rows] == ["Training of border guards"] * 2
    agencies = next(r for r in rows if r["field"] == "agencies")
    assert (agencies["old"], agencies["new"]) == ("a", "b")  # the names, not empty cells
    page = lxml.html.fromstring(to_html(result))
    assert all("Training of border guards" in row.text_content() for row in page.find_class("change"))


def test_a_damaged_side_heads_every_saved_report(tmp_path):
    result = diff_files(RAW / "annex_en.txt", _damaged(tmp_path))
    lost = result.new.unplaced[0]["text"]
    md = to_markdown(result)
    assert lost and md.index(_md_text(lost)) < md.index("| added |")
    html_text = to_html(result)
    assert html_text.index("unplaced-new") < html_text.index("id=changes")
    assert lost in lxml.html.fromstring(html_text).get_element_by_id("unplaced-new").text_content()
    assert json.loads(to_json(result))["new"]["unplaced"][0]["text"] == lost
    first = next(csv.DictReader(io.StringIO(to_csv(result))))
    assert first["kind"] == "unplaced" and first["new"] == lost


def _md_text(text):
    from pipeline.diffreport import _md

    return _md(text)


def test_sides_of_one_name_are_told_apart_by_their_folders(tmp_path):
    for folder in ("v1", "v2"):
        (tmp_path / folder).mkdir()
        shutil.copy(RAW / "annex_en.txt", tmp_path / folder / "plan.txt")
    result = diff_files(tmp_path / "v1" / "plan.txt", tmp_path / "v2" / "plan.txt")
    assert (result.old.label, result.new.label) == ("v1/plan.txt", "v2/plan.txt")
    assert to_markdown(result).startswith("# v1/plan.txt → v2/plan.txt")
    assert "<h1>v1/plan.txt → v2/plan.txt</h1>" in to_html(result)


def test_html_legend_titles_and_an_unparsed_timeframe():
    objective = "Improvement of the legislative and regulatory framework on counteracting trafficking"
    old = version(record("1.1.1", "Train the police") | {"objective": objective, "timeframe": "2007"})
    new = version(record("1.1.1", "Train the police", tf=("", "", "")) | {"objective": objective,
                                                                          "timeframe": "when funds allow"})
    page = to_html(diff_versions(old, new))
    assert "`" not in lxml.html.fromstring(page).get_element_by_id("changes").getparent().text_content()
    assert "<code>successor_of</code>" in page and "(not parsed)" in page and "//" not in page.split("<body>")[1]
    context = lxml.html.fromstring(page).find_class("context")[0].text_content()
    title = context.split(" › ")[0]
    assert title.endswith("…") and title[:-1].split()[-1] in objective.split()  # cut at a word's end


@pytest.mark.slow
def test_agencies_reach_an_extracted_json_side(tmp_path):
    later = tmp_path / "later.txt"  # the labour ministry under its 2013 name, unknown to the built-in gazetteer
    later.write_text((RAW / "annex_en.txt").read_text(encoding="utf-8").replace(
        "Ministry of Labor and Social Protection", "Ministry of Labour, Migration and Employment of Population"),
        encoding="utf-8")
    for source in (RAW / "annex_en.txt", later):
        assert annex("extract", "-q", source, "-o", tmp_path / "out").returncode == 0
    (tmp_path / "succ.csv").write_text(SUCCESSOR, encoding="utf-8")
    sides = (tmp_path / "out" / "annex_en.json", tmp_path / "out" / "later.json")
    plain = json.loads(annex("diff", *sides, "--format", "json").stdout)
    assert plain["maybe_renamed"][0]["new"] == "Ministry of Labour, Migration and Employment of Population"
    run = annex("diff", *sides, "--agencies", tmp_path / "succ.csv", "--format", "json")
    agencies = [c for c in json.loads(run.stdout)["changes"] if c.get("field") == "agencies"]
    assert agencies and all(c["passed"] == [["ministry_labor_social_protection", "ministry_labour_migration"]]
                            for c in agencies)
    assert not json.loads(run.stdout)["maybe_renamed"]
