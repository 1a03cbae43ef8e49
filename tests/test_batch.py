"""Folders and batches: every supported file, in worker processes, each failure on its own."""
import shutil

from pipeline.batch import expand
from pipeline.cli import main
from tests.conftest import FIXTURES, RAW


def corpus(tmp_path):
    """A folder of three annexes (one in a subfolder), a file of another kind and a broken one."""
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(RAW / "annex_en.txt", folder / "a.txt")
    shutil.copy(RAW / "annex_en.docx", folder / "b.docx")
    shutil.copy(FIXTURES / "other-plan-health-extra-columns.txt", folder / "sub" / "c.txt")
    (folder / "notes.rtf").write_text("not an annex", encoding="utf-8")  # no reader for .rtf
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 truncated")
    return folder


def test_a_folder_gives_its_supported_files_and_recursive_its_subfolders(tmp_path):
    folder = corpus(tmp_path)
    assert [p.name for p in expand([folder])] == ["a.txt", "b.docx", "broken.pdf"]
    assert [p.name for p in expand([folder], recursive=True)] == ["a.txt", "b.docx", "broken.pdf", "c.txt"]


def test_two_workers_write_what_one_writes(tmp_path, capsys):
    folder = corpus(tmp_path)
    assert main(["extract", str(folder), "-r", "-o", str(tmp_path / "one"), "--jobs", "1"]) == 2
    one = capsys.readouterr().err
    assert main(["extract", str(folder), "-r", "-o", str(tmp_path / "two"), "--jobs", "2"]) == 2
    two = capsys.readouterr().err
    names = sorted(p.name for p in (tmp_path / "one").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "two").iterdir())
    assert not any(n.startswith("broken") for n in names) and len(names) == 12  # four files for each good input
    for name in names:
        if name.endswith(".csv"):
            assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
    summary = "4 file(s): 3 extracted, 1 failed; 88 rows"
    assert summary in one and summary in two
    assert one.count("annex: error:") == two.count("annex: error:") == 1 and "broken.pdf" in one


def test_quiet_prints_errors_only(tmp_path, capsys):
    folder = corpus(tmp_path)
    assert main(["extract", str(folder), "-q", "-o", str(tmp_path / "out"), "--jobs", "1"]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("annex: error:") and "broken.pdf" in lines[0]


def test_jobs_must_be_a_positive_number(tmp_path, capsys):
    import pytest
    with pytest.raises(SystemExit) as exc:
        main(["extract", str(RAW / "annex_en.txt"), "--jobs", "0"])
    assert exc.value.code == 2 and "at least 1" in capsys.readouterr().err
