"""The README and the pages of `docs/` say what the code does: their examples run as written, in
a fresh folder, each making the files it names (or naming the repository's `raw/`, `gold/` and
`tests/`), and print what they show, whole; the usage, the OCR's steps and the links are checked
against the code and the files."""
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
PAGES = sorted((ROOT / "docs").glob("*.md"))
SHARED = ("raw", "gold", "tests")  # what an example may name without making it
ANY = "…"  # in a shown line: any text there (a digest, a path)


def text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def in_a_fresh_folder(tmp_path: Path) -> Path:
    for name in SHARED:
        (tmp_path / name).symlink_to(ROOT / name)
    return tmp_path


def python_example() -> str:
    return re.search(r"```python\n(.*?)```", text(ROOT / "docs" / "python-api.md"), re.S).group(1)


@pytest.mark.slow
def test_the_python_api_example_runs_as_written(tmp_path):
    code = python_example()
    code += "\nassert callable(extract) and ex.records[10].agency_ids and result.same and len(frame) == 41\n"
    run = subprocess.run([sys.executable, "-c", code], cwd=in_a_fresh_folder(tmp_path), capture_output=True,
                         text=True, timeout=300, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert run.returncode == 0, run.stderr[-2000:]


def test_the_package_names_stay_the_functions_after_their_modules_load():
    code = ("import pipeline.extract, pipeline.evaluate\nimport pipeline\nfrom pipeline import extract, evaluate\n"
            "assert callable(extract) and callable(evaluate) and callable(pipeline.extract)\n")
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]


def console_examples(path: Path) -> list[tuple[str, list[str]]]:
    """A page's ```console blocks, in order, as one session: each (command, the lines it prints)."""
    steps: list[tuple[str, list[str]]] = []
    for body in re.findall(r"```console\n(.*?)```", text(path), re.S):
        for line in body.splitlines():
            if line.startswith("$ "):
                steps.append((line[2:], []))
            elif steps:
                steps[-1][1].append(line.rstrip())
    return [(command, _trimmed(shown)) for command, shown in steps]


def _trimmed(lines: list[str]) -> list[str]:
    while lines and not lines[-1]:
        lines = lines[:-1]
    return lines


def _shown(expected: str, said: str) -> bool:
    """A printed line is the line shown (`…` in it: any text there)."""
    pattern = ".*".join(re.escape(part) for part in expected.split(ANY))
    return re.fullmatch(pattern, said) is not None


PAGES_WITH_EXAMPLES = [path for path in [README, *PAGES] if console_examples(path)]


@pytest.mark.slow
@pytest.mark.parametrize("path", PAGES_WITH_EXAMPLES, ids=lambda p: p.name)
def test_the_console_examples_print_what_they_show(path, tmp_path):
    """A page's examples, typed in order in a fresh folder, print what the page shows, whole."""
    folder = in_a_fresh_folder(tmp_path)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    for command, expected in console_examples(path):
        run = subprocess.run(command, shell=True, cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             text=True, timeout=300, env=env, executable="/bin/bash")
        said = _trimmed([line.rstrip() for line in run.stdout.splitlines()])
        differs = command.startswith("annex diff ") and run.returncode == 1  # documented: 1, they differ
        assert run.returncode == 0 or differs, (command, run.stdout[-2000:])
        assert len(said) == len(expected) and all(map(_shown, expected, said)), (command, expected, said)


def test_the_pages_have_console_examples():
    assert len(PAGES_WITH_EXAMPLES) >= 5 and README in PAGES_WITH_EXAMPLES


def test_the_readme_is_short_and_links_every_page():
    readme = text(README)
    assert len(readme.splitlines()) <= 250
    linked = set(re.findall(r"\]\(docs/([\w-]+\.md)", readme))
    assert linked == {page.name for page in PAGES}


@pytest.mark.parametrize("path", [README, *PAGES], ids=lambda p: p.name)
def test_every_link_names_a_file_that_exists(path):
    for target in re.findall(r"\]\((?!https?:)([^)#]+)(?:#[^)]*)?\)", text(path)):
        assert (path.parent / target).exists(), f"{path.name} links {target}"


def test_the_usage_on_the_command_line_page_is_the_parsers(monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    sub = next(a for a in build_parser()._actions if a.dest == "command").choices
    usage = "".join(sub[c].format_usage() for c in ("extract", "review", "diff", "eval", "agencies"))
    assert f"```\n{usage}```" in text(ROOT / "docs" / "command-line.md")


def _steps(where: str) -> list[str]:
    return re.findall(r"^ *\d\. \*\*([a-z ]+)\*\*", where, re.M)


def test_the_scans_page_lists_the_ocr_steps_of_the_code():
    from pipeline.readers import ocr

    assert _steps(ocr.__doc__ or "") == _steps(text(ROOT / "docs" / "scans.md")) != []


def test_the_pages_name_the_schema_versions_of_the_code():
    from pipeline.contract import SCHEMA_VERSION
    from pipeline.diff import DIFF_SCHEMA_VERSION

    api = text(ROOT / "docs" / "python-api.md")
    assert f"`schema_version` {SCHEMA_VERSION})" in api and f"`schema_version` {DIFF_SCHEMA_VERSION})" in api
    assert f"(`schema_version` {SCHEMA_VERSION})" in text(ROOT / "docs" / "output.md")
    assert f'{{"schema_version": {DIFF_SCHEMA_VERSION},' in text(ROOT / "docs" / "diff-and-review.md")
