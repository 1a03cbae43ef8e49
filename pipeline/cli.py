"""The `annex` command: a thin layer over the library.

    annex extract INPUT... [-o DIR] [--strict] [--agencies FILE]
    annex eval PRED GOLD [--json]            (exit 1 when PRED differs from GOLD)
    annex diff OLD NEW [--format md|json|csv|html] [-o FILE]

Bad input (`DocumentLoadError` and friends) is one line on stderr and exit
code 2; nothing is written for any input unless every input was read.
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from .errors import PipelineError


def _extract(args: argparse.Namespace) -> int:
    from .extract import extract
    from .normalize.agencies import Gazetteer
    from .writers import output_stem, write_extraction

    gazetteer = Gazetteer.load(args.agencies)
    results = [extract(path, gazetteer, strict=args.strict) for path in args.inputs]
    stems = [output_stem(ex.source.file, ex.source.format) for ex in results]
    clash = [s for s in set(stems) if stems.count(s) > 1]
    if clash:
        raise PipelineError(f"two inputs would write the same output '{clash[0]}.csv'; extract them to separate -o folders")
    for ex in results:
        paths = write_extraction(ex, args.output)
        note = f", {len(ex.unplaced)} unplaced" if ex.unplaced else ""
        print(f"{ex.source.file}: {len(ex.records)} rows{note} -> {paths[0]}", file=sys.stderr)
        for para, why in ex.unplaced:
            logging.warning("%s: unplaced paragraph (%s): %s", ex.source.file, why, para.text[:60])
    return 0


def _eval(args: argparse.Namespace) -> int:
    from .evaluate import evaluate

    report = evaluate(args.pred, args.gold)
    print(json.dumps(report.to_dict(), indent=1) if args.json else report.to_text())
    return 0 if report.perfect else 1


def _diff(args: argparse.Namespace) -> int:
    from .diff import diff_files
    from .diffreport import RENDERERS
    from .normalize.agencies import Gazetteer
    from .writers import write_files_atomically

    fmt = args.format or ("md" if sys.stdout.isatty() else "json")
    result = diff_files(args.old, args.new, Gazetteer.load(args.agencies))
    text = RENDERERS[fmt](result)
    if args.output:
        out = Path(args.output)
        write_files_atomically({out.name: text}, out.parent if str(out.parent) else Path("."))
    else:
        sys.stdout.write(text)
    return 0 if result.same else 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="annex", description="Turn an action-plan annex into clean data.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log decisions and warnings")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="extract one CSV/JSON per input (text, docx, html, pdf)")
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    p.add_argument("-o", "--output", default="extracted", metavar="DIR", help="output folder (default: extracted)")
    p.add_argument("--strict", action="store_true", help="fail (exit 2) if any paragraph cannot be placed")
    p.add_argument("--agencies", metavar="FILE", help="your own gazetteer CSV (columns id,name[,aliases])")
    p.set_defaults(func=_extract)

    p = sub.add_parser("diff", help="compare two versions (or a version and its translation), measure by measure")
    p.add_argument("old", metavar="OLD", help="any source the readers accept, or an extracted .json")
    p.add_argument("new", metavar="NEW")
    p.add_argument("--format", choices=["md", "json", "csv", "html"],
                   help="default: md on a terminal, json otherwise")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    p.add_argument("--agencies", metavar="FILE", help="your own gazetteer CSV (columns id,name[,aliases])")
    p.set_defaults(func=_diff)

    p = sub.add_parser("eval", help="score an extraction against a gold file")
    p.add_argument("pred", metavar="PRED")
    p.add_argument("gold", metavar="GOLD")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(func=_eval)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="annex: %(message)s")
    try:
        return args.func(args)
    except PipelineError as exc:
        print(f"annex: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
