"""Loxbridge City Council, rhi-2024: bare Q numbers, most interview figures as percentages."""

FOOTER = "Loxbridge City Council - Guildhall, Bridge Street, Loxbridge LX1 1BS - Switchboard 01632 808 000"

BLOCKS = [
    ("lh", ["Loxbridge City Council",
            "Children's Services | Information Governance and Complaints",
            "Guildhall, Bridge Street, Loxbridge LX1 1BS",
            "Switchboard 01632 808 000 | FOI team 01632 808 512 | foi@loxbridge.gov.uk"]),
    ("meta", [("FOI reference", "LCC-FOI-2024-15208"),
              ("Date received", "07/11/2024"),
              ("Date of response", "05/12/2024"),
              ("Statutory deadline", "05/12/2024")]),
    ("p", "Dear Ms Hale,"),
    ("p", "Thank you for your Freedom of Information request about missing children and return "
          "interviews for the period 01/04/2023 to 31/03/2024. Our responses are numbered to match your "
          "questions. Figures for questions 6 to 8 are taken from the Return and Reach Team's performance "
          "report, which gives them as percentages only; counts are not published for those measures."),
    ("h", "Response"),
    ("p", "Q1  843 individual children."),
    ("p", "Q2  2,417 missing incidents."),
    ("p", "Q3  1,205 children were looked after during 2023/24 (882 looked after at 31/03/2024)."),
    ("p", "Q4  211 looked after children."),
    ("p", "Q5  1,102 incidents involving looked after children."),
    ("p", "Q6  98.1% of missing incidents."),
    ("p", "Q7  66.4% of interviews offered were completed. 19.2% of offers were declined."),
    ("p", "Q8  52.7% of completed interviews."),
    ("p", "Q9  Social worker - No. A dedicated council team or worker - Yes: "
          "the Loxbridge Return and Reach Team, part of Children's Services. Youth worker - No. "
          "Independent service commissioned by the council - No. Other - No."),
    ("p", "Q10  Yes. Return and Reach practitioners can continue to work with a young person for up to "
          "12 weeks after the interview, and the team runs a monthly parents' evening (first Tuesday, "
          "18:30) for families of children who go missing repeatedly."),
    ("p", "Q11  Return and Reach receive police notifications through the MASH every morning at 08:00 and "
          "aim to make contact within 24 hours. Demand increased by about 9% on 2022/23. The team would "
          "welcome guidance on interviews for young people who are remanded or in custody, who at present "
          "are not offered one."),
    ("small", "If you are dissatisfied with the handling of your request, you have the right to ask for an "
              "internal review. Internal review requests should be submitted within 40 working days of the "
              "date of receipt of the response and addressed to foi@loxbridge.gov.uk. If you are not "
              "content with the outcome of the internal review, you have the right to apply directly to "
              "the Information Commissioner (Wycliffe House, Water Lane, Wilmslow SK9 5AF) for a "
              "decision."),
    ("small", "Please note that this response and the information in it may be published in the council's "
              "disclosure log. The information is Loxbridge City Council copyright and may be re-used for "
              "non-commercial purposes."),
    ("p", "Kind regards,"),
    ("sig", ["Information Governance and Complaints Team",
             "Loxbridge City Council"]),
]
