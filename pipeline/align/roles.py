"""Each cell checked against its column's role (issue 39): a piece of a cell that reads as another
column's better than as its own is flagged `cell_role_mismatch`.

A piece is a paragraph of a measure, deadline or result cell, or a name of an agency cell the
gazetteer does not know.  Each piece is scored for each role, 0..1:

* **timeframe**: the deadline grammar reads it whole (1), else a deadline cell's piece is still
  probably one (`UNREAD_DEADLINE`);
* **agencies**: the share of its letters in names the gazetteer knows (1 for a name it knows,
  `BODY_SHAPED` for an unknown name shaped as a body's, 0 for a piece that is no body);
* **measure**: it reads as an action: its first word is a verb that orders one (`Develop`,
  `Провести`), or a step's item number leads it (`2. Согласование ...`); a noun of action
  (`Development`, `Проведение`) or a word that may be a verb (English: a lemma of an `-ed` form,
  `Consult`) is weak evidence, enough for a measure to be one, never to take a piece from
  another column;
* **indicator**: it reads as a result: a participle after a short subject (`campaigns
  conducted`, `проведены`), a count or a share (`number of`, `доля`, `%`).

The cues are data (`data/cell_roles.csv`: language, role (`measure`: an action; `indicator`: a
result), where in the piece, word, ending, phrase or lemma, strong or weak).  A measure's or
result's own score is at least `FREE_TEXT`: text with no cue is still text.  A piece is flagged
only where another role scores at least `FITS` and beats its own by `MARGIN`: the check is meant
to be quiet on a plan read right.
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from ..contract import MISMATCH, Flag
from ..data import builtin
from ..enums import FlagName
from ..lexical import lemma_table
from ..model import Role
from ..normalize.agencies import Gazetteer
from ..normalize.text import clean, fold
from ..normalize.timeframes import parse_timeframe

FITS = 0.9  # a role a piece fits: scored at least this
MARGIN = 0.5  # ... and this much above the role of the column it stands in
FREE_TEXT = 0.4  # a measure's or result's own score with no cue: text where text is expected
UNREAD_DEADLINE = 0.4  # a deadline cell's piece the grammar does not read: still probably one
BODY_SHAPED = 0.8  # an unknown name shaped as a body's (`agency_new_body`)
WEAK, STRONG = 0.7, 1.0
TOP = 1.0  # no role's score is above it (a share, a cue's strength, a deadline read or not)
STEP_ITEM = 0.9  # a piece led by an item number and words: a step's or a measure's text
STEM = 3  # letters a word keeps before an ending for the ending to count
ENDING = 2  # letters of an ending that a word's other forms change (`комиссия`, `комиссии`)
TITLE = 0.6  # a piece whose longer words are this share capitalised or more is a title, a name
EARLY = 5  # `early` words: the 2nd to the 5th (a result's participle follows a short subject)
_ITEM = re.compile(r"^\(?\d{1,3}(?:\.\d{1,3})*[.)]\s+(?=\w)")
_INNER_ITEM = re.compile(r"(?:^|\s)\(?\d{1,3}(?:\.\d{1,3})*[.)]\s+(?=[^\W\d_])")  # `... 2. Agree`
_WORD = re.compile(r"[^\W\d_]+")
ROLE_NAMES = {Role.MEASURE: "measure", Role.TIMEFRAME: "timeframe", Role.AGENCIES: "agencies",
              Role.INDICATOR: "indicator"}


@dataclass(frozen=True)
class Cue:
    where: str  # first | early | later | any: the first word, the 2nd to 5th, any after the first
    form: str  # word | ending | phrase | lemma_of (a lemma of words with this ending: `ed`)
    text: str
    score: float
    lang: str = ""

    def found(self, words: list[str], folded: str) -> bool:
        if self.form == "phrase":
            return _phrase(self.text).search(folded) is not None \
                if self.text[:1].isalnum() else self.text in folded
        scopes = {"first": words[:1], "early": words[1:EARLY], "later": words[1:]}
        scope = scopes.get(self.where, words)
        if self.form == "word":
            return self.text in scope
        if self.form == "lemma_of":
            return any(w in lemmas_of(self.lang, self.text) for w in scope)
        return any(w.endswith(self.text) and len(w) - len(self.text) >= STEM for w in scope)


@lru_cache(maxsize=None)
def _phrase(text: str) -> re.Pattern:
    """A phrase cue's text as a whole-word search, compiled once (a cue is tried on every piece)."""
    return re.compile(r"(?<!\w)" + re.escape(text) + r"(?!\w)")


