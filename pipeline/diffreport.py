"""Renderings of a `DiffResult`: markdown, JSON (the stable contract), CSV, one HTML page."""
from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Callable

from .diff import DiffResult
from .enums import OutputFormat

CSV_COLUMNS = ["kind", "old_id", "new_id", "old_row", "new_row", "field", "old", "new", "added",
               "removed", "passed", "matched_by", "score", "uncertain", "objective_id",
               "problem_id", "measure", "group", "measures", "note"]
QUALITY = ["unplaced", "doubtful_rows", "judgement_rows", "unmatched_agencies"]
# each CSV row also carries both sides' quality, so no consumer can miss it
QUALITY_COLUMNS = [f"{side}_{name}" for side in ("old", "new") for name in QUALITY]

KINDS = [("added", "a measure only in the new version"),
         ("removed", "a measure only in the old version"),
         ("not_in_translation", "a measure of an objective the translation does not have at all "
                                "(a partial translation)"),
         ("renumbered", "the same measure under another number"),
         ("changed", "a field of the same measure changed, with a word redline: deleted words "
                     "struck out, inserted words marked"),
         ("passed", "in an agencies change: the new body is the old one's successor in the "
                    "gazetteer (`successor_of`), so responsibility passed on rather than one body "
                    "dropped and another added"),
         ("unknown body", "in an agencies change: a body the gazetteer does not know, compared by "
                          "its name (case, spacing and punctuation aside)"),
         ("repeated", "one edit made alike in several measures, shown once with its measures"),
         ("maybe renamed", "a body removed and another added in the same measures, where no "
                           "successors file says so: probably one body under a new name (score: "
                           "the share of their measures in common)"),
         ("unchanged", "listed with --all only"),
         ("uncertain", "the row on either side is a judgement of the extraction (confidence "
                       "below 1): check the source before you trust the change")]


# a document's text is data, not markup: Markdown's and HTML's special characters are escaped, so
# that `<img onerror=...>` or `</script>` in a measure reaches no renderer as markup
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


