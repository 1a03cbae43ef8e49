"""Write spaCy's tokenizer rules for the languages the pipeline tokenizes without spaCy.

    python tools/export_tokenizer_rules.py

writes `pipeline/data/tokenizer_<lang>.json`: the prefix, suffix, infix and URL patterns
and the special cases (string -> the texts of its tokens) of `spacy.blank(lang)`, and for
English the stop words; and `pipeline/data/tokenizer_code.json`, the patterns as `re` compiles
them on the Python that runs this (a run on that Python need not compile them again).
`pipeline/normalize/tokenizer.py` applies them with spaCy's own algorithm, so that a run needs
no spaCy import (about a second).  `tests/test_tokenizer.py` checks that the files still equal
what the installed spaCy has, and what `re` compiles, and that the tokens agree.
"""
import json
import re
import sys
from pathlib import Path

import spacy
from spacy.attrs import ORTH

from pipeline.normalize.tokenizer import CODE_FILE, compiled_code, engine, pattern_key

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("xx", "en", "ru")


def rules(lang: str) -> dict:
    nlp = spacy.blank(lang)
    tok = nlp.tokenizer
    out = {
        "spacy": spacy.__version__,
        "prefix": tok.prefix_search.__self__.pattern,
        "suffix": tok.suffix_search.__self__.pattern,
        "infix": tok.infix_finditer.__self__.pattern,
        "url": tok.url_match.__self__.pattern if tok.url_match else None,
        "token": tok.token_match.__self__.pattern if tok.token_match else None,
        "specials": {text: [piece[ORTH] for piece in pieces]
                     for text, pieces in sorted(tok.rules.items())},
        "stop_words": sorted(nlp.Defaults.stop_words),
    }
    return out


def patterns(lang_rules: list[dict]) -> dict:
    """The compilation `re` makes of every pattern of the rules, for this Python
    (`normalize.tokenizer.compile_rule`)."""
    out = {}
    for found in lang_rules:
        for name in ("prefix", "suffix", "infix", "url", "token"):
            if found[name]:
                out[pattern_key(found[name], re.UNICODE)] = compiled_code(found[name], re.UNICODE)
    return {"engine": engine(), "patterns": dict(sorted(out.items()))}


def main() -> int:
    data = ROOT / "pipeline" / "data"
    exported = []
    for lang in LANGS:
        path = data / f"tokenizer_{lang}.json"
        exported.append(rules(lang))
        path.write_text(json.dumps(exported[-1], ensure_ascii=False, indent=0) + "\n",
                        encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}", file=sys.stderr)
    path = data / CODE_FILE
    path.write_text(json.dumps(patterns(exported), separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
