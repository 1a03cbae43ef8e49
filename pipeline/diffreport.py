"""Renderings of a `DiffResult`: markdown, JSON (the stable contract), CSV, one HTML page."""
from __future__ import annotations

import csv
import html
import io
import json

from .diff import DiffResult

CSV_COLUMNS = ["kind", "old_id", "new_id", "old_row", "new_row", "field", "old", "new", "added", "removed",
               "matched_by", "score"]


def _md_redline(segments) -> str:
    parts = []
    for op, text in segments:
        parts.append(text if op == "equal" else f"~~{text}~~" if op == "delete" else f"**{text}**")
    return " ".join(parts)


def _label(change: dict) -> str:
    old, new = change.get("old_id"), change.get("new_id")
    return str(old) if old == new else f"{old or '—'} → {new or '—'}"


def to_markdown(result: DiffResult) -> str:
    s = result.summary
    lines = [f"# {result.old.source.get('file')} → {result.new.source.get('file')}", ""]
    if result.cross_language:
        lines += [f"Languages differ ({result.old.lang} → {result.new.lang}): structure compared "
                  "(ids, timeframes, agencies, indicator present); texts are not.", ""]
    lines += ["| added | removed | renumbered | changed | unchanged |", "|---|---|---|---|---|",
              f"| {s['added']} | {s['removed']} | {s['renumbered']} | {s['changed']} | {s['unchanged']} |", ""]
    if result.same:
        lines.append("No change.")
    for c in result.changes:
        head = f"- **{c['kind']}** {_label(c)}"
        if c["kind"] == "added":
            lines.append(f"{head}: {c['new']}")
        elif c["kind"] == "removed":
            lines.append(f"{head}: {c['old']}")
        elif c["kind"] == "renumbered":
            lines.append(f"{head} (matched by {c['matched_by']}, score {c['score']})")
        elif c["field"] == "agencies":
            moves = [f"+ {n}" for n in c["added_names"]] + [f"− {n}" for n in c["removed_names"]]
            lines.append(f"{head} agencies: {'; '.join(moves)}")
        elif c["field"] == "timeframe":
            lines.append(f"{head} timeframe: {c['old']!r} → {c['new']!r} "
                         f"({'/'.join(c['old_normalized'])} → {'/'.join(c['new_normalized'])})")
        elif "redline" in c:
            lines.append(f"{head} {c['field']}: {_md_redline(c['redline'])}")
        else:
            lines.append(f"{head} {c['field']}: {c.get('change', 'changed')}")
    for a in result.ambiguous:
        lines.append(f"- **ambiguous pairing** {a['old_id']} → {a['new_id']}: score {a['score']}, "
                     f"runner-up {a['runner_up_score']}")
    return "\n".join(lines) + "\n"


def to_json(result: DiffResult) -> str:
    return json.dumps(result.to_json(), ensure_ascii=False, indent=1) + "\n"


def to_csv(result: DiffResult) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for c in result.changes:
        row = {k: ("" if c.get(k) is None else c.get(k)) for k in CSV_COLUMNS}
        row["added"] = "; ".join(c.get("added", []) or [])
        row["removed"] = "; ".join(c.get("removed", []) or [])
        writer.writerow(row)
    return buf.getvalue()


CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1b1b1b}
h1{font-size:1.3rem} table{border-collapse:collapse;width:100%;margin:1rem 0}
th,td{border:1px solid #ccc;padding:.4rem .6rem;vertical-align:top;text-align:left}
th{background:#f3f3f3} .summary td{text-align:center;font-size:1.2rem}
del{background:#fdd;text-decoration:line-through} ins{background:#dfd;text-decoration:none}
.kind{font-weight:600;white-space:nowrap} .added{color:#16632c} .removed{color:#a11} .renumbered{color:#7a4b00}
.note{color:#555}
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
    if c["kind"] == "removed":
        return f"<del>{esc(c['old'])}</del>", ""
    if c["kind"] == "renumbered":
        text = f" <span class=note>{esc(c.get('measure', ''))}</span>"
        return f"<del>{esc(str(c['old_id']))}</del>{text}", f"<ins>{esc(str(c['new_id']))}</ins>{text}"
    if c["field"] == "agencies":
        return ("".join(f"<del>{esc(n)}</del><br>" for n in c["removed_names"]),
                "".join(f"<ins>{esc(n)}</ins><br>" for n in c["added_names"]))
    if c["field"] == "timeframe":
        return (f"<del>{esc(c['old'])}</del> <span class=note>({esc('/'.join(c['old_normalized']))})</span>",
                f"<ins>{esc(c['new'])}</ins> <span class=note>({esc('/'.join(c['new_normalized']))})</span>")
    if "redline" in c:
        return _html_redline(c["redline"], "old"), _html_redline(c["redline"], "new")
    return esc(c.get("old", "")), esc(c.get("new", ""))


def to_html(result: DiffResult) -> str:
    s = result.summary
    esc = html.escape
    old, new = esc(str(result.old.source.get("file"))), esc(str(result.new.source.get("file")))
    rows = []
    for c in result.changes:
        left, right = _cells(c)
        what = c["kind"] if c["kind"] != "changed" else c["field"]
        rows.append(f"<tr><td class='kind {c['kind']}'>{esc(what)}</td><td>{esc(_label(c))}</td>"
                    f"<td>{left}</td><td>{right}</td></tr>")
    for a in result.ambiguous:
        rows.append(f"<tr><td class=kind>ambiguous</td><td>{esc(str(a['old_id']))} → {esc(str(a['new_id']))}</td>"
                    f"<td colspan=2 class=note>score {a['score']}, runner-up {a['runner_up_score']}</td></tr>")
    note = (f"<p class=note>Languages differ ({esc(result.old.lang)} → {esc(result.new.lang)}): structure compared; "
            "texts are not.</p>" if result.cross_language else "")
    body = "".join(rows) or "<tr><td colspan=4>No change.</td></tr>"
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{old} → {new}</title><style>{CSS}</style></head>
<body><h1>{old} → {new}</h1>{note}
<table class=summary><tr><th>added</th><th>removed</th><th>renumbered</th><th>changed</th><th>unchanged</th></tr>
<tr><td id=added>{s['added']}</td><td id=removed>{s['removed']}</td><td id=renumbered>{s['renumbered']}</td>
<td id=changed>{s['changed']}</td><td id=unchanged>{s['unchanged']}</td></tr></table>
<table id=changes><tr><th>change</th><th>measure</th><th>{old}</th><th>{new}</th></tr>{body}</table>
</body></html>
"""


RENDERERS = {"md": to_markdown, "json": to_json, "csv": to_csv, "html": to_html}
