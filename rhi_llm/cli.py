"""The `rhi-llm` command line: a thin layer over the library.

Each command parses options, calls one library function, and turns an `RhiError` into a
one-line message and a non-zero exit code. Tracebacks appear only with ``--debug``.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import json
import logging
import os
import sys
import textwrap
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.table import Table
from rich.text import Text
from typer.core import TyperCommand, TyperGroup
from typer.models import CommandFunctionType

from rhi_llm import __version__
from rhi_llm.bulk import in_flight_counter, run_bulk
from rhi_llm.core.contracts import Backend
from rhi_llm.core.errors import RhiError
from rhi_llm.core.files import atomic_write, write_text_atomically
from rhi_llm.core.questionnaires import SHIPPED, check_file, forced, installed, load_file
from rhi_llm.core.records import OutputRow
from rhi_llm.core.redact import install as install_redaction
from rhi_llm.core.redact import redact
from rhi_llm.core.settings import DEFAULT_DB, Settings, build_settings, using
from rhi_llm.core.terminal import PlainConsole, tag, visible
from rhi_llm.core.text import shown_path
from rhi_llm.core.types import Letter, QuestionMap
from rhi_llm.export import write_csv, write_export, write_jsonl
from rhi_llm.extract import default_backend, get_backend
from rhi_llm.letters import find_letters, load, scan_folders
from rhi_llm.pipeline import LetterOutcome
from rhi_llm.progress import BatchProgress, Tally, choose_mode, summary_table
from rhi_llm.questions import find_questions
from rhi_llm.store import SHOWN_PROBLEMS, Store, check_store, open_store
from rhi_llm.summary import letter_contents, summarise, summary_json
from rhi_llm.summary_render import summary_html
from rhi_llm.summary_render import summary_table as render_summary

if TYPE_CHECKING:
    from rhi_llm.evaluate import EvalResult
    from rhi_llm.extract.llm import LlmBackend

OnOutcome = Callable[[LetterOutcome], None]
CHECKOUT = Path(__file__).resolve().parent.parent
"""The repository this package runs from, when it runs from one (an editable install)."""


# --------------------------------------------------------------------------------------------
# Help that reads like a manual: `rhi-llm extract [OPTIONS] PATH...`, `--db FILE`, never a
# Python type such as <list[Path]> or {files}
# --------------------------------------------------------------------------------------------


def _shown_name(param: Any) -> str:
    """An argument's name in usage and help: its metavar (or its name in capitals), with
    "..." when it takes several."""
    name = str(param.metavar or param.name.upper())
    return name if param.nargs == 1 or name.endswith("...") else name + "..."


VALUE_WORDS = {
    **dict.fromkeys(("db", "output", "html", "report", "thresholds"), "FILE"),
    **dict.fromkeys(("questionnaires", "letters", "gold", "cassettes"), "DIR"),
    **dict.fromkeys(("timeout", "latency", "poll_seconds", "batch_seconds"), "SECONDS"),
    **dict.fromkeys(("context_tokens", "max_output"), "TOKENS"),
    **dict.fromkeys(("workers", "concurrency", "retries"), "N"),
    **dict.fromkeys(("output_format", "export_format"), "FORMAT"),
    **dict.fromkeys(("model", "reviewer"), "NAME"),
    "base_url": "URL",
    "fault_rate": "SHARE",
}
"""The word help shows for an option's value (`--db FILE`); others show their own name."""


def _name_values(params: list[Any]) -> None:
    """Give every option that takes a value a word for it (its metavar, else `VALUE_WORDS`,
    else its name in capitals), so help never shows a type placeholder."""
    for param in params:
        takes_value = not (getattr(param, "is_flag", False) or getattr(param, "count", False))
        if param.param_type_name == "option" and takes_value and param.metavar is None:
            param.metavar = VALUE_WORDS.get(param.name, param.name.upper())


NAME_COLUMN = 30
"""The widest option name kept beside its help; a longer one has its help on the next line."""


def _wrapped(text: str, width: int) -> list[str]:
    """The text as lines of at most ``width`` characters, broken only at spaces (never
    inside `--batch-api` or `rhi-llm`); paragraphs (blank lines between) kept apart."""
    lines: list[str] = []
    for paragraph in inspect.cleandoc(text).split("\n\n"):
        if lines:
            lines.append("")
        lines += textwrap.wrap(
            " ".join(paragraph.split()), max(width, 20), break_on_hyphens=False
        ) or [""]
    return lines


def _write_records(formatter: Any, records: list[tuple[str, str]]) -> None:
    """Write name/help pairs as two columns, the help wrapped only at spaces."""
    indent = " " * formatter.current_indent
    column = min(max(len(name) for name, _ in records), NAME_COLUMN)
    help_width = formatter.width - formatter.current_indent - column - 2
    for name, help_text in records:
        lines = _wrapped(help_text, help_width) if help_text else []
        if len(name) > column:
            formatter.write(f"{indent}{name}\n")
        else:
            first = lines.pop(0) if lines else ""
            formatter.write(f"{indent}{name:<{column}}  {first}".rstrip() + "\n")
        for line in lines:
            formatter.write(f"{indent}{'':<{column}}  {line}".rstrip() + "\n")


class PlainHelp:
    """Help that names arguments and values in words and wraps only at spaces."""

    params: list[Any]
    help: str | None

    def format_help_text(self, ctx: Any, formatter: Any) -> None:
        if self.help:
            formatter.write_paragraph()
            text = self.help.partition("\f")[0]
            width = formatter.width - formatter.current_indent - 2
            for line in _wrapped(text, width):
                formatter.write(f"{'':<{formatter.current_indent + 2}}{line}".rstrip() + "\n")

    def format_parameters(self, ctx: Any, formatter: Any) -> None:
        params = [p for p in self.params if p.param_type_name in ("argument", "option")]
        params += [p for p in [ctx.command.get_help_option(ctx)] if p is not None]
        arguments = [
            (_shown_name(p), getattr(p, "help", None) or "")
            for p in params
            if p.param_type_name == "argument"
        ]
        options = [
            record
            for p in params
            if p.param_type_name == "option" and (record := p.get_help_record(ctx)) is not None
        ]
        for title, records in (("Arguments", arguments), ("Options", options)):
            if records:
                with formatter.section(title):
                    _write_records(formatter, records)


