"""Align: every scored choice of the pipeline, under one settings object (`AlignSettings`).

* `textgrid`: a flattened text read back into the plan's grid (rows, cells, merged cells);
* `columns`: the column cut of a row that lists each column's paragraphs in turn;
* `block`: one block's paragraphs placed on its measures (`items` for deadlines and results,
  `agencies` for agency cells, steps with their deadlines).
"""
from .agencies import AgencyCells, continuation_cue, paragraphs_to_cells
from .block import AlignedRow, AlignedStep, BlockAlignment, align_block
from .columns import Cut, Fits, cut_columns
from .items import items_to_measures
from .settings import DEFAULT, AlignSettings
from .textgrid import text_to_grid

__all__ = ["DEFAULT", "AgencyCells", "AlignSettings", "AlignedRow", "AlignedStep", "BlockAlignment",
           "Cut", "Fits", "align_block", "continuation_cue", "cut_columns", "items_to_measures",
           "paragraphs_to_cells",
           "text_to_grid"]
