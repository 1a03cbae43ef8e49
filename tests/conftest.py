from dataclasses import dataclass
from pathlib import Path

import pytest

from pipeline.normalize.agencies import Gazetteer

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "raw"
GOLD = ROOT / "gold"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

HEADER = ["Objectives", "Typical problems", "Implementation measures", "Timeframe",
          "Executing agencies", "Indicators of achievement"]


def params(paths, fast: tuple[str, ...] = ()) -> list:
    """Source files as test parameters, each by its name; a PDF read whole is marked `slow` unless
    named in `fast` (the fast tier keeps the PDF reader's unit tests and one PDF end to end;
    `make test` reads every form)."""
    return [pytest.param(p, id=p.name, marks=[pytest.mark.slow] if p.suffix == ".pdf" and p.name not in fast else [])
            for p in paths]


def pytest_collection_modifyitems(items):
    """The slow tests first: the workers then share the rest and finish together."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def flat_text(*paragraphs: str, title: str = "Programme on Something in 2006-2010") -> str:
    """A tiny flattened annex: title, the six headers, then the given paragraphs."""
    return "\n\n".join([title, *HEADER, *paragraphs]) + "\n"


@pytest.fixture
def write_text(tmp_path):
    def write(text: str, name: str = "annex.txt", encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return path
    return write


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


def annex(*args) -> Run:
    """`annex ARGS...` run in this process, as a script would see it: exit code, stdout, stderr.

    The CLI is tested this way; a few smoke tests start a real process (start-up, imports,
    signals, a closed pipe), which costs about a second each.
    """
    import contextlib
    import io

    from pipeline.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main([str(a) for a in args])
        except SystemExit as stop:  # argparse: --help, --version, a usage error
            code = stop.code if isinstance(stop.code, int) else 2
    return Run(code, out.getvalue(), err.getvalue())
