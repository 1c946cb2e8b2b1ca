"""Abbotsmoor Borough Council, rhi-2018: ruled tables with 2016/17 beside 2017/18."""

FOOTER = "Abbotsmoor Borough Council - Civic Offices, 14-18 Quarry Lane, Abbotsmoor AB7 3QT - 01632 960 418"

BLOCKS = [
    ("lh", ["Abbotsmoor Borough Council",
            "Children, Families and Learning Directorate",
            "Civic Offices, 14-18 Quarry Lane, Abbotsmoor AB7 3QT",
            "Tel: 01632 960 418   Fax: 01632 960 419   DX 71204 Abbotsmoor",
            "foi@abbotsmoor.gov.uk   www.abbotsmoor.gov.uk"]),
    ("meta", [("Our ref", "ABC/FOI/2018/0731"),
              ("Your ref", "RRN/RHI/118"),
              ("Date", "21 June 2018"),
              ("Please ask for", "Sunita Mallory-Grange (ext. 2273)")]),
    ("addr", ["Mr Tobias Wren",
              "Runaway Research Network",
              "PO Box 4471",
              "Leytonford LF2 9XB"]),
    ("p", "Dear Mr Wren"),
    ("h", "Freedom of Information Act 2000 - return home interviews"),
    ("p", "Thank you for your request, which we received on 24 May 2018. We have now gathered the "
          "information from the Children's Services performance team and from Moorside Young People's "
          "Trust, who deliver our return home interviews. The answers are set out in the tables below, "
          "using your question numbers."),
    ("p", "Table 1 covers who delivers the service and how it works. Tables 2 and 4 give the figures. "
          "Because the service changed provider part way through 2015/16, we have shown 2016/17 next "
          "to 2017/18 so that the two full years under the current contract can be compared. The "
          "figures you asked for are those in the 2017/18 column."),
    ("h", "Table 1: Provision and practice"),
    ("table", (14, 46, 110), ("Q", "Your question (summary)", "Response"), [
        ("1", "Who delivers RHIs now?",
         "A third sector agency: Moorside Young People's Trust, a registered charity, under a contract "
         "that started on 1 October 2015. No council team delivers interviews."),
        ("2", "Who delivered RHIs in 2016/17?", "Moorside Young People's Trust (as now)."),
        ("3", "Who delivered RHIs in 2013/14?",
         "A council team: the Missing from Home Co-ordinator, a single post in the Safeguarding Unit."),
        ("6c(i)", "Measured from the return or the police referral?",
         "From the time the police record the child as returned."),
        ("6c(ii)", "Counted in hours or in days?", "Hours, counted around the clock including weekends."),
        ("6c(iii)", "Adjustment for a further episode?",
         "Yes. If the child goes missing again before the interview, the 72 hours restart from the "
         "latest return."),
        ("7a", "Follow-up support after an RHI?",
         "Yes. Moorside offer up to six weeks of one-to-one follow-up work."),
        ("7b", "What happens to the information?",
         "Moorside send the interview summary to the child's social worker or Early Help lead within "
         "two working days, and a monthly themes report to the Missing and Exploitation Operational "
         "Group."),
        ("7c", "Steps when a vulnerability is identified",
         "Moorside contact the Integrated Front Door the same day. Where exploitation is a concern the "
         "child is referred to the weekly multi-agency exploitation meeting."),
        ("8", "Anything else about your service",
         "Demand has risen each year. The biggest barrier is the number of young people from other "
         "areas placed in Abbotsmoor's private children's homes, who are harder to reach because "
         "notifications about them arrive late."),
    ]),
    ("h", "Table 2: Missing incidents and return home interviews"),
    ("table", (14, 96, 30, 30), ("Q", "Measure", "2016/17", "2017/18"), [
        ("4a", "Missing incidents reported in the year", "1,043", "1,186"),
        ("4b", "Individual children those incidents relate to", "377", "402"),
        ("5a", "Incidents where an RHI was offered", "968", "1,121"),
        ("5b", "Offers accepted by the child", "610", "742"),
        ("5c", "Offers declined by the child or family", "358", "379"),
        ("6a", "Incidents where an RHI was carried out", "581", "705"),
        ("6b", "RHIs carried out within 72 hours of return", "366", "512"),
    ]),
    ("h", "Table 3: Children placed out of area - provision"),
    ("table", (22, 46, 102), ("Q", "Your question (summary)", "Response"), [
        ("OOA 1", "How are RHIs delivered to our children placed out of area?",
         "(h) A combination. Moorside visit children placed within 20 miles of the borough boundary; "
         "for placements further away we spot purchase an interview from the host authority's own "
         "service."),
        ("OOA 3", "Offered to children placed here by other councils?",
         "Yes - they are offered on the same basis as to our own children."),
        ("OOA 4", "Which agency delivers them?",
         "The third sector agency: Moorside Young People's Trust."),
        ("OOA 6", "Anything else about out-of-area provision",
         "Host authorities vary a great deal in how quickly they can offer an interview. We would "
         "welcome a national agreement on recharging."),
    ]),
    ("h", "Table 4: Children placed out of area - figures"),
    ("table", (22, 88, 30, 30), ("Q", "Measure", "2016/17", "2017/18"), [
        ("OOA 2a", "Our looked after children placed outside the borough during the year", "149", "163"),
        ("OOA 2b", "Of those, how many went missing (children)", "27", "31"),
        ("OOA 2b", "Missing incidents for our placed children", "119", "142"),
        ("OOA 2c", "Of those incidents, how many had an RHI offer", "104", "128"),
        ("OOA 2d", "RHIs received by our placed children", "61", "77"),
        ("OOA 5a", "Looked after children placed in Abbotsmoor by other councils", "198", "211"),
        ("OOA 5b", "Of those placed here, children who went missing", "39", "44"),
        ("OOA 5b", "Missing incidents for children placed here", "171", "203"),
        ("OOA 5b", "RHIs received from Moorside", "102", "131"),
    ]),
    ("p", "For information, on 31 March 2018 there were 118 Abbotsmoor children living in placements "
          "outside the borough. This is a snapshot and is lower than the number placed out of area at "
          "some point during the year (Table 4)."),
    ("small", "If you are unhappy with the way your request has been handled, you may ask for an internal "
              "review. Please write to the Information Governance Manager at the address above within 40 "
              "working days. If you remain dissatisfied, you have the right to apply to the Information "
              "Commissioner, Wycliffe House, Water Lane, Wilmslow SK9 5AF (0303 123 1113)."),
    ("small", "The information provided is the copyright of Abbotsmoor Borough Council. You may use it for "
              "your own research or for news reporting. Any other re-use, for example commercial "
              "publication, requires our permission."),
    ("p", "Yours sincerely"),
    ("sig", ["Sunita Mallory-Grange",
             "Information Governance Officer",
             "Abbotsmoor Borough Council"]),
]
