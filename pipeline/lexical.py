"""Lexical similarity between a measure and an indicator.

English and Russian texts are tokenised by spaCy's rules of the language
(`normalize/tokenizer.py`, no spaCy import), English with the lookup lemmas of
`spacy-lookups-data`, Russian with pymorphy3's (asked only for the words compared); other
languages by a blank spaCy pipeline of the language, imported only then.  Nothing is
downloaded.

`similarity(a, b)` (0..1) is the overlap of content-word stems (the first five
letters of each lemma, so that `creation`/`created` and `vocational` meet),
blended with rapidfuzz's token-set ratio over the lemma strings.
`similarity_matrix` gives the same numbers for every pair of two lists at once,
`similarity_pairs` for some of their pairs.
"""
from __future__ import annotations

import gzip
import json
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from .data import builtin
from .enums import Language
from .normalize.confusions import misreadings
from .normalize.tokenizer import Tokenizer

if TYPE_CHECKING:
    import numpy as np

STEM = 5
# similarity: the share of word stems two texts share, and their lemmas' token-set ratio, weigh
# this much
OVERLAP_WEIGHT, RATIO_WEIGHT = 0.7, 0.3
# from this many pairs, ratios are computed on every core (threads cost below)
PARALLEL_PAIRS = 100_000


# the six letters Tajik has and Russian has not
TAJIK_LETTERS = re.compile(r"[ғӣқӯҳҷҒӢҚӮҲҶ]")
# of a text's Cyrillic letters: a Russian text quoting a Tajik name stays far below
TAJIK_SHARE = 0.01


SAMPLE = 20000  # characters of a document's text its language is told from


def language_of(texts: Iterable[str]) -> Language:
    """'en' unless Cyrillic letters outnumber Latin ones; then 'tg' where Tajik's own six letters
    are a hundredth of them (in Tajik text they are about one letter in twenty; Russian has
    none), else 'ru'.  From the first `SAMPLE` characters of `texts`."""
    taken: list[str] = []
    size = 0
    for text in texts:
        taken.append(text)
        size += len(text) + 1
        if size >= SAMPLE:
            break
    sample = " ".join(taken)[:SAMPLE]
    cyr = len(re.findall(r"[\u0400-\u04ff]", sample))
    lat = len(re.findall(r"[A-Za-z]", sample))
    if cyr <= lat:
        return Language.EN
    tajik = len(TAJIK_LETTERS.findall(sample)) >= max(3, TAJIK_SHARE * cyr)
    return Language.TG if tajik else Language.RU


@lru_cache(maxsize=None)
def word_forms(lang: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """A language's stop words and the suffixes its normal form strips (longest first), from
    `data/word_forms.csv`: for a language with no lemma table and no spaCy model (Tajik)."""
    rows = [r for r in builtin("word_forms.csv", ("lang", "kind", "text")) if r["lang"] == lang]
    suffixes = sorted((r["text"] for r in rows if r["kind"] == "suffix"), key=len, reverse=True)
    return frozenset(r["text"].lower() for r in rows if r["kind"] == "stop"), tuple(suffixes)


MIN_STEM = 3  # letters a word keeps when a suffix is stripped


def suffix_form(lang: str, word: str) -> str:
    """A word's normal form by the language's suffix rules: the longest suffix that leaves a
    stem of at least `MIN_STEM` letters is stripped, twice at most (`чораҳои` -> `чора`,
    `вазорати` -> `вазорат`)."""
    _, suffixes = word_forms(lang)
    word = word.lower()
    for _ in range(2):
        cut = next((s for s in suffixes
                    if word.endswith(s) and len(word) - len(s) >= MIN_STEM), None)
        if cut is None:
            break
        word = word[:-len(cut)]
    return word


@lru_cache(maxsize=None)
def lemma_table(lang: str) -> dict[str, str]:
    """spacy-lookups-data's lemma lookup table of a language, read without spaCy ({} without the
    package)."""
    return lookups(lang, "lemma_lookup")


def lookups(lang: str, table: str) -> dict:
    """One of spacy-lookups-data's tables of a language (`lemma_lookup`, `lemma_index`), read
    without spaCy ({} without the package or the table)."""
    spec = find_spec("spacy_lookups_data")
    if spec is None or not spec.submodule_search_locations:
        return {}
    path = Path(list(spec.submodule_search_locations)[0]) / "data" / f"{lang}_{table}.json.gz"
    if not path.exists():
        return {}
    with gzip.open(path) as fh:
        return json.load(fh)


@lru_cache(maxsize=None)
def pipeline_for(lang: str):
    """A blank spaCy pipeline with lemmas, for a language without exported tokenizer rules."""
    import spacy  # about a second: only for such a language

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



# languages tokenized by their exported rules (data/tokenizer_<lang>.json): no spaCy import
EXPORTED = ("en", "ru")


@lru_cache(maxsize=None)
def _lookup(lang: str):
    table = lemma_table(lang)
    return lambda word: table.get(word, word)


@lru_cache(maxsize=None)
def morph():
    """pymorphy3's Russian analyser (0.1 s to load), or None when it is not installed."""
    try:
        import pymorphy3
    except ImportError:
        return None
    return pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=200_000)
