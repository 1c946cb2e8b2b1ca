"""Letter B: Ravensholt City Council, rhi-2024, a disclosure-log web page.

The council's name appears in the page title, the logo's alt text and the
footer only. Four dates (received, responded, published, and a related
disclosure's publication date) plus a second FOI reference in a sidebar. The
figures table puts 2022/23 beside 2023/24 (the earlier year is a distractor).
Tick-box provider list, soft hyphens (&shy;) in long words, no-break spaces in
the footer, a zero-width space in a link text, a script block with numbers.
"""
from common import P2024, n, status, choice, text, render

FILENAME = "Réponse_FOI_RHI_2024.html"

SOURCE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>FOI/2024/00412 – Missing children and return interviews | Disclosure log | Ravensholt City Council</title>
<link rel="stylesheet" href="/assets/css/site.4471.css">
<style>
  .ticks { list-style: none; padding-left: 0; }
  table.figures td.num { text-align: right; }
  .visually-hidden { position: absolute; left: -9999px; }
</style>
<script>
  window.dataLayer = window.dataLayer || [];
  window.dataLayer.push({"pageType": "disclosure", "caseId": 412, "year": 2024, "views": 1187});
</script>
</head>
<body>
<div class="cookie-banner" role="region" aria-label="Cookie banner">
  <p>We use essential cookies to make this website work. <a href="/cookies">Cookie settings</a></p>
</div>
<header class="site-header">
  <a class="logo" href="/"><img src="/assets/img/crest.svg" alt="Ravensholt City Council"></a>
  <nav class="breadcrumbs" aria-label="Breadcrumb">
    <ol>
      <li><a href="/">Home</a></li>
      <li><a href="/council">Council and democracy</a></li>
      <li><a href="/council/foi">Freedom of information</a></li>
      <li><a href="/council/foi/disclosure-log">Disclosure log</a></li>
    </ol>
  </nav>
</header>

<main id="content">
<h1>Missing children and return interviews, April 2023 to March 2024</h1>

<dl class="case-meta">
  <dt>Reference</dt><dd>FOI/2024/00412</dd>
  <dt>Date received</dt><dd>2024-04-19</dd>
  <dt>Date of response</dt><dd>2024-05-17</dd>
  <dt>Date published</dt><dd>2024-05-24</dd>
  <dt>Service area</dt><dd>Children’s social care</dd>
</dl>

<h2>Request</h2>
<p>The requester, a charity carrying out research into return interviews, asked eleven questions about children reported missing and the return interviews offered to them between 1 April 2023 and 31 March 2024.</p>

<h2>Response</h2>
<p>We hold the information requested. Our answers to questions 1 to 8 are in the table. We have added our figures for 2022/23, published in an earlier response, so that the two years can be compared; the column you asked for is 2023/24.</p>

<table class="figures">
  <caption>Missing episodes and return interviews</caption>
  <thead>
    <tr><th scope="col">Question</th><th scope="col">2022/23</th><th scope="col">2023/24</th></tr>
  </thead>
  <tbody>
    <tr><td>«Q:1»1. Individual children reported missing</td><td class="num">1,097</td><td class="num">1,184</td></tr>
    <tr><td>«Q:2»2. Missing incidents reported</td><td class="num">4,512</td><td class="num">4,906</td></tr>
    <tr><td>«Q:3»3. Children looked after during the year</td><td class="num">1,288</td><td class="num">1,312</td></tr>
    <tr><td>«Q:4»4. Looked&shy;-after children who went missing</td><td class="num">301</td><td class="num">287</td></tr>
    <tr><td>«Q:5»5. Missing incidents of looked&shy;-after children</td><td class="num">2,588</td><td class="num">2,741</td></tr>
    <tr><td>«Q:6»6. Return interviews offered</td><td class="num">4,230</td><td class="num">4,655</td></tr>
    <tr><td>«Q:7»7. Return interviews completed</td><td class="num">2,601</td><td class="num">2,908</td></tr>
    <tr><td>7. Offers declined by the child or family</td><td class="num">1,015</td><td class="num">1,122</td></tr>
    <tr><td>«Q:8»8. Completed within 72&nbsp;hours of the child’s return</td><td class="num">1,722</td><td class="num">2,037</td></tr>
  </tbody>
</table>
<p class="note">Our 72&#8209;hour figure counts interviews that began within 72 hours of the time of return recorded on the police notification.</p>

