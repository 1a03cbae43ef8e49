"""The hand gold of the FDS 2020 Action Plan page: each row typed from the page (SOURCE.md says how).

`python tests/real/make_gold_fds2020.py` rewrites `us-fds-2020-plan/gold.csv`; it imports nothing from `pipeline/`.
"""
import csv
from pathlib import Path

HERE = Path(__file__).resolve().parent
COLS = ["row", "objective_id", "objective", "problem_id", "problem", "measure_id", "measure", "timeframe",
        "timeframe_start", "timeframe_end", "timeframe_recurrence", "agencies", "agency_ids", "agencies_unmatched",
        "agencies_raw", "indicator", "confidence", "flags", "Reporting Mechanism", "Required or Encouraged"]
U, T, M, NI = "agency_unmatched", "timeframe_unparsed", "merged_cell", "no_indicator_in_source"
UNNUMBERED, NEW = "measure_unnumbered", "agency_new_body"


def once(text, month):
    return (text, f"2020-{month:02d}", f"2020-{month:02d}", "once")


def every(text, recurrence):
    return (text, "2020", "2020", recurrence)


def unparsed(text):
    return (text, "", "", "")


JAN, FEB, MAR = once("January 31, 2020", 1), once("February 29, 2020", 2), once("March 31, 2020", 3)
APR, JUN, JUL = once("April 30, 2020", 4), once("June 30, 2020", 6), once("July 31, 2020", 7)
SEP, NOV, DEC = once("September 30, 2020", 9), once("November 30, 2020", 11), once("December 31, 2020", 12)
QUARTER = every("1 activity per quarter, any order encouraged of all agencies", "quarterly")
PRT = "Progress Report Tool**"
CFO = "Required for CFO Act Agencies only Encouraged for all agencies"
ALL, ENC = "Required for all agencies", "Encouraged for all agencies"
POSTED = "Posted to resources.data.gov"


