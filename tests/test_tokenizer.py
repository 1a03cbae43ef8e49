"""The spaCy-free text tools give what spaCy gave: tokens, lemmas, name matches, similarities.

The pipeline tokenizes with spaCy's exported rules (`normalize/tokenizer.py`) so that a run
does not import spaCy.  spaCy is still installed (it lemmatizes Russian), so these tests
compare the two on every source, fixture, variant list and a family of generated annexes.
"""
import random

import pytest
import spacy
from spacy.matcher import PhraseMatcher
from spacy.util import filter_spans

from pipeline.lexical import Lexical
from pipeline.normalize.text import fold
from pipeline.normalize.tokenizer import Tokenizer
from tests.annex_family import draw, render_text
from tests.conftest import FIXTURES, RAW
from tools.export_tokenizer_rules import LANGS, rules

SEED_TEXTS = sorted(RAW.glob("*.txt")) + sorted(FIXTURES.glob("*.txt"))
ODD = ["Ministry of Health (MoH), e.g. the U.S. Embassy; don't  stop at 3 p.m.", "  lead  ", "a\n b",
       "COVID-19 anti-trafficking", "Prosecutor's Office/MIA", "http://x.org/a, info@x.tj", "(Jan.", "Jan.,",
       "'s", "МВД,МЮ и т.д.", "Ministry of\tHealth", "\u00a0Ministry", "", " ", "x" * 5]


