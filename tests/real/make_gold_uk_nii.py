"""The hand gold of Annex B of the UK's National Information Infrastructure narrative (November 2013),
the update on the commitments of the Government Response to the Shakespeare Review
(`uk-nii-2013-shakespeare/SOURCE.md` says how and which calls were made): each row typed from the
printed pages, a cell's lines joined with one space.

`python tests/real/make_gold_uk_nii.py` rewrites `uk-nii-2013-shakespeare/gold.csv`; it imports nothing
from `pipeline/`.
"""
import csv
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "uk-nii-2013-shakespeare" / "gold.csv"
STATUS = "Status at October 2013"
COLS = ["row", "objective_id", "objective", "problem_id", "problem", "measure_id", "measure", "timeframe",
        "timeframe_start", "timeframe_end", "timeframe_recurrence", "agencies", "agency_ids", "agencies_unmatched",
        "agencies_raw", "indicator", "confidence", "flags", STATUS]
MONTHS = {"June": "06", "July": "07", "August": "08", "Sept": "09", "October": "10", "April": "04"}
# no body of the table is in the gazetteer; there is no indicator column (no cell missing: no flag)
FLAGS = "agency_new_body; agency_unmatched"
CHAPTERS = {"1": "Data strategy and National Core Reference Data", "2": "Driving the next phase of delivery",
            "3": "Trading Funds and support for open data", "4": "Building data analysis capacity in the UK",
            "5": "Maximising the benefit from personal data"}
OCT, DONE = "October 2013", "Complete."

