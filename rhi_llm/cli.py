"""The `rhi-llm` command line: a thin layer over the library.

Each command parses options, calls one library function, and turns an `RhiError` into a
one-line message and a non-zero exit code. Tracebacks appear only with ``--debug``.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from pydantic import SecretStr
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from rhi_llm import __version__
from rhi_llm.bulk import in_flight_counter, run_bulk
from rhi_llm.cassettes import REPLAY_BASE_URL
from rhi_llm.errors import RhiError
from rhi_llm.export import write_csv, write_export, write_jsonl
from rhi_llm.extract import default_backend, get_backend
from rhi_llm.letters import find_letters, load
from rhi_llm.pipeline import Backend, LetterOutcome
from rhi_llm.progress import BatchProgress, Tally, choose_mode, summary_table
from rhi_llm.questions import find_questions
from rhi_llm.records import OutputRow
from rhi_llm.redact import install as install_redaction
from rhi_llm.redact import redact
from rhi_llm.settings import Settings, build_settings
from rhi_llm.store import DEFAULT_DB, Store, open_store
from rhi_llm.summary import summarise, summary_html, summary_json
from rhi_llm.summary import summary_table as render_summary
from rhi_llm.types import Letter, QuestionMap

if TYPE_CHECKING:
    from rhi_llm.evaluate import EvalResult

app = typer.Typer(
    help=(
        "Turn FOI reply letters about Return Home Interviews into a verified dataset.\n\n"
        "Letters (PDF, DOCX, HTML, e-mail, text) are loaded, matched to the questionnaire "
        "they answer, extracted into the survey schema with a verbatim quote for every "
        "figure, and checked against their own text."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)
log = logging.getLogger("rhi_llm")


class State:
    debug = False


def _version(value: bool) -> None:
    if value:
        print(f"rhi-llm {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Log details and show tracebacks on errors.")
    ] = False,
) -> None:
    State.debug = debug
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    install_redaction()  # no key or token ever reaches the log, --debug included
    if not debug:
        # instructor logs every failed attempt as an error; rhi-llm retries those itself
        # and reports a letter that fails for good in one line
        for noisy in ("instructor", "httpx", "httpx2", "openai", "pypdf"):
            logging.getLogger(noisy).setLevel(logging.CRITICAL)


def report_error(error: RhiError) -> None:
    """Print one line naming the file and the problem (a traceback too, with --debug)."""
    err.print(f"[red]error[/red] {escape(redact(str(error)))}", highlight=False, markup=True)
    if State.debug:
        log.exception("details", exc_info=error)


@contextmanager
def exits_on_error() -> Iterator[None]:
    """Report an `RhiError` raised inside in one line (`report_error`) and exit with code 1."""
    try:
        yield
    except RhiError as error:
        report_error(error)
        raise typer.Exit(code=1) from None


def describe(letter: Letter, qmap: QuestionMap) -> dict[str, Any]:
    """What `load --json` prints for one letter."""
    return {
        "path": letter.path,
        "format": letter.format,
        "pages": letter.pages,
        "characters": len(letter.text),
        "sha256": letter.sha256,
        "questionnaire": qmap.questionnaire,
        "confidence": qmap.confidence,
        "questions": [
            {
                "key": q.key,
                "label": q.label,
                "marker": q.marker,
                "question": q.question.as_list(),
                "answer": q.answer.as_list(),
                "page": letter.page_of(q.question.start),
                "answer_starts": " ".join(letter.excerpt(q.answer).split()[:8]),
            }
            for q in qmap.questions
        ],
    }


@app.command("load")
def load_command(
    files: Annotated[list[Path], typer.Argument(help="Letter files to read.", show_default=False)],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON list.")] = False,
) -> None:
    """Read letters and show what rhi-llm sees in them.

    For each file: its format, pages, characters, sha256, the questionnaire it answers, and
    every question found with its character offsets and the first words of its answer.
    A file that cannot be read prints one error line; the other files still load.
    """
    described: list[dict[str, Any]] = []
    failed = 0
    for path in files:
        try:
            letter = load(path)
        except RhiError as error:
            failed += 1
            report_error(error)
            if as_json:
                described.append({"path": str(path), "error": error.detail, "reason": error.reason})
            continue
        info = describe(letter, find_questions(letter))
        described.append(info)
        if not as_json:
            _print_letter(info)
    if as_json:
        print(json.dumps(described, indent=2, ensure_ascii=False))
    if failed:
        raise typer.Exit(code=1)


def _print_letter(info: dict[str, Any]) -> None:
    out.print(
        f"[bold]{info['path']}[/bold]  {info['format']}, {info['pages']} page(s), "
        f"{info['characters']:,} characters, sha256 {info['sha256'][:12]}…  "
        f"[cyan]{info['questionnaire']}[/cyan] (confidence {info['confidence']:.2f})"
    )
    table = Table(show_edge=False, pad_edge=False, box=None)
    for column in ("question", "as written", "page", "offsets", "answer starts"):
        table.add_column(column)
    for q in info["questions"]:
        table.add_row(
            q["label"],
            q["marker"],
            str(q["page"]),
            f"{q['question'][0]}-{q['answer'][1]}",
            q["answer_starts"],
        )
    out.print(table)


ModelOption = Annotated[
    str | None, typer.Option("--model", help="Model name [env RHI_LLM_MODEL; default gpt-4o-mini].")
]
BaseUrlOption = Annotated[
    str | None,
    typer.Option(
        "--base-url", help="OpenAI-compatible endpoint [env OPENAI_BASE_URL].", show_default=False
    ),
]
ModeOption = Annotated[
    str | None,
    typer.Option(
        "--mode",
        help="instructor mode: tools, json_schema, json or md_json "
        "[env RHI_LLM_MODE; default tools].",
    ),
]
DbOption = Annotated[
    Path,
    typer.Option(
        "--db",
        envvar="RHI_LLM_DB",
        help="The run store (SQLite) that records every letter, extraction, "
        "model call and review decision.",
    ),
]
ConcurrencyOption = Annotated[
    int | None, typer.Option("--concurrency", help="Model requests at once [default 8].")
]


def settings_from(
    model: str | None, base_url: str | None, mode: str | None, concurrency: int | None
) -> Settings:
    try:
        return build_settings(model=model, base_url=base_url, mode=mode, concurrency=concurrency)
    except RhiError as error:
        report_error(error)
        raise typer.Exit(code=2) from None


def choose_backend(name: str | None, settings: Settings, *, cache: bool = True) -> Backend:
    """The backend asked for, or the default with one visible line saying which and why."""
    if name is None:
        name, why = default_backend(settings)
        err.print(f"backend: [bold]{name}[/bold] ({why})", highlight=False)
    try:
        return get_backend(name, settings, cache=cache)
    except RhiError as error:
        report_error(error)
        raise typer.Exit(code=2) from None


@app.command("extract")
def extract_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Letter files, or folders (searched recursively for letter files).",
            show_default=False,
        ),
    ] = None,
    backend: Annotated[
        str | None,
        typer.Option(
            "--backend",
            help="rules, llm or both [default: llm when OPENAI_API_KEY or "
            "OPENAI_BASE_URL is set, else rules].",
            show_default=False,
        ),
    ] = None,
    batch_api: Annotated[
        bool,
        typer.Option(
            "--batch-api",
            help="Send the letters the store lacks as one OpenAI Batch API job (half the "
            "price, answered within 24 hours) and record its id; collect with --resume.",
        ),
    ] = False,
    resume: Annotated[
        bool,
        typer.Option(
            "--resume",
            help="Collect the answers of batches sent with --batch-api that have finished, "
            "and record those letters (no PATH needed).",
        ),
    ] = False,
    wait: Annotated[
        bool, typer.Option("--wait", help="With --resume: wait until every batch has finished.")
    ] = False,
    poll_seconds: Annotated[
        float, typer.Option("--poll-seconds", help="With --wait: seconds between status checks.")
    ] = 60.0,
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            help="jsonl (one Output-contract object per letter) or csv (one row per letter).",
        ),
    ] = "jsonl",
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write here instead of standard output.")
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(help="Worker processes [default: one per core].", show_default=False),
    ] = None,
    db: DbOption = DEFAULT_DB,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Neither read nor write the model response cache "
            "(~/.cache/rhi-llm, or RHI_LLM_CACHE); the run store still skips letters "
            "it has.",
        ),
    ] = False,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet", "-q", help="No progress and no summary table (errors still print)."
        ),
    ] = False,
    model: ModelOption = None,
    base_url: BaseUrlOption = None,
    mode: ModeOption = None,
    concurrency: ConcurrencyOption = None,
) -> None:
    """Extract the survey from letters, verify every figure, and write the dataset.

    Each letter is loaded, matched to its questionnaire, extracted (every figure with its
    verbatim quote) and verified against its own text; the output has one row per letter
    with each field's value, status, quote, page, flags and provenance. A letter that fails
    prints one line with its reason; the others are still extracted (exit code 1).

    Everything is recorded in the run store (--db), one transaction per letter. Run the
    same command again after adding letters, or after a crash: letters already extracted
    with the same content, backend, prompt, schema and model are skipped with no model
    call, and the rest are done. Progress goes to standard error: a bar on a terminal, a
    line every few seconds otherwise.

    For a large batch that can wait, --batch-api submits the letters through the OpenAI
    Batch API instead, and a later `rhi-llm extract --resume` collects what has finished.
    """
    if output_format not in ("jsonl", "csv"):
        report_error(RhiError(f"unknown format {output_format!r}: use jsonl or csv"))
        raise typer.Exit(code=2)
    if batch_api or resume:
        _batch_api_command(
            paths or [],
            backend,
            resume=resume,
            wait=wait,
            poll_seconds=poll_seconds,
            db=db,
            output_format=output_format,
            output=output,
            quiet=quiet,
            settings=settings_from(model, base_url, mode, concurrency),
        )
        return
    if not paths:
        report_error(RhiError("name the letter files or folders to extract"))
        raise typer.Exit(code=2)
    letters = find_letters(paths)
    if not letters:
        report_error(RhiError("no letter files found in " + ", ".join(map(str, paths))))
        raise typer.Exit(code=2)
    settings = settings_from(model, base_url, mode, concurrency)
    chosen = choose_backend(backend, settings, cache=not no_cache)
    with _opened_store(db) as store:
        tally = Tally(total=len(letters))
        progress = BatchProgress(
            tally, choose_mode(quiet, err), err, in_flight=in_flight_counter(chosen)
        )
        try:
            run_bulk(
                letters,
                chosen,
                store,
                workers=workers,
                concurrency=settings.concurrency,
                progress=progress,
                on_error=report_error,
            )
        except RhiError as error:  # the store could not be written: stop, keep what is in it
            report_error(error)
            raise typer.Exit(code=1) from None
        found = {row.letter.path: row for row in store.current_rows([str(p) for p in letters])}
        rows = [found[str(path)] for path in letters if str(path) in found]
    _write_rows(rows, output_format, output)
    if not quiet:
        err.print(summary_table(tally, str(db)))
    if tally.failed:
        raise typer.Exit(code=1)


def _batch_api_command(
    paths: list[Path],
    backend: str | None,
    *,
    resume: bool,
    wait: bool,
    poll_seconds: float,
    db: Path,
    output_format: str,
    output: Path | None,
    quiet: bool,
    settings: Settings,
) -> None:
    """`extract --batch-api PATH...` (submit) and `extract --resume` (collect)."""
    from rhi_llm.batch_api import collect, submit
    from rhi_llm.extract.llm import LlmBackend

    if resume and paths:
        report_error(RhiError("--resume collects the batches in the store: give no PATH"))
        raise typer.Exit(code=2)
    if not resume and not paths:
        report_error(RhiError("--batch-api needs the letter files or folders to send"))
        raise typer.Exit(code=2)
    if backend not in (None, "llm"):
        report_error(RhiError("the Batch API is for the model: use --backend llm (or none)"))
        raise typer.Exit(code=2)
    if not settings.endpoint_configured:
        report_error(
            RhiError(
                "the Batch API needs a model endpoint: set OPENAI_API_KEY (or "
                "OPENAI_BASE_URL for a compatible server)"
            )
        )
        raise typer.Exit(code=2)
    chosen = choose_backend("llm", settings, cache=False)
    assert isinstance(chosen, LlmBackend)
    failures = 0

    def report(outcome: LetterOutcome) -> None:
        nonlocal failures
        if outcome.error is not None:
            failures += 1
            report_error(outcome.error)

    with _opened_store(db) as store:
        try:
            if not resume:
                letters = find_letters(paths)
                sent = submit(letters, chosen, store, report)
                if sent.batch_id is None:
                    err.print(
                        f"nothing to send: {sent.skipped} letters already in the store, "
                        f"{sent.failed} unreadable",
                        highlight=False,
                    )
                else:
                    err.print(
                        f"submitted batch {sent.batch_id}: {sent.requests} requests for "
                        f"{sent.letters} letters ({sent.skipped} already in the store). "
                        f"Collect with: rhi-llm extract --resume --db {db}",
                        highlight=False,
                    )
                if failures:
                    raise typer.Exit(code=1)
                return

            def status(batch_id: str, state: str, counts: dict[str, int]) -> None:
                if not quiet:
                    err.print(f"batch {batch_id}: {state} {counts}", highlight=False)

            found = collect(
                chosen, store, report, wait=wait, poll_seconds=poll_seconds, on_status=status
            )
            rows = [o.row for batch in found for o in batch.outcomes if o.row is not None]
        except RhiError as error:
            report_error(error)
            raise typer.Exit(code=1) from None
    if not found:
        err.print("no batch is waiting in the store", highlight=False)
    for batch in found:
        done = len(batch.outcomes)
        later = (
            f", {len(batch.left_for_later)} changed since and left for a normal run"
            if (batch.left_for_later)
            else ""
        )
        state = (
            f"collected {done} letters{later}"
            if batch.status in ("completed", "failed", "expired", "cancelled")
            else "not finished yet: run --resume again later"
        )
        err.print(
            f"batch {batch.batch_id}: {batch.status} {batch.counts}; {state}", highlight=False
        )
    _write_rows(rows, output_format, output)
    if failures:
        raise typer.Exit(code=1)


@contextmanager
def _opened_store(path: Path) -> Iterator[Store]:
    try:
        store = open_store(path)
    except RhiError as error:
        report_error(error)
        raise typer.Exit(code=2) from None
    with store:
        yield store


def _write_rows(rows: list[OutputRow], output_format: str, output: Path | None) -> None:
    writer = write_csv if output_format == "csv" else write_jsonl
    if output is None:
        writer(rows, sys.stdout)
        return
    try:
        with output.open("w", encoding="utf-8", newline="") as handle:
            writer(rows, handle)
    except OSError as exc:
        report_error(RhiError(f"cannot write the output ({exc.strerror})", path=output))
        raise typer.Exit(code=1) from None
    err.print(f"wrote {len(rows)} rows to {output}", highlight=False)


ExportFormatOption = Annotated[
    str, typer.Option("--format", help="csv (UTF-8 with BOM, for spreadsheets), jsonl or xlsx.")
]


def _rows_for_export(store: Store, backend: str | None) -> list[OutputRow]:
    rows = store.current_rows(backend=backend)
    if not rows:
        which = f" from the {backend} backend" if backend else ""
        report_error(
            RhiError(
                f"the run store has no extracted letters{which}; run "
                "`rhi-llm extract PATH --db FILE` first",
                path=store.path,
            )
        )
        raise typer.Exit(code=1)
    return rows


@app.command("export")
def export_command(
    output: Annotated[Path, typer.Option("-o", "--output", help="The file to write.")],
    db: DbOption = DEFAULT_DB,
    export_format: ExportFormatOption = "csv",
    long: Annotated[
        bool,
        typer.Option(
            "--long",
            help="One row per field (value, unit, of, status, quote, page, "
            "span, derived count, flags, review decision) instead of one per letter.",
        ),
    ] = False,
    backend: Annotated[
        str | None,
        typer.Option(
            "--backend",
            help="Only this backend's extractions [default: each letter's newest].",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Write the dataset from the run store, with reviewers' decisions applied.

    Wide (the default): one row per letter, and for each field its published value, unit,
    status, flag count and review state. Long (--long): one row per field, with the evidence
    and both the extracted and the published value, so a correction never hides what the
    extraction said. Each letter path contributes its newest extraction.
    """
    if export_format not in ("csv", "jsonl", "xlsx"):
        report_error(RhiError(f"unknown format {export_format!r}: use csv, jsonl or xlsx"))
        raise typer.Exit(code=2)
    with _opened_store(db) as store:
        rows = _rows_for_export(store, backend)
        decisions = store.decisions()
    try:
        written = write_export(
            rows,
            decisions,
            output,
            fmt=export_format,  # type: ignore[arg-type]
            long=long,
        )
    except OSError as exc:
        report_error(RhiError(f"cannot write the export ({exc.strerror or exc})", path=output))
        raise typer.Exit(code=1) from None
    what = "field rows" if long else "letter rows"
    err.print(
        f"wrote {written} {what} ({len(rows)} letters, {len(decisions)} review "
        f"decisions applied) to {output}",
        highlight=False,
    )


