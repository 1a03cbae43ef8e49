"""The hand gold of the UK's Open Government Partnership National Action Plan 2013-15, Annex A
(`uk-ogp-nap-2013/SOURCE.md` says how and which calls were made): each row typed from the printed
page, its lines joined with one space.

`python tests/real/make_gold_uk_ogp.py` rewrites `uk-ogp-nap-2013/gold.csv`; it imports nothing from
`pipeline/`.
"""
import csv
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "uk-ogp-nap-2013" / "gold.csv"
CSO = "Supporting civil society organisations"
COLS = ["row", "objective_id", "objective", "problem_id", "problem", "measure_id", "measure", "timeframe",
        "timeframe_start", "timeframe_end", "timeframe_recurrence", "agencies", "agency_ids", "agencies_unmatched",
        "agencies_raw", "indicator", "confidence", "flags", CSO]
# the table names no body the gazetteer knows; it has no deadline and no indicator column, which is
# no missing cell (`no_*_in_source` flags a measure whose column is there and its cell empty)
FLAGS = "agency_new_body; agency_unmatched"
OPEN = ("Open data: radically opening up government data for greater accountability, public service improvement "
        "and economic growth")
INTEGRITY = ("Government integrity: fighting corruption and strengthening democracy through transparent "
             "government")
FISCAL = "Fiscal transparency: helping citizens to follow the money"
CITIZENS = "Empowering citizens: transforming the relationship between citizens and governments"
RESOURCES = ("Natural resources transparency: ensuring natural resources and extractive revenues are used for "
             "public benefit")
CO, NHS, TNA, HO, DFID = "Cabinet Office", "NHS England", "The National Archives", "Home Office", \
    "Department for International Development"
DCLG, BIS, HMT = "Department for Communities and Local Government", \
    "Department for Business, Innovation and Skills", "HM Treasury"
B = "\u2022"  # the page's bullet (the PDF's Symbol-font private-use code U+F0B7)