def paragraphs() -> list[str]:
    out = list(ODD)
    for path in SEED_TEXTS:
        out += [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rnd = random.Random(7)
    for _ in range(20):
        out += [p for p in render_text(draw(rnd)).split("\n\n") if p.strip()]
    out += [line.split(",", 1)[-1] for line in (FIXTURES.parent / "normalize" / "agency_variants.csv")
            .read_text(encoding="utf-8").splitlines()[1:]]
    return out


PARAGRAPHS = paragraphs()


@pytest.mark.slow  # spaCy itself: the parity checks
@pytest.mark.parametrize("lang", LANGS)
def test_exported_rules_are_the_installed_spacys(lang):
    import json

    from pipeline.data import data_path
    stored = json.loads(data_path(f"tokenizer_{lang}.json").read_text(encoding="utf-8"))
    assert stored == rules(lang), "run `python tools/export_tokenizer_rules.py` after upgrading spaCy"


@pytest.mark.slow  # spaCy itself: the parity checks
@pytest.mark.parametrize("lang", LANGS)
def test_tokens_are_spacys(lang):
    nlp, ours = spacy.blank(lang), Tokenizer.load(lang)
    for text in PARAGRAPHS:
        assert [(t.text, t.idx) for t in ours(text)] == [(t.text, t.idx) for t in nlp.make_doc(text)], text


@pytest.mark.slow  # spaCy itself: the parity checks
def test_token_attributes_are_spacys():
    nlp, ours = spacy.blank("xx"), Tokenizer.load("xx")
    for text in ODD + PARAGRAPHS[:300]:
        for a, b in zip(ours(text), nlp.make_doc(text)):
            assert (a.lower, a.is_punct, a.is_space, a.is_alpha) == (b.lower_, b.is_punct, b.is_space, b.is_alpha)


@pytest.mark.slow  # spaCy itself: the parity checks
def test_english_lemmas_are_spacys():
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    lexical = Lexical("en")
    for text in PARAGRAPHS:
        expected = [(t.lemma_ or t.text).lower() for t in nlp(text) if t.is_alpha and not t.is_stop and len(t.text) > 2]
        assert lexical.content_lemmas(text) == expected, text


@pytest.mark.slow  # spaCy itself: the parity checks
def test_russian_lemmas_are_spacys_with_pymorphy3():
    nlp = spacy.blank("ru")
    nlp.add_pipe("lemmatizer", config={"mode": "pymorphy3"})
    nlp.initialize()
    lexical = Lexical("ru")
    russian = [text for text in PARAGRAPHS if sum("а" <= c.lower() <= "я" for c in text) > len(text) / 3]
    assert len(russian) > 100
    for text in russian:
        expected = [(t.lemma_ or t.text).lower() for t in nlp(text) if t.is_alpha and not t.is_stop and len(t.text) > 2]
        assert lexical.content_lemmas(text) == expected, text


@pytest.mark.slow  # spaCy itself: the parity checks
def test_name_matches_are_the_phrase_matchers(gazetteer):
    nlp = spacy.blank("xx")
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for alias, agency_id in gazetteer.aliases:
        matcher.add(agency_id, [nlp.make_doc(fold(alias))])
    ours = Tokenizer.load("xx")
    for text in PARAGRAPHS:
        doc = nlp.make_doc(text)
        labels = {(s, e): nlp.vocab.strings[match_id] for match_id, s, e in matcher(doc)}
        expected = [(span.start, span.end, labels[(span.start, span.end)])
                    for span in filter_spans([doc[s:e] for s, e in labels])]
        assert gazetteer.trie.longest(ours(text)) == expected, text


def test_similarity_matrix_is_every_pairs_similarity():
    lexical = Lexical("en")
    rows, cols = PARAGRAPHS[:60], PARAGRAPHS[40:130]
    matrix = lexical.similarity_matrix(rows, cols)
    assert matrix.shape == (len(rows), len(cols))
    assert all(matrix[i, j] == lexical.similarity(a, b) for i, a in enumerate(rows) for j, b in enumerate(cols))
    assert lexical.similarity_matrix([], cols).shape == (0, len(cols))


def test_a_texts_lemmas_are_read_once_for_every_lexical_of_its_language(monkeypatch):
    """What one extraction's `Lexical` read, the next one's finds (a worker's inputs after its
    first): a text's lemmas are read once per language, not once per extraction."""
    read = []
    original = Lexical.content_lemmas
    monkeypatch.setattr(Lexical, "content_lemmas",
                        lambda self, text: read.append(text) or original(self, text))
    text = "Approve the regulation on the register of sworn interpreters (a text of this test)"
    first, second = Lexical("en"), Lexical("en")
    assert first.features(text) == second.features(text) and read == [text]
    Lexical("ru").features(text)
    assert read == [text, text]


def test_the_stored_compilations_are_what_re_compiles_on_this_python():
    """`data/tokenizer_code.json` holds, for every pattern of the rules, what `re` compiles it to;
    a run hands those codes to the engine instead of compiling (a tenth of a second a process)."""
    import json
    import re

    from pipeline.data import data_path
    from pipeline.normalize.tokenizer import CODE_FILE, compiled_code, engine, pattern_key

    stored = json.loads(data_path(CODE_FILE).read_text(encoding="utf-8"))
    if stored["engine"] != engine():
        pytest.skip(f"compiled on {stored['engine']}, this is {engine()}: patterns are compiled at run time")
    rule_patterns = {data[name] for lang in LANGS
                     for data in [json.loads(data_path(f"tokenizer_{lang}.json").read_text(encoding="utf-8"))]
                     for name in ("prefix", "suffix", "infix", "url", "token") if data[name]}
    assert set(stored["patterns"]) == {pattern_key(p, re.UNICODE) for p in rule_patterns}, \
        "run `python tools/export_tokenizer_rules.py`"
    for pattern in rule_patterns:
        assert stored["patterns"][pattern_key(pattern, re.UNICODE)] == \
            json.loads(json.dumps(compiled_code(pattern, re.UNICODE))), "run `python tools/export_tokenizer_rules.py`"


def test_a_rule_compiled_ahead_matches_as_re_compiles_it(monkeypatch):
    import re

    from pipeline.normalize import tokenizer

    rules = Tokenizer.load("en")
    fresh_suffix = re.compile(rules.suffix.__self__.pattern, re.UNICODE)
    assert rules.suffix.__self__.pattern == fresh_suffix.pattern
    for text in PARAGRAPHS[:400]:
        for word in text.split():
            got, want = rules.suffix(word), fresh_suffix.search(word)
            assert (got and got.span()) == (want and want.span()), word
    # a pattern nobody stored, or another Python's store: compiled as usual
    monkeypatch.setattr(tokenizer, "_stored", lambda: {})
    assert tokenizer.compile_rule(r"(?P<x>a)b").match("ab").group("x") == "a"
