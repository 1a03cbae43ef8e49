"""Loading the data files under `pipeline/data/` (synonyms, gazetteer, lexicons), a user's CSV,
and an extraction's JSON given back to a command (`diff`, `review`, `agencies`, `eval`)."""
from __future__ import annotations

import csv
import json
import re
from functools import lru_cache
from pathlib import Path

from .errors import DataFileError, DocumentLoadError

# the package's folder of data files (`importlib.resources` would name the same folder, at 2.5 ms
# of every run for its import)
DATA = Path(__file__).resolve().parent / "data"


def data_path(name: str) -> Path:
    return DATA / name


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


@lru_cache(maxsize=1)
def _open_end() -> re.Pattern:
    words = {r["word"] for r in builtin("open_ends.csv", ("lang", "word"))
             if not r["word"].startswith("-")}
    return re.compile(r"(,|;|-|\b(?:"
                      + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + r"))$",
                      re.IGNORECASE)


@lru_cache(maxsize=None)
def _binding_endings(lang: str) -> tuple[str, ...]:
    return tuple(r["word"][1:] for r in builtin("open_ends.csv", ("lang", "word"))
                 if r["lang"] == lang and r["word"].startswith("-"))


@lru_cache(maxsize=1)
def _conjunctions() -> frozenset[str]:
    return frozenset(r["word"].lower() for r in builtin("conjunctions.csv", ("lang", "word")))


def is_conjunction(word: str) -> bool:
    """A word that joins two of a kind (`and`, `или`, `ва`: `data/conjunctions.csv`, every
    language): after a word cut short by a hyphen it says the hyphen is the word's own, a
    compound's first part standing for the second's (`теле- и радиопрограммы`, `pre- and post-`)."""
    return word.lower() in _conjunctions()


def ends_open(text: str, lang: str = "") -> bool:
    """A line or a piece of one that ends mid-phrase: on a comma, a semicolon, a hyphen, or a word
    a phrase does not end on (`and`, `of`, `during`, `на`, `в течение`, `ва`, `соли`: the words of
    `data/open_ends.csv`, every language); or, where the text's language is known, on a word with
    an ending that binds the next word (`-и`, Tajik's izofa: `дар вилояти | Хатлон`, `Созмони
    Милали | Муттаҳид`; not in other languages, whose words end so at the end of a phrase)."""
    text = text.rstrip()
    if _open_end().search(text):
        return True
    endings = _binding_endings(lang) if lang else ()
    last = text.rsplit(None, 1)[-1] if text else ""
    return bool(endings) and last.isalpha() and not last.isupper() \
        and any(last.lower().endswith(e) and len(last) > len(e) + 1 for e in endings)


def read_extraction_json(path: str | Path) -> dict:
    """An X.json written by `annex extract` (or a gold JSON) as a dict; one clear error
    otherwise."""
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
        raise DocumentLoadError(f"{path}: not an extraction JSON (no 'records'); give the .json "
                                "that 'annex extract' wrote")
    version = data.get("schema_version")
    if not isinstance(version, int) or version <= GOLD_SCHEMA:
        return data  # a gold JSON made by hand: the fields it states, as `annex eval` reads them
    schema = _extraction_schema()
    # older files: the types only
    required = version == schema["properties"]["schema_version"]["const"]
    rules = schema["properties"]
    wrong = _wrong_type(data.get("source", {}), rules["source"], schema, "source", required) or \
        _wrong_type(data.get("ocr", {}), rules["ocr"], schema, "ocr", "ocr" in data) or \
        next((w for k, rec in enumerate(data["records"])
              if (w := _wrong_type(rec, schema["$defs"]["record"], schema, f"records[{k}]",
                                   required))), None)
    if wrong:
        raise DocumentLoadError(f"{path}: not an extraction JSON as annex writes it: {wrong}")
    return data


_TYPES: dict[str, tuple[type, ...]] = {"string": (str,), "array": (list,), "object": (dict,),
                                        "boolean": (bool,), "null": (type(None),),
                                        "integer": (int,), "number": (int, float)}


@lru_cache(maxsize=1)
def _extraction_schema() -> dict:
    return json.loads((Path(__file__).parent / "schema" / "extraction.schema.json")
                      .read_text(encoding="utf-8"))


# the hand-made gold JSONs keep the first contract: the records' fields, confidence where stated
GOLD_SCHEMA = 1


def _wrong_type(value, rule: dict, schema: dict, where: str, required: bool = True) -> str | None:
    """The first value whose JSON type the published schema does not allow, or an object that
    lacks a field it requires (`records[3].flags[0] ...`), else None: what the tools that read an
    extraction rely on (types and required fields; not the values).  A loop, not recursion: a
    JSON nested deep is walked like any."""
    stack = [(value, rule, where)]
    while stack:
        value, rule, where = stack.pop()
        if "$ref" in rule:
            rule = schema["$defs"][rule["$ref"].rsplit("/", 1)[-1]]
        wrong = _type_error(value, rule, where)
        if wrong is None and required and isinstance(value, dict):
            wrong = _missing_field(value, rule, where)
        if wrong is not None:
            return wrong
        stack.extend(_parts(value, rule, where))
    return None


def _type_error(value, rule: dict, where: str) -> str | None:
    """A value whose JSON type the rule does not allow (a bool is no integer), else None."""
    types = rule.get("type")
    if types is None:
        return None
    allowed = tuple(t for name in ([types] if isinstance(types, str) else types)
                    for t in _TYPES[name])
    if not isinstance(value, allowed) or isinstance(value, bool) and bool not in allowed:
        return f"{where} is {type(value).__name__}, where the schema has {types}"
    return None


def _missing_field(value: dict, rule: dict, where: str) -> str | None:
    missing = [key for key in rule.get("required", []) if key not in value]
    return f"{where} has no '{missing[0]}'" if missing else None


def _parts(value, rule: dict, where: str) -> list[tuple]:
    """(value, rule, where) of each part of an object or array the rule says a rule for."""
    if isinstance(value, dict):
        named = rule.get("properties") or {}
        parts = [(value[key], sub, f"{where}.{key}") for key, sub in named.items() if key in value]
        extra = rule.get("additionalProperties")
        if isinstance(extra, dict):
            parts += [(v, extra, f"{where}.{k}") for k, v in value.items() if k not in named]
        return parts
    if isinstance(value, list) and isinstance(rule.get("items"), dict):
        return [(v, rule["items"], f"{where}[{k}]") for k, v in enumerate(value)]
    return []
