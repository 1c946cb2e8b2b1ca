"""The `rhi-llm bench` commands: each runs one benchmark and prints its figures.

Loaded only when `rhi-llm bench` is run, from a checkout of the repository (see
`rhi_llm.cli.bench_command`); the figures they print are kept in `benchmarks/README.md`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from benchmarks import EVAL
from rhi_llm.cli import (
    GoldOption,
    JsonOption,
    LettersOption,
    PlainHelpTyper,
    err,
    exits_on_error,
    out,
)
from rhi_llm.core.terminal import tag

LETTERS = EVAL / "letters"

bench_app = PlainHelpTyper(
    help="Benchmarks that print figures: verifier recall, extraction speed, reliability.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # help texts are plain text: "[env RHI_LLM_DB; default ...]" is not rich markup
    rich_markup_mode=None,
)

SourceOption = Annotated[Path, typer.Option("--source", help="Folder of letters to copy.")]
CountOption = Annotated[int, typer.Option("--letters", help="How many letters.")]
LatencyOption = Annotated[float, typer.Option(help="Seconds the fake server waits per request.")]
InFlightOption = Annotated[int, typer.Option("--concurrency", help="Requests in flight.")]


@bench_app.command("verifier")
def bench_verifier(
    gold: GoldOption = EVAL / "gold",
    letters: LettersOption = None,
    as_json: JsonOption = False,
    seed: Annotated[int, typer.Option(help="Seed for choosing mutations.")] = 20261121,
) -> None:
    """Mutation benchmark: does the verifier flag realistic model mistakes?

    Builds the correct response of every gold letter (and its PDF/DOCX forms), then many
    responses with one mistake each (value swapped, digit typo, distractor number, percent
    stored as count, paraphrased quote, ...), and counts how many the verifier flags. Also
    prints the share of correct fields it flags, and how long verifying one letter takes.
    """
    from benchmarks.verifier import run

    with exits_on_error():
        result = run(gold, letters, seed=seed)
    figures = result.as_json()
    if as_json:
        print(json.dumps(figures, indent=2))
        return
    for reason in result.skipped:
        err.print(tag("skipped", "yellow"), reason)
    table = Table(title=f"Verifier mutation benchmark ({result.letters} letters)")
    for column in ("mistake kind", "mutations", "flagged", "recall"):
        table.add_column(column, justify="left" if column == "mistake kind" else "right")
    for kind, outcome in sorted(result.kinds.items()):
        table.add_row(kind, str(outcome.mutations), str(outcome.flagged), f"{outcome.recall:.3f}")
    table.add_row(
        tag("all", "bold"),
        str(result.mutations),
        str(sum(k.flagged for k in result.kinds.values())),
        f"{result.recall:.4f}",
    )
    out.print(table)
    out.print(
        f"false-flag rate on correct responses: {result.false_flag_rate:.4f} "
        f"({result.false_flags} of {result.correct_fields} correct fields; "
        f"{result.council_flags} more flagged for the council's own inconsistent figures)\n"
        f"verify one letter (median of 5 runs per letter; median / slowest letter): "
        f"{figures['verify_ms_median']} / {figures['verify_ms_max']} ms with the letter's "
        f"reading shared with extraction; {figures['verify_with_finder_ms_median']} / "
        f"{figures['verify_with_finder_ms_max']} ms from scratch (question finding included)"
    )


@bench_app.command("metadata")
def bench_metadata(
    gold: GoldOption = EVAL / "gold",
    letters: LettersOption = None,
    as_json: JsonOption = False,
) -> None:
    """Each letter's council, reference, response date and period (rules backend) against
    its gold labels: right, unknown (the letter was not found to say it) or wrong."""
    from benchmarks.metadata import ITEMS
    from benchmarks.metadata import run as run_metadata

    with exits_on_error():
        result = run_metadata(gold, letters)
    if as_json:
        print(json.dumps(result.as_json(), indent=2))
        return
    table = Table(title=f"Letter metadata against gold ({result.letters} letter files)")
    for column in ("item", "right", "unknown", "wrong"):
        table.add_column(column, justify="left" if column == "item" else "right")
    for item in ITEMS:
        counts = result.counts[item]
        table.add_row(item, *(str(counts[k]) for k in ("right", "unknown", "wrong")))
    out.print(table)
    for line in result.wrong:
        out.print(tag("wrong", "red"), line)
    for line in result.failed:
        err.print(tag("failed", "red"), line)


@bench_app.command("rules")
def bench_rules(
    count: Annotated[int, typer.Option("--letters", help="How many letters to process.")] = 400,
    workers: Annotated[
        list[int] | None,
        typer.Option(
            "--workers",
            help="Worker processes to try (repeat the option) [default: 1 and all cores].",
        ),
    ] = None,
    source: SourceOption = LETTERS,
    as_json: JsonOption = False,
) -> None:
    """Throughput of the offline path: rules extraction plus verification, letters/s.

    Copies our text and HTML letters into a temporary folder (each copy made unique, so no
    cache helps) and runs the real batch path on them: load, find questions, extract with
    the rules, verify, build the output row.
    """
    from benchmarks.rules import run

    with exits_on_error():
        runs = run(source, count, workers)
    if as_json:
        print(json.dumps({"runs": [r.as_json() for r in runs], "cpus": os.cpu_count()}, indent=2))
        return
    table = Table(title=f"Rules extraction + verification ({os.cpu_count()} CPUs)")
    for column in (
        "workers",
        "letters",
        "seconds",
        "letters/s",
        "ms per letter per worker",
        "failed",
    ):
        table.add_column(column, justify="right")
    for entry in runs:
        figures = entry.as_json()
        table.add_row(
            str(entry.workers),
            str(entry.letters),
            f"{entry.seconds:.2f}",
            f"{entry.per_second:.1f}",
            str(figures["ms_per_letter_per_worker"]),
            str(entry.failed),
        )
    out.print(table)


@bench_app.command("llm")
def bench_llm(
    count: CountOption = 200,
    latency: LatencyOption = 0.3,
    concurrency: InFlightOption = 16,
    source: SourceOption = LETTERS,
    as_json: JsonOption = False,
) -> None:
    """The model path against a fake OpenAI-compatible server: wall time against the ideal.

    The server (in its own process, answering after --latency seconds; not a model) gets
    --letters unique letters with --concurrency requests in flight. Prints the wall time
    against the ideal letters x latency / concurrency, then reruns the same letters with the
    same cache and counts the calls (expected: none), and the prompt tokens a letter costs
    beside the letter's own size, both by the fake server's tokenizer, with the difference
    (the overhead of instructions, questions and schema; target 2,000 or fewer).
    """
    from benchmarks.llm import run

    with exits_on_error():
        result = run(source, count, latency, concurrency)
    _show_figures(
        "Model path against a fake server (answers are not a model's)", result.as_json(), as_json
    )


@bench_app.command("endpoints")
def bench_endpoints(
    gold: GoldOption = EVAL / "gold",
    letters: LettersOption = None,
    as_json: JsonOption = False,
) -> None:
    """The eval letters through every kind of server, each imitated by the fake server.

    Profiles: openai, azure, ollama, vllm, llamacpp, openai-reasoning. Each runs twice: with
    the settings left as they are, and with the settings `rhi-llm doctor` recommends for that
    server. The fake server answers with the rules' reading of the text that reaches it (not
    a model), so any wrong answer on eval/gold is the endpoint's doing. Prints, per run, the
    letters extracted right, failed with a named reason, with a field flagged or missing,
    wrong and ok (target 0), failed without a reason (target 0), calls, tokens and field
    accuracy.
    """
    from benchmarks.endpoints import run

    with exits_on_error():
        runs = run(gold, letters or gold.parent / "letters")
    if as_json:
        print(json.dumps({"profiles": [r.as_json() for r in runs]}, indent=2))
        return
    table = Table(title="The model path against imitated servers (answers are not a model's)")
    columns = ("profile", "settings", "letters", "right", "failed, named", "flagged/missing")
    for column in (*columns, "wrong+ok", "unexplained", "calls", "tokens", "accuracy"):
        table.add_column(column, justify="left" if column in columns[:2] else "right")
    for r in runs:
        table.add_row(
            r.name,
            r.settings,
            str(r.letters),
            str(r.extracted_right),
            str(r.failed_with_reason),
            str(r.wrong_flagged_or_missing),
            str(r.wrong_and_ok),
            str(r.unexplained_failures),
            str(r.calls),
            f"{r.tokens:,}",
            f"{r.accuracy:.3f}" if r.accuracy is not None else "n/a",
        )
    out.print(table)
    for r in runs:
        if r.chosen:
            shown = " ".join(f"{k}={v}" for k, v in r.chosen.items())
            out.print(f"{r.name} (doctor): {shown}", highlight=False)
        if r.reasons:
            shown = ", ".join(f"{k} {v}" for k, v in sorted(r.reasons.items()))
            out.print(f"{r.name} ({r.settings}): failed with a reason: {shown}", highlight=False)
        for line in r.unexplained[:5]:
            out.print(f"{r.name} ({r.settings}): unexplained: {line}", highlight=False)
        for line in r.silent[:8]:
            out.print(f"{r.name} ({r.settings}): wrong and ok: {line}", highlight=False)


def _figures_table(title: str, figures: Mapping[str, object]) -> Table:
    table = Table(title=title)
    table.add_column("figure")
    table.add_column("value", justify="right")
    for name, value in figures.items():
        table.add_row(name.replace("_", " "), str(value))
    return table


def _show_figures(title: str, figures: Mapping[str, object], as_json: bool) -> None:
    """A benchmark's figures: one JSON object, or a table of figure and value."""
    if as_json:
        print(json.dumps(figures, indent=2))
    else:
        out.print(_figures_table(title, figures))