@lru_cache(maxsize=None)
def lemmas_of(lang: str, ending: str) -> frozenset[str]:
    """The lemmas the language's lemma table gives words with this ending (English `ed`: verbs)."""
    table = lemma_table(lang)
    # a set built in place: a generator's step per word of the table cost twice as much
    return frozenset({lemma.lower() for word, lemma in table.items() if word.endswith(ending)})


@lru_cache(maxsize=None)
def cues(lang: str) -> dict[str, tuple[Cue, ...]]:
    """The cues of an action (a measure's) and of a result (an indicator's) in one language
    (`data/cell_roles.csv`), by role."""
    rows = builtin("cell_roles.csv", ("lang", "role", "where", "form", "text", "strength"))
    out: dict[str, list[Cue]] = {Role.MEASURE.value: [], Role.INDICATOR.value: []}
    for r in rows:
        if r["lang"] == lang:
            score = STRONG if r["strength"] == "strong" else WEAK
            out[r["role"]].append(Cue(r["where"], r["form"], r["text"].lower(), score, lang))
    return {role: tuple(found) for role, found in out.items()}


@lru_cache(maxsize=4096)
def _cue_score(text: str, lang: str, role: str) -> float:
    """The strongest cue of `role` in `text` (memoised: a row's pieces are scored for each role
    they might fit, and a plan repeats its phrases)."""
    folded = fold(text).lower()
    words = _WORD.findall(_ITEM.sub("", folded.strip()))
    return max((c.score for c in cues(lang)[role] if c.found(words, folded)), default=0.0)


def _title_cased(text: str) -> bool:
    words = [w for w in _WORD.findall(text) if len(w) > STEM]
    return len(words) >= STEM and sum(w[0].isupper() for w in words) >= TITLE * len(words)


class RoleScores:
    """How well a piece of text fits each column's role, in one language."""

    def __init__(self, gazetteer: Gazetteer, lang: str, period: tuple[int, int] | None = None):
        self.gazetteer, self.lang, self.period = gazetteer, lang, period
        # each text's score as a deadline: a plan's deadline cells say the same few things
        self._timeframes: dict[str, float] = {}

    def timeframe(self, text: str) -> float:
        score = self._timeframes.get(text)
        if score is None:
            score = self._timeframes[text] = 1.0 if parse_timeframe(text, self.period).ok else 0.0
        return score

    def agencies(self, text: str) -> float:
        """The share of its letters in names the gazetteer knows, whole names only."""
        return self.gazetteer.coverage(text, partial=False)

    def action(self, text: str, items: bool = True) -> float:
        """With `items`, a piece led by an item number reads as a step's or a measure's text (not
        so in a result cell: results are listed by number too)."""
        lead = STEP_ITEM if items and _INNER_ITEM.search(clean(text)) else 0.0
        return max(lead, _cue_score(text, self.lang, Role.MEASURE.value))

    def result(self, text: str) -> float:
        """A title (`Results Oriented Accountability for Grants`: its words mostly capitalised)
        is a name, not a sentence: its participles say no result."""
        return 0.0 if _title_cased(text) else _cue_score(text, self.lang, Role.INDICATOR.value)

    def others(self, role: Role, text: str) -> dict[Role, float]:
        """The piece's scores for the roles other than its column's that it may be taken from;
        a deadline cell's piece is not scored as a result (`after the law is adopted` is a
        deadline)."""
        out = {Role.TIMEFRAME: self.timeframe, Role.AGENCIES: self.agencies,
               Role.MEASURE: lambda t: self.action(t, items=role != Role.INDICATOR),
               Role.INDICATOR: self.result}
        skip = {role} | ({Role.INDICATOR} if role == Role.TIMEFRAME else set())
        return {r: score(text) for r, score in out.items() if r not in skip}

    def own(self, role: Role, text: str) -> float:
        if role == Role.TIMEFRAME:
            return self.timeframe(text) or UNREAD_DEADLINE
        if role == Role.MEASURE:
            return max(FREE_TEXT, self.action(text))
        return max(FREE_TEXT, self.result(text))


