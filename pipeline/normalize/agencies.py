"""Agency names: a cell of executing agencies -> canonical gazetteer entries.

A cell is read piece by piece:

1. overrides (`data/agency_garbles.csv`, empty by default): texts a human has read,
   resolved to the agencies they hold, method `garble`;
2. the rest is cut into pieces, a **scored choice** (`_segment`): commas, semicolons and
   line ends (one body per line or paragraph) are candidate boundaries, and the signs that part
   bodies (`parted`: `CO / BIS`, `AgID - ANAC`, `AgID-DTD`, a spaced slash) are semicolons; a
   piece that only continues a name (`, migration and employment of population`, `, Migration and
   Employment of Population`, `, миграции и занятости населения`) may be joined to the
   piece before it across a comma (never a semicolon); the cut whose pieces are most
   name-like wins (a whole known name costs nothing, a generic body nothing, a fuzzy match
   a little, a cut-off part of a name more, an unknown name with a head word more, an
   unknown name without one most, a piece that continues a name alone more again; a name
   that swallows known names pays for each), so `Ministry of Labour, Migration and ...` is
   one unknown body, never the 2006 labour ministry and a stray tail; a piece that names a
   post (`начальник ОПО ...`, `data/agency_words.csv`, kind `post`) is an item of its own;
   a piece ends where a phrase of kind `tail` starts (`в соответствии с ...`: which units, or
   by what rule, not who), and starts after one of kind `rule` that opens it (`Жоспарға
   сәйкес ...`, Kazakh: `according to the plan`);
3. each piece loses its modifiers for matching (`data/agency_modifiers.csv`: `under the
   Government`, `of Population`, `(upon agreement)` ...; the mention keeps its text, and
   `upon agreement` is kept as `by_agreement`);
4. **the whole piece first**: a name or alias (`exact`), else a fuzzy match (`fuzzy`)
   that needs a score, a margin over the best *other* agency, agreeing head words (an
   Office is never a Ministry) and the same content words up to spelling (`Ministry of
   Education and Science` is not `Ministry of Education`);
5. **pieces only when they are names**: names found inside a piece by longest match
   (spaCy PhraseMatcher) split it only when what is left over is a connector, debris of a
   copy (`e`), a body of its own (a capitalised head word), or a cut-off part of exactly
   one other name; a leftover that extends the name (`and Science`, `of Population`, a
   lower-case or head-less word) makes the whole piece one body, matched or kept verbatim;
6. **generic bodies** (`data/agency_generic.csv`: *interested ministries and agencies*,
   *заинтересованные министерства и ведомства*, *local executive bodies*): method
   `generic`, no id, not unmatched, never proposed as a new agency;
7. **garbles by method**: a fragment of at least two content words that is a contiguous
   span of exactly one agency's names (`Committee on the Protection of the`, `State
   Border`, `Комитет по охране`) is that agency, method `partial`, with a confidence
   below 1; a fragment that fits two agencies stays unmatched.

Failure policy: a name that passes none of these is kept verbatim as an `unmatched`
mention (no id), and the caller flags the row for review.  It is never mapped to a near
but wrong agency.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from ..contract import NEW_BODY, NOT_A_BODY, AgencyMention, Flag
from ..data import builtin, data_path, read_csv
from ..enums import FlagName
from ..errors import DataFileError
from ..knobs import check, knob
from .bodies import BodyWords, acronym_letters
from .text import clean, fold
from .tokenizer import Token, Tokenizer


@dataclass(frozen=True)
class MatchSettings:
    """The agency matcher's thresholds (scores 0-100) and the costs of its cuts of a cell into
    bodies (`Gazetteer._segment`), in units of one unknown body."""

    fuzzy_min: float = knob(85.0, "a fuzzy match needs at least this score", lo=0, hi=100)
    fuzzy_margin: float = knob(5.0, "... and this lead over the best other agency", lo=0, hi=100)
    fuzzy_min_no_head: float = knob(92.0, "a fuzzy match of a name with no head word to check "
                                          "(Ministry, Committee) needs this score", lo=0, hi=100)
    partial_score: tuple = knob((60.0, 90.0), "the score of a cut-off part of a name, from the "
                                              "first to the second by the share of the name "
                                              "that is there", lo=0, hi=100)
    cost_fuzzy: float = knob(0.2, "a piece read as a fuzzy match", lo=0)
    cost_partial: float = knob(0.8, "a piece read as part of a name", lo=0)
    unknown_with_head: float = knob(0.5, "a piece read as an unknown name with a head word "
                                         "(Ministry ...)", lo=0)
    unknown: float = knob(1.0, "a piece read as an unknown name without one", lo=0)
    swallowed: float = knob(1.0, "an unknown name that holds a whole known one, for each it holds",
                            lo=0)
    continues: float = knob(1.0, "a piece standing alone that continues a name (lower case, or "
                                 "`and`)", lo=0)
    continues_weakly: float = knob(0.5, "a piece standing alone that may continue a name "
                                        "(title case)", lo=0)
    comma_inside: float = knob(0.3, "a comma inside one body's name", lo=0)
    line_cut: float = knob(0.5, "a body ending at a line end inside a name (its words name "
                                "nothing alone, or the line end cuts a known name)", lo=0)
    max_join: int = knob(8, "pieces joined into one name at most", lo=1, hi=20)
    max_cell: int = knob(10_000, "characters of one cell read as a list of bodies at most: a "
                                 "longer one is no list of bodies, and is kept whole as one "
                                 "unmatched name", lo=100)

    def __post_init__(self) -> None:
        check(self)

    def piece_cost(self, method: str) -> float | None:
        """What a piece costs by what it was read as; None for an unknown name."""
        return {"exact": 0.0, "garble": 0.0, "generic": 0.0, "fuzzy": self.cost_fuzzy,
                "partial": self.cost_partial}.get(method)


MATCH_DEFAULT = MatchSettings()
PARAGRAPH_END = "\u2029"  # between two paragraphs of a cell, where `\n` ends a line inside one
WORD_START = r"(?<!\w)"  # what a phrase's pattern opens with: no word character before it
MEMO_CELLS = 100_000  # agency cells remembered at most, per gazetteer
# the built-in gazetteer, read once per process, by settings
_BUILTIN: dict[MatchSettings, "Gazetteer"] = {}


def tokenizer() -> Tokenizer:
    """spaCy's multi-language tokenizer (its rules, without spaCy)."""
    return Tokenizer.load("xx")


