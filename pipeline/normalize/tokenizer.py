"""spaCy's rule-based tokenizer, without importing spaCy.

Importing spaCy costs about a second, more than reading a whole Word annex.  The
tokenizer of a blank spaCy pipeline is rules (prefix, suffix and infix patterns, special
cases) applied by a short algorithm; the rules are exported from spaCy into
`data/tokenizer_<lang>.json` by `tools/export_tokenizer_rules.py`, and the algorithm is
spaCy's `Tokenizer._tokenize_affixes`, `_split_affixes` and `_attach_tokens`, followed step
by step.  `tests/test_tokenizer.py` checks that the exported rules equal the installed
spaCy's and that the tokens equal spaCy's on every source, fixture and generated annex.

Left out: spaCy's last pass, which re-applies a special case whose text was cut across
affixes (an emoticon glued to a word).  No name or measure depends on it; the test
would show one that did.
"""
from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..data import data_path


@dataclass(frozen=True)
class Token:
    text: str
    idx: int  # character offset in the tokenized text

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_space(self) -> bool:
        return self.text.isspace()

    @property
    def is_punct(self) -> bool:  # as spaCy's lexical attribute: every character is punctuation
        return all(unicodedata.category(c).startswith("P") for c in self.text)

    @property
    def is_alpha(self) -> bool:
        return self.text.isalpha()


# -- the rules' patterns, compiled ahead -----------------------------------------------------------
#
# Compiling spaCy's patterns (character classes of hundreds of ranges) costs a tenth of a second per
# process, more than tokenizing a whole annex.  `re` turns a pattern into a list of codes for its
# matching engine; `tools/export_tokenizer_rules.py` stores those lists
# (`data/tokenizer_code.json`), for the Python that wrote them (its version, the engine's MAGIC
# number, the byte order), and a run on that Python hands them to the engine as `re.compile`
# itself does.  On any other Python, or for a pattern not stored, `re.compile`.
# `tests/test_tokenizer.py` checks the stored lists against what `re` compiles.

CODE_FILE = "tokenizer_code.json"
PIECES_MEMO = 200_000  # chunks whose tokens a tokenizer remembers, at most


def engine() -> dict:
    """What a stored compilation is valid for: this Python's regular-expression engine."""
    import _sre  # type: ignore[import-not-found]
    import sys

    return {"python": list(sys.version_info[:2]), "magic": _sre.MAGIC, "codesize": _sre.CODESIZE,
            "byteorder": sys.byteorder}


def pattern_key(pattern: str, flags: int) -> str:
    return hashlib.sha256(f"{flags}:{pattern}".encode()).hexdigest()[:24]


def compiled_code(pattern: str, flags: int) -> list:
    """What `re.compile(pattern, flags)` hands its engine: flags, codes, groups (as `re`'s
    compiler)."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return [flags | parsed.state.flags, _compiler._code(parsed, flags), parsed.state.groups - 1,
            groupindex, indexgroup]


@lru_cache(maxsize=None)
def _stored() -> dict[str, list]:
    path = data_path(CODE_FILE)
    if not path.exists():
        return {}
    stored = json.loads(path.read_text(encoding="utf-8"))
    return stored["patterns"] if stored.get("engine") == engine() else {}


def compile_rule(pattern: str, flags: int = re.UNICODE) -> re.Pattern:
    """`re.compile(pattern, flags)`, from the stored compilation when it is this engine's."""
    stored = _stored().get(pattern_key(pattern, flags))
    if stored is not None:
        import _sre

        final, code, groups, groupindex, indexgroup = stored
        return _sre.compile(pattern, final, code, groups, groupindex, tuple(indexgroup))
    return re.compile(pattern, flags)


