"""The markdown reader (`pipeline/readers/markdown.py`): GitHub-flavoured pipe tables, headings and
text lines into the document model; each quirk on a tiny inline page."""
import pytest

from pipeline.enums import Format
from pipeline.extract import document_to_extraction, extract
from pipeline.readers import read, sniff_unnamed
from pipeline.readers.markdown import atx_heading, inline_text, split_row
from tests.conservation import check_conservation

HEAD = "| Objectives | Implementation measures | Timeframe | Executing agencies | Indicators |\n|---|:--|:-:|--:|---|\n"


def page(text, tmp_path, name="plan.md"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def cells(doc, table=0):
    return [[[p.text for p in c.paragraphs] for c in row.cells] for row in doc.tables[table].rows]


@pytest.mark.parametrize("suffix", [".md", ".markdown", ".MD"])
def test_a_markdown_file_is_read_by_its_suffix(tmp_path, suffix):
    doc = read(page(HEAD + "| 1. Roads | 1.1 Repair roads | 2011 | Ministry of Transport | Done |\n", tmp_path,
                    "plan" + suffix))
    assert doc.source.format == Format.MARKDOWN
    assert cells(doc)[1] == [["1. Roads"], ["1.1 Repair roads"], ["2011"], ["Ministry of Transport"], ["Done"]]


def test_the_delimiter_row_is_no_row_and_provenance_names_the_line(tmp_path):
    doc = read(page("# Plan\n\n" + HEAD + "| a | b | c | d | e |\n", tmp_path))
    assert len(doc.tables[0].rows) == 2
    prov = doc.tables[0].rows[1].cells[3].paragraphs[0].prov
    assert (prov.line, prov.table, prov.row, prov.cell, prov.paragraph) == (5, 0, 1, 3, 0)
    assert doc.tables[0].position == 1 and doc.paragraphs[0].prov.line == 1


def test_an_escaped_pipe_stays_in_its_cell():
    assert split_row(r"| a \| b | c |") == ["a | b", "c"]
    assert split_row(r"a | b \|") == ["a", "b |"]


def test_br_starts_a_new_paragraph_of_the_cell(tmp_path):
    doc = read(page(HEAD + "| a | b | c | Ministry of Transport<br>Ministry of Finance<BR/>MoH | e |\n", tmp_path))
    assert cells(doc)[1][3] == ["Ministry of Transport", "Ministry of Finance", "MoH"]
    assert [p.prov.paragraph for p in doc.tables[0].rows[1].cells[3].paragraphs] == [0, 1, 2]


@pytest.mark.parametrize("source, shown", [
    ("**Milestone**", "Milestone"),
    ("__bold__ and *em* and _em_", "bold and em and em"),
    ("`code *not em*`", "code *not em*"),
    ("[the decree](https://example.org/a_b) of 2024", "the decree of 2024"),
    ("![logo](logo.png) ~~old~~ new", "logo old new"),
    ("<https://example.org>", "https://example.org"),
    (r"\*not em\* and 2 \* 3", "*not em* and 2 * 3"),
    ("snake_case_name stays", "snake_case_name stays"),
    ("*\tWhat further areas?", "*\tWhat further areas?"),  # a list item's marker is no emphasis
    ("<s>June 30, 2020</s> <b>July 31, 2020*</b>", "June 30, 2020 July 31, 2020*"),
    ("a &lt; b &amp; c &#42;not em&#42;", "a < b & c *not em*"),
    ("`<b>` stays in code", "<b> stays in code"),
    ("quality.[^4] Then", "quality. Then"),
    ("2 < 3 and 4 > 1", "2 < 3 and 4 > 1"),
    ("one<br>two", "one two"),
])
def test_inline_markup_is_reduced_to_its_text(source, shown):
    assert inline_text(source) == shown


def test_a_short_row_is_padded_and_a_long_row_keeps_its_extra_cells(tmp_path):
    doc = read(page(HEAD + "| a | b |\n| a | b | c | d | e | f |\n", tmp_path))
    short, long = cells(doc)[1:]
    assert short == [["a"], ["b"], [], [], []]
    assert long[-1] == ["f"] and len(long) == 6


def test_a_short_row_with_a_tab_where_its_pipe_was_lost_is_cut_at_the_tab(tmp_path):
    doc = read(page(HEAD + "| a | b | 2021\tMinistry of Finance | Done |\n| a | b\tc | d | e |\n", tmp_path))
    assert cells(doc)[1] == [["a"], ["b"], ["2021"], ["Ministry of Finance"], ["Done"]]
    assert cells(doc)[2] == [["a"], ["b"], ["c"], ["d"], ["e"]]
    assert sum("lost '|'" in w.message for w in doc.warnings) == 2


def test_a_short_row_with_more_tabs_than_missing_cells_is_only_padded(tmp_path):
    doc = read(page(HEAD + "| a\tx\ty | b\tz | c |\n", tmp_path))
    assert cells(doc)[1] == [["a\tx\ty"], ["b\tz"], ["c"], [], []] and not doc.warnings


def test_headings_and_text_lines_are_paragraphs_with_their_level(tmp_path):
    doc = read(page("---\ntitle: The plan\n---\n\n# Plan of **2021**\n\nSome *text*.\n- an item\n\n"
                    "Part two\n========\n\nSection\n---\n\n***\n### Action 1: Roads ###\n", tmp_path))
    assert [(p.text, p.level) for p in doc.paragraphs] == [
        ("title: The plan", 0), ("Plan of 2021", 1), ("Some text.", 0), ("- an item", 0), ("Part two", 1),
        ("Section", 2), ("Action 1: Roads", 3)]
    assert [p.prov.line for p in doc.paragraphs] == [2, 5, 7, 8, 10, 13, 17]


def test_a_fenced_block_is_text_not_a_table(tmp_path):
    doc = read(page("```\n" + HEAD + "| a | b | c | d | e |\n```\n", tmp_path))
    assert not doc.tables and [p.text for p in doc.paragraphs][0].startswith("| Objectives")


def test_a_blank_line_or_a_heading_ends_a_table(tmp_path):
    doc = read(page(HEAD + "| a | b | c | d | e |\n## Next\n| not | a row |\n", tmp_path))
    assert len(doc.tables[0].rows) == 2
    assert [p.text for p in doc.paragraphs] == ["Next", "| not | a row |"]


def test_a_plan_in_a_pipe_table_is_extracted_and_nothing_is_lost(tmp_path, gazetteer):
    path = page("# Plan for 2011-2013\n\n" + HEAD
                + "| 1. Safer roads | 1.1 Repair **roads** | 2011 | Ministry of Transport | Roads repaired |\n"
                + "| | 1.2 Paint crossings | 2012 | Ministry of Internal Affairs | Crossings painted |\n\nfooter\n",
                tmp_path)
    ex = extract(path)
    assert [(r.objective_id, r.measure_id, r.measure, r.timeframe_end) for r in ex.records] == [
        ("1", "1.1", "Repair roads", "2011"), ("1", "1.2", "Paint crossings", "2012")]
    assert [p.text for p in ex.back_matter] == ["footer"]
    doc = read(path)
    check_conservation(doc, document_to_extraction(doc, gazetteer))


def test_bytes_without_a_name_holding_a_pipe_table_are_markdown():
    assert sniff_unnamed(("Plan\n\n" + HEAD).encode()) == ".md"
    assert sniff_unnamed(b"Objectives | Measures\nRoads | Repair\n") == ".txt"
    assert sniff_unnamed(b"a line\n---\nanother\n") == ".txt"  # one cell of dashes is no table


@pytest.mark.parametrize("line, heading", [
    ("# Plan", (1, "Plan")), ("###### Six ######", (6, "Six")), ("## Closed ##  ", (2, "Closed")),
    ("# C# and F#", (1, "C# and F#")), ("### ###", (3, "")), ("#", (1, "")),
    ("####### seven", None), ("#hashtag", None), ("    # indented code", None),
])
def test_atx_headings(line, heading):
    assert atx_heading(line) == heading


@pytest.mark.parametrize("text, shown", [
    ("`" * 20000, "`" * 20000), ("[" * 20000, "[" * 20000), ("[a](" * 20000, "[a](" * 20000),
    (" **a" * 20000, " **a" * 20000), (" *a" * 20000, " *a" * 20000),
    (" _a" * 20000, " _a" * 20000), ("<a " * 20000, "<a " * 20000), ("[^" * 20000, "[^" * 20000),
    (" ~~a" * 20000, " ~~a" * 20000), ("\\*" * 20000, "*" * 20000), ("`a` " * 10000, "a " * 10000),
])
def test_a_long_line_of_markup_that_never_closes_is_kept_as_written(text, shown):
    # each took seconds to minutes with patterns that scan to the line's end from every opener
    assert inline_text(text) == shown


def test_a_one_year_plan_gives_its_recurrences_that_year(tmp_path):
    head = "| Milestone | Measurement | Target Date |\n|---|---|---|\n"
    ex = extract(page("---\ntitle: 2020 Action Plan, Agency Actions\n---\n# 2021 Action Plan\n\n"
                      "Builds on the 2020 Action Plan.\n\n" + head
                      + "| 1.1 Assess data | Progress | Measured Annually |\n"
                      + "| 1.2 Update inventory | Completion | Quarterly |\n", tmp_path))
    assert ex.period == (2021, 2021)
    assert [(r.timeframe_start, r.timeframe_end, r.timeframe_recurrence, r.flags)
            for r in ex.records] == [("2021", "2021", "annual", []), ("2021", "2021", "quarterly", [])]


@pytest.mark.parametrize("source, shown, standing", [
    ("<s>June 30, 2020</s> <b>July 31, 2020*</b>", "June 30, 2020 July 31, 2020*", "July 31, 2020*"),
    ("~~2020~~ 2021", "2020 2021", "2021"),
    ('<del class="old">May</del> June <strike>2019</strike> 2020', "May June 2019 2020", "June 2020"),
    ("<s>never closed 2020", "never closed 2020", "never closed 2020"),
    ("`<s>code</s>` 2020", "<s>code</s> 2020", "<s>code</s> 2020"),
])
def test_struck_text_stays_in_the_cell_and_is_marked_struck(tmp_path, source, shown, standing):
    doc = read(page("| Measure | Timeframe |\n|---|---|\n| Repair roads | " + source + " |\n", tmp_path))
    para = doc.tables[0].rows[1].cells[1].paragraphs[0]
    assert para.text == shown and " ".join(para.standing().split()) == standing


def test_a_revised_date_is_the_new_date_and_keeps_both_in_its_text(tmp_path):
    head = "| Milestone | Measurement | Target Date |\n|---|---|---|\n"
    ex = extract(page("# 2020 Action Plan\n\n" + head
                      + "| 1.1 Assess staff skills | Completion | <s>June 30, 2020</s> <b>July 31, 2020*</b> |\n"
                      + "| 1.2 Update inventory | Completion | <s>July 31, 2020</s> 90 days after guidance |\n",
                      tmp_path))
    first, second = ex.records
    assert (first.timeframe, first.timeframe_start, first.timeframe_end, first.timeframe_recurrence) == (
        "June 30, 2020 July 31, 2020*", "2020-07", "2020-07", "once")
    assert first.flags == []
    # the new date says no date: unparsed, never the struck one
    assert (second.timeframe_start, second.timeframe_end) == ("", "")
    assert [f.name for f in second.flags] == ["timeframe_unparsed"]


def test_a_ditto_mark_for_a_timeframe_takes_the_row_above_and_says_so(tmp_path):
    head = "| Milestone | Measurement | Target Date | Reporting Mechanism |\n|---|---|---|---|\n"
    ex = extract(page("# 2020 Action Plan\n\n" + head
                      + "| 1.1 Put in place a road map | Completion | 1 activity per quarter | Progress Tool |\n"
                      + "| 1.2 Develop a plan | Completion | (See Above) | (See Above) |\n", tmp_path))
    first, second = ex.records
    assert (second.timeframe, second.timeframe_start, second.timeframe_end, second.timeframe_recurrence) \
        == ("(See Above)", "2020", "2020", "quarterly")
    assert [f.name for f in second.flags] == ["merged_cell"] and first.flags == []
    assert second.extra["Reporting Mechanism"] == "(See Above)"  # an extra column is kept verbatim


def test_a_ditto_mark_in_the_first_row_repeats_nothing(tmp_path):
    head = "| Milestone | Measurement | Target Date |\n|---|---|---|\n"
    ex = extract(page("# 2020 Action Plan\n\n" + head + "| 1.1 Develop a plan | Completion | (See Above) |\n",
                      tmp_path))
    assert [f.name for f in ex.records[0].flags] == ["timeframe_unparsed"]
