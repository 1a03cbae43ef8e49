"""The hand gold of the Kazakh plan of «Elorda Eco System» (`kz-elorda-eco-2023`).

The texts of the cells are the page's own, read from its first table with the standard library's
HTML parser (runs of white space one space, as JSX renders them); the timeframe values, bodies and
flags are typed below, row by row, from the page (SOURCE.md says how).
`python tests/real/make_gold_kz.py` rewrites `kz-elorda-eco-2023/gold.csv`; it imports nothing from
`pipeline/`.
"""
import csv
import re
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).resolve().parent / "kz-elorda-eco-2023"
COLS = ["row", "objective_id", "objective", "problem_id", "problem", "measure_id", "measure", "timeframe",
        "timeframe_start", "timeframe_end", "timeframe_recurrence", "agencies", "agency_ids", "agencies_unmatched",
        "agencies_raw", "indicator", "confidence", "flags"]
U, NEW, NOT, T = "agency_unmatched", "agency_new_body", "agency_not_a_body", "timeframe_unparsed"


class Tables(HTMLParser):
    """The page's tables as rows of cell texts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables, self.cell = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.tables[-1][-1].append(re.sub(r"\s+", " ", "".join(self.cell)).strip())
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


ONGOING, QUARTERLY = ("2023", "2023", "ongoing"), ("2023", "2023", "quarterly")
OFFICER = ("Кәсіпорынның Комплаенс-офицері", False)
OFFICER_GROUP = [OFFICER, ("жұмыс тобы", True)]
HEADS = ("жауапты құрылымдық бөлімшелердің басшылары", False)
# number -> (timeframe value or None for unparsed, executors as (verbatim name, is a body))
ROWS = {
    1: (("2022-01", "2022-06", "once"), [("Орынбасар", False)]),
    2: (ONGOING, [OFFICER]),
    3: (QUARTERLY, [OFFICER]),
    4: (ONGOING, [OFFICER]),
    5: (("2023-12", "2023-12", "annual"), OFFICER_GROUP),
    6: (ONGOING, [OFFICER]),
    7: (None, OFFICER_GROUP),
    8: (None, [HEADS]),
    9: (ONGOING, [("Мониторинг және әкімшілік жұмыс басқармасы", True)]),
    10: (None, [("Кәсіпорын басшылығы", False), HEADS, ("кәсіпорынның комплаенс-офицері", False)]),
    11: (QUARTERLY, [("кәсіпорын басшылығы", False), HEADS]),
    12: (None, [("Шығу кезінде", False)]),
}


def rows():
    parser = Tables()
    parser.feed((HERE / "compliance-page.jsx").read_text(encoding="utf-8"))
    out = []
    for number, measure, timeframe, result, executors in parser.tables[0][1:]:
        n = int(number)
        value, names = ROWS[n]
        flags = {U} | {NEW if body else NOT for _, body in names}
        if value is None:
            value = ("", "", "")
            flags.add(T)
        out.append({"row": n, "objective_id": "", "objective": "", "problem_id": "", "problem": "",
                    "measure_id": str(n), "measure": measure, "timeframe": timeframe,
                    "timeframe_start": value[0], "timeframe_end": value[1], "timeframe_recurrence": value[2],
                    "agencies": "", "agency_ids": "", "agencies_unmatched": "; ".join(name for name, _ in names),
                    "agencies_raw": executors, "indicator": result, "confidence": "",
                    "flags": "; ".join(sorted(flags))})
    assert len(out) == len(ROWS) == 12
    return out


if __name__ == "__main__":
    with open(HERE / "gold.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLS)
        writer.writeheader()
        writer.writerows(rows())
