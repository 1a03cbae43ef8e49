"""The gazetteer a user grows: `annex agencies` proposes, `--agencies` extends, `--agencies-only` replaces.

Run in-process through `main(argv)`, as a user types it.
"""
import csv
import json

import pytest

from pipeline.cli import main
from tests.conftest import FIXTURES

PLAN = FIXTURES / "other-plan-health-extra-columns.txt"


def rows(path):
    return list(csv.DictReader(open(path, encoding="utf-8")))


def test_propose_edit_and_extract_again(tmp_path, capsys):
    assert main(["extract", str(PLAN), "-o", str(tmp_path)]) == 0
    first = rows(tmp_path / "other-plan-health-extra-columns.csv")
    assert [r["agencies_unmatched"] for r in first if r["agencies_unmatched"]] == ["Republican Tuberculosis Centre"]

    proposals = tmp_path / "new.csv"
    assert main(["agencies", str(tmp_path / "other-plan-health-extra-columns.json"), "-o", str(proposals)]) == 0
    assert "1 unmatched mention(s) in 1 proposed entry" in capsys.readouterr().err
    [entry] = rows(proposals)
    assert (entry["id"], entry["name"], entry["count"]) == (
        "republican_tuberculosis_centre", "Republican Tuberculosis Centre", "1")

    out = tmp_path / "again"
    assert main(["extract", str(PLAN), "-o", str(out), "--agencies", str(proposals)]) == 0
    again = rows(out / "other-plan-health-extra-columns.csv")
    assert not any(r["agencies_unmatched"] for r in again)
    assert again[3]["agency_ids"] == "republican_tuberculosis_centre"
    assert again[0]["agency_ids"] == "ministry_health; ministry_justice"  # the built-in names still resolve


HEADER = "Plan 2012-2014\n\nObjectives\n\nActivities\n\nResponsible bodies\n\nDeadline\n\n"  # a plan's header


def _propose(tmp_path, write_text, text):
    """The plan `text` extracted into tmp_path, and its unmatched names proposed into p.csv."""
    assert main(["extract", str(write_text(text)), "-o", str(tmp_path)]) == 0
    proposals = tmp_path / "p.csv"
    assert main(["agencies", str(tmp_path / "annex.json"), "-o", str(proposals)]) == 0
    return proposals


def test_a_proposal_names_a_close_agency_but_never_applies_it(tmp_path, write_text):
    text = (HEADER + "1. Goal\n\n1.1. Do a\n\n1.2. Do b\n\nMinistry of Education and Science\n\n"
            "Ministry of Education and Science (upon agreement)\n\n2012\n\n2013\n")
    proposals = _propose(tmp_path, write_text, text)
    [entry] = rows(proposals)
    assert entry["name"] == "Ministry of Education and Science" and entry["count"] == "2"
    assert entry["suggestion"].startswith("maybe an alias of ministry_education, ")
    data = json.loads((tmp_path / "annex.json").read_text(encoding="utf-8"))
    assert all(not r["agency_ids"] for r in data["records"])
    assert [m["by_agreement"] for r in data["records"] for m in r["agency_mentions"]] == [False, True]


def test_a_proposal_names_no_agency_whose_words_disagree(tmp_path, write_text):
    """Letters alone are no reason: `Ministry of Agriculture` is no alias of the Ministry of Health;
    a generic body (`interested ministries and agencies`) is proposed as nothing at all."""
    text = (HEADER + "1. Goal\n\n1.1. Do a\n\n1.2. Do b\n\nMinistry of Agriculture\n\n"
            "interested ministries and agencies\n\n2012\n\n2013\n")
    proposals = _propose(tmp_path, write_text, text)
    [entry] = rows(proposals)
    assert entry["name"] == "Ministry of Agriculture" and entry["suggestion"] == ""


