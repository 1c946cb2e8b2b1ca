import json
from pathlib import Path
comments = ("Most late interviews happen because the young person cannot be reached in the first three days, rather than because no worker is free. "
            "We think the statutory guidance should recognise that a short delay, agreed with the young person, can lead to a more useful conversation than one held on time. "
            "We would also welcome clearer expectations on how placing authorities and host authorities share interview findings.")
g = {
 "letter": "eastling-2024.md",
 "council": "Eastling Borough Council",
 "reference": "EBC/FOI/2024/3319",
 "response_date": "2024-11-14",
 "questionnaire": "rhi-2024",
 "period": {"start": "2023-04-01", "end": "2024-03-31"},
 "fields": {
  "missing_children": {"value": 733, "unit": "count", "quote": "733 children were reported missing"},
  "missing_incidents": {"value": 2041, "unit": "count", "quote": "2,041 separate missing episodes"},
  "lac_total": {"value": 802, "unit": "count", "quote": "We looked after 802 children at some point during 2023/24"},
  "lac_missing_children": {"value": 18, "unit": "percent", "of": "lac_total",
                           "quote": "Of the children we looked after during the year, 18% were reported missing at least once."},
  "lac_missing_incidents": {"value": 47, "unit": "percent", "of": "missing_incidents",
                            "quote": "Episodes involving children in our care made up 47% of all missing episodes."},
  "rhi_offered": {"value": 88.2, "unit": "percent", "of": "missing_incidents", "quote": "an interview was offered after 88.2% of episodes"},
  "rhi_completed": {"value": 63.9, "unit": "percent", "of": "missing_incidents", "quote": "an interview was completed after 63.9% of episodes"},
  "rhi_declined": {"value": 14.1, "unit": "percent", "of": "missing_incidents", "quote": "declined in 14.1% of episodes"},
  "rhi_within_72h": {"value": 41, "unit": "percent", "of": "rhi_offered",
                     "quote": "Measured against the interviews offered, 41% were completed within 72 hours of the child's return."},
  "provider": {"value": ["commissioned_independent_service", "social_worker"],
               "agency": "Kestrel Return Interview Services Ltd",
               "detail": "the young person's own social worker where a child in care will not meet the Kestrel worker",
               "quote": "Kestrel Return Interview Services Ltd, an independent provider commissioned by the Council"},
  "follow_up_support": {"value": ["no"],
                        "quote": "Neither the Council nor Kestrel runs a dedicated follow-up support service after the interview."},
  "comments": {"value": comments,
               "quote": "We think the statutory guidance should recognise that a short delay, agreed with the young person, can lead to a more useful conversation than one held on time."}
 },
 "questions": {
  "9": "Who does the interviews, and what happens",
  "10": "Who does the interviews, and what happens",
  "1": "Children and episodes reported missing (questions",
  "2": "Children and episodes reported missing (questions",
  "3": "Children in our care (questions 3,",
  "4": "Children in our care (questions 3,",
  "5": "Children in our care (questions 3,",
  "6": "Interviews offered, completed and declined, and how",
  "7": "Interviews offered, completed and declined, and how",
  "8": "Interviews offered, completed and declined, and how",
  "11": "Anything else (question 11)"
 },
 "layout": ["paraphrased_questions", "percentages_only"],
 "notes": "Markdown letter. The council restates the questions as its own section headings, merging them (9+10, 1+2, 3+4+5, 6+7+8, 11) and reordering them (provider and follow-up first); merged questions share one opening. Counts are given only for children missing (733), episodes (2,041) and children looked after during the year (802); 574 is the point-in-time count on 31 March 2024 (distractor). The rest are percentages with stated bases: Q4 of children looked after (lac_total), Q5 and Q6/Q7/declined of all missing episodes (not of interviews offered), Q8 of interviews offered (not of completed). The 75% is Kestrel's contract target, not an answer. Provider: an independent company commissioned by the council, plus the child's own social worker as a fallback. Follow-up support is 'no' (only referral to existing services)."
}
(Path(__file__).resolve().parents[2] / "gold" / "eastling-2024.json").write_text(json.dumps(g, indent=2, ensure_ascii=False) + "\n")