@bench_app.command("bulk")
def bench_bulk(
    count: CountOption = 500,
    latency: LatencyOption = 0.3,
    concurrency: InFlightOption = 32,
    source: SourceOption = LETTERS,
    as_json: JsonOption = False,
) -> None:
    """A bulk run recorded in a run store, against a fake server: time and peak memory.

    Runs what `extract --db` runs over --letters unique letters (no response cache), with a
    fake OpenAI-compatible server answering after --latency seconds (in its own process;
    its answers are the rules backend's, not a model's). Prints the wall time against the
    ideal letters x latency / concurrency, peak memory of the main process and its workers
    (the server left out), and the calls and time of a rerun of the same batch (expected:
    no calls).
    """
    from benchmarks.bulk import run as run_bulk_bench

    with exits_on_error():
        result = run_bulk_bench(source, count, latency, concurrency)
    _show_figures(
        "Bulk run into the run store, fake server (not a model)", result.as_json(), as_json
    )


@bench_app.command("crash")
def bench_crash(
    count: CountOption = 100,
    kills: Annotated[int, typer.Option("--kills", help="How many times to kill -9 the run.")] = 10,
    latency: LatencyOption = 0.05,
    seed: Annotated[
        int | None, typer.Option(help="Seed for the kill moments [default: random].")
    ] = None,
    source: SourceOption = LETTERS,
    as_json: JsonOption = False,
) -> None:
    """Kill `rhi-llm extract` with SIGKILL at random moments, restart it each time, and
    compare its final export with an uninterrupted run's (target: 0 differences).

    Exits 1 when any field differs, is missing or extra, or a letter was extracted twice.
    """
    from benchmarks.bulk import Trial, crash

    def show(trial: Trial) -> None:
        if not as_json:
            state = "killed" if trial.was_running else "had already finished"
            err.print(
                f"trial {trial.number}: {state} after {trial.killed_after:.2f}s, "
                f"{trial.letters_in_store} letters in the store",
                highlight=False,
            )

    with exits_on_error():
        result = crash(source, count, kills, latency, seed=seed, log=show)
    figures = result.as_json()
    if as_json:
        print(json.dumps(figures, indent=2))
    else:
        figures.pop("trials")
        out.print(_figures_table("Crash test: kill -9 and restart, fake server", figures))
    if result.differences or not result.finished or result.leftover_processes:
        raise typer.Exit(code=1)