@pytest.mark.parametrize("long, short", [
    ("Ministry of Labour, Migration and Employment of Population", "MLMEP"),
    ("Министерство труда, миграции и занятости населения", "МТМЗН"),
    ("Agency for Statistics under the President", "ASP"),
])
def test_an_acronym_joins_the_long_name_the_plan_writes(tmp_path, write_text, long, short):
    """The plan writes the long name once and the acronym after: one proposed entry, the long
    name its name and the acronym an alias; the acronym matches nothing known by score."""
    text = (HEADER + f"1. Goal\n\n1.1. Do a\n\n1.2. Do b\n\n1.3. Do c\n\n{long}\n\n{short}; Ministry of Health\n\n"
            f"{short}\n\n2012\n\n2013\n\n2014\n")
    assert main(["extract", str(write_text(text)), "-o", str(tmp_path)]) == 0
    data = json.loads((tmp_path / "annex.json").read_text(encoding="utf-8"))
    assert [r["agency_ids"] for r in data["records"]] == [[], ["ministry_health"], []]
    proposals = tmp_path / "p.csv"
    assert main(["agencies", str(tmp_path / "annex.json"), "-o", str(proposals)]) == 0
    [entry] = rows(proposals)
    assert entry["aliases"].split("|")[-1] == short and entry["count"] == "3" and entry["suggestion"] == ""
    assert entry["name"].startswith(long.split(",")[0].split(" under")[0])


def test_an_acronym_pairs_with_no_name_whose_initials_differ_or_with_two(tmp_path, write_text):
    text = (HEADER + "1. Goal\n\n1.1. Do a\n\n1.2. Do b\n\n1.3. Do c\n\nMinistry of Culture\n\n"
            "Ministry of Construction\n\nMC; MCE\n\n2012\n\n2013\n\n2014\n")
    proposals = _propose(tmp_path, write_text, text)
    assert sorted(e["name"] for e in rows(proposals)) == ["MC", "MCE", "Ministry of Construction", "Ministry of Culture"]


def test_an_alias_row_adds_to_a_known_agency(tmp_path):
    extra = tmp_path / "mine.csv"
    extra.write_text("id,name,aliases\nministry_health,,Republican Tuberculosis Centre\n", encoding="utf-8")
    assert main(["extract", str(PLAN), "-o", str(tmp_path), "--agencies", str(extra)]) == 0
    assert rows(tmp_path / "other-plan-health-extra-columns.csv")[3]["agency_ids"] == "ministry_health"


def test_agencies_only_replaces_the_builtin_gazetteer(tmp_path):
    mine = tmp_path / "mine.csv"
    mine.write_text("id,name\nmoh,Ministry of Health\n", encoding="utf-8")
    assert main(["extract", str(PLAN), "-o", str(tmp_path), "--agencies-only", str(mine)]) == 0
    first = rows(tmp_path / "other-plan-health-extra-columns.csv")[0]
    assert first["agency_ids"] == "moh" and first["agencies_unmatched"] == "Ministry of Justice"


@pytest.mark.parametrize("content, message", [
    ("id,name,aliases\nnobody_known,,Some Alias\n", "'nobody_known' is not a known agency id"),
    ("id,name,aliases\nnew_body,New Body,MIA\n", "'MIA' would name both 'ministry_internal_affairs' and 'new_body'"),
    ("id,name,aliases\nx,X One,\nx,X Two,\n", "agency id 'x' twice in this file"),
    ("name,aliases\nX,\n", "missing column(s) id"),
])
def test_a_bad_gazetteer_file_is_one_clear_line(tmp_path, capsys, content, message):
    bad = tmp_path / "bad.csv"
    bad.write_text(content, encoding="utf-8")
    assert main(["extract", str(PLAN), "-o", str(tmp_path / "out"), "--agencies", str(bad)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and not (tmp_path / "out").exists()


def test_agencies_refuses_what_is_not_an_extraction(tmp_path, capsys):
    assert main(["agencies", str(PLAN)]) == 2
    assert "not an extraction JSON" in capsys.readouterr().err
