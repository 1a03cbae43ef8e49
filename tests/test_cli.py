import csv
import json
import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import GOLD, RAW, ROOT, annex


def annex_process(*args):
    """A real `annex` process: for the smoke tests of start-up and the entry point."""
    return subprocess.run([sys.executable, "-m", "pipeline", *map(str, args)], capture_output=True, text=True)


def test_extract_then_eval(tmp_path):
    run = annex_process("extract", RAW / "annex_en.txt", "-o", tmp_path)
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["annex_en.agencies.csv", "annex_en.csv", "annex_en.json",
                                                               "annex_en.steps.csv"]
    data = json.loads((tmp_path / "annex_en.json").read_text(encoding="utf-8"))
    assert data["source"]["programme_period"] == {"start": 2006, "end": 2010}
    assert data["source"]["format"] == "text" and len(data["records"]) == 41
    run = annex("eval", tmp_path / "annex_en.json", GOLD / "annex_en.json")
    assert run.returncode == 0 and "rows exact: 41/41" in run.stdout and "F1 1.000" in run.stdout
    run = annex("eval", tmp_path / "annex_en.csv", GOLD / "annex_en.csv", "--json")
    assert json.loads(run.stdout)["perfect"] is True


def bad_inputs(tmp_path):
    (tmp_path / "letter.txt").write_text("Dear colleague,\n\nno table here.\n", encoding="utf-8")
    (tmp_path / "notes.xyz").write_text("x", encoding="utf-8")
    # UTF-8 with one bad byte: damaged, not a legacy code page (those are told from their bytes)
    (tmp_path / "damaged.txt").write_bytes("Objectives café — Комиссия".encode("utf-8").replace(b"\xd0\x9a", b"\xff"))
    return {
        "missing": (tmp_path / "nope.txt", "no such file"),
        "unknown format": (tmp_path / "notes.xyz", "unknown format"),
        "no matrix": (tmp_path / "letter.txt", "no matrix"),
        "not utf-8": (tmp_path / "damaged.txt", "not UTF-8"),
        "empty folder": (_empty(tmp_path / "empty"), "no .txt, .docx"),
    }


def _empty(folder):
    folder.mkdir()
    return folder


@pytest.mark.parametrize("case", ["missing", "unknown format", "no matrix", "not utf-8"])
def test_a_bad_input_is_one_line_exit_2_and_does_not_stop_the_others(tmp_path, case, capsys):
    from pipeline.cli import main
    path, words = bad_inputs(tmp_path)[case]
    out = tmp_path / "out"
    assert main(["extract", str(RAW / "annex_en.txt"), str(path), "-o", str(out), "--jobs", "1"]) == 2
    err = capsys.readouterr().err
    [line] = [l for l in err.splitlines() if l.startswith("annex: error:")]
    assert words in line and str(path) in line and "Traceback" not in err
    assert "2 file(s): 1 extracted, 1 failed" in err
    # the good input's three files, and nothing of the bad one
    assert sorted(p.name for p in out.iterdir()) == ["annex_en.agencies.csv", "annex_en.csv", "annex_en.json",
                                                               "annex_en.steps.csv"]


def test_a_folder_with_nothing_to_read_is_one_line_exit_2(tmp_path):
    path, words = bad_inputs(tmp_path)["empty folder"]
    run = annex("extract", path, "-o", tmp_path / "out")
    assert run.returncode == 2 and run.stderr.count("\n") == 1 and words in run.stderr


def test_strict_fails_on_unplaced_paragraphs(tmp_path):
    from tests.conftest import FIXTURES
    run = annex("extract", "--strict", FIXTURES / "extra-timeframe-unplaced.txt", "-o", tmp_path)
    assert run.returncode == 2 and "could not be placed" in run.stderr and not any(tmp_path.iterdir())


def test_eval_of_a_file_that_is_not_an_extraction(tmp_path):
    bad = tmp_path / "x.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    run = annex("eval", bad, GOLD / "annex_en.json")
    assert run.returncode == 2 and "not an extraction" in run.stderr and "Traceback" not in run.stderr


