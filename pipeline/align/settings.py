"""The costs of every scored choice, in one validated object: reading a flattened text back into
a grid, cutting a block's paragraphs into columns, and aligning them to the measures.

Costs are in one unit: a match costs 0..1 (1 - similarity), so that every other cost says
how many bad matches it is worth.  A decision's confidence comes from its margin over the best
alternative in this unit (`model.confidence`).
"""
from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class AlignSettings:
    """Costs of the alignment.  A match costs 0..1 (1 - similarity)."""

    # aligning a block's columns to its measures
    skip_measure: float = 0.75  # a measure left without an indicator
    skip_item: float = 2.0  # a timeframe or indicator paragraph left unplaced
    empty_cell: float = 1.5  # a measure left without agencies
    duplicate: float = 1.0  # joining paragraphs that name the same agencies (times the share)
    cue_comma: float = 0.6  # the paragraph above ends with a comma or a connector
    cue_lower: float = 0.6  # this paragraph starts in lower case
    cue_tail: float = 0.8  # this paragraph completes a name the one above ends with
    cue_lone: float = 0.3  # a lone name after a list of three or more
    split_margin: float = 0.3  # more agency paragraphs than measures: a cell whose cut is closer than this to
    # another is flagged `agency_split_uncertain` (a tie of one-body-per-line cells: 0; a clean comma cue: 0.6)
    # cutting a block's paragraphs into columns (the flattened text)
    misfit: float = 1.5  # a paragraph in a column it does not look like
    count: float = 0.8  # a column's paragraph count one off what the measures call for
    similar: float = 0.5  # where a block has indicators and extra values: an indicator unlike every measure
    agency_cover: float = 0.6  # share of a paragraph's letters in agency names from which it fits the agency column
    # reading rows back from the flattened text
    new_row: float = 0.3  # a row that no number starts: a step's sub-row, or a measure with no number
    heading: float = 0.6  # an unnumbered paragraph read as a heading row of its own
    cell_paragraph: float = 0.8  # a second paragraph in a one-value cell (deadline, result, extra) of one measure
    level_item: float = 0.15  # a paragraph numbered as a level (`1.2.`) read as an item inside a measure
    assume_merged: float = 0.15  # the margin of taking an empty agency cell for the one above merged down

    def __post_init__(self) -> None:
        for f in fields(self):
            if getattr(self, f.name) < 0:
                raise ValueError(f"{f.name} must not be negative")
        for name in ("cue_comma", "cue_lower", "cue_tail", "cue_lone", "agency_cover"):
            if not 0 <= getattr(self, name) < 1:
                raise ValueError(f"{name} must be in [0, 1)")
        if self.skip_item <= 1:
            raise ValueError("skip_item must exceed 1, the dearest match, or counts stop deciding")


DEFAULT = AlignSettings()