def russian_lemma(word: str) -> str:
    """The lemma spaCy's pymorphy3 lemmatizer gives a word that has no part of speech (a blank
    pipeline tags none): its normal form if all of pymorphy3's analyses agree on one, else the
    word itself."""
    forms = {analysis.normal_form for analysis in morph().parse(word)}
    return next(iter(forms)) if len(forms) == 1 else word


def blend(overlap, ratio):
    """Two texts' similarity (0..1) from the share of stems they share and their token-set ratio
    (0-100); scalars or arrays alike."""
    return OVERLAP_WEIGHT * overlap + RATIO_WEIGHT * ratio / 100

# text -> its features, by language: shared by every `Lexical` of a process, so a worker's
# inputs after its first find the texts they share with it (a plan's recurring phrases) read
_FEATURES: dict[str, dict[str, tuple[frozenset[str], str]]] = {}
FEATURES_KEPT = 100_000  # texts remembered at most, per language


class Lexical:
    def __init__(self, lang: str = "en"):
        self.lang = lang
        self._cache = _FEATURES.setdefault(lang, {})

    def content_lemmas(self, text: str) -> list[str]:
        """The lower-case lemmas of the alphabetic words of more than two letters that are no stop
        words."""
        if self.lang in EXPORTED:
            tokenizer = Tokenizer.load(self.lang)
            lemma = russian_lemma if self.lang == "ru" and morph() is not None \
                else _lookup(self.lang)
            return [(lemma(t.text) or t.text).lower() for t in tokenizer(text)
                    if t.is_alpha and t.lower not in tokenizer.stop_words and len(t.text) > 2]
        stops, suffixes = word_forms(self.lang)
        # a language of suffix rules (data/word_forms.csv): spaCy's multi-language tokenizer
        if suffixes:
            return [suffix_form(self.lang, t.text) for t in Tokenizer.load("xx")(text)
                    if t.is_alpha and t.lower not in stops and len(t.text) > 2]
        return [(t.lemma_ or t.text).lower() for t in pipeline_for(self.lang)(text)
                if t.is_alpha and not t.is_stop and len(t.text) > 2]

    def features(self, text: str) -> tuple[frozenset[str], str]:
        if text not in self._cache:
            if len(self._cache) >= FEATURES_KEPT:
                self._cache.clear()  # a long-lived process: the memo stays bounded
            lemmas = self.content_lemmas(text)
            self._cache[text] = (frozenset(lemma[:STEM] for lemma in lemmas), " ".join(lemmas))
        return self._cache[text]

    def similarity(self, a: str, b: str) -> float:
        stems_a, lemmas_a = self.features(a)
        stems_b, lemmas_b = self.features(b)
        if not stems_a or not stems_b:
            return 0.0
        overlap = len(stems_a & stems_b) / min(len(stems_a), len(stems_b))
        return blend(overlap, fuzz.token_set_ratio(lemmas_a, lemmas_b))

    def similarity_matrix(self, texts_a: list[str], texts_b: list[str]) -> np.ndarray:
        """`similarity(a, b)` for every a (rows) and b (columns), with the same arithmetic:
        shared stems counted by a product of 0/1 matrices (exact in floating point),
        token-set ratios by rapidfuzz's `cdist`."""
        import numpy as np

        feats_a = [self.features(t) for t in texts_a]
        feats_b = [self.features(t) for t in texts_b]
        shape = (len(texts_a), len(texts_b))
        if not shape[0] or not shape[1]:
            return np.zeros(shape)
        shared = sorted(set().union(*(s for s, _ in feats_a))
                        & set().union(*(s for s, _ in feats_b)))
        column = {stem: k for k, stem in enumerate(shared)}

        def incidence(feats):
            out = np.zeros((len(feats), len(shared)))
            for row, (stems, _) in enumerate(feats):
                out[row, [column[s] for s in stems if s in column]] = 1.0
            return out

        overlap = incidence(feats_a) @ incidence(feats_b).T
        size_a = np.array([len(s) for s, _ in feats_a], dtype=float)
        size_b = np.array([len(s) for s, _ in feats_b], dtype=float)
        smaller = np.minimum(size_a[:, None], size_b[None, :])
        with np.errstate(divide="ignore", invalid="ignore"):
            overlap = overlap / smaller
        ratio = process.cdist([lem for _, lem in feats_a], [lem for _, lem in feats_b],
                              scorer=fuzz.token_set_ratio, dtype=np.float64,
                              workers=-1 if shape[0] * shape[1] > PARALLEL_PAIRS else 1)
        sim = blend(overlap, ratio)
        sim[smaller == 0] = 0.0
        return sim

    def similarity_pairs(self, texts_a: list[str], texts_b: list[str], rows: list[int],
                         cols: list[int]) -> np.ndarray:
        """`similarity_matrix(texts_a, texts_b)[rows, cols]`, computing those pairs only: the
        same arithmetic (rapidfuzz's `cpdist` for the ratios of the pairs)."""
        import numpy as np

        feats_a = [self.features(texts_a[i]) for i in rows]
        feats_b = [self.features(texts_b[j]) for j in cols]
        shared = np.array([float(len(a & b)) for (a, _), (b, _) in zip(feats_a, feats_b)])
        smaller = np.array([float(min(len(a), len(b))) for (a, _), (b, _) in zip(feats_a, feats_b)])
        with np.errstate(divide="ignore", invalid="ignore"):
            overlap = shared / smaller
        ratio = process.cpdist([lem for _, lem in feats_a], [lem for _, lem in feats_b],
                               scorer=fuzz.token_set_ratio, dtype=np.float64)
        sim = blend(overlap, ratio)
        sim[smaller == 0] = 0.0
        return sim


