"""Nantwell District Council, rhi-2024: each question restated in a few words, answer after a colon."""

FOOTER = "Nantwell District Council, The Old Courthouse, 12 Well Street, Nantwell NW5 0QS. Tel 01632 404 404"

BLOCKS = [
    ("lh", ["Nantwell District Council",
            "Legal and Information Services",
            "The Old Courthouse, 12 Well Street, Nantwell NW5 0QS",
            "Tel 01632 404 404  Ext 4117  |  foi@nantwell.gov.uk  |  Office hours 08:45-17:00"]),
    ("meta", [("Our ref", "NDC/FOI/24/0417"),
              ("Your ref", "SHR-2024-112"),
              ("Date", "20 December 2024")]),
    ("addr", ["Ms Tamsin Hale",
              "Safe Homecoming Research",
              "Unit 6, 41 Canal Wharf",
              "Leytonford LF1 3PA"]),
    ("p", "Dear Ms Hale,"),
    ("h", "Request for information - children missing from home or care, 2023/24"),
    ("p", "Thank you for your request of 22 November 2024. Nantwell is a small authority and the numbers "
          "involved are low, so please read the figures with care. I have shortened each of your "
          "questions and given our answer after it. The period covered is 1 April 2023 to 31 March 2024."),
    ("p", "Q1 - different children reported missing in 2023/24: 41"),
    ("p", "Q2 - missing episodes reported in the same period: 97"),
    ("p", "Q3 - children looked after by the council during the year: 133 (96 on 31 March 2024)"),
    ("p", "Q4 - looked after children who went missing: fewer than 5. We have not given the exact number "
          "because, with the other figures in this letter, it could identify the children concerned. This "
          "information is exempt under section 40(2) of the Freedom of Information Act."),
    ("p", "Q5 - missing episodes involving looked after children: 22"),
    ("p", "Q6 - return interviews offered: one was offered after every episode - see our answer to Q2."),
    ("p", "Q7 - return interviews completed: 71 (a further 18 were declined)"),
    ("p", "Q8 - of those, completed within 72 hours of return: 60"),
    ("p", "Q9 - who carries out the interviews: Family Support Workers in the council's Nantwell Family "
          "Hub. For young people aged 16 or 17 who are supported by Amberley Housing Association's "
          "young persons' scheme, their housing key worker carries out the interview instead."),
    ("p", "Q10 - whether follow-up support is provided or commissioned: yes. The Family Hub can offer up "
          "to eight weeks of further support, and referrals can be made to the county's CAMHS "
          "single point of access."),
    ("p", "Q11 - anything further: because numbers are small, one worker usually sees the same young "
          "person each time, which young people tell us they value. We aim to offer an interview within "
          "72 hours, but this is harder over weekends as the Family Hub is open 09:00-17:00, Monday to "
          "Friday. We would support guidance that allowed interviews to be done by a trusted adult the "
          "young person already knows."),
    ("small", "If you are unhappy with this response, you may ask for an internal review by writing to the "
              "Monitoring Officer at the address above within 40 working days. If you remain unhappy you "
              "may complain to the Information Commissioner's Office, Wycliffe House, Water Lane, Wilmslow "
              "SK9 5AF (0303 123 1113)."),
    ("small", "You are free to use this information for your own non-commercial research. Other re-use, "
              "for example publication, needs the permission of the copyright holder."),
    ("p", "Yours sincerely,"),
    ("sig", ["Owain Threlfall-Ngata",
             "Information and Records Officer"]),
]
