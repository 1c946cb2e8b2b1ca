import json
from pathlib import Path
g = {
 "letter": "gildersome-cross-2024.pdf",
 "council": "Gildersome Cross Council",
 "reference": "GXC-INF-24-00981",
 "response_date": "2024-10-21",
 "questionnaire": "rhi-2024",
 "period": {"start": "2023-04-01", "end": "2024-03-31"},
 "fields": {
  "missing_children": {"value": 702, "unit": "count", "quote": "2023/24: 702 children."},
  "missing_incidents": {"value": 1963, "unit": "count", "quote": "There were 1,963 incidents in 2023/24"},
  "lac_total": {"value": 689, "unit": "count", "quote": "689 children were looked after during 2023/24"},
  "lac_missing_children": {"value": 118, "unit": "count", "quote": "2023/24: 118 children"},
  "lac_missing_incidents": {"value": 911, "unit": "count", "quote": "911 incidents in 2023/24"},
  "rhi_offered": {"value": 1880, "unit": "count", "quote": "Offered in 2023/24: 1,880."},
  "rhi_completed": {"value": 1204, "unit": "count", "quote": "In 2023/24, 1,204 interviews were completed"},
  "rhi_declined": {"value": 377, "unit": "count", "quote": "377 offers were declined"},
  "rhi_within_72h": {"value": None, "status": "not_held",
                     "quote": "so the information is not held in a form that would allow us to work this out."},
  "provider": {"value": ["local_authority_team", "third_sector_agency"],
               "team": "Missing and Child Exploitation (MACE) Team", "agency": "Brightwater Trust",
               "quote": "Most return interviews are carried out by the Council's Missing and Child Exploitation (MACE) Team,"},
  "follow_up_support": {"value": ["yes"], "quote": "Yes. The MACE Team can offer up to six sessions of follow-up work,"},
  "comments": {"value": "Completion rates rose after we began offering interviews at school and in the evenings. Our biggest difficulty is young people who are reported missing many times in a short period and do not want repeated interviews. We would support guidance allowing a single, fuller conversation to cover a cluster of episodes.",
               "quote": "We would support guidance allowing a single, fuller conversation to cover a cluster of episodes."}
 },
 "questions": {
  "1": "Please tell us the number of individual",
  "2": "Please also give the total number of",
  "3": "How many children did your local authority",
  "4": "Of the children you looked after, how",
  "5": "How many missing incidents were reported for",
  "6": "How many return interviews did you offer",
  "7": "How many return interviews were completed after",
  "8": "Of the completed interviews, how many took",
  "9": "Who provides return interviews in your area",
  "10": "Does your local authority provide or commission",
  "11": "Is there anything else you would like"
 },
 "layout": ["unnumbered_full_questions", "years_side_by_side"],
 "notes": "PDF letter: each of the 11 questions is repeated in full in bold with no numbers, the answer below it. Most answers give 2022/23 and 2023/24 together, in varying order and wording ('2022/23: 655 children. 2023/24: 702 children.', 'up from 1,702 in 2022/23', '(2022/23: 671)'); only the 2023/24 figures are answers, the 2022/23 ones (655, 1,702, 671, 104, 788, 1,611, 1,049, 341) are distractors. 497 is the point-in-time count of children in care on 31 March 2024 (lac_total is 689). The 72-hour question is not held (interview date recorded but not time of return); the '24 hours' first-contact aim is not an answer. The provider question is split across the page break. Provider: council MACE team plus a charity's key workers for some children."
}
(Path(__file__).resolve().parents[2] / "gold" / "gildersome-cross-2024.json").write_text(json.dumps(g, indent=2, ensure_ascii=False) + "\n")