# (objective, No., commitment, the lead departments as bodies, the lead department cell, supporting CSOs)
ROWS = [
    (OPEN, "1", "The UK government will continue to develop and list an inventory of all the datasets it owns, "
     "whether published or unpublished, in order to identify the National Information Infrastructure (NII) – the "
     "datasets which are likely to have the broadest and most significant economic and social impact if made "
     "available. The identification of the NII will facilitate discussions to prioritise the release of these "
     "datasets.", [CO], CO, "Open Knowledge Foundation, Open Rights Group, OpenCorporates"),
    (OPEN, "2", "NHS England will work with governments and civil society organisations internationally to create "
     "an online space to share experiences of embedding high quality standards into information, with a view to "
     "building an accreditation scheme to enable citizens and organisations to assess their progress.", [NHS], NHS,
     "Not applicable"),
    (OPEN, "3", "The UK government will issue a Local Authorities Data Transparency Code requiring local "
     "authorities to publish key information and data. This will place more power into citizens’ hands and make "
     "it easier for local people to contribute to the local decision making process and help shape public "
     "services.", [DCLG], DCLG, "Compact Voice"),
    (OPEN, "4", "By 2015, the UK aims to be the most transparent social investment market in the Open Government "
     "Partnership and G20, in line with the Open Data Charter principles.", [CO], CO,
     "Big Lottery Fund, Big Society Capital, City of London Bridges Trust, Social Enterprise UK"),
    (OPEN, "5", "The UK government will manage and capture digital records and there will be a comprehensive, "
     "accessible and timely paper and digital record of UK government available to the citizen.", [TNA], TNA,
     "The International Records Management Trust"),
    (INTEGRITY, "6", "The UK government will, for the first time, bring together all of the UK’s anti-corruption "
     "efforts under one cross-government anti-corruption plan.", [HO], HO,
     "BOND Anti-Corruption Group: Article 19, CAFOD, Christian Aid, Corruption Watch, Global Witness, Integrity "
     "Action, ONE, Public Concern at Work, Tearfund, The Corner House, Transparency International UK"),
    (INTEGRITY, "7", "The UK government will lead by example by creating a publicly accessible central registry of "
     "company beneficial ownership information. The registry will contain information about who ultimately owns "
     "and controls UK companies.", [BIS, HMT], f"{BIS}, {HMT}",
     "CAFOD, Global Witness, ONE, Open Knowledge Foundation, OpenCorporates, Oxfam, Save the Children, Christian "
     "Aid, Tearfund, Transparency and Accountability Initiative, Transparency International UK"),
    (INTEGRITY, "8", "The UK government will establish by 1 January 2014 a high level working group to ensure "
     "greater transparency and accessibility of police records in England and Wales. The group will explore the "
     "range of options for achieving this, including bringing police force records under legislative control, by "
     "adding police forces to the Public Records Act 1958, alongside other options that may not require "
     "legislation. The working group will report with a clear proposal and action plan by 30 June 2014.", [HO], HO,
     "The International Records Management Trust"),
    (INTEGRITY, "9", "The UK government will promote the principles of transparency and accountability in all "
     "government-funded construction projects in the domestic and international arenas, including, in the period "
     f"up until 2015: {B} working with others in government and civil society to identify suitable projects for "
     "the application of the Construction Sector Transparency Initiative (CoST) in the UK "
     f"{B} using its bilateral and multilateral relationships to encourage the establishment of at least four new "
     "national CoST programmes in countries where DFID is working",
     [f"{DFID} (DFID)", "Infrastructure UK"], f"{DFID} (DFID), Infrastructure UK",
     "Construction Sector Transparency Initiative (CoST), Engineers Against Poverty, Institution of Civil "
     "Engineers, Integrity Action, Transparency International UK"),
    (INTEGRITY, "10", f"The UK government will: {B} promptly publish all new primary and secondary legislation on "
     f"legislation.gov.uk {B} bring the revised versions of primary legislation on legislation.gov.uk up to date "
     f"by the end of 2015 and keep them up to date subsequently {B} make legislative data available in an open and "
     "accessible format to allow people to re-use content under terms of the UK’s Open Government Licence",
     [TNA], TNA, "Involve, The Democratic Society"),
    (INTEGRITY, "11", "The UK government is committed to ensuring a strong legislative framework to encourage "
     "workers to speak up about wrongdoing, risk or malpractice without fear of reprisal.", [BIS], BIS,
     "Public Concern At Work, Transparency International UK"),
    (FISCAL, "12", "The UK government endorses the principles of open contracting. We will build on the existing "
     "foundation of transparency in procurement and contracting and, in consultation with civil society "
     "organisations and other stakeholders, we will look at ways to enhance the scope, breadth and usability of "
     "published contractual data.", [CO], CO,
     "CAFOD, Compact Voice, Global Witness, Integrity Action, ONE, Open Knowledge Foundation, The Institute for "
     "Government"),
    (FISCAL, "13", "The Scottish government broadly endorses the principles of ‘open contracting’ and commits to "
     "work with civil society and wider stakeholder groups to improve transparency in its procurement practices "
     "as part of our continuing programme of procurement reform.", ["Scottish government"], "Scottish government",
     "Civil society organisations to be consulted in 2014"),
    (FISCAL, "14", "The UK government will show leadership in transforming the transparency of global development "
     "assistance by publishing information on official development assistance (ODA) in line with the "
     "International Aid Transparency Initiative (IATI) Standard, so that UK assistance can be tracked through the "
     "delivery chain.", [DFID], DFID,
     "Development Initiatives, Integrity Action, ONE, OpenCorporates, Publish What You Fund"),
    (CITIZENS, "15", "NHS England will be improving the quality and breadth of information available to citizens "
     "to support them to participate more fully in both their own health care and in the quality and design of "
     "health services which will result in greater accountability of NHS England.", [NHS], NHS,
     "Macmillan Cancer Support, Nuffield Trust"),
    (CITIZENS, "16", "The UK government will demonstrate the potential of open policy making by running at least "
     "five ‘test and demonstrate projects’ across different policy areas. These will inform how open policy "
     "making can be deployed across the civil service.", [CO], CO, "Compact Voice, Involve, The Democratic Society"),
    (CITIZENS, "17", "The UK government will identify innovative and effective ways to engage the public in policy "
     "involving complex scientific and technological innovation through the Sciencewise Programme.", [BIS], BIS,
     "The Democratic Society"),
    (CITIZENS, "18", "The UK government will publish legislation in a draft format on GOV.UK whenever appropriate, "
     "in order to enable and promote public involvement and engagement in proposed changes to the law.",
     [CO, "Office of the Parliamentary Counsel"], f"{CO}, Office of the Parliamentary Counsel",
     "Compact Voice, Involve, The Democratic Society"),
    (CITIZENS, "19", "The UK government will ensure the OpenDataCommunities programme continues to free up DCLG’s "
     "evidence-base from literally thousands of disconnected spreadsheets, so that it can be quickly and easily "
     "discovered, combined and re-used over the web alongside related third party sources.", [f"{DCLG} (DCLG)"],
     f"{DCLG} (DCLG)", "Not applicable"),
    (CITIZENS, "20", "The UK government will transpose into UK law and implement European legislation on the "
     "re-use of public sector information early, delivering the obligation on public sector bodies to make their "
     "information available for re-use.", [TNA], TNA, "Open Knowledge Foundation, Open Rights Group"),
    (RESOURCES, "21", "The UK government will implement and internationally champion a global standard of "
     "financial transparency and accountability in the extractive industries (oil, gas and mining) on the part "
     "of governments and companies, in line with the principles in the G8 Open Data Charter.",
     [BIS, DFID, "Foreign and Commonwealth Office", HMT],
     f"{BIS}, {DFID}, Foreign and Commonwealth Office, {HMT}",
     "CAFOD, Christian Aid, Global Witness, ONE, Open Knowledge Foundation, OpenCorporates, Publish What You Pay, "
     "Tearfund"),
]


def main():
    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(COLS)
        for i, (objective, no, measure, bodies, raw, cso) in enumerate(ROWS, 1):
            w.writerow([i, "", objective, "", "", no, measure, "", "", "", "", "", "", "; ".join(bodies), raw, "",
                        "", FLAGS, cso])


if __name__ == "__main__":
    main()
