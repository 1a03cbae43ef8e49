"""Loading the data files under `pipeline/data/` (synonyms, gazetteer, lexicons)."""
from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .errors import DataFileError


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