@bench_app.command("reliability")
def bench_reliability(
    bad_files: Annotated[int, typer.Option("--bad-files", help="How many bad files.")] = 220,
    good: Annotated[
        int, typer.Option("--good", help="Good letters mixed into the bad-file batch.")
    ] = 20,
    fault_letters: Annotated[
        int, typer.Option("--fault-letters", help="Letters in the endpoint-fault batch.")
    ] = 100,
    fault_rate: Annotated[
        float, typer.Option("--fault-rate", help="Share of requests the fake server fails.")
    ] = 0.3,
    seed: Annotated[int, typer.Option(help="Seed for the bad files and the faults.")] = 1,
    as_json: JsonOption = False,
) -> None:
    """Bad input files, endpoint faults, injected instructions and untrusted text, in one table.

    Bad inputs: --bad-files broken or hostile files (truncated, bit-flipped, encrypted,
    image-only and looping PDFs, junk DOCX, random bytes, a 50 MB text, cp1252 and UTF-16
    text, deeply nested HTML, ...) mixed with --good letters, run into a run store with the
    rules backend. Endpoint faults: --fault-letters letters against the fake server (its
    answers are the rules backend's, not a model's) failing --fault-rate of its requests
    with every fault kind. Injected instructions: eval/injection through both backends (the
    model's from AUTHORED cassettes) and the verifier alone. Exports: letters whose texts start
    like spreadsheet formulas, in every export (no cell may run as one). Untrusted text and
    identity: invented or oversized free text and other letters' councils, references and dates
    through the verifier, and letters given one council and reference through the summary.
    Secrets: a session with a key, endpoint credentials and a server echoing them, every
    file and printed line searched. Damaged store: every command that reads a store, on stores
    damaged five ways. Exits 1 when a
    target is missed.
    """
    from benchmarks.reliability import run as run_reliability

    if not as_json:
        err.print(
            "measuring: bad inputs, endpoint faults, injected instructions, secrets, damaged "
            "stores, exports, untrusted text ..."
        )
    with exits_on_error():
        result = run_reliability(
            bad_files=bad_files,
            good_letters=good,
            fault_letters=fault_letters,
            fault_rate=fault_rate,
            seed=seed,
        )
    if as_json:
        print(json.dumps(result.as_json(), indent=2, ensure_ascii=False))
    else:
        table = Table(title="Reliability suite")
        for column in ("part", "figure", "value", "target", "met"):
            table.add_column(column, justify="right" if column == "value" else "left")
        part = ""
        for row in result.rows:
            if row.part != part and part:
                table.add_section()
            met = "" if row.met is None else (tag("yes", "green") if row.met else tag("NO", "red"))
            table.add_row(row.part if row.part != part else "", row.figure, str(row.value),
                          row.target, met)  # fmt: skip
            part = row.part
        out.print(table)
        taken = ", ".join(f"{part} {seconds:.1f} s" for part, seconds in result.seconds.items())
        out.print(f"time: {taken}", highlight=False)
        out.print(
            "note: the injected-instruction figures for the model backend replay AUTHORED "
            "cassettes that imitate a model obeying the injections; no model was called",
            highlight=False,
        )
    if not result.all_met:
        raise typer.Exit(code=1)


