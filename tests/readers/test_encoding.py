"""How page and text bytes become text (`readers.encoding`): tiny inline inputs."""

import pytest

from pipeline.readers.encoding import declared, decode_page, decode_text, guess, resolve

RU = "Программа действий по реализации мер"


def page(head: str, body: str = RU) -> str:
    return f"<html><head>{head}</head><body><p>{body}</p></body></html>"


@pytest.mark.parametrize(
    "head, label",
    [
        ('<meta charset="utf-8">', "utf-8"),
        ("<meta charset=windows-1251>", "windows-1251"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">', "koi8-r"),
        ("<META HTTP-EQUIV='content-type' CONTENT='text/html;charset=\"cp1251\"'>", "cp1251"),
        (f'<title>{RU}</title><meta charset="utf-8" />', "utf-8"),  # after a Cyrillic title
        (
            '<!-- <meta charset="koi8-r"> --><meta charset="utf-8">',
            "utf-8",
        ),  # a commented-out one is no declaration
        ('<meta name="viewport" content="width=device-width">', None),
    ],
)
def test_the_declaration_anywhere_in_the_head(head, label):
    assert declared(page(head).encode("utf-8")) == label


def test_a_declaration_past_1024_bytes_counts_while_the_head_goes_on():
    head = f"<title>{RU * 40}</title><meta charset='utf-8'>"
    assert len(head.encode()) > 1024 and declared(page(head).encode("utf-8")) == "utf-8"
    assert (
        declared(f"<html><body><p>{'x' * 2000}</p><meta charset='koi8-r'></body></html>".encode())
        is None
    )


@pytest.mark.parametrize(
    "label, codec",
    [
        ("UTF-8", "utf-8"),
        ("latin1", "cp1252"),
        ("ISO-8859-1", "cp1252"),
        ("us-ascii", "cp1252"),
        ("windows-1251", "cp1251"),
        ("koi8-r", "koi8-r"),
        ("no-such-charset", None),
    ],
)
def test_labels_as_the_encoding_standard_reads_them(label, codec):
    assert resolve(label) == codec


@pytest.mark.parametrize("code_page", ["cp1251", "koi8-r"])
def test_russian_bytes_are_told_from_their_letters(code_page):
    assert guess(RU.encode(code_page)) == code_page
    assert (
        guess(RU.upper().encode(code_page)) == code_page
    )  # capitals only: the letters' shares tell


def test_latin_and_utf8_bytes_are_told_from_theirs():
    assert guess("Le comité a été créé à Genève".encode("cp1252")) == "cp1252"
    assert guess(RU.encode("utf-8")) == "utf-8"
    assert guess(RU.encode("utf-8")[:-1]) == "utf-8"  # cut in the middle of a letter: still UTF-8


def test_a_byte_order_mark_comes_before_any_declaration():
    d = decode_page(page('<meta charset="windows-1251">').encode("utf-16"))
    assert RU in d.text and d.note == ""


def test_a_utf16_declaration_without_its_mark_means_utf8():
    d = decode_page(page('<meta charset="utf-16">').encode("utf-8"))
    assert (d.encoding, d.note) == ("utf-8", "") and RU in d.text


def test_utf8_bytes_under_a_one_byte_declaration_are_utf8_and_the_page_says_so():
    d = decode_page(
        page('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">').encode(
            "utf-8"
        )
    )
    assert d.encoding == "utf-8" and RU in d.text
    assert (
        "declares charset 'iso-8859-1'" in d.note
        and "its bytes are UTF-8" in d.note
        and "Ð" in d.note
    )


def test_bytes_that_do_not_decode_under_the_declaration_overrule_it():
    d = decode_page(page('<meta charset="utf-8">').encode("cp1251"))
    assert d.encoding == "cp1251" and RU in d.text and "are not UTF-8" in d.note


def test_the_other_cyrillic_code_page_overrules_a_declared_one():
    d = decode_page(page('<meta charset="windows-1251">').encode("koi8-r"))
    assert d.encoding == "koi8-r" and RU in d.text and "read as KOI8-R" in d.note
    assert (
        decode_page(page('<meta charset="windows-1251">').encode("cp1251")).note == ""
    )  # a right one stands


def test_a_page_declaring_nothing_is_told_from_its_bytes():
    assert decode_page(page("").encode("utf-8")).note == ""
    d = decode_page(page("").encode("koi8-r"))
    assert d.encoding == "koi8-r" and "declares no charset" in d.note


def test_a_few_damaged_bytes_in_a_utf8_page_are_replaced_as_a_browser_does():
    data = page('<meta charset="utf-8">', RU * 3).encode("utf-8")
    d = decode_page(data[:60] + b"\xff" + data[60:])
    assert d.encoding == "utf-8" and "\ufffd" in d.text and "1 byte sequence(s) not UTF-8" in d.note


def test_a_text_is_its_bom_then_the_named_code_page_then_utf8_then_its_letters():
    assert decode_text("x".encode("utf-16")).text == "x"
    assert decode_text(RU.encode("cp1251"), "cp1251").note == ""
    assert decode_text(RU.encode("utf-8")).encoding == "utf-8"
    d = decode_text(RU.encode("koi8-r"))
    assert d.text == RU and "read as KOI8-R" in d.note and "--encoding" in d.note


def test_damaged_utf8_text_is_refused_not_read_as_a_code_page():
    data = (RU * 3).encode("utf-8")
    with pytest.raises(UnicodeDecodeError):
        decode_text(data[:30] + b"\xff" + data[30:])
