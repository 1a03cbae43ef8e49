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

__all__ = ["extract", "evaluate", "PipelineError", "DocumentLoadError", "NoMatrixError",
           "UnplacedParagraphsError", "__version__"]


def __getattr__(name: str):
    """`extract` and `evaluate` are imported on first use: `annex --help` need not load spaCy."""
    if name == "extract":
        from .extract import extract
        return extract
    if name == "evaluate":
        from .evaluate import evaluate
        return evaluate
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