<h3>«Q:9»9. Who carries out return interviews in your area?</h3>
<ul class="ticks">
  <li>☐ Social workers (for example the child’s own social worker)</li>
  <li>☑ A dedicated team or person within the council</li>
  <li>☐ Youth workers</li>
  <li>☑ An independent service commissioned by the council</li>
  <li>☐ Other</li>
</ul>
<p>Detail: interviews on weekdays are carried out by the council’s Missing Children Hub. Interviews needed in the evening or at weekends are commissioned from Keystone Interviews Ltd, an independent provider.</p>

<h3>«Q:10»10. Is any follow-up support provided or commissioned for children after a return interview?</h3>
<p>Yes. The Hub’s two family support workers can offer up to twelve weeks of direct work with the child and their family after an interview, and children at risk of exploitation can be referred to the council’s adolescent outreach service.</p>

<h3>«Q:11»11. Anything else you would like to tell us about your return interview service?</h3>
<p>The Hub has worked best where it can see the same young person each time, and where the interviewer has time to build a relation&shy;ship before the conversation turns to what happened while the child was away. Many of the children we interview have been missing from supported accommo&shy;dation or residential homes outside the city, and reaching them within three days is the hardest part of the job.</p>
<p>We would like future guidance to recognise repeat episodes: for a small group of young people who go missing many times a month, a weekly planned conversation is more useful than a series of separate interviews. We would also welcome a clearer expectation that police share the return time with the council promptly, as late notification is the main reason our interviews fall outside 72 hours. Our multi-agency missing panel now reviews every child with three or more episodes in a month.</p>
</main>

<aside class="related">
  <h2>Related disclosures</h2>
  <ul>
    <li><a href="/council/foi/disclosure-log/foi-2023-00377">FOI/2023/00377 – Missing children and return interviews 2022/23</a> (published 2023-06-02)</li>
    <li><a href="/council/foi/disclosure-log/foi-2024-00198">FOI/2024/00198 – Children in care placed out of area</a> (published 2024-03-08)</li>
  </ul>
  <p><a href="https://www.ravensholt.gov.uk/council/foi/disclosure-log">www.ravensholt.gov.uk/council/foi/«ZWSP»disclosure-log</a></p>
</aside>

<footer class="site-footer">
  <p>© 2024 Ravensholt«NBSP»City«NBSP»Council · Civic Centre, Ravensholt RV1 1AA</p>
  <p><a href="/privacy">Privacy</a> · <a href="/accessibility">Accessibility</a> · <a href="/contact">Contact us</a></p>
</footer>
</body>
</html>
"""

GOLD = {
    "council": "Ravensholt City Council",
    "reference": "FOI/2024/00412",
    "response_date": "2024-05-17",
    "questionnaire": "rhi-2024",
    "period": P2024,
    "fields": {
        "missing_children": n(1184, "1,184"),
        "missing_incidents": n(4906, "4,906"),
        "lac_total": n(1312, "1,312"),
        "lac_missing_children": n(287, "287"),
        "lac_missing_incidents": n(2741, "2,741"),
        "rhi_offered": n(4655, "4,655"),
        "rhi_completed": n(2908, "2,908"),
        "rhi_declined": n(1122, "1,122"),
        "rhi_within_72h": n(2037, "2,037"),
        "provider": choice(["local_authority_team", "commissioned_independent_service"],
                           "Interviews needed in the evening or at weekends are commissioned from Keystone Interviews Ltd, an independent provider.",
                           team="Missing Children Hub", agency="Keystone Interviews Ltd"),
        "follow_up_support": choice(["yes"],
                                    "Yes. The Hub’s two family support workers can offer up to twelve weeks of direct work with the child and their family after an interview"),
        "comments": text(
            "The Hub has worked best where it can see the same young person each time, and where the interviewer has time to build a relationship before the conversation turns to what happened while the child was away. Many of the children we interview have been missing from supported accommodation or residential homes outside the city, and reaching them within three days is the hardest part of the job. We would like future guidance to recognise repeat episodes: for a small group of young people who go missing many times a month, a weekly planned conversation is more useful than a series of separate interviews. We would also welcome a clearer expectation that police share the return time with the council promptly, as late notification is the main reason our interviews fall outside 72 hours. Our multi-agency missing panel now reviews every child with three or more episodes in a month.",
            "The Hub has worked best where it can see the same young person each time, and where the interviewer has time to build a relationship before the conversation turns to what happened while the child was away."),
    },
}


def build():
    body, anchors = render(SOURCE, is_html=True)
    return body.encode("utf-8"), anchors
