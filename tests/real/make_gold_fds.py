"""The two hand golds of the FDS 2021 pages: each row typed from the page (each SOURCE.md says how).

`python tests/real/make_gold_fds.py` rewrites `us-fds-2021-*/gold.csv`; it imports nothing from `pipeline/`.
"""
import csv
from pathlib import Path

HERE = Path(__file__).resolve().parent
COLS = ["row", "objective_id", "objective", "problem_id", "problem", "measure_id", "measure", "timeframe",
        "timeframe_start", "timeframe_end", "timeframe_recurrence", "agencies", "agency_ids", "agencies_unmatched",
        "agencies_raw", "indicator", "confidence", "flags"]
DEC = ("December 31, 2021", "2021-12", "2021-12", "once")
SEP = ("September 30, 2021", "2021-09", "2021-09", "once")
ANNUAL = ("2021", "2021", "annual")


def unparsed(text):
    return (text, "", "", "")


def write(path, extra, rows):
    extra = list(extra) if isinstance(extra, tuple) else [extra]
    with open(HERE / path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(COLS + extra)
        for i, (oid, obj, mid, measure, tf, unmatched, raw, ind, flags, ex) in enumerate(rows, 1):
            w.writerow([i, oid, obj, "", "", mid, measure, *tf, "", "", unmatched, raw, ind, "", "; ".join(sorted(flags)),
                        *(ex if isinstance(ex, tuple) else (ex,))])


A7, A8, A9 = "Artificial Intelligence & Automation", "Government-Wide Dashboards and Infrastructure", \
    "Data-Skills Workforce Development"
A10, A11 = "Interagency Wildland Fire Fuels Data Management", "Geospatial Data Practices"
U, T = "agency_unmatched", "timeframe_unparsed"
ALL = "Required for all agencies"
write("us-fds-2021-shared/gold.csv", "Reporting Mechanism", [
    ("7", A7, "7.1", "Make the Algorithmic Assessment Tool publicly available for agency use", DEC,
     "CIO Council", "CIO Council", "Completion", [U], "CIO Council web page and Resources.data.gov"),
    ("7", A7, "7.2", "Prepare an inventory of non-classified AI use cases, including current and planned uses",
     unparsed("Reference AI Use Case Inventory Guidance"), "", ALL, "Completion", [T], "As determined by the CIO Council"),
    ("7", A7, "7.3", "Coordinate the sharing of AI use case inventories among agencies",
     unparsed("Within 60 days of the completion of agency respective inventories"),
     "CIO and Chief Data Officer Councils", "CIO and Chief Data Officer Councils, as well as other interagency bodies",
     "Completion", [U, T], "Progress Reporting Tool"),
    ("7", A7, "7.4", "Make agency AI use cases available to the public, to the extent practicable and in accordance "
     "with applicable law and policy, including those concerning the protection of privacy and of sensitive law "
     "enforcement, national security, and other confidential information",
     unparsed("Within 120 days of the completion of agency inventories"), "", ALL, "Completion", [T],
     "Progress Reporting Tool"),
    ("8", A8, "8.1", "Demonstrate a dashboard prototype to the CDO Council and relevant interagency Councils", DEC,
     "CDO Council", "CDO Council", "Demonstration to CDO Council and relevant interagency Councils", [U],
     "Progress Reporting Tool"),
    ("8", A8, "8.2", "Document recommendations for government-wide infrastructure solutions and funding mechanisms",
     DEC, "CDO Council", "CDO Council", "Completion", [U], "Progress Reporting Tool"),
    ("9", A9, "9.1", "Document agency use cases and validate those use cases with the CDO Council Data Skills "
     "Development Working Group", DEC, "CDO Council", "CDO Council", "Completion", [U], "Progress Reporting Tool"),
    ("9", A9, "9.2", "Publish the data-skills workforce development playbook", DEC, "CDO Council", "CDO Council",
     "Completion", [U], "Progress Reporting Tool & Resources.data.gov"),
    ("10", A10, "10.1", "Wildland Fuels Modernization Architecture and Roadmap", DEC, "CDO Council", "CDO Council",
     "Completion", [U], "Progress Reporting Tool"),
    ("11", A11, "11.1", "Identify High-Value Geospatial Data Act Investment Areas", DEC,
     "Federal Geographic Data Committee", "Federal Geographic Data Committee", "Completion", [U],
     "Progress Reporting Tool and FGDC web page"),
    ("11", A11, "11.2", "Improve coordination and collaboration between the Federal Geographic Data Committee and "
     "interagency councils", DEC, "Federal Geographic Data Committee", "Federal Geographic Data Committee",
     "Number of Engagements", [U], "Progress Reporting Tool"),
])

B1 = "Gather and Assess Data Identified for Priority Agency Questions"
CFO = "Required for CFO Act Agencies only, encouraged for non-CFO Act agencies"
PRT = "Progress Reporting Tool"
write("us-fds-2021-agency/gold.csv", ("Reporting Mechanism", "Required or Encouraged"), [
    ("1", B1, "1.1", "Assess data assets for fitness of purpose, in support of Learning Agenda items",
     ("Measure Annually", *ANNUAL), "", "", "Progress", [], (PRT, CFO)),
    ("1", B1, "1.2", "Acquire or access data needed to answer priority questions",
     ("Measured Annually", *ANNUAL), "", "", "Progress", [], (PRT, CFO)),
    ("1", B1, "1.3", "Indicate which data assets support Learning Agenda questions in comprehensive data inventory",
     ("Measured Annually", *ANNUAL), "", "", "Progress", [],
     (PRT, "Required for CFO Act Agencies only, encouraged for all non-CFO agencies")),
    ("2", "Mature Data Governance", "2.1", "Data Governance Bodies document priority goals for calendar years 2021, "
     "2022, and 2023 respectively", SEP, "", "", "Completion", [],
     ("Progress Reporting Tool and Post to Agency/data web page", ALL)),
    ("3", "Data and Infrastructure Maturity", "3.1", "Begin implementing enterprise data asset and infrastructure "
     "capital plans developed in 2020", SEP, "", "", "Progress", [],
     ("Progress Reporting Tool and FY2023 Budget Submission", ALL)),
    ("3", "Data and Infrastructure Maturity", "3.2", "Agency budget submissions should include data asset and "
     "infrastructure needs", unparsed("As required by the FY2023 budget timeline"), "", "", "Completion", [T],
     ("FY 2023 Budget Submission", ALL)),
    ("4", "Increase Staff Data Skills", "4.1", "Incorporate data skills training and rotational experiences into "
     "agency professional development offerings", SEP, "", "", "Completion", [],
     (PRT, "Required for CFO Act agencies only, encouraged for non-CFO Act agencies")),
    ("4", "Increase Staff Data Skills", "4.2", "Establish 2022 workforce goals and specify how they will be met (e.g., "
     "training or hiring goals), using data skills gap analysis and performance plans", DEC, "", "", "Progress", [],
     (PRT, "Required for CFO Act agencies, encouraged for non-CFO Act agencies")),
    ("5", "Publish Agency Open Data Plans", "5.1", "Publish an Open Data Plan that identifies specific priority data "
     "assets, including assets that support COVID-19 response and AI R&D",
     ("Annually in accordance with OMB Guidance", *ANNUAL), "", "", "Completion", [],
     ("Strategic IRM plans and agency digital strategy web page", ALL)),
    ("6", "Improve Data Inventories", "6.1", "Update comprehensive public data inventory on data.gov",
     ("Quarterly", "2021", "2021", "quarterly"), "", "", "Completion", [],
     ("Agency public data.json APIs (labs.data.gov) and Progress Reporting Tool", ALL)),
])