@dataclass(frozen=True)
class Mismatch:
    piece: str
    role: Role  # the column it stands in
    fits: Role  # the role it fits better
    own: float
    other: float

    echo: str = ""  # the words of the `fits` cell the piece repeats, if that is the evidence

    def flag(self) -> Flag:
        role, fits = ROLE_NAMES[self.role], ROLE_NAMES[self.fits]
        detail = (f"'{self.piece}' in the {role} cell repeats the {fits} cell's '{self.echo}'"
                  if self.echo else f"'{self.piece}' in the {role} cell reads as {fits} "
                  f"({self.other:.2f} against {self.own:.2f})")
        return Flag(FlagName.CELL_ROLE_MISMATCH, MISMATCH, detail)


def _may_be_beaten(own: float) -> bool:
    """Can any role beat a piece's own by `MARGIN`?  No score is above `TOP`: a piece whose own
    scores more than `TOP - MARGIN` stays, and the other roles need not be scored (the gazetteer's
    look-up of a sentence is the dearest question here)."""
    return own <= TOP - MARGIN


def _better(role: Role, piece: str, own: float, others: dict[Role, float]) -> Mismatch | None:
    fits, other = max(others.items(), key=lambda kv: kv[1], default=(role, 0.0))
    if other >= FITS and other - own >= MARGIN:
        return Mismatch(clean(piece), role, fits, own, other)
    return None


def cell_mismatches(scores: RoleScores, cells: Mapping[Role, Iterable[str]],
                    marked: bool = False) -> list[Mismatch]:
    """The pieces of measure, deadline and result cells (`cells`: each role's paragraphs' texts)
    that fit another role better than their own; where the file marks the cells (`marked`: a
    Word or HTML table's), not one that the row's cell of that role says word for word (`_said`:
    a result cell that repeats its row's deadline, `Тұрақты түрде` under `Тұрақты түрде`: that
    column holds it already; in a flattened text it may be the next row's same deadline)."""
    out = []
    cells = {role: list(pieces) for role, pieces in cells.items()}
    for role, pieces in cells.items():
        for piece in pieces:
            if not re.search(r"\w", piece):
                continue
            own = scores.own(role, piece)
            beaten = _may_be_beaten(own)
            found = _better(role, piece, own, scores.others(role, piece)) if beaten else None
            if found and not (marked and _said(piece, cells.get(found.fits, []))):
                out.append(found)
    return out


def _said(piece: str, cell: Iterable[str]) -> bool:
    """Is a piece word for word a paragraph of `cell` (case aside)?"""
    return _words(piece) in [_words(text) for text in cell]


def agency_mismatches(scores: RoleScores, unknown: Iterable[tuple[str, bool]]) -> list[Mismatch]:
    """The names of an agency cell the gazetteer does not know (each with whether it is
    body-shaped) that fit another role better: a deadline, a step's text, a result."""
    out = []
    for piece, body_shaped in unknown:
        own = BODY_SHAPED if body_shaped else 0.0
        beaten = _may_be_beaten(own)
        found = _better(Role.AGENCIES, piece, own, scores.others(Role.AGENCIES, piece)) \
            if beaten else None
        if found:
            out.append(found)
    return out



def _pairs(text: str, skip: int = 0) -> list[tuple[str, str]]:
    """The piece's pairs of neighbouring words, one of them longer than `STEM`; none of its first
    `skip` words only."""
    words = _WORD.findall(fold(clean(text)))
    return [(a, b) for k, (a, b) in enumerate(zip(words, words[1:]))
            if max(len(a), len(b)) > STEM and k + 1 >= skip]


