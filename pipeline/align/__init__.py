"""Align: every scored choice of the pipeline, under one settings object (`AlignSettings`).

* `textgrid`: a flattened text read back into the plan's grid (rows, cells, merged cells);
* `columns`: the column cut of a row that lists each column's paragraphs in turn;
* `block`: one block's paragraphs placed on its measures (`items` for deadlines and results,
  `agencies` for agency cells, steps with their deadlines).

`textgrid` and `columns` are imported on first use of their names: a run that reads only tables
(a Word file) never needs them.
"""
import importlib

from .agencies import AgencyCells, continuation_cue, paragraphs_to_cells
from .block import AlignedRow, AlignedStep, BlockAlignment, align_block
from .items import items_to_measures
from .settings import DEFAULT, AlignSettings

__all__ = ["DEFAULT", "AgencyCells", "AlignSettings", "AlignedRow", "AlignedStep", "BlockAlignment",
           "Cut", "Fits", "align_block", "continuation_cue", "cut_columns", "items_to_measures",
           "paragraphs_to_cells",
           "text_to_grid"]

_LAZY = {"Cut": "columns", "Fits": "columns", "cut_columns": "columns", "text_to_grid": "textgrid"}


def __getattr__(name: str):
    """A name of `textgrid` or `columns`, its module imported now."""
    if name in _LAZY:
        return getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
