"""Assemble gold/<name>.csv and gold/<name>.json from the hand mappings.

The judgements are all in annex_en.rows.tsv (which line belongs to which
measure, the agency codes, the timeframe values, the flags); this script only
cuts the texts out of the source lines.  It deliberately imports nothing from
`pipeline/`: the gold must not share code with what it checks.

    python gold/build_gold.py        # rewrites gold/annex_en.*, gold/annex_ru.* and gold/annex_tg.*
"""
import csv
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# the title (the line right above the table, page chrome aside) and period, read by hand
SOURCES = {
    "annex_en": ("Integrated Program on the Prevention of Human Traffic in the Republic of Tajikistan in 2006-2010",
                 (2006, 2010)),
    "annex_ru": ("Комплексная программа по предупреждению торговли людьми в Республике Таджикистан на 2006-2010 годы",
                 (2006, 2010)),
    "annex_tg": ("Барномаи комплексии пешгирии хариду фурӯши одамон дар Ҷумҳурии Тоҷикистон барои солҳои 2006-2010",
                 (2006, 2010)),
}

# Codes typed in the mapping -> gazetteer ids.
AGENCY_CODES = {
    "IAC": "interagency_commission", "MIA": "ministry_internal_affairs", "MS": "ministry_security",
    "MLSP": "ministry_labor_social_protection", "MET": "ministry_economy_trade",
    "MSR": "ministry_state_revenues", "MED": "ministry_education", "MH": "ministry_health",
    "MFA": "ministry_foreign_affairs", "MJ": "ministry_justice", "MT": "ministry_transport",
    "MF": "ministry_finance", "SBC": "state_border_committee", "TVR": "tv_radio_committee",
    "WFC": "women_family_committee", "YC": "youth_committee", "RAC": "religious_affairs_committee",
    "GPO": "general_prosecutor_office", "JO": "justice_office",
}
COLUMNS = ["row", "objective_id", "objective", "problem_id", "problem", "measure_id", "measure",
           "timeframe", "timeframe_start", "timeframe_end", "timeframe_recurrence", "agencies",
           "agency_ids", "agencies_unmatched", "agencies_raw", "indicator", "confidence", "flags"]


def collapse(text):
    return " ".join(text.split())  # str.split() also splits at no-break spaces


def without_number(text, number):
    text = text.strip()
    assert text.startswith(number), (number, text[:20])
    rest = text[len(number):]
    return collapse(rest[1:] if rest.startswith(".") else rest)


def build(name, title, period):
    source = ROOT / "raw" / f"{name}.txt"
    lines = source.read_text(encoding="utf-8").split("\n")
    line = lambda n: lines[int(n) - 1]  # noqa: E731
    names = {r["id"]: r["name"] for r in csv.DictReader(open(ROOT / "pipeline/data/agencies.csv", encoding="utf-8"))}
    rows = []
    mapping = [l for l in (Path(__file__).parent / f"{name}.rows.tsv").read_text(encoding="utf-8").splitlines()
               if l and not l.startswith("#")]
    for r in csv.DictReader(mapping, delimiter="\t"):
        mid = r["id"]
        pid = mid.rsplit(".", 1)[0]
        oid = mid.split(".")[0]
        ids = [AGENCY_CODES[c] for c in r["agencies"].split()]
        ag_text = collapse(" ".join(line(n) for n in r["ag_lines"].split(",")))
        rows.append({
            "row": r["row"], "objective_id": oid, "objective": without_number(line(r["obj"]), oid + "."),
            "problem_id": pid, "problem": without_number(line(r["prob"]), pid), "measure_id": mid,
            "measure": without_number(line(r["meas"]), mid), "timeframe": collapse(line(r["tf"])),
            "timeframe_start": r["start"], "timeframe_end": r["end"], "timeframe_recurrence": r["rec"],
            "agencies": "; ".join(names[i] for i in ids), "agency_ids": "; ".join(ids),
            "agencies_unmatched": "",  # every body of the sample is in the gazetteer (README, judgement 15)
            "agencies_raw": ag_text, "indicator": "" if r["ind"] == "-" else collapse(line(r["ind"])),
            "confidence": "" if r["conf"] == "-" else r["conf"],
            "flags": "" if r["flags"] == "-" else "; ".join(sorted(r["flags"].split(","))),
        })
    with open(ROOT / f"gold/{name}.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    records = []
    for row in rows:
        rec = dict(row)
        rec["row"] = int(row["row"])
        rec["agencies"] = row["agencies"].split("; ")
        rec["agency_ids"] = row["agency_ids"].split("; ")
        rec["agencies_unmatched"] = [v for v in row["agencies_unmatched"].split("; ") if v]
        rec["confidence"] = float(row["confidence"]) if row["confidence"] else None
        rec["flags"] = [{"flag": f} for f in row["flags"].split("; ") if f]
        records.append(rec)
    gold = {
        "schema_version": 1,
        "source": {"file": source.name, "sha256": hashlib.sha256(source.read_bytes()).hexdigest(),
                   "format": "text", "title": title,
                   "programme_period": {"start": period[0], "end": period[1]}},
        "records": records,
    }
    (ROOT / f"gold/{name}.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n",
                                            encoding="utf-8")
    print(f"gold/{name}: {len(rows)} rows", file=sys.stderr)


def main():
    for name, (title, period) in SOURCES.items():
        build(name, title, period)


if __name__ == "__main__":
    main()
