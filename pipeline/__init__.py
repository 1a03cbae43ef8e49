"""annex-pipeline: a government action-plan annex -> one clean row per measure.

    >>> from pipeline import extract, evaluate
    >>> ex = extract("raw/annex_en.txt")
    >>> ex.records[0].measure_id
    '1.1.1'

Layers, imports pointing down only:
model -> contract -> readers, normalize -> columns -> structure -> align -> records -> extract ->
writers/evaluate -> cli
"""
import importlib
import sys
import types

from .errors import DocumentLoadError, NoMatrixError, PipelineError, UnplacedParagraphsError
from .version import __version__

__all__ = ["extract", "evaluate", "read_extraction", "Settings", "load_settings", "ReadOptions",
           "ColumnNames", "PipelineError", "DocumentLoadError", "NoMatrixError",
           "UnplacedParagraphsError", "__version__"]


_LAZY = {"extract": ("extract", "extract"), "evaluate": ("evaluate", "evaluate"),
         "read_extraction": ("frames", "read_extraction"), "Settings": ("settings", "Settings"),
         "load_settings": ("settings", "load_settings"),
         "ReadOptions": ("readers.options", "ReadOptions"),
         "ColumnNames": ("columns", "ColumnNames")}


def __getattr__(name: str):
    """`extract`, `evaluate`, `read_extraction` and the settings are imported on first use: `annex
    --help` loads neither the readers nor pandas."""
    if name in _LAZY:
        module, function = _LAZY[name]
        value = getattr(importlib.import_module(f"{__name__}.{module}"), function)
        globals()[name] = value  # the function from now on, not its module of the same name
        return value
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")


class _Package(types.ModuleType):
    """The package, whose names `extract` and `evaluate` stay the functions: importing the
    submodules of the same names (which Python then sets on the package) changes nothing."""

    def __setattr__(self, name: str, value) -> None:
        if name in _LAZY and isinstance(value, types.ModuleType):
            return  # the submodule stays reachable as `pipeline.extract` in `sys.modules`
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
