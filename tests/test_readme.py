"""The README's Python example runs as written, in a fresh interpreter (where `from pipeline
import extract` must give the function, not the module of the same name)."""
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def python_example() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Python API"):]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


@pytest.mark.slow
def test_the_python_api_example_runs_as_written(tmp_path):
    if not (ROOT / "extracted" / "annex_en.json").exists():
        pytest.skip("`make extract` writes extracted/annex_en.json, which the example reads")
    code = python_example().replace('"scan.pdf"', '"raw/annex_ru.pdf"')  # the example's scan: a real file here
    code += "\nassert callable(extract) and ex.records[10].agency_ids and result.same and len(frame) == 41\n"
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]


def test_the_package_names_stay_the_functions_after_their_modules_load():
    code = ("import pipeline.extract, pipeline.evaluate\nimport pipeline\nfrom pipeline import extract, evaluate\n"
            "assert callable(extract) and callable(evaluate) and callable(pipeline.extract)\n")
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