def _lead(name: list[str], words: list[str]) -> int:
    """How many of a name's first words (as written) `words` says in a row, the first (capitalised
    in the name: its own head word, not a sentence's word run on into the cell) said in lower
    case and in any ending (`комиссии` for `Комиссия`: `_same_stem`); 0 where it is not said so."""
    if not name or not name[0][:1].isupper():
        return 0
    best = 0
    lower = [w.lower() for w in name]
    for k, word in enumerate(words):
        if not word[:1].islower() or not _same_stem(word, lower[0]):
            continue
        n = 1
        while n < len(name) and k + n < len(words) and words[k + n].lower() == lower[n]:
            n += 1
        best = max(best, n)
    return best


def _same_stem(a: str, b: str) -> bool:
    """The same word, or one in another ending: more than `STEM` letters shared from the start,
    and at most `ENDING` letters of either after them."""
    shared = len(os.path.commonprefix([a, b]))
    return a == b or (shared > STEM and max(len(a), len(b)) - shared <= ENDING)


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(fold(clean(text)))]


def _holds_run(words: list[str], run: list[str]) -> bool:
    """`run` stands in `words`, in a row."""
    return bool(run) and any(words[k:k + len(run)] == run for k in range(len(words)))


def _lower(pair: tuple[str, str]) -> tuple[str, str]:
    return pair[0].lower(), pair[1].lower()


def _as_text(pair: tuple[str, str]) -> bool:
    """Words said as text, not as a name: one of them lower-case."""
    return not (pair[0][:1].isupper() and pair[1][:1].isupper())


def agency_echoes(body_shaped: Iterable[str], cells: Mapping[Role, Iterable[str]]
                  ) -> list[Mismatch]:
    """The unknown names of an agency cell shaped as a body's that repeat two neighbouring words
    the row's measure or result says too (`cells`: each role's paragraphs' texts), one of them
    lower-case in both: a name read with another column's words in it (columns told apart
    wrong), not a new body.  A measure may name a body (`Transfer it to the CDO council`): the
    name's own words are capitalised in the name; or it names it whole, every word of the name
    in a row (`The Scottish government broadly endorses ...` beside `Scottish government`); or
    by its first words, the first in any ending (`заседаний комиссии по противодействию
    коррупции` beside `Комиссия по противодействию коррупции УП «МИНГАЗ»`: `_lead`), whose
    pairs are then no echo."""
    pieces = list(body_shaped)
    if not pieces:  # most rows: every name known
        return []
    said: dict[Role, set[tuple[str, str]]] = {
        role: {_lower(pair) for text in texts for pair in _pairs(text) if _as_text(pair)}
        for role, texts in cells.items() if role in (Role.MEASURE, Role.INDICATOR)}
    written = [_WORD.findall(fold(clean(text))) for role, texts in cells.items()
               if role in (Role.MEASURE, Role.INDICATOR) for text in texts]
    found = (_echo(piece, written, said) for piece in pieces)
    return [m for m in found if m is not None]


def _echo(piece: str, written: list[list[str]], said: Mapping[Role, set[tuple[str, str]]]
          ) -> Mismatch | None:
    """The first pair of neighbouring words of a name that a cell says as text (`said`, per
    role), past the first words the cells name it by (`written`: their words as written)."""
    named = [[w.lower() for w in words] for words in written]
    if any(_holds_run(words, _words(piece)) for words in named):
        return None  # the measure names the body, all its words (`The Scottish government ...`)
    lead = max((_lead(_WORD.findall(fold(clean(piece))), words) for words in written), default=0)
    own = [_lower(pair) for pair in _pairs(piece, lead) if _as_text(pair)]
    for role, pairs in said.items():
        echo = next((pair for pair in own if pair in pairs), None)
        if echo:
            return Mismatch(clean(piece), Role.AGENCIES, role, BODY_SHAPED, 1.0, " ".join(echo))
    return None
