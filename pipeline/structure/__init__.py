"""Structure: the plan tables of a document, their columns, and the hierarchy read from their grid.

Three parts, each a module, imported in this order:

* `header`: which columns a header names.  Columns are known by their header names
  (`data/headers.csv`, any language), never by position.
* `plans`: where the plans are in a document (its plan tables, else a plan of labelled fields
  read into a table by `labelled`, else the header runs of its flattened text), and each plan's
  body rows read into its layout; `refusal`: what it says when it finds none.
* `hierarchy`: a plan's grid into blocks under their headings (`GridHierarchy`); it sees the
  columns by role, never the header words, and scores nothing.
"""
from .header import (
    MAX_HEADER_WORDS,
    PLAN_ROLES,
    chrome_lines,
    columns_of,
    content_header,
    header_role,
    header_roles,
    header_synonyms,
    is_plan_header,
    seen_header_rows,
    stream_headers,
    table_header,
)
from .hierarchy import STRUCTURAL, GridHierarchy, GridRow
from .plans import (
    Found,
    TablePlan,
    TextPlan,
    document_layout,
    find_plans,
    table_rows,
    table_to_layout,
    title_of,
)

__all__ = [
    "MAX_HEADER_WORDS", "PLAN_ROLES", "STRUCTURAL", "Found", "GridHierarchy", "GridRow",
    "TablePlan", "TextPlan", "chrome_lines", "columns_of", "content_header", "document_layout",
    "find_plans", "header_role", "header_roles", "header_synonyms", "is_plan_header",
    "seen_header_rows", "stream_headers", "table_header", "table_rows",
    "table_to_layout", "title_of",
]