class NameTrie:
    """Every alias as a path of lower-case tokens: all the names in a text, then the longest
    of those that overlap (as spaCy's PhraseMatcher on LOWER, then `filter_spans`)."""

    def __init__(self) -> None:
        self.root: dict = {}

    def add(self, agency_id: str, tokens: list[Token]) -> None:
        node = self.root
        for tok in tokens:
            node = node.setdefault(tok.lower, {})
        node[None] = agency_id  # the end of a name

    def longest(self, tokens: list[Token]) -> list[tuple[int, int, str]]:
        """(start, end, id) of the names found, longest first where two overlap, in text order."""
        found = []
        for start in range(len(tokens)):
            node: dict | None = self.root
            for end in range(start, len(tokens)):
                node = node.get(tokens[end].lower) if node is not None else None
                if node is None:
                    break
                if None in node:
                    found.append((start, end + 1, node[None]))
        taken: set[int] = set()
        out = []
        for start, end, agency_id in sorted(found, key=lambda f: (f[0] - f[1], f[0])):
            if not taken.intersection(range(start, end)):
                taken.update(range(start, end))
                out.append((start, end, agency_id))
        return sorted(out)


@lru_cache(maxsize=4096)
def _key(text: str) -> str:
    """Comparison form for fuzzy matching: folded, lower case, letters and digits only
    (memoised: a cell's pieces and their joins are keyed again at every step of its cut)."""
    return " ".join(_WORDS.findall(fold(text).lower()))


