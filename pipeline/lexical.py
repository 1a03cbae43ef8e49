"""Lexical similarity between a measure and an indicator.

Texts are tokenised by a blank spaCy pipeline of the document's language with
lookup lemmas where a package ships them (`spacy-lookups-data` for English;
pymorphy3 for Russian when it is installed).  Nothing is downloaded.

`similarity(a, b)` (0..1) is the overlap of content-word stems (the first six
letters of each lemma, so that `creation`/`created` and `vocational` meet),
blended with rapidfuzz's token-set ratio over the lemma strings.
"""
from __future__ import annotations

import re
from functools import lru_cache

import spacy
from rapidfuzz import fuzz

STEM = 5


def language_of(texts: list[str]) -> str:
    """'ru' when Cyrillic letters outnumber Latin ones, else 'en'."""
    sample = " ".join(texts)[:20000]
    cyr = len(re.findall(r"[\u0400-\u04ff]", sample))
    lat = len(re.findall(r"[A-Za-z]", sample))
    return "ru" if cyr > lat else "en"


@lru_cache(maxsize=None)
def pipeline_for(lang: str):
    nlp = spacy.blank(lang)
    for mode in (("pymorphy3",) if lang == "ru" else ()) + ("lookup",):
        try:
            nlp.add_pipe("lemmatizer", config={"mode": mode})
            nlp.initialize()
            return nlp
        except Exception:  # no lemma tables for this language: tokens only
            if "lemmatizer" in nlp.pipe_names:
                nlp.remove_pipe("lemmatizer")
    return nlp


class Lexical:
    def __init__(self, lang: str = "en"):
        self.nlp = pipeline_for(lang)
        self._cache: dict[str, tuple[frozenset[str], str]] = {}

    def features(self, text: str) -> tuple[frozenset[str], str]:
        if text not in self._cache:
            doc = self.nlp(text)
            lemmas = [(t.lemma_ or t.text).lower() for t in doc
                      if t.is_alpha and not t.is_stop and len(t.text) > 2]
            self._cache[text] = (frozenset(lemma[:STEM] for lemma in lemmas), " ".join(lemmas))
        return self._cache[text]

    def similarity(self, a: str, b: str) -> float:
        stems_a, lemmas_a = self.features(a)
        stems_b, lemmas_b = self.features(b)
        if not stems_a or not stems_b:
            return 0.0
        overlap = len(stems_a & stems_b) / min(len(stems_a), len(stems_b))
        return 0.7 * overlap + 0.3 * fuzz.token_set_ratio(lemmas_a, lemmas_b) / 100
