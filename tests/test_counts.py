"""One definition of each count (issue 22): the JSON's `counts`, `-v`, the batch summary, the
review page and the diff's quality say the same numbers for the same file."""
import json

import lxml.html

from pipeline.contract import counts_text
from pipeline.diff import load_version
from pipeline.review import load, review_html
from tests.conftest import FIXTURES, RAW, annex

SOURCES = [RAW / "annex_en.txt", FIXTURES / "extra-timeframe-unplaced.txt"]


def test_every_surface_gives_the_same_counts(tmp_path):
    run = annex("-v", "extract", *SOURCES, "-o", tmp_path)
    assert run.returncode == 0
    for source in SOURCES:
        data = json.loads((tmp_path / f"{source.stem}.json").read_text(encoding="utf-8"))
        counts = data["counts"]
        records = data["records"]
        # the definitions, computed here from the rows themselves
        assert counts["rows"] == len(records) and counts["unplaced"] == len(data["unplaced"])
        assert counts["flagged_rows"] == sum(1 for r in records if r["flags"])
        assert counts["judgement_rows"] == sum(1 for r in records if r["confidence"] < 1)
        assert counts["flags"] == {name: sum(1 for r in records if name in {f["flag"] for f in r["flags"]})
                                   for name in sorted({f["flag"] for r in records for f in r["flags"]})}
        # -v
        assert f"annex: {source.name}: {counts_text(counts)}" in run.stderr.splitlines()
        # the review page
        page = lxml.html.fromstring(review_html(load(tmp_path / f"{source.stem}.json")))
        shown = {k: page.get_element_by_id(f"n-{k}").text for k in
                 ("rows", "rows-with-a-flag", "rows-with-a-judgement", "rows-needing-review", "paragraphs-not-placed")}
        assert shown == {"rows": str(counts["rows"]), "rows-with-a-flag": str(counts["flagged_rows"]),
                         "rows-with-a-judgement": str(counts["judgement_rows"]),
                         "rows-needing-review": str(counts["review_rows"]),
                         "paragraphs-not-placed": str(counts["unplaced"])}
        # the diff's quality
        quality = load_version(tmp_path / f"{source.stem}.json").quality
        assert (quality["judgement_rows"], quality["doubtful_rows"], quality["unplaced"]) == \
            (counts["judgement_rows"], counts["doubtful_rows"], counts["unplaced"])
    # the batch summary adds the files' counts up
    both = [json.loads((tmp_path / f"{s.stem}.json").read_text(encoding="utf-8"))["counts"] for s in SOURCES]
    total = sum(c["judgement_rows"] for c in both)
    assert f"{total} with a judgement" in run.stderr.splitlines()[-1]
