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
