"""Every stage's named settings in one object, and read from a TOML file (`annex --settings FILE`).

    [pdf]                 # PdfSettings: the PDF reader's geometry
    gap = 1.2
    [align]               # AlignSettings: the costs of the alignment
    skip_measure = 0.6

Sections: `pdf` (`readers.options.PdfSettings`), `ocr` (`readers.options.OcrSettings`),
`align` (`align.AlignSettings`), `agencies` (`normalize.agencies.MatchSettings`), and
`columns`: header texts and the roles of their columns (`columns.ColumnNames`):

    [columns]
    "Which partners are involved" = "agencies"

A name
that is not a setting, a value of the wrong type or out of its range is one error naming
the file, the section and the setting; a setting left out keeps its default.  The settings
table of docs/settings.md is `table()` (a test keeps them equal).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .align import AlignSettings
from .columns import ColumnNames
from .errors import PipelineError
from .knobs import from_mapping, settings_table
from .normalize.agencies import MatchSettings
from .readers.options import OcrSettings, PdfSettings

SECTIONS: dict[str, type] = {"pdf": PdfSettings, "ocr": OcrSettings, "align": AlignSettings,
                             "agencies": MatchSettings}


@dataclass(frozen=True)
class Settings:
    """The settings of every stage (each one's defaults unless given)."""

    pdf: PdfSettings = field(default_factory=PdfSettings)
    ocr: OcrSettings = field(default_factory=OcrSettings)
    align: AlignSettings = field(default_factory=AlignSettings)
    agencies: MatchSettings = field(default_factory=MatchSettings)
    columns: ColumnNames = field(default_factory=ColumnNames)  # header text -> its column's role


def load_settings(path: str | Path) -> Settings:
    """A settings file (TOML, one table per stage) -> `Settings`; PipelineError on anything
    wrong."""
    import tomllib  # 4 ms of every run: only for a settings file

    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise PipelineError(f"{path}: cannot read the settings file "
                            f"({exc.__class__.__name__})") from None
    except tomllib.TOMLDecodeError as exc:
        raise PipelineError(f"{path}: not a TOML file ({exc})") from None
    unknown = sorted(set(data) - set(SECTIONS) - {"columns"})
    if unknown:
        known = ", ".join([*SECTIONS, "columns"])
        raise PipelineError(f"{path}: unknown section [{unknown[0]}] (sections: {known})")
    made: dict[str, Any] = {}
    for name, values in data.items():
        if not isinstance(values, dict):
            raise PipelineError(f"{path}: '{name}' must be a table ([{name}])")
        try:
            made[name] = _column_names(values, f"{path}: [{name}]") if name == "columns" else \
                from_mapping(SECTIONS[name], values, f"{path}: [{name}]")
        except (ValueError, TypeError) as exc:
            raise PipelineError(str(exc)) from None
    return Settings(**made)


def _column_names(values: dict, where: str) -> ColumnNames:
    try:
        return ColumnNames.of(values)
    except ValueError as exc:
        raise ValueError(f"{where}: {exc}") from None


def table() -> str:
    """The table of every setting (docs/settings.md): section, name, default, range, reason."""
    head = ["| section | setting | default | range | what it decides |", "|---|---|---|---|---|"]
    return "\n".join(head + [row for name, cls in SECTIONS.items()
                             for row in settings_table(cls, name)])
