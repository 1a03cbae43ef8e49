"""Agency names: a cell of executing agencies -> canonical gazetteer entries.

A cell is read in four passes:

1. known garbles (`data/agency_garbles.csv`: names run together in a copy) are
   found first and resolve to the agencies they hold, method `garble`;
2. the rest is split at commas and semicolons;
3. inside each piece, gazetteer names and aliases are found by longest match
   (spaCy PhraseMatcher on lower-cased tokens), so a missing comma between two
   names still gives two mentions;
4. what is left over is matched fuzzily (rapidfuzz) against every name and
   alias, accepted only with a margin over the best *other* agency and when
   the head words agree (an Office is never made a Ministry).

Failure policy: a name that passes none of these is kept verbatim as an
`unmatched` mention (no id), and the caller flags the row for review.  It is
never mapped to a near but wrong agency.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import spacy
from rapidfuzz import fuzz, process
from spacy.matcher import PhraseMatcher
from spacy.util import filter_spans

from ..data import builtin, data_path, read_csv
from ..errors import DataFileError
from ..model import AgencyMention
from .text import clean, fold

FUZZY_MIN = 85.0  # a fuzzy match needs at least this score (0-100) ...
FUZZY_MARGIN = 5.0  # ... and this lead over the best other agency
FUZZY_MIN_NO_HEAD = 92.0  # when the leftover has no head word to check


@lru_cache(maxsize=1)
def tokenizer_nlp():
    """A blank multi-language pipeline: tokenizer only, nothing downloaded."""
    return spacy.blank("xx")


def _key(text: str) -> str:
    """Comparison form for fuzzy matching: folded, lower case, letters and digits only."""
    return " ".join(re.findall(r"\w+", fold(text).lower()))


@dataclass
class Gazetteer:
    names: dict[str, str]  # id -> canonical name
    aliases: list[tuple[str, str]]  # (alias or name, id)
    garbles: list[tuple[re.Pattern, list[str], str]] = field(default_factory=list)
    heads: frozenset[str] = frozenset()
    connectors: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        nlp = tokenizer_nlp()
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for alias, agency_id in self.aliases:
            self.matcher.add(agency_id, [nlp.make_doc(fold(alias))])
        self._choices = [_key(a) for a, _ in self.aliases]
        self._alias_heads = [self.head(a) for a, _ in self.aliases]
        self._memo: dict[str, tuple[AgencyMention, ...]] = {}
        for _, ids, text in self.garbles:
            unknown = [i for i in ids if i not in self.names]
            if unknown:
                raise DataFileError(f"garble '{text}' names unknown agency id(s): {', '.join(unknown)}")

    # -- loading -----------------------------------------------------------
    @classmethod
    def load(cls, path: str | Path | None = None) -> "Gazetteer":
        """The built-in gazetteer, or a user's CSV with the same columns (id,name[,aliases])."""
        rows = read_csv(path or data_path("agencies.csv"), ["id", "name"])
        names: dict[str, str] = {}
        aliases: list[tuple[str, str]] = []
        for row in rows:
            if not row["id"] or not row["name"]:
                raise DataFileError(f"{path or 'agencies.csv'}: a row without id or name: {row}")
            if row["id"] in names:
                raise DataFileError(f"{path or 'agencies.csv'}: agency id '{row['id']}' twice")
            names[row["id"]] = row["name"]
            aliases.append((row["name"], row["id"]))
            for alias in (row.get("aliases") or "").split("|"):
                if alias.strip():
                    aliases.append((alias.strip(), row["id"]))
        garbles = []
        for row in builtin("agency_garbles.csv", ("text", "agency_ids")):
            ids = [i.strip() for i in row["agency_ids"].split(";") if i.strip()]
            if all(i in names for i in ids):  # a user's gazetteer may lack them
                garbles.append((_phrase_regex(row["text"]), ids, row["text"]))
        garbles.sort(key=lambda g: -len(g[2]))
        words = builtin("agency_words.csv", ("lang", "kind", "word"))
        heads = frozenset(w["word"].lower() for w in words if w["kind"] == "head")
        connectors = frozenset(w["word"].lower() for w in words if w["kind"] == "connector")
        return cls(names, aliases, garbles, heads, connectors)

    # -- matching ----------------------------------------------------------
    def head(self, text: str) -> str | None:
        for word in re.findall(r"\w+", fold(text).lower()):
            if word in self.heads:
                return word
        return None

    def _capitalised_head(self, text: str) -> bool:
        return any(word[:1].isupper() and word.lower() in self.heads for word in re.findall(r"\w+", fold(text)))

    def fuzzy(self, text: str) -> tuple[str | None, float]:
        """(agency id, score) of the best fuzzy match that passes the rules, else (None, best score)."""
        query = _key(text)
        if len(query) < 4:
            return None, 0.0
        results = process.extract(query, self._choices, scorer=_score, limit=25)
        qhead = self.head(text)
        best: dict[str, float] = {}
        for _, score, index in results:
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
        needed = FUZZY_MIN if qhead else FUZZY_MIN_NO_HEAD
        if top >= needed and top - runner_up >= FUZZY_MARGIN:
            return top_id, round(top, 1)
        return None, round(top, 1)

    def clear_cache(self) -> None:
        self._memo.clear()

    def mentions(self, cell: str) -> list[AgencyMention]:
        """Every agency named in one cell, in the order of the text (memoised: it is pure)."""
        if cell not in self._memo:
            self._memo[cell] = tuple(self._mentions(cell))
        return list(self._memo[cell])

    def _mentions(self, cell: str) -> list[AgencyMention]:
        folded = fold(cell)
        work = list(folded)
        found: list[tuple[int, AgencyMention]] = []
        for pattern, ids, _ in self.garbles:
            for m in pattern.finditer("".join(work)):
                for agency_id in ids:
                    found.append((m.start(), AgencyMention(clean(cell[m.start():m.end()]), agency_id,
                                                           self.names[agency_id], 100.0, "garble")))
                work[m.start():m.end()] = " " * (m.end() - m.start())
        text = "".join(work)
        for seg in re.finditer(r"[^,;]+", text):
            found.extend(self._segment(cell, seg.start(), seg.group()))
        found.sort(key=lambda item: item[0])
        return [m for _, m in found]

    def _segment(self, cell: str, offset: int, segment: str) -> list[tuple[int, AgencyMention]]:
        nlp = tokenizer_nlp()
        doc = nlp.make_doc(segment)
        labels = {(s, e): nlp.vocab.strings[match_id] for match_id, s, e in self.matcher(doc)}
        spans = filter_spans([doc[s:e] for s, e in labels])
        out = []
        covered = set()
        for span in spans:
            agency_id = labels[(span.start, span.end)]
            start = offset + span.start_char
            out.append((start, AgencyMention(clean(cell[start:offset + span.end_char]), agency_id,
                                             self.names[agency_id], 100.0, "exact")))
            covered.update(range(span.start, span.end))
        for run in _runs([t.i for t in doc if t.i not in covered]):
            toks = [doc[i] for i in run]
            if all(t.is_punct or t.is_space or t.lower_ in self.connectors for t in toks):
                continue
            start = offset + toks[0].idx
            end = offset + toks[-1].idx + len(toks[-1])
            raw = clean(cell[start:end])
            if len(re.sub(r"\W", "", raw)) <= 2:
                # a stray letter or two left by a copy ("e"): nothing to name, kept in agencies_raw
                continue
            agency_id, score = self.fuzzy(raw)
            if agency_id:
                out.append((start, AgencyMention(raw, agency_id, self.names[agency_id], score, "fuzzy")))
            else:
                out.append((start, AgencyMention(raw, None, None, score, "unmatched")))
        return out

    def coverage(self, text: str, unmatched_with_head: bool = False) -> float:
        """Share of the letters of `text` that lie in recognised agency names (0..1).

        With `unmatched_with_head`, names not in the gazetteer count too when they
        hold a capitalised head word (Ministry, Committee...): they look like agencies,
        where `a legal aid service` is a phrase of a sentence.
        """
        letters = len(re.findall(r"\w", text))
        if not letters:
            return 0.0
        named = sum(len(re.findall(r"\w", m.mention)) for m in self.mentions(text)
                    if m.agency_id or (unmatched_with_head and self._capitalised_head(m.mention)))
        return min(1.0, named / letters)


def _score(a: str, b: str, **kwargs) -> float:
    return max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b))


def _runs(indexes: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for i in indexes:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _phrase_regex(text: str) -> re.Pattern:
    """A garble as a pattern that tolerates any spacing around its words and punctuation."""
    parts = re.findall(r"\w+|[^\w\s]", fold(text))
    body = r"\s*".join(re.escape(p) if not p[0].isalnum() else re.escape(p) + r"(?!\w)" for p in parts)
    return re.compile(r"(?<!\w)" + body, re.IGNORECASE)


def unique_agencies(mentions: list[AgencyMention]) -> tuple[list[str], list[str]]:
    """(names, ids) of the matched mentions, first occurrence order, no repeats."""
    ids: list[str] = []
    names: list[str] = []
    for m in mentions:
        if m.agency_id and m.agency_id not in ids:
            ids.append(m.agency_id)
            names.append(m.agency or "")
    return names, ids
