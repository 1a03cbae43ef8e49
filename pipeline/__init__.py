"""annex-pipeline: a government action-plan annex -> one clean row per measure.

    >>> from pipeline import extract, evaluate
    >>> ex = extract("raw/annex_en.txt")
    >>> ex.records[0].measure_id
    '1.1.1'

Layers, imports pointing down only:
readers -> model -> normalize -> layout -> align -> records -> extract -> writers/evaluate -> cli
"""
from .errors import DocumentLoadError, NoMatrixError, PipelineError, UnplacedParagraphsError
from .evaluate import evaluate
from .extract import extract

__all__ = ["extract", "evaluate", "PipelineError", "DocumentLoadError", "NoMatrixError",
           "UnplacedParagraphsError"]
