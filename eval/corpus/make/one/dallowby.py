"""Dallowby City Council, rhi-2024: full questions without numbers, answers mostly as percentages, s.12 refusal."""

FOOTER = "Dallowby City Council | Corn Exchange Building, 8 Chapel Walk, Dallowby DL3 9QE | 01632 551 700"

BLOCKS = [
    ("lh", ["Dallowby City Council",
            "Information Management Team - People Services",
            "Floor 2, Corn Exchange Building, 8 Chapel Walk, Dallowby DL3 9QE",
            "Tel 01632 551 700  |  Minicom 01632 551 799  |  information.requests@dallowby.gov.uk"]),
    ("meta", [("Our reference", "DCC/FOI/24/11872"),
              ("Received", "13 November 2024"),
              ("Date", "11 December 2024")]),
    ("addr", ["Ms T. Hale",
              "Safe Homecoming Research",
              "Sent by email only"]),
    ("p", "Dear Ms Hale"),
    ("h", "Freedom of Information Act 2000: missing children and return interviews"),
    ("p", "We have considered your request and our response to each question is set out below. The "
          "council's monthly missing children scorecard reports most of these measures as rates, so "
          "several answers are given as percentages; I have said in each case what the percentage is of. "
          "All answers relate to 1 April 2023 to 31 March 2024."),
    ("q", "What number of individual children were reported missing in the city between 1 April 2023 "
          "and 31 March 2024?"),
    ("p", "612 children were reported missing at least once during the year."),
    ("q", "What was the total number of missing incidents reported in the same period?"),
    ("p", "There were 1,534 missing incidents."),
    ("q", "How many children did the local authority look after during the period?"),
    ("p", "The council looked after 803 children at some point between 1 April 2023 and 31 March 2024. "
          "On 31 March 2024 itself, 571 children were in our care."),
    ("q", "How many different looked after children went missing?"),
    ("p", "141 looked after children went missing at least once."),
    ("q", "How many missing incidents involving looked after children were reported?"),
    ("p", "Looked after children accounted for 43.2% of all missing incidents in the year."),
    ("q", "How many return interviews were offered to children after a missing incident?"),
    ("p", "A return interview was offered after 97.4% of missing incidents."),
    ("q", "How many return interviews were carried out after a missing incident?"),
    ("p", "68.9% of the interviews offered were completed. A further 22.5% of offers were declined by "
          "the young person or their family. The rest could not be completed for other reasons, for "
          "example because the young person could not be contacted or went missing again."),
    ("q", "How many of those interviews took place within 72 hours of the child returning?"),
    ("p", "We are unable to provide this figure. The date and time of each interview are held in the "
          "narrative of the interview record, not in a field that can be reported on, so every completed "
          "interview record would have to be opened and compared with the police return time. We "
          "estimate that this would take about 7 minutes for each of approximately 1,000 records, a total "
          "of some 7,000 minutes or around 117 hours. This is well above the appropriate limit of 18 hours "
          "(£450) for local authorities, and section 12(1) of the Act therefore applies to this part of "
          "your request. As advice and assistance, a request covering a single month would be likely to "
          "fall within the limit."),
    ("q", "Who carries out return interviews following a missing incident in your area? (social worker / "
          "dedicated council team or worker / youth worker / independent service commissioned by the "
          "council / other)"),
    ("p", "An independent service commissioned by the council. Since 1 April 2022 return "
          "interviews in Dallowby have been delivered by the Cedar Path Return Service, which is run by "
          "Cedar Path Family Support Ltd under contract to the council. None of the other options apply."),
    ("q", "Do you provide or commission any follow-up support for young people after a return "
          "interview?"),
    ("p", "Yes. Cedar Path can offer up to four follow-up sessions within 28 days of the interview. Where "
          "a longer piece of work is needed, the young person is referred to the council's Adolescent "
          "Support Team."),
    ("q", "Please tell us more about your return interview service, including any changes you would "
          "make to the statutory guidance."),
    ("p", "Cedar Path contact every child within one working day of the police notification. The biggest "
          "barrier is engagement from young people who go missing often: just over a quarter of all "
          "incidents involved 30 young people. We would recommend that the guidance allows a return "
          "conversation with a trusted adult, such as a residential key worker, to count where the young "
          "person asks for it."),
    ("small", "If you are not satisfied with this response you can ask for an internal review. Requests "
              "for review should be made within 40 working days to the Information Management Team at the "
              "address above. If you are still not satisfied you may complain to the Information "
              "Commissioner's Office, Wycliffe House, Water Lane, Wilmslow SK9 5AF (www.ico.org.uk)."),
    ("small", "You may re-use this information under the Open Government Licence. This does not apply to "
              "information whose copyright belongs to a third party."),
    ("p", "Yours sincerely"),
    ("sig", ["Ewan Castellanos-Pryce",
             "Information Management Officer"]),
]
