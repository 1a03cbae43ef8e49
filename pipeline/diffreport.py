"""Renderings of a `DiffResult`: markdown, JSON (the stable contract), CSV, one HTML page."""
from __future__ import annotations

import csv
import html
import io
import json

from .diff import DiffResult

CSV_COLUMNS = ["kind", "old_id", "new_id", "old_row", "new_row", "field", "old", "new", "added", "removed", "passed",
               "matched_by", "score", "uncertain", "objective_id", "problem_id"]
QUALITY = ["unplaced", "doubtful_rows", "judgement_rows", "unmatched_agencies"]
# each CSV row also carries both sides' quality, so no consumer can miss it
QUALITY_COLUMNS = [f"{side}_{name}" for side in ("old", "new") for name in QUALITY]

KINDS = [("added", "a measure only in the new version"),
         ("removed", "a measure only in the old version"),
         ("not_in_translation", "a measure of an objective the translation does not have at all (a partial translation)"),
         ("renumbered", "the same measure under another number"),
         ("changed", "a field of the same measure changed, with a word redline: deleted words struck out, "
                     "inserted words marked"),
         ("passed", "in an agencies change: the new body is the old one's successor in the gazetteer "
                    "(`successor_of`), so responsibility passed on rather than one body dropped and another added"),
         ("unchanged", "listed with --all only"),
         ("uncertain", "the row on either side is a judgement of the extraction (confidence below 1): check the "
                       "source before you trust the change")]


# a document's text is data, not markup: Markdown's and HTML's special characters are escaped, so that
# `<img onerror=...>` or `</script>` in a measure reaches no renderer as markup
_MD = str.maketrans({c: "\\" + c for c in "\\`*[]|~"} | {"<": "&lt;", ">": "&gt;", "&": "&amp;",
                                                         "\n": " ", "\r": " "})


def _md(text) -> str:
    return str(text if text is not None else "").translate(_MD)


def _md_redline(segments) -> str:
    parts = []
    for op, text in segments:
        text = _md(text)
        parts.append(text if op == "equal" else f"~~{text}~~" if op == "delete" else f"**{text}**")
    return " ".join(parts)


def _label(change: dict) -> str:
    old, new = change.get("old_id"), change.get("new_id")
    return str(old) if old == new else f"{old or '—'} → {new or '—'}"


def _context(c: dict) -> str:
    """Where a change stands: the objective's number and its words, then the problem's number
    (`1 Monitoring underlying problems… › 1.1`)."""
    objective = c.get("objective") or ""
    short = objective if len(objective) <= 60 else objective[:59].rstrip() + "…"
    head = f"{c.get('objective_id') or ''} {short}".strip()
    return " › ".join(x for x in (head, c.get("problem_id")) if x)


def _quality_line(side: str, version) -> str:
    q = version.quality
    return (f"| {side} | {_md(version.source.get('file'))} | {q['unplaced']} | {q['doubtful_rows']} | "
            f"{q['judgement_rows']} | {q['unmatched_agencies']} |")


