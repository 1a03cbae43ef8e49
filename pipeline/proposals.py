"""Unmatched agency names across extractions -> proposed gazetteer entries to edit.

The loop a user runs to grow the gazetteer:

    annex extract plans/*.docx -o out
    annex agencies out/*.json -o new_agencies.csv     # this module
    (edit new_agencies.csv: keep, rename, merge, or give a row the id of a known agency)
    annex extract plans/*.docx -o out --agencies new_agencies.csv

Names are clustered as OpenRefine does: first by a fingerprint key (folded, lower case,
punctuation and the gazetteer's modifiers dropped, unique words sorted), then clusters
whose names are near (rapidfuzz token-sort ratio >= `SAME_BODY`) are merged.  Each
cluster becomes one proposed entry: its most frequent variant as the name, the others as
aliases.  Where an existing agency is close, it is named as a *suggestion* with its
score; nothing is ever applied by itself.

An acronym the plans define by writing the long name too (`MLMEP` beside `Ministry of
Labour, Migration and Employment of Population`, `МТМЗН` beside `Министерство труда,
миграции и занятости населения`) joins that name's entry as an alias: its letters are the
initials of the name's content words (or of all its words).  It joins only where exactly
one unknown name fits, preferring names seen in the same file; an acronym is never matched
to anything by a fuzzy score.  An acronym of a known agency is named as a suggestion.
"""
from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, process

from .data import read_extraction_json
from .normalize.agencies import Gazetteer, acronym_letters
from .normalize.text import clean, fold

SAME_BODY = 90.0  # two fingerprints this close are variants of one body
SUGGEST = 70.0  # an existing agency this close is named as a suggestion

PROPOSAL_COLUMNS = ["id", "name", "aliases", "suggestion", "count", "seen_in"]


def initials(name: str, gazetteer: Gazetteer) -> set[str]:
    """The initials of a name's content words and of all its words (`Ministry of Health` -> mh,
    moh)."""
    words = re.findall(r"\w+", fold(name).lower())
    return {"".join(w[0] for w in words),
            "".join(w[0] for w in gazetteer.content_words(name))} - {""}


@dataclass
class Proposal:
    variants: Counter  # name as matched (modifiers dropped) -> how often
    seen_in: list[str] = field(default_factory=list)  # "file measure_id"
    suggestion: tuple[str, float | str] | None = None  # (agency id, score, or "acronym")
    verbatim: set[str] = field(default_factory=set)  # the names as written, modifiers and all

    @property
    def name(self) -> str:
        spelled = [v for v in self.variants if acronym_letters(v) is None] or list(self.variants)
        return max(spelled, key=lambda v: (self.variants[v], len(v)))

    @property
    def acronym(self) -> str | None:
        return acronym_letters(self.name)

    def files(self) -> set[str]:
        return {where.rsplit(" ", 1)[0] for where in self.seen_in}

    @property
    def aliases(self) -> list[str]:
        seen = {fold(self.name).lower()}
        out = []
        for v in sorted(self.variants):
            if fold(v).lower() not in seen:
                seen.add(fold(v).lower())
                out.append(v)
        return out


def fingerprint(name: str, gazetteer: Gazetteer) -> str:
    """OpenRefine's key: folded, lower case, modifiers and punctuation gone, unique words sorted."""
    core, _ = gazetteer.strip_modifiers(fold(name))
    return " ".join(sorted(set(re.findall(r"\w+", core.lower()))))


def unmatched_names(paths: list[str | Path]) -> list[tuple[str, str]]:
    """(verbatim name, where) of every unmatched agency mention in the extractions."""
    out = []
    for path in paths:
        data = read_extraction_json(path)
        for rec in data["records"]:
            for m in rec.get("agency_mentions", []):
                if not m.get("agency_id") and m.get("method") != "generic" \
                        and clean(m.get("mention", "")):
                    out.append((clean(m["mention"]),
                                f"{Path(path).name} {rec.get('measure_id', '')}"))
    return out