@app.command("summary")
def summary_command(
    db: DbOption = DEFAULT_DB,
    html: Annotated[
        Path | None,
        typer.Option(
            "--html", help="Also write a self-contained HTML page with charts.", show_default=False
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    backend: Annotated[
        str | None,
        typer.Option("--backend", help="Only this backend's extractions.", show_default=False),
    ] = None,
) -> None:
    """The table researchers publish: per council the offered, completed and within-72-hours
    rates (computed from counts, or taken from the percentage the council stated, and marked
    which), and across councils how each rate is distributed. Reviewed values are used
    where a reviewer decided."""
    with _opened_store(db) as store:
        rows = _rows_for_export(store, backend)
        result = summarise(rows, store.decisions())
    if as_json:
        print(json.dumps(summary_json(result), indent=2, ensure_ascii=False))
    else:
        out.print(render_summary(result))
    if html is not None:
        try:
            html.write_text(summary_html(result), encoding="utf-8")
        except OSError as exc:
            report_error(RhiError(f"cannot write the page ({exc.strerror or exc})", path=html))
            raise typer.Exit(code=1) from None
        err.print(f"wrote {html}", highlight=False)


review_app = typer.Typer(
    help="Review flagged fields: in the terminal, or through a spreadsheet.",
    invoke_without_command=True,
    no_args_is_help=False,
)
app.add_typer(review_app, name="review")

ReviewerOption = Annotated[
    str | None,
    typer.Option(
        "--reviewer",
        envvar="RHI_LLM_REVIEWER",
        help="Your name, recorded with each decision [default: your login name].",
        show_default=False,
    ),
]


def _reviewer(name: str | None) -> str:
    if name and name.strip():
        return name.strip()
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # no login name to be had
        report_error(RhiError("say who is reviewing: --reviewer NAME"))
        raise typer.Exit(code=2) from None


@review_app.callback()
def review_command(
    ctx: typer.Context,
    db: DbOption = DEFAULT_DB,
    field: Annotated[
        str | None,
        typer.Option("--field", help="Only this field id (e.g. rhi_offered).", show_default=False),
    ] = None,
    council: Annotated[
        str | None,
        typer.Option(
            "--council", help="Only councils whose name contains this.", show_default=False
        ),
    ] = None,
    reviewer: ReviewerOption = None,
) -> None:
    """Walk the flagged fields one by one and decide each.

    Each screen shows the council, the question as asked, the extracted value (and the other
    backend's, and any derived count), why it was flagged, and the letter's answer with the
    quote highlighted and its page. Type a then Enter to accept, c VALUE to correct
    (c 642, c 87.7%), s h|e|r|n to set a status (not held, exempt, refused, not answered),
    k or Enter to skip, b to go back, q to quit. Each decision is saved at once with your name
    and the time; run the command again to carry on where you stopped. The extracted value is
    never overwritten: exports show both.
    """
    if ctx.invoked_subcommand is not None:
        return
    from rhi_llm.review import ReviewInputError, review_items
    from rhi_llm.review_tui import ReviewSession

    name = _reviewer(reviewer)
    with _opened_store(db) as store:
        try:
            items = review_items(store, field=field, council=council)
        except ReviewInputError as problem:
            report_error(RhiError(str(problem)))
            raise typer.Exit(code=2) from None
        try:
            result = ReviewSession(store, items, name, out).run()
        except RhiError as error:  # the store could not be written
            report_error(error)
            raise typer.Exit(code=1) from None
    out.print(
        f"this session: {result.accepted} accepted, {result.corrected} corrected, "
        f"{result.status_set} statuses set, {result.skipped} skipped; "
        f"{result.left} flagged fields still to decide"
        + ("; run `rhi-llm review` again to carry on" if result.left else ""),
        highlight=False,
    )


@review_app.command("export")
def review_export_command(
    output: Annotated[Path, typer.Option("-o", "--output", help="The CSV file to write.")],
    db: DbOption = DEFAULT_DB,
    field: Annotated[
        str | None, typer.Option("--field", help="Only this field id.", show_default=False)
    ] = None,
    council: Annotated[
        str | None,
        typer.Option(
            "--council", help="Only councils whose name contains this.", show_default=False
        ),
    ] = None,
) -> None:
    """Write a review sheet: one row per flagged field, with its context and empty decision
    columns to fill in a spreadsheet (UTF-8 with a BOM, so Excel reads it cleanly).

    In the sheet, write in `decision` one of accept, correct or status; for correct, the new
    value in `new_value` (642, 87.7%, or the option names of a categorical field); for status,
    one of not held, exempt, refused or not answered in `new_status`; and your name in
    `reviewer` (or give --reviewer when importing). Then `rhi-llm review import`.
    """
    from rhi_llm.review import ReviewInputError
    from rhi_llm.review_csv import export_review_csv

    with _opened_store(db) as store:
        try:
            written = export_review_csv(store, output, field=field, council=council)
        except ReviewInputError as problem:
            report_error(RhiError(str(problem)))
            raise typer.Exit(code=2) from None
        except OSError as exc:
            report_error(RhiError(f"cannot write the sheet ({exc.strerror or exc})", path=output))
            raise typer.Exit(code=1) from None
    err.print(f"wrote {written} flagged fields to {output}", highlight=False)


@review_app.command("import")
def review_import_command(
    sheet: Annotated[Path, typer.Argument(help="The filled-in review sheet (CSV).")],
    db: DbOption = DEFAULT_DB,
    reviewer: Annotated[
        str | None,
        typer.Option(
            "--reviewer",
            envvar="RHI_LLM_REVIEWER",
            help="Reviewer for rows whose reviewer cell is empty.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Record the decisions of a filled-in review sheet.

    Every row is checked first (known letter and field, a decision word, a valid number,
    option or status, a reviewer); if any row has a problem, every problem is listed with
    its line number and nothing is recorded. Rows with an empty decision are skipped.
    """
    from rhi_llm.review_csv import apply_review_csv

    with _opened_store(db) as store:
        try:
            result = apply_review_csv(sheet, store, default_reviewer=reviewer)
        except OSError as exc:
            report_error(RhiError(f"cannot read the sheet ({exc.strerror or exc})", path=sheet))
            raise typer.Exit(code=1) from None
        except RhiError as error:
            report_error(error)
            raise typer.Exit(code=1) from None
    if result.problems:
        for problem in result.problems:
            err.print(f"[red]{sheet}[/red] {escape(str(problem))}", highlight=False)
        err.print(
            f"{len(result.problems)} problem(s): nothing was recorded; fix the sheet and "
            "import it again",
            highlight=False,
        )
        raise typer.Exit(code=1)
    read_as = f" (read as {result.encoding})" if result.encoding != "utf-8" else ""
    err.print(
        f"recorded {result.applied} decisions; {result.unchanged} already recorded, "
        f"{result.skipped} rows without a decision{read_as}",
        highlight=False,
    )


@app.command("report")
def report_command(
    output: Annotated[Path, typer.Option("-o", "--output", help="The HTML file to write.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """One self-contained HTML page for review and publication checks.

    The batch table (letters by fields; flagged cells coloured, reviewed cells marked) and,
    for each letter, its text with every quote highlighted and linked from its field, and
    the flags explained. Nothing is fetched when the page is opened.
    """
    from rhi_llm.report import report_from_store

    with _opened_store(db) as store:
        _rows_for_export(store, None)  # a clear error for an empty store
        page = report_from_store(store)
    try:
        output.write_text(page, encoding="utf-8")
    except OSError as exc:
        report_error(RhiError(f"cannot write the report ({exc.strerror or exc})", path=output))
        raise typer.Exit(code=1) from None
    err.print(f"wrote {output} ({len(page.encode()) / 1e6:.1f} MB)", highlight=False)


@app.command("fake-server")
def fake_server_command(
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1 (0 picks a free one).")] = 8765,
    latency: Annotated[float, typer.Option(help="Seconds before each answer.")] = 0.0,
    fault_rate: Annotated[
        float,
        typer.Option(
            help="Share of requests that fail on purpose (429, 5xx, timeouts, drops, bad JSON...)."
        ),
    ] = 0.0,
    batch_seconds: Annotated[
        float, typer.Option(help="Seconds a Batch API job stays in progress.")
    ] = 5.0,
) -> None:
    """Serve a fake OpenAI-compatible endpoint on loopback, for trying the model path offline.

    It is not a model: each answer is what the rules backend reads in the letter sent to it.
    It also takes Batch API jobs (files, batches), answered after --batch-seconds.
    Point rhi-llm at it with OPENAI_BASE_URL=http://127.0.0.1:PORT/v1 (any OPENAI_API_KEY).
    Stop it with Ctrl-C.
    """
    import time

    from rhi_llm.fake_server import FakeOpenAI

    server = FakeOpenAI(
        latency=latency, fault_rate=fault_rate, port=port, batch_seconds=batch_seconds
    )
    err.print(
        f"fake OpenAI-compatible server (rules answers, not a model) at {server.start()}",
        highlight=False,
    )
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()


bench_app = typer.Typer(
    help="Benchmarks that print figures: verifier recall, extraction speed, reliability.",
    no_args_is_help=True,
)
app.add_typer(bench_app, name="bench")

GoldOption = Annotated[
    Path, typer.Option("--gold", help="Folder of gold answer files.", show_default=True)
]
LettersOption = Annotated[
    Path | None,
    typer.Option(
        "--letters",
        help="Folder of letters named by the gold files [default: the gold folder's ../letters].",
    ),
]


@bench_app.command("verifier")
def bench_verifier(
    gold: GoldOption = Path("eval/gold"),
    letters: LettersOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    seed: Annotated[int, typer.Option(help="Seed for choosing mutations.")] = 20261121,
) -> None:
    """Mutation benchmark: does the verifier flag realistic model mistakes?

    Builds the correct response of every gold letter (and its PDF/DOCX forms), then many
    responses with one mistake each (value swapped, digit typo, distractor number, percent
    stored as count, paraphrased quote, ...), and counts how many the verifier flags. Also
    prints the share of correct fields it flags, and how long verifying one letter takes.
    """
    from rhi_llm.bench.verifier import run

    with exits_on_error():
        result = run(gold, letters, seed=seed)
    figures = result.as_json()
    if as_json:
        print(json.dumps(figures, indent=2))
        return
    for reason in result.skipped:
        err.print(f"[yellow]skipped[/yellow] {reason}")
    table = Table(title=f"Verifier mutation benchmark ({result.letters} letters)")
    for column in ("mistake kind", "mutations", "flagged", "recall"):
        table.add_column(column, justify="left" if column == "mistake kind" else "right")
    for kind, outcome in sorted(result.kinds.items()):
        table.add_row(kind, str(outcome.mutations), str(outcome.flagged), f"{outcome.recall:.3f}")
    table.add_row(
        "[bold]all[/bold]",
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


EVAL_HELP_BACKEND = "Extraction backend to score: rules (offline) or llm."


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
    source: Annotated[Path, typer.Option(help="Folder of letters to copy.")] = Path("eval/letters"),
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Throughput of the offline path: rules extraction plus verification, letters/s.

    Copies our text and HTML letters into a temporary folder (each copy made unique, so no
    cache helps) and runs the real batch path on them: load, find questions, extract with
    the rules, verify, build the output row.
    """
    from rhi_llm.bench.rules import run

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
    count: Annotated[int, typer.Option("--letters", help="How many letters.")] = 200,
    latency: Annotated[
        float, typer.Option(help="Seconds the fake server waits per request.")
    ] = 0.3,
    concurrency: Annotated[int, typer.Option(help="Requests in flight.")] = 16,
    source: Annotated[Path, typer.Option(help="Folder of letters to copy.")] = Path("eval/letters"),
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """The model path against a fake OpenAI-compatible server: wall time against the ideal.

    The server (in its own process, answering after --latency seconds; not a model) gets
    --letters unique letters with --concurrency requests in flight. Prints the wall time
    against the ideal letters x latency / concurrency, then reruns the same letters with the
    same cache and counts the calls (expected: none), and the prompt tokens a letter costs
    beside the letter's own size.
    """
    from rhi_llm.bench.llm import run

    with exits_on_error():
        result = run(source, count, latency, concurrency)
    figures = result.as_json()
    if as_json:
        print(json.dumps(figures, indent=2))
        return
    out.print(
        _figures_table("Model path against a fake server (answers are not a model's)", figures)
    )


def _figures_table(title: str, figures: Mapping[str, object]) -> Table:
    table = Table(title=title)
    table.add_column("figure")
    table.add_column("value", justify="right")
    for name, value in figures.items():
        table.add_row(name.replace("_", " "), str(value))
    return table


@bench_app.command("bulk")
def bench_bulk(
    count: Annotated[int, typer.Option("--letters", help="How many letters.")] = 500,
    latency: Annotated[
        float, typer.Option(help="Seconds the fake server waits per request.")
    ] = 0.3,
    concurrency: Annotated[int, typer.Option(help="Requests in flight.")] = 32,
    source: Annotated[Path, typer.Option(help="Folder of letters to copy.")] = Path("eval/letters"),
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """A bulk run recorded in a run store, against a fake server: time and peak memory.

    Runs what `extract --db` runs over --letters unique letters (no response cache), with a
    fake OpenAI-compatible server answering after --latency seconds (in its own process;
    its answers are the rules backend's, not a model's). Prints the wall time against the
    ideal letters x latency / concurrency, peak memory of the main process and its workers
    (the server left out), and the calls and time of a rerun of the same batch (expected:
    no calls).
    """
    from rhi_llm.bench.bulk import run as run_bulk_bench

    with exits_on_error():
        result = run_bulk_bench(source, count, latency, concurrency)
    figures = result.as_json()
    if as_json:
        print(json.dumps(figures, indent=2))
        return
    out.print(_figures_table("Bulk run into the run store, fake server (not a model)", figures))


@bench_app.command("crash")
def bench_crash(
    count: Annotated[int, typer.Option("--letters", help="How many letters.")] = 100,
    kills: Annotated[int, typer.Option("--kills", help="How many times to kill -9 the run.")] = 10,
    latency: Annotated[
        float, typer.Option(help="Seconds the fake server waits per request.")
    ] = 0.05,
    seed: Annotated[
        int | None, typer.Option(help="Seed for the kill moments [default: random].")
    ] = None,
    source: Annotated[Path, typer.Option(help="Folder of letters to copy.")] = Path("eval/letters"),
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Kill `rhi-llm extract` with SIGKILL at random moments, restart it each time, and
    compare its final export with an uninterrupted run's (target: 0 differences).

    Exits 1 when any field differs, is missing or extra, or a letter was extracted twice.
    """
    from rhi_llm.bench.bulk import Trial, crash

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
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Bad input files, endpoint faults and injected instructions, in one table.

    Bad inputs: --bad-files broken or hostile files (truncated, bit-flipped, encrypted,
    image-only and looping PDFs, junk DOCX, random bytes, a 50 MB text, cp1252 and UTF-16
    text, deeply nested HTML, ...) mixed with --good letters, run into a run store with the
    rules backend. Endpoint faults: --fault-letters letters against the fake server (its
    answers are the rules backend's, not a model's) failing --fault-rate of its requests
    with every fault kind. Injected instructions: eval/injection through both backends (the
    model's from AUTHORED cassettes) and the verifier alone. Exits 1 when a target is missed.
    """
    from rhi_llm.bench.reliability import run as run_reliability

    if not as_json:
        err.print("measuring: bad inputs, endpoint faults, injected instructions ...")
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
            met = "" if row.met is None else ("[green]yes[/green]" if row.met else "[red]NO[/red]")
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


@app.command("eval")
def eval_command(
    backend: Annotated[str, typer.Option("--backend", help=EVAL_HELP_BACKEND)] = "rules",
    gold: GoldOption = Path("eval/gold"),
    letters: LettersOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    report: Annotated[
        Path | None, typer.Option("--report", help="Write a Markdown report of every wrong field.")
    ] = None,
    thresholds: Annotated[
        Path | None,
        typer.Option(
            "--thresholds",
            help="TOML of minimum/maximum scores per backend; exit 1 "
            "when one is crossed (e.g. eval/thresholds.toml).",
        ),
    ] = None,
    compare: Annotated[
        tuple[Path, Path] | None,
        typer.Option(
            "--compare",
            metavar="OLD.json NEW.json",
            help="Compare two saved --json outputs instead of running the eval.",
        ),
    ] = None,
    concurrency: Annotated[int, typer.Option(help="Letters extracted at once.")] = 8,
    cassettes: Annotated[
        Path | None,
        typer.Option(
            "--cassettes",
            help="Replay the model's answers from this folder of vcrpy cassettes "
            "(offline), e.g. cassettes/authored.",
        ),
    ] = None,
    record: Annotated[
        bool,
        typer.Option(
            "--record",
            help="With --cassettes and a key: call the model and record new "
            "cassettes (with 'recorded' provenance) into the folder.",
        ),
    ] = False,
    model: ModelOption = None,
    base_url: BaseUrlOption = None,
    mode: ModeOption = None,
) -> None:
    """Score an extraction backend against the gold answers.

    Runs every letter a gold file names (and its PDF/DOCX forms, each scored as a letter)
    through the same pipeline as extract, and prints accuracy (numeric, categorical, status),
    coverage, false values, the silent error rate (wrong and not flagged by the verifier), flag
    precision and recall, per field, per letter and per questionnaire, with tokens and calls.
    Gold for the seed letters is skipped, with the reason, when ../shared/seeds is absent.
    """
    from rhi_llm import eval_report, evaluate

    if compare is not None:
        _eval_compare(*compare, as_json=as_json)
        return
    with exits_on_error():
        limits = evaluate.load_thresholds(thresholds, backend) if thresholds else []
        chosen = _eval_backend(backend, cassettes, record, model, base_url, mode)
        result = evaluate.evaluate_folder(gold, chosen, letters, concurrency=concurrency)
    if report is not None:
        report.write_text(eval_report.markdown_report(result), encoding="utf-8")
    _eval_print(result, as_json=as_json)
    regressions = evaluate.check_thresholds(result, limits)
    for line in eval_report.regression_lines(regressions):
        err.print(line, markup=False, highlight=False)
    if regressions:
        raise typer.Exit(code=1)


def _eval_backend(
    name: str,
    cassettes: Path | None,
    record: bool,
    model: str | None,
    base_url: str | None,
    mode: str | None,
) -> Backend:
    """The backend to score; with --cassettes, the model backend replaying (or recording)."""
    settings = build_settings(model=model, base_url=base_url, mode=mode)
    if cassettes is None:
        if record:
            raise RhiError("--record needs --cassettes FOLDER to record into")
        return get_backend(name, settings)
    if name not in ("llm", "both"):
        raise RhiError("--cassettes replays the model backend: use --backend llm")
    if record and not settings.endpoint_configured:
        raise RhiError("--record calls the model: set OPENAI_API_KEY (or OPENAI_BASE_URL)")
    if not record:
        settings = settings.model_copy(
            update={"base_url": REPLAY_BASE_URL, "api_key": SecretStr("replay-needs-no-key")}
        )
    from rhi_llm.extract import BothBackend
    from rhi_llm.extract.llm import LlmBackend
    from rhi_llm.extract.rules import RulesBackend

    replaying = LlmBackend(settings, cassettes=cassettes, record=record)
    return replaying if name == "llm" else BothBackend(replaying, RulesBackend())


def _eval_print(result: EvalResult, *, as_json: bool) -> None:
    from rhi_llm.eval_report import terminal_tables

    if as_json:
        print(json.dumps(result.as_json(), indent=2, ensure_ascii=False))
    else:
        for note in result.notes:
            out.print(f"[bold yellow]note[/bold yellow] {note}", highlight=False)
        for table in terminal_tables(result):
            out.print(table)
    for run in result.runs:
        if run.error:
            err.print(f"[red]failed[/red] {run.letter}: {run.error}", highlight=False)
    for reason in result.skipped:
        err.print(f"[yellow]skipped[/yellow] {reason}", highlight=False)
    for problem in result.gold_problems:
        err.print(f"[red]gold problem[/red] {problem}", highlight=False)


def _eval_compare(old: Path, new: Path, *, as_json: bool) -> None:
    from rhi_llm.eval_report import comparison_tables
    from rhi_llm.evaluate import compare, read_eval_json

    with exits_on_error():
        comparison = compare(read_eval_json(old), read_eval_json(new))
    if as_json:
        print(json.dumps(comparison.as_json(), indent=2, ensure_ascii=False))
        return
    for table in comparison_tables(comparison):
        out.print(table)
    for key in comparison.broken:
        out.print(f"[red]newly wrong[/red] {key}", highlight=False)
    for key in comparison.fixed:
        out.print(f"[green]fixed[/green] {key}", highlight=False)


def main() -> None:
    app()