def agency_rows():
    """Actions 1-6: no column names a body; Reporting Mechanism and Required or Encouraged are extra columns."""
    a1, a2 = "Identify Data Needs to Answer Priority Agency Questions", "Constitute a Diverse Data Governance Body"
    a3, a4 = "Assess Data and Related Infrastructure Maturity", "Identify Opportunities to Increase Staff Data Skills"
    a5, a6 = "Identify Priority Data Assets for Agency Open Data Plans", "Publish and Update Data Inventories"
    ila = ("Interim Learning Agenda or FY 2022 Budget Submission", CFO + " (see OMB M-19-23)")
    return [
        ("1", a1, "1.1", "Consult with key agency leaders, such as Chief Data Officers, Evaluation Officers and "
         "Statistical Officials to identify data needed to answer priority agency questions", SEP, "", "",
         "Completion", [], ila),
        ("1", a1, "1.2", "Identify data needs for answering priority questions in the interim learning agenda", SEP,
         "", "", "Completion", [], ila),
        ("1", a1, "1.3", "Develop a plan to engage the stakeholders needed to access or acquire the data needed to "
         "answer priority questions", SEP, "", "", "Completion", [], ila),
        ("2", a2, "2.1", "Publish agency data governance materials (membership, charter, meeting cadence) on "
         "[agency].gov/data web page", JAN, "", "", "Completion", [], ("Post to agency/data web page", ALL)),
        ("2", a2, "2.2", "After you complete your assessment of current staff data skills and literacy (see Action 3), "
         "dedicate staff to support DGB", ("September 30, 2020 October 31, 2020*", "2020-10", "2020-10", "once"),
         "", "", "Number of FTEs dedicated", [], (PRT, ENC)),
        ("2", a2, "2.3", "Document how the DGB receives its authority", SEP, "", "", "Completion", [], (PRT, ENC)),
        ("2", a2, "2.4", "Put in place a data strategy or road map", QUARTER, "", "", "Completion", [],
         (PRT + " & in agency Information Resource Management Strategic Plan", ENC)),
        ("2", a2, "2.5", "Develop a plan for capital planning for enterprise data assets and infrastructure",
         ("(See Above)",) + QUARTER[1:], "", "", "Completion", [M], ("(See Above)", ENC)),
        ("2", a2, "2.6", "Adopt a master data management program", ("(See Above)",) + QUARTER[1:], "", "",
         "Completion", [M], ("(See Above)", ENC)),
        ("3", a3, "3.1", "Select an operational maturity assessment model for data and data infrastructure",
         ("June 30, 2020 July 31, 2020*", "2020-07", "2020-07", "once"), "", "", "Completion", [], (PRT, ALL)),
        ("3", a3, "3.2", "Agency Chief Data Officer and other senior-level staff participate in any training or "
         "technical assistance related to maturity assessments", SEP, "", "", "Number of people attended training",
         [], (PRT, ENC)),
        ("3", a3, "3.3", "Conduct and document the outcome of the initial data maturity assessment", SEP, "", "",
         "Completion", [], (PRT, ENC)),
        ("4", a4, "4.1", "Perform an assessment of current staff data literacy and data skills",
         ("June 30, 2020 July 31, 2020*", "2020-07", "2020-07", "once"), "", "", "Completion", [], (PRT, CFO)),
        ("4", a4, "4.2", "Conduct a gap analysis between the current staff's skills and the skills the agency "
         "requires", SEP, "", "", "Completion", [], (PRT, CFO)),
        ("4", a4, "4.3", "Based on the assessment, establish a baseline and develop a performance plan to close the "
         "identified data skills and literacy gaps", DEC, "", "", "Completion", [], (PRT, CFO)),
        ("5", a5, "5.1", "Publish an Open Data Plan for sharing priority agency data assets, developed with "
         "stakeholder engagement, including data assets that support COVID-19 response* and AI R&D (see Action 6)",
         every("After OMB Open Data Plan Guidance is issued; Annually on Agency IRM Strategic Plan schedule",
               "annual"), "", "", "Completion", [],
         ("Agency Information Resource Management Strategic Plan", ALL)),
        ("5", a5, "5.2", "Execute a process to evaluate and improve the timeliness, completeness, consistency, "
         "accuracy, usefulness, and availability of open Government data assets", DEC, "", "",
         "Qualitative and quantitative improvements", [], ("strategy.data.gov & agency public data.json APIs", ALL)),
        ("6", a6, "6.1", "Update comprehensive data inventories for overall completeness and priority COVID-19 "
         "response* and AI R&D (see Action 6) data asset sprints",
         every("Minimally every 3 months, as often as possible", "quarterly"), "", "",
         "Metadata quality improvements", [], ("Agency public data.json APIs", ALL)),
        ("6", a6, "6.2", "Update comprehensive data inventory to conform to standard metadata",
         unparsed("July 31, 2020 90 days after OMB/GSA standard metadata guidance is issued*"), "", "",
         "Completion", [T], ("Agency public data.json APIs", ALL)),
    ]


def community_rows():
    """Actions 7-10: Responsible Party names the bodies; none is in the gazetteer."""
    a7, a8 = "Launch a Federal Chief Data Officer Council", \
        "Improve Data and Model Resources for AI Research and Development"
    a9, a10 = "Improve Financial Management Data Standards", \
        "Integrate Geospatial Data Practices into the Federal Data Enterprise"
    geo = ("SAOGI at OMB; FGDC; FGDC NGDA Lead Covered Agencies; GSA",
           "SAOGI at OMB, FGDC, FGDC NGDA Lead Covered Agencies, GSA")
    cap = "Metrics related to this CAP Goal are being tracked on performance.gov"
    see = unparsed("See timeline on performance.gov")
    return [
        ("7", a7, "7.1", "Launch CDO Council", JAN, "OMB", "OMB", "Number of meetings held", [U]),
        ("7", a7, "7.2", "Create resources", DEC, "CDOs", "CDOs", "Number of resources published", [U]),
        ("7", a7, "7.3", "Encourage use of resources by agencies", DEC, "CDOs", "CDOs",
         "Track adoption of resources by agencies", [U]),
        ("8", a8, "8.1", "Identify barriers to access and quality limitations", FEB, "OMB", "OMB*",
         "Completion of RFI", [U]),
        ("8", a8, "8.2", "Provide technical schema formats on inventories", DEC, "OMB", "OMB*", "Completion", [U]),
        ("8", a8, "8.3", "Pilot demonstration of how access to data useful for AI should be enhanced", DEC, "CDOs",
         "CDOs", "Completion", [U]),
        ("9", a9, "9.1", "Getting Payments Right", see, "Getting Payments Right Executive Steering Committee",
         "Getting Payments Right Executive Steering Committee", cap, [U, T]),
        ("9", a9, "9.2", "Results Oriented Accountability for Grants", see, "CAP Goal 8 Executive Steering Committee",
         "CAP Goal 8 Executive Steering Committee", cap, [U, T]),
        ("9", a9, "9.3", "Promote public trust in the stewardship of taxpayer dollars", SEP,
         "Financial Data Transformation Executive Steering Committee",
         "Financial Data Transformation Executive Steering Committee", "Publication of draft strategy", [U]),
        ("9", a9, "9.4", "Develop an IT spending transparency maturity assessment model*", SEP,
         "CIO Council Federal Technology Investment Management Community of Practice",
         "CIO Council Federal Technology Investment Management Community of Practice", "Completion", [U]),
        ("10", a10, "10.1", "Establish the NSDI strategic plan", DEC, *geo, "Completion", [U]),
        ("10", a10, "10.2", "Publish a GeoPlatform providing standards-compliant web services for NGDAs", DEC, *geo,
         "Completion", [U]),
        ("10", a10, "10.3", "Engage with other relevant councils", DEC, *geo, "Number of engagements", [U]),
        ("10", a10, "10.4", "Publish NGDA data theme data assets with standards compliant metadata and webservice "
         "endpoints", DEC, *geo, "Percentage of NGDA data assets that are compliant", [U]),
        ("10", a10, "10.5", "Track NGDAs for implementation of standards", unparsed("12 months"), *geo,
         "Percentages of NGDAs with: i) metadata standards, ii) established content standards, iii) standards in "
         "process, iv) data assets not requiring standards, v) no established standards", [U, T]),
    ]