# (chapter, No., commitment, Lead Dept cell, Deadline, Status at October 2013)
ROWS = [
    ("1", "1", "The National Data Strategy will be taken forward through the Information Economy Strategy, "
     "published today, and we will set out our implementation plans through the UK Open Government Partnership "
     "(OGP) National Action Plan, which will be published in October.", "CO / BIS", OCT, DONE),
    ("1", "2", "The Cabinet Office Transparency Team will set out a collaborative process for identifying those "
     "datasets which should be part of the ‘National Information Infrastructure’.", "CO", "August 2013", DONE),
    ("1", "3", "As of today we will be publishing the criteria which determine the National Information "
     "Infrastructure for comment on data.gov.uk and inviting comment on them.", "CO", "June 2013", DONE),
    ("1", "4", "We will set out the data we already have by department and invite comment from business users "
     "about what data they would like released. We will also be working with departments to complete this "
     "process so that we have a full set outlined for UK OGP National Action Plan in October. At this point we "
     "will highlight those which are of the highest priority.", "CO", OCT, DONE),
    ("1", "5", "The Cabinet Office will work with those departments who have already undertaken a dataset "
     "inventory to develop guidance for other departments on how to develop their inventory.", "CO", "Sept 2013",
     DONE),
    ("1", "6", "The Government Chief Scientific Adviser and the National Statistician, who are interested in "
     "identifying those datasets of critical importance, whether for national security, responding to "
     "emergencies or more widely informing public debate, will conduct a review to set out this sub-set of data.",
     "GO Science / ONS", OCT, "In September, we completed a first draft of our review and sent it out to a number "
     "of stakeholders for comment. We have received a number of responses and are now in the process of "
     "integrating these comments into the report. We are on track for our deadline of a final product by the end "
     "of October."),
    ("1", "7", "As part of a refreshed departmental Open Data Strategy approach the Cabinet Office Transparency "
     "Team will work with departments to define an inventory of all data that they hold, including that already "
     "released on data.gov.uk. Using the criteria above departments will be asked to score their data inventories "
     "to identify their most important datasets. We will also develop functionality so that these inventories "
     "can be published so that citizens, businesses and other users can also contribute to the identification of "
     "National Information Infrastructure. These full inventories will be published by departments as part of "
     "their Open Data Strategies in October, alongside the refreshed OGP National Action Plan.", "CO", OCT, DONE),
    ("1", "8", "The refreshed departmental profiles on data.gov.uk will set out current commitments to release "
     "data which departments have made in line with the two letters from the Prime Minister, the 2011 Growth "
     "Review, the Open Data White Paper and existing Open Data Strategies as well as the Transparency sections of "
     "departmental Business plans in a more user friendly way. These improved profiles will set out the deadlines "
     "for these commitments and act as a real-time assessment of the delivery of each department and, once "
     "launched, will replace the existing Quarterly Written Ministerial Statement on open data made by the "
     "Minister for Cabinet Office. Highlights will be incorporated into the UK’s refreshed OGP National Action "
     "Plan in October. All of these assessments will also be made available as open data so they can be more "
     "easily re-used by others.", "CO", OCT, "On track for completion by end October."),
    ("1", "9", "Before Summer Recess we will commence amendments to the FOI Act which will give a ‘right to data’ "
     "wherever release of a data set is required by that Act. Where reasonably practicable, any public authority "
     "will be required to release such a data set in a machine readable format.", "MOJ", "July 2013", DONE),
    ("1", "10", "The EU Directive on the re-use of PSI will be adopted in Summer 2013. The government aims to "
     "transpose the terms of the revised Directive into UK legislation during 2014-15.", "MOJ", "April 2015",
     "Negotiations between EU Member States took place during 2012/13 culminating in the adoption and publication "
     "of the amended Directive in June 2013. A consultation on how HMG should transpose and implement the "
     "Directive is planned for Spring 2014, with full implementation before Apr 2015."),
    ("1", "11", "This summer, the Local Government Association will launch its LG Inform tool - allowing "
     "authorities to compare their performance on key areas. LG Inform will go-live for local authorities during "
     "September with public access by late Autumn. To integrate local authorities more fully into the UK's open "
     "data structures and provide one accessible website location, we will develop a local section of "
     "data.gov.uk providing a forum to help local authorities share data more widely and work with developers and "
     "citizens to build best practice.", "DCLG / CO / LGA", "Sept 2013",
     "LG Inform has been released to local authorities. It is timetabled for public access before Christmas. The "
     "local domain work is ongoing."),
    ("2", "12", "We agree with the Shakespeare Review that the governance surrounding PSI has become overly "
     "complex, and we will initiate a review that aims to radically simplify the landscape. To begin with, and in "
     "recognition of Stephan’s analysis that this agenda needs a high-level focus, our first step is to create a "
     "board from the Data Strategy Board and Public Sector Transparency Board to lead delivery on opening up PSI.",
     "CO", "July 2013", DONE),
    ("2", "13", "The Transparency Team will start to blog on a monthly basis from June about the delivery of the "
     "domestic transparency agenda.", "CO", "June 2013", DONE),
    ("2", "14", "We will consider how best to draw upon experts from within and out with government and will feed "
     "this recommendation into our fuller governance review.", "CO", "July 2013", "In progress."),
    ("3", "15", "The Met Office is working with the Open Data User Group, small businesses and other users to "
     "expand their already substantial portfolio of open data, by increasing access to historic weather "
     "observations. Over the summer 2013, a working group will collect and define the user requirements and "
     "parameters for the historic data, followed by user testing of access to the additional years of historic "
     "data in Autumn 2013. The aim is to complete this phase by spring 2014.", "BIS", "April 2014",
     "The PWSCG is working with the Met Office to expand their already substantial portfolio of open data by "
     "increasing access to historic weather observations. This has taken a phased approach: i. To increase "
     "awareness of what is already available; ii. To gather additional requirements for an online portal that "
     "will include access to a National Archive place of electronic deposit – the Nation’s memory of weather – "
     "that would make this medium to long term solution suitable for use and re-use by the open data community. "
     "The first phase is now complete and work is continuing on phase 2, with options for the National Archive "
     "expected to be developed by Spring 2014."),
    ("3", "16", "Land Registry and Companies House have reviewed or are currently reviewing their business "
     "strategies. The Shareholder Executive will report on progress in the Autumn. Furthermore, the government "
     "continues to keep all of the Public Data Group (PDG) Trading Funds under review and ensure that the "
     "organisational structures continue to deliver open data whilst ensuring best value for money for the "
     "tax-payer.", "BIS", OCT, "The LR review is currently still underway and no final decisions have been made at "
     "this stage. CH have set out proposals to Ministers and are developing detailed plans and timescales for "
     "final clearance."),
    ("3", "17", "The government will review the scope for further supporting smaller enterprises and "
     "not-for-profit organisations under the existing framework in place under the Information Fair Trader Scheme "
     "run by the National Archives.", "BIS / TNA", "April 2014", "Action open."),
    ("3", "18", "The government agrees that there are further positive steps that can be taken in response to "
     "Stephan’s recommendations, building on existing work. In particular, through increased promotion of what "
     "data and support is available to raise greater awareness. The PDG communications group will commit to "
     "taking this action forward. They will ensure wider promotion of data availability going forward via "
     "co-ordinated publicity, and will support wider government efforts to give clarity to existing and future "
     "data releases.", "BIS", OCT, "The PDG communications group have, along with the BIS press office, developed "
     "a forward look of relevant communication opportunities that will be updated on a regular basis. BIS Press "
     "Office are using this to effectively communicate PDG communications and share with CO. The forward look "
     "includes a programme of opportunities (including potential speaking engagements and online articles) for "
     "the PDG Chair to speak at thus raising the profile of PDG and highlighting the work of the trading funds. "
     "All PDG Trading Funds are now referencing PDG where appropriate on their twitter feeds and retweeting each "
     "other’s tweets as appropriate."),
    ("3", "19", "The government will also work with the PDG and other interested stakeholders to provide more "
     "support for third-party users including ‘hack days’ and data-user competitions, such as the successful "
     "GeoVation programme run by Ordnance Survey.", "BIS", OCT, "The PDG continue to offer successful hack days "
     "and the like as well as competitions. Companies House are also now looking at hack days and other ways of "
     "engaging with users as part of their plans for delivering on the goals from their recent Strategic Review. "
     "Government continues to encourage this level of engagement with stakeholders and encourages the trading "
     "funds to share stakeholder engagement best practice across the PDG."),
    ("4", "20", "The government will continue to emphasise the importance of data analytics skills across all "
     "disciplines of the civil service and through the new Civil Service Professions Council, which will be the "
     "co-ordinating body, bringing the professions together to work as a coherent force and maximise their "
     "overall contribution to capability building", "BIS", OCT, "The government’s strategy for data capability, "
     "Seizing the Data Opportunity, emphasises the importance of data analytic skills across all disciplines "
     "within the civil service."),
    ("4", "21", "Through the Information Economy Strategy, the government will support an industry-led exercise "
     "to develop a digital skills strategy.", "BIS", OCT, "An industry led Working Group of the Information "
     "Economy Council has been established and is due to set out initial proposals on 6 November."),
    ("5", "22", "The Law Commission is conducting a scoping project on data sharing between public bodies looking "
     "specifically at the barriers public bodies might be encountering to data sharing that is preventing them "
     "fulfilling their duties to citizens. The report will consider whether any such barriers are legal, rather "
     "than cultural or based on a misunderstanding of the law. The review is due to report in the spring of "
     "2014.", "MOJ / Law Commission", "April 2014", "This scoping project was launched in April 2013. The "
     "consultation is open between 16 September and 16 December 2013. The Law Commission aim to present their "
     "findings to government in spring 2014."),
    ("5", "23", "BIS will work with MOJ and ICO through the ongoing activity following the Information Economy "
     "Strategy to make re-users of data more fully aware of their obligations.", "BIS / MOJ / ICO", OCT,
     "This action is being taken forward through the government’s strategy for UK data capability."),
]


def month(text):
    """`Sept 2013` as (text, start, end, recurrence): one month, once."""
    name, year = text.split()
    value = f"{year}-{MONTHS[name]}"
    return (text, value, value, "once")


def main():
    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(COLS)
        for i, (chapter, no, measure, lead, deadline, status) in enumerate(ROWS, 1):
            bodies = "; ".join(lead.split(" / "))
            w.writerow([i, chapter, CHAPTERS[chapter], "", "", no, measure, *month(deadline), "", "", bodies, lead,
                        "", "", FLAGS, status])


if __name__ == "__main__":
    main()
