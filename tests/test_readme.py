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


def console_examples() -> list[list[tuple[str, list[str]]]]:
    """The README's ```console blocks: each a list of (command, the lines it prints)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = []
    for body in re.findall(r"```console\n(.*?)```", text, re.S):
        steps: list[tuple[str, list[str]]] = []
        for line in body.splitlines():
            if line.startswith("$ "):
                steps.append((line[2:], []))
            elif steps and line.strip():
                steps[-1][1].append(line)
        blocks.append(steps)
    return blocks


def _shown(expected: str, said: list[str]) -> bool:
    """An expected line is printed as it stands ('…' or '...' in it: any text there)."""
    pattern = ".*".join(re.escape(part) for part in re.split(r"\.\.\.|…", expected.strip()))
    return any(re.fullmatch(pattern, line.strip()) for line in said)


@pytest.mark.slow
@pytest.mark.parametrize("block", console_examples(), ids=lambda b: b[-1][0].split("#")[0].strip()[:40])
def test_the_readme_console_examples_print_what_it_shows(block, tmp_path):
    for name in ("raw", "gold"):
        (tmp_path / name).symlink_to(ROOT / name)
    for command, expected in block:
        assert command.startswith("annex "), command
        run = subprocess.run(f"{sys.executable} -m pipeline {command[len('annex '):]}", shell=True, cwd=tmp_path,
                             capture_output=True, text=True, timeout=300)
        said = (run.stdout + run.stderr).splitlines()
        assert run.returncode == 0, (command, run.stderr[-2000:])
        missing = [line for line in expected if not _shown(line, said)]
        assert not missing, (command, missing, said[:20])


def test_the_readme_has_console_examples():
    assert len(console_examples()) >= 2