def shared_rows_a():
    """Actions 11-15."""
    a11, a12 = "Develop a Repository of Federal Enterprise Data Resources", "Create OMB Federal Data Policy Committee"
    a13, a14 = "Develop a Curated Data Skills Catalog", "Develop a Data Ethics Framework"
    a15 = "Develop a Data Protection Toolkit"
    stake = "Number of stakeholder engagement activities"
    return [
        ("11", a11, "11.1", "Make regular updates to resources.data.gov in response to stakeholder input", DEC,
         "GSA", "GSA", "Frequency of feature updates and site improvements", [U]),
        ("11", a11, "11.2", "Track growth and success of the site", DEC, "GSA", "GSA",
         "Number of resources available by type, resource usage", [U]),
        ("11", a11, "11.3", "Engage stakeholders to prioritize content", DEC,
         "GSA; Office of Government Information Services of the National Archives; OMB",
         "GSA, the Office of Government Information Services of the National Archives, and OMB", stake, [U]),
        ("12", a12, "12.1", "Launch FDPC", JAN, "OMB", "OMB", "Number of meetings held", [U]),
        ("12", a12, "12.2", "Set priorities for 2020", MAR, "OMB", "OMB",
         "Completion of written priorities endorsed by membership", [U]),
        ("12", a12, "12.3", "Carry out at least 1 data policy coordination activity", DEC, "OMB", "OMB",
         "Number of data policy related memorandum and circulars updated, streamlined, or rescinded", [U]),
        ("13", a13, "13.1", "Share draft catalog contents with CDOs and other stakeholders", FEB, "GSA", "GSA",
         "Completion", [U]),
        ("13", a13, "13.2", "Collect input and make revisions", JUN, "GSA", "GSA", stake + "; Improvements added",
         [U]),
        ("13", a13, "13.3", "Publish the catalogue on resources.data.gov", NOV, "GSA", "GSA",
         POSTED + "; Number of resources available in the catalog by data role", [U]),
        ("13", a13, "13.4", "Transfer responsibility for maintenance to the CDO council", DEC, "CDO Council",
         "CDO Council", "Completion", [U]),
        ("14", a14, "14.1", "Initial examination of ethical issues encountered across data life cycle", JUN,
         "GSA; CDO Council; ICSP", "GSA with CDO Council and ICSP", "", [U, NI]),
        ("14", a14, "14.2", "Release initial data ethics framework and use cases", DEC, "GSA", "GSA", POSTED, [U]),
        ("14", a14, "14.3", "Transfer responsibility for review and update",
         every("Ongoing every 24 months", "ongoing"), "CDO Council; ICSP", "CDO Council, ICSP", "", [U, NI]),
        ("15", a15, "15.1", "Release initial toolkit", DEC, "FCSM", "FCSM", POSTED, [U]),
        ("15", a15, "15.2", "Release updated Report on Statistical Disclosure Limitation Methodology", DEC, "FCSM",
         "FCSM", POSTED, [U]),
    ]