class PlainHelpCommand(PlainHelp, TyperCommand):
    """A command whose usage line and help name arguments and values in words."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _name_values(self.params)

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                name = _shown_name(param)
                pieces.append(name if param.required else f"[{name}]")
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        self.format_parameters(ctx, formatter)


class PlainHelpGroup(PlainHelp, TyperGroup):
    """A command group whose options name their values in words."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _name_values(self.params)

    def format_options(self, ctx: Any, formatter: Any) -> None:
        self.format_parameters(ctx, formatter)
        self.format_commands(ctx, formatter)


class PlainHelpTyper(typer.Typer):
    """A typer app whose groups and commands all use the plain help above."""

    def __init__(self, **options: Any) -> None:
        options.setdefault("cls", PlainHelpGroup)
        options.setdefault("rich_markup_mode", None)
        super().__init__(**options)

    def command(
        self, *args: Any, **options: Any
    ) -> Callable[[CommandFunctionType], CommandFunctionType]:
        options.setdefault("cls", PlainHelpCommand)
        return super().command(*args, **options)


app = PlainHelpTyper(
    help=(
        "Turn FOI reply letters about Return Home Interviews into a verified dataset.\n\n"
        "Letters (PDF, DOCX, HTML, e-mail, text) are loaded, matched to the questionnaire "
        "they answer, extracted into the survey schema with a verbatim quote for every "
        "figure, and checked against their own text."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # help texts are plain text: "[env RHI_LLM_DB; default ...]" is not rich markup
    rich_markup_mode=None,
)
out = PlainConsole(soft_wrap=True)
err = PlainConsole(stderr=True, soft_wrap=True)
log = logging.getLogger("rhi_llm")


class State:
    debug = False
    quiet = False  # -q: only errors (and files left out) are printed


def note(*parts: Any) -> None:
    """A line for the person at the terminal (standard error), unless -q asked for quiet."""
    if not State.quiet:
        err.print(*parts, highlight=False)


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
    State.quiet = False
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
    err.print(tag("error", "red"), redact(str(error)), highlight=False)
    if State.debug:
        log.exception("details", exc_info=error)


def fail(message: str, *, code: int = 2, path: Path | str | None = None) -> NoReturn:
    """Print one error line and exit: code 2 when the command was asked wrongly, 1 when the
    work itself failed."""
    report_error(RhiError(message, path=path))
    raise typer.Exit(code=code)


@contextmanager
def exits_on_error(code: int = 1) -> Iterator[None]:
    """Report an `RhiError` raised inside in one line (`report_error`) and exit with ``code``."""
    try:
        yield
    except RhiError as error:
        report_error(error)
        raise typer.Exit(code=code) from None


# --------------------------------------------------------------------------------------------
# Shared options: every setting is built by `build_settings`, options first (see
# rhi_llm/core/settings.py for the order and the environment variables)
# --------------------------------------------------------------------------------------------

MODEL_OPTIONS: dict[str, Any] = {
    "model": Annotated[
        str | None,
        typer.Option(
            "--model",
            help="Model name [env RHI_LLM_MODEL; default gpt-4o-mini].",
            show_default=False,
        ),
    ],
    "base_url": Annotated[
        str | None,
        typer.Option(
            "--base-url",
            help="OpenAI-compatible endpoint [env OPENAI_BASE_URL; default the OpenAI API].",
            show_default=False,
        ),
    ],
    "mode": Annotated[
        str | None,
        typer.Option(
            "--mode",
            help="instructor mode: tools, json_schema, json or md_json "
            "[env RHI_LLM_MODE; default tools].",
            show_default=False,
        ),
    ],
    "concurrency": Annotated[
        int | None,
        typer.Option(
            "--concurrency",
            help="Model requests at once [env RHI_LLM_CONCURRENCY; default 8].",
            show_default=False,
        ),
    ],
    "timeout": Annotated[
        float | None,
        typer.Option(
            "--timeout",
            help="Seconds to wait for one request [env RHI_LLM_TIMEOUT; default 60].",
            show_default=False,
        ),
    ],
    "retries": Annotated[
        int | None,
        typer.Option(
            "--retries",
            help="Retries of a request that failed on the way (rate limit, server error, "
            "timeout) [env RHI_LLM_RETRIES; default 4].",
            show_default=False,
        ),
    ],
    "context_tokens": Annotated[
        int | None,
        typer.Option(
            "--context",
            help="The model's context window in tokens; longer letters are sent in parts "
            "[env RHI_LLM_CONTEXT; default 16000]. Set it to the window your server really "
            "gives (Ollama: its num_ctx; llama.cpp: its context divided by its slots).",
            show_default=False,
        ),
    ],
    "max_output": Annotated[
        int | None,
        typer.Option(
            "--max-output",
            help="Tokens the model may write in one answer; a cut-off answer is asked again "
            "once with twice this [env RHI_LLM_MAX_OUTPUT; default 4000].",
            show_default=False,
        ),
    ],
}
STORE_OPTIONS: dict[str, Any] = {
    "db": Annotated[
        Path | None,
        typer.Option(
            "--db",
            help="The run store (SQLite) that records every letter, extraction, model call and "
            "review decision [env RHI_LLM_DB; default rhi-llm.db in the working folder].",
            show_default=False,
        ),
    ],
}
QUESTIONNAIRE_OPTIONS: dict[str, Any] = {
    "questionnaires": Annotated[
        Path | None,
        typer.Option(
            "--questionnaires",
            help="A folder of your own questionnaire files (TOML), installed beside the shipped "
            "ones [env RHI_LLM_QUESTIONNAIRES; default RHI_LLM_HOME/questionnaires].",
            show_default=False,
        ),
    ],
}
FORCE_OPTIONS: dict[str, Any] = {
    "questionnaire": Annotated[
        str | None,
        typer.Option(
            "--questionnaire",
            metavar="ID|FILE",
            help="Read every letter as answering this questionnaire (an installed id, or a "
            "questionnaire file), instead of detecting each letter's "
            "[env RHI_LLM_QUESTIONNAIRE; default: detected per letter].",
            show_default=False,
        ),
    ],
    "no_ocr": Annotated[
        bool | None,
        typer.Option(
            "--no-ocr",
            help="Do not read scanned pages and images with Tesseract: a scan-only file then "
            "fails as needs_ocr, and a PDF's scanned pages are left unread [env RHI_LLM_OCR=no].",
            show_default=False,
        ),
    ],
}
REVIEWER_OPTIONS: dict[str, Any] = {
    "reviewer": Annotated[
        str | None,
        typer.Option(
            "--reviewer",
            help="Your name, recorded with each decision "
            "[env RHI_LLM_REVIEWER; default: your login name].",
            show_default=False,
        ),
    ],
}


JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON object.")]


def with_settings(
    *, model: bool = False, store: bool = False, reviewer: bool = False, force: bool = False
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Give a command the shared options it needs (the model endpoint's, --db, --reviewer,
    --questionnaires always, --questionnaire with ``force``); it receives them built, with
    the environment, into ``settings: Settings``, and runs with them as the current settings.
    A setting that cannot work is one line and exit code 2."""
    options: dict[str, Any] = {
        **(MODEL_OPTIONS if model else {}),
        **(STORE_OPTIONS if store else {}),
        **(REVIEWER_OPTIONS if reviewer else {}),
        **QUESTIONNAIRE_OPTIONS,
        **(FORCE_OPTIONS if force else {}),
    }

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        signature = inspect.signature(command, eval_str=True)
        kept = [p for p in signature.parameters.values() if p.name != "settings"]
        added = [
            inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=kind)
            for name, kind in options.items()
        ]

        @functools.wraps(command)
        def with_built_settings(**given: Any) -> None:
            chosen = {name: given.pop(name) for name in options}
            if "no_ocr" in chosen:
                chosen["ocr"] = False if chosen.pop("no_ocr") else None
            with exits_on_error(code=2):
                settings = build_settings(**chosen)
            with using(settings):
                with exits_on_error(code=2):
                    installed()  # a questionnaire file that cannot be used is said now
                    forced()
                command(settings=settings, **given)

        parameters = [*kept, *added]
        with_built_settings.__signature__ = signature.replace(  # type: ignore[attr-defined]
            parameters=parameters
        )
        with_built_settings.__annotations__ = {p.name: p.annotation for p in parameters}
        return with_built_settings

    return decorate


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
@with_settings(force=True)
def load_command(
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="PATH",
            help="Letter files, or folders (searched recursively, as extract does).",
            show_default=False,
        ),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON list.")] = False,
    *,
    settings: Settings,
) -> None:
    """Read letters and show what rhi-llm sees in them.

    For each file: its format, pages, characters, sha256, the questionnaire it answers, and
    every question found with its character offsets and the first words of its answer.
    A file that cannot be read prints one error line; the other files still load.
    """
    files, skipped = scan_folders(paths)
    for skip in skipped:
        err.print(tag("skipped", "yellow"), str(skip), highlight=False)
    if not files:
        fail("no letter files found in " + ", ".join(map(shown_path, paths)))
    described: list[dict[str, Any]] = []
    failed = 0
    for path in files:
        try:
            letter = load(path)
        except RhiError as error:
            failed += 1
            report_error(error)
            if as_json:
                described.append(
                    {"path": shown_path(path), "error": error.detail, "reason": error.reason}
                )
            continue
        info = describe(letter, find_questions(letter, only=forced()))
        described.append(info)
        if not as_json:
            _print_letter(info)
    if as_json:
        print(json.dumps(described, indent=2, ensure_ascii=False))
    if failed:
        raise typer.Exit(code=1)


def _print_letter(info: dict[str, Any]) -> None:
    out.print(
        tag(info["path"], "bold"),
        f" {info['format']}, {_plural(info['pages'], 'page')}, "
        f"{info['characters']:,} characters, sha256 {info['sha256'][:12]}… ",
        tag(info["questionnaire"], "cyan"),
        f"(confidence {info['confidence']:.2f})",
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


def choose_backend(name: str | None, settings: Settings, *, cache: bool = True) -> Backend:
    """The backend asked for, or the default with one visible line saying which and why."""
    if name is None:
        name, why = default_backend(settings)
        note("backend:", tag(name, "bold"), f"({redact(why)})")
    with exits_on_error(code=2):
        backend = get_backend(name, settings, cache=cache)
    return backend


LettersArgument = Annotated[
    list[Path] | None,
    typer.Argument(
        metavar="PATH",
        help="Letter files, or folders (searched recursively for letter files).",
        show_default=False,
    ),
]
BackendOption = Annotated[
    str | None,
    typer.Option(
        "--backend",
        help="rules, llm or both [default: llm when OPENAI_API_KEY or "
        "OPENAI_BASE_URL is set, else rules].",
        show_default=False,
    ),
]
BatchApiOption = Annotated[
    bool,
    typer.Option(
        "--batch-api",
        help="Send the letters the store lacks as one OpenAI Batch API job (half the "
        "price, answered within 24 hours) and record its id; collect with --resume.",
    ),
]
ResumeOption = Annotated[
    bool,
    typer.Option(
        "--resume",
        help="Collect the answers of batches sent with --batch-api that have finished, "
        "and record those letters (no PATH needed).",
    ),
]
WaitOption = Annotated[
    bool, typer.Option("--wait", help="With --resume: wait until every batch has finished.")
]
PollOption = Annotated[
    float, typer.Option("--poll-seconds", help="With --wait: seconds between status checks.")
]
RowFormatOption = Annotated[
    str,
    typer.Option(
        "--format",
        help="jsonl (one Output-contract object per letter) or csv (one row per letter).",
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "-o",
        "--output",
        help="Write the rows to this file, or to standard output with -o - [default: "
        "standard output when it is a pipe or a file; on a terminal, rhi-llm-dataset.jsonl "
        "(.csv with --format csv) in the working folder].",
        show_default=False,
    ),
]
WorkersOption = Annotated[
    int | None,
    typer.Option(help="Worker processes, at least 1 [default: one per core].", show_default=False),
]
NoCacheOption = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help="Neither read nor write the model response cache [env RHI_LLM_CACHE; "
        "default RHI_LLM_HOME/responses]; the run store still skips letters it has.",
    ),
]
QuietOption = Annotated[
    bool,
    typer.Option(
        "--quiet",
        "-q",
        help="Print nothing but errors and files left out (and the rows, where they go).",
    ),
]


@app.command("extract")
@with_settings(model=True, store=True, force=True)
def extract_command(
    paths: LettersArgument = None,
    backend: BackendOption = None,
    batch_api: BatchApiOption = False,
    resume: ResumeOption = False,
    wait: WaitOption = False,
    poll_seconds: PollOption = 60.0,
    output_format: RowFormatOption = "jsonl",
    output: OutputOption = None,
    workers: WorkersOption = None,
    no_cache: NoCacheOption = False,
    quiet: QuietOption = False,
    *,
    settings: Settings,
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
        fail(f"unknown format {output_format!r}: use jsonl or csv")
    if workers is not None and workers < 1:
        fail(f"--workers must be at least 1 (got {workers})")
    State.quiet = quiet
    target = dataset_target(output, output_format)
    if target is not None:
        check_writable(target)  # before any work, not after the whole batch
    if batch_api or resume:
        _batch_api_command(
            paths or [],
            backend,
            resume=resume,
            wait=wait,
            poll_seconds=poll_seconds,
            output_format=output_format,
            output=target,
            settings=settings,
        )
        return
    if not paths:
        fail("name the letter files or folders to extract")
    letters, skipped = scan_folders(paths)
    for skip in skipped:  # printed under -q too: a file left out matters as much as one failed
        err.print(tag("skipped", "yellow"), str(skip), highlight=False)
    if not letters:
        fail("no letter files found in " + ", ".join(map(shown_path, paths)))
    chosen = choose_backend(backend, settings, cache=not no_cache)
    tally = Tally(total=len(letters), not_letters=len(skipped))
    rows = _extract_into_store(letters, chosen, settings, tally, workers=workers, quiet=quiet)
    _write_rows(rows, output_format, target)
    if not quiet:
        err.print(summary_table(tally, shown_path(settings.db), rows))
        note(next_step(rows, settings))
    if tally.failed:
        raise typer.Exit(code=1)


def _extract_into_store(
    letters: list[Path],
    backend: Backend,
    settings: Settings,
    tally: Tally,
    *,
    workers: int | None,
    quiet: bool,
) -> list[OutputRow]:
    """Extract what the run store lacks, recording each letter as it is done; the stored
    rows of every letter asked for, in the order asked."""
    with opened_store(settings.db, create=True) as store:
        progress = BatchProgress(
            tally, choose_mode(quiet, err), err, in_flight=in_flight_counter(backend)
        )
        with exits_on_error():  # the store could not be written: stop, keep what is in it
            run_bulk(
                letters,
                backend,
                store,
                workers=workers,
                concurrency=settings.concurrency,
                progress=progress,
                on_error=report_error,
            )
        shown = [shown_path(path) for path in letters]  # as the store holds them
        found = {row.letter.path: row for row in store.current_rows(shown)}
    return [found[path] for path in shown if path in found]


def _batch_api_command(
    paths: list[Path],
    backend: str | None,
    *,
    resume: bool,
    wait: bool,
    poll_seconds: float,
    output_format: str,
    output: Path | None,
    settings: Settings,
) -> None:
    """`extract --batch-api PATH...` (submit) and `extract --resume` (collect); the rows
    collected go to ``output``, or to standard output when it is None."""
    from rhi_llm.extract.llm import LlmBackend

    if resume and paths:
        fail("--resume collects the batches in the store: give no PATH")
    if not resume and not paths:
        fail("--batch-api needs the letter files or folders to send")
    if backend not in (None, "llm"):
        fail("the Batch API is for the model: use --backend llm (or none)")
    if not settings.endpoint_configured:
        fail(
            "the Batch API needs a model endpoint: set OPENAI_API_KEY (or "
            "OPENAI_BASE_URL for a compatible server)"
        )
    chosen = choose_backend("llm", settings, cache=False)
    assert isinstance(chosen, LlmBackend)
    failures: list[RhiError] = []

    def report(outcome: LetterOutcome) -> None:
        if outcome.error is not None:
            failures.append(outcome.error)
            report_error(outcome.error)

    with opened_store(settings.db, create=not resume) as store, exits_on_error():
        if resume:
            rows = _collect_batches(chosen, store, report, wait, poll_seconds)
        else:
            _submit_batch(find_letters(paths), chosen, store, report)
    if resume:
        _write_rows(rows, output_format, output)
    if failures:
        raise typer.Exit(code=1)


def _submit_batch(
    letters: list[Path], backend: LlmBackend, store: Store, report: OnOutcome
) -> None:
    from rhi_llm.batch_api import submit

    sent = submit(letters, backend, store, report)
    if sent.batch_id is None:
        note(
            f"nothing to send: {_plural(sent.skipped, 'letter')} already in the store, "
            f"{sent.failed} unreadable"
        )
        return
    note(
        f"submitted batch {sent.batch_id}: {_plural(sent.requests, 'request')} for "
        f"{_plural(sent.letters, 'letter')} ({sent.skipped} already in the store). "
        f"Collect with: rhi-llm extract --resume --db {store.path}"
    )


def request_counts(counts: dict[str, int]) -> str:
    """A batch's request counts as words: "3 of 5 requests done, 1 failed"."""
    total = counts.get("total", 0)
    done = f"{counts.get('completed', 0)} of {_plural(total, 'request')} done"
    return done + (f", {counts['failed']} failed" if counts.get("failed") else "")


def _collect_batches(
    backend: LlmBackend,
    store: Store,
    report: OnOutcome,
    wait: bool,
    poll_seconds: float,
) -> list[OutputRow]:
    from rhi_llm.batch_api import collect

    def status(batch_id: str, state: str, counts: dict[str, int]) -> None:
        note(f"batch {batch_id}: {state}, {request_counts(counts)}")

    found = collect(backend, store, report, wait=wait, poll_seconds=poll_seconds, on_status=status)
    if not found:
        note("no batch is waiting in the store")
    for batch in found:
        later = (
            f", {len(batch.left_for_later)} changed since and left for a normal run"
            if batch.left_for_later
            else ""
        )
        state = (
            f"collected {_plural(len(batch.outcomes), 'letter')}{later}"
            if batch.status in ("completed", "failed", "expired", "cancelled")
            else "not finished yet: run --resume again later"
        )
        note(f"batch {batch.batch_id}: {batch.status}, {request_counts(batch.counts)}; {state}")
    return [o.row for batch in found for o in batch.outcomes if o.row is not None]


@contextmanager
def opened_store(path: Path, *, create: bool = False) -> Iterator[Store]:
    """The run store, opened; one line and exit code 2 when it cannot be (or, unless
    ``create``, when there is none: a command that reads a store never makes an empty one),
    and exit code 1 when it fails while in use (a store damaged inside opens, then fails on
    a page a query reaches)."""
    if not create and not path.exists():
        fail(
            "no run store here (looked for this file"
            + (", the default in the working folder" if path == DEFAULT_DB else "")
            + "): extract letters into it first with `rhi-llm extract PATH`, or give --db FILE",
            path=path,
        )
    with exits_on_error(code=2):
        store = open_store(path)
    with store, exits_on_error(code=1):
        yield store


DEFAULT_DATASET = "rhi-llm-dataset"
"""On a terminal with no -o, extract writes the rows to this file (.jsonl or .csv)."""


def stdout_is_terminal() -> bool:
    """Whether standard output is a terminal, read by a person rather than a program."""
    return sys.stdout.isatty()


def dataset_target(output: Path | None, output_format: str) -> Path | None:
    """Where extract writes its rows: the -o file; standard output (None) for `-o -` or
    when standard output is a pipe or a file; on a terminal with no -o, a file in the
    working folder, so that a person sees a summary rather than pages of JSON."""
    if output is not None:
        return None if str(output) == "-" else output
    return Path(f"{DEFAULT_DATASET}.{output_format}") if stdout_is_terminal() else None


def check_writable(path: Path) -> None:
    """One line and exit code 2 when a file cannot be written at ``path`` (a folder, a
    missing or read-only folder), said before any work is done."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        fail("is a folder: give a file name to write", path=path)
    if not folder.is_dir():
        fail(f"cannot write the output: the folder {shown_path(folder)} does not exist", path=path)
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        fail("cannot write the output: permission denied", path=path)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def next_step(rows: list[OutputRow], settings: Settings) -> str:
    """The command to run next: review when fields are flagged, else export."""
    db = "" if settings.db == DEFAULT_DB else f" --db {shown_path(settings.db)}"
    flagged = sum(f.verdict == "flagged" for row in rows for f in row.fields.values())
    if flagged:
        return f"next: rhi-llm review{db}  (decide the {_plural(flagged, 'flagged field')})"
    return f"next: rhi-llm export{db} -o dataset.csv  (nothing is flagged for review)"


def _write_rows(rows: list[OutputRow], output_format: str, output: Path | None) -> None:
    writer = write_csv if output_format == "csv" else write_jsonl
    if output is None:
        writer(rows, sys.stdout)
        return
    with exits_on_error(), atomic_write(output, newline="") as handle:
        writer(rows, handle)
    note(f"wrote {_plural(len(rows), 'row')} to {shown_path(output)}")


ExportFormatOption = Annotated[
    str, typer.Option("--format", help="csv (UTF-8 with BOM, for spreadsheets), jsonl or xlsx.")
]


def _rows_for_export(store: Store, backend: str | None) -> list[OutputRow]:
    rows = store.current_rows(backend=backend)
    if not rows:
        which = f" from the {backend} backend" if backend else ""
        fail(
            f"the run store has no extracted letters{which}; run "
            "`rhi-llm extract PATH --db FILE` first",
            path=store.path,
            code=1,
        )
    return rows


@app.command("export")
@with_settings(store=True)
def export_command(
    output: Annotated[Path, typer.Option("-o", "--output", help="The file to write.")],
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
    *,
    settings: Settings,
) -> None:
    """Write the dataset from the run store, with reviewers' decisions applied.

    Wide (the default): one row per letter, and for each field its published value, unit,
    status, flag count and review state. Long (--long): one row per field, with the evidence
    and both the extracted and the published value, so a correction never hides what the
    extraction said. Each letter path contributes its newest extraction.
    """
    if export_format not in ("csv", "jsonl", "xlsx"):
        fail(f"unknown format {export_format!r}: use csv, jsonl or xlsx")
    with opened_store(settings.db) as store:
        rows = _rows_for_export(store, backend)
        decisions = store.decisions()
    with exits_on_error():
        written = write_export(
            rows,
            decisions,
            output,
            fmt=export_format,  # type: ignore[arg-type]
            long=long,
        )
    what = "field row" if long else "letter row"
    err.print(
        f"wrote {_plural(written, what)} ({_plural(len(rows), 'letter')}, "
        f"{_plural(len(decisions), 'review decision')} applied) to {output}",
        highlight=False,
    )


@app.command("summary")
@with_settings(store=True)
def summary_command(
    html: Annotated[
        Path | None,
        typer.Option(
            "--html",
            help="Also write a self-contained HTML page with charts [default: none].",
            show_default=False,
        ),
    ] = None,
    as_json: JsonOption = False,
    backend: Annotated[
        str | None,
        typer.Option(
            "--backend",
            help="Only this backend's extractions [default: each letter's newest].",
            show_default=False,
        ),
    ] = None,
    include_unreviewed: Annotated[
        bool,
        typer.Option(
            "--include-unreviewed",
            help="Count rates that used a flagged figure nobody has reviewed yet (left out and "
            "listed apart by default). Rates outside 0-100% are never counted.",
        ),
    ] = False,
    *,
    settings: Settings,
) -> None:
    """The table researchers publish: per council the offered, completed and within-72-hours
    rates (computed from counts, or taken from the percentage the council stated, and marked
    which), and across councils how each rate is distributed. Reviewed values are used
    where a reviewer decided; rates awaiting review and impossible rates are listed apart."""
    with opened_store(settings.db) as store:
        rows = _rows_for_export(store, backend)
        contents = letter_contents(rows, store.document)
        result = summarise(rows, store.decisions(), contents, include_unreviewed=include_unreviewed)
    if as_json:
        print(json.dumps(summary_json(result), indent=2, ensure_ascii=False))
    else:
        out.print(render_summary(result))
    if html is not None:
        with exits_on_error():
            write_text_atomically(html, summary_html(result))
        err.print(f"wrote {html}", highlight=False)


review_app = PlainHelpTyper(
    help="Review flagged fields: in the terminal, or through a spreadsheet.",
    invoke_without_command=True,
    no_args_is_help=False,
    rich_markup_mode=None,
)
app.add_typer(review_app, name="review")


def _reviewer(name: str | None) -> str:
    """The reviewer's name given, else the login name; one line and exit 2 when the name
    cannot be recorded (empty, or with a control character)."""
    from rhi_llm.review import ReviewInputError, reviewer_name

    if name is None:
        import getpass

        try:
            name = getpass.getuser()
        except Exception:  # no login name to be had
            fail("say who is reviewing: --reviewer NAME")
    try:
        return reviewer_name(name)
    except ReviewInputError as problem:
        fail(str(problem))


@review_app.callback()
@with_settings(store=True, reviewer=True)
def review_command(
    ctx: typer.Context,
    field: Annotated[
        str | None,
        typer.Option(
            "--field",
            help="Only this field id, e.g. rhi_offered [default: every field].",
            show_default=False,
        ),
    ] = None,
    council: Annotated[
        str | None,
        typer.Option(
            "--council",
            help="Only councils whose name contains this [default: every council].",
            show_default=False,
        ),
    ] = None,
    web: Annotated[
        bool,
        typer.Option(
            "--web",
            help="Review in your browser instead: a page on this computer only "
            "(127.0.0.1), opened with a one-time token, showing each figure on the letter's "
            "own page.",
        ),
    ] = False,
    port: Annotated[
        int,
        typer.Option("--port", help="With --web: the port to serve on [default: any free one]."),
    ] = 0,
    no_open: Annotated[
        bool,
        typer.Option("--no-open", help="With --web: print the address, do not open a browser."),
    ] = False,
    *,
    settings: Settings,
) -> None:
    """Walk the flagged fields one by one and decide each.

    Each screen shows the council, the question as asked, the extracted value (and the other
    backend's, and any derived count), why it was flagged, and the letter's answer with the
    quote highlighted and its page. Type a then Enter to accept, c VALUE to correct
    (c 642, c 87.7%), s h|e|r|n to set a status (not held, exempt, refused, not answered),
    k or Enter to skip, b to go back, q to quit. Each decision is saved at once with your name
    (without --reviewer, a terminal session first asks for it, Enter keeping RHI_LLM_REVIEWER
    or your login name; otherwise the name used is said) and the time; run the command again
    to carry on where you stopped. The extracted value is never overwritten: exports show both.
    """
    if ctx.invoked_subcommand is not None:
        return
    from rhi_llm.review import ReviewInputError, review_items
    from rhi_llm.review_tui import ReviewSession

    name = _reviewer(settings.reviewer)
    if web:
        _review_in_browser(settings.db, name, port=port, open_browser=not no_open)
        return
    source = ctx.get_parameter_source("reviewer")  # typer's own click: compared by name
    given = source is not None and source.name == "COMMANDLINE"
    name_from = "from RHI_LLM_REVIEWER" if settings.reviewer else "your login name"
    with opened_store(settings.db) as store:
        try:
            items = review_items(store, field=field, council=council)
        except ReviewInputError as problem:
            fail(str(problem))
        session = ReviewSession(
            store,
            items,
            name,
            out,
            name_from=None if given else name_from,
            confirm_name=not given and sys.stdin.isatty(),
        )
        with exits_on_error():  # the store could not be written
            result = session.run()
    out.print(
        f"this session: {result.accepted} accepted, {result.corrected} corrected, "
        f"{result.status_set} statuses set, {result.skipped} skipped; "
        f"{result.left} flagged fields still to decide"
        + ("; run `rhi-llm review` again to carry on" if result.left else ""),
        highlight=False,
    )


def _review_in_browser(db: Path, reviewer: str, *, port: int, open_browser: bool) -> None:
    """Serve the browser review until Ctrl-C (one line if the port cannot be had)."""
    from rhi_llm.review_web import serve

    with opened_store(db) as store:
        _rows_for_export(store, None)  # a clear error for an empty store
    try:
        serve(db, reviewer, port=port, open_browser=open_browser)
    except OSError as problem:
        fail(f"cannot serve the review on 127.0.0.1:{port} ({problem.strerror or problem})")


@review_app.command("export")
@with_settings(store=True)
def review_export_command(
    output: Annotated[Path, typer.Option("-o", "--output", help="The CSV file to write.")],
    field: Annotated[
        str | None,
        typer.Option(
            "--field", help="Only this field id [default: every field].", show_default=False
        ),
    ] = None,
    council: Annotated[
        str | None,
        typer.Option(
            "--council",
            help="Only councils whose name contains this [default: every council].",
            show_default=False,
        ),
    ] = None,
    *,
    settings: Settings,
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

    with opened_store(settings.db) as store:
        try:
            written = export_review_csv(store, output, field=field, council=council)
        except ReviewInputError as problem:
            fail(str(problem))
        except RhiError as error:  # the sheet could not be written
            report_error(error)
            raise typer.Exit(code=1) from None
    err.print(f"wrote {_plural(written, 'flagged field')} to {output}", highlight=False)


@review_app.command("import")
@with_settings(store=True, reviewer=True)
def review_import_command(
    sheet: Annotated[Path, typer.Argument(help="The filled-in review sheet (CSV).")],
    *,
    settings: Settings,
) -> None:
    """Record the decisions of a filled-in review sheet.

    Every row is checked first (known letter and field, a decision word, a valid number,
    option or status, a reviewer); if any row has a problem, every problem is listed with
    its line number and nothing is recorded. Rows with an empty decision are skipped; rows
    whose reviewer cell is empty take the --reviewer name.
    """
    from rhi_llm.review_csv import apply_review_csv

    default = _reviewer(settings.reviewer) if settings.reviewer is not None else None
    with opened_store(settings.db) as store:
        try:
            result = apply_review_csv(sheet, store, default_reviewer=default)
        except OSError as exc:
            fail(f"cannot read the sheet ({exc.strerror or exc})", path=sheet, code=1)
        except RhiError as error:
            report_error(error)
            raise typer.Exit(code=1) from None
    if result.problems:
        for problem in result.problems:
            err.print(tag(str(sheet), "red"), str(problem), highlight=False)
        err.print(
            f"{_plural(len(result.problems), 'problem')}: nothing was recorded; fix the sheet and "
            "import it again",
            highlight=False,
        )
        raise typer.Exit(code=1)
    read_as = f" (read as {result.encoding})" if result.encoding != "utf-8" else ""
    err.print(
        f"recorded {_plural(result.applied, 'decision')}; {result.unchanged} already "
        f"recorded, {_plural(result.skipped, 'row')} without a decision{read_as}",
        highlight=False,
    )


store_app = PlainHelpTyper(
    help="Look after a run store: check that SQLite can read all of it.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(store_app, name="store")

DAMAGED_STORE_ADVICE = (
    "What to do: keep this file as it is (copy it aside before anything else); restore it "
    "from a backup if you have one; otherwise run the extraction again into a new store "
    "(`rhi-llm extract LETTERS --db NEW.db`). Review decisions are in the damaged file too: "
    "the sqlite3 shell's `.recover` command (`sqlite3 {db} .recover | sqlite3 saved.db`) "
    "saves the rows that can still be read."
)


@store_app.command("check")
@with_settings(store=True)
def store_check(*, settings: Settings) -> None:
    """Run SQLite's integrity check on the whole run store, reading only; exit 1 when it
    finds damage, and say what to do."""
    with exits_on_error(code=2):
        found = check_store(settings.db)
    counts = (
        ", ".join(f"{n} {table.replace('_', ' ')}" for table, n in found.counts.items())
        if found.counts is not None
        else "its tables cannot be counted"
    )
    if found.ok:
        out.print(
            f"ok {found.path}: SQLite's integrity check found no damage ({counts})",
            markup=False,
            highlight=False,
        )
        return
    err.print(
        f"damaged {found.path}: SQLite's integrity check found "
        f"{_plural(len(found.problems), 'problem')}"
        f"{' or more' if len(found.problems) >= SHOWN_PROBLEMS else ''} ({counts})",
        markup=False,
        highlight=False,
    )
    for problem in found.problems[:SHOWN_PROBLEMS]:
        err.print(f"  {problem}", markup=False, highlight=False)
    err.print(DAMAGED_STORE_ADVICE.format(db=found.path), markup=False, highlight=False)
    raise typer.Exit(code=1)


@app.command("report")
@with_settings(store=True)
def report_command(
    output: Annotated[Path, typer.Option("-o", "--output", help="The HTML file to write.")],
    *,
    settings: Settings,
) -> None:
    """One self-contained HTML page for review and publication checks.

    The batch table (letters by fields; flagged cells coloured, reviewed cells marked) and,
    for each letter, its text with every quote highlighted and linked from its field, and
    the flags explained. Nothing is fetched when the page is opened.
    """
    from rhi_llm.report import report_from_store

    with opened_store(settings.db) as store:
        _rows_for_export(store, None)  # a clear error for an empty store
        page = report_from_store(store)
    with exits_on_error():
        write_text_atomically(output, page)
    err.print(f"wrote {output} ({len(page.encode()) / 1e6:.1f} MB)", highlight=False)


@app.command("questionnaires")
@with_settings()
def questionnaires_command(as_json: JsonOption = False, *, settings: Settings) -> None:
    """List the installed questionnaires and where each came from.

    The shipped ones (rhi-2018, rhi-2024 and others in the package), those in your folder
    (--questionnaires, or RHI_LLM_QUESTIONNAIRES, by default RHI_LLM_HOME/questionnaires),
    and one named by --questionnaire FILE. Letters are matched against all of them.
    """
    shown = [
        {
            "id": q.id,
            "title": q.title,
            "period": q.period.label,
            "questions": len(q.questions),
            "fields": len(q.fields),
            "source": "shipped" if Path(q.source).parent == SHIPPED else q.source,
            "hash": q.hash,
        }
        for q in installed()
    ]
    if as_json:
        print(json.dumps(shown, indent=2, ensure_ascii=False))
        return
    table = Table(title="Installed questionnaires")
    for column in ("id", "title", "period", "questions", "fields", "source"):
        table.add_column(column, justify="right" if column in ("questions", "fields") else "left")
    for row in shown:
        table.add_row(*(str(row[c]) for c in ("id", "title", "period", "questions", "fields")),
                      str(row["source"]))  # fmt: skip
    out.print(table)


questionnaire_app = PlainHelpTyper(
    help="Check a questionnaire file before you install it.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(questionnaire_app, name="questionnaire")


@questionnaire_app.command("check")
def questionnaire_check_command(
    file: Annotated[
        Path, typer.Argument(help="The questionnaire file (TOML).", show_default=False)
    ],
) -> None:
    """Validate a questionnaire file: every problem on one line, with where it is (the
    question or field), and exit code 1; nothing is installed. A file with no problem says
    what it defines. See rhi_llm/questionnaires/ for the shipped ones."""
    problems = check_file(file)
    for problem in problems:
        err.print(f"error {problem}", markup=False, highlight=False)
    if problems:
        err.print(f"{_plural(len(problems), 'problem')} in {file}", markup=False, highlight=False)
        raise typer.Exit(code=1)
    checked = load_file(file)
    out.print(
        f"{file}: questionnaire {checked.id}: {_plural(len(checked.questions), 'question')}, "
        f"{_plural(len(checked.fields), 'field')}, period {checked.period.label}, "
        f"{_plural(len(checked.rates), 'rate')}; no problems",
        markup=False,
        highlight=False,
    )


@app.command("doctor")
@with_settings(model=True)
def doctor_command(as_json: JsonOption = False, *, settings: Settings) -> None:
    """Probe the configured model endpoint cheaply, and print the settings that work with it.

    A few short requests: one hello (a rejected key, an unknown model or address end it; a
    model that refuses temperature is a reasoning model), one tiny structured request in each
    instructor mode (tools, json_schema, json, md_json) and one with strict outputs, and one
    request of the size extraction would send (--context less --max-output) to find the
    window the server really gives: a server that refuses it usually names its window; one
    that cuts the prompt silently (Ollama) reports how much it kept. Prints what to set
    (RHI_LLM_MODE, RHI_LLM_CONTEXT, RHI_LLM_MAX_OUTPUT, RHI_LLM_REASONING, RHI_LLM_STRICT);
    exit code 1 when extraction would not work.
    """
    import asyncio

    from rhi_llm.doctor import diagnose

    if not settings.endpoint_configured:
        fail(
            "no model endpoint to probe: set OPENAI_API_KEY (or OPENAI_BASE_URL for a "
            "compatible server)",
            code=1,
        )
    found = asyncio.run(diagnose(settings))
    if as_json:
        print(json.dumps(found.as_json(), indent=2))
    else:
        table = Table(title=f"{found.model} at {found.endpoint}", show_edge=False)
        table.add_column("probe")
        table.add_column("result")
        for probe in found.probes:
            mark = (
                tag("ok", "green")
                if probe.ok
                else tag("no", "yellow")
                if probe.optional
                else tag("failed", "red")
            )
            table.add_row(probe.name, Text.assemble(mark, " ", visible(redact(probe.detail))))
        out.print(table)
        if found.usable:
            chosen = found.settings()
            out.print("settings to use:" if chosen else "the settings you have work")
            for name, value in chosen.items():
                out.print(f"  export {name}={value}", highlight=False)
        else:
            out.print(tag("extraction would not work with this endpoint as configured", "red"))
    if not found.usable:
        raise typer.Exit(code=1)


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
    profile: Annotated[
        str | None,
        typer.Option(
            help="Behave like a real server: openai, openai-reasoning, azure, vllm, llamacpp "
            "or ollama (its window, errors and quirks; see rhi_llm/testing/profiles.py) "
            "[default: none, a plain OpenAI-compatible server]."
        ),
    ] = None,
) -> None:
    """Serve a fake OpenAI-compatible endpoint on loopback, for trying the model path offline.

    It is not a model: each answer is what the rules backend reads in the letter sent to it.
    It also takes Batch API jobs (files, batches), answered after --batch-seconds.
    Point rhi-llm at it with OPENAI_BASE_URL=http://127.0.0.1:PORT/v1 (any OPENAI_API_KEY;
    with --profile azure, .../openai/v1). Try `rhi-llm doctor` against a --profile to see
    what it finds. Stop it with Ctrl-C.
    """
    import time

    from rhi_llm.testing.fake_server import FakeOpenAI
    from rhi_llm.testing.profiles import PROFILES

    if profile is not None and profile not in PROFILES:
        fail(f"unknown profile {profile!r}: use one of {', '.join(PROFILES)}")
    if not 0 <= port <= 65535:
        fail(f"--port must be between 0 and 65535 (got {port})")
    server = FakeOpenAI(
        latency=latency,
        fault_rate=fault_rate,
        port=port,
        batch_seconds=batch_seconds,
        profile=profile,
    )
    try:
        server.start()
    except OSError as problem:  # the port is taken, or not ours to use
        fail(f"cannot listen on 127.0.0.1:{port}: {problem.strerror or problem}")
    shown = f", imitating {profile}" if profile else ""
    err.print(
        f"fake OpenAI-compatible server (rules answers, not a model{shown}) at {server.base_url}",
        highlight=False,
    )
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()


@app.command(
    "bench",
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    add_help_option=False,
)
def bench_command(ctx: typer.Context) -> None:
    """Benchmarks that print figures: verifier recall, extraction speed, bulk runs, crash
    recovery and reliability (`rhi-llm bench --help` lists them).

    They read the repository's eval/ letters and gold answers, so they run from a checkout
    of the rhi-llm repository (installed with `pip install -e .`), not from an installed wheel.
    """
    load_benchmarks()(ctx.args, prog_name="rhi-llm bench")


def load_benchmarks() -> typer.Typer:
    """The `bench` commands, from the checkout this package runs from; one line saying what
    is needed when there is none. The one place the product reaches the benchmarks, lazily
    and by name (import-linter keeps every module of rhi_llm from importing them)."""
    checkout = CHECKOUT
    if not (checkout / "benchmarks" / "cli.py").is_file() or not (checkout / "eval").is_dir():
        fail(
            "the benchmarks are not installed with rhi-llm: they read the repository's eval/ "
            "letters, so run them from a checkout (git clone, then pip install -e .)"
        )
    if str(checkout) not in sys.path:
        sys.path.insert(0, str(checkout))
    bench_app: typer.Typer = importlib.import_module("benchmarks.cli").bench_app
    return bench_app


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
EvalBackendOption = Annotated[
    str, typer.Option("--backend", help="Extraction backend to score: rules (offline) or llm.")
]
ReportOption = Annotated[
    Path | None,
    typer.Option("--report", help="Write a Markdown report of every wrong field [default: none]."),
]
ThresholdsOption = Annotated[
    Path | None,
    typer.Option(
        "--thresholds",
        help="TOML of minimum/maximum scores per backend; exit 1 "
        "when one is crossed (e.g. eval/thresholds.toml) [default: none].",
    ),
]
CompareOption = Annotated[
    tuple[Path, Path] | None,
    typer.Option(
        "--compare",
        metavar="OLD.json NEW.json",
        help="Compare two saved --json outputs instead of running the eval [default: none].",
    ),
]
CassettesOption = Annotated[
    Path | None,
    typer.Option(
        "--cassettes",
        help="Replay the model's answers from this folder of vcrpy cassettes "
        "(offline), e.g. cassettes/authored [default: none, call the model].",
    ),
]
RecordOption = Annotated[
    bool,
    typer.Option(
        "--record",
        help="With --cassettes and a key: call the model and record new "
        "cassettes (with 'recorded' provenance) into the folder.",
    ),
]


@app.command("eval")
@with_settings(model=True, force=True)
def eval_command(
    backend: EvalBackendOption = "rules",
    gold: GoldOption = Path("eval/gold"),
    letters: LettersOption = None,
    as_json: JsonOption = False,
    report: ReportOption = None,
    thresholds: ThresholdsOption = None,
    compare: CompareOption = None,
    cassettes: CassettesOption = None,
    record: RecordOption = False,
    *,
    settings: Settings,
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
    if cassettes is not None and not record and not cassettes.is_dir():
        fail("no such cassettes folder to replay (check the --cassettes path)", path=cassettes)
    with exits_on_error():
        limits = evaluate.load_thresholds(thresholds, backend) if thresholds else []
        chosen = _eval_backend(backend, cassettes, record, settings)
        result = evaluate.evaluate_folder(gold, chosen, letters, concurrency=settings.concurrency)
    if report is not None:
        with exits_on_error():
            write_text_atomically(report, eval_report.markdown_report(result))
    _eval_print(result, as_json=as_json)
    regressions = evaluate.check_thresholds(result, limits)
    for line in eval_report.regression_lines(regressions):
        err.print(line, markup=False, highlight=False)
    if regressions:
        raise typer.Exit(code=1)


def _eval_backend(name: str, cassettes: Path | None, record: bool, settings: Settings) -> Backend:
    """The backend to score; with --cassettes, the model backend replaying (or recording)."""
    if cassettes is None:
        if record:
            raise RhiError("--record needs --cassettes FOLDER to record into")
        return get_backend(name, settings)
    if name not in ("llm", "both"):
        raise RhiError("--cassettes replays the model backend: use --backend llm")
    if record and not settings.endpoint_configured:
        raise RhiError("--record calls the model: set OPENAI_API_KEY (or OPENAI_BASE_URL)")
    from rhi_llm.extract.both import BothBackend
    from rhi_llm.extract.llm import LlmBackend

    kind = LlmBackend if name == "llm" else BothBackend
    if record:
        return kind(settings, cassettes=cassettes, record=True)
    return kind.replaying(cassettes, settings)


def _eval_print(result: EvalResult, *, as_json: bool) -> None:
    from rhi_llm.eval_report import terminal_tables

    if as_json:
        print(json.dumps(result.as_json(), indent=2, ensure_ascii=False))
    else:
        for note in result.notes:
            out.print(tag("note", "bold yellow"), note, highlight=False)
        for table in terminal_tables(result):
            out.print(table)
    for run in result.runs:
        if run.error:
            err.print(tag("failed", "red"), f"{run.letter}: {redact(run.error)}", highlight=False)
    for reason in result.skipped:
        err.print(tag("skipped", "yellow"), reason, highlight=False)
    for problem in result.gold_problems:
        err.print(tag("gold problem", "red"), problem, highlight=False)


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
        out.print(tag("newly wrong", "red"), key, highlight=False)
    for key in comparison.fixed:
        out.print(tag("fixed", "green"), key, highlight=False)


def main() -> None:
    """The `rhi-llm` command. An `RhiError` that no command turned into its own line is
    reported here, in one line, rather than as a traceback."""
    try:
        app(prog_name="rhi-llm")
    except RhiError as error:
        report_error(error)
        sys.exit(1)