class _Entries:
    """The agencies of the gazetteer files as they are read, with the checks of `Gazetteer.load`."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}
        self.aliases: list[tuple[str, str]] = []
        # comparison key -> id, to refuse one alias for two agencies
        self.owner: dict[str, str] = {}
        self.successors: dict[str, tuple[str, int | None]] = {}

    def add_base(self, row: dict[str, str], where: str) -> None:
        if not row["id"] or not row["name"]:
            raise DataFileError(f"{where}: a row without id or name: {row}")
        if row["id"] in self.names:
            raise DataFileError(f"{where}: agency id '{row['id']}' twice")
        self.names[row["id"]] = row["name"]
        self._names_of(row, row["id"], where)
        self._successor(row, f"{where}, agency '{row['id']}'")

    def add_extra(self, row: dict[str, str], where: str, seen: set[str]) -> None:
        """A row of a user's file: a new agency, or names of a known one (`seen`: the ids of this
        file)."""
        agency_id = row["id"]
        if not agency_id:
            raise DataFileError(f"{where}: a row without id")
        if agency_id in seen:
            raise DataFileError(f"{where}: agency id '{agency_id}' twice in this file")
        seen.add(agency_id)
        if agency_id not in self.names:
            if not row["name"]:
                raise DataFileError(f"{where}: '{agency_id}' is not a known agency id and the row "
                                    f"has no name; give a name for a new agency, or the id of a "
                                    f"known one")
            self.names[agency_id] = row["name"]
        self._names_of(row, agency_id, where)
        self._successor(row, where)

    def _names_of(self, row: dict[str, str], agency_id: str, where: str) -> None:
        for alias in [row["name"], *(row.get("aliases") or "").split("|")]:
            alias = alias.strip()
            if not alias:
                continue
            key = _key(alias)
            if self.owner.get(key, agency_id) != agency_id:
                raise DataFileError(f"{where}: '{alias}' would name both '{self.owner[key]}' and "
                                    f"'{agency_id}'")
            self.owner[key] = agency_id
            self.aliases.append((alias, agency_id))

    def _successor(self, row: dict[str, str], where: str) -> None:
        if not row.get("successor_of"):
            if row.get("since"):
                raise DataFileError(f"{where}: 'since' without 'successor_of'")
            return
        since = row.get("since") or ""
        if since and not re.fullmatch(r"\d{4}", since):
            raise DataFileError(f"{where}: 'since' must be a year, not '{since}'")
        self.successors[row["id"]] = (row["successor_of"], int(since) if since else None)

    def check_successors(self) -> None:
        """Every predecessor is a known agency, and no chain of renamings runs in a circle."""
        for agency_id, (before, _) in self.successors.items():
            if before not in self.names:
                raise DataFileError(f"agency '{agency_id}' is the successor of '{before}', which "
                                    f"is not a known agency id")
            seen, node = {agency_id}, before
            while node in self.successors:
                if node in seen:
                    raise DataFileError(f"agency '{agency_id}': its predecessors run in a circle")
                seen.add(node)
                node = self.successors[node][0]


@dataclass(frozen=True)
class _Piece:
    """One piece of an agency cell: its text with modifiers blanked (`core`), as it stands in the
    cell (`raw`), and whether a modifier said `upon agreement`."""

    core: str
    raw: str
    by_agreement: bool


@dataclass
class Gazetteer:
    names: dict[str, str]  # id -> canonical name
    aliases: list[tuple[str, str]]  # (alias or name, id)
    garbles: list[tuple[re.Pattern, list[str], str]] = field(default_factory=list)
    heads: frozenset[str] = frozenset()
    connectors: frozenset[str] = frozenset()
    function_words: frozenset[str] = frozenset()
    modifiers: list[tuple[re.Pattern, str]] = field(default_factory=list)  # (pattern, kind)
    # comparison keys of generic bodies (`interested ministries`)
    generic: frozenset[str] = frozenset()
    # id -> (predecessor id, since year)
    successors: dict[str, tuple[str, int | None]] = field(default_factory=dict)
    settings: MatchSettings = MATCH_DEFAULT
    bodies: BodyWords | None = None  # what tells a body's name; the built-in words by default
    # phrases that end a name: what follows says which of its units or by what rule, not who
    # (`в соответствии с функциональными обязанностями`)
    tails: list[re.Pattern] = field(default_factory=list)
    # phrases that open a piece saying by what rule, no part of the name (`Жоспарға сәйкес`)
    rules: list[re.Pattern] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.body_words = self.bodies or BodyWords.load([alias for alias, _ in self.aliases])
        self.international = frozenset(r["id"] for r in builtin("agency_scope.csv", ("id", "scope"))
                                       if r["scope"] == "international" and r["id"] in self.names)
        # (question, text) -> answer, for the dear pure questions
        self._pure: dict[tuple[str, str], Any] = {}
        # any modifier at all: most pieces hold none, and are spared trying each one
        self._any_modifier = _any_of([p for p, _ in self.modifiers])
        self.trie = NameTrie()
        for alias, agency_id in self.aliases:
            self.trie.add(agency_id, tokenizer()(fold(alias)))
        self._choices = [_key(a) for a, _ in self.aliases]
        self._alias_heads = [self.head(a) for a, _ in self.aliases]
        self._exact: dict[str, str] = {}
        for key, (_, agency_id) in zip(self._choices, self.aliases):
            self._exact.setdefault(key, agency_id)
        for alias, agency_id in self.aliases:  # an alias written with a modifier matches without it
            self._exact.setdefault(_key(self.strip_modifiers(fold(alias))[0]), agency_id)
        self._alias_words = [(tuple(key.split()), agency_id)
                             for key, (_, agency_id) in zip(self._choices, self.aliases)]
        # a word -> the aliases (indexes of `_alias_words`) holding it
        self._with_word: dict[str, list[int]] = {}
        for k, (words, _) in enumerate(self._alias_words):
            for word in dict.fromkeys(words):
                self._with_word.setdefault(word, []).append(k)
        self._memo: dict[str, tuple[AgencyMention, ...]] = {}
        self._leads = _leads_pattern(self.connectors)
        self._joins = _joins_pattern(self.connectors)
        for _, ids, text in self.garbles:
            unknown = [i for i in ids if i not in self.names]
            if unknown:
                raise DataFileError(f"garble '{text}' names unknown agency id(s): "
                                    f"{', '.join(unknown)}")

    # -- loading -----------------------------------------------------------
    @classmethod
    def load(cls, path: str | Path | None = None, extend: list[str | Path] | tuple = (),
             settings: MatchSettings = MATCH_DEFAULT) -> "Gazetteer":
        """The built-in gazetteer, or a user's CSV instead of it (`path`, same columns
        id,name[,aliases][,successor_of][,since]), grown by the users' CSVs in `extend`.

        A row of an `extend` file whose id is new adds an agency; a row whose id exists adds
        its name and aliases as aliases of that agency; a row with no name must name an
        existing id.  A name or alias that would stand for two agencies is refused.
        `successor_of` names the id of the body this one took over from (a renamed or merged
        ministry), `since` the year it did; nothing is a successor unless a file says so.
        `settings`: the matcher's thresholds and costs (`MatchSettings`).
        The built-in gazetteer is read once per process and shared: what it learns of the cells it
        has seen (`mentions` is memoised) then serves every extraction.
        """
        if path is None and not extend:
            if settings not in _BUILTIN:
                _BUILTIN[settings] = cls._read(None, (), settings)
            return _BUILTIN[settings]
        return cls._read(path, extend, settings)

    @classmethod
    def _read(cls, path: str | Path | None, extend: list[str | Path] | tuple,
              settings: MatchSettings) -> "Gazetteer":
        entries = _Entries()
        base = path or data_path("agencies.csv")
        for row in read_csv(base, ["id", "name"]):
            entries.add_base(row, str(base))
        for extra in extend:
            seen: set[str] = set()
            for n, row in enumerate(read_csv(extra, ["id", "name"]), start=2):
                entries.add_extra(row, f"{extra}, line {n}", seen)
        entries.check_successors()
        garbles = []
        for row in builtin("agency_garbles.csv", ("text", "agency_ids")):
            ids = [i.strip() for i in row["agency_ids"].split(";") if i.strip()]
            if all(i in entries.names for i in ids):  # a user's gazetteer may lack them
                garbles.append((_phrase_regex(row["text"]), ids, row["text"]))
        garbles.sort(key=lambda g: -len(g[2]))
        words = builtin("agency_words.csv", ("lang", "kind", "word"))
        heads, connectors, function_words = (frozenset(w["word"].lower() for w in words
                                                       if w["kind"] == kind)
                                             for kind in ("head", "connector", "function"))
        rows = sorted(builtin("agency_modifiers.csv", ("lang", "kind", "text")),
                      key=lambda m: -len(m["text"]))
        modifiers = [(_phrase_regex(m["text"], whole=True), m["kind"]) for m in rows
                     if m["kind"] not in ("tail", "rule")]
        tails, rules = ([_phrase_regex(m["text"], whole=True) for m in rows if m["kind"] == kind]
                        for kind in ("tail", "rule"))
        generic = frozenset(_key(g["text"])
                            for g in builtin("agency_generic.csv", ("lang", "text")))
        return cls(entries.names, entries.aliases, garbles, heads, connectors, function_words,
                   modifiers, generic, entries.successors, settings, tails=tails, rules=rules)

    def predecessors(self, agency_id: str) -> list[str]:
        """The bodies this one took over from, nearest first (`successor_of`, followed back)."""
        out = []
        while agency_id in self.successors and self.successors[agency_id][0] not in out:
            agency_id = self.successors[agency_id][0]
            out.append(agency_id)
        return out

    # -- matching ----------------------------------------------------------
    def head(self, text: str) -> str | None:
        for word in re.findall(r"\w+", fold(text).lower()):
            if word in self.heads:
                return word
        return None

    def _capitalised_head(self, text: str) -> bool:
        return any(word[:1].isupper() and word.lower() in self.heads
                   for word in re.findall(r"\w+", fold(text)))

    def _named_as_a_body(self, text: str) -> bool:
        """An unknown name that reads as a body's: a capitalised head word (`Ministry`, `Комитет`),
        or a capital first, a head word and a country's name last (`Государственная миграционная
        служба при Правительстве Кыргызской Республики`)."""
        if self._capitalised_head(text):
            return True
        return (text.lstrip()[:1].isupper() and self.head(text) is not None
                and self.body_words.ends_with_country(text))

    def _remember(self, question: str, text: str, answer: Callable[[str], Any]) -> Any:
        """`answer(text)`, memoised: the same piece of a name recurs in many cells of a plan."""
        key = (question, text)
        if key not in self._pure:
            if len(self._pure) >= MEMO_CELLS:
                self._pure.clear()
            self._pure[key] = answer(text)
        return self._pure[key]

    def fuzzy(self, text: str) -> tuple[str | None, float]:
        """(agency id, score) of the best fuzzy match that passes the rules, else (None, best
        score)."""
        return self._remember("fuzzy", text, self._fuzzy)

    def _fuzzy(self, text: str) -> tuple[str | None, float]:
        query = _key(text)
        # an acronym is a name or nothing, never near one
        if len(query) < 4 or acronym_letters(text) is not None:
            return None, 0.0
        qhead = self.head(text)
        best: dict[str, float] = {}
        for score, index in _nearest(query, self._choices, 25):
            agency_id = self.aliases[index][1]
            chead = self._alias_heads[index]
            if qhead and chead and qhead != chead:
                continue
            best[agency_id] = max(best.get(agency_id, 0.0), score)
        if not best:
            return None, 0.0
        ranked = sorted(best.items(), key=lambda kv: -kv[1])
        top_id, top = ranked[0]
        runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
        s = self.settings
        needed = s.fuzzy_min if qhead else s.fuzzy_min_no_head
        if top >= needed and top - runner_up >= s.fuzzy_margin and self._same_words(text, top_id):
            return top_id, round(top, 1)
        return None, round(top, 1)

    def content_words(self, text: str) -> list[str]:
        return [w for w in re.findall(r"\w+", fold(text).lower()) if w not in self.function_words]

    def _word_overlap(self, text: str, agency_id: str) -> list[tuple[bool, bool]]:
        """For each name of the agency: (all of `text`'s content words are in it, all of its content
        words are in `text`), up to spelling."""
        mine = self.content_words(text)
        out = []
        for alias, alias_id in self.aliases:
            if alias_id == agency_id:
                theirs = self.content_words(alias)
                out.append((all(any(_same_word(a, b) for b in theirs) for a in mine),
                            all(any(_same_word(a, b) for b in mine) for a in theirs)))
        return out

    def _same_words(self, text: str, agency_id: str) -> bool:
        """Some name of the agency has the same content words as `text`, up to spelling:
        a fuzzy score alone never makes a renamed or a larger body a known one."""
        return any(inside and covers for inside, covers in self._word_overlap(text, agency_id))

    def words_within(self, text: str, agency_id: str) -> bool:
        """The content words of some name of the agency all stand in `text`, or those of `text` all
        in it, up to spelling (`Ministry of Education and Science` and the Ministry of Education;
        not `Ministry of Agriculture` and the Ministry of Health)."""
        return any(inside or covers for inside, covers in self._word_overlap(text, agency_id))

    def partial(self, text: str) -> str | None:
        """The one agency of which `text` (two content words or more) is a contiguous span."""
        return self._remember("partial", text, self._partial_of)

    def _partial_of(self, text: str) -> str | None:
        words = tuple(_key(text).split())
        if len(self.content_words(text)) < 2:
            return None
        # only an alias that holds the first word can hold them all in a row
        candidates = ([self._alias_words[k] for k in self._with_word.get(words[0], ())] if words
                      else self._alias_words)
        found = {agency_id for alias, agency_id in candidates
                 if any(alias[i:i + len(words)] == words
                        for i in range(len(alias) - len(words) + 1))}
        return found.pop() if len(found) == 1 else None

    def clear_cache(self) -> None:
        self._memo.clear()
        self._pure.clear()

    def mentions(self, cell: str) -> list[AgencyMention]:
        """Every agency named in one cell, in the order of the text (memoised: it is pure).
        A line end (`\\n`) is a boundary as a comma is, and so is a paragraph end (`PARAGRAPH_END`):
        what starts a body there (`BodyWords.starts_body`) is never the rest of the name above."""
        if cell not in self._memo:
            if len(self._memo) >= MEMO_CELLS:
                self._memo.clear()  # a long-lived process: the memo stays bounded
            too_long = len(cell) > self.settings.max_cell
            self._memo[cell] = ((AgencyMention(clean(cell), None, None, 0.0, "unmatched"),)
                                if too_long else tuple(self._mentions(cell)))
        return list(self._memo[cell])

    def _mentions(self, cell: str) -> list[AgencyMention]:
        folded = fold(cell)
        work = list(folded)
        found: list[tuple[int, AgencyMention]] = []
        for pattern, ids, _ in self.garbles:
            for m in pattern.finditer("".join(work)):
                for agency_id in ids:
                    found.append((m.start(), AgencyMention(clean(cell[m.start():m.end()]),
                                                           agency_id, self.names[agency_id], 100.0,
                                                           "garble")))
                work[m.start():m.end()] = " " * (m.end() - m.start())
        text = parted("".join(work))
        found.extend(self._segment(cell, text))
        found.sort(key=lambda item: item[0])
        return [m for _, m in found]

    def _segment(self, cell: str, text: str) -> list[tuple[int, AgencyMention]]:
        """The cheapest cut of a cell into bodies (see the module's step 2): a shortest path over
        the pieces between commas, semicolons and line ends, joining up to `max_join` of them."""
        pieces = _pieces(text)
        # best[j]: the cheapest cut of pieces ..j-1 as (cost, bodies, the piece its last body starts
        # at, that body's mentions)
        best: list[tuple[float, int, int, list[tuple[int, AgencyMention]]]] = [(0.0, 0, 0, [])]
        for j in range(1, len(pieces) + 1):
            options = []
            crossable = True
            for i in range(j - 1, max(-1, j - 1 - self.settings.max_join), -1):
                start, end = pieces[i][0], pieces[j - 1][1]
                # what follows this boundary, up to the end of the name, continues it (asked only
                # while every boundary after it does)
                if i < j - 1 and crossable:
                    crossable = self._continues(text, (pieces[i + 1][0], end),
                                                text[pieces[i][1]:pieces[i + 1][0]],
                                                text[pieces[i][0]:pieces[i][1]],
                                                text[pieces[i + 1][0]:pieces[i + 1][1]])
                if not crossable and not self._known(text[start:end]):
                    # a piece after a boundary stands on its own: only a known name runs across it
                    continue
                # a name cut by a line end reads as one line
                body = re.sub(r"[\n" + PARAGRAPH_END + "]", " ", text[start:end])
                found = self._piece(cell, start, body)
                commas = sum(1 for ch in body if ch == ",")
                cost = best[i][0] + self._cost(found, body) + self.settings.comma_inside * commas
                # a body that starts here, though its first words read as the rest of a name
                if i > 0:
                    cost += self._alone(text[start:end])
                    if not re.search(r"[,;]", text[pieces[i - 1][1]:pieces[i][0]]) and (
                            not self._names_alone(text[pieces[i - 1][0]:pieces[i - 1][1]])
                            or self._known(text[pieces[i - 1][0]:pieces[i][1]])):
                        cost += self.settings.line_cut  # a line end inside a name
                options.append((cost, best[i][1] + len(found), i, found))
            # a tie: the fewer bodies
            best.append(min(options, key=lambda o: (round(o[0], 6), o[1])))
        out: list[list[tuple[int, AgencyMention]]] = []
        j = len(pieces)
        while j:
            out.append(best[j][3])
            j = best[j][2]
        return [m for found in reversed(out) for m in found]

    def _names_alone(self, piece: str) -> bool:
        """A piece that may be a body by itself: a known or generic name, an acronym, or a name
        with a capitalised head word."""
        core = clean(self.strip_modifiers(piece)[0])
        return _key(core) in self._exact or _key(core) in self.generic \
            or acronym_letters(core) is not None or self._capitalised_head(core)

    def _known(self, span: str) -> bool:
        """A whole known name, commas and all (`Ministry of Labour, Migration and ...` once a
        gazetteer has it)."""
        return ";" not in span and _key(self.strip_modifiers(span)[0]) in self._exact

    def _continues(self, text: str, piece: tuple[int, int], boundary: str,
                   before: str = "", after: str = "") -> bool:
        """Whether a piece may continue the name before it across a boundary: never a semicolon or
        a spaced slash (`CO / BIS`, a semicolon by then: `parted`);
        across a paragraph end, a piece that does not start an item of its own (not `Министерство
        юстиции`, `МВД` or `Начальник ...` in the next paragraph), nor a capitalised one after a
        name closed by its country or a person's initials (`... Кыргызской Республики` /
        `Государственная миграционная служба ...`); across a line end inside a paragraph, any
        piece (a name cut by the line) but an item's start after a closed name; across a comma, a
        piece that reads as the rest of a name (`_alone` > 0), or whose first piece (`after`),
        joined to no list by a connector, names the body that holds the one `before` it
        (`BodyWords.names_parent`: `National Center for Education Statistics, Department of
        Education`)."""
        if ";" in boundary:
            return False
        rest = text[piece[0]:piece[1]]
        if "," in boundary:
            return self._alone(rest) > 0 or (not self._lead(after)
                                             and self.body_words.names_parent(before, after))
        closed = rest.lstrip()[:1].isupper() and self.body_words.ends_closed(before)
        if PARAGRAPH_END in boundary:
            return not closed and not self.body_words.starts_item(rest)
        # a line end: after a closed name, a line that opens an item is one (`... Молочко А.А.` /
        # `Директор филиала «Бубны» ...`)
        return "\n" in boundary and not (closed and self.body_words.starts_item(rest))

    def _alone(self, piece: str) -> float:
        """What a piece costs standing alone because it reads as the rest of a name (none where it
        is a known or generic body, has a head word (a `cell_head` too: the cell is an agency
        cell), names a post where a post stands
        (`BodyWords.leads_with_post`), or is the cut-off part of one known name): it starts in
        lower case or with a connector (`and`, `of`, `и`); or it joins capitalised words
        with a connector (`Migration and Employment`), or is several capitalised words (`Red
        Crescent Society`, weakly)."""
        if self._lead(piece) or self.body_words.leads_with_post(piece):
            # `and OMB`, `the Office of ...`, `начальник ОПО ...`: a list going on with an item
            return 0.0
        # `(MLMEP)` aside
        core = _trim_debris(clean(re.sub(r"\([^)]*\)", " ", self.strip_modifiers(piece)[0])))
        words = re.findall(r"\w+", core)
        if not words or self._own_body(core, words) or self.partial(core):
            return 0.0  # a body of its own, or the cut-off part of one known name (costed as such)
        if self._goes_on(core, words[0]):
            return self.settings.continues
        content = [w for w in words if w.lower() not in self.function_words]
        if len(content) >= 2 and all(w[:1].isupper() for w in content) \
                and not any(w.isupper() for w in content):
            joined = any(w.lower() in self.connectors for w in words)
            return self.settings.continues if joined else self.settings.continues_weakly
        return 0.0

    def _own_body(self, core: str, words: list[str]) -> bool:
        """A piece that is a body of its own: a known or generic name, or one with a head word (a
        `cell_head` too: the piece is in an agency cell)."""
        known = _key(core) in self._exact or _key(core) in self.generic
        headed = self.head(core) is not None or bool(self.body_words.cell_heads
                                                     & {w.lower() for w in words})
        return known or headed

    def _goes_on(self, core: str, first: str) -> bool:
        """Does a piece, by its first word, go on with the name before it: lower case, a connector
        or a function word (`and`, `of`, `и`), or a head word naming an owner (`, Министерства
        энергетики`: whose)?"""
        return first[:1].islower() or first.lower() in self.connectors | self.function_words \
            or self.body_words.names_owner(core)

    def _cost(self, found: list[tuple[int, AgencyMention]], piece: str) -> float:
        """What a piece costs by what it was read as (`MatchSettings.piece_cost`; an unknown name by
        its head word and by the known names it swallows)."""
        cost = 0.0
        for _, m in found:
            known = self.settings.piece_cost(m.method)
            if known is not None:
                cost += known
                continue
            cost += (self.settings.unknown_with_head if self._capitalised_head(m.mention)
                     else self.settings.unknown)
            swallowed = len(self.trie.longest(
                tokenizer()(fold(self.strip_modifiers(m.mention)[0]))))
            cost += self.settings.swallowed * swallowed
        return cost

    def strip_modifiers(self, segment: str) -> tuple[str, bool]:
        """The piece with its modifiers blanked (offsets kept), and whether one said `upon
        agreement`."""
        return self._remember("strip", segment, self._strip_modifiers)

    def _strip_modifiers(self, segment: str) -> tuple[str, bool]:
        by_agreement = False
        if self._any_modifier is None or not self._any_modifier.search(segment):
            return segment, by_agreement
        for pattern, kind in self.modifiers:
            for m in pattern.finditer(segment):
                segment = segment[:m.start()] + " " * (m.end() - m.start()) + segment[m.end():]
                by_agreement |= kind == "by_agreement"
        return segment, by_agreement

    def _piece(self, cell: str, offset: int, segment: str) -> list[tuple[int, AgencyMention]]:
        """The bodies one piece of an agency cell (`segment`, at `offset` in `cell`) names: the
        whole piece as one name, or the known names inside it with what is left over between
        them, where that leftover allows the cut (`_inside`)."""
        segment, rule = self._trimmed(segment)
        if rule:  # `Жоспарға сәйкес ...`: by what rule, then who
            return self._piece(cell, offset + rule, segment[rule:])
        core, by_agreement = self.strip_modifiers(segment)
        raw = clean(cell[offset:offset + len(segment)])
        start = offset + len(segment) - len(segment.lstrip())
        if _letters(core) <= 2 and acronym_letters(core) is None:
            # debris of a copy ("e"), or only a modifier: nothing to name, kept in agencies_raw
            return []
        whole = _Piece(core, raw, by_agreement)
        # 1. the whole piece
        if _key(core) in self._exact:
            return [self._one(whole, core, start)]
        if _key(core) in self.generic:
            return [(start, AgencyMention(raw, None, None, 100.0, "generic", by_agreement))]
        lead = self._lead(core)
        if lead:  # `and OMB`: the body without the words that join it to the list
            return self._piece(cell, offset + lead, segment[lead:])
        listed = self._listed(core)
        if len(listed) > 1:  # `GSA with CDO Council and ICSP`
            return [m for a, b in listed for m in self._piece(cell, offset + a, segment[a:b])]
        doc = tokenizer()(core)
        spans = self.trie.longest(doc)
        if not spans or self.body_words.foreign_country(core):
            # another country's body is one, whatever names it holds
            return [self._one(whole, core, start)]
        # 2. names inside it, if what is left over allows the cut
        inside = self._inside(cell, offset, whole, doc, spans)
        return [self._one(whole, core, start)] if inside is None else inside

    def _trimmed(self, segment: str) -> tuple[str, int]:
        """A piece without what follows its name (a note mark, `OMB*`; the full stop that ends
        a sentence, `... Statistical Policy.`; a `tail` phrase, `... в соответствии с
        функциональными обязанностями`), and where its name starts past a `rule` phrase that opens
        it (`Жоспарға сәйкес ...`; 0: none)."""
        noted = _NOTE_MARK.search(segment)
        if noted:  # `OMB*`: the mark points to a note, and is no part of the name
            segment = segment[:noted.start()]
        stop = _FULL_STOP.search(segment)
        if stop and (len(stop.group(1)) > ABBREVIATION or acronym_letters(stop.group(1))):
            segment = segment[:stop.start() + len(stop.group(1))]  # not `Inc.`, `U.S.`
        opening = len(segment) - len(segment.lstrip())
        tail = min((m.start() for t in self.tails for m in t.finditer(segment)
                    if m.start() > opening), default=len(segment))
        segment = segment[:tail]
        rule = next((m.end() for r in self.rules for m in [r.match(segment, opening)] if m), 0)
        return segment, rule

    def _lead(self, text: str) -> int:
        """Where a piece's body starts past the words that join it to a list (`and OMB`, `with
        CDO Council`, `the Office of ...`, `with direction from the Interagency Council ...`, `as
        well as other interagency bodies`: connectors and articles, `data/agency_words.csv`),
        where a body's name (`BodyWords.starts_body`, or a capitalised name with a head word), a
        post or a head word (`и рабочие группы ...`) or a generic body follows them; else 0."""
        m = self._leads.match(text)
        if m is None:
            return 0
        rest = text[m.end():]
        capitalised_name = rest.lstrip()[:1].isupper() and self._names_alone(rest)
        named = self.body_words.starts_body(rest) or capitalised_name \
            or self.body_words.opens_item(rest)
        return m.end() if named or _key(rest) in self.generic else 0

    def _listed(self, core: str) -> list[tuple[int, int]]:
        """The spans of the bodies a piece lists joined by connectors (`GSA and OMB`, `GSA with CDO
        Council and ICSP`, `Министерство финансов и Министерство юстиции`): it is cut at a
        connector where the words after it start a body with a capitalised head word, or with an
        acronym after a closed name (`_closed`: `CDO Council and ICSP`; never `Ministry of
        Transport and ICT`, nor `CIO and Chief Data Officer Councils`, `Ministry of Education and
        Science`), or where two whole executors stand either side (`BodyWords.items_joined`:
        `Начальники структурных подразделений и директора филиалов`; not `директора и
        специалисты по кадрам`, who share their words)."""
        spans, start = [], 0
        for m in self._joins.finditer(core):
            if " ".join(m.group().lower().split()) in self.connectors \
                    and self._cut_at(m.group(), core[start:m.start()], core[m.end():]):
                spans.append((start, m.start()))
                start = m.end()
        return spans + [(start, len(core))] if spans else []

    def _cut_at(self, connector: str, before: str, rest: str) -> bool:
        """Does a connector part two bodies (`_listed`)?  A phrase (`under the direction of`, `with
        direction from`) joins two parties, never the words of one name: wherever a body's name
        follows it (`BodyWords.starts_body`, a capitalised name with a head word, a generic body),
        past an article.  A word (`and`, `with`, `и`) as `_listed` says."""
        if " " in connector.strip():
            named = _past_articles(rest, self.body_words.articles)
            return self.body_words.starts_body(named) or self._names_alone(named)
        if not self.body_words.starts_body(rest) \
                and not self.body_words.items_joined(before, rest):
            return False
        first = re.match(r"\s*(\w+)", rest)
        headed = first is not None and first.group(1).lower() in self.heads
        return headed or self._closed(before) or self.body_words.items_joined(before, rest)

    def _closed(self, name: str) -> bool:
        """A name that nothing after it continues: an acronym, or one that ends with its head word
        (`CDO Council`, `Census Bureau`); not `Ministry of Transport`, which `and ICT` may go on."""
        core = clean(name)
        words = re.findall(r"\w+", core)
        ends_with_head = bool(words) and words[-1].lower() in self.heads
        return ends_with_head or acronym_letters(core) is not None

    def _one(self, piece: _Piece, text: str, at: int) -> tuple[int, AgencyMention]:
        """`text` (the piece's core, or a part of it) named as one body, at offset `at`."""
        mention = self._name(text, piece.raw if text is piece.core else clean(text))
        mention.by_agreement = piece.by_agreement
        return at, mention

    def _inside(self, cell: str, offset: int, piece: _Piece, doc,
                spans) -> list[tuple[int, AgencyMention]] | None:
        """The known names inside a piece (`spans`, the trie's longest matches in `doc`), and each
        run of words between them: a part of one name, a capitalised body of its own, or
        nothing but connectors and debris; None where a run extends a name (the whole piece is
        then one body)."""
        covered = {i for s, e, _ in spans for i in range(s, e)}
        out = []
        for s, e, agency_id in spans:
            begin, end = offset + doc[s].idx, offset + doc[e - 1].idx + len(doc[e - 1].text)
            out.append((begin, AgencyMention(clean(cell[begin:end]), agency_id,
                                             self.names[agency_id], 100.0, "exact",
                                             piece.by_agreement)))
        for run in _runs([i for i in range(len(doc)) if i not in covered]):
            toks = [doc[i] for i in run if not (doc[i].is_punct or doc[i].is_space)]
            if not toks or all(t.lower in self.connectors for t in toks):
                continue
            text = clean(piece.core[toks[0].idx:toks[-1].idx + len(toks[-1].text)])
            words = re.findall(r"\w+", text)
            if len("".join(words)) <= 2:
                continue  # debris
            found = self._leftover(piece, text, words, offset + toks[0].idx, run[0] == 0)
            if found is None:
                return None  # it extends the name: the whole piece is one body
            out.append(found)
        return out

    def _leftover(self, piece: _Piece, text: str, words: list[str], at: int, leading: bool
                  ) -> tuple[int, AgencyMention] | None:
        """A run of words between known names: a cut-off part of one name (`partial`), a
        capitalised body of its own next to a known one, or None: it extends the name."""
        part_of = self.partial(text)
        if part_of and (leading or words[0].lower() not in self.function_words):
            return at, self._partial(text, part_of, piece.by_agreement)
        if self._capitalised_head(text) and words[0].lower() not in self.function_words \
                and words[-1].lower() not in self.function_words:
            return self._one(piece, text, at)
        return None

    def _name(self, text: str, mention: str) -> AgencyMention:
        """One body: an exact name, a fuzzy one, a cut-off part of one name, or unmatched.  A name
        that names another country is never one of the gazetteer's by its other words."""
        agency_id = self._exact.get(_key(text))
        if agency_id:
            return AgencyMention(mention, agency_id, self.names[agency_id], 100.0, "exact")
        if self.body_words.foreign_country(text):
            return AgencyMention(mention, None, None, 0.0, "unmatched")
        agency_id, score = self.fuzzy(text)
        if agency_id:
            return AgencyMention(mention, agency_id, self.names[agency_id], score, "fuzzy")
        trimmed = _trim_debris(text)
        agency_id = self.partial(trimmed)
        if agency_id:
            return self._partial(mention, agency_id, False)
        return AgencyMention(mention, None, None, score, "unmatched")

    def _partial(self, text: str, agency_id: str, by_agreement: bool) -> AgencyMention:
        """A cut-off part of one name: its share of the name's content words, as a score below
        100."""
        best = max(len(self.content_words(a)) for a, i in self.aliases if i == agency_id)
        share = min(1.0, len(self.content_words(text)) / best)
        low, high = self.settings.partial_score
        return AgencyMention(clean(text), agency_id, self.names[agency_id],
                             round(low + (high - low) * share, 1), "partial", by_agreement)

    def coverage(self, text: str, unmatched_with_head: bool = False, partial: bool = True) -> float:
        """Share of the letters of `text` that lie in recognised agency names (0..1).

        With `unmatched_with_head`, names not in the gazetteer count too when they
        hold a capitalised head word (Ministry, Committee...), or open with a capital, hold a
        head word and end with a country's name: they look like agencies, where `a legal aid
        service` is a phrase of a sentence.  Without `partial`, only
        whole names count, not the cut-off parts of one.
        """
        letters = _letters(text)
        if not letters:
            return 0.0
        named = sum(_letters(m.mention) for m in self.mentions(text)
                    if (m.agency_id and (partial or m.method != "partial")) or m.method == "generic"
                    or (unmatched_with_head and self._named_as_a_body(m.mention)))
        return min(1.0, named / letters)


def _leads_pattern(connectors: frozenset[str]) -> re.Pattern:
    """The words that join a body to a list before its name: connectors (`and`, `with`) and
    articles (`the`), any number of them, from a piece's start."""
    articles = {w["word"].lower() for w in builtin("agency_words.csv", ("lang", "kind", "word"))
                if w["kind"] == "article"}
    leads = sorted(connectors | articles, key=len, reverse=True)
    return re.compile(r"\s*(?:(?:" + "|".join(map(re.escape, leads)) + r")\s+)+", re.IGNORECASE)


def _joins_pattern(connectors: frozenset[str]) -> re.Pattern:
    """A piece's words one by one, a connector's phrase (`under the direction of`) as one."""
    phrases = sorted((c for c in connectors if " " in c), key=len, reverse=True)
    alternatives = [r"(?<!\w)" + r"\s+".join(map(re.escape, p.split())) + r"(?!\w)"
                    for p in phrases]
    return re.compile("|".join(alternatives + [r"\w+", "&"]), re.IGNORECASE)


def _past_articles(text: str, articles: frozenset[str]) -> str:
    """`text` without the articles that open it (`the Interagency Council ...`)."""
    words = text.split()
    while words and words[0].lower() in articles:
        words = words[1:]
    return " ".join(words)


@lru_cache(maxsize=1)
def _signs() -> dict[str, str]:
    """sign -> its kind, of the signs that part bodies in an agency cell (`data/agency_words.csv`:
    `separator`, `dash`)."""
    return {w["word"]: w["kind"] for w in builtin("agency_words.csv", ("lang", "kind", "word"))
            if w["kind"] in ("separator", "dash")}


def parted(text: str) -> str:
    """An agency cell's text with the signs that part its bodies made semicolons (the same
    length): a separator (`/`) between spaces (`CO / BIS`, `Комплаенс-офицері / жұмыс тобы`); a
    dash (`-`) between spaces before a capital or a digit (`AgID - ANAC`, `PagoPA S.p.A. - DTD`;
    never `бухгалтер - начальник`, one person's two posts); either between two acronyms
    (`CO/BIS`, `AgID-DTD`; never `Комплаенс-офицер`)."""
    signs = _signs()
    if not any(sign in text for sign in signs):
        return text
    out = list(text)
    for k, ch in enumerate(text):
        if ch not in signs:
            continue
        before, after = text[:k], text[k + 1:]
        if before[-1:].isspace() and after[:1].isspace():
            first = after.lstrip()[:1]
            parts = signs[ch] == "separator" or first.isupper() or first.isdigit()
        else:
            left, right = re.search(r"\w+$", before), re.match(r"\w+", after)
            parts = left is not None and right is not None \
                and acronym_letters(left.group()) is not None \
                and acronym_letters(right.group()) is not None
        if parts:
            out[k] = ";"
    return "".join(out)


_NOT_LETTERS = re.compile(r"\W+")
_WORDS = re.compile(r"\w+")
# a sentence's full stop after a name's last word (a word of its own, not an abbreviation's last
# letter: `U.S.`)
_FULL_STOP = re.compile(r"(?<![.\w])([^\W\d_]+)\.\s*$")
ABBREVIATION = 3  # letters of a word a full stop may abbreviate (`Inc.`, `Ltd.`, `Co.`)
_NOTE_MARK = re.compile(r"(?<=\w)[*\u2020\u2021]+\s*$")  # `*`, `†`, `‡` after a name's last word


_BOUNDARY = re.compile(r"[,;\n" + PARAGRAPH_END + r"]")  # a spaced slash is a `;` by then: `parted`


def _pieces(text: str) -> list[tuple[int, int]]:
    """The spans of a cell's text between commas, semicolons and line ends."""
    cuts = [0] + [i for m in _BOUNDARY.finditer(text) for i in m.span()] + [len(text)]
    return [(a, b) for a, b in zip(cuts[::2], cuts[1::2]) if b > a]


def _letters(text: str) -> int:
    """How many word characters (`\\w`: letters, digits, `_`) `text` holds."""
    return len(_NOT_LETTERS.sub("", text))


def _same_word(a: str, b: str) -> bool:
    """Two words that differ only in spelling (`Labour`/`Labor`, `Interior`/`Internal`)."""
    return a == b or fuzz.ratio(a, b) >= 75 or (len(a) >= 5 and len(b) >= 5 and a[:5] == b[:5])


def _trim_debris(text: str) -> str:
    """A fragment without the one or two stray lower-case letters a copy left at its ends."""
    words = text.split()
    while words and len(words[0]) <= 2 and words[0].islower():
        words = words[1:]
    while words and len(words[-1]) <= 2 and words[-1].islower():
        words = words[:-1]
    return " ".join(words)


def _nearest(query: str, choices: list[str], limit: int) -> list[tuple[float, int]]:
    """The `limit` best (score, index) of `choices`, best first, a tie by index; a score is the
    better of rapidfuzz's ratio and token-sort ratio, each computed over all choices in C
    (`process.extract`, which needs no numpy, where `cdist` does)."""
    scores = [0.0] * len(choices)
    for scorer in (fuzz.ratio, fuzz.token_sort_ratio):
        for _, score, index in process.extract(query, choices, scorer=scorer, limit=None):
            scores[index] = max(scores[index], score)
    order = sorted(range(len(choices)), key=lambda i: (-scores[i], i))[:limit]
    return [(scores[i], i) for i in order]


def _runs(indexes: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for i in indexes:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _any_of(patterns: list[re.Pattern]) -> re.Pattern | None:
    """One pattern that matches where any of `patterns` does (case aside), None for none.  The
    word start that opens each of them (`_phrase_regex`) is tested once, before the
    alternatives, not once for each of them at every position: ten times faster."""
    if not patterns:
        return None
    sources = [p.pattern for p in patterns]
    opening = WORD_START if all(s.startswith(WORD_START) for s in sources) else ""
    return re.compile(opening + "(?:" + "|".join(f"(?:{s[len(opening):]})" for s in sources)
                      + ")", re.IGNORECASE)



def _phrase_regex(text: str, whole: bool = False) -> re.Pattern:
    """A phrase as a pattern that tolerates any spacing around its words and punctuation
    (`whole`: it must end where a word ends)."""
    parts = re.findall(r"\w+|[^\w\s]", fold(text))
    body = r"\s*".join(re.escape(p) if not p[0].isalnum() else re.escape(p) + r"(?!\w)"
                       for p in parts)
    return re.compile(WORD_START + body + (r"(?!\w)" if whole else ""), re.IGNORECASE)


def whole_name_ids(gazetteer: Gazetteer, text: str) -> set[str]:
    """Ids of the agencies `text` names in full (a cut-off part of a name is not counted)."""
    return {m.agency_id for m in gazetteer.mentions(text) if m.agency_id and m.method != "partial"}


# a plan whose agency pieces are at least this many, and of which the gazetteer knows at most
# this share, is a stranger's: another country's (or a level's) bodies, named by no country
STRANGER_MIN_PIECES = 5
STRANGER_KNOWN_SHARE = 0.25


def mostly_unknown(gazetteer: Gazetteer, cells: list[str]) -> bool:
    """A plan whose bodies the gazetteer mostly does not know (`cells`: its agency cells): of
    its distinct pieces (not generic bodies), at least `STRANGER_MIN_PIECES`, the gazetteer
    knows at most `STRANGER_KNOWN_SHARE`.  In such a plan an acronym that happens to be one of
    the gazetteer's is no evidence that the body is that one (`as_plan_of`)."""
    pieces = {_key(m.mention): m.agency_id is not None for cell in cells
              for m in gazetteer.mentions(cell) if m.method != "generic"}
    return len(pieces) >= STRANGER_MIN_PIECES \
        and sum(pieces.values()) <= STRANGER_KNOWN_SHARE * len(pieces)


def as_plan_of(gazetteer: Gazetteer, mentions: list[AgencyMention], country: str | None,
               stranger: bool = False) -> list[tuple[AgencyMention, str]]:
    """The mentions of a cell of another country's plan (`BodyWords.plan_country`), each with the
    gazetteer body it would otherwise have been ('' where none): a body of the gazetteer's own
    country named without that country (`МВД`, `Министерство юстиции` in a Kyrgyz plan) is the
    plan's country's own, kept verbatim as unmatched; an international body stays matched.  In a
    plan whose bodies the gazetteer mostly does not know (`stranger`: `mostly_unknown`), a body
    named by an acronym alone (`MOJ` among `CO`, `BIS`, `ONS`) is kept so too."""
    words = gazetteer.body_words
    out = []
    for m in mentions:
        national = m.agency_id is not None and m.agency_id not in gazetteer.international
        own_named = bool(words.countries_named(m.mention) & words.home)
        by_acronym = stranger and acronym_letters(clean(m.mention)) is not None
        if (country or by_acronym) and national and not own_named:
            kept = AgencyMention(m.mention, None, None, 0.0, "unmatched", m.by_agreement)
            out.append((kept, m.agency or ""))
        else:
            out.append((m, ""))
    return out


# what `agency_flags` can say; a piece the gazetteer does not know is `agency_unmatched` and, where
# the body words are given, either `agency_new_body` (body-shaped: expected in other plans, a mild
# flag) or `agency_not_a_body` (a step's text, a sentence, a fragment, a number: a strong one)


def agency_flags(mentions: list[AgencyMention], words: BodyWords | None = None,
                 taken_for: list[str] | None = None, country: str | None = None,
                 in_grid: bool = False) -> list[Flag]:
    """What a record says about how its agencies were named: a garble read by the override table,
    a cut-off name, a fuzzy match (its score the confidence), a name not in the gazetteer and
    (with `words`) whether it is a body at all (`not_bodies`; `in_grid`: the cell is a table's).
    `taken_for`: per mention, the gazetteer body it was not given in the plan of another
    `country` (`as_plan_of`)."""
    out = []
    why_not = not_bodies(mentions, words, in_grid) if words is not None else []
    for k, m in enumerate(mentions):
        if m.method == "garble":
            out.append(Flag(FlagName.AGENCY_GARBLED, 1.0,
                            f"'{m.mention}' read as {m.agency} (override table)"))
        elif m.method == "partial":
            out.append(Flag(FlagName.AGENCY_GARBLED, m.score / 100,
                            f"'{m.mention}' is a cut-off part of one name only: {m.agency}"))
        elif m.method == "fuzzy":
            out.append(Flag(FlagName.AGENCY_FUZZY, m.score / 100, f"'{m.mention}' -> {m.agency}"))
        elif m.method == "unmatched":
            out.append(Flag(FlagName.AGENCY_UNMATCHED, 1.0,
                            f"'{m.mention}' is not in the gazetteer"))
            if words is not None:
                last = k == len(mentions) - 1
                why = why_not[k] or (words.head_alone(m.mention) if last else "")
                out.append(_unmatched_kind(m, why, words, (taken_for or [])[k:k + 1] or [""],
                                           country))
    return out


def not_bodies(mentions: list[AgencyMention], words: BodyWords, in_grid: bool = False
               ) -> list[str]:
    """Per mention of one cell, why it is no body's name (`BodyWords.why_not_a_body`), '' for a
    body-shaped one and for every name the gazetteer knows.  In a table's cell (`in_grid`), a
    piece listed beside a body of the cell (a known name, a generic one, a body-shaped new one)
    is read as listed (`Consip` in `AgID, Consip, Soggetti aggregatori`)."""
    why = [words.why_not_a_body(m.mention, in_grid) if m.method == "unmatched" else ""
           for m in mentions]
    for k, m in enumerate(mentions):
        beside = any(not reason for j, reason in enumerate(why) if j != k)
        if why[k] and in_grid and beside:
            why[k] = words.why_not_a_body(m.mention, in_grid, listed=True)
    return why


def _unmatched_kind(m: AgencyMention, why: str, words: BodyWords, taken_for: list[str],
                    country: str | None) -> Flag:
    """`agency_not_a_body` (`NOT_A_BODY`) where there is a reason (`why`) the piece is no body's
    name, else `agency_new_body` (`NEW_BODY`)."""
    if why:
        return Flag(FlagName.AGENCY_NOT_A_BODY, NOT_A_BODY,
                    f"'{m.mention}' is no body's name: {why}")
    would_be = taken_for[0]
    whose = words.foreign_country(m.mention) or (country if would_be else None)
    of = f" of {whose.title()}" if whose else ""
    whose_plan = f"the plan is {country.title()}'s" if country else \
        "the plan's bodies are mostly unknown to it"
    instead = f", not the gazetteer's {would_be} ({whose_plan})" if would_be else ""
    said = f"'{m.mention}': a body{of} the gazetteer does not know{instead}"
    return Flag(FlagName.AGENCY_NEW_BODY, NEW_BODY, said)


def unique_agencies(mentions: list[AgencyMention]) -> tuple[list[str], list[str]]:
    """(names, ids) of the matched mentions, first occurrence order, no repeats."""
    ids: list[str] = []
    names: list[str] = []
    for m in mentions:
        if m.agency_id and m.agency_id not in ids:
            ids.append(m.agency_id)
            names.append(m.agency or "")
    return names, ids
