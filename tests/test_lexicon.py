"""Whether a word OCR read is in doubt (`pipeline.lexical.Lexicon`, issue 39): by its shape (a
glued mark, no word of the language beside a mark) whatever Tesseract's confidence, or by a low
confidence unless it is a short word of the language."""
import pytest

from pipeline.lexical import Lexicon

LOW = 60.0


@pytest.mark.parametrize("lang, word, why", [
    ("ru", "теле-и", "a glued mark"),  # `теле- и радиовещания`: the space after the dash lost
    ("ru", "Мнистерство,юстиции", "a glued mark"),
    ("en", "Ministry.of", "a glued mark"),
    ("tg", "маориф-ва", "a glued mark"),
    ("en", "Mmistry-of", "not a word of the language beside a mark"),
])
def test_a_word_of_doubtful_shape_is_in_doubt_however_sure_tesseract_was(lang, word, why):
    assert Lexicon(lang).doubt(word, 95.0, LOW) == why


@pytest.mark.parametrize("lang, word", [
    ("ru", "по-прежнему"), ("ru", "из-за"), ("ru", "социально-экономический"), ("ru", "т.е."),
    ("ru", "г.Душанбе"), ("ru", "нормативно-правовой"), ("en", "e-government"),
    ("en", "normative-legal"), ("en", "followed-up"), ("en", "on-going"), ("en", "U.S."),
    ("tg", "иҷтимоию-иқтисодӣ"),  # no dictionary: a part unseen is no evidence
])
def test_compounds_and_abbreviations_are_words(lang, word):
    assert Lexicon(lang).doubt(word, 95.0, LOW) is None


def test_a_short_word_of_the_language_read_low_is_no_doubt_a_long_one_is():
    lexicon = Lexicon("ru")
    assert lexicon.doubt("и", 31.0, LOW) is None and lexicon.doubt("в", 31.0, LOW) is None
    assert lexicon.doubt("ё1", 31.0, LOW) == "read at 31"  # not a word
    assert lexicon.doubt("Министерство", 41.0, LOW) == "read at 41"
    assert lexicon.doubt("Министерство", 61.0, LOW) is None


def test_the_documents_own_repeated_words_are_words():
    """A name no dictionary holds (`Khatlon`) is a word where the document uses it again."""
    assert Lexicon("en").doubt("Khatlonn-region", 95.0, LOW) is not None
    assert Lexicon("en", ["Khatlonn region", "in Khatlonn"]).doubt("Khatlonn-region", 95.0, LOW) is None


UNSURE = (90.0, 95.0)  # the sure and twin confidences (`OcrSettings`)


@pytest.mark.parametrize("lang, word, conf, texts, why", [
    ("en", "Knation", 88.0, [], "not a word of the language"),
    ("en", "Knation", 91.0, [], None),  # read surely
    ("en", "labour", 88.0, [], None),  # a word of the language
    ("en", "tabour", 88.0, ["the labour inspectors"], "may be 'labour'"),
    ("tg", "сайер", 91.0, ["гурӯҳҳои сайёр"], "may be 'сайёр'"),
    ("tg", "сайер", 96.0, ["гурӯҳҳои сайёр"], None),  # read too surely to be a twin
    ("tg", "“", 88.0, [], "a quote standing alone"),  # a bullet `•` read as a quote
    ("tg", "“якҷоя", 88.0, [], None),  # a quote glued to the word it opens
])
def test_a_word_read_unsure_is_in_doubt_where_no_word_or_another_words_twin(lang, word, conf, texts,
                                                                          why):
    """Above the low confidence but below the sure one (issue 38): no word of the dictionary,
    another word of the document under one of OCR's confusions, a quote standing alone."""
    assert Lexicon(lang, texts).doubt(word, conf, LOW, unsure=UNSURE) == why


def test_a_twin_read_unsure_is_evidence_all_the_same():
    """`ТЕД` at 66 and `ТҒД` at 46 for one body (the Tajik model reads a capital `Ғ` as `Е`): of
    two words one confusion apart one is misread, however unsurely the other was read."""
    lexicon = Lexicon("tg", ["якҷоя бо ТЕД", "якҷоя бо ТҒД"], unsure=frozenset({"тед", "тғд"}))
    assert lexicon.doubt("ТЕД", 66.0, LOW, unsure=UNSURE) == "may be 'ТҒД'"
    assert lexicon.doubt("ТЕД", 96.0, LOW, unsure=UNSURE) is None  # read too surely
    alone = Lexicon("tg", ["якҷоя бо ТЕД"], unsure=frozenset({"тед"}))
    assert alone.doubt("ТЕД", 66.0, LOW, unsure=UNSURE) is None  # `ТЕд`: itself, in another case


def test_the_documents_words_read_unsure_are_no_evidence():
    """`Knation` read at 88 twice: the document's repeating it does not make it its word."""
    texts = ["schools in Knation", "lessons in Knation"]
    assert Lexicon("en", texts).doubt("Knation", 88.0, LOW, unsure=UNSURE) is None
    lexicon = Lexicon("en", texts, unsure=frozenset({"knation"}))
    assert lexicon.doubt("Knation", 88.0, LOW, unsure=UNSURE) == "not a word of the language"