def to_markdown(result: DiffResult) -> str:
    s = result.summary
    lines = [f"# {_md(result.old.source.get('file'))} → {_md(result.new.source.get('file'))}", ""]
    if result.cross_language:
        lines += [f"Languages differ ({result.old.lang} → {result.new.lang}): structure compared "
                  "(ids, timeframes, agencies, indicator present); texts are not.", ""]
    lines += ["| added | removed | not in translation | renumbered | changed | unchanged | uncertain |",
              "|---|---|---|---|---|---|---|",
              f"| {s['added']} | {s['removed']} | {s['not_in_translation']} | {s['renumbered']} | {s['changed']} | "
              f"{s['unchanged']} | {s['uncertain']} |", "",
              "Quality of what is compared:", "",
              "| side | file | paragraphs not placed | rows below 0.5 | rows with a judgement | unmatched agencies |",
              "|---|---|---|---|---|---|", _quality_line("old", result.old), _quality_line("new", result.new), ""]
    if result.same:
        lines.append("No change.")
    context = None
    for c in result.changes:
        if _context(c) != context:
            context = _context(c)
            lines += ["", f"### {_md(context)}", ""]
        head = f"- **{c['kind']}**{' (uncertain)' if c['uncertain'] else ''} {_md(_label(c))}"
        if c["kind"] == "added":
            lines.append(f"{head}: {_md(c['new'])}")
        elif c["kind"] in ("removed", "not_in_translation"):
            lines.append(f"{head}: {_md(c['old'])}")
        elif c["kind"] == "unchanged":
            lines.append(f"{head}: {_md(c['measure'])}")
        elif c["kind"] == "renumbered":
            lines.append(f"{head} (matched by {c['matched_by']}, score {c['score']})")
        elif c["field"] == "agencies":
            moves = [f"+ {_md(n)}" for n in c["added_names"]] + [f"− {_md(n)}" for n in c["removed_names"]] + \
                [f"{_md(a)} → {_md(b)} (responsibility passed to the successor body)"
                 for a, b in c.get("passed_names", [])]
            lines.append(f"{head} agencies: {'; '.join(moves)}")
        elif c["field"] == "timeframe":
            lines.append(f"{head} timeframe: '{_md(c['old'])}' → '{_md(c['new'])}' "
                         f"({_md('/'.join(c['old_normalized']))} → {_md('/'.join(c['new_normalized']))})")
        elif "redline" in c:
            lines.append(f"{head} {c['field']}: {_md_redline(c['redline'])}")
        else:
            lines.append(f"{head} {_md(c['field'])}: {_md(c.get('change', 'changed'))}")
    for a in result.ambiguous:
        lines.append(f"- **ambiguous pairing** {_md(a['old_id'])} → {_md(a['new_id'])}: score {a['score']}, "
                     f"runner-up {a['runner_up_score']}")
    lines += ["", "Legend:", ""] + [f"- **{kind}**: {text}" for kind, text in KINDS]
    return "\n".join(lines) + "\n"


def to_json(result: DiffResult) -> str:
    return json.dumps(result.to_json(), ensure_ascii=False, indent=1) + "\n"


def to_csv(result: DiffResult) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS + QUALITY_COLUMNS, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    quality = {f"old_{k}": v for k, v in result.old.quality.items()} | \
        {f"new_{k}": v for k, v in result.new.quality.items()}
    for c in result.changes:
        row = {k: ("" if c.get(k) is None else c.get(k)) for k in CSV_COLUMNS}
        row["added"] = "; ".join(c.get("added", []) or [])
        row["removed"] = "; ".join(c.get("removed", []) or [])
        row["passed"] = "; ".join(f"{a} -> {b}" for a, b in c.get("passed", []) or [])
        row["uncertain"] = "true" if c["uncertain"] else ""
        writer.writerow(row | quality)
    return buf.getvalue()


CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1b1b1b}
h1{font-size:1.3rem} table{border-collapse:collapse;width:100%;margin:1rem 0}
th,td{border:1px solid #ccc;padding:.4rem .6rem;vertical-align:top;text-align:left}
th{background:#f3f3f3} .summary td{text-align:center;font-size:1.2rem}
del{background:#fdd;text-decoration:line-through} ins{background:#dfd;text-decoration:none}
.kind{font-weight:600;white-space:nowrap} .added{color:#16632c} .removed{color:#a11} .renumbered{color:#7a4b00}
.note{color:#555} .unchanged{color:#555} .not_in_translation{color:#555} .absent{color:#555;font-style:italic}
.uncertain{background:#fff4d6} .badge{font-size:.8em;border:1px solid #b58900;border-radius:3px;padding:0 .3em;color:#7a5c00}
.context td{background:#f7f7fb;font-weight:600} dl.legend{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}
dl.legend dt{font-weight:600} .warn{color:#a11;font-weight:600}
@media print{body{margin:0} tr{break-inside:avoid}}
"""


def _html_redline(segments, side: str) -> str:
    out = []
    for op, text in segments:
        t = html.escape(text)
        if op == "equal":
            out.append(t)
        elif op == "delete" and side == "old":
            out.append(f"<del>{t}</del>")
        elif op == "insert" and side == "new":
            out.append(f"<ins>{t}</ins>")
    return " ".join(out)


def _cells(c: dict) -> tuple[str, str]:
    esc = html.escape
    if c["kind"] == "added":
        return "", f"<ins>{esc(c['new'])}</ins>"
    if c["kind"] == "not_in_translation":  # not deleted: the translation has none of this objective
        return f"<span class=absent>{esc(c['old'])}</span>", "<span class=note>(not in the translation)</span>"
    if c["kind"] == "removed":
        return f"<del>{esc(c['old'])}</del>", ""
    if c["kind"] == "unchanged":
        return esc(c.get("measure", "")), esc(c.get("measure", ""))
    if c["kind"] == "renumbered":
        text = f" <span class=note>{esc(c.get('measure', ''))}</span>"
        return f"<del>{esc(str(c['old_id']))}</del>{text}", f"<ins>{esc(str(c['new_id']))}</ins>{text}"
    if c["field"] == "agencies":
        passed = c.get("passed_names", [])
        return ("".join(f"<del>{esc(n)}</del><br>" for n in c["removed_names"]) +
                "".join(f"{esc(a)} <span class=note>(passed on)</span><br>" for a, _ in passed),
                "".join(f"<ins>{esc(n)}</ins><br>" for n in c["added_names"]) +
                "".join(f"{esc(b)} <span class=note>(successor of {esc(a)})</span><br>" for a, b in passed))
    if c["field"] == "timeframe":
        return (f"<del>{esc(c['old'])}</del> <span class=note>({esc('/'.join(c['old_normalized']))})</span>",
                f"<ins>{esc(c['new'])}</ins> <span class=note>({esc('/'.join(c['new_normalized']))})</span>")
    if "redline" in c:
        return _html_redline(c["redline"], "old"), _html_redline(c["redline"], "new")
    return esc(c.get("old", "")), esc(c.get("new", ""))


def _quality_rows(result: DiffResult) -> str:
    esc = html.escape
    rows = []
    for side, version in (("old", result.old), ("new", result.new)):
        q = version.quality
        warn = " class=warn" if q["unplaced"] else ""
        rows.append(f"<tr id=quality-{side}><td>{side}</td><td>{esc(str(version.source.get('file')))}</td>"
                    f"<td{warn}>{q['unplaced']}</td><td>{q['doubtful_rows']}</td><td>{q['judgement_rows']}</td>"
                    f"<td>{q['unmatched_agencies']}</td></tr>")
    return "".join(rows)


def to_html(result: DiffResult) -> str:
    s = result.summary
    esc = html.escape
    old, new = esc(str(result.old.source.get("file"))), esc(str(result.new.source.get("file")))
    rows = []
    context = None
    for c in result.changes:
        if _context(c) != context:
            context = _context(c)
            rows.append(f"<tr class=context><td colspan=4>{esc(context)}</td></tr>")
        left, right = _cells(c)
        what = c["kind"] if c["kind"] != "changed" else c["field"]
        badge = " <span class=badge title='a judgement on either side: check the source'>uncertain</span>" \
            if c["uncertain"] else ""
        rows.append(f"<tr class='change{' uncertain' if c['uncertain'] else ''}'>"
                    f"<td class='kind {c['kind']}'>{esc(what.replace('_', ' '))}{badge}</td><td>{esc(_label(c))}</td>"
                    f"<td>{left}</td><td>{right}</td></tr>")
    for a in result.ambiguous:
        rows.append(f"<tr><td class=kind>ambiguous</td><td>{esc(str(a['old_id']))} → {esc(str(a['new_id']))}</td>"
                    f"<td colspan=2 class=note>score {a['score']}, runner-up {a['runner_up_score']}</td></tr>")
    note = (f"<p class=note>Languages differ ({esc(result.old.lang)} → {esc(result.new.lang)}): structure compared; "
            "texts are not.</p>" if result.cross_language else "")
    body = "".join(rows) or "<tr><td colspan=4>No change.</td></tr>"
    legend = "".join(f"<dt>{esc(k.replace('_', ' '))}</dt><dd>{esc(t)}</dd>" for k, t in KINDS)
    counts = ["added", "removed", "not_in_translation", "renumbered", "changed", "unchanged", "uncertain"]
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{old} → {new}</title><style>{CSS}</style></head>
<body><h1>{old} → {new}</h1>{note}
<table class=summary><tr>{"".join(f"<th>{k.replace('_', ' ')}</th>" for k in counts)}</tr>
<tr>{"".join(f"<td id={k}>{s[k]}</td>" for k in counts)}</tr></table>
<h2>Quality of what is compared</h2>
<table id=quality><tr><th>side</th><th>file</th><th>paragraphs not placed</th><th>rows below 0.5</th>
<th>rows with a judgement</th><th>unmatched agencies</th></tr>{_quality_rows(result)}</table>
<table id=changes><tr><th>change</th><th>measure</th><th>{old}</th><th>{new}</th></tr>{body}</table>
<h2>Legend</h2><dl class=legend>{legend}</dl>
</body></html>
"""


RENDERERS = {"md": to_markdown, "json": to_json, "csv": to_csv, "html": to_html}