@bench_app.command("scans")
def bench_scans(
    gold: GoldOption = EVAL / "gold",
    letters: LettersOption = None,
    dpi: Annotated[int, typer.Option(help="Dots per inch of the made scans.")] = 200,
    limit: Annotated[int, typer.Option(help="Only the first N gold letters (0: all).")] = 0,
    as_json: JsonOption = False,
) -> None:
    """OCR: the gold letters printed, scanned and read back by Tesseract, scored like text.

    Each gold letter's text is printed to page images with a slight skew, blur, specks, a
    stamp and a signature, saved as an image-only PDF, and read by the rules backend through
    OCR. Prints OCR pages per second on this machine (cache empty), numeric accuracy on the
    scans against the text forms' (target >= 0.95 of it), the silent error rate on the scans
    (target <= 0.01) and how many right figures were flagged only for OCR doubt.
    """
    from benchmarks.scans import run

    with exits_on_error():
        result = run(gold, letters, dpi=dpi, limit=limit or None)
    figures = result.as_json()
    lists = {k: figures.pop(k) for k in ("failed", "silent_on_scans")}
    if as_json:
        print(json.dumps({**figures, **lists}, indent=2))
        return
    _show_figures("OCR of scanned gold letters (rules backend)", figures, as_json=False)
    for line in lists["failed"]:
        out.print(f"failed: {line}", highlight=False)
    for line in lists["silent_on_scans"]:
        out.print(f"wrong and ok on a scan: {line}", highlight=False)
