"""What a document may make of its tables while it is read (issue 42): a few kilobytes of Word or
HTML can ask for millions of cells (a grid of 200,000 columns whose cells each span all but one,
a cell spanning 1000 columns and 65,534 rows), each an object in memory.  A reader counts the
cells it makes (spanned places too) and stops at `MAX_CELLS`, in time linear in the file and
before the memory goes; a document of more than `MAX_TABLES` tables is refused once read."""
from __future__ import annotations

from ..errors import DocumentLoadError

# cells of one document's tables, spanned places included: a page holds a few hundred, a plan of a
# thousand pages some 100,000; each is an object of about 200 bytes, so the limit is about 0.2 GB
MAX_CELLS = 1_000_000
# grid columns of one table: Word makes at most 63, HTML spans at most 1000 (its colspan limit)
MAX_COLUMNS = 1000
# tables of one document: a page holds a few; a plan of a thousand pages some thousands
MAX_TABLES = 10_000


class CellCount:
    """The cells a reader has made of one document, refused past `limit`."""

    def __init__(self, path: object, limit: int = MAX_CELLS):
        self.path = path
        self.limit = limit
        self.made = 0

    def add(self, cells: int) -> None:
        self.made += cells
        if self.made > self.limit:
            raise DocumentLoadError(f"{self.path}: its tables make more than {self.limit} "
                                    "cells (spans included), more than a plan of a "
                                    "thousand pages holds (MAX_CELLS); not read")


def check_tables(path: object, tables: int, limit: int = MAX_TABLES) -> None:
    if tables > limit:
        raise DocumentLoadError(f"{path}: {tables} tables, more than a plan of a "
                                f"thousand pages holds (MAX_TABLES {limit}); not read")


def check_columns(path: object, columns: int, limit: int = MAX_COLUMNS) -> None:
    if columns > limit:
        raise DocumentLoadError(f"{path}: a table of {columns} grid columns, more than Word "
                                f"makes (63) or a browser spans (MAX_COLUMNS {limit}); not read")