def _short(text: str, width: int = 60) -> str:
    """`text` within `width` characters, cut at a word's end."""
    if len(text) <= width:
        return text
    cut = text[:width - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:") + "…"


def _context(c: dict) -> str:
    """Where a change stands: the objective's number and its words, then the problem's
    (`1 Monitoring underlying problems… › 1.1 Lack of public awareness…`)."""
    objective = f"{c.get('objective_id') or ''} {_short(c.get('objective') or '')}".strip()
    problem = f"{c.get('problem_id') or ''} {_short(c.get('problem') or '')}".strip()
    return " › ".join(x for x in (objective, problem) if x)


def _normalized(values) -> str:
    """A timeframe's start/end/recurrence, or that it was not parsed."""
    return "/".join(values) if any(values) else "not parsed"


def _label(change: dict) -> str:
    old, new = change.get("old_id"), change.get("new_id")
    return str(old) if old == new else f"{old or '—'} → {new or '—'}"


def _side(version) -> str:
    return str(version.label or version.source.get("file") or "")


def _quality_line(side: str, version) -> str:
    q = version.quality
    return (f"| {side} | {_md(_side(version))} | {q['unplaced']} | {q['doubtful_rows']} | "
            f"{q['judgement_rows']} | {q['unmatched_agencies']} |")


def _damage_md(result: DiffResult) -> list[str]:
    """A damaged side's paragraphs not placed, first: what the changes on its rows may hide."""
    lines = []
    for side, version in (("old", result.old), ("new", result.new)):
        if version.unplaced:
            lines += [f"**Warning: {len(version.unplaced)} paragraph(s) of the {side} side "
                      f"({_md(_side(version))}) could not be placed; the changes on its rows may "
                      "be false (marked uncertain):**", ""]
            lines += [f"> {_md(u['text'])} ({_md(u['warning'])})  " for u in version.unplaced]
            lines.append("")
    return lines


def _agency_moves(c: dict) -> list[str]:
    unknown = set(c.get("added_unknown", [])) | set(c.get("removed_unknown", []))

    def name(n: str) -> str:
        return f"{n} (not in the gazetteer)" if n in unknown else n
    passed = [f"{a} → {b} (responsibility passed to the successor body)"
              for a, b in c.get("passed_names", [])]
    return [f"+ {name(n)}" for n in c["added_names"]] + \
        [f"− {name(n)}" for n in c["removed_names"]] + passed


def _edit_text(c: dict) -> str:
    """What a change (or a repeated edit) did, as plain text for Markdown and CSV."""
    if c["field"] == "agencies":
        return "; ".join(_agency_moves(c))
    if c["field"] == "timeframe":
        return (f"'{c['old']}' → '{c['new']}' ({_normalized(c['old_normalized'])} → "
                f"{_normalized(c['new_normalized'])})")
    return c.get("change", "changed")


def _md_edit(c: dict) -> str:
    if c["field"] in ("agencies", "timeframe"):
        return _md(_edit_text(c))
    if "redline" in c:
        return _md_redline(c["redline"])
    return _md(c.get("change", "changed"))


def _md_change(c: dict) -> list[str]:
    head = f"- **{c['kind']}**{' (uncertain)' if c['uncertain'] else ''} {_md(_label(c))}"
    if c["kind"] == "added":
        return [f"{head}: {_md(c['new'])}"]
    if c["kind"] in ("removed", "not_in_translation"):
        return [f"{head}: {_md(c['old'])}"]
    if c["kind"] == "unchanged":
        return [f"{head}: {_md(c['measure'])}"]
    if c["kind"] == "renumbered":
        return [f"{head} (matched by {c['matched_by']}, score {c['score']}): {_md(c['measure'])}"]
    return [f"{head} {_md(c['field'])}: {_md_edit(c)}", f"  measure: {_md(c['measure'])}"]


def _md_repeats(result: DiffResult) -> list[str]:
    lines = []
    for g in result.repeated:
        where = _md(", ".join(g["measures"]))
        lines.append(f"- **repeated** {_md(g['field'])} in {g['count']} measures ({where}): "
                     f"{_md_edit(g | {'kind': 'changed'})}")
    for r in result.maybe_renamed:
        lines.append(f"- **maybe renamed** {_md(r['old'])} → {_md(r['new'])} "
                     f"(in {len(r['measures'])} measures: {_md(', '.join(r['measures']))}; "
                     f"score {r['score']})")
    return ["", "### Repeated changes", ""] + lines if lines else []


def to_markdown(result: DiffResult) -> str:
    s = result.summary
    lines = [f"# {_md(_side(result.old))} → {_md(_side(result.new))}", ""] + _damage_md(result)
    if result.cross_language:
        lines += [f"Languages differ ({result.old.lang} → {result.new.lang}): structure compared "
                  "(ids, timeframes, agencies, indicator present); texts are not.", ""]
    lines += ["| added | removed | not in translation | renumbered | changed | unchanged "
              "| uncertain |",
              "|---|---|---|---|---|---|---|",
              f"| {s['added']} | {s['removed']} | {s['not_in_translation']} | {s['renumbered']} | "
              f"{s['changed']} | {s['unchanged']} | {s['uncertain']} |", ""]
    if s["changed_by_repeats_only"]:
        lines += [f"{s['changed_by_repeats_only']} of the {s['changed']} changed measures changed "
                  "only by a repeated change (listed once below).", ""]
    lines += ["Quality of what is compared:", "",
              "| side | file | paragraphs not placed | rows below 0.5 | rows with a judgement "
              "| unmatched agencies |",
              "|---|---|---|---|---|---|", _quality_line("old", result.old),
              _quality_line("new", result.new), ""]
    if result.same:
        lines.append("No change.")
    lines += _md_repeats(result)
    context = None
    for c in (c for c in result.changes if "group" not in c):
        if _context(c) != context:
            context = _context(c)
            lines += ["", f"### {_md(context)}", ""]
        lines += _md_change(c)
    for a in result.ambiguous:
        lines.append(f"- **ambiguous pairing** {_md(a['old_id'])} → {_md(a['new_id'])}: score "
                     f"{a['score']}, runner-up {a['runner_up_score']}")
    lines += ["", "Legend:", ""] + [f"- **{kind}**: {text}" for kind, text in KINDS]
    return "\n".join(lines) + "\n"


def to_json(result: DiffResult) -> str:
    return json.dumps(result.to_json(), ensure_ascii=False, indent=1) + "\n"


def _csv_change(c: dict) -> dict:
    row = {k: ("" if c.get(k) is None else c.get(k)) for k in CSV_COLUMNS}
    row["added"] = "; ".join(c.get("added", []) or [])
    row["removed"] = "; ".join(c.get("removed", []) or [])
    row["passed"] = "; ".join(f"{a} -> {b}" for a, b in c.get("passed", []) or [])
    row["uncertain"] = "true" if c["uncertain"] else ""
    if c.get("field") == "agencies":  # the bodies by name, known or not, on each side
        row["old"] = "; ".join(c["removed_names"] + [a for a, _ in c.get("passed_names", [])])
        row["new"] = "; ".join(c["added_names"] + [b for _, b in c.get("passed_names", [])])
    return row


def _csv_notes(result: DiffResult) -> list[dict]:
    """The rows before the changes: each side's paragraphs not placed, each probable rename."""
    sides = (("old", result.old), ("new", result.new))
    rows = [{"kind": "unplaced", side: u["text"], "note": u["warning"]}
            for side, version in sides for u in version.unplaced]
    rows += [{"kind": "maybe_renamed", "field": "agencies", "old": r["old"], "new": r["new"],
              "score": r["score"], "measures": "; ".join(r["measures"])}
             for r in result.maybe_renamed]
    return rows


def to_csv(result: DiffResult) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS + QUALITY_COLUMNS, lineterminator="\n",
                            extrasaction="ignore", restval="")
    writer.writeheader()
    quality = {f"old_{k}": v for k, v in result.old.quality.items()} | \
        {f"new_{k}": v for k, v in result.new.quality.items()}
    for row in _csv_notes(result):
        writer.writerow(row | quality)
    for c in result.changes:
        writer.writerow(_csv_change(c) | quality)
    return buf.getvalue()


CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1b1b1b}
h1{font-size:1.3rem} table{border-collapse:collapse;width:100%;margin:1rem 0}
th,td{border:1px solid #ccc;padding:.4rem .6rem;vertical-align:top;text-align:left}
th{background:#f3f3f3} .summary td{text-align:center;font-size:1.2rem}
del{background:#fdd;text-decoration:line-through} ins{background:#dfd;text-decoration:none}
.kind{font-weight:600;white-space:nowrap} .added{color:#16632c} .removed{color:#a11} \
.renumbered{color:#7a4b00}
.note{color:#555} .unchanged{color:#555} .not_in_translation{color:#555} \
.absent{color:#555;font-style:italic}
.uncertain{background:#fff4d6} \
.badge{font-size:.8em;border:1px solid #b58900;border-radius:3px;padding:0 .3em;color:#7a5c00}
.context td{background:#f7f7fb;font-weight:600} \
dl.legend{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}
dl.legend dt{font-weight:600} .warn{color:#a11;font-weight:600}
#changes,#repeated{table-layout:fixed} td{overflow-wrap:anywhere}
.damage{border:1px solid #a11;padding:0 1rem} \
.kind .badge{display:block;width:max-content;margin-top:.2em}
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
        return (f"<span class=absent>{esc(c['old'])}</span>",
                "<span class=note>(not in the translation)</span>")
    if c["kind"] == "removed":
        return f"<del>{esc(c['old'])}</del>", ""
    if c["kind"] == "unchanged":
        return esc(c.get("measure", "")), esc(c.get("measure", ""))
    if c["kind"] == "renumbered":
        text = f" <span class=note>{esc(c.get('measure', ''))}</span>"
        return (f"<del>{esc(str(c['old_id']))}</del>{text}",
                f"<ins>{esc(str(c['new_id']))}</ins>{text}")
    if c["field"] == "agencies":
        passed = c.get("passed_names", [])
        unknown = set(c.get("added_unknown", [])) | set(c.get("removed_unknown", []))

        def name(n: str) -> str:
            return esc(n) + (" <span class=note>(not in the gazetteer)</span>" if n in unknown
                             else "")
        return ("".join(f"<del>{name(n)}</del><br>" for n in c["removed_names"]) +
                "".join(f"{esc(a)} <span class=note>(passed on)</span><br>" for a, _ in passed),
                "".join(f"<ins>{name(n)}</ins><br>" for n in c["added_names"]) +
                "".join(f"{esc(b)} <span class=note>(successor of {esc(a)})</span><br>"
                        for a, b in passed))
    if c["field"] == "timeframe":
        old, new = _normalized(c["old_normalized"]), _normalized(c["new_normalized"])
        return (f"<del>{esc(c['old'])}</del> <span class=note>({esc(old)})</span>",
                f"<ins>{esc(c['new'])}</ins> <span class=note>({esc(new)})</span>")
    if "redline" in c:
        return _html_redline(c["redline"], "old"), _html_redline(c["redline"], "new")
    return esc(c.get("old", "")), esc(c.get("new", ""))


def _quality_rows(result: DiffResult) -> str:
    esc = html.escape
    rows = []
    for side, version in (("old", result.old), ("new", result.new)):
        q = version.quality
        warn = " class=warn" if q["unplaced"] else ""
        rows.append(f"<tr id=quality-{side}><td>{side}</td><td>{esc(_side(version))}</td>"
                    f"<td{warn}>{q['unplaced']}</td><td>{q['doubtful_rows']}</td>"
                    f"<td>{q['judgement_rows']}</td>"
                    f"<td>{q['unmatched_agencies']}</td></tr>")
    return "".join(rows)


def _html_damage(result: DiffResult) -> str:
    """A damaged side's paragraphs not placed, at the top of the page."""
    esc = html.escape
    out = []
    for side, version in (("old", result.old), ("new", result.new)):
        if version.unplaced:
            items = "".join(f"<li>{esc(u['text'])} <span class=note>({esc(u['warning'])})</span>"
                            f"</li>" for u in version.unplaced)
            out.append(f"<section id=unplaced-{side} class=damage><p class=warn>"
                       f"{len(version.unplaced)} paragraph(s) of the {side} side "
                       f"({esc(_side(version))}) could not be placed; the changes on its rows may "
                       f"be false (marked uncertain):</p><ul>{items}</ul></section>")
    return "".join(out)


def _html_repeats(result: DiffResult) -> str:
    esc = html.escape
    rows = []
    for g in result.repeated:
        left, right = _cells(g | {"kind": "changed", "old": g.get("old", ""),
                                  "new": g.get("new", "")})
        rows.append(f"<tr class=repeated><td class=kind>{esc(g['field'])}</td>"
                    f"<td>in {g['count']} measures: {esc(', '.join(g['measures']))}</td>"
                    f"<td>{left}</td><td>{right}</td></tr>")
    for r in result.maybe_renamed:
        rows.append(f"<tr class=renamed><td class=kind>maybe renamed</td>"
                    f"<td>in {len(r['measures'])} measures: {esc(', '.join(r['measures']))} "
                    f"<span class=note>(score {r['score']})</span></td>"
                    f"<td><del>{esc(r['old'])}</del></td><td><ins>{esc(r['new'])}</ins></td></tr>")
    if not rows:
        return ""
    return (f"<h2>Repeated changes</h2><table id=repeated>{_COLUMNS}<tr><th>change</th>"
            f"<th>where</th><th>old</th><th>new</th></tr>{''.join(rows)}</table>")


_COLUMNS = ("<colgroup><col style='width:12%'><col style='width:22%'><col style='width:33%'>"
            "<col style='width:33%'></colgroup>")  # the two sides as wide, whatever their language


def _html_change(c: dict) -> str:
    esc = html.escape
    left, right = _cells(c)
    what = c["kind"] if c["kind"] != "changed" else c["field"]
    badge = (" <span class=badge title='a judgement on either side: check the source'>"
             "uncertain</span>" if c["uncertain"] else "")
    text = f"<div class=note>{esc(c.get('measure') or '')}</div>" if c["kind"] == "changed" else ""
    return (f"<tr class='change{' uncertain' if c['uncertain'] else ''}'>"
            f"<td class='kind {c['kind']}'>{esc(what.replace('_', ' '))}{badge}</td>"
            f"<td>{esc(_label(c))}{text}</td><td>{left}</td><td>{right}</td></tr>")


def _legend() -> str:
    """The legend, a `name` in it set as code."""
    def code(text: str) -> str:
        return re.sub(r"`([^`]*)`", r"<code>\1</code>", html.escape(text))
    return "".join(f"<dt>{html.escape(k.replace('_', ' '))}</dt><dd>{code(t)}</dd>"
                   for k, t in KINDS)


def to_html(result: DiffResult) -> str:
    s = result.summary
    esc = html.escape
    old, new = esc(_side(result.old)), esc(_side(result.new))
    rows = []
    context = None
    for c in (c for c in result.changes if "group" not in c):
        if _context(c) != context:
            context = _context(c)
            rows.append(f"<tr class=context><td colspan=4>{esc(context)}</td></tr>")
        rows.append(_html_change(c))
    for a in result.ambiguous:
        rows.append(f"<tr><td class=kind>ambiguous</td><td>{esc(str(a['old_id']))} → "
                    f"{esc(str(a['new_id']))}</td>"
                    f"<td colspan=2 class=note>score {a['score']}, runner-up "
                    f"{a['runner_up_score']}</td></tr>")
    note = (f"<p class=note>Languages differ ({esc(result.old.lang)} → {esc(result.new.lang)}): "
            "structure compared; texts are not.</p>" if result.cross_language else "")
    nothing = "No change." if result.same else "See the repeated changes."
    body = "".join(rows) or f"<tr><td colspan=4>{nothing}</td></tr>"
    counts = ["added", "removed", "not_in_translation", "renumbered", "changed", "unchanged",
              "uncertain"]
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{old} → {new}</title><style>{CSS}</style></head>
<body><h1>{old} → {new}</h1>{_html_damage(result)}{note}
<table class=summary><tr>{"".join(f"<th>{k.replace('_', ' ')}</th>" for k in counts)}</tr>
<tr>{"".join(f"<td id={k}>{s[k]}</td>" for k in counts)}</tr></table>
<h2>Quality of what is compared</h2>
<table id=quality><tr><th>side</th><th>file</th><th>paragraphs not placed</th>\
<th>rows below 0.5</th>
<th>rows with a judgement</th><th>unmatched agencies</th></tr>{_quality_rows(result)}</table>
{_html_repeats(result)}
<table id=changes>{_COLUMNS}<tr><th>change</th><th>measure</th><th>{old}</th><th>{new}</th></tr>
{body}</table>
<h2>Legend</h2><dl class=legend>{_legend()}</dl>
</body></html>
"""


RENDERERS: dict[str, Callable[[DiffResult], str]] = {  # each of DIFF_FORMATS, its renderer
    OutputFormat.MD: to_markdown,
    OutputFormat.JSON: to_json,
    OutputFormat.CSV: to_csv,
    OutputFormat.HTML: to_html,
}
