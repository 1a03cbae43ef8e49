"""The shape of a body's name, known to the gazetteer or not.

An agency cell of another plan names bodies the gazetteer has never seen (another country's
ministries, a new agency).  What can be told without knowing them:

* a paragraph **starts a body** when it opens with a capitalised head word (`Ministry`,
  `Министерство`, `Вазорати`) or an acronym (`МВД`): it is never the rest of the name above it;
  nor is one that opens with a capitalised post (`Начальник`, `Директор`: it **starts an item**,
  an official);
* a name that ends with a person's initials (`Шебеко А.А.`) is closed, as one that ends with a
  country's name;
* an **official** (a post before any head word: `Начальник отдела кадров`, `Секретарь комиссии`,
  `Руководители организаций`) is a person, no body;
* a name that **ends with a country's name** is closed: a capitalised paragraph after it in its
  cell is another body (`... Кыргызской Республики` / `Государственная миграционная служба ...`);
* a name that **names another country** (`... Кыргызской Республики`, `of the Kyrgyz Republic`:
  a country of `data/countries.csv` other than the gazetteer's own) is never one of the
  gazetteer's bodies, whatever its first words say;
* a piece the gazetteer does not know is **a new body** when it is body-shaped (led by an acronym,
  or a head word with no verb, no item number and no deadline), else it is **no body** at all (a
  step's text `2. Согласование проекта ...`, a sentence, a fragment, a number).

The words are data: `data/agency_words.csv` (kinds `head`, `cell_head`, `head_owner`,
`head_prefix`, `post`, `verb`, `verb_ending`, every language)
and `data/countries.csv` (country, whether it is the gazetteer's own, language, a form of its name).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from ..data import builtin, ends_open
from .text import clean, fold
from .timeframes import looks_like_timeframe

# a plan is another country's when its agency cells and title name it this often at least
PLAN_COUNTRY_MIN = 2
POST_AT = 2  # a post opens a piece as its first word or its second (`ведущий ревизор`)
VERB_STEM = 4  # a word ends as a verb only with at least this many letters before the ending
_ITEM = re.compile(r"(?:^|\s)\(?\d{1,3}(?:\.\d{1,3})*[.)](?=\s|$)")  # `2.`, `1.2.`, `3)`
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_INITIALS = re.compile(r"(?<!\w)[^\W\d_]\.\s?[^\W\d_]\.$")  # `Шебеко А.А.`: a person's name


def acronym_letters(name: str) -> str | None:
    """The letters an acronym stands for (`MLMEP` -> `mlmep`, `MoIA` -> `mia`), or None when
    `name` is not shaped as one (one word of letters, two capitals or more, mostly capitals)."""
    word = name.strip()
    capitals = [ch for ch in word if ch.isupper()]
    letters_only = re.fullmatch(r"[^\W\d_]{2,12}", word) is not None
    if not letters_only or len(capitals) < 2 or 2 * len(capitals) < len(word):
        return None
    return "".join(capitals).lower()


def _phrase(text: str) -> str:
    """A name as a pattern of whole words, any spacing between them (its source: `_compiled`)."""
    words = [re.escape(w) for w in fold(text).split()]
    return r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)"


@lru_cache(maxsize=None)
def _compiled(source: str) -> re.Pattern:
    """A country's name pattern, compiled the first time a text holds its `_needle`: most
    documents name few of the countries, and compiling them all cost more than reading a Word
    file."""
    return re.compile(source, re.IGNORECASE)


def _needle(text: str) -> str:
    """The longest word of a name, case-folded: a text the name's pattern matches holds it
    (case-folded too), so a text without it need not be searched."""
    return max(fold(text).split(), key=len).casefold()


NAMED_MEMO = 100_000  # texts whose countries a BodyWords remembers, at most


@dataclass(frozen=True)
class BodyWords:
    """The words that tell a body's name: head words, verbs and verb endings, countries' names."""

    heads: frozenset[str]
    verbs: frozenset[str] = frozenset()
    verb_endings: tuple[str, ...] = ()
    # (a form of its name, its needle, country)
    countries: tuple[tuple[str, str, str], ...] = ()  # (pattern source, needle, country)
    home: frozenset[str] = frozenset()  # the gazetteer's own countries
    articles: frozenset[str] = frozenset()  # `the`: a proper name may start with one
    # head words only as a name's last word (`Scottish government`; never `... by the Government
    # of the RT and submitted ...`, a result's sentence)
    last_heads: frozenset[str] = frozenset()
    posts: frozenset[str] = frozenset()  # an official's post (`начальник`, `директора`)
    # a head word in the form that names an owner (`Министерства`): it goes on with a name
    owners: frozenset[str] = frozenset()
    # how a one-word compound name of a body starts (`Гос-`: `Госэнергогазнадзор`)
    head_prefixes: tuple[str, ...] = ()
    # head words by the size of the body they name, where one holds another (`office` 1,
    # `bureau` 2, `department` 3: `data/agency_ranks.csv`)
    ranks: tuple[tuple[str, int], ...] = ()
    # head words only in a grid's agency cell (`службы`: elsewhere it opens results, `Службы
    # правовой помощи созданы`, and would draw them into a flattened text's agencies column)
    cell_heads: frozenset[str] = frozenset()

    @classmethod
    def load(cls, own_names: list[str] | tuple = ()) -> "BodyWords":
        """The built-in words; the gazetteer's own countries are those `countries.csv` marks
        `home`, and any its names (`own_names`, the aliases) name."""
        words = builtin("agency_words.csv", ("lang", "kind", "word"))

        def kind(name: str) -> list[str]:
            return [w["word"].lower() for w in words if w["kind"] == name]

        rows = builtin("countries.csv", ("country", "home", "lang", "name"))
        countries = tuple(sorted(((_phrase(r["name"]), _needle(r["name"]), r["country"])
                                  for r in rows),
                                 key=lambda c: -len(c[0])))
        home = {r["country"] for r in rows if r["home"].lower() == "yes"}
        folded = [(fold(name), fold(name).casefold()) for name in own_names]
        home |= {country for pattern, needle, country in countries
                 if any(needle in lower and _compiled(pattern).search(n) for n, lower in folded)}
        endings = tuple(sorted(kind("verb_ending"), key=len, reverse=True))
        ranks = tuple((r["word"].lower(), int(r["rank"]))
                      for r in builtin("agency_ranks.csv", ("lang", "word", "rank")))
        return cls(frozenset(kind("head")), frozenset(kind("verb")), endings, countries,
                   frozenset(home), frozenset(kind("article")), frozenset(kind("last_head")),
                   frozenset(kind("post")), frozenset(kind("head_owner")),
                   tuple(kind("head_prefix")), ranks, frozenset(kind("cell_head")))

    def foreign_country(self, text: str) -> str | None:
        """The country other than the gazetteer's own that `text` names, if any."""
        return next((country for country in self._named(text) if country not in self.home), None)

    def ends_with_country(self, text: str) -> bool:
        """Does a name end with a country's name (`... Кыргызской Республики`, `... of Tajikistan`)?
        Such a name is closed: the next paragraph of its cell, if capitalised, is another body."""
        folded = fold(clean(text)).rstrip(" .")
        lower = folded.casefold()
        return any(m.end() == len(folded)
                   for pattern, needle, _ in self.countries if needle in lower
                   for m in _compiled(pattern).finditer(folded))

    def ends_closed(self, text: str) -> bool:
        """Does a name end so that nothing after it continues it: a country's name, or a person's
        initials (`Директор филиала «Бубны» Бушмович А.М.`)?"""
        return _INITIALS.search(clean(text)) is not None or self.ends_with_country(text)

    def countries_named(self, text: str) -> set[str]:
        """Every country `text` names, the gazetteer's own too."""
        return set(self._named(text))

    def _named(self, text: str) -> tuple[str, ...]:
        """The country of each form of a name that `text` holds, longest form first (memoised:
        every agency mention of a plan is asked, and a worker's next input names them again)."""
        memo = self.named_memo
        if text not in memo:
            if len(memo) >= NAMED_MEMO:
                memo.clear()  # a long-lived process: the memo stays bounded
            folded = fold(text)
            lower = folded.casefold()
            memo[text] = tuple(country for pattern, needle, country in self.countries
                               if needle in lower and _compiled(pattern).search(folded))
        return memo[text]

    @cached_property
    def named_memo(self) -> dict[str, tuple[str, ...]]:
        """text -> the countries it names (`_named`)."""
        return {}

    def plan_country(self, texts: list[str]) -> str | None:
        """The country whose plan this is, when it is not the gazetteer's own: the one that its
        agency cells and title (`texts`) name most, at least `PLAN_COUNTRY_MIN` times and more
        often than any other, the gazetteer's own included.  None for a plan of the gazetteer's
        country, or one that names no country often enough to tell."""
        counts: dict[str, int] = {}
        for text in texts:
            for country in self.countries_named(text):
                counts[country] = counts.get(country, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        if not ranked or ranked[0][0] in self.home or ranked[0][1] < PLAN_COUNTRY_MIN:
            return None
        clear_lead = len(ranked) == 1 or ranked[1][1] < ranked[0][1]
        return ranked[0][0] if clear_lead else None

    def starts_body(self, text: str) -> bool:
        """Does a paragraph (or a line) open with a body's name: a capitalised head word
        (`Ministry`, `Министерство`, `Вазорати`) or an acronym (`МВД`)?  Capitalised words before
        a head word (`Broadcasting Committee`) may as well be the rest of a name cut above."""
        words = _WORD.findall(fold(clean(text)))[:1]
        if not words or not words[0][:1].isupper():
            return False
        return words[0].lower() in self.heads or acronym_letters(words[0]) is not None

    def starts_item(self, text: str) -> bool:
        """Does a paragraph (or a line) open an item of a list of executors of its own: a body
        (`starts_body`) or a post, capitalised (`Начальник ОК Покусаева Л.В.`, `Ведущий ревизор
        ...`)?"""
        first = clean(text)[:1]
        return self.starts_body(text) or (first.isupper() and self.leads_with_post(text))

    def leads_with_post(self, text: str) -> bool:
        """Does a piece name a post, in any case, as its first or second word (`начальник ОПО
        Давыдова В.В.`, `ведущий ревизор Цурко И.В.`) or its last (where the head comes last:
        `жауапты құрылымдық бөлімшелердің басшылары`, Kazakh)?"""
        words = _WORD.findall(fold(clean(text)).lower())
        return any(word in self.posts for word in words[:POST_AT] + words[-1:])

    def items_joined(self, left: str, right: str) -> bool:
        """Do a connector's two sides each name a whole executor: the left a post or head word
        with words after it (`Начальники структурных подразделений`, not `директора`, whose words
        the right side's share), the right opening with a post or head word in lower case
        (`директора филиалов`, `рабочие группы ...`)?"""
        words = _WORD.findall(fold(clean(left)).lower())
        whole = any(word in self.posts | self.heads for word in words[:-1])
        return whole and clean(right)[:1].islower() and self.opens_item(right)

    def opens_item(self, text: str) -> bool:
        """Does a piece open with a post or a head word, in any case, as its first or second word
        (`рабочие группы ...`, `директора филиалов`)?"""
        words = _WORD.findall(fold(clean(text)).lower())[:POST_AT]
        return any(word in self.posts | self.heads for word in words)

    def post(self, text: str) -> str | None:
        """The post that names an official (`Начальник отдела кадров`, `Секретарь комиссии`): a
        post word before any head word; None for a body's name."""
        for word in _WORD.findall(fold(clean(text)).lower()):
            if word in self.heads:
                return None
            if word in self.posts:
                return word
        return None

    def head_alone(self, text: str) -> str:
        """Why a piece that ends an agency cell is no body's name, or '': a head word alone
        (`Ministry`, `Вазорати`), the rest of its name gone elsewhere (read as the next row's).
        Before another piece it may be a name's first line, the rest read on."""
        core = clean(text)
        words = _WORD.findall(fold(core))
        if words and all(w.lower() in self.heads for w in words):
            return f"a head word alone at the cell's end ('{core}'): the rest of its name is gone"
        return ""

    def proper_name(self, words: list[str]) -> bool:
        """A name led by its own capitalised article, every word capitalised (`The National
        Archives`, `The Met Office`): a body's proper name, though no head word says so."""
        return len(words) >= 3 and words[0].lower() in self.articles and words[0][:1].isupper() \
            and all(w[:1].isupper() for w in words)

    def verb(self, text: str) -> str | None:
        """A word of `text` that is a verb by the word lists (`shall`, `является`, `мебошад`) or
        by its ending (`обеспечить`, `проводится`), if any."""
        for word in _WORD.findall(fold(text).lower()):
            if word in self.verbs:
                return word
            if any(word.endswith(e) and len(word) >= len(e) + VERB_STEM for e in self.verb_endings):
                return word
        return None

    def why_not_a_body(self, text: str, in_grid: bool = False, listed: bool = False) -> str:
        """Why a piece of an agency cell is no body's name, or '' when it is body-shaped: led by an
        acronym, or a head word (or a country's name or a `last_head` word last: `Scottish
        government`, or its own article first: `The National Archives`) with no verb, no item
        number, no deadline, and not ending mid-phrase (`Ministry of`: the rest of the name went
        elsewhere, over a page break).  `in_grid`: the piece is in a cell of a table's agencies
        column (a Word or HTML table's: the file marks it), where a `cell_head` word is a head
        word too; `listed`: there, beside another body of its cell, where a proper name of one
        word (`Consip`, `Agenas`: `lone_name`) is a body's."""
        core = clean(text)
        words = _WORD.findall(fold(core))
        if not words:
            return "no words: a number or a mark"
        if acronym_letters(words[0]) is not None and not _ITEM.search(core) and not self.verb(core):
            return ""  # `MVD`, `SAOGI at OMB`, `FGDC NGDA Lead Covered Agencies`
        if _ITEM.search(core):
            return "it holds an item number"
        if ends_open(core):
            return f"it ends mid-phrase ('{core.split()[-1]}'): a name cut off"
        if _YEAR.search(core) or looks_like_timeframe(core):
            return "it holds a deadline"
        verb = self.verb(core)
        if verb:
            return f"it holds a verb ('{verb}')"
        post = self.post(core)
        if post:
            return f"an official ('{post}'), not a body"
        if not self._names_a_body(core, words, in_grid, listed):
            return "no head word (Ministry, Committee ...)"  # `Infrastructure UK` is one
        return ""

    def _names_a_body(self, core: str, words: list[str], in_grid: bool, listed: bool) -> bool:
        """Is a piece named as a body: a head word (a `cell_head` too, `in_grid`), a country's
        name or a `last_head` word last, its own article first, a compound of a head prefix, or
        (`listed`) a proper name of one word?"""
        heads = self.heads | self.cell_heads if in_grid else self.heads
        return any(w.lower() in heads for w in words) or self.ends_with_country(core) \
            or self.proper_name(words) or words[-1].lower() in self.last_heads \
            or self.compound(words) or (listed and self.lone_name(core))

    @staticmethod
    def lone_name(core: str) -> bool:
        """Is a piece one capitalised word of letters, in lower case after its capital
        (`Consip`, `Agenas`): a proper name, which a list of bodies makes a body's?"""
        return core.isalpha() and len(core) > 2 and core[:1].isupper() and core[1:].islower()

    def compound(self, words: list[str]) -> bool:
        """Is a name one capitalised word that compounds a body's name (`Госэнергогазнадзор`:
        a head prefix of `agency_words.csv` and more than `VERB_STEM` letters after it)?"""
        if len(words) != 1 or not words[0][:1].isupper():
            return False
        word = words[0].lower()
        return any(word.startswith(p) and len(word) > len(p) + VERB_STEM
                   for p in self.head_prefixes)

    def names_parent(self, name: str, after: str) -> bool:
        """Does the piece after a comma name the body that holds the one before it, a body named
        with its parents (`National Center for Education Statistics, Department of Education`;
        `... Program Management Office, U.S. Census Bureau, Department of Commerce`): each a larger
        body by its head words (`data/agency_ranks.csv`: an office or centre, then a bureau,
        service or agency, then a department or ministry), the least of the piece's above the
        greatest of the name's?  Peers (`Cabinet Office, Office of the Parliamentary Counsel`) and
        bodies of no rank (`Committee`, `Council`, `HM Treasury`) are not."""
        mine, theirs = self._ranks(name), self._ranks(after)
        return bool(mine and theirs) and min(theirs) > max(mine)

    @cached_property
    def rank_of(self) -> dict[str, int]:
        """head word -> its rank (`ranks` as a mapping)."""
        return dict(self.ranks)

    def _ranks(self, text: str) -> list[int]:
        """The rank of each capitalised head word of `text` that has one."""
        ranks = self.rank_of
        return [ranks[w.lower()] for w in _WORD.findall(fold(clean(text)))
                if w[:1].isupper() and w.lower() in ranks]

    def names_owner(self, text: str) -> bool:
        """Does a piece open with a head word in the form that names an owner (`Министерства
        энергетики` after `комиссии ... организаций Минэнерго,`): the rest of a name?"""
        words = _WORD.findall(fold(clean(text)).lower())[:1]
        return bool(words) and words[0] in self.owners
