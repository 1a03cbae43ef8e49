"""Exceptions of the pipeline.

`DocumentLoadError` (and its subclasses) is bad *input*: the CLI prints its
message on one line and exits with code 2.  Anything else that escapes is a
defect of the pipeline itself.
"""


class PipelineError(Exception):
    """Base class of every error the pipeline raises on purpose."""


class DocumentLoadError(PipelineError):
    """The input cannot be read: missing, unknown format, corrupt, encrypted."""


class NoMatrixError(DocumentLoadError):
    """The input was read but holds no matrix whose header we recognise."""


class UnplacedParagraphsError(PipelineError):
    """`--strict` was asked for and some paragraphs could not be placed."""


class DataFileError(PipelineError):
    """A data file (gazetteer, synonyms) is malformed."""
