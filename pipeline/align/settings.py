"""The costs of every scored choice, in one validated object: reading a flattened text back into
a grid, cutting a block's paragraphs into columns, and aligning them to the measures.

Costs are in one unit: a match costs 0..1 (1 - similarity), so that every other cost says
how many bad matches it is worth.  A decision's confidence comes from its margin over the best
alternative in this unit (`contract.confidence`).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..knobs import check, knob


@dataclass(frozen=True)
class AlignSettings:
    """Costs of the alignment.  A match costs 0..1 (1 - similarity)."""

    # aligning a block's columns to its measures
    skip_measure: float = knob(0.75, "a measure left without an indicator", lo=0)
    skip_item: float = knob(2.0, "a timeframe or indicator paragraph left unplaced",
                            lo=1, lo_open=True)
    empty_cell: float = knob(1.5, "a measure left without agencies", lo=0)
    duplicate: float = knob(1.0, "joining paragraphs that name the same agencies (times the share)",
                            lo=0)
    cue_comma: float = knob(0.6, "the paragraph above ends with a comma or a connector",
                            lo=0, hi=1, hi_open=True)
    cue_lower: float = knob(0.6, "this paragraph starts in lower case", lo=0, hi=1, hi_open=True)
    cue_tail: float = knob(0.8, "this paragraph completes a name the one above ends with",
                           lo=0, hi=1, hi_open=True)
    cue_lone: float = knob(0.3, "a lone name after a list of three or more",
                           lo=0, hi=1, hi_open=True)
    cue_no_blank: float = knob(0.8, "no empty paragraph above this one, in a cell that sets its "
                                    "measures' lists apart by empty paragraphs",
                               lo=0, hi=1, hi_open=True)
    split_margin: float = knob(0.3, "more agency paragraphs than measures: a cell whose cut is "
                                    "within this of another's is flagged `agency_split_uncertain`",
                               lo=0)
    # cutting a block's paragraphs into columns (the flattened text)
    misfit: float = knob(1.5, "a paragraph in a column it does not look like", lo=0)
    count: float = knob(0.8, "a column's paragraph count one off what the measures call for", lo=0)
    similar: float = knob(0.5, "where a block has indicators and extra values: an indicator unlike "
                               "every measure", lo=0)
    agency_cover: float = knob(0.6, "share of a paragraph's letters in agency names from which it "
                                    "fits the agency column", lo=0, hi=1, hi_open=True)
    # reading rows back from the flattened text
    new_row: float = knob(0.3, "a row that no number starts: a step's sub-row, or a measure with "
                               "no number", lo=0)
    heading: float = knob(0.6, "an unnumbered paragraph read as a heading row of its own", lo=0)
    cell_paragraph: float = knob(0.8, "a second paragraph in a one-value cell (deadline, result, "
                                      "extra) of one measure", lo=0)
    level_item: float = knob(0.15, "a paragraph numbered as a level (`1.2.`) read as an item "
                                   "inside a measure", lo=0)
    max_block_paragraphs: int = knob(8000, "paragraphs one row of measures (a block) may hold: "
                                           "the largest real one holds under a hundred; 2000 "
                                           "measures in one row (8000 paragraphs) take about 7 s "
                                           "to align, and the work grows faster than the row; past "
                                           "it the document is refused before the work", lo=1)
    max_depth: int = knob(12, "levels a measure's number may have (1.2.3. is three): plans number "
                              "four or five deep; a deeper one makes every reading of the text "
                              "cost its length squared, and the document is refused", lo=1)
    assume_merged: float = knob(0.15, "the margin of taking an empty agency cell for the one above "
                                      "merged down", lo=0)

    def __post_init__(self) -> None:
        check(self)


DEFAULT = AlignSettings()
