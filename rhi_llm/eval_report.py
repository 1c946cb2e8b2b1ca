"""How eval results are shown: terminal tables, the Markdown report, comparisons, regressions.

The figures themselves are computed in `rhi_llm.evaluate`; this module only lays them out.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich import box
from rich.table import Table
from rich.text import Text

from rhi_llm.core.terminal import tag
from rhi_llm.evaluate import (
    METRICS,
    Change,
    Comparison,
    EvalResult,
    FieldScore,
    Regression,
)

HEADLINE_LABELS = {
    "accuracy": "accuracy (all scored fields)",
    "numeric_accuracy": "numeric accuracy (value, unit, of, status)",
    "categorical_accuracy": "categorical accuracy (sets of options)",
    "status_accuracy": "status accuracy (status alone)",
    "coverage": "coverage (gold has a value, extraction gave one)",
    "silent_error_rate": "silent error rate (wrong and not flagged)",
    "flag_precision": "flag precision (flagged fields that were wrong)",
    "flag_recall": "flag recall (wrong fields that were flagged)",
    "false_flag_rate": "false flag rate (right answers flagged anyway)",
    "false_value_rate": "false value rate (a number where gold has none)",
}


def rate(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.4f}"


def headline_rows(figures: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, shown value) for every headline figure of an `as_json` object."""
    rows = [(HEADLINE_LABELS[name], rate(figures.get(name))) for name in METRICS]
    rows += [
        ("letters scored", str(figures["letters"])),
        ("fields scored", str(figures["fields_scored"])),
        (
            "wrong / silent / flagged",
            f"{figures['wrong']} / {figures['silent_errors']} / {figures['flagged']}",
        ),
        ("false values", str(figures["false_values"])),
        (
            "tokens / calls per letter",
            f"{_plain(figures.get('tokens_per_letter'))} / "
            f"{_plain(figures.get('calls_per_letter'))}",
        ),
    ]
    if figures.get("cost_usd") is not None:
        rows.append(("cost (USD)", f"{figures['cost_usd']:.4f}"))
    return rows


def _plain(value: object) -> str:
    return "n/a" if value is None else f"{value:g}" if isinstance(value, float) else str(value)


# --------------------------------------------------------------------------------------------
# Terminal
# --------------------------------------------------------------------------------------------


def terminal_tables(result: EvalResult) -> list[Table]:
    figures = result.as_json()
    headline = Table(
        title=f"Eval of the {result.backend} backend against the gold answers",
        box=box.SIMPLE_HEAD,
    )
    headline.add_column("figure")
    headline.add_column("value", justify="right")
    for label, shown in headline_rows(figures):
        headline.add_row(label, shown)
    return [
        headline,
        _group_table("per field", figures["per_field"], FIELD_COLUMNS),
        _group_table("per letter", figures["per_letter"], LETTER_COLUMNS),
        _group_table("per questionnaire", figures["per_questionnaire"], FIELD_COLUMNS),
    ]


# (heading, key in a group's figures, shown as a rate)
FIELD_COLUMNS = (
    ("n", "fields_scored", False),
    ("acc", "accuracy", True),
    ("status", "status_accuracy", True),
    ("silent", "silent_errors", False),
    ("flagged", "flagged", False),
    ("prec", "flag_precision", True),
    ("recall", "flag_recall", True),
)
LETTER_COLUMNS = (
    ("n", "fields_scored", False),
    ("acc", "accuracy", True),
    ("silent", "silent_errors", False),
    ("flagged", "flagged", False),
    ("tokens", "tokens", False),
    ("calls", "calls", False),
    ("failed", "error", False),
)


def _group_table(
    title: str, groups: dict[str, dict[str, Any]], columns: tuple[tuple[str, str, bool], ...]
) -> Table:
    table = Table(title=title, box=None, pad_edge=False, header_style="bold")
    table.add_column("", no_wrap=True, min_width=max(map(len, groups), default=0))
    for heading, _, _ in columns:
        table.add_column(heading, justify="right", no_wrap=True, min_width=max(len(heading), 5))
    for name, figures in groups.items():
        cells = [
            _short_rate(figures[k]) if is_rate else _flag(figures[k]) for _, k, is_rate in columns
        ]
        table.add_row(name, *cells)
    return table


