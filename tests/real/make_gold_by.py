"""The hand golds of the two Belarus plans in Word (`by-minenergo-2022-2024`, `by-mingaz-2023`).

The texts of the measures are the document's own, read from its `word/document.xml` with the
standard library (a cell's paragraphs joined with a space, a line break a space, runs of white
space one space); the ids, timeframe values, bodies and flags are typed below, row by row, from
the document (each folder's SOURCE.md says how). `python tests/real/make_gold_by.py` rewrites both
`gold.csv`; it imports nothing from `pipeline/`.
"""
import csv
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
COLS = ["row", "objective_id", "objective", "problem_id", "problem", "measure_id", "measure", "timeframe",
        "timeframe_start", "timeframe_end", "timeframe_recurrence", "agencies", "agency_ids", "agencies_unmatched",
        "agencies_raw", "indicator", "confidence", "flags"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
U, NEW, NOT, T = "agency_unmatched", "agency_new_body", "agency_not_a_body", "timeframe_unparsed"


def paragraph_text(p):
    parts = [(el.text or "") if el.tag == W + "t" else " " for el in p.iter()
             if el.tag in (W + "t", W + "br", W + "tab", W + "cr")]
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def table_rows(path):
    """Each table row of the document as its cells, each cell its non-empty paragraphs' texts."""
    root = ET.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    for tr in root.iter(W + "tr"):
        cells = [[paragraph_text(p) for p in tc.findall(W + "p")] for tc in tr.findall(W + "tc")]
        yield [[t for t in cell if t] for cell in cells]


def joined(cell):
    return " ".join(cell)


# timeframe values: (start, end, recurrence); None: unparsed (empty, flag)
def tf(start, end, recurrence):
    return (start, end, recurrence)


UNPARSED = None
AS_NEEDED = tf("", "", "as_needed")


def write(folder, rows):
    with open(HERE / folder / "gold.csv", "w", encoding="utf-8", newline="") as fh:
        out = csv.DictWriter(fh, fieldnames=COLS)
        out.writeheader()
        for row in rows:
            out.writerow(row)


def record(n, objective, measure_id, measure, timeframe, value, names, raw):
    """One gold row: `names` are (verbatim name, is_body) pairs, none of them in the gazetteer."""
    flags = set()
    if value is None:
        value = ("", "", "")
        flags.add(T)
    if names:
        flags.add(U)
    flags |= {NEW if body else NOT for _, body in names}
    return {"row": n, "objective_id": "", "objective": objective, "problem_id": "", "problem": "",
            "measure_id": measure_id, "measure": measure, "timeframe": timeframe,
            "timeframe_start": value[0], "timeframe_end": value[1], "timeframe_recurrence": value[2],
            "agencies": "", "agency_ids": "", "agencies_unmatched": "; ".join(name for name, _ in names),
            "agencies_raw": raw, "indicator": "", "confidence": "", "flags": "; ".join(sorted(flags))}


# ---- Ministry of Energy of Belarus, measures 2022-2024 (programme period 2022-2024) ----------------
SEMI, YEAR, QUARTER = tf("2022", "2024", "semiannual"), tf("2022", "2024", "annual"), tf("2022", "2024", "quarterly")
HEADS = ("Руководители организаций Минэнерго", False)
COMMISSIONS = ("комиссии по противодействию коррупции организаций Минэнерго", True)
COMMISSIONS_BOTH = ("комиссии по противодействию коррупции организаций Минэнерго, Министерства энергетики", True)
STAFF = [("Кадровые службы организаций Минэнерго", True), ("отдел кадровой работы Минэнерго", True)]
GPO = [("ГПО «Белэнерго»", True), ("ГПО «Белтопгаз»", True), ("Госэнергогазнадзор", True)]
STAFF_DEPT = [("Отдел кадровой работы Минэнерго", True)]
H, HC = [HEADS], [HEADS, COMMISSIONS]

# measure number -> (timeframe value, bodies); the texts come from the document
MINENERGO = {
    1: (SEMI, H), 2: (SEMI, H), 3: (tf("", "2024", "semiannual"), H), 4: (SEMI, HC), 5: (YEAR, H),
    6: (QUARTER, H), 7: (QUARTER, H), 8: (YEAR, H), 9: (YEAR, HC), 10: (SEMI, H),
    11: (tf("", "2024", "semiannual"), H), 12: (tf("", "2022-02", "once"), H), 13: (YEAR, H), 14: (YEAR, STAFF),
    15: (YEAR, H), 16: (UNPARSED, H),
    17: (UNPARSED, [HEADS, ("кадровые службы организаций Минэнерго", True), COMMISSIONS]),
    18: (SEMI, GPO), 19: (UNPARSED, H), 20: (YEAR, H), 21: (YEAR, STAFF), 22: (UNPARSED, H),
    23: (tf("", "2022-04", "once"), H), 24: (tf("", "2022-01", "once"), GPO), 25: (tf("", "2022-03", "once"), H),
    26: (SEMI, HC), 27: (SEMI, STAFF), 28: (UNPARSED, STAFF_DEPT), 29: (tf("2022-03", "2024-03", "annual"), STAFF_DEPT),
    30: (tf("2022-07", "2024-07", "annual"),
         [("Представители государства в органах управления открытых акционерных обществ", False), COMMISSIONS]),
    31: (SEMI, [("Комиссии по противодействию коррупции организаций Минэнерго, Министерства энергетики", True)]),
    32: (AS_NEEDED, [HEADS, COMMISSIONS_BOTH]),
    33: (AS_NEEDED, [("Пресс-службы организаций Минэнерго", True), ("пресс-секретарь Министерства энергетики", False),
                     COMMISSIONS_BOTH]),
    34: (AS_NEEDED, [("Службы делопроизводства организаций Минэнерго", True),
                     ("служба делопроизводства, документооборота и хозяйственного обеспечения Министерства энергетики",
                      True), COMMISSIONS_BOTH]),
    35: (UNPARSED, HC), 36: (UNPARSED, H), 37: (UNPARSED, H), 38: (AS_NEEDED, H), 39: (UNPARSED, H),
    40: (UNPARSED, H), 41: (UNPARSED, H), 42: (tf("", "2022-02", "once"), H),
    43: (tf("", "2022-01", "once"), H), 44: (tf("", "2022-01", "once"), GPO), 45: (SEMI, H), 46: (QUARTER, HC),
    47: (SEMI, HC), 48: (SEMI, [("Структурные подразделения центрального аппарата Министерства энергетики", True)]),
    49: (SEMI, [("Комиссия по противодействию коррупции Министерства энергетики", True)]),
}


def minenergo_rows():
    folder = "by-minenergo-2022-2024"
    rows, section, number = [], "", 0
    for cells in list(table_rows(HERE / folder / "meropriyatiya-minenergo-2022-2024.docx"))[1:]:
        if len(cells) < 4:  # a section row: one cell across the table
            section = joined(cells[0])
            continue
        number += 1  # the `№` cell is Word's automatic numbering, `1.` .. `49.` over the table
        value, names = MINENERGO[number]
        rows.append(record(number, section, str(number), joined(cells[1]), joined(cells[2]), value, names,
                           joined(cells[3])))
    assert number == len(MINENERGO) == 49
    return rows


# ---- UP MINGAZ, the anti-corruption commission's work plan for 2023 (period 2023) ------------------
ONGOING, QUARTERLY = tf("2023", "2023", "ongoing"), tf("2023", "2023", "quarterly")


def q(n):
    return tf(f"2023-{3 * n - 2:02d}", f"2023-{3 * n:02d}", "once")


def people(*names):
    return [(name, False) for name in names]


COMMISSION = ("Комиссия по противодействию коррупции", True)
COMMISSION_UP = ("Комиссия по противодействию коррупции УП «МИНГАЗ»", True)
DEPUTIES = ["Первый заместитель генерального директора -главный инженер Вирочкин А.А.",
            "заместители генерального директора Кассиров Д.А.", "Денисик А.В.", "Ткачук А.С.", "Шебеко А.А."]
MINGAZ = {
    1: (tf("", "2023-07", "once"), [COMMISSION, ("начальники структурных подразделений", False)]),
    2: (AS_NEEDED, [COMMISSION]),
    3: (QUARTERLY, people("Начальник отдела кадров Покусаева Л.В.")),
    4: (q(1), people("Главный бухгалтер Манкевич Е.В.")),
    5: (q(1), people("Начальник СЗ Курленя В.А.")),
    6: (QUARTERLY, people("Заместитель генерального директора Шебеко А.А.", "начальник ОМТОМиВС Щербин Г.В.")),
    7: (tf("2023", "2023", "annual"), people("Заместитель генерального директора Шебеко А.А.",
                                             "начальник ОПО Давыдова В.В.", "ведущий ревизор Цурко И.В.")),
    8: (q(2), people("Начальник СУПГН Пятница А.В.")),
    9: (ONGOING, [COMMISSION_UP, ("рабочие группы по противодействию коррупции в филиале «Бубны» и филиале "
                                  "«ТБЗ «Сергеевичское»", True), ("начальники структурных подразделений", False)]),
    10: (ONGOING, people("Помощник руководителя Рудько В.А.", "начальник УАС Морозов А.А.",
                         "руководитель ГМК ПТУ Попова А.М.") + [("комиссия по противодействию коррупции", True)]),
    11: (q(3), people("Начальник УАС Морозов А.А.")),
    12: (UNPARSED, people("Генеральный директор Шолоник В.Е.")),
    13: (q(4), people("Начальник САВР Борисюк Д.В.")),
    14: (ONGOING, people(DEPUTIES[0], "заместители генерального директора Кассиров Д.А.", "Денисик А.В.",
                         "Ткачук А.С.", "Шебеко А.А.")),
    15: (ONGOING, [("Аттестационная комиссия", True)]),
    16: (ONGOING, people("Начальник ОК Покусаева Л.В.", "руководители структурных подразделений",
                         "директора и специалисты по кадрам филиалов «Бубны» и «ТБЗ «Сергеевичское»")),
    17: (ONGOING, people("Начальники структурных подразделений и директора филиалов «Бубны» и "
                         "«ТБЗ «Сергеевичское»")),
    18: (ONGOING, people("Начальник ОК Покусаева Л.В.", "специалист по кадрам филиала «Бубны»",
                         "специалист по кадрам филиала «ТБЗ «Сергеевичское»")),
    19: (UNPARSED, people("Начальник ОДиК Федорович А.Д.") + [COMMISSION]),
    20: (ONGOING, people("Начальник ОПО Давыдова В.В.")),
    21: (q(4), people("Главный бухгалтер Манкевич Е.В.", "начальник ОПО Давыдова В.В.", "начальник ФО Чистик Т.А.",
                      "начальник СУПГН Пятница А.В.", "начальник ОРПСП Кузьмицкая Ю.И.")),
    22: (AS_NEEDED, people("Главный бухгалтер Манкевич Е.В.", "начальник ФО Чистик Т.А.",
                           "начальник СУПГН Пятница А.В.",
                           "начальник ОБУАиП филиала «ТБЗ «Сергеевичское» Чернова О.А.",
                           "главный бухгалтер – начальник ОБУАиП филиала «Бубны» Коляго И.А.")),
    23: (q(4), people("Начальник ФО Чистик Т.А.", "начальник УКС Якутенок С.Л.")),
    24: (ONGOING, [("Отдел кадров", True), ("руководитель РСС Фалюк В.В.", False)]),
    25: (ONGOING, [("Отдел кадров", True)]),
    26: (UNPARSED, people("Ведущий ревизор Цурко И.В.") + [COMMISSION]),
    27: (ONGOING, people(DEPUTIES[0], "заместители генерального директора Шебеко А.А.", "Кассиров Д.А.",
                         "Денисик А.В.", "Ткачук А.С.", "ведущий ревизор Цурко И.В.")),
    28: (QUARTERLY, [COMMISSION_UP]),
}


def mingaz_rows():
    folder = "by-mingaz-2023"
    rows = []
    for cells in list(table_rows(HERE / folder / "planwork-mingaz-2023.docx"))[1:]:
        number = int(joined(cells[0]))
        value, names = MINGAZ[number]
        rows.append(record(number, "", str(number), joined(cells[1]), joined(cells[2]), value, names,
                           joined(cells[3])))
    assert len(rows) == len(MINGAZ) == 28
    return rows


if __name__ == "__main__":
    write("by-minenergo-2022-2024", minenergo_rows())
    write("by-mingaz-2023", mingaz_rows())