# -- a language's lexicon: whether a word OCR read is a word of the language --------------------

_LETTERS = re.compile(r"[^\W\d_]+")
# a dash or a mark between a letter and a letter or digit: `теле-и`, `of.the`, `Mmistry,of`
INNER_MARK = re.compile(r"(?<=[^\W_])[-\u2010-\u2015.,;:](?=[^\W_])")
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015"
# letters before a full stop of an abbreviation glued to the next word (`г.Душанбе`)
ABBREVIATION = 3
DICTIONARIES = ("en", "ru")  # languages whose words a table knows (spaCy's lemmas, pymorphy3)
STOP_DOUBT = "a full stop before a word in lower case"  # `Lexicon.stop_doubt`
SHORT = 2  # letters of a word short enough to be read low for its size alone (`и`, `of`)
# a word OCR read below its sure confidence that no dictionary of the language holds, or that
# one of OCR's confusions makes another word of the document (`Lexicon.unsure_doubt`)
NOT_A_WORD = "not a word of the language"
TWIN_DOUBT = "may be"
# an opening double quote standing alone between words (`Lexicon.unsure_doubt`)
LONE_QUOTE = re.compile(r"[“„«]")
QUOTE_ALONE = "a quote standing alone"


def words_of(text: str) -> list[str]:
    """The runs of letters of a text: its words as the lexicon weighs them."""
    return _LETTERS.findall(text)