def _short_rate(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _flag(value: object) -> str:
    if isinstance(value, str):
        return "yes"  # a letter's error: shown in full under the table
    return "" if value is None else str(value)


def regression_lines(regressions: Iterable[Regression], limit: int = 20) -> list[str]:
    """'REGRESSION: numeric_accuracy 0.95 < 0.97' and, under it, the fields that caused it."""
    lines: list[str] = []
    for regression in regressions:
        lines.append(str(regression))
        causes = regression.causes
        lines += [f"  {_one_line(s)}" for s in causes[:limit]]
        if len(causes) > limit:
            lines.append(f"  ... and {len(causes) - limit} more")
    return lines


def _one_line(score: FieldScore) -> str:
    flags = "; ".join(f.message for f in score.flags)
    gold = score.gold.shown() if score.labelled else "(not labelled)"
    return (
        f"{score.letter} {score.field}: gold {gold}, extracted {score.got.shown()} "
        f"[{score.verdict}{': ' + flags if flags else ''}]"
    )


# --------------------------------------------------------------------------------------------
# Markdown report
# --------------------------------------------------------------------------------------------


def _cell(text: object) -> str:
    shown = "" if text is None else str(text)
    return " ".join(shown.replace("|", "\\|").split())


def _md_table(header: list[str], rows: Iterable[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return lines


def _gold_cell(score: FieldScore) -> str:
    return score.gold.shown() if score.labelled else "(not labelled)"


def _got_cell(score: FieldScore) -> str:
    return "(letter failed)" if score.failed else score.got.shown()


def _field_rows(scores: Iterable[FieldScore]) -> list[list[str]]:
    return [
        [
            s.letter,
            s.field,
            _gold_cell(s),
            _got_cell(s),
            s.got.quote or "",
            s.verdict,
            "; ".join(f"{f.code}: {f.message}" for f in s.flags),
        ]
        for s in scores
    ]


def markdown_report(result: EvalResult) -> str:
    """Headline figures, then every wrong field with gold, extraction, quote, verdict, flags."""
    figures = result.as_json()
    lines = [f"# rhi-llm eval: {result.backend} backend", ""]
    lines += [f"> **Note:** {note}" for note in result.notes]
    lines += [""] if result.notes else []
    lines += _md_table(["figure", "value"], [list(r) for r in headline_rows(figures)])
    header = ["letter", "field", "gold", "extracted", "quote", "verdict", "flags"]
    wrong = result.wrong()
    lines += ["", f"## Wrong fields ({len(wrong)})", ""]
    lines += _md_table(header, _field_rows(wrong)) if wrong else ["None."]
    unlabelled = [s for s in result.false_values() if not s.labelled]
    if unlabelled:
        lines += ["", "## Numbers given for fields the gold does not label", ""]
        lines += _md_table(header, _field_rows(unlabelled))
    lines += _list_section(
        "Letters that failed", [f"{r.letter}: {r.error}" for r in result.runs if r.error]
    )
    lines += _list_section("Gold problems (not scored)", result.gold_problems)
    lines += _list_section("Skipped", result.skipped)
    return "\n".join(lines) + "\n"


def _list_section(title: str, items: list[str]) -> list[str]:
    if not items:
        return []
    return ["", f"## {title}", "", *(f"- {_cell(item)}" for item in items)]


# --------------------------------------------------------------------------------------------
# Comparisons
# --------------------------------------------------------------------------------------------


def _direction(change: Change) -> Text | str:
    if change.better is None:
        return ""
    return tag("better", "green") if change.better else tag("worse", "red")


def comparison_tables(comparison: Comparison) -> list[Table]:
    tables: list[Table] = []
    for title, changes in (
        ("headline figures", comparison.headline),
        ("per field", comparison.fields),
        ("per letter", comparison.letters),
    ):
        table = Table(title=f"{title}: changes")
        for column in ("", "figure", "old", "new", "change", ""):
            table.add_column(column)
        for change in changes:
            table.add_row(
                change.name if change.name != change.metric else "",
                change.metric,
                _plain(change.old),
                _plain(change.new),
                _plain(change.delta),
                _direction(change),
            )
        if not changes:
            table.add_row("(no change)", "", "", "", "", "")
        tables.append(table)
    return tables