def test_eval_exits_1_when_the_prediction_differs(tmp_path):
    import csv
    rows = list(csv.DictReader(open(GOLD / "annex_en.csv", encoding="utf-8")))
    rows[3]["timeframe_end"] = "2099"
    pred = tmp_path / "pred.csv"
    with open(pred, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    run = annex("eval", pred, GOLD / "annex_en.csv")
    assert run.returncode == 1 and "rows exact: 40/41" in run.stdout and "timeframe_end" in run.stdout


@pytest.mark.slow
def test_every_form_gets_its_own_files_and_all_equal_the_gold(tmp_path):
    forms = [RAW / n for n in ("annex_en.txt", "annex_en.docx", "annex_en_rows.docx", "annex_en.html",
                               "annex_en.pdf", "annex_en_rows.pdf")]
    run = annex("extract", *forms, "-o", tmp_path)
    assert run.returncode == 0, run.stderr
    stems = ["annex_en", "annex_en.docx", "annex_en_rows.docx", "annex_en.html", "annex_en.pdf", "annex_en_rows.pdf"]
    assert sorted(p.name for p in tmp_path.glob("*.json")) == sorted(f"{s}.json" for s in stems)
    for stem in stems:
        run = annex("eval", tmp_path / f"{stem}.json", GOLD / "annex_en.json", "--json")
        report = json.loads(run.stdout)
        assert report["exact_rows"] == 41 and report["agencies"]["f1"] == 1.0, stem


def test_two_inputs_of_one_name_in_two_folders_go_to_two_subfolders_and_one_table(tmp_path):
    for version in ("v1", "v2"):
        (tmp_path / version).mkdir()
        (tmp_path / version / "plan.txt").write_bytes((RAW / "annex_en.txt").read_bytes())
    out = tmp_path / "out"
    sources = [tmp_path / "v1" / "plan.txt", tmp_path / "v2" / "plan.txt"]
    run = annex("extract", *sources, "-o", out, "--combined", tmp_path / "all.csv")
    assert run.returncode == 0, run.stderr
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*.json")) == ["v1/plan.json", "v2/plan.json"]
    rows = list(csv.DictReader(open(tmp_path / "all.csv", encoding="utf-8")))
    assert len(rows) == 82 and sorted({r["source_file"] for r in rows}) == sorted(map(str, sources))
    twice = annex("extract", sources[0], sources[0], "-o", tmp_path / "twice")  # the same file twice: refused
    assert twice.returncode == 2 and "same output" in twice.stderr and not (tmp_path / "twice").exists()


def test_a_manifest_says_what_became_of_each_input(tmp_path):
    (tmp_path / "letter.txt").write_text("Dear colleague,\n\nno table here.\n", encoding="utf-8")
    run = annex("extract", RAW / "annex_en.txt", tmp_path / "letter.txt", "-o", tmp_path / "out",
                "--manifest", tmp_path / "batch.json")
    assert run.returncode == 2
    data = json.loads((tmp_path / "batch.json").read_text(encoding="utf-8"))
    good, bad = data["inputs"]
    assert (good["status"], bad["status"]) == ("extracted", "failed") and (data["extracted"], data["failed"]) == (1, 1)
    assert good["counts"]["rows"] == 41 and good["output"].endswith("annex_en.csv") and good["error"] is None
    assert "no matrix" in bad["error"] and bad["counts"] is None
    refused = annex("extract", RAW / "annex_en.txt", "-o", tmp_path / "o2", "--manifest", tmp_path / "batch.txt")
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1 and not (tmp_path / "o2").exists()


def test_excel_reaches_the_combined_csv(tmp_path):
    run = annex("extract", RAW / "annex_ru.txt", "-o", tmp_path / "out", "--combined", tmp_path / "all.csv", "--excel",
                "-q")
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "all.csv").read_bytes().startswith("\ufeff".encode("utf-8"))
    plain = annex("extract", RAW / "annex_ru.txt", "-o", tmp_path / "o2", "--combined", tmp_path / "plain.csv", "-q")
    assert plain.returncode == 0 and not (tmp_path / "plain.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_help_and_version_load_no_heavy_library():
    """`annex --help`/`--version` start fast: neither spaCy nor pdfplumber nor pandas is imported."""
    code = ("import sys; from pipeline.cli import main\n"
            "for argv in (['--version'], ['--help']):\n"
            "    try: main(argv)\n"
            "    except SystemExit: pass\n"
            "print(sorted(m for m in ('spacy', 'pdfplumber', 'pandas', 'docx', 'lxml') if m in sys.modules))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0 and run.stdout.strip().endswith("[]"), run.stdout + run.stderr
    assert "annex 0.2.0" in run.stdout


def test_an_english_extraction_does_not_import_spacy(tmp_path):
    """spaCy (about a second to import) is for languages without exported tokenizer rules."""
    code = ("import sys; from pipeline.cli import main\n"
            f"main(['extract', {str(RAW / 'annex_en.docx')!r}, '-o', {str(tmp_path)!r}, '-q'])\n"
            "print('spacy' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0 and run.stdout.strip() == "False", run.stdout + run.stderr


def test_a_word_file_run_imports_nothing_it_does_not_use(tmp_path):
    """A Word file's whole run, its worker too (`-X importtime` lists every process's imports),
    leaves out the modules only other paths use: a settings file (tomllib), a legacy .doc
    (subprocess), a column's median (statistics), a flattened text's aligner, a document with no
    plan table (`labelled`), a corrections file, a text's or a page's readers; the data files are
    found without importlib.resources.  Each costs 1 to 4 ms of a run of 0.2 s."""
    run = subprocess.run([sys.executable, "-X", "importtime", "-m", "pipeline", "extract", "-q",
                          RAW / "annex_en.docx", "-o", tmp_path], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    imported = {line.rsplit("|", 1)[1].strip() for line in run.stderr.splitlines()
                if line.startswith("import time:")}
    assert "resource" in imported  # the worker's imports are listed (it sets its memory limit)
    assert not imported & {"tomllib", "subprocess", "statistics", "importlib.resources", "html",
                           "pipeline.align.textgrid", "pipeline.align.columns",
                           "pipeline.align.plantext", "pipeline.structure.labelled",
                           "pipeline.corrections", "pipeline.readers.text", "pipeline.readers.rst"}


# -- issue 11's first cases: a bad -o, a folder for a report, a closed pipe ------------------

@pytest.mark.parametrize("output, words", [("file", "the output folder is a file"),
                                           ("file/sub", "cannot make the output folder")])
def test_an_output_folder_that_cannot_be_is_one_line(tmp_path, capsys, output, words):
    from pipeline.cli import main
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert main(["extract", str(RAW / "annex_en.txt"), "-o", str(tmp_path / output)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and words in err and str(tmp_path / output) in err


@pytest.mark.slow
def test_diff_into_a_folder_is_refused_and_the_suffix_picks_the_format(tmp_path, capsys):
    from pipeline.cli import main
    assert main(["diff", str(RAW / "annex_en.txt"), str(RAW / "annex_en.docx"), "-o", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err
    for name, start in (("r.html", "<!DOCTYPE html>"), ("r.json", "{"), ("r.csv", "kind,")):
        assert main(["diff", str(RAW / "annex_en.txt"), str(RAW / "annex_en.docx"), "-o", str(tmp_path / name)]) == 0
        assert (tmp_path / name).read_text(encoding="utf-8").startswith(start), name


def test_a_closed_pipe_is_a_quiet_exit():
    code = ("import os, sys; from pipeline.cli import main\n"
            "r, w = os.pipe(); os.close(r); os.dup2(w, 1)\n"
            f"sys.exit(main(['eval', {str(GOLD / 'annex_en.json')!r}, {str(GOLD / 'annex_en.json')!r}, '--json']))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 141 and run.stderr == ""


# -- '-' for standard input and output, as csvkit and sqlite-utils do ----------------------

class _Stdin:
    def __init__(self, data: bytes):
        import io
        self.buffer = io.BytesIO(data)


def test_extract_from_stdin_to_stdout(monkeypatch, capsys):
    import json

    from pipeline.cli import main
    monkeypatch.setattr(sys, "stdin", _Stdin((RAW / "annex_en.docx").read_bytes()))
    assert main(["extract", "-", "-o", "-"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["source"]["file"] == "stdin.docx" and len(data["records"]) == 41


def test_extract_csv_to_stdout_and_diff_from_stdin(monkeypatch, capsys, tmp_path):
    from pipeline.cli import main
    assert main(["extract", str(RAW / "annex_en.txt"), "-o", "-", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("row,objective_id") and len(lines) == 42
    assert main(["extract", str(RAW / "annex_en.txt"), "-o", str(tmp_path), "-q"]) == 0
    monkeypatch.setattr(sys, "stdin", _Stdin((tmp_path / "annex_en.json").read_bytes()))
    assert main(["diff", "-", str(RAW / "annex_en.html"), "-o", "-", "--format", "json"]) == 0
    assert '"unchanged": 41' in capsys.readouterr().out


@pytest.mark.parametrize("argv, words", [
    (["extract", str(RAW / "annex_en.txt"), str(RAW / "annex_en.docx"), "-o", "-"], "2 inputs were given"),
    (["extract", "-", "-"], "can be given once"),
    (["extract", str(RAW / "annex_en.txt"), "--format", "csv"], "--format json|csv is for one file"),
])
def test_stdin_and_stdout_misuse_is_one_line(argv, words, capsys, monkeypatch, tmp_path):
    from pipeline.cli import main
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "stdin", _Stdin(b"x"))
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and words in err


# -- a Word file whose part inflates past the limit (a zip bomb) --------------------------

def _bomb(path, size: int) -> None:
    """A .docx whose document.xml inflates to `size` bytes of one repeated character."""
    import zipfile
    with zipfile.ZipFile(RAW / "annex_en.docx") as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            if item.filename != "word/document.xml":
                out.writestr(item, src.read(item))
        with out.open("word/document.xml", "w") as fh:
            block = b" " * 2**20
            for _ in range(size // len(block)):
                fh.write(block)


def test_a_zip_bomb_is_refused_before_it_is_inflated(tmp_path, capsys):
    from pipeline.cli import main
    _bomb(tmp_path / "bomb.docx", 201 * 2**20)  # past the default 200 MB; about 200 KB on disk
    assert (tmp_path / "bomb.docx").stat().st_size < 2**20
    assert main(["extract", str(tmp_path / "bomb.docx"), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "would inflate to 201 MB, past the limit of 200 MB" in err
    assert str(tmp_path / "bomb.docx") in err and not list((tmp_path / "out").iterdir())


def test_max_part_size_sets_the_limit(tmp_path, capsys):
    from pipeline.cli import main
    assert main(["extract", str(RAW / "annex_en.docx"), "--max-part-size", "10K", "-o", str(tmp_path)]) == 2
    assert "past the limit of 10 KB (--max-part-size)" in capsys.readouterr().err
    assert main(["extract", str(RAW / "annex_en.docx"), "--max-part-size", "1M", "-o", str(tmp_path), "-q"]) == 0
    with pytest.raises(SystemExit) as stop:
        main(["extract", str(RAW / "annex_en.docx"), "--max-part-size", "lots"])
    assert stop.value.code == 2 and "expected a size such as 200M" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["extract", "diff", "eval", "agencies", "review"])
def test_every_command_documents_its_exit_codes(command, capsys):
    from pipeline.cli import main
    with pytest.raises(SystemExit) as stop:
        main([command, "--help"])
    out = capsys.readouterr().out
    assert stop.value.code == 0 and "exit codes:" in out.lower()
    assert all(f"  {code} " in out for code in ("0", "2")), out


def test_verbose_logs_every_judgement_and_quiet_does_not(tmp_path):
    run = annex("-v", "extract", RAW / "annex_en.txt", "-o", tmp_path)
    assert run.returncode == 0
    lines = [line[len("annex: "):] for line in run.stderr.splitlines() if line.startswith("annex: ")]
    assert any("columns: Objectives (objective)" in line for line in lines)
    assert any("measure 3.1.3" in line and "no_indicator_in_source" in line and "next best: give it indicator" in line
               for line in lines)  # the runner-up the decision beat
    flagged = {r["measure_id"] for r in json.loads((tmp_path / "annex_en.json").read_text("utf-8"))["records"]
               if r["flags"]}
    assert flagged == {m for m in flagged if any(f"(measure {m})" in line for line in lines)}
    quiet = annex("extract", RAW / "annex_en.txt", "-o", tmp_path, "-q")
    assert quiet.returncode == 0 and quiet.stderr == ""


def test_messages_name_standard_input_dash_not_a_temporary_file(monkeypatch, capsys, tmp_path):
    from pipeline.cli import main
    monkeypatch.setattr(sys, "stdin", _Stdin((RAW / "annex_en.txt").read_bytes()))
    assert main(["extract", "-", "-o", str(tmp_path)]) == 0
    err = capsys.readouterr().err
    assert err.startswith("-: 41 rows, ") and "annex review" not in err  # no command that would name it
    monkeypatch.setattr(sys, "stdin", _Stdin(b"not an annex\n"))
    assert main(["extract", "-", "-o", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("annex: error: -: no matrix found") and "annex-stdin" not in err


def test_verbose_after_the_command_too(tmp_path):
    import logging

    from pipeline.cli import build_parser
    assert build_parser().parse_args(["extract", "-v", "x.txt"]).verbose
    assert build_parser().parse_args(["-v", "extract", "x.txt"]).verbose
    assert not build_parser().parse_args(["extract", "x.txt"]).verbose
    assert annex("extract", "-v", RAW / "annex_en.txt", "-o", tmp_path).returncode == 0
    assert logging.getLogger("annex").level == logging.INFO


def test_an_output_that_names_a_file_gets_that_one_file(tmp_path):
    import openpyxl

    from pipeline.extract import extract
    from pipeline.writers import records_csv

    ex = extract(RAW / "annex_en.txt")
    assert annex("extract", RAW / "annex_en.txt", "-o", tmp_path / "out.csv", "-q").returncode == 0
    assert (tmp_path / "out.csv").read_text(encoding="utf-8") == records_csv(ex.records)
    assert annex("extract", RAW / "annex_en.txt", "-o", tmp_path / "out.json", "-q").returncode == 0
    assert len(json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["records"]) == 41
    assert annex("extract", RAW / "annex_en.txt", "-o", tmp_path / "out.xlsx", "-q").returncode == 0
    book = openpyxl.load_workbook(tmp_path / "out.xlsx")
    measures = book["measures"]
    assert book.sheetnames == ["measures", "agencies"] and measures.freeze_panes == "A2"
    header = [c.value for c in measures[1]]
    first = dict(zip(header, [c.value for c in measures[2]]))
    assert first["measure_id"] == "1.1.1" and first["problem_id"] == "1.1" and first["row"] == 1  # ids stay text
    assert measures.max_row == 42 and book["agencies"].max_row > 42
    assert list(tmp_path.iterdir()) and not [p for p in tmp_path.iterdir() if p.suffix == ".tmp"]


def test_one_file_holds_one_input_and_says_so(tmp_path):
    out = tmp_path / "out.csv"
    run = annex("extract", RAW / "annex_en.txt", RAW / "annex_ru.txt", "-o", out)
    assert run.returncode == 2 and "holds one input's extraction; 2 inputs were given" in run.stderr
    assert not out.exists()
    run = annex("extract", RAW / "annex_en.txt", "-o", out, "--format", "json")
    assert run.returncode == 2 and "give one" in run.stderr and not out.exists()


def test_a_batch_can_add_one_combined_table_and_workbooks(tmp_path):
    import csv
    import io

    import openpyxl

    out = tmp_path / "out"
    run = annex("extract", RAW / "annex_en.txt", RAW / "annex_ru.txt", "-o", out, "--combined", tmp_path / "all.csv",
                "--format", "xlsx")
    assert run.returncode == 0, run.stderr
    rows = list(csv.DictReader(io.StringIO((tmp_path / "all.csv").read_text(encoding="utf-8"))))
    assert len(rows) == 41 + 22 and {r["source_file"] for r in rows} == {str(RAW / "annex_en.txt"),
                                                                         str(RAW / "annex_ru.txt")}
    assert rows[0]["measure_id"] == "1.1.1" and list(rows[0])[:2] == ["source_file", "row"]
    assert openpyxl.load_workbook(out / "annex_ru.xlsx")["measures"].max_row == 23
    run = annex("extract", RAW / "annex_en.txt", "-o", out, "--combined", tmp_path / "all.xlsx", "-q")
    assert run.returncode == 0 and openpyxl.load_workbook(tmp_path / "all.xlsx")["measures"].max_row == 42


@pytest.mark.parametrize("change, where", [
    (lambda d: d["records"][0].update(flags=[{}]), "records[0].flags[0] has no 'flag'"),
    (lambda d: d["records"][0].update(agency_mentions=[3]), "records[0].agency_mentions[0] is int"),
    (lambda d: d.update(source=3), "source is int"),
    (lambda d: d["records"].__setitem__(1, "x"), "records[1] is str"),
    (lambda d: d["records"][0].update(measure=None), "records[0].measure is NoneType"),
])
def test_a_damaged_extraction_json_is_one_line_naming_where(tmp_path, change, where):
    """`eval`, `diff`, `agencies` and `review` read an X.json through one loader that checks it
    against the published schema's types and required fields first."""
    assert annex("extract", RAW / "annex_en.txt", "-o", tmp_path, "-q").returncode == 0
    data = json.loads((tmp_path / "annex_en.json").read_text(encoding="utf-8"))
    change(data)
    (tmp_path / "bad.json").write_text(json.dumps(data), encoding="utf-8")
    for argv in (["eval", tmp_path / "bad.json", GOLD / "annex_en.json"],
                 ["diff", tmp_path / "bad.json", tmp_path / "annex_en.json"],
                 ["agencies", tmp_path / "bad.json", "-o", tmp_path / "a.csv"],
                 ["review", tmp_path / "bad.json", "-o", tmp_path / "review"]):
        run = annex(*argv)
        assert run.returncode == 2 and where in run.stderr and run.stderr.count("\n") == 1, (argv[0], run.stderr)


def test_a_temporary_folder_only_for_standard_input_and_none_left_by_dead_runs(monkeypatch, tmp_path):
    import subprocess
    import tempfile

    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    gone = int(subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                              text=True).stdout)
    (temp / f"annex-stdin-{gone}-abc").mkdir()  # a run killed with -9
    (temp / f"annex-stdin-{os.getpid()}-live").mkdir()  # a run still going
    assert annex("extract", RAW / "annex_en.txt", "-o", tmp_path / "out", "-q").returncode == 0
    assert {p.name for p in temp.iterdir()} == {f"annex-stdin-{gone}-abc", f"annex-stdin-{os.getpid()}-live"}
    monkeypatch.setattr(sys, "stdin", _Stdin((RAW / "annex_en.txt").read_bytes()))
    assert annex("extract", "-", "-o", tmp_path / "out2", "-q").returncode == 0
    assert [p.name for p in temp.iterdir()] == [f"annex-stdin-{os.getpid()}-live"]


def test_a_document_that_is_not_an_annex_is_one_short_line_and_v_lists_what_was_seen(tmp_path):
    import docx

    document = docx.Document()
    for t in range(4):
        table = document.add_table(rows=2, cols=8)
        for c, cell in enumerate(table.rows[0].cells):
            cell.text = f"Budget line {t}.{c} of the annual financial statement of the ministry, in thousands"
    path = tmp_path / "budget.docx"
    document.save(path)
    run = annex("extract", path, "-o", tmp_path / "out")
    assert run.returncode == 2 and len(run.stderr.splitlines()) == 1 and len(run.stderr) - len(str(path)) < 400
    assert "no column naming the measures, nor their agencies, deadlines or results in the header" in run.stderr
    # a row that names no column is no header to quote: the example says HEADER
    assert "(table 1 of 4, row 1)" in run.stderr and '--columns "HEADER=measure,HEADER=agencies"' in run.stderr
    verbose = annex("-v", "extract", path, "-o", tmp_path / "out")
    assert sum("first row: Budget line" in line for line in verbose.stderr.splitlines()) == 4


def _on_a_terminal(args: list[str]) -> str:
    """What `annex ARGS` writes to stderr when it is a terminal of 100 columns."""
    import fcntl
    import os
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", *args], stderr=slave, stdout=subprocess.DEVNULL,
                            cwd=ROOT)
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        out += chunk
    proc.wait()
    return out.decode("utf-8", "replace")


@pytest.mark.skipif(sys.platform != "linux", reason="a pseudo-terminal")
def test_a_terminal_shows_the_pages_of_one_pdf_and_the_page_each_file_of_a_batch_is_at(tmp_path):
    one = _on_a_terminal(["extract", str(RAW / "annex_ru.pdf"), "-o", str(tmp_path)])
    assert "annex_ru.pdf:   0%" in one and "6/6" in one and "page/s" in one
    several = _on_a_terminal(["extract", str(RAW / "annex_ru.pdf"), str(RAW / "annex_en.txt"), "-o", str(tmp_path)])
    assert "annex_ru.pdf: page 6/6" in several and "file/s" in several
    quiet = _on_a_terminal(["extract", "-q", str(RAW / "annex_ru.pdf"), "-o", str(tmp_path)])
    assert quiet == ""


@pytest.mark.parametrize("name", ["report.txt", "changes.parquet"])
def test_diff_refuses_a_report_name_it_cannot_write(tmp_path, name):
    run = annex("diff", RAW / "annex_en.txt", RAW / "annex_en.txt", "-o", tmp_path / name)
    assert run.returncode == 2 and run.stderr.count("\n") == 1 and ".md, .json, .csv, .html" in run.stderr
    assert not (tmp_path / name).exists()
    given = annex("diff", RAW / "annex_en.txt", RAW / "annex_en.txt", "-o", tmp_path / name, "--format", "md")
    assert given.returncode == 0 and (tmp_path / name).read_text(encoding="utf-8").startswith("# annex_en.txt")


def test_one_input_says_what_to_check_and_how(tmp_path):
    run = annex("extract", RAW / "annex_en.txt", "-o", tmp_path)
    counts = json.loads((tmp_path / "annex_en.json").read_text(encoding="utf-8"))["counts"]
    assert run.returncode == 0 and run.stderr.count("\n") == 1
    assert f"41 rows, {counts['flagged_rows']} flagged, {counts['review_rows']} needing review" in run.stderr
    assert run.stderr.rstrip().endswith(f"to check them: annex review {RAW / 'annex_en.txt'}")
    two = annex("extract", RAW / "annex_en.txt", RAW / "annex_ru.txt", "-o", tmp_path / "two")
    assert "annex review" not in two.stderr  # a batch's summary says it once, not each file


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract is not installed")
def test_one_scan_says_to_review_its_extraction_which_needs_no_second_ocr(tmp_path):
    """A source read by OCR: the command to check it names its X.json, which keeps what OCR read
    (reviewing the source would read it all again); X.json keeps the corrections applied."""
    from tests.scans import scan_pdf

    scan = scan_pdf(RAW / "annex_en.pdf", tmp_path / "scan.pdf", pages=[1], seed=7)
    fixes = tmp_path / "fixes.csv"
    fixes.write_text("source_sha256,source_file,measure_id,occurrence,field,original,value,note\n", encoding="utf-8")
    run = annex("extract", scan, "-o", tmp_path / "out", "--corrections", fixes)
    assert run.returncode == 0
    assert run.stderr.rstrip().endswith(f"to check them: annex review {tmp_path / 'out' / 'scan.pdf.json'}")
    one = annex("extract", scan, "-o", tmp_path / "one.json")
    assert one.stderr.rstrip().endswith(f"to check them: annex review {tmp_path / 'one.json'}")


@pytest.mark.parametrize("name", ["out.parquet", "res.tsv"])
def test_an_output_named_as_a_file_of_another_kind_is_refused(tmp_path, name):
    run = annex("extract", RAW / "annex_en.txt", "-o", tmp_path / name)
    assert run.returncode == 2 and run.stderr.count("\n") == 1 and ".csv, .json, .xlsx" in run.stderr
    assert not (tmp_path / name).exists()
    (tmp_path / name).mkdir()  # a folder the user made is a folder, whatever its name
    assert annex("extract", RAW / "annex_en.txt", "-o", tmp_path / name, "-q").returncode == 0


def test_one_input_to_one_file_says_what_to_check_too(tmp_path):
    run = annex("extract", RAW / "annex_en.txt", "-o", tmp_path / "x.json")
    data = json.loads((tmp_path / "x.json").read_text(encoding="utf-8"))
    assert run.returncode == 0 and run.stderr.count("\n") == 1
    assert f"41 rows, {data['counts']['flagged_rows']} flagged, {data['counts']['review_rows']} needing review" \
        in run.stderr and "annex review" in run.stderr
    assert (tmp_path / data["source"]["path"]).resolve() == (RAW / "annex_en.txt").resolve()
