"""Greywell Metropolitan Borough Council, rhi-2018: Question | Response Word tables plus a quarterly table."""

FOOTER = "Greywell MBC | Town Hall, 55 Foundry Street, Greywell GW1 1DX | 01632 277 000 | Registered for data protection Z5531907"

BLOCKS = [
    ("lh", ["Greywell Metropolitan Borough Council",
            "Children's Services - Business Intelligence and Information Governance",
            "Town Hall, 55 Foundry Street, Greywell GW1 1DX",
            "Telephone 01632 277 000 | Direct line 01632 277 418 | foi@greywell.gov.uk"]),
    ("meta", [("Reference", "GMBC/CS/FOI/18/1953"),
              ("Request received", "31 May 2018"),
              ("Date of response", "29 June 2018"),
              ("Officer", "Bernadette Oyelaran-Hughes")]),
    ("addr", ["Ms Aaliyah Brennan-Stokes",
              "Runaway Research Network",
              "by email"]),
    ("p", "Dear Ms Brennan-Stokes,"),
    ("h", "Request for information: return home interviews (RHIs)"),
    ("p", "I can confirm that Greywell Metropolitan Borough Council holds the information you have asked "
          "for, with the exception noted against out-of-area question 2d. Our responses are given in the "
          "tables below. Unless stated otherwise, all figures relate to the financial year 1 April 2017 to "
          "31 March 2018 and were taken from the Keystone monthly returns and the council's case "
          "management system on 12 June 2018."),
    ("h", "Table A - Main questions"),
    ("table", (16, 62, 92), ("No.", "Question", "Response"), [
        ("1", "Which agency currently delivers RHIs in Greywell?",
         "Keystone Youth Services Ltd, an independent provider commissioned by the council since "
         "1 April 2016. It is not a charity and the council does not deliver interviews itself."),
        ("2", "Which agency delivered RHIs in 2016/17?", "See response to Q1."),
        ("3", "Which agency delivered RHIs in 2013/14?",
         "Youth workers from the council's Targeted Youth Support service."),
        ("4a", "Number of missing incidents reported",
         "Please see Table B, which gives the figure for each quarter and for the year."),
        ("4b", "Number of individual children those incidents relate to", "301 children."),
        ("5a", "Incidents in which an RHI was offered to the child or parent/carer", "861 incidents."),
        ("5b", "Number of offers accepted by the child", "604 accepted."),
        ("5c", "Number of incidents in which the offer was declined", "257 declined."),
        ("6a", "Number of incidents in which an RHI was carried out", "See Table B."),
        ("6b", "Number carried out within 72 hours of the child's return", "See Table B."),
        ("6c(i)", "Is the 72 hours measured from the return or the police referral?",
         "From the police referral: the time Keystone receive the police notification of the return."),
        ("6c(ii)", "Is it measured in hours or days (calendar or working)?", "In hours."),
        ("6c(iii)", "Is any adjustment made if the child goes missing again first?",
         "No adjustment is made. A new episode generates a new referral."),
        ("7a", "Do you provide or commission follow-up support?",
         "Yes. Keystone can offer up to eight weeks of targeted support, and children can be referred "
         "to the council's Compass exploitation team."),
        ("7b", "What happens to the information gathered?",
         "The completed RHI is uploaded to the child's record within 48 hours. Key themes are reported "
         "to the quarterly Missing from Home and Care Steering Group and shared with Greywell Police."),
        ("7c", "What steps are taken when a vulnerability is identified?",
         "Keystone alert the allocated worker or, if the child is not open to social care, the Greywell "
         "Children's Advice Hub. An exploitation screening tool is completed where there are concerns."),
        ("8", "Further information about the service",
         "Recommissioning in 2016 improved the timeliness of interviews, but take-up among 16 and 17 "
         "year olds remains low. We would like the guidance to be clearer on what to do when a young "
         "person repeatedly refuses."),
    ]),
    ("h", "Table B - Missing incidents and RHIs by quarter (questions 4a, 6a and 6b)"),
    ("table", (52, 40, 40, 38), ("Quarter", "Missing incidents (4a)", "RHIs carried out (6a)",
                                 "Within 72 hours (6b)"), [
        ("Q1 Apr-Jun 2017", "212", "139", "97"),
        ("Q2 Jul-Sep 2017", "247", "158", "112"),
        ("Q3 Oct-Dec 2017", "198", "131", "88"),
        ("Q4 Jan-Mar 2018", "231", "148", "104"),
        ("Total 2017/18", "888", "576", "401"),
    ]),
    ("h", "Table C - Children placed out of area"),
    ("table", (16, 62, 92), ("No.", "Question", "Response"), [
        ("OOA 1", "How are RHIs delivered to our looked after children placed out of area?",
         "(b) By children's services, but never the child's social worker. Our Children in Care "
         "Participation Officers travel to the placement."),
        ("OOA 2a", "How many of our looked after children were placed out of area in the year?",
         "74 children were placed outside the borough at some point in 2017/18 (52 on 31 March 2018)."),
        ("OOA 2b", "How many of those went missing?", "7 children, in 19 missing incidents."),
        ("OOA 2c", "How many were offered an RHI?", "An RHI was offered in 17 incidents."),
        ("OOA 2d", "How many received an RHI?",
         "Fewer than 5. The exact figure is withheld under section 40(2) of the Act because, with "
         "other information, it could identify individual children."),
        ("OOA 3", "Do you offer RHIs to children placed in Greywell by other councils?", "Case by case."),
        ("OOA 4", "If so, which agency delivers them?",
         "Where agreed, the placing authority spot purchases an interview from Keystone."),
        ("OOA 5a", "How many looked after children did other councils place in Greywell?",
         "158 children."),
        ("OOA 5b", "How many of those went missing, and how many received an RHI?",
         "36 children went missing, in 122 incidents. 49 received an RHI from Keystone."),
        ("OOA 6", "Further information about out-of-area children",
         "Notifications from placing authorities are inconsistent. We have asked all neighbouring "
         "councils to copy missing notifications to our Children's Advice Hub."),
    ]),
    ("small", "Internal review: if you are dissatisfied with this response you may ask for an internal "
              "review within 40 working days by writing to the Information Governance Team at the address "
              "above. You may then complain to the Information Commissioner's Office, Wycliffe House, "
              "Water Lane, Wilmslow SK9 5AF, telephone 0303 123 1113."),
    ("small", "Re-use: most of the information in this response is council copyright and may be re-used "
              "under the Open Government Licence v3.0."),
    ("p", "Yours sincerely,"),
    ("sig", ["Bernadette Oyelaran-Hughes",
             "Information Governance Lead, Children's Services"]),
]