def shared_rows_b():
    """Actions 16-20."""
    a16 = "Pilot a One-stop Standard Research Application"
    a17 = "Pilot an Automated Tool for Information Collection Reviews that Supports Data Inventory Creation and Updates"
    a18, a19 = "Pilot Enhanced Data Management Tool for Federal Agencies", \
        "Develop Data Quality Measuring and Reporting Guidance"
    a20 = "Develop a Data Standards Repository"
    census, nces, gsa, fcsm = ("Census Bureau",) * 2, ("NCES",) * 2, ("GSA",) * 2, ("FCSM",) * 2
    return [
        ("16", a16, "16.1", "Create pilot portal", MAR, *census, "Completion", [U]),
        ("16", a16, "16.2", "Recruit users to try the portal and give feedback", APR, *census, "Number of users", [U]),
        ("16", a16, "16.3", "Publish report describing success of the project and feedback that will inform future "
         "improvements", DEC, *census, POSTED, [U]),
        ("17", a17, "17.1", "Develop pilot tool", JUL, *nces, "Completion", [U]),
        ("17", a17, "17.2", "Test tool with at least two agencies", DEC, *nces, "Completion", [U]),
        ("17", a17, "17.3", "Engage stakeholders for feedback on the tool", DEC, *nces,
         "Number of stakeholder engagement activities", [U]),
        ("17", a17, "17.4", "Publish report describing agency tests and stakeholder input", DEC, *nces, POSTED, [U]),
        ("18", a18, "18.1", "Demonstrate pilot and initial feature set with a pilot agency", MAR, *gsa, "Completion",
         [U]),
        ("18", a18, "18.2", "Infrastructure/security roadmap for production platform", MAR, *gsa, "Completion", [U]),
        ("18", a18, "18.3", "Achieve interoperability with continually updated Federal open data metadata schema", JUN,
         *gsa, "Completion", [U]),
        ("18", a18, "18.4", "Develop business plan and cost model", JUN, *gsa, POSTED, [U]),
        ("18", a18, "18.5", "Onboard agency customers", SEP, *gsa, "Number of agencies onboarded", [U]),
        ("18", a18, "18.6", "Demonstrate increased data asset availability and improved usage", DEC, *gsa,
         "Number of datasets and usage of data assets through platform", [U]),
        ("19", a19, "19.1", "Completion of report on best practices for reporting on output quality",
         ("June 30, 2020 September 30, 2020*", "2020-09", "2020-09", "once"), *fcsm, POSTED, [U]),
        ("19", a19, "19.2", "Completion of metadata guidance for use by data originators", DEC, *fcsm, POSTED, [U]),
        ("19", a19, "19.3", "Develop tools to aid metadata maintenance", DEC, *fcsm, POSTED, [U]),
        ("20", a20, "20.1", "Develop repository with communities, frameworks, and schemas", DEC, "GSA; OMB",
         "GSA and OMB", "Completion", [U]),
    ]


def main():
    rows = agency_rows() + [r + (("", ""),) for r in community_rows() + shared_rows_a() + shared_rows_b()]
    with open(HERE / "us-fds-2020-plan" / "gold.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(COLS)
        for i, (oid, obj, mid, measure, tf, unmatched, raw, ind, flags, extra) in enumerate(rows, 1):
            # every name no gazetteer entry holds here is body-shaped (an acronym, or a head word:
            # Council, Committee, Bureau, Office, Agencies), a new body: `agency_new_body` beside
            # `agency_unmatched` (docs/output.md); the table numbers no milestone: by the output's
            # convention the id is the position under its action, flagged `measure_unnumbered`;
            # the rows are typed with the publisher's progress-page numbers (`2.5`), whose last
            # part is that position
            action, position = mid.split(".")
            assert action == oid, mid
            w.writerow([i, oid, obj, "", "", position, measure, *tf, "", "", unmatched, raw, ind, "",
                        "; ".join(sorted([*flags, UNNUMBERED] + [NEW] * (U in flags))), *extra])


if __name__ == "__main__":
    main()
