"""A second version of the annex, made from raw/annex_en.txt by seven known edits.

Each edit names the source line it touches (line numbers of raw/annex_en.txt).
"""
from tests.conftest import RAW

EXPECTED = {
    ("changed", "1.1.4", "1.1.4", "timeframe"),
    ("removed", "1.1.5", None, None),
    ("changed", "2.1.4", "2.1.4", "agencies"),
    ("changed", "3.1.2", "3.1.2", "measure"),
    ("changed", "5.1.3", "5.1.3", "indicator"),
    ("renumbered", "6.1.4", "6.1.5", None),
    ("renumbered", "6.1.5", "6.1.6", None),
    ("added", None, "6.1.7", None),
}


def build_v2() -> str:
    lines = (RAW / "annex_en.txt").read_text(encoding="utf-8").split("\n")

    def edit(number: int, old: str, new: str) -> None:
        assert old in lines[number - 1], (number, old)
        lines[number - 1] = lines[number - 1].replace(old, new)

    edit(55, "2006 \u2013 2007", "2006 \u2013 2009")  # 1.1.4: a changed timeframe
    edit(137, "Ministry of Education", "Ministry of Education, Youth Committee")  # 2.1.4: an agency added
    edit(159, "Regulation of the activities of youth centers; establishment of similar centers in rural areas",
         "Regulation of the activities of youth centres and the establishment of similar centres in rural districts")
    edit(295 + 36, "Mechanisms of individual records developed",
         "Mechanisms of individual criminal records developed and in use")  # 5.1.3: a changed indicator
    edit(355, "6.1.4.", "6.1.5.")  # the duplicate number fixed ...
    edit(357, "6.1.5.", "6.1.6.")  # ... and the measure after it shifts
    # a new measure at the end of objective 6: measure, timeframe, agencies, indicator
    lines[392] += "\n\nReview reports published every year"
    lines[380] += "\n\nInteragency Commission on the Prevention of Human Traffic, Ministry of Foreign Affairs"
    lines[368] += "\n\nAnnually"
    lines[356] += "\n\n6.1.7. Annual review of the implementation of the Programme with international partners"
    # 1.1.5 removed: its measure, timeframe, agencies and indicator (from the bottom up)
    for number in (93, 75, 57, 39):
        del lines[number - 1: number + 1]
    return "\n".join(lines)
