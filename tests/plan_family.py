"""The plan family: action plans of every table shape, drawn once and rendered in every form.

`annex_family.py` draws the 2006 annex's own shape (an objective column, a problem column,
numbers inside the text).  Real plans are mostly shaped otherwise, and this family draws
those shapes, in English and Russian:

* the hierarchy: objective and problem columns; an objective column only; **section rows**
  spanning the table (or filling only the first text cell) instead of an objective column,
  with sub-section rows below them; **objective rows** beside measure rows under a `№`
  column;
* the numbering of measures: inside the text (`1.1.3.`), in a `№` column hierarchical
  (`1.1`), flat across the table (`1.` ... `30.`), flat restarting per section, or none;
  sections numbered `I.`, `1.`, `Section 2.`/`Раздел 2.`, or not at all;
* measures with **steps**: a mechanism column whose sub-rows each have their own deadline,
  the number, measure, agency and indicator cells merged down over them; several numbered
  steps in one cell with one deadline;
* **multi-paragraph measures**: a lead sentence and its `a)`/`-`/`•` items;
* an agency cell **merged down** over consecutive measures;
* **surroundings**: the decree before the plan (numbered paragraphs that name ministries
  and deadlines) and other tables after it (target indicators with year columns, a list).

A plan is drawn as content (`Plan`), laid out as a logical grid of cells with row and
column spans (`grid`), in one of two layouts: `rows` (a table row per measure, sub-rows per
step) or `blocks` (a table row holds all the measures of a section, one paragraph per
measure in each cell).  Every form renders that grid:

* `text-col`: the `blocks` grid copied row by row, cell by cell: the columns of a block
  come one after the other (the web copy of the 2006 annex);
* `text-row`: the `rows` grid copied the same way: one line per cell paragraph in row
  order, a merged cell's text once, at its first row (a browser's copy of the page);
* `text-scraper`: the `rows` grid as a scraper of a legislation database writes it out (one
  line per cell paragraph, a merged cell once at its first sub-row, so a measure's agency
  cell comes after its first step's deadline and before its second step), of plans drawn as
  such databases hold them (`scraper_shape`): steps in most measures, numbered `1.`, `2.` in
  each measure, several numbered steps in one cell under one deadline, bodies' names cut over
  two lines of their cell, often no indicator column;
* `docx`, `html`, `pdf`: the grid as a Word table, an HTML table, a ruled PDF table.

`expected_rows(plan)` is what a perfect extraction gives.  Nothing here imports the
pipeline's code, only its data files, so the family cannot share a bug with it.
"""
from __future__ import annotations

import csv
import random
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.contract import needs_review
from pipeline.enums import Language

DATA = Path(__file__).resolve().parent.parent / "pipeline" / "data"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # Debian: fonts-dejavu-core
FORMS = ("text-col", "text-row", "text-scraper", "docx", "html", "pdf")
CYRILLIC = set("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")
TAJIK = set("ғӣқӯҳҷ")  # the letters a Tajik name has and a Russian one has not