class Tokenizer:
    def __init__(self, rules: dict):
        self.prefix = compile_rule(rules["prefix"]).search
        self.suffix = compile_rule(rules["suffix"]).search
        self.infixes = compile_rule(rules["infix"]).finditer
        self.url = compile_rule(rules["url"]).match if rules["url"] else None
        self.token = compile_rule(rules["token"]).match if rules["token"] else None
        self.specials: dict[str, list[str]] = rules["specials"]
        self.stop_words = frozenset(rules["stop_words"])
        # chunk -> its tokens' texts (a chunk's tokens are its own)
        self._pieces: dict[str, tuple[str, ...]] = {}

    @classmethod
    @lru_cache(maxsize=None)
    def load(cls, lang: str) -> "Tokenizer":
        return cls(json.loads(data_path(f"tokenizer_{lang}.json").read_text(encoding="utf-8")))

    def __call__(self, text: str) -> list[Token]:
        tokens: list[Token] = []
        for begin, end in self._chunks(text):
            at = begin
            chunk = text[begin:end]
            pieces = self._pieces.get(chunk)
            if pieces is None:
                pieces = tuple(self._chunk(chunk))
                if len(self._pieces) < PIECES_MEMO:
                    self._pieces[chunk] = pieces
            for piece in pieces:  # the pieces of a chunk make up the chunk
                tokens.append(Token(piece, at))
                at += len(piece)
        return tokens

    @staticmethod
    def _chunks(text: str) -> list[tuple[int, int]]:
        """(start, end) of each run of space and non-space; a plain space that ends a
        non-space run belongs to it (spaCy's trailing space), so it is no token."""
        out = []
        start, in_space = 0, text[:1].isspace()
        for i, char in enumerate(text):
            if char.isspace() != in_space:
                if start < i:
                    out.append((start, i))
                start = i + 1 if char == " " else i
                in_space = not in_space
        if start < len(text):
            out.append((start, len(text)))
        return out

    def _chunk(self, string: str) -> list[str]:
        if string in self.specials:
            return list(self.specials[string])
        prefixes, string, suffixes = self._split_affixes(string)
        return prefixes + self._attach(string) + suffixes[::-1]

    def _find_prefix(self, string: str) -> int:
        match = self.prefix(string)
        return match.end() - match.start() if match else 0

    def _find_suffix(self, string: str) -> int:
        match = self.suffix(string)
        return match.end() - match.start() if match else 0

    def _split_affixes(self, string: str) -> tuple[list[str], str, list[str]]:
        prefixes: list[str] = []
        suffixes: list[str] = []
        last_size = -1
        while string and len(string) != last_size:
            if self.token and self.token(string):
                break
            if string in self.specials:
                break
            last_size = len(string)
            pre_len = self._find_prefix(string)
            if pre_len:
                prefix, minus_pre = string[:pre_len], string[pre_len:]
                if minus_pre and minus_pre in self.specials:
                    string = minus_pre
                    prefixes.append(prefix)
                    break
            suf_len = self._find_suffix(string[pre_len:])
            if suf_len:
                suffix, minus_suf = string[-suf_len:], string[:-suf_len]
                if minus_suf and minus_suf in self.specials:
                    string = minus_suf
                    suffixes.append(suffix)
                    break
            if pre_len and suf_len and pre_len + suf_len <= len(string):
                string = string[pre_len:-suf_len]
                prefixes.append(prefix)
                suffixes.append(suffix)
            elif pre_len:
                string = minus_pre
                prefixes.append(prefix)
            elif suf_len:
                string = minus_suf
                suffixes.append(suffix)
            if string and string in self.specials:
                break
        return prefixes, string, suffixes

    def _attach(self, string: str) -> list[str]:
        if not string:
            return []
        if string in self.specials:
            return list(self.specials[string])
        if (self.token and self.token(string)) or (self.url and self.url(string)):
            return [string]
        out, start = [], 0
        for match in self.infixes(string):
            if match.start() == 0:
                continue
            if match.start() != start:
                out.append(string[start:match.start()])
            if match.start() != match.end():
                out.append(string[match.start():match.end()])
            start = match.end()
        if string[start:]:
            out.append(string[start:])
        return out
