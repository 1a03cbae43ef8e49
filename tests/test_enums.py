"""One definition per list (`pipeline/enums.py`): the command line, the reading options, the OCR,
the writers, the diff's renderers, the JSON schemas, the data files and the docs name the same
languages, PDF engines, formats and flags as the enums do."""
import ast
import csv
import json
import re

import pytest

from pipeline.cli import FILE_FORMATS, build_parser
from pipeline.diffreport import RENDERERS
from pipeline.enums import (
    AGENCY_FLAGS,
    DATA_LANGUAGES,
    DEFAULT_PDF_ENGINE,
    DIFF_FORMATS,
    EXTRACT_FORMATS,
    TESSERACT_MODELS,
    FlagName,
    Format,
    Language,
    OutputFormat,
    PdfEngine,
)
from pipeline.normalize.timeframes import RECURRENCES
from pipeline.readers.formats import FORMATS
from pipeline.readers.ocr import LANGUAGES as OCR_LANGUAGES
from pipeline.readers.options import ReadOptions
from pipeline.readers.pdf_layer import ENGINES
from tests.conftest import ROOT

PACKAGE = ROOT / "pipeline"
SCHEMAS = {name: json.loads((PACKAGE / "schema" / f"{name}.schema.json").read_text(encoding="utf-8"))
           for name in ("extraction", "diff")}


def values(kind) -> list[str]:
    return [member.value for member in kind]


def schema_enums(schema: dict, key: str) -> list[list]:
    """Every `enum` the schema gives a property named `key`, wherever it stands."""
    found, stack = [], [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get(key), dict) and "enum" in node[key]:
                found.append(node[key]["enum"])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return found


def choices(command: str, option: str) -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command").choices[command]
    action = next(a for a in sub._actions if option in a.option_strings)
    return [str(c) for c in action.choices]


@pytest.mark.parametrize("schema", SCHEMAS)
def test_the_schemas_languages_are_the_languages(schema):
    found = schema_enums(SCHEMAS[schema], "language")
    assert found and all(enum == values(Language) for enum in found)


def test_the_schemas_source_formats_are_the_formats_read():
    read = [spec.format.value for spec in FORMATS if spec.reader]
    assert schema_enums(SCHEMAS["extraction"], "format") == [read]
    assert set(read) | {Format.JSON.value} == set(values(Format))


def test_the_schemas_recurrences_are_the_grammars():
    found = schema_enums(SCHEMAS["extraction"], "timeframe_recurrence")
    assert len(found) == 2 and all(enum == ["", *RECURRENCES] for enum in found)


@pytest.mark.parametrize("command, option", [(c, o) for c in ("extract", "review") for o in ("--lang", "--ocr-lang")])
def test_the_command_lines_languages_are_the_languages(command, option):
    assert choices(command, option) == values(Language)


def test_the_languages_reach_the_reading_options_and_the_ocr():
    assert set(OCR_LANGUAGES) == set(TESSERACT_MODELS) == set(Language)
    for language in Language:
        assert ReadOptions(language=language.value).language == language
    with pytest.raises(ValueError, match="language must be 'en', 'ru' or 'tg', not 'de'"):
        ReadOptions(language="de")


@pytest.mark.parametrize("path", sorted((PACKAGE / "data").glob("*.csv")), ids=lambda p: p.name)
def test_the_data_files_name_only_known_languages(path):
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {row["lang"] for row in rows if "lang" in row} <= set(DATA_LANGUAGES)


def test_the_pdf_engines_are_one_list():
    assert ENGINES == tuple(PdfEngine)
    for command in ("extract", "review"):
        assert choices(command, "--pdf-engine") == values(PdfEngine)
    assert ReadOptions().pdf_engine == DEFAULT_PDF_ENGINE
    with pytest.raises(ValueError, match="pdf_engine must be 'pdfium' or 'pdfplumber', not 'poppler'"):
        ReadOptions(pdf_engine="poppler")


def test_the_output_formats_are_one_list():
    assert choices("extract", "--format") == values(EXTRACT_FORMATS)
    assert choices("diff", "--format") == values(DIFF_FORMATS)
    assert list(RENDERERS) == list(DIFF_FORMATS)
    assert FILE_FORMATS == {f".{fmt.value}": fmt for fmt in EXTRACT_FORMATS}
    assert set(EXTRACT_FORMATS) | set(DIFF_FORMATS) == set(OutputFormat)


def _flag_names_in_code() -> set[str]:
    """The flag names the package's code gives a `Flag`: `Flag("name", ...)` or `Flag(FlagName.X, ...)`."""
    names = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Flag" and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant):
                    names.add(first.value)
                elif isinstance(first, ast.Attribute) and getattr(first.value, "id", None) == "FlagName":
                    names.add(FlagName[first.attr].value)
    return names


def test_every_flag_the_code_raises_is_a_flag_name():
    made = _flag_names_in_code()
    assert made <= set(values(FlagName)), made - set(values(FlagName))
    assert set(AGENCY_FLAGS) <= set(FlagName)


def test_every_flag_name_is_explained_in_the_output_page():
    page = (ROOT / "docs" / "output.md").read_text(encoding="utf-8")
    section = page[page.index("### Flags"):]
    section = section[:section.index("\n## ")]
    explained = set(re.findall(r"^\| `([a-z_]+)` \|", section, re.M))
    assert explained == set(values(FlagName)), set(values(FlagName)) ^ explained
