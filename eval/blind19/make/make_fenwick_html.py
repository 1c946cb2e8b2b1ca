"""Build R/letters/fenwick-2024.html: a disclosure-log page with <h2>/<h3> headings
between answers, a <ul> comments answer followed by <h3>Notes</h3>, then a page footer."""
OUT = "/work/sealed19/R/letters/fenwick-2024.html"
HTML = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>FOI disclosure: Missing children and return interviews 2023/24 | Fenwick Metropolitan Borough Council</title>
</head>
<body>
<header>
<nav><a href="/">Home</a> &gt; <a href="/council">Council and democracy</a> &gt; <a href="/foi/disclosure-log">Disclosure log</a></nav>
</header>
<main>
<h1>Missing children and return interviews 2023/24</h1>
<dl class="foi-meta">
<dt>Reference</dt><dd>FMBC/FOI/24/3318</dd>
<dt>Date of response</dt><dd>12 December 2024</dd>
<dt>Service</dt><dd>Children and Families</dd>
</dl>

<h2>Request</h2>
<p>The requester asked for figures on children reported missing between 1 April 2023 and 31 March 2024, the return interviews offered and completed, who delivers them, and any comments on the service.</p>

<h2>Response</h2>
<p>Fenwick Metropolitan Borough Council holds the information requested. Our answers are below.</p>

<h3>Children reported missing</h3>
<p><strong>1. How many individual children were reported missing?</strong></p>
<p>412 children.</p>
<p><strong>2. How many missing incidents were reported in total?</strong></p>
<p>1,873 incidents were reported to us by the police.</p>
<p><strong>3. How many children were looked after by the council in the period?</strong></p>
<p>598 children were looked after at some point during the year.</p>
<p><strong>4. How many individual looked-after children went missing?</strong></p>
<p>96 looked-after children.</p>
<p><strong>5. How many missing incidents related to looked-after children?</strong></p>
<p>744 of the incidents in question 2.</p>

<h3>Return interviews</h3>
<p><strong>6. How many return interviews were offered?</strong></p>
<p>1,790 (95.6% of all incidents).</p>
<p><strong>7. How many return interviews were completed?</strong></p>
<p>1,061 interviews were completed; a further 512 offers were declined by the child or family.</p>
<p><strong>8. How many of those were completed within 72 hours of the child's return?</strong></p>
<p>78% of completed interviews were held within 72 hours.</p>

<h2>Who provides return interviews</h2>
<p><strong>9. Who provides return interviews in your area?</strong></p>
<ul>
<li>Social workers: not ticked</li>
<li>Dedicated team or individual within the local authority: ticked</li>
<li>Youth worker: not ticked</li>
<li>An independent service commissioned by the local authority: ticked</li>
<li>Other: not ticked</li>
</ul>
<p>Detail: the council's Fenwick Missing Team interviews looked-after children. Interviews for all other children are commissioned from Safe Passage Partnership CIC, an independent provider.</p>
<p><strong>10. Is follow-up support provided or commissioned?</strong></p>
<p>Yes. Safe Passage Partnership offers a follow-up programme of up to ten sessions.</p>

<h3>Comments on the service</h3>
<p><strong>11. Please tell us anything else about your service.</strong></p>
<ul>
<li>Interviews held in school by a familiar worker are completed far more often than home visits.</li>
<li>Recruitment to the Missing Team has been difficult, and two posts were vacant for most of the year.</li>
<li>We would support a change to the guidance allowing a short phone contact to count where a child has been missing for under four hours.</li>
</ul>

<h3>Notes</h3>
<p>Figures are drawn from the council's case recording system and have not been verified against police records. Totals may change as late records are added.</p>
</main>
<footer>
<h2>Related disclosures</h2>
<ul>
<li><a href="/foi/disclosure-log/fmbc-foi-24-2977">Children missing education 2023/24</a></li>
</ul>
<p>Fenwick Metropolitan Borough Council, Town Hall, Victoria Square, Fenwick FW1 3TT</p>
<p>&copy; Fenwick Metropolitan Borough Council 2024. Content is available under the Open Government Licence v3.0.</p>
</footer>
</body>
</html>
"""
open(OUT, "w", encoding="utf-8").write(HTML)
print("wrote", OUT)
