from pathlib import Path

import pytest

from pipeline.normalize.agencies import Gazetteer

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "raw"
GOLD = ROOT / "gold"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

HEADER = ["Objectives", "Typical problems", "Implementation measures", "Timeframe",
          "Executing agencies", "Indicators of achievement"]


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
