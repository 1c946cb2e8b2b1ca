"""The batch summary shown: a terminal table, and a self-contained HTML page with a histogram
per rate (matplotlib, drawn as inline SVG: nothing is fetched when the page is opened)."""

from __future__ import annotations

import html
import io
import re
from typing import Any

from rich.console import Group
from rich.table import Table

from rhi_llm.summary import (
    HIGH,
    LOW,
    MARKERS,
    NOTES,
    SOURCES,
    BatchSummary,
    Rate,
    file_text,
    not_counted_lines,
    percents_of,
    rate_legend,
)

# --------------------------------------------------------------------------------------------
# Terminal table
# --------------------------------------------------------------------------------------------


def percent_text(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}%"


def rate_text(rate: Rate) -> str:
    """'87.7% counts', '105.0% counts !*', '- missing'."""
    markers = ("!" if rate.impossible else "") + ("*" if rate.unreviewed_flag else "")
    text = f"{percent_text(rate.percent)} {rate.source}"
    return f"{text} {markers}" if markers else text


def _distribution_rows(summary: BatchSummary) -> list[tuple[str, list[str]]]:
    spread = [summary.distribution[d.id] for d in summary.rates]
    return [
        ("councils counted", [str(s.councils) for s in spread]),
        ("at or above 90%", [str(s.at_or_above_90) for s in spread]),
        ("below 30%", [str(s.below_30) for s in spread]),
        ("not counted: awaiting review", [str(s.awaiting_review) for s in spread]),
        ("not counted: impossible", [str(s.impossible) for s in spread]),
        ("mean", [percent_text(s.mean) for s in spread]),
        ("median", [percent_text(s.median) for s in spread]),
        ("min", [percent_text(s.min) for s in spread]),
        ("max", [percent_text(s.max) for s in spread]),
    ]


def legend_lines(summary: BatchSummary) -> list[str]:
    """What the table's words mean: each rate (what over what), each source, each marker,
    then what was left out of the statistics and why."""
    sources = "; ".join(f"{name} = {text}" for name, text in SOURCES.items() if name != "missing")
    markers = "; ".join(f"{mark} {text}" for mark, text in MARKERS.items())
    lines = [f"Rates: {rate_legend(summary.rates)}."] if summary.rates else []
    return [*lines, f"Sources: {sources}.", f"Markers: {markers}.", *not_counted_lines(summary)]


def summary_table(summary: BatchSummary) -> Group:
    """Per-letter rates, then (below a rule) their distribution across councils, then a
    legend and what was not counted. Long names and paths wrap (fold), never get cut."""
    copies = summary.letters - summary.replies
    noun = "copy" if copies == 1 else "copies"
    counted = f" ({copies} {noun} of a reply not counted twice)" if copies else ""
    table = Table(title=f"Return home interviews: {summary.letters} letters{counted}")
    table.add_column("Council (file)", overflow="fold", min_width=16)
    for definition in summary.rates:
        table.add_column(definition.label, justify="right", overflow="fold")
    for council in summary.councils:
        cells = [rate_text(council.rates[d.id]) for d in summary.rates]
        style = "dim" if council.copy_of else None
        named = f"{council.council or '(not named)'}\n{file_text(council)}"
        table.add_row(named, *cells, style=style)
    table.add_section()
    for label, cells in _distribution_rows(summary):
        table.add_row(label, *cells, style="bold")
    # A grid, not bare text: a table wraps to the console's width even where the console
    # leaves long lines to the terminal (soft wrap), so no line is cut.
    legend = Table.grid()
    legend.add_column(overflow="fold")
    for line in legend_lines(summary):
        legend.add_row(line)
    return Group(table, legend)


# --------------------------------------------------------------------------------------------
# HTML with inline SVG charts
# --------------------------------------------------------------------------------------------

_CSS = """
body { font-family: sans-serif; max-width: 60rem; margin: 2rem auto; color: #222; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.5rem; }
td.rate { text-align: right; white-space: nowrap; }
.source { color: #666; font-size: 0.85em; }
.flag { color: #b35900; font-weight: bold; }
.over { color: #b00020; font-weight: bold; }
figure { display: inline-block; margin: 0.5rem; }
"""


