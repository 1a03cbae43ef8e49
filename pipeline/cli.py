"""The `annex` command: a thin layer over the library.

    annex extract INPUT... [-o DIR] [--strict] [--agencies FILE | --agencies-only FILE]
    annex eval PRED GOLD [--json]            (exit 1 when PRED differs from GOLD)
    annex diff OLD NEW [--format md|json|csv|html] [-o FILE] [--agencies FILE | --agencies-only FILE]
    annex agencies EXTRACTION.json... [-o FILE]   (unmatched names -> a gazetteer CSV to edit)

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


def _gazetteer(args: argparse.Namespace):
    from .normalize.agencies import Gazetteer

    return Gazetteer.load(args.agencies_only, extend=args.agencies or [])


def _extract(args: argparse.Namespace) -> int:
    from .extract import extract
    from .writers import output_stem, write_extraction

    gazetteer = _gazetteer(args)
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
    from .writers import write_files_atomically

    fmt = args.format or ("md" if sys.stdout.isatty() else "json")
    result = diff_files(args.old, args.new, _gazetteer(args))
    text = RENDERERS[fmt](result)
    if args.output:
        out = Path(args.output)
        write_files_atomically({out.name: text}, out.parent if str(out.parent) else Path("."))
    else:
        sys.stdout.write(text)
    return 0 if result.same else 1


def _agencies(args: argparse.Namespace) -> int:
    from .proposals import propose_agencies, proposals_csv
    from .writers import write_files_atomically

    proposals = propose_agencies(args.extractions, _gazetteer(args))
    text = proposals_csv(proposals)
    if args.output:
        out = Path(args.output)
        write_files_atomically({out.name: text}, out.parent if str(out.parent) else Path("."))
    else:
        sys.stdout.write(text)
    mentions = sum(sum(p.variants.values()) for p in proposals)
    print(f"{mentions} unmatched mention(s) in {len(proposals)} proposed entr{'y' if len(proposals) == 1 else 'ies'}"
          + (f" -> {args.output}" if args.output else ""), file=sys.stderr)
    return 0


def _gazetteer_options(p: argparse.ArgumentParser) -> None:
    group = p.add_mutually_exclusive_group()
    group.add_argument("--agencies", metavar="FILE", action="append",
                       help="grow the built-in gazetteer with your CSV (id,name[,aliases]): new agencies, or "
                            "aliases of known ids; may be given more than once")
    group.add_argument("--agencies-only", metavar="FILE", help="use your gazetteer CSV instead of the built-in one")


def build_parser() -> argparse.ArgumentParser:
    from .version import __version__

    parser = argparse.ArgumentParser(prog="annex", description="Turn an action-plan annex into clean data.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log decisions and warnings")
    parser.add_argument("--version", action="version", version=f"annex {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="extract one CSV/JSON per input (text, docx, html, pdf)")
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    p.add_argument("-o", "--output", default="extracted", metavar="DIR", help="output folder (default: extracted)")
    p.add_argument("--strict", action="store_true", help="fail (exit 2) if any paragraph cannot be placed")
    _gazetteer_options(p)
    p.set_defaults(func=_extract)

    p = sub.add_parser("diff", help="compare two versions (or a version and its translation), measure by measure")
    p.add_argument("old", metavar="OLD", help="any source the readers accept, or an extracted .json")
    p.add_argument("new", metavar="NEW")
    p.add_argument("--format", choices=["md", "json", "csv", "html"],
                   help="default: md on a terminal, json otherwise")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    _gazetteer_options(p)
    p.set_defaults(func=_diff)

    p = sub.add_parser("agencies", help="collect the unmatched agency names of extractions into a gazetteer CSV to edit")
    p.add_argument("extractions", nargs="+", metavar="EXTRACTION", help="extracted .json files")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    _gazetteer_options(p)
    p.set_defaults(func=_agencies)

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