@lru_cache(maxsize=None)
def _stop_words(lang: str) -> frozenset[str]:
    if lang in EXPORTED:
        return frozenset(Tokenizer.load(lang).stop_words)
    return word_forms(lang)[0]


@lru_cache(maxsize=None)
def _english_words() -> frozenset[str]:
    """The words of spaCy's English lemma tables: forms and lemmas, and the lemmas it lists by
    part of speech (adjectives and adverbs no lemma rule changes: `normative`)."""
    table = lemma_table("en")
    index = [w for words in lookups("en", "lemma_index").values() for w in words]
    return frozenset(w.lower() for w in list(table) + list(table.values()) + index)


@lru_cache(maxsize=None)
def _conjunctions(lang: str) -> frozenset[str]:
    """The words that join words with a space on each side (`и`, `and`, `ва`):
    `data/word_forms.csv`."""
    rows = builtin("word_forms.csv", ("lang", "kind", "text"))
    return frozenset(r["text"].lower() for r in rows
                     if r["lang"] == lang and r["kind"] == "conjunction")


def _glued(word: str, mark: re.Match) -> bool:
    """A comma, semicolon or colon between letters is glued where print sets a space; so is a
    full stop after a word longer than an abbreviation (`Ministry.of`, not `г.Душанбе`)."""
    if mark.group() in DASHES:
        return False
    if mark.group() != ".":
        return True
    before = _LETTERS.findall(word[:mark.start()])
    return bool(before) and len(before[-1]) > ABBREVIATION


