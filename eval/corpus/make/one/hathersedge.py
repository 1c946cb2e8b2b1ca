"""Hathersedge District Council, rhi-2024: questions restated in the council's words, merged and reordered."""

FOOTER = "Hathersedge District Council, Moot Hall, 2 Castle Street, Hathersedge HS8 2NR"

BLOCKS = [
    ("lh", ["Hathersedge District Council",
            "Corporate Information Unit",
            "Moot Hall, 2 Castle Street, Hathersedge HS8 2NR",
            "01632 130 130 (main)  |  01632 130 472 (FOI line, 09:30-12:30)  |  cio@hathersedge.gov.uk"]),
    ("meta", [("Case", "HDC/IR/2024/0593"),
              ("Received", "19/11/2024"),
              ("Sent", "17/12/2024")]),
    ("p", "Dear Tamsin Hale,"),
    ("h", "Your request about missing children and return interviews"),
    ("p", "Thank you for your request. You asked eleven questions about children who went missing "
          "during 2023/24 and the return interviews offered to them. To keep this letter short I have put "
          "each question in my own words, and where one answer covers more than one question I have "
          "grouped them together. All figures are for 1 April 2023 to 31 March 2024."),
    ("h", "Questions 1 and 2 - how often children went missing, and how many children that involved"),
    ("p", "Between 1 April 2023 and 31 March 2024 the police notified us of 563 missing episodes. Those "
          "episodes involved 205 individual children."),
    ("h", "Question 3 - the number of children in the council's care"),
    ("p", "We looked after 244 children at some time during the year. On 31 March 2024 we were looking "
          "after 171 children."),
    ("h", "Questions 4 and 5 - children in care who went missing"),
    ("p", "38 of the children we looked after went missing during the year. Between them they account for "
          "219 of the episodes given in our answer to questions 1 and 2."),
    ("h", "Questions 6, 7 and 8 - interviews offered, carried out, and carried out on time"),
    ("p", "An interview was offered after 548 episodes. 371 interviews took place, and in 119 cases the "
          "young person told us they did not want one. Of the 371 interviews, 297 were held within "
          "72 hours of the young person coming home."),
    ("h", "Question 9 - who carries out the interviews"),
    ("p", "Interviews are carried out by Hathersedge & District Runaways Service, a registered charity "
          "which the council funds through a grant agreement. Council staff do not normally carry out "
          "return interviews. The one exception is a child in a secure, hospital or other health "
          "placement, where their social worker has the conversation instead because the charity's "
          "workers cannot visit."),
    ("h", "Question 10 - support after the interview"),
    ("p", "Yes, we do. The Runaways Service offers up to ten weeks of follow-up work, including a "
          "weekly group on Thursday evenings from 18:00 to 19:30, and can refer young people to the "
          "district's Early Help Hub."),
    ("h", "Question 11 - anything else you would like to tell us"),
    ("p", "Most episodes are short: about two thirds end within 24 hours. The Runaways Service tries to "
          "see every young person within 3 working days, but rural transport makes this hard in the "
          "north of the district. We would like the statutory guidance to accept that a phone call can be "
          "enough after a very short absence, so that time is spent on the children at greatest risk."),
    ("p", "I hope this information is helpful."),
    ("small", "If you are unhappy with our response you may ask for it to be reviewed. Please write to the "
              "Corporate Information Unit at the address above, or email cio@hathersedge.gov.uk, within 40 "
              "working days. You also have the right to complain to the Information Commissioner's Office "
              "(ICO), Wycliffe House, Water Lane, Wilmslow SK9 5AF, telephone 0303 123 1113."),
    ("small", "Copyright in the information provided belongs to Hathersedge District Council. You may re-use "
              "it under the terms of the Open Government Licence."),
    ("p", "Yours sincerely,"),
    ("sig", ["Joanna Stavrou-Beck",
             "Corporate Information Officer"]),
]