def propose_agencies(paths: list[str | Path], gazetteer: Gazetteer) -> list[Proposal]:
    clusters: dict[str, Proposal] = {}
    for verbatim, where in unmatched_names(paths):
        name = clean(gazetteer.strip_modifiers(verbatim)[0]) or verbatim  # matching drops them too
        key = fingerprint(name, gazetteer)
        proposal = clusters.setdefault(key, Proposal(Counter()))
        proposal.variants[name] += 1
        proposal.seen_in.append(where)
        proposal.verbatim.update({name, verbatim})
    merged: list[tuple[str, Proposal]] = []
    for key, proposal in sorted(clusters.items(), key=lambda kv: -sum(kv[1].variants.values())):
        near = next((p for k, p in merged
                     if acronym_letters(p.name) is None and proposal.acronym is None
                     and fuzz.token_sort_ratio(k, key) >= SAME_BODY), None)
        if near is None:
            merged.append((key, proposal))
        else:
            _absorb(near, proposal)
    proposals = _pair_acronyms([p for _, p in merged], gazetteer)
    choices = {i: fold(a).lower() for i, (a, _) in enumerate(gazetteer.aliases)}
    for proposal in proposals:
        # never by a score: by the initials of a known name, or nothing
        if proposal.acronym is not None:
            known = {agency_id for alias, agency_id in gazetteer.aliases
                     if proposal.acronym in initials(alias, gazetteer)}
            proposal.suggestion = (known.pop(), "acronym") if len(known) == 1 else None
            continue
        best = process.extractOne(fold(proposal.name).lower(), choices,
                                  scorer=fuzz.token_sort_ratio)
        # a suggestion only where the words agree up to spelling (one name's words all in the
        # other's): `Ministry of Agriculture` is no alias of the Ministry of Health, however close
        # the letters
        if best and best[1] >= SUGGEST \
                and gazetteer.words_within(proposal.name, gazetteer.aliases[best[2]][1]):
            proposal.suggestion = (gazetteer.aliases[best[2]][1], round(best[1]))
    return proposals


def _absorb(into: Proposal, other: Proposal) -> None:
    into.variants.update(other.variants)
    into.seen_in.extend(other.seen_in)
    into.verbatim |= other.verbatim


def _pair_acronyms(proposals: list[Proposal], gazetteer: Gazetteer) -> list[Proposal]:
    """Each acronym joined to the one unknown long name whose initials it is (one seen in the same
    file first); an acronym that fits none, or two, stays an entry of its own."""
    spelled = [p for p in proposals if p.acronym is None]
    out = list(proposals)
    for proposal in proposals:
        letters = proposal.acronym
        if letters is None:
            continue
        fits = [p for p in spelled if any(letters in initials(v, gazetteer) for v in p.verbatim)]
        near = [p for p in fits if p.files() & proposal.files()]
        if len(near or fits) == 1:
            _absorb((near or fits)[0], proposal)
            out.remove(proposal)
    return out


def proposal_id(name: str, taken: set[str]) -> str:
    base = "_".join(re.findall(r"\w+", fold(name).lower()))[:60] or "agency"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}_{n}", n + 1
    taken.add(candidate)
    return candidate


def proposals_csv(proposals: list[Proposal]) -> str:
    """The proposals as a gazetteer CSV: `annex extract --agencies` reads its id, name and
    aliases."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=PROPOSAL_COLUMNS, lineterminator="\n")
    writer.writeheader()
    taken: set[str] = set()
    for p in proposals:
        suggestion = "" if not p.suggestion else f"maybe the acronym of {p.suggestion[0]}" \
            if p.suggestion[1] == "acronym" \
            else f"maybe an alias of {p.suggestion[0]}, {p.suggestion[1]:g}"
        writer.writerow({"id": proposal_id(p.name, taken), "name": p.name,
                         "aliases": "|".join(p.aliases),
                         "suggestion": suggestion, "count": sum(p.variants.values()),
                         "seen_in": "; ".join(dict.fromkeys(p.seen_in))})
    return buf.getvalue()
