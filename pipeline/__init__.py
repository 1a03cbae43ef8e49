"""annex-pipeline: a government action-plan annex -> one clean row per measure.

    >>> from pipeline import extract, evaluate
    >>> ex = extract("raw/annex_en.txt")
    >>> ex.records[0].measure_id
    '1.1.1'

Layers, imports pointing down only:
readers -> model -> normalize -> layout -> align -> records -> extract -> writers/evaluate -> cli
"""
from .errors import DocumentLoadError, NoMatrixError, PipelineError, UnplacedParagraphsError
from .version import __version__

__all__ = ["extract", "evaluate", "read_extraction", "PipelineError", "DocumentLoadError", "NoMatrixError",
           "UnplacedParagraphsError", "__version__"]


def __getattr__(name: str):
    """`extract`, `evaluate` and `read_extraction` are imported on first use: `annex --help` loads
    neither the readers nor pandas."""
    if name == "extract":
        from .extract import extract
        return extract
    if name == "evaluate":
        from .evaluate import evaluate
        return evaluate
    if name == "read_extraction":
        from .frames import read_extraction
        return read_extraction
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
