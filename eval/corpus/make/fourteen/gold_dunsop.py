import json
from pathlib import Path
comments = ("Since the service moved into Early Help in June 2023, interviews have been offered by text and by phone as well as by letter, and take-up has grown. "
            "The main obstacle is the gap between a child returning and the police notification reaching us, which at weekends can be more than a day. "
            "The service would welcome a national expectation that notifications are shared within 24 hours.")
g = {
 "letter": "dunsop-vale-2024.txt",
 "council": "Dunsop Vale Council",
 "reference": "DV-FOI-2024-1552",
 "response_date": "2024-10-30",
 "questionnaire": "rhi-2024",
 "period": {"start": "2023-04-01", "end": "2024-03-31"},
 "fields": {
  "missing_children": {"value": 402, "unit": "count", "quote": "separate children were reported missing during the year? 402"},
  "missing_incidents": {"value": 1187, "unit": "count", "quote": "Total number of missing incidents reported: 1,187"},
  "lac_total": {"value": 538, "unit": "count", "quote": "538 children were looked after at some time between 1 April 2023 and 31 March 2024"},
  "lac_missing_children": {"value": 71, "unit": "count", "quote": "71 (a)"},
  "lac_missing_incidents": {"value": 610, "unit": "count", "quote": "610"},
  "rhi_offered": {"value": 1131, "unit": "count", "quote": "1,131"},
  "rhi_completed": {"value": 785, "unit": "count", "quote": "785"},
  "rhi_declined": {"value": 257, "unit": "count", "quote": "257"},
  "rhi_within_72h": {"value": 514, "unit": "count", "quote": "514"},
  "provider": {"value": ["local_authority_team", "youth_worker"], "team": "Early Help Adolescent Service (youth workers)",
               "quote": "Youth workers in our Early Help Adolescent Service, which is a council team, carry out all return interviews."},
  "follow_up_support": {"value": ["yes"], "quote": "Do you provide or commission follow-up support after a return interview? Yes."},
  "comments": {"value": comments,
               "quote": "The main obstacle is the gap between a child returning and the police notification reaching us, which at weekends can be more than a day."}
 },
 "questions": {
  "1": "1) How many separate children were reported",
  "2": "2) Total number of missing incidents reported:",
  "3": "3) Children looked after by the Council",
  "4": "4) Looked after children who went missing:",
  "5": "5) Missing incidents involving looked after children:",
  "6": "6) Return interviews offered following a missing",
  "7": "7) Return interviews completed: see Table A,",
  "8": "8) How many of these were completed",
  "9": "9) Who provides return interviews in your",
  "10": "10) Do you provide or commission follow-up",
  "11": "11) Further comments: Since the service moved"
 },
 "layout": ["inline_answer", "quarterly_with_total"],
 "notes": "Plain-text letter. Questions 1-3 and 9-11 are answered on the same line as the (shortened) question; questions 4-8 point to rows of Table A, a space-aligned quarterly table (Apr-Jun, Jul-Sep, Oct-Dec, Jan-Mar) with a whole-year column, which is the answer. Quotes for table figures are the whole-year cell text. For children (rows 1 and 3) the quarters overlap: the quarterly sums 516 and 154 given in note (a) are distractors, the whole-year unique counts 402 and 71 are the answers. 391 is the point-in-time count of looked-after children on 31 March 2024 (lac_total is 538 for the year). Row 8 gives interviews declined (257). Provider: youth workers in a council team, so both local_authority_team and youth_worker. The requester's reference RI/2324/77, the 14:07 receipt time, '12 weeks' and '24 hours' are not answers."
}
(Path(__file__).resolve().parents[2] / "gold" / "dunsop-vale-2024.json").write_text(json.dumps(g, indent=2, ensure_ascii=False) + "\n")