def _csv(name):
    with open(DATA / name, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


# the header words the family draws from: the pipeline's (`data/headers.csv`) as they stood when
# the committed producers' PDFs were made (`tests/fixtures/family`), so that a seed draws the same
# plan whatever words the pipeline learns since (`test_plan_family` keeps them the pipeline's)
FAMILY_HEADERS = Path(__file__).resolve().parent / "family_headers.csv"


def _headers(lang: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    with open(FAMILY_HEADERS, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        if row["lang"] == lang:
            out.setdefault(row["role"], []).append(row["synonym"])
    return out


def _agencies(lang: str) -> list[tuple[str, str]]:
    out = []
    for row in _csv("agencies.csv"):
        names = [row["name"], *[a for a in row["aliases"].split("|") if a]]
        if lang == "ru":
            names = [n for n in names if set(n.lower()) & CYRILLIC and not set(n.lower()) & TAJIK]
        elif lang == "tg":
            names = [n for n in names if set(n.lower()) & TAJIK]
        names = [n for n in names if len(n) > 6]  # full names, not acronyms
        if names:
            out.append((row["id"], names[0]))
    return out


# bodies real plans name beside the known ones: official names with commas in them (unknown to the
# gazetteer: kept verbatim, never cut into a known body and a tail) and generic bodies (no id)
OTHER_BODIES = {"en": ["Ministry of Labour, Migration and Employment of Population",
                       "Ministry of Culture, Sports and Tourism", "interested ministries and agencies",
                       "local executive bodies of state power"],
                "ru": ["Министерство труда, миграции и занятости населения",
                       "Министерство высшего образования, науки и инноваций",
                       "заинтересованные министерства и ведомства", "хукуматы городов и районов"],
                "tg": ["Вазорати меҳнат, муҳоҷират ва шуғли аҳолӣ", "Вазорати фарҳанг, варзиш ва сайёҳӣ",
                       "вазорату идораҳои манфиатдор", "мақомоти иҷроияи маҳаллии ҳокимияти давлатӣ"]}

MONTHS = {"en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                 "October", "November", "December"],
          "ru": ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
                 "октября", "ноября", "декабря"],
          "tg": ["январи", "феврали", "марти", "апрели", "майи", "июни", "июли", "августи", "сентябри",
                 "октябри", "ноябри", "декабри"]}
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]

WORDS = {
    "en": {
        "verbs": [("Conduct", "conducted"), ("Organise", "organised"), ("Develop", "developed"), ("Train", "trained"),
                  ("Publish", "published"), ("Establish", "established"), ("Review", "reviewed"),
                  ("Prepare", "prepared"), ("Hold", "held"), ("Evaluate", "evaluated"), ("Equip", "equipped")],
        "things": ["information campaigns", "a hotline for victims", "border guards", "a referral mechanism",
                   "guidelines for labour inspectors", "shelters for women", "school lessons on safe migration",
                   "a database of cases", "judges and prosecutors", "consular staff", "mobile outreach teams",
                   "a national report", "community leaders", "a legal aid service", "reintegration grants"],
        "places": ["in Khatlon", "in Sughd", "in Dushanbe", "in mountain districts", "at border posts",
                   "in rural schools", "in regional centres", "nationwide"],
        "sections": ["Improving the legal framework", "Prevention of trafficking", "Protection of victims",
                     "Prosecution of traffickers", "Safe labour migration", "Cooperation with partners",
                     "Research and monitoring", "Training of officials"],
        "problems": ["Low awareness of the risks", "Victims are not identified", "Few cases reach the courts",
                     "Weak coordination between bodies", "No data on the scale of the problem"],
        "steps": ["Draft the regulation", "Agree the draft with the ministries", "Submit it to the Government",
                  "Hold a round table", "Print and distribute the materials", "Report on the results",
                  "Select the pilot districts", "Train the staff"],
        "items": ["in schools", "in the media", "at border crossings", "among returning migrants",
                  "through local councils", "with NGOs"],
        "keyword": "Section", "lead": "Carry out the following:",
        "title": "Action Plan on the Prevention of Trafficking in Persons for {p0}-{p1}",
        "decree": ["GOVERNMENT OF THE REPUBLIC OF TAJIKISTAN", "RESOLUTION",
                   "On the Action Plan on the Prevention of Trafficking in Persons for {p0}-{p1}",
                   "In accordance with the Law on Combating Trafficking in Persons, the Government resolves:",
                   "1. To approve the Action Plan on the Prevention of Trafficking in Persons for {p0}-{p1} (annexed).",
                   "2. The Ministry of Health and the Ministry of Internal Affairs shall report on its implementation "
                   "by 1 December {p1}.",
                   "3. This resolution enters into force on the day of its publication.",
                   "Prime Minister", "Annex 1"],
        "after": [("Annex 2", "Target indicators of the Action Plan",
                   ["No.", "Indicator", "Unit", "{p0}", "{p1}"],
                   [["1.", "Victims identified", "persons", "120", "150"],
                    ["2.", "Officials trained", "persons", "300", "450"]]),
                  ("Annex 3", "List of the bodies that report",
                   ["No.", "Name of the body", "Contact"],
                   [["1.", "Ministry of Labour and Social Protection", "Dushanbe"],
                    ["2.", "Youth Committee", "Dushanbe"]])],
        "extras": {"Source of funding": ["State budget", "Donor funds", "Within existing budgets"],
                   "Notes": ["Pilot first", "Jointly with NGOs", "Subject to funding"]},
    },
    "ru": {
        "verbs": [("Провести", "проведены"), ("Организовать", "организованы"), ("Разработать", "разработаны"),
                  ("Обучить", "обучены"), ("Издать", "изданы"), ("Создать", "созданы"), ("Рассмотреть", "рассмотрены"),
                  ("Подготовить", "подготовлены"), ("Оценить", "оценены"), ("Оснастить", "оснащены")],
        "things": ["информационные кампании", "горячие линии для жертв", "сотрудников пограничных войск",
                   "механизмы перенаправления", "методические пособия для инспекторов труда",
                   "приюты для женщин", "уроки о безопасной миграции", "базы данных о делах",
                   "судей и прокуроров", "сотрудников консульств", "мобильные группы",
                   "национальные доклады", "общественных лидеров", "службы правовой помощи"],
        "places": ["в Хатлонской области", "в Согдийской области", "в городе Душанбе", "в горных районах",
                   "на пограничных постах", "в сельских школах", "в областных центрах", "по всей стране"],
        "sections": ["Совершенствование правовой базы", "Предупреждение торговли людьми", "Защита жертв",
                     "Уголовное преследование торговцев людьми", "Безопасная трудовая миграция",
                     "Сотрудничество с партнерами", "Исследования и мониторинг", "Обучение должностных лиц"],
        "problems": ["Низкая осведомленность о рисках", "Жертвы не выявляются", "Мало дел доходит до суда",
                     "Слабая координация между органами", "Нет данных о масштабах проблемы"],
        "steps": ["Разработать проект положения", "Согласовать проект с министерствами",
                  "Внести проект в Правительство", "Провести круглый стол", "Издать и распространить материалы",
                  "Представить отчет о результатах", "Отобрать пилотные районы", "Обучить сотрудников"],
        "items": ["в школах", "в средствах массовой информации", "на пунктах пропуска",
                  "среди возвращающихся мигрантов", "через местные советы", "совместно с НПО"],
        "keyword": "Раздел", "lead": "Осуществить следующее:",
        "title": "План действий по предупреждению торговли людьми на {p0}-{p1} годы",
        "decree": ["ПРАВИТЕЛЬСТВО РЕСПУБЛИКИ ТАДЖИКИСТАН", "ПОСТАНОВЛЕНИЕ",
                   "Об утверждении Плана действий по предупреждению торговли людьми на {p0}-{p1} годы",
                   "В соответствии с Законом о противодействии торговле людьми Правительство постановляет:",
                   "1. Утвердить План действий по предупреждению торговли людьми на {p0}-{p1} годы (прилагается).",
                   "2. Министерству здравоохранения и Министерству внутренних дел представить отчет "
                   "до 1 декабря {p1} года.",
                   "3. Настоящее постановление вступает в силу со дня его опубликования.",
                   "Председатель Правительства", "Приложение 1"],
        "after": [("Приложение 2", "Целевые показатели Плана действий",
                   ["№", "Показатель", "Единица измерения", "{p0}", "{p1}"],
                   [["1.", "Выявлено жертв", "человек", "120", "150"],
                    ["2.", "Обучено должностных лиц", "человек", "300", "450"]]),
                  ("Приложение 3", "Перечень органов, представляющих отчеты",
                   ["№", "Наименование органа", "Адрес"],
                   [["1.", "Министерство труда и социальной защиты населения", "Душанбе"],
                    ["2.", "Комитет по делам молодежи", "Душанбе"]])],
        "extras": {"Источник финансирования": ["Государственный бюджет", "Средства доноров",
                                               "В пределах бюджета"],
                   "Примечание": ["Сначала пилотный проект", "Совместно с НПО", "При наличии средств"]},
    },
}
WORDS["tg"] = {
    "verbs": [("Гузаронидани", "гузаронида шуданд"), ("Ташкили", "ташкил карда шуданд"), ("Таҳияи", "таҳия шуданд"),
              ("Омӯзонидани", "омӯзонида шуданд"), ("Нашри", "нашр шуданд"), ("Таъсиси", "таъсис дода шуданд"),
              ("Баррасии", "баррасӣ шуданд"), ("Омода намудани", "омода карда шуданд"), ("Арзёбии", "арзёбӣ шуданд"),
              ("Таҷҳизонидани", "таҷҳизонида шуданд")],
    "things": ["маъракаҳои иттилоотӣ", "хатҳои боварӣ барои қурбониён", "кормандони қӯшунҳои сарҳадӣ",
               "механизмҳои равонакунӣ", "дастурҳои методӣ барои нозирони меҳнат", "паноҳгоҳҳо барои занон",
               "дарсҳо оид ба муҳоҷирати бехатар", "пойгоҳҳои маълумот оид ба парвандаҳо", "судяҳо ва прокурорҳо",
               "кормандони консулгариҳо", "гурӯҳҳои сайёр", "маърӯзаҳои миллӣ", "пешвоёни ҷамоатҳо",
               "хадамоти кӯмаки ҳуқуқӣ"],
    "places": ["дар вилояти Хатлон", "дар вилояти Суғд", "дар шаҳри Душанбе", "дар ноҳияҳои кӯҳистон",
               "дар постҳои сарҳадӣ", "дар мактабҳои деҳот", "дар марказҳои вилоятҳо", "дар саросари кишвар"],
    "sections": ["Такмили заминаи ҳуқуқӣ", "Пешгирии хариду фурӯши одамон", "Ҳифзи қурбониён",
                 "Таъқиби ҷиноии савдогарони одам", "Муҳоҷирати бехатари меҳнатӣ", "Ҳамкорӣ бо шарикон",
                 "Таҳқиқот ва мониторинг", "Омӯзиши шахсони мансабдор"],
    "problems": ["Огоҳии пасти аҳолӣ аз хатарҳо", "Қурбониён муайян карда намешаванд", "Парвандаҳои кам ба суд мерасанд",
                 "Ҳамоҳангсозии сусти байни мақомот", "Маълумот дар бораи миқёси мушкилот вуҷуд надорад"],
    "steps": ["Таҳияи лоиҳаи низомнома", "Мувофиқа намудани лоиҳа бо вазоратҳо", "Ворид намудани лоиҳа ба Ҳукумат",
              "Гузаронидани мизи мудаввар", "Нашр ва паҳн намудани мавод", "Пешниҳоди ҳисобот оид ба натиҷаҳо",
              "Интихоби ноҳияҳои озмоишӣ", "Омӯзонидани кормандон"],
    "items": ["дар мактабҳо", "дар воситаҳои ахбори омма", "дар гузаргоҳҳои сарҳадӣ",
              "дар байни муҳоҷирони бозгашта", "тавассути шӯроҳои маҳаллӣ", "якҷоя бо ТҒД"],
    "keyword": "Фасл", "lead": "Иҷро намудани корҳои зерин:",
    "title": "Нақшаи чорабиниҳо оид ба пешгирии хариду фурӯши одамон барои солҳои {p0}-{p1}",
    "decree": ["ҲУКУМАТИ ҶУМҲУРИИ ТОҶИКИСТОН", "ҚАРОР",
               "Дар бораи Нақшаи чорабиниҳо оид ба пешгирии хариду фурӯши одамон барои солҳои {p0}-{p1}",
               "Мутобиқи Қонун дар бораи муқовимат ба хариду фурӯши одамон Ҳукумат қарор мекунад:",
               "1. Нақшаи чорабиниҳо оид ба пешгирии хариду фурӯши одамон барои солҳои {p0}-{p1} тасдиқ карда шавад "
               "(замима мегардад).",
               "2. Вазорати тандурустӣ ва Вазорати корҳои дохилӣ то 1 декабри соли {p1} оид ба иҷрои он ҳисобот "
               "пешниҳод намоянд.",
               "3. Қарори мазкур аз рӯзи интишор мавриди амал қарор дода шавад.",
               "Раиси Ҳукумат", "Замимаи 1"],
    "after": [("Замимаи 2", "Нишондиҳандаҳои мақсадноки Нақшаи чорабиниҳо",
               ["№", "Нишондиҳанда", "Воҳиди ченак", "{p0}", "{p1}"],
               [["1.", "Қурбониёни муайяншуда", "нафар", "120", "150"],
                ["2.", "Шахсони мансабдори омӯзонидашуда", "нафар", "300", "450"]]),
              ("Замимаи 3", "Рӯйхати мақомоте, ки ҳисобот пешниҳод мекунанд",
               ["№", "Номи мақомот", "Суроға"],
               [["1.", "Вазорати меҳнат ва ҳифзи иҷтимоии аҳолӣ", "Душанбе"],
                ["2.", "Кумитаи кор бо ҷавонон", "Душанбе"]])],
    "extras": {"Манбаи маблағгузорӣ": ["Буҷети давлатӣ", "Маблағҳои донорҳо", "Дар доираи буҷет"],
               "Эзоҳ": ["Аввал лоиҳаи озмоишӣ", "Якҷоя бо ТҒД", "Ҳангоми мавҷуд будани маблағ"]},
}
STEP_HEADERS = {"en": ["Mechanism of implementation", "Implementation mechanism"],
                "ru": ["Механизм реализации", "Форма завершения"],
                "tg": ["Механизми амалигардонӣ", "Шакли анҷомёбӣ"]}


def timeframe(rnd: random.Random, period: tuple[int, int], lang: str) -> tuple[str, str, str, str]:
    """(text, start, end, recurrence): a deadline form of the grammar, with its reading."""
    p0, p1 = period
    y = rnd.randint(p0, p1)
    y2 = rnd.randint(y, p1)
    m, q, h = rnd.randint(1, 12), rnd.randint(1, 4), rnd.randint(1, 2)
    quarter = (f"{y}-{3 * q - 2:02d}", f"{y}-{3 * q:02d}", "once")
    half = (f"{y}-{6 * h - 5:02d}", f"{y}-{6 * h:02d}", "once")
    if lang == "tg":
        return rnd.choice([(f"соли {y}", f"{y}", f"{y}", "once"), (f"солҳои {y}–{y2}", f"{y}", f"{y2}", "once"),
                           (f"дар давоми соли {y}", f"{y}", f"{y}", "once"),
                           (f"семоҳаи {ROMAN[q - 1]} соли {y}", *quarter),
                           (f"нимсолаи {ROMAN[h - 1]} соли {y}", *half),
                           (f"то 1 {MONTHS['tg'][m - 1]} соли {y}", "", f"{y}-{m:02d}", "once"),
                           ("Доимо", f"{p0}", f"{p1}", "ongoing"), ("Ҳар сол", f"{p0}", f"{p1}", "annual"),
                           ("Ҳар семоҳа", f"{p0}", f"{p1}", "quarterly"), ("Ҳангоми зарурат", "", "", "as_needed")])
    if lang == "ru":
        forms = [(f"{y}", f"{y}", f"{y}", "once"), (f"{y} год", f"{y}", f"{y}", "once"),
                 (f"{y}\u2013{y2} годы", f"{y}", f"{y2}", "once"),
                 (f"В течение {y} года", f"{y}", f"{y}", "once"),
                 (f"{ROMAN[q - 1]} квартал {y} года", *quarter), (f"{ROMAN[h - 1]} полугодие {y} года", *half),
                 (f"до 1 {MONTHS['ru'][m - 1]} {y} года", "", f"{y}-{m:02d}", "once"),
                 ("Постоянно", f"{p0}", f"{p1}", "ongoing"), ("Ежегодно", f"{p0}", f"{p1}", "annual"),
                 ("Ежеквартально", f"{p0}", f"{p1}", "quarterly"), ("По мере необходимости", "", "", "as_needed")]
    else:
        forms = [(f"{y}", f"{y}", f"{y}", "once"), (f"{y} \u2013 {y2}", f"{y}", f"{y2}", "once"),
                 (f"{MONTHS['en'][m - 1]} {y}", f"{y}-{m:02d}", f"{y}-{m:02d}", "once"),
                 (f"{ROMAN[q - 1]} quarter {y}", *quarter), (f"Q{q} {y}", *quarter),
                 (f"{['1st', '2nd'][h - 1]} half of {y}", *half), (f"During {y}", f"{y}", f"{y}", "once"),
                 (f"By 1 {MONTHS['en'][m - 1]} {y}", "", f"{y}-{m:02d}", "once"),
                 ("Permanently", f"{p0}", f"{p1}", "ongoing"), ("Annually", f"{p0}", f"{p1}", "annual"),
                 ("Quarterly", f"{p0}", f"{p1}", "quarterly"), ("Upon necessity", "", "", "as_needed")]
    return rnd.choice(forms)


# -- content ----------------------------------------------------------------------

@dataclass
class Step:
    paragraphs: list[str]  # one, or several numbered steps in one cell with one deadline
    timeframe: tuple[str, str, str, str]


@dataclass
class Measure:
    number: str  # as printed (`1.1.3.`, `1.1`, `7.`) or "" when unnumbered
    measure_id: str  # what the extraction must give: the number without its dot, or the position
    lead: str
    items: list[str]  # `a) ...` paragraphs after the lead
    timeframe: tuple[str, str, str, str]
    agencies: list[tuple[str, str]]
    agency_paragraphs: list[str]
    indicator: str
    extras: dict[str, str]
    steps: list[Step] = field(default_factory=list)
    agencies_merged: bool = False  # the agency cell of the measure above is merged down over this one
    shared_paragraphs: list[str] = field(default_factory=list)  # that cell's text, written out in a block

    @property
    def text(self) -> str:
        return " ".join([self.lead, *self.items])


@dataclass
class Group:
    """A section (objective) or a sub-section (problem): its label as printed, id and title."""

    label: str
    gid: str
    title: str
    children: list = field(default_factory=list)  # sub-groups or measures


@dataclass
class Shape:
    lang: str = "en"
    hierarchy: str = "columns"  # columns | objective_column | sections | objective_rows
    numbering: str = "inline"  # inline | column_hier | column_flat | column_restart | none
    section_label: str = "roman"  # roman | arabic | keyword | none (sections only)
    section_span: bool = True  # a section row spans the table (else it fills only its first text cell)
    subsections: bool = False
    steps: bool = False
    items: bool = False
    merged_agencies: bool = False
    surroundings: bool = False
    agency_lines: bool = False  # some agency cells list one body per paragraph
    # a row holding several measures sets each cell's per-measure lists apart by an empty paragraph
    # (as writers do to line them up); without it, a cell listing one body per paragraph for several
    # measures does not say where one measure's list ends
    gaps: bool = False
    # drawn only for the scraper's form (`scraper_shape`): steps numbered `1.`, `2.` in each measure,
    # bodies' names cut over two lines (paragraphs) of their cell, the indicator column or none
    step_labels: str = "none"  # none | dot
    cut_names: bool = False
    indicator: bool = True


@dataclass
class Plan:
    shape: Shape
    title: str
    period: tuple[int, int]
    columns: list[tuple[str, str]]  # (key, header text): key a role, or the extra column's header
    sections: list[Group]

    def measures(self) -> list[tuple[Group, Group | None, Measure]]:
        out = []
        for s in self.sections:
            for child in s.children:
                if isinstance(child, Group):
                    out.extend((s, child, m) for m in child.children)
                else:
                    out.append((s, None, child))
        return out


SHAPES = {
    # hierarchy: the numbering styles it is drawn with
    "columns": ["inline", "column_hier"],
    "objective_column": ["inline", "column_hier"],
    "sections": ["inline", "column_hier", "column_flat", "column_restart", "none"],
    "objective_rows": ["column_hier", "column_flat"],
}


def draw_shape(rnd: random.Random, lang: str | None = None, form: str | None = None) -> Shape:
    hierarchy = rnd.choice(sorted(SHAPES))
    lang = lang or rnd.choice([code.value for code in Language])
    shape = Shape(lang=lang, hierarchy=hierarchy, numbering=rnd.choice(SHAPES[hierarchy]))
    if hierarchy == "sections":
        shape.section_label = rnd.choice(["roman", "arabic", "keyword", "none"])
        if shape.numbering == "inline" and shape.section_label == "none":
            shape.section_label = "arabic"  # `1.1.` needs its section's number
        shape.section_span = rnd.random() < 0.7
        shape.subsections = shape.section_label != "none" and shape.numbering != "inline" and rnd.random() < 0.3
    shape.steps = rnd.random() < 0.3
    shape.items = rnd.random() < 0.3
    shape.merged_agencies = rnd.random() < 0.3
    shape.surroundings = rnd.random() < 0.4
    shape.agency_lines = rnd.random() < 0.2
    shape.gaps = rnd.random() < (0.8 if shape.agency_lines else 0.25)
    return scraper_shape(rnd, shape) if form == "text-scraper" else shape


def scraper_shape(rnd: random.Random, shape: Shape) -> Shape:
    """A shape as a legislation database holds its plans (the draws above are left as they are,
    so the other forms' plans stay the same): steps in most measures, numbered in each measure
    most often; bodies' names cut over two lines of their cell; no indicator column at times."""
    shape.steps = rnd.random() < 0.7
    shape.step_labels = "dot" if shape.steps and rnd.random() < 0.7 else "none"
    shape.cut_names = rnd.random() < 0.6
    shape.indicator = rnd.random() < 0.5
    if shape.step_labels == "dot" and (shape.hierarchy in ("columns", "objective_column")
                                       or shape.section_label == "arabic"):
        # the headings those databases print over numbered steps: a Roman or keyword section row, or
        # objective rows under the `No.`; headings numbered `1.` as the steps are tell apart only
        # by counting (a step `1.` under objective `1.`), which the family does not draw
        shape.hierarchy = rnd.choice(["sections", "objective_rows"])
        shape.numbering = rnd.choice(SHAPES[shape.hierarchy])
        shape.section_label = rnd.choice(["roman", "keyword"])
        shape.subsections = shape.hierarchy == "sections" and shape.numbering != "inline" and rnd.random() < 0.3
    return shape


def draw(rnd: random.Random, shape: Shape | None = None, max_sections: int = 4, max_measures: int = 6,
         form: str | None = None) -> Plan:
    """A plan of `shape` (else one drawn, as for `form`: `draw_shape`)."""
    shape = shape or draw_shape(rnd, form=form)
    words = WORDS[shape.lang]
    headers = _headers(shape.lang)
    p0 = rnd.randint(2008, 2020)
    period = (p0, p0 + rnd.randint(1, 4))
    extras = rnd.sample(sorted(words["extras"]), rnd.choice([0, 0, 1]))
    roles = ("timeframe", "agencies", "indicator") if shape.indicator else ("timeframe", "agencies")
    tail = [(role, rnd.choice(headers[role])) for role in roles]
    tail += [(name, name) for name in extras]
    rnd.shuffle(tail)
    number = ("number", rnd.choice({"ru": ["№", "№ п/п"], "tg": ["№", "№ т/р"]}.get(shape.lang, ["No.", "№"])))
    columns: list[tuple[str, str]] = []
    if shape.hierarchy == "objective_rows":  # `№` first: it numbers the objective rows too
        columns += [number, ("objective", rnd.choice(headers["objective"]))]
    elif shape.hierarchy in ("columns", "objective_column"):
        columns.append(("objective", rnd.choice(headers["objective"])))
        if shape.hierarchy == "columns":
            columns.append(("problem", rnd.choice(headers["problem"])))
    if shape.numbering.startswith("column") and shape.hierarchy != "objective_rows":
        columns.append(number)
    columns.append(("measure", rnd.choice(headers["measure"])))
    if shape.steps:
        columns.append(("step", rnd.choice(STEP_HEADERS[shape.lang])))
    columns += tail
    plan = Plan(shape, words["title"].format(p0=period[0], p1=period[1]), period, columns, [])
    flat = 0
    for s in range(1, rnd.randint(1, max_sections) + 1):
        section = _section(rnd, shape, s)
        plan.sections.append(section)
        problems = rnd.randint(1, 3) if shape.hierarchy == "columns" or shape.subsections else 0
        parents = [section]
        if problems:
            for p in range(1, problems + 1):
                sub = Group(*_sub_label(shape, section, p), rnd.choice(words["problems"]))
                section.children.append(sub)
            parents = section.children
        restart = 0
        for parent in parents:
            position = 0
            for _ in range(rnd.randint(1, max_measures)):
                flat, restart, position = flat + 1, restart + 1, position + 1
                parent.children.append(_measure(rnd, plan, parent, flat, restart, position, extras))
    _merge_agencies(rnd, plan)
    return plan


def _section(rnd: random.Random, shape: Shape, s: int) -> Group:
    title = WORDS[shape.lang]["sections"][(s - 1) % 8]
    if shape.hierarchy != "sections":
        return Group(f"{s}.", str(s), title)
    label = {"roman": f"{ROMAN[s - 1]}.", "arabic": f"{s}.", "keyword": f"{WORDS[shape.lang]['keyword']} {s}.",
             "none": ""}[shape.section_label]
    return Group(label, str(s), title)


def _sub_label(shape: Shape, section: Group, p: int) -> tuple[str, str]:
    pid = f"{section.gid}.{p}"
    return f"{pid}.", pid


def _measure(rnd, plan: Plan, parent: Group, flat: int, restart: int, position: int, extras) -> Measure:
    shape, words = plan.shape, WORDS[plan.shape.lang]
    numbering = shape.numbering
    if numbering == "inline":
        mid = f"{parent.gid}.{position}"
        number = f"{mid}."
    elif numbering == "column_hier":
        mid = f"{parent.gid}.{position}"
        number = mid if rnd.random() < 0.5 else f"{mid}."
    elif numbering in ("column_flat", "column_restart"):
        mid = str(flat if numbering == "column_flat" else restart)
        number = f"{mid}."
    else:
        mid, number = str(position), ""
    verb, done = rnd.choice(words["verbs"])
    thing, place = rnd.choice(words["things"]), rnd.choice(words["places"])
    agencies: list[tuple[str | None, str]] = list(rnd.sample(_agencies(shape.lang), rnd.randint(1, 3)))
    if rnd.random() < 0.15:  # a body with commas in its name, or a generic one
        agencies.insert(rnd.randint(0, len(agencies)), (None, rnd.choice(OTHER_BODIES[shape.lang])))
    paragraphs = [", ".join(name for _, name in agencies)]
    if len(agencies) >= 2 and rnd.random() < 0.15:  # a list continued in a second paragraph
        cut = rnd.randint(1, len(agencies) - 1)
        paragraphs = [", ".join(n for _, n in agencies[:cut]) + ",", ", ".join(n for _, n in agencies[cut:])]
    elif len(agencies) >= 2 and shape.agency_lines and rnd.random() < 0.5:  # one body per paragraph, no commas
        paragraphs = [name for _, name in agencies]
    m = Measure(number, mid, f"{verb} {thing} {place}", [], timeframe(rnd, plan.period, shape.lang), agencies,
                paragraphs, f"{thing[0].upper()}{thing[1:]} {done} {place}",
                {name: rnd.choice(words["extras"][name]) for name in extras})
    if shape.items and rnd.random() < 0.4:
        marker = rnd.choice(["letter", "dash", "bullet"])
        picked = rnd.sample(words["items"], rnd.randint(2, 3))
        letters = "abcdef" if shape.lang == "en" else "абвгде"
        m.lead = f"{verb} {thing}:" if rnd.random() < 0.5 else words["lead"]
        m.items = [{"letter": f"{letters[i]}) ", "dash": "- ", "bullet": "\u2022 "}[marker] + text
                   for i, text in enumerate(picked)]
    if shape.steps and rnd.random() < 0.7:
        for _ in range(rnd.randint(1, 3)):
            texts = [rnd.choice(words["steps"])]
            if rnd.random() < 0.15:  # several numbered steps in one cell, one deadline
                texts = [f"{i + 1}) {t}" for i, t in enumerate(rnd.sample(words["steps"], 2))]
            m.steps.append(Step(texts, timeframe(rnd, plan.period, shape.lang)))
        m.timeframe = _steps_timeframe(m.steps)
    elif shape.steps:
        m.steps = [Step([rnd.choice(words["steps"])], m.timeframe)]
    if shape.step_labels == "dot":
        _number_steps(rnd, m.steps, words["steps"])
    if shape.cut_names:
        m.agency_paragraphs = _cut_a_name(rnd, m.agency_paragraphs, shape.lang)
    if not shape.indicator:
        m.indicator = ""
    return m


def _number_steps(rnd: random.Random, steps: list[Step], texts_of_steps: list[str]) -> None:
    """The steps of a measure numbered `1.`, `2.` ... across its sub-rows, as a legislation
    database prints them; a cell of several steps under one deadline numbers each of them."""
    n = 1
    for step in steps:
        texts = [t.split(") ", 1)[1] if t[:1].isdigit() and ") " in t else t for t in step.paragraphs]
        if len(texts) == 1 and rnd.random() < 0.15:  # a second numbered paragraph under the same deadline
            texts.append(rnd.choice([w for w in texts_of_steps if w != texts[0]]))
        step.paragraphs = [f"{n + i}. {t}" for i, t in enumerate(texts)]
        n += len(texts)


def _cut_a_name(rnd: random.Random, paragraphs: list[str], lang: str) -> list[str]:
    """An agency cell whose author broke a body's name over two lines: one of its paragraphs cut
    in the middle of a name, where the cut shows (the second line goes on in lower case, or the
    first ends with a short joining word: `of`, `и`, `ва`)."""
    if not paragraphs or rnd.random() < 0.4:
        return paragraphs
    k = rnd.randrange(len(paragraphs))
    words = paragraphs[k].split(" ")
    cuts = [i for i in range(1, len(words))
            if not words[i - 1].endswith(",") and (words[i][:1].islower() or _joining(words[i - 1]))]
    if not cuts:
        return paragraphs
    i = rnd.choice(cuts)
    return paragraphs[:k] + [" ".join(words[:i]), " ".join(words[i:])] + paragraphs[k + 1:]


def _joining(word: str) -> bool:
    return word.islower() and len(word) <= 3


def _steps_timeframe(steps: list[Step]) -> tuple[str, str, str, str]:
    """A measure's timeframe from its steps': texts joined with ` | `; the earliest start (empty if a
    step states none), the latest end (empty if a step states none); the first recurrence other than once."""
    starts = [s.timeframe[1] for s in steps]
    ends = [s.timeframe[2] for s in steps]
    recurrences = [s.timeframe[3] for s in steps if s.timeframe[3] != "once"]
    return (" | ".join(s.timeframe[0] for s in steps), min(starts) if all(starts) else "",
            max(ends) if all(ends) else "", recurrences[0] if recurrences else "once")


def _merge_agencies(rnd: random.Random, plan: Plan) -> None:
    """Runs of 2-3 measures of one group that share one merged agency cell (rows layout)."""
    if not plan.shape.merged_agencies:
        return
    groups: dict[int, list[Measure]] = {}
    for s, sub, m in plan.measures():
        groups.setdefault(id(sub or s), []).append(m)
    for measures in groups.values():
        i = 0
        while i < len(measures) - 1:
            if rnd.random() < 0.4:
                run = measures[i:i + rnd.randint(2, 3)]
                for m in run[1:]:
                    m.agencies, m.agency_paragraphs, m.agencies_merged = run[0].agencies, [], True
                    m.shared_paragraphs = list(run[0].agency_paragraphs)
                i += len(run)
            else:
                i += 1


# -- what a perfect extraction gives ------------------------------------------------

def shape_hier(plan: Plan) -> bool:
    """Measure numbers that carry their section's (`1.2.`)."""
    return plan.shape.numbering in ("inline", "column_hier")


def expected_rows(plan: Plan) -> list[dict]:
    out = []
    for s, sub, m in plan.measures():
        text, start, end, rec = m.timeframe
        # a section printed without a number has one only where its measures' numbers carry it
        objective_id = s.gid if s.label or shape_hier(plan) else ""
        out.append({"objective_id": objective_id, "objective": s.title, "problem_id": sub.gid if sub else "",
                    "problem": sub.title if sub else "", "measure_id": m.measure_id, "measure": m.text,
                    "timeframe": text, "timeframe_start": start, "timeframe_end": end,
                    "timeframe_recurrence": rec, "agency_ids": [i for i, _ in m.agencies if i],
                    "indicator": m.indicator, "extra": dict(m.extras),
                    "steps": [(" ".join(st.paragraphs), *st.timeframe) for st in m.steps]})
    return out


# -- the logical grid ---------------------------------------------------------------

@dataclass
class GCell:
    paragraphs: list[str]
    rowspan: int = 1
    colspan: int = 1


Grid = list[list["GCell | None"]]  # None: covered by a span from above or from the left


def _heading_text(g: Group) -> str:
    return f"{g.label} {g.title}" if g.label else g.title


def grid(plan: Plan, layout: str) -> tuple[list[str], Grid]:
    """(header texts, body rows) of the plan's table in a layout: `rows` or `blocks`."""
    keys = [k for k, _ in plan.columns]
    width = len(keys)
    rows: Grid = []
    shape = plan.shape
    text_at = 1 if keys[0] == "number" else 0  # the first text cell of a row

    def heading(g: Group, column: str | None) -> None:
        row: list[GCell | None] = [GCell([]) for _ in keys]
        if column is not None:  # objective rows: the number in `№`, the text in its own column
            if "number" in keys:
                row[keys.index("number")] = GCell([g.label.rstrip(".")] if g.label else [])
                row[keys.index(column)] = GCell([g.title])
            else:
                row[keys.index(column)] = GCell([_heading_text(g)])
        elif shape.section_span:
            row = [GCell([_heading_text(g)], colspan=width)] + [None] * (width - 1)
        else:
            row[text_at] = GCell([_heading_text(g)])
        rows.append(row)

    def number_cell(measures: list[Measure]) -> GCell:
        return GCell([m.number for m in measures if m.number])

    def measure_paragraphs(m: Measure) -> list[str]:
        first = f"{m.number} {m.lead}" if shape.numbering == "inline" else m.lead
        return [first, *m.items]

    for s in plan.sections:
        subs = [c for c in s.children if isinstance(c, Group)] or [None]
        if shape.hierarchy in ("sections", "objective_rows"):
            heading(s, "objective" if shape.hierarchy == "objective_rows" else None)
        for sub in subs:
            if sub is not None and shape.hierarchy != "columns":
                heading(sub, None)
            measures = sub.children if sub is not None else s.children
            if layout == "blocks" and not shape.steps:
                rows.append(_block_row(plan, keys, s, sub, measures, measure_paragraphs, number_cell))
                continue
            for m in measures:
                rows.extend(_measure_rows(plan, keys, s, sub, m, measure_paragraphs(m), number_cell([m]), layout))
    _span_columns(plan, keys, rows)
    return [name for _, name in plan.columns], rows


def _block_row(plan, keys, s, sub, measures, measure_paragraphs, number_cell) -> list:
    def listed(lists: list[list[str]]) -> GCell:
        """The measures' lists one after the other; with `gaps`, an empty paragraph between two."""
        lists = [x for x in lists if x]
        if plan.shape.gaps:
            return GCell([p for k, x in enumerate(lists) for p in ([""] if k else []) + x])
        return GCell([p for x in lists for p in x])

    row: list[GCell | None] = []
    for key in keys:
        if key == "objective":
            row.append(GCell([_heading_text(s)] if plan.shape.hierarchy != "objective_rows" else []))
        elif key == "problem":
            row.append(GCell([_heading_text(sub)] if sub else []))
        elif key == "number":
            row.append(listed([number_cell([m]).paragraphs for m in measures]))
        elif key == "measure":
            row.append(listed([measure_paragraphs(m) for m in measures]))
        else:
            row.append(listed([_cell(plan, key, m) for m in measures]))
    return row


def _cell(plan: Plan, key: str, m: Measure) -> list[str]:
    if key == "timeframe":
        return [m.timeframe[0]]
    if key == "agencies":
        return list(m.agency_paragraphs or m.shared_paragraphs)
    if key == "indicator":
        return [m.indicator] if m.indicator else []
    return [m.extras[key]]


def _measure_rows(plan, keys, s, sub, m: Measure, measure: list[str], number: GCell, layout: str) -> list:
    """A measure's rows: one, or one per step (blocks: one row, the steps as paragraphs)."""
    steps = m.steps or [None]
    out: list[list[GCell | None]] = []
    if layout == "blocks" and m.steps:  # one row: the step and timeframe cells list every step
        row: list[GCell | None] = []
        for key in keys:
            if key == "step":
                row.append(GCell([p for st in m.steps for p in st.paragraphs]))
            elif key == "timeframe":
                row.append(GCell([st.timeframe[0] for st in m.steps]))
            else:
                row.append(_first_row_cell(plan, key, s, sub, m, measure, number))
        return [row]
    for k, st in enumerate(steps):
        row = []
        for key in keys:
            if key == "step":
                row.append(GCell(list(st.paragraphs) if st else []))
            elif key == "timeframe" and st is not None:
                row.append(GCell([st.timeframe[0]]))
            elif k == 0:
                row.append(_first_row_cell(plan, key, s, sub, m, measure, number))
                if row[-1] is not None and len(steps) > 1:
                    row[-1].rowspan = len(steps)
            else:
                row.append(None)
        out.append(row)
    return out


def _first_row_cell(plan, key, s, sub, m, measure, number) -> GCell | None:
    if key == "objective":
        return GCell([_heading_text(s)] if plan.shape.hierarchy != "objective_rows" else [])
    if key == "problem":
        return GCell([_heading_text(sub)] if sub else [])
    if key == "number":
        return number
    if key == "measure":
        return GCell(measure)
    return GCell(_cell(plan, key, m))


def _span_columns(plan: Plan, keys: list[str], rows: Grid) -> None:
    """Merge down, over the rows of their measures: the objective and problem cells, and an
    agency cell shared with the measures below it (`agencies_merged`)."""
    for key in ("objective", "problem"):
        if key not in keys or plan.shape.hierarchy == "objective_rows":
            continue
        c = keys.index(key)
        r = 0
        while r < len(rows):
            cell = rows[r][c]
            if cell is None or not cell.paragraphs:
                r += 1
                continue
            end = r + cell.rowspan
            while end < len(rows) and rows[end][c] is not None and rows[end][c].paragraphs == cell.paragraphs:
                below = rows[end][c]
                rows[end][c] = None
                end += below.rowspan
            cell.rowspan = end - r
            r = end
    if "agencies" in keys:
        c = keys.index("agencies")
        last = None
        for r, row in enumerate(rows):
            cell = row[c]
            if cell is None:
                continue
            if cell.paragraphs:
                last = (r, cell)
            elif last is not None and _merged_agencies_row(plan, rows, r):
                row[c] = None
                last[1].rowspan = r - last[0] + row[keys.index("measure")].rowspan


def _merged_agencies_row(plan: Plan, rows: Grid, r: int) -> bool:
    """Is row r a measure whose agency cell is merged into the one above?  (Its agency cell is
    empty only then: every measure names an agency.)"""
    keys = [k for k, _ in plan.columns]
    cell = rows[r][keys.index("measure")]
    return cell is not None and bool(cell.paragraphs)


# -- forms ----------------------------------------------------------------------------

def layout_of(form: str, plan: Plan, rnd: random.Random | None = None) -> str:
    if form == "text-col":
        return "blocks"
    if form in ("text-row", "text-scraper"):
        return "rows"
    if plan.shape.merged_agencies:
        return "rows"  # a merged cell: one measure per row
    return (rnd or random.Random(0)).choice(["rows", "blocks"])


def _before(plan: Plan) -> list[str]:
    words = WORDS[plan.shape.lang]
    p0, p1 = plan.period
    decree = [t.format(p0=p0, p1=p1) for t in words["decree"]] if plan.shape.surroundings else []
    return decree + [plan.title]


def _after(plan: Plan) -> list[tuple[str, str, list[str], list[list[str]]]]:
    if not plan.shape.surroundings:
        return []
    p0, p1 = plan.period
    return [(marker, title, [h.format(p0=p0, p1=p1) for h in header], rows)
            for marker, title, header, rows in WORDS[plan.shape.lang]["after"]]


def render_text(plan: Plan, layout: str, scraper: bool = False) -> str:
    """The table copied row by row, cell by cell, one line per paragraph; a merged cell once; an
    empty paragraph as a line of a no-break space (as a browser's copy gives it), or (`scraper`)
    left out, the lines one under the other with no blank line between."""
    header, rows = grid(plan, layout)
    lines = _before(plan) + header
    for row in rows:
        lines += [p or "\u00a0" for cell in row if cell is not None for p in cell.paragraphs if p or not scraper]
    for marker, title, other_header, other_rows in _after(plan):
        lines += [marker, title, *other_header, *[c for r in other_rows for c in r]]
    return ("\n" if scraper else "\n\n").join(lines) + "\n"


def render_docx(plan: Plan, path: Path, layout: str) -> Path:
    from docx import Document

    header, rows = grid(plan, layout)
    doc = Document()
    for text in _before(plan):
        doc.add_paragraph(text)
    _docx_table(doc, [[GCell([h]) for h in header]] + rows)
    for marker, title, other_header, other_rows in _after(plan):
        doc.add_paragraph(marker)
        doc.add_paragraph(title)
        _docx_table(doc, [[GCell([h]) for h in other_header]] + [[GCell([c]) for c in r] for r in other_rows])
    doc.save(path)
    return path


def _docx_table(doc, rows: Grid) -> None:
    width = len(rows[0])
    table = doc.add_table(rows=len(rows), cols=width)
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if cell is None:
                continue
            target = table.rows[r].cells[c]
            target.paragraphs[0].text = cell.paragraphs[0] if cell.paragraphs else ""
            for text in cell.paragraphs[1:]:
                target.add_paragraph(text)
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if cell is not None and (cell.rowspan > 1 or cell.colspan > 1):
                table.rows[r].cells[c].merge(table.rows[r + cell.rowspan - 1].cells[c + cell.colspan - 1])


def render_html(plan: Plan, path: Path, layout: str) -> Path:
    from html import escape

    header, rows = grid(plan, layout)

    def table(rows: Grid) -> str:
        out = ["<table border=\"1\">"]
        for row in rows:
            cells = []
            for cell in row:
                if cell is None:
                    continue
                spans = (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "") + \
                        (f' colspan="{cell.colspan}"' if cell.colspan > 1 else "")
                cells.append(f"<td{spans}>" + "".join(f"<p>{escape(p) or '&nbsp;'}</p>" for p in cell.paragraphs) + "</td>")
            out.append("<tr>" + "".join(cells) + "</tr>")
        return "\n".join(out + ["</table>"])

    parts = ["<html><head><meta charset=\"utf-8\"></head><body>"]
    parts += [f"<p>{escape(t)}</p>" for t in _before(plan)]
    parts.append(table([[GCell([h]) for h in header]] + rows))
    for marker, title, other_header, other_rows in _after(plan):
        parts += [f"<p>{escape(marker)}</p>", f"<h3>{escape(title)}</h3>",
                  table([[GCell([h]) for h in other_header]] + [[GCell([c]) for c in r] for r in other_rows])]
    path.write_text("\n".join(parts + ["</body></html>"]), encoding="utf-8")
    return path


PDF_STYLES = ("spaced", "tight", "tight-split")  # paragraphs set apart or not; rows broken across pages


def render_pdf(plan: Plan, path: Path, layout: str, style: str = "spaced", maker: type[GridPdf] | None = None
               ) -> Path:
    """`style`: `spaced` (paragraphs 2 pt apart, rows kept on one page), `tight` (no space
    between paragraphs: the breaks inside a cell cannot be seen), `tight-split` (and a row that
    does not fit is broken across the page, at whatever line falls there).  `maker`: the class
    that draws the page (`GridPdf`; `tests/word_like.py` draws as Word exports)."""
    header, rows = grid(plan, layout)
    pdf = (maker or GridPdf)(gap=0.0 if style.startswith("tight") else 2.0, split_rows=style.endswith("split"))
    pdf.paragraphs(_before(plan))
    pdf.table(header, rows, _widths([k for k, _ in plan.columns]))
    for marker, title, other_header, other_rows in _after(plan):
        pdf.paragraphs([marker, title], gap_before=pdf.pitch * 2)
        pdf.table(other_header, [[GCell([c]) for c in r] for r in other_rows], [1.0] * len(other_header))
    pdf.save(path)
    return path


def _widths(keys: list[str]) -> list[float]:
    weight = {"number": 0.35, "objective": 1.2, "problem": 1.2, "measure": 2.2, "step": 1.6, "timeframe": 0.9,
              "agencies": 1.6, "indicator": 1.5}
    return [weight.get(k, 1.0) for k in keys]


def left_out(plan: Plan, form: str, rnd: random.Random) -> str | None:
    """Why the property leaves this plan out in this form (None: it does not), with `rnd` as
    `render` will get it (it is not consumed). The module `tests/test_plan_family.py` says why."""
    shape = plan.shape
    if form.startswith("text") or form == "pdf":
        if shape.hierarchy == "sections" and shape.section_label == "none" \
                and shape.numbering in ("none", "column_flat"):
            return "section titles without a number, measures without a section number"
        if shape.numbering == "none" and shape.steps:
            return "steps in sub-rows of measures without a number"
    if form == "pdf" and shape.numbering == "none":
        copy = random.Random()
        copy.setstate(rnd.getstate())
        layout_of("pdf", plan, copy)
        if copy.choice(PDF_STYLES).startswith("tight"):
            return "measures without a number set tight"
    return None


def render(plan: Plan, form: str, folder: Path, rnd: random.Random | None = None) -> Path:
    """The plan in one form, written into `folder`; returns its path."""
    layout = layout_of(form, plan, rnd)
    if form.startswith("text"):
        path = folder / "plan.txt"
        path.write_text(render_text(plan, layout, scraper=form == "text-scraper"), encoding="utf-8")
        return path
    path = folder / f"plan.{form}"
    if form == "pdf":
        return render_pdf(plan, path, layout, (rnd or random.Random(0)).choice(PDF_STYLES))
    return {"docx": render_docx, "html": render_html}[form](plan, path, layout)


def seeded_plan(seed: int, lang: str | None, form: str, folder: Path) -> tuple[Plan, Path]:
    """The family's plan of one seed and language, rendered in `form` into `folder` (made here),
    as every report draws it: the same plan and file for the same seed."""
    rnd = random.Random(seed)
    plan = draw(rnd, draw_shape(rnd, lang, form))
    folder.mkdir()
    return plan, render(plan, form, folder, random.Random(seed))


class GridPdf:
    """A ruled table with row and column spans, laid out with fpdf2 on A4 landscape pages.

    Each cell is a box of its own (so a span has no rule inside it); paragraphs are wrapped
    greedily and set `gap` apart; rows that a span ties together are kept on one page when
    they fit, or (`split_rows`) a row of its own that does not fit is broken at the page's
    last line, its cells going on at the top of the next; the header row is repeated on every
    page."""

    def __init__(self, size: float = 7.0, gap: float = 2.0, pad: float = 2.5, split_rows: bool = False):
        from fpdf import FPDF

        self.pdf = FPDF(orientation="L", unit="pt", format="A4")
        self.pdf.set_auto_page_break(False)
        self.pdf.add_font("DejaVu", fname=str(FONT))
        self.pdf.set_font("DejaVu", size=size)
        self.size, self.gap, self.pad, self.pitch = size, gap, pad, size * 1.25
        self.split_rows = split_rows
        self.left, self.top = 36.0, 36.0
        self.right, self.bottom = self.pdf.w - 36.0, self.pdf.h - 36.0
        self.pdf.add_page()
        self.y = self.top

    def text(self, x: float, baseline: float, line: str) -> None:
        """One line of text, its baseline `baseline` down from the page's top."""
        self.pdf.text(x, baseline, line)

    def box(self, x: float, y: float, w: float, h: float, header: bool = False) -> None:
        """A cell's box (`header`: the header row's)."""
        self.pdf.rect(x, y, w, h)

    def width(self, text: str) -> float:
        return self.pdf.get_string_width(text)

    def wrap(self, text: str, width: float) -> list[str]:
        lines, line = [], ""
        for word in text.split(" "):
            trial = f"{line} {word}" if line else word
            if self.width(trial) <= width - 2 * self.pad or not line:
                line = trial
            else:
                lines.append(line)
                line = word
        return lines + [line]

    def lines(self, paragraphs: list[str], width: float) -> list[tuple[str, float]]:
        out, y = [], 0.0
        for i, para in enumerate(paragraphs):
            y += self.gap if i else 0.0
            for line in self.wrap(para, width):
                out.append((line, y))
                y += self.pitch
        return out

    def paragraphs(self, texts: list[str], gap_before: float = 0.0) -> None:
        self.y += gap_before
        for text in texts:
            for line, _ in self.lines([text], self.right - self.left):
                if self.y + self.pitch > self.bottom:
                    self.pdf.add_page()
                    self.y = self.top
                self.text(self.left, self.y + self.size, line)
                self.y += self.pitch
            self.y += self.pitch * 0.8

    def table(self, header: list[str], rows: Grid, weights: list[float]) -> None:
        total = self.right - self.left
        widths = [total * w / sum(weights) for w in weights]
        xs = [self.left + sum(widths[:c]) for c in range(len(widths) + 1)]
        head = [GCell([h]) for h in header]
        all_rows = [head] + rows
        heights = self._heights(all_rows, xs)
        head_h = heights[0]
        if self.y + head_h + (heights[1] if len(heights) > 1 else 0) > self.bottom:
            self.pdf.add_page()
            self.y = self.top
        self._row(all_rows, 0, xs, heights, self.y)
        self.y += head_h
        r = 1
        while r < len(all_rows):
            end = self._group_end(all_rows, r)
            group_h = sum(heights[r:end])
            if self.split_rows and end == r + 1 and self.y + group_h > self.bottom \
                    and self.bottom - self.y >= self.pitch + 2 * self.pad:
                self._split_row(all_rows, r, xs, heights)
                r = end
                continue
            if self.y + group_h > self.bottom and group_h <= self.bottom - self.top - head_h:
                self._new_page(all_rows, xs, heights)
            for k in range(r, end):
                if self.y + heights[k] > self.bottom:
                    self._new_page(all_rows, xs, heights)
                self._row(all_rows, k, xs, heights, self.y)
                self.y += heights[k]
            r = end
        self.y += self.pitch

    def _split_row(self, rows: Grid, r: int, xs: list[float], heights: list[float]) -> None:
        """Row r broken across the page: each cell's lines that fit here, the rest at the top of
        the next page (under the repeated header) in a box of their own."""
        room = self.bottom - self.y - 2 * self.pad
        here, rest = [], []
        for c, cell in enumerate(rows[r]):
            lines = self.lines(cell.paragraphs, xs[c + cell.colspan] - xs[c]) if cell and cell.paragraphs else []
            here.append([(t, dy) for t, dy in lines if dy + self.pitch <= room])
            later = [(t, dy) for t, dy in lines if dy + self.pitch > room]
            top = later[0][1] if later else 0.0
            rest.append([(t, dy - top) for t, dy in later])
        for part, h in ((here, self.bottom - self.y), (rest, None)):
            if part is rest:
                self._new_page(rows, xs, heights)
                h = max((dy for lines in rest for _, dy in lines), default=0.0) + self.pitch + 2 * self.pad
            for c, cell in enumerate(rows[r]):
                if cell is None:
                    continue
                self.box(xs[c], self.y, xs[c + cell.colspan] - xs[c], h)
                for text, dy in part[c]:
                    self.text(xs[c] + self.pad, self.y + self.pad + dy + self.size, text)
            self.y += h

    def _new_page(self, rows, xs, heights) -> None:
        self.pdf.add_page()
        self.y = self.top
        self._row(rows, 0, xs, heights, self.y)
        self.y += heights[0]

    def _heights(self, rows: Grid, xs: list[float]) -> list[float]:
        heights = [self.pitch + 2 * self.pad] * len(rows)
        need = []
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                if cell is None:
                    continue
                lines = self.lines(cell.paragraphs, xs[c + cell.colspan] - xs[c]) if cell.paragraphs else []
                h = (lines[-1][1] + self.pitch if lines else self.pitch) + 2 * self.pad
                if cell.rowspan == 1:
                    heights[r] = max(heights[r], h)
                else:
                    need.append((r, cell.rowspan, h))
        for r, span, h in need:
            short = h - sum(heights[r:r + span])
            if short > 0:
                heights[r + span - 1] += short
        return heights

    def _group_end(self, rows: Grid, r: int) -> int:
        end = r + 1
        k = r
        while k < end:
            for cell in rows[k]:
                if cell is not None:
                    end = max(end, k + cell.rowspan)
            k += 1
        return end

    def _row(self, rows: Grid, r: int, xs: list[float], heights: list[float], y: float) -> None:
        """Row r at height y: each cell that starts in it (or, at the top of a page, a span that
        goes on from the page before, as an empty box) with its text."""
        for c, cell in enumerate(rows[r]):
            if cell is None:
                continue
            span = min(cell.rowspan, len(rows) - r)
            h = sum(heights[r:r + span])
            w = xs[c + cell.colspan] - xs[c]
            self.box(xs[c], y, w, h, header=r == 0)
            for text, dy in (self.lines(cell.paragraphs, w) if cell.paragraphs else []):
                self.text(xs[c] + self.pad, y + self.pad + dy + self.size, text)

    def save(self, path: Path) -> None:
        self.pdf.output(str(path))


# -- scoring ----------------------------------------------------------------------------

FIELDS = ("objective_id", "objective", "problem_id", "problem", "measure_id", "measure", "timeframe",
          "timeframe_start", "timeframe_end", "timeframe_recurrence", "agency_ids", "indicator", "extra", "steps")


def _steps_of(rec) -> list[tuple]:
    return [(s.text, s.timeframe, s.timeframe_start, s.timeframe_end, s.timeframe_recurrence)
            for s in getattr(rec, "steps", [])]


def score(records, expected: list[dict]) -> list[tuple[bool, bool, list[str]]]:
    """Per expected row: (recovered exactly, flagged: below 0.5 or with a flag that asks for a
    human's look, as the output's `needs_review` says, the fields that differ).

    Rows are paired by measure id and occurrence, so one lost row does not shift the rest."""
    seen: dict[str, int] = {}
    got = {}
    for rec in records:
        seen[rec.measure_id] = seen.get(rec.measure_id, 0) + 1
        got[(rec.measure_id, seen[rec.measure_id])] = rec
    seen.clear()
    out = []
    for want in expected:
        seen[want["measure_id"]] = seen.get(want["measure_id"], 0) + 1
        rec = got.get((want["measure_id"], seen[want["measure_id"]]))
        if rec is None:
            out.append((False, False, ["missing"]))
            continue
        wrong = [f for f in FIELDS if (_steps_of(rec) if f == "steps" else getattr(rec, f)) != want[f]]
        out.append((not wrong, needs_review(rec.confidence, rec.flag_names), wrong))
    return out


def shape_name(shape: Shape) -> str:
    """A short name of the shape, for reports: `sections/column_flat+steps+items`."""
    extras = [name for name in ("steps", "items", "merged_agencies", "surroundings", "subsections", "agency_lines",
                                "gaps", "cut_names") if getattr(shape, name)]
    extras += ["numbered_steps"] if shape.step_labels != "none" else []
    extras += [] if shape.indicator else ["no_indicator"]
    return f"{shape.lang}:{shape.hierarchy}/{shape.numbering}" + "".join(f"+{e}" for e in extras)