def rate_chart_svg(label: str, percents: list[float]) -> str:
    """A histogram of one rate across councils, 10-point bins, lines at 30% and 90%."""
    # Imported here: matplotlib takes a while to load and only the HTML needs it. The figure
    # gets its own Agg canvas, so no global backend (pyplot's) is touched.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    figure = Figure(figsize=(4.2, 2.6))
    FigureCanvasAgg(figure)
    axes = figure.subplots()
    top = max([100.0, *percents])
    bins = [10 * i for i in range(int(top // 10) + 2)]
    axes.hist(percents, bins=bins, color="#4c78a8", edgecolor="white")
    for line in (float(LOW), float(HIGH)):
        axes.axvline(line, color="#b35900", linestyle="--", linewidth=1)
    axes.set_title(f"{label} rate ({len(percents)} councils)", fontsize=10)
    axes.set_xlabel("rate (%)")
    axes.set_ylabel("councils")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    figure.tight_layout()
    return _svg_text(figure)


def _svg_text(figure: Any) -> str:
    import matplotlib

    buffer = io.StringIO()
    no_metadata = {"Date": None, "Creator": None, "Format": None, "Type": None}
    with matplotlib.rc_context({"svg.hashsalt": "rhi-llm", "svg.fonttype": "path"}):
        figure.savefig(buffer, format="svg", metadata=no_metadata)
    return buffer.getvalue()


def inline_svg(svg: str, prefix: str) -> str:
    """An SVG file as an element in an HTML page: no XML prologue, no namespace URLs (the HTML
    parser supplies them), and ids prefixed so several charts can share a page."""
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r'\s+xmlns(?::\w+)?="[^"]*"', "", svg)
    return re.sub(r'(id="|href="#|url\(#)', rf"\g<1>{prefix}-", svg)


def _html_rate(rate: Rate) -> str:
    title = html.escape(rate.working, quote=True)
    parts = [f'{percent_text(rate.percent)} <span class="source">{rate.source}</span>']
    if rate.impossible:
        parts.append('<span class="over" title="impossible: outside 0-100%">!</span>')
    if rate.unreviewed_flag:
        parts.append('<span class="flag" title="unreviewed flag">*</span>')
    if rate.not_counted in ("awaiting_review", "impossible"):
        reason = rate.not_counted.replace("_", " ")
        parts.append(f'<span class="source">not counted: {reason}</span>')
    return f'<td class="rate" title="{title}">{" ".join(parts)}</td>'


def _html_councils(summary: BatchSummary) -> str:
    head = "".join(f"<th>{d.label}</th>" for d in summary.rates)
    rows = [
        f"<tr><td>{html.escape(c.council or '(not named)')}</td>"
        f"<td>{html.escape(file_text(c))}</td>"
        + "".join(_html_rate(c.rates[d.id]) for d in summary.rates)
        + "</tr>"
        for c in summary.councils
    ]
    return f"<table><tr><th>Council</th><th>File</th>{head}</tr>{''.join(rows)}</table>"


def _html_distribution(summary: BatchSummary) -> str:
    head = "".join(f"<th>{d.label}</th>" for d in summary.rates)
    rows = [
        f"<tr><th>{label}</th>" + "".join(f'<td class="rate">{c}</td>' for c in cells) + "</tr>"
        for label, cells in _distribution_rows(summary)
    ]
    return f"<table><tr><th></th>{head}</tr>{''.join(rows)}</table>"


def _html_definitions(summary: BatchSummary) -> str:
    rates = [
        f"<li><b>{d.label} rate</b> = {d.numerator} / {d.denominator}: the share of {d.meaning}."
        "</li>"
        for d in summary.rates
    ]
    sources = [f"<li><b>{name}</b>: {html.escape(text)}.</li>" for name, text in SOURCES.items()]
    markers = [f"<li><b>{mark}</b> {html.escape(text)}.</li>" for mark, text in MARKERS.items()]
    notes = [f"<li>{html.escape(note)}</li>" for note in NOTES]
    if summary.rates:
        notes.append(f"<li>Rates: {html.escape(rate_legend(summary.rates))}.</li>")
    return (
        f"<ul>{''.join(rates)}</ul><p>Where each rate comes from:</p><ul>{''.join(sources)}</ul>"
        f"<p>Markers:</p><ul>{''.join(markers)}</ul><ul>{''.join(notes)}</ul>"
    )


def _html_not_counted(summary: BatchSummary) -> str:
    lines = not_counted_lines(summary) or ["Every rate given by a counted letter is counted."]
    return "<ul>" + "".join(f"<li>{html.escape(line)}</li>" for line in lines) + "</ul>"


def _html_charts(summary: BatchSummary) -> str:
    charts = []
    caption = (
        "<figcaption>Counted rates only (see Not counted); dashed lines at 30% and 90%; "
        "bins of 10 points.</figcaption>"
    )
    for d in summary.rates:
        svg = rate_chart_svg(d.label, percents_of(summary.councils, d.id))
        charts.append(f'<figure id="chart-{d.id}">{inline_svg(svg, d.id)}{caption}</figure>')
    return "".join(charts)


def summary_html(summary: BatchSummary) -> str:
    """One self-contained page: nothing is fetched when it is viewed."""
    title = "Return home interviews: batch summary"
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en"><head><meta charset="utf-8">',
            f"<title>{title}</title><style>{_CSS}</style></head><body>",
            f"<h1>{title}</h1><p>{summary.letters} letters"
            + (
                f", {summary.letters - summary.replies} of them copies of another file's reply "
                "(counted once)"
                if summary.replies < summary.letters
                else ""
            )
            + ".</p>",
            f"<h2>Definitions</h2>{_html_definitions(summary)}",
            f"<h2>Per council</h2>{_html_councils(summary)}",
            f"<h2>Across councils</h2>{_html_distribution(summary)}",
            f"<h2>Not counted</h2>{_html_not_counted(summary)}",
            f"<h2>Charts</h2>{_html_charts(summary)}",
            "</body></html>",
        ]
    )
