"""The hand gold of the draft 2019-2020 FDS Action Plan page: each action typed from the page (SOURCE.md says how).

`python tests/real/make_gold_fds2019.py` rewrites `us-fds-2019-draft-plan/gold.csv`; it imports nothing from
`pipeline/`.
"""
import csv
from pathlib import Path

HERE = Path(__file__).resolve().parent
COLS = ["row", "objective_id", "objective", "problem_id", "problem", "measure_id", "measure", "timeframe",
        "timeframe_start", "timeframe_end", "timeframe_recurrence", "agencies", "agency_ids", "agencies_unmatched",
        "agencies_raw", "indicator", "confidence", "flags", "Supported practice(s)"]
U, NEW, T = "agency_unmatched", "agency_new_body", "timeframe_unparsed"
SHARED = "Shared Actions: Government-wide Data Services"
COMMUNITY = "Community Actions: Cross-Agency Collaboration"
AGENCY = "Agency-Specific Actions: Agency Activities"
GSA = ("General Services Administration",) * 2
GOV, STD = "Prioritize Data Governance", "Prioritize Data Governance; Leverage Data Standards"
ALL = ("", "All agencies")


def within(months):
    return f"Completed within {months} month" + ("s" if months > 1 else "")


ROWS = [
    (SHARED, "1", "Create an OMB Data Council", 3, ("Office of Management and Budget",) * 2,
     "Internal Data Council established (Y/N) and Consistent governance approach developed (Y/N)", GOV),
    (SHARED, "2", "Develop a Curated Data Science Training and Credentialing Catalog", 6, GSA,
     "Number of agencies and employees that use the catalog", "Increase Capacity for Data Management and Analysis"),
    (SHARED, "3", "Develop a Data Ethics Framework", 3, GSA, "Data Ethics Framework Created (Y/N)",
     "Prioritize Data Governance and others"),
    (SHARED, "4", "Develop a Data Protection Toolkit", 12,
     ("Federal Committee on Statistical Methodology; Interagency Council on Statistical Policy; Department of "
      "Education", "Federal Committee on Statistical Methodology, with direction from the Interagency Council on "
      "Statistical Policy, and the Department of Education"),
     "Reference material published within 12 months (Y/N)",
     "Review Data Releases for Disclosure Risk; Diversify Data Access Methods"),
    (SHARED, "5", "Develop a Repository of Federal Data Strategy Resources and Tools", 3, GSA,
     "Number of agencies that access and use the tool within 3/6/9/12 months", "All practices"),
    (SHARED, "6", "Pilot a One-stop Standard Research Application", 12,
     ("Federal Statistical Research Data Center Program Management Office, U.S. Census Bureau, Department of "
      "Commerce; Interagency Council on Statistical Policy", "The Federal Statistical Research Data Center Program "
      "Management Office, U.S. Census Bureau, Department of Commerce under the direction of the Interagency "
      "Council on Statistical Policy."),
     "Number of agencies’ requirements harmonized into application", "Diversify Data Access Methods"),
    (SHARED, "7", "Pilot an Automated Inventory Tool for Data.gov", 12,
     ("National Center for Education Statistics, Department of Education",) * 2,
     "New capture and review tool developed and tested at two agencies (Y/N) Multi-agency stakeholder input on "
     "functionality of user interface obtained (Y/N)", "Inventory Datasets"),
    (SHARED, "8", "Pilot Standard Data Catalogs for Data.gov", 6, GSA,
     "Number of CFO agencies that implement the tool within 3/6/9/12 months Number of additional datasets on or "
     "available through Data.gov", "Inventory Datasets"),
    (COMMUNITY, "9", "Improve Data Resources for AI Research and Development", 6, ("", "All Agencies"),
     "See data.gov and code.gov", "Promote Wide Access"),
    (COMMUNITY, "10", "Improve Financial Management Data Standards", 12, ("President’s Management Council",) * 2,
     "See Performance.gov/PMA/PMA for detailed metrics", STD),
    (COMMUNITY, "11", "Improve Geospatial Data Standards", 12, ("Federal Geospatial Data Committee",) * 2,
     "Number of FGDC data themes with improved geospatial data standards Established content standards for "
     "metadata (Y/N)", STD),
    (AGENCY, "12", "Constitute a Diverse Data Governance Body", 1, ALL,
     "Established diverse and empowered governance board (Y/N) Number of actions taken by body each quarter", GOV),
    (AGENCY, "13", "Assess Data and Related Infrastructure Maturity", 9, ALL,
     "Agency chief data officer and others have participated in any federally-provided training or technical "
     "assistance (Y/N) Assessment documented and available (Y/N)", "Assess Maturity"),
    (AGENCY, "14", "Identify Opportunities to Increase Staff Data Skills", 9, ALL,
     "Agency has identified critical data skills, assessed current staff capacity, and developed an initial plan to "
     "reskill their workforce or hire to meet their data demands (Y/N)",
     "Use Data to Guide Decision-Making and Increase Capacity for Data Management and Analysis"),
    (AGENCY, "15", "Identify Data Needs to Answer Key Agency Questions", 12, ALL,
     "Agency has engaged stakeholders and consulted with key leaders, such as Chief Data Officers, to begin "
     "identifying the data needed to answer key agency questions (Y/N) Agency has categorized data needs for key "
     "questions by data type (Y/N)", "Identify Data Needs to Answer Key Agency Questions; Champion Data Use; "
     "Prioritize Data Governance; Govern Data to Protect Confidentiality and Privacy"),
    (AGENCY, "16", "Identify Priority Datasets for Agency Open Data Plans", 12, ALL,
     "Priority agency datasets identified with stakeholder input (Y/N) Plan for sharing priority agency datasets "
     "developed with the engagement of stakeholders (Y/N)", "Promote Wide Access"),
]


def main():
    with open(HERE / "us-fds-2019-draft-plan" / "gold.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(COLS)
        for i, (obj, mid, measure, months, (unmatched, raw), ind, practice) in enumerate(ROWS, 1):
            flags = [T] + ([U, NEW] if unmatched else [])  # every unmatched name is body-shaped
            w.writerow([i, "", obj, "", "", mid, measure, within(months), "", "", "", "", "", unmatched, raw, ind,
                        "", "; ".join(sorted(flags)), practice])


if __name__ == "__main__":
    main()