class Lexicon:
    """The words of a language: its stop words, its lemma table (English), pymorphy3's dictionary
    (Russian), and the words a document itself uses `repeated` times or more (names, terms, a
    language with no dictionary such as Tajik)."""

    def __init__(self, lang: str, texts: Iterable[str] = (), repeated: int = 2,
                 unsure: frozenset[str] = frozenset()):
        self.lang = lang
        counts: dict[str, int] = {}
        for text in texts:
            for word in _LETTERS.findall(text.lower()):
                counts[word] = counts.get(word, 0) + 1
        # `unsure`: words OCR read below its sure confidence wherever they stand (`Knation` for
        # `Khatlon` twice): no evidence of the document's own words
        self.used = frozenset(counts)
        self.seen = self.used - unsure
        self.own = frozenset(w for w, n in counts.items() if n >= repeated) - unsure

    def known(self, word: str) -> bool:
        w = word.lower()
        if w in self.own or w in _stop_words(self.lang):
            return True
        if self.lang == "en":
            return w in _english_words()
        if self.lang == "ru" and morph() is not None:
            return bool(morph().word_is_known(w))
        return self.lang != "ru" and suffix_form(self.lang, w) in self.own

    def is_stop(self, word: str) -> bool:
        return word.lower() in _stop_words(self.lang)

    def shape_doubt(self, word: str) -> str | None:
        """Why a word with an inner dash or mark is in doubt, or None: a glued mark (a comma, full
        stop or colon between letters: `Ministry,of`; a dash before or after a conjunction:
        `теле-и` for `теле- и`), or a part beside a dash that is no word of the language
        (`Mmistry-of`).  A word the lexicon knows whole (`по-прежнему`), a compound of words
        (`followed-up`, `normative-legal`) and an abbreviation (`т.е.`, `U.S.`) are none."""
        core = word.strip(".,;:!?()«»\"'")
        parts = INNER_MARK.split(core)
        if len(parts) < 2 or all(len(p) <= SHORT for p in parts) or self.known(core):
            return None
        if any(_glued(core, m) for m in INNER_MARK.finditer(core)) \
                or any(p.lower() in _conjunctions(self.lang) for p in parts):
            return "a glued mark"
        dictionary = self.lang in DICTIONARIES  # elsewhere a part unseen is no evidence
        words = [p for p in parts if _LETTERS.fullmatch(p) and len(p) > SHORT]
        if dictionary and any(not self.known(p) for p in words):
            return "not a word of the language beside a mark"
        return None

    @staticmethod
    def stop_doubt(word: str) -> str | None:
        """Why a word of letters ending in a full stop that OCR doubted is in doubt: the reader
        doubts one only where a word in lower case follows it on its line
        (`readers.ocr._stop_before_lower`: `омӯзонида. шуданд`, a speck read as a stop)."""
        core = word[:-1]
        if word.endswith(".") and len(core) > SHORT and _LETTERS.fullmatch(core):
            return STOP_DOUBT
        return None

    def unsure_doubt(self, word: str, conf: float, sure: float, twin: float) -> str | None:
        """Why a word OCR read above its low confidence is in doubt, or None: read below `sure`,
        no word of the language's dictionary nor one the document uses read surely (`Knation`
        for `Khatlon`, read at 88); read below `twin`, one of OCR's confusions makes it another
        word the document uses (`сайер` for `сайёр`: the Tajik model reads `ё` as `е`, at 90-93;
        `data/ocr_confusions.csv`); read below `twin`, an opening double quote standing alone
        between words, where print glues it to the word it opens (a bullet `•` read as `“`)."""
        if conf < twin and LONE_QUOTE.fullmatch(word):
            return QUOTE_ALONE
        runs = [run for run in _LETTERS.findall(word) if len(run) > SHORT]
        if conf < sure and self.lang in DICTIONARIES and any(not self.known(r) for r in runs):
            return NOT_A_WORD
        for run in runs if conf < twin else []:
            twins = misreadings(run, self.seen_other(run))
            if twins:
                return f"{TWIN_DOUBT} '{twins[0]}'"
        return None

    def seen_other(self, word: str) -> Callable[[str], bool]:
        """Whether a word is one the document uses, other than `word`: however surely read where
        its letters differ (of two words one of OCR's confusions apart one is misread: `ТЕД` at 66
        and `ТҒД` at 46 for one body), read surely where only their case does (`Дар` at a cell's
        start for `дар`: the word itself, read unsurely, is no evidence of its other case)."""
        def other_word(other: str) -> bool:
            if other == word:
                return False
            return other.lower() in (self.seen if other.lower() == word.lower() else self.used)
        return other_word

    def doubt(self, word: str, conf: float, low: float, spare_short: bool = True,
              unsure: tuple[float, float] | None = None) -> str | None:
        """Why a word OCR read (at `conf`, 0-100) is in doubt, or None: its shape (`shape_doubt`),
        or a confidence below `low`, unless the word is short and a word of the language (a
        one-letter word is read low for its size alone) and `spare_short`; or, with `unsure`
        (its sure and twin confidences), no word of the language or another's twin
        (`unsure_doubt`)."""
        shape = self.shape_doubt(word)
        if shape or conf >= low:
            weighed = self.unsure_doubt(word, conf, *unsure) if unsure else None
            return shape or self.stop_doubt(word) or weighed
        letters = "".join(_LETTERS.findall(word))
        if spare_short and len(letters) <= SHORT and letters and self.known(letters):
            return None
        return f"read at {conf:.0f}"
