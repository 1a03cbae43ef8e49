"""The table of formats (`pipeline/readers/formats.py`) is the one place a format is named: every
format has a row, every reader it names exists, the sniffer, the folder walk, the help and the
output names all follow it."""
from pathlib import Path

from pipeline.batch import SUPPORTED
from pipeline.cli import build_parser
from pipeline.enums import Format
from pipeline.readers import reader_for, sniff, sniff_unnamed
from pipeline.readers.formats import FORMATS, SPECS, documents, scans
from pipeline.writers import output_stem


def test_every_format_has_one_row_and_its_reader_exists():
    assert [spec.format for spec in FORMATS] == list(dict.fromkeys(spec.format for spec in FORMATS))
    assert set(SPECS) == set(Format)
    for spec in FORMATS:
        assert (reader_for(spec.format) is not None) == (spec.reader is not None), spec.format


def test_bytes_without_a_name_get_a_suffix_that_sniffs_back_to_their_format():
    for spec in FORMATS:
        for magic, suffix in spec.magic:
            head = magic + b"\0" * 16
            assert sniff_unnamed(head) == suffix
            assert sniff(Path("stdin" + suffix), head) == spec.format


def test_a_file_is_known_by_each_of_its_suffixes():
    for spec in FORMATS:
        for suffix in spec.suffixes:
            assert sniff(Path("annex" + suffix), b"plain words") == spec.format
            assert (suffix in SUPPORTED) == (spec.reader is not None)


def test_the_help_names_every_source_format():
    text = " ".join(build_parser().format_help().split())
    extract = next(a for a in build_parser()._subparsers._group_actions[0].choices.items() if a[0] == "extract")[1]
    help_text = " ".join(extract.format_help().split())
    assert text and all(s in help_text for s in documents() + scans())


def test_output_names_keep_what_the_row_says():
    assert output_stem("annex.txt", Format.TEXT) == "annex"
    assert output_stem("annex.docx", Format.DOCX) == "annex.docx"
    assert output_stem("page.JPG", Format.IMAGE) == "page.jpg"
    assert output_stem("annex.doc", Format.DOCX) == "annex.doc"  # a .docx named .doc: its own name
