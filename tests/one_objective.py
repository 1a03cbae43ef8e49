"""A flattened annex whose one problem holds N measures (for the aligner's scaling).

`text(n, seed)` is deterministic: agency lists of one to four names, every seventh list
continued in a second paragraph after a trailing comma, every eleventh indicator missing
(every `missing_every`-th).
"""
import random

NAMES = ["Ministry of Health", "Ministry of Justice", "Ministry of Internal Affairs", "Ministry of Finance",
         "Ministry of Education", "Youth Committee", "Committee on Religious Affairs", "General Prosecutor's Office",
         "Ministry of Foreign Affairs", "TV and Radio Broadcasting Committee"]
VERBS = ["Train", "Publish", "Open", "Review", "Equip", "Survey", "Draft", "Monitor", "Fund", "Translate"]
THINGS = ["judges", "leaflets", "shelters", "hotlines", "guidelines", "border posts", "schools", "clinics",
          "reports", "curricula", "databases", "campaigns", "courts", "consulates", "media"]


def text(n: int, seed: int = 0, missing_every: int = 11) -> str:
    rnd = random.Random(seed)
    measures, timeframes, agencies, indicators = [], [], [], []
    for k in range(1, n + 1):
        verb, thing = rnd.choice(VERBS), rnd.choice(THINGS)
        place = f"in district {k}"
        measures.append(f"1.1.{k}. {verb} {thing} {place}")
        timeframes.append(rnd.choice(["2011", "2012 \u2013 2013", "Permanently", "Annually", "Q2 2012"]))
        names = rnd.sample(NAMES, rnd.randint(1, 4))
        if k % 7 == 0 and len(names) > 1:
            agencies += [", ".join(names[:1]) + ",", ", ".join(names[1:])]
        else:
            agencies.append(", ".join(names))
        if k % missing_every:
            indicators.append(f"{thing.capitalize()} {verb.lower()}ed {place}")
    paras = ["Plan for 2011-2013", "Objectives", "Typical problems", "Implementation measures", "Timeframe",
             "Executing agencies", "Indicators of achievement", "1. One objective", "1.1. One problem",
             *measures, *timeframes, *agencies, *indicators]
    return "\n\n".join(paras) + "\n"
