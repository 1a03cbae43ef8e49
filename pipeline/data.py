"""Loading the data files under `pipeline/data/` (synonyms, gazetteer, lexicons), a user's CSV,
and an extraction's JSON given back to a command (`diff`, `review`, `agencies`, `eval`)."""
from __future__ import annotations

import csv
import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .errors import DataFileError, DocumentLoadError


def data_path(name: str) -> Path:
    return Path(str(resources.files("pipeline") / "data" / name))


def read_csv(path: str | Path, required: list[str]) -> list[dict[str, str]]:
    """Rows of a UTF-8 CSV as dicts; raises DataFileError when a column is missing."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in required if c not in (reader.fieldnames or [])]
            if missing:
                raise DataFileError(f"{path}: missing column(s) {', '.join(missing)}")
            return [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]
    except OSError as exc:
        raise DataFileError(f"cannot read data file {path}: {exc.strerror}") from None


@lru_cache(maxsize=None)
def builtin(name: str, required: tuple[str, ...]) -> tuple[dict[str, str], ...]:
    return tuple(read_csv(data_path(name), list(required)))


def read_extraction_json(path: str | Path) -> dict:
    """An X.json written by `annex extract` (or a gold JSON) as a dict; one clear error otherwise."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DocumentLoadError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise DocumentLoadError(f"{path}: is a directory, not a file") from None
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise DocumentLoadError(f"{path}: not an extraction JSON (not valid JSON)") from None
    except OSError as exc:
        raise DocumentLoadError(f"{path}: cannot read ({exc.strerror})") from None
    if not isinstance(data, dict) or not isinstance(data.get("records"), list):
        raise DocumentLoadError(f"{path}: not an extraction JSON (no 'records'); give the .json that "
                                "'annex extract' wrote")
    return data
